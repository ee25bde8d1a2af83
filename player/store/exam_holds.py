"""Whether a course has an exam attempt in progress, asked from any thread: a course's update
waits for it (player/library/downloads.py `CourseDownloads.held`; an import is refused,
player/library/course_import.py `exam_hold`), since the new version would replace the exam's
questions under the learner, the answers saved kept against questions reworded or gone. A timed
attempt until its stored deadline; one without a time limit until it is submitted (review r3
#3: it got the same defect).

The same question as `Store.exams_in_progress` (every profile on this computer), on a read-only
connection of its own: the store's connection belongs to the GUI thread, and the install that
asks runs on a worker.

A database that cannot be read holds the update too: an install under a running exam cannot be
undone, a wait can. Not for ever: once the reads have failed for `UNREADABLE_HOLD` in a row
(by the store's clock), the update goes ahead, logged; a read that works again decides as usual.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from player.store.read_only import connect_read_only
from sync import outbox

log = logging.getLogger(__name__)

UNREADABLE_HOLD = 3 * 3600.0
"""Seconds an update waits on a records database it cannot read: longer than an exam's sitting,
so a read failing while one runs (a lock held, a disk busy) does not install the update under it,
and a file that stays unreadable does not keep the course from updating for ever."""


IN_PROGRESS = "course_id = ? AND state = 'in_progress' AND (deadline IS NULL OR deadline > ?)"
"""The one rule of an exam attempt in progress in a course (parameters: the course id, now),
asked here and by `Store.exams_in_progress`: timed and not yet past its deadline, or untimed."""


def exam_in_progress(path: Path, clock: Callable[[], float]) -> Callable[[str], bool]:
    """`held(course_id)` for the records database at `path`, read with the store's `clock`
    (the exam deadlines are on it). A read failing holds, for `UNREADABLE_HOLD` at most."""
    failing_since: dict[str, float] = {}  # course id -> the first failed read of a run of them
    guard = threading.Lock()  # asked from the task runner's threads

    def held(course_id: str) -> bool:
        now = clock()
        try:
            conn = connect_read_only(path)
            try:
                conn.execute(f"PRAGMA busy_timeout = {outbox.BUSY_TIMEOUT_MS}")
                row = conn.execute(
                    f"SELECT 1 FROM exam_attempts WHERE {IN_PROGRESS} LIMIT 1",
                    (course_id, now),
                ).fetchone()
            finally:
                conn.close()
        except sqlite3.Error as exc:
            with guard:
                first = course_id not in failing_since
                since = failing_since.setdefault(course_id, now)
            if now - since < UNREADABLE_HOLD:
                if first:  # once a run of failures, not at every look
                    log.warning(
                        "could not read the exam attempts in progress in %s: its update waits: %s",
                        course_id,
                        exc,
                    )
                return True
            log.warning(
                "could not read the exam attempts in progress in %s for %.0f s: updated: %s",
                course_id,
                now - since,
                exc,
            )
            return False
        with guard:
            failing_since.pop(course_id, None)
        return row is not None

    return held
