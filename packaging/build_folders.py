"""The build's temporary `dist/.cartable-build-*` folder, and the removal of those left by a
build that died (SIGKILL, power cut) before it could remove its own.

A running build holds an exclusive lock on the `.lock` file inside its folder, which the system
releases when the process ends however it ends: a folder whose lock can be taken belongs to a
dead build. A lock rather than a pid file because a pid can be reused by another process after a
reboot, and testing a pid for liveness has no portable call (os.kill(pid, 0) ends the process on
Windows). fcntl.flock on POSIX, msvcrt.locking on Windows, both from the standard library.

The lock file is marked (written) only once locked: a folder with no lock file, or an unmarked
one, may be a build between its mkdtemp and its lock, and is left alone unless older than
GRACE_SECONDS. `dist/.cartable-previous-*` folders are never touched: publish() keeps them on
purpose and names them in its error.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PREFIX = ".cartable-build-"
LOCK = ".lock"  # inside the folder; publish() leaves it there
GRACE_SECONDS = 3600.0


class LockError(Exception):
    """The build could not lock its own folder; `str()` is one line."""


def _lock(fd: int, wait: bool) -> bool:
    """An exclusive lock on `fd`'s file; False when another process holds it (and not `wait`)."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        mode = msvcrt.LK_LOCK if wait else msvcrt.LK_NBLCK
        try:
            msvcrt.locking(fd, mode, 1)
        except OSError:
            if wait:
                raise
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
    except BlockingIOError:
        return False
    return True


@contextmanager
def build_folder(dist: Path) -> Iterator[Path]:
    """A new, locked `dist/.cartable-build-*` folder for this build, removed at the end."""
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=dist))
    fd = -1
    try:
        fd = os.open(folder / LOCK, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            _lock(fd, wait=True)  # waits only while a cleaner holds it for a moment
        except OSError as exc:
            raise LockError(f"cannot lock {folder / LOCK}: {exc.strerror or exc}") from None
        os.write(fd, f"cartable build, pid {os.getpid()}\n".encode())
        yield folder
    finally:
        if fd >= 0:
            os.close(fd)  # before the removal: Windows does not delete an open file
        shutil.rmtree(folder, ignore_errors=True)


def remove_stale_builds(dist: Path, now: float | None = None) -> list[Path]:
    """Removes the build folders in `dist` left by builds no longer running; returns them."""
    now = time.time() if now is None else now
    removed = []
    for folder in sorted(dist.glob(PREFIX + "*")):
        if folder.is_dir() and not folder.is_symlink() and _dead(folder, now):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _dead(folder: Path, now: float) -> bool:
    try:
        old = now - folder.stat().st_mtime > GRACE_SECONDS
    except OSError:
        return False  # gone since the glob (its build ended and removed it), or cannot tell
    try:
        fd = os.open(folder / LOCK, os.O_RDWR)
    except FileNotFoundError:
        return old  # from before build folders were locked, or died before creating the lock
    except OSError:
        return False  # cannot tell: leave it
    try:
        if not _lock(fd, wait=False):
            return False  # its build is running
        return old or os.fstat(fd).st_size > 0  # unmarked: a build about to lock it
    except OSError:
        return False  # no locks on this file system: cannot tell, leave it
    finally:
        os.close(fd)  # the folder is removed after: Windows does not delete an open file
