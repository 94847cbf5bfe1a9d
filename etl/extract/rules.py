"""The extractor's grammar as data: the genre's patterns, built from the vocabulary's named parts
(etl.vocab), and the rule tables that decide what each number and clause is.

Each table is a tuple of `Rule` rows (etl.extract.engine), read top down, the first that holds
deciding.  Every row carries an example in fresh wording that must produce its decision
(tests/test_rule_table.py generates one test per row) and the place the rule came from: the issue
that asked for it and the set whose wording taught it.  The sets named as origins (tests/fixtures/…
and the real-plans development set) were tuned on; their sentences are not written here.

Tables:
    NUMBER_RULES     why a number is not a target (skip with reason, baseline, achievement …)
    MODALITY_RULES   what a clause says of its numbers: committed, achieved, estimated
    NEW_CARRY_RULES  whether 新增 carries from a clause to the next
    YEARLY_RULES     whether 每年 / 年均 carries, and whether it is a duty done every year
    SCOPE_RULES      the scope of a target: new, stock, annual, ratio
"""

from __future__ import annotations

import re

from etl.extract.engine import Look, Rule
from etl.vocab import facets as _facet_vocab
from etl.vocab.lexicon import (
    ANNUAL_WORDS,
    BASELINE_FROM,
    EQ_BEFORE,
    FORECAST,
    GE_BEFORE,
    LE_BEFORE,
    MADE_VERBS,
    MULTI_YEAR,
    NEW_WORDS,
    PAST_MARKERS,
    PERIOD_PHRASES,
    PERIOD_SUM,
    PROGRESS,
    REGION_LEAD_RE,
    STOCK_WORDS,
    TO_LEVEL,
)
from etl.vocab.units import COUNT_UNITS, DURATION_UNITS, RATIO_UNITS, UNIT_RE

NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"  # 1,200 (a thousands separator) or 3.5

# A number, optionally a range (1-2家, 1～2家, 1至2家), a multiplier (万, 亿, 千, 万亿) and a unit.
# A range may write its multiplier and unit on both ends (15亿元至18亿元, 20家到25家, 3万-5万件): the first
# end's are taken only when the second end repeats them (a lookahead with back-references), so
# "80家到2027年" stays a number and a year, and 3万-5万件 is 3万 to 5万, never 3 to 5万.
RANGE_SEPARATOR = r"(?:-|~|～|－|–|至|到|—)"
MENTION = re.compile(
    rf"(?<![\d.,A-Za-z])(?P<value>{NUMBER})"
    rf"(?:(?P<first_mult>万亿|[万亿千])?(?P<first_unit>{UNIT_RE})?"
    rf"(?=\s*{RANGE_SEPARATOR}\s*{NUMBER}(?(first_mult)(?P=first_mult))(?(first_unit)(?P=first_unit)))"
    rf"\s*{RANGE_SEPARATOR}\s*(?P<value_max>{NUMBER}))?"
    rf"(?P<more>[余多](?=(?:万亿|[万亿千])?(?:{UNIT_RE})))?"  # 10余个, 十多家: more than the number (>=)
    rf"(?P<mult>(?:万亿|[万亿千])(?={UNIT_RE}))?(?P<unit>{UNIT_RE})?"
)
# ... but after 由/从 two numbers with their units are a baseline and its target (由5家至8家): the first
# is read alone, by the mention pattern without ends written in full.
MENTION_ONE_END = re.compile(
    rf"(?<![\d.,A-Za-z])(?P<value>{NUMBER})(?:\s*{RANGE_SEPARATOR}\s*(?P<value_max>{NUMBER}))?"
    rf"(?P<more>[余多](?=(?:万亿|[万亿千])?(?:{UNIT_RE})))?"
    rf"(?P<mult>(?:万亿|[万亿千])(?={UNIT_RE}))?(?P<unit>{UNIT_RE})?"
)

ANY_NUMBER = re.compile(rf"(?<![\d.,A-Za-z])({NUMBER})")

# A number with its unit, a multiplier between them allowed (1.2万平方米): a clause holding one counts its target.
COUNTED_NUMBER = re.compile(rf"\d\s*(?:万亿|[万亿千])?(?:{UNIT_RE})")

# Verbs that put the number before the thing counted: 新增1个…, 建成1家…, 引进1-2家…
NUMBER_FIRST_VERBS = ("新增", "建成", "建设", "培育", "引进", "设立", "组建", "打造", "创建", "认定", "新建",
                      "组织实施", "实施", "举办", "开展", "落户", "配备", "争创", "推动", "支持", "选树", "扶持", "安排")

# ... and such a verb opening the first member of a list ("培育国家级、省级示范企业分别…"): no part of its name
LIST_VERB_LEAD = re.compile("^(?:新)?(?:" + "|".join(sorted(NUMBER_FIRST_VERBS, key=len, reverse=True)) + ")")

# "增加到/提高到" reach a level (stock); plain 增加 N adds N (new)
NEW_PATTERN = re.compile("|".join(NEW_WORDS) + r"|增加(?![到至值])")

# "分别奖励100万元、50万元、20万元": each amount of a list after the reward is one too.
REWARD = re.compile(r"(?:奖励|奖补|资助|补助|补贴|扶持|最高)\s*(?:\d[\d.,]*\s*[万亿千]?元\s*[、和及]\s*)*$")

# A sentence that sets a subsidy ("按利息的50%给予贴息，单户最高15万元") states policy parameters, not targets.
SUBSIDY_RULE = re.compile(r"(?:贴息|奖励|奖补|资助|补助|补贴)")

SUBSIDY_VERB = re.compile(r"给予|最高|按[^，。；]{0,12}的")

# A clause opening with 对 starts a new rule ("每年安排100万元专项资金，对首次获得…的企业每件给予3000元资助"):
# the fund before it is a commitment, only what follows is the subsidy's parameters.
RULE_START = re.compile(r"(?<=[，,；;：:])\s*(?=(?:并|同时|另)?对)")

# How often the plan's own bodies meet, report or review ("每季度召开1次调度会", "每月调度1次"): the plan's
# working rhythm, not a target of IP work.  Events of the work itself (对接会, 执法行动…) are not meetings.
GOVERNANCE_EVERY = r"每(?:个|[两三\d]个?)?(?:季度|半年|月|年|周|旬)[^，。；]{0,24}$"
GOVERNANCE_MEETING_AFTER = (r"^[^，。；]{0,4}(?:会议|调度会|推进会|联席会|专题会|工作会|会商会|评估|督查|督导"
                            r"|监测报告|进展报告|调度报告)")  # 每半年发布1次指标监测报告: the plan's own monitoring
GOVERNANCE_VERB_BEFORE = r"每(?:个|[两三\d]个?)?(?:季度|半年|月|年|周|旬)[^，。；]{0,24}(?:调度|通报|会商|督查|督导)$"
GROUP_SIZE = re.compile(r"^(?:部门|成员单位|单位组成|职能部门)")  # "32个部门" sizes a leading group

EXISTING = re.compile(r"现有(?!.*由)")  # 现有…2家 counts what exists, unless 由 X 增至 Y

TASK_COUNT = re.compile(r"^(?:具体|重点|主要)?(?:工作|任务|举措|措施|方面|环节|指标|阶段|关键词|重点(?=[，。；、]|$))")

