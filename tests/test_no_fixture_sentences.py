"""The extractor's grammar is the genre's, not any one text's: no run of eight Chinese characters in
the rule table or the extractor's code (literals, examples, comments) occurs in a fixture text, a seed
plan or the real-plans development set.  Rule examples are fresh wording written for the rule."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHECKED = sorted((ROOT / "etl" / "extract").glob("rules*.py")) + [ROOT / "etl" / "extract" / "clauses.py",
                                                                   ROOT / "etl" / "extract" / "engine.py"]
TEXTS = [*(ROOT / "tests" / "fixtures").rglob("*.txt"), *(ROOT / "data" / "raw").glob("*.txt"),
         *Path("/work/shared/real-plans").glob("*.txt")]
EIGHT = re.compile(r"(?=([\u4e00-\u9fff]{8}))")


def _read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


@pytest.fixture(scope="module")
def corpus() -> str:
    return re.sub(r"\s+", "", "\n".join(_read(p) for p in TEXTS))


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: p.name)
def test_no_sentence_of_a_fixture_or_seed_plan_in_the_grammar(path, corpus):
    copied = [f"{path.name}:{n}: {run}" for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
              for run in sorted(set(EIGHT.findall(line))) if run in corpus]
    assert not copied, copied
