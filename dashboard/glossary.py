"""The bilingual glossary (data/reference/glossary.yaml) and `en(term)`: the English for a Chinese
word the plans or the warehouse use — a unit, a plan kind, a phase, a department, a status, a
place — for pages, charts and downloads alike.  No Streamlit here.

A term the glossary lists is looked up.  A department or place it does not list is composed from
its parts, as such names are built: 市科技局 is 市 (City) + 科技局 (Science and Technology Bureau);
天长市市场监督管理局 is 天长市 (Tianchang) + 市场监督管理局; 孟庄镇 is Mengzhuang + Town, in pinyin.
`en` returns the term unchanged when neither works, so a gap shows as the Chinese word, never as
a wrong translation; `covers(term)` says whether there is English for it.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from etl.api import load_manifest, read_yaml

GLOSSARY = Path(__file__).resolve().parent.parent / "data" / "reference" / "glossary.yaml"
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Where a place name ends and what that ending is called in English; 市 is left out of the
# English (Tianchang, not Tianchang City), as the plans' English-language coverage writes it.
PLACE_SUFFIXES = (("街道", "Subdistrict"), ("自治区", "Autonomous Region"), ("新区", "New Area"),
                  ("省", "Province"), ("市", ""), ("区", "District"), ("县", "County"), ("镇", "Town"),
                  ("乡", "Township"))
BRACKETED = re.compile(r"^(?P<head>.+?)[（(](?P<inner>[^（）()]+)[）)]$")


@lru_cache(maxsize=1)
def glossary() -> dict[str, dict[str, str]]:
    """section → {term: English}.  Sections written as code: [中文, English] give both the code
    and the Chinese label as terms."""
    doc = read_yaml(GLOSSARY.read_text(encoding="utf-8")) or {}
    out: dict[str, dict[str, str]] = {}
    for section, entries in doc.items():
        terms: dict[str, str] = {}
        for key, value in (entries or {}).items():
            if isinstance(value, list):
                zh, english = value
                terms[str(key)] = english
                terms.setdefault(str(zh), english)
            else:
                terms[str(key)] = str(value)
        out[section] = terms
    return out


def label(section: str, code: str | None, lang: str) -> str:
    """The code's label in `lang` from a [中文, English] section; the code itself if unknown."""
    found = _pairs().get((section, code))
    return (found[1] if lang == "en" else found[0]) if found else (code or "")


@lru_cache(maxsize=1)
def _pairs() -> dict[tuple[str, str], tuple[str, str]]:
    doc = read_yaml(GLOSSARY.read_text(encoding="utf-8")) or {}
    return {(section, str(code)): tuple(value) for section, entries in doc.items()
            for code, value in (entries or {}).items() if isinstance(value, list)}


def lookup(term: str) -> str | None:
    """The glossary's English for exactly this term, or None."""
    for terms in glossary().values():
        if term in terms:
            return terms[term]
    return _region_names().get(term)


@lru_cache(maxsize=1)
def _region_names() -> dict[str, str]:
    """The manifest's own English region names (天长市 → Tianchang), which win over pinyin."""
    try:
        return {s.region_zh: s.region_en for s in load_manifest() if s.region_en}
    except Exception:  # a broken manifest is the build's to report, not the glossary's
        return {}


def en(term: str | None) -> str:
    """English for a Chinese term (looked up, else composed), else the term unchanged."""
    if term is None:
        return ""
    term = str(term).strip()
    found = lookup(term)  # codes too: annex_vs_text → "annex differs from the text"
    if found is not None or not CJK.search(term):
        return found if found is not None else term
    found = _composed(term)
    return found if found is not None else term


def region_name(region_zh: str | None, region_en: str | None, lang: str) -> str:
    """A region's name in `lang`: in English the manifest's English, else the place name composed in
    pinyin (松岚县 → Songlan County), never the Chinese alone on an English page."""
    if lang != "en":
        return region_zh or region_en or ""
    if isinstance(region_en, str) and region_en.strip():
        return region_en
    return place_en(region_zh or "") or (region_zh or "")


def covers(term: str) -> bool:
    """Whether the glossary gives (or composes) English for `term`."""
    return not CJK.search(en(term))


def in_lang(term: str | None, lang: str) -> str:
    """The term as a page in `lang` shows it."""
    return en(term) if lang == "en" else ("" if term is None else str(term))


