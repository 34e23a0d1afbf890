# Concord — `make run` opens the control room, `make test` runs the whole suite, `make package`
# builds the one-folder program (dist/concord/) an office PC runs without Python.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench package clean

# The package is rebuilt only when something that goes into it changed (stamp in dist/concord/).
PACKAGE := dist/concord/.built
PACKAGE_TOOLS := $(VENV)/.package-tools
PACKAGE_INPUTS := main.py pyproject.toml $(shell find desktop ui db resources packaging -type f \
	\( -name '*.py' -o -name '*.ts' -o -name '*.js' -o -name '*.css' -o -name '*.svg' \
	-o -name '*.mako' -o -name '*.spec' \) -not -path '*/__pycache__/*' 2>/dev/null)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy

# The package is built first: tests/e2e/test_package.py runs the frozen program.
test: lint typecheck package
	$(PY) -m pytest

unit: $(STAMP)
	$(PY) -m pytest tests/unit

bench: $(STAMP)
	$(PY) -m tests.bench.run

# PyInstaller (the `package` extra) only, not a second install of the project itself.
$(PACKAGE_TOOLS): pyproject.toml | $(STAMP)
	$(PY) -m pip install --quiet $$($(PY) packaging/build.py --requirements)
	touch $(PACKAGE_TOOLS)

$(PACKAGE): $(PACKAGE_TOOLS) $(PACKAGE_INPUTS)
	$(PY) packaging/build.py
	touch $(PACKAGE)

package: $(PACKAGE)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache build dist
