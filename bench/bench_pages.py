"""Page-cost benchmark: how long a script rerun of each dashboard page takes, against a reference.

Every interaction in Streamlit reruns the page script, so a page's rerun time is what a reader
waits for after each click. Each page in pages/ is run through `app.py` (so the shared sidebar and
navigation are included, as in the real app) with streamlit.testing.v1.AppTest, which runs the
script in this process without a browser. bench/reference_page.py (one plotly bar chart and one
dataframe from in-memory data) is timed the same way in the same run, interleaved with the pages,
so the machine's load affects both alike. Budgets (issue 23): a page's median ≤ 2 × the reference's
median on the four seed plans (this script, on data/warehouse.duckdb), ≤ 3 × at 1,000 regions
(bench/bench_scale.py); every page is reported against both.

    python bench/bench_pages.py [--reruns 20] [--budget 2.0] [--pages compare data]

Exit status 1 when a page is over budget or fails to run; results go to bench/out/.

How AppTest reaches a page of an st.navigation app (streamlit 1.67): run app.py once, then
`switch_page("pages/x.py")` maps the file to the page registered by st.navigation; later `run()`
calls rerun that page.

AppTest compiles app.py and the page afresh on every run (a new ScriptCache each time); a server
compiles each script once per process.  Compiling is not what a reader waits for after a click
(pages/upload.py alone took ~45 ms to parse, add Streamlit's magic and compile, on a loaded machine),
so the runs share one cache of compiled scripts here (share_compiled_scripts), as in the server.

The upload page is also measured with a plan loaded ("upload.py+plan": the largest plan in
data/raw uploaded through AppTest's file_uploader), since its empty state costs next to nothing.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
APP_SCRIPT = REPO_ROOT / "app.py"
REFERENCE_SCRIPT = REPO_ROOT / "bench" / "reference_page.py"
OUT_DIR = REPO_ROOT / "bench" / "out"
REFERENCE = "reference"
# The first run may build the warehouse from data/raw (as `streamlit run app.py` does on a fresh
# host); later runs hit the caches and take well under a second.
FIRST_RUN_TIMEOUT_S = 300
RERUN_TIMEOUT_S = 60
UPLOAD_PAGE = "upload"
WITH_PLAN = "+plan"
# Issue 23: rerun cost / the reference page's, by the regions in the warehouse.
BUDGET_SEED = 2.0       # the four seed plans (and a few more)
BUDGET_AT_SCALE = 3.0   # 1,000 regions
SEED_REGIONS_AT_MOST = 5


def budget_for(regions: int | None) -> float | None:
    """The budget a warehouse of `regions` regions is held to: 2x on the seed plans, 3x at 1,000;
    sizes between are reported but not held to either (None)."""
    if regions is None or regions <= SEED_REGIONS_AT_MOST:
        return BUDGET_SEED
    return BUDGET_AT_SCALE if regions >= 1000 else None


def share_compiled_scripts() -> None:
    """Every ScriptCache AppTest makes shares one dict of compiled scripts, as a server's one cache does."""
    from streamlit.runtime.scriptrunner import script_cache

    if getattr(script_cache.ScriptCache, "_bench_shared", None) is not None:
        return
    shared: dict = {}
    original = script_cache.ScriptCache.__init__

    def init(self) -> None:
        original(self)
        self._cache = shared

    script_cache.ScriptCache.__init__ = init
    script_cache.ScriptCache._bench_shared = shared


def page_files(names: list[str] | None) -> list[Path]:
    files = sorted(p for p in (REPO_ROOT / "pages").glob("*.py") if not p.name.startswith("_"))
    if names:
        files = [p for p in files if p.stem in names]
    return files


def problems(app_test) -> list[str]:
    """Exceptions and st.error boxes of the last run (a page that fails is not measured)."""
    found = [f"exception: {e.value}" for e in app_test.exception]
    found += [f"st.error: {e.value}" for e in app_test.error]
    return found


def largest_raw_plan() -> Path:
    plans = [p for p in (REPO_ROOT / "data" / "raw").iterdir() if p.suffix in (".txt", ".docx", ".pdf")]
    return max(plans, key=lambda p: p.stat().st_size)


def open_page(page: Path, with_plan: bool = False):
    """An AppTest positioned on `page` after one warm-up run (caches filled).

    with_plan: upload the largest raw plan first (for the upload page), so the reruns measured
    are those of a reader checking an uploaded plan's targets.
    """
    from streamlit.testing.v1 import AppTest

    if page == REFERENCE_SCRIPT:
        app_test = AppTest.from_file(str(page), default_timeout=RERUN_TIMEOUT_S)
        app_test.run(timeout=FIRST_RUN_TIMEOUT_S)
    else:
        app_test = AppTest.from_file(str(APP_SCRIPT), default_timeout=RERUN_TIMEOUT_S)
        app_test.run(timeout=FIRST_RUN_TIMEOUT_S)  # registers the st.navigation pages
        app_test.switch_page(str(page.relative_to(APP_SCRIPT.parent)))
        app_test.run()
        if with_plan:
            plan = largest_raw_plan()
            app_test.file_uploader[0].upload(plan.name, plan.read_bytes(), "text/plain")
            app_test.run(timeout=FIRST_RUN_TIMEOUT_S)  # reads the plan once; reruns reuse it
    return app_test


