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
from html.parser import HTMLParser

from player.course.quiz import Question
from player.course.reading import render_reading

#: Stands for the blank of a missing-word question while the text is rendered.
BLANK_MARK = "\ue000"

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
_DROPPED_WITH_CONTENT = frozenset({"script", "style", "head", "title", "iframe", "object"})


class _Sanitizer(HTMLParser):
    def __init__(self, image_text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.image_text = image_text
        self.out: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROPPED_WITH_CONTENT:
            self.skipping += 1
        elif self.skipping:
            return
        elif tag == "img":
            alt = next((v for k, v in attrs if k == "alt" and v), "")
            self.out.append(html.escape(f"[{alt or self.image_text}]"))
        elif tag in _KEPT_TAGS:
            self.out.append(f"<{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_WITH_CONTENT:
            self.skipping = max(0, self.skipping - 1)
        elif not self.skipping and tag in _KEPT_TAGS and tag not in _VOID_TAGS:
            self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.out.append(html.escape(data, quote=False))


def sanitize_html(text: str, image_text: str = "image") -> str:
    """Keep the formatting tags of an HTML fragment, without any attribute, URL or script."""
    parser = _Sanitizer(image_text)
    parser.feed(text)
    parser.close()
    return "".join(parser.out)


def _plain(text: str) -> str:
    return html.escape(text, quote=False).replace("\n", "<br>")


def text_html(text: str, text_format: str, image_text: str = "image") -> str:
    """One text of a question (its statement, a choice, feedback) as safe rich text."""
    if text_format == "html":
        return sanitize_html(text, image_text)
    if text_format == "markdown":
        rendered = render_reading(text, image_url=lambda _n: None, unit_link=lambda _u: None)
        return sanitize_html(rendered.html.strip(), image_text)  # web links lose their target
    return _plain(text)


def question_html(question: Question, blank_html: str, image_text: str = "image") -> str:
    """The statement, with `blank_html` where a missing-word question has its blank."""
    if not question.text_after:
        return text_html(question.text, question.format, image_text)
    joined = question.text + BLANK_MARK + question.text_after
    return text_html(joined, question.format, image_text).replace(BLANK_MARK, blank_html)


def plain_text(rich: str) -> str:
    """The words of a rich text, for accessible names and one-line summaries."""
    without_tags = re.sub(r"<[^>]*>", " ", rich)
    return " ".join(html.unescape(without_tags).split())


_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def parse_number(text: str) -> float | None:
    """A number as a learner types it: "3.14", "3,14", "160 000", "-2", "1,5e3"; else None.

    A comma is the decimal mark when it is the only separator; with both a comma and a point,
    the last one is the decimal mark and the other groups thousands ("1,234.5", "1.234,5").
    """
    cleaned = _SPACES.sub("", text.strip().replace("\u2212", "-"))
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        decimal = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        group = "." if decimal == "," else ","
        cleaned = cleaned.replace(group, "")
        cleaned = cleaned.replace(",", ".")
    elif cleaned.count(",") == 1:
        cleaned = cleaned.replace(",", ".")
    if not _NUMBER.fullmatch(cleaned):
        return None
    value = float(cleaned)
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return value
