# Two entry points for a fresh machine (see README.md): `make site` and `make test`.
# Everything is installed from this project's own files into .venv.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test lint bench system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# Build the site from the shipped sample data into site/ (open site/index.html, or `$(BIN)/mkdocs serve`).
site: $(STAMP)
	./.ci/system-deps node
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict

lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/ruff format --check generator tests benchmarks
	$(BIN)/mypy generator
	$(BIN)/lint-imports

# System packages and npm lock files (Debian's chromium, Node.js, axe-core, the filing desk's libraries).
system-deps:
	./.ci/system-deps

test: lint system-deps
	$(BIN)/pytest

# The performance benchmark (issue 7): prints the table and rewrites docs/benchmarks.md.
# Takes long at 3,210 pilots; e.g. `make bench BENCH_ARGS="--pilots 321 --runs 3"`.
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[bench]'
	$(BIN)/python benchmarks/run.py $(BENCH_ARGS)
