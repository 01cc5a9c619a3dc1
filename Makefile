# Calculus & Optimization for Machine Learning: build, run and test the course.
# Needs only python3 (3.11+) and make; everything else goes into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HTML   := _build/html
# Explorers render as kernel-free HTML while the book is built (see calcopt.explore).
BUILD  := CALCOPT_EXPLORERS=static $(BIN)/jupyter-book build --all
PDF    := _build/pdf/course.pdf
PORT   ?= 8000
# What the book is built from (as in tests/browser/conftest.py): a build older than any is stale.
SOURCES := _config.yml _toc.yml $(shell find book lib -type f -not -path '*/__pycache__/*' \
	-not -path '*/.*' -not -path '*.egg-info/*')

.PHONY: help install book test checks print-edition lint unit nbval build-strict browser browser-lab browser-book lab execute bench bench-lighthouse serve pdf clean

help:
	@echo "make book     build the static book into $(HTML) (creates .venv on first use)"
	@echo "make test     lint, unit and property tests, notebooks (nbval), strict book build, browser tests"
	@echo "make lab      open the notebooks in JupyterLab, starting at the getting-started notebook"
	@echo "make execute  re-run every notebook in place so committed outputs are current;"
	@echo "              NB=04-gradient-descent re-runs only that one (NB=\"01-extrema 02-derivatives\" several)"
	@echo "make bench    print explorer latency, page weight, training and autodiff figures, then Lighthouse scores"
	@echo "make bench-lighthouse  Lighthouse (mobile) scores of every chapter, served gzip-compressed"
	@echo "make serve    preview the built book at http://127.0.0.1:$(PORT)/ (PORT=8080 for another port)"
	@echo "make pdf      print the whole course as one PDF, $(PDF)"
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

# Two chains side by side, each target's output printed whole when it ends: lint, the unit and the
# notebook tests, then the JupyterLab browser tests (they need no build); and the strict build
# (which runs every notebook once more, one at a time), then the PDF printed from it. Then the
# other browser tests, on that build and that PDF.
test: $(STAMP)
	$(MAKE) --no-print-directory -j2 --output-sync=target checks print-edition
	$(MAKE) --no-print-directory browser-book

print-edition: build-strict
	$(MAKE) --no-print-directory pdf

checks: $(STAMP)
	$(MAKE) --no-print-directory lint
	$(MAKE) --no-print-directory unit
	$(MAKE) --no-print-directory nbval
	$(MAKE) --no-print-directory browser-lab

# The workflows are parsed, then checked by actionlint without shellcheck and pyflakes, which
# some machines have and others not: the same result anywhere.
lint: $(STAMP)
	$(BIN)/ruff check lib tests tools book
	$(BIN)/ruff format --check lib tests tools book/_ext
	$(BIN)/python -c "import sys, yaml; [yaml.safe_load(open(f)) for f in sys.argv[1:]]" \
	    .github/workflows/*.yml
	$(BIN)/actionlint -shellcheck= -pyflakes= .github/workflows/*.yml

# The unit tests run in one process: spread over two (pytest-xdist), each worker imports and
# collects everything again, about 100 CPU-seconds more for 20 s less, and in make test the
# other core is building the book. The notebooks spread over every core (their kernels do the
# work); --dist loadscope keeps each notebook's cells together, in order, in one kernel.
unit: $(STAMP)
	$(BIN)/pytest -m "not browser"

nbval: $(STAMP)
	$(BIN)/pytest -p no:cacheprovider -n auto --dist loadscope --nbval --nbval-current-env \
	    --nbval-sanitize-with tests/nbval_sanitize.cfg --nbval-cell-timeout=60 book

build-strict: $(STAMP)
	$(BUILD) -W --keep-going .

# Two Chromiums at once, taking the tests one at a time, except the files that share a JupyterLab
# server or the printed PDF, which go whole to one of them (tests/browser/conftest.py); the book
# is brought up to date first, so no worker rebuilds it. browser-lab is JupyterLab's tests alone
# (test_lab.py: a notebook server, no build), browser-book all the others.
BROWSER := $(BIN)/pytest -m browser -n 2 --dist loadgroup
LAB_TESTS := tests/browser/test_lab.py

browser: $(HTML)/.buildinfo
	$(BROWSER)

browser-lab: $(STAMP)
	$(BIN)/pytest -m browser $(LAB_TESTS)

browser-book: $(HTML)/.buildinfo
	$(BROWSER) --ignore=$(LAB_TESTS)

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
	$(BIN)/python tools/bench_training.py
	$(BIN)/python tools/bench_autodiff.py
	$(MAKE) --no-print-directory bench-lighthouse

# The book, built again only when a source is newer than the last build.
$(HTML)/.buildinfo: $(SOURCES) | $(STAMP)
	$(BUILD) .

serve: $(HTML)/.buildinfo
	$(BIN)/python tools/serve.py $(HTML) --port $(PORT)

pdf: $(PDF)

$(PDF): $(HTML)/.buildinfo tools/pdf.py
	$(BIN)/python tools/pdf.py

# Lighthouse 12, pinned in tools/lighthouse (needs Node.js and npm); it drives /usr/bin/chromium.
LIGHTHOUSE := tools/lighthouse/node_modules/lighthouse/cli/index.js

$(LIGHTHOUSE): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --no-audit --no-fund
	touch $@

bench-lighthouse: $(STAMP) $(LIGHTHOUSE)
	$(BIN)/python tools/bench_lighthouse.py

clean:
	rm -rf _build .pytest_cache .ruff_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -exec rm -rf {} +