# ... and with the count after its name: "本方案共列出任务7项".
OWN_COUNT_BEFORE = re.compile(r"(?:方案|规划|计划)[》]?[^，。；\d]{0,10}(?:任务|举措|措施|指标|工程|行动)\s*$"
                              r"|(?:任务|举措|措施)清单(?:共计?|合计)\s*$")

# "每季度结束后5个工作日内报送": a reporting deadline, like a reporting day.
REPORT_WITHIN = re.compile(r"^(?:以)?内[^，。；\d]{0,6}(?:报送|上报|报告|提交|反馈)")

# "各镇街配备不少于2人", "每个乡镇建成1个": a rule for each place, not a total of the region.
PER_PLACE = re.compile(r"(?:每个|各)(镇街|乡镇|苏木镇|镇|街道|村|社区|园区|县市区|县区|区县|市县|县)(?:均|都|要|应)?")

# "比国家…规定的12件目标高出2倍多": the reference figure and the margin of a comparison are no targets.
COMPARISON = re.compile(r"比[^，。；]{0,30}(?:规定|确定|提出|设定)的\s*$|目标高出\s*$")

COMPARED = re.compile(r"^(?:多)?[^，。；\d]{0,4}(?:目标|指标)?\s*(?:高出|多出|低于)")

# "依托…2所院校", "围绕…两个公用品牌": existing means of the plan, not something to reach.
# (a quoted name counts as one word: "围绕“某甲”“某乙”两个公用品牌")
RESOURCE = re.compile(r"(?:依托|围绕|依靠|借助)(?:“[^”\d]{1,12}”|[^，。；\d“”]){0,10}$")

# "9个苏木镇各培育1个", "5个县（市、区）各建设1个": the first number counts where, not what
DISTRIBUTIVE = re.compile(r"^[\u4e00-\u9fff（）()、]{1,10}各")

# 日 counts days only as a time limit ("办理时限压缩至15日以内", "在15日内办结"); else it is a date.
DAYS_LIMIT = re.compile(r"(?:压缩至|压缩到|缩短至|缩短到|控制在|不超过|在|时限为?|周期为?)\s*$")

# The region's own places, counted to say where a rule applies: "全县7个乡镇，每个乡镇…",
# "实现全区N个…园区全覆盖" — the size of the area, not a target.
OWN_PLACES_BEFORE = re.compile(rf"(?:{REGION_LEAD_RE}|全[县区市旗])(?:所有|共有|共)?$")

OWN_PLACES_AFTER = re.compile(r"^(?:乡镇|镇街|苏木镇|镇|街道|村|社区|行政村|[\u4e00-\u9fff]{0,4}园区|县市区|县区|区县|市县|"
                              r"乡[（(]镇|县[（(][市区]|区[（(]县)")  # 8个县（市、区）, 15个乡（镇、街道）

COVERED_PLACES = re.compile(r"^[\u4e00-\u9fff]{1,8}全覆盖")

# "在城区和四个集镇设立…服务点": the places where something is set up, not what is set up.
# ("在2个国家级开发区、5个省级园区设立…": each count of a list of places)
PLACES_WHERE_BEFORE = re.compile(r"在(?:[^，。；\d]{0,6}|[^，。；]{0,20}[、和及])$")

PLACES_WHERE_AFTER = re.compile(r"^[\u4e00-\u9fff]{0,6}(?:乡镇|镇街|集镇|镇|街道|村|社区|园区|开发区|高新区|商圈"
                                r"|县[（(][市区、]{1,4}[）)]|乡[（(][镇街道、]{1,5}[）)])"  # 在6个县（市、区）全部设立
                                r"(?:、[^，。；]{0,14})?(?:内|中)?(?:全部|均|都)?(?:设立|建立|布设|开设|设置|建设)")

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

ORDINAL = re.compile(r"第\s*\d+")  # 第12条 of a law, 第3名: a position, not a count

QUOTED_NAME = re.compile(r"“[^”]{0,12}\d[^”]{0,12}”")

# Named goals without a number (counted in the goals part only).
QUALITATIVE_GOAL = re.compile(
    r"((?:实现|取得)突破性进展|超过?全[省市国区县]平均水平|高于全[省市国区县]平均水平|清零|(?:位?居|保持|进入)[^，。；]{0,8}前列|"
    r"持续提升|不断提升|稳步提升|大幅提升|显著提升|明显提高|不断提高|持续提高|逐年递增|逐年增加|稳定增长|"
    r"明显增长|持续增长|较快增长|不断增加|迈上新台阶|实现突破|取得突破(?!性)|保持较高水平|稳中有升|只增不减|逐年下降|持续下降|"
    r"明显下降|稳步下降|实现(?P<covered>[^，。；]{0,24})全覆盖|覆盖全部[^，。；]{1,12}|翻一?番|走在[^，。；]{0,8}前列|实现[“\"]?零[”\"]?的突破|"
    r"达到(?!以下|如下)[^，。；]{2,14}要求|有较大幅度的?提高|(?:实现|取得)突破性进展)")

# "A、B两项…产品的用标企业…达到N家": the count of the items just listed, which the
# measure after it is about.
LISTED_BEFORE = re.compile(r"[\u4e00-\u9fff“”\"]{1,8}、[\u4e00-\u9fff“”\"]{1,8}$")

LISTED_AFTER = re.compile(r"^[\u4e00-\u9fff]{1,12}的")

# A year in brackets right after a number is its due year: "不低于3,600次/年（2027年）".
YEAR_AFTER = re.compile(r"^\s*(?:/\s*年)?\s*(?:以上|以内|以下|左右)?\s*[（(]\s*(20\d\d)\s*年(?:底|末)?(?:前)?\s*[）)]")

# ... and "（2020年为0.9件）" after a target is its baseline, not a report of 2020.
BASE_AFTER_BEFORE = re.compile(r"[（(]\s*(?:20\d\d\s*年(?:底|末)?|[“\"]?十[一二三]五[”\"]?(?:期间|时期|末)?(?:累计)?)\s*(?:为|是)\s*$")

# A year that opens a bracket labels the figure in it ("（2020年为0.9件）", "（2026年）"): no report of that year.
BRACKET_YEAR = re.compile(r"[（(]\s*20\d\d\s*年(?:底|末)?$")

BASE_AFTER_REASON = "baseline (in brackets after its target: （2020年为0.9件）)"

RATE_WITHIN = re.compile(r"^(?:以)?内[^，。；\d]{0,8}率")

# --- issue 21: numbers of a report, a speech or a work-point list that are no target ----------------
# "目标为N件" names the plan's target even inside a sentence that reports progress against it.
TARGET_NAMED = re.compile(r"目标值?(?:为|是)\s*$")
# ... and with its due year: "目标为2027年达到N件" (a review restating the plan's target beside the value reached).
TARGET_NAMED_DUE = re.compile(r"目标值?(?:为|是)?\s*(?P<year>20\d\d)\s*年(?:底|末)?(?:前)?\s*(?:要|将)?"
                              r"(?:达到|达|突破|超过|不低于|不少于)?\s*$")

# ... or as what the plan planned: "计划两年内累计实现4亿元，截至9月底累计完成2.1亿元" (a review of a plan's goals).
TARGET_PLANNED = re.compile(r"(?:按)?计划(?:到?\s*20\d\d\s*年(?:底|末)?)?(?:[二两三四五]年)?(?:内|期内)?(?:累计)?"
                            r"(?:应|要|将)?(?:实现|达到|完成|新增|建成|突破)?\s*$")


