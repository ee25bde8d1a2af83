"""Managing profiles from the main window: add, rename, PIN set/change/remove (the PIN asked
first), switch, and delete with a copy of the records offered first; the real store behind."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from shiboken6 import isValid

from player.store.database import WriteFailed
from player.store.profiles import Profile
from player.ui.form_dialog import FormDialog
from player.ui.main_window import MainWindow
from player.ui.profile_dialog import ProfilePage
from player.ui.profiles_dialog import ProfilesDialog
from player.ui.screens import available_geometry
from player.ui.shell import ShellServices
from sync.credentials import CredentialStore, LrsAccount
from tests.ui.unit_support import french


def studying(window: MainWindow, services: ShellServices, name: str = "Awa") -> Profile:
    profile = services.profiles.add(name, "en")
    services.context.settings.last_profile = profile.id
    window.start()
    return profile


def dialog_of(window: MainWindow) -> ProfilesDialog:
    window.profiles_action.trigger()
    dialog = window.profiles_dialog
    assert isinstance(dialog, ProfilesDialog) and dialog.isVisible()
    return dialog


def fill(qtbot, dialog: ProfilesDialog, *values: str) -> FormDialog:  # type: ignore[no-untyped-def]
    """Type into the open form's fields, in order, and press Enter (the default button)."""
    form = dialog.form
    assert isinstance(form, FormDialog) and form.isVisible()
    for widget, value in zip(form.inputs, values, strict=False):
        if isinstance(widget, QLineEdit):
            widget.clear()
            qtbot.keyClicks(widget, value)
        else:
            widget.setCurrentIndex(widget.findData(value))
    form.ok.click()
    QApplication.processEvents()
    return form


def gone(form: FormDialog) -> bool:
    """Closed (an accepted form deletes itself)."""
    return not isValid(form) or not form.isVisible()


def seen(text: str) -> str:
    """A line as it reads: without the invisible isolates around a name (FSI, PDI)."""
    return text.replace("\u2068", "").replace("\u2069", "")


def select(dialog: ProfilesDialog, name: str) -> None:
    for row in range(dialog.list.count()):
        if seen(dialog.list.item(row).text()).startswith(name):
            dialog.list.setCurrentRow(row)
            return
    raise AssertionError(
        f"no {name} in {[dialog.list.item(r).text() for r in range(dialog.list.count())]}"
    )


def test_add_rename_and_switch(qtbot, window: MainWindow, services: ShellServices) -> None:  # type: ignore[no-untyped-def]
    studying(window, services)
    dialog = dialog_of(window)
    assert dialog.list.item(0).text() == "\u2068Awa\u2069 \u00b7 English \u00b7 in use"
    assert not dialog.open_button.isEnabled(), "Awa is already open"
    dialog.add_button.click()
    form = fill(qtbot, dialog, "awa", "fr", "")
    assert form.isVisible() and seen(form.error.text()) == "A profile named Awa already exists."
    form = fill(qtbot, dialog, "Moussa", "fr", "12")
    assert form.error.text() == "A PIN is exactly 4 digits, or leave it empty."
    form = fill(qtbot, dialog, "Moussa", "fr", "")
    assert gone(form)
    moussa = services.profiles.find("Moussa")
    assert moussa.language == "fr" and not moussa.has_pin

    select(dialog, "Moussa")
    dialog.rename_button.click()
    fill(qtbot, dialog, "Moussa Diop")
    assert services.profiles.get(moussa.id).name == "Moussa Diop"
    assert seen(dialog.status.text()) == "Renamed to Moussa Diop."

    select(dialog, "Moussa Diop")
    dialog.open_button.click()
    QApplication.processEvents()
    assert window.session is not None and window.session.profile_id == moussa.id
    assert window.profiles_dialog is None or not window.profiles_dialog.isVisible()


