"""SyncScheduler: runs at start, when the network comes back, when triggered, when due."""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator

import pytest

from sync.conditions import Reachability
from sync.engine import ProfileReport, SyncReport, SyncScheduler

WAIT_S = 30.0


class Runs:
    def __init__(self, next_attempt_in: float | None = None) -> None:
        self.calls: queue.Queue[bool] = queue.Queue()
        self.next_attempt_in = next_attempt_in

    def __call__(self, force: bool) -> SyncReport:
        self.calls.put(force)
        return SyncReport("done", 0.0, 0.0)

    def next(self) -> bool:
        return self.calls.get(timeout=WAIT_S)

    def none_pending(self) -> bool:
        return self.calls.empty()


@pytest.fixture
def started() -> Iterator[tuple[Runs, Reachability, SyncScheduler]]:
    runs, reach = Runs(), Reachability(online=False)
    scheduler = SyncScheduler(runs, reach, interval=3600.0, poll=0.01)
    cancel = threading.Event()
    thread = threading.Thread(target=scheduler.loop, args=(cancel,))
    thread.start()
    yield runs, reach, scheduler
    cancel.set()
    thread.join(timeout=WAIT_S)
    assert not thread.is_alive()


def test_waits_offline_then_runs_forced_when_the_network_returns(
    started: tuple[Runs, Reachability, SyncScheduler],
) -> None:
    runs, reach, _ = started
    assert runs.none_pending()
    reach.set_online(True)
    assert runs.next() is True


def test_trigger_runs_forced_and_the_interval_holds_otherwise(
    started: tuple[Runs, Reachability, SyncScheduler],
) -> None:
    runs, reach, scheduler = started
    reach.set_online(True)
    assert runs.next() is True
    scheduler.trigger()
    assert runs.next() is True
    reach.set_online(False)
    reach.set_online(True)
    assert runs.next() is True
    assert runs.none_pending()  # an hour until the next periodic run


def test_a_retry_due_soon_runs_unforced() -> None:
    reach = Reachability(online=True)
    done = threading.Event()
    forces: list[bool] = []

    def run(force: bool) -> SyncReport:
        forces.append(force)
        if len(forces) == 2:
            done.set()
        waiting = ProfileReport("p", 0, (), 1, 0, "retry", "HTTP 503", next_attempt_at=0.0)
        return SyncReport("waiting", 0.0, 0.0, (waiting,))

    scheduler = SyncScheduler(run, reach, interval=3600.0, poll=0.01)
    cancel = threading.Event()
    thread = threading.Thread(target=scheduler.loop, args=(cancel,))
    thread.start()
    assert done.wait(WAIT_S)
    cancel.set()
    thread.join(timeout=WAIT_S)
    assert forces[:2] == [True, False]


def test_a_step_that_raises_is_logged_and_the_loop_goes_on(
    caplog: pytest.LogCaptureFixture,
) -> None:
    reach = Reachability(online=True)
    done = threading.Event()
    calls: list[bool] = []

    def run(force: bool) -> SyncReport:
        calls.append(force)
        if len(calls) == 1:
            raise OverflowError("a lying server")
        done.set()
        return SyncReport("done", 0.0, 0.0)

    scheduler = SyncScheduler(run, reach, interval=3600.0, poll=0.01, error_delay=0.05)
    cancel = threading.Event()
    thread = threading.Thread(target=scheduler.loop, args=(cancel,))
    with caplog.at_level("ERROR", logger="sync.engine"):
        thread.start()
        assert done.wait(WAIT_S)
        assert thread.is_alive()
        cancel.set()
        thread.join(timeout=WAIT_S)
    assert calls == [True, False]
    assert "a lying server" in caplog.text
