"""Quitting while a course's removal waits for its lock (another Cartable installs or updates
it): the removal's result came back through the event loop the quit had ended, so the removal
was dropped, silently, and the demo stayed marked removed though installed (never updated
again). The quit now waits for it and finishes it; a lock held past REMOVE_WAIT leaves the course
whole. The player's ThreadPoolRunner, run_gui's wind-down and stops, real courses in a real
library, and the lock another process's would be (ProcessLock)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

import player.ui.course_removal as course_removal
from player.app import quit_stops, wind_down
from player.library.course_switch import LOCKS
from player.settings import load_settings
from player.ui.getting_courses import GettingCourses
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.sync_controller import SyncController
from player.ui.tasks import SyncRunner, ThreadPoolRunner
from sync.interprocess import ProcessLock
from tests.ui.test_course_removal import (
    DEMO,
    answer_remove,
    choose_card,
    question,
    stored,
    with_toy,
)
from tests.ui.test_shell import studying


def removal_waiting(
    getting: GettingCourses, window: MainWindow, course_id: str, pool: ThreadPoolRunner
) -> None:
    """`course_id` asked about and Remove chosen, its lock another's: the removal waits."""
    choose_card(window, course_id)
    getting.remove_action.trigger()
    assert pool.wait_idle(60_000)  # what it frees, read on a worker
    QApplication.processEvents()
    answer_remove(question(getting))
    assert getting.removals.removing is not None


def quit_app(window: MainWindow, pool: ThreadPoolRunner, stops: list[Callable[[], None]]) -> bool:
    """What run_gui does once app.exec() returned (Ctrl+Q, the window's close button)."""
    window.close()
    window.close_course()
    return wind_down(pool, stops, [])


def held_by_another(
    services: ShellServices, monkeypatch: pytest.MonkeyPatch, course_id: str
) -> tuple[ProcessLock, threading.Event, threading.Event]:
    """`course_id`'s lock held as another process's would be; the removal's wait for it tells
    `waiting`, and the other Cartable lets go once `quitting` is set."""
    lock = ProcessLock(services.library.dir / LOCKS / f"{course_id}.lock")
    assert lock.acquire()
    waiting, quitting = threading.Event(), threading.Event()
    hold = services.library.hold

    def held_elsewhere(course_id: str, wait: float | None = None) -> object:
        if wait:  # the worker's wait: the other Cartable's install ends while this one quits
            waiting.set()
            assert quitting.wait(60)
            lock.release()
        return hold(course_id, wait=wait)

    monkeypatch.setattr(services.library, "hold", held_elsewhere)
    return lock, waiting, quitting


def test_a_removal_waiting_for_its_lock_is_finished_by_the_quit(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch
) -> None:
    getting, files = with_toy(window, services, tmp_path)
    pool = ThreadPoolRunner()
    monkeypatch.setattr(services.tasks, "run_task", pool.run_task)
    lock, waiting, quitting = held_by_another(services, monkeypatch, "toy")
    try:
        removal_waiting(getting, window, "toy", pool)
        qtbot.waitUntil(waiting.is_set, timeout=60_000)

        assert quit_app(window, pool, [quitting.set, *quit_stops(getting, [])])
    finally:
        quitting.set()
        lock.release()
    assert services.library.get("toy") is None, "removed, as asked before the quit"
    assert not (services.library.dir / "toy").exists()
    assert stored(services, files) == set(), "its files went with it"
    assert getting.removals.removing is None and getting.message_box is None
    free = lock.acquire()
    lock.release()
    assert free, "the course's lock let go"


def test_a_lock_held_past_the_wait_leaves_the_course_whole_and_the_demo_not_marked_removed(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    studying(window, services)
    getting = GettingCourses(window, services)
    demo = services.library.get(DEMO)
    assert demo is not None
    files = set(demo.course.files())
    pool = ThreadPoolRunner()
    monkeypatch.setattr(services.tasks, "run_task", pool.run_task)
    monkeypatch.setattr(course_removal, "REMOVE_WAIT", 0.2)
    lock = ProcessLock(services.library.dir / LOCKS / f"{DEMO}.lock")  # as another process's
    assert lock.acquire()
    caplog.set_level(logging.INFO, logger="player.ui.course_removal")
    try:
        removal_waiting(getting, window, DEMO, pool)
        assert load_settings(services.context.paths.settings_file).demo_removed
        assert quit_app(window, pool, quit_stops(getting, []))
    finally:
        lock.release()
    assert services.library.get(DEMO) is not None, "nothing of it removed"
    assert stored(services, files) == files
    assert not load_settings(services.context.paths.settings_file).demo_removed, (
        "installed, so updated again"
    )
    assert getting.removals.removing is None
    assert getting.message_box is None, "no box once the window has closed"
    said = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert said == [
        "quitting: course not removed: “\u2068Les MOOC\u2069” was not removed: another "
        "\u2068Cartable\u2069 "
        "on this computer is installing or updating it. Try again once it has finished."
    ]


def test_no_sync_run_starts_while_the_quit_waits_for_a_removal(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch
) -> None:
    """The removal's wait at quit runs an event loop: finished first (in getting.stop), the
    sync, not stopped yet, had its timers fire there and started runs after the learner quit
    (r2: a retry due 10 ms into the quit was asked for). run_gui's stops finish it last."""
    getting, files = with_toy(window, services, tmp_path)
    pool = ThreadPoolRunner()
    monkeypatch.setattr(services.tasks, "run_task", pool.run_task)
    lock, waiting, quitting = held_by_another(services, monkeypatch, "toy")
    sync = SyncController(services.context, services.store, SyncRunner())
    asked: list[bool] = []
    monkeypatch.setattr(sync, "request", lambda force=False: asked.append(force))
    try:
        removal_waiting(getting, window, "toy", pool)
        qtbot.waitUntil(waiting.is_set, timeout=60_000)
        sync.poll_timer.start()
        sync.retry_timer.start(10)  # a retry due while the quit waits
        QTimer.singleShot(200, quitting.set)  # the other Cartable lets go after it was due

        assert quit_app(window, pool, quit_stops(getting, [sync]))
    finally:
        quitting.set()
        lock.release()
        sync.close()
    assert asked == [], "no sync run asked for once the learner had quit"
    assert services.library.get("toy") is None, "removed, as asked before the quit"
    assert stored(services, files) == set()
