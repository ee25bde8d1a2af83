"""The UI's recorder controller (player/ui/recorder.py): view activity to store events.

A fake event store records the calls and keeps a progress like the real one; one test at the
end runs the same session against the real store."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from player.course.manifest import Course, FileRef, Module, Narration, SlidesUnit, VideoUnit
from player.course.manifest import ReadingUnit as Reading
from player.store import segments as seg
from player.store.database import StoreError, open_database
from player.store.events import Recorder
from player.store.profiles import Profiles
from player.store.progress import ProgressQueries, UnitProgress
from player.ui.recorder import CourseRecorder, RecordingError, UnitRecorder, narration_point

REF = FileRef("ab" * 32, 10, "application/octet-stream")
VIDEO = VideoUnit("v", "Video", "Completed", duration=100.0, variants=(), threshold=0.9)
DECK = SlidesUnit("d", "Deck", "Completed", document=REF, pages=3)
NARRATED = SlidesUnit(
    "n", "Narrated", "Completed", document=REF, pages=3, narration=Narration(REF, 30.0, (0, 10, 20))
)
READING = Reading("r", "Reading", "Completed", text=REF)
COURSE = Course(
    "c", "1.0", "Course", "fr", (Module("m", "Module", (VIDEO, DECK, NARRATED, READING)),)
)


class FakeEvents:
    """Store-like: folds plays into segments when they stop, completes at the threshold."""

    def __init__(self, saved: dict[str, UnitProgress] | None = None) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.progress = dict(saved or {})
        self.playing_from: dict[str, float | None] = {}
        self.fail = False

    def _get(self, unit_id: str) -> UnitProgress:
        return self.progress.get(unit_id) or UnitProgress("c", unit_id)

    def _set(self, unit_id: str, **changes: Any) -> UnitProgress:
        self.progress[unit_id] = dataclasses.replace(self._get(unit_id), **changes)
        return self.progress[unit_id]

    def _call(self, *call: Any) -> None:
        if self.fail:
            raise StoreError("disk full")
        self.calls.append(call)

    def read(self, profile_id: str, course_id: str, unit_id: str) -> UnitProgress:
        return self._get(unit_id)

    def unit_opened(self, profile_id: str, course: Course, unit_id: str) -> str:
        self._call("opened", unit_id)
        return unit_id

    def unit_closed(self, session: str, position: float | None = None) -> UnitProgress:
        self._call("closed", position)
        return self._set(session, position=position or 0.0)

    def heartbeat(self, session: str, position: float | None = None) -> UnitProgress:
        self._call("heartbeat", position)
        return self._set(session, position=position if position is not None else 0.0)

    def _stop(self, session: str, at: float) -> None:
        start = self.playing_from.get(session)
        if start is not None and at > start:
            segments = seg.add(self._get(session).segments, start, at, VIDEO.duration)
            done = seg.progress(segments, VIDEO.duration) >= VIDEO.threshold
            self._set(session, segments=segments, completed=self._get(session).completed or done)

    def video_played(self, session: str, time: float) -> UnitProgress:
        self._call("played", time)
        self._stop(session, time)
        self.playing_from[session] = time
        return self._set(session, position=time)

    def video_paused(self, session: str, time: float) -> UnitProgress:
        self._call("paused", time)
        self._stop(session, time)
        self.playing_from[session] = None
        return self._set(session, position=time)

    def video_seeked(self, session: str, time_from: float, time_to: float) -> UnitProgress:
        self._call("seeked", time_from, time_to)
        playing = self.playing_from.get(session) is not None
        self._stop(session, time_from)
        self.playing_from[session] = time_to if playing else None
        return self._set(session, position=time_to)

    def slide_viewed(self, session: str, page: int) -> UnitProgress:
        self._call("slide", page)
        seen = self._get(session).pages_seen | {page}
        return self._set(session, pages_seen=seen, position=float(page), completed=len(seen) == 3)

    def reading_completed(self, session: str) -> UnitProgress:
        self._call("reading_completed")
        return self._set(session, completed=True)


def open_unit(events: FakeEvents, unit: Any) -> UnitRecorder:
    return CourseRecorder(events, events.read, "p", COURSE).open(unit)


def test_video_session_records_plays_and_completes_on_the_stop_that_reaches_the_threshold() -> None:
    events = FakeEvents()
    video = open_unit(events, VIDEO)
    assert video.resume_position() == 0.0
    assert video.video_played(0.0) is False
    # While playing, the seek bar sees the running play before the store folds it.
    assert video.watched(40.0) == ((0.0, 40.0),)
    assert video.watched_share(40.0) == 0.4
    assert video.progress.segments == ()
    assert video.video_paused(40.0) is False
    assert video.watched() == ((0.0, 40.0),)
    assert video.video_played(40.0) is False
    assert video.video_paused(95.0) is True  # 95 % watched: this stop completes the unit
    assert video.completed
    assert video.video_played(95.0) is False  # already completed: not "just completed" again
    assert [c[0] for c in events.calls] == [
        "opened", "played", "paused", "played", "paused", "played",
    ]  # fmt: skip


def test_skipping_ahead_watches_nothing() -> None:
    events = FakeEvents()
    video = open_unit(events, VIDEO)
    video.video_played(0.0)
    assert video.video_seeked(2.0, 98.0) is False
    assert video.watched(100.0) == ((0.0, 2.0), (98.0, 100.0))
    assert video.video_paused(100.0) is False
    assert not video.completed
    assert video.watched_share() == 0.04


def test_seek_to_the_same_place_is_not_an_event() -> None:
    events = FakeEvents()
    video = open_unit(events, VIDEO)
    assert video.video_seeked(5.0, 5.0) is False
    assert events.calls == [("opened", "v")]


def test_times_are_clamped_to_the_video() -> None:
    events = FakeEvents()
    video = open_unit(events, VIDEO)
    video.video_played(-3.0)
    video.video_seeked(120.0, 50.0)
    assert events.calls[1:] == [("played", 0.0), ("seeked", 100.0, 50.0)]


def test_resume_point_and_restart_after_the_end() -> None:
    saved = {"v": UnitProgress("c", "v", position=42.5, segments=((0.0, 42.5),))}
    video = open_unit(FakeEvents(saved), VIDEO)
    assert video.resume_position() == 42.5
    assert video.watched() == ((0.0, 42.5),)
    ended = {"v": UnitProgress("c", "v", position=99.5)}
    assert open_unit(FakeEvents(ended), VIDEO).resume_position() == 0.0


def test_a_file_far_from_the_course_length_is_stretched_onto_it() -> None:
    """The course says 100 s: a 104 s file keeps its own times (a little off is usual), a 10 s
    file's are stretched tenfold, so that all of it is all of the course and no more."""
    events = FakeEvents()
    video = open_unit(events, VIDEO)
    video.file_length(104.0)
    assert video.scale == 1.0 and video.length_in_file == 100.0
    video.file_length(10.0)
    assert video.scale == 10.0 and video.length_in_file == 10.0
    video.video_played(8.0)
    assert video.watched(9.0) == ((8.0, 9.0),)  # the seek bar's: the file's times
    assert video.watched_share(9.0) == 0.1
    video.close()  # paused where the play started, in the file's time: nothing more watched
    assert events.calls[1:] == [("played", 80.0), ("paused", 80.0), ("closed", None)]
    saved = {"v": UnitProgress("c", "v", position=42.5)}
    resumed = open_unit(FakeEvents(saved), VIDEO)
    resumed.file_length(10.0)
    assert resumed.resume_position() == 4.25


