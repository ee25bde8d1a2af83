"""Import records… on the player's own task runner (ThreadPoolRunner: the other tests' SyncRunner
runs the worker on the UI thread, where no signal is queued at all): the progress told on the
worker and shown on the UI thread, Stop pressed from the keyboard, the dialog deleted and the
application quitting while the worker imports. The real import, held after its first record."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import SIGNAL, QEvent, Qt, QThread
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

import player.records_import as ri
from player.app import wind_down
from player.ui.form_dialog import FormDialog
from player.ui.main_window import MainWindow
from player.ui.profiles_dialog import ProfilesDialog
from player.ui.records_import import RecordsImport
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from tests.ui.test_profiles import seen, studying
from tests.ui.test_records_import import binta_s_file, everything, the_profile
from tests.ui.test_records_import_busy import importing_dialog, read_from_dialog, read_held

Told = list[tuple[int, int, bool]]  # records done, their number, told on the UI thread


def on_ui_thread() -> bool:
    app = QApplication.instance()
    return app is not None and QThread.currentThread() is app.thread()


def held(monkeypatch: pytest.MonkeyPatch, go: threading.Event, told: Told) -> None:
    """The real import, its progress noted, held after its first record until `go`."""
    real = ri.import_records

    def holding(*args, **kwargs):  # type: ignore[no-untyped-def]
        tell = kwargs["progress"]

        def progress(done: int, total: int) -> None:
            told.append((done, total, on_ui_thread()))
            tell(done, total)
            if done >= 1:
                assert go.wait(60)

        kwargs["progress"] = progress
        return real(*args, **kwargs)

    monkeypatch.setattr(ri, "import_records", holding)


class Importing:
    """Binta's file (her profile gone) imported from Awa's Manage profiles into a new profile,
    on a pool of one worker, held after its first record."""

    def __init__(self, qtbot, window, services, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.services = qtbot, services
        awa = studying(window, services)
        path = binta_s_file(window, services, tmp_path)
        services.profiles.remove(the_profile(services, "Binta").id, force=True)
        self.before = everything(services.store.conn)
        self.go, self.told = threading.Event(), []
        held(monkeypatch, self.go, self.told)
        self.runner = ThreadPoolRunner(1)
        self.dialog: ProfilesDialog = importing_dialog(qtbot, window, services, awa, self.runner)
        importer = self.dialog.importer
        assert importer is not None
        self.importer: RecordsImport = importer
        importer.read(path)
        qtbot.waitUntil(lambda: isinstance(self.dialog.form, FormDialog), timeout=30_000)

    def start(self) -> None:
        """The import asked for, and waiting after its first record."""
        form = self.dialog.form
        assert form is not None
        form.ok.click()
        self.qtbot.waitUntil(lambda: self.importer.bar.value() >= 1, timeout=30_000)

    def finish(self) -> None:
        """The worker let go, and its outcome delivered to the UI thread."""
        self.go.set()
        assert self.runner.wait_idle(30_000)
        if isValid(self.dialog):
            self.qtbot.waitUntil(lambda: not self.importer.busy, timeout=30_000)
        QApplication.processEvents()

    def profiles(self) -> list[str]:
        return [p.name for p in self.services.profiles.all()]


@pytest.fixture()
def importing(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch
) -> Iterator[Importing]:  # type: ignore[no-untyped-def]
    run = Importing(qtbot, window, services, tmp_path, monkeypatch)
    yield run
    run.go.set()  # a failed test never leaves the worker waiting (each test finishes its own)
    run.runner.wait_idle(30_000)


def test_the_progress_told_on_the_worker_is_shown_on_the_ui_thread(
    importing: Importing,
) -> None:
    importer = importing.importer
    shown: list[bool] = []
    importer.bar.valueChanged.connect(lambda _value: shown.append(on_ui_thread()))
    importing.start()
    assert importer.count.text().startswith("1 of ")
    importing.finish()
    assert importing.told and not any(ui for *_, ui in importing.told), "told on the worker"
    assert shown and all(shown), "shown on the UI thread"
    assert seen(importing.dialog.status.text()).startswith("4 records added to Binta.")


def test_stop_pressed_from_the_keyboard_rolls_the_import_back(importing: Importing) -> None:
    importer = importing.importer
    importing.start()
    importer.cancel_button.setFocus()
    importing.qtbot.keyClick(importer.cancel_button, Qt.Key.Key_Space)
    assert seen(importing.dialog.status.text()) == "Stopping the import…"
    importing.finish()
    assert seen(importing.dialog.status.text()) == "Nothing was imported."
    assert everything(importing.services.store.conn) == importing.before
    assert importing.profiles() == ["Awa"]


def test_tab_reaches_stop_while_importing(importing: Importing) -> None:
    importing.start()
    dialog = importing.dialog
    reached, widget = [], dialog.nextInFocusChain()
    while widget is not dialog:
        if (
            widget.isVisibleTo(dialog)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ):
            reached.append(widget)
        widget = widget.nextInFocusChain()
    importing.finish()
    assert importing.importer.cancel_button in reached


def test_the_dialog_deleted_mid_import_the_import_still_commits(
    importing: Importing, caplog: pytest.LogCaptureFixture
) -> None:
    """Closing Manage profiles is no Stop: the import stands, with nothing left to show it in,
    and no deleted object is signalled from the worker (a warning, the import failed)."""
    importing.start()
    dialog = importing.dialog
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not isValid(dialog)
    gc.collect()
    caplog.set_level(logging.INFO)
    importing.finish()
    for _ in range(5):
        QApplication.processEvents()
    assert [r for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert "Binta" in importing.profiles()
    assert quit_receivers() == 0, "the quit let go of the import once it ended"


def quit_receivers() -> int:
    app = QApplication.instance()
    assert app is not None
    return app.receivers(SIGNAL("aboutToQuit()"))


def test_quitting_mid_import_stops_it_rolled_back(importing: Importing) -> None:
    """The quit waits for the workers only so long (app.wind_down: QUIT_WAIT_MS), then leaves
    cutting an import off midway: it stops the import first, at its next record, rolled back
    (a new profile made for the file with it)."""
    assert quit_receivers() == 0
    importing.start()
    assert quit_receivers() == 1
    app = QApplication.instance()
    assert app is not None
    app.aboutToQuit.emit()  # as app.exec() does before it returns, then run_gui winds down
    importing.go.set()
    assert wind_down(importing.runner, [], [])
    importing.finish()
    assert everything(importing.services.store.conn) == importing.before
    assert importing.profiles() == ["Awa"]
    assert seen(importing.dialog.status.text()) == "Nothing was imported."
    assert quit_receivers() == 0


def test_an_import_ended_leaves_the_quit_alone(importing: Importing) -> None:
    importing.start()
    importing.finish()
    assert "Binta" in importing.profiles()
    assert quit_receivers() == 0


def test_quitting_while_a_file_is_read_stops_the_read(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch, caplog
) -> None:
    """The quit stops a read as it stops an import (the quit's wait for the workers is short):
    at the read's next look at its cancel, nothing of the file kept, no question asked; and
    once the read has ended, the quit lets go of it."""
    awa = studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    go = threading.Event()
    read_held(monkeypatch, go)
    runner = ThreadPoolRunner(1)
    dialog, importer = read_from_dialog(qtbot, window, services, awa, runner, caplog)
    assert quit_receivers() == 0
    try:
        importer.read(path)
        assert quit_receivers() == 1
        app = QApplication.instance()
        assert app is not None
        app.aboutToQuit.emit()  # as app.exec() does before it returns, then run_gui winds down
    finally:
        go.set()
    assert wind_down(runner, [], [])
    qtbot.waitUntil(lambda: not importer.busy, timeout=30_000)
    assert [r.getMessage() for r in caplog.records] == ["records file not read: stopped"]
    assert dialog.form is None and importer.message is None
    assert quit_receivers() == 0
