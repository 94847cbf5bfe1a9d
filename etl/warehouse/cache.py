"""A cache of each plan's extracted tables, so a rebuild re-reads only the plans whose inputs changed.

Extraction is most of a build's work, yet between two builds usually nothing or one plan changed.
`plan_tables` depends only on the plan's file (its sha256 is in the manifest entry and `verify`
checks it), the manifest entry, the population denominators, that plan's corrections, and the ETL's
code and reference files — so the key hashes exactly those, and a change to any of them is a miss.
Changing a rule in etl/ therefore re-extracts every plan, as it must.

Only plans in the store are cached: the build (`python -m etl build`, `python -m etl add`, the
upload page's "save") writes entries; reading a plan on the upload page or with `python -m etl
extract` never does, so a visitor's draft never reaches the disk.

An entry is data, never code (no pickle: loading a pickle runs whatever it says, and anyone who can
write into the folder could run code as the next build).  One file per plan, `<doc_id>.<key>.plan`:

    MAGIC                                   b"IPBENCH-PLAN-CACHE\\n"
    header length                           8 bytes, big-endian
    header                                  JSON: format, key, doc_id, the body's sha256 and each
                                            table's length; the plan's regions/documents rows and
                                            its harmoniser counts
    body                                    one Arrow IPC stream per table, in the header's order

An entry is used only when its magic, format, key and doc_id are the ones asked for, its body hashes
to the header's sha256 and every table has the warehouse's schema: a damaged entry, one copied from
another plan or version (a foreign key), a pickle or anything else in its place is a miss, rebuilt
and overwritten, never an error.  Writes go to a temp file moved into place, so a killed build or
two builds at once never leave a half-written entry; only the newest entry per plan is kept, and
the pickles older versions wrote (`*.pkl`) are deleted unread.

The folder is `.cache/plans/` (or $IPBENCH_PLAN_CACHE; `off` disables it).  The library call
`build()` uses it only when handed a folder, so tests that patch the extractor see their patch.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from etl.base.paths import ETL_CODE, REFERENCE_DIR, ROOT

CACHE_ENV = "IPBENCH_PLAN_CACHE"
DEFAULT_DIR = ROOT / ".cache" / "plans"
SUFFIX = ".plan"
MAGIC = b"IPBENCH-PLAN-CACHE\n"
HEADER_LENGTH_BYTES = 8
MAX_HEADER_BYTES = 256 * 1024 * 1024  # a plan's text is at most a few MB: more is a damaged length
if TYPE_CHECKING:  # pandas and pyarrow only for annotations: the unchanged-build check imports neither
    import pandas as pd
    import pyarrow as pa

# Bumped when the layout of a cached entry changes in a way the code fingerprint would not show.
FORMAT = "3"  # 3: Arrow IPC + JSON, checked against its key (2 and before: pickles)


@dataclass
class Entry:
    """What the cache keeps of one plan: its tables, and plain JSON data beside them."""
    tables: dict[str, pa.Table]
    meta: dict  # regions, documents (lists of row dicts) and names (the harmoniser's counts)


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


def _safe_name(doc_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in doc_id)[:80]


def _entry(folder: Path, doc_id: str, key: str) -> Path:
    return folder / f"{_safe_name(doc_id)}.{key}{SUFFIX}"


# --- reading --------------------------------------------------------------------------------

def load(folder: Path, doc_id: str, key: str, schemas: dict[str, pa.Schema]) -> Entry | None:
    """The cached entry of one plan, or None: absent, or not exactly what was asked for (then it is
    simply rebuilt).  `schemas`: each table the entry must hold, with the schema it must have."""
    try:
        data = _entry(folder, doc_id, key).read_bytes()
    except OSError:
        return None
    try:
        return _parse(data, doc_id, key, schemas)
    except Exception:  # noqa: BLE001 - whatever a damaged or planted file does to the parsers is a miss
        return None


def _parse(data: bytes, doc_id: str, key: str, schemas: dict[str, pa.Schema]) -> Entry | None:
    import pyarrow as pa

    if not data.startswith(MAGIC):  # a pickle, a truncated file, anything else: never parsed further
        return None
    start = len(MAGIC) + HEADER_LENGTH_BYTES
    header_length = int.from_bytes(data[len(MAGIC):start], "big")
    if not 0 < header_length <= min(MAX_HEADER_BYTES, len(data) - start):
        return None
    header = json.loads(data[start:start + header_length].decode("utf-8"))
    body = memoryview(data)[start + header_length:]
    if (not isinstance(header, dict) or header.get("format") != FORMAT or header.get("key") != key
            or header.get("doc_id") != doc_id or hashlib.sha256(body).hexdigest() != header.get("body_sha256")):
        return None  # a foreign entry (another plan, version or key) or a damaged one
    lengths = dict(header["tables"])
    if set(lengths) != set(schemas) or sum(lengths.values()) != len(body):
        return None
    tables, offset = {}, 0
    buffer = pa.py_buffer(body)
    for name, length in header["tables"]:
        table = pa.ipc.open_stream(buffer.slice(offset, length)).read_all()
        if not table.schema.equals(schemas[name]):
            return None
        tables[name] = table
        offset += length
    return Entry(tables, header["meta"])


# --- writing --------------------------------------------------------------------------------

def store(folder: Path, doc_id: str, key: str, entry: Entry) -> None:
    """Write one plan's entry and drop that plan's older entries.  A full disk, a read-only folder
    or rows JSON cannot hold as they are cost only the speed-up: the build itself never fails here."""
    target = _entry(folder, doc_id, key)
    try:
        data = _serialise(doc_id, key, entry)
    except (TypeError, ValueError):  # a value JSON would change (a date, a tuple): better no entry
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=target.name + ".", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
        for older in folder.glob(_safe_name(doc_id) + ".*"):
            if older != target and older.name.count(".") == 2 and older.suffix in (SUFFIX, ".pkl"):
                older.unlink(missing_ok=True)
    except OSError:
        return


def _serialise(doc_id: str, key: str, entry: Entry) -> bytes:
    import pyarrow as pa

    streams = []
    for table in entry.tables.values():
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        streams.append(sink.getvalue().to_pybytes())
    body = b"".join(streams)
    header = {"format": FORMAT, "key": key, "doc_id": doc_id, "body_sha256": hashlib.sha256(body).hexdigest(),
              "tables": [[name, len(stream)] for name, stream in zip(entry.tables, streams)],
              "meta": _exact_json(entry.meta)}
    encoded = json.dumps(header, ensure_ascii=False, allow_nan=True).encode("utf-8")
    return MAGIC + len(encoded).to_bytes(HEADER_LENGTH_BYTES, "big") + encoded + body


def _exact_json(value):
    """`value` if JSON gives it back as it is, else ValueError: a cached plan must read back as built."""
    if not _same(json.loads(json.dumps(value, ensure_ascii=False, allow_nan=True)), value):
        raise ValueError("not representable in JSON as it is")
    return value


def _same(read, written) -> bool:
    """Equal and of the same type all the way down (JSON makes a tuple a list), NaN equal to NaN."""
    if type(read) is not type(written):
        return False
    if isinstance(written, dict):
        return read.keys() == written.keys() and all(_same(read[k], written[k]) for k in written)
    if isinstance(written, list):
        return len(read) == len(written) and all(_same(a, b) for a, b in zip(read, written))
    if isinstance(written, float) and written != written:
        return read != read
    return read == written


def remove_pickles(folder: Path) -> None:
    """Delete the entries older versions pickled: never opened, so never run."""
    try:
        for stale in folder.glob("*.pkl"):
            stale.unlink(missing_ok=True)
    except OSError:
        return
