"""What a unit view did, turned into the store's learner events (Qt-free controller).

Views report what the learner did ("played at 12.3 s", "page 4 shown", "reached the end") and
never touch the store: a `UnitRecorder` holds one profile+course+unit session, keeps a live copy
of the watched segments for the seek bar (the store only folds a play into its segments when the
play stops), and says when an event has just completed the unit. Store failures come out as one
`RecordingError` so that a view can tell the learner their progress was not saved.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any, Protocol

from player.course.manifest import Course, Narration, SlidesUnit, Unit, VideoUnit
from player.store import segments as seg
from player.store.database import StoreError
from player.store.progress import UnitProgress

# A video (or a deck's narration) stopped this close to its end opens at the start again, as
# most players do: left in its last seconds (the credits, the last words), it was watched.
# 5 s, or 2 % of a long one, at most 30 s (`restart_margin`).
RESTART_NEAR_END = 5.0
RESTART_SHARE = 0.02
RESTART_AT_MOST = 30.0
# A video file whose length is off the course's by more than this share (and a second) has
# its times stretched onto the course's (`UnitRecorder.file_length`).
LENGTH_TOLERANCE = 0.05


def restart_margin(length: float) -> float:
    """How close to the end of `length` seconds a stop opens at the start again: 5 s, or 2 %
    of a long video (12 s of 10 min), at most 30 s. A short clip keeps a resume point in its
    middle: at most a tenth of it (and 1 s), as 5 s would restart a 10 s clip left at 5 s."""
    margin = min(max(RESTART_NEAR_END, length * RESTART_SHARE), RESTART_AT_MOST)
    return min(margin, max(1.0, length / 10))


def restarts(position: float, length: float) -> bool:
    """A timed unit stopped at `position` of `length` seconds opens at the start."""
    return position >= length - restart_margin(length)


def narration_point(
    narration: Narration, seconds: float, page: int, audio_length: float = 0.0
) -> float:
    """The resume point a narrated deck saves, standing at `seconds` on `page` (0-based): where
    it opens again, as saved (`UnitRecorder.resume_narration`), so that the Continue banner,
    which knows no audio length, says the same. 0 in its last seconds (heard to its end), its
    end being the declared duration or the audio's if longer. The start of the page shown
    stays, though late: the learner turned to that page and has not heard it yet (before the
    audio loads only the declared end is known, and a last page can start in its last 5 s)."""
    if seconds <= narration.slide_starts[page]:
        return max(0.0, seconds)
    return 0.0 if restarts(seconds, max(narration.duration, audio_length)) else seconds


class LearnerEvents(Protocol):
    """The part of the store's event functions (player.store.events.Recorder) the views use."""

    def unit_opened(self, profile_id: str, course: Course, unit_id: str) -> Any: ...
    def unit_closed(self, session: Any, position: float | None = None) -> UnitProgress: ...
    def heartbeat(self, session: Any, position: float | None = None) -> UnitProgress: ...
    def video_played(self, session: Any, time: float) -> UnitProgress: ...
    def video_paused(self, session: Any, time: float) -> UnitProgress: ...
    def video_seeked(self, session: Any, time_from: float, time_to: float) -> UnitProgress: ...
    def slide_viewed(self, session: Any, page: int) -> UnitProgress: ...
    def reading_completed(self, session: Any) -> UnitProgress: ...


# (profile id, course id, unit id) -> the unit's saved progress (ProgressQueries.unit).
ProgressReader = Callable[[str, str, str], UnitProgress]


class RecordingError(Exception):
    """The store refused or failed an event; `str()` is the store's one-line reason."""


# What a store call may raise that the learner is told about (the records stay as they were).
STORE_FAILURES = (StoreError, sqlite3.Error, OSError, ValueError)


class CourseRecorder:
    """One learner in one course: opens a `UnitRecorder` per unit the learner opens."""

    def __init__(
        self,
        events: LearnerEvents,
        read_progress: ProgressReader,
        profile_id: str,
        course: Course,
    ) -> None:
        self.events = events
        self.read_progress = read_progress
        self.profile_id = profile_id
        self.course = course

    def open(self, unit: Unit) -> UnitRecorder:
        """Start a session on `unit` (cmi5 launched + initialized)."""
        try:
            before = self.read_progress(self.profile_id, self.course.id, unit.id)
            session = self.events.unit_opened(self.profile_id, self.course, unit.id)
        except STORE_FAILURES as exc:
            raise RecordingError(str(exc)) from exc
        return UnitRecorder(self.events, session, unit, before)


