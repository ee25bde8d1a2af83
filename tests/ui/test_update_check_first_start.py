"""The update check on a first start (learner's-eye run f4 #3): the log said "looking for course
updates in the catalogs" twice, 1 ms apart, once the first profile was created. Opening it
said "studying" twice (the library read, then the page shown), and each asked for a read: the
second was dropped, the first running, but logged. The real window, chooser and downloads
controller, on the production thread pool as the app runs them (a read ends on a worker, after
the profile is open)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from tests.ui.downloads_support import attach

GUARD_MS = 20_000


def said(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "player.ui.update_check"]


@pytest.fixture
def runner() -> Iterator[ThreadPoolRunner]:
    threads = ThreadPoolRunner()
    yield threads
    threads.wait_idle(GUARD_MS)


def test_creating_the_first_profile_starts_one_update_check_logged_once(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, runner: ThreadPoolRunner, caplog
) -> None:
    caplog.set_level(logging.INFO, logger="player.ui.update_check")
    window.start()  # a first start: who is studying?
    page = window.profile_page
    assert page is not None
    getting, controller = attach(window, services, tasks=runner)
    reads: list[bool] = []
    controller.browser.busy.connect(lambda busy: busy and reads.append(busy))
    assert getting.updates is not None
    getting.updates.start(first_ms=0)  # the downloads started, the first look passed
    qtbot.wait(50)
    assert not reads, "nothing read over the chooser"

    qtbot.keyClicks(page.name, "Awa")
    qtbot.keyClick(page.name, Qt.Key.Key_Return)
    assert window.is_studying()
    qtbot.waitUntil(lambda: not controller.browser.reading(), timeout=GUARD_MS)
    assert said(caplog) == ["looking for course updates in the catalogs"]
    assert reads == [True], "one read"
    assert services.context.settings.updates_checked_at > 0, "its end is the check"
    assert not getting.updates.consider(), "none due again"
    assert len(said(caplog)) == 1 and reads == [True]
    controller.stop()
