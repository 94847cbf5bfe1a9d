"""How fast and how lean the ETL is, against its budgets.

    python bench/bench_etl.py                  # all three parts, table + bench/out/bench_etl.json
    python bench/bench_etl.py --plans 200 --build-runs 3    # a quicker look

(a) build: `etl.warehouse.steps.build(db_path)` in-process on the four source plans, into a temp database
    (never data/warehouse.duckdb).  Imports and one warm-up build happen first and are timed
    apart; the figure held against the budget (< 1 s) is the median of 7 builds after that.
    One `python -m etl build` in a fresh process is timed too, imports included, for reference.
(b) extraction throughput on synthetic plans (bench/generate_corpus.py, seeded): plans/s and
    chars/s of `etl.warehouse.plan.extract_text`, median of 3 passes, plus recall and precision of
    those plans against the targets the generator put in (bench/measure_extraction.py scoring).
(c) peak memory: tracemalloc's peak of Python allocations during one build and one extraction
    pass, and the process's peak resident set (ru_maxrss) at the end.
(d) the whole `python -m etl build` process against a bare `python -c "import duckdb, pandas"`,
    run in turn (A B A B …) so the ratio is taken pair by pair on a drifting machine; budget: the
    median ratio within 1.3x.
(e) a build of 1,000 generated plans beside the four (a manifest written by `etl.warehouse.add.add_plans`),
    `python -m etl build` in a fresh process on all cores, median of 3; budget 10 s.

Exits 1 when a budget is missed, so `make bench` fails loudly.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BUILD_BUDGET_S = 1.0
PROCESS_RATIO_BUDGET = 1.3
CORPUS_BUILD_BUDGET_S = 10.0
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _median_seconds(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


# --- (a) the build --------------------------------------------------------------------------

def bench_build(runs: int, workdir: Path) -> dict:
    started = time.perf_counter()
    import etl.warehouse.steps  # lazily: the import cost is reported, not counted against the budget
    import_s = time.perf_counter() - started

    db = workdir / "bench_warehouse.duckdb"
    assert db.resolve() != (ROOT / "data" / "warehouse.duckdb").resolve()
    started = time.perf_counter()
    report = etl.warehouse.steps.build(db)  # warm-up: first use of the dictionary and lazy imports
    first_s = time.perf_counter() - started
    median_s, times = _median_seconds(lambda: etl.warehouse.steps.build(db), runs)

    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(workdir / "cli.duckdb")],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)
    cli_s = time.perf_counter() - started
    targets = int(report.per_region["total"].sum()) if "total" in report.per_region else None
    return {"import_s": import_s, "first_build_s": first_s, "median_build_s": median_s,
            "build_runs_s": times, "runs": runs, "budget_s": BUILD_BUDGET_S,
            "ratio_to_budget": median_s / BUILD_BUDGET_S, "within_budget": median_s < BUILD_BUDGET_S,
            "targets_built": targets, "cli_fresh_process_s": cli_s, "cli_returncode": done.returncode,
            "cli_stderr_tail": done.stderr[-500:] if done.returncode else ""}


# --- (d) the build process against a bare import of its heavy libraries ---------------------

def _run_seconds(command: list[str], env: dict | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True, timeout=300,
                   env={**os.environ, **(env or {})})
    return time.perf_counter() - started


def _without_stamp(command: list[str], env: dict, db: Path) -> float:
    """A build that cannot keep its database as it is (etl/warehouse/stamp.py): every plan's rows come from
    the per-plan cache and the warehouse is written again, as when a correction or a rule changed."""
    db.with_name(db.name + ".stamp.json").unlink(missing_ok=True)
    return _run_seconds(command, env)


def bench_process_ratio(pairs: int, workdir: Path) -> dict:
    """The everyday rebuild (nothing changed: the database is kept, etl/warehouse/stamp.py), the rebuild
    from the per-plan cache (etl/warehouse/cache.py) and the cold one (--no-cache: every plan extracted),
    each against a bare import, run in turn.  The budget applies to the everyday rebuild; the others
    are reported."""
    db = workdir / "ratio.duckdb"
    build = [sys.executable, "-m", "etl", "build", "--db", str(db)]
    cache = {"IPBENCH_PLAN_CACHE": str(workdir / "plan-cache")}
    bare = [sys.executable, "-c", "import duckdb, pandas"]
    _run_seconds(build, cache), _run_seconds(bare)  # warm-up: the OS file cache, .pyc files, the plan cache
    times = [(_run_seconds(build, cache), _run_seconds(build + ["--no-cache"]), _run_seconds(bare))
             for _ in range(pairs)]
    rewrites = [_without_stamp(build, cache, db) for _ in range(pairs)]
    ratios = [warm / b for warm, _, b in times]
    cold_ratios = [cold / b for _, cold, b in times]
    median = statistics.median(ratios)
    return {"pairs": pairs, "build_s": statistics.median(w for w, _, _ in times),
            "cold_build_s": statistics.median(c for _, c, _ in times), "cold_median_ratio": statistics.median(cold_ratios),
            "bare_import_s": statistics.median(b for _, _, b in times), "ratios": ratios, "median_ratio": median,
            "rewrite_s": statistics.median(rewrites),
            "budget_ratio": PROCESS_RATIO_BUDGET, "within_budget": median <= PROCESS_RATIO_BUDGET}


# --- (e) a build of many plans --------------------------------------------------------------

def bench_corpus_build(n_plans: int, runs: int, seed: int, workdir: Path) -> dict:
    import shutil

    from generate_corpus import generate, write

    from etl.warehouse.add import add_plans

    raw = workdir / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw)
    add_plans([write(generate(n_plans, seed=seed), workdir / "plans")], raw_dir=raw, manifest=raw / "sources.yaml",
              progress=False)
    command = [sys.executable, "-m", "etl", "build", "--manifest", str(raw / "sources.yaml"),
               "--db", str(workdir / "corpus.duckdb")]
    times = [_run_seconds(command + ["--no-cache"]) for _ in range(runs)]  # the budget: every plan extracted
    median = statistics.median(times)
    # What a rebuild after a change to one plan or correction costs: the others come from the per-plan cache.
    cache = {"IPBENCH_PLAN_CACHE": str(workdir / "corpus-cache")}
    _run_seconds(command, cache)
    warm = statistics.median(_without_stamp(command, cache, workdir / "corpus.duckdb") for _ in range(runs))
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"plans": n_plans + 4, "runs_s": times, "median_s": median, "cached_median_s": warm,
            "budget_s": CORPUS_BUILD_BUDGET_S,
            "within_budget": median <= CORPUS_BUILD_BUDGET_S, "cpus": os.cpu_count(),
            "children_peak_rss_mib": peak_kib / 1024}


# --- (b) extraction on the synthetic corpus ----------------------------------------------

def bench_extraction(n_plans: int, passes: int, seed: int) -> dict:
    import measure_extraction as scoring
    from generate_corpus import generate

    from etl.warehouse.plan import extract_text

    started = time.perf_counter()
    plans = generate(n_plans, seed=seed)
    generate_s = time.perf_counter() - started
    chars = sum(len(p.text) for p in plans)
    extract_text(plans[0].text, period=plans[0].period)  # warm-up (dictionary, regex caches)

    results = {}

    def one_pass():
        for p in plans:
            results[p.name] = extract_text(p.text, doc_id=p.name, region_zh=p.region_zh, period=p.period)

    median_s, times = _median_seconds(one_pass, passes)
    scores = [scoring.match_rows(p.name, p.targets, scoring.rows_of(results[p.name].targets)) for p in plans]
    overall = scoring.totals(scores)
    not_target_hits = 0
    for p in plans:
        fx = scoring.Fixture(p.name, Path(p.name), p.text, p.spec())
        not_target_hits += len(scoring.not_target_hits(fx, scoring.rows_of(results[p.name].targets)))
    worst = sorted(scores, key=lambda s: s.recall)[:3]
    return {"plans": n_plans, "seed": seed, "chars": chars, "passes": passes, "generate_s": generate_s,
            "median_pass_s": median_s, "pass_times_s": times,
            "plans_per_s": n_plans / median_s, "chars_per_s": chars / median_s,
            "ms_per_plan": 1000 * median_s / n_plans,
            "recall": overall["recall"], "precision": overall["precision"],
            "recall_value_unit": overall["recall_value_unit"],
            "field_accuracy": {k: v for k, v in overall.items() if k.endswith("_accuracy")},
            "expected_targets": overall["expected"], "extracted_rows": overall["extracted"],
            "not_target_hits": not_target_hits,
            "worst_plans": [scoring.describe(s) for s in worst]}


# --- (c) memory -----------------------------------------------------------------------------

def bench_memory(workdir: Path, n_plans: int, seed: int) -> dict:
    from generate_corpus import generate

    import etl.warehouse.steps
    from etl.warehouse.plan import extract_text

    tracemalloc.start()
    etl.warehouse.steps.build(workdir / "mem.duckdb")
    build_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.reset_peak()
    for p in generate(n_plans, seed=seed):
        extract_text(p.text, period=p.period)
    extract_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # Linux: KiB
    return {"build_tracemalloc_peak_mib": build_peak / 2**20,
            "extract_tracemalloc_peak_mib": extract_peak / 2**20, "extract_plans": n_plans,
            "process_max_rss_mib": rss_kib / 1024}


def print_table(result: dict) -> None:
    b, e, m = result.get("build"), result.get("extraction"), result.get("memory")
    d, c = result.get("process"), result.get("corpus_build")
    rows = []
    if d:
        rows += [(f"process: `python -m etl build`, nothing changed (database kept) / bare import, "
                  f"median of {d['pairs']} pairs",
                  f"{d['median_ratio']:.2f}x", f"budget <= {d['budget_ratio']}x ({'OK' if d['within_budget'] else 'OVER'}); "
                  f"{d['build_s']:.2f} s vs {d['bare_import_s']:.2f} s"),
                 ("process: `python -m etl build` rewriting the warehouse from the per-plan cache",
                  f"{d['rewrite_s']:.2f} s", "reported, no budget"),
                 ("process: `python -m etl build --no-cache` (every plan extracted) / bare import",
                  f"{d['cold_median_ratio']:.2f}x", f"reported, no budget; {d['cold_build_s']:.2f} s")]
    if c:
        rows += [(f"corpus: build of {c['plans']} plans, fresh process, median of {len(c['runs_s'])}",
                  f"{c['median_s']:.2f} s", f"budget <= {c['budget_s']:.0f} s on {c['cpus']} cores "
                  f"({'OK' if c['within_budget'] else 'OVER'}); peak RSS {c['children_peak_rss_mib']:.0f} MiB"),
                 (f"corpus: rebuild of {c['plans']} plans from the per-plan cache (warehouse rewritten)",
                  f"{c['cached_median_s']:.2f} s",
                  "reported, no budget")]
    if b:
        rows += [(f"build: median of {b['runs']} in-process builds", f"{b['median_build_s']:.3f} s",
                  f"budget < {b['budget_s']:.1f} s → {b['ratio_to_budget']:.2f}× budget "
                  f"({'OK' if b['within_budget'] else 'OVER'})"),
                 ("build: runs", ", ".join(f"{t:.3f}" for t in b["build_runs_s"]) + " s", ""),
                 ("build: first build (cold caches)", f"{b['first_build_s']:.3f} s", "not counted"),
                 ("build: import etl.warehouse.steps", f"{b['import_s']:.3f} s", "not counted"),
                 ("build: `python -m etl build`, fresh process", f"{b['cli_fresh_process_s']:.3f} s",
                  f"imports included; exit {b['cli_returncode']}"),
                 ("build: targets written", str(b["targets_built"]), "")]
    if e:
        rows += [(f"extract: {e['plans']} synthetic plans, median of {e['passes']}", f"{e['median_pass_s']:.2f} s",
                  f"{e['ms_per_plan']:.1f} ms/plan"),
                 ("extract: throughput", f"{e['plans_per_s']:.0f} plans/s", f"{e['chars_per_s']:,.0f} chars/s"),
                 ("extract: recall / precision (value+unit+comparator)",
                  f"{100 * e['recall']:.1f}% / {100 * e['precision']:.1f}%",
                  f"{e['expected_targets']} expected, {e['extracted_rows']} extracted"),
                 ("extract: recall on value+unit alone", f"{100 * e['recall_value_unit']:.1f}%", ""),
                 ("extract: distractors that came out", str(e["not_target_hits"]), "should be 0")]
        for k, v in e["field_accuracy"].items():
            rows.append((f"extract: {k.replace('_', ' ')}", "-" if v is None else f"{100 * v:.1f}%", "over matched rows"))
    if m:
        rows += [("memory: build, tracemalloc peak", f"{m['build_tracemalloc_peak_mib']:.1f} MiB", ""),
                 (f"memory: extracting {m['extract_plans']} plans, tracemalloc peak",
                  f"{m['extract_tracemalloc_peak_mib']:.1f} MiB", ""),
                 ("memory: process peak RSS", f"{m['process_max_rss_mib']:.0f} MiB", "whole bench process")]
    width = max(len(r[0]) for r in rows)
    for name, value, note in rows:
        print(f"{name:<{width}}  {value:>18}  {note}")
    if e and e["worst_plans"]:
        print("\nLowest-recall synthetic plans:")
        for text in e["worst_plans"]:
            print(text)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=1000, help="synthetic plans for (b)")
    parser.add_argument("--passes", type=int, default=3, help="extraction passes for (b); the median is kept")
    parser.add_argument("--build-runs", type=int, default=7, help="timed builds for (a); the median is kept")
    parser.add_argument("--seed", type=int, default=20240426)
    parser.add_argument("--corpus", type=int, default=1000, help="generated plans for the build of many plans (e)")
    parser.add_argument("--skip", choices=["build", "extraction", "memory", "process", "corpus"], action="append",
                        default=[])
    args = parser.parse_args(argv)

    result = {"python": sys.version.split()[0], "cpus": os.cpu_count(), "when": time.strftime("%Y-%m-%dT%H:%M:%S")}
    with tempfile.TemporaryDirectory(prefix="bench_etl_") as tmp:
        workdir = Path(tmp)
        if "build" not in args.skip:
            result["build"] = bench_build(args.build_runs, workdir)
        if "extraction" not in args.skip:
            result["extraction"] = bench_extraction(args.plans, args.passes, args.seed)
        if "memory" not in args.skip:
            result["memory"] = bench_memory(workdir, min(args.plans, 200), args.seed)
        if "process" not in args.skip:
            result["process"] = bench_process_ratio(7, workdir)
        if "corpus" not in args.skip:
            result["corpus_build"] = bench_corpus_build(args.corpus, 3, args.seed, workdir)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_etl.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    print_table(result)
    print(f"\nJSON: {OUT / 'bench_etl.json'}")
    budgets = [part.get("within_budget", True) for part in (result.get("build", {}), result.get("process", {}),
                                                            result.get("corpus_build", {}))]
    return 0 if all(budgets) else 1


if __name__ == "__main__":
    raise SystemExit(main())