def _due_year_ahead(n) -> bool:
    """The year a named target is due is not past when the text was written (or the plan began)."""
    found = TARGET_NAMED_DUE.search(n.before)
    ctx = n.facts.ctx
    written = ctx.doc_year or ctx.period_start
    return found is not None and (written is None or int(found.group("year")) >= written)
# Progress of the current period: "…已累计实现N亿元", "1—9月已为N家企业…", "进度超过N%", "完成N%".
PROGRESS_SO_FAR = re.compile(r"已(?:经)?(?:累计)?(?:实现|完成|达到|达|发放|办理|为|帮助|服务|惠及|促成|撬动)[^，。；\d]{0,12}$")
PROGRESS_SHARE = re.compile(r"进度[^，。；\d]{0,4}$|(?<![率])完成\s*$")
# The writer's estimate at the number itself: "全年可达N件", "有望突破N亿元" (not "开放许可达到N项").
ESTIMATE_AT = re.compile(r"(?:(?<![许认])可达到?|有望(?:达到?|突破|超过|实现)?)\s*$")  # not 许可达到N项
# The text's own goals counted: "提出3个发展目标", "围绕两大目标".
OWN_GOALS_AFTER = re.compile(r"^(?:发展|主要|总体|具体|工作|量化|核心|预期性|约束性|战略)?目标(?=[，。；、和及与）)\s]|$)")
# A policy's amount per firm, item or person: "每家给予N万元支持", "按每项N万元给予补助".
PER_RECIPIENT = re.compile(r"每(?:家|件|项|个|户|人|名|笔|所)[^，。；\d]{0,6}$")
GIVING = re.compile(r"给予|奖励|资助|补助|补贴|奖补|支持")
# Targets handed down to subordinate units for assessment: "纳入对N个乡镇的年度考核".
ASSESSED_UNITS = re.compile(r"(?:纳入|列入)[^，。；]{0,24}(?:考核|考评)")
MONEY = frozenset({"元"})

# A range whose two ends carry different units or multipliers (15亿元至18万元, 3家至5个): which end
# the writer meant is not sure, so neither end is stored.
_UNIT_END = rf"[万亿千]*(?:{UNIT_RE})"
OTHER_END_AFTER = re.compile(rf"^\s*(?:-|~|～|－|–|至|—)\s*{NUMBER}\s*(?P<end>{_UNIT_END})")
OTHER_END_BEFORE = re.compile(rf"\d\s*(?P<end>{_UNIT_END})\s*(?:-|~|～|－|–|至|—)\s*$")


def _other_end_differs(n, found: re.Match | None) -> bool:
    """The other end (found next to the number) is written in another unit than the number's own
    (由6家至9家 after 由 is read as two numbers of one unit: a baseline and its target)."""
    return found is not None and found.group("end") != (n.m.group("mult") or "") + (n.unit or "")
# "每两个月开展一次…", "每3天巡查一次": the interval of a recurring piece of the plan's own work, no target.
INTERVAL_BEFORE = re.compile(r"每(?:隔)?\s*$")

# The plan's own structure counted in its own words: "《方案》共设置3类12项指标" (both numbers), and the
# fields it focuses on, listed then counted ("聚焦A、B、C三条产业链"), no target to reach.
OWN_STRUCTURE_BEFORE = re.compile(r"(?:方案|规划|计划|要点|《[^》]{1,30}》)[^，。；\d]{0,6}(?:设置|设定|设立|明确|提出|列出|部署|确定|包括|涵盖)"
                                  r"了?\s*(?:\d+\s*(?:个方面|方面|[类大项个条])\s*)?$")
FOCUS_LIST_BEFORE = re.compile(r"(?:聚焦|围绕|瞄准|面向|针对|覆盖|涉及)[^，。；\d]{0,40}、[^，。；\d、]{1,14}$")
FOCUS_FIELD_AFTER = re.compile(r"^(?:重点|主导|优势|特色|新兴|战略性新兴)?(?:产业链|产业集群|产业|领域|行业|集群|链条)")
# "对全县260家规上企业开展排查": the region's whole population of above-scale firms, addressed by a task.
ABOVE_SCALE_AFTER = re.compile(r"^(?:规模以上|规上)")
# A share of losses a risk pool or a guarantor bears ("担保机构承担代偿损失的30%"): a policy parameter.
LOSS_SHARE = re.compile(r"(?:补偿|承担|分担|代偿)[^，。；]{0,14}(?:损失|本金)")
# "组建由15家以上市场主体加入的联盟": the size of what is built, a condition, not a count to reach.
MEMBERS_OF = re.compile(r"^(?:以上|及以上|左右)?[^，。；\d]{0,12}(?:参与|组成|共同|联合|加入)的")

ONLY_PLACES = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:乡镇|镇街|镇|街道|村|社区|园区)$")

# Goals that name their own yardstick (a rank, full coverage, zero, a first): any subject will do.
SELF_MEASURED_GOAL = re.compile(r"前列|全覆盖|覆盖全部|清零|取得突破|零[”\"]?的突破|平均水平|要求$|较大幅度|突破性进展")

# A goal that names a thing to be built or won, with no number: 建成省级…保护示范区, 争创…示范城市.
# Not the plan's own designation or vision (建成具有…特色的…强县示范区): that is the whole plan.
# A dated review passed is such a goal too: "N年底前通过…规范化市场评审".
NAMED_BUILD = re.compile(r"(?:建成|争创|创建)(?P<what>(?![^，。；、]*(?:特色|强县|强市|具有))[^，。；、]{2,20}?"
                         r"(?:示范区|示范城市|示范县|集聚区|中心(?![^，。；、]{0,6}中心)|综合体|平台|规范化市场(?!示范)))"
                         r"|20\d\d\s*年(?:底|末)?前?通过(?P<passed>[^，。；、]{2,24}?)(?:评审|验收)")
NAMED_BUILD_MARKERS = ("建成", "争创", "创建", "20")  # one of them is in every text NAMED_BUILD can match

MEASURABLE = re.compile(r"(?<!质)量$|率$|额$|数$|数量$|比重$|占比$|满意度$|经费$|投入$|收入$|成效$|产值$|"
                        r"增加值$|指标$|融资$|发明专利$|规模$|网点$|站点$")

COMPARATOR_WORDS = sorted([(w, "<=") for w in LE_BEFORE] + [(w, ">=") for w in GE_BEFORE]
                          + [(w, "=") for w in EQ_BEFORE], key=lambda wc: len(wc[0]), reverse=True)

VERB_WORDS = sorted(LE_BEFORE + GE_BEFORE + EQ_BEFORE + ("分别", "要", "将", "在", "均", "再", "总计", "合计", "各"),
                     key=len, reverse=True)

# A plan cited as the one setting the target ("《某方案》还提出…", "《规划》明确"): who says it, not what is counted.
CITED_PLAN_SAYS = r"《[^》]{1,30}》(?:还|又|也|中|同时)?(?:提出|明确|要求|指出|规定)(?:了)?"
LEAD_IN = re.compile(
    r"^(?:[，、；：\s]|[一二三四五六七八九十\d]{1,2}[）)]|\d{1,2}[.．](?!\d)|[一二三四五六七八九十]{1,2}、|——|—|－－|和|及|以及|并|且|其中|同时|此外|力争|争取|确保|全力|努力|推动|实现|"
    rf"{REGION_LEAD_RE}|(?:到|至|在)?20\d\d年(?:底|末)?前?|{PERIOD_PHRASES}|年内|今年|将|按|{CITED_PLAN_SAYS})+")

