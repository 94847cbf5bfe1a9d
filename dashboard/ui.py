"""Streamlit pieces every page shares: the view context, presentation mode, charts with the
right toolbar, tables with source links, and the download buttons.

Pages compose these with queries and charts; the only Streamlit-importing layer below
pages is this module, dashboard.state and dashboard.db.
"""

from __future__ import annotations

import runpy
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import export, numbers, queries
from dashboard.colors import region_colors
from dashboard.glossary import region_name
from dashboard.i18n import LANGS, admin_level_label, category_label, column_label, t
from dashboard.safe_text import html_text
from dashboard.state import keep_choices_across_languages, seed_choice, seed_flag
from etl.base.safe_csv import COMPARATOR_CODES
from etl.base.schema import CATEGORY_VALUES

IMAGE_FORMATS = ["png", "svg"]
APP_PATH = Path(__file__).resolve().parent.parent / "app.py"

# Because the page files live in pages/, Streamlit (1.67) runs a cold deep link such as
# /towns as a stand-alone "pages directory" page, skipping app.py — no sidebar controls,
# no st.navigation.  app.py marks the pages it runs; a page that finds no mark runs app.py
# itself (which then runs this page inside the shell) and stops the outer copy.
_shell = threading.local()


def run_in_shell(run_page: Callable[[], None]) -> None:
    """app.py: run the selected page with the shell mark set."""
    _shell.active = True
    _shell.click_hint_shown = False  # "click a bar …" is said once a page, under its first clickable chart
    try:
        run_page()
    finally:
        _shell.active = False


def ensure_shell() -> None:
    """First line of every page: make sure app.py's shell (database, sidebar, nav) ran."""
    if getattr(_shell, "active", False):
        return
    runpy.run_path(str(APP_PATH), run_name="__main__")
    st.stop()


@dataclass(frozen=True)
class View:
    lang: str
    present: bool
    image_format: str
    regions: pd.DataFrame                 # the warehouse's regions, sorted by region_id
    region_labels: dict[str, str]         # region_id → name in the current language
    colors: dict[str, str]                # region_id → colour (same on every chart)

    @property
    def source(self) -> str:
        return t("source_line", self.lang)

    def source_for(self, region_ids=None, doc_ids=None) -> str:
        """A chart's source line, and so its exported image's: the plans drawn (of these regions, or
        these documents) by issuer and year, a draft marked; the generic line when none is known
        (a session's upload only)."""
        from dashboard.citation import short_citation

        docs = queries.documents_meta(tuple(region_ids) if region_ids is not None else None,
                                      tuple(doc_ids) if doc_ids is not None else None)
        return short_citation(docs.to_dict("records"), self.lang) if len(docs) else self.source


def uploaded_targets() -> pd.DataFrame | None:
    """Targets a user uploaded this session (pages/upload.py), or None."""
    frame = st.session_state.get("uploaded_targets")
    return frame if isinstance(frame, pd.DataFrame) and not frame.empty else None


def region_label(row, lang: str) -> str:
    if lang == "en" and isinstance(row.get("region_en"), str) and row.get("region_en"):
        return row["region_en"]
    return row["region_zh"]


def sidebar_controls() -> View:
    """Language, presentation mode and image format; seeded from and written to the URL."""
    lang_guess = st.query_params.get("lang", "zh")
    lang = lang_guess if lang_guess in LANGS else "zh"
    seed_choice("lang", LANGS, "zh", lang)
    seed_flag("present", lang)
    with st.sidebar:
        lang = st.radio(t("language", lang), LANGS, key="lang", horizontal=True,
                        format_func=lambda code: {"zh": "中文", "en": "English"}[code],
                        on_change=keep_choices_across_languages)
        present = st.toggle(t("present", lang), key="present")
        image_format = st.radio(t("image_format", lang), IMAGE_FORMATS, key="image_format",
                                horizontal=True, format_func=str.upper)
    return current_view(lang, present, image_format)


