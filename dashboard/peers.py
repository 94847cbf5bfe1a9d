"""Peer groups: which regions a page shows, chosen the way Our World in Data's entity selector works.

Plain functions on the `regions` table (no Streamlit), so they are tested without a browser.
dashboard.ui.peer_picker draws the widgets; a page gets back a `Peers` and reads `.ids`/`.anchor`.

A peer group is one short URL value (parameter `peers`; the data, compare, indicator and instruments
pages use `regions`, the key the compare and data pages' region lists had, so an old
`regions=341181,320282` link opens those regions as a hand-picked group):

    (absent)          the default view: every region while there are at most SMALL_WAREHOUSE,
                      else the four seed regions (SEED_IDS, those present)
    all               every region
    province:341181   the regions sharing the anchor's province (also `level`, `kind`, `city`)
    341181,320282     exactly these regions ("custom"; short codes are the region ids)

The anchor is the region the reader stands in (highlighted on every chart); pages that have a
region of their own (profile, standing) pass it and it overrides the one in the value. Filters
(province, parent city, admin level, plan kind, period) narrow any group; each is its own
parameter (`pf_prov`, `pf_city`, `pf_level`, `pf_kind`, `pf_period`), so a link carries them too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

SEED_IDS = ("341181", "320282", "320900", "370402")  # the four plans the project started from
# Preset → the regions column a peer must share with the anchor (None: not anchored).
PRESETS: dict[str, str | None] = {"seed": None, "province": "province", "city": "parent",
                                  "level": "admin_level", "kind": "plan_kind", "all": None, "custom": None}
ANCHORED = tuple(p for p, column in PRESETS.items() if column)
# Filter URL key → what it compares.  "period" is "2024-2026" (plan start–end).
FILTERS = {"pf_prov": "province", "pf_city": "parent", "pf_level": "admin_level", "pf_kind": "plan_kind",
           "pf_period": "period"}
SMALL_WAREHOUSE = 12  # up to this many regions the default shows them all, as before peer groups
MAX_CUSTOM = 200  # a hand-picked group longer than this is a preset or a filter, not a list


@dataclass(frozen=True)
class PeerChoice:
    preset: str = "seed"
    anchor: str | None = None
    ids: tuple[str, ...] = ()                        # the regions of a custom group
    filters: tuple[tuple[str, str], ...] = field(default=())  # (URL key, value), sorted

    def filter_dict(self) -> dict[str, str]:
        return dict(self.filters)


def with_period(regions: pd.DataFrame) -> pd.DataFrame:
    """regions plus a `period` column ("2024-2026"), the value the period filter matches."""
    out = regions.copy()
    start = out["period_start"].astype("Int64").astype("string").fillna("")
    end = out["period_end"].astype("Int64").astype("string").fillna("")
    out["period"] = start + "-" + end
    return out


def _text(values) -> list[str]:
    """A column's values as text, "" for a missing one (plain Python: a few dozen regions cost
    microseconds, where pandas' string dtypes cost milliseconds on every rerun of every page)."""
    return ["" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(v) for v in values]


def _years(values) -> list[str]:
    return ["" if v is None or v is pd.NA or (isinstance(v, float) and v != v) else str(int(v)) for v in values]


def filter_options(regions: pd.DataFrame) -> dict[str, list[str]]:
    """For each filter key, the non-empty values present (sorted), for the picker's select boxes."""
    periods = [f"{a}-{b}" for a, b in zip(_years(regions["period_start"].tolist()), _years(regions["period_end"].tolist()))]
    options = {}
    for key, column in FILTERS.items():
        values = periods if column == "period" else _text(regions[column].tolist())
        options[key] = sorted({v for v in values if v.strip()})
    return options


def parse(raw: str | None, region_ids: Sequence[str]) -> tuple[PeerChoice, list[str]]:
    """(choice, rejected parts) from a URL value; unknown ids and presets are dropped and reported."""
    known = set(region_ids)
    if raw is None or not str(raw).strip():
        return PeerChoice(), []
    text = str(raw).strip()
    head, _, tail = text.partition(":")
    if head == "all" and not tail:
        return PeerChoice("all"), []
    if head in ANCHORED:
        if tail in known:
            return PeerChoice(head, anchor=tail), []
        return PeerChoice(head), ([tail] if tail else [])
    items = [i.strip() for i in text.split(",") if i.strip()]
    good = list(dict.fromkeys(i for i in items if i in known))[:MAX_CUSTOM]
    bad = [i for i in items if i not in known]
    return (PeerChoice("custom", ids=tuple(good)) if good else PeerChoice()), bad


