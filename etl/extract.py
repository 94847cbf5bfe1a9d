"""Step 3b: sentences → candidate targets.

The rules follow the grammar of the genre, not the sentences of any one plan:

    [到2026年，] NAME [达到|不少于|超过…] NUMBER [万|亿] UNIT [以上|左右|以内]    (name first)
    [新增|建成|引进…] [不少于] NUMBER UNIT NAME                                    (number first)
    NAME 由 NUMBER UNIT 增至|提高到 NUMBER UNIT                                    (with a baseline)
    NAME1、NAME2 分别 达 NUMBER1 UNIT、NUMBER2 UNIT                               (paired lists)

Every number in the text is looked at; the ones that are not targets are kept with the reason
(date, period, document number, phone, observance day, programme name, a count of the plan's
own tasks, an achievement already reached, a baseline…), so a reader can audit what was left out.

Data shape born here: `Candidate` — one target with its number, unit, comparator, baseline,
scope, year, raw name and the sentence it came from (offsets into the clean text); and
`Skipped(text, reason, start, end)`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from etl.segment import Sentence

# Units a target is counted in.  Longer first so "人次" wins over "人", "亿元" over "元".
UNITS = ["个百分点", "人次", "家次", "场次", "件次", "户次", "个工作日", "工作日", "个月", "天", "小时", "单", "起", "宗", "笔", "份", "元", "件", "家", "个", "项", "人", "名",
         "次", "场", "户", "所", "座", "条", "篇", "部", "批", "期", "门", "类", "款", "支", "套",
         "%", "分", "倍"]
UNITS.sort(key=len, reverse=True)
UNIT_RE = "|".join(re.escape(u) for u in UNITS)
MULTIPLIERS = {"万": 1e4, "亿": 1e8, "千": 1e3}

NUMBER = r"\d+(?:\.\d+)?"
# A number, optionally a range (1-2家, 1～2家, 1至2家), a multiplier and a unit.
MENTION = re.compile(
    rf"(?<![\d.A-Za-z])(?P<value>{NUMBER})(?:\s*(?:-|~|至|—)\s*(?P<value_max>{NUMBER}))?"
    rf"(?P<mult>[万亿千](?={UNIT_RE}))?(?P<unit>{UNIT_RE})?"
)
ANY_NUMBER = re.compile(rf"(?<![\d.A-Za-z])({NUMBER})")

GE_BEFORE = ("不低于", "不少于", "至少", "超过", "突破", "高于", "大于", "超", "力争超过")
LE_BEFORE = ("不超过", "不高于", "控制在", "低于", "少于", "压减至", "降至", "降低到", "下降到")
EQ_BEFORE = ("达到", "达", "为", "增至", "增加到", "增加至", "提高到", "提高至", "提升到", "提升至", "增长到",
             "实现", "保持在", "稳定在", "力争", "确保")
GE_AFTER = ("以上", "及以上", "余")
LE_AFTER = ("以内", "以下", "及以下")
APPROX_AFTER = ("左右", "上下")

# Verbs that put the number before the thing counted: 新增1个…, 建成1家…, 引进1-2家…
NUMBER_FIRST_VERBS = ("新增", "建成", "建设", "培育", "引进", "设立", "组建", "打造", "创建", "认定", "新建",
                      "组织实施", "实施", "举办", "开展", "落户", "配备", "争创", "推动", "支持", "选树", "扶持")
NEW_WORDS = ("新增", "新培育", "新引进", "新建", "新设", "新认定", "引进", "净增", "发行")
# "增加到/提高到" reach a level (stock); plain 增加 N adds N (new)
NEW_PATTERN = re.compile("|".join(NEW_WORDS) + r"|增加(?![到至])")
REWARD = re.compile(r"(?:奖励|奖补|资助|补助|补贴|扶持|最高)\s*$")
# A sentence that sets a subsidy ("按利息的50%给予贴息，单户最高15万元") states policy parameters, not targets.
SUBSIDY_RULE = re.compile(r"(?:贴息|奖励|奖补|资助|补助|补贴)")
SUBSIDY_VERB = re.compile(r"给予|最高|按[^，。；]{0,12}的")
GROUP_SIZE = re.compile(r"^(?:部门|成员单位|单位组成|职能部门)")  # "32个部门" sizes a leading group
STOCK_WORDS = ("累计", "拥有量", "总数", "总量", "总额", "存量", "保有量", "有效")
ANNUAL_WORDS = ("每年", "年均", "年度", "年平均", "逐年", "全年", "/年", "／年")
RATIO_UNITS = ("%", "个百分点", "分", "倍")
PAST_MARKERS = re.compile(r"截至|截止|已|目前|共有|较上年|以来|获批|获评|荣获|此前|近年来|过去")
# A goal, not a fact: these make a sentence in a background part count ("力争到2026年…").
FUTURE_MARKERS = re.compile(r"(?:到|至|力争|争取|确保|目标|计划|预计|将)")
EXISTING = re.compile(r"现有(?!.*由)")  # 现有…2家 counts what exists, unless 由 X 增至 Y
TASK_COUNT = re.compile(r"^(?:具体|重点|主要)?(?:工作|任务|举措|措施|方面)")
DISTRIBUTIVE = re.compile(r"^[\u4e00-\u9fff]{1,6}各")  # "9个苏木镇各培育1个": 9 counts where, not what
YEAR_MENTION = re.compile(r"(?:到|至|力争到|争取到|在|于)?\s*(20\d\d)\s*年(底|末|前|内)?")
DOC_NUMBER = re.compile(r"[〔【\[（(]\s*20\d\d\s*[〕】\])）]\s*\d+\s*号")
PHONE = re.compile(r"(?<!\d)(?:\d{3,4}-)?\d{7,8}(?!\d)|1[3-9]\d{9}")
# The masks that open with a repeated class (EMAIL, OBSERVANCE_DAY, PROGRAMME) are tried only where
# such a run begins ((?<!…)): a start inside the run matches nothing the run's start does not, and
# trying every start of a long run that lacks the rest (a line of 达 has no @) costs its length squared.
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.]+")
STANDARD = re.compile(r"(?:ISO|GB/T|GB|IEC)\s*[\d.:-]+", re.I)
OBSERVANCE_DAY = re.compile(r"(?<!\d)\d+\.\d+(?=[\u4e00-\u9fff]*日)")  # 4.26知识产权宣传周
PROGRAMME = re.compile(rf"(?<!\d){NUMBER}\s*(?:[+＋]\s*\w+)+")  # 1+N, 3+X
DATE_OR_PERIOD = re.compile(r"20\d\d\s*[年\-—–~至到]\s*(?:20\d\d\s*年?)?\s*(?:\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?")
MONTH_DAY = re.compile(r"\d{1,2}\s*月\s*(?:\d{1,2}\s*日)?")
QUOTED_NAME = re.compile(r"“[^”]{0,12}\d[^”]{0,12}”")
# How far from a number its name, comparator and verbs are looked for.  The longest clause in any
# plan we have is 80 characters, so no real clause is cut; a bound keeps the work per number
# constant however long a sentence is (a sentence of a hundred thousand numbers stays linear).
WINDOW = 120
# No plan holds more than a hundred numbers (the most we have: 91, of which 39 targets).  A text with
# thousands is not one plan (a list pasted in, a generated file): past this many, each further
# sentence holding numbers is recorded once, as skipped, so one such upload can neither flood the
# warehouse with rows nor keep the name matcher busy for minutes.
MAX_NUMBERS = 2000
TOO_MANY = f"not read: more than {MAX_NUMBERS} numbers in one text (this is not one plan)"

# Named goals without a number (counted in the goals part only).
QUALITATIVE_GOAL = re.compile(
    r"(超过?全[省市国区县]平均水平|高于全[省市国区县]平均水平|清零|(?:位?居|保持|进入)[^，。；]{0,8}前列|"
    r"持续提升|不断提升|稳步提升|大幅提升|显著提升|明显提高|不断提高|持续提高|逐年递增|逐年增加|稳定增长|"
    r"明显增长|持续增长|较快增长|不断增加|迈上新台阶|实现突破|保持较高水平|稳中有升|只增不减|逐年下降|持续下降|"
    r"明显下降|稳步下降|实现[^，。；]{0,10}全覆盖|翻一?番|走在[^，。；]{0,8}前列|实现[“\"]?零[”\"]?的突破)")
# Goals that name their own yardstick (a rank, full coverage, zero, a first): any subject will do.
SELF_MEASURED_GOAL = re.compile(r"前列|全覆盖|清零|零[”\"]?的突破|平均水平")
MEASURABLE = re.compile(r"(?<!质)量$|率$|额$|数$|数量$|比重$|占比$|满意度$|经费$|投入$|收入$|成效$|产值$|"
                        r"增加值$|指标$|融资$|发明专利$|规模$|网点$|站点$")


@dataclass
class Candidate:
    value: float | None
    value_max: float | None
    unit: str | None
    multiplier: float
    comparator: str | None
    baseline: float | None
    scope: str | None
    target_year: int | None
    raw_name: str
    qualitative: bool
    sentence: Sentence
    number_text: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class Skipped:
    text: str
    reason: str
    start: int
    end: int


@dataclass
class PlanContext:
    period_start: int | None = None
    period_end: int | None = None


def _titles(text: str) -> list[tuple[int, int]]:
    """The spans re.finditer(r"《[^》]*》") gives, found in one pass: each 《 without a 》 after it
    would otherwise be scanned to the end of the text."""
    spans, pos = [], 0
    while (start := text.find("《", pos)) >= 0 and (end := text.find("》", start)) >= 0:
        spans.append((start, end + 1))
        pos = end + 1
    return spans


def _masked_spans(text: str) -> list[tuple[int, int, str]]:
    """Spans whose digits are never targets, with the reason; where spans overlap the first wins."""
    spans = []
    for pattern, reason in ((DOC_NUMBER, "document number"), (EMAIL, "e-mail"), (STANDARD, "standard number"),
                            (None, "title of a document"), (OBSERVANCE_DAY, "observance day"),
                            (PROGRAMME, "programme name"), (DATE_OR_PERIOD, "date or period"), (MONTH_DAY, "date"),
                            (QUOTED_NAME, "name in quotes"), (PHONE, "phone number")):
        found = _titles(text) if pattern is None else (m.span() for m in pattern.finditer(text))
        spans.extend((start, end, reason) for start, end in found)
    return spans


def _mask_reasons(text: str) -> list[str | None]:
    """For each offset of the sentence, why a number starting there is never a target (or None).
    One look-up per number instead of a scan of every span."""
    reasons: list[str | None] = [None] * len(text)
    for start, end, reason in reversed(_masked_spans(text)):  # the first span written last wins
        reasons[start:end] = [reason] * (end - start)
    return reasons


COMPARATOR_WORDS = sorted([(w, "<=") for w in LE_BEFORE] + [(w, ">=") for w in GE_BEFORE]
                          + [(w, "=") for w in EQ_BEFORE], key=lambda wc: len(wc[0]), reverse=True)


def _comparator(before: str, after: str, is_range: bool) -> str:
    """From the words around the number.  The word after the unit wins (达…以上 is ">="); before
    the number, the comparator word nearest to it wins, the longest at one place (不低于, not 低于),
    and it may stand a verb away ("至少专题研究1次", "不少于2人的")."""
    if is_range:
        return "range"
    if after.startswith(APPROX_AFTER):
        return "≈"
    if after.startswith(GE_AFTER):
        return ">="
    if after.startswith(LE_AFTER):
        return "<="
    window = before[-10:]
    best: tuple[int, int, str] | None = None  # (end position, length, comparator)
    for word, comp in COMPARATOR_WORDS:
        pos = window.rfind(word)
        if pos >= 0:
            key = (pos + len(word), len(word), comp)
            if best is None or key[:2] > best[:2]:
                best = key
    return best[2] if best else "="


_VERB_WORDS = sorted(LE_BEFORE + GE_BEFORE + EQ_BEFORE + ("分别", "要", "将", "在", "均", "再", "总计", "合计", "各"),
                     key=len, reverse=True)


def _strip_verb(before: str) -> str:
    """Remove the comparator wording between a name and its number ("…拥有量达" → "…拥有量")."""
    changed = True
    while changed:
        changed = False
        for w in _VERB_WORDS:
            if before.endswith(w) and len(before) > len(w):
                before = before[: -len(w)]
                changed = True
    return before


_LEAD_IN = re.compile(
    r"^(?:[，、；：\s]|[一二三四五六七八九十\d]{1,2}[）)]|和|及|以及|并|且|其中|同时|此外|力争|争取|确保|全力|努力|推动|实现|全市|全区|全县|全旗|全省|我市|我区|我县|"
    r"(?:到|至|在)?20\d\d年(?:底|末|前)?|到期末|期末|至期末|在?(?:建设|创建|试点|规划|示范)期(?:内|间)|三年内|期间|按)+")


def _clean_name(name: str) -> str:
    name = name.strip("，、；：,;: （(")
    name = _LEAD_IN.sub("", name)
    name = re.sub(r"^(?:达到|达|为)", "", name)
    name = re.sub(r"[的]$", "", name)
    return name.strip("，、；：,;: ")


def _scope(name_zone: str, unit: str | None, comparator_zone: str, carried_new: bool) -> str:
    zone = name_zone + comparator_zone
    if (any(w in zone for w in ANNUAL_WORDS) or re.match(r"^年(?![底末])", name_zone)
            or re.search(r"年(?:产值|销售额|收入|营业额|融资额|交易额|申请量|授权量)", name_zone)):
        return "annual"
    if unit in RATIO_UNITS:
        return "ratio"
    if re.search(r"[两三四五]年(?:内|间)?累计|期内累计", zone):
        return "new"  # "三年累计实现质押融资4亿元": added up over the plan period
    if NEW_PATTERN.search(zone) or carried_new:
        return "new"
    return "stock"


def _sentence_years(text: str, ctx: PlanContext) -> tuple[list[int], list[int]]:
    """(end offsets, years) of the year mentions in a sentence that can date a target after them
    ("到2026年"; not "较2023年"), found once per sentence rather than once per number."""
    ends, years = [], []
    for m in YEAR_MENTION.finditer(text):
        year = int(m.group(1))
        if text[max(0, m.start() - 1):m.start()] in ("较", "比", "从", "由", "以"):
            continue
        if ctx.period_start is None or year >= ctx.period_start - 1:
            ends.append(m.end())
            years.append(year)
    return ends, years


def _target_year(sentence_years: tuple[list[int], list[int]], pos: int, paragraph_year: int | None,
                 scope: str, ctx: PlanContext) -> int | None:
    """The last year named before `pos` in the sentence, else the paragraph's, else the plan's end."""
    ends, years = sentence_years
    before = bisect_right(ends, pos)
    if before:
        return years[before - 1]
    if paragraph_year is not None:
        return paragraph_year
    if scope == "annual":
        return None
    return ctx.period_end


def _past_state(clause: str, ctx: PlanContext, was_past: bool) -> bool:
    """Is this clause reporting an achievement already reached ("至2023年底，…分别达19.6件")?
    The state runs on through a sentence ("2023年末，全旗有效发明专利63件，有效注册商标2150件") until a
    clause names a future year ("到2026年…")."""
    for m in YEAR_MENTION.finditer(clause):
        year = int(m.group(1))
        if ctx.period_start is None:
            continue
        if year >= ctx.period_start and re.search(r"(?:到|至|力争|争取)\s*$", clause[max(0, m.start() - 4):m.start() + (1 if m.group(0)[0] in "到至在于" else 0)] + ("到" if m.group(0)[0] in "到至" else "")):
            return False
        if year < ctx.period_start and clause[max(0, m.start() - 1):m.start()] not in ("比", "较", "从", "由", "以"):
            return True
    if PAST_MARKERS.search(clause):
        return True
    return was_past


_CLAUSE = re.compile(r"[^，,：:]+")


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """Clause spans inside a sentence, split at commas and colons (not at 、 which lists)."""
    return [m.span() for m in _CLAUSE.finditer(sentence)]


@dataclass
class _SentenceFacts:
    """What extract_sentence works out once per sentence, so each number costs the same."""
    masked: list[str | None]  # per offset: why a number starting there is never a target
    years: tuple[list[int], list[int]]  # see _sentence_years
    subsidy_rule: bool
    future: bool
    paragraph_year: int | None
    ctx: PlanContext


def _update_carried(clause: str, ctx: PlanContext, carried: dict) -> bool:
    """Carry the sentence's state into this clause; returns whether the clause reports the past."""
    past = _past_state(clause, ctx, carried.get("past", False))
    carried["past"] = past
    # 新增 carries to the next clause of the same sentence when that clause has no verb of its own
    # ("新增各级优势示范企业不少于5家，各级专利奖不少于5项"); 达/累计/建成 start a level instead.
    if NEW_PATTERN.search(clause):
        carried["new"] = True
    elif re.search("达|累计|拥有|建成|实现|保持", clause) or any(w in clause for w in STOCK_WORDS):
        carried["new"] = False
    if re.search("每年|年均|年度", clause):
        carried["annual"] = True
    elif re.search("累计|共计|合计|总计|[两三四五]年|由|从|到20|至20", clause) or NEW_PATTERN.search(clause):
        carried["annual"] = False
    return past