def timed_rerun(app_test) -> float:
    started = time.perf_counter()
    app_test.run()
    return (time.perf_counter() - started) * 1000


def measure(pages: list[Path], reruns: int) -> tuple[dict[str, list[float]], dict[str, list[str]]]:
    """Rerun times in ms per page name; pages that failed to run, with what went wrong."""
    share_compiled_scripts()
    subjects = {REFERENCE: REFERENCE_SCRIPT} | {p.stem: p for p in pages}
    if UPLOAD_PAGE in subjects:
        subjects[UPLOAD_PAGE + WITH_PLAN] = subjects[UPLOAD_PAGE]
    app_tests, failures = {}, {}
    for name, script in subjects.items():
        try:
            app_test = open_page(script, with_plan=name.endswith(WITH_PLAN))
        except Exception as error:  # report every page, not just the first broken one
            failures[name] = [f"{type(error).__name__}: {error}"]
            continue
        if problems(app_test):
            failures[name] = problems(app_test)
            continue
        app_tests[name] = app_test
    if REFERENCE in failures:
        raise SystemExit(f"the reference page failed: {failures[REFERENCE]}")

    samples: dict[str, list[float]] = {name: [] for name in app_tests}
    for _ in range(reruns):  # round-robin, so a burst of load on the machine hits all alike
        for name, app_test in app_tests.items():
            samples[name].append(timed_rerun(app_test))
    for name, app_test in app_tests.items():
        if problems(app_test):
            failures[name] = problems(app_test)
            del samples[name]
    return samples, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reruns", type=int, default=20, help="timed reruns per page (default 20)")
    parser.add_argument("--budget", type=float, default=BUDGET_SEED,
                        help=f"allowed page median / reference median (default {BUDGET_SEED:g}, the seed plans')")
    parser.add_argument("--pages", nargs="*", help="page file stems to measure (default: all)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(REPO_ROOT))  # app.py imports dashboard/ and etl/ from the repository
    pages = page_files(args.pages)
    if not pages:
        print("no page files found in pages/", file=sys.stderr)
        return 1
    samples, failures = measure(pages, args.reruns)

    reference_ms = statistics.median(samples[REFERENCE])
    results = []
    for name in samples:
        if name == REFERENCE:
            continue
        median_ms = statistics.median(samples[name])
        results.append({
            "page": f"pages/{name.replace(WITH_PLAN, '.py' + WITH_PLAN) if WITH_PLAN in name else name + '.py'}",
            "median_ms": round(median_ms, 1),
            "p90_ms": round(statistics.quantiles(samples[name], n=10)[-1], 1),
            "reference_median_ms": round(reference_ms, 1),
            "ratio": round(median_ms / reference_ms, 2),
            "within_budget": median_ms <= args.budget * reference_ms,
            f"within_{BUDGET_AT_SCALE:g}x": median_ms <= BUDGET_AT_SCALE * reference_ms,
        })

    print(f"page rerun cost (median of {args.reruns} reruns after a warm-up; "
          f"budget ≤ {args.budget:g} × reference; the 1,000-region budget {BUDGET_AT_SCALE:g}× shown beside it)")
    print(f"{'page':<24}{'median ms':>10}{'p90 ms':>9}{'ref ms':>9}{'ratio':>8}  "
          f"{f'≤{args.budget:g}x':<12}{f'≤{BUDGET_AT_SCALE:g}x'}")
    for row in results:
        verdict = "ok" if row["within_budget"] else "OVER BUDGET"
        wide = "ok" if row[f"within_{BUDGET_AT_SCALE:g}x"] else "OVER"
        print(f"{row['page']:<24}{row['median_ms']:>10.1f}{row['p90_ms']:>9.1f}"
              f"{row['reference_median_ms']:>9.1f}{row['ratio']:>8.2f}  {verdict:<12}{wide}")
    for name, messages in failures.items():
        print(f"pages/{name} FAILED TO RUN: {'; '.join(m[:300] for m in messages)}")

    OUT_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "measured_at": stamp, "python": platform.python_version(), "reruns": args.reruns,
        "budget_ratio": args.budget, "reference": "bench/reference_page.py",
        "reference_median_ms": round(reference_ms, 1), "pages": results, "failures": failures,
        "samples_ms": {name: [round(s, 2) for s in values] for name, values in samples.items()},
    }
    for path in (OUT_DIR / f"pages-{stamp}.json", OUT_DIR / "pages-latest.json"):
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"results: {OUT_DIR.relative_to(REPO_ROOT)}/pages-latest.json")

    over = [row["page"] for row in results if not row["within_budget"]]
    if over:
        print(f"over budget: {', '.join(over)}", file=sys.stderr)
    if failures:
        print(f"failed to run: {', '.join(failures)}", file=sys.stderr)
    return 1 if over or failures else 0


if __name__ == "__main__":
    sys.exit(main())
