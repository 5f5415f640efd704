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

# Every benchmark runs, even after one has missed its target; each adds its figures to one report, printed at the
# end as a table (the README's figures are a copy of it), and the target fails if any figure missed its target.
BENCHMARKS := run reading_room compilation concordance negotiation notes load faults fuzz api_fuzz
BENCH_REPORT := var/bench-report.jsonl
bench: setup
	@mkdir -p var && rm -f $(BENCH_REPORT)
	@status=0; \
	for name in $(BENCHMARKS); do \
		echo "== bench/$$name.py"; \
		ACCORD_BENCH_REPORT=$(abspath $(BENCH_REPORT)) $(VENV)/bin/python bench/$$name.py || status=1; \
	done; \
	echo "== report"; \
	$(VENV)/bin/python bench/report.py $(BENCH_REPORT) || status=1; \
	exit $$status

clean:
	scripts/pg-cluster.sh stop
	rm -rf $(VENV) var .pytest_cache .hypothesis src/*.egg-info $(CATALOGS:.po=.mo)
	find src tests -name __pycache__ -type d -prune -exec rm -rf {} +
