"""Tests of hooks/front_matter.py: parse, read and set_value."""

from __future__ import annotations

import datetime as dt
import string

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from handbook_engine.pages import front_matter
from handbook_engine.pages.front_matter import FrontMatter
from handbook_engine.pages.review_rules import Problem

FIELD = "front matter"
MISSING = "missing; expected the page to start with a '---' line, then title, description, owner and last_reviewed, then '---'"
UNCLOSED = "the opening '---' has no closing '---' line"
# libyaml (CSafeLoader) and pure-Python PyYAML word this error differently.
MAPPING_VALUES = (
    "mapping values are not allowed in this context" if hasattr(yaml, "CSafeLoader") else "mapping values are not allowed here"
)

PAGE = (
    "---\n"
    "title: Regels\n"
    "description: Wat er geldt\n"
    "# wie en wanneer\n"
    "owner: HR en Communicatie\n"
    "last_reviewed: 2026-03-12\n"
    "review_interval: 12\n"
    "tags:\n"
    "  - beleid\n"
    "extra:\n"
    "  nested: x\n"
    "---\n"
    "\n"
    "Tekst.\n"
    "owner: dit is de body\n"
)


# --- parse -----------------------------------------------------------------


def test_parse_valid_block():
    assert front_matter.parse(PAGE) == FrontMatter(
        data={
            "title": "Regels",
            "description": "Wat er geldt",
            "owner": "HR en Communicatie",
            "last_reviewed": "2026-03-12",
            "review_interval": 12,
            "tags": ["beleid"],
            "extra": {"nested": "x"},
        },
        key_lines={"title": 2, "description": 3, "owner": 5, "last_reviewed": 6, "review_interval": 7, "tags": 8, "extra": 10},
        body_line=13,
        problems=(),
    )


def test_line_of_a_missing_key_is_the_opening_fence():
    matter = front_matter.parse(PAGE)
    assert (matter.line_of("last_reviewed"), matter.line_of("nested"), matter.line_of("status")) == (6, 1, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "---\r\ntitle: T\r\nlast_reviewed: 2026-03-12\r\n---\r\nBody\r\n",
            FrontMatter({"title": "T", "last_reviewed": "2026-03-12"}, {"title": 2, "last_reviewed": 3}, 5),
            id="crlf",
        ),
        pytest.param(
            "\ufeff---\ntitle: T\nowner: HR\n---\nBody\n",
            FrontMatter({"title": "T", "owner": "HR"}, {"title": 2, "owner": 3}, 5),
            id="bom",
        ),
        pytest.param(
            "\ufeff---\r\ntitle: T\r\n---\r\n",
            FrontMatter({"title": "T"}, {"title": 2}, 4),
            id="bom-and-crlf",
        ),
        pytest.param(
            "--- \ntitle: T\n...\nBody\n",
            FrontMatter({"title": "T"}, {"title": 2}, 4),
            id="fence-with-space-and-dots-closing",
        ),
        pytest.param("---\n---\nBody\n", FrontMatter({}, {}, 3), id="empty-block"),
        pytest.param("---\ntitle: T\n---", FrontMatter({"title": "T"}, {"title": 2}, 4), id="closing-fence-without-newline"),
        pytest.param(
            "---\nlast_reviewed: 2026-02-30\n---\n",
            FrontMatter({"last_reviewed": "2026-02-30"}, {"last_reviewed": 2}, 4),
            id="impossible-date-stays-a-string",
        ),
        pytest.param(
            "---\nlast_reviewed: '2026-03-12'\nreview_interval: 6\n---\n",
            FrontMatter({"last_reviewed": "2026-03-12", "review_interval": 6}, {"last_reviewed": 2, "review_interval": 3}, 5),
            id="quoted-date",
        ),
        pytest.param(
            "---\nlast_reviewed: 2026-03-12 10:00:00\n---\n",
            FrontMatter({"last_reviewed": "2026-03-12 10:00:00"}, {"last_reviewed": 2}, 4),
            id="datetime-stays-a-string",
        ),
    ],
)
def test_parse_variants(text, expected):
    assert front_matter.parse(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("# Titel\n\nTekst.\n", FrontMatter(problems=(Problem(FIELD, MISSING, 1),)), id="no-front-matter"),
        pytest.param("", FrontMatter(problems=(Problem(FIELD, MISSING, 1),)), id="empty-file"),
        pytest.param("\n---\ntitle: T\n---\n", FrontMatter(problems=(Problem(FIELD, MISSING, 1),)), id="blank-line-before-fence"),
        pytest.param("----\ntitle: T\n----\n", FrontMatter(problems=(Problem(FIELD, MISSING, 1),)), id="four-dashes"),
        pytest.param("---\ntitle: T\n\nTekst.\n", FrontMatter(problems=(Problem(FIELD, UNCLOSED, 1),)), id="unclosed"),
        pytest.param("---\n", FrontMatter(problems=(Problem(FIELD, UNCLOSED, 1),)), id="only-a-fence"),
        pytest.param(
            "---\n- title\n- owner\n---\n",
            FrontMatter(body_line=5, problems=(Problem(FIELD, "[title, owner] is a list; expected 'key: value' lines", 2),)),
            id="a-list",
        ),
        pytest.param(
            "---\njust some text\n---\n",
            FrontMatter(body_line=4, problems=(Problem(FIELD, "'just some text' is text; expected 'key: value' lines", 2),)),
            id="a-string",
        ),
        pytest.param(
            "---\ntitle: T\ndescription: a: b\n---\n",
            FrontMatter(body_line=5, problems=(Problem(FIELD, f"not valid YAML ({MAPPING_VALUES}); expected 'key: value' lines", 3),)),
            id="colon-in-value",
        ),
        pytest.param(
            "---\ntitle: a: b\n---\n",
            FrontMatter(body_line=4, problems=(Problem(FIELD, f"not valid YAML ({MAPPING_VALUES}); expected 'key: value' lines", 2),)),
            id="colon-in-first-value",
        ),
        pytest.param(
            "\ufeff---\r\ntitle: T\r\nowner: HR\r\ndescription: a: b\r\n---\r\n",
            FrontMatter(body_line=6, problems=(Problem(FIELD, f"not valid YAML ({MAPPING_VALUES}); expected 'key: value' lines", 4),)),
            id="colon-in-value-bom-crlf",
        ),
    ],
)
def test_parse_problems(text, expected):
    assert front_matter.parse(text) == expected


