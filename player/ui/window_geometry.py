"""The main window's size and place on screen, kept between runs in the settings file.

1280x720 by default, centred with room for the window manager's frame; on a smaller screen
(1024x600) maximized, so the frame never runs off it. A place saved on a screen that is gone (a
projector, a second monitor) is forgotten.
"""

from __future__ import annotations

import binascii
import logging
import struct
from base64 import b64decode, b64encode

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

DEFAULT_SIZE = QSize(1280, 720)
# Room for a window manager's title bar and borders around the default size: a screen with
# less opens the window maximized, so the frame never runs off the screen (1280x720, 1024x600).
FRAME_ALLOWANCE = QSize(32, 64)
GEOMETRY_MAGIC = 0x1D9D0CB  # QWidget::saveGeometry()'s first word
GEOMETRY_HEADER = struct.Struct(">IHHiiii")


def saved_frame(data: bytes) -> QRect | None:
    """The frame rectangle a QWidget.saveGeometry() recorded (its header, big-endian as a
    QDataStream at Qt_4_0 writes it: magic, version, frame geometry as left, top, right,
    bottom), or None when the bytes are not one. Read with struct: a QDataStream and its `>>`
    make PySide build a dozen enum types first, 4 ms of every start after the first."""
    if len(data) < GEOMETRY_HEADER.size:
        return None
    magic, major, _minor, left, top, right, bottom = GEOMETRY_HEADER.unpack_from(data)
    if magic != GEOMETRY_MAGIC or major < 1:
        return None
    frame = QRect(QPoint(left, top), QPoint(right, bottom))
    return frame if frame.isValid() else None


def place(window: QWidget, saved: str) -> None:
    """Before the first show: where the learner left the window last time (`saved`, if that
    place is still on a screen), else 1280x720 centred with room for the frame, else, on a
    smaller screen, maximized (the window manager then fits the frame to the screen)."""
    if saved and _restore(window, saved):
        return
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return
    available = screen.availableGeometry()
    needed = DEFAULT_SIZE + FRAME_ALLOWANCE
    if available.width() < needed.width() or available.height() < needed.height():
        # the size it takes when un-maximized, its frame still on the screen
        window.resize((available.size() - FRAME_ALLOWANCE).boundedTo(DEFAULT_SIZE))
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return
    frame = QRect(available.topLeft(), needed)
    frame.moveCenter(available.center())
    window.setGeometry(QRect(frame.topLeft() + QPoint(16, 48), DEFAULT_SIZE))


def _restore(window: QWidget, saved: str) -> bool:
    try:
        data = b64decode(saved, validate=True)
    except (binascii.Error, ValueError):
        log.warning("ignoring a damaged window geometry")
        return False
    frame = saved_frame(data)
    screens = [s.availableGeometry() for s in QGuiApplication.screens()]
    if frame is None or not any(area.contains(frame.center()) for area in screens):
        log.info("ignoring a window geometry off every screen: %s", frame)
        return False  # its screen is gone (a projector, a second monitor): the default
    return window.restoreGeometry(data)


def encoded(window: QWidget) -> str:
    """The window's size and place as the settings file keeps them."""
    return b64encode(window.saveGeometry().data()).decode()
