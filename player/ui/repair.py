"""Repair a course: re-hash every file, say which units are affected, and put good copies back
from a copy of the course (a `.cartable` archive or a repository folder: a USB stick, a
classmate's export), or fetch them again from a catalog when the downloads are running (the
`refetch` callable, from player.ui.downloads_controller).

Hashing, copying and fetching run on the task runner; the dialog only shows results.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from player.course.archive import Archive
from player.course.errors import CourseError
from player.course.package import ArchiveSource, FolderSource, Source
from player.library.library import InstalledCourse, Library
from player.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

# Fetches an installed course's damaged files again; raises with the reason when it cannot.
Refetch = Callable[[str], object]


@dataclass(frozen=True)
class CheckResult:
    course_id: str
    files: int
    damaged: tuple[str, ...]  # sha256 of the files missing or altered
    units: tuple[str, ...]  # titles of the units using them

    @property
    def intact(self) -> bool:
        return not self.damaged


def check_course(library: Library, course_id: str) -> CheckResult:
    """Re-hash every file of an installed course (slow: run it on the task runner)."""
    installed = library.get(course_id)
    if installed is None:
        return CheckResult(course_id, 0, (), ())
    return _result(installed, library.damaged_files(course_id))


def _result(installed: InstalledCourse, damaged: list[str]) -> CheckResult:
    """`installed` with `damaged` (sha256) missing or altered, and the units using them."""
    bad = set(damaged)
    units = tuple(
        unit.title
        for _, unit in installed.course.units()
        if any(ref.sha256 in bad for ref in unit.files())
    )
    return CheckResult(installed.id, len(installed.course.files()), tuple(damaged), units)


class RepairError(Exception):
    """The chosen copy cannot repair this course; `str()` names why (one line)."""


def repair_from(library: Library, course_id: str, path: Path) -> CheckResult:
    """Replace the damaged files of `course_id` from a copy holding the same version.

    Every file is read once: hashed here to find the damaged ones, which go; the install copies
    each missing file in through its hash and places none that differs. So each file of the
    course as it was is proven afterwards without reading it again (a 200 MiB course with one
    10 MiB file altered: 210 MiB read, not 410). Only a file named by another copy's manifest
    alone (the same version rebuilt) may have been found in the store at its size and kept
    unread, and a file that could not be read (copied over from the copy) or was replaced while
    it was hashed: those are hashed after the install."""
    installed = library.get(course_id)
    if installed is None:
        raise RepairError(f"{course_id} is not installed")
    key = (installed.id, installed.version)
    archive = Archive(path) if path.is_file() else None
    try:
        source: Source = ArchiveSource(archive) if archive else FolderSource(path)
        if key not in source.course_keys():
            raise RepairError(f"{path.name} has no copy of {installed.course.key}")
        # A course installed as verified is only repaired from a signed copy.
        opened = library.open(source, *key, allow_unsigned=not installed.verified)
        checked = library.remove_damaged(course_id)
        library.install(source, opened, origin=installed.source or path.name)
        # Present at their size, the install keeps them: a checked copy replaces each in one
        # rename, so a copy that fails leaves the file as it was.
        for sha256, _ in checked.unreadable:
            with contextlib.suppress(OSError, CourseError):
                library.blobs.add_from(source, installed.course.files()[sha256])
    except CourseError as exc:
        raise RepairError(str(exc)) from exc
    finally:
        if archive is not None:
            archive.close()
    repaired = library.get(course_id)
    if repaired is None:  # removed meanwhile (another Cartable)
        return CheckResult(course_id, 0, (), ())
    left = {sha for sha, _ in (*checked.unreadable, *checked.kept)}
    proven = set(installed.course.files()) - left
    unread = [ref for sha, ref in repaired.course.files().items() if sha not in proven]
    return _result(repaired, [ref.sha256 for ref in unread if not library.blobs.verify(ref)])


def refetch_from_catalog(library: Library, course_id: str, refetch: Refetch) -> CheckResult:
    """Fetch the damaged files again (network: run it on the task runner), then check again."""
    refetch(course_id)
    return check_course(library, course_id)


class RepairDialog(QDialog):
    """Check, show the result, offer to repair from a copy."""

    repaired = Signal(str)  # course id, once its files are all good again

    def __init__(
        self,
        library: Library,
        course_id: str,
        tasks: TaskRunner,
        parent: QWidget | None = None,
        refetch: Refetch | None = None,
    ) -> None:
        super().__init__(parent)
        self.refetch = refetch
        self.library = library
        self.course_id = course_id
        self.tasks = tasks
        self.result: CheckResult | None = None
        installed = library.get(course_id)
        self.title = installed.course.title if installed else course_id
        self.setWindowTitle(self.tr("Check files — %1").replace("%1", self.title))
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # course and unit titles, as written
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName(self.tr("Working"))
        if refetch is not None:
            note = self.tr(
                "Fetch the damaged files again from the course's catalog (this needs the "
                "network), or repair from a copy of the course: a .cartable file or a folder, "
                "for instance on a USB stick."
            )
        else:
            note = self.tr(
                "Repair from a copy of the course: a .cartable file or a folder, for instance "
                "on a USB stick."
            )
        self.online_note = QLabel(note, self)
        self.online_note.setWordWrap(True)
        self.online_note.setObjectName("muted")
        self.from_catalog = QPushButton(self.tr("Fetch again from the &catalog"), self)
        self.from_copy = QPushButton(self.tr("Repair from a &file…"), self)
        self.from_folder = QPushButton(self.tr("Repair from a f&older…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.from_catalog)
        buttons.addWidget(self.from_copy)
        buttons.addWidget(self.from_folder)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addWidget(self.online_note)
        layout.addLayout(buttons)
        self.from_catalog.clicked.connect(self.repair_from_catalog)
        self.from_copy.clicked.connect(self._choose_file)
        self.from_folder.clicked.connect(self._choose_folder)
        self.close_button.clicked.connect(self.accept)
        self._show_repair(False)

    def start(self) -> None:
        """Begin the check (the dialog is shown by the caller)."""
        self._working(self.tr("Checking every file of “%1”…").replace("%1", self.title))
        self.tasks.run_task(
            lambda: check_course(self.library, self.course_id), self._checked, self._failed
        )

    def repair(self, path: Path) -> None:
        self._working(self.tr("Repairing from %1…").replace("%1", path.name))
        self.tasks.run_task(
            lambda: repair_from(self.library, self.course_id, path), self._repaired, self._failed
        )

    def repair_from_catalog(self) -> None:
        refetch = self.refetch
        if refetch is None:
            return
        self._working(self.tr("Fetching the damaged files again…"))
        self.tasks.run_task(
            lambda: refetch_from_catalog(self.library, self.course_id, refetch),
            self._repaired,
            self._failed,
        )

    def _working(self, text: str) -> None:
        self.status.setText(text)
        self.busy.show()
        self._show_repair(False)
        self.close_button.setEnabled(False)

    def _checked(self, result: CheckResult) -> None:
        self.result = result
        self.busy.hide()
        self.close_button.setEnabled(True)
        if result.intact:
            self.status.setText(
                self.tr("All %1 files of this course are intact.").replace("%1", str(result.files))
            )
            self._show_repair(False)
            self.close_button.setFocus()
            return
        units = ", ".join(result.units)
        self.status.setText(
            self.tr("%1 of %2 files are missing or damaged. Affected: %3.")
            .replace("%1", str(len(result.damaged)))
            .replace("%2", str(result.files))
            .replace("%3", units or self.tr("the course cover"))
        )
        self._show_repair(True)
        (self.from_catalog if self.refetch is not None else self.from_copy).setFocus()

    def _repaired(self, result: CheckResult) -> None:
        self._checked(result)
        if result.intact:
            self.status.setText(
                self.tr("Repaired: all %1 files of this course are intact again.").replace(
                    "%1", str(result.files)
                )
            )
            self.repaired.emit(self.course_id)

    def _failed(self, exc: BaseException) -> None:
        log.warning("repair of %s: %s", self.course_id, exc)
        self.busy.hide()
        self.close_button.setEnabled(True)
        self.status.setText(self.tr("The course could not be repaired: %1").replace("%1", str(exc)))
        self._show_repair(self.result is not None and not self.result.intact)

    def _show_repair(self, visible: bool) -> None:
        for widget in (self.from_copy, self.from_folder, self.online_note):
            widget.setVisible(visible)
        self.from_catalog.setVisible(visible and self.refetch is not None)

    def _choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("A copy of the course"), "", self.tr("Cartable courses (*.cartable)")
        )
        if name:
            self.repair(Path(name))

    def _choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("A folder holding the course"))
        if name:
            self.repair(Path(name))
