"""Whether a course has a timed exam attempt in progress, asked from any thread: a course's
update waits for it (player/library/downloads.py `CourseDownloads.held`), since the new version
would replace the exam's questions under the learner while its clock runs, the answers saved
kept against questions reworded or gone.

The same question as `Store.exam_takers` (every profile on this computer, by the stored
deadline), on a read-only connection of its own: the store's connection belongs to the GUI
thread, and the install that asks runs on a worker.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sync import outbox

log = logging.getLogger(__name__)


def exam_in_progress(path: Path, clock: Callable[[], float]) -> Callable[[str], bool]:
    """`held(course_id)` for the records database at `path`, read with the store's `clock`
    (the exam deadlines are on it). A database that cannot be read holds nothing: a read
    failing must not keep a course from updating for ever (it is logged)."""

    def held(course_id: str) -> bool:
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
            try:
                conn.execute(f"PRAGMA busy_timeout = {outbox.BUSY_TIMEOUT_MS}")
                row = conn.execute(
                    "SELECT 1 FROM exam_attempts WHERE course_id = ? AND state = 'in_progress'"
                    " AND deadline IS NOT NULL AND deadline > ? LIMIT 1",
                    (course_id, clock()),
                ).fetchone()
            finally:
                conn.close()
        except sqlite3.Error as exc:
            log.warning("could not read the exam attempts in progress in %s: %s", course_id, exc)
            return False
        return row is not None

    return held
