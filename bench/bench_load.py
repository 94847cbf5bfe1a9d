"""Many readers at once: page time at 4, 12 and 48 protocol-level sessions, one process and several.

    python bench/bench_load.py                              # 4, 12, 48 sessions × 20 s, 1 process vs 2 + nginx
    python bench/bench_load.py --sessions 48 --duration 60 --processes 3 --db /path/to/warehouse.duckdb
    python bench/bench_load.py --think 5      # readers pause 5 s on each page, like people do
    make bench-load

Each simulated reader does what a browser tab does over the wire (deploy/streamlit_client.py):
it takes the proxy's route cookie (GET /), opens the websocket /_stcore/stream, and asks for one
page after another (BackMsg.rerun_script with the page's url path, as the sidebar navigation
does), each time waiting for ForwardMsg.script_finished.  Page time = that round trip: the
server's share of a page view, browser drawing excluded.  Readers start within the first second
and loop until the duration is over; a view started before the end is counted.  By default they
never pause (the worst case): then page time ≈ readers × server CPU per page ÷ cores.

Two setups run side by side, interleaved at each session count so the machine's other load
falls on both: "1 process" (one `streamlit run`, direct, as the issue measured it) and
"N processes + nginx" (deploy.serve.Deployment: read-only processes behind the proxy, each
reader pinned to one by its route cookie).  Everything is on loopback and the benchmark's own
client shares the machine's cores (its CPU time is reported, and the processes' CPU per view).  Budget (issue 13): at 48 sessions p95 ≤ 3 s with several processes.
Results: bench/out/load-<stamp>.json and bench/out/load-latest.json; exit 1 on a missed budget
only with --enforce.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from deploy.serve import Deployment  # noqa: E402
from deploy.streamlit_client import Session, route_cookie  # noqa: E402

OUT_DIR = ROOT / "bench" / "out"
SESSIONS = (4, 12, 48)
# The pages a reader reads (url paths from app.py; "" is the overview at /).  Upload and review
# are forms that only draw until someone acts, so they would flatter the numbers.
PAGES = ("", "compare", "indicator", "profile", "standing", "data", "sources", "instruments", "towns")
BUDGET_SESSIONS, BUDGET_P95_S = 48, 3.0
VIEW_TIMEOUT_S = 120


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (share in 0..1); what p95 means in the report."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 1))  # ceil without float surprises
    return ordered[int(rank) - 1]


async def reader(base_url: str, number: int, pages: tuple[str, ...], start_delay: float, deadline: float,
                 proxied: bool, views: list[dict], think: float = 0.0) -> None:
    """One tab: cookie, websocket, then page after page until the deadline."""
    await asyncio.sleep(start_delay)
    cookie = await asyncio.to_thread(route_cookie, base_url) if proxied else None
    try:
        async with Session(base_url, cookie, timeout=VIEW_TIMEOUT_S) as session:
            step = number  # readers start on different pages, like people do
            while time.monotonic() < deadline:
                page = pages[step % len(pages)]
                step += 1
                view = await session.view(page)
                views.append({"page": page, "seconds": view.seconds, "exceptions": view.exceptions,
                              "status": view.status})
                await asyncio.sleep(think)  # a person reading the page before the next click
    except Exception as error:  # noqa: BLE001 - a failed reader is data
        views.append({"page": None, "seconds": None, "error": f"{type(error).__name__}: {error}"})


async def run_readers(base_url: str, sessions: int, duration: float, pages: tuple[str, ...],
                      proxied: bool, think: float = 0.0) -> list[dict]:
    views: list[dict] = []
    deadline = time.monotonic() + duration
    delays = [i / sessions for i in range(sessions)]  # all arrive within the first second
    await asyncio.gather(*(reader(base_url, i, pages, delays[i], deadline, proxied, views, think)
                           for i in range(sessions)))
    return views


def server_cpu_seconds(deployment: Deployment) -> float | None:
    """CPU time the Streamlit processes have used so far (Linux /proc; None elsewhere).  Per page
    view it is the number that does not depend on what else loads the machine."""
    ticks = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    for process in deployment.backends:
        try:
            fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        total += (int(fields[11]) + int(fields[12])) / ticks  # utime + stime, all threads
    return total


def _access_log(deployment: Deployment) -> Path:
    return deployment.run_dir / "nginx-access.log"


def sessions_per_process(deployment: Deployment, offset: int) -> dict[str, int]:
    """Websockets each process held in this measurement (nginx logs one line per closed websocket):
    first visits are dealt out in turn, so they should split evenly (a random hash did not)."""
    counts = {url.removeprefix("http://"): 0 for url in deployment.backend_urls}
    with open(_access_log(deployment), encoding="utf-8") as log:
        log.seek(offset)
        for line in log:
            match = re.search(r'"GET /_stcore/stream[^"]*" 101 .* upstream=(\S+)', line)
            if match and match.group(1) in counts:
                counts[match.group(1)] += 1
    return counts


def summarise(setup: str, sessions: int, duration: float, views: list[dict], client_cpu: float,
              wall: float, server_cpu: float | None = None) -> dict:
    done = [v for v in views if v.get("seconds") is not None]
    times = [v["seconds"] for v in done]
    by_page = {}
    for page in sorted({v["page"] for v in done}):
        page_times = [v["seconds"] for v in done if v["page"] == page]
        by_page[page or "overview"] = {"views": len(page_times), "p50_s": round(statistics.median(page_times), 3)}
    return {
        "setup": setup, "sessions": sessions, "duration_s": duration, "wall_s": round(wall, 1),
        "views": len(done),
        "p50_s": round(statistics.median(times), 3) if times else None,
        "p95_s": round(percentile(times, 0.95), 3) if times else None,
        "max_s": round(max(times), 3) if times else None,
        "views_per_s": round(len(done) / wall, 2) if wall else None,
        "pages_with_exception": sum(1 for v in done if v["exceptions"]),
        "exceptions": _exception_counts(done),
        "not_finished": sum(1 for v in done if v["status"] != "finished"),
        "failed_readers": [v["error"] for v in views if v.get("error")],
        "client_cpu_s": round(client_cpu, 1),
        "server_cpu_s": round(server_cpu, 1) if server_cpu is not None else None,
        "server_cpu_per_view_s": round(server_cpu / len(done), 3) if server_cpu is not None and done else None,
        "by_page": by_page,
    }


def _exception_counts(views: list[dict]) -> dict[str, int]:
    """'page: first line of the exception' → how many views raised it (a page that crashed under load)."""
    counts: dict[str, int] = {}
    for view in views:
        for message in view["exceptions"]:
            key = f"{view['page'] or 'overview'}: {message.splitlines()[0][:200]}"
            counts[key] = counts.get(key, 0) + 1
    return counts


def measure(deployment: Deployment, setup: str, sessions: int, duration: float, pages: tuple[str, ...],
            think: float = 0.0) -> dict:
    cpu, wall, server = time.process_time(), time.monotonic(), server_cpu_seconds(deployment)
    log_offset = _access_log(deployment).stat().st_size if deployment.proxy else 0
    views = asyncio.run(run_readers(deployment.url, sessions, duration, pages, deployment.proxy, think))
    server_after = server_cpu_seconds(deployment)
    server_used = server_after - server if server is not None and server_after is not None else None
    row = summarise(setup, sessions, duration, views, time.process_time() - cpu, time.monotonic() - wall,
                    server_used)
    if deployment.proxy:
        row["sessions_per_process"] = sessions_per_process(deployment, log_offset)
    print(f"{setup:>22} · {sessions:>2} sessions: {row['views']:>4} views, p50 {row['p50_s']} s, "
          f"p95 {row['p95_s']} s, max {row['max_s']} s, server CPU/view {row['server_cpu_per_view_s']} s, "
          f"exceptions {row['pages_with_exception']}, "
          f"websockets per process {sorted(row.get('sessions_per_process', {}).values()) or '-'}, "
          f"failed readers {len(row['failed_readers'])}", flush=True)
    return row


def warm_up(deployment: Deployment, pages: tuple[str, ...]) -> None:
    """Every page once in every process, so the first measured views do not pay the cold caches
    (the first reader after a restart does; bench/bench_scale.py measures that)."""
    for backend in deployment.backend_urls:
        asyncio.run(_all_pages(backend, pages))


async def _all_pages(base_url: str, pages: tuple[str, ...]) -> None:
    async with Session(base_url, timeout=VIEW_TIMEOUT_S) as session:
        for page in pages:
            await session.view(page)


def fresh_warehouse(folder: Path) -> Path:
    """Build data/raw's plans into folder, in a child process like `make db` (the ETL's own CLI)."""
    path = folder / "warehouse.duckdb"
    subprocess.run([sys.executable, "-m", "etl", "build", "--db", str(path)], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, nargs="*", default=list(SESSIONS), help="concurrent readers")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds each measurement lasts (default 20)")
    parser.add_argument("--processes", type=int, default=os.cpu_count() or 2,
                        help="processes behind nginx (default: one per core)")
    parser.add_argument("--db", type=Path, help="a built warehouse to serve (default: a fresh build of data/raw "
                        "in a temp folder, so a stale data/warehouse.duckdb never skews the numbers)")
    parser.add_argument("--think", type=float, default=0.0,
                        help="seconds a reader pauses after each page (default 0: back-to-back, the worst case)")
    parser.add_argument("--pages", nargs="*", help="url paths (default: the nine reading pages; '' = overview)")
    parser.add_argument("--enforce", action="store_true", help=f"exit 1 when p95 > {BUDGET_P95_S} s at {BUDGET_SESSIONS}")
    args = parser.parse_args(argv)
    pages = tuple(args.pages) if args.pages is not None else PAGES
    several = f"{args.processes} processes + nginx"
    started = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="ipbench-load-") as folder:
        args.db_given = args.db is not None
        args.db = args.db or fresh_warehouse(Path(folder))
        rows = run_all(args, pages, several, Path(folder))
    report = _report(args, pages, rows, started, load_before, several)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for path in (OUT_DIR / f"load-{started}.json", OUT_DIR / "load-latest.json"):
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    budget = report["budget"]
    verdict = "not measured" if budget["p95_s"] is None else ("met" if budget["met"] else "NOT met")
    print(f"budget: p95 at {BUDGET_SESSIONS} sessions with {several} = {budget['p95_s']} s "
          f"(≤ {BUDGET_P95_S} s: {verdict}); written to {OUT_DIR / 'load-latest.json'}")
    return 1 if args.enforce and not report["budget"]["met"] else 0


def run_all(args, pages: tuple[str, ...], several: str, folder: Path) -> list[dict]:
    """Both setups started once, each in its own run folder (logs) inside the benchmark's temp folder."""
    (folder / "single").mkdir()
    (folder / "several").mkdir()
    rows = []
    with (Deployment(1, args.db, proxy=False, run_dir=folder / "single") as single,
          Deployment(args.processes, args.db, run_dir=folder / "several") as multi):
        warm_up(single, pages)
        warm_up(multi, pages)
        for sessions in args.sessions:  # interleaved: both setups see the same moment's background load
            rows.append(measure(single, "1 process", sessions, args.duration, pages, args.think))
            rows.append(measure(multi, several, sessions, args.duration, pages, args.think))
    return rows


def _report(args, pages, rows, started, load_before, several) -> dict:
    budget_row = next((r for r in rows if r["setup"] == several and r["sessions"] == BUDGET_SESSIONS), None)
    p95 = budget_row["p95_s"] if budget_row else None
    return {
        "measured_at": started,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in os.getloadavg()],
                    "note": "loopback; the client runs on the same cores; other sessions may load the machine"},
        "db": str(args.db) if args.db_given else "a fresh build of data/raw", "pages": [p or "overview" for p in pages], "duration_s": args.duration,
        "think_s": args.think, "processes": args.processes,
        "budget": {"sessions": BUDGET_SESSIONS, "p95_limit_s": BUDGET_P95_S, "setup": several, "p95_s": p95,
                   "met": p95 is not None and p95 <= BUDGET_P95_S},
        "results": rows,
    }


if __name__ == "__main__":
    sys.exit(main())
