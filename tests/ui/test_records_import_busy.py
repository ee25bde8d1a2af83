"""Import records… while its worker runs, on the player's ThreadPoolRunner: Manage profiles
changes no profile meanwhile (the worker holds the records' write lock: a change waited for it,
the window frozen), and a failure after the dialog closed is still logged."""

from __future__ import annotations

import json
import logging
import sys
import threading
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

import player.records_import as ri
import player.ui.records_import as uri
from player.store.profiles import Profile
from player.store.records_file import ReadCancelled, RecordsError, RecordsFault
from player.ui.form_dialog import FormDialog
from player.ui.main_window import MainWindow
from player.ui.profiles_dialog import ProfilesDialog
from player.ui.records_import import ImportPlace, RecordsImport
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from tests.ui.test_profiles import seen, select, studying
from tests.ui.test_records_import import binta_s_file, the_profile


def importing_dialog(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, awa: Profile, runner: ThreadPoolRunner
) -> ProfilesDialog:
    dialog = ProfilesDialog(
        services.store,
        awa.id,
        "en",
        window,
        tasks=runner,
        importing=ImportPlace(runner, services.library, services.context.paths.data),
    )
    dialog.show()
    return dialog


def read_from_dialog(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    awa: Profile,
    runner: ThreadPoolRunner,
    caplog: pytest.LogCaptureFixture,
) -> tuple[ProfilesDialog, RecordsImport]:
    """Awa's Manage profiles on `runner` (closed with the test), its importer, and the
    importer's log taken from INFO: where the tests of a read and its stop start."""
    dialog = importing_dialog(qtbot, window, services, awa, runner)
    qtbot.addWidget(dialog)
    importer = dialog.importer
    assert importer is not None
    caplog.set_level(logging.INFO, logger="player.ui.records_import")
    return dialog, importer


def held(monkeypatch: pytest.MonkeyPatch, go: threading.Event, then: object) -> None:
    """The import into a new profile waits for `go`, then does `then` (the real import, or
    raises it)."""

    def waiting(*args: object, **kwargs: object) -> object:
        assert go.wait(60)
        if isinstance(then, BaseException):
            raise then
        return then(*args, **kwargs)  # type: ignore[operator]

    monkeypatch.setattr(ri, "import_records", waiting)


def test_no_profile_is_changed_or_opened_while_records_are_imported(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch
) -> None:
    awa = studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    services.profiles.add("Chloé", "fr", pin="1234")
    go = threading.Event()
    held(monkeypatch, go, ri.import_records)
    runner = ThreadPoolRunner(1)
    dialog = importing_dialog(qtbot, window, services, awa, runner)
    qtbot.addWidget(dialog)
    dialog.importer.read(path)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: isinstance(dialog.form, FormDialog), timeout=30_000)
    dialog.form.ok.click()  # type: ignore[union-attr]  # into a new profile, Binta
    select(dialog, "Chloé")
    changing = {
        "Open": dialog.open_button,
        "Add": dialog.add_button,
        "Import": dialog.import_button,
        "Rename": dialog.rename_button,
        "Language": dialog.language_button,
        "PIN": dialog.pin_button,
        "Remove PIN": dialog.remove_pin_button,
        "Delete": dialog.delete_button,
    }
    assert dialog.importer.busy  # type: ignore[union-attr]
    assert [name for name, button in changing.items() if button.isEnabled()] == []
    opened: list[Profile] = []
    dialog.switch_requested.connect(opened.append)
    dialog.ask_open()  # Enter on the list: no PIN asked, nothing opened
    assert dialog.form is None and opened == []

    go.set()
    qtbot.waitUntil(lambda: not dialog.importer.busy, timeout=30_000)  # type: ignore[union-attr]
    assert runner.wait_idle(30_000)
    select(dialog, "Chloé")
    assert [name for name, button in changing.items() if not button.isEnabled()] == []


WAIT = "Importing the records into Binta… Wait for the import to finish, or stop it."


class TitleBarClose(QCloseEvent):
    """The title bar's close button: a close event from the window system (Python cannot
    post one as Qt does, spontaneous)."""

    def spontaneous(self) -> bool:
        return True


