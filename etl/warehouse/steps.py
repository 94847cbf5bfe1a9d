"""The whole build, as small steps in the order data flows (Our World in Data's shape):

    read the manifest (sources, checked)  →  one plan at a time: read, clean, extract, harmonise,
    normalise, annex, phases, departments (`plan_tables`, in parallel for many plans)
    →  assemble the tables  →  check them  →  DuckDB, swapped in atomically  →  a short report.

A plan never breaks the build by surprise: every check raises a `PlanError` naming the plan's
file and line, and a target the dictionary cannot place is kept with category `unmapped` and a
quality note rather than dropped or fatal.  `build(db_path)` is what `python -m etl build`,
`python -m etl add` and the dashboard's first start call.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import threading
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd
import pyarrow as pa

from etl.base import schema
from etl.base.errors import PlanError
from etl.base.frames import records
from etl.base.paths import DEFAULT_DB, ETL_CODE, MANIFEST, REFERENCE_DIR
from etl.extract.annex import annex_frames, annex_from_tables, compare_annex_with_text
from etl.extract.instruments import instrument_columns
from etl.extract.plan_facts import phase_columns, responsibility_columns
from etl.harmonize.dictionary import HarmonizeReport, NameCounts, harmonizer, per_capita_ids
from etl.normalize.comparable import comparable_fields, denominator_maps, standardise, unit_and_multiplier
from etl.normalize.context import context_skipped, context_table, population_denominators
from etl.read.readers import read_document
from etl.read.sources import Source, load_manifest, verify
from etl.vocab.documents import NAME_CLOSE, NAME_OPEN
from etl.warehouse import cache as plan_cache
from etl.warehouse import rows
from etl.warehouse import stamp as build_stamp
from etl.warehouse.corrections import Correction, apply_corrections, corrections_dir, load_corrections
from etl.warehouse.observations import apply_observations, observations_dir, stated_in_plan
from etl.warehouse.plan import Extraction, extract_document_rows, targets_frame
from etl.warehouse.quality_notes import ODD_TEXT_CODES, coded, written

# Below this many plans a process pool costs more (start-up, pickling) than it saves.
PARALLEL_FROM = 24
PLAN_TABLES = ("targets", "skipped_numbers", "town_targets", "quality_notes", "phases", "responsibilities",
               "corrections", "instruments", "observations")  # observations: the levels the plan states


@dataclass
class BuildReport:
    db_path: Path
    per_region: pd.DataFrame  # region × category counts
    unmapped: list[str] = field(default_factory=list)
    unused_aliases: list[str] = field(default_factory=list)
    notes: pd.DataFrame | None = None
    seconds: float = 0.0
    skipped_build: bool = False

    def __str__(self) -> str:
        if self.skipped_build:
            return f"{self.db_path} is up to date (inputs unchanged); nothing to build."
        lines = [f"Built {self.db_path} in {self.seconds:.2f} s", "", "Targets found, by region and category:",
                 self.per_region.to_string(), ""]
        lines.append(f"Raw names left unmapped ({len(self.unmapped)}):" if self.unmapped else
                     "Every raw name maps to a canonical indicator.")
        lines += [f"  - {name}" for name in self.unmapped]
        if self.unused_aliases:
            lines.append(f"Aliases that matched nothing in these plans: {len(self.unused_aliases)} "
                         "(see `python -m etl harmonize`)")
        if self.notes is not None and len(self.notes):
            lines += ["", f"Data-quality notes ({len(self.notes)}):"]
            lines += [f"  - [{r.region_id} {r.kind}] {r.message}" for r in self.notes.itertuples()]
        return "\n".join(lines)


@dataclass
class PlanTables:
    """The rows of one plan, or of a batch of plans, for every per-plan table; their `regions` and
    `documents` rows; and the harmoniser's counts of their raw names (merged into one report)."""
    tables: dict[str, pd.DataFrame | dict[str, list] | pa.Table]  # Arrow between the steps (etl/warehouse/rows.py)
    regions: list[dict]
    documents: list[dict]
    names: NameCounts = field(default_factory=NameCounts)


