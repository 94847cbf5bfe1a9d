"""Annex tables that split a plan's targets by town and year (市中区's 工作任务目标分解表).

Two ways in, one way out:
- `find_annex_tables(text)`: the table flattened into text, as a .txt conversion leaves it — one
  cell per line (tabs and blank lines optional, so raw and clean text both work; a row of
  tab-separated cells on one line works too).  Found by shape, not by this file's line numbers
  or towns: a title line "<measure>（<unit>）", a header naming years (2024年 … or 2024年—2026年)
  and/or a total column (总数值), then rows of a label and numbers.
- `annex_from_tables(tables)`: structured `etl.read.readers.Table`s from a .docx or .pdf.
Both give `AnnexTable`s; `town_targets_frame` turns them into the `town_targets` table.

Checks (`check_annex`, `compare_annex_with_text`) return `quality_notes` rows; they never
change a value.  Town names are written as the table spells them; `normalise_town_names` is the
separate, announced step that maps a one-character misspelling to the majority spelling.

Data shape born here: `AnnexTable(measure, unit, start, end, rows, notes)`, rows as
{"town", "period", "value"}; period "2024" for a year, "2024-2026" for the whole plan period.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from itertools import combinations

import pandas as pd

from etl.base.schema import columns
from etl.extract.rules_annex import (
    CELL_PADDING,
    HEADER_WORD,
    NAME_HEADER,
    NEW_WORD,
    RANGE_LABEL,
    SENTENCE_MARK,
    TITLE,
    TOTAL_COLUMN,
    TOTAL_ROW,
    TOTAL_WORD,
    WHOLE,
    YEAR_LABEL,
)
from etl.read.readers import Table
from etl.vocab.layout import BRACKET_CLOSE, BRACKET_OPEN, QUOTE_CLOSE, QUOTE_OPEN

_NUMBER = re.compile(r"^[+-]?\d+(?:,\d{3})*(?:\.\d+)?$")
_SERIAL = re.compile(r"^\d{1,3}$")
# A line that belongs to running text, not a table cell: too long, or ends a clause (SENTENCE_MARK).
_MAX_CELL = 40
TOTAL_PERIOD = "total"  # internal marker for the total column before its span is known


@dataclass
class AnnexTable:
    measure: str
    unit: str
    start: int  # offset of the title in the text given (0 for structured tables)
    end: int  # end of the last cell read (exclusive)
    rows: list[dict] = field(default_factory=list)  # {"town", "period", "value"}
    notes: list[str] = field(default_factory=list)  # what the parser could not square, for quality notes


def is_total_row(town: str) -> bool:
    return bool(TOTAL_ROW.match(town))


def _to_number(cell: str) -> float | None:
    cell = unicodedata.normalize("NFKC", cell).strip()
    return float(cell.replace(",", "")) if _NUMBER.match(cell) else None


_SPACES = re.compile(r"\s+")


def _tidy_label(cell: str) -> str:
    # Place names carry no spaces; Word tables pad short names to align them ("税  郭  镇").
    return _SPACES.sub("", unicodedata.normalize("NFKC", cell))


def _period_of(label: str) -> str | None:
    label = _tidy_label(label)
    if match := RANGE_LABEL.match(label):
        return f"{match.group(1)}-{match.group(2)}"
    if match := YEAR_LABEL.match(label):
        return match.group(1)
    if TOTAL_COLUMN.match(label):
        return TOTAL_PERIOD
    return None


def _title_parts(line: str) -> tuple[str, str, bool] | None:
    match = TITLE.match(_tidy_label(line))
    if not match:
        return None
    return match.group("measure"), match.group("unit"), bool(match.group("enum"))


# --- shared: header periods + data rows → AnnexTable ---------------------------------------

def _build(measure: str, unit: str, periods: list[str], data_rows: list[tuple[str, list[float | None]]],
           start: int, end: int, notes: list[str]) -> AnnexTable:
    """`periods[i]` names the i-th value column; the total column gets the span of the years."""
    years = [int(y) for p in periods if p != TOTAL_PERIOD for y in p.split("-")]
    span = f"{min(years)}-{max(years)}" if years else None
    periods = [span if p == TOTAL_PERIOD else p for p in periods]
    table = AnnexTable(measure=measure, unit=unit, start=start, end=end, notes=list(notes))
    for town, values in data_rows:
        seen: dict[str, float] = {}
        for period, value in zip(periods, values):
            if period is None or value is None:
                continue
            if period in seen:
                # 目标值 2024年—2026年 beside 总数值: the same figure twice; keep the first.
                if seen[period] != value:
                    table.notes.append(f"{town}: the {period} target column says {_fmt(seen[period])} "
                                       f"but the total column says {_fmt(value)}")
                continue
            seen[period] = value
            table.rows.append({"town": town, "period": period, "value": value})
    return table


def _fmt(value: float) -> str:
    return f"{value:g}"


# --- flattened text -----------------------------------------------------------------------

@dataclass
class _Cell:
    text: str
    start: int
    end: int
    line: int  # index in the line list


def _lines(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in text.split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def _cells_of_line(offset: int, line: str, index: int) -> list[_Cell]:
    cells = []
    for match in re.finditer(r"[^\t]+", line):
        raw = match.group(0)
        stripped = raw.strip(CELL_PADDING)
        if stripped:
            start = offset + match.start() + raw.index(stripped)
            cells.append(_Cell(stripped, start, start + len(stripped), index))
    return cells


def _is_cell_line(line: str) -> bool:
    return all(len(part.strip()) <= _MAX_CELL and not SENTENCE_MARK.search(part) for part in line.split("\t"))


def find_annex_tables(text: str) -> list[AnnexTable]:
    lines = _lines(text)
    tables: list[AnnexTable] = []
    index = 0
    while index < len(lines):
        offset, line = lines[index]
        title = _title_parts(line.strip()) if _is_cell_line(line) and "\t" not in line.strip() else None
        table, next_index = (_table_at(lines, index, title) if title else (None, index + 1))
        if table is not None:
            tables.append(table)
            index = next_index
        else:
            index += 1
    return tables


def _table_at(lines, title_index: int, title) -> tuple[AnnexTable | None, int]:
    measure, unit, _enumerated = title
    offset, line = lines[title_index]
    start = offset + len(line) - len(line.lstrip())
    cells: list[_Cell] = []
    for index in range(title_index + 1, len(lines)):
        line_offset, line = lines[index]
        if not line.strip():
            continue
        if not _is_cell_line(line):
            break
        next_title = _title_parts(line.strip())
        if next_title and next_title[2]:  # an enumerated title starts the next table
            break
        cells.extend(_cells_of_line(line_offset, line, index))
    parsed = _parse_cells(cells)
    if parsed is None:
        return None, title_index + 1
    periods, rows, used, notes = parsed
    last = cells[used - 1]
    return _build(measure, unit, periods, rows, start, last.end, notes), last.line + 1


def _parse_cells(cells: list[_Cell]):
    """Header cells up to the first data row, then rows of label(s) + numbers.  Empty cells may
    be missing (clean text drops them), so rows are found by their labels, not by position: the
    numbers after a label are its values, plus the next row's serial number (序号) if one more."""
    header_end = _header_end(cells)
    if header_end is None:
        return None
    periods = _header_periods(cells[:header_end])
    if not periods:
        return None
    rows, used, notes = _data_rows(cells, header_end, len(periods))
    # Labels left without numbers (a 注 line, a footer) are not part of the table.
    if not rows:
        return None
    return periods, rows, used, notes


