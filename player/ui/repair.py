"""Repair a course: re-hash every file, say which units are affected, and put good copies back
from a copy of the course (a `.cartable` archive or a repository folder: a USB stick, a
classmate's export), or fetch them again from a catalog when the downloads are running (the
`refetch` callable, from player.ui.downloads_controller).

Hashing, copying and fetching run on the task runner; the dialog only shows results.
"""

from __future__ import annotations

import contextlib
import errno
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from player.course.archive import Archive
from player.course.errors import CourseError
from player.course.manifest import FileRef
from player.course.package import ArchiveSource, FolderSource, Source
from player.library.blobstore import READ_ERRORS, BlobState
from player.library.library import InstalledCourse, Library
from player.ui.file_dialogs import existing_directory, open_file_name
from player.ui.i18n import title_part
from player.ui.layouts import nested
from player.ui.screens import available_geometry
from player.ui.tasks import TaskRunner
from player.wording import isolated

log = logging.getLogger(__name__)

# Fetches an installed course's damaged files again; raises with the reason when it cannot.
Refetch = Callable[[str], object]

# Files that could not be read named one by one in the dialog; the others counted
UNREADABLE_LISTED = 3
# Read refused by a permission: the learner's or the administrator's to correct
DENIED = (errno.EACCES, errno.EPERM)
# A network home that went away (NFS's stale handle, a share disconnected)
NETWORK = (errno.ESTALE, errno.ENOTCONN, errno.EHOSTDOWN, errno.ETIMEDOUT)


@dataclass(frozen=True)
class UnreadableFile:
    """A file of the course that could not be read: its bytes are unknown, so it is not said
    damaged, and the learner is told where it is and why (a permission they can correct)."""

    path: Path
    reason: str  # the system's words (strerror), when `error` has none of ours
    error: int | None  # errno; None: not a regular file


@dataclass(frozen=True)
class CheckResult:
    course_id: str
    files: int
    damaged: tuple[str, ...]  # sha256 of the files missing or altered
    units: tuple[str, ...]  # titles of the units using them
    unreadable: tuple[UnreadableFile, ...] = ()  # left in place, whatever a repair did

    @property
    def intact(self) -> bool:
        return not self.damaged and not self.unreadable

    @property
    def rewritable(self) -> bool:
        """Some file could not be read for a disk's read error: a new copy, fetched and written
        in its place, cures it (`CourseDownloads.refetch`)."""
        return any(file.error in READ_ERRORS for file in self.unreadable)

    @property
    def fetchable(self) -> bool:
        """Fetching again from a catalog repairs something (not a permission, not a network
        folder gone: those are the learner's to correct)."""
        return bool(self.damaged) or self.rewritable


def check_course(library: Library, course_id: str) -> CheckResult:
    """Re-hash every file of an installed course (slow: run it on the task runner)."""
    installed = library.get(course_id)
    if installed is None:
        return CheckResult(course_id, 0, (), ())
    return _hashed(library, installed, installed.course.files().values())


def _hashed(library: Library, installed: InstalledCourse, refs: Iterable[FileRef]) -> CheckResult:
    """`installed` with `refs` re-hashed: those missing or altered are damaged, those that could
    not be read are told apart (a read error is no proof of damage)."""
    damaged: list[str] = []
    unreadable: list[UnreadableFile] = []
    for ref in refs:
        checked = library.blobs.check(ref)
        if checked.state is BlobState.UNREADABLE:
            path = library.blob_path(ref.sha256)
            unreadable.append(UnreadableFile(path, checked.reason, checked.error))
        elif checked.state is not BlobState.INTACT:
            damaged.append(ref.sha256)
    return _result(installed, damaged, tuple(unreadable))


