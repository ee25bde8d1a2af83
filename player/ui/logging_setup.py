"""Logs for support: a rotating file in the platformdirs log folder, and the last problems in
memory for Help's diagnostic report.

A learner's secrets never reach a log: every line, traceback included, goes through `redact`
(PINs, passwords, tokens, HTTP credentials, URL user info) before it is written or kept.
Qt's own warnings are routed into the same log.
"""

from __future__ import annotations

import collections
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

LOG_FILE = "cartable.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
RECENT = 50
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


class RecentProblems(logging.Handler):
    """Keeps the last WARNING-and-above lines, already redacted, for the diagnostic report."""

    def __init__(self, capacity: int = RECENT) -> None:
        super().__init__(logging.WARNING)
        self.lines: collections.deque[str] = collections.deque(maxlen=capacity)
        self.setFormatter(RedactingFormatter(FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.lines.append(self.format(record))
        except Exception:  # a logging handler never raises
            self.handleError(record)


@dataclass
class LogSetup:
    file: Path
    recent: RecentProblems
    handlers: tuple[logging.Handler, ...]

    def close(self) -> None:
        root = logging.getLogger()
        for handler in self.handlers:
            root.removeHandler(handler)
            handler.close()
        qInstallMessageHandler(None)


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    category = context.category or "qt"
    logging.getLogger(f"qt.{category}" if category != "qt" else "qt").log(
        _QT_LEVELS.get(kind, logging.WARNING), "%s", message
    )


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


def setup_logging(logs_dir: Path, level: int = logging.INFO) -> LogSetup:
    """Install the rotating file and the recent-problems buffer on the root logger."""
    logs_dir.mkdir(parents=True, exist_ok=True)
    path = logs_dir / LOG_FILE
    file_handler = RotatingFile(path, MAX_BYTES, BACKUPS)
    file_handler.setFormatter(RedactingFormatter(FORMAT))
    recent = RecentProblems()
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(file_handler)
    root.addHandler(recent)
    qInstallMessageHandler(_qt_message)
    return LogSetup(path, recent, (file_handler, recent))
