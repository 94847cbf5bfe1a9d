"""Every plan's region gets a unique, stable `region_id`.

A GB/T 2260 code where the manifest knows one (341181 天长市).  A region without a known code
gets a generated id, `x-<pinyin>` of its name (`x-mengningxian` for 勐宁县): readable in a URL,
stable across builds because it depends on the name only, and never mistaken for a GB code.
Two different regions whose names read alike (阳城县 in two provinces) are told apart by their
parent's pinyin, then by a short hash of the full name, so no two regions ever share an id.
"""

from __future__ import annotations

import hashlib
import re

GENERATED_PREFIX = "x-"


def _slug(name: str) -> str:
    # imported here: pypinyin loads its phrase dictionary on import (0.2 s), and a manifest whose
    # regions all carry an id (as `etl add` writes them) never needs it
    from pypinyin import lazy_pinyin

    syllables = lazy_pinyin(name, errors="default")
    return re.sub(r"[^a-z0-9]+", "", "".join(syllables).lower())[:40]


def generated_region_id(region_zh: str, parent: str | None = None, province: str | None = None,
                        level: int = 0) -> str:
    """`x-<pinyin>`; `level` 1 adds the parent's pinyin, 2 a hash of province/parent/name."""
    slug = _slug(region_zh) or hashlib.sha256(region_zh.encode("utf-8")).hexdigest()[:8]
    if level >= 1 and parent:
        slug = f"{_slug(parent)}-{slug}"
    if level >= 2:
        full = "/".join(part or "" for part in (province, parent, region_zh))
        slug = f"{slug}-{hashlib.sha256(full.encode('utf-8')).hexdigest()[:6]}"
    return GENERATED_PREFIX + slug


def is_generated(region_id: str) -> bool:
    return str(region_id).startswith(GENERATED_PREFIX)


def region_key(region_zh: str, parent: str | None, province: str | None) -> tuple[str, str, str]:
    """What makes two manifest entries the same region (two plans of one county share an id)."""
    return (region_zh or "", parent or "", province or "")


def assign_region_ids(entries: list[dict]) -> dict[tuple[str, str, str], str]:
    """{region key: region_id} for every entry: the written id where there is one, otherwise a
    generated id that no other region in `entries` uses.  `entries` need region_zh, parent,
    province and may carry region_id."""
    ids: dict[tuple[str, str, str], str] = {}
    for entry in entries:
        written = str(entry.get("region_id") or "").strip()
        if written:
            ids.setdefault(region_key(entry["region_zh"], entry.get("parent"), entry.get("province")), written)
    taken = set(ids.values())
    for entry in entries:
        key = region_key(entry["region_zh"], entry.get("parent"), entry.get("province"))
        if key in ids:
            continue
        for level in (0, 1, 2):
            candidate = generated_region_id(entry["region_zh"], entry.get("parent"), entry.get("province"), level)
            if candidate not in taken:
                break
        ids[key] = candidate
        taken.add(candidate)
    return ids
