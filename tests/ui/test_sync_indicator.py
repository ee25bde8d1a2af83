"""SyncController's decisions, with a scripted sync in place of the network (offscreen Qt).

The real LRS is exercised in tests/e2e/test_sync_gui.py; here each report is scripted, so a test
can ask exactly when a run is forced past the backoff and what the indicator says.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

import pytest

from player.context import open_context
from player.paths import Paths
from player.player_sync import Applied, Pulled, PullRequest
from player.store import Store
from player.ui.sync_indicator import SyncController, SyncIndicator
from player.ui.tasks import SyncRunner
from sync.engine import ProfileReport, Refused, SyncReport
from sync.outbox import write_transaction
from sync.reachability import ReachabilityProbe, Target

NETWORK_ERROR = "ConnectionError: ('Connection aborted.', RemoteDisconnected(...))"


class ScriptedSync:
    """What SyncController needs of PlayerSync; `push` answers `self.report`, records `force`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = type("Engine", (), {"reachability": None, "on_progress": None})()
        self.forces: list[bool] = []
        self.report = SyncReport("done", 0.0, 0.0)
        self.pulled: list[Pulled] = []
        self.successes: list[float] = []
        self.credentials = None

    def push(
        self, cancel: threading.Event | None = None, *, force: bool = False, **_: object
    ) -> SyncReport:
        self.forces.append(force)
        return self.report

    def pull_requests(self, store: Store) -> list[PullRequest]:
        return []

    def pull(self, requests: Sequence[PullRequest]) -> list[Pulled]:
        return self.pulled

    def apply(self, store: Store, pulled: Sequence[Pulled]) -> list[Applied]:
        return []

    def note_success(self, moment: float) -> None:
        self.successes.append(moment)

    def last_success(self) -> float | None:
        return None

    def close(self) -> None:
        pass


class ManualHost:
    """A TCP probe target that answers or not, as the test says."""

    def __init__(self) -> None:
        self.up = True

    def connect(self, target: Target, timeout: float) -> None:
        if not self.up:
            raise OSError("unreachable")


@pytest.fixture
def store(paths: Paths) -> Iterator[Store]:
    opened = Store.open(paths)
    opened.start()
    yield opened
    opened.close()


@pytest.fixture
def controlled(
    qapp: object, paths: Paths, store: Store
) -> Iterator[tuple[SyncController, ScriptedSync, ManualHost]]:
    sync = ScriptedSync(store)
    controller = SyncController(open_context(paths), store, SyncRunner(), sync=sync)  # type: ignore[arg-type]
    host = ManualHost()
    controller.probe = ReachabilityProbe(
        controller.reachability, lambda: [("lrs.test", 443)], connect=host.connect
    )
    yield controller, sync, host
    controller.stop()


def network_failure() -> SyncReport:
    waiting = ProfileReport("p", 0, (), 3, 0, "retry", NETWORK_ERROR, next_attempt_at=9e9)
    return SyncReport("waiting", 0.0, 0.0, (waiting,))


def test_probe_reaching_the_host_while_online_keeps_the_backoff(
    controlled: tuple[SyncController, ScriptedSync, ManualHost],
) -> None:
    controller, sync, _ = controlled
    sync.report = network_failure()  # the host takes TCP, the HTTP request dies
    controller.request(force=True)
    assert controller.probe_timer.isActive()
    for _ in range(3):
        controller.probe_timer.timeout.emit()  # TCP answers, and the device was online
    assert sync.forces == [True, False, False, False]  # no POST every 5 s past the backoff


def test_probe_seeing_the_network_come_back_forces_a_run(
    controlled: tuple[SyncController, ScriptedSync, ManualHost],
) -> None:
    controller, sync, host = controlled
    sync.report = network_failure()
    controller.request(force=True)
    host.up = False
    controller.probe_timer.timeout.emit()  # the device is offline
    assert not controller.reachability.online and sync.forces == [True]
    host.up = True
    controller.probe_timer.timeout.emit()  # and back: what waited goes now
    assert sync.forces == [True, True]


def test_last_successful_sync_moves_only_on_a_run_that_left_nothing_refused_or_failed(
    controlled: tuple[SyncController, ScriptedSync, ManualHost],
) -> None:
    controller, sync, _ = controlled
    refused = Refused("p", "s-1", 400, "version not supported")
    sync.report = SyncReport("done", 0.0, 10.0, (ProfileReport("p", 4, (refused,), 0, 1, None),))
    controller.request(force=True)
    stopped = ProfileReport("p", 0, (), 2, 0, "unexpected", "HTTP 400: refused")
    sync.report = SyncReport("stopped", 0.0, 20.0, (stopped,), "HTTP 400: refused")
    controller.request(force=True)
    sync.report = SyncReport("done", 0.0, 30.0, (ProfileReport("p", 4, (), 0, 0, None),))
    sync.pulled = [Pulled("p", None, "HTTP 500")]  # the grades could not be read
    controller.request(force=True)
    assert sync.successes == []
    sync.pulled = []
    controller.request(force=True)
    assert sync.successes == [30.0]


def test_statements_refused_by_the_lrs_do_not_read_as_up_to_date(
    controlled: tuple[SyncController, ScriptedSync, ManualHost], store: Store
) -> None:
    controller, _, _ = controlled
    indicator = SyncIndicator(controller)
    assert indicator.text() == "Up to date"
    with write_transaction(store.conn):
        store.outbox.append("p", "s-1", b'{"id": "s-1"}', 0.0)
    store.outbox.mark_poison("s-1", "HTTP 400: version not supported")
    controller.request(force=False)
    assert controller.status().kind == "refused"
    assert indicator.text() == "1 refused"
    assert "Refused by the server: 1" in indicator.toolTip()


def test_send_again_queues_the_chosen_refused_statements_in_their_order_and_syncs(
    controlled: tuple[SyncController, ScriptedSync, ManualHost], store: Store
) -> None:
    from player.ui.sync_panel import SyncPanel

    controller, sync, _ = controlled
    profile = store.profiles.add("Awa").id
    with write_transaction(store.conn):
        for n in (1, 2, 3):
            store.outbox.append(profile, f"s-{n}", b'{"id": "s-%d"}' % n, float(n))
    for n in (1, 2, 3):
        store.outbox.mark_poison(f"s-{n}", "HTTP 400: version not supported")
    panel = SyncPanel(controller)
    panel.open_for(None)  # the refused list is every profile's
    assert panel.refused.rowCount() == 3 and panel.resend_button.isEnabled()
    panel.refused.selectRow(1)
    panel.resend_refused()
    assert [s.id for s in store.outbox.poison_list(profile)] == ["s-1", "s-3"]
    assert [s.id for s in store.outbox.take_batch(profile, 10)] == ["s-2"]
    assert panel.refused.rowCount() == 2 and sync.forces[-1] is True  # and it went at once
    panel.refused.clearSelection()
    panel.resend_refused()  # none selected: all of them
    assert [s.id for s in store.outbox.take_batch(profile, 10)] == ["s-1", "s-2", "s-3"]
    assert not panel.resend_button.isEnabled()
    panel.close()
