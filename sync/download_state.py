"""Durable download state in SQLite, so every unfinished download resumes after a crash or reboot.

The tables live in the player's database: sync/download_schema.py's versions are run by the
store's migrations (sync never imports the store). `download_part` is keyed by blob, not by course,
because a `.part` file is shared by every course that needs that blob.

Part durability: a `.part` file's bytes survive a killed process (they are in the page cache) but
not a power cut unless fsynced. Each checkpoint fsyncs the part and records its length with the
boot id; after a reboot the part is cut back to the recorded length, after a mere crash it is
used whole.
"""

from __future__ import annotations

import enum
import errno
import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sync.download_schema import CURRENT

#: Today's tables (every version of sync/download_schema.py, in order).
DOWNLOAD_SCHEMA = "\n".join(CURRENT)


def create_download_tables(connection: sqlite3.Connection) -> None:
    """Create the tables (for tests and tools; the app's migrations include DOWNLOAD_SCHEMA)."""
    connection.executescript(DOWNLOAD_SCHEMA)


class DownloadState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    PAUSED = "paused"
    WAITING_FOR_NETWORK = "waiting_for_network"
    WAITING_FOR_WINDOW = "waiting_for_window"
    WAITING_FOR_UNMETERED = "waiting_for_unmetered"
    COMPLETED = "completed"
    FAILED = "failed"

    @property
    def has_failure(self) -> bool:
        """A state recorded with a `FailureKind`: FAILED, and WAITING_FOR_NETWORK (what it waits
        out: the server unreachable, NETWORK, or answering badly, SERVER; none for a folder)."""
        return self in (DownloadState.FAILED, DownloadState.WAITING_FOR_NETWORK)

    @property
    def resumes_by_itself(self) -> bool:
        """Unfinished and not stopped by the user: restart it at startup."""
        return self in _SELF_RESUMING


_SELF_RESUMING = {
    DownloadState.QUEUED,
    DownloadState.RUNNING,
    DownloadState.WAITING_FOR_NETWORK,
    DownloadState.WAITING_FOR_WINDOW,
    DownloadState.WAITING_FOR_UNMETERED,
}


class FailureKind(enum.StrEnum):
    """What a failed download failed on, named where the failure is raised: the player tells the
    learner in their language from this, and keeps the English reason for support."""

    SPACE = "space"
    """Not enough free space on this computer."""
    DISK = "disk"
    """This computer's disk refused a write (read-only, permissions, removed)."""
    TRUST = "trust"
    """Not signed by a publisher this player trusts."""
    SIGNER = "signer"
    """Signed by a trusted key, but not the one that signed the installed version (only that key
    replaces it). Older versions read it as OTHER."""
    UNTRUSTED_SIGNER = "untrusted-signer"
    """Signed by a key not trusted here, and the installed version by another key: adding the
    key would not let it replace that version (the institution's new installer, holding both,
    does). SIGNER's "another publisher" would be wrong here (review r16 #3). Older versions
    read it as OTHER."""
    MISSING = "missing"
    """A file is missing at the source."""
    DAMAGED = "damaged"
    """A file's bytes are not the ones named, try after try."""
    NETWORK = "network"
    """The source cannot be reached."""
    SERVER = "server"
    """The source answered in a way that cannot be used."""
    BUSY = "busy"
    """Another Cartable on this computer is downloading (one downloading process at a time) or
    kept the store's clean-up lock too long: nothing is wrong, try again once it is done. Older
    versions read it as OTHER."""
    NO_LOCK = "no-lock"
    """The folder's file system cannot lock files (a network folder without its lock service),
    so another Cartable downloading into it could not be kept out: refused, nothing written.
    Older versions read it as OTHER."""
    CHANGED = "changed"
    """The course's manifest at the source is no longer the one the download began with (the
    same version published again), so the download cannot go on with it; downloading it again
    from the catalog reuses the files already fetched. Older versions read it as OTHER."""
    ALTERED = "altered"
    """Signed by a key trusted here, but the signature does not match the manifest's bytes (it
    was changed after it was signed), or the signature file is damaged: trusting a key cannot
    help, its publisher must publish a correct copy (a try again then succeeds: it reads both
    again). Older versions read it as OTHER."""
    UNSIGNED = "unsigned"
    """A catalog's course without a signature (no course.json.sig): catalogs on a server must
    be signed, so no key to add helps, only a signed copy. Older versions read it as OTHER."""
    KEY_SCOPE = "key-scope"
    """Signed by a key trusted here for one other course only (the demo key, whose private key
    is public): adding the key cannot help (it is listed already), only its publisher signing
    with its own key. Older versions read it as OTHER."""
    EARLIER_KEY = "earlier-key"
    """Signed by an earlier key of the course (a demo signed before the demo was rebuilt with a
    new key), which this player accepts for no course: no key to add, no signer to ask. Older
    versions read it as OTHER."""
    OTHER = "other"
    """None of these (a bug, a refusal with its own words): the reason is shown as it is."""

    @staticmethod
    def of_os_error(exc: OSError) -> FailureKind:
        """A local write that failed: a full disk (or quota) is SPACE, anything else DISK."""
        return FailureKind.SPACE if exc.errno in _NO_SPACE else FailureKind.DISK

    @staticmethod
    def of_sqlite_error(exc: sqlite3.Error) -> FailureKind:
        """A state write that failed: SQLite's SQLITE_FULL (the disk, or a quota) is SPACE."""
        return FailureKind.SPACE if _sqlite_full(exc) else FailureKind.DISK


