"""Import records… in Manage profiles: a records file another Cartable wrote (Save a copy
first…, or `cartable records export`) brought into this computer's profiles, no terminal needed.

Each step a small window opened without blocking, as everywhere in Manage profiles:
1. the file (a file dialog; tests type its name in, as for the copy);
2. read and checked whole on a worker (a big file takes seconds): a broken one is said in one
   line before anything is asked or written;
3. into which profile: a new one named as the file's learner (a name already taken is said, and
   another typed), or one of this computer's, its PIN asked first when it is another learner's,
   as before a copy of their records;
4. the import, on a worker and its own connection to the records (player/records_import.py:
   what `cartable records import` does, with the same checks). Another learner's file for one
   of this computer's profiles asks a yes or no naming both learners (the command's
   `--same-learner`); a new profile is made for the file, and not asked.
The result is a few short sentences in the dialog's status line, what was left out among them;
an error is one line, there and in a message box, and changes nothing. While the import runs, a
bar under the status line counts the records done (the worker's reports, through a signal) and
Stop the import stops it, as quitting Cartable does: rolled back, nothing of the file is in.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QLocale,
    QMetaObject,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QWidget,
)
from shiboken6 import isValid

from player.library.library import Library
from player.logfile import one_line
from player.records_import import (
    RecordsImported,
    import_as_new_profile,
    import_records,
    installed,
    our_fault,
    records_of_own,
)
from player.store.profiles import ProfileError, name_key
from player.store.records import ImportCancelled, ImportReport, OtherLearner
from player.store.records_file import RecordsFile, read_records_file
from player.ui.button import Button
from player.ui.file_dialogs import documents_folder, file_dialog
from player.ui.form_dialog import Field, Problem
from player.ui.i18n import LANGUAGES, fill, no_mnemonic
from player.ui.profile_dialog import NameWords
from player.ui.records_import_words import failure
from player.ui.tasks import TaskRunner
from player.wording import isolated, shown_name

if TYPE_CHECKING:
    from player.ui.profiles_dialog import ProfilesDialog

log = logging.getLogger(__name__)

# The choice "a new profile" in "Add them to" (a profile's id is a UUID, never empty).
NEW = ""


@dataclass(frozen=True)
class ImportPlace:
    """What an import needs beyond the store: the one task runner, the library (the installed
    courses' exams, quizzes and moveOn rules) and the player's data folder (the grades'
    re-read)."""

    tasks: TaskRunner
    library: Library
    data_dir: Path


def _dialog_words(text: str) -> str:
    """Words Manage profiles says already, in its translation."""
    return QCoreApplication.translate("ProfilesDialog", text)


class _Relay(QObject):
    """An import's progress from its worker, queued to the UI thread. One per import, of no
    parent: the dialog may close while the worker runs (the application quitting), and a
    signal of its deleted child raised in the worker, failing the import."""

    told = Signal(int, int)  # records done, their number


class RecordsImport(QObject):
    """The import of one file at a time, from Manage profiles (its child)."""

    def __init__(self, dialog: ProfilesDialog, place: ImportPlace) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.place = place
        self.file_dialog: QFileDialog | None = None
        self.message: QMessageBox | None = None  # the other learner's question, an error
        self.busy = False  # a file read or imported on a worker
        self._file: RecordsFile | None = None
        self._path: Path | None = None  # the file read or imported, to name it in an error
        self._target: tuple[str, str] = (NEW, "")  # (profile id or NEW, the new one's name)
        self._cancel: threading.Event | None = None  # the import running's
        self._relay: _Relay | None = None
        # The application's quit connected to the running import's cancel: see _run.
        self._quit_stops: QMetaObject.Connection | None = None
        # Under the status line (the dialog places it), shown while an import runs.
        self.progress_row = QWidget(dialog)
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.bar = QProgressBar(self.progress_row)
        self.bar.setTextVisible(False)  # the count is said beside it, in words
        self.count = QLabel(self.progress_row)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.cancel_button = Button(self.progress_row)
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.bar, 1)
        row.addWidget(self.count)
        row.addWidget(self.cancel_button)
        self.progress_row.setVisible(False)
        self._done = (0, 0)
        self.retranslate()

    # -- the file -------------------------------------------------------------------------------

    def start(self) -> None:
        if self.busy:
            return
        files = file_dialog(self.dialog, self.tr("Import records"), native=False)
        files.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        files.setFileMode(QFileDialog.FileMode.ExistingFile)
        files.setNameFilters([_dialog_words("Learning records (*.json)"), self.tr("All files (*)")])
        files.setDirectory(str(documents_folder()))  # Qt names a ~/Documents that may not exist
        files.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        files.fileSelected.connect(self._file_chosen)  # methods: see ProfilesDialog._form_finished
        files.finished.connect(self._file_dialog_finished)
        self.file_dialog = files
        files.open()

    def _file_dialog_finished(self, _result: int) -> None:
        self.file_dialog = None

    def _file_chosen(self, name: str) -> None:
        self.read(Path(name))

    def read(self, path: Path) -> None:
        """Read and check the whole file on a worker, then ask where its records go."""
        self._path = path
        self._set_busy(True)
        shown = isolated(shown_name(path.name))  # a newline, an ESC escaped
        self._say(lambda: fill(self.tr("Reading %1…"), shown))
        self.place.tasks.run_task(lambda: read_records_file(path), self._file_read, self._failed)

    def _file_read(self, file: RecordsFile) -> None:
        if not self._alive():
            return
        self._set_busy(False)
        self._file = file
        self._say(lambda: "")
        self.ask_target(file)

    # -- where to -------------------------------------------------------------------------------

    def ask_target(self, file: RecordsFile, new_name: str | None = None) -> None:
        """A new profile named as the file's learner, or one of this computer's: the one of that
        name first, if there is one (the learner made her profile before importing).
        `new_name`: a new profile of that name asked again (and said taken: see _failed)."""
        profiles = self.dialog.profiles
        name = (file.name() or "") if new_name is None else new_name
        alike = profiles.named_like(name) if name_key(name) and new_name is None else None
        choices = [(self.tr("A new profile"), NEW)]
        choices += [(isolated(p.name), p.id) for p in profiles.all()]
        count = len(file.statements)
        shown = isolated(shown_name(file.path.name))
        if file.learner:
            message = self.tr("%1 holds %Ln records of %2.", "", count)
            message = fill(message, shown, isolated(shown_name(file.learner)))
        else:
            message = fill(self.tr("%1 holds %Ln records.", "", count), shown)
        form = self.dialog._ask(
            self.tr("Import records"),
            message,
            [
                Field(
                    self.tr("&Add them to:"),
                    value=alike.id if alike is not None else NEW,
                    choices=tuple(choices),
                ),
                Field(self.tr("&Name of the new profile:"), value=name),
            ],
            self.tr("&Import"),
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

    def _target_changed(self, _index: int = 0) -> None:
        """The name is typed for a new profile only."""
        form = self.dialog.form
        if form is None:
            return
        new = form.values()[0] == NEW
        form.inputs[1].setEnabled(new)

    def _check_target(self, values: list[str]) -> str | Problem:
        target, name = values[0], " ".join(values[1].split())
        if target != NEW:
            self._target = (target, "")
            return ""
        if not name_key(name):  # nothing that shows: no name
            return Problem(_dialog_words("Type a name for the new profile."), 1)
        too_long = NameWords().too_long(name)
        if too_long:
            return Problem(too_long, 1)
        same = self.dialog.profiles.named_like(name)
        if same is not None:
            taken = self.tr(
                "A profile named %1 already exists: type another name, or add the records to %1."
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
                title=self.tr("Import records into %1").replace("%1", isolated(profile.name)),
            )
            return
        self._run(profile.id, profile.name)

    # -- the import -----------------------------------------------------------------------------

    def cancel(self) -> None:
        """Stop the import at its next record: rolled back on the worker, then said."""
        if self._cancel is None or self._cancel.is_set():
            return
        self._cancel.set()
        self.cancel_button.setEnabled(False)
        self._say(lambda: self.tr("Stopping the import…"))

    def why_wait(self) -> str:
        """What Esc or Close says while busy: a file read has no Stop to press, and a stopped
        import only its rollback to wait for ("or stop it" said both times)."""
        if self._cancel is None:
            return self.tr("Wait until the file is read.")
        if self._cancel.is_set():
            return self.tr("Wait for the import to stop.")
        return QCoreApplication.translate(  # its French in the dialog's context, where it was
            "ProfilesDialog", "Wait for the import to finish, or stop it."
        )

    def _progressed(self, done: int, total: int) -> None:
        if self._relay is None or not self._alive():
            return
        self._done = (done, total)
        self._show_count()

    def _show_count(self) -> None:
        done, total = self._done
        template = self.tr("%1 of %Ln records", "", total)
        # As wide from the start as at the end ("80,000 of 80,000"): the bar beside it narrowed
        # as the count grew. Measured, not set and read back: a label's size hint is never less
        # than its minimum (back in English, the French width stayed), and each text set is a
        # name change a screen reader says.
        label, widest = self.count, fill(template, QLocale().toString(total))
        margins = label.contentsMargins()
        edges = margins.left() + margins.right() + 2 * (label.frameWidth() + label.margin())
        advance = QFontMetricsF(label.font()).horizontalAdvance(widest)  # rounded up, as Qt does
        label.setMinimumWidth(math.ceil(advance) + edges)
        count = fill(template, QLocale().toString(done))
        self.count.setText(count)
        self.bar.setAccessibleName(self.tr("Records imported"))
        self.bar.setAccessibleDescription(count)
        self.bar.setRange(0, max(1, total))
        self.bar.setValue(min(done, total))

    def _show_progress(self, shown: bool, total: int = 0) -> None:
        self._done = (0, total)
        if shown:
            self._show_count()
        self.cancel_button.setEnabled(shown)
        self.progress_row.setVisible(shown)

    def retranslate(self) -> None:
        # Alt+T: Alt+C is "Profiles on this &computer", Alt+S the French "&Supprimer…" (beside
        # this English text until it is translated).
        self.cancel_button.setText(self.tr("S&top the import"))
        self._show_count()

    def _run(self, profile_id: str | None, name: str, *, same_learner: bool = False) -> None:
        """Into `profile_id`, or a new profile `name` (None), on a worker."""
        file = self._file
        if file is None:
            return
        known = installed(self.place.library)  # the library is read on this thread
        store, data_dir = self.dialog.store, self.place.data_dir
        language = file.language if file.language in LANGUAGES else self.dialog.language
        cancel = self._cancel = threading.Event()
        # Quitting stops the import too, at its next record, rolled back: the quit waits for
        # the worker only so long (app.wind_down), then leaves, cutting it off midway.
        app = QCoreApplication.instance()
        assert app is not None
        self._quit_stops = app.aboutToQuit.connect(cancel.set)
        relay = self._relay = _Relay()
        relay.told.connect(self._progressed)
        told = relay.told.emit  # from the worker: queued to this thread

        def work() -> RecordsImported:
            with records_of_own(store) as records:
                if profile_id is None:
                    return import_as_new_profile(
                        records, name, language, file, known, data_dir, progress=told, cancel=cancel
                    )
                return import_records(
                    records,
                    profile_id,
                    file,
                    known,
                    data_dir,
                    same_learner=same_learner,
                    progress=told,
                    cancel=cancel,
                )

        self._show_progress(True, len(file.statements))
        self._set_busy(True)
        self._say(lambda: self.tr("Importing the records into %1…").replace("%1", isolated(name)))
        self.place.tasks.run_task(
            work, self._imported, lambda error: self._failed(error, profile_id)
        )

    def _ended(self) -> None:
        """An import over, however it ended: no bar, no Stop."""
        self._cancel = self._relay = None
        self._show_progress(False)

    def _quit_stops_nothing(self) -> None:
        """An import over, the dialog open or not: the quit has nothing to stop."""
        connection, self._quit_stops = self._quit_stops, None
        app = QCoreApplication.instance()
        if connection is not None and app is not None:
            app.aboutToQuit.disconnect(connection)

    def _imported(self, done: RecordsImported) -> None:
        self._quit_stops_nothing()
        if not self._alive():
            return
        self._ended()
        self._set_busy(False)
        self._file = None
        dialog = self.dialog
        dialog.reload(select=done.profile_id)
        profile = dialog.profiles.get(done.profile_id)
        report = done.report
        reread = not done.rereading
        self._say(lambda: self.result(profile.name, report, reread=reread))
        if done.rereading:
            # The disk's reason is English (strerror): under Show Details and in the log, never
            # inside the learner's sentence.
            log.warning("records imported; the grades' re-read not set: %s", done.rereading)
            self._tell(
                self.tr("Import records"),
                self.tr(
                    "The records are imported, but the next sync could not be set to read the"
                    " exam grades again: import the same file again to retry."
                ),
                done.rereading,
            )
        dialog.changed.emit(profile)  # the open profile's identity may be the file's now

    def result(self, name: str, report: ImportReport, *, reread: bool = True) -> str:
        """The import in short sentences, each count its own sentence's %n (its plural): how
        many added, were here already (when any), wait to be sent; then, each when any, what
        was left out and why, as the command says it: those waiting for their course, the exam
        grades (never taken from a file), the grades naming no quiz attempt, the `satisfied`
        the progress imported does not earn yet; and the profile's exam attempts waiting for
        their grade (all of them, not the file's alone: an attempt waiting before the import
        waits still). `reread`: the next sync was set to read the grades again (else it is not
        promised to bring them: the message box says to import again)."""
        shown = isolated(name)
        text = fill(self.tr("%Ln records added to %1.", "", report.added), shown)
        if name.endswith("."):  # "added to Awa D.", not "added to Awa D.."
            text = text.replace(f"{shown}.", shown)
        if report.skipped:
            text += " " + self.tr("%Ln were here already.", "", report.skipped)
        text += " " + self.tr("%Ln to send to your institution.", "", report.queued)
        waiting = report.grades_unverified + report.satisfied_unverified
        if waiting:
            text += " " + self.tr(
                "%Ln records were not taken: their course is not installed here; install it,"
                " then import the file again.",
                "",
                waiting,
            )
        if report.grades_left_out:  # `results`, and passed/failed about an exam
            text += " " + self.tr(
                "%Ln exam grades in the file were not taken: exam grades come only from your"
                " institution.",
                "",
                report.grades_left_out,
            )
        if report.grades_unattached:  # passed/failed of no quiz attempt: Cartable writes none
            text += " " + self.tr(
                "%Ln grades in the file were not taken: they name no quiz attempt, so they may"
                " be exam grades, which come only from your institution.",
                "",
                report.grades_unattached,
            )
        if report.satisfied_unearned and report.awaiting_grade:
            # Most often her own old laptop's: the exam passed there, its `satisfied` not sent
            # yet, and the grade (never imported) comes back from the LRS: the device then
            # sends them by itself (store/records.py). Nothing to do again.
            text += " " + self.tr(
                "%Ln records were not taken: they say a module or course is done, which the"
                " imported progress does not show yet; each is recorded once it does: when an"
                " exam's grade comes back, or when you finish it here.",
                "",
                report.satisfied_unearned,
            )
        elif report.satisfied_unearned:  # a module or course the imported progress leaves undone
            text += " " + self.tr(
                "%Ln records were not taken: they say a module or course is done, which the"
                " imported progress does not show; it is recorded when you finish it here.",
                "",
                report.satisfied_unearned,
            )
        if report.awaiting_grade and reread:
            text += " " + self.tr(
                "This profile has %n exam attempts waiting for their grade, which the next sync"
                " brings.",
                "",
                report.awaiting_grade,
            )
        elif report.awaiting_grade:  # the message box says the re-read is not set
            text += " " + self.tr(
                "This profile has %n exam attempts waiting for their grade.",
                "",
                report.awaiting_grade,
            )
        return text

    def _failed(self, error: BaseException, profile_id: str | None = None) -> None:
        self._quit_stops_nothing()
        if self._alive():
            self._ended()
        if isinstance(error, ImportCancelled):  # Stop, or the quit: rolled back
            log.info("records import cancelled: nothing was imported")
            if self._alive():
                self._set_busy(False)
                self._file = None
                self._say(lambda: self.tr("Nothing was imported."))
            return
        other = error if isinstance(error, OtherLearner) and profile_id is not None else None
        if self._name_taken_meanwhile(error, profile_id):
            # Another process (`cartable profiles add`, another player) took the name between
            # the form's check and the import: asked again, as the form says a name taken.
            log.info("records not imported: %s", error)
            self._set_busy(False)
            self._say(lambda: "")
            assert self._file is not None
            self.ask_target(self._file, self._target[1])
            return
        # Logged first: the dialog may have closed meanwhile, with nothing left to show it in.
        if our_fault(error):  # said as ours, not the file's: its traceback for the report
            log.error("records import failed", exc_info=error)
        elif other is None or not self._alive():  # else a question, not a failure
            log.warning("records not imported: %s", error)
        if not self._alive():
            return
        self._set_busy(False)
        if other is not None and profile_id is not None:
            self.ask_same_learner(profile_id, other.learner, has_records=other.has_records)
            return
        self._file = None
        # The learner's words by the kind of problem, the file by its name; the English line
        # (one line, whatever it says: the whole path, the JSON path) for whoever helps.
        name = shown_name(self._path.name) if self._path is not None else ""
        detail = " ".join(str(error).split()) or type(error).__name__
        if our_fault(error):  # "'ts'" alone says nothing: "KeyError: 'ts'"
            detail = one_line(error)
        self._say(lambda: failure(name, error), detail)
        self._tell(self.tr("Records not imported"), self.dialog.status.text(), detail)

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
            question = self.tr(
                "This file holds the records of %1, not of %2, who has records of their own"
                " here. Are they %2's all the same, from another computer where %2 had"
                " another name?"
            )
        else:
            question = self.tr(
                "This file holds the records of %1, not of %2. Are they %2's all the same,"
                " from another computer where %2 had another name?"
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Import records"),
            # the file's name for its learner escaped, as the form before said it
            fill(question, isolated(shown_name(learner)), isolated(profile.name)),
            parent=self.dialog,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # names as typed, never markup
        box.addButton(
            self.tr("&Yes, add them to %1").replace("%1", isolated(no_mnemonic(profile.name))),
            QMessageBox.ButtonRole.YesRole,
        )
        no = box.addButton(self.tr("&No"), QMessageBox.ButtonRole.NoRole)
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
            self._say(lambda: self.tr("Nothing was imported."))
            return
        profile = self.dialog.profiles.get(self._target[0])
        self._run(profile.id, profile.name, same_learner=True)

    # -- helpers --------------------------------------------------------------------------------

    def _alive(self) -> bool:
        """The dialog still open: it may close while a worker reads or imports (the import
        stands; there is nothing left to show it in)."""
        return isValid(self) and isValid(self.dialog)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.dialog._update_buttons()

    def _say(self, text: Callable[[], str], detail: str = "") -> None:
        self.dialog._say(text, detail)

    def _tell(self, title: str, text: str, detail: str = "") -> None:
        """A warning in a box of its own, opened without blocking; `detail` under Show Details."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=self.dialog)
        box.setTextFormat(Qt.TextFormat.PlainText)
        if detail:
            box.setDetailedText(detail)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._told)
        self.message = box
        box.open()

    def _told(self, _result: int) -> None:
        self.message = None
