# Bridgework: `make run` (install, migrate, demo data on first run, web + worker) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed

.PHONY: install run serve test test-fast test-browser test-postgres lint format assets bench clean

$(STAMP): requirements.txt constraints.txt pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11 is needed (set PYTHON=/path/to/python3.11)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

run: install
	DEBUG=true $(BIN)/bridgework migrate --no-input
	DEBUG=true SITE_URL=http://$(HOST):$(PORT) $(BIN)/bridgework demo --if-empty
	DEBUG=true SITE_URL=http://$(HOST):$(PORT) $(BIN)/bridgework serve --host $(HOST) --port $(PORT)

test: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -n 2 -m "not browser" -q
	$(BIN)/python -m pytest -m browser -q

test-postgres: install
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/bridgework} $(BIN)/python -m pytest -n 2 -m "not browser" -q

test-browser: install
	$(BIN)/python -m pytest -m browser -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

assets:
	bash frontend/build.sh

bench: install
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) var