def current_view(lang: str, present: bool, image_format: str = "png") -> View:
    regions = queries.regions()
    # Vectorised, not iterrows: at 1,000 regions a row loop cost ~70 ms on every rerun of every page.
    english = regions["region_en"].where(regions["region_en"].fillna("").astype(str) != "",
                                         regions["region_zh"].map(lambda zh: region_name(zh, None, "en"))) \
        if lang == "en" else regions["region_zh"]
    labels = dict(zip(regions["region_id"], english))
    uploaded = uploaded_targets()
    extra_ids: list[str] = []
    if uploaded is not None and "region_id" in uploaded:
        for _, row in uploaded.drop_duplicates("region_id").iterrows():
            rid = str(row["region_id"])
            if rid not in labels:
                extra_ids.append(rid)
                labels[rid] = region_name(row.get("region_zh"), None, lang) or rid
    colors = region_colors(regions["region_id"], extra_ids)
    return View(lang=lang, present=present, image_format=image_format, regions=regions,
                region_labels=labels, colors=colors)


def get_view() -> View:
    """The view for a page: what app.py's sidebar set this run."""
    view = st.session_state.get("_view")
    if isinstance(view, View):
        return view
    return current_view(st.session_state.get("lang", "zh"), bool(st.session_state.get("present", False)))


def _leave_presentation() -> None:
    st.session_state["present"] = False


def presentation_css(present: bool, lang: str) -> None:
    """Presentation mode: no sidebar, larger type, full width; a button to leave it."""
    if not present:
        return
    # The page title is smaller and the exit button sits in the top-right corner, so a chart
    # starts high enough to fit a 720 px projector screen (see PROJECTOR_HEIGHT).
    st.html("""<style>
      [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
      [data-testid="stExpandSidebarButton"] { display: none !important; }
      html { font-size: 20px; }
      .block-container, [data-testid="stMainBlockContainer"] { max-width: 100% !important;
          padding-left: 2.5rem; padding-right: 2.5rem; padding-top: 1rem; padding-bottom: 2rem; }
      [data-testid="stMain"] h1 { font-size: 1.8rem; padding: 0.2rem 0 0.3rem 0; }
      .st-key-exit_present { position: absolute; top: 0; right: 3.5rem; width: auto !important; z-index: 5; }
    </style>""")
    st.button(t("exit_present", lang), key="exit_present", on_click=_leave_presentation, type="tertiary")


# Presentation mode is made for the smallest common projector screen (1280×720): a page's
# main chart gets what is left of this height under the page's own header.
PROJECTOR_HEIGHT = 720


def fit_to_screen(header_px: int, minimum: int = 380) -> int:
    """Figure height that fills a projector screen under `header_px` of title and controls."""
    return max(PROJECTOR_HEIGHT - header_px, minimum)


@st.cache_resource(max_entries=128, show_spinner=False)
def _figure_cache(key: tuple, _build: Callable[[], go.Figure]) -> go.Figure:
    return _build()


def cached_figure(key: tuple, build: Callable[[], go.Figure]) -> go.Figure:
    """Build a figure once per view: `key` must name everything the figure depends on
    (the warehouse version is added here).  The cached object is shared, never mutated:
    st.plotly_chart only serialises it.  Keeps a rerun of a many-panel page cheap."""
    from dashboard.db import db_path

    path = db_path()
    version = path.stat().st_mtime_ns if path.exists() else 0
    return _figure_cache((str(path), version) + tuple(key), build)


def uploaded_key() -> str:
    """A short fingerprint of this session's uploaded targets, for cache keys."""
    frame = uploaded_targets()
    if frame is None:
        return ""
    return str(int(pd.util.hash_pandas_object(frame.astype(str), index=False).sum()))


# --- a click on a bar or a table row opens its sentence ----------------------------------------
# Bars carry their target_id as `customdata` (dashboard/charts.py) and tables a target_id column.
# A click only records the target (the widget's callback runs once per change, so a selection
# that stays on screen can never fire twice); app.py then switches page in the same tab, so the
# session, and the plan a user uploaded, are still there on the Sources page.
SOURCES_PAGE = "pages/sources.py"
_PENDING_SOURCE = "_open_source"


