"""How a comparable number says it was derived: the texts that travel with every converted value
(`per_year_from`, `per_10k_from`, `derived_from`) into hover text, tables and downloads, and the
words naming where a plan's window (its first and last month) came from.

Read by etl.normalize.comparable, which fills the templates; the words are the reader's, in the
genre's language, so a figure and its arithmetic read alike.  Each template is a str.format string
whose fields the module names: changing one changes what users see (and the release snapshot).
"""

from __future__ import annotations

# --- where a plan's window (first and last month) came from --------------------------------------
WINDOW_FROM_PHASES = "方案实施阶段"          # the plan's own phases: …阶段（2022年8月—2022年9月）
WINDOW_WHOLE_YEARS = "整年"                  # January of the first plan year to December of the last
WINDOW_FROM_DOCUMENT_DATE = "文件日期起"      # from the month of the document's date, in the first plan year
WINDOW_FROM_PLAN_MONTHS = "方案所定起止月"    # months the extractor read from the plan's text

# The plan's length as a divisor: "2.92 规划年（2022-08至2025-06，方案实施阶段）".
PLAN_YEARS = "{years:.2f} 规划年（{first}至{last}，{basis}）"

# --- a value per plan year ------------------------------------------------------------------------
PER_YEAR_ANNUAL = "每年目标，原值"                      # an annual target already is one
PER_YEAR_NEW = "规划期新增{value}{unit} ÷ {plan_years}"  # a new target spread over the plan
PER_YEAR_STOCK = "由{baseline}增至{target}{unit}：新增{growth}{unit} ÷ {plan_years}"  # a level with its baseline

# --- a value per 10,000 residents -----------------------------------------------------------------
PER_10K_ALREADY = "已是人均（每万人/每万户）指标，原值，不再相除"  # a per-capita indicator is not divided again
PER_10K_UNIT = "{unit}/{population_unit}"
PER_10K_DIVIDED = "{value}{unit} ÷ {population}{population_unit}"
# Which population figure was divided by (the first two parts of its note: figure and year).
PER_10K_POPULATION = "（{note}）"
POPULATION_SOURCE_UNKNOWN = "人口来源未注明"

# --- both, in one text: "每年：…；每万人：…" ------------------------------------------------------
PER_YEAR_LABEL = "每年"
PER_10K_LABEL = "每万人"
DERIVATION_PART = "{label}：{text}"
DERIVATION_SEPARATOR = "；"
