"""A researcher's review, without Streamlit: corrections that last, the plan store, the review
queue and the project file of a read-only deployment.

    Store / plan_store()            where plans, their manifest and their corrections live
                                    (data/raw by default; $IPBENCH_RAW_DIR points elsewhere)
    edit_entry / reject_entry /     one correction of a warehouse row, in the format of
    add_entry                       data/corrections/<doc_id>.yaml (etl.warehouse.corrections)
    save_corrections(…)             record them and rebuild: one transaction
    session_entries / editor_from_entries
                                    an upload's editor table ↔ correction entries
    save_upload(…)                  an uploaded plan into the store, with its person's corrections
    project_bytes / read_project    the upload as a small JSON file (file bytes + corrections)
    review_queue / queue_counts     the rows most worth a person's look first

Pages call these; nothing here draws.  Everything a person writes (reason, name) is data and
is shown by the pages through dashboard.safe_text.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard import text_checks
from dashboard import upload as up
from dashboard.cells import blank, same
from dashboard.glossary import english_text
from dashboard.i18n import t
from dashboard.note_text import note_text
from etl import api as etl_api
from etl.api import RAW_DIR, UNMAPPED, Correction, PlanError

RAW_DIR_ENV = "IPBENCH_RAW_DIR"  # the plan store: a folder holding sources.yaml and the plans
# The fields a review form may change (etl.warehouse.corrections.EDITABLE keeps more; these are the ones shown).
FORM_FIELDS = ("value", "unit", "comparator", "scope", "target_year", "indicator_id", "category")
UNIT_ONLY_MATCH = ("value", "unit")
PROJECT_FORMAT = "ipbench-upload"
PROJECT_VERSION = 1
MAX_PROJECT_BYTES = 40 * 1024 * 1024  # a 20 MB plan in base64, plus its corrections


# --- the plan store --------------------------------------------------------------------------

@dataclass(frozen=True)
class Store:
    raw_dir: Path

    @property
    def manifest(self) -> Path:
        return self.raw_dir / "sources.yaml"

    @property
    def corrections(self) -> Path:
        return etl_api.corrections_dir(self.manifest)


def plan_store(environ: dict | None = None) -> Store:
    """data/raw, or the folder $IPBENCH_RAW_DIR names (a test's or a deployment's own copy)."""
    environ = os.environ if environ is None else environ
    configured = (environ.get(RAW_DIR_ENV) or "").strip()
    return Store(Path(configured).resolve() if configured else RAW_DIR)


def editing_allowed(store: Store | None = None) -> bool:
    """Corrections and saved uploads need a writable store on a host not flagged read-only."""
    return up.saving_allowed((store or plan_store()).raw_dir)


# --- one correction of a warehouse row ------------------------------------------------------

def _plain(value):
    """A cell as YAML can hold it: None, int, float or str (numpy and pandas types unwrapped)."""
    if blank(value):
        return None
    return value.item() if hasattr(value, "item") else value


def typed(field_name: str, value):
    """A form's value in the type the targets table holds."""
    value = _plain(value)
    if value is None:
        return None
    if field_name in ("value", "value_max", "baseline"):
        return float(value)
    if field_name == "target_year":
        return int(value)
    return str(value).strip() or None


def changed_fields(row: dict, wanted: dict) -> dict:
    """The fields of `wanted` whose value differs from the row's (typed, blanks alike)."""
    out = {}
    for name, value in wanted.items():
        new, old = typed(name, value), typed(name, row.get(name))
        if not same(new, old):
            out[name] = new
    return out


def match_for(row: dict, sentence_rows: pd.DataFrame) -> dict:
    """The fewest fields that pick `row` alone out of the rows read from its sentence: value and
    unit, then the plan's wording, then the target id as a last resort."""
    keys: list[str] = [k for k in UNIT_ONLY_MATCH if not blank(row.get(k))]
    for extra in ([], ["raw_name"]):
        chosen = keys + [k for k in extra if not blank(row.get(k))]
        match = {k: _plain(row[k]) for k in chosen}
        if len(_fitting(sentence_rows, match)) == 1:
            return match
    return {"target_id": row["target_id"]}


