"""The ETL's words a page needs to draw its controls: the closed value sets of the warehouse's cells
(the five links and the unmapped group, scopes, comparators), the error a plan raises, the bound on what one plan may hold, and how
the warehouse joins department names.  Pages import these from here, never from `etl` (pyproject.toml)."""

from __future__ import annotations

from etl.api import (
    CATEGORIES,
    CATEGORY_VALUES,
    COMPARATORS,
    DEPARTMENT_SEPARATOR,
    MAX_NUMBERS,
    MAX_TEXT_CHARS,
    SCOPES,
    UNMAPPED,
    PlanError,
)

__all__ = ["CATEGORIES", "CATEGORY_VALUES", "COMPARATORS", "DEPARTMENT_SEPARATOR", "MAX_NUMBERS", "MAX_TEXT_CHARS", "SCOPES",
           "UNMAPPED", "PlanError"]
