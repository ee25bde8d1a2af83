"""A server's Retry-After holds every profile on that server, in this run, the next ones and
another engine's (a new process), forced or not; another server is not held."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.lrs import Outcome
from sync.outbox import Outbox
from tests.unit.engine_support import (
    FakeClock,
    FakeLrs,
    engine,
    open_outbox,
    queue,
    statement,
    status,
)


@pytest.fixture
def outbox(tmp_path: Path) -> Outbox:
    return open_outbox(tmp_path)


def test_a_retry_after_holds_every_profile_on_the_server_and_the_next_engine(
    outbox: Outbox,
) -> None:
    bob = FakeLrs(target="https://lrs.test/xAPI/ basic:bob")
    alice = FakeLrs(target="https://lrs.test:443/xAPI/ basic:alice")
    carol = FakeLrs(target="https://other.test/xAPI/ basic:carol")
    lrs = {"1-bob": bob, "2-alice": alice, "3-carol": carol}
    for profile in lrs:
        queue(outbox, profile, [statement(n) for n in range(3)])
    bob.faults = [status(429, Outcome.RETRY, retry_after=3600)]
    clock = FakeClock()
    report = engine(outbox, lrs, clock).run(force=True)
    assert (len(bob.requests), len(alice.requests), len(carol.requests)) == (1, 0, 1)
    held = clock.now() + 3600
    assert [p.server_wait for p in report.profiles] == [held, held, None]
    assert report.profile("2-alice").reason == "retry"  # type: ignore[union-attr]

    clock.advance(120)  # two minutes on, a new process: forced, it waits all the same
    report = engine(outbox, lrs, clock).run(force=True)
    assert (len(bob.requests), len(alice.requests)) == (1, 0)
    assert report.next_attempt_at == held

    clock.advance(3600)
    report = engine(outbox, lrs, clock).run()
    assert (report.status, report.delivered) == ("done", 6)
    assert [p.server_wait for p in report.profiles] == [None, None]
