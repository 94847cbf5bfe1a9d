"""The words of a region's population: the unit it is counted in and the figures that may serve as
the denominator of per-resident values.

Read by etl.normalize.context (which figure is chosen) and etl.normalize.comparable (the unit a
per-10,000-residents value is divided by).
"""

from __future__ import annotations

# Populations are given and divided by in 万人 (10,000 people).
POPULATION_UNIT = "万人"
