"""One plan's text → its targets, through every step in data-flow order:

    raw text → clean (etl.read.clean) → sentences (etl.segment.sentences) → candidates (etl.extract.clauses)
             → harmonised rows (etl.harmonize.dictionary) → comparable numbers (etl.normalize.comparable)

`extract_text` is what `python -m etl extract`, the build and the upload page all call, so a
plan never seen before goes through exactly the same code as the four sources.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from etl.base import schema
from etl.extract.clauses import Candidate, PlanContext, extract_candidates
from etl.extract.tables import table_candidates
from etl.extract.time import DATED_SOURCES, TimedTarget, achievement_year, parts_by_time, read_against_anchor
from etl.harmonize.dictionary import harmonizer, per_capita_ids
from etl.normalize.comparable import comparable_fields, denominator_maps, phase_span, plan_window, standardise
from etl.read.anchor import MAX_TITLE, TimeAnchor, find_anchor, infer_document_year, infer_period
from etl.read.clean import clean
from etl.read.confusables import fold_confusables
from etl.segment.sentences import segment
from etl.vocab.categories import CORE_NAME_DEBRIS, NAME_CATEGORY, SECTION_CATEGORY
from etl.vocab.time import CUMULATIVE, SENTENCE_MARKS, SENTENCE_MARKS_AT_END, SUMMARY_BLOCK
from etl.vocab.units import written_unit
from etl.warehouse.odd_text import odd_text_checks


@dataclass
class Extraction:
    clean_text: str
    targets: pd.DataFrame
    skipped: pd.DataFrame
    notes: list[str] = field(default_factory=list)
    candidates_found: int = 0
    period: tuple[int | None, int | None] = (None, None)
    anchor: TimeAnchor | None = None  # the text's own time (etl.read.anchor)
    odd_text: list = field(default_factory=list)  # etl.warehouse.odd_text.OddText: what a person should check
    annex_tables: list = field(default_factory=list)  # etl.extract.annex.AnnexTable found in the clean text
    sentences: list = field(default_factory=list)  # every etl.segment.sentences.Sentence: later steps reuse them
    # the targets and skipped numbers as plain rows (`extract_rows`): the build makes its Arrow tables from these
    target_rows: list = field(default_factory=list)
    skipped_rows: list = field(default_factory=list)


# The targets' columns the build reads one plan at a time in Python (its notes, the harmoniser's counts,
# the instruments' links, the odd-text checks): `extract_rows` gives `targets` only these, as
# TargetColumns.  A frame of a plan's 60 columns cost more than its extraction's rules, a frame of these
# 13 a fifth of the rest; the Arrow tables are made from the rows.
TARGET_READ_COLUMNS = ("target_id", "raw_name", "indicator_id", "category", "quote", "quote_start", "quote_end",
                       "source_line", "qualitative", "target_year", "scope", "unit", "value")


class TargetColumns(dict):
    """{column: values} of one plan's targets, each value as a frame of them would hold it (`frame_values`):
    what the per-plan steps read (`targets["raw_name"]`, `targets.empty`) without making the frame."""

    @property
    def empty(self) -> bool:
        return not next(iter(self.values()), [])

    @classmethod
    def of(cls, rows: list[dict], columns=TARGET_READ_COLUMNS) -> TargetColumns:
        found = cls({column: frame_values([row.get(column) for row in rows]) for column in columns})
        if "qualitative" in found:
            found["qualitative"] = [bool(value) for value in found["qualitative"]]  # as targets_frame's astype
        return found


def frame_values(values: list) -> list:
    """A column's values as pandas makes them in a frame of rows (pd.DataFrame(rows)): whole numbers with
    a gap or a fraction become floats and the gap NaN; text with a gap keeps the gap as NaN; anything
    else as it is.  An unusual mixture is left to pandas itself."""
    kinds = {type(value) for value in values}
    gap = type(None) in kinds
    kinds.discard(type(None))
    if not kinds or (len(kinds) == 1 and not gap and kinds <= {str, int, float, bool}):
        return values  # all empty (object), or one plain type without a gap
    if kinds == {str}:
        return [math.nan if value is None else value for value in values]
    if kinds <= {int, float}:
        return [math.nan if value is None else float(value) for value in values]
    return pd.DataFrame({"c": values})["c"].tolist()






def category_from_name(name: str) -> str | None:
    return next((category for category, words in NAME_CATEGORY if any(w in (name or "") for w in words)), None)


def category_from_section(section: str) -> str | None:
    tail = section.split("›")[-1]
    for where in (tail, section):
        for category, words in SECTION_CATEGORY:
            if any(w in where for w in words):
                return category
    return None


def confidence(c: Candidate, indicator, unit_conflict, folded: bool) -> tuple[str, str | None]:
    """(high | medium | low, why not high).  Low: the reading lacks a name, or the name and the value's
    unit disagree with the dictionary; medium: anything a reviewer should glance at (an unmapped name,
    a name far from its number, a Chinese numeral, text folded from traditional script, a table row)."""
    low, medium = [], []
    if not c.raw_name or "no name found" in c.notes:
        low.append("no name found")
    if unit_conflict is not None:
        low.append(f"unit {c.unit} does not fit {unit_conflict.id} ({unit_conflict.unit})")
    elif indicator is None and c.raw_name:
        medium.append("unmapped name")
    medium += [n for n in c.notes if n in ("Chinese numeral", "name far from its number", "table row without a year")]
    if folded:
        medium.append("folded traditional text")
    reasons = low + medium
    level = "low" if low else ("medium" if medium else "high")
    return level, "; ".join(reasons) or None


def _row(c: Candidate, index: int, doc_id: str, region_id: str, region_zh: str,
         period: tuple[int | None, int | None], clean_text_lines) -> dict:
    unit_written = written_unit(c.unit, c.multiplier)
    decision = harmonizer().decide(c.raw_name, c.sentence.text, unit_written, c.value)
    indicator, conflict = decision.indicator, decision.conflict
    level, reason = confidence(c, indicator, conflict, clean_text_lines.is_folded(c.sentence.start))
    value_std, unit_std = standardise(c.value, c.unit, c.multiplier)
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
        "facets": decision.facets.describe() if decision.facets else None,
        "indicator_decided_by": decision.decided_by,
        "indicator_reason": decision.reason or None,
        # a name whose unit forbade its indicator still names its topic: the category stands
        "category": ((indicator or conflict).category if (indicator or conflict)
                     else decision.kind_category or category_from_section(c.sentence.section)
                     or category_from_name(c.raw_name))
                    or schema.UNMAPPED,
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
        "confidence": level,
        "confidence_reason": reason,
        "per_unit": c.per_unit,
        # extracted_*, correction_* columns stay empty: etl.warehouse.corrections fills them for corrected rows
    }


HEADLINE_LINES = 3  # a headline stands in the text's first lines (a subtitle or a web page's crumbs may come first)


def link_restatements(rows: list[dict]) -> None:
    """A plan that states one commitment twice ("质押金额累计超30亿" in the goals, "建设期内新增超30亿" in
    a task; a news report repeating a figure after 据悉; a headline or a 【方案要点】 box summing up the
    body) gets one row per statement, all but one pointing at that one through `restates`, so a sum, a
    count or a chart counts it once.

    A restatement is in another sentence, has the same standardised value and unit, the same family
    of indicators (or, unmapped, the same name), a compatible due year (equal, or one of them has
    none), and either the same name or a place in another part of the plan (goals → tasks): two
    different things of one family in one list ("新增1个国家级…园区、1个省级…园区") are no restatement.
    The one the others point at is the body's statement, not a headline's or a summary's; where a
    restatement says the amount is added over the plan period (建设期内新增) and the target reads as a
    level (累计), the target takes the restatement's scope (new)."""
    seen: dict[tuple, list[dict]] = {}
    pointing: dict[str, list[dict]] = {}  # target_id → the rows whose `restates` names it
    for row in rows:
        if (named := row.get("restates")) is not None:
            pointing.setdefault(named, []).append(row)
    for row in rows:
        if row["qualitative"] or row["value_std"] is None or row.get("per_unit"):
            continue
        key = (row["family"] or row["indicator_id"] or row["raw_name"], row["value_std"], row["unit_std"])
        for earlier in seen.get(key, []):
            if _restates(earlier, row):
                target, restatement = (row, earlier) if _summarises(earlier) and not _summarises(row) else (earlier, row)
                _link(target, restatement, pointing)
                break
        seen.setdefault(key, []).append(row)


