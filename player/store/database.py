"""The records database file: connection, pragmas, checks, backups and recovery.

Opening never crashes on a damaged file. `open_database` checks the file (integrity.py: cheap
checks at every open, `PRAGMA quick_check` when the last run did not close cleanly or a check
found damage), and if it is unusable sets it aside with its WAL, restores the newest backup that
passes the full `PRAGMA integrity_check`, and says what happened in a `RecoveryReport`. Backups
use SQLite's online backup API: the last `KEEP_BACKUPS`, taken before every migration and at most
once a day; a backup whose copy fails its check means the live file is damaged: recovered too.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from player.store import integrity, migrations
from player.store.ids import new_uuid
from player.store.integrity import CHECK_EVERY, IntegrityCheck
from sync import outbox
from sync.durable import fsync_dir

Clock = Callable[[], float]

KEEP_BACKUPS = 3
BACKUP_EVERY = 24 * 3600.0
_BACKUP_NAME = re.compile(r"^cartable-(\d{8}T\d{6}(?:\d{3})?Z)-([a-z0-9-]+)\.sqlite3$")


class StoreError(Exception):
    """A records problem the user can act on; `str()` is one line."""


class DatabaseUnavailable(StoreError):
    """The file cannot be opened at all (locked by another Cartable, no permission...)."""


class BackupCheckFailed(StoreError):
    """The copy just made fails its check: the file it was copied from is likely damaged."""


class WriteFailed(StoreError):
    """A change could not be saved (disk full, I/O error, another program holding the file):
    nothing of it was written, the learner may try again."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime
    reason: str


@dataclass(frozen=True)
class RecoveryReport:
    """What happened when the records file was found damaged at start.

    `restored_from` is None when no backup was usable: the player then starts with empty
    records. Statements the damaged file held beyond the backup are read back when possible
    (`salvaged_statements`, filled in by the store); `lost_statements` counts the ones known to
    exist that could not be read (None when the damaged file could not even say how many).
    """

    problem: str
    damaged_file: Path
    restored_from: Path | None
    backup_taken_at: datetime | None
    rejected_backups: tuple[Path, ...] = ()
    queued_in_backup: int = 0
    salvaged_statements: int = 0
    lost_statements: int | None = None
    notes: tuple[str, ...] = field(default=())

    def summary(self) -> str:
        """A few sentences for the learner (the UI translates its own wording from the fields)."""
        lines = [f"The learner records file was damaged ({self.problem})."]
        lines.append(f"It was set aside as {self.damaged_file.name} and nothing was deleted.")
        if self.restored_from and self.backup_taken_at:
            when = self.backup_taken_at.strftime("%Y-%m-%d %H:%M UTC")
            lines.append(f"The records were restored from the backup taken on {when}.")
            lines.append(
                "Activity recorded after that moment is missing from the restored copy unless "
                "it could be read back from the damaged file."
            )
        else:
            lines.append("No usable backup was found: the records start empty.")
        if self.salvaged_statements:
            lines.append(
                f"{self.salvaged_statements} learning records were read back from the damaged "
                "file and their progress rebuilt."
            )
        if self.lost_statements == 0 and self.restored_from is not None:
            lines.append("Nothing recorded after the backup was lost.")
        elif self.lost_statements:
            lines.append(
                f"{self.lost_statements} learning records could not be read back and are lost; "
                "any of them not yet sent to the institution will never reach it."
            )
        elif self.lost_statements is None:
            lines.append(
                "How many learning records were lost is unknown: the concern is the ones not "
                "yet sent to the institution's server, which only existed on this device."
            )
        if self.queued_in_backup:
            lines.append(
                f"{self.queued_in_backup} records waiting in the backup will be sent (again, "
                "for some); the server keeps each one once."
            )
        lines.extend(self.notes)
        return " ".join(lines)


