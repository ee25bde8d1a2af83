"""Importing courses in the main window: a `.cartable` archive or a course folder (menu, drag and
drop), a folder catalog's unsigned course, the learner's consent before an unsigned course is
installed, and why an import was refused, in the learner's words (the engine's in the details).

`GettingCourses` (player/ui/getting_courses.py) owns it, with the status bar's confirmations and
the message box it shows. Its words were written, and translated, in `GettingCourses`: they keep
that translation context (`QCoreApplication.translate("GettingCourses", ...)`, not `self.tr`,
whose context would be this class).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox

from player.course.errors import CourseError, KeyScope, NotSigned, SignatureError
from player.library.course_import import (
    CoursesRefused,
    ExamInProgress,
    ImportChange,
    ImportedCourse,
    imported_over,
)
from player.library.garbage_collection import GarbageCollection
from player.library.library import InstalledCourse
from player.library.replacement_rules import (
    OlderVersion,
    OtherSigner,
    UntrustedOverSigned,
    UnverifiedOverVerified,
)
from player.library.support_report import refusal_line
from player.ui.announce import show_message
from player.ui.file_dialogs import existing_directory, open_file_names
from player.ui.i18n import fill
from player.ui.question_box import QuestionBox
from player.wording import isolated
from sync.interprocess import LockBusy

if TYPE_CHECKING:
    from player.library.catalogs import CatalogCourse
    from player.ui.getting_courses import GettingCourses

log = logging.getLogger(__name__)


class ImportController(QObject):
    def __init__(self, getting: GettingCourses) -> None:
        super().__init__(getting)
        self.getting = getting
        self.window = getting.window
        self.services = getting.services
        self.context = getting.context
        # The unsigned questions open (several files imported at once: one each), each with
        # what its Install does.
        self._unsigned: list[tuple[QMessageBox, Callable[[], None]]] = []

    def choose_file(self) -> None:
        names = open_file_names(
            self.window,
            QCoreApplication.translate("GettingCourses", "Import a course"),
            QCoreApplication.translate("GettingCourses", "Cartable courses (*.cartable)"),
        )
        self.import_paths([Path(n) for n in names])

    def choose_folder(self) -> None:
        name = existing_directory(
            self.window,
            QCoreApplication.translate(
                "GettingCourses", "A folder holding courses (a USB stick, a shared drive)"
            ),
        )
        if name:
            self.import_paths([Path(name)])

    def import_paths(self, paths: list[Path], *, allow_unsigned: bool = False) -> None:
        for path in paths:
            self._import(path, allow_unsigned)

    def _import(self, path: Path, allow_unsigned: bool) -> None:
        library = self.services.library
        from player.library.course_import import exam_hold
        from player.store.exam_holds import exam_in_progress

        database = self.services.store.database
        # A course with an exam in progress (any profile) is not replaced under it: its
        # questions would change under the learner, as an update's would (review r3 #4).
        hold = exam_hold(library.get, exam_in_progress(database.path, lambda: database.clock()))

        def work() -> tuple[list[ImportedCourse], GarbageCollection | None]:
            install = library.install_folder if path.is_dir() else library.install_archive
            return self._compared(
                lambda: library.collection_by(
                    lambda: install(path, allow_unsigned=allow_unsigned, hold=hold)
                )
            )

        show_message(
            self.window.statusBar(),
            fill(
                QCoreApplication.translate("GettingCourses", "Importing %1…"), isolated(path.name)
            ),
        )
        self.services.tasks.run_task(
            work, self._imported, lambda error: self._import_failed(path, error)
        )

    def _compared(
        self, install: Callable[[], tuple[list[InstalledCourse], GarbageCollection | None]]
    ) -> tuple[list[ImportedCourse], GarbageCollection | None]:
        """On the worker: `install()`, each course it installed with what of it was installed
        before, so the learner hears what changed (nothing, an update), not only "Imported"."""
        before = self.services.library.installed()
        installed, collection = install()
        return imported_over(before, installed), collection

    def _imported(self, result: tuple[list[ImportedCourse], GarbageCollection | None]) -> None:
        imported, collection = result
        self.getting.confirm(self.imported_text(imported))
        if collection is not None and collection.skipped:
            self.getting.files_kept(collection.skipped)
        self.getting.library_changed()

    def imported_text(self, imported: list[ImportedCourse]) -> str:
        """What an import did, by course: imported, already there as it was, repaired (the
        same copy over a damaged one: nothing new to look for), or updated."""
        new = [
            i.installed
            for i in imported
            if i.change in (ImportChange.NEW, ImportChange.REPLACED) and not i.repaired
        ]
        verified = ", ".join(isolated(c.course.title) for c in new if c.verified)
        unverified = ", ".join(isolated(c.course.title) for c in new if not c.verified)
        same = ", ".join(
            isolated(i.installed.course.title) for i in imported if i.change is ImportChange.SAME
        )
        sentences = []
        if verified:
            text = QCoreApplication.translate("GettingCourses", "Imported: %1.")
            sentences.append(text.replace("%1", verified))
        if unverified:
            text = QCoreApplication.translate("GettingCourses", "Imported as unverified: %1.")
            sentences.append(text.replace("%1", unverified))
        if same:
            text = QCoreApplication.translate(
                "GettingCourses", "Already installed, nothing changed: %1."
            )
            sentences.append(text.replace("%1", same))
        repaired = ", ".join(isolated(i.installed.course.title) for i in imported if i.repaired)
        if repaired:
            text = QCoreApplication.translate(
                "GettingCourses", "Repaired: %1. Your progress is kept."
            )
            sentences.append(text.replace("%1", repaired))
        for one in imported:
            if one.change is ImportChange.UPDATED and one.previous is not None:
                text = QCoreApplication.translate(
                    "GettingCourses", "Updated: %1, from version %2 to %3. Your progress is kept."
                )
                course = one.installed
                sentences.append(
                    fill(text, isolated(course.course.title), one.previous.version, course.version)
                )
        return " ".join(sentences)

    def offer_unsigned(self, course: CatalogCourse) -> None:
        """A folder catalog's unsigned course: never a download that can only fail, but the
        import's warning and, once accepted, the import of this course from its folder."""
        try:  # the page disables it over a signed course; it may predate that course
            self.services.library.refuse_unverified(course.id, course.version)
        except UnverifiedOverVerified as error:
            self._tell_failure(course.entry.title, error)
            if self.getting.controller is not None:
                self.getting.controller.browser.rebrowse()
            return
        if self.context.branding.allow_unsigned_archives:
            self._ask_unsigned(course.entry.title, lambda: self._install_unsigned(course))

    def _install_unsigned(self, course: CatalogCourse) -> None:
        """Install a folder catalog's unsigned course, accepted as unverified: an import."""
        controller = self.getting.controller
        if controller is None or not self.context.branding.allow_unsigned_archives:
            return  # the page offers nothing then: checked again where it is done
        unsigned = controller.browser.unsigned  # read here: a refresh may replace it
        folder = unsigned.get(course.download_id)
        if folder is None:
            return
        name = course.entry.title
        show_message(
            self.window.statusBar(),
            fill(QCoreApplication.translate("GettingCourses", "Importing %1…"), isolated(name)),
        )
        self.services.tasks.run_task(
            lambda: self._compared(lambda: controller.browser.install_unsigned(course, folder)),
            self._imported,
            lambda error: self._tell_failure(name, error),
        )

    def _import_failed(self, path: Path, error: BaseException) -> None:
        if isinstance(error, CoursesRefused):
            self._partly_imported(path.name, error)
            return
        if isinstance(error, NotSigned) and self.context.branding.allow_unsigned_archives:
            self.window.statusBar().clearMessage()
            self._ask_unsigned(path.name, lambda: self._import(path, allow_unsigned=True))
            return
        self._tell_failure(path.name, error, path)

    def _partly_imported(self, name: str, refusal: CoursesRefused) -> None:
        """Of the courses in `name`, those installed and those refused, one line each in the
        learner's words (the engine's per course in the details); the library shows the new."""
        self.window.statusBar().clearMessage()
        if refusal.installed:
            titles = ", ".join(isolated(i.course.title) for i in refusal.installed)
            imported = QCoreApplication.translate("GettingCourses", "Imported from “%1”: %2.")
            lines = [fill(imported, isolated(name), titles)]
        else:
            nothing = QCoreApplication.translate(
                "GettingCourses", "Nothing was imported from “%1”."
            )
            lines = [nothing.replace("%1", isolated(name))]
        for course in refusal.refused:
            key = f"{course.course_id}@{course.version}"
            log.warning(
                "%s", refusal_line("import", key, type(course.error).__name__, course.error)
            )
            why = self.refusal_reason(course.error)
            refused = QCoreApplication.translate("GettingCourses", "Not imported: “%1”: %2")
            lines.append(fill(refused, isolated(course.title), why))
        details = "\n".join(refusal.lines())
        title = QCoreApplication.translate("GettingCourses", "Import")
        self.getting.tell(QMessageBox.Icon.Warning, title, "\n".join(lines), details)
        if refusal.installed:
            self.getting.library_changed()

    def refusal_reason(self, error: BaseException) -> str:
        """Why one course of an import was refused, in the learner's words (a sentence)."""
        if isinstance(error, ExamInProgress):
            return QCoreApplication.translate(
                "GettingCourses",
                "an exam of it is in progress, whose questions it would change: import it "
                "again once the exam is submitted.",
            )
        if isinstance(error, LockBusy):  # a TimeoutError, an OSError: yet nothing is wrong
            return QCoreApplication.translate(
                "GettingCourses",
                "another %1 on this computer is busy with it. Try again once it has finished.",
            ).replace("%1", isolated(self.context.branding.product_name))
        if isinstance(error, OSError):
            return QCoreApplication.translate(
                "GettingCourses",
                "a file could not be read, or this computer could not store it (is the disk "
                "full?).",
            )
        if isinstance(error, OlderVersion | UnverifiedOverVerified | OtherSigner):
            return QCoreApplication.translate(
                "GettingCourses",
                "another %1 installed a version of it meanwhile, which is kept.",
            ).replace("%1", isolated(self.context.branding.product_name))
        return QCoreApplication.translate(
            "GettingCourses",
            "a file of it is damaged or missing. Ask the person who gave it to you for a new copy.",
        )

    def _tell_failure(self, name: str, error: BaseException, path: Path | None = None) -> None:
        """Why importing `name` failed, in the learner's words, the engine's in the details."""
        self.window.statusBar().clearMessage()
        if isinstance(error, CourseError | OSError):  # a refusal: said to support too
            course = getattr(error, "course_id", None) or name
            log.warning("%s", refusal_line("import", course, type(error).__name__, error))
        product = self.context.branding.product_name
        if isinstance(error, ExamInProgress):
            template = QCoreApplication.translate(
                "GettingCourses",
                "“%1” was not imported: an exam of “%2” is in progress, whose questions it "
                "would change. Import it again once the exam is submitted.",
            )
            text = fill(template, isolated(name), isolated(error.title))
        elif isinstance(error, UnverifiedOverVerified):
            template = QCoreApplication.translate(
                "GettingCourses",
                "The installed version of “%2” is signed by its publisher; “%1” is not signed, "
                "so %3 will not replace it.",
            )
            text = fill(template, isolated(name), isolated(error.title), isolated(product))
        elif isinstance(error, UntrustedOverSigned):  # a new key: adding it would not help (u2)
            template = QCoreApplication.translate(
                "GettingCourses",
                "“%1” is signed with another key than the installed version of “%2”, so %3 "
                "will not replace it, and adding a key in Settings would not change that. Ask "
                "your institution for its new installer; or remove the course first "
                "(everyone's learning records and progress in it are kept), then import it "
                "again.",
            )
            text = fill(template, isolated(name), isolated(error.title), isolated(product))
        elif isinstance(error, OtherSigner):  # a key trusted here: another publisher's (r16 #3)
            template = QCoreApplication.translate(
                "GettingCourses",
                "The installed version of “%2” is signed by its publisher; “%1” is signed by a "
                "different publisher, so %3 will not replace it. To install it, remove the "
                "course first.",
            )
            text = fill(template, isolated(name), isolated(error.title), isolated(product))
        elif isinstance(error, NotSigned):
            template = QCoreApplication.translate(
                "GettingCourses",
                "“%1” is not signed, and %2 accepts only signed courses. Ask your "
                "institution for a signed copy.",
            )
            text = fill(template, isolated(name), isolated(product))
        else:
            if not isinstance(error, CourseError | OSError):
                log.error("import of %s: %s: %s", path or name, type(error).__name__, error)
            text = self.import_problem(error).replace("%1", isolated(name))
        # The learner reads what happened in their language; the details keep the exact
        # words (file, key, entry) for whoever helps them.
        title = QCoreApplication.translate("GettingCourses", "Import")
        self.getting.tell(QMessageBox.Icon.Warning, title, text, details=str(error))

    def import_problem(self, error: BaseException) -> str:
        """Why an import failed, in the learner's words ("%1": the file's name; the branding's
        name is filled here)."""
        if isinstance(error, KeyScope) and error.earlier:  # an earlier demo key: no key helps
            return QCoreApplication.translate(
                "GettingCourses",
                "“%1” is signed with an earlier key of the demo course, which this computer no "
                "longer accepts, so nothing was installed.",
            )
        if isinstance(error, KeyScope):  # the demo key on another course: it is listed
            # already, so "add its key" (below) could not help; only its publisher can.
            return QCoreApplication.translate(
                "GettingCourses",
                "“%1” is signed with a key this computer accepts only for another course, so "
                "nothing was installed. Tell its publisher.",
            )
        if isinstance(error, SignatureError) and "not trusted" not in error.reason:
            return QCoreApplication.translate(
                "GettingCourses",
                "“%1” was changed after it was signed, or its signature is damaged: nothing "
                "was installed. Ask the person who gave it to you for a new copy.",
            )
        if isinstance(error, SignatureError):
            return QCoreApplication.translate(
                "GettingCourses",
                "“%1” is signed by a publisher this computer does not trust, so nothing was "
                "installed. If your institution gave you its key file, add it in Settings "
                "(Trusted keys), then import again.",
            )
        if isinstance(error, OlderVersion):
            return QCoreApplication.translate(
                "GettingCourses",
                "“%1” holds an older version of a course installed here: nothing was changed.",
            )
        if isinstance(error, CourseError):
            return QCoreApplication.translate(
                "GettingCourses",
                "“%1” is damaged or holds no %2 course. Ask the person who gave it to "
                "you for a new copy.",
            ).replace("%2", isolated(self.context.branding.product_name))
        if isinstance(error, LockBusy):  # a TimeoutError, an OSError: yet nothing is wrong
            return QCoreApplication.translate(
                "GettingCourses",
                "“%1” could not be imported: another %2 on this computer is busy with the "
                "course files (downloading or cleaning up). Try again once it has finished.",
            ).replace("%2", isolated(self.context.branding.product_name))
        if isinstance(error, OSError):
            return QCoreApplication.translate(
                "GettingCourses",
                "“%1” could not be imported: a file could not be read, or this computer could "
                "not store the course (is the disk full?).",
            )
        problem = QCoreApplication.translate("GettingCourses", "“%1” could not be imported: %2")
        return problem.replace("%2", str(error))

    def _ask_unsigned(self, name: str, install_unverified: Callable[[], None]) -> None:
        """The learner's consent before an unsigned course is installed (as unverified)."""
        box = QuestionBox(  # a bare "i" installs nothing
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("GettingCourses", "Unsigned course"),
            fill(
                QCoreApplication.translate(
                    "GettingCourses",
                    "“%1” is not signed: it may come from a teacher or a classmate, not from a "
                    "publisher you trust. %2 cannot check who made it or that nobody changed "
                    "it.\n\nInstall it only if you trust the person who gave it to you. It will "
                    "be marked “Unverified” everywhere.",
                ),
                isolated(name),
                isolated(self.context.branding.product_name),
            ),
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # a catalog's title, a file's name: as written
        box.addButton(
            QCoreApplication.translate("GettingCourses", "&Install as unverified"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # A method, what Install does kept here: a closure holding this controller (and with it
        # the window), connected to the window's child the box, kept a window of its own alive
        # while the question was open.
        box.finished.connect(self._unsigned_answered)
        self.getting.message_box = box
        self._unsigned.append((box, install_unverified))
        box.open()

    def _unsigned_answered(self, _result: int) -> None:
        box = self.sender()
        if self.getting.message_box is box:
            self.getting.message_box = None
        asked = [then for b, then in self._unsigned if b is box]
        self._unsigned = [(b, then) for b, then in self._unsigned if b is not box]
        if not isinstance(box, QMessageBox) or not asked:
            return
        then = asked[0]
        clicked = box.clickedButton()
        if clicked is not None and box.buttonRole(clicked) == QMessageBox.ButtonRole.AcceptRole:
            then()
