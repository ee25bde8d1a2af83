"""A learner's records file imported with what this installation knows: the one path that
`cartable records import` and the player's Manage profiles (player/ui/records_import.py) take,
so that both take the same statements, queue the same ones and refuse the same files.

What the installation knows is its installed courses: their exams, never graded from a file,
their practice quizzes, whose grades are taken, and their moveOn rules, which a `satisfied` to
send must meet (player/store/records.py says why). An import that brings an exam attempt waiting
for its grade sets the next sync to read every grade of the profile again from the LRS.

The player runs the import on a worker thread, where the store's connection (the UI thread's)
cannot go: `records_of_own` opens the same database on a connection of the worker's, as the
sync engine does. Plain Python: no Qt.
"""

from __future__ import annotations

import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from player.course.manifest import Course, ExamUnit, QuizUnit
from player.library.library import Library
from player.player_sync import RESULTS_FILE
from player.store.database import Database
from player.store.errors import StoreError
from player.store.profiles import NewProfile, Profiles
from player.store.records import Holder, ImportReport, Progress, Records
from player.store.records_file import ReadCancelled, RecordsFile
from player.store.store import Store
from sync import outbox
from sync.results import ResultsState

# SQLite's errors that say our statement was wrong, never the disk or the file: a guard
# trigger or a key broken (a bug: Database.transaction leaves them as they are), a value it
# cannot bind. The disk's (full, locked, damaged) are OperationalError or DatabaseError itself.
_OUR_SQLITE = (
    sqlite3.IntegrityError,
    sqlite3.ProgrammingError,
    sqlite3.InterfaceError,
    sqlite3.DataError,
    sqlite3.NotSupportedError,
)


def our_fault(error: BaseException) -> bool:
    """Whether an import failed by a fault of ours: neither the file's (a RecordsError, which
    the file was read and checked for whole) nor the records' here that could not be changed
    (the store's errors, SQLite's about the disk, the system's). Logged with its traceback; the
    player and the command both ask here, so that they say the same failure the same way."""
    if isinstance(error, sqlite3.Error):
        return isinstance(error, _OUR_SQLITE)
    return not isinstance(error, StoreError | OSError)


@dataclass(frozen=True)
class Installed:
    """What an import needs of the installed courses: (course id, unit id) of their exams and
    practice quizzes, and the courses themselves (their moveOn rules)."""

    courses: tuple[Course, ...]
    exams: frozenset[tuple[str, str]]
    quizzes: frozenset[tuple[str, str]]


def installed(library: Library) -> Installed:
    courses = tuple(item.course for item in library.installed())
    units = [(course.id, unit) for course in courses for _, unit in course.units()]
    return Installed(
        courses,
        frozenset((c, u.id) for c, u in units if isinstance(u, ExamUnit)),
        frozenset((c, u.id) for c, u in units if isinstance(u, QuizUnit)),
    )


@dataclass(frozen=True)
class RecordsImported:
    """An import done: the profile that took the records, its report, and why the next sync
    could not be set to read the grades again ("" when it was, or did not need to be): the
    import stands either way."""

    profile_id: str
    report: ImportReport
    rereading: str = ""


def read_all_grades() -> str:
    """A `since` that makes the next pull read every grade of the profile again. A different
    one at each import (its microseconds), so a sync run under way, which moves the watermark
    only if it still holds what its read started from, can never take one import's mark for
    the mark it started from."""
    return f"1970-01-01T00:00:00.{secrets.randbelow(1_000_000):06d}Z"


def import_records(
    records: Records,
    profile_id: str,
    file: Path | RecordsFile,
    known: Installed,
    data_dir: Path,
    *,
    same_learner: bool = False,
    new_profile: NewProfile | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> RecordsImported:
    """Import `file` into the profile (all or nothing: RecordsError, OtherLearner, the store's
    errors and a fault of ours, any other exception, `cancel` set (ImportCancelled), leave the
    records as they were; `new_profile`, made for it, with them; `progress`: the statements
    done, told on this thread),
    then, when an exam attempt awaits its grade, set the next sync to read the profile's grades
    again (`data_dir`: the player's)."""
    report = records.import_file(
        profile_id,
        file,
        known.exams,
        known.quizzes,
        known.courses,
        same_learner=same_learner,
        new_profile=new_profile,
        progress=progress,
        cancel=cancel,
    )
    if not report.awaiting_grade:
        return RecordsImported(profile_id, report)
    try:  # even with no watermark yet: a run may be reading from none
        ResultsState(data_dir / RESULTS_FILE).remember(profile_id, read_all_grades())
    except OSError as error:
        return RecordsImported(profile_id, report, f"{error.strerror or error}")
    return RecordsImported(profile_id, report)


def import_as_new_profile(
    records: Records,
    name: str,
    language: str,
    file: RecordsFile,
    known: Installed,
    data_dir: Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> RecordsImported:
    """A new profile named `name`, holding the file's records (and its learner's identity: a
    profile without records takes it). Made in the import's own transaction: a refused file,
    a failure or the player killed midway (its quit waits only so long for a worker) leaves
    no empty profile behind, and nothing is removed after. Made for the file, it is the file's
    learner, whatever name was typed for it (hers was taken here): not asked whether it is."""
    new = records.profiles.prepare(name, language)
    return import_records(
        records,
        new.id,
        file,
        known,
        data_dir,
        same_learner=True,
        new_profile=new,
        progress=progress,
        cancel=cancel,
    )


def held_here(
    store: Store, file: RecordsFile, cancel: threading.Event | None = None
) -> tuple[Holder, ...]:
    """The profiles holding the file's records here already, the one holding most first, read
    on the caller's thread (the player's worker, after the file): said before the learner is
    asked where they go. () when the records here cannot be read: the import then says why.
    `cancel`: the read's Stop, looked at between chunks of ids (ReadCancelled)."""
    try:
        with records_of_own(store) as records:
            return records.holders((s["id"] for s in file.statements), cancel)
    except ReadCancelled:
        raise
    except (sqlite3.Error, StoreError, OSError):
        return ()


@contextmanager
def records_of_own(store: Store) -> Iterator[Records]:
    """The store's records on a connection of the calling thread's own, closed after: a
    worker's import never uses the UI thread's connection, and waits on SQLite's busy timeout
    for a write of the UI thread, as the sync engine's does."""
    conn = outbox.connect(store.path)
    try:
        database = Database(store.path, conn, store.database.backups_dir, store.database.clock)
        yield Records(database, Profiles(database))
    finally:
        conn.close()
