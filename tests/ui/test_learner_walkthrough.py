"""What a learner going through the demo with the keyboard alone meets: every control reachable
with Tab in the order it is shown, the interface language changed after the profile was made,
a reviewed question that says what became of it, button texts never cut by the focus border."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QPushButton, QWidget

from player.store.profiles import Profile
from player.ui.button import Button
from player.ui.form_dialog import FormDialog
from player.ui.main_window import MainWindow
from player.ui.profiles_dialog import ProfilesDialog
from player.ui.quiz_view import QuizView
from player.ui.shell import ShellServices

DEMO = "les-mooc"
QUIZ = "phenomene-quiz"


def key(qtbot, which: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    """A key as the learner types it: to whatever has the keyboard focus."""
    target = QApplication.focusWidget()
    assert target is not None, "the keyboard always has somewhere to go"
    qtbot.keyClick(target, which, modifier)


def studying(window: MainWindow, services: ShellServices, lang: str = "en") -> Profile:
    """A profile open, and in the status bar a control as the sync indicator is in the player:
    Tab goes out of the page to it and comes back in, as a learner's Tab does."""
    profile = services.profiles.add("Awa", lang)
    services.context.settings.last_profile = profile.id
    window.start()
    indicator = QPushButton("Up to date", window.statusBar())
    window.statusBar().addPermanentWidget(indicator)
    window.statusBar().show()
    window.activateWindow()
    assert window.stack.currentWidget() is window.library_view
    return profile


def tab_chain(qtbot, start: QWidget, stop: QWidget, limit: int = 40) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """The widgets Tab visits from `start` until it comes back to `stop`."""
    start.setFocus()
    seen: list[QWidget] = []
    for _ in range(limit):
        key(qtbot, Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is not None
        if focus is stop:
            return seen
        seen.append(focus)
    raise AssertionError(f"Tab never came back: {seen}")


# -- library ----------------------------------------------------------------------------------


def test_tab_reaches_the_library_search_box(
    qtbot, window: MainWindow, services: ShellServices
) -> None:  # type: ignore[no-untyped-def]
    studying(window, services)
    view = window.library_view
    assert view is not None
    chain = tab_chain(qtbot, view.cards, view.cards)
    assert view.search in chain, "a learner without Ctrl+F finds the search box with Tab"


# -- quiz -------------------------------------------------------------------------------------


def finished_quiz(window: MainWindow, services: ShellServices) -> QuizView:
    studying(window, services)
    course = window.open_course(DEMO, QUIZ)
    assert course is not None
    view = course.view
    assert isinstance(view, QuizView)
    view.start_attempt()
    view.finish()
    assert view.confirmation is not None
    view.confirmation.buttons()[0].click()  # finish with the questions unanswered
    QApplication.processEvents()
    assert view.pages.currentWidget() is view.results_page
    return view


def test_quiz_results_tab_order_follows_the_buttons_on_screen(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    view = finished_quiz(window, services)
    assert view.retry_button.hasFocus()
    assert view.retry_button.x() < view.review_button.x(), "Try again is shown first"
    key(qtbot, Qt.Key.Key_Tab)
    assert view.review_button.hasFocus(), "Tab goes from Try again to the button beside it"
    key(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert view.retry_button.hasFocus()


# -- interface language -----------------------------------------------------------------------


def test_a_learner_changes_the_interface_language_of_a_profile(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Chosen once when the profile was made; a learner who picked the wrong one, or shares the
    laptop with a French speaker, changes it from Manage profiles without losing any progress."""
    awa = studying(window, services)
    assert window.library_view is not None and window.library_view.heading.text() == "Library"
    window.profiles_action.trigger()
    dialog = window.profiles_dialog
    assert isinstance(dialog, ProfilesDialog) and dialog.isVisible()
    assert dialog.selected() is not None and dialog.selected().id == awa.id  # type: ignore[union-attr]
    assert dialog.language_button.isEnabled()
    dialog.language_button.click()
    form = dialog.form
    assert isinstance(form, FormDialog) and form.isVisible()
    assert len(form.inputs) == 1, "her own open profile: no PIN asked"
    combo = form.inputs[0]
    assert isinstance(combo, QComboBox) and combo.currentData() == "en"
    combo.setCurrentIndex(combo.findData("fr"))
    form.ok.click()
    QApplication.processEvents()

    assert services.profiles.get(awa.id).language == "fr"
    assert window.session is not None and window.session.profile.language == "fr"
    assert window.library_view.heading.text() == "Bibliothèque", "at once, no restart"
    assert window.profile_menu.title() == "&Profil"
    assert "Français" in dialog.list.currentItem().text()


def test_changing_the_language_of_another_profile_asks_its_pin(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    other = services.profiles.add("Moussa", "fr", "1234")
    window.profiles_action.trigger()
    dialog = window.profiles_dialog
    assert isinstance(dialog, ProfilesDialog)
    dialog.reload(select=other.id)
    dialog.language_button.click()
    form = dialog.form
    assert isinstance(form, FormDialog) and len(form.inputs) == 2
    combo, pin = form.inputs
    assert isinstance(combo, QComboBox) and isinstance(pin, QLineEdit)
    combo.setCurrentIndex(combo.findData("en"))
    qtbot.keyClicks(pin, "0000")
    form.ok.click()
    assert form.isVisible() and form.error.text() == "Wrong PIN. Try again."
    assert services.profiles.get(other.id).language == "fr"
    qtbot.keyClicks(pin, "1234")
    form.ok.click()
    assert services.profiles.get(other.id).language == "en"
    assert window.library_view is not None and window.library_view.heading.text() == "Library"


# -- button texts -----------------------------------------------------------------------------


def test_focused_primary_buttons_keep_room_for_their_text(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """The theme draws a focused primary button with a 3 px border instead of 1 px: a button
    sized for the thin border has its text cut when the keyboard lands on it ("Continu")."""
    awa = studying(window, services)
    window.open_course(DEMO, QUIZ)
    window.show_library()
    view = window.library_view
    assert view is not None and view.banner.isVisible()
    assert view.continue_button.hasFocus(), "the keyboard starts on Continue"
    roomy = Button(view.continue_button.text())
    assert view.continue_button.sizeHint().width() >= roomy.sizeHint().width()

    services.profiles.add("Moussa", "fr")
    window.show_profiles(selected=awa)
    page = window.profile_page
    assert page is not None
    roomy = Button(page.open_button.text())
    assert page.open_button.sizeHint().width() >= roomy.sizeHint().width()
