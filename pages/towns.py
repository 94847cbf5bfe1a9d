"""Towns: each plan's town × year annex tables, one table at a time, and whether the towns add up
to the annex's own total row.  A table is keyed by plan and measure (`annex=<doc_id>:<measure>` in
the URL), since two plans may title their tables alike; a bare measure still opens the first."""

import streamlit as st

from dashboard import charts, citation, state
from dashboard.glossary import in_lang
from dashboard.i18n import t
from dashboard.safe_text import md
from dashboard.services import warehouse
from dashboard.ui import context, downloads, figures, layout, tables

layout.ensure_shell()
view = context.get_view()
lang = view.lang
st.title(t("towns_title", lang))

measures = warehouse.town_measures()
if measures.empty:
    st.info(t("no_towns", lang))
    state.publish({})
    st.stop()

options = list(measures["annex_key"])
labels = {key: f"{view.region_labels.get(rid, rid)} · {in_lang(m, lang)}"
          for key, rid, m in zip(measures["annex_key"], measures["region_id"], measures["measure"])}
legacy = st.query_params.get("annex")
if legacy and legacy not in options and legacy in set(measures["measure"]):  # links made before plans were keyed
    st.query_params["annex"] = options[list(measures["measure"]).index(legacy)]
state.seed_choice("annex", options, options[0], lang)
annex_key = st.selectbox(t("measure_pick", lang), options, key="annex", format_func=labels.get)
info = measures[measures["annex_key"] == annex_key].iloc[0]
measure = info["measure"]
frame = warehouse.town_targets(info["doc_id"], measure)
# Town names, measure and unit in the page's language (glossary; pinyin for places it lacks).
shown = frame.assign(town=frame["town"].map(lambda town: in_lang(town, lang))) if "town" in frame else frame

region_name = view.region_labels.get(info["region_id"], info["region_id"])
figure = figures.cached_figure(("towns", annex_key, lang, view.present), lambda: charts.town_heatmap(
    shown, lang, f"{region_name} · {in_lang(measure, lang)}",
    f"{in_lang(info['unit'], lang)} · " + ("颜色按各列相对大小" if lang != "en" else "colour relative within each column"),
    view.source_for(doc_ids=[info["doc_id"]]), present=view.present))
figures.show_chart(figure, f"towns_{info['region_id']}", view, key="towns_chart")
document = warehouse.document(info["doc_id"]).drop(columns="clean_text", errors="ignore").to_dict("records")
st.caption(md(citation.chart_citation(document, lang)))  # the citation quotes the plan's title: shown as text

st.subheader(t("totals_check", lang))
check = warehouse.town_totals_check(info["doc_id"], measure)
mismatch = check["difference"].fillna(0).abs() > 1e-9
st.dataframe(
    check.style.apply(lambda col: ["background-color: #FBE3D6" if bad else "" for bad in mismatch], subset=["difference"]),
    hide_index=True, placeholder=tables.MISSING_CELL,
    column_config={"period": t("period", lang),
                   "sum_towns": st.column_config.NumberColumn(t("sum_towns", lang), format="%g"),
                   "district_total": st.column_config.NumberColumn(t("district_total", lang), format="%g"),
                   "difference": st.column_config.NumberColumn(t("difference", lang), format="%g")},
)
notes = warehouse.quality_notes_shown(info["doc_id"], lang)
if not notes.empty:
    st.subheader(t("quality_notes", lang))
    st.dataframe(notes[["kind", "message", "detail"]], hide_index=True, placeholder=tables.MISSING_CELL,
                 column_config={"kind": st.column_config.TextColumn(t("quality_col_kind", lang)),
                                "message": st.column_config.TextColumn(t("quality_col_message", lang), width="large"),
                                "detail": st.column_config.TextColumn(t("quality_col_detail", lang), width="large")})

downloads.download_buttons(frame, f"towns_{info['region_id']}", lang, key="towns_dl", heading=t("download_view", lang))
state.publish({"annex": annex_key})
