"""Scale benchmark: every page's rerun cost at 4, 100 and 1,000 regions, against the reference page.

    python bench/bench_scale.py                       # N = 0, 96, 996 generated plans beside the four
    python bench/bench_scale.py --sizes 100 --reruns 5 --pages overview data
    python bench/bench_scale.py --db /tmp/scale/bench/n1000/scale-1000.duckdb --pages compare   # no build
    make bench-scale

For each size N (regions in the warehouse): the four seed plans are copied to a work folder,
N - 4 plans from bench/generate_corpus.py are recorded beside them with etl.warehouse.add.add_plans (the
same path `python -m etl add` takes), and `python -m etl build` builds the warehouse in a fresh
process (its wall time and peak resident memory are reported). Then, in a fresh process per size
(Streamlit's caches are per process, so sizes never share a warm cache), bench/bench_pages.py's
own machinery times each page's rerun against bench/reference_page.py, interleaved; the same
process first times the first view of the default page with cold caches ("first view"), which is
what the first reader after a restart waits for (imports excluded: they are paid at start).

Budgets (issues 13, 23): a page's median ≤ 2 × the reference on the four seed plans and ≤ 3 × at
1,000 regions (bench_pages.budget_for; 100 regions is reported, not held to either); the first view ≤ 3 s.
Every page is shown against both limits at every size.
Results: bench/out/scale-<stamp>.json and bench/out/scale-latest.json. Exit 1 on a missed budget
for a page listed in --enforce (default: the pages this benchmark was written for).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "bench" / "out"
SIZES = (4, 100, 1000)
SEED_REGIONS = 4
BUDGET_RATIO = 3.0  # at 1,000 regions (bench_pages.BUDGET_AT_SCALE); 2x on the seed plans (BUDGET_SEED)
FIRST_VIEW_BUDGET_S = 3.0
# The pages issue 13 rewrote for scale (compare, indicator and instruments: a peer group fetched
# in SQL, a large group drawn top-N; review: its queue's candidates picked in SQL).
ENFORCED = ("overview", "profile", "data", "standing", "compare", "indicator", "instruments", "review", "sources",
            "towns", "progress", "upload", "upload+plan")  # every page
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def build_corpus(n_regions: int, workdir: Path, seed: int = 20240426) -> dict:
    """A warehouse of the four seeds plus n_regions - 4 generated plans; build time and peak RSS."""
    from generate_corpus import generate, write

    from etl.warehouse.add import add_plans

    raw = workdir / "raw"
    if raw.exists():
        shutil.rmtree(raw)
    shutil.copytree(ROOT / "data" / "raw", raw)
    extra = max(n_regions - SEED_REGIONS, 0)
    if extra:
        add_plans([write(generate(extra, seed=seed), workdir / "plans")], raw_dir=raw,
                  manifest=raw / "sources.yaml", progress=False)
    db = workdir / f"scale-{n_regions}.duckdb"
    command = [sys.executable, "-m", "etl", "build", "--manifest", str(raw / "sources.yaml"), "--db", str(db)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # max over children so far
    return {"regions": n_regions, "db": str(db), "build_s": round(seconds, 2),
            "build_peak_rss_mib": round(max(peak_kib, before) / 1024, 1)}


def count_regions(db: Path) -> int:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return int(con.execute("SELECT count(*) FROM regions").fetchone()[0])  # plans, as build_corpus counts
    finally:
        con.close()


def measure_in_child(db: Path, reruns: int, pages: list[str] | None) -> dict:
    """Run this script's --child mode on `db` in a fresh process and return its JSON."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(db), "--reruns", str(reruns)]
    if pages:
        command += ["--pages", *pages]
    env = {**os.environ, "IPBENCH_DB": str(db), "IPBENCH_READ_ONLY": "1"}
    done = subprocess.run(command, check=True, cwd=ROOT, env=env, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def first_view_seconds() -> float:
    """The default page's first run with cold Streamlit caches (imports already paid)."""
    import bench_pages
    from streamlit.testing.v1 import AppTest

    app_test = AppTest.from_file(str(bench_pages.APP_SCRIPT), default_timeout=bench_pages.FIRST_RUN_TIMEOUT_S)
    started = time.perf_counter()
    app_test.run()
    seconds = time.perf_counter() - started
    if bench_pages.problems(app_test):
        raise RuntimeError(f"first view failed: {bench_pages.problems(app_test)}")
    return seconds


def child(reruns: int, pages: list[str] | None) -> int:
    """--child: time the first view, then every page's reruns (bench_pages.measure); JSON on stdout."""
    import bench_pages

    warm = bench_pages.open_page(bench_pages.REFERENCE_SCRIPT)  # pays streamlit's imports
    del warm
    first = first_view_seconds()
    # Only pages app.py registers: AppTest opens an unregistered page as the default page instead.
    registered = bench_pages.APP_SCRIPT.read_text(encoding="utf-8")
    files = [p for p in bench_pages.page_files(pages) if f'"pages/{p.name}"' in registered]
    samples, failures = bench_pages.measure(files, reruns)
    reference = statistics.median(samples.pop(bench_pages.REFERENCE))
    ratios = {name: round(statistics.median(values) / reference, 2) for name, values in samples.items()}
    medians = {name: round(statistics.median(values), 1) for name, values in samples.items()}
    print(json.dumps({"first_view_s": round(first, 2), "reference_median_ms": round(reference, 1),
                      "median_ms": medians, "ratio": ratios, "failures": failures,
                      "child_peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))
    return 0


def verdicts(results: list[dict], enforce: tuple[str, ...]) -> list[str]:
    """What missed a budget: pages in `enforce` over their size's budget (bench_pages.budget_for: 2x on the
    seed plans, 3x at 1,000 regions), a slow first view."""
    from bench_pages import budget_for

    missed = []
    for row in results:
        budget = budget_for(row["regions"])
        for name, ratio in row["ratio"].items():
            if budget is not None and name in enforce and ratio > budget:
                missed.append(f"{name} at {row['regions']} regions: {ratio}x > {budget:g}x")
    for row in results:
        if row["first_view_s"] > FIRST_VIEW_BUDGET_S:
            missed.append(f"first view at {row['regions']} regions: {row['first_view_s']} s > {FIRST_VIEW_BUDGET_S} s")
        missed += [f"{name} at {row['regions']} regions failed to run" for name in row["failures"] if name in enforce]
    return missed


def print_table(results: list[dict]) -> None:
    """Each page's ratio at each size, marked against that size's budget (! over, · not held to one)."""
    from bench_pages import BUDGET_AT_SCALE, BUDGET_SEED, budget_for

    names = sorted({name for row in results for name in row["ratio"]})
    print(f"rerun cost / reference page (median; budget {BUDGET_SEED:g}x on the seed plans, {BUDGET_AT_SCALE:g}x at "
          "1,000 regions; ! over, · no budget at this size); build time, peak memory and first view per size")
    print(f"{'page':<18}" + "".join(f"{row['regions']:>11}" for row in results))
    budgets = [budget_for(row["regions"]) for row in results]
    print(f"{'budget':<18}" + "".join(f"{f'{b:g}x' if b else '-':>11}" for b in budgets))
    for name in names:
        cells = []
        for row in results:
            ratio, budget = row["ratio"].get(name, float("nan")), budget_for(row["regions"])
            mark = "·" if budget is None else ("!" if ratio > budget else " ")
            cells.append(f"{ratio:>9.2f}x{mark}")
        print(f"{name:<18}" + "".join(cells))
    for label, key in (("reference ms", "reference_median_ms"), ("first view s", "first_view_s"),
                       ("build s", "build_s"), ("build peak MiB", "build_peak_rss_mib"),
                       ("app peak MiB", "child_peak_rss_mib")):
        print(f"{label:<18}" + "".join(f"{row[key]:>11}" for row in results))
    for row in results:
        for name, messages in row["failures"].items():
            print(f"{row['regions']} regions: {name} FAILED: {'; '.join(m[:200] for m in messages)}")


def main(argv: list[str] | None = None) -> int:
    from bench_pages import budget_for

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES), help="regions per warehouse")
    parser.add_argument("--reruns", type=int, default=10, help="timed reruns per page (default 10)")
    parser.add_argument("--pages", nargs="*", help="page file stems (default: all)")
    parser.add_argument("--workdir", type=Path, help="keep warehouses here (default: a temp dir, removed)")
    parser.add_argument("--enforce", nargs="*", default=list(ENFORCED), help="pages whose budget sets the exit code")
    parser.add_argument("--db", type=Path, nargs="*", help="time the pages on these ready warehouses (no build)")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.reruns, args.pages)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="ipbench_scale_"))
    results = []
    try:
        for db in args.db or []:
            ready = {"regions": count_regions(db), "db": str(db), "build_s": "-", "build_peak_rss_mib": "-"}
            results.append(ready | measure_in_child(db, args.reruns, args.pages))
        for n in [] if args.db else args.sizes:
            built = build_corpus(n, workdir / f"n{n}")
            print(f"{n} regions: built in {built['build_s']} s", flush=True)
            results.append(built | measure_in_child(Path(built["db"]), args.reruns, args.pages))
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    print_table(results)
    missed = verdicts(results, tuple(args.enforce))
    report = {"measured_at": datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ"), "python": platform.python_version(),
              "cpus": os.cpu_count(), "reruns": args.reruns, "budget_ratio": BUDGET_RATIO,
              "first_view_budget_s": FIRST_VIEW_BUDGET_S,
              "budget_by_regions": {row["regions"]: budget_for(row["regions"]) for row in results}, "results": results, "missed": missed}
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for path in (OUT_DIR / f"scale-{report['measured_at']}.json", OUT_DIR / "scale-latest.json"):
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    for line in missed:
        print(f"over budget: {line}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
