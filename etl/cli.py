"""`python -m etl …`: build | extract FILE | harmonize [FILE_OR_FOLDER…] | instruments | add FILE_OR_FOLDER… |
corrections | observations add FILE.csv.

Errors a person can act on (a broken plan, a changed source, a bad manifest) print one line
naming the file and line and exit 1 — no traceback; the previous database stays as it was.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from etl.base.errors import PlanError


def _build(args) -> int:
    cache_dir = _cache_dir(args)
    if cache_dir is not None and not args.if_stale:
        from etl.warehouse.stamp import unchanged_report
        kept = unchanged_report(Path(args.db), Path(args.manifest))
        if kept is not None:  # every input and the file as at its last build: it would be rebuilt the same
            print(f"{args.db}: no input changed since this build, so the database was kept "
                  "(--no-cache rebuilds it).\n")
            print(kept)
            return 0
    from etl.warehouse.steps import build
    report = build(Path(args.db), manifest=Path(args.manifest), if_stale=args.if_stale, jobs=args.jobs,
                   cache_dir=cache_dir, stamp=True)
    print(report)
    return 0


def _cache_dir(args) -> Path | None:
    """The per-plan cache the command line builds use (etl/warehouse/cache.py), unless --no-cache."""
    from etl.warehouse.cache import default_dir
    return None if args.no_cache else default_dir()


def _extract(args) -> int:
    from etl.warehouse.plan import extract_file
    ex = extract_file(Path(args.file))
    if args.instruments:
        from etl.extract.instruments import instrument_rows
        frame = instrument_rows(ex.clean_text, Path(args.file).stem, "", ex.targets)
    elif ex.targets.empty:
        raise PlanError(args.file, f"no recognisable targets ({ex.candidates_found} numbers looked at, none "
                                   "with the unit and wording of a target): is this a plan of the genre?")
    else:
        frame = ex.targets
    if args.format == "json":
        records = json.loads(frame.to_json(orient="records", force_ascii=False))
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        from etl.base.safe_csv import to_csv
        # a cell of plan text may start like a formula (=HYPERLINK…) or hold a bare CR: neutralised
        # and quoted; newline="" keeps the CSV's CRLF as written on every platform
        sys.stdout.reconfigure(newline="")
        to_csv(frame, sys.stdout)
    return 0


PLAN_SUFFIXES = (".txt", ".docx", ".pdf")


def _plan_files(paths: list[str]) -> list[Path]:
    """The plan files named, and those inside the folders named, in a stable order."""
    out = []
    for given in map(Path, paths):
        if given.is_dir():
            out += sorted(p for p in given.rglob("*") if p.suffix.lower() in PLAN_SUFFIXES)
        elif given.exists():
            out.append(given)
        else:
            raise PlanError(str(given), "no such file or folder")
    return out


def _harmonize_audit(paths: list[str]) -> int:
    """Each target's raw name → its facets → its indicator (named, derived, or unmapped with the reason):
    a quick audit of plans the dictionary has not seen.  Writes nothing; 1 if any name stayed unmapped."""
    from etl.warehouse.plan import extract_file
    unmapped = 0
    for path in _plan_files(paths):
        targets = extract_file(path).targets
        print(f"{path} ({len(targets)} targets)")
        for row in targets.itertuples():
            facets = row.facets if isinstance(row.facets, str) else "—"
            if row.indicator_decided_by == "unmapped":
                unmapped += 1
                decided = f"unmapped: {row.indicator_reason}"
            else:
                note = f"; {row.indicator_reason}" if isinstance(row.indicator_reason, str) and row.indicator_reason else ""
                decided = f"{row.indicator_id} ({row.indicator_decided_by}{note}) {row.indicator_zh} · {row.indicator_en}"
            name = row.raw_name if isinstance(row.raw_name, str) and row.raw_name else "(no name)"
            print(f"  {name} → {facets} → {decided}")
    print(f"\n{unmapped} target(s) unmapped")
    return 1 if unmapped else 0


def _harmonize(args) -> int:
    if args.files:
        return _harmonize_audit(args.files)
    from etl.base import schema
    from etl.harmonize.dictionary import harmonize_report_cli
    from etl.warehouse.steps import collect
    t = collect(Path(args.manifest)).frames["targets"]
    # each name with its sentence, unit and value, as the build decided it
    status = harmonize_report_cli(list(zip(t["raw_name"], t["quote"], t["unit"], t["value"])))
    unplaced = t[t["category"] == schema.UNMAPPED]
    if len(unplaced):
        print(f"\nTargets kept with category '{schema.UNMAPPED}' ({len(unplaced)}): no dictionary entry and no "
              "section heading names their link")
        for row in unplaced.itertuples():
            print(f"  - {row.doc_id} line {row.source_line}: {row.raw_name} — {row.quote}")
    return status


def _instruments(args) -> int:
    """The instrument dictionary's report over the manifest's plans: instrument-like phrasings that
    match no instrument, aliases that matched nothing."""
    from etl.extract.instruments import dictionary, plan_sentences
    from etl.read.clean import clean
    from etl.read.readers import read_document
    from etl.read.sources import load_manifest
    from etl.warehouse.plan import plan_text
    sentences = [s for source in load_manifest(Path(args.manifest))
                 for s in plan_sentences(clean(plan_text(read_document(source.path))).text)]
    print(dictionary().report(sentences))
    return 0


def _add(args) -> int:
    from etl.warehouse.add import add_plans
    manifest = Path(args.manifest)
    summary = add_plans(args.files, region_zh=args.region, raw_dir=manifest.parent, manifest=manifest,
                        db_path=Path(args.db), jobs=args.jobs, progress=False if args.no_progress else None,
                        cache_dir=_cache_dir(args))
    print(summary)
    if summary.report is not None:
        print(summary.report)
    elif not summary.of("added"):
        print("nothing added: the warehouse was not rebuilt")
    return 1 if summary.of("refused") or not summary.of("added") else 0


def _corrections(args) -> int:
    from etl.warehouse.steps import collect
    log = collect(Path(args.manifest)).frames["corrections"]
    if log.empty:
        print("No corrections recorded (data/corrections/ is empty).")
        return 0
    for status, rows in log.groupby("status", sort=True):
        print(f"{status} ({len(rows)}):")
        for row in rows.itertuples():
            print(f"  - {row.file} #{row.number} {row.action} {row.target_id or ''} by {row.who or '?'} "
                  f"({row.when or '?'}): {row.changes} — why: {row.why}")
    return 0


def _observations_add(args) -> int:
    """A researcher's observations file: refused whole (each bad row named) or copied and rebuilt."""
    from etl.warehouse.add import add_observation_file
    result = add_observation_file(Path(args.file), Path(args.db), Path(args.manifest), cache_dir=_cache_dir(args))
    print(result, file=sys.stderr if result.problems else sys.stdout)
    if result.report is not None:
        print(result.report)
    return 1 if result.problems else 0


