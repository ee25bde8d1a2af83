"""The learner records store: one object the app opens at start and hands to whoever needs it.

    store = Store.open(paths)             # checks, recovers, migrates, backs up
    report = store.start()                # closes sessions a crash left open (cmi5 abandoned)
    store.profiles / store.progress / store.events / store.assessments / store.records
    store.outbox                          # the same queue the sync engine reads on its own
                                          # connection (sync.outbox.connect(store.path))

Everything here runs on the thread that opened it (the UI thread): each event is a few
milliseconds and durable when it returns. The sync engine never shares this connection.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, replace
from pathlib import Path

from player.paths import Paths
from player.store.assessments import Assessments, ExamAttempt
from player.store.database import BACKUP_EVERY, Clock, Database, RecoveryReport, open_database
from player.store.events import AbandonedSession, Recorder
from player.store.profiles import Profiles
from player.store.progress import ProgressQueries
from player.store.records import Records
from sync.outbox import Outbox

log = logging.getLogger(__name__)


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
        self.events = Recorder(database)
        self.assessments = Assessments(self.events)
        self.records = Records(database, self.profiles)
        self.outbox = Outbox(database.conn)

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
        see `recovery`."""
        if isinstance(where, Paths):
            path, backups = where.database, where.backups
        else:
            path, backups = where, where.parent / "backups"
        database = open_database(path, backups, clock=clock, backup_every=backup_every)
        store = cls(database)
        report = database.recovery
        if report is not None:
            try:
                salvage = store.records.salvage(report.damaged_file)
            except Exception as exc:  # reading a damaged file: whatever happens, start anyway
                log.warning("could not read back from %s: %s", report.damaged_file, exc)
                database.recovery = replace(
                    report, notes=(*report.notes, "Nothing could be read back from it.")
                )
            else:
                database.recovery = replace(
                    report,
                    salvaged_statements=salvage.statements,
                    lost_statements=salvage.lost,
                )
        return store

    @property
    def path(self) -> Path:
        return self.database.path

    @property
    def recovery(self) -> RecoveryReport | None:
        """Set when the file was found damaged at open and restored: tell the learner."""
        return self.database.recovery

    def start(self) -> StartupReport:
        """Call once at start, before the learner does anything."""
        abandoned = self.events.close_abandoned_sessions()
        return StartupReport(tuple(abandoned), self.recovery)

    def submit_expired_exams(self, profile_id: str) -> list[ExamAttempt]:
        """Exam attempts whose time ran out while the player was closed are submitted."""
        return self.assessments.submit_expired(profile_id)

    def maybe_backup(self) -> Path | None:
        """The daily backup, if one is due (the app may call this when idle or at quit)."""
        return self.database.maybe_backup()

    def close(self) -> None:
        self.database.close()
