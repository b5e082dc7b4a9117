"""The commands that put a build online: publish (a strict build with its PDFs, verified, then
switched to atomically; or a rollback) and preview (a branch's build beside the published site).
The releases' folders are releases.py's; the version a publish makes and the archive it is kept
in, version_archive.py's: both are worked out and written here, around the build, which only
shows the versions it is given. While a version is upcoming, a publish builds the site from the
version in force (in_force_tree.py) and, when it makes the upcoming version, that version's own
build for its PDFs; a preview always shows the commit it was made of."""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from handbook_engine.history import git_history
from handbook_engine.pages import review_rules
from handbook_engine.settings import site_config
from handbook_engine.yaml_source import SettingError
from handbook_engine.versions import policy_versions
from handbook_engine.site import published_files
from handbook_engine.publishing import releases
from handbook_engine.publishing.in_force_tree import TreeError, in_force_tree
from handbook_engine.versions import version_archive
from handbook_engine.versions import version_changes
from handbook_engine.languages import site_languages
from handbook_engine.mail import owner_mail
from handbook_engine.publishing.build_environment import build_environment
from handbook_engine.languages.page_languages import Languages
from handbook_engine.cli.handbook_project import ROOT, Handbook, UsageError, today_for

PREVIEW_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
SITE_URL_VARIABLE = "HANDBOOK_SITE_URL"
# A preview's name, and the id of the version its commit would make (engine.yml's extra.preview, extra.preview_version).
PREVIEW_VARIABLE = "HANDBOOK_PREVIEW"
PREVIEW_VERSION_VARIABLE = "HANDBOOK_PREVIEW_VERSION"


def required_files(languages: Languages) -> list[str]:
    """What a release must hold: each language's home page, search index, feed and PDF, and review.json."""
    roots = [published_files.language_root(language, languages.default) for language in languages.all]
    names = ("index.html", "search/search_index.json", published_files.FEED, published_files.PDF)
    return [f"{root}{name}" for root in roots for name in names] + ["review.json"]


def site_address(handbook: Handbook, environ: Mapping[str, str] = os.environ) -> str:
    """The address the site is published at; a UsageError while it would be `make serve`'s loopback default.

    The address goes into every canonical link, sitemap, feed id and PDF cover. It is HANDBOOK_SITE_URL (or a
    site_url that mkdocs.yml writes out); without either, engine.yml's default is the loopback address of
    `make serve`, which a publish would print silently on every page. Set on purpose, any address is taken:
    the tests publish to nginx on loopback.
    """
    address = handbook.site_url
    if environ.get(SITE_URL_VARIABLE, "").strip() or not _loopback(address):
        return address
    raise UsageError(f"{SITE_URL_VARIABLE} is not set: set it to the address readers open the handbook at, like "
                     f"{SITE_URL_VARIABLE}=https://intranet.example.org/handbook/ (the pipelines set it); without it the "
                     f"canonical links, sitemaps, feeds and PDFs would name {address}, the address of make serve on this machine")


def _loopback(address: str) -> bool:
    """Whether `address` names no host or this machine (localhost, 127.0.0.0/8, ::1)."""
    host = urlsplit(address).hostname
    if not host or host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name
        return False


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


def release_name(commit: str) -> str:
    """A release's folder name: the time now and the commit, like 20261124T130000Z-0123456789ab."""
    return f"{dt.datetime.now(dt.timezone.utc).strftime('%Y%m%dT%H%M%SZ')}-{commit}"


def version_build_of(site: Path) -> Path:
    """Where an upcoming version's own build goes, beside the release's staging folder (`.staging-<name>.version`): a
    publisher killed meanwhile leaves it to the next one, which clears every staging folder (releases.py)."""
    return site.with_name(site.name + ".version")


