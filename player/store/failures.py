"""Is a failure to read or write the records file damage, or the disk, the medium or a lock?

Only damage (SQLite's CORRUPT and NOTADB, or a check that finds problems) may set the file aside
and restore a backup. A full or read-only disk, no permission, an I/O error or another program
holding the file beyond the busy timeout say nothing of the file: it stays where it is, and the
learner is told what to do (`RecordsInaccessible`). Python's sqlite3 does not give the system's
errno, so the folder is looked at to tell a read-only medium, a missing permission and a full
disk apart (on a full disk SQLite often says "disk I/O error": it could not grow the -shm file).
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from player.store.errors import Cause, RecordsInaccessible, StoreError

_DAMAGE = ("SQLITE_CORRUPT", "SQLITE_NOTADB")
#: Free space under which an I/O error is taken for a full disk: SQLite grows its -shm file by
#: 32 KiB and its WAL by a page at a time.
NEARLY_FULL = 1024 * 1024

_ERRNO_CAUSE = {
    errno.ENOSPC: Cause.FULL,
    errno.EDQUOT: Cause.FULL,
    errno.EFBIG: Cause.FULL,
    errno.EROFS: Cause.READ_ONLY,
    errno.EACCES: Cause.NO_PERMISSION,
    errno.EPERM: Cause.NO_PERMISSION,
    errno.EIO: Cause.IO,
    errno.EBUSY: Cause.LOCKED,
    errno.EAGAIN: Cause.LOCKED,
}


def is_damage(exc: sqlite3.Error) -> bool:
    """SQLite says the file itself is damaged (not that it could not reach it)."""
    name = getattr(exc, "sqlite_errorname", None)
    if name:
        return str(name).startswith(_DAMAGE)
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text


def _folder(path: Path) -> Path:
    return path if path.is_dir() else path.parent


def _read_only_medium(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False


def _nearly_full(folder: Path) -> bool:
    try:
        return shutil.disk_usage(folder).free < NEARLY_FULL
    except OSError:
        return False


def _no_access(path: Path) -> bool:
    folder = _folder(path)
    if not os.access(folder, os.W_OK | os.X_OK):
        return True
    return path.exists() and not os.access(path, os.R_OK | os.W_OK)


def _sqlite_cause(exc: sqlite3.Error, path: Path) -> Cause:
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return Cause.LOCKED
    if name == "SQLITE_FULL":
        return Cause.FULL
    folder = _folder(path)
    if _read_only_medium(folder):
        return Cause.READ_ONLY
    if _no_access(path) or name == "SQLITE_PERM":
        return Cause.NO_PERMISSION
    if name.startswith("SQLITE_IOERR"):
        return Cause.FULL if _nearly_full(folder) else Cause.IO
    if name.startswith("SQLITE_READONLY"):
        return Cause.READ_ONLY
    if name.startswith("SQLITE_CANTOPEN") and _nearly_full(folder):
        return Cause.FULL
    return Cause.OTHER


def _os_cause(exc: OSError, path: Path) -> Cause:
    cause = _ERRNO_CAUSE.get(exc.errno or 0, Cause.OTHER)
    if cause in (Cause.NO_PERMISSION, Cause.OTHER) and _read_only_medium(_folder(path)):
        return Cause.READ_ONLY
    return cause


def inaccessible(path: Path, exc: sqlite3.Error | OSError) -> RecordsInaccessible | None:
    """The error to raise for a failure that is not damage; None when it is damage."""
    if isinstance(exc, OSError):
        detail = exc.strerror or str(exc)
        return RecordsInaccessible(path, _os_cause(exc, path), detail)
    if is_damage(exc):
        return None
    return RecordsInaccessible(path, _sqlite_cause(exc, path), str(exc))


def not_damage(path: Path, exc: sqlite3.Error | OSError) -> RecordsInaccessible:
    """For a failure already known not to be damage (or where damage cannot be told apart: a
    backup the disk has no room for): what it is, for the learner."""
    found = inaccessible(path, exc)
    if found is None:
        return RecordsInaccessible(path, Cause.OTHER, str(exc))
    return found


def explained(path: Path, error: StoreError | sqlite3.Error) -> RecordsInaccessible | None:
    """A failed backup or write (`BackupFailed`, `WriteFailed`: the SQLite or OS error is its
    cause) or a bare SQLite error, said as what the learner can do about it; None when it is
    damage or its cause unknown: the error stays as it is."""
    cause = error.__cause__ if isinstance(error, StoreError) else error
    if isinstance(cause, sqlite3.Error | OSError):
        return inaccessible(path, cause)
    return None
