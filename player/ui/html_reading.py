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

On a Python whose html.parser reads differently (the fixed ones end an unterminated construct at
the end of the text, linearly), the shortcuts are off and html.parser reads alone (`SHORTCUTS`).
"""

from __future__ import annotations

import _markupbase
import hashlib
import html.parser
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# The patterns of html.parser and _markupbase the shortcuts repeat the reading of, as CPython
# 3.9 to 3.13 had them before the html.parser fixes of 2025 (sha256, see `_patterns`).
_KNOWN_PATTERNS = "4c33a71fba1c75061a281f51d3cba0e3065083d0fab4ce1a0c35694ed621a8c4"

# A "<" and the tag name after it as locatestarttagend_tolerant reads it, possessive: the
# names of tags left open overlap ("<a<a<a") and each is read once.
_TAG_START = re.compile(r"<[a-zA-Z][^\t\n\r\f />\x00]*+|<")
_TAG_NAME = re.compile(r"[a-zA-Z][^\t\n\r\f />\x00]*")
_BEFORE_ATTRIBUTES = re.compile(r"[\s/]*")
_SPACES = re.compile(r"\s*")
_QUOTE_OR_SPACE = re.compile(r"[\s'\"]")
_SECTION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*")
# Marked sections' keywords, as _markupbase.parse_marked_section reads them.
_SECTIONS = frozenset({"temp", "cdata", "ignore", "include", "rcdata"})  # end with "]]>"
_OFFICE_SECTIONS = frozenset({"if", "else", "endif"})  # end with "]>"
# What follows an unterminated start tag (check_for_whole_start_tag: -1).
_OPEN_AT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ=/")


def _patterns() -> str:
    return "\n".join(
        (
            html.parser.locatestarttagend_tolerant.pattern,
            html.parser.attrfind_tolerant.pattern,
            _markupbase._commentclose.pattern,  # type: ignore[attr-defined]
            _markupbase._markedsectionclose.pattern,  # type: ignore[attr-defined]
            _markupbase._msmarkedsectionclose.pattern,  # type: ignore[attr-defined]
        )
    )


class _Probe(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.data: list[str] = []

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def _reads_open_ends_as_text() -> bool:
    """Whether html.parser reads an unterminated construct at the end as text (before the
    fixes of CVE-2025-6069: the reading, and the quadratic time, the shortcuts are for)."""
    probe = _Probe()
    probe.feed("a<!--b")
    probe.close()
    return "".join(probe.data) == "a<!--b"


# Whether `LinearHTMLParser` takes its shortcuts: only where html.parser reads as they assume.
SHORTCUTS = (
    hashlib.sha256(_patterns().encode()).hexdigest() == _KNOWN_PATTERNS
    and _reads_open_ends_as_text()
)


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
    """What is known of one text html.parser reads (`HTMLParser.rawdata`, which changes at each
    feed and close): where the last comment's end, marked section's ends start, and where the
    runs of attributes read so far end (`LinearHTMLParser._start_tag_end`)."""

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
    written = start.group()
    if (
        len(written) > 1
        and start.string.startswith("\x00", start.end())
        and not _QUOTE_OR_SPACE.fullmatch(written[-1])
    ):
        return written
    return written.replace("<", "&lt;")


class LinearHTMLParser(HTMLParser):
    """An HTMLParser reading as it does, in time linear in the text (see the module's text)."""

    def __init__(self, *, convert_charrefs: bool = True) -> None:
        self._scan_of: _Scan | None = None
        super().__init__(convert_charrefs=convert_charrefs)

    def close(self) -> None:
        if SHORTCUTS:
            self.rawdata = _tail_as_text(self.rawdata)
        super().close()

    def _scan(self) -> _Scan:
        if self._scan_of is None or self._scan_of.text is not self.rawdata:
            self._scan_of = _Scan.of(self.rawdata)
        return self._scan_of

    def parse_comment(self, i: int, report: int = 1) -> int:
        if SHORTCUTS and self._scan().comment_end < i + 4:
            return -1  # no "-->" after it
        return super().parse_comment(i, report)

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        if SHORTCUTS:
            name = _SECTION_NAME.match(self.rawdata, i + 3)
            keyword = name.group().lower() if name else ""
            scan = self._scan()
            if (keyword in _SECTIONS and scan.section_end < i + 3) or (
                keyword in _OFFICE_SECTIONS and scan.office_section_end < i + 3
            ):
                return -1  # no "]]>" (or "]>") after it
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            # "<![" and no name, or a name html.parser does not know ("<![foo["): it raises (the
            # question could not be shown); a bogus comment up to its ">", as HTML5 reads it.
            return self.parse_bogus_comment(i, report)

    def check_for_whole_start_tag(self, i: int) -> int:
        """html.parser's own, with the end of its tag pattern's match found by
        `_start_tag_end`."""
        if not SHORTCUTS:
            return super().check_for_whole_start_tag(i)
        rawdata = self.rawdata
        j = self._start_tag_end(i)
        following = rawdata[j : j + 1]
        if following == ">":
            return j + 1
        if following == "/":
            return j + 2 if rawdata.startswith("/>", j) else -1
        if following == "" or following in _OPEN_AT:
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
