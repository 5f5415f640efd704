# Developer entry points; see README.md.
PYTHON ?= python3.11
VENV := .venv
STAMP := $(VENV)/.installed
LOCALE_DIR := src/accord/locale
# The interface's translations: edited as .po, compiled to .mo here (the .mo files are not kept in git).
CATALOGS := $(wildcard $(LOCALE_DIR)/*/LC_MESSAGES/django.po)

.PHONY: setup apt-deps run test bench messages clean

setup: apt-deps $(STAMP) $(CATALOGS:.po=.mo)

apt-deps:
	@scripts/apt-deps.sh

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the dependencies may have changed; the editable install picks up code changes by itself.
# constraints.txt pins every package the direct pins pull in, so a fresh clone installs what was tested.
$(STAMP): pyproject.toml constraints.txt | $(VENV)/bin/python
	$(VENV)/bin/pip install --disable-pip-version-check -c constraints.txt -e '.[dev]'
	touch $@

%.mo: %.po | $(STAMP)
	$(VENV)/bin/pybabel compile --domain=django --input-file=$< --output-file=$@

# After changing interface strings: brings every catalog up to date with the source (new strings come in
# untranslated; tests/web/test_i18n.py fails until they are translated).
messages: setup
	cd src/accord && ../../$(VENV)/bin/accord makemessages --add-location=file --no-obsolete \
		$(addprefix --locale=,$(notdir $(wildcard $(LOCALE_DIR)/*)))

# The demo loads once; run again, it changes nothing.
run: setup
	$(VENV)/bin/accord migrate --noinput
	$(VENV)/bin/accord demo
	$(VENV)/bin/accord runserver 127.0.0.1:8000

test: setup
	scripts/test.sh

# Every benchmark runs, even after one has missed its target; the target fails if any did.
bench: setup
	status=0; \
	$(VENV)/bin/python bench/run.py || status=1; \
	$(VENV)/bin/python bench/reading_room.py || status=1; \
	$(VENV)/bin/python bench/compilation.py || status=1; \
	$(VENV)/bin/python bench/concordance.py || status=1; \
	$(VENV)/bin/python bench/negotiation.py || status=1; \
	$(VENV)/bin/python bench/notes.py || status=1; \
	exit $$status

clean:
	scripts/pg-cluster.sh stop
	rm -rf $(VENV) var .pytest_cache .hypothesis src/*.egg-info $(CATALOGS:.po=.mo)
	find src tests -name __pycache__ -type d -prune -exec rm -rf {} +