def test_parse_invalid_yaml_reason_is_quoted_from_the_parser():
    matter = front_matter.parse("---\ntitle: T\nowner: [HR\nlast_reviewed: 2026-03-12\n---\n")
    (problem,) = matter.problems
    assert problem.field == FIELD
    assert problem.message.startswith("not valid YAML (")
    assert problem.message.endswith("); expected 'key: value' lines")
    assert (matter.data, matter.key_lines, matter.body_line) == ({}, {}, 6)


def test_parse_unclosed_bracket_points_at_its_own_line():
    matter = front_matter.parse("---\ntitle: T\ndescription: [unclosed\n---\n")
    assert [problem.line for problem in matter.problems] == [3]


# --- read ------------------------------------------------------------------


def test_read_matches_parse(tmp_path):
    page = tmp_path / "regels.md"
    page.write_text(PAGE, encoding="utf-8", newline="")
    assert front_matter.read(page) == front_matter.parse(PAGE)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            b"\xef\xbb\xbf---\r\ntitle: T\r\nowner: HR\r\n---\r\nBody\r\n",
            FrontMatter({"title": "T", "owner": "HR"}, {"title": 2, "owner": 3}, 5),
            id="bom-crlf",
        ),
        pytest.param(b"Geen front matter\n", FrontMatter(problems=(Problem(FIELD, MISSING, 1),)), id="no-front-matter"),
        pytest.param(b"---\ntitle: T\n", FrontMatter(problems=(Problem(FIELD, UNCLOSED, 1),)), id="unclosed"),
    ],
)
def test_read_files(tmp_path, raw, expected):
    page = tmp_path / "page.md"
    page.write_bytes(raw)
    assert front_matter.read(page) == expected


