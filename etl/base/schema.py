"""The warehouse contract: every table the ETL writes, its columns and their DuckDB types.

Other tools (the dashboard, `python -m etl extract --format csv`, downloads) read these
names, so they are kept stable.  Each table is born here; `etl.warehouse.load` creates tables from
these specs and refuses a frame whose columns differ, so a drift is caught at build time.
"""

from __future__ import annotations

# (column, DuckDB type, meaning) — the meaning also feeds the data dictionary in downloads.
TARGETS = [
    ("target_id", "VARCHAR", "Stable id: <doc_id>-<nnn>, numbered in reading order"),
    ("doc_id", "VARCHAR", "Source document id (table documents)"),
    ("region_id", "VARCHAR", "GB/T 2260 code of the region"),
    ("region_zh", "VARCHAR", "Region name in Chinese"),
    ("indicator_id", "VARCHAR", "Canonical indicator id (data/reference/indicators.yaml); empty if unmapped"),
    ("indicator_zh", "VARCHAR", "Canonical indicator name, Chinese"),
    ("indicator_en", "VARCHAR", "Canonical indicator name, English"),
    ("family", "VARCHAR", "Comparable family of indicators (e.g. invention_patent_density)"),
    ("raw_name", "VARCHAR", "The indicator as the plan words it"),
    ("facets", "VARCHAR", "What the name states it measures: subject=…; measure=…[; normaliser=…][; qualifiers=…][; tier=…][; growth] (etl/harmonize/facets.py)"),
    ("indicator_decided_by", "VARCHAR", "named (its facets are a dictionary entry's), derived (an unnamed combination: id d__<facets>) or unmapped (facets unreadable)"),
    ("indicator_reason", "VARCHAR", "Why unmapped, or what the sentence added to the name (a shared density, the kind before a bare measure …)"),
    ("category", "VARCHAR", "One of creation, use, protection, management, service; unmapped when neither the indicator dictionary nor the section heading places it"),
    ("value", "DOUBLE", "The number as written (range: its lower bound); empty for qualitative goals"),
    ("value_max", "DOUBLE", "Upper bound of a range such as 1-2家"),
    ("unit", "VARCHAR", "Unit as written, multiplier included (亿元, 万件, 件, %, 人次…)"),
    ("value_std", "DOUBLE", "Value with the multiplier resolved (3.5万件 → 35000); money in 万元"),
    ("unit_std", "VARCHAR", "Unit of value_std"),
    ("comparator", "VARCHAR", "=, >=, <=, ≈ or range"),
    ("baseline", "DOUBLE", "Starting value when the sentence gives one (由162人增至250人 → 162)"),
    ("scope", "VARCHAR", "stock (a level reached), new (added over the plan period), annual (per year), ratio (share, rate, score)"),
    ("target_year", "INTEGER", "Year the target is due; the plan's end year for goal-section levels; empty for recurring yearly duties"),
    ("target_year_from", "VARCHAR", "Where the due year was read: clause (its own sentence), paragraph, heading (a section's or a work-point list's year), text_year (年内/今年: the text's own year), context (a phase or stage of the plan), table (a table's column), plan_end (the plan period's last year), none"),
    ("period_start", "INTEGER", "First year of the plan period"),
    ("period_end", "INTEGER", "Last year of the plan period"),
    ("value_per_year", "DOUBLE", "Per-year figure: value_std/plan_years for new, value_std for annual, (value_std-baseline)/plan_years for a stock with a baseline; empty otherwise"),
    ("value_per_10k_residents", "DOUBLE", "value_std per 10,000 residents for people, firms and money; a per-capita indicator's own value; empty for rates and for counts of institutions, rights or events"),
    ("population_10k", "DOUBLE", "Denominator used for value_per_10k_residents, in 万人"),
    ("population_note", "VARCHAR", "Denominator's figure, year, source and reliability"),
    ("unit_per_10k", "VARCHAR", "Unit of value_per_10k_residents (件/万人 …; a per-capita indicator keeps its own unit)"),
    ("plan_start_month", "VARCHAR", "First month of the plan (YYYY-MM): its own phases, else the document's date or January"),
    ("plan_end_month", "VARCHAR", "Last month of the plan (YYYY-MM): its own phases, else December of the last year"),
    ("plan_years", "DOUBLE", "Plan length in years, month-accurate (months / 12): the divisor of value_per_year"),
    ("comparability", "VARCHAR", "indicator · scope · unit: targets with the same value are comparable; sharing only the family makes them related, not comparable"),
    ("per_year_from", "VARCHAR", "How value_per_year was derived (e.g. 新增600件 ÷ 3.00 规划年); empty when there is no honest yearly figure"),
    ("per_10k_from", "VARCHAR", "How value_per_10k_residents was derived (division and denominator, or 'already per capita')"),
    ("derived_from", "VARCHAR", "Every converted value of the row and how it was derived (per year; per 10,000 residents)"),
    ("qualitative", "BOOLEAN", "True for a named goal without a number (清零, 居全省前列, 超全省平均水平…)"),
    ("section", "VARCHAR", "The plan's own section heading the target sits under"),
    ("section_kind", "VARCHAR", "goals, tasks, safeguards or other: which part of the plan"),
    ("quote", "VARCHAR", "The exact sentence, a substring of documents.clean_text"),
    ("quote_start", "INTEGER", "Offset of quote in documents.clean_text (characters)"),
    ("quote_end", "INTEGER", "End offset (exclusive)"),
    ("source_line", "INTEGER", "Line of the raw file the quote starts on (1-based)"),
    ("origin", "VARCHAR", "extracted, or manual for a row a person corrected or added (data/corrections/); "
                          "uploaded for a plan used in one browser session only"),
    ("confidence", "VARCHAR", "high, medium or low: how sure the extractor is of this reading"),
    ("confidence_reason", "VARCHAR", "Why the confidence is not high (unmapped name, far from its number, modality unclear …)"),
    ("restates", "VARCHAR", "target_id of an earlier row of the same plan stating the same commitment (same indicator, value and unit); a restating row is counted once, under that id"),
    ("per_unit", "VARCHAR", "The unit of place each value applies to (镇街 for 各镇街配备不少于2人): a per-place rule, never a region total; empty for region-wide targets"),
    ("extracted_value", "DOUBLE", "For a corrected row: the value the extractor read, before the correction"),
    ("extracted_unit", "VARCHAR", "For a corrected row: the unit the extractor read"),
    ("extracted_comparator", "VARCHAR", "For a corrected row: the comparator the extractor read"),
    ("extracted_scope", "VARCHAR", "For a corrected row: the scope the extractor read"),
    ("extracted_target_year", "INTEGER", "For a corrected row: the due year the extractor read"),
    ("extracted_indicator_id", "VARCHAR", "For a corrected row: the indicator the harmoniser chose"),
    ("extracted_category", "VARCHAR", "For a corrected row: the category the extractor gave"),
    ("correction_reason", "VARCHAR", "Why a person corrected or added this row (their own words)"),
    ("corrected_by", "VARCHAR", "Who made the correction (free text)"),
    ("corrected_at", "VARCHAR", "When the correction was made (as recorded)"),
]

