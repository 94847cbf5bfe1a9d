"""Every quality note the build writes, as a stable code and its named parts (issue 23).

A note's `message` is English, for the command line and the build report; a page writes the note in its
own language from `code` and `parts` (dashboard.i18n QUALITY_NOTE_MESSAGES), never from the message.

NOTE_TEMPLATES is the one table of codes: {code: (kind, English template)}.  Notes this package writes
are made from it (`written`); notes made below it in English — the annex checks (etl.extract.annex),
the reader's damage warnings (etl.read.readers), the context figures refused (etl.normalize.context),
corrections that no longer apply — are read back into their code and parts by the same templates
(`coded`), so the template and the message cannot drift apart without tests/test_quality_note_codes.py
failing (it builds the fixtures and asks every note for a code).

Data shape born here: the `code` and `parts` (JSON: {name: text}) columns of `quality_notes`.
"""

from __future__ import annotations

import json
import re
import string
from functools import cache

from etl.vocab.layout import QUOTE_CLOSE, QUOTE_OPEN

_CORRECTION = "correction #{number} in data/corrections/{file} ({action}, by {who}): "
_KEPT = "; it is kept, not applied"

_WRITTEN: dict[str, tuple[str, str]] = {  # [[ ]]: the corner quotes round the plan's words
    # etl.warehouse.steps: names and categories
    "unmapped_name": ("unmapped_name", "“{name}” maps to no canonical indicator"),
    "unmapped_category": ("unmapped_category", "“{name}” ({file}, line {line}) has no category: neither the "
                          "indicator dictionary nor its section heading names one of the five links"),
    # etl.read.readers: a text that looks damaged
    "damaged_radicals": ("damaged_text", "{file}: {count} radical or compatibility character(s) (such as {examples}) "
                         "were read and replaced by the characters they stand for: the text layer was made with a font "
                         "that maps characters to radicals; check the targets against the original"),
    "damaged_replacement": ("damaged_text", "{file}: {count} character(s) are U+FFFD (�), a character lost before "
                            "or while the file was decoded: numbers or names near them may be wrong"),
    "damaged_no_title": ("damaged_text", "{file}: no plan title ({examples}) in the first lines: the text may be "
                         "damaged, or this may not be a plan"),
    # etl.warehouse.odd_text: one code per check
    "odd_confusable_digits": ("odd_text", "{file}: line {line}: a letter typed among digits, read as {text}"),
    "odd_no_period": ("odd_text", "{file}: no plan period found in the text: due years fall back to the manifest "
                      "or stay empty"),
    "odd_no_anchor": ("odd_text", "{file}: no date found saying when the text was written: achievements cannot be "
                      "told from targets by their year"),
    "odd_undated_targets": ("odd_text", "{file}: {count} target(s) without a due year"),
    "odd_unnamed_targets": ("odd_text", "{file}: {count} target(s) without a name in their own sentence (is the "
                            "name on the line before?)"),
    # etl.extract.annex: what the annex parser met, its sums, its towns' spellings, the annex against the text
    "annex_columns_differ": ("annex_parse", "annex table [[{table}]]: {town}: the {period} target column says "
                             "{first} but the total column says {second}"),
    "annex_short_row": ("annex_parse", "annex table [[{table}]]: row {town}: {count} numbers where {width} "
                        "columns were expected; row skipped"),
    "annex_nameless_row": ("annex_parse", "annex table [[{table}]]: a row with no town name was skipped: "
                           "{row}"),
    "annex_towns_sum": ("annex_sum", "annex table [[{table}]], {period}: the {count} towns add up to "
                        "{added}, but the {total_row} row says {stated}"),
    "annex_years_sum": ("annex_sum", "annex table [[{table}]], {town}: the years add up to {added}, but the "
                        "{span} total says {stated}"),
    "town_name_tie": ("town_name", "town [[{town}]] and [[{other}]] differ by one character and never appear "
                      "in the same table; each is used in {count} table(s), so neither is taken as the right "
                      "spelling: both are kept as written"),
    "town_name_fixed": ("town_name", "town [[{town}]] (in {tables}) differs by one character from "
                        "[[{spelling}]] (in {count} other tables) and never appears beside it: taken as a "
                        "misspelling; town_targets uses [[{spelling}]] "
                        "(etl.extract.annex.normalise_town_names)"),
    "annex_vs_text": ("annex_vs_text", "{indicator}: the plan text says {text_value} but the annex table "
                      "[[{table}]] totals {annex_value} ({row}, {period}); both are kept"),
    "annex_vs_text_additions": ("annex_vs_text", "{indicator}: the plan text says {text_value} but the annex "
                                "table [[{table}]] totals {annex_value} ({row}, {period}); both are kept; "
                                "the text sets a level to reach while the annex counts additions, so they need not "
                                "be equal"),
    # etl.normalize.context: a reference figure that could not be used
    "context_no_value": ("context_skipped", "{figure} ({year}) not used: no value (not found)"),
    "context_bound_only": ("context_skipped", "{figure} ({year}) not used: only a bound is known ({cell})"),
    "context_not_single": ("context_skipped", "{figure} ({year}) not used: not a single figure ({cell})"),
    # etl.warehouse.corrections and steps: a correction kept but not applied
    "correction_stale": ("correction_not_applied", _CORRECTION + "the plan file changed since the correction was "
                         "made (new sha256)" + _KEPT),
    "correction_sentence_gone": ("correction_not_applied", _CORRECTION + "its sentence is no longer in the plan's "
                                 "text" + _KEPT),
    "correction_no_row": ("correction_not_applied", _CORRECTION + "no extracted row of that sentence fit {match}"
                          + _KEPT),
    "correction_ambiguous": ("correction_not_applied", _CORRECTION + "{count} extracted rows of that sentence fit "
                             "{match}" + _KEPT),
    "correction_orphan": ("correction_not_applied", "correction #{number} in data/corrections/{file}: plan {doc_id} "
                          "is not in the manifest" + _KEPT),
    # etl.warehouse.observations: a researcher's row refused (parts: problem = its PROBLEM_REASONS code, and details)
    "observation_refused": ("observation_not_applied", "data/observations/{file} row {row}: {reason}; the row is "
                            "kept in the file, not applied"),
}
NOTE_TEMPLATES: dict[str, tuple[str, str]] = {
    code: (kind, template.replace("[[", QUOTE_OPEN).replace("]]", QUOTE_CLOSE))
    for code, (kind, template) in _WRITTEN.items()}
