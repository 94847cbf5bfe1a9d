"""Review: the rows most worth a person's look first (low-confidence readings, unmapped names,
annex conflicts, corrections that no longer apply), counted per plan, each linking to its
sentence; and the correction of one target — edit, reject, or add one from its sentence — with a
reason, written to data/corrections/ and applied by a rebuild.  `?doc=…&target=…` opens a
target's form (the Sources and Data pages link here).  The services are in dashboard.review;
on a read-only host (IPBENCH_READ_ONLY=1) the queue shows and the form does not.
"""

import pandas as pd
import streamlit as st

from dashboard import review as rv
from dashboard import state
from dashboard import upload as up
from dashboard.citation import english_title
from dashboard.i18n import category_label, scope_label, t
from dashboard.safe_text import md
from dashboard.services import review_queue, warehouse
from dashboard.services import store as writing
from dashboard.services.vocabulary import CATEGORY_VALUES, COMPARATORS, SCOPES, PlanError
from dashboard.ui import context, layout, tables

layout.ensure_shell()
view = context.get_view()
lang = view.lang
store = rv.plan_store()
can_edit = rv.editing_allowed(store)
ACTIONS = ["edit", "reject", "add"]


def tr(key: str, **fmt) -> str:
    return t(f"review_{key}", lang, **fmt)


@st.cache_data(ttl=warehouse.CACHE_SECONDS, max_entries=8, show_spinner=False)
def review_lists(warehouse_version: tuple[str, int], editable: bool, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The queue with its links, and the counts per plan, of one warehouse file (path and
    modification time: a rebuild after a correction is a new key), built once per process and language."""
    return review_queue.review_lists(editable, lang)


def show_queue(doc_id: str) -> None:
    queue, counts = review_lists(warehouse.version(), can_edit, lang)
    st.subheader(tr("counts_title"))
    if counts.empty:
        st.success(tr("nothing_to_review"))
        return
    labels = {k: tr(f"kind_{k}") for k in rv.QUEUE_KINDS}
    st.dataframe(counts.rename(columns={**labels, "doc_id": tr("col_doc"), "region_zh": tr("col_plan"),
                                        "total": tr("col_total")}),
                 hide_index=True, key="review_counts")
    rows = queue[queue["doc_id"] == doc_id] if doc_id else queue
    rows = rows.assign(kind=rows["kind"].map(labels))
    st.subheader(tr("queue_title", n=len(rows)))
    columns = ["region_zh", "kind", "target_id", "what", "quote", "source_url"] + (["correct_url"] if can_edit else [])
    st.dataframe(rows[columns], hide_index=True, key="review_queue", placeholder=tables.MISSING_CELL, column_config={
        "region_zh": tr("col_plan"), "kind": tr("col_kind"), "target_id": "ID", "what": tr("col_what"),
        "quote": st.column_config.TextColumn(tr("col_quote"), width="large"),
        "source_url": st.column_config.LinkColumn(tr("col_source"), display_text=t("open_link", lang)),
        "correct_url": st.column_config.LinkColumn(tr("col_correct"), display_text=tr("correct_link"))})


@st.cache_data(ttl=warehouse.CACHE_SECONDS, max_entries=8, show_spinner=False)
def decision_groups(warehouse_version: tuple[str, int], lang: str) -> pd.DataFrame:
    """The derived and unmapped targets grouped (dashboard.services.review_queue), once per warehouse file and language."""
    return review_queue.decision_groups(lang)


def show_groups() -> str:
    """Derived combinations and unmapped names, one line a group; a picked group shows the dictionary
    entry that would name its combination, and its targets with their sentences and correction forms.
    Returns the picked group's id (the URL's `group`), or ""."""
    groups = decision_groups(warehouse.version(), lang)
    st.subheader(tr("groups_title", n=len(groups)))
    if groups.empty:
        st.success(tr("groups_none"))
        return ""
    st.caption(tr("groups_intro"))
    kinds = {"derived": tr("group_derived"), "unmapped": tr("group_unmapped")}
    shown = groups.assign(kind=groups["kind"].map(kinds))
    st.dataframe(shown[["kind", "group", "targets", "regions", "reason", "facets_text", "names"]], hide_index=True,
                 key="review_groups", placeholder=tables.MISSING_CELL, column_config={
                     "kind": tr("group_col_kind"), "group": tr("group_col_group"),
                     "facets_text": st.column_config.TextColumn(tr("group_col_facets"), width="medium"),
                     "targets": tr("group_col_targets"), "regions": tr("group_col_regions"),
                     "reason": tr("group_col_reason"), "names": tr("group_col_names")})
    labels = {g["group_id"]: f"{kinds[g['kind']]} · {g['group']} · {g['targets']}" for g in groups.to_dict("records")}
    state.seed_choice("group", ["", *labels], "", lang)  # a copied link reopens the same group
    picked = st.selectbox(tr("group_pick"), ["", *labels], key="group",
                          format_func=lambda g: labels.get(g, t("none_selected", lang)))
    if not picked:
        return ""
    group = groups.set_index("group_id").loc[picked].to_dict() | {"group_id": picked}
    if group["entry"]:
        st.caption(tr("group_entry"))
        st.code(group["entry"], language="yaml")
    else:
        st.caption(tr("group_conflict") if group["facets_text"] else tr("group_no_entry"))
    members = review_queue.group_targets(group, lang, can_edit)
    members = members.assign(region_zh=[view.region_labels.get(r, zh) for r, zh in
                                        zip(members["region_id"], members["region_zh"])]).drop(columns="region_id")
    st.dataframe(members, hide_index=True, key="review_group_targets",
                 placeholder=tables.MISSING_CELL, column_config={
                     "region_zh": tr("col_plan"), "target_id": "ID", "raw_name": t("col_raw_name", lang),
                     "decision": st.column_config.TextColumn(t("col_decided_by", lang), width="large"),
                     "quote": st.column_config.TextColumn(tr("col_quote"), width="large"),
                     "source_url": st.column_config.LinkColumn(tr("col_source"), display_text=t("open_link", lang)),
                     "correct_url": st.column_config.LinkColumn(tr("col_correct"), display_text=tr("correct_link"))
                     if can_edit else None})
    return picked


def show_reading(row: dict) -> None:
    """The row as it stands, and when a person corrected it, the extractor's reading beside it."""
    st.info(f"“{md(row['quote'])}”", icon=":material/format_quote:")
    if row.get("origin") == "manual":
        st.caption(tr("corrected_note", who=md(rv.shown(row.get("corrected_by"))),
                      when=md(rv.shown(row.get("corrected_at"))),
                      why=md(rv.shown(row.get("correction_reason")))))
    table = rv.reading_table(row).rename(columns={"field": tr("col_field"), "now": tr("col_now"),
                                                  "extracted": tr("col_extracted")})
    st.dataframe(table, hide_index=True, key="review_reading", placeholder=tables.MISSING_CELL)


