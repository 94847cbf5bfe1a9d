"""The page's frame: app.py's shell around every page, presentation mode for a projector, and the
HTML card grid.  Streamlit only; what a page shows comes from the services."""

from __future__ import annotations

import runpy
import threading
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from dashboard.i18n import t
from dashboard.safe_text import html_text

APP_PATH = Path(__file__).resolve().parents[2] / "app.py"

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



def first_click_hint() -> bool:
    """True once a page run: "click a bar …" is said under the page's first clickable chart only."""
    if getattr(_shell, "click_hint_shown", False):
        return False
    _shell.click_hint_shown = True
    return True


def _leave_presentation() -> None:
    st.session_state["present"] = False


def presentation_css(present: bool, lang: str) -> None:
    """Presentation mode: no sidebar, larger type, full width; a button to leave it."""
    if not present:
        return
    # The page title is smaller and the exit button sits in the top-right corner, so a chart
    # starts high enough to fit a 720 px projector screen (see PROJECTOR_HEIGHT).  The button is placed
    # against the page's block (which scrolls), not the window: it scrolls away with the title instead
    # of floating over the chart titles below it.
    st.html("""<style>
      [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
      [data-testid="stExpandSidebarButton"] { display: none !important; }
      html { font-size: 20px; }
      .block-container, [data-testid="stMainBlockContainer"] { max-width: 100% !important;
          padding-left: 2.5rem; padding-right: 2.5rem; padding-top: 1rem; padding-bottom: 2rem; }
      [data-testid="stMain"] h1 { font-size: 1.8rem; padding: 0.2rem 0 0.3rem 0; }
      [data-testid="stMainBlockContainer"] { position: relative; }
      .st-key-exit_present { position: absolute; top: 0.6rem; right: 2.5rem; width: auto !important; z-index: 5; }
    </style>""")
    st.button(t("exit_present", lang), key="exit_present", on_click=_leave_presentation, type="tertiary")


def uploader_words(key: str, lang: str, limit_mb: int) -> None:
    """The file uploader's own words in the page's language.  Streamlit (1.67) writes its button
    ("Upload") and its limit ("20MB per file") in English and takes no parameter for them; on a
    Chinese page CSS hides those two texts and writes ours in their place (the label above the box
    is the page's own).  Screen readers still read Streamlit's English button text."""
    if lang != "zh":
        return
    box = f".st-key-{key} [data-testid='stFileUploaderDropzone']"
    button, limit = t("uploader_button", lang), t("uploader_limit", lang, mb=limit_mb)
    st.html(f"""<style>
      {box} button [data-testid="stMarkdownContainer"] p {{ font-size: 0; }}
      {box} button [data-testid="stMarkdownContainer"] p::after {{ content: "{html_text(button)}"; font-size: 1rem; }}
      {box} [data-testid="stFileUploaderDropzoneInstructions"] span {{ font-size: 0; }}
      {box} [data-testid="stFileUploaderDropzoneInstructions"] span::after {{ content: "{html_text(limit)}";
          font-size: 0.875rem; }}
    </style>""")


# Presentation mode is made for the smallest common projector screen (1280×720): a page's
# main chart gets what is left of this height under the page's own header.
PROJECTOR_HEIGHT = 720


def fit_to_screen(header_px: int, minimum: int = 380) -> int:
    """Figure height that fills a projector screen under `header_px` of title and controls."""
    return max(PROJECTOR_HEIGHT - header_px, minimum)


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

