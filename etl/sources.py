"""Step 1: raw snapshots.  Each plan stays in data/raw/ exactly as received; the manifest
(data/raw/sources.yaml) records where it came from and its sha256, which is checked on every
build so a silently edited source is caught before it reaches a number on screen."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from etl.errors import ManifestError

ROOT = Path(__file__).resolve().parent.parent
RAW_DIR = ROOT / "data" / "raw"
MANIFEST = RAW_DIR / "sources.yaml"
REQUIRED = ("doc_id", "file", "region_zh", "title", "period_start", "period_end", "sha256")


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


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_manifest(manifest: Path = MANIFEST) -> list[Source]:
    if not manifest.is_file():
        raise ManifestError(manifest, "manifest not found")
    try:
        doc = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        line = getattr(getattr(err, "problem_mark", None), "line", None)
        raise ManifestError(manifest, f"not valid YAML: {getattr(err, 'problem', err)}",
                            line + 1 if line is not None else None) from None
    entries = doc.get("sources") or []
    sources, seen = [], set()
    for i, entry in enumerate(entries, start=1):
        missing = [k for k in REQUIRED if not entry.get(k)]
        if missing:
            raise ManifestError(manifest, f"source #{i} lacks {', '.join(missing)}")
        if entry["doc_id"] in seen:
            raise ManifestError(manifest, f"doc_id {entry['doc_id']} appears twice")
        seen.add(entry["doc_id"])
        path = manifest.parent / entry["file"]
        sources.append(Source(
            doc_id=entry["doc_id"], file=entry["file"], region_id=str(entry.get("region_id") or ""),
            region_zh=entry["region_zh"], region_en=entry.get("region_en") or "",
            province=entry.get("province") or "", parent=entry.get("parent"),
            admin_level=entry.get("admin_level") or "", title=entry["title"],
            plan_kind=entry.get("plan_kind") or "", period_start=int(entry["period_start"]),
            period_end=int(entry["period_end"]), status=entry.get("status") or "",
            date=str(entry.get("date") or ""), date_note=entry.get("date_note") or "",
            sha256=entry["sha256"], path=path))
    return sources


def verify(source: Source) -> None:
    """The raw file exists and is byte for byte the one the manifest recorded."""
    if not source.path.is_file():
        raise ManifestError(source.path, f"raw file for {source.doc_id} is missing")
    actual = sha256_of(source.path)
    if actual != source.sha256:
        raise ManifestError(source.path, f"sha256 {actual[:12]}… differs from the manifest's "
                                         f"{source.sha256[:12]}…: the source was changed after it was recorded")
