"""SIGKILL `cartable download` at 10 random points, restarting it each time until the course is
installed: it verifies, and what nginx sends again stays under 1 MiB per kill.

The learner's cap (500 KB/s) sizes each connection's receive buffer to its share, and nginx's send
buffer is bounded, so what a kill throws away is what sat in those buffers; what reached the part
files is kept (a kill is not a power cut: the page cache survives). An 11th kill aims right
after the last file arrived, before the install (when it lands in time, the restart installs
without fetching anything again).
"""

from __future__ import annotations

import random
import re
import signal
import subprocess
from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.install_support import Home

pytestmark = pytest.mark.e2e

KILLS = 10
MiB = 1024 * 1024


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


def kill_when(child: subprocess.Popen[str], target: int | None) -> str:
    """Kill at the first progress line at or past `target` bytes (None: once downloaded, before
    the install; so is a target past the last progress line printed, the progress being said a
    few times a second). Returns what the child printed."""
    assert child.stdout is not None
    seen = []
    for line in child.stdout:
        seen.append(line)
        match = re.match(r"progress (\d+) of", line)
        hit = match is not None and target is not None and int(match.group(1)) >= target
        if hit or line.startswith("downloaded; installing"):
            child.send_signal(signal.SIGKILL)
            break
    child.wait()
    child.stdout.close()
    if child.stderr is not None:
        child.stderr.close()
    return "".join(seen)


def test_sigkill_at_random_points_then_the_course_installs(
    tmp_path: Path, nginx_factory, key: PrivateKey
) -> None:
    repo = tmp_path / "repo"
    course = add_course(repo, random_files(20, 600_000, 1), key=key)
    total = course.size
    nginx = nginx_factory(repo, sndbuf=32 * 1024)
    home = Home(tmp_path / "home")
    home.trust(key, tmp_path / "keys")
    home.ok("catalogs", "add", nginx.url)
    rng = random.Random()
    seed = rng.randrange(1 << 30)
    rng.seed(seed)
    targets: list[int | None] = [*sorted(rng.sample(range(total), KILLS)), None]
    sent = 0
    kept = 0
    lost = []
    for kill, target in enumerate(targets):
        with home.started("download", "maths", "--cap", "500") as child:
            printed = kill_when(child, target)
        if child.returncode == 0 and ("downloaded; installing" in printed or target is None):
            break  # the install won the race with a kill aimed at it: nothing to resume
        if child.returncode == 0 and "is already installed" in printed:
            break  # an earlier kill aimed at the install landed after it: nothing to resume
        assert child.returncode == -signal.SIGKILL, (seed, kill, printed)
        nginx.settle()
        now_sent = nginx.body_bytes()
        now_kept = home.bytes_on_disk()
        lost.append((now_sent - sent) - (now_kept - kept))
        sent, kept = now_sent, now_kept
        assert lost[-1] < MiB, (seed, kill, target, lost)
    out = home.ok("download", "maths", "--cap", "500")
    assert "installed maths 1.0.0" in out or "already installed" in out, out
    nginx.settle()
    assert "maths\t1.0.0\tverified" in home.ok("courses", "list")
    assert "every file verified" in home.ok("courses", "check", "maths")
    assert home.verify_blobs(list(course.course.files())) == []
    assert not any((home.blobs / ".partial").iterdir())
    assert home.ok("download", "--list") == "no download in progress\n"
    fetched_again = nginx.body_bytes() - total
    assert 0 <= fetched_again < KILLS * MiB, (seed, lost)
    print(f"seed {seed}: bytes lost per kill {lost}; fetched again in all {fetched_again}")
