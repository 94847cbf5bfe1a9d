# Two commands for a newcomer: `make run` (dashboard) and `make test` (every test).
# Both create .venv and install the pinned requirements the first time (and again when the
# requirements change), so they work on a fresh Linux machine with Python 3.11.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | sha256sum | cut -c1-12)
DB     := data/warehouse.duckdb

.PHONY: install run db lint test test-fast browser-deps bench bench-scale serve bench-load clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $@

install: $(STAMP)

# Rebuilds only when a raw plan, the manifest, the reference files or the ETL code changed.
db: install
	$(BIN)/python -m etl build --if-stale --db $(DB)

run: db
	$(BIN)/python -m streamlit run app.py

# Browser tests need Debian's Chromium and a CJK font; without them they skip and say so.
# CI (.ci/run) installs both first and sets REQUIRE_BROWSER=1, so there they never skip.
# Layer rules and style live in pyproject.toml: ruff (lint) and import-linter (the ETL never imports
# the dashboard; below the pages only the UI and caching modules import Streamlit).
lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python tests/lint/chinese_literals.py

test: install lint
	$(BIN)/python -m pytest -q -rs

test-fast: install
	$(BIN)/python -m pytest -q -m "not browser"

# nginx too: tests/test_deploy.py serves the app through it (deploy/, issue 13).
browser-deps:
	@if [ -x /usr/bin/chromium ] && [ -x /usr/sbin/nginx ] && fc-list 2>/dev/null | grep -qi "noto.*cjk"; then \
	  echo "chromium, fonts-noto-cjk and nginx already installed"; \
	else \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk nginx; \
	fi

# Budgets live here, not in the tests: ETL build < 1 s (a kept build <= 0.2x a bare import; a cold
# build of 1,000 plans < 5 s; a 20 MB .docx refused or read < 10 s), linear extraction on long lines, page rerun cost
# <= 2x a reference page on the seed plans (3x at 1,000 regions: bench-scale), and menu click -> first chart <= 2 s in Chromium.
bench: install
	$(BIN)/python bench/bench_etl.py
	$(BIN)/python bench/bench_long_lines.py
	$(BIN)/python bench/bench_pages.py
	NAV_BUDGET_ENFORCE=1 $(BIN)/python -m pytest -q -rs tests/browser -k navigation

# Issue 13: every page's rerun against the reference at 4, 100 and 1,000 regions (generated plans),
# build time and peak memory; budget <= 2x at 4 regions, <= 3x at 1,000 and a first view <= 3 s. JSON in bench/out/.
bench-scale: install
	$(BIN)/python bench/bench_scale.py

# Issue 13, the department setup: read-only Streamlit processes (one per core) behind nginx on :8080.
# Needs nginx (make browser-deps installs it); see deploy/README.md.
serve: db
	$(BIN)/python -m deploy.serve

# Issue 13: p50/p95 page time at 4, 12 and 48 protocol-level readers, one process vs several behind nginx.
bench-load: install
	$(BIN)/python bench/bench_load.py

clean:
	rm -rf $(VENV) $(DB) .pytest_cache
