"""Lint: the genre's Chinese words live in one vocabulary, not scattered through the ETL.

    python tests/lint/chinese_literals.py          # exit 1 naming file:line of each stray literal

A string literal holding a Chinese character is allowed only in the vocabulary (`etl/vocab/`) and the
extractor's rule tables (`etl/extract/rules*.py`, whose examples are the one place sentences of the
genre appear).  Docstrings and comments are exempt: they explain, they do not decide; so are the
column meanings of `etl/base/schema.py` (DOCUMENTATION), which the data dictionary shows.

`NOT_YET_MOVED` names the modules whose literals still wait to move into the vocabulary; it may only
shrink.  A module not on it that gains a Chinese literal fails the lint (`make lint`), and so does a
module on it that no longer needs to be there (so the list stays true).
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ETL = ROOT / "etl"
# Han characters and CJK punctuation (、。《》「」); full-width ASCII variants (＝ ～ ％) are symbols, not Chinese.
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3001-\u303f]")
HOMES = ("etl/vocab/",)
# Modules whose Chinese is documentation, not vocabulary: each column's meaning in the data dictionary
# quotes the genre's words as examples ("由162人增至250人 → 162").  No rule reads these strings.
DOCUMENTATION = {"etl/base/schema.py"}
RULE_TABLE = re.compile(r"^etl/extract/rules[\w]*\.py$")

NOT_YET_MOVED: set[str] = set()  # every module has moved its words into the vocabulary


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            body = getattr(node, "body", [])
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                ids.add(id(body[0].value))
    return ids


def stray_literals(path: Path) -> list[tuple[int, str]]:
    """(line, literal) of every string constant with a CJK character that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    docs = _docstring_nodes(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs \
                and CJK.search(node.value):
            found.append((node.lineno, node.value))
    return sorted(found)


def allowed_home(rel: str) -> bool:
    return rel.startswith(HOMES) or bool(RULE_TABLE.match(rel)) or rel in DOCUMENTATION


def check(etl_dir: Path = ETL, waiting: set[str] = NOT_YET_MOVED) -> list[str]:
    problems = []
    for path in sorted(etl_dir.rglob("*.py")):
        rel = path.relative_to(etl_dir.parent).as_posix()
        if allowed_home(rel):
            continue
        found = stray_literals(path)
        if found and rel not in waiting:
            for line, text in found:
                problems.append(f"{rel}:{line}: Chinese literal {text[:30]!r} outside the vocabulary "
                                f"(move it to etl/vocab/ or the rule table)")
        if not found and rel in waiting:
            problems.append(f"{rel}: holds no Chinese literal any more: remove it from NOT_YET_MOVED "
                            f"in tests/lint/chinese_literals.py")
    return problems


def main() -> int:
    problems = check()
    for p in problems:
        print(p)
    if not problems:
        print(f"Chinese literals: only in the vocabulary and the rule table "
              f"({len(NOT_YET_MOVED)} module(s) still waiting to move)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
