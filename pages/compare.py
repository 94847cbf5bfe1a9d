"""Compare by category: every indicator family of one category, the peer group's regions side by side.

The regions are a peer group (dashboard/peers.py; an old `regions=a,b` link is a hand-picked
group under the same URL key).  Only the group's rows are fetched (SQL), and of a large group only
the regions with the most numbers are drawn until the reader asks for all (peers.READABLE)."""

import streamlit as st

from dashboard import charts, state
from dashboard.i18n import admin_level_label, category_label, measure_label, status_label, t
from dashboard.safe_text import md
from dashboard.services import comparisons, groups, warehouse
from dashboard.services.vocabulary import CATEGORY_VALUES, UNMAPPED
from dashboard.ui import context, downloads, figures, layout, region_picker, tables

layout.ensure_shell()
view = context.get_view()
lang = view.lang
st.title(t("compare_title", lang))

region_ids = list(view.region_labels)
state.seed_choice("category", CATEGORY_VALUES, CATEGORY_VALUES[0], lang)
state.seed_choice("measure", comparisons.MEASURES, "absolute", lang)
state.seed_flag("all", lang)

controls = st.columns([1, 2])
category = controls[0].selectbox(t("category", lang), CATEGORY_VALUES, key="category",
                                 format_func=lambda c: category_label(c, lang))
measure = controls[1].radio(t("measure", lang), comparisons.MEASURES, key="measure", horizontal=True,
                            format_func=lambda m: measure_label(m, lang))
peers = region_picker.peer_picker(view, key="regions", url_key="regions")
drawn = region_picker.drawn_regions(view, peers, groups.by_numbers(measure, category=category))
chosen, chosen_stored, show_all = list(drawn.ids), drawn.stored, drawn.show_all
# The anchor (the reader's own region) is marked wherever its name is written.
shown_labels = {rid: ("▶ " if rid == peers.anchor else "") + view.region_labels[rid] for rid in chosen}

# A researcher may replace a region's population denominator with their own figure (万人); it is
# kept in the URL as pop=<region_id>:<value>,… so a shared link shows the same per-10k numbers.
overrides = state.read_population_overrides(region_ids)
frame = comparisons.group_targets(drawn, context.uploaded_targets(), category=category)  # the one filter
frame = comparisons.with_population_overrides(frame, overrides)
frame = comparisons.with_comparability(comparisons.add_measure(frame, measure), measure)
# Where regions are compared, each says what kind of plan it is: draft / issued / ended, and its level.
plans = warehouse.plan_status(region_ids=chosen_stored)
region_notes = {row.region_id: f"{status_label(row.status, lang)}·{admin_level_label(row.admin_level, lang)}"
                for row in plans.itertuples()}
# Under every bar only what sets a plan apart from the issued ones: a draft, or a plan already ended.
tick_notes = {row.region_id: status_label(row.status, lang) for row in plans.itertuples() if row.status != "issued"}

families = warehouse.families()
families = families[families["category"] == category]
untargeted = families[families["n_regions"] == 0]
families = families[(families["n_regions"] > 0) | families["family"].isin(frame["family"])]
panels = [(row.family, (row.family_en if lang == "en" and isinstance(row.family_en, str) and row.family_en else row.family_zh) or row.family)
          for row in families.itertuples()]
known = {family for family, _ in panels}
for family in frame["family"].dropna().unique():  # families only an upload (or an unmapped row) uses
    if family and family not in known:
        panels.append((family, family))

# The families with the most regions to compare come first, and only the first few are
# drawn at once: the browser draws every panel of a page before it shows any, and with all
# 15 panels of a category the first chart took ~0.4 s longer (interleaved timings, median of
# 12).  The rest are drawn when the reader opens them (the choice is kept in the URL).
FIRST_PANELS = 6
panels = comparisons.panels_by_regions_with_numbers(frame, panels)
first_panels, more_panels = panels[:FIRST_PANELS], panels[FIRST_PANELS:]
state.seed_flag("more", lang)

note = {"absolute": "scope_note", "per10k": "per10k_note", "peryear": "peryear_note", "ambition": "ambition_note"}[measure]
title = f"{category_label(category, lang)} · {measure_label(measure, lang)}"

