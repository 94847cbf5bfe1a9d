"""`python -m etl add FILE_OR_FOLDER… [--region 名称]`: take new plans into data/raw/ and the manifest.

The file is copied byte for byte (its sha256 is recorded, so the build can prove it untouched)
and one entry is appended to sources.yaml.  What the entry says is read from the plan itself:
the title, and from the title the region, the kind of plan, the period and the draft status;
the date from a line that holds only a date (the signature line).  Anything that cannot be read
is either asked for (the region: --region) or left empty with a warning for a person to fill.

The manifest is appended to as text, never rewritten, so its comments and layout stay as a
person wrote them; the result is parsed back before it replaces the old file.

`add_plans` is a transaction: many files are read in parallel (a file that cannot be read, or
holds no target, is refused on its own with its reason), the rest are copied and recorded, and
the warehouse is rebuilt once.  If that rebuild fails, the manifest and data/raw/ are put back
byte for byte and the previous warehouse keeps serving.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from etl.base import yaml_io
from etl.base.errors import ManifestError, PlanError
from etl.base.paths import MANIFEST, RAW_DIR
from etl.read.readers import read_document
from etl.read.regions import assign_region_ids, region_key
from etl.vocab.documents import NAME_CLOSE, NAME_OPEN
from etl.vocab.plan_head import (  # the words a plan's head is read by
    ADMIN_SUFFIX,
    CITY_ENDING,
    COUNTY_ENDING,
    DATE_LINE,
    DISTRICT_ENDING,
    DOC_NUMBER_LINE,
    DRAFT,
    DRAFT_WORD,
    ISSUER_LINE,
    NOTICE_OPENING,
    PERIOD,
    PLAN_KIND,
    PLAN_KIND_EXAMPLES,
    PLAN_KIND_NAME,
    PROVINCE_ENDINGS,
    QUOTED,
    REGION_END,
    REGION_EXAMPLE,
    SUBJECT,
    TITLE,
    TITLE_EXAMPLE,
)
from etl.warehouse import observations as obs

HEAD_LINES = 60  # the title and the signature date sit in the notice at the top
PLAN_SUFFIXES = (".txt", ".docx", ".pdf")
MAX_STEM = 60  # stored file names stay short: some file systems refuse names over 255 bytes


@dataclass
class PreparedPlan:
    """What reading one file told us, before anything is written: the entry's fields read from
    the plan, or the reason it is refused."""
    path: Path
    sha256: str = ""
    fields: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    refused: str | None = None


@dataclass
class AddOutcome:
    path: Path
    status: str  # added, refused or duplicate
    message: str
    entry: dict | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class AddSummary:
    outcomes: list[AddOutcome]
    report: object | None = None  # etl.warehouse.steps.BuildReport of the one rebuild, if there was one

    def of(self, status: str) -> list[AddOutcome]:
        return [o for o in self.outcomes if o.status == status]

    def __str__(self) -> str:
        lines = [f"{len(self.of('added'))} added, {len(self.of('refused'))} refused, "
                 f"{len(self.of('duplicate'))} duplicate"]
        for outcome in self.outcomes:
            lines.append(f"  {outcome.status:9} {outcome.path}: {outcome.message}")
            lines += [f"            note: {warning}" for warning in outcome.warnings]
        return "\n".join(lines)


def prepare_plan(path: str | Path, region_zh: str | None = None, check_targets: bool = True) -> PreparedPlan:
    """Read one plan and everything its manifest entry needs.  Writes nothing; never raises for
    a bad plan: the reason goes into `refused`.  Runs in a worker process for a batch."""
    path = Path(path)
    try:
        return _prepare(path, region_zh, check_targets)
    except PlanError as error:
        return PreparedPlan(path, refused=error.message)


def _prepare(path: Path, region_zh: str | None, check_targets: bool) -> PreparedPlan:
    document = read_document(path)  # refuses empty, binary, encrypted, scanned … files
    head = head_lines(document.text)
    title = find_title(head)
    if title is None:
        raise PlanError(path, f"cannot find the plan's title (a line like '{TITLE_EXAMPLE}') "
                              f"in its first {HEAD_LINES} lines: is this a plan?")
    region = region_from_title(title)
    if region_zh:
        same = region["region_zh"] == region_zh.strip()
        region = {"region_zh": region_zh.strip(), "parent": region["parent"] if same else None,
                  "province": region["province"] if same else None}
    elif region["region_zh"] is None:
        raise PlanError(path, f"cannot tell the region from the title {NAME_OPEN}{title}{NAME_CLOSE}: give it "
                              f"with --region (e.g. --region {REGION_EXAMPLE})")
    period = PERIOD.search(title)
    period_start, period_end = int(period.group(1)), int(period.group(2))
    if check_targets:
        _check_has_targets(path, document, (period_start, period_end))
    warnings = list(getattr(document, "warnings", []))
    kind = plan_kind(title)
    if not kind:
        warnings.append(f"the kind of plan ({PLAN_KIND_EXAMPLES}) is not in the title: fill plan_kind")
    date, date_line = find_date(head)
    if date is None:
        warnings.append("no line holding only a date was found: fill date and date_note")
    issuer = find_issuer(head, date_line)
    if not issuer:
        warnings.append("the issuing body is not named in the notice at the top: fill issuer if you know it")
    fields = {"region_zh": region["region_zh"], "region_en": "", "province": region["province"] or "",
              "parent": region["parent"], "admin_level": _admin_level(region["region_zh"], region["parent"]),
              "title": title, "plan_kind": kind, "period_start": period_start, "period_end": period_end,
              "status": "draft" if DRAFT_WORD in title else "issued", "date": date or "",
              "date_note": f"the date line in the text (line {date_line}); added by `etl add`" if date else "",
              "issuer": issuer, "doc_number": find_doc_number(head), "url": ""}  # a file has no URL of its own
    return PreparedPlan(path, hashlib.sha256(path.read_bytes()).hexdigest(), fields, warnings)


def _check_has_targets(path: Path, document, period: tuple[int, int]) -> None:
    """The build refuses a plan without targets: refuse it here, on its own, instead."""
    from etl.warehouse.plan import extract_document  # the extractor is only needed when adding

    if extract_document(document, period=period).targets.empty:
        raise PlanError(path, "no targets found: is this a plan of the genre?")


def add_plan(path: str | Path, region_zh: str | None = None, raw_dir: Path = RAW_DIR,
             manifest: Path = MANIFEST, doc_id: str | None = None) -> dict:
    """Copy `path` into `raw_dir` and append its entry to `manifest` (no rebuild).

    Returns the entry as written, plus two keys not written to the manifest: `path` (the copy)
    and `warnings` (what a person should check or fill in, e.g. an unknown GB/T 2260 code).
    Raises PlanError for an unreadable plan, a duplicate, or a region that cannot be told."""
    prepared = _prepare(Path(path), region_zh, check_targets=False)
    outcome = _commit([prepared], Path(raw_dir), Path(manifest), doc_ids={prepared.path: doc_id})[0]
    if outcome.status != "added":
        raise PlanError(path, outcome.message)
    return {**outcome.entry, "path": str(Path(raw_dir) / outcome.entry["file"]), "warnings": outcome.warnings}


def add_plans(paths: list[str | Path], region_zh: str | None = None, raw_dir: Path = RAW_DIR,
              manifest: Path = MANIFEST, db_path: Path | None = None, jobs: int | None = None,
              progress: bool | None = None, cache_dir: Path | None = None) -> AddSummary:
    """Add many plans (files or folders of .txt/.docx/.pdf) and rebuild once.

    Each file is read in a worker process; an unreadable one is refused with its reason and the
    rest go in.  With `db_path`, the warehouse is rebuilt after the manifest is written; if that
    fails, the manifest and raw folder are restored byte for byte and PlanError says why."""
    raw_dir, manifest = Path(raw_dir), Path(manifest)
    files = expand_paths(paths)
    prepared = _prepare_all(files, region_zh, jobs, progress)
    snapshot = _Snapshot(manifest)
    outcomes = _commit(prepared, raw_dir, manifest)
    summary = AddSummary(outcomes)
    if db_path is not None and summary.of("added"):
        from etl.warehouse.steps import build  # the build imports this module's neighbours, not the reverse

        try:
            summary.report = build(Path(db_path), manifest=manifest, jobs=jobs, cache_dir=cache_dir)
        except Exception as error:
            snapshot.restore([raw_dir / o.entry["file"] for o in summary.of("added")])
            message = error.message if isinstance(error, PlanError) else f"{type(error).__name__}: {error}"
            raise PlanError(getattr(error, "path", None) or manifest,
                            f"the rebuild failed, so nothing was added (manifest and {raw_dir} restored, the "
                            f"previous warehouse still serves): {message}", getattr(error, "line", None)) from error
    return summary


def expand_paths(paths: list[str | Path]) -> list[Path]:
    """Files as given, folders as the plan files inside them (sorted, not recursive)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in PLAN_SUFFIXES)
        else:
            files.append(path)
    return files


