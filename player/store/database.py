"""The records database file: its connection and transactions, and opening it.

Opening never crashes on a damaged file. `open_database` checks the file (integrity.py: cheap
checks at every open, `PRAGMA quick_check` when the last run did not close cleanly or a check
found damage), and if it is unusable sets it aside with its WAL, restores the newest backup that
passes the full `PRAGMA integrity_check`, and says what happened in a `RecoveryReport`
(recovery.py). Only damage does that: a full or read-only disk, an I/O error, no permission or
a lock held too long leave the file where it is and raise `RecordsInaccessible` (failures.py).
Backups (backups.py) are taken before every migration and at most once a day. A backup whose
copy fails its check sends the live file to the full check: damaged, it is recovered; sound, it
stays in use. A backup that cannot be written (disk full) never is damage: the daily one is
skipped, and no migration runs without its backup. The file, its WAL and its backups are
readable by the user only (private_files.py).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from player.store import failures, integrity, migrations, private_files
from player.store.backups import (
    BACKUP_EVERY,
    BackupCheckFailed,
    BackupFailed,
    BackupInfo,
    backup_due,
    list_backups,
    take_backup,
)
from player.store.backups import sweep_parts as sweep_backup_parts
from player.store.errors import (
    Cause,
    DatabaseUnavailable,
    RecordsInaccessible,
    StoreError,
    WriteFailed,
)
from player.store.ids import new_uuid
from player.store.integrity import CHECK_EVERY, CleanClose, IntegrityCheck
from player.store.locks import REPAIR_WAIT, InUse, repairing
from player.store.read_only import connect_read_only
from player.store.recovery import RecoveryReport, journal_path, recover, resume_recovery
from sync import outbox

log = logging.getLogger(__name__)

Clock = Callable[[], float]

#: `Database.checked_at` of a file no check vouches for: its check after the first paint runs,
#: and the marker its clean close leaves says so to the next open.
NEVER_CHECKED = 0.0


class Transaction:
    """`with database.transaction() as conn:` one learner event or one change, all or nothing.

    A class rather than a generator: it wraps every learner event, on the UI thread.
    """

    __slots__ = ("conn", "path")

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    def _failed(self, exc: sqlite3.OperationalError) -> WriteFailed:
        """Said with its cause (a full or read-only disk...), which the UI words for the
        learner; the folder is looked at only once a write has failed."""
        found = failures.inaccessible(self.path, exc)
        return WriteFailed(  # `path`: the command line names the file (review s17 #9, r6 #3)
            f"the learner records could not be saved: {exc}",
            found.cause if found else None,
            self.path,
        )

    def __enter__(self) -> sqlite3.Connection:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise self._failed(exc) from exc
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
            raise self._failed(error) from error


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
        #: The file's in-use lock (locks.py), held until `close`; None for a bare connection.
        self.in_use: InUse | None = None
        #: When the file last passed a full check (or its backup copy did).
        self.checked_at = clock()

    def transaction(self) -> Transaction:
        """`BEGIN IMMEDIATE ... COMMIT`: the write lock up front, all or nothing.

        SQLite's operational failures (disk full, I/O error, lock timeout) come out as
        `WriteFailed`, a `StoreError` the UI shows; integrity errors (a guard trigger, a bug)
        stay what they are.
        """
        return Transaction(self.conn, self.path)

    def close(self) -> None:
        """Close; when no other connection is left (no WAL), mark the file as cleanly closed so
        the next open can skip the full check."""
        self.conn.close()
        integrity.leave_clean_close(self.path, self.checked_at)
        if self.in_use is not None:
            self.in_use.release()

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
        except sqlite3.Error as exc:  # not damage: integrity.full_check returns that
            raise failures.not_damage(self.path, exc) from exc

    def _checked(
        self, now: float, problems: list[str], backup: Path | None = None
    ) -> IntegrityCheck:
        if problems:
            integrity.flag_for_recovery(self.path, problems[0])
            return IntegrityCheck(self.path, True, tuple(problems))
        self.checked_at = now
        return IntegrityCheck(self.path, True, backup=backup)

    def _checked_backup(self, now: float) -> IntegrityCheck:
        source = connect_read_only(self.path)
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


# -- opening and checking ---------------------------------------------------------------------


def _unusable_reason(path: Path, has_backups: bool, *, full: bool, flag: bool = True) -> str | None:
    """Why the file cannot be used as it is, or None when it is fine (or absent). Cheap checks
    always; `PRAGMA quick_check` too when `full`; a check's flag unless `flag` is False."""
    if not path.exists():
        return None
    flagged = integrity.flagged_problem(path) if flag else None
    if flagged:
        return flagged
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise failures.not_damage(path, exc) from exc
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
        raise failures.not_damage(path, exc) from exc
    try:
        integrity.quick_reads(conn)
        problems = integrity.problems(conn) if full else []
    except sqlite3.DatabaseError as exc:
        not_damage = failures.inaccessible(path, exc)
        if not_damage is not None:  # a full disk (no room for the -shm), I/O error, lock...
            raise not_damage from exc
        return str(exc)
    finally:
        conn.close()
    if problems:
        return f"integrity check: {problems[0]}"
    return None