def _fitting(rows: pd.DataFrame, match: dict) -> pd.DataFrame:
    keep = pd.Series(True, index=rows.index)
    for key, wanted in match.items():
        if key == "value":
            keep &= pd.to_numeric(rows[key], errors="coerce").sub(float(wanted)).abs().lt(1e-9)
        else:
            keep &= rows[key].astype(str) == str(wanted)
    return rows[keep]


def _entry(action: str, row: dict, why: str, who: str, when: str | None) -> dict:
    if not str(why or "").strip():
        raise ValueError("a correction needs a reason")
    return {"action": action, "quote": row["quote"], "quote_start": _plain(row.get("quote_start")),
            "who": (who or "").strip() or None, "when": when or dt.date.today().isoformat(),
            "why": str(why).strip()}


def edit_entry(row: dict, sentence_rows: pd.DataFrame, wanted: dict, why: str, who: str = "",
               when: str | None = None) -> dict:
    """The correction that turns `row` into `wanted`; ValueError when nothing changes or no reason."""
    changes = changed_fields(row, wanted)
    if not changes:
        raise ValueError("nothing changed")
    return {**_entry("edit", row, why, who, when), "match": match_for(row, sentence_rows), "set": changes}


def reject_entry(row: dict, sentence_rows: pd.DataFrame, why: str, who: str = "", when: str | None = None) -> dict:
    return {**_entry("reject", row, why, who, when), "match": match_for(row, sentence_rows)}


def add_entry(quote: str, quote_start, fields: dict, why: str, who: str = "", when: str | None = None) -> dict:
    """A target the extractor missed in the sentence `quote` (raw_name, value, unit … as given)."""
    values = {k: typed(k, v) for k, v in fields.items() if not blank(v)}
    if not values.get("raw_name") and not values.get("indicator_id"):
        raise ValueError("an added target needs the plan's wording or an indicator")
    return {**_entry("add", {"quote": quote, "quote_start": quote_start}, why, who, when), "set": values}


def save_corrections(store: Store, db_path: Path, doc_id: str, sha256: str, entries: list[dict]):
    """Append `entries` to the plan's corrections file and rebuild the warehouse, as one
    transaction: if a correction is refused or the rebuild fails, the file is put back byte for
    byte and the previous warehouse keeps serving (PlanError says why)."""
    path = store.corrections / f"{doc_id}.yaml"
    before = path.read_bytes() if path.exists() else None
    try:
        for entry in entries:
            etl_api.record_correction(store.corrections, doc_id, sha256, entry)
        return etl_api.rebuild(Path(db_path), manifest=store.manifest)
    except Exception as error:
        if before is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(before)
        if isinstance(error, PlanError):
            raise
        raise PlanError(path, f"the rebuild failed, so the correction was not kept: "
                              f"{type(error).__name__}: {error}") from error


# --- the reading beside the correction -------------------------------------------------------

def reading_table(row: dict) -> pd.DataFrame:
    """field · now · what the extractor read (for a corrected row; empty otherwise)."""
    corrected = row.get("origin") == "manual"
    lines = []
    for name in FORM_FIELDS:
        extracted = row.get(f"extracted_{name}") if corrected else None
        lines.append({"field": name, "now": _shown(row.get(name)), "extracted": _shown(extracted) if corrected else ""})
    return pd.DataFrame(lines, columns=["field", "now", "extracted"])


def _shown(value) -> str:
    value = _plain(value)
    if value is None:
        return "—"
    return f"{value:g}" if isinstance(value, float) else str(value)


# --- an upload's editor table ↔ correction entries ---------------------------------------------

