"""Bring your own plan: upload a .txt/.docx/.pdf, check and correct what the ETL read, and
compare it with the four plans for this session.  The logic is in dashboard.upload; this page
only draws it.  Nothing here writes to the warehouse; "save to data/raw" is a separate,
explicit step for a local checkout.
"""

import pandas as pd
import streamlit as st
from streamlit import config

from dashboard import ui
from dashboard import upload as up
from dashboard.i18n import category_label, column_label, pick, scope_label
from etl.errors import PlanError
from etl.schema import CATEGORIES, COMPARATORS, SCOPES

ui.ensure_shell()
view = ui.get_view()
lang = view.lang

# The page's own words (zh, en); the shared ones come from dashboard.i18n.
TEXT = {
    "title": ("上传方案", "Upload a plan"),
    "intro": ("上传一份知识产权强县/强市工作方案（.txt、.docx 或 .pdf，不超过 {mb} MB），用与四个地区相同的规则提取目标；"
              "核对、修改后点击“用于对比”，本次会话中它将出现在对比、单项指标和数据页面。文件不会保存到服务器。",
              "Upload an IP work plan (.txt, .docx or .pdf, up to {mb} MB). Its targets are read by the same rules as "
              "the four plans; check and correct them, then press “Use in comparison” to see it beside the four on the "
              "compare, indicator and data pages for this session. The file is not kept on the server."),
    "uploader": ("方案文件（.txt / .docx / .pdf）", "Plan file (.txt / .docx / .pdf)"),
    "uploader_help": ("文本文件可为 UTF-8 或 GB18030 编码；扫描版 PDF 需先做文字识别。",
                      "Text files in UTF-8 or GB18030; a scanned PDF must be OCR'd first."),
    "reading": ("正在读取并提取目标…", "Reading the plan and extracting its targets…"),
    "bad_file": ("无法使用这个文件：{message}", "This file cannot be used: {message}"),
    "unexpected": ("读取文件时出错（{error}）。请确认它是 .txt、.docx 或 .pdf 格式的方案。",
                   "Reading the file failed ({error}). Is it a plan in .txt, .docx or .pdf?"),
    "read_ok": ("已读取 {name}（{kind}）。", "Read {name} ({kind})."),
    "title_found": ("方案标题：{title}", "Plan title: {title}"),
    "no_title": ("未找到方案标题，请填写地区名称。", "No plan title found: please type the region's name."),
    "candidates": ("候选数字", "Candidate numbers"),
    "kept": ("保留为量化目标", "Kept as numeric targets"),
    "qualitative": ("定性目标", "Qualitative goals"),
    "skipped": ("跳过的数字", "Numbers skipped"),
    "region": ("地区名称", "Region name"),
    "region_help": ("从方案标题推断，可修改。", "Read from the plan's title; you can change it."),
    "region_id": ("在本会话中的编号：{rid}（不是行政区划代码）", "Id in this session: {rid} (not a GB/T 2260 code)"),
    "region_missing": ("请填写地区名称。", "Please type the region's name."),
    "region_taken": ("“{name}”与已有方案同名；上传的方案将显示为“{shown}”。",
                     "“{name}” is the name of a plan already loaded; the upload is shown as “{shown}”."),
    "uploaded_suffix": ("（上传）", " (upload)"),
    "period_start": ("规划期起始年", "Plan period: first year"),
    "period_end": ("规划期结束年", "Plan period: last year"),
    "population": ("常住人口（万人，可选）", "Population (10k, optional)"),
    "population_help": ("填写后可按“每万常住人口”对比；留空则不计算。",
                        "Fill in to compare per 10,000 residents; leave empty to skip per-10k values."),
    "editor_title": ("提取的目标：核对与修改", "Targets read from the plan: check and correct"),
    "editor_help": ("可修改指标、类别、数值、单位、比较、口径和年份；可删除行（勾选后按删除）或在末尾添加行。"
                    "修改过或添加的行标记为 manual（人工），不会当作自动提取的结果。",
                    "Indicator, category, value, unit, comparator, scope and year can be edited; rows can be deleted "
                    "(select, then delete) or added at the end. Rows you change or add are marked manual, never "
                    "passed off as extracted."),
    "manual_rows": ("{n} 行由你修改或添加，标记为 manual（人工）：{names}",
                    "{n} rows changed or added by you, marked manual: {names}"),
    "unmapped": ("以下方案用语未对应到指标词典（指标为空），不会出现在对比图中，只在数据表中出现；可在表中为其选择指标：{names}",
                 "These plan wordings did not map to the indicator dictionary (indicator empty): they appear in the "
                 "data tables but not on the compare charts. Pick an indicator in the table to chart them: {names}"),
    "skipped_title": ("未作为目标的数字（{n} 个）及原因", "Numbers not taken as targets ({n}) and why"),
    "skipped_reasons": ("原因统计", "Reasons"),
    "use": ("用于对比", "Use in comparison"),
    "stored": ("已加入本次会话的对比：{name}，{n} 行。", "Added to this session's comparison: {name}, {n} rows."),
    "replaced": ("已替换本次会话中 {name} 的数据：{n} 行。", "Replaced {name} in this session: {n} rows."),
    "nothing": ("表中没有行可用。", "The table has no rows to use."),
    "go_compare": ("打开按类别对比", "Open Compare by category"),
    "session_title": ("本次会话已上传的方案", "Plans uploaded in this session"),
    "session_row": ("**{name}**（{rid}）：{n} 行，其中 {manual} 行人工修改", "**{name}** ({rid}): {n} rows, {manual} changed by hand"),
    "remove": ("移除", "Remove"),
    "save_title": ("保存到 data/raw（仅本地）", "Save to data/raw (local checkout only)"),
    "save_help": ("把原文件复制到 data/raw/ 并在 sources.yaml 中登记（etl add）。之后运行 make db 重建数据库。",
                  "Copies the file into data/raw/ and records it in sources.yaml (etl add). Run make db afterwards to "
                  "rebuild the warehouse."),
    "save": ("保存到 data/raw", "Save to data/raw"),
    "saved": ("已保存为 {file}（doc_id {doc_id}）。运行 make db 后它将进入数据库。",
              "Saved as {file} (doc_id {doc_id}). Run make db to take it into the warehouse."),
    "save_warning": ("需人工补充：{warning}", "To fill in by hand: {warning}"),
    "save_failed": ("未保存：{message}", "Not saved: {message}"),
    "col_row": ("#", "#"), "col_indicator": ("指标", "Indicator"), "col_year": ("目标年份", "Target year"),
    "col_unit": ("单位", "Unit"),
    "unit_help": ("按原文写法，含万、亿：如 亿元、万件。", "As written, with 万/亿: e.g. 亿元, 万件."),
    "quote_help": ("原文句子（不可修改）；点击单元格可看全文。", "The plan's sentence (read-only); click a cell to read it all."),
    "col_value": ("数值", "Value"),
    "value_help": ("按原文写法：1.5亿元填 1.5、单位填 亿元。", "As written: for 1.5亿元 enter 1.5 and unit 亿元."), "col_reason": ("原因", "Reason"), "col_text": ("原文片段", "Text"),
}


