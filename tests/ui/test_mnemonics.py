"""Alt+letter mnemonics: on every main page of the window (with the menu bar's menus, which stay
over every page) and in every main dialog, in English and in French, no Alt key goes to two
controls. Qt only cycles between the controls that share one: Alt+P went to the Profile menu and
to a label of the Who is studying page, Alt+C to the Course menu and to a button."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QGroupBox,
    QLabel,
    QTabBar,
    QTabWidget,
    QWidget,
)

from player.course.signing import PrivateKey
from player.ui.download_item import DownloadItem
from player.ui.main_window import MainWindow
from player.ui.share_controller import ShareController
from player.ui.shell import ShellServices
from player.ui.sync_controller import SyncController
from sync.download_state import DownloadState
from tests.ui.downloads_support import attach, trust, two_language_repo
from tests.ui.test_shell import studying
from tests.ui.test_sync_indicator import ScriptedSync

DEMO = "les-mooc"
UNITS = {  # one unit of each type in the demo course
    "video": "definition-video",
    "slides": "phenomene-diaporama",
    "reading": "definition-lecture",
    "quiz": "phenomene-quiz",
    "exam": "enjeux-examen",
}

Keys = dict[str, list[str]]


def key_of(text: str) -> str:
    return QKeySequence.mnemonic(text).toString()


def add(keys: Keys, text: str, what: str) -> None:
    key = key_of(text)
    if key:
        keys.setdefault(key, []).append(f"{what} {text!r}")


def mnemonics(top: QWidget) -> Keys:
    """Alt+letter -> the visible controls of `top` (and of its own window only) that answer it:
    labels with a buddy, buttons and checkboxes, group boxes, tab titles."""
    keys: Keys = {}
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.window() is not top.window():
            continue  # hidden, or a dialog of its own (its keys are checked with it)
        kind = type(widget).__name__
        if isinstance(widget, QLabel):
            if widget.buddy() is not None:
                add(keys, widget.text(), kind)
        elif isinstance(widget, QAbstractButton):
            add(keys, widget.text(), kind)
        elif isinstance(widget, QGroupBox):
            add(keys, widget.title(), kind)
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                if widget.isTabVisible(index):
                    add(keys, widget.tabText(index), "tab")
    return keys


def menu_bar(window: MainWindow) -> Keys:
    keys: Keys = {}
    for action in window.menuBar().actions():
        if action.isVisible():
            add(keys, action.text(), "menu")
    return keys


def clashes(keys: Keys) -> Keys:
    return {key: controls for key, controls in sorted(keys.items()) if len(controls) > 1}


class Survey:
    """Every page and dialog looked at, with the Alt keys two controls share on each."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.found: dict[str, Keys] = {}
        self.seen: list[str] = []

    def note(self, name: str, keys: Keys) -> None:
        self.seen.append(name)
        shared = clashes(keys)
        if shared:
            self.found[name] = shared

    def page(self, name: str) -> None:
        """The window's current page with what else the window shows (menus, status bar)."""
        QApplication.processEvents()
        keys = mnemonics(self.window)
        for key, controls in menu_bar(self.window).items():
            keys.setdefault(key, []).extend(controls)
        self.note(name, keys)

    def menus(self) -> None:
        """An open menu: its items' letters (with or without Alt) choose one of them."""
        for menu_action in self.window.menuBar().actions():
            menu = menu_action.menu()
            assert menu is not None
            keys: Keys = {}
            for action in menu.actions():
                if action.isVisible() and not action.isSeparator():
                    add(keys, action.text(), "item")
            self.note(f"menu {menu_action.text()}", keys)

    def dialog(self, name: str, dialog: QWidget | None, close: bool = True) -> None:
        """A dialog is a window of its own: the menu bar's keys do not reach it. Each tab of a
        tab widget is looked at in turn."""
        assert isinstance(dialog, QDialog) and dialog.isVisible(), name
        QApplication.processEvents()
        tabs = [t for t in dialog.findChildren(QTabWidget) if t.isVisibleTo(dialog)]
        if not tabs:
            self.note(name, mnemonics(dialog))
        for tab_widget in tabs:
            for index in range(tab_widget.count()):
                tab_widget.setCurrentIndex(index)
                QApplication.processEvents()
                self.note(f"{name} / {tab_widget.tabText(index)}", mnemonics(dialog))
            tab_widget.setCurrentIndex(0)
        if close:
            dialog.close()
            QApplication.processEvents()