def session_entries(plan, edited: pd.DataFrame, why: str, who: str = "", when: str | None = None) -> list[dict]:
    """What a person did in the upload page's table, as corrections of the extraction: a changed
    row an edit, a deleted row a rejection, an added row an add (without a sentence: the editor
    has none, so such a row is kept in a project file but cannot go into the plan store)."""
    extracted = plan.targets.reset_index(drop=True)
    original = up.editor_frame(extracted)
    changed = up.changed_rows(original, edited)
    kept_rows = {int(r) for r in edited["row"] if not blank(r)}
    entries = []
    # Only the rows a person touched are looked up (this runs on every rerun of the upload page).
    for number in (n for n in original["row"] if n not in kept_rows or n in changed):
        row = extracted.iloc[int(number) - 1].to_dict()
        sentence = extracted[extracted["quote_start"] == row["quote_start"]]
        if number not in kept_rows:
            entries.append(reject_entry(row, sentence, why, who, when))
        else:
            line = edited[edited["row"] == number].iloc[0]
            wanted = {k: line.get(k) for k in ("raw_name", *FORM_FIELDS)}
            entries.append(edit_entry(row, sentence, wanted, why, who, when))
    for _, line in edited[edited["row"].isna()].iterrows():
        fields = {k: line.get(k) for k in ("raw_name", *FORM_FIELDS)}
        if not all(blank(v) for v in fields.values()):
            entries.append({**add_entry("", None, fields, why, who, when), "quote": ""})
    return entries


def editor_from_entries(plan, entries: list[dict]) -> pd.DataFrame:
    """The upload page's table with `entries` applied, as etl.warehouse.corrections applies them in a
    build: what a project file restores.  Entries that no longer fit are left out."""
    targets = plan.targets.reset_index(drop=True).copy()
    targets["_row"] = range(1, len(targets) + 1)
    with_quote = [_as_correction(plan.sha256, e, n) for n, e in enumerate(entries, 1) if e.get("quote")]
    applied = etl_api.apply_corrections(targets, with_quote, "upload", "", plan.sha256, plan.extraction.clean_text,
                                     lambda row: {}).targets
    frame = applied[up.EDITOR_COLUMNS[1:]].copy()
    frame.insert(0, "row", pd.array(applied["_row"], dtype="Int64"))
    added = [e["set"] for e in entries if e.get("action") == "add" and not e.get("quote")]
    if added:
        extra = pd.DataFrame([{"row": None, "quote": "", **a} for a in added]).reindex(columns=up.EDITOR_COLUMNS)
        frame = pd.concat([frame, extra], ignore_index=True)
    frame["row"] = pd.array(frame["row"], dtype="Int64")
    frame["target_year"] = pd.array(pd.to_numeric(frame["target_year"], errors="coerce"), dtype="Int64")
    frame["value"] = pd.to_numeric(frame["value"], errors="coerce").astype("float64")
    return frame.reset_index(drop=True)


def _as_correction(sha256: str, entry: dict, number: int) -> Correction:
    return Correction(doc_id="upload", sha256=sha256, action=entry["action"], quote=entry["quote"],
                           quote_start=entry.get("quote_start"), match=dict(entry.get("match") or {}),
                           set=dict(entry.get("set") or {}), who=entry.get("who") or "",
                           when=entry.get("when") or "", why=entry.get("why") or "", file="project", number=number)


def save_upload(data: bytes, filename: str, region_zh: str | None, entries: list[dict], store: Store,
                db_path: Path) -> dict:
    """The uploaded file into the plan store (etl.warehouse.add: copy, manifest, rebuild; undone if the
    rebuild fails), then its person's corrections, rebuilt again.  Returns the manifest entry with
    `corrections` (how many were kept) and `not_kept` (rows added without a sentence)."""
    entry = up.save_to_raw(data, filename, region_zh, raw_dir=store.raw_dir, manifest=store.manifest,
                           db_path=db_path)
    kept = [e for e in entries if e.get("quote")]
    if kept:
        save_corrections(store, db_path, entry["doc_id"], entry["sha256"], kept)
    return {**entry, "corrections": len(kept), "not_kept": len(entries) - len(kept)}


