"""Delete… in Manage profiles: a copy of the learner's records offered first (the store's
`records.export`, a file another Cartable can import; another learner's PIN asked before the
copy), then the last question, saying how many records have not reached the institution yet.

Apart from `ProfilesDialog` (player/ui/profiles_dialog.py), which holds the list and the buttons:
the longest of its questions, a message box, a file dialog and a form in turn. Its words were
written, and translated, in `ProfilesDialog`: they keep that translation context
(`QCoreApplication.translate("ProfilesDialog", ...)`, not `self.tr`, whose context would be this
class; the plural stays the dialog's: `ProfilesDialog.unsent`). It reaches the dialog as its
parent, holding no reference to it: no cycle between them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from player.store.database import StoreError
from player.store.profiles import Profile
from player.ui.file_dialogs import documents_folder, file_dialog
from player.ui.form_dialog import Problem
from player.ui.i18n import fill
from player.wording import isolated

if TYPE_CHECKING:
    from player.ui.profiles_dialog import ProfilesDialog


class ProfileRemoval(QObject):
    """Delete… and Save a copy first… of Manage profiles (its child)."""

    def __init__(self, dialog: ProfilesDialog) -> None:
        super().__init__(dialog)
        self.question: QMessageBox | None = None
        self.file_dialog: QFileDialog | None = None
        # What the open questions go on to do, kept here for their methods (_delete_chosen,
        # _file_selected): see ProfilesDialog._form_finished.
        self._deleting: Profile | None = None
        self._exporting: tuple[Profile, Callable[[], None] | None] | None = None
        self.copies: dict[str, Path] = {}  # profile id -> the copy of its records saved here

    @property
    def dialog(self) -> ProfilesDialog:
        return cast("ProfilesDialog", self.parent())

    def ask(self) -> None:
        """First: offer a copy of the records. Then: confirm (with the PIN if there is one)."""
        dialog = self.dialog
        profile = dialog.selected()
        if profile is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            QCoreApplication.translate("ProfilesDialog", "Delete %1").replace(
                "%1", isolated(profile.name)
            ),
            fill(
                QCoreApplication.translate(
                    "ProfilesDialog",
                    "Deleting %1 removes all of %1's learning records from this computer. "
                    "Save a copy of them first? The copy can be imported into Cartable on any "
                    "computer.",
                ),
                isolated(profile.name),
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

    def default_export_path(self, profile: Profile) -> Path:
        folder = documents_folder()  # home when there is no Documents folder
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
        if self.export(profile, Path(name)) and then is not None:
            then()

    def _file_dialog_finished(self, _result: int) -> None:
        self.file_dialog = None
        self._exporting = None

    def export(self, profile: Profile, path: Path) -> bool:
        """Write the learner's records file; False (and said) when it could not be written."""
        dialog = self.dialog
        try:
            report = dialog.store.records.export(profile.id, path)
        except (StoreError, sqlite3.Error, OSError) as exc:
            reason = str(exc)  # `exc` is gone once the except block ends
            dialog._say(
                lambda: QCoreApplication.translate(
                    "ProfilesDialog", "The copy could not be saved: %1"
                ).replace("%1", reason)
            )
            QMessageBox.warning(
                dialog,
                QCoreApplication.translate("ProfilesDialog", "Copy not saved"),
                dialog.status.text(),
            )
            return False
        self.copies[profile.id] = report.path
        dialog._say(
            lambda: fill(
                QCoreApplication.translate("ProfilesDialog", "%1 records of %2 saved in %3."),
                QLocale().toString(report.statements),
                isolated(profile.name),
                isolated(str(report.path)),
            )
        )
        return True

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