DOCUMENTS = [
    ("doc_id", "VARCHAR", "Document id"),
    ("region_id", "VARCHAR", "GB/T 2260 code"),
    ("region_zh", "VARCHAR", "Region name in Chinese"),
    ("title", "VARCHAR", "Plan title"),
    ("plan_kind", "VARCHAR", "强县示范县, 强县试点县, 强市试点城市 …"),
    ("period_start", "INTEGER", "First plan year"),
    ("period_end", "INTEGER", "Last plan year"),
    ("status", "VARCHAR", "draft or issued"),
    ("date", "VARCHAR", "Date of the document (ISO)"),
    ("date_note", "VARCHAR", "What the date is"),
    ("source_file", "VARCHAR", "File name in data/raw/"),
    ("sha256", "VARCHAR", "Checksum of the raw file"),
    ("encoding", "VARCHAR", "Encoding the raw file was read with"),
    ("clean_text", "VARCHAR", "The cleaned text every quote points into"),
    ("issuer", "VARCHAR", "Issuing body (发文机关) as the plan's text names it; empty when it names none"),
    ("doc_number", "VARCHAR", "Document number (文号, e.g. X政办发〔2024〕N号) as the text states it; empty when it states none"),
    ("url", "VARCHAR", "Where the plan was published, when known from the source; never guessed"),
    ("anchor_year", "INTEGER", "The text's own time: the year it was written (dateline, issuing date, a work-point list's title year) or, failing those, the first year of the period in its title; empty when the text states none"),
    ("anchor_month", "INTEGER", "Month of the text's own time, when a full date states it"),
    ("anchor_from", "VARCHAR", "Where the text's own time was read: heading, dateline, issued, title_period, or none"),
    ("anchor_text", "VARCHAR", "The line of the clean text the text's own time was read from"),
    ("genre", "VARCHAR", "Kind of text, from its title and page furniture: plan, news, progress (a report or review), workpoints (a year's work points), unknown"),
]

