# Two commands do everything on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
TOOLS := var/tools
UV := $(TOOLS)/bin/uv
PORT ?= 8000
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run setup test test-sqlite test-postgres system-packages lint bench clean

# uv itself comes from PyPI pinned by hash, into a tools venv of its own.
$(UV): requirements/uv.txt
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/uv.txt
	@touch $@

# The project venv is built from uv.lock (hashes checked), never re-resolved.
$(VENV)/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --python $(PYTHON)
	@touch $@

setup: $(VENV)/.synced
	$(VENV)/bin/hamafza setup

run: setup
	@echo "هم‌افزا روی http://127.0.0.1:$(PORT) در دسترس است (Ctrl+C برای توقف)."
	$(VENV)/bin/gunicorn hamafza.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --threads 4 --access-logfile -

lint: $(VENV)/.synced
	$(VENV)/bin/ruff check hamafza tests
	$(VENV)/bin/lint-imports

# The system packages the tests need (chromium, poppler, fonts, pango, the PostgreSQL client), listed once in
# scripts/system-packages.txt: installed on Debian as root, named and refused anywhere else.
system-packages:
	@scripts/system-packages.sh

# The whole suite on SQLite, then again on PostgreSQL when DATABASE_URL points at one; in parallel (pytest-xdist,
# TEST_JOBS workers, default: two a core up to 4). It fails when no test ran.
test: $(VENV)/.synced system-packages
	$(MAKE) --no-print-directory test-sqlite
	@if [ -n "$$DATABASE_URL" ]; then $(MAKE) --no-print-directory test-postgres; else echo "DATABASE_URL is not set: PostgreSQL run skipped."; fi

test-sqlite: $(VENV)/.synced system-packages
	env -u DATABASE_URL PYTHON_BIN=$(VENV)/bin/python scripts/run-tests.sh $(PYTEST_ARGS)

test-postgres: $(VENV)/.synced system-packages
	PYTHON_BIN=$(VENV)/bin/python scripts/run-tests.sh $(PYTEST_ARGS)

bench: $(VENV)/.synced
	$(VENV)/bin/hamafza bench

clean:
	rm -rf $(VENV) $(TOOLS) var/static