def _header_periods(header: list[_Cell]) -> list[str]:
    """The periods the header's value columns name: the years come under 目标值 and the total column
    (总数值) after them, whatever order the merged header cells were flattened in."""
    periods = [p for p in (_period_of(c.text) for c in header) if p]
    return [p for p in periods if p != TOTAL_PERIOD] + [p for p in periods if p == TOTAL_PERIOD][:1]


def _data_rows(cells: list[_Cell], header_end: int, width: int) -> tuple[list, int, list[str]]:
    """(rows of (town, values), how many cells belong to the table, notes) from the first data row on."""
    rows: list[tuple[str, list[float | None]]] = []
    notes: list[str] = []
    labels: list[str] = []
    values: list[float] = []
    used = row_end = header_end  # cells[:used] belong to the table
    for position in range(header_end, len(cells)):
        number = _to_number(cells[position].text)
        if number is not None:
            if labels:  # a number before any label is a 序号
                values.append(number)
                if len(values) <= width:
                    row_end = position + 1
            continue
        if labels and values:
            _finish_row(labels, values, width, rows, notes)
            used = row_end
            labels, values = [], []
        labels.append(cells[position].text)
    if labels and values:
        _finish_row(labels, values, width, rows, notes)
        used = row_end
    return rows, used, notes