def test_read_reports_bytes_that_are_not_utf8_with_their_line_and_keeps_the_front_matter(tmp_path):
    page = tmp_path / "page.md"
    page.write_bytes(b"---\ntitle: T\nowner: HR\n---\n\n\xff\xfe caf\xe9 in Latin-1\n")
    assert front_matter.read(page) == FrontMatter(
        {"title": "T", "owner": "HR"}, {"title": 2, "owner": 3}, 5,
        (Problem("encoding", "byte 0xff is not UTF-8 text (invalid start byte); save the page as UTF-8", 6),),
    )


def test_read_replaces_unreadable_bytes_in_the_front_matter(tmp_path):
    page = tmp_path / "page.md"
    page.write_bytes(b"---\ntitle: Caf\xe9\nowner: HR\n---\n")
    matter = front_matter.read(page)
    assert matter.data == {"title": "Caf\ufffd", "owner": "HR"}
    assert [(problem.field, problem.line) for problem in matter.problems] == [("encoding", 2)]


# --- keys given twice and key lines from the parser ---------------------------


def test_a_key_given_twice_is_a_problem_naming_both_lines():
    matter = front_matter.parse("---\ntitle: T\nowner: HR\nlast_reviewed: 2026-03-12\nowner: IT\n---\n")
    assert matter.problems == (
        Problem("owner", "given twice, on lines 3 and 5; keep the one that is meant and delete the other", 5),
    )
    assert matter.line_of("owner") == 3


def test_key_lines_come_from_the_parser_for_any_yaml():
    text = (
        "---\n"
        "title: >-\n  Een titel\n  over twee regels\n"
        "search: {boost: 2,\n  exclude: false}\n"
        "owner: &o HR\n"
        "'last_reviewed': 2026-03-12\n"
        "hide:\n  - toc\n"
        "---\n"
    )
    matter = front_matter.parse(text)
    assert matter.key_lines == {"title": 2, "search": 5, "owner": 7, "last_reviewed": 8, "hide": 9}
    assert matter.data["title"] == "Een titel over twee regels"


# --- set_value -------------------------------------------------------------

OLD, NEW = "2025-01-01", "2026-06-15"
BODY = "\nTekst.\nlast_reviewed: 1999-01-01\n"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"---\ntitle: T\nlast_reviewed: {OLD}\nowner: HR\n---\n{BODY}", id="plain"),
        pytest.param(f"---\ntitle: T\nlast_reviewed: {OLD}  # na de evaluatie\nowner: HR\n---\n{BODY}", id="comment"),
        pytest.param(f"---\ntitle: T\nlast_reviewed: '{OLD}'\nowner: HR\n---\n{BODY}", id="single-quotes"),
        pytest.param(f'---\ntitle: T\nlast_reviewed: "{OLD}"\nowner: HR\n---\n{BODY}', id="double-quotes"),
        pytest.param(f"---\ntitle: T\nlast_reviewed: '{OLD}' # it's \"quoted\"\n---\n", id="quotes-and-comment-with-quotes"),
        pytest.param(f"---\ntitle: T\nlast_reviewed: {OLD}   \nowner: HR\n---\n{BODY}", id="trailing-spaces"),
        pytest.param(f"---\ntitle: T\nlast_reviewed :\t{OLD}\n---\n", id="space-before-colon-tab-after"),
        pytest.param(f"---\nlast_reviewed: {OLD}\nreview_interval: 12\n---\n", id="first-key"),
        pytest.param(f"---\ntitle: T\nlast_reviewed: {OLD}\n---", id="last-key-no-final-newline"),
        pytest.param(
            f"---\r\ntitle: T\r\nlast_reviewed: '{OLD}'  # klaar\r\nowner: HR\r\n---\r\n\r\nlast_reviewed: 1999-01-01\r\n",
            id="crlf",
        ),
        pytest.param(f"\ufeff---\ntitle: T\nlast_reviewed: {OLD}\n---\n{BODY}", id="bom"),
        pytest.param(f"---\ntitle: T\ndescription: 'Sinds {OLD}'\nlast_reviewed: {OLD}\n---\n", id="same-date-in-another-key"),
    ],
)
def test_set_value_changes_only_the_value(text):
    position = text.index("last_reviewed", text.index("\n")) + len("last_reviewed")
    position = text.index(OLD, position)
    expected = text[:position] + NEW + text[position + len(OLD):]
    assert front_matter.set_value(text, "last_reviewed", NEW) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "---\ntitle: T\nowner: HR\n---\nBody\n",
            f"---\ntitle: T\nowner: HR\nlast_reviewed: {NEW}\n---\nBody\n",
            id="lf",
        ),
        pytest.param(
            "---\r\ntitle: T\r\nowner: HR\r\n---\r\nBody\r\n",
            f"---\r\ntitle: T\r\nowner: HR\r\nlast_reviewed: {NEW}\r\n---\r\nBody\r\n",
            id="crlf",
        ),
        pytest.param(
            "\ufeff---\ntitle: T\n---\n",
            f"\ufeff---\ntitle: T\nlast_reviewed: {NEW}\n---\n",
            id="bom",
        ),
        pytest.param("---\n---\n", f"---\nlast_reviewed: {NEW}\n---\n", id="empty-block"),
        pytest.param(
            "---\ntitle: T\n---\n\nlast_reviewed: 1999-01-01\n",
            f"---\ntitle: T\nlast_reviewed: {NEW}\n---\n\nlast_reviewed: 1999-01-01\n",
            id="key-only-in-body",
        ),
        pytest.param(
            "---\ntitle: T\ndescription: |\n  last_reviewed: 1999-01-01\n---\n",
            f"---\ntitle: T\ndescription: |\n  last_reviewed: 1999-01-01\nlast_reviewed: {NEW}\n---\n",
            id="key-only-inside-another-value",
        ),
        pytest.param(
            "---\ntitle: T\n# last_reviewed: 1999-01-01\n---\n",
            f"---\ntitle: T\n# last_reviewed: 1999-01-01\nlast_reviewed: {NEW}\n---\n",
            id="key-only-in-a-comment",
        ),
    ],
)
def test_set_value_adds_a_missing_key_before_the_closing_fence(text, expected):
    assert front_matter.set_value(text, "last_reviewed", NEW) == expected


