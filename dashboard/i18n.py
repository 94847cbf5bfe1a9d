"""Interface text in Chinese (default) and English.

Indicator and region names come from the warehouse (indicators / regions tables); this
module only holds the dashboard's own words.  `t(key, lang)` falls back to Chinese, then
to the key itself, so a missing translation shows up as readable text, never a crash.
"""

from __future__ import annotations

from etl.api import CATEGORY_ZH, UNMAPPED

LANGS = ["zh", "en"]
DEFAULT_LANG = "zh"

CATEGORY_EN = {"creation": "Creation", "use": "Use", "protection": "Protection",
               "management": "Management", "service": "Service"}
# The sixth group, after the five links: targets neither the dictionary nor their section places.
UNMAPPED_LABEL = ("未归类", "Unmapped")

SCOPE_LABELS = {
    "stock": ("存量（期末达到）", "stock (level reached)"),
    "new": ("新增（规划期累计）", "new (added over the plan period)"),
    "annual": ("每年", "per year"),
    "ratio": ("比率/占比", "ratio / share"),
}
SCOPE_SHORT = {
    "stock": ("存量", "stock"),
    "new": ("期内累计新增", "cumulative new"),
    "annual": ("每年", "yearly"),
    "ratio": ("比率", "ratio"),
}

ADMIN_LEVEL_LABELS = {
    "county-level city": ("县级市", "county-level city"),
    "prefecture-level city": ("地级市", "prefecture-level city"),
    "urban district": ("市辖区", "urban district"),
    "county": ("县", "county"),
}

STATUS_LABELS = {"draft": ("征求意见稿", "draft"), "issued": ("正式印发", "issued"),
                 "ended": ("已到期", "ended")}  # ended: the plan's last month has passed

COVERAGE_LABELS = {
    "quantitative": ("有量化目标", "quantitative target"),
    "qualitative": ("仅定性目标", "qualitative only"),
    "none": ("未设目标", "no target"),
}

MEASURE_LABELS = {
    "absolute": ("绝对值", "absolute"),
    "per10k": ("每万常住人口", "per 10,000 residents"),
    "peryear": ("按规划年均", "per plan year"),
}

STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("知识产权强县/强市工作方案对比", "IP strong-county/city plans compared"),
    "language": ("语言 Language", "语言 Language"),
    "present": ("演示模式", "Presentation mode"),
    "exit_present": ("退出演示模式", "Exit presentation mode"),
    "image_format": ("图表导出格式", "Chart export format"),
    "building_db": ("首次启动：正在从原始方案构建数据库…", "First start: building the database from the raw plans…"),
    "db_failed": ("数据库构建失败：", "Building the database failed: "),
    "unknown_value": ("链接中的参数 {key}={value} 无法识别，已改用默认值。",
                      "The link's {key}={value} is not recognised; showing the default instead."),
    "unknown_items": ("链接中的参数 {key} 含无法识别的值 {value}，已忽略。",
                      "The link's {key} contains unrecognised {value}; ignored."),
    "source_line": ("来源：各地知识产权强县/强市工作方案原文，经本项目提取", "Source: the regions' IP plans, extracted by this project"),
    "no_data": ("没有符合条件的数据。", "No data match."),
    # overview
    "overview_title": ("概览", "Overview"),
    "overview_intro": ("各地区的知识产权强县/强市工作方案：级别、类型、期限与各类目标数量。",
                       "The regions' IP work plans: level, kind, period and targets per category."),
    "plan_kind": ("方案类型", "Plan kind"),
    "period": ("规划期", "Period"),
    "status": ("状态", "Status"),
    "level": ("行政级别", "Level"),
    "targets_total": ("目标数", "Targets"),
    "quantitative": ("量化", "quantitative"),
    "qualitative": ("定性", "qualitative"),
    "coverage_title": ("目标覆盖矩阵：各地是否就各指标族设定目标", "Coverage: does each region set a target for each indicator family?"),
    "coverage_caption": ("■ 有量化目标　▲ 仅定性目标　· 未设目标。点击左侧“按类别对比”查看数值。",
                         "■ quantitative target  ▲ qualitative only  · no target. See “Compare by category” for values."),
    "open_profile": ("查看该地区方案", "Open this plan"),
    # compare
    "compare_title": ("按类别对比", "Compare by category"),
    "category": ("类别", "Category"),
    "measure": ("口径", "Measure"),
    "regions": ("地区", "Regions"),
    "no_target": ("未设目标", "no target set"),
    "not_applicable": ("此口径不适用", "n/a for this measure"),
    "qualitative_goals": ("定性目标（无数值）", "Qualitative goals (no number)"),
    "denominators": ("分母（常住人口）与说明", "Denominators (resident population) and caveats"),
    "override_help": ("可用自己的人口数（万人）替换分母；填 0 恢复默认。替换后的数字会写入链接。",
                      "Replace a denominator with your own population figure (10k residents); 0 restores the default. "
                      "Your figure is kept in the link."),
    "scope_note": ("斜线填充 = 规划期内累计新增（不是每年）；点状填充 = 每年目标；实心 = 期末存量或比率。",
                   "Hatched = cumulative new over the plan period (not per year); dotted = per-year target; solid = level reached or ratio."),
    "peryear_note": ("按规划年均：期内新增 ÷ 规划年数（按方案实施月份计，如35个月 = 2.92年）；“每年”目标原样；写明基数的存量目标（由…增至…）按增量计；其余存量和比率不适用。",
                     "Per plan year: new over the plan ÷ plan years (counted in months: 35 months = 2.92 years); yearly targets as stated; a level with a stated baseline (from … to …) counts its increase; other levels and ratios do not apply."),
    "per10k_note": ("每万常住人口：人员、企业和金额 ÷ 常住人口（万人）；每万人类指标原样显示；机构、权利、案件和比率不按人口计。",
                    "Per 10,000 residents: people, firms and money ÷ resident population (10,000s); per-capita indicators shown as they are; institutions, rights, cases and ratios are not divided."),
    "untargeted_families": ("指标字典中本类别还有以下指标族，所有方案均未设目标：{names}",
                            "The indicator dictionary also has these families in this category, which none of the plans targets: {names}"),
    "key_same": ("同一指标、同一口径", "same indicator, same basis"),
    "key_converted": ("同一指标族，口径已换算（{how}）", "same indicator family, converted ({how})"),
    "key_related": ("相关指标，不可直接比较", "related measures, not directly comparable"),
    "related_set": ("设定了相关指标：", "set a related measure: "),
    "conv_peryear": ("期内新增 ÷ 规划年数（按月计）", "new over the plan ÷ plan years, month-accurate"),
    "conv_per10k": ("÷ 常住人口（万人）", "÷ residents (10k)"),
    "comparability_note": ("同一指标、同一口径的目标画成一组；同族但口径不同的目标另列一组，柱下写明指标名，浅色；换算方法见悬停、表格的“换算”列和下载。",
                           "Only targets of the same indicator and basis form one series; related measures of the family stand apart, lighter, named under the bar; conversions are in the hover, the table's derived_from column and the downloads."),
    "several_bars": ("同一地区在一个指标族下有几个目标时，各画一根柱，柱下小字注明它们的区别（口径或方案用语）；"
                     "鼠标悬停可看方案原话。",
                     "Where a region sets several targets in one family, each gets its own bar, with what tells them "
                     "apart (scope or the plan's wording) in small type under it; hover for the plan's sentence."),
    "more_panels": ("其余 {n} 个指标族（设了数值的地区较少）", "{n} more families (fewer regions set a number)"),
    "values_table": ("数值表", "Values table"),
    "unmapped_note": ("未归类目标：指标词典和所在章节都无法确定其类别，因此没有可供对比的指标族，只列在下方数值表和定性目标中。",
                      "Unmapped targets: neither the indicator dictionary nor their section places them, so they have no "
                      "indicator family to compare in panels; they are listed in the values table and goals below."),
    "unmapped_family": ("未归类目标", "Unmapped targets"),
    # indicator
    "indicator_title": ("单项指标", "Indicator"),
    "pick_indicator": ("指标或指标族（可搜索）", "Indicator or family (searchable)"),
    "family_prefix": ("指标族：", "Family: "),
    "baseline": ("基数", "baseline"),
    # profile
    "profile_title": ("地区方案", "Region profile"),
    "region": ("地区", "Region"),
    "targets_by_category": ("各类别目标", "Targets by category"),
    "phases": ("实施阶段", "Phases"),
    "no_phases": ("该方案未列出实施阶段。", "The plan lists no phases."),
    "departments": ("牵头与责任部门", "Lead and responsible departments"),
    "no_departments": ("该方案未列出责任部门。", "The plan names no departments."),
    "lead_dept": ("牵头", "lead"),
    "times_named": ("被点名次数", "times named"),
    # towns
    "towns_title": ("镇街分解（方案附件）", "Towns (plans' annex tables)"),
    "measure_pick": ("附件指标", "Annex measure"),
    "totals_check": ("合计核对：各镇街之和 与 全区", "Totals check: sum of towns vs district total"),
    "sum_towns": ("镇街之和", "sum of towns"),
    "district_total": ("全区", "district total"),
    "difference": ("差额", "difference"),
    "quality_notes": ("数据质量说明", "Quality notes"),
    "no_towns": ("数据库中没有镇街分解表。", "No town annex in the database."),
    # sources
    "sources_title": ("原文与出处", "Sources"),
    "document": ("方案原文", "Plan text"),
    "highlight_help": ("黄色底纹为提取出的目标；链接指向的目标以虚线框出，其数字以橙色边框标出。",
                       "Yellow marks every extracted target; the linked one is framed, its number outlined in orange."),
    "target_pick": ("定位到目标", "Jump to target"),
    "none_selected": ("（不定位）", "(none)"),
    "raw_file": ("原始文件", "Raw file"),
    # data
    "data_title": ("数据与下载", "Data & downloads"),
    "search": ("搜索（指标、原文）", "Search (indicator, quote)"),
    "rows_shown": ("显示 {n} / {total} 行", "Showing {n} of {total} rows"),
    "download_view": ("下载当前显示", "Download what is shown"),
    "download_all": ("下载全部目标", "Download all targets"),
    "dl_csv": ("CSV + 数据字典 (zip)", "CSV + dictionary (zip)"),
    "dl_xlsx": ("Excel（含字典页）", "Excel (with dictionary)"),
    "dl_parquet": ("Parquet", "Parquet"),
    "dl_help": ("CSV 为 UTF-8（带 BOM），Excel 可直接打开；数据字典说明每一列。Parquet 的列说明在文件元数据中。",
                "CSV is UTF-8 with BOM so Excel opens it directly; the data dictionary explains every column. Parquet keeps column notes in its metadata."),
    "source_link": ("出处", "Source"),
    "open_source": ("原文", "open"),
    "open_link": ("打开 ↗", "open ↗"),
    "dept_sections": ("出现的章节", "Sections naming it"),
    "uploaded_included": ("已包含上传的方案 {n} 行。", "Includes {n} uploaded rows."),
    # upload page
    "upload_title": ("上传方案", "Upload a plan"),
    "upload_intro": ("上传一份知识产权强县/强市工作方案（.txt、.docx 或 .pdf，不超过 {mb} MB），用与已收录方案相同的规则提取目标；核对、修改后点击“用于对比”，本次会话中它将出现在对比、单项指标和数据页面。文件不会保存到服务器。", "Upload an IP work plan (.txt, .docx or .pdf, up to {mb} MB). Its targets are read by the same rules as the plans already here; check and correct them, then press “Use in comparison” to see it beside the others on the compare, indicator and data pages for this session. The file is not kept on the server."),
    "upload_uploader": ("方案文件（.txt / .docx / .pdf）", "Plan file (.txt / .docx / .pdf)"),
    "upload_uploader_help": ("文本文件可为 UTF-8 或 GB18030 编码；扫描版 PDF 需先做文字识别。", "Text files in UTF-8 or GB18030; a scanned PDF must be OCR'd first."),
    "upload_reading": ("正在读取 {name} 并提取目标…", "Reading {name} and extracting its targets…"),
    "upload_reading_elapsed": ("正在读取 {name} 并提取目标…（{s} 秒，最长 {limit} 秒）", "Reading {name} and extracting its targets… ({s} s of at most {limit} s)"),
    "upload_cancel": ("取消读取", "Cancel reading"),
    "upload_cancelled": ("已取消读取 {name}。", "Reading {name} was cancelled."),
    "upload_retry": ("重新读取", "Read it again"),
    "upload_timeout": ("读取 {name} 超过 {s} 秒，已停止。可将方案正文另存为 .txt 后上传，或拆分为较小的文件。", "Reading {name} took longer than {s} s and was stopped. Save the plan's text as .txt and upload that, or split the file."),
    "upload_memory": ("读取 {name} 需要超过 {mb} MB 内存，已停止。可将方案正文另存为 .txt 后上传，或拆分为较小的文件。", "Reading {name} needed more than {mb} MB of memory and was stopped. Save the plan's text as .txt and upload that, or split the file."),
    "upload_crashed": ("读取 {name} 的进程意外退出（退出码 {code}）：文件可能已损坏，或需要的内存过多。", "The process reading {name} stopped unexpectedly (exit code {code}): the file may be damaged or need too much memory."),
    "upload_read_warning": ("读取提示：{warning}", "Note from reading the file: {warning}"),
    "upload_bad_file": ("无法使用这个文件：{message}", "This file cannot be used: {message}"),
    "upload_unexpected": ("读取文件时出错（{error}）。请确认它是 .txt、.docx 或 .pdf 格式的方案。", "Reading the file failed ({error}). Is it a plan in .txt, .docx or .pdf?"),
    "upload_read_ok": ("已读取 {name}（{kind}）。", "Read {name} ({kind})."),
    "upload_title_found": ("方案标题：{title}", "Plan title: {title}"),
    "upload_no_title": ("未找到方案标题，请填写地区名称。", "No plan title found: please type the region's name."),
    "upload_candidates": ("候选数字", "Candidate numbers"),
    "upload_kept": ("保留为量化目标", "Kept as numeric targets"),
    "upload_qualitative": ("定性目标", "Qualitative goals"),
    "upload_skipped": ("跳过的数字", "Numbers skipped"),
    "upload_region": ("地区名称", "Region name"),
    "upload_region_help": ("从方案标题推断，可修改。", "Read from the plan's title; you can change it."),
    "upload_region_id": ("在本会话中的编号：{rid}（不是行政区划代码）", "Id in this session: {rid} (not a GB/T 2260 code)"),
    "upload_region_missing": ("请填写地区名称。", "Please type the region's name."),
    "upload_region_taken": ("“{name}”与已有方案同名；上传的方案将显示为“{shown}”。", "“{name}” is the name of a plan already loaded; the upload is shown as “{shown}”."),
    "upload_uploaded_suffix": ("（上传）", " (upload)"),
    "upload_period_start": ("规划期起始年", "Plan period: first year"),
    "upload_period_end": ("规划期结束年", "Plan period: last year"),
    "upload_population": ("常住人口（万人，可选）", "Population (10k, optional)"),
    "upload_population_help": ("填写后可按“每万常住人口”对比；留空则不计算。", "Fill in to compare per 10,000 residents; leave empty to skip per-10k values."),
    "upload_editor_title": ("提取的目标：核对与修改", "Targets read from the plan: check and correct"),
    "upload_editor_help": ("可修改指标、类别、数值、单位、比较、口径和年份；可删除行（勾选后按删除）或在末尾添加行。修改过或添加的行标记为 manual（人工），不会当作自动提取的结果。", "Indicator, category, value, unit, comparator, scope and year can be edited; rows can be deleted (select, then delete) or added at the end. Rows you change or add are marked manual, never passed off as extracted."),
    "upload_manual_rows": ("{n} 行由你修改或添加，标记为 manual（人工）：{names}", "{n} rows changed or added by you, marked manual: {names}"),
    "upload_unmapped": ("以下方案用语未对应到指标词典（指标为空），不会出现在对比图中，只在数据表中出现；可在表中为其选择指标：{names}", "These plan wordings did not map to the indicator dictionary (indicator empty): they appear in the data tables but not on the compare charts. Pick an indicator in the table to chart them: {names}"),
    "upload_skipped_title": ("未作为目标的数字（{n} 个）及原因", "Numbers not taken as targets ({n}) and why"),
    "upload_skipped_reasons": ("原因统计", "Reasons"),
    "upload_use": ("用于对比", "Use in comparison"),
    "upload_stored": ("已加入本次会话的对比：{name}，{n} 行。", "Added to this session's comparison: {name}, {n} rows."),
    "upload_replaced": ("已替换本次会话中 {name} 的数据：{n} 行。", "Replaced {name} in this session: {n} rows."),
    "upload_nothing": ("表中没有行可用。", "The table has no rows to use."),
    "upload_go_compare": ("打开按类别对比", "Open Compare by category"),
    "upload_session_title": ("本次会话已上传的方案", "Plans uploaded in this session"),
    "upload_session_row": ("**{name}**（{rid}）：{n} 行，其中 {manual} 行人工修改", "**{name}** ({rid}): {n} rows, {manual} changed by hand"),
    "upload_remove": ("移除", "Remove"),
    "upload_save_title": ("保存到 data/raw（仅本地）", "Save to data/raw (local checkout only)"),
    "upload_save_help": ("把原文件复制到 data/raw/，在 sources.yaml 中登记并重建数据库（etl add）。重建失败时两者都会恢复原状，原数据库继续使用。", "Copies the file into data/raw/, records it in sources.yaml and rebuilds the warehouse (etl add). If the rebuild fails, both are put back as they were and the previous warehouse keeps serving."),
    "upload_save": ("保存到 data/raw", "Save to data/raw"),
    "upload_saved": ("已保存为 {file}（doc_id {doc_id}，地区编码 {region_id}），数据库已重建：它已出现在每个页面上。", "Saved as {file} (doc_id {doc_id}, region id {region_id}) and the warehouse rebuilt: it is on every page now."),
    "upload_save_warning": ("需人工补充：{warning}", "To fill in by hand: {warning}"),
    "upload_save_failed": ("未保存：{message}", "Not saved: {message}"),
    "upload_col_row": ("#", "#"),
    "upload_col_indicator": ("指标", "Indicator"),
    "upload_col_year": ("目标年份", "Target year"),
    "upload_col_unit": ("单位", "Unit"),
    "upload_unit_help": ("按原文写法，含万、亿：如 亿元、万件。", "As written, with 万/亿: e.g. 亿元, 万件."),
    "upload_quote_help": ("原文句子（不可修改）；点击单元格可看全文。", "The plan's sentence (read-only); click a cell to read it all."),
    "upload_col_value": ("数值", "Value"),
    "upload_value_help": ("按原文写法：1.5亿元填 1.5、单位填 亿元。", "As written: for 1.5亿元 enter 1.5 and unit 亿元."),
    "upload_col_reason": ("原因", "Reason"),
    "upload_col_text": ("原文片段", "Text"),
    # policy instruments (pages/instruments.py)
    "instruments_title": ("政策工具矩阵", "Policy instruments"),
    "instr_intro": ("各地方案在重点任务和保障措施中承诺采用的政策工具，按创造、运用、保护、管理、服务五个环节分组。",
                    "The policy instruments each plan commits to in its task and safeguard sections, grouped by the "
                    "five links: creation, use, protection, management, service."),
    "instr_missing": ("数据库中还没有政策工具表（instruments）：请用当前的 ETL 重新构建数据库（make db）。",
                      "The database has no instruments table yet: rebuild it with the current ETL (make db)."),
    "instr_category_all": ("全部环节", "All links"),
    "instr_dept": ("部门", "Department"),
    "instr_dept_all": ("全部部门", "All departments"),
    "instr_role": ("部门角色", "Role"),
    "instr_role_any": ("牵头或参与", "lead or responsible"),
    "instr_role_lead": ("仅牵头", "lead only"),
    "instr_instrument": ("政策工具", "Instrument"),
    "instr_lead": ("牵头", "lead"),
    "instr_matrix_caption": ("● n：方案中有 n 句承诺该工具，点击打开第一句原文，悬停可看原文和牵头部门；· 未提及；"
                             "★ 黄色：所有方案中只有一地采用。方案写明“牵头”（或“主责”）的部门才算牵头，其余列为责任部门。",
                             "● n: n sentences of the plan commit to the instrument; click to open the first in the "
                             "plan's text, hover for the sentence and its lead departments. · not named. ★ yellow: "
                             "only one region adopts it. A department counts as lead only where the plan says “牵头” "
                             "(leads) or “主责” (is mainly responsible); the others are listed as responsible."),
    "instr_innovations": ("仅一地采用的工具（★）", "Instruments only one region adopts (★)"),
    "instr_uploads_left_out": ("本次上传的方案（{names}）不在矩阵中：上传时只读取目标，政策工具在保存到方案库并重建数据库后才提取。",
                               "Plans uploaded this session ({names}) have no column here: an upload reads targets only; "
                               "instruments are extracted once the plan is saved to the plan store and the database rebuilt."),
    "instr_none": ("没有符合筛选条件的承诺。", "No commitment matches the filters."),
    "instr_rows": ("承诺明细（逐句）", "Commitments, sentence by sentence"),
    "instr_dl_matrix": ("下载矩阵（CSV）", "Download the matrix (CSV)"),
    "instr_dl_rows": ("下载明细（CSV）", "Download the rows (CSV)"),
    "instr_col_lead": ("牵头部门", "Lead departments"),
    "instr_col_responsible": ("责任部门", "Responsible departments"),
    "instr_col_year": ("年份", "Year"),
    "instr_col_written": ("方案原文的部门表述", "Departments as written"),
    "instr_col_target": ("同句目标", "Target in the sentence"),
}

