"""The "bring your own plan" upload, without Streamlit: file → targets a person can correct →
rows the compare, indicator and data pages show beside the four plans for one session.

Data flow, in the order pages/upload.py calls it:

    read_plan(bytes, filename)        → UploadedPlan (RawDocument + Extraction), or PlanError;
                                        the page runs it in a child process (dashboard.upload_worker)
    editor_frame(targets)             → the editable table the page shows (EDITOR_COLUMNS)
    finish_targets(plan, edited, …)   → targets rows (etl.base.schema "targets"), origin manual where a
                                        person changed or added a row
    store(session_frame, targets)     → the session's uploads, the region's rows replaced
    save_to_raw(bytes, filename, …)   → etl.warehouse.add.add_plan on a temporary copy (local use only)

Reading writes nothing anywhere (tests/test_upload_writes_nothing.py): the file, its text and its
targets live in the session and the reading's child process; only `save_to_raw`, a plan entering
the store, writes (the plan, the manifest, the warehouse, the store's per-plan cache).

Everything a file or a person supplies (file name, title, region, raw names, warnings) is shown
by the page through `dashboard.safe_text.md`: as text, never as Markdown, a link or HTML.

An uploaded region never gets a GB/T 2260 code: its region_id is "upload-<name>", so it can
never be confused with (or overwrite) one of the warehouse's regions.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import threading
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.cells import blank, same
from etl import api as etl_api
from etl.api import RAW_DIR, PlanError, comparable_fields, harmonizer, per_capita_ids, standardise, unit_and_multiplier

ACCEPTED_TYPES = ["txt", "docx", "pdf"]
REGION_PREFIX = "upload-"
READ_ONLY_ENV = "IPBENCH_READ_ONLY"  # set to 1 on a shared host: no "save to data/raw" there

# What a person may correct in a row; everything else is derived from these or is the source's.
EDITABLE = ["indicator_id", "category", "value", "unit", "comparator", "scope", "target_year"]
# The editor's columns: `row` ties an edited row back to the extracted one (empty = added by hand).
# The sentence beside the numbers read from it, so a person can check one against the other.
EDITOR_COLUMNS = ["row", "raw_name", "quote", "value", "unit", "comparator", "scope", "target_year", "indicator_id",
                  "category"]
COMPARED = ["raw_name"] + EDITABLE  # a change to any of these makes the row manual


@dataclass
class UploadedPlan:
    filename: str
    sha256: str
    kind: str                      # txt, docx or pdf
    encoding: str
    title: str | None              # the plan's title as read from its head, if found
    region_guess: str | None       # region name read from the title, if it could be told
    extraction: object             # etl.warehouse.plan.Extraction with doc_id/region placeholders
    warnings: list[str] = field(default_factory=list)  # the reader's: damaged-looking text, folded radicals …

    @property
    def targets(self) -> pd.DataFrame:
        return self.extraction.targets

    @property
    def numeric_targets(self) -> int:
        return int((~self.targets["qualitative"].astype(bool)).sum())

    @property
    def qualitative_targets(self) -> int:
        return int(self.targets["qualitative"].astype(bool).sum())


# --- reading -------------------------------------------------------------------------------

def read_plan(data: bytes, filename: str, max_bytes: int) -> UploadedPlan:
    """Read and extract an uploaded plan.  PlanError (with a message for a person) for a file
    that cannot be read, or that holds no target at all (a notice, not a plan)."""
    filename = check_filename(filename)
    reading = etl_api.read_plan(data, filename, max_bytes=max_bytes)
    raw, extraction, title, region = reading.raw, reading.extraction, reading.title, reading.region_zh
    if extraction.targets.empty:
        raise PlanError(filename, f"no targets found ({extraction.candidates_found} numbers looked at, none with "
                                  "the wording and unit of a target): is this an IP work plan?")
    return UploadedPlan(filename=filename, sha256=hashlib.sha256(data).hexdigest(), kind=raw.kind,
                        encoding=raw.encoding, title=title, region_guess=region, extraction=extraction,
                        warnings=[str(w) for w in getattr(raw, "warnings", None) or []])


def shown_filename(filename: str) -> str:
    """The name as it may be shown: a browser may send a path (only the name is ours), and a
    control or format character (NUL, a right-to-left override) becomes U+FFFD."""
    name = _basename(filename)
    return "".join("\ufffd" if unicodedata.category(ch) in ("Cc", "Cf") else ch for ch in name)


def _basename(filename) -> str:
    return re.split(r"[\\/]", str(filename))[-1]  # C:\fakepath\plan.docx → plan.docx


def check_filename(filename: str) -> str:
    """The file's name, checked before a byte is read: PlanError for a name with control
    characters (NUL …) or a type the page does not take."""
    shown = shown_filename(filename)
    if any(unicodedata.category(ch) == "Cc" for ch in _basename(filename)):
        raise PlanError(shown, "the file name contains control characters (such as a NUL byte): "
                               "rename the file and upload it again")
    suffix = Path(shown).suffix.lower().lstrip(".")
    if suffix not in ACCEPTED_TYPES:
        raise PlanError(shown, f"unsupported file type .{suffix}: use .txt, .docx or .pdf" if suffix else
                               "unsupported file type (no extension): use .txt, .docx or .pdf")
    return shown


def guess_title_and_region(text: str) -> tuple[str | None, str | None]:
    """The plan's title and the region it names (etl.warehouse.add's rules, as `python -m etl add` uses)."""
    return etl_api.title_and_region(text)


def upload_region_id(region_zh: str) -> str:
    """"upload-<name>": letters and digits of the name (Chinese kept), never a GB code."""
    slug = re.sub(r"[^\w]+", "-", region_zh.strip().lower(), flags=re.UNICODE).strip("-_")[:40]
    if not slug:
        slug = hashlib.sha256(region_zh.encode("utf-8")).hexdigest()[:8]
    return REGION_PREFIX + slug


def is_upload_region(region_id: str) -> bool:
    return str(region_id).startswith(REGION_PREFIX)


# --- the editable table --------------------------------------------------------------------

def editor_frame(targets: pd.DataFrame) -> pd.DataFrame:
    """What the page's data editor starts from: one line per extracted target."""
    frame = targets[EDITOR_COLUMNS[1:]].copy()
    frame.insert(0, "row", range(1, len(frame) + 1))
    frame["target_year"] = pd.array(frame["target_year"], dtype="Int64")
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
    return frame.reset_index(drop=True)


