"""The layer rules and the vocabulary rule bite: each is shown to fail on a planted violation.

Each test copies the project's code into a temporary tree, plants one forbidden import or literal and
runs the real checker (import-linter with the project's pyproject.toml, or the literal lint), so a
contract that stopped catching what it names fails here, not in review.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "lint"))
import chinese_literals  # noqa: E402

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy_tree(tmp_path: Path) -> Path:
    dest = tmp_path / "repo"
    for name in ("etl", "dashboard", "deploy", "pages"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", dest / "pyproject.toml")
    return dest


def _lint_imports(repo: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(LINT_IMPORTS), "--no-cache"], cwd=repo, capture_output=True, text=True,
                          env={"PYTHONPATH": str(repo), "PATH": "/usr/bin:/bin"})


def _plant(repo: Path, module: str, code: str) -> None:
    path = repo / module
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + code + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def clean_result(tmp_path_factory):
    repo = _copy_tree(tmp_path_factory.mktemp("clean"))
    return _lint_imports(repo)


def test_the_contracts_pass_on_the_code_as_it_is(clean_result):
    assert clean_result.returncode == 0, clean_result.stdout[-2000:]


@pytest.mark.parametrize("module, code", [
    ("etl/extract/clauses.py", "def _later():\n    import streamlit  # noqa: F401\n"),
    ("etl/warehouse/steps.py", "def _later():\n    import streamlit  # noqa: F401\n"),
    ("etl/read/clean.py", "import plotly  # noqa: F401"),
    ("etl/base/schema.py", "def _later():\n    from dashboard import queries  # noqa: F401\n"),
    ("etl/read/clean.py", "from etl.warehouse import steps  # noqa: F401"),
    ("etl/vocab/lexicon.py", "from etl.extract import clauses  # noqa: F401"),
])
def test_a_forbidden_import_in_the_etl_breaks_the_lint(tmp_path, module, code):
    repo = _copy_tree(tmp_path)
    _plant(repo, module, code)
    result = _lint_imports(repo)
    assert result.returncode != 0, f"{module} with {code!r} passed lint-imports"
    assert "BROKEN" in result.stdout


def test_the_literal_lint_passes_on_the_code_as_it_is():
    assert chinese_literals.check() == []


def test_a_chinese_literal_outside_the_vocabulary_breaks_the_literal_lint(tmp_path):
    repo = _copy_tree(tmp_path)
    _plant(repo, "etl/warehouse/load.py", 'EXTRA_WORD = "新增"')
    problems = chinese_literals.check(repo / "etl")
    assert any(p.startswith("etl/warehouse/load.py:") for p in problems), problems


def test_docstrings_and_comments_may_speak_chinese(tmp_path):
    repo = _copy_tree(tmp_path)
    _plant(repo, "etl/warehouse/load.py", 'def f():\n    """读取 plans."""\n    # 注释\n    return 1')
    assert chinese_literals.check(repo / "etl") == []


def test_the_vocabulary_and_the_rule_table_may_hold_chinese(tmp_path):
    repo = _copy_tree(tmp_path)
    _plant(repo, "etl/vocab/lexicon.py", 'EXTRA_WORD = "新增"')
    (repo / "etl" / "extract" / "rules_example.py").write_text('EXAMPLE = "到2027年达到5件"\n', encoding="utf-8")
    assert chinese_literals.check(repo / "etl") == []


def test_a_module_that_no_longer_needs_its_exception_must_leave_the_list(tmp_path):
    repo = _copy_tree(tmp_path)
    problems = chinese_literals.check(repo / "etl", chinese_literals.NOT_YET_MOVED | {"etl/warehouse/load.py"})
    assert any("etl/warehouse/load.py" in p and "NOT_YET_MOVED" in p for p in problems)


# --- the dashboard's layer rules ---------------------------------------------------------------

@pytest.mark.parametrize("module, code", [
    ("pages/towns.py", "import etl  # noqa: F401"),
    ("pages/towns.py", "from etl.base.schema import SCOPES  # noqa: F401"),
    ("pages/compare.py", "from dashboard import queries  # noqa: F401"),
    ("pages/data.py", "def _later():\n    from dashboard import db  # noqa: F401\n"),
    ("dashboard/services/comparisons.py", "import streamlit  # noqa: F401"),
    ("dashboard/services/groups.py", "def _later():\n    import streamlit  # noqa: F401\n"),
    ("dashboard/peers.py", "def _later():\n    from dashboard import state  # noqa: F401\n"),  # Streamlit one step away
    ("dashboard/db.py", "import streamlit as st  # noqa: F401"),
    ("dashboard/charts/bars.py", "from dashboard import queries  # noqa: F401"),
    ("dashboard/charts/text.py", "def _later():\n    import streamlit  # noqa: F401\n"),
    ("dashboard/export.py", "from etl.warehouse import steps  # noqa: F401"),
    ("dashboard/review.py", "def _later():\n    from etl.harmonize import dictionary  # noqa: F401\n"),
    ("dashboard/queries.py", "from dashboard.services import comparisons  # noqa: F401"),
    ("etl/warehouse/steps.py", "def _later():\n    from etl import api  # noqa: F401\n"),
])
def test_a_forbidden_import_in_the_dashboard_breaks_the_lint(tmp_path, module, code):
    repo = _copy_tree(tmp_path)
    _plant(repo, module, code)
    result = _lint_imports(repo)
    assert result.returncode != 0, f"{module} with {code!r} passed lint-imports"
    assert "BROKEN" in result.stdout


def _contract(name_starts: str) -> dict:
    import tomllib

    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["name"].startswith(name_starts))


def _children(package: Path, prefix: str) -> set[str]:
    return {f"{prefix}.{p.stem if p.is_file() else p.name}" for p in package.iterdir()
            if (p.suffix == ".py" and p.stem != "__init__") or (p.is_dir() and (p / "__init__.py").exists())}


def test_every_dashboard_module_but_the_ui_is_held_to_no_streamlit():
    """A module added to the dashboard is plain Python unless it is part of the Streamlit edge."""
    listed = set(_contract("Below the pages only dashboard.ui")["source_modules"])
    edge = {"dashboard.ui", "dashboard.state"}
    assert _children(ROOT / "dashboard", "dashboard") - edge == listed


def test_every_etl_package_but_the_api_is_closed_to_the_dashboard():
    forbidden = set(_contract("The dashboard reaches the ETL only through etl.api")["forbidden_modules"])
    assert _children(ROOT / "etl", "etl") - {"etl.api"} == forbidden


def _private_imports(path: Path) -> list[str]:
    """`from x import _name` and `module._name` (a module this file imported) in one file."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module != "__future__":
            found += [f"{path.name}: from {node.module} import {a.name}" for a in node.names
                      if a.name.startswith("_") and not a.name.startswith("__")]
            modules |= {a.asname or a.name for a in node.names}
        elif isinstance(node, ast.Import):
            modules |= {(a.asname or a.name).split(".")[0] for a in node.names}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in modules
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            found.append(f"{path.name}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_the_dashboard_takes_no_private_function_from_another_module():
    files = [*ROOT.joinpath("dashboard").rglob("*.py"), *ROOT.joinpath("pages").glob("*.py"), ROOT / "app.py"]
    found = [hit for path in files for hit in _private_imports(path)]
    assert found == []


def test_the_private_import_check_sees_one(tmp_path):
    planted = tmp_path / "page.py"
    planted.write_text("from dashboard import state\nfrom dashboard.upload import _blank\nstate._raw('x')\n",
                       encoding="utf-8")
    assert len(_private_imports(planted)) == 2
