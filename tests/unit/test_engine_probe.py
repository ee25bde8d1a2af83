"""Lone refusals told apart by a probe: a statement the LRS already holds, sent again.

When every statement sent was refused alone with one same answer and nothing was delivered,
nothing in the batch tells a bad statement from a server refusing everything. The profile's
most recent delivered statement, sent again, does: an LRS takes a statement it already holds
(204), so if it takes that one and refuses the waiting ones, the refusal is theirs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.lrs import Outcome, PostResult
from sync.outbox import Outbox, StatementRow
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


def refuse_everything(_: list[dict]) -> PostResult:
    return PostResult(Outcome.REFUSED, 400, answer='{"error": "X-Experience-API-Version"}')


def delivered_history(outbox: Outbox, lrs: FakeLrs, clock: FakeClock, n: int = 3) -> list[str]:
    """`n` statements of profile "p" delivered in an earlier run (the learner's history)."""
    ids = queue(outbox, "p", [statement(100 + i) for i in range(n)])
    assert engine(outbox, lrs, clock).run().status == "done"
    lrs.requests.clear()
    clock.advance(3_600)
    return ids


def history_rows(outbox: Outbox, profile: str = "p") -> list[StatementRow]:
    return [r for r in outbox.rows(profile) if r.state == "delivered"]


def test_a_lone_bad_statement_after_delivered_ones_is_set_aside(outbox: Outbox) -> None:
    lrs, clock = FakeLrs(), FakeClock()
    history = delivered_history(outbox, lrs, clock)
    before = history_rows(outbox)
    [bad] = queue(outbox, "p", [statement(0, bad=True)])  # the learner's last action
    report = engine(outbox, lrs, clock).run(force=True)
    assert report.status == "done"
    assert [r.statement_id for r in report.refused] == [bad]
    [poison] = outbox.poison_list("p")
    assert poison.id == bad and poison.server_answer.startswith("HTTP 422: ")
    p = report.profile("p")
    assert p is not None and (p.reason, p.waiting, p.stop) == (None, 0, None)
    # The probe: the most recent delivered statement, alone, once; its row is untouched.
    assert lrs.requests == [[bad], [history[-1]]]
    assert history_rows(outbox) == before
    assert lrs.order == history  # the LRS held it already: nothing new, nothing twice


def test_a_lone_statement_refused_like_the_probe_stops_and_nothing_is_set_aside(
    outbox: Outbox,
) -> None:
    lrs, clock = FakeLrs(), FakeClock()
    history = delivered_history(outbox, lrs, clock)
    before = history_rows(outbox)
    [waiting] = queue(outbox, "p", [statement(0)])
    lrs.faults = [refuse_everything] * 10  # the server refuses everything, even what it holds
    report = engine(outbox, lrs, clock).run(force=True)
    assert report.status == "stopped" and report.refused == ()
    p = report.profile("p")
    assert p is not None and (p.reason, p.waiting, p.poison) == ("unexpected", 1, 0)
    assert p.stop == "lrs_refuses_all"
    assert "HTTP 400" in p.detail
    assert lrs.requests == [[waiting], [history[-1]]]
    assert history_rows(outbox) == before
    assert [r.id for r in outbox.rows("p") if r.state == "queued"] == [waiting]


@pytest.mark.parametrize(
    "probe_answer",
    [
        # ADL's reference LRS answers 409 to any id it holds, as xAPI allows.
        PostResult(Outcome.REFUSED, 409, answer="A statement with ID ... already exists"),
        # Refused for another reason than the waiting one: the request got past the checks.
        PostResult(Outcome.REFUSED, 400, answer='{"error": "statement already stored"}'),
    ],
)
def test_a_probe_the_server_answers_otherwise_still_proves_the_fault_is_the_statements(
    outbox: Outbox, probe_answer: PostResult
) -> None:
    lrs, clock = FakeLrs(), FakeClock()
    history = delivered_history(outbox, lrs, clock)
    [bad] = queue(outbox, "p", [statement(0, bad=True)])
    lrs.faults = [None, lambda _: probe_answer]
    report = engine(outbox, lrs, clock).run(force=True)
    assert lrs.requests == [[bad], [history[-1]]]
    assert report.status == "done" and [r.statement_id for r in report.refused] == [bad]
    p = report.profile("p")
    assert p is not None and (p.reason, p.stop) == (None, None)


def test_a_lone_refusal_without_history_stops_without_a_probe(outbox: Outbox) -> None:
    [bad] = queue(outbox, "p", [statement(0, bad=True)])
    lrs, clock = FakeLrs(), FakeClock()
    report = engine(outbox, lrs, clock).run(force=True)
    assert report.status == "stopped" and report.refused == ()
    p = report.profile("p")
    assert p is not None and (p.reason, p.waiting, p.poison) == ("unexpected", 1, 0)
    assert p.stop == "refused_unconfirmed"
    assert report.stop == "refused_unconfirmed"
    assert lrs.requests == [[bad]]


def test_another_profiles_history_is_no_proof(outbox: Outbox) -> None:
    lrs, clock = FakeLrs(), FakeClock()
    delivered_history(outbox, lrs, clock)  # profile "p"
    [bad] = queue(outbox, "q", [statement(0, bad=True)])
    report = engine(outbox, lrs, clock).run(force=True)
    q = report.profile("q")
    assert q is not None and (q.reason, q.stop, q.poison) == (
        "unexpected",
        "refused_unconfirmed",
        0,
    )
    assert lrs.requests == [[bad]]


def test_many_statements_with_one_same_defect_are_set_aside_after_a_probe(
    outbox: Outbox,
) -> None:
    """A player bug wrote 25 bad statements in a row: refused alike, the last one too; the
    server takes a statement it holds, so they are theirs."""
    lrs, clock = FakeLrs(), FakeClock()
    history = delivered_history(outbox, lrs, clock)
    bad = queue(outbox, "p", [statement(n, bad=True) for n in range(25)])
    report = engine(outbox, lrs, clock).run(force=True)
    assert report.status == "done"
    assert sorted(r.statement_id for r in report.refused) == sorted(bad)
    assert [p.id for p in outbox.poison_list("p")] == bad
    assert outbox.counts("p").queued == 0
    probes = [r for r in lrs.requests if r == [history[-1]]]
    assert len(probes) == 3  # one per batch of 10 refused this way (10, 10, 5)
    assert lrs.order == history


def test_a_server_refusing_everything_after_delivered_ones_stops_with_one_probe(
    outbox: Outbox,
) -> None:
    lrs, clock = FakeLrs(), FakeClock()
    history = delivered_history(outbox, lrs, clock)
    ids = queue(outbox, "p", [statement(n) for n in range(30)])
    lrs.faults = [refuse_everything] * 100
    report = engine(outbox, lrs, clock).run(force=True)
    assert report.status == "stopped" and report.refused == ()
    p = report.profile("p")
    assert p is not None and (p.reason, p.waiting, p.poison) == ("unexpected", 30, 0)
    assert p.stop == "lrs_refuses_all"
    assert [r.id for r in outbox.rows("p") if r.state == "queued"] == ids
    assert lrs.requests[-1] == [history[-1]]
    assert sum(r == [history[-1]] for r in lrs.requests) == 1
    assert len(lrs.requests) <= 11


def test_a_probe_lost_to_the_network_sets_nothing_aside_and_retries(outbox: Outbox) -> None:
    lrs, clock = FakeLrs(), FakeClock()
    history = delivered_history(outbox, lrs, clock)
    before = history_rows(outbox)
    [bad] = queue(outbox, "p", [statement(0, bad=True)])
    lrs.faults = [None, status(None, Outcome.RETRY)]  # the bad one refused, the probe lost
    sync = engine(outbox, lrs, clock)
    report = sync.run(force=True)
    assert report.refused == () and outbox.poison_list("p") == []
    p = report.profile("p")
    assert p is not None and (p.reason, p.waiting, p.stop) == ("retry", 1, None)
    assert history_rows(outbox) == before
    clock.advance(10_000)
    report = sync.run()
    assert [r.statement_id for r in report.refused] == [bad]
    assert lrs.requests == [[bad], [history[-1]], [bad], [history[-1]]]


def test_the_probe_is_the_most_recent_delivered_statement(outbox: Outbox) -> None:
    lrs, clock = FakeLrs(), FakeClock()
    old = delivered_history(outbox, lrs, clock, n=2)
    [refused_before] = queue(outbox, "p", [statement(50, bad=True)])
    newer = queue(outbox, "p", [statement(51)])
    engine(outbox, lrs, clock).run(force=True)  # the bad one set aside by the good one after
    assert [p.id for p in outbox.poison_list("p")] == [refused_before]
    lrs.requests.clear()
    [bad] = queue(outbox, "p", [statement(0, bad=True)])
    engine(outbox, lrs, clock).run(force=True)
    assert lrs.requests == [[bad], newer]
    assert old[-1] not in lrs.requests[-1]


def test_no_probe_on_an_ordinary_run(outbox: Outbox) -> None:
    lrs, clock = FakeLrs(), FakeClock()
    delivered_history(outbox, lrs, clock)
    ids = queue(outbox, "p", [statement(n, bad=n == 4) for n in range(8)])
    report = engine(outbox, lrs, clock).run(force=True)
    assert [r.statement_id for r in report.refused] == [ids[4]]
    assert all(set(r) <= set(ids) for r in lrs.requests)  # no statement of the history sent


def test_statements_an_adl_like_lrs_holds_after_a_lost_answer_are_delivered(
    outbox: Outbox,
) -> None:
    """The LRS stored the batch but its answer was lost; sent again, an LRS that answers 409
    for an id it holds (ADL's) refuses the batch and each statement alone. They are there:
    delivered, never set aside as refused."""
    lrs, clock = FakeLrs(), FakeClock()
    delivered_history(outbox, lrs, clock)
    ids = queue(outbox, "p", [statement(i) for i in range(3)])

    def adl(statements: list[dict]) -> PostResult | None:
        if any(s["id"] in lrs.held for s in statements):
            return PostResult(Outcome.REFUSED, 409, answer="statement already exists")
        return None

    lrs.faults = [stored_then_lost(lrs)]
    assert engine(outbox, lrs, clock).run(force=True).status == "waiting"
    lrs.faults = [adl] * 20
    report = engine(outbox, lrs, clock).run(force=True)
    assert report.status == "done" and report.refused == ()
    assert outbox.poison_list("p") == []
    assert {r.id for r in history_rows(outbox)} >= set(ids)
    assert lrs.order.count(ids[0]) == 1


def test_after_an_account_change_the_probe_sends_nothing_of_the_old_server(
    outbox: Outbox,
) -> None:
    """The profile now sends to another LRS: what the old one holds is no probe there (the new
    one would store it). Statements queued before the change follow the profile."""
    old, clock = FakeLrs(target="https://old.test/xAPI/ basic:awa"), FakeClock()
    history = delivered_history(outbox, old, clock)
    new = FakeLrs(target="https://new.test/xAPI/ basic:awa.b")
    [bad] = queue(outbox, "p", [statement(0, bad=True)])

    report = engine(outbox, new, clock).run(force=True)

    assert new.requests == [[bad]] and new.held == {}  # nothing of the history, no probe
    p = report.profile("p")
    assert p is not None and (p.stop, p.waiting, p.poison) == ("refused_unconfirmed", 1, 0)
    assert old.requests == []
    [good] = queue(outbox, "p", [statement(1)])
    clock.advance(10_000)
    report = engine(outbox, new, clock).run(force=True)
    assert [r.statement_id for r in report.refused] == [bad]
    assert new.order == [good]  # delivered there: the next probe may send it, nothing older
    [bad2] = queue(outbox, "p", [statement(2, bad=True)])
    new.requests.clear()
    report = engine(outbox, new, clock).run(force=True)
    assert new.requests == [[bad2], [good]] and new.order == [good]
    assert [r.statement_id for r in report.refused] == [bad2]
    assert not set(history) & set(new.held)
