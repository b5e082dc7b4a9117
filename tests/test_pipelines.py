"""The CI pipelines: valid for their platform, and every command they run exists here."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import pytest
import yaml
from conftest import FIXTURE_DATE, ROOT, commit, committed, git, materialise

from handbook_engine.cli import handbook

GITHUB = ROOT / ".github" / "workflows" / "handbook.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
MAKE_TARGETS = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE))
# The only commands a pipeline may run besides make: showing the report.
OTHER_COMMANDS = {"cat"}
# A make command that GitLab runs only when a CI/CD variable is 1 (GitHub has `if:` on the step).
GUARDED = re.compile(r'if \[ "\$(\w+)" = 1 \]; then (make [^;]+); fi')


def pipeline_commands() -> list[tuple[str, str]]:
    found = []
    github = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    for name, job in github["jobs"].items():
        found += [(f"github {name}", step["run"]) for step in job["steps"] if "run" in step]
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    for name, job in gitlab.items():
        if isinstance(job, dict) and "script" in job:
            found += [(f"gitlab {name}", line) for line in job["script"]]
    return found


@pytest.mark.parametrize(("schema", "path"), [("vendor.github-workflows", GITHUB), ("vendor.gitlab-ci", GITLAB)])
def test_the_pipeline_files_are_valid_for_their_platform(schema, path):
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_pipeline_command_is_a_make_target_that_exists():
    commands = pipeline_commands()
    assert {job for job, _ in commands} >= {
        f"{host} {job}" for host in ("github", "gitlab")
        for job in ("check", "test", "preview", "preview-remove", "publish", "review", "notify")
    }
    for job, command in commands:
        guarded = GUARDED.fullmatch(command)
        words = shlex.split((guarded.group(2) if guarded else command).split(">>")[0])
        if words[0] == "make":
            targets = [word for word in words[1:] if "=" not in word and not word.startswith("-")]
            assert targets and set(targets) <= MAKE_TARGETS, f"{job}: {command}"
        else:
            assert words[0] in OTHER_COMMANDS, f"{job}: {command}"


def test_the_make_targets_call_subcommands_that_exist():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    called = set(re.findall(r"scripts/handbook\.py (?:--\S+ )*([a-z-]+)", makefile))
    subcommands = set(handbook.build_parser()._subparsers._group_actions[0].choices)
    assert called and called <= subcommands
    assert {"report", "publish", "check", "mark-reviewed", "notify", "codeowners", "preview", "announce"} <= called


def test_the_nightly_report_target_writes_markdown_and_fails_on_overdue_pages(tmp_path, make):
    """On the two-language fixture, when every one of its pages is overdue."""
    project = materialise(tmp_path / "handbook", tools=True)
    report = tmp_path / "report.md"
    result = make(project, "review-report", f"REPORT={report}", env={**os.environ, "HANDBOOK_TODAY": "2028-01-01"})
    assert result.returncode != 0, result.stdout + result.stderr
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("Review report for 2028-01-01: ")
    assert lines[2] == "| State | Next due | Last reviewed | Owner | Page | Title |"
    assert all(line.startswith("| overdue |") for line in lines[4:])


@pytest.mark.usefixtures("handbook_tool")  # the tool, started below, builds
def test_publishing_needs_the_whole_history(tmp_path):
    """A shallow clone, as CI makes by default, is not published: its pages would show no history. Once the whole
    history is fetched, as the publish jobs do, it is."""
    origin = materialise(tmp_path / "origin", tools=True)
    committed(origin, "Het handboek", "2026-11-02T10:00:00+01:00")
    (origin / "docs" / "index.md").write_text((origin / "docs" / "index.md").read_text(encoding="utf-8") + "\nNieuw.\n", encoding="utf-8")
    head = commit(origin, "Welkomstpagina aangevuld", "2026-11-20T10:00:00+01:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", "--depth", "1", f"file://{origin}", str(clone))
    env = {**os.environ, "HANDBOOK_TODAY": FIXTURE_DATE}
    publish = [sys.executable, str(clone / "scripts" / "handbook.py"), "--config", str(clone / "mkdocs.yml"), "publish", "--to", str(tmp_path / "www")]
    shallow = subprocess.run(publish, env=env, capture_output=True, text=True)
    assert shallow.returncode == 1
    assert "Page history is not shown: this is a shallow clone" in shallow.stderr
    assert "not published: the build failed; current still serves nothing" in shallow.stdout
    git(clone, "fetch", "--quiet", "--unshallow")
    result = subprocess.run(publish, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert os.readlink(tmp_path / "www" / "current").endswith(f"-{head[:12]}")
    assert (tmp_path / "www" / "current" / "en" / "handbook.pdf").is_file()


def test_the_publish_and_preview_jobs_fetch_the_whole_history():
    github = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    for job in ("publish", "preview"):
        checkout = [step for step in github["jobs"][job]["steps"] if step.get("uses", "").startswith("actions/checkout@")]
        assert [step.get("with", {}).get("fetch-depth") for step in checkout] == [0], job
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    for job in ("publish", "preview"):
        assert {name: gitlab[job]["variables"][name] for name in ("GIT_DEPTH", "GIT_STRATEGY")} == {"GIT_DEPTH": "0", "GIT_STRATEGY": "clone"}, job


def test_make_build_makes_the_pdfs_after_the_site():
    recipe = re.search(r"^build:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE).group(1)
    assert recipe.splitlines() == ["\t$(BIN)/mkdocs build --strict", "\t$(BIN)/python scripts/handbook_pdf.py site"]


def test_merge_requests_get_findings_on_their_lines_and_a_preview():
    github = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    assert set(github[True]["pull_request"]["types"]) >= {"opened", "synchronize", "closed"}  # YAML reads "on" as true
    jobs = github["jobs"]
    assert [step["run"] for step in jobs["check"]["steps"] if "run" in step] == ["make check FORMAT=github"]
    assert "pull_request" in jobs["check"]["if"]
    assert "make -s preview" in jobs["preview"]["steps"][-1]["run"] and "GITHUB_STEP_SUMMARY" in jobs["preview"]["steps"][-1]["run"]
    assert "github.event.action == 'closed'" in jobs["preview-remove"]["if"]
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert gitlab["check"]["script"] == ["make check FORMAT=gitlab OUTPUT=gl-code-quality-report.json"]
    assert gitlab["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert gitlab["check"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert gitlab["preview"]["environment"]["on_stop"] == "preview-remove"
    assert gitlab["preview-remove"]["environment"] == {"name": gitlab["preview"]["environment"]["name"], "action": "stop"}


def test_owners_are_mailed_on_a_weekly_schedule_apart_from_the_nightly_rebuild():
    github = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    crons = [entry["cron"] for entry in github[True]["schedule"]]
    weekly = next(cron for cron in crons if cron.split()[4] == "1")  # Monday
    jobs = github["jobs"]
    assert f"github.event.schedule == '{weekly}'" in jobs["notify"]["if"]
    assert [step["run"] for step in jobs["notify"]["steps"] if "run" in step] == ["make notify"]
    assert all(f"'{weekly}'" not in jobs[name]["if"] for name in ("publish", "review"))
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert gitlab["notify"]["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule" && $HANDBOOK_SCHEDULE == "weekly"'}]
    assert all('$HANDBOOK_SCHEDULE != "weekly"' in rule["if"] for rule in gitlab["review"]["rules"])


ANNOUNCE = 'make announce PUBLISH_DIR="$HANDBOOK_PUBLISH_DIR"'
MAIL_SETTINGS = {"HANDBOOK_SMTP_HOST", "HANDBOOK_SMTP_PORT", "HANDBOOK_MAIL_FROM", "HANDBOOK_SMTP_USER", "HANDBOOK_SMTP_PASSWORD"}


def test_staff_are_told_right_after_each_publish_on_main_and_nightly():
    """Announce is the step after publish in the job that publishes on main and nightly: it runs only once the
    site is published, and its failure fails the job."""
    github = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    publish = github["jobs"]["publish"]
    assert "github.event.schedule == '17 2 * * *'" in publish["if"] and "github.event_name == 'push'" in publish["if"]
    runs = [step for step in publish["steps"] if "run" in step]
    assert [step["run"] for step in runs][-2:] == ['make publish PUBLISH_DIR="$HANDBOOK_PUBLISH_DIR"', ANNOUNCE]
    announce = runs[-1]
    assert "if" not in announce and "continue-on-error" not in announce and "continue-on-error" not in publish
    # The mail settings as notify has them, and the all-staff address(es), for this step alone.
    notify = github["jobs"]["notify"]["env"]
    assert {name: announce["env"][name] for name in MAIL_SETTINGS} == {name: notify[name] for name in MAIL_SETTINGS}
    assert announce["env"]["HANDBOOK_ANNOUNCE_TO"] == "${{ vars.HANDBOOK_ANNOUNCE_TO }}"
    assert not MAIL_SETTINGS & set(publish.get("env", {}))
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    assert gitlab["publish"]["script"][-2:] == ['make publish PUBLISH_DIR="$HANDBOOK_PUBLISH_DIR"', ANNOUNCE]
    assert "allow_failure" not in gitlab["publish"]
    assert [rule["if"] for rule in gitlab["publish"]["rules"]] == [
        '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "push"',
        '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "schedule" && $HANDBOOK_SCHEDULE != "weekly"',
    ]


def test_make_announce_needs_the_publish_folder_and_passes_a_dry_run_on(tmp_path, make):
    project = materialise(tmp_path / "handbook", tools=True)
    usage = make(project, "announce")
    assert usage.returncode == 2 and usage.stderr.startswith("usage: make announce PUBLISH_DIR=/srv/handbook [DRY_RUN=1]\n")
    www = tmp_path / "www"
    www.mkdir()
    dry = make(project, "announce", f"PUBLISH_DIR={www}", "DRY_RUN=1")
    assert (dry.returncode, dry.stdout) == (0, f"Nothing to announce: {www}/archive/versions.json records no version yet.\n"), dry.stderr
    assert sorted(path.name for path in www.iterdir()) == []


def test_publishing_rejects_example_values_only_when_the_organisation_asks():
    """HANDBOOK_REJECT_EXAMPLES=1 makes each publish job run `make check EXAMPLES=1` first; unset, nothing changes."""
    github = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    steps = [step for step in github["jobs"]["publish"]["steps"] if "run" in step]
    assert [(step.get("if"), step["run"]) for step in steps[:2]] == [
        ("vars.HANDBOOK_REJECT_EXAMPLES == '1'", "make check EXAMPLES=1"),
        (None, 'make publish PUBLISH_DIR="$HANDBOOK_PUBLISH_DIR"'),
    ]
    gitlab = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    script = gitlab["publish"]["script"]
    guard = GUARDED.fullmatch(script[0])
    assert guard and guard.groups() == ("HANDBOOK_REJECT_EXAMPLES", "make check EXAMPLES=1")
    assert script[1] == 'make publish PUBLISH_DIR="$HANDBOOK_PUBLISH_DIR"'
    recipe = re.search(r"^check:.*\n\t(.*)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE).group(1)
    assert recipe.endswith("$(if $(EXAMPLES),--examples)")
