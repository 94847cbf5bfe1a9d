"""The genre's words for time: how a text says when it was written and which years it covers.

Read by etl.read.anchor (a text's own time) and etl.extract.time (each number's time against it).
Chosen from the genre (news items, 印发 notices, work plans, 工作要点, 工作总结, 中期评估, 回顾), not from
any one text; fresh11 (tests/fixtures/fresh11) was in view when these lists were written, so its
anchor scores are a regression guard, not a blind measure.
"""

from __future__ import annotations

import re

from etl.vocab.headings import ORDINAL  # noqa: F401  (read here by etl.extract.time)

# --- dates ------------------------------------------------------------------------------------
# Chinese numerals as official documents date themselves (二〇二五年四月十日).
YEAR_DIGITS = {ch: i for i, ch in enumerate("〇一二三四五六七八九")} | {"零": 0}
YEAR = r"(20\d\d|二[〇零][一二三四五六七八九〇零][〇零一二三四五六七八九])"
MONTH = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
DAY = r"(\d{1,2}|[一二三四五六七八九十]{1,3})"
FULL_DATE = re.compile(rf"{YEAR}\s*年\s*{MONTH}\s*月\s*{DAY}\s*日|(20\d\d)\s*[-/.]\s*(\d{{1,2}})\s*[-/.]\s*(\d{{1,2}})(?!\d)")
TITLE_YEAR = re.compile(r"20\d\d(?=\s*年)")
BRACKETS_AND_SPACES = "（）() 　"
OPENING_BRACKETS = "（("
SENTENCE_MARKS = re.compile(r"[，。；！？]")
SENTENCE_MARKS_AT_END = "。！？；"
YEAR_MONTH = re.compile(rf"{YEAR}\s*年\s*{MONTH}\s*月(?!\s*\d*\s*日)")

# --- where a date says the text was written ---------------------------------------------------
# A news item's dateline or byline: the date beside the outlet, the reporter, the time of posting.
DATELINE_WORDS = re.compile(r"来源[：:]|发布时间|发布日期|发布于|发表时间|更新时间|时间[：:]|日期[：:]|记者|通讯员|"
                            r"电[）)]|讯[）)]|融媒体|责任编辑|编辑[：:]|作者[：:]|\d{1,2}:\d{2}")
# An issuing line: the date a notice, a report or a plan was issued, adopted or delivered.
ISSUED_WORDS = re.compile(r"印发|成文|发布|施行|通过|报告[）)]|讲话[）)]|会议上")
# A portal's label before the date a document was issued.
ISSUED_LABEL = re.compile(r"成文日期|印发日期|发布日期|发文日期")
# A date the text looks ahead to or back from is not its own: 有效期至…, 截至…, …前.
UNTIL_BEFORE = re.compile(r"[至到止截前]\s*$")
# Lines that sit between a body and its date (an issuer's name) are allowed before a bare date line.
ISSUER_ENDINGS = ("局", "委", "办", "办公室", "政府", "中心", "小组", "委员会", "厅", "部")

# --- what kind of text it is --------------------------------------------------------------------
WORKPOINTS_TITLE = re.compile(r"工作要点|工作计划|目标任务|工作安排|重点工作|任务清单|工作打算")
PROGRESS_TITLE = re.compile(r"总结|评估|回顾|进展|报告|讲话|通报|成效|成绩单")
NEWS_MARKERS = re.compile(r"记者|通讯员|来源[：:]|发布时间|责任编辑|上一篇|下一篇|首页\s*>|【打印本页】|【关闭窗口】|阅读\s*\d")
PLAN_TITLE = re.compile(r"方案|计划|规划|意见|措施|纲要")

# --- the periods a title names -------------------------------------------------------------------
PERIOD_IN_TITLE = re.compile(r"(20\d\d)\s*年?\s*[-—–~～至到]\s*(20\d\d)\s*年?")
FIVE_YEAR_PLANS = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030), "十六五": (2031, 2035)}
FIVE_YEAR_PLAN = re.compile(r"[“\"]?(十[三四五六]五)[”\"]?")

# --- the plan's own period and date, as the extractor has always read them ----------------------
# "2024—2026年", "2025-2027年": the first one outside a cited document's title is the plan period.
PERIOD = re.compile(r"(20\d\d)\s*(?:年)?\s*[-—–~～至到]\s*(20\d\d)\s*年")
# A title that names a plan of the genre (not a national outline cited for its authority).
OWN_PLAN_TITLE = re.compile(r"(?:工作方案|实施方案|行动计划|行动方案|建设方案)(?:[（(]|$)")
# The first full date of a text (a notice's date, a news item's date).
DOC_DATE = re.compile(r"(20\d\d)\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|-\d{1,2}-\d{1,2}(?!\d))")
# A cited document's title, which may carry a period or a date that is not the text's own.
CITED_TITLE = re.compile(r"《[^《》]*》")
CITED_TITLE_TEXT = re.compile(r"《([^《》]{0,80})》")