@dataclass
class Warehouse:
    """Every table of the database, in memory, checked; and the harmonisation report."""
    frames: dict[str, pd.DataFrame]
    harmonize_report: HarmonizeReport


def input_fingerprint(manifest: Path = MANIFEST) -> str:
    """A hash of everything a build reads: raw files, manifest, reference files and the ETL code.
    `--if-stale` rebuilds only when it changed."""
    digest = hashlib.sha256()
    paths = [manifest, *sorted(manifest.parent.glob("*")), *sorted(REFERENCE_DIR.glob("*")),
             *sorted(corrections_dir(manifest).glob("*.yaml")), *sorted(observations_dir(manifest).glob("*.csv")),
             *sorted(ETL_CODE.rglob("*.py"))]
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _frame(table: str, rows) -> pd.DataFrame:
    cols = schema.columns(table)
    if isinstance(rows, pd.DataFrame):
        return rows.reindex(columns=cols)
    return pd.DataFrame(rows, columns=cols)


# --- step: one plan -------------------------------------------------------------------------

def plan_tables(source: Source, denominators: pd.DataFrame, corrections: list[Correction] = ()) -> PlanTables:
    """Read, extract, correct and annex one plan.  Raises PlanError naming the plan's file."""
    verify(source)
    raw = read_document(source.path)
    ex = extract_document_rows(raw, doc_id=source.doc_id, region_id=source.region_id, region_zh=source.region_zh,
                               period=(source.period_start, source.period_end), denominators=denominators,
                               plan_date=source.date, maps=_denominator_maps(denominators))
    if not ex.target_rows:
        raise PlanError(source.path, "no targets found: is this a plan of the genre?")
    annex = ex.annex_tables + annex_from_tables(raw.tables)
    # most plans have no annex: no empty frames made (two copies cost 0.4 ms a plan)
    towns, notes = annex_frames(annex, source.region_id, source.doc_id) if annex else (_no_rows("town_targets"), None)
    if corrections or len(towns["town"]):  # a few plans: their whole targets frame, as a correction and an annex read it
        targets = targets_frame(ex.target_rows)
        corrected = apply_corrections(targets, list(corrections), source.doc_id, source.region_id, source.sha256,
                                      ex.clean_text, _deriver(denominators))
        targets = target_rows = corrected.targets
        correction_log, correction_notes = corrected.log, corrected.notes
        target_dicts = records(corrected.targets)
    else:  # most plans: the columns read here (ex.targets, a TargetColumns), the Arrow table made from the rows
        targets, target_rows = ex.targets, _target_columns(ex.target_rows)
        correction_log, correction_notes = [], []
        target_dicts = ex.target_rows
    if len(towns["town"]):
        towns["indicator_id"] = [indicator.id if (indicator := harmonizer().match(m)) else None
                                 for m in towns["measure"]]
        notes = pd.concat([notes, compare_annex_with_text(towns, targets)], ignore_index=True)
    notes = _all_notes(notes, _plan_notes(source, targets, getattr(raw, "warnings", []), ex.odd_text), correction_notes)
    tables = {"targets": target_rows, "skipped_numbers": _columns("skipped_numbers", ex.skipped_rows),
              "town_targets": towns, "quality_notes": notes,
              # plain columns, not frames: a plan's few rows go on as Arrow (a frame each cost more than its rows)
              "phases": phase_columns(ex.clean_text, source.doc_id, source.region_id),
              "responsibilities": responsibility_columns(ex.clean_text, source.doc_id, source.region_id,
                                                         ex.sentences),
              # most plans have no correction: empty columns, not an empty frame (a frame costs 0.3 ms)
              "corrections": _frame("corrections", correction_log) if correction_log else _no_rows("corrections"),
              "instruments": instrument_columns(ex.clean_text, source.doc_id, source.region_id, targets,
                                                sentences=ex.sentences)}
    document = _document_row(source, raw.encoding, ex)
    # the levels the plan states (etl.warehouse.observations), found here where the cores are, not
    # for every plan at once in the build's serial part
    tables["observations"] = _columns("observations", stated_in_plan(
        target_dicts, ex.skipped_rows, {column: document.get(column) for column in schema.columns("documents")}))
    names = harmonizer().count_names(zip(targets["raw_name"], targets["quote"], targets["unit"], targets["value"]))
    return PlanTables(tables, [_region_row(source)], [document], names)


