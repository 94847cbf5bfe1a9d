"""Context figures (population, GDP, land area) and the population denominator of each region.

Input: `data/reference/context_figures.csv`, hand-collected; every row carries its source, year
and the sentence it was read from.  Most sources are reposts rather than statistical bulletins
and the years differ between regions, so each row gets a `reliability` and the denominator used
for per-capita figures is chosen by one written rule (DENOMINATOR_RULE) that a user can
override with their own figure.

    context_table()                    → the `context` table (etl.base.schema), `chosen` marked
    context_skipped()                  → rows that could not be used, as quality_notes rows
    population_denominators(context)   → region_id, population_10k, population_note
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from etl.base import schema
from etl.base.paths import CONTEXT_FIGURES, MANIFEST
from etl.read.sources import load_manifest  # region ids are resolved there (GB code or generated)
from etl.vocab.population import (
    CENSUS_2020,
    CENSUS_2020_RESIDENT_POPULATION,
    POPULATION_UNIT,
    REGISTERED,
    REGISTERED_POPULATION,
    RESIDENT,
    RESIDENT_POPULATION,
)

DEFAULT_CSV = CONTEXT_FIGURES
DEFAULT_MANIFEST = MANIFEST

RELIABILITY_ORDER = ["official", "third-party", "low"]  # best first

DENOMINATOR_RULE = (
    f"Resident population ({RESIDENT_POPULATION}, census included) before registered population "
    f"({REGISTERED_POPULATION}); "
    "low-reliability figures only when nothing better exists; then the most recent year; "
    "then official before third-party; then the first row of the reference file."
)
CENSUS_RULE = (
    f"2020 census resident population ({CENSUS_2020_RESIDENT_POPULATION}) where available, for a common year; "
    "otherwise the default rule: " + DENOMINATOR_RULE
)
# The same rules in a few words, for the note that travels with every target row.
_SHORT_RULES = {
    "latest": "rule: resident before registered, low reliability last, latest year, official first",
    "census": "rule: 2020 census where available, else resident before registered, latest year",
    None: "chosen by hand in the context table",
}


@dataclass(frozen=True)
class ContextBuild:
    table: pd.DataFrame  # columns of schema "context"
    skipped: pd.DataFrame  # columns of schema "quality_notes", kind context_skipped


# ── reading the reference file ───────────────────────────────────────────────────────────────
def classify_reliability(source: str) -> str:
    """official / third-party / low, from the tag the collector wrote in the source column.

    LOW wins over everything (a third-party Q&A marked LOW is low); OFFICIAL only when the
    collector said so; anything else (reposts, mirrors, news items, encyclopedias, abstracts)
    is third-party, because none of it is the statistical bulletin itself.
    """
    text = source or ""
    if re.search(r"low reliability", text, re.IGNORECASE) or re.search(r"\bLOW\b", text):
        return "low"
    if re.search(r"\bOFFICIAL\b", text):
        return "official"
    return "third-party"


_PLAIN_VALUE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:[(（](.*)[)）])?\s*$")


_REFUSAL_CODES = {"no value": "context_no_value", "only a bound is known": "context_bound_only",
                  "not a single figure": "context_not_single"}  # parse_value's reasons, without their cell


def parse_value(cell: str) -> tuple[float | None, str | None, str | None]:
    """(value, note kept from the cell, reason it was refused).

    "62.8512" → 62.8512; "375.27 (same page also says 约374)" → 375.27 with the note;
    ">7000 (突破7000)" is a lower bound, "1711 件; … >14 件" mixes figures: both refused.
    """
    cell = (cell or "").strip()
    if not cell:
        return None, None, "no value (not found)"
    m = _PLAIN_VALUE.match(cell)
    if m:
        return float(m.group(1)), (m.group(2) or None), None
    if cell[:1] in "<>≥≤":
        return None, None, f"only a bound is known ({cell})"
    return None, None, f"not a single figure ({cell})"


def source_year(year_text: str) -> int | None:
    """The first four-digit year in the year column ("2023 (as labelled by source)" → 2023)."""
    m = re.search(r"(19|20)\d\d", year_text or "")
    return int(m.group(0)) if m else None


def region_lookup(manifest: Path = DEFAULT_MANIFEST) -> dict[str, dict]:
    """Names a region may go by in the reference file → its manifest entry.

    The manifest says 市中区 with parent 枣庄市; the reference file says 枣庄市市中区, so the
    parent-prefixed name is accepted too.
    """
    lookup: dict[str, dict] = {}
    for s in load_manifest(Path(manifest)):
        entry = {"region_id": s.region_id, "region_zh": s.region_zh, "doc_id": s.doc_id}
        lookup[s.region_zh] = entry
        if s.parent:
            lookup[f"{s.parent}{s.region_zh}"] = entry
    return lookup


def build_context(csv_path: Path = DEFAULT_CSV, manifest: Path = DEFAULT_MANIFEST,
                  prefer: str = "latest") -> ContextBuild:
    raw = pd.read_csv(csv_path, dtype=str, keep_default_na=False)
    expected = ["region", "figure", "value", "unit", "year", "source", "quote"]
    if list(raw.columns) != expected:
        raise ValueError(f"{csv_path}: columns {list(raw.columns)}, expected {expected}")
    regions = region_lookup(manifest)
    rows, skipped = [], []
    for line_no, rec in enumerate(raw.itertuples(index=False), start=2):  # line 1 is the header
        region = regions.get(rec.region.strip())
        if region is None:
            raise ValueError(f"{csv_path}:{line_no}: region {rec.region!r} is not in {manifest}")
        value, note, refused = parse_value(rec.value)
        if refused:
            skipped.append({
                "doc_id": region["doc_id"], "region_id": region["region_id"], "kind": "context_skipped",
                "message": f"{rec.figure} ({rec.year or 'no year'}) not used: {refused}",
                "detail": f"{csv_path.name}:{line_no} source: {rec.source}",
                # a figure's name may hold brackets itself: its parts are kept, not read back from the message
                # (codes: etl.warehouse.quality_notes.NOTE_TEMPLATES)
                "code": _REFUSAL_CODES[refused.split(" (")[0]],
                "parts": json.dumps({"figure": rec.figure, "year": rec.year or "no year", "cell": rec.value.strip()},
                                    ensure_ascii=False, sort_keys=True),
            })
            continue
        source = rec.source.strip()
        if note:
            source = f"{source} [value cell: {rec.value.strip()}]"
        rows.append({
            "region_id": region["region_id"], "region_zh": region["region_zh"],
            "figure": rec.figure.strip(), "value": value, "unit": rec.unit.strip(),
            "year": rec.year.strip(), "source": source,
            "reliability": classify_reliability(rec.source), "quote": rec.quote.strip(),
            "chosen": False,
        })
    table = pd.DataFrame(rows, columns=schema.columns("context"))
    table = mark_chosen(table, prefer=prefer)
    skipped_df = pd.DataFrame(skipped, columns=schema.columns("quality_notes"))
    # Nothing silently dropped: every data row is either in the table or in the skipped list.
    assert len(table) + len(skipped_df) == len(raw), "context rows lost"
    return ContextBuild(table, skipped_df)


def context_table(csv_path: Path = DEFAULT_CSV, manifest: Path = DEFAULT_MANIFEST,
                  prefer: str = "latest") -> pd.DataFrame:
    """The `context` table, with `chosen` = True on each region's population denominator."""
    return build_context(csv_path, manifest, prefer).table