def test_closing_while_playing_pauses_first_so_the_stop_counts() -> None:
    events = FakeEvents()
    video = open_unit(events, VIDEO)
    video.video_played(0.0)
    assert video.close(92.0) is True
    assert events.calls[-2:] == [("paused", 92.0), ("closed", 92.0)]
    assert video.closed
    assert video.close(92.0) is False  # once
    with pytest.raises(RecordingError):
        video.video_played(0.0)


def test_store_failures_become_one_recording_error() -> None:
    events = FakeEvents()
    video = open_unit(events, VIDEO)
    events.fail = True
    with pytest.raises(RecordingError, match="disk full"):
        video.video_played(1.0)
    assert video.playing_from is None  # nothing was recorded, nothing is assumed
    with pytest.raises(RecordingError, match="disk full"):
        open_unit(events, VIDEO)


def test_slides_pages_are_one_based_for_the_store_and_narration_keeps_its_time() -> None:
    events = FakeEvents()
    deck = open_unit(events, DECK)
    assert deck.resume_page() == 0
    assert deck.slide_shown(0) is False
    assert deck.slide_shown(1) is False
    assert deck.slide_shown(2) is True
    assert deck.pages_seen() == {1, 2, 3}
    assert deck.resume_page() == 2
    narrated = open_unit(events, NARRATED)
    narrated.slide_shown(1, narration_time=12.5)
    assert events.calls[-2:] == [("slide", 2), ("heartbeat", 12.5)]
    assert narrated.progress.position == 12.5
    assert open_unit(events, NARRATED).resume_narration() == 12.5


def test_reading_completes_once() -> None:
    events = FakeEvents()
    reading = open_unit(events, READING)
    assert reading.reading_completed() is True
    assert reading.reading_completed() is False
    assert [c[0] for c in events.calls] == ["opened", "reading_completed"]