def _finish_row(labels: list[str], values: list[float], width: int, rows: list, notes: list[str]) -> None:
    # 合计 + 全区 label one row: the 全X label names it, as town_targets' total row.
    town = next((label for label in labels if is_total_row(label) and label.startswith(WHOLE)), labels[-1])
    if len(values) in (width, width + 1):  # one more: the next row's 序号
        rows.append((_tidy_label(town), values[:width]))
    else:
        notes.append(f"row {town}: {len(values)} numbers where {width} columns were expected; row skipped")


def _header_end(cells: list[_Cell]) -> int | None:
    """Index of the first cell of the first data row: a total label (合计/全区), or a serial number
    followed by a name, or a name followed by a number."""
    for i, cell in enumerate(cells):
        text = _tidy_label(cell.text)
        nxt = _tidy_label(cells[i + 1].text) if i + 1 < len(cells) else ""
        if is_total_row(text) and not TOTAL_COLUMN.match(text):
            return i
        if text == TOTAL_WORD and i > 0 and _period_of(cells[i - 1].text):
            return i  # 合计 right after the year labels is the total row, not a header
        if _SERIAL.match(text) and nxt and _to_number(nxt) is None and _period_of(nxt) is None:
            return i
        if (_to_number(text) is None and _period_of(text) is None and not _is_header_word(text)
                and _to_number(nxt) is not None):
            return i
    return None


def _is_header_word(text: str) -> bool:
    return bool(HEADER_WORD.search(text))


# --- structured tables (.docx, .pdf) ---------------------------------------------------------

def annex_from_tables(tables: list[Table]) -> list[AnnexTable]:
    found = []
    for table in tables:
        annex = _annex_from_table(table)
        if annex is not None:
            found.append(annex)
    return found


def _annex_from_table(table: Table) -> AnnexTable | None:
    rows = [[(cell or "").strip() for cell in row] for row in table.rows if any((c or "").strip() for c in row)]
    title = _title_parts(table.title) if table.title else None
    if rows and len({c for c in rows[0] if c}) == 1 and (in_table := _title_parts(next(c for c in rows[0] if c))):
        title, rows = in_table, rows[1:]  # the title as a merged first row
    if title is None or not rows:
        return None
    first_data = next((i for i, row in enumerate(rows) if _is_data_row(row)), None)
    if first_data is None or first_data == 0:
        return None
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    header = [" ".join(row[c] for row in rows[:first_data] if row[c]) for c in range(width)]
    column_periods = [_column_period(label) for label in header]
    value_columns = [c for c, p in enumerate(column_periods) if p]
    if not value_columns:
        return None
    name_column = next((c for c in range(width) if c not in value_columns and NAME_HEADER.search(header[c])),
                       max((c for c in range(value_columns[0]) if c not in value_columns), default=0))
    # Value columns in sheet order, except the total column goes last, as _build expects.
    ordered = [c for c in value_columns if column_periods[c] != TOTAL_PERIOD] + \
              [c for c in value_columns if column_periods[c] == TOTAL_PERIOD]
    data_rows, notes = [], []
    for row in rows[first_data:]:
        labels = [_tidy_label(c) for c in row[:value_columns[0]] if c]
        totals = [label for label in labels if is_total_row(label)]
        # 合计 + 全区 in one row: the 全X label names it, as in the flattened tables
        town = next((t for t in totals if t.startswith(WHOLE)), totals[0]) if totals else _tidy_label(row[name_column])
        if not town:
            notes.append(f"a row with no town name was skipped: {' | '.join(row)}")
            continue
        values = [_to_number(row[c]) for c in ordered]
        if all(v is None for v in values):
            continue
        data_rows.append((town, values))
    periods = [column_periods[c] for c in ordered]
    measure, unit, _ = title
    return _build(measure, unit, periods, data_rows, 0, 0, notes)