def unit_view(window: MainWindow, unit_id: str) -> Any:
    """The view of `unit_id`, opened in the demo course."""
    course = window.open_course(DEMO, unit_id)
    assert course is not None and course.view is not None
    return course.view


def confirm(survey: Survey, name: str, view: Any) -> None:
    """An assessment's question before what cannot be undone: looked at, then accepted."""
    box = view.confirmation
    survey.dialog(name, box, close=False)
    # the "do it" button: handing in an exam has Go back as its default
    (yes,) = [b for b in box.buttons() if box.buttonRole(b) == box.ButtonRole.AcceptRole]
    yes.click()
    QApplication.processEvents()


def download(state: DownloadState) -> DownloadItem:
    return DownloadItem("d1", "maths", "Mathématiques", "1.0.0", False, state, total=1000)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_alt_key_goes_to_two_controls_on_any_page_or_dialog(
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    language: str,
) -> None:
    profile = services.profiles.add("Awa", language, "1234")
    services.profiles.add("Moussa", language)
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    two_language_repo(repo, key)
    trust(services, key)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    sync = SyncController(
        services.context,
        services.store,
        services.tasks,
        sync=ScriptedSync(services.store),  # type: ignore[arg-type]
    )
    window.attach_sync(sync)
    survey = Survey(window)
    services.translations.use(language)  # the system's language, before a profile is open
    try:
        window.start()  # Who is studying: the PIN asked
        assert window.profile_page is not None
        survey.page("who is studying")
        window.profile_page.pin.setText("1234")
        window.profile_page.open_selected()
        assert window.session is not None and window.session.profile_id == profile.id
        profile_menu = "&Profil" if language == "fr" else "&Profile"
        assert window.menuBar().actions()[0].text() == profile_menu, "in the learner's language"
        survey.page("library")
        survey.menus()

        for kind, unit_id in UNITS.items():
            view = window.open_course(DEMO, unit_id)
            assert view is not None and view.current_unit_id == unit_id
            survey.page(f"course, {kind}")
        quiz = unit_view(window, UNITS["quiz"])
        quiz.start_button.click()
        survey.page("course, quiz question")
        quiz.finish_button.click()  # nothing answered: asked first
        confirm(survey, "quiz, finish?", quiz)
        survey.page("course, quiz results")
        quiz.review_button.click()
        survey.page("course, quiz review")
        exam = unit_view(window, UNITS["exam"])
        exam.start_button.click()
        confirm(survey, "exam, start?", exam)
        survey.page("course, exam question")
        exam.to_review_button.click()
        survey.page("course, exam review")
        exam.submit_button.click()
        confirm(survey, "exam, submit?", exam)
        survey.page("course, exam submitted")
        unit_view(window, UNITS["quiz"])
        survey.page("course, quiz tried")
        unit_view(window, UNITS["exam"])
        survey.page("course, exam tried")
        window.show_library()
        survey.page("library, a course to continue")

        getting.show_catalog()
        assert getting.catalog_view is not None
        survey.page("catalog")
        getting.show_downloads()
        assert getting.downloads_view is not None
        survey.page("downloads, empty")
        for state in (DownloadState.RUNNING, DownloadState.PAUSED, DownloadState.FAILED):
            getting.downloads_view.show_item(download(state))
            survey.page(f"downloads, one {state.name.lower()}")
        getting.downloads_view.remove_item("d1")

        window.show_dashboard()
        survey.page("dashboard")
        window.show_library()

        getting.show_settings()
        survey.dialog("settings", getting.settings_dialog)
        getting.share_controller = ShareController(
            services.library,
            services.tasks,
            port=0,
            host="127.0.0.1",
            addresses=lambda: ["127.0.0.1"],
            discovery_port=0,  # not the 8475 a share elsewhere may hold
            parent=getting,
        )
        getting.show_share()
        assert getting.share_dialog is not None
        getting.share_dialog.start_button.click()  # the address and its Copy button shown
        survey.dialog("share", getting.share_dialog)
        window.show_help()
        survey.dialog("help", window.help_dialog)
        window.show_sync_panel()
        survey.dialog("sync panel", window.sync_panel)
        window.show_profiles_dialog()
        dialog = window.profiles_dialog
        survey.dialog("manage profiles", dialog, close=False)
        forms: dict[str, Callable[[], None]] = {
            "add": dialog.add_button.click,  # type: ignore[union-attr]
            "rename": dialog.rename_button.click,  # type: ignore[union-attr]
            "language": dialog.language_button.click,  # type: ignore[union-attr]
            "pin": dialog.pin_button.click,  # type: ignore[union-attr]
        }
        for name, opening in forms.items():
            opening()
            survey.dialog(f"manage profiles, {name}", dialog.form)  # type: ignore[union-attr]
        importer = dialog.importer  # type: ignore[union-attr]
        assert importer is not None
        importer.progress_row.show()  # as while an import runs: its bar, its count and Stop
        survey.dialog("manage profiles, importing", dialog, close=False)
        importer._show_reading()  # as while a file is read: the busy bar and Stop reading
        survey.dialog("manage profiles, reading", dialog, close=False)
        importer._show_progress(False)
        survey.dialog("manage profiles", dialog)
    finally:
        sync.stop()
    assert len(survey.seen) >= 36, survey.seen
    found = {(name, key) for name, keys in survey.found.items() for key in keys}
    assert found == set(), "\n".join(
        f"{name}: {key} -> {controls}"
        for name, keys in survey.found.items()
        for key, controls in keys.items()
    )


