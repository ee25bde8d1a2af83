"""What a title bar shows: Qt's platform window (X11, Wayland, Windows) adds
" — <applicationDisplayName>" to a window's title unless the title already ends with it
(QPlatformWindow::formatWindowTitle), and the player names its product in its own titles. With
the product's name isolated the title ended with an invisible U+2069, and the window manager
showed "Les MOOC — Cartable — Cartable" and "Aide — Cartable — Cartable" (review u1).

Offscreen Qt adds nothing, so `shown` applies Qt's rule to the title the window's QWindow holds.
Measured under Xvfb (xcb) with xprop: _NET_WM_NAME is exactly what `shown` gives."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QWidget

from player.branding import Branding
from player.ui.help_dialog import HelpDialog
from player.ui.main_window import MainWindow
from player.ui.repair import RepairDialog
from player.ui.shell import ShellServices
from player.wording import isolated
from tests.ui.test_profiles import dialog_of, select
from tests.ui.test_shell import DEMO, studying

PRODUCT = "Cartable"


@pytest.fixture(autouse=True)
def display_name(qapp: QApplication, services: ShellServices) -> Iterator[str]:
    """The display name the player's start gives the application (player/app.py)."""
    before = QApplication.applicationDisplayName()
    name = services.context.branding.product_name
    assert name == PRODUCT
    QApplication.setApplicationDisplayName(name)
    yield name
    QApplication.setApplicationDisplayName(before)


def shown(widget: QWidget) -> str:
    """The title bar's text on X11, Wayland and Windows (there " - "): Qt's
    QPlatformWindow::formatWindowTitle on the title Qt gave the widget's QWindow."""
    handle = widget.windowHandle()
    assert handle is not None, "shown first"
    title = handle.title()
    display = QApplication.applicationDisplayName()
    if display and not title.endswith(display):
        return f"{title} \u2014 {display}" if title else display
    return title or QCoreApplication.applicationName()


def test_the_main_window_names_the_product_once(  # type: ignore[no-untyped-def]
    window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    awa = isolated("Awa")
    assert shown(window) == f"{awa} \u2014 {PRODUCT}"
    window.open_course(DEMO, "definition-lecture")
    assert shown(window) == f"{isolated('Les MOOC')} \u2014 {awa} \u2014 {PRODUCT}"
    window.show_library()
    assert shown(window) == f"{awa} \u2014 {PRODUCT}"


@pytest.mark.parametrize(("language", "help_word"), [("en", "Help"), ("fr", "Aide")])
def test_the_help_window_names_the_product_once(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, language: str, help_word: str
) -> None:
    assert services.translations.use(language)
    dialog = HelpDialog(services, language, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert shown(dialog) == f"{help_word} \u2014 {PRODUCT}"


def test_the_title_says_who_is_studying_and_nobody_on_the_chooser(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """On a shared laptop nothing on screen said whose records were open (learner's-eye run
    u1): the title names the profile open, follows a rename and a switch, and names nobody on
    the chooser (Switch profile locks: whoever sits down has not typed a PIN)."""
    binta = services.profiles.add("Binta", "fr", "4242")
    amelie = studying(window, services, "Amélie", "fr")
    window.open_course(DEMO, "definition-lecture")
    assert shown(window) == f"{isolated('Les MOOC')} \u2014 {isolated('Amélie')} \u2014 {PRODUCT}"
    window.show_dashboard()
    assert shown(window) == f"{isolated('Amélie')} \u2014 {PRODUCT}"

    dialog = dialog_of(window)
    select(dialog, "Amélie")
    dialog.rename_button.click()
    form = dialog.form
    assert form is not None
    form.inputs[0].setText("Amélie B.")  # type: ignore[union-attr]
    form.ok.click()
    assert services.profiles.get(amelie.id).name == "Amélie B."
    assert shown(window) == f"{isolated('Amélie B.')} \u2014 {PRODUCT}"
    dialog.close()

    window.switch_action.trigger()
    assert window.profile_page is not None
    assert shown(window) == PRODUCT, "the chooser: nobody's name"
    window.open_profile(binta)
    assert shown(window) == f"{isolated('Binta')} \u2014 {PRODUCT}"


def test_a_name_with_qts_marker_or_control_characters_is_shown_as_a_name(  # type: ignore[no-untyped-def]
    window: MainWindow, services: ShellServices
) -> None:
    """Qt reads "[*]" in a title as its unsaved-changes marker and dropped it from "Awa [*]";
    a name saved with control characters (an older version's, by hand) showed them raw in
    the title bar (review r8). "[*]" is shown as written; a control character, U+2028 or
    U+2029 is a space."""
    studying(window, services, "Awa [*] [*][*]")
    assert shown(window) == f"{isolated('Awa [*] [*][*]')} \u2014 {PRODUCT}"
    profile = window.session.profile  # type: ignore[union-attr]
    with services.store.database.transaction():
        services.store.database.conn.execute(
            "UPDATE profiles SET name = ? WHERE id = ?",
            ("Awa\tB\nC\u2028D\u2029E\x1bF\x85G", profile.id),
        )
    window.switch_action.trigger()
    window.open_profile(services.profiles.get(profile.id))
    assert shown(window) == f"{isolated('Awa B C D E F G')} \u2014 {PRODUCT}"


def title_bar(widget: QWidget) -> str:
    """The title Qt gave the widget's QWindow: "[*]" already read as Qt's marker or not."""
    handle = widget.windowHandle()
    assert handle is not None, "shown first"
    return handle.title()


def test_the_dialogs_titles_show_a_name_as_written(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The main window kept "[*]" and turned control characters into spaces (review r8), its
    dialogs did not (review r11): "Delete Binta [*]" read "Delete Binta ", "Open %1" and
    "Check files — %1" alike, and the product's name in "Help — %1"."""
    studying(window, services)
    services.profiles.add("Binta [*]", "en", "4242")
    binta = isolated("Binta [*]")
    dialog = dialog_of(window)
    select(dialog, "Binta")
    dialog.open_button.click()  # her PIN asked in a form
    form = dialog.form
    assert form is not None
    qtbot.waitUntil(lambda: form.windowHandle() is not None)
    assert title_bar(form) == f"Open {binta}"
    form.reject()
    dialog.delete_button.click()
    box = dialog.removal.question
    assert box is not None
    qtbot.waitUntil(lambda: box.windowHandle() is not None)
    assert title_bar(box) == f"Delete {binta}"
    box.reject()
    dialog.close()

    library = services.library
    installed = library.get(DEMO)
    assert installed is not None
    course = dataclasses.replace(installed.course, title="Les MOOC [*]\x1b\u2028")
    monkeypatch.setattr(library, "get", lambda _id: dataclasses.replace(installed, course=course))
    repair = RepairDialog(library, DEMO, services.tasks, window)
    qtbot.addWidget(repair)
    repair.show()
    assert title_bar(repair) == f"Check files — {isolated('Les MOOC [*]  ')}"

    services.context.branding = Branding(product_name="École [*]\tB")
    help_dialog = HelpDialog(services, "en", window)
    qtbot.addWidget(help_dialog)
    help_dialog.show()
    assert title_bar(help_dialog) == "Help — École [*] B"
