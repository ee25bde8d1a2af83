"""What the build says of a file that should be text and is not: bytes that are not UTF-8, or
UTF-8 holding control characters (a binary file or a UTF-16 one that happens to decode). One
wording, naming the line and the byte or character, for the branding file, readings and
transcripts; in player.course so that player.branding and player.authoring may both use it."""

from __future__ import annotations

import re
from dataclasses import dataclass

from player.course.errors import SourceError

# C0 controls but tab, newline, form feed and carriage return: what a text file holds.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")


@dataclass(frozen=True)
class TextProblem:
    line: int  # 1-based
    reason: str


def not_utf8(data: bytes, error: UnicodeDecodeError) -> TextProblem:
    """The line of the first byte `data.decode("utf-8")` refused, and the reason naming it."""
    line = data.count(b"\n", 0, error.start) + 1
    reason = f"not UTF-8 text (byte 0x{data[error.start]:02x}): save it as UTF-8"
    return TextProblem(line, reason)


def control_character(text: str, what: str) -> TextProblem | None:
    """The first control character a text file should not hold, if any: `what` is the file's
    kind as the reason says it ("a reading")."""
    match = _CONTROL.search(text)
    if match is None:
        return None
    line = text.count("\n", 0, match.start()) + 1
    code = ord(match.group())
    return TextProblem(line, f"holds a control character (U+{code:04X}); {what} must be text")


def decode_text(data: bytes, file: str, what: str) -> str:
    """`data` as UTF-8 text, or `SourceError` naming `file`, the line and the first byte or
    character that is not text. A byte-order mark is kept: UTF-8 decodes it."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problem = not_utf8(data, exc)
        raise SourceError(file, problem.reason, line=problem.line) from None
    if problem := control_character(text, what):
        raise SourceError(file, problem.reason, line=problem.line)
    return text