def _prepare_all(files: list[Path], region_zh: str | None, jobs: int | None,
                 progress: bool | None) -> list[PreparedPlan]:
    from tqdm import tqdm

    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(total=len(files), desc="reading plans", unit="plan", disable=not show, file=sys.stderr)
    jobs = min(jobs or os.cpu_count() or 1, len(files) or 1)
    try:
        if jobs < 2 or len(files) < 4:
            return [_tick(bar, prepare_plan(f, region_zh)) for f in files]
        from etl.warehouse.steps import _pool_context  # one rule for fork vs spawn

        with ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context()) as pool:
            return [_tick(bar, p) for p in pool.map(prepare_plan, files, [region_zh] * len(files))]
    finally:
        bar.close()


def _tick(bar, value):
    bar.update(1)
    return value


class _Snapshot:
    """The manifest's bytes before an add, to put back if the rebuild fails."""

    def __init__(self, manifest: Path):
        self.manifest = manifest
        self.before = manifest.read_bytes() if manifest.exists() else None

    def restore(self, copies: list[Path]) -> None:
        for copy in copies:
            copy.unlink(missing_ok=True)
        if self.before is None:
            self.manifest.unlink(missing_ok=True)
        else:
            _write_atomically(self.manifest, self.before)


def _commit(prepared: list[PreparedPlan], raw_dir: Path, manifest: Path,
            doc_ids: dict[Path, str | None] | None = None) -> list[AddOutcome]:
    """Copy the readable, new plans and append their entries to the manifest in one write."""
    existing = _manifest_entries(manifest)
    seen = {entry.get("sha256"): entry.get("doc_id") for entry in existing}
    outcomes, entries, copies = [], [], []
    for plan in prepared:
        if plan.refused:
            outcomes.append(AddOutcome(plan.path, "refused", plan.refused))
            continue
        if plan.sha256 in seen:
            outcomes.append(AddOutcome(plan.path, "duplicate", f"this file is already in the manifest as "
                                                                f"{seen[plan.sha256]}: nothing added"))
            continue
        entry, warnings = _new_entry(plan, existing + entries, (doc_ids or {}).get(plan.path))
        seen[plan.sha256] = entry["doc_id"]
        target = _safe_target(plan.path, entry["doc_id"], raw_dir, taken={c.name for c in copies})
        entry["file"] = target.name
        entries.append(entry)
        copies.append(target)
        outcomes.append(AddOutcome(plan.path, "added", f"added as {entry['doc_id']} ({entry['region_zh']}, "
                                                       f"region_id {entry['region_id']})", entry, warnings))
    if entries:
        _write_plans(prepared, outcomes, copies, entries, existing, manifest, raw_dir)
    return outcomes


