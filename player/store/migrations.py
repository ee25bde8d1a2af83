"""THE schema of the learner records database: an append-only list of migrations.

`PRAGMA user_version` is the number of migrations applied. Each migration runs in one
transaction together with the new user_version, after a backup (database.py). Never edit or
reorder a migration that has landed: append a new one. A migration that must read what the
tables hold (not only reshape them) has a `fill` step, run after its SQL in that transaction.
The outbox's tables are sync's (`sync.outbox.SCHEMA_V1` to `SCHEMA_V5`); they are created here
because the store owns the file.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from player.store import satisfied_blocks
from sync import download_schema, outbox


@dataclass(frozen=True)
class Migration:
    """One step of the records' schema: its version, what it does, its SQL."""

    version: int
    summary: str
    sql: tuple[str, ...]
    fill: Callable[[sqlite3.Connection], None] | None = None


_V2 = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE profiles (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    language TEXT NOT NULL,
    pin_hash TEXT,
    actor_home_page TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    account_linked INTEGER NOT NULL DEFAULT 0,
    created_at REAL NOT NULL
);

CREATE TABLE enrolments (
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    course_id TEXT NOT NULL,
    registration TEXT NOT NULL UNIQUE,
    enrolled_at REAL NOT NULL,
    last_launched_at REAL,
    PRIMARY KEY (profile_id, course_id)
) WITHOUT ROWID;

CREATE TABLE unit_progress (
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    course_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    attempted INTEGER NOT NULL DEFAULT 0,
    completed INTEGER NOT NULL DEFAULT 0,
    success INTEGER,
    score REAL,
    length REAL,
    segments TEXT NOT NULL DEFAULT '[]',
    pages_seen TEXT NOT NULL DEFAULT '[]',
    position REAL NOT NULL DEFAULT 0,
    playing_from REAL,
    time_spent REAL NOT NULL DEFAULT 0,
    updated_at REAL NOT NULL,
    PRIMARY KEY (profile_id, course_id, unit_id)
) WITHOUT ROWID;

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    course_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    registration TEXT NOT NULL,
    activity TEXT NOT NULL,
    context TEXT NOT NULL,
    started_at REAL NOT NULL,
    last_active_at REAL NOT NULL,
    active_seconds REAL NOT NULL DEFAULT 0,
    ended_at REAL,
    end_verb TEXT CHECK (end_verb IN ('terminated', 'abandoned'))
);
CREATE INDEX sessions_open ON sessions (profile_id) WHERE ended_at IS NULL;
CREATE INDEX sessions_unit ON sessions (profile_id, course_id, unit_id);

CREATE TABLE study_days (
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    seconds REAL NOT NULL,
    PRIMARY KEY (profile_id, day)
) WITHOUT ROWID;
"""

_V3 = """
CREATE TABLE quiz_attempts (
    id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    course_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    seed INTEGER NOT NULL,
    started_at REAL NOT NULL,
    finished_at REAL,
    score REAL,
    passed INTEGER,
    UNIQUE (profile_id, course_id, unit_id, number)
);

CREATE TABLE quiz_answers (
    attempt_id TEXT NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    response TEXT NOT NULL,
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    success INTEGER,
    statement_id TEXT NOT NULL,
    answered_at REAL NOT NULL,
    PRIMARY KEY (attempt_id, question_id)
) WITHOUT ROWID;

CREATE TABLE exam_attempts (
    id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    course_id TEXT NOT NULL,
    unit_id TEXT NOT NULL,
    number INTEGER NOT NULL,
    registration TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('in_progress', 'submitted', 'graded')),
    seed INTEGER NOT NULL,
    started_at REAL NOT NULL,
    deadline REAL,
    submitted_at REAL,
    graded_at REAL,
    passed INTEGER,
    score REAL,
    activity TEXT NOT NULL,
    context TEXT NOT NULL,
    result_statement BLOB,
    UNIQUE (profile_id, course_id, unit_id, number)
);

