"""Who has the records file open, and who may repair it (database.py).

Every open store holds a shared lock on `<file>.lock` for its lifetime (`InUse`); a repair
(setting the file aside, restoring a backup, reading back) holds it exclusively, so that a file a
running player or command still writes into is never moved from under it: its writes would go
to the file set aside, which nothing reads back. Repairs are one at a time per installation
(`repairing`, on `<file>.repair.lock`) from taking up an interrupted one to the end of its
read-back: two at once deleted each other's restored copy. Both are OS file locks, which the
kernel releases when their process dies.

Both take their OS lock through `sync.interprocess.lock_or_go_on`, the installation's one lock
primitive and policy: only another process holding the lock (EWOULDBLOCK/EAGAIN) is waited for;
a file system that cannot lock (NFS without its lock daemon: ENOLCK; EOPNOTSUPP, ENOSYS; EBADF
where NFS emulates flock with POSIX locks on a handle opened for reading) is no lock held
elsewhere: one warning per lock file, and the open or repair goes on without the lock, as a
repair does on a read-only medium.

Windows: the in-use lock is not taken (msvcrt has no shared lock): `InUse.share` and
`InUse.alone` always succeed, so nothing here keeps a repair from starting on a file another
Cartable has open. The repair lock does hold there (msvcrt, one byte, exclusive, as every
`sync.interprocess` lock): repairs are one at a time. What stops a repair under an open
file on Windows is Windows itself: SQLite opens the file without FILE_SHARE_DELETE, so setting it
aside fails, the open stops with that error, nothing moved, and the repair's journal has a later
open take it up. None of this is tested: no Windows build runs these tests.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from player.store import failures
from player.store.errors import Cause, RecordsInaccessible
from sync.interprocess import lock_or_go_on, seconds_waited

log = logging.getLogger(__name__)

#: How long an open waits for another process's repair (copying a backup, reading back what the
#: damaged file holds), in all, before saying the records are being repaired: a start waits
#: with no window, and the learner is then told to start again in a minute.
REPAIR_WAIT = 30.0
#: How long a repair waits for the other opens of the file to end before taking it for open
#: elsewhere: an open still checking the file (seconds of `PRAGMA quick_check` on a big one)
#: holds it shared until it either connects or, finding it damaged, waits for this repair.
ALONE_WAIT = 2.0
_POLL = 0.02
#: msvcrt has no shared lock: on Windows the in-use lock is not taken (see above).
_IN_USE_LOCK = os.name != "nt"


def in_use_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def repair_lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".repair.lock")


def _flock(handle: IO[bytes], exclusive: bool) -> bool:
    """One try of either lock: taken, or gone on without on a file system that cannot lock
    (`lock_or_go_on`); False while another process holds it."""
    return lock_or_go_on(handle, exclusive=exclusive)


def _repairing_elsewhere(path: Path, timeout: float) -> RecordsInaccessible:
    """The wait said as LockBusy says it (a 0.5 s wait read "for 0 s"), none for one try."""
    if timeout <= 0:
        detail = "another Cartable was repairing it"
    else:
        detail = f"another Cartable kept repairing it for {seconds_waited(timeout)}"
    return RecordsInaccessible(path, Cause.REPAIRING, detail)


class InUse:
    """The lock an open store holds on its records file: shared while it has the file open,
    exclusive while it repairs it. Taken at open only: recording an event costs nothing more.

    `link`: the symlink the file was opened through (database.records_file), locked too. Players
    of earlier versions took their locks beside the link, not beside its target: holding both
    keeps one of them, running during an update, from having the file moved from under it by
    this version's repair, and this version's open from one of theirs. It can go a few releases
    after 66d7253, once no earlier version runs beside this one."""

    def __init__(self, path: Path, link: Path | None = None) -> None:
        self.database = path
        self.path = in_use_path(path)
        #: Each lock file, the target's first (every version of this one takes them in order).
        self.paths = [self.path]
        if link is not None and link != path:
            self.paths.append(in_use_path(link))
        self._handles: dict[Path, IO[bytes]] = {}

    def share(self, timeout: float = REPAIR_WAIT) -> None:
        """Hold it shared, waiting while another process repairs the file. Raises
        `RecordsInaccessible` (repairing) after `timeout` s, or when the lock file cannot be
        made."""
        deadline = time.monotonic() + timeout
        for lock_path in self.paths:
            handle = self._open(lock_path)
            while _IN_USE_LOCK and not _flock(handle, exclusive=False):
                if time.monotonic() >= deadline:
                    self.release()
                    raise _repairing_elsewhere(self.database, timeout)
                time.sleep(_POLL)

    def alone(self, wait: float = ALONE_WAIT) -> bool:
        """Hold it exclusively once no other store has the file open, waiting `wait` s for
        opens still checking it (they connect, or let go to wait for this repair); else False,
        held shared again (a failed conversion drops the lock: taken anew)."""
        deadline = time.monotonic() + wait
        for lock_path in self.paths:
            handle = self._open(lock_path)
            while _IN_USE_LOCK and not _flock(handle, exclusive=True):
                if time.monotonic() >= deadline:
                    self.share()  # at once: a repair holding it exclusive holds the repair lock
                    return False
                time.sleep(_POLL)
        return True

    def release(self) -> None:
        for handle in self._handles.values():
            handle.close()  # closing the file releases the lock
        self._handles.clear()

    def _open(self, lock_path: Path) -> IO[bytes]:
        handle = self._handles.get(lock_path)
        if handle is None:
            try:
                handle = open(lock_path, "a+b")  # noqa: SIM115 - held while the store is open
            except OSError as exc:
                if not lock_path.exists():
                    raise failures.not_damage(lock_path.parent, exc) from exc
                try:  # a read-only medium: the lock works on a file opened for reading
                    handle = open(lock_path, "rb")  # noqa: SIM115
                except OSError as again:
                    raise failures.not_damage(lock_path.parent, again) from again
            self._handles[lock_path] = handle
        return handle


@contextlib.contextmanager
def repairing(path: Path, timeout: float = REPAIR_WAIT) -> Iterator[None]:
    """The installation's repair lock for the block, waiting while another process repairs the
    file (`RecordsInaccessible`, repairing, after `timeout` s; 0: one try). A folder where its
    lock file cannot be made (a read-only medium) is one where no repair can be written either:
    the block runs without it, and the repair stops on what the disk says, nothing moved."""
    lock_path = repair_lock_path(path)
    try:
        handle: IO[bytes] | None = open(lock_path, "a+b")  # noqa: SIM115 - closed below
    except OSError as exc:
        if exc.errno != errno.EROFS and os.access(path.parent, os.W_OK):
            raise failures.not_damage(lock_path, exc) from exc
        log.warning("%s: no repair lock on a folder that cannot be written", lock_path)
        handle = None
    try:
        deadline = time.monotonic() + timeout
        while handle is not None and not _flock(handle, exclusive=True):
            if time.monotonic() >= deadline:
                raise _repairing_elsewhere(path, timeout)
            time.sleep(_POLL)
        yield
    finally:
        if handle is not None:
            handle.close()  # closing the file releases the lock
