"""Questions as xAPI 1.0.3 interaction activities, and responses as xAPI response strings.

The store puts `activity_definition` in the `object.definition` of each `answered` statement and
`response_string` in `result.response`; `parse_response` reads a response back when progress is
rebuilt from exported statements. Formats: xAPI Data 2.4.4.1, "Interaction Activities".

An exam question has no key on the device, and its definition carries no
`correctResponsesPattern`: the statements of an exam attempt never reveal its answers.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from player.course.grading import InvalidResponseError, NoAnswerKeyError, Response, check_response
from player.course.quiz import Choice, Item, Question
from player.course.reading import BLANK_MARK, question_markdown_html
from player.course.spaces import html_words, one_line

__all__ = [
    "CMI_INTERACTION",
    "INTERACTION_TYPES",
    "activity_definition",
    "correct_responses_pattern",
    "parse_response",
    "response_string",
]

CMI_INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
INTERACTION_TYPES: dict[str, str] = {
    "single": "choice",
    "multiple": "choice",
    "truefalse": "true-false",
    "short": "fill-in",
    "numeric": "numeric",
    "matching": "matching",
}
LIST = "[,]"  # between items of a list
PAIR = "[.]"  # between a matching source and its target
RANGE = "[:]"  # between the bounds of a numeric range
BLANK = "_____"  # stands for the missing word in a description
NAME_LENGTH = 100

_LANGUAGE_RE = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")
_NUMBER_RE = re.compile(r"\s*[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?\s*")


def activity_definition(question: Question, language: str) -> dict[str, Any]:
    """The `definition` of the question's activity, texts in `language` (an RFC 5646 tag)."""
    if not _LANGUAGE_RE.match(language):
        raise ValueError(f"{language!r} is not a language tag such as 'fr' or 'en-GB'")
    definition: dict[str, Any] = {
        "type": CMI_INTERACTION,
        "name": {language: _name(question)},
    }
    description = question.text
    if question.text_after:
        description += BLANK + question.text_after
    if description.strip():
        definition["description"] = {language: description}
    definition["interactionType"] = INTERACTION_TYPES[question.type]
    if question.type in ("single", "multiple"):
        definition["choices"] = _components(question.choices, language)
    elif question.type == "matching":
        definition["source"] = _components(question.sources, language)
        definition["target"] = _components(question.targets, language)
    if question.has_key:
        definition["correctResponsesPattern"] = correct_responses_pattern(question)
    return definition


def correct_responses_pattern(question: Question) -> list[str]:
    """Every response that earns the full mark, as xAPI patterns (empty: none does)."""
    if not question.has_key:
        raise NoAnswerKeyError(f"question {question.id!r} is an exam question: no answer key")
    qtype = question.type
    if qtype == "single":
        return [c.id for c in question.choices if (c.weight or 0.0) >= 1.0]
    if qtype == "multiple":
        positive = [c for c in question.choices if (c.weight or 0.0) > 0.0]
        total = round(sum(c.weight or 0.0 for c in positive), 6)
        return [LIST.join(c.id for c in positive)] if total >= 1.0 else []
    if qtype == "truefalse":
        return ["true" if question.answer else "false"]
    if qtype == "short":
        return [a.text for a in question.text_answers if a.weight >= 1.0]
    if qtype == "numeric":
        return [
            _number(a.min) if a.min == a.max else f"{_number(a.min)}{RANGE}{_number(a.max)}"
            for a in question.numeric_answers
            if a.weight >= 1.0
        ]
    return [LIST.join(f"{s}{PAIR}{t}" for s, t in question.pairs)]


def response_string(question: Question, response: Response) -> str:
    """The xAPI `result.response` for a typed response (checked against the question).

    It is "" when nothing was ticked, typed or matched: then leave `result.response` out of the
    statement (Ralph refuses empty strings with a 422) and read it back as
    `parse_response(question, "")`.
    """
    response = check_response(question, response)
    qtype = question.type
    if qtype == "single":
        assert isinstance(response, str)
        return response
    if qtype == "multiple":
        assert isinstance(response, frozenset)
        return LIST.join(c.id for c in question.choices if c.id in response)
    if qtype == "truefalse":
        return "true" if response else "false"
    if qtype == "short":
        assert isinstance(response, str)
        return response
    if qtype == "numeric":
        assert isinstance(response, float)
        return _number(response)
    assert isinstance(response, tuple)
    return LIST.join(f"{s}{PAIR}{t}" for s, t in response)


def parse_response(question: Question, text: str) -> Response:
    """The typed response that `response_string` wrote; `InvalidResponseError` if it is not one.

    Works on exam questions too (ids only, no key needed).
    """
    qtype = question.type
    if qtype == "single":
        return check_response(question, text)
    if qtype == "multiple":
        return check_response(question, frozenset(text.split(LIST)) if text else frozenset())
    if qtype == "truefalse":
        if text not in ("true", "false"):
            raise InvalidResponseError(f"question {question.id!r}: {text!r} is not true or false")
        return text == "true"
    if qtype == "short":
        return text
    if qtype == "numeric":
        if not _NUMBER_RE.fullmatch(text) or not math.isfinite(value := float(text)):
            raise InvalidResponseError(f"question {question.id!r}: {text!r} is not a number")
        return value
    pairs = []
    for item in text.split(LIST) if text else ():
        parts = item.split(PAIR)
        if len(parts) != 2:
            raise InvalidResponseError(f"question {question.id!r}: {item!r} is not source[.]target")
        pairs.append((parts[0], parts[1]))
    return check_response(question, tuple(pairs))


def _name(question: Question) -> str:
    """A short human name: the title, or the start of the text without markup."""
    if question.title:
        return question.title
    text = question.text + (BLANK + question.text_after if question.text_after else "")
    if question.format == "html":
        text = html_words(text)  # "Qu&eacute;" is "Qué" to a reader, "</p><p>" a break
    elif question.format == "markdown" and not question.text_after:
        text = html_words(question_markdown_html(text))  # "**tomb**" is "tomb" to a reader
    elif question.format == "markdown":  # the blank is a mark while rendering: see BLANK_MARK
        joined = question.text + BLANK_MARK + question.text_after
        text = html_words(question_markdown_html(joined)).replace(BLANK_MARK, BLANK)
    text = one_line(text) or question.id  # a no-break space stays one ("80\u00a0%")
    if len(text) > NAME_LENGTH:
        text = text[: NAME_LENGTH - 1].rstrip() + "\u2026"
    return text


def _components(items: Sequence[Choice | Item], language: str) -> list[dict[str, Any]]:
    return [{"id": i.id, "description": {language: i.text}} for i in items]


def _number(value: float) -> str:
    """Shortest text that reads back as the same float: 1822, not 1822.0."""
    if value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    return repr(value)