# --- characters a typist or an OCR pass confuses with digits -------------------------------------
# Letters among digits: 2O27年, 1O0件, 2l件.  Only where digits stand on both sides, or in a year before 年.
LETTER_AS_DIGIT = {"O": "0", "o": "0", "Ｏ": "0", "ｏ": "0", "〇": "0", "l": "1", "I": "1", "ｌ": "1", "Ｉ": "1"}
_CONFUSABLE = "".join(LETTER_AS_DIGIT)
CONFUSABLE_YEAR = re.compile(rf"(?<![A-Za-z\d])2[\d{_CONFUSABLE}]{{3}}(?=\s*年)")
CONFUSABLE_IN_NUMBER = re.compile(rf"(?<=\d)[{_CONFUSABLE}]+(?=\d)")
# A digit right before such a letter: every fold above changes one (a text without is left as it is).
CONFUSABLE_AFTER_DIGIT = re.compile(rf"\d[{_CONFUSABLE}]")


# --- a number's time, read against the text's own ------------------------------------------------
# A year written in a clause; 较/比/从/由/以 before it make it a base year, not the number's time.
YEAR_WRITTEN = re.compile(r"(20\d\d)\s*年")
BASE_YEAR_BEFORE = ("较", "比", "从", "由", "以")
# A single year in a section heading dates the targets under it ("第二年（2027年）", "2026年目标任务").
HEADING_YEAR = re.compile(r"(?<![\d—–~～至比较从由以-])(20\d\d)\s*年(?!\s*[-—–~～至到]\s*20\d\d|\s*[为底末的])")
# The ordinal that opens a heading (三、 / （二） / 1. / 第二年) is the vocabulary's: etl.vocab.headings.ORDINAL.
# Page furniture of a news site: a link to another article is not this text's content.
NAVIGATION_LINE = re.compile(r"^\s*(?:上一篇|下一篇|上一条|下一条|相关阅读|相关链接|推荐阅读|延伸阅读)\s*[：:]")
# A block that sums the text up before it starts (方案要点, 核心提示, 导读, 摘要): what it states, the body states again.
SUMMARY_BLOCK = re.compile(r"^[【\[]?\s*(?:方案要点|要点|核心提示|导读|摘要|内容提要|划重点)\s*[】\]]?")
# A part of a report that looks ahead: 工作打算, 下一步工作, 明年工作安排, 工作思路, 重点工作.
FORWARD_HEADING = re.compile(r"打算|下一步|明年|来年|今后|思路|安排|要点|计划|重点工作|目标任务")
# A report's part that sums up what was done (一、2025年工作成效, 一、“十四五”时期的主要成就): its figures are results.
RESULTS_HEADING = re.compile(r"成效|成就|成绩|工作回顾")
# 第二年 inside a staged sentence ("第一年（2026年）…15家，第二年达到30家"): the plan's Nth year.
ORDINAL_YEAR = re.compile(r"第([一二三四五])年(?!\s*[（(]\s*20\d\d)")
ORDINAL_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
# A one-year target of these is that year's flow (annual), not a level held: what is granted, applied
# for, registered, traded, lent, spent or done in the year.  Held levels (拥有量, 有效, 总量, 累计) are not.
# Events a part of one year holds (举办培训班6期, 开展宣讲12场): that year's activity.
EVENTS_HELD = re.compile(r"举办|开展|组织")
EVENT_UNITS = frozenset({"期", "场", "场次", "次", "人次", "批", "批次"})
FLOW_NAME = re.compile(r"授权|申请|登记|金额|融资|交易|许可|转让|培训|受理|办理|查处|查办|办结|服务|惠及|专项资金|投入|举办|开展")
STOCK_NAME = re.compile(r"拥有|有效|总量|总数|累计|存量|保有|余额|覆盖|率$|占比|比重")
# A level summed up over the plan period ("累计超30亿元"): the same as "建设期内新增" when a restatement says so.
CUMULATIVE = re.compile(r"累计")

# --- the plan's own phases ----------------------------------------------------------------------
# "…阶段（2022年8月—2022年9月）", "…阶段（2023年1月至2025年6月）": the months a plan's phases cover decide
# its window (etl.normalize.comparable.phase_span) when it has them.
PHASE_MONTHS = re.compile(r"阶段\s*[（(]\s*(20\d\d)年(\d{1,2})月(?:\s*[-—–~至到]+\s*(?:(20\d\d)年)?(\d{1,2})月)?\s*[）)]")
