"""Sync to a private Ralph through servers that lie, links that drop long bodies, servers that
ask to wait or hang: nothing is marked delivered that Ralph does not hold, and in the end each
statement is held exactly once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from player.player_sync import PlayerSync
from sync.engine import EngineOptions
from sync.http import Timeouts
from tests.e2e.conftest import RalphServer
from tests.e2e.fault_proxy import FaultProxy
from tests.e2e.sync_support import (
    Learner,
    append_frozen,
    assert_held_once_and_equal,
    extra_statement,
    make_learner,
)

pytestmark = pytest.mark.e2e

OPTIONS = EngineOptions(batch_size=50, backoff_base=0.2, backoff_cap=2.0)
TIMEOUTS = Timeouts(connect=5.0, read=5.0)


@pytest.fixture
def server(ralph_factory: Callable[[], RalphServer]) -> RalphServer:
    return ralph_factory()


@pytest.fixture
def proxy(server: RalphServer) -> Iterator[FaultProxy]:
    made = FaultProxy(server.url.split("/xAPI/")[0]).start()
    yield made
    made.stop()


@pytest.fixture
def learner(tmp_path: Path, server: RalphServer, proxy: FaultProxy) -> Iterator[Learner]:
    made = make_learner(tmp_path / "home", proxy.url, server.username, server.password)
    yield made
    made.close()


def _queue(learner: Learner, count: int) -> dict[str, bytes]:
    append_frozen(learner, [extra_statement(learner, n) for n in range(count)])
    return learner.queued()


def _push(learner: Learner, options: EngineOptions = OPTIONS) -> PlayerSync:
    return PlayerSync.open(learner.context, learner.store, options=options, timeouts=TIMEOUTS)


def test_a_200_that_names_none_or_some_of_a_first_batch_marks_nothing_delivered(
    server: RalphServer,
    proxy: FaultProxy,
    learner: Learner,
    ralph_statements: Callable[..., list[dict]],
) -> None:
    """The audit's "Alice: sent 99 statements", Ralph holding 49: a proxy answered the first
    POST of a batch "200 []" and the engine marked all 50 delivered."""
    queued = _queue(learner, 99)
    # Each lie twice: the engine asks again at once, then stops the profile for this run.
    proxy.script = ["fake200", "fake200", "fake200:7", "fake200:7"]
    sync = _push(learner)
    try:
        first = sync.push()
        [profile] = first.profiles
        assert (first.status, profile.delivered, profile.waiting) == ("stopped", 0, 99)
        assert learner.store.outbox.counts(learner.profile.id).delivered == 0
        assert ralph_statements(server) == []
        second = sync.push(force=True)
        assert (second.status, second.delivered) == ("stopped", 0)
        assert learner.store.outbox.counts(learner.profile.id).delivered == 0
        third = sync.push(force=True)
    finally:
        sync.close()
    assert (third.status, third.delivered, third.waiting) == ("done", 99, 0)
    assert [s.fault for s in proxy.log] == ["fake200"] * 2 + ["fake200:7"] * 2 + ["pass"] * 2
    assert_held_once_and_equal(ralph_statements(server), queued)


def test_a_lie_once_then_ralph_takes_the_batch_asked_again(
    server: RalphServer,
    proxy: FaultProxy,
    learner: Learner,
    ralph_statements: Callable[..., list[dict]],
) -> None:
    """One "200 []" is not believed: the batch goes again at once, and Ralph stores it."""
    queued = _queue(learner, 30)
    proxy.script = ["fake200"]
    sync = _push(learner)
    try:
        report = sync.push()
    finally:
        sync.close()
    assert (report.status, report.delivered) == ("done", 30)
    assert [s.fault for s in proxy.log] == ["fake200", "pass"]
    assert_held_once_and_equal(ralph_statements(server), queued)


def test_a_resend_partly_held_is_delivered_on_ralphs_204(
    server: RalphServer,
    proxy: FaultProxy,
    learner: Learner,
    ralph_statements: Callable[..., list[dict]],
) -> None:
    """Ralph lists only the ids new to it: a batch it partly holds (posted by a process killed
    before it marked anything, then more statements queued behind) is answered with some ids,
    asked again, answered 204."""
    queued = _queue(learner, 10)
    posted = requests.post(
        server.statements_url,
        data=b"[" + b",".join(queued.values()) + b"]",
        headers={"Content-Type": "application/json", "X-Experience-API-Version": "1.0.3"},
        auth=(server.username, server.password),
        timeout=30,
    )
    assert posted.status_code == 200
    queued = {**queued, **_queue(learner, 5)}
    sync = _push(learner)
    try:
        report = sync.push()
    finally:
        sync.close()
    assert (report.status, report.delivered) == ("done", 15)
    assert [s.upstream_status for s in proxy.log] == [200, 204]
    assert len(proxy.log[0].upstream_ids) == 5
    assert_held_once_and_equal(ralph_statements(server), queued)


def test_a_link_cutting_long_bodies_gets_everything_to_ralph_once(
    server: RalphServer,
    proxy: FaultProxy,
    learner: Learner,
    ralph_statements: Callable[..., list[dict]],
) -> None:
    """The audit: a proxy cutting every body over 40 KB delivered 0 of 234 (batches of 50,
    68,810 bytes, retried forever). Here every body longer than 16 statements is cut."""
    queued = _queue(learner, 234)
    longest = max(len(body) for body in queued.values())
    proxy.default = f"cut_over:{16 * longest + 17}"
    sync = _push(learner)
    try:
        report = sync.push(patience=120)
    finally:
        sync.close()
    assert (report.status, report.delivered) == ("done", 234)
    cut = [s for s in proxy.log if s.upstream_status is None]
    went = [len(s.ids) for s in proxy.log if s.upstream_status is not None]
    assert sum(went) == 234 and max(went) == 12
    assert len(cut) <= len(went) // 4 + 2  # 50, 25, then one 24 after each 4 batches of 12
    assert_held_once_and_equal(ralph_statements(server), queued)
