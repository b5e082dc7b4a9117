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

.PHONY: serve build test test-quick check codeowners report review-report notify mark-reviewed publish announce rollback preview preview-remove init update-engine install system-packages clean

serve: $(RUNTIME)
	$(BIN)/python scripts/preview_server.py

# The site, then each language's PDF from it (scripts/handbook_pdf.py; needs Debian's Pango).
build: $(RUNTIME)
	$(BIN)/mkdocs build --strict
	$(BIN)/python scripts/handbook_pdf.py site

test: $(TESTING) system-packages
	$(BIN)/python -m pytest

# The tests that build no site and start no browser or server, in under a minute: for the
# edit-test loop. tests/tiers.py marks the others `slow` by what they call. Needs no
# system packages; `make test` (what CI runs) runs them all.
test-quick: $(TESTING)
	$(BIN)/python -m pytest -m "not slow"

# make check [FORMAT=text|github|gitlab] [OUTPUT=gl-code-quality-report.json] [EXAMPLES=1]
# EXAMPLES=1 also fails on each example value still in the handbook (docs/checks/example_values.yml).
FORMAT ?= text
check: $(RUNTIME)
	$(BIN)/python scripts/handbook.py check --format $(FORMAT) $(if $(OUTPUT),--output "$(OUTPUT)") $(if $(EXAMPLES),--examples)

codeowners: $(RUNTIME)
	$(BIN)/python scripts/handbook.py codeowners

report: $(RUNTIME)
	$(BIN)/python scripts/handbook.py report

# The nightly job: the overview as Markdown in $(REPORT), exit 1 when a page is overdue.
REPORT ?= review-report.md
review-report: $(RUNTIME)
	$(BIN)/python scripts/handbook.py report --format markdown --fail-on overdue > $(REPORT); \
	status=$$?; cat $(REPORT); exit $$status

# The weekly e-mail to owners; HANDBOOK_SMTP_HOST and HANDBOOK_MAIL_FROM in the
# environment. make notify DRY_RUN=1 prints the e-mails and sends nothing.
notify: $(RUNTIME)
	$(BIN)/python scripts/handbook.py notify $(if $(DRY_RUN),--dry-run)

# make publish PUBLISH_DIR=/srv/handbook  (the web server serves PUBLISH_DIR/current); refuses without
# HANDBOOK_SITE_URL, the address readers open (https://intranet.example.org/handbook/)
publish: $(RUNTIME)
	@test -n "$(PUBLISH_DIR)" || { echo "usage: make publish PUBLISH_DIR=/srv/handbook" >&2; exit 2; }
	$(BIN)/python scripts/handbook.py publish --to "$(PUBLISH_DIR)"

# After a publish: one e-mail to all staff (HANDBOOK_ANNOUNCE_TO) about each version
# not yet announced, recorded in PUBLISH_DIR/archive/versions.json so that it goes
# out once; the SMTP settings as for notify. DRY_RUN=1 prints the e-mails and
# sends and records nothing.
announce: $(RUNTIME)
	@test -n "$(PUBLISH_DIR)" || { echo "usage: make announce PUBLISH_DIR=/srv/handbook [DRY_RUN=1]" >&2; exit 2; }
	$(BIN)/python scripts/handbook.py announce --to "$(PUBLISH_DIR)" $(if $(DRY_RUN),--dry-run)

rollback: $(RUNTIME)
	@test -n "$(PUBLISH_DIR)" || { echo "usage: make rollback PUBLISH_DIR=/srv/handbook" >&2; exit 2; }
	$(BIN)/python scripts/handbook.py publish --to "$(PUBLISH_DIR)" --rollback

# make preview PUBLISH_DIR=/srv/handbook PREVIEW=pr-12  (served at PUBLISH_DIR/previews/pr-12/); needs
# HANDBOOK_SITE_URL as publish does
preview: $(RUNTIME)
	@test -n "$(PUBLISH_DIR)" -a -n "$(PREVIEW)" || { echo "usage: make preview PUBLISH_DIR=/srv/handbook PREVIEW=name" >&2; exit 2; }
	$(BIN)/python scripts/handbook.py preview --to "$(PUBLISH_DIR)" --name "$(PREVIEW)"

preview-remove: $(RUNTIME)
	@test -n "$(PUBLISH_DIR)" -a -n "$(PREVIEW)" || { echo "usage: make preview-remove PUBLISH_DIR=/srv/handbook PREVIEW=name" >&2; exit 2; }
	$(BIN)/python scripts/handbook.py preview --to "$(PUBLISH_DIR)" --name "$(PREVIEW)" --remove

# make mark-reviewed PAGES="docs/richtlijnen.md docs/risicos.md"
mark-reviewed: $(RUNTIME)
	$(BIN)/python scripts/handbook.py mark-reviewed --all-languages $(PAGES)

# make init NAME="Handboek Thuiswerken" [LANGUAGES=nl,en] [OWNER="P&O=po@example.org;IT=it@example.org"] [MAINTAINER=@org/team]
# Turns a fresh clone of the engine into a handbook of your own, as one commit (ADOPTING.md). LANGUAGES: codes
# separated by commas, the default first (default nl). OWNER: one or more NAME=E-MAIL, separated by ';'.
init: $(RUNTIME)
	@test -n "$(NAME)" || { echo 'usage: make init NAME="Handboek Thuiswerken" [LANGUAGES=nl] [OWNER="P&O=po@example.org;IT=it@example.org"]' >&2; exit 2; }
	$(BIN)/python scripts/handbook.py init --name "$(NAME)" $(if $(LANGUAGES),--languages "$(LANGUAGES)") $(if $(OWNER),--owner "$(OWNER)") $(if $(MAINTAINER),--maintainer "$(MAINTAINER)")

# make update-engine FROM=<path, Git URL or remote> REF=<tag or branch>: the engine's files as REF has them,
# nothing else, as one commit (ADOPTING.md, "Taking engine updates").
update-engine: $(RUNTIME)
	@test -n "$(FROM)" -a -n "$(REF)" || { echo "usage: make update-engine FROM=<path or Git URL> REF=<tag or branch>" >&2; exit 2; }
	$(BIN)/python scripts/handbook.py update-engine --from "$(FROM)" --ref "$(REF)"

install: $(RUNTIME)

system-packages:
	sh scripts/install-system-packages.sh

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# --no-deps: the requirement files pin the whole dependency tree, so pip
# installs exactly those versions; pip check proves the tree is complete.
# The engine (pyproject.toml) is installed editable, so that hooks, scripts and tests import it by name.
$(RUNTIME): requirements.txt pyproject.toml | $(BIN)/python
	$(PIP) install --no-deps -r requirements.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	$(PIP) check
	touch $@

$(TESTING): requirements-test.txt $(RUNTIME)
	$(PIP) install --no-deps -r requirements-test.txt
	$(PIP) check
	touch $@

clean:
	rm -rf site .pytest_cache $(REPORT)