def _summarises(row: dict) -> bool:
    """A headline or a summary box: it restates the body rather than being the commitment."""
    quote = row["quote"] or ""
    headline = (row["source_line"] or 0) <= HEADLINE_LINES and len(quote) <= MAX_TITLE \
        and not SENTENCE_MARKS.search(quote.rstrip(SENTENCE_MARKS_AT_END))
    return headline or bool(SUMMARY_BLOCK.match(quote)) or bool(SUMMARY_BLOCK.match(row["section"] or ""))


def _link(target: dict, restatement: dict, pointing: dict[str, list[dict]]) -> None:
    _point(restatement, target["target_id"], pointing)
    _point(target, None, pointing)
    # rows that pointed at the restatement now point at the target (found in `pointing`: a scan of every
    # row for each link was quadratic, seconds for a text of thousands of targets)
    for other in list(pointing.get(restatement["target_id"], [])):
        _point(other, target["target_id"], pointing)
    if target["scope"] == "stock" and restatement["scope"] == "new" and CUMULATIVE.search(target["quote"] or ""):
        target["scope"] = "new"


def _point(row: dict, target_id: str | None, pointing: dict[str, list[dict]]) -> None:
    """row["restates"] = target_id, keeping `pointing` (target_id → the rows naming it) true."""
    if (before := row.get("restates")) is not None:
        named = pointing[before]
        del named[next(i for i, other in enumerate(named) if other is row)]  # (the row itself: rows may be equal)
    row["restates"] = target_id
    if target_id is not None:
        pointing.setdefault(target_id, []).append(row)