def unmapped_names(targets: pd.DataFrame) -> list[str]:
    """Raw indicator names the dictionary did not map (indicator_id empty), in reading order."""
    missing = targets["indicator_id"].isna() | (targets["indicator_id"].astype(str).str.strip() == "")
    names = targets.loc[missing, "raw_name"].fillna("").astype(str).str.strip()
    return list(dict.fromkeys(n for n in names if n))


def skipped_table(skipped: pd.DataFrame) -> pd.DataFrame:
    """Numbers not taken as targets: the text around them and why (date, phone, baseline …)."""
    return skipped[["text", "reason"]].reset_index(drop=True)


def changed_rows(original: pd.DataFrame, edited: pd.DataFrame) -> set[int]:
    """`row` numbers of extracted targets whose editable cells the person changed."""
    # plain records, not iterrows/.at: this runs on every rerun of the upload page
    before = {int(r["row"]): r for r in original.to_dict("records") if not blank(r.get("row"))}
    changed = set()
    for line in edited.to_dict("records"):
        if blank(line.get("row")):
            continue
        row = int(line["row"])
        if row not in before:
            continue
        if any(not same(before[row].get(column), line.get(column)) for column in COMPARED):
            changed.add(row)
    return changed


# --- edited table → targets rows ---------------------------------------------------------------

def _indicator_fields(indicator_id) -> dict:
    if blank(indicator_id):
        return {"indicator_id": None, "indicator_zh": None, "indicator_en": None, "family": None}
    found = harmonizer().find(str(indicator_id))  # a named indicator, or a derived one rebuilt from its id
    if found is None:  # anything the dictionary cannot name or rebuild is treated as unmapped
        return {"indicator_id": None, "indicator_zh": None, "indicator_en": None, "family": None}
    return {"indicator_id": found.id, "indicator_zh": found.zh, "indicator_en": found.en,
            "family": found.family, "category": found.category}


