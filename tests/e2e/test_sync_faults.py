"""Sync through a faulty network to a private Ralph: in the end each good statement is held
exactly once, the one Ralph refuses is quarantined with its reason, nothing is lost."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from player.player_sync import PlayerSync
from sync.credentials import CredentialStore
from sync.engine import EngineOptions, SyncProgress
from sync.http import Timeouts
from tests.e2e.conftest import RalphServer
from tests.e2e.fault_proxy import FaultProxy
from tests.e2e.sync_support import (
    Learner,
    append_frozen,
    assert_held_once_and_equal,
    extra_statement,
    make_learner,
    study_demo_course,
)

pytestmark = pytest.mark.e2e

OPTIONS = EngineOptions(batch_size=50, backoff_base=0.2, backoff_cap=2.0, patience=120.0)
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


def test_every_fault_then_each_statement_held_once(
    server: RalphServer,
    proxy: FaultProxy,
    learner: Learner,
    ralph_statements: Callable[..., list[dict]],
) -> None:
    study_demo_course(learner)
    extras = [extra_statement(learner, n, refused=(n == 30)) for n in range(100)]
    append_frozen(learner, extras)
    bad = extras[30]["id"]
    queued = learner.queued()
    good = {i: body for i, body in queued.items() if i != bad}
    order = list(queued)
    assert 50 <= order.index(bad) < 100  # inside the second batch of 50

    proxy.script = [
        "drop_before",  # batch 1: nothing reaches Ralph
        "drop_after",  # batch 1 stored, the answer lost: resent, Ralph must not store it twice
        "pass",
        "status:500",  # batch 2
        "status:429:1",  # batch 2, Retry-After: 1
        "stall:20",  # batch 2: no byte for 20 s, past the read timeout
        "pass",  # batch 2: Ralph refuses it whole (422): split...
        "pass",
        "pass",
        "status:401",  # ... until the credentials are refused mid-run
    ]
    progress: list[SyncProgress] = []
    sync = PlayerSync.open(
        learner.context,
        learner.store,
        options=OPTIONS,
        timeouts=TIMEOUTS,
        on_progress=progress.append,
    )
    try:
        first = sync.push()
        # 401: the engine stopped this profile at once and asks for credentials.
        assert first.needs_credentials == (learner.profile.id,)
        assert first.profiles[0].reason == "auth" and first.profiles[0].waiting > 0
        assert [p.kind for p in progress].count("auth") == 1
        assert proxy.script == [] and proxy.log[-1].fault == "status:401"
        # The learner types the password again; the sync resumes where it stopped.
        credentials = CredentialStore(learner.context.paths.secrets)
        account = credentials.get(learner.profile.id)
        assert account is not None
        credentials.set(account, server.password)
        second = sync.push()
    finally:
        sync.close()

    assert (second.status, second.waiting) == ("done", 0)
    assert first.delivered + second.delivered == len(good)
    [refused] = first.refused + second.refused
    assert refused.statement_id == bad and refused.status == 422
    [poison] = learner.store.outbox.poison_list(learner.profile.id)
    assert poison.id == bad and poison.server_answer.startswith("HTTP 422: ")
    assert "special-use or reserved name" in poison.server_answer
    counts = learner.store.outbox.counts(learner.profile.id)
    assert (counts.queued, counts.delivered, counts.poison) == (0, len(good), 1)

    held = ralph_statements(server)
    assert Counter(s["id"] for s in held) == Counter(list(good))  # nothing else, nothing twice
    assert_held_once_and_equal(held, good)

    # Ralph's own answers: each statement listed as new exactly once over the whole run, and
    # the statements of the batch whose answer was lost were not new when they came again.
    listed = Counter(i for seen in proxy.log for i in seen.upstream_ids)
    assert listed == Counter(list(good))
    [lost] = [s for s in proxy.log if s.fault == "drop_after"]
    assert lost.upstream_status == 200
    # Sent again (in smaller batches: no answer halves the batch size), never listed as new.
    again = proxy.log[proxy.log.index(lost) + 1 :]
    resent = [s for s in again if s.upstream_status is not None and set(s.ids) & set(lost.ids)]
    assert set(lost.ids) <= {i for s in resent for i in s.ids}
    assert not any(set(s.upstream_ids) & set(lost.ids) for s in resent)
    assert [s.fault for s in proxy.log][:6] == [
        "drop_before",
        "drop_after",
        "pass",
        "status:500",
        "status:429:1",
        "stall:20",
    ]
    retries = [p.detail for p in progress if p.kind == "retry"]
    assert len(retries) == 5
    # A connection dropped before or after the batch went: no answer, said in one line.
    assert retries[0] == retries[1] == "127.0.0.1 closed the connection without answering"
    assert retries[2].startswith("HTTP 500") and retries[3].startswith("HTTP 429")
    assert retries[4].startswith("127.0.0.1 did not answer within ")