# --- the project file (read-only deployments) ------------------------------------------------

@dataclass
class Project:
    filename: str
    data: bytes
    region_zh: str = ""
    period: tuple[int | None, int | None] = (None, None)
    population_10k: float | None = None
    corrections: list[dict] = field(default_factory=list)


def project_bytes(project: Project) -> bytes:
    """A small JSON file: the plan's bytes (base64), its sha256, the names the person gave and
    their corrections in the format of data/corrections/*.yaml."""
    doc = {"format": PROJECT_FORMAT, "version": PROJECT_VERSION, "filename": project.filename,
           "sha256": hashlib.sha256(project.data).hexdigest(),
           "file_base64": base64.b64encode(project.data).decode("ascii"),
           "region_zh": project.region_zh, "period": list(project.period),
           "population_10k": project.population_10k, "corrections": project.corrections}
    return json.dumps(doc, ensure_ascii=False, indent=1, default=_plain).encode("utf-8")


def read_project(raw: bytes, name: str = "project.json") -> Project:
    """A project file back; PlanError (for a person) if it is not one or its plan was altered."""
    if len(raw) > MAX_PROJECT_BYTES:
        raise PlanError(name, f"a project file is at most {MAX_PROJECT_BYTES // (1024 * 1024)} MB")
    try:
        doc = json.loads(raw.decode("utf-8"))
        if not isinstance(doc, dict) or doc.get("format") != PROJECT_FORMAT:
            raise ValueError("not an upload project")
        data = base64.b64decode(doc["file_base64"], validate=True)
        period = tuple((doc.get("period") or [None, None])[:2])
        project = Project(filename=up.check_filename(str(doc["filename"])), data=data,
                          region_zh=str(doc.get("region_zh") or ""),
                          period=tuple(int(p) if p is not None else None for p in period),
                          population_10k=float(doc["population_10k"]) if doc.get("population_10k") else None,
                          corrections=[dict(c) for c in doc.get("corrections") or []])
    except PlanError:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as error:
        raise PlanError(name, f"not a project file of this dashboard ({type(error).__name__}: {error})") from None
    if hashlib.sha256(data).hexdigest() != doc.get("sha256"):
        raise PlanError(name, "the plan inside the project file does not match its checksum")
    return project


# --- the review queue ------------------------------------------------------------------------

QUEUE_KINDS = ("low_confidence", "unmapped", "annex_conflict", "odd_text", "correction_not_applied")
QUEUE_COLUMNS = ["doc_id", "region_id", "region_zh", "kind", "target_id", "what", "quote", "detail"]
ANNEX_KINDS = ("annex_vs_text", "annex_sum")
_NOTE_TARGET = re.compile(r"\btarget ([A-Za-z0-9_.\-]+?)(?=[,;)\s]|$)")


