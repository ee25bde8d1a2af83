"""Per-unit state icons, painted (no image files) so they follow the palette and any scaling.

Each state has its own shape, not only its own colour: an empty ring (not started), a half disc
(in progress), a ring with a clock's hands (an exam submitted, waiting for its grade), a disc
with a tick (done), a disc with a tick inside a second ring (passed), a disc with a cross (failed).
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPalette, QPen, QPixmap

from player.store.progress import UnitStatus
from player.ui.theme import colors_from_palette

# What the outline shows: a unit's progress status, or an exam handed in and not graded yet
# (its progress says "completed", which must not read as done: the grade decides).
ShownStatus = UnitStatus | Literal["submitted"]


def status_text(status: ShownStatus) -> str:
    return {
        "not_attempted": QCoreApplication.translate("Status", "Not started"),
        "in_progress": QCoreApplication.translate("Status", "In progress"),
        "submitted": QCoreApplication.translate("Status", "Submitted, waiting for the grade"),
        "completed": QCoreApplication.translate("Status", "Done"),
        "passed": QCoreApplication.translate("Status", "Passed"),
        "failed": QCoreApplication.translate("Status", "Failed"),
    }[status]


def paint_status(
    painter: QPainter,
    rect: QRectF,
    status: ShownStatus,
    palette: QPalette,
    selected: bool = False,
) -> None:
    """`selected`: drawn in the highlighted text colour, on a selection's background."""
    colors = colors_from_palette(palette)
    fill = {
        "not_attempted": QColor(colors.muted),
        "in_progress": QColor(colors.accent),
        "submitted": QColor(colors.accent),
        "completed": QColor(colors.accent),
        "passed": QColor(colors.good),
        "failed": QColor(colors.bad),
    }[status]
    mark_color = QColor(colors.accent_text if status == "completed" else "#ffffff")
    if selected:
        fill = palette.color(QPalette.ColorRole.HighlightedText)
        mark_color = palette.color(QPalette.ColorRole.Highlight)
    side = min(rect.width(), rect.height())
    line = max(1.0, side / 10)
    r = QRectF(0, 0, side, side)
    r.moveCenter(rect.center())
    inner = r.adjusted(line * 1.5, line * 1.5, -line * 1.5, -line * 1.5)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(fill, line))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    if status == "not_attempted":
        painter.drawEllipse(inner)
    elif status == "in_progress":
        painter.drawEllipse(inner)
        half = QPainterPath()
        half.moveTo(inner.center())
        half.arcTo(inner, 90, 180)
        half.closeSubpath()
        painter.fillPath(half, fill)
    elif status == "submitted":  # a clock: handed in, the grade to come
        painter.drawEllipse(inner)
        hands = QPen(fill, line * 1.2)
        hands.setCapStyle(Qt.PenCapStyle.RoundCap)
        hands.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(hands)
        c, w, h = inner.center(), inner.width(), inner.height()
        clock = QPainterPath()
        clock.moveTo(c.x(), c.y() - h * 0.30)
        clock.lineTo(c)
        clock.lineTo(c.x() + w * 0.22, c.y() + h * 0.10)
        painter.drawPath(clock)
    else:
        if status == "passed":
            painter.drawEllipse(r.adjusted(line / 2, line / 2, -line / 2, -line / 2))
            disc = inner.adjusted(line, line, -line, -line)
        else:
            disc = inner
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(fill)
        painter.drawEllipse(disc)
        mark = QPen(mark_color, line * 1.4)
        mark.setCapStyle(Qt.PenCapStyle.RoundCap)
        mark.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(mark)
        w, h, x, y = disc.width(), disc.height(), disc.left(), disc.top()
        if status == "failed":
            painter.drawLine(
                QPointF(x + w * 0.32, y + h * 0.32), QPointF(x + w * 0.68, y + h * 0.68)
            )
            painter.drawLine(
                QPointF(x + w * 0.68, y + h * 0.32), QPointF(x + w * 0.32, y + h * 0.68)
            )
        else:
            tick = QPainterPath()
            tick.moveTo(x + w * 0.28, y + h * 0.52)
            tick.lineTo(x + w * 0.44, y + h * 0.68)
            tick.lineTo(x + w * 0.72, y + h * 0.34)
            painter.drawPath(tick)
    painter.restore()


class StatusIcons:
    """One QIcon per state for the current palette, rebuilt when the palette changes."""

    def __init__(self) -> None:
        self._icons: dict[tuple[str, int], QIcon] = {}

    def icon(self, status: ShownStatus, palette: QPalette, size: int) -> QIcon:
        key = (status, palette.cacheKey())
        found = self._icons.get(key)
        if found is not None:
            return found
        icon = QIcon()
        for scale in (1, 2):
            for mode in (QIcon.Mode.Normal, QIcon.Mode.Selected):
                pixmap = QPixmap(size * scale, size * scale)
                pixmap.setDevicePixelRatio(scale)
                pixmap.fill(Qt.GlobalColor.transparent)
                painter = QPainter(pixmap)
                selected = mode == QIcon.Mode.Selected
                paint_status(painter, QRectF(0, 0, size, size), status, palette, selected)
                painter.end()
                icon.addPixmap(pixmap, mode)
        self._icons[key] = icon
        return icon