def test_manage_profiles_stays_open_while_records_are_imported(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch
) -> None:
    """Closed mid-import, the worker went on holding the records' write lock with nothing left
    to say when it let go (or failed): Esc, Close and the title bar leave it open meanwhile,
    and the status line says why (Esc did nothing and said nothing), once."""
    awa = studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    go = threading.Event()
    held(monkeypatch, go, ri.import_records)
    runner = ThreadPoolRunner(1)
    dialog = importing_dialog(qtbot, window, services, awa, runner)
    qtbot.addWidget(dialog)
    dialog.importer.read(path)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: isinstance(dialog.form, FormDialog), timeout=30_000)
    dialog.form.ok.click()  # type: ignore[union-attr]  # into a new profile, Binta
    assert dialog.importer.busy  # type: ignore[union-attr]
    try:
        dialog.activateWindow()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible()
        assert seen(dialog.status.text()) == WAIT
        assert dialog.status.accessibleName() == dialog.status.text()
        assert not dialog.close_button.isEnabled()
        dialog.close_button.click()
        dialog.accept()  # Enter, were Close the default button
        assert dialog.isVisible()
        title_bar = TitleBarClose()
        dialog.closeEvent(title_bar)
        assert dialog.isVisible() and not title_bar.isAccepted()
        assert seen(dialog.status.text()) == WAIT, "said once"
    finally:
        go.set()
    qtbot.waitUntil(lambda: not dialog.importer.busy, timeout=30_000)  # type: ignore[union-attr]
    assert runner.wait_idle(30_000)
    assert seen(dialog.status.text()).startswith("4 records added to Binta.")
    assert "Wait for the import" not in dialog.status.text()
    assert dialog.close_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def read_held(
    monkeypatch: pytest.MonkeyPatch, go: threading.Event, then: BaseException | None = None
) -> None:
    """The file's read waits for `go`, then reads it (its cancel set by then or not), or
    raises `then`: as a read whose last look at its cancel was made, then found it wrong."""
    read = uri.read_records_file

    def waiting(file: Path, cancel: threading.Event) -> object:
        assert go.wait(60)
        if then is not None:
            raise then
        return read(file, cancel)

    monkeypatch.setattr(uri, "read_records_file", waiting)


@pytest.mark.parametrize("way", ["Esc", "the title bar's close", "Close"])
def test_esc_close_or_the_title_bar_while_the_file_is_read_stops_it_and_closes_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch, caplog, way
) -> None:
    """A read had no Stop: Esc said "Wait until the file is read." (review r9). Then Esc
    stopped it and said to wait, a second Esc to leave, and the title bar's close left the
    dialog open (review r3). Close stayed greyed while Esc and the title bar stopped and
    closed (review n2). All three stop the read and close the dialog now: a read holds no
    lock, and nothing of the file is kept."""
    awa = studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    go = threading.Event()
    read_held(monkeypatch, go)
    runner = ThreadPoolRunner(1)
    dialog, importer = read_from_dialog(qtbot, window, services, awa, runner, caplog)
    try:
        importer.read(path)
        assert importer.cancel_button.isVisible() and dialog.close_button.isEnabled()
        if way == "Esc":
            dialog.activateWindow()
            qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        elif way == "Close":
            qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        else:
            title_bar = TitleBarClose()
            dialog.closeEvent(title_bar)
            assert title_bar.isAccepted()
        assert not dialog.isVisible()
    finally:
        go.set()
    assert runner.wait_idle(30_000)
    qtbot.waitUntil(lambda: not importer.busy, timeout=30_000)
    assert [r.getMessage() for r in caplog.records] == ["records file not read: stopped"]
    assert dialog.form is None and importer.message is None


def test_enter_on_stop_reading_stops_the_read_and_keeps_the_dialog(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch, caplog
) -> None:
    """Once a file is chosen the focus is on "Stop reading", never the default button: it
    passed Enter on, and the dialog's default, Close, stopped the read and closed the dialog
    (review r2: a screen reader had just said "Stop reading, button"). Enter presses it."""
    awa = studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    go = threading.Event()
    read_held(monkeypatch, go)
    runner = ThreadPoolRunner(1)
    dialog, importer = read_from_dialog(qtbot, window, services, awa, runner, caplog)
    try:
        importer.read(path)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        importer.cancel_button.setFocus()
        qtbot.waitUntil(importer.cancel_button.hasFocus)
        qtbot.keyClick(importer.cancel_button, Qt.Key.Key_Return)
        assert dialog.isVisible(), "Enter on Stop reading stops the read, it does not close"
        assert seen(dialog.status.text()) == "Stopping the reading…"
    finally:
        go.set()
    assert runner.wait_idle(30_000)
    qtbot.waitUntil(lambda: not importer.busy, timeout=30_000)
    assert dialog.isVisible()
    assert seen(dialog.status.text()) == f"Reading {path.name} stopped: nothing was imported."
    assert [r.getMessage() for r in caplog.records] == ["records file not read: stopped"]