def tr(key: str, **fmt) -> str:
    text = pick(TEXT[key], lang)
    return text.format(**fmt) if fmt else text


def upload_limit_mb() -> int:
    """One limit for both checks: the browser's (server.maxUploadSize) and the reader's."""
    return int(config.get_option("server.maxUploadSize"))


def load_plan(data: bytes, filename: str):
    """The file's reading, once per file per session: (plan, None) or (None, message)."""
    import hashlib

    key = (hashlib.sha256(data).hexdigest(), filename)
    cached = st.session_state.get("_upload_cache")
    if cached and cached[0] == key:
        return cached[1], cached[2]
    try:
        with st.spinner(tr("reading")):
            plan, message = up.read_plan(data, filename, max_bytes=upload_limit_mb() * 1024 * 1024), None
    except PlanError as error:
        plan, message = None, tr("bad_file", message=error.message)
    except Exception as error:  # an uploaded file must never take the page down with a traceback
        plan, message = None, tr("unexpected", error=f"{type(error).__name__}: {error}")
    # A new file starts from its own reading: forget the previous file's edits and names.
    for stale in ("upload_editor", "upload_region", "upload_period_start", "upload_period_end", "upload_population"):
        st.session_state.pop(stale, None)
    if plan is not None:
        st.session_state["upload_region"] = plan.region_guess or ""
        st.session_state["upload_period_start"] = plan.extraction.period[0]
        st.session_state["upload_period_end"] = plan.extraction.period[1]
    st.session_state["_upload_cache"] = (key, plan, message)
    return plan, message


