"""An exclusive lock shared by every process of one installation (the GUI, `cartable sync`).

Two processes posting the same batch at the same instant are harmless on an LRS that keeps one
copy per statement id, but not on every LRS: one sync at a time per data folder. The lock is an
OS file lock, released by the kernel if the process dies, so a crash never leaves it stuck.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

if os.name == "nt":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def _lock(handle: IO[bytes]) -> bool:
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

else:
    import fcntl

    def _lock(handle: IO[bytes]) -> bool:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


class ProcessLock:
    """`acquire()` without waiting; `release()` (or the process ending) frees it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def acquire(self) -> bool:
        if self._handle is not None:
            return False
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+b")  # noqa: SIM115 - kept open while the lock is held
        if not _lock(handle):
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file releases the lock
            self._handle = None


class LockBusy(TimeoutError):
    """`held` waited its whole timeout: another Cartable (or thread) kept the lock. Nothing is
    wrong with the disk; try again once it is done. Told apart from a network time-out."""


class LockWaitCancelled(Exception):
    """`held` stopped waiting because its `cancel` was set (a paused download): the lock was
    never had."""


@contextlib.contextmanager
def held(
    path: Path, timeout: float = 60.0, cancel: threading.Event | None = None
) -> Iterator[None]:
    """Hold the lock on `path` for the block, waiting for it (another process or thread: each
    holder opens the file itself). Raises LockBusy when it stays taken for `timeout` s,
    LockWaitCancelled as soon as `cancel` is set while waiting (a pause must not sit out a
    clean-up), OSError when the lock file cannot be opened."""
    lock = ProcessLock(path)
    deadline = time.monotonic() + timeout
    while not lock.acquire():
        if time.monotonic() >= deadline:
            raise LockBusy(f"{path}: still locked by another Cartable after {timeout:.0f} s")
        if cancel is None:
            time.sleep(0.02)
        elif cancel.wait(0.02):
            raise LockWaitCancelled(f"{path}: stopped waiting for the lock")
    try:
        yield
    finally:
        lock.release()


def collection_lock_path(root: Path) -> Path:
    """The lock a clean-up of the store holds while it reads what to keep and deletes the rest,
    and a download holds while it records its blobs: a download recorded after the clean-up
    read what to keep could otherwise count on a file the clean-up then deletes. Any process,
    any thread (see `held`)."""
    return root / ".collect.lock"