# The plan's own first year, named without a number.
FIRST_YEAR = re.compile(r"(?:启动|开局|实施|创建|建设)(?:的)?(?:当年|首年|第一年)")

# A yearly amount named by its year: "中心年服务…不少于N家次", "——年…授权量保持在N件" (not
# "2026年服务…", "今年", "当年", "年内", "年底").
YEARLY_NAME = re.compile(r"(?:^[—\-－\s]*|(?<![\d今当明去前后全每]))年(?:服务|举办|开展|培训|组织|办理|受理|"
                         r"专利(?:申请|授权)量|发明专利(?:申请|授权)量|商标(?:申请|注册)量)")

# A level the count reaches, not a number of things made: 建成省级示范企业达到20家, 拥有…, 总数…
LEVEL_WORDS = re.compile("达到?|" + "|".join(STOCK_WORDS))

# An income is counted per year (…机构的营业收入达N亿元): a yearly figure, not a level.
# Amounts that flow in a year: income, and money registered (质押…登记金额…亿元), unless summed (累计)
INCOME = re.compile(r"(?:营业|业务|销售)收入|营业额|登记金?额")

GROWTH = re.compile(r"增长|增速|增幅|递增|提高了|提升了")

# A five-year plan period named as a time: 十一五 is 2006—2010, 十三五 2016—2020, 十五五 2026—2030.
FIVE_YEAR_PLAN = re.compile(r"[“\"]?十([一二三四五六])五[”\"]?(?:期间|时期|以来)")
FIVE_YEAR_PLAN_MARKER = "五"  # in every text FIVE_YEAR_PLAN can match: a clause without it is not searched

CLAUSE = re.compile(r"(?:[^，,：:]|(?<=\d),(?=\d{3}(?!\d)))+")  # a thousands separator does not end a clause

# What a clause says about the clauses after it (read by MODALITY_RULES, NEW_CARRY_RULES and YEARLY_RULES below).
COMMITTED = re.compile(r"(?:到|至|力争|争取)\s*20\d\d")

LEVEL_VERB = re.compile("达|累计|拥有|建成|实现|保持")

YEARLY = re.compile("每年|年均|年度")

YEAR_LEAD = re.compile(r"\s*年(?![底末内])")  # 年专题培训…

YEARLY_DUTY = re.compile("每年|逐年|年均(?!增长|增幅|增速|提高|递增)")

OWN_LEVEL = re.compile("达|累计|拥有|总量|总数|(?:建设|设立|建成|新建)[^，。；]{0,20}\\d")  # a clause building its own

SUM_OR_SPAN = re.compile("累计|共计|合计|总计|由|从|到20|至20")

BASELINE_BEFORE = re.compile(rf"(?:{BASELINE_FROM})[^，。；由从]{{0,16}}$")

BASELINE_AFTER = re.compile(rf"^(?:以上|左右)?[^，。；\d]{{0,10}}?{TO_LEVEL}")

STAGE_YEARS = re.compile(r"(20\d\d)\s*年(?:底|末)?")

STAGE_YEAR_LIST = re.compile(r"(?:到|至)?20\d\d\s*年(?:底|末)?(?:\s*[、和及]\s*20\d\d\s*年(?:底|末)?)+")
# ... or the stages open the sentence in a clause of their own: "到2026年末、2027年末，A分别达到…"
STAGE_LIST_CLAUSE = re.compile(STAGE_YEAR_LIST.pattern + r"\s*[，,]\s*$")

# Outside the goals part a task rarely states a goal, but two kinds are commitments a reader records:
# coverage of the whole territory (…指导站建设，实现市域全覆盖) and an end by a date (…资助，确保在2023年底前全部取消).
# Both name their own yardstick; anything looser (实现…管理全覆盖 of some group) stays a task.
# Two more name what they are about inside the phrase: the whole area's places (实现全区N个…园区全覆盖) and
# a breakthrough the plan strives for (力争在…领域…取得突破; 取得突破性进展 is a report's wording).
TASK_GOAL = re.compile(r"实现(?:市域|县域|区域|全域|全[市县区])全覆盖|实现(?P<area>全[市县区旗][^，。；]{1,12}?)全覆盖|"
                       r"(?P<year>20\d\d)\s*年\s*(?:底|末)?(?:前|以前)\s*全部取消|"
                       r"(?:力争|争取|推动)在?(?P<what>[^，。；]{2,30}?)取得突破(?!性)|"
                       r"实现(?P<dated_cover>[^，。；]{2,16})全覆盖|实现[“\"]?零[”\"]?的突破")
TASK_GOAL_MARKERS = ("全覆盖", "全部取消", "突破")  # one of them is in every text TASK_GOAL can match

# ("到2028年，实现…托管服务全覆盖": coverage of anything counts in a task when a year is set for it.)
DATED_TASK = re.compile(r"(?:20\d\d\s*年(?:底|末)?(?:前|以前)?|(?<![两三四五\d])年内|今年)[^。；\d]{0,16}$")

DATED_BEFORE = re.compile(r"(20\d\d)\s*年(?:底|末)?(?:前|以前)?\s*[，,]?\s*$")

STATED_NEXT = re.compile(r"^[，,]\s*(?:达到|达|至|为)\s*\d")

# "到2026年", "力争到2025年底", and a stage's year "提升发展阶段(2019年)".
# A timetable's stage that sets its own target ("N年为启动年。年内…新设立…工作站N个"): read
# like a task.  Other timetable lines (dates, months, 分三个阶段) are not targets.
STAGE_GOAL = re.compile(r"(?:达到|不少于|不低于|新设立|新增|新建|以上)[^，。；]{0,12}\d")

PARAGRAPH_YEAR = re.compile(r"(?:到|至|力争到|争取到)\s*(20\d\d)\s*年(?:底|末)?|阶段\s*[（(]\s*(20\d\d)\s*年?\s*[)）]|"
                            r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)?\s*"
                            r"(20\d\d)\s*年(?:度?(?:主要)?(?:工作)?(?:目标|任务|安排|要点|计划)|为[^，。；\d]{1,6}年)|"
                            r"^\s*第([一二三四五])年\s*[（(：:]")
PARAGRAPH_YEAR_MARKERS = ("20", "第")  # one of them is in every text PARAGRAPH_YEAR can match