def indicator_choices(present_ids=()) -> dict[str, str]:
    """indicator_id → "中文名 · English name", for the editor's indicator column: the named indicators,
    and the derived ones (a facet combination no entry names) that the edited rows already carry."""
    choices = {i.id: f"{i.zh} · {i.en}" for i in harmonizer().indicators}
    for indicator_id in present_ids:
        found = harmonizer().find(indicator_id) if indicator_id not in choices else None
        if found is not None:
            choices[found.id] = f"{found.zh} · {found.en}"
    return choices


def _manual_row(base: dict, line: Mapping) -> dict:
    """A row a person changed or added: their cells, the derived fields computed again."""
    row = dict(base)
    for column in EDITABLE:
        value = line.get(column)
        row[column] = None if blank(value) else value
    if "raw_name" in line and not blank(line.get("raw_name")):
        row["raw_name"] = str(line["raw_name"]).strip()
    row.update(_indicator_fields(row["indicator_id"]))
    if row.get("category") not in etl_api.CATEGORY_VALUES:
        row["category"] = None
    row["value"] = None if row["value"] is None else float(row["value"])
    row["target_year"] = None if row["target_year"] is None else int(row["target_year"])
    unit, multiplier = unit_and_multiplier(row["unit"])
    row["unit"] = None if unit is None else str(line.get("unit")).strip()
    row["value_std"], row["unit_std"] = standardise(row["value"], unit, multiplier)
    row["qualitative"] = row["value"] is None
    row["origin"] = "manual"
    return row


# finish_targets' last answers: the upload page asks the same question on every rerun (a click anywhere
# on the page), and the answer cost ~40 ms of its ~100 ms rerun for the largest seed plan.
_FINISHED: dict = {}
_FINISHED_KEPT = 8
_FINISHED_LOCK = threading.Lock()  # sessions rerun in threads of one server


def _table_key(frame: pd.DataFrame) -> str | None:
    """A fingerprint of a table's cells (None when a cell cannot be hashed: then nothing is reused)."""
    try:
        cells = pd.util.hash_pandas_object(frame.astype(str), index=True).to_numpy().tobytes()
    except (TypeError, ValueError):
        return None
    return hashlib.sha256(cells + "\x1f".join(map(str, frame.columns)).encode()).hexdigest()


def finish_targets(plan: UploadedPlan, edited: pd.DataFrame, region_zh: str,
                   period: tuple[int | None, int | None] | None = None,
                   population_10k: float | None = None) -> pd.DataFrame:
    """The person's table as targets rows for `region_zh` (_finish_targets); the same table, plan,
    name, period and population give the same rows, so the last few answers are reused."""
    table = _table_key(edited)
    key = None if table is None else (getattr(plan, "sha256", None), id(plan), table, region_zh, period, population_10k)
    with _FINISHED_LOCK:
        kept = _FINISHED.get(key) if key is not None else None
    if kept is not None:
        return kept.copy()
    out = _finish_targets(plan, edited, region_zh, period, population_10k)
    if key is not None:
        with _FINISHED_LOCK:
            while len(_FINISHED) >= _FINISHED_KEPT:
                _FINISHED.pop(next(iter(_FINISHED)))
            _FINISHED[key] = out.copy()
    return out


