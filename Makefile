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
# `make dist` writes each plugin's wheel and sdist here.
DISTDIR := dist
# The plugins' dependencies as wheels, at the versions requirements.lock pins: what
# tests/packaging installs into a fresh virtual environment, with no network.
WHEELHOUSE := .cache/wheelhouse
BLOGROLL := $(BIN)/python -m pelican.plugins.blogroll
# Pagefind (from the pinned pagefind-bin wheel) indexes the built pages for /search/.
PAGEFIND := $(BIN)/python -m pagefind
CONVERSATION := $(BIN)/python -m pelican.plugins.conversation
PUBLISH_BUILD = $(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) --fatal warnings --log-handler plain
SEND_MENTIONS = $(CONVERSATION) send --settings $(PUBLISHCONF) --output $(OUTPUTDIR) $(if $(DRY_RUN),--dry-run,)
PREVIEW := $(BIN)/python -m preview --port $(PORT) --content $(INPUTDIR) --settings $(CONFFILE)

.DEFAULT_GOAL := help
.PHONY: help venv wheelhouse system-deps html search-index clean regenerate serve devserver \
	publish github lint format test dist feeds mentions blogroll-import bench

help:
	@echo "make serve            build and preview on $(SITEURL_LOCAL) (PORT=8000)"
	@echo "make test             lint, build and run the whole test suite"
	@echo "make html             build the site into $(OUTPUTDIR)/ (warnings are errors)"
	@echo "make search-index     index $(OUTPUTDIR)/ for search (html and publish run it)"
	@echo "make devserver        preview: the saved post at once, the tab reloads itself"
	@echo "make regenerate       rebuild on every change, no server"
	@echo "make publish          refresh the feeds, build with $(PUBLISHCONF), check, send Webmentions"
	@echo "make github           publish, then push $(OUTPUTDIR)/ to the $(GITHUB_PAGES_BRANCH) branch"
	@echo "make feeds            refresh the blogroll and the received replies (network)"
	@echo "make mentions         send Webmentions for the published site (DRY_RUN=1 to list them)"
	@echo "make blogroll-import OPML=path   merge an OPML file into content/blogroll.yml"
	@echo "make bench            benchmark against vanilla Pelican (QUICK=1 for a smoke run)"
	@echo "make dist             a wheel and an sdist per plugin in $(DISTDIR)/, checked by twine"
	@echo "make lint / format    ruff check / ruff format"
	@echo "make clean            remove $(OUTPUTDIR)/ and caches (never data/: what make feeds keeps)"

$(STAMP): requirements.lock $(wildcard plugins/*/pyproject.toml)
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps \
		--no-build-isolation $(foreach dist,$(PLUGIN_DISTS),-e ./$(dist))
	@touch $@

venv: $(STAMP)

$(WHEELHOUSE)/.filled: $(STAMP)
	rm -rf $(WHEELHOUSE)
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --no-build-isolation \
		--only-binary=:all: --dest $(WHEELHOUSE) --constraint requirements.lock \
		$(foreach dist,$(PLUGIN_DISTS),./$(dist))
	@touch $@

wheelhouse: $(WHEELHOUSE)/.filled

# Chromium, Java (Nu HTML Checker) and Node (axe-core) for the test suite; valgrind for bench.
system-deps:
	@sh tools/ensure-system-deps.sh

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

html: venv
	SITEURL=$(SITEURL_LOCAL) $(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --fatal warnings --log-handler plain
	@$(MAKE) --no-print-directory search-index

# After the build: the pages' words into $(OUTPUTDIR)/pagefind/, which /search/ reads.
search-index: venv
	$(PAGEFIND) --site $(OUTPUTDIR) --quiet

# data/ is what `make feeds` fetched, tracked in git: never removed here.
clean:
	rm -rf $(OUTPUTDIR) .cache/pelican .cache/preview test-artifacts $(DISTDIR)

regenerate: venv
	SITEURL=$(SITEURL_LOCAL) $(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE)

# Both build into the preview's own folder (.cache/preview/PORT/), with SITEURL on PORT:
# `make html` in another terminal changes neither what they serve nor its links.
serve: venv
	$(PREVIEW) --no-watch

devserver: venv
	$(PREVIEW)

# The one command that networks: refresh (the only step that uses the network; exit 1, no
# feed answered, publishes the last good data in data/, exit 2, a bad list, stops), build,
# check the output, index it, then tell the blogs we link to.
publish: venv
	$(CONVERSATION) refresh --settings $(PUBLISHCONF)
	$(BLOGROLL) refresh --settings $(PUBLISHCONF) --publishing || test $$? -eq 1
	$(PUBLISH_BUILD)
	$(BLOGROLL) check-output --settings $(PUBLISHCONF) --output $(OUTPUTDIR)
	@$(MAKE) --no-print-directory search-index
	$(SEND_MENTIONS)

github: publish
	$(BIN)/ghp-import -m "Publish the site" -b $(GITHUB_PAGES_BRANCH) --no-jekyll $(OUTPUTDIR)
	git push origin $(GITHUB_PAGES_BRANCH)

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test: venv wheelhouse system-deps node_modules/.installed lint
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --dist loadgroup

# Ready to publish: `twine upload dist/*` (or one plugin's pair) is what remains.
dist: venv
	rm -rf $(DISTDIR)
	$(foreach dist,$(PLUGIN_DISTS),$(BIN)/python -m build --quiet --no-isolation --outdir $(DISTDIR) $(dist) &&) true
	$(BIN)/twine check --strict $(DISTDIR)/*

# The blogroll last, so its exit code is the command's: 1 when no feed answered, 2 on a
# bad blogroll.yml (make itself then reports "Error 1" or "Error 2").
feeds: venv
	$(CONVERSATION) refresh
	$(BLOGROLL) refresh

# Sends only from a build for the public SITEURL: builds one first when output/ is not.
mentions: venv
	@$(CONVERSATION) check-output --settings $(PUBLISHCONF) --output $(OUTPUTDIR) || $(PUBLISH_BUILD)
	$(SEND_MENTIONS)

blogroll-import: venv
	@test -n "$(OPML)" || { echo "usage: make blogroll-import OPML=path/to/subscriptions.opml"; exit 2; }
	$(BLOGROLL) import-opml "$(OPML)"

bench: venv system-deps
	$(BIN)/python -m bench $(if $(QUICK),--quick,)
