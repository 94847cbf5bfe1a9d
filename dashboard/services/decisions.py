"""How a target's indicator was decided (targets.indicator_decided_by: named, derived, unmapped) and
what its name states (targets.facets: subject × measure × normaliser × qualifiers × tier), worded for
a page in Chinese or English and for a download in both; and the dictionary entry that would name a
derived combination.  Plain Python (no Streamlit): the sources page, the review queue and the
downloads use it.

The words of each facet come from the ETL's vocabulary (etl.api.describe_names); the dashboard's own
words (named by facets, subject …, the reasons) from dashboard.i18n.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pandas as pd

from dashboard.glossary import in_lang
from dashboard.i18n import DECIDED_BY_LABELS, DECISION_REASONS, FACET_LABELS, pick, t
from etl.api import DERIVED_PREFIX, describe_names, description_of_key, harmonizer

FACET_SEPARATOR = " · "
_REASONS = [(re.compile(pattern), pair) for pattern, pair in DECISION_REASONS]


def decided_by_label(decided_by, lang: str) -> str:
    """named → 由要素命名 / named by facets; an unknown value as written, nothing for none."""
    if not isinstance(decided_by, str) or not decided_by:
        return ""
    return pick(DECIDED_BY_LABELS[decided_by], lang) if decided_by in DECIDED_BY_LABELS else decided_by


def facets_text(description, lang: str) -> str:
    """targets.facets in one language: 主体 发明专利 · 计量 拥有量 · 分母 每万人口 / subject Invention
    patents · measure held · normaliser per 10,000 residents.  Empty when no facets were read."""
    parts = []
    for facet, zh, en in describe_names(description):
        name = pick(FACET_LABELS.get(facet, (facet, facet)), lang)
        words = " and ".join(map(_lower_first, en.split(" and "))) if lang == "en" else zh
        parts.append(name if facet == "growth" else f"{name} {words}")
    return FACET_SEPARATOR.join(parts)


def _lower_first(name: str) -> str:
    """Invention patents → invention patents inside a line; an acronym (IP, GI, PCT) stays as written."""
    return name[0].lower() + name[1:] if len(name) > 1 and name[0].isupper() and name[1].islower() else name


def facets_bilingual(description) -> str | None:
    """targets.facets in both languages, for a download's facets_label column; None when empty."""
    zh, en = facets_text(description, "zh"), facets_text(description, "en")
    return f"{zh} / {en}" if zh else None


def reason_text(reason, lang: str) -> str:
    """The harmoniser's reason (English, as stored) in the page's language; several joined by ；/;.
    A reason no pattern knows keeps its English, introduced as a reason."""
    if not isinstance(reason, str) or not reason.strip():
        return ""
    reason = reason.strip()
    if any(pattern.fullmatch(reason) for pattern, _ in _REASONS):  # one reason may hold a "; " itself
        return _one_reason(reason, lang)
    return ("；" if lang == "zh" else "; ").join(_one_reason(part.strip(), lang)
                                                for part in reason.split("; ") if part.strip())


def _one_reason(reason: str, lang: str) -> str:
    for pattern, pair in _REASONS:
        found = pattern.fullmatch(reason)
        if found:
            caught = [_reason_part(g, lang) for g in found.groups()]
            return pick(pair, lang).format(*caught)
    return t("decision_reason_other", lang, reason=reason)


def _reason_part(text: str, lang: str) -> str:
    """A piece a reason caught: a unit in the page's language, a nested reason worded, else as written."""
    if any(pattern.fullmatch(text) for pattern, _ in _REASONS):
        return _one_reason(text, lang)
    named = harmonizer().find(text)  # an indicator id (unit … does not fit protection_satisfaction): its name
    if named is not None:
        return f"“{named.en if lang == 'en' else named.zh}”"
    return in_lang(text, lang) if len(text) <= 3 else text


def decision_line(row, lang: str) -> str:
    """How one target's indicator was decided, with its facets and, when stored, the reason:
    由要素命名：主体 发明专利 · 计量 拥有量 · 分母 每万人口 / named by facets: subject … ."""
    how = decided_by_label(row.get("indicator_decided_by"), lang)
    if not how:
        return ""
    facets = facets_text(row.get("facets"), lang) or t("decision_no_facets", lang)
    line = t("decision_line", lang, how=how, facets=facets)
    reason = reason_text(row.get("indicator_reason"), lang)
    return line + (t("decision_reason", lang, reason=reason) if reason else "")


# --- the dictionary entry that would name a derived combination (review queue) ----------------------

_PLAIN = re.compile(r"[\w\u3400-\u9fff·（）()\-, ]+")


