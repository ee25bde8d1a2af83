"""The batch size follows the link: a batch that got no answer halves it for its server (down to
1), 4 batches in a row then delivered whole double it back up to `batch_size` (sync.engine's
RETRY)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from sync.engine import EngineOptions
from sync.lrs import Outcome, PostResult
from sync.outbox import Outbox
from tests.unit.engine_support import FakeClock, FakeLrs, engine, open_outbox, queue, statement

OPTIONS = EngineOptions(batch_size=50, backoff_base=4.0, backoff_cap=60.0, jitter=0.25)


@pytest.fixture
def outbox(tmp_path: Path) -> Outbox:
    return open_outbox(tmp_path)


@dataclass
class CuttingLrs(FakeLrs):
    """A link that drops every body longer than `limit` bytes before the LRS sees it (the
    audit's proxy cutting bodies over 40 KB: 0 of 234 delivered)."""

    limit: int = 0

    def post_statements(self, bodies: Sequence[bytes]) -> PostResult:
        if self.limit and len(b"[" + b",".join(bodies) + b"]") > self.limit:
            self.requests.append([])
            return PostResult(Outcome.RETRY, None, answer="127.0.0.1 closed the connection")
        return super().post_statements(bodies)


def _sizes(lrs: FakeLrs) -> list[int]:
    return [len(r) for r in lrs.requests]


def test_a_link_cutting_long_bodies_gets_everything_once_in_smaller_batches(
    outbox: Outbox,
) -> None:
    ids = queue(outbox, "p", [statement(n) for n in range(234)])
    one = len(outbox.take_batch("p", 1)[0].body)
    lrs, clock = CuttingLrs(limit=16 * one), FakeClock()
    report = engine(outbox, lrs, clock, options=OPTIONS).run(patience=3600)
    assert (report.status, report.delivered) == ("done", 234)
    assert lrs.order == ids  # each once, in creation order
    sizes = _sizes(lrs)
    # 50 and 25 cut (nothing stored), 12 goes 4 times, 24 cut, 12 goes 4 times...
    assert sizes[:8] == [0, 0, 12, 12, 12, 12, 0, 12]
    assert max(sizes) == 12 and sizes.count(0) <= sizes.count(12) // 4 + 2


def test_the_batch_size_grows_back_after_deliveries(outbox: Outbox) -> None:
    ids = queue(outbox, "p", [statement(n) for n in range(310)])
    lrs, clock = CuttingLrs(limit=1), FakeClock()
    sync = engine(outbox, lrs, clock, options=OPTIONS)
    for _ in range(6):  # the link is down: 50, 25, 12, 6, 3, 1 sent, none answered
        sync.run(force=True)
    assert _sizes(lrs) == [0] * 6
    lrs.limit = 0
    report = sync.run(force=True)
    assert (report.status, report.delivered) == ("done", 310) and lrs.order == ids
    assert _sizes(lrs)[6:] == [1] * 4 + [2] * 4 + [4] * 4 + [8] * 4 + [16] * 4 + [32] * 4 + [50, 8]


def test_refusals_and_5xx_leave_the_batch_size_alone(outbox: Outbox) -> None:
    ids = queue(outbox, "p", [statement(n) for n in range(120)])
    lrs, clock = FakeLrs(), FakeClock()
    lrs.faults = [lambda _: PostResult(Outcome.RETRY, 503, answer="busy")]
    sync = engine(outbox, lrs, clock, options=OPTIONS)
    sync.run(patience=3600)
    assert _sizes(lrs) == [50, 50, 50, 20] and lrs.order == ids


def test_each_server_has_its_own_batch_size(outbox: Outbox) -> None:
    queue(outbox, "a", [statement(n) for n in range(60)])
    queue(outbox, "b", [statement(n) for n in range(60)])
    one = len(outbox.take_batch("a", 1)[0].body)
    slow = CuttingLrs(limit=20 * one, target="https://slow.test/xAPI/ basic:a")
    fast = FakeLrs(target="https://fast.test/xAPI/ basic:b")
    report = engine(outbox, {"a": slow, "b": fast}, FakeClock(), options=OPTIONS).run(patience=3600)
    assert report.status == "done" and _sizes(fast) == [50, 10]
    assert max(_sizes(slow)) <= 20
