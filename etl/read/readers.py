"""Read a plan file of any supported format (.txt, .docx, .pdf) into text plus structured tables.

This is the first step after the raw snapshot: it only turns bytes into characters.  Nothing
here cleans, interprets or drops content, so every later offset can be traced back to what the
file said.

Shapes born here:
- `Table(title, rows)`: a grid of cell strings, one list per row, merged cells de-duplicated
  (a merged cell's text sits in its first grid position; the positions it covers are "").
- `RawDocument(text, encoding, kind, tables, warnings)`; `warnings` say when the text looks damaged
  (see `_warnings`), for the build report and the upload page.

Compatibility characters are folded here, for every format: a PDF's text layer made with a common
CJK font often carries Kangxi radicals (⼈⼝⾼ U+2F00–U+2FD5) or CJK radicals (⻓⻔) for the
ideographs they look like (人口高, 长门), which no pattern of the extractor matches.  Each is replaced
by its ideograph, one character for one, so lengths and offsets stay as the file gave them.

How tables appear in `text` (a choice, so the target extractor is not fed grid cells as if they
were sentences): a .docx or .pdf table is replaced in the text by one line `[表格N]` (N counts
from 1 in document order) and its cells go to `tables[N-1]`.  A .txt has no structure to read,
so its tables stay in the text as they were flattened (see etl.extract.annex for reading those).

Every failure is a `PlanError` whose message tells a person what is wrong and what to do.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from etl.base.errors import PlanError
from etl.vocab.documents import (
    PLAN_TITLE_EXAMPLES,
    PLAN_TITLE_SHAPE,
    RADICAL_EXAMPLES,
    RADICAL_IDEOGRAPHS,
    SENTENCE_ENDS,
    TABLE_PLACEHOLDER,
    TABLE_PLACEHOLDER_RE,
)

MAX_BYTES = 20 * 1024 * 1024
# The most one plan may hold, counted in its running text and its tables' cells once read, before
# any target is looked for: characters, and numbers (each a possible target, the extractor's work).
# The longest plan in the store has about 10,000 characters and the most numbers any writes is 327
# (a town annex); plans of the genre hold tens of targets.  A document beyond either bound (a .docx
# that unpacks to 20 MB holds millions of characters, or thousands of numbers in formatting) is
# refused with its count and the bound: read, it would take the upload page past its time limit
# and a reader past any use.  At the bounds a document is read and extracted in a few seconds.
MAX_TEXT_CHARS = 200_000
MAX_NUMBERS = 1_000
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
TEXT_SUFFIXES = {".txt", ".text", ".md"}
UNZIP_FACTOR = 10

# The start of an OLE compound file: Office writes password-protected .docx and old .doc like this.
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Table:
    title: str | None
    rows: list[list[str]]


@dataclass
class RawDocument:
    text: str
    encoding: str  # utf-8, utf-8-sig, utf-16, gb18030, docx or pdf
    kind: str  # txt, docx or pdf
    tables: list[Table] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # why the text may be damaged; empty when it looks sound


def read_document(path: str | Path, max_bytes: int = MAX_BYTES) -> RawDocument:
    """Read a plan file from disk.  Checks the size before reading a byte of it."""
    path = Path(path)
    if not path.is_file():
        raise PlanError(path, "file not found")
    size = path.stat().st_size
    if size > max_bytes:
        raise PlanError(path, _too_large_message(size, max_bytes))
    return read_bytes(path.read_bytes(), path.name, max_bytes=max_bytes, path=path)


def read_bytes(data: bytes, filename: str, max_bytes: int = MAX_BYTES,
               path: str | Path | None = None) -> RawDocument:
    """Read an uploaded plan: `filename` chooses the format; `path` (default: filename) names it in errors."""
    where = path if path is not None else filename
    suffix = Path(filename).suffix.lower()
    if len(data) > max_bytes:
        raise PlanError(where, _too_large_message(len(data), max_bytes))
    if len(data) == 0:
        raise PlanError(where, "the file is empty")
    if suffix in TEXT_SUFFIXES:
        return _normalised(_within_text_bound(_read_text(data, where), where))
    if suffix == ".docx":
        return _normalised(_within_text_bound(_read_docx(data, where, max_bytes), where))
    if suffix == ".pdf":
        return _normalised(_within_text_bound(_read_pdf(data, where), where))
    if suffix == ".doc":
        raise PlanError(where, "old Word .doc files are not supported: open it in Word or LibreOffice and save as .docx")
    shown = suffix or "(no extension)"
    raise PlanError(where, f"unsupported file type {shown}: use .txt, .docx or .pdf")


def _cells(document: RawDocument) -> list[str]:
    return [cell for table in document.tables for row in table.rows for cell in row]


def _within_text_bound(document: RawDocument, where) -> RawDocument:
    """The document, or PlanError when it holds more than a plan can (MAX_TEXT_CHARS, MAX_NUMBERS)."""
    cells = _cells(document)
    length = len(document.text) + sum(map(len, cells))
    if length > MAX_TEXT_CHARS:
        raise PlanError(where, f"the document holds {length:,} characters of text, more than the {MAX_TEXT_CHARS:,} "
                               "one plan may hold (plans of the genre hold about 10,000): refused before looking "
                               "for targets. Is it several plans in one file? Upload the plan itself")
    numbers = len(_NUMBER.findall(document.text)) + sum(len(_NUMBER.findall(cell)) for cell in cells)
    if numbers > MAX_NUMBERS:
        raise PlanError(where, f"the document holds {numbers:,} numbers, more than the {MAX_NUMBERS:,} one plan may "
                               "hold (plans of the genre write a few hundred at most): refused before looking for "
                               "targets. Is it several plans, or a statistical table? Upload the plan itself")
    return document


def _too_large_message(size: int, max_bytes: int) -> str:
    return f"the file is {size / 1024 / 1024:.1f} MB, more than the {max_bytes / 1024 / 1024:.0f} MB allowed for one plan"


# --- what every reader returns --------------------------------------------------------------

def _compatibility_folds() -> dict[int, str]:
    """Code point → the ideograph it stands for, one character each (a str.translate table)."""
    folds = {}
    for low, high in ((0x2E80, 0x2EFF), (0x2F00, 0x2FD5), (0xF900, 0xFAFF)):
        for code in range(low, high + 1):
            folded = unicodedata.normalize("NFKC", chr(code))
            if len(folded) == 1 and folded != chr(code):
                folds[code] = folded
    # NFKC leaves most CJK radicals (U+2E80–U+2EFF) alone, yet fonts map the simplified characters
    # to them as they do to Kangxi radicals (etl.vocab.documents).
    folds.update({ord(radical): ideograph for radical, ideograph in RADICAL_IDEOGRAPHS.items()})
    return folds


COMPATIBILITY_FOLDS = _compatibility_folds()
# Any character COMPATIBILITY_FOLDS changes: one scan of a text for them costs a tenth of a translate by the table.
_FOLDABLE = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(COMPATIBILITY_FOLDS)) + "]")
REPLACEMENT = "\ufffd"
TITLE_HEAD = 3000  # characters: a plan's title sits in its notice or first lines
_TITLE_SHAPE = PLAN_TITLE_SHAPE  # a plan's title names what it is: …工作方案, …规划, …行动计划


def fold_compatibility(text: str) -> tuple[str, int]:
    """`text` with radicals and compatibility ideographs replaced by the ideographs they stand for
    (NFKC, character by character: ① or ㈠, which NFKC would lengthen, are not touched), and how
    many characters changed."""
    if _FOLDABLE.search(text) is None:  # most texts: nothing to fold
        return text, 0
    folded = text.translate(COMPATIBILITY_FOLDS)
    if folded == text:
        return text, 0
    return folded, sum(1 for a, b in zip(text, folded) if a != b)


def _normalised(document: RawDocument) -> RawDocument:
    """Fold compatibility characters in the text and the table cells; say what looks damaged."""
    document.text, folded = fold_compatibility(document.text)
    for table in document.tables:
        for row in table.rows:
            for i, cell in enumerate(row):
                row[i], count = fold_compatibility(cell)
                folded += count
    document.warnings = _warnings(document, folded)
    return document


def _warnings(document: RawDocument, folded: int) -> list[str]:
    warnings = []
    if folded:
        warnings.append(f"{folded} radical or compatibility character(s) (such as {RADICAL_EXAMPLES}) were read "
                        "and replaced by the characters they stand for: the text layer was made with a font "
                        "that maps characters to radicals; check the targets against the original")
    replaced = document.text.count(REPLACEMENT) + sum(cell.count(REPLACEMENT) for table in document.tables
                                                       for row in table.rows for cell in row)
    if replaced:
        warnings.append(f"{replaced} character(s) are U+FFFD (�), a character lost before or while the file "
                        "was decoded: numbers or names near them may be wrong")
    if not _TITLE_SHAPE.search(document.text[:TITLE_HEAD]):
        warnings.append(f"no plan title ({PLAN_TITLE_EXAMPLES}) in the first lines: the text may be damaged, "
                        "or this may not be a plan")
    return warnings


# --- .txt -------------------------------------------------------------------------------------

def _line_of(data: bytes, byte_offset: int) -> int:
    return data.count(b"\n", 0, byte_offset) + 1


def _read_text(data: bytes, where) -> RawDocument:
    # Notepad's "Unicode" is UTF-16 with a BOM; it is full of NUL bytes, so it is tried first.
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _text_document(data.decode("utf-16"), "utf-16", where)
        except UnicodeDecodeError as err:
            raise PlanError(where, "starts like UTF-16 text but does not decode as UTF-16",
                            line=None) from err
    nul = data.find(b"\x00")
    if nul >= 0:
        raise PlanError(where, "contains NUL bytes: this is a binary file, not text", line=_line_of(data, nul))
    if data.startswith(b"\xef\xbb\xbf"):
        encodings = ["utf-8-sig"]
    else:
        encodings = ["utf-8", "gb18030"]
    failures = []
    for encoding in encodings:
        try:
            return _text_document(data.decode(encoding), encoding, where)
        except UnicodeDecodeError as err:
            failures.append((encoding, _line_of(data, err.start)))
    if len(failures) == 1:
        encoding, line = failures[0]
        raise PlanError(where, f"starts with a UTF-8 mark but is not valid {encoding.upper()} text", line=line)
    (_, utf8_line), (_, gb_line) = failures
    # The encoding that read further is the likelier intended one: its failing line is the one to look at.
    raise PlanError(
        where,
        f"cannot be read as text: not UTF-8 (fails at line {utf8_line}) nor GB18030 (fails at line {gb_line}); "
        "is it a binary file? Save it as UTF-8 text",
        line=max(utf8_line, gb_line),
    )


def _text_document(text: str, encoding: str, where) -> RawDocument:
    if not text.strip():
        raise PlanError(where, "the file contains only blank space, no text")
    return RawDocument(text=text, encoding=encoding, kind="txt", tables=[])


# --- .docx ------------------------------------------------------------------------------------

def _read_docx(data: bytes, where, max_bytes: int = MAX_BYTES) -> RawDocument:
    if data.startswith(_OLE_MAGIC):
        raise PlanError(where, "this Word file is password-protected (encrypted) or an old .doc renamed .docx: "
                               "remove the password and save as .docx")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise PlanError(where, "not a valid .docx (a .docx is a zip package; this file is not one): it may be "
                               "damaged or renamed from another format")
    # A .docx is compressed: a small file can unpack to gigabytes (a "zip bomb").  Text-heavy
    # plans unpack to a few times their size; ten times the size limit is far beyond any plan.
    unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    if unpacked > UNZIP_FACTOR * max_bytes:
        raise PlanError(where, f"this .docx unpacks to {unpacked / 1024 / 1024:.0f} MB, more than a plan can be: "
                               "refused as damaged or malicious")
    import docx  # python-docx; imported here so reading .txt does not need it

    try:
        document = docx.Document(io.BytesIO(data))
        return _docx_document(document, where)
    except PlanError:
        raise
    except Exception as err:  # python-docx raises KeyError, lxml errors, PackageNotFoundError…
        raise PlanError(where, f"this .docx is damaged and cannot be opened ({type(err).__name__}: {err})") from err


# WordprocessingML element names.  The document is walked once, child by child, instead of
# through python-docx's Paragraph/Cell objects: they evaluate an XPath query per paragraph and per
# run, which dominates reading (tens of seconds for a .docx that unpacks to 20 MB).
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _R, _HYPERLINK, _T, _BR = (
    _W + name for name in ("p", "tbl", "tr", "tc", "r", "hyperlink", "t", "br"))
# What python-docx's Run.text writes for the other run children (w:br depends on its type).
_RUN_MARKS = {_W + "tab": "\t", _W + "ptab": "\t", _W + "cr": "\n", _W + "noBreakHyphen": "-"}


def _docx_document(document, where) -> RawDocument:
    lines: list[str] = []
    tables: list[Table] = []
    last_paragraph = None
    for block in document.element.body.iterchildren(_P, _TBL):
        if block.tag == _TBL:
            tables.append(Table(title=_short_title(last_paragraph), rows=_docx_rows(block)))
            lines.append(TABLE_PLACEHOLDER.format(n=len(tables)))
            last_paragraph = None
        else:
            text = _paragraph_text(block)
            lines.append(text)
            if text.strip():
                last_paragraph = text
    text = "\n".join(lines)
    if not text.replace(TABLE_PLACEHOLDER.format(n=""), "").strip() and not any(
            cell.strip() for table in tables for row in table.rows for cell in row):
        raise PlanError(where, "this .docx contains no text")
    return RawDocument(text=text, encoding="docx", kind="docx", tables=tables)


def _paragraph_text(p) -> str:
    """What python-docx's Paragraph.text gives: its runs' text, hyperlinked runs included."""
    parts = []
    for child in p.iterchildren(_R, _HYPERLINK):
        runs = [child] if child.tag == _R else child.iterchildren(_R)
        parts.extend(_run_text(run) for run in runs)
    return "".join(parts)


def _run_text(run) -> str:
    parts = []
    for child in run:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag == _BR:
            parts.append("\n" if child.get(_W + "type", "textWrapping") == "textWrapping" else "")
        else:
            parts.append(_RUN_MARKS.get(child.tag, ""))
    return "".join(parts)


def _short_title(paragraph: str | None) -> str | None:
    # A table's caption is the paragraph just above it, when that is a heading-length line.
    if paragraph is None:
        return None
    paragraph = paragraph.strip()
    return paragraph if 0 < len(paragraph) <= 80 else None


def _docx_rows(tbl) -> list[list[str]]:
    """The table as a grid: a horizontally merged cell fills its first column only; a vertically
    merged cell keeps its text in the top row and leaves the rows below it empty."""
    rows = []
    for tr in tbl.iterchildren(_TR):
        row = [""] * tr.grid_before
        for tc in tr.iterchildren(_TC):
            cell = "\n".join(_paragraph_text(p) for p in tc.iterchildren(_P))
            row.append("" if tc.vMerge == "continue" else cell.strip())
            row.extend([""] * (tc.grid_span - 1))
        rows.append(row)
    return rows


# --- .pdf -------------------------------------------------------------------------------------

def _read_pdf(data: bytes, where) -> RawDocument:
    if not data.lstrip().startswith(b"%PDF"):
        raise PlanError(where, "not a valid PDF (it does not start with %PDF): it may be damaged or renamed")
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as err:
        raise _pdf_error(err, where, "cannot be opened") from err
    with pdf:
        try:
            return _pdf_document(pdf, where)
        except PlanError:
            raise
        except Exception as err:
            raise _pdf_error(err, where, "could not be read") from err


def _pdf_error(err: Exception, where, what: str) -> PlanError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    # pdfplumber wraps pdfminer's errors in PdfminerException(original).
    cause = err.args[0] if err.args and isinstance(err.args[0], Exception) else err
    if isinstance(cause, PDFPasswordIncorrect):
        return PlanError(where, "this PDF is password-protected: remove the password (or print it to a new "
                                "PDF) and add it again")
    if isinstance(cause, PDFEncryptionError):
        return PlanError(where, f"this PDF is encrypted in a way that cannot be read ({cause})")
    return PlanError(where, f"this PDF is damaged and {what} ({type(cause).__name__}: {cause})")


def _pdf_document(pdf, where) -> RawDocument:
    page_texts: list[str] = []
    tables: list[Table] = []
    image_count = 0
    for page in pdf.pages:
        image_count += len(page.images)
        page_texts.append(_pdf_page_text(page, tables))
    text = "\n".join(page_texts)
    has_text = bool(TABLE_PLACEHOLDER_RE.sub("", text).strip()) or any(
        cell.strip() for table in tables for row in table.rows for cell in row)
    if not has_text:
        if image_count:
            raise PlanError(where, "this PDF has no text layer; it looks like scanned images — OCR it first "
                                   "(or add the text as .txt/.docx)")
        raise PlanError(where, "this PDF contains no text")
    return RawDocument(text=text, encoding="pdf", kind="pdf", tables=tables)


_SENTENCE_END = SENTENCE_ENDS


def _pdf_page_text(page, tables: list[Table]) -> str:
    """The page's text lines top to bottom, each table replaced by its placeholder line.

    A PDF breaks paragraphs into lines at the right margin.  A line that reaches the margin and
    does not end a sentence is joined to the next one, so a target such as
    "发明专利拥有量达到\\n600件" stays one sentence for the extractor.
    """
    found = page.find_tables()
    boxes = [t.bbox for t in found]

    def outside_tables(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        x = (obj["x0"] + obj["x1"]) / 2
        y = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    text_page = page.filter(outside_tables) if boxes else page
    lines = text_page.extract_text_lines(strip=True, return_chars=True)
    entries: list[tuple[float, str, dict | None]] = [(line["top"], line["text"], line) for line in lines]
    for table in found:
        title = _pdf_table_title(lines, table.bbox)
        rows = [[(cell or "").strip() for cell in row] for row in table.extract()]
        tables.append(Table(title=title, rows=rows))
        entries.append((table.bbox[1], TABLE_PLACEHOLDER.format(n=len(tables)), None))
    entries.sort(key=lambda entry: entry[0])

    right_margin = max((line["x1"] for line in lines), default=0)
    out: list[str] = []
    join_next = False
    for _top, text, line in entries:
        if join_next and out and line is not None:
            out[-1] += text
        else:
            out.append(text)
        # A short line that happens to reach the margin (on a page of short lines) is not wrapped text.
        join_next = (line is not None and len(text) >= 15 and _reaches_margin(line, right_margin)
                     and not text.endswith(_SENTENCE_END))
    return "\n".join(out)


def _reaches_margin(line: dict, right_margin: float) -> bool:
    chars = line.get("chars") or []
    width = max((c["x1"] - c["x0"] for c in chars), default=10)
    return line["x1"] >= right_margin - 1.5 * width


def _pdf_table_title(lines: list[dict], bbox) -> str | None:
    # The caption is the text line just above the table (within about two line heights).
    above = [line for line in lines if line["bottom"] <= bbox[1] + 1 and bbox[1] - line["bottom"] < 30]
    if not above:
        return None
    return _short_title(max(above, key=lambda line: line["bottom"])["text"])
