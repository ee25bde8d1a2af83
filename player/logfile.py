"""The log file, without Qt: redaction of secrets and the size-rotated `cartable.log`, shared by
the GUI (player/ui/logging_setup.py adds Qt's messages and the recent-problems buffer) and the
headless commands (which write a failure's traceback here and print one line).
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path

LOG_FILE = "cartable.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_SECRET_WORDS = r"pin|password|passwd|passphrase|token|secret|api[_-]?key|credentials?"
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # Authorization: Basic xxx / Bearer xxx, wherever they appear
    (re.compile(r"\b(Basic|Bearer|Token)\s+[A-Za-z0-9._~+/=-]{4,}", re.I), r"\1 ***"),
    # https://user:password@host
    (re.compile(r"(\b[a-z][a-z0-9+.-]*://)[^/\s:@]+:[^/\s@]+@", re.I), r"\1***@"),
    # pin=1234, "password": "x", token: abc, secret='...'
    (
        re.compile(
            rf"""(["']?\b(?:{_SECRET_WORDS})\b["']?\s*[=:]\s*)(["'][^"']*["']|[^\s,;)}}\]]+)""",
            re.I,
        ),
        r"\1***",
    ),
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class RedactingFormatter(logging.Formatter):
    """Formats the record (message and traceback), then removes anything secret-looking."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class RotatingFile(logging.FileHandler):
    """A log file rotated by size (`cartable.log`, `.1`, `.2`...), like the standard library's
    RotatingFileHandler, without loading logging.handlers (sockets, pickle, queues: 7 ms at
    every start for a feature we do not use)."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.maxBytes = max_bytes
        self.backupCount = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= self.maxBytes:
                self._rotate()
        except OSError:
            self.handleError(record)
        super().emit(record)

    def _rotate(self) -> None:
        self.close()
        base = Path(self.baseFilename)
        for index in range(self.backupCount - 1, 0, -1):
            older = base.with_name(f"{base.name}.{index}")
            if older.exists():
                os.replace(older, base.with_name(f"{base.name}.{index + 1}"))
        if self.backupCount > 0 and base.exists():
            os.replace(base, base.with_name(f"{base.name}.1"))
        self.stream = self._open()


def open_log_file(logs_dir: Path) -> RotatingFile:
    """The rotating `cartable.log` in `logs_dir`, redacting, as the GUI writes it."""
    logs_dir.mkdir(parents=True, exist_ok=True)
    handler = RotatingFile(logs_dir / LOG_FILE, MAX_BYTES, BACKUPS)
    handler.setFormatter(RedactingFormatter(FORMAT))
    return handler
