"""Chinese numerals read in place: 两家, 三个, 一万二千件, 一千二百万元, 百分之三十, 十次.

The extractor's rules are written for Arabic digits, so a sentence is read through a *view* in which
each Chinese numeral that counts something (it stands before a unit, or after 百分之) is written in
digits.  The view may be shorter or longer than the sentence; `NumeralView.origin` maps every offset
of the view back to the sentence, so skipped numbers keep offsets into the clean text, and quotes
(always the whole sentence) are untouched.

Numerals that do not count are left alone: ordinals (第三), idioms (一批, 一起, 一次性, 一件事, 十分,
千家万户), a bare multiplier (每万人 is a density, not ten thousand people) and names (十四五).
The conversion itself is cn2an's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from etl.base.memo import short_text_cache
from etl.vocab.units import UNIT_RE

DIGIT_CHARS = "零〇一二两三四五六七八九"
NUMERAL_CHARS = DIGIT_CHARS + "十百千万亿"
# 一点五亿元: the fraction may carry the multiplier (点五亿 → .5亿), which then stays in the unit; 点 after a
# numeral is a decimal point, after a word it ends the word (服务站点十个).
_RUN = re.compile(rf"(?<![第{NUMERAL_CHARS}\d.])(?<![{NUMERAL_CHARS}\d]点)(?P<run>[{NUMERAL_CHARS}]+)(?:点(?P<frac>[{DIGIT_CHARS}]+)(?P<fmult>[万亿])?)?"
                  rf"(?=[余多]?(?:{UNIT_RE}))")  # 十余个: ten and more
# The low end of a range of numerals (两至三家, 三到五个, 五—八项): it counts what the high end counts.
_RANGE_MARKS = "至到—－\\-~～"
_RANGE_LOW = re.compile(rf"(?<![第{NUMERAL_CHARS}\d.])(?P<run>[{NUMERAL_CHARS}]+)(?P<frac>)"
                        rf"(?=[{_RANGE_MARKS}][{NUMERAL_CHARS}]+(?:{UNIT_RE}))")
_PERCENT = re.compile(rf"百分之(?P<run>[{NUMERAL_CHARS}]+)(?:点(?P<frac>[{DIGIT_CHARS}]+))?")
# "调解成功率不低于六成": tenths, after a comparator or before 以上 (not 成本, 成果, 八成新 …).
_TENTHS = re.compile(r"(?<=[于到过达在])(?P<tenths>[一二三四五六七八九])成(?P<half>半)?(?=以上|左右|以内|[，。；]|$)")
# Words that open with a numeral and a unit character but count nothing.
_IDIOM_AFTER = re.compile(r"^(?:批|起|系列|次性|次办|件事|流|体|类|部分|家万户|项目|期间|条龙|门式|站式|套路)")
# A lone 一 counts only before these (一支队伍, 一条龙, 一次办, 一名联络员 are idioms or roles; 建成一个…中心 is a count).
_ONE_COUNTS = ("个", "家", "件", "项", "所", "座", "场", "期", "部")  # not 名: 明确一名联络员 names a role
_ANY_NUMERAL = re.compile(rf"[{NUMERAL_CHARS}]")


@dataclass
class NumeralView:
    text: str  # the sentence with counting numerals in digits
    origin: list[int] | None = None  # view offset → sentence offset (len(text) + 1 entries); None: same text
    converted: list[tuple[int, int]] = field(default_factory=list)  # view spans written from a Chinese numeral

    def to_source(self, pos: int) -> int:
        return pos if self.origin is None else self.origin[min(pos, len(self.origin) - 1)]

    def is_converted(self, start: int, end: int) -> bool:
        return any(a < end and start < b for a, b in self.converted)


_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UP_TO_99 = re.compile(r"(?P<tens>[一二两三四五六七八九])?(?P<ten>十)?(?P<ones>[一二两三四五六七八九])?")


def small_number(run: str) -> int | None:
    """两, 三, 十, 十二, 二十, 九十九 without cn2an: most numerals in plans are these, and importing
    cn2an costs 0.1 s of every build.  The one reader of small numerals: a month or a day written in
    words (十二月, 二十八日, etl.read.anchor) too.  None for any other run (一百, 十十, 一二)."""
    m = _UP_TO_99.fullmatch(run)
    if not m or not run or (m.group("tens") and m.group("ones") and not m.group("ten")):
        return None
    tens = _DIGITS[m.group("tens")] if m.group("tens") else (1 if m.group("ten") else 0)
    return tens * 10 + (_DIGITS[m.group("ones")] if m.group("ones") else 0) if m.group("ten") else \
        _DIGITS[m.group("ones") or m.group("tens")]


@lru_cache(maxsize=4096)
def _to_number(run: str, frac: str = "") -> str | None:
    small = None if frac else small_number(run)
    if small is not None:
        return str(small)
    import cn2an  # lazily: only for the longer numerals (一万二千, 一千二百)

    if run in ("百", "千", "万"):  # 百分之百: cn2an wants a digit before a multiplier
        run = "一" + run
    try:
        value = cn2an.cn2an(run, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    text = str(int(value)) if float(value).is_integer() else str(value)
    if frac:
        text += "." + "".join(str("零一二三四五六七八九".index(c)) if c in "零一二三四五六七八九" else "0" for c in frac)
    return text


def _reading(m: re.Match, text: str, percent: bool) -> str | None:
    """Digits for one numeral match, or None when it counts nothing."""
    if "tenths" in m.groupdict():
        return f"{_DIGITS[m.group('tenths')] * 10 + (5 if m.group('half') else 0)}%"  # 三成半 = 35%
    run, frac = m.group("run"), m.group("frac") or ""
    if percent:
        number = _to_number(run, frac)
        return number + "%" if number else None
    if not any(c in DIGIT_CHARS for c in run) and not run.startswith("十"):
        return None  # 万人, 千家: a bare multiplier
    if not run.strip("零〇"):
        return None  # 零部件: zero counts nothing
    after = text[m.end():m.end() + 4]
    one_counts = after.startswith(_ONE_COUNTS) or after[:1] in _RANGE_MARKS  # 一至两家: a range's low end
    if _IDIOM_AFTER.match(after) or (run == "一" and not frac and not one_counts) or (run == "十" and after[:1] == "分"):
        return None
    multiplier = ""
    if len(run) > 1 and run[-1] in "万亿" and not frac:  # 一千二百万元: the multiplier stays in the unit
        run, multiplier = run[:-1], run[-1]
    number = _to_number(run, frac)
    return number + (multiplier or m.groupdict().get("fmult") or "") if number else None


@short_text_cache  # pure, and a plan repeats its wording: a view is shared, never changed
def numeral_view(text: str) -> NumeralView:
    """The sentence with its counting Chinese numerals in digits, and the way back."""
    if not _ANY_NUMERAL.search(text):
        return NumeralView(text)
    matches = [(m, True) for m in _PERCENT.finditer(text)] + [(m, True) for m in _TENTHS.finditer(text)]
    taken = [m.span() for m, _ in matches]
    matches += [(m, False) for m in _RUN.finditer(text) if not any(a <= m.start() < b for a, b in taken)]
    matches += [(m, False) for m in _RANGE_LOW.finditer(text) if not any(a <= m.start() < b for a, b in taken)]
    matches.sort(key=lambda mp: mp[0].start())
    parts, origin, converted, pos = [], [], [], 0
    for m, percent in matches:
        reading = _reading(m, text, percent)
        if reading is None:
            continue
        parts.append(text[pos:m.start()])
        origin.extend(range(pos, m.start()))
        start = sum(len(p) for p in parts)
        parts.append(reading)
        origin.extend([m.start()] * len(reading))
        converted.append((start, start + len(reading)))
        pos = m.end()
    if not converted:
        return NumeralView(text)
    parts.append(text[pos:])
    origin.extend(range(pos, len(text) + 1))
    return NumeralView("".join(parts), origin, converted)


def five_year_plan_end(ordinal: str) -> int:
    """The last year of the five-year plan named 十N五 by its ordinal N (一 → 十一五 ends 2010, 三 → 2020)."""
    return 2010 + 5 * (numeral_digit(ordinal) - 1)


def numeral_digit(character: str) -> int:
    """The value of one Chinese digit (三 → 3, 两 → 2, 〇 → 0)."""
    return _DIGITS[character]
