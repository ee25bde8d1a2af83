"""Quitting the player while a sync run is in flight against an LRS that hangs: in its name
lookup, after accepting the connection (never answers), or trickling its answer a byte at a
time. The quit (player.app.wind_down, as run_gui calls it) ends the run while the server still
holds it (checked by what could end it, not by the wall clock: timings live in benchmarks/);
the statements sent stay queued, untouched (no answer, no backoff written); the engine's
connection is never closed under its thread; and the next start sends them. Real servers, the
real records store, the real task runner (threads)."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from player.app import wind_down
from player.store import Store
from player.ui.sync_controller import SyncController
from player.ui.tasks import ThreadPoolRunner
from sync.http import Timeouts
from sync.outbox import Outbox
from tests.e2e.sync_support import Learner, append_frozen, extra_statement, make_learner
from tests.hung_dns import HUNG, HungDns, hung_dns  # noqa: F401 (a fixture)
from tests.slow_lrs import Mode, SlowLrs
from tests.ui.unit_support import events_handled

STATEMENTS = 3
QUIT_WAIT_MS = 10_000
"""The quit's wait in these tests: far from what else could end the run (the server holding
the request until released, the 60 s timeouts given), not a measure of 'at once'."""
LONG = Timeouts(connect=60.0, read=60.0)


def troubles(caplog: pytest.LogCaptureFixture) -> list[str]:
    """Errors logged, and any word of a closed database (a warning at quit included)."""
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno >= logging.ERROR or "closed database" in r.getMessage()
    ]


class Online:
    """A network source that is always online (QNetworkInformation is not wanted here)."""

    def is_online(self) -> bool:
        return True

    def is_metered(self) -> bool:
        return False

    def watch(self, changed: Callable[[], None]) -> None:
        pass


def running_timers(controller: SyncController) -> list[str]:
    """The controller's timers still set: each would start a run later, after the quit."""
    timers = ("interval_timer", "retry_timer", "probe_timer", "poll_timer")
    return [name for name in timers if getattr(controller, name).isActive()]


@pytest.fixture
def runner() -> Iterator[ThreadPoolRunner]:
    threads = ThreadPoolRunner()
    yield threads
    threads.wait_idle(30_000)


def waits_asked(monkeypatch: pytest.MonkeyPatch, runner: ThreadPoolRunner) -> list[int]:
    """runner.wait_idle (the real one) noting each wait it is asked for, in ms."""
    asked: list[int] = []
    wait_idle = runner.wait_idle

    def noting(timeout_ms: int = -1) -> bool:
        asked.append(timeout_ms)
        return wait_idle(timeout_ms)

    monkeypatch.setattr(runner, "wait_idle", noting)
    return asked


def rows(learner: Learner) -> list[tuple[str, str, int, float | None]]:
    """Each statement's (id, state, attempts, delivered_at), read on a connection of its own
    after everything closed."""
    store = Store.open(learner.context.paths)
    try:
        return [
            (r.id, r.state, r.attempts, r.delivered_at)
            for r in store.outbox.iter_rows(learner.profile.id)
        ]
    finally:
        store.close()


