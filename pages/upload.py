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
from dashboard.i18n import category_label, column_label, scope_label, t
from etl.errors import PlanError
from etl.schema import CATEGORIES, COMPARATORS, SCOPES

ui.ensure_shell()
view = ui.get_view()
lang = view.lang



def tr(key: str, **fmt) -> str:
    return t(f"upload_{key}", lang, **fmt)


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
        shown = region_zh + t("upload_uploaded_suffix", "zh")
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
