"""What a plan commits to do: the policy instruments named in its task and safeguard sections,
each with its exact sentence, the departments in charge and the target it comes with.

    clean text → sentences (etl.segment.sentences), tasks and safeguards only, headings skipped
               → instrument mentions (data/reference/instruments.yaml: aliases, patterns,
                 co-occurrences; the longer of two overlapping phrasings wins)
               → departments from the task's 责任单位 bracket (lead only where it says 牵头,
                 names a 牵头部门 or marks （主责）; otherwise every department is "responsible")
               → one row per (plan, instrument, sentence)

Like etl.harmonize.dictionary, the dictionary complains: `InstrumentDictionary.report` lists the
instrument-like phrasings (建立…机制, 设立…中心 …) that match no instrument and the aliases that
matched nothing, so a new plan's wording shows up as a warning, not as a silent gap.

`instrument_rows(clean_text, doc_id, region_id, targets)` is what the build calls per plan;
`python -m etl extract FILE --instruments` prints one plan's rows, `python -m etl instruments`
the dictionary report over the plans of the manifest.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from etl.base import yaml_io
from etl.base.memo import CACHE_SIZE, LONGEST_REMEMBERED, short_text_cache
from etl.base.paths import INSTRUMENTS
from etl.base.schema import CATEGORIES, TABLES
from etl.extract.engine import required_pieces
from etl.extract.rules_instruments import (
    BENEFICIARIES,
    BRACKET_ENDS,
    BRACKETED,
    CLAUSE_COMMA,
    DEPARTMENT_NOTE,
    DEPARTMENT_WORDS,
    DUTY_WORDS,
    FULL_WIDTH,
    GROUP_BREAK,
    IGNORED,
    INLINE_LEAD,
    INNER_SEPARATORS,
    LABEL_LINE,
    LEAD_LABEL,
    LEAD_MARK,
    LEAD_WORD,
    LIST_MARK,
    LOCATION,
    NOTE_LABEL,
    ORDINAL,
    OTHER_LABEL,
    OWN_PROGRAMME,
    PHRASING,
    SEPARATOR,
    TITLE,
    TITLE_ENDS,
    YEAR,
    YEAR_RANGE,
)
from etl.segment.sentences import Sentence, segment

DEFAULT_PATH = INSTRUMENTS

INSTRUMENTS_TABLE = TABLES["instruments"]  # the table's columns, defined with every other table in etl.base.schema
TABLE_NAME = "instruments"
SECTION_KINDS = ("tasks", "safeguards")
TITLE_MAX_CHARS = 20  # a task title ending in 。 is short and has no comma (the four plans: at most 17)
_ORDINAL = ORDINAL
_FULL_WIDTH = FULL_WIDTH
_IGNORED = IGNORED
_DEPARTMENT_WORDS = DEPARTMENT_WORDS
_LEAD_LABEL = LEAD_LABEL
_OTHER_LABEL = OTHER_LABEL
_LABEL_LINE = LABEL_LINE
_INLINE_LEAD = INLINE_LEAD
_LEAD_MARK = LEAD_MARK
_DUTY_WORDS = DUTY_WORDS
_BENEFICIARIES = BENEFICIARIES
_LOCATION = LOCATION
_YEAR_RANGE = YEAR_RANGE
_YEAR = YEAR
_PHRASING = PHRASING
_OWN_PROGRAMME = OWN_PROGRAMME


def normalize(text: str) -> str:
    """The comparable form of a sentence or alias: letters and digits width-folded (ＰＣＴ = PCT),
    spaces and quote marks gone, punctuation full-width (so ， and , are one separator to the
    patterns, which are written with ，；：（）)."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", text or "")).translate(_FULL_WIDTH)


class DictionaryError(ValueError):
    """instruments.yaml is inconsistent; str() names the file and the entry."""

    def __init__(self, path: Path, message: str):
        super().__init__(f"{path}: {message}")


@dataclass(frozen=True)
class Instrument:
    id: str
    zh: str
    en: str
    category: str
    definition: str
    definition_zh: str
    aliases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    cooccur: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()
    funds: bool = False  # money for IP work: instruments named after 用于/投向 in its sentence are beneficiaries


