"""Read and extract an uploaded plan in a child process, so that no file can stall the server.

Why a process: reading a .docx/.pdf and running the extractor are CPU work in Python.  Done
in the Streamlit server's own interpreter they hold the GIL, and every other session, and
/_stcore/health, waits until they finish.  A child process has its own interpreter; the
page's thread only waits on a pipe, which releases the GIL.

Why a fresh interpreter: the child is started like multiprocessing's "spawn" (fork+exec of
`python -c …`, through subprocess), never as a bare fork of the threaded server, which would
copy locks other threads hold at that moment.  Plain subprocess rather than multiprocessing,
because spawn also re-runs the parent's __main__ in the child (the `streamlit` launcher, or a
script without a main guard).  Starting costs about half a second of imports, once per file:
pages/upload.py caches the result per (sha256, file name).

Limits, from the environment when a reading starts (a missing or invalid value → default):

    IPBENCH_UPLOAD_TIMEOUT_S  wall-clock seconds one reading may take, the child's start-up
                              included (default 60).  Past it the child is killed.  The child
                              also sets an alarm of its own, so a child whose page went away
                              (tab closed) still dies on time.
    IPBENCH_UPLOAD_MEMORY_MB  memory (MB) the reading may use beyond what the child holds when
                              it starts reading: interpreter, pandas, the ETL (default 1024).
                              Enforced with RLIMIT_AS in the child; more than that ends the
                              reading with "needed more than N MB".

A reading ends in one `Outcome`: ok (with the `UploadedPlan`), refused (a PlanError: its
message is for a person), timeout, memory, cancelled, crashed (the child died without a word:
its exit code) or error (an unexpected exception, as "Type: text", never a traceback).

This module imports neither streamlit nor pandas: it is the child's entry point too, and the
child loads what a reading needs in `_prepare`, before its memory limit is measured.
"""

from __future__ import annotations

import math
import os
import pickle
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TIMEOUT_ENV = "IPBENCH_UPLOAD_TIMEOUT_S"
MEMORY_ENV = "IPBENCH_UPLOAD_MEMORY_MB"
DEFAULT_SECONDS = 60.0
DEFAULT_MEMORY_MB = 1024
REPO_ROOT = Path(__file__).resolve().parent.parent
CHILD_CODE = "from dashboard.upload_worker import child_main; child_main()"

# Outcome statuses
OK, REFUSED, TIMEOUT, MEMORY, CANCELLED, CRASHED, ERROR = (
    "ok", "refused", "timeout", "memory", "cancelled", "crashed", "error")


@dataclass(frozen=True)
class Limits:
    seconds: float = DEFAULT_SECONDS
    memory_mb: int = DEFAULT_MEMORY_MB

    @classmethod
    def from_env(cls, environ: dict | None = None) -> Limits:
        environ = os.environ if environ is None else environ
        return cls(seconds=_positive(environ.get(TIMEOUT_ENV), float, DEFAULT_SECONDS),
                   memory_mb=_positive(environ.get(MEMORY_ENV), int, DEFAULT_MEMORY_MB))


def _positive(text: str | None, kind: type, default):
    # A typo in a deployment's environment must not take the upload page down: fall back.
    try:
        value = kind(str(text).strip())
    except (TypeError, ValueError):
        return default
    return value if value > 0 and math.isfinite(value) else default


@dataclass
class Outcome:
    status: str
    value: Any = None   # the target's return value when ok (an UploadedPlan for a reading)
    message: str = ""   # a PlanError's message, an error's "Type: text", or the exit code

    @property
    def ok(self) -> bool:
        return self.status == OK


def read_uploaded(data: bytes, filename: str, max_bytes: int):
    """The child's work for an upload: `dashboard.upload.read_plan`."""
    from dashboard.upload import read_plan

    return read_plan(data, filename, max_bytes=max_bytes)