def parse_filters(params: Mapping[str, str], regions: pd.DataFrame) -> tuple[tuple[tuple[str, str], ...], list[str]]:
    """Filters from URL parameters, each checked against the values present; (filters, rejected)."""
    options = filter_options(regions)
    good, bad = [], []
    for key in FILTERS:
        value = params.get(key)
        if value is None or value == "":
            continue
        (good if value in options[key] else bad).append((key, str(value)))
    return tuple(sorted(good)), [v for _, v in bad]


def encode(choice: PeerChoice) -> str | None:
    """The URL value of a choice (None for the default, so a default link stays bare)."""
    if choice.preset == "seed":
        return None
    if choice.preset == "custom":
        return ",".join(choice.ids) or None
    if choice.preset in ANCHORED and choice.anchor:
        return f"{choice.preset}:{choice.anchor}"
    return choice.preset


def apply_filters(regions: pd.DataFrame, filters: Mapping[str, str]) -> pd.DataFrame:
    if not filters:
        return regions
    frame = with_period(regions)
    keep = pd.Series(True, index=frame.index)
    for key, value in filters.items():
        keep &= frame[FILTERS[key]].astype("string").fillna("") == value
    return regions[keep.to_numpy()]


def resolve(choice: PeerChoice, regions: pd.DataFrame) -> tuple[str, ...]:
    """The group's region ids, in the regions table's order; the anchor is always in its group."""
    ids = regions["region_id"].astype(str)
    if choice.preset == "all":
        group = regions
    elif choice.preset == "custom":
        group = regions[ids.isin(choice.ids).to_numpy()]
    elif choice.preset in ANCHORED and choice.anchor in set(ids):
        column = regions[PRESETS[choice.preset]].astype("string").fillna("")
        value = column[(ids == choice.anchor).to_numpy()].iloc[0]
        # A missing value (a generated plan with no province) is not a shared one.
        group = regions[((column == value) & (value != "")).to_numpy()]
    elif ids.nunique() <= SMALL_WAREHOUSE:
        group = regions
    else:
        seeds = ids.isin(SEED_IDS)
        group = regions[seeds.to_numpy()] if seeds.any() else regions.head(len(SEED_IDS))
    # dict.fromkeys: a region with two plans has two rows in `regions`.
    chosen = list(dict.fromkeys(apply_filters(group, choice.filter_dict())["region_id"].astype(str)))
    if choice.anchor and choice.anchor in set(ids) and choice.anchor not in chosen:
        chosen = [choice.anchor] + chosen
    return tuple(chosen)


def label(row: Mapping, lang: str = "zh") -> str:
    """What the picker lists and searches: the Chinese name, English name, region id (GB code or
    x-<pinyin>, so typing pinyin finds generated regions) and the province."""
    parts = [str(row.get("region_zh") or "")]
    english = row.get("region_en")
    if isinstance(english, str) and english:
        parts.insert(0 if lang == "en" else 1, english)
    parts.append(str(row.get("region_id")))
    province = row.get("province")
    if isinstance(province, str) and province:
        parts.append(province)
    return " · ".join(p for p in parts if p)


def search(regions: pd.DataFrame, text: str) -> pd.DataFrame:
    """Regions whose name (zh/en), id or province contains `text` (case-insensitive)."""
    text = (text or "").strip().lower()
    if not text:
        return regions
    haystack = (regions["region_zh"].fillna("") + " " + regions["region_en"].fillna("") + " "
                + regions["region_id"].astype(str) + " " + regions["province"].fillna("")).str.lower()
    return regions[haystack.str.contains(text, regex=False).to_numpy()]


def labels(regions: pd.DataFrame, lang: str = "zh") -> dict[str, str]:
    """label() for every region at once (the picker lists up to every region on each rerun)."""
    out = {}
    for zh, en, rid, province in zip(_text(regions["region_zh"].tolist()), _text(regions["region_en"].tolist()),
                                     _text(regions["region_id"].tolist()), _text(regions["province"].tolist())):
        first, second = (en, zh) if lang == "en" else (zh, en)
        text = (first or second) + (f" · {second}" if first and second else "") + f" · {rid}"
        out[rid] = text + (f" · {province}" if province else "")
    return out


# --- drawing a large group (issue 13): at most what a person reads, the rest on demand ----------

READABLE = 20  # bars or matrix columns per region set drawn at once; beyond it "show all"


def readable(group: Sequence[str], ranked: Sequence[str], anchor: str | None = None,
             limit: int = READABLE) -> tuple[str, ...]:
    """Which of a group's regions to draw: all of a small group; of a larger one the anchor and
    the best-ranked (`ranked`, most important first: a session's uploads, then most numbers) up
    to `limit`, in the group's order, so colours and bar order stay those of the group."""
    if len(group) <= limit:
        return tuple(group)
    members = set(group)
    keep = ([anchor] if anchor in members else []) + [r for r in ranked if r in members]
    keep = set(list(dict.fromkeys(keep))[:limit])
    return tuple(r for r in group if r in keep)
