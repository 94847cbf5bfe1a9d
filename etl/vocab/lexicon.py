"""The genre's words in one place: comparators, scope words, modality (achieved / forecast /
committed), region lead-ins and periods.  Rules in etl.extract.clauses, etl.extract.tables,
etl.harmonize.dictionary and etl.warehouse.plan read these lists instead of keeping their own.

Chosen from the grammar of the genre (强县/强市 work plans, 商标品牌 and 地理标志 plans, 保护示范区
plans, 十四五 plans, news summaries and 政策解读); the fresh fixtures and the real-plans development
set were used to tune them, so they are not a measure of unseen wording.
"""

from __future__ import annotations

import re

# --- comparators -------------------------------------------------------------------------------
# (and the signs a list writes them with: "◆ 每万人口高价值发明专利拥有量：≥7.5件", "结案周期：≤3个月")
# 迈上/迈过/跨上 N (…台阶, …大关): crossing a threshold, as 突破
GE_BEFORE = ("不低于", "不少于", "至少", "超过", "突破", "高于", "大于", "超", "力争超过", "迈上", "迈过", "跨上", "跨过",
             "≥", "＞", ">=", ">")
LE_BEFORE = ("不超过", "不高于", "控制在", "低于", "少于", "压减至", "压缩至", "压缩到", "降至", "降低到", "下降到",
             "缩短至", "缩短到", "≤", "＜", "<=", "<")
EQ_BEFORE = ("达到", "达", "为", "增至", "增加到", "增加至", "提高到", "提高至", "提升到", "提升至", "增长到",
             "实现", "保持在", "稳定在", "力争", "确保", "扩大到", "扩大至", "扩充到", "扩充至", "扩展到", "扩展至")
GE_AFTER = ("以上", "及以上", "余")
LE_AFTER = ("以内", "以下", "及以下")
APPROX_AFTER = ("左右", "上下")
# The verb that closes a baseline ("由320件增至600件"): a level reached from the number before it.
TO_LEVEL = r"(?:增至|增加到|增加至|增长到|增长至|提高到|提高至|提升到|提升至|扩大到|扩大至|扩充到|扩充至|扩展到|扩展至|达到|升至|降至|降低到|降低至|下降到|下降至|减少到|减少至|压减至|压缩至|缩短至|缩短到|到|至)"
# 由/从 opening a baseline; not 自由, 理由, 从事, 从严 …
BASELINE_FROM = r"(?<![自理缘])由|从(?![事严重快优])"

# --- scope -------------------------------------------------------------------------------------
NEW_WORDS = ("新增", "新培育", "新引进", "新建", "新设", "新认定", "引进", "净增", "发行", "撬动")  # 撬动: money leveraged, a flow
# Verbs that make the things a count counts — completed, shaped, held, filed anew — so the count is
# what the plan adds (完成专利导航项目5—8个, 打造区域公用品牌1个, 召开联席会议不少于两次, 新申报地理标志2件),
# unless the sentence names a level (达到, 拥有, 总数 …).  Not 培育 or 建成: the seeds read 培育形成10个产业 and
# 建成省级高价值专利培育中心1家 as stocks (what will exist), and that reading stands.
MADE_VERBS = re.compile(r"(?:完成|打造|召开|举办|组织开展|开展|推动|转化实施|新申报|新申请|新获批|新获得|新入选|新创建|"
                        r"申请注册|制定|制修订|修订)")
STOCK_WORDS = ("累计", "拥有量", "总数", "总量", "总额", "存量", "保有量", "有效", "拥有", "余额")  # 余额: a balance held
ANNUAL_WORDS = ("每年", "年均", "年度", "年平均", "逐年", "全年", "/年", "／年")
# "三年累计", "3年累计", "“十四五”期间累计", "期内累计", "建设期内新增": added up over the plan period.
# "三年共安排900万元", "五年安排…1500万元": a sum over the years, too.
PERIOD_SUM = re.compile(r"[2-5两三四五]年(?:[^，。；\d]{1,8}累计|总数|总量)|(?:[2-5两三四五]年|[”\"]?十[三四五]五[”\"]?(?:期间|时期)|(?:建设|试点|示范|规划|创建)?期(?:内|间)|期末前?)\s*(?:内|间)?\s*(?:累计|合计|共计)"
                        r"|(?:[2-5两三四五]年)\s*(?:内|间)?\s*(?:共计?|合计)?安排")
MULTI_YEAR = re.compile(r"[2-5两三四五]年")

