# Two commands do all the set-up: `make report` and `make test` (see README.md).
# Both build the virtual environment in .venv from requirements.txt when it is
# missing or older than requirements.txt / pyproject.toml.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help report test test-quick lab lint strip bench env clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found %s); run: make PYTHON=python3.11 ..." % sys.version.split()[0])'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

env: $(STAMP)  ## build or refresh the virtual environment only

report: $(STAMP)  ## run every notebook, write figures/ and reports/ (the main job)
	$(PY) -m helpers.report

test: $(STAMP)  ## run every test (what CI runs)
	$(PY) -m pytest

test-quick: $(STAMP)  ## the tests that start no kernel and no browser (a minute or two)
	$(PY) -m pytest -m "not slow"

LAB_CONFIG := .jupyter

# Jupyter's configuration folder is the project's .jupyter/ (ignored by git): its custom/custom.css gives Lab the
# workspace's CJK font (helpers/lab.py). --allow-root: containers often run as root; Lab listens on localhost.
lab: $(STAMP)  ## open JupyterLab on the workspace (Chinese renders without a system CJK font)
	$(PY) -m helpers.lab $(LAB_CONFIG)
	JUPYTER_CONFIG_DIR=$(LAB_CONFIG) $(VENV)/bin/jupyter lab --allow-root --LabApp.custom_css=True \
		--ServerApp.ip=127.0.0.1 --notebook-dir=. notebooks/00_corpus_overview.ipynb

lint: $(STAMP)  ## ruff over helpers, tests and benchmarks
	$(VENV)/bin/ruff check helpers tests bench

strip: $(STAMP)  ## remove outputs and execution counts from the notebooks
	$(PY) -m helpers.report --strip

bench: $(STAMP)  ## run every benchmark in bench/ (minutes)
	@for script in bench/bench_*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:  ## remove caches and reports (keeps .venv and figures/)
	rm -rf .cache reports/*.html .pytest_cache
