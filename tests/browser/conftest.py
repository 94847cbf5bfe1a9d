"""Fixtures for the browser tests: one Streamlit server and one headless Chromium per session.

The server is the real app (`streamlit run app.py`) on a free loopback port, so these tests see
what a person sees: the page as rendered by the browser, fonts included. Starting Streamlit costs
seconds, so every test shares the one server; each test gets a fresh browser context (no shared
cookies or downloads between tests).

Environment:
  REQUIRE_BROWSER=1      a missing Chromium or CJK font fails the run instead of skipping (CI).
  BROWSER_TEST_APP_DIR   run the app found in this folder instead of the repository's (used to
                         try the harness on a small throwaway app).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_ROOT / "tests" / "artifacts"
CHROMIUM_PATH = "/usr/bin/chromium"
# Playwright cannot download its own browser here, so we drive Debian's Chromium. These flags keep
# it from reaching the network on its own and make it work as root inside a container.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIP_MESSAGE = (
    "browser tests skipped: Debian chromium and fonts-noto-cjk not installed — run "
    "`sudo make browser-deps` (apt-get install chromium fonts-noto-cjk)"
)
SERVER_START_TIMEOUT_S = 90
# Lines the tests want a reader to see even when they pass (measured timings).
_SUMMARY_LINES: list[str] = []


def _has_cjk_font() -> bool:
    if shutil.which("fc-list") is None:
        return False
    listing = subprocess.run(["fc-list"], capture_output=True, text=True, check=False).stdout
    return any("noto" in line.lower() and "cjk" in line.lower() for line in listing.splitlines())


def _missing_browser_deps() -> list[str]:
    missing = []
    if not os.access(CHROMIUM_PATH, os.X_OK):
        missing.append(f"{CHROMIUM_PATH} (Debian package chromium)")
    if not _has_cjk_font():
        missing.append("a Noto CJK font (Debian package fonts-noto-cjk)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package (requirements-dev.txt)")
    return missing


@pytest.fixture(scope="session")
def browser_deps() -> None:
    """Skip (or, with REQUIRE_BROWSER=1, fail) when the browser or the CJK font is missing."""
    missing = _missing_browser_deps()
    if not missing:
        return
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(
            "REQUIRE_BROWSER=1 but the browser tests cannot run; missing: "
            + "; ".join(missing)
            + ". Install with `sudo make browser-deps` (apt-get install chromium fonts-noto-cjk).",
            pytrace=False,
        )
    pytest.skip(SKIP_MESSAGE)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _health_ok(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
            return response.status == 200 and response.read().decode().strip() == "ok"
    except OSError:
        return False


def _log_tail(log_path: Path, lines: int = 40) -> str:
    text = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
    return "\n".join(text.splitlines()[-lines:])


def _stop_process_group(process: subprocess.Popen) -> None:
    """Stop Streamlit and anything it started (it runs in its own process group)."""
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


@pytest.fixture(scope="session")
def app_dir() -> Path:
    return Path(os.environ.get("BROWSER_TEST_APP_DIR", REPO_ROOT)).resolve()


@pytest.fixture(scope="session")
def app_server(browser_deps, app_dir: Path, tmp_path_factory) -> str:
    """Start `streamlit run app.py` once for the session; yield its base URL.

    Unless IPBENCH_DB is set, the app gets a path where no database exists yet, so the first page
    load exercises what a fresh host does (the app builds its warehouse from data/raw) and the
    tests never read or change the developer's data/warehouse.duckdb.
    """
    env = dict(os.environ)
    env.setdefault("IPBENCH_DB", str(tmp_path_factory.mktemp("browser-db") / "warehouse.duckdb"))
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    log_path = ARTIFACTS_DIR / "streamlit-server.log"
    command = [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.address", "127.0.0.1",
        "--server.port", str(port),
        "--browser.gatherUsageStats", "false",
        # The file watcher costs CPU on a shared 2-core machine and nothing here edits files.
        "--server.fileWatcherType", "none",
    ]
    with open(log_path, "w", encoding="utf-8") as log_file:
        process = subprocess.Popen(
            command, cwd=app_dir, env=env, stdout=log_file, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while not _health_ok(base_url):
            if process.poll() is not None:
                pytest.fail(
                    f"streamlit exited with code {process.returncode} before it was healthy.\n"
                    f"Log ({log_path}):\n{_log_tail(log_path)}",
                    pytrace=False,
                )
            if time.monotonic() > deadline:
                pytest.fail(
                    f"streamlit not healthy at {base_url}/_stcore/health after "
                    f"{SERVER_START_TIMEOUT_S} s.\nLog ({log_path}):\n{_log_tail(log_path)}",
                    pytrace=False,
                )
            time.sleep(0.3)
        yield base_url
    finally:
        _stop_process_group(process)


@pytest.fixture(scope="session")
def browser(browser_deps):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture()
def page(browser):
    """A fresh 1280×720 tab that accepts downloads; closed after the test."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 720}, accept_downloads=True, locale="zh-CN"
    )
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    folder = ARTIFACTS_DIR / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for old_png in folder.glob("*.png"):  # a page that was renamed must not leave a stale picture
        old_png.unlink()
    return folder


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    ARTIFACTS_DIR.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS_DIR


@pytest.fixture(scope="session")
def report_line():
    """Append a line to the summary printed at the end of the run (pytest hides passing output)."""
    return _SUMMARY_LINES.append


def pytest_terminal_summary(terminalreporter):
    if _SUMMARY_LINES:
        terminalreporter.section("browser timings")
        for line in _SUMMARY_LINES:
            terminalreporter.write_line(line)