def _finish_targets(plan: UploadedPlan, edited: pd.DataFrame, region_zh: str,
                    period: tuple[int | None, int | None] | None = None,
                    population_10k: float | None = None) -> pd.DataFrame:
    """The person's table as targets rows for `region_zh`.

    Rows they did not touch are the extractor's, unchanged (origin extracted); rows whose
    editable cells differ from the extraction, and rows they added, are origin manual with
    value_std, unit_std, per-year and per-10k figures computed again.  Deleted rows are gone.
    """
    region_zh = region_zh.strip()
    region_id = upload_region_id(region_zh)
    extracted = plan.targets.reset_index(drop=True)
    original = editor_frame(extracted)
    changed = changed_rows(original, edited)
    period = period or plan.extraction.period
    blank_row = {column: None for column in etl_api.columns("targets")}

    known_rows = set(original["row"])
    extracted_rows = extracted.to_dict("records")
    rows, manual_count = [], 0
    for line in edited.to_dict("records"):
        if blank(line.get("row")) or int(line["row"]) not in known_rows:
            manual_count += 1
            row = _manual_row({**blank_row, "quote": ""}, line)
            row["target_id"] = f"{region_id}-m{manual_count:02d}"
        else:
            number = int(line["row"])
            base = dict(extracted_rows[number - 1])
            row = _manual_row(base, line) if number in changed else base
            row["target_id"] = f"{region_id}-{number:03d}"
        if blank(row.get("raw_name")) and blank(row.get("indicator_id")) and blank(row.get("value")):
            continue  # an empty line the editor added and the person left blank
        row.update({"doc_id": region_id, "region_id": region_id, "region_zh": region_zh,
                    "period_start": period[0], "period_end": period[1]})
        rows.append(row)

    population = {region_id: population_10k} if population_10k else {}
    notes = {region_id: f"User-supplied figure {population_10k:g} 万人 (uploaded plan)."} if population_10k else {}
    per_capita = per_capita_ids()
    for row in rows:
        row.update(comparable_fields(row, population, notes, per_capita))
    out = pd.DataFrame(rows, columns=etl_api.columns("targets"))
    out["qualitative"] = out["qualitative"].fillna(False).astype(bool)
    for column in ("value", "value_max", "value_std", "baseline", "value_per_year", "value_per_10k_residents",
                   "population_10k"):
        out[column] = pd.to_numeric(out[column], errors="coerce").astype("float64")
    for column in ("target_year", "period_start", "period_end", "quote_start", "quote_end", "source_line"):
        out[column] = pd.array(pd.to_numeric(out[column], errors="coerce"), dtype="Int64")
    return out


# --- the session's uploads -------------------------------------------------------------------

def store(current: pd.DataFrame | None, targets: pd.DataFrame) -> pd.DataFrame:
    """The session's uploaded targets with `targets`' region replaced (or added)."""
    if targets.empty:
        raise ValueError("nothing to store: the table has no rows")
    regions = set(targets["region_id"])
    if any(not is_upload_region(r) for r in regions):
        raise ValueError(f"uploaded rows must use an upload- region_id, not {sorted(regions)}")
    if current is None or current.empty:
        return targets.reset_index(drop=True)
    kept = current[~current["region_id"].isin(regions)]
    if kept.empty:
        return targets.reset_index(drop=True)
    return pd.concat([kept, targets], ignore_index=True)


def remove_region(current: pd.DataFrame | None, region_id: str) -> pd.DataFrame | None:
    if current is None:
        return None
    left = current[current["region_id"] != region_id].reset_index(drop=True)
    return left if not left.empty else None


# --- the session's uploads on the Sources page ------------------------------------------------
# The session keeps each used plan's cleaned text beside its rows ({region_id: {"title",
# "clean_text"}}, see pages/upload.py), so a click on an uploaded bar shows its sentence in place.
UPLOADED_STATUS = "uploaded"


def remember_text(texts: dict | None, region_id: str, title: str | None, clean_text: str) -> dict:
    """The session's texts with `region_id`'s replaced."""
    out = dict(texts or {})
    out[region_id] = {"title": title or "", "clean_text": clean_text}
    return out


def uploaded_documents(targets: pd.DataFrame | None, texts: dict | None) -> pd.DataFrame:
    """One row per uploaded plan (documents_meta's columns): doc_id, region_id, region_zh, title,
    period_start, period_end, status ("uploaded")."""
    columns = ["doc_id", "region_id", "region_zh", "title", "period_start", "period_end", "status"]
    if targets is None or targets.empty:
        return pd.DataFrame(columns=columns)
    firsts = targets.drop_duplicates("doc_id")
    titles = {rid: (entry or {}).get("title") for rid, entry in (texts or {}).items()}
    return pd.DataFrame({
        "doc_id": firsts["doc_id"].astype(str).to_numpy(), "region_id": firsts["region_id"].astype(str).to_numpy(),
        "region_zh": firsts["region_zh"].to_numpy(),
        "title": [titles.get(rid) or name for rid, name in zip(firsts["region_id"], firsts["region_zh"])],
        "period_start": firsts["period_start"].to_numpy(), "period_end": firsts["period_end"].to_numpy(),
        "status": UPLOADED_STATUS,
    }, columns=columns).reset_index(drop=True)


