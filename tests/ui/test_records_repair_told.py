"""The player tells the learner of every repair of their records file, whoever made it: a
headless command (its stderr may have been a cron job's), or a player that quit before its window
said it. Before, the report was gone once anything had opened the records: a `cartable download`
run first, and the learner never heard that their records were restored from an older backup.

Real damaged records files (tests/unit/test_commands_records_repair.py), the real `python -m
player` first, then the window as `run_gui` opens it (`Store.untold_recoveries`,
`tell_recoveries`)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from player.app import build_services, show_window
from player.paths import Paths
from player.store.backups import list_backups
from player.store.recovery import untold, untold_path
from player.ui.i18n import date_time_text
from player.ui.main_window import MainWindow
from player.ui.records_damage import tell_recoveries, tell_repairs
from player.ui.shell import ShellServices
from player.ui.tasks import SyncRunner
from player.ui.theme import Theme
from tests.unit.test_commands_records_repair import DAMAGE, cartable, damage, installation


def _start(qapp: QApplication, paths: Paths) -> ShellServices:
    return build_services(qapp, paths, SyncRunner(), backup_every=None)


def _boxes(window: MainWindow) -> list[QMessageBox]:
    return [box for box in window.findChildren(QMessageBox) if box.isVisible()]


def _close(box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.Ok).click()
    QApplication.processEvents()


@pytest.mark.parametrize("how", DAMAGE)
def test_a_repair_a_command_made_is_told_at_the_next_start_then_no_more(
    qapp: QApplication,
    qtbot,  # type: ignore[no-untyped-def]
    paths: Paths,
    theme: Theme,
    how: str,
) -> None:
    backup = installation(paths)
    damage(paths.database, how)
    assert cartable("download", "--list")[0] == 0  # said the repair, on a terminal
    assert cartable("profiles", "list")[0] == 0  # another command: nothing said again
    (report,) = untold(paths.database)
    services = _start(qapp, paths)
    try:
        assert services.store.recovery is None  # repaired before this start
        untold_now = services.store.untold_recoveries()
        assert untold_now == [report]
        window = MainWindow(services)
        qtbot.addWidget(window)
        tell_recoveries(untold_now, services.store, window)
        (box,) = _boxes(window)
        (taken,) = [b.taken_at for b in list_backups(paths.backups) if b.path == backup]
        when = date_time_text(taken)
        assert box.windowTitle() == "Records restored"
        assert box.text() == (
            "Your learning records file was damaged. It was set aside (nothing was deleted) and"
            f" your records were restored from the backup of {when}."
        )
        assert box.informativeText().endswith(
            f"The damaged file is kept at: \u2068{report.damaged_file}\u2069"
        )
        assert untold_path(paths.database).exists()  # shown, not yet read
        _close(box)
        assert not untold_path(paths.database).exists()
        assert services.store.untold_recoveries() == []
    finally:
        services.store.close()
    services = _start(qapp, paths)
    try:
        assert services.store.untold_recoveries() == []
    finally:
        services.store.close()


def test_a_repair_the_player_made_without_showing_it_is_told_at_the_next_start(
    qapp: QApplication,
    qtbot,  # type: ignore[no-untyped-def]
    paths: Paths,
    theme: Theme,
) -> None:
    """The player repaired the file and quit (or was killed) before its window said it."""
    installation(paths)
    damage(paths.database, "header")
    services = _start(qapp, paths)
    report = services.store.recovery
    assert report is not None
    services.store.close()
    services = _start(qapp, paths)
    try:
        assert services.store.recovery is None
        assert services.store.untold_recoveries() == [report]
        window = MainWindow(services)
        qtbot.addWidget(window)
        tell_recoveries(services.store.untold_recoveries(), services.store, window)
        (box,) = _boxes(window)
        assert str(report.damaged_file) in box.informativeText()
        _close(box)
        assert services.store.untold_recoveries() == []
    finally:
        services.store.close()


def test_two_repairs_before_the_player_starts_are_told_one_after_the_other(
    qapp: QApplication,
    qtbot,  # type: ignore[no-untyped-def]
    paths: Paths,
    theme: Theme,
) -> None:
    installation(paths)
    damage(paths.database, "garbage")
    assert cartable("records", "stats")[0] == 0
    damage(paths.database, "truncated")
    assert cartable("records", "stats")[0] == 0
    first, second = untold(paths.database)
    assert first.damaged_file != second.damaged_file
    services = _start(qapp, paths)
    try:
        window = MainWindow(services)
        qtbot.addWidget(window)
        tell_recoveries(services.store.untold_recoveries(), services.store, window)
        (box,) = _boxes(window)
        assert str(first.damaged_file) in box.informativeText()
        _close(box)
        assert untold(paths.database) == [second]
        (box,) = _boxes(window)
        assert str(second.damaged_file) in box.informativeText()
        _close(box)
        assert _boxes(window) == [] and services.store.untold_recoveries() == []
    finally:
        services.store.close()


def test_the_start_tells_a_repair_a_command_made(
    qapp: QApplication,
    qtbot,  # type: ignore[no-untyped-def]
    paths: Paths,
    theme: Theme,
) -> None:
    """`run_gui`'s start once its window is made (`show_window`, then `tell_repairs`). Told only
    from this start's own repair (`store.recovery`), a command's went unsaid: this start
    repaired nothing; and the call in `run_gui` was untested (deleting it failed no test)."""
    installation(paths)
    damage(paths.database, "garbage")
    assert cartable("profiles", "list")[0] == 0
    (report,) = untold(paths.database)
    services = _start(qapp, paths)
    try:
        assert services.store.recovery is None
        window = MainWindow(services)
        qtbot.addWidget(window)
        painted: list[bool] = []
        show_window(window, services, lambda: painted.append(True))
        qtbot.waitUntil(lambda: len(_boxes(window)) == 1)
        assert window.isVisible()
        (box,) = _boxes(window)
        assert box.informativeText().endswith(
            f"The damaged file is kept at: \u2068{report.damaged_file}\u2069"
        )
        _close(box)
        assert untold(paths.database) == []
        tell_repairs(services.store, window)  # the next start: nothing to tell
        QApplication.processEvents()
        assert _boxes(window) == []
        qtbot.waitUntil(lambda: painted == [True])
    finally:
        services.store.close()