class UnitRecorder:
    """One open unit. Event methods return True when that event has just completed the unit."""

    def __init__(
        self, events: LearnerEvents, session: Any, unit: Unit, progress: UnitProgress
    ) -> None:
        self.events = events
        self.session = session
        self.unit = unit
        self.progress = progress
        # Where the unit was left: a narrated deck saves it unchanged until the learner moves or
        # its audio has loaded (SlidesView._position).
        self.left_at = progress.position
        self.closed = False
        # Video: where the running play started (None: not playing), mirrored from the store.
        self.playing_from: float | None = None
        self.scale = 1.0  # video: the course's seconds per second of the file

    # -- state ---------------------------------------------------------------------------------

    @property
    def completed(self) -> bool:
        return self.progress.completed

    def _apply(self, call: Callable[[], UnitProgress]) -> bool:
        if self.closed:
            raise RecordingError("this unit was closed")
        was_completed = self.progress.completed
        try:
            self.progress = call()
        except STORE_FAILURES as exc:
            raise RecordingError(str(exc)) from exc
        return self.progress.completed and not was_completed

    def heartbeat(self, position: float | None = None) -> None:
        """Still studying: counts the time and keeps the resume point (no statement)."""
        if position is not None and self._is_video:
            position = self._clamp(position)
        self._apply(lambda: self.events.heartbeat(self.session, position))

    def close(self, position: float | None = None) -> bool:
        """End the session (cmi5 terminated). A running video play is paused first, so that
        the watched share it brings is checked against the threshold like any other stop."""
        if self.closed:
            return False
        done = False
        if self._is_video and self.playing_from is not None:
            stop = position if position is not None else self.playing_from / self.scale
            done = self.video_paused(stop)
        at = self._clamp(position) if position is not None and self._is_video else position
        done = self._apply(lambda: self.events.unit_closed(self.session, at)) or done
        self.closed = True
        return done

    # -- video ---------------------------------------------------------------------------------

    @property
    def _is_video(self) -> bool:
        return isinstance(self.unit, VideoUnit)

    def _length(self) -> float:
        assert isinstance(self.unit, VideoUnit)
        return self.unit.duration

    def _clamp(self, seconds: float) -> float:
        """A time in the file (the view's) as the course's time (the store's)."""
        return seg.clamp_time(seconds * self.scale, self._length())

    def file_length(self, seconds: float) -> None:
        """The video file's own length, once the decoder knows it. Far from the course's (a
        typo, minutes for seconds), the course's made the file instant or impossible to
        complete: its times are then stretched onto the course's, all of the file being all of
        the course's length, so the threshold counts the share of the file seen. The view's
        times stay the file's; the store's and the statements' are the course's."""
        length = self._length()
        far = abs(seconds - length) > max(1.0, length * LENGTH_TOLERANCE)
        self.scale = length / seconds if seconds > 0 and length > 0 and far else 1.0

    @property
    def length_in_file(self) -> float:
        """The course's length of the video, in the file's seconds."""
        return self._length() / self.scale

    def resume_position(self) -> float:
        """Where to start the video (in the file): the saved point, or 0 near the end."""
        at = min(max(self.progress.position, 0.0), self._length()) / self.scale
        if at <= 0 or restarts(at, self.length_in_file):
            return 0.0
        return round(at, 3)

    def _watched(self, position: float | None) -> seg.Segments:
        saved = self.progress.segments
        if self.playing_from is None or position is None:
            return saved
        return seg.add(saved, self.playing_from, self._clamp(position), self._length())

    def watched(self, position: float | None = None) -> seg.Segments:
        """Saved segments plus the play running up to `position` (for the seek bar), in the
        file's times."""
        segments = self._watched(position)
        if self.scale == 1.0:
            return segments
        return tuple((start / self.scale, end / self.scale) for start, end in segments)

    def watched_share(self, position: float | None = None) -> float:
        return seg.progress(self._watched(position), self._length())

    def video_played(self, time: float) -> bool:
        at = self._clamp(time)
        done = self._apply(lambda: self.events.video_played(self.session, at))
        self.playing_from = at
        return done

    def video_paused(self, time: float) -> bool:
        at = self._clamp(time)
        done = self._apply(lambda: self.events.video_paused(self.session, at))
        self.playing_from = None
        return done

    def video_seeked(self, time_from: float, time_to: float) -> bool:
        start, to = self._clamp(time_from), self._clamp(time_to)
        if start == to:
            return False
        done = self._apply(lambda: self.events.video_seeked(self.session, start, to))
        if self.playing_from is not None:
            self.playing_from = to
        return done

    # -- slides --------------------------------------------------------------------------------

    def pages_seen(self) -> frozenset[int]:
        """1-based pages seen in any session."""
        return self.progress.pages_seen

    def slide_shown(self, page: int, narration_time: float | None = None) -> bool:
        """Page `page` (0-based, as views count) was shown. For a narrated deck the resume
        point is the narration time, so it is saved right after (the store's `slide_viewed`
        keeps the page number as the position)."""
        assert isinstance(self.unit, SlidesUnit)
        done = self._apply(lambda: self.events.slide_viewed(self.session, page + 1))
        if narration_time is not None:
            self.heartbeat(narration_time)
        return done

    def resume_page(self) -> int:
        """0-based page to open a deck without narration at."""
        assert isinstance(self.unit, SlidesUnit)
        page = int(self.progress.position) - 1 if self.progress.position >= 1 else 0
        return min(max(page, 0), self.unit.pages - 1)

    def resume_narration(self) -> float:
        """Narration seconds to resume a narrated deck at: where it was left when opened, as
        saved. The view saves where it will open (`narration_point`: 0 after listening to the
        end, against the audio's own length), and the Continue banner shows that point as saved:
        restarting here too made a point saved by an older version (the time heard, 1:58 of
        2:00) open at the start while the banner said 'at 1:58'. Such a point opens there."""
        assert isinstance(self.unit, SlidesUnit) and self.unit.narration is not None
        return max(0.0, self.left_at)

    # -- reading -------------------------------------------------------------------------------

    def reading_completed(self) -> bool:
        if self.progress.completed:
            return False
        return self._apply(lambda: self.events.reading_completed(self.session))