def uploaded_text(targets: pd.DataFrame, doc_id: str, texts: dict | None) -> tuple[str, pd.DataFrame]:
    """(text, rows) for one uploaded plan: its cleaned text when the session kept it, else its
    quotes one a paragraph; rows are its targets with quote_start/quote_end into that text."""
    rows = targets[targets["doc_id"] == doc_id].reset_index(drop=True).copy()
    kept = (texts or {}).get(doc_id) or {}
    text = kept.get("clean_text") if isinstance(kept.get("clean_text"), str) else None
    if text is not None:
        inside = rows["quote_start"].notna() & rows["quote_end"].notna()
        inside &= rows["quote_end"].fillna(0).astype(int) <= len(text)
        if inside.all():
            return text, rows
    # No text kept (or offsets that do not fit it): the quotes themselves, one a paragraph.
    pieces, starts, ends, cursor = [], [], [], 0
    for quote in rows["quote"].fillna("").astype(str):
        starts.append(cursor if quote else None)
        ends.append(cursor + len(quote) if quote else None)
        if quote:
            pieces.append(quote)
            cursor += len(quote) + 2
    rows["quote_start"] = pd.array(starts, dtype="Int64")
    rows["quote_end"] = pd.array(ends, dtype="Int64")
    return "\n\n".join(pieces), rows


# --- saving to data/raw (local use) -----------------------------------------------------------

def read_only_deployment() -> bool:
    """IPBENCH_READ_ONLY=1: a shared deployment (deploy/) that never writes plans or the warehouse."""
    return os.environ.get(READ_ONLY_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def saving_allowed(raw_dir: Path = RAW_DIR) -> bool:
    """Only on a machine that is not flagged read-only and whose data/raw can be written."""
    if read_only_deployment():
        return False
    return raw_dir.is_dir() and os.access(raw_dir, os.W_OK)


def save_to_raw(data: bytes, filename: str, region_zh: str | None,
                raw_dir: Path = RAW_DIR,
                manifest: Path | None = None, db_path: Path | None = None) -> dict:
    """`etl.warehouse.add.add_plans` on a temporary copy of the upload: the file goes into raw_dir, its entry
    into the manifest and, with `db_path`, the warehouse is rebuilt — as one transaction: a failed
    rebuild puts manifest and raw_dir back byte for byte (PlanError says why).  PlanError too for a
    duplicate or unreadable plan.  The copy gets a short, plain name whatever the upload was called
    (a browser may send a name too long for the file system, or with control characters)."""
    if not saving_allowed(raw_dir):  # the page hides the button; this is the backstop
        raise PlanError(shown_filename(filename), "read-only deployment (IPBENCH_READ_ONLY=1) or a plan store "
                                                  "this server cannot write: nothing saved")
    manifest = manifest or raw_dir / "sources.yaml"
    suffix = Path(filename).suffix.lower() if Path(filename).suffix.lower() in (".txt", ".docx", ".pdf") else ".txt"
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(shown_filename(filename)).stem).strip("-.")[:60] or "upload"
    with tempfile.TemporaryDirectory(prefix="ipbench-upload-") as tmp:
        copy = Path(tmp) / f"{stem}{suffix}"
        copy.write_bytes(data)
        summary = etl_api.add_plan(copy, region_zh=(region_zh or None), raw_dir=raw_dir, manifest=manifest,
                                   db_path=db_path)
    outcome = summary.outcomes[0]
    if outcome.status != "added":
        raise PlanError(shown_filename(filename), outcome.message)
    return {**outcome.entry, "path": str(raw_dir / outcome.entry["file"]), "warnings": outcome.warnings}
