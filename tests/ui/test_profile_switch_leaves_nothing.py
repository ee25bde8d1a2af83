"""A learner leaving (Switch profile, or Open in Manage profiles) leaves nothing of theirs on
screen: the status bar's message about their exam and the window title of their course go with
them, so neither whoever sits at the profile page nor the next learner reads them. The demo's
timed exam is left running for real; the real store and window."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.wording import isolated
from tests.ui.test_exam_running import StoreClock, button, exam_started, question
from tests.ui.test_profiles import dialog_of, select
from tests.ui.test_shell import DEMO, studying

RUNNING = "Your exam is still running and its clock does not stop"


def left_running(window: MainWindow, services: ShellServices) -> None:
    """Awa's exam started, then left for the library: the notice is hers, on screen."""
    StoreClock().drive(services.store)
    exam_started(window)
    window.show_library()
    assert window.statusBar().currentMessage().startswith(RUNNING), "said to Awa"
    window.open_course(DEMO, "definition-lecture")
    assert (
        window.windowTitle() == f"{isolated('Les MOOC')} \u2014 {isolated('Awa')} \u2014 Cartable"
    )


def test_the_profile_page_and_the_next_learner_see_nothing_of_the_last(  # type: ignore[no-untyped-def]
    window: MainWindow, services: ShellServices
) -> None:
    binta = services.profiles.add("Binta", "en")
    studying(window, services)
    left_running(window, services)
    window.switch_action.trigger()
    button(question(window), "S&witch anyway").click()  # asked, as Quit asks
    page = window.profile_page
    assert page is not None and window.stack.currentWidget() is page
    assert window.statusBar().currentMessage() == ""
    assert window.windowTitle() == "Cartable", "not Awa's course, nor her name"
    page.select(binta.id)
    page.open_selected()
    QApplication.processEvents()
    assert window.session is not None and window.session.profile_id == binta.id
    assert window.statusBar().currentMessage() == ""


def test_opening_another_profile_from_manage_profiles_leaves_nothing_either(  # type: ignore[no-untyped-def]
    window: MainWindow, services: ShellServices
) -> None:
    binta = services.profiles.add("Binta", "en")
    studying(window, services)
    left_running(window, services)
    window.show_library()
    assert window.statusBar().currentMessage().startswith(RUNNING)
    dialog = dialog_of(window)
    select(dialog, "Binta")
    dialog.open_button.click()
    button(question(window), "S&witch anyway").click()  # asked, as Switch profile asks
    QApplication.processEvents()
    assert window.session is not None and window.session.profile_id == binta.id
    assert window.statusBar().currentMessage() == ""