def test_set_value_works_for_other_keys():
    text = "---\ntitle: T\nowner: 'HR'  # team\n---\n"
    assert front_matter.set_value(text, "owner", "Communicatie") == "---\ntitle: T\nowner: 'Communicatie'  # team\n---\n"


def test_set_value_result_parses_to_the_new_value():
    result = front_matter.set_value(f"---\ntitle: T\nlast_reviewed: \"{OLD}\" # x\n---\n", "last_reviewed", NEW)
    assert front_matter.parse(result).data == {"title": "T", "last_reviewed": NEW}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            f'---\ntitle: T\nlast_reviewed: "{OLD}\n  "\n---\n',
            "line 3: 'last_reviewed' is not a plain one-line value; change it by hand",
            id="quoted-over-two-lines",
        ),
        pytest.param(
            f"---\nlast_reviewed: '{OLD}\n  '\n---\n",
            "line 2: 'last_reviewed' is not a plain one-line value; change it by hand",
            id="single-quoted-over-two-lines",
        ),
        pytest.param("Geen front matter.\n", MISSING, id="no-front-matter"),
        pytest.param("---\ntitle: T\n", UNCLOSED, id="unclosed"),
    ],
)
def test_set_value_refuses(text, message):
    with pytest.raises(ValueError) as caught:
        front_matter.set_value(text, "last_reviewed", NEW)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(f"---\nlast_reviewed: |\n  {OLD}\nowner: HR\n---\n", id="literal-block"),
        pytest.param(f"---\nlast_reviewed: >-\n  {OLD}\nowner: HR\n---\n", id="folded-block"),
        pytest.param(f"---\nlast_reviewed: [{OLD},\n  2024-01-01]\nowner: HR\n---\n", id="flow-list-over-two-lines"),
    ],
)
def test_set_value_refuses_multi_line_values(text):
    with pytest.raises(ValueError, match="is not a plain one-line value"):
        front_matter.set_value(text, "last_reviewed", NEW)


def test_set_value_fills_an_empty_value():
    text = "---\ntitle: T\nlast_reviewed:\nowner: HR\n---\n"
    assert front_matter.set_value(text, "last_reviewed", NEW) == f"---\ntitle: T\nlast_reviewed: {NEW}\nowner: HR\n---\n"


