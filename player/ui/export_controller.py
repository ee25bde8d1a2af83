"""Exporting a course for a USB stick: the course open or chosen in the library, to a
`.cartable` archive the learner names, written on a worker.

`GettingCourses` (player/ui/getting_courses.py) owns it, with the message box it shows. Its words
were written, and translated, in `GettingCourses`: they keep that translation context
(`QCoreApplication.translate("GettingCourses", ...)`, not `self.tr`, whose context would be this
class).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from player.ui.announce import show_message
from player.ui.i18n import fill

if TYPE_CHECKING:
    from player.ui.getting_courses import GettingCourses


class ExportController(QObject):
    def __init__(self, getting: GettingCourses) -> None:
        super().__init__(getting)
        self.getting = getting
        self.window = getting.window
        self.services = getting.services

    def choose(self) -> None:
        course_id = self._current_course_id()
        if course_id is None:
            self.getting.tell(
                QMessageBox.Icon.Information,
                QCoreApplication.translate("GettingCourses", "Export course"),
                QCoreApplication.translate(
                    "GettingCourses", "Choose a course in the library first."
                ),
            )
            return
        installed = self.services.library.get(course_id)
        if installed is None:
            return
        from player.course.archive import ARCHIVE_SUFFIX

        suggested = Path.home() / f"{installed.id}-{installed.version}{ARCHIVE_SUFFIX}"
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            QCoreApplication.translate("GettingCourses", "Export “%1”").replace(
                "%1", installed.course.title
            ),
            str(suggested),
            QCoreApplication.translate("GettingCourses", "Cartable courses (*.cartable)"),
        )
        if name:
            path = Path(name)
            if path.suffix.lower() != ARCHIVE_SUFFIX:
                path = path.with_name(path.name + ARCHIVE_SUFFIX)
            self.export_to(course_id, path)

    def export_to(self, course_id: str, path: Path) -> None:
        library = self.services.library
        show_message(
            self.window.statusBar(),
            QCoreApplication.translate("GettingCourses", "Exporting to %1…").replace(
                "%1", path.name
            ),
        )
        self.services.tasks.run_task(
            lambda: library.export(course_id, path), self._exported, self._export_failed
        )

    def _exported(self, path: Path) -> None:
        from player.ui.library_view import format_size

        show_message(
            self.window.statusBar(),
            fill(
                QCoreApplication.translate(
                    "GettingCourses",
                    "Exported to %1 (%2): copy it to a USB stick, then import it elsewhere.",
                ),
                str(path),
                format_size(path.stat().st_size),
            ),
            15000,
        )

    def _export_failed(self, error: BaseException) -> None:
        self.window.statusBar().clearMessage()
        self.getting.tell(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("GettingCourses", "Export course"),
            QCoreApplication.translate(
                "GettingCourses", "The course could not be exported: %1"
            ).replace("%1", str(error)),
        )

    def _current_course_id(self) -> str | None:
        window = self.window
        if window.course_view is not None and window.stack.currentWidget() is window.course_view:
            return window.course_view.course.id
        if window.library_view is not None:
            return window.library_view.current_course_id()
        return None