COLUMN_LABELS = {
    "region": ("地区", "Region"), "indicator": ("指标", "Indicator"), "value_std": ("目标值（数值）", "Target (number)"),
    "value_text": ("目标值", "Target"), "baseline_text": ("基数", "Baseline"), "per_year_text": ("年均", "Per year"),
    "per_10k_text": ("每万人", "Per 10k residents"),
    "unit_std": ("单位", "Unit"), "scope": ("口径", "Scope"), "target_year": ("目标年", "Year"),
    "comparator": ("比较", "Comparator"), "baseline": ("基数", "Baseline"), "quote": ("原文", "Quote"),
    "source_url": ("出处链接", "Source link"), "category": ("类别", "Category"), "value_per_year": ("年均", "Per year"),
    "value_per_10k_residents": ("每万人", "Per 10k residents"), "raw_name": ("方案用语", "Plan wording"),
    "population_note": ("人口分母说明", "Denominator note"), "family": ("指标族", "Family"),
    # codes a table shows beside their labels (the data page): named for what they are
    "doc_id": ("方案编号", "Plan id"), "scope_code": ("口径代码", "Scope code"),
}


def t(key: str, lang: str, /, **fmt) -> str:
    pair = STRINGS.get(key)
    text = key if pair is None else pair[1 if lang == "en" else 0]
    return text.format(**fmt) if fmt else text


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1 if lang == "en" else 0]


def category_label(category: str, lang: str) -> str:
    if category == UNMAPPED:
        return pick(UNMAPPED_LABEL, lang)
    if lang == "en":
        return CATEGORY_EN.get(category, category)
    return CATEGORY_ZH.get(category, category)


def scope_label(scope: str | None, lang: str, short: bool = False) -> str:
    table = SCOPE_SHORT if short else SCOPE_LABELS
    return pick(table[scope], lang) if scope in table else (scope or "")


def status_label(status: str | None, lang: str) -> str:
    return pick(STATUS_LABELS[status], lang) if status in STATUS_LABELS else (status or "")


def admin_level_label(level: str | None, lang: str) -> str:
    return pick(ADMIN_LEVEL_LABELS[level], lang) if level in ADMIN_LEVEL_LABELS else (level or "")


def measure_label(measure: str, lang: str) -> str:
    return pick(MEASURE_LABELS[measure], lang)


def column_label(column: str, lang: str) -> str:
    return pick(COLUMN_LABELS[column], lang) if column in COLUMN_LABELS else column


def name_in(row, zh_col: str, en_col: str, lang: str) -> str:
    """The English name when asked for and present, else the Chinese one."""
    if lang == "en":
        en = row.get(en_col) if hasattr(row, "get") else None
        if isinstance(en, str) and en.strip():
            return en
    zh = row.get(zh_col) if hasattr(row, "get") else None
    return zh if isinstance(zh, str) else ""


# --- review: corrections that last, the review queue, kept uploads (pages/review.py, upload, data, sources)
REVIEW_STRINGS = {
    "review_title": ("人工审核", "Review"),
    "review_intro": ("先看最值得人工核对的行：提取把握低的、指标未归类的、附表与正文不一致的、不再适用的修正。每项修正须写明原因，保存后写入 data/corrections/ 并重建数据库，此后每次构建都会应用。",
                     "The rows most worth a look first: low-confidence readings, unmapped names, annex conflicts, corrections that no longer apply. Every correction needs a reason; saving writes it to data/corrections/ and rebuilds the warehouse, and every later build applies it."),
    "review_read_only": ("此部署为只读（IPBENCH_READ_ONLY=1）：可查看待审核的行，但不能保存修正。",
                         "This deployment is read-only (IPBENCH_READ_ONLY=1): the rows to review are shown, corrections cannot be saved."),
    "review_counts_title": ("各方案待审核数", "To review, per plan"),
    "review_nothing_to_review": ("没有待审核的行。", "Nothing to review."),
    "review_kind_low_confidence": ("把握低", "low confidence"),
    "review_kind_unmapped": ("未归类", "unmapped"),
    "review_kind_annex_conflict": ("附表冲突", "annex conflict"),
    "review_kind_correction_not_applied": ("修正未应用", "correction not applied"),
    "review_col_plan": ("地区", "Region"),
    "review_col_total": ("合计", "Total"),
    "review_queue_title": ("待审核的行（{n}）", "Rows to review ({n})"),
    "review_col_kind": ("类型", "Kind"),
    "review_col_what": ("内容", "What"),
    "review_col_quote": ("原文", "Quote"),
    "review_col_source": ("原文出处", "Sentence"),
    "review_col_correct": ("修正", "Correct"),
    "review_correct_link": ("修正 ✎", "correct ✎"),
    "review_all_plans": ("全部方案", "All plans"),
    "review_form_title": ("修正一个目标", "Correct a target"),
    "review_open_sentence": ("在原文中查看这句话", "See the sentence in the plan"),
    "review_corrected_note": ("已人工修正（{who}，{when}）：{why}", "Corrected by hand ({who}, {when}): {why}"),
    "review_col_field": ("字段", "Field"),
    "review_col_now": ("现值", "Now"),
    "review_col_extracted": ("自动提取值", "Extractor read"),
    "review_action": ("操作", "Action"),
    "review_action_edit": ("修改这一行", "Edit this row"),
    "review_action_reject": ("删除这一行（不是目标）", "Reject this row (not a target)"),
    "review_action_add": ("从这句话新增一个目标", "Add a target from this sentence"),
    "review_value": ("数值", "Value"),
    "review_unit": ("单位（按原文，含万、亿）", "Unit (as written, with 万/亿)"),
    "review_comparator": ("比较", "Comparator"),
    "review_scope": ("口径", "Scope"),
    "review_year": ("目标年份", "Target year"),
    "review_indicator": ("指标", "Indicator"),
    "review_category": ("类别", "Category"),
    "review_raw_name": ("方案用语", "Plan wording"),
    "review_why": ("原因（必填）", "Reason (required)"),
    "review_why_help": ("为什么原来的读法不对：会随修正一起保存，并出现在下载的数据中。", "Why the reading was wrong: kept with the correction and in every download."),
    "review_who": ("你的名字（可选）", "Your name (optional)"),
    "review_save": ("保存修正并重建", "Save the correction and rebuild"),
    "review_saving": ("正在保存并重建数据库…", "Saving and rebuilding the warehouse…"),
    "review_not_saved": ("未保存：{message}", "Not saved: {message}"),
    "review_saved_edit": ("已保存对 {target} 的修正，数据库已重建。", "The correction of {target} is saved and the warehouse rebuilt."),
    "review_saved_reject": ("已删除 {target}（原因已记录），数据库已重建。", "{target} is rejected (the reason recorded) and the warehouse rebuilt."),
    "review_saved_add": ("已从 {target} 的句子新增一个目标，数据库已重建。", "A target was added from the sentence of {target}; the warehouse is rebuilt."),
    # the data page
    "data_low_only": ("只看提取把握低的行", "Only low-confidence rows"),
    "data_low_help": ("提取程序把握低（confidence = low）的行：最值得人工核对。", "Rows the extractor is least sure of (confidence = low): the first to check."),
    "data_correct_pick": ("修正一行", "Correct a row"),
    "data_correct_link": ("打开修正表单", "Open the correction form"),
    # the sources page
    "sources_corrected": ("已人工修正（{who}，{when}）：{why}。自动提取的读法：{extracted}", "Corrected by hand ({who}, {when}): {why}. The extractor read: {extracted}"),
    "sources_correct_this": ("修正这个目标", "Correct this target"),
    # the upload page: reasons, the plan store, the project file
    "upload_why": ("修改原因（有修改时必填）", "Reason for your changes (required when you changed rows)"),
    "upload_why_help": ("随修正一起保存到方案库或项目文件中。", "Kept with the corrections, in the plan store or the project file."),
    "upload_who": ("你的名字（可选）", "Your name (optional)"),
    "upload_why_missing": ("你修改了表中的行：请写明原因，才能保存或导出这些修正。", "You changed rows in the table: give a reason to save or export them."),
    "upload_keep_title": ("保留这份方案", "Keep this plan"),
    "upload_store_help": ("把原文件保存到方案库（data/raw/，登记在 sources.yaml），你的修正保存到 data/corrections/，并重建数据库：刷新页面、新标签页和分享的链接中都能看到它，也有原文出处页和地区页面。重建失败时一切恢复原状。",
                          "Saves the file into the plan store (data/raw/, recorded in sources.yaml) and your corrections into data/corrections/, and rebuilds the warehouse: the plan then survives a reload, a new tab and a shared link, with its Sources view and region profile. If the rebuild fails, everything is put back."),
    "upload_store": ("保存到方案库", "Save to the plan store"),
    "upload_read_only": ("此部署为只读（IPBENCH_READ_ONLY=1）：上传的方案只在本次会话中使用，不能保存到方案库；请下载项目文件。",
                         "This deployment is read-only (IPBENCH_READ_ONLY=1): an uploaded plan is used in this session "
                         "only and cannot be saved to the plan store; download the project file instead."),
    "upload_stored_plan": ("已保存为 {doc_id}（{file}，地区编码 {region_id}），数据库已重建；{n} 项修正已保存。", "Saved as {doc_id} ({file}, region id {region_id}) and the warehouse rebuilt; {n} corrections kept."),
    "upload_not_kept": ("{n} 行是在表末新增的、没有原文句子，未能保存到方案库：请在“人工审核”页从相应句子新增。", "{n} rows added at the end of the table have no sentence and were not kept: add them from their sentence on the Review page."),
    "upload_open_sources": ("原文出处", "Sources"),
    "upload_open_review": ("人工审核", "Review"),
    "upload_open_profile": ("地区方案", "Region profile"),
    "upload_project_help": ("项目文件（.json）含原文件和你的修正：只读部署只在本次浏览器会话中保留上传的方案，以后把项目文件放入上面的方案文件框即可继续。", "A project file (.json) holds the plan and your corrections: a read-only deployment keeps uploads for this browser session only; drop the project file into the plan box above later to carry on."),
    "upload_project_download": ("下载项目文件", "Download the project file"),
    "upload_project_loaded": ("已打开项目文件：{name}，含 {n} 项修正。", "Project file opened: {name}, with {n} corrections."),
    "upload_project_bad": ("无法打开项目文件：{message}", "Cannot open the project file: {message}"),
}
STRINGS.update(REVIEW_STRINGS)
COLUMN_LABELS.update({
    "origin": ("来源", "Origin"), "confidence": ("把握", "Confidence"),
    "extracted_value": ("自动提取值", "Extracted value"), "correction_reason": ("修正原因", "Correction reason"),
    "corrected_by": ("修正人", "Corrected by"),
})

