"""The multi-process deployment (deploy/): nginx's config is valid, pages load through the proxy,
and the route cookie keeps one reader on one process while spreading readers over all of them.

The end-to-end tests start two read-only Streamlit processes and nginx on free loopback ports
(deploy.serve.Deployment, the launcher's own code) over the session's freshly built warehouse.
Without nginx they skip and say how to install it; with REQUIRE_BROWSER=1 (CI) they fail instead.
"""

from __future__ import annotations

import hashlib
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
import yaml

from dashboard.i18n import t
from deploy.serve import Deployment, check_nginx_conf, find_nginx, free_port, render_site, write_nginx_conf
from deploy.streamlit_client import ROUTE_COOKIE, Session, route_cookie, run_blocking, view_once
from etl.base.paths import MANIFEST
from etl.warehouse.add import add_plans

REPO_ROOT = Path(__file__).resolve().parent.parent
FRESH_PLAN = REPO_ROOT / "tests" / "fixtures" / "formats" / "fresh_plan.txt"
NGINX_MISSING = "nginx not installed: the deployment tests need it (Debian: apt-get install nginx)"


@pytest.fixture(scope="module")
def nginx() -> str:
    path = find_nginx()
    if path:
        return path
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"REQUIRE_BROWSER=1 but {NGINX_MISSING}", pytrace=False)
    pytest.skip(NGINX_MISSING)


@pytest.fixture(scope="module")
def served_warehouse(warehouse_path: Path, tmp_path_factory) -> Path:
    """A copy of the session's warehouse: the rebuild test adds a plan to it while it is served."""
    copy = tmp_path_factory.mktemp("served") / "warehouse.duckdb"
    shutil.copyfile(warehouse_path, copy)
    return copy


def _region_count_line(regions: int) -> str:
    return t("peers_summary", "zh", n=regions, preset="").split(" · ")[0]  # "对比范围：N 个地区"


@pytest.fixture(scope="module")
def deployment(nginx: str, served_warehouse: Path, tmp_path_factory):
    with Deployment(2, served_warehouse, run_dir=tmp_path_factory.mktemp("serve"), nginx=nginx) as running:
        yield running


def _served_by(deployment: Deployment) -> dict[str, set[str]]:
    """route cookie → the processes nginx sent it to, from the access log (route= upstream=)."""
    routes: dict[str, set[str]] = {}
    log = (deployment.run_dir / "nginx-access.log").read_text(encoding="utf-8")
    for route, upstream in re.findall(r"route=(\S+) upstream=(\S+)", log):
        if route != "-":  # a first visit, before it had a cookie
            routes.setdefault(route, set()).add(upstream)
    return routes


