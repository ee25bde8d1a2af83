"""The sync engine against a scripted LRS: every answer class of DESIGN.md's "Sync rules"."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from sync.conditions import Reachability
from sync.credentials import CredentialsError
from sync.engine import EngineOptions, SyncEngine, SyncProgress
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
    stored_then_lost,
)


@pytest.fixture
def outbox(tmp_path: Path) -> Outbox:
    return open_outbox(tmp_path)


def test_delivers_in_creation_order_in_batches(outbox: Outbox) -> None:
    ids = queue(outbox, "p", [statement(n) for n in range(25)])
    lrs, clock = FakeLrs(), FakeClock()
    report = engine(outbox, lrs, clock).run()
    assert [len(r) for r in lrs.requests] == [10, 10, 5]
    assert lrs.order == ids
    assert (report.status, report.delivered, report.waiting) == ("done", 25, 0)
    assert outbox.counts("p").delivered == 25


def test_statement_bodies_are_sent_as_queued(outbox: Outbox) -> None:
    queue(outbox, "p", [statement(1)])
    [row] = outbox.rows("p")
    lrs = FakeLrs()
    engine(outbox, lrs, FakeClock()).run()
    assert lrs.held[row.id] == row.body


def test_nothing_is_sent_again_after_it_was_acknowledged(outbox: Outbox) -> None:
    queue(outbox, "p", [statement(n) for n in range(12)])
    lrs, clock = FakeLrs(), FakeClock()
    sync = engine(outbox, lrs, clock)
    sync.run()
    sent = len(lrs.requests)
    clock.advance(10_000)
    report = sync.run(force=True)
    assert len(lrs.requests) == sent
    assert report.delivered == 0 and report.profiles == ()


def test_lost_acknowledgement_resend_is_idempotent(outbox: Outbox) -> None:
    ids = queue(outbox, "p", [statement(n) for n in range(10)])
    lrs, clock = FakeLrs(), FakeClock()
    lrs.faults = [stored_then_lost(lrs)]
    report = engine(outbox, lrs, clock).run(patience=120)
    # Sent again in the same order, in halves (no answer: see test_engine_batch_size.py)...
    assert lrs.requests == [ids, ids[:5], ids[5:]]
    assert lrs.order == ids  # ... and held once
    assert report.status == "done" and outbox.counts("p").delivered == 10


@pytest.mark.parametrize(
    ("code", "outcome"),
    [(None, Outcome.RETRY), (500, Outcome.RETRY), (503, Outcome.RETRY), (408, Outcome.RETRY)],
)
def test_retry_keeps_the_batch_with_exponential_jittered_backoff(
    outbox: Outbox, code: int | None, outcome: Outcome
) -> None:
    queue(outbox, "p", [statement(n) for n in range(3)])
    lrs, clock = FakeLrs(), FakeClock()
    lrs.faults = [status(code, outcome)] * 6
    sync = engine(outbox, lrs, clock)
    delays = []
    for _ in range(6):
        start = clock.now()
        report = sync.run()
        assert report.status == "waiting"
        [profile] = report.profiles
        assert profile.reason == "retry" and profile.waiting == 3
        assert str(code or "connection reset") in profile.detail
        assert profile.next_attempt_at is not None
        delays.append(profile.next_attempt_at - start)
        clock.t = profile.next_attempt_at
    for attempt, delay in enumerate(delays):
        ceiling = min(60.0, 4.0 * 2**attempt)
        assert ceiling * 0.75 <= delay <= ceiling
    assert len(set(delays[:4])) == 4  # grows
    assert max(delays) <= 60.0  # capped
    # No answer halves the batch (3, then 1: see test_engine_batch_size.py); the head counts.
    assert [row.attempts for row in outbox.rows("p")] == ([6, 1, 1] if code is None else [6] * 3)
    report = sync.run()
    assert report.status == "done" and lrs.order == [r.id for r in outbox.rows("p")]


def test_retry_waits_only_when_patient(outbox: Outbox) -> None:
    queue(outbox, "p", [statement(1)])
    lrs, clock = FakeLrs(), FakeClock()
    lrs.faults = [status(500, Outcome.RETRY)]
    sync = engine(outbox, lrs, clock)
    assert sync.run().status == "waiting" and clock.waits == []
    lrs.faults = [status(500, Outcome.RETRY)]
    clock.advance(1000)
    report = sync.run(patience=100)
    assert report.status == "done" and len(clock.waits) == 1


def test_retry_after_is_honoured_even_by_a_forced_run(outbox: Outbox) -> None:
    queue(outbox, "p", [statement(1)])
    lrs, clock = FakeLrs(), FakeClock()
    lrs.faults = [status(429, Outcome.RETRY, retry_after=42.0)]
    sync = engine(outbox, lrs, clock)
    report = sync.run()
    assert report.profiles[0].next_attempt_at == clock.now() + 42.0
    clock.advance(41)
    assert sync.run(force=True).delivered == 0
    assert len(lrs.requests) == 1
    clock.advance(1)
    assert sync.run().delivered == 1


def test_retry_after_zero_does_not_hammer(outbox: Outbox) -> None:
    queue(outbox, "p", [statement(1)])
    lrs, clock = FakeLrs(), FakeClock()
    lrs.faults = [status(503, Outcome.RETRY, retry_after=0.0)] * 1000
    report = engine(outbox, lrs, clock).run(patience=10)
    assert len(lrs.requests) <= 11 and report.status == "waiting"


def test_retry_after_is_capped(outbox: Outbox) -> None:
    queue(outbox, "p", [statement(1)])
    lrs, clock = FakeLrs(), FakeClock()
    lrs.faults = [status(503, Outcome.RETRY, retry_after=86_400.0)]
    options = EngineOptions(retry_after_cap=600.0)
    report = engine(outbox, lrs, clock, options=options).run()
    assert report.profiles[0].next_attempt_at == clock.now() + 600.0


def test_a_backoff_set_before_the_clock_went_back_does_not_wait_for_the_clock(
    outbox: Outbox,
) -> None:
    """A retry time is wall-clock (it outlives the process). Set back by a day (NTP fixing a
    clock that was ahead, a teacher setting the date), the queue must not sleep a day: no
    backoff is longer than its cap, so a retry time further than that is from before the jump."""
    queue(outbox, "p", [statement(1), statement(2)])
    lrs, clock = FakeLrs(), FakeClock()
    lrs.faults = [status(503, Outcome.RETRY)]
    sync = engine(outbox, lrs, clock)
    assert sync.run().status == "waiting"
    clock.advance(-86_400.0)
    report = sync.run()
    assert report.status == "done" and report.profiles[0].delivered == 2
    assert len(lrs.requests) == 2


def test_a_retry_after_from_before_the_clock_went_back_is_not_kept(outbox: Outbox) -> None:
    """The same for a server's Retry-After, kept in memory: it held every run, forced or not,
    until the process ended."""
    queue(outbox, "p", [statement(1)])
    lrs, clock = FakeLrs(), FakeClock()
    lrs.faults = [status(429, Outcome.RETRY, retry_after=42.0)]
    sync = engine(outbox, lrs, clock)
    report = sync.run()
    assert report.profiles[0].next_attempt_at == clock.now() + 42.0
    clock.advance(-86_400.0)
    report = sync.run()
    assert report.status == "done" and report.profiles[0].delivered == 1


def test_forced_run_skips_a_network_backoff_once(outbox: Outbox) -> None:
    queue(outbox, "p", [statement(1), statement(2)])
    lrs, clock = FakeLrs(), FakeClock()
    lrs.faults = [status(None, Outcome.RETRY)] * 3
    sync = engine(outbox, lrs, clock)
    sync.run()
    sync.run()
    assert len(lrs.requests) == 1  # backing off
    report = sync.run(force=True)  # the network came back: try now, once
    assert len(lrs.requests) == 2 and report.status == "waiting"
    sync.run(force=True)
    assert len(lrs.requests) == 3
    clock.advance(10_000)
    assert sync.run().status == "done"


def test_refused_batch_is_split_and_the_bad_statement_quarantined(outbox: Outbox) -> None:
    statements = [statement(n, bad=(n == 17)) for n in range(50)]
    ids = queue(outbox, "p", statements)
    lrs, clock = FakeLrs(), FakeClock()
    report = engine(outbox, lrs, clock, options=EngineOptions(batch_size=50)).run()
    good = [i for n, i in enumerate(ids) if n != 17]
    assert lrs.order == good
    assert report.status == "done" and report.delivered == 49
    [refused] = report.refused
    assert (refused.statement_id, refused.status) == (ids[17], 422)
    assert '"loc": ["body", 0, "object"]' in refused.answer
    [poison] = outbox.poison_list("p")
    assert poison.id == ids[17] and poison.server_answer.startswith("HTTP 422: ")
    assert len(lrs.requests) <= 1 + 2 * 6  # halves: about two requests per level
    assert report.profiles[0].poison == 1 and outbox.counts("p").queued == 0


def test_two_refused_statements_and_the_rest_delivered_once(outbox: Outbox) -> None:
    statements = [statement(n, bad=n in (0, 9)) for n in range(10)]
    ids = queue(outbox, "p", statements)
    lrs = FakeLrs()
    report = engine(outbox, lrs, FakeClock()).run()
    assert lrs.order == ids[1:9]
    assert {r.statement_id for r in report.refused} == {ids[0], ids[9]}
    assert sorted(lrs.order) == sorted(set(lrs.order))


def refuse_everything(_: list[dict]) -> PostResult:
    return PostResult(Outcome.REFUSED, 400, answer='{"error": "X-Experience-API-Version"}')


def test_a_server_refusing_everything_stops_the_profile_and_quarantines_nothing(
    outbox: Outbox,
) -> None:
    ids_a = queue(outbox, "a", [statement(n) for n in range(30)])
    ids_b = queue(outbox, "b", [statement(n) for n in range(3)])
    lrs_a, lrs_b, clock = FakeLrs(), FakeLrs(), FakeClock()
    lrs_a.faults = [refuse_everything] * 100
    report = engine(outbox, {"a": lrs_a, "b": lrs_b}, clock).run(force=True)
    assert report.status == "stopped" and report.refused == ()
    a = report.profile("a")
    assert a is not None and (a.reason, a.waiting, a.poison) == ("unexpected", 30, 0)
    assert "refuses every statement" in a.detail and "HTTP 400" in a.detail
    assert [r.id for r in outbox.rows("a") if r.state == "queued"] == ids_a
    assert len(lrs_a.requests) <= 10  # down to three lone statements, no further
    assert lrs_b.order == ids_b


def test_as_many_bad_statements_at_the_head_as_the_rule_counts_are_still_theirs(
    outbox: Outbox,
) -> None:
    """Three alike at the head of the queue are also three statements with one same defect:
    the batch's last statement, sent alone, shows the server takes the others."""
    ids = queue(outbox, "p", [statement(n, bad=n < 3) for n in range(23)])
    lrs = FakeLrs()  # the same answer for every lone refused statement, as Ralph's 422
    report = engine(outbox, lrs, FakeClock()).run(force=True)  # batches of 10
    assert report.status == "done"
    assert [p.id for p in outbox.poison_list("p")] == ids[:3]
    assert sorted(lrs.order) == sorted(ids[3:])  # every good one delivered
    assert outbox.counts("p").queued == 0


