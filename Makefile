# The commands of the README: `make lab`, `make test` and `make quick`. Each creates the
# local virtual environment .venv on first use (and again whenever pyproject.toml changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install lab test quick lint sample notebooks bench

# JupyterLab refuses to run as root without --allow-root (CI and containers run as root).
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root,)
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with notebooks/sanitize.cfg
NOTEBOOKS := notebooks/grading.ipynb notebooks/participation.ipynb notebooks/setup.ipynb
# The examples in the package's docstrings (run from the repository root: they read data/sample).
DOCTESTS := --doctest-modules gradelib
# pytest-xdist: JOBS workers (auto: one per core; `make test JOBS=0` runs in one process).
# loadgroup keeps each notebook's cells in order in one kernel, and the browser tests on one
# JupyterLab, in one worker (tests/conftest.py); every other test is scheduled on its own.
JOBS ?= auto
XDIST := -n $(JOBS) --dist loadgroup

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# JupyterLab's app-level settings (it reads <sys.prefix>/share/jupyter/lab/settings/
# overrides.json): no news prompt, no update checks.
LAB_OVERRIDES := $(VENV)/share/jupyter/lab/settings/overrides.json
$(LAB_OVERRIDES): $(STAMP) Makefile
	mkdir -p $(dir $@)
	printf '%s\n' '{' '  "@jupyterlab/apputils-extension:notification": {' \
		'    "fetchNews": "false",' '    "checkForUpdates": false' '  }' '}' > $@

# Opens the workbook (both notebooks) in JupyterLab. Without GRADELIB_COURSE (or with the
# sample course): the repository's notebooks, on the sample course. With GRADELIB_COURSE
# naming a course folder (relative to where make was typed; ~ expands): the GSI's own
# copies in <course folder>/notebooks/, made on first use started fresh and then left
# alone, so no student data reaches the tracked notebooks (gradelib/notebook/copies.py; it
# refuses a missing folder, or copies git would not ignore). JupyterLab runs in the
# notebooks' folder with the absolute course path; the workspace file lays out both
# notebooks as tabs, and the file browser hides the tooling beside them (after
# jupyter_server's default globs).
WORKSPACES := $(VENV)/jupyter-workspaces
HIDE_GLOBS := __pycache__ *.pyc *.pyo .DS_Store *~ execute.py sanitize.cfg *.jupyterlab-workspace
lab: $(STAMP) $(LAB_OVERRIDES)
	$(BIN)/jupyter lab workspaces import notebooks/workbook.jupyterlab-workspace \
		--LabWorkspaceImportApp.workspaces_dir=$(WORKSPACES) > /dev/null
	$(BIN)/python -m gradelib.notebook.copies --from "$(CURDIR)" -- \
		"$(abspath $(BIN))/jupyter" lab $(ROOT_FLAG) \
		--LabApp.workspaces_dir="$(abspath $(WORKSPACES))" \
		--LabApp.default_url=/lab/workspaces/workbook --LabApp.news_url=None \
		--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate \
		$(foreach glob,$(HIDE_GLOBS),'--ContentsManager.hide_globs=$(glob)')

# Style, formatting, and the import contract of pyproject.toml (data flows one way).
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# Everything CI runs (.ci/run): lint and the import contract, every test of tests/ (the
# browser tests drive JupyterLab in Debian's Chromium; the rubric template opens in
# LibreOffice; property tests at their full example counts), the docstring examples, and
# the notebooks re-run and compared with their saved outputs (nbval, strict).
test: lint
	$(BIN)/python -m pytest $(XDIST) tests $(DOCTESTS) $(NOTEBOOKS) $(NBVAL)

# The fast loop while editing (under 30 s on a 2-core machine): `pytest --quick` leaves out
# the tests marked slow (browser, nbval, LibreOffice, real processes, and whole courses end
# to end but for one of each kind; tests/conftest.py), runs property tests at a twentieth of
# their examples, and runs the docstring examples. `make test` before pushing.
quick: $(STAMP)
	$(BIN)/python -m pytest $(XDIST) tests $(DOCTESTS) --quick -p no:nbval

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