# Issue 13: peer groups, the standing page, the overview at scale, the paged data table.
PEER_STRINGS = {
    "peers": ("对比范围", "Peer group"),
    "peers_summary": ("对比范围：{n} 个地区 · {preset}", "Peer group: {n} regions · {preset}"),
    "peers_preset": ("预设", "Preset"),
    "peers_preset_seed": ("默认", "Default"),
    "peers_preset_province": ("同省", "Same province"),
    "peers_preset_city": ("同一地级市", "Same parent city"),
    "peers_preset_level": ("同行政级别", "Same admin level"),
    "peers_preset_kind": ("同类方案", "Same plan kind"),
    "peers_preset_all": ("全部地区", "All regions"),
    "peers_preset_custom": ("自选", "Hand-picked"),
    "peers_anchor": ("当前地区（高亮）", "Current region (highlighted)"),
    "choose_one": ("请选择", "Choose one"),
    "peers_anchor_help": ("输入中文名、拼音、英文名或地区编码搜索。", "Type a Chinese name, pinyin, English name or region code to search."),
    "peers_pick": ("地区", "Regions"),
    "peers_filter_any": ("不限", "Any"),
    "pf_prov": ("省份", "Province"),
    "pf_city": ("地级市", "Parent city"),
    "pf_level": ("行政级别", "Admin level"),
    "pf_kind": ("方案类型", "Plan kind"),
    "pf_period": ("规划期", "Period"),
    "peers_link": ("链接中保存了这一对比范围：分享地址栏即可打开相同的地区。", "The link keeps this peer group: share the address bar to open the same regions."),
    "peers_show_all": ("显示全部 {n} 个地区", "Show all {n} regions"),
    "peers_top_note": ("对比范围较大：只画出数字最多的 {shown} 个地区（共 {n} 个），打开“显示全部”可看全部。",
                       "A large group: only the {shown} regions with the most numbers are drawn (of {n}); "
                       "turn on “Show all” for every one."),
    "peers_missing_anchor": ("“{preset}”需要一个当前地区：已选 {region}。", "“{preset}” needs a current region: {region} is used."),
    # overview at scale
    "ov_regions": ("地区", "Regions"),
    "ov_targets_num": ("量化目标", "Numeric targets"),
    "ov_targets_qual": ("定性目标", "Qualitative targets"),
    "ov_families": ("涉及指标族", "Indicator families set"),
    "ov_table_caption": ("每行一个地区，各类别的量化目标数；点击列名排序。", "One row per region, numeric targets per category; click a column to sort."),
    "ov_share_title": ("对比范围内设定各指标族目标的地区比例", "Share of peers setting a target in each family"),
    "ov_share_caption": ("颜色为设定该指标族目标的地区比例；只显示设定最多的 {n} 个指标族。", "Colour: share of the peer group setting a target in the family; the {n} most-set families shown."),
    "ov_show_all": ("显示全部指标族", "Show every family"),
    "share_numeric": ("有量化目标", "numeric target"),
    "share_qualitative": ("仅定性", "qualitative only"),
    "share_none": ("未设定", "none"),
    # standing
    "standing_title": ("地区位置", "Where a region stands"),
    "standing_intro": ("某一指标上所有设定了该指标的地区的目标分布；当前地区及其对比范围高亮。", "The distribution of every region's target for one indicator; the current region and its peers highlighted."),
    "standing_indicator": ("指标", "Indicator"),
    "standing_measure": ("口径", "Measure"),
    "standing_rank": ("在对比范围内排名", "Rank among peers"),
    "standing_rank_value": ("第 {rank} / {n} 名", "{rank} of {n}"),
    "standing_ahead": ("领先于对比范围内 {pct}% 的地区", "Ahead of {pct} % of peers"),
    "standing_none_set": ("对比范围内无可比数值的地区", "Peers with no comparable number"),
    "standing_not_set": ("{region} 在该指标上没有可比的数值目标。", "{region} sets no comparable number for this indicator."),
    "standing_not_set_related": ("{region} 设定了相关指标（{names}），与这里比较的指标或口径不同，因此不参与排名。",
                                 "{region} sets a related measure ({names}), not the indicator or basis ranked here, so it has no rank."),
    "standing_not_set_qualitative": ("{region} 在该指标族只有定性目标（无数值）。", "{region} sets this family's goals in words only (no number)."),
    "standing_not_set_not_applicable": ("{region} 的目标在此口径下不适用（例如机构数不按人口计）。",
                                        "{region}'s targets do not apply under this measure (institutions are not divided by residents, for instance)."),
    "standing_not_set_none": ("{region} 的方案未就该指标族设定目标。", "{region}'s plan sets no target in this indicator family."),
    "standing_family_mark": ("⊕ = 指标族：同族几个指标一起排名，但只比较同一单位和口径的目标。",
                             "⊕ = an indicator family: its indicators ranked together, comparing only targets of one unit and scope."),
    "standing_series": ("只比较同一单位和口径的目标（{unit}，{scope}）；其他 {n} 个目标不可比，未计入。", "Only targets of one unit and scope are compared ({unit}, {scope}); {n} other targets are not comparable and are left out."),
    "standing_all": ("所有地区", "All regions"),
    "standing_peers": ("对比范围", "Peers"),
    "standing_chart_title": ("{indicator}：各地区目标分布", "{indicator}: every region's target"),
    "profile_standing": ("与对比范围相比", "Against the peer group"),
    "profile_standing_caption": ("每行一个指标：在对比范围内设定了同一单位和口径目标的地区中，本地区领先的比例。", "One row per indicator: the share of peers with a target of the same unit and scope that this region is ahead of."),
    "profile_ahead": ("领先比例", "Ahead of peers"),
    "profile_peers_with": ("设定该指标的对比地区", "Peers setting it"),
    # data paging
    "data_page": ("页码", "Page"),
    "data_page_of": ("第 {page} / {pages} 页，每页 {size} 行", "Page {page} of {pages}, {size} rows a page"),
}
STRINGS.update(PEER_STRINGS)

# Issue 12: a click to the source, uploaded plans on the Sources page.  Other sessions may append
# their own block below in the same shape: key → (中文, English).
SOURCE_CLICK_STRINGS = {
    "row_click_help": ("点击一行，即在当前标签页打开它的原文句子。", "Click a row to open its sentence on the Sources page, in this tab."),
    "chart_click_help": ("点击柱形，即在当前标签页打开它的原文句子。", "Click a bar to open its sentence on the Sources page, in this tab."),
    "sources_uploaded": ("本次会话上传的方案（未公开发布）：{title}", "A plan uploaded in this session (not a published source): {title}"),
    "date_note": ("日期说明", "About the date"),
}
STRINGS.update(SOURCE_CLICK_STRINGS)

