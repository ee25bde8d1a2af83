"""player/ui/html_reading.py: html.parser's reading of a question's HTML, in linear time.

CPython 3.11.7's html.parser searched the rest of the text once for each construct left
unterminated ("<!--", "</", "<a " without their end): 20 KB of "<a " took 20 s to sanitize on
the UI thread. No clock here: the characters html.parser's patterns and searches go over are
counted (`_count_work`), and must grow as the text does; the reading is checked against
html.parser's own, event by event."""

from __future__ import annotations

import _markupbase
import html.parser
import random
import re
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest

from player.ui import html_reading, question_text
from player.ui.html_reading import LinearHTMLParser
from player.ui.question_text import sanitize_html

# Constructs html.parser leaves open, each repeated to make a text (the task's list, and the
# ones a quoted value or a marked section keeps open while ">" follow).
OPEN_CONSTRUCTS = [
    "<!--",
    "<!-- x >",
    "</",
    "</a ",
    "<a ",
    "<a<a",
    "<a x='>' ",
    '<a x="',
    """<a x="'>" <b y='"'>""",
    "<![CDATA[",
    "<![CDATA[ ]>",
    "<![if ",
    "<?",
    "<!",
    "<!x",
    "<!doctype ",
    # Linear before too (the alternate quotes above as well): kept so they stay so.
    "&#",
    "< ",
    "<",
    "<a\x00",
    # Left open (its NUL an attribute after the quote): "&lt;" at close(), or close() searched
    # the rest of the text for a ">" once for each.
    "<a'\x00",
]


class _Events:
    """What a parser reported, adjacent data joined (html.parser splits it where it likes)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, Any]] = []

    def add(self, kind: str, value: Any) -> None:
        if kind == "data" and self.events and self.events[-1][0] == "data":
            self.events[-1] = ("data", self.events[-1][1] + value)
        else:
            self.events.append((kind, value))


def _recording(base: type[HTMLParser]) -> type[HTMLParser]:
    class Recording(base):  # type: ignore[valid-type, misc]
        def __init__(self) -> None:
            super().__init__()
            self.seen = _Events()

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.seen.add("start", (tag, tuple(attrs)))

        def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.seen.add("startend", (tag, tuple(attrs)))

        def handle_endtag(self, tag: str) -> None:
            self.seen.add("end", tag)

        def handle_data(self, data: str) -> None:
            self.seen.add("data", data)

        def handle_comment(self, data: str) -> None:
            self.seen.add("comment", data)

        def handle_decl(self, decl: str) -> None:
            self.seen.add("decl", decl)

        def handle_pi(self, data: str) -> None:
            self.seen.add("pi", data)

        def unknown_decl(self, data: str) -> None:
            self.seen.add("unknown_decl", data)

    return Recording


_STOCK = _recording(HTMLParser)
_LINEAR = _recording(LinearHTMLParser)


def _read(parser_class: type[HTMLParser], text: str) -> list[tuple[str, Any]]:
    parser = parser_class()
    parser.feed(text)
    parser.close()
    return parser.seen.events  # type: ignore[attr-defined, no-any-return]


class _Work:
    chars = 0


class _Counted(str):
    """A text whose find() counts the characters it goes over."""

    work = _Work()

    def find(self, sub: str, start: Any = None, end: Any = None) -> int:  # type: ignore[override]
        at = str.find(self, sub, start, end)
        first = start or 0
        last = len(self) if end is None else end
        self.work.chars += (at + len(sub) - first) if at >= 0 else (last - first)
        return at


class _CountingPattern:
    """A pattern counting what it goes over: a match to its end, a failed search to the end."""

    def __init__(self, pattern: re.Pattern[str], work: _Work) -> None:
        self._pattern = pattern
        self._work = work

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        found = self._pattern.match(string, pos, endpos)
        self._work.chars += found.end() - pos if found else 1
        return found

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Any:
        found = self._pattern.search(string, pos, endpos)
        self._work.chars += (found.end() if found else min(endpos, len(string))) - pos
        return found

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[Any]:
        self._work.chars += len(string) - pos
        return self._pattern.finditer(string, pos, endpos)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        self._work.chars += len(string)
        return self._pattern.sub(repl, string, count)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)


class _CountingParser(LinearHTMLParser):
    def goahead(self, end: bool) -> None:  # type: ignore[override]
        self.rawdata = _Counted(self.rawdata)
        super().goahead(end)


def _counting(monkeypatch: pytest.MonkeyPatch) -> _Work:
    """Every pattern of html.parser, _markupbase and html_reading counted, and every find() on
    a `_Counted` text."""
    work = _Work()
    monkeypatch.setattr(_Counted, "work", work)
    for module in (html.parser, _markupbase, html_reading):
        for name, value in list(vars(module).items()):
            if isinstance(value, re.Pattern):
                monkeypatch.setattr(module, name, _CountingPattern(value, work))
    return work


@pytest.fixture
def count_work(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The characters read to read a text with LinearHTMLParser."""
    work = _counting(monkeypatch)

    def count(text: str) -> int:
        work.chars = 0
        parser = _CountingParser()
        parser.feed(text)
        parser.close()
        return work.chars

    return count


