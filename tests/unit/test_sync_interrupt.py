"""`cartable sync` interrupted (Ctrl+C, SIGINT) while its request hangs (the LRS never answers,
trickles its answer): it stops at once with one line, and the statements stay queued as they
were (the signal interrupts the socket wait on the main thread, where the engine runs; nothing of
the request is recorded). A real process, a real server, the real records store. A guard: it
passed before the stop of sync/http_stop.py too."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from player.store import Store
from tests.children import started
from tests.e2e.sync_support import append_frozen, extra_statement, make_learner
from tests.slow_lrs import Mode, SlowLrs

REPO = Path(__file__).resolve().parents[2]
HOUR_S = 3600


@pytest.mark.parametrize("mode", ["stall", "trickle"])
@pytest.mark.parametrize("loop", [False, True], ids=["once", "loop"])
def test_ctrl_c_during_a_hung_request_stops_at_once_and_keeps_the_statements(
    tmp_path: Path, mode: Mode, loop: bool
) -> None:
    lrs = SlowLrs(mode)
    learner = make_learner(tmp_path / "home", lrs.url(), "learner", "secret")
    ids = append_frozen(learner, [extra_statement(learner, n) for n in range(3)])
    learner.close()
    env = {**os.environ, **learner.env, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    # The read timeout is an hour: the request ends only by the Ctrl+C or by the server's
    # release, which comes only after the child is reaped (the finally below).
    sync = ["sync", "--read-timeout", str(HOUR_S), *([] if loop else ["--once"])]
    command = [sys.executable, "-m", "player", *sync]
    try:
        with started(
            command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        ) as child:
            assert lrs.arrived.wait(30), "the sync never reached the server"
            time.sleep(0.3)
            child.send_signal(signal.SIGINT)
            # 60 s: a guard against a stop that never reaches the request, not a measure.
            _, err = child.communicate(timeout=60)
        # At once: the child ended while the server still held its request, for good.
        assert not lrs.release.is_set()
        [sent] = [line for line, _ in lrs.requests if line]  # not sent again meanwhile
        assert sent == "POST /xAPI/statements HTTP/1.1"
    finally:
        lrs.stop()
    assert child.returncode == 130
    assert err.splitlines() == ["cartable: interrupted"], err
    store = Store.open(learner.context.paths)
    try:
        rows = [(r.id, r.state, r.attempts) for r in store.outbox.iter_rows(learner.profile.id)]
    finally:
        store.close()
    assert rows == [(i, "queued", 0) for i in ids]
