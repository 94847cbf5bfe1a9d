"""The ETL's one door for the dashboard: what the pages and their services may use of the ETL.

The dashboard reads the warehouse (SQL, dashboard/queries.py) and otherwise calls the ETL only
through the names below; import-linter forbids every other `etl` module to `dashboard` and `pages`
(pyproject.toml).  Four kinds of thing pass through:

    the data contract     the warehouse's tables and columns, and the closed value sets its
                          cells take (categories, scopes, comparators): etl.base.schema
    the vocabulary        what a reader sees written the ETL's way: comparator symbols, units,
                          the instrument dictionary, the indicator dictionary
    one plan's reading    read_plan(bytes) → its frames, with the same code `etl build` runs
    the store             corrections recorded and applied, plans added, the warehouse rebuilt

The reading and the build are imported when first called, so importing this module (as every
page does through the dashboard) does not load the extractor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from etl.base.errors import PlanError
from etl.base.paths import DEFAULT_DB, RAW_DIR
from etl.base.safe_csv import CODES as COMPARATOR_SYMBOLS
from etl.base.safe_csv import COMPARATOR_CODES, FORMULA_STARTS, encode_comparators, neutralise_frame, to_csv
from etl.base.schema import (
    CATEGORIES,
    CATEGORY_VALUES,
    COMPARATORS,
    SCOPES,
    TABLES,
    UNMAPPED,
    columns,
)
from etl.base.yaml_io import safe_load as read_yaml
from etl.extract.instruments import SEPARATOR as DEPARTMENT_SEPARATOR
from etl.extract.instruments import dictionary as instrument_dictionary
from etl.harmonize.dictionary import DECIDED_BY, DERIVED_PREFIX, harmonizer, normalize_name, per_capita_ids
from etl.harmonize.facets import FACET_ORDER, describe_names, description_of_key, key_of_description
from etl.normalize.ambition import STATUSES as ATTAINMENT_STATUSES
from etl.normalize.ambition import UNIT_FLOW, UNIT_LEVEL, UNIT_RATIO
from etl.normalize.comparable import add_comparable_columns, comparable_fields, standardise, unit_and_multiplier
from etl.read.anchor import GENRES as TEXT_GENRES
from etl.read.anchor import SOURCES as ANCHOR_SOURCES
from etl.read.readers import MAX_NUMBERS, MAX_TEXT_CHARS
from etl.read.sources import load_manifest
from etl.vocab.categories import CATEGORY_ZH
from etl.vocab.units import UNITS, unit_kind
from etl.warehouse.corrections import Correction, apply_corrections, corrections_dir, record_correction
from etl.warehouse.observations import PROBLEM_REASONS as _OBSERVATION_PROBLEMS
from etl.warehouse.odd_text import CHECKS as ODD_TEXT_CHECKS
from etl.warehouse.odd_text import OddText
from etl.warehouse.quality_notes import NOTE_TEMPLATES as _NOTE_TEMPLATES

# Why an observations file may be refused (etl.warehouse.observations RowProblem.code): the dashboard
# writes each in the reader's language (dashboard.i18n OBSERVATION_PROBLEMS).
OBSERVATION_PROBLEM_CODES = tuple(_OBSERVATION_PROBLEMS)
# What a quality note says (quality_notes.code), each code with its kind: the dashboard writes each in the
# reader's language from quality_notes.parts (dashboard.i18n QUALITY_NOTE_MESSAGES).
QUALITY_NOTE_CODES = {code: kind for code, (kind, _template) in _NOTE_TEMPLATES.items()}

__all__ = [
    # the data contract
    "CATEGORIES", "CATEGORY_VALUES", "CATEGORY_ZH", "COMPARATORS", "SCOPES", "TABLES", "UNMAPPED", "columns",
    "ATTAINMENT_STATUSES", "REQUIRED_CHANGE_UNITS",
    "DEFAULT_DB", "RAW_DIR", "PlanError",
    # the bound on what one plan may hold (a bigger document is refused before it is read)
    "MAX_NUMBERS", "MAX_TEXT_CHARS",
    # the vocabulary
    "COMPARATOR_CODES", "COMPARATOR_SYMBOLS", "DEPARTMENT_SEPARATOR", "UNITS", "unit_kind",
    "harmonizer", "instrument_dictionary", "per_capita_ids",
    # a target's facets as stored (targets.facets) read back, and how its indicator was decided
    "DECIDED_BY", "DERIVED_PREFIX", "FACET_ORDER", "describe_names", "description_of_key", "key_of_description", "normalize_name",
    # comparable numbers, by the ETL's own rules
    "add_comparable_columns", "comparable_fields", "unit_and_multiplier", "standardise",
    # files a person downloads or edits
    "FORMULA_STARTS", "encode_comparators", "neutralise_frame", "to_csv", "read_yaml", "load_manifest",
    # one plan's reading, its own time and what looks odd about it
    "PlanReading", "read_plan", "title_and_region", "ANCHOR_SOURCES", "TEXT_GENRES", "ODD_TEXT_CHECKS", "OddText",
    "odd_text_from_note",
    # the store
    "Correction", "apply_corrections", "corrections_dir", "record_correction", "rebuild", "add_plan",
    "add_observations", "OBSERVATION_PROBLEM_CODES", "QUALITY_NOTE_CODES",
]

# The units of targets.required_annual_change (etl.normalize.ambition): a level's compound growth,
# a share's points a year, a flow's multiple of its observed yearly flow.
REQUIRED_CHANGE_UNITS = (UNIT_LEVEL, UNIT_RATIO, UNIT_FLOW)


# --- one plan's reading ------------------------------------------------------------------------

@dataclass(frozen=True)
class PlanReading:
    """An uploaded plan read by the build's own code: `raw` (etl.read.readers.RawDocument: text,
    kind, encoding, the reader's warnings) and `extraction` (etl.warehouse.plan.Extraction: clean_text,
    targets, skipped, period …), with the title and region its first lines name, when they do."""
    raw: object
    extraction: object
    title: str | None
    region_zh: str | None


def title_and_region(text: str) -> tuple[str | None, str | None]:
    """The plan's title and the region it names (the rules `python -m etl add` uses)."""
    from etl.warehouse.add import find_title, head_lines, region_from_title

    title = find_title(head_lines(text))
    if title is None:
        return None, None
    return title, region_from_title(title)["region_zh"]