def records_file(path: Path) -> Path:
    """The file the records are in: `path`, or the end of the symlink(s) at `path`.

    A learner (or an installer) may keep the file on another disk and leave a link at the usual
    place. SQLite opens the link's target and keeps its -wal and -shm beside the target, so
    everything the store does to the file (its markers and locks, a repair setting it aside and
    restoring a backup) is done there: done to the link, a repair renamed the link aside, left
    the target's stale WAL beside it and put a regular file in the link's place, the other disk
    no longer used. The backups stay in their own folder (paths.py).

    A link whose target is missing (the disk not plugged in, not mounted) raises
    `RecordsInaccessible` (MISSING) and nothing is made: SQLite would have made empty records
    where it leads (under an empty mount point: hidden by the disk once mounted again). An
    installer linking ahead of the first start makes the target, empty, first."""
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path, strict=True))
    except FileNotFoundError:
        raise RecordsInaccessible(path, Cause.MISSING, os.path.realpath(path)) from None
    except OSError as exc:  # a link loop, no permission on a folder on the way
        raise failures.not_damage(path, exc) from exc


def open_database(
    path: Path,
    backups_dir: Path,
    *,
    clock: Clock = time.time,
    backup_every: float | None = BACKUP_EVERY,
    read_back: Callable[[Database], None] | None = None,
) -> Database:
    """Open (creating, migrating or recovering as needed) the records database.

    The result's `recovery` is set when the file had to be restored; `read_back` (the store's)
    then reads back what it can from the damaged file and calls `finish_recovery`, before any
    other process may open the file. The result holds the file's in-use lock until it is closed
    (locks.py). A `path` that is a symlink opens its target (`records_file`): the result's
    `path` is the target, and the link's locks are held too, for players of earlier versions
    (`locks.InUse`). `backup_every=None` skips the daily backup (tests, benchmarks);
    backups before migrations are always taken.
    """
    given, path = path, records_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise failures.not_damage(path.parent, exc) from exc
    # Before anything opens it: SQLite gives the -wal and -shm it makes the file's mode, and
    # (except on Linux) closing the descriptor `tighten` opened drops this process's locks
    # on the file (test_store_file_modes checks no connection has it open here).
    private_files.tighten_records(path, backups_dir)
    in_use = InUse(path, link=given)
    # One wait in all for another process's repair (here, then for the repair lock): a start
    # waits with no window.
    deadline = time.monotonic() + REPAIR_WAIT
    in_use.share(REPAIR_WAIT)
    try:
        if given != path:
            _take_over_link_sides(given, path)
        opening = _Opening(path, backups_dir, clock, in_use, read_back, deadline, link=given)
        database = _open_checked(opening, backup_every)
    except BaseException:
        in_use.release()
        raise
    database.in_use = in_use
    return database