REGIONS = [
    ("region_id", "VARCHAR", "GB/T 2260 code"),
    ("region_zh", "VARCHAR", "Name in Chinese"),
    ("region_en", "VARCHAR", "Name in English"),
    ("province", "VARCHAR", "Province"),
    ("parent", "VARCHAR", "Parent prefecture, if any"),
    ("admin_level", "VARCHAR", "county-level city, prefecture-level city, urban district …"),
    ("plan_kind", "VARCHAR", "Kind of plan"),
    ("period_start", "INTEGER", "First plan year"),
    ("period_end", "INTEGER", "Last plan year"),
    ("status", "VARCHAR", "draft or issued"),
    ("date", "VARCHAR", "Date of the plan"),
    ("doc_id", "VARCHAR", "Its document"),
]

INDICATORS = [
    ("indicator_id", "VARCHAR", "Canonical id"),
    ("indicator_zh", "VARCHAR", "Chinese name"),
    ("indicator_en", "VARCHAR", "English name"),
    ("category", "VARCHAR", "creation, use, protection, management or service"),
    ("family", "VARCHAR", "Comparable family id"),
    ("family_zh", "VARCHAR", "Family name, Chinese"),
    ("family_en", "VARCHAR", "Family name, English"),
    ("unit", "VARCHAR", "Canonical unit"),
    ("per_capita", "BOOLEAN", "True if the indicator is already per capita or per household (never divided again)"),
    ("numerator", "VARCHAR", "What is counted, precisely (有效发明专利（全部） vs 高价值发明专利 …)"),
    ("denominator", "VARCHAR", "What it is divided by, for densities and rates (万人常住人口, 万户企业 …); empty for counts"),
    ("nature", "VARCHAR", "stock (a level held), flow (added or done over a time), or rate (share, score, rank)"),
    ("counts", "VARCHAR", "Kind of thing counted: people, firms, money (divisible per resident), ip_rights, bodies, cases, events …"),
    ("description", "VARCHAR", "What it measures; caveats"),
    ("facets", "VARCHAR", "Key of the facet combination it names: subject__measure[__n_normaliser][__q_qualifier][__t_tier][__growth]"),
    ("decided_by", "VARCHAR", "named (an entry of data/reference/indicators.yaml) or derived (a combination composed from its facets)"),
]

TOWN_TARGETS = [
    ("region_id", "VARCHAR", "GB/T 2260 code"),
    ("doc_id", "VARCHAR", "Document id"),
    ("measure", "VARCHAR", "The annex table's measure, as titled (新增有效发明专利数量 …)"),
    ("unit", "VARCHAR", "Unit from the table title"),
    ("indicator_id", "VARCHAR", "Canonical indicator, where the measure maps to one"),
    ("town", "VARCHAR", "Town or sub-district as the annex names it, or its total row (全区, 全县, 合计 …)"),
    ("period", "VARCHAR", "2024, 2025, 2026 or 2024-2026"),
    ("value", "DOUBLE", "Target value"),
    ("is_total", "BOOLEAN", "True for the annex's own total row (全区, 全县, 合计 …): not a town"),
]

