"""Getting courses in the main window: the Catalog and Downloads pages, Settings, importing a
`.cartable` archive or a course folder (menu or drag and drop: player/ui/import_controller.py),
exporting a course for a USB stick (player/ui/export_controller.py), removing one
(player/ui/course_removal.py), sharing the courses with the
other computers of the network (player/ui/share_dialog.py), the downloads indicator in the status
bar (player/ui/downloads_indicator.py), fetching damaged files again for repair, and the
library's "Update available" (player/ui/update_check.py reads the catalogs now and then; a
card's menu or the banner updates the course as the Catalog's Update would).

The composition root attaches it to the window (`GettingCourses(window, services)`), starts the
downloads after the first paint (`start_later()`), and at quit stops them and the share and
finishes a course's removal under way (`stop()` before the task runner drains, `close()`
after). Importing, exporting and sharing work even if the downloads cannot start. Heavy
modules (network, catalog views) are imported when first needed.
"""

from __future__ import annotations

import logging
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import QWidget

from player.library.library import InstalledCourse
from player.ui.downloads_indicator import DownloadsIndicator
from player.ui.i18n import fill
from player.ui.menu_texts import remove_course_text
from player.ui.shell import ShellServices
from player.wording import isolated

# The import and export controllers (file dialogs), QMessageBox and player.ui.announce
# (QAccessible) are imported when first used: a start shows none of them
# (tests/ui/test_start_imports.py).
if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from player.library.catalogs import CatalogCourse
    from player.ui.catalog_view import CatalogView
    from player.ui.course_removal import CourseRemoval
    from player.ui.download_item import DownloadItem
    from player.ui.downloads_controller import DownloadsController
    from player.ui.downloads_view import DownloadsView
    from player.ui.export_controller import ExportController
    from player.ui.import_controller import ImportController
    from player.ui.main_window import MainWindow
    from player.ui.settings_dialog import SettingsDialog, SettingsTab
    from player.ui.share_controller import ShareController
    from player.ui.share_dialog import ShareDialog
    from player.ui.update_check import UpdateCheck

log = logging.getLogger(__name__)


