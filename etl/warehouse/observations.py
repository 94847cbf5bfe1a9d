"""Step: observations — levels and flows a region reached — held against its targets on every build.

Two kinds, one table (`observations`, etl.base.schema):

  * **plan**: what a plan's own text states it reached, with the year written beside it: the
    baseline of a target (由2023年的320件增至600件 → 320 in 2023; 现有…由162人增至250人 → 162 when the
    plan was written), a baseline in brackets after its target, and the achievements and background
    figures the extractor set aside (`skipped_numbers`) whose name the harmoniser maps and whose year
    is written.  A figure without its year, a change (同比增长), a bound (突破), a partial year's flow,
    a pair of a 分别 list, or a name that leaves out the 每万人口 of the list it stands in is not read:
    a level stored wrong is worse than one not stored.
  * **researcher**: CSV files in `data/observations/` (columns region, indicator, year, value, unit,
    source; optional month, note), added with `python -m etl observations add FILE.csv`.  A file is
    validated whole before anything is written; at build time a row that no longer applies (its
    region left the manifest, its indicator the dictionary) is a data-quality note.

`apply_observations` is the build's one call: it fills `observations`, the targets' required_*
columns and `attainment` (etl.normalize.ambition).

Data shapes born here: the `observations` rows; `RowProblem` (a refused row and why).
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

import pandas as pd

from etl.base import schema
from etl.base.errors import PlanError
from etl.base.frames import records
from etl.extract.rules import BASE_AFTER_REASON, NUMBER_RULES
from etl.harmonize.dictionary import Indicator, harmonizer
from etl.normalize.ambition import AMBITION_COLUMNS, ambition
from etl.normalize.comparable import standardise, unit_and_multiplier
from etl.vocab import observed as words
from etl.vocab.lexicon import NEW_WORDS
from etl.vocab.numerals import numeral_view
from etl.warehouse.quality_notes import written

REQUIRED_COLUMNS = ("region", "indicator", "year", "value", "unit", "source")
OPTIONAL_COLUMNS = ("month", "note")
FIRST_YEAR, LAST_YEAR = 1949, 2100
# The indicator's nature → what an observation of it is (etl.base.schema observations.scope).
SCOPE_OF_NATURE = {"stock": "stock", "flow": "annual", "rate": "ratio"}
# skipped_numbers reasons (etl.extract.rules.NUMBER_RULES) whose figure may be a level a text states it reached.
TARGET_BASELINE_REASONS = ("baseline", BASE_AFTER_REASON)
# (named by how they start, so the extractor's wording of a reason stays its own)
STATED_REASONS = tuple(rule.reason for rule in NUMBER_RULES
                       if rule.reason and rule.reason.startswith(("existing count", "achievement already reached",
                                                                  "background figure")))
# The targets' columns etl.normalize.ambition reads: it is given only these.
AMBITION_INPUTS = ("target_id", "region_id", "indicator_id", "qualitative", "value_std", "unit_std", "scope",
                   "per_unit", "comparator", "target_year", "period_end", "plan_start_month", "plan_end_month")
EXISTING_REASON = next(reason for reason in STATED_REASONS if reason.startswith("existing count"))
assert len(STATED_REASONS) == 3, "etl.extract.rules renamed a reason etl.warehouse.observations reads"


def observations_dir(manifest: Path) -> Path:
    """data/observations beside data/raw (a temporary store has its own, like corrections)."""
    return Path(manifest).resolve().parent.parent / "observations"


# Why a row (or a file) is refused: a code, the English the command line prints, and the named parts
# it is written from.  The dashboard writes each code in the reader's language from the same parts
# (dashboard.i18n OBSERVATION_PROBLEMS), so a Chinese page never shows this English.
PROBLEM_REASONS = {
    "not_text": "not a readable CSV file ({error})",
    "unreadable_csv": "not readable as CSV ({error})",
    "columns": "{why} (columns: {expected})",
    "no_region": "no region",
    "ambiguous_region": "region name {name!r} names {n} regions ({ids}): use its region_id",
    "unknown_region": "unknown region {name!r} (not a region_id or a region name of the manifest's plans)",
    "unknown_indicator": "unknown indicator {name!r} (no indicator id, name or alias the dictionary maps)",
    "bad_year": "year {value!r} is not a year",
    "bad_month": "month {value!r} is not a month (1-12)",
    "bad_value": "value {value!r} is not a number",
    "unit_mismatch": "unit {unit!r} does not convert to {indicator}'s unit {indicator_unit!r}",
    "no_source": "no source (say where the figure was published)",
    "duplicate": "duplicate of {where} (same region, indicator, year and month)",
    "empty_file": "no observations in the file",
    "already_added": "this file is already in data/observations/ as {name}",
}


@dataclass
class RowProblem:
    row: int      # the file's line, the header being line 1
    reason: str   # in English, as the command line prints it
    code: str = ""                                   # a key of PROBLEM_REASONS
    details: dict = field(default_factory=dict)      # the parts `reason` is written from

    def __str__(self) -> str:
        return f"row {self.row}: {self.reason}"


def problem(row: int, code: str, **details) -> RowProblem:
    """A refused row, its reason written from PROBLEM_REASONS[code] and kept in parts for other languages."""
    return RowProblem(row, PROBLEM_REASONS[code].format(**details), code, details)


def _where(file: str, row: int) -> str:
    return f"{file} row {row}" if file else f"row {row}"


@dataclass
class ObservationFile:
    path: Path
    rows: list[dict] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)


# --- what a row names ------------------------------------------------------------------------

class RegionIndex:
    """A region by its id, its Chinese name or its English name; a name two regions share is refused."""

    def __init__(self, regions: pd.DataFrame):
        self.by_id: dict[str, str] = {}
        self.by_name: dict[str, set[str]] = {}
        for row in records(regions):
            self.by_id[str(row["region_id"])] = row.get("region_zh") or ""
            for name in (row.get("region_zh"), row.get("region_en")):
                if isinstance(name, str) and name.strip():
                    self.by_name.setdefault(name.strip().casefold(), set()).add(str(row["region_id"]))

    def find(self, text: str) -> tuple[str | None, tuple[str, dict] | None]:
        """(region_id, None) or (None, why not: a PROBLEM_REASONS code and its parts)."""
        text = (text or "").strip()
        if not text:
            return None, ("no_region", {})
        if text in self.by_id:
            return text, None
        ids = self.by_name.get(text.casefold(), set())
        if len(ids) == 1:
            return next(iter(ids)), None
        if ids:
            return None, ("ambiguous_region", {"name": text, "n": len(ids), "ids": ", ".join(sorted(ids))})
        return None, ("unknown_region", {"name": text})


def find_indicator(text: str) -> Indicator | None:
    """An indicator by its id, its Chinese or English name, or any name the harmoniser maps."""
    text = (text or "").strip()
    if not text:
        return None
    h = harmonizer()
    by_name = {i.id: i for i in h.indicators}
    if text in by_name:
        return by_name[text]
    folded = text.casefold()
    for indicator in h.indicators:
        if folded in (indicator.zh.casefold(), (indicator.en or "").casefold()):
            return indicator
    return h.match(text)


def convert(value: float, unit: str, indicator: Indicator) -> tuple[float, str] | None:
    """(value, unit as written) → (value in the indicator's unit, that unit), or None when it does not
    convert: 3.5万件 → 35000 件; 1.2亿元 → 12000 万元; 4.2件/万人 for a per-capita indicator → 4.2 件."""
    unit = (unit or "").strip()
    for sign in words.PERCENT_SIGNS:
        unit = unit.replace(sign, "%")
    per_capita = words.PER_CAPITA_UNIT.match(unit)
    if per_capita and indicator.per_capita:
        unit = per_capita.group("unit")
    base, multiplier = unit_and_multiplier(unit)
    if base is None:
        return None
    value_std, unit_std = standardise(float(value), base, multiplier)
    if unit_std != indicator.unit or value_std is None:
        return None
    return value_std, unit_std


# --- a researcher's file ---------------------------------------------------------------------

def _read_text(path: Path) -> str:
    data = Path(path).read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on a Chinese Windows saves CSV as GB18030
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise PlanError(path, "neither UTF-8 nor GB18030 text")


def read_observation_file(path: Path, regions: pd.DataFrame,
                          taken: dict[tuple, tuple[str, int]] | None = None) -> ObservationFile:
    """Every row of one researcher's file, checked; `taken` maps the keys (region, indicator, year,
    month) of observations already held to where they are (file, row), so a duplicate of them is refused too."""
    path = Path(path)
    result = ObservationFile(path)
    try:
        reader = csv.DictReader(io.StringIO(_read_text(path), newline=""))
        header = [(name or "").strip().casefold() for name in (reader.fieldnames or [])]
    except (PlanError, csv.Error) as err:
        result.problems.append(problem(1, "not_text", error=str(err)))
        return result
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    unknown = [c for c in header if c not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if missing or unknown:
        why = "; ".join(([f"missing column(s) {', '.join(missing)}"] if missing else [])
                        + ([f"unknown column(s) {', '.join(unknown)}"] if unknown else []))
        result.problems.append(problem(1, "columns", why=why, missing=", ".join(missing), unknown=", ".join(unknown),
                                       expected=", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)))
        return result
    reader.fieldnames = header
    index = RegionIndex(regions)
    seen: dict[tuple, tuple[str, int]] = dict(taken or {})
    try:
        for raw in reader:
            number = reader.line_num
            cells = {k: (v or "").strip() for k, v in raw.items() if k is not None}
            if not any(cells.values()):
                continue
            row, reasons = _observation_row(cells, index, path, number)
            if not reasons:  # a row already refused is not also a duplicate
                key = (row["region_id"], row["indicator_id"], row["year"], row["month"])
                if key in seen:
                    file, first = seen[key]
                    reasons.append(("duplicate", {"where": _where(file, first), "file": file, "first_row": first}))
                else:
                    seen[key] = ("", number)
            if reasons:
                result.problems += [problem(number, code, **details) for code, details in reasons]
            else:
                result.rows.append(row)
    except csv.Error as err:
        result.problems.append(problem(reader.line_num, "unreadable_csv", error=str(err)))
    if not result.rows and not result.problems:
        result.problems.append(problem(2, "empty_file"))
    return result


def _observation_row(cells: dict, regions: RegionIndex, path: Path,
                     number: int) -> tuple[dict | None, list[tuple[str, dict]]]:
    """The row, or why not: (PROBLEM_REASONS code, its parts) for each thing wrong with it."""
    reasons: list[tuple[str, dict]] = []
    region_id, why = regions.find(cells.get("region", ""))
    if why:
        reasons.append(why)
    indicator = find_indicator(cells.get("indicator", ""))
    if indicator is None:
        reasons.append(("unknown_indicator", {"name": cells.get("indicator", "")}))
    year = _whole(cells.get("year", ""), FIRST_YEAR, LAST_YEAR)
    if year is None:
        reasons.append(("bad_year", {"value": cells.get("year", "")}))
    month = _whole(cells.get("month", ""), 1, 12) if cells.get("month") else None
    if cells.get("month") and month is None:
        reasons.append(("bad_month", {"value": cells.get("month")}))
    value = _number(cells.get("value", ""))
    if value is None:
        reasons.append(("bad_value", {"value": cells.get("value", "")}))
    converted = None
    if indicator is not None and value is not None:
        converted = convert(value, cells.get("unit", ""), indicator)
        if converted is None:
            reasons.append(("unit_mismatch", {"unit": cells.get("unit", ""), "indicator": indicator.id,
                                              "indicator_unit": indicator.unit}))
    if not cells.get("source"):
        reasons.append(("no_source", {}))
    if reasons:
        return None, reasons
    return {"observation_id": f"{path.stem}-r{number}", "region_id": region_id,
            "region_zh": regions.by_id.get(region_id), "indicator_id": indicator.id, "year": year, "month": month,
            "value": value, "unit": cells["unit"], "value_std": converted[0], "unit_std": converted[1],
            "scope": SCOPE_OF_NATURE.get(indicator.nature, "stock"), "source_kind": "researcher",
            "source": cells["source"], "time_basis": "stated", "origin_file": path.name, "row_number": number,
            "note": cells.get("note") or None}, []


def _whole(text: str, low: int, high: int) -> int | None:
    text = text.strip()
    if not re.fullmatch(r"\d{1,4}", text):
        return None
    number = int(text)
    return number if low <= number <= high else None


def _number(text: str) -> float | None:
    text = text.strip()
    if not re.fullmatch(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+", text):
        return None
    number = float(text.replace(",", ""))
    return number if math.isfinite(number) else None


def researcher_observations(folder: Path, regions: pd.DataFrame,
                            except_file: str | None = None) -> tuple[pd.DataFrame, list[dict], dict[tuple, tuple[str, int]]]:
    """Every valid row of the folder's files, the quality notes of the rows that do not apply, and
    the keys held (for a new file's duplicate check)."""
    rows, notes, taken = [], [], {}
    for path in sorted(Path(folder).glob("*.csv")) if Path(folder).is_dir() else []:
        if path.name == except_file:
            continue
        found = read_observation_file(path, regions, taken)
        for row in found.rows:
            taken[(row["region_id"], row["indicator_id"], row["year"], row["month"])] = (path.name, row["row_number"])
        rows += found.rows
        notes += [{"doc_id": None, "region_id": None, "detail": None,
                   **written("observation_refused", file=path.name, row=problem.row, reason=problem.reason,
                             problem=problem.code, details=problem.details)} for problem in found.problems]
    return typed_frame(rows), notes, taken


def typed_frame(rows: list[dict] | pd.DataFrame) -> pd.DataFrame:
    """Observation rows (dicts, or a frame of them) as the frame the step works on: the whole-number
    columns nullable integers (a month may be missing; NaN would make every month a float)."""
    frame = pd.DataFrame(rows, columns=schema.columns("observations"))
    for column in ("year", "month", "quote_start", "quote_end", "row_number"):
        frame[column] = frame[column].astype("Int64")
    return frame


def regions_of_manifest(manifest: Path) -> pd.DataFrame:
    from etl.read.sources import load_manifest
    return pd.DataFrame([{"region_id": s.region_id, "region_zh": s.region_zh, "region_en": s.region_en}
                         for s in load_manifest(manifest)])


# --- what a plan states it reached -----------------------------------------------------------

def plan_observations(targets: pd.DataFrame, skipped: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """The levels the plans' texts state with their year (see the module docstring), plans in doc_id
    order.  A build finds them plan by plan in its workers (`stated_in_plan`); this reads frames."""
    docs = {row["doc_id"]: row for row in records(documents)}
    by_doc: dict[str, tuple[list, list]] = {doc_id: ([], []) for doc_id in docs}
    with_baseline = targets[targets["baseline"].notna()] if "baseline" in targets else targets.iloc[:0]
    for row in records(with_baseline):
        if row["doc_id"] in by_doc:
            by_doc[row["doc_id"]][0].append(row)
    for row in records(skipped):
        if row["doc_id"] in by_doc:
            by_doc[row["doc_id"]][1].append(row)
    return typed_frame([row for doc_id in sorted(by_doc) for row in stated_in_plan(*by_doc[doc_id], docs[doc_id])])


def stated_in_plan(targets: list[dict], skipped: list[dict], document: dict) -> list[dict]:
    """One plan's stated levels as observation rows: its skipped figures of a stated kind, in text
    order, each read against the plan's text and its targets' baselines (`_stated`), one per
    indicator and time (`_one_per_time`), numbered <doc_id>-oNN."""
    reasons = TARGET_BASELINE_REASONS + STATED_REASONS
    found = sorted((skip for skip in skipped if skip["reason"] in reasons), key=itemgetter("start"))
    if not found:
        return []
    baselines = [target for target in targets if not pd.isna(target.get("baseline"))]
    kept = _one_per_time([row for skip in found if (row := _stated(skip, document, baselines)) is not None])
    for number, row in enumerate(kept, start=1):
        row["observation_id"] = f"{document['doc_id']}-o{number:02d}"
    return kept


def _one_per_time(rows: list[dict]) -> list[dict]:
    """One observation per indicator and time: a figure stated twice (a background part, then a
    baseline) once, keeping its target; two different figures for one time (two names the dictionary
    maps to one indicator) neither — which one measures it is not ours to guess."""
    by_key: dict[tuple, list[dict]] = {}
    for row in rows:
        by_key.setdefault((row["indicator_id"], row["year"], row["month"]), []).append(row)
    kept = []
    for same in by_key.values():
        if len({row["value_std"] for row in same}) > 1:
            continue
        first = same[0]
        first["target_id"] = next((row["target_id"] for row in same if row["target_id"]), None)
        kept.append(first)
    return sorted(kept, key=lambda row: row["quote_start"])


def _stated(skip: dict, doc: dict, baselines: list[dict]) -> dict | None:
    """One skipped figure as a plan-stated observation, or None when it is not safely one."""
    text = doc["clean_text"]
    start, end = int(skip["start"]), int(skip["end"])
    figure = words.NUMBER_WITH_UNIT.match(numeral_view(text[start:end]).text.strip())
    if figure is None:
        return None
    value = float(figure.group("value").replace(",", ""))
    unit = (figure.group("mult") or "") + figure.group("unit")
    sentence_start = max(text.rfind(c, 0, start) for c in words.SENTENCE_END) + 1
    sentence_end = min([i for i in (text.find(c, end) for c in words.SENTENCE_END) if i >= 0] + [len(text) - 1]) + 1
    clause_start = max(text.rfind(c, 0, start) for c in words.CLAUSE_END) + 1
    before = text[sentence_start:start]
    target = None
    if skip["reason"] in TARGET_BASELINE_REASONS:
        target = next((t for t in baselines if t["quote_start"] <= start < t["quote_end"]
                       and abs(float(t["baseline"]) - value) < 1e-9), None)
        if target is None:
            return None
    year_at = _stated_year(text, skip["reason"], sentence_start, clause_start, start)
    if year_at is not None:
        year, month, basis, between = *year_at[:2], "stated", text[year_at[2]:start]
    elif skip["reason"] in ("baseline", EXISTING_REASON) and _plan_date(doc):  # 现有/目前: when the plan was written
        year, month, basis, between = *_plan_date(doc), "plan date", ""
    else:
        return None
    if year > _latest_year(doc):
        return None
    if target is not None:  # a baseline measures what its target does
        indicator = harmonizer().get(target["indicator_id"]) if isinstance(target.get("indicator_id"), str) \
            and target["indicator_id"] else None
    else:
        indicator = _named_indicator(text[clause_start:start], unit)
    if indicator is None or words.RESPECTIVELY in text[clause_start:sentence_end]:
        return None
    scope = SCOPE_OF_NATURE.get(indicator.nature, "stock")
    if scope == "annual" and (month is not None or words.PARTIAL_YEAR.search(before[-40:] + between)):
        return None  # a flow over part of a year is not the year's
    converted = convert(value, unit, indicator)
    if converted is None:
        return None
    return {"region_id": doc["region_id"], "region_zh": doc.get("region_zh"), "indicator_id": indicator.id,
            "year": year, "month": month, "value": value, "unit": unit, "value_std": converted[0],
            "unit_std": converted[1], "scope": scope, "source_kind": "plan", "source": doc.get("title"),
            "doc_id": doc["doc_id"], "target_id": target["target_id"] if target is not None else None,
            **_quote_of(target, text, sentence_start, sentence_end),
            "time_basis": basis, "note": f"{skip['reason']}: {text[start:end]}"}


def _stated_year(text: str, reason: str, sentence_start: int, clause_start: int,
                 start: int) -> tuple[int, int | None, int] | None:
    """(year, month, where the year phrase ends) written for a figure, or None.  A baseline's year
    stands after its 由/从 (由2023年的320件), a bracketed one inside its bracket, an existing count's in
    its clause; a due year (到2026年) never dates a level."""
    if reason == "baseline":
        opening = list(words.FROM_WORD.finditer(text, sentence_start, start))
        if not opening:
            return None
        begin = opening[-1].end()
    elif reason == BASE_AFTER_REASON:
        begin = max(clause_start, start - 12)
    elif reason == EXISTING_REASON:
        begin = clause_start
    else:
        begin = sentence_start
    found = list(words.STATED_YEAR.finditer(text, begin, start))
    if reason in ("baseline", EXISTING_REASON):  # in a target's sentence 到2026年 is its due year
        found = [m for m in found if not words.DUE_YEAR_BEFORE.search(text[max(0, m.start() - 4):m.start()])]
    if not found:
        return None
    month = int(found[-1].group(2)) if found[-1].group(2) and 1 <= int(found[-1].group(2)) <= 12 else None
    return int(found[-1].group(1)), month, found[-1].end()


def _quote_of(target: dict | None, text: str, start: int, end: int) -> dict:
    """The sentence a figure is quoted with: its target's own, else the sentence around it."""
    if target is not None:
        start, end = int(target["quote_start"]), int(target["quote_end"])
    return {"quote": text[start:end], "quote_start": start, "quote_end": end}


def _plan_date(doc: dict) -> tuple[int, int | None] | None:
    """The month a plan was written: its date's, else January of its first year (None: neither known)."""
    date = doc.get("date")
    if isinstance(date, str) and re.match(r"^\d{4}-\d{2}", date):
        return int(date[:4]), int(date[5:7])
    start = doc.get("period_start")
    return None if start is None or pd.isna(start) else (int(start), 1)


def _latest_year(doc: dict) -> int:
    """A text states levels reached up to the year it was written: its date's, else its plan's first."""
    date = doc.get("date")
    if isinstance(date, str) and re.match(r"^\d{4}", date):
        return int(date[:4])
    return int(doc["period_start"]) if not pd.isna(doc.get("period_start")) else 0


def _named_indicator(clause: str, unit: str) -> Indicator | None:
    """The indicator a figure's own name maps to, read from its clause: after the figure before it
    (a list), or before 由/从 (a from-to phrase); None when the name is a change, a bound or elided."""
    name, after_list = clause, False
    if (opening := words.FROM_WORD.search(clause)) is not None:
        name = clause[:opening.start()]
    else:
        figures = list(words.ANY_FIGURE.finditer(clause))
        if figures:
            name = clause[figures[-1].end():]
            after_list = name.lstrip().startswith(words.LIST_SEPARATOR)
            if after_list and any(m in clause[:figures[-1].start()] for m in words.PER_CAPITA_MARKERS) \
                    and not any(m in name for m in words.PER_CAPITA_MARKERS):
                return None  # 每万人口A 39.6件、B 15.2件: B's 每万人口 is left out
    name = words.STATED_YEAR.sub("", name).strip(words.NAME_EDGE)
    name = words.NAME_TAIL_VERBS.sub("", name).strip(words.NAME_EDGE)
    if not name or words.CHANGE_WORDS.search(name) or name.endswith(words.BOUND_WORDS) \
            or words.WIDER_AREA.search(clause):
        return None  # a change, a bound, or a province's or the nation's figure
    indicator = harmonizer().match(name, "", unit)
    if indicator is None:
        return None
    nature = indicator.nature
    if nature == "stock" and any(w in name for w in NEW_WORDS):
        return None  # 新增注册商标: what was added, not the level held
    if nature == "flow" and any(w in clause for w in words.CUMULATIVE_WORDS + words.HELD_WORDS):
        return None  # 专利授权量累计, 拥有…国际注册: a sum over years or a holding, not a year's flow
    return indicator


# --- the build's one call --------------------------------------------------------------------

def apply_observations(frames: dict[str, pd.DataFrame], folder: Path) -> None:
    """Fill `observations`, the targets' required_* columns and `attainment` (in place)."""
    researcher, notes, _taken = researcher_observations(folder, frames["regions"])
    if "observations" in frames:  # found plan by plan in the build's workers (steps.plan_tables)
        stated = typed_frame(frames["observations"].sort_values("doc_id", kind="stable", ignore_index=True))
    else:
        stated = plan_observations(frames["targets"], frames["skipped_numbers"], frames["documents"])
    parts = [part for part in (stated, researcher) if len(part)]
    observations = pd.concat(parts, ignore_index=True) if len(parts) > 1 else (parts[0] if parts else typed_frame([]))
    targets = frames["targets"]
    # only the columns etl.normalize.ambition reads (tests/test_observations_speed.py keeps the list
    # complete): rows of all 60 columns cost 0.9 s for 1,000 plans; read once for both of its results
    required, attainment = ambition(targets[list(AMBITION_INPUTS)], observations)
    targets[AMBITION_COLUMNS] = required
    frames["observations"] = observations
    frames["attainment"] = attainment
    if notes:
        frames["quality_notes"] = pd.concat([frames["quality_notes"],
                                             pd.DataFrame(notes, columns=schema.columns("quality_notes"))],
                                            ignore_index=True)