# --- why a number is not a target ---------------------------------------------------------------
# Subject: etl.extract.clauses._Number (unit, before, after, name_zone, heading, section_kind, modality,
# future, in_subsidy_rule).  A masked span (date, phone, document number …) is looked up before this
# table and carries its own reason.  First row that holds decides; rows sharing a reason are one rule
# said in two ways.
SKIP, BASELINE, ACHIEVEMENT, ESTIMATE, PROGRESS_MADE = "skip", "baseline", "achievement", "estimate", "progress"
TARGET = "target"  # (a row deciding target ends the table: the number is a target, whatever the rows after it say)
BASELINE_OF_PREVIOUS = "baseline of the target before"
NO_UNIT = "no unit"
SENTENCE_GOES_ON = ("；", ";")  # a sentence ended by these goes on in the next
UNITLESS = frozenset({None})
OWN_ITEM_UNITS = frozenset({"项", "条", "个", "类", "大"})
DURATIONS = frozenset(DURATION_UNITS)
ISSUE7 = "issue 7 (read real plans as a careful reader does)"
ISSUE21 = "issue 21 (fresh11: news, progress reports, work points)"
NUMBER_RULES: tuple[Rule, ...] = (
    Rule("a range whose ends differ", SKIP, "版权质押金额力争达到6亿元至9000万元", "issue 21 (fresh12: ranges written in full)",
         looks=(Look("after", OTHER_END_AFTER.pattern, at_start=True),),
         when=lambda n: _other_end_differs(n, OTHER_END_AFTER.match(n.after)),
         reason="a range whose ends have different units (which end is meant is unsure)"),
    Rule("the other end of such a range", SKIP, "版权质押金额力争达到6亿元至9000万元", "issue 21 (fresh12: ranges written in full)",
         looks=(Look("before", OTHER_END_BEFORE.pattern),),
         when=lambda n: _other_end_differs(n, OTHER_END_BEFORE.search(n.before)),
         reason="a range whose ends have different units (which end is meant is unsure)"),
    Rule("interval of recurring work", SKIP, "执法大队每两个月开展一次商标专项检查", "issue 21 (fresh12: the plan's own rhythm)",
         units=DURATIONS, looks=(Look("before", INTERVAL_BEFORE.pattern, markers=("每",)),),
         reason="the interval of the plan's recurring work (每N个月), not a target"),
    Rule("heading ordinal", SKIP, "3.加强知识产权源头保护", ISSUE7, reason="heading ordinal",
         units=UNITLESS, when=lambda n: n.heading, context="tasks"),
    Rule("no unit", SKIP, "力争到2026年各类评选中获评前3", ISSUE7, reason=NO_UNIT, units=UNITLESS),
    Rule("day of the month", SKIP, "各成员单位每月15日前报送服务台账", "fresh2", units=frozenset({"日"}),
         looks=(Look("before", DAYS_LIMIT.pattern, absent=True),), reason="a day of the month (12月10日前)"),
    Rule("own items counted after", SKIP, "围绕上述目标，部署6项重点任务", ISSUE7, units=OWN_ITEM_UNITS,
         looks=(Look("after", TASK_COUNT.pattern, at_start=True),), reason="count of the plan's own tasks"),
    Rule("own items counted before", SKIP, "本规划共安排重点工程4项", ISSUE7, units=OWN_ITEM_UNITS,
         looks=(Look("before", OWN_COUNT_BEFORE.pattern, markers=("方案", "规划", "计划", "清单")),),
         reason="count of the plan's own tasks"),
    Rule("own structure in its words", SKIP, "《实施方案》共设置3类12项考核指标", "issue 21 (fresh12: own counts)",
         units=OWN_ITEM_UNITS, looks=(Look("before", OWN_STRUCTURE_BEFORE.pattern),),
         reason="count of the plan's own tasks"),
    Rule("fields the plan focuses on", SKIP, "聚焦光伏、储能、氢能三条产业链开展专利导航", "issue 21 (fresh12: own counts)",
         looks=(Look("before", FOCUS_LIST_BEFORE.pattern, markers=("、",)),
                Look("after", FOCUS_FIELD_AFTER.pattern, at_start=True)),
         reason="count of the fields the plan focuses on (聚焦A、B、C三条产业链)"),
    Rule("reporting deadline", SKIP, "每半年结束后10个工作日内上报工作进展", "fresh3", units=DURATIONS,
         looks=(Look("after", REPORT_WITHIN.pattern, at_start=True, markers=("报", "提交", "反馈")),),
         reason="reporting deadline"),
    Rule("reference of a comparison", SKIP, "比上级规划设定的15件高出一倍", "real-plans",
         looks=(Look("before", COMPARISON.pattern, markers=("比", "高出")),),
         reason="comparison with another figure (比…高出)"),
    Rule("margin of a comparison", SKIP, "较省定要求的8件多出3件以上", "real-plans",
         looks=(Look("after", COMPARED.pattern, at_start=True, markers=("高出", "多出", "低于")),),
         reason="comparison with another figure (比…高出)"),
    Rule("progress against a goal", PROGRESS_MADE, "前三季度完成全年计划的75%", ISSUE7,
         looks=(Look("before", PROGRESS.pattern, markers=("完成",)),),
         reason="progress against a goal (完成…目标任务的N%)"),
    Rule("a target named as such", TARGET, "专利代理机构数量的目标为14家，截至今年5月已达到11家，完成目标的79%", ISSUE21,
         looks=(Look("before", TARGET_NAMED.pattern, markers=("目标",)), Look("before", r"20\d\d|去年|上年", absent=True)),
         when=lambda n: n.modality == ACHIEVEMENT and n.section_kind == "goals"),
    Rule("a target named with its due year", TARGET, "版权登记量的目标为2027年达到5000件，截至今年9月底为3900件，完成目标的78%",
         "issue 21 (fresh12: a mid-term review)",
         looks=(Look("before", TARGET_NAMED_DUE.pattern, markers=("目标",)),),
         when=lambda n: n.modality == ACHIEVEMENT and n.section_kind == "goals" and _due_year_ahead(n)),
    Rule("a target named as planned", TARGET, "商标质押融资计划两年内累计实现4亿元，截至9月底累计完成2.1亿元，完成目标的52.5%",
         "fresh13 (a progress review)",
         looks=(Look("before", TARGET_PLANNED.pattern, markers=("计划",)), Look("before", r"去年|上年|截至|已", absent=True)),
         when=lambda n: n.modality == ACHIEVEMENT and n.section_kind == "goals"),
    Rule("achievement", ACHIEVEMENT, "截至去年年底，全县商标有效量达到8600件", ISSUE7,
         when=lambda n: n.modality == ACHIEVEMENT, reason="achievement already reached"),
    Rule("estimate", ESTIMATE, "预计年末专利代理机构有望增至9家", ISSUE7,
         when=lambda n: n.modality == ESTIMATE, reason="forecast, not a commitment (预计/有望)"),
    Rule("reward amount", SKIP, "对认定为国家级示范企业的给予奖励30万元", "fresh",
         looks=(Look("before", REWARD.pattern, markers=("奖", "资助", "补", "扶持", "最高")),),
         reason="reward or subsidy rule"),
    Rule("subsidy parameter", SKIP, "对质押融资按所付利息的40%给予贴息", "fresh2",
         when=lambda n: n.in_subsidy_rule, reason="reward or subsidy rule"),
    Rule("size of a leading group", SKIP, "领导小组由18个部门组成", "fresh",
         looks=(Look("after", GROUP_SIZE.pattern, at_start=True, markers=("部门", "单位")),),
         reason="size of an organising body"),
    Rule("the plan's meetings", SKIP, "工作专班每两月召开1次会商会", "fresh12", units=frozenset({"次"}),
         looks=(Look("before", GOVERNANCE_EVERY, markers=("每",)), Look("after", GOVERNANCE_MEETING_AFTER, at_start=True)),
         reason="how often the plan's bodies meet or report"),
    Rule("the plan's reporting", SKIP, "牵头部门每季度通报1次", "fresh12", units=frozenset({"次"}),
         looks=(Look("before", GOVERNANCE_VERB_BEFORE, markers=("每",)),),
         reason="how often the plan's bodies meet or report"),
    Rule("count of the items just listed", SKIP, "力争枇杷、茶油两个特色产品的授权用标主体达到25家", "fresh4",
         looks=(Look("before", LISTED_BEFORE.pattern, markers=("、",)),
                Look("after", LISTED_AFTER.pattern, at_start=True, markers=("的",))),
         reason="count of the items just listed (A、B两项…的)"),
    Rule("baseline in brackets after", BASELINE_OF_PREVIOUS, "力争授权发明专利存量达到600件（2023年为410件）", "fresh5",
         looks=(Look("before", BASE_AFTER_BEFORE.pattern, markers=("（", "(")),), reason=BASE_AFTER_REASON),
    Rule("time limit in a rate's name", SKIP, "投诉举报48小时内回复率达到95%", "fresh6", units=DURATIONS,
         looks=(Look("after", RATE_WITHIN.pattern, at_start=True, markers=("率",)),),
         reason="a time limit inside a rate's name (24小时内响应率)"),
    Rule("places a target is spread over", SKIP, "全县6个园区各建成1个专利服务站", "fresh",
         looks=(Look("after", DISTRIBUTIVE.pattern, at_start=True, markers=("各",)),),
         reason="count of places the target is spread over"),
    Rule("the region's own places", SKIP, "推动全县共14个乡镇开展专利转化对接", "fresh",
         looks=(Look("before", OWN_PLACES_BEFORE.pattern, markers=("全", "我")),
                Look("after", OWN_PLACES_AFTER.pattern, at_start=True)),
         reason="the region's own places (全县N个乡镇, 实现…N个园区全覆盖)"),
    Rule("places covered", SKIP, "力争2026年11个街道服务站全覆盖", "fresh3",
         looks=(Look("after", COVERED_PLACES.pattern, at_start=True, markers=("全覆盖",)),),
         reason="the region's own places (全县N个乡镇, 实现…N个园区全覆盖)"),
    Rule("places where something is set up", SKIP, "在5个省级开发区内设立商标服务站", "fresh8",
         looks=(Look("before", PLACES_WHERE_BEFORE.pattern, markers=("在",)),
                Look("after", PLACES_WHERE_AFTER.pattern, at_start=True, markers=("设", "建立"))),
         reason="the region's own places (全县N个乡镇, 实现…N个园区全覆盖)"),
    Rule("background figure", SKIP, "全县规上企业320家，科技型中小企业95家", ISSUE7, context="other",
         when=lambda n: n.section_kind in ("other", "preamble") and not n.future,
         reason="background figure (not in a goals or tasks part)"),
    Rule("the region's above-scale firms", SKIP, "对全县260家规上企业开展专利风险排查", "issue 21 (fresh12: own counts)",
         units=frozenset({"家", "户"}),
         looks=(Look("before", r"对\s*(?:全[县区市旗])?\s*$", markers=("对",)), Look("after", ABOVE_SCALE_AFTER.pattern, at_start=True)),
         reason="the region's own above-scale firms (对N家规上企业…), not a target"),
    Rule("members of what is built", SKIP, "牵头组建由15家以上市场主体加入的商标品牌联盟", "issue 21 (fresh12: conditions)",
         looks=(Look("before", r"由\s*$", markers=("由",)), Look("after", MEMBERS_OF.pattern, at_start=True)),
         reason="a condition on what is built (由N家…组成的)"),
    Rule("a share of losses borne", SKIP, "合作担保机构承担代偿损失的30%", "issue 21 (fresh12: policy parameters)",
         units=frozenset({"%"}), looks=(Look("clause", LOSS_SHARE.pattern),),
         reason="reward or subsidy rule"),
    Rule("existing count", SKIP, "推动现有服务机构9家提档升级", "fresh",
         looks=(Look("before", EXISTING.pattern, markers=("现有",)),), reason="existing count (现有)"),
    Rule("baseline", BASELINE, "商标注册量由2024年的5200件增加到7000件", "issue 7",
         looks=(Look("name_zone", BASELINE_BEFORE.pattern, markers=("由", "从")),
                Look("after", BASELINE_AFTER.pattern, at_start=True, markers=("到", "至"))),
         reason="baseline"),
    Rule("what the plan builds on", SKIP, "依托区内3家科研院所实施导航项目", "fresh2",
         looks=(Look("name_zone", RESOURCE.pattern, markers=("依托", "围绕", "依靠", "借助")),),
         reason="what the plan builds on (依托/围绕…)"),
    Rule("progress so far", PROGRESS_MADE, "商标质押三年新增40亿元的任务，2025年至2026年3月已累计完成27亿元", ISSUE21,
         looks=(Look("before", PROGRESS_SO_FAR.pattern, markers=("已",)),), reason="progress of the current period (已累计实现N)"),
    Rule("progress as a share", PROGRESS_MADE, "版权登记三年新增900件的任务，完成71%", ISSUE21, units=frozenset({"%"}),
         looks=(Look("before", PROGRESS_SHARE.pattern, markers=("进度", "完成")),),
         reason="progress of the current period (完成N%, 进度超过N%)"),
    Rule("an estimate at the number", ESTIMATE, "全年商标申请量可达4200件", ISSUE21,
         looks=(Look("before", ESTIMATE_AT.pattern, markers=("可达", "有望")),),
         reason="forecast, not a commitment (预计/有望)"),
    Rule("the text's own goals counted", SKIP, "本方案确立五个发展目标和九项行动", ISSUE21, units=OWN_ITEM_UNITS,
         looks=(Look("after", OWN_GOALS_AFTER.pattern, at_start=True, markers=("目标",)),),
         reason="count of the plan's own tasks"),
    Rule("a policy amount per recipient", SKIP, "每年评选8家版权示范单位，每家给予15万元资金支持", ISSUE21, units=MONEY,
         looks=(Look("before", PER_RECIPIENT.pattern, markers=("每",)), Look("clause", GIVING.pattern)),
         reason="policy parameter (每家给予N万元)"),
    Rule("units assessed on the targets", SKIP, "上述指标纳入对9个乡镇街道的年度目标考核", ISSUE21,
         looks=(Look("clause", ASSESSED_UNITS.pattern, markers=("考核", "考评")),),
         reason="targets assigned to subordinate units for assessment (纳入对N个…的考核)"),
)

