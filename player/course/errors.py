"""Typed errors for everything a course package or a source file can get wrong.

Each error names the file, where in it (a JSON path or a line), and why, so that the command line
and the UI can show it as one line.
"""

from __future__ import annotations


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
        return f"{location}: {self.reason}".replace("\n", " ")

    def __str__(self) -> str:
        return self.message


class PackageError(CourseError):
    """A package (repository course or archive) is unsafe, inconsistent or corrupt."""


class SignatureError(PackageError):
    """A signature is missing, malformed, by an untrusted key, or over other bytes."""


class SourceError(CourseError):
    """A teacher's source file (course.toml, GIFT, WebVTT, SRT...) cannot be used; `where` is
    `line N`."""

    def __init__(self, file: str, reason: str, *, line: int | None = None) -> None:
        self.line = line
        super().__init__(file, reason, where=f"line {line}" if line else "")
