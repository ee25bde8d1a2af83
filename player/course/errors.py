"""Typed errors for everything a course package or a source file can get wrong.

Each error names the file, where in it (a JSON path or a line), and why, so that the command line
and the UI can show it as one line.
"""

from __future__ import annotations

import re

# What must not reach a one-line message raw: C0 and C1 controls (a CR rewrites the terminal
# line, ESC starts a terminal sequence, NUL cuts a C string), DEL, the Unicode line and paragraph
# separators and the bidirectional overrides and isolates (they reorder what the reader sees).
# A pattern re compiles (and caches) at its first use: compiled here, it cost every start 1.6 ms
# for error messages most starts never write.
_UNPRINTABLE = "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]"

_SHORT = {"\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char == "\n":
        return " "  # a reason written on several lines reads on as one
    if char in _SHORT:
        return _SHORT[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shorten(text: str, limit: int = 60) -> str:
    """`text` cut to `limit` characters, a "…" where it was cut: what a message quotes from a
    file (a pasted number, a subtitle line, a name) can be thousands of characters long."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def quoted(text: str, limit: int = 60) -> str:
    """`shorten(text, limit)` in quotes, as messages quote what a file says."""
    return repr(shorten(text, limit))


def one_line(text: str) -> str:
    """`text` made safe for a single line of a terminal, a log or a label: a newline becomes a
    space, every other control or reordering character its escape (`\\r`, `\\x00`, `\\u202e`)."""
    return re.sub(_UNPRINTABLE, _escape, text)


class CourseError(Exception):
    """Base class: `str(error)` is the one-line message shown to the user."""

    def __init__(self, file: str, reason: str, *, where: str = "") -> None:
        self.file = file
        self.where = where
        self.reason = reason
        super().__init__(self.message)

    @property
    def message(self) -> str:
        location = f"{self.file}: {self.where}" if self.where else self.file
        return one_line(f"{location}: {self.reason}")

    def __str__(self) -> str:
        return self.message


class PackageError(CourseError):
    """A package (repository course or archive) is unsafe, inconsistent or corrupt."""


class SignatureError(PackageError):
    """A signature is missing, malformed, by an untrusted key, or over other bytes."""


class UntrustedKey(SignatureError):
    """Signed by a key no key trusted here is (`key_id`): a key to add, unless the course is
    installed under another key, which no key added here replaces (`Library.open` says that
    instead, `UntrustedOverSigned`)."""

    def __init__(self, file: str, key_id: str) -> None:
        self.key_id = key_id
        super().__init__(file, f"signed by key {key_id}, which is not trusted")


class PrivateKeyGiven(SignatureError):
    """A private key given where a public one is expected: the UI says which file to give
    instead, and to keep this one secret."""


class KeyFileUnreadable(SignatureError):
    """A key file that could not be read at all (gone, a folder, not allowed): the UI says so,
    not that the file is no key."""


class KeyScope(SignatureError):
    """Signed by a key this player trusts for one other course only (the demo key, trusted for
    the demo only: defence in depth should it leak): adding that key again cannot help, as it
    is already listed; only its publisher, signing with its own key, can."""

    def __init__(self, file: str, key_id: str, course_id: str, *, earlier: bool = False) -> None:
        self.key_id = key_id
        self.course_id = course_id
        # An earlier key of the very course checked (a demo rebuilt with a new key): "accepts
        # only for the course les-mooc" of les-mooc itself would say nothing.
        self.earlier = earlier
        if earlier:
            reason = f"signed by key {key_id}, an earlier key of the course {course_id}, which "
            super().__init__(file, f"{reason}this computer no longer accepts")
        else:
            reason = f"signed by key {key_id}, which this computer accepts only for the course"
            super().__init__(file, f"{reason} {course_id}")


class NotSigned(SignatureError):
    """A manifest without the signature it needs (an unsigned course not accepted): the one
    signature failure a learner's consent can lift."""


class SourceError(CourseError):
    """A teacher's source file (course.toml, GIFT, WebVTT, SRT...) cannot be used; `where` is
    `line N`."""

    def __init__(self, file: str, reason: str, *, line: int | None = None) -> None:
        self.line = line
        super().__init__(file, reason, where=f"line {line}" if line else "")
