"""Value axes: room above the tallest bar, whole-number ticks for counted things, and tick labels
as a reader writes them (60亿元, 3.5万; never "600k" on an axis counted in 万元, never 2.33e+03)."""

from __future__ import annotations

import math

from dashboard.numbers import MONEY, axis_number
from etl.api import UNITS, unit_kind

MAX_TICKS = 4  # ticks above zero on a value axis
WRITTEN_TICKS_FROM = 10_000  # from here plotly would write 10k, 1M: the axis gets written labels


def is_count_unit(unit: str) -> bool:
    """A unit of counted things (家, 件, 人次 …), from the ETL's one vocabulary of units."""
    return unit in UNITS and unit_kind(unit) == "count"


def nice_step(top: float, max_ticks: int = MAX_TICKS) -> float:
    """The smallest 1-2-5 step that puts at most `max_ticks` ticks above zero up to `top`."""
    if top <= 0:
        return 1
    exponent = math.floor(math.log10(top / max_ticks))
    for multiple in (1, 2, 5, 10):
        step = multiple * 10.0 ** exponent
        if top / step <= max_ticks:
            return int(step) if exponent >= 0 else step
    return 10 ** (exponent + 1)


def whole_number_step(top: float, max_ticks: int = MAX_TICKS) -> int:
    """nice_step for counted things: never below one (no "0.5 家")."""
    return max(1, int(nice_step(top, max_ticks)))


def _tick_unit(units: set[str]) -> str:
    """The unit a panel's tick labels are written for: its one unit, or money when all are money."""
    numerators = {u.partition("/")[0] for u in units}
    if len(units) == 1:
        return next(iter(units))
    return next(iter(numerators)) if len(numerators) == 1 and numerators <= set(MONEY) else ""


def written_ticks(low: float, top: float, units: set[str], lang: str) -> dict:
    """tickvals/ticktext from `low` to `top`, each written by dashboard.numbers.axis_number."""
    step = nice_step(max(top, -low))
    first, last = math.ceil(low / step), math.floor(top / step)
    values = [round(i * step, 10) for i in range(first, last + 1)]
    unit = _tick_unit(units)
    return dict(tickmode="array", tickvals=values, ticktext=[axis_number(v, unit, lang) for v in values])


def _needs_written_ticks(values: list[float], units: set[str]) -> bool:
    money = bool(units) and all(u.partition("/")[0] in MONEY for u in units)
    return money or max(abs(v) for v in values) >= WRITTEN_TICKS_FROM


def readable_ticks(values: list[float], units: set[str], lang: str = "zh") -> dict:
    """Written tick labels where plotly's own would mislead (money, 10k and up); {} elsewhere."""
    if not values or not _needs_written_ticks(values, units):
        return {}
    return written_ticks(min(min(values), 0.0), max(max(values), 0.0), units, lang)


def value_axis(values: list[float], units: set[str], lang: str = "zh") -> dict:
    """y axis of one panel.  Room above the tallest bar for its label; whole-number ticks
    when the panel counts things (家, 件, 人 …); written ticks for money and large numbers;
    no axis at all when the panel has no bar (a bare 0–1 scale would suggest a value)."""
    if not values:
        return dict(visible=False, range=[0, 1], fixedrange=True)
    top, low = max(max(values), 0.0), min(min(values), 0.0)
    axis = dict(visible=True, range=[low * 1.1, top * 1.22 if top > 0 else 1.0])
    counted = units and all(is_count_unit(u) for u in units) and all(float(v).is_integer() for v in values)
    if counted and max(abs(v) for v in values) < WRITTEN_TICKS_FROM:  # from 10,000 up: 1.5万 as the bars say
        axis.update(tickmode="linear", tick0=0, dtick=whole_number_step(top), tickformat=",d")
    else:
        axis.update(readable_ticks(values, units, lang))
    return axis
