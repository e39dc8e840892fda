# Two entry points for a fresh machine: `make run` and `make test`.
# Everything else here is what those two need; each step is skipped when already done.

VENV      := .venv
PY        := $(VENV)/bin/python
PYBABEL   := $(VENV)/bin/pybabel
CHROMIUM  ?= /usr/bin/chromium
# The end-to-end tests run Chromium's headless shell: the same engine, about half the CPU per page.
TEST_CHROMIUM ?= /usr/bin/chromium-headless-shell
PO_FILES  := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO_FILES  := $(PO_FILES:.po=.mo)
VENDOR    := static/vendor/htmx.min.js static/vendor/qrcode.mjs

FUZZ_PORT ?= 5099

.PHONY: run test fuzz freeze bench catalogs extract vendor chromium headless-shell wrk clean

run: $(VENV)/.runtime catalogs vendor
	$(VENV)/bin/flask --app webapp run --host 127.0.0.1 --port 5000

# Three pytest-xdist workers on the two cores: with two, a core sat idle about half the run; three keep
# both busy. Each worker has its own live server and browser; the frozen build is shared.
test: $(VENV)/.test catalogs vendor headless-shell
	CHROMIUM=$(TEST_CHROMIUM) $(PY) -m pytest -n 3

# Schemathesis against the OpenAPI document on a live server: every check but positive_data_acceptance
# (a schema-valid value out of the clinical range, or a field another one requires, is rightly a 422).
fuzz: $(VENV)/.fuzz catalogs vendor
	@$(VENV)/bin/flask --app webapp run --host 127.0.0.1 --port $(FUZZ_PORT) >/dev/null 2>&1 & server=$$!; \
	trap 'kill $$server' EXIT; \
	$(VENV)/bin/schemathesis run http://127.0.0.1:$(FUZZ_PORT)/api/v1/openapi.json --wait-for-schema 30 \
	  --checks all --exclude-checks positive_data_acceptance --max-examples 250 --continue-on-failure --workers 2

# The build minifies its JavaScript and CSS with esbuild, from node_modules (npm ci).
freeze: $(VENV)/.runtime catalogs vendor node_modules/.package-lock.json
	$(VENV)/bin/flask --app webapp freeze build

bench: $(VENV)/.test $(VENV)/.bench catalogs vendor chromium wrk
	$(PY) scripts/bench.py

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.runtime: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e .
	touch $@

$(VENV)/.fuzz: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[fuzz]'
	touch $(VENV)/.runtime $@

$(VENV)/.bench: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[bench]'
	touch $(VENV)/.runtime $@

$(VENV)/.test: pyproject.toml | $(PY)
	$(PY) -m pip install -q -e '.[test]'
	touch $(VENV)/.runtime $@

catalogs: $(MO_FILES)

%.mo: %.po | $(VENV)/.runtime
	$(PYBABEL) compile -i $< -o $@

# Refresh the catalogs after changing user-visible text, then translate the new entries.
extract: $(VENV)/.runtime
	$(PYBABEL) extract -F babel.cfg -k N_ -k _l --no-location --sort-output -o translations/messages.pot .
	$(PYBABEL) update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

vendor: $(VENDOR)

static/vendor/htmx.min.js: node_modules/.package-lock.json
	mkdir -p static/vendor
	cp node_modules/htmx.org/dist/htmx.min.js $@
	cp node_modules/htmx.org/LICENSE static/vendor/htmx.LICENSE.txt

static/vendor/qrcode.mjs: node_modules/.package-lock.json
	mkdir -p static/vendor
	cp node_modules/qrcode-generator/dist/qrcode.mjs $@

# wrk (Debian's), the load generator of `make bench`'s 304 figure: C, so it leaves the cores to the server.
wrk:
	@if ! command -v wrk >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	  else \
	    echo "make bench measures the 304 path with wrk if installed (sudo apt-get install wrk); Python clients otherwise."; \
	  fi; \
	fi

chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium for the end-to-end tests…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The end-to-end tests need Chromium at $(CHROMIUM). Install it (sudo apt-get install chromium) or set CHROMIUM=/path/to/chromium." >&2; exit 1; \
	  fi; \
	fi

headless-shell:
	@if [ ! -x "$(TEST_CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium-headless-shell for the end-to-end tests…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null; \
	  else \
	    echo "The end-to-end tests need Chromium's headless shell at $(TEST_CHROMIUM). Install it (sudo apt-get install chromium-headless-shell) or set TEST_CHROMIUM=/usr/bin/chromium." >&2; exit 1; \
	  fi; \
	fi

clean:
	rm -rf build static/vendor node_modules $(MO_FILES)
