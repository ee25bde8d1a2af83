"""Where going on without a lock would lose a file (sync/interprocess.py): on a file system that
cannot lock, the threads of one process are still kept apart (a `threading.Lock` per lock
file), the store's clean-up removes nothing, the one downloading process is refused in its own
words, and a part another process appended to is never stored; an ENOLCK that passes (NFS's
lock manager lost for a moment) is waited out. flock's refusal is simulated as in
tests/unit/test_interprocess_cannot_lock.py: fcntl.flock raising the errno."""

from __future__ import annotations

import errno
import fcntl
import hashlib
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.library.blobstore import BlobStore
from player.library.course_switch import course_lock
from player.library.download_refusals import DownloadRefused, failure_of
from player.library.garbage_collection import collect
from sync import interprocess
from sync.download_failures import Mismatch
from sync.download_io import blob_path
from sync.download_part import Part
from sync.download_state import BlobSpec, DownloadStore, FailureKind
from sync.interprocess import LockBusy, Locking, ProcessLock, held, try_lock
from tests.unit.test_library_downloads import make_device

CANNOT = [errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EBADF]


@pytest.fixture(autouse=True)
def forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Warnings and lasting ENOLCKs already seen are forgotten; ENOLCK tried again 0.2 s."""
    monkeypatch.setattr(interprocess, "_unlockable", set())
    monkeypatch.setattr(interprocess, "_lasting_nolck", set())
    monkeypatch.setattr(interprocess, "NOLCK_PATIENCE", 0.2)


def refuse_flock(monkeypatch: pytest.MonkeyPatch, code: int) -> list[int]:
    """flock raises `code` from now on; the list counts its calls."""
    calls: list[int] = []

    def refuse(fd: int, operation: int) -> None:
        calls.append(operation)
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fcntl, "flock", refuse)
    return calls


def inside_in_a_thread(enter: Callable[[], object]) -> tuple[threading.Thread, threading.Event]:
    """Run `enter()` (a context manager) in a thread until the returned event is set; returns
    once that thread is inside it."""
    inside, leave = threading.Event(), threading.Event()

    def hold() -> None:
        with enter():  # type: ignore[attr-defined]
            inside.set()
            leave.wait(60)

    thread = threading.Thread(target=hold)
    thread.start()
    assert inside.wait(60)
    return thread, leave


@pytest.mark.parametrize("code", CANNOT)
def test_threads_of_one_process_are_kept_apart_where_the_file_system_cannot_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """Before: `held` went on without the lock in every thread, so an import and a download of
    one course were both inside its lock (the switch's check passed twice)."""
    refuse_flock(monkeypatch, code)
    courses = tmp_path / "courses"
    thread, leave = inside_in_a_thread(lambda: course_lock(courses, "demo", timeout=60))
    try:
        with pytest.raises(LockBusy), course_lock(courses, "demo", timeout=0):
            pass
        assert not ProcessLock(courses / ".locks" / "demo.lock").acquire()
        with held(tmp_path / "another.lock", timeout=0):  # other lock files are not held
            pass
    finally:
        leave.set()
        thread.join()
    with course_lock(courses, "demo", timeout=0):  # released with the thread's block
        pass


def test_threads_are_kept_apart_where_flock_works_too(tmp_path: Path) -> None:
    lock = ProcessLock(tmp_path / "x.lock")
    assert lock.acquire()
    assert not ProcessLock(tmp_path / "x.lock").acquire()
    probe = ProcessLock(tmp_path / "x.lock")
    assert not probe.acquire_if_free()  # a holder in this process is alive
    lock.release()
    assert probe.acquire_if_free()
    probe.release()


@pytest.mark.parametrize("code", CANNOT)
def test_where_the_file_system_cannot_lock_the_clean_up_removes_nothing_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """Before: the clean-up went on without the lock; racing a download in another process (a
    download records its files under that lock) it deleted the file just downloaded, the
    download COMPLETED with its blob gone. A file wrongly kept costs disk space only."""
    blobs = BlobStore(tmp_path / "blobs")
    data = b"an uninstalled course's file"
    sha = hashlib.sha256(data).hexdigest()
    unneeded = blob_path(blobs.root, sha)
    unneeded.parent.mkdir(parents=True)
    unneeded.write_bytes(data)
    refuse_flock(monkeypatch, code)

    result = collect(tmp_path / "courses", blobs, None, None)

    assert result.freed == 0 and unneeded.read_bytes() == data
    assert result.skipped is not None
    assert "cannot lock" in result.skipped and result.skipped.endswith("nothing removed")
    assert ".collect.lock" in result.skipped and "\n" not in result.skipped


@pytest.mark.parametrize("code", CANNOT)
def test_where_the_file_system_cannot_lock_downloading_is_refused_in_its_own_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """Before: the player and `cartable download` both 'held' the one-downloading-process lock
    and appended to the same part file, storing a corrupt blob as verified. Not BUSY: waiting
    for another Cartable would never help."""
    key = PrivateKey.generate()
    device = make_device(tmp_path / "d", [key])
    refuse_flock(monkeypatch, code)
    try:
        with pytest.raises(DownloadRefused) as refused, device.downloads.lock.held():
            pass
        assert refused.value.kind is FailureKind.NO_LOCK and not refused.value.retryable
        assert failure_of(refused.value) is FailureKind.NO_LOCK
        words = str(refused.value)
        assert "downloads.lock: this folder's file system cannot lock files" in words
        assert "another Cartable" not in words and "\n" not in words
        monkeypatch.undo()  # a disk that locks: downloading goes on
        with device.downloads.lock.held():
            pass
    finally:
        device.store.close()
        device.downloads.store.close()


class _Run:
    """What a Part asks of its run: nothing here."""

    def forget_part_bytes(self, count: int) -> None:
        pass


def _parts(tmp_path: Path, data: bytes) -> tuple[Part, Part, Path]:
    """Two processes' handling of one blob: each its own records, the same `.partial` folder."""
    spec = BlobSpec(hashlib.sha256(data).hexdigest(), len(data))
    root = tmp_path / "blobs"
    (root / ".partial").mkdir(parents=True)
    parts = [
        Part(
            _Run(),  # type: ignore[arg-type]
            spec,
            root=root,
            store=DownloadStore.open(tmp_path / f"records{i}.sqlite3", create=True),
            boot_id=None,
            checkpoint_seconds=999,
        )
        for i in range(2)
    ]
    return parts[0], parts[1], blob_path(root, spec.sha256)


def test_a_part_another_process_appended_to_is_not_stored(tmp_path: Path) -> None:
    """Before: A's own count and hash were right, so 1.5 MB were stored under a 1 MB blob's
    name as verified."""
    data = os.urandom(1 << 20)
    a, b, final = _parts(tmp_path, data)
    a.open()
    b.open()
    half = len(data) // 2
    a.write(data[:half])
    b.write(data[:half])
    a.write(data[half:])
    with pytest.raises(Mismatch, match=f"holds {len(data) + half} bytes where {len(data)}"):
        a.finish()
    assert not final.exists()
    for part in (a, b):
        part.close()
        part.store.close()


def test_a_part_removed_or_replaced_while_written_is_not_stored(tmp_path: Path) -> None:
    data = os.urandom(4096)
    a, b, final = _parts(tmp_path, data)
    a.open()
    a.write(data)
    a.path.unlink()
    with pytest.raises(Mismatch, match="removed while it was written"):
        a.finish()
    a.close()
    a.open()  # starts again at 0
    a.write(data)
    a.path.unlink()
    b.open()  # another process's part, under the same name
    b.write(data[:10])
    with pytest.raises(Mismatch, match="replaced while it was written"):
        a.finish()
    assert not final.exists()
    for part in (a, b):
        part.close()
        part.store.close()


def test_an_enolck_that_passes_is_waited_out_and_the_lock_really_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """NFS's lock manager says ENOLCK for a lost moment too (SQLite takes it for BUSY). Before:
    the first ENOLCK was 'cannot lock here', and the sync went on without its lock."""
    real = fcntl.flock
    calls: list[int] = []

    def flaky(fd: int, operation: int) -> None:
        calls.append(operation)
        if len(calls) <= 2:
            raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))
        real(fd, operation)

    monkeypatch.setattr(fcntl, "flock", flaky)
    monkeypatch.setattr(interprocess, "NOLCK_PATIENCE", 60.0)  # passes after two tries
    lock = ProcessLock(tmp_path / "sync.lock")
    with caplog.at_level(logging.WARNING, logger="sync.interprocess"):
        assert lock.acquire()
    assert len(calls) == 3 and "cannot lock" not in caplog.text
    with open(tmp_path / "sync.lock", "a+b") as other:  # another process's try
        assert try_lock(other).state is Locking.BUSY
    lock.release()


def test_an_enolck_that_lasts_is_waited_out_once_per_file_system(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import takes a fresh lock file per copy: a home that never locks must not wait the
    patience for each."""
    calls = refuse_flock(monkeypatch, errno.ENOLCK)
    first = ProcessLock(tmp_path / "a.lock")
    assert first.acquire()  # gone on without, after the patience
    assert len(calls) > 1
    calls.clear()
    second = ProcessLock(tmp_path / "b.lock")
    assert second.acquire()
    assert len(calls) == 1
    with pytest.raises(OSError, match=r"c\.lock: this folder.s file system cannot lock files"):
        ProcessLock(tmp_path / "c.lock", strict=True).acquire()
    first.release()
    second.release()


def test_a_strict_lock_held_by_another_thread_is_busy_not_unsupported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refuse_flock(monkeypatch, errno.EOPNOTSUPP)
    thread, leave = inside_in_a_thread(lambda: held(tmp_path / "x.lock"))
    try:
        assert not ProcessLock(tmp_path / "x.lock", strict=True).acquire()
    finally:
        leave.set()
        thread.join()
