"""The installation's OS file locks, one primitive for all (sync, downloads, the blob store,
garbage collection, course switch, and the records file's locks in player/store/locks.py).

Two processes posting the same batch at the same instant are harmless on an LRS that keeps one
copy per statement id, but not on every LRS: one sync at a time per data folder; likewise one
download, one clean-up, one course switch. The locks are OS file locks, released by the kernel
if the process dies, so a crash never leaves one stuck. Under every `ProcessLock` (and `held`)
a `threading.Lock` per lock file keeps the threads of one process apart whatever the file
system says: flock keeps them apart only where it works.

One try (`try_lock`) says which of three happened: taken; busy (another process, or another
open file of this one, holds it: EWOULDBLOCK/EAGAIN, on Windows EACCES/EDEADLOCK); or this file
system cannot lock (NFS without its lock daemon: ENOLCK; EOPNOTSUPP, ENOSYS; EBADF where NFS
emulates flock with POSIX locks on a handle opened for reading; any other error). ENOLCK is
also NFS's lock manager lost for a moment (SQLite takes it for SQLITE_BUSY): it is tried again
for `NOLCK_PATIENCE` s before the file system is taken for one that cannot lock (once per file
system and process: a home that never locks does not wait at each lock).

On a file system that cannot lock, waiting would never end, and each holder is one of two kinds:
- strict (`ProcessLock(strict=True)`, `held(strict=True)`): refuses with `CannotLock`, an
  OSError naming the file and the file system's answer. The store's clean-up (it deletes what
  it reads as unneeded: racing a download it took a file just downloaded; skipped instead, a
  file wrongly kept costs disk space) and the one downloading process (two would append to one
  `.part` and store a corrupt blob).
- going on (the default: one warning per lock file, logging, then the work without the lock),
  where two processes at once cost at worst work done twice, never a file: a sync (statements
  carry their ids, an LRS keeps one per id), a download waiting out a clean-up (the clean-up
  refuses there), an install's note to the clean-up (likewise), the course switch (each install
  writes its own version folder and renames `current` whole; two processes installing one
  course at the same instant may both pass the check, and either version ends current),
  the results watermark (a lost move reads the same grades again; recording a grade twice
  changes nothing), the sync status dates (a display) and the records file's locks
  (player/store/locks.py: SQLite cannot keep two writers apart there either, and refusing would
  keep the learner from their records). Threads of one process stay apart in all of these but
  the records file's locks: they take the OS lock through `lock_or_go_on`, with no thread lock
  (a store holds its in-use lock shared for its lifetime, and an exclusive thread lock would
  keep a second store of the process from opening the file), so where flock works each open
  file, a thread's too, is kept apart, and where it cannot lock nothing keeps two threads of
  one process from repairing at once.
A probe asking whether a lock's holder is dead (`ProcessLock.acquire_if_free`) answers "alive"
when it cannot know: what it guards is kept. Where the lock's name holds its process's id
(`owner`) and the file system cannot lock, that process is asked instead (`process_gone`): a
copy a check set aside must go back under its name one day.

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
import weakref
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

#: How long ENOLCK is taken for a lock manager lost for a moment (tried again) before the file
#: system is taken for one that cannot lock.
NOLCK_PATIENCE = 2.0
_RETRY = 0.05

_unlockable: set[str] = set()  # the lock files already warned of, once per process
_lasting_nolck: set[int] = set()  # file systems (st_dev) whose ENOLCK outlasted the patience
_threads: weakref.WeakValueDictionary[str, threading.Lock] = weakref.WeakValueDictionary()
_threads_guard = threading.Lock()


class Locking(enum.Enum):
    """What one try of a lock did."""

    TAKEN = "taken"
    BUSY = "busy"  # held by another process (or another open file of this one)
    UNSUPPORTED = "cannot lock here"  # the file system refused the lock itself


@dataclass(frozen=True)
class LockTry:
    """How trying a lock went, with the OS's error when it was not taken."""

    state: Locking
    error: OSError | None = None  # what the OS said, when not TAKEN


class CannotLock(OSError):
    """A strict holder's lock on a file system that cannot lock: refused, never gone on without
    (one line: the lock file and the file system's answer)."""


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


def _try_patiently(handle: IO[bytes], exclusive: bool) -> LockTry:
    """`try_lock`, with an ENOLCK tried again for `NOLCK_PATIENCE` s before it is taken for a
    file system that cannot lock; once it outlasted that, at once on that file system (an
    import takes a fresh lock file per copy: it must not wait for each)."""
    said = try_lock(handle, exclusive=exclusive)
    if not _nolck(said):
        return said
    try:
        device = os.fstat(handle.fileno()).st_dev
    except OSError:
        return said
    if device in _lasting_nolck:
        return said
    deadline = time.monotonic() + NOLCK_PATIENCE
    while _nolck(said) and time.monotonic() < deadline:
        time.sleep(_RETRY)
        said = try_lock(handle, exclusive=exclusive)
    if _nolck(said):
        _lasting_nolck.add(device)
    return said


def _nolck(said: LockTry) -> bool:
    return said.error is not None and said.error.errno == errno.ENOLCK


def _warn_going_on(handle: IO[bytes], said: LockTry) -> None:
    name = str(handle.name)
    if name not in _unlockable:
        _unlockable.add(name)
        log.warning(
            "%s: the file system cannot lock it (%s): going on without the lock", name, said.error
        )


