"""Every page runs under Streamlit's AppTest, as a deep link would open it: default view,
a non-default view from the URL, and a URL with values that do not exist."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import state
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
PAGES = ["overview", "compare", "indicator", "profile", "towns", "sources", "instruments", "data"]

# A second view for each page, chosen to differ from its default.
NON_DEFAULT = {
    "overview": {},
    "compare": {"category": "service", "measure": "per10k", "regions": "320282,370402", "pop": "320282:130"},
    "indicator": {"indicator": "family:invention_patents", "measure": "peryear"},
    "profile": {"region": "370402"},
    "towns": {},
    "sources": {"doc": "shizhong-2024", "target": "shizhong-2024-003"},
    "instruments": {"category": "protection", "dept": "公安局"},
    "data": {"regions": "341181", "categories": "creation,use", "q": "专利"},
}
BAD = {
    "compare": {"category": "nonsense", "regions": "999999"},
    "indicator": {"indicator": "no_such_indicator"},
    "profile": {"region": "000000"},
    "towns": {"annex": "不存在的指标"},
    "sources": {"doc": "../../etc/passwd", "target": "x"},
    "instruments": {"category": "nonsense", "dept": "<script>"},
    "data": {"categories": "=cmd|' /C calc'!A0"},
}


def open_page(page: str, params: dict[str, str]) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(f"pages/{page}.py")
    at.query_params.update(params)
    return at.run()


@pytest.mark.usefixtures("warehouse")
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_in_its_default_view(page):
    at = open_page(page, {})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert len(at.title) == 1
    assert not at.warning


@pytest.mark.usefixtures("warehouse")
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_in_english_presentation_mode_with_url_state(page):
    at = open_page(page, {"lang": "en", "present": "1", **NON_DEFAULT[page]})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning
    assert all(ord(ch) < 0x2E80 for ch in at.title[0].value)  # the page title is in English
    assert [b.label for b in at.button if b.key == "exit_present"] == ["Exit presentation mode"]
    # The URL still carries the whole view after the run.
    for key, value in {"lang": "en", "present": "1", **NON_DEFAULT[page]}.items():
        assert at.query_params.get(key) == value, (key, at.query_params)


@pytest.mark.usefixtures("warehouse")
@pytest.mark.parametrize("page", sorted(BAD))
def test_unknown_url_values_warn_and_fall_back(page):
    at = open_page(page, BAD[page])
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.warning) >= 1
    for key in BAD[page]:
        if key in at.query_params:
            assert at.query_params[key] != BAD[page][key]


@pytest.mark.usefixtures("warehouse")
def test_sources_deep_link_shows_the_target_quote_and_marks_it():
    at = open_page("sources", NON_DEFAULT["sources"])
    assert at.selectbox(key="target").value == "shizhong-2024-003"
    html = "".join(h.proto.body for h in at.get("html"))
    assert 'class="tg sel"' in html and 'data-ids="' in html
    assert "shizhong-2024-003" in html


@pytest.mark.usefixtures("warehouse")
def test_data_page_offers_view_and_full_downloads():
    at = open_page("data", {})
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels.count("CSV") == 2  # what is shown, and everything
    assert any("Excel" in label for label in labels) and any("Parquet" in label for label in labels)


@pytest.mark.usefixtures("warehouse")
def test_compare_page_changing_a_widget_updates_the_url():
    at = open_page("compare", {})
    at.selectbox(key="category").set_value("protection")
    at.run()
    assert at.query_params.get("category") == "protection"


def test_parse_helpers_validate_url_values():
    assert state.parse_choice("use", ["creation", "use"], "creation") == ("use", True)
    assert state.parse_choice("evil", ["creation", "use"], "creation") == ("creation", False)
    assert state.parse_multi("a,zz,b", ["a", "b"], ["a"]) == (["a", "b"], ["zz"])
    assert state.parse_multi("zz", ["a", "b"], ["a"]) == (["a"], ["zz"])
    assert state.parse_flag("1") == (True, True) and state.parse_flag("maybe") == (False, False)


def test_app_builds_its_database_on_first_start(tmp_path, monkeypatch):
    from dashboard.db import DB_ENV

    fresh = tmp_path / "fresh" / "warehouse.duckdb"
    fresh.parent.mkdir()
    monkeypatch.setenv(DB_ENV, str(fresh))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception, [e.value for e in at.exception]
    assert fresh.is_file()
    assert at.title[0].value == "概览"


def test_a_warehouse_built_by_an_older_version_is_rebuilt_not_queried(warehouse_path, tmp_path, monkeypatch):
    """After a `git pull`, data/warehouse.duckdb may lack a column the pages now read: the page
    crashed with a DuckDB binder error; the app rebuilds it (or, read-only, says what to run)."""
    import shutil

    import duckdb

    from dashboard import db

    old = tmp_path / "old" / "warehouse.duckdb"
    old.parent.mkdir()
    shutil.copy(warehouse_path, old)
    with duckdb.connect(str(old)) as con:
        con.execute("ALTER TABLE documents DROP COLUMN issuer")
    monkeypatch.setenv(db.DB_ENV, str(old))
    assert db.missing_columns() == ["documents.issuer"]
    at = open_page("compare", {"lang": "en", "measure": "per10k"})
    assert not at.exception, [e.value for e in at.exception]
    assert db.missing_columns() == []


@pytest.mark.usefixtures("warehouse")
def test_compare_draws_the_first_panels_and_the_rest_only_when_opened():
    closed = open_page("compare", {})
    opened = open_page("compare", {"more": "1"})
    assert not closed.exception and not opened.exception
    assert len(closed.get("plotly_chart")) == 1
    assert len(opened.get("plotly_chart")) == 2  # the expander's panels, from the URL
    assert opened.query_params.get("more") == ["1"] or opened.query_params.get("more") == "1"


@pytest.mark.usefixtures("warehouse")
def test_a_denominator_from_the_link_is_used_and_named():
    at = open_page("compare", {"category": "management", "measure": "per10k", "pop": "320282:100"})
    assert not at.exception, [e.value for e in at.exception]
    notes = " ".join(str(v) for df in at.dataframe for v in df.value.get("population_note", []))
    assert "user-supplied figure: 100 万人" in notes
    assert at.number_input(key="pop_320282").value == 100.0


# --- unmapped targets: a sixth, grey group after the five links ----------------------------------

@pytest.fixture()
def unmapped_db(warehouse, tmp_path, monkeypatch) -> str:
    from dashboard.db import DB_ENV
    from tests.unmapped import unmapped_copy

    path, target_id = unmapped_copy(warehouse, tmp_path)
    monkeypatch.setenv(DB_ENV, str(path))
    return target_id


def _html(at: AppTest) -> str:
    return "".join(h.proto.body for h in at.get("html"))


def test_overview_counts_unmapped_targets_in_a_grey_last_row(unmapped_db):
    at = open_page("overview", {})
    assert not at.exception, [e.value for e in at.exception]
    cards = [h.proto.body for h in at.get("html") if "class='cnt'" in h.proto.body]
    assert all(card.index("服务") < card.index("<tr class='unmapped'><td>未归类") for card in cards)
    # One plan has one numeric unmapped target, the others none: each card says so.
    unmapped_rows = sorted(card.split("<tr class='unmapped'>")[1].split("</tr>")[0] for card in cards)
    assert unmapped_rows == ["<td>未归类</td><td class='n'>0 / 0</td>"] * 3 + \
        ["<td>未归类</td><td class='n'>1 / 0</td>"]  # numbers / words
    categories, families = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["y"]
    assert families[-1] == "未归类目标" and "未归类" in categories[-1]  # its own last row group in the matrix


def test_compare_offers_the_unmapped_group_and_explains_it(unmapped_db):
    at = open_page("compare", {"category": "unmapped"})
    assert not at.exception, [e.value for e in at.exception]
    assert not at.warning  # a link to the unmapped group is a valid link
    assert at.selectbox(key="category").options[-1] == "未归类"
    assert any("未归类目标" in info.value for info in at.info)
    assert unmapped_db in list(at.dataframe[-1].value["target_id"])  # listed in the values table


def test_data_page_filters_on_the_unmapped_group(unmapped_db):
    at = open_page("data", {"categories": "unmapped", "lang": "en"})
    assert not at.exception, [e.value for e in at.exception]
    assert at.multiselect(key="categories").options[-1] == "Unmapped"
    assert list(at.dataframe[0].value["target_id"]) == [unmapped_db]


def test_profile_draws_the_unmapped_group_last(unmapped_db):
    at = open_page("profile", {"region": "341181"})
    assert not at.exception, [e.value for e in at.exception]
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    assert bars["y"][-1].endswith("未归类</span>") and bars["x"][-1] == 1


@pytest.mark.usefixtures("warehouse")
def test_sources_highlights_a_linked_passage_and_ignores_one_outside_the_text():
    from dashboard import queries

    text = queries.document("yixing-2024").iloc[0]["clean_text"]
    start = text.index("知识产权")
    at = open_page("sources", {"doc": "yixing-2024", "quote_start": str(start), "quote_end": str(start + 12)})
    assert not at.exception
    assert any(text[start:start + 12] in box.value for box in at.info)
    assert at.query_params["quote_start"] == str(start)
    far = open_page("sources", {"doc": "yixing-2024", "quote_start": "5", "quote_end": str(len(text) + 9)})
    assert not far.exception and not far.info and "quote_start" not in far.query_params


@pytest.mark.usefixtures("warehouse")
def test_the_overview_cards_say_a_plan_has_ended_as_the_charts_do():
    from dashboard import queries

    at = open_page("overview", {})
    ended = queries.plan_status()
    ended = set(ended.loc[ended["status"] == "ended", "region_id"])
    assert ended, "盐城's 2022-2025 plan has ended"
    shown = " ".join(str(m.value) for m in at.markdown)  # st.badge is drawn as a Markdown badge
    assert ":gray-badge[已到期]" in shown


@pytest.mark.usefixtures("warehouse")
@pytest.mark.parametrize("lang, creation", [("zh", "创造"), ("en", "Creation")])
def test_data_page_names_each_rows_category_in_the_readers_language(lang, creation):
    at = open_page("data", {"lang": lang})
    category = json.loads(at.dataframe[0].proto.columns)["category"]
    shown = {o["value"]: o["label"] for o in category["type_config"]["options"]}
    assert shown["creation"] == creation, "the cell keeps its code, the reader sees the category's name"
    assert set(at.dataframe[0].value["category"].dropna()) <= set(shown)


@pytest.mark.usefixtures("warehouse")
def test_the_towns_quality_notes_name_their_kind_and_columns_in_the_pages_language():
    """The notes' kinds and headers were the ETL's codes (annex_vs_text, kind, message) on a Chinese page."""
    from dashboard.i18n import QUALITY_NOTE_KINDS

    at = open_page("towns", {})
    assert not at.exception, [e.value for e in at.exception]
    notes = at.dataframe[-1]
    kinds = set(notes.value["kind"])
    assert kinds and kinds <= {zh for zh, _en in QUALITY_NOTE_KINDS.values()}, kinds
    headers = {spec.get("label") for spec in json.loads(notes.proto.columns).values() if isinstance(spec, dict)}
    assert {"类型", "详情"} <= headers, headers
