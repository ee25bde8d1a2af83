"""Sync to a private Ralph through servers that lie, links that drop long bodies, servers that
ask to wait or hang: nothing is marked delivered that Ralph does not hold, and in the end each
statement is held exactly once."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
import requests

from player.__main__ import main
from player.commands.sync import EXIT_WAITING
from player.player_sync import PlayerSync
from sync.credentials import CredentialStore, LrsAccount
from sync.engine import EngineOptions
from sync.http import Timeouts
from tests.e2e.conftest import RalphServer
from tests.e2e.fault_proxy import FaultProxy
from tests.e2e.sync_support import (
    Learner,
    append_frozen,
    assert_held_once_and_equal,
    demo_course,
    extra_statement,
    make_learner,
    study_demo_course,
)
from tests.slow_lrs import SlowLrs

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


def _second_profile(learner: Learner, server: RalphServer, name: str) -> str:
    """Another learner of the same computer, on the same LRS (through the same proxy)."""
    store = learner.store
    profile = store.profiles.add(name)
    home_page = f"https://learners.example.org/{uuid.uuid4()}"
    CredentialStore(learner.context.paths.secrets, keyring_backend=None).set(
        LrsAccount(profile.id, learner_endpoint(learner), server.username, "basic", home_page),
        server.password,
    )
    store.profiles.link_account(profile.id, home_page, server.username)
    return profile.id


def learner_endpoint(learner: Learner) -> str:
    account = CredentialStore(learner.context.paths.secrets).get(learner.profile.id)
    assert account is not None
    return account.endpoint


def test_a_retry_after_holds_every_profile_on_the_server_and_the_next_processes(
    server: RalphServer,
    proxy: FaultProxy,
    learner: Learner,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    ralph_statements: Callable[..., list[dict]],
) -> None:
    """The audit: Bob got a 429 Retry-After: 3600, Alice's POSTs went 30 ms later, Bob's grade
    reads inside his wait, and a new `cartable sync --once` POSTed a whole batch 2 min later."""
    monkeypatch.setenv("CARTABLE_HOME", str(learner.home))
    study_demo_course(learner)  # an exam submitted: its grade is read after the push
    _second_profile(learner, server, "Alice")
    learner.store.events.course_launched(learner.store.profiles.find("Alice").id, demo_course())
    proxy.script = ["status:429:3600"]

    assert main(["sync", "--once", "--wait", "0"]) == EXIT_WAITING
    out = capsys.readouterr().out
    until = datetime.fromtimestamp(learner.store.outbox.server_wait(_server(proxy)))
    said = f"the server asked to wait until {until:%H:%M}"
    assert out.count(said) >= 2, out  # both profiles wait, and the grade read too
    assert len(proxy.log) == 1 and proxy.gets == []
    assert 3590 < until.timestamp() - time.time() <= 3600

    # A new process (cron, the player started again), forced as every --once is: nothing sent.
    assert main(["sync", "--once", "--wait", "0"]) == EXIT_WAITING
    assert said in capsys.readouterr().out
    assert len(proxy.log) == 1 and proxy.gets == []

    learner.store.outbox.set_server_wait(_server(proxy), 0.0)  # the hour has passed
    assert main(["sync", "--once", "--wait", "0"]) == 0, capsys.readouterr().out
    assert proxy.gets, "the grades are read once the wait is over"
    queued = {
        r.id: r.body
        for p in learner.store.profiles.all()
        for r in learner.store.outbox.iter_rows(p.id)
    }
    assert_held_once_and_equal(ralph_statements(server), queued)


def _server(proxy: FaultProxy) -> str:
    return proxy.url.split("/xAPI/")[0]


def test_a_hanging_server_costs_one_timeout_not_one_per_profile(tmp_path: Path) -> None:
    """The audit: 25 profiles on a host that hangs, 30 s each, one after the other (12.5 min).
    Three profiles here, a read timeout of 1 s: one request, one timeout; the others wait."""
    hanging = SlowLrs("stall")
    learner = make_learner(tmp_path / "home", hanging.url(), "u", "p")
    try:
        for name in ("Alice", "Cleo"):
            other = learner.store.profiles.add(name)
            home_page = f"https://learners.example.org/{uuid.uuid4()}"
            CredentialStore(learner.context.paths.secrets, keyring_backend=None).set(
                LrsAccount(other.id, hanging.url(), f"u-{name}", "basic", home_page), "p"
            )
            learner.store.profiles.link_account(other.id, home_page, f"u-{name}")
        for profile in learner.store.profiles.all():
            learner.store.events.course_launched(profile.id, demo_course())
        sync = PlayerSync.open(
            learner.context, learner.store, options=OPTIONS, timeouts=Timeouts(read=1.0)
        )
        try:
            report = sync.push(force=True)
        finally:
            sync.close()
        assert len(hanging.requests) == 1
        assert report.status == "waiting" and len(report.profiles) == 3
        assert all(p.reason == "retry" and p.waiting for p in report.profiles)
        details = sorted(p.detail for p in report.profiles)
        assert sum("did not answer another profile's request" in d for d in details) == 2
    finally:
        hanging.stop()
        learner.close()