# --- what a clause says of its numbers, and hands on to the clauses after it ---------------------
# Subject: etl.extract.clauses.ClauseView (clause, year_verdict, previous, earlier_five_year_plan).
# year_verdict: "past" when the clause's first deciding year lies before the plan ("至2023年底，…"),
# "future" when it is a year of the plan reached (到2026年), None when no year decides.
# Around a year: the characters that make it no report's date (比2023年, 较2023年, 由2023年的 …), the one
# that makes it a cut-off (截至2026年 reports even inside the plan), and the words that reach it.
NOT_A_REPORT_DATE = ("比", "较", "从", "由", "以")
CUT_OFF = "截"
TO_WORDS = "到至"
YEAR_LEAD_WORDS = "到至在于"
REACHES_YEAR = re.compile(r"(?:到|至|力争|争取)\s*$")
STOCK_WORD = "|".join(STOCK_WORDS)
MODALITY_RULES: tuple[Rule, ...] = (
    Rule("a year before the plan", ACHIEVEMENT, "2022年底，全区授权发明专利存量达到1350件", ISSUE7,
         when=lambda c: c.year_verdict == "past"),
    Rule("a report's words", ACHIEVEMENT, "目前全区已建成专利导航服务站3个", ISSUE7,
         looks=(Look("clause", PAST_MARKERS.pattern),), when=lambda c: c.year_verdict is None),
    Rule("an earlier five-year plan", ACHIEVEMENT, "“十三五”期间，全区新增专利代理机构6家", "fresh7",
         when=lambda c: c.year_verdict is None and c.earlier_five_year_plan, context="other"),
    Rule("an achievement runs on", ACHIEVEMENT, "截至去年底，全县地理标志商标12件，驰名商标3件", ISSUE7,
         when=lambda c: c.year_verdict is None and c.previous == ACHIEVEMENT),
    Rule("a forecast", ESTIMATE, "预计年内技术合同登记额可达2亿元", ISSUE7, looks=(Look("clause", FORECAST.pattern),)),
    Rule("a plan year ends the report", TARGET, "去年全县授权专利已达2100件，力争2026年达到3000件", ISSUE7,
         when=lambda c: c.previous == ACHIEVEMENT),
    Rule("a goal year", TARGET, "预计今年技术交易额可达2亿元，到2026年达到5亿元", ISSUE7,
         looks=(Look("clause", COMMITTED.pattern, markers=("到", "至", "力争", "争取")),)),
)
# 新增 carries to the next clause of its sentence when that clause has no verb of its own
# (新增…示范企业不少于5家，…专利奖不少于5项); 达 / 累计 / 建成 start a level instead.
CARRY_NEW, END_NEW = "carry scope=new", "end scope=new"
NEW_CARRY_RULES: tuple[Rule, ...] = (
    Rule("new carries on", CARRY_NEW, "新增国家级优势企业4家，省级专利奖2项", "fresh",
         looks=(Look("clause", NEW_PATTERN.pattern),)),
    Rule("a level verb ends new", END_NEW, "新增贯标企业10家，高新技术企业达到60家", "fresh",
         looks=(Look("clause", LEVEL_VERB.pattern),)),
    Rule("a stock word ends new", END_NEW, "新增贯标企业10家，有效商标总量8000件", "fresh",
         looks=(Look("clause", STOCK_WORD, markers=STOCK_WORDS),)),
)
# 每年 / 年均 carries to the next clause too.  年均不低于5000万元 is an amount due every year (a duty);
# 年均增长12% a rate towards the goal year.
YEARLY_DUTY_DECISION, YEARLY_RATE, NOT_YEARLY = "carry scope=annual (duty)", "carry scope=annual (rate)", "end scope=annual"
YEARLY_RULES: tuple[Rule, ...] = (
    Rule("a year's amount named first", YEARLY_DUTY_DECISION, "年开展专利执法检查不少于6次", "fresh2",
         looks=(Look("clause", YEAR_LEAD.pattern, at_start=True),), context="tasks"),
    Rule("a yearly duty", YEARLY_DUTY_DECISION, "每年举办企业专利沙龙不少于8场", "issue 7",
         looks=(Look("clause", YEARLY.pattern), Look("clause", YEARLY_DUTY.pattern)), context="tasks"),
    Rule("a yearly rate", YEARLY_RATE, "注册商标数量年均增长15%", "issue 7", looks=(Look("clause", YEARLY.pattern),)),
    Rule("a clause with its own level", NOT_YEARLY, "每年培训企业专员100人次，累计培训达到300人次", "fresh",
         looks=(Look("clause", OWN_LEVEL.pattern),), context="tasks"),
    Rule("a sum or a span", NOT_YEARLY, "每年举办讲座6场，合计举办18场", "fresh",
         looks=(Look("clause", SUM_OR_SPAN.pattern),), context="tasks"),
    Rule("several years named", NOT_YEARLY, "每年举办讲座6场，两年内推动企业上市", "fresh",
         looks=(Look("clause", MULTI_YEAR.pattern),), context="tasks"),
    Rule("new after a yearly clause", NOT_YEARLY, "每年举办讲座6场，引进服务机构2家", "fresh",
         looks=(Look("clause", NEW_PATTERN.pattern),), context="tasks"),
)

