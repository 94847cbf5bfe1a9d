"""apply_observations gives etl.normalize.ambition only AMBITION_INPUTS (a speed-up): the list must name
every target column ambition reads, or a column it starts to read would silently be None."""

import re
from pathlib import Path

from etl.warehouse.observations import AMBITION_INPUTS

AMBITION = Path(__file__).resolve().parent.parent / "etl" / "normalize" / "ambition.py"


def test_ambition_reads_only_the_columns_it_is_given():
    source = AMBITION.read_text(encoding="utf-8")
    read = set(re.findall(r'\btarget(?:\.get\(|\[)"([a-z_0-9]+)"', source))
    assert read, "the pattern no longer finds ambition's reads of a target: update this test"
    assert read <= set(AMBITION_INPUTS), f"ambition reads {sorted(read - set(AMBITION_INPUTS))} it is not given"


def test_ambition_reads_targets_only_through_those_names():
    # a target read another way (target[name], **target) would escape the check above
    source = AMBITION.read_text(encoding="utf-8")
    assert not re.search(r"\btarget(?:\.get\(|\[)(?!\")", source)
    assert "**target" not in source