def test_set_value_fills_an_empty_value_with_a_space():
    text = "---\ntitle: T\nlast_reviewed: \nowner: HR\n---\n"
    assert front_matter.set_value(text, "last_reviewed", NEW) == f"---\ntitle: T\nlast_reviewed: {NEW}\nowner: HR\n---\n"


# --- property: set_value changes the date and nothing else -------------------

KEY = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True).filter(lambda key: key != "last_reviewed")
VALUE = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9 ]{0,15}[A-Za-z0-9])?", fullmatch=True)
COMMENT_TEXT = st.text(alphabet=string.ascii_letters + string.digits + " '\"#:-éë", max_size=15)
DATE = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)).map(dt.date.isoformat)
BODY_LINE = st.one_of(
    st.sampled_from(["", "last_reviewed: 1999-01-01", "---", "# Kop", "Tekst met 'quotes' en \"meer\"."]),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=20),
)


@st.composite
def pages_with_a_date(draw):
    """(text, position of the old date in it, old date)."""
    ending = draw(st.sampled_from(["\n", "\r\n"]))
    keys = draw(st.lists(KEY, max_size=6, unique=True))
    split = draw(st.integers(0, len(keys)))

    def trailing_comment():
        return draw(st.sampled_from(["", " ", "  "])) + draw(st.one_of(st.just(""), COMMENT_TEXT.map(lambda c: " #" + c)))

    def key_lines(names):
        lines = []
        for name in names:
            if draw(st.booleans()):
                lines.append("#" + draw(COMMENT_TEXT) + ending)
            lines.append(f"{name}: {draw(VALUE)}{trailing_comment()}{ending}")
        return "".join(lines)

    text = draw(st.sampled_from(["", "\ufeff"])) + "---" + ending + key_lines(keys[:split])
    quote = draw(st.sampled_from(["", "'", '"']))
    old = draw(DATE)
    text += "last_reviewed" + draw(st.sampled_from([":", " :"])) + draw(st.sampled_from([" ", "  "])) + quote
    position = len(text)
    text += old + quote + trailing_comment() + ending
    text += key_lines(keys[split:]) + draw(st.sampled_from(["---", "..."])) + ending
    text += "".join(line + ending for line in draw(st.lists(BODY_LINE, max_size=5)))
    return text, position, old


@settings(max_examples=200, derandomize=True, deadline=None)
@given(page=pages_with_a_date(), new_date=DATE)
def test_set_value_replaces_exactly_the_old_date(page, new_date):
    text, position, old = page
    assert text[position:position + len(old)] == old
    result = front_matter.set_value(text, "last_reviewed", new_date)
    assert result == text[:position] + new_date + text[position + len(old):]
    matter = front_matter.parse(result)
    assert matter.problems == ()
    assert matter.data["last_reviewed"] == new_date


# --- property: no input ends in an exception --------------------------------


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda text: ("---\n" + text + "\n---\n").encode("utf-8", "surrogatepass")))
def test_read_never_raises(tmp_path_factory, raw):
    page = tmp_path_factory.mktemp("any") / "page.md"
    page.write_bytes(raw)
    matter = front_matter.read(page)
    assert isinstance(matter.data, dict)
    assert all(problem.line and problem.line >= 1 for problem in matter.problems)


def test_set_value_fills_an_empty_value_before_a_comment():
    text = "---\ntitle: T\nlast_reviewed:   # na de evaluatie\n---\n"
    assert front_matter.set_value(text, "last_reviewed", NEW) == f"---\ntitle: T\nlast_reviewed: {NEW}   # na de evaluatie\n---\n"
    assert front_matter.parse(front_matter.set_value(text, "last_reviewed", NEW)).data["last_reviewed"] == NEW


def test_set_value_refuses_a_key_given_twice():
    with pytest.raises(ValueError, match="given twice, on lines 2 and 4"):
        front_matter.set_value(f"---\nlast_reviewed: {OLD}\ntitle: T\nlast_reviewed: {OLD}\n---\n", "last_reviewed", NEW)
