"""An exam attempt's clock: the time left before its stored deadline, counted so that neither
setting the wall clock back nor NTP moving it gains or loses time, and the attempts whose time
is up.

The time used is counted by a clock that never goes back (`boot_clock`) while Cartable runs, and
by the wall clock only for the time it was closed, never going back before the last wall time
seen; the stored deadline is re-based on that count as it goes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from player.store.attempts import EXAM_COLUMNS, AttemptError, AttemptRecords, ExamAttempt

#: An open exam's clock is written down this often (seconds): a crash forgets at most this much
#: of what the never-going-back clock counted; the wall clock covers the rest.
CLOCK_SAVE_EVERY = 15.0


def boot_clock() -> float:
    """Seconds that never go back and keep counting while the laptop sleeps (CLOCK_BOOTTIME on
    Linux; elsewhere the monotonic clock), so closing the lid does not stop an exam's clock."""
    boottime = getattr(time, "CLOCK_BOOTTIME", None)
    if boottime is not None:
        return time.clock_gettime(boottime)
    return time.monotonic()


@dataclass
class _Anchor:
    """An exam's time left, as counted in this process since it was first looked at."""

    at: float  # the never-going-back clock then
    left: float  # seconds left then
    saved: float  # that clock when the deadline was last written down


class ExamClock(AttemptRecords):
    """The exam clock's part of `Assessments` (which sets these attributes)."""

    monotonic: Callable[[], float]
    _anchors: dict[str, _Anchor]

    def expired_exam_attempts(self, profile_id: str) -> list[ExamAttempt]:
        """Attempts still in progress whose time is up: the UI submits them."""
        now = self.recorder.now()
        rows = self.conn.execute(
            f"SELECT {EXAM_COLUMNS} FROM exam_attempts WHERE profile_id = ?"
            " AND state = 'in_progress' AND deadline IS NOT NULL",
            (profile_id,),
        ).fetchall()
        return [self._exam(r) for r in rows if (self._time_left(r[0], now)[0] or 0.0) <= 0.0]

    def _time_left(self, attempt_id: str, now: float) -> tuple[float | None, float]:
        """(seconds left, the wall time it is measured from): None left without a time limit.

        First look in this process: the stored deadline less the wall time since it was last
        seen, never counting a wall clock gone back (before `clock_seen_at`); from then on the
        never-going-back clock alone counts.
        """
        deadline, seen = self.conn.execute(
            "SELECT deadline, clock_seen_at FROM exam_attempts WHERE id = ?", (attempt_id,)
        ).fetchone()
        wall = max(now, seen or 0.0)
        if deadline is None:
            return None, wall
        anchor = self._anchors.get(attempt_id)
        tick = self.monotonic()
        if anchor is None:
            anchor = self._anchors[attempt_id] = _Anchor(tick, deadline - wall, tick)
        return anchor.left - max(0.0, tick - anchor.at), wall

    def _save_clock(self, attempt_id: str, now: float) -> float | None:
        """Write the count down (in the caller's transaction): the deadline re-based on the
        wall time, which is never set before the last one seen. Returns the seconds left."""
        left, wall = self._time_left(attempt_id, now)
        if left is None:
            return None
        self.conn.execute(
            "UPDATE exam_attempts SET deadline = ?, clock_seen_at = ? WHERE id = ?"
            " AND state = 'in_progress'",
            (wall + left, wall, attempt_id),
        )
        self._anchors[attempt_id].saved = self.monotonic()
        return left

    def exam_clock(self, profile_id: str, attempt_id: str, *, save: bool = False) -> float | None:
        """Seconds left of an attempt in progress (negative once past), None without a limit.
        Asked every second by the open exam; written down every `CLOCK_SAVE_EVERY` seconds,
        and at once with `save` (the view closing)."""
        now = self.recorder.now()
        state = self.conn.execute(
            "SELECT state FROM exam_attempts WHERE id = ? AND profile_id = ?",
            (attempt_id, profile_id),
        ).fetchone()
        if state is None:
            raise AttemptError(f"no exam attempt {attempt_id} for this profile")
        left, _wall = self._time_left(attempt_id, now)
        anchor = self._anchors.get(attempt_id)
        due = anchor is not None and self.monotonic() - anchor.saved >= CLOCK_SAVE_EVERY
        if left is None or state[0] != "in_progress" or not (save or due):
            return left
        with self.database.transaction():
            return self._save_clock(attempt_id, now)
