# Developer entry points; see README.md.
PYTHON ?= python3.11
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: setup apt-deps run test bench clean

setup: apt-deps $(STAMP)

apt-deps:
	@scripts/apt-deps.sh

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies may have changed; the editable install picks up code changes by itself.
$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(VENV)/bin/pip install --disable-pip-version-check -e '.[dev]'
	touch $@

# `accord demo` arrives with a later change; until then there is nothing to load.
run: setup
	$(VENV)/bin/accord migrate --noinput
	if $(VENV)/bin/accord help --commands | grep -qx demo; then $(VENV)/bin/accord demo; fi
	$(VENV)/bin/accord runserver 127.0.0.1:8000

test: setup
	scripts/test.sh

bench: setup
	$(VENV)/bin/python bench/run.py

clean:
	scripts/pg-cluster.sh stop
	rm -rf $(VENV) var .pytest_cache .hypothesis src/*.egg-info
	find src tests -name __pycache__ -type d -prune -exec rm -rf {} +