def _skip_reason(m: re.Match, clause: str, clause_start: int, before_all: str, sentence: Sentence,
                 facts: _SentenceFacts, past: bool) -> str | None:
    """Why the number `m` (in `clause`) is not a target, or None when it is one; first reason wins."""
    unit = m.group("unit")
    after = clause[m.end():m.end() + WINDOW]
    before = clause[max(0, m.start() - WINDOW):m.start()]
    if masked := facts.masked[clause_start + m.start()]:
        return masked
    if not unit:
        return "heading ordinal" if sentence.is_heading else "no unit"
    if unit in ("项", "条", "个") and TASK_COUNT.match(after):
        return "count of the plan's own tasks"
    if past:
        return "achievement already reached"
    if REWARD.search(before) or facts.subsidy_rule:
        return "reward or subsidy rule"
    if GROUP_SIZE.match(after):
        return "size of an organising body"
    if DISTRIBUTIVE.match(after):
        return "count of places the target is spread over"
    if sentence.section_kind in ("other", "preamble") and not facts.future:
        return "background figure (not in a goals or tasks part)"
    if EXISTING.search(before):
        return "existing count (现有)"
    if re.search(r"由\s*$|从\s*$", before_all):
        return "baseline"
    return None


def extract_sentence(sentence: Sentence, ctx: PlanContext, paragraph_year: int | None,
                     carried: dict) -> tuple[list[Candidate], list[Skipped]]:
    text = sentence.text
    found: list[Candidate] = []
    skipped: list[Skipped] = []
    facts = _SentenceFacts(_mask_reasons(text), _sentence_years(text, ctx),
                           bool(SUBSIDY_RULE.search(text) and SUBSIDY_VERB.search(text)),
                           bool(FUTURE_MARKERS.search(text)), paragraph_year, ctx)
    covered = bytearray(len(text))  # 1 where a mention looked at lies, sentence offsets
    carried["past"] = False  # an achievement runs through its own sentence only
    carried["new"] = False  # and so does 新增 ("新增…6项；…突破54家": the second is a level)
    carried["annual"] = False  # and 每年 ("每年举办…不少于2期，培训…300人次以上": both yearly)

    for clause_start, clause_end in _clauses(text):
        clause = text[clause_start:clause_end]
        past = _update_carried(clause, ctx, carried)
        previous_end = 0
        pending: list[Candidate] = []
        for m in MENTION.finditer(clause):
            pos = clause_start + m.start()
            covered[pos:clause_start + m.end()] = b"\x01" * len(m.group(0))
            # the name zone runs from the previous name's end, at most WINDOW characters back
            before_all = clause[max(previous_end, m.start() - WINDOW):m.start()]
            reason = _skip_reason(m, clause, clause_start, before_all, sentence, facts, past)
            if reason is not None:
                skipped.append(Skipped(_context(text, pos, clause_start + m.end()), reason,
                                       sentence.start + pos, sentence.start + clause_start + m.end()))
                if reason == "baseline":
                    carried["baseline"] = float(m.group("value"))
                continue  # a skipped number (a year, a baseline) is part of the next name's zone
            cand, name_end = _candidate(m, clause, clause_start, before_all, sentence, facts, carried, pending)
            pending.append(cand)
            previous_end = name_end
        found.extend(_pair_respectively(clause, pending))

    # Digits the mention pattern did not start on (ISO56005, a second number inside a range…).
    for m in ANY_NUMBER.finditer(text):
        if not covered[m.start()]:
            reason = facts.masked[m.start()] or "no unit"
            skipped.append(Skipped(_context(text, m.start(), m.end()), reason,
                                   sentence.start + m.start(), sentence.start + m.end()))
    return found, skipped


