# Two commands matter: `make run` (the bot, embedded SQLite) and `make test` (everything).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "zhibao needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# doctor reports what needs attention; the bot starts even when it found some.
run: $(STAMP)
	$(BIN)/zhibao init
	-$(BIN)/zhibao doctor
	$(BIN)/zhibao run

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m bench.lifecycle
	$(BIN)/python -m bench.dispatch
	$(BIN)/python -m bench.sweep
	$(BIN)/python -m bench.lang
	$(BIN)/python -m bench.wecom

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis
