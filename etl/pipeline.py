"""One plan's text → its targets, through every step in data-flow order:

    raw text → clean (etl.clean) → sentences (etl.segment) → candidates (etl.extract)
             → harmonised rows (etl.harmonize) → comparable numbers (etl.normalize)

`extract_text` is what `python -m etl extract`, the build and the upload page all call, so a
plan never seen before goes through exactly the same code as the four sources.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from etl import schema
from etl.clean import clean
from etl.extract import Candidate, PlanContext, extract_candidates
from etl.indicator_tables import table_candidates
from etl.normalize import comparable_fields, denominator_maps, standardise
from etl.segment import segment

PERIOD = re.compile(r"(20\d\d)\s*(?:年)?\s*[-—–~～至到]\s*(20\d\d)\s*年")
SECTION_CATEGORY = [  # fallback for names the dictionary does not know: the plan's own heading
    ("creation", ("创造", "创新", "培育")),
    ("use", ("运用", "转化", "金融", "运营")),
    ("protection", ("保护", "执法", "维权")),
    ("service", ("服务",)),
    ("management", ("管理", "人才", "资金", "经费", "投入", "组织", "保障", "培训")),
]


@dataclass
class Extraction:
    clean_text: str
    targets: pd.DataFrame
    skipped: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    candidates_found: int = 0
    period: tuple[int | None, int | None] = (None, None)
    annex_tables: list = field(default_factory=list)  # etl.annex.AnnexTable found in the clean text


@lru_cache(maxsize=1)
def harmonizer():
    from etl.harmonize import Harmonizer
    return Harmonizer.load()


@lru_cache(maxsize=1)
def per_capita_ids() -> frozenset[str]:
    return frozenset(i.id for i in harmonizer().indicators if i.per_capita)



def infer_period(text: str) -> tuple[int | None, int | None]:
    """The plan period from the first "2024—2026年" outside a cited document's title."""
    # 《 may not stop the class: with many 《 and no 》, 《[^》]*》 rescans to the end from each (quadratic)
    outside_titles = re.sub(r"《[^《》]*》", lambda m: " " * len(m.group(0)), text)
    m = PERIOD.search(outside_titles)
    if m and int(m.group(1)) < int(m.group(2)):
        return int(m.group(1)), int(m.group(2))
    return None, None


def category_from_section(section: str) -> str | None:
    tail = section.split("›")[-1]
    for where in (tail, section):
        for category, words in SECTION_CATEGORY:
            if any(w in where for w in words):
                return category
    return None


def _row(c: Candidate, index: int, doc_id: str, region_id: str, region_zh: str,
         period: tuple[int | None, int | None], clean_text_lines) -> dict:
    h = harmonizer()
    indicator = h.match(c.raw_name, c.sentence.text) if c.raw_name else None
    value_std, unit_std = standardise(c.value, c.unit, c.multiplier)
    unit_written = None
    if c.unit:
        unit_written = {1e4: "万", 1e8: "亿", 1e3: "千"}.get(c.multiplier, "") + c.unit
    return {
        "target_id": f"{doc_id}-{index:03d}",
        "doc_id": doc_id,
        "region_id": region_id,
        "region_zh": region_zh,
        "indicator_id": indicator.id if indicator else None,
        "indicator_zh": indicator.zh if indicator else None,
        "indicator_en": indicator.en if indicator else None,
        "family": indicator.family if indicator else None,
        "raw_name": c.raw_name,
        "category": (indicator.category if indicator else category_from_section(c.sentence.section)) or schema.UNMAPPED,
        "value": c.value,
        "value_max": c.value_max,
        "unit": unit_written,
        "value_std": value_std,
        "unit_std": unit_std,
        "comparator": c.comparator,
        "baseline": c.baseline,
        "scope": c.scope,
        "target_year": c.target_year,
        "period_start": period[0],
        "period_end": period[1],
        "value_per_year": None,
        "value_per_10k_residents": None,
        "population_10k": None,
        "population_note": None,
        "qualitative": c.qualitative,
        "section": c.sentence.section,
        "section_kind": c.sentence.section_kind,
        "quote": c.sentence.text,
        "quote_start": c.sentence.start,
        "quote_end": c.sentence.end,
        "source_line": clean_text_lines.raw_line(c.sentence.start),
        "origin": "extracted",
        # extracted_*, correction_* columns stay empty: etl.corrections fills them for corrected rows
    }


def extract_text(text: str, doc_id: str = "plan", region_id: str = "", region_zh: str = "",
                 period: tuple[int, int] | None = None, denominators: pd.DataFrame | None = None) -> Extraction:
    """Every target of one plan.  Town × year annex tables in the text are found here and left to
    etl.annex (returned as `annex_tables`); their cells are not read as sentences."""
    from etl.annex import find_annex_tables
    cleaned = clean(text)
    period = period or infer_period(cleaned.text)
    ctx = PlanContext(*period)
    sentences = segment(cleaned.text)
    annex_tables = find_annex_tables(cleaned.text)
    from_tables, table_spans = table_candidates(cleaned.text, sentences, period[1])
    exclude_spans = [(t.start, t.end) for t in annex_tables if t.end > t.start] + table_spans
    sentences = [s for s in sentences if not any(a <= s.start < b or s.start <= a < s.end for a, b in exclude_spans)]
    candidates, skipped = extract_candidates(sentences, ctx)
    candidates = sorted(candidates + from_tables, key=lambda c: c.sentence.start)
    rows = [_row(c, i + 1, doc_id, region_id, region_zh, period, cleaned) for i, c in enumerate(candidates)]
    population, population_notes = denominator_maps(denominators)
    per_capita = per_capita_ids()
    for row in rows:  # plain dicts: building the frame once is most of the cost saved
        row.update(comparable_fields(row, population, population_notes, per_capita))
    targets = pd.DataFrame(rows, columns=schema.columns("targets"))
    targets["qualitative"] = targets["qualitative"].astype(bool)  # column-wise: a frame-wide astype copies all
    skipped_df = pd.DataFrame(
        [{"doc_id": doc_id, "text": s.text, "reason": s.reason, "start": s.start, "end": s.end} for s in skipped],
        columns=schema.columns("skipped_numbers"))
    numbers_seen = sum(1 for c in candidates if not c.qualitative) + len(skipped)
    return Extraction(cleaned.text, targets, skipped_df, cleaned.notes, numbers_seen, period, annex_tables)


def extract_file(path, denominators: pd.DataFrame | None = None) -> Extraction:
    """Any plan file (.txt in UTF-8 or GB18030, .docx, .pdf) → its targets.  Raises PlanError."""
    from pathlib import Path

    from etl.readers import read_document
    raw = read_document(Path(path))
    return extract_document(raw, doc_id=Path(path).stem, denominators=denominators)


def plan_text(raw) -> str:
    """The text the extractor reads.  A Word/PDF table that is not a town annex (an indicator table:
    指标 | 单位 | 现状 | 目标) is written back in place of its `[表格N]` placeholder as `| a | b |` rows,
    so its targets are read, and quoted, like any other line."""
    from etl.annex import annex_from_tables
    from etl.readers import TABLE_PLACEHOLDER
    text = raw.text
    for n, table in enumerate(raw.tables, start=1):
        if annex_from_tables([table]):
            continue  # read by etl.annex into town_targets
        rows = "\n".join("| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in table.rows)
        text = text.replace(TABLE_PLACEHOLDER.format(n=n), rows, 1)
    return text


def extract_document(raw, doc_id: str = "plan", region_id: str = "", region_zh: str = "",
                     period: tuple[int, int] | None = None,
                     denominators: pd.DataFrame | None = None) -> Extraction:
    """A `etl.readers.RawDocument` → targets, with annex tables in the text left to etl.annex."""
    return extract_text(plan_text(raw), doc_id=doc_id, region_id=region_id, region_zh=region_zh, period=period,
                        denominators=denominators)