@pytest.mark.parametrize("count", [1, 2])
def test_a_short_queue_a_broken_server_refuses_waits_and_nothing_is_set_aside(
    outbox: Outbox, count: int
) -> None:
    """Fewer statements than the rule counts, refused alone alike, with nothing delivered:
    nothing tells a broken server from bad statements, so they wait (never set aside)."""
    ids = queue(outbox, "p", [statement(n) for n in range(count)])
    lrs, clock = FakeLrs(), FakeClock()
    lrs.faults = [refuse_everything] * 10
    report = engine(outbox, lrs, clock).run(force=True)
    assert report.status == "stopped" and report.refused == ()
    p = report.profile("p")
    assert p is not None and (p.reason, p.waiting, p.poison) == ("unexpected", count, 0)
    assert "HTTP 400" in p.detail and "X-Experience-API-Version" in p.detail
    assert [r.id for r in outbox.rows("p") if r.state == "queued"] == ids
    lrs.faults = []  # the server is fixed: they go, in their order
    clock.advance(10_000)
    assert engine(outbox, lrs, clock).run().status == "done" and lrs.order == ids


def test_a_lone_bad_statement_waits_until_a_statement_the_server_takes_shows_it_is_at_fault(
    outbox: Outbox,
) -> None:
    [bad] = queue(outbox, "p", [statement(0, bad=True)])
    lrs, clock = FakeLrs(), FakeClock()
    sync = engine(outbox, lrs, clock)
    first = sync.run(force=True)
    assert first.status == "stopped" and outbox.poison_list("p") == []
    good = queue(outbox, "p", [statement(1)])  # the learner goes on studying
    second = sync.run(force=True)
    assert second.status == "done" and lrs.order == good
    assert [r.statement_id for r in second.refused] == [bad]
    assert [p.id for p in outbox.poison_list("p")] == [bad]


