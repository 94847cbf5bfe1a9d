"""Step: a researcher's corrections, kept as reviewed data and applied after extraction on every build.

The extractor is a machine reading; a person may overrule it, say why, and have that last.  Like
Our World in Data's harmonisation files, corrections live beside the data, one YAML file per plan
(`data/corrections/<doc_id>.yaml`), written by the dashboard's review actions or by hand:

    doc_id: tianchang-2024
    sha256: 9f2c…                 # the plan file the corrections were made against
    corrections:
      - action: edit              # edit | reject | add
        quote: 将现有…2家知识产权代理机构…   # the exact sentence, as in documents.clean_text
        quote_start: 1234         # its offset there (the sentence is found again if it moved)
        match: {value: 2, unit: 家}          # which of the sentence's rows (edit, reject)
        set: {scope: new, category: service}  # the fields changed (edit, add)
        who: 研究员甲
        when: 2026-11-30
        why: 派出机构 are new offices the plan commits to set up, not an existing count

Applied in the build after extraction: an edited row gets origin `manual`, keeps the extractor's
reading in the `extracted_*` columns and the reason in `correction_reason`; an added row is
`manual` from the start; a rejected row leaves `targets`.  Every correction, applied or not, is a
row of the `corrections` table; one that no longer matches anything (the plan file changed, the
sentence is gone, two rows fit) is a data-quality note, never silently dropped.

Data shape born here: `Correction` (one entry of a file) and the `corrections` table rows.
"""

from __future__ import annotations

import math
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from etl.base import schema, yaml_io
from etl.base.errors import PlanError

ACTIONS = ("edit", "reject", "add")
# What a person may set; every other column is derived from these or is the source's own.
EDITABLE = ("value", "value_max", "unit", "comparator", "scope", "target_year", "indicator_id", "category",
            "raw_name", "baseline")
MATCH_FIELDS = ("value", "unit", "raw_name", "target_id")
HEADER = ("# Corrections to the extractor's reading of one plan, applied on every build (etl/warehouse/corrections.py).\n"
          "# Written by the dashboard's review actions or by hand; each entry says who, when and why.\n")


@dataclass
class Correction:
    doc_id: str
    sha256: str
    action: str
    quote: str
    quote_start: int | None
    match: dict = field(default_factory=dict)
    set: dict = field(default_factory=dict)
    who: str = ""
    when: str = ""
    why: str = ""
    file: str = ""
    number: int = 0  # its place in the file, 1-based


def corrections_dir(manifest: Path) -> Path:
    """data/corrections beside data/raw: a temporary store (tmp/raw/sources.yaml) has its own."""
    return Path(manifest).resolve().parent.parent / "corrections"


# --- reading ---------------------------------------------------------------------------------

def load_corrections(folder: Path) -> list[Correction]:
    """Every correction in `folder`; a malformed file is a PlanError naming it."""
    found: list[Correction] = []
    for path in sorted(Path(folder).glob("*.yaml")) if Path(folder).is_dir() else []:
        found += _read_file(path)
    return found


def _read_file(path: Path) -> list[Correction]:
    try:
        doc = yaml_io.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml_io.YAMLError as err:
        line = getattr(getattr(err, "problem_mark", None), "line", None)
        raise PlanError(path, f"not valid YAML: {getattr(err, 'problem', err)}",
                        line + 1 if line is not None else None) from None
    if not isinstance(doc, dict) or not doc.get("doc_id") or not doc.get("sha256"):
        raise PlanError(path, "a corrections file needs doc_id, sha256 and a corrections: list")
    entries = doc.get("corrections") or []
    return [_correction(path, doc, entry, number) for number, entry in enumerate(entries, start=1)]


def _correction(path: Path, doc: dict, entry, number: int) -> Correction:
    if not isinstance(entry, dict) or entry.get("action") not in ACTIONS:
        raise PlanError(path, f"correction #{number}: action must be one of {', '.join(ACTIONS)}")
    if not entry.get("quote") or not str(entry.get("why") or "").strip():
        raise PlanError(path, f"correction #{number}: a correction needs the quote it is about and why")
    unknown = set(entry.get("set") or {}) - set(EDITABLE)
    if unknown:
        raise PlanError(path, f"correction #{number}: cannot set {', '.join(sorted(unknown))} "
                              f"(editable: {', '.join(EDITABLE)})")
    start = entry.get("quote_start")
    return Correction(doc_id=str(doc["doc_id"]), sha256=str(doc["sha256"]), action=entry["action"],
                      quote=str(entry["quote"]), quote_start=int(start) if start is not None else None,
                      match=dict(entry.get("match") or {}), set=dict(entry.get("set") or {}),
                      who=str(entry.get("who") or ""), when=str(entry.get("when") or ""),
                      why=str(entry["why"]).strip(), file=path.name, number=number)


# --- writing (the dashboard's review actions) ------------------------------------------------

