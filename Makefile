# Give First: `make serve` to preview, `make test` to check everything.
# Both create .venv from the pinned requirements.lock when it is missing or stale.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PELICAN := $(BIN)/pelican
PORT ?= 8000
SITEURL_LOCAL := http://127.0.0.1:$(PORT)
INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
GITHUB_PAGES_BRANCH ?= gh-pages
PYTEST_WORKERS ?= 2
# Our plugins, each a distribution of its own (plugins/<name>/pyproject.toml), installed
# into .venv in editable mode, as a blogger would `pip install pelican-<name>`.
PLUGIN_DISTS := $(sort $(dir $(wildcard plugins/*/pyproject.toml)))
BLOGROLL := $(BIN)/python -m pelican.plugins.blogroll

.DEFAULT_GOAL := help
.PHONY: help venv system-deps html clean regenerate serve devserver publish github \
	lint format test feeds blogroll-import bench

help:
	@echo "make serve            build and preview on $(SITEURL_LOCAL) (PORT=8000)"
	@echo "make test             lint, build and run the whole test suite"
	@echo "make html             build the site into $(OUTPUTDIR)/ (warnings are errors)"
	@echo "make devserver        preview with rebuild on every change"
	@echo "make regenerate       rebuild on every change, no server"
	@echo "make publish          build with $(PUBLISHCONF) (public URL, clean output)"
	@echo "make github           publish, then push $(OUTPUTDIR)/ to the $(GITHUB_PAGES_BRANCH) branch"
	@echo "make feeds            refresh the blogroll cache from the blogs' feeds (network)"
	@echo "make blogroll-import OPML=path   merge an OPML file into content/blogroll.yml"
	@echo "make bench            benchmark against vanilla Pelican (QUICK=1 for a smoke run)"
	@echo "make lint / format    ruff check / ruff format"
	@echo "make clean            remove $(OUTPUTDIR)/ and caches"

$(STAMP): requirements.lock $(wildcard plugins/*/pyproject.toml)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
		--no-build-isolation $(foreach dist,$(PLUGIN_DISTS),-e ./$(dist))
	@touch $@

venv: $(STAMP)

# Chromium, Java (Nu HTML Checker) and Node (axe-core) for the test suite; valgrind for bench.
system-deps:
	@sh tools/ensure-system-deps.sh

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

html: venv
	SITEURL=$(SITEURL_LOCAL) $(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --fatal warnings --log-handler plain

clean:
	rm -rf $(OUTPUTDIR) .cache/pelican test-artifacts

regenerate: venv
	SITEURL=$(SITEURL_LOCAL) $(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE)

serve: html
	@echo "Serving $(SITEURL_LOCAL) (Ctrl-C to stop)"
	$(PELICAN) -l -b 127.0.0.1 -p $(PORT) -o $(OUTPUTDIR) -s $(CONFFILE)

devserver: venv
	SITEURL=$(SITEURL_LOCAL) $(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b 127.0.0.1 -p $(PORT)

publish: venv
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) --fatal warnings --log-handler plain

github: publish
	$(BIN)/ghp-import -m "Publish the site" -b $(GITHUB_PAGES_BRANCH) --no-jekyll $(OUTPUTDIR)
	git push origin $(GITHUB_PAGES_BRANCH)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: venv system-deps node_modules/.installed lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

feeds: venv
	$(BLOGROLL) refresh

blogroll-import: venv
	@test -n "$(OPML)" || { echo "usage: make blogroll-import OPML=path/to/subscriptions.opml"; exit 2; }
	$(BLOGROLL) import-opml "$(OPML)"

bench: venv system-deps
	$(BIN)/python -m bench $(if $(QUICK),--quick,)