def read_plan(data: bytes, filename: str, max_bytes: int) -> PlanReading:
    """A plan's bytes → its frames, read as the build reads a stored plan (`filename` names the
    format); the plan gets placeholder ids (doc_id "upload", no region).  PlanError for a file that
    cannot be read."""
    from etl.read.confusables import fold_confusables
    from etl.read.readers import read_bytes
    from etl.warehouse.plan import extract_document

    raw = read_bytes(data, filename, max_bytes=max_bytes)
    # a title whose period is typed "2O27" is still the title (the extraction folds it too, with a note)
    title, region = title_and_region(fold_confusables(raw.text)[0])
    extraction = extract_document(raw, doc_id="upload", region_id="", region_zh="")
    return PlanReading(raw=raw, extraction=extraction, title=title, region_zh=region)


# What a stored quality note of kind odd_text held: the build writes OddText.message() (English, after
# the file's name) with the check in `detail`; these read the fields back, so a page words it itself.
_ODD_LINE = re.compile(r"\bline (\d+):")
_ODD_COUNT = re.compile(r"\b(\d+) target\(s\)")
_ODD_READ_AS = re.compile(r"read as (.+)$")


def odd_text_from_note(check: str, message: str) -> OddText | None:
    """A quality note of kind odd_text (detail = the check, message = the build's English) → its
    OddText (check, line, count, text), or None for a check this code does not know."""
    if check not in ODD_TEXT_CHECKS:
        return None
    message = str(message or "")
    line, count, read_as = _ODD_LINE.search(message), _ODD_COUNT.search(message), _ODD_READ_AS.search(message)
    return OddText(check, int(line.group(1)) if line else None, int(count.group(1)) if count else None,
                   read_as.group(1).strip() if read_as else None)


# --- the store: the warehouse rebuilt, plans added ---------------------------------------------

def rebuild(db_path: Path, manifest: Path):
    """Build the warehouse at `db_path` from `manifest`'s plans and their corrections (the
    library's build: no per-plan cache).  Returns the build's report; PlanError names file and line."""
    from etl.warehouse.steps import build

    return build(Path(db_path), manifest=manifest)


def add_plan(path: Path, region_zh: str | None, raw_dir: Path, manifest: Path, db_path: Path | None):
    """`python -m etl add` for one file: copied into raw_dir, recorded in the manifest and, with
    db_path, the warehouse rebuilt, as one transaction.  Returns the add's summary (one outcome)."""
    from etl.warehouse.add import add_plans
    from etl.warehouse.cache import default_dir

    return add_plans([path], region_zh=region_zh, raw_dir=raw_dir, manifest=manifest, db_path=db_path,
                     jobs=1, progress=False, cache_dir=default_dir())


def add_observations(data: bytes, filename: str, manifest: Path, db_path: Path):
    """`python -m etl observations add` for an uploaded file: the same validation of the whole file
    (etl.warehouse.observations) and the same transaction (etl.warehouse.add.add_observation_file: a
    refused file writes nothing; a good one is copied into data/observations/ beside `manifest`'s
    folder and the warehouse rebuilt, the copy taken back out if the rebuild fails).  Returns the
    add's result: `problems` (each with its row number and reason), `copied_to`, `rows`.  The upload
    is read from a temporary copy named after `filename`'s stem (plain characters only)."""
    import re
    import tempfile

    from etl.warehouse.add import add_observation_file
    from etl.warehouse.cache import default_dir

    stem = re.sub(r"[^\w.-]+", "-", Path(str(filename).replace("\\", "/")).name).removesuffix(".csv").strip("-.")[:60]
    with tempfile.TemporaryDirectory(prefix="ipbench-observations-") as tmp:
        copy = Path(tmp) / f"{stem or 'observations'}.csv"
        copy.write_bytes(data)
        return add_observation_file(copy, Path(db_path), Path(manifest), cache_dir=default_dir())