def _candidate(m: re.Match, clause: str, clause_start: int, before_all: str, sentence: Sentence,
               facts: _SentenceFacts, carried: dict, pending: list[Candidate]) -> tuple[Candidate, int]:
    """The target the number `m` states, and where in the clause its name ends."""
    unit = m.group("unit")
    after = clause[m.end():m.end() + WINDOW]
    value = float(m.group("value"))
    value_max = float(m.group("value_max")) if m.group("value_max") else None
    mult = MULTIPLIERS.get(m.group("mult") or "", 1.0)
    comparator = _comparator(before_all, after, value_max is not None)
    # Number first ("新增1个国家知识产权试点园区"): the thing counted follows the unit.
    after_name = re.split(r"[，。；]|、(?=\s*(?:新增|建成)?\s*\d)", after)[0]
    after_name = re.sub(r"^(?:以上|及以上|左右|以内|以下|上下)", "", after_name)
    before_name = _strip_verb(before_all.rstrip())
    number_first = bool(after_name.strip("的")) and (
        not _clean_name(before_name) or before_name.rstrip().endswith(NUMBER_FIRST_VERBS)
        or re.search(r"(?:新增|建成|引进|培育|组织实施|配备|设立)[^，、]{0,4}$", before_name))
    if number_first:
        raw_name = _clean_name(after_name.lstrip("的"))
        verb_zone = before_name
    else:
        raw_name = _clean_name(before_name)
        verb_zone = ""
    if not raw_name and pending:
        raw_name = pending[-1].raw_name  # "分别达19件、20件" style continuation
    baseline = carried.pop("baseline", None)
    scope = _scope(raw_name + verb_zone + before_all, unit, after[:4], carried.get("new", False))
    if carried.get("annual") and scope in ("stock", "new") and not NEW_PATTERN.search(raw_name + before_all):
        scope = "annual"
    if baseline is not None:  # "现有专员队伍由162人增至250人": the name stands before 由
        head = re.split(r"由|从", clause[max(0, m.start() - WINDOW):m.start()])[0]
        raw_name = _clean_name(re.sub(r"^现有", "", head)) or raw_name
    # a yearly duty (每年…, 年专题培训) has no due year; a yearly level (…产品年产值突破15亿元) keeps the
    # year its paragraph sets
    recurring = scope == "annual" and (re.search("每年|年均|逐年|年度|/年", raw_name + verb_zone + before_all + after[:3])
                                       or raw_name.startswith("年") or carried.get("annual"))
    year = None if recurring else _target_year(facts.years, clause_start + m.start(), facts.paragraph_year, scope,
                                               facts.ctx)
    cand = Candidate(value, value_max, unit, mult, comparator, baseline, scope, year, raw_name, False,
                     sentence, m.group(0))
    # a number-first name ("1个国家知识产权试点园区") is used up: the next name starts after it
    name_end = m.end() + (after.find(after_name) + len(after_name) if number_first else 0)
    return cand, name_end