def _all_notes(annex_notes: pd.DataFrame | None, plan_notes: list[dict], correction_notes: list[dict]) -> dict[str, list]:
    """One plan's quality notes as {column: values}, annex notes first: most plans have a few notes or
    none, and a frame for them (and pd.concat of three) cost more than everything else done here."""
    # the annex checks and the corrections word their notes in English below this package: read back into codes
    annex = annex_notes.to_dict("records") if annex_notes is not None and len(annex_notes) else []
    rows = [coded(row) for row in annex] + plan_notes + [coded(row) for row in correction_notes]
    return {column: [row.get(column) for row in rows] for column in schema.columns("quality_notes")}


def _no_rows(table: str) -> dict[str, list]:
    return {column: [] for column in schema.columns(table)}


def _columns(table: str, rows: list[dict]) -> dict[str, list]:
    """Rows as {column: values} of the table's columns (a key a row lacks is None, as a frame's NaN)."""
    return {column: [row.get(column) for row in rows] for column in schema.columns(table)}


def _target_columns(rows: list[dict]) -> dict[str, list]:
    columns = _columns("targets", rows)
    columns["qualitative"] = [bool(value) for value in columns["qualitative"]]  # as targets_frame's astype(bool)
    return columns


_MAPS: list = []  # [(denominators, their maps)]: the last frame asked about, kept alive so `is` is safe


def _denominator_maps(denominators: pd.DataFrame | None) -> tuple[dict, dict]:
    """`denominator_maps` made once per frame of denominators, not once per plan (every plan of a
    build gets the same frame)."""
    last = _MAPS[0] if _MAPS else None  # read once: another thread (the dashboard's) may replace it
    if last is None or last[0] is not denominators:
        last = (denominators, denominator_maps(denominators))
        _MAPS[:] = [last]
    return last[1]


def _deriver(denominators: pd.DataFrame):
    """What follows from a corrected row's editable fields: the indicator's names and family, the
    standardised value, per-year and per-10,000-residents figures — computed as for any row."""
    maps: list[tuple[dict, dict]] = []  # the denominators' maps, made on first use: most plans have no correction

    def derive(row: dict) -> dict:
        if not maps:
            maps.append(denominator_maps(denominators))
        population, population_notes = maps[0]
        indicator = harmonizer().find(row.get("indicator_id"))
        unit, multiplier = unit_and_multiplier(row.get("unit"))
        value_std, unit_std = standardise(row.get("value"), unit, multiplier)
        fields = {"indicator_id": indicator.id if indicator else None,
                  "indicator_zh": indicator.zh if indicator else None,
                  "indicator_en": indicator.en if indicator else None,
                  "family": indicator.family if indicator else None,
                  "value_std": value_std, "unit_std": unit_std}
        if not row.get("category") or row.get("category") not in schema.CATEGORY_VALUES:
            fields["category"] = indicator.category if indicator else schema.UNMAPPED
        fields.update(comparable_fields({**row, **fields}, population, population_notes, per_capita_ids()))
        return fields

    return derive


def _plan_notes(source: Source, targets: pd.DataFrame, reader_warnings: list[str], odd_text=()) -> list[dict]:
    """Quality notes a person should see: names the dictionary does not know, targets no category
    could be given, text the reader found damaged, and what looks odd about the text (etl.warehouse.odd_text)."""
    note = {"doc_id": source.doc_id, "region_id": source.region_id}
    rows = []
    for raw_name, indicator_id, category, quote, line in zip(
            targets["raw_name"], targets["indicator_id"], targets["category"], targets["quote"],
            targets["source_line"]):
        if not isinstance(indicator_id, str) or not indicator_id:  # a missing id is NaN, not None, in pandas 3
            rows.append({**note, **written("unmapped_name", name=raw_name), "detail": quote})
        if category == schema.UNMAPPED:
            rows.append({**note, **written("unmapped_category", name=raw_name, file=source.file, line=line),
                         "detail": quote})
    # the reader words its warnings in English (etl.read): coded() reads them back into code and parts
    rows += [coded({**note, "kind": "damaged_text", "message": f"{source.file}: {warning}", "detail": None})
             for warning in reader_warnings]
    rows += [{**note, **_odd_note(source.file, odd), "detail": odd.check} for odd in odd_text]
    return rows


