"""The CI pipelines: valid for their platform, and every command they run exists here."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

import handbook

GITHUB = ROOT / ".github" / "workflows" / "handbook.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
MAKE_TARGETS = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE))
# The only commands a pipeline may run besides make: showing the report.
OTHER_COMMANDS = {"cat"}


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
        words = shlex.split(command.split(">>")[0])
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
    assert {"report", "publish", "check", "mark-reviewed", "notify", "codeowners", "preview"} <= called


def test_the_nightly_report_target_writes_markdown_and_fails_on_overdue_pages(tmp_path):
    report = tmp_path / "report.md"
    env = {**os.environ, "HANDBOOK_TODAY": "2028-01-01"}
    result = subprocess.run(["make", "-s", "-C", str(ROOT), "review-report", f"REPORT={report}"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    lines = report.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("Review report for 2028-01-01: ")
    assert lines[2] == "| State | Next due | Last reviewed | Owner | Page | Title |"
    assert all(line.startswith("| overdue |") for line in lines[4:])


def test_publishing_works_from_a_shallow_clone(tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{ROOT}", str(clone)], check=True)
    commit = subprocess.run(["git", "-C", str(clone), "log", "-1", "--format=%h", "--abbrev=12"], capture_output=True, text=True, check=True).stdout.strip()
    env = {**os.environ, "HANDBOOK_TODAY": "2026-11-21"}
    result = subprocess.run([sys.executable, str(clone / "scripts" / "handbook.py"), "publish", "--to", str(tmp_path / "www")],
                            env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert os.readlink(tmp_path / "www" / "current").endswith(f"-{commit}")
    assert Path(tmp_path / "www" / "current" / "en" / "index.html").is_file()


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