def _column_period(label: str) -> str | None:
    # "目标值 2024年" → 2024; "总数值" → total; the last word of a stacked header decides.
    for word in reversed(label.split()):
        if period := _period_of(word):
            return period
    return None


def _is_data_row(row: list[str]) -> bool:
    labels = [_tidy_label(c) for c in row if c]
    if not labels:
        return False
    if any(is_total_row(label) for label in labels[:2]) and any(_to_number(c) is not None for c in row):
        return True
    numbers = [c for c in labels if _to_number(c) is not None]
    names = [c for c in labels if _to_number(c) is None and _period_of(c) is None]
    return bool(names) and any(not YEAR_LABEL.match(n) for n in numbers[1:] or numbers)


# --- frames and checks ----------------------------------------------------------------------

def town_targets_frame(tables: list[AnnexTable], region_id: str, doc_id: str) -> pd.DataFrame:
    """One row per table × town × period; indicator_id left empty for the measure mapping."""
    records = [
        {"region_id": region_id, "doc_id": doc_id, "measure": table.measure, "unit": table.unit,
         "indicator_id": None, "town": row["town"], "period": row["period"], "value": float(row["value"]),
         "is_total": is_total_row(row["town"])}
        for table in tables for row in table.rows
    ]
    frame = pd.DataFrame(records, columns=columns("town_targets"))
    return frame.astype({"value": "float64", "is_total": "bool"})


def parse_notes(tables: list[AnnexTable], region_id: str, doc_id: str) -> pd.DataFrame:
    """What the parser met but could not square (a row with too few numbers, two columns that
    should agree and do not), as quality notes."""
    records = [_note(doc_id, region_id, "annex_parse", f"annex table {QUOTE_OPEN}{table.measure}{QUOTE_CLOSE}: {note}", note)
               for table in tables for note in table.notes]
    return pd.DataFrame(records, columns=columns("quality_notes"))


def _empty(table: str) -> pd.DataFrame:
    return _empty_template(table).copy()


@cache
def _empty_template(table: str) -> pd.DataFrame:
    # built once: an empty frame with typed columns costs ~2 ms, paid per plan before
    return pd.DataFrame(columns=columns(table)).astype({"value": "float64"} if table == "town_targets" else {})


def _note(doc_id, region_id, kind, message, detail) -> dict:
    return {"doc_id": doc_id, "region_id": region_id, "kind": kind, "message": message, "detail": detail}


def check_annex(town_df: pd.DataFrame) -> pd.DataFrame:
    """Sanity checks on the annex as written: towns add up to the total row for each period;
    each town's years add up to its plan-period figure; a town spelled two ways across tables.
    The sums run on plain tuples: per-group pandas filtering cost 0.3 s of a 0.6 s build."""
    records: list[dict] = []
    tables: dict[tuple, list[tuple[str, str, float]]] = {}
    for doc_id, region_id, measure, town, period, value in zip(
            town_df["doc_id"], town_df["region_id"], town_df["measure"], town_df["town"], town_df["period"],
            town_df["value"]):
        tables.setdefault((doc_id, region_id, measure), []).append((town, str(period), float(value)))
    for (doc_id, region_id, measure), rows in tables.items():
        records += _check_town_sums(doc_id, region_id, measure, rows)
        records += _check_year_sums(doc_id, region_id, measure, rows)
    for (doc_id, region_id), document in town_df.groupby(["doc_id", "region_id"], sort=False):
        # a tie is reported under both spellings: once is enough
        variants = dict.fromkeys(_spelling_variants(document).values())
        records += [_note(doc_id, region_id, "town_name", message, detail) for message, detail in variants]
    return pd.DataFrame(records, columns=columns("quality_notes"))


