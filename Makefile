# Latent Walk: one entry point for set-up, figures, tests, JupyterLab and benchmarks.
#
#   make figures [NB=01] [QUICK=1] [SEED=0] [STEPS=600] [FORCE=1] [LONG=1|2] [TFJS_BACKEND=wasm] [LW_OUT=dir]
#   make test | make lab | make bench | make build | make clean | make distclean
#
# `setup` is idempotent: each step leaves a stamp (or a file it produces) and runs again only
# when its inputs are newer, so a second `make setup` does nothing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
STAMPS := .stamps
NB ?=
MAKE_START := $(shell date +%s)

# Run parameters travel to the kernels through the environment (declared in lib/env/params.json,
# validated by scripts/run_notebooks.py before any kernel starts, and again in lib/env/).
# A relative LW_OUT is relative to the folder make runs in (LW_CALLER_DIR), not to notebooks/.
export QUICK SEED STEPS FORCE LONG TFJS_BACKEND LW_OUT REQUIRE_NATIVE
export LW_CALLER_DIR := $(CURDIR)
# The venv's Jupyter data (tslab kernelspec, Plotly renderer) ahead of any user-wide one.
export JUPYTER_PATH := $(CURDIR)/$(VENV)/share/jupyter
export JUPYTER_PLATFORM_DIRS := 1

# Chromium for the lib renderer (PNG/SVG export) and the browser tests: scripts/find-chromium.sh
# finds it (CHROMIUM_PATH, a system browser, ...) for make, lib and the tests alike; `chromium`
# unpacks the one shipped in npm into .cache/chromium/ when none is found (no root needed).
export CHROMIUM_PATH
NODE_STAMP := node_modules/.package-lock.json
VENV_STAMP := $(STAMPS)/venv
KERNEL_JSON := $(VENV)/share/jupyter/kernels/tslab/kernel.json
BUILD_STAMP := $(STAMPS)/build
NATIVE_SCRIPT := $(wildcard scripts/setup-tfjs-node.sh)
NATIVE_STAMP := $(if $(NATIVE_SCRIPT),$(STAMPS)/tfjs-node)
LIB_SOURCES := $(shell find lib -name '*.ts' 2>/dev/null)

# A kernelspec that points at another checkout's tslab (a moved or copied repo) is redone.
ifeq ($(shell grep -sqF '"$(CURDIR)/node_modules/.bin/tslab"' $(KERNEL_JSON) && echo ok),)
.PHONY: $(KERNEL_JSON)
endif

.PHONY: help setup figures test lab bench build clean distclean params chromium site pair

help:
	@echo "make figures [NB=01]  run the notebooks headless, regenerate figures/ and data/"
	@echo "make test             unit, integration (QUICK notebooks) and browser tests"
	@echo "make lab              JupyterLab with the TypeScript (tslab) kernel"
	@echo "make bench            benchmarks (bench/run.ts)"
	@echo "make build            compile lib/ into dist/ (notebooks import ../dist/lib/...)"
	@echo "make site             the lessons as a static web site in site/ (open site/index.html)"
	@echo "make pair [FROM=ipynb|ts]  sync each notebook with its plain-text source notebooks/NN-name.ts"
	@echo "make setup | clean | distclean"
	@echo "parameters: QUICK=0|1 SEED=<int> STEPS=<int> FORCE=0|1 LONG=0|1|2 TFJS_BACKEND=auto|tensorflow|wasm|cpu NB=<prefix> LW_OUT=<dir>"
	@echo "QUICK/SEED/STEPS other than the defaults write to scratch/<settings>/ unless LW_OUT is set"

setup: $(NODE_STAMP) $(VENV_STAMP) $(KERNEL_JSON) $(NATIVE_STAMP) $(BUILD_STAMP) chromium

# npm writes node_modules/.package-lock.json on every install: older than the lockfile = stale.
$(NODE_STAMP): package-lock.json
	npm ci --no-audit --no-fund
	touch $@

$(VENV_STAMP): requirements.txt
	test -x $(VPY) || $(PYTHON) -m venv $(VENV) || { echo "Cannot create $(VENV): install Python's venv module (Debian/Ubuntu: sudo apt-get install python3-venv)" >&2; exit 1; }
	$(VPY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	mkdir -p $(STAMPS) && touch $@

# The TypeScript kernel goes into the venv (--sys-prefix), never into the user's Jupyter.
$(KERNEL_JSON): $(NODE_STAMP) $(VENV_STAMP)
	node_modules/.bin/tslab install --python=$(VPY) --sys-prefix --binary="$(CURDIR)/node_modules/.bin/tslab"
	touch $@

# Native TensorFlow backend; the script exits 0 when native is unavailable (wasm is used).
$(STAMPS)/tfjs-node: $(NODE_STAMP) $(NATIVE_SCRIPT)
	bash $(NATIVE_SCRIPT)
	mkdir -p $(STAMPS) && touch $@

build: $(BUILD_STAMP)
$(BUILD_STAMP): $(NODE_STAMP) $(LIB_SOURCES) tsconfig.json tsconfig.build.json
	node_modules/.bin/tsc -p tsconfig.build.json
	mkdir -p $(STAMPS) && touch $@

chromium: $(NODE_STAMP)
	@bash scripts/find-chromium.sh --provide >/dev/null

# Parameters and NB are checked before set-up and before any kernel starts.
params:
	@$(PYTHON) scripts/run_notebooks.py --check-params --nb '$(NB)'

figures: params setup
	@status=0; $(VPY) scripts/run_notebooks.py --nb '$(NB)' --summary $(STAMPS)/figures.json || status=$$?; \
	if [ $$status -eq 0 ]; then \
	  node --import tsx scripts/update-environment.ts --summary $(STAMPS)/figures.json --wall $$(( $$(date +%s) - $(MAKE_START) )) --nb '$(NB)'; \
	fi; \
	exit $$status

test: setup
	npm test

# The lessons as a static site (docs/site.md): site/ from the committed executed notebooks,
# nothing re-run; open site/index.html or serve the folder.
site: $(NODE_STAMP) $(VENV_STAMP)
	$(VPY) scripts/site/build_site.py

# Each notebook and its plain-text source notebooks/NN-name.ts (jupytext percent format): the
# newer file of a pair gives the inputs (FROM=ipynb or FROM=ts: that side for every pair), the
# .ipynb keeps its outputs; missing sources are made.
pair: $(VENV_STAMP)
	$(VPY) scripts/pair_notebooks.py $(if $(FROM),--from '$(FROM)')

lab: setup
	$(VENV)/bin/jupyter lab --notebook-dir="$(CURDIR)" $(if $(filter 0,$(shell id -u)),--allow-root)

# Python references of the benchmark (tf.keras 2, bench/requirements.txt) in their own venv.
BENCH_VENV_STAMP := .venv-bench/.installed
$(BENCH_VENV_STAMP): bench/requirements.txt
	test -x .venv-bench/bin/python || $(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet --disable-pip-version-check -r bench/requirements.txt
	touch $@

bench: setup $(BENCH_VENV_STAMP)
	node --import tsx bench/run.ts

clean:
	rm -rf dist $(STAMPS)

distclean: clean
	rm -rf $(VENV) .venv-bench node_modules
