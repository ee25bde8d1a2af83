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
import logging
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
