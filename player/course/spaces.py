"""Text flattened to one line without losing French typography's no-break spaces.

`" ".join(text.split())` and a regex `\\s+` take U+00A0 and U+202F for ordinary spaces, so
"80\u00a0%", "160\u202f000", "«\u00a0mot\u00a0»" or "Quoi\u00a0?" came out with a space a line
may break at: a summary could wrap between "80" and "%", or start a line with "?".
"""

from __future__ import annotations

import html
import re

#: No-break space, narrow no-break space (French « » ; ? ! and thousands), figure space.
NO_BREAK_SPACES = "\u00a0\u202f\u2007"

#: What str.splitlines breaks at: a run holding one ends a line, whatever else it holds.
LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"

_BLANK_RUN = re.compile(r"\s+")

# A numeric character reference of more than 7 digits: html.unescape and html.parser raised
# ValueError past int()'s 4,300 digits ("&#" and 4,301 nines, or zeros before "65"), where a
# reference past U+10FFFF is U+FFFD (8 significant digits are past it, decimal or hex).
_LONG_CHARREF = re.compile(r"&#(?:[xX](?P<hex>[0-9a-fA-F]{8,}+)|(?P<dec>[0-9]{8,}+))(?P<end>;?)")

# A tag's inside, from its name to its ">": a quoted value is whole ("2 < 3", "a > b", as
# html.parser reads it), and an unquoted "<" is never in it, so a "<" that no ">" closes fails at
# the next "<", not at the end of the text: `[^>]*` scanned to the end from each one, 26 s for
# 140 KB of "<option". Possessive (no backtracking); an apostrophe is quoting only after "=".
# A quoted value never runs over a "<" that starts a tag ("<a", "</", "<!", "<?"): one did, and
# '<a x="<a" x="<a"...' (each "<" inside a value starting a scan to the end) took 247 s for
# 200 KB. Every scan now stops at the next tag start, so all are linear together.
_QUOTED = r"""(?:"[^"<]*+(?:<(?![a-zA-Z/!?])[^"<]*+)*+"|'[^'<]*+(?:<(?![a-zA-Z/!?])[^'<]*+)*+')"""
_IN_TAG = r"(?:[^<>=]++|=\s*+" + _QUOTED + "?+)*+"
# A tag the next one starts before its ">": html.parser (the player's screen) reads "<img x<b>"
# as one tag up to the ">"; here it is closed where the next starts ("<img x><b>"), or the
# patterns below, stopping at the "<", left "<img x" shown raw in a name. A "<" that starts no
# tag ("2 < 3") is text, and one at the end with no tag after ("a <b") too, as there.
_LEFT_OPEN = re.compile("<(?=/?[a-z])" + _IN_TAG + "(?=</?[a-z])", re.IGNORECASE)