@pytest.fixture
def count_sanitizing(monkeypatch: pytest.MonkeyPatch) -> Any:
    """The characters read to sanitize a text, whatever parser `_Sanitizer` reads with."""
    work = _counting(monkeypatch)
    goahead = question_text._Sanitizer.goahead

    def counted_goahead(parser: HTMLParser, end: bool) -> None:
        parser.rawdata = _Counted(parser.rawdata)
        goahead(parser, end)

    monkeypatch.setattr(question_text._Sanitizer, "goahead", counted_goahead)

    def count(text: str) -> int:
        work.chars = 0
        sanitize_html(text)
        return work.chars

    return count


@pytest.mark.parametrize("construct", OPEN_CONSTRUCTS)
def test_a_construct_left_open_costs_what_its_text_does(count_work: Any, construct: str) -> None:
    """Twice the text, about twice the reading (4 times, each construct searching the rest of
    the text, before html_reading: 20 KB of "<a " took 20 s, 40 KB of "<a x='>' " 14 s)."""
    short = count_work("Quelle ville ? " + construct * 400)
    long = count_work("Quelle ville ? " + construct * 800)
    assert long < 3 * short, (construct, short, long)


@pytest.mark.parametrize("construct", OPEN_CONSTRUCTS)
def test_sanitize_html_costs_what_its_text_does(count_sanitizing: Any, construct: str) -> None:
    """The same through sanitize_html, so that its parser is the linear one (review r2: with
    _Sanitizer reading with HTMLParser again, the test above still passed)."""
    short = count_sanitizing("Quelle ville ? " + construct * 400)
    long = count_sanitizing("Quelle ville ? " + construct * 800)
    assert long < 3 * short, (construct, short, long)


def test_the_shortcuts_are_taken_where_html_parser_reads_open_ends_as_text() -> None:
    """Where html.parser reads an unterminated construct at the end as text, it is the
    quadratic one the shortcuts are for, and they must be on (this venv's 3.11.7): a check
    turned wrong (a pattern miscopied, a name no longer read) would turn them off without a
    word, and each "<a " of a question searched the rest of its text again. A version number
    is not asked: a distribution's 3.11.2 may hold the 2025 fixes. A Python holding only
    gh-102555's comment reading fails here, rightly: quadratic still, the shortcuts off."""
    if html_reading._reads_open_ends_as_text():
        assert html_reading.SHORTCUTS


def _parse_comment_of_gh_102555(parser: HTMLParser, i: int, report: int = 1) -> int:
    """HTMLParser's own parse_comment, as gh-102555 added it: "--!>" ends a comment too."""
    end = re.compile(r"--!?>").search(parser.rawdata, i + 4)
    if end is None:
        return -1
    if report:
        parser.handle_comment(parser.rawdata[i + 4 : end.start()])
    return end.end()