# --- the scope of a target ------------------------------------------------------------------------
# Subject: etl.extract.clauses.ScopeView (unit; name_zone: the name and the words before the number;
# zone: those and the words right after it; new_carried: 新增 carried from the clause before).
# No row holding: a level the plan reaches (stock).
STOCK, RATIO, NEW, ANNUAL = "stock", "ratio", "new", "annual"
RATIOS = frozenset(RATIO_UNITS)
ANNUAL_WORD = "|".join(re.escape(w) for w in ANNUAL_WORDS)
NAME_OPENS_WITH_YEAR = r"年(?![底末内])"
YEARS_OUTPUT = r"年(?:产值|销售额|收入|营业额|融资额|交易额|申请量|授权量)"
SCOPE_RULES: tuple[Rule, ...] = (
    Rule("a duration is a level", "scope=" + STOCK, "侵权纠纷案件全年平均办结用时压缩至60天以内", "issue 7",
         units=DURATIONS, looks=(Look("zone", PERIOD_SUM.pattern, absent=True),)),
    Rule("a rate is a ratio", "scope=" + RATIO, "全年商标网上申请率达到98%", "issue 7", units=RATIOS,
         looks=(Look("zone", GROWTH.pattern, absent=True),)),
    Rule("a sum over the plan's years", "scope=" + NEW, "三年里累计培育专业人才达到1200人次", "fresh8",
         looks=(Look("zone", PERIOD_SUM.pattern),), when=lambda v: v.unit not in RATIOS),
    Rule("a yearly word", "scope=" + ANNUAL, "每年开展专利执法检查不少于6次", "issue 7",
         looks=(Look("zone", ANNUAL_WORD, markers=ANNUAL_WORDS),), context="tasks"),
    Rule("a name opening with 年", "scope=" + ANNUAL, "年培训专利工作者500人次", "fresh2",
         looks=(Look("name_zone", NAME_OPENS_WITH_YEAR, at_start=True),), context="tasks"),
    Rule("an income", "scope=" + ANNUAL, "服务机构的营业收入达到2亿元", "fresh4",
         looks=(Look("name_zone", INCOME.pattern), Look("zone", "累计", markers=("累计",), absent=True))),
    Rule("a year's output named", "scope=" + ANNUAL, "全区企业专利年申请量达到900件", "fresh3",
         looks=(Look("name_zone", YEARS_OUTPUT, markers=("年",)),)),
    Rule("a yearly amount named by its year", "scope=" + ANNUAL, "维权中心年受理纠纷案件不少于150件", "fresh5",
         looks=(Look("name_zone", YEARLY_NAME.pattern, markers=("年",)),)),
    Rule("a share", "scope=" + RATIO, "发明专利授权数同比增长10%", "issue 7", units=RATIOS),
    Rule("a new word", "scope=" + NEW, "新增专利代理机构3家", "issue 7",
         looks=(Look("zone", NEW_PATTERN.pattern),)),
    Rule("new carried from the clause before", "scope=" + NEW, "新增优势企业4家，示范企业2家", "fresh",
         when=lambda v: v.new_carried),
    Rule("things made", "scope=" + NEW, "完成专利导航项目5个", "fresh8", units=frozenset(COUNT_UNITS),
         looks=(Look("name_zone", MADE_VERBS.pattern), Look("zone", LEVEL_WORDS.pattern, absent=True))),
)