# The data dictionary of every download is bilingual: each column's meaning in Chinese beside the
# English of etl.base.schema (and of dashboard.export's derived columns).  A column missing here gets
# an empty Chinese meaning, never a wrong one.
COLUMN_MEANINGS_ZH = {
    "target_id": "目标编号：<doc_id>-<序号>，按原文阅读顺序编号",
    "doc_id": "来源文件编号（documents 表）",
    "region_id": "地区的 GB/T 2260 行政区划代码",
    "region_zh": "地区中文名",
    "region_en": "地区英文名",
    "region": "地区名（按看板所选语言）",
    "indicator_id": "规范指标编号（data/reference/indicators.yaml）；未归类时为空",
    "indicator_zh": "规范指标中文名",
    "indicator_en": "规范指标英文名",
    "indicator": "规范指标名（按看板所选语言）",
    "family": "可比指标族（如 invention_patent_density）",
    "family_zh": "指标族中文名（indicators 表）",
    "family_en": "指标族英文名（indicators 表）",
    "raw_name": "方案原文对该指标的表述",
    "category": "类别代码：creation 创造、use 运用、protection 保护、management 管理、service 服务；"
                "指标词典和章节标题都无法归类时为 unmapped（未归类）",
    "category_label": "类别代码的名称（中文 / 英文）",
    "value": "原文写出的数值（区间取下限）；定性目标为空",
    "value_max": "区间的上限（如“1-2家”）",
    "unit": "原文单位，含数量级（亿元、万件、件、%、人次…）",
    "value_std": "换算数量级后的数值（3.5万件 → 35000）；金额统一为万元",
    "value_text": "目标值的写法，与图表一致（比较符号、数值和单位：≥30亿元、3.5万件）；原始数值见 value_std",
    "baseline_text": "基数的写法，与图表一致；原始数值见 baseline",
    "per_year_text": "年均值的写法，与图表一致；原始数值见 value_per_year",
    "per_10k_text": "每万常住人口值的写法，与图表一致；原始数值见 value_per_10k_residents",
    "unit_std": "value_std 的单位",
    "comparator": "比较关系代码：eq 等于、ge 不少于、le 不超过、approx 约、range 区间（value 至 value_max）；"
                  "符号见 comparator_symbol",
    "comparator_symbol": "比较关系符号：＝ 等于、≥ 不少于、≤ 不超过、≈ 约、～ 区间",
    "extracted_comparator_symbol": "自动提取的比较关系符号（＝ ≥ ≤ ≈ ～）",
    "baseline": "句中给出的起点值（由162人增至250人 → 162）",
    "scope": "口径：stock 存量（期末达到）、new 新增（规划期累计）、annual 每年、ratio 比率（占比、比率、得分）",
    "scope_code": "口径代码：stock、new、annual 或 ratio（scope 列为其名称）",
    "scope_label": "口径代码的名称（中文 / 英文）",
    "target_year": "目标年份；目标部分的存量取规划末年；每年重复的任务为空",
    "period_start": "规划期首年",
    "period_end": "规划期末年",
    "value_per_year": "年均值：新增为 value_std ÷ 规划年数，每年为 value_std，有起点值的存量为"
                      "（value_std − baseline）÷ 规划年数；其他为空",
    "value_per_10k_residents": "每万常住人口值：人员、企业和金额除以常住人口（万人）；人均类指标取其原值；"
                               "比率及机构、权利、事件数量为空",
    "population_10k": "value_per_10k_residents 所用的人口分母（万人）",
    "population_note": "人口分母的数值、年份、来源和可靠程度",
    "unit_per_10k": "value_per_10k_residents 的单位（件/万人…；人均类指标保留原单位）",
    "plan_start_month": "规划起始月（YYYY-MM）：方案自身的阶段安排，否则取文件日期或一月",
    "plan_end_month": "规划结束月（YYYY-MM）：方案自身的阶段安排，否则取末年十二月",
    "plan_years": "规划年数，按月计算（月数 ÷ 12）：value_per_year 的除数",
    "comparability": "指标 · 口径 · 单位：取值相同的目标可比；只同属一个指标族的仅为相关、不可直接比较",
    "per_year_from": "value_per_year 的算法（如 新增600件 ÷ 3.00 规划年）；没有可靠年均值时为空",
    "per_10k_from": "value_per_10k_residents 的算法（除法和分母，或“已是人均”）",
    "derived_from": "本行每个换算值及其算法（年均；每万常住人口）",
    "qualitative": "无数值的定性目标为 True（清零、居全省前列、超全省平均水平…）",
    "section": "目标所在的方案章节标题",
    "section_kind": "所在部分：goals 目标、tasks 任务、safeguards 保障措施或 other 其他",
    "quote": "原文句子，为 documents.clean_text 的子串",
    "quote_start": "quote 在 documents.clean_text 中的起始位置（字符）",
    "quote_end": "quote 的结束位置（不含）",
    "source_line": "quote 在原始文件中的起始行（从 1 起）",
    "source_url": "原文出处页链接，定位到该句（绝对地址：看板公开地址 $IPBENCH_PUBLIC_URL，默认 http://localhost:8501）",
    "origin": "来源：extracted 自动提取；manual 人工修正或新增（见 correction_reason、corrected_by 和 extracted_* 列）；"
              "uploaded 仅在本次浏览器会话中上传的方案",
    "confidence": "把握：high、medium 或 low，表示自动提取对这一读法的把握",
    "confidence_reason": "把握不是 high 的原因（名称未归类、与数值相距较远、语气不明…）",
    "restates": "同一方案中表述同一承诺（同一指标、数值和单位）的前一行的 target_id；重复行只按该编号计一次",
    "per_unit": "每个数值适用的地方单位（如“各镇街配备不少于2人”中的镇街）：按地方的规定，不是全地区总量；全地区目标为空",
    "extracted_value": "修正行：修正前自动提取的数值",
    "extracted_unit": "修正行：自动提取的单位",
    "extracted_comparator": "修正行：自动提取的比较关系代码（eq、ge、le、approx、range）",
    "extracted_scope": "修正行：自动提取的口径",
    "extracted_target_year": "修正行：自动提取的目标年份",
    "extracted_indicator_id": "修正行：指标归并时选定的指标",
    "extracted_category": "修正行：自动提取的类别",
    "correction_reason": "人工修正或新增这一行的原因（修正人自述）",
    "corrected_by": "修正人（自由文本）",
    "corrected_at": "修正时间（按记录）",
    "measure": "附件表格的指标名（按表题，如 新增有效发明专利数量）",
    "town": "附件所列镇街，或其合计行（全区、全县、合计…）",
    "period": "2024、2025、2026 或 2024-2026",
    "is_total": "附件自身的合计行（全区、全县、合计…）为 True：不是镇街",
    "title": "方案标题",
    "plan_kind": "方案类型（强县示范县、强县试点县、强市试点城市…）",
    "status": "状态：draft 征求意见稿 或 issued 正式印发",
    "status_label": "状态代码的名称（中文 / 英文）",
    "plan_status": "本行所属方案的状态：draft 征求意见稿、issued 正式印发，或 uploaded（仅本次浏览器会话上传）",
    "plan_status_label": "方案状态的名称（中文 / 英文）",
    "citation": "本行所属方案的简短引用：发文机关、标题、文号、日期和状态（完整引用见 citation.txt 或 citation 工作表）",
    "date": "文件日期（ISO 格式）",
    "date_note": "该日期是什么日期",
    "source_file": "data/raw/ 中的文件名",
    "sha256": "原始文件的校验和",
    "encoding": "读取原始文件所用的编码",
    "issuer": "方案原文写明的发文机关；未写明时为空",
    "doc_number": "原文写明的文号（如 X政办发〔2024〕N号）；未写明时为空",
    "url": "方案的发布地址（来源已知时）；从不猜测",
    "province": "省份",
    "parent": "上级地级市（如有）",
    "admin_level": "行政级别（县级市、地级市、市辖区…）",
    "admin_level_label": "行政级别的名称（中文 / 英文）",
    "shown_value": "图中所画的值：按所选口径为 value_std、value_per_10k_residents 或 value_per_year",
    "shown_unit": "shown_value 的单位",
}
# Where a column means something else in another table (the towns annex): table → column → 中文.
TABLE_MEANINGS_ZH = {
    "town_targets": {"unit": "表题中的单位", "indicator_id": "该指标能归入的规范指标", "value": "目标值",
                     "doc_id": "来源文件编号", "region_id": "GB/T 2260 行政区划代码"},
}

# Issue 22: ambition and attainment (pages/progress.py).  Status codes come from etl.normalize.ambition.
ATTAINMENT_LABELS = {
    "achieved": ("已实现", "achieved"),
    "on_track": ("进度正常", "on track"),
    "behind": ("进度滞后", "behind"),
    "regressing": ("不进反退", "regressing"),
    "insufficient_data": ("数据不足", "insufficient data"),
}
REQUIRED_CHANGE_LABELS = {  # unit code → (中文, English) with {value}
    "%/yr": ("年均需增长 {value}%", "needs {value} %/yr"),
    "points/yr": ("年均需提高 {value} 个点", "needs {value} points/yr"),
    "x observed yearly flow": ("需为已观测年流量的 {value} 倍", "{value}× the observed yearly flow"),
}
PROGRESS_STRINGS = {
    "progress_title": ("目标进度", "Progress"),
    "progress_intro": ("各地区从起点水平出发、朝目标前进的路径：● 研究者录入的观测值（注明出处），◆ 方案自述的已达水平，"
                       "★ 目标，虚线为从起点到目标的直线路径。点击任一点即显示其原文句子或出处。",
                       "Each region's path from its starting level towards its target: ● a researcher's observation "
                       "(with its citation), ◆ a level the plan states it reached, ★ the target, dashed: the straight "
                       "path from the start to it. Click any point for its sentence or citation."),
    "progress_status_help": ("状态：已实现 = 观测值达到目标；不进反退 = 比起点更远离目标；进度正常 = 完成进度 ≥ 0.95 × 时间进度；"
                             "进度滞后 = 低于此；数据不足 = 没有起点水平或缺少某年流量。完成进度 =（观测值 − 起点）÷（目标 − 起点），"
                             "时间进度 = 从起点到目标月份已过去的月数比例。",
                             "Status: achieved = the observed value reaches the target; regressing = further from the "
                             "target than at the start; on track = progress ≥ 0.95 × time elapsed; behind = below that; "
                             "insufficient data = no starting level, or a year's flow missing. Progress = (observed − "
                             "start) ÷ (target − start); time elapsed = share of the months from the start to the due "
                             "month gone."),
    "progress_none": ("还没有可与目标对照的观测值。方案自述的起点水平在构建时自动读入；研究者可用 "
                      "`python -m etl observations add 文件.csv` 添加统计公报等来源的数据（见 data/observations/README.md）。",
                      "No observation can be held against a target yet. Levels the plans state are read at build time; "
                      "a researcher adds figures from statistical bulletins with `python -m etl observations add "
                      "FILE.csv` (see data/observations/README.md)."),
    "progress_indicator": ("指标", "Indicator"),
    "progress_chart_title": ("{indicator}：起点、观测值与目标", "{indicator}: start, observations and target"),
    "progress_units": ("单位：{unit}", "Unit: {unit}"),
    "progress_year_end": ("年末（月度数据按月末）", "end of year (a month's figure at the month's end)"),
    "progress_others": ("另有 {n} 个目标尚无可对照的观测值，未列出。", "{n} other targets have no observation to hold them against yet; not listed."),
    "col_indicator": ("指标", "Indicator"),
    "progress_observed_researcher": ("研究者观测", "researcher's observation"),
    "progress_observed_plan": ("方案自述", "stated in the plan"),
    "progress_target": ("目标", "target"),
    "progress_start": ("起点", "start"),
    "progress_point": ("所选的点", "The point clicked"),
    "progress_point_help": ("点击图中任一点，在此显示其原文句子或出处。", "Click any point of the chart to see its sentence or citation here."),
    "progress_citation": ("出处", "Citation"),
    "progress_open_sentence": ("在原文中打开", "Open it in the source"),
    "progress_region_table": ("{region}的目标与进度", "{region}: targets and status"),
    "progress_region": ("地区", "Region"),
    "progress_summary": ("对比范围内各地区的目标状态（最近一次观测）", "Status of each region's targets (latest observation)"),
    "progress_dl_observations": ("下载观测值", "Download the observations"),
    "progress_dl_attainment": ("下载进度评估", "Download the attainment rows"),
    "col_target": ("目标", "Target"),
    "col_start": ("起点", "Start"),
    "col_required": ("所需年均变化", "Required change a year"),
    "col_observed": ("最近观测", "Latest observed"),
    "col_progress": ("完成进度", "Progress"),
    "col_elapsed": ("时间进度", "Time elapsed"),
    "col_status": ("状态", "Status"),
}
STRINGS.update(PROGRESS_STRINGS)


def attainment_label(status: str | None, lang: str) -> str:
    return pick(ATTAINMENT_LABELS[status], lang) if status in ATTAINMENT_LABELS else pick(ATTAINMENT_LABELS["insufficient_data"], lang)


def required_change_text(value, unit: str | None, lang: str) -> str:
    """年均需增长 24.0% / needs 24.0 %/yr; empty when no change is known."""
    if unit not in REQUIRED_CHANGE_LABELS or value is None or value != value:
        return ""
    return pick(REQUIRED_CHANGE_LABELS[unit], lang).format(value=f"{value:.1f}")


