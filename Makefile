# Mentorsag: `make run` starts everything, `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install run test lint format bench seed-kommune clean-data vendor vendor-check messages

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) scripts/stack.py run

# Tests use their own embedded services under var/test so a running `make run` is untouched.
test: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	MENTORSAG_VAR=$(CURDIR)/var/test $(PY) scripts/stack.py test $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(PY) scripts/stack.py exec $(PY) bench/run_all.py

# A municipality-size demo (≈3,000 courses). Demo data is only added to an organisation
# without courses: run `make clean-data` first to replace the small demo.
seed-kommune: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo --scale kommune

clean-data:
	rm -rf var

# Front-end assets (DKFDS, and axe-core for the browser tests): the versions are pinned in
# frontend/package-lock.json; the copies are committed, so only refreshing needs npm.
vendor:
	cd frontend && npm ci --no-audit --no-fund
	$(PYTHON) scripts/vendor_frontend.py copy

vendor-check:
	$(PYTHON) scripts/vendor_frontend.py check

# Danish translations of third-party texts (admin: axes, celery beat); needs gettext's msgfmt.
# The compiled .mo is committed, so running the app needs no gettext.
messages:
	msgfmt --check -o locale/da/LC_MESSAGES/django.mo locale/da/LC_MESSAGES/django.po