def _pair_respectively(clause: str, cands: list[Candidate]) -> list[Candidate]:
    """"有效发明专利、高价值发明专利分别达360件、18件": k names before 分别, k numbers after."""
    if "分别" not in clause or len(cands) < 2:
        return cands
    head = clause.split("分别")[0]
    head = re.sub(r"(?:总数|总量|数量)$", "", _clean_name(head))  # "A、B总数分别…": 总数 qualifies both
    names = [n for n in re.split(r"、|和|及", head) if n]
    if len(names) == len(cands):
        for cand, name in zip(cands, names):
            cand.raw_name = _clean_name(name)
    # "分别突破360家、18个": the verb governs every number; "分别达到42家、3家以上": so does the closing 以上
    shared = cands[-1].comparator if cands[-1].comparator != "=" else cands[0].comparator
    for cand in cands:
        if cand.comparator == "=":
            cand.comparator = shared
    return cands


def _context(text: str, start: int, end: int, width: int = 8) -> str:
    return text[max(0, start - width):end + width]


def qualitative_goals(sentence: Sentence) -> list[Candidate]:
    """Named goals without a number: "每万人高质量发明专利拥有量超全省平均水平", "发明专利清零"."""
    if sentence.section_kind != "goals" or sentence.is_heading:
        return []
    goals = []
    for clause_start, clause_end in _clauses(sentence.text):
        clause = sentence.text[clause_start:clause_end].rstrip("。；")
        if MENTION.search(clause) and re.search(rf"\d\s*(?:{UNIT_RE})", clause):
            continue
        m = QUALITATIVE_GOAL.search(clause)
        if not m:
            continue
        head = clause[max(0, m.start() - WINDOW):m.start()].rstrip("“\"「")
        head = re.sub(r"[“”\"「」]", "", head)
        subject = _clean_name(re.sub(r"(?:并|且|继续|始终|不断|持续|进一步|实现)+$", "", head))
        subject = re.sub(r"^(?:实现|推动|确保|力争|使)", "", subject)
        if not subject and m.end() < len(clause):  # verb first: "持续提升知识产权公共服务社会满意度"
            subject = _clean_name(clause[m.end():m.end() + WINDOW])
        parts = [p for p in re.split(r"、", subject) if p]
        if SELF_MEASURED_GOAL.search(m.group(1)):
            parts = [subject] if subject else []
        elif not parts or not all(MEASURABLE.search(p) for p in parts):
            continue
        for part in parts:
            goals.append(Candidate(None, None, None, 1.0, None, None, None, None, part, True, sentence,
                                   notes=[m.group(1)]))
    return goals