with st.container():
    if not panels:  # unmapped targets have no family to draw a panel for: say so
        st.info(t("unmapped_note" if category == UNMAPPED else "no_data", lang))
    else:
        panel_figures = figures.cached_figure(
            ("compare", category, measure, tuple(chosen), peers.anchor, lang, view.present, context.uploaded_key(),
             tuple(sorted(overrides.items()))),
            lambda: charts.compare_figures(frame, first_panels, shown_labels, view.colors, lang, title,
                                           t(note, lang), view.source_for(chosen), present=view.present,
                                           region_notes=region_notes, tick_notes=tick_notes))
        for number, figure in enumerate(panel_figures, start=1):
            figures.show_chart(figure, f"compare_{category}_{measure}_{number}", view, key=f"compare_chart_{number}")
    if more_panels:
        more = st.expander(t("more_panels", lang, n=len(more_panels)), key="more", on_change="rerun")
        if more.open:
            with more:
                panel_figures = figures.cached_figure(
                    ("compare-more", category, measure, tuple(chosen), peers.anchor, lang, view.present, context.uploaded_key(),
                     tuple(sorted(overrides.items()))),
                    lambda: charts.compare_figures(frame, more_panels, shown_labels, view.colors, lang, title,
                                                   t(note, lang), view.source_for(chosen), present=view.present,
                                                   with_header=False, region_notes=region_notes, tick_notes=tick_notes))
                for number, figure in enumerate(panel_figures, start=1):
                    figures.show_chart(figure, f"compare_{category}_{measure}_more_{number}", view,
                                  key=f"compare_more_chart_{number}")
    st.caption(t("scope_note", lang))
    if measure == "ambition":
        st.caption(t("ambition_detail", lang))
    st.caption(t("comparability_note", lang))
    if charts.several_bars_per_region(frame):
        st.caption(t("several_bars", lang))
    if len(untargeted):
        names = "、".join((r.family_en if lang == "en" and isinstance(r.family_en, str) else r.family_zh) or r.family
                         for r in untargeted.itertuples())
        st.caption(t("untargeted_families", lang, names=md(names)))

st.subheader(t("qualitative_goals", lang))
qualitative = frame[frame["qualitative"].fillna(False).astype(bool)]
if qualitative.empty:
    st.caption("—")
else:
    # One HTML block for all cards: a dozen bordered containers are as many elements for the
    # browser to lay out before it draws the charts above.
    layout.goal_cards([(shown_labels.get(row.region_id, row.region_zh), charts.indicator_name(row, lang), row.quote,
                    row.source_url if isinstance(row.source_url, str) else None)
                   for row in qualitative.itertuples()], columns=2 if view.present else 3,
                  link_text=t("open_source", lang))

# Drawn only when opened (open at first for per-10k figures, which divide by these):
# a second table on the page delays the first chart.
if measure == "per10k":
    st.session_state.setdefault("denominators", True)
denominators = st.expander(t("denominators", lang), key="denominators", on_change="rerun")
if denominators.open:
    with denominators:
        st.markdown(t(note, lang))
        notes = frame.drop_duplicates("region_id")[["region_id", "population_10k", "population_note"]]
        notes = notes.assign(region=notes["region_id"].map(view.region_labels))[["region", "population_10k", "population_note"]]
        st.dataframe(notes, hide_index=True, column_config={
            "region": t("region", lang), "population_10k": st.column_config.NumberColumn("万人 (10k)", format="%.2f"),
            "population_note": st.column_config.TextColumn(t("denominators", lang), width="large")})
        st.caption(t("override_help", lang))
        inputs = st.columns(max(len(chosen), 1))
        for column, region_id in zip(inputs, chosen):
            column.number_input(md(view.region_labels.get(region_id, region_id)), min_value=0.0, step=1.0,
                                value=float(overrides.get(region_id, 0.0)), format="%.2f",
                                key=f"pop_{region_id}", on_change=state.store_population_overrides,
                                args=(chosen,))

st.subheader(t("values_table", lang))
table = tables.display_table(frame, lang)
table["comparability"], table["derived_from"] = frame["comparability"].to_numpy(), frame["derived_from"].to_numpy()
table = comparisons.with_required_change(table, frame, lang) if measure == "ambition" else table
tables.show_table(table, lang, key="compare_table")
downloads.download_buttons(table, f"compare_{category}_{measure}", lang, key="compare_dl", heading=t("download_view", lang))

state.publish({"category": category, "measure": measure, **peers.url, "all": True if show_all else None,
               "more": True if more_panels and st.session_state.get("more") else None,
               "pop": ",".join(f"{rid}:{value:g}" for rid, value in overrides.items()) or None})