COLUMN_MEANINGS_ZH.update({
    "required_annual_change": "目标要求的年均变化（从规划起点或之前的水平出发，按方案自身月数计）：水平类为年均复合增长率（%/年），"
                              "比率类为每年提高的点数，流量类为目标年流量 ÷ 已观测年流量；不知起点时为空",
    "required_change_unit": "required_annual_change 的单位：%/yr、points/yr 或 x observed yearly flow",
    "required_change_from": "required_annual_change 的算法：所用观测值（编号、来源类型、日期）、目标和月数",
    "start_observation_id": "作为起点水平的观测值编号（observations 表）",
    "observation_id": "观测值编号：方案自述为 <doc_id>-o<序号>，研究者录入为 <文件名>-r<行号>",
    "year": "观测年份（年末水平或全年流量，除非 month 另有说明）",
    "month": "达到该水平的月份（截至2025年5月底 → 5）；全年数据为空",
    "source_kind": "来源类型：plan 方案原文自述、researcher 研究者录入（data/observations/）",
    "source": "数据出处：研究者注明的出处，或方案标题",
    "time_basis": "年份依据：stated 原文写明年份；plan date 现有/目前，按方案日期",
    "origin_file": "研究者录入：data/observations/ 中的文件",
    "row_number": "研究者录入：该文件中的行号（表头为第 1 行）",
    "note": "研究者的备注，或方案自述数据的读取方式",
    "observed_value": "观测值（目标单位）；规划期累计目标为规划各年观测流量之和",
    "start_value": "起点水平（目标自身的基数，否则为规划起点或之前的最近观测）；规划期累计目标为 0；未知时为空",
    "target_value": "目标值（value_std）",
    "progress_share": "完成进度：（观测值 − 起点）÷（目标 − 起点）；远离目标时为负",
    "elapsed_share": "时间进度：从起点到目标月份已过去的月数比例",
    "status_reason": "状态为 insufficient_data 的原因",
})
TABLE_MEANINGS_ZH["attainment"] = {
    "status": "状态：achieved 已实现（观测值达到目标）；regressing 不进反退（完成进度 < 0）；on_track 进度正常"
              "（完成进度 ≥ 0.95 × 时间进度）；behind 进度滞后（0 ≤ 完成进度 < 0.95 × 时间进度）；"
              "insufficient_data 数据不足（无起点水平或缺少某年流量）",
    "unit_std": "observed_value、start_value 和 target_value 的单位",
}
TABLE_MEANINGS_ZH["observations"] = {
    "value": "原文或研究者写出的数值",
    "unit": "写出的单位（亿元、件、%、件/万人…）",
    "value_std": "换算为指标单位后的数值（数量级已换算，金额为万元）",
    "unit_std": "value_std 的单位：即指标的单位",
    "scope": "口径：stock 存量（持有水平）、annual 全年流量、ratio 比率（占比、比率、得分）：按指标性质",
    "quote": "方案自述数据：原文句子，为 documents.clean_text 的子串",
    "target_id": "目标自身的基数（由162人增至250人）：该目标",
}


# --- ambition (issue 22): the required yearly change as a measure; standing by it; observations upload ---
MEASURE_LABELS["ambition"] = ("年均需增长", "required yearly change")
AMBITION_STRINGS = {
    "ambition_note": ("年均需增长：从规划起点或之前的已知水平到目标，按方案月数计；%/年、个百分点/年、倍于已观测年流量各自成组",
                      "required yearly change: from the level known at or before the plan's start to the target, over the "
                      "plan's months; %/yr, points/yr and × observed yearly flow each drawn apart"),
    "ambition_detail": ("年均需增长：从规划起点或之前最近的已知水平（方案自述的基数，或观测值）到目标，按方案自身月数计算每年所需的变化——"
                      "水平类为年均复合增长率（%/年），比率类为每年提高的百分点，流量类为目标年流量是规划前已观测年流量的几倍；"
                      "三种单位各自成组，不混画。没有已知起点水平的目标写“无起点水平”。算法见悬停和下载中的 required_change_from。",
                      "Required yearly change: from the latest level known at or before the plan's start (the plan's own "
                      "baseline, or an observation) to the target, over the plan's own months — compound growth for a level "
                      "(%/yr), points a year for a share, and for a flow its yearly figure as a multiple of the yearly flow "
                      "observed before the plan; each unit is drawn apart, never mixed. A target with no known starting level "
                      "says \"no starting level\". How each was derived: the hover and required_change_from in the downloads."),
    "required_change_text": ("所需年均变化", "Required change a year"),
    "standing_not_set_no_start": ("{region} 在该指标上设定了数值目标，但没有规划起点或之前的已知水平，无法计算所需年均变化。",
                                  "{region} sets a number for this indicator, but no level is known at or before its "
                                  "plan's start, so its required yearly change is unknown."),
    "standing_quarter": ("在对比范围内的雄心", "Ambition among peers"),
    "standing_quarter_1": ("最具雄心的四分之一", "the most ambitious quarter"),
    "standing_quarter_2": ("较具雄心的四分之一", "the second most ambitious quarter"),
    "standing_quarter_3": ("较保守的四分之一", "the second least ambitious quarter"),
    "standing_quarter_4": ("最保守的四分之一", "the least ambitious quarter"),
    "standing_quarter_among_all": ("（对比范围内可比地区少于 4 个：在全部 {n} 个设定了可比数值的地区中）",
                                   " (fewer than 4 comparable peers: among all {n} regions with a comparable number)"),
    "standing_quarter_few": ("可比地区少于 4 个，不分四分位", "fewer than 4 comparable peers: no quarters"),
    "standing_quarter_help": ("按所需年均变化把对比范围内设定了同一单位目标的地区分为四等份：要求的年均变化越大，目标越有雄心。",
                              "Peers with a target of the same unit split into four equal parts by the yearly change "
                              "their target asks for: the larger the change, the more ambitious the target."),
    "standing_top_quarter": ("最具雄心的四分之一", "most ambitious quarter"),
    "obs_upload_title": ("上传观测值（CSV）", "Upload observations (CSV)"),
    "obs_upload_help": ("研究者整理的实际数值：列 region、indicator、year、value、unit、source（可选 month、note），"
                        "与命令 python -m etl observations add 相同的检查。整个文件先全部校验：有任何一行不合格，"
                        "列出行号和原因，什么也不写入；全部合格则保存到 data/observations/ 并重建数据库。",
                        "A researcher's observed figures: columns region, indicator, year, value, unit, source (optional "
                        "month, note), checked as python -m etl observations add checks them. The whole file is validated "
                        "first: if any row is bad, each is listed by its number and reason and nothing is written; if every "
                        "row is good, the file is saved to data/observations/ and the warehouse rebuilt."),
    "obs_upload_file": ("观测值文件（.csv）", "Observations file (.csv)"),
    "obs_upload_button": ("校验并保存", "Validate and save"),
    "obs_upload_refused": ("文件未被接受，什么也没有写入（{n} 个问题）：", "The file was refused; nothing was written ({n} problem(s)):"),
    "obs_upload_row_column": ("行号", "Row"),
    "obs_upload_reason_column": ("原因", "Reason"),
    "obs_upload_saved": ("已保存 {rows} 个观测值为 {name}，数据库已重建。", "Saved {rows} observation(s) as {name}; the warehouse was rebuilt."),
    "obs_upload_read_only": ("此部署为只读（IPBENCH_READ_ONLY）：不能在这里保存观测值。请在本地运行 python -m etl observations add FILE.csv。",
                             "This deployment is read-only (IPBENCH_READ_ONLY): observations cannot be saved here. "
                             "Run python -m etl observations add FILE.csv on a local copy."),
    "obs_upload_failed": ("重建失败，文件已撤回：{error}", "The rebuild failed and the file was taken back out: {error}"),
}
STRINGS.update(AMBITION_STRINGS)
COLUMN_LABELS.update({
    "required_change_text": AMBITION_STRINGS["required_change_text"],
    "required_annual_change": ("所需年均变化（数值）", "required_annual_change"),
    "required_change_unit": ("所需年均变化单位", "required_change_unit"),
    "required_change_from": ("所需年均变化的算法", "required_change_from"),
})
COLUMN_MEANINGS_ZH["required_change_text"] = "所需年均变化的写法（如 24%/年），按页面语言；数值见 required_annual_change"

# Issue 21/23: what looks odd about a text and when it was written (dashboard.text_checks), the review
# queue's own words, the sources page's date line.
TEXT_CHECK_STRINGS = {
    "checks_title": ("文本检查", "Text checks"),
    "check_ok_confusable_digits": ("年份和数字中没有混入字母", "No letter typed among the digits"),
    "check_confusable_digits": ("第 {lines} 行数字中夹有字母，已按数字读取：{texts}",
                                "A letter typed among digits (line {lines}), read as digits: {texts}"),
    "check_ok_no_period": ("规划期：{start}—{end} 年", "Plan period: {start}–{end}"),
    "check_ok_no_period_open": ("找到规划期", "Plan period found"),
    "check_no_period": ("文中未找到规划期：目标年份取自登记信息或留空，请核对", "No plan period in the text: due years come from "
                        "the record or stay empty; please check"),
    "check_ok_no_anchor": ("找到文本自身的日期", "The text says when it was written"),
    "check_no_anchor": ("未找到文本写于何时：无法按年份区分已完成的数字和目标", "No date saying when the text was written: "
                        "achievements cannot be told from targets by their year"),
    "check_ok_undated_targets": ("每个目标都有目标年份", "Every target has a due year"),
    "check_undated_targets": ("{n} 个目标没有目标年份{rows}", "{n} target(s) without a due year{rows}"),
    "check_ok_unnamed_targets": ("每个目标的句子中都有指标名称", "Every target names its indicator in its own sentence"),
    "check_unnamed_targets": ("{n} 个目标的句子中没有指标名称{rows}：名称是否写在上一行？",
                              "{n} target(s) without a name in their own sentence{rows}: is the name on the line before?"),
    "check_rows": ("（表中第 {rows} 行）", " (table row {rows})"),
    "anchor_written": ("写于：{when}（{source}：「{text}」）", "Written: {when} ({source}: 「{text}」)"),
    "anchor_none": ("写于：未找到日期", "Written: no date found"),
    "anchor_heading": ("标题年份", "title year"),
    "anchor_dateline": ("电头", "dateline"),
    "anchor_issued": ("印发", "issued"),
    "anchor_title_period": ("标题中的规划期", "period in the title"),
    "genre_label": ("文本类型：{genre}", "Kind of text: {genre}"),
    "genre_plan": ("工作方案", "work plan"),
    "genre_news": ("新闻报道", "news item"),
    "genre_progress": ("进展报告", "progress report"),
    "genre_workpoints": ("工作要点", "work points"),
    "genre_unknown": ("未能判断", "not told"),
    "review_kind_odd_text": ("文本异常", "odd text"),
    "queue_reason_no_name": ("未找到名称", "no name found"),
    "queue_reason_unit": ("单位 {unit} 与指标“{indicator}”的单位（{expected}）不符", "unit {unit} does not fit "
                          "“{indicator}” ({expected})"),
    "queue_reason_unmapped": ("名称未对应到指标", "unmapped name"),
    "queue_reason_numeral": ("中文数字", "Chinese numeral"),
    "queue_reason_far": ("名称离数字较远", "name far from its number"),
    "queue_reason_table_year": ("表格行没有年份", "table row without a year"),
    "queue_reason_folded": ("由繁体转换的文本", "folded traditional text"),
    "queue_annex_vs_text": ("正文为 {text}，附表「{table}」合计 {annex}（{row}，{period}）；两者均保留",
                            "the plan text says {text} but the annex table 「{table}」 totals {annex} ({row}, {period}); "
                            "both are kept"),
    "queue_annex_sum": ("附表「{table}」{period}：{n} 个镇街相加为 {added}，但“{row}”行为 {stated}",
                        "annex table 「{table}」, {period}: the {n} towns add up to {added}, but the {row} row says {stated}"),
    "queue_correction_not_applied": ("未应用的修正：{changes}", "correction not applied: {changes}"),
    "date_line": ("日期：{date}（{status}）", "Date: {date} ({status})"),
    "empty_not_divided": ("不按人口计：机构、权利、案件数和比率不除以常住人口", "Not per resident: counts of bodies, "
                          "rights and cases, and rates, are not divided by population"),
    "empty_no_population": ("这些地区没有常住人口数据，无法按每万人计算", "No population figure for these regions: "
                            "nothing to divide by"),
    "empty_no_yearly": ("无法按年均计算：期末水平目标未给出起点", "No yearly figure: a level to reach without a "
                        "starting point cannot be spread over the years"),
    "uploader_button": ("选择文件", "Upload"),
    "uploader_limit": ("每个文件不超过 {mb} MB", "{mb}MB per file"),
    "ov_uploaded": ("本次上传", "uploaded"),
    "review_col_doc": ("方案编号", "Plan id"),
    "restates_mark": ("复述 {target}，只计一次", "restates {target}, counted once"),
}
STRINGS.update(TEXT_CHECK_STRINGS)


