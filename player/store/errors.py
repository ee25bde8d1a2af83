"""The store's errors, apart so that the database, its backups and its recovery can each raise
them without importing one another."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path


class StoreError(Exception):
    """A records problem the user can act on; `str()` is one line."""


class DatabaseUnavailable(StoreError):
    """The file cannot be opened at all (locked by another Cartable, no permission...)."""


class WriteFailed(StoreError):
    """A change could not be saved (disk full, I/O error, another program holding the file):
    nothing of it was written, the learner may try again. `cause`: what the UI words for the
    learner (None: unknown, the line says it). `path`: the records file, for the command line
    to name (escaped); kept out of the message, which the GUI shows the learner as it is."""

    def __init__(self, message: str, cause: Cause | None = None, path: Path | None = None) -> None:
        super().__init__(message)
        self.cause = cause
        self.path = path


class Cause(StrEnum):
    """Why a sound records file cannot be used now: each asks the learner for something else."""

    FULL = "full"
    READ_ONLY = "read-only"
    NO_PERMISSION = "no-permission"
    LOCKED = "locked"
    #: Another Cartable's repair of the file outlasted the wait: it is no program to close.
    REPAIRING = "repairing"
    IO = "io"
    #: The records file is a symlink whose target is missing (the disk holding it not plugged
    #: in, not mounted): `detail` is the target. Nothing is made in its place.
    MISSING = "missing"
    OTHER = "other"


_SAYS = {
    Cause.FULL: "The disk holding your records ({path}) is full: free some space, then try "
    "again. Nothing was lost.",
    Cause.READ_ONLY: "Cartable cannot write to {path}: the disk or folder is read-only. Make it "
    "writable, then try again. Nothing was lost.",
    Cause.NO_PERMISSION: "Cartable cannot write to {path}: permission denied. Give your user "
    "account access to it, then try again. Nothing was lost.",
    Cause.LOCKED: "{path} is held by another program (another Cartable, a backup or sync tool): "
    "close it, then try again. Nothing was lost.",
    Cause.REPAIRING: "Your records ({path}) are being repaired by another Cartable (a command or "
    "another window); try again in a minute.",
    Cause.IO: "The disk holding your records ({path}) reported a read or write error ({detail}): "
    "check the disk and copy your records to a safe place. Nothing was changed.",
    Cause.MISSING: "Your records file {path} is a link to {detail}, which cannot be found: "
    "connect or mount the disk that holds it, then try again. Nothing was created or changed.",
    Cause.OTHER: "{path}: cannot open the records file: {detail}. Nothing was changed.",
}


class RecordsInaccessible(DatabaseUnavailable):
    """The records file is not damaged but cannot be read or written now (a full or read-only
    disk, no permission, another program holding it): nothing is set aside or restored, the
    learner is told what to do. The GUI words its own message from `cause` and `path`."""

    def __init__(self, path: Path, cause: Cause, detail: str) -> None:
        super().__init__(_SAYS[cause].format(path=path, detail=detail))
        self.path = path
        self.cause = cause
        self.detail = detail


class BackupUnreadable(RecordsInaccessible):
    """The records file is damaged and the backup to restore cannot be read now (an I/O error,
    no permission): that says nothing of the backup, so it is not skipped as a bad one (the
    records would start empty, or from an older backup, and lose what it holds). Nothing is
    moved, set aside or deleted; once the learner has fixed the disk or the permission, the
    next start repairs the file. `path` is the backup (or its folder)."""

    def __init__(self, path: Path, cause: Cause, detail: str) -> None:
        super().__init__(path, cause, detail)
        self.args = (
            f"The records file is damaged and its backup {path} cannot be read now ({detail}):"
            " check the disk and that your user account may read that file, then try again."
            " Nothing was moved or deleted.",
        )