# --- the words the name finder and the goal readers cut at ----------------------------------------
TITLE_OPEN, TITLE_CLOSE = "《", "》"
# Spans whose digits are never targets, with the reason and markers (one of them is in every text the
# pattern can match: a sentence without any is not searched; empty: no cheap test); where spans overlap
# the first wins.  None stands for the titles of documents (《…》), found without a regex
# (etl.extract.clauses._titles).  STANDARD ignores case: I and G also match İ and ı.
MASKED_SPANS = ((DOC_NUMBER, "document number", ("号",)), (EMAIL, "e-mail", ("@",)),
                (STANDARD, "standard number", ("I", "i", "G", "g", "\u0130", "\u0131")),
                (None, "title of a document", (TITLE_OPEN,)), (OBSERVANCE_DAY, "observance day", (".",)),
                (PROGRAMME, "programme name", ("+", "＋")), (DATE_OR_PERIOD, "date or period", ("20",)),
                (MONTH_DAY, "date", ("月",)), (QUOTED_NAME, "name in quotes", ("“",)), (PHONE, "phone number", ()),
                (ORDINAL, "ordinal (第N)", ("第",)))
NAME_EDGE = "，、；：,;: "
OPEN_BRACKETS = "（("
CLOSE_BRACKETS = "）)"
VERB_OPENING = re.compile(r"^(?:达到|达|为)")
TRAILING_DE = re.compile(r"[的]$")
DE = "的"
# A number-first name ends at a clause break, at 、 before the next number, at 和/及 before a number.
NAME_AFTER_ENDS = re.compile(r"[，。；]|、(?=\s*(?:新增|建成)?\s*\d)|[和及](?=\s*\d)")
CLOSING_COMPARATOR = re.compile(r"^(?:以上|及以上|左右|以内|以下|上下)")
NUMBER_FIRST_TAIL = re.compile(r"(?:新增|建成|引进|培育|组织实施|配备|设立|建立)[^，、]{0,4}$")
EXISTING_LEAD = re.compile(r"^现有")
RECURRING = re.compile("每年|逐年|/年")  # a yearly duty, done every year
YEAR_WORD = "年"
RESPECTIVELY = "分别"
TOTAL_SUFFIX = re.compile(r"(?:总数|总量|数量)$")  # A、B总数分别…: 总数 qualifies both
LIST_SEPARATOR = re.compile(r"、|和|及")
LIST_MARK = "、"  # the mark between members of a list of counts
ENUMERATION_COMMA = "、"
COMMITMENT_TAIL = re.compile(r"(?:确保|力争|争取)?在?$")
CLAUSE_BREAK = re.compile(r"[，,；;]")
CLAUSE_BREAK_CHARS = "，,；; "
TASK_VERB_OPENING = re.compile(r"^(?:有序|逐步|加快|积极)?(?:推进|减少|推动|开展|加强|布局|建设|设立|建立|完善)?(?:对)?")
TASK_WORD_TAIL = re.compile(r"(?:建设|工作)$")
SENTENCE_END = "。；"
DOUBLING = re.compile(r"翻")
RANK_WORD = "前列"
OPENING_QUOTES = "“\"「"
QUOTES = re.compile(r"[“”\"「」]")
GOAL_VERB_TAIL = re.compile(r"(?:并|且|继续|始终|不断|持续|进一步|实现)+$")
GOAL_VERB_OPENING = re.compile(r"^(?:实现|推动|确保|力争|使)")
LIST_ANNOUNCED = ("：", ":")  # a line ending so announces the list after it


# --- names a compound or staged statement shares with every member (issue 20) -------------------------
# Built from the facet vocabulary (etl.vocab.facets), the one home of the genre's kinds and measures.
def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# a density written once before a list (每万人口A、B拥有量): per what
DENSITY_WORD = re.compile(_alternation(w for code, _zh, _en, words in _facet_vocab.NORMALISERS
                                       if code.startswith("per_") for w in words))
# a word naming a kind of thing (发明专利, 商标, 地理标志…): a member without one names only a measure or a tier
KIND_WORD = re.compile(_alternation(w for *_, words in _facet_vocab.SUBJECTS for w in words))
# the measure a list names once after its last member (A、B拥有量): holdings, applications, grants …
SHARED_MEASURES = ("count", "applications", "grants", "registrations", "filings")
MEASURE_TAIL = re.compile("(?:" + _alternation(w for code, *_, words in _facet_vocab.MEASURES
                                               if code in SHARED_MEASURES for w in words if len(w) > 1) + ")$")
# a member that is only a tier (国家级、省级X): the kind is the last member's
TIER_ONLY = re.compile("^(?:" + _alternation(w for *_, words in _facet_vocab.TIERS for w in words) + ")$")
TIER_LEAD = re.compile("^(?:" + _alternation(w for *_, words in _facet_vocab.TIERS for w in words) + ")")
# a name that ends with a tier (争创国家级2个、省级5个X; X国家级2个、省级5个): the tier of a tier list, whose
# thing is written once, after its last number or before its first tier
TIER_END = re.compile("(?:" + _alternation(w for *_, words in _facet_vocab.TIERS for w in words) + ")$")
# A list's first member writes its tier once for the members after it: 省级甲类单位3家、乙类单位6家 — the
# second is the province's too.  Only a tier (and 知识产权) is carried, never another qualifier.
LIST_PREFIX = re.compile("(?:" + _alternation(w for *_, words in _facet_vocab.TIERS for w in words) + ")(?:知识产权)?$")
# a growth rate named with the first value of a staged pair (年均增长N%，某年当年达到M次) is not the
# second value's measure
GROWTH_TAIL = re.compile("(?:" + _alternation(_facet_vocab.GROWTH_WORDS) + ")$")
# what a staged value's own name may hold besides a year, a verb and a density: a name of these alone is thin
STAGE_FILLER = re.compile(r"当年|今年|年底前|年内|年底|年末|\s")
# A numbered item that is only an indicator's name ("3．某某拥有量。"), the sentence after it stating the target
# and the progress ("目标…达到N件，目前为M件"): a review or a progress report lists its indicators so.  The
# item's name is the name of the values the sentence after it leaves unnamed.
# a review's item may be numbered （一） too: then the name must read as a measure or a kind of thing at its end
# (（一）运用效能明显增强。 is a heading of goals, not an indicator)
ITEM_NAME_LINE = re.compile(r"^\s*(?:\d{1,2}[.．]|(?P<chinese>（[一二三四五六七八九十]{1,3}）))\s*"
                            r"(?P<name>[^，,；;：:。！？]{2,40})。\s*$")
# the words by which such a sentence says its value is the target set (目标9件, 《计划》提出…达到N件); a value
# after a task's heading ("3．深化某某合作。与5家…") names no such thing and keeps its own reading
# An indicator's name set off by a colon before its goal (3．版权登记量：2028年末不低于620件): when the
# goal's own clause names nothing, the label names it.
COLON_LABEL = re.compile(r"(?:^|[。；;])\s*(?:\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）])?\s*"
                         r"(?P<name>[^，,；;：:。\d]{2,30})[：:]\s*$")
ITEM_TARGET_WORDS = re.compile(r"目标|提出|预期|计划|方案|要求|应达")  # 《行动计划》要求…, 按方案到2027年应达到…
# what a value's own name may say of its measure beyond the item's name: a growth rate of it
GROWTH_IN_NAME = re.compile(_alternation(_facet_vocab.GROWTH_WORDS))
