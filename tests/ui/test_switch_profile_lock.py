"""Switch profile is a lock: on the chooser it shows, nothing of the last learner opens without
their PIN, by the keyboard alone (Escape, Ctrl+D, Ctrl+L, the menu items); with their PIN,
Escape takes them back where they were. Without a PIN, Escape goes back at once, as before. And
Switch profile during a timed exam asks first, as Quit does. The real store, window and demo
exam."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from player.store.profiles import Profile
from player.ui.getting_courses import GettingCourses
from player.ui.main_window import MainWindow
from player.ui.profile_dialog import ProfilePage
from player.ui.profiles_dialog import ProfilesDialog
from player.ui.shell import ShellServices
from tests.ui.downloads_support import attach
from tests.ui.test_exam_running import StoreClock, button, exam_started, question
from tests.ui.test_shell import course

PIN = "1357"


def opened_with_pin(qtbot, window: MainWindow, services: ShellServices) -> Profile:  # type: ignore[no-untyped-def]
    """Awa, whose profile has a PIN, opened at the door by typing it."""
    awa = services.profiles.add("Awa", "en", PIN)
    services.profiles.add("Binta", "en")
    services.context.settings.last_profile = awa.id
    window.start()
    page = window.profile_page
    assert page is not None and page.selected() == awa
    qtbot.keyClicks(page.pin, PIN)
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    assert window.session is not None and window.session.profile_id == awa.id
    assert window.stack.currentWidget() is window.library_view
    return awa


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key pressed wherever the keyboard is: the shortcuts are the window's."""
    widget = QApplication.focusWidget()
    assert widget is not None
    qtbot.keyClick(widget, key, modifier)
    QApplication.processEvents()


def chooser(window: MainWindow) -> ProfilePage:
    page = window.profile_page
    assert page is not None and window.stack.currentWidget() is page
    return page


def test_nothing_of_a_learner_with_a_pin_opens_from_the_chooser_without_it(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    awa = opened_with_pin(qtbot, window, services)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.dashboard_view, "Awa's progress, hers to see"
    library = window.library_view
    window.switch_action.trigger()
    page = chooser(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)

    for key, modifier in (
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),  # Cancel
        (Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier),  # My progress
        (Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier),  # Library
    ):
        press(qtbot, key, modifier)
        assert chooser(window) is page, (key, modifier)
    for action in (window.menus.dashboard_action, window.library_action, window.check_action):
        assert not action.isEnabled(), action.text()
        action.trigger()
        assert chooser(window) is page and window.repair_dialog is None, action.text()
    page.cancel_button.click()
    assert chooser(window) is page
    assert page.selected() == awa and page.pin.hasFocus()
    assert page.pin_message.text() == "Type the PIN of \u2068Awa\u2069."

    window.profiles_action.trigger()
    dialog = window.profiles_dialog
    assert isinstance(dialog, ProfilesDialog)
    assert dialog.current_id is None, "Awa's rename, language and copy ask her PIN here"
    dialog.close()
    window.activateWindow()
    page.pin.setFocus()
    qtbot.waitUntil(page.pin.hasFocus)
    qtbot.keyClicks(page.pin, "0000")
    press(qtbot, Qt.Key.Key_Escape)
    assert chooser(window) is page and page.pin_message.text() == "Wrong PIN. Try again."
    assert page.pin.text() == ""

    qtbot.keyClicks(page.pin, PIN)
    press(qtbot, Qt.Key.Key_Escape)
    assert window.profile_page is None
    assert window.stack.currentWidget() is window.library_view is library, "where she was"
    assert window.session is not None and window.session.profile_id == awa.id
    assert window.menus.dashboard_action.isEnabled() and window.library_action.isEnabled()
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.dashboard_view


