"""The findings of `check` in the forms editors and merge requests read them.

  text    path:line: field: message, one per line (the default)
  github  GitHub Actions workflow commands: each finding shows on its line of the pull request's diff
  gitlab  a GitLab Code Quality report (JSON) for the merge request's `codequality` report

A finding is (path, Problem). Paths are relative to the repository root.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable

from handbook_engine.pages.review_rules import Problem

Finding = tuple[str, Problem]
# Every finding stops a merge; GitLab's scale runs info, minor, major, critical, blocker.
GITLAB_SEVERITY = "major"


def as_text(found: list[Finding]) -> str:
    return "".join(problem.located(path) + "\n" for path, problem in found)


def as_github(found: list[Finding]) -> str:
    """`::error file=...,line=...,title=...::message`, escaped as the workflow command syntax requires."""
    return "".join(
        f"::error file={_property(path)},line={problem.line or 1},title={_property(problem.field)}::{_data(problem.message)}\n"
        for path, problem in found
    )


def as_gitlab(found: list[Finding]) -> str:
    """A JSON array of Code Quality issues. The fingerprint leaves out the line, so a finding that only
    moves is the same finding; identical findings in one file are told apart by their order."""
    seen: Counter = Counter()
    issues = []
    for path, problem in found:
        identity = (path, problem.field, problem.message)
        seen[identity] += 1
        fingerprint = hashlib.sha256("\0".join([*identity, str(seen[identity])]).encode("utf-8")).hexdigest()[:32]
        issues.append({
            "description": f"{problem.field}: {problem.message}",
            "check_name": f"handbook/{problem.field}",
            "fingerprint": fingerprint,
            "severity": GITLAB_SEVERITY,
            "location": {"path": path, "lines": {"begin": problem.line or 1}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[list[Finding]], str]] = {"text": as_text, "github": as_github, "gitlab": as_gitlab}


def _data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
