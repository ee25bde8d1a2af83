"""The learner records store: one object the app opens at start and hands to whoever needs it.

    store = Store.open(paths)             # checks, recovers, migrates, backs up
    report = store.start()                # closes sessions a crash left open (cmi5 abandoned)
    store.full_check()                    # after the first paint, from the task runner
    store.profiles / store.progress / store.events / store.assessments / store.records
    store.outbox                          # the same queue the sync engine reads on its own
                                          # connection (sync.outbox.connect(store.path))

Everything here runs on the thread that opened it (the UI thread): each event is a few
milliseconds and durable when it returns. The sync engine never shares this connection.
"""

from __future__ import annotations

import logging
import sqlite3
import time
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from player.paths import Paths
from player.store import failures
from player.store.backups import BACKUP_EVERY
from player.store.database import Clock, Database, open_database
from player.store.errors import StoreError, WriteFailed
from player.store.exam_holds import IN_PROGRESS
from player.store.integrity import IntegrityCheck
from player.store.locks import repairing
from player.store.profiles import Profiles
from player.store.progress import ProgressQueries
from player.store.recovery import (
    RecoveryReport,
    finish_recovery,
    keep_untold,
    told,
    untold,
    untold_path,
)
from sync.outbox import Outbox

if TYPE_CHECKING:  # imported when first used: not needed before the first paint
    from collections.abc import Callable

    from player.course.manifest import Course
    from player.store.assessments import Assessments
    from player.store.attempts import ExamAttempt
    from player.store.events import Recorder
    from player.store.records import Records
    from player.store.sessions import AbandonedSession

log = logging.getLogger(__name__)

#: How long telling that a repair was shown waits for another process's repair: none (one try),
#: as it runs on the UI thread when the learner closes the box; while another repair holds the
#: lock, the report is shown again at the next start.
TOLD_WAIT = 0.0


@dataclass(frozen=True)
class StartupReport:
    """What `Store.start` found: sessions closed as abandoned, the recovery if any."""

    abandoned: tuple[AbandonedSession, ...]
    recovery: RecoveryReport | None


