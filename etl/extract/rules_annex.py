"""The grammar of annex tables that split a plan's targets by town and year (etl.extract.annex): a
table's title, its header's years and total column, its total row and the words its labels use.

Part of the extractor's rule table (etl/extract/rules*.py): patterns here, decisions in annex.py.
"""

from __future__ import annotations

import re

from etl.vocab.headings import CN_ORDINAL
from etl.vocab.lexicon import WHOLE_AREA

# A table title: optional enumerator, the measure, its unit in brackets: "新增商标数（件）".
TITLE = re.compile(
    rf"^(?P<enum>{CN_ORDINAL}[、.．]|\d{{1,2}}[、.．])?\s*(?P<measure>[^（()）]{{2,40}}?)\s*"
    r"[（(](?P<unit>[^（()）\d]{1,6})[）)]$")
YEAR_LABEL = re.compile(r"^((?:19|20)\d\d)\s*年?(?:度)?$")
RANGE_LABEL = re.compile(r"^((?:19|20)\d\d)\s*年?\s*[—–\-~～至到]+\s*((?:19|20)\d\d)\s*年?$")
# Header words naming the column that totals the years.
TOTAL_COLUMN = re.compile(r"^(总数值|总数|总计|合计|小计|累计|总目标|总量)$")
TOTAL_WORD = "合计"
# Row labels of the all-area total row.  全区 / 全县 / 全市 … are kept as written.
TOTAL_ROW = re.compile(rf"^({TOTAL_WORD}|总计|(?:{'|'.join(WHOLE_AREA)})(?:{TOTAL_WORD})?)$")
WHOLE = "全"  # 全区, 全县: the label that names a total row
NAME_HEADER = re.compile(r"镇|街|乡|区域|地区|单位|名称|部门")
HEADER_WORD = re.compile(r"序号|编号|目标|指标|年|数值|镇（街）|单位")
# A line that belongs to running text, not a table cell: it ends a clause.
SENTENCE_MARK = re.compile(r"[。；，！？]")
CELL_PADDING = " \u3000\r"
NEW_WORD = "新增"  # a measure of additions (新增…), beside a text's level