def test_a_lone_refusal_cut_short_by_the_network_is_not_set_aside(outbox: Outbox) -> None:
    ids = queue(outbox, "p", [statement(n, bad=n == 0) for n in range(10)])
    lrs, clock = FakeLrs(), FakeClock()
    # 422 for the batch, its first half, its first quarter, the bad one alone; then a 503.
    lrs.faults = [None, None, None, None, status(503, Outcome.RETRY)]
    sync = engine(outbox, lrs, clock)
    report = sync.run()
    assert report.refused == () and outbox.poison_list("p") == []
    p = report.profile("p")
    assert p is not None and (p.reason, p.waiting) == ("retry", 10)
    clock.advance(10_000)
    report = sync.run()
    assert report.status == "done" and lrs.order == ids[1:]
    assert [r.statement_id for r in report.refused] == [ids[0]]


class NamingLrs(FakeLrs):
    """Refuses a batch holding a "/bad" statement with an answer naming that statement."""

    def store(self, bodies: Sequence[bytes]) -> PostResult:
        bad = [s["id"] for s in map(json.loads, bodies) if s["object"]["id"].endswith("/bad")]
        if bad:
            return PostResult(Outcome.REFUSED, 422, answer=f"invalid statement {bad[0]}")
        return super().store(bodies)


def test_lone_refusals_with_their_own_answers_are_poison(outbox: Outbox) -> None:
    ids = queue(outbox, "p", [statement(n, bad=n < 3) for n in range(10)])
    lrs = NamingLrs()
    report = engine(outbox, lrs, FakeClock()).run()
    assert report.status == "done" and lrs.order == ids[3:]
    assert [r.statement_id for r in report.refused] == ids[:3]
    assert [p.id for p in outbox.poison_list("p")] == ids[:3]


def test_a_delivery_shows_lone_refusals_are_the_statements_own(outbox: Outbox) -> None:
    ids = queue(outbox, "p", [statement(n, bad=n in (0, 2, 3, 4)) for n in range(10)])
    lrs = FakeLrs()  # the same answer for every lone refused statement
    report = engine(outbox, lrs, FakeClock()).run()
    assert report.status == "done" and lrs.order == [ids[1], *ids[5:]]
    assert sorted(r.statement_id for r in report.refused) == sorted([ids[0], *ids[2:5]])


def test_retry_while_splitting_keeps_order(outbox: Outbox) -> None:
    statements = [statement(n, bad=(n == 7)) for n in range(8)]
    ids = queue(outbox, "p", statements)
    lrs, clock = FakeLrs(), FakeClock()
    # whole batch 422, first half delivered, second half: the network drops.
    lrs.faults = [None, None, status(None, Outcome.RETRY)]
    sync = engine(outbox, lrs, clock)
    report = sync.run()
    assert lrs.order == ids[:4] and report.profiles[0].waiting == 4
    clock.advance(10_000)
    report = sync.run()
    assert lrs.order == ids[:7] and [r.statement_id for r in report.refused] == [ids[7]]