QUALITY_NOTES = [
    ("doc_id", "VARCHAR", "Document id"),
    ("region_id", "VARCHAR", "GB/T 2260 code"),
    ("kind", "VARCHAR", "annex_vs_text, annex_sum, unmapped_name, cleaning, …"),
    ("message", "VARCHAR", "What a reader should know (English, for the command line and the build report)"),
    ("detail", "VARCHAR", "The figures involved"),
    ("code", "VARCHAR", "What the note says, as a stable code (etl.warehouse.quality_notes.NOTE_TEMPLATES): "
                        "pages write it in their own language from code and parts"),
    ("parts", "VARCHAR", "The named parts the message is written from, as JSON ({name: text})"),
]

SKIPPED_NUMBERS = [
    ("doc_id", "VARCHAR", "Document id"),
    ("text", "VARCHAR", "The number as it stands in the text, with a little context"),
    ("reason", "VARCHAR", "Why it is not a target: date, period, document_number, phone, …"),
    ("start", "INTEGER", "Offset in clean_text"),
    ("end", "INTEGER", "End offset"),
    ("year", "INTEGER", "The year an achievement refers to, when its sentence states it (read against the text's own time)"),
]

PHASES = [
    ("doc_id", "VARCHAR", "Document id"),
    ("region_id", "VARCHAR", "GB/T 2260 code"),
    ("phase", "VARCHAR", "Phase name as the plan gives it (启动部署阶段 …)"),
    ("start", "VARCHAR", "First month, YYYY-MM"),
    ("end", "VARCHAR", "Last month, YYYY-MM"),
    ("quote", "VARCHAR", "The heading the phase was read from"),
]

RESPONSIBILITIES = [
    ("doc_id", "VARCHAR", "Document id"),
    ("region_id", "VARCHAR", "GB/T 2260 code"),
    ("section", "VARCHAR", "Section or task the departments are named for"),
    ("department", "VARCHAR", "One lead or responsible department"),
    ("lead", "BOOLEAN", "True only where the plan says so (牵头, 主责, or a department named as the lead); false for a department listed as responsible"),
]

CORRECTIONS = [
    ("doc_id", "VARCHAR", "Document the correction is about"),
    ("region_id", "VARCHAR", "Region id (GB/T 2260 or generated x-…)"),
    ("file", "VARCHAR", "The corrections file in data/corrections/"),
    ("number", "INTEGER", "The correction's place in its file (1-based)"),
    ("action", "VARCHAR", "edit, reject or add"),
    ("status", "VARCHAR", "applied; stale (the plan file changed); unmatched or ambiguous (no or several rows fit)"),
    ("target_id", "VARCHAR", "The target row it edited, rejected or added (empty when not applied)"),
    ("quote", "VARCHAR", "The sentence the correction is about"),
    ("quote_start", "INTEGER", "Its recorded offset in documents.clean_text"),
    ("changes", "VARCHAR", "What changed (value: 2 → 3; …), or why it was not applied"),
    ("who", "VARCHAR", "Who made it"),
    ("when", "VARCHAR", "When it was made"),
    ("why", "VARCHAR", "The reason given"),
]

CONTEXT = [
    ("region_id", "VARCHAR", "GB/T 2260 code"),
    ("region_zh", "VARCHAR", "Region name"),
    ("figure", "VARCHAR", "常住人口, 户籍人口, 地区生产总值, 土地面积 …"),
    ("value", "DOUBLE", "Value"),
    ("unit", "VARCHAR", "Unit"),
    ("year", "VARCHAR", "Year as the source gives it"),
    ("source", "VARCHAR", "Where the figure was read"),
    ("reliability", "VARCHAR", "official, third-party or low"),
    ("quote", "VARCHAR", "The sentence it was read from"),
    ("chosen", "BOOLEAN", "True for the row used as the region's denominator"),
]

