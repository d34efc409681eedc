# The README's commands. Everything runs from the locked environment in .venv, built on first use from
# pyproject.toml + uv.lock with nothing but Python: a venv, uv (pinned) inside it, then `uv sync --locked`.
# --compile-bytecode: where PYTHONDONTWRITEBYTECODE is set (as on these machines) nothing ever caches .pyc
# files, and every process would compile dagster, polars and scipy from source again (seconds per process).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
export DAGSTER_HOME := $(CURDIR)/dagster_home

.PHONY: env demo ui test test-scale bench check lint typecheck defs-check format sql sql-lake clean train-ner

env: $(VENV)/.synced

$(VENV)/.synced: pyproject.toml uv.lock
	@test -x $(BIN)/uv || { $(PYTHON) -m venv $(VENV) && $(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION); }
	$(BIN)/uv sync --locked --quiet --compile-bytecode
	@touch $@

demo: env  ## land the bundled sample, materialize every asset for every day, print what was made
	$(BIN)/python -W ignore scripts/demo.py

ui: env  ## the Dagster UI (and daemon) on http://127.0.0.1:3000
	$(BIN)/dagster dev -w workspace.yaml -h 127.0.0.1 -p 3000

test: env  ## offline unit and integration tests (the scale tests are left to `make test-scale`)
	$(BIN)/pytest -n 2 -m "not scale"

test-scale: env  ## the scale profile on loopback: PostgreSQL, Redis, Celery workers, DuckLake (docs/scaling.md)
	$(BIN)/pytest -m scale tests/scale

bench: env  ## benchmarks against peers; results in docs/benchmarks.md
	$(BIN)/python -m bench

train-ner: env  ## rebuild news_assets/data/ner/ner-crf.zip from ../shared/ner (KLUE, CC BY-SA 4.0) and the project gold
	$(BIN)/python scripts/train_ner.py

check: lint typecheck defs-check  ## what CI checks besides the tests: ruff, mypy, dg check defs

lint: env
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: env  ## mypy over the package (strict about None; see [tool.mypy] in pyproject.toml)
	$(BIN)/mypy

defs-check: env  ## the code location loads as dg loads it: every asset, check, job, schedule and sensor valid
	VIRTUAL_ENV=$(CURDIR)/$(VENV) $(BIN)/dg check defs

format: env
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

sql: env  ## a DuckDB shell on the published read copy: it never blocks a run
	$(BIN)/duckdb -readonly data/news-read.duckdb

sql-lake: env  ## a read-only DuckDB shell on the DuckLake the NEWS_ASSETS_DUCKLAKE_* settings name (docs/ducklake.md)
	$(BIN)/python -m news_assets.storage > .lake.sql
	$(BIN)/duckdb -unsigned -init .lake.sql

clean:
	rm -rf $(VENV) data/landing data/news.duckdb data/news.duckdb.wal data/news-read.duckdb
	find dagster_home -mindepth 1 ! -name dagster.yaml -exec rm -rf {} +
