"""Logs for support: a rotating file in the platformdirs log folder (player/logfile.py), Qt's
messages, and the last problems in memory for Help's diagnostic report.

A learner's secrets never reach a log: every line, traceback included, goes through `redact`
(PINs, passwords, tokens, HTTP credentials, URL user info) before it is written or kept.
Qt's own warnings are routed into the same log.

Qt's FFmpeg media backend has FFmpeg print the stream dump of every file it opens ("Input #0,
mov,mp4..." then a line per stream) straight to stderr, around no message handler, whenever its
`qt.multimedia.ffmpeg.mediadataholder` category has info on: `QT_RULES` turns that off (Qt's
documented logging rules). The category's warnings (a file FFmpeg cannot open) still come to the
log, FFmpeg's own errors still reach stderr, and QT_LOGGING_RULES still overrides, to debug.
"""

from __future__ import annotations

import collections
import contextlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import (
    QLoggingCategory,
    QMessageLogContext,
    QtMsgType,
    qInstallMessageHandler,
)

# Qt-free, in player/logfile.py so the headless commands write the same file; kept importable here.
from player.logfile import FORMAT, LOG_FILE, RedactingFormatter, open_log_file
from player.logfile import RotatingFile as RotatingFile
from player.logfile import redact as redact

RECENT = 50
# Qt's logging rules while the player runs (see the module's docstring). The FFmpeg backend's
# threads call `_qt_message`, taking the GIL, whenever they log (player/ui/video/media.py). Its
# noise, "QFFmpeg::Demuxer received AVPacket with pts == AV_NOPTS_VALUE" (an Ogg file opened),
# comes in the "default" category, as "No audio device detected" does: a rule dropping it would
# drop every uncategorised Qt warning, so none is set.
QT_RULES = "qt.multimedia.ffmpeg.mediadataholder.info=false"


# A number or an address in a Qt message ("QObject 0x55d3c8a1b2c0: ...", "frame 123", "late by
# 1.5 ms", "(-1.000000)"): one per object or frame, they made each warning a new entry, pushing
# the useful ones out. Standalone only: the digits of a name, a path or a version are what
# tells two problems apart (r3: unit1.mp4 of maths-1.0.0 and unit7.mp4 of maths-2.0.0 merged).
# A size or a geometry ("1920x1080", "1942x1136-11-45") and a number with its unit ("40ms",
# "12px", "3s") are one number: Windows' setGeometry warning, logged at every move of a window,
# took a place for each size (review r12 #8).
_NUMBER = re.compile(
    r"(?<![\w./-])(?:0x[0-9a-f]+|-?[0-9]+(?:\.[0-9]+)?(?:x[0-9]+(?:[+-][0-9]+)*)?(?:ms|px|s)?)"
    r"(?![\w/-]|\.\w)",
    re.I,
)


def merge_key(message: str) -> str:
    """What Qt messages that differ only by their numbers and addresses have in common."""
    return _NUMBER.sub("#", message)


def _from_qt(record: logging.LogRecord) -> bool:
    """Logged by Qt (`_qt_message`): our own messages keep their numbers apart (a course's
    version, an HTTP status are what support reads)."""
    return record.name == "qt" or record.name.startswith("qt.")


class RecentProblems(logging.Handler):
    """The last WARNING-and-above messages, already redacted, for the diagnostic report. A
    message logged again is merged when it arrives (its first line, its count, its last time):
    Qt's warnings at every video opened (r5: 60 "No audio device detected" pushed the download
    refusal out of 50 kept lines) take one place, not the room of the problem support asks
    about. Qt's messages merge when they differ only by their numbers (`merge_key`: an object's
    address, a frame's number). Up to `capacity` different messages; the least recently seen
    goes first."""

    def __init__(self, capacity: int = RECENT) -> None:
        super().__init__(logging.WARNING)
        self.capacity = capacity
        # message (`merge_key`'s for Qt's) -> (its first line, how many times, the last time);
        # least recently seen first
        self._seen: collections.OrderedDict[str, tuple[str, int, str]] = collections.OrderedDict()
        self.setFormatter(RedactingFormatter(FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)
            # the time is the line's first two words (FORMAT), the message the rest
            parts = line.split(" ", 2)
            message, when = (parts[2], f"{parts[0]} {parts[1]}") if len(parts) == 3 else (line, "")
            key = merge_key(message) if _from_qt(record) else message
            first, count, _last = self._seen.get(key, (line, 0, when))
            self._seen[key] = (first, count + 1, when)
            self._seen.move_to_end(key)
            while len(self._seen) > self.capacity:
                self._seen.popitem(last=False)
        except Exception:  # a logging handler never raises
            self.handleError(record)

    @property
    def lines(self) -> list[str]:
        """Least recently seen first; a repeated message as `<first line> (×3, last <time>)`.
        Under the handler's lock: Qt's FFmpeg threads log while the report reads."""
        with self.lock or contextlib.nullcontext():
            kept = list(self._seen.values())
        return [
            first if count == 1 else f"{first} (×{count}, last {last})"
            for first, count, last in kept
        ]


@dataclass
class LogSetup:
    """The log file, the recent problems kept for Help and the handlers installed."""

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


def setup_logging(logs_dir: Path, level: int = logging.INFO) -> LogSetup:
    """Install the rotating file and the recent-problems buffer on the root logger, and Qt's
    logging rules (`QT_RULES`)."""
    file_handler = open_log_file(logs_dir)
    recent = RecentProblems()
    root = logging.getLogger()
    root.setLevel(level)
    root.addHandler(file_handler)
    root.addHandler(recent)
    QLoggingCategory.setFilterRules(QT_RULES)
    qInstallMessageHandler(_qt_message)
    return LogSetup(logs_dir / LOG_FILE, recent, (file_handler, recent))
