"""A server's Retry-After holds every profile on that server, in this run, the next ones and
another engine's (a new process), forced or not; another server is not held."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.lrs import Outcome, PostResult
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


def _hangs(_: list[dict]) -> PostResult:
    return PostResult(Outcome.RETRY, None, answer="lrs.test did not answer", timed_out=True)


def test_a_server_that_times_out_is_not_asked_again_for_the_other_profiles_of_the_run(
    outbox: Outbox,
) -> None:
    """25 profiles on a hanging host cost 25 timeouts one after the other (12.5 min): after
    one, the others on that host wait for its next try; another host's profile goes."""
    lrs = {
        f"{n}-p": FakeLrs(target=f"https://lrs.test/xAPI/ basic:p{n}", faults=[_hangs])
        for n in range(3)
    }
    lrs["9-other"] = FakeLrs(target="https://other.test/xAPI/ basic:o")
    for profile in lrs:
        queue(outbox, profile, [statement(n) for n in range(3)])
    clock = FakeClock()
    sync = engine(outbox, lrs, clock)
    report = sync.run(force=True)
    assert [len(lrs[p].requests) for p in lrs] == [1, 0, 0, 1]
    assert report.status == "waiting" and report.delivered == 3
    first, *others, _ = report.profiles
    assert first.detail == "lrs.test did not answer" and first.next_attempt_at is not None
    for other in others:
        assert (other.reason, other.waiting) == ("retry", 3)
        assert "did not answer another profile's request" in other.detail
        assert other.next_attempt_at == first.next_attempt_at  # not at once: not hammered
    # The next run (the head's backoff over): the first profile's server answers now (in
    # batches of 1: halved after no answer), the second one's hangs, the third waits again.
    clock.t = first.next_attempt_at
    sync.run()
    assert [len(lrs[p].requests) for p in lrs] == [4, 1, 0, 1]
    assert [outbox.counts(p).delivered for p in lrs] == [3, 0, 0, 3]
