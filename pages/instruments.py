"""Policy instruments: what each plan commits to do — instruments × regions, grouped by the five
links, each mark linking to its sentence; filters by link and by department (what does
市场监督管理局 lead in each plan?); instruments only one region adopts marked ★.

The columns are a peer group's regions (dashboard/peers.py, URL key `regions`); only their
commitments are fetched (SQL), and of a large group only the regions committing to the most
instruments get a column until the reader asks for all.  ★ and the department list are counted
over the whole warehouse in DuckDB, whatever the group."""

import streamlit as st

from dashboard import instrument_matrix as im
from dashboard import state
from dashboard.i18n import category_label, column_label, t
from dashboard.safe_text import md
from dashboard.services import groups, warehouse
from dashboard.services.vocabulary import CATEGORIES, DEPARTMENT_SEPARATOR
from dashboard.ui import context, downloads, layout, region_picker, tables

layout.ensure_shell()
view = context.get_view()
lang = view.lang
st.title(t("instruments_title", lang))
st.caption(t("instr_intro", lang))

adopted = warehouse.instrument_adoption()  # per instrument over every region: the ★ marks
if adopted.empty:
    st.info(t("instr_missing", lang))
    state.publish({})
    st.stop()

categories = [im.ALL, *CATEGORIES]
departments = [im.ALL, *warehouse.instrument_departments(DEPARTMENT_SEPARATOR)]
state.seed_flag("all", lang)
state.seed_choice("category", categories, im.ALL, lang)
state.seed_choice("dept", departments, im.ALL, lang)
state.seed_choice("role", im.ROLES, im.ROLE_ANY, lang)
left, middle, right = st.columns([1, 2, 1])
with left:
    category = st.selectbox(t("category", lang), categories, key="category",
                            format_func=lambda c: t("instr_category_all", lang) if c == im.ALL else category_label(c, lang))
with middle:
    department = st.selectbox(t("instr_dept", lang), departments, key="dept",
                              format_func=lambda d: im.department_label(d, lang))
with right:
    role = st.radio(t("instr_role", lang), im.ROLES, key="role", horizontal=True,
                    format_func=lambda r: t(f"instr_role_{r}", lang))

peers = region_picker.peer_picker(view, key="regions", url_key="regions")
in_warehouse = set(view.regions["region_id"])
group = tuple(r for r in peers.ids if r in in_warehouse)  # uploads carry no instruments
left_out = [view.region_labels.get(r, r) for r in peers.ids if r not in group]
if left_out:  # the peer summary counts them: say why they have no column
    st.caption(t("instr_uploads_left_out", lang, names=md(", ".join(left_out))))
show_all = groups.is_large(group) and st.toggle(t("peers_show_all", lang, n=len(group)), key="all")
region_ids = list(groups.drawn_regions(group, peers.anchor, in_warehouse, show_all, groups.by_commitments()).ids)
if len(region_ids) < len(group):
    st.caption(t("peers_top_note", lang, shown=len(region_ids), n=len(group)))
rows = warehouse.instrument_commitments(tuple(region_ids))
shown = im.filter_rows(rows, category, department, role)
if shown.empty:
    st.info(t("instr_none", lang))
else:
    st.html(im.matrix_html(shown, adopted, region_ids, view.region_labels, lang, view.present))
    st.caption(t("instr_matrix_caption", lang))

with st.expander(t("instr_innovations", lang)):
    for region, names in im.innovations(adopted, view.region_labels, lang, region_ids).items():
        st.markdown(f"**{md(region)}**：{md('、'.join(names))}")

st.subheader(t("instr_rows", lang))
table = im.rows_table(shown, view.region_labels, lang)
st.dataframe(table, hide_index=True, key="instr_rows", placeholder=tables.MISSING_CELL, column_config={
    "region": column_label("region", lang), "instrument": t("instr_instrument", lang),
    "category": column_label("category", lang),
    "lead_departments": t("instr_col_lead", lang), "responsible_departments": t("instr_col_responsible", lang),
    "year": st.column_config.NumberColumn(t("instr_col_year", lang), format="%d"),
    "quote": st.column_config.TextColumn(column_label("quote", lang), width="large"),
    "source_url": st.column_config.LinkColumn(column_label("source_url", lang), display_text=t("open_link", lang)),
    "target_id": t("instr_col_target", lang), "departments_as_written": t("instr_col_written", lang),
})

# Both files are built only when clicked: a rerun costs nothing for them.
files = [("instr_dl_matrix", "instrument_matrix",
          lambda: im.matrix_frame(shown, adopted, region_ids, view.region_labels, lang)),
         ("instr_dl_rows", "instrument_rows", lambda: shown)]
for column, (label, name, frame) in zip(st.columns(2), files):
    with column:
        downloads.csv_button(t(label, lang), frame, name, key=f"dl_{name}")

state.publish({"category": None if category == im.ALL else category, "dept": None if department == im.ALL else department,
               "role": None if role == im.ROLE_ANY else role, **peers.url, "all": True if show_all else None})
