"""Manage profiles → Save a copy of the records…: a learner carrying their records to another
computer, or keeping a backup, had to start deleting their own profile and cancel at the last
question (the copy was only offered by Delete…). The real store writes the file; `cartable
records import` on "another computer" (another CARTABLE_HOME) reads it back."""

from __future__ import annotations

import errno
import json
import logging
import os
import select as select_fds
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox

import player.store.records as store_records
from player.__main__ import main
from player.app import wind_down
from player.store.profiles import Profile
from player.ui.file_dialogs import documents_folder
from player.ui.form_dialog import FormDialog
from player.ui.main_window import MainWindow
from player.ui.profiles_dialog import ProfilesDialog
from player.ui.records_import import ImportPlace
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from sync.outbox import Outbox
from tests.small_disk import fill as fill_disk
from tests.small_disk import set_read_only, small_disk
from tests.ui.test_profiles import dialog_of, fill, seen, select, studying
from tests.ui.test_records_import import binta_s_file, choose_file, target_form
from tests.ui.test_records_import_busy import TitleBarClose
from tests.ui.test_records_import_threaded import quit_receivers


def studied(window: MainWindow, services: ShellServices) -> int:
    """The open learner launched a lecture: records of theirs, not sent yet (their count)."""
    assert window.session is not None
    window.open_course("les-mooc", "definition-lecture")
    window.close_course()
    waiting = services.store.outbox.counts(window.session.profile_id).queued
    assert waiting > 0
    return waiting


def save_as(dialog: ProfilesDialog, target: Path) -> None:
    """In the open file chooser, the file name typed, then Save."""
    files = dialog.removal.file_dialog
    assert files is not None and files.isVisible()
    name = files.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    name.setText(str(target))
    files.accept()
    QApplication.processEvents()


def statements(path: Path) -> dict[str, object]:
    """A records file's statements by id."""
    return {s["id"]: s for s in json.loads(path.read_text(encoding="utf-8"))["statements"]}


def test_save_a_copy_writes_a_file_records_import_reads_back_with_the_same_statements(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    awa = studying(window, services)
    waiting = studied(window, services)
    dialog = dialog_of(window)
    select(dialog, "Awa")
    assert dialog.copy_button.isEnabled()
    assert dialog.copy_button.text() == "Sa&ve a copy of the records\u2026"
    dialog.copy_button.click()
    QApplication.processEvents()
    assert dialog.form is None, "her own profile: no PIN asked"
    files = dialog.removal.file_dialog
    assert files is not None and files.isVisible()
    proposed = files.findChild(QLineEdit, "fileNameEdit")
    assert proposed is not None and proposed.text().startswith("cartable-Awa-")
    target = tmp_path / "awa.json"
    save_as(dialog, target)

    assert dialog.removal.file_dialog is None and dialog.form is None, "nothing asked after"
    assert dialog.removal.question is None, "no delete started"
    assert [p.name for p in services.profiles.all()] == ["Awa"]
    assert seen(dialog.status.text()) == f"{waiting} records of Awa saved in {target}."
    saved = statements(target)
    assert len(saved) == waiting

    # Deleting her afterwards says where the copy is.
    dialog.delete_button.click()
    box = dialog.removal.question
    assert box is not None
    next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
    ).click()
    QApplication.processEvents()
    last = dialog.form
    assert isinstance(last, FormDialog) and f"A copy is in \u2068{target}\u2069" in (
        last.message.text()
    )
    last.reject()
    QApplication.processEvents()
    assert services.profiles.get(awa.id).name == "Awa"

    # Another computer: `cartable records import` reads the file back, the same statements.
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "other-laptop"))
    assert main(["profiles", "add", "Awa"]) == 0
    assert main(["records", "import", "Awa", str(target)]) == 0
    assert f"{waiting} statements added" in capsys.readouterr().out
    back = tmp_path / "back.json"
    assert main(["records", "export", "Awa", "-o", str(back)]) == 0
    assert statements(back) == saved


def copies_of(name: str, tmp_path: Path) -> list[Path]:
    """The records files of `name` in the test's folders and the proposed one (Documents)."""
    found = [*tmp_path.rglob("*.json"), *documents_folder().glob("*.json")]
    return [path for path in found if name in path.name]


