"""html.parser's reading of an HTML fragment, in time linear in its length.

CPython's html.parser before the fixes of CVE-2025-6069 (3.11.7 here; 3.11.9, python.org's last
3.11 installers, too) reads a construct left unterminated ("<!--" without "-->", "</" or "<a "
without ">", a quoted value swallowing every later ">") as text at close(), up to the next ">"
(or "<"), but only after searching the rest of the text for its end, once for each such
construct: 20 KB of "<a " took 20 s to sanitize, on the UI thread. `LinearHTMLParser` gives
the same reading with each of those searches answered once:

- after the text's last ">" no construct can end (each ends with a ">"), so each "<" there is
  text as html.parser reads it, and is written "&lt;" before close() reads it (`_tail_as_text`);
- a comment or a marked section ends only if its closing pattern matches after it: where the
  last match starts is found once per text (`_Scan`);
- a start tag's attributes are matched one by one with html.parser's own attribute pattern (the
  tag pattern's repeated part) and where each run of them ends is kept, so a later tag whose
  attributes join a run already read stops there (`_start_tag_end`).

The events are html.parser's, in the same order with the same values; only the data may arrive
cut in other pieces (html.parser cuts it where it likes: join adjacent data to compare).

Linear for a text given in one feed() and then close(), as sanitize_html does: each feed() makes
html.parser a new text to read from its first unterminated construct on, scanned again.

On a Python whose html.parser reads differently (the fixed ones end an unterminated construct at
the end of the text, linearly; one whose patterns or methods the shortcuts stand in for changed),
the shortcuts are off and html.parser reads alone (`SHORTCUTS`): the reading stays html.parser's
(but for a "<![" html.parser cannot read, see `LinearHTMLParser.parse_marked_section`), only
slower on hostile text where that html.parser is quadratic.
"""

from __future__ import annotations

import _markupbase
import html.parser
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

# The patterns of html.parser and _markupbase the shortcuts repeat the reading of, as CPython 3.11
# and later have them until the html.parser fixes of 2025 (the same in 3.11.2, 3.11.7, 3.12.1
# and 3.13.0), in `_patterns`' order. Where one no longer matches (another Python), the
# shortcuts are off (`SHORTCUTS`): the reading stays html.parser's, only slower on hostile text.
_KNOWN_PATTERNS = (
    # html.parser.locatestarttagend_tolerant (verbose: its spaces and comments count too)
    r"""
  <[a-zA-Z][^\t\n\r\f />\x00]*       # tag name
  (?:[\s/]*                          # optional whitespace before attribute name
    (?:(?<=['"\s/])[^\s/>][^\s/=>]*  # attribute name
      (?:\s*=+\s*                    # value indicator
        (?:'[^']*'                   # LITA-enclosed value
          |"[^"]*"                   # LIT-enclosed value
          |(?!['"])[^>\s]*           # bare value
         )
        \s*                          # possibly followed by a space
       )?(?:\s|/(?!>))*
     )*
   )?
  \s*                                # trailing whitespace
""",
    # html.parser.attrfind_tolerant
    r"""((?<=[\'"\s/])[^\s/>][^\s/=>]*)"""  # a name
    r"""(\s*=+\s*(\'[^\']*\'|"[^"]*"|(?![\'"])[^>\s]*))?"""  # "=" and a value
    r"(?:\s|/(?!>))*",
    r"--\s*>",  # _markupbase._commentclose
    r"]\s*]\s*>",  # _markupbase._markedsectionclose
    r"]\s*>",  # _markupbase._msmarkedsectionclose
    r"[a-zA-Z][-_.a-zA-Z0-9]*\s*",  # _markupbase._declname_match's pattern
)

