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
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

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


class InstitutionBadge(QWidget):
    """The institution's logo and name, one line high: who set this player up, on every page."""

    def __init__(self, branding: Branding, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.logo = LogoLabel(branding, 1.25, self)
        self.name = QLabel(self)
        self.name.setObjectName("muted")
        self.name.setTextFormat(Qt.TextFormat.PlainText)  # a name, never markup
        self.institution = branding.institution
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.logo)
        layout.addWidget(self.name)
        self.retranslate()

    def retranslate(self) -> None:
        """The name, cut short with an ellipsis past 40 characters (it may be 200 long and the
        status bar's indicators need the room); the whole name in the tooltip."""
        width = self.fontMetrics().averageCharWidth() * 40
        shown = self.fontMetrics().elidedText(self.institution, Qt.TextElideMode.ElideRight, width)
        self.name.setText(shown)
        self.name.setVisible(bool(self.institution))
        said = self.tr("Set up by %1") if self.institution else ""
        self.setToolTip(said.replace("%1", isolated(self.institution)))  # seen: isolated
        self.setAccessibleName(said.replace("%1", self.institution))  # read aloud: bare

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
