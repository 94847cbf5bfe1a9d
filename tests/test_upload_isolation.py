"""An uploaded file is read in a child process (dashboard.upload_worker): the same targets as
reading it in the server, a time and a memory limit that kill the child and say so, a PlanError
that reaches the page as its message, and other sessions that keep their speed meanwhile.

Slow and failing readings are made with builtins (time.sleep, bytearray, int) or with
tests/upload_hooks.py: whatever the child runs must be importable by name.
"""

from __future__ import annotations

import hashlib
import os
import signal
import statistics
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import upload as up
from dashboard import upload_worker as worker
from dashboard.safe_text import md
from tests import upload_hooks
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
FORMATS = ROOT / "tests" / "fixtures" / "formats"
BAD = ROOT / "tests" / "fixtures" / "bad"
LIMIT = 20 * 1024 * 1024
QUICK = worker.Limits(seconds=30, memory_mb=512)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


# --- the worker ------------------------------------------------------------------------------------

def test_the_child_reads_the_same_targets_as_the_server_would():
    data = (FORMATS / "plan.docx").read_bytes()
    outcome = worker.run_isolated(worker.read_uploaded, (data, "plan.docx", LIMIT), QUICK)
    assert outcome.status == worker.OK, outcome
    here = up.read_plan(data, "plan.docx", max_bytes=LIMIT)
    pd.testing.assert_frame_equal(outcome.value.targets, here.targets)
    pd.testing.assert_frame_equal(outcome.value.extraction.skipped, here.extraction.skipped)
    assert (outcome.value.title, outcome.value.region_guess, outcome.value.sha256) == (
        here.title, here.region_guess, here.sha256)


def test_a_plan_error_in_the_child_reaches_the_caller_as_its_message():
    outcome = worker.run_isolated(worker.read_uploaded, ((BAD / "empty.txt").read_bytes(), "empty.txt", LIMIT), QUICK)
    assert (outcome.status, outcome.message) == (worker.REFUSED, "the file is empty")
    notice = (BAD / "meeting_notice.txt").read_bytes()
    outcome = worker.run_isolated(worker.read_uploaded, (notice, "meeting_notice.txt", LIMIT), QUICK)
    assert outcome.status == worker.REFUSED and outcome.message.startswith("no targets found")


def test_a_reading_over_the_time_limit_is_killed_and_reported():
    job = worker.Job(time.sleep, (120,), worker.Limits(seconds=1.5))
    outcome = job.wait(step=0.1)
    assert outcome.status == worker.TIMEOUT
    assert 1.5 <= job.elapsed < 6
    assert gone(job.pid)


def test_a_child_nobody_waits_for_still_stops_at_its_time_limit():
    # The page that started it went away (tab closed): the child's own alarm ends it.
    job = worker.Job(time.sleep, (120,), worker.Limits(seconds=1))
    deadline = time.monotonic() + 10
    while job._process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    assert job._process.returncode == -signal.SIGALRM
    assert job.poll().status == worker.TIMEOUT


def test_a_reading_over_the_memory_limit_is_reported():
    small = worker.Limits(seconds=30, memory_mb=64)
    assert worker.run_isolated(bytearray, (1024 ** 3,), small).status == worker.MEMORY
    within = worker.run_isolated(bytearray, (16 * 1024 ** 2,), small)  # the limit is on top of the libraries
    assert within.ok and len(within.value) == 16 * 1024 ** 2


def test_cancelling_kills_the_child():
    job = worker.Job(time.sleep, (120,), QUICK)
    assert job.poll(0.2) is None
    assert job.cancel().status == worker.CANCELLED
    assert gone(job.pid)
    assert job.poll().status == worker.CANCELLED  # settled: later polls say the same


def test_any_other_failure_is_a_message_not_a_traceback():
    assert worker.run_isolated(int, ("x",), QUICK).message == "ValueError: invalid literal for int() with base 10: 'x'"
    died = worker.run_isolated(os._exit, (3,), QUICK)
    assert (died.status, died.message) == (worker.CRASHED, "3")


def test_no_process_to_be_had_is_an_outcome_too(monkeypatch):
    def no_fork(*args, **kwargs):
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(worker.subprocess, "Popen", no_fork)
    job = worker.Job(time.sleep, (1,), QUICK)
    assert job.poll().status == worker.ERROR and "Resource temporarily unavailable" in job.outcome.message
    assert job.cancel().status == worker.ERROR and job.pid is None