def _scalar(text) -> str:
    """A YAML scalar: plain when it cannot be mistaken for anything else, else double-quoted (JSON)."""
    text = "" if text is None else str(text)
    plain = _PLAIN.fullmatch(text) and not text[0].isdigit() and text.strip() == text and ": " not in text
    return text if plain else json.dumps(text, ensure_ascii=False)


def dictionary_entry(indicator_id: str, raw_names: list[tuple[str, str | None]], avoid: tuple[str, ...] = ()) -> str:
    """The YAML a researcher adds to data/reference/indicators.yaml so the derived combination
    `indicator_id` (d__…) gets a name: its family (when no named family holds it yet), then the
    indicator — names, category, unit, facets, measure; as aliases only the plan wordings
    (raw_name, unit) that read alone as exactly these facets (the loader refuses any other) and hold
    no digit and none of the words in `avoid` (region names: the dictionary is about wording, not
    who said it).  Names and codes only: no region's value.  Empty for an id that is no derived
    combination."""
    if not isinstance(indicator_id, str) or not indicator_id.startswith(DERIVED_PREFIX):
        return ""
    found = harmonizer().find(indicator_id)
    if found is None or not found.facets:
        return ""
    ident = re.sub(r"[^a-z0-9]+", "_", found.facets.lower()).strip("_")
    lines = []
    family = found.family
    if family.startswith(DERIVED_PREFIX):  # no named sibling: a family of its own, named like the combination
        family = re.sub(r"[^a-z0-9]+", "_", family[len(DERIVED_PREFIX):].lower()).strip("_")
        lines += ["# under families:",
                  f"  - {{id: {family}, zh: {_scalar(found.family_zh)}, en: {_scalar(found.family_en)}}}",
                  "# under indicators:"]
    aliases = [a for a in _aliases(found, raw_names) if not re.search(r"\d", a) and not any(w in a for w in avoid)]
    denominator = _denominator(found)
    lines += [
        f"  - id: {ident}",
        f"    zh: {_scalar(found.zh)}",
        f"    en: {_scalar(found.en)}",
        f"    category: {found.category}",
        f"    family: {family}",
        f"    unit: {_scalar(found.unit)}",
        f"    per_capita: {'true' if found.per_capita else 'false'}",
        f"    measure: {{numerator: {_scalar(found.zh)}, denominator: {_scalar(denominator) if denominator else 'null'}, "
        f"nature: {found.nature}, counts: {found.counts}}}",
        f"    facets: {found.facets}",
    ]
    if aliases:
        lines.append(f"    aliases: [{', '.join(_scalar(a) for a in aliases)}]")
    lines.append(f"    description: {_scalar(f'{found.en}, named in the review queue from its facets.')}")
    return "\n".join(lines)


def _aliases(found, raw_names: list[tuple[str, str | None]]) -> list[str]:
    """The wordings that read alone (no sentence) as exactly the combination, most used first."""
    counts = Counter(name.strip() for name, _unit in raw_names if isinstance(name, str) and name.strip())
    units = {name.strip(): unit for name, unit in raw_names if isinstance(name, str)}
    out = []
    for name, _n in counts.most_common():
        decision = harmonizer().decide(name, unit=units.get(name) if isinstance(units.get(name), str) else None)
        if decision.facets is not None and decision.facets.key == found.facets and name != found.zh:
            out.append(name)
    return out


def _denominator(found) -> str | None:
    """A per-head combination's denominator in the dictionary's words (its normaliser's name)."""
    if not found.per_capita:
        return None
    return dict((facet, zh) for facet, zh, _en in describe_names(description_of_key(found.facets))).get("normaliser")


def plan_wording(raw_name, lang: str) -> str | None:
    """A plan's own wording as a page shows it: in 「」 on an English page (it is the plan's, not ours)."""
    if not isinstance(raw_name, str) or not raw_name:
        return None
    return f"「{raw_name}」" if lang == "en" else raw_name


def decision_table(targets: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per target of a plan: its id, the plan's wording, how its indicator was decided, its
    facets, the indicator in `lang` and the reason (the sources page's table)."""
    rows = []
    for row in targets.to_dict("records"):
        name = row.get("indicator_en") if lang == "en" else row.get("indicator_zh")
        rows.append({"target_id": row.get("target_id"), "raw_name": plan_wording(row.get("raw_name"), lang),
                     "decided_by": decided_by_label(row.get("indicator_decided_by"), lang) or None,
                     "facets": facets_text(row.get("facets"), lang) or None,
                     "indicator": name if isinstance(name, str) and name else None,
                     "reason": reason_text(row.get("indicator_reason"), lang) or None})
    return pd.DataFrame(rows, columns=["target_id", "raw_name", "decided_by", "facets", "indicator", "reason"])
