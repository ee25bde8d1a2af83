"""A lock waited for in vain (sync.interprocess.LockBusy) says how long it waited as that reads:
a 0.5 s wait read "still locked by another Cartable after 0 s" in whole seconds, in the line a
failed download keeps as its reason (printed by `cartable download`, the Downloads list's
details) and in an import's details. Real locks, a real download."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from sync.download_options import DownloadOptions
from sync.download_state import DownloadState, FailureKind
from sync.interprocess import LockBusy, ProcessLock, busy_line, collection_lock_path, held
from tests.course_repo import add_course, random_files
from tests.unit.test_library_downloads import KB, Device, install, make_device


@pytest.fixture
def taken(tmp_path: Path) -> Iterator[Path]:
    """A lock file another holder keeps (a ProcessLock of this process: `held` waits for it as
    for another process's)."""
    path = tmp_path / "busy.lock"
    other = ProcessLock(path)
    assert other.acquire()
    yield path
    other.release()


@pytest.mark.parametrize(("timeout", "shown"), [(0.5, "0.5 s"), (0.25, "0.2 s"), (0.05, "0.05 s")])
def test_a_wait_under_a_second_is_said_as_it_was(taken: Path, timeout: float, shown: str) -> None:
    with pytest.raises(LockBusy) as caught, held(taken, timeout):
        pass
    assert str(caught.value) == f"{taken}: still locked by another Cartable after {shown}"


def test_no_wait_says_no_seconds(taken: Path) -> None:
    with pytest.raises(LockBusy) as caught, held(taken, 0):
        pass
    assert str(caught.value) == f"{taken}: locked by another Cartable"


@pytest.mark.parametrize(
    ("waited", "shown"), [(2.0, "2.0 s"), (9.5, "9.5 s"), (10.0, "10 s"), (60.0, "60 s")]
)
def test_longer_waits_read_in_seconds(waited: float, shown: str) -> None:
    """Not waited for here: the same line as `held` raises after `waited` s."""
    assert (
        busy_line(Path("x.lock"), waited)
        == f"x.lock: still locked by another Cartable after {shown}"
    )


def test_what_was_left_of_a_deadline_reads_in_thousandths_at_least() -> None:
    """A wait given what was left of a deadline (as the records' repair wait is). Before:
    "after 4e-05 s"."""
    assert (
        busy_line(Path("x.lock"), 4e-05) == "x.lock: still locked by another Cartable after 0.001 s"
    )


@pytest.fixture
def device(tmp_path: Path) -> Iterator[Device]:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 51), key=key)
    made = make_device(
        tmp_path / "device",
        [key],
        institution=(str(repo),),
        options=DownloadOptions(backoff_base=0.01, network_backoff_base=0.01, clean_up_wait=0.5),
    )
    yield made
    made.store.close()
    made.downloads.store.close()


def test_a_download_that_waited_half_a_second_for_a_clean_up_says_half_a_second(
    device: Device,
) -> None:
    lock = collection_lock_path(device.blobs.root)
    lock.parent.mkdir(parents=True, exist_ok=True)
    cleaning = ProcessLock(lock)  # another Cartable cleaning up the course files
    assert cleaning.acquire()
    try:
        _, outcome = install(device)
    finally:
        cleaning.release()
    assert (outcome.state, outcome.failure) == (DownloadState.FAILED, FailureKind.BUSY)
    [record] = device.downloads.downloads()
    assert record.reason == (
        "another Cartable on this computer is cleaning up the course files: "
        f"{lock}: still locked by another Cartable after 0.5 s"
    )