def form_values(row: dict, key: str) -> dict:
    """The form's fields, seeded with the row's values (a new target: the sentence's row's)."""
    choices = up.indicator_choices([row.get("indicator_id")] if row.get("indicator_id") else [])
    cols = st.columns(4)
    value = cols[0].number_input(tr("value"), value=rv.typed("value", row.get("value")), format="%g",
                                 key=f"rv_value_{key}")
    unit = cols[1].text_input(tr("unit"), value=rv.text_or_blank(row.get("unit")), key=f"rv_unit_{key}")
    comparator = cols[2].selectbox(tr("comparator"), [None, *COMPARATORS], key=f"rv_cmp_{key}",
                                   index=_index([None, *COMPARATORS], row.get("comparator")))
    scope = cols[3].selectbox(tr("scope"), [None, *SCOPES], index=_index([None, *SCOPES], row.get("scope")),
                              format_func=lambda s: scope_label(s, lang, short=True) if s else "—",
                              key=f"rv_scope_{key}")
    cols = st.columns([1, 3, 2, 2])
    year = cols[0].number_input(tr("year"), min_value=2000, max_value=2100, step=1, key=f"rv_year_{key}",
                                value=rv.typed("target_year", row.get("target_year")))
    indicator = cols[1].selectbox(tr("indicator"), [None, *choices], key=f"rv_ind_{key}",
                                  index=_index([None, *choices], row.get("indicator_id")),
                                  format_func=lambda i: choices.get(i, i) if i else "—")
    category = cols[2].selectbox(tr("category"), CATEGORY_VALUES, key=f"rv_cat_{key}",
                                 index=_index(CATEGORY_VALUES, row.get("category")),
                                 format_func=lambda c: category_label(c, lang))
    raw_name = cols[3].text_input(tr("raw_name"), value=rv.text_or_blank(row.get("raw_name")), key=f"rv_raw_{key}")
    return {"value": value, "unit": unit, "comparator": comparator, "scope": scope, "target_year": year,
            "indicator_id": indicator, "category": category, "raw_name": raw_name}


