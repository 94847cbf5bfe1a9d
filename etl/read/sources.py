"""Step 1: raw snapshots.  Each plan stays in data/raw/ exactly as received; the manifest
(data/raw/sources.yaml) records where it came from and its sha256, which is checked on every
build so a silently edited source is caught before it reaches a number on screen."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from etl.base import yaml_io
from etl.base.errors import ManifestError
from etl.base.paths import MANIFEST
from etl.read.regions import assign_region_ids, region_key

REQUIRED = ("doc_id", "file", "region_zh", "title", "period_start", "period_end", "sha256")
CITATION_FIELDS = ("issuer", "doc_number", "url")  # optional: an older manifest without them still loads


@dataclass
class Source:
    doc_id: str
    file: str
    region_id: str
    region_zh: str
    region_en: str
    province: str
    parent: str | None
    admin_level: str
    title: str
    plan_kind: str
    period_start: int
    period_end: int
    status: str
    date: str
    date_note: str
    sha256: str
    path: Path
    manifest_line: int | None = None  # where the entry starts in the manifest, for error messages
    # Citation metadata, only as the plan's own text states it (empty when it does not): the
    # issuing body (发文机关), its document number (文号) and where it was published.
    issuer: str = ""
    doc_number: str = ""
    url: str = ""


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_manifest(manifest: Path = MANIFEST) -> list[Source]:
    """Every entry of the manifest as a `Source`, each with a region_id: the written GB/T 2260 code,
    or a generated `x-<pinyin>` id that no other region uses (etl.read.regions).  Read once per version
    of the file: a build asks three times, and a manifest of 1,000 plans takes a second to parse."""
    manifest = Path(manifest)
    if not manifest.is_file():
        raise ManifestError(manifest, "manifest not found")
    stat = manifest.stat()
    return list(_load_manifest(str(manifest), stat.st_mtime_ns, stat.st_size))


@lru_cache(maxsize=8)
def _load_manifest(path: str, _mtime_ns: int, _size: int) -> tuple[Source, ...]:
    manifest = Path(path)
    text = manifest.read_text(encoding="utf-8")
    try:
        doc = yaml_io.safe_load(text) or {}
    except yaml_io.YAMLError as err:
        line = getattr(getattr(err, "problem_mark", None), "line", None)
        raise ManifestError(manifest, f"not valid YAML: {getattr(err, 'problem', err)}",
                            line + 1 if line is not None else None) from None
    entries = doc.get("sources") or [] if isinstance(doc, dict) else None
    if not isinstance(entries, list):
        raise ManifestError(manifest, "the manifest must hold a `sources:` list")
    lines = _entry_lines(text)
    _check_entries(manifest, entries, lines)
    ids = assign_region_ids(entries)
    _check_region_ids(manifest, entries, ids, lines)
    return tuple(_source(manifest, entry, ids, lines.get(str(entry["doc_id"]))) for entry in entries)


def _entry_lines(text: str) -> dict[str, int]:
    """doc_id → the manifest line its entry starts on (`- doc_id: …`)."""
    lines, line, counted = {}, 1, 0
    for m in re.finditer(r"^\s*-\s*doc_id:\s*(.+?)\s*$", text, flags=re.M):
        line += text.count("\n", counted, m.start())  # counted on from the last entry: linear
        counted = m.start()
        lines[m.group(1).strip().strip("'\"")] = line
    return lines


def _check_entries(manifest: Path, entries: list, lines: dict[str, int]) -> None:
    seen: set[str] = set()
    for i, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise ManifestError(manifest, f"source #{i} is not a mapping of fields")
        line = lines.get(str(entry.get("doc_id")))
        missing = [k for k in REQUIRED if not entry.get(k)]
        if missing:
            raise ManifestError(manifest, f"source #{i} lacks {', '.join(missing)}", line)
        if entry["doc_id"] in seen:
            raise ManifestError(manifest, f"doc_id {entry['doc_id']} appears twice", line)
        seen.add(entry["doc_id"])
        for key in ("period_start", "period_end"):
            if not re.fullmatch(r"\d{4}", str(entry[key])):
                raise ManifestError(manifest, f"{entry['doc_id']}: {key} must be a year, not {entry[key]!r}", line)


def _check_region_ids(manifest: Path, entries: list, ids: dict, lines: dict[str, int]) -> None:
    """One region_id, one region: a code written for two different regions is a typo to fix."""
    owner: dict[str, tuple] = {}
    for entry in entries:
        key = region_key(entry["region_zh"], entry.get("parent"), entry.get("province"))
        written = str(entry.get("region_id") or "").strip()
        region_id = written or ids[key]
        if region_id in owner and owner[region_id][0] != key[0]:
            raise ManifestError(manifest, f"region_id {region_id} is given to both {owner[region_id][0]} and "
                                          f"{key[0]}: every region needs its own id",
                                lines.get(str(entry["doc_id"])))
        owner.setdefault(region_id, key)


def _source(manifest: Path, entry: dict, ids: dict, line: int | None) -> Source:
    key = region_key(entry["region_zh"], entry.get("parent"), entry.get("province"))
    return Source(
        doc_id=str(entry["doc_id"]), file=entry["file"],
        region_id=str(entry.get("region_id") or "").strip() or ids[key],
        region_zh=entry["region_zh"], region_en=entry.get("region_en") or "",
        province=entry.get("province") or "", parent=entry.get("parent"),
        admin_level=entry.get("admin_level") or "", title=entry["title"],
        plan_kind=entry.get("plan_kind") or "", period_start=int(entry["period_start"]),
        period_end=int(entry["period_end"]), status=entry.get("status") or "",
        date=str(entry.get("date") or ""), date_note=entry.get("date_note") or "",
        sha256=entry["sha256"], path=manifest.parent / entry["file"], manifest_line=line,
        **{key: _text(entry.get(key)) for key in CITATION_FIELDS})


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def verify(source: Source) -> None:
    """The raw file exists and is byte for byte the one the manifest recorded."""
    if not source.path.is_file():
        raise ManifestError(source.path, f"raw file for {source.doc_id} is missing")
    actual = sha256_of(source.path)
    if actual != source.sha256:
        raise ManifestError(source.path, f"sha256 {actual[:12]}… differs from the manifest's "
                                         f"{source.sha256[:12]}…: the source was changed after it was recorded")
