"""A cache of each plan's extracted tables, so a rebuild re-reads only the plans whose inputs changed.

Extraction is most of a build's work (0.34 s of 0.5 s for the four seed plans; minutes for a
thousand), yet between two builds usually nothing or one plan changed.  `plan_tables` depends only on
the plan's file (its sha256 is in the manifest entry and `verify` checks it), the manifest entry, the
population denominators, that plan's corrections, and the ETL's code and reference files — so the
key hashes exactly those, and a change to any of them is a miss.  Changing a rule in etl/ therefore
re-extracts every plan, as it must.

Entries are pickles of the project's own frames, written by this machine's builds into a folder the
project owns (`.cache/plans/`, or $IPBENCH_PLAN_CACHE; `off` disables it).  Writes go to a temp file
moved into place, so a killed build or two builds at once never leave a half-written entry; a
damaged entry is a miss, never an error.  Only the newest entry per plan is kept.

The cache is used by `python -m etl build` and `python -m etl add` (and so `make run`); the library
call `build()` uses it only when handed a folder, so tests that patch the extractor see their patch.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from etl.base.paths import ETL_CODE, REFERENCE_DIR, ROOT

CACHE_ENV = "IPBENCH_PLAN_CACHE"
DEFAULT_DIR = ROOT / ".cache" / "plans"
if TYPE_CHECKING:  # pandas only for the annotation: the unchanged-build check imports no pandas
    import pandas as pd

# Bumped when the layout of a cached entry changes in a way the code fingerprint would not show.
FORMAT = "2"  # 2: tables as {column: values}, not DataFrames (unpickling frames was slow)


def default_dir() -> Path | None:
    """The folder the command line builds use: $IPBENCH_PLAN_CACHE, `off` for none, else .cache/plans."""
    setting = os.environ.get(CACHE_ENV, "").strip()
    if setting.lower() in {"off", "0", "no", "false"}:
        return None
    return Path(setting) if setting else DEFAULT_DIR


@cache
def code_fingerprint() -> str:
    """The ETL's code and reference files: a rule change makes every entry stale."""
    digest = hashlib.sha256(FORMAT.encode())
    for path in [*sorted(ETL_CODE.rglob("*.py")), *sorted(REFERENCE_DIR.glob("*"))]:
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def shared_key(denominators: pd.DataFrame) -> str:
    """What every plan of one build shares: the code and the population denominators."""
    frame_text = denominators.to_csv(index=False) if len(denominators) else ""
    return hashlib.sha256((code_fingerprint() + frame_text).encode("utf-8")).hexdigest()


def plan_key(shared: str, source, corrections: Iterable) -> str:
    """One plan's key: the shared part, its manifest entry (with the file's sha256) and its corrections."""
    text = "\n".join([shared, repr(source), *(repr(c) for c in corrections)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _entry(folder: Path, doc_id: str, key: str) -> Path:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in doc_id)[:80]
    return folder / f"{safe}.{key}.pkl"


def load(folder: Path, doc_id: str, key: str):
    """The cached tables of one plan, or None (absent, or unreadable: then it is simply rebuilt)."""
    try:
        with open(_entry(folder, doc_id, key), "rb") as handle:
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, ValueError):
        return None


def store(folder: Path, doc_id: str, key: str, tables) -> None:
    """Write one plan's tables and drop that plan's older entries.  A full disk or a read-only
    folder costs only the speed-up: the build itself never fails here."""
    target = _entry(folder, doc_id, key)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(tables, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temp, target)
        prefix = target.name.split(".", 1)[0] + "."
        for older in folder.glob(prefix + "*.pkl"):
            if older != target and older.name.count(".") == 2:
                older.unlink(missing_ok=True)
    except OSError:
        return
