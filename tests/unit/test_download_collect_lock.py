"""A download that cannot take the store's clean-up lock (`<blobs>/.collect.lock`) is recorded as
failed, with the kind of its failure, through the real downloader: never a row that vanishes
without a word. Held by another process too long: BUSY (another Cartable is at work, nothing is
wrong); the lock file cannot be opened: the disk refused it."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.library.downloads import failure_of
from sync.download_options import DownloadOptions
from sync.download_state import DownloadState, FailureKind
from sync.interprocess import LockBusy, collection_lock_path
from tests.course_repo import add_course, random_files
from tests.unit.test_library_downloads import KB, Device, install, make_device

_HOLDER = """
import sys, time
from pathlib import Path
from sync.interprocess import ProcessLock

lock = ProcessLock(Path(sys.argv[1]))
assert lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


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


def assert_recorded_failure(device: Device, kind: FailureKind) -> None:
    [record] = device.downloads.downloads()
    assert record.state is DownloadState.FAILED
    assert record.failure is kind
    assert record.reason and "\n" not in record.reason


def test_a_clean_up_lock_held_by_another_process_fails_the_download_as_busy(
    device: Device,
) -> None:
    lock = collection_lock_path(device.blobs.root)
    lock.parent.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(lock)],
        cwd=Path(__file__).parents[2],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        _, outcome = install(device)
        assert time.monotonic() - started < 30
    finally:
        holder.kill()
        holder.wait(30)
    assert outcome.state is DownloadState.FAILED
    assert outcome.failure is FailureKind.BUSY
    assert_recorded_failure(device, FailureKind.BUSY)
    assert device.stored_blobs() == set()  # nothing fetched while a clean-up may be deleting


def test_a_clean_up_lock_that_cannot_be_opened_fails_the_download_as_a_disk_failure(
    device: Device,
) -> None:
    collection_lock_path(device.blobs.root).mkdir(parents=True)  # opening it fails
    _, outcome = install(device)
    assert outcome.state is DownloadState.FAILED
    assert outcome.failure is FailureKind.DISK
    assert_recorded_failure(device, FailureKind.DISK)


def test_a_failed_download_resumes_once_the_clean_up_lock_is_free(device: Device) -> None:
    folder = collection_lock_path(device.blobs.root)
    folder.mkdir(parents=True)
    prepared, outcome = install(device)
    assert outcome.state is DownloadState.FAILED
    folder.rmdir()
    again = device.downloads.resume(prepared.download_id)
    assert again.state is DownloadState.COMPLETED, again.error
    assert device.library.get("maths") is not None


def test_a_lock_waited_for_in_vain_is_busy_not_a_disk_failure() -> None:
    busy = LockBusy("/x/.collect.lock: still locked by another Cartable after 60 s")
    assert isinstance(busy, TimeoutError)
    assert failure_of(busy) is FailureKind.BUSY
    assert failure_of(TimeoutError("timed out")) is not FailureKind.BUSY
