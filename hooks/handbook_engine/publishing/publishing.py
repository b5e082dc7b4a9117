"""The commands that put a build online: publish (a strict build with its PDFs, verified, then
switched to atomically; or a rollback) and preview (a branch's build beside the published site).
The releases' folders are releases.py's; the versions kept beside them, version_archive.py's."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from handbook_engine.versions import policy_versions
from handbook_engine.site import published_files
from handbook_engine.publishing import releases
from handbook_engine.versions import version_archive
from handbook_engine.publishing.build_environment import build_environment
from handbook_engine.pages.handbook_pages import Languages
from handbook_engine.cli.handbook_project import ROOT, Handbook, UsageError

PREVIEW_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")


def required_files(languages: Languages) -> list[str]:
    """What a release must hold: each language's home page, search index, feed and PDF, and review.json.
    (The build's version.json is checked, and taken out, when the version is kept.)"""
    roots = [published_files.language_root(language, languages.default) for language in languages.all]
    names = ("index.html", "search/search_index.json", published_files.FEED, published_files.PDF)
    return [f"{root}{name}" for root in roots for name in names] + ["review.json"]


def source_commit(root: Path) -> tuple[str, str | None]:
    """The commit being published and its time in seconds, from HEAD alone (a shallow clone has it)."""
    try:
        result = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%h %ct", "--abbrev=12"],
                                capture_output=True, text=True, check=True)
        commit, seconds = result.stdout.split()
    except (OSError, ValueError, subprocess.CalledProcessError):
        return "unknown", None
    return commit, seconds


def strict_build(config_path: Path, epoch: str | None, extra_env: dict[str, str] | None = None) -> Callable[[Path], bool]:
    """A strict build and its PDFs into a given folder; the commit time makes its archives reproducible."""
    env = build_environment(extra_env)
    if epoch and "SOURCE_DATE_EPOCH" not in env:
        env["SOURCE_DATE_EPOCH"] = epoch

    def build(site: Path) -> bool:
        # No --quiet: it drops warnings before --strict counts them, and the build passes.
        # Without the Git history the build warns, so a shallow clone is not published.
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config_path), "-d", str(site)]
        if subprocess.run(command, env=env).returncode != 0:
            return False
        return subprocess.run([sys.executable, str(ROOT / "scripts" / "handbook_pdf.py"), str(site)], env=env).returncode == 0
    return build


def check_record(target: Path) -> None:
    """The build reads the versions recorded in `target`: one that cannot be read is named before a build is spent
    on it (the build would stop on it too). Raise PublishError."""
    try:
        policy_versions.load(version_archive.folder(target) / policy_versions.VERSIONS_FILE)
    except policy_versions.VersionsError as error:
        raise releases.PublishError(str(error)) from None


def release_name(commit: str) -> str:
    """A release's folder name: the time now and the commit, like 20261124T130000Z-0123456789ab."""
    return f"{dt.datetime.now(dt.timezone.utc).strftime('%Y%m%dT%H%M%SZ')}-{commit}"


def run_publish(args: argparse.Namespace, handbook: Handbook) -> int:
    target = args.to.resolve()
    try:
        if args.rollback:
            name = releases.rollback(target)
            print(f"{target}/current -> releases/{name} (rolled back)")
            return 0
        check_record(target)
        commit, epoch = source_commit(handbook.root)
        kept: list[policy_versions.PolicyVersion] = []

        def keep_version(site: Path) -> None:
            try:
                kept.extend(filter(None, [version_archive.keep(target, site, handbook.languages.all)]))
            except version_archive.ArchiveError as error:
                raise releases.PublishError(f"the version could not be kept: {error}") from None

        build = strict_build(handbook.config_path, epoch, {policy_versions.ARCHIVE_VARIABLE: str(version_archive.folder(target))})
        name = releases.publish(target, release_name(commit), build, required_files(handbook.languages), args.keep, keep_version)
    except releases.PublishError as error:
        print(f"{target}: not published: {error}; current still serves {releases.current(target) or 'nothing'}")
        return 1
    print(f"{target}/current -> releases/{name}")
    for version in kept:
        print(f"{version_archive.folder(target)}/{version.id}: version {version.id}, in force from {version.in_force_from.isoformat()}")
    return 0


def run_preview(args: argparse.Namespace, handbook: Handbook) -> int:
    target = args.to.resolve()
    if not PREVIEW_NAME.fullmatch(args.name):
        raise UsageError(f"--name {args.name!r}: expected lower-case letters, digits and dashes, like 'pr-12' or a branch's slug")
    if args.remove:
        removed = releases.remove_preview(target, args.name)
        print(f"{target}/{releases.PREVIEWS}/{args.name}: {'removed' if removed else 'there was no such preview'}")
        return 0
    address = f"{handbook.site_url.rstrip('/')}/{releases.PREVIEWS}/{args.name}/"
    commit, epoch = source_commit(handbook.root)
    # The preview shows the version its change would make, next to those published.
    build = strict_build(handbook.config_path, epoch, {"HANDBOOK_PREVIEW": args.name, "HANDBOOK_SITE_URL": address,
                                                       policy_versions.ARCHIVE_VARIABLE: str(version_archive.folder(target))})
    preview = releases.preview_target(target, args.name)
    try:
        check_record(target)
        releases.publish(preview, release_name(commit), build, required_files(handbook.languages), keep=1,
                         before_switch=version_archive.drop_record)
    except releases.PublishError as error:
        print(f"{target}/{releases.PREVIEWS}/{args.name}: not published: {error}")
        return 1
    releases.link_preview(target, args.name)
    print(f"Preview of {commit}: {address}")
    return 0