@dataclass(frozen=True)
class Mention:
    """One phrasing of an instrument found in a (normalised) sentence."""
    instrument_id: str
    start: int
    end: int
    matched: str  # the alias, pattern or co-occurrence word as written in the dictionary


@dataclass
class InstrumentReport:
    """The dictionary's complaints over a batch of sentences."""
    unmatched_phrasings: list[tuple[str, int]] = field(default_factory=list)  # (phrasing, count)
    unused_aliases: list[tuple[str, str]] = field(default_factory=list)  # (instrument_id, alias)

    def warnings(self) -> list[str]:
        return ([f"instrument-like phrasing matching no instrument: {p!r} (x{n})" for p, n in self.unmatched_phrasings]
                + [f"unused alias of {i}: {a!r}" for i, a in self.unused_aliases])

    def __str__(self) -> str:
        lines = [f"Instrument-like phrasings matching no instrument: {len(self.unmatched_phrasings)}"]
        lines += [f"  {n:>3} × {p}" for p, n in self.unmatched_phrasings]
        lines.append(f"Aliases that matched nothing ({len(self.unused_aliases)}; wordings of other plans are expected here):")
        by_instrument: dict[str, list[str]] = {}
        for ident, alias in self.unused_aliases:
            by_instrument.setdefault(ident, []).append(alias)
        lines += [f"  {ident}: {', '.join(aliases)}" for ident, aliases in by_instrument.items()]
        return "\n".join(lines)


# ── the dictionary ─────────────────────────────────────────────────────────────────────────────

_REQUIRED = ("id", "zh", "en", "category", "definition", "definition_zh")


def _instrument_from_entry(path: Path, entry: dict) -> Instrument:
    ident = entry.get("id", "?")
    for key in _REQUIRED:
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            raise DictionaryError(path, f"instrument {ident!r} has no {key}")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", ident):
        raise DictionaryError(path, f"instrument id {ident!r} is not snake_case")
    if entry["category"] not in CATEGORIES:
        raise DictionaryError(path, f"{ident}: category {entry['category']!r} not one of {CATEGORIES}")
    aliases = tuple(str(a) for a in entry.get("aliases") or [])
    patterns = tuple(str(p) for p in entry.get("patterns") or [])
    try:
        cooccur = tuple((tuple(rule["words"]), tuple(rule["with"])) for rule in entry.get("cooccur") or [])
    except (KeyError, TypeError) as err:
        raise DictionaryError(path, f"{ident}: cooccur entries need words: and with: lists") from err
    if not (aliases or patterns or cooccur):
        raise DictionaryError(path, f"{ident}: no aliases, patterns or cooccur: nothing can name it")
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as err:
            raise DictionaryError(path, f"{ident}: pattern {pattern!r} does not compile ({err})") from err
    if not isinstance(entry.get("funds", False), bool):
        raise DictionaryError(path, f"{ident}: funds must be true or false")
    return Instrument(ident, entry["zh"], entry["en"], entry["category"], entry["definition"],
                      entry["definition_zh"], aliases, patterns, cooccur, entry.get("funds", False))


_REMEMBERED = CACHE_SIZE  # answers a dictionary remembers, per kind