def _restates(earlier: dict, row: dict) -> bool:
    if earlier["quote_start"] == row["quote_start"]:
        return False
    years = (earlier["target_year"], row["target_year"])
    if None not in years and years[0] != years[1]:
        return False
    same_name = _core_name(earlier["raw_name"]) == _core_name(row["raw_name"])
    return same_name or earlier["section_kind"] != row["section_kind"] or _summarises(earlier) or _summarises(row)


def _core_name(name: str) -> str:
    """A name without its region lead-in and scope words (武汉每万人口… = 每万人口…)."""
    return CORE_NAME_DEBRIS.sub("", name or "")


def extract_text(text: str, doc_id: str = "plan", region_id: str = "", region_zh: str = "",
                 period: tuple[int, int] | None = None, denominators: pd.DataFrame | None = None,
                 plan_date: str | None = None) -> Extraction:
    """Every target of one plan.  Town × year annex tables in the text are found here and left to
    etl.extract.annex (returned as `annex_tables`); their cells are not read as sentences.  `plan_date`
    (the manifest's date of the document) helps tell the plan's first month when its text gives
    no phases."""
    return with_frames(extract_rows(text, doc_id, region_id, region_zh, period, denominators, plan_date))


def targets_frame(rows: list[dict], columns=None) -> pd.DataFrame:
    """Target rows as a frame of the warehouse's columns (or of `columns`)."""
    targets = pd.DataFrame(rows, columns=list(columns or schema.columns("targets")))
    targets["qualitative"] = targets["qualitative"].astype(bool)  # column-wise: a frame-wide astype copies all
    return targets


def with_frames(ex: Extraction) -> Extraction:
    """An `extract_rows` result with its targets and skipped numbers as whole frames (`extract_text`)."""
    ex.targets = targets_frame(ex.target_rows)
    ex.skipped = pd.DataFrame(ex.skipped_rows, columns=schema.columns("skipped_numbers"))
    return ex


