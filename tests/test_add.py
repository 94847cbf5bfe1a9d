"""etl.warehouse.add: taking a new plan into a raw folder and its manifest (always temporary ones here)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
import yaml

from etl.base.errors import ManifestError, PlanError
from etl.read.sources import load_manifest, verify
from etl.warehouse.add import add_plan

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
FORMATS = Path(__file__).parent / "fixtures" / "formats"
HEADER = "# Raw snapshots: each plan exactly as received.\n# A second comment line.\nsources:\n"
YIXING_ENTRY = """  - doc_id: yixing-2024
    file: elsewhere.txt
    region_id: "320282"          # GB/T 2260
    region_zh: 宜兴市
    title: 宜兴市国家知识产权强县建设示范县工作方案（2024—2026年）
    period_start: 2024
    period_end: 2026
    sha256: 0000000000000000000000000000000000000000000000000000000000000000
"""


@pytest.fixture
def store(tmp_path):
    raw_dir = tmp_path / "raw"
    raw_dir.mkdir()
    manifest = raw_dir / "sources.yaml"
    manifest.write_text(HEADER, encoding="utf-8")
    return raw_dir, manifest


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_adds_shizhong_with_everything_read_from_its_title(store):
    raw_dir, manifest = store
    entry = add_plan(RAW / "shizhong_2024-2026.txt", raw_dir=raw_dir, manifest=manifest)
    copy = raw_dir / "shizhong_2024-2026.txt"
    assert copy.read_bytes() == (RAW / "shizhong_2024-2026.txt").read_bytes()
    assert entry["path"] == str(copy)
    assert {k: entry[k] for k in ["doc_id", "file", "region_zh", "parent", "admin_level", "title", "plan_kind",
                                  "period_start", "period_end", "status", "date", "sha256"]} == {
        "doc_id": "shizhong-2024", "file": "shizhong_2024-2026.txt", "region_zh": "市中区", "parent": "枣庄市",
        "admin_level": "urban district",
        "title": "枣庄市市中区创建国家知识产权强县建设试点县工作实施方案（2024—2026年）",
        "plan_kind": "强县试点县", "period_start": 2024, "period_end": 2026, "status": "issued",
        "date": "2024-02-29", "sha256": sha(RAW / "shizhong_2024-2026.txt")}
    assert "line 9" in entry["date_note"]
    # no GB/T 2260 code known in an empty manifest: a generated, stable id, and a note saying so
    assert entry["region_id"] == "x-shizhongqu" and any("GB/T 2260" in w for w in entry["warnings"])


def test_manifest_keeps_its_comments_and_is_readable_by_the_build(store):
    raw_dir, manifest = store
    add_plan(RAW / "shizhong_2024-2026.txt", raw_dir=raw_dir, manifest=manifest)
    add_plan(RAW / "tianchang_2024-2026_draft.txt", raw_dir=raw_dir, manifest=manifest)
    text = manifest.read_text(encoding="utf-8")
    assert text.startswith(HEADER)
    sources = load_manifest(manifest)
    assert [s.doc_id for s in sources] == ["shizhong-2024", "tianchang-2024"]
    for source in sources:
        verify(source)  # the checksum recorded is the copy's
    assert sources[1].status == "draft" and sources[1].plan_kind == "强县示范县"
    assert sources[1].title == "天长市创建国家知识产权强县建设示范县工作方案(2024-2026年)(征求意见稿)"
    assert sources[1].date == "2024-01-29"


def test_yancheng_has_no_date_line_so_date_is_left_for_a_person(store):
    raw_dir, manifest = store
    entry = add_plan(RAW / "yancheng_2022-2025.txt", raw_dir=raw_dir, manifest=manifest)
    assert (entry["region_zh"], entry["plan_kind"], entry["period_start"], entry["period_end"]) == (
        "盐城市", "强市试点城市", 2022, 2025)
    assert entry["date"] == "" and any("date" in w for w in entry["warnings"])


def test_known_region_gets_its_code_and_a_taken_doc_id_a_suffix(store):
    raw_dir, manifest = store
    manifest.write_text(HEADER + YIXING_ENTRY, encoding="utf-8")
    entry = add_plan(RAW / "yixing_2024-2026.txt", raw_dir=raw_dir, manifest=manifest)
    assert entry["region_id"] == "320282" and entry["warnings"] == []
    assert entry["doc_id"] == "yixing-2024-2"
    text = manifest.read_text(encoding="utf-8")
    assert text.startswith(HEADER + YIXING_ENTRY)  # the old entry and its comment are untouched
    assert yaml.safe_load(text)["sources"][1]["region_id"] == "320282"  # a string, as the others


def test_same_file_twice_is_refused_and_nothing_changes(store):
    raw_dir, manifest = store
    add_plan(RAW / "yixing_2024-2026.txt", raw_dir=raw_dir, manifest=manifest)
    before = manifest.read_bytes()
    renamed = raw_dir.parent / "copy-of-yixing.txt"
    shutil.copyfile(RAW / "yixing_2024-2026.txt", renamed)
    with pytest.raises(PlanError, match="already in the manifest as yixing-2024"):
        add_plan(renamed, raw_dir=raw_dir, manifest=manifest)
    assert manifest.read_bytes() == before
    assert sorted(p.name for p in raw_dir.iterdir()) == ["sources.yaml", "yixing_2024-2026.txt"]


def test_a_plan_already_in_the_real_manifest_is_refused(store):
    raw_dir, manifest = store
    shutil.copyfile(RAW / "sources.yaml", manifest)  # a copy: the real manifest is never written
    with pytest.raises(PlanError, match="already in the manifest as shizhong-2024"):
        add_plan(RAW / "shizhong_2024-2026.txt", raw_dir=raw_dir, manifest=manifest)


def test_docx_with_a_chinese_name_gets_a_safe_file_name(store):
    raw_dir, manifest = store
    upload = raw_dir.parent / "青禾县 方案;rm -rf.docx"
    shutil.copyfile(FORMATS / "plan.docx", upload)
    entry = add_plan(upload, raw_dir=raw_dir, manifest=manifest)
    assert entry["region_zh"] == "青禾县" and entry["admin_level"] == "county"
    assert entry["period_start"] == 2025 and entry["plan_kind"] == "强县试点县"
    assert entry["doc_id"] == "x-qinghexian-2025"  # named after the region's generated id
    assert entry["file"] == f"{entry['doc_id']}.docx"
    assert (raw_dir / entry["file"]).read_bytes() == upload.read_bytes()


def test_region_not_in_the_title_asks_for_region(store, tmp_path):
    raw_dir, manifest = store
    plan = tmp_path / "plan.txt"
    plan.write_text("关于推进国家知识产权强县建设试点县工作方案（2024—2026年）\n一、工作目标\n到2026年……\n",
                    encoding="utf-8")
    with pytest.raises(PlanError, match="--region"):
        add_plan(plan, raw_dir=raw_dir, manifest=manifest)
    assert manifest.read_text(encoding="utf-8") == HEADER and not (raw_dir / "plan.txt").exists()
    entry = add_plan(plan, region_zh="青禾县", raw_dir=raw_dir, manifest=manifest)
    assert entry["region_zh"] == "青禾县" and entry["parent"] is None
    assert load_manifest(manifest)[0].region_zh == "青禾县"


def test_gb18030_plan_title_split_over_lines(store, tmp_path):
    raw_dir, manifest = store
    plan = tmp_path / "qinghe.txt"
    plan.write_bytes("山东省青禾市东湖区国家知识产权\n强县建设示范县工作方案\n（2025—2027年）\n\n2025年3月5日\n正文。\n"
                     .encode("gb18030"))
    entry = add_plan(plan, raw_dir=raw_dir, manifest=manifest)
    assert (entry["region_zh"], entry["parent"], entry["province"]) == ("东湖区", "青禾市", "山东省")
    assert entry["title"] == "山东省青禾市东湖区国家知识产权强县建设示范县工作方案（2025—2027年）"
    assert entry["date"] == "2025-03-05" and entry["plan_kind"] == "强县示范县"
    assert (raw_dir / "qinghe.txt").read_bytes() == plan.read_bytes()  # copied as is, not re-encoded


def test_a_file_without_a_plan_title_is_refused(store, tmp_path):
    raw_dir, manifest = store
    plan = tmp_path / "notes.txt"
    plan.write_text("会议纪要\n今天讨论了知识产权工作。\n", encoding="utf-8")
    with pytest.raises(PlanError, match="title"):
        add_plan(plan, raw_dir=raw_dir, manifest=manifest)


def test_unreadable_files_are_refused_before_anything_is_copied(store):
    raw_dir, manifest = store
    for bad in ["encrypted.pdf", "scanned.pdf", "truncated.docx"]:
        with pytest.raises(PlanError):
            add_plan(FORMATS / bad, raw_dir=raw_dir, manifest=manifest)
    assert [p.name for p in raw_dir.iterdir()] == ["sources.yaml"]


def test_manifest_with_sources_not_last_is_left_alone(store):
    raw_dir, manifest = store
    manifest.write_text(HEADER + YIXING_ENTRY + "settings:\n  strict: true\n", encoding="utf-8")
    before = manifest.read_bytes()
    with pytest.raises(ManifestError, match="nothing added"):
        add_plan(RAW / "shizhong_2024-2026.txt", raw_dir=raw_dir, manifest=manifest)
    assert manifest.read_bytes() == before
    assert [p.name for p in raw_dir.iterdir()] == ["sources.yaml"]


# --- citation metadata read from the notice at the top of a plan ------------------------------

@pytest.mark.parametrize("file", ["shizhong_2024-2026.txt", "tianchang_2024-2026_draft.txt",
                                  "yixing_2024-2026.txt", "yancheng_2022-2025.txt"])
def test_issuer_and_doc_number_read_from_the_four_plans_agree_with_the_manifest(file):
    from etl.warehouse.add import prepare_plan

    recorded = next(s for s in load_manifest() if s.file == file)
    fields = prepare_plan(RAW / file, check_targets=False).fields
    # The manifest's citation fields were filled from the texts alone: reading them again agrees.
    assert (fields["issuer"], fields["doc_number"], fields["url"]) == (
        recorded.issuer, recorded.doc_number, recorded.url)


def test_a_notice_with_its_own_doc_number_and_signature_is_recorded(store, tmp_path):
    raw_dir, manifest = store
    plan = tmp_path / "qinghe.txt"
    plan.write_text("青禾县人民政府办公室\n青政办发〔2025〕 12号\n关于印发《青禾县国家知识产权强县建设试点县工作方案"
                    "（2025—2027年）》的通知\n各乡镇：\n根据《关于开展试点的通知》（国知办函运字〔2023〕582号），现印发。\n"
                    "青禾县人民政府办公室\n2025年3月5日\n一、工作目标\n到2027年，发明专利拥有量达到600件。\n",
                    encoding="utf-8")
    entry = add_plan(plan, region_zh="青禾县", raw_dir=raw_dir, manifest=manifest)
    assert entry["doc_number"] == "青政办发〔2025〕12号"  # its own, not the one it cites
    assert entry["issuer"] == "青禾县人民政府办公室" and entry["url"] == ""
    source = load_manifest(manifest)[0]
    assert (source.doc_number, source.issuer, source.url) == ("青政办发〔2025〕12号", "青禾县人民政府办公室", "")


def test_a_cited_doc_number_and_an_unsigned_notice_leave_the_fields_empty(store, tmp_path):
    raw_dir, manifest = store
    plan = tmp_path / "qinghe.txt"
    plan.write_text("青禾县国家知识产权强县建设试点县工作方案（2025—2027年）\n根据（国知办函运字〔2023〕582号）要求制定。\n"
                    "到2027年，发明专利拥有量达到600件。\n", encoding="utf-8")
    entry = add_plan(plan, raw_dir=raw_dir, manifest=manifest)
    assert (entry["doc_number"], entry["issuer"]) == ("", "")
    assert any("issuer" in warning for warning in entry["warnings"])


def test_an_older_manifest_without_citation_fields_still_loads_with_them_empty(store):
    raw_dir, manifest = store
    manifest.write_text(HEADER + YIXING_ENTRY.replace("0" * 64, "ab" * 32), encoding="utf-8")
    source = load_manifest(manifest)[0]
    assert (source.issuer, source.doc_number, source.url) == ("", "", "")