def record_correction(folder: Path, doc_id: str, sha256: str, entry: dict) -> Path:
    """Append one correction to the plan's file (created if missing), atomically.  Refuses a
    correction made against another version of the plan than the file already records."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{doc_id}.yaml"
    doc = yaml_io.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    doc = doc or {"doc_id": doc_id, "sha256": sha256, "corrections": []}
    if doc.get("sha256") != sha256:
        raise PlanError(path, "these corrections were made against another version of the plan: "
                              "review them (python -m etl corrections) before adding more")
    clean_entry = {k: v for k, v in entry.items() if v not in (None, "", {}, [])}
    _correction(path, doc, clean_entry, len(doc["corrections"]) + 1)  # validate before writing
    doc["corrections"] = [*doc["corrections"], clean_entry]
    text = HEADER + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{doc_id}-", suffix=".yaml")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text)
    os.replace(temporary, path)
    return path


# --- applying --------------------------------------------------------------------------------

@dataclass
class Applied:
    targets: pd.DataFrame
    log: list[dict]       # rows of the `corrections` table
    notes: list[dict]     # quality_notes rows for corrections that no longer apply


def apply_corrections(targets: pd.DataFrame, corrections: list[Correction], doc_id: str, region_id: str,
                      sha256: str, clean_text: str, derive) -> Applied:
    """Apply one plan's corrections to its extracted targets.  `derive(row) -> row` recomputes the
    fields that follow from the editable ones (indicator names, value_std, per-year, per-capita)."""
    if not corrections:  # most plans: nothing to do, and to_dict + rebuild cost ~7 ms a plan
        return Applied(targets, [], [])
    rows = targets.to_dict("records")
    log, notes = [], []
    added = 0
    for c in corrections:
        status, target_id, detail = _apply_one(c, rows, sha256, clean_text, derive, added + 1)
        added += status == "applied" and c.action == "add"
        log.append(_log_row(c, region_id, status, target_id, detail))
        if status != "applied":
            notes.append({"doc_id": doc_id, "region_id": region_id, "kind": "correction_not_applied",
                          "message": f"correction #{c.number} in data/corrections/{c.file} ({c.action}, by "
                                     f"{c.who or 'unknown'}): {detail}; it is kept, not applied",
                          "detail": c.quote})
    kept = [r for r in rows if not r.pop("_rejected", False)]
    return Applied(pd.DataFrame(kept, columns=targets.columns), log, notes)


def _apply_one(c: Correction, rows: list[dict], sha256: str, clean_text: str, derive,
               added_number: int) -> tuple[str, str | None, str]:
    if c.sha256 != sha256:
        return "stale", None, "the plan file changed since the correction was made (new sha256)"
    start = _find_quote(clean_text, c.quote, c.quote_start)
    if start is None:
        return "unmatched", None, "its sentence is no longer in the plan's text"
    if c.action == "add":
        row = _added_row(c, rows, start, added_number, derive)
        rows.append(row)
        return "applied", row["target_id"], "added"
    candidates = [r for r in rows if r["quote_start"] == start and not r.get("_rejected") and _matches(r, c.match)]
    if len(candidates) != 1:
        found = "no extracted row" if not candidates else f"{len(candidates)} extracted rows"
        return ("unmatched" if not candidates else "ambiguous"), None, f"{found} of that sentence fit {c.match}"
    row = candidates[0]
    if c.action == "reject":
        row["_rejected"] = True
        return "applied", row["target_id"], "rejected"
    changes = _edit(row, c, derive)
    return "applied", row["target_id"], changes


def _find_quote(text: str, quote: str, start: int | None) -> int | None:
    """At its recorded offset, or the one place it stands now; two places are not a guess we make."""
    if start is not None and text[start:start + len(quote)] == quote:
        return start
    first = text.find(quote)
    if first < 0 or text.find(quote, first + 1) >= 0:
        return None
    return first


def _matches(row: dict, match: dict) -> bool:
    for key, wanted in match.items():
        have = row.get(key)
        if key == "value":
            if have is None or (isinstance(have, float) and math.isnan(have)) or abs(float(have) - float(wanted)) > 1e-9:
                return False
        elif str(have) != str(wanted):
            return False
    return True


def _edit(row: dict, c: Correction, derive) -> str:
    before = {k: row.get(k) for k in EDITABLE}
    if row.get("origin") != "manual":  # a second correction of a row keeps the extractor's reading
        for key in ("value", "unit", "comparator", "scope", "target_year", "indicator_id", "category"):
            row[f"extracted_{key}"] = row.get(key)
    row.update(_typed(c.set))
    row.update(derive(row))
    _mark_manual(row, c)
    return "; ".join(f"{k}: {_show(before[k])} → {_show(row.get(k))}" for k in c.set) or "no field changed"


def _added_row(c: Correction, rows: list[dict], start: int, number: int, derive) -> dict:
    template = next((r for r in rows if r["quote_start"] == start), rows[0] if rows else {})
    row = {column: None for column in schema.columns("targets")}
    for key in ("doc_id", "region_id", "region_zh", "period_start", "period_end", "section", "section_kind",
                "source_line"):
        row[key] = template.get(key)
    row.update({"quote": c.quote, "quote_start": start, "quote_end": start + len(c.quote),
                "target_id": f"{template.get('doc_id', c.doc_id)}-m{number:02d}", "doc_id": c.doc_id})
    row.update(_typed(c.set))
    row["qualitative"] = row.get("value") is None
    row.update(derive(row))
    _mark_manual(row, c)
    return row


def _typed(values: dict) -> dict:
    out = dict(values)
    for key in ("value", "value_max", "baseline"):
        if out.get(key) is not None:
            out[key] = float(out[key])
    if out.get("target_year") is not None:
        out["target_year"] = int(out["target_year"])
    return out


def _mark_manual(row: dict, c: Correction) -> None:
    row.update({"origin": "manual", "correction_reason": c.why, "corrected_by": c.who or None,
                "corrected_at": c.when or None})


def _show(value) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _log_row(c: Correction, region_id: str, status: str, target_id: str | None, detail: str) -> dict:
    return {"doc_id": c.doc_id, "region_id": region_id, "file": c.file, "number": c.number, "action": c.action,
            "status": status, "target_id": target_id, "quote": c.quote, "quote_start": c.quote_start,
            "changes": detail, "who": c.who or None, "when": c.when or None, "why": c.why}
