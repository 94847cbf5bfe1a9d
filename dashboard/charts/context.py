"""What an exported image must carry beyond title and source: where per-10k figures are drawn, the
population each region was divided by and its year, or that the reader supplied the figure."""

from __future__ import annotations

import re
from dataclasses import replace

from dashboard.i18n import pick

from .style import ChartStyle
from .text import is_missing

PER_10K_SUFFIX = "/万人"  # services.comparisons.add_measure writes per-10k units so
USER_FIGURE = "user-supplied figure"  # services.comparisons.with_population_overrides starts its note so
NOTE_YEAR = re.compile(r"\byear (\d{4})")  # etl.normalize.context writes "…, year 2020, …"
WORDS = {
    "head": ("每万人口按常住人口计：", "Per 10,000 residents, dividing by: "),
    "user": ("用户输入", "user-supplied"),
    "sep": ("；", "; "),
}


def _denominator(record: dict, region_label: str, lang: str) -> str:
    # Written with every digit the source gives (128.8万人, not 129万人): it is what a reader checks.
    population_10k = float(record["population_10k"])
    population = f"{population_10k:g}万人" if lang != "en" else f"{round(population_10k * 10_000):,d} residents"
    note = str(record.get("population_note") or "")
    if note.startswith(USER_FIGURE):
        when = pick(WORDS["user"], lang)
    else:
        year = NOTE_YEAR.search(note)
        when = (year.group(1) + ("年" if lang != "en" else "")) if year else ""
    if not when:
        return f"{region_label} {population}"
    return f"{region_label} {population}（{when}）" if lang != "en" else f"{region_label} {population} ({when})"


def denominator_line(records: list[dict], region_labels: dict[str, str], lang: str) -> str:
    """"每万人口按常住人口计：甲市 60.4万人（2020年）；…" for the regions with a per-10k bar; "" when none."""
    drawn = {}
    for r in records:
        if (str(r.get("shown_unit") or "").endswith(PER_10K_SUFFIX) and not is_missing(r.get("shown_value"))
                and not is_missing(r.get("population_10k")) and r["region_id"] in region_labels):
            drawn.setdefault(r["region_id"], r)
    parts = [_denominator(drawn[rid], region_labels[rid], lang) for rid in region_labels if rid in drawn]
    return pick(WORDS["head"], lang) + pick(WORDS["sep"], lang).join(parts) if parts else ""


def with_denominators(style: ChartStyle, records: list[dict], region_labels: dict[str, str]) -> ChartStyle:
    """The style with the denominator line among its context lines, where per-10k figures are drawn."""
    line = denominator_line(records, region_labels, style.lang)
    return replace(style, context=style.context + (line,)) if line else style