def versioned_build(handbook: Handbook, archive_of: Path, epoch: str | None, extra_env: dict[str, str],
                    made: list[version_archive.Publication], publishing: bool = False) -> Callable[[Path], bool]:
    """A strict build with its PDFs that shows the version publishing the commit checked out today makes against
    the archive of `archive_of`; that version is worked out when the build starts (under the publish lock) and
    added to `made`. A wrong trailer or a lost commit stops it (PublishError), naming the commit.

    When `publishing`, while a version is upcoming the site is built from the version in force
    (`Publication.shows`), and a version this publish makes is first built beside it (`version_build_of`) for its
    PDFs. A preview's site is the commit checked out."""
    today = today_for(handbook)

    def build(site: Path) -> bool:
        settings = handbook.settings
        try:
            history = git_history.read_as_configured(handbook.docs_dir, settings.timezone, os.environ, settings.history_since)
            publication = version_archive.pending(archive_of, handbook.docs_dir, handbook.languages, settings, handbook.scan(today),
                                                  history, today)
        except git_history.SinceError as error:  # a commit this clone lacks: a mistake in mkdocs.yml
            mistake = SettingError(f"{review_rules.SETTINGS_KEY}.history_since", str(error))
            raise releases.PublishError(str(site_config.located(handbook.config_name, handbook.config, mistake))) from None
        except (ValueError, git_history.HistoryError, version_archive.ArchiveError) as error:
            raise releases.PublishError(str(error)) from None
        made.append(publication)
        for note in publication.notes:
            print(f"note: {note}")
        # A preview keeps nothing: the version it would make has only the preview's own PDFs.
        own = {PREVIEW_VERSION_VARIABLE: publication.version.id} if PREVIEW_VARIABLE in extra_env and publication.version else {}
        with tempfile.TemporaryDirectory(prefix="handbook-versions-") as folder:
            env = {**extra_env, **own,
                   policy_versions.SHOWN_VARIABLE: str(version_archive.shown(publication, Path(folder) / policy_versions.VERSIONS_FILE))}
            if not publishing or publication.shows is None:
                return strict_build(handbook.config_path, epoch, env)(site)
            if publication.version is not None and not strict_build(handbook.config_path, epoch, env)(version_build_of(site)):
                shutil.rmtree(version_build_of(site), ignore_errors=True)
                return False
            try:
                with in_force_tree(handbook.root, handbook.config_path, publication.shows.commit,
                                   site.with_name(site.name + ".in-force")) as config_path:
                    if strict_build(config_path, source_commit(config_path.parent)[1], env)(site):
                        return True
            except TreeError as error:
                shutil.rmtree(version_build_of(site), ignore_errors=True)
                raise releases.PublishError(f"the pages of the version in force, {publication.shows.id}, could not be checked out: {error}") from None
            shutil.rmtree(version_build_of(site), ignore_errors=True)
            return False
    return build


def marked_changes_of(handbook: Handbook, below_root: int = 2) -> Callable[[policy_versions.PolicyVersion, policy_versions.Record],
                                                                          dict[str, bytes]]:
    """The files of a version's marked-up changes against the record before it, made from this clone's Git on the
    day it is published, for a folder `below_root` folders below the site root (version_changes.render); a version's
    commit this clone lacks stops the publish (ArchiveError)."""
    def changes(version: policy_versions.PolicyVersion, record: policy_versions.Record) -> dict[str, bytes]:
        try:
            return version_changes.pages(version, record, today_for(handbook), handbook.docs_dir, handbook.languages,
                                         handbook.config.data.get("markdown_extensions"), owner_mail.environment(handbook.theme_dir, handbook.labels()),
                                         handbook.theme_dir, site_languages.site_names_in_file(handbook.config.data, handbook.languages),
                                         below_root)
        except git_history.HistoryError as error:
            raise version_archive.ArchiveError(f"the marked-up changes of {version.id} could not be made: {error}") from None
    return changes


