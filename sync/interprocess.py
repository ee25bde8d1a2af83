"""The installation's OS file locks, one primitive for all (sync, downloads, the blob store,
garbage collection, course switch, and the records file's locks in player/store/locks.py).

Two processes posting the same batch at the same instant are harmless on an LRS that keeps one
copy per statement id, but not on every LRS: one sync at a time per data folder; likewise one
download, one clean-up, one course switch. The locks are OS file locks, released by the kernel
if the process dies, so a crash never leaves one stuck.

One try (`try_lock`) says which of three happened: taken; busy (another process, or another
open file of this one, holds it: EWOULDBLOCK/EAGAIN, on Windows EACCES/EDEADLOCK); or this file
system cannot lock (NFS without its lock daemon: ENOLCK; EOPNOTSUPP, ENOSYS; EBADF where NFS
emulates flock with POSIX locks on a handle opened for reading; any other error). The last is
no lock held elsewhere: waiting would never end. The one policy (`ProcessLock.acquire`, `held`,
`player.store.locks`): one warning per lock file (logging), and the work goes on without the
lock, so on such a home two Cartables are not kept apart, as they were not before locks. A
probe asking whether a lock's holder is dead (`ProcessLock.acquire_if_free`) answers "alive"
when it cannot know: what it guards is kept.

Windows: msvcrt locks one byte, exclusive only; a shared lock is "cannot lock here" (the
records file's in-use lock is not taken there: see player/store/locks.py).
"""

from __future__ import annotations

import contextlib
import enum
import errno
import logging
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

_unlockable: set[str] = set()  # the lock files already warned of, once per process


class Locking(enum.Enum):
    """What one try of a lock did."""

    TAKEN = "taken"
    BUSY = "busy"  # held by another process (or another open file of this one)
    UNSUPPORTED = "cannot lock here"  # the file system refused the lock itself


@dataclass(frozen=True)
class LockTry:
    state: Locking
    error: OSError | None = None  # what the OS said, when not TAKEN


if os.name == "nt":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    # The CRT's _locking says EACCES for a byte locked elsewhere (EDEADLOCK after its retries).
    _BUSY = frozenset({errno.EACCES, getattr(errno, "EDEADLOCK", errno.EDEADLK)})

    def _os_lock(handle: IO[bytes], exclusive: bool) -> None:
        if not exclusive:
            raise OSError(errno.EOPNOTSUPP, "msvcrt has no shared lock")
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    _BUSY = frozenset({errno.EWOULDBLOCK, errno.EAGAIN})

    def _os_lock(handle: IO[bytes], exclusive: bool) -> None:
        kind = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        fcntl.flock(handle.fileno(), kind | fcntl.LOCK_NB)


def try_lock(handle: IO[bytes], *, exclusive: bool = True) -> LockTry:
    """One try, without waiting, of the OS lock on an open file (closing the file releases it);
    says whether it was taken, is held elsewhere, or cannot be had on this file system."""
    try:
        _os_lock(handle, exclusive)
    except OSError as exc:
        return LockTry(Locking.BUSY if exc.errno in _BUSY else Locking.UNSUPPORTED, exc)
    return LockTry(Locking.TAKEN)


def lock_or_go_on(handle: IO[bytes], *, exclusive: bool = True) -> bool:
    """The installation's policy: True when taken, or when the file system cannot lock (warned
    once per lock file: going on without the lock, since waiting would never end); False only
    while another holds it."""
    said = try_lock(handle, exclusive=exclusive)
    if said.state is Locking.UNSUPPORTED:
        name = str(handle.name)
        if name not in _unlockable:
            _unlockable.add(name)
            log.warning(
                "%s: the file system cannot lock it (%s): going on without the lock",
                name,
                said.error,
            )
    return said.state is not Locking.BUSY


class ProcessLock:
    """`acquire()` without waiting; `release()` (or the process ending) frees it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def acquire(self) -> bool:
        """Hold it: True when taken, or on a file system that cannot lock (`lock_or_go_on`);
        False while another process (or another `ProcessLock`) holds it, or this one does."""
        handle = self._open()
        if handle is None:
            return False
        if not lock_or_go_on(handle):
            handle.close()
            return False
        self._handle = handle
        return True

    def acquire_if_free(self) -> bool:
        """Hold it only when the OS lock is really taken: for a probe asking whether its holder
        is dead (a copy or an install left by a killed process). False when held elsewhere,
        and when this file system cannot lock, since then a live holder cannot be told from a
        dead one: what the lock guards is kept."""
        handle = self._open()
        if handle is None:
            return False
        if try_lock(handle).state is not Locking.TAKEN:
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file releases the lock
            self._handle = None

    def _open(self) -> IO[bytes] | None:
        if self._handle is not None:
            return None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        return open(self.path, "a+b")


class LockBusy(TimeoutError):
    """`held` waited its whole timeout: another Cartable (or thread) kept the lock. Nothing is
    wrong with the disk; try again once it is done. Told apart from a network time-out."""


def busy_line(path: Path, waited: float) -> str:
    """LockBusy's line, the wait as it reads: whole seconds from 10 s, else one decimal, two
    digits under a tenth (a 0.5 s wait read "after 0 s" in whole seconds), none when it did
    not wait."""
    if waited <= 0:
        return f"{path}: locked by another Cartable"
    if waited >= 10:
        seconds = f"{waited:.0f}"
    elif waited >= 0.1:
        seconds = f"{waited:.1f}"
    else:
        seconds = f"{waited:.2g}"
    return f"{path}: still locked by another Cartable after {seconds} s"


class LockWaitCancelled(Exception):
    """`held` stopped waiting because its `cancel` was set (a paused download): the lock was
    never had."""


@contextlib.contextmanager
def held(
    path: Path, timeout: float = 60.0, cancel: threading.Event | None = None
) -> Iterator[None]:
    """Hold the lock on `path` for the block, waiting for it (another process or thread: each
    holder opens the file itself); on a file system that cannot lock, at once without it (see
    `lock_or_go_on`). Raises LockBusy when it stays taken for `timeout` s,
    LockWaitCancelled as soon as `cancel` is set while waiting (a pause must not sit out a
    clean-up), OSError when the lock file cannot be opened."""
    lock = ProcessLock(path)
    deadline = time.monotonic() + timeout
    while not lock.acquire():
        if time.monotonic() >= deadline:
            raise LockBusy(busy_line(path, timeout))
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
