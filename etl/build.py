"""The whole build: manifest → raw snapshots (checked) → per plan: read, clean, extract, harmonise,
normalise → annex tables and their checks → DuckDB, swapped in atomically → a short report.

`build(db_path)` is what `python -m etl build` and the dashboard's first start call.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from etl import schema
from etl.sources import MANIFEST, ROOT, Source, load_manifest, verify

DEFAULT_DB = ROOT / "data" / "warehouse.duckdb"
REFERENCE_DIR = ROOT / "data" / "reference"


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


def input_fingerprint(manifest: Path = MANIFEST) -> str:
    """A hash of everything a build reads: raw files, manifest, reference files and the ETL code.
    `--if-stale` rebuilds only when it changed."""
    digest = hashlib.sha256()
    paths = [manifest, *sorted(manifest.parent.glob("*")), *sorted(REFERENCE_DIR.glob("*")),
             *sorted((ROOT / "etl").glob("*.py"))]
    for path in paths:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _regions_row(s: Source) -> dict:
    return {"region_id": s.region_id, "region_zh": s.region_zh, "region_en": s.region_en,
            "province": s.province, "parent": s.parent, "admin_level": s.admin_level,
            "plan_kind": s.plan_kind, "period_start": s.period_start, "period_end": s.period_end,
            "status": s.status, "date": s.date, "doc_id": s.doc_id}


def _frame(table: str, rows) -> pd.DataFrame:
    cols = schema.columns(table)
    if isinstance(rows, pd.DataFrame):
        return rows.reindex(columns=cols)
    return pd.DataFrame(rows, columns=cols)


def collect(manifest: Path = MANIFEST) -> dict[str, pd.DataFrame]:
    """Every table, in memory.  Raises PlanError/ManifestError naming the file that failed."""
    from etl.annex import annex_frames, annex_from_tables, compare_annex_with_text
    from etl.context import context_skipped, context_table, population_denominators
    from etl.pipeline import extract_document, harmonizer
    from etl.plan_facts import phases, responsibilities
    from etl.readers import read_document

    sources = load_manifest(manifest)
    context = context_table()
    denominators = population_denominators(context)
    h = harmonizer()
    parts: dict[str, list[pd.DataFrame]] = {t: [] for t in schema.TABLES}
    regions, documents = [], []
    for source in sources:
        verify(source)
        raw = read_document(source.path)
        ex = extract_document(raw, doc_id=source.doc_id, region_id=source.region_id,
                              region_zh=source.region_zh, period=(source.period_start, source.period_end),
                              denominators=denominators)
        clean_text = ex.clean_text
        annex = ex.annex_tables + annex_from_tables(raw.tables)
        if ex.targets.empty:
            from etl.errors import PlanError
            raise PlanError(source.path, "no targets found: is this a plan of the genre?")
        parts["targets"].append(ex.targets)
        parts["skipped_numbers"].append(ex.skipped)
        towns, notes = annex_frames(annex, source.region_id, source.doc_id)
        if len(towns):
            towns["indicator_id"] = [indicator.id if (indicator := h.match(m)) else None for m in towns["measure"]]
            notes = pd.concat([notes, compare_annex_with_text(towns, ex.targets)], ignore_index=True)
        parts["town_targets"].append(towns)
        parts["quality_notes"].append(notes)
        parts["phases"].append(phases(clean_text, source.doc_id, source.region_id))
        parts["responsibilities"].append(responsibilities(clean_text, source.doc_id, source.region_id))
        regions.append(_regions_row(source))
        documents.append({"doc_id": source.doc_id, "region_id": source.region_id, "region_zh": source.region_zh,
                          "title": source.title, "plan_kind": source.plan_kind,
                          "period_start": source.period_start, "period_end": source.period_end,
                          "status": source.status, "date": source.date, "date_note": source.date_note,
                          "source_file": source.file, "sha256": source.sha256, "encoding": raw.encoding,
                          "clean_text": clean_text})

    frames = {t: (pd.concat([p for p in ps if len(p)], ignore_index=True) if any(len(p) for p in ps)
                  else _frame(t, [])) for t, ps in parts.items()}
    frames["regions"] = _frame("regions", regions)
    frames["documents"] = _frame("documents", documents)
    frames["indicators"] = h.indicators_frame()
    frames["context"] = context
    report = h.report(zip(frames["targets"]["raw_name"], frames["targets"]["quote"]))
    unmapped_notes = [{"doc_id": r.doc_id, "region_id": r.region_id, "kind": "unmapped_name",
                       "message": f"“{r.raw_name}” maps to no canonical indicator",
                       "detail": r.quote} for r in frames["targets"].itertuples() if not r.indicator_id]
    frames["quality_notes"] = pd.concat([frames["quality_notes"], _frame("quality_notes", unmapped_notes),
                                         _frame("quality_notes", context_skipped())], ignore_index=True)
    frames = {t: _frame(t, f) for t, f in frames.items()}
    check(frames)
    frames["_report"] = report  # type: ignore[assignment]
    return frames


def check(frames: dict[str, pd.DataFrame]) -> None:
    """Sanity checks inside the step (OWID style): nothing silently wrong reaches the database."""
    texts = dict(zip(frames["documents"]["doc_id"], frames["documents"]["clean_text"]))
    t = frames["targets"]
    for row in t.itertuples():
        text = texts[row.doc_id]
        assert text[row.quote_start:row.quote_end] == row.quote, f"{row.target_id}: quote not at its offsets"
        assert row.category in schema.CATEGORIES or row.category is None, f"{row.target_id}: category {row.category}"
        if not row.qualitative:
            assert pd.notna(row.value) and row.comparator in schema.COMPARATORS, f"{row.target_id}: value/comparator"
            assert row.scope in schema.SCOPES, f"{row.target_id}: scope {row.scope}"
    assert t["target_id"].is_unique, "target ids must be unique"


def build(db_path: Path = DEFAULT_DB, manifest: Path = MANIFEST, if_stale: bool = False) -> BuildReport:
    from etl.load import read_build_info, write_database

    db_path = Path(db_path)
    fingerprint = input_fingerprint(manifest)
    if if_stale and db_path.exists() and read_build_info(db_path).get("fingerprint") == fingerprint:
        return BuildReport(db_path, pd.DataFrame(), skipped_build=True)
    started = time.perf_counter()
    frames = collect(manifest)
    report = frames.pop("_report")
    write_database(db_path, frames, {"fingerprint": fingerprint,
                                     "built_at": time.strftime("%Y-%m-%dT%H:%M:%S")})
    t = frames["targets"]
    per_region = (t.assign(kind=t["qualitative"].map({True: "qualitative", False: "numeric"}))
                  .pivot_table(index="region_zh", columns="category", values="target_id", aggfunc="count",
                               fill_value=0).reindex(columns=schema.CATEGORIES, fill_value=0))
    per_region["total"] = per_region.sum(axis=1)
    notes = frames["quality_notes"]
    return BuildReport(db_path, per_region, unmapped=[name for name, _count in report.unmapped],
                       unused_aliases=[f"{ind}: {alias}" for ind, alias in report.unused_aliases],
                       notes=notes[~notes["kind"].isin(["unmapped_name", "context_skipped"])],
                       seconds=time.perf_counter() - started)
