"""Bring your own plan: upload a .txt/.docx/.pdf, check and correct what the ETL read, and
compare it with the four plans for this session.  The logic is in dashboard.upload and
dashboard.review; this page only draws it.  Nothing is written until a person asks: "save to the
plan store" copies the file into data/raw (or $IPBENCH_RAW_DIR), writes their corrections to
data/corrections/ with their reason and rebuilds, so the plan lasts (reload, new tab, shared
link); on a read-only host the plan stays in the session and a project file (the plan and the
corrections) can be downloaded and opened here again later.

The file is read in a child process (dashboard.upload_worker), never in the server's own
interpreter: a slow or huge file holds up only its own reading, which has a time and a memory
limit and a Cancel button.  Everything the file or the person supplies is shown through
`md` (dashboard.safe_text), as text, never as Markdown or HTML.
"""

import hashlib
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit import config

from dashboard import review as rv
from dashboard import text_checks
from dashboard import upload as up
from dashboard import upload_worker as worker
from dashboard.i18n import category_label, column_label, scope_label, t
from dashboard.safe_text import md
from dashboard.services import store as writing
from dashboard.services.vocabulary import CATEGORY_VALUES, COMPARATORS, MAX_NUMBERS, MAX_TEXT_CHARS, SCOPES, PlanError
from dashboard.ui import context, layout

layout.ensure_shell()
view = context.get_view()
lang = view.lang

# Widgets that belong to one file's reading: a new file starts from its own.
PER_FILE = ("upload_editor", "upload_region", "upload_period_start", "upload_period_end", "upload_population",
            "upload_why", "upload_who")
store = rv.plan_store()


# What reading a file leaves behind (nothing) and the most a plan may hold (etl.read.readers).
WHAT_READING_KEEPS = {
    "zh": "读取方案不会在服务器上写入任何文件（也不写缓存），只有“保存到方案库”才会写入。一份方案最多 {chars:,} 字、"
          "{numbers:,} 个数字（本类方案通常约一万字），超过即拒绝读取并说明原因。",
    "en": "Reading a plan writes no file on the server (no cache either); only “Save to the plan store” does. A plan "
          "may hold up to {chars:,} characters and {numbers:,} numbers (plans of the genre hold about 10,000 "
          "characters); a bigger file is refused with its reason.",
}


def tr(key: str, **fmt) -> str:
    return t(f"upload_{key}", lang, **fmt)


def upload_limit_mb() -> int:
    """One limit for both checks: the browser's (server.maxUploadSize) and the reader's."""
    return int(config.get_option("server.maxUploadSize"))


def load_plan(data: bytes, filename: str):
    """The file's reading, once per file per session: (plan, None) or (None, message).
    A rerun while the child works waits for the same child; a finished reading is cached."""
    key = (hashlib.sha256(data).hexdigest(), filename)
    cached = st.session_state.get("_upload_cache")
    if cached and cached[0] == key:
        return cached[1], cached[2]
    try:
        shown = up.check_filename(filename)  # before any process starts: NUL bytes, wrong type
    except PlanError as error:
        plan, message, retry = None, tr("bad_file", message=md(error.message)), False
    else:
        job = job_for(key, data, filename)
        outcome = wait_for(job, shown)
        plan, message, retry = outcome_result(outcome, shown, job.limits)
    start_from(plan)
    st.session_state["_upload_cache"] = (key, plan, message, retry)
    return plan, message


def start_from(plan) -> None:
    """A new file starts from its own reading: forget the previous file's edits and names."""
    for stale in PER_FILE:
        st.session_state.pop(stale, None)
    if plan is not None:
        st.session_state["upload_region"] = plan.region_guess or ""
        st.session_state["upload_period_start"] = plan.extraction.period[0]
        st.session_state["upload_period_end"] = plan.extraction.period[1]
        project = project_of(plan)
        if project is not None:  # a project file reopened: the names the person gave last time
            st.session_state["upload_region"] = project.region_zh or plan.region_guess or ""
            st.session_state["upload_period_start"] = project.period[0] or plan.extraction.period[0]
            st.session_state["upload_period_end"] = project.period[1] or plan.extraction.period[1]
            st.session_state["upload_population"] = project.population_10k


def project_of(plan) -> rv.Project | None:
    """The opened project file, when it holds this plan."""
    project = st.session_state.get("_upload_project")
    if project is None or hashlib.sha256(project.data).hexdigest() != plan.sha256:
        return None
    return project