def _check_town_sums(doc_id, region_id, measure, rows: list[tuple[str, str, float]]) -> list[dict]:
    """Each total row (全区, 合计 …) equals the sum of the towns' rows of its period."""
    notes = []
    towns_by_period: dict[str, list[tuple[str, float]]] = {}
    for town, period, value in rows:
        if not is_total_row(town):
            towns_by_period.setdefault(period, []).append((town, value))
    for total_town, period, total in ((t, p, v) for t, p, v in rows if is_total_row(t)):
        in_period = towns_by_period.get(period, [])
        added = sum(value for _town, value in in_period)
        if abs(added - total) > 1e-6:
            notes.append(_sum_note(doc_id, region_id, f"annex table {QUOTE_OPEN}{measure}{QUOTE_CLOSE}, {period}: the {len(in_period)} "
                                   f"towns add up to {_fmt(added)}, but the {total_town} row says {_fmt(total)}",
                                   in_period, added, f"{total_town} = {_fmt(total)}"))
    return notes


def _sum_note(doc_id, region_id, message: str, parts: list[tuple[str, float]], added: float, stated: str) -> dict:
    """The note for a sum that disagrees with its stated total, with the addition written out."""
    written = " + ".join(f"{label} {_fmt(v)}" for label, v in parts)
    return _note(doc_id, region_id, "annex_sum", message, f"{written} = {_fmt(added)}; {stated}")


def _check_year_sums(doc_id, region_id, measure, rows: list[tuple[str, str, float]]) -> list[dict]:
    """Each town's single years add up to its plan-period figure (2024-2026), when all are given."""
    notes = []
    by_town: dict[str, list[tuple[str, float]]] = {}
    for town, period, value in rows:
        by_town.setdefault(town, []).append((period, value))
    for town, periods in by_town.items():
        years = {int(p): v for p, v in periods if "-" not in p}
        for span, span_value in ((p, v) for p, v in periods if "-" in p):
            first, last = (int(y) for y in span.split("-"))
            inside = [(y, years[y]) for y in range(first, last + 1) if y in years]
            if len(inside) != last - first + 1:
                continue  # not every year given: nothing to add up
            added = sum(v for _y, v in inside)
            if abs(added - span_value) > 1e-6:
                notes.append(_sum_note(doc_id, region_id, f"annex table {QUOTE_OPEN}{measure}{QUOTE_CLOSE}, {town}: the years add up "
                                       f"to {_fmt(added)}, but the {span} total says {_fmt(span_value)}",
                                       inside, added, f"total {_fmt(span_value)}"))
    return notes


def _spelling_variants(document: pd.DataFrame) -> dict[str, tuple[str, str]]:
    """Names that differ by one character and never stand in the same table are one town spelled
    two ways (垎塔埠街道 / 各塔埠街道).  Two towns in one table (东城街道 / 西城街道) are two towns.
    Returns {variant: (message, detail)}; the majority spelling, by number of tables, wins."""
    towns = document[~document["town"].map(is_total_row)]
    measures_of = towns.groupby("town", sort=False)["measure"].agg(lambda m: list(dict.fromkeys(m)))
    found: dict[str, tuple[str, str]] = {}
    for a, b in combinations(measures_of.index, 2):
        if len(a) != len(b) or sum(x != y for x, y in zip(a, b)) != 1:
            continue
        if set(measures_of[a]) & set(measures_of[b]):
            continue
        count_a, count_b = len(measures_of[a]), len(measures_of[b])
        if count_a == count_b:
            message = (f"town {QUOTE_OPEN}{a}{QUOTE_CLOSE} and {QUOTE_OPEN}{b}{QUOTE_CLOSE} differ by one character "
                       "and never appear in the same table; "
                       f"each is used in {count_a} table(s), so neither is taken as the right spelling: "
                       "both are kept as written")
            found[a] = found[b] = (message, f"{a}: {'; '.join(measures_of[a])} | {b}: {'; '.join(measures_of[b])}")
            continue
        major, minor = (a, b) if count_a > count_b else (b, a)
        message = (f"town {QUOTE_OPEN}{minor}{QUOTE_CLOSE} (in {'; '.join(measures_of[minor])}) differs by one "
                   f"character from {QUOTE_OPEN}{major}{QUOTE_CLOSE} (in {len(measures_of[major])} other tables) and "
                   f"never appears beside it: taken as a misspelling; town_targets uses {QUOTE_OPEN}{major}{QUOTE_CLOSE} "
                   "(etl.extract.annex.normalise_town_names)")
        found[minor] = (message, f"{minor} → {major}")
    return found


