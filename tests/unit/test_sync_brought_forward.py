"""A profile brought forward by another's delivery, once a recovery (review r5 #3).

f9ebde8 ended the backoff of every profile on a server that just took another profile's batch
(`SyncEngine._taken`). A server that takes A's small batches and answers B's with 503 (a load
balancer with one sick backend, a proxy that fails big bodies) then made B post its backlog at
every run in which A delivered, whatever B's backoff (up to 15 min): with a run a minute, 60
times an hour instead of about 11. Now a profile brought forward whose batch failed waits for
its own backoff, and is brought forward again only once it has gone on it, or delivered; the
mark is kept in the database (`Outbox.bring_forward`), so `cartable sync --once` run by cron,
a new process each minute, keeps to it too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.engine import EngineOptions, SyncEngine
from sync.lrs import Outcome
from sync.outbox import Outbox
from tests.unit.engine_support import FakeClock, FakeLrs, engine, open_outbox, queue, status
from tests.unit.engine_support import statement as xapi

REAL = EngineOptions(batch_size=50, backoff_base=5.0, backoff_cap=900.0, jitter=0.0)
ENDPOINT = "https://lrs.test/xAPI/"


def _an_hour(tmp_path: Path, *, with_a: bool, per_run: bool) -> int:
    """How many times B posted in an hour of one run a minute, its server failing all its
    batches, while A queues a record a minute that the same server takes (`with_a`)."""
    tmp_path.mkdir()
    outbox = open_outbox(tmp_path)
    a, b = FakeLrs(), FakeLrs()
    b.faults = [status(503, Outcome.RETRY)] * 10_000
    clock = FakeClock()

    def made() -> SyncEngine:
        return engine(outbox, {"a": a, "b": b}, clock, options=REAL)

    eng = made()
    queue(outbox, "b", [xapi(n) for n in range(50)], at=clock.now())
    for minute in range(60):
        if with_a:
            queue(outbox, "a", [xapi(1000 + minute)], at=clock.now())
        if per_run:  # `cartable sync --once` from cron: a new engine each time
            eng = made()
        eng.run(force=False)
        clock.advance(60.0)
    if with_a:
        assert len(a.held) == 60, "A's records all went"
    return len(b.requests)


@pytest.mark.parametrize("per_run", [False, True], ids=["one process", "a process per run"])
def test_a_profile_the_server_keeps_failing_keeps_its_backoff(
    tmp_path: Path, per_run: bool
) -> None:
    alone = _an_hour(tmp_path / "alone", with_a=False, per_run=per_run)
    beside_a = _an_hour(tmp_path / "beside", with_a=True, per_run=per_run)
    print(f"B posted {alone} times in an hour alone, {beside_a} beside A")
    # Each time B went on its own backoff, one more when A next delivers: at most twice.
    assert beside_a <= 2 * alone, (alone, beside_a)  # 60 before (one a run)


def _runs_posting_b(outbox: Outbox, eng: SyncEngine, clock: FakeClock, b: FakeLrs) -> bool:
    """One run in which A has a record to deliver: whether B posted in it."""
    before = len(b.requests)
    queue(outbox, "a", [xapi(int(clock.now()) % 100_000)], at=clock.now())
    eng.run(force=False)
    return len(b.requests) > before


def test_brought_forward_again_once_it_went_on_its_own_backoff(tmp_path: Path) -> None:
    outbox = open_outbox(tmp_path)
    a, b = FakeLrs(), FakeLrs()
    clock = FakeClock()
    eng = engine(outbox, {"a": a, "b": b}, clock, options=REAL)
    queue(outbox, "b", [xapi(n) for n in range(3)], at=clock.now())
    b.faults = [status(503, Outcome.RETRY)] * 3
    eng.run(force=False)  # B's first try fails on its own: backoff 5 s, then 10, 20...
    for _ in range(2):
        clock.advance(30.0)
        eng.run(force=False)
    assert len(b.requests) == 3 and outbox.next_due("b") > clock.now() + 10  # type: ignore[operator]
    clock.advance(1.0)
    b.faults = [status(503, Outcome.RETRY)]
    assert _runs_posting_b(outbox, eng, clock, b), "A delivered: B brought forward, fails"
    assert outbox.brought_forward("b", ENDPOINT)
    clock.advance(1.0)
    assert not _runs_posting_b(outbox, eng, clock, b), "not again before its own backoff"
    clock.advance(outbox.next_due("b") - clock.now() + 0.5)  # type: ignore[operator]
    b.faults = [status(503, Outcome.RETRY)]
    assert _runs_posting_b(outbox, eng, clock, b), "its own backoff: B goes, fails"
    assert len(b.requests) == 5
    assert not outbox.brought_forward("b", ENDPOINT)
    clock.advance(1.0)
    assert _runs_posting_b(outbox, eng, clock, b), "brought forward again: the server takes it"
    assert outbox.counts("b").queued == 0 and len(b.held) == 3
    assert not outbox.brought_forward("b", ENDPOINT)