# A letter whose tail runs along the underline hides it: "Ré&glages…" showed no underline at all
# (keyboard-only audit, 1280x720). The straight stems of p and q cross it, which shows.
TAIL_HIDES = "g j y"


def underlined(text: str) -> str:
    """The letter `text` underlines for its Alt key, "" without one ("&&" is a plain "&")."""
    index = 0
    while (index := text.find("&", index)) != -1 and index + 1 < len(text):
        if text[index + 1] != "&":
            return text[index + 1]
        index += 2
    return ""


def test_the_underlined_letter_is_the_one_after_a_single_ampersand() -> None:
    assert [underlined(t) for t in ("Ré&glages…", "R&&D &Quit", "AT&&T", "Fin &")] == [
        "g",
        "Q",
        "",
        "",
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_menu_item_underlines_a_letter_whose_tail_hides_it(
    window: MainWindow, services: ShellServices, language: str
) -> None:
    studying(window, services, lang=language)
    attach(window, services)  # the Course menu's catalog items, Settings
    hidden = [
        f"{menu_action.text()} → {action.text()}"
        for menu_action in window.menuBar().actions()
        for action in [menu_action, *menu_action.menu().actions()]  # type: ignore[union-attr]
        if action.isVisible() and underlined(action.text()) in TAIL_HIDES.split()
    ]
    assert hidden == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_settings_tab_has_an_alt_key_that_shows_and_takes_the_keyboard_there(
    qtbot, window: MainWindow, services: ShellServices, language: str
) -> None:
    """A keyboard user reached the Settings tabs (Catalogs, Downloads, Trusted keys) only by
    Ctrl+Tab going round them: each has an Alt key of its own now, unique in the dialog (the
    survey above looks at each tab with the others' titles)."""
    studying(window, services, lang=language)
    getting, _ = attach(window, services)
    getting.show_settings()
    dialog = getting.settings_dialog
    assert dialog is not None
    tabs = dialog.tabs
    titles = [tabs.tabText(index) for index in range(tabs.count())]
    assert len(titles) == 3 and all(key_of(title) for title in titles), titles
    assert not [t for t in titles if underlined(t) in TAIL_HIDES.split()], titles
    assert len({key_of(title) for title in titles}) == len(titles), titles
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    for index, title in enumerate(titles):
        tabs.setCurrentIndex((index + 1) % len(titles))
        letter = QKeySequence(underlined(title).upper())[0].key()
        qtbot.keyClick(tabs.currentWidget(), letter, Qt.KeyboardModifier.AltModifier)
        assert tabs.currentIndex() == index, title
    dialog.close()
