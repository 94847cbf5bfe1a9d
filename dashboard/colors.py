"""One colour per region, the same on every chart, and the coverage-matrix colours.

Okabe & Ito's palette stays distinguishable for the common colour-vision deficiencies.
Colours are handed out by region_id in sorted order over the warehouse's regions, so a
region keeps its colour whatever subset a chart shows; regions that only exist in a
user's upload are appended after them so they never shift the four plans' colours.
"""

from __future__ import annotations

from collections.abc import Iterable

# Yellow (#F0E442) is last: it is hard to read on white, so the first regions avoid it.
OKABE_ITO = [
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermillion
    "#56B4E9",  # sky blue
    "#000000",  # black
    "#F0E442",  # yellow
]

# Coverage matrix: a number, words only, nothing.  Symbols are drawn too, so the
# matrix never relies on colour alone.
COVERAGE_COLORS = {
    "quantitative": "#0072B2",
    "qualitative": "#E69F00",
    "none": "#EEEEEE",
}

SCOPE_PATTERNS = {  # bar fill pattern per target scope: cumulative targets look different
    "stock": "",
    "new": "/",
    "annual": ".",
    "ratio": "",
}


def region_colors(known_region_ids: Iterable[str], extra_region_ids: Iterable[str] = ()) -> dict[str, str]:
    """Map region_id → colour: warehouse regions first (sorted), uploaded regions after."""
    ordered = sorted({str(r) for r in known_region_ids})
    extras = sorted({str(r) for r in extra_region_ids} - set(ordered))
    return {rid: OKABE_ITO[i % len(OKABE_ITO)] for i, rid in enumerate(ordered + extras)}


# Targets no category places ("unmapped"): the same meanings in grey, so the sixth group is
# visibly not a sixth link.
UNMAPPED_COLOR = "#8C8C8C"
UNMAPPED_COVERAGE_COLORS = {
    "quantitative": "#7A7A7A",
    "qualitative": "#B5B5B5",
    "none": "#F2F2F2",
}
