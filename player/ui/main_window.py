"""The main window: who is studying, the library, a course; menus and window-wide keys.

It switches between pages (window_pages) and wires them to the services; the pages hold their
own layout and logic (profile_dialog, library_view, course_view), the menu bar its items
(main_menus), the damaged-records messages their texts (records_damage), the question before
leaving a running exam its box and clock (leave_question), sync its indicator, panel and
refusal message (window_sync). Content views get a `UnitServices` per opened course
(course_services, player.ui.unit_view).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QMainWindow, QWidget

from player.course.manifest import Course
from player.languages import supported
from player.store.database import StoreError
from player.store.integrity import IntegrityCheck
from player.store.playback import PlaybackPreferences
from player.store.profiles import Profile, ProfileError
from player.ui import window_geometry
from player.ui.course_services import CourseServices
from player.ui.exam.running import quit_question, running_exams, switch_question
from player.ui.i18n import system_language, title_part
from player.ui.leave_question import LeaveQuestion
from player.ui.library_view import LibraryView
from player.ui.main_menus import MainMenus
from player.ui.resume import ResumePoint
from player.ui.settings_save import save_settings
from player.ui.shell import Session, ShellServices
from player.ui.window_pages import Pages
from player.ui.window_sync import WindowSync, account_refused
from player.wording import isolated

# QMessageBox and player.ui.announce (QAccessible) are imported where used: creating their Qt
# types costs some 3 ms of a start that shows neither (tests/ui/test_start_imports.py).
if TYPE_CHECKING:  # imported when first needed: the library comes on screen sooner
    from PySide6.QtWidgets import QMessageBox

    from player.library.support_report import SupportFacts
    from player.ui.branding_logo import InstitutionBadge
    from player.ui.course_view import CourseView
    from player.ui.help_dialog import HelpDialog
    from player.ui.profile_dialog import ProfilePage
    from player.ui.repair import RepairDialog
    from player.ui.sync_controller import SyncController
    from player.ui.sync_indicator import SyncIndicator
    from player.ui.sync_panel import SyncPanel

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    library_shown = Signal()
    course_opened = Signal(str)
    # A profile open and shown, or no longer (the chooser, its PIN): what needs a learner follows
    # (the menus' items, getting_courses' Catalog and Downloads).
    studying_changed = Signal(bool)

    def __init__(self, services: ShellServices) -> None:
        super().__init__()
        self.services = services
        self.context = services.context
        self.session: Session | None = None
        self.profile_page: ProfilePage | None = None
        self.library_view: LibraryView | None = None
        self.course_view: CourseView | None = None
        self.repair_dialog: RepairDialog | None = None
        self.help_dialog: HelpDialog | None = None
        self.sync: SyncController | None = None
        # What an opened course's views are given; the learner's playback choices.
        self.course_services = CourseServices(
            services, lambda: self.sync, self._open_unit_in_course, self._exam_submitted
        )
        self.window_sync: WindowSync | None = None  # its indicator and panel, once sync runs
        # Fetches a course's damaged files again from a catalog (set once downloads run).
        self.refetch_files: Callable[[str], object] | None = None
        # The running downloads' catalogs, keys and downloads for Help's report (set by
        # getting_courses when they start); None: Help reads the catalogs from the disk.
        self.support_facts: Callable[[], SupportFacts] | None = None
        # Asks, then removes an installed course (a library card's menu, Delete; set by
        # getting_courses, whose Course menu item does the same).
        self.remove_course: Callable[[str], object] | None = None
        self.dashboard_view: QWidget | None = None  # player.ui.dashboard.view.DashboardView
        self.profiles_dialog: QWidget | None = None  # player.ui.profiles_dialog.ProfilesDialog
        # "Your exam is in progress… Quit anyway?" (or "Switch anyway?"), asked before leaving.
        self.leave_question = LeaveQuestion(self, services.store, self._profile_in_use)

        self.stack = Pages(self)
        self.setCentralWidget(self.stack)
        self.institution_badge = self._institution_badge()
        self._build_menus()
        self.retranslate()
        screen = QGuiApplication.primaryScreen()
        available = screen.availableGeometry().size() if screen else None
        default = window_geometry.DEFAULT_SIZE
        width, height = default.width(), default.height()
        if available is not None:
            width, height = min(width, available.width()), min(height, available.height())
        self.resize(width, height)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):  # None in some tools' windows; a QCoreApplication
            app.commitDataRequest.connect(self._session_ending)

    def _institution_badge(self) -> InstitutionBadge | None:
        """Who set this player up, in the status bar: the bar is there anyway for sync and
        downloads, so on a 720-pixel screen the badge costs no height, and it shows on every
        page, the profile page included. A permanent widget (first of them, at the right of the
        messages): added as a plain one, every passing message ('Installed: …', 'Updated: …')
        hid the logo and name for its 8-15 seconds, again and again (u2). A message too long
        for the room beside it takes the name's room (`InstitutionBadge.fit_beside`)."""
        branding = self.context.branding
        if not (branding.institution or branding.logo):
            return None
        from player.ui.branding_logo import InstitutionBadge  # its image types: 3 ms of a start

        badge = InstitutionBadge(branding, self.statusBar())
        self.statusBar().addPermanentWidget(badge)
        self.statusBar().messageChanged.connect(badge.fit_beside)
        return badge

    # -- start ------------------------------------------------------------------------------

    def start(self) -> None:
        """Open the last profile (asking its PIN if it has one), else ask who is studying."""
        last = self._last_profile()
        if last is not None and not last.has_pin:
            self.open_profile(last)
        else:
            self.show_profiles(selected=last)

    def _last_profile(self) -> Profile | None:
        profile_id = self.context.settings.last_profile
        if not profile_id:
            return None
        try:
            return self.services.profiles.get(profile_id)
        except ProfileError:
            return None

    def _chooser_language(self) -> str:
        """The language of the chooser before any profile is open: the last profile used on
        this computer's, else the one every profile shares, else the system's (the branding's
        default when the system speaks none Cartable does). A lab of French profiles on an
        English or C-locale system asked "Who is studying?" and "PIN:" in English (shared-lab
        run f6 #1)."""
        last = self._last_profile()
        spoken = {supported(last.language)} if last is not None else set()
        if not spoken:
            try:
                spoken = {supported(p.language) for p in self.services.profiles.all()}
            except StoreError:  # unreadable: the system's language then
                spoken = set()
        if len(spoken) == 1 and None not in spoken:
            return str(spoken.pop())
        return system_language(self.context.branding.default_language)

    def show_profiles(self, selected: Profile | None = None) -> None:
        if self.session is None:
            language = self.services.translations.language or self._chooser_language()
            self.services.translations.use(language)
            self.retranslate()
        else:
            language = self.session.profile.language
        self.close_course()
        if self.session is not None:
            self._leave_learner()
        from player.ui.profile_dialog import ProfilePage  # a later start goes to the library

        page = ProfilePage(
            self.services.profiles,
            self.services.translations,
            language,
            self.stack,
            can_cancel=self.session is not None,
            current_id=self.session.profile.id if self.session is not None else None,
        )
        page.chosen.connect(self.open_profile)
        page.cancelled.connect(self._enter_library)  # its PIN asked, if it has one
        if selected is not None:
            page.select(selected.id)
            if selected.has_pin:
                page.pin.setFocus()
        self._replace_page("profile_page", page)
        self._sync_follows()
        self._update_actions()
        self._update_title()

    def open_profile(self, profile: Profile) -> None:
        self.close_course()
        if self.session is not None and self.profile_page is None:
            self._leave_learner()  # straight from Manage profiles: no profile page between
        self.session = Session(self.services, profile)
        self.course_services.playback = None  # the learner's own, read with a course
        self.context.settings.last_profile = profile.id
        save_settings(self.context)
        self.services.translations.use(profile.language)
        self.retranslate()
        self._drop_dashboard()
        view = LibraryView(
            self.services.library,
            self.services.progress,
            profile.id,
            self.stack,
            thumbnails=self.services.context.paths.thumbnails,
            running_exams=lambda: running_exams(self.services.store, profile.id),
        )
        view.open_course.connect(self.open_course)
        view.resume.connect(self.resume)
        view.remove_requested.connect(self._remove_requested)
        view.courses_changed.connect(self._update_actions)
        self._replace_page("library_view", view)
        self._enter_library()  # drops the profile page; reads the courses and progress once
        self._submit_expired_exams(profile)

    def _leave_learner(self) -> None:
        """The learner leaving takes their status-bar message with them: "your exam is still
        running, 20 min left", "your institution refused your account" stayed on the profile
        page and over the next learner's library, as if about them."""
        from player.ui.course_notice import NOTICE_PROPERTY  # loaded with the first course anyway

        bar = self.statusBar()
        bar.clearMessage()
        bar.setProperty(NOTICE_PROPERTY, "")

    def _replace_page(self, name: str, page: QWidget) -> None:
        old = getattr(self, name)
        if old is not None:
            self.stack.drop(old)
        setattr(self, name, page)
        self.stack.show_page(page)

    # -- library and courses ----------------------------------------------------------------

    def show_library(self) -> None:
        """The learner's library: Library (Ctrl+L), a page's Back. Never over the profile
        chooser, where the learner may have walked away after Switch profile: going back to
        them is the chooser's Cancel, which asks their PIN. No page opens over the chooser (the
        items and keys that open one are disabled there); one that did would go back to it."""
        if self.profile_page is not None:
            self.stack.setCurrentWidget(self.profile_page)
            return
        self._enter_library()

    def _enter_library(self) -> None:
        """The library of the profile in session, the profile page dropped (a profile chosen,
        or the chooser left with its PIN)."""
        if self.library_view is None or self.session is None:
            return
        self.close_course()
        if self.profile_page is not None:
            self.stack.drop(self.profile_page)
            self.profile_page = None
        self._sync_follows()  # the profile just opened, or back from the chooser
        self.library_view.refresh()
        self.stack.setCurrentWidget(self.library_view)
        self.library_view.focus_start()
        self._update_actions()
        self._update_title()
        self.library_shown.emit()

    def open_course(self, course_id: str, unit_id: str | None = None) -> CourseView | None:
        if self.session is None:
            return None
        installed = self.services.library.get(course_id)
        if installed is None:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                self,
                self.tr("Course unavailable"),
                self.tr("This course is no longer installed, or its files cannot be read."),
            )
            return None
        self.close_course()
        from player.ui.course_view import CourseView

        factory = self.course_services.factory(self.session, installed, self)
        view = CourseView(
            self.session, installed, factory, self.stack, self.context.branding.product_name
        )
        view.back.connect(self.show_library)
        view.repair_requested.connect(self.repair_course)
        view.unit_changed.connect(lambda _u: self._update_title())
        self.course_view = view
        self.stack.show_page(view)
        if unit_id is None or not view.open_unit(unit_id):
            view.open_start_unit()
        self._update_actions()
        self._update_title()
        self.course_opened.emit(course_id)
        return view

    def _remove_requested(self, course_id: str) -> None:
        if self.remove_course is not None and self.is_studying():
            self.remove_course(course_id)

    def resume(self, point: ResumePoint) -> None:
        self.open_course(point.course_id, point.unit_id)

    @property
    def playback(self) -> PlaybackPreferences | None:
        """The learner's playback choices, shared by their courses' views (None: not read)."""
        return self.course_services.playback

    def _exam_submitted(self) -> None:
        """An exam attempt was just queued: send it now if the network allows. A quit question
        about it no longer applies."""
        if self.sync is not None:
            self.sync.exam_submitted()
        self.leave_question.update()

    def _account_refused(self, profile_id: str) -> bool:
        """Whether the institution's server refused this profile's user name or password."""
        return account_refused(self.sync, profile_id)

    def _open_unit_in_course(self, unit_id: str) -> None:
        if self.course_view is not None:
            # After the reading's click handler returns: the reading view is closed by this.
            QTimer.singleShot(0, lambda: self.course_view and self.course_view.open_unit(unit_id))

    def close_course(self) -> None:
        view, self.course_view = self.course_view, None
        if view is None:
            return
        try:
            view.close_course()
        except StoreError as exc:
            log.error("closing the course: %s", exc)
        finally:
            self.stack.drop(view)

    def repair_course(self, course_id: str) -> None:
        from player.ui.repair import RepairDialog

        dialog = RepairDialog(
            self.services.library,
            course_id,
            self.services.tasks,
            self,
            self.refetch_files,
            product=self.context.branding.product_name,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.repaired.connect(self._repaired)
        dialog.finished.connect(self._repair_closed)  # a method: see show_profiles_dialog
        self.repair_dialog = dialog
        dialog.open()
        dialog.start()

    def _repair_closed(self, _result: int) -> None:
        self.repair_dialog = None

    def _repaired(self, course_id: str) -> None:
        """Reopen the course so its views read the repaired files."""
        if self.library_view is not None:
            self.library_view.forget_cover(course_id)
        view = self.course_view
        if view is not None and view.course.id == course_id:
            unit_id = view.current_unit_id
            self.open_course(course_id, unit_id)

    # -- sync -------------------------------------------------------------------------------

    def attach_sync(self, controller: SyncController) -> None:
        """Show the sync state in the status bar; the controller runs on its own."""
        self.sync = controller
        self.window_sync = WindowSync(self, controller, self._profile_in_use)
        controller.results_applied.connect(lambda _applied: self._results_applied())
        self._update_actions()

    @property
    def sync_indicator(self) -> SyncIndicator | None:
        return self.window_sync.indicator if self.window_sync is not None else None

    @property
    def sync_panel(self) -> SyncPanel | None:
        return self.window_sync.panel if self.window_sync is not None else None

    def show_sync_panel(self) -> None:
        if self.window_sync is not None:
            self.window_sync.show_panel()

    def _profile_in_use(self) -> str | None:
        """The profile whose records may show: none on the profile page (the PIN, the
        chooser), where whoever sits down has not typed a PIN yet."""
        if self.session is None or self.profile_page is not None:
            return None
        return self.session.profile_id

    def _sync_follows(self) -> None:
        if self.window_sync is not None:
            self.window_sync.follow()

    # -- dashboard, profiles, exams ---------------------------------------------------------

    def show_dashboard(self) -> None:
        """The learner's progress: next steps, time studied, modules, quizzes and exams. None
        over the profile chooser (Ctrl+D there showed the last learner's without their PIN)."""
        if self.session is None or self._profile_in_use() is None:
            return
        from player.ui.dashboard.view import DashboardView

        self.close_course()
        session = self.session
        view = DashboardView(
            self.services.library,
            self.services.store,
            session.profile_id,
            session.profile.name,
            self.stack,
        )
        view.back.connect(self.show_library)
        view.open_unit.connect(self.open_course)
        self._replace_page("dashboard_view", view)
        view.refresh()
        view.focus_start()
        self._update_actions()
        self._update_title()

    def _drop_dashboard(self) -> None:
        view, self.dashboard_view = self.dashboard_view, None
        if view is not None:
            self.stack.drop(view)

    def show_profiles_dialog(self) -> None:
        """Add, rename, delete profiles and set their PIN; switch to another one."""
        from player.ui.profiles_dialog import ProfilesDialog
        from player.ui.records_import import ImportPlace

        language = self.services.translations.language or "en"
        # Over the chooser, the last learner's profile is one more whose PIN is asked (rename,
        # language, a copy of their records): whoever sits there has not typed it.
        current = self._profile_in_use()
        place = ImportPlace(
            self.services.tasks,
            self.services.library,
            self.context.paths.data,
            self.context,
            has_account=lambda profile_id: self.sync is None or self.sync.has_account(profile_id),
        )
        dialog = ProfilesDialog(
            self.services.store,
            current,
            language,
            self,
            tasks=self.services.tasks,
            importing=place,
            product=self.context.branding.product_name,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Methods, never closures: one holding this window, connected to its child the dialog,
        # kept a window of its own alive while the dialog was open (so for Help, Repair).
        dialog.switch_requested.connect(self._switch_from_dialog)
        dialog.changed.connect(self._profile_changed)
        dialog.removing.connect(self._profile_removing)
        dialog.removed.connect(self._profile_removed)
        dialog.finished.connect(self._profiles_dialog_closed)
        self.profiles_dialog = dialog
        dialog.open()

    def _switch_from_dialog(self, profile: Profile) -> None:
        """Another profile opened from Manage profiles (its PIN typed there): during a timed
        exam, asked first as Switch profile is (it left the exam without a word), over the
        dialog, so that staying goes back to it."""
        self._ask_switch(partial(self._open_from_dialog, profile), over=self.profiles_dialog)

    def _open_from_dialog(self, profile: Profile) -> None:
        if self.profiles_dialog is not None:
            self.profiles_dialog.close()
        self.open_profile(profile)

    def _profiles_dialog_closed(self, _result: int) -> None:
        self.profiles_dialog = None

    def _profile_changed(self, profile: Profile) -> None:
        if self.session is not None and self.session.profile_id == profile.id:
            language_changed = profile.language != self.session.profile.language
            self.session = Session(self.services, profile)
            self._update_title()  # renamed: the title bar says the new name
            if language_changed:  # every open window follows its LanguageChange
                self.services.translations.use(profile.language)
                self.retranslate()
            if self.dashboard_view is not None:
                self.dashboard_view.profile_name = profile.name  # type: ignore[attr-defined]
                self.dashboard_view.retranslate()  # type: ignore[attr-defined]

    def _profile_removing(self, profile_id: str) -> None:
        """The open unit's session is recorded before the learner's records go."""
        if self.session is not None and self.session.profile_id == profile_id:
            self.close_course()

    def _profile_removed(self, profile_id: str) -> None:
        self._forget_account(profile_id)
        if self.context.settings.last_profile == profile_id:
            self.context.settings.last_profile = None
            save_settings(self.context)
        if self.session is None or self.session.profile_id != profile_id:
            return
        self.close_course()
        self._drop_dashboard()
        self.session = None
        if self.profiles_dialog is not None:
            self.profiles_dialog.close()
        self.show_profiles()
        if self.library_view is not None:
            self.stack.drop(self.library_view)
            self.library_view = None

    def _forget_account(self, profile_id: str) -> None:
        """A removed profile's LRS account and password go with it: its records went, queued
        ones too, so nothing is left to send with them (review r5 #2: sync checked it at every
        run). A failure is logged: sync leaves alone an account whose profile is gone."""
        from sync.credentials import CredentialsError, CredentialStore

        try:
            CredentialStore(self.context.paths.secrets).remove(profile_id)
        except (CredentialsError, OSError) as exc:
            log.warning("could not remove the LRS account of a removed profile: %s", exc)

    def _submit_expired_exams(self, profile: Profile) -> None:
        """Exam attempts whose time ran out while Cartable was closed: submit what was saved."""
        try:
            installed = self.course_services.installed_course
            done = self.services.store.submit_expired_exams(profile.id, installed)
        except StoreError as exc:
            log.error("could not submit expired exam attempts: %s", exc)
            return
        if done:
            from player.ui.announce import show_message

            show_message(
                self.statusBar(),
                self.tr(
                    "The time of %n exam attempts ran out while %1 was closed: "
                    "the answers saved were submitted.",
                    "",
                    len(done),
                ).replace("%1", isolated(self.context.branding.product_name)),
            )
            self._exam_submitted()

    def _results_applied(self) -> None:
        """Sync recorded grades: the dashboard and an open exam show them."""
        if self.dashboard_view is not None:
            self.dashboard_view.refresh()  # type: ignore[attr-defined]
        view = self.course_view.view if self.course_view is not None else None
        refresh = getattr(view, "refresh", None)
        if callable(refresh):
            refresh()
        if self.course_view is not None:
            self.course_view.refresh_progress()

    # -- help, profile, quit ----------------------------------------------------------------

    def show_help(self) -> None:
        from player.ui.help_dialog import HelpDialog

        language = self.services.translations.language or "en"
        dialog = HelpDialog(self.services, language, self, support=self.running_support_facts)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._help_closed)  # a method: see show_profiles_dialog
        self.help_dialog = dialog
        dialog.open()

    def running_support_facts(self) -> SupportFacts | None:
        """The running downloads' catalogs, keys and downloads, read when Help copies its
        report; None until they start: Help opened in the first second kept the disk's for
        good, its "Downloads: not started" with them (review r12 #9)."""
        facts = self.support_facts
        return facts() if facts is not None else None

    def _help_closed(self, _result: int) -> None:
        self.help_dialog = None

    def show_records_damaged(self, check: IntegrityCheck) -> None:
        """The background check found the records file damaged: say what happens next."""
        from player.ui.records_damage import show_records_damaged

        show_records_damaged(check, self, self.context.branding.product_name)

    @property
    def quit_question(self) -> QMessageBox | None:
        """The question of leaving a running exam, while it is open."""
        return self.leave_question.box

    @property
    def quit_question_clock(self) -> QTimer:
        return self.leave_question.clock

    def ask_quit(self) -> None:
        """Quit, asking first while a timed exam runs: its clock keeps running while Cartable is
        closed."""
        product = self.context.branding.product_name
        self.leave_question.ask_before(
            lambda left: quit_question(left, product), self.tr("&Quit anyway"), self.close
        )

    def ask_switch(self) -> None:
        """Switch profile, asking first while a timed exam runs, as Quit does: its clock keeps
        running under the profile page and the next learner's screens, and the learner who
        walks away from the chooser may not be back in time."""
        self._ask_switch(self._switch)

    def _ask_switch(self, then: Callable[[], object], over: QWidget | None = None) -> None:
        """`then`, which changes the profile in use, asked first while a timed exam runs: every
        way to another profile (Switch profile, Manage profiles' Open) asks this one question."""
        self.leave_question.ask_before(switch_question, self.tr("S&witch anyway"), then, over)

    def _switch(self) -> None:
        self.show_profiles(self._current_profile())

    def _session_ending(self, _manager: object) -> None:
        """The session manager asks the application to save: a logout or shutdown under way (it
        may still be cancelled: another application holds it on Windows, the user changes their
        mind), or a checkpoint (KDE saves sessions so). A question already open goes, so that it
        does not hold the session's end; nothing is kept: a later Quit asks again."""
        self.leave_question.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window's close button (a spontaneous close) asks as Quit does. A close by code
        # never asks, the application quitting as a whole included (QApplication closes its
        # windows so when the system logs out or shuts down, and on `app.quit()`), nor one while
        # the session manager has the application save. Limit: a desktop that closes the windows
        # at logout as the close button does, without asking the application to save first (KDE
        # Plasma on Wayland), gets the question: the window stays until it is answered, and the
        # logout may wait for it or stop.
        if event.spontaneous() and self.leave_question.running():
            event.ignore()
            self.ask_quit()
            return
        self.close_course()  # records the unit's close before the window goes
        self._save_geometry()
        super().closeEvent(event)

    # -- size and place on screen (player.ui.window_geometry) --------------------------------

    def place_on_screen(self) -> None:
        """Before the first show: where the learner left it, else the default place."""
        window_geometry.place(self, self.context.settings.window_geometry)

    def _save_geometry(self) -> None:
        self.context.settings.window_geometry = window_geometry.encoded(self)
        save_settings(self.context)

    # -- menus ------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        menus = self.menus = MainMenus(self)
        # The names getting_courses (Course menu) and the tests reach the menu bar by.
        self.profile_menu, self.course_menu = menus.profile_menu, menus.course_menu
        self.switch_action, self.profiles_action = menus.switch_action, menus.profiles_action
        self.library_action, self.check_action = menus.library_action, menus.check_action
        self.sync_action, self.help_action = menus.sync_action, menus.help_action
        menus.switch_action.triggered.connect(self.ask_switch)
        menus.quit_action.triggered.connect(self.ask_quit)
        menus.profiles_action.triggered.connect(self.show_profiles_dialog)
        menus.dashboard_action.triggered.connect(self.show_dashboard)
        menus.library_action.triggered.connect(self.show_library)
        menus.check_action.triggered.connect(self._check_current)
        menus.help_action.triggered.connect(self.show_help)
        menus.sync_action.triggered.connect(self.show_sync_panel)
        self._update_actions()

    def _current_profile(self) -> Profile | None:
        return self.session.profile if self.session else None

    def _check_current(self) -> None:
        course_id = None
        if self.course_view is not None and self.stack.currentWidget() is self.course_view:
            course_id = self.course_view.course.id
        elif self.library_view is not None:
            course_id = self.library_view.current_course_id()
        if course_id:
            self.repair_course(course_id)

    def _update_actions(self) -> None:
        # On the profile chooser after Switch profile, My progress, Library and the check
        # would open the last learner's screens to whoever sits down, without their PIN.
        studying = self.is_studying()
        self.menus.set_studying(studying, courses=self.has_courses())
        self.switch_action.setEnabled(self.session is not None)  # the chooser shown again
        # Sync shows the profile in use's records: on the profile page, where its button is
        # hidden, the item would open the computer's total to whoever sits down.
        self.sync_action.setEnabled(self.sync is not None and studying)
        self.studying_changed.emit(studying)

    def is_studying(self) -> bool:
        """A profile is open and shown: not the chooser, not its PIN."""
        return self._profile_in_use() is not None

    def has_courses(self) -> bool:
        """Studying, and the library (as last read) holds a course: what Check and repair,
        Export and Remove act on. With none they answered "Choose a course in the library
        first." (or nothing); the library read again on each change asks this again
        (`_update_actions`, through its `courses_changed`)."""
        library = self.library_view
        return self.is_studying() and library is not None and library.has_courses()

    def _update_title(self) -> None:
        """The course, who is studying and the product: "Les MOOC — Amélie — Cartable". On a
        shared laptop the title bar (and the task bar) said nothing of whose records are open;
        no name on the chooser or its PIN, where nobody is yet."""
        product = self.context.branding.product_name
        course: Course | None = self.course_view.course if self.course_view else None
        session = self.session if self._profile_in_use() is not None else None
        studying = session.profile.name if session is not None else None
        # The course's title and the name isolated: an Arabic title first turned the line
        # around. The product's name bare and last: Qt's platform window (X11, Wayland,
        # Windows) adds " — <applicationDisplayName>" to a title that does not end with it,
        # and isolated it ended with U+2069: the title bar read "Les MOOC — Cartable — Cartable".
        parts = [isolated(title_part(t)) for t in (course and course.title, studying) if t]
        self.setWindowTitle(" — ".join([*parts, title_part(product)]))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.menus.retranslate()
        self._update_title()