def _write_plans(prepared, outcomes, copies, entries, existing, manifest: Path, raw_dir: Path) -> None:
    raw_dir.mkdir(parents=True, exist_ok=True)
    sources = [o.path for o in outcomes if o.status == "added"]
    written: list[Path] = []
    try:
        for source, target, entry in zip(sources, copies, entries):
            shutil.copyfile(source, target)
            written.append(target)
            if hashlib.sha256(target.read_bytes()).hexdigest() != entry["sha256"]:
                raise PlanError(target, "the copy differs from the original: nothing added")
        _append_entries(manifest, entries, len(existing))
    except Exception:
        for target in written:  # no half-added plan: the copies go if the manifest could not take them
            target.unlink(missing_ok=True)
        raise


def _new_entry(plan: PreparedPlan, entries: list[dict], doc_id: str | None) -> tuple[dict, list[str]]:
    fields, warnings = plan.fields, list(plan.warnings)
    region_id = _known_region_id(entries, fields["region_zh"], fields["parent"])
    if not region_id:
        key = region_key(fields["region_zh"], fields["parent"], fields["province"])
        region_id = assign_region_ids([*entries, {**fields}])[key]
        warnings.append(f"the GB/T 2260 code of {fields['region_zh']} is not known: it was given the generated id "
                        f"{region_id}; write the code in the manifest if you know it")
    doc_id = _unique_doc_id(doc_id or _doc_id(plan.path, region_id, plan.sha256, fields["period_start"]), entries)
    entry = {"doc_id": doc_id, "file": "", "region_id": region_id, **fields, "sha256": plan.sha256}
    return entry, warnings