@pytest.mark.parametrize("again", ["pressed again", "held, repeating"])
def test_a_second_enter_on_stop_reading_does_not_close_the_dialog(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    again: str,
) -> None:
    """Enter on "Stop reading" disabled it under the focus: Qt moved the focus to the default
    button, Close, and a second Enter, or the key held a little long (auto-repeat), closed
    the dialog (review r9 #4). The button keeps the focus; pressed again, it does nothing."""
    awa = studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    go = threading.Event()
    read_held(monkeypatch, go)
    runner = ThreadPoolRunner(1)
    dialog, importer = read_from_dialog(qtbot, window, services, awa, runner, caplog)
    try:
        importer.read(path)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        importer.cancel_button.setFocus()
        qtbot.waitUntil(importer.cancel_button.hasFocus)
        qtbot.keyClick(importer.cancel_button, Qt.Key.Key_Return)
        focus = QApplication.focusWidget()
        assert focus is importer.cancel_button
        if again == "pressed again":
            qtbot.keyClick(focus, Qt.Key.Key_Return)
        else:
            repeat = QKeyEvent(
                QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r", True
            )
            QApplication.sendEvent(focus, repeat)
        assert dialog.isVisible()
        assert seen(dialog.status.text()) == "Stopping the reading…"
    finally:
        go.set()
    assert runner.wait_idle(30_000)
    qtbot.waitUntil(lambda: not importer.busy, timeout=30_000)
    assert dialog.isVisible()
    assert seen(dialog.status.text()) == f"Reading {path.name} stopped: nothing was imported."
    assert [r.getMessage() for r in caplog.records] == ["records file not read: stopped"]


def held_enter_repeats(dialog: ProfilesDialog) -> None:
    """A held Enter's auto-repeat (250-600 ms after the press), sent where the focus is."""
    focus = QApplication.focusWidget()
    assert focus is not None
    repeat = QKeyEvent(
        QEvent.Type.KeyPress, Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier, "\r", True
    )
    QApplication.sendEvent(focus, repeat)


@pytest.mark.parametrize("stopped", ["the read", "the import"])
def test_enter_held_on_stop_past_the_stop_s_end_neither_closes_nor_opens(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    stopped: str,
) -> None:
    """Review r12 #1: the read (or the import) stops at its next step, milliseconds after Enter
    on Stop, before the held key repeats: the end hid Stop under the focus, Qt gave the focus
    to the default button, Close, and the repeat closed Manage profiles. The focus goes to the
    list, where a repeat opens no profile either (another learner's, selected, was opened)."""
    awa = studying(window, services)
    path = binta_s_file(window, services, tmp_path)  # Binta: a profile without a PIN
    go = threading.Event()
    if stopped == "the read":
        read_held(monkeypatch, go)
    else:
        services.profiles.remove(the_profile(services, "Binta").id, force=True)
        services.profiles.add("Chloé", "fr")
        held(monkeypatch, go, ri.import_records)
    runner = ThreadPoolRunner(1)
    dialog, importer = read_from_dialog(qtbot, window, services, awa, runner, caplog)
    opened: list[Profile] = []
    dialog.switch_requested.connect(opened.append)
    importer.read(path)
    if stopped == "the import":
        qtbot.waitUntil(lambda: isinstance(dialog.form, FormDialog), timeout=30_000)
        dialog.form.ok.click()  # type: ignore[union-attr]  # into a new profile, Binta
    select(dialog, "Binta" if stopped == "the read" else "Chloé")
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    importer.cancel_button.setFocus()
    qtbot.waitUntil(importer.cancel_button.hasFocus)
    qtbot.keyClick(importer.cancel_button, Qt.Key.Key_Return)
    go.set()  # the read, or the import, sees its cancel at its next step
    assert runner.wait_idle(30_000)
    qtbot.waitUntil(lambda: not importer.busy, timeout=30_000)
    assert QApplication.focusWidget() is dialog.list
    held_enter_repeats(dialog)
    assert dialog.isVisible(), "the held Enter's repeat closed Manage profiles"
    assert opened == [] and dialog.form is None
    said = "Nothing was imported." if stopped == "the import" else ""
    assert seen(dialog.status.text()) == (
        said or f"Reading {path.name} stopped: nothing was imported."
    )