def test_pin_set_change_remove_each_asks_the_current_one(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    awa = studying(window, services)
    dialog = dialog_of(window)
    assert (
        dialog.pin_button.text() == "Set a &PIN\u2026" and not dialog.remove_pin_button.isEnabled()
    )
    dialog.pin_button.click()
    assert len(dialog.form.inputs) == 2  # type: ignore[union-attr]
    form = fill(qtbot, dialog, "1234", "4321")
    assert form.error.text() == "The two PINs differ. Type the same PIN twice."
    form = fill(qtbot, dialog, "1234", "1234")
    assert gone(form)
    assert services.profiles.check_pin(awa.id, "1234")
    assert not services.profiles.check_pin(awa.id, "0000")
    assert dialog.pin_button.text() == "Change the &PIN\u2026"

    dialog.pin_button.click()
    assert len(dialog.form.inputs) == 3, "the current PIN first"  # type: ignore[union-attr]
    form = fill(qtbot, dialog, "9999", "5678", "5678")
    assert form.isVisible() and form.error.text() == "Wrong PIN. 3 tries left before a wait.", (
        "the second wrong try in a row (0000 above was the first)"
    )
    assert form.inputs[0].text() == "", "a wrong PIN is cleared"  # type: ignore[union-attr]
    fill(qtbot, dialog, "1234", "5678", "5678")
    assert services.profiles.check_pin(awa.id, "5678")

    dialog.remove_pin_button.click()
    form = fill(qtbot, dialog, "1234")
    assert form.isVisible() and services.profiles.get(awa.id).has_pin
    fill(qtbot, dialog, "5678")
    assert not services.profiles.get(awa.id).has_pin
    assert seen(dialog.status.text()) == "Awa has no PIN any more."


def test_switching_to_a_profile_with_a_pin_asks_it(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    other = services.profiles.add("Binta", "en", "4242")
    dialog = dialog_of(window)
    select(dialog, "Binta")
    dialog.open_button.click()
    form = fill(qtbot, dialog, "0000")
    assert form.isVisible() and window.session.profile_id != other.id  # type: ignore[union-attr]
    fill(qtbot, dialog, "4242")
    assert window.session is not None and window.session.profile_id == other.id


def test_delete_offers_a_copy_first_then_asks_again(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    awa = studying(window, services)
    other = services.profiles.add("Binta", "en", "4242")
    # Binta studied a little: records waiting to be sent
    window.open_profile(other)
    window.open_course("les-mooc", "definition-lecture")
    window.close_course()
    waiting = services.store.outbox.counts(other.id).queued
    assert waiting > 0
    window.open_profile(awa)

    dialog = dialog_of(window)
    select(dialog, "Binta")
    dialog.delete_button.click()
    box = dialog.removal.question
    assert isinstance(box, QMessageBox) and "Save a copy of them first?" in box.text()
    box.defaultButton().click()  # "Save a copy first..."
    QApplication.processEvents()
    fill(qtbot, dialog, "4242")  # Binta's records: her PIN first
    QApplication.processEvents()
    files = dialog.removal.file_dialog
    assert files is not None and files.isVisible()
    target = tmp_path / "binta.json"
    name = files.findChild(QLineEdit, "fileNameEdit")
    assert name is not None and name.text().startswith("cartable-Binta-"), "a name is proposed"
    name.setText(str(target))  # as typed
    files.accept()
    QApplication.processEvents()
    saved = json.loads(target.read_text(encoding="utf-8"))
    assert saved["format"] == "cartable-records" and saved["profile"]["name"] == "Binta"
    assert len(saved["statements"]) == waiting
    form = dialog.form
    assert isinstance(form, FormDialog)
    assert f"{waiting} records have not been sent to the institution yet" in form.message.text()
    assert str(target) in form.message.text()
    assert not form.ok.isDefault(), "Enter alone never deletes"
    assert form.inputs == [], "the PIN given for the copy is not asked again"
    fill(qtbot, dialog)
    assert [p.name for p in services.profiles.all()] == ["Awa"]
    assert services.store.outbox.counts(other.id).queued == 0
    assert window.session is not None and window.session.profile_id == awa.id


def test_a_copy_of_another_learners_records_asks_their_pin_first(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """Save a copy first, of a profile guarded by a PIN, not the one open: the PIN comes
    before any file is written, else a classmate reads another learner's records by starting
    a delete and cancelling it after the copy."""
    studying(window, services)
    other = services.profiles.add("Binta", "en", "4242")
    dialog = dialog_of(window)
    select(dialog, "Binta")
    dialog.delete_button.click()
    dialog.removal.question.defaultButton().click()  # type: ignore[union-attr]  # "Save a copy first..."
    QApplication.processEvents()
    assert dialog.removal.file_dialog is None, "no copy before the PIN"
    form = fill(qtbot, dialog, "1111")
    assert form.isVisible() and form.error.text() == "Wrong PIN. Try again."
    assert dialog.removal.file_dialog is None
    fill(qtbot, dialog, "4242")
    QApplication.processEvents()
    files = dialog.removal.file_dialog
    assert files is not None and files.isVisible()
    target = tmp_path / "binta.json"
    files.findChild(QLineEdit, "fileNameEdit").setText(str(target))  # type: ignore[union-attr]
    files.accept()
    QApplication.processEvents()
    assert json.loads(target.read_text(encoding="utf-8"))["profile"]["name"] == "Binta"
    confirm = dialog.form
    assert isinstance(confirm, FormDialog) and confirm.inputs == [], "the PIN is asked once"
    assert not confirm.ok.isDefault(), "Enter alone never deletes"
    confirm.ok.click()
    QApplication.processEvents()
    assert [p.name for p in services.profiles.all()] == ["Awa"]
    assert other.id not in [p.id for p in services.profiles.all()]


def test_a_copy_saved_for_one_learner_is_not_said_for_another(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """A copy of Binta's records saved, her delete cancelled: deleting Chloé without a copy
    must not say Chloé's records are in Binta's file (the last question said so)."""
    studying(window, services)
    services.profiles.add("Binta", "en")
    services.profiles.add("Chloé", "en")
    dialog = dialog_of(window)
    select(dialog, "Binta")
    dialog.delete_button.click()
    dialog.removal.question.defaultButton().click()  # type: ignore[union-attr]  # "Save a copy first..."
    QApplication.processEvents()
    files = dialog.removal.file_dialog
    assert files is not None and files.isVisible()
    target = tmp_path / "binta.json"
    files.findChild(QLineEdit, "fileNameEdit").setText(str(target))  # type: ignore[union-attr]
    files.accept()
    QApplication.processEvents()
    assert target.exists()
    binta = dialog.form
    assert isinstance(binta, FormDialog) and str(target) in binta.message.text()
    binta.reject()  # Binta is not deleted after all
    QApplication.processEvents()
    assert "Binta" in [p.name for p in services.profiles.all()]

    select(dialog, "Chloé")
    dialog.delete_button.click()
    box = dialog.removal.question
    assert box is not None
    skip = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )
    skip.click()  # "Delete without a copy"
    QApplication.processEvents()
    chloe = dialog.form
    assert isinstance(chloe, FormDialog) and "Chloé" in seen(chloe.message.text())
    assert "A copy is in" not in chloe.message.text()
    assert str(target) not in chloe.message.text()
    chloe.reject()
    QApplication.processEvents()

    def last_question_for_binta() -> str:
        """Delete Binta again, without a copy this time: what the last question says."""
        select(dialog, "Binta")
        dialog.delete_button.click()
        box = dialog.removal.question
        assert box is not None
        next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
        ).click()
        QApplication.processEvents()
        form = dialog.form
        assert isinstance(form, FormDialog)
        text = form.message.text()
        form.reject()
        QApplication.processEvents()
        return text

    # Chloé's question did not make the dialog forget Binta's copy (only the last was kept).
    assert str(target) in last_question_for_binta()
    target.unlink()  # moved to a USB stick, or deleted: no longer said to be there
    assert "A copy is in" not in last_question_for_binta()


def test_enter_after_the_pin_deletes_and_enter_alone_asks_the_pin(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Delete another learner without a copy: the last question asks their PIN. Enter after
    typing it closed the window with nothing deleted and nothing said (Cancel was the default);
    it deletes now, and Enter on the empty field asks the PIN instead of deleting."""
    studying(window, services)
    services.profiles.add("Binta", "en", "4242")
    dialog = dialog_of(window)
    select(dialog, "Binta")
    dialog.delete_button.click()
    box = dialog.removal.question
    assert box is not None
    skip = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )
    skip.click()
    QApplication.processEvents()
    form = dialog.form
    assert isinstance(form, FormDialog) and len(form.inputs) == 1
    pin = form.inputs[0]
    qtbot.keyClick(pin, Qt.Key.Key_Return)
    assert form.isVisible() and seen(form.error.text()) == "Type the 4-digit PIN of Binta."
    assert [p.name for p in services.profiles.all()] == ["Awa", "Binta"]
    qtbot.keyClicks(pin, "4242")
    qtbot.keyClick(pin, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert [p.name for p in services.profiles.all()] == ["Awa"]
    assert seen(dialog.status.text()) == "Binta was deleted."


def test_the_status_line_follows_the_open_profiles_new_language(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Awa chooses French for herself: the window turns French at once, and the line saying
    so with it (it stayed in English, the language just left)."""
    studying(window, services)
    dialog = dialog_of(window)
    dialog.language_button.click()
    fill(qtbot, dialog, "fr")
    qtbot.waitUntil(lambda: dialog.close_button.text() == "Fermer")
    assert seen(dialog.status.text()) == "Langue de Cartable pour Awa\u00a0: Français."
    assert dialog.status.accessibleName() == dialog.status.text()


def test_a_new_profiles_pin_is_typed_twice_at_the_door(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """A PIN cannot be recovered, and the first-start page took it typed once: one slip and
    the learner was locked out of their own records. Enter after the PIN goes on to typing it
    again; two that differ are both cleared, said under the PIN, and nothing is created."""
    window.start()
    page = window.profile_page
    assert page is not None
    page.name.setFocus()
    qtbot.keyClicks(page.name, "Bintou")
    page.new_pin.setFocus()
    qtbot.keyClicks(page.new_pin, "1234")
    qtbot.keyClick(page.new_pin, Qt.Key.Key_Return)
    assert page.new_pin_again.hasFocus() and services.profiles.all() == []
    qtbot.keyClicks(page.new_pin_again, "1243")
    qtbot.keyClick(page.new_pin_again, Qt.Key.Key_Return)
    said = "The two PINs differ. Type the same PIN twice."
    assert page.new_pin_message.text() == said and page.new_pin.accessibleDescription() == said
    assert page.new_pin.text() == page.new_pin_again.text() == "" and page.new_pin.hasFocus()
    assert services.profiles.all() == []
    qtbot.keyClicks(page.new_pin, "1234")
    assert page.new_pin_message.text() == "", "typing again takes the message away"
    page.new_pin_again.setFocus()
    qtbot.keyClicks(page.new_pin_again, "1234")
    qtbot.keyClick(page.new_pin_again, Qt.Key.Key_Return)
    [bintou] = services.profiles.all()
    assert bintou.name == "Bintou" and services.profiles.check_pin(bintou.id, "1234")
    assert window.session is not None and window.session.profile_id == bintou.id


def test_a_profile_added_in_manage_profiles_has_its_pin_typed_twice(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    dialog = dialog_of(window)
    dialog.add_button.click()
    form = fill(qtbot, dialog, "Moussa", "fr", "1234", "4321")
    assert form.isVisible() and form.error.text() == "The two PINs differ. Type the same PIN twice."
    assert form.inputs[2].hasFocus() and form.inputs[0].text() == "Moussa"  # type: ignore[union-attr]
    assert [p.name for p in services.profiles.all()] == ["Awa"]
    form = fill(qtbot, dialog, "Moussa", "fr", "1234", "1234")
    assert gone(form)
    moussa = services.profiles.find("Moussa")
    assert moussa.has_pin and services.profiles.check_pin(moussa.id, "1234")


def test_deleting_the_open_profile_goes_back_to_who_is_studying(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, caplog
) -> None:
    awa = studying(window, services)
    secrets = services.context.paths.secrets
    account = LrsAccount(awa.id, "https://lrs.example.org/xAPI/", "awa")
    CredentialStore(secrets, keyring_backend=None).set(account, "her password")
    window.open_course("les-mooc", "enjeux-examen")  # a unit open while its learner goes
    assert window.course_view is not None
    dialog = dialog_of(window)
    dialog.delete_button.click()
    box = dialog.removal.question
    assert box is not None
    skip = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    )
    skip.click()
    QApplication.processEvents()
    form = dialog.form
    assert form is not None and form.inputs == []
    qtbot.keyClick(form, Qt.Key.Key_Return)  # Enter: Cancel, the default
    assert services.profiles.get(awa.id)
    dialog.delete_button.click()
    skip = next(
        b
        for b in dialog.removal.question.buttons()  # type: ignore[union-attr]
        if dialog.removal.question.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole  # type: ignore[union-attr]
    )
    skip.click()
    QApplication.processEvents()
    with qtbot.captureExceptions() as exceptions:
        fill(qtbot, dialog)
    assert exceptions == []
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], "closed cleanly"
    assert window.course_view is None
    assert services.profiles.all() == []
    assert window.session is None
    assert window.profile_page is not None and window.stack.currentWidget() is window.profile_page
    assert services.context.settings.last_profile is None
    # Her LRS account and password went with her: sync checked it at every run (review r5 #2).
    assert CredentialStore(secrets, keyring_backend=None).get(awa.id) is None
    assert not (secrets / f"{awa.id}.secret").exists()


def test_the_dialog_works_with_the_keyboard(
    qtbot, window: MainWindow, services: ShellServices
) -> None:  # type: ignore[no-untyped-def]
    studying(window, services)
    dialog = dialog_of(window)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.list)
    focus = []
    for _ in range(8):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus.append(QApplication.focusWidget())
    enabled = [
        b
        for b in (
            dialog.add_button,
            dialog.rename_button,
            dialog.pin_button,
            dialog.delete_button,
            dialog.close_button,
        )
    ]
    assert all(b in focus for b in enabled)
    dialog.add_button.setFocus()
    qtbot.keyClick(dialog.add_button, Qt.Key.Key_Space)
    form = dialog.form
    assert form is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.inputs[0])
    qtbot.keyClicks(form.inputs[0], "Chloe")
    qtbot.keyClick(form.inputs[0], Qt.Key.Key_Return)
    assert [p.name for p in services.profiles.all()] == ["Awa", "Chloe"]


def mnemonics(top: QWidget) -> dict[str, list[str]]:
    """Alt+letter -> the visible labels and buttons of `top` that answer it."""
    found: dict[str, list[str]] = {}
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or not isinstance(widget, QLabel | QAbstractButton):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue
        key = QKeySequence.mnemonic(widget.text()).toString()
        if key:
            found.setdefault(key, []).append(widget.text())
    return found


def test_every_pin_field_has_its_own_alt_key(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Name and Language had one; the new profile's PIN had none (keyboard users had to Tab)."""
    locked = services.profiles.add("Moussa", "en", "1234")  # the chooser speaks his language
    window.start()
    window.show_profiles(selected=locked)
    page = window.profile_page
    assert page is not None and page.pin_label.isVisibleTo(page)
    keys = mnemonics(page)
    assert QKeySequence.mnemonic(page.new_pin_label.text()).toString() == "Alt+D"
    assert {k: v for k, v in keys.items() if len(v) > 1} == {}, "one control per Alt key"
    page.name.setFocus()
    qtbot.keyClick(page.name, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is page.new_pin

    window.show_profiles_dialog()
    dialog = window.profiles_dialog
    assert isinstance(dialog, ProfilesDialog)
    dialog.add_button.click()
    form = dialog.form
    assert isinstance(form, FormDialog) and form.isVisible()
    pin = form.inputs[-1]
    assert isinstance(pin, QLineEdit)
    [label] = [w for w in form.findChildren(QLabel) if w.buddy() is pin]
    assert "PIN" in label.text() and not QKeySequence.mnemonic(label.text()).isEmpty()
    keys = mnemonics(form)
    assert {k: v for k, v in keys.items() if len(v) > 1} == {}, "one control per Alt key"


def test_the_profile_page_and_the_menus_share_no_alt_key(  # type: ignore[no-untyped-def]
    qtbot, qapp, window: MainWindow, services: ShellServices
) -> None:
    """The menu bar stays over the Who is studying page: Alt+P and Alt+C went to a menu and to
    the page at once (Qt then only cycles between them), in English and in French."""
    services.profiles.add("Moussa", "fr", "1234")
    window.start()
    window.show_profiles()
    page = window.profile_page
    assert page is not None and window.menuBar().isVisible()

    def clashes() -> dict[str, list[str]]:
        keys = mnemonics(page)
        for action in window.menuBar().actions():
            key = QKeySequence.mnemonic(action.text()).toString()
            if key and action.isVisible():
                keys.setdefault(key, []).append(action.text())
        return {k: v for k, v in keys.items() if len(v) > 1}

    assert clashes() == {}
    with french(qapp):
        qtbot.waitUntil(lambda: window.menuBar().actions()[0].text() == "&Profil")
        assert clashes() == {}


def test_wrong_pins_at_the_door_count_down_then_say_how_long_to_wait(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """The same "Wrong PIN. Try again." each time: nothing changed on screen after a retry."""
    profile = services.profiles.add("Awa", "en", pin="4321")
    services.context.settings.last_profile = profile.id
    window.start()
    page = window.profile_page
    assert page is not None and page.pin.hasFocus()
    said = []
    for pin in ("1111", "2222", "3333", "5555", "6666", "4321"):
        qtbot.keyClicks(page.pin, pin)
        qtbot.keyClick(page.pin, Qt.Key.Key_Return)
        said.append(page.pin_message.text())
        assert page.pin.text() == "" and page.pin.hasFocus(), "the PIN field, cleared"
        assert page.pin_message.accessibleName() == said[-1]
        assert page.pin.accessibleDescription() == said[-1], "read with the field"
    assert said[:3] == [
        "Wrong PIN. Try again.",
        "Wrong PIN. 3 tries left before a wait.",
        "Wrong PIN. 2 tries left before a wait.",
    ]
    assert said[3].startswith("Wrong PIN. 1 tr")
    assert said[4] == "Wrong PIN. Too many wrong tries: wait 30 seconds, then try again."
    assert said[5] == "Too many wrong tries: wait 30 seconds, then try again."
    assert window.session is None, "the right PIN is not even checked during the wait"


def test_a_wrong_pin_in_a_form_puts_the_cursor_back_in_the_pin_field(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Rename and delete put it back in the name field (the form's first); the switch form
    called its field "Current PIN", which reads like the PIN of the profile in use."""
    studying(window, services)
    services.profiles.add("Binta", "en", "4242")
    dialog = dialog_of(window)
    select(dialog, "Binta")
    dialog.open_button.click()
    form = dialog.form
    assert form is not None
    [label] = [w for w in form.findChildren(QLabel) if w.buddy() is form.inputs[0]]
    assert seen(label.text()) == "&PIN of Binta:"
    assert seen(form.inputs[0].accessibleName()) == "PIN of Binta"
    form.reject()

    dialog.rename_button.click()
    form = fill(qtbot, dialog, "Binta B.", "0000")
    assert form.isVisible() and form.error.text() == "Wrong PIN. Try again."
    assert form.inputs[1].text() == "" and form.inputs[1].hasFocus()  # type: ignore[union-attr]
    assert form.inputs[0].text() == "Binta B.", "the new name stays"  # type: ignore[union-attr]
    form = fill(qtbot, dialog, "", "4242")
    assert form.error.text() == "Type a name for the profile." and form.inputs[0].hasFocus()
    form.reject()

    dialog.language_button.click()
    form = fill(qtbot, dialog, "fr", "0000")
    assert form.error.text() == "Wrong PIN. 3 tries left before a wait."
    assert form.inputs[1].hasFocus()
    form.reject()

    dialog.delete_button.click()
    skip = next(
        b
        for b in dialog.removal.question.buttons()  # type: ignore[union-attr]
        if dialog.removal.question.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole  # type: ignore[union-attr]
    )
    skip.click()
    QApplication.processEvents()
    form = fill(qtbot, dialog, "0000")
    assert form.isVisible() and form.error.text() == "Wrong PIN. 2 tries left before a wait."
    assert form.inputs[0].text() == "" and form.inputs[0].hasFocus()  # type: ignore[union-attr]
    assert [p.name for p in services.profiles.all()] == ["Awa", "Binta"]


def test_a_pin_that_is_not_4_digits_is_asked_again_not_counted(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Enter pressed before the PIN was typed, or too early: not a wrong try, so five of them
    do not start a wait."""
    studying(window, services)
    binta = services.profiles.add("Binta", "en", "4242")
    dialog = dialog_of(window)
    select(dialog, "Binta")
    dialog.open_button.click()
    for value in ("", "", "42", "", "424", ""):
        form = fill(qtbot, dialog, value)
        assert form.isVisible() and seen(form.error.text()) == "Type the 4-digit PIN of Binta."
        assert form.inputs[0].hasFocus()
    form = fill(qtbot, dialog, "0000")
    assert form.error.text() == "Wrong PIN. Try again.", "the first counted try"
    fill(qtbot, dialog, "4242")
    assert window.session is not None and window.session.profile_id == binta.id


def test_a_short_pin_at_the_door_is_asked_again_not_counted(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    profile = services.profiles.add("Awa", "en", pin="4321")
    services.context.settings.last_profile = profile.id
    window.start()
    page = window.profile_page
    assert page is not None
    for _ in range(6):
        qtbot.keyClicks(page.pin, "43")
        qtbot.keyClick(page.pin, Qt.Key.Key_Return)
        assert seen(page.pin_message.text()) == "Type the 4-digit PIN of Awa."
        assert page.pin.hasFocus()
    page.pin.clear()
    qtbot.keyClicks(page.pin, "4321")
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    assert window.session is not None and window.session.profile_id == profile.id


def test_a_pin_the_store_cannot_check_says_so_in_one_line(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, monkeypatch
) -> None:
    """The records file unreadable or held by another program: no unexpected-error dialog."""
    awa = studying(window, services)
    binta = services.profiles.add("Binta", "en", "4242")

    def failing(profile_id: str, pin: str) -> None:
        raise WriteFailed("the learner records could not be saved: database is locked")

    monkeypatch.setattr(services.profiles, "try_pin", failing)
    dialog = dialog_of(window)
    select(dialog, "Binta")
    dialog.open_button.click()
    form = fill(qtbot, dialog, "4242")
    assert form.isVisible()
    assert form.error.text() == "The PIN could not be checked: try again in a moment."
    assert window.session is not None and window.session.profile_id == awa.id
    form.reject()
    dialog.reject()

    window.show_profiles(binta)
    page = window.profile_page
    assert page is not None and page.selected() == binta
    qtbot.keyClicks(page.pin, "4242")
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    assert page.pin_message.text() == "The PIN could not be checked: try again in a moment."
    assert page.isVisible() and page.pin.text() == ""
    assert window.session is not None and window.session.profile_id == awa.id


LONG_NAME = "Marie-Clémentine Ngozi Adébáyọ̀ Oluwaseun Bamidele-Fernandes de la Fontaine-Kouyaté"


def test_a_wrong_pin_at_the_door_is_said_under_the_pin_field(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """It was said at the bottom of the page, under New profile, far from the PIN field."""
    profile = services.profiles.add("Amina", "en", pin="4321")
    services.context.settings.last_profile = profile.id
    window.start()
    page = window.profile_page
    assert page is not None and page.pin.hasFocus()
    assert page.pin_message.text() == ""
    still = page.open_button.mapTo(page, page.open_button.rect().topLeft())
    qtbot.keyClicks(page.pin, "1111")
    qtbot.keyClick(page.pin, Qt.Key.Key_Return)
    message = page.pin_message
    assert message.isVisible() and message.text() == "Wrong PIN. Try again."
    assert page.pin.accessibleDescription() == "Wrong PIN. Try again."
    assert page.message.text() == "", "nothing under the new profile's form"

    def top(widget: QWidget) -> int:
        return widget.mapTo(page, widget.rect().topLeft()).y()

    pin_bottom = top(page.pin) + page.pin.height()
    assert pin_bottom <= top(message) < top(page.new_label)
    assert top(message) - pin_bottom < page.fontMetrics().height()
    assert message.mapTo(page, message.rect().topLeft()).x() < still.x(), "left of Open"
    QApplication.processEvents()
    assert page.open_button.mapTo(page, page.open_button.rect().topLeft()) == still

    page.reload()  # another profile chosen, or the same again: the old words go
    assert page.pin_message.text() == ""
    assert page.pin.accessibleDescription() == ""


def test_choosing_a_profile_without_a_pin_keeps_the_page_still(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """The PIN row was hidden and everything below it jumped up (and back down)."""
    amina = services.profiles.add("Amina", "fr", pin="4321")
    services.profiles.add("Binta", "fr")
    window.show_profiles(selected=amina)
    page = window.profile_page
    assert page is not None
    QApplication.processEvents()
    assert page.pin.isVisible()

    def places() -> list[int]:
        QApplication.processEvents()
        return [
            w.mapTo(page, w.rect().topLeft()).y()
            for w in (page.list, page.open_button, page.new_label, page.name, page.create_button)
        ]

    with_pin = places()
    page.list.setCurrentRow(1)
    assert not page.pin.isVisible() and not page.pin_label.isVisible()
    assert places() == with_pin
    page.list.setCurrentRow(0)
    assert page.pin.isVisible() and places() == with_pin


def test_long_names_are_cut_with_an_ellipsis_and_said_whole_in_a_tooltip(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """A 79-character name made both lists scroll sideways."""
    name = LONG_NAME[:79]
    services.profiles.add("Amina", "fr", pin="4321")
    services.profiles.add(name, "en")
    window.show_profiles()
    page = window.profile_page
    assert page is not None
    QApplication.processEvents()
    assert not page.list.horizontalScrollBar().isVisible()
    assert page.list.textElideMode() == Qt.TextElideMode.ElideRight
    assert [seen(page.list.item(r).toolTip()) for r in range(2)] == [
        "Amina, protected by a PIN",
        name,
    ]

    page.list.setCurrentRow(1)
    page.open_selected()
    dialog = dialog_of(window)
    QApplication.processEvents()
    assert not dialog.list.horizontalScrollBar().isVisible()
    item = dialog.list.currentItem()
    assert item.text() == item.toolTip() == f"\u2068{name}\u2069 \u00b7 English \u00b7 in use"
    assert dialog.list.visualItemRect(item).width() > dialog.list.viewport().width(), (
        "longer than the list: it is the elision that keeps it in"
    )


def test_a_name_longer_than_the_store_keeps_is_refused_not_cut(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """The name field kept the first 80 characters and dropped the rest without a word."""
    name = "Marie-Clementine Ngozi Adebayo Oluwaseun Bamidele-Fernandes de la Fontaine-Kouyate"
    assert len(name) == 82  # typed: the test's keyboard has ASCII keys only
    window.start()
    page = window.profile_page
    assert page is not None
    page.name.setFocus()
    qtbot.keyClicks(page.name, name)
    assert page.name.text() == name, "nothing cut while typing"
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    assert page.name_message.text() == (
        f"A name has at most 80 characters; this one has {len(name)}."
    )
    assert page.name.hasFocus() and services.profiles.all() == []

    studying(window, services)
    dialog = dialog_of(window)
    dialog.add_button.click()
    form = fill(qtbot, dialog, name)
    assert form.inputs[0].text() == name  # type: ignore[union-attr]
    assert form.isVisible() and form.error.text() == page.name_message.text()
    form.reject()
    dialog.rename_button.click()
    form = fill(qtbot, dialog, name)
    assert form.isVisible() and form.error.text() == page.name_message.text()
    assert [p.name for p in services.profiles.all()] == ["Awa"]


def fits(form: FormDialog) -> None:
    """Every label tall enough for its lines at its width, every button whole in the window."""
    QApplication.processEvents()
    for label in form.findChildren(QLabel):
        if label.isVisible() and label.wordWrap():
            assert label.height() >= label.heightForWidth(label.width()), label.text()
    for button in form.buttons.buttons():
        place = button.geometry().translated(form.buttons.pos())
        assert form.rect().contains(place), button.text()
        assert button.height() >= button.minimumSizeHint().height(), button.text()


def test_a_form_grows_to_show_its_message_whole(  # type: ignore[no-untyped-def]
    qtbot, qapp, window: MainWindow, services: ShellServices
) -> None:
    """Renaming to a 90-character name lost the question's third line, squashed the field and
    cut the buttons; two different PINs clipped the intro above and below (French)."""
    name = "Marie-Christine Anne-Sophie de la Fontaine-Beaumarchais"
    studying(window, services, name)
    with french(qapp):
        dialog = dialog_of(window)
        dialog.rename_button.click()
        form = dialog.form
        assert form is not None
        qtbot.waitExposed(form)
        fits(form)
        fill(qtbot, dialog, (name + " y du Plessis-Belliere et Dupont-Lavalliere")[:90])
        assert "90" in form.error.text() and form.error.isVisible()
        fits(form)
        form.reject()

        dialog.pin_button.click()
        form = dialog.form
        assert form is not None
        qtbot.waitExposed(form)
        fill(qtbot, dialog, "123")
        fits(form)
        fill(qtbot, dialog, "1234", "4321")
        assert form.error.text() and form.isVisible()
        fits(form)
        room = available_geometry(form)
        assert room is not None and form.height() <= room.height()


def test_manage_profiles_cuts_the_name_only_and_gives_it_a_wide_field(  # type: ignore[no-untyped-def]
    qtbot, qapp, window: MainWindow, services: ShellServices
) -> None:
    """The line read "Marie-Christine Ann…· Français · ouvert" (the space before the dot eaten
    by the middle cut) and the rename field was about 130 px wide for an 80-character name."""
    name = "Marie-Christine Anne-Sophie de la Fontaine-Beaumarchais et Dupont"
    studying(window, services, name)
    with french(qapp):
        dialog = dialog_of(window)
        qtbot.waitExposed(dialog)
        delegate = dialog.list.itemDelegate()
        painted: list[str] = []
        line = delegate.line  # type: ignore[attr-defined]
        delegate.line = lambda o, i: painted.append((opt := line(o, i)).text) or opt  # type: ignore[attr-defined]
        dialog.list.viewport().grab()
        assert painted, "the delegate paints the line"
        text = painted[-1]
        in_use = QCoreApplication.translate("ProfilesDialog", "in use")  # its French, once in
        assert text.endswith(f"\u2026\u2069 \u00b7 English \u00b7 {in_use}"), text
        assert name.startswith(seen(text).split("\u2026")[0])
        metrics = dialog.list.fontMetrics()
        assert metrics.horizontalAdvance(text) <= dialog.list.viewport().width()
        item = dialog.list.currentItem()
        assert item.toolTip() == item.text() == f"\u2068{name}\u2069 \u00b7 English \u00b7 {in_use}"

        delegate.line = line  # type: ignore[attr-defined]
        dialog.rename_button.click()
        form = dialog.form
        assert form is not None
        qtbot.waitExposed(form)
        field = form.inputs[0]
        wide = field.fontMetrics().averageCharWidth() * 30
        assert field.width() >= wide
        form.resize(form.width() + 200, form.height())
        QApplication.processEvents()
        assert field.width() >= wide + 150, "grows with the window"


def test_the_new_profile_form_says_each_problem_under_its_field_until_it_is_edited(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """After "this one has 92", shortening the name left the message until the next Create;
    the name's and the PIN's messages were under Create and out of the fields' description."""
    window.start()
    page = window.profile_page
    assert page is not None
    QApplication.processEvents()

    def top(widget: QWidget) -> int:
        return widget.mapTo(page, widget.rect().topLeft()).y()

    def left(widget: QWidget) -> int:
        return widget.mapTo(page, widget.rect().topLeft()).x()

    name = ("Marie-Clementine Ngozi Adebayo Oluwaseun Bamidele-Fernandes " * 2)[:92]
    page.name.setFocus()
    qtbot.keyClicks(page.name, name)
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    QApplication.processEvents()
    said = "A name has at most 80 characters; this one has 92."
    message = page.name_message
    assert message.isVisible() and message.text() == said
    assert page.name.accessibleDescription() == said
    assert top(page.name) + page.name.height() <= top(message) < top(page.language)
    assert left(message) == left(page.name), "under the field, not its label"
    assert page.message.text() == "" and page.new_pin_message.text() == ""

    qtbot.keyClick(page.name, Qt.Key.Key_Backspace)  # shortened: the old words go at once
    assert message.text() == "" and not message.isVisible()
    assert page.name.accessibleDescription() == ""

    page.name.setText("Bintou")
    page.new_pin.setFocus()
    qtbot.keyClicks(page.new_pin, "12")
    qtbot.keyClick(page.new_pin, Qt.Key.Key_Return)
    QApplication.processEvents()
    said = "A PIN is exactly 4 digits, or leave it empty."
    message = page.new_pin_message
    assert message.isVisible() and message.text() == said
    assert page.new_pin.accessibleDescription() == said
    assert top(page.new_pin) + page.new_pin.height() <= top(message)
    assert top(message) + message.height() <= top(page.create_button)
    qtbot.keyClicks(page.new_pin, "3")
    assert message.text() == "" and page.new_pin.accessibleDescription() == ""
    assert services.profiles.all() == []


def test_the_switch_list_shows_which_profile_is_open_and_which_has_a_pin(  # type: ignore[no-untyped-def]
    qtbot, qapp: QApplication, window: MainWindow, services: ShellServices
) -> None:
    """Profile → Switch profile listed the names alone: which one was open, and which asked a
    PIN, only a tooltip or a screen reader said. In French, in the words of Manage profiles."""
    awa = studying(window, services)
    services.profiles.add("Binta", "en", "4242")
    services.profiles.add("Chidi", "en")
    window.switch_action.trigger()
    page = window.profile_page
    assert page is not None and page.isVisible()

    def lines() -> list[tuple[str, str, str]]:
        items = [page.list.item(row) for row in range(page.list.count())]
        said = [i.data(Qt.ItemDataRole.AccessibleTextRole) for i in items]
        return [(seen(i.text()), seen(i.toolTip()), s) for i, s in zip(items, said, strict=True)]

    assert lines() == [
        ("Awa \u00b7 in use", "Awa, in use", "Awa, in use"),
        ("Binta \u00b7 PIN", "Binta, protected by a PIN", "Binta, protected by a PIN"),
        ("Chidi", "Chidi", "Chidi"),
    ]
    services.profiles.set_pin(awa.id, "1357")
    window.switch_action.trigger()
    page = window.profile_page
    assert page is not None
    assert lines()[0] == (
        "Awa \u00b7 PIN \u00b7 in use",
        "Awa, protected by a PIN, in use",
        "Awa, protected by a PIN, in use",
    )
    with french(qapp):
        qtbot.waitUntil(lambda: page.heading.text() != "Who is studying?", timeout=5000)
        shown = [text for text, _tip, _said in lines()]
        in_use = QCoreApplication.translate("ProfilesDialog", "in use")  # its French, once in
    awa_line = f"Awa \u00b7 code PIN \u00b7 {in_use}"
    assert shown == [awa_line, "Binta \u00b7 code PIN", "Chidi"], shown
    qtbot.waitUntil(lambda: page.heading.text() == "Who is studying?", timeout=5000)
    assert lines()[0][0] == "Awa \u00b7 PIN \u00b7 in use"

    # The first start: nothing is open yet.
    door = ProfilePage(services.profiles, services.translations, "en")
    qtbot.addWidget(door)
    said = [seen(door.list.item(row).text()) for row in range(door.list.count())]
    assert said == ["Awa \u00b7 PIN", "Binta \u00b7 PIN", "Chidi"]


def test_a_name_that_looks_like_anothers_or_turns_the_line_around_is_refused(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """'Awa' with a zero-width space pasted after it made a second 'Awa' in the lists, and a
    pasted U+202E turned 'name · PIN · in use' around; each refused under the name field, the
    profile named as it is written."""
    services.profiles.add("Awa", "en")
    window.start()
    page = window.profile_page
    assert page is not None
    for typed, said in (
        ("awa\u200b", "A profile named Awa already exists."),
        ("\uff21wa", "A profile named Awa already exists."),
        ("\u202eevil", "A name cannot hold control or text-direction characters."),
        ("\u3164", "Type a name for the new profile."),  # shows nothing: the store's English
    ):
        page.name.setText(typed)
        page.create()
        assert seen(page.name_message.text()) == said, typed
    assert [p.name for p in services.profiles.all()] == ["Awa"]
    page.select(services.profiles.find("Awa").id)
    page.open_selected()
    bintou = services.profiles.add("Bintou", "en")
    dialog = dialog_of(window)
    select(dialog, "Bintou")
    dialog.rename_button.click()
    form = dialog.form
    assert isinstance(form, FormDialog)
    form.inputs[0].setText("A\u200dwa")  # pasted: QTest types ASCII only
    form.ok.click()
    assert not gone(form) and seen(form.error.text()) == "A profile named Awa already exists."
    assert services.profiles.get(bintou.id).name == "Bintou"


def test_enter_on_a_profile_in_the_list_opens_it_and_keeps_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Enter on another learner's line asked their PIN, and the dialog's default button (Close)
    took the same key: the dialog and the PIN question went at once. Keyboard only."""
    studying(window, services)
    binta = services.profiles.add("Binta", "en", "2468")
    window.activateWindow()
    dialog = dialog_of(window)
    dialog.list.setFocus()
    qtbot.waitUntil(dialog.list.hasFocus)
    qtbot.keyClick(dialog.list, Qt.Key.Key_Down)
    assert dialog.selected() == binta
    qtbot.keyClick(dialog.list, Qt.Key.Key_Return)
    assert isValid(dialog) and dialog.isVisible(), "Enter opens Binta, it does not close"
    form = dialog.form
    assert isinstance(form, FormDialog) and form.isVisible()
    qtbot.waitUntil(lambda: form.isAncestorOf(QApplication.focusWidget()))
    qtbot.keyClicks(QApplication.focusWidget(), "2468")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.session is not None and window.session.profile_id == binta.id
    assert window.profiles_dialog is None


def test_enter_on_a_button_presses_it_and_keeps_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """The side buttons are never the default: they passed Enter on to the dialog, whose
    default button, Close, closed it (Enter on Add… closed Manage profiles). Keyboard only."""
    studying(window, services)
    dialog = dialog_of(window)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.list)
    for _ in range(8):  # Tab to it, as a keyboard user does
        if QApplication.focusWidget() is dialog.add_button:
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.add_button
    qtbot.keyClick(dialog.add_button, Qt.Key.Key_Return)
    assert isValid(dialog) and dialog.isVisible(), "Enter on Add… adds, it does not close"
    form = dialog.form
    assert isinstance(form, FormDialog) and form.isVisible()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.inputs[0])
    qtbot.keyClicks(form.inputs[0], "Chloe")
    qtbot.keyClick(form.inputs[0], Qt.Key.Key_Return)
    assert [p.name for p in services.profiles.all()] == ["Awa", "Chloe"]
    assert dialog.isVisible()
