"""Region profile: one plan whole — targets by category, its phases, its lead departments, and a row
per indicator saying how far ahead of its peer group the region is."""

import streamlit as st

from dashboard import charts, citation, state
from dashboard.glossary import in_lang
from dashboard.i18n import admin_level_label, column_label, status_label, t
from dashboard.safe_text import md
from dashboard.services import warehouse
from dashboard.ui import context, downloads, figures, layout, region_picker, tables

layout.ensure_shell()
view = context.get_view()
lang = view.lang
st.title(t("profile_title", lang))

region_ids = list(view.regions["region_id"])
state.seed_choice("region", region_ids, region_ids[0], lang)
region_id = st.selectbox(t("region", lang), region_ids, key="region", format_func=lambda r: view.region_labels.get(r, r))
region = view.regions.set_index("region_id").loc[region_id]
peers = region_picker.peer_picker(view, anchor=region_id)
color = view.colors[region_id]
name = view.region_labels[region_id]

meta = warehouse.documents_meta()
document = meta[meta["region_id"] == region_id]
title_text = document["title"].iloc[0] if len(document) else name
# Title and facts come from the manifest (whatever `etl add` or the upload page stored): text only.
# In English the plan's own title is quoted under a descriptive English one.
if lang == "en" and len(document):
    st.markdown(f"#### {md(citation.english_title({**document.iloc[0].to_dict(), 'region_en': name}))}")
    st.caption(f"《{md(title_text)}》")
else:
    st.markdown(f"#### {md(title_text)}")
st.markdown(f"{md(in_lang(region['province'], lang))} · {md(admin_level_label(region['admin_level'], lang))} · "
            f"{md(in_lang(region['plan_kind'], lang))} · "
            f"{md(region['period_start'])}–{md(region['period_end'])} · **{md(status_label(region['status'], lang))}** · "
            f"{md(region['date'])}")
if len(document):
    st.page_link("pages/sources.py", label=t("document", lang), icon=":material/description:",
                 query_params={"doc": document["doc_id"].iloc[0], **({"lang": "en"} if lang == "en" else {})})

counts = warehouse.category_counts()
counts = counts[counts["region_id"] == region_id]
left, right = st.columns(2) if not view.present else (st.container(), st.container())
with left:
    figure = figures.cached_figure(("profile-categories", region_id, lang, view.present), lambda: charts.category_bars(
        counts, color, lang, f"{name} · {t('targets_by_category', lang)}", view.source_for([region_id]), present=view.present))
    figures.show_chart(figure, f"profile_{region_id}_categories", view, key="profile_categories")
with right:
    phases = warehouse.phases(region_id)
    if phases.empty:
        st.subheader(t("phases", lang))
        st.info(t("no_phases", lang))
    else:
        figure = figures.cached_figure(("profile-phases", region_id, lang, view.present), lambda: charts.phases_timeline(
            phases, color, lang, f"{name} · {t('phases', lang)}", view.source_for([region_id]), present=view.present))
        figures.show_chart(figure, f"profile_{region_id}_phases", view, key="profile_phases")

st.subheader(t("departments", lang))
departments = warehouse.responsibilities(region_id)
if departments.empty:
    st.info(t("no_departments", lang))
else:
    if lang == "en":  # department names in English (dashboard.glossary composes them from their parts)
        departments = departments.assign(department=departments["department"].map(lambda d: in_lang(d, lang)))
    st.dataframe(departments, hide_index=True, placeholder=tables.MISSING_CELL, column_config={
        "department": t("departments", lang),
        "times_named": st.column_config.ProgressColumn(t("times_named", lang), format="%d", min_value=0,
                                                       max_value=int(departments["times_named"].max())),
        "times_lead": st.column_config.NumberColumn(t("lead_dept", lang), format="%d"),
        "sections": st.column_config.TextColumn(t("dept_sections", lang), width="large"),
    })

def standing() -> None:
    """A row per indicator: the share of peers (same indicator, unit and scope) this region is ahead of."""
    st.subheader(t("profile_standing", lang))
    group = tuple(r for r in peers.ids if r in set(view.regions["region_id"]))
    frame = warehouse.region_standing(region_id, group)
    if frame.empty:
        st.info(t("no_data", lang))
        return
    names = frame["indicator_en"].where((lang == "en") & frame["indicator_en"].fillna("").ne(""), frame["indicator_zh"])
    table = frame.assign(indicator=names, unit_std=frame["unit_std"].map(lambda u: in_lang(u, lang)))[
        ["indicator", "value_std", "unit_std", "target_year", "ahead_pct", "peers_with"]]
    st.dataframe(table, hide_index=True, key="profile_standing", placeholder=tables.MISSING_CELL, column_config={
        "indicator": column_label("indicator", lang), "unit_std": column_label("unit_std", lang),
        "value_std": st.column_config.NumberColumn(column_label("value_std", lang), format="%.4g"),
        "target_year": st.column_config.NumberColumn(column_label("target_year", lang), format="%d"),
        "ahead_pct": st.column_config.ProgressColumn(t("profile_ahead", lang), format="%d%%", min_value=0, max_value=100),
        "peers_with": st.column_config.NumberColumn(t("profile_peers_with", lang), format="%d")})
    st.caption(t("profile_standing_caption", lang))


standing()
st.subheader(t("targets_by_category", lang))
table = tables.display_table(warehouse.targets(region_ids=(region_id,)), lang)
tables.show_table(table, lang, key="profile_table")
downloads.download_buttons(table, f"targets_{region_id}", lang, key="profile_dl", heading=t("download_view", lang))

state.publish({"region": region_id, **peers.url})