# Tags that end a line or a block (a paragraph, a cell, an item, a definition, a caption...):
# their text is not one line.
_BLOCK_TAG = re.compile(
    r"<\s*/?\s*(?:br|p|li|div|td|th|tr|h[1-6]|blockquote|pre|ul|ol|table|hr|caption|dl|dt|dd"
    r"|section|article|aside|header|footer|nav|main|figure|figcaption|address|details|summary"
    r"|fieldset|legend|hgroup|center|option|form)\b" + _IN_TAG + ">",
    re.IGNORECASE,
)
# Moodle's multilang spans, one language each (its filter shows one): a line each.
_SPAN = re.compile(r"<\s*(/?)\s*span\b(" + _IN_TAG + ")>", re.IGNORECASE)
# A style sheet, a script, a page's head or title, a frame or an object is no words: dropped
# with what it holds, as the sanitizer drops them; a frame or an object is a space (`_code_words`).
_CODE = re.compile(
    r"<\s*(script|style|head|title|iframe|object)\b" + _IN_TAG + r">.*?(?:<\s*/\s*\1\s*>|\Z)",
    re.IGNORECASE | re.DOTALL,
)
# Elements that stand between words as a box of their own (an image, a form field): a space,
# with an image's alt text in it, as the player shows it; the end tag of one holding words (a
# button's, a text area's) a space too, or "OK</button>suite" ran together.
_BOX_TAG = re.compile(
    r"<\s*/?\s*(?:img|input|select|textarea|button|iframe|object|embed|video|audio)\b"
    + _IN_TAG
    + ">",
    re.IGNORECASE,
)
# A drop-down list: its choices in brackets, as the player shows it (question_text._Sanitizer).
_SELECT = re.compile(r"<\s*select\b" + _IN_TAG + ">", re.IGNORECASE)
# Inside a drop-down list: a tag, a comment or other markup (no words), or the text up to the
# next "<" (a "<" no tag starts is text, as html.parser reads it).
_PIECE = re.compile(
    r"(?P<tag><\s*(?P<end>/?)\s*(?P<name>[a-z][a-z0-9]*)\b(?P<attrs>" + _IN_TAG + r")>)"
    r"|<[!?/]" + _IN_TAG + r">|(?P<text><?[^<]*)",
    re.IGNORECASE,
)
#: The tags that end a drop-down list left open (besides its end tag and another <select>):
#: a block's start or end, and the fields a browser ends it at. The words after them are the
#: question's, not a choice's: a <select> the author never closed took the rest of the text
#: (screen, accessible name, xAPI name, a missing-word question's blank).
SELECT_ENDS = frozenset(
    {"br", "p", "li", "div", "td", "th", "tr", "thead", "tbody", "table", "ul", "ol", "pre", "hr"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "caption", "dl", "dt", "dd", "section"}
    | {"article", "aside", "header", "footer", "nav", "main", "figure", "figcaption", "address"}
    | {"details", "summary", "fieldset", "legend", "hgroup", "center", "form"}
    | {"input", "textarea"}
)
# One attribute of a tag's inside, in order: its name and its value (quoted or not), or a
# character no attribute starts with. Read in order, so "label=" or "alt=" inside another
# attribute's quoted value is no attribute ('<option value="z label=EVIL">' named "[EVIL]").
_ATTRIBUTE = re.compile(
    r"""\s*([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'<>=`]*)))?|\s*\S"""
)
_IMAGE = re.compile(r"<\s*img\b(" + _IN_TAG + ")>", re.IGNORECASE)
_TAG = re.compile("<(?=[a-zA-Z/!?])" + _IN_TAG + ">")


def html_words(fragment: str) -> str:
    """An HTML fragment's text: a block-level tag is a line break, an image (its alt text) or
    form field a space, a script or style sheet nothing, any other tag nothing (a reader sees
    "<b>tomb</b>?" as "tomb?", not "tomb ?"), entities decoded ("&nbsp;" is the U+00A0 it
    encodes). `one_line` then makes each break an ordinary space: Moodle's editor fills an
    empty paragraph with "&nbsp;", which sits between two paragraphs and is no French
    typography to keep."""
    closed = _LEFT_OPEN.sub(r"\g<0>>", short_charrefs(fragment))
    text = _multilang_lines(_selects(_CODE.sub(_code_words, closed)))
    spaced = _BOX_TAG.sub(_box_words, _BLOCK_TAG.sub("\n", text))
    return html.unescape(_TAG.sub("", spaced))


def short_charrefs(text: str) -> str:
    """`text` with each long numeric character reference written short, for html.unescape and
    html.parser to read as they read it without raising ValueError (int()'s digit limit): a
    question or a caption holding one stopped the quiz or the video. Its leading zeros go, or
    it is "&#xFFFD;" when past U+10FFFF: what it decodes to, either way."""
    return _LONG_CHARREF.sub(_short_charref, text)


def _short_charref(reference: re.Match[str]) -> str:
    hex_digits = reference.group("hex")
    digits = (hex_digits or reference.group("dec")).lstrip("0") or "0"
    if len(digits) > 7:
        return "&#xFFFD;"
    return f"&#{'' if hex_digits is None else 'x'}{digits}{reference.group('end')}"


def _code_words(element: re.Match[str]) -> str:
    """Nothing for a script, a style sheet, a head or a title; a space for a frame or an object,
    a box of its own between the words around it, as the player shows them (`_BOX_TAG`)."""
    return " " if element.group(1).lower() in ("iframe", "object") else ""


