# ASDG — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
# A Python from 3.11 to 3.13: python3 when it is one, else the newest python3.1x there is.
PYTHON_RANGE := import sys; sys.exit(not (3, 11) <= sys.version_info[:2] < (3, 14))
ifeq ($(origin PYTHON),undefined)
PYTHON := $(or $(firstword $(foreach p,python3 python3.13 python3.12 python3.11,\
	$(shell command -v $(p) >/dev/null 2>&1 && $(p) -c '$(PYTHON_RANGE)' 2>/dev/null && echo $(p)))),python3)
endif
UV_VERSION := 0.13.9
UV := $(or $(shell command -v uv 2>/dev/null),$(CURDIR)/.tools/bin/uv)
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
# The local demo: debug on, no second factor for /admin/ (never in production).
DEMO_ENV := DEBUG=true ASDG_ADMIN_REQUIRE_OTP=false

# Operations run against what the environment (or .env) configures; on a machine with
# neither (a fresh clone) they use the local demo settings.
OPS_ENV := $(if $(wildcard .env),,DEBUG=$${DEBUG:-true})

.PHONY: run test test-fast stop db venv messages system-packages system-packages-tests python lint format migrate seed check-deploy clean backup restore bench loadtest wrk

## run: install, start the local database, migrate, seed once, serve on http://127.0.0.1:8000
##      with the mail worker beside it
run: system-packages venv db messages
	$(DEMO_ENV) $(MANAGE) migrate --noinput
	$(DEMO_ENV) $(MANAGE) seed_demo
	@echo "ASDG runs on http://127.0.0.1:8000  (portal: /portaal/, admin: /admin/; Ctrl-C stops)"
	@echo "The mail worker prints every mail the site sends here (EMAIL_URL: console)."
	$(DEMO_ENV) $(MANAGE) mail_worker --interval 2 & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(DEMO_ENV) $(MANAGE) runserver 127.0.0.1:8000

# pytest-xdist workers: one per core (`make test TEST_WORKERS=1` runs them in one process).
TEST_WORKERS ?= auto
# Python's bytecode cache on even where the environment turns it off: without it every
# pytest process (each worker too) compiles the whole project and its libraries again.
PYTEST := PYTHONDONTWRITEBYTECODE= $(VENV)/bin/pytest

## test: lint, format check, migrations check, every test (unit/integration, browser, fuzz)
##       in parallel, each worker on a test database of its own, created afresh
test: system-packages-tests venv db messages
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	DEBUG=true $(MANAGE) makemigrations --check --dry-run
	$(PYTEST) -n $(TEST_WORKERS)

## test-fast: the loop while working: all but the browser, fuzz and slow tests (markers;
##            slow: seeds the demo, starts gunicorn or PostgreSQL, runs the README's commands),
##            the test database kept (--reuse-db), in parallel; `pytest --lf` reruns what failed
test-fast: venv db messages
	$(PYTEST) -n $(TEST_WORKERS) --reuse-db -m "not browser and not fuzz and not slow"
	@echo "make test-fast left out the tests marked browser, fuzz and slow; make test runs them."

## stop: stop the project-local PostgreSQL cluster
stop:
	@$(PYTHON) -m asdg.devdb stop

## system-packages: what make run needs from the system (apt; asks before sudo)
system-packages:
	@$(PYTHON) bin/system-packages

system-packages-tests:
	@$(PYTHON) bin/system-packages --tests

python:
	@$(PYTHON) -c '$(PYTHON_RANGE)' 2>/dev/null || { \
		echo "ASDG needs Python 3.11, 3.12 or 3.13 (as python3 or python3.1x); found: $$($(PYTHON) --version 2>&1)" >&2; \
		exit 1; }

$(CURDIR)/.tools/bin/uv: | python
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet uv==$(UV_VERSION)

$(VENV)/.synced: pyproject.toml uv.lock | python $(UV)
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

venv: $(VENV)/.synced

# DATABASE_URL (environment or .env) when set; else the project-local cluster with the
# machine's PostgreSQL, else with the embedded one from .venv. Prints which.
db: venv
	@$(PYTHON) -m asdg.devdb start

# The translations, with polib (no gettext needed).
messages: venv
	@$(PY) -m asdg.messages

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

migrate: venv db
	$(DEMO_ENV) $(MANAGE) migrate --noinput

seed: migrate
	$(DEMO_ENV) $(MANAGE) seed_demo

## backup: the configured database (pg_dump -Fc) and MEDIA_ROOT (tar) into backups/
backup: venv db
	$(OPS_ENV) $(MANAGE) backup

## restore: make restore FILE=backups/asdg-<time>.dump CONFIRM=<database name>
restore: venv db
	@if [ -z "$(FILE)" ]; then \
		echo "usage: make restore FILE=backups/asdg-<time>.dump CONFIRM=<database name>" >&2; \
		exit 2; fi
	$(OPS_ENV) $(MANAGE) restore "$(FILE)" --confirm "$(CONFIRM)"

## bench: throughput and latency of the main pages against a floor (bench/results/latest.md)
bench: venv db messages wrk
	$(PY) -m bench.run

## loadtest: 50 simulated visitors and members for 60 s; fails on any error or lost write
loadtest: system-packages-tests venv db messages
	$(PY) -m bench.loadtest

# wrk, the load generator of `make bench` (Debian package), installed when missing.
wrk:
	@command -v wrk >/dev/null || { \
		sudo=""; [ "$$(id -u)" -eq 0 ] || sudo="sudo"; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends wrk; }

clean: stop
	rm -rf $(VENV) .tools .pg staticfiles
