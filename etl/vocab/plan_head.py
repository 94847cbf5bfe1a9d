"""The words of a plan's head: the notice that issues it, its title and its signature, as `etl add`
reads a manifest entry from its first lines (etl.warehouse.add): the title and, from the title, the
region, the kind of plan, the period and the draft mark; the date line, the 文号 and the issuing body.

The words that recognise a document in general (titles' endings, a reader's marks) live in
etl.vocab.documents; these are the ones only the head of a plan of the genre is read by.
"""

from __future__ import annotations

import re

# --- the title: "…工作方案（2024—2026年）" with an optional "（征求意见稿）" after it -----------------------
TITLE_BODY = r"[^，。；：:“”\"《》「」]{4,80}?(?:方案|规划|计划|意见)"
DASH = r"[—–\-~～至到－─]"  # plans write the period with any of these (－ is a full-width minus)
TITLE_PERIOD = rf"[（(]\s*\d{{4}}\s*年?\s*{DASH}+\s*\d{{4}}\s*年?\s*[）)]"
DRAFT = r"[（(]\s*征求意见稿\s*[）)]"
DRAFT_WORD = "征求意见稿"  # a title holding it is a draft (status "draft")
TITLE = re.compile(rf"{TITLE_BODY}\s*{TITLE_PERIOD}(?:\s*{DRAFT})?")
# A title the notice quotes (《…》, “…”).
QUOTED = re.compile(r"[《“\"「]([^《》“”\"「」]{6,100})[》”\"」]")
# The plan's period as its title writes it.
PERIOD = re.compile(rf"(\d{{4}})\s*年?\s*{DASH}+\s*(\d{{4}})")
# A plan of the genre names its subject in the title.
SUBJECT = "知识产权"
TITLE_EXAMPLE = "XX县…工作方案（2024—2026年）"  # shown when no title is found

# --- the kind of plan: 强县建设示范县 → 强县示范县 -----------------------------------------------------
PLAN_KIND = re.compile(r"强(县|市|省)建设(试点|示范)(县|城市|市|园区)")
PLAN_KIND_NAME = "强{0}{1}{2}"  # filled with PLAN_KIND's three groups
PLAN_KIND_EXAMPLES = "强县示范县, 强市试点城市 …"

# --- the region: what the title says before the plan's subject begins ------------------------------
REGION_END = re.compile(r"创建|国家知识产权|知识产权|关于")
ADMIN_SUFFIX = "省市县区州盟旗"  # the characters an administrative unit's name ends in
PROVINCE_ENDINGS = ("省", "自治区")
DISTRICT_ENDING, COUNTY_ENDING, CITY_ENDING = "区", "县", "市"  # urban district, county, (county-level) city
REGION_EXAMPLE = "天长市"  # shown in the hint to give --region

# --- the date, the 文号 and the issuing body -------------------------------------------------------
# The signature's date stands on a line of its own: 2024年6月12日.
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
# The plan's own 文号 (宜政办发〔2024〕35号) stands on a line of its own in the notice; a number
# inside a sentence or brackets cites another document (国知办函运字〔2023〕582号) and is not taken.
DOC_NUMBER_LINE = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*(?:第\s*)?\d{1,5}\s*号")
# An issuing body: a name ending in one of the words government bodies end in.
ISSUER_LINE = re.compile(r"[\u4e00-\u9fff]{2,30}?(?:人民政府办公室|人民政府办公厅|人民政府|政府办公室|办公室|办公厅|"
                         r"委员会|管理局|局|委|厅|领导小组|中心)")
# A notice's own title opens with 关于 (关于印发…的通知); the body above it issued it.
NOTICE_OPENING = "关于"
