"""Where an imported records file goes, asked in Manage profiles: a new profile named as the
file's learner (a name already taken said, another typed), or one of this computer's, its PIN
asked first when it is another learner's; and, for another learner's file, whether its records
are the profile's own all the same (the command's `--same-learner`). The profiles that hold the
file's records here already are said with the question: a statement is held once, whatever the
profile, so records held in another are added to none (store/records.py: AlreadyHere).

"Add them to" is first set to the profile named as the file's learner (she made it before
importing), even when another holds a few of the file's records (a copy of hers once said to be
theirs: the records held elsewhere are left out, the rest are hers); else to the profile holding
most of the file's records here (the learner's: her copy saved on this computer, or imported
before); else to a new profile, named as the file's learner. A file naming no learner (a bare
array of statements) goes to a new profile first, whoever holds some of its records: Enter would
add an unknown learner's records to a profile of this computer unasked (its learner is not
checked), and give a profile without records the file's identity. Never to the profile selected
in the list: for a named learner's file it would be asked whether the records are that
profile's all the same (the list always has a profile selected: the one in use, at first).

A part of `RecordsImport` (its base): its words keep that class's translation context
(`QCoreApplication.translate("RecordsImport", ...)`, and `RecordsImport.tr` for a count's
plural forms), where they were written and translated.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QMessageBox

from player.store.profiles import Profile, ProfileError, name_key
from player.store.records import Holder
from player.store.records_file import RecordsFile
from player.ui.form_dialog import Field, Problem
from player.ui.i18n import fill, no_mnemonic
from player.ui.profile_dialog import NameWords
from player.ui.question_box import QuestionBox
from player.wording import isolated, shown_name

if TYPE_CHECKING:
    from collections.abc import Callable

    from player.ui.profiles_dialog import ProfilesDialog

# The choice "a new profile" in "Add them to" (a profile's id is a UUID, never empty).
NEW = ""


def dialog_words(text: str) -> str:
    """Words Manage profiles says already, in its translation."""
    return QCoreApplication.translate("ProfilesDialog", text)


class ImportTarget:
    """The questions of `RecordsImport` between the file read and the import run."""

    dialog: ProfilesDialog
    message: QMessageBox | None  # the other learner's question, an error
    _file: RecordsFile | None
    _holders: tuple[Holder, ...]  # the profiles holding the file's records here, most first
    _target: tuple[str, str]  # (profile id or NEW, the new one's name)

    def _run(self, profile_id: str | None, name: str, *, same_learner: bool = False) -> None:
        raise NotImplementedError  # RecordsImport's: the import, on a worker

    def _alive(self) -> bool:
        raise NotImplementedError  # RecordsImport's: the dialog still open

    def _say(self, text: Callable[[], str], detail: str = "") -> None:
        raise NotImplementedError  # RecordsImport's: the dialog's status line

    def ask_target(self, file: RecordsFile, new_name: str | None = None) -> None:
        """A new profile named as the file's learner, or one of this computer's: the one of that
        name first, if there is one (the learner made her profile before importing).
        `new_name`: a new profile of that name asked again (and said taken: see _failed)."""
        # Its class's own `tr`, which pyside6-lupdate files with its plural forms (it takes a
        # count given to QCoreApplication.translate for another argument, and drops them);
        # imported here, the class being made of this module.
        from player.ui.records_import import RecordsImport

        profiles = self.dialog.profiles
        name = (file.name() or "") if new_name is None else new_name
        everyone = profiles.all()
        chosen = NEW if new_name is not None else self._first_choice(file, everyone)
        choices = [(QCoreApplication.translate("RecordsImport", "A new profile"), NEW)]
        choices += [(isolated(p.name), p.id) for p in everyone]
        count = len(file.statements)
        shown = isolated(shown_name(file.path.name))
        if file.learner:
            message = RecordsImport.tr("%1 holds %Ln records of %2.", "", count)
            message = fill(message, shown, isolated(shown_name(file.learner)))
        else:
            message = fill(
                RecordsImport.tr("%1 holds %Ln records.", "", count),
                shown,
            )
        held = self._held_here(everyone)
        if held:
            message += " " + held
        form = self.dialog._ask(
            QCoreApplication.translate("RecordsImport", "Import records"),
            message,
            [
                Field(
                    QCoreApplication.translate("RecordsImport", "&Add them to:"),
                    value=chosen,
                    choices=tuple(choices),
                ),
                Field(
                    QCoreApplication.translate("RecordsImport", "&Name of the new profile:"),
                    value=name,
                ),
            ],
            QCoreApplication.translate("RecordsImport", "&Import"),
            self._check_target,
        )
        target = form.inputs[0]
        assert isinstance(target, QComboBox)
        target.currentIndexChanged.connect(self._target_changed)
        self._target_changed()
        # Once closed, after Manage profiles let it go: the PIN asked next is a form of its own.
        form.finished.connect(self._target_form_finished)
        if new_name is not None:
            form.accept()  # checked again: the name is said taken, the form left open

    def _first_choice(self, file: RecordsFile, everyone: list[Profile]) -> str:
        """The profile "Add them to" is set to first (the module's docstring says which)."""
        name = file.name() or ""
        if not name_key(name):  # no learner named: no profile's records until one is chosen
            return NEW
        alike = self.dialog.profiles.named_like(name)
        if alike is not None:  # the learner's own, even when another holds a few of the records
            return alike.id
        here = {p.id for p in everyone}
        holder = next((h.profile_id for h in self._holders if h.profile_id in here), None)
        return holder if holder is not None else NEW

    def _held_here(self, everyone: list[Profile]) -> str:
        """Which profiles hold the file's records here already, and how many: "" when none."""
        from player.ui.records_import import RecordsImport  # see ask_target

        names = {p.id: p.name for p in everyone}
        holders = [h for h in self._holders if h.profile_id in names]
        if not holders:
            return ""
        count = sum(h.statements for h in holders)
        if len(holders) == 1:
            template = RecordsImport.tr(
                "%Ln of them are already on this computer, in %1's profile.", "", count
            )
        else:
            template = RecordsImport.tr(
                "%Ln of them are already on this computer, in the profiles of %1.", "", count
            )
        return fill(template, ", ".join(isolated(names[h.profile_id]) for h in holders))

    def _target_changed(self, _index: int = 0) -> None:
        """The name is typed for a new profile only: its field and label greyed otherwise."""
        form = self.dialog.form
        if form is None:
            return
        new = form.values()[0] == NEW
        name = form.inputs[1]
        name.setEnabled(new)
        for label in form.findChildren(QLabel):
            if label.buddy() is name:
                label.setEnabled(new)

    def _check_target(self, values: list[str]) -> str | Problem:
        target, name = values[0], " ".join(values[1].split())
        if target != NEW:
            self._target = (target, "")
            return ""
        if not name_key(name):  # nothing that shows: no name
            return Problem(dialog_words("Type a name for the new profile."), 1)
        too_long = NameWords().too_long(name)
        if too_long:
            return Problem(too_long, 1)
        same = self.dialog.profiles.named_like(name)
        if same is not None:
            taken = QCoreApplication.translate(
                "RecordsImport",
                "A profile named %1 already exists: type another name, or add the records to %1.",
            )
            return Problem(taken.replace("%1", isolated(same.name)), 1)
        self._target = (NEW, name)
        return ""

    def _target_form_finished(self, result: int) -> None:
        if result != QDialog.DialogCode.Accepted:
            self._file = None
            return
        profile_id, name = self._target
        if profile_id == NEW:
            self._run(None, name)
            return
        profile = self.dialog.profiles.get(profile_id)
        if profile.has_pin and profile.id != self.dialog.current_id:
            # Another learner's records: their PIN first, as before a copy of them.
            self.dialog.pins.ask_for_copy(
                profile,
                then=lambda: self._run(profile.id, profile.name),
                title=QCoreApplication.translate("RecordsImport", "Import records into %1").replace(
                    "%1", isolated(profile.name)
                ),
            )
            return
        self._run(profile.id, profile.name)

    def _name_taken_meanwhile(self, error: BaseException, profile_id: str | None) -> bool:
        """The new profile's name is another's now, the cause of `error` (the dialog open)."""
        if profile_id is not None or not isinstance(error, ProfileError) or self._file is None:
            return False
        if not self._alive():
            return False
        return self.dialog.profiles.named_like(self._target[1]) is not None

    def ask_same_learner(self, profile_id: str, learner: str, *, has_records: bool) -> None:
        """Another learner's file: taken only when the learner says they are the profile's own,
        from a computer where it had another name. A profile without records would take the
        file's identity too (its linked account), and send its learner's statements as his."""
        profile = self.dialog.profiles.get(profile_id)
        if has_records:
            question = QCoreApplication.translate(
                "RecordsImport",
                "This file holds the records of %1, not of %2, who has records of their own"
                " here. Are they %2's all the same, from another computer where %2 had"
                " another name?",
            )
        else:
            question = QCoreApplication.translate(
                "RecordsImport",
                "This file holds the records of %1, not of %2. Are they %2's all the same,"
                " from another computer where %2 had another name?",
            )
        box = QuestionBox(  # a bare "y" adds nothing
            QMessageBox.Icon.Question,
            QCoreApplication.translate("RecordsImport", "Import records"),
            # the file's name for its learner escaped, as the form before said it
            fill(question, isolated(shown_name(learner)), isolated(profile.name)),
            parent=self.dialog,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # names as typed, never markup
        box.addButton(
            QCoreApplication.translate("RecordsImport", "&Yes, add them to %1").replace(
                "%1", isolated(no_mnemonic(profile.name))
            ),
            QMessageBox.ButtonRole.YesRole,
        )
        no = box.addButton(
            QCoreApplication.translate("RecordsImport", "&No"), QMessageBox.ButtonRole.NoRole
        )
        box.setDefaultButton(no)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._same_learner_answered)
        self.message = box
        self._target = (profile.id, "")
        box.open()

    def _same_learner_answered(self, _result: int) -> None:
        box, self.message = self.message, None
        if box is None or not self._alive():
            return
        clicked = box.clickedButton()
        yes = clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.YesRole
        if not yes:
            self._file = None
            self._say(lambda: QCoreApplication.translate("RecordsImport", "Nothing was imported."))
            return
        profile = self.dialog.profiles.get(self._target[0])
        self._run(profile.id, profile.name, same_learner=True)
