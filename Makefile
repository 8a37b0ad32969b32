# The two commands of the README: `make lab` and `make test`. Both create the local
# virtual environment .venv on first use (and again whenever pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install lab test lint sample

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Opens the workbook on the sample course. Until the notebooks land, it checks and grades
# the sample course in the terminal.
lab: $(STAMP)
	$(BIN)/gradelib check data/sample
	$(BIN)/gradelib grade data/sample

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python -m pytest

# Regenerate the committed sample course (after an intended change to the generator).
sample: $(STAMP)
	$(BIN)/gradelib sample data/sample --force