def open_project(file) -> tuple[rv.Project | None, str | None]:
    """A project file (.json: a plan and its corrections, downloaded from this page before),
    dropped where a plan goes: (project, None), (None, message), or (None, None) for a plan."""
    if file is None or not file.name.lower().endswith(".json"):
        st.session_state.pop("_upload_project", None)
        return None, None
    try:
        project = rv.read_project(file.getvalue(), up.shown_filename(file.name))
    except PlanError as error:
        st.session_state.pop("_upload_project", None)
        return None, tr("project_bad", message=md(error.message))
    if st.session_state.get("_upload_project") is None:
        st.success(tr("project_loaded", name=md(project.filename), n=len(project.corrections)))
    st.session_state["_upload_project"] = project
    return project, None


def editor_start(plan) -> pd.DataFrame:
    """The table the editor starts from: the extraction, or a reopened project's corrections on it."""
    project = project_of(plan)
    return rv.editor_from_entries(plan, project.corrections) if project else up.editor_frame(plan.targets)


def job_for(key, data: bytes, filename: str) -> worker.Job:
    """The child reading this file: the one already at work (this is a rerun), or a new one."""
    current = st.session_state.get("_upload_job")
    if current and current[0] == key:
        return current[1]
    stop_reading()
    job = worker.Job(worker.read_uploaded, (data, filename, upload_limit_mb() * 1024 * 1024),
                     worker.Limits.from_env())
    st.session_state["_upload_job"] = (key, job)
    return job


def stop_reading() -> None:
    """Kill the child still reading a file the person has replaced or removed."""
    current = st.session_state.pop("_upload_job", None)
    if current:
        current[1].cancel()


def wait_for(job: worker.Job, name: str) -> worker.Outcome:
    """The child's outcome, with a running clock and a Cancel button.  Any click reruns the page
    and stops this wait (at the next status update) but not the child: the next run waits for
    the same child, or kills it if the click was Cancel."""
    shown, limit = md(name), f"{job.limits.seconds:g}"
    holder = st.empty()
    with holder.status(tr("reading", name=shown), expanded=True) as status:
        if st.button(tr("cancel"), key="upload_cancel", icon=":material/cancel:"):
            job.cancel()
        while (outcome := job.poll(0.5)) is None:
            status.update(label=tr("reading_elapsed", name=shown, s=int(job.elapsed), limit=limit), expanded=True)
    holder.empty()
    st.session_state.pop("_upload_job", None)
    return outcome


def outcome_result(outcome: worker.Outcome, name: str, limits: worker.Limits):
    """(plan, message, may be retried): a refused file fails the same way every time; a
    cancelled, slow or crashed reading may do better on a second try."""
    if outcome.ok:
        return outcome.value, None, False
    shown = md(name)
    key, values = {
        worker.REFUSED: ("bad_file", {"message": md(outcome.message)}),
        worker.TIMEOUT: ("timeout", {"name": shown, "s": f"{limits.seconds:g}"}),
        worker.MEMORY: ("memory", {"name": shown, "mb": limits.memory_mb}),
        worker.CANCELLED: ("cancelled", {"name": shown}),
        worker.CRASHED: ("crashed", {"name": shown, "code": md(outcome.message)}),
    }.get(outcome.status, ("unexpected", {"error": md(outcome.message)}))
    return None, tr(key, **values), outcome.status != worker.REFUSED


def offer_retry() -> None:
    """The "read it again" button, after a reading that was cancelled, too slow or crashed."""
    cached = st.session_state.get("_upload_cache")
    if cached and cached[3] and st.button(tr("retry"), key="upload_retry", icon=":material/refresh:"):
        st.session_state.pop("_upload_cache", None)
        st.rerun()


