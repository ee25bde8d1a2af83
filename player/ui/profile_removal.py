"""Delete… and Save a copy of the records… in Manage profiles. Delete offers a copy of the
learner's records first (the store's `records.export`, the file `cartable records export` writes
and another Cartable imports; another learner's PIN asked before the copy), then the last
question, saying how many records have not reached the institution yet. Save a copy of the
records… is that copy alone: a learner carrying their records to another computer, or keeping a
backup, had to start deleting their own profile and cancel at the last question.

The copy is written on a worker (the one task runner, on a connection of its own), the profile
buttons and Close greyed meanwhile, as during an import: 80,000 statements took 4 to 6 s, the
window frozen; closed meanwhile, a copy failing was said to no one. Delete's last question waits
for it. Quitting stops it (its cancel set at aboutToQuit): the quit waits 2 s for the workers,
then leaves, and a copy cut off there left its temporary file on the stick. A target that is
no ordinary file (a pipe, a device) is refused before anything is written: writing into a pipe
no one reads waited for ever. The file dialog opens in the folder of the last records file saved
or imported (Settings.records_folder), as Import records… does.

Apart from `ProfilesDialog` (player/ui/profiles_dialog.py), which holds the list and the buttons:
the longest of its questions, a message box, a file dialog and a form in turn. Its words were
written, and translated, in `ProfilesDialog`: they keep that translation context
(`QCoreApplication.translate("ProfilesDialog", ...)`, not `self.tr`, whose context would be this
class; the plural stays the dialog's: `ProfilesDialog.unsent`). It reaches the dialog as its
parent, holding no reference to it: no cycle between them.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import threading
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from shiboken6 import isValid

from player.records_import import records_of_own
from player.store.database import StoreError
from player.store.profiles import Profile
from player.store.records import ExportReport
from player.store.records_file import ExportCancelled
from player.ui.file_dialogs import documents_folder, file_dialog
from player.ui.form_dialog import Problem
from player.ui.i18n import fill, title_part
from player.ui.question_box import QuestionBox
from player.wording import isolated

if TYPE_CHECKING:
    from player.ui.profiles_dialog import ProfilesDialog

log = logging.getLogger(__name__)


class ProfileRemoval(QObject):
    """Delete…, its Save a copy first…, and Save a copy of the records… of Manage profiles
    (its child)."""

    def __init__(self, dialog: ProfilesDialog) -> None:
        super().__init__(dialog)
        self.question: QMessageBox | None = None
        self.file_dialog: QFileDialog | None = None
        self.problem: QMessageBox | None = None  # why the last copy was not saved, while shown
        # What the open questions go on to do, kept here for their methods (_delete_chosen,
        # _file_selected): see ProfilesDialog._form_finished.
        self._deleting: Profile | None = None
        self._exporting: tuple[Profile, Callable[[], None] | None] | None = None
        self.copies: dict[str, Path] = {}  # profile id -> the copy of its records saved here
        self.saving: Profile | None = None  # whose copy a worker writes now

    @property
    def dialog(self) -> ProfilesDialog:
        return cast("ProfilesDialog", self.parent())

    def ask(self) -> None:
        """First: offer a copy of the records. Then: confirm (with the PIN if there is one)."""
        dialog = self.dialog
        profile = dialog.selected()
        if profile is None:
            return
        box = QuestionBox(  # a bare "w" deletes nothing; "Binta [*]" keeps its "[*]"
            QMessageBox.Icon.Question,
            QCoreApplication.translate("ProfilesDialog", "Delete %1").replace(
                "%1", isolated(title_part(profile.name))
            ),
            fill(
                QCoreApplication.translate(
                    "ProfilesDialog",
                    "Deleting %1 removes all of %1's learning records from this computer. "
                    "Save a copy of them first? The copy can be imported into %2 on any "
                    "computer.",
                ),
                isolated(profile.name),
                isolated(dialog.product),
            ),
            parent=dialog,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the name as typed, never markup
        save = box.addButton(
            QCoreApplication.translate("ProfilesDialog", "&Save a copy first\u2026"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(
            QCoreApplication.translate("ProfilesDialog", "Delete &without a copy"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        box.addButton(
            QCoreApplication.translate("ProfilesDialog", "Cancel"),
            QMessageBox.ButtonRole.RejectRole,
        )
        box.setDefaultButton(save)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._delete_chosen)  # a method: see ProfilesDialog._form_finished
        self.question = box
        self._deleting = profile
        box.open()

    def _delete_chosen(self, _result: int) -> None:
        box, profile = self.question, self._deleting
        self.question = self._deleting = None
        if box is None or profile is None:
            return
        clicked = box.clickedButton()
        role = box.buttonRole(clicked) if clicked is not None else None
        save = role == QMessageBox.ButtonRole.AcceptRole
        if save and profile.has_pin and profile.id != self.dialog.current_id:
            # Another learner's records: their PIN before any copy is written, or starting
            # a delete and cancelling it after the copy would read them without it.
            self.dialog.pins.ask_for_copy(
                profile,
                then=lambda: self.ask_export(
                    profile, then=lambda: self.confirm_delete(profile, pin_given=True)
                ),
            )
        elif save:
            self.ask_export(profile, then=lambda: self.confirm_delete(profile))
        elif role == QMessageBox.ButtonRole.DestructiveRole:
            self.confirm_delete(profile)

    def ask_copy(self) -> None:
        """Save a copy of the records…: of the selected profile, nothing deleted after. Another
        learner's PIN first, as for Delete's copy: their records are theirs to carry away."""
        dialog = self.dialog
        profile = dialog.selected()
        if profile is None or not dialog.copy_button.isEnabled():  # importing, or copying
            return
        if profile.has_pin and profile.id != dialog.current_id:
            dialog.pins.ask_for_copy(profile, then=lambda: self.ask_export(profile))
        else:
            self.ask_export(profile)

    def default_export_path(self, profile: Profile) -> Path:
        """In the folder of the last records file saved or imported while it is there (a USB
        stick's), else Documents (home without one): the copy opened in Documents each time."""
        importer = self.dialog.importer
        folder = importer.folder() if importer is not None else documents_folder()
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in profile.name).strip("-")
        return folder / f"cartable-{safe or 'profile'}-{date.today().isoformat()}.json"

    def ask_export(self, profile: Profile, then: Callable[[], None] | None = None) -> None:
        files = file_dialog(
            self.dialog,
            fill(
                QCoreApplication.translate("ProfilesDialog", "Save a copy of the records of %1"),
                isolated(profile.name),
            ),
            native=False,
        )
        files.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        files.setNameFilter(
            QCoreApplication.translate("ProfilesDialog", "Learning records (*.json)")
        )
        files.setDefaultSuffix("json")
        default = self.default_export_path(profile)
        files.setDirectory(str(default.parent))
        files.selectFile(default.name)
        files.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Methods: see ProfilesDialog._form_finished.
        files.fileSelected.connect(self._file_selected)
        files.finished.connect(self._file_dialog_finished)
        self.file_dialog = files
        self._exporting = (profile, then)
        files.open()

    def _file_selected(self, name: str) -> None:
        if self._exporting is None:
            return
        profile, then = self._exporting
        self._exporting = None
        self.export(profile, Path(name), then)

    def _file_dialog_finished(self, _result: int) -> None:
        self.file_dialog = None
        self._exporting = None

    def export(self, profile: Profile, path: Path, then: Callable[[], None] | None = None) -> None:
        """Write the learner's records file on a worker, then `then` (Delete's last question);
        said when it could not be written: the store writes it atomically, so a full or
        read-only disk leaves no half file. A pipe or a device is refused first: the write
        waited for a reader, for ever."""
        dialog = self.dialog
        if path.exists() and not path.is_file():  # through a symlink: the file it names
            self._not_saved(not_a_file, path, f"{path}: not a regular file")
            return
        store = dialog.store
        cancel = threading.Event()
        app = QCoreApplication.instance()
        assert app is not None
        quit_stops = cancel.set  # the slot itself: disconnected by it when the copy ends
        app.aboutToQuit.connect(quit_stops)

        def work() -> ExportReport:
            with records_of_own(store) as records:  # never the UI thread's connection
                return records.export(profile.id, path, cancel)

        self.saving = profile
        dialog._update_buttons()
        dialog._say(
            lambda: fill(
                QCoreApplication.translate("ProfilesDialog", "Saving a copy of the records of %1…"),
                isolated(profile.name),
            )
        )
        dialog.tasks.run_task(
            work,
            partial(self._saved, profile, then, quit_stops),
            partial(self._failed, profile, path, quit_stops),
        )

    def _alive(self) -> bool:
        """The dialog still open: the quit closes it while the copy is written (then nothing
        after)."""
        return isValid(self) and isValid(self.dialog)

    def _saved(
        self,
        profile: Profile,
        then: Callable[[], None] | None,
        quit_stops: Callable[[], None],
        report: ExportReport,
    ) -> None:
        _disconnect_quit(quit_stops)
        if not self._alive():
            log.info("records copy saved after Manage profiles closed: %s", report.path)
            return
        self.saving = None
        dialog = self.dialog
        dialog._update_buttons()
        self.copies[profile.id] = report.path
        if dialog.importer is not None:  # the next import's file dialog opens in its folder
            dialog.importer.remember_folder(report.path)
        # Through self, not the dialog: a closure the dialog keeps holding the dialog is a cycle.
        dialog._say(lambda: self.dialog.saved(report.statements, profile.name, str(report.path)))
        if then is not None:
            then()

    def _failed(
        self,
        profile: Profile,
        path: Path,
        quit_stops: Callable[[], None],
        error: BaseException,
    ) -> None:
        _disconnect_quit(quit_stops)
        if isinstance(error, ExportCancelled):  # the quit: nothing written, nothing to say
            log.info("records copy stopped by the quit: %s not written", path)
            if self._alive():
                self.saving = None
                self.dialog._update_buttons()
            return
        if not isinstance(error, (StoreError, sqlite3.Error, OSError)):  # a bug of ours
            log.error("records copy failed", exc_info=error)
        else:
            log.warning("records copy not saved: %s", error)
        if not self._alive():
            return
        self.saving = None
        self.dialog._update_buttons()
        self._not_saved(copy_problem(error), path, str(error))  # the system's words in detail

    def _not_saved(self, problem: Callable[[], str], path: Path, detail: str) -> None:
        """Why the copy was not saved: one line, in the status line and in a box."""
        dialog = self.dialog
        name = isolated(path.name)
        dialog._say(lambda: problem().replace("%1", name), detail)
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("ProfilesDialog", "Copy not saved"),
            dialog.status.text(),
            parent=dialog,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # a file's name as typed, never markup
        box.setDetailedText(detail)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._problem_closed)  # see ProfilesDialog._form_finished
        self.problem = box
        box.open()  # not exec(): the keyboard, screen readers and tests drive it as the rest

    def _problem_closed(self, _result: int) -> None:
        self.problem = None

    def confirm_delete(self, profile: Profile, *, pin_given: bool = False) -> None:
        """The last question; `pin_given`: the PIN was asked for the copy, not asked again."""
        dialog = self.dialog
        counts = dialog.store.outbox.counts(profile.id)
        waiting = counts.queued + counts.poison
        message = QCoreApplication.translate(
            "ProfilesDialog", "Delete %1 and all of %1's learning records? This cannot be undone."
        )
        message = fill(message, isolated(profile.name))
        if waiting:
            message += " " + dialog.unsent(waiting)
        copy_path = self.copies.get(profile.id)
        if copy_path is not None and copy_path.is_file():  # not moved or deleted since
            copy = QCoreApplication.translate("ProfilesDialog", "A copy is in %1.")
            message += " " + copy.replace("%1", isolated(str(copy_path)))

        fields = [] if pin_given else dialog.pins.field(profile)

        def check(values: list[str]) -> str | Problem:
            dialog = self.dialog
            refused = dialog.pins.refused(profile, values) if fields else None
            if refused:
                return refused
            dialog.removing.emit(profile.id)
            profiles = dialog.profiles
            problem = dialog._store_call(lambda: profiles.remove(profile.id, force=True))
            if problem:
                return problem
            dialog.reload()
            dialog._say(
                lambda: QCoreApplication.translate("ProfilesDialog", "%1 was deleted.").replace(
                    "%1", isolated(profile.name)
                )
            )
            dialog.removed.emit(profile.id)
            return ""

        form = dialog._ask(
            QCoreApplication.translate("ProfilesDialog", "Delete %1").replace(
                "%1", isolated(profile.name)
            ),
            message,
            fields,
            QCoreApplication.translate("ProfilesDialog", "&Delete"),
            check,
        )
        if not fields:
            # Enter alone never deletes: with nothing to type, it cancels. With a PIN to type,
            # Enter after it is the learner's answer (it cancelled, saying nothing, while the
            # PIN typed said yes); Enter on an empty field asks the PIN, uncounted.
            cancel = next(b for b in form.buttons.buttons() if b is not form.ok)
            cancel.setDefault(True)
            form.ok.setDefault(False)
            cancel.setFocus()


