"""The fast path for small Chinese numerals reads every one of them as cn2an does."""

import cn2an

from etl.vocab.numerals import small_number

DIGITS = "一二三四五六七八九"


def test_every_numeral_up_to_ninety_nine_reads_as_cn2an_reads_it():
    runs = list(DIGITS) + ["两", "十"] + [f"十{d}" for d in DIGITS] + [f"{t}十" for t in DIGITS + "两"] + \
        [f"{t}十{d}" for t in DIGITS for d in DIGITS]
    for run in runs:
        assert small_number(run) == int(cn2an.cn2an(run, "smart")), run


def test_longer_or_odd_runs_are_left_to_cn2an():
    for run in ["零", "一百", "一千二百", "一万二千", "十十", "一二", ""]:
        assert small_number(run) is None, run