def context_skipped(csv_path: Path = DEFAULT_CSV, manifest: Path = DEFAULT_MANIFEST) -> pd.DataFrame:
    """Reference rows that could not be used, shaped as quality_notes rows."""
    return build_context(csv_path, manifest).skipped


# ── choosing the denominator ─────────────────────────────────────────────────────────────────
def is_population(figure: str) -> bool:
    return RESIDENT in figure or REGISTERED in figure


def _rank_key(row: pd.Series, order: int, prefer: str) -> tuple:
    resident = 0 if RESIDENT in row["figure"] else 1
    low = 1 if row["reliability"] == "low" else 0
    year = source_year(row["year"])
    census_first = 0 if (prefer == "census" and CENSUS_2020 in row["figure"]) else 1
    return (resident, census_first, low, -(year or 0), RELIABILITY_ORDER.index(row["reliability"]), order)


def mark_chosen(table: pd.DataFrame, prefer: str = "latest") -> pd.DataFrame:
    """Set `chosen` on one population row per region (see DENOMINATOR_RULE / CENSUS_RULE)."""
    if prefer not in ("latest", "census"):
        raise ValueError(f"prefer must be 'latest' or 'census', not {prefer!r}")
    out = table.copy()
    out["chosen"] = False
    for _region, group in out.groupby("region_id", sort=True):
        candidates = [(idx, row) for idx, row in group.iterrows() if is_population(row["figure"])]
        if not candidates:
            continue
        best_idx, _ = min(candidates, key=lambda c: _rank_key(c[1], c[0], prefer))
        out.loc[best_idx, "chosen"] = True
    out["chosen"] = out["chosen"].astype(bool)
    return out