def test_an_html_parser_reading_comments_its_own_way_turns_the_shortcuts_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A CPython with gh-102555's parse_comment and not yet the fix of the text's end (its
    patterns and its end as before): the comment shortcut would read "<!-- x --!>" as text
    (review r2). Both the method's check and the samples read at import say so."""
    monkeypatch.setattr(HTMLParser, "parse_comment", _parse_comment_of_gh_102555)
    assert not html_reading._known_reading()
    assert not html_reading._reads_as_html_parser()


def test_a_start_tag_check_of_another_python_turns_the_shortcuts_off(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The 2025 fixes keep locatestarttagend_tolerant (its pattern as before) but read tags
    with locatetagend: the method is checked, not only the patterns."""
    known = HTMLParser.check_for_whole_start_tag

    def check_for_whole_start_tag(parser: HTMLParser, i: int) -> int:
        return known(parser, i)

    monkeypatch.setattr(HTMLParser, "check_for_whole_start_tag", check_for_whole_start_tag)
    assert not html_reading._known_reading()


@pytest.mark.parametrize(
    ("name", "wrong"),
    [
        ("_UNFINISHED_TAG_NEXT_SET", frozenset()),
        ("_TAG_START", re.compile("<")),
        ("_TAG_NAME", re.compile(r"[a-zA-Z][^\t\n\r\f />]*")),
        ("_BEFORE_ATTRIBUTES", re.compile("")),
        ("_SECTIONS", frozenset({"if"})),
        ("_OFFICE_SECTIONS", frozenset({"cdata"})),
        ("_last_start", lambda pattern, text: -1),
        ("_tail_as_text", lambda rawdata: rawdata.replace("<", "&lt;")),
    ],
)
def test_a_shortcut_reading_otherwise_is_seen_at_import(
    monkeypatch: pytest.MonkeyPatch, name: str, wrong: Any
) -> None:
    """The samples read at import hold what each shortcut is for: one made wrong reads one of
    them otherwise than html.parser, and the shortcuts would be off."""
    assert html_reading._reads_as_html_parser()
    monkeypatch.setattr(html_reading, name, wrong)
    assert not html_reading._reads_as_html_parser()


def test_character_references_are_always_converted() -> None:
    """No convert_charrefs=False (review r2): the "<" after the text's last ">" are written
    "&lt;" to be read as text, which without conversion html.parser reports as the entity
    reference "lt", where it reported a "<" of data."""
    with pytest.raises(TypeError):
        LinearHTMLParser(convert_charrefs=False)  # type: ignore[call-arg]
    assert _read(_LINEAR, "a <!-- b") == [("data", "a <!-- b")]


HOSTILE = [
    *(construct * 3 for construct in OPEN_CONSTRUCTS),
    "a<!-- x > <b>gras</b> -- > y",
    "a<!-- x --> <b>gras</b>",
    "<a title='>' href=x>lien</a> <b>",
    "<a title='x>y'>lien</a> <a title='z",
    "<img alt=\"2 > 1\" src=x> <p title='a'b>c",
    "<script>x</script> <style>",
    "<![CDATA[ x ]> ]]> y <![CDATA[ z ]>",
    "<![if !supportLists]>1.<![endif]> <![if x]",
    "</a x='>'> </ b> </>",
    "<a\x00b> <a'\x00> <a \x00 <a&amp;\x00",
    "x <a b='&amp;' c=\"&lt;\" d=&gt;>y</a> <a b='&amp;",
    "<?php x ?> <? y",
    "<!DOCTYPE html> <!doctype",
    "<p>Quelle ville ?</p>\n<p><img alt='Carte'></p> <a x=\"'>\" <b y='\"'>z",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_the_reading_is_html_parser_s(text: str) -> None:
    assert _read(_LINEAR, text) == _read(_STOCK, text)


def test_random_texts_are_read_as_html_parser_reads_them() -> None:
    """Texts made of the pieces constructs are made of, read both ways (a marked section
    html.parser raises AssertionError on is left out)."""
    pieces = [
        *"<>/ab='\" \n!-?[]&#;\x00\t\u00a0",
        "--",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<![if",
        "]>",
        "&amp;",
        "&lt",
        "<a ",
        "</",
        "<script>",
        "</script>",
        "<!doctype",
        "x='>'",
        "<b>",
    ]
    chance = random.Random(20250617)
    compared = 0
    for _ in range(4000):
        text = "".join(chance.choice(pieces) for _ in range(chance.randint(1, 30)))
        try:
            expected = _read(_STOCK, text)
        except AssertionError:
            continue
        assert _read(_LINEAR, text) == expected, text
        compared += 1
    assert compared > 3000


class _StrictSections(LinearHTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.positions: list[tuple[str, tuple[int, int]]] = []

    def unknown_decl(self, data: str) -> None:
        raise AssertionError(f"a section: {data}")

    def handle_comment(self, data: str) -> None:
        self.positions.append((data, self.getpos()))

    def handle_data(self, data: str) -> None:
        self.positions.append((data, self.getpos()))


def test_a_subclass_s_assertion_in_a_marked_section_is_its_own() -> None:
    """Whether a marked section is one html.parser knows is decided before calling it: an
    AssertionError of a subclass's unknown_decl goes out (it was caught, and the section read
    as a bogus comment), and html.parser's name check no longer moves getpos (review r2)."""
    parser = _StrictSections()
    with pytest.raises(AssertionError, match=r"a section: CDATA\[ x "):
        parser.feed("a <![CDATA[ x ]]> b")
    parser = _StrictSections()
    parser.feed("a\n<![foo[ b > c <![ d > e")
    parser.close()
    assert parser.positions == [
        ("a\n", (1, 0)),
        ("[foo[ b ", (2, 0)),
        (" c ", (2, 11)),
        ("[ d ", (2, 14)),
        (" e", (2, 21)),
    ]