def town_name_fixes(town_df: pd.DataFrame) -> dict[tuple[str, str], str]:
    """{(doc_id, misspelt town): majority spelling} — the mapping check_annex announces."""
    fixes = {}
    for doc_id, document in town_df.groupby("doc_id", sort=False):
        for minor, (_message, detail) in _spelling_variants(document).items():
            if " → " in detail:
                fixes[(doc_id, minor)] = detail.split(" → ")[1]
    return fixes


def normalise_town_names(town_df: pd.DataFrame) -> pd.DataFrame:
    """Map each one-character misspelling to its majority spelling (see check_annex's note)."""
    fixes = town_name_fixes(town_df)
    out = town_df.copy()
    out["town"] = [fixes.get((doc, town), town) for doc, town in zip(out["doc_id"], out["town"])]
    return out


def annex_frames(tables: list[AnnexTable], region_id: str, doc_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The whole annex step in order: the frame as written → notes → names normalised.
    Returns (town_targets, quality_notes)."""
    if not tables:  # most plans have no annex: skip building and checking empty frames
        return _empty("town_targets"), _empty("quality_notes")
    frame = town_targets_frame(tables, region_id, doc_id)
    notes = pd.concat([parse_notes(tables, region_id, doc_id), check_annex(frame)], ignore_index=True)
    return normalise_town_names(frame), notes


# --- annex against the plan's text ----------------------------------------------------------

def compare_annex_with_text(town_df: pd.DataFrame, targets_df: pd.DataFrame) -> pd.DataFrame:
    """Where the annex's whole-area, whole-period figure and a text target for the same indicator
    disagree, note both numbers and both sources.  Nothing is dropped: both stay in the data."""
    records = []
    mapped = town_df[town_df["indicator_id"].notna() & town_df["town"].map(is_total_row)]
    for (doc_id, region_id, indicator_id, measure), table in mapped.groupby(
            ["doc_id", "region_id", "indicator_id", "measure"], sort=False):
        annex_value, annex_period = _whole_period_value(table)
        if annex_value is None:
            continue
        unit = town_df.loc[table.index[0], "unit"]
        in_text = targets_df[(targets_df["doc_id"] == doc_id) & (targets_df["indicator_id"] == indicator_id)]
        for _, target in in_text.iterrows():
            text_value = target.get("value_std")
            if text_value is None or pd.isna(text_value):
                text_value = target.get("value")
            if text_value is None or pd.isna(text_value) or abs(float(text_value) - annex_value) <= 1e-6:
                continue
            text_unit = target.get("unit_std") or target.get("unit") or ""
            # 市中区: "发明专利拥有量达到600件" (a level) beside the annex's 新增 (additions) 420.
            hint = ("; the text sets a level to reach while the annex counts additions, so they need not be equal"
                    if target.get("scope") == "stock" and NEW_WORD in measure else "")
            records.append(_note(
                doc_id, region_id, "annex_vs_text",
                f"{indicator_id}: the plan text says {_fmt(float(text_value))}{text_unit} "
                f"but the annex table {QUOTE_OPEN}{measure}{QUOTE_CLOSE} totals {_fmt(annex_value)}{unit} "
                f"({table.iloc[0]['town']}, {annex_period}); both are kept{hint}",
                f"text: {QUOTE_OPEN}{target.get('quote', '')}{QUOTE_CLOSE} (target {target.get('target_id', '')}, "
                f"section {target.get('section', '')}, scope {target.get('scope', '')}) | annex: "
                f"{QUOTE_OPEN}{measure}{BRACKET_OPEN}{unit}{BRACKET_CLOSE}{QUOTE_CLOSE} "
                f"{table.iloc[0]['town']} {annex_period} = {_fmt(annex_value)}"))
    return pd.DataFrame(records, columns=columns("quality_notes"))


def _whole_period_value(total_rows: pd.DataFrame) -> tuple[float | None, str | None]:
    spans = total_rows[total_rows["period"].str.contains("-")]
    if len(spans):
        return float(spans.iloc[0]["value"]), spans.iloc[0]["period"]
    years = total_rows[~total_rows["period"].str.contains("-")]
    if not len(years):
        return None, None
    periods = sorted(years["period"])
    return float(years["value"].sum()), f"{periods[0]}-{periods[-1]} (sum of the years)"