# A "<" and the tag name after it as locatestarttagend_tolerant reads it, possessive: the
# names of tags left open overlap ("<a<a<a") and each is read once.
_TAG_START = re.compile(r"<[a-zA-Z][^\t\n\r\f />\x00]*+|<")
_TAG_NAME = re.compile(r"[a-zA-Z][^\t\n\r\f />\x00]*")
_BEFORE_ATTRIBUTES = re.compile(r"[\s/]*")
_SPACES = re.compile(r"\s*")
# What locatestarttagend_tolerant's attribute name may follow (its lookbehind, less the "/").
_QUOTE_OR_SPACE = re.compile(r"[\s'\"]")
# A marked section's keyword and the spaces after it, as _markupbase._scan_name reads it
# (its _declname, in `_patterns`).
_SECTION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*\s*")
# Marked sections' keywords, as _markupbase.parse_marked_section reads them.
_SECTIONS = frozenset({"temp", "cdata", "ignore", "include", "rcdata"})  # end with "]]>"
_OFFICE_SECTIONS = frozenset({"if", "else", "endif"})  # end with "]>"
# The characters which, right after the tag pattern's match, leave a start tag unfinished:
# html.parser waits for more text (check_for_whole_start_tag returns -1), and reads it as
# text at close(). As that method writes them (one of its constants, see `_known_reading`).
_UNFINISHED_TAG_NEXT = "abcdefghijklmnopqrstuvwxyz=/ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_UNFINISHED_TAG_NEXT_SET = frozenset(_UNFINISHED_TAG_NEXT)
# The names check_for_whole_start_tag reads (its regular expression among them) before the
# 2025 fixes (the fixed one reads with locatetagend).
_START_TAG_CHECK_NAMES = (
    "rawdata",
    "locatestarttagend_tolerant",
    "match",
    "end",
    "startswith",
    "AssertionError",
)


def _patterns() -> tuple[str, ...]:
    """The patterns of `_KNOWN_PATTERNS`, as this Python has them."""
    return (
        html.parser.locatestarttagend_tolerant.pattern,
        html.parser.attrfind_tolerant.pattern,
        _markupbase._commentclose.pattern,  # type: ignore[attr-defined]
        _markupbase._markedsectionclose.pattern,  # type: ignore[attr-defined]
        _markupbase._msmarkedsectionclose.pattern,  # type: ignore[attr-defined]
        _markupbase._declname_match.__self__.pattern,  # type: ignore[attr-defined]
    )


def _reading(parser: HTMLParser, text: str) -> list[tuple[str, tuple[object, ...]]]:
    """The events `parser` reports for `text` (fed in one piece, then closed), adjacent data
    joined: html.parser cuts data where it likes."""
    events: list[tuple[str, tuple[object, ...]]] = []

    def recorder(kind: str) -> Callable[..., None]:
        def record(*values: object) -> None:
            if kind == "data" and events and events[-1][0] == "data":
                events[-1] = ("data", (str(events[-1][1][0]) + str(values[0]),))
            else:
                events.append((kind, values))

        return record

    for kind in ("starttag", "startendtag", "endtag", "data", "comment", "decl", "pi"):
        setattr(parser, f"handle_{kind}", recorder(kind))
    parser.unknown_decl = recorder("unknown_decl")  # type: ignore[method-assign]
    parser.feed(text)
    parser.close()
    return events


def _reads_open_ends_as_text() -> bool:
    """Whether html.parser reads an unterminated construct at the end as text (before the
    fixes of CVE-2025-6069: the reading, and the quadratic time, the shortcuts are for)."""
    return _reading(HTMLParser(), "a<!--b") == [("data", ("a<!--b",))]


def _known_reading() -> bool:
    """Whether html.parser reads with what the shortcuts assume: the patterns they repeat, the
    methods they stand in for (_markupbase's parse_comment and parse_marked_section, not an
    override of HTMLParser's own as gh-102555 added; check_for_whole_start_tag reading with
    locatestarttagend_tolerant, which the 2025 fixes keep but no longer use), and an
    unterminated construct at the end read as text. Run at import, where a raise would leave
    no quiz or exam to open: a name read here that a later Python dropped or reshaped turns
    the shortcuts off, html.parser reading alone."""
    try:
        start_tag_check = HTMLParser.check_for_whole_start_tag.__code__
        return (
            _patterns() == _KNOWN_PATTERNS
            and HTMLParser.parse_comment is _markupbase.ParserBase.parse_comment
            and HTMLParser.parse_marked_section is _markupbase.ParserBase.parse_marked_section
            and start_tag_check.co_names == _START_TAG_CHECK_NAMES
            and _UNFINISHED_TAG_NEXT in start_tag_check.co_consts
            and _reads_open_ends_as_text()
        )
    except Exception:  # a name read here gone or reshaped: not the html.parser they know
        return False


def _last_start(pattern: re.Pattern[str], text: str) -> int:
    """Where the last match of `pattern` in `text` starts, -1 if none. Each closing pattern
    read here ends with its only ">", which fixes where it starts: its matches never overlap,
    so finditer finds them all, and one starts after a position if the last one does."""
    last = -1
    for match in pattern.finditer(text):
        last = match.start()
    return last