def test_a_page_opened_over_the_chooser_goes_back_to_it(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """A page's Back (the catalog's, the course's) showed the last learner's library."""
    opened_with_pin(qtbot, window, services)
    window.switch_action.trigger()
    page = chooser(window)
    window.show_library()  # what every page's Back does
    assert chooser(window) is page


def test_without_a_pin_escape_goes_back_at_once(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    binta = services.profiles.add("Binta", "en")
    services.context.settings.last_profile = binta.id
    window.start()
    library = window.library_view
    window.activateWindow()
    window.switch_action.trigger()
    chooser(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    press(qtbot, Qt.Key.Key_Escape)
    assert window.profile_page is None and window.stack.currentWidget() is library


def switch_text(left: str) -> str:
    return (
        "Your exam is in progress: its clock keeps running while another profile is open. "
        f"Time left: {left}. Switch profile anyway?"
    )


def test_switching_profile_during_a_timed_exam_asks_and_staying_is_the_default(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    StoreClock().drive(services.store)
    awa = services.profiles.add("Awa", "en")
    services.context.settings.last_profile = awa.id
    window.start()
    exam = exam_started(window)
    window.switch_action.trigger()
    box = question(window)
    assert box.text() == switch_text("20 min")
    assert box.windowTitle() == "Exam in progress"
    assert box.defaultButton() is button(box, "&Stay") is box.escapeButton()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # Enter: the safe answer
    assert window.quit_question is None and window.profile_page is None
    assert course(window).view is exam and exam.runs_on

    window.switch_action.trigger()
    qtbot.keyClick(question(window), Qt.Key.Key_Escape)
    assert window.quit_question is None and window.profile_page is None

    window.switch_action.trigger()
    button(question(window), "S&witch anyway").click()
    QApplication.processEvents()
    assert window.quit_question is None
    assert chooser(window) is not None and window.course_view is None
    (attempt,) = services.store.assessments.exam_attempts(awa.id)
    assert attempt.state == "in_progress", "switching submits nothing: the clock runs on"


def catalog_and_downloads_shown_by_keys(qtbot, window: MainWindow, getting: GettingCourses) -> bool:  # type: ignore[no-untyped-def]
    """Ctrl+K then Ctrl+J, pressed wherever the keyboard is: whether a page of theirs shows."""
    shown = []
    for key in (Qt.Key.Key_K, Qt.Key.Key_J):
        press(qtbot, key, Qt.KeyboardModifier.ControlModifier)
        current = window.stack.currentWidget()
        shown.append(current in (getting.catalog_view, getting.downloads_view))
    return any(shown)


@pytest.mark.parametrize("door", ["first start", "PIN at start", "switch profile"])
def test_catalog_and_downloads_keys_wait_for_a_profile_open(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, door: str
) -> None:
    """Ctrl+K and Ctrl+J opened the Catalog and Downloads pages over the chooser, after Switch
    profile (a lock) too, to whoever sat down; now disabled there, as My progress and Library."""
    if door == "first start":
        window.start()
    elif door == "PIN at start":
        awa = services.profiles.add("Awa", "en", PIN)
        services.context.settings.last_profile = awa.id
        window.start()
    else:
        opened_with_pin(qtbot, window, services)
    getting, _controller = attach(window, services)
    window.activateWindow()
    if door == "switch profile":
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
        assert catalog_and_downloads_shown_by_keys(qtbot, window, getting), "Awa's, hers to open"
        window.show_library()  # as Back does, to leave the page the keys opened
        window.switch_action.trigger()
    page = chooser(window)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    getting.indicator.show()  # as a download under way shows it
    page.setFocus()  # the keys from the page, not from one of its text fields
    assert not catalog_and_downloads_shown_by_keys(qtbot, window, getting)
    assert chooser(window) is page
    for action in (getting.catalog_action, getting.downloads_action):
        assert not action.isEnabled(), action.text()
    assert not getting.indicator.isEnabled(), "its click opened Downloads over the chooser"
    getting.indicator.click()
    assert chooser(window) is page

    field = page.name if door == "first start" else page.pin
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "Binta" if door == "first start" else PIN)
    press(qtbot, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.library_view
    assert getting.catalog_action.isEnabled() and getting.indicator.isEnabled()
    press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert getting.catalog_view is not None
    assert window.stack.currentWidget() is getting.catalog_view


def test_opening_another_profile_from_manage_profiles_during_a_timed_exam_asks_too(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Manage profiles' Open left Awa's running exam without a word while Switch profile asked:
    the same question now, over the dialog, staying the default and back in the dialog."""
    StoreClock().drive(services.store)
    awa = services.profiles.add("Awa", "en")
    services.profiles.add("Binta", "en", PIN)
    moussa = services.profiles.add("Moussa", "en")
    services.context.settings.last_profile = awa.id
    window.start()
    exam = exam_started(window)
    window.activateWindow()
    window.profiles_action.trigger()  # Profile > Manage profiles…
    dialog = window.profiles_dialog
    assert isinstance(dialog, ProfilesDialog)
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))

    def open_by_keys(name: str) -> None:
        """The list focused, Down to `name`, Enter (and the PIN with Enter, if it has one)."""
        dialog.list.setFocus()
        qtbot.waitUntil(dialog.list.hasFocus)
        for _ in range(dialog.list.count()):
            profile = dialog.selected()
            if profile is not None and profile.name == name:
                break
            press(qtbot, Qt.Key.Key_Down)
        press(qtbot, Qt.Key.Key_Return)
        if name == "Binta":
            form = dialog.form
            assert form is not None
            qtbot.waitUntil(lambda: form.isAncestorOf(QApplication.focusWidget()))
            qtbot.keyClicks(QApplication.focusWidget(), PIN)
            press(qtbot, Qt.Key.Key_Return)

    open_by_keys("Binta")
    box = question(window)
    assert box.text() == switch_text("20 min")
    assert box.defaultButton() is button(box, "&Stay") is box.escapeButton()
    qtbot.waitUntil(lambda: box.isAncestorOf(QApplication.focusWidget()))
    press(qtbot, Qt.Key.Key_Return)  # Enter: the safe answer
    assert window.quit_question is None
    assert window.session is not None and window.session.profile_id == awa.id
    assert course(window).view is exam and exam.runs_on
    assert window.profiles_dialog is dialog and dialog.isVisible(), "back in the dialog"
    dialog.activateWindow()  # as a window manager does once the question is gone (offscreen: none)

    open_by_keys("Moussa")  # no PIN: asked the same
    box = question(window)
    qtbot.waitUntil(lambda: box.isAncestorOf(QApplication.focusWidget()))
    press(qtbot, Qt.Key.Key_W, Qt.KeyboardModifier.AltModifier)  # S&witch anyway
    qtbot.waitUntil(lambda: window.quit_question is None)  # a mnemonic clicks a moment later
    assert window.profiles_dialog is None
    assert window.session is not None and window.session.profile_id == moussa.id
    assert window.stack.currentWidget() is window.library_view
    (attempt,) = services.store.assessments.exam_attempts(awa.id)
    assert attempt.state == "in_progress", "switching submits nothing: the clock runs on"