def _take_over_link_sides(link: Path, path: Path) -> None:
    """What a player of an earlier version left beside the link it opened the file through
    (its markers were there, not beside the target): its repair request (`.recover`) moves
    beside the target, so the file is repaired; its clean-close marker goes (a full check
    instead, once). Under the in-use locks, both held shared (locks.InUse). It can go a few
    releases after the markers moved beside the target, with the link's locks."""
    try:
        problem = integrity.flagged_problem(link)
        if problem is not None:
            # The target's written before the link's is removed: a player killed between the
            # two leaves both (one repair), never neither (the damaged file used on).
            written = False
            if integrity.flagged_problem(path) is None:  # written anew: the target's disk may
                # be another (no rename there), and its flag is written durably
                integrity.flag_for_recovery(path, problem.removeprefix("integrity check: "))
                written = True
            try:
                integrity.recover_flag_path(link).unlink()
            except OSError:  # the link's folder keeps it (read-only): not taken over, or
                # every open takes it over again and every start repairs the file
                if written:
                    integrity.clear_flag(path)
                raise
        integrity.marker_path(link).unlink(missing_ok=True)
    except OSError as exc:  # a read-only folder: the request stays beside the link, unread
        log.warning("%s: an earlier version's markers left beside the link: %s", link, exc)


def _open_checked(opening: _Opening, backup_every: float | None) -> Database:
    path = opening.path
    try:
        return opening.open(backup_every)
    except BackupCheckFailed as exc:
        # The copy fails its check: is the file damaged where no cheap check looks, or was it
        # the copy (a bad sector under the backups)? The file's own full check says.
        try:
            problems = integrity.full_check(path)
        except sqlite3.Error as error:
            raise failures.not_damage(path, error) from error
        if problems:
            return opening.open(backup_every, problem=str(exc))
        log.warning("%s: %s; the records file itself is sound and stays in use", path, exc)
        return opening.open(None)