def _odd_note(file: str, odd) -> dict:
    """An odd_text note from its check's fields (the message stays OddText.message, prefixed by the file)."""
    parts = {"file": file, "line": odd.line, "count": odd.count, "text": odd.text}
    note = written(ODD_TEXT_CODES[odd.check], **parts)
    assert note["message"] == f"{file}: {odd.message()}", "odd_text's message and its template differ"
    return note


def _region_row(s: Source) -> dict:
    return {"region_id": s.region_id, "region_zh": s.region_zh, "region_en": s.region_en,
            "province": s.province, "parent": s.parent, "admin_level": s.admin_level,
            "plan_kind": s.plan_kind, "period_start": s.period_start, "period_end": s.period_end,
            "status": s.status, "date": s.date, "doc_id": s.doc_id}


def _document_row(s: Source, encoding: str, ex: Extraction) -> dict:
    anchor = ex.anchor
    return {"doc_id": s.doc_id, "region_id": s.region_id, "region_zh": s.region_zh, "title": s.title,
            "plan_kind": s.plan_kind, "period_start": s.period_start, "period_end": s.period_end,
            "status": s.status, "date": s.date, "date_note": s.date_note, "source_file": s.file,
            "sha256": s.sha256, "encoding": encoding, "clean_text": ex.clean_text,
            "issuer": s.issuer, "doc_number": s.doc_number, "url": s.url,
            "anchor_year": anchor.year, "anchor_month": anchor.month, "anchor_from": anchor.source,
            "anchor_text": anchor.text, "genre": anchor.genre}


# --- step: every plan -----------------------------------------------------------------------

def plan_rows(tables: PlanTables) -> PlanTables:
    """One plan's tables as Arrow tables of the warehouse's schema (etl/warehouse/rows.py): what a worker
    sends back and the cache keeps."""
    return PlanTables({name: rows.to_arrow(name, frame) for name, frame in tables.tables.items()},
                      tables.regions, tables.documents, tables.names)


def combine(parts: list[PlanTables]) -> PlanTables:
    """Many plans' Arrow rows as one PlanTables, in the order given (no copy of the rows)."""
    tables = {table: rows.concat(table, [p.tables[table] for p in parts]) for table in PLAN_TABLES}
    names = NameCounts()
    for part in parts:
        names.update(part.names)
    return PlanTables(tables, [r for p in parts for r in p.regions], [d for p in parts for d in p.documents], names)


def merge_columns(parts: list[PlanTables]) -> PlanTables:
    """Many plans' tables as one PlanTables, in the order given, before they become Arrow: a table
    every plan gives as {column: values} is joined column by column and converted once (converting
    each plan's few rows column by column cost more than all of them at once; a value converts the
    same either way, etl/warehouse/rows.py); a table some plan gives as a frame stays per plan."""
    tables = {}
    for table in PLAN_TABLES:
        pieces = [p.tables[table] for p in parts]
        if pieces and all(isinstance(piece, dict) for piece in pieces):
            tables[table] = {column: [value for piece in pieces for value in piece.get(column, [None] * _height(piece))]
                             for column in schema.columns(table)}
        else:
            tables[table] = rows.concat(table, [rows.to_arrow(table, piece) for piece in pieces])
    names = NameCounts()
    for part in parts:
        names.update(part.names)
    return PlanTables(tables, [r for p in parts for r in p.regions], [d for p in parts for d in p.documents], names)


def _height(columns: dict[str, list]) -> int:
    return len(next(iter(columns.values()), ()))


def as_frames(plans: PlanTables) -> PlanTables:
    """The combined rows as frames, each made once."""
    return PlanTables({name: table.to_pandas() for name, table in plans.tables.items()},
                      plans.regions, plans.documents, plans.names)


