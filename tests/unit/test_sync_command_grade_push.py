"""`cartable sync --once` when a grade comes back: `_run` pushes again what the grade satisfied.
That second push must not cover a profile whose credentials the first push just saw refused,
or the refusal is lost from the report and the exit code (6, a person must act) becomes 3.
Through the real `_run`, `_once` and SyncEngine on a real outbox; only the LRS is scripted
(tests/unit/engine_support.py), and the grade read is a stand-in queueing what it satisfied."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

import pytest

from player.commands import sync as command
from player.player_sync import Pulled
from sync.engine import SyncEngine, SyncReport
from sync.lrs import Outcome
from sync.outbox import Outbox
from tests.unit.engine_support import FakeClock, FakeLrs, engine, open_outbox, queue, status
from tests.unit.engine_support import statement as xapi


class GradedSync:
    """PlayerSync's steps that `_run` calls, around a real engine: a grade comes back for "b"
    and queues the statement it satisfied."""

    def __init__(self, outbox: Outbox, engine: SyncEngine) -> None:
        self.outbox = outbox
        self.engine = engine
        self.pulled_for: list[str] = []
        self.pushed: list[Sequence[str] | None] = []

    def push(
        self,
        profile_ids: Sequence[str] | None = None,
        cancel: object = None,
        *,
        force: bool = False,
        patience: float | None = None,
    ) -> SyncReport:
        self.pushed.append(None if profile_ids is None else list(profile_ids))
        return self.engine.run(profile_ids, force=force, patience=patience)

    def pull_requests(self, store: object, profile_ids: object = None) -> list[SimpleNamespace]:
        return [SimpleNamespace(profile_id=p) for p in ("a", "b")]

    def pull(self, requests: Sequence[SimpleNamespace]) -> list[Pulled]:
        self.pulled_for = [r.profile_id for r in requests]
        return [Pulled(r.profile_id, None) for r in requests]

    def apply(self, store: object, pulled: object) -> list[SimpleNamespace]:
        queue(self.outbox, "b", [xapi(3)])  # b's exam passed: its course 'satisfied'
        attempt = SimpleNamespace(course_id="maths", unit_id="exam", number=1)
        return [
            SimpleNamespace(
                profile_id="b", attempt=attempt, result=SimpleNamespace(passed=True, score=None)
            )
        ]

    def note_success(
        self, store: object, report: SyncReport, profile_ids: object = None
    ) -> tuple[str, ...]:
        return ()


def test_once_exits_6_when_the_refused_profile_was_on_backoff_and_another_got_a_grade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Before: the second push (not forced) skipped a, on its backoff from an earlier 503, and
    reported it 'retry' with that 503: the merged report had no refused account, exit 3."""
    outbox = open_outbox(tmp_path)
    a = FakeLrs(target="https://lrs.test/xAPI/ basic:a")
    b = FakeLrs(target="https://lrs.test/xAPI/ basic:b")
    queue(outbox, "a", [xapi(1)])
    queue(outbox, "b", [xapi(2)])
    clock = FakeClock()
    # An earlier run: a's head backs off (twice: b's delivery to the same endpoint sends it
    # again at once, f5 #2).
    a.faults = [status(503, Outcome.RETRY)] * 2
    engine(outbox, {"a": a, "b": b}, clock).run(force=True)
    clock.advance(0.5)
    a.faults = [status(401, Outcome.AUTH)] * 5  # today: a's password was changed
    sync = GradedSync(outbox, engine(outbox, {"a": a, "b": b}, clock))
    store = SimpleNamespace(
        profiles=SimpleNamespace(
            all=lambda: [SimpleNamespace(id="a", name="Awa"), SimpleNamespace(id="b", name="Binta")]
        )
    )

    code = command._once(sync, store, None, 0.0, force=True)  # type: ignore[arg-type]

    assert code == command.EXIT_ACCOUNT_REFUSED
    assert sync.pulled_for == ["b"]  # a refused account reads no grade either
    assert sync.pushed == [None, ["b"]]  # the satisfied statement went, a not asked again
    assert len(b.requests) == 2 and len(a.requests) == 3  # 503, 503 earlier; 401
    out = capsys.readouterr().out
    assert "Awa: 1 waiting:" in out and "401" in out
    assert "Binta: sent 1 statement\n" in out  # its grade's statement (2 went earlier)


def test_a_grade_for_a_profile_run_alone_is_pushed_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outbox = open_outbox(tmp_path)
    b = FakeLrs(target="https://lrs.test/xAPI/ basic:b")
    queue(outbox, "b", [xapi(2)])
    sync = GradedSync(outbox, engine(outbox, {"b": b}, FakeClock()))
    store = SimpleNamespace(profiles=SimpleNamespace(all=lambda: []))
    assert command._once(sync, store, ["b"], 0.0, force=False) == 0  # type: ignore[arg-type]
    assert sync.pushed == [["b"], ["b"]] and outbox.profiles_waiting() == []