@pytest.mark.parametrize("found", ["the file wrong", "a bug of ours"])
def test_stop_then_the_read_fails_is_said_as_stopped_with_no_box(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch, caplog, found
) -> None:
    """Stop pressed after the read's last look at its cancel, then the file found wrong: an
    error box opened after the dialog had said "Stopping the reading…" (review r3). Stopped,
    as said; a bug of ours is still said, in its box, and logged with its traceback."""
    awa = studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    go = threading.Event()
    wrong = RecordsError(f"{path}: line 1: not JSON: Expecting value", RecordsFault.NOT_JSON)
    read_held(monkeypatch, go, wrong if found == "the file wrong" else RuntimeError("a bug"))
    runner = ThreadPoolRunner(1)
    dialog, importer = read_from_dialog(qtbot, window, services, awa, runner, caplog)
    importer.read(path)
    importer.cancel_button.click()
    assert seen(dialog.status.text()) == "Stopping the reading…"
    go.set()
    assert runner.wait_idle(30_000)
    qtbot.waitUntil(lambda: not importer.busy, timeout=30_000)
    if found == "a bug of ours":
        assert importer.message is not None
        [record] = caplog.records
        assert record.levelno == logging.ERROR and record.exc_info is not None
        importer.message.close()
        return
    assert importer.message is None, "a box after 'Stopping the reading…'"
    assert seen(dialog.status.text()) == f"Reading {path.name} stopped: nothing was imported."
    assert [r.getMessage() for r in caplog.records] == ["records file not read: stopped"]
    assert dialog.import_button.isEnabled()


def a_big_file(small: Path, total: int) -> Path:
    """`small`, a real export, grown to `total` statements (copies of its own, each its id):
    16 MB for 10,000, read and checked in about a second."""
    data = json.loads(small.read_text(encoding="utf-8"))
    own = data["statements"]
    data["statements"] = [{**own[n % len(own)], "id": str(uuid.uuid4())} for n in range(total)]
    data["delivered"] = []
    path = small.with_name("big.json")
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


class HeldInTheParse(threading.Event):
    """A read's cancel as the read sees it: each look the real one's, the read held at its
    first look from the parse (every 4096 objects made) until `go`, `reached` set then."""

    def __init__(self, cancel: threading.Event) -> None:
        super().__init__()
        self.cancel = cancel
        self.reached, self.go = threading.Event(), threading.Event()
        self.where: list[str] = []  # the function of each look: see test_records_file_stop

    def is_set(self) -> bool:
        self.where.append(sys._getframe(2).f_code.co_name)
        if self.where[-1] == "hook" and not self.reached.is_set():
            self.reached.set()
            assert self.go.wait(60)
        return self.cancel.is_set()


def test_stop_while_a_big_file_is_read_keeps_nothing_and_another_file_can_be_chosen(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, caplog, monkeypatch
) -> None:
    """While a file is read, the bar and Stop reading under the status line: pressed while the
    worker parses it (held there: the stop lands mid-read, not before the read began or after
    it ended), the read stops at its next step (ReadCancelled, said in the log), the status
    line says so in one line, no question is asked, and Import records… is there at once for
    another. The phases' looks are the unit tests' (test_records_file_stop)."""
    awa = studying(window, services)
    small = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    big = a_big_file(small, 1_000)  # 1.6 MB, some 8,000 objects: two looks from the parse
    read = uri.read_records_file
    looks: list[HeldInTheParse] = []

    def held_in_the_parse(file: Path, cancel: threading.Event) -> object:
        looks.append(HeldInTheParse(cancel))
        return read(file, looks[-1])

    monkeypatch.setattr(uri, "read_records_file", held_in_the_parse)
    runner = ThreadPoolRunner(1)
    dialog, importer = read_from_dialog(qtbot, window, services, awa, runner, caplog)
    importer.read(big)
    stop = importer.cancel_button
    assert importer.progress_row.isVisible() and stop.isEnabled()
    assert stop.text() == "S&top reading" and not dialog.import_button.isEnabled()
    try:
        qtbot.waitUntil(lambda: bool(looks) and looks[0].reached.is_set(), timeout=60_000)
        stop.click()  # the worker is parsing: its next look at the cancel stops it
    finally:
        for held_read in looks:
            held_read.go.set()
    qtbot.waitUntil(lambda: not importer.busy, timeout=60_000)
    assert runner.wait_idle(60_000)
    [looked] = looks
    assert looked.where.count("hook") == 1 and looked.where[-1] == "hook", "stopped in the parse"
    assert seen(dialog.status.text()) == "Reading big.json stopped: nothing was imported."
    assert [r.getMessage() for r in caplog.records] == ["records file not read: stopped"]
    assert dialog.form is None and not importer.progress_row.isVisible()
    assert dialog.import_button.isEnabled()

    importer.read(small)  # at once: another file
    qtbot.waitUntil(lambda: isinstance(dialog.form, FormDialog), timeout=30_000)
    assert seen(dialog.form.message.text()) == "binta.json holds 4 records of Binta."  # type: ignore[union-attr]
    dialog.form.reject()  # type: ignore[union-attr]
    assert runner.wait_idle(30_000)


