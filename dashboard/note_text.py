"""A quality note as a page shows it: written in the page's language from its code and parts
(quality_notes.code / parts, etl.warehouse.quality_notes), never the build's English message, which
stays for the command line.  A note of an older warehouse (no code) falls back to that message."""

from __future__ import annotations

import json

import pandas as pd

from dashboard.glossary import english_text
from dashboard.i18n import QUALITY_NOTE_MESSAGES, QUALITY_NOTE_WORDS, observation_problem, pick, quality_note_kind
from etl.api import harmonizer


def note_text(code, parts, message, lang: str) -> str:
    """One note's message in `lang` (English pages: the plan's words as english_text shows them)."""
    if not isinstance(code, str) or code not in QUALITY_NOTE_MESSAGES:
        return english_text(message, lang) if lang == "en" else ("" if message is None else str(message))
    named = _parts(parts)
    shown = {key: _word(value, lang) for key, value in named.items() if not isinstance(value, dict)}
    if "indicator" in named:
        shown["indicator"] = _indicator_name(named["indicator"], lang)
    if code == "observation_refused":
        shown["reason"] = observation_problem(named.get("problem", ""), named.get("details") or {}, lang,
                                              fallback=named.get("reason", ""))
    try:
        text = pick(QUALITY_NOTE_MESSAGES[code], lang).format(**shown)
    except (KeyError, IndexError):  # parts of another shape (an older build): the ETL's own words
        text = "" if message is None else str(message)
    return english_text(text, lang) if lang == "en" else text


def notes_for_page(notes: pd.DataFrame, lang: str) -> pd.DataFrame:
    """quality_notes rows with kind and message in `lang` (detail: the figures, the plan's words marked)."""
    codes = notes["code"] if "code" in notes else pd.Series(None, index=notes.index, dtype=object)
    parts = notes["parts"] if "parts" in notes else pd.Series(None, index=notes.index, dtype=object)
    return notes.assign(
        kind=[quality_note_kind(kind, lang) for kind in notes["kind"]],
        message=[note_text(c, p, m, lang) for c, p, m in zip(codes, parts, notes["message"])],
        detail=[english_text(d, lang) if isinstance(d, str) else d for d in notes["detail"]])


def _parts(parts) -> dict:
    if isinstance(parts, dict):
        return parts
    try:
        found = json.loads(parts) if isinstance(parts, str) and parts else {}
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}


def _word(value, lang: str) -> str:
    text = "" if value is None else str(value)
    return pick(QUALITY_NOTE_WORDS[text], lang) if text in QUALITY_NOTE_WORDS else text


def _indicator_name(indicator_id, lang: str) -> str:
    try:
        indicator = harmonizer().get(str(indicator_id))
    except KeyError:
        return str(indicator_id)
    return indicator.en if lang == "en" else indicator.zh