def _plan_batch(work: list[tuple[Source, pd.DataFrame, list[Correction], str | None]],
                cache_dir: Path | None = None) -> PlanTables:
    if cache_dir is None:  # nothing kept per plan: the batch's rows become Arrow together
        batch = plan_rows(merge_columns([plan_tables(source, denominators, corrections)
                                         for source, denominators, corrections, _key in work]))
    else:
        batch = combine([_cached_plan_rows(*args, cache_dir=cache_dir) for args in work])
    # one chunk a table: a table of a chunk per plan costs thirty times more to send to the parent
    batch.tables = {name: table.combine_chunks() for name, table in batch.tables.items()}
    return batch


def _cached_plan_rows(source: Source, denominators: pd.DataFrame, corrections: list[Correction],
                      key: str | None, cache_dir: Path | None) -> PlanTables:
    """`plan_tables` as Arrow rows, or its cached rows when nothing it depends on changed
    (etl/warehouse/cache.py).  The file is verified against its sha256 either way: a replaced file is
    an error, not a hit."""
    if cache_dir is None or key is None:
        return plan_rows(plan_tables(source, denominators, corrections))
    cached = plan_cache.load(cache_dir, source.doc_id, key, {t: rows.arrow_schema(t) for t in PLAN_TABLES})
    if cached is not None:
        verify(source)  # (a miss is verified by plan_tables itself: the file is read and hashed once)
        return PlanTables(cached.tables, cached.meta["regions"], cached.meta["documents"],
                          _names_from_json(cached.meta["names"]))
    fresh = plan_rows(plan_tables(source, denominators, corrections))
    plan_cache.store(cache_dir, source.doc_id, key, plan_cache.Entry(
        fresh.tables, {"regions": fresh.regions, "documents": fresh.documents, "names": _names_json(fresh.names)}))
    return fresh


def _names_json(names: NameCounts) -> dict:
    return {"mapped": [[raw, indicator, count] for (raw, indicator), count in names.mapped.items()],
            "unmapped": [[raw, count] for raw, count in names.unmapped.items()],
            "used": sorted(list(key) for key in names.used)}


def _names_from_json(data: dict) -> NameCounts:
    return NameCounts(Counter({(raw, indicator): count for raw, indicator, count in data["mapped"]}),
                      Counter({raw: count for raw, count in data["unmapped"]}),
                      {tuple(key) for key in data["used"]})


def _pool_context():
    # fork is the cheapest start (workers inherit the loaded dictionary) but is unsafe in a
    # threaded process such as the Streamlit server: there, spawn.
    return multiprocessing.get_context("fork" if threading.active_count() == 1 else "spawn")