class InstrumentDictionary:
    def __init__(self, instruments: list[Instrument], departments: list[dict], path: Path):
        self.path = path
        self.instruments = instruments
        self._by_id = {i.id: i for i in instruments}
        self._aliases = [(normalize(a), a, i.id) for i in instruments for a in i.aliases]
        # first character → the aliases starting with it, by their place in _aliases: a sentence is
        # tested only against aliases whose first character it contains (not all ~300 of them)
        self._alias_starts: dict[str, list[int]] = {}
        for index, (norm, _written, _ident) in enumerate(self._aliases):
            if norm:
                self._alias_starts.setdefault(norm[0], []).append(index)
        # each pattern with the pieces one of which its every match holds: a sentence holding none is not searched
        self._patterns = [(re.compile(p), p, i.id, required_pieces(p)) for i in instruments for p in i.patterns]
        self._cooccur = [(tuple(normalize(w) for w in words), tuple(normalize(c) for c in context), i.id)
                         for i in instruments for words, context in i.cooccur]
        # (normalised keyword, canonical zh, en), longest keyword first: 地方金融监管局 before 金融监管局.
        self._found: dict[str, dict[str, str]] = {}  # sentence → instruments_in's answer (see there)
        self._canonical: dict[str, str] = {}  # department as written → department(): the keywords never change
        self._columns: dict[Departments, tuple] = {}  # a task's departments → department_columns()
        self._departments = sorted(((normalize(k), d["zh"], d["en"]) for d in departments for k in d["keywords"]),
                                   key=lambda kd: (-len(kd[0]), kd[0]))

    @classmethod
    def load(cls, path: str | Path = DEFAULT_PATH) -> InstrumentDictionary:
        path = Path(path)
        with open(path, encoding="utf-8") as fh:
            doc = yaml_io.safe_load(fh) or {}
        instruments: list[Instrument] = []
        owner: dict[str, str] = {}
        for entry in doc.get("instruments") or []:
            instrument = _instrument_from_entry(path, entry)
            if instrument.id in {i.id for i in instruments}:
                raise DictionaryError(path, f"instrument {instrument.id!r} defined twice")
            for alias in instrument.aliases:
                other = owner.setdefault(normalize(alias), instrument.id)
                if other != instrument.id:
                    raise DictionaryError(path, f"alias {alias!r} of {instrument.id} is also an alias of {other}")
            instruments.append(instrument)
        if not instruments:
            raise DictionaryError(path, "no instruments")
        for dept in doc.get("departments") or []:
            if not dept.get("zh") or not dept.get("keywords"):
                raise DictionaryError(path, f"department {dept!r} needs zh and keywords")
        return cls(instruments, doc.get("departments") or [], path)

    def get(self, instrument_id: str) -> Instrument:
        return self._by_id[instrument_id]

    def frame(self) -> pd.DataFrame:
        """The dictionary as a table (id, names, category, definitions, aliases)."""
        return pd.DataFrame([{"instrument_id": i.id, "instrument_zh": i.zh, "instrument_en": i.en,
                              "category": i.category, "definition": i.definition, "definition_zh": i.definition_zh,
                              "aliases": LIST_MARK.join(i.aliases)} for i in self.instruments])

    # ── matching ────────────────────────────────────────────────────────────────────────
    def _all_mentions(self, text: str) -> list[Mention]:
        # `in` first: most aliases are absent, and the substring test is far cheaper than a scan.
        candidates = sorted(index for ch in set(text).intersection(self._alias_starts)
                            for index in self._alias_starts[ch])
        found = [Mention(ident, start, start + len(norm), written)
                 for norm, written, ident in map(self._aliases.__getitem__, candidates) if norm in text
                 for start in _occurrences(norm, text)]
        found += [Mention(ident, m.start(), m.end(), written)
                  for compiled, written, ident, pieces in self._patterns
                  if not pieces or any(piece in text for piece in pieces)
                  for m in compiled.finditer(text) if m.end() > m.start()]
        for words, context, ident in self._cooccur:
            if any(c in text for c in context):
                found += [Mention(ident, start, start + len(w), w) for w in words for start in _occurrences(w, text)]
        return found

    def mentions(self, sentence: str) -> list[Mention]:
        """Instrument mentions in one sentence.  A mention lying inside a longer mention of
        another instrument is dropped (商标品牌 inside 商标品牌指导站); so are instruments that a
        funding sentence only names as what the money is for (专项资金…用于维权援助), and those
        named as the place where something else is set up (在…保护中心设立调解委员会)."""
        text = normalize(sentence)
        found = sorted(set(self._all_mentions(text)), key=lambda m: (m.start, -m.end, m.instrument_id))
        longest = max((m.end - m.start for m in found), default=0)
        kept = [m for m in found if not _inside_longer(m, found, longest)]
        places = [(m.start(1), m.end(1)) for m in _LOCATION.finditer(text)]
        place_starts = [a for a, _b in places]
        kept = [m for m in kept if not _inside_place(m, places, place_starts)]
        funds = [m.end for m in kept if self._by_id[m.instrument_id].funds]
        marker = _BENEFICIARIES.search(text, min(funds)) if funds else None
        if marker:
            kept = [m for m in kept if self._by_id[m.instrument_id].funds or m.start < marker.start()]
        return sorted(kept, key=lambda m: (m.start, -m.end, m.instrument_id))

    def instruments_in(self, sentence: str) -> dict[str, str]:
        """instrument_id → the phrasing that first named it in this sentence.  Remembered by the
        sentence (a plan repeats its boilerplate, a corpus its wording; the dictionary never changes),
        at most _REMEMBERED sentences at once; the caller gets its own copy."""
        out = self._found.get(sentence)
        if out is None and len(sentence) > LONGEST_REMEMBERED:
            return self._instruments_in(sentence)
        if out is None:
            out = self._instruments_in(sentence)
            if len(self._found) >= _REMEMBERED:
                self._found.clear()
            self._found[sentence] = out
        return dict(out)

    def _instruments_in(self, sentence: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for mention in self.mentions(sentence):
            out.setdefault(mention.instrument_id, mention.matched)
        return out

    # ── departments ─────────────────────────────────────────────────────────────────────
    def department(self, written: str) -> str:
        """Canonical name of a department as written: 市市场监管局 → 市场监督管理局.  The part
        outside brackets decides (市场监管局（知识产权局） is market regulation); a name no keyword
        fits is kept as written."""
        canonical = self._canonical.get(written)
        if canonical is None:
            if len(self._canonical) >= _REMEMBERED:
                self._canonical.clear()
            canonical = self._canonical[written] = self._department(written)
        return canonical

    def department_columns(self, depts: Departments) -> tuple[str | None, str | None]:
        """(lead, responsible) of a task's departments, canonical and joined with SEPARATOR; a
        responsible department that also leads is listed as lead only.  Remembered by the note."""
        columns = self._columns.get(depts)
        if columns is None:
            canonical = lambda names: SEPARATOR.join(dict.fromkeys(self.department(n) for n in names)) or None  # noqa: E731
            lead = canonical(depts.lead)
            responsible = [n for n in dict.fromkeys(self.department(n) for n in depts.responsible)
                           if n not in (lead or "").split(SEPARATOR)]
            if len(self._columns) >= _REMEMBERED:
                self._columns.clear()
            columns = self._columns[depts] = (lead, SEPARATOR.join(responsible) or None)
        return columns

    def _department(self, written: str) -> str:
        outside = normalize(BRACKETED.sub("", written))
        for where in (outside, normalize(written)):
            for keyword, zh, _en in self._departments:
                if keyword in where:
                    return zh
        return written.strip()

    def department_names(self) -> dict[str, str]:
        """Every canonical department: its Chinese name → its English."""
        return {name: en for _k, name, en in self._departments}

    def department_en(self, zh: str) -> str:
        return next((en for _k, name, en in self._departments if name == zh), zh)

    # ── the report ──────────────────────────────────────────────────────────────────────
    def report(self, sentences: Iterable[str]) -> InstrumentReport:
        """Instrument-like phrasings no instrument covers, and aliases that matched nothing."""
        used: set[tuple[str, str]] = set()
        unmatched: dict[str, int] = {}
        for sentence in sentences:
            text = normalize(sentence)
            found = self._all_mentions(text)
            used.update((m.instrument_id, m.matched) for m in found)
            for phrase in _PHRASING.finditer(text):
                if _OWN_PROGRAMME.search(phrase.group(1)):
                    continue
                if not any(m.start < phrase.end(1) and phrase.start(1) < m.end for m in found):
                    unmatched[phrase.group(1)] = unmatched.get(phrase.group(1), 0) + 1
        written = [(i.id, a) for i in self.instruments for a in (*i.aliases, *i.patterns)]
        written += [(i.id, w) for i in self.instruments for words, _c in i.cooccur for w in words]
        return InstrumentReport(sorted(unmatched.items(), key=lambda kv: (-kv[1], kv[0])),
                                [(ident, alias) for ident, alias in written if (ident, alias) not in used])


def _occurrences(word: str, text: str) -> list[int]:
    """Where `word` starts in `text`, left to right, without overlaps (as re.finditer of the escaped
    word finds them — an empty word at every place — without compiling a pattern per word)."""
    if not word:
        return list(range(len(text) + 1))
    starts, at = [], text.find(word)
    while at >= 0:
        starts.append(at)
        at = text.find(word, at + len(word))
    return starts


def _inside_longer(m: Mention, found: list[Mention], longest: int) -> bool:
    """Whether a longer mention of another instrument covers m.  `found` is sorted by start; only
    mentions starting at most `longest` (the longest mention's length) before m can cover it, so
    a sentence of thousands of mentions costs a bisection each, not a scan."""
    lo = bisect.bisect_left(found, m.end - longest, key=lambda o: o.start)
    hi = bisect.bisect_right(found, m.start, key=lambda o: o.start)
    return any(o.instrument_id != m.instrument_id and o.end >= m.end and o.end - o.start > m.end - m.start
               for o in found[lo:hi])


def _inside_place(m: Mention, places: list[tuple[int, int]], starts: list[int]) -> bool:
    """Whether m lies inside the place of a 在…设立 phrase (places do not overlap: finditer)."""
    k = bisect.bisect_right(starts, m.start) - 1
    return k >= 0 and m.end <= places[k][1]


@lru_cache(maxsize=1)
def dictionary() -> InstrumentDictionary:
    return InstrumentDictionary.load()


# ── departments of a task ──────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class Departments:
    written: str = ""                   # the note as the plan writes it
    lead: tuple[str, ...] = ()          # as written
    responsible: tuple[str, ...] = ()   # as written, the lead excluded


def _protect_brackets(text: str) -> str:
    """"各镇（园区、街道）" and "市委宣传部（市版权局）" are one name: their inner separators must not split."""
    def protect(m: re.Match) -> str:
        inner = m.group(0)
        for separator in INNER_SEPARATORS:
            inner = inner.replace(separator, "/")
        return inner
    return BRACKETED.sub(protect, text)


@short_text_cache  # pure (its answer frozen), and plans repeat their wording
def parse_departments(note: str) -> Departments:
    """A department note → lead and responsible names as written.

    Groups are separated by ， or ；.  A group is lead when labelled 牵头单位/牵头部门, or when it
    says 牵头 or （主责）; every other group is responsible.  Within a group, 、 separates names."""
    body = note.strip()
    body = BRACKET_ENDS.sub("", body)
    lead: list[str] = []
    others: list[str] = []
    for group in GROUP_BREAK.split(_protect_brackets(body)):
        group = group.strip()
        is_lead = bool(_LEAD_LABEL.match(group) or _LEAD_MARK.search(group))
        group = _LEAD_LABEL.sub("", _OTHER_LABEL.sub("", group))
        group = _LEAD_MARK.sub("", group)
        for name in group.split(LIST_MARK):
            name = _DUTY_WORDS.sub("", name.replace("/", LIST_MARK).strip()).strip()
            name = NOTE_LABEL.sub("", name)
            if len(name) >= 2:
                (lead if is_lead else others).append(name)
    return Departments(note.strip(), tuple(dict.fromkeys(lead)), tuple(n for n in dict.fromkeys(others) if n not in lead))


def department_note(paragraphs: list[str], index: int) -> str:
    """The department note of the task in paragraph `index`: the last bracket in it naming who is
    responsible, else a label at its end (…。责任单位：…), else a following line that is only such a
    bracket or label line (牵头单位：…；配合单位：…)."""
    paragraph = paragraphs[index]
    notes = [m.group(0) for m in DEPARTMENT_NOTE.finditer(paragraph) if _DEPARTMENT_WORDS.search(m.group(0))]
    if notes:
        return notes[-1]
    trailing = _LABEL_LINE.search(paragraph)
    if trailing and trailing.start() > 0:
        return trailing.group(0)
    for following in paragraphs[index + 1:index + 3]:
        if not following.strip():
            continue
        line = following.strip()
        m = DEPARTMENT_NOTE.fullmatch(line)
        if m and _DEPARTMENT_WORDS.search(m.group(0)):
            return m.group(0)
        return line if _LABEL_LINE.fullmatch(line) else ""
    return ""


def inline_lead(sentence: str) -> str:
    """"由区知识产权局牵头负责建立…": a lead named inside the sentence, for tasks without a note."""
    m = _INLINE_LEAD.search(sentence)
    return m.group(1) + LEAD_WORD if m else ""


@short_text_cache  # pure (its answer frozen), and plans repeat their wording
def _masked(sentence: str) -> str:
    """The sentence without its department note: 盐城海关 in a note is no customs commitment."""
    blank = lambda m: " " * len(m.group(0))  # noqa: E731
    sentence = DEPARTMENT_NOTE.sub(lambda m: blank(m) if _DEPARTMENT_WORDS.search(m.group(0)) else m.group(0), sentence)
    return _LABEL_LINE.sub(blank, sentence)


# ── one plan ─────────────────────────────────────────────────────────────────────────────────────

@short_text_cache  # pure, and plans repeat their wording
def commitment_year(sentence: str) -> int | None:
    """The year a sentence sets (到2026年, 2023年底前, 2025年起); a period range (2024—2026年) or a
    year inside a cited title is not a commitment year."""
    text = TITLE.sub(lambda m: " " * len(m.group(0)), sentence)
    text = _YEAR_RANGE.sub(lambda m: " " * len(m.group(0)), text)
    m = _YEAR.search(text)
    return int(m.group(1)) if m else None


def _target_spans(targets: pd.DataFrame | None) -> list[tuple[int, int, str, str]]:
    """(quote_start, quote_end, target_id, raw_name) of the plan's targets, in reading order;
    plain tuples, read once per plan (a frame filtered per sentence cost most of a build)."""
    if targets is None or targets.empty or "quote_start" not in targets:
        return []
    start, end = _offsets(targets["quote_start"]), _offsets(targets["quote_end"])
    spans = [(int(a), int(b), str(t), str(n or "")) for a, b, t, n in zip(start, end, targets["target_id"], targets["raw_name"])
             if a is not None and b is not None]
    return sorted(spans)


def _offsets(values) -> list:
    """Offsets as pd.to_numeric(errors="coerce") reads them, a missing one as None.  A list of plain
    numbers (the build's columns, etl.warehouse.plan.TargetColumns) is read without pandas: for one plan's
    few values pandas cost more than the rest of this step."""
    if isinstance(values, list) and all(type(value) is int or type(value) is float for value in values):
        return [None if value != value else value for value in values]  # NaN is the one value not equal to itself
    return [None if pd.isna(value) else value for value in pd.to_numeric(values, errors="coerce")]


def _spans_in(spans: list[tuple[int, int, str, str]], longest: int, s: Sentence) -> list[tuple[int, int, str, str]]:
    """The target spans overlapping a sentence: spans are sorted by start and none is longer than
    `longest`, so a bisection finds them (a scan per sentence is quadratic on a long plan)."""
    lo = bisect.bisect_left(spans, s.start - longest, key=lambda span: span[0])
    hi = bisect.bisect_left(spans, s.end, key=lambda span: span[0])
    return [span for span in spans[lo:hi] if span[1] > s.start]


def _target_for(d: InstrumentDictionary, same: list[tuple[int, int, str, str]], instrument_id: str,
                alone: bool) -> str | None:
    """The target an instrument comes with: one in the same sentence whose own name names the
    instrument (新增知识产权质押融资 → pledge financing); failing that, the sentence's first target
    when the instrument is the only one the sentence names.  Otherwise none: a sentence on
    pledge loans, insurance and securitisation with one loan target links only the loans."""
    for _start, _end, target_id, raw_name in same:
        if instrument_id in d.instruments_in(raw_name):
            return target_id
    return same[0][2] if same and alone else None


def _row(d: InstrumentDictionary, instrument: Instrument, matched: str, s: Sentence, depts: Departments,
         doc_id: str, region_id: str, target_id: str | None) -> dict:
    lead, responsible = d.department_columns(depts)
    return {"instrument_id": instrument.id, "instrument_zh": instrument.zh, "instrument_en": instrument.en,
            "category": instrument.category, "doc_id": doc_id, "region_id": region_id,
            "quote": s.text, "quote_start": s.start, "quote_end": s.end, "section": s.section,
            "section_kind": s.section_kind, "matched": matched, "target_id": target_id,
            "lead_departments": lead, "responsible_departments": responsible,
            "departments_as_written": depts.written or None, "year": commitment_year(s.text)}


def is_title(s: Sentence) -> bool:
    """A heading that only names a task ("5、深入实施高价值专利培育工程。", "（一）加强组织领导").
    segment marks the first sentence of every numbered item as a heading; when that sentence is a
    full clause ("1.加快建设区知识产权保护中心，开通…通道。") it is the commitment itself."""
    if not s.is_heading:
        return False
    body = _ORDINAL.sub("", s.text.strip())
    return not body.endswith(TITLE_ENDS) or (CLAUSE_COMMA not in body and len(body) <= TITLE_MAX_CHARS)


def columns() -> list[str]:
    return [name for name, _type, _doc in INSTRUMENTS_TABLE]


def instrument_rows(clean_text: str, doc_id: str, region_id: str, targets: pd.DataFrame | None = None,
                    sentences: list[Sentence] | None = None) -> pd.DataFrame:
    """Every instrument a plan commits to in its task and safeguard sections, one row per
    (instrument, sentence), with columns INSTRUMENTS_TABLE.  `targets` is the plan's targets
    frame (etl.base.schema "targets"), used to link a sentence's numeric target."""
    frame = pd.DataFrame(_instrument_rows(clean_text, doc_id, region_id, targets, sentences), columns=columns())
    frame["year"] = frame["year"].astype("Int64")
    return frame


def instrument_columns(clean_text: str, doc_id: str, region_id: str, targets: pd.DataFrame | None = None,
                       sentences: list[Sentence] | None = None) -> dict[str, list]:
    """`instrument_rows` as {column: values}: what the build sends on as Arrow (making a frame of a
    plan's few rows cost more than finding them)."""
    rows = _instrument_rows(clean_text, doc_id, region_id, targets, sentences)
    return {column: [row[column] for row in rows] for column in columns()}


def _instrument_rows(clean_text: str, doc_id: str, region_id: str, targets: pd.DataFrame | None,
                     sentences: list[Sentence] | None) -> list[dict]:
    d = dictionary()
    paragraphs = clean_text.split("\n")
    spans = _target_spans(targets)
    longest = max((b - a for a, b, _t, _n in spans), default=0)
    rows, notes = [], {}
    for s in sentences if sentences is not None else segment(clean_text):
        if s.section_kind not in SECTION_KINDS or is_title(s):
            continue
        found = d.instruments_in(_masked(s.text))
        if not found:
            continue
        if s.paragraph not in notes:
            notes[s.paragraph] = parse_departments(department_note(paragraphs, s.paragraph))
        depts = notes[s.paragraph] if notes[s.paragraph].written else parse_departments(inline_lead(s.text))
        same = _spans_in(spans, longest, s)
        for ident, matched in found.items():
            target_id = _target_for(d, same, ident, alone=len(found) == 1)
            rows.append(_row(d, d.get(ident), matched, s, depts, doc_id, region_id, target_id))
    # one row per (instrument, sentence), on plain rows: a frame-level drop_duplicates cost 1 ms a plan
    seen: set[tuple] = set()
    return [r for r in rows if (key := (r["instrument_id"], r["quote_start"])) not in seen and not seen.add(key)]


def plan_sentences(clean_text: str) -> list[str]:
    """The sentences the extractor reads: task and safeguard sections, titles skipped."""
    return [s.text for s in segment(clean_text) if s.section_kind in SECTION_KINDS and not is_title(s)]