def paragraph_target_years(sentences: list[Sentence], ctx: PlanContext) -> dict[int, list[tuple[int, int]]]:
    """For each paragraph, the (offset, year) of each 到/至 YYYY 年 mention — a year set at the start of
    a goals paragraph ("到2026年，…") governs the targets that follow it in the same paragraph.  A line
    that ends by announcing a list ("到2026年：") governs the lines of its part that follow."""
    years: dict[int, list[tuple[int, int]]] = {}
    announced: tuple[str, int] | None = None  # (top-level part, year)
    for s in sentences:
        top = s.section.split(" › ")[0]
        if announced and announced[0] == top and s.paragraph not in years:
            years[s.paragraph] = [(s.start - 1, announced[1])]
        for m in re.finditer(r"(?:到|至|力争到|争取到)\s*(20\d\d)\s*年(?:底|末)?", s.text):
            year = int(m.group(1))
            if ctx.period_start is None or year >= ctx.period_start:
                years.setdefault(s.paragraph, []).append((s.start + m.start(), year))
                if s.text.rstrip().endswith(("：", ":")):
                    announced = (top, year)
    return years


def _numbers_skipped(s: Sentence, reason: str) -> list[Skipped]:
    return [Skipped(_context(s.text, m.start(), m.end()), reason, s.start + m.start(), s.start + m.end())
            for m in ANY_NUMBER.finditer(s.text)]