CREATE TABLE exam_answers (
    attempt_id TEXT NOT NULL REFERENCES exam_attempts (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    response TEXT NOT NULL,
    statement TEXT NOT NULL,
    answered_at REAL NOT NULL,
    PRIMARY KEY (attempt_id, question_id)
) WITHOUT ROWID;

-- Nothing of an attempt is editable once submitted, whatever code runs.
CREATE TRIGGER exam_answers_frozen_insert BEFORE INSERT ON exam_answers
WHEN (SELECT state FROM exam_attempts WHERE id = NEW.attempt_id) != 'in_progress' BEGIN
    SELECT RAISE(ABORT, 'exam attempt is no longer in progress');
END;
CREATE TRIGGER exam_answers_frozen_update BEFORE UPDATE ON exam_answers
WHEN (SELECT state FROM exam_attempts WHERE id = OLD.attempt_id) != 'in_progress' BEGIN
    SELECT RAISE(ABORT, 'exam attempt is no longer in progress');
END;
CREATE TRIGGER exam_answers_frozen_delete BEFORE DELETE ON exam_answers
WHEN (SELECT state FROM exam_attempts WHERE id = OLD.attempt_id) != 'in_progress' BEGIN
    SELECT RAISE(ABORT, 'exam attempt is no longer in progress');
END;
CREATE TRIGGER exam_attempts_no_reopen BEFORE UPDATE OF state ON exam_attempts
WHEN OLD.state != 'in_progress' AND NEW.state = 'in_progress' BEGIN
    SELECT RAISE(ABORT, 'a submitted exam attempt cannot be reopened');
END;
"""

# Cheaper learner events (each one transaction, synchronous=FULL, on the UI thread): the outbox
# tables' version 2 (no INSERT trigger, settled rows in their own index and tally: see
# sync.outbox.SCHEMA_V2), and the time studied on the session's current day kept in its row,
# which every event writes anyway, and added to `study_days` when the day or the session ends
# (progress.py): one page less per event.
_V5 = """
ALTER TABLE sessions ADD COLUMN study_day TEXT;
ALTER TABLE sessions ADD COLUMN study_seconds REAL NOT NULL DEFAULT 0;
"""

# An exam's clock that a wall clock set back or forward cannot move: the time limit kept with
# the attempt (a course update cannot change it mid-attempt), and the last wall time seen, which
# the deadline is re-based from (assessments.py). Attempts from before had an untouched deadline.
_V6 = """
ALTER TABLE exam_attempts ADD COLUMN time_limit REAL;
ALTER TABLE exam_attempts ADD COLUMN clock_seen_at REAL;
UPDATE exam_attempts SET time_limit = deadline - started_at, clock_seen_at = started_at
    WHERE deadline IS NOT NULL;
"""

# Wrong PIN tries limited (profiles.py): the wrong tries in a row, and when the next try may be
# checked, by the wall clock and as the boot clock's reading when the wait began.
_V8 = """
ALTER TABLE profiles ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE profiles ADD COLUMN pin_locked_until REAL;
ALTER TABLE profiles ADD COLUMN pin_locked_boot REAL;
"""

# A practice quiz's answers not checked yet (quiz_events.py): what the question's inputs hold
# (a short or numerical answer as typed, else the xAPI response string), saved after a short
# pause in typing, so a quit or a power cut loses nothing the learner gave. Not a learner event:
# no statement, never exported. Gone once the question is checked or the attempt finished, and
# with the attempt (so with its profile).
_V9 = """
CREATE TABLE quiz_drafts (
    attempt_id TEXT NOT NULL REFERENCES quiz_attempts (id) ON DELETE CASCADE,
    question_id TEXT NOT NULL,
    response TEXT NOT NULL,
    saved_at REAL NOT NULL,
    PRIMARY KEY (attempt_id, question_id)
) WITHOUT ROWID;
"""

# A learner's media choices (speed, volume, subtitles, a reading's text size), kept with their
# profile as JSON (player/store/playback.py checks each value read back); NULL: the defaults.
_V11 = """
ALTER TABLE profiles ADD COLUMN playback TEXT;
"""

# cmi5 `satisfied` once per profile, course and block, whoever queued it (satisfied_blocks.py):
# the blocks satisfied, written with each `satisfied` added to the outbox, and read by the event
# that satisfies a block instead of the outbox's bodies. `block` is the module id, '' for the
# course. Filled from the outbox's `satisfied` statements once, by `fill_from_outbox`.
_V12 = """
CREATE TABLE satisfied_blocks (
    profile_id TEXT NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    course_id TEXT NOT NULL,
    block TEXT NOT NULL,
    PRIMARY KEY (profile_id, course_id, block)
) WITHOUT ROWID;
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "outbox of xAPI statements (sync.outbox.SCHEMA_V1)",
        tuple(outbox.split_sql(outbox.SCHEMA_V1)),
    ),
    Migration(
        2,
        "device, profiles, enrolments, unit progress, sessions, study time",
        tuple(outbox.split_sql(_V2)),
    ),
    Migration(3, "quiz and exam attempts", tuple(outbox.split_sql(_V3))),
    Migration(
        4,
        "course downloads: state, blobs, parts (sync.download_schema.SCHEMA_V1)",
        tuple(outbox.split_sql(download_schema.SCHEMA_V1)),
    ),
    Migration(
        5,
        "lighter events: outbox version 2 (sync.outbox.SCHEMA_V2), study time in sessions",
        (*outbox.split_sql(outbox.SCHEMA_V2), *outbox.split_sql(_V5)),
    ),
    Migration(6, "exam clock: time limit and last wall time seen", tuple(outbox.split_sql(_V6))),
    Migration(
        7,
        "download failure kinds (sync.download_schema.SCHEMA_V2)",
        tuple(outbox.split_sql(download_schema.SCHEMA_V2)),
    ),
    Migration(8, "wrong PIN tries: count and wait", tuple(outbox.split_sql(_V8))),
    Migration(9, "practice quiz answers not checked yet", tuple(outbox.split_sql(_V9))),
    Migration(
        10,
        "the server each statement was delivered to (sync.outbox.SCHEMA_V3)",
        tuple(outbox.split_sql(outbox.SCHEMA_V3)),
    ),
    Migration(11, "playback preferences per profile", tuple(outbox.split_sql(_V11))),
    Migration(
        12,
        "blocks with a cmi5 satisfied, filled from the outbox",
        tuple(outbox.split_sql(_V12)),
        satisfied_blocks.fill_from_outbox,
    ),
    Migration(
        13,
        "how long each LRS asked us to wait (sync.outbox.SCHEMA_V4)",
        tuple(outbox.split_sql(outbox.SCHEMA_V4)),
    ),
    Migration(
        14,
        "the profiles another's delivery brought forward (sync.outbox.SCHEMA_V5)",
        tuple(outbox.split_sql(outbox.SCHEMA_V5)),
    ),
)
LATEST = MIGRATIONS[-1].version


class SchemaTooNew(Exception):
    """The file was written by a newer Cartable: opening it could damage it."""


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def pending(conn: sqlite3.Connection, target: int = LATEST) -> list[Migration]:
    current = schema_version(conn)
    if current > LATEST:
        raise SchemaTooNew(
            f"the records database has schema version {current}; this Cartable knows up to "
            f"{LATEST}: update Cartable"
        )
    return [m for m in MIGRATIONS if current < m.version <= target]


def migrate(
    conn: sqlite3.Connection,
    *,
    target: int = LATEST,
    before: Callable[[int, int], None] | None = None,
) -> list[int]:
    """Bring the schema to `target`, one transaction per migration; returns versions applied.

    `before(current, target)` runs once, before the first migration, when there is anything to
    migrate from (the database layer takes its backup there).
    """
    todo = pending(conn, target)
    if not todo:
        return []
    current = schema_version(conn)
    if before is not None and current > 0:
        before(current, target)
    applied = []
    for migration in todo:
        with outbox.write_transaction(conn):
            for sql in migration.sql:
                conn.execute(sql)
            if migration.fill is not None:
                migration.fill(conn)
            conn.execute(f"PRAGMA user_version = {migration.version}")
        applied.append(migration.version)
    return applied
