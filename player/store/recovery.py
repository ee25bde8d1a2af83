"""Putting the newest good backup in place of a damaged records file, crash-safe.

Recovery survives a crash at any step: the backup is copied beside the file, a journal
(`<file>.recovery`) says what is being done, the damaged file is renamed aside and the copy renamed
in. An open that finds the journal finishes what is left (database.py), and the journal goes only
once the store has read back what the damaged file holds beyond the backup (`finish_recovery`).

The report is kept in `<file>.untold` (`keep_untold`) before the journal goes, until the player has
shown it to a learner (`told`): a command that repaired the file said it on a terminal that may
have been a cron job's, and a player may have quit before its window said it.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from player.store import failures, integrity, migrations, private_files
from player.store.backups import BackupInfo, list_backups, stamp
from player.store.errors import BackupUnreadable, Cause, DatabaseUnavailable
from player.store.read_only import connect_read_only
from sync.durable import fsync_dir, write_atomic

log = logging.getLogger(__name__)


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
    #: The read-back could not be written now (a full disk): the journal stays and the next
    #: start reads back what the damaged file holds beyond the backup; nothing is lost yet.
    read_back_at_next_start: bool = False
    notes: tuple[str, ...] = field(default=())

    def summary(self) -> str:
        """A few sentences for the learner (the UI translates its own wording from the fields)."""
        lines = [f"The learner records file was damaged ({self.problem})."]
        lines.append(f"It was set aside as {self.damaged_file} and nothing was deleted.")
        # Bad backups skipped (cut short, empty...): why the one restored is older than expected.
        skipped = len(self.rejected_backups)
        were = "backup was" if skipped == 1 else "backups were"
        if self.restored_from and self.backup_taken_at:
            when = self.backup_taken_at.strftime("%Y-%m-%d %H:%M UTC")
            if skipped:
                lines.append(
                    f"{skipped} newer {were} damaged and skipped; the records were restored "
                    f"from the backup taken on {when}."
                )
            else:
                lines.append(f"The records were restored from the backup taken on {when}.")
            lines.append(
                "Activity recorded after that moment is missing from the restored copy unless "
                "it could be read back from the damaged file."
            )
            lines.append(f"The backup used is {self.restored_from}.")
        elif skipped:
            lines.append(
                f"No usable backup was found ({skipped} {were} damaged and skipped): the records "
                "start empty."
            )
        else:
            lines.append("No usable backup was found: the records start empty.")
        if self.salvaged_statements:
            lines.append(
                f"{self.salvaged_statements} learning records were read back from the damaged "
                "file and their progress rebuilt."
            )
        if self.read_back_at_next_start:
            lines.append(
                "The damaged file could not be read back now: what it holds that the records "
                "lack will be read back at the next start."
            )
        elif self.lost_statements == 0 and self.restored_from is not None:
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


def _unreadable(backup: Path, exc: sqlite3.Error | OSError) -> BackupUnreadable | None:
    """A backup that cannot be read for a reason that is not damage (an I/O error, no
    permission...): the error to stop on; None when it is damage, or when why is unknown (as a
    backup gone since it was listed): a bad backup, skipped."""
    found = failures.inaccessible(backup, exc)
    if found is None or found.cause is Cause.OTHER:
        return None
    return BackupUnreadable(backup, found.cause, found.detail)


def _good_backup(path: Path) -> bool:
    """Whether the backup is a whole Cartable database that passes the full check and is not
    from a newer Cartable. Raises `BackupUnreadable` when it cannot be read now: that is the
    disk, not the backup.

    Its header is read first: SQLite takes an empty file (a copy cut off before its first page)
    for an empty database that passes every check, and it would be restored as empty records.
    A backup is never schema version 0: none is taken before the first migration."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        unreadable = _unreadable(path, exc)
        if unreadable is not None:
            raise unreadable from exc
        return False
    if size == 0 or integrity.header_problem(path, size, header):
        return False
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        unreadable = _unreadable(path, exc)
        if unreadable is not None:
            raise unreadable from exc
        return False
    try:
        return not integrity.problems(conn, "integrity_check") and (
            0 < migrations.schema_version(conn) <= migrations.LATEST
        )
    except sqlite3.Error as exc:
        unreadable = _unreadable(path, exc)
        if unreadable is not None:
            raise unreadable from exc
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
        private_files.create_private(part)  # the records file once renamed in: 0600
        source = connect_read_only(backup)
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
        raise _not_repaired(part, exc, "its backup could not be restored") from exc


