# The few commands people run. `make demo` and `make test` work on a fresh machine with Python 3.11.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_PRODUCTS ?= 24

.PHONY: demo test install lint format worker bench-import bench-alignment bench-annotation bench-export clean

$(VENV)/.installed: requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)"; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	# torch first: a pinned CPU build, so sentence-transformers does not pull a CUDA one.
	$(PIP) install --quiet "$$(grep -E '^torch==' requirements.txt)"
	$(PIP) install --quiet -r requirements.txt
	touch $@

install: $(VENV)/.installed

# Embedded default: SQLite in var/, Celery in-process, the shipped sample catalogue.
demo: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_catalog sample_data/amazon2023/*.jsonl.gz
	$(PY) manage.py demo_accounts
	# About 6 minutes on 2 cores with the embedded SmolLM2; work already done is skipped.
	$(PY) manage.py run_pipeline --stages intentions,objectives,scripts,needs,embed,align --limit $(DEMO_PRODUCTS)
	$(PY) manage.py demo_item_sets
	$(PY) manage.py demo_setup
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C stops it)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# Uses PostgreSQL and Redis when they answer on 127.0.0.1, else SQLite and eager Celery.
test: install
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# A worker for production-like runs (needs CELERY_BROKER_URL and DATABASE_URL).
worker: install
	$(VENV)/bin/celery -A ecomscript_site worker --loglevel=INFO

bench-import: install
	$(PY) bench/import_catalog.py

bench-alignment: install
	$(PY) bench/alignment.py

bench-annotation: install
	$(PY) bench/annotation_load.py

bench-export: install
	$(PY) bench/export.py

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache
