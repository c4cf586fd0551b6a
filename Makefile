# Two commands set everything up on a machine with Python 3.11+ and make:
#   make demo   create .venv, install, build the graph, show Kelun-Biotech's partners and its view
#   make test   create .venv with the test extras and run the whole suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export KG_STORE ?= $(CURDIR)/.kg

.PHONY: demo test lint bench fuzz clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml setup.py
	$(BIN)/python -m pip install -q -e .
	touch $@

$(VENV)/.test-installed: $(BIN)/python pyproject.toml setup.py
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/kg build
	$(BIN)/kg partners Kelun-Biotech
	$(BIN)/kg view --company Kelun-Biotech -o out/kelun-biotech.html

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest -q

lint: $(VENV)/.test-installed
	$(BIN)/ruff check kg tests benchmarks scripts

SCALE ?= S
bench: $(VENV)/.test-installed
	$(BIN)/python benchmarks/run.py --scale $(SCALE)

fuzz: $(VENV)/.test-installed
	$(BIN)/python -m pytest -q -m slow tests

clean:
	rm -rf $(VENV) .kg out build *.egg-info