class Transaction:
    """`with database.transaction() as conn:` one learner event or one change, all or nothing.

    A class rather than a generator: it wraps every learner event, on the UI thread.
    """

    __slots__ = ("conn",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise WriteFailed(f"the learner records could not be saved: {exc}") from exc
        return self.conn

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: object
    ) -> None:
        conn = self.conn
        if kind is None:
            try:
                conn.execute("COMMIT")
                return
            except sqlite3.OperationalError as exc:
                error = exc  # not committed: roll back below, nothing of it stays
        if conn.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # the original error says more
                conn.execute("ROLLBACK")
        if isinstance(error, sqlite3.OperationalError):
            raise WriteFailed(f"the learner records could not be saved: {error}") from error


class Database:
    """One open records database: our own connection (and sqlite-utils over it, on demand)."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        backups_dir: Path,
        clock: Clock = time.time,
    ) -> None:
        self.path = path
        self.conn = conn
        self.backups_dir = backups_dir
        self.clock = clock
        self.recovery: RecoveryReport | None = None
        #: When the file last passed a full check (or its backup copy did).
        self.checked_at = clock()

    def transaction(self) -> Transaction:
        """`BEGIN IMMEDIATE ... COMMIT`: the write lock up front, all or nothing.

        SQLite's operational failures (disk full, I/O error, lock timeout) come out as
        `WriteFailed`, a `StoreError` the UI shows; integrity errors (a guard trigger, a bug)
        stay what they are.
        """
        return Transaction(self.conn)

    def close(self) -> None:
        """Close; when no other connection is left (no WAL), mark the file as cleanly closed so
        the next open can skip the full check."""
        self.conn.close()
        integrity.leave_clean_close(self.path, self.checked_at)

    def full_check(
        self,
        *,
        force: bool = False,
        every: float = CHECK_EVERY,
        backup_every: float | None = BACKUP_EVERY,
    ) -> IntegrityCheck:
        """The daily backup when due (its copy is checked page by page: that is the check),
        else `PRAGMA quick_check` when the last full check is older than `every` (or `force`).
        Safe from a worker thread: it reads on connections of its own, never this one. A damaged
        file is flagged: the next open recovers it."""
        now = self.clock()
        found = self.backups()
        due = not found or now - found[-1].taken_at.timestamp() >= (backup_every or 0)
        try:
            if backup_every is not None and due:
                return self._checked_backup(now)
            if not force and now - self.checked_at < every:
                return IntegrityCheck(self.path, ran=False)
            return self._checked(now, integrity.full_check(self.path))
        except sqlite3.OperationalError as exc:
            raise DatabaseUnavailable(f"{self.path}: cannot check the records: {exc}") from exc

    def _checked(
        self, now: float, problems: list[str], backup: Path | None = None
    ) -> IntegrityCheck:
        if problems:
            integrity.flag_for_recovery(self.path, problems[0])
            return IntegrityCheck(self.path, True, tuple(problems))
        self.checked_at = now
        return IntegrityCheck(self.path, True, backup=backup)

    def _checked_backup(self, now: float) -> IntegrityCheck:
        source = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, isolation_level=None)
        try:
            source.execute(f"PRAGMA busy_timeout = {outbox.BUSY_TIMEOUT_MS}")
            taken = take_backup(source, self.backups_dir, "daily", now)
        except BackupCheckFailed:  # the copy is damaged: is the file?
            return self._checked(now, integrity.full_check(self.path))
        finally:
            source.close()
        return self._checked(now, [], taken)

    @property
    def schema_version(self) -> int:
        return migrations.schema_version(self.conn)

    def integrity_check(self) -> list[str]:
        return integrity.problems(self.conn, "integrity_check")

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def device_id(self) -> str:
        """This device's uuid, made once: the actor of statements before an account is linked."""
        found = self.meta("device_id")
        if found:
            return found
        with self.transaction():
            self.conn.execute(
                "INSERT INTO meta (key, value) VALUES ('device_id', ?) ON CONFLICT DO NOTHING",
                (new_uuid(),),
            )
        return str(self.meta("device_id"))

    # -- backups ------------------------------------------------------------------------------

    def backups(self) -> list[BackupInfo]:
        return list_backups(self.backups_dir)

    def backup(self, reason: str = "daily") -> Path:
        """Copy the live database with the online backup API; keeps the last KEEP_BACKUPS."""
        return take_backup(self.conn, self.backups_dir, reason, self.clock())

    def maybe_backup(self, every: float = BACKUP_EVERY) -> Path | None:
        """A daily backup when the newest is older than `every` seconds (or there is none)."""
        found = self.backups()
        now = self.clock()
        if found and now - found[-1].taken_at.timestamp() < every:
            return None
        taken = self.backup("daily")
        self.checked_at = now  # the copy passed quick_check: so did the pages it was made of
        return taken