def _result(
    installed: InstalledCourse, damaged: list[str], unreadable: tuple[UnreadableFile, ...] = ()
) -> CheckResult:
    """`installed` with `damaged` (sha256) missing or altered, and the units using them."""
    bad = set(damaged)
    units = tuple(
        unit.title
        for _, unit in installed.course.units()
        if any(ref.sha256 in bad for ref in unit.files())
    )
    files = len(installed.course.files())
    return CheckResult(installed.id, files, tuple(damaged), units, unreadable)


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
    left = {sha for sha, *_ in (*checked.unreadable, *checked.kept, *checked.set_aside)}
    proven = set(installed.course.files()) - left
    unread = [ref for sha, ref in repaired.course.files().items() if sha not in proven]
    return _hashed(library, repaired, unread)


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
        product: str = "Cartable",
    ) -> None:
        super().__init__(parent)
        self.refetch = refetch
        self.product = product  # the branding's name, in a Fetch again's refusal
        self.library = library
        self.course_id = course_id
        self.tasks = tasks
        self.result: CheckResult | None = None
        installed = library.get(course_id)
        self.title = installed.course.title if installed else course_id
        title = isolated(title_part(self.title))  # a course title's "[*]" kept
        self.setWindowTitle(self.tr("Check files — %1").replace("%1", title))

        self.status = QLabel(self)
        # On the label, not the dialog: a dialog's own minimum width keeps its layout from
        # growing it (or keeping it) wide enough for the buttons.
        self.least_width = self.fontMetrics().averageCharWidth() * 60
        self.status.setMinimumWidth(self.least_width)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # course and unit titles, as written
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName(self.tr("Working"))
        self.online_note = QLabel(self)
        self.online_note.setWordWrap(True)
        self.online_note.setObjectName("muted")
        self.from_catalog = QPushButton(self.tr("Fetch again from the &catalog"), self)
        self.from_copy = QPushButton(self.tr("Repair from a &file…"), self)
        self.from_folder = QPushButton(self.tr("Repair from a f&older…"), self)
        self.close_button = QPushButton(self.tr("Close"), self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.busy)
        layout.addWidget(self.online_note)
        buttons = nested(layout, QHBoxLayout())
        buttons.addWidget(self.from_catalog)
        buttons.addWidget(self.from_copy)
        buttons.addWidget(self.from_folder)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        self.from_catalog.clicked.connect(self.repair_from_catalog)
        self.from_copy.clicked.connect(self._choose_file)
        self.from_folder.clicked.connect(self._choose_folder)
        self.close_button.clicked.connect(self.accept)
        self._show_repair(False)

    def start(self) -> None:
        """Begin the check (the dialog is shown by the caller)."""
        self._working(self.tr("Checking every file of “%1”…").replace("%1", isolated(self.title)))
        self.tasks.run_task(
            lambda: check_course(self.library, self.course_id), self._checked, self._failed
        )

    def repair(self, path: Path) -> None:
        self._working(self.tr("Repairing from %1…").replace("%1", isolated(path.name)))
        self.tasks.run_task(
            lambda: repair_from(self.library, self.course_id, path), self._repaired, self._failed
        )

    def repair_from_catalog(self) -> None:
        refetch = self.refetch
        if refetch is None:
            return
        rewrite = self.result is not None and self.result.rewritable
        self._working(
            self.tr("Fetching the files again…")
            if rewrite
            else self.tr("Fetching the damaged files again…")
        )
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
                self.tr("All %1 files of this course are intact.").replace(
                    "%1", QLocale().toString(result.files)
                )
            )
            self._show_repair(False)
            self.close_button.setFocus()
            return
        found = []
        if result.damaged:
            units = ", ".join(isolated(unit) for unit in result.units)
            # No agreement with the count ("1 of 11 files are"), and the units' titles close
            # the line with their own punctuation ("Qu'est-ce qu'un MOOC ?", not "… ?.").
            count = (
                self.tr("Missing or damaged files: %1 of %2.")
                .replace("%1", QLocale().toString(len(result.damaged)))
                .replace("%2", QLocale().toString(result.files))
            )
            affected = self.tr("Affected: %1").replace("%1", units or self.tr("the course cover"))
            found.append(f"{count} {affected}")
        if result.unreadable:
            found.append(self._unreadable_text(result.unreadable))
            # A path wraps at its slashes; its file name (64 hex digits) must fit whole.
            names = (file.path.name for file in result.unreadable[:UNREADABLE_LISTED])
            metrics = self.status.fontMetrics()
            widest = max(metrics.horizontalAdvance(n) + 2 for n in names)
            self.status.setMinimumWidth(max(self.least_width, widest))
        self.status.setText("\n\n".join(found))
        self._show_repair(True, catalog=result.fetchable, rewrite=result.rewritable)
        self._fit()
        (self.from_catalog if self.from_catalog.isVisibleTo(self) else self.from_copy).setFocus()

    def _unreadable_text(self, files: tuple[UnreadableFile, ...]) -> str:
        """Each file that could not be read, where it is and why, and what to do: a permission is
        the learner's (or the administrator's) to correct, and nothing was removed."""
        lines = [
            self.tr("%1 cannot be read: %2.")
            .replace("%1", isolated(str(file.path)))
            .replace("%2", self._why_unreadable(file))
            for file in files[:UNREADABLE_LISTED]
        ]
        if len(files) > UNREADABLE_LISTED:
            lines.append(self.tr("…and %Ln more.", "", len(files) - UNREADABLE_LISTED))
        if any(file.error in DENIED for file in files):
            lines.append(
                self.tr(
                    "Nothing was removed. Give your user account the right to read these files "
                    "(or ask this computer's administrator), then check the files again."
                )
            )
        rewrite = self.refetch is not None and any(file.error in READ_ERRORS for file in files)
        if rewrite:
            lines.append(
                self.tr(
                    "Nothing was removed. The disk may be failing: fetch these files again (each "
                    "new copy is written elsewhere on the disk and replaces the unreadable one "
                    "once verified), or repair from a copy of the course."
                )
            )
        others = (READ_ERRORS + DENIED) if rewrite else DENIED
        if any(file.error not in others for file in files):
            lines.append(
                self.tr(
                    "Nothing was removed. The disk may be failing: check the files again later, "
                    "or repair from a copy of the course."
                )
            )
        return "\n".join(lines)

    def _why_unreadable(self, file: UnreadableFile) -> str:
        if file.error in DENIED:
            return self.tr("permission denied")
        if file.error == errno.EIO:
            return self.tr("the disk reported a read error")
        if file.error in (None, errno.EISDIR):
            return self.tr("it is not a regular file")
        if file.error in NETWORK:
            return self.tr("the network folder holding it does not answer")
        # Rarer cases: the system's own words (English), said to be the system's.
        return self.tr("the system says: %1").replace("%1", file.reason)

    def _repaired(self, result: CheckResult) -> None:
        self._checked(result)
        if result.intact:
            self.status.setText(
                self.tr("Repaired: all %1 files of this course are intact again.").replace(
                    "%1", QLocale().toString(result.files)
                )
            )
            self.repaired.emit(self.course_id)

    def _failed(self, exc: BaseException) -> None:
        # Fetch again refused by the downloads (a folder that cannot lock, another Cartable
        # downloading, no catalog): said as the Downloads page says it, not the engine's line.
        from player.library.download_refusals import DownloadRefused  # loaded once downloads run
        from player.ui.downloads_view import failure_words

        log.warning("repair of %s: %s", self.course_id, exc)
        self.busy.hide()
        self.close_button.setEnabled(True)
        why = (
            failure_words(str(exc), exc.kind, self.product)
            if isinstance(exc, DownloadRefused)
            else str(exc)
        )
        self.status.setText(self.tr("The course could not be repaired: %1").replace("%1", why))
        result = self.result
        self._show_repair(
            result is not None and not result.intact,
            catalog=bool(result and result.fetchable),
            rewrite=bool(result and result.rewritable),
        )
        self._fit()

    def _fit(self) -> None:
        """Grow to show the findings and the buttons whole, within the screen: the dialog opens
        sized for "Checking…", and a window shown never grows by itself for longer text."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        wanted = self.size().expandedTo(self.sizeHint())  # the wrapped text's height included
        room = available_geometry(self)
        if room is not None:
            wanted = wanted.boundedTo(room.size())
        if wanted == self.size():
            return
        self.resize(wanted)
        if room is None:
            return
        frame = self.frameGeometry()
        frame.moveRight(min(frame.right(), room.right()))
        frame.moveBottom(min(frame.bottom(), room.bottom()))
        frame.moveLeft(max(frame.left(), room.left()))
        frame.moveTop(max(frame.top(), room.top()))
        self.move(frame.topLeft())

    def _show_repair(self, visible: bool, *, catalog: bool = True, rewrite: bool = False) -> None:
        """The repairs offered: fetching again only when files are missing or damaged, or a
        disk's read error stopped them (`rewrite`: a new copy replaces each), since a file a
        permission stops is left to the learner (see `CourseDownloads.refetch`)."""
        for widget in (self.from_copy, self.from_folder, self.online_note):
            widget.setVisible(visible)
        fetch = catalog and self.refetch is not None
        self.from_catalog.setVisible(visible and fetch)
        if fetch and rewrite:
            note = self.tr(
                "Fetch these files again from the course's catalog (this needs the network): "
                "each new copy replaces the file there once verified. Or repair from a copy of "
                "the course: a .cartable file or a folder, for instance on a USB stick."
            )
        elif fetch:
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
        self.online_note.setText(note)

    def _choose_file(self) -> None:
        name = open_file_name(
            self, self.tr("A copy of the course"), self.tr("Cartable courses (*.cartable)")
        )
        if name:
            self.repair(Path(name))

    def _choose_folder(self) -> None:
        name = existing_directory(self, self.tr("A folder holding the course"))
        if name:
            self.repair(Path(name))
