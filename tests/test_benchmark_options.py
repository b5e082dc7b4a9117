"""scripts/benchmark.py's sizes: --pages 0 skips the build table, as 0 skips the other measurements; a 0 among
other sizes, a negative size or a word is a usage error naming the value, before anything is built."""

from __future__ import annotations

import runpy

import pytest

from handbook_engine import REPOSITORY

benchmark = runpy.run_path(str(REPOSITORY / "scripts" / "benchmark.py"), run_name="benchmark")


@pytest.mark.parametrize(("text", "counts"), [("0", []), ("10", [10]), ("10,100,300", [10, 100, 300])])
def test_page_counts(text, counts):
    assert benchmark["page_counts"](text) == counts


@pytest.mark.parametrize(("text", "message"), [
    ("0,100", "'0,100': a handbook has at least 1 page per language; 0 alone skips the builds"),
    ("-5", "'-5': a handbook has at least 1 page per language; 0 alone skips the builds"),
    ("tien", "'tien': expected whole numbers separated by commas, like 10,100,300"),
])
def test_wrong_page_counts_are_a_usage_error_naming_the_value(text, message, capsys):
    with pytest.raises(SystemExit) as stopped:
        benchmark["main"](["--pages", text])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1].endswith(f": error: argument --pages: {message}")


def test_with_every_size_zero_nothing_is_measured(capsys):
    assert benchmark["main"](["--pages", "0", "--tools-pages", "0", "--history-pages", "0", "--pdf-pages", "0", "--preview-pages", "0"]) == 0
    assert capsys.readouterr().out == ""
