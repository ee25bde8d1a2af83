"""The records database file: connection, pragmas, checks, backups and recovery.

Opening never crashes on a damaged file. `open_database` checks the file (integrity.py: cheap
checks at every open, `PRAGMA quick_check` when the last run did not close cleanly or a check
found damage), and if it is unusable sets it aside with its WAL, restores the newest backup that
passes the full `PRAGMA integrity_check`, and says what happened in a `RecoveryReport`. Backups
use SQLite's online backup API: the last `KEEP_BACKUPS`, taken before every migration and at most
once a day. A backup whose copy fails its check sends the live file to the full check: damaged, it
is recovered; sound, it stays in use. A backup that cannot be written (disk full) never is damage.

Recovery survives a crash at any step: the backup is copied beside the file, a journal
(`<file>.recovery`) says what is being done, the damaged file is renamed aside and the copy renamed
in. An open that finds the journal finishes what is left, and the journal goes only once the
store has read back what the damaged file holds beyond the backup (`finish_recovery`).
"""

from __future__ import annotations

import contextlib
import json
import logging
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
from sync.durable import fsync_dir, write_atomic

log = logging.getLogger(__name__)

Clock = Callable[[], float]

KEEP_BACKUPS = 3
BACKUP_EVERY = 24 * 3600.0
_BACKUP_NAME = re.compile(r"^cartable-(\d{8}T\d{6}(?:\d{3})?Z)-([a-z0-9-]+)\.sqlite3$")


class StoreError(Exception):
    """A records problem the user can act on; `str()` is one line."""


class DatabaseUnavailable(StoreError):
    """The file cannot be opened at all (locked by another Cartable, no permission...)."""


class BackupCheckFailed(StoreError):
    """The copy just made fails its check: the file it was copied from may be damaged."""


class BackupFailed(StoreError):
    """The backup could not be written (disk full, I/O error on the copy, the file busy): that
    says nothing of the live file, which stays in use."""


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
    #: The restored backup's highest outbox seq (0 without a backup): the damaged file's rows
    #: above it are what the backup lacks, even once new ones are recorded after the restore.
    backup_high_seq: int = 0
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
        due = backup_due(self.backups(), now, backup_every or 0)
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
        except BackupFailed as exc:  # no copy today (disk full...): the check all the same
            log.warning("%s: %s", self.path, exc)
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
        now = self.clock()
        if not backup_due(self.backups(), now, every):
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


def backup_due(found: list[BackupInfo], now: float, every: float) -> bool:
    """When the newest backup was written (its file's time, set from our clock) is `every` ago,
    or in the future by more than that: the clock went back (a flat battery on a laptop kept
    offline), and waiting for it to catch up would mean no backup for months."""
    if not found:
        return True
    try:
        age = now - found[-1].path.stat().st_mtime
    except OSError:
        return True
    return age >= every or age < -max(every, BACKUP_EVERY)


def _is_corruption(exc: sqlite3.Error) -> bool:
    name = getattr(exc, "sqlite_errorname", "")
    text = str(exc).lower()
    return name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or (
        "malformed" in text or "not a database" in text
    )


def _copy_checked(conn: sqlite3.Connection, part: Path) -> list[str]:
    """Copy with the online backup API into `part`; what `quick_check` finds wrong in the copy.
    Raises sqlite3.Error when the copy could not be made for any reason but damage."""
    target = sqlite3.connect(str(part), isolation_level=None)
    try:
        conn.backup(target)
        # A standalone file: no WAL beside it, readable read-only when it is needed.
        target.execute("PRAGMA journal_mode = DELETE").fetchone()
        return integrity.problems(target, "quick_check")
    except sqlite3.DatabaseError as exc:
        if _is_corruption(exc):  # the source is too damaged to copy
            return [str(exc)]
        raise
    finally:
        target.close()