def _health_with_cookie(url: str, cookie: str) -> None:
    request = urllib.request.Request(f"{url}/_stcore/health", headers={"Cookie": f"{ROUTE_COOKIE}={cookie}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.read() == b"ok"


def test_site_config_pins_each_route_to_its_process_and_upgrades_the_websocket():
    site = render_site("127.0.0.1:8080", [8511, 8512, 8513], "/tmp/access.log")
    assert "@@" not in site
    first_visits = site.split("upstream ipbench_new {", 1)[1].split("}", 1)[0]
    assert re.findall(r"server 127\.0\.0\.1:(\d+)", first_visits) == ["8511", "8512", "8513"]
    for route, port in (("p1", 8511), ("p2", 8512), ("p3", 8513)):
        assert f"    {route} ipbench_{route};" in site  # the cookie names a group …
        group = site.split(f"upstream ipbench_{route} {{", 1)[1].split("}", 1)[0]
        assert f"server 127.0.0.1:{port} max_fails" in group  # … whose first server is that process
        assert group.count("backup;") == 2  # and the others stand in when it is down
    stream = site.split("location /_stcore/stream", 1)[1]
    assert "proxy_set_header Upgrade $http_upgrade;" in stream
    assert int(re.search(r"client_max_body_size (\d+)m", site).group(1)) > 20  # a 20 MB upload plus its form fields


def test_rendered_nginx_config_passes_nginx_t(nginx, tmp_path):
    conf = write_nginx_conf(tmp_path, f"127.0.0.1:{free_port()}", [free_port(), free_port()])
    check = check_nginx_conf(nginx, conf)
    assert check.returncode == 0, check.stderr
    assert "syntax is ok" in check.stderr


def test_page_through_the_proxy_finishes_without_exception(deployment):
    cookie = route_cookie(deployment.url)
    assert cookie, "nginx set no route cookie on the first response"
    for page in ("", "compare"):
        view = view_once(deployment.url, page, cookie=cookie)
        assert view.status == "finished"
        assert view.exceptions == []
        assert view.elements > 5  # drew a page, not an empty shell


def test_one_reader_stays_on_one_process_and_readers_spread_over_all(deployment):
    cookies = [route_cookie(deployment.url) for _ in range(8)]
    assert sorted(cookies) == ["p1"] * 4 + ["p2"] * 4  # first visits dealt out evenly
    for cookie in cookies:
        for _ in range(3):
            _health_with_cookie(deployment.url, cookie)
    view_once(deployment.url, "indicator", cookie=cookies[0])  # the websocket follows its cookie too
    served = _served_by(deployment)
    assert len(served["p1"]) == len(served["p2"]) == 1, served
    assert served["p1"] | served["p2"] == {url.removeprefix("http://") for url in deployment.backend_urls}


def test_a_cookie_naming_no_process_counts_as_a_first_visit(deployment):
    for forged in ("127.0.0.1:22", "ipbench_p1", "p9"):
        request = urllib.request.Request(f"{deployment.url}/_stcore/health",
                                         headers={"Cookie": f"{ROUTE_COOKIE}={forged}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.read() == b"ok"
            routes = [c for c in response.headers.get_all("Set-Cookie") if c.startswith(ROUTE_COOKIE + "=")]
            assert len(routes) == 1 and re.match(rf"{ROUTE_COOKIE}=p[12];", routes[0])


def test_reconnecting_reader_gets_its_session_back(deployment):
    """What stickiness is for: a tab whose websocket dropped resumes its session (widgets, upload)
    only if it reaches the same process again."""
    cookie = route_cookie(deployment.url)

    async def session_ids() -> tuple[str, str]:
        async with Session(deployment.url, cookie) as first:
            before = (await first.view("")).session_id
        async with Session(deployment.url, cookie, resume_session_id=before) as again:
            after = (await again.view("")).session_id
        return before, after

    before, after = run_blocking(session_ids())
    assert before and after == before


def test_readers_of_a_process_that_died_are_served_by_another(nginx, served_warehouse, tmp_path):
    with Deployment(2, served_warehouse, run_dir=tmp_path, nginx=nginx) as running:
        cookie = route_cookie(running.url)
        assert view_once(running.url, "", cookie=cookie).status == "finished"
        dead = running.backends[int(cookie.removeprefix("p")) - 1]
        os.killpg(dead.pid, signal.SIGTERM)
        dead.wait(timeout=30)
        view = view_once(running.url, "compare", cookie=cookie)
        assert view.status == "finished" and view.exceptions == []


def _pids(run_dir: Path) -> list[int]:
    return [int(line.split()[1]) for line in (run_dir / "processes.txt").read_text().splitlines()]


def _next_line(process: subprocess.Popen, timeout: float = 120) -> str:
    """The launcher's next line of output, or "" when it says nothing for `timeout` seconds."""
    ready, _, _ = select.select([process.stdout], [], [], timeout)
    return process.stdout.readline() if ready else ""


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_launcher_restarts_a_dead_process_and_stops_everything_on_sigterm(nginx, served_warehouse, tmp_path):
    port = free_port()
    launcher = subprocess.Popen(
        [sys.executable, "-m", "deploy.serve", "--processes", "2", "--port", str(port), "--first-backend-port", "0",
         "--db", str(served_warehouse), "--run-dir", str(tmp_path)],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    started = []
    try:
        assert "serving" in _next_line(launcher)
        started = _pids(tmp_path)
        os.kill(started[0], signal.SIGTERM)
        assert "restarted the process" in _next_line(launcher)
        started += _pids(tmp_path)
        assert view_once(f"http://127.0.0.1:{port}", "", cookie="p1").status == "finished"
        launcher.send_signal(signal.SIGTERM)
        assert launcher.wait(timeout=60) == 0
    finally:
        if launcher.poll() is None:
            launcher.kill()
            launcher.wait()
    assert len(set(started)) == 3 and all(_gone(pid) for pid in started)


def test_processes_serve_read_only_and_leave_the_warehouse_untouched(deployment, served_warehouse):
    digest = hashlib.sha256(served_warehouse.read_bytes()).hexdigest()
    view = view_once(deployment.url, "review", cookie=route_cookie(deployment.url))
    assert view.exceptions == []
    assert any(t("review_read_only", "zh") in text for text in view.texts)  # the form is refused, saying why
    assert hashlib.sha256(served_warehouse.read_bytes()).hexdigest() == digest


def test_a_plan_added_while_serving_reaches_every_process(deployment, served_warehouse, tmp_path):
    """How a department updates the data: `etl add` (or `etl build`) rebuilds beside the served
    file and renames over it; every process re-attaches on its next query, nobody restarts."""
    cookies = [route_cookie(deployment.url) for _ in range(8)]
    regions = len(yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))["sources"])
    for cookie in cookies:
        view = view_once(deployment.url, "", cookie=cookie)
        assert view.exceptions == [] and any(_region_count_line(regions) in text for text in view.texts)
    store = tmp_path / "raw"
    shutil.copytree(MANIFEST.parent, store)  # the department's own plan store, not the repository's
    summary = add_plans([FRESH_PLAN], region_zh="岚川县", raw_dir=store, manifest=store / "sources.yaml",
                        db_path=served_warehouse, jobs=1, progress=False)
    assert summary.outcomes[0].status == "added"
    every = _region_count_line(regions + 1)
    for cookie in cookies:
        view = view_once(deployment.url, "", cookie=cookie)
        assert view.status == "finished" and view.exceptions == []
        assert any(every in text for text in view.texts), "a process kept serving the replaced warehouse"
    served = _served_by(deployment)
    assert len(set().union(*(served[c] for c in cookies))) == 2  # both processes saw the swap
