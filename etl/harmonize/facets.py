"""Read an indicator name as facets: subject × measure × normaliser × qualifiers × tier (+ growth).

A raw name (the noun phrase the extractor found before a number) is cut into the vocabulary's
words (etl.vocab.facets), longest word first at each position; the characters no table knows are
ignored.  Then:
  - the *subject* is the kind the name counts: the last kind named, or the sum of kinds joined by
    和/与/及/、 (地理标志产品和农产品商标总数 is one target counting two kinds);
  - the *measure* is the last measure word (申请量, 授权量, 拥有量, 金额, 率 …); with none, a flow
    word before the kind (授权专利, 申请植物新品种) or the value's unit (亿元 → amount, % → share);
    有效 makes a count of what is held (商标有效注册量 = 有效注册商标);
  - *normaliser* (每万人口 …, 占地区生产总值 …), *qualifiers* (高价值, 海外, PCT, 维持10年以上 …) and
    *tier* (国家级, 省级 …, only for designations) as named; a *growth* word (年均增长 …) makes it the
    growth rate of that measure.
When the name lacks a part, the sentence supplies it (`read`): a 分别 list gives each value its own
member, a list member inherits a density written once before the list (每万人口A、B拥有量), a density
written after the name (拥有量达到每万人N件) counts, and a name that is only a measure or debris
(授权量, 当年, 与) takes its kind from the clause before it.  A name whose kind cannot be read stays
unparsed, with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

from etl.vocab import facets as vocab

SUBJECT_INFO = {code: (zh, en, category) for code, zh, en, category, _ in vocab.SUBJECTS}
MEASURE_INFO = {code: (zh, en, nature, unit) for code, zh, en, nature, unit, _ in vocab.MEASURES}
NORMALISER_INFO = {code: (zh, en) for code, zh, en, _ in vocab.NORMALISERS}
QUALIFIER_INFO = {code: (zh, en) for code, zh, en, _ in vocab.QUALIFIERS}
TIER_INFO = {code: (zh, en) for code, zh, en, _ in vocab.TIERS}
_TIER_ORDER = [code for code, *_ in vocab.TIERS]
SUBJECT_LABELS_EN = vocab.SUBJECT_LABELS_EN


@dataclass(frozen=True)
class Facets:
    """What a number measures.  `subject` may be a sum of kinds (a+b, sorted); `tier` likewise."""

    subject: str
    measure: str
    normaliser: str = ""
    qualifiers: tuple[str, ...] = ()
    tier: str = ""
    growth: bool = False

    @property
    def key(self) -> str:
        """A stable text form: subject__measure[__n_…][__q_…][__t_…][__growth]."""
        parts = [self.subject, self.measure]
        if self.normaliser:
            parts.append(f"n_{self.normaliser}")
        parts += [f"q_{q}" for q in self.qualifiers]
        if self.tier:
            parts.append(f"t_{self.tier}")
        if self.growth:
            parts.append("growth")
        return "__".join(parts)

    @classmethod
    def from_key(cls, key: str) -> Facets:
        subject, measure, *rest = key.split("__")
        normaliser = next((p[2:] for p in rest if p.startswith("n_")), "")
        tier = next((p[2:] for p in rest if p.startswith("t_")), "")
        return cls(subject, measure, normaliser, tuple(p[2:] for p in rest if p.startswith("q_")), tier,
                   "growth" in rest)

    @property
    def subjects(self) -> list[str]:
        return self.subject.split("+")

    def describe(self) -> str:
        out = [f"subject={self.subject}", f"measure={self.measure}"]
        if self.normaliser:
            out.append(f"normaliser={self.normaliser}")
        if self.qualifiers:
            out.append("qualifiers=" + "+".join(self.qualifiers))
        if self.tier:
            out.append(f"tier={self.tier}")
        if self.growth:
            out.append("growth")
        return "; ".join(out)

    def label_zh(self) -> str:
        """The combination's name as the genre writes it: 每万人口高价值发明专利拥有量, 省级知识产权优势企业数量,
        植物新品种权申请量, 发明专利授权量占比, 专利密集型产业占地区生产总值比重, 知识产权质押融资金额增长率."""
        quals = [q for q in self.qualifiers if not _share_of(q)]
        kinds = [SUBJECT_INFO[s][0] for s in self.subjects]
        if kinds[0].startswith(vocab.IP_ZH):  # 知识产权优势企业和示范企业: the shared 知识产权 once
            kinds[1:] = [k[len(vocab.IP_ZH):] if k.startswith(vocab.IP_ZH) and len(k) > len(vocab.IP_ZH) else k
                         for k in kinds[1:]]
        subject = vocab.SUM_ZH.join(kinds)
        if any(q.startswith(vocab.PURPOSE_PREFIX) for q in quals) and subject.startswith(vocab.IP_ZH):
            subject = subject[len(vocab.IP_ZH):]  # 地理标志专项资金, 知识产权专员培训: the purpose says whose
        per_head = self.normaliser and self.normaliser not in vocab.SHARE_NORMALISERS
        words = [NORMALISER_INFO[self.normaliser][0]] if per_head else []
        if self.tier:
            words.append(vocab.LABEL_JOIN_ZH.join(TIER_INFO[t][0] for t in self.tier.split("+")))  # 国家级和省级
        words.append(vocab.SUM_ZH.join(_qualifier_zh(q) for q in quals if q in vocab.OWNER_QUALIFIERS))
        words += [_qualifier_zh(q) + vocab.OF_ZH for q in quals if q.startswith("maintained_")]
        words += [_qualifier_zh(q) for q in quals if q not in vocab.OWNER_QUALIFIERS
                  and not q.startswith("maintained_") and _qualifier_zh(q) not in subject]  # 网络侵权盗版案件 once
        text = "".join(words) + subject + self._measure_zh()
        if self.normaliser in vocab.SHARE_NORMALISERS and self.measure != "share":
            text += NORMALISER_INFO[self.normaliser][0] + vocab.SHARE_OF_ZH  # a denominator the measure does not carry
        return text + (vocab.GROWTH_ZH if self.growth else "")

    def label_en(self) -> str:
        """The combination's name as a noun phrase in sentence case: Number of provincial IP advantage firms,
        Plant variety applications, Invention patents held per 10,000 residents, Growth rate of PCT patent
        applications, Share of invention patent grants, IP-intensive industries as a share of GDP."""
        text, of_form = self._core_en()
        if self.normaliser and (self.normaliser not in vocab.SHARE_NORMALISERS or self.measure != "share"):
            text += " " + NORMALISER_INFO[self.normaliser][1]
        if self.growth:
            text = vocab.GROWTH_EN.format(("the " if of_form else "") + text)
        return text[0].upper() + text[1:]

    def _measure_zh(self) -> str:
        """The measure word after the kind: rights are held (拥有量), marks registered (注册量), a share is of
        the flow the name says (授权量占比) and of the denominator it names (占地区生产总值比重)."""
        if self.measure == "share":
            flow = next((q[len(vocab.SHARE_OF_PREFIX):] for q in self.qualifiers if _share_of(q)), "")
            text = self._flow_zh(flow) if flow else ""
            if self.normaliser in vocab.SHARE_NORMALISERS:
                return text + NORMALISER_INFO[self.normaliser][0] + vocab.SHARE_OF_ZH
            return text + vocab.SHARE_ZH
        if self.measure == "count" and all(s in vocab.HELD_KINDS for s in self.subjects):
            return vocab.COUNT_HELD_ZH
        return self._flow_zh(self.measure)

    def _flow_zh(self, measure: str) -> str:
        if measure == "registrations" and all(s.endswith(("_mark", "trademark")) for s in self.subjects):
            return vocab.TRADEMARK_REGISTRATIONS_ZH
        return vocab.MEASURE_LABEL_ZH.get(measure, MEASURE_INFO[measure][0])

    def _core_en(self) -> tuple[str, bool]:
        """The label before its normaliser and growth, in lower case, and whether its head noun is singular
        (number of …, … coverage rate), so that a growth rate of it says "the"."""
        quals = [q for q in self.qualifiers if not _share_of(q)]
        kinds = [_kind_en(s) for s in self.subjects]
        noun = (", and " if any(" and " in k for k in kinds) else " and ").join(kinds)
        tiers = [t for t in self.tier.split("+") if t]
        after = [TIER_INFO[t][1] for t in tiers if t in vocab.TIER_AFTER]
        after += [vocab.MAINTAINED_EN.format(re.sub(r"\D", "", q)) for q in quals if q.startswith("maintained_")]
        after += [f"{vocab.PURPOSE_EN.get(self.subjects[-1], 'for')} {_kind_en(q[len(vocab.PURPOSE_PREFIX):])}"
                  for q in quals if q.startswith(vocab.PURPOSE_PREFIX)]
        before = [" and ".join(TIER_INFO[t][1] for t in tiers if t not in vocab.TIER_AFTER)]
        before += [_qualifier_en(q) for q in quals if q not in vocab.OWNER_QUALIFIERS
                   and not q.startswith(("maintained_", vocab.PURPOSE_PREFIX))
                   and _qualifier_en(q).lower() not in noun.lower().split()]  # online piracy cases, once
        before = [w for w in before if w]
        attributive = SUBJECT_LABELS_EN.get(self.subject, ("", None))[1] if not after else None
        noun = " ".join(before + [noun] + after)
        attributive = " ".join(before + [attributive]) if attributive else None
        text, of_form = self._measure_en(noun, attributive, plain=not after)
        owners = " and ".join(_qualifier_en(q) for q in quals if q in vocab.OWNER_QUALIFIERS)
        if owners:
            text += f" {'by' if text.endswith(' held') or self.measure in vocab.BY_OWNER_MEASURES else 'among'} {owners}"
        return text, of_form

    def _measure_en(self, noun: str, attributive: str | None, plain: bool = True) -> tuple[str, bool]:
        """The measure as a head noun (invention patent applications) or "<head> of <kind>" (number of …);
        True when the head is singular, so that a growth rate of it says "the".  `plain`: no phrase follows
        the kind (a right maintained for over 10 years is numbered, not "held")."""
        measure, subjects = self.measure, self.subjects
        mass = "mass" if all(s in vocab.MASS_KINDS for s in subjects) else "countable"
        if measure == "share":
            flow = next((q[len(vocab.SHARE_OF_PREFIX):] for q in self.qualifiers if _share_of(q)), "")
            part = Facets(self.subject, flow)._measure_en(noun, attributive, plain)[0] if flow else noun
            if self.normaliser in vocab.SHARE_NORMALISERS:
                return f"{part} {NORMALISER_INFO[self.normaliser][1]}", False
            return f"share of {part}", True
        if measure == "count" and plain and all(s in vocab.HELD_KINDS for s in subjects):
            forms = (None, vocab.HELD_EN)
        elif measure in ("count", "times"):
            forms = vocab.COUNT_LABELS_EN[mass]
        elif measure == "sessions":
            forms = vocab.SESSIONS_LABELS_EN[mass]
        elif measure == "amount":
            forms = vocab.AMOUNT_LABELS_EN["money" if any(s in vocab.MONEY_KINDS for s in subjects) else "other"]
        else:
            en = MEASURE_INFO[measure][1]
            forms = vocab.MEASURE_LABELS_EN.get(measure, (f"{{a}} {en}", f"{en} of {{n}}"))
        template = forms[0] if forms[0] and attributive else forms[1]
        head = template.split()[-1 if template.startswith("{") else 0]
        return template.format(a=attributive, n=noun), head != "held" and not head.endswith("s")

    @property
    def category(self) -> str:
        return dict(vocab.MEASURE_CATEGORIES).get(self.measure) or SUBJECT_INFO[self.subjects[-1]][2]

    @property
    def nature(self) -> str:
        return "rate" if self.growth else MEASURE_INFO[self.measure][2]


def _share_of(code: str) -> bool:
    return code.startswith(vocab.SHARE_OF_PREFIX)


def _qualifier_zh(code: str) -> str:
    if code in QUALIFIER_INFO:
        return QUALIFIER_INFO[code][0]
    if code.startswith(vocab.SHARE_OF_PREFIX):
        return MEASURE_INFO[code[len(vocab.SHARE_OF_PREFIX):]][0]
    if code.startswith(vocab.PURPOSE_PREFIX):
        return SUBJECT_INFO[code[len(vocab.PURPOSE_PREFIX):]][0]
    years = re.sub(r"\D", "", code)
    return f"{vocab.MAINTAINED_ZH[0]}{years}{vocab.MAINTAINED_ZH[1]}"


def _qualifier_en(code: str) -> str:
    if code in QUALIFIER_INFO:
        return QUALIFIER_INFO[code][1]
    if code.startswith(vocab.SHARE_OF_PREFIX):
        return MEASURE_INFO[code[len(vocab.SHARE_OF_PREFIX):]][1]
    if code.startswith(vocab.PURPOSE_PREFIX):
        return SUBJECT_INFO[code[len(vocab.PURPOSE_PREFIX):]][1].lower()
    return code.replace("_", " ")  # maintained_10y → maintained 10y


def _kind_en(code: str) -> str:
    """A kind as a noun phrase inside a label: its SUBJECT_LABELS_EN phrase, or its SUBJECTS label with
    the first letter lowered unless the first word is an acronym (IP, GI)."""
    if code in SUBJECT_LABELS_EN:
        return SUBJECT_LABELS_EN[code][0]
    text = SUBJECT_INFO[code][1]
    return text[0].lower() + text[1:] if len(text) > 1 and text[1].islower() else text


@dataclass(frozen=True)
class Parsed:
    """The outcome of reading one name: facets, or the reason there are none; `name` as read."""

    facets: Facets | None
    reason: str = ""
    name: str = ""
    notes: tuple[str, ...] = field(default=())


# --- the tokenizer ------------------------------------------------------------------------------

def _word_table() -> dict[str, tuple[str, str]]:
    """word → (kind, code).  Earlier kinds win a word both name (a measure word is never a subject)."""
    table: dict[str, tuple[str, str]] = {}

    def put(word: str, kind: str, code: str) -> None:
        table.setdefault(_fold(word), (kind, code))

    for word in vocab.GROWTH_WORDS:
        put(word, "growth", "growth")
    for code, _zh, _en, words in vocab.NORMALISERS:
        for w in words:
            put(w, "normaliser", code)
    for code, *_, words in vocab.MEASURES:
        for w in words:
            put(w, "measure", code)
    for code, _zh, _en, _cat, words in vocab.SUBJECTS:
        for w in words:
            put(w, "subject", code)
    for code, _zh, _en, words in vocab.QUALIFIERS:
        for w in words:
            put(w, "qualifier", code)
    for code, _zh, _en, words in vocab.TIERS:
        for w in words:
            put(w, "tier", code)
    for word, code in vocab.PREFIX_MEASURES:
        put(word, "prefix_measure", code)
    for w in vocab.SUM_JOINERS:
        put(w, "joiner", w)
    return table


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).upper()


_WORDS = _word_table()
_NORMALISER_RE = re.compile("|".join(sorted((re.escape(_fold(w)) for *_, words in vocab.NORMALISERS for w in words),
                                             key=len, reverse=True)))
_SUBSET_WORD = _fold(vocab.SUBSET_WORD)
_NAME_FOLDS = tuple((_fold(before), _fold(after)) for before, after in vocab.NAME_FOLDS)
_LONGEST = max(len(w) for w in _WORDS)
_MAINTAINED = re.compile(vocab.MAINTAINED)
_YEAR = re.compile(vocab.YEAR_MARK)
_LEADING = re.compile(vocab.LEADING_DEBRIS)
_BRACKETS = re.compile(vocab.BRACKETED)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_GENERIC = frozenset(_fold(w) for w in vocab.GENERIC_WORDS)
_HEADS = sorted((_fold(w) for w in vocab.HEAD_WORDS), key=len, reverse=True)
_NOISE = sorted((_fold(w) for w in vocab.NOISE_WORDS + vocab.REFERRING_WORDS), key=len, reverse=True)
_NOISE_RE = re.compile("|".join(map(re.escape, _NOISE)))  # longest first: one pass instead of one per word


@lru_cache(maxsize=50_000)
def tokens(text: str) -> tuple[tuple[str, str, str, int], ...]:
    """(kind, code, word, position) of every vocabulary word, longest first at each position (cached:
    names and clauses repeat across plans)."""
    out, i = [], 0
    while i < len(text):
        for size in range(min(_LONGEST, len(text) - i), 0, -1):
            hit = _WORDS.get(text[i:i + size])
            if hit:
                out.append((hit[0], hit[1], text[i:i + size], i))
                i += size
                break
        else:
            i += 1
    return tuple(out)


@lru_cache(maxsize=50_000)
def clean_name(raw: str) -> str:
    """The name without brackets, quotes, list marks and leading debris, width-folded (cached)."""
    text = _fold(raw or "")
    for before, after in _NAME_FOLDS:
        text = text.replace(before, after)
    text = _BRACKETS.sub("", text)
    text = "".join(ch for ch in text if ch in vocab.SUM_JOINERS or ch == "."
                   or not unicodedata.category(ch).startswith(("P", "Z", "C")))
    return _LEADING.sub("", text)


# --- reading a name -------------------------------------------------------------------------------

@dataclass
class _Reading:
    subjects: list[str] = field(default_factory=list)
    measure: str = ""
    prefix_measure: str = ""
    normaliser: str = ""
    qualifiers: list[str] = field(default_factory=list)
    tiers: list[str] = field(default_factory=list)
    growth: bool = False
    held: bool = False
    flow: str = ""  # the first flow measure named (申请, 授权 …): what a share is a share of
    head_unknown: str = ""  # words after the last known one: the name's head is a kind no table knows


def _read(text: str) -> _Reading:
    """The facets the words of one name state (nothing inferred yet); a fresh copy callers may change."""
    found = _read_once(text)
    return replace(found, subjects=list(found.subjects), qualifiers=list(found.qualifiers), tiers=list(found.tiers))


@lru_cache(maxsize=50_000)
def _read_once(text: str) -> _Reading:
    reading = _Reading()
    maintained = _MAINTAINED.search(text)
    if maintained:  # patents maintained N years are patents still held
        reading.qualifiers.append(f"maintained_{maintained.group(1)}y")
        reading.held = True
        text = text[:maintained.start()] + text[maintained.end():]
    # a year or a date splits debris from the name: the part holding the last kind is the name, the
    # parts after it may still say its density (拥有量2026年达到每万人)
    parts = [p for p in _YEAR.split(text) if p]
    named = [p for p in parts if any(kind == "subject" for kind, *_ in tokens(p))]
    if named:
        keep = parts.index(named[-1])
        text = "".join(parts[keep:])
    toks = tokens(text)
    tail = text[toks[-1][3] + len(toks[-1][2]):] if toks else text
    for word in _HEADS:
        tail = tail.replace(word, "\0")
    placed = toks and toks[-1][0] == "measure" and toks[-1][1] in vocab.PLACE_MEASURES
    reading.head_unknown = "" if placed else _unknown(_strip_noise(tail))
    closer = text.rfind(_fold(vocab.LIST_CLOSER))
    if closer > 0 and any(_names_a_kind(t) and t[3] > closer for t in toks):
        # the examples listed before 等 (代理、法律、运营等服务; 执行险、海外维权险等险种) are no kinds,
        # qualifiers or tiers of their own: the kind is the one after 等
        toks = [t for t in toks if t[0] not in ("subject", "qualifier", "tier") or t[3] > closer]
    in_denominator = False
    pending_join = False
    last_kind = ""
    end = 0
    qualified_generic = ""  # 科研经费: an unknown word before a generic word of a kind; not that kind
    for kind, code, word, at in toks:
        before, end = text[end:at], at + len(word)
        if kind == "subject":
            unknown = _unknown(_strip_noise(before)) if word in _GENERIC else ""
            qualified_generic = unknown + word if unknown else ""
        if kind == "normaliser":
            reading.normaliser = reading.normaliser or code
            in_denominator = code in ("per_gdp", "of_industrial_output", "of_total")
        elif kind == "growth":
            reading.growth = True
        elif kind == "measure":
            # 使用…专用标志的市场主体: the firms that use a mark are its users
            reading.measure = reading.measure if (reading.measure, code) == ("users", "firms") else code
            reading.flow = reading.flow or (code if code in vocab.SHARE_BASES else "")
        elif in_denominator:
            continue  # 占全市有效发明专利的比重: the kind after 占 is the denominator
        elif kind == "subject":
            if reading.subjects and pending_join:
                reading.subjects.append(code)
            elif reading.subjects and last_kind == "subject" and code == "ip":
                pass  # a trailing 知识产权 adds nothing to the kind before it
            elif reading.subjects and last_kind == "subject" and code in vocab.PURPOSE_KINDS \
                    and reading.subjects[-1] != vocab.GENERIC_SUBJECT:
                # 地理标志专项资金: funds for one kind are a subset of the funds, not the kind
                if not (code == vocab.TRAINING and reading.subjects[-1] in vocab.GENERAL_TRAINEES):
                    reading.qualifiers.append(f"{vocab.PURPOSE_PREFIX}{reading.subjects[-1]}")
                reading.subjects = [code]
            elif reading.subjects == [vocab.TRAINING] and last_kind == "subject":
                # 培训版权从业人员: whom the training reaches qualifies it; it stays the kind counted
                if code not in vocab.GENERAL_TRAINEES:
                    reading.qualifiers.append(f"{vocab.PURPOSE_PREFIX}{code}")
            else:
                reading.subjects = [c for c in reading.subjects if pending_join] + [code] if pending_join else [code]
        elif kind == "qualifier":
            if code not in reading.qualifiers and (not reading.subjects or code in vocab.TRAILING_QUALIFIERS):
                reading.qualifiers.append(code)
        elif kind == "tier":
            if not reading.subjects:
                reading.tiers.append(code)
        elif kind == "prefix_measure":
            if code == "count":
                reading.held = True
            elif not reading.subjects:
                reading.prefix_measure = code
            reading.flow = reading.flow or (code if code in vocab.SHARE_BASES else "")
        pending_join = kind == "joiner" or (pending_join and kind in ("tier", "qualifier"))
        last_kind = kind
    reading.head_unknown = reading.head_unknown or qualified_generic
    return reading


_KIND_MEASURES = frozenset(measure for measure, _kind in vocab.MEASURE_SUBJECTS)


def _names_a_kind(token: tuple[str, str, str, int]) -> bool:
    """A subject word, or a measure word that names its kind by itself (险种 are insurance's)."""
    return token[0] == "subject" or (token[0] == "measure" and token[1] in _KIND_MEASURES)


def _measure_from_unit(unit: str | None) -> str:
    unit = _fold(unit or "")
    return next((measure for chars, measure in vocab.UNIT_MEASURES if _fold(chars) in unit), "")  # first wins


NO_SUBJECT = "no kind of thing named (subject)"
NO_MEASURE = "names no measure for a kind counted several ways (applied, granted or held; sessions or person-times)"


def _facets(reading: _Reading, unit: str | None) -> Facets | str:
    """The facets a reading states, or the reason it states none."""
    if reading.head_unknown:
        return f"the name ends in words the vocabulary does not know, or qualifies a generic word with them ({reading.head_unknown})"
    if not reading.subjects:
        implied = [kind for qualifier, kind in vocab.QUALIFIER_SUBJECTS if qualifier in reading.qualifiers]
        implied += [kind for measure, kind in vocab.MEASURE_SUBJECTS if measure == reading.measure]
        if not implied:
            return NO_SUBJECT
        reading.subjects = implied[:1]
    for qualifier, kind, meant in vocab.QUALIFIED_SUBJECTS:
        if qualifier in reading.qualifiers:
            reading.subjects = [meant if s == kind else s for s in reading.subjects]
    dominant = [s for s in reading.subjects if s in vocab.DOMINANT_SUBJECTS]
    if dominant:
        reading.subjects = dominant[:1]
    if len(set(reading.subjects)) > 1:  # a generic 知识产权 in a list adds no kind of its own
        reading.subjects = [s for s in reading.subjects if s != vocab.GENERIC_SUBJECT] or reading.subjects
    if len(set(reading.subjects)) > 1 and any(s in vocab.GI_KINDS for s in reading.subjects):
        # 地理标志保护产品和证明商标: 地理标志 is written once for both members of the sum
        reading.subjects = [vocab.GI_SUM_MEMBERS.get(s, s) for s in reading.subjects]
    subjects = sorted(set(reading.subjects))
    subject = "+".join(subjects)
    measure = reading.measure or reading.prefix_measure
    if subject == vocab.TRAINING and measure in vocab.TRAINEE_MEASURES:
        measure = ""  # 培训版权从业人员: the people trained are counted as the unit says (人次)
    if reading.held and measure in ("", "registrations", "grants", "count"):
        measure = "count"
    if not measure and any(s in vocab.MEASURE_NEEDED_KINDS for s in subjects) and not _measure_from_unit(unit):
        return NO_MEASURE  # 发明专利 alone may be applied for, granted or held: three measures, no guess
    if not measure:
        if reading.growth:
            measure = "amount" if subjects[-1] in vocab.AMOUNT_SUBJECTS else "count"
        else:
            measure = _measure_from_unit(unit) or (
                "amount" if subjects[-1] in vocab.AMOUNT_SUBJECTS else "count")
    measure = vocab.SAME_MEASURE.get((subject, measure), measure)
    if measure == "amount" and reading.normaliser in ("per_gdp", "of_industrial_output", "of_total"):
        measure = "share"  # 增加值占地区生产总值 states a share even without 比重
    normaliser = reading.normaliser
    if measure == "share" and normaliser == "of_total":
        normaliser = ""  # a share is of its whole: 占比 and 占全市…的比重 state one measure
    tiers = sorted(set(reading.tiers), key=_TIER_ORDER.index) if any(
        s in vocab.TIERED_KINDS for s in subjects) else []
    qualifiers = set(reading.qualifiers)
    if measure == "share" and reading.flow:
        qualifiers.add(vocab.SHARE_OF_PREFIX + reading.flow)  # 授权量占比 is no 申请量占比
    return Facets(subject, measure, normaliser, tuple(sorted(qualifiers)), "+".join(tiers), reading.growth)


@lru_cache(maxsize=50_000)
def parse_name(raw_name: str, unit: str | None = None) -> Parsed:
    """Facets of a name read alone (cached: plans repeat their wordings)."""
    name = clean_name(raw_name)
    if not name:
        return Parsed(None, "empty name", name)
    facets = _facets(_read(name), unit)
    if isinstance(facets, str):
        return Parsed(None, facets, name)
    return Parsed(facets, "", name)


def category_of(raw_name: str) -> str | None:
    """The category of the kind a name mentions, even when its facets cannot be read (知识产权主要指标 alone)."""
    reading = _read(clean_name(raw_name or ""))
    return SUBJECT_INFO[reading.subjects[-1]][2] if reading.subjects else None


def parse(raw_name: str, quote: str = "", value: float | None = None, unit: str | None = None) -> Parsed:
    """Facets of a target's name, with what its sentence adds (see the module's docstring)."""
    if not (raw_name or "").strip() and quote and value is not None:
        return _staged(quote, value, unit)
    alone = parse_name(raw_name or "", unit)
    if not quote or _sentence_adds_nothing(raw_name or "", quote, alone):
        return alone
    return _parse_in_sentence(raw_name or "", quote, value, unit, alone)


def _needs_measure(reading: _Reading) -> bool:
    return any(s in vocab.MEASURE_NEEDED_KINDS for s in reading.subjects)


def _sentence_adds_nothing(raw_name: str, quote: str, alone: Parsed) -> bool:
    """True when the name alone is complete (a kind and a measure word, one member, no density the
    sentence could add): most names, read without looking at their sentence, for speed."""
    if alone.facets is None or any(sep in raw_name for sep in vocab.LIST_SEPARATORS):
        return False
    folded = _fold(quote)
    if not alone.facets.tier and _SUBSET_WORD in folded:
        return False  # a 其中 subset may take the tier of its whole
    reading = _read_once(alone.name)
    if not reading.subjects or not (reading.measure or reading.growth or not _needs_measure(reading)):
        return False
    return bool(reading.normaliser) or len(_NORMALISER_RE.findall(folded)) == len(_NORMALISER_RE.findall(alone.name))


@lru_cache(maxsize=50_000)
def _staged(quote: str, value, unit) -> Parsed:
    """A value with no name of its own in a staged statement (X2025年达到A，2027年达到B): the second
    clause says only a year and a verb, so it counts what the clause before it named."""
    text = _fold(quote)
    at = _number_after(text, 0, value)
    start = _clause_start(text, at)
    lead = text[start:at]
    if start == 0 or not _YEAR.search(lead) or _read(clean_name(lead)).subjects or _unknown_words(
            clean_name(_YEAR.sub("", lead))):
        return Parsed(None, "no name")
    earlier = text[:start - 1]
    clause = earlier[_clause_start(earlier, len(earlier)):]
    number = _NUMBER.search(clause, _YEAR.search(clause).end() if _YEAR.search(clause) else 0)
    reading = _read(clean_name(clause[:number.start()] if number else clause))
    facets = _facets(reading, unit)
    if isinstance(facets, str):
        return Parsed(None, "no name; the clause before it: " + facets)
    return Parsed(facets, "", "", ("staged: the measure the clause before it names",))


@lru_cache(maxsize=50_000)
def _parse_in_sentence(raw_name: str, quote: str, value, unit, alone: Parsed) -> Parsed:
    text = _fold(quote)
    name = _fold(raw_name).strip()
    at = _position(text, name, value)
    if at < 0:
        return alone
    member = _respective_member(name, text, at, value)
    if member is not None:
        return _member_facets(member, name, unit)
    before = text[_clause_start(text, at):at]
    clause_end = min((i for i in (text.find(ch, at + len(name)) for ch in vocab.CLAUSE_ENDS) if i >= 0),
                     default=len(text))
    after = text[at + len(name):min(_number_after(text, at + len(name), value), clause_end)]
    reading = _read(clean_name(name))
    notes = []
    if not reading.normaliser:
        trailing = _read(clean_name(after))
        if trailing.normaliser and not trailing.subjects:
            reading.normaliser = trailing.normaliser  # 拥有量达到每万人10件
            notes.append("density written after the name")
        elif before.endswith(tuple(vocab.LIST_SEPARATORS)):
            shared = _read(clean_name(before))
            if shared.normaliser:  # 每万人口有效发明专利、高价值发明专利拥有量
                reading.normaliser = shared.normaliser
                notes.append("density shared across the list")
    if reading.subjects and not reading.tiers and before.endswith(_fold(vocab.SUBSET_WORD)):
        whole = _kind_of_earlier_clauses(text, _clause_start(text, at))
        if whole.tiers and set(reading.subjects) <= set(whole.subjects):
            reading.tiers = whole.tiers  # 国家级A和B合计N家，其中A M家: the subset keeps the tier
            notes.append("subset keeps the tier of the whole")
    if reading.subjects and not reading.measure and not reading.growth and _needs_measure(reading):
        trailing = _read(clean_name(after))
        if trailing.measure and not trailing.subjects:
            reading.measure = trailing.measure  # 发明专利 | 拥有量达到500件: the name was cut before its measure
            notes.append("measure written after the name")
    if not reading.subjects and not _unknown_words(clean_name(name)):
        context = _read(clean_name(before))
        if not context.subjects:
            context = _kind_of_earlier_clauses(text, _clause_start(text, at))
        if not context.subjects and not reading.measure:
            context = _kind_counted_after(text, at + len(name), value)  # 与6家银行签订: the name follows the unit
        if context.subjects:
            reading.subjects = context.subjects[-1:]
            reading.qualifiers = reading.qualifiers or context.qualifiers
            reading.tiers = reading.tiers or context.tiers
            reading.normaliser = reading.normaliser or (context.normaliser if not context.measure else "")
            if not reading.measure:
                reading.measure = context.measure  # 授权量N件，同比增长M%: the growth is of the grants
            notes.append("kind read from the sentence before the name")
    facets = _facets(reading, unit)
    if isinstance(facets, str):
        unknown = _unknown_words(clean_name(name)) if facets == NO_SUBJECT else ""
        return Parsed(None, f"names a kind the vocabulary does not know ({unknown})" if unknown else facets,
                      alone.name)
    return Parsed(facets, "", alone.name, tuple(notes))


def _kind_of_earlier_clauses(text: str, start: int) -> _Reading:
    """The reading of the nearest clause before `start` (within the sentence) that names a kind: a
    clause naming only a measure (风险保障突破10亿元, 投保企业达到500家) goes on counting the kind
    named before it.  A clause with words of its own (an unknown kind) ends the walk."""
    while start > 0:
        earlier = text[:start - 1]
        start = _clause_start(earlier, len(earlier))
        clause = clean_name(earlier[start:])
        found = _read(clause)
        named = _YEAR.sub("", clause)
        number = _NUMBER.search(named)  # the clause's name stands before its number
        if found.subjects or _unknown_words(named[:number.start()] if number else named):
            return found
    return _Reading()


def _kind_counted_after(text: str, name_end: int, value) -> _Reading:
    """The kind written right after the number and its unit (与不少于6家银行签订…), when the name before
    the number is only a function word: the first word after the unit, and only a kind."""
    at = _number_after(text, name_end, value)
    number = _NUMBER.match(text, at)
    if at >= len(text) or number is None:
        return _Reading()
    after = text[number.end():number.end() + 12]
    toks = tokens(after)
    if toks and toks[0][0] == "subject" and toks[0][3] <= 2:  # at most a two-character unit before it
        found = _Reading()
        found.subjects = [toks[0][1]]
        return found
    return _Reading()


def _unknown_words(name: str) -> str:
    """The characters of a name no vocabulary table or noise word accounts for (研发费用 in 研发费用增幅).
    A name holding such words names a kind of its own: it never borrows the kind of the clause before."""
    rest, end = [], 0
    for _kind, _code, word, at in tokens(name):
        rest.append(name[end:at])
        end = at + len(word)
    rest.append(name[end:])
    return _unknown(_strip_noise("\0".join(rest)))


def _strip_noise(text: str) -> str:
    return _NOISE_RE.sub("\0", text) if text else text


def _unknown(text: str) -> str:
    unknown = "".join(ch for ch in text if unicodedata.name(ch, "").startswith("CJK UNIFIED"))
    return unknown if len(unknown) > 1 else ""  # one stray character (年 in 年融资金额) names nothing


def _position(text: str, name: str, value) -> int:
    """Where the name stands in its sentence: the occurrence followed soonest by its value."""
    if not name:
        return -1
    spots = [m.start() for m in re.finditer(re.escape(name), text)]
    if not spots:
        return -1
    if value is None or len(spots) == 1:
        return spots[0]
    return min(spots, key=lambda s: _number_after(text, s + len(name), value) - s)


def _number_after(text: str, start: int, value) -> int:
    for m in _NUMBER.finditer(text, start):
        if value is None or abs(float(m.group(0)) - float(value)) < 1e-9:
            return m.start()
    return len(text)


def _clause_start(text: str, at: int) -> int:
    return max(text.rfind(ch, 0, at) for ch in vocab.CLAUSE_ENDS) + 1


def _respective_member(name: str, text: str, at: int, value) -> str | None:
    """In "A、B分别达到x、y" the member whose value this is; None when the name is no such list."""
    after = text[at + len(name):]
    word = _fold(vocab.RESPECTIVELY)
    if value is None or not after.startswith(word, 0) and word not in after[:4]:
        return None
    # 、 separates the members; 和/及 only when there is no 、 (国家级和省级X、Y: 和 joins two tiers)
    separators = [s for s in vocab.LIST_SEPARATORS if s in name][:1]
    members = [m for m in re.split(re.escape(_fold(separators[0])), name) if m] if separators else []
    if len(members) < 2:
        return None
    numbers = [float(m.group(0)) for m in _NUMBER.finditer(after[:80])]
    index = next((i for i, n in enumerate(numbers) if abs(n - float(value)) < 1e-9), None)
    if index is None or index >= len(members):
        return None
    return members[index] + "\0" + "\0".join(members)


def _member_facets(member: str, name: str, unit) -> Parsed:
    own, *members = member.split("\0")
    reading = _read(clean_name(own))
    whole = [_read(clean_name(m)) for m in members]
    if not reading.subjects:
        reading.subjects = next((w.subjects[-1:] for w in whole if w.subjects), [])
    if not reading.measure:
        reading.measure = next((w.measure for w in reversed(whole) if w.measure), "")
    if not reading.normaliser and whole[0].normaliser and own != members[0]:
        reading.normaliser = whole[0].normaliser
    facets = _facets(reading, unit)
    if isinstance(facets, str):
        return Parsed(None, "a member of a respective (fenbie) list: " + facets, clean_name(name))
    return Parsed(facets, "", clean_name(own), ("member of a respective list",))


# --- the stored description read back (the dashboard's sources page, review queue and downloads) ------

FACET_ORDER = ("subject", "measure", "normaliser", "qualifiers", "tier", "growth")


def describe_names(description: str | None) -> list[tuple[str, str, str]]:
    """`Facets.describe()` as stored in targets.facets → (facet, zh, en) per facet, in FACET_ORDER:
    a sum of kinds or tiers joined (发明专利和商标 / Invention patents and Trademarks), a code the
    vocabulary no longer knows kept as its code.  Empty for an empty description."""
    if not isinstance(description, str) or not description.strip():
        return []
    fields = dict(part.partition("=")[::2] for part in (p.strip() for p in description.split(";")) if part)
    out = []
    for facet in FACET_ORDER:
        if facet not in fields:
            continue
        if facet == "growth":
            out.append(("growth", vocab.GROWTH_ZH, "growth rate"))
            continue
        names = [_code_names(facet, code) for code in fields[facet].split("+") if code]
        joiner_zh = vocab.SUM_ZH if facet in ("subject", "tier") else vocab.LIST_SEPARATORS[0]
        out.append((facet, joiner_zh.join(zh for zh, _ in names), " and ".join(en for _, en in names)))
    return out


def _code_names(facet: str, code: str) -> tuple[str, str]:
    tables = {"subject": SUBJECT_INFO, "measure": MEASURE_INFO, "normaliser": NORMALISER_INFO, "tier": TIER_INFO}
    if facet == "qualifiers":
        try:
            return _qualifier_zh(code), _qualifier_en(code)
        except KeyError:
            return code, code
    found = tables.get(facet, {}).get(code)
    return (found[0], found[1]) if found else (code, code)


def key_of_description(description: str | None) -> str | None:
    """The combination's key (Facets.key) of a stored description; None when it cannot be read."""
    names = dict(part.partition("=")[::2] for part in (p.strip() for p in (description or "").split(";")) if part)
    if not names.get("subject") or not names.get("measure"):
        return None
    return Facets(names["subject"], names["measure"], names.get("normaliser", ""),
                  tuple(q for q in names.get("qualifiers", "").split("+") if q), names.get("tier", ""),
                  "growth" in names).key


def description_of_key(key: str | None) -> str | None:
    """The stored description (Facets.describe) of a combination's key; None when it cannot be read."""
    try:
        return Facets.from_key(key).describe() if key else None
    except ValueError:
        return None