class Job:
    """One call of `target(*args)` in a child process: start, `poll` until it has an Outcome,
    or `cancel`.  `target` must be importable by name (a module-level function or a builtin)."""

    def __init__(self, target: Callable, args: tuple, limits: Limits):
        self.limits = limits
        self.outcome: Outcome | None = None
        self.started = time.monotonic()
        try:
            self._process = subprocess.Popen([sys.executable, "-c", CHILD_CODE], stdin=subprocess.PIPE,
                                             stdout=subprocess.PIPE, env=_child_environment())
        except OSError as error:  # no process to be had (the host is out of them): an outcome too
            self._process, self.outcome = None, Outcome(ERROR, message=f"{type(error).__name__}: {error}")
            return
        try:  # the child reads all of it first thing; writing a pipe releases the GIL
            self._process.stdin.write(pickle.dumps((target, args, limits), pickle.HIGHEST_PROTOCOL))
            self._process.stdin.close()
        except OSError:  # it died before reading: its exit code tells the rest
            pass
        self._ready = select.poll()  # poll, not select: a busy server's descriptors pass 1024
        self._ready.register(self._process.stdout, select.POLLIN | select.POLLHUP)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def poll(self, wait: float = 0.0) -> Outcome | None:
        """The outcome once there is one; None while the child works (waits up to `wait` s)."""
        if self.outcome is not None:
            return self.outcome
        remaining = max(0.0, self.limits.seconds - self.elapsed)
        if self._ready.poll(int(min(wait, remaining) * 1000)):  # the child writes once, at its end
            return self._finish(self._receive())
        if self.elapsed >= self.limits.seconds:
            return self._finish(Outcome(TIMEOUT), kill=True)
        return None

    def wait(self, step: float = 0.25) -> Outcome:
        while (outcome := self.poll(step)) is None:
            pass
        return outcome

    def cancel(self) -> Outcome:
        if self.outcome is None:
            self._finish(Outcome(CANCELLED), kill=True)
        return self.outcome

    def _receive(self) -> Outcome:
        data = self._process.stdout.read()  # to the end: the child closes it as it finishes
        try:
            code = self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            code = self._process.wait()
        try:
            status, value, message = pickle.loads(data)
            return Outcome(status, value, message)
        except Exception:  # nothing, or half a result: the child died on its way
            pass
        if code == -signal.SIGALRM:  # its own alarm: the time limit
            return Outcome(TIMEOUT)
        return Outcome(CRASHED, message=str(code))

    def _finish(self, outcome: Outcome, kill: bool = False) -> Outcome:
        if kill and self._process.poll() is None:
            self._process.kill()
        self._process.wait(timeout=10)  # reap it: no zombie left behind
        self._process.stdout.close()
        self.outcome = outcome
        return outcome


def _child_environment() -> dict[str, str]:
    environment = dict(os.environ)
    # The project's packages, wherever the server was started from.
    environment["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), environment.get("PYTHONPATH")) if p)
    # pyarrow's default allocator reserves 1 GB of address space up front; malloc does not, so
    # the address-space limit measures what the reading uses.  One BLAS thread: nothing to share.
    environment["ARROW_DEFAULT_MEMORY_POOL"] = "system"
    environment.setdefault("OPENBLAS_NUM_THREADS", "1")
    return environment


def run_isolated(target: Callable, args: tuple, limits: Limits | None = None) -> Outcome:
    """`target(*args)` in a child process with `limits`, waited for."""
    return Job(target, args, limits or Limits.from_env()).wait()


# --- in the child -------------------------------------------------------------------------------

def child_main() -> None:
    """The child's whole life: read (target, args, limits) from stdin, write one result to stdout."""
    result_pipe = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # a stray print() in a library goes to the log, not into the result
    target, args, limits = pickle.loads(sys.stdin.buffer.read())
    signal.alarm(math.ceil(limits.seconds) + 1)  # never outlive the limit, even with no parent
    os.nice(10)  # on a busy host the server's sessions, interactive, go first; a reading can wait
    try:
        _prepare()
        _limit_memory(limits.memory_mb)
        result = (OK, target(*args), "")
    except BaseException as error:  # everything reaches the page as an outcome, never a traceback
        result = _failure(error)
    _send(result_pipe, result)


def _prepare() -> None:
    """Everything the reading needs, loaded before the memory limit counts."""
    import docx  # noqa: F401  (the readers import these lazily; their import is not the file's cost)
    import pdfplumber  # noqa: F401

    import dashboard.upload  # noqa: F401
    from etl.api import harmonizer

    harmonizer()


def _limit_memory(memory_mb: int) -> None:
    import resource

    allowed = _address_space_bytes() + memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        allowed = min(allowed, hard)
    resource.setrlimit(resource.RLIMIT_AS, (allowed, hard))


def _address_space_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _failure(error: BaseException) -> tuple[str, None, str]:
    from etl.api import PlanError

    if isinstance(error, MemoryError):
        return MEMORY, None, ""
    if isinstance(error, PlanError):
        return REFUSED, None, error.message
    return ERROR, None, f"{type(error).__name__}: {error}"


def _send(pipe, result: tuple) -> None:
    try:
        try:
            data = pickle.dumps(result, pickle.HIGHEST_PROTOCOL)
        except BaseException as error:  # too big to pickle within the limit, or not picklable
            data = pickle.dumps(_failure(error))  # small and plain: this one goes through
        pipe.write(data)
        pipe.close()
    except OSError:
        pass  # nobody is listening any more (the page was closed or cancelled the reading)