def _stamp(moment: float) -> str:
    value = datetime.fromtimestamp(moment, UTC)
    return value.strftime("%Y%m%dT%H%M%S") + f"{value.microsecond // 1000:03d}Z"


def _parse_stamp(text: str) -> datetime:
    """`20261126T121009415Z` (or without the milliseconds); by hand, as `strptime` costs a
    module import at every start."""
    millis = int(text[15:18]) if len(text) == 19 else 0
    numbers = (text[0:4], text[4:6], text[6:8], text[9:11], text[11:13], text[13:15])
    year, month, day, hour, minute, second = (int(n) for n in numbers)
    return datetime(year, month, day, hour, minute, second, millis * 1000, tzinfo=UTC)


def list_backups(folder: Path) -> list[BackupInfo]:
    """Backups oldest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _BACKUP_NAME.match(path.name)
        if match:
            found.append(BackupInfo(path, _parse_stamp(match.group(1)), match.group(2)))
    return sorted(found, key=lambda b: (b.taken_at, b.path.name))


def take_backup(conn: sqlite3.Connection, folder: Path, reason: str, now: float) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / f"cartable-{_stamp(now)}-{reason}.sqlite3"
    part = final.with_name(final.name + ".part")
    part.unlink(missing_ok=True)
    target = sqlite3.connect(str(part), isolation_level=None)
    try:
        conn.backup(target)
        # A standalone file: no WAL beside it, readable read-only when it is needed.
        target.execute("PRAGMA journal_mode = DELETE").fetchone()
        problems = integrity.problems(target, "quick_check")
    except sqlite3.OperationalError as exc:
        if integrity.not_corruption(exc):
            raise
        problems = [str(exc)]
    except sqlite3.DatabaseError as exc:  # too damaged to even list its problems
        problems = [str(exc)]
    finally:
        target.close()
    if problems:
        part.unlink(missing_ok=True)
        raise BackupCheckFailed(f"backup failed its check: {problems[0]}")
    with open(part, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(part, final)
    fsync_dir(folder)
    for old in list_backups(folder)[:-KEEP_BACKUPS]:
        old.path.unlink(missing_ok=True)
    return final


# -- opening, checking, recovering ------------------------------------------------------------


def _unusable_reason(path: Path, has_backups: bool, *, full: bool) -> str | None:
    """Why the file cannot be used as it is, or None when it is fine (or absent). Cheap checks
    always; `PRAGMA quick_check` too when `full`."""
    if not path.exists():
        return None
    flagged = integrity.flagged_problem(path)
    if flagged:
        return flagged
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise DatabaseUnavailable(f"{path}: cannot read the records file: {exc.strerror}") from exc
    if size == 0:
        if has_backups and not integrity.wal_in_use(path):
            return "the file is empty"
        return None
    problem = integrity.header_problem(path, size, header)
    if problem:
        return problem
    try:
        conn = sqlite3.connect(str(path), isolation_level=None)
    except sqlite3.Error as exc:
        raise DatabaseUnavailable(f"{path}: cannot open the records file: {exc}") from exc
    try:
        integrity.quick_reads(conn)
        problems = integrity.problems(conn) if full else []
    except sqlite3.OperationalError as exc:
        if integrity.not_corruption(exc):
            raise DatabaseUnavailable(f"{path}: {exc}") from exc
        return str(exc)
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    if problems:
        return f"integrity check: {problems[0]}"
    return None


def _good_backup(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        return not integrity.problems(conn, "integrity_check") and (
            migrations.schema_version(conn) <= migrations.LATEST
        )
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def _set_aside(path: Path, now: float) -> Path:
    """Rename the damaged file and its WAL/SHM together (the WAL belongs to that file only)."""
    damaged = path.with_name(f"{path.name}.damaged-{_stamp(now)}")
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            os.replace(side, Path(str(damaged) + suffix))
    os.replace(path, damaged)
    fsync_dir(path.parent)
    return damaged


def _restore(backup: Path, path: Path) -> None:
    part = path.with_name(path.name + ".restoring")
    part.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{backup}?mode=ro", uri=True, isolation_level=None)
    target = sqlite3.connect(str(part), isolation_level=None)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()
    with open(part, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(part, path)
    fsync_dir(path.parent)


def _queued_count(path: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error:
        return 0
    try:
        row = conn.execute(
            "SELECT coalesce(sum(n), 0) FROM outbox_tally WHERE state = 'queued'"
        ).fetchone()
        return int(row[0])
    except sqlite3.Error:
        return 0
    finally:
        conn.close()


def recover(path: Path, backups_dir: Path, problem: str, now: float) -> RecoveryReport:
    """Set the damaged file aside and put the newest good backup in its place."""
    damaged = _set_aside(path, now)
    rejected: list[Path] = []
    for backup in reversed(list_backups(backups_dir)):
        if _good_backup(backup.path):
            _restore(backup.path, path)
            return RecoveryReport(
                problem=problem,
                damaged_file=damaged,
                restored_from=backup.path,
                backup_taken_at=backup.taken_at,
                rejected_backups=tuple(rejected),
                queued_in_backup=_queued_count(backup.path),
            )
        rejected.append(backup.path)
    return RecoveryReport(
        problem=problem,
        damaged_file=damaged,
        restored_from=None,
        backup_taken_at=None,
        rejected_backups=tuple(rejected),
    )


def open_database(
    path: Path,
    backups_dir: Path,
    *,
    clock: Clock = time.time,
    backup_every: float | None = BACKUP_EVERY,
) -> Database:
    """Open (creating, migrating or recovering as needed) the records database.

    The result's `recovery` is set when the file had to be restored. `backup_every=None` skips
    the daily backup (tests, benchmarks); backups before migrations are always taken.
    """
    try:
        return _open(path, backups_dir, clock, backup_every)
    except BackupCheckFailed as exc:
        # The daily backup's copy of the file fails its check: the file is damaged where no
        # cheap check looks. Recover it now (the flag makes the next open do so).
        integrity.flag_for_recovery(path, str(exc))
        return _open(path, backups_dir, clock, backup_every)


def _open(path: Path, backups_dir: Path, clock: Clock, backup_every: float | None) -> Database:
    path.parent.mkdir(parents=True, exist_ok=True)
    clean = integrity.take_clean_close(path)
    problem = _unusable_reason(path, bool(list_backups(backups_dir)), full=clean is None)
    report = recover(path, backups_dir, problem, clock()) if problem else None
    integrity.clear_flag(path)
    try:
        conn = outbox.connect(path)
    except sqlite3.Error as exc:
        raise DatabaseUnavailable(f"{path}: cannot open the records file: {exc}") from exc
    database = Database(path, conn, backups_dir, clock)
    database.recovery = report
    if clean is not None and report is None:
        database.checked_at = clean.checked_at  # else: checked (or restored) just now
    try:
        migrations.migrate(
            conn,
            before=lambda current, target: database.backup(f"before-v{target}"),
        )
        database.device_id()
        if backup_every is not None:
            database.maybe_backup(backup_every)
    except migrations.SchemaTooNew as exc:
        conn.close()
        raise StoreError(str(exc)) from exc
    except BackupCheckFailed:
        conn.close()
        raise
    return database
