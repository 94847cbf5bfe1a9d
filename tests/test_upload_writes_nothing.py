"""A visitor's upload never touches the disk: reading plans on the upload page without saving them
(good files, bad files, a file above the size bounds, hostile names) leaves every file of the
checkout byte for byte as it was — no per-plan cache entry (etl/warehouse/cache.py is for plans in the
store), no copy, no log — and leaves nothing in the temporary folder of the child process that reads
them (dashboard/upload_worker.py).

Left out of the comparison: Python's bytecode caches (__pycache__: written by any process on its
first import of a module, holding no visitor's data) and the test tools' own caches.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import upload as up
from etl.warehouse import cache as plan_cache
from tests.conftest import ROOT

FORMATS = ROOT / "tests" / "fixtures" / "formats"
BAD = ROOT / "tests" / "fixtures" / "bad"
NOT_THE_APPS = {".git", ".venv", "__pycache__", ".pytest_cache", ".ruff_cache", ".import_linter_cache"}
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# A plan written for this test; its name tries to reach outside any folder it might be written to.
PLAN = ("鹭滩县知识产权强县建设试点县工作方案（2025—2027年）\n一、主要目标\n"
        "到2027年，全县有效发明专利拥有量达到310件，知识产权质押融资金额累计达到2亿元。\n")
READINGS = [
    ("plan.docx", (FORMATS / "plan.docx").read_bytes(), DOCX_MIME),
    ("plan.pdf", (FORMATS / "plan.pdf").read_bytes(), "application/pdf"),
    ("binary.txt", (BAD / "binary.txt").read_bytes(), "text/plain"),
    ("meeting_notice.txt", (BAD / "meeting_notice.txt").read_bytes(), "text/plain"),
    ("../../.cache/plans/<img src=x onerror=alert(1)>.txt", PLAN.encode("utf-8"), "text/plain"),
    ("..\\..\\data\\raw\\sources.yaml.txt", PLAN.encode("gb18030"), "text/plain"),
    ("pl\x00an.txt", PLAN.encode("utf-8"), "text/plain"),
    ("too_many_numbers.txt", ("\n".join([PLAN] * 400)).encode("utf-8"), "text/plain"),
]


def checkout_files(root: Path = ROOT) -> dict[str, str]:
    """Every file of the checkout (but the folders above) with its sha256."""
    files = {}
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in NOT_THE_APPS]
        for name in names:
            path = Path(folder) / name
            if path.is_file():
                files[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


@pytest.mark.usefixtures("warehouse")
def test_reading_plans_on_the_upload_page_writes_no_file(tmp_path, monkeypatch):
    child_temp = tmp_path / "child-temp"
    child_temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(child_temp))  # the reading child's temporary folder
    monkeypatch.delenv(plan_cache.CACHE_ENV, raising=False)  # the cache, were it used, is in the checkout
    monkeypatch.setenv(up.READ_ONLY_ENV, "0")  # a host that may save: reading alone still writes nothing
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/upload.py")
    at.run()
    before = checkout_files()
    outcomes = []
    for name, data, mime in READINGS:
        at.file_uploader(key="upload_file").set_value((name, data, mime))
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        outcomes.append("read" if at.data_editor else "refused")
    assert outcomes == ["read", "read", "refused", "refused", "read", "read", "refused", "refused"]
    after = checkout_files()
    assert sorted(set(after) - set(before)) == [], "files written by reading"
    assert sorted(name for name in before if before[name] != after.get(name)) == [], "files changed by reading"
    assert list(child_temp.iterdir()) == []