def lock_or_go_on(handle: IO[bytes], *, exclusive: bool = True) -> bool:
    """The going-on policy: True when taken, or when the file system cannot lock (warned once
    per lock file: going on without the lock, since waiting would never end); False only
    while another holds it. Threads of one process are not kept apart here (`ProcessLock`)."""
    said = _try_patiently(handle, exclusive)
    if said.state is Locking.UNSUPPORTED:
        _warn_going_on(handle, said)
    return said.state is not Locking.BUSY


def _thread_lock(path: Path) -> threading.Lock:
    """The one in-process lock of a lock file, shared by every `ProcessLock` alive on it."""
    key = os.path.abspath(path)
    with _threads_guard:
        lock = _threads.get(key)
        if lock is None:
            lock = threading.Lock()
            _threads[key] = lock
        return lock


class ProcessLock:
    """`acquire()` without waiting; `release()` (or the process ending) frees it. `strict`: on a
    file system that cannot lock, `acquire` raises `CannotLock` instead of going on."""

    def __init__(self, path: Path, *, strict: bool = False) -> None:
        self.path = path
        self.strict = strict
        self._handle: IO[bytes] | None = None
        self._thread = _thread_lock(path)

    def acquire(self) -> bool:
        """Hold it: True when taken, or (not strict) on a file system that cannot lock; False
        while another thread, process or `ProcessLock` holds it, or this one does. Raises
        CannotLock (strict) or OSError when the lock file cannot be opened."""
        handle = self._open()
        if handle is None:
            return False
        said = _try_patiently(handle, exclusive=True)
        if said.state is Locking.UNSUPPORTED and not self.strict:
            _warn_going_on(handle, said)
        elif said.state is not Locking.TAKEN:
            self._let_go(handle)
            if said.state is Locking.UNSUPPORTED:
                raise _cannot_lock(self.path, said.error)
            return False
        self._handle = handle
        return True

    def acquire_if_free(self, owner: int | None = None) -> bool:
        """Hold it only when the OS lock is really taken: for a probe asking whether its holder
        is dead (a copy or an install left by a killed process). False when held elsewhere.
        On a file system that cannot lock, a live holder cannot be told from a dead one by the
        lock: held only when `owner`, the holder's process id its name carries, is gone
        (`process_gone`) or is this process (its thread lock, taken here, says none of its
        threads holds it), else False: what the lock guards is kept."""
        handle = self._open()
        if handle is None:
            return False
        said = try_lock(handle).state
        if said is Locking.TAKEN or (
            said is Locking.UNSUPPORTED
            and owner is not None
            and (owner == os.getpid() or process_gone(owner))
        ):
            self._handle = handle
            return True
        self._let_go(handle)
        return False

    def release(self) -> None:
        if self._handle is not None:
            self._let_go(self._handle)  # closing the file releases the lock
            self._handle = None

    def _open(self) -> IO[bytes] | None:
        """The lock file opened, this process's thread lock held; None when either is held."""
        if self._handle is not None or not self._thread.acquire(blocking=False):
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return open(self.path, "a+b")  # kept open while the lock is held
        except BaseException:
            self._thread.release()
            raise

    def _let_go(self, handle: IO[bytes]) -> None:
        try:
            handle.close()
        finally:
            self._thread.release()


def process_gone(pid: int) -> bool:
    """No process `pid` on this computer: where a lock cannot tell, whether the process that
    named a file after itself is dead. This process is alive; Windows has no probe that does
    not signal, so there none is gone (what it left is kept). A pid reused keeps a left-over
    until that process ends; a folder two computers share is beyond this probe (another
    computer's process is not seen), as it is beyond a lock that does not work there."""
    if pid == os.getpid() or os.name == "nt":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # another user's: alive
        return False
    return False


def _cannot_lock(path: Path, error: OSError | None) -> CannotLock:
    why = (error.strerror or str(error)) if error is not None else "no lock"
    refused = CannotLock(f"{path}: this folder's file system cannot lock files ({why})")
    refused.errno = error.errno if error is not None else errno.ENOLCK  # one line, errno kept
    return refused


class LockBusy(TimeoutError):
    """`held` waited its whole timeout: another Cartable (or thread) kept the lock. Nothing is
    wrong with the disk; try again once it is done. Told apart from a network time-out."""


def busy_line(path: Path, waited: float) -> str:
    """LockBusy's line, the wait as it reads (`seconds_waited`), none when it did not wait."""
    if waited <= 0:
        return f"{path}: locked by another Cartable"
    return f"{path}: still locked by another Cartable after {seconds_waited(waited)}"


def seconds_waited(waited: float) -> str:
    """A wait for a lock as it reads: whole seconds from 10 s, else one decimal, two digits
    under a tenth, never under a millisecond (a 0.5 s wait read "0 s" in whole seconds, what
    was left of a deadline "4e-05 s"). For a wait that happened: a line for no wait says none
    (`busy_line`, the records' `locks`)."""
    if waited >= 10:
        return f"{waited:.0f} s"
    if waited >= 0.1:
        return f"{waited:.1f} s"
    return f"{max(waited, 0.001):.2g} s"


class LockWaitCancelled(Exception):
    """`held` stopped waiting because its `cancel` was set (a paused download): the lock was
    never had."""


@contextlib.contextmanager
def held(
    path: Path,
    timeout: float = 60.0,
    cancel: threading.Event | None = None,
    *,
    strict: bool = False,
) -> Iterator[None]:
    """Hold the lock on `path` for the block, waiting for it (another process or thread); on a
    file system that cannot lock, at once without it, or (`strict`) raising CannotLock: see
    the module. Raises LockBusy when it stays taken for `timeout` s, LockWaitCancelled as soon
    as `cancel` is set while waiting (a pause must not sit out a clean-up), OSError when the
    lock file cannot be opened."""
    lock = ProcessLock(path, strict=strict)
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