# --- reading the plan's head ----------------------------------------------------------------

def head_lines(text: str) -> list[tuple[int, str]]:
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
                if TITLE.fullmatch(quoted.group(1)) and SUBJECT in quoted.group(1):
                    return quoted.group(1)
    for line_count in (1, 2, 3):
        for i in range(len(head) - line_count + 1):
            joined = "".join(head[i:i + line_count])
            if TITLE.fullmatch(joined) and SUBJECT in joined:
                return _join_draft_mark(joined, head[i + line_count:i + line_count + 1])
    return None


def _join_draft_mark(title: str, following: list[str]) -> str:
    # 天长's title line is followed by "(征求意见稿)" on a line of its own.
    if following and re.fullmatch(DRAFT, following[0]) and DRAFT_WORD not in title:
        return title + following[0]
    return title


def region_from_title(title: str) -> dict:
    """{"region_zh", "parent", "province"} from the words before 创建/国家知识产权 in the title:
    "枣庄市市中区创建…" → 市中区, parent 枣庄市."""
    match = REGION_END.search(title)
    units = _admin_units(title[:match.start()] if match else "")
    if not units:
        return {"region_zh": None, "parent": None, "province": None}
    province = next((u for u in units if u.endswith(PROVINCE_ENDINGS)), None)
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
    return PLAN_KIND_NAME.format(*match.groups()) if match else ""


def find_date(head: list[tuple[int, str]]) -> tuple[str | None, int | None]:
    """ISO date of the first line that holds only a date, and that line's number in the file.  A date inside a sentence (盐城's "2022年8月4日，国家知识产权局发文…")
    dates an event, not the document, so it is not taken."""
    for number, line in head:
        match = DATE_LINE.match(line)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return f"{year:04d}-{month:02d}-{day:02d}", number
    return None, None


def find_doc_number(head: list[tuple[int, str]]) -> str:
    """The notice's own 文号: the first line of the head that holds only a document number."""
    for _number, line in head:
        compact = line.replace(" ", "")
        if DOC_NUMBER_LINE.fullmatch(compact):
            return compact
    return ""


def find_issuer(head: list[tuple[int, str]], date_line: int | None) -> str:
    """The issuing body as the notice names it: the signature line just above the date line
    (宜兴市人民政府办公室 / 2024年6月12日), else the heading line naming a body just above
    the notice's "关于…" title (天长市市场监督管理局 / 关于征求…的通知)."""
    lines = [line for _number, line in head]
    numbers = [number for number, _line in head]
    if date_line in numbers:
        i = numbers.index(date_line)
        if i > 0 and ISSUER_LINE.fullmatch(lines[i - 1]):
            return lines[i - 1]
    for i in range(1, len(lines)):
        if lines[i].startswith(NOTICE_OPENING) and ISSUER_LINE.fullmatch(lines[i - 1]):
            return lines[i - 1]
    return ""


def _admin_level(region_zh: str, parent: str | None) -> str:
    if region_zh.endswith(DISTRICT_ENDING):
        return "urban district"
    if region_zh.endswith(COUNTY_ENDING):
        return "county"
    if region_zh.endswith(CITY_ENDING) and parent:
        return "county-level city"
    return ""


# --- the manifest ---------------------------------------------------------------------------

def _manifest_entries(manifest: Path) -> list[dict]:
    if not manifest.exists():
        return []
    try:
        doc = yaml_io.safe_load(manifest.read_text(encoding="utf-8")) or {}
    except yaml_io.YAMLError as err:
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
    # letters gives the name, else the region id, else the checksum.
    latin = re.match(r"[A-Za-z]+(?:[_-][A-Za-z]+)*", path.stem)
    stem = latin.group(0).lower().replace("_", "-")[:40] if latin else (region_id or f"plan-{sha256[:8]}")
    return f"{stem}-{period_start}"


def _unique_doc_id(doc_id: str, entries: list[dict]) -> str:
    taken = {entry.get("doc_id") for entry in entries}
    candidate, n = doc_id, 2
    while candidate in taken:
        candidate, n = f"{doc_id}-{n}", n + 1
    return candidate


