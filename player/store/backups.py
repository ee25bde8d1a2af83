"""Backups of the records file, with SQLite's online backup API: the last `KEEP_BACKUPS`,
taken before every migration and at most once a day (database.py). Each copy is checked as it is
made: a copy that fails its check says the file it came from may be damaged
(`BackupCheckFailed`); one that cannot be written (disk full) says nothing of it (`BackupFailed`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from player.store import failures, integrity, private_files
from player.store.errors import StoreError
from sync.durable import fsync_dir

log = logging.getLogger(__name__)

KEEP_BACKUPS = 3
BACKUP_EVERY = 24 * 3600.0
_BACKUP_NAME = re.compile(r"^cartable-(\d{8}T\d{6}(?:\d{3})?Z)-([a-z0-9-]+)\.sqlite3$")
#: A copy being made (`take_backup`) and what SQLite makes beside it; `<pid>-<thread>` is
#: absent from an older version's.
_PART_NAME = re.compile(
    r"^cartable-\d{8}T\d{6}(?:\d{3})?Z-[a-z0-9-]+\.sqlite3(\.\d+-\d+)?\.part(?:-wal|-shm|-journal)?$"
)


class BackupCheckFailed(StoreError):
    """The copy just made fails its check: the file it was copied from may be damaged."""


class BackupFailed(StoreError):
    """The backup could not be written (disk full, I/O error on the copy, the file busy): that
    says nothing of the live file, which stays in use."""


@dataclass(frozen=True)
class BackupInfo:
    """A backup of the records: its file, when it was taken and why."""

    path: Path
    taken_at: datetime
    reason: str


def stamp(moment: float) -> str:
    """`20261126T121009415Z`: names that sort in the order they were taken (backups, a damaged
    file set aside)."""
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


def _remove_part(part: Path) -> None:
    """The half-made copy and what SQLite made beside it: the copy of a WAL database is one
    until its journal mode is changed, and a full disk stops it before that."""
    for side in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{part}{side}").unlink()


def sweep_parts(folder: Path, opened_at: float) -> int:
    """At open: remove the half-made copies a process killed during a backup left (each the
    size of the records file, never reused: every backup names its own), as
    `integrity.sweep_parts` does beside the file (`integrity.left_over`): another Cartable's is
    the copy it is making. Bytes freed."""
    try:
        entries = list(folder.iterdir())
    except OSError:  # no backups yet, or a folder the user may not read (the open says it)
        return 0
    freed = 0
    for entry in entries:
        match = _PART_NAME.match(entry.name)
        if match is None:
            continue
        with contextlib.suppress(OSError):
            status = entry.stat()
            if integrity.left_over(match.group(1) or "", status.st_mtime, opened_at):
                entry.unlink()
                freed += status.st_size
    if freed:
        log.info("%s: removed half-made backups a killed process left (%d bytes)", folder, freed)
    return freed


def _copy_checked(conn: sqlite3.Connection, part: Path) -> list[str]:
    """Copy with the online backup API into `part`; what `quick_check` finds wrong in the copy.
    Raises sqlite3.Error when the copy could not be made for any reason but damage."""
    private_files.create_private(part)  # the learner's records: 0600, kept by the rename
    target = sqlite3.connect(str(part), isolation_level=None)
    try:
        conn.backup(target)
        # A standalone file: no WAL beside it, readable read-only when it is needed.
        target.execute("PRAGMA journal_mode = DELETE").fetchone()
        return integrity.problems(target, "quick_check")
    except sqlite3.DatabaseError as exc:
        if failures.is_damage(exc):  # the source is too damaged to copy
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
    final = folder / f"cartable-{stamp(moment)}-{reason}.sqlite3"
    # Its own part file: two processes (or threads) backing up in the same millisecond share
    # `final`, and each removed the other's copy while it was being made.
    part = final.with_name(f"{final.name}.{os.getpid()}-{threading.get_ident()}.part")
    try:
        _remove_part(part)
        problems = _copy_checked(conn, part)
        if problems:
            raise BackupCheckFailed(f"backup failed its check: {problems[0]}")
        with open(part, "rb+") as handle:
            os.fsync(handle.fileno())
        os.utime(part, (now, now))  # when it was taken, by our clock (`backup_due`)
        os.replace(part, final)
    except BaseException as exc:
        _remove_part(part)
        if isinstance(exc, sqlite3.Error | OSError):
            detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise BackupFailed(f"{folder}: the backup could not be written: {detail}") from exc
        raise
    fsync_dir(folder)
    # Only now that the new copy is complete and in place: a full disk keeps the old ones.
    for old in list_backups(folder)[:-KEEP_BACKUPS]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    return final