@dataclass
class _Scan:
    """What one pass over a text tells of it, kept while html.parser reads that same text.

    html.parser searches the rest of the text for the end of each comment or marked section,
    and runs its tag pattern over the rest of the text for each start tag whose quoted values
    swallow the next ">": once for each, quadratic. Here the text is read once for where the
    last "-->", "]]>" and "]>" start (none after a construct: it is unterminated), and where a
    run of attributes ends is noted for each position one was read from
    (`LinearHTMLParser._start_tag_end`). `text` is html.parser's `rawdata`, a new string at
    each feed() and at close(): a new scan then."""

    text: str
    comment_end: int = -1
    section_end: int = -1
    office_section_end: int = -1
    attributes_end: dict[int, int] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str) -> _Scan:
        return cls(
            text,
            _last_start(_markupbase._commentclose, text),  # type: ignore[attr-defined]
            _last_start(_markupbase._markedsectionclose, text),  # type: ignore[attr-defined]
            _last_start(_markupbase._msmarkedsectionclose, text),  # type: ignore[attr-defined]
        )


def _tail_as_text(rawdata: str) -> str:
    """`rawdata` with each "<" after its last ">" written "&lt;": html.parser reads each as
    text at close() (a comment, a declaration, an end tag and a start tag all end with a ">"),
    after searching the rest of the text for its end. A tag name followed by a NUL is the one
    exception (html.parser's "bogus" tag, its text shown as written): it is left as it is."""
    last = rawdata.rfind(">")
    tail = rawdata[last + 1 :]
    if "<" not in tail:
        return rawdata
    return rawdata[: last + 1] + _TAG_START.sub(_as_text, tail)


def _as_text(start: re.Match[str]) -> str:
    """A "<" (and the tag name after it) of the text's tail, written so close() reads it as
    html.parser does: "&lt;", which converted character references make a "<" of data.

    But for a tag name right before a NUL, which html.parser reads as a bogus tag, reported at
    once as data as written ("<a&amp;" stays "<a&amp;"): the NUL stops the name, and the tag
    pattern's attributes may only follow a quote, a space or a "/" (its lookbehind), so its
    match ends there and the tag is text. One whose name ends with a quote or a space ("<a'",
    "<a\v": the name takes any but \t\n\r\f, space, "/", ">" and NUL) reads the NUL as an
    attribute and goes on, left open as the others: "&lt;" for it too (left as written, close()
    would search the rest of the text for a ">" once for each)."""
    written = start.group()
    if (
        len(written) > 1
        and start.string.startswith("\x00", start.end())
        and not _QUOTE_OR_SPACE.fullmatch(written[-1])
    ):
        return written
    return written.replace("<", "&lt;")


