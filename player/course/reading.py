"""A reading unit's Markdown rendered to HTML that is safe to show in a QTextBrowser.

Safety comes from what can reach the output, not from cleaning it afterwards: markdown-it-py
parses CommonMark with raw HTML off (any tag in the text is escaped as text), and every link and
image goes through one policy before rendering:

- images: only names the course knows, as `image_url` maps them (to `blob:<sha256>` or the
  like); anything with a scheme (http, https, data, file...) or an absolute path is never
  referenced, and neither is an unknown name: the image becomes its alt text;
- links: `unit:<id>` and `#<id>` become what `unit_link` returns (a unit of the course),
  http(s) links stay links (the UI asks before opening a browser); any other link
  (javascript:, file:, data:, mailto:, relative paths, unknown units) keeps its text, loses its
  target.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from player.course.capped import read_capped
from player.course.spaces import one_line
from player.course.text_problems import decode_text

MAX_READING_BYTES = 1024 * 1024
"""A reading's text over this is refused before it is read whole: the player renders a reading at
once, and 4 MB of Markdown held its window 1.8 s. A long reading is about 100 KB of text, and its
images are files of their own."""

BLANK_MARK = "\ue000"
"""Stands for a missing-word question's blank while its text is rendered (then replaced by what
shows it), so no format mistakes it for syntax: "_____" alone on a line is a Markdown rule."""

IMAGE_BLOCK = "image"
"""The class of a paragraph (or tight list item, table cell, heading) holding a course image: the
view single-spaces it by its style sheet (player/ui/reading_view.py), so the text is never
edited once shown."""

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_WEB = re.compile(r"https?://", re.IGNORECASE)


@dataclass(frozen=True)
class RenderedReading:
    """`missing_images`: course-relative names `image_url` did not know (a broken package or
    source); `blocked_images`: remote, data or absolute references, never loaded."""

    html: str
    title: str  # plain text of the first heading, "" without one
    missing_images: tuple[str, ...] = ()
    blocked_images: tuple[str, ...] = ()


def read_reading(path: Path, name: str | None = None) -> str:
    """A reading's UTF-8 text, refused over MAX_READING_BYTES, or when it is not text (not UTF-8,
    or holding control characters: a binary or UTF-16 file that decodes) naming the line and the
    byte or character; `name` is how errors call it."""
    file = name or str(path)
    advice = "split it into several readings"
    data = read_capped(path, MAX_READING_BYTES, file, "reading", advice)
    return decode_text(data, file, "a reading")


def render_reading(
    markdown: str,
    *,
    image_url: Callable[[str], str | None],
    unit_link: Callable[[str], str | None],
) -> RenderedReading:
    """Render Markdown; `image_url(name)` and `unit_link(unit_id)` return a URL or None."""
    md = _markdown()
    env: dict[str, object] = {}
    tokens = md.parse(markdown, env)
    policy = _Policy(image_url, unit_link)
    title = ""
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and not title and index + 1 < len(tokens):
            title = _plain_text(tokens[index + 1].children or [])
        if token.type == "inline" and token.children:
            token.children = policy.apply(token.children)
            if any(child.type == "image" for child in token.children):
                _holder(tokens, index).attrJoin("class", IMAGE_BLOCK)
    return RenderedReading(
        html=md.renderer.render(tokens, md.options, env),
        title=title,
        missing_images=tuple(dict.fromkeys(policy.missing)),
        blocked_images=tuple(dict.fromkeys(policy.blocked)),
    )


def question_markdown_html(markdown: str) -> str:
    """A question's Markdown text (statement, choice, feedback) as HTML, as the player shows it:
    no image is loaded (each is its alt text) and no link leads to a unit; web links stay."""
    rendered = render_reading(markdown, image_url=lambda _n: None, unit_link=lambda _u: None)
    return rendered.html


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False}).enable(["table", "strikethrough"])
    # markdown-it's own filter turns some links into literal Markdown source; ours decides
    # every link and image instead, so that all of them follow the same rules.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


class _Policy:
    def __init__(
        self,
        image_url: Callable[[str], str | None],
        unit_link: Callable[[str], str | None],
    ) -> None:
        self.image_url = image_url
        self.unit_link = unit_link
        self.missing: list[str] = []
        self.blocked: list[str] = []

    def apply(self, children: list[Token]) -> list[Token]:
        out: list[Token] = []
        dropped_link = False  # CommonMark links do not nest: one flag is enough
        for token in children:
            if token.type == "link_open":
                target = self._link_target(str(token.attrGet("href") or ""))
                if target is None:
                    dropped_link = True
                    continue
                token.attrSet("href", target)
            elif token.type == "link_close" and dropped_link:
                dropped_link = False
                continue
            elif token.type == "image":
                url = self._image_source(str(token.attrGet("src") or ""))
                if url is None:
                    alt = _plain_text(token.children or [])
                    if alt:
                        out.append(Token("text", "", 0, content=alt))
                    continue
                token.attrSet("src", url)
            out.append(token)
        return out

    def _link_target(self, href: str) -> str | None:
        if href[:5].lower() == "unit:":
            unit_id = unquote(href[5:])
        elif href.startswith("#"):
            unit_id = unquote(href[1:])
        elif _WEB.match(href):
            return href
        else:
            return None
        return self.unit_link(unit_id) if unit_id else None

    def _image_source(self, src: str) -> str | None:
        if not src:
            return None
        name = unquote(src)
        if _SCHEME.match(src) or _SCHEME.match(name) or name.startswith(("/", "\\")):
            self.blocked.append(name)
            return None
        url = self.image_url(name)
        if url is None:
            self.missing.append(name)
        return url


def _holder(tokens: list[Token], inline: int) -> Token:
    """The opening token of the element that shows the inline content at `inline`: its paragraph,
    or in a tight list (its paragraph hidden, rendered without a tag) its list item."""
    index = inline - 1
    while index > 0 and (tokens[index].hidden or tokens[index].nesting != 1):
        index -= 1
    return tokens[index]


def _plain_text(tokens: list[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type == "image":
            parts.append(_plain_text(token.children or []))
        elif token.type in ("softbreak", "hardbreak"):
            parts.append("\n")  # a break: one_line makes it an ordinary space
    return one_line("".join(parts))  # "MOOC\u00a0?" keeps its no-break space
