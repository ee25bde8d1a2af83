"""The main window's pages (the profile chooser, the library, a course, My progress…): one
shown at a time, each dropped when the window leaves it for good.

Layout only: `MainWindow` decides which page shows.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QStackedWidget, QWidget

from player.ui.screens import available_geometry


class Pages(QStackedWidget):
    """Never smaller than a floor that keeps buttons whole and texts readable (a page asking
    more, like the course's, gets more): from the font, 120 average characters by 26 lines
    (720x364 at the usual 9 pt; the menu and status bars come on top), and within the screen,
    so an 800x500 or a 1024x600 screen still holds the window."""

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        floor = QSize(metrics.averageCharWidth() * 120, metrics.height() * 26)
        room = available_geometry(self)
        if room is not None:
            floor = floor.boundedTo(room.size())
        return super().minimumSizeHint().expandedTo(floor)

    def show_page(self, page: QWidget) -> None:
        """A new page, shown."""
        self.addWidget(page)
        self.setCurrentWidget(page)

    def drop(self, page: QWidget) -> None:
        """A page the window is done with, deleted once the events at hand are handled."""
        self.removeWidget(page)
        page.deleteLater()
