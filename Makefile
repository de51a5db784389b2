# Two entry points for a fresh machine: `make run` and `make test`.
# Both bootstrap uv (pinned, from PyPI) into .tools/, then install the locked dependencies in .venv/.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
TOOLS := .tools
UV := $(TOOLS)/bin/uv
RUN := $(UV) run --locked --no-sync
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := .venv

.PHONY: run test install lint typecheck unit integration web e2e calendrier benchmark clean

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check "uv==$(UV_VERSION)"

.venv/.installed: uv.lock pyproject.toml | $(UV)
	$(UV) sync --locked --extra demo --python $(PYTHON)
	$(RUN) python -m langues.catalogues compiler
	touch $@

install: .venv/.installed

## Serve the app on SQLite with demo data at http://127.0.0.1:8000
run: install
	$(RUN) participation db upgrade
	$(RUN) participation-demo --seed 7 --debut 2023-10-01
	$(RUN) participation serve --host $(HOST) --port $(PORT)

## Lint, type-check and run every test (PostgreSQL and browser tests skip locally if absent)
test: install lint typecheck
	$(RUN) pytest

lint: install
	$(RUN) ruff check .
	$(RUN) ruff format --check .
	$(RUN) lint-imports

typecheck: install
	$(RUN) mypy

unit: install
	$(RUN) pytest tests/unit

integration: install
	$(RUN) pytest tests/integration

web: install
	$(RUN) pytest tests/web

e2e: install
	$(RUN) pytest tests/e2e

## The date-sensitive tests (marker `calendrier`) under a faked clock, SQLite only, with Debian's
## faketime: make calendrier INSTANT="2028-02-29 22:59:30" (UTC; here 23:59:30 in Paris)
INSTANT ?= 2028-02-29 22:59:30
calendrier: install
	TZ=UTC faketime "$(INSTANT)" .venv/bin/python -c "import datetime as d, sys; \
		n = d.datetime.now(d.UTC); print('Horloge des tests :', n); \
		sys.exit(n.isoformat()[:10] != sys.argv[1][:10])" "$(INSTANT)"
	TZ=UTC faketime "$(INSTANT)" .venv/bin/python -m pytest -p no:cacheprovider \
		-m "calendrier and not postgres and not browser"

benchmark: install
	$(RUN) python -m benchmarks.run

clean:
	rm -rf .venv $(TOOLS) .pytest_cache .mypy_cache .ruff_cache
