"""Dashboard entry point: `streamlit run app.py`.

Builds the warehouse on first start if it is missing (so a fresh host needs nothing else),
draws the shared sidebar (language, presentation mode), then runs the chosen page.
Pages live in pages/ and compose the dashboard's services (dashboard/services and the plain
modules beside it) with its Streamlit pieces (dashboard/ui); they never import the ETL, the SQL
(dashboard/queries.py) or the database (dashboard/db.py): pyproject.toml's contracts.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from dashboard import review, upload
from dashboard.i18n import t
from dashboard.safe_text import md
from dashboard.services import store as writing
from dashboard.services import warehouse
from dashboard.ui import context, layout, source_links

ROOT = Path(__file__).resolve().parent

st.set_page_config(page_title="IP plans compared · 知识产权强县方案对比", page_icon="📊", layout="wide")


def ensure_database(lang: str) -> None:
    """Build the warehouse when it is missing, or rebuild it when an older version of the code built it
    (its tables lack columns the pages read)."""
    stale = warehouse.missing_columns() if warehouse.exists() else None
    if stale == []:
        return
    if upload.read_only_deployment():
        # a read-only deployment never builds (several processes would build at once): say how
        problem = "is missing" if stale is None else f"was built by an older version (no {', '.join(stale[:3])})"
        st.error(t("db_failed", lang) + md(f"{warehouse.path()} {problem}; build it with `python -m etl build`."))
        st.stop()
    try:
        with st.spinner(t("building_db", lang)):
            writing.build_warehouse(review.plan_store())  # the store the pages write to
    except Exception as error:  # show the ETL's own message (PlanError names file and line)
        st.error(t("db_failed", lang) + md(error))  # the message quotes manifest and plan text: shown as text
        st.stop()


lang_hint = st.query_params.get("lang", "zh")
ensure_database(lang_hint if lang_hint in ("zh", "en") else "zh")


# url_path equals the file name: Streamlit also lists pages/ by file name before st.navigation
# runs, and a differing path shows a "page not found" dialog on a cold deep link.
# Titles are bilingual and fixed, so links, tests and bookmarks do not depend on the language.
PAGES = [
    # The default page is served at the root and Streamlit gives it the URL path "", so a typed
    # /overview matched no page ("Page not found"): the same script is also registered, hidden,
    # at /overview.  The default's own url_path only names it internally (its hash) and must differ.
    st.Page("pages/overview.py", title="概览 Overview", url_path="home", default=True, icon=":material/dashboard:"),
    st.Page("pages/overview.py", title="概览 Overview", url_path="overview", visibility="hidden",
            icon=":material/dashboard:"),
    st.Page("pages/compare.py", title="按类别对比 Compare", url_path="compare", icon=":material/bar_chart:"),
    st.Page("pages/indicator.py", title="单项指标 Indicator", url_path="indicator", icon=":material/insights:"),
    st.Page("pages/profile.py", title="地区方案 Region profile", url_path="profile", icon=":material/location_city:"),
    st.Page("pages/towns.py", title="镇街分解 Towns", url_path="towns", icon=":material/grid_on:"),
    st.Page("pages/sources.py", title="原文出处 Sources", url_path="sources", icon=":material/description:"),
    st.Page("pages/instruments.py", title="政策工具 Instruments", url_path="instruments", icon=":material/checklist:"),
    st.Page("pages/standing.py", title="地区位置 Standing", url_path="standing", icon=":material/leaderboard:"),
    st.Page("pages/progress.py", title="目标进度 Progress", url_path="progress", icon=":material/trending_up:"),
    st.Page("pages/data.py", title="数据下载 Data", url_path="data", icon=":material/download:"),
    st.Page("pages/review.py", title="人工审核 Review", url_path="review", icon=":material/rate_review:"),
    st.Page("pages/upload.py", title="上传方案 Upload", url_path="upload", icon=":material/upload:"),
]

page = st.navigation(PAGES)
# The sidebar's widgets come after st.navigation: Streamlit names a widget by its key *and* the script
# hash active when it is made, which before st.navigation was sometimes the page's (a deep link's first
# run) and sometimes app.py's (a rerun after an upload read a plan).  The language radio then came back
# as a new widget at its default, and an English upload page returned in Chinese.  After st.navigation
# the hash is always app.py's.
view = context.sidebar_controls()
st.session_state["_view"] = view
layout.presentation_css(view.present, view.lang)
source_links.follow_source_click()  # a bar or table row clicked in the last run: its sentence, same tab and session
layout.run_in_shell(page.run)
