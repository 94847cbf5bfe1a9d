"""The ETL's grammar is the genre's, not any one text's.  In the grammar (the rule tables, the clause
reader, its engine, the time-aware reading) no run of eight Chinese characters — literals, rule
examples, comments — occurs in a fixture text, a seed plan or the real-plans development set; rule
examples are fresh wording written for the rule.  Every other etl module may name the genre's terms
(每万人口高价值发明专利拥有量 is a term, not a sentence) but quotes no sentence: no run of SENTENCE_RUN
characters of a text appears in it, save inside a vocabulary module's whole terms (a name, no punctuation)."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GRAMMAR = sorted((ROOT / "etl" / "extract").glob("rules*.py")) + [
    ROOT / "etl" / "extract" / name for name in ("clauses.py", "engine.py", "time.py")] + [
    ROOT / "etl" / "read" / "anchor.py", ROOT / "etl" / "vocab" / "time.py"]
OTHERS = [p for p in sorted((ROOT / "etl").rglob("*.py")) if p not in GRAMMAR]
SENTENCE_RUN = 16  # longer than most of the genre's indicator names
MAX_TERM = 24  # a vocabulary term (one name, no punctuation) up to this length may occur in a plan
TEXTS = [*(ROOT / "tests" / "fixtures").rglob("*.txt"), *(ROOT / "data" / "raw").glob("*.txt"),
         *(ROOT.parent / "shared" / "real-plans").glob("*.txt")]
def runs(length: int) -> re.Pattern:
    return re.compile(rf"(?=([\u4e00-\u9fff]{{{length}}}))")


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


@pytest.fixture(scope="module")
def corpus() -> str:
    return re.sub(r"\s+", "", "\n".join(_read(p) for p in TEXTS))


def _copied(path: Path, corpus: str, length: int) -> list[str]:
    pattern = runs(length)
    return [f"{path.name}:{n}: {run}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
            for run in sorted(set(pattern.findall(line))) if run in corpus]


@pytest.mark.parametrize("path", GRAMMAR, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_sentence_of_a_fixture_or_seed_plan_in_the_grammar(path, corpus):
    assert not _copied(path, corpus, 8)


def _terms(path: Path) -> set[str]:
    """A vocabulary module's terms: string literals that name one thing (no punctuation, at most
    MAX_TERM characters), such as 知识产权纠纷行政调解司法确认案件. A term may stand in a plan; a sentence may not."""
    import ast

    return {node.value for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) <= MAX_TERM
            and re.fullmatch(r"[\u4e00-\u9fff]+", node.value)}


@pytest.mark.parametrize("path", OTHERS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_sentence_of_a_fixture_or_seed_plan_anywhere_in_the_etl(path, corpus):
    terms = _terms(path) if "vocab" in path.parts else set()
    copied = [hit for hit in _copied(path, corpus, SENTENCE_RUN) if not any(hit.split(": ", 1)[1] in term
                                                                            for term in terms)]
    assert not copied