def quit_mid_sync(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    runner: ThreadPoolRunner,
    lrs: SlowLrs,
    endpoint: str,
    started: threading.Event,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[Learner, bool, list[str]]:
    """Start a sync (60 s timeouts), quit once its request hangs; whether the run stopped
    within the quit's wait (QUIT_WAIT_MS here: while the server still holds the request, not
    left behind), and the statements."""
    monkeypatch.setattr("player.app.QUIT_WAIT_MS", QUIT_WAIT_MS)
    learner = make_learner(tmp_path / "home", endpoint, "learner", "secret")
    ids = append_frozen(learner, [extra_statement(learner, n) for n in range(STATEMENTS)])
    controller = SyncController(learner.context, learner.store, runner, network=Online())  # type: ignore[arg-type]
    controller.sync.timeouts = LONG
    controller.start()
    assert started.wait(5), "the sync never reached the server"
    time.sleep(0.3)  # well into the hung request
    assert runner.pool.activeThreadCount() == 1, "the run is not under way"
    asked = waits_asked(monkeypatch, runner)
    idle = wind_down(runner, [controller.stop], [controller.close, learner.store.close])
    assert asked == [QUIT_WAIT_MS]
    lrs.release.set()  # the network recovers: a thread left behind would now write
    runner.wait_idle(30_000)
    events_handled(qtbot)  # and its result, posted to the main thread, is handled
    assert not running_timers(controller), "a run left to start later"
    assert not troubles(caplog)
    return learner, idle, ids


def next_start_sends_them(learner: Learner, lrs: SlowLrs, ids: list[str]) -> None:
    """The statements were left queued as they were, and the next start sends them."""
    assert rows(learner) == [(i, "queued", 0, None) for i in ids]
    lrs.mode = "answer"
    store = Store.open(learner.context.paths)
    try:
        store.start()
        controller = SyncController(learner.context, store, ThreadPoolRunner(), network=Online())  # type: ignore[arg-type]
        report = controller.sync.push(force=True)
        controller.close()
    finally:
        store.close()
    assert report.delivered == STATEMENTS
    assert lrs.answered == set(ids)
    assert all(r[1] == "delivered" for r in rows(learner))


@pytest.mark.parametrize("mode", ["stall", "trickle"])
def test_quit_while_the_lrs_holds_the_request_leaves_at_once_and_loses_nothing(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    runner: ThreadPoolRunner,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
    mode: Mode,
) -> None:
    lrs = SlowLrs(mode)
    try:
        learner, idle, ids = quit_mid_sync(
            qtbot, tmp_path, runner, lrs, lrs.url(), lrs.arrived, caplog, monkeypatch
        )
        # The run stopped (the server still holds its request): not the quit giving up on it.
        assert idle, "the run did not stop"
        next_start_sends_them(learner, lrs, ids)
    finally:
        lrs.stop()


def test_quit_while_the_lrs_name_does_not_resolve_leaves_at_once_and_loses_nothing(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    runner: ThreadPoolRunner,
    caplog: pytest.LogCaptureFixture,
    hung_dns: HungDns,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lrs = SlowLrs("answer")
    try:
        learner, idle, ids = quit_mid_sync(
            qtbot, tmp_path, runner, lrs, lrs.url(HUNG), hung_dns.entered, caplog, monkeypatch
        )
        # The run stopped (the name still does not resolve): not the quit giving up on it.
        assert idle, "the run did not stop"
        hung_dns.settle()
        assert lrs.requests == []  # the lookup answered late: nothing was sent after the quit
        next_start_sends_them(learner, lrs, ids)
    finally:
        lrs.stop()


def test_a_run_that_cannot_stop_in_time_keeps_its_connection_until_it_ends(
    qtbot,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    runner: ThreadPoolRunner,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Something no stop reaches (here the POST itself blocks on an event): the quit gives up
    waiting after its bound, and closing the sync leaves the engine's database connection to
    its thread, which closes it when the run ends: its writes land, no 'closed database'."""
    lrs = SlowLrs("answer")
    blocked = threading.Event()
    go = threading.Event()
    post = Outbox.mark_retry

    def held_write(self: Outbox, *args: object, **kwargs: object) -> None:
        blocked.set()
        go.wait()
        post(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Outbox, "mark_retry", held_write)
    monkeypatch.setattr("player.app.QUIT_WAIT_MS", 300)
    lrs.mode = "stall"
    try:
        learner = make_learner(tmp_path / "home", lrs.url(), "learner", "secret")
        append_frozen(learner, [extra_statement(learner, n) for n in range(STATEMENTS)])
        controller = SyncController(learner.context, learner.store, runner, network=Online())  # type: ignore[arg-type]
        controller.sync.timeouts = Timeouts(connect=1.0, read=0.5)
        controller.start()
        assert blocked.wait(5)
        asked = waits_asked(monkeypatch, runner)
        idle = wind_down(runner, [controller.stop], [controller.close, learner.store.close])
        # Gave up while the run is held for good, after the 0.3 s given, not the default 2 s.
        assert not idle and asked == [300]
        go.set()
        assert runner.wait_idle(5000)
        events_handled(qtbot)  # the run's result, posted to the main thread, handled
        assert not running_timers(controller), "a run left to start later"
        assert not troubles(caplog)
        assert [r[1:] for r in rows(learner)] == [("queued", 1, None)] * STATEMENTS
    finally:
        go.set()
        lrs.stop()
