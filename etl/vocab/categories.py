"""The five links of the genre (创造, 运用, 保护, 管理, 服务) as a plan's words name them: which section
headings and which name endings place a target under a link when the indicator dictionary does not,
and the words a restated name may differ by.  Read by etl.warehouse.plan."""

from __future__ import annotations

import re

from etl.vocab.lexicon import REGION_LEAD_RE

# The five links' own names (etl.base.schema.CATEGORIES holds their codes).
CATEGORY_ZH = {"creation": "创造", "use": "运用", "protection": "保护", "management": "管理", "service": "服务"}

SECTION_CATEGORY = [  # fallback for names the dictionary does not know: the plan's own heading
    ("creation", ("创造", "创新", "培育")),
    ("use", ("运用", "转化", "金融", "运营")),
    ("protection", ("保护", "执法", "维权")),
    ("service", ("服务",)),
    ("management", ("管理", "人才", "资金", "经费", "投入", "组织", "保障", "培训")),
]


# Last fallback, from the name itself: what a count of rights measures is creation, and so on.
NAME_CATEGORY = [("creation", ("拥有量", "申请", "授权", "注册")), ("use", ("质押", "许可", "转让", "运营")),
                 ("protection", ("维权", "纠纷", "侵权")), ("service", ("服务",))]

# What two statements of one commitment may differ by in their names: a region lead-in (全市, or a
# two-character place before 每万/有效/发明) and scope words (累计, 新增, 达到, 总额, 总量).
CORE_NAME_DEBRIS = re.compile(rf"^(?:{REGION_LEAD_RE}|[\u4e00-\u9fff]{{2}}(?=每万|有效|发明))|累计|新增|达到|总额|总量")