def all_plan_tables(sources: list[Source], denominators: pd.DataFrame, jobs: int | None = None,
                    corrections: list[Correction] = (), cache_dir: Path | None = None) -> PlanTables:
    """`plan_tables` for every source, in manifest order, combined into frames; on all cores when
    there are many.  With a cache folder, plans whose inputs are unchanged are taken from it."""
    jobs = jobs or os.cpu_count() or 1
    by_doc: dict[str, list[Correction]] = {}
    for correction in corrections:
        by_doc.setdefault(correction.doc_id, []).append(correction)
    if cache_dir is not None:
        plan_cache.remove_pickles(cache_dir)
    shared = plan_cache.shared_key(denominators) if cache_dir is not None else None
    work = [(source, denominators, by_doc.get(source.doc_id, []),
             plan_cache.plan_key(shared, source, by_doc.get(source.doc_id, [])) if shared else None)
            for source in sources]
    if len(sources) < PARALLEL_FROM or jobs < 2:
        return as_frames(_plan_batch(work, cache_dir))
    harmonizer()  # loaded once here, inherited by forked workers
    # many small batches per worker: when one worker takes the last batch the other waits idle for at
    # most that batch (with 4 a worker, up to an eighth of the build); a batch's rows cost little to send
    size = max(1, -(-len(work) // (jobs * 16)))
    batches = [work[i:i + size] for i in range(0, len(work), size)]
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context(), initializer=_start_worker) as pool:
        return as_frames(combine(list(pool.map(partial(_plan_batch, cache_dir=cache_dir), batches))))


def _start_worker() -> None:
    """The objects a forked worker inherits from the parent (the dictionary, the rules, the modules)
    live as long as it does: frozen out of the garbage collector's scans, they are neither scanned
    again nor copied page by page when a scan would have touched them."""
    import gc

    gc.freeze()


# --- step: assemble and check ---------------------------------------------------------------

def assemble(plans: PlanTables, context: pd.DataFrame, manifest: Path) -> Warehouse:
    frames = dict(plans.tables)
    frames["regions"] = _frame("regions", plans.regions)
    frames["documents"] = _frame("documents", plans.documents)
    frames["indicators"] = harmonizer().indicators_frame(frames["targets"])  # named + the derived ones used
    frames["context"] = context
    skipped = [coded(row) for row in context_skipped(manifest=manifest).to_dict("records")]
    frames["quality_notes"] = pd.concat([frames["quality_notes"], _frame("quality_notes", skipped)],
                                        ignore_index=True)
    report = harmonizer().report_from_counts(plans.names)
    return Warehouse({t: _frame(t, f) for t, f in frames.items()}, report)


def check(frames: dict[str, pd.DataFrame], sources: list[Source] | None = None) -> None:
    """Sanity checks inside the step (OWID style): nothing silently wrong reaches the database.
    Each failure is a PlanError naming the plan's file and the line of the offending target."""
    where = {s.doc_id: s for s in sources or []}
    texts = dict(zip(frames["documents"]["doc_id"], frames["documents"]["clean_text"]))
    t = frames["targets"]
    numeric = ~t["qualitative"].astype(bool)
    problems = [
        (t.index[~t["category"].isin(schema.CATEGORY_VALUES)], "category {category!r} is not one of "
         + ", ".join(schema.CATEGORY_VALUES)),
        (t.index[numeric & (t["value"].isna() | ~t["comparator"].isin(schema.COMPARATORS))],
         "a numeric target needs a value and one of the comparators " + " ".join(schema.COMPARATORS)),
        (t.index[numeric & ~t["scope"].isin(schema.SCOPES)], "scope {scope!r} is not one of "
         + ", ".join(schema.SCOPES)),
        (t.index[t["target_id"].duplicated()], "target id {target_id} is used twice"),
    ]
    for index, message in problems:
        if len(index):
            _fail(t.loc[index[0]], message, where)
    misplaced = _misplaced_quotes(t, texts)
    if misplaced is not None:
        _fail(t.loc[misplaced], "the quote is not found at its offsets in the clean text", where)
    instruments = frames["instruments"]
    misplaced = _misplaced_quotes(instruments, texts)
    if misplaced is not None:
        row = instruments.loc[misplaced]
        source = where.get(row["doc_id"])
        raise PlanError(source.path if source else row["doc_id"],
                        f"instrument {row['instrument_id']}: the quote is not found at its offsets in the clean text")
    duplicated_regions = frames["regions"].drop_duplicates(["region_id", "region_zh"])["region_id"].duplicated()
    if duplicated_regions.any():
        raise PlanError(None, f"region_id {frames['regions'].loc[duplicated_regions.idxmax(), 'region_id']} "
                              "names two different regions")


def _misplaced_quotes(frame: pd.DataFrame, texts: dict[str, str]):
    """The index of the first row whose quote is not clean_text[quote_start:quote_end], or None
    (plain columns zipped: itertuples over 13,000 rows cost a third of a second)."""
    for index, doc_id, start, end, quote in zip(frame.index, frame["doc_id"], frame["quote_start"],
                                                frame["quote_end"], frame["quote"]):
        if texts[doc_id][int(start):int(end)] != quote:
            return index
    return None


def _fail(row: pd.Series, message: str, where: dict[str, Source]) -> None:
    source = where.get(row["doc_id"])
    path = source.path if source else row["doc_id"]
    line = int(row["source_line"]) if pd.notna(row.get("source_line")) else None
    raise PlanError(path, f"target {row['target_id']} {NAME_OPEN}{str(row.get('raw_name') or '')[:30]}{NAME_CLOSE}: "
                          + message.format(**{k: row.get(k) for k in ("category", "scope", "target_id")}), line)


def collect(manifest: Path = MANIFEST, jobs: int | None = None, cache_dir: Path | None = None) -> Warehouse:
    """Every table, in memory, checked.  Raises PlanError/ManifestError naming the file that failed."""
    sources = load_manifest(manifest)
    context = context_table(manifest=manifest)
    corrections = load_corrections(corrections_dir(manifest))
    plans = all_plan_tables(sources, population_denominators(context), jobs, corrections, cache_dir)
    warehouse = assemble(plans, context, manifest)
    _note_orphan_corrections(warehouse, corrections, {s.doc_id for s in sources})
    apply_observations(warehouse.frames, observations_dir(manifest))  # like corrections: on every build
    check(warehouse.frames, sources)
    return warehouse


def _note_orphan_corrections(warehouse: Warehouse, corrections: list[Correction], doc_ids: set[str]) -> None:
    """Corrections for a plan no longer in the manifest are kept as notes, not dropped in silence."""
    orphans = [c for c in corrections if c.doc_id not in doc_ids]
    if not orphans:
        return
    notes = [{"doc_id": c.doc_id, "region_id": None, "detail": c.quote,
              **written("correction_orphan", number=c.number, file=c.file, doc_id=c.doc_id)} for c in orphans]
    frames = warehouse.frames
    frames["quality_notes"] = pd.concat([frames["quality_notes"], _frame("quality_notes", notes)], ignore_index=True)


# --- step: load -----------------------------------------------------------------------------

def build(db_path: Path = DEFAULT_DB, manifest: Path = MANIFEST, if_stale: bool = False,
          jobs: int | None = None, cache_dir: Path | None = None, stamp: bool = False) -> BuildReport:
    """Build the warehouse at db_path from the manifest's plans.  cache_dir: a folder of per-plan
    results (etl/warehouse/cache.py); the command line passes plan_cache.default_dir(), the library none.
    stamp: record beside the database what it was built from (etl/warehouse/stamp.py; the command line)."""
    from etl.warehouse.load import read_build_info, write_database  # duckdb is only needed to write

    db_path, manifest = Path(db_path), Path(manifest)
    fingerprint = input_fingerprint(manifest)
    if if_stale and db_path.exists() and read_build_info(db_path).get("fingerprint") == fingerprint:
        return BuildReport(db_path, pd.DataFrame(), skipped_build=True)
    started = time.perf_counter()
    inputs = _stamp_inputs(db_path, manifest) if stamp else None
    warehouse = collect(manifest, jobs, cache_dir)
    written = write_database(db_path, warehouse.frames, {"fingerprint": fingerprint,
                                                         "built_at": time.strftime("%Y-%m-%dT%H:%M:%S")})
    report = _report(db_path, warehouse, time.perf_counter() - started)
    if inputs is not None:
        build_stamp.record(db_path, *inputs, database_sha256=written, report=str(report))
    return report


def _stamp_inputs(db_path: Path, manifest: Path) -> tuple[str, list[str]]:
    """The hash of every input, taken before the build reads them (etl/warehouse/stamp.py), and the raw
    plans the manifest lists; the database's old stamp goes first, so a failed build leaves none."""
    build_stamp.forget(db_path)
    plan_files = [str(source.path.resolve()) for source in load_manifest(manifest)]
    return build_stamp.inputs_fingerprint(manifest, plan_files), plan_files


def _report(db_path: Path, warehouse: Warehouse, seconds: float) -> BuildReport:
    t = warehouse.frames["targets"]
    per_region = (t.pivot_table(index="region_zh", columns="category", values="target_id", aggfunc="count",
                                fill_value=0).reindex(columns=schema.CATEGORY_VALUES, fill_value=0))
    if not (per_region[schema.UNMAPPED] > 0).any():
        per_region = per_region.drop(columns=schema.UNMAPPED)
    per_region["total"] = per_region.sum(axis=1)
    notes = warehouse.frames["quality_notes"]
    report = warehouse.harmonize_report
    return BuildReport(db_path, per_region, unmapped=[name for name, _count in report.unmapped],
                       unused_aliases=[f"{ind}: {alias}" for ind, alias in report.unused_aliases],
                       notes=notes[~notes["kind"].isin(["unmapped_name", "context_skipped"])],
                       seconds=seconds)