def _describe(row: pd.Series) -> str:
    return f"{row['figure']} {row['value']:g} {row['unit']} ({row['year']}, {row['reliability']})"


def rule_used(table: pd.DataFrame) -> str | None:
    """Which rule produced the table's `chosen` column: "latest", "census" or None (edited)."""
    for prefer in ("latest", "census"):
        if mark_chosen(table, prefer)["chosen"].tolist() == table["chosen"].astype(bool).tolist():
            return prefer
    return None


def denominator_note(table: pd.DataFrame, region_id: str, rule: str | None = "latest") -> str:
    """One readable line: figure, year, source and reliability, and why this row was chosen."""
    group = table[table["region_id"] == region_id]
    chosen = group[group["chosen"]]
    if chosen.empty:
        return "No population figure found for this region; per-capita values are left empty."
    row = chosen.iloc[0]
    note = (f"{row['figure']} {row['value']:g} {row['unit']}, year {row['year']}, "
            f"{row['reliability']} source: {row['source']}")
    population = group[group["figure"].map(is_population)]
    agreeing = population[(population["figure"] == row["figure"]) & (population["value"] == row["value"])]
    if len(agreeing) > 1:
        note += f"; {len(agreeing) - 1} more source(s) give the same figure"
    others = population.drop(index=agreeing.index)
    if len(others):
        note += "; preferred over " + ", ".join(_describe(r) for _, r in others.iterrows())
    return f"{note} ({_SHORT_RULES[rule]})."


def population_denominators(context_df: pd.DataFrame,
                            overrides: dict[str, float] | None = None) -> pd.DataFrame:
    """region_id, population_10k (万人), population_note for every region in the context table.

    `overrides` maps region_id → a population in 万人 supplied by a user (the dashboard lets a
    reader replace a denominator); the note then says so and keeps the figure it replaced.
    """
    overrides = dict(overrides or {})
    for region_id, value in overrides.items():
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not math.isfinite(value) or value <= 0:
            raise ValueError(f"population override for {region_id} must be a positive number of {POPULATION_UNIT}, "
                             f"not {value!r}")
    region_ids = sorted(set(context_df["region_id"]) | set(overrides))
    rule = rule_used(context_df)
    rows = []
    for region_id in region_ids:
        chosen = context_df[(context_df["region_id"] == region_id) & context_df["chosen"].astype(bool)]
        note = denominator_note(context_df, region_id, rule)
        population = float(chosen.iloc[0]["value"]) if len(chosen) else math.nan
        if len(chosen) and chosen.iloc[0]["unit"] != POPULATION_UNIT:
            raise ValueError(f"population of {region_id} is in {chosen.iloc[0]['unit']}, expected {POPULATION_UNIT}")
        if region_id in overrides:
            replaced = f"replaces {_describe(chosen.iloc[0])}" if len(chosen) else "no figure in the reference file"
            population = float(overrides[region_id])
            note = f"User-supplied figure {population:g} {POPULATION_UNIT} ({replaced})."
        rows.append({"region_id": region_id, "population_10k": population, "population_note": note})
    return pd.DataFrame(rows, columns=["region_id", "population_10k", "population_note"])
