"""The upload page: real files of every accepted format go through the same ETL as the four
plans; bad files give a message and no traceback; a person's corrections are marked manual;
the uploaded region reaches the compare page.

Most checks call dashboard.upload directly (the page's logic); the page itself is driven under
AppTest, whose file_uploader accepts bytes and whose data_editor is edited by seeding its
edit state, as a browser would send it.
"""

from __future__ import annotations

import re

import docx
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import queries
from dashboard import upload as up
from dashboard import upload_worker as worker
from dashboard.safe_text import md
from dashboard.services import comparisons
from etl.base.errors import PlanError
from etl.base.schema import columns
from tests import upload_hooks
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
FORMATS = ROOT / "tests" / "fixtures" / "formats"
BAD = ROOT / "tests" / "fixtures" / "bad"
LIMIT = 20 * 1024 * 1024
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# A plan written for these tests, for a region that is none of the four and in none of the
# fixtures: an indicator table (baseline and target columns) plus targets in running text,
# a document number, a phone number and a signature date that must not be taken.
HETING_TITLE = "鹤汀县国家知识产权强县建设试点县工作方案（2025—2027年）"
HETING_PARAGRAPHS = [
    "鹤汀县人民政府办公室",
    "鹤政办〔2025〕12号",
    HETING_TITLE,
    "一、总体要求",
    "围绕县域茶叶和竹木加工两大主导产业，以高价值专利和地理标志为抓手，力争三年内跻身全省知识产权工作先进县行列。",
    "二、主要指标",
    "鹤汀县知识产权强县建设主要指标",
    None,  # the indicator table
    "三、重点任务",
    "（一）强化知识产权创造。到2027年，全县有效发明专利达到420件，每万人口高价值发明专利拥有量达到4.2件。",
    "（二）促进知识产权转化运用。三年累计实现知识产权质押融资4亿元，每年新增专利转让许可40件以上。",
    "（三）严格知识产权保护。每年开展打击侵权假冒专项执法行动不少于3次，知识产权纠纷调解成功率保持在90%以上。",
    "（四）优化知识产权服务。建成茶产业知识产权快速维权工作站1个，每年组织企业知识产权培训800人次。",
    "四、保障措施",
    "县财政每年安排知识产权专项经费不低于200万元。县市场监管局负责日常联络，联系电话：0577-88123456。",
    "2025年4月18日",
]
HETING_TABLE = [
    ["序号", "指标名称", "单位", "2024年基数", "2027年目标"],
    ["1", "有效发明专利拥有量", "件", "265", "420"],
    ["2", "有效注册商标总量", "件", "7400", "9800"],
    ["3", "地理标志证明商标", "件", "3", "6"],
    ["4", "知识产权质押融资登记金额", "亿元", "0.8", "1.5"],
]


@pytest.fixture(autouse=True)
def _plan_cache_outside_the_checkout(tmp_path, monkeypatch):
    """The builds here (of copies and test manifests) keep their per-plan cache in the test's folder."""
    monkeypatch.setenv("IPBENCH_PLAN_CACHE", str(tmp_path / "plan-cache"))


@pytest.fixture(scope="module")
def heting_docx(tmp_path_factory) -> bytes:
    document = docx.Document()
    for paragraph in HETING_PARAGRAPHS:
        if paragraph is None:
            table = document.add_table(rows=len(HETING_TABLE), cols=len(HETING_TABLE[0]))
            for r, row in enumerate(HETING_TABLE):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
        else:
            document.add_paragraph(paragraph)
    path = tmp_path_factory.mktemp("heting") / "heting.docx"
    document.save(path)
    return path.read_bytes()


@pytest.fixture(scope="module")
def heting(heting_docx) -> up.UploadedPlan:
    return up.read_plan(heting_docx, "heting.docx", max_bytes=LIMIT)


def target(plan: up.UploadedPlan, raw_name: str) -> pd.Series:
    rows = plan.targets[plan.targets["raw_name"] == raw_name]
    assert len(rows) == 1, (raw_name, plan.targets["raw_name"].tolist())
    return rows.iloc[0]


