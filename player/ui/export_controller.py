"""Exporting a course for a USB stick: the course open or chosen in the library, to a
`.cartable` archive the learner names, written on a worker.

`GettingCourses` (player/ui/getting_courses.py) owns it, with the message box it shows. Its words
were written, and translated, in `GettingCourses`: they keep that translation context
(`QCoreApplication.translate("GettingCourses", ...)`, not `self.tr`, whose context would be this
class).
"""

from __future__ import annotations

import errno
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMessageBox

from player.ui.announce import show_message
from player.ui.file_dialogs import save_file_name
from player.ui.i18n import fill
from player.ui.library_cards import format_size
from player.wording import isolated

if TYPE_CHECKING:
    from player.ui.getting_courses import GettingCourses


class ExportController(QObject):
    def __init__(self, getting: GettingCourses) -> None:
        super().__init__(getting)
        self.getting = getting
        self.window = getting.window
        self.services = getting.services
        self.exporting: Counter[str] = Counter()  # the courses whose export runs (removal waits)

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
        if installed is None or self._being_removed(course_id):
            return
        from player.course.archive import ARCHIVE_SUFFIX

        suggested = Path.home() / f"{installed.id}-{installed.version}{ARCHIVE_SUFFIX}"
        name = save_file_name(
            self.window,
            QCoreApplication.translate("GettingCourses", "Export “%1”").replace(
                "%1", isolated(installed.course.title)
            ),
            suggested,
            QCoreApplication.translate("GettingCourses", "Cartable courses (*.cartable)"),
        )
        if name:
            path = Path(name)
            if path.suffix.lower() != ARCHIVE_SUFFIX:
                path = path.with_name(path.name + ARCHIVE_SUFFIX)
            self.export_to(course_id, path)

    def export_to(self, course_id: str, path: Path) -> None:
        if self._being_removed(course_id):
            return
        library = self.services.library
        self.exporting[course_id] += 1
        show_message(
            self.window.statusBar(),
            QCoreApplication.translate("GettingCourses", "Exporting to %1…").replace(
                "%1", isolated(path.name)
            ),
        )
        self.services.tasks.run_task(
            lambda: library.export(course_id, path),
            lambda written: self._exported(course_id, written),
            lambda error: self._export_failed(course_id, path, error),
        )

    def _being_removed(self, course_id: str) -> bool:
        """Refused, and said, while the course is being removed: its files go under the export,
        which would fail half-way (a removal waits for an export, not the other way round)."""
        removing = self.getting.removals.removing
        if removing is None or removing.id != course_id:
            return False
        self.getting.tell(
            QMessageBox.Icon.Information,
            QCoreApplication.translate("GettingCourses", "Export course"),
            QCoreApplication.translate(
                "GettingCourses", "“%1” is being removed: it cannot be exported."
            ).replace("%1", isolated(removing.course.title)),
        )
        return True

    def _ended(self, course_id: str) -> None:
        self.exporting[course_id] -= 1
        if self.exporting[course_id] <= 0:
            del self.exporting[course_id]

    def _exported(self, course_id: str, path: Path) -> None:
        """Said without guessing where `path` is: a USB stick, a shared drive or this disk."""
        self._ended(course_id)
        show_message(
            self.window.statusBar(),
            fill(
                QCoreApplication.translate(
                    "GettingCourses",
                    "Saved as %1 (%2). Another %3 can import it from there.",
                ),
                isolated(str(path)),
                format_size(path.stat().st_size),
                isolated(self.services.context.branding.product_name),
            ),
            15000,
        )

    def _export_failed(self, course_id: str, path: Path, error: BaseException) -> None:
        """Why `path` was not written, in the learner's words: the system's (English, naming a
        temporary file) go to the details. The archive is written whole or not at all."""
        self._ended(course_id)
        self.window.statusBar().clearMessage()
        self.getting.tell(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("GettingCourses", "Export course"),
            export_problem(error).replace("%1", isolated(path.name)),
            details=str(error),
        )

    def _current_course_id(self) -> str | None:
        window = self.window
        if window.course_view is not None and window.stack.currentWidget() is window.course_view:
            return window.course_view.course.id
        if window.library_view is not None:
            return window.library_view.current_course_id()
        return None


def export_problem(error: BaseException) -> str:
    """Why an export failed, one sentence ("%1": the archive's name), by what the learner can
    do about it: a folder gone, a full stick, one that refuses writing, anything else."""
    from player.library.library import NoSuchFolder

    if isinstance(error, NoSuchFolder):  # the dialog offered it: a stick removed since
        return QCoreApplication.translate(
            "GettingCourses",
            "“%1” was not written: the folder chosen for it is no longer there (was the USB "
            "stick removed?). Nothing was written; choose another place.",
        )
    code = error.errno if isinstance(error, OSError) else None
    if code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return QCoreApplication.translate(
            "GettingCourses",
            "“%1” was not written: the USB stick or disk is full. Nothing was left half-written; "
            "free some space on it or choose another place.",
        )
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return QCoreApplication.translate(
            "GettingCourses",
            "“%1” was not written: this place cannot be written to (a USB stick that is "
            "read-only or locked?). Choose another place.",
        )
    return QCoreApplication.translate(
        "GettingCourses",
        "“%1” was not written: the course could not be exported. Nothing was left "
        "half-written; the details say what went wrong.",
    )
