"""Is the records file sound? Cheap checks at every open; the full check when it can matter.

`PRAGMA quick_check` reads every page: 0.4 s at 200,000 statements, 6 s at 2,000,000. Run at
every open it was most of the player's cold start. Now:

- every open: the header (magic, page size, size against its page count) and reads of the schema,
  the schema version and the outbox's ends: what truncation or garbage makes unusable;
- the full check at open when the last run did not end cleanly. `Database.close` leaves a
  marker beside the file naming it as it was left: size, inode, and a modification time set to a
  random nanosecond no later write can give it. A crash, a power cut, a file copied in or written
  by anything else: no marker matches, and the full check runs before anything is read;
- the full check after the first paint (`Store.full_check`, on its own read-only connection, from
  the task runner) when the last one is more than a day old. The daily backup counts as one (its
  copy is checked page by page), at open or, when due, taken by `Store.full_check` itself. A
  damaged file is flagged (`<file>.recover`), the learner told, and the next `Store.open`
  recovers it: set aside, newest good backup restored, and what the damaged file holds beyond the
  backup (what was recorded meanwhile too) read back.
"""

from __future__ import annotations

import contextlib
import glob
import json
import os
import sqlite3
import struct
import threading
from dataclasses import dataclass
from pathlib import Path

from player.store import failures
from player.store.ids import random_below
from player.store.read_only import connect_read_only
from sync.interprocess import process_gone

SQLITE_HEADER = b"SQLite format 3\x00"
#: How old the last full check may be before `Store.full_check` runs another.
CHECK_EVERY = 24 * 3600.0


@dataclass(frozen=True)
class IntegrityCheck:
    """What `Store.full_check` found. `ran` is False when no check was due."""

    path: Path
    ran: bool
    problems: tuple[str, ...] = ()
    backup: Path | None = None  # the daily backup taken as the check, when one was due

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def recovery_pending(self) -> bool:
        """The file is damaged: the next start sets it aside and restores the newest backup."""
        return bool(self.problems)

    def summary(self) -> str:
        if self.ok:
            return "The learner records file passed its check." if self.ran else ""
        return (
            f"The learner records file is damaged ({self.problems[0]}). Cartable will repair it "
            "at the next start from its newest backup; what was recorded since is read back."
        )


@dataclass(frozen=True)
class CleanClose:
    """The marker `Database.close` leaves when nothing was left unwritten in the file."""

    size: int
    inode: int
    mtime_ns: int
    checked_at: float  # when the file last passed a full check

    def matches(self, path: Path) -> bool:
        try:
            found = path.stat()
        except OSError:
            return False
        return (found.st_size, found.st_ino, found.st_mtime_ns) == (
            self.size,
            self.inode,
            self.mtime_ns,
        )


def _side(path: Path, suffix: str) -> Path:
    return Path(f"{path}{suffix}")


def _part(path: Path, suffix: str) -> Path:
    """This process's and thread's part file of `<file><suffix>`: two Cartables closing (or
    flagging) the file at once each write their own, as backups do (backups.take_backup), and
    an open tells a dead process's left-over from a live one's (`sweep_parts`)."""
    return _side(path, f"{suffix}.{os.getpid()}-{threading.get_ident()}.part")


def sweep_parts(path: Path, opened_at: float) -> None:
    """At open: remove the `.closed` and `.recover` part files a refused write (a full disk)
    or a killed process left beside the file (`left_over`): another Cartable's is its own,
    about to become its marker or flag."""
    for suffix in (".closed", ".recover"):
        for part in path.parent.glob(f"{glob.escape(path.name)}{suffix}*.part"):
            owner = part.name[len(path.name) + len(suffix) : -len(".part")]
            with contextlib.suppress(OSError):
                if left_over(owner, part.stat().st_mtime, opened_at):
                    part.unlink()


#: How old a part file naming no process must be to be a left-over: an older version's (which
#: named none) may be running beside this one during an update, writing the part it renames
#: a moment later (a backup of a big file: minutes).
UNNAMED_PART_AGE = 3600.0


def left_over(owner: str, mtime: float, opened_at: float) -> bool:
    """Whether a part file of `<pid>-<thread>` `owner` (`.` before it or not; "" for an older
    version's, which named none), last written at `mtime`, is a left-over an open made at
    `opened_at` may remove: older than the open and of a process gone, or naming none and an
    hour old. Shared with the backups' parts (backups.sweep_parts)."""
    if not owner:
        return mtime < opened_at - UNNAMED_PART_AGE
    pid = owner.lstrip(".").split("-", 1)[0]
    return mtime < opened_at and pid.isdigit() and process_gone(int(pid))


def marker_path(path: Path) -> Path:
    return _side(path, ".closed")


def recover_flag_path(path: Path) -> Path:
    return _side(path, ".recover")


def wal_in_use(path: Path) -> bool:
    """A WAL with frames: the last run did not end cleanly, or another connection is open."""
    try:
        return _side(path, "-wal").stat().st_size > 0
    except OSError:
        return False