def shown_name(region_zh: str) -> str:
    """A name that cannot be mistaken for one of the warehouse's plans on a chart."""
    known = set(view.regions["region_zh"].astype(str))
    if region_zh in known:
        shown = region_zh + pick(TEXT["uploaded_suffix"], "zh")
        st.warning(tr("region_taken", name=region_zh, shown=shown))
        return shown
    return region_zh


def editor_config(choices: dict[str, str]) -> dict:
    return {
        "row": st.column_config.NumberColumn(tr("col_row"), disabled=True, width=40, format="%d"),
        "quote": st.column_config.TextColumn(column_label("quote", lang), disabled=True, width=260,
                                             help=tr("quote_help")),
        "raw_name": st.column_config.TextColumn(column_label("raw_name", lang), width=150),
        "indicator_id": st.column_config.SelectboxColumn(tr("col_indicator"), options=list(choices), width="medium",
                                                         format_func=lambda i: choices.get(i, i)),
        "category": st.column_config.SelectboxColumn(column_label("category", lang), options=CATEGORIES,
                                                     format_func=lambda c: category_label(c, lang)),
        "value": st.column_config.NumberColumn(tr("col_value"), format="%.6g", width=80, help=tr("value_help")),
        "unit": st.column_config.TextColumn(tr("col_unit"), width=64, help=tr("unit_help")),
        "comparator": st.column_config.SelectboxColumn(column_label("comparator", lang), options=COMPARATORS,
                                                       width=90),
        "scope": st.column_config.SelectboxColumn(column_label("scope", lang), options=SCOPES, width=120,
                                                  format_func=lambda s: scope_label(s, lang, short=True)),
        "target_year": st.column_config.NumberColumn(tr("col_year"), min_value=2000, max_value=2100, step=1,
                                                     format="%d", width="small"),
    }


def show_counts(plan: up.UploadedPlan) -> None:
    columns = st.columns(4)
    columns[0].metric(tr("candidates"), plan.extraction.candidates_found)
    columns[1].metric(tr("kept"), plan.numeric_targets)
    columns[2].metric(tr("qualitative"), plan.qualitative_targets)
    columns[3].metric(tr("skipped"), len(plan.extraction.skipped))


def show_skipped(plan: up.UploadedPlan) -> None:
    skipped = up.skipped_table(plan.extraction.skipped)
    with st.expander(tr("skipped_title", n=len(skipped))):
        if skipped.empty:
            st.caption("—")
            return
        reasons = skipped["reason"].value_counts().rename_axis(tr("col_reason")).reset_index(name="n")
        st.markdown(f"**{tr('skipped_reasons')}**")
        st.dataframe(reasons, hide_index=True, key="upload_skipped_reasons")
        st.dataframe(skipped.rename(columns={"text": tr("col_text"), "reason": tr("col_reason")}),
                     hide_index=True, key="upload_skipped")


def show_session_uploads() -> None:
    uploaded = ui.uploaded_targets()
    if uploaded is None:
        return
    st.subheader(tr("session_title"))
    for region_id, rows in uploaded.groupby("region_id", sort=False):
        line = st.columns([6, 1])
        manual = int((rows["origin"] == "manual").sum())
        line[0].markdown(tr("session_row", name=rows["region_zh"].iloc[0], rid=region_id, n=len(rows), manual=manual))
        if line[1].button(tr("remove"), key=f"upload_remove_{region_id}"):
            st.session_state["uploaded_targets"] = up.remove_region(uploaded, region_id)
            st.rerun()
    st.page_link("pages/compare.py", label=tr("go_compare"), icon=":material/bar_chart:")