def take_backup(conn: sqlite3.Connection, folder: Path, reason: str, now: float) -> Path:
    """A checked copy, named after the moment it is taken: never before the newest one already
    there, so that their names keep the order they were taken in whatever the clock did. Raises
    BackupCheckFailed when the copy is damaged, BackupFailed when it could not be written;
    nothing is left behind either way."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        found = list_backups(folder)
    except OSError as exc:
        raise BackupFailed(f"{folder}: the backup could not be written: {exc.strerror}") from exc
    moment = max(now, found[-1].taken_at.timestamp() + 0.001) if found else now
    final = folder / f"cartable-{_stamp(moment)}-{reason}.sqlite3"
    part = final.with_name(final.name + ".part")
    try:
        part.unlink(missing_ok=True)
        problems = _copy_checked(conn, part)
        if problems:
            raise BackupCheckFailed(f"backup failed its check: {problems[0]}")
        with open(part, "rb+") as handle:
            os.fsync(handle.fileno())
        os.utime(part, (now, now))  # when it was taken, by our clock (`backup_due`)
        os.replace(part, final)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        if isinstance(exc, sqlite3.Error | OSError):
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise BackupFailed(f"{folder}: the backup could not be written: {detail}") from exc
        raise
    fsync_dir(folder)
    for old in list_backups(folder)[:-KEEP_BACKUPS]:
        with contextlib.suppress(OSError):
            old.path.unlink()
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


def _set_aside(path: Path, damaged: Path) -> None:
    """Rename the damaged file and its WAL/SHM together (the WAL belongs to that file only)."""
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            os.replace(side, Path(str(damaged) + suffix))
    os.replace(path, damaged)
    fsync_dir(path.parent)


def _restoring(path: Path) -> Path:
    return path.with_name(path.name + ".restoring")


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".recovery")


def _copy_backup(backup: Path, part: Path) -> None:
    """The backup, copied whole and flushed beside the live file, or a StoreError and no copy."""
    try:
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
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            part.unlink()
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise DatabaseUnavailable(
            f"{part.parent}: the records file is damaged and its backup could not be restored "
            f"({detail}); nothing was moved: free some space and start again"
        ) from exc


def _backup_outbox(path: Path) -> tuple[int, int]:
    """A backup's queued statements and highest seq (each 0 when it cannot be read)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    except sqlite3.Error:
        return 0, 0

    def one(sql: str) -> int:
        try:
            return int(conn.execute(sql).fetchone()[0])
        except sqlite3.Error:
            return 0

    try:
        return (
            one("SELECT coalesce(sum(n), 0) FROM outbox_tally WHERE state = 'queued'"),
            one("SELECT coalesce(max(seq), 0) FROM outbox"),
        )
    finally:
        conn.close()


def recover(path: Path, backups_dir: Path, problem: str, now: float) -> RecoveryReport:
    """Set the damaged file aside and put the newest good backup in its place; crash-safe (see
    the module's docstring): the journal stays until `finish_recovery`."""
    rejected: list[Path] = []
    chosen: BackupInfo | None = None
    for backup in reversed(list_backups(backups_dir)):
        if _good_backup(backup.path):
            chosen = backup
            break
        rejected.append(backup.path)
    queued, high_seq = _backup_outbox(chosen.path) if chosen else (0, 0)
    report = RecoveryReport(
        problem=problem,
        damaged_file=path.with_name(f"{path.name}.damaged-{_stamp(now)}"),
        restored_from=chosen.path if chosen else None,
        backup_taken_at=chosen.taken_at if chosen else None,
        rejected_backups=tuple(rejected),
        queued_in_backup=queued,
        backup_high_seq=high_seq,
    )
    if chosen is not None:
        _copy_backup(chosen.path, _restoring(path))  # nothing moved yet if this fails
    try:
        _write_journal(path, report, set_aside=False)
    except OSError as exc:
        raise DatabaseUnavailable(
            f"{path.parent}: the records file is damaged and could not be repaired "
            f"({exc.strerror}); nothing was moved: free some space and start again"
        ) from exc
    _finish_steps(path, report, set_aside=False)
    return report


def _write_journal(path: Path, report: RecoveryReport, *, set_aside: bool) -> None:
    write_atomic(journal_path(path), json.dumps({**_journal_of(report), "set_aside": set_aside}))


def _journal_of(report: RecoveryReport) -> dict[str, object]:
    return {
        "problem": report.problem,
        "damaged_file": report.damaged_file.name,
        "restored_from": str(report.restored_from) if report.restored_from else None,
        "backup_taken_at": report.backup_taken_at.timestamp() if report.backup_taken_at else None,
        "rejected_backups": [str(p) for p in report.rejected_backups],
        "queued_in_backup": report.queued_in_backup,
        "backup_high_seq": report.backup_high_seq,
    }