class Store:
    def __init__(self, database: Database) -> None:
        self.database = database
        self.conn = database.conn
        self.profiles = Profiles(database)
        self.progress = ProgressQueries(database.conn)
        self.outbox = Outbox(database.conn)
        self._told: set[Path] = set()  # the damaged files whose repair was shown since open

    @cached_property
    def events(self) -> Recorder:
        # The event code (statement builders, video segments) loads when the learner first
        # does something, not before the library is on screen.
        from player.store.events import Recorder

        return Recorder(self.database)

    @cached_property
    def assessments(self) -> Assessments:
        from player.store.assessments import Assessments  # quizzes and grading: when used

        return Assessments(self.events)

    @cached_property
    def records(self) -> Records:
        from player.store.records import Records  # export, import, salvage: when used

        return Records(self.database, self.profiles)

    @classmethod
    def open(
        cls,
        where: Paths | Path,
        *,
        clock: Clock = time.time,
        backup_every: float | None = BACKUP_EVERY,
    ) -> Store:
        """Open the records of an installation (`Paths`) or of a database file (`Path`, with its
        backups in a `backups` folder beside it). A damaged file is recovered, never fatal:
        see `recovery`; unless another Cartable has it open (`RecordsInaccessible`, locked:
        nothing moved; a file only flagged by a check is opened as it is). The store holds the
        file's in-use lock until `close` (locks.py)."""
        if isinstance(where, Paths):
            path, backups = where.database, where.backups
        else:
            path, backups = where, where.parent / "backups"
        database = open_database(
            path, backups, clock=clock, backup_every=backup_every, read_back=_read_back
        )
        return cls(database)

    @property
    def path(self) -> Path:
        return self.database.path

    @property
    def recovery(self) -> RecoveryReport | None:
        """Set when the file was found damaged at this open and restored: say it (the headless
        commands through `player.commands.open_records`)."""
        return self.database.recovery

    def untold_recoveries(self) -> list[RecoveryReport]:
        """The repairs no learner has been shown yet, oldest first, this open's included: a
        command may have made one (its terminal may have been a cron job's), or a player that
        quit before its window said it. The player shows each, then calls `recovery_told`."""
        reports = untold(self.path)
        current = self.recovery
        if (
            current is not None
            and current.damaged_file not in self._told
            and all(r.damaged_file != current.damaged_file for r in reports)
        ):
            reports.append(current)  # its report could not be kept (a full disk): still said
        return reports

    def recovery_told(self, report: RecoveryReport) -> None:
        """A learner was shown `report`: it is not shown again (unless the file cannot be
        rewritten now, or another process is repairing the file: then at the next start, which
        is better than never). Under the repair lock, as every writer of the reports kept,
        never waiting for it (`TOLD_WAIT`)."""
        self._told.add(report.damaged_file)
        try:
            with repairing(self.path, TOLD_WAIT):
                told(self.path, report)
        except (OSError, StoreError) as exc:  # a repair holds its lock: `RecordsInaccessible`
            log.warning("%s: %s", untold_path(self.path), exc)

    def start(self) -> StartupReport:
        """Call once at start, before the learner does anything.

        A full disk (or a read-only one, an I/O error, a lock) while closing the sessions a
        crash left open raises `RecordsInaccessible`, said as what it is, not as a save that
        failed: the learner cannot study without room to record it. Nothing is lost: each
        session is closed in a transaction of its own, and those not closed yet stay open in
        the file, so the next start with room closes them."""
        try:
            left_open = self.conn.execute(
                "SELECT 1 FROM sessions WHERE ended_at IS NULL LIMIT 1"
            ).fetchone()
            abandoned = self.events.close_abandoned_sessions() if left_open else []
        except (WriteFailed, sqlite3.OperationalError) as exc:
            said = failures.explained(self.path, exc)
            if said is None:
                raise
            raise said from exc
        return StartupReport(tuple(abandoned), self.recovery)

    def submit_expired_exams(
        self, profile_id: str, courses: Callable[[str], Course | None] | None = None
    ) -> list[ExamAttempt]:
        """Exam attempts whose time ran out while the player was closed are submitted. Asked
        at every start: without any, it answers without loading the assessments' code.
        `courses` (a course by its id): what a submission satisfies gets `satisfied`."""
        due = self.conn.execute(
            "SELECT 1 FROM exam_attempts WHERE profile_id = ? AND state = 'in_progress'"
            " AND deadline IS NOT NULL AND deadline <= ? LIMIT 1",
            (profile_id, self.database.clock()),
        ).fetchone()
        if due is None:
            return []
        return self.assessments.submit_expired(profile_id, courses)

    def running_exams(self, profile_id: str) -> list[tuple[ExamAttempt, float]]:
        """Exam attempts in progress against a clock, with their seconds left (least first).
        Without any, it answers without loading the assessments' code (the library asks it
        before its first paint)."""
        timed = self.conn.execute(
            "SELECT 1 FROM exam_attempts WHERE profile_id = ? AND state = 'in_progress'"
            " AND deadline IS NOT NULL LIMIT 1",
            (profile_id,),
        ).fetchone()
        if timed is None:
            return []
        return self.assessments.running_exam_attempts(profile_id)

    def exam_takers(self, course_id: str) -> list[str]:
        """The profiles (ids) with a timed exam attempt in progress in `course_id` whose time is
        not up by its stored deadline: every profile on this computer, one query. Removing the
        course would leave such an attempt out of reach while its clock runs on."""
        rows = self.conn.execute(
            "SELECT DISTINCT profile_id FROM exam_attempts WHERE course_id = ?"
            " AND state = 'in_progress' AND deadline IS NOT NULL AND deadline > ?"
            " ORDER BY profile_id",
            (course_id, self.database.clock()),
        ).fetchall()
        return [row[0] for row in rows]

    def exams_in_progress(self, course_id: str) -> list[tuple[str, bool]]:
        """The profiles (ids) with an exam attempt in progress in `course_id`, each with whether
        it runs against a clock: a timed attempt whose time is not up by its stored deadline, or
        an untimed one (it stays in progress until submitted). Every profile on this computer,
        one query, timed first. An update of the course would change the attempt's questions
        under it (GettingCourses refuses it, player/store/exam_holds.py holds its install)."""
        rows = self.conn.execute(
            f"SELECT profile_id, max(deadline IS NOT NULL) FROM exam_attempts WHERE {IN_PROGRESS}"
            " GROUP BY profile_id ORDER BY 2 DESC, profile_id",
            (course_id, self.database.clock()),
        ).fetchall()
        return [(row[0], bool(row[1])) for row in rows]

    def full_check(
        self, *, force: bool = False, backup_every: float | None = BACKUP_EVERY
    ) -> IntegrityCheck:
        """The full integrity check, when the last one is more than a day old (or `force`);
        the daily backup instead when it is due (its copy is checked page by page), so a store
        opened with `backup_every=None` keeps the backup off the start too.

        For after the first paint, from the task runner: it reads on connections of its own,
        never this store's, so the learner keeps studying while it runs (6 s at 2,000,000
        statements). A damaged file is flagged; the next `Store.open` sets it aside, restores
        the newest good backup and reads back what the damaged file holds beyond it. Show the
        result's `summary()` when `not result.ok`. Raises `DatabaseUnavailable` when the file
        cannot be read at all (locked, no permission): that says nothing of its state."""
        return self.database.full_check(force=force, backup_every=backup_every)

    def maybe_backup(self) -> Path | None:
        """The daily backup, if one is due (the app may call this when idle or at quit)."""
        return self.database.maybe_backup()

    def close(self) -> None:
        self.database.close()


def _read_back(database: Database) -> None:
    """What the damaged file holds beyond the restored backup, read back into the restored
    records, and the report kept for the player; then the repair is over (`finish_recovery`).
    Called by `open_database` under the repair lock, before any other process opens the file."""
    from player.store.records import Records

    report = database.recovery
    assert report is not None
    try:
        salvage = Records(database, Profiles(database)).salvage(
            report.damaged_file, after_seq=report.backup_high_seq
        )
    except WriteFailed as exc:  # disk full: the journal stays, the next start retries
        log.warning("could not read back from %s: %s", report.damaged_file, exc)
        database.recovery = replace(report, read_back_at_next_start=True)
        _keep_untold(database.path, database.recovery)
        return
    except Exception as exc:  # reading a damaged file: whatever happens, start anyway
        log.warning("could not read back from %s: %s", report.damaged_file, exc)
        database.recovery = replace(
            report, notes=(*report.notes, "Nothing could be read back from it.")
        )
    else:
        database.recovery = replace(
            report, salvaged_statements=salvage.statements, lost_statements=salvage.lost
        )
    if _keep_untold(database.path, database.recovery):
        finish_recovery(database.path)


def _keep_untold(path: Path, report: RecoveryReport) -> bool:
    """Keep the repair's report until a learner is shown it; False when it cannot be written
    (a full disk): the repair's journal then stays, so the next open reads back again (each
    statement once) and keeps the report then."""
    try:
        keep_untold(path, report)
    except OSError as exc:
        log.warning("%s: the repair's report could not be kept: %s", untold_path(path), exc)
        return False
    return True