def _safe_target(path: Path, doc_id: str, raw_dir: Path, taken: set[str] = frozenset()) -> Path:
    """Keep a plain, short Latin file name; anything else (Chinese, spaces, NUL, path parts,
    shell characters, a name too long for the file system) is named after the doc_id.  Never
    overwrite a file already in raw_dir, nor one another plan of the same batch will take."""
    suffix = path.suffix.lower() if path.suffix.lower() in PLAN_SUFFIXES else ".txt"
    plain = re.fullmatch(rf"[A-Za-z0-9][A-Za-z0-9._-]{{0,{MAX_STEM - 1}}}", path.stem)
    stem = path.stem if plain else re.sub(r"[^A-Za-z0-9._-]+", "-", doc_id)[:MAX_STEM]
    target, n = raw_dir / f"{stem}{suffix}", 2
    while target.exists() or target.name in taken:
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


def _append_entries(manifest: Path, entries: list[dict], count_before: int) -> None:
    """Append the entries as text and parse the result back before it replaces the manifest."""
    old = manifest.read_text(encoding="utf-8") if manifest.exists() else ""
    if not re.search(r"^sources:", old, flags=re.M):
        old += ("" if not old or old.endswith("\n") else "\n") + "sources:\n"
    new = old + ("" if old.endswith("\n") else "\n") + "".join(_entry_yaml(entry) for entry in entries)
    # Appending only works while `sources:` is the last key; check before replacing the file.
    try:
        sources = (yaml_io.safe_load(new) or {}).get("sources") or []
    except yaml_io.YAMLError as err:
        raise ManifestError(manifest, f"appending would break the manifest ({err}): nothing added") from None
    appended = [dict(source) for source in sources[count_before:]]
    if len(sources) != count_before + len(entries) or [{k: str(v) for k, v in a.items()} for a in appended] != [
            {k: str(v) for k, v in entry.items()} for entry in entries]:
        raise ManifestError(manifest, "the manifest's `sources:` list is not at its end, so an entry cannot be "
                                      "appended safely: nothing added")
    _write_atomically(manifest, new.encode("utf-8"))


def _write_atomically(path: Path, data: bytes) -> None:
    handle, temporary = tempfile.mkstemp(dir=path.parent if path.parent.exists() else None,
                                         prefix=".sources-", suffix=".yaml")
    with os.fdopen(handle, "wb") as out:
        out.write(data)
    os.replace(temporary, path)


# --- a researcher's observations (issue 22): validated whole, copied, rebuilt once -------------

@dataclass
class AddResult:
    path: Path
    problems: list[obs.RowProblem]
    copied_to: Path | None = None
    rows: int = 0
    report: object = None

    def __str__(self) -> str:
        if self.problems:
            lines = [f"{self.path}: refused, nothing was written ({len(self.problems)} problem(s)):"]
            return "\n".join(lines + [f"  - {problem}" for problem in self.problems])
        return f"{self.path}: {self.rows} observation(s) added as {self.copied_to}"


def add_observation_file(path: Path, db_path: Path, manifest: Path, cache_dir: Path | None = None) -> AddResult:
    """Validate a researcher's file whole; if every row is good, copy it into data/observations/ and
    rebuild.  A refused file changes nothing; a failed rebuild takes the copy back out."""
    from etl.warehouse.steps import build  # the build is only needed when adding

    path, folder = Path(path), obs.observations_dir(manifest)
    if not path.is_file():
        raise PlanError(path, "no such file")
    _existing, _notes, taken = obs.researcher_observations(folder, obs.regions_of_manifest(manifest))
    found = obs.read_observation_file(path, obs.regions_of_manifest(manifest), taken)
    same = next((p for p in sorted(folder.glob("*.csv")) if p.read_bytes() == path.read_bytes()), None) \
        if folder.is_dir() else None
    if same is not None:
        found.problems.insert(0, obs.problem(1, "already_added", name=same.name))
    if found.problems:
        return AddResult(path, found.problems)
    folder.mkdir(parents=True, exist_ok=True)
    target = _free_name(folder, path.stem)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".adding-", suffix=".csv")
    os.close(handle)
    shutil.copyfile(path, temporary)
    os.replace(temporary, target)
    try:
        report = build(Path(db_path), manifest=Path(manifest), cache_dir=cache_dir, stamp=True)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return AddResult(path, [], target, len(found.rows), report)


def _free_name(folder: Path, stem: str) -> Path:
    safe = re.sub(r"[^\w.-]+", "_", stem).strip("._") or "observations"
    candidate, n = folder / f"{safe}.csv", 2
    while candidate.exists():
        candidate, n = folder / f"{safe}-{n}.csv", n + 1
    return candidate
