"""Moodle GIFT quiz files -> `Question`s.

Written from the format's documentation (docs.moodle.org, "GIFT format") and checked against
Moodle's own example file. Where Moodle quietly imports something Cartable cannot grade (essays,
descriptions) or guesses (an answer with no `=`/`~`), this parser stops with a `SourceError` naming
the line, so the teacher hears about it when building the course, not the learner mid-quiz.

Layout rules followed here: questions are separated by blank lines; a line whose first non-blank
characters are `//` is a comment; `$CATEGORY: name` sets the category of the questions after it;
`::title::` and `[html]`/`[markdown]`/`[plain]`/`[moodle]` may open a question; one `{...}` answer
block per question, with text after it making a "missing word" question.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from pathlib import Path

from player.course.capped import read_capped
from player.course.errors import SourceError, quoted, shorten
from player.course.quiz import (
    Choice,
    Item,
    NumericAnswer,
    Question,
    QuestionType,
    TextAnswer,
    TextFormat,
    in_text_order,
)
from player.course.spaces import NO_BREAK_SPACES, one_line
from player.course.text_problems import not_utf8

__all__ = ["GiftFile", "load_gift", "parse_gift"]

# Limits of the manifest schema, checked here so that the error can name a line.
MAX_ANSWERS = 100
MAX_TEXT = 20000
MAX_TITLE = 300
MAX_QUESTIONS = 1000  # a quiz or exam unit holds at most this many
MAX_GIFT_BYTES = 2 * 1024 * 1024
"""A GIFT file over this is refused before it is read: a quiz of MAX_QUESTIONS questions with
feedback fits well under it, and parsing 4 MB takes 8-15 s of a teacher's build."""

# Escaped characters are swapped for private-use code points before the structure is read, so
# that `\=` or `\{` can never be taken for syntax, and swapped back in the final texts.
_ESCAPABLE = "~=#{}:\\n"
_BASE = 0xF0000
_PROTECT = {c: chr(_BASE + i) for i, c in enumerate(_ESCAPABLE)}
_RESTORE = str.maketrans(
    {chr(_BASE + i): ("\n" if c == "n" else c) for i, c in enumerate(_ESCAPABLE)}
)
_PRIVATE = re.compile(f"[{chr(_BASE)}-{chr(_BASE + len(_ESCAPABLE) - 1)}]")

_FORMATS: dict[str, TextFormat] = {
    "html": "html",
    "markdown": "markdown",
    "plain": "plain",
    "moodle": "plain",
}
_FORMAT_RE = re.compile(r"\[(html|markdown|plain|moodle)\]", re.IGNORECASE)
_WEIGHT_RE = re.compile(r"\s*%(-?[0-9]+(?:\.[0-9]+)?)%")
_NUMBER = r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
_EXACT_RE = re.compile(rf"({_NUMBER})")
_TOLERANCE_RE = re.compile(rf"({_NUMBER})\s*:\s*({_NUMBER})")
_RANGE_RE = re.compile(rf"({_NUMBER})\s*\.\.\s*({_NUMBER})")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_CATEGORY = "$CATEGORY:"
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


@dataclass(frozen=True)
class GiftFile:
    questions: tuple[Question, ...]
    categories: tuple[str, ...]  # every `$CATEGORY` declared, once each, in file order
    question_categories: tuple[str, ...]  # the category of each question ("" before any)