def clickable(fig: go.Figure) -> bool:
    """Whether the figure has bars whose points name their target (customdata)."""
    return any(trace.type == "bar" and trace.customdata is not None for trace in fig.data)


def clicked_target(points) -> str | None:
    """The target id of the first selected point that carries one (customdata, a string or [string])."""
    for point in points or []:
        data = point.get("customdata") if isinstance(point, dict) else None
        if isinstance(data, (list, tuple)) and data:
            data = data[0]
        if isinstance(data, str) and data:
            return data
    return None


def _chart_clicked(key: str) -> None:
    event = st.session_state.get(key) or {}
    target = clicked_target((event.get("selection") or {}).get("points"))
    if target:
        st.session_state[_PENDING_SOURCE] = target


def _row_clicked(key: str, target_ids: list) -> None:
    event = st.session_state.get(key) or {}
    rows = (event.get("selection") or {}).get("rows") or []
    if rows and 0 <= rows[0] < len(target_ids) and isinstance(target_ids[rows[0]], str):
        st.session_state[_PENDING_SOURCE] = target_ids[rows[0]]


def source_params(target_id: str) -> dict[str, str] | None:
    """The Sources page's query parameters for a target: this session's uploads, then the warehouse."""
    uploaded = uploaded_targets()
    if uploaded is not None and "target_id" in uploaded:
        mine = uploaded[uploaded["target_id"] == target_id]
        if len(mine):
            return {"doc": str(mine["doc_id"].iloc[0]), "target": target_id}
    detail = queries.target_detail(target_id)
    if len(detail):
        return {"doc": str(detail["doc_id"].iloc[0]), "target": target_id}
    return None


def follow_source_click() -> None:
    """app.py, after st.navigation: a bar or row clicked in the last run opens its sentence."""
    target = st.session_state.pop(_PENDING_SOURCE, None)
    params = source_params(target) if target else None
    if params is None:
        return
    for key in ("doc", "target"):  # the Sources page seeds its pickers from the URL, not a stale choice
        st.session_state.pop(key, None)
    globals_kept = {k: st.query_params[k] for k in ("lang", "present") if k in st.query_params}
    st.switch_page(SOURCES_PAGE, query_params={**globals_kept, **params})


# plotly.js (as Streamlit 1.67 ships it) throws "Cannot read properties of undefined (reading
# 'textfont')" when a click selects a bar of our multi-panel figures whose bars carry outside
# text, and then never reports the selection; a bar trace stating its selected/unselected text
# colour does not.  The compare and indicator charts state it when they are built
# (charts.layout.selectable_bars); for any other clickable figure a page passes (shared through
# cached_figure) a copy is patched here, once.
_SELECTABLE: dict[int, tuple[go.Figure, go.Figure]] = {}
_SELECTABLE_MAX = 256


def selectable(fig: go.Figure) -> go.Figure:
    """`fig` with every bar trace stating its selected and unselected text colour (a copy, cached)."""
    if all(trace.type != "bar" or trace.selected.textfont.color for trace in fig.data):
        return fig
    cached = _SELECTABLE.get(id(fig))
    if cached is not None and cached[0] is fig:
        return cached[1]
    patched = go.Figure(fig)
    patched.update_traces(selected={"textfont": {"color": "#222222"}},
                          unselected={"textfont": {"color": "#999999"}}, selector={"type": "bar"})
    if len(_SELECTABLE) >= _SELECTABLE_MAX:
        _SELECTABLE.pop(next(iter(_SELECTABLE)))
    _SELECTABLE[id(fig)] = (fig, patched)  # the original kept too, so its id is never reused meanwhile
    return patched