class LinearHTMLParser(HTMLParser):
    """An HTMLParser reporting html.parser's events in time linear in the text (see the
    module's text). Character references are always converted (html.parser's default): the
    "<" of the text's tail are written "&lt;" to be read as text, which only conversion makes
    a "<" of data (without, html.parser reports an entity reference "lt")."""

    def __init__(self, *, shortcuts: bool | None = None) -> None:
        """`shortcuts`: whether to take them, by default where html.parser reads as they
        assume (`SHORTCUTS`); the samples read at import take them to see how they read."""
        self._scan_of: _Scan | None = None
        self._shortcuts = SHORTCUTS if shortcuts is None else shortcuts
        super().__init__(convert_charrefs=True)

    def close(self) -> None:
        if self._shortcuts:
            self.rawdata = _tail_as_text(self.rawdata)
        super().close()

    def _scan(self) -> _Scan:
        if self._scan_of is None or self._scan_of.text is not self.rawdata:
            self._scan_of = _Scan.of(self.rawdata)
        return self._scan_of

    def parse_comment(self, i: int, report: int = 1) -> int:
        if self._shortcuts and self._scan().comment_end < i + 4:
            return -1  # no "-->" after it
        return super().parse_comment(i, report)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """_markupbase's, but for "<![" followed by no name or a name html.parser does not know
        ("<![foo[", "<![ "): html.parser raises AssertionError (the question could not be
        shown); here it is a bogus comment up to its ">", as HTML5 reads it (and html.parser
        since its 2025 fixes). Decided before calling html.parser's, as its _scan_name reads
        the name: a name reaching the end of the text may go on (-1, html.parser waits)."""
        rawdata = self.rawdata
        if i + 3 == len(rawdata):
            return -1
        name = _SECTION_NAME.match(rawdata, i + 3)
        if name is not None and name.end() == len(rawdata):
            return -1
        keyword = name.group().strip().lower() if name else ""
        if keyword not in _SECTIONS and keyword not in _OFFICE_SECTIONS:
            return self.parse_bogus_comment(i, report)
        if self._shortcuts:
            scan = self._scan()
            last_end = scan.section_end if keyword in _SECTIONS else scan.office_section_end
            if last_end < i + 3:
                return -1  # no "]]>" (or "]>") after it
        return super().parse_marked_section(i, report)

    def check_for_whole_start_tag(self, i: int) -> int:
        """html.parser's own, with the end of its tag pattern's match found by
        `_start_tag_end`."""
        if not self._shortcuts:
            return super().check_for_whole_start_tag(i)
        rawdata = self.rawdata
        j = self._start_tag_end(i)
        following = rawdata[j : j + 1]
        if following == ">":
            return j + 1
        if following == "/":
            return j + 2 if rawdata.startswith("/>", j) else -1
        if following == "" or following in _UNFINISHED_TAG_NEXT_SET:
            return -1
        return j if j > i else i + 1

    def _start_tag_end(self, i: int) -> int:
        """Where locatestarttagend_tolerant's match from `i` ends. That pattern is a name, then
        separators, then attributes (attrfind_tolerant's pattern), then spaces, and its match
        always succeeds, so it takes the first way: each attribute as attrfind_tolerant matches
        it, one after the other. Where a run of attributes ends depends only on where it
        starts, and is kept for each attribute read: '<a x=">" ' repeated (each tag's quoted
        value swallowing the next ">") ran each tag's attributes to the end of the text."""
        rawdata = self.rawdata
        ends = self._scan().attributes_end
        name = _TAG_NAME.match(rawdata, i + 1)
        assert name is not None  # goahead calls this after "<" and a letter only
        j = _BEFORE_ATTRIBUTES.match(rawdata, name.end()).end()  # type: ignore[union-attr]
        read: list[int] = []
        while (known := ends.get(j)) is None:
            read.append(j)
            attribute = html.parser.attrfind_tolerant.match(rawdata, j)
            if attribute is None:
                break
            j = attribute.end()
        else:
            j = known
        for start in read:
            ends[start] = j
        return _SPACES.match(rawdata, j).end()  # type: ignore[union-attr]


# Small texts holding what each shortcut is for, read with the shortcuts and by html.parser
# alone when the module is imported (`_reads_as_html_parser`): each shortcut made wrong (a
# pattern or a set changed, a scan finding no end, every "<" of close()'s text written "&lt;")
# reads one of them otherwise, and so does gh-102555's comment reading ("--!>" ends one).
# A millisecond or two, on the player's start (measured here: 1 to 2 ms).
_SAMPLES = (
    "a<!-- x --!> y --> b <!-- c --!> d <!-- e > <b>f</b> <!-- g",
    "<![CDATA[ x ]]> <![if !x]>1<![endif]> <![cdata[ z ]> <i>w</i> <![if y]",
    "<a title='>' href=x>z</a> <b y='>' <a x=\">\" <a x=y <i",
    "<a x='y <i> c </i> <b\tz / >",
    "<a\x00b> <a x <a&amp;\x00 <a'\x00 <a\v\x00 <a",
    "<p>x &amp; y</p><br/> <img src=x /> <!doctype html> <?php x ?> <!x> <!y",
    "<script>a</b><!--</script> <style>x</style> a < b > c </",
)


def _reads_as_html_parser() -> bool:
    """Whether `LinearHTMLParser` with its shortcuts reads the samples as html.parser does:
    where the checks of `_known_reading` miss a change, the shortcuts are off all the same."""
    try:
        for text in _SAMPLES:
            linear = LinearHTMLParser(shortcuts=True)
            if _reading(linear, text) != _reading(HTMLParser(), text):
                return False
    except Exception:  # any failure of the shortcuts turns them off
        return False
    return True


# Whether `LinearHTMLParser` takes its shortcuts: only where html.parser reads as they assume
# and reads the samples as they do.
SHORTCUTS = _known_reading() and _reads_as_html_parser()
