# Set-up is scripted here so that a fresh clone needs only `make build` / `make test`.
# Stamp files in .venv make pip (and npm) run again only when their inputs change.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
RUN_STAMP  := $(VENV)/.installed-run
TEST_STAMP := $(VENV)/.installed-test
NPM_STAMP  := tests/node_modules/.installed
# The base map's Natural Earth packages: only for the test that make_basemap.py reproduces basemap.xml.
BASEMAP_STAMP := scripts/basemap/node_modules/.installed

.PHONY: build test validate clean help

help:
	@echo "make build  - set up .venv and build the edition into output/"
	@echo "make test   - set up .venv with test extras, npm test tools and the base map's data packages, run pytest"
	@echo "make clean  - remove .venv, tests/node_modules, scripts/basemap/node_modules and build output"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(RUN_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(RUN_STAMP)

$(NPM_STAMP): tests/package.json tests/package-lock.json
	npm ci --prefix tests --ignore-scripts --no-audit --no-fund
	touch $@

$(BASEMAP_STAMP): scripts/basemap/package.json scripts/basemap/package-lock.json
	npm ci --prefix scripts/basemap --ignore-scripts --no-audit --no-fund
	touch $@

build: $(RUN_STAMP)
	$(BIN)/edition build

validate: $(RUN_STAMP)
	$(BIN)/edition validate

test: $(TEST_STAMP) $(NPM_STAMP) $(BASEMAP_STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) tests/node_modules scripts/basemap/node_modules
	find output -mindepth 1 ! -name .gitkeep ! -name README.md -exec rm -rf {} +