#: What the learner does about a repair the disk refused, by its cause: "free some space" only
#: when the disk is full (an I/O error asks for the disk to be checked, not emptied).
_TO_DO = {
    Cause.FULL: "free some space",
    Cause.READ_ONLY: "make the disk or folder writable",
    Cause.NO_PERMISSION: "give your user account access to the folder",
    Cause.LOCKED: "close the program holding it",
}


def _not_repaired(part: Path, exc: sqlite3.Error | OSError, what: str) -> DatabaseUnavailable:
    """A damaged file whose repair could not be written beside it (nothing moved yet): one
    line, saying what to do for what the disk said."""
    cause = failures.not_damage(part, exc).cause
    detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    to_do = _TO_DO.get(cause, "check the disk")
    return DatabaseUnavailable(
        f"{part.parent}: the records file is damaged and {what} ({detail}); nothing was moved: "
        f"{to_do} and start again"
    )


def _backup_outbox(path: Path) -> tuple[int, int]:
    """A backup's queued statements and highest seq (each 0 when it cannot be read)."""
    try:
        conn = connect_read_only(path)
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
    the module's docstring): the journal stays until `finish_recovery`.

    A backup (or the backups folder) that cannot be read now stops the repair before anything
    is moved (`BackupUnreadable`), even with an older good one: restoring that one, or none,
    would lose what the newer one holds for a disk the learner can fix."""
    rejected: list[Path] = []
    chosen: BackupInfo | None = None
    try:
        found = list_backups(backups_dir)
    except OSError as exc:
        unreadable = _unreadable(backups_dir, exc)
        if unreadable is None:
            raise
        raise unreadable from exc
    for backup in reversed(found):
        if _good_backup(backup.path):
            chosen = backup
            break
        rejected.append(backup.path)
    queued, high_seq = _backup_outbox(chosen.path) if chosen else (0, 0)
    report = RecoveryReport(
        problem=problem,
        damaged_file=path.with_name(f"{path.name}.damaged-{stamp(now)}"),
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
        raise _not_repaired(journal_path(path), exc, "could not be repaired") from exc
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
    """A report from a journal (written before the read-back) or from `<file>.untold` (after)."""
    taken = data.get("backup_taken_at")
    lost = data.get("lost_statements")
    return RecoveryReport(
        problem=str(data["problem"]),
        damaged_file=path.with_name(str(data["damaged_file"])),
        restored_from=Path(data["restored_from"]) if data.get("restored_from") else None,
        backup_taken_at=datetime.fromtimestamp(float(taken), UTC) if taken is not None else None,
        rejected_backups=tuple(Path(p) for p in data.get("rejected_backups", ())),
        queued_in_backup=int(data.get("queued_in_backup", 0)),
        backup_high_seq=int(data.get("backup_high_seq", 0)),
        salvaged_statements=int(data.get("salvaged_statements", 0)),
        lost_statements=int(lost) if lost is not None else None,
        read_back_at_next_start=bool(data.get("read_back_at_next_start", False)),
        notes=tuple(str(n) for n in data.get("notes", ())),
    )


def _finish_steps(path: Path, report: RecoveryReport, *, set_aside: bool) -> None:
    """The renames after the journal, each one only if it is not done yet: run again after a
    crash, they take up where it stopped. Once the journal says the damaged file went aside,
    the file at `path` is the restored one, whatever became of the damaged one since (the
    learner may have deleted it to make room).

    A step the disk refuses (full: no room to rewrite the journal; read-only...) raises
    `RecordsInaccessible`, one line, not an OSError's traceback: the journal is there, so the
    next start with room takes up from that step, like after a crash."""
    try:
        _renames(path, report, set_aside=set_aside)
    except OSError as exc:
        raise failures.not_damage(path, exc) from exc


def _renames(path: Path, report: RecoveryReport, *, set_aside: bool) -> None:
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
        raw = journal.read_bytes()
    except OSError as exc:  # the disk, not a garbled journal: dropped, the repair is forgotten
        raise failures.not_damage(journal, exc) from exc
    try:
        data = json.loads(raw.decode("utf-8"))
        report = _report_of(path, data)
    except (ValueError, KeyError, TypeError) as exc:
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


def untold_path(path: Path) -> Path:
    return path.with_name(path.name + ".untold")


def untold(path: Path) -> list[RecoveryReport]:
    """The repairs of the records file at `path` no learner has been shown yet, oldest first.

    A file that cannot be read or parsed is said in the log and taken as none: the repair it
    told of is done, and the damaged file is still beside the records. The writers below never
    overwrite it (`_kept_for_writing`)."""
    kept = untold_path(path)
    try:
        raw = kept.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        log.warning("%s: cannot be read: %s", kept, exc)
        return []
    return _parsed(path, raw) or []


def _parsed(path: Path, raw: bytes) -> list[RecoveryReport] | None:
    """The reports a kept file holds, or None when it cannot be parsed (said in the log)."""
    try:
        return [_report_of(path, data) for data in json.loads(raw.decode("utf-8"))]
    except (ValueError, KeyError, TypeError) as exc:
        log.warning("%s: unreadable, ignored: %s", untold_path(path), exc)
        return None


def _kept_for_writing(path: Path) -> list[RecoveryReport]:
    """The reports kept, for a writer (under the repair lock, locks.py). A file that cannot be
    parsed is renamed aside (`<file>.untold.unreadable-<time>`), never overwritten: what it
    holds is still there for a person to read. Raises OSError when the file cannot be read (the
    writer then writes nothing) or renamed."""
    kept = untold_path(path)
    try:
        raw = kept.read_bytes()
    except FileNotFoundError:
        return []
    reports = _parsed(path, raw)
    if reports is None:
        aside = kept.with_name(f"{kept.name}.unreadable-{stamp(time.time())}")
        os.replace(kept, aside)
        log.warning("%s: unreadable, set aside as %s", kept, aside)
        return []
    return reports


def keep_untold(path: Path, report: RecoveryReport) -> None:
    """Keep `report` until a learner is shown it (`told`). A repair taken up again after a
    crash or a full disk replaces its earlier report (same damaged file), never doubles it.
    Raises OSError when the file cannot be written."""
    reports = [r for r in _kept_for_writing(path) if r.damaged_file != report.damaged_file]
    _write_untold(path, [*reports, report])


def told(path: Path, report: RecoveryReport) -> None:
    """A learner was shown `report`: it is no longer kept. Raises OSError when the file cannot
    be rewritten (the report is then shown again at the next start: nothing worse)."""
    reports = [r for r in _kept_for_writing(path) if r.damaged_file != report.damaged_file]
    if reports:
        _write_untold(path, reports)
    else:
        untold_path(path).unlink(missing_ok=True)


def _write_untold(path: Path, reports: list[RecoveryReport]) -> None:
    write_atomic(untold_path(path), json.dumps([_untold_of(r) for r in reports], indent=1))


def _untold_of(report: RecoveryReport) -> dict[str, object]:
    return {
        **_journal_of(report),
        "salvaged_statements": report.salvaged_statements,
        "lost_statements": report.lost_statements,
        "read_back_at_next_start": report.read_back_at_next_start,
        "notes": list(report.notes),
    }