def _index(options: list, value) -> int:
    return options.index(value) if value in options else 0


def correction_form(row: dict, sentence, sha256: str) -> None:
    key = row["target_id"]
    with st.form(key=f"rv_form_{key}"):
        action = st.radio(tr("action"), ACTIONS, horizontal=True, key=f"rv_action_{key}",
                          format_func=lambda a: tr(f"action_{a}"))
        values = form_values(row, key)
        why = st.text_area(tr("why"), key=f"rv_why_{key}", help=tr("why_help"))
        who = st.text_input(tr("who"), key=f"rv_who_{key}")
        submitted = st.form_submit_button(tr("save"), type="primary", icon=":material/save:")
    if submitted:
        save(action, row, sentence, values, why, who, sha256)


def save(action: str, row: dict, sentence, values: dict, why: str, who: str, sha256: str) -> None:
    try:
        if action == "edit":
            entry = rv.edit_entry(row, sentence, {k: values[k] for k in ("raw_name", *rv.FORM_FIELDS)}, why, who)
        elif action == "reject":
            entry = rv.reject_entry(row, sentence, why, who)
        else:
            entry = rv.add_entry(row["quote"], row["quote_start"], values, why, who)
    except ValueError as error:
        st.error(tr("not_saved", message=md(error)))
        return
    try:
        with st.spinner(tr("saving")):
            writing.save_corrections(store, row["doc_id"], sha256, [entry])
    except PlanError as error:
        st.error(tr("not_saved", message=md(error.message)))
        return
    st.session_state["_review_flash"] = tr(f"saved_{action}", target=md(row["target_id"]))
    if action == "reject":
        st.session_state.pop("target", None)
    st.rerun()


def target_label(found, target_id: str) -> str:
    if not target_id:
        return t("none_selected", lang)
    return rv.target_label(found.set_index("target_id").loc[target_id].to_dict() | {"target_id": target_id})


st.title(tr("title"))
st.caption(tr("intro") if can_edit else tr("read_only"))
if flash := st.session_state.pop("_review_flash", None):
    st.success(flash, icon=":material/check:")

meta = warehouse.documents_meta()
doc_ids = [""] + list(meta["doc_id"])
labels = {r.doc_id: f"{view.region_labels.get(r.region_id, r.region_zh)} · "
                   + (f"{english_title(r._asdict())} 《{r.title}》" if lang == "en" else r.title) for r in meta.itertuples()}
state.seed_choice("doc", doc_ids, "", lang)
doc_id = st.selectbox(t("document", lang), doc_ids, key="doc", format_func=lambda d: labels.get(d, tr("all_plans")))
show_queue(doc_id)
group_id = show_groups()

target_id = ""
if doc_id:
    found = warehouse.document_targets(doc_id)
    target_ids = [""] + list(found["target_id"])
    if st.session_state.get("target") not in target_ids:
        st.session_state.pop("target", None)
    state.seed_choice("target", target_ids, "", lang)
    st.subheader(tr("form_title"))
    target_id = st.selectbox(t("target_pick", lang), target_ids, key="target",
                             format_func=lambda i: target_label(found, i))
    if target_id:
        row = found.set_index("target_id").loc[target_id].to_dict() | {"target_id": target_id}
        show_reading(row)
        st.page_link("pages/sources.py", label=tr("open_sentence"), icon=":material/description:",
                     query_params={"doc": doc_id, "target": target_id})
        if can_edit:
            sentence = found[found["quote_start"] == row["quote_start"]]
            correction_form(row, sentence, str(meta.set_index("doc_id").at[doc_id, "sha256"]))

state.publish({"doc": doc_id or None, "target": target_id or None, "group": group_id or None})