def show_chart(fig: go.Figure, filename: str, view: View, key: str | None = None) -> None:
    """A chart with the export toolbar; a chart of bars opens the clicked bar's sentence."""
    from functools import partial

    from dashboard.charts import image_config

    config = image_config(filename, view.image_format)
    if not clickable(fig):
        st.plotly_chart(fig, config=config, key=key, theme=None)
        return
    key = key or f"chart-{filename}"
    st.plotly_chart(selectable(fig), config=config, key=key, theme=None, on_select=partial(_chart_clicked, key),
                    selection_mode="points")
    if not getattr(_shell, "click_hint_shown", False):
        _shell.click_hint_shown = True
        st.caption(t("chart_click_help", view.lang))


def goal_cards(cards: list[tuple[str, str, str, str | None]], columns: int, link_text: str) -> None:
    """Cards (region, indicator, quote, link or None) in a grid, drawn as a single element.
    Every text is escaped: region names and quotes are user-supplied."""
    items = []
    for region, indicator, quote, link in cards:
        source = f"<a href='{html_text(link)}' target='_self'>{html_text(link_text)} ↗</a>" if link else ""
        items.append(f"<div class='goal'><b>{html_text(region)}</b> · {html_text(indicator)}"
                     f"<p>“{html_text(quote)}”</p>{source}</div>")
    st.html(f"""<style>
      .goals {{ display: grid; grid-template-columns: repeat({columns}, minmax(0, 1fr)); gap: 0.8rem; }}
      .goals .goal {{ border: 1px solid rgba(49, 51, 63, 0.2); border-radius: 0.5rem; padding: 0.8rem 1rem; }}
      .goals .goal p {{ color: rgba(49, 51, 63, 0.65); font-size: 0.875rem; margin: 0.4rem 0; }}
    </style><div class='goals'>{''.join(items)}</div>""")


TABLE_COLUMNS = ["region", "indicator", "value_std", "unit_std", "comparator", "scope", "target_year",
                 "baseline", "value_per_year", "value_per_10k_residents", "quote", "source_url"]