TABLES = {
    "regions": REGIONS,
    "documents": DOCUMENTS,
    "indicators": INDICATORS,
    "targets": TARGETS,
    "town_targets": TOWN_TARGETS,
    "quality_notes": QUALITY_NOTES,
    "skipped_numbers": SKIPPED_NUMBERS,
    "phases": PHASES,
    "responsibilities": RESPONSIBILITIES,
    "context": CONTEXT,
    "corrections": CORRECTIONS,
}

CATEGORIES = ["creation", "use", "protection", "management", "service"]
# A target whose name the dictionary does not know and whose section heading names no link is kept,
# honestly, as "unmapped" (with a quality note): never dropped, never fatal, never guessed.
UNMAPPED = "unmapped"
CATEGORY_VALUES = CATEGORIES + [UNMAPPED]
SCOPES = ["stock", "new", "annual", "ratio"]
COMPARATORS = ["=", ">=", "<=", "≈", "range"]


def columns(table: str) -> list[str]:
    return [name for name, _type, _doc in TABLES[table]]


# Policy instruments (issue 10), written by etl/extract/instruments.py: what a plan commits to do.
TABLES["instruments"] = [
    ("instrument_id", "VARCHAR", "Canonical instrument id (data/reference/instruments.yaml)"),
    ("instrument_zh", "VARCHAR", "Canonical instrument name, Chinese"),
    ("instrument_en", "VARCHAR", "Canonical instrument name, English"),
    ("category", "VARCHAR", "One of creation, use, protection, management, service"),
    ("doc_id", "VARCHAR", "Source document id (table documents)"),
    ("region_id", "VARCHAR", "GB/T 2260 code of the region"),
    ("quote", "VARCHAR", "The exact sentence committing to the instrument, a substring of documents.clean_text"),
    ("quote_start", "INTEGER", "Offset of quote in documents.clean_text (characters)"),
    ("quote_end", "INTEGER", "End offset (exclusive)"),
    ("section", "VARCHAR", "The plan's own section heading the sentence sits under"),
    ("section_kind", "VARCHAR", "tasks or safeguards"),
    ("matched", "VARCHAR", "The dictionary phrasing (alias, pattern or word) that named the instrument"),
    ("target_id", "VARCHAR", "Target (table targets) stated in the same sentence; empty if none"),
    ("lead_departments", "VARCHAR", "Departments the plan marks as lead (牵头, 牵头部门, 主责), canonical names, '；'-separated"),
    ("responsible_departments", "VARCHAR", "The other departments named responsible, canonical names, '；'-separated"),
    ("departments_as_written", "VARCHAR", "The task's department note exactly as the plan writes it"),
    ("year", "INTEGER", "Year the sentence sets for the commitment (到2026年, 2023年底前); empty if none"),
]

# Ambition (issue 22): how far each target reaches from the level its region stood at
# (etl/normalize/ambition.py).  Filled in the build from the observations below.
TARGETS += [
    ("required_annual_change", "DOUBLE", "The change a year the target asks for from the region's level at or before the "
                                         "plan's start, over the plan's own months: compound growth in %/yr for a level, "
                                         "points/yr for a share, rate or score, and for a flow its yearly figure ÷ the "
                                         "observed yearly flow; empty when no starting level is known"),
    ("required_change_unit", "VARCHAR", "Unit of required_annual_change: %/yr, points/yr or 'x observed yearly flow'"),
    ("required_change_from", "VARCHAR", "How required_annual_change was derived: which observation (its id, kind and "
                                        "date), the target, and which months"),
    ("start_observation_id", "VARCHAR", "The observation (table observations) taken as the starting level"),
]

