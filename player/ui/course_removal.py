"""Removing an installed course from this computer (Course → Remove this course…, a library
card's menu, Delete on a card): for a learner or a lab admin whose disk is full, who had only
`cartable courses remove` before.

Asked first, Cancel the default: what goes (the course's files, for every profile on this
computer, and how much space that frees: `Library.removal_frees`, files shared with other
courses stay), what stays (everyone's records and progress, back when the course is installed
again) and how to get it back. Refused in one line: a course being downloaded (its download
would install it again: cancel it first) or exported, one with a timed exam in progress (in this
profile or another: its clock runs on, the attempt would be out of reach), while another
removal runs (one at a time), one another Cartable is installing (LockBusy: nothing removed,
the learner left where they were). The course's lock is taken first (`Library.hold`), then
the course open in this window is closed (its unit's session ended, a video stopped), then
`Library.uninstall` runs on the task runner; the library, the catalog and the status bar
follow (what the clean-up freed, or that it kept the files and why). The demo is marked
removed before that runs: a quit right after must not install it again at the next start.

Quitting while a removal is under way (its lock waited for, or its files being deleted) waits
for it and finishes it (`finish`, from GettingCourses.stop once the window has closed): the
learner asked for it, and the result came back through the event loop, which the quit had
ended: the removal was dropped, silently. Bounded: the lock is waited for REMOVE_WAIT at most;
when another Cartable holds it that long, the course stays whole (nothing of it removed) and
the log says so.

`GettingCourses` (player/ui/getting_courses.py) owns it, with the status bar's confirmations
and the message box it shows.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMessageBox

from player.context import DEMO_COURSE_ID
from player.library.garbage_collection import GarbageCollection
from player.library.library import InstalledCourse
from player.paths import demo_repository
from player.ui.announce import show_message
from player.ui.i18n import fill
from player.ui.library_cards import format_size
from player.ui.menu_texts import translated_menu_path
from player.ui.question_box import QuestionBox
from player.ui.recorder import STORE_FAILURES
from player.ui.settings_save import save_settings
from player.wording import isolated
from sync.interprocess import LockBusy

if TYPE_CHECKING:
    import contextlib

    from player.ui.getting_courses import GettingCourses

log = logging.getLogger(__name__)

REMOVE_WAIT = 10.0
"""How long a removal waits for the course's lock another Cartable holds (an install's switch,
seconds on a slow disk) before it says so: the learner is told sooner than the library's
minute, as `cartable courses remove` tells a person at a terminal."""

FINISH_WAIT = 60.0
"""How long a quit waits for a removal under way (`CourseRemoval.finish`): its lock (REMOVE_WAIT
at most), then its folder deleted and the clean-up (seconds on a slow disk). A safety bound for
a disk that hangs: the quit then goes on as for any work left running (app.wind_down); the
course's `current` is unlinked first, so a removal cut short leaves it out of the library."""


class RemovalQuestion(QuestionBox):
    """The removal's question (a bare "r" removes nothing: QuestionBox), whose informative
    text (the demo's folder, to be typed in Import from a folder) is selected and copied by
    mouse or keyboard: Tab to it, Ctrl+A, Ctrl+C. It is a label of its own, which
    QMessageBox.setTextInteractionFlags leaves alone, and which a style change (the theme's
    style sheet, when the box is first shown) sets back to the style's flags: set again after
    each."""

    SELECTABLE = (
        Qt.TextInteractionFlag.TextSelectableByMouse
        | Qt.TextInteractionFlag.TextSelectableByKeyboard
    )

    def make_selectable(self) -> None:
        label = self.findChild(QLabel, "qt_msgbox_informativelabel")
        if label is not None:
            label.setTextInteractionFlags(self.SELECTABLE)
            label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a Tab stop, after the buttons

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.StyleChange:
            self.make_selectable()