def parse_gift(text: str, file: str = "<gift>") -> GiftFile:
    """Parse a whole GIFT file; raise `SourceError` (with a line) at the first problem."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    questions: list[Question] = []
    question_categories: list[str] = []
    categories: list[str] = []
    used_ids: set[str] = set()
    for chunk in _chunks(text.split("\n"), file):
        if chunk.category is not None:
            if chunk.category not in categories:
                categories.append(chunk.category)
            continue
        if len(questions) == MAX_QUESTIONS:
            raise SourceError(
                file, f"more than {MAX_QUESTIONS} questions in one quiz", line=chunk.numbers[0]
            )
        question = _Reader(chunk, file).question()
        question_id = _unique_id(question.title, len(questions) + 1, used_ids)
        questions.append(replace(question, id=question_id))
        question_categories.append(categories[-1] if categories else "")
    return GiftFile(tuple(questions), tuple(categories), tuple(question_categories))


def load_gift(path: Path, name: str | None = None) -> GiftFile:
    """Read a UTF-8 GIFT file (BOM allowed); `name` is how errors call it (default: the path)."""
    file = name or str(path)
    data = read_capped(path, MAX_GIFT_BYTES, file, "GIFT file", "split it into several quizzes")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:  # the byte named, as a reading's or subtitles' are
        problem = not_utf8(data, error)
        raise SourceError(file, problem.reason, line=problem.line) from None
    return parse_gift(text, file)


@dataclass
class _Chunk:
    """The non-comment lines of one question (or one `$CATEGORY` line) and their numbers."""

    lines: list[str]
    numbers: list[int]
    category: str | None = None


def _chunks(lines: list[str], file: str) -> list[_Chunk]:
    chunks: list[_Chunk] = []
    current = _Chunk([], [])
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if _PRIVATE.search(line):
            raise SourceError(
                file, "private-use characters U+F0000-U+F0007 are reserved", line=number
            )
        if not stripped or stripped.startswith(_CATEGORY):
            if current.lines:
                chunks.append(current)
                current = _Chunk([], [])
            if stripped:
                name = stripped[len(_CATEGORY) :].strip()
                if not name:
                    raise SourceError(file, "$CATEGORY: needs a category name", line=number)
                chunks.append(_Chunk([], [number], category=name))
            continue
        current.lines.append(line)
        current.numbers.append(number)
    if current.lines:
        chunks.append(current)
    return chunks


def _protect(line: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(line):
        char = line[i]
        if char == "\\" and i + 1 < len(line) and line[i + 1] in _PROTECT:
            out.append(_PROTECT[line[i + 1]])
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _restore(text: str) -> str:
    return text.translate(_RESTORE)


def _inline(raw: str) -> str:
    """An answer, feedback or title: the GIFT file's indentation is layout, not content."""
    return _restore("\n".join(part.strip() for part in raw.split("\n")).strip())


def _part(raw: str) -> str:
    """An answer or feedback; a leading [format] marker only repeats the question's format."""
    raw = raw.lstrip()
    match = _FORMAT_RE.match(raw)
    return _inline(raw[match.end() :] if match else raw)


def _blank_side(space: str) -> str:
    """The space kept beside a blank: a non-breaking one as written (French puts one between a
    blank and its ";", which must not start a line), any other as one ordinary space."""
    return space if space in NO_BREAK_SPACES else " "


def _block(raw: str) -> str:
    """Question text: keep inner indentation (Markdown lists, code), drop outer blank space."""
    return _restore("\n".join(part.rstrip() for part in raw.split("\n")).strip())


@dataclass(frozen=True)
class _Answer:
    marker: str  # "=" or "~"
    weight: float | None  # from %n%, as a fraction
    text: str  # protected raw text, feedback excluded
    feedback: str  # protected raw feedback
    offset: int  # where the marker is, in the chunk


