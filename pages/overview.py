"""Overview: one card per plan, and which indicator families each region sets a target for."""

import streamlit as st

from dashboard import charts, queries, state, ui
from dashboard.i18n import category_label, status_label, t
from etl.schema import CATEGORIES

view = ui.get_view()
lang = view.lang
st.title(t("overview_title", lang))
st.caption(t("overview_intro", lang))

counts = queries.category_counts()
regions = view.regions
columns = st.columns(max(len(regions), 1))
for column, (_, region) in zip(columns, regions.iterrows()):
    rid = region["region_id"]
    mine = counts[counts["region_id"] == rid].set_index("category")
    with column, st.container(border=True):
        swatch = f"<span style='display:inline-block;width:0.9em;height:0.9em;background:{view.colors[rid]};" \
                 f"border-radius:2px;margin-right:0.4em;vertical-align:-0.1em'></span>"
        st.markdown(f"### {swatch}{view.region_labels[rid]}", unsafe_allow_html=True)
        st.badge(status_label(region["status"], lang), color="orange" if region["status"] == "draft" else "green")
        st.markdown(
            f"**{t('level', lang)}**：{region['admin_level']}  \n"
            f"**{t('plan_kind', lang)}**：{region['plan_kind']}  \n"
            f"**{t('period', lang)}**：{region['period_start']}–{region['period_end']}"
        )
        lines = []
        for category in CATEGORIES:
            n_quant = int(mine["quantitative"].get(category, 0)) if category in mine.index else 0
            n_qual = int(mine["qualitative"].get(category, 0)) if category in mine.index else 0
            lines.append(f"| {category_label(category, lang)} | {n_quant} | {n_qual} |")
        st.markdown(
            f"| {t('category', lang)} | {t('quantitative', lang)} | {t('qualitative', lang)} |\n|---|---:|---:|\n"
            + "\n".join(lines)
        )
        st.page_link("pages/profile.py", label=t("open_profile", lang), icon=":material/arrow_forward:",
                     query_params={"region": rid, **({"lang": "en"} if lang == "en" else {})})

coverage = queries.coverage()
if coverage.empty:
    st.info(t("no_data", lang))
else:
    figure = charts.coverage_matrix(coverage, {rid: view.region_labels[rid] for rid in regions["region_id"]},
                                    lang, t("coverage_title", lang), view.source, present=view.present)
    ui.show_chart(figure, "coverage_matrix", view, key="coverage")
    st.caption(t("coverage_caption", lang))

state.publish({})
