"""Publishing and previews refuse to run without the site's address (issue 23 point 7): HANDBOOK_SITE_URL, or a
site_url that mkdocs.yml writes out; make serve's loopback default would go into every page, feed and PDF."""

from __future__ import annotations

import pytest
from conftest import materialise

from handbook_engine.cli import handbook
from handbook_engine.cli.handbook_project import UsageError, load_handbook
from handbook_engine.publishing import publishing


@pytest.fixture
def project(tmp_path):
    return materialise(tmp_path / "project", docs=False)


@pytest.mark.parametrize("command", [["publish"], ["preview", "--name", "pr-1"]])
def test_publish_and_preview_refuse_without_the_site_s_address_and_write_nothing(project, tmp_path, capsys, command):
    target = tmp_path / "www"
    assert handbook.main(["--config", str(project / "mkdocs.yml"), *command, "--to", str(target)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"handbook.py {command[0]}: HANDBOOK_SITE_URL is not set: set it to the address readers open the handbook at")
    assert "http://127.0.0.1:8000/, the address of make serve" in error
    assert not target.exists()


@pytest.mark.parametrize(("variable", "site_url", "address"), [
    (None, None, None),
    ("", None, None),
    (None, "http://localhost:8000/", None),
    (None, "http://[::1]:8000/", None),
    (None, "https://intranet.example/handboek/", "https://intranet.example/handboek/"),
    # Set on purpose, even to loopback: the tests publish to nginx on a loopback port.
    ("http://127.0.0.1:8123/", None, "http://127.0.0.1:8123/"),
    ("https://intranet.example/", None, "https://intranet.example/"),
])
def test_the_site_s_address_comes_from_the_variable_or_mkdocs_yml_never_the_default(project, monkeypatch, variable, site_url, address):
    if variable is not None:
        monkeypatch.setenv(publishing.SITE_URL_VARIABLE, variable)
    if site_url is not None:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text(encoding="utf-8") + f"\nsite_url: {site_url}\n", encoding="utf-8")
    handbook_project = load_handbook(project / "mkdocs.yml")
    if address is None:
        with pytest.raises(UsageError, match="HANDBOOK_SITE_URL is not set"):
            publishing.site_address(handbook_project)
    else:
        assert publishing.site_address(handbook_project) == address