def _composed(term: str) -> str | None:
    bracket = BRACKETED.match(term)
    if bracket:  # 市市场监管局（知识产权局）
        head, inner = en(bracket.group("head")), en(bracket.group("inner"))
        return None if CJK.search(head + inner) else f"{head} ({inner})"
    body = _department_body(term)
    if body:
        prefix, english = body
        if not prefix:
            return english
        level = glossary().get("levels", {}).get(prefix)
        place = level or place_en(prefix, bare=True)  # 滁州高新区, 盐城海关: a bare place name
        return f"{place} {english}" if place else None
    return place_en(term)


def _department_body(term: str) -> tuple[str, str] | None:
    """(what comes before, English) for the longest department word the term ends with."""
    departments = glossary().get("departments", {})
    for start in range(len(term)):
        if term[start:] in departments:
            return term[:start], departments[term[start:]]
    return None


def place_en(name: str, bare: bool = False) -> str | None:
    """A place name in English: known names as the glossary or manifest write them, the others
    in pinyin with their kind (孟庄镇 → Mengzhuang Town, 枣庄市市中区 → Zaozhuang Shizhong District).
    A name without a place ending (专利导航) is no place unless `bare` says it stands before one."""
    known = lookup(name)
    if known:
        return known
    if not bare and not name.endswith(tuple(suffix for suffix, _ in PLACE_SUFFIXES)):
        return None
    units = _place_units(name)
    if not units:
        return None
    words = []
    for unit in units:
        words.append(lookup(unit) or _pinyin_place(unit))
    return " ".join(w for w in words if w)


def _place_units(name: str) -> list[str]:
    """山东省枣庄市市中区 → [山东省, 枣庄市, 市中区]; a name without an ending is one unit (滁州)."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,20}", name):
        return []
    units, start = [], 0
    for end in range(len(name)):
        if end - start >= 1 and any(name[start:end + 1].endswith(s) for s, _ in PLACE_SUFFIXES):
            if not (name[end] == "街" and name[end + 1:end + 2] == "道"):
                units.append(name[start:end + 1])
                start = end + 1
    if start < len(name):
        units.append(name[start:])
    return units


def _pinyin_place(unit: str) -> str:
    from pypinyin import lazy_pinyin  # loads its phrase dictionary on first use

    for suffix, english in PLACE_SUFFIXES:
        if unit.endswith(suffix) and len(unit) > len(suffix):
            stem = unit[: -len(suffix)]
            return " ".join(w for w in (_syllables(stem, lazy_pinyin), english) if w)
    return _syllables(unit, lazy_pinyin)


def _syllables(stem: str, lazy_pinyin) -> str:
    syllables = lazy_pinyin(stem)
    # Yong'an, not Yongan: an apostrophe where a syllable starting with a vowel would run on
    joined = syllables[0] + "".join(("'" + s) if s[:1] in "aeo" else s for s in syllables[1:])
    return joined[:1].upper() + joined[1:]


def untranslated(text: str) -> list[str]:
    """Runs of Chinese left in an English text, outside quotation marks (a quote from a plan is
    shown as the plan wrote it) and other than terms the glossary covers."""
    outside = re.sub(r"“[^”]*”|「[^」]*」|《[^》]*》|\"[^\"]*\"", " ", text or "")
    runs = re.findall(r"[\u3400-\u9fff\uf900-\ufaff（）()、/·]*[\u3400-\u9fff\uf900-\ufaff][\u3400-\u9fff\uf900-\ufaff（）()、/]*",
                      outside)
    terms = [_balanced(run.strip("（）()、/· ")) for run in runs]
    return [term for term in terms if not covers(term)]


def _balanced(term: str) -> str:
    """各镇街（园区 → 各镇街（园区）: the strip above also cut a closing bracket the term needs."""
    for left, right in (("（", "）"), ("(", ")")):
        if term.count(left) > term.count(right):
            term += right
    return term


_QUOTED_OR_CJK = re.compile(r"(“[^”]*”|「[^」]*」|《[^》]*》)|([\u3400-\u9fff\uf900-\ufaff]+)")


def english_text(text: str | None, lang: str = "en") -> str:
    """A message the ETL writes in English around the plan's words (a quality note, a context note)
    as an English page shows it: each Chinese term the glossary lists in English (600件 → 600 items,
    全区 → district total), any other run marked as the plan's own words in 「」; quotes as they are."""
    if lang != "en" or not isinstance(text, str):
        return "" if text is None else text

    def english(match: re.Match) -> str:
        if match.group(1):
            return match.group(1)
        run = match.group(2)
        found = lookup(run)  # listed terms only: a town's pinyin would hide a one-character misspelling
        if found is None or CJK.search(found):
            return f"「{run}」"
        after_digit = match.start() > 0 and match.string[match.start() - 1].isdigit()
        return (" " if after_digit else "") + found

    return _QUOTED_OR_CJK.sub(english, text)
