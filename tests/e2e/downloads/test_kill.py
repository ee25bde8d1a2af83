"""SIGKILL the downloading process at 10 random points: each restart finishes, every blob
verifies, and what the server sends again stays under 1 MiB per kill.

The server is the fault server paced at 4 MB/s per connection, like a real link: the client's
socket buffers stay nearly empty, so its byte counter measures what crossed the link. (nginx on
loopback has no link to wait for: it queues megabytes into its socket buffers and counts them as
sent, which would measure the kernel's buffers, not the resume.)
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from sync.download_state import DownloadState, DownloadStore
from tests.children import started
from tests.e2e.downloads.faultserver import FaultServer
from tests.e2e.downloads.repo import make_repository, store_verifies

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[3]
KILLS = 10
MiB = 1024 * 1024


def driver_argv(source: str, root: Path, db: Path, blobs: Path) -> list[str]:
    return [
        sys.executable, "-m", "tests.e2e.downloads.driver",
        source, str(root), str(db), str(blobs),
    ]  # fmt: skip


def test_sigkill_at_random_points_resumes_from_the_parts(tmp_path: Path, fault_factory) -> None:
    repo = tmp_path / "repo"
    blobs = make_repository(repo, [1_500_000] * 20)
    total = sum(b.size for b in blobs)
    listing = tmp_path / "blobs.json"
    listing.write_text(json.dumps([[b.sha256, b.size] for b in blobs]))
    server: FaultServer = fault_factory(repo, rate=4_000_000)
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    overheads = []
    for kill in range(KILLS):
        root, db = tmp_path / f"store-{kill}", tmp_path / f"db-{kill}.sqlite3"
        argv = driver_argv(server.url, root, db, listing)
        before = server.body_bytes()
        target = rng.randrange(total)
        with started(argv, cwd=ROOT, stdout=subprocess.PIPE, text=True) as child:
            assert child.stdout is not None
            killed_at = None
            for line in child.stdout:
                if line.startswith("progress ") and int(line.split()[1]) >= target:
                    child.send_signal(signal.SIGKILL)
                    killed_at = int(line.split()[1])
                    break
            child.wait()
        assert killed_at is not None and child.returncode == -signal.SIGKILL, (seed, kill)
        crashed = DownloadStore.open(db)
        state = crashed.get("course@1")
        crashed.close()
        assert state is not None and state.state is DownloadState.RUNNING  # as a crash left it
        restart = subprocess.run([*argv, "--quiet"], cwd=ROOT, capture_output=True, text=True)
        assert restart.returncode == 0, (seed, kill, restart.stderr)
        assert store_verifies(root, blobs) == [], (seed, kill)
        assert not any((root / ".partial").iterdir())
        fetched_again = server.body_bytes() - before - total
        overheads.append(fetched_again)
        assert 0 <= fetched_again < MiB, (seed, kill, killed_at, fetched_again)
    print(f"seed {seed}: bytes fetched again per kill: {overheads}")