class _Reader:
    """Reads one question chunk; `self.source` is the chunk with escapes protected."""

    def __init__(self, chunk: _Chunk, file: str) -> None:
        self.file = file
        self.numbers = chunk.numbers
        self.source = "\n".join(_protect(line) for line in chunk.lines)
        self.start = chunk.numbers[0]

    def line(self, offset: int) -> int:
        return self.numbers[self.source.count("\n", 0, offset)]

    def fail(self, reason: str, offset: int | None = None) -> SourceError:
        line = self.start if offset is None else self.line(offset)
        return SourceError(self.file, reason, line=line)

    def question(self) -> Question:
        src = self.source
        pos = len(src) - len(src.lstrip())
        title = ""
        if src.startswith("::", pos):
            end = src.find("::", pos + 2)
            if end < 0:
                raise self.fail("question title opened with '::' is not closed with '::'", pos)
            title = one_line(_inline(src[pos + 2 : end]))  # no-break spaces kept
            if len(title) > MAX_TITLE:
                raise self.fail(f"question title is longer than {MAX_TITLE} characters", pos)
            pos = end + 2
        while pos < len(src) and src[pos].isspace():
            pos += 1
        text_format: TextFormat = "plain"
        match = _FORMAT_RE.match(src, pos)
        if match:
            text_format = _FORMATS[match.group(1).lower()]
            pos = match.end()

        opening = src.find("{", pos)
        closing = src.find("}", pos)
        if closing >= 0 and (opening < 0 or closing < opening):
            raise self.fail(
                "unbalanced brace: '}' without '{' (write \\} for a literal brace)", closing
            )
        if opening < 0:
            raise self.fail(
                "no answer block {...}: descriptions and other items without answers are not "
                "supported"
            )
        closing = src.find("}", opening + 1)
        nested = src.find("{", opening + 1)
        if nested >= 0 and (closing < 0 or nested < closing):
            raise self.fail(
                "unbalanced brace: '{' inside an answer block (write \\{ for a literal brace)",
                nested,
            )
        if closing < 0:
            raise self.fail(
                "unbalanced brace: '{' is not closed before the end of the question "
                "(questions are separated by blank lines)",
                opening,
            )
        stray = [i for i in (src.find("{", closing), src.find("}", closing + 1)) if i >= 0]
        if stray:
            raise self.fail(
                "a question has one answer block: separate questions with a blank line, or "
                "escape the brace as \\{ or \\}",
                min(stray),
            )

        before, after = src[pos:opening], src[closing + 1 :]
        text = _block(before)
        text_after = _block(after)
        if text_after:  # missing word: keep the spaces around the blank
            if before[-1:].isspace() and text:
                text += _blank_side(before[-1])
            if after[:1].isspace():
                text_after = _blank_side(after[0]) + text_after
        if not text.strip() and not text_after.strip():
            raise self.fail("question has no text")
        for part in (text, text_after):
            if len(part) > MAX_TEXT:
                raise self.fail(f"question text is longer than {MAX_TEXT} characters")

        base = Question(
            id="q",
            type="single",
            text=text,
            title=title,
            text_after=text_after,
            format=text_format,
        )
        return self.answers(base, opening + 1, src[opening + 1 : closing])

    def answers(self, base: Question, start: int, body: str) -> Question:
        general = ""
        marker = body.find("####")
        if marker >= 0:
            general = self.feedback(body[marker + 4 :], start + marker)
            body = body[:marker]
        stripped = body.strip()
        first = start + len(body) - len(body.lstrip())
        if not stripped:
            raise self.fail("essay questions ({}) are not supported: Cartable grades on the device")
        if stripped.startswith("#"):
            return self.numeric(base, general, first + 1, stripped[1:])
        head = stripped.split("#", 1)[0].strip().upper()
        if head in _TRUE_FALSE:
            return self.true_false(base, general, first, stripped, _TRUE_FALSE[head])
        if "=" in stripped and "->" in stripped:
            return self.matching(base, general, self.split(body, start))
        if "~" in stripped:
            return self.choice(base, general, self.split(body, start))
        if "=" in stripped:
            return self.short(base, general, self.split(body, start))
        raise self.fail(
            "answer block has no answers: start each with = (right) or ~ (wrong), or write "
            "{T}/{F} or {#number}",
            first,
        )

    def split(self, body: str, start: int) -> list[_Answer]:
        """Cut an answer block at each `=`/`~`; text before the first one is an error."""
        marks = [i for i, char in enumerate(body) if char in "=~"]
        lead = body[: marks[0]] if marks else body
        if lead.strip():
            offset = start + len(lead) - len(lead.lstrip())
            raise self.fail(
                f"answer {_restore(lead.strip().splitlines()[0])!r} has no = or ~ in front of it",
                offset,
            )
        if len(marks) > MAX_ANSWERS:
            raise self.fail(f"more than {MAX_ANSWERS} answers", start + marks[MAX_ANSWERS])
        answers: list[_Answer] = []
        for n, mark in enumerate(marks):
            end = marks[n + 1] if n + 1 < len(marks) else len(body)
            raw = body[mark + 1 : end]
            weight: float | None = None
            match = _WEIGHT_RE.match(raw)
            if match:
                percent = Decimal(match.group(1))
                if not -100 <= percent <= 100:
                    raise self.fail(
                        f"weight {shorten(match.group(1))}% is outside -100%..100%",
                        start + mark,
                    )
                weight = float(percent / 100)  # decimal: %-33.33333% is -0.3333333 exactly
                raw = raw[match.end() :]
            elif raw.lstrip().startswith("%"):
                raise self.fail("answer weight must be written like %50% or %-25%", start + mark)
            text, _, feedback = raw.partition("#")
            answers.append(_Answer(body[mark], weight, text, feedback, start + mark))
        return answers

    def text_of(self, answer: _Answer) -> str:
        text = _part(answer.text)
        if not text:
            raise self.fail("empty answer", answer.offset)
        if len(text) > MAX_TEXT:
            raise self.fail(f"answer is longer than {MAX_TEXT} characters", answer.offset)
        return text

    def feedback(self, raw: str, offset: int) -> str:
        text = _part(raw)
        if len(text) > MAX_TEXT:
            raise self.fail(f"feedback is longer than {MAX_TEXT} characters", offset)
        return text

    def choice(self, base: Question, general: str, answers: list[_Answer]) -> Question:
        choices = []
        for n, answer in enumerate(answers):
            default = 1.0 if answer.marker == "=" else 0.0
            weight = default if answer.weight is None else answer.weight
            choices.append(
                Choice(
                    _letters(n),
                    self.text_of(answer),
                    weight,
                    self.feedback(answer.feedback, answer.offset),
                )
            )
        if not any((c.weight or 0) > 0 for c in choices):
            raise self.fail(
                "multiple-choice question has no right answer: mark one with = or give "
                "positive weights like ~%50%"
            )
        # Moodle's rule: a block with an `=` answer is single-answer, one without is multi-answer.
        qtype: QuestionType = "single" if any(a.marker == "=" for a in answers) else "multiple"
        if qtype == "single":
            self.full_marks("single-answer", max(c.weight or 0 for c in choices))
        else:  # Moodle's tolerance: three answers of %33.33333% (or %33%) make the whole
            total = sum(c.weight for c in choices if c.weight and c.weight > 0)
            self.full_marks("multiple-answer", total, "the right answers together are")
        return replace(base, type=qtype, general_feedback=general, choices=tuple(choices))

    def full_marks(self, kind: str, best: float, what: str = "its best answer is") -> None:
        """As Moodle refuses them: a question nobody can answer for 100% of its points."""
        if best < 0.99:
            raise self.fail(
                f"{kind} question: {what} worth {best:.0%}, so nobody can get full marks;"
                " give one answer 100% (an = without a weight)"
                + (", or weights that add up to 100%" if kind == "multiple-answer" else "")
            )

    def short(self, base: Question, general: str, answers: list[_Answer]) -> Question:
        accepted = []
        for answer in answers:
            weight = 1.0 if answer.weight is None else answer.weight
            feedback = self.feedback(answer.feedback, answer.offset)
            accepted.append(TextAnswer(self.text_of(answer), weight, feedback))
        if not any(a.weight > 0 for a in accepted):
            raise self.fail("short-answer question has no answer with a positive weight")
        self.full_marks("short-answer", max(a.weight for a in accepted))
        return replace(base, type="short", general_feedback=general, text_answers=tuple(accepted))

    def numeric(self, base: Question, general: str, start: int, body: str) -> Question:
        if not body.strip():
            raise self.fail("numeric answer block {#} has no number", start)
        if "=" in body or "~" in body:
            answers = self.split(body, start)
        else:
            spec, _, feedback = body.partition("#")
            answers = [_Answer("=", None, spec, feedback, start)]
        accepted = []
        for answer in answers:
            default = 1.0 if answer.marker == "=" else 0.0
            weight = default if answer.weight is None else answer.weight
            low, high = self.interval(answer)
            feedback = self.feedback(answer.feedback, answer.offset)
            accepted.append(NumericAnswer(low, high, weight, feedback))
        if not any(a.weight > 0 for a in accepted):
            raise self.fail("numeric question has no answer with a positive weight")
        self.full_marks("numeric", max(a.weight for a in accepted))
        return replace(
            base, type="numeric", general_feedback=general, numeric_answers=tuple(accepted)
        )

    def interval(self, answer: _Answer) -> tuple[float, float]:
        spec = answer.text.strip()
        try:
            if match := _RANGE_RE.fullmatch(spec):
                low, high = Decimal(match.group(1)), Decimal(match.group(2))
                if low > high:
                    raise self.fail(
                        f"numeric range {quoted(spec)} has its minimum above its maximum",
                        answer.offset,
                    )
            elif match := _TOLERANCE_RE.fullmatch(spec):
                value, tolerance = Decimal(match.group(1)), Decimal(match.group(2))
                if tolerance < 0:
                    raise self.fail(
                        f"numeric tolerance in {quoted(spec)} is negative", answer.offset
                    )
                low, high = value - tolerance, value + tolerance
            elif match := _EXACT_RE.fullmatch(spec):
                low = high = Decimal(match.group(1))
            else:
                raise InvalidOperation
            result = float(low), float(high)
        except InvalidOperation:
            raise self.fail(
                f"numeric answer {quoted(_restore(spec))} is not a number, value:tolerance or "
                "min..max",
                answer.offset,
            ) from None
        except ArithmeticError:  # decimal.Overflow: 9e999999:9e999999 (value + tolerance)
            raise self.fail(
                f"numeric answer {quoted(spec)} is out of range", answer.offset
            ) from None
        if not all(map(math.isfinite, result)):
            raise self.fail(f"numeric answer {quoted(spec)} is out of range", answer.offset)
        return result

    def true_false(
        self, base: Question, general: str, start: int, body: str, value: bool
    ) -> Question:
        parts = body.split("#")
        if len(parts) > 3:
            raise self.fail(
                "true/false takes at most two feedbacks: {TRUE#if wrong#if right}", start
            )
        wrong = self.feedback(parts[1], start) if len(parts) > 1 else ""
        right = self.feedback(parts[2], start) if len(parts) > 2 else ""
        return replace(
            base,
            type="truefalse",
            general_feedback=general,
            answer=value,
            feedback_wrong=wrong,
            feedback_right=right,
        )

    def matching(self, base: Question, general: str, answers: list[_Answer]) -> Question:
        sources: list[Item] = []
        targets: list[Item] = []
        pairs: list[tuple[str, str]] = []
        for answer in answers:
            if answer.marker != "=" or answer.weight is not None:
                raise self.fail("matching pairs are written =question -> answer", answer.offset)
            if answer.feedback:
                raise self.fail("matching pairs cannot have #feedback", answer.offset)
            left, arrow, right = answer.text.partition("->")
            if not arrow:
                raise self.fail(
                    "matching pair needs '->' between question and answer", answer.offset
                )
            source, target = _inline(left), _inline(right)
            if not target:
                raise self.fail("matching pair has no answer after '->'", answer.offset)
            if max(len(source), len(target)) > MAX_TEXT:
                raise self.fail(
                    f"matching pair is longer than {MAX_TEXT} characters", answer.offset
                )
            # Identical answers are one target (as in Moodle), so either source can pick it.
            target_id = next((t.id for t in targets if t.text == target), "")
            if not target_id:
                target_id = f"t{len(targets) + 1}"
                targets.append(Item(target_id, target))
            if source:  # `= -> extra` adds a distractor answer with no question
                source_id = f"s{len(sources) + 1}"
                sources.append(Item(source_id, source))
                pairs.append((source_id, target_id))
        if len(sources) < 2:
            raise self.fail("a matching question needs at least 2 pairs")
        # Authors write each answer beside its prompt: numbered and listed in that order, an
        # exam's targets (which ship to learners) would give the pairs away. Text order does not.
        ordered = in_text_order(targets)
        renumbered = {t.id: f"t{n}" for n, t in enumerate(ordered, start=1)}
        return replace(
            base,
            type="matching",
            general_feedback=general,
            sources=tuple(sources),
            targets=tuple(Item(renumbered[t.id], t.text) for t in ordered),
            pairs=tuple((s, renumbered[t]) for s, t in pairs),
        )


def _letters(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa: choice ids."""
    out = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


def _slug(title: str) -> str:
    title = re.sub("['\u2019]", "", title)  # "Grant's Tomb" -> grants-tomb, not grant-s-tomb
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_title).lower().strip("-._")
    return slug[:56].rstrip("-._")


def _unique_id(title: str, number: int, used: set[str]) -> str:
    """A stable id: the title's slug (or q<number>), with -2, -3... if already taken."""
    base = _slug(title) or f"q{number}"
    candidate, n = base, 1
    while candidate.lower() in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate.lower())
    assert _ID_RE.match(candidate), candidate
    return candidate
