"""A valid document far bigger than a plan is refused with its reason before any target is looked
for (etl.read.readers: MAX_TEXT_CHARS, MAX_NUMBERS), on the upload page and in `python -m etl add`
alike.  How fast the refusal comes is bench/bench_etl.py's part (f), not a timed test.

The documents are made with python-docx (bench/generate_corpus.py `big_docx`), in words written for them: a county's plan
whose target paragraph is repeated two thousand times, once with a long paragraph of prose around
each target (20 MB unpacked, millions of characters), once in heavy formatting (little text,
thousands of numbers).
"""

from __future__ import annotations

import io
import sys
import zipfile

import pytest
from streamlit.testing.v1 import AppTest

import etl.warehouse.plan
from dashboard import upload as up
from etl.base.errors import PlanError
from etl.read import readers
from etl.warehouse.add import add_plans
from tests.conftest import ROOT

LIMIT = 20 * 1024 * 1024
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
sys.path.insert(0, str(ROOT / "bench"))
from generate_corpus import BIG_TARGET, BIG_TITLE, big_docx  # noqa: E402


@pytest.fixture(scope="module")
def long_docx() -> bytes:
    data = big_docx(2000, 3300, 2)
    unpacked = sum(info.file_size for info in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert unpacked > 20 * 1000 * 1000 and len(data) < LIMIT  # a valid, small file that unpacks to 20 MB
    return data


@pytest.fixture(scope="module")
def numbers_docx() -> bytes:
    return big_docx(1200, 0, 12)


@pytest.fixture()
def no_extraction(monkeypatch):
    """The refusal must come before the extractor runs: running it fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("the extractor ran on a document above the bound")

    monkeypatch.setattr(etl.warehouse.plan, "extract_text", refuse)


@pytest.mark.usefixtures("no_extraction")
def test_a_document_with_millions_of_characters_is_refused_with_its_length(long_docx):
    with pytest.raises(PlanError) as error:
        up.read_plan(long_docx, "qingya.docx", max_bytes=LIMIT)
    message = error.value.message
    assert "characters" in message and f"{readers.MAX_TEXT_CHARS:,}" in message
    assert "6," in message.split("characters")[0]  # its own count, in millions


@pytest.mark.usefixtures("no_extraction")
def test_a_document_with_thousands_of_numbers_is_refused_with_their_count(numbers_docx):
    raw_text = readers.read_bytes  # the count is of what the extractor would read: text and table cells
    with pytest.raises(PlanError) as error:
        raw_text(numbers_docx, "qingya.docx")
    assert "numbers" in error.value.message and f"{readers.MAX_NUMBERS:,}" in error.value.message


def test_a_plan_at_the_bounds_is_read():
    text = "\n".join([BIG_TITLE, "一、主要目标", *[BIG_TARGET] * ((readers.MAX_NUMBERS - 10) // 3)])
    plan = up.read_plan(text.encode("utf-8"), "qingya.txt", max_bytes=LIMIT)
    assert len(plan.targets) > 0


@pytest.mark.usefixtures("no_extraction")
def test_etl_add_refuses_it_with_the_reason_and_adds_nothing(long_docx, tmp_path):
    path = tmp_path / "qingya.docx"
    path.write_bytes(long_docx)
    raw = tmp_path / "raw"
    raw.mkdir()
    summary = add_plans([path], raw_dir=raw, manifest=raw / "sources.yaml", progress=False)
    assert [outcome.status for outcome in summary.outcomes] == ["refused"]
    assert "characters" in summary.outcomes[0].message and "refused" in str(summary)
    assert list(raw.iterdir()) == []


@pytest.mark.usefixtures("warehouse")
def test_the_upload_page_shows_the_reason(long_docx, monkeypatch):
    monkeypatch.setenv(up.READ_ONLY_ENV, "1")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/upload.py")
    at.run()
    at.file_uploader(key="upload_file").set_value(("qingya.docx", long_docx, DOCX_MIME))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1 and "characters of text" in at.error[0].value
    assert not at.data_editor
