"""An exam attempt's clock: the time left before its stored deadline, counted so that neither
setting the wall clock back nor NTP moving it gains or loses time, and the attempts whose time
is up.

The time used is counted by a clock that never goes back (`boot_clock`) while Cartable runs, and
by the wall clock only for the time it was closed, never going back before the last wall time
seen; the stored deadline is re-based on that count as it goes.

The never-going-back clock, per platform (`choose_boot_clock`): it must not move with the wall
clock and must keep counting while the laptop sleeps, or closing the lid would stop the exam.
- Linux: `clock_gettime(CLOCK_BOOTTIME)`, CLOCK_MONOTONIC plus the time suspended (to RAM or,
  as the kernel restores it from the hardware clock, to disk).
- macOS: `clock_gettime(CLOCK_MONOTONIC)`, which Apple's clock_gettime(3) says "will continue
  to increment while the system is asleep" (it is mach_continuous_time). Never `time.monotonic`
  there: it is mach_absolute_time, which "does not increment while the system is asleep".
- Windows: `GetTickCount64` (10-16 ms steps), whose elapsed time "includes time the system
  spends in sleep or hibernation" (Microsoft, "Windows Time"); called by name, not through
  `time.monotonic`, which is GetTickCount64 up to Python 3.12 but QueryPerformanceCounter from
  3.13, for which Microsoft documents nothing about sleep. Never the unbiased interrupt time
  (QueryUnbiasedInterruptTime): it leaves sleep and hibernation out.
- Anywhere else: CLOCK_BOOTTIME when the system has it, else `time.monotonic`, which may stop
  while the system sleeps (the learner would gain the time asleep).
Limits: hibernation on macOS (safe sleep, the memory written to disk) is not named by Apple's
text; a machine turned off or restarted ends Cartable, and the time it was closed is the wall
clock's, never counted back before the last wall time seen.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from player.store.attempts import EXAM_COLUMNS, AttemptError, AttemptRecords, ExamAttempt

#: An open exam's clock is written down this often (seconds): a crash forgets at most this much
#: of what the never-going-back clock counted; the wall clock covers the rest.
CLOCK_SAVE_EVERY = 15.0


@dataclass(frozen=True)
class BootClock:
    """A clock that never goes back and counts sleep: its name (for logs and tests) and how to
    read it, in seconds from an arbitrary point."""

    name: str
    read: Callable[[], float]


def _clock_gettime(clock_id: int) -> Callable[[], float]:
    return lambda: time.clock_gettime(clock_id)


def _tick_count64() -> Callable[[], float]:
    """Windows' GetTickCount64 (milliseconds since boot, sleep and hibernation included)."""
    import ctypes

    tick = ctypes.WinDLL("kernel32").GetTickCount64  # type: ignore[attr-defined]
    tick.restype = ctypes.c_uint64
    tick.argtypes = []
    return lambda: tick() / 1000.0


def choose_boot_clock() -> BootClock:
    """The clock `boot_clock` reads on this platform (see the module's docstring)."""
    platform = sys.platform
    boottime: int | None = getattr(time, "CLOCK_BOOTTIME", None)
    if platform.startswith("linux") and boottime is not None:
        return BootClock("CLOCK_BOOTTIME", _clock_gettime(boottime))
    if platform == "darwin":
        monotonic: int | None = getattr(time, "CLOCK_MONOTONIC", None)
        if monotonic is not None and hasattr(time, "clock_gettime"):
            return BootClock("CLOCK_MONOTONIC", _clock_gettime(monotonic))
    if platform == "win32":
        return BootClock("GetTickCount64", _tick_count64())
    if boottime is not None:
        return BootClock("CLOCK_BOOTTIME", _clock_gettime(boottime))
    return BootClock("time.monotonic", time.monotonic)


_source: BootClock | None = None


def boot_clock() -> float:
    """Seconds that never go back and keep counting while the laptop sleeps, so closing the lid
    does not stop an exam's clock (the clock is chosen once, by `choose_boot_clock`)."""
    global _source
    if _source is None:
        _source = choose_boot_clock()
    return _source.read()


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

    def running_exam_attempts(self, profile_id: str) -> list[tuple[ExamAttempt, float]]:
        """Attempts in progress against a clock with time left, and their seconds left, the
        least first: their clock keeps running while Cartable is closed, so quitting warns and
        the library says so."""
        now = self.recorder.now()
        rows = self.conn.execute(
            f"SELECT {EXAM_COLUMNS} FROM exam_attempts WHERE profile_id = ?"
            " AND state = 'in_progress' AND deadline IS NOT NULL",
            (profile_id,),
        ).fetchall()
        running = []
        for row in rows:
            left = self._time_left(row[0], now)[0]
            if left is not None and left > 0.0:
                running.append((self._exam(row), left))
        return sorted(running, key=lambda pair: pair[1])

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
