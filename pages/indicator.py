"""Indicator: one canonical indicator (or a whole family) across a peer group's regions, with its quotes.

The regions are a peer group (dashboard/peers.py, URL key `regions` as on the compare page); only
the group's rows are fetched, and of a large group only the regions with the most numbers are
drawn until the reader asks for all."""

import streamlit as st

from dashboard import charts, numbers, state
from dashboard.i18n import admin_level_label, measure_label, status_label, t
from dashboard.services import comparisons, groups, warehouse
from dashboard.ui import context, downloads, figures, layout, region_picker, tables

layout.ensure_shell()
view = context.get_view()
lang = view.lang
st.title(t("indicator_title", lang))

indicators = warehouse.indicators()
families = warehouse.families()

# Options are stable ids: an indicator_id, or "family:<family>" for a whole family.
labels: dict[str, str] = {}
for row in indicators.itertuples():
    # Chinese: both names (a reader may search "PCT"); English: the English name alone
    labels[row.indicator_id] = f"{row.indicator_zh} · {row.indicator_en}" if lang != "en" else (row.indicator_en
                                                                                             or row.indicator_zh)
for row in families.itertuples():
    name = f"{row.family_zh} · {row.family_en}" if lang != "en" else (row.family_en or row.family_zh)
    labels[f"family:{row.family}"] = t("family_prefix", lang) + name
options = list(labels)
# Default: the indicator that the most regions set a number for (counted in DuckDB).
default = next((i for i in warehouse.indicator_spread()["indicator_id"] if i in labels), options[0] if options else "")

if not options:
    st.info(t("no_data", lang))
    st.stop()

state.seed_choice("indicator", options, default, lang)
state.seed_choice("measure", comparisons.MEASURES, "absolute", lang)
state.seed_flag("all", lang)
# The measure has a line of its own under the indicator: in two fifths of the width its four options
# wrapped onto two lines at 1280×720 (as on the standing page).
choice = st.selectbox(t("pick_indicator", lang), options, key="indicator", format_func=labels.get)
measure = st.radio(t("measure", lang), comparisons.MEASURES, key="measure", horizontal=True,
                   format_func=lambda m: measure_label(m, lang))
# The whole family is fetched: a region whose plan sets a related measure is drawn as one, never "no target".
subject, main_indicator = comparisons.fetch_subject(choice, indicators)

peers = region_picker.peer_picker(view, key="regions", url_key="regions")
drawn = region_picker.drawn_regions(view, peers, groups.by_numbers(measure, **subject))
chosen, chosen_stored, show_all = drawn.ids, drawn.stored, drawn.show_all
shown_labels = {rid: ("▶ " if rid == peers.anchor else "") + view.region_labels[rid] for rid in chosen}

frame = comparisons.group_targets(drawn, context.uploaded_targets(), **subject)  # the one filter
frame = comparisons.with_comparability(comparisons.add_measure(frame, measure), measure, main_indicator)
plans = warehouse.plan_status(region_ids=chosen_stored)
region_notes = {row.region_id: f"{status_label(row.status, lang)}·{admin_level_label(row.admin_level, lang)}"
                for row in plans.itertuples()}
# Under every bar only what sets a plan apart from the issued ones: a draft, or a plan already ended.
tick_notes = {row.region_id: status_label(row.status, lang) for row in plans.itertuples() if row.status != "issued"}

name = labels[choice].split(" · ")[0]
units = sorted({numbers.title_unit(u, lang) for u in frame.loc[frame["shown_value"].notna(), "shown_unit"] if u})
note = {"absolute": "scope_note", "per10k": "per10k_note", "peryear": "peryear_note", "ambition": "ambition_note"}[measure]
units_line = f"{' / '.join(units)} · {measure_label(measure, lang)}" if units else measure_label(measure, lang)
figure = figures.cached_figure(
    ("indicator", choice, measure, chosen, peers.anchor, lang, view.present, context.uploaded_key(), layout.PROJECTOR_HEIGHT),
    lambda: charts.indicator_bars(frame, shown_labels, view.colors, lang, name, units_line, view.source_for(chosen),
                                  present=view.present, show_baseline=(measure == "absolute"),
                                  # title and one row of controls above it: about 230 px in presentation mode
                                  height=layout.fit_to_screen(header_px=240) if view.present else None,
                                  region_notes=region_notes, tick_notes=tick_notes))
figures.show_chart(figure, f"indicator_{choice.replace(':', '_')}_{measure}", view, key="indicator_chart")
st.caption(t("ambition_detail" if measure == "ambition" else note, lang))
st.caption(t("comparability_note", lang))

table = tables.display_table(frame, lang)
table["comparability"], table["derived_from"] = frame["comparability"].to_numpy(), frame["derived_from"].to_numpy()
table = comparisons.with_required_change(table, frame, lang) if measure == "ambition" else table
tables.show_table(table, lang, key="indicator_table")
downloads.download_buttons(table, f"indicator_{choice.replace(':', '_')}", lang, key="indicator_dl",
                    heading=t("download_view", lang))

state.publish({"indicator": choice, "measure": measure, **peers.url, "all": True if show_all else None})