def test_the_same_session_against_the_real_store(tmp_path: Path) -> None:
    database = open_database(tmp_path / "r.sqlite3", tmp_path / "backups", backup_every=None)
    profile = Profiles(database).add("Awa", "fr")
    queries = ProgressQueries(database.conn)
    courses = CourseRecorder(Recorder(database), queries.unit, profile.id, COURSE)
    video = courses.open(VIDEO)
    video.video_played(0.0)
    video.video_seeked(30.0, 60.0)
    assert video.watched(70.0) == ((0.0, 30.0), (60.0, 70.0))
    assert video.progress.segments == ((0.0, 30.0),)
    assert video.video_paused(100.0) is False  # 70 % < 90 %
    video.video_played(0.0)
    assert video.close(60.0) is True  # 30..60 fills the gap: 100 % on the stop before closing
    saved = queries.unit(profile.id, "c", "v")
    assert saved.completed and saved.segments == ((0.0, 100.0),) and saved.position == 60.0
    again = courses.open(VIDEO)
    assert again.resume_position() == 60.0 and again.completed
    again.close(None)
    deck = courses.open(DECK)
    assert [deck.slide_shown(page) for page in range(3)] == [False, False, True]
    deck.close(3)
    assert courses.open(DECK).resume_page() == 2
    verbs = [
        row[0]
        for row in database.conn.execute(
            "SELECT json_extract(body, '$.verb.display.en-US') FROM outbox ORDER BY seq"
        )
    ]
    assert verbs.count("completed") == 2 and verbs.count("terminated") == 3
    assert "seeked" in verbs and "experienced" in verbs


@pytest.mark.parametrize(
    ("length", "stopped", "opens_at"),
    [
        pytest.param(600.0, 598.0, 0.0, id="10 min left at 9:58: watched, from the start"),
        pytest.param(600.0, 589.0, 0.0, id="10 min: its last 12 s (2 %)"),
        pytest.param(600.0, 587.0, 587.0, id="10 min left at 9:47: resumes"),
        pytest.param(100.0, 96.0, 0.0, id="100 s: its last 5 s"),
        pytest.param(100.0, 94.0, 94.0, id="100 s left at 94 s: resumes"),
        pytest.param(7200.0, 7171.0, 0.0, id="2 h: its last 30 s (2 % capped)"),
        pytest.param(7200.0, 7160.0, 7160.0, id="2 h left 40 s before its end: resumes"),
        pytest.param(10.0, 5.0, 5.0, id="10 s clip left in its middle: resumes"),
        pytest.param(10.0, 9.2, 0.0, id="10 s clip: its last second"),
    ],
)
def test_a_video_left_in_its_last_seconds_opens_at_the_start(
    length: float, stopped: float, opens_at: float
) -> None:
    """It restarted only within its last second: closed at 9:58 of 10:00, it reopened 2 s from
    the end. The Continue banner says the same (no time for a video that opens at 0:00)."""
    video = dataclasses.replace(VIDEO, duration=length)
    saved = {"v": UnitProgress("c", "v", position=stopped)}
    assert open_unit(FakeEvents(saved), video).resume_position() == opens_at
    from player.ui.resume import unit_resume_position

    assert unit_resume_position(video, saved["v"]) == (opens_at or None)


def test_a_narration_left_in_its_last_seconds_saves_the_start_and_opens_as_saved() -> None:
    """The narration (30 s, pages at 0, 10 and 20 s) shares the video's rule: left at 28 s it
    saves 0 (it reopened 2 s from its end). The deck opens where it was saved: 28 s, saved by a
    version that restarted it when opening, opens at 28 s, as the Continue banner says."""
    timing = NARRATED.narration
    assert timing is not None
    assert narration_point(timing, 28.0, 2) == 0.0
    assert narration_point(timing, 26.0, 2) == 26.0
    for stored in (28.0, 26.0):
        saved = {"n": UnitProgress("c", "n", position=stored)}
        assert open_unit(FakeEvents(saved), NARRATED).resume_narration() == stored


@pytest.mark.parametrize(
    ("stopped", "audio", "opens_at"),
    [
        pytest.param(40.0, 60.0, 40.0, id="past the declared 30 s, audio of 60 s: resumes"),
        pytest.param(28.0, 60.0, 28.0, id="declared's last seconds, audio of 60 s: resumes"),
        pytest.param(57.0, 60.0, 0.0, id="the audio's last seconds: from the start"),
        pytest.param(70.0, 60.0, 0.0, id="past the audio's end: from the start"),
        pytest.param(28.0, 20.0, 0.0, id="audio shorter: the declared end counts"),
        pytest.param(40.0, 0.0, 0.0, id="audio length unknown: the declared end counts"),
    ],
)
def test_a_narration_longer_than_declared_saves_against_the_audio_length(
    stopped: float, audio: float, opens_at: float
) -> None:
    """Narration audio can outlast the manifest's 30 s: a stop in its extra part, or in the
    declared 30 s's last seconds, reopened at the start. Its end is the audio's when longer."""
    assert NARRATED.narration is not None
    assert narration_point(NARRATED.narration, stopped, 2, audio) == opens_at


@pytest.mark.parametrize("audio", [0.0, 30.0, 60.0])
def test_the_start_of_a_page_turned_to_is_saved_however_near_the_end(audio: float) -> None:
    """A last page starting in the narration's last seconds (28 s of 30 s), turned to: its
    start was taken for a narration heard to its end and saved as 0, so the deck reopened on
    page 1. Past the start, the learner is hearing it: its last seconds save 0 again."""
    assert NARRATED.narration is not None
    timing = dataclasses.replace(NARRATED.narration, slide_starts=(0.0, 10.0, 28.0))
    assert narration_point(timing, 28.0, 2, audio) == 28.0
    assert narration_point(timing, 29.0, 2, audio) == (29.0 if audio == 60.0 else 0.0)
