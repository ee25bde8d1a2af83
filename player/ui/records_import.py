"""Import records… in Manage profiles: a records file another Cartable wrote (Save a copy
first…, or `cartable records export`) brought into this computer's profiles, no terminal needed.

Each step a small window opened without blocking, as everywhere in Manage profiles:
1. the file (a file dialog, opened in the folder of the last records file saved or imported;
   tests type its name in, as for the copy);
2. read and checked whole on a worker (a big file takes seconds; Stop reading stops it at its
   next step, nothing of it kept; Esc, or the title bar's close, stops it and closes the
   dialog): a broken one is said in one line before anything is asked or written; which
   profiles hold its records here already is read on the same worker;
3. into which profile: a new one named as the file's learner (a name already taken is said, and
   another typed), or one of this computer's, its PIN asked first when it is another learner's,
   as before a copy of their records; the profiles holding its records here already are said
   (a statement is held once: records all in another profile are not imported);
4. the import, on a worker and its own connection to the records (player/records_import.py:
   what `cartable records import` does, with the same checks). Another learner's file for one
   of this computer's profiles asks a yes or no naming both learners (the command's
   `--same-learner`); a new profile is made for the file, and not asked.
The result is a few short sentences in the dialog's status line, what was left out among them;
an error is one line, there and in a message box, and changes nothing. While the import runs, a
bar under the status line counts the records done (the worker's reports, through a signal) and
Stop the import stops it, as quitting Cartable does: rolled back, nothing of the file is in.

`RecordsImport` is written in parts, each its module, every one's words in its translation
context: step 3 in records_import_target, the bar in records_import_progress, what the import
did or why it failed in records_import_words.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QMetaObject, QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox
from shiboken6 import isValid

from player.branding import Branding
from player.context import Context
from player.library.library import Library
from player.logfile import one_line
from player.records_import import (
    RecordsImported,
    held_here,
    import_as_new_profile,
    import_records,
    installed,
    our_fault,
    records_of_own,
)
from player.store.records import Holder, ImportCancelled, ImportReport, OtherLearner
from player.store.records_file import (
    ReadCancelled,
    RecordsError,
    RecordsFile,
    read_records_file,
)
from player.ui.file_dialogs import documents_folder, file_dialog
from player.ui.i18n import LANGUAGES, fill
from player.ui.records_import_progress import ImportProgress, Relay
from player.ui.records_import_target import NEW, ImportTarget, dialog_words
from player.ui.records_import_words import failure
from player.ui.records_import_words import result as import_result
from player.ui.settings_save import save_settings
from player.ui.tasks import TaskRunner
from player.wording import isolated, shown_name

if TYPE_CHECKING:
    from player.ui.profiles_dialog import ProfilesDialog

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportPlace:
    """What an import needs beyond the store: the one task runner, the library (the installed
    courses' exams, quizzes and moveOn rules), the player's data folder (the grades' re-read)
    and its context (the settings: the folder of the last records file; None: Documents); and
    whether a profile has an account (what brings an exam's grade back)."""

    tasks: TaskRunner
    library: Library
    data_dir: Path
    context: Context | None = None
    # whether a profile has an account to sync with (SyncController.has_account; not known: yes)
    has_account: Callable[[str], bool] = lambda _profile_id: True


@dataclass(frozen=True)
class FileRead:
    """A records file read and checked whole, and the profiles holding its records here."""

    file: RecordsFile
    holders: tuple[Holder, ...]


class RecordsImport(ImportTarget, ImportProgress, QObject):
    """The import of one file at a time, from Manage profiles (its child)."""

    def __init__(self, dialog: ProfilesDialog, place: ImportPlace) -> None:
        super().__init__(dialog)
        self.dialog = dialog
        self.place = place
        self.file_dialog: QFileDialog | None = None
        self.message: QMessageBox | None = None  # the other learner's question, an error
        self.busy = False  # a file read or imported on a worker
        self._file: RecordsFile | None = None
        self._holders: tuple[Holder, ...] = ()  # the profiles holding the file's records here
        self._path: Path | None = None  # the file read or imported, to name it in an error
        self._target: tuple[str, str] = (NEW, "")  # (profile id or NEW, the new one's name)
        self._cancel: threading.Event | None = None  # the read's or the import's running
        self._relay: Relay | None = None
        # The application's quit connected to the running read's or import's cancel.
        self._quit_stops: QMetaObject.Connection | None = None
        # Under the status line (the dialog places it), shown while a file is read or imported.
        self._make_progress_row(dialog, self.cancel)
        self.retranslate()

    # -- the file -------------------------------------------------------------------------------

    def start(self) -> None:
        if self.busy:
            return
        files = file_dialog(self.dialog, self.tr("Import records"), native=False)
        files.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        files.setFileMode(QFileDialog.FileMode.ExistingFile)
        files.setNameFilters([dialog_words("Learning records (*.json)"), self.tr("All files (*)")])
        files.setDirectory(str(self.folder()))
        files.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        files.fileSelected.connect(self._file_chosen)  # methods: see ProfilesDialog._form_finished
        files.finished.connect(self._file_dialog_finished)
        self.file_dialog = files
        files.open()

    def _file_dialog_finished(self, _result: int) -> None:
        self.file_dialog = None

    def _file_chosen(self, name: str) -> None:
        self.remember_folder(Path(name))
        self.read(Path(name))

    def folder(self) -> Path:
        """Where the file dialog opens: the folder of the last records file saved or imported
        (a USB stick's, where the learner keeps them) while it is there, else Documents (Qt
        names a ~/Documents that may not exist): it opened in Documents, or home, every time."""
        context = self.place.context
        last = context.settings.records_folder if context is not None else ""
        if last and Path(last).is_dir():
            return Path(last)
        return documents_folder()

    def remember_folder(self, path: Path) -> None:
        """`path`, a records file saved or chosen for import: its folder is where the next
        import's file dialog opens, in this run and the next (the settings file)."""
        context = self.place.context
        folder = str(path.absolute().parent)
        if context is None or context.settings.records_folder == folder:
            return
        context.settings.records_folder = folder
        save_settings(context)

    def read(self, path: Path) -> None:
        """Read and check the whole file on a worker, then ask where its records go. A big one
        takes seconds: Stop (or Esc, closing) stops the read at its next step, nothing kept."""
        self._path = path
        cancel = self._stoppable()
        self._show_reading()  # `_reading` from now on
        self._set_busy(True)
        shown = isolated(shown_name(path.name))  # a newline, an ESC escaped
        self._say(lambda: fill(self.tr("Reading %1…"), shown))
        store = self.dialog.store

        def work() -> FileRead:
            file = read_records_file(path, cancel)
            return FileRead(file, held_here(store, file, cancel))  # Stop heard there too

        self.place.tasks.run_task(work, self._file_read, self._failed)

    def _file_read(self, read: FileRead) -> None:
        self._quit_stops_nothing()
        if not self._alive():
            return
        stopped = self._cancel is not None and self._cancel.is_set()  # after the read's last look
        self._ended()
        self._set_busy(False)
        if stopped:
            self._read_stopped()
            return
        self._file, self._holders = read.file, read.holders
        self._say(lambda: "")
        self.ask_target(read.file)

    def stop_reading(self) -> bool:
        """Esc or the title bar's close while a file is read (ProfilesDialog.done): nothing of
        it is kept yet, and nothing lost by stopping it. True: a read, stopped (or stopping)."""
        if self._reading:
            self.cancel()
        return self._reading

    def _read_stopped(self) -> None:
        self._file = None
        shown = isolated(shown_name(self._path.name)) if self._path is not None else ""
        self._say(lambda: fill(self.tr("Reading %1 stopped: nothing was imported."), shown))

    # -- the import -----------------------------------------------------------------------------

    def cancel(self) -> None:
        """Stop the read or the import at its next step (a megabyte read, a record imported):
        the file let go, or the import rolled back, on the worker; then said."""
        if self._cancel is None or self._cancel.is_set():
            return
        self._cancel.set()
        # Disabled with the focus on it, Qt gave the focus to the default button, Close: a
        # second Enter, or a held one repeating, closed the dialog. Pressed again, it does
        # nothing (above).
        if not self.cancel_button.hasFocus():
            self.cancel_button.setEnabled(False)
        if self._reading:
            self._say(lambda: self.tr("Stopping the reading…"))
        else:
            self._say(lambda: self.tr("Stopping the import…"))

    def why_wait(self) -> str:
        """What Esc or Close says while an import runs (a read, they stop and close: see
        ProfilesDialog.done): a stopped one has only its next step to wait for."""
        if self._cancel is not None and self._cancel.is_set():
            return self.tr("Wait for the import to stop.")
        return QCoreApplication.translate(  # its French in the dialog's context, where it was
            "ProfilesDialog", "Wait for the import to finish, or stop it."
        )

    def _progressed(self, done: int, total: int) -> None:
        if self._relay is None or not self._alive():
            return
        self._done = (done, total)
        self._show_count()

    def retranslate(self) -> None:
        self._retranslate_progress()

    def _run(self, profile_id: str | None, name: str, *, same_learner: bool = False) -> None:
        """Into `profile_id`, or a new profile `name` (None), on a worker."""
        file = self._file
        if file is None:
            return
        known = installed(self.place.library)  # the library is read on this thread
        store, data_dir = self.dialog.store, self.place.data_dir
        language = file.language if file.language in LANGUAGES else self.dialog.language
        cancel = self._stoppable()
        relay = self._relay = Relay()
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

    def _stoppable(self) -> threading.Event:
        """The cancel of the read or import about to run, set by Stop and by the quit too: the
        quit waits for the worker only so long (app.wind_down), then leaves, cutting it off
        midway; stopped, an import is rolled back."""
        cancel = self._cancel = threading.Event()
        app = QCoreApplication.instance()
        assert app is not None
        self._quit_stops = app.aboutToQuit.connect(cancel.set)
        return cancel

    def _ended(self) -> None:
        """A read or an import over, however it ended: no bar, no Stop. Stop hidden under the
        focus, Qt gave the focus to the default button, Close: the read stops within
        milliseconds of Enter on Stop, before a held Enter repeats (250-600 ms), and the repeat
        closed the dialog (review r12 #1). The list takes the focus, where Enter closes nothing."""
        if self.cancel_button.hasFocus():
            self.dialog.list.setFocus(Qt.FocusReason.OtherFocusReason)
        self._cancel = self._relay = None
        self._show_progress(False)  # `_reading` no more

    def _quit_stops_nothing(self) -> None:
        """A read or an import over, the dialog open or not: the quit has nothing to stop."""
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
        account = self.place.has_account(profile.id)
        self._say(lambda: self.result(profile.name, report, reread=reread, has_account=account))
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

    def result(
        self, name: str, report: ImportReport, *, reread: bool = True, has_account: bool = True
    ) -> str:
        """What the import did and left out, in short sentences (records_import_words)."""
        return import_result(name, report, reread=reread, has_account=has_account)

    def _failed(self, error: BaseException, profile_id: str | None = None) -> None:
        # Stop pressed after the read's last look at its cancel, then the file found wrong:
        # stopped, as asked and said ("Stopping the reading…"), with no box of an error (as
        # _file_read does for a file read whole). A bug of ours is still said and logged.
        stopped = self._reading and self._cancel is not None and self._cancel.is_set()
        self._quit_stops_nothing()
        if self._alive():
            self._ended()
        # Stop, Esc or the quit: nothing of the file kept.
        if isinstance(error, ReadCancelled) or (stopped and isinstance(error, RecordsError)):
            log.info("records file not read: stopped")
            if self._alive():
                self._set_busy(False)
                self._read_stopped()
            return
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
        context = self.place.context
        product = context.branding.product_name if context is not None else Branding().product_name
        self._say(lambda: failure(name, error, product), detail)
        self._tell(self.tr("Records not imported"), self.dialog.status.text(), detail)

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