def test_limits_come_from_the_environment_with_defaults_for_bad_values():
    assert worker.Limits.from_env({}) == worker.Limits(worker.DEFAULT_SECONDS, worker.DEFAULT_MEMORY_MB)
    assert worker.Limits.from_env({worker.TIMEOUT_ENV: "12.5", worker.MEMORY_ENV: "300"}) == worker.Limits(12.5, 300)
    assert worker.Limits.from_env({worker.TIMEOUT_ENV: "-1", worker.MEMORY_ENV: "lots"}) == worker.Limits(
        worker.DEFAULT_SECONDS, worker.DEFAULT_MEMORY_MB)


def test_the_worker_module_imports_neither_streamlit_nor_pandas():
    code = "import sys, dashboard.upload_worker; print(sorted({'streamlit', 'pandas'} & set(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- other sessions meanwhile ----------------------------------------------------------------------

def rerun_seconds(at: AppTest, times: int) -> list[float]:
    seconds = []
    for _ in range(times):
        start = time.perf_counter()
        at.run()
        seconds.append(time.perf_counter() - start)
        assert not at.exception
    return seconds


@pytest.mark.usefixtures("warehouse")
def test_another_sessions_rerun_stays_fast_while_an_upload_is_read():
    other = AppTest.from_file(APP, default_timeout=60)
    other.switch_page("pages/sources.py")
    other.run()
    alone = statistics.median(rerun_seconds(other, 5))

    # The upload session: its script thread waits on a child that holds its GIL, as extraction
    # of a pathological line did (29.6 s for a 240 KB one-line file, all sessions stalled).
    job = worker.Job(upload_hooks.hold_the_gil, (60,), worker.Limits(seconds=90))
    stop = threading.Event()

    def wait_like_the_page() -> None:
        while not stop.is_set() and job.poll(0.25) is None:
            pass

    waiter = threading.Thread(target=wait_like_the_page)
    waiter.start()
    try:
        time.sleep(1.5)  # started and busy
        during = statistics.median(rerun_seconds(other, 5))
        assert job.outcome is None  # measured while the reading was still going on
    finally:
        stop.set()
        waiter.join(10)
        job.cancel()
    # Generous bounds for a shared 2-core machine: the point is seconds versus milliseconds.
    assert during < 1.0, (alone, during)
    assert during < 3 * alone + 0.25, (alone, during)


# --- the page --------------------------------------------------------------------------------------

def open_upload_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/upload.py")
    return at.run()


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.file_uploader(key="upload_file").set_value((name, data, "application/octet-stream"))
    return at.run()


@pytest.mark.usefixtures("warehouse")
def test_page_names_a_file_that_took_too_long_and_stays_usable(monkeypatch):
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    monkeypatch.setenv(worker.TIMEOUT_ENV, "1")
    monkeypatch.setattr(worker, "read_uploaded", upload_hooks.read_slowly)
    at = upload(open_upload_page(), "slow_plan.txt", b"whatever")
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1
    assert at.error[0].value.startswith(f"读取 {md('slow_plan.txt')} 超过 1 秒，已停止。")  # named, as text
    assert "upload_retry" in [b.key for b in at.button] and not at.data_editor
    at.run()  # a rerun shows the same outcome; it does not start the reading again
    assert at.error[0].value.startswith(f"读取 {md('slow_plan.txt')} 超过 1 秒")
    monkeypatch.setenv(worker.TIMEOUT_ENV, "60")
    at = upload(at, "plan.pdf", (FORMATS / "plan.pdf").read_bytes())
    assert not at.exception and not at.error
    assert at.text_input(key="upload_region").value == "青禾县"


@pytest.mark.usefixtures("warehouse")
def test_page_after_cancel_says_so_and_reads_again_on_request(monkeypatch):
    # A click on Cancel reruns the page while the child works; that run finds the job and
    # kills it.  AppTest cannot click during a run, so the session holds a job cancelled so.
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    data = (FORMATS / "plan.pdf").read_bytes()
    at = open_upload_page()
    job = worker.Job(time.sleep, (120,), QUICK)
    job.cancel()
    at.session_state["_upload_job"] = ((hashlib.sha256(data).hexdigest(), "plan.pdf"), job)
    at = upload(at, "plan.pdf", data)
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value for e in at.error] == [f"已取消读取 {md('plan.pdf')}。"]
    assert gone(job.pid)
    at.button(key="upload_retry").click().run()
    assert not at.exception and not at.error
    assert at.text_input(key="upload_region").value == "青禾县"


@pytest.mark.usefixtures("warehouse")
def test_page_reads_a_file_once_however_often_it_reruns(monkeypatch):
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    started = []

    class CountedJob(worker.Job):
        def __init__(self, *args, **kwargs):
            started.append(args)
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(worker, "Job", CountedJob)
    at = upload(open_upload_page(), "plan.pdf", (FORMATS / "plan.pdf").read_bytes())
    at.text_input(key="upload_region").set_value("青禾县（测试）").run()
    at.run()
    assert not at.exception and not at.error
    assert len(started) == 1
