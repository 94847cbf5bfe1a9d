"""Progress (目标进度): for one indicator, each region's path — its starting level, the levels observed
since and its target — and, per region, its targets with their status (etl/normalize/ambition.py);
a clicked point shows its sentence or its citation.  The regions are a peer group as on the
indicator page (URL key `regions`); only the group's rows are fetched."""

import streamlit as st

from dashboard import charts, state
from dashboard.charts import progress as progress_charts
from dashboard.i18n import attainment_label, t
from dashboard.safe_text import md
from dashboard.services import groups, progress
from dashboard.services.progress import PlanError
from dashboard.ui import context, downloads, figures, layout, region_picker

layout.ensure_shell()
view = context.get_view()
lang = view.lang
st.title(t("progress_title", lang))
st.caption(t("progress_intro", lang))



def observation_upload() -> None:
    """A researcher's observations file: validated whole by the command's own code; the bad rows
    listed by number and reason (nothing written), or the file saved and the warehouse rebuilt.
    A read-only deployment offers no upload and says so."""
    done = st.session_state.pop("obs_upload_done", None)  # said after the rerun that shows the new data
    with st.expander(t("obs_upload_title", lang), expanded=done is not None, key="obs_upload"):
        st.caption(t("obs_upload_help", lang))
        if done:
            st.success(t("obs_upload_saved", lang, rows=done["rows"], name=md(done["name"])))
        if not progress.saving_allowed():
            st.info(t("obs_upload_read_only", lang))
            return
        file = st.file_uploader(t("obs_upload_file", lang), type=["csv"], key="obs_upload_file")
        if file is None or not st.button(t("obs_upload_button", lang), key="obs_upload_save"):
            return
        try:
            result = progress.save_observations(file.getvalue(), file.name)
        except PlanError as error:
            st.error(t("obs_upload_failed", lang, error=md(str(error))))
            return
        if result.problems:
            st.error(t("obs_upload_refused", lang, n=len(result.problems)))
            st.dataframe(progress.problem_rows(result, lang), hide_index=True, width="stretch")
            return
        st.session_state["obs_upload_done"] = {"rows": result.rows, "name": result.copied_to.name}
        st.rerun()


indicators = progress.indicators()
if indicators.empty:
    st.info(t("progress_none", lang))
    observation_upload()
    st.stop()
labels = {row.indicator_id: (f"{row.indicator_zh} · {row.indicator_en}" if lang != "en"
                             else (row.indicator_en or row.indicator_zh)) + f" ({int(row.n_regions)})"
          for row in indicators.itertuples()}
options = list(labels)
state.seed_choice("indicator", options, options[0], lang)
indicator_id = st.selectbox(t("progress_indicator", lang), options, key="indicator", format_func=labels.get)

peers = region_picker.peer_picker(view, key="regions", url_key="regions")
drawn = region_picker.drawn_regions(view, peers, groups.by_observations(indicator_id))
chosen = drawn.stored
shown_labels = {rid: ("▶ " if rid == peers.anchor else "") + view.region_labels[rid] for rid in chosen}

targets = progress.targets(chosen, indicator_id)
observed = progress.observations(chosen, indicator_id)
name = labels[indicator_id].rsplit(" (", 1)[0].split(" · ")[0]
unit = next((u for u in targets["unit_std"] if isinstance(u, str) and u), "")
figure = figures.cached_figure(
    ("progress", indicator_id, chosen, peers.anchor, lang, view.present),
    lambda: progress_charts.draw_paths(
        targets, observed, shown_labels,
        charts.ChartStyle(lang=lang, present=view.present, colors=view.colors, source=view.source_for(chosen)),
        t("progress_chart_title", lang, indicator=name), unit,
        height=layout.fit_to_screen(header_px=240) if view.present else None))
event = st.plotly_chart(figure, config=charts.image_config(f"progress_{indicator_id}", view.image_format),
                        key="progress_chart", theme=None, on_select="rerun", selection_mode="points")
st.caption(t("progress_status_help", lang))


