"""A build killed outright (SIGKILL, a power cut) cannot remove its dist/.cartable-build-*
folder: the next build does, and never the folder of a build still running (it holds the lock
on the `.lock` inside, packaging/build_folders.py). dist/.cartable-previous-* stays: publish()
keeps it on purpose and names it in its error."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import time
from pathlib import Path

import pytest

from tests.unit.installer_build_support import (
    archive_name,
    build_module,
    hanging_build,
    previous_outputs,
    run_build,
)

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="SIGKILL, and the .tar.gz is Linux's"
)


def test_a_killed_build_s_folder_is_removed_by_the_next_build(tmp_path: Path) -> None:
    dist = previous_outputs(tmp_path / "dist")
    kept = dist / ".cartable-previous-k3pt"
    (kept / "cartable").mkdir(parents=True)
    (kept / "cartable" / "cartable").write_bytes(b"kept on purpose")
    with hanging_build(tmp_path, work="work-killed") as (killed, stand_in):
        try:
            (stale,) = dist.glob(".cartable-build-*")
            os.kill(killed.pid, signal.SIGKILL)
            assert killed.wait(timeout=30) == -signal.SIGKILL
        finally:  # the stand-in PyInstaller it started, now an orphan, ends too
            with contextlib.suppress(ProcessLookupError):
                os.kill(stand_in, signal.SIGKILL)
            (tmp_path / "fake-release").touch()
    assert (stale / ".lock").is_file()  # what a killed build leaves

    result = run_build(tmp_path, "complete")
    assert result.returncode == 0, result.stdout + result.stderr
    assert not stale.exists()
    names = sorted(p.name for p in dist.iterdir())
    assert names == [kept.name, "cartable", archive_name()]
    assert (kept / "cartable" / "cartable").read_bytes() == b"kept on purpose"


def test_the_folder_of_a_running_build_is_left_alone(tmp_path: Path) -> None:
    dist = previous_outputs(tmp_path / "dist")
    with hanging_build(tmp_path, work="work-running") as (running, _):
        try:
            (live,) = dist.glob(".cartable-build-*")
            marked = (live / ".lock").read_bytes()
            result = run_build(tmp_path, "complete", work="work-second")
            assert result.returncode == 0, result.stdout + result.stderr
            assert (live / ".lock").read_bytes() == marked
            assert running.poll() is None
        finally:
            (tmp_path / "fake-release").touch()
            _, err = running.communicate(timeout=60)
    # The running build went on to its end (its stand-in PyInstaller failed) and removed its own.
    assert err.strip().splitlines()[-1].startswith("build: PyInstaller failed (1): released")
    assert not list(dist.glob(".cartable-build-*"))


def test_a_folder_without_a_marked_lock_is_removed_only_when_old(tmp_path: Path) -> None:
    """No lock file (a build from before the lock, or one killed between creating its folder
    and its lock) or an unmarked one (a build about to lock it): kept for an hour."""
    build_module()
    import build_folders  # on sys.path once build.py is loaded

    bare, unmarked = tmp_path / ".cartable-build-bare", tmp_path / ".cartable-build-unmarked"
    bare.mkdir()
    unmarked.mkdir()
    (unmarked / ".lock").touch()
    now = time.time()
    assert build_folders.remove_stale_builds(tmp_path, now=now) == []
    assert bare.is_dir() and unmarked.is_dir()
    later = now + build_folders.GRACE_SECONDS + 60
    assert build_folders.remove_stale_builds(tmp_path, now=later) == [bare, unmarked]
    assert not bare.exists() and not unmarked.exists()


def test_a_folder_removed_by_its_own_build_while_looked_at_is_left(tmp_path: Path) -> None:
    """A running build that ends between the next one's listing of dist/ and its look at the
    folder removes it itself: nothing to do (it was an UnboundLocalError traceback)."""
    build_module()
    import build_folders

    assert not build_folders._dead(tmp_path / ".cartable-build-gone", time.time())
