"""Where the project's files live: one home for every path, so a module never guesses its own.

Everything is relative to the repository, not to the working directory: `python -m etl`, the
dashboard and the tests may be started from anywhere.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
RAW_DIR = DATA / "raw"                   # plans exactly as received
MANIFEST = RAW_DIR / "sources.yaml"      # where each came from, with its sha256
CORRECTIONS_DIR = DATA / "corrections"   # a researcher's corrections, beside the raw plans
REFERENCE_DIR = DATA / "reference"       # dictionaries and context figures
INDICATORS = REFERENCE_DIR / "indicators.yaml"
INSTRUMENTS = REFERENCE_DIR / "instruments.yaml"
CONTEXT_FIGURES = REFERENCE_DIR / "context_figures.csv"
DEFAULT_DB = DATA / "warehouse.duckdb"
ETL_CODE = ROOT / "etl"
APP = ROOT / "app.py"
