"""Question texts as rich text a QLabel can show safely, and numbers typed the way people type them.

A question's text comes from a course package, in one of three formats (plain, Markdown, HTML).
A QLabel renders rich text with Qt's HTML engine, which would read local files for `<img src>`
or CSS backgrounds: so what reaches it is built here from an allow-list of inline and block
tags with every attribute dropped (images become their alt text). Markdown goes through the
reading renderer (raw HTML off, no images) and then the same allow-list (links keep their
text). A missing-word question's blank is a marker replaced after rendering, so no format can
mistake it for syntax.
"""

from __future__ import annotations

import html
import re
from typing import Literal

from player.course.grading import percent_value
from player.course.quiz import Question
from player.course.reading import BLANK_MARK, question_markdown_html
from player.course.spaces import (
    NO_BREAK_SPACES,
    SELECT_ENDS,
    html_words,
    one_line,
    short_charrefs,
)
from player.ui.html_reading import LinearHTMLParser

_KEPT_TAGS = frozenset(
    {
        "b",
        "strong",
        "i",
        "em",
        "u",
        "s",
        "sub",
        "sup",
        "code",
        "pre",
        "p",
        "br",
        "ul",
        "ol",
        "li",
        "blockquote",
        "span",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "table",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
    }
)
_VOID_TAGS = frozenset({"br"})
# Kept tags after which Qt starts a new line whatever came before (`_Sanitizer._tag`).
_LINE_TAGS = frozenset(
    {"p", "br", "ul", "ol", "li", "blockquote", "div", "h1", "h2", "h3", "h4", "pre"}
    | {"table", "tr", "td", "th", "thead", "tbody"}
)
# Block elements not kept: a <div> each, or their words would run into the next ones.
_AS_DIV = frozenset(
    {
        "caption",
        "dl",
        "dt",
        "dd",
        "section",
        "article",
        "aside",
        "header",
        "footer",
        "nav",
        "main",
        "figure",
        "figcaption",
        "address",
        "details",
        "summary",
        "fieldset",
        "legend",
        "hgroup",
        "center",
        "form",
        "option",
        "h5",
        "h6",
    }
)
_DROPPED_WITH_CONTENT = frozenset({"script", "style", "head", "title", "iframe", "object"})
# Form fields (from a page pasted into a question: the player's own widgets take the answer):
# a space where each stands, its words (a button's, a text area's) kept; a <select> is its
# choices (`_Sanitizer._end_select`). Dropped bare, they glued the words on each side ("untrois").
_FIELD_TAGS = frozenset({"input", "textarea", "button"})
# Boxes the player does not show (a video, a sound, a frame, an embedded file): a space at each
# end, their words between (a video's fallback text; a frame's or an object's are dropped), as
# spaces.html_words says them; "vidéo<video></video>puis" showed "vidéopuis". A rule <hr> ends
# a line ("Partie 1<hr>Partie 2" showed "Partie 1Partie 2").
_BOX_TAGS = frozenset({"video", "audio", "embed", "iframe", "object"})


