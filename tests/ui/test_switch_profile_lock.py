"""Switch profile is a lock: on the chooser it shows, nothing of the last learner opens without
their PIN, by the keyboard alone (Escape, Ctrl+D, Ctrl+L, the menu items); with their PIN,
Escape takes them back where they were. Without a PIN, Escape goes back at once, as before. And
Switch profile during a timed exam asks first, as Quit does. The real store, window and demo
exam."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from player.store.profiles import Profile
from player.ui.main_window import MainWindow
from player.ui.profile_dialog import ProfilePage
from player.ui.profiles_dialog import ProfilesDialog
from player.ui.shell import ShellServices
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
    assert page.pin_message.text() == "Type the PIN of Awa."

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
