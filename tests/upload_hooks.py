"""Stand-ins for `dashboard.upload_worker.read_uploaded` that tests put in its place.

They run in the worker's child process, so they live in a module the child can import by name
(not in a test file, which would drag pytest and AppTest into every child).
"""

from __future__ import annotations

import re
import time

from dashboard.upload_worker import read_uploaded

SLOW_PREFIX = "slow"
# What etl.read.readers may report about a file (RawDocument.warnings), with Markdown in it that
# must stay text on the page.
WARNINGS = ["第3行疑似乱码：**[登录](https://evil.example/)**", "已将康熙部首“⼈”折叠为“人”"]


def read_slowly(data: bytes, filename: str, max_bytes: int):
    """A file whose reading never ends in time (a pathological input, a future slow rule);
    any other file is read as usual."""
    if filename.startswith(SLOW_PREFIX):
        time.sleep(600)
    return read_uploaded(data, filename, max_bytes)


def read_with_warnings(data: bytes, filename: str, max_bytes: int):
    """The usual reading, with the reader's warnings a damaged file would bring."""
    plan = read_uploaded(data, filename, max_bytes)
    plan.warnings = list(WARNINGS)
    return plan


def hold_the_gil(seconds: float) -> None:
    """CPU work that holds the GIL for most of a second at a time, for about `seconds`: what the
    extractor's regex did on a pathological line (run in the server, every session waited)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        re.fullmatch(r"(?:a|aa)+b", "a" * 35)  # catastrophic backtracking: one long call in C
