"""Overview: one card per plan, and which indicator families each region sets a target for."""

import streamlit as st

from dashboard import charts, queries, state, ui
from dashboard.colors import UNMAPPED_COLOR
from dashboard.i18n import admin_level_label, category_label, status_label, t
from dashboard.safe_text import html_text, md, md_html
from etl.schema import CATEGORY_VALUES, UNMAPPED

ui.ensure_shell()
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
        # The name comes from the manifest (whatever `etl add` or the upload page stored): text only.
        st.markdown(f"### {swatch}{md_html(view.region_labels[rid])}", unsafe_allow_html=True)
        st.badge(md(status_label(region["status"], lang)), color="orange" if region["status"] == "draft" else "green")
        st.markdown(
            f"**{t('level', lang)}**：{md(admin_level_label(region['admin_level'], lang))}  \n"
            f"**{t('plan_kind', lang)}**：{md(region['plan_kind'])}  \n"
            f"**{t('period', lang)}**：{md(region['period_start'])}–{md(region['period_end'])}"
        )
        rows = []
        for category in CATEGORY_VALUES:  # the five links, then the unmapped group (greyed)
            n_quant = int(mine.at[category, "quantitative"]) if category in mine.index else 0
            n_qual = int(mine.at[category, "qualitative"]) if category in mine.index else 0
            grey = " class='unmapped'" if category == UNMAPPED else ""
            rows.append(f"<tr{grey}><td>{html_text(category_label(category, lang))}</td><td class='n'>{n_quant}</td>"
                        f"<td class='n'>{n_qual}</td></tr>")
        st.html(
            "<style>.cnt{width:100%;border-collapse:collapse;font-size:0.9rem;white-space:nowrap}"
            ".cnt td,.cnt th{padding:2px 4px;border-bottom:1px solid #eee;text-align:left}"
            ".cnt .n{text-align:right;font-variant-numeric:tabular-nums}"
            f".cnt .unmapped td{{color:{UNMAPPED_COLOR}}}</style>"
            f"<table class='cnt'><tr><th>{html_text(t('category', lang))}</th>"
            f"<th class='n'>{html_text(t('quantitative', lang))}</th>"
            f"<th class='n'>{html_text(t('qualitative', lang))}</th></tr>{''.join(rows)}</table>"
        )
        st.page_link("pages/profile.py", label=t("open_profile", lang), icon=":material/arrow_forward:",
                     query_params={"region": rid, **({"lang": "en"} if lang == "en" else {})})

coverage = queries.coverage()
if coverage.empty:
    st.info(t("no_data", lang))
else:
    figure = ui.cached_figure(("coverage", lang, view.present), lambda: charts.coverage_matrix(
        coverage, {rid: view.region_labels[rid] for rid in regions["region_id"]},
        lang, t("coverage_title", lang), view.source, present=view.present))
    ui.show_chart(figure, "coverage_matrix", view, key="coverage")
    st.caption(t("coverage_caption", lang))

state.publish({})