_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def _sqlite_full(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", None)
    return name == "SQLITE_FULL" if name else "disk is full" in str(exc)


class BlobState(enum.StrEnum):
    PENDING = "pending"
    DONE = "done"
    FAILED = "failed"


@dataclass(frozen=True)
class BlobSpec:
    """A blob the download needs: named by its sha256 (lowercase hex), with its exact size."""

    sha256: str
    size: int


@dataclass(frozen=True)
class BlobRecord:
    sha256: str
    size: int
    state: BlobState
    attempts: int


@dataclass(frozen=True)
class DownloadRecord:
    id: str
    source: str
    state: DownloadState
    total_bytes: int
    error: str | None
    meta: dict[str, Any]
    blobs: tuple[BlobRecord, ...]
    created_at: datetime
    updated_at: datetime
    failure: FailureKind | None = None
    """What a FAILED download failed on (None: recorded before kinds were, only its `error`
    words tell), or what one WAITING_FOR_NETWORK waits out (None: not known); None otherwise."""

    @property
    def specs(self) -> list[BlobSpec]:
        return [BlobSpec(b.sha256, b.size) for b in self.blobs]


@dataclass(frozen=True)
class PartRecord:
    sha256: str
    size: int
    done_bytes: int
    validator: str | None
    boot_id: str | None


def _failure_kind(value: str | None) -> FailureKind | None:
    """A stored kind; one this version does not know (written by a newer one) is OTHER."""
    if value is None:
        return None
    try:
        return FailureKind(value)
    except ValueError:
        return FailureKind.OTHER


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class DownloadStore:
    """Thread-safe access to the download tables through one connection.

    Pass a connection opened with `check_same_thread=False` (download threads share it under a
    lock), or use `DownloadStore.open(path)`.
    """

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection
        self._lock = threading.RLock()

    @classmethod
    def open(cls, path: Path | str, create: bool = False) -> DownloadStore:
        connection = sqlite3.connect(str(path), check_same_thread=False, timeout=30)
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA foreign_keys=ON")
        if create:
            connection.execute("PRAGMA journal_mode=WAL")
            create_download_tables(connection)
        return cls(connection)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @property
    def where(self) -> str:
        """The database file the state is written to (its own disk may be the one full)."""
        with self._lock:
            row = self._db.execute("PRAGMA database_list").fetchone()
        return str(row[2]) if row and row[2] else "the download state"

    def _write(self, sql: str, params: Sequence[Any] = ()) -> int:
        with self._lock, self._db:
            return self._db.execute(sql, params).rowcount

    # --- downloads -------------------------------------------------------------------------------

    def begin(
        self,
        download_id: str,
        source: str,
        blobs: Iterable[BlobSpec],
        meta: dict[str, Any] | None = None,
    ) -> None:
        """Create or update a download with exactly these blobs (kept: done states, attempts)."""
        specs = {b.sha256: b for b in blobs}
        total = sum(b.size for b in specs.values())
        now = _now()
        with self._lock, self._db:
            self._db.execute(
                "INSERT INTO download (id, source, state, total_bytes, meta, created_at, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                "source=excluded.source, total_bytes=excluded.total_bytes, "
                "meta=excluded.meta, updated_at=excluded.updated_at",
                (
                    download_id,
                    source,
                    DownloadState.QUEUED,
                    total,
                    json.dumps(meta or {}),
                    now,
                    now,
                ),
            )
            existing = {
                row[0]
                for row in self._db.execute(
                    "SELECT sha256 FROM download_blob WHERE download_id=?", (download_id,)
                )
            }
            for sha in existing - specs.keys():
                self._db.execute(
                    "DELETE FROM download_blob WHERE download_id=? AND sha256=?",
                    (download_id, sha),
                )
            self._db.executemany(
                "INSERT INTO download_blob (download_id, sha256, size) VALUES (?, ?, ?)",
                [(download_id, b.sha256, b.size) for s, b in specs.items() if s not in existing],
            )

    def set_state(
        self,
        download_id: str,
        state: DownloadState,
        error: str | None = None,
        failure: FailureKind | None = None,
    ) -> None:
        """A FAILED state always records a kind (OTHER when none is given), so a FAILED row
        without one is known to come from before kinds; WAITING_FOR_NETWORK records the one
        given (older versions read none there); other states none."""
        if state is DownloadState.FAILED and failure is None:
            failure = FailureKind.OTHER
        elif not state.has_failure:
            failure = None
        with self._lock, self._db:
            self._db.execute(
                "UPDATE download SET state=?, error=?, updated_at=? WHERE id=?",
                (state, error, _now(), download_id),
            )
            self._db.execute("DELETE FROM download_failure WHERE download_id=?", (download_id,))
            if failure is not None:
                self._db.execute(
                    "INSERT INTO download_failure (download_id, kind) SELECT id, ? FROM download "
                    "WHERE id=?",
                    (failure, download_id),
                )

    def get(self, download_id: str) -> DownloadRecord | None:
        with self._lock:
            row = self._db.execute(
                "SELECT id, source, state, total_bytes, error, meta, created_at, updated_at, "
                "(SELECT kind FROM download_failure WHERE download_id=download.id) "
                "FROM download WHERE id=?",
                (download_id,),
            ).fetchone()
            if row is None:
                return None
            blobs = tuple(
                BlobRecord(sha, size, BlobState(state), attempts)
                for sha, size, state, attempts in self._db.execute(
                    "SELECT sha256, size, state, attempts FROM download_blob "
                    "WHERE download_id=? ORDER BY rowid",
                    (download_id,),
                )
            )
        return DownloadRecord(
            id=row[0],
            source=row[1],
            state=DownloadState(row[2]),
            total_bytes=row[3],
            error=row[4],
            meta=json.loads(row[5]),
            blobs=blobs,
            created_at=datetime.fromisoformat(row[6]),
            updated_at=datetime.fromisoformat(row[7]),
            failure=_failure_kind(row[8]) if DownloadState(row[2]).has_failure else None,
        )

    def all(self) -> list[DownloadRecord]:
        with self._lock:
            ids = [r[0] for r in self._db.execute("SELECT id FROM download ORDER BY created_at")]
        return [r for r in (self.get(i) for i in ids) if r is not None]

    def unfinished(self) -> list[DownloadRecord]:
        """Downloads to restart at startup (not completed, failed or paused by the user)."""
        return [r for r in self.all() if r.state.resumes_by_itself]

    def recorded_blobs(self) -> set[str]:
        """The files of every recorded download, finished or not: what no clean-up may take."""
        with self._lock:
            return {r[0] for r in self._db.execute("SELECT DISTINCT sha256 FROM download_blob")}

    def forget(self, download_id: str) -> list[str]:
        """Delete a download's rows; returns the sha256 of parts no other download needs."""
        with self._lock, self._db:
            shas = [
                r[0]
                for r in self._db.execute(
                    "SELECT sha256 FROM download_blob WHERE download_id=? AND state!=?",
                    (download_id, BlobState.DONE),
                )
            ]
            self._db.execute("DELETE FROM download_blob WHERE download_id=?", (download_id,))
            self._db.execute("DELETE FROM download_failure WHERE download_id=?", (download_id,))
            self._db.execute("DELETE FROM download WHERE id=?", (download_id,))
            orphans = []
            for sha in shas:
                still = self._db.execute(
                    "SELECT 1 FROM download_blob WHERE sha256=? AND state!=? LIMIT 1",
                    (sha, BlobState.DONE),
                ).fetchone()
                if still is None:
                    self._db.execute("DELETE FROM download_part WHERE sha256=?", (sha,))
                    orphans.append(sha)
        return orphans

    # --- blobs -----------------------------------------------------------------------------------

    def set_blob_state(self, download_id: str, sha256: str, state: BlobState) -> None:
        self._write(
            "UPDATE download_blob SET state=? WHERE download_id=? AND sha256=?",
            (state, download_id, sha256),
        )

    def mark_done(self, download_id: str, sha256s: Iterable[str]) -> None:
        """These blobs are in the store: done for this download, and their parts forgotten (one
        transaction: one fsync of the journal, whatever the count)."""
        shas = list(sha256s)
        if not shas:
            return
        with self._lock, self._db:
            self._db.executemany(
                "UPDATE download_blob SET state=? WHERE download_id=? AND sha256=?",
                [(BlobState.DONE, download_id, sha) for sha in shas],
            )
            self._db.executemany(
                "DELETE FROM download_part WHERE sha256=?", [(sha,) for sha in shas]
            )

    def count_mismatch(self, download_id: str, sha256: str) -> int:
        """Record one more content mismatch for this blob; returns the count so far."""
        with self._lock, self._db:
            self._db.execute(
                "UPDATE download_blob SET attempts=attempts+1 WHERE download_id=? AND sha256=?",
                (download_id, sha256),
            )
            row = self._db.execute(
                "SELECT attempts FROM download_blob WHERE download_id=? AND sha256=?",
                (download_id, sha256),
            ).fetchone()
        return int(row[0]) if row else 1

    def reset_attempts(self, download_id: str) -> None:
        self._write(
            "UPDATE download_blob SET attempts=0, state=CASE WHEN state=? THEN ? ELSE state END "
            "WHERE download_id=?",
            (BlobState.FAILED, BlobState.PENDING, download_id),
        )

    # --- parts -----------------------------------------------------------------------------------

    def part(self, sha256: str) -> PartRecord | None:
        with self._lock:
            row = self._db.execute(
                "SELECT sha256, size, done_bytes, validator, boot_id FROM download_part "
                "WHERE sha256=?",
                (sha256,),
            ).fetchone()
        return PartRecord(*row) if row else None

    def save_part(self, part: PartRecord) -> None:
        self._write(
            "INSERT INTO download_part (sha256, size, done_bytes, validator, boot_id, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(sha256) DO UPDATE SET "
            "size=excluded.size, done_bytes=excluded.done_bytes, validator=excluded.validator, "
            "boot_id=excluded.boot_id, updated_at=excluded.updated_at",
            (part.sha256, part.size, part.done_bytes, part.validator, part.boot_id, _now()),
        )

    def drop_part(self, sha256: str) -> None:
        self._write("DELETE FROM download_part WHERE sha256=?", (sha256,))
