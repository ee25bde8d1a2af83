"""The institution's logo, read and scaled in one place for every view that shows it (Help's
heading, the status bar's badge).

A logo that went missing after start, cannot be read or is not an image shows nothing, logged
once: the learner can do nothing about it, and the institution's name still says who set the
player up. Scaled images are cached, so reopening Help or repainting never reads the file again;
the cache is keyed on the file's path, time and size, so a logo replaced at the same path (an
admin fixing an installation while Cartable runs) is read again, and warned about again.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QImage,
    QImageReader,
    QMoveEvent,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStatusBar, QWidget

from player.branding import Branding
from player.wording import isolated

log = logging.getLogger(__name__)

WIDEST = 5  # a banner-shaped logo is kept within five times its height
PLATE = "#f4f5f7"  # the light theme's window colour, under a logo shown in the dark theme

# A logo file as it is now: (path, modification time in ns, size); -1 for a missing file.
LogoFile = tuple[str, int, int]


def _logo_file(path: Path) -> LogoFile:
    try:
        status = os.stat(path)
    except OSError:
        return str(path), -1, -1
    return str(path), status.st_mtime_ns, status.st_size


def logo_pixmap(
    branding: Branding, height: int, ratio: float, background: QColor | None = None
) -> QPixmap | None:
    """The logo at most `height` logical pixels high (and WIDEST times as wide), its shape kept,
    drawn for `ratio` device pixels per logical pixel so it stays sharp on a high-DPI screen;
    None without a usable logo. On a dark `background` it sits on a light plate: logos are drawn
    for paper, and a dark one on a transparent ground would vanish in the dark theme."""
    if branding.logo is None or height <= 0:
        return None
    ratio = max(ratio, 1.0)
    dark = background is not None and background.lightness() < 128
    image = _drawn(_logo_file(branding.logo), round(height * ratio), dark)
    if image is None:
        return None
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@lru_cache(maxsize=16)
def _drawn(logo: LogoFile, height: int, plated: bool) -> QImage | None:
    """The scaled logo, on its light plate when `plated` (`height` counts the plate)."""
    pad = max(2, height // 12) if plated else 0
    image = _scaled(logo, height - 2 * pad)[0]
    if image is None or not plated:
        return image
    plate = QImage(image.width() + 2 * pad, image.height() + 2 * pad, QImage.Format.Format_ARGB32)
    plate.fill(Qt.GlobalColor.transparent)
    painter = QPainter(plate)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(PLATE))
    painter.drawRoundedRect(plate.rect(), pad, pad)
    painter.drawImage(pad, pad, image)
    painter.end()
    return plate


def logo_problem(branding: Branding) -> str:
    """Why the branding's logo cannot be shown ("" when it can, or when there is none): for the
    diagnostic report, where an admin checking an installer looks."""
    if branding.logo is None:
        return ""
    return _scaled(_logo_file(branding.logo), 64)[1]


@lru_cache(maxsize=16)
def _scaled(logo: LogoFile, height: int) -> tuple[QImage | None, str]:
    """(the image fitting `height` device pixels and WIDEST times that, "") or (None, the
    reader's reason). A vector logo is drawn at that size; a bitmap is only ever made smaller,
    never blurred larger."""
    reader = QImageReader(logo[0])
    reader.setAutoTransform(True)  # a photo's EXIF orientation
    size = reader.size()
    if size.isValid() and not size.isEmpty():
        target = size.scaled(QSize(height * WIDEST, height), Qt.AspectRatioMode.KeepAspectRatio)
        if bytes(reader.format().data()) != b"svg":
            target = target.boundedTo(size)
        reader.setScaledSize(target.expandedTo(QSize(1, 1)))
    image = reader.read()
    if image.isNull():
        problem = reader.errorString() or "not an image"
        _warn_once(logo, problem)
        return None, problem
    return image, ""


@lru_cache(maxsize=16)
def _warn_once(logo: LogoFile, problem: str) -> None:
    """Logged once for each version of the file, whatever the sizes it is asked at."""
    log.warning("branding logo not shown: %s: %s", Path(logo[0]).name, problem)


class LogoLabel(QLabel):
    """The logo at a height in lines of text, drawn again when the window moves to a screen with
    another pixel ratio or the theme changes; hidden without a usable logo."""

    def __init__(self, branding: Branding, lines: float, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.branding = branding
        self.lines = lines
        self.draw()

    def draw(self) -> None:
        height = round(self.fontMetrics().height() * self.lines)
        background = self.palette().color(QPalette.ColorRole.Window)
        pixmap = logo_pixmap(self.branding, height, self.devicePixelRatioF(), background)
        self.setPixmap(pixmap if pixmap is not None else QPixmap())
        self.setVisible(pixmap is not None)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.DevicePixelRatioChange,
            QEvent.Type.FontChange,
            QEvent.Type.PaletteChange,  # the theme followed the system's to dark or light
        ):
            self.draw()
        super().changeEvent(event)


# Qt's status bar draws a message from 6 px after its left edge to 6 px before its first
# permanent widget (QStatusBarPrivate::messageRect).
MESSAGE_MARGINS = 12
SHORTEST_NAME = 6  # characters: a name cut shorter than this is hidden rather than shown


class InstitutionBadge(QWidget):
    """The institution's logo and name, one line high: who set this player up, on every page.

    A permanent widget of the status bar, which no passing message hides; a message too long
    for the room left of it takes the name's room, cut short, then the name's, then the logo's
    (the exam left running, 150 characters, must be read whole), and gives it back once gone
    (`fit_beside`)."""

    def __init__(self, branding: Branding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.logo = LogoLabel(branding, 1.25, self)
        self.name = QLabel(self)
        self.name.setObjectName("muted")
        self.name.setTextFormat(Qt.TextFormat.PlainText)  # a name, never markup
        self.institution = branding.institution
        self.shown_name = ""  # the name at 40 characters at most, when no message needs room
        self.right = -1  # px: the badge's right edge in the bar when it was last fitted
        self.gave_way = False  # hidden whole for a message's room
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.logo)
        layout.addWidget(self.name)
        self.retranslate()

    def fit_beside(self, message: str) -> None:
        """Make room for the status bar's `message` ("" once it is gone): the bar paints a
        message up to its first permanent widget, cut off past it."""
        self.name.setText(self.shown_name)
        self.name.setVisible(bool(self.institution))
        if self.gave_way:  # hidden for the last message: shown again (never a top-level one)
            self.gave_way = False
            self.setVisible(True)
        self.right = self.geometry().right()
        bar = self.parentWidget()
        if not message or bar is None:
            return
        full = self.sizeHint().width()
        room = self.right + 1 - full - MESSAGE_MARGINS
        missing = bar.fontMetrics().horizontalAdvance(message) - room
        if missing <= 0:
            return
        logo = 0 if self.logo.isHidden() else self.logo.sizeHint().width()
        metrics = self.name.fontMetrics()
        width = metrics.horizontalAdvance(self.shown_name) - missing
        cut = metrics.elidedText(self.institution, Qt.TextElideMode.ElideRight, max(width, 0))
        if self.institution and width > 0 and len(cut) > SHORTEST_NAME:
            self.name.setText(cut)  # "Université Assane Seck d…"
        elif logo and missing <= full - logo:
            self.name.setVisible(False)  # the logo alone
        else:
            self.gave_way = True
            self.setVisible(False)  # the message, whole, matters more

    def _message(self) -> str:
        bar = self.parentWidget()
        return bar.currentMessage() if isinstance(bar, QStatusBar) else ""

    def moveEvent(self, event: QMoveEvent) -> None:
        """A neighbour grew or shrank (the sync indicator's '22 records kept on this
        computer'): the room beside a message shown changed."""
        super().moveEvent(event)
        if self.geometry().right() != self.right:
            self.fit_beside(self._message())

    def retranslate(self) -> None:
        """The name, cut short with an ellipsis past 40 characters (it may be 200 long and the
        status bar's indicators need the room); the whole name in the tooltip."""
        width = self.fontMetrics().averageCharWidth() * 40
        shown = self.fontMetrics().elidedText(self.institution, Qt.TextElideMode.ElideRight, width)
        self.shown_name = shown
        self.fit_beside(self._message())
        said = self.tr("Set up by %1") if self.institution else ""
        self.setToolTip(said.replace("%1", isolated(self.institution)))  # seen: isolated
        self.setAccessibleName(said.replace("%1", self.institution))  # read aloud: bare

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
