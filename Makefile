# Stepwise: `make demo` and `make test` each do all of their own set-up.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
DEMO_ENV := DEBUG=1
CSS := stepwise/static_build/stepwise.css

.PHONY: setup demo test lint pytest browser test-postgres bench clean system-deps assets pdf-libs

SAFE_WORDS := stepwise/privacy/deid/safe_words.py
TAGGER_MODEL := stepwise/privacy/deid/tagger_model.npz
DEV_CORPUS := bench/privacy/corpus/dev.jsonl
WORDLIST := /usr/share/dict/british-english

setup: $(BIN)/.installed node_modules/.installed $(CSS) $(SAFE_WORDS) $(TAGGER_MODEL) pdf-libs

# The de-identification engine's list of ordinary English words, built from Debian's
# wbritish and the pinned wordfreq (docs/adr/0102).
$(WORDLIST):
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wbritish >/dev/null

$(SAFE_WORDS): $(WORDLIST) $(BIN)/.installed stepwise/privacy/deid/build_safe_words.py
	$(BIN)/python stepwise/privacy/deid/build_safe_words.py $(WORDLIST)

# The de-identification tagger's model, trained on the dev half of the fictional corpus only
# (docs/adr/0103); about half a minute.
$(TAGGER_MODEL): $(SAFE_WORDS) $(DEV_CORPUS) stepwise/privacy/deid/build_tagger.py stepwise/privacy/deid/tagger.py stepwise/privacy/deid/lexicon.py
	$(BIN)/python stepwise/privacy/deid/build_tagger.py $(DEV_CORPUS)

$(BIN)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

$(CSS): node_modules/.installed $(wildcard stepwise/*/scss/*.scss)
	mkdir -p $(dir $(CSS))
	npx sass --no-source-map --style=compressed --load-path=node_modules --quiet \
		stepwise/core/scss/stepwise.scss $(CSS)

assets: $(CSS)

# WeasyPrint (the report PDF) draws text with Debian's Pango.
pdf-libs:
	@ldconfig -p | grep -q libpangoft2-1.0 || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 \
		fonts-dejavu-core >/dev/null; }

# Debian's Chromium drives the browser tests (Playwright never downloads a browser here).
system-deps:
	@command -v chromium >/dev/null || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; }

demo: setup
	mkdir -p var
	$(DEMO_ENV) $(BIN)/stepwise migrate --no-input -v0
	$(DEMO_ENV) $(BIN)/stepwise loaddemo
	@echo "Starting the worker and the scheduler, then the web server on http://127.0.0.1:8000 (Ctrl-C stops all)"
	@trap 'kill 0' EXIT INT TERM; \
		$(DEMO_ENV) $(BIN)/stepwise db_worker --no-reload -v0 & \
		$(DEMO_ENV) $(BIN)/stepwise scheduler & \
		$(DEMO_ENV) $(BIN)/stepwise runserver 127.0.0.1:8000

lint: setup
	$(BIN)/ruff check .

pytest: setup
	$(BIN)/pytest -q -m "not browser"

browser: setup system-deps
	$(BIN)/pytest -q -m browser

test: setup system-deps
	$(BIN)/ruff check .
	$(BIN)/pytest -q

# The suite (without browser tests) against the PostgreSQL named by DATABASE_URL.
test-postgres: setup
	@test -n "$$DATABASE_URL" || { echo "Set DATABASE_URL to a PostgreSQL database"; exit 2; }
	$(BIN)/pytest -q -m "not browser"

# Benchmarks use their own environment: the baselines they compare against (Presidio, spaCy,
# scrubadub, BERTopic) are never installed by `make demo` or `make test`.
BENCH_VENV := .venv-bench
$(BENCH_VENV)/.installed: requirements-bench.lock requirements-bench-themes.txt pyproject.toml
	test -x $(BENCH_VENV)/bin/python || $(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BENCH_VENV)/bin/uv pip install --quiet --python $(BENCH_VENV)/bin/python --require-hashes -r requirements-bench.lock
	$(BENCH_VENV)/bin/uv pip install --quiet --python $(BENCH_VENV)/bin/python --no-deps -e .
	$(BENCH_VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-bench-themes.txt
	touch $@

bench: setup $(BENCH_VENV)/.installed
	@set -e; for script in bench/*_bench.py; do echo "== $$script"; $(BENCH_VENV)/bin/python $$script; done
	$(BENCH_VENV)/bin/python bench/privacy_eval.py --system all --split all

clean:
	rm -rf $(VENV) $(BENCH_VENV) node_modules stepwise/static_build staticfiles var $(SAFE_WORDS)
