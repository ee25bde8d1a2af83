"""Minutes studied per day, painted (`StudyChart`): no chart module to ship, and it follows the
palette."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from player.store.progress import DayTotal
from player.ui.assessment_common import minutes_text
from player.ui.theme import colors_from_palette


class StudyChart(QWidget):
    """Minutes studied per day as bars, today on the right; painted with the palette."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: tuple[DayTotal, ...] = ()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 30, line * 9)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 12, line * 9)

    def set_days(self, days: Sequence[DayTotal]) -> None:
        self.days = tuple(days)
        self._describe()
        self.update()

    def scale_minutes(self) -> int:
        """The top of the scale: the longest day rounded up to 15 minutes (30 at least)."""
        longest = max((d.seconds for d in self.days), default=0.0) / 60
        return max(30, int(-(-longest // 15) * 15))

    def _describe(self) -> None:
        total = sum(d.seconds for d in self.days)
        week = sum(d.seconds for d in self.days[-7:])
        today = self.days[-1].seconds if self.days else 0.0
        self.setAccessibleName(
            QCoreApplication.translate("Dashboard", "Time studied per day, last 4 weeks")
        )
        self.setAccessibleDescription(
            QCoreApplication.translate("Dashboard", "Today: %1. Last 7 days: %2. Last 4 weeks: %3.")
            .replace("%1", minutes_text(today))
            .replace("%2", minutes_text(week))
            .replace("%3", minutes_text(total))
        )
        self.setToolTip(self.accessibleDescription())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def _area(self) -> QRectF:
        """Where the bars stand: right of the scale's labels, above the dates."""
        metrics = self.fontMetrics()
        line = metrics.height()
        left = metrics.horizontalAdvance(minutes_text(self.scale_minutes() * 60)) + line // 2
        return QRectF(left, line / 2, self.width() - left - line / 2, self.height() - line * 2.2)

    def bar_rect(self, index: int) -> QRectF:
        """The bar of day `index` (empty for a day without study)."""
        area = self._area()
        slot = area.width() / max(1, len(self.days))
        width = max(2.0, slot * 0.7)
        x = area.left() + index * slot + (slot - width) / 2
        seconds = self.days[index].seconds
        height = min(1.0, seconds / 60 / self.scale_minutes()) * area.height()
        if seconds > 0:
            height = max(height, 2.0)
        return QRectF(x, area.bottom() - height, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        colors = colors_from_palette(self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        line = metrics.height()
        area = self._area()
        left = area.left()
        muted = QColor(colors.muted)
        painter.setPen(QPen(muted, 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.setPen(QPen(QColor(colors.border), 1, Qt.PenStyle.DashLine))
        painter.drawLine(area.topLeft(), area.topRight())
        painter.setPen(muted)
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top_label = minutes_text(self.scale_minutes() * 60)
        painter.drawText(QRectF(0, area.top() - line / 2, left - line / 4, line), right, top_label)
        painter.drawText(QRectF(0, area.bottom() - line / 2, left - line / 4, line), right, "0")
        accent = QColor(colors.accent)
        lighter = QColor(accent)
        lighter.setAlphaF(0.55)
        locale = QLocale()
        last = len(self.days) - 1
        for index, day in enumerate(self.days):
            rect = self.bar_rect(index)
            if day.seconds > 0:
                painter.fillRect(rect, accent if index == last else lighter)
            if index % 7 == last % 7:  # a date under today and every week before
                text = locale.toString(day.day, "d MMM")
                width = metrics.horizontalAdvance(text) + 4
                start = min(max(rect.center().x() - width / 2, 0.0), self.width() - width)
                painter.setPen(muted)
                painter.drawText(
                    QRectF(start, area.bottom() + line * 0.2, width, line),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    text,
                )
        if not any(d.seconds for d in self.days):
            painter.setPen(muted)
            painter.drawText(
                area,
                int(Qt.AlignmentFlag.AlignCenter),
                QCoreApplication.translate("Dashboard", "No study time yet"),
            )
        if self.hasFocus():
            painter.setPen(QPen(QColor(colors.accent), 2))
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._describe()
        super().changeEvent(event)
