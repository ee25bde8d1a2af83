"""A small course and a store factory shared by the store tests (and checked here)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from player.course.manifest import Course, parse_manifest
from player.store import Store

SHA = "ab" * 32


def _file(media_type: str, size: int = 1000) -> dict[str, Any]:
    return {"sha256": SHA, "size": size, "media_type": media_type}


def course_json(
    course_id: str = "histoire",
    publisher_url: str | None = "https://univ.example.org/",
    exam_time_limit: int | None = 600,
) -> dict[str, Any]:
    publisher: dict[str, Any] = {"name": "Université exemple"}
    if publisher_url:
        publisher["url"] = publisher_url
    exam: dict[str, Any] = {
        "id": "e1",
        "type": "exam",
        "title": "Examen",
        "mastery_score": 0.5,
        "max_attempts": 2,
        "questions": [
            {
                "id": "eq1",
                "type": "single",
                "text": "Capitale ?",
                "choices": [{"id": "a", "text": "Paris"}, {"id": "b", "text": "Lyon"}],
            },
            {"id": "eq2", "type": "short", "text": "Année ?"},
        ],
    }
    if exam_time_limit:
        exam["time_limit"] = exam_time_limit
    return {
        "format": 1,
        "id": course_id,
        "version": "1.0.0",
        "title": "Histoire",
        "language": "fr",
        "publisher": publisher,
        "modules": [
            {
                "id": "m1",
                "title": "Début",
                "units": [
                    {
                        "id": "v1",
                        "type": "video",
                        "title": "Vidéo",
                        "duration": 100.0,
                        "threshold": 0.9,
                        "variants": [
                            {
                                "label": "360p",
                                "width": 640,
                                "height": 360,
                                "file": _file("video/mp4"),
                            }
                        ],
                    },
                    {
                        "id": "r1",
                        "type": "reading",
                        "title": "Lecture",
                        "text": _file("text/markdown"),
                    },
                ],
            },
            {
                "id": "m2",
                "title": "Suite",
                "units": [
                    {
                        "id": "s1",
                        "type": "slides",
                        "title": "Diapos",
                        "document": _file("application/pdf"),
                        "pages": 4,
                    },
                    {
                        "id": "q1",
                        "type": "quiz",
                        "title": "Quiz",
                        "mastery_score": 0.6,
                        "max_attempts": 2,
                        "questions": [
                            {
                                "id": "qa",
                                "type": "single",
                                "text": "Un ?",
                                "choices": [
                                    {"id": "a", "text": "oui", "weight": 1.0},
                                    {"id": "b", "text": "non", "weight": 0.0},
                                ],
                            },
                            {
                                "id": "qb",
                                "type": "multiple",
                                "text": "Deux ?",
                                "choices": [
                                    {"id": "a", "text": "x", "weight": 0.5},
                                    {"id": "b", "text": "y", "weight": 0.5},
                                    {"id": "c", "text": "z", "weight": -1.0},
                                ],
                            },
                            {"id": "qc", "type": "truefalse", "text": "Vrai ?", "answer": True},
                        ],
                    },
                ],
            },
            {"id": "m3", "title": "Certification", "units": [exam]},
        ],
    }


def make_course(**kwargs: Any) -> Course:
    return parse_manifest(json.dumps(course_json(**kwargs)).encode())


class FakeClock:
    """Time that moves only when a test says so."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now


def open_store(tmp_path: Path, clock: Callable[[], float] | None = None) -> Store:
    kwargs: dict[str, Any] = {"backup_every": None}
    if clock is not None:
        kwargs["clock"] = clock
    return Store.open(tmp_path / "data" / "cartable.sqlite3", **kwargs)


def test_the_test_course_is_a_valid_manifest() -> None:
    course = make_course()
    assert [u.id for _, u in course.units()] == ["v1", "r1", "s1", "q1", "e1"]
    exam = course.unit("e1")
    assert exam is not None and exam.move_on == "Passed"


def test_fake_clock_moves_only_when_told() -> None:
    clock = FakeClock(10.0)
    assert clock() == 10.0
    clock.advance(5)
    assert clock() == 15.0


def study_everything(store: Store, clock: FakeClock, profile_id: str, course: Course) -> None:
    """Every kind of event once or more: the statements' tour of the store."""
    events, tests = store.events, store.assessments
    events.course_launched(profile_id, course)
    video = events.unit_opened(profile_id, course, "v1")
    clock.advance(1)
    events.video_played(video, 0.0)
    clock.advance(40)
    events.video_paused(video, 40.0)
    events.video_seeked(video, 40.0, 35.0)
    events.video_played(video, 35.0)
    clock.advance(30)
    events.heartbeat(video, 65.0)
    events.video_seeked(video, 65.0, 70.0)
    clock.advance(30)
    events.video_paused(video, 100.0)  # 90 % watched: completed
    events.unit_closed(video, 100.0)
    reading = events.unit_opened(profile_id, course, "r1")
    clock.advance(120)
    events.reading_completed(reading)  # module m1 satisfied
    events.unit_closed(reading)
    deck = events.unit_opened(profile_id, course, "s1")
    for page in (1, 2, 3, 4):
        clock.advance(10)
        events.slide_viewed(deck, page)
    events.unit_closed(deck)
    quiz = events.unit_opened(profile_id, course, "q1")
    first = tests.quiz_started(quiz)
    tests.question_answered(quiz, first.id, "qa", "b")
    tests.quiz_finished(quiz, first.id)  # 0/3: failed (and completed, the quiz's moveOn)
    attempt = tests.quiz_started(quiz)
    clock.advance(5)
    tests.question_answered(quiz, attempt.id, "qa", "a")
    tests.question_answered(quiz, attempt.id, "qb", frozenset({"a", "b"}))
    tests.question_answered(quiz, attempt.id, "qc", False)
    tests.quiz_finished(quiz, attempt.id)  # 2/3 >= 0.6: passed
    events.unit_closed(quiz)
    exam = events.unit_opened(profile_id, course, "e1")
    exam_attempt = tests.exam_started(exam)
    clock.advance(20)
    tests.exam_answer(exam, exam_attempt.id, "eq1", "b")
    tests.exam_answer(exam, exam_attempt.id, "eq1", "a")
    tests.exam_answer(exam, exam_attempt.id, "eq2", "1789")
    tests.exam_submitted(exam, exam_attempt.id)
    events.unit_closed(exam)
    crashed = events.unit_opened(profile_id, course, "r1")
    clock.advance(15)
    events.heartbeat(crashed)
    events.close_abandoned_sessions()  # as at the next start after a crash