class CourseRemoval(QObject):
    ended = Signal()  # `removing` back to None: the course removed, or not

    def __init__(self, getting: GettingCourses) -> None:
        super().__init__(getting)
        self.getting = getting
        self.window = getting.window
        self.services = getting.services
        self.context = getting.context
        self.question: QMessageBox | None = None  # "Remove …?", while it is open
        self._asked: InstalledCourse | None = None  # the course the question is about
        self._measuring: str | None = None  # the course whose freed space is being read
        self.removing: InstalledCourse | None = None  # the course being removed: one at a time
        self.quitting = False  # `finish` waits: the window is closed, nothing is shown

    # -- asking -----------------------------------------------------------------------------

    def choose(self) -> None:
        """Course → Remove this course…: the course open, else the library's current card."""
        course_id = self._current_course_id()
        if course_id is None:
            self._refuse(
                QCoreApplication.translate(
                    "GettingCourses", "Choose a course in the library first."
                )
            )
            return
        self.ask(course_id)

    def ask(self, course_id: str) -> None:
        """The question, once what removing `course_id` frees is read (on a worker: every
        course's manifest); refused at once when it cannot be removed now."""
        if self.question is not None or self._measuring is not None:
            return  # one question at a time: a second Delete while the first one is asked
        installed = self.services.library.get(course_id)
        if installed is None:
            return  # removed meanwhile (another Cartable, the CLI)
        removing = self.removing
        if removing is not None:
            if removing.id != course_id:  # its clean-up's figures would be the other's too
                self._refuse(
                    self.tr(
                        "Another course is being removed: wait until “%1” is removed, then try "
                        "again."
                    ).replace("%1", isolated(removing.course.title))
                )
            return
        refusal = self._refusal(installed)
        if refusal is not None:
            self._refuse(refusal)
            return
        self._measuring = course_id
        library = self.services.library
        self.services.tasks.run_task(
            lambda: library.removal_frees(course_id),
            lambda freed: self._measured(installed, freed),
            lambda error: self._measured(installed, None, error),
        )

    def _measured(
        self, installed: InstalledCourse, freed: int | None, error: BaseException | None = None
    ) -> None:
        self._measuring = None
        if error is not None:  # the question is asked all the same, without the size
            log.warning("could not read what removing %s frees: %s", installed.id, error)
        if self.services.library.get(installed.id) is None:
            return  # removed while this was read
        self._ask(installed, freed)

    def question_text(self, installed: InstalledCourse, freed: int | None) -> str:
        """What goes, what stays, how to get it back; `freed` None: nothing said of the size."""
        sentences = [self.tr("Its files are deleted for every profile on this computer.")]
        if freed is not None and freed > 0:
            sentences.append(
                self.tr("This frees %1 of disk space.").replace("%1", format_size(freed))
            )
        elif freed == 0:
            sentences.append(
                self.tr("This frees no disk space: other courses or downloads use the same files.")
            )
        sentences.append(
            self.tr(
                "Everyone's learning records and progress in it are kept: they come back if the "
                "course is installed again, from the course catalog or a course file."
            )
        )
        if installed.id == DEMO_COURSE_ID:
            where = translated_menu_path(
                ("MainWindow", "&Course"), ("GettingCourses", "Import from a &folder…")
            )
            sentences.append(
                fill(
                    self.tr(
                        "This is the demo course: %3 will not install it again by itself. "
                        "To get it back, import the folder %1 (%2)."
                    ),
                    isolated(str(demo_repository())),
                    where,
                    isolated(self.context.branding.product_name),
                )
            )
        return "\n\n".join(sentences)

    def _ask(self, installed: InstalledCourse, freed: int | None) -> None:
        box = RemovalQuestion(
            QMessageBox.Icon.Warning,
            self.tr("Remove course"),
            self.tr("Remove “%1” from this computer?").replace(
                "%1", isolated(installed.course.title)
            ),
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the title as written, never markup
        box.setInformativeText(self.question_text(installed, freed))
        box.make_selectable()
        box.addButton(self.tr("&Remove"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter keeps the course
        box.setEscapeButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A method, the course kept here: a closure holding this controller (and with it the
        # window), connected to the window's child the box, kept a window of its own alive.
        box.finished.connect(self._answered)
        self.question = box
        self._asked = installed
        box.open()

    def _answered(self, _result: int) -> None:
        box, installed = self.question, self._asked
        self.question = self._asked = None
        if box is None or installed is None:
            return
        clicked = box.clickedButton()
        if (
            clicked is not None
            and box.buttonRole(clicked) == QMessageBox.ButtonRole.DestructiveRole
        ):
            self.remove(installed)

    # -- removing ---------------------------------------------------------------------------

    def remove(self, installed: InstalledCourse) -> None:
        """Take the course's lock (at once, almost always; else on a worker, waiting for
        another Cartable's install), then close the course if it is open here (its session
        ended: nothing of it is lost) and uninstall it on a worker. Asked again what may refuse
        it: an exam may have started, in another Cartable, while the question was open."""
        if self.removing is not None:
            return
        refusal = self._refusal(installed)
        if refusal is not None:
            self._refuse(refusal)
            return
        course_id = installed.id
        self.removing = installed
        if course_id == DEMO_COURSE_ID:  # saved now: a quit before the result comes back (its
            self._mark_demo(True)  # callback never runs then) must not install it again
        title = isolated(installed.course.title)
        show_message(self.window.statusBar(), self.tr("Removing %1…").replace("%1", title))
        library = self.services.library
        try:  # on this thread: the removal then runs on a worker before a quit can come
            held = library.hold(course_id, wait=0)
        except LockBusy:  # another Cartable installs it: waited for on a worker
            self.services.tasks.run_task(
                lambda: library.hold(course_id, wait=REMOVE_WAIT),
                lambda waited: self._held(installed, waited),
                lambda error: self._remove_failed(installed, error),
            )
            return
        except OSError as error:  # the lock file: a read-only disk, a folder refused
            self._remove_failed(installed, error)
            return
        self._held(installed, held)

    def _held(self, installed: InstalledCourse, held: contextlib.ExitStack) -> None:
        """The course's lock is held: nothing refuses the removal now (what may have started
        while the lock was waited for is asked again), so the course is closed and removed."""
        course_id = installed.id
        try:
            refusal = self._refusal(installed)
            if refusal is not None:
                held.close()
                self._stopped(installed)
                self._refuse(refusal)
                return
            window = self.window
            view = window.course_view
            if view is not None and view.course.id == course_id:
                window.show_library()  # closes the course: its unit's session ends, a video stops
            library = self.services.library
            self.services.tasks.run_task(
                lambda: library.collection_by(lambda: library.uninstall(course_id, held=held)),
                lambda result: self._removed(installed, result),
                lambda error: self._remove_failed(installed, error),
            )
        except BaseException:  # before the uninstall owns the lock: else held (and every later
            held.close()  # removal refused) for the process's life
            self._stopped(installed)
            raise

    def _stopped(self, installed: InstalledCourse) -> None:
        """The removal ended without removing: the demo, still installed, is updated again."""
        self._end()
        self.window.statusBar().clearMessage()
        if installed.id == DEMO_COURSE_ID and self.services.library.get(installed.id):
            self._mark_demo(False)

    def _end(self) -> None:
        """One removal at a time: the next may start. Said to `finish`, whose loop ends once
        the slot calling this has run (what follows it here included)."""
        self.removing = None
        self.ended.emit()

    def finish(self) -> None:
        """At quit, the window closed: the removal under way, if any, waited for (FINISH_WAIT
        at most) and finished, its results come back through an event loop of its own.
        Whatever it would have said in a box is logged instead."""
        if self.removing is None:
            return
        self.quitting = True
        log.info("quitting: waiting for the removal of %s", self.removing.id)
        loop = QEventLoop()
        bound = QTimer()
        bound.setSingleShot(True)
        bound.timeout.connect(loop.quit)
        self.ended.connect(loop.quit)
        bound.start(int(FINISH_WAIT * 1000))
        loop.exec()
        bound.stop()
        self.ended.disconnect(loop.quit)
        if self.removing is not None:
            log.warning("quitting: the removal of %s did not end in time", self.removing.id)

    def _removed(
        self, installed: InstalledCourse, result: tuple[bool, GarbageCollection | None]
    ) -> None:
        self._end()
        removed, collection = result
        if self.quitting:  # the window is closed: nothing to show it in, the catalog stopped
            log.info("quitting: %s removed (%s)", installed.id, "now" if removed else "already")
            if collection is not None and collection.skipped:
                log.warning("unused course files kept (no space freed): %s", collection.skipped)
            return
        title = isolated(installed.course.title)
        if not removed:  # another Cartable or the CLI removed it meanwhile
            text = self.tr("“%1” was already removed.").replace("%1", title)
        elif collection is not None and collection.freed > 0:
            text = fill(
                self.tr("Removed: %1. %2 of disk space freed."),
                title,
                format_size(collection.freed),
            )
        else:
            text = self.tr("Removed: %1.").replace("%1", title)
        self.getting.confirm(text)
        if collection is not None and collection.skipped:
            self.getting.files_kept(collection.skipped)
        self.getting.library_changed()

    def _remove_failed(self, installed: InstalledCourse, error: BaseException) -> None:
        self._stopped(installed)
        title = isolated(installed.course.title)
        if isinstance(error, LockBusy):  # nothing was removed
            self._refuse(
                fill(
                    self.tr(
                        "“%1” was not removed: another %2 on this computer is installing or "
                        "updating it. Try again once it has finished."
                    ),
                    title,
                    isolated(self.context.branding.product_name),
                )
            )
        elif isinstance(error, OSError):  # the lock file: a read-only disk, a folder refused
            log.warning("could not remove %s: %s", installed.id, error)
            if self.quitting:
                return
            self.getting.tell(
                QMessageBox.Icon.Warning,
                self.tr("Remove course"),
                self.tr(
                    "“%1” could not be removed: this computer refused to change its files. "
                    "The details say what went wrong."
                ).replace("%1", title),
                details=str(error),
            )
        else:  # a fault of ours: reported as every unexpected exception is
            from player.ui.errors import report_exception

            report_exception(type(error), error, error.__traceback__)
        if not self.quitting:
            self.getting.library_changed()  # a removal cut short may have taken part of it

    def _mark_demo(self, removed: bool) -> None:
        """`demo_removed`: never installed again at start (ensure_demo)."""
        self.context.settings.demo_removed = removed
        save_settings(self.context)

    def _refusal(self, installed: InstalledCourse) -> str | None:
        """Why the course cannot be removed now, in one line; None when it can."""
        course_id = installed.id
        title = isolated(installed.course.title)
        controller = self.getting.controller
        if controller is not None and course_id in controller.downloading_courses():
            return self.tr(
                "“%1” is being downloaded: cancel its download in Downloads (Ctrl+J) "
                "first, then remove it."
            ).replace("%1", title)
        if course_id in self.getting.exports.exporting:  # its files are being read
            return self.tr(
                "“%1” is being exported: wait until its export has finished, then remove it."
            ).replace("%1", title)
        if self.exam_running(course_id):
            return self.tr(
                "“%1” has an exam in progress, whose clock keeps running: submit it first "
                "(or let its time run out), then remove the course."
            ).replace("%1", title)
        others = self.exam_takers(course_id)
        if others:
            return fill(
                self.tr(
                    "“%1” has an exam in progress in another profile on this computer (%2), "
                    "whose clock keeps running: remove the course once it is submitted or its "
                    "time has run out."
                ),
                title,
                ", ".join(isolated(name) for name in others),
            )
        return None

    def exam_running(self, course_id: str) -> bool:
        """A timed exam attempt of the learner's in this course: removed, the course would
        leave it open, out of reach, until its time ran out. (An update asks a wider question,
        any attempt in progress timed or not: Store.exams_in_progress.)"""
        from player.ui.exam.running import running_exams

        session = self.window.session
        if session is None:
            return False
        running = running_exams(self.services.store, session.profile.id)
        return any(exam.course_id == course_id for exam in running)

    def exam_takers(self, course_id: str) -> list[str]:
        """The names of the other profiles on this computer with a timed exam attempt in
        progress in this course (by its stored deadline); none when that cannot be read."""
        store = self.services.store
        session = self.window.session
        mine = session.profile.id if session is not None else None
        try:
            takers = [p for p in store.exam_takers(course_id) if p != mine]
            return [store.profiles.get(profile_id).name for profile_id in takers]
        except STORE_FAILURES as exc:  # never keeps the learner from removing
            log.warning("could not read the exam attempts in progress: %s", exc)
            return []

    def _refuse(self, line: str) -> None:
        if self.quitting:  # the window is closed: a box would outlive it by an instant
            log.warning("quitting: course not removed: %s", line)
            return
        self.getting.tell(QMessageBox.Icon.Information, self.tr("Remove course"), line)

    def _current_course_id(self) -> str | None:
        window = self.window
        if window.course_view is not None and window.stack.currentWidget() is window.course_view:
            return window.course_view.course.id
        if window.library_view is not None and window.stack.currentWidget() is window.library_view:
            return window.library_view.current_course_id()
        return None
