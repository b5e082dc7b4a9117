# Every command a person or CI runs; the pipelines call these targets, nothing else.
#
# Material for MkDocs prints a multi-line notice about MkDocs 2.0 on every build
# (Material reaches end of life on 2027-05-05). It buries real warnings in the
# log, so it is switched off here; the README records the end-of-life date.
export NO_MKDOCS_2_WARNING := 1

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check --quiet
RUNTIME := $(VENV)/.runtime-installed
TESTING := $(VENV)/.test-installed

.PHONY: serve build test check report review-report mark-reviewed publish rollback install system-packages clean

serve: $(RUNTIME)
	$(BIN)/python scripts/preview_server.py

# The site, then each language's PDF from it (scripts/handbook_pdf.py; needs Debian's Pango).
build: $(RUNTIME)
	$(BIN)/mkdocs build --strict
	$(BIN)/python scripts/handbook_pdf.py site

test: $(TESTING) system-packages
	$(BIN)/python -m pytest

check: $(RUNTIME)
	$(BIN)/python scripts/handbook.py check

report: $(RUNTIME)
	$(BIN)/python scripts/handbook.py report

# The nightly job: the overview as Markdown in $(REPORT), exit 1 when a page is overdue.
REPORT ?= review-report.md
review-report: $(RUNTIME)
	$(BIN)/python scripts/handbook.py report --format markdown --fail-on overdue > $(REPORT); \
	status=$$?; cat $(REPORT); exit $$status

# make publish PUBLISH_DIR=/srv/handbook  (the web server serves PUBLISH_DIR/current)
publish: $(RUNTIME)
	@test -n "$(PUBLISH_DIR)" || { echo "usage: make publish PUBLISH_DIR=/srv/handbook" >&2; exit 2; }
	$(BIN)/python scripts/handbook.py publish --to "$(PUBLISH_DIR)"

rollback: $(RUNTIME)
	@test -n "$(PUBLISH_DIR)" || { echo "usage: make rollback PUBLISH_DIR=/srv/handbook" >&2; exit 2; }
	$(BIN)/python scripts/handbook.py publish --to "$(PUBLISH_DIR)" --rollback

# make mark-reviewed PAGES="docs/richtlijnen.md docs/risicos.md"
mark-reviewed: $(RUNTIME)
	$(BIN)/python scripts/handbook.py mark-reviewed --all-languages $(PAGES)

install: $(RUNTIME)

system-packages:
	sh scripts/install-system-packages.sh

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# --no-deps: the requirement files pin the whole dependency tree, so pip
# installs exactly those versions; pip check proves the tree is complete.
$(RUNTIME): requirements.txt | $(BIN)/python
	$(PIP) install --no-deps -r requirements.txt
	$(PIP) check
	touch $@

$(TESTING): requirements-test.txt requirements.txt | $(BIN)/python
	$(PIP) install --no-deps -r requirements-test.txt
	$(PIP) check
	touch $@ $(RUNTIME)

clean:
	rm -rf site .pytest_cache $(REPORT)