def display_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The reader's table: region and indicator names in the current language, key numbers,
    the quote and a source link.  Also what 'download what is shown' writes."""
    from dashboard.i18n import scope_label

    out = pd.DataFrame({
        "region": frame["region_en"].where((lang == "en") & frame["region_en"].notna(), frame["region_zh"])
        if "region_en" in frame else frame["region_zh"],
        "indicator": frame["indicator_en"].where((lang == "en") & frame["indicator_en"].notna() & (frame["indicator_en"] != ""),
                                                 frame["indicator_zh"]),
        # the symbol a reader knows (≥, not ASCII >=), as charts show it; downloads add the code beside it
        "comparator": frame["comparator"].map(lambda c: COMPARATOR_CODES.get(c, (c, c))[1]),
        "value_std": frame["value_std"], "unit_std": frame["unit_std"],
        "scope": [scope_label(s, lang, short=True) if isinstance(s, str) and s else None for s in frame["scope"]],
        "target_year": frame["target_year"], "source_url": frame["source_url"], "quote": frame["quote"],
        "raw_name": frame["raw_name"], "baseline": frame["baseline"],
        "value_per_year": frame["value_per_year"], "value_per_10k_residents": frame["value_per_10k_residents"],
        "target_id": frame["target_id"],
    })
    written = numbers.display_columns(frame, lang)  # 30亿元 / ¥3bn as the charts write it, beside the raw number
    for name, column, _unit in numbers.DISPLAY_COLUMNS:
        out.insert(out.columns.get_loc(column), name, written[name].to_numpy())
    return out.reset_index(drop=True)


def table_config(lang: str, present: bool = False) -> dict:
    config = {column: st.column_config.Column(column_label(column, lang)) for column in TABLE_COLUMNS + ["raw_name"]}
    config["target_id"] = st.column_config.TextColumn("ID", width="small")
    # The link column says "open ↗" and is named for what it is, so it is never confused
    # with the quote column beside it (both used to read 原文).
    # Pixel widths: presentation mode's larger type needs wider columns.
    config["source_url"] = st.column_config.LinkColumn(column_label("source_url", lang), display_text=t("open_link", lang),
                                                       width=120 if present else 80)
    config["quote"] = st.column_config.TextColumn(column_label("quote", lang), width="large")
    config["scope"] = st.column_config.TextColumn(column_label("scope", lang),  # 期内累计新增 in full
                                                  width=150 if present else 110)
    for number in ("value_std", "baseline", "value_per_year", "value_per_10k_residents"):
        config[number] = st.column_config.NumberColumn(column_label(number, lang), format="%.4g")
    config["target_year"] = st.column_config.NumberColumn(column_label("target_year", lang), format="%d")
    return config


MISSING_CELL = "—"  # what an empty cell shows on screen; downloads keep the real empty value


def target_option(row: dict, lang: str) -> str:
    """A target as a pick-list option: id · canonical indicator name; the plan's own wording is
    added in 「」 (a quotation mark the wording itself may hold would end a “…” quote; in English it is the only Chinese, and it is the plan's, not ours)."""
    name = row.get("indicator_en") if lang == "en" else row.get("indicator_zh")
    raw = row.get("raw_name") if isinstance(row.get("raw_name"), str) and row.get("raw_name") else "—"
    if not isinstance(name, str) or not name:
        return f"{row['target_id']} · 「{raw}」"
    return f"{row['target_id']} · {name} · 「{raw}」"


def shown_units(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table as the screen shows it: units in the reader's language (downloads keep the codes)."""
    if lang != "en" or "unit_std" not in table:
        return table
    from dashboard.glossary import en

    return table.assign(unit_std=table["unit_std"].map(lambda u: en(u) if isinstance(u, str) else u))


def show_table(table: pd.DataFrame, lang: str, key: str, height: int | str = "auto") -> None:
    """The reader's table; a click on a row (its target_id) opens the row's sentence."""
    from functools import partial

    config = table_config(lang, get_view().present)
    if "category" in table:  # the cells keep the code (the download's category), the reader sees its name
        codes = [*CATEGORY_VALUES, *sorted(set(table["category"].dropna()) - set(CATEGORY_VALUES))]
        config["category"] = st.column_config.SelectboxColumn(
            column_label("category", lang), options=codes, format_func=lambda c: category_label(c, lang))
    for column in table.columns:  # the columns a page adds (doc_id, provenance …) named too
        config.setdefault(column, st.column_config.Column(column_label(column, lang)))
    table = shown_units(table, lang)
    config.update({raw: None for raw in numbers.shown_as_text(table)})  # the download keeps them; the screen writes them
    if "target_id" not in table:
        st.dataframe(table, column_config=config, hide_index=True, key=key, height=height, placeholder=MISSING_CELL)
        return
    st.dataframe(table, column_config=config, hide_index=True, key=key, height=height, placeholder=MISSING_CELL,
                 on_select=partial(_row_clicked, key, list(table["target_id"])), selection_mode="single-row")
    st.caption(t("row_click_help", lang))


def download_buttons(frame: pd.DataFrame, name: str, lang: str, key: str, heading: str | None = None) -> None:
    """CSV, CSV + dictionary (zip), Excel (with a dictionary sheet) and Parquet of `frame`.

    Files are built only when clicked (deferred callables), so a rerun costs nothing.
    """
    if heading:
        st.markdown(f"**{heading}**")
    columns = st.columns(4)
    snapshot = frame.copy()
    specs = [
        ("CSV", f"{name}.csv", "text/csv", lambda: export.to_csv_bytes(snapshot, documents=queries.documents_meta())),
        (t("dl_csv", lang), f"{name}_csv.zip", "application/zip", lambda: export.csv_zip_bytes(snapshot, name, documents=queries.documents_meta())),
        (t("dl_xlsx", lang), f"{name}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         lambda: export.to_xlsx_bytes(snapshot, documents=queries.documents_meta())),
        (t("dl_parquet", lang), f"{name}.parquet", "application/vnd.apache.parquet",
         lambda: export.to_parquet_bytes(snapshot, documents=queries.documents_meta())),
    ]
    st.caption(t("dl_help", lang))
    for column, (label, file_name, mime, build) in zip(columns, specs):
        with column:
            st.download_button(label, data=build, file_name=file_name, mime=mime, key=f"{key}-{file_name}",
                               on_click="ignore", icon=":material/download:", width="stretch")


# --- peer groups (issue 13): the region picker every page can share ---------------------------

@dataclass(frozen=True)
class Peers:
    """What peer_picker returns: the group's region ids (this session's uploads last), the
    highlighted region, and the URL parameters that reopen the same group (for state.publish)."""
    ids: tuple[str, ...]
    anchor: str | None
    preset: str
    url: dict


def _peer_seed(key: str, url_key: str, regions: pd.DataFrame, anchor: str | None, lang: str) -> None:
    """First run of a session: the picker's widgets take the URL's (validated) peer group."""
    from dashboard import peers
    from dashboard.state import _warn

    if f"{key}_preset" in st.session_state:
        return
    ids = list(regions["region_id"].astype(str))
    choice, rejected = peers.parse(st.query_params.get(url_key), ids)
    filters, bad_filters = peers.parse_filters({k: st.query_params.get(k) for k in peers.FILTERS}, regions)
    if rejected or bad_filters:
        _warn(url_key, rejected + bad_filters, lang)
    st.session_state[f"{key}_preset"] = choice.preset
    st.session_state[f"{key}_anchor"] = anchor or choice.anchor
    st.session_state[f"{key}_ids"] = list(choice.ids)
    for filter_key, value in filters:
        st.session_state[f"{key}_{filter_key}"] = value


def _to_custom(key: str) -> None:
    """on_change of the preset: switching to "hand-picked" starts from the group shown."""
    if st.session_state.get(f"{key}_preset") == "custom" and not st.session_state.get(f"{key}_ids"):
        st.session_state[f"{key}_ids"] = list(st.session_state.get(f"{key}_last", ()))


def peer_picker(view: View, anchor: str | None = None, key: str = "peers", url_key: str = "peers") -> Peers:
    """The peer-group picker (dashboard/peers.py explains the URL form), in a collapsed expander.

    anchor: the page's own region (profile, standing); without one the picker offers a
    searchable "current region" box.  url_key: the URL parameter holding the group."""
    from dashboard import peers

    lang, regions = view.lang, view.regions
    _peer_seed(key, url_key, regions, anchor, lang)
    presets = list(peers.PRESETS)
    preset = st.session_state.get(f"{key}_preset", "seed")
    summary_slot = st.empty()
    with st.expander(t("peers", lang), expanded=False):
        line = st.columns([2, 3])
        preset = line[0].selectbox(t("peers_preset", lang), presets, key=f"{key}_preset", on_change=_to_custom,
                                   args=(key,), format_func=lambda p: t(f"peers_preset_{p}", lang))
        if anchor is None:
            labels = peers.labels(regions, lang)
            anchor = line[1].selectbox(t("peers_anchor", lang), list(labels), key=f"{key}_anchor", index=None,
                                       format_func=labels.get, help=t("peers_anchor_help", lang),
                                       placeholder=t("choose_one", lang))
        filters = _peer_filters(key, regions, lang)
        if preset == "custom":
            options = peers.apply_filters(regions, filters)
            labels = peers.labels(options, lang)
            chosen = [i for i in st.session_state.get(f"{key}_ids", []) if i in labels]
            st.session_state[f"{key}_ids"] = chosen
            st.multiselect(t("peers_pick", lang), list(labels), key=f"{key}_ids", format_func=labels.get,
                           max_selections=peers.MAX_CUSTOM)
        st.caption(t("peers_link", lang))
    if preset in peers.ANCHORED and not anchor:
        anchor = str(regions["region_id"].iloc[0]) if len(regions) else None
    choice = peers.PeerChoice(preset, anchor, tuple(st.session_state.get(f"{key}_ids", [])),
                              tuple(sorted(filters.items())))
    known = set(regions["region_id"])
    ids = peers.resolve(choice, regions) + tuple(r for r in view.region_labels if r not in known)
    st.session_state[f"{key}_last"] = ids
    summary_slot.caption(t("peers_summary", lang, n=len(ids), preset=t(f"peers_preset_{preset}", lang)))
    return Peers(ids=ids, anchor=anchor, preset=preset, url={url_key: peers.encode(choice), **filters})


@dataclass(frozen=True)
class Drawn:
    """The regions a chart draws of a peer group: `ids` (all, or of a large group the anchor, a
    session's uploads and the best-ranked), `stored` (those in the warehouse, what queries take)
    and whether the reader asked for every one (`show_all`, kept in the URL as all=1)."""
    ids: tuple[str, ...]
    stored: tuple[str, ...]
    show_all: bool


def drawn_regions(view: View, peers: Peers, rank: Callable[[tuple[str, ...], int], Sequence[str]]) -> Drawn:
    """At most what a person reads (issue 13): a group larger than peers.READABLE draws the anchor,
    the uploads and the regions `rank(stored ids, limit)` puts first, with a note and a "show all"."""
    from dashboard import peers as peer_groups

    in_warehouse = set(view.regions["region_id"])
    uploads = [r for r in peers.ids if r not in in_warehouse]
    large = len(peers.ids) > peer_groups.READABLE
    show_all = large and st.toggle(t("peers_show_all", view.lang, n=len(peers.ids)), key="all")
    ids = tuple(peers.ids)
    if large and not show_all:
        ranked = rank(tuple(r for r in peers.ids if r in in_warehouse), peer_groups.READABLE)
        ids = tuple(peer_groups.readable(peers.ids, uploads + list(ranked), peers.anchor))
        st.caption(t("peers_top_note", view.lang, shown=len(ids), n=len(peers.ids)))
    return Drawn(ids, tuple(r for r in ids if r in in_warehouse), bool(show_all))


def _peer_filters(key: str, regions: pd.DataFrame, lang: str) -> dict[str, str]:
    """The five filter boxes (province, parent city, level, kind, period); empty means any."""
    from dashboard import peers

    options = peers.filter_options(regions)
    chosen = {}
    for column, filter_key in zip(st.columns(len(peers.FILTERS)), peers.FILTERS):
        state_key = f"{key}_{filter_key}"
        if st.session_state.get(state_key) not in options[filter_key]:
            st.session_state[state_key] = None
        fmt = (lambda v: admin_level_label(v, lang)) if filter_key == "pf_level" else str
        value = column.selectbox(t(filter_key, lang), options[filter_key], key=state_key, index=None,
                                 format_func=fmt, placeholder=t("peers_filter_any", lang))
        if value:
            chosen[filter_key] = value
    return chosen


def lazy_download_buttons(build: Callable[[], pd.DataFrame], name: str, lang: str, key: str,
                          heading: str | None = None) -> None:
    """download_buttons for a frame too large to fetch on every rerun: `build` runs on click only."""
    if heading:
        st.markdown(f"**{heading}**")
    specs = [
        ("CSV", f"{name}.csv", "text/csv", lambda: export.to_csv_bytes(build(), documents=queries.documents_meta())),
        (t("dl_csv", lang), f"{name}_csv.zip", "application/zip",
         lambda: export.csv_zip_bytes(build(), name, documents=queries.documents_meta())),
        (t("dl_xlsx", lang), f"{name}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         lambda: export.to_xlsx_bytes(build(), documents=queries.documents_meta())),
        (t("dl_parquet", lang), f"{name}.parquet", "application/vnd.apache.parquet",
         lambda: export.to_parquet_bytes(build(), documents=queries.documents_meta())),
    ]
    st.caption(t("dl_help", lang))
    for column, (label, file_name, mime, make) in zip(st.columns(4), specs):
        with column:
            st.download_button(label, data=make, file_name=file_name, mime=mime, key=f"{key}-{file_name}",
                               on_click="ignore", icon=":material/download:", width="stretch")
