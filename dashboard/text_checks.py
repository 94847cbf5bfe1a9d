"""What looks odd about a plan's text, and when the text says it was written, worded for a person in
either language: the upload page's checklist, the review queue, the sources page.  No Streamlit.

The ETL finds these and never words them for a page (etl.api): each reading's `OddText` (check, line,
count, text — a stored plan's come back from its quality notes through `odd_text_from_note`) and the
text's own time (`TimeAnchor`: year, month, source, text, genre; a stored plan's documents.anchor_*
columns).  Every sentence here comes from dashboard.i18n, never from the ETL's English message.

    checklist(odd, lang, period, targets)   → [CheckLine]: every check, passed or not, in CHECK order
    odd_text_line(items, lang)              → one check's sentence (the review queue's "what")
    anchor_line(year, month, source, text, lang) → "写于：2025-03（印发：「…」）" / "no date found"
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from dashboard.cells import blank
from dashboard.i18n import t
from etl.api import ODD_TEXT_CHECKS, OddText

MAX_ROWS_NAMED = 6  # table rows named in a line; more would crowd the checklist


@dataclass(frozen=True)
class CheckLine:
    check: str   # one of ODD_TEXT_CHECKS
    ok: bool     # passed: nothing odd of this kind
    text: str    # the sentence a person reads


def checklist(odd: Iterable[OddText], lang: str, period: tuple | None = None,
              targets: pd.DataFrame | None = None) -> list[CheckLine]:
    """Every check in ODD_TEXT_CHECKS order, passed or not.  With `targets` (the reading's rows, in the
    order the upload page's table shows them), an undated or unnamed target is named by its row."""
    by_check: dict[str, list[OddText]] = {}
    for item in odd or []:
        by_check.setdefault(item.check, []).append(item)
    lines = []
    for check in ODD_TEXT_CHECKS:
        items = by_check.get(check)
        if items:
            lines.append(CheckLine(check, False, odd_text_line(items, lang, _rows(check, targets, items))))
        else:
            lines.append(CheckLine(check, True, _passed(check, lang, period)))
    return lines


def odd_text_line(items: list[OddText], lang: str, rows: list[int] | None = None) -> str:
    """The sentence for one check (several confusable-digit notes become one line)."""
    check = items[0].check
    if check == "confusable_digits":
        lines = "、".join(str(i.line) for i in items if i.line is not None) if lang == "zh" else \
            ", ".join(str(i.line) for i in items if i.line is not None)
        texts = "; ".join(dict.fromkeys(str(i.text) for i in items if i.text))
        return t("check_confusable_digits", lang, lines=lines or "?", texts=texts)
    if check in ("undated_targets", "unnamed_targets"):
        named = ""
        if rows:
            shown = ("、" if lang == "zh" else ", ").join(str(r) for r in rows[:MAX_ROWS_NAMED])
            named = t("check_rows", lang, rows=shown + ("…" if len(rows) > MAX_ROWS_NAMED else ""))
        return t(f"check_{check}", lang, n=sum(i.count or 0 for i in items), rows=named)
    return t(f"check_{check}", lang)


def _passed(check: str, lang: str, period: tuple | None) -> str:
    if check == "no_period" and period and period[0] and period[1]:
        return t("check_ok_no_period", lang, start=period[0], end=period[1])
    if check == "no_period":
        return t("check_ok_no_period_open", lang)
    return t(f"check_ok_{check}", lang)


def _rows(check: str, targets: pd.DataFrame | None, items: list[OddText]) -> list[int] | None:
    """Table rows (1-based) of the targets a count check is about — the same rule as the ETL's check
    (numeric targets; undated: no year and not a yearly duty; unnamed: no name) — or None when the
    rows found do not add up to the ETL's count (then the count alone is said)."""
    if targets is None or check not in ("undated_targets", "unnamed_targets") or targets.empty:
        return None
    numeric = ~targets["qualitative"].fillna(False).astype(bool)
    if check == "undated_targets":
        hit = numeric & targets["target_year"].isna() & (targets["scope"] != "annual")
    else:
        hit = numeric & (targets["raw_name"].fillna("").astype(str).str.strip() == "")
    rows = [position + 1 for position, flagged in enumerate(hit.tolist()) if flagged]
    return rows if len(rows) == sum(i.count or 0 for i in items) else None


def anchor_line(year, month, source, text, lang: str) -> str:
    """When the text says it was written, and where that was read; "no date found" said so."""
    if blank(year) or source in (None, "none") or blank(source):
        return t("anchor_none", lang)
    when = f"{int(year)}-{int(month):02d}" if not blank(month) else f"{int(year)}"
    return t("anchor_written", lang, when=when, source=t(f"anchor_{source}", lang), text=str(text or "").strip())


def genre_label(genre, lang: str) -> str:
    return t("genre_label", lang, genre=t(f"genre_{genre if not blank(genre) else 'unknown'}", lang))