class _Opening:
    """One open of the records file, under its in-use lock held shared (locks.py).

    The checks run first without the repair lock (a sound file, nearly always). A file to repair
    (damaged, flagged by a check, or a repair's journal left by a crash) is repaired under the
    installation's repair lock, checked again once it is held (another process may have repaired
    it meanwhile), and only when no other store has it open: a file only flagged is then opened
    as it is, flagged for an open that is alone, and unchecked (its check after the first paint
    runs and says it); a file unusable as it is stops the open (`RecordsInaccessible`, locked),
    nothing moved. `deadline` (time.monotonic): when waiting for another's repair stops."""

    def __init__(
        self,
        path: Path,
        backups_dir: Path,
        clock: Clock,
        in_use: InUse,
        read_back: Callable[[Database], None] | None,
        deadline: float,
        *,
        link: Path | None = None,
    ) -> None:
        self.path = path
        self.link = link if link != path else None
        self.backups_dir = backups_dir
        self.clock = clock
        self.in_use = in_use
        self.read_back = read_back
        self.deadline = deadline

    def open(self, backup_every: float | None, *, problem: str | None = None) -> Database:
        now = time.time()
        integrity.sweep_parts(self.path, now)
        sweep_backup_parts(self.backups_dir, now)
        clean = integrity.take_clean_close(self.path)
        full = problem is not None or clean is None
        if problem is None and not journal_path(self.path).exists():
            problem = self._problem(full=full)
            if problem is None:
                return self._connect(backup_every, clean, None)
        # Waiting for another's repair while holding the file shared would keep it from starting.
        self.in_use.release()
        with self._repairing():
            self.in_use.share()
            return self._repair(backup_every, full=full, forced=problem)

    @contextlib.contextmanager
    def _repairing(self) -> Iterator[None]:
        """The repair lock, within what is left of the wait. Opened through a link, the link's
        too, inside it: players of earlier versions took it beside the link (locks.InUse). It
        can go a few releases after 66d7253, with the link's in-use lock."""
        with repairing(self.path, max(0.0, self.deadline - time.monotonic())):
            if self.link is None:
                yield
                return
            with repairing(self.link, max(0.0, self.deadline - time.monotonic())):
                yield

    def _problem(self, *, full: bool, flag: bool = True) -> str | None:
        try:
            has_backups = bool(list_backups(self.backups_dir))
        except OSError as exc:  # a backups folder the user may not read: not damage
            raise failures.not_damage(self.backups_dir, exc) from exc
        return _unusable_reason(self.path, has_backups, full=full, flag=flag)

    def _repair(self, backup_every: float | None, *, full: bool, forced: str | None) -> Database:
        """Under the repair lock, holding the file shared. `forced`: what a failed check of a
        backup's copy said, kept as the problem while the file still fails its own check."""
        pending = journal_path(self.path).exists()
        problem = None if pending else self._problem(full=full)
        if problem and forced:
            problem = forced
        if not pending and problem is None:  # repaired by another process meanwhile
            return self._connect(backup_every, None, None)
        if not self.in_use.alone():
            # Another Cartable has the file open, and writes into it: a player studying on after
            # its check flagged the file, say. Moved now, its writes would go to the file set
            # aside, which nothing reads back.
            if not pending and problem and self._problem(full=False, flag=False) is None:
                return self._open_unrepaired(problem)
            raise RecordsInaccessible(
                self.path,
                Cause.LOCKED,
                f"damaged ({problem or 'a repair to finish'}), and open in another Cartable",
            )
        try:
            report = resume_recovery(self.path)
            if report is not None:
                # A check's flag named the file that repair set aside, not the restored one:
                # read as the restored one's, it would repair that again and the damaged file's
                # records beyond the backup would never be read back.
                integrity.clear_flag(self.path)
                problem = self._problem(full=full)
            if problem:
                report = recover(self.path, self.backups_dir, problem, self.clock())
            integrity.clear_flag(self.path)
            database = self._connect(backup_every, None, report)
            if report is not None and self.read_back is not None:
                self.read_back(database)
            return database
        finally:
            self.in_use.share()  # from exclusive: others may open the repaired file now

    def _open_unrepaired(self, problem: str) -> Database:
        """A damaged file the cheap checks still read, open in another Cartable: used as it is
        for now. Flagged (unless the problem is the flag's), so the next open alone repairs it;
        unchecked, so this store's check after the first paint runs and says it, and its clean
        close vouches for nothing. No daily backup of a file known damaged."""
        if integrity.flagged_problem(self.path) is None:
            try:
                integrity.flag_for_recovery(self.path, problem.removeprefix("integrity check: "))
            except OSError as exc:  # unsaid, the damage would be forgotten at the next open
                raise failures.not_damage(self.path, exc) from exc
        log.info(
            "%s: %s; open in another Cartable: used as it is until an open alone repairs it",
            self.path,
            problem,
        )
        database = self._connect(None, None, None)
        database.checked_at = NEVER_CHECKED
        return database

    def _connect(
        self, backup_every: float | None, clean: CleanClose | None, report: RecoveryReport | None
    ) -> Database:
        path, backups_dir = self.path, self.backups_dir
        private_files.create_private(path)  # a first start, or no backup to restore: 0600
        try:
            conn = outbox.connect(path)
        except sqlite3.Error as exc:
            raise failures.inaccessible(path, exc) or DatabaseUnavailable(
                f"{path}: cannot open the records file: {exc}"
            ) from exc
        database = Database(path, conn, backups_dir, self.clock)
        database.recovery = report
        if clean is not None:
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
        except (BackupFailed, WriteFailed, sqlite3.Error) as exc:
            # A full disk... during a migration, its backup (none, no migration) or the device id.
            conn.close()
            not_damage = failures.explained(
                backups_dir if isinstance(exc, BackupFailed) else path, exc
            )
            if not_damage is None:
                raise
            raise not_damage from exc
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
