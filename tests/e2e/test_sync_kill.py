"""`cartable sync --once` killed with SIGKILL at random points, 10 times: the outbox stays the
truth, and Ralph ends up holding each statement exactly once."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.children import started
from tests.e2e.conftest import REPO, RalphServer
from tests.e2e.fault_proxy import FaultProxy
from tests.e2e.sync_support import (
    Learner,
    append_frozen,
    assert_held_once_and_equal,
    extra_statement,
    make_learner,
    study_demo_course,
)

pytestmark = pytest.mark.e2e

KILLS = 10
CHILD_TIMEOUT_S = 300.0


@pytest.fixture
def server(ralph_factory: Callable[[], RalphServer]) -> RalphServer:
    return ralph_factory()


@pytest.fixture
def proxy(server: RalphServer) -> Iterator[FaultProxy]:
    # Every POST takes a little longer, so kills land before, during and after requests.
    made = FaultProxy(server.url.split("/xAPI/")[0], default="delay:0.05").start()
    yield made
    made.stop()


@pytest.fixture
def learner(tmp_path: Path, server: RalphServer, proxy: FaultProxy) -> Iterator[Learner]:
    made = make_learner(tmp_path / "home", proxy.url, server.username, server.password)
    yield made
    made.close()


@contextlib.contextmanager
def start_child(learner: Learner) -> Iterator[subprocess.Popen[bytes]]:
    """`cartable sync --once`, killed if it still runs when the block ends."""
    args = ["sync", "--once", "--wait", "60", "--batch-size", "10", "--backoff", "0.2"]
    with started(
        [sys.executable, "-m", "player", *args],
        cwd=REPO,
        env={**os.environ, **learner.env},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as child:
        yield child


def wait_for_posts(proxy: FaultProxy, count: int, child: subprocess.Popen[bytes]) -> None:
    """Until the proxy has seen `count` POSTs in all, or the child ended by itself."""
    deadline = time.monotonic() + CHILD_TIMEOUT_S
    while len(proxy.log) < count and child.poll() is None:
        assert time.monotonic() < deadline, "the sync child neither posted nor ended"
        time.sleep(0.005)


def test_sigkill_at_random_points_loses_and_duplicates_nothing(
    server: RalphServer,
    proxy: FaultProxy,
    learner: Learner,
    ralph_statements: Callable[..., list[dict]],
) -> None:
    study_demo_course(learner)
    append_frozen(learner, [extra_statement(learner, n) for n in range(440)])
    queued = learner.queued()
    total = len(queued)
    rng = random.Random(os.environ.get("CARTABLE_KILL_SEED", "7"))
    killed_mid_run = 0
    for _ in range(KILLS):
        with start_child(learner) as child:
            wait_for_posts(proxy, len(proxy.log) + rng.randint(1, 4), child)
            time.sleep(rng.uniform(0.0, 0.08))  # before, during or after a request or its marking
            if child.poll() is None:
                os.kill(child.pid, signal.SIGKILL)
                killed_mid_run += 1
            out, err = child.communicate(timeout=CHILD_TIMEOUT_S)
        assert child.returncode in (-signal.SIGKILL, 0), (child.returncode, out, err)
        check = sqlite3.connect(learner.context.paths.database)
        try:
            assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            check.close()
        counts = learner.store.outbox.counts(learner.profile.id)
        assert counts.queued + counts.delivered == total and counts.poison == 0
    assert killed_mid_run == KILLS  # every kill caught the sync at work

    with start_child(learner) as child:
        out, err = child.communicate(timeout=CHILD_TIMEOUT_S)
    assert child.returncode == 0, err.decode()
    assert b"waiting" not in out
    counts = learner.store.outbox.counts(learner.profile.id)
    assert (counts.queued, counts.delivered) == (0, total)

    held = ralph_statements(server)
    assert Counter(s["id"] for s in held) == Counter(list(queued))
    assert_held_once_and_equal(held, queued)
    # Some batches were sent again after a kill (Ralph said 204 or listed only the new ids).
    resent = [
        s
        for s in proxy.log
        if s.upstream_status == 204
        or (s.upstream_status == 200 and len(s.upstream_ids) < len(s.ids))
    ]
    assert resent, "no kill fell between a delivery and its marking; raise KILLS or vary"
