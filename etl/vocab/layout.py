"""The marks of a text's layout: punctuation in its two widths, the marks that end a sentence or a
clause, spaces, page furniture and the pinyin glosses reposting sites add.

Read by etl.read.clean (and named there by what each rule does with them); heading markers live in
etl.vocab.headings.
"""

from __future__ import annotations

import re

CJK = r"\u3400-\u9fff"
CJK_FIRST = "\u3400"  # the first CJK character: below it no character is Chinese (traditional or not)

# --- marks ----------------------------------------------------------------------------------------
# Sentence-final or clause-closing marks: a line ending in one of these is complete.
LINE_COMPLETE = "。！？；：:;!?）)】」』”\"…〕］]》."
SENTENCE_MARKS = "。！？!?"
CLAUSE_MARKS = "；;，,、：:"
# A mark right after a part's name: the name is the subject of a sentence, not a heading.
AFTER_SUBJECT = "，。；：！？,;:!?、）)"
CLAUSE_MARK = re.compile("[，。；、]")  # body text holds these; titles, addressee lines and table rows do not
SPACES = " \t\u3000"
INDENTS = (" ", "\t", "\u3000", "\u00a0")  # a raw line opening with one of these starts a paragraph

# --- widths ---------------------------------------------------------------------------------------
# Full-width marks with an ASCII twin (digits and Latin letters are folded by NFKC).
FULLWIDTH_MARKS = {"％": "%", "．": ".", "～": "~", "－": "-", "\u3000": " ", "\u00a0": " "}
# Half-width punctuation next to Chinese becomes the full-width mark a Chinese text uses,
# so that one plan's "(一)" and another's "（一）" read (and match) alike.
TO_FULLWIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
# A mark with Chinese (or a closing bracket) on either side, not a thousands separator.
HALF_WIDTH_MARK = re.compile(rf"(?<=[{CJK}）)\]】”\d%])(?!,\d{{3}}(?!\d))[,;:!?()]|[,;:!?()](?=[{CJK}（“])")
# A thousands separator: a comma (either width) after a digit with exactly three digits behind it
# ("1,200件", "9，870件").  It stays (or becomes) an ASCII comma, so "1,200" is read as one number
# and never as "1，" and "200".
THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")

# --- table rows laid out with spaces --------------------------------------------------------------
CELL_GAP = re.compile(r"(?<=\S)[ \u3000]{2,}(?=\S)")
BRACKETED_NOTE = re.compile(r"（[^（）]*）|\([^()]*\)")  # "（亿元，五年累计）" is a cell's unit note
SENTENCE_PUNCTUATION = re.compile("[，。；,;]")
# ... or with bars: a Word table converted to text as "1 | <name> | 4.1 | 7.5" (outer bars optional)
CELL_BAR = "|"

# --- footnotes and glosses ------------------------------------------------------------------------
FOOTNOTE_LINE = "\n注{number}：{body}"  # a Word footnote's body, as a line of its own
# A pinyin gloss after a character, as reposting sites add them: 發(fā)明, 專(zhuān)利.  Only lower-case
# syllables with a tone mark count, so 地理标志(GI) or 保护(维权) stay.
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
PINYIN_GLOSS = re.compile(rf"(?<=[{CJK}])[(（](?=[a-z{_TONED}ü]*[{_TONED}])[a-z{_TONED}ü]{{1,7}}[)）]")

# --- page furniture and paragraphs cut by a page ------------------------------------------------------
PAGE_NUMBER = re.compile(r"[-—－–]+\s*\d{1,3}\s*[-—－–]+|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?")
NUMBER_CUT = re.compile(r"\d[万亿千]?$")
UNIT_GOES_ON = re.compile(r"(?:万?元|件|家|个|项|人次|人|名|次|场|户|亩|处|%)[，。；、）)]")
# A wrapped line goes on with the sentence's next character: a Chinese one, a digit or a closing mark.
WRAP_GOES_ON = re.compile(rf"[{CJK}0-9，、。；％%）)”]")
# A goal's sub-heading that runs into its paragraph ends with "adverb + verb of change"; a task
# heading starts with the verb instead.
CHANGE = re.compile(r"(?!推动|加强|强化|提升|提高|实施|推进|完善|健全|建立|开展|深化|加快|促进|优化|培育|打造|构建|支持|鼓励|引导)"
                    r"[^，。；：！？,;:!?（）()\n]{2,24}?(?:显著|大幅|明显|全面|持续|不断|稳步|更加|进一步|加速|有力|日益|逐步|"
                    r"快速|有效)(?:提高|提升|增强|优化|发挥|显现|增长|完善|健全|加强|加快|改善|扩大|彰显|凸显|突破)")
# What a converter leaves between a sentence end and the next heading: spaces, Markdown, Word
# bookmarks.  Possessive, so a long run of it that leads nowhere is scanned once, not once per start.
MARKUP = r"(?:\s|\*|#|\[bookmark:[^\]\n]{0,80}\])*+"
SENTENCE_OR_COLON_END = "[。！？；：!?;:]"
SENTENCE_END_MARK = "[。！？；!?;]"
BRACKETED = r"(?:[（(][^（）()\n]{0,120}[）)])?"  # "（责任单位：…）" closing the sentence
SHORT_TITLE = r"[^，。；：！？,;:!?（）()\n]{1,16}?"  # a heading's short title, running into the next heading
PART_NAME_JOIN = "[和与及、]"  # 组织实施和保障措施: names of parts joined

# --- quoting a text's own words in a message ----------------------------------------------------
QUOTE_OPEN, QUOTE_CLOSE = "「", "」"  # corner brackets: a table's or a town's name as the plan writes it
BRACKET_OPEN, BRACKET_CLOSE = "（", "）"  # a unit after its measure, as a plan's table title writes it
