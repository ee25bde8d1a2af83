"""A server's answer as the engine keeps it, read back for people: its HTTP status, one short
line of it, and which activity a refused statement was about.

The engine keeps a send's answer as "HTTP 422: <body>" (sync.engine_batch's `_error_text`), a
grade read's as "GET <url>: HTTP 502 (retry): <body>" (`sync.lrs.LrsError`); the body may be a
2,000-character JSON error or a proxy's whole HTML page. The learner reads the status in words
(the GUI) and support reads `one_line` (a tooltip, a command's output); the whole text stays
in the outbox, the copy and the log. Nothing here imports `player`.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: A command's line or a tooltip: long enough for a JSON error's gist, short enough to read.
LINE_CHARS = 160

_SENT = re.compile(r"^HTTP (\d{3})(?::\s*|$)")
_READ = re.compile(r"^GET \S+: HTTP (\d{3}) \([\w ]+\)(?::\s*|$)")
# A web page starts the body, or follows the "HTTP 502: " a stop's sentence quotes; a "<"
# elsewhere (a JSON error quoting markup, a name) is text.
_PAGE = re.compile(
    r"(?:^|(?<=HTTP \d{3}: ))[\s\ufeff]*(?=<!doctype\s+html|<html[\s>])", re.IGNORECASE
)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SPACES = re.compile(r"\s+")
# A character reference longer than int() reads (4,300 digits): html.unescape raises on it.
_HUGE_CHARREF = re.compile(r"&#(?:[xX][0-9a-fA-F]{1000,}|[0-9]{1000,});?")


@dataclass(frozen=True)
class ServerAnswer:
    """`status`: the HTTP status (None: the text is no server's answer, e.g. a network
    failure); `body`: what the server said, as it came."""

    status: int | None
    body: str


def server_answer(text: str) -> ServerAnswer:
    """The status and body of an engine's error line ("HTTP 429: {...}", or a grade read's)."""
    match = _SENT.match(text) or _READ.match(text)
    if match is None:
        return ServerAnswer(None, text)
    return ServerAnswer(int(match.group(1)), text[match.end() :])


def _unescaped(text: str) -> str:
    """A page's text with its references read; one too long for Python to read is U+FFFD (a
    server that lies or breaks sends anything, and its answer is shown, never a crash)."""
    try:
        return html.unescape(text)
    except ValueError:
        return html.unescape(_HUGE_CHARREF.sub("\ufffd", text))


def one_line(text: str, limit: int = LINE_CHARS) -> str:
    """An error line short and readable: an HTML page as its title (or its text), every run of
    white space one space, cut at `limit` characters with "…". Any other answer keeps its
    characters as written ("<b>" or "&amp;" in a JSON error is what the server said)."""
    answer = server_answer(text)
    body = answer.body
    page = _PAGE.search(body)
    if page is not None:  # a web page (a proxy's 502, a captive portal), maybe after a prefix
        title = _TITLE.search(body, page.end())
        shown = title.group(1) if title else _TAG.sub(" ", body[page.end() :])
        body = body[: page.start()] + _unescaped(shown)
    body = _SPACES.sub(" ", body).strip()
    if answer.status is None:
        line = body
    else:
        line = f"HTTP {answer.status}: {body}" if body else f"HTTP {answer.status}"
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class StatementLabel:
    """What a statement was about, from its body: its verb and its activity, each by its
    name when the statement gives one (`verb`, `activity`), else "" (the ids are always set
    when the statement has them)."""

    verb_id: str
    verb: str
    activity_id: str
    activity: str


def statement_label(body: bytes, languages: Sequence[str] = ()) -> StatementLabel:
    """The verb's display and the object's definition name, in the first of `languages` the
    statement has (a prefix matches: "fr" takes "fr-FR"), else English, else any."""
    try:
        statement = json.loads(body)
    except (ValueError, RecursionError):
        return StatementLabel("", "", "", "")
    if not isinstance(statement, dict):
        return StatementLabel("", "", "", "")
    verb = _dict(statement.get("verb"))
    target = _dict(statement.get("object"))
    definition = _dict(target.get("definition"))
    return StatementLabel(
        _text(verb.get("id")),
        _pick(verb.get("display"), languages),
        _text(target.get("id")),
        _pick(definition.get("name"), languages),
    )


def verb_word(label: StatementLabel) -> str:
    """The verb's display, else the last word of its id (".../verbs/answered": "answered")."""
    return label.verb or label.verb_id.rstrip("/").rsplit("/", 1)[-1]


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _pick(language_map: Any, languages: Sequence[str]) -> str:
    """A language map's text for the first language asked, then English, then the first."""
    texts = {k.lower(): v for k, v in _dict(language_map).items() if isinstance(v, str) and v}
    for wanted in (*languages, "en"):
        wanted = wanted.lower()
        for key, value in texts.items():
            if key == wanted or key.startswith(wanted + "-"):
                return value.strip()
    return next(iter(texts.values()), "").strip()