def plain(markdown: str) -> str:
    """What a reader sees of a Markdown body made with md(): escapes and word joiners gone."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


# --- reading real files ------------------------------------------------------------------------

@pytest.mark.parametrize("folder, name", [(FORMATS, "plan.docx"), (FORMATS, "plan.pdf"),
                                          (FORMATS, "plan_gb18030.txt")])
def test_each_format_of_the_qinghe_plan_gives_the_same_targets(folder, name):
    plan = up.read_plan((folder / name).read_bytes(), name, max_bytes=LIMIT)
    assert plan.region_guess == "青禾县"
    assert plan.extraction.period == (2025, 2027)
    values = dict(zip(plan.targets["raw_name"], plan.targets["value_std"]))
    assert values["发明专利拥有量"] == 350 and values["商标有效注册量"] == 9000
    assert values["知识产权质押融资金额累计"] == 25000  # 2.5亿元 in 万元
    assert plan.numeric_targets == 5
    assert plan.extraction.candidates_found >= plan.numeric_targets
    # The town annex table of the .docx/.pdf is not read as targets of the county.
    assert not plan.targets["quote"].str.contains("东溪镇").any()


def test_gb18030_plan_with_a_notice_head_reads_its_region_from_the_quoted_title():
    plan = up.read_plan((BAD / "plan_gb18030.txt").read_bytes(), "plan_gb18030.txt", max_bytes=LIMIT)
    assert plan.encoding == "gb18030"
    assert plan.region_guess == "淇源县"
    assert plan.title == "淇源县知识产权强县建设试点县工作方案(2024-2026年)"
    reasons = set(plan.extraction.skipped["reason"])
    assert {"document number", "phone number", "baseline"} <= reasons


def test_new_plan_docx_with_an_indicator_table_is_read_with_baselines(heting):
    assert heting.kind == "docx" and heting.title == HETING_TITLE
    assert heting.region_guess == "鹤汀县"
    row = target(heting, "有效发明专利拥有量")
    assert (row["value"], row["baseline"], row["target_year"], row["unit"]) == (420, 265, 2027, "件")
    assert target(heting, "知识产权质押融资登记金额")["value_std"] == 15000  # 1.5亿元 → 万元
    assert target(heting, "每年组织企业知识产权培训")["scope"] == "annual"
    skipped = up.skipped_table(heting.extraction.skipped)
    assert list(skipped.columns) == ["text", "reason"]
    assert {"document number", "phone number", "date or period"} <= set(skipped["reason"])
    assert skipped["text"].str.contains("0577-88123456").any()
    # No skipped number reappears as a target.
    assert not heting.targets["value"].isin([88123456, 12]).any()


def test_unmapped_indicator_names_are_listed(heting):
    names = up.unmapped_names(heting.targets)
    assert "建成茶产业知识产权快速维权工作站" in names
    assert "有效发明专利拥有量" not in names


# --- bad files ---------------------------------------------------------------------------------

@pytest.mark.parametrize("path, expected", [
    (BAD / "empty.txt", "the file is empty"),
    (BAD / "binary.txt", "binary file"),
    (FORMATS / "encrypted.pdf", "password-protected"),
    (FORMATS / "scanned.pdf", "no text layer"),
    (FORMATS / "truncated.docx", "not a valid .docx"),
    (FORMATS / "not_word.docx", "damaged"),
    (BAD / "meeting_notice.txt", "no targets found"),
])
def test_bad_files_raise_a_plan_error_a_person_can_read(path, expected):
    with pytest.raises(PlanError) as error:
        up.read_plan(path.read_bytes(), path.name, max_bytes=LIMIT)
    assert expected in error.value.message
    assert error.value.path == path.name


def test_a_file_over_the_limit_is_refused_before_it_is_read():
    data = (FORMATS / "plan.pdf").read_bytes()
    with pytest.raises(PlanError, match="more than the"):
        up.read_plan(data, "plan.pdf", max_bytes=len(data) - 1)


def test_an_unsupported_type_and_a_browser_path_are_handled():
    with pytest.raises(PlanError, match="unsupported file type .xlsx"):
        up.read_plan(b"PK\x03\x04", r"C:\fakepath\plan.xlsx", max_bytes=LIMIT)


# --- corrections → targets rows -----------------------------------------------------------------

def test_untouched_table_gives_the_extracted_rows_for_an_upload_region(heting):
    finished = up.finish_targets(heting, up.editor_frame(heting.targets), "鹤汀县")
    assert list(finished.columns) == columns("targets")
    assert len(finished) == len(heting.targets)
    assert set(finished["origin"]) == {"extracted"}
    assert set(finished["region_id"]) == {"upload-鹤汀县"} and set(finished["region_zh"]) == {"鹤汀县"}
    assert finished["target_id"].iloc[0] == "upload-鹤汀县-001"
    assert finished["value_std"].tolist() == heting.targets["value_std"].tolist()
    assert finished["quote"].tolist() == heting.targets["quote"].tolist()


def test_changed_added_and_deleted_rows(heting):
    original = up.editor_frame(heting.targets)
    edited = original.copy()
    pledge = int(edited.index[edited["raw_name"] == "三年累计实现知识产权质押融资"][0])
    stock = int(edited.index[edited["raw_name"] == "有效注册商标总量"][0])
    station = int(edited.index[edited["raw_name"] == "建成茶产业知识产权快速维权工作站"][0])
    edited.loc[pledge, "comparator"] = ">="               # a reader takes 实现…4亿元 as a floor
    edited.loc[stock, ["value", "unit"]] = [1.1, "万件"]  # a corrected number and unit
    enforcement = target(heting, "每年开展打击侵权假冒专项执法行动")["indicator_id"]  # a dictionary id
    edited.loc[station, "indicator_id"] = enforcement
    edited = edited.drop(index=int(edited.index[edited["raw_name"] == "有效发明专利"][0]))  # a duplicate
    added = {"row": None, "quote": None, "raw_name": "专利导航项目", "indicator_id": None, "category": "use",
             "value": 2.0, "unit": "项", "comparator": ">=", "scope": "new", "target_year": 2027}
    blank = {column: None for column in up.EDITOR_COLUMNS}  # a line the editor added and nobody filled
    edited = pd.concat([edited, pd.DataFrame([added, blank])], ignore_index=True)

    finished = up.finish_targets(heting, edited, "鹤汀县", population_10k=40.0)
    by_name = finished.set_index("raw_name")
    assert len(finished) == len(heting.targets)  # one deleted, one added, the blank line ignored
    manual = set(finished.loc[finished["origin"] == "manual", "raw_name"])
    assert manual == {"三年累计实现知识产权质押融资", "有效注册商标总量", "建成茶产业知识产权快速维权工作站", "专利导航项目"}
    assert "有效发明专利" not in by_name.index

    pledge_row = by_name.loc["三年累计实现知识产权质押融资"]
    assert pledge_row["scope"] == "new"
    assert pledge_row["value_per_year"] == pytest.approx(40000 / 3, rel=1e-6)  # 4亿元 over 2025-2027
    assert pledge_row["quote"] == "三年累计实现知识产权质押融资4亿元，每年新增专利转让许可40件以上。"  # source kept
    trademarks = by_name.loc["有效注册商标总量"]
    assert (trademarks["value"], trademarks["unit"], trademarks["value_std"], trademarks["unit_std"]) == (
        1.1, "万件", 11000, "件")
    # Trademarks are rights, not people, firms or money: no per-resident figure (etl.normalize.comparable.PER_10K_COUNTS).
    assert pd.isna(trademarks["value_per_10k_residents"])
    station_row = by_name.loc["建成茶产业知识产权快速维权工作站"]
    assert station_row["indicator_id"] == enforcement
    assert station_row["family"] and station_row["indicator_zh"] and station_row["category"] == "protection"
    new_row = by_name.loc["专利导航项目"]
    assert new_row["target_id"] == "upload-鹤汀县-m01" and new_row["quote"] == ""
    assert (new_row["value_std"], new_row["unit_std"], new_row["category"]) == (2, "项", "use")
    assert new_row["period_start"] == 2025 and new_row["period_end"] == 2027
    untouched = by_name.loc["有效发明专利拥有量"]
    # The uploaded population reaches untouched rows too (patents held are not divided by residents).
    assert untouched["origin"] == "extracted" and untouched["population_10k"] == pytest.approx(40)


def test_a_cell_set_back_to_its_extracted_value_is_not_manual(heting):
    edited = up.editor_frame(heting.targets)
    edited["target_year"] = edited["target_year"].astype("float64")  # the editor's round trip may change dtypes
    edited["row"] = edited["row"].astype("float64")
    assert up.changed_rows(up.editor_frame(heting.targets), edited) == set()


def test_upload_region_ids_never_look_like_a_gb_code():
    assert up.upload_region_id("鹤汀县") == "upload-鹤汀县"
    assert up.upload_region_id(" Heting County ") == "upload-heting-county"
    assert up.upload_region_id("341181").startswith("upload-")
    assert up.unit_and_multiplier("亿元") == ("元", 1e8) and up.unit_and_multiplier("人次") == ("人次", 1.0)


def test_store_replaces_a_region_and_keeps_the_others(heting):
    first = up.finish_targets(heting, up.editor_frame(heting.targets), "鹤汀县")
    other = up.finish_targets(heting, up.editor_frame(heting.targets), "另一县")
    both = up.store(up.store(None, first), other)
    assert both["region_id"].value_counts().to_dict() == {"upload-鹤汀县": len(first), "upload-另一县": len(other)}
    again = up.store(both, first.head(2))
    assert again["region_id"].value_counts().to_dict() == {"upload-另一县": len(other), "upload-鹤汀县": 2}
    assert up.remove_region(again, "upload-另一县")["region_id"].unique().tolist() == ["upload-鹤汀县"]
    with pytest.raises(ValueError, match="upload- region_id"):
        up.store(None, first.assign(region_id="341181"))


@pytest.mark.usefixtures("warehouse")
def test_uploaded_rows_reach_the_compare_query_with_manual_kept(heting):
    edited = up.editor_frame(heting.targets)
    edited.loc[0, "value"] = 430.0
    uploaded = up.finish_targets(heting, edited, "鹤汀县")
    frame = comparisons.with_uploaded(queries.targets(category="creation"), uploaded, category="creation")
    mine = frame[frame["region_id"] == "upload-鹤汀县"]
    assert len(mine) == int((uploaded["category"] == "creation").sum()) > 0
    assert set(frame["region_id"]) > {"upload-鹤汀县"}  # the four plans are still there
    assert mine.set_index("raw_name").loc["有效发明专利拥有量", "origin"] == "manual"
    assert set(mine["origin"]) == {"manual", "uploaded"}
    family = comparisons.with_uploaded(queries.targets(family="invention_patents"), uploaded, family="invention_patents")
    assert "upload-鹤汀县" in set(family["region_id"])


# --- saving to data/raw ------------------------------------------------------------------------

def test_save_to_raw_adds_rebuilds_and_rolls_back_when_the_rebuild_fails(tmp_path, heting_docx):
    """Saving is one transaction: the copy, the manifest entry and the rebuild all happen, or none."""
    import shutil

    import duckdb

    raw_dir = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", raw_dir)
    manifest, db = raw_dir / "sources.yaml", tmp_path / "w.duckdb"
    long_name = "鹤汀县" * 120 + ".docx"  # longer than a file system allows for a name
    entry = up.save_to_raw(heting_docx, long_name, "鹤汀县", raw_dir=raw_dir, manifest=manifest, db_path=db)
    assert entry["region_id"].startswith("x-") and len(entry["file"]) < 80
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM targets WHERE region_zh = '鹤汀县'").fetchone()[0] > 0
    before = {p.name: p.read_bytes() for p in raw_dir.iterdir()}
    (raw_dir / "yixing_2024-2026.txt").write_bytes(before["yixing_2024-2026.txt"] + b"\n")  # breaks the rebuild
    before["yixing_2024-2026.txt"] += b"\n"
    with pytest.raises(PlanError, match="restored"):
        up.save_to_raw((ROOT / "tests" / "fixtures" / "formats" / "plan.docx").read_bytes(), "plan.docx", None,
                       raw_dir=raw_dir, manifest=manifest, db_path=db)
    assert {p.name: p.read_bytes() for p in raw_dir.iterdir()} == before


def test_save_to_raw_copies_the_file_and_appends_the_manifest(tmp_path, heting_docx):
    raw_dir, manifest = tmp_path / "raw", tmp_path / "raw" / "sources.yaml"
    raw_dir.mkdir()
    manifest.write_text("sources:\n", encoding="utf-8")
    entry = up.save_to_raw(heting_docx, "heting.docx", "鹤汀县", raw_dir=raw_dir, manifest=manifest)
    assert (raw_dir / entry["file"]).read_bytes() == heting_docx
    assert entry["region_zh"] == "鹤汀县" and entry["period_start"] == 2025
    assert "鹤汀县" in manifest.read_text(encoding="utf-8")
    with pytest.raises(PlanError, match="already in the manifest"):
        up.save_to_raw(heting_docx, "heting.docx", "鹤汀县", raw_dir=raw_dir, manifest=manifest)


def test_saving_is_off_on_a_read_only_host(tmp_path, monkeypatch):
    monkeypatch.delenv(up.READ_ONLY_ENV, raising=False)
    assert up.saving_allowed(tmp_path)
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    assert not up.saving_allowed(tmp_path)
    monkeypatch.delenv(up.READ_ONLY_ENV)
    assert not up.saving_allowed(tmp_path / "missing")


# --- the page under AppTest -----------------------------------------------------------------------

def open_upload_page(params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("pages/upload.py")
    at.query_params.update(params or {})
    return at.run()


def upload(at: AppTest, name: str, data: bytes, mime: str = DOCX_MIME) -> AppTest:
    at.file_uploader(key="upload_file").set_value((name, data, mime))
    return at.run()


@pytest.mark.usefixtures("warehouse")
def test_page_limits_size_and_refuses_other_types_itself(monkeypatch):
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    at = open_upload_page()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "上传方案"
    uploader = at.file_uploader(key="upload_file")
    # No `type=`: Streamlit's own type check raises before the page runs on a NUL-named file.
    assert list(uploader.allowed_type) == []
    assert uploader.proto.max_upload_size_mb == 20
    assert not at.error and not at.data_editor
    at = upload(at, "plan.xlsx", b"PK\x03\x04", "application/octet-stream")
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and "unsupported file type .xlsx" in plain(at.error[0].value)
    assert not at.data_editor


@pytest.mark.usefixtures("warehouse")
def test_page_reads_a_plan_and_puts_it_beside_the_four_on_compare(heting_docx, heting, monkeypatch):
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    at = upload(open_upload_page(), "heting.docx", heting_docx)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert at.text_input(key="upload_region").value == "鹤汀县"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"候选数字": str(heting.extraction.candidates_found), "保留为量化目标": str(heting.numeric_targets),
                       "定性目标": str(heting.qualitative_targets), "跳过的数字": str(len(heting.extraction.skipped))}
    assert 0 < heting.numeric_targets < heting.extraction.candidates_found
    editor = at.data_editor[0]
    assert editor.editing_mode == "dynamic"
    assert editor.value["quote"].str.contains("420件").any()
    assert any("建成茶产业知识产权快速维权工作站" in w.value for w in at.warning)  # unmapped name flagged
    assert not any(b.key == "upload_save" for b in at.button)  # read-only host: no saving

    # A correction, as the browser's editor sends it: row 7 (三年累计…) read as a floor.
    pledge = int(editor.value.index[editor.value["raw_name"] == "三年累计实现知识产权质押融资"][0])
    at.session_state["upload_editor"] = {"edited_rows": {pledge: {"comparator": ">="}}, "added_rows": [],
                                         "deleted_rows": []}
    at.run()
    assert [i.value for i in at.info if "由你修改或添加" in i.value] == [
        "1 行由你修改或添加，标记为 manual（人工）：三年累计实现知识产权质押融资"]
    at.button(key="upload_use").click().run()
    assert not at.exception, [e.value for e in at.exception]
    stored = at.session_state["uploaded_targets"]
    assert set(stored["region_id"]) == {"upload-鹤汀县"} and len(stored) == len(heting.targets)
    assert stored.loc[stored["origin"] == "manual", "raw_name"].tolist() == ["三年累计实现知识产权质押融资"]
    assert [link.proto.page for link in at.page_link] == ["compare"]

    at.switch_page("pages/compare.py")
    at.query_params.update({"category": "use"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[-1].value  # the values table under the chart (st.dataframe keys are not exposed)
    assert {"宜兴市", "盐城市", "天长市", "市中区"} < set(table["region"])
    assert "鹤汀县" in set(table["region"])
    assert 40000 in set(table["value_std"])  # the 4亿元 cumulative pledge, in 万元

    # A click on one of its bars or rows (what ui.show_chart/show_table's callbacks record) opens
    # its sentence on the Sources page, in this session: the uploaded plan's own text, highlighted.
    first = stored["target_id"].iloc[0]
    at.session_state["_open_source"] = first
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert "_open_source" not in at.session_state  # consumed: the next run stays where it is
    assert at.query_params.get("doc") == "upload-鹤汀县" and at.query_params.get("target") == first
    assert at.selectbox(key="doc").value == "upload-鹤汀县"
    quote = stored["quote"].iloc[0]
    assert any(quote in plain(i.value) for i in at.info)
    page_html = " ".join(str(h.proto.body) for h in at.get("html"))
    assert f'id="t-{first}"' in page_html and "class=\"tg sel\"" in page_html
    assert "鹤汀县国家知识产权强县建设试点县工作方案" in page_html  # the whole text, not only the quotes


@pytest.mark.usefixtures("warehouse")
@pytest.mark.parametrize("path, expected", [
    (FORMATS / "encrypted.pdf", "password-protected"),
    (FORMATS / "scanned.pdf", "no text layer"),
    (BAD / "meeting_notice.txt", "no targets found"),
    (BAD / "binary.txt", "binary file"),
])
def test_page_shows_a_bad_file_as_an_error_and_keeps_serving(path, expected):
    at = upload(open_upload_page(), path.name, path.read_bytes(), "application/octet-stream")
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and expected in plain(at.error[0].value)
    assert not at.data_editor and not any(b.key == "upload_use" for b in at.button)
    assert not any(b.key == "upload_retry" for b in at.button)  # the same file fails the same way
    # The next, good file works in the same session.
    at = upload(at, "plan.pdf", (FORMATS / "plan.pdf").read_bytes(), "application/pdf")
    assert not at.error and at.text_input(key="upload_region").value == "青禾县"


@pytest.mark.usefixtures("warehouse")
def test_page_in_english_names_a_region_that_clashes_with_the_four(monkeypatch):
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    at = upload(open_upload_page({"lang": "en", "present": "1"}), "plan_gb18030.txt",
                (FORMATS / "plan_gb18030.txt").read_bytes(), "text/plain")
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Upload a plan"
    assert [b.label for b in at.button if b.key == "exit_present"] == ["Exit presentation mode"]
    at.text_input(key="upload_region").set_value("宜兴市").run()
    assert any("宜兴市（上传）" in w.value for w in at.warning)
    at.button(key="upload_use").click().run()
    stored = at.session_state["uploaded_targets"]
    assert set(stored["region_zh"]) == {"宜兴市（上传）"} and set(stored["region_id"]) == {"upload-宜兴市-上传"}


# --- file names, and text from the file or the person, shown as text ----------------------------

def test_a_file_name_with_control_characters_or_another_type_is_refused_before_reading():
    with pytest.raises(PlanError, match="control characters") as error:
        up.check_filename("pl\x00an.txt")
    assert error.value.path == "pl\ufffdan.txt"  # named, NUL shown as U+FFFD
    with pytest.raises(PlanError, match=r"unsupported file type \.md"):
        up.check_filename("plan.md")  # etl.read.readers reads .md, the page does not take it
    with pytest.raises(PlanError, match="no extension"):
        up.check_filename("plan")
    assert up.check_filename(r"C:\fakepath\方案.DOCX") == "方案.DOCX"
    assert up.shown_filename("gpj.\u202etxt") == "gpj.\ufffdtxt"  # a right-to-left override cannot spoof


def test_read_plan_keeps_the_readers_warnings(monkeypatch, heting_docx, heting):
    import etl.read.readers

    assert heting.warnings == []  # a reader without warnings (or none to give)
    read_bytes = etl.read.readers.read_bytes

    def with_warnings(*args, **kwargs):
        raw = read_bytes(*args, **kwargs)
        raw.warnings = ["疑似乱码"]
        return raw

    monkeypatch.setattr(etl.read.readers, "read_bytes", with_warnings)
    assert up.read_plan(heting_docx, "heting.docx", max_bytes=LIMIT).warnings == ["疑似乱码"]


def markdown_bodies(at: AppTest) -> list[str]:
    """Every body the page sent through Markdown."""
    return [e.value for kind in (at.markdown, at.caption, at.success, at.info, at.warning, at.error) for e in kind]


def assert_no_active_markup(at: AppTest) -> None:
    for body in markdown_bodies(at):
        assert "](http" not in body and "**粗体" not in body, body  # the page's own **bold** is fine
        assert not re.search(r"(?<!\\)(<(img|b)\b|\[(登录|点此|x)\])", body), body


@pytest.mark.usefixtures("warehouse")
def test_page_refuses_a_nul_named_file_and_reads_the_next_one(monkeypatch):
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    at = upload(open_upload_page(), "pl\x00an.txt", (FORMATS / "plan_gb18030.txt").read_bytes(), "text/plain")
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and "control characters" in plain(at.error[0].value)
    assert not at.data_editor
    at = upload(at, "plan.pdf", (FORMATS / "plan.pdf").read_bytes(), "application/pdf")
    assert not at.exception and not at.error
    assert at.text_input(key="upload_region").value == "青禾县"


HOSTILE_TITLE = "[登录](evil.example)<img src=x onerror=alert(1)>鹤汀县知识产权强县建设试点县工作方案（2025—2027年）"
HOSTILE_NAME = "[登录](https:evil.example)<img src=x onerror=alert(1)>.txt"  # a browser sends no "/"
HOSTILE_REGION = "**粗体**[x](http://e)<img src=x onerror=alert(1)>"
HOSTILE_RAW_NAME = "[点此](https://evil.example/)"


@pytest.mark.usefixtures("warehouse")
def test_page_shows_names_title_and_region_as_text(monkeypatch):
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    text = "\n".join(HOSTILE_TITLE if p == HETING_TITLE else p for p in HETING_PARAGRAPHS if p is not None)
    at = upload(open_upload_page(), HOSTILE_NAME, text.encode("utf-8"), "text/plain")
    assert not at.exception, [e.value for e in at.exception]
    assert at.success[0].value.startswith("已读取 " + md(HOSTILE_NAME))
    assert any(md(HOSTILE_TITLE) in c.value for c in at.caption)
    assert_no_active_markup(at)

    # A region typed by the person, and a raw name they wrote into the table (unmapped, manual).
    at.text_input(key="upload_region").set_value(HOSTILE_REGION)
    row = int(at.data_editor[0].value.index[at.data_editor[0].value["raw_name"] == "建成茶产业知识产权快速维权工作站"][0])
    at.session_state["upload_editor"] = {"edited_rows": {row: {"raw_name": HOSTILE_RAW_NAME}}, "added_rows": [],
                                         "deleted_rows": []}
    at.run()
    at.button(key="upload_use").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(md(HOSTILE_RAW_NAME) in i.value for i in at.info)      # rows changed by hand
    assert any(md(HOSTILE_RAW_NAME) in w.value for w in at.warning)   # names not in the dictionary
    assert any(md(HOSTILE_REGION) in s.value for s in at.success)     # added to the session
    assert any(md(HOSTILE_REGION) in b and md("（upload-") in b for b in at.markdown.values)  # session list
    assert_no_active_markup(at)


@pytest.mark.usefixtures("warehouse")
def test_page_shows_the_readers_warnings_as_text(monkeypatch, heting_docx):
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    monkeypatch.setattr(worker, "read_uploaded", upload_hooks.read_with_warnings)
    at = upload(open_upload_page(), "heting.docx", heting_docx)
    assert not at.exception, [e.value for e in at.exception]
    notes = [w.value for w in at.warning if w.value.startswith("读取提示")]
    assert [plain(n) for n in notes] == ["读取提示：" + w for w in upload_hooks.WARNINGS]
    assert_no_active_markup(at)


@pytest.mark.usefixtures("warehouse")
def test_page_shows_the_warnings_of_a_pdf_whose_text_layer_uses_radicals(monkeypatch):
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    path = FORMATS / "fresh_plan_kangxi.pdf"
    at = upload(open_upload_page(), path.name, path.read_bytes(), "application/pdf")
    assert not at.exception, [e.value for e in at.exception]
    notes = [plain(w.value) for w in at.warning if w.value.startswith("读取提示")]
    assert len(notes) >= 1 and any("⼈" in n for n in notes), notes


def test_an_uploaded_plan_is_a_document_of_the_sources_page_with_its_text(heting):
    rows = up.finish_targets(heting, up.editor_frame(heting.targets), "鹤汀县")
    texts = up.remember_text(None, "upload-鹤汀县", heting.title, heting.extraction.clean_text)
    docs = up.uploaded_documents(rows, texts)
    assert docs[["doc_id", "region_id", "status"]].values.tolist() == [["upload-鹤汀县", "upload-鹤汀县", "uploaded"]]
    assert docs["title"].iloc[0] == heting.title
    text, found = up.uploaded_text(rows, "upload-鹤汀县", texts)
    assert text == heting.extraction.clean_text
    for row in found.dropna(subset=["quote_start"]).itertuples():  # every quote where its offsets say
        assert text[int(row.quote_start):int(row.quote_end)] == row.quote


def test_without_its_text_an_uploaded_plan_shows_its_sentences_one_a_paragraph(heting):
    rows = up.finish_targets(heting, up.editor_frame(heting.targets), "鹤汀县")
    text, found = up.uploaded_text(rows, "upload-鹤汀县", None)
    assert up.uploaded_documents(rows, None)["title"].iloc[0] == "鹤汀县"
    for row in found.itertuples():
        assert text[int(row.quote_start):int(row.quote_end)] == row.quote


def test_a_read_only_deployment_refuses_to_save_an_upload_and_says_so(tmp_path, monkeypatch):
    from dashboard import upload as up
    from etl.base.errors import PlanError

    raw = tmp_path / "raw"
    raw.mkdir()
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    assert up.read_only_deployment() and not up.saving_allowed(raw)
    with pytest.raises(PlanError, match="read-only"):
        up.save_to_raw("到2026年，发明专利达到100件。".encode(), "plan.txt", "某县", raw_dir=raw)
    assert list(raw.iterdir()) == [], "nothing written"


def test_the_same_table_gives_the_same_rows_and_an_edit_is_never_served_from_the_last_answer(heting):
    """finish_targets reuses its answer for an unchanged table (the page asks on every rerun), never
    after a cell changed."""
    table = up.editor_frame(heting.targets)
    first = up.finish_targets(heting, table, "鹤汀县")
    again = up.finish_targets(heting, table.copy(), "鹤汀县")
    pd.testing.assert_frame_equal(first, again)
    again.loc[0, "value"] = -1.0  # the caller's copy: the kept answer is not changed through it
    assert up.finish_targets(heting, table, "鹤汀县").loc[0, "value"] != -1.0
    edited = table.copy()
    edited.loc[0, "value"] = 12345.0
    changed = up.finish_targets(heting, edited, "鹤汀县")
    assert changed.loc[0, "value"] == 12345.0 and changed.loc[0, "origin"] == "manual"
    assert up.finish_targets(heting, table, "鹤汀县", population_10k=40.0)["population_10k"].eq(40.0).all()