def show_point(points) -> None:
    """The clicked point's sentence (a plan's figure, a target) or citation (a researcher's figure)."""
    data = next((p.get("customdata") for p in points or [] if isinstance(p, dict) and p.get("customdata")), None)
    data = data[0] if isinstance(data, (list, tuple)) and data else data
    if not isinstance(data, str) or ":" not in data:
        st.caption(t("progress_point_help", lang))
        return
    kind, key = data.split(":", 1)
    if kind == "target":
        row = targets[targets["target_id"] == key]
        if len(row):
            st.markdown(f"> {md(row['quote'].iloc[0])}")
            st.page_link("pages/sources.py", label=t("progress_open_sentence", lang), icon=":material/description:",
                         query_params={"doc": row["doc_id"].iloc[0], "target": key, "lang": lang})
        return
    row = observed[observed["observation_id"] == key]
    if not len(row):
        return
    row = row.iloc[0]
    if row["source_kind"] == "plan":
        st.markdown(f"> {md(row['quote'])}")
        params = {"doc": row["doc_id"], "lang": lang, **({"target": row["target_id"]} if isinstance(row["target_id"], str)
                                                          else {})}
        st.page_link("pages/sources.py", label=t("progress_open_sentence", lang), icon=":material/description:",
                     query_params=params)
    else:
        note = f" — {row['note']}" if isinstance(row["note"], str) and row["note"] else ""
        st.markdown(f"**{t('progress_citation', lang)}:** {md(row['source'])}{md(note)}  \n"
                    f"data/observations/{md(row['origin_file'])} · row {int(row['row_number'])}")


with st.container(border=True):
    st.markdown(f"**{t('progress_point', lang)}**")
    show_point((event or {}).get("selection", {}).get("points") if event else None)

# Per region: every followed target of every indicator, with its status in the chart's colours.
every_target = progress.targets(chosen)
all_targets = progress.with_data(every_target)
counts = progress.status_counts(all_targets, shown_labels, lang)
if len(counts):
    st.markdown(f"**{t('progress_summary', lang)}**")
    colors = {attainment_label(code, lang): color for code, color in progress_charts.STATUS_COLORS.items()}
    st.dataframe(counts.astype(object).style.apply(lambda column: [f"color: {colors.get(column.name, '')}; font-weight: 600"
                                                    if value else "" for value in column]),
                 width="stretch")

state.seed_choice("region", list(chosen), peers.anchor if peers.anchor in chosen else (chosen[0] if chosen else ""),
                  lang)
region_id = st.selectbox(t("progress_region", lang), list(chosen), key="region", format_func=view.region_labels.get)
if region_id:
    st.markdown(f"**{md(t('progress_region_table', lang, region=view.region_labels.get(region_id, region_id)))}**")
    table = progress.status_table(all_targets[all_targets["region_id"] == region_id], lang)
    others = int((every_target["region_id"] == region_id).sum()) - len(table)
    if len(table):
        status_column = t("col_status", lang)
        # object columns: the Styler writes each cell's display value back into a copy of the frame,
        # one cell at a time — slow into pandas 3's Arrow-backed strings (~40 ms a rerun)
        styled = table.drop(columns=["status"]).astype(object).style.apply(
            lambda column: [f"background-color: {progress_charts.STATUS_COLORS[code]}; color: white"
                            for code in table["status"]] if column.name == status_column else [""] * len(column))
        st.dataframe(styled, hide_index=True, width="stretch", column_config={
            "source_url": st.column_config.LinkColumn(t("open_link", lang), display_text=t("open_link", lang)),
            "target_id": None})  # the link opens the target's sentence; the id is in the downloads
    if others:
        st.caption(t("progress_others", lang, n=others))

observation_upload()

downloads.download_buttons(observed.drop(columns=["source_url", "region_en"], errors="ignore"), f"observations_{indicator_id}",
                    lang, key="progress_dl_obs", heading=t("progress_dl_observations", lang))
downloads.download_buttons(progress.attainment_rows(chosen), "attainment", lang, key="progress_dl_att",
                    heading=t("progress_dl_attainment", lang))

state.publish({"indicator": indicator_id, "region": region_id if region_id != peers.anchor else None, **peers.url,
               "all": True if drawn.show_all else None})