def main(argv: list[str] | None = None) -> int:
    from etl.base.paths import DEFAULT_DB, MANIFEST
    parser = argparse.ArgumentParser(prog="python -m etl", description="IP-plan targets ETL")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("build", help="build the DuckDB database from data/raw/")
    p.add_argument("--db", default=str(DEFAULT_DB), help="database path (default data/warehouse.duckdb)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes for many plans (default: all cores)")
    p.add_argument("--if-stale", action="store_true", help="do nothing when no input changed since the last build")
    p.add_argument("--no-cache", action="store_true",
                   help="re-extract every plan and rewrite the database (default: reuse .cache/plans/ for plans "
                        "whose inputs are unchanged, and keep the database when no input changed since it was built)")
    p.add_argument("--manifest", default=str(MANIFEST), help="manifest of raw plans (default data/raw/sources.yaml)")
    p.set_defaults(run=_build)
    p = sub.add_parser("extract", help="print the targets of one plan file (.txt, .docx, .pdf); writes nothing")
    p.add_argument("file")
    p.add_argument("--format", choices=["csv", "json"], default="csv")
    p.add_argument("--instruments", action="store_true",
                   help="print the policy instruments the plan commits to instead of its targets")
    p.set_defaults(run=_extract)
    p = sub.add_parser("harmonize", help="with files: each raw name → facets → indicator; without: the manifest's "
                                         "names that map to nothing, named indicators no name reached and targets "
                                         "kept with category 'unmapped'")
    p.add_argument("files", nargs="*", metavar="FILE_OR_FOLDER", help=".txt/.docx/.pdf plans, or folders of them")
    p.add_argument("--manifest", default=str(MANIFEST), help="manifest of raw plans (default data/raw/sources.yaml)")
    p.set_defaults(run=_harmonize)
    p = sub.add_parser("instruments", help="instrument-like phrasings that match no instrument, aliases never used")
    p.add_argument("--manifest", default=str(MANIFEST), help="manifest of raw plans (default data/raw/sources.yaml)")
    p.set_defaults(run=_instruments)
    p = sub.add_parser("corrections", help="list the corrections in data/corrections/ and whether each applies")
    p.add_argument("--manifest", default=str(MANIFEST), help="manifest of raw plans (default data/raw/sources.yaml)")
    p.set_defaults(run=_corrections)
    p = sub.add_parser("add", help="copy plans into data/raw/, record them in the manifest, rebuild once; "
                                   "exits 1 if any file was refused (the others are added) or nothing was added")
    p.add_argument("files", nargs="+", metavar="FILE_OR_FOLDER", help=".txt/.docx/.pdf files, or folders of them")
    p.add_argument("--region", help="region name, when the title does not say it (applies to every file)")
    p.add_argument("--jobs", type=int, default=None, help="worker processes for reading (default: all cores)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar (it is shown only on a terminal)")
    p.add_argument("--no-cache", action="store_true", help="re-extract every plan when rebuilding")
    p.add_argument("--db", default=str(DEFAULT_DB))
    p.add_argument("--manifest", default=str(MANIFEST), help="manifest to add to; the file is copied beside it")
    p.set_defaults(run=_add)
    p = sub.add_parser("observations", help="a researcher's observed figures (data/observations/*.csv)")
    observations = p.add_subparsers(dest="action", required=True)
    p = observations.add_parser("add", help="validate a CSV of observations whole; if every row is good, copy it "
                                            "into data/observations/ and rebuild; else exit 1 naming each bad row")
    p.add_argument("file", metavar="FILE.csv",
                   help="columns region, indicator, year, value, unit, source; optional month, note")
    p.add_argument("--db", default=str(DEFAULT_DB))
    p.add_argument("--manifest", default=str(MANIFEST), help="manifest of raw plans; data/observations/ is beside it")
    p.add_argument("--no-cache", action="store_true", help="re-extract every plan when rebuilding")
    p.set_defaults(run=_observations_add)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except PlanError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
