"""`python -m etl add FILE [--region 名称]`: take a new plan into data/raw/ and the manifest.

The file is copied byte for byte (its sha256 is recorded, so the build can prove it untouched)
and one entry is appended to sources.yaml.  What the entry says is read from the plan itself:
the title, and from the title the region, the kind of plan, the period and the draft status;
the date from a line that holds only a date (the signature line).  Anything that cannot be read
is either asked for (the region: --region) or left empty with a warning for a person to fill.

The manifest is appended to as text, never rewritten, so its comments and layout stay as a
person wrote them; the result is parsed back before it replaces the old file.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

import yaml

from etl.errors import ManifestError, PlanError
from etl.readers import read_document

RAW_DIR = Path("data/raw")
MANIFEST = RAW_DIR / "sources.yaml"
HEAD_LINES = 60  # the title and the signature date sit in the notice at the top

# "…工作方案（2024—2026年）" with an optional "（征求意见稿）" after it.
_TITLE_BODY = r"[^，。；：:“”\"《》「」]{4,80}?(?:方案|规划|计划|意见)"
_TITLE_PERIOD = r"[（(]\s*\d{4}\s*年?\s*[—–\-~～至到]+\s*\d{4}\s*年?\s*[）)]"
_DRAFT = r"[（(]\s*征求意见稿\s*[）)]"
TITLE = re.compile(rf"{_TITLE_BODY}\s*{_TITLE_PERIOD}(?:\s*{_DRAFT})?")
QUOTED = re.compile(r"[《“\"「]([^《》“”\"「」]{6,100})[》”\"」]")
PERIOD = re.compile(r"(\d{4})\s*年?\s*[—–\-~～至到]+\s*(\d{4})")
PLAN_KIND = re.compile(r"强(县|市|省)建设(试点|示范)(县|城市|市|园区)")
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
# The region is what the title says before the plan's subject begins.
REGION_END = re.compile(r"创建|国家知识产权|知识产权|关于")
ADMIN_SUFFIX = "省市县区州盟旗"


def add_plan(path: str | Path, region_zh: str | None = None, raw_dir: Path = RAW_DIR,
             manifest: Path = MANIFEST, doc_id: str | None = None) -> dict:
    """Copy `path` into `raw_dir` and append its entry to `manifest`.

    Returns the entry as written, plus two keys not written to the manifest: `path` (the copy)
    and `warnings` (what a person should check or fill in, e.g. an unknown region_id).
    Raises PlanError for an unreadable plan, a duplicate, or a region that cannot be told."""
    path, raw_dir, manifest = Path(path), Path(raw_dir), Path(manifest)
    document = read_document(path)  # refuses empty, binary, encrypted, scanned … files
    data = path.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    existing = _manifest_entries(manifest)
    for entry in existing:
        if entry.get("sha256") == sha256:
            raise PlanError(path, f"this file is already in the manifest as {entry.get('doc_id')} "
                                  f"({entry.get('file')}): nothing added")

    warnings: list[str] = []
    head = _head_lines(document.text)
    title = find_title(head)
    if title is None:
        raise PlanError(path, "cannot find the plan's title (a line like 'XX县…工作方案（2024—2026年）') "
                              f"in its first {HEAD_LINES} lines: is this a plan?")
    region = region_from_title(title)
    if region_zh:
        region = {"region_zh": region_zh.strip(),
                  "parent": region["parent"] if region["region_zh"] == region_zh.strip() else None,
                  "province": region["province"] if region["region_zh"] == region_zh.strip() else None}
    elif region["region_zh"] is None:
        raise PlanError(path, f"cannot tell the region from the title 「{title}」: give it with --region "
                              "(e.g. --region 天长市)")
    period = PERIOD.search(title)
    period_start, period_end = int(period.group(1)), int(period.group(2))
    region_id = _known_region_id(existing, region["region_zh"], region["parent"])
    if not region_id:
        warnings.append(f"region_id (GB/T 2260 code) of {region['region_zh']} is not known: fill it in the manifest")
    kind = plan_kind(title)
    if not kind:
        warnings.append("the kind of plan (强县示范县, 强市试点城市 …) is not in the title: fill plan_kind")
    date, date_line = find_date(head)
    if date is None:
        warnings.append("no line holding only a date was found: fill date and date_note")

    doc_id = _unique_doc_id(doc_id or _doc_id(path, region_id, sha256, period_start), existing)
    target = _safe_target(path, doc_id, raw_dir)
    entry = {
        "doc_id": doc_id,
        "file": target.name,
        "region_id": region_id,
        "region_zh": region["region_zh"],
        "region_en": "",
        "province": region["province"] or "",
        "parent": region["parent"],
        "admin_level": _admin_level(region["region_zh"], region["parent"]),
        "title": title,
        "plan_kind": kind,
        "period_start": period_start,
        "period_end": period_end,
        "status": "draft" if "征求意见稿" in title else "issued",
        "date": date or "",
        "date_note": f"the date line in the text (line {date_line}); added by `etl add`" if date else "",
        "sha256": sha256,
    }
    raw_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, target)
    if hashlib.sha256(target.read_bytes()).hexdigest() != sha256:
        target.unlink()
        raise PlanError(target, "the copy differs from the original: nothing added")
    try:
        _append_entry(manifest, entry, len(existing))
    except Exception:
        target.unlink()  # no half-added plan: the copy goes if the manifest could not take it
        raise
    return {**entry, "path": str(target), "warnings": warnings}


# --- reading the plan's head ----------------------------------------------------------------

def _head_lines(text: str) -> list[tuple[int, str]]:
    """The first non-blank lines as (line number in the file, tidied text)."""
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = re.sub(r"\[bookmark:[^\]]*\]|^#+\s*|\*\*", "", line)  # Word/Markdown conversion marks
        line = re.sub(r"[\s\u3000]+", " ", line).strip()
        line = re.sub(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])", "", line)  # "建设试点城市 工作方案"
        if line:
            lines.append((number, line))
        if len(lines) >= HEAD_LINES:
            break
    return lines


def find_title(head: list[tuple[int, str]]) -> str | None:
    """The plan's title: quoted in the notice that issues it (《…》, “…”), else standing on one to
    three lines of its own (titles are often broken over lines)."""
    head = [line for _number, line in head]
    for line_count in (1, 2, 3):
        for i in range(len(head)):
            joined = "".join(head[i:i + line_count])
            for quoted in QUOTED.finditer(joined):
                if TITLE.fullmatch(quoted.group(1)) and "知识产权" in quoted.group(1):
                    return quoted.group(1)
    for line_count in (1, 2, 3):
        for i in range(len(head) - line_count + 1):
            joined = "".join(head[i:i + line_count])
            if TITLE.fullmatch(joined) and "知识产权" in joined:
                return _join_draft_mark(joined, head[i + line_count:i + line_count + 1])
    return None


def _join_draft_mark(title: str, following: list[str]) -> str:
    # 天长's title line is followed by "(征求意见稿)" on a line of its own.
    if following and re.fullmatch(_DRAFT, following[0]) and "征求意见稿" not in title:
        return title + following[0]
    return title


def region_from_title(title: str) -> dict:
    """{"region_zh", "parent", "province"} from the words before 创建/国家知识产权 in the title:
    "枣庄市市中区创建…" → 市中区, parent 枣庄市."""
    match = REGION_END.search(title)
    units = _admin_units(title[:match.start()] if match else "")
    if not units:
        return {"region_zh": None, "parent": None, "province": None}
    province = next((u for u in units if u.endswith(("省", "自治区"))), None)
    below = [u for u in units if u != province]
    if not below:
        return {"region_zh": None, "parent": None, "province": province}
    return {"region_zh": below[-1], "parent": below[-2] if len(below) > 1 else None, "province": province}


def _admin_units(prefix: str) -> list[str]:
    # Split "山东省枣庄市市中区" into 山东省 / 枣庄市 / 市中区.  A name has at least two characters
    # before its suffix is allowed to end it, which keeps 市中区 whole.
    units, start = [], 0
    prefix = re.sub(r"[^\u4e00-\u9fff]", "", prefix)
    for end in range(len(prefix)):
        if end - start >= 1 and prefix[end] in ADMIN_SUFFIX:
            units.append(prefix[start:end + 1])
            start = end + 1
    return units if start == len(prefix) else []


def plan_kind(title: str) -> str:
    match = PLAN_KIND.search(title)
    return f"强{match.group(1)}{match.group(2)}{match.group(3)}" if match else ""


def find_date(head: list[tuple[int, str]]) -> tuple[str | None, int | None]:
    """ISO date of the first line that holds only a date, and that line's number in the file.  A date inside a sentence (盐城's "2022年8月4日，国家知识产权局发文…")
    dates an event, not the document, so it is not taken."""
    for number, line in head:
        match = DATE_LINE.match(line)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return f"{year:04d}-{month:02d}-{day:02d}", number
    return None, None


def _admin_level(region_zh: str, parent: str | None) -> str:
    if region_zh.endswith("区"):
        return "urban district"
    if region_zh.endswith("县"):
        return "county"
    if region_zh.endswith("市") and parent:
        return "county-level city"
    return ""


# --- the manifest ---------------------------------------------------------------------------

def _manifest_entries(manifest: Path) -> list[dict]:
    if not manifest.exists():
        return []
    try:
        doc = yaml.safe_load(manifest.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise ManifestError(manifest, f"not valid YAML, nothing added: {err}") from None
    return list(doc.get("sources") or [])


def _known_region_id(entries: list[dict], region_zh: str, parent: str | None) -> str:
    for entry in entries:
        if entry.get("region_zh") == region_zh and (parent is None or entry.get("parent") in (None, parent)):
            if entry.get("region_id"):
                return str(entry["region_id"])
    return ""


def _doc_id(path: Path, region_id: str, sha256: str, period_start: int) -> str:
    # The manifest's ids are a Latin name and the first year (yixing-2024); a file named in Latin
    # letters gives the name, else the region code, else the checksum.
    latin = re.match(r"[A-Za-z]+", path.stem)
    stem = latin.group(0).lower() if latin else (region_id or f"plan-{sha256[:8]}")
    return f"{stem}-{period_start}"


def _unique_doc_id(doc_id: str, entries: list[dict]) -> str:
    taken = {entry.get("doc_id") for entry in entries}
    candidate, n = doc_id, 2
    while candidate in taken:
        candidate, n = f"{doc_id}-{n}", n + 1
    return candidate


def _safe_target(path: Path, doc_id: str, raw_dir: Path) -> Path:
    """Keep a plain Latin file name; anything else (Chinese, spaces, shell characters) is
    named after the doc_id.  Never overwrite a file already in raw_dir."""
    suffix = path.suffix.lower()
    stem = path.stem if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,80}", path.stem) else doc_id
    target, n = raw_dir / f"{stem}{suffix}", 2
    while target.exists():
        target, n = raw_dir / f"{stem}-{n}{suffix}", n + 1
    return target


def _entry_yaml(entry: dict) -> str:
    """The entry as the manifest writes one: `  - key: value`, two-space indent, Chinese as is."""
    lines = []
    for i, (key, value) in enumerate(entry.items()):
        scalar = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000)
        scalar = scalar.strip()
        if scalar.endswith("\n...") or scalar.endswith("..."):
            scalar = scalar[: scalar.rfind("...")].strip()
        if key == "region_id":
            scalar = f'"{value}"'  # GB/T 2260 codes are text: keep leading digits as written
        lines.append(f"  {'- ' if i == 0 else '  '}{key}: {scalar}")
    return "\n".join(lines) + "\n"


def _append_entry(manifest: Path, entry: dict, count_before: int) -> None:
    old = manifest.read_text(encoding="utf-8") if manifest.exists() else ""
    if not re.search(r"^sources:", old, flags=re.M):
        old += ("" if not old or old.endswith("\n") else "\n") + "sources:\n"
    new = old + ("" if old.endswith("\n") else "\n") + _entry_yaml(entry)
    # Appending only works while `sources:` is the last key; check before replacing the file.
    try:
        sources = (yaml.safe_load(new) or {}).get("sources") or []
    except yaml.YAMLError as err:
        raise ManifestError(manifest, f"appending would break the manifest ({err}): nothing added") from None
    written = dict(sources[-1]) if sources else {}
    if len(sources) != count_before + 1 or {k: str(v) for k, v in written.items()} != {
            k: str(v) for k, v in entry.items()}:
        raise ManifestError(manifest, "the manifest's `sources:` list is not at its end, so an entry cannot be "
                                      "appended safely: nothing added")
    handle, temporary = tempfile.mkstemp(dir=manifest.parent if manifest.parent.exists() else None,
                                         prefix=".sources-", suffix=".yaml")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(new)
    os.replace(temporary, manifest)