ODD_TEXT_CODES = {check: f"odd_{check}" for check in ("confusable_digits", "no_period", "no_anchor",
                                                        "undated_targets", "unnamed_targets")}


def written(code: str, **parts) -> dict:
    """A note's kind, code, parts (JSON) and English message, written from NOTE_TEMPLATES[code]."""
    kind, template = NOTE_TEMPLATES[code]
    return {"kind": kind, "code": code, "parts": _json(parts), "message": template.format(**parts)}


def coded(row: dict) -> dict:
    """The note with its code and parts: kept when it has them, else read back from its English message by
    the templates of its kind; a message no template reads keeps an empty code (the page then shows the
    message itself, and the test that builds the fixtures fails)."""
    if isinstance(row.get("code"), str) and row["code"]:  # a frame's empty cell is NaN, not None
        return row
    message = row.get("message") or ""
    for code, pattern in _patterns(row.get("kind") or ""):
        found = pattern.fullmatch(message)
        if found:
            return {**row, "code": code, "parts": _json(found.groupdict())}
    return {**row, "code": None, "parts": None}


def _json(parts: dict) -> str:
    """Text parts as text; a nested dict (a refused observation's details) stays a dict."""
    return json.dumps({key: value if isinstance(value, dict) else ("" if value is None else str(value))
                       for key, value in parts.items()}, ensure_ascii=False, sort_keys=True, default=str)


@cache
def _patterns(kind: str) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple((code, _pattern(template)) for code, (of_kind, template) in NOTE_TEMPLATES.items() if of_kind == kind)


def _pattern(template: str) -> re.Pattern:
    """A template as a regular expression: each {name} a lazy group, a name met again the same text."""
    out, seen = [], set()
    for literal, name, _spec, _conv in string.Formatter().parse(template):
        out.append(re.escape(literal))
        if name:
            out.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
            seen.add(name)
    return re.compile("".join(out), re.DOTALL)
