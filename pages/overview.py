"""Overview of a peer group: summary counts; a card per plan for a few regions, a sortable table
(one row per region) for many; the coverage matrix, or for many regions the share of peers
setting each indicator family."""

import pandas as pd
import streamlit as st

from dashboard import charts, state
from dashboard.charts import standing as standing_charts
from dashboard.colors import UNMAPPED_COLOR
from dashboard.glossary import in_lang
from dashboard.i18n import admin_level_label, category_label, status_label, t
from dashboard.safe_text import html_text, md, md_html
from dashboard.services import comparisons, warehouse
from dashboard.services.vocabulary import CATEGORY_VALUES, UNMAPPED
from dashboard.ui import context, figures, layout, region_picker, tables

CARDS_UP_TO = 12       # beyond this a card per region is more than a person reads: a table instead
CARDS_PER_ROW = 4
TOP_FAMILIES = 25      # rows of the share heatmap before "show every family"

layout.ensure_shell()
view = context.get_view()
lang = view.lang
st.title(t("overview_title", lang))
st.caption(t("overview_intro", lang))
peers = region_picker.peer_picker(view)
group = tuple(r for r in peers.ids if r in view.region_labels)
in_warehouse = view.regions[view.regions["region_id"].isin(group)]
group_key = tuple(sorted((k, v) for k, v in peers.url.items() if v))
# This session's uploads in the group: counted and carded like the warehouse's plans, never left out of
# the totals while "regions" counts them (restatements once, as everywhere).
uploaded = context.uploaded_targets()
if uploaded is not None:
    uploaded = uploaded[uploaded["region_id"].isin(group)]
    uploaded = uploaded[uploaded["restates"].isna()] if "restates" in uploaded else uploaded
COLON = "：" if lang == "zh" else ": "


def _numeric(rows):
    return ~rows["qualitative"].fillna(False).astype(bool) & rows["value"].notna()


def summary() -> None:
    totals = warehouse.group_totals(tuple(in_warehouse["region_id"])).iloc[0]
    n_numeric, n_qualitative, n_families = int(totals["n_numeric"]), int(totals["n_qualitative"]), int(totals["n_families"])
    if uploaded is not None and len(uploaded):
        numeric = _numeric(uploaded)
        n_numeric, n_qualitative = n_numeric + int(numeric.sum()), n_qualitative + int((~numeric).sum())
        families = set(warehouse.family_shares(tuple(in_warehouse["region_id"]))["family"]) if len(in_warehouse) else set()
        n_families = len(families | {f for f in uploaded["family"].dropna() if f})
    for column, (label, value) in zip(st.columns(4), [
            (t("ov_regions", lang), len(group)), (t("ov_targets_num", lang), n_numeric),
            (t("ov_targets_qual", lang), n_qualitative), (t("ov_families", lang), n_families)]):
        column.metric(label, value)


def count_table(mine) -> str:
    """A card's targets per category (the five links, then the unmapped group, greyed)."""
    rows = []
    for category in CATEGORY_VALUES:
        n_quant = int(mine.at[category, "quantitative"]) if category in mine.index else 0
        n_qual = int(mine.at[category, "qualitative"]) if category in mine.index else 0
        grey = " class='unmapped'" if category == UNMAPPED else ""
        rows.append(f"<tr{grey}><td>{html_text(category_label(category, lang))}</td>"
                    f"<td class='n'>{n_quant} / {n_qual}</td></tr>")
    # The two counts share a column ("numbers / words") and the table scrolls inside its card: three columns
    # ("quantitative", "qualitative" beside "Management") were wider than a card of four in English and ran
    # into the next card.
    return ("<style>.cntbox{overflow-x:auto}.cnt{width:100%;border-collapse:collapse;font-size:0.9rem;white-space:nowrap}"
            ".cnt td,.cnt th{padding:2px 4px;border-bottom:1px solid #eee;text-align:left}"
            ".cnt th{white-space:normal;font-size:0.8rem;vertical-align:bottom}"
            ".cnt .n{text-align:right;font-variant-numeric:tabular-nums}"
            f".cnt .unmapped td{{color:{UNMAPPED_COLOR}}}</style>"
            f"<div class='cntbox'><table class='cnt'><tr><th>{html_text(t('category', lang))}</th>"
            f"<th class='n' title='{html_text(t('ov_targets_num', lang))} / {html_text(t('ov_targets_qual', lang))}'>"
            f"{html_text(t('ov_count_header', lang))}</th></tr>{''.join(rows)}</table></div>")


BADGE_COLORS = {"draft": "orange", "ended": "gray", "uploaded": "violet"}  # issued: green


def uploaded_cards() -> tuple[list[dict], "pd.DataFrame"]:
    """Card records and category counts of this session's uploads (as category_counts gives them)."""
    if uploaded is None or uploaded.empty:
        return [], None
    regions = uploaded.drop_duplicates("region_id")
    records = [{"region_id": r.region_id, "status": "uploaded", "admin_level": None, "plan_kind": None,
                "period_start": r.period_start, "period_end": r.period_end} for r in regions.itertuples()]
    numeric = _numeric(uploaded)
    counts = (uploaded.assign(quantitative=numeric.astype(int), qualitative=(~numeric).astype(int))
              .groupby(["region_id", "category"], as_index=False)[["quantitative", "qualitative"]].sum())
    return records, counts


def _shown(value) -> str:
    return "—" if value is None or value != value else md(str(int(value)) if isinstance(value, float) else value)