# --- Issue 20 (indicators as facets): how a target's indicator was decided and what its name states, on the
# sources page, in the review queue's groups and in the downloads' data dictionary. One block, to merge easily.
DECIDED_BY_LABELS = {
    "named": ("由要素命名", "named by facets"),
    "derived": ("由要素派生（词典未命名此组合）", "derived from facets (no dictionary entry names this combination)"),
    "unmapped": ("未归类", "unmapped"),
}
FACET_LABELS = {
    "subject": ("主体", "subject"), "measure": ("计量", "measure"), "normaliser": ("分母", "normaliser"),
    "qualifiers": ("限定", "qualifiers"), "tier": ("级别", "tier"), "growth": ("增长率", "growth"),
}
# The harmoniser's reasons (etl.harmonize.facets, etl.harmonize.dictionary) as a page words them: a pattern
# on the English the warehouse stores → its words; {0} is what the pattern caught (a name's words, quoted).
DECISION_REASONS = [
    (r"no name", ("未找到名称", "no name found")),
    (r"empty name", ("名称为空", "empty name")),
    (r"no kind of thing named \(subject\)", ("名称未写明所计何物（主体）", "the name says no kind of thing it counts (subject)")),
    (r"names no measure for a kind counted several ways.*", ("未写明计量：此类可按申请、授权或拥有计（或按场次、人次）",
                                                             "no measure named for a kind counted several ways "
                                                             "(applied, granted or held; sessions or person-times)")),
    (r"the name ends in words the vocabulary does not know, or qualifies a generic word with them \((.+)\)",
     ("名称以词表不认识的词结尾，或用它们修饰泛称：「{0}」", "the name ends in words the vocabulary does not know, "
                                                     "or qualifies a generic word with them: 「{0}」")),
    (r"names a kind the vocabulary does not know \((.+)\)",
     ("名称中的类别词表不认识：「{0}」", "names a kind the vocabulary does not know: 「{0}」")),
    (r"unit (.+) does not fit (\S+) \((.+)\)", ("单位 {0} 与指标 {1} 的单位（{2}）不符", "unit {0} does not fit {1} ({2})")),
    (r"no name; the clause before it: (.+)", ("未找到名称；前一分句：{0}", "no name; the clause before it: {0}")),
    (r"a member of a respective \(fenbie\) list: (.+)", ("“分别”列举中的一项：{0}", "a member of a respectively (fenbie) list: {0}")),
    (r"density written after the name", ("密度写在名称之后", "density written after the name")),
    (r"density shared across the list", ("列举共用一个密度", "density shared across the list")),
    (r"measure written after the name", ("计量写在名称之后", "measure written after the name")),
    (r"kind read from the sentence before the name", ("类别取自名称前的句子", "kind read from the sentence before the name")),
]
FACETS_STRINGS = {
    "decision_line": ("{how}：{facets}", "{how}: {facets}"),
    "decision_reason": ("（{reason}）", " ({reason})"),
    "decision_no_facets": ("名称读不出要素", "no facets read from the name"),
    "decision_reason_other": ("原因：{reason}", "reason: {reason}"),
    "sources_decisions_title": ("各目标的指标如何确定", "How each target's indicator was decided"),
    "sources_decisions_help": ("“由要素命名”：名称读出的要素组合（主体 × 计量 × 分母 × 限定 × 级别）正是指标词典中的一项；"
                               "“派生”：词典尚未命名该组合，按要素自动生成编号和名称，仍可与其他方案的同一组合对比；"
                               "“未归类”：读不出要素，或单位与该组合的指标不符，附原因。",
                               "“Named by facets”: the facets read from the name (subject × measure × normaliser × "
                               "qualifiers × tier) are exactly a dictionary entry's; “derived”: no entry names the "
                               "combination yet, so its id and label are composed from the facets and it still compares "
                               "with the same combination in other plans; “unmapped”: no facets could be read, or the "
                               "unit does not fit the combination's indicator — with the reason."),
    "col_decided_by": ("指标确定方式", "Indicator decided by"),
    "col_facets": ("要素", "Facets"),
    "col_raw_name": ("方案用语", "Plan wording"),
    "review_groups_title": ("待命名的组合与未归类名称（{n} 组）", "Combinations to name and unmapped names ({n} groups)"),
    "review_groups_intro": ("派生目标按要素组合分组，未归类目标按规范化后的名称分组；每组一行。为一个组合命名一次"
                            "（把下面的词条加入 data/reference/indicators.yaml），或逐个修正目标。",
                            "Derived targets grouped by their facet combination, unmapped ones by their normalised "
                            "name; one line a group. Name a combination once (add the entry below to "
                            "data/reference/indicators.yaml), or correct one target."),
    "review_groups_none": ("每个目标都由词典中的指标命名。", "Every target is named by a dictionary entry."),
    "review_group_derived": ("派生", "derived"),
    "review_group_unmapped": ("未归类", "unmapped"),
    "review_group_reason_derived": ("词典未命名此组合", "no dictionary entry names this combination"),
    "review_group_col_kind": ("类型", "Kind"),
    "review_group_col_group": ("组合或名称", "Combination or name"),
    "review_group_col_facets": ("要素", "Facets"),
    "review_group_col_targets": ("目标数", "Targets"),
    "review_group_col_regions": ("地区数", "Regions"),
    "review_group_col_reason": ("原因", "Reason"),
    "review_group_col_names": ("方案用语", "Plan wordings"),
    "review_group_pick": ("查看一组", "Open a group"),
    "review_group_entry": ("为此组合命名：把这个词条加入 data/reference/indicators.yaml（核对名称、类别和单位；"
                           "别名只列单独读出此组合的用语），然后重建数据库。",
                           "Name this combination: add this entry to data/reference/indicators.yaml (check the "
                           "names, category and unit; the aliases list only wordings that read as this combination "
                           "alone), then rebuild."),
    "review_group_no_entry": ("读不出要素的名称不能由词典命名：在 etl/vocab/facets.py 中补充词语，或逐个修正目标。",
                              "A name whose facets cannot be read cannot be named by the dictionary: teach "
                              "etl/vocab/facets.py the word, or correct each target."),
    "review_group_conflict": ("要素已由词典命名，但单位不符：逐个修正目标的单位或指标。",
                              "The dictionary names these facets, but the unit does not fit: correct each target's "
                              "unit or indicator."),
    "review_group_targets": ("本组目标", "This group's targets"),
}
STRINGS.update(FACETS_STRINGS)
COLUMN_LABELS.update({
    "facets": ("要素", "Facets"),
    "facets_label": ("要素（名称）", "Facets (label)"),
    "indicator_decided_by": FACETS_STRINGS["col_decided_by"],
    "indicator_reason": ("指标确定说明", "Indicator note"),
})
COLUMN_MEANINGS_ZH.update({
    "facets": "名称所计的内容，读作要素：subject=主体（所计何物）; measure=计量（申请量、授权量、拥有量、金额、比率…）"
              "[; normaliser=分母（每万人口…）][; qualifiers=限定（高价值、海外…，多项以 + 连接）][; tier=级别（国家级、省级…）]"
              "[; growth 为该计量的增长率]；代码见 etl/vocab/facets.py；读不出要素时为空",
    "facets_label": "要素的名称（中文 / 英文），与 facets 一一对应",
    "indicator_decided_by": "指标的确定方式：named 由要素命名（要素组合正是 data/reference/indicators.yaml 中的一项）；"
                            "derived 派生（词典未命名该组合：编号为 d__<要素>，名称由要素生成，仍可与其他方案的同一组合对比）；"
                            "unmapped 未归类（读不出要素，或单位与该组合的指标不符，原因见 indicator_reason）",
    "indicator_reason": "未归类的原因，或句子为名称补充了什么（共用的密度、名称前一分句的类别…）",
})


# --- issue 23 (pages helper): why an observations file was refused, in the reader's language --------
# One entry per etl.warehouse.observations.PROBLEM_REASONS code (etl.api.OBSERVATION_PROBLEM_CODES),
# written from the same named parts; tests/test_progress_page.py holds the two tables together.
OBSERVATION_PROBLEMS = {
    "not_text": ("不是可读的 CSV 文件（{error}）", "not a readable CSV file ({error})"),
    "unreadable_csv": ("无法按 CSV 读取（{error}）", "not readable as CSV ({error})"),
    "columns": ("列不对：缺少 {missing}；多出 {unknown}（可用的列：{expected}）",
                "wrong columns: missing {missing}; unknown {unknown} (columns: {expected})"),
    "no_region": ("没有填写地区", "no region"),
    "ambiguous_region": ("地区名“{name}”对应 {n} 个地区（{ids}）：请填写地区编号", "region name “{name}” names {n} "
                         "regions ({ids}): use its region_id"),
    "unknown_region": ("未知地区“{name}”（既不是地区编号，也不是已收录方案的地区名）", "unknown region “{name}” "
                       "(not a region_id or a region name of the stored plans)"),
    "unknown_indicator": ("未知指标“{name}”（指标词典中没有这个编号、名称或别名）", "unknown indicator “{name}” "
                          "(no indicator id, name or alias the dictionary maps)"),
    "bad_year": ("年份“{value}”不是年份", "year “{value}” is not a year"),
    "bad_month": ("月份“{value}”不是 1–12 的月份", "month “{value}” is not a month (1–12)"),
    "bad_value": ("数值“{value}”不是数字", "value “{value}” is not a number"),
    "unit_mismatch": ("单位“{unit}”无法换算为指标 {indicator} 的单位“{indicator_unit}”", "unit “{unit}” does not "
                      "convert to {indicator}'s unit “{indicator_unit}”"),
    "no_source": ("没有来源（请写明数字发布在哪里）", "no source (say where the figure was published)"),
    "duplicate": ("与{where}重复（地区、指标、年份和月份相同）", "duplicate of {where} (same region, indicator, year "
                  "and month)"),
    "empty_file": ("文件中没有观测值", "no observations in the file"),
    "already_added": ("此文件已在 data/observations/ 中，名为 {name}", "this file is already in data/observations/ as "
                      "{name}"),
}
OBSERVATION_ROW = ("第 {row} 行", "row {row}")  # where a duplicate's first copy is
OBSERVATION_FILE_ROW = ("{file} 第 {row} 行", "{file} row {row}")


