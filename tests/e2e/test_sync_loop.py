"""`cartable sync` without --once: it keeps syncing (what an institution runs on a kiosk or a
lab machine), sends what was queued, then what is queued while it runs, until ^C."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.children import started
from tests.e2e.conftest import REPO, RalphServer
from tests.e2e.sync_support import (
    Learner,
    append_frozen,
    extra_statement,
    make_learner,
    study_demo_course,
)

pytestmark = pytest.mark.e2e

GUARD_S = 120.0
"""A guard against a loop that never sends again, not a measure: the loop is checked by what
it delivered, and by still running, whatever the time a loaded machine and Ralph take."""


@pytest.fixture
def learner(tmp_path: Path, ralph_factory: Callable[[], RalphServer]) -> Iterator[Learner]:
    server = ralph_factory()
    made = make_learner(tmp_path / "home", server.url, server.username, server.password)
    made.server = server  # type: ignore[attr-defined]
    yield made
    made.close()


def _until_all_delivered(learner: Learner, child: subprocess.Popen[bytes], total: int) -> None:
    """Wait until the loop has delivered `total` statements, none left queued; it must not end
    meanwhile."""
    guard = time.monotonic() + GUARD_S
    while True:
        counts = learner.store.outbox.counts(learner.profile.id)
        if counts.delivered == total and counts.queued == 0:
            return
        assert child.poll() is None, "the sync loop ended by itself"
        assert time.monotonic() < guard, f"the sync loop hangs (guard): {counts}"
        time.sleep(0.1)


def test_the_loop_sends_what_is_queued_then_what_comes_later_and_stops_on_ctrl_c(
    learner: Learner, ralph_statements: Callable[..., list[dict]]
) -> None:
    study_demo_course(learner)
    first = len(learner.queued())
    env = {**os.environ, **learner.env}
    with started(
        [sys.executable, "-m", "player", "sync", "--backoff", "0.2", "--interval", "0.5"],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as child:
        try:
            _until_all_delivered(learner, child, first)
            append_frozen(learner, [extra_statement(learner, n) for n in range(30)])
            _until_all_delivered(learner, child, first + 30)
        finally:
            child.send_signal(signal.SIGINT)
            _out, err = child.communicate(timeout=60)
    assert child.returncode == 130, err.decode()
    assert b"interrupted" in err
    held = {s["id"] for s in ralph_statements(learner.server)}  # type: ignore[attr-defined]
    assert held == set(learner.queued())


def test_the_loop_refuses_an_interval_that_is_not_positive(learner: Learner) -> None:
    env = {**os.environ, **learner.env}
    for value in ("0", "-1"):
        run = subprocess.run(
            [sys.executable, "-m", "player", "sync", "--interval", value],
            cwd=REPO,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert run.returncode == 1
        assert run.stderr.strip() == "cartable: --interval must be a positive number of seconds"