def test_stop_while_the_records_held_here_are_looked_up_stops_there(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, caplog, monkeypatch
) -> None:
    """After the file, the read looks up which profiles hold its records here, 500 ids a
    query: 1 to 1.4 s for 80,000, and Stop was heard only once they were all looked up
    (review r7 #5). Stop is looked at between two queries now (ReadCancelled)."""
    awa = studying(window, services)
    small = binta_s_file(window, services, tmp_path)
    big = a_big_file(small, 1_200)  # three queries
    held_here = uri.held_here
    reached, go = threading.Event(), threading.Event()
    ended: list[str] = []

    def held_at_its_start(store, file, *cancel):  # type: ignore[no-untyped-def]
        reached.set()
        assert go.wait(60)  # Stop pressed meanwhile
        try:
            found = held_here(store, file, *cancel)
        except ReadCancelled:
            ended.append("stopped")
            raise
        ended.append("looked up")
        return found

    monkeypatch.setattr(uri, "held_here", held_at_its_start)
    runner = ThreadPoolRunner(1)
    dialog, importer = read_from_dialog(qtbot, window, services, awa, runner, caplog)
    importer.read(big)
    try:
        qtbot.waitUntil(reached.is_set, timeout=60_000)
        importer.cancel_button.click()
    finally:
        go.set()
    qtbot.waitUntil(lambda: not importer.busy, timeout=60_000)
    assert runner.wait_idle(60_000)
    assert ended == ["stopped"]
    assert seen(dialog.status.text()) == "Reading big.json stopped: nothing was imported."
    assert [r.getMessage() for r in caplog.records] == ["records file not read: stopped"]
    assert dialog.form is None and importer.message is None


def test_esc_after_stop_says_to_wait_for_the_import_to_stop(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch
) -> None:
    """Stop pressed (and greyed), Esc still said "…, or stop it." (review r9); before Stop, the
    sentence keeps its French."""
    awa = studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    go = threading.Event()
    held(monkeypatch, go, ri.import_records)
    runner = ThreadPoolRunner(1)
    dialog = importing_dialog(qtbot, window, services, awa, runner)
    qtbot.addWidget(dialog)
    dialog.importer.read(path)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: isinstance(dialog.form, FormDialog), timeout=30_000)
    dialog.form.ok.click()  # type: ignore[union-attr]  # into a new profile, Binta
    try:
        dialog.activateWindow()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert seen(dialog.status.text()) == WAIT
        services.translations.use("fr")
        try:
            french = "Attendez la fin de l'importation, ou arrêtez-la."
            qtbot.waitUntil(lambda: "Attendez" in dialog.status.text(), timeout=10_000)
            assert dialog.status.text().endswith(french)
        finally:
            services.translations.use("en")
        dialog.importer.cancel_button.click()  # type: ignore[union-attr]
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        assert dialog.isVisible()
        assert not dialog.importer.cancel_button.isEnabled()  # type: ignore[union-attr]
        assert seen(dialog.status.text()) == "Stopping the import… Wait for the import to stop."
    finally:
        go.set()
    qtbot.waitUntil(lambda: not dialog.importer.busy, timeout=30_000)  # type: ignore[union-attr]
    assert runner.wait_idle(30_000)
    assert seen(dialog.status.text()) == "Nothing was imported."


def test_a_failure_after_the_dialog_closed_is_logged_with_its_traceback(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch, caplog
) -> None:
    awa = studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    go = threading.Event()
    held(monkeypatch, go, RuntimeError("a bug in the import"))
    runner = ThreadPoolRunner(1)
    dialog = importing_dialog(qtbot, window, services, awa, runner)
    dialog.importer.read(path)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: isinstance(dialog.form, FormDialog), timeout=30_000)
    dialog.form.ok.click()  # type: ignore[union-attr]
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # as MainWindow's is
    dialog.close()  # closed by code (the application quitting): the import goes on
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not isValid(dialog)
    caplog.set_level(logging.WARNING, logger="player.ui.records_import")
    go.set()
    assert runner.wait_idle(30_000)
    qtbot.waitUntil(lambda: bool(caplog.records), timeout=30_000)
    [record] = caplog.records
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert str(record.exc_info[1]) == "a bug in the import"