def test_a_200_listing_ids_it_was_not_sent_delivers_nothing(outbox: Outbox) -> None:
    """An LRS may list only the ids new to it (fewer than sent: the rest it held; asked again,
    it answers for all), but ids that were not in the batch answer another request (a proxy's
    cached answer, a server mixing up requests): nothing of the batch is known stored."""
    ids = queue(outbox, "p", [statement(n) for n in range(3)])
    lrs, clock = FakeLrs(), FakeClock()
    foreign = "00000000-0000-4000-8000-000000000000"
    lrs.faults = [lambda _: PostResult(Outcome.DELIVERED, 200, ids=(ids[0], foreign))]
    sync = engine(outbox, lrs, clock)
    report = sync.run()
    [profile] = report.profiles
    assert (profile.delivered, profile.waiting, profile.reason) == (0, 3, "unexpected")
    assert profile.stop == "unexpected_answer" and foreign in profile.detail
    lrs.faults = [lambda _: PostResult(Outcome.DELIVERED, 200, ids=(ids[1].upper(),))]
    clock.advance(10_000)
    report = sync.run()
    assert report.status == "done" and report.profiles[0].delivered == 3, "fewer ids: all held"


def _lie(listed: int) -> Callable[[list[dict]], PostResult]:
    """A server answering 200 with the batch's first `listed` ids, storing nothing."""

    def answer(statements: list[dict]) -> PostResult:
        ids = tuple(s["id"] for s in statements[:listed])
        return PostResult(Outcome.DELIVERED, 200, ids=ids, answer=json.dumps(ids))

    return answer


@pytest.mark.parametrize("listed", [0, 4])
def test_a_200_that_leaves_ids_out_twice_marks_nothing_delivered(
    outbox: Outbox, listed: int
) -> None:
    """The audit's "200 []" to a first POST marked all 50 delivered; Ralph held none of them.
    A 200 leaving ids out is asked again at once; the same answer stops the profile, nothing
    marked, and the statements go to a server that takes them, each once."""
    ids = queue(outbox, "p", [statement(n) for n in range(25)])
    lrs, clock = FakeLrs(), FakeClock()
    lrs.faults = [_lie(listed), _lie(listed)]
    sync = engine(outbox, lrs, clock)
    report = sync.run()
    [profile] = report.profiles
    assert (report.status, profile.delivered, profile.waiting) == ("stopped", 0, 25)
    assert profile.stop == "unexpected_answer" and "without naming" in profile.detail
    assert outbox.counts("p").delivered == 0 and lrs.requests == [ids[:10], ids[:10]]
    clock.advance(10_000)
    report = sync.run()
    assert (report.status, report.delivered) == ("done", 25)
    assert lrs.order == ids and len(lrs.requests) == 5


def test_a_200_leaving_out_ids_the_lrs_holds_is_confirmed_by_a_204(outbox: Outbox) -> None:
    """A resend of a batch partly held (a process killed after posting it: the LRS stored it,
    nothing was marked; more statements queued behind): the LRS lists only the new ids; asked
    again, it answers 204, and every statement is delivered."""
    ids = queue(outbox, "p", [statement(n) for n in range(6)])
    lrs, clock = FakeLrs(), FakeClock()
    lrs.store([s.body for s in outbox.take_batch("p", 10)])
    more = queue(outbox, "p", [statement(n) for n in range(6, 9)])
    report = engine(outbox, lrs, clock).run()
    assert (report.status, report.delivered) == ("done", 9)
    assert lrs.requests == [ids + more, ids + more]
    assert lrs.order == ids + more


def test_auth_stops_the_profile_without_burning_retries(outbox: Outbox) -> None:
    queue(outbox, "a", [statement(n) for n in range(15)])
    ids_b = queue(outbox, "b", [statement(n) for n in range(3)])
    lrs_a, lrs_b, clock = FakeLrs(), FakeLrs(), FakeClock()
    lrs_a.faults = [None, status(401, Outcome.AUTH)]
    progress: list[SyncProgress] = []
    sync = engine(outbox, {"a": lrs_a, "b": lrs_b}, clock, on_progress=progress.append)
    report = sync.run(patience=3600)
    assert report.needs_credentials == ("a",)
    a = report.profile("a")
    assert a is not None and (a.delivered, a.waiting, a.reason) == (10, 5, "auth")
    assert "401" in a.detail
    assert lrs_b.order == ids_b
    assert [r.attempts for r in outbox.rows("a") if r.state == "queued"] == [0] * 5
    assert any(p.kind == "auth" and p.profile_id == "a" for p in progress)
    assert len(lrs_a.requests) == 2  # no retry of the refused credentials
    assert sync.run().status == "done"  # the learner fixed them: it resumes


def test_unexpected_answer_stops_only_that_profile_and_keeps_its_batch(outbox: Outbox) -> None:
    queue(outbox, "a", [statement(1)])
    ids_b = queue(outbox, "b", [statement(2)])
    lrs_a, lrs_b, clock = FakeLrs(), FakeLrs(), FakeClock()
    lrs_a.faults = [status(404, Outcome.UNEXPECTED)]
    report = engine(outbox, {"a": lrs_a, "b": lrs_b}, clock).run()
    assert report.status == "stopped" and "404" in report.detail
    assert len(lrs_a.requests) == 1  # not hammered within the run
    assert lrs_b.order == ids_b  # a wrong endpoint for one profile does not hold back the others
    a, b = report.profile("a"), report.profile("b")
    assert a is not None and (a.reason, a.waiting) == ("unexpected", 1) and "404" in a.detail
    assert b is not None and (b.reason, b.waiting, b.delivered) == (None, 0, 1)
    [row] = outbox.rows("a")
    assert row.state == "queued"
    clock.advance(10_000)  # its backoff elapsed: the profile is tried again
    assert engine(outbox, {"a": lrs_a, "b": lrs_b}, clock).run().status == "done"


def test_cancel_between_batches(outbox: Outbox) -> None:
    queue(outbox, "p", [statement(n) for n in range(30)])
    cancel = threading.Event()

    def on_progress(step: SyncProgress) -> None:
        if step.kind == "delivered":
            cancel.set()

    lrs = FakeLrs()
    report = engine(outbox, lrs, FakeClock(), on_progress=on_progress).run(cancel=cancel)
    assert report.status == "cancelled" and report.delivered == 10
    assert report.profiles[0].reason == "cancelled" and report.profiles[0].waiting == 20


def test_cancel_interrupts_a_patient_wait(outbox: Outbox) -> None:
    queue(outbox, "p", [statement(1)])
    lrs, clock = FakeLrs(), FakeClock()
    lrs.faults = [status(500, Outcome.RETRY)]
    cancel = threading.Event()
    clock_wait = clock.wait

    def wait(event: threading.Event, seconds: float) -> bool:
        event.set()
        return clock_wait(event, seconds)

    clock.wait = wait  # type: ignore[method-assign]
    report = engine(outbox, lrs, clock).run(cancel=cancel, patience=3600)
    assert report.status == "cancelled" and len(lrs.requests) == 1