def test_another_learners_copy_asks_their_pin_and_a_wrong_one_saves_nothing(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """Binta's records, PIN-protected, while Awa is open: her PIN before any file is chosen or
    written (as for Delete's copy), a wrong one refused, a cancelled question saving nothing."""
    awa = studying(window, services)
    binta = services.profiles.add("Binta", "en", "4242")
    window.open_profile(binta)
    waiting = studied(window, services)
    window.open_profile(awa)
    dialog = dialog_of(window)
    select(dialog, "Binta")
    dialog.copy_button.click()
    QApplication.processEvents()
    assert dialog.removal.file_dialog is None, "no file chosen before the PIN"
    form = fill(qtbot, dialog, "1111")
    assert form.isVisible() and form.error.text() == "Wrong PIN. Try again."
    assert seen(form.windowTitle()) == "Save a copy of the records of Binta"
    assert dialog.removal.file_dialog is None
    form.reject()
    QApplication.processEvents()
    assert dialog.removal.file_dialog is None
    assert copies_of("Binta", tmp_path) == [], "nothing saved"

    dialog.copy_button.click()
    QApplication.processEvents()
    fill(qtbot, dialog, "4242")
    QApplication.processEvents()
    target = tmp_path / "binta.json"
    save_as(dialog, target)
    assert len(statements(target)) == waiting
    assert json.loads(target.read_text(encoding="utf-8"))["profile"]["name"] == "Binta"
    assert dialog.form is None and [p.name for p in services.profiles.all()] == ["Awa", "Binta"]


def test_the_open_learners_own_pin_is_not_asked_again(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    awa = services.profiles.add("Awa", "en", "1234")
    services.context.settings.last_profile = awa.id
    window.start()
    window.open_profile(awa)
    dialog = dialog_of(window)
    select(dialog, "Awa")
    dialog.copy_button.click()
    QApplication.processEvents()
    assert dialog.form is None
    save_as(dialog, tmp_path / "awa.json")
    assert (tmp_path / "awa.json").is_file()


def failed(dialog: ProfilesDialog) -> QMessageBox:
    box = dialog.removal.problem
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "\n" not in dialog.status.text() and "Errno" not in dialog.status.text()
    assert box.text() == dialog.status.text()
    return box


def test_a_copy_onto_a_full_usb_stick_is_said_in_one_line_and_leaves_no_half_file(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    studied(window, services)
    dialog = dialog_of(window)
    with small_disk(tmp_path / "usb", "64k") as usb:
        fill_disk(usb)
        dialog.copy_button.click()
        QApplication.processEvents()
        save_as(dialog, usb / "awa.json")
        box = failed(dialog)
        assert seen(box.text()) == (
            "awa.json was not saved: the USB stick or disk is full. Nothing was left "
            "half-written; free some space on it or choose another place."
        )
        assert "No space left on device" in box.detailedText()
        assert "No space left on device" in dialog.status.toolTip()
        assert sorted(p.name for p in usb.iterdir()) == ["filler"]
        box.accept()
        QApplication.processEvents()
        assert dialog.removal.problem is None


def test_a_copy_into_a_read_only_folder_is_said_in_one_line(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    dialog = dialog_of(window)
    with small_disk(tmp_path / "usb", "1m") as usb:
        set_read_only(usb)
        dialog.copy_button.click()
        QApplication.processEvents()
        save_as(dialog, usb / "awa.json")
        box = failed(dialog)
        assert "awa.json was not saved: this place cannot be written to" in seen(box.text())
        assert "Read-only file system" in box.detailedText()
        set_read_only(usb, False)
        assert list(usb.iterdir()) == []


def threaded_dialog(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, awa: Profile, runner: ThreadPoolRunner
) -> ProfilesDialog:
    """Awa's Manage profiles on the player's runner, closed with the test."""
    place = ImportPlace(runner, services.library, services.context.paths.data, services.context)
    dialog = ProfilesDialog(services.store, awa.id, "en", window, tasks=runner, importing=place)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_copy_is_written_on_a_worker_the_buttons_greyed_and_delete_waits_for_it(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The copy was written on the GUI thread: 4 to 6 s for 80,000 statements, the window
    frozen (review r7 #3). Now on the task runner, as the import; the profile buttons greyed
    meanwhile, and Delete's last question asked once the copy is saved, not before."""
    awa = studying(window, services)
    waiting = studied(window, services)
    go = threading.Event()
    threads: list[threading.Thread] = []
    write = store_records.write_records_file

    def held(*args: object, **kwargs: object) -> object:
        threads.append(threading.current_thread())
        if threading.current_thread() is not threading.main_thread():
            assert go.wait(60)
        return write(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(store_records, "write_records_file", held)
    runner = ThreadPoolRunner(1)
    dialog = threaded_dialog(qtbot, window, services, awa, runner)
    select(dialog, "Awa")
    try:
        dialog.delete_button.click()
        box = dialog.removal.question
        assert box is not None
        box.defaultButton().click()  # "Save a copy first…"
        QApplication.processEvents()
        target = tmp_path / "awa.json"
        save_as(dialog, target)
        assert seen(dialog.status.text()) == "Saving a copy of the records of Awa…"
        assert dialog.form is None, "Delete's last question before the copy is saved"
        for button in (dialog.delete_button, dialog.copy_button, dialog.import_button):
            assert not button.isEnabled()
        assert not dialog.close_button.isEnabled()  # review r12 #2: see the test below
    finally:
        go.set()
    qtbot.waitUntil(lambda: isinstance(dialog.form, FormDialog), timeout=30_000)
    assert runner.wait_idle(30_000)
    assert threads and threads[0] is not threading.main_thread()
    assert len(statements(target)) == waiting
    last = dialog.form
    assert isinstance(last, FormDialog)
    assert f"A copy is in \u2068{target}\u2069" in last.message.text()
    assert seen(dialog.status.text()) == f"{waiting} records of Awa saved in {target}."
    last.reject()
    QApplication.processEvents()
    assert dialog.delete_button.isEnabled() and dialog.copy_button.isEnabled()
    assert services.profiles.get(awa.id).name == "Awa"


def held_copy(monkeypatch: pytest.MonkeyPatch, go: threading.Event) -> threading.Event:
    """The copy waits for `go` once its first statement is written (its temporary file made
    beside the target): set when it waits."""
    started = threading.Event()
    rows = Outbox.iter_rows

    def held(self: Outbox, *args: object, **kwargs: object) -> Iterator[object]:
        for n, row in enumerate(rows(self, *args, **kwargs)):  # type: ignore[arg-type]
            yield row
            if n == 0:
                started.set()
                assert go.wait(60)

    monkeypatch.setattr(Outbox, "iter_rows", held)
    return started


def test_manage_profiles_stays_open_while_a_copy_is_saved_and_its_failure_is_said(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Review r12 #2: Close stayed enabled while a copy was written; a copy failing after the
    dialog closed (a full USB stick) was only logged, the learner believing it saved. Esc,
    Close and the title bar leave the dialog open meanwhile, saying why once, as for an import;
    the failure is then said in its box."""
    awa = studying(window, services)
    studied(window, services)
    go = threading.Event()
    write = store_records.write_records_file

    def full(*args: object, **kwargs: object) -> object:
        assert go.wait(60)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_records, "write_records_file", full)
    runner = ThreadPoolRunner(1)
    dialog = threaded_dialog(qtbot, window, services, awa, runner)
    select(dialog, "Awa")
    try:
        dialog.removal.export(awa, tmp_path / "awa.json")
        assert not dialog.close_button.isEnabled()
        dialog.activateWindow()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible()
        wait = "Saving a copy of the records of Awa… Wait for the copy to be saved."
        assert seen(dialog.status.text()) == wait
        assert dialog.status.accessibleName() == dialog.status.text()
        dialog.close_button.click()
        dialog.accept()  # Enter, were Close the default button
        title_bar = TitleBarClose()
        dialog.closeEvent(title_bar)
        assert dialog.isVisible() and not title_bar.isAccepted()
        assert seen(dialog.status.text()) == wait, "said once"
    finally:
        go.set()
    assert runner.wait_idle(30_000)
    qtbot.waitUntil(lambda: dialog.removal.saving is None, timeout=30_000)
    box = failed(dialog)
    assert seen(box.text()).startswith("awa.json was not saved: the USB stick or disk is full.")
    assert dialog.close_button.isEnabled()
    box.accept()
    monkeypatch.setattr(store_records, "write_records_file", write)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_a_quit_during_a_copy_stops_it_and_leaves_no_temporary_file(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Review r12 #3: the quit waits for the workers 2 s at most (app.wind_down), then leaves
    (os._exit); a copy of 80,000 statements takes 4 to 6 s: cut off, it left its temporary
    file on the USB stick, and no one was told. The quit stops the copy at its next rows: the
    temporary file removed, an older copy of that name kept, the workers idle."""
    awa = studying(window, services)
    studied(window, services)
    go = threading.Event()
    started = held_copy(monkeypatch, go)
    runner = ThreadPoolRunner(1)
    dialog = threaded_dialog(qtbot, window, services, awa, runner)
    usb = tmp_path / "usb"
    usb.mkdir()
    target = usb / "awa.json"
    target.write_text("the copy of last week")
    caplog.set_level(logging.INFO, logger="player.ui.profile_removal")
    assert quit_receivers() == 0
    try:
        dialog.removal.export(awa, target)
        assert quit_receivers() == 1
        assert started.wait(30)
        [temporary] = [p for p in usb.iterdir() if p != target]
        assert temporary.name.startswith(".awa.json.") and temporary.name.endswith(".tmp")
        app = QApplication.instance()
        assert app is not None
        app.aboutToQuit.emit()  # as app.exec() does before it returns, then run_gui winds down
    finally:
        go.set()
    assert wind_down(runner, [], [])
    assert sorted(usb.iterdir()) == [target], "the temporary file left on the stick"
    assert target.read_text() == "the copy of last week"
    qtbot.waitUntil(lambda: dialog.removal.saving is None, timeout=30_000)
    assert [r.getMessage() for r in caplog.records] == [
        f"records copy stopped by the quit: {target} not written"
    ]
    assert dialog.removal.problem is None and quit_receivers() == 0


def test_a_copy_into_a_pipe_is_refused_before_anything_is_written(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """A pipe (or a device) chosen as the copy: the write waited for a reader, the window
    frozen for ever (review r7 #3). Refused in one line now; nothing reaches the pipe."""
    awa = studying(window, services)
    studied(window, services)
    pipe = tmp_path / "awa.json"
    os.mkfifo(pipe)
    # A reader, so that a write into the pipe ends (and is seen) instead of waiting for one.
    fd = os.open(pipe, os.O_RDONLY | os.O_NONBLOCK)
    stop = threading.Event()
    got: list[bytes] = []

    def read() -> None:
        while not stop.is_set():
            if select_fds.select([fd], [], [], 0.05)[0]:
                got.append(os.read(fd, 65536))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        dialog = dialog_of(window)
        select(dialog, "Awa")
        dialog.removal.export(awa, pipe)
        box = failed(dialog)
        assert seen(box.text()) == (
            "awa.json was not saved: it is not an ordinary file (a folder, a pipe or a "
            "device). Choose another name."
        )
        assert "not a regular file" in box.detailedText()
        box.accept()
    finally:
        stop.set()
        reader.join(30)
        os.close(fd)
    assert b"".join(got) == b"", "written into the pipe"
    assert dialog.copy_button.isEnabled() and awa.id not in dialog.removal.copies


def test_save_a_copy_opens_where_the_last_records_file_was(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """The copy's file dialog opened in Documents though a records file was just imported
    from, or saved to, a USB stick (review r7 #4): the folder Import records… opens in."""
    studying(window, services)
    stick = tmp_path / "stick"
    stick.mkdir()
    path = binta_s_file(window, services, stick)
    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    target_form(dialog).reject()
    assert services.context.settings.records_folder == str(stick)
    select(dialog, "Awa")
    dialog.copy_button.click()
    files = dialog.removal.file_dialog
    assert files is not None
    assert Path(files.directory().absolutePath()) == stick
    files.reject()
    QApplication.processEvents()
    shutil.rmtree(stick)  # the stick taken out: Documents again
    dialog.copy_button.click()
    files = dialog.removal.file_dialog
    assert files is not None
    assert Path(files.directory().absolutePath()) == documents_folder()
    files.reject()
