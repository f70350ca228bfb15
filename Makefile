# Two entry points for a fresh machine (see README.md): `make site` and `make test`.
# Everything is installed from this project's own files into .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test lint

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# Build from the shipped sample data. Until the site generator lands, this validates the data.
site: $(STAMP)
	$(BIN)/scpilot validate

lint: $(STAMP)
	$(BIN)/ruff check generator tests
	$(BIN)/ruff format --check generator tests
	$(BIN)/mypy generator

test: lint
	$(BIN)/pytest