def _disconnect_quit(slot: Callable[[], None]) -> None:
    """A copy over: the quit has nothing of it to stop."""
    app = QCoreApplication.instance()
    if app is not None:
        app.aboutToQuit.disconnect(slot)


def not_a_file() -> str:
    """A copy's target that is a pipe, a device or a folder ("%1": its name)."""
    return QCoreApplication.translate(
        "ProfilesDialog",
        "%1 was not saved: it is not an ordinary file (a folder, a pipe or a device). Choose "
        "another name.",
    )


def copy_problem(error: BaseException) -> Callable[[], str]:
    """Why a copy of the records was not saved, one sentence ("%1": the file's name), by what
    the learner can do about it: a full disk, one that refuses writing, a folder gone, anything
    else. A function, made again when the interface language changes (ProfilesDialog._say)."""
    code = error.errno if isinstance(error, OSError) else None
    if code in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return lambda: QCoreApplication.translate(
            "ProfilesDialog",
            "%1 was not saved: the USB stick or disk is full. Nothing was left half-written; "
            "free some space on it or choose another place.",
        )
    if code in (errno.EROFS, errno.EACCES, errno.EPERM):
        return lambda: QCoreApplication.translate(
            "ProfilesDialog",
            "%1 was not saved: this place cannot be written to (a USB stick that is read-only "
            "or locked?). Choose another place.",
        )
    if code == errno.ENOENT:
        return lambda: QCoreApplication.translate(
            "ProfilesDialog",
            "%1 was not saved: the folder chosen for it is no longer there (was the USB stick "
            "removed?). Choose another place.",
        )
    return lambda: QCoreApplication.translate(
        "ProfilesDialog",
        "%1 was not saved: the records could not be copied. Nothing was left half-written; "
        "the details say what went wrong.",
    )