def take_clean_close(path: Path) -> CleanClose | None:
    """The marker left by the last clean close, if it still describes the file; used up (a run
    that crashes after this leaves none)."""
    marker = marker_path(path)
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        found = CleanClose(
            int(data["size"]), int(data["inode"]), int(data["mtime_ns"]), float(data["checked_at"])
        )
    except (OSError, ValueError, KeyError, TypeError):
        found = None
    with contextlib.suppress(OSError):
        marker.unlink()
    if found is None or wal_in_use(path) or not found.matches(path):
        return None
    return found


def leave_clean_close(path: Path, checked_at: float) -> bool:
    """After the last connection closed (no WAL left): mark the file as left. The modification
    time is set to a random nanosecond of its second, so a write in the same clock tick (which
    sets the tick's time) still tells. False when the file system cannot keep that time (FAT,
    say): then every open runs the full check."""
    marker = marker_path(path)
    with contextlib.suppress(OSError):
        marker.unlink()
    if wal_in_use(path):
        return False
    try:
        before = path.stat()
        wanted = before.st_mtime_ns - before.st_mtime_ns % 1_000_000_000
        wanted += random_below(1_000_000_000)
        os.utime(path, ns=(before.st_atime_ns, wanted))
        after = path.stat()
        if after.st_mtime_ns != wanted:
            return False
        data = {
            "size": after.st_size,
            "inode": after.st_ino,
            "mtime_ns": after.st_mtime_ns,
            "checked_at": checked_at,
        }
        part = _part(path, ".closed")
        try:
            part.write_text(json.dumps(data), encoding="utf-8")
            os.replace(part, marker)
        except OSError:  # a full disk: nothing of it is left
            with contextlib.suppress(OSError):
                part.unlink()
            raise
    except OSError:
        return False
    return True


def flag_for_recovery(path: Path, problem: str) -> None:
    """The next open recovers the file (written durably: the learner may switch off next)."""
    flag = recover_flag_path(path)
    part = _part(path, ".recover")
    try:
        with open(part, "w", encoding="utf-8") as handle:
            handle.write(json.dumps({"problem": problem}))
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(part, flag)
    except BaseException:  # a full disk: nothing of it is left
        with contextlib.suppress(OSError):
            part.unlink()
        raise


def flagged_problem(path: Path) -> str | None:
    """Why a full check found the file damaged, when one did since it was last opened."""
    flag = recover_flag_path(path)
    if not flag.exists():
        return None
    try:
        problem = str(json.loads(flag.read_text(encoding="utf-8"))["problem"])
    except (OSError, ValueError, KeyError, TypeError):
        problem = "a check found the file damaged"
    return f"integrity check: {problem}"


def clear_flag(path: Path) -> None:
    with contextlib.suppress(OSError):
        recover_flag_path(path).unlink()


def header_problem(path: Path, size: int, header: bytes) -> str | None:
    """What the first 100 bytes and the size say: not a database, or cut short."""
    if not header.startswith(SQLITE_HEADER):
        return "the file is not an SQLite database"
    if len(header) < 100:
        return "the file is truncated (no complete header)"
    (page_size,) = struct.unpack(">H", header[16:18])
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "the file header is damaged (page size)"
    if size % page_size:
        return "the file is truncated (not a whole number of pages)"
    change, pages = struct.unpack(">II", header[24:32])
    (valid_for,) = struct.unpack(">I", header[92:96])
    if valid_for == change and pages and size < pages * page_size and not wal_in_use(path):
        return f"the file is truncated ({size // page_size} of {pages} pages)"
    return None


def quick_reads(conn: sqlite3.Connection) -> None:
    """Reads that fail on a file cut short or overwritten where it matters first: the schema,
    its version, the outbox's newest row and the head of its queue. Raises sqlite3.Error."""
    conn.execute("PRAGMA user_version").fetchone()
    conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "outbox" in tables:
        conn.execute("SELECT seq, id, body FROM outbox ORDER BY seq DESC LIMIT 1").fetchone()
        conn.execute(
            "SELECT seq, id, body FROM outbox WHERE state = 'queued' ORDER BY profile_id, seq"
            " LIMIT 1"
        ).fetchone()


def problems(conn: sqlite3.Connection, pragma: str = "quick_check") -> list[str]:
    rows = conn.execute(f"PRAGMA {pragma}").fetchall()
    messages = [str(r[0]) for r in rows]
    return [] if messages == ["ok"] else messages


def full_check(path: Path) -> list[str]:
    """`PRAGMA quick_check` on a read-only connection of its own: safe from any thread while
    the store writes (it checks the snapshot it reads). Raises sqlite3.Error when it cannot
    check (a full disk, an I/O error, locked, no permission): that is not damage
    (failures.py), and flagging it would set a sound file aside at the next start."""
    conn = connect_read_only(path)
    try:
        conn.execute("PRAGMA busy_timeout = 30000")
        return problems(conn)
    except sqlite3.DatabaseError as exc:
        if not failures.is_damage(exc):
            raise
        return [str(exc)]
    finally:
        conn.close()
