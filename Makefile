# Calculus & Optimization for Machine Learning: build, run and test the course.
# Needs only python3 (3.11+) and make; everything else goes into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HTML   := _build/html
# Explorers render as kernel-free HTML while the book is built (see calcopt.explore).
BUILD  := CALCOPT_EXPLORERS=static $(BIN)/jupyter-book build --all

.PHONY: help install book test lint unit nbval build-strict browser lab execute bench clean

help:
	@echo "make book     build the static book into $(HTML) (creates .venv on first use)"
	@echo "make test     lint, unit and property tests, notebooks (nbval), strict book build, browser tests"
	@echo "make lab      open the notebooks in JupyterLab, starting at the getting-started notebook"
	@echo "make execute  re-run every notebook in place so committed outputs are current;"
	@echo "              NB=04-gradient-descent re-runs only that one (NB=\"01-extrema 02-derivatives\" several)"
	@echo "make bench    print explorer latency and page-weight figures"
	@echo "make clean    remove builds and caches (keeps .venv)"

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

install: $(STAMP)

book: $(STAMP)
	$(BUILD) .
	@echo "The book is at $(abspath $(HTML))/index.html"

test: lint unit nbval build-strict browser

lint: $(STAMP)
	$(BIN)/ruff check lib tests tools book
	$(BIN)/ruff format --check lib tests tools book/_ext

unit: $(STAMP)
	$(BIN)/pytest -m "not browser"

nbval: $(STAMP)
	$(BIN)/pytest -p no:cacheprovider --nbval --nbval-current-env \
	    --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=60 book

build-strict: $(STAMP)
	$(BUILD) -W --keep-going .

browser: $(STAMP)
	$(BIN)/pytest -m browser

# JupyterLab for the course: opens on the getting-started notebook (serving book/) and neither
# fetches JupyterLab's news (news_url None) nor asks whether to: book/_ext/lab/overrides.json
# sets the notification settings' defaults (fetchNews "false", no update check).
LAB    := $(BIN)/jupyter lab --LabApp.news_url=None --LabApp.app_settings_dir=$(CURDIR)/book/_ext/lab book/00-getting-started.ipynb

lab: $(STAMP)
	$(LAB)

# NB names the notebooks to run (file names with or without .ipynb); empty runs them all.
NB ?=

execute: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py book $(NB)

bench: $(STAMP)
	$(BIN)/python tools/bench.py

clean:
	rm -rf _build .pytest_cache .ruff_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