def shown_name(region_zh: str) -> str:
    """A name that cannot be mistaken for one of the warehouse's plans on a chart."""
    known = set(view.regions["region_zh"].astype(str))
    if region_zh in known:
        shown = region_zh + t("upload_uploaded_suffix", "zh")
        st.warning(tr("region_taken", name=md(region_zh), shown=md(shown)))
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
        "category": st.column_config.SelectboxColumn(column_label("category", lang), options=CATEGORY_VALUES,
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
    uploaded = context.uploaded_targets()
    if uploaded is None:
        return
    st.subheader(tr("session_title"))
    for region_id, rows in uploaded.groupby("region_id", sort=False):
        line = st.columns([6, 1])
        manual = int((rows["origin"] == "manual").sum())
        line[0].markdown(tr("session_row", name=md(rows["region_zh"].iloc[0]), rid=md(region_id), n=len(rows),
                            manual=manual))
        if line[1].button(tr("remove"), key=f"upload_remove_{region_id}"):
            st.session_state["uploaded_targets"] = up.remove_region(uploaded, region_id)
            st.rerun()
    st.page_link("pages/compare.py", label=tr("go_compare"), icon=":material/bar_chart:")


def offer_keeping(data: bytes, plan, edited: pd.DataFrame, region_zh: str, period, population) -> None:
    """Make the plan last: into the plan store with its corrections (a writable host), or as a
    project file to download (any host).  Changed rows need a reason first."""
    st.subheader(tr("keep_title"))
    try:
        entries = rv.session_entries(plan, edited, st.session_state.get("upload_why", ""),
                                     st.session_state.get("upload_who", ""))
    except ValueError:
        entries = None
        st.warning(tr("why_missing"), icon=":material/edit_note:")
    if rv.editing_allowed(store):
        st.caption(tr("store_help"))
        if st.button(tr("store"), key="upload_save", disabled=entries is None, icon=":material/save:"):
            save_plan(data, plan.filename, region_zh, entries)
    else:  # a shared deployment (IPBENCH_READ_ONLY=1) or a store this server may not write
        st.caption(tr("read_only"))
    st.caption(tr("project_help"))
    project = rv.Project(plan.filename, data, region_zh, period, population, entries or [])
    st.download_button(tr("project_download"), data=lambda: rv.project_bytes(project), key="upload_project_download",
                       file_name=f"{Path(plan.filename).stem[:40]}.ipbench.json", mime="application/json",
                       on_click="ignore", disabled=entries is None, icon=":material/download:")


def save_plan(data: bytes, filename: str, region_zh: str, entries: list[dict]) -> None:
    try:
        with st.spinner(tr("store")):
            entry = writing.save_upload(data, filename, region_zh or None, entries, store)
    except PlanError as error:
        st.error(tr("save_failed", message=md(error.message)))
        return
    st.session_state["uploaded_targets"] = up.remove_region(context.uploaded_targets(), up.upload_region_id(region_zh))
    st.session_state["_upload_saved"] = entry
    st.rerun()


def show_saved() -> None:
    """After a save: what was written, and the plan's pages (it is in the warehouse now)."""
    entry = st.session_state.get("_upload_saved")
    if not entry:
        return
    st.success(tr("stored_plan", doc_id=md(entry["doc_id"]), file=md(entry["file"]), region_id=md(entry["region_id"]),
                  n=entry["corrections"]), icon=":material/check:")
    if entry["not_kept"]:
        st.warning(tr("not_kept", n=entry["not_kept"]))
    for warning in entry.get("warnings", []):
        st.warning(tr("save_warning", warning=md(warning)))
    links = st.columns(3)
    links[0].page_link("pages/sources.py", label=tr("open_sources"), icon=":material/description:",
                       query_params={"doc": entry["doc_id"]})
    links[1].page_link("pages/review.py", label=tr("open_review"), icon=":material/rate_review:",
                       query_params={"doc": entry["doc_id"]})
    links[2].page_link("pages/profile.py", label=tr("open_profile"), icon=":material/location_city:",
                       query_params={"region": entry["region_id"]})


# --- the page ---------------------------------------------------------------------------------

def show_reading(plan: up.UploadedPlan) -> None:
    """What was read: file, kind, title, the reader's warnings, the counts."""
    kind = f"{plan.kind}, {plan.encoding}" if plan.kind == "txt" else plan.kind  # .docx/.pdf have no encoding
    st.success(tr("read_ok", name=md(plan.filename), kind=kind))
    st.caption(tr("title_found", title=md(plan.title)) if plan.title else tr("no_title"))
    for warning in getattr(plan, "warnings", None) or []:
        st.warning(tr("read_warning", warning=md(warning)), icon=":material/warning:")
    show_counts(plan)


def show_checks(plan: up.UploadedPlan) -> None:
    """What looks odd about the text, as a checklist beside the table, and when the text says it was
    written: a year typed 2O27, no period, no date, targets without a year or a name (issue 21)."""
    extraction = plan.extraction
    anchor = getattr(extraction, "anchor", None)
    with st.container(border=True, key="upload_checks"):
        st.markdown(f"**{md(t('checks_title', lang))}**")
        for line in text_checks.checklist(getattr(extraction, "odd_text", None) or [], lang, extraction.period,
                                          plan.targets):
            if line.ok:  # passed: said quietly, so what needs a look stands out
                st.caption(f":green[:material/check_circle:] {md(line.text)}")
            else:
                st.markdown(f":orange[:material/warning:] {md(line.text)}")
        if anchor is not None:
            st.caption(md(text_checks.anchor_line(anchor.year, anchor.month, anchor.source, anchor.text, lang)))
            st.caption(md(text_checks.genre_label(anchor.genre, lang)))


def show_finished(finished: pd.DataFrame) -> None:
    """Which rows a person changed, and which names the dictionary does not know."""
    manual = int((finished["origin"] == "manual").sum())
    if manual:
        names = finished.loc[finished["origin"] == "manual", "raw_name"].fillna("—").astype(str)
        st.info(tr("manual_rows", n=manual, names="、".join(md(n) for n in names)), icon=":material/edit:")
    unmapped = up.unmapped_names(finished)
    if unmapped:
        st.warning(tr("unmapped", names="、".join(md(n) for n in unmapped)), icon=":material/help:")


st.title(tr("title"))
st.caption(tr("intro", mb=upload_limit_mb()))
st.caption(WHAT_READING_KEEPS[lang if lang in WHAT_READING_KEEPS else "en"].format(
    chars=MAX_TEXT_CHARS, numbers=MAX_NUMBERS))
# No `type=` here: Streamlit's own check of it raises on a file name with a NUL byte before this
# script runs, which left the session without an uploader.  up.check_filename refuses such a
# name, and any other type, with a message instead.
file = st.file_uploader(tr("uploader"), key="upload_file", help=tr("uploader_help"))
layout.uploader_words("upload_file", lang, upload_limit_mb())
project, message = open_project(file)
show_saved()

plan = None
if file is None or message:
    stop_reading()
    if message:
        st.error(message, icon=":material/error:")
else:
    data, name = (project.data, project.filename) if project else (file.getvalue(), file.name)
    plan, message = load_plan(data, name)
    if message:
        st.error(message, icon=":material/error:")
        offer_retry()
    else:
        show_reading(plan)

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
            st.caption(tr("region_id", rid=md(up.upload_region_id(region_zh))))
        else:
            st.error(tr("region_missing"))

        st.subheader(tr("editor_title"))
        st.caption(tr("editor_help"))
        table_side, checks_side = st.columns([3, 1])
        with checks_side:
            show_checks(plan)
        with table_side:
            edited = st.data_editor(editor_start(plan), key="upload_editor", num_rows="dynamic",
                                    hide_index=True, column_order=up.EDITOR_COLUMNS,
                                    height=min(36 * (len(plan.targets) + 2), 560), placeholder="—",
                                    column_config=editor_config(up.indicator_choices(plan.targets["indicator_id"].dropna())),
                                    width="stretch")
        reason = st.columns([3, 1])
        reason[0].text_input(tr("why"), key="upload_why", help=tr("why_help"))
        reason[1].text_input(tr("who"), key="upload_who")

        finished = None
        if region_zh:
            period = (int(start) if start else None, int(end) if end else None)
            finished = up.finish_targets(plan, edited, region_zh, period=period,
                                         population_10k=float(population) if population else None)
            show_finished(finished)
        show_skipped(plan)

        if st.button(tr("use"), key="upload_use", type="primary", disabled=finished is None,
                     icon=":material/add_chart:"):
            if finished is None or finished.empty:
                st.error(tr("nothing"))
            else:
                before = context.uploaded_targets()
                replacing = before is not None and finished["region_id"].iloc[0] in set(before["region_id"])
                st.session_state["uploaded_targets"] = up.store(before, finished)
                # the text too: a click on one of these bars shows its sentence on the Sources page
                st.session_state["uploaded_texts"] = up.remember_text(
                    st.session_state.get("uploaded_texts"), str(finished["doc_id"].iloc[0]), plan.title,
                    plan.extraction.clean_text)
                st.success(tr("replaced" if replacing else "stored", name=md(region_zh), n=len(finished)))

show_session_uploads()
if plan is not None and finished is not None:
    offer_keeping(data, plan, edited, region_zh, period, float(population) if population else None)
