"""How one blob's fetch can go wrong: each exception tells the engine what to do next (retry,
fetch again from zero, fail the course download, or stop the worker)."""

from __future__ import annotations

import os
import sqlite3
from errno import ENOSPC
from pathlib import Path

from sync.download_state import DownloadStore, FailureKind
from sync.interprocess import LockBusy


class NetworkFailure(Exception):
    """Retryable: connection refused/reset, stall, 5xx, 429... `kind` says what the download
    waits out once they keep coming: NETWORK, the server could not be reached (no connection,
    its name not found, no answer, a connection that broke); SERVER, it answered, but not in a
    usable way now (a 5xx, a 429, a range it did not honour); None, a folder that went away."""

    def __init__(
        self,
        reason: str,
        retry_after: float | None = None,
        progressed: bool = False,
        kind: FailureKind | None = FailureKind.NETWORK,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.progressed = progressed
        self.kind = kind


class Mismatch(Exception):
    """The bytes are not the blob: discard the part and fetch again (bounded)."""


class Fatal(Exception):
    """No point retrying (404, 403...): the course download fails, for this kind of reason."""

    def __init__(self, reason: str, kind: FailureKind) -> None:
        super().__init__(reason)
        self.kind = kind


def write_failed(what: str, path: Path, exc: OSError) -> Fatal:
    """A local write that failed: a full disk is told apart from a refusing one."""
    return Fatal(f"{what} {path}: {exc.strerror or exc}", FailureKind.of_os_error(exc))


def state_not_saved(store: DownloadStore, exc: sqlite3.Error) -> Fatal:
    """The download's state could not be written: it is in the records file, often on the disk
    the blobs fill. Said as a part file's failed write is, a full disk in the system's words."""
    kind = FailureKind.of_sqlite_error(exc)
    detail = os.strerror(ENOSPC) if kind is FailureKind.SPACE else str(exc)
    return Fatal(f"cannot write {store.where}: {detail}", kind)


def failure_of(exc: BaseException) -> FailureKind:
    """The kind of an unexpected exception: a lock another Cartable kept is BUSY, a disk error is
    one, anything else is not known."""
    if isinstance(exc, LockBusy):
        return FailureKind.BUSY
    return FailureKind.of_os_error(exc) if isinstance(exc, OSError) else FailureKind.OTHER


class Halted(Exception):
    """Cancelled, the network declared down, a gate closed, or another blob failed."""
