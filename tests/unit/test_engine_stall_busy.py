"""A run that found the sync busy (another Cartable process holds its lock) made no request:
the stall an earlier run of this engine noted (a server that did not answer) must not hold
the grade reads after it, which ask `SyncEngine.unanswered`. Real SyncEngine, outbox and OS
lock; the LRS scripted (tests/unit/engine_support.py)."""

from __future__ import annotations

from pathlib import Path

from sync.interprocess import ProcessLock
from sync.lrs import Outcome, PostResult
from tests.unit.engine_support import FakeClock, FakeLrs, engine, open_outbox, queue, statement

SERVER = "https://lrs.test:443"


def _hang(_statements: list[dict]) -> PostResult:
    return PostResult(Outcome.RETRY, None, answer="lrs.test did not answer", timed_out=True)


def test_a_busy_run_leaves_no_earlier_stall_to_hold_the_grade_reads(tmp_path: Path) -> None:
    """Before: the GUI's run was 'busy' (a cron `cartable sync --once` held the lock), and
    its next pull skipped every profile on the server with 'did not answer another profile's
    request', though this run asked nothing."""
    outbox = open_outbox(tmp_path)
    lrs = {"a": FakeLrs(target="https://lrs.test/xAPI/ basic:a", faults=[_hang])}
    queue(outbox, "a", [statement(1)])
    clock = FakeClock()
    gui = engine(outbox, lrs, clock, process_lock=ProcessLock(tmp_path / "sync.lock"))
    gui.run(force=True)  # its send timed out
    assert "another profile's request" in gui.unanswered(SERVER)
    assert gui.unanswered(SERVER, "a") == "lrs.test did not answer"  # its own words
    clock.advance(3)  # within the stall
    cron = ProcessLock(tmp_path / "sync.lock")  # `cartable sync --once` from cron
    assert cron.acquire()
    try:
        assert gui.run(force=True).status == "busy"
    finally:
        cron.release()
    assert gui.unanswered(SERVER) == "" and gui.unanswered(SERVER, "a") == ""
