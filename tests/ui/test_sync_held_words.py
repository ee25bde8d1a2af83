"""A profile not asked this run because its server timed out on another profile's request: the
status bar's tooltip and the Sync panel say it in the interface's language, like any request
that got no answer; the engine's English line is left to the panel's Details, for support. A
real engine run (real SQLite outbox) makes the report."""

from __future__ import annotations

from pathlib import Path

from player.ui.sync_status import SyncStatus
from sync.lrs import Outcome, PostResult
from tests.ui.unit_support import french, shipped_french
from tests.unit.engine_support import FakeClock, FakeLrs, engine, open_outbox, queue, statement

NO_ANSWER = (
    "The institution's server could not be reached: the network or the server may be down. "
    "Your records are kept on this computer and will be sent again."
)


def _hangs(_: list[dict]) -> PostResult:
    return PostResult(Outcome.RETRY, None, answer="lrs.test did not answer", timed_out=True)


def test_a_profile_held_behind_a_hanging_server_is_told_in_french(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outbox = open_outbox(tmp_path)
    lrs = {
        "1-first": FakeLrs(target="https://lrs.test/xAPI/ basic:a", faults=[_hangs]),
        "2-held": FakeLrs(target="https://lrs.test/xAPI/ basic:b"),
    }
    for profile in lrs:
        queue(outbox, profile, [statement(n) for n in range(2)])
    report = engine(outbox, lrs, FakeClock()).run(force=True)
    held = report.profile("2-held")
    assert held is not None and lrs["2-held"].requests == []
    assert held.detail == "not asked: https://lrs.test:443 did not answer another profile's request"
    status = SyncStatus("waiting", 2, 0, None, held.detail, profile_id="2-held")
    with french(qapp):
        assert status.detail_text() == shipped_french("SyncStatus", NO_ANSWER)
    assert status.raw_detail() == held.detail  # kept for support, in the panel's Details
