# The two commands of the README: `make lab` and `make test`. Both create the local
# virtual environment .venv on first use (and again whenever pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install lab test lint sample notebooks bench

# JupyterLab refuses to run as root without --allow-root (CI and containers run as root).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg
NOTEBOOKS := notebooks/grading.ipynb notebooks/participation.ipynb

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# Opens the workbook (both notebooks) in JupyterLab, on the sample course unless
# GRADELIB_COURSE names another course folder.
# The workspace file lays out both notebooks side by side as tabs.
WORKSPACES := $(VENV)/jupyter-workspaces
lab: $(STAMP)
	$(BIN)/jupyter lab workspaces import notebooks/workbook.jupyterlab-workspace \
		--LabWorkspaceImportApp.workspaces_dir=$(WORKSPACES) > /dev/null
	cd notebooks && ../$(BIN)/jupyter lab $(ROOT_FLAG) --LabApp.workspaces_dir=../$(WORKSPACES) \
		--LabApp.default_url=/lab/workspaces/workbook --LabApp.news_url=None

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Unit tests, and the notebooks re-run and compared with their saved outputs (nbval, strict).
test: lint
	$(BIN)/python -m pytest tests $(NOTEBOOKS) $(NBVAL)

# Re-run both notebooks on the sample course and save their outputs (after an intended
# change; then commit them).
notebooks: $(STAMP)
	$(BIN)/python notebooks/execute.py

# Regenerate the committed sample course (after an intended change to the generator).
sample: $(STAMP)
	$(BIN)/gradelib sample data/sample --force

# Time and memory at the default sizes (prints a table; see benchmarks/run.py).
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --json benchmarks/results.json