def test_a_run_is_not_started_twice(outbox: Outbox) -> None:
    queue(outbox, "p", [statement(n) for n in range(20)])
    inner = []

    def on_progress(step: SyncProgress) -> None:
        if step.kind == "delivered" and not inner:
            inner.append(sync.run())

    lrs = FakeLrs()
    sync = engine(outbox, lrs, FakeClock(), on_progress=on_progress)
    report = sync.run()
    assert inner[0].status == "busy" and inner[0].delivered == 0
    assert report.delivered == 20 and not sync.running


def test_concurrent_runs_from_threads_send_each_batch_once(outbox: Outbox) -> None:
    queue(outbox, "p", [statement(n) for n in range(40)])
    lrs = FakeLrs()
    sync = engine(outbox, lrs, FakeClock())
    reports = []
    threads = [threading.Thread(target=lambda: reports.append(sync.run())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(r.delivered for r in reports) == 40
    assert sum(len(r) for r in lrs.requests) == 40


def test_offline_sends_nothing(outbox: Outbox) -> None:
    queue(outbox, "p", [statement(1)])
    lrs = FakeLrs()
    reachability = Reachability(online=False)
    sync = engine(outbox, lrs, FakeClock(), reachability=reachability)
    report = sync.run()
    assert report.status == "offline" and lrs.requests == []
    assert report.profiles[0].reason == "offline"
    reachability.set_online(True)
    assert sync.run().status == "done"


def test_going_offline_mid_run_stops_it(outbox: Outbox) -> None:
    queue(outbox, "p", [statement(n) for n in range(30)])
    reachability = Reachability(online=True)

    def on_progress(step: SyncProgress) -> None:
        if step.kind == "delivered":
            reachability.set_online(False)

    lrs = FakeLrs()
    report = engine(
        outbox, lrs, FakeClock(), reachability=reachability, on_progress=on_progress
    ).run()
    assert report.status == "offline" and report.delivered == 10


def test_profile_without_account_waits_and_others_go(outbox: Outbox) -> None:
    queue(outbox, "none", [statement(1)])
    queue(outbox, "broken", [statement(2)])
    ids = queue(outbox, "ok", [statement(3)])
    lrs = FakeLrs()

    def clients(profile: str) -> FakeLrs | None:
        if profile == "broken":
            raise CredentialsError("the OS keyring did not give the secret")
        return lrs if profile == "ok" else None

    report = SyncEngine(outbox, clients, clock=FakeClock()).run()
    reasons = {p.profile_id: (p.reason, p.detail) for p in report.profiles}
    assert reasons["none"] == ("no_account", "no LRS account is set for this profile")
    assert reasons["broken"] == ("no_account", "the OS keyring did not give the secret")
    assert reasons["ok"] == (None, "")
    assert lrs.order == ids and report.status == "waiting"


def test_only_the_profiles_asked_for(outbox: Outbox) -> None:
    queue(outbox, "a", [statement(1)])
    queue(outbox, "b", [statement(2)])
    lrs = FakeLrs()
    report = engine(outbox, lrs, FakeClock()).run(["b"])
    assert [p.profile_id for p in report.profiles] == ["b"]
    assert outbox.counts("a").queued == 1


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="batch_size"):
        EngineOptions(batch_size=0)
    with pytest.raises(ValueError, match="jitter"):
        EngineOptions(jitter=1.0)
    with pytest.raises(ValueError, match="backoff"):
        EngineOptions(backoff_base=10, backoff_cap=5)
    with pytest.raises(ValueError, match="systemic_refusals"):
        EngineOptions(systemic_refusals=1)