def _selects(fragment: str) -> str:
    """Each drop-down list as its choices (`_choices`), from its tag to where it ends."""
    out = []
    at = 0
    while select := _SELECT.search(fragment, at):
        shown, end = _choices(fragment, select.end())
        out += [fragment[at : select.start()], shown]
        at = end
    return "".join(out) + fragment[at:]


def _choices(fragment: str, at: int) -> tuple[str, int]:
    """The list whose options start at `at` as " [deux / trois] " (each option's label or
    words, empty ones left out), and where the list ends: after its end tag or another
    <select>; before a tag of SELECT_ENDS, a multilang span or words outside any option (a
    browser hides those; the player shows them, as the question's words); as the player's."""
    choices: list[list[str]] = []
    in_option = False  # between an option's start and its end
    words = False  # ... and its words are what it shows (it has no label)
    while at < len(fragment):
        piece = _PIECE.match(fragment, at)
        assert piece is not None  # the text branch matches anywhere
        name = (piece.group("name") or "").lower()
        closing = bool(piece.group("end"))
        if piece.group("text") is not None:
            if in_option:
                if words:
                    choices[-1].append(piece.group())
            elif html.unescape(piece.group()).strip():
                break
        elif name == "select":
            at = piece.end()
            break
        elif name in SELECT_ENDS or (
            name == "span" and not closing and _multilang(piece.group("attrs"))
        ):
            break
        elif name == "option" and not closing:
            text = _attribute(piece.group("attrs"), "label")
            choices.append([text] if text else [])
            in_option, words = True, not text
        elif name in ("option", "optgroup"):
            in_option = words = False
        at = piece.end()
    texts = [html.escape(one_line(html.unescape("".join(c))), quote=False) for c in choices]
    shown = " / ".join(t for t in texts if t.strip())
    return (f" [{shown}] " if shown else " "), at


def _attribute(inside: str, name: str) -> str:
    """The first non-empty value of attribute `name` in a tag's inside, as html.parser reads
    the attributes (the sanitizer's); "" when none."""
    for attribute in _ATTRIBUTE.finditer(inside):
        if (attribute.group(1) or "").lower() == name:
            value = next((v for v in attribute.groups()[1:] if v), "")
            if value:
                return value
    return ""


def _multilang(inside: str) -> bool:
    """Whether a span's inside gives it Moodle's multilang class, read as the sanitizer reads
    it: a search for "class=...multilang" backtracked from each "class=" (a span of 200 KB of
    "class= " took 371 s), took any case ("MULTILANG") and found it in another attribute's
    value ('title="class=multilang"') or a longer class ("not-multilang")."""
    return "multilang" in html.unescape(_attribute(inside, "class")).split()


def _box_words(tag: re.Match[str]) -> str:
    """A space, holding an image's alt text (escaped again: "2 < 3" is no tag to drop)."""
    image = _IMAGE.match(tag.group())
    words = _attribute(image.group(1), "alt") if image else ""
    return f" {html.escape(html.unescape(words), quote=False)} "


def _multilang_lines(fragment: str) -> str:
    """Each multilang span between line breaks, the spans inside it (any) left as they are."""
    open_spans: list[bool] = []  # for each open span: is it a multilang one?

    def line(tag: re.Match[str]) -> str:
        if not tag.group(1):
            open_spans.append(_multilang(tag.group(2)))
            return "\n" if open_spans[-1] else tag.group()
        if open_spans and open_spans.pop():
            return "\n"
        return tag.group()

    return _SPAN.sub(line, fragment)


def one_line(text: str) -> str:
    """`text` on one line: each run of blank space one ordinary space, the ends stripped.

    A run holding a line break is one ordinary space (a line break is a break). Any other run
    holding a no-break space is ONE no-break space, the run's first: "80 &nbsp;%" (a tag
    dropped before an entity) leaves no space to break at before it, and a title padded with
    " \u00a0" pairs does not keep them all (it would grow past the GIFT title's limit)."""
    return _BLANK_RUN.sub(_one_space, text).strip()


def _one_space(run: re.Match[str]) -> str:
    blank = run.group()
    if any(c in LINE_BREAKS for c in blank):
        return " "
    return next((c for c in blank if c in NO_BREAK_SPACES), " ")