@pytest.mark.parametrize("text", ["<![", "<![CDATA", "<![foo", "<![if  "])
def test_a_marked_section_s_name_reaching_the_end_waits_for_more(text: str) -> None:
    """As html.parser's _scan_name: the name may go on in the next feed() (-1); at close()
    it is text."""
    parser = _StrictSections()
    parser.feed(text)
    assert parser.positions == []
    parser.close()
    assert "".join(data for data, _ in parser.positions) == text


@pytest.mark.parametrize(
    ("fragment", "sanitized"),
    [
        ("a <![foo[ b > c", "a  c"),
        ("a <![ b ]> c", "a  c"),
        ("a <![foo[ b", "a &lt;![foo[ b"),
        ("a <![CDATA[ b ]]> c", "a  c"),  # as before
    ],
)
def test_a_marked_section_html_parser_does_not_know_is_a_comment(
    fragment: str, sanitized: str
) -> None:
    """html.parser raised AssertionError on "<![" followed by no name or an unknown one: the
    question could not be shown. It is a bogus comment up to its ">", as HTML5 reads it (and
    html.parser since its 2025 fixes); one that no ">" ends is text, as any other."""
    assert sanitize_html(fragment) == sanitized


@pytest.mark.parametrize(
    ("fragment", "sanitized"),
    [
        # The learner sees the question, as before: what html.parser reads as text is shown.
        (
            "Quelle <a href=\"x\" title='>' ville ?",
            "Quelle &lt;a href=\"x\" title='&gt;' ville ?",
        ),
        ("<p>Quelle ville ?<!-- note > </p>", "<p>Quelle ville ?&lt;!-- note &gt; </p>"),
        ("2 </ 3 et <a 4", "2 &lt;/ 3 et &lt;a 4"),
    ],
)
def test_a_question_left_open_is_shown(fragment: str, sanitized: str) -> None:
    assert sanitize_html(fragment) == sanitized
