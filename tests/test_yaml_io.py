"""etl.base.yaml_io.safe_load gives what yaml.safe_load gives — the same objects of the same types —
for every YAML file of the project, a generated manifest of many plans, and the YAML a person may write
that the fast reader leaves to PyYAML (anchors, tags, merge keys, several documents, errors)."""

import datetime as dt
import io
from pathlib import Path

import pytest
import yaml

from etl.base import yaml_io

ROOT = Path(__file__).resolve().parent.parent


def _same(a, b) -> bool:
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(k, k2) and _same(a[k], b[k2]) for k, k2 in zip(a, b))
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and a != a:
        return b != b
    return a == b


def _expected(text):
    return yaml.load(text, Loader=yaml_io.SafeLoader)  # the loader the project used before: C where built


def test_every_yaml_file_of_the_project():
    files = [p for p in ROOT.rglob("*.y*ml") if ".venv" not in p.parts and ".git" not in p.parts]
    assert any(p.name == "sources.yaml" for p in files) and any(p.name == "indicators.yaml" for p in files)
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert _same(yaml_io.safe_load(text), _expected(text)), path


SCALARS = """\
ints: [1, -2, 0x1f, 0o17, 1_000, "7", '8', 012, +3]
floats: [1.5, -0.0, .inf, -.Inf, .nan, 6.8e+3, 1_0.5]
bools: [yes, No, TRUE, off, On, y, n, "yes"]
nulls: [~, null, Null, "~"]
empty_value:
dates: [2024-01-29, 2024-01-29 10:20:30, 2024-1-2T01:02:03Z, "2024-01-29"]
text: [宜兴市, 国家知识产权强县, '2024—2026', plain text, 12:30, 0.5%, 1.0.0]
empty_map: {}
empty_list: []
nested:
  - doc_id: a-2024
    region_id: "320282"
    period_start: 2024
    parent: null
    multi: |
      line one
      line two
    folded: >
      one
      two
  - [1, [2, [3]]]
dup: 1
dup: 2
"""


def test_scalars_and_shapes_as_the_safe_loader_reads_them():
    got = yaml_io.safe_load(SCALARS)
    assert _same(got, _expected(SCALARS))
    assert got["dates"][0] == dt.date(2024, 1, 29) and got["bools"][0] is True and got["dup"] == 2
    assert got["empty_value"] is None and got["ints"][2] == 31


def test_a_stream_and_a_file_handle_read_the_same():
    assert _same(yaml_io.safe_load(io.StringIO(SCALARS)), _expected(SCALARS))
    assert _same(yaml_io.safe_load(io.BytesIO(SCALARS.encode("utf-8"))), _expected(SCALARS))


@pytest.mark.parametrize("text", [
    "base: &b {a: 1}\nother: *b\n",
    "base: &b {a: 1}\nother:\n  <<: *b\n  c: 2\n",
    "tagged: !!str 2024\nset: !!set {a, b}\n",
    "",
    "just a scalar",
])
def test_what_the_fast_reader_leaves_to_pyyaml(text):
    assert _same(yaml_io.safe_load(text), _expected(text))


@pytest.mark.parametrize("text", ["a: 1\n---\nb: 2\n", "a: [1, 2\n", "a: !!python/object:os.system x\n",
                                  "a: b: c\n", "- a\nb: 1\n",
                                  "? [a, b]\n: complex key\n"])
def test_errors_are_pyyamls_own(text):
    with pytest.raises(yaml.YAMLError) as expected:
        _expected(text)
    with pytest.raises(yaml.YAMLError) as got:
        yaml_io.safe_load(text)
    assert type(got.value) is type(expected.value) and str(got.value) == str(expected.value)


def test_a_manifest_of_a_thousand_plans(tmp_path):
    entries = "".join(
        f"  - doc_id: synthetic-{i:04d}\n    file: synthetic_{i:04d}.txt\n    region_id: \"{100000 + i}\"\n"
        f"    region_zh: 测试{i}县\n    period_start: 2024\n    period_end: 2026\n    date: 2024-0{1 + i % 9}-1{i % 10}\n"
        f"    parent: null\n    sha256: {i:064x}\n    doc_number: \"\"\n"
        for i in range(1000))
    text = "sources:\n" + entries
    assert _same(yaml_io.safe_load(text), _expected(text))


@pytest.mark.skipif(yaml_io.CParser is None, reason="PyYAML without libyaml: every document takes the loader's way")
def test_the_projects_own_files_take_the_event_reader():
    for name in ("data/raw/sources.yaml", "data/reference/indicators.yaml"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert _same(yaml_io._from_events(yaml_io.CParser(text)), _expected(text)), name
