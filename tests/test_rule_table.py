"""The extractor's rule tables, tested from their own examples (one test per row, generated).

Each row of etl/extract/rules.py carries an example in fresh wording; here the example is read as a
short plan (a heading of the part the row names, then the example) and the row itself must be the
one that decides, with the decision it states.  A row without an example fails."""

import pytest

from etl.extract import rules
from etl.extract.engine import check_table, tracing
from etl.warehouse.plan import extract_text

TABLES = {name: getattr(rules, name) for name in ("NUMBER_RULES", "MODALITY_RULES", "NEW_CARRY_RULES", "YEARLY_RULES", "SCOPE_RULES")}
# The heading that puts the example in the part of a plan its row names.
PART_HEADINGS = {"goals": "一、主要目标\n", "tasks": "二、重点任务\n", "other": "一、工作基础\n"}
PERIOD = (2024, 2026)


def read(example: str, context: str):
    with tracing() as fired:
        extraction = extract_text(PART_HEADINGS[context] + example + "\n", period=PERIOD)
    return extraction, fired


ROWS = [pytest.param(table, rule, id=f"{table}:{rule.name}") for table, rows in TABLES.items() for rule in rows]


@pytest.mark.parametrize("table", list(TABLES))
def test_every_rule_has_an_example_an_origin_and_its_own_name(table):
    assert check_table(TABLES[table]) == []


@pytest.mark.parametrize("table, rule", ROWS)
def test_a_rule_decides_its_own_example(table, rule):
    extraction, fired = read(rule.example, rule.context)
    assert rule.name in fired, f"{rule.name} did not fire on its example; fired: {fired}"
    if rule.reason is not None:
        assert rule.reason in set(extraction.skipped["reason"]), extraction.skipped
    if rule.decision.startswith("scope="):
        assert rule.decision.removeprefix("scope=") in set(extraction.targets["scope"]), extraction.targets


def test_a_rule_without_an_example_or_origin_is_named():
    bare = rules.Rule("bare", rules.SKIP, " ", "")
    assert check_table((bare, bare)) == ["bare: no example", "bare: no origin", "bare: no example", "bare: no origin",
                                         "bare: name used twice"]


def test_no_function_of_the_extractor_is_over_forty_lines():
    """Issue 19: the grammar lives in the tables; the code that runs them stays short enough to read."""
    import ast
    from pathlib import Path

    long = []
    for path in sorted((Path(__file__).resolve().parents[1] / "etl" / "extract").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno + 1 > 40:
                long.append(f"{path.name}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)")
    assert long == []