# --- modality: is the number a commitment, a forecast or a report of what was achieved? -------
PAST_MARKERS = re.compile(r"截至|截止|已|(?<![从由较比])目前(?!的?基础上)|共有|仅占|只占|较上年|以来|获批|获评|荣获|此前|近年来|过去|去年|上年|前三季度|上半年|"
                          r"今年[一二三四五六七八九十1-9]|[1-9１-９一二三四五六七八九十]+至[1-9一二三四五六七八九十]+月|[1-9一二三四五六七八九十]+月底")
# (同比/环比 alone mark no report: "同比增长10%" is a growth target in a goals list; a report of progress
# says when — 今年前三季度, 上半年, 去年 — and those words are above.)
# Reports of progress against a goal: "完成目标任务的62.5%", "完成年度目标的78%".
PROGRESS = re.compile(r"完成[^，。；]{0,8}(?:目标|任务|计划)[^，。；]{0,4}的?\s*$")
# A sentence that reports its progress ("全年实现质押融资2.1亿元，完成市定目标的131%") reports every number in it.
PROGRESS_REPORTED = re.compile(r"完成[^，。；]{0,8}(?:目标|任务|计划)[^，。；]{0,4}的?\s*\d+(?:\.\d+)?\s*%")
# A forecast by the writer, not a commitment of the plan: "预计…有望达到115件".
FORECAST = re.compile(r"预计|有望|预期将|估计")
# A goal, not a fact: these make a sentence in a background part count ("力争到2026年…").
# 要 as a modal ("要达到"), not inside a word ("主要指标", "重要", "纲要"): "“十三五”规划确定的9项主要指标
# 全部完成" in a background part reports the past.
# "三年内新培育…3家": the plan's years ahead.
_FUTURE_MODALS = r"至|力争|争取|确保|目标|计划|将|(?<![主重纲概摘需])要|(?<![今去前])(?:[两三四五]|\d)年内|今后|未来"
# A floor (不少于, 不低于) is a commitment's wording, not a report's: "每年举办…活动不少于12场" in an answer.
FUTURE_MARKERS = re.compile(rf"(?:到|不少于|不低于|{_FUTURE_MODALS})")
# In a part headed as background (工作基础, 发展现状) 达到 reports a level reached ("有效注册商标达到九千四百件");
# only a modal or a 到 that is not 达到 ("到2027年") makes a sentence there speak of the future.
BACKGROUND_FUTURE_MARKERS = re.compile(rf"(?:(?<!达)到|{_FUTURE_MODALS})")

# --- parts of a plan ---------------------------------------------------------------------------
# Keywords naming the kind of a top-level part; checked in this order (保障措施 is a safeguard,
# 推进措施 a task list).
SECTION_KINDS = [
    ("safeguards", ("保障", "组织实施", "工作要求", "支持政策", "政策支持")),
    ("goals", ("目标", "指标")),
    ("tasks", ("任务",)),
    ("phases", ("进度", "步骤", "阶段", "时序", "安排")),
    ("tasks", ("任务", "举措", "措施", "重点", "推进", "工作内容", "主要工作", "行动")),
    ("other", ("思想", "思路", "原则", "背景", "基础", "现状", "情况", "概况", "要求")),
]
# A heading that opens with a verb of work is a task list even when it names a foundation
# ("四、夯实管理基础": what the plan will do, not the ground it stands on).
TASK_HEADING_VERBS = ("夯实", "筑牢", "打牢", "巩固", "强化", "加强")

# --- region lead-ins and periods ---------------------------------------------------------------
REGION_LEAD = ("全市", "全区", "全县", "全旗", "全省", "全州", "全盟", "我市", "我区", "我县", "我旗", "全社会")
REGION_LEAD_RE = "|".join(REGION_LEAD)
# "The whole area" as an annex's total row names it (全区, 全县, 全旗 …; a town's own table: 全镇, 全乡).
WHOLE_AREA = tuple(w for w in REGION_LEAD if w.startswith("全") and w not in ("全社会", "全省")) + ("全镇", "全乡")
PERIOD_PHRASES = (r"到期末|期末|至期末|试点期末|示范期末|在?(?:建设|创建|试点|规划|示范)期(?:内|间|末)|[三两]年内|期间|"
                  r"[”\"]?十四五[”\"]?(?:期间|时期|末)")
# "年内", "今年": the document's own year.
THIS_YEAR = re.compile(r"(?<![近往历去明两三四五\d])年内|今年(?!以来|前|上半|下半|[1-9一二三四五六七八九十]+[月至—-])|本年度")