def review_queue(targets: pd.DataFrame, notes: pd.DataFrame, corrections: pd.DataFrame,
                 region_names: pd.Series | None = None, lang: str = "zh") -> pd.DataFrame:
    """One row per thing to look at, in the order worth a look: low-confidence readings, unmapped
    names, annex conflicts, what looks odd about a text (a letter among digits, no period, no date,
    targets without a year or a name), corrections that no longer apply.  A NULL confidence is unknown,
    not low.  `what` is worded in `lang` (dashboard.text_checks, i18n), never the ETL's English note.

    targets may be only the candidates (queries.review_candidates: the low and unmapped rows, picked
    in SQL from a warehouse of 1,000 plans); region_names (region_id → region_zh) then names the
    plans that have only notes or corrections to review."""
    confidence = targets["confidence"] if "confidence" in targets else pd.Series(None, index=targets.index)
    low = targets[confidence.astype("string").str.lower().eq("low").fillna(False)]
    unmapped = targets[targets["category"].eq(UNMAPPED)]
    parts = [_target_rows(low, "low_confidence", low.get("confidence_reason"), lang),
             _target_rows(unmapped, "unmapped", None, lang)]
    annex = notes[notes["kind"].isin(ANNEX_KINDS)]
    parts.append(pd.DataFrame({"doc_id": annex["doc_id"], "region_id": annex["region_id"], "kind": "annex_conflict",
                               "target_id": [_note_target(d) for d in annex["detail"]],
                               "what": [_annex_what(row, lang) for row in annex.to_dict("records")],
                               "quote": None, "detail": annex["detail"]}))
    odd = notes[notes["kind"].eq("odd_text")]
    parts.append(pd.DataFrame({"doc_id": odd["doc_id"], "region_id": odd["region_id"], "kind": "odd_text",
                               "target_id": None,
                               "what": [_odd_text(check, message, lang) for check, message in zip(odd["detail"], odd["message"])],
                               "quote": None, "detail": odd["detail"]}))
    stale = corrections[corrections["status"].ne("applied")] if len(corrections) else corrections
    parts.append(pd.DataFrame({"doc_id": stale.get("doc_id"), "region_id": stale.get("region_id"),
                               "kind": "correction_not_applied", "target_id": None,
                               "what": [t("queue_correction_not_applied", lang, changes=c)
                                        for c in stale.get("changes", pd.Series(dtype=object))],
                               "quote": stale.get("quote"), "detail": stale.get("why")}))
    queue = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(len(p) for p in parts) else None
    if queue is None:
        return pd.DataFrame(columns=QUEUE_COLUMNS)
    names = region_names if region_names is not None else \
        targets.drop_duplicates("region_id").set_index("region_id")["region_zh"]
    queue["region_zh"] = queue["region_id"].map(names).fillna(queue["region_id"])
    if lang == "en":  # the plan's words inside: listed terms in English (600件 → 600 items), the rest in 「」
        queue["what"] = queue["what"].map(english_text)
    return queue.reindex(columns=QUEUE_COLUMNS).reset_index(drop=True)


def _target_rows(rows: pd.DataFrame, kind: str, reasons, lang: str) -> pd.DataFrame:
    reasons = list(reasons) if reasons is not None else [None] * len(rows)
    what = [_what(row, reason, lang) for row, reason in zip(rows.to_dict("records"), reasons)]
    return pd.DataFrame({"doc_id": rows["doc_id"], "region_id": rows["region_id"], "kind": kind,
                         "target_id": rows["target_id"], "what": what, "quote": rows["quote"], "detail": None})


def _what(row: dict, reason, lang: str = "zh") -> str:
    unit = "" if blank(row.get("unit")) else str(row["unit"])
    value = "" if blank(row.get("value")) else f" {_shown(row['value'])}{unit}"
    text = f"{'' if blank(row.get('raw_name')) else row['raw_name']}{value}".strip()
    if blank(reason):
        return text
    said = reason_text(str(reason), lang)
    return f"{text}（{said}）" if lang == "zh" else f"{text} ({said})"


# The extractor's reasons for doubt (etl.warehouse.plan.confidence), each worded by the page.
_REASON_KEYS = {"no name found": "queue_reason_no_name", "unmapped name": "queue_reason_unmapped",
                "Chinese numeral": "queue_reason_numeral", "name far from its number": "queue_reason_far",
                "table row without a year": "queue_reason_table_year", "folded traditional text": "queue_reason_folded"}
_UNIT_REASON = re.compile(r"^unit (?P<unit>.+?) does not fit (?P<indicator>\S+) \((?P<expected>.*)\)$")
_ANNEX_VS_TEXT = re.compile(r"the plan text says (?P<text>\S+) but the annex table 「(?P<table>[^」]*)」 totals "
                            r"(?P<annex>\S+) \((?P<row>[^,]+), (?P<period>[^)]+)\)")
_ANNEX_SUM = re.compile(r"annex table 「(?P<table>[^」]*)」, (?P<period>[^:]+): the (?P<n>\d+) towns add up to "
                        r"(?P<added>\S+), but the (?P<row>.+?) row says (?P<stated>\S+)")


