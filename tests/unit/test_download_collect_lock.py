"""A download that cannot take the store's clean-up lock (`<blobs>/.collect.lock`) is recorded as
failed, with the kind of its failure, through the real downloader: never a row that vanishes
without a word. Held by another process too long: BUSY (another Cartable is at work, nothing is
wrong); the lock file cannot be opened: the disk refused it."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.library.download_records import InstallOutcome
from player.library.download_refusals import failure_of
from sync.download_options import DownloadOptions
from sync.download_state import DownloadState, FailureKind
from sync.interprocess import LockBusy, ProcessLock, collection_lock_path
from tests import children
from tests.course_repo import add_course, random_files
from tests.guard import GUARD_S
from tests.unit.test_library_downloads import KB, Device, install, make_device

_HOLDER = """
import sys, time
from pathlib import Path
from sync.interprocess import ProcessLock

lock = ProcessLock(Path(sys.argv[1]))
assert lock.acquire()
print("held", flush=True)
time.sleep(3600)  # killed by the test once it is done
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
    with children.started(
        [sys.executable, "-c", _HOLDER, str(lock)],
        cwd=Path(__file__).parents[2],
        stdout=subprocess.PIPE,
        text=True,
        grace=0,  # killed at the end of the block
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        _, outcome = install(device)
        # The download gave up its own wait (clean_up_wait): the holder still holds the lock.
        assert holder.poll() is None
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


class PauseEvent(threading.Event):
    """A download's pause event that tells whether the download waited on it: it does so
    only between two tries of a busy lock (sync.interprocess.held), or at a closed gate
    (none here), never while it fetches."""

    def __init__(self) -> None:
        super().__init__()
        self.waited = False

    def wait(self, timeout: float | None = None) -> bool:
        self.waited = True
        return super().wait(timeout)


@pytest.fixture
def patient_device(tmp_path: Path) -> Iterator[Device]:
    """A device whose downloads would wait a whole minute for a clean-up to end."""
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 52), key=key)
    made = make_device(
        tmp_path / "device",
        [key],
        institution=(str(repo),),
        options=DownloadOptions(backoff_base=0.01, network_backoff_base=0.01, clean_up_wait=60),
    )
    yield made
    made.store.close()
    made.downloads.store.close()


def test_a_pause_ends_the_wait_for_the_clean_up_lock(patient_device: Device) -> None:
    """The learner pauses while the download waits for another holder's clean-up: it stops
    waiting then (not after `clean_up_wait`), paused with nothing fetched, and once resumed it
    still waits for that clean-up before counting any file as present."""
    device = patient_device
    clean_up = ProcessLock(collection_lock_path(device.blobs.root))
    assert clean_up.acquire()  # another holder: its own open file, as a clean-up's
    cancel = threading.Event()
    outcomes: list[InstallOutcome] = []
    worker = threading.Thread(target=lambda: outcomes.append(install(device, cancel=cancel)[1]))
    try:
        worker.start()
        deadline = time.monotonic() + 60  # a guard against a download never recorded
        while not device.downloads.downloads() and time.monotonic() < deadline:
            time.sleep(0.01)  # recorded, so now waiting for the lock
        cancel.set()
        worker.join(timeout=120)  # a guard against a hang, longer than the 60 s lock wait
        assert not worker.is_alive()
        [outcome] = outcomes
        # Ended by the pause: the 60 s lock wait would have ended it FAILED (BUSY).
        assert outcome.state is DownloadState.PAUSED, (outcome.state, outcome.error)
        assert device.stored_blobs() == set()
        resumed = PauseEvent()
        again: list[InstallOutcome] = []
        download_id = outcome.download_id

        def resume() -> None:
            again.append(device.downloads.resume(download_id, cancel=resumed))

        worker = threading.Thread(target=resume)
        worker.start()
        deadline = time.monotonic() + GUARD_S  # a guard against a hang
        while not (resumed.waited or again or device.stored_blobs()):
            assert time.monotonic() < deadline, "the resumed download neither waits nor fetches"
            time.sleep(0.01)
        # It waits for the clean-up (between two tries of the lock): nothing fetched, not ended.
        assert not again and device.stored_blobs() == set(), again
        assert resumed.waited
    finally:
        clean_up.release()
    worker.join(GUARD_S)  # a guard against a hang
    assert not worker.is_alive()
    [completed] = again
    assert completed.state is DownloadState.COMPLETED, completed.error
    assert device.library.get("maths") is not None