def extract_rows(text: str, doc_id: str = "plan", region_id: str = "", region_zh: str = "",
                 period: tuple[int, int] | None = None, denominators: pd.DataFrame | None = None,
                 plan_date: str | None = None, maps: tuple[dict, dict] | None = None) -> Extraction:
    """`extract_text`, its targets and skipped numbers left as rows (`target_rows`, `skipped_rows`):
    `targets` is only TARGET_READ_COLUMNS (a TargetColumns) and `skipped` is None.  `maps`: the denominators'
    `denominator_maps`, when the caller made them once for many plans."""
    from etl.extract.annex import find_annex_tables
    text, confusable_notes = fold_confusables(text)
    cleaned = clean(text)
    cleaned.notes[:0] = confusable_notes
    period = period or infer_period(cleaned.text)
    anchor = find_anchor(cleaned.text)
    doc_year = anchor.year if anchor.source in DATED_SOURCES else infer_document_year(cleaned.text, period)
    ctx = PlanContext(*period, doc_year=doc_year)
    sentences = all_sentences = segment(cleaned.text)
    annex_tables = find_annex_tables(cleaned.text)
    from_tables, table_spans, table_skips = table_candidates(cleaned.text, sentences, period)
    exclude_spans = [(t.start, t.end) for t in annex_tables if t.end > t.start] + table_spans
    if exclude_spans:  # (most plans have no table)
        sentences = [s for s in sentences if not any(a <= s.start < b or s.start <= a < s.end for a, b in exclude_spans)]
    sentences = parts_by_time(sentences, anchor)
    candidates, skipped = extract_candidates(sentences, ctx)
    skipped += table_skips
    paragraphs = {s.paragraph: line for s, line in _paragraph_lines(all_sentences, cleaned.text)}
    timed, time_skips = read_against_anchor(candidates, anchor, paragraphs, period)
    timed += [TimedTarget(c, c.target_year, "table", c.scope) for c in from_tables]
    timed.sort(key=lambda t: t.candidate.sentence.start)
    rows = [_row(t.candidate, i + 1, doc_id, region_id, region_zh, period, cleaned) | {
        "target_year": t.target_year, "target_year_from": t.target_year_from, "scope": t.scope}
        for i, t in enumerate(timed)]
    link_restatements(rows)
    population, population_notes = maps or denominator_maps(denominators)
    per_capita = per_capita_ids()
    # the plan's own months (its phases, else its date, else whole years): per-year figures count them
    window = plan_window(period[0], period[1], phase_span(cleaned.text), plan_date)
    for row in rows:  # plain dicts: building the frame once is most of the cost saved
        if window:
            row.update(plan_start_month=window[0], plan_end_month=window[1])
        row.update(comparable_fields(row, population, population_notes, per_capita))
    targets = TargetColumns.of(rows)
    skipped_rows = [{"doc_id": doc_id, "text": s.text, "reason": s.reason, "start": s.start, "end": s.end,
                     "year": achievement_year(s, all_sentences)} for s in skipped]
    skipped_rows += [{"doc_id": doc_id, "text": d.skipped.text, "reason": d.skipped.reason, "start": d.skipped.start,
                      "end": d.skipped.end, "year": d.year} for d in time_skips]
    numbers_seen = sum(1 for t in timed if not t.candidate.qualitative) + len(skipped_rows)
    odd = odd_text_checks(cleaned.notes, period, anchor.found, targets)
    return Extraction(cleaned.text, targets, None, cleaned.notes, numbers_seen, period, anchor, odd,
                      annex_tables, all_sentences, rows, sorted(skipped_rows, key=lambda r: r["start"]))


def _paragraph_lines(sentences, text: str):
    """(first sentence of each paragraph, the paragraph's whole line) — the line a due year may be written in."""
    lines = text.split("\n")
    seen = set()
    for s in sentences:
        if s.paragraph not in seen and s.paragraph < len(lines):
            seen.add(s.paragraph)
            yield s, lines[s.paragraph]


def extract_file(path, denominators: pd.DataFrame | None = None) -> Extraction:
    """Any plan file (.txt in UTF-8 or GB18030, .docx, .pdf) → its targets.  Raises PlanError."""
    from pathlib import Path

    from etl.read.readers import read_document
    raw = read_document(Path(path))
    return extract_document(raw, doc_id=Path(path).stem, denominators=denominators)


def plan_text(raw) -> str:
    """The text the extractor reads.  A Word/PDF table that is not a town annex (an indicator table:
    指标 | 单位 | 现状 | 目标) is written back in place of its `[表格N]` placeholder as `| a | b |` rows,
    so its targets are read, and quoted, like any other line."""
    from etl.extract.annex import annex_from_tables
    from etl.read.readers import TABLE_PLACEHOLDER
    text = raw.text
    for n, table in enumerate(raw.tables, start=1):
        if annex_from_tables([table]):
            continue  # read by etl.extract.annex into town_targets
        rows = "\n".join("| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in table.rows)
        text = text.replace(TABLE_PLACEHOLDER.format(n=n), rows, 1)
    return text


def extract_document(raw, doc_id: str = "plan", region_id: str = "", region_zh: str = "",
                     period: tuple[int, int] | None = None,
                     denominators: pd.DataFrame | None = None, plan_date: str | None = None) -> Extraction:
    """A `etl.read.readers.RawDocument` → targets, with annex tables in the text left to etl.extract.annex."""
    return extract_text(plan_text(raw), doc_id=doc_id, region_id=region_id, region_zh=region_zh, period=period,
                        denominators=denominators, plan_date=plan_date)


def extract_document_rows(raw, doc_id: str = "plan", region_id: str = "", region_zh: str = "",
                          period: tuple[int, int] | None = None, denominators: pd.DataFrame | None = None,
                          plan_date: str | None = None, maps: tuple[dict, dict] | None = None) -> Extraction:
    """`extract_document` as `extract_rows` leaves it: the build's way (etl.warehouse.steps)."""
    return extract_rows(plan_text(raw), doc_id=doc_id, region_id=region_id, region_zh=region_zh, period=period,
                        denominators=denominators, plan_date=plan_date, maps=maps)
