"""The sync benchmark ends what it started whatever fails: a server whose stop raises leaves the
others to be stopped, and a reaction run that sees nothing delivered ends its scheduler thread
and says so in one line (a thread left looping held the process at exit instead)."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
from pathlib import Path

import pytest

from benchmarks import sync as bench
from tests.e2e.conftest import RalphServer
from tests.slow_lrs import SlowLrs


class _FakeRalph:
    """Stands for a RalphProcess: an address, and a stop that is recorded (or raises)."""

    def __init__(self, server: RalphServer, fails: bool) -> None:
        self.server, self.fails, self.stopped = server, fails, False

    def stop(self) -> None:
        self.stopped = True
        if self.fails:
            raise RuntimeError(f"the server in {self.server.data_dir.name} would not stop")


class _FakeRalphs:
    """What the benchmark takes for RalphProcess: each server it starts answers at `url`."""

    def __init__(self) -> None:
        self.url = "http://127.0.0.1:9/xAPI/"
        self.failing: set[int] = set()  # indexes in `started` whose stop raises
        self.started: list[_FakeRalph] = []

    def __call__(self, data_dir: Path) -> _FakeRalph:
        server = RalphServer(self.url, "cartable", "secret", data_dir)
        self.started.append(_FakeRalph(server, len(self.started) in self.failing))
        return self.started[-1]


@pytest.fixture
def fake_ralph(monkeypatch: pytest.MonkeyPatch) -> _FakeRalphs:
    fakes = _FakeRalphs()
    monkeypatch.setattr(bench, "RalphProcess", fakes)
    return fakes


def test_a_server_whose_stop_raises_leaves_the_others_to_be_stopped(
    tmp_path: Path, fake_ralph: _FakeRalphs
) -> None:
    fake_ralph.failing = {1, 2}  # the last one started is stopped first
    servers = bench._Servers(tmp_path)
    for _ in range(3):
        servers.fresh()
    with pytest.raises(RuntimeError, match="would not stop"):
        servers.stop()
    assert [s.stopped for s in fake_ralph.started] == [True, True, True]


def _benchmark_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.startswith("sync benchmark")]


def test_a_reaction_with_nothing_delivered_ends_its_thread_and_says_so(
    tmp_path: Path, fake_ralph: _FakeRalphs
) -> None:
    """The LRS takes the request and never answers: the wait times out while it is under way,
    and the run under way is cut off through its cancel, not left to its 30 s read timeout
    (checked by what that timeout would have written, not by the wall clock)."""
    lrs = SlowLrs("stall")
    try:
        fake_ralph.url = lrs.url()
        servers = bench._Servers(tmp_path)
        with pytest.raises(RuntimeError) as raised:
            bench._reaction(servers, tmp_path, delivery_timeout=1.0)
        assert lrs.arrived.is_set() and not lrs.release.is_set()  # still holding the request
        assert _benchmark_threads() == []
        with contextlib.closing(sqlite3.connect(tmp_path / "reaction" / "records.sqlite3")) as conn:
            attempts = conn.execute("SELECT DISTINCT attempts FROM outbox").fetchall()
        assert attempts == [(6,)]  # as queued: no retry written by a timed-out request
        message = str(raised.value)
        assert "\n" not in message
        assert message == (
            f"sync benchmark: nothing delivered to {lrs.url()} within 1 s of the network "
            f"coming back (run 1 of {bench.REACTION_RUNS})"
        )
        servers.stop()
        assert [s.stopped for s in fake_ralph.started] == [True]
    finally:
        lrs.stop()
