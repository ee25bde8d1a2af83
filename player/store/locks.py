"""Who has the records file open, and who may repair it (database.py).

Every open store holds a shared lock on `<file>.lock` for its lifetime (`InUse`); a repair
(setting the file aside, restoring a backup, reading back) holds it exclusively, so that a file a
running player or command still writes into is never moved from under it: its writes would go
to the file set aside, which nothing reads back. Repairs are one at a time per installation
(`repairing`, a `sync.interprocess.ProcessLock`) from taking up an interrupted one to the
end of its read-back: two at once deleted each other's restored copy. Both are OS file locks,
which the kernel releases when their process dies.

On Windows the shared lock is not taken (msvcrt locks are exclusive only): there SQLite opens the
file without FILE_SHARE_DELETE, so setting aside a file another Cartable has open fails, and the
repair's journal has a later open take it up (untested: no Windows build runs these tests).
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
from sync.interprocess import ProcessLock

log = logging.getLogger(__name__)

#: How long an open waits for another process's repair (copying a backup, reading back what the
#: damaged file holds) before saying the records are busy.
REPAIR_WAIT = 60.0
_POLL = 0.02


def in_use_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def repair_lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".repair.lock")


if os.name == "nt":  # pragma: no cover - exercised on Windows builds only

    def _flock(handle: IO[bytes], exclusive: bool) -> bool:
        return True

else:
    import fcntl

    def _flock(handle: IO[bytes], exclusive: bool) -> bool:
        try:
            kind = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
            fcntl.flock(handle.fileno(), kind | fcntl.LOCK_NB)
        except OSError:
            return False
        return True


class InUse:
    """The lock an open store holds on its records file: shared while it has the file open,
    exclusive while it repairs it. Taken at open only: recording an event costs nothing more."""

    def __init__(self, path: Path) -> None:
        self.database = path
        self.path = in_use_path(path)
        self._handle: IO[bytes] | None = None

    def share(self, timeout: float = REPAIR_WAIT) -> None:
        """Hold it shared, waiting while another process repairs the file. Raises
        `RecordsInaccessible` (locked) after `timeout` s, or when the lock file cannot be made."""
        handle = self._open()
        deadline = time.monotonic() + timeout
        while not _flock(handle, exclusive=False):
            if time.monotonic() >= deadline:
                self.release()
                raise RecordsInaccessible(
                    self.database,
                    Cause.LOCKED,
                    f"another Cartable kept repairing it for {timeout:.0f} s",
                )
            time.sleep(_POLL)

    def alone(self) -> bool:
        """Hold it exclusively when no other store has the file open, without waiting; else
        False, held shared again (a failed conversion drops the lock: taken anew)."""
        handle = self._open()
        if _flock(handle, exclusive=True):
            return True
        self.share()
        return False

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing the file releases the lock
            self._handle = None

    def _open(self) -> IO[bytes]:
        if self._handle is None:
            try:
                self._handle = open(self.path, "a+b")  # noqa: SIM115 - held while the store is open
            except OSError as exc:
                if not self.path.exists():
                    raise failures.not_damage(self.path.parent, exc) from exc
                try:  # a read-only medium: the lock works on a file opened for reading
                    self._handle = open(self.path, "rb")  # noqa: SIM115
                except OSError as again:
                    raise failures.not_damage(self.path.parent, again) from again
        return self._handle


@contextlib.contextmanager
def repairing(path: Path, timeout: float = REPAIR_WAIT) -> Iterator[None]:
    """The installation's repair lock for the block, waiting while another process repairs the
    file (`RecordsInaccessible`, locked, after `timeout` s). A folder where its lock file cannot
    be made (a read-only medium) is one where no repair can be written either: the block runs
    without it, and the repair stops on what the disk says, nothing moved."""
    lock = ProcessLock(repair_lock_path(path))
    deadline = time.monotonic() + timeout
    while True:
        try:
            if lock.acquire():
                break
        except OSError as exc:
            if exc.errno != errno.EROFS and os.access(path.parent, os.W_OK):
                raise failures.not_damage(lock.path, exc) from exc
            log.warning("%s: no repair lock on a folder that cannot be written", lock.path)
            break
        if time.monotonic() >= deadline:
            raise RecordsInaccessible(
                path, Cause.LOCKED, f"another Cartable kept repairing it for {timeout:.0f} s"
            )
        time.sleep(_POLL)
    try:
        yield
    finally:
        lock.release()  # nothing when it was not had
