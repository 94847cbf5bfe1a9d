"""The words a plan's *document* is recognised by, before any target is read: its title, the marks
a reader leaves in its text, and the characters fonts put in place of ideographs.

Used by etl.read.readers (and the build's messages); the words of targets themselves live in
etl.vocab.lexicon and etl.vocab.units.
"""

from __future__ import annotations

import re

# A .docx/.pdf table is replaced in the text by one line naming it (N counts from 1): the extractor
# is not fed grid cells as if they were sentences (etl.read.readers).
TABLE_PLACEHOLDER = "[表格{n}]"
TABLE_PLACEHOLDER_RE = re.compile(r"\[表格\d+\]")

# What a plan's title ends in (…工作方案, …规划, …行动计划, …意见, …纲要), in simplified or traditional script.
PLAN_TITLE_ENDINGS = ("方案", "规划", "規劃", "计划", "計劃", "意见", "意見", "纲要", "綱要")
PLAN_TITLE_SHAPE = re.compile(r"[^。；，,\n]{2,80}?(?:" + "|".join(PLAN_TITLE_ENDINGS) + ")")
PLAN_TITLE_EXAMPLES = "…方案, …规划, …计划, …意见"

# CJK radicals (U+2E80–U+2EFF) that fonts map simplified characters to, as they do Kangxi radicals;
# NFKC leaves them alone.  Each is a whole character in running text; the ideograph is Unicode's
# (EquivalentUnifiedIdeograph.txt).
RADICAL_IDEOGRAPHS = dict(zip("⺠⺩⻄⻅⻆⻉⻋⻓⻔⻗⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻨⻩⻬⻮⻰",
                              "民王西见角贝车长门雨青韦页风飞食马骨鬼鱼鸟麦黄齐齿龙"))
RADICAL_EXAMPLES = "⼈ ⾼ ⻓ for 人 高 长"

# Where a PDF line ends a sentence (a line that reaches the margin without one is joined to the next).
SENTENCE_ENDS = tuple("。！？；：!?;:")

# How a name from a plan is set apart in a message: 「name」.
NAME_OPEN, NAME_CLOSE = "「", "」"