# Observations (issue 22): levels and flows a plan states it reached, and figures a researcher adds
# from statistical bulletins (data/observations/*.csv, etl/warehouse/observations.py).
TABLES["observations"] = [
    ("observation_id", "VARCHAR", "Stable id: <doc_id>-o<nn> for a plan's, <file>-r<row> for a researcher's"),
    ("region_id", "VARCHAR", "GB/T 2260 code of the region"),
    ("region_zh", "VARCHAR", "Region name in Chinese"),
    ("indicator_id", "VARCHAR", "Canonical indicator id (data/reference/indicators.yaml)"),
    ("year", "INTEGER", "Year the figure is for (a level at its end, a flow over it, unless month says otherwise)"),
    ("month", "INTEGER", "Month the level was reached (截至2025年5月底 → 5); empty for a whole year"),
    ("value", "DOUBLE", "The figure as written"),
    ("unit", "VARCHAR", "Unit as written (亿元, 件, %, 件/万人 …)"),
    ("value_std", "DOUBLE", "Value in the indicator's unit (multipliers resolved, money in 万元)"),
    ("unit_std", "VARCHAR", "Unit of value_std: the indicator's"),
    ("scope", "VARCHAR", "stock (a level held), annual (a flow over the year) or ratio (share, rate, score): the indicator's nature"),
    ("source_kind", "VARCHAR", "plan (a figure the plan's text states it reached) or researcher (a file in data/observations/)"),
    ("source", "VARCHAR", "Where the figure comes from: the researcher's citation, or the plan's title"),
    ("doc_id", "VARCHAR", "For a plan-stated figure: its document (table documents)"),
    ("target_id", "VARCHAR", "For a target's own baseline (由162人增至250人): that target"),
    ("quote", "VARCHAR", "For a plan-stated figure: the sentence, a substring of documents.clean_text"),
    ("quote_start", "INTEGER", "Offset of quote in documents.clean_text (characters)"),
    ("quote_end", "INTEGER", "End offset (exclusive)"),
    ("time_basis", "VARCHAR", "stated (the year is written beside the figure) or plan date (现有/目前: the level when the plan "
                              "was written, dated by the document)"),
    ("origin_file", "VARCHAR", "For a researcher's figure: the file in data/observations/"),
    ("row_number", "INTEGER", "For a researcher's figure: its line in that file (the header is line 1)"),
    ("note", "VARCHAR", "The researcher's note, or how a plan-stated figure was read"),
]

TABLES["attainment"] = [
    ("target_id", "VARCHAR", "The target (table targets)"),
    ("region_id", "VARCHAR", "GB/T 2260 code of the region"),
    ("indicator_id", "VARCHAR", "Canonical indicator id"),
    ("observation_id", "VARCHAR", "The observation compared with the target (table observations)"),
    ("year", "INTEGER", "Year of the observation"),
    ("month", "INTEGER", "Month of the observation; empty for a whole year"),
    ("observed_value", "DOUBLE", "The observed value in the target's unit (for a target over the plan period: the "
                                 "observed yearly flows of the plan's years added up)"),
    ("unit_std", "VARCHAR", "Unit of observed_value, start_value and target_value"),
    ("start_value", "DOUBLE", "The starting level (the target's own baseline, else the latest observation at or before "
                              "the plan's start); 0 for a target over the plan period; empty when unknown"),
    ("start_observation_id", "VARCHAR", "The observation taken as the starting level"),
    ("target_value", "DOUBLE", "The target's value_std"),
    ("progress_share", "DOUBLE", "Share of the way from the starting level to the target covered at the observation "
                                 "((observed − start) ÷ (target − start)); negative when the figure moved away"),
    ("elapsed_share", "DOUBLE", "Share of the months from the start to the target's due month gone at the observation"),
    ("status", "VARCHAR", "achieved (the observed value reaches the target); regressing (progress_share < 0); on_track "
                          "(progress_share ≥ 0.95 × elapsed_share); behind (0 ≤ progress_share < 0.95 × elapsed_share); "
                          "insufficient_data (no starting level, or a year's flow missing)"),
    ("source_kind", "VARCHAR", "plan or researcher: the observation's kind"),
    ("status_reason", "VARCHAR", "Why the status is insufficient_data"),
]
