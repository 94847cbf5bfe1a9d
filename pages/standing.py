"""Where does a region stand? For one indicator (or family): every region's target as a
distribution, the chosen region and its peer group highlighted, its rank and percentile among the
peers that set a comparable number, and how many peers set none."""

import streamlit as st

from dashboard import numbers, state
from dashboard.charts import standing as standing_charts
from dashboard.i18n import measure_label, scope_label, t
from dashboard.safe_text import md
from dashboard.services import comparisons, warehouse
from dashboard.ui import context, figures, layout, region_picker

layout.ensure_shell()
view = context.get_view()
lang = view.lang
st.title(t("standing_title", lang))
st.caption(t("standing_intro", lang))

region_ids = list(view.regions["region_id"])
subjects = warehouse.standing_subjects()
if not region_ids or subjects.empty:
    st.info(t("no_data", lang))
    st.stop()
names = dict(zip(subjects["subject"], subjects["name_en"].where(
    (lang == "en") & subjects["name_en"].fillna("").ne(""), subjects["name_zh"]).fillna(subjects["subject"])))
names = {s: f"{n} ({int(c)})" + (" ⊕" if s.startswith("family:") else "")  # ⊕: a family of indicators
         for (s, n), c in zip(names.items(), subjects["n_regions"])}
state.seed_choice("region", region_ids, region_ids[0], lang)
state.seed_choice("indicator", list(subjects["subject"]), subjects["subject"].iloc[0], lang)
state.seed_choice("measure", comparisons.MEASURES, "absolute", lang)
# Region and indicator share a line; the measure has a line of its own: a third of the width wrapped its
# four options onto two to four lines at 1280×720 (English and presentation mode worst), pushing the
# chart below the fold.
line = st.columns([2, 3])
region_id = line[0].selectbox(t("region", lang), region_ids, key="region",
                              format_func=lambda r: f"{view.region_labels.get(r, r)} · {r}")
subject = line[1].selectbox(t("standing_indicator", lang), list(subjects["subject"]), key="indicator",
                            format_func=names.get)
measure = st.radio(t("standing_measure", lang), comparisons.MEASURES, key="measure", horizontal=True,
                   format_func=lambda m: measure_label(m, lang))
st.caption(t("standing_family_mark", lang))
peers = region_picker.peer_picker(view, anchor=region_id)

values = warehouse.standing_values(subject, measure)
name = view.region_labels.get(region_id, region_id)
if values.empty:
    st.info(t("no_data", lang))
else:
    where = standing_charts.rank_among(values, region_id, peers.ids)
    cells = st.columns(3)
    if where["rank"] is None:
        cells[0].metric(t("standing_rank", lang), "—")
        fetch, _main = comparisons.fetch_subject(subject, warehouse.indicators())  # one decision with the charts
        status, related = comparisons.status_outside_series(
            comparisons.add_measure(warehouse.targets(region_ids=(region_id,), **fetch), measure), lang)
        st.info(t(f"standing_not_set_{status}", lang, region=md(name), names=md(related)))
    else:
        cells[0].metric(t("standing_rank", lang), t("standing_rank_value", lang, rank=where["rank"], n=where["n_with"]))
    # the number alone fits the metric at presentation size; the sentence is its help
    ahead = "—" if where["ahead_pct"] is None else f"{where['ahead_pct']}%"
    cells[1].metric(t("profile_ahead", lang), ahead,
                    help=None if where["ahead_pct"] is None else t("standing_ahead", lang, pct=where["ahead_pct"]))
    cells[2].metric(t("standing_none_set", lang), f"{where['n_none']} / {len(peers.ids)}")
    unit, basis = str(values["unit"].iloc[0]), str(values["basis"].iloc[0])
    st.caption(t("standing_series", lang, unit=md(numbers.title_unit(unit, lang)), n=int(values["n_other"].iloc[0]),
                 scope=md(scope_label(basis, lang, short=True) if basis in ("stock", "new", "annual", "ratio") else basis)))
    ambition = measure == "ambition"
    if ambition and where["rank"] is not None:  # the distribution of required yearly change among peers: which quarter the region is in
        quarter, among = standing_charts.ambition_quarter(where), "peers"
        if quarter is None:  # too few peers set one: the region's place among every region that does
            quarter, among = standing_charts.ambition_quarter(standing_charts.rank_among(values, region_id, values["region_id"])), "all"
        place = t(f"standing_quarter_{quarter}" if quarter else "standing_quarter_few", lang)
        place += t("standing_quarter_among_all", lang, n=len(values)) if quarter and among == "all" else ""
        st.markdown(f"**{t('standing_quarter', lang)}:** {md(name)} — {place}", help=t("standing_quarter_help", lang))
    key = ("standing", subject, measure, region_id, tuple(sorted((k, v) for k, v in peers.url.items() if v)), lang,
           view.present)
    figure = figures.cached_figure(key, lambda: standing_charts.standing_strip(
        values, region_id, peers.ids, view.region_labels, lang,
        t("standing_chart_title", lang, indicator=names[subject]) + (f" · {measure_label(measure, lang)}" if ambition else ""),
        unit, view.source_for(peers.ids), present=view.present,
        top_quarter=t("standing_top_quarter", lang) if ambition else None))
    figures.show_chart(figure, f"standing_{subject}_{region_id}", view, key="standing_chart")

state.publish({"region": region_id, "indicator": subject, "measure": measure if measure != "absolute" else None,
               **peers.url})