def _report_of(path: Path, data: dict) -> RecoveryReport:
    taken = data.get("backup_taken_at")
    return RecoveryReport(
        problem=str(data["problem"]),
        damaged_file=path.with_name(str(data["damaged_file"])),
        restored_from=Path(data["restored_from"]) if data.get("restored_from") else None,
        backup_taken_at=datetime.fromtimestamp(float(taken), UTC) if taken is not None else None,
        rejected_backups=tuple(Path(p) for p in data.get("rejected_backups", ())),
        queued_in_backup=int(data.get("queued_in_backup", 0)),
        backup_high_seq=int(data.get("backup_high_seq", 0)),
    )


def _finish_steps(path: Path, report: RecoveryReport, *, set_aside: bool) -> None:
    """The renames after the journal, each one only if it is not done yet: run again after a
    crash, they take up where it stopped. Once the journal says the damaged file went aside,
    the file at `path` is the restored one, whatever became of the damaged one since (the
    learner may have deleted it to make room)."""
    if not set_aside:
        if path.exists() and not report.damaged_file.exists():
            _set_aside(path, report.damaged_file)
        _write_journal(path, report, set_aside=True)
    restoring = _restoring(path)
    if restoring.exists() and not path.exists():
        os.replace(restoring, path)
        fsync_dir(path.parent)


def resume_recovery(path: Path) -> RecoveryReport | None:
    """A recovery a crash interrupted: its steps finished, its report rebuilt (the learner is
    told at this start). None when there is none."""
    journal = journal_path(path)
    if not journal.exists():
        return None
    try:
        data = json.loads(journal.read_text(encoding="utf-8"))
        report = _report_of(path, data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        log.warning("%s: unreadable, ignored: %s", journal, exc)
        with contextlib.suppress(OSError):
            journal.unlink()
        return None
    _finish_steps(path, report, set_aside=bool(data.get("set_aside")))
    return report


def finish_recovery(path: Path) -> None:
    """The store has read back what it could from the damaged file: the recovery is over."""
    with contextlib.suppress(OSError):
        journal_path(path).unlink()
    with contextlib.suppress(OSError):
        _restoring(path).unlink()
    fsync_dir(path.parent)


def open_database(
    path: Path,
    backups_dir: Path,
    *,
    clock: Clock = time.time,
    backup_every: float | None = BACKUP_EVERY,
) -> Database:
    """Open (creating, migrating or recovering as needed) the records database.

    The result's `recovery` is set when the file had to be restored (the caller reads back what
    it can from the damaged file, then calls `finish_recovery`). `backup_every=None` skips the
    daily backup (tests, benchmarks); backups before migrations are always taken.
    """
    try:
        return _open(path, backups_dir, clock, backup_every)
    except BackupCheckFailed as exc:
        # The copy fails its check: is the file damaged where no cheap check looks, or was it
        # the copy (a bad sector under the backups)? The file's own full check says.
        try:
            problems = integrity.full_check(path)
        except sqlite3.OperationalError as error:
            raise DatabaseUnavailable(f"{path}: cannot check the records: {error}") from error
        if problems:
            return _open(path, backups_dir, clock, backup_every, problem=str(exc))
        log.warning("%s: %s; the records file itself is sound and stays in use", path, exc)
        return _open(path, backups_dir, clock, None)


def _open(
    path: Path,
    backups_dir: Path,
    clock: Clock,
    backup_every: float | None,
    *,
    problem: str | None = None,
) -> Database:
    path.parent.mkdir(parents=True, exist_ok=True)
    report = resume_recovery(path)
    clean = integrity.take_clean_close(path)
    if problem is None:
        problem = _unusable_reason(path, bool(list_backups(backups_dir)), full=clean is None)
    if problem:
        report = recover(path, backups_dir, problem, clock())
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
    except migrations.SchemaTooNew as exc:
        conn.close()
        raise StoreError(str(exc)) from exc
    except StoreError:
        conn.close()
        raise
    if backup_every is not None:
        try:
            database.maybe_backup(backup_every)
        except BackupCheckFailed:
            conn.close()
            raise
        except BackupFailed as exc:  # the file is fine; tomorrow's start tries again
            log.warning("%s", exc)
    return database
