"""Streamlit pieces every page shares: the view context, presentation mode, charts with the
right toolbar, tables with source links, and the download buttons.

Pages compose these with queries and charts; the only Streamlit-importing layer below
pages is this module, dashboard.state and dashboard.db.
"""

from __future__ import annotations

import runpy
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import export, queries
from dashboard.colors import region_colors
from dashboard.i18n import LANGS, column_label, t
from dashboard.safe_text import html_text
from dashboard.state import seed_choice, seed_flag

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
                        format_func=lambda code: {"zh": "中文", "en": "English"}[code])
        present = st.toggle(t("present", lang), key="present")
        image_format = st.radio(t("image_format", lang), IMAGE_FORMATS, key="image_format",
                                horizontal=True, format_func=str.upper)
    return current_view(lang, present, image_format)


def current_view(lang: str, present: bool, image_format: str = "png") -> View:
    regions = queries.regions()
    labels = {row["region_id"]: region_label(row, lang) for _, row in regions.iterrows()}
    uploaded = uploaded_targets()
    extra_ids: list[str] = []
    if uploaded is not None and "region_id" in uploaded:
        for _, row in uploaded.drop_duplicates("region_id").iterrows():
            rid = str(row["region_id"])
            if rid not in labels:
                extra_ids.append(rid)
                labels[rid] = str(row.get("region_zh") or rid)
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


def show_chart(fig: go.Figure, filename: str, view: View, key: str | None = None) -> None:
    from dashboard.charts import image_config

    st.plotly_chart(fig, config=image_config(filename, view.image_format), key=key, theme=None)


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
        "comparator": frame["comparator"], "value_std": frame["value_std"], "unit_std": frame["unit_std"],
        "scope": [scope_label(s, lang, short=True) if isinstance(s, str) and s else None for s in frame["scope"]],
        "target_year": frame["target_year"], "source_url": frame["source_url"], "quote": frame["quote"],
        "raw_name": frame["raw_name"], "baseline": frame["baseline"],
        "value_per_year": frame["value_per_year"], "value_per_10k_residents": frame["value_per_10k_residents"],
        "target_id": frame["target_id"],
    })
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


def show_table(table: pd.DataFrame, lang: str, key: str, height: int | str = "auto") -> None:
    st.dataframe(table, column_config=table_config(lang, get_view().present), hide_index=True, key=key,
                 height=height, placeholder=MISSING_CELL)


def download_buttons(frame: pd.DataFrame, name: str, lang: str, key: str, heading: str | None = None) -> None:
    """CSV, CSV + dictionary (zip), Excel (with a dictionary sheet) and Parquet of `frame`.

    Files are built only when clicked (deferred callables), so a rerun costs nothing.
    """
    if heading:
        st.markdown(f"**{heading}**")
    columns = st.columns(4)
    snapshot = frame.copy()
    specs = [
        ("CSV", f"{name}.csv", "text/csv", lambda: export.to_csv_bytes(snapshot)),
        (t("dl_csv", lang), f"{name}_csv.zip", "application/zip", lambda: export.csv_zip_bytes(snapshot, name)),
        (t("dl_xlsx", lang), f"{name}.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         lambda: export.to_xlsx_bytes(snapshot)),
        (t("dl_parquet", lang), f"{name}.parquet", "application/vnd.apache.parquet",
         lambda: export.to_parquet_bytes(snapshot)),
    ]
    st.caption(t("dl_help", lang))
    for column, (label, file_name, mime, build) in zip(columns, specs):
        with column:
            st.download_button(label, data=build, file_name=file_name, mime=mime, key=f"{key}-{file_name}",
                               on_click="ignore", icon=":material/download:", width="stretch")