def droppable(paths: list[Path]) -> list[Path]:
    """What a drop may install: `.cartable` files and folders (repositories)."""
    from player.course.archive import ARCHIVE_SUFFIX  # the archive code is not needed at start

    return [p for p in paths if p.is_dir() or p.suffix.lower() == ARCHIVE_SUFFIX]


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
        self._library: QWidget | None = None  # the library view whose Update is wired
        self.updates: UpdateCheck | None = None  # with the downloads (`attach`)
        self._confirmation = ""  # the status bar's last "done" message (an install, an import)
        self._started: tuple[str, str] = ("", "")
        """(course id, message): the "Download started" message last shown, which that
        course's failure replaces while it is still shown (a refusal comes at once)."""
        self._replacing: dict[tuple[str, str], str] = {}
        """(course id, version an update brings) -> the version it replaces, seen while the
        update downloads (once installed, the library knows only the new one)."""
        self._looked_up: set[str] = set()
        """Downloads whose replaced version was looked for: once each, since the library is
        read from disk on the UI thread and progress comes several times a second."""
        self._imports: ImportController | None = None
        self._exports: ExportController | None = None
        self._removals: CourseRemoval | None = None
        self.indicator = DownloadsIndicator(window.statusBar())
        self.indicator.clicked.connect(self.show_downloads)
        window.statusBar().addPermanentWidget(self.indicator)
        self._build_actions()
        window.studying_changed.connect(self._studying_changed)
        window.course_opened.connect(self._course_opened)
        self._studying_changed(window.is_studying())
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        window.stack.currentChanged.connect(self._page_shown)
        self.retranslate()

    @property
    def imports(self) -> ImportController:
        if self._imports is None:
            from player.ui.import_controller import ImportController

            self._imports = ImportController(self)
        return self._imports

    @property
    def exports(self) -> ExportController:
        if self._exports is None:
            from player.ui.export_controller import ExportController

            self._exports = ExportController(self)
        return self._exports

    @property
    def removals(self) -> CourseRemoval:
        if self._removals is None:
            from player.ui.course_removal import CourseRemoval

            self._removals = CourseRemoval(self)
        return self._removals

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
        assert self.updates is not None
        self.updates.start()  # a first look once the resumes went, then now and then

    def attach(self, controller: DownloadsController) -> None:
        """Use this controller (the app's, or a test's) for the pages and the indicator."""
        self.controller = controller
        controller.item_changed.connect(self._item_changed)
        controller.item_removed.connect(self._item_removed)
        controller.installed.connect(self._installed)
        controller.files_kept.connect(self.files_kept)
        controller.catalog_ready.connect(self._catalog_ready)
        controller.catalog_busy.connect(self._catalog_busy)
        self.window.refetch_files = controller.refetch
        self.window.support_facts = controller.support_facts
        from player.store.exam_holds import exam_in_progress

        database = self.services.store.database
        # An update whose files are all here waits for an exam in progress in its course to end.
        controller.courses.held = exam_in_progress(database.path, lambda: database.clock())
        from player.ui.update_check import UpdateCheck

        waits = controller.waits
        catalogs = controller.downloads.catalogs
        self.updates = UpdateCheck(
            self.context,
            lambda network: controller.refresh_catalog(background=True, network=network),
            studying=self.window.is_studying,
            online=lambda: waits.reachability.online,
            unmetered=waits.is_unmetered,
            folders=lambda: any(source.is_folder for source in catalogs.sources()),
            reading=controller.browser.reading,
            unsigned_allowed=self.context.branding.allow_unsigned_archives,
            parent=self,
        )
        controller.browser.fetched.connect(self.updates.fetched)
        controller.network_changed.connect(self.updates.consider)
        self.updates.updates_changed.connect(self._updates_changed)
        self._studying_changed(self.window.is_studying())

    def stop(self) -> None:
        if self.settings_dialog is not None:  # open at quit: a signer check on a hung server
            self.settings_dialog.catalog_page.stop()  # held the quit past QUIT_WAIT_MS
        if self.share_dialog is not None:
            self.share_dialog.close()
        if self.share_controller is not None:
            self.share_controller.stop()  # quitting ends the share, whatever its window does
        if self.updates is not None:
            self.updates.stop()
        if self.controller is not None:
            self.controller.stop()  # with a catalog read under way (the update check's)

    def finish_removal(self) -> None:
        """At quit, after every other stop (`player.app.quit_stops`): a course the learner
        removed goes, even at quit. Its wait runs an event loop, where work not stopped yet
        (the sync's timers) would start."""
        if self._removals is not None:
            self._removals.finish()

    def close(self) -> None:
        if self.controller is not None:
            self.controller.close()

    # -- pages ----------------------------------------------------------------------------------

    def _studying_changed(self, studying: bool) -> None:
        """Catalog and Downloads (Ctrl+K, Ctrl+J, the status bar's button) wait for the downloads
        to start and for a profile to be open, as the menus' items about a learner's courses:
        over the chooser (a first start, a PIN asked, Switch profile, whose chooser is a lock)
        they opened over it to whoever sat down."""
        for action in (self.catalog_action, self.downloads_action):
            action.setEnabled(studying and self.controller is not None)
        # As Check and repair, a course to act on (MainWindow.has_courses): with none installed
        # they answered "Choose a course in the library first." (Ctrl+E too).
        courses = self.window.has_courses()
        for action in (self.export_action, self.remove_action):
            action.setEnabled(courses)
        self.indicator.setEnabled(studying)
        if studying and self.updates is not None:  # a check held by the chooser may go now
            self.updates.consider()

    def _page(self, page: QWidget) -> None:
        window = self.window
        window.close_course()
        if window.stack.indexOf(page) < 0:
            window.stack.addWidget(page)
        window.stack.setCurrentWidget(page)

    def _page_shown(self, _index: int) -> None:
        """The dashboard of a learner with no course points here (its Get courses button); a
        new library (a profile opened) shows the updates found and offers them."""
        view = self.window.dashboard_view
        if view is not None and view is not self._dashboard:
            self._dashboard = view
            view.get_courses.connect(self.get_courses)  # type: ignore[attr-defined]
        self._wire_library()

    def _wire_library(self) -> None:
        library = self.window.library_view
        if library is None or library is self._library:
            return
        self._library = library
        library.update_requested.connect(self.update_course)
        if self.updates is not None:
            library.set_updates(self.updates.versions())

    def _updates_changed(self, _updates: dict[str, CatalogCourse]) -> None:
        self._wire_library()
        if self.window.library_view is not None and self.updates is not None:
            self.window.library_view.set_updates(self.updates.versions())

    def update_course(self, course_id: str) -> None:
        """A library card's (or the banner's) Update: the Catalog's download of the version
        found, "Download started" said the same way (refused as the Catalog's is, `_download`,
        while an exam is in progress in the course)."""
        course = self.updates.updates.get(course_id) if self.updates is not None else None
        if course is None or not self.window.is_studying():
            return
        self._download(course)

    def _update_refusal(self, course: CatalogCourse, *, downloaded: bool = False) -> str | None:
        """Why `course` (an update) may not be downloaded now, in one line; None when it may.
        `downloaded`: its download waits already (`CourseDownloads.held`), to install by
        itself after the exam."""
        installed = self.services.library.get(course.id)
        title = isolated(installed.course.title if installed is not None else course.entry.title)
        session = self.window.session
        me = session.profile.id if session is not None else None
        attempts = self._exams_in_progress(course.id)
        if downloaded and attempts:
            if any(timed for _, timed in attempts):
                return self.tr(
                    "The update of “%1” is downloaded: it installs by itself once the exam in "
                    "progress is submitted or its time has run out."
                ).replace("%1", title)
            return self.tr(
                "The update of “%1” is downloaded: it installs by itself once the exam in "
                "progress is submitted."
            ).replace("%1", title)
        mine = [timed for profile_id, timed in attempts if profile_id == me]
        if mine and mine[0]:
            return self.tr(
                "“%1” has an exam in progress, whose clock keeps running: submit it first "
                "(or let its time run out), then update the course."
            ).replace("%1", title)
        if mine:  # an exam without a time limit: in progress until submitted
            return self.tr(
                "“%1” has an exam in progress: submit it first, then update the course."
            ).replace("%1", title)
        others = [(profile_id, timed) for profile_id, timed in attempts if profile_id != me]
        if not others:
            return None
        names = ", ".join(isolated(self._profile_name(profile_id)) for profile_id, _ in others)
        if any(timed for _, timed in others):
            return fill(
                self.tr(
                    "“%1” has an exam in progress in another profile on this computer (%2), "
                    "whose clock keeps running: update the course once it is submitted or its "
                    "time has run out."
                ),
                title,
                names,
            )
        return fill(
            self.tr(
                "“%1” has an exam in progress in another profile on this computer (%2): update "
                "the course once it is submitted."
            ),
            title,
            names,
        )

    def _held(self, course_id: str) -> bool:
        """An update of the course downloaded, waiting for an exam (`CourseDownloads.held`)."""
        controller = self.controller
        return controller is not None and any(
            item.held and item.course_id == course_id for item in controller.items.values()
        )

    def _course_opened(self, _course_id: str) -> None:
        view = self.window.course_view
        if view is not None:  # an exam submitted, or its time run out, in it
            view.progress_changed.connect(self._progress_changed)

    def _progress_changed(self) -> None:
        """A unit of the open course completed: an exam submitted or whose time ran out lets
        an update held for it install at once, not at the next look (`HELD_POLL_MS`)."""
        view = self.window.course_view
        if view is not None and self.controller is not None and self._held(view.course.id):
            self.controller.install_held()

    def _exams_in_progress(self, course_id: str) -> list[tuple[str, bool]]:
        """`Store.exams_in_progress`, timed or not (an update would change an untimed attempt's
        questions as much); none when the records cannot be read, logged: the install's own
        look (`CourseDownloads.held`) holds the update then."""
        from player.ui.recorder import STORE_FAILURES

        try:
            return self.services.store.exams_in_progress(course_id)
        except STORE_FAILURES as exc:
            log.warning("could not read the exam attempts in progress: %s", exc)
            return []

    def _profile_name(self, profile_id: str) -> str:
        from player.ui.recorder import STORE_FAILURES

        try:
            return self.services.store.profiles.get(profile_id).name
        except STORE_FAILURES:  # its id rather than nothing
            return profile_id

    def get_courses(self) -> None:
        """The catalog, or importing a file when the downloads could not start."""
        if self.controller is not None:
            self.show_catalog()
        else:
            self.choose_import()

    def show_catalog(self) -> None:
        if self.controller is None or not self.window.is_studying():
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
                    set(self.controller.browser.unsigned),
                )
        self._page(view)
        if view.table.isVisible():
            view.table.setFocus()
        else:
            view.search.setFocus()
        self.controller.refresh_catalog()  # a conditional GET: cheap when nothing changed

    def show_downloads(self) -> None:
        if self.controller is None or not self.window.is_studying():
            return
        view = self.downloads_view
        if view is None:
            from player.ui.downloads_view import DownloadsView

            view = DownloadsView(self.window.stack)
            view.product = self.context.branding.product_name
            view.pause_requested.connect(self.controller.pause)
            view.resume_requested.connect(self.controller.resume)
            view.cancel_requested.connect(self.controller.cancel)
            view.settings_requested.connect(self.show_download_settings)
            view.trusted_keys_requested.connect(self.show_trusted_keys)
            view.catalog_requested.connect(self.show_catalog)
            view.back_requested.connect(self.window.show_library)
            for item in self.controller.items.values():
                view.show_item(item)
            self.downloads_view = view
        self._update_conditions()
        self._page(view)
        view.focus_start()

    def show_settings(self) -> None:
        self._open_settings(None)

    def show_download_settings(self) -> None:
        """Settings on its Downloads tab: the conditions the Downloads page shows."""
        from player.ui.settings_dialog import SettingsTab

        self._open_settings(SettingsTab.DOWNLOADS)

    def show_trusted_keys(self) -> None:
        """Settings on its Trusted keys tab: where a refused download's row says to add a key."""
        from player.ui.settings_dialog import SettingsTab

        self._open_settings(SettingsTab.TRUSTED_KEYS)

    def _open_settings(self, tab: SettingsTab | None) -> None:
        """Settings on `tab` (None: the one it shows, its first when it opens)."""
        if self.settings_dialog is not None:
            if tab is not None:
                self.settings_dialog.show_tab(tab)
            self.settings_dialog.raise_()
            return
        from player.library.catalog_keys import untrusted_signers
        from player.ui.settings_dialog import SettingsDialog, SettingsTab

        downloads = self.controller.downloads if self.controller else None
        catalogs = downloads.catalogs if downloads else None
        read_catalog = check_signers = None
        if downloads is not None:  # the catalog read before it is added, its signers after
            read_catalog = partial(downloads.catalogs.try_candidate, session=downloads.session)
            check_signers = partial(
                untrusted_signers, downloads.catalogs, session=downloads.session
            )
        window = self.window
        # none over the chooser (a PIN asked, Switch profile): the language row waits for one
        session = window.session if window.is_studying() else None
        dialog = SettingsDialog(
            self.context,
            catalogs,
            window,
            tasks=self.services.tasks,
            read_catalog=read_catalog,
            check_signers=check_signers,
            profiles=self.services.profiles,
            profile=session.profile if session is not None else None,
            language=self.services.translations.language or "en",
            tab=SettingsTab.CATALOGS if tab is None else tab,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.downloads_changed.connect(self._downloads_settings_changed)
        dialog.catalogs_changed.connect(self._catalogs_changed)
        dialog.trust_changed.connect(self._trust_changed)
        # The window follows a language changed here as one changed in Manage profiles.
        dialog.profile_changed.connect(window._profile_changed)
        dialog.finished.connect(self._settings_closed)  # methods: see _message_closed
        self.settings_dialog = dialog
        dialog.open()

    def show_share(self) -> None:
        """The share of this computer's courses: its window starts and ends it."""
        if self.share_dialog is not None:
            self.share_dialog.raise_()
            self.share_dialog.activateWindow()
            return
        from player.ui.share_controller import ShareController
        from player.ui.share_dialog import ShareDialog

        if self.share_controller is None:
            self.share_controller = ShareController(
                self.services.library, self.services.tasks, parent=self
            )
        dialog = ShareDialog(self.share_controller, self.window, self.context.branding.product_name)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._share_closed)
        self.share_dialog = dialog
        dialog.show()

    def _downloads_settings_changed(self) -> None:
        if self.controller is not None:
            self.controller.apply_settings()
        self._update_conditions()
        if self.updates is not None:  # turned on, or "only on unmetered" off: maybe due now
            self.updates.consider()

    def library_changed(self) -> None:
        """A course installed or removed: the library and the catalog (what it offers again, or
        no longer) read it again."""
        if self.window.library_view is not None:
            self.window.library_view.refresh()
        if self.controller is not None:
            self.controller.browser.rebrowse()

    def _catalogs_changed(self) -> None:
        if self.controller is not None:
            self.controller.refresh_catalog()

    def _trust_changed(self) -> None:
        """A key trusted or no longer: what the catalog offers as signed by a stranger."""
        if self.controller is not None:
            self.controller.browser.rebrowse()

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
        """The Catalog's Download or Update, a card's Update. An update is refused while an exam,
        timed or not, is in progress in the course (here or in another profile): the course
        would change under the attempt, and a timed exam's clock does not wait; the update can
        wait. (A removal is refused only beside a timed exam. An update started before the exam
        downloads, and installs once the exam ends: `CourseDownloads.held`.)"""
        if self.controller is None:
            return
        update = course.installed_version not in (None, course.version)
        held = update and self._held(course.id)
        refusal = self._update_refusal(course, downloaded=held) if update else None
        if refusal is not None:
            from PySide6.QtWidgets import QMessageBox

            self.tell(QMessageBox.Icon.Information, self.tr("Update course"), refusal)
            return
        if held:  # downloaded, waiting for an exam that has ended: installed now
            self.controller.install_held()
            return
        if self.controller.browser.is_unsigned(course):
            self.imports.offer_unsigned(course)
            return
        from player.ui.announce import show_message

        started = self.tr("Download started: see Downloads (Ctrl+J).")
        self._started = (course.id, started)  # before: a refusal may come within `download`
        show_message(self.window.statusBar(), started, 8000)
        self.controller.download(course)

    def _item_changed(self, item: DownloadItem) -> None:
        key = (item.course_id, item.version)
        if item.is_update and item.id not in self._looked_up and key not in self._replacing:
            self._looked_up.add(item.id)
            current = self.services.library.get(item.course_id)
            if current is not None and current.version != item.version:
                self._replacing[key] = current.version
        self.indicator.show_item(item)
        self._started_failed(item)
        if self.downloads_view is not None:
            self.downloads_view.show_item(item)
        if self.catalog_view is not None and self.controller is not None:
            self.catalog_view.set_downloading(self.controller.downloading_courses())

    def _started_failed(self, item: DownloadItem) -> None:
        """A download refused at once (its signature, its key, the server) left "Download
        started" beside the failure for 8 s: the failure replaces it while it is shown."""
        from sync.download_state import DownloadState

        course_id, started = self._started
        if item.state is not DownloadState.FAILED or item.course_id != course_id:
            return
        self._started = ("", "")
        bar = self.window.statusBar()
        if bar.currentMessage() == started:
            # Not announced again: the status bar's button says the failure as it happens.
            text = self.tr("Download failed: %1. See Downloads (Ctrl+J).")
            bar.showMessage(fill(text, isolated(item.title)), 10000)

    def _item_removed(self, download_id: str) -> None:
        self._looked_up.discard(download_id)  # downloaded again later: looked for again
        self.indicator.remove_item(download_id)
        if self.downloads_view is not None:
            self.downloads_view.remove_item(download_id)
        if self.catalog_view is not None and self.controller is not None:
            self.catalog_view.set_downloading(self.controller.downloading_courses())

    def _catalog_ready(self, browse: object) -> None:
        if self.updates is not None and self.controller is not None:
            unsigned = set(self.controller.browser.unsigned)
            self.updates.browsed(browse, unsigned)  # type: ignore[arg-type]
        if self.catalog_view is not None and self.controller is not None:
            self.catalog_view.set_browse(
                browse,  # type: ignore[arg-type]
                self.controller.downloading_courses(),
                set(self.controller.browser.unsigned),
            )

    def _catalog_busy(self, busy: bool) -> None:
        if self.catalog_view is not None:
            self.catalog_view.set_busy(busy)

    def _installed(self, installed: InstalledCourse) -> None:
        """A course appeared or moved to its new version: the library and an open course follow."""
        replaced = self._replacing.pop((installed.id, installed.version), None)
        if replaced is not None:
            self.confirm(
                fill(
                    self.tr("Updated: %1, from version %2 to %3. Your progress is kept."),
                    isolated(installed.course.title),
                    replaced,
                    installed.version,
                )
            )
        else:
            self.confirm(
                fill(
                    self.tr("Installed: %1 (version %2)."),
                    isolated(installed.course.title),
                    installed.version,
                )
            )
        window = self.window
        view = window.course_view
        if view is not None and view.course.id == installed.id:
            if view.course.version != installed.version:
                window.open_course(installed.id, view.current_unit_id)
        elif window.library_view is not None:
            window.library_view.refresh()

    def confirm(self, text: str) -> None:
        """A "done" message in the status bar, which `files_kept` may follow."""
        self._confirmation = text
        from player.ui.announce import show_message

        show_message(self.window.statusBar(), text, 10000)

    def files_kept(self, reason: str) -> None:
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
        from player.ui.announce import announce

        announce(bar, note)  # what it follows was said already

    # -- import and export ----------------------------------------------------------------------

    def choose_import(self) -> None:
        self.imports.choose_file()

    def choose_import_folder(self) -> None:
        self.imports.choose_folder()

    def import_paths(self, paths: list[Path], *, allow_unsigned: bool = False) -> None:
        self.imports.import_paths(paths, allow_unsigned=allow_unsigned)

    def choose_export(self) -> None:
        self.exports.choose()

    def export_to(self, course_id: str, path: Path) -> None:
        self.exports.export_to(course_id, path)

    def choose_removal(self) -> None:
        self.removals.choose()

    def ask_removal(self, course_id: str) -> None:
        """A library card's Remove this course… or Delete key."""
        self.removals.ask(course_id)

    def tell(self, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> None:
        """A message box, held in `message_box` until it closes (the import's and export's too)."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setTextFormat(Qt.TextFormat.PlainText)  # quotes titles and file names as written
        if details:
            box.setDetailedText(details)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._message_closed)
        self.message_box = box
        box.open()

    def _message_closed(self, _result: int) -> None:
        """A method, as the settings' and share's: a closure holding this object (and with it
        the window), connected to the window's child the box, kept a window of its own alive
        while the box was open."""
        self.message_box = None

    def _settings_closed(self, _result: int) -> None:
        self.settings_dialog = None

    def _share_closed(self, _result: int) -> None:
        self.share_dialog = None

    # -- drag and drop, language ----------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # A window owned by Python (a test's) is freed by a collection, which may clear these
        # attributes first: the window's C++ destruction still sends its events here (this is
        # its child). Nothing to do then; raising there killed the process (SIGSEGV).
        if "window" not in vars(self):
            return False
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
        self.remove_action = QAction(window)
        self.remove_action.triggered.connect(self.choose_removal)
        window.remove_course = self.ask_removal
        self.share_action = QAction(window)
        self.share_action.triggered.connect(self.show_share)
        self.settings_action = QAction(window)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.show_settings)
        for action in (self.catalog_action, self.downloads_action):
            action.setEnabled(False)  # until the downloads start (and a profile is open)
        for action in (
            self.catalog_action,
            self.downloads_action,
            self.import_action,
            self.import_folder_action,
            self.export_action,
            self.remove_action,
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
        self.remove_action.setText(remove_course_text())
        self.share_action.setText(self.tr("S&hare courses on this network…"))
        self.settings_action.setText(self.tr("Se&ttings…"))
        self.indicator.update_text()


def _local_paths(event: QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