def reason_text(reason: str, lang: str) -> str:
    """The extractor's reasons ("no name found; Chinese numeral") in `lang`; one it does not know stays."""
    said = []
    for part in (p.strip() for p in reason.split(";") if p.strip()):
        unit = _UNIT_REASON.match(part)
        if unit:
            said.append(t("queue_reason_unit", lang, unit=unit["unit"], expected=unit["expected"],
                          indicator=_indicator_name(unit["indicator"], lang)))
        else:
            said.append(t(_REASON_KEYS[part], lang) if part in _REASON_KEYS else part)
    return ("；" if lang == "zh" else "; ").join(said)


def _indicator_name(indicator_id: str, lang: str) -> str:
    try:
        indicator = etl_api.harmonizer().get(indicator_id)
    except KeyError:
        return indicator_id
    return indicator.en if lang == "en" else indicator.zh


def annex_text(kind: str, message, lang: str) -> str:
    """An annex note (etl.extract.annex: the text against its annex, or towns against their total) in
    `lang`, from the figures the note states; a message of another shape is shown as the ETL wrote it."""
    message = str(message or "")
    pattern, key = (_ANNEX_VS_TEXT, "queue_annex_vs_text") if kind == "annex_vs_text" else (_ANNEX_SUM, "queue_annex_sum")
    found = pattern.search(message)
    return t(key, lang, **found.groupdict()) if found else message


def _annex_what(note: dict, lang: str) -> str:
    """An annex note in `lang` from its code and parts; a warehouse without codes: read from its message."""
    if isinstance(note.get("code"), str) and note["code"]:
        return note_text(note["code"], note.get("parts"), note.get("message"), lang)
    return annex_text(note.get("kind"), note.get("message"), lang)


def _odd_text(check, message, lang: str) -> str:
    odd = etl_api.odd_text_from_note(str(check), message)
    return text_checks.odd_text_line([odd], lang) if odd is not None else str(message or "")


def _note_target(detail) -> str | None:
    found = _NOTE_TARGET.search(str(detail or ""))
    return found.group(1) if found else None


def queue_counts(queue: pd.DataFrame) -> pd.DataFrame:
    """Per plan: how many of each kind, and the total, the plans with most to review first."""
    if queue.empty:
        return pd.DataFrame(columns=["doc_id", "region_zh", *QUEUE_KINDS, "total"])
    counts = (queue.groupby(["doc_id", "region_zh", "kind"]).size().unstack("kind", fill_value=0)
              .reindex(columns=list(QUEUE_KINDS), fill_value=0))
    counts["total"] = counts.sum(axis=1)
    counts.columns.name = None
    return counts.reset_index().sort_values(["total", "doc_id"], ascending=[False, True]).reset_index(drop=True)


def low_confidence(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows the extractor is least sure of (the data page's filter)."""
    if "confidence" not in frame:
        return frame.iloc[0:0]
    return frame[frame["confidence"].astype("string").str.lower().eq("low").fillna(False)]


def extracted_text(row: dict) -> str:
    """The extractor's reading of a corrected row, as one line ("value: 30; scope: stock")."""
    parts = [f"{name}: {_shown(row.get(f'extracted_{name}'))}" for name in FORM_FIELDS
             if not same(row.get(f"extracted_{name}"), row.get(name))]
    return "; ".join(parts) or "—"


def target_label(row: dict) -> str:
    """"id · wording · value unit", with ✎ for a row a person corrected or added."""
    unit = "" if blank(row.get("unit")) else str(row["unit"])
    mark = " ✎" if row.get("origin") == "manual" else ""
    return f"{row['target_id']} · {row.get('raw_name') or '—'} · {_shown(row.get('value'))}{unit}{mark}"


def shown(value) -> str:
    """A cell as a person reads it: "—" for empty, 30 not 30.0."""
    return _shown(value)


def text_or_blank(value) -> str:
    """A cell as a text box's start value: "" for empty (never "nan")."""
    return "" if blank(value) else str(value)