def _year_before(paragraph_years: list[tuple[int, int]], offset: int) -> int | None:
    """The last year its paragraph set before `offset` (the list is in text order)."""
    before = bisect_left(paragraph_years, (offset,))
    return paragraph_years[before - 1][1] if before else None


def extract_candidates(sentences: list[Sentence], ctx: PlanContext) -> tuple[list[Candidate], list[Skipped]]:
    para_years = paragraph_target_years(sentences, ctx)
    found: list[Candidate] = []
    skipped: list[Skipped] = []
    carried: dict = {}
    current_paragraph = None
    for s in sentences:
        if s.paragraph != current_paragraph:
            carried = {}
            current_paragraph = s.paragraph
        if len(found) + len(skipped) >= MAX_NUMBERS:
            if ANY_NUMBER.search(s.text):  # one row for the sentence, not one per number
                skipped.append(Skipped(_context(s.text, 0, 0, width=40), TOO_MANY, s.start, s.end))
            continue
        if s.section_kind in ("annex", "phases") or s.is_heading and s.section_kind == "phases":
            skipped.extend(_numbers_skipped(s, "annex table (read separately)" if s.section_kind == "annex"
                                            else "timetable"))
            continue
        cands, skips = extract_sentence(s, ctx, _year_before(para_years.get(s.paragraph, []), s.start), carried)
        found.extend(cands)
        skipped.extend(skips)
        found.extend(qualitative_goals(s))
        carried.pop("baseline", None) if not cands else None
    return found, skipped