def observation_problem(code: str, details: dict, lang: str, fallback: str = "") -> str:
    """A refused observation row's reason in `lang`, from its code and parts (etl RowProblem); an
    unknown code (an older ETL) falls back to the ETL's English."""
    if code not in OBSERVATION_PROBLEMS:
        return fallback
    parts = {key: ("—" if value in ("", None) else value) for key, value in (details or {}).items()}
    if code == "duplicate":
        file, row = details.get("file") or "", details.get("first_row")
        parts["where"] = pick(OBSERVATION_FILE_ROW if file else OBSERVATION_ROW, lang).format(file=file, row=row)
    return pick(OBSERVATION_PROBLEMS[code], lang).format(**parts)
STRINGS.update({
    "ov_count_header": ("量化 / 定性", "numbers / words"),  # an overview card's targets per category
})
# A quality note's kind (table quality_notes, written by the ETL): what it is, in the page's language (what
# it says: QUALITY_NOTE_MESSAGES below).
QUALITY_NOTE_KINDS = {
    "annex_vs_text": ("正文与附表不一致", "text and annex differ"),
    "annex_sum": ("附表合计不符", "annex total differs"),
    "town_name": ("镇街名称校正", "town name corrected"),
    "unmapped_name": ("名称未归类", "unmapped name"),
    "unmapped_category": ("类别未归类", "unmapped category"),
    "context_skipped": ("背景数据未采用", "context figure not used"),
    "damaged_text": ("文本受损", "damaged text"),
    "odd_text": ("文本异常", "odd text"),
    "correction_not_applied": ("修正未应用", "correction not applied"),
    "observation_not_applied": ("观测值未应用", "observation not applied"),
}
STRINGS.update({
    "quality_col_kind": ("类型", "Kind"),
    "quality_col_message": ("说明", "Message"),
    "quality_col_detail": ("详情", "Detail"),
})


def quality_note_kind(kind: str | None, lang: str) -> str:
    return pick(QUALITY_NOTE_KINDS[kind], lang) if kind in QUALITY_NOTE_KINDS else (kind or "")


# --- issue 23 (notes helper): each quality note in the page's language, and the review page's group link ----
# One entry per etl.warehouse.quality_notes.NOTE_TEMPLATES code (etl.api.QUALITY_NOTE_CODES), written from
# the note's stored parts (quality_notes.parts); tests/test_quality_note_codes.py holds the two tables together.
# English pages pass the result through dashboard.glossary.english_text (the plan's words: listed terms in
# English, the rest in 「」).
QUALITY_NOTE_MESSAGES = {
    "unmapped_name": ("“{name}”未对应到任何标准指标", "“{name}” maps to no named indicator"),
    "unmapped_category": ("“{name}”（{file}，第 {line} 行）没有类别：指标词典与其所在章节标题都未指明五个环节之一",
                          "“{name}” ({file}, line {line}) has no category: neither the indicator dictionary nor its "
                          "section heading names one of the five links"),
    "damaged_radicals": ("{file}：{count} 个部首或兼容字符已替换为其所代表的汉字（文本层所用字体把汉字映射为部首）；"
                         "请对照原件核对目标",
                         "{file}: {count} radical or compatibility character(s) were replaced by the characters they "
                         "stand for (the text layer's font maps characters to radicals); check the targets against "
                         "the original"),
    "damaged_replacement": ("{file}：{count} 个字符为 U+FFFD（�），在文件解码前后丢失：附近的数字或名称可能有误",
                            "{file}: {count} character(s) are U+FFFD (�), lost before or while the file was "
                            "decoded: numbers or names near them may be wrong"),
    "damaged_no_title": ("{file}：前几行中没有方案标题：文本可能受损，或并非工作方案",
                         "{file}: no plan title in the first lines: the text may be damaged, or this may not be a plan"),
    "odd_confusable_digits": ("{file}：第 {line} 行数字中夹有字母，已读作 {text}",
                              "{file}: line {line}: a letter typed among digits, read as {text}"),
    "odd_no_period": ("{file}：文中未找到方案期限：目标年份取自清单或留空",
                      "{file}: no plan period in the text: due years come from the manifest or stay empty"),
    "odd_no_anchor": ("{file}：文中未找到成文日期：无法按年份区分已完成数与目标",
                      "{file}: no date saying when the text was written: achievements cannot be told from targets "
                      "by their year"),
    "odd_undated_targets": ("{file}：{count} 个目标没有目标年份", "{file}: {count} target(s) without a due year"),
    "odd_unnamed_targets": ("{file}：{count} 个目标所在句中没有名称（名称是否在上一行？）",
                            "{file}: {count} target(s) without a name in their own sentence (is the name on the line "
                            "before?)"),
    "annex_columns_differ": ("附表「{table}」：{town} 的 {period} 目标列为 {first}，总数列却为 {second}",
                             "annex table 「{table}」: {town}: the {period} target column says {first} but the total "
                             "column says {second}"),
    "annex_short_row": ("附表「{table}」：{town} 行只有 {count} 个数字，应有 {width} 列；该行未采用",
                        "annex table 「{table}」: row {town}: {count} numbers where {width} columns were expected; "
                        "row skipped"),
    "annex_nameless_row": ("附表「{table}」：一行没有镇街名称，未采用：{row}",
                           "annex table 「{table}」: a row with no town name was skipped: {row}"),
    "annex_towns_sum": ("附表「{table}」{period}：{count} 个镇街相加为 {added}，但“{total_row}”行为 {stated}",
                        "annex table 「{table}」, {period}: the {count} towns add up to {added}, but the {total_row} "
                        "row says {stated}"),
    "annex_years_sum": ("附表「{table}」{town}：各年相加为 {added}，但 {span} 合计为 {stated}",
                        "annex table 「{table}」, {town}: the years add up to {added}, but the {span} total says "
                        "{stated}"),
    "town_name_tie": ("镇街「{town}」与「{other}」只差一个字且从不同表出现，各用于 {count} 张表：无法判断哪个写法正确，"
                      "均按原文保留",
                      "towns 「{town}」 and 「{other}」 differ by one character and never appear in the same table; "
                      "each is used in {count} table(s), so both are kept as written"),
    "town_name_fixed": ("镇街「{town}」（见于 {tables}）与「{spelling}」（见于其他 {count} 张表）只差一个字且从不同表出现："
                        "视为笔误，镇街目标按「{spelling}」记",
                        "town 「{town}」 (in {tables}) differs by one character from 「{spelling}」 (in {count} other "
                        "tables) and never appears beside it: taken as a misspelling, its rows filed under "
                        "「{spelling}」"),
    "annex_vs_text": ("{indicator}：正文为 {text_value}，附表「{table}」合计 {annex_value}（{row}，{period}）；两者均保留",
                      "{indicator}: the plan text says {text_value} but the annex table 「{table}」 totals "
                      "{annex_value} ({row}, {period}); both are kept"),
    "annex_vs_text_additions": ("{indicator}：正文为 {text_value}，附表「{table}」合计 {annex_value}（{row}，{period}）；"
                                "两者均保留：正文设定的是要达到的存量，附表计的是新增量，二者不必相等",
                                "{indicator}: the plan text says {text_value} but the annex table 「{table}」 totals "
                                "{annex_value} ({row}, {period}); both are kept: the text sets a level to reach "
                                "while the annex counts additions, so they need not be equal"),
    "context_no_value": ("{figure}（{year}）未采用：没有数值（未找到）", "{figure} ({year}) not used: no value (not found)"),
    "context_bound_only": ("{figure}（{year}）未采用：只知道界限（{cell}）",
                           "{figure} ({year}) not used: only a bound is known ({cell})"),
    "context_not_single": ("{figure}（{year}）未采用：不是单一数值（{cell}）",
                           "{figure} ({year}) not used: not a single figure ({cell})"),
    "correction_stale": ("data/corrections/{file} 中的第 {number} 条修正（{action}，{who}）：修正之后方案文件已改变"
                         "（sha256 不同）；修正保留，未应用",
                         "correction #{number} in data/corrections/{file} ({action}, by {who}): the plan file "
                         "changed since it was made (new sha256); kept, not applied"),
    "correction_sentence_gone": ("data/corrections/{file} 中的第 {number} 条修正（{action}，{who}）：其句子已不在方案文本中；"
                                 "修正保留，未应用",
                                 "correction #{number} in data/corrections/{file} ({action}, by {who}): its sentence "
                                 "is no longer in the plan's text; kept, not applied"),
    "correction_no_row": ("data/corrections/{file} 中的第 {number} 条修正（{action}，{who}）：该句中没有符合 {match} "
                          "的提取结果；修正保留，未应用",
                          "correction #{number} in data/corrections/{file} ({action}, by {who}): no extracted row of "
                          "that sentence fits {match}; kept, not applied"),
    "correction_ambiguous": ("data/corrections/{file} 中的第 {number} 条修正（{action}，{who}）：该句中有 {count} 条提取"
                             "结果符合 {match}；修正保留，未应用",
                             "correction #{number} in data/corrections/{file} ({action}, by {who}): {count} extracted "
                             "rows of that sentence fit {match}; kept, not applied"),
    "correction_orphan": ("data/corrections/{file} 中的第 {number} 条修正：方案 {doc_id} 不在清单中；修正保留，未应用",
                          "correction #{number} in data/corrections/{file}: plan {doc_id} is not in the manifest; "
                          "kept, not applied"),
    "observation_refused": ("data/observations/{file} 第 {row} 行：{reason}；该行保留在文件中，未应用",
                            "data/observations/{file} row {row}: {reason}; the row is kept in the file, not applied"),
}
# The English words a note's parts may hold, as a Chinese page writes them.
QUALITY_NOTE_WORDS = {
    "edit": ("修改", "edit"), "reject": ("删除", "reject"), "add": ("补录", "add"), "unknown": ("未署名", "unknown"),
    "no year": ("无年份", "no year"),
}
QUALITY_NOTE_KINDS.setdefault("annex_parse", ("附表读取说明", "annex reading"))
