"""The words of a region's population: the unit it is counted in and the figures that may serve as
the denominator of per-resident values.

Read by etl.normalize.context (which figure is chosen, and the rule said in words) and etl.normalize.comparable (the unit a
per-10,000-residents value is divided by).
"""

from __future__ import annotations

# Populations are given and divided by in 万人 (10,000 people).
POPULATION_UNIT = "万人"

# The figures of the reference file (data/reference/context_figures.csv) that are a population, and
# which kind each is: resident (常住, the 2020 census's figure included) before registered (户籍).
RESIDENT = "常住"
REGISTERED = "户籍"
CENSUS_2020 = "七普"  # the seventh national census (2020)
RESIDENT_POPULATION = "常住人口"
REGISTERED_POPULATION = "户籍人口"
CENSUS_2020_RESIDENT_POPULATION = "七普常住人口"
