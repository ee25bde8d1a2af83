"""Getting courses in the main window: the Catalog and Downloads pages, Settings, importing a
`.cartable` archive or a course folder (menu or drag and drop), exporting a course for a USB
stick, sharing the courses with the other computers of the network (player/ui/share_dialog.py),
the downloads indicator in the status bar, and fetching damaged files again for repair.

The composition root attaches it to the window (`GettingCourses(window, services)`), starts the
downloads after the first paint (`start_later()`), and stops them and the share at quit
(`stop()` before the task runner drains, `close()` after). Importing, exporting and sharing work
even if the downloads cannot start. Heavy modules (network, catalog views) are imported when
first needed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox, QToolButton, QWidget

from player.course.errors import CourseError, NotSigned, SignatureError
from player.library.course_import import CoursesRefused
from player.library.garbage_collection import GarbageCollection
from player.library.library import InstalledCourse
from player.library.replacement_rules import OlderVersion, OtherSigner, UnverifiedOverVerified
from player.ui.announce import announce, show_message
from player.ui.i18n import fill
from player.ui.shell import ShellServices
from sync.interprocess import LockBusy

if TYPE_CHECKING:
    from player.library.catalogs import CatalogCourse
    from player.ui.catalog_view import CatalogView
    from player.ui.downloads_controller import DownloadItem, DownloadsController
    from player.ui.downloads_view import DownloadsView
    from player.ui.main_window import MainWindow
    from player.ui.settings_dialog import SettingsDialog
    from player.ui.share_dialog import ShareController, ShareDialog

log = logging.getLogger(__name__)


def droppable(paths: list[Path]) -> list[Path]:
    """What a drop may install: `.cartable` files and folders (repositories)."""
    from player.course.archive import ARCHIVE_SUFFIX  # the archive code is not needed at start

    return [p for p in paths if p.is_dir() or p.suffix.lower() == ARCHIVE_SUFFIX]


class DownloadsIndicator(QToolButton):
    """The status-bar button: downloading N%, paused, waiting, failed; click for Downloads."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.items: dict[str, DownloadItem] = {}
        self.hide()

    def show_item(self, item: DownloadItem) -> None:
        from sync.download_state import DownloadState

        before = self.items.get(item.id)
        self.items[item.id] = item
        self.update_text()
        failed = DownloadState.FAILED
        if before is not None and before.state is not failed and item.state is failed:
            # Said once, as it happens (a failure recorded before this start is not news); its
            # progress is never said, and a completed one is by the "Installed" message.
            announce(self, self.tr("Download failed: %1").replace("%1", item.title))

    def remove_item(self, download_id: str) -> None:
        self.items.pop(download_id, None)
        self.update_text()

    def update_text(self) -> None:
        items = list(self.items.values())
        self.setVisible(bool(items))
        if not items:
            return  # at start: nothing to show, and the network stack stays unloaded
        from sync.download_state import DownloadState

        states = {i.state for i in items}
        if DownloadState.RUNNING in states:
            done = sum(i.done for i in items if i.state is DownloadState.RUNNING)
            total = sum(i.total for i in items if i.state is DownloadState.RUNNING)
            percent = 100 if total <= 0 else int(done * 100 / total)
            text = self.tr("Downloading %1%").replace("%1", str(percent))
        elif DownloadState.WAITING_FOR_NETWORK in states:
            text = self.tr("Downloads wait for the network")
        elif states & {DownloadState.WAITING_FOR_WINDOW, DownloadState.WAITING_FOR_UNMETERED}:
            text = self.tr("Downloads wait (see Settings)")
        elif DownloadState.FAILED in states:
            text = self.tr("A download failed")
        elif states == {DownloadState.PAUSED}:
            text = self.tr("Downloads paused")
        else:
            text = self.tr("%n downloads", "", len(items))
        self.setText(text)
        self.setToolTip(self.tr("Open Downloads (Ctrl+J)"))
        self.setAccessibleName(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.update_text()
        super().changeEvent(event)


class GettingCourses(QObject):
    def __init__(self, window: MainWindow, services: ShellServices) -> None:
        super().__init__(window)
        self.window = window
        self.services = services
        self.context = services.context
        self.controller: DownloadsController | None = None
        self.catalog_view: CatalogView | None = None
        self.downloads_view: DownloadsView | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.share_controller: ShareController | None = None
        self.share_dialog: ShareDialog | None = None
        self.message_box: QMessageBox | None = None
        self._dashboard: QWidget | None = None  # the dashboard whose Get courses is wired
        self._confirmation = ""  # the status bar's last "done" message (an install, an import)
        self.indicator = DownloadsIndicator(window.statusBar())
        self.indicator.clicked.connect(self.show_downloads)
        window.statusBar().addPermanentWidget(self.indicator)
        self._build_actions()
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        window.stack.currentChanged.connect(self._page_shown)
        self.retranslate()

    # -- starting and stopping ------------------------------------------------------------------

    def start_later(self, delay_ms: int = 1000) -> None:
        """Start the downloads once the window is on screen (network stack, resumes)."""
        QTimer.singleShot(delay_ms, self.start)

    def start(self) -> None:
        if self.controller is not None:
            return
        from player.ui.downloads_controller import DownloadsController

        try:
            controller = DownloadsController(self.context, self.services.tasks, parent=self)
        except Exception:  # studying never depends on downloads being able to start
            log.exception("downloads are unavailable")
            return
        self.attach(controller)
        controller.start()

    def attach(self, controller: DownloadsController) -> None:
        """Use this controller (the app's, or a test's) for the pages and the indicator."""
        self.controller = controller
        controller.item_changed.connect(self._item_changed)
        controller.item_removed.connect(self._item_removed)
        controller.installed.connect(self._installed)
        controller.files_kept.connect(self._files_kept)
        controller.catalog_ready.connect(self._catalog_ready)
        controller.catalog_busy.connect(self._catalog_busy)
        self.window.refetch_files = controller.refetch
        for action in (self.catalog_action, self.downloads_action):
            action.setEnabled(True)

    def stop(self) -> None:
        if self.share_dialog is not None:
            self.share_dialog.close()
        if self.share_controller is not None:
            self.share_controller.stop()  # quitting ends the share, whatever its window does
        if self.controller is not None:
            self.controller.stop()

    def close(self) -> None:
        if self.controller is not None:
            self.controller.close()

    # -- pages ----------------------------------------------------------------------------------

    def _page(self, page: QWidget) -> None:
        window = self.window
        window.close_course()
        if window.stack.indexOf(page) < 0:
            window.stack.addWidget(page)
        window.stack.setCurrentWidget(page)

    def _page_shown(self, _index: int) -> None:
        """The dashboard of a learner with no course points here (its Get courses button)."""
        view = self.window.dashboard_view
        if view is not None and view is not self._dashboard:
            self._dashboard = view
            view.get_courses.connect(self.get_courses)  # type: ignore[attr-defined]

    def get_courses(self) -> None:
        """The catalog, or importing a file when the downloads could not start."""
        if self.controller is not None:
            self.show_catalog()
        else:
            self.choose_import()

    def show_catalog(self) -> None:
        if self.controller is None or self.window.session is None:
            return
        view = self.catalog_view
        if view is None:
            from player.ui.catalog_view import CatalogView

            view = CatalogView(self.window.stack)
            view.download_requested.connect(self._download)
            view.refresh_requested.connect(self.controller.refresh_catalog)
            view.settings_requested.connect(self.show_settings)
            view.back_requested.connect(self.window.show_library)
            branding = self.context.branding
            view.set_unsigned_policy(branding.allow_unsigned_archives, branding.product_name)
            self.catalog_view = view
            if self.controller.browse is not None:
                view.set_browse(
                    self.controller.browse,
                    self.controller.downloading_courses(),
                    set(self.controller.unsigned),
                )
        self._page(view)
        if view.table.isVisible():
            view.table.setFocus()
        else:
            view.search.setFocus()
        self.controller.refresh_catalog()  # a conditional GET: cheap when nothing changed

    def show_downloads(self) -> None:
        if self.controller is None or self.window.session is None:
            return
        view = self.downloads_view
        if view is None:
            from player.ui.downloads_view import DownloadsView

            view = DownloadsView(self.window.stack)
            view.pause_requested.connect(self.controller.pause)
            view.resume_requested.connect(self.controller.resume)
            view.cancel_requested.connect(self.controller.cancel)
            view.settings_requested.connect(self.show_settings)
            view.catalog_requested.connect(self.show_catalog)
            view.back_requested.connect(self.window.show_library)
            for item in self.controller.items.values():
                view.show_item(item)
            self.downloads_view = view
        self._update_conditions()
        self._page(view)
        view.focus_start()

    def show_settings(self) -> None:
        if self.settings_dialog is not None:
            self.settings_dialog.raise_()
            return
        from player.ui.settings_dialog import SettingsDialog

        catalogs = self.controller.downloads.catalogs if self.controller else None
        dialog = SettingsDialog(self.context, catalogs, self.window, tasks=self.services.tasks)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.downloads_changed.connect(self._downloads_settings_changed)
        dialog.catalogs_changed.connect(self._catalogs_changed)
        dialog.trust_changed.connect(self._trust_changed)
        dialog.finished.connect(lambda _r: setattr(self, "settings_dialog", None))
        self.settings_dialog = dialog
        dialog.open()

    def show_share(self) -> None:
        """The share of this computer's courses: its window starts and ends it."""
        if self.share_dialog is not None:
            self.share_dialog.raise_()
            self.share_dialog.activateWindow()
            return
        from player.ui.share_dialog import ShareController, ShareDialog

        if self.share_controller is None:
            self.share_controller = ShareController(
                self.services.library, self.services.tasks, parent=self
            )
        dialog = ShareDialog(self.share_controller, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "share_dialog", None))
        self.share_dialog = dialog
        dialog.show()

    def _downloads_settings_changed(self) -> None:
        if self.controller is not None:
            self.controller.apply_settings()
        self._update_conditions()

    def _catalogs_changed(self) -> None:
        if self.controller is not None:
            self.controller.refresh_catalog()

    def _trust_changed(self) -> None:
        """A key trusted or no longer: what the catalog offers as signed by a stranger."""
        if self.controller is not None:
            self.controller._rebrowse()

    def _update_conditions(self) -> None:
        if self.downloads_view is None:
            return
        from player.ui.downloads_view import DownloadConditions

        settings = self.context.settings
        self.downloads_view.set_conditions(
            DownloadConditions(
                settings.bandwidth_cap_kbps, settings.download_window, settings.unmetered_only
            )
        )

    # -- controller events ----------------------------------------------------------------------

    def _download(self, course: CatalogCourse) -> None:
        if self.controller is None:
            return
        if self.controller.is_unsigned(course):
            # A folder catalog's unsigned course: never a download that can only fail, but the
            # import's warning and, once accepted, the import of this course from its folder.
            try:  # the page disables it over a signed course; it may predate that course
                self.services.library.refuse_unverified(course.id, course.version)
            except UnverifiedOverVerified as error:
                self._tell_import_failure(course.entry.title, error)
                self.controller._rebrowse()
                return
            if self.context.branding.allow_unsigned_archives:
                self._ask_unsigned(course.entry.title, lambda: self._install_unsigned(course))
            return
        show_message(
            self.window.statusBar(), self.tr("Download started: see Downloads (Ctrl+J)."), 8000
        )
        self.controller.download(course)

    def _item_changed(self, item: DownloadItem) -> None:
        self.indicator.show_item(item)
        if self.downloads_view is not None:
            self.downloads_view.show_item(item)
        if self.catalog_view is not None and self.controller is not None:
            self.catalog_view.set_downloading(self.controller.downloading_courses())

    def _item_removed(self, download_id: str) -> None:
        self.indicator.remove_item(download_id)
        if self.downloads_view is not None:
            self.downloads_view.remove_item(download_id)
        if self.catalog_view is not None and self.controller is not None:
            self.catalog_view.set_downloading(self.controller.downloading_courses())

    def _catalog_ready(self, browse: object) -> None:
        if self.catalog_view is not None and self.controller is not None:
            self.catalog_view.set_browse(
                browse,  # type: ignore[arg-type]
                self.controller.downloading_courses(),
                set(self.controller.unsigned),
            )

    def _catalog_busy(self, busy: bool) -> None:
        if self.catalog_view is not None:
            self.catalog_view.set_busy(busy)

    def _installed(self, installed: InstalledCourse) -> None:
        """A course appeared or moved to its new version: the library and an open course follow."""
        self._confirm(
            self.tr("Installed: %1 (version %2).")
            .replace("%1", installed.course.title)
            .replace("%2", installed.version)
        )
        window = self.window
        view = window.course_view
        if view is not None and view.course.id == installed.id:
            if view.course.version != installed.version:
                window.open_course(installed.id, view.current_unit_id)
        elif window.library_view is not None:
            window.library_view.refresh()

    def _confirm(self, text: str) -> None:
        self._confirmation = text
        show_message(self.window.statusBar(), text, 10000)

    def _files_kept(self, reason: str) -> None:
        """An install's, an import's or a cancel's clean-up was skipped: on a small disk the
        learner must know no space was freed. One line, after what it follows; the reason (the
        file to fix) goes to the log, for the diagnostic report."""
        log.warning("unused course files kept (no space freed): %s", reason)
        bar = self.window.statusBar()
        note = self.tr("No disk space was freed: course files no longer needed were kept.")
        shown = bar.currentMessage()
        text = f"{shown} {note}" if shown and shown == self._confirmation else note
        self._confirmation = ""
        bar.showMessage(text, 15000)
        announce(bar, note)  # what it follows was said already

    # -- import and export ----------------------------------------------------------------------

    def choose_import(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Import a course"),
            "",
            self.tr("Cartable courses (*.cartable)"),
        )
        self.import_paths([Path(n) for n in names])

    def choose_import_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self.window, self.tr("A folder holding courses (a USB stick, a shared drive)")
        )
        if name:
            self.import_paths([Path(name)])

    def import_paths(self, paths: list[Path], *, allow_unsigned: bool = False) -> None:
        for path in paths:
            self._import(path, allow_unsigned)

    def _import(self, path: Path, allow_unsigned: bool) -> None:
        library = self.services.library

        def work() -> tuple[list[InstalledCourse], GarbageCollection | None]:
            install = library.install_folder if path.is_dir() else library.install_archive
            return library.collection_by(lambda: install(path, allow_unsigned=allow_unsigned))

        show_message(self.window.statusBar(), self.tr("Importing %1…").replace("%1", path.name))
        self.services.tasks.run_task(
            work, self._imported, lambda error: self._import_failed(path, error)
        )

    def _imported(self, result: tuple[list[InstalledCourse], GarbageCollection | None]) -> None:
        installed, collection = result
        names = ", ".join(i.course.title for i in installed)
        if all(i.verified for i in installed):
            text = self.tr("Imported: %1.").replace("%1", names)
        else:
            text = self.tr("Imported as unverified: %1.").replace("%1", names)
        self._confirm(text)
        if collection is not None and collection.skipped:
            self._files_kept(collection.skipped)
        if self.window.library_view is not None:
            self.window.library_view.refresh()
        if self.controller is not None:
            self.controller._rebrowse()

    def _install_unsigned(self, course: CatalogCourse) -> None:
        """Install a folder catalog's unsigned course, accepted as unverified: an import."""
        controller = self.controller
        if controller is None or not self.context.branding.allow_unsigned_archives:
            return  # the page offers nothing then: checked again where it is done
        folder = controller.unsigned.get(course.download_id)  # here: a refresh may replace it
        if folder is None:
            return
        name = course.entry.title
        show_message(self.window.statusBar(), self.tr("Importing %1…").replace("%1", name))
        self.services.tasks.run_task(
            lambda: controller.install_unsigned(course, folder),
            self._imported,
            lambda error: self._tell_import_failure(name, error),
        )

    def _import_failed(self, path: Path, error: BaseException) -> None:
        if isinstance(error, CoursesRefused):
            self._partly_imported(path.name, error)
            return
        if isinstance(error, NotSigned) and self.context.branding.allow_unsigned_archives:
            self.window.statusBar().clearMessage()
            self._ask_unsigned(path.name, lambda: self._import(path, allow_unsigned=True))
            return
        self._tell_import_failure(path.name, error, path)

    def _partly_imported(self, name: str, refusal: CoursesRefused) -> None:
        """Of the courses in `name`, those installed and those refused, one line each in the
        learner's words (the engine's per course in the details); the library shows the new."""
        self.window.statusBar().clearMessage()
        if refusal.installed:
            titles = ", ".join(i.course.title for i in refusal.installed)
            lines = [fill(self.tr("Imported from “%1”: %2."), name, titles)]
        else:
            lines = [self.tr("Nothing was imported from “%1”.").replace("%1", name)]
        for course in refusal.refused:
            why = self.refusal_reason(course.error)
            lines.append(fill(self.tr("Not imported: “%1”: %2"), course.title, why))
        details = "\n".join(refusal.lines())
        self._tell(QMessageBox.Icon.Warning, self.tr("Import"), "\n".join(lines), details)
        if self.message_box is not None:  # titles are shown as written, never as HTML
            self.message_box.setTextFormat(Qt.TextFormat.PlainText)
        if refusal.installed and self.window.library_view is not None:
            self.window.library_view.refresh()
        if refusal.installed and self.controller is not None:
            self.controller._rebrowse()

    def refusal_reason(self, error: BaseException) -> str:
        """Why one course of an import was refused, in the learner's words (a sentence)."""
        if isinstance(error, LockBusy):  # a TimeoutError, an OSError: yet nothing is wrong
            return self.tr(
                "another Cartable on this computer is busy with it. Try again once it has finished."
            )
        if isinstance(error, OSError):
            return self.tr(
                "a file could not be read, or this computer could not store it (is the disk full?)."
            )
        if isinstance(error, OlderVersion | UnverifiedOverVerified | OtherSigner):
            return self.tr("another Cartable installed a version of it meanwhile, which is kept.")
        return self.tr(
            "a file of it is damaged or missing. Ask the person who gave it to you for a new copy."
        )

    def _tell_import_failure(
        self, name: str, error: BaseException, path: Path | None = None
    ) -> None:
        """Why importing `name` failed, in the learner's words, the engine's in the details."""
        self.window.statusBar().clearMessage()
        product = self.context.branding.product_name
        if isinstance(error, UnverifiedOverVerified):
            template = self.tr(
                "The installed version of “%2” is signed by its publisher; “%1” is not signed, "
                "so %3 will not replace it."
            )
            text = fill(template, name, error.title, product)
        elif isinstance(error, OtherSigner):
            template = self.tr(
                "The installed version of “%2” is signed by its publisher; “%1” is signed by a "
                "different publisher, so %3 will not replace it. To install it, remove the "
                "course first."
            )
            text = fill(template, name, error.title, product)
        elif isinstance(error, NotSigned):
            template = self.tr(
                "“%1” is not signed, and %2 accepts only signed courses. Ask your "
                "institution for a signed copy."
            )
            text = fill(template, name, product)
        else:
            if not isinstance(error, CourseError | OSError):
                log.error("import of %s: %s: %s", path or name, type(error).__name__, error)
            text = self.import_problem(error).replace("%1", name)
        # The learner reads what happened in their language; the details keep the exact
        # words (file, key, entry) for whoever helps them.
        self._tell(QMessageBox.Icon.Warning, self.tr("Import"), text, details=str(error))

    def import_problem(self, error: BaseException) -> str:
        """Why an import failed, in the learner's words ("%1": the file's name)."""
        if isinstance(error, SignatureError) and "not trusted" not in error.reason:
            return self.tr(
                "“%1” was changed after it was signed, or its signature is damaged: nothing "
                "was installed. Ask the person who gave it to you for a new copy."
            )
        if isinstance(error, SignatureError):
            return self.tr(
                "“%1” is signed by a publisher this computer does not trust, so nothing was "
                "installed. If your institution gave you its key file, add it in Settings "
                "(Trusted keys), then import again."
            )
        if isinstance(error, OlderVersion):
            return self.tr(
                "“%1” holds an older version of a course installed here: nothing was changed."
            )
        if isinstance(error, CourseError):
            return self.tr(
                "“%1” is damaged or holds no Cartable course. Ask the person who gave it to "
                "you for a new copy."
            )
        if isinstance(error, LockBusy):  # a TimeoutError, an OSError: yet nothing is wrong
            return self.tr(
                "“%1” could not be imported: another Cartable on this computer is busy with the "
                "course files (downloading or cleaning up). Try again once it has finished."
            )
        if isinstance(error, OSError):
            return self.tr(
                "“%1” could not be imported: a file could not be read, or this computer could "
                "not store the course (is the disk full?)."
            )
        return self.tr("“%1” could not be imported: %2").replace("%2", str(error))

    def _ask_unsigned(self, name: str, install_unverified: Callable[[], None]) -> None:
        """The learner's consent before an unsigned course is installed (as unverified)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Unsigned course"),
            self.tr(
                "“%1” is not signed: it may come from a teacher or a classmate, not from a "
                "publisher you trust. Cartable cannot check who made it or that nobody changed "
                "it.\n\nInstall it only if you trust the person who gave it to you. It will be "
                "marked “Unverified” everywhere."
            ).replace("%1", name),
            QMessageBox.StandardButton.Cancel,
            self.window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # a catalog's title, a file's name: as written
        install = box.addButton(
            self.tr("&Install as unverified"), QMessageBox.ButtonRole.AcceptRole
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered(_result: int) -> None:
            self.message_box = None
            if box.clickedButton() is install:
                install_unverified()

        box.finished.connect(answered)
        self.message_box = box
        box.open()

    def choose_export(self) -> None:
        course_id = self._current_course_id()
        if course_id is None:
            self._tell(
                QMessageBox.Icon.Information,
                self.tr("Export course"),
                self.tr("Choose a course in the library first."),
            )
            return
        installed = self.services.library.get(course_id)
        if installed is None:
            return
        from player.course.archive import ARCHIVE_SUFFIX

        suggested = Path.home() / f"{installed.id}-{installed.version}{ARCHIVE_SUFFIX}"
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export “%1”").replace("%1", installed.course.title),
            str(suggested),
            self.tr("Cartable courses (*.cartable)"),
        )
        if name:
            path = Path(name)
            if path.suffix.lower() != ARCHIVE_SUFFIX:
                path = path.with_name(path.name + ARCHIVE_SUFFIX)
            self.export_to(course_id, path)

    def export_to(self, course_id: str, path: Path) -> None:
        library = self.services.library
        show_message(self.window.statusBar(), self.tr("Exporting to %1…").replace("%1", path.name))
        self.services.tasks.run_task(
            lambda: library.export(course_id, path), self._exported, self._export_failed
        )

    def _exported(self, path: Path) -> None:
        from player.ui.library_view import format_size

        show_message(
            self.window.statusBar(),
            self.tr("Exported to %1 (%2): copy it to a USB stick, then import it elsewhere.")
            .replace("%1", str(path))
            .replace("%2", format_size(path.stat().st_size)),
            15000,
        )

    def _export_failed(self, error: BaseException) -> None:
        self.window.statusBar().clearMessage()
        self._tell(
            QMessageBox.Icon.Warning,
            self.tr("Export course"),
            self.tr("The course could not be exported: %1").replace("%1", str(error)),
        )

    def _current_course_id(self) -> str | None:
        window = self.window
        if window.course_view is not None and window.stack.currentWidget() is window.course_view:
            return window.course_view.course.id
        if window.library_view is not None:
            return window.library_view.current_course_id()
        return None

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # quotes titles and file names as written
        if details:
            box.setDetailedText(details)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _r: setattr(self, "message_box", None))
        self.message_box = box
        box.open()

    # -- drag and drop, language ----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window:
            kind = event.type()
            if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
                drag: QDragEnterEvent = event  # type: ignore[assignment]
                if droppable(_local_paths(drag)):
                    drag.acceptProposedAction()
                    return True
            elif kind == QEvent.Type.Drop:
                drop: QDropEvent = event  # type: ignore[assignment]
                paths = droppable(_local_paths(drop))
                if paths:
                    drop.acceptProposedAction()
                    self.import_paths(paths)
                    return True
            elif kind == QEvent.Type.LanguageChange:
                self.retranslate()
        return super().eventFilter(watched, event)

    def _build_actions(self) -> None:
        window = self.window
        menu = window.course_menu
        menu.addSeparator()
        self.catalog_action = QAction(window)
        self.catalog_action.setShortcut(QKeySequence("Ctrl+K"))
        self.catalog_action.triggered.connect(self.show_catalog)
        self.downloads_action = QAction(window)
        self.downloads_action.setShortcut(QKeySequence("Ctrl+J"))
        self.downloads_action.triggered.connect(self.show_downloads)
        self.import_action = QAction(window)
        self.import_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Open))
        self.import_action.triggered.connect(self.choose_import)
        self.import_folder_action = QAction(window)
        self.import_folder_action.triggered.connect(self.choose_import_folder)
        self.export_action = QAction(window)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.choose_export)
        self.share_action = QAction(window)
        self.share_action.triggered.connect(self.show_share)
        self.settings_action = QAction(window)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.show_settings)
        for action in (self.catalog_action, self.downloads_action):
            action.setEnabled(False)  # until the downloads start
        for action in (
            self.catalog_action,
            self.downloads_action,
            self.import_action,
            self.import_folder_action,
            self.export_action,
            self.share_action,
        ):
            menu.addAction(action)
        menu.addSeparator()
        menu.addAction(self.settings_action)
        for action in (
            self.catalog_action,
            self.downloads_action,
            self.import_action,
            self.export_action,
            self.settings_action,
        ):
            window.addAction(action)  # the keys work with the menu bar hidden too

    def retranslate(self) -> None:
        self.catalog_action.setText(self.tr("Course c&atalog…"))
        self.downloads_action.setText(self.tr("&Downloads"))
        self.import_action.setText(self.tr("&Import a course file…"))
        self.import_folder_action.setText(self.tr("Import from a &folder…"))
        self.export_action.setText(self.tr("&Export course…"))
        self.share_action.setText(self.tr("S&hare courses on this network…"))
        self.settings_action.setText(self.tr("Se&ttings…"))
        self.indicator.update_text()


def _local_paths(event: QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
