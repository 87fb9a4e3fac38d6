# Mine Reclamation Planner: install, test, lint, translate, package and deploy.
# `make test` on a fresh Debian 12/13 machine installs what it needs (as root) and runs
# every test layer headless. See README.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c

SLUG := reclamation_planner
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
VENV ?= .venv
PY := $(VENV)/bin/python
SYSTEM_PYTHON ?= /usr/bin/python3
ZIP := dist/$(SLUG)-$(VERSION).zip
TS := resources/i18n/$(SLUG)_zh_CN.ts
QM := $(TS:.ts=.qm)
UI_FILES := $(wildcard resources/ui/*.ui)
PLUGIN_SOURCES := $(shell find plugin -name '*.py' -not -path '*/__pycache__/*' | sort)
QGIS_PLUGINS_DIR ?= $(HOME)/.local/share/QGIS/QGIS3/profiles/$(or $(QGIS_PROFILE),default)/python/plugins

# Debian packages the plugin and its tests need (scripts/apt-deps.sh checks and installs).
# The plugin imports numpy, GDAL, and optionally SciPy and python-docx; shapely builds the
# sample data (scripts/make_sample.py) and pyproj is the tests' independent reference.
APT_PACKAGES := qgis qgis-providers python3-qgis gdal-bin python3-gdal python3-numpy \
	python3-scipy python3-shapely python3-pyproj python3-venv python3-pytest python3-hypothesis pyqt5-dev-tools \
	qttools5-dev-tools python-matplotlib-data fonts-noto-cjk poppler-utils python3-docx \
	redis-server python3-lxml python3-dateutil python3-yaml

export LANG := C.UTF-8
export LC_ALL := C.UTF-8
export QT_QPA_PLATFORM := offscreen
export PYTHONDONTWRITEBYTECODE := 1
# pyproj looks for proj.db under sys.prefix, which is .venv here: point it at Debian's.
export PROJ_DATA ?= /usr/share/proj

.PHONY: demo screenshots styles help help-pages docs deps venv test test-unit test-qgis test-matrix lint format ts qm package deploy undeploy clean bench

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

deps: ## Install the Debian packages (as root), or print the apt-get line to run
	@bash scripts/apt-deps.sh $(APT_PACKAGES)

$(VENV)/.installed: requirements-dev.txt scripts/constraints.sh
	@test -x $(SYSTEM_PYTHON) || { echo "error: $(SYSTEM_PYTHON) not found; run 'make deps' as root" >&2; exit 1; }
	rm -rf $(VENV)
	$(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)
	bash scripts/constraints.sh $(PY) > $(VENV)/constraints.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -c $(VENV)/constraints.txt -r requirements-dev.txt
	touch $@

venv: deps $(VENV)/.installed ## Build .venv (system site packages + dev tools)

lint: venv ## ruff and flake8-qgis (QGS rules, Qt6 ones included)
	$(VENV)/bin/ruff check plugin tests scripts
	$(VENV)/bin/ruff format --check plugin tests scripts
	$(VENV)/bin/flake8 --select=QGS plugin

format: venv ## Format the code with ruff
	$(VENV)/bin/ruff check --fix plugin tests scripts
	$(VENV)/bin/ruff format plugin tests scripts

ts: deps ## Extract translatable strings into the zh_CN .ts file
	pylupdate5 -noobsolete $(PLUGIN_SOURCES) $(UI_FILES) -ts $(TS)

qm: deps $(QM) ## Compile translations

$(QM): $(TS)
	"$$(bash scripts/find-tool.sh lrelease)" -silent $(TS) -qm $(QM)

docs: venv qm ## Regenerate docs/algorithms.md from the code (parameters, outputs, help)
	config="$$(mktemp -d)"; trap 'rm -rf "$$config"' EXIT; \
	QGIS_CUSTOM_CONFIG_PATH="$$config" $(PY) scripts/algorithm_docs.py --markdown docs/algorithms.md

help-pages: deps qm ## Build the algorithms' help pages (en, zh_CN) into resources/help/
	config="$$(mktemp -d)"; trap 'rm -rf "$$config"' EXIT; \
	QGIS_CUSTOM_CONFIG_PATH="$$config" QT_QPA_PLATFORM=offscreen $(SYSTEM_PYTHON) scripts/algorithm_docs.py --html resources/help

package: deps qm help-pages ## Build dist/reclamation_planner-<version>.zip
	$(SYSTEM_PYTHON) scripts/package.py --output $(ZIP)

test-unit: venv ## Unit tests (no QGIS)
	$(PY) -m pytest -p no:qgis tests/unit

test-qgis: venv qm package ## QGIS tests: plugin, provider, translations, packaged zip
	$(PY) -m pytest tests/qgis tests/package

test: lint test-unit test-qgis ## The whole suite: lint, unit, QGIS, package

demo: venv qm ## Run the main job on the sample mine into demo-output/ (project, layers, report, PNG map)
	config="$$(mktemp -d)"; trap 'rm -rf "$$config"' EXIT; \
	QGIS_CUSTOM_CONFIG_PATH="$$config" $(PY) scripts/demo.py

screenshots: demo ## Render the README screenshots offscreen into docs/screenshots/
	config="$$(mktemp -d)"; trap 'rm -rf "$$config"' EXIT; \
	QGIS_CUSTOM_CONFIG_PATH="$$config" $(PY) scripts/screenshots.py

styles: venv ## Regenerate the shipped QML styles in resources/styles/ from the style builders
	$(PY) scripts/make_styles.py


bench: venv ## Benchmarks: the hot paths, and each algorithm through processing.run against its reference
	$(PY) bench/bench_rules.py
	$(PY) bench/bench_terrain.py
	$(PY) bench/bench_extract.py
	$(PY) bench/bench_subsidence.py
	$(PY) bench/bench_earthwork.py
	$(PY) bench/bench_units.py
	$(PY) bench/bench_schedule.py
	$(PY) bench/bench_algorithms.py
	$(PY) bench/bench_algorithms.py --case terrain --size 20000 --repeat 1
	$(PY) bench/bench_algorithms.py --case network
	$(PY) bench/bench_algorithms.py --case network --network-size 4000 --repeat 1
	$(PY) bench/bench_many.py

test-matrix: ## Run `make test` in Debian chroots of the other QGIS versions (root)
	bash scripts/test-matrix.sh

deploy: qm help-pages ## Link the plugin into your QGIS profile (QGIS_PROFILE=default)
	mkdir -p "$(QGIS_PLUGINS_DIR)"
	target="$(QGIS_PLUGINS_DIR)/$(SLUG)"
	if [ -e "$$target" ] && [ ! -L "$$target" ]; then
		echo "error: $$target exists and is not a link; remove it first" >&2; exit 1
	fi
	ln -sfn "$(CURDIR)/plugin" "$$target"
	echo "Linked $$target -> $(CURDIR)/plugin; restart QGIS and enable 'Mine Reclamation Planner'."

undeploy: ## Remove the link made by make deploy
	target="$(QGIS_PLUGINS_DIR)/$(SLUG)"
	if [ -L "$$target" ]; then rm "$$target"; echo "Removed $$target"; fi

clean: ## Remove build outputs and caches (not .venv)
	rm -rf build dist $(QM) .pytest_cache .ruff_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