def offer_saving(data: bytes, filename: str, region_zh: str) -> None:
    if not up.saving_allowed():
        return
    with st.expander(tr("save_title")):
        st.caption(tr("save_help"))
        if st.button(tr("save"), key="upload_save"):
            try:
                entry = up.save_to_raw(data, filename, region_zh or None)
            except PlanError as error:
                st.error(tr("save_failed", message=error.message))
                return
            st.success(tr("saved", file=entry["file"], doc_id=entry["doc_id"]))
            for warning in entry.get("warnings", []):
                st.warning(tr("save_warning", warning=warning))


# --- the page ---------------------------------------------------------------------------------

st.title(tr("title"))
st.caption(tr("intro", mb=upload_limit_mb()))
file = st.file_uploader(tr("uploader"), type=up.ACCEPTED_TYPES, key="upload_file", help=tr("uploader_help"))

if file is not None:
    data = file.getvalue()
    plan, message = load_plan(data, file.name)
    if message:
        st.error(message, icon=":material/error:")
    else:
        kind = f"{plan.kind}, {plan.encoding}" if plan.kind == "txt" else plan.kind  # .docx/.pdf have no encoding
        st.success(tr("read_ok", name=plan.filename, kind=kind))
        st.caption(tr("title_found", title=plan.title) if plan.title else tr("no_title"))
        show_counts(plan)

        settings = st.columns([3, 2, 2, 3])
        region_zh = settings[0].text_input(tr("region"), key="upload_region", help=tr("region_help")).strip()
        start = settings[1].number_input(tr("period_start"), min_value=2000, max_value=2100, step=1,
                                         value=None, key="upload_period_start")
        end = settings[2].number_input(tr("period_end"), min_value=2000, max_value=2100, step=1,
                                       value=None, key="upload_period_end")
        population = settings[3].number_input(tr("population"), min_value=0.0, value=None, step=1.0,
                                              format="%.2f", key="upload_population", help=tr("population_help"))
        if region_zh:
            region_zh = shown_name(region_zh)
            st.caption(tr("region_id", rid=up.upload_region_id(region_zh)))
        else:
            st.error(tr("region_missing"))

        st.subheader(tr("editor_title"))
        st.caption(tr("editor_help"))
        edited = st.data_editor(up.editor_frame(plan.targets), key="upload_editor", num_rows="dynamic",
                                hide_index=True, column_order=up.EDITOR_COLUMNS,
                                height=min(36 * (len(plan.targets) + 2), 560), placeholder="—",
                                column_config=editor_config(up.indicator_choices()), width="stretch")

        finished = None
        if region_zh:
            period = (int(start) if start else None, int(end) if end else None)
            finished = up.finish_targets(plan, edited, region_zh, period=period,
                                         population_10k=float(population) if population else None)
            manual = int((finished["origin"] == "manual").sum())
            if manual:
                names = finished.loc[finished["origin"] == "manual", "raw_name"].fillna("—").astype(str)
                st.info(tr("manual_rows", n=manual, names="、".join(names)), icon=":material/edit:")
            unmapped = up.unmapped_names(finished)
            if unmapped:
                st.warning(tr("unmapped", names="、".join(unmapped)), icon=":material/help:")
        show_skipped(plan)

        if st.button(tr("use"), key="upload_use", type="primary", disabled=finished is None,
                     icon=":material/add_chart:"):
            if finished is None or finished.empty:
                st.error(tr("nothing"))
            else:
                before = ui.uploaded_targets()
                replacing = before is not None and finished["region_id"].iloc[0] in set(before["region_id"])
                st.session_state["uploaded_targets"] = up.store(before, finished)
                st.success(tr("replaced" if replacing else "stored", name=region_zh, n=len(finished)))

show_session_uploads()
if file is not None and plan is not None:
    offer_saving(data, plan.filename, region_zh)
