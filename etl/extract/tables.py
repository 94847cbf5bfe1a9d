"""Step 3c: a plan's "主要指标" table → candidate targets.

Many plans of the genre list their goals as a table — 序号 | 指标 | 单位 | 2023年现状 | 2026年目标 —
which reaches us either as Markdown-style pipe rows ("| 1 | 有效发明专利拥有量 | 件 | 96 | 180 |") or,
from a Word/PDF conversion, flattened to one cell per line.  The header says which column is the
name, the unit, the baseline and the target (and the target's year); each row is one target.

(The 市中区 annex, towns × years, is a different kind of table: see etl.extract.annex.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.extract.clauses import Candidate, PlanContext, Skipped, extract_sentence
from etl.extract.rules_tables import (
    ANNUAL_NAME,
    ARROW_LINE,
    ARROW_MARKERS,
    BASELINE_HEADER,
    BRACKET_CELL,
    CELL_GAP,
    CELL_NUMBER,
    COMPARATOR_AFTER,
    COMPARATOR_SIGNS,
    FLOW_WORDS,
    GROUP_ROW,
    HEADER_UNIT,
    HEADER_WORD,
    NAME_HEADER,
    NEW_WORD,
    PART_HEADING,
    PER_YEAR_UNIT,
    POINTS_HEADER,
    QUALITATIVE_CELL,
    STAGE_HEADER,
    SUM_WORD,
    TARGET_HEADER,
    TOTAL_ROW,
    TRAILING_NOTE,
    UNIT_HEADER,
    UNIT_IN_NAME,
    UNIT_NOTE_BREAK,
    YEAR_VALUE,
    YEAR_VALUE_LINE,
)
from etl.extract.time import one_year_scope
from etl.read.clean import is_spaced_row
from etl.segment.sentences import Sentence
from etl.vocab.layout import CELL_BAR
from etl.vocab.numerals import numeral_view
from etl.vocab.units import RATIO_UNITS, split_unit, written_unit

YEAR = re.compile(r"(20\d\d)")
DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
MAX_HEADER_CELL = 12  # characters: a header cell is a short name
MAX_CELL = 40  # characters: a longer line is text, not a cell

@dataclass
class _Row:
    cells: list[str]
    start: int
    end: int
    group: str = ""  # the part row above it inside the table ("一、<category>（28分）"), if any


def _pipe_cells(line: str) -> list[str] | None:
    """`| a | b |` cells, or `a | b | c` (a Word table converted to text rows: outer bars optional);
    None for another line.  A `| --- |` rule is a row of no cells."""
    stripped = line.strip()
    if stripped.count(CELL_BAR) < 2:
        return None
    if stripped.startswith(CELL_BAR):
        stripped = stripped[1:]
    if stripped.endswith(CELL_BAR):
        stripped = stripped[:-1]
    cells = [c.strip() for c in stripped.split(CELL_BAR)]
    return [] if all(re.fullmatch(r":?-{2,}:?", c) for c in cells) else cells


def _tab_cells(line: str) -> list[str] | None:
    """Tab-separated cells (a table copied out of a spreadsheet or Word), or cells parted by wide
    gaps of spaces (a text dump of one); None for another line."""
    if line.count("\t") < 2 and not is_spaced_row(line.strip()):
        return None
    return [c.strip() for c in CELL_GAP.split(line.strip())]


def _delimited_rows(text: str, cells_of) -> list[list[_Row]]:
    """Consecutive lines whose cells `cells_of` reads, as tables.  A part row between them
    ("一、<category>（28分）", no cells) stays inside the table and names the rows below it."""
    tables, current, offset, group = [], [], 0, ""
    for line in text.split("\n"):
        cells = cells_of(line)
        if cells is None and current and GROUP_ROW.match(line.strip()):
            group = line.strip()
        elif cells is None:
            if current:
                tables.append(current)
            current, group = [], ""
        elif cells:
            current.append(_Row(cells, offset, offset + len(line), group))
        offset += len(line) + 1
    if current:
        tables.append(current)
    return tables


def _flat_rows(text: str) -> list[list[_Row]]:
    """Cells one per line: a header of short lines naming 指标 and a target column, then rows of
    the same width."""
    lines = _nonblank_lines(text)
    tables = []
    i = 0
    while i < len(lines):
        header, j = _flat_header(lines, i)
        names = [h for _, h in header]
        if len(header) >= 3 and any(NAME_HEADER.search(h) for h in names) and (
                any(TARGET_HEADER.search(h) for h in names) or len(_year_columns(names)) >= 2):
            rows, k = _flat_body(lines, header, j)
            if len(rows) > 1:
                tables.append(rows)
                i = k
                continue
        i = max(j, i + 1)
    return tables


def _nonblank_lines(text: str) -> list[tuple[int, str]]:
    """(offset, stripped line) of every line that holds something."""
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line.strip()))
        offset += len(line) + 1
    return [(start, line) for start, line in lines if line]


def _flat_header(lines: list[tuple[int, str]], i: int) -> tuple[list[tuple[int, str]], int]:
    """The header cells that start at line i (short lines, no number), and the line after them."""
    header = []
    j = i
    while j < len(lines) and len(lines[j][1]) <= MAX_HEADER_CELL and not CELL_NUMBER.fullmatch(lines[j][1]):
        header.append(lines[j])
        j += 1
    while header and PART_HEADING.match(header[0][1]):  # "二、主要指标" above the table is no cell
        header.pop(0)
    # The header ends at its last header word: a short row name ("有效注册商标总数") after it is a cell
    last = max((n for n, (_, h) in enumerate(header) if HEADER_WORD.search(h)), default=len(header) - 1)
    while last + 1 < len(header) and BRACKET_CELL.fullmatch(header[last + 1][1]):
        last += 1
    j -= len(header) - (last + 1)
    return _merge_bracket_lines(header[:last + 1]), j  # "基准值" / "（2025年）": one header cell on two lines


def _flat_body(lines: list[tuple[int, str]], header: list[tuple[int, str]], j: int) -> tuple[list[_Row], int]:
    """The header and the rows of its width from line j on, and the line after the last row."""
    names = [h for _, h in header]
    width = len(header)
    numbered = not NAME_HEADER.search(names[0])  # 序号 first; else each row opens with its name
    rows = [_Row(names, header[0][0], header[-1][0] + len(header[-1][1]))]
    k = j
    while k + width <= len(lines):
        chunk = lines[k:k + width]
        if not _row_start_ok(chunk, numbered) or any(len(c) > MAX_CELL for _, c in chunk):
            break
        rows.append(_Row([c for _, c in chunk], chunk[0][0], chunk[-1][0] + len(chunk[-1][1])))
        k += width
    return rows, k


def _merge_bracket_lines(header: list[tuple[int, str]]) -> list[tuple[int, str]]:
    merged: list[tuple[int, str]] = []
    for start, cell in header:
        if merged and BRACKET_CELL.fullmatch(cell):
            merged[-1] = (merged[-1][0], merged[-1][1] + cell)
        else:
            merged.append((start, cell))
    return merged


def _row_start_ok(chunk: list[tuple[int, str]], numbered: bool) -> bool:
    first = chunk[0][1]
    if numbered:
        return bool(re.fullmatch(r"\d{1,2}", first))
    return not CELL_NUMBER.fullmatch(first) and any(CELL_NUMBER.fullmatch(c.replace(" ", "")) for _, c in chunk[1:])


def _year_columns(header: list[str]) -> list[tuple[int, int]]:
    """"指标 | 2024年 | 2025年 | 2026年": one target per year column (no baseline column named)."""
    return [(i, int(YEAR.search(c).group(1))) for i, c in enumerate(header)
            if YEAR.search(c) and not BASELINE_HEADER.search(c) and len(c) <= 10]


def _columns(header: list[str]) -> dict[str, int] | None:
    cols: dict[str, int] = {}
    for idx, cell in enumerate(header):
        if POINTS_HEADER.search(cell):
            cols["points"] = idx  # never read: points are what a row is worth, not its target
        elif "name" not in cols and NAME_HEADER.search(cell) and not TARGET_HEADER.search(cell):
            cols["name"] = idx
        elif UNIT_HEADER.search(cell):
            cols["unit"] = idx
        elif TARGET_HEADER.search(cell):
            cols["target"] = idx
        elif BASELINE_HEADER.search(cell) or (YEAR.search(cell) and not {"target", "baseline"} & set(cols)):
            cols["baseline"] = idx  # "2025年（基期）" then 2026年, 2028年: the first is the baseline
    staged = [i for i, _ in _year_columns(header) if STAGE_HEADER.search(header[i])]
    based = any(BASELINE_HEADER.search(h) for h in header)  # "2025年（基期） | 2026年 | 2028年目标"
    if "name" in cols and (("target" not in cols or based) and len(_year_columns(header)) >= 2 or len(staged) >= 2):
        # 2024年 | 2025年 | 2026年, or 阶段值（2026年） | 目标值（2028年）: a target per year column
        if "baseline" in cols and not BASELINE_HEADER.search(header[cols["baseline"]]):
            cols.pop("baseline")  # a bare year column is a target year, not a baseline
        cols["years"] = -1
    return cols if "name" in cols and ("target" in cols or "years" in cols) else None


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _split_unit(unit: str) -> tuple[float, str, bool]:
    """"万件" → (1e4, "件"); "人次/年" → (1, "人次", per year); "万元" stays money (etl.vocab.units.split_unit)."""
    per_year = bool(PER_YEAR_UNIT.search(unit))
    multiplier, unit = split_unit(PER_YEAR_UNIT.sub("", unit))
    return multiplier, unit, per_year


@dataclass
class _Cell:
    """One target cell of a table (or one year of a 专栏 line) with what its row says about it.
    `number` is None for a cell in words ("同比增长10%以上", "建立并正常运行"): `written` holds it."""
    name: str
    unit: str
    number: re.Match | None
    year: int | None
    baseline: float | None
    row: _Row
    written: str = ""


def _quote(row: _Row, text: str, context: Sentence | None) -> Sentence:
    """The row's own text as the target's quote; its section is the table's, and the part row above
    it, when there is one, is the last step of that section (it names the rows' category)."""
    section = context.section if context else ""
    if row.group:
        section = f"{section} › {row.group}" if section else row.group
    return Sentence(text[row.start:row.end], row.start, row.end, section,
                    context.section_kind if context else "goals", False, context.paragraph if context else 0)


def _name_and_unit(name: str, unit: str) -> tuple[str, str]:
    """The unit written in the name's brackets when no column gives one ("<indicator>（万件）")."""
    in_name = UNIT_IN_NAME.search(name)
    if not unit and in_name:
        return name[:in_name.start()], in_name.group("unit")
    return name, unit


def _cell_candidate(cell: _Cell, quote: Sentence, period: tuple[int | None, int | None]
                    ) -> Candidate | Skipped | None:
    if cell.number is None:
        return _worded_cell(cell, quote, period)
    name, unit = _name_and_unit(cell.name, cell.unit)
    m, year = cell.number, cell.year
    flow_words = "".join(FLOW_WORDS.findall(unit))  # "亿元，五年累计": the unit's note
    mult, unit, per_year = _split_unit(UNIT_NOTE_BREAK.split(unit)[0].strip())
    comparator = COMPARATOR_AFTER.get(m.group("after") or "", COMPARATOR_SIGNS.get(m.group("cmp") or "", "="))
    pre = (m.group("pre") or "") + flow_words
    if unit in RATIO_UNITS:
        scope = "ratio"
    elif per_year or ANNUAL_NAME.search(name + pre):
        scope = "annual"
    elif NEW_WORD in name + pre or SUM_WORD in flow_words:  # a sum over the years the unit names
        scope = "new"
    else:
        scope = "stock"
    return Candidate(
        value=_number(m.group("value")), value_max=None, unit=unit or None, multiplier=mult,
        comparator=comparator, baseline=cell.baseline, scope=scope,
        target_year=year if year or scope == "annual" else period[1],
        raw_name=TRAILING_NOTE.sub("", name).strip() or name, qualitative=False, sentence=quote,
        number_text=m.group(0) + (written_unit(unit, mult) or ""),
        notes=[] if year or scope == "annual" else ["table row without a year"])


def _worded_cell(cell: _Cell, quote: Sentence, period: tuple[int | None, int | None]) -> Candidate | Skipped | None:
    """A target cell in words is a short clause after the row's name ("<name>同比增长10%以上",
    "<name>累计达到6家"): the extractor's own clause reading says its value, unit, comparator and
    scope.  Anything but one clear reading of the cell's own number is skipped, with the reason."""
    name, unit = _name_and_unit(cell.name, cell.unit)
    name = name.strip()
    year = cell.year or period[1]
    notes = [] if cell.year else ["table row without a year"]
    written = numeral_view(cell.written).text
    numbers = [_number(n) for n in DIGITS.findall(written)]
    if not numbers:
        if QUALITATIVE_CELL.search(written):
            return Candidate(value=None, value_max=None, unit=None, multiplier=1.0, comparator=None, baseline=None,
                             scope=None, target_year=year, raw_name=TRAILING_NOTE.sub("", name).strip() or name,
                             qualitative=True, sentence=quote, notes=[cell.written] + notes)
        return None  # "—", "/", "待定": nothing to read
    clause = name + cell.written
    reading = Sentence(clause, quote.start, quote.start + len(clause), quote.section, "goals", False, quote.paragraph)
    found, skipped, _ = extract_sentence(reading, PlanContext(*period), None)
    found = [c for c in found if not c.qualitative]
    if len(found) != 1 or skipped or _reads_elsewhere(found[0], numbers):
        return _skip(quote, "table cell not read as one target")
    target = found[0]
    mult, name_unit, per_year = _split_unit(UNIT_NOTE_BREAK.split(unit)[0].strip()) if unit else (1.0, "", False)
    if target.unit is None and name_unit:
        target.unit, target.multiplier = name_unit, mult
    if per_year and target.unit not in RATIO_UNITS:
        target.scope = "annual"
    own_year = YEAR.search(cell.written)
    target.target_year = target.target_year if own_year else year
    target.baseline = cell.baseline
    target.raw_name = target.raw_name or name
    target.sentence = quote
    target.notes += [] if own_year else notes
    return target


def _reads_elsewhere(target: Candidate, numbers: list[float]) -> bool:
    """The reading took a number that is not the cell's (a digit in the row's name), or left one out."""
    read = [v for v in (target.value, target.value_max) if v is not None]
    return sorted(read) != sorted(numbers)


def _skip(quote: Sentence, reason: str) -> Skipped:
    return Skipped(quote.text, reason, quote.start, quote.end)


def _table_cells(rows: list[_Row], cols: dict[str, int], period_start: int | None) -> list[_Cell]:
    if "years" in cols:
        targets = _year_columns(rows[0].cells)
        before = [(i, y) for i, y in targets if period_start and y < period_start]
        if before:  # "指标 | 2020年 | 2025年" in a 2021—2025 plan: the 2020 column is the baseline
            targets = [t for t in targets if t not in before]
            cols = {**cols, "baseline": cols.get("baseline", before[-1][0])}
    else:
        year_match = YEAR.search(rows[0].cells[cols["target"]])
        targets = [(cols["target"], int(year_match.group(1)) if year_match else None)]
    header_units = {col: _header_unit(rows[0].cells[col]) for col, _ in targets}
    cells = []
    for row, (target_col, year) in ((r, t) for r in rows[1:] for t in targets):
        row_cells = row.cells + [""] * (len(rows[0].cells) - len(row.cells))
        name = row_cells[cols["name"]]
        written = row_cells[target_col].replace(" ", "")
        if not name or not written or TOTAL_ROW.match(name):
            continue  # 合计 sums the points of an assessment list
        m = CELL_NUMBER.fullmatch(written)
        baseline = None
        if "baseline" in cols:
            b = CELL_NUMBER.fullmatch(row_cells[cols["baseline"]].replace(" ", ""))
            baseline = _number(b.group("value")) if b else None
        unit = row_cells[cols["unit"]] if "unit" in cols else ""
        if not unit and not UNIT_IN_NAME.search(name):
            unit = header_units[target_col]  # "2027年目标（亿元）": the column's unit, when the row names none
        cells.append(_Cell(name, unit, m, year, baseline, row, written))
    return cells


def _header_unit(header: str) -> str:
    """The unit a column's head writes in brackets ("目标值（万件）"); "" when it writes none."""
    bracket = HEADER_UNIT.search(header)
    return bracket.group("unit") if bracket else ""


def _year_value_cells(text: str, period: tuple[int | None, int | None]) -> list[_Cell]:
    """The 专栏 lines: a year before the plan's first is the baseline, each later year a target; in
    an arrow line the value before the arrow is the baseline, the one after it due at the plan's end."""
    period_start, period_end = period
    cells, offset = [], 0
    arrows = any(marker in text for marker in ARROW_MARKERS)  # (most plans write no arrow: no line is tried)
    for line in text.split("\n"):
        arrow = ARROW_LINE.match(line) if arrows else None
        if arrow and (n := CELL_NUMBER.fullmatch(arrow.group("cell").replace(" ", ""))):
            cells.append(_Cell(arrow.group("name").strip(), arrow.group("unit"), n, period_end,
                               _number(arrow.group("base")), _Row([line], offset, offset + len(line))))
        m = YEAR_VALUE_LINE.match(line)
        if m:
            pairs = [(int(p.group("year")), CELL_NUMBER.fullmatch(p.group("cell").replace(" ", "")))
                     for p in YEAR_VALUE.finditer(m.group("pairs"))]
            before = [n for year, n in pairs if n and period_start and year < period_start]
            baseline = _number(before[-1].group("value")) if before else None
            row = _Row([line], offset, offset + len(line))
            cells += [_Cell(m.group("name").strip(), m.group("unit"), n, year, baseline, row)
                      for year, n in pairs if n and not (period_start and year < period_start)]
        offset += len(line) + 1
    return cells


def _in_one_year_plan(target: Candidate, period: tuple[int | None, int | None]) -> Candidate:
    """In a one-year list (a year's assessment table) a row counting what is granted, traded or done
    is that year's flow, as in a one-year part's sentences (etl.extract.time.one_year_scope)."""
    if period[0] is not None and period[0] == period[1] == target.target_year:
        target.scope = one_year_scope(target, "heading", target.target_year)
    return target


def _tables(text: str) -> list[list[_Row]]:
    """The text's tables of each kind, a kind looked for only when the text holds what its every row or
    header holds (most plans have no table: each look is a pass over every line)."""
    return ((_delimited_rows(text, _pipe_cells) if "|" in text else [])
            + (_delimited_rows(text, _tab_cells) if CELL_GAP.search(text) else [])  # tabs, or a gap of spaces
            + (_flat_rows(text) if NAME_HEADER.search(text) else []))  # a header names its name column


def table_candidates(text: str, sentences: list[Sentence], period: tuple[int | None, int | None]
                     ) -> tuple[list[Candidate], list[tuple[int, int]], list[Skipped]]:
    """Targets from indicator tables and 专栏 lines, the spans they cover (so sentence reading skips
    them), and the target cells left unread, with the reason."""
    period_start, _ = period
    found: list[Candidate] = []
    skipped: list[Skipped] = []
    spans: list[tuple[int, int]] = []

    def context_of(start: int) -> Sentence | None:
        return next((s for s in sentences if s.start <= start < s.end + 1), None)

    for rows in _tables(text):
        cols = _columns(rows[0].cells)
        if not cols:
            continue
        spans.append((rows[0].start, rows[-1].end))
        context = context_of(rows[0].start)
        for cell in _table_cells(rows, cols, period_start):
            read = _cell_candidate(cell, _quote(cell.row, text, context), period)
            if isinstance(read, Skipped):
                skipped.append(read)
            elif read is not None:
                found.append(_in_one_year_plan(read, period))
    for cell in _year_value_cells(text, period):
        if (cell.row.start, cell.row.end) not in spans:
            spans.append((cell.row.start, cell.row.end))
        found.append(_cell_candidate(cell, _quote(cell.row, text, context_of(cell.row.start)), period))
    return found, spans, skipped
