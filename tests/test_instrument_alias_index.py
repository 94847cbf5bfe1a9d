"""The instrument dictionary tests a sentence only against aliases whose first character it contains:
it must find exactly what testing every alias finds, in the same order."""

from __future__ import annotations

import re
from pathlib import Path

from etl.extract.instruments import Mention, dictionary, normalize
from etl.read.clean import clean
from etl.segment.sentences import segment

ROOT = Path(__file__).resolve().parent.parent


def _every_alias(d, text: str) -> list[Mention]:
    return [Mention(ident, m.start(), m.start() + len(norm), written)
            for norm, written, ident in d._aliases if norm and norm in text
            for m in re.finditer(re.escape(norm), text)]


def test_alias_index_finds_what_a_scan_of_every_alias_finds():
    d = dictionary()
    sentences = [s.text for path in sorted((ROOT / "data" / "raw").glob("*.txt"))
                 for s in segment(clean(path.read_text(encoding="utf-8")).text)]
    assert len(sentences) > 200
    named = 0
    for sentence in sentences:
        text = normalize(sentence)
        expected = _every_alias(d, text)
        assert d._all_mentions(text)[:len(expected)] == expected  # alias mentions come first, in alias order
        named += bool(expected)
    assert named > 20  # the plans do name instruments: the comparison is not vacuous