def cards() -> None:
    counts = warehouse.category_counts()
    # The same status as every chart's legend: an issued plan whose last month has passed is "ended".
    plans = warehouse.plan_status(region_ids=tuple(in_warehouse["region_id"]))
    status = dict(zip(plans["region_id"], plans["status"]))
    extra, extra_counts = uploaded_cards()
    if extra:
        counts = pd.concat([counts, extra_counts], ignore_index=True)
    regions = in_warehouse.to_dict("records") + extra
    # At most four cards a row: a fifth (an uploaded plan) made every card too narrow at 1280×720 for its
    # counts, which scrolled out of sight, and its "Open this plan" link, which was cut.
    columns = [column for start in range(0, len(regions), CARDS_PER_ROW)
               for column in st.columns(CARDS_PER_ROW)][:len(regions)] if regions else []
    for column, region in zip(columns, regions):
        rid = region["region_id"]
        with column, st.container(border=True):
            swatch = f"<span style='display:inline-block;width:0.9em;height:0.9em;background:{view.colors[rid]};" \
                     f"border-radius:2px;margin-right:0.4em;vertical-align:-0.1em'></span>"
            mark = "▶ " if rid == peers.anchor else ""
            # The name comes from the manifest (whatever `etl add` or the upload page stored): text only.
            name = f"{swatch}{mark}{md_html(view.region_labels[rid])}"
            st.markdown(f"### {name}", unsafe_allow_html=True)
            shown = status.get(rid, region["status"])
            badge = t("ov_uploaded", lang) if shown == "uploaded" else status_label(shown, lang)
            st.badge(md(badge), color=BADGE_COLORS.get(shown, "green"))
            level = admin_level_label(region["admin_level"], lang) if region["admin_level"] else None
            kind = in_lang(region["plan_kind"], lang) if region["plan_kind"] else None
            st.markdown(f"**{t('level', lang)}**{COLON}{_shown(level)}  \n"
                        f"**{t('plan_kind', lang)}**{COLON}{_shown(kind)}  \n"
                        f"**{t('period', lang)}**{COLON}{_shown(region['period_start'])}–{_shown(region['period_end'])}")
            st.html(count_table(counts[counts["region_id"] == rid].set_index("category")))
            if shown == "uploaded":  # no profile page: it is not in the warehouse
                continue
            st.page_link("pages/profile.py", label=t("open_profile", lang), icon=":material/arrow_forward:",
                         query_params={"region": rid, **({"lang": "en"} if lang == "en" else {})})


def region_table() -> None:
    """One row per region, numeric targets per category; st.dataframe sorts by any column."""
    frame = warehouse.group_table(tuple(in_warehouse["region_id"]))
    names = frame["region_en"].where((lang == "en") & frame["region_en"].fillna("").ne(""), frame["region_zh"])
    table = frame.assign(region=names.where(frame["region_id"] != peers.anchor, "▶ " + names),
                         admin_level=[admin_level_label(v, lang) for v in frame["admin_level"]],
                         profile="profile?region=" + frame["region_id"] + ("&lang=en" if lang == "en" else ""))
    shown = ["region", "region_id", "province", "admin_level", "plan_kind", "period_start", "period_end",
             *CATEGORY_VALUES, "n_numeric", "n_qualitative", "profile"]
    config = {c: st.column_config.NumberColumn(category_label(c, lang), format="%d") for c in CATEGORY_VALUES}
    config.update({"region": t("region", lang), "region_id": "ID", "province": t("pf_prov", lang),
                   "admin_level": t("level", lang), "plan_kind": t("plan_kind", lang),
                   "period_start": st.column_config.NumberColumn(t("period", lang), format="%d"),
                   "period_end": st.column_config.NumberColumn("–", format="%d"),
                   "n_numeric": st.column_config.NumberColumn(t("ov_targets_num", lang), format="%d"),
                   "n_qualitative": st.column_config.NumberColumn(t("ov_targets_qual", lang), format="%d"),
                   "profile": st.column_config.LinkColumn(t("open_profile", lang), display_text="↗")})
    st.dataframe(table[shown], hide_index=True, column_config=config, height=420, key="overview_table",
                 placeholder=tables.MISSING_CELL)
    st.caption(t("ov_table_caption", lang))


def coverage_matrix() -> None:
    # the session's uploads in the group get their columns too (an uploaded plan was left out unsaid)
    uploads = list(dict.fromkeys(uploaded["region_id"])) if uploaded is not None else []
    coverage = comparisons.coverage_with_uploads(warehouse.coverage_of_group(tuple(in_warehouse["region_id"])),
                                                 uploaded, uploads)
    if coverage.empty:
        st.info(t("no_data", lang))
        return
    labels = {rid: view.region_labels[rid] for rid in [*in_warehouse["region_id"], *uploads]}
    figure = figures.cached_figure(("coverage", group_key, context.uploaded_key(), lang, view.present), lambda: charts.coverage_matrix(
        coverage, labels, lang, t("coverage_title", lang), view.source_for(labels), present=view.present))
    figures.show_chart(figure, "coverage_matrix", view, key="coverage")
    st.caption(t("coverage_caption", lang))


def share_heatmap() -> None:
    shares = warehouse.family_shares(tuple(in_warehouse["region_id"]))
    if shares.empty:
        st.info(t("no_data", lang))
        return
    show_all = st.toggle(t("ov_show_all", lang), key="ov_all_families")
    top_n = None if show_all else TOP_FAMILIES
    figure = figures.cached_figure(("share", group_key, lang, view.present, top_n), lambda: standing_charts.share_heatmap(
        shares, lang, t("ov_share_title", lang), view.source_for(in_warehouse["region_id"]), top_n=top_n, present=view.present))
    figures.show_chart(figure, "coverage_share", view, key="coverage_share")
    st.caption(t("ov_share_caption", lang, n=min(len(shares), top_n or len(shares))))


summary()
if len(in_warehouse) <= CARDS_UP_TO:
    cards()
    coverage_matrix()
else:
    region_table()
    share_heatmap()
state.publish(peers.url)