def _ends_select(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Whether this start tag ends a drop-down list left open (`_Sanitizer._end_select`)."""
    if tag == "span":
        return "multilang" in next((v for k, v in attrs if k == "class" and v), "").split()
    return tag in SELECT_ENDS


class _Sanitizer(LinearHTMLParser):
    def __init__(self, image_text: str) -> None:
        super().__init__()
        self.image_text = image_text
        self.out: list[str] = []
        self.skipping = 0
        # What each open <span> became: a Moodle multilang one (a language each) is a <div>.
        self.spans: list[str] = []
        # Inside a <select>: the words of each option so far; None outside one.
        self.choices: list[list[str]] | None = None
        self.in_option = False  # the data is an option's words (not its label's, not a gap's)
        self.option_open = False  # between an option's start and its end
        self.bare_div = False  # the last tag out is a <div>'s start: the div holds no tag yet
        self.div_text = False  # ... and it holds text Qt shows (not white space alone)
        self.run_on = False  # a div holding text alone just closed (see `sanitize_html`)
        self.pending: list[str] = []  # the data since the last tag (`_flush`)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        if self.choices is not None and not self.skipping and _ends_select(tag, attrs):
            self._end_select()  # a list left open: what follows is the question's
        if tag in _BOX_TAGS and not self.skipping and self.choices is None:
            self._text(" ")
        if tag in _DROPPED_WITH_CONTENT:
            self.skipping += 1
        elif self.skipping:
            return
        elif self.choices is not None:
            self._in_select(self.choices, tag, attrs)
        elif tag == "hr":  # a line break; an empty div, as a <br> after a paragraph is a blank line
            self._tag("div")
            self._tag("div", end=True)
        elif tag == "select":
            self.choices = []
        elif tag in _FIELD_TAGS:
            self._text(" ")
        elif tag == "img":
            alt = next((v for k, v in attrs if k == "alt" and v), "")
            self._text(html.escape(f"[{alt or self.image_text}]"))
        elif tag == "span":
            classes = next((v for k, v in attrs if k == "class" and v), "").split()
            self.spans.append("div" if "multilang" in classes else "span")
            self._tag(self.spans[-1])
        elif tag in _KEPT_TAGS:
            self._tag(tag)
        elif tag in _AS_DIV:
            self._tag("div")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        if tag != "span":  # an empty "<span/>" has no end tag to pair with
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        if self.choices is not None and not self.skipping and tag in SELECT_ENDS:
            self._end_select()  # a list left open ends with the block holding it
        if tag in _DROPPED_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
            if tag in _BOX_TAGS and not self.skipping and self.choices is None:
                self._text(" ")
        elif self.skipping:
            return
        elif self.choices is not None:
            if tag == "select":
                self._end_select()
            elif tag in ("option", "optgroup"):
                self.in_option = self.option_open = False
        elif tag in _FIELD_TAGS or tag in _BOX_TAGS or tag == "select":
            self._text(" ")  # a </select> here: its list ended before
        elif tag == "span":
            self._tag(self.spans.pop() if self.spans else "span", end=True)
        elif tag in _KEPT_TAGS and tag not in _VOID_TAGS:
            self._tag(tag, end=True)
        elif tag in _AS_DIV:
            self._tag("div", end=True)

    def handle_data(self, data: str) -> None:
        self.pending.append(data)

    def _flush(self) -> None:
        """The text since the last tag, handled as one piece. html.parser reports it in pieces
        (a "<" that starts no tag is a piece of its own) and LinearHTMLParser cuts elsewhere,
        while the rules below treat white space alone differently from white space beside
        words (it neither ends a drop-down list nor takes the line break after a div). Handled
        piece by piece, the output depended on the cuts (review r2: a space lost or kept in 1
        to 3 of 40,000 random texts). A comment between is no tag: "a<!-- -->b" is read as
        "ab"."""
        if not self.pending:
            return
        data = "".join(self.pending)
        self.pending.clear()
        if self.skipping:
            return
        if self.choices is not None and not self.option_open and data.strip():
            self._end_select()  # words outside any option: the question's (see `_end_select`)
        if self.choices is None:
            self._text(html.escape(data, quote=False))
        elif self.in_option and self.choices:
            self.choices[-1].append(data)

    def close(self) -> None:
        super().close()
        self._flush()
        if self.choices is not None:  # a <select> the fragment never closed
            self._end_select()

    def _in_select(
        self, choices: list[list[str]], tag: str, attrs: list[tuple[str, str | None]]
    ) -> None:
        """A tag inside a <select>: an option starts a choice (its label, when it has one, is
        what a browser shows); a <select> ends it, as in a browser; anything else is no words."""
        if tag == "option":
            label = next((v for k, v in attrs if k == "label" and v), "")
            choices.append([label] if label else [])
            self.in_option = not label
            self.option_open = True
        elif tag == "optgroup":
            self.in_option = self.option_open = False  # its label names a group, no choice
        elif tag == "select":
            self._end_select()

    def _end_select(self) -> None:
        """The select as its choices in brackets, "[deux / trois]", a space each side: read
        offline, the sentence keeps the words the author offered there (dropped, it had a hole
        no one could fill, and the choices may be the question's), and the brackets mark them
        as a choice, as "[image]" marks an image. No choice with words: a space.

        A list ends at its end tag or another <select>, and one left open ends where a browser
        would not end it but the question's words go on: at a block's start or end, a field a
        browser ends it at, a multilang span (`SELECT_ENDS`), or words outside any option
        (a browser hides those; here they are shown, as the question's). Before, an unclosed
        list took the rest of the text, a missing-word question's blank with it.
        spaces.html_words ends it alike."""
        words = [one_line("".join(parts)) for parts in self.choices or []]
        shown = " / ".join(html.escape(w, quote=False) for w in words if w.strip())
        self._text(f" [{shown}] " if shown else " ")
        self.choices = None
        self.in_option = self.option_open = False

    def _tag(self, name: str, end: bool = False) -> None:
        """A kept tag out, noting whether it closes a div that held text alone."""
        self.out.append(f"</{name}>" if end else f"<{name}>")
        if end and name == "div":
            self.run_on = self.bare_div and self.div_text
        elif name in _LINE_TAGS:
            self.run_on = False  # a new line starts here anyway
        self.bare_div = not end and name == "div"
        self.div_text = False

    def _text(self, text: str) -> None:
        """Escaped text out; a line break first when it would run into a div's text."""
        if self.run_on and text.strip():
            self.out.append("<br>")
            self.run_on = False
        # Qt drops a div's white space but for a no-break space (an editor's spacer line)
        self.div_text = self.div_text or bool(text.strip()) or "\u00a0" in text
        self.out.append(text)


def sanitize_html(text: str, image_text: str = "image") -> str:
    """Keep the formatting tags of an HTML fragment, without any attribute, URL or script; a
    form field is a space between the words around it, a drop-down list its choices.

    Qt's HTML import runs the words after a <div> holding text alone (no tag inside: Qt ends
    a block there only for a div with child nodes) into that div's line: "<div>a</div>c" drew
    "ac", "<figure><img alt=Carte></figure>Quelle ville ?" "[Carte]Quelle ville ?" (each
    block off the list is a <div> here). A <br> goes before such words (a line break, no
    blank line: the next line as after any block), and only there: not before a block or an
    author's <br>, which start their line already, nor at the end (no empty last line), nor
    after a div holding a tag, which Qt ends, or nothing shown, whose line the next words
    fill (a no-break space is shown: "<div>&nbsp;</div>", an editor's spacer line).
    """
    parser = _Sanitizer(image_text)
    parser.feed(short_charrefs(text))
    parser.close()
    return "".join(parser.out)


def _plain(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def text_html(text: str, text_format: str, image_text: str = "image") -> str:
    """One text of a question (its statement, a choice, feedback) as safe rich text."""
    if text_format == "html":
        return sanitize_html(text, image_text)
    if text_format == "markdown":
        rendered = question_markdown_html(text)
        return sanitize_html(rendered.strip(), image_text)  # web links lose their target
    return _plain(text)


_FIRST_PARAGRAPH = re.compile(r"^<p(?:\s[^>]*)?>")


def after_mark(mark_html: str, rich: str) -> str:
    """`rich` led by `mark_html` (a ✓ or ✗) on one line: a Markdown or HTML feedback starts with
    a paragraph, which put the mark alone on a line above it, a blank line between."""
    first = _FIRST_PARAGRAPH.match(rich)
    if first:
        return f"{first.group(0)}{mark_html} {rich[first.end() :]}"
    return f"{mark_html} {rich}"


def question_html(question: Question, blank_html: str, image_text: str = "image") -> str:
    """The statement, with `blank_html` where a missing-word question has its blank."""
    if not question.text_after:
        return text_html(question.text, question.format, image_text)
    joined = question.text + BLANK_MARK + question.text_after
    return text_html(joined, question.format, image_text).replace(BLANK_MARK, blank_html)


def plain_text(rich: str) -> str:
    """The words of a rich text, for accessible names and one-line summaries; a no-break
    space stays one ("80\u00a0%", "Quoi\u00a0?": the line may not break there), and one
    between two paragraphs (an editor's "&nbsp;" filler) is an ordinary space."""
    return one_line(html_words(rich))


def question_summary(question: Question, limit: int = 160) -> str:
    """A question as a results or review list names it: its title, else its words (a blank as
    "…"), cut after a word with "…" when longer than `limit` (the list wraps what is left)."""
    if question.title:
        return question.title
    words = plain_text(question_html(question, "\u2026"))
    if len(words) <= limit:
        return words
    head = words[: limit + 1]
    if " " in words[:limit]:
        at = head.rfind(" ")
    else:  # no space a line may break at: a no-break space still ends a word
        at = max(head.rfind(c) for c in " " + NO_BREAK_SPACES)
    cut = head[:at] if at > 0 else words[:limit]
    return cut.rstrip(" ,;:" + NO_BREAK_SPACES) + "\u2026"


# Thousands groupings every language reads alike: spaces (no-break, narrow, thin...) and
# apostrophes, typed (') or typographic (U+2019, as a word processor sets them in Swiss use).
_SPACES = re.compile(r"[\s\u00a0\u202f\u2009'\u2019]+")
# A percent sign after the number, as learners answer "what percentage..." (full-width too).
_PERCENT = ("%", "\uff05")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
NumberProblemKind = Literal["not_a_number", "decimal_mark", "percent"]


class NumberProblem(ValueError):
    """Typed text that is no number, or whose mark the language reads two ways ("decimal_mark":
    "1,5" in English, "1.822" in French), or a percentage a question without a key cannot
    place ("percent": 80 or 0.8?): the learner is asked, never second-guessed. `figure` is the
    number read all the same ("percent": the figure), kept meanwhile so nothing typed is lost."""

    def __init__(self, kind: NumberProblemKind, figure: float | None = None) -> None:
        super().__init__(kind)
        self.kind: NumberProblemKind = kind
        self.figure = figure


def read_number(text: str, decimal: str = ".") -> float | None:
    """A number as a learner of the interface's language types it; None when nothing is typed.

    `decimal` is the language's decimal mark ("." in English, "," in French). Spaces (plain,
    no-break, narrow no-break) and apostrophes group thousands in every language; the other
    mark is read as a thousands separator only where it cannot be a decimal mark: groups of
    three ("1,822" and "1,234.5" in English, "1.234,5" and "1.234.567" in French), and in
    French "3.14" (three digits after one point would be read two ways). One percent sign
    after the number is left out here ("32 %" is 32); `read_answer` says what it means to a
    question. Anything else raises `NumberProblem`.
    """
    typed = _read(text, decimal)
    return None if typed is None else typed[0]


def read_answer(question: Question, text: str, decimal: str = ".") -> float | None:
    """A numerical question's answer as typed (see `read_number`), on the scale of its key.

    A percent sign is a percentage, so "80 %" is 0.8 to a key asking for a fraction and 80 to
    any other, the key alone deciding (`grading.percent_value`); grading, the statement's
    response and the review all see that value. To a question without a key (an exam's) a
    percent sign raises `NumberProblem("percent")` carrying the figure: the learner is asked for
    the number alone, and the figure (80, as before percentages were read) is saved meanwhile.
    """
    typed = _read(text, decimal)
    if typed is None:
        return None
    figure, percent = typed
    if not percent:
        return figure
    value = percent_value(question, figure)
    if value is None:
        raise NumberProblem("percent", figure)
    return value


def _read(text: str, decimal: str) -> tuple[float, bool] | None:
    """The number typed and whether a percent sign followed it; None when nothing is typed."""
    cleaned = _SPACES.sub("", text.strip().replace("\u2212", "-"))
    if not cleaned:
        return None
    percent = cleaned.endswith(_PERCENT)
    if percent:
        cleaned = cleaned[:-1]
        if not cleaned:  # "%" alone
            raise NumberProblem("not_a_number")
    other = "," if decimal == "." else "."
    if other in cleaned:
        cleaned = _without_other_mark(cleaned, decimal, other)
    cleaned = cleaned.replace(decimal, ".")
    if not _NUMBER.fullmatch(cleaned):
        raise NumberProblem("not_a_number")
    value = float(cleaned)
    if value != value or value in (float("inf"), float("-inf")):
        raise NumberProblem("not_a_number")
    return value, percent


def _without_other_mark(cleaned: str, decimal: str, other: str) -> str:
    whole, has_decimal, fraction = cleaned.partition(decimal)
    if other in fraction:  # "1.5,3" in English: which one is the decimal mark?
        raise NumberProblem("decimal_mark")
    # A first group never starts with 0: "0,500" is no thousands, whatever the language.
    grouped = re.fullmatch(rf"[-+]?[1-9][0-9]{{0,2}}(?:{re.escape(other)}[0-9]{{3}})+", whole)
    single = whole.count(other) == 1
    if grouped and (decimal == "." or has_decimal or not single):
        return whole.replace(other, "") + has_decimal + fraction  # thousands, unambiguously
    if decimal == "," and single and not grouped and not has_decimal:
        return whole.replace(other, decimal)  # "3.14" in French: a decimal point all the same
    raise NumberProblem("decimal_mark" if single or grouped else "not_a_number")


def parse_number(text: str, decimal: str = ".") -> float | None:
    """`read_number`, with None for what cannot be read (the caller says why elsewhere)."""
    try:
        return read_number(text, decimal)
    except NumberProblem:
        return None


def parse_answer(question: Question, text: str, decimal: str = ".") -> float | None:
    """`read_answer`, with None for what cannot be read (the caller says why elsewhere); an
    exam's "32 %" is 32, saved while the learner is asked to type it without the sign, so that
    a clock running out does not submit it unanswered."""
    try:
        return read_answer(question, text, decimal)
    except NumberProblem as problem:
        return problem.figure