def run_publish(args: argparse.Namespace, handbook: Handbook) -> int:
    target = args.to.resolve()
    try:
        if args.rollback:
            name = releases.rollback(target)
            print(f"{target}/current -> releases/{name} (rolled back)")
            return 0
        site_address(handbook)
        version_archive.recorded(target)  # one that cannot be read is named before a build is spent on it
        commit, epoch = source_commit(handbook.root)
        made: list[version_archive.Publication] = []
        kept: list[policy_versions.PolicyVersion] = []

        def keep_version(site: Path) -> None:
            publication = made[-1]
            # An upcoming version's PDFs come from its own build; the site shows the version in force.
            built = version_build_of(site) if publication.shows is not None else site
            try:
                kept.extend(filter(None, [version_archive.keep(target, built, handbook.languages.all, publication,
                                                               marked_changes_of(handbook))]))
            except version_archive.ArchiveError as error:
                raise releases.PublishError(f"the version could not be kept: {error}") from None
            finally:
                shutil.rmtree(version_build_of(site), ignore_errors=True)

        build = versioned_build(handbook, target, epoch, {}, made, publishing=True)
        name = releases.publish(target, release_name(commit), build, required_files(handbook.languages), args.keep, keep_version)
    except (releases.PublishError, version_archive.ArchiveError) as error:
        print(f"{target}: not published: {error}; current still serves {releases.current(target) or 'nothing'}")
        return 1
    print(f"{target}/current -> releases/{name}")
    today = today_for(handbook)
    for version in kept:
        kind = f" ({policy_versions.EDITORIAL}: not announced)" if version.kind == policy_versions.EDITORIAL else ""
        upcoming = " (upcoming: the site shows the version in force until then)" if version.upcoming(today) else ""
        print(f"{version_archive.folder(target)}/{version.id}: version {version.id}, "
              f"in force from {version.in_force_from.isoformat()}{kind}{upcoming}")
    if made and made[-1].shows is not None and not kept:
        print(f"The site shows version {made[-1].shows.id}, in force; {made[-1].shown.upcoming_on(today).id} comes into force "
              f"on {made[-1].shown.upcoming_on(today).in_force_from.isoformat()}")
    return 0


def run_preview(args: argparse.Namespace, handbook: Handbook) -> int:
    target = args.to.resolve()
    if not PREVIEW_NAME.fullmatch(args.name):
        raise UsageError(f"--name {args.name!r}: expected lower-case letters, digits and dashes, like 'pr-12' or a branch's slug")
    if args.remove:
        removed = releases.remove_preview(target, args.name)
        print(f"{target}/{releases.PREVIEWS}/{args.name}: {'removed' if removed else 'there was no such preview'}")
        return 0
    address = f"{site_address(handbook).rstrip('/')}/{releases.PREVIEWS}/{args.name}/"
    commit, epoch = source_commit(handbook.root)
    # The preview shows the version its change would make, next to those published, and keeps nothing.
    made: list[version_archive.Publication] = []
    build = versioned_build(handbook, target, epoch, {PREVIEW_VARIABLE: args.name, SITE_URL_VARIABLE: address}, made)
    changes = marked_changes_of(handbook, below_root=0)

    def build_with_changes(site: Path) -> bool:
        """The preview's site, with the marked-up changes of the version it would make at its root, beside its own
        PDFs: what a page owner approving the change reads."""
        if not build(site):
            return False
        publication = made[-1]
        if publication.version is not None:
            try:
                files = changes(publication.version, replace(publication.recorded, versions_page=publication.versions_page))
            except version_archive.ArchiveError as error:
                raise releases.PublishError(str(error)) from None
            for name, content in files.items():
                (site / name).parent.mkdir(parents=True, exist_ok=True)
                (site / name).write_bytes(content)
        return True

    preview = releases.preview_target(target, args.name)
    try:
        version_archive.recorded(target)
        releases.publish(preview, release_name(commit), build_with_changes, required_files(handbook.languages), keep=1)
    except (releases.PublishError, version_archive.ArchiveError) as error:
        print(f"{target}/{releases.PREVIEWS}/{args.name}: not published: {error}")
        return 1
    releases.link_preview(target, args.name)
    print(f"Preview of {commit}: {address}")
    return 0
