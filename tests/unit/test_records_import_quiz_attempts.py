"""Practice quiz attempts come back from a records file as the recorder wrote them: one finished
with no answer too (only its `failed` names it), each starting when the learner started it, so
the quiz's attempts left on the new laptop are those left on the old one."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.store import Store
from player.store.attempts import AttemptsExhausted, QuizAttempt
from tests.unit.test_records_import_grades import installed
from tests.unit.test_store_helpers import FakeClock, make_course, open_store


def recorded(attempt: QuizAttempt) -> tuple[object, ...]:
    """What the recorder wrote of an attempt that its statements say (the seed they do not)."""
    return (
        attempt.id,
        attempt.course_id,
        attempt.unit_id,
        attempt.number,
        attempt.started_at,
        attempt.finished_at,
        attempt.score,
        attempt.passed,
        attempt.answers,
    )


def moved(tmp_path: Path, old: Store, profile_id: str) -> tuple[Store, str]:
    """The profile's records exported, and imported on a new laptop."""
    path = tmp_path / "awa.json"
    old.records.export(profile_id, path)
    new = open_store(tmp_path / "new", FakeClock(1_900_000_000.0))
    awa = new.profiles.add("Awa").id
    new.records.import_file(awa, path, **installed(make_course()))
    return new, awa


def test_an_attempt_finished_with_no_answer_comes_back_as_recorded(tmp_path: Path) -> None:
    clock = FakeClock()
    old = open_store(tmp_path / "old", clock)
    course = make_course()
    awa = old.profiles.add("Awa", "fr").id
    old.events.course_launched(awa, course)
    quiz = old.events.unit_opened(awa, course, "q1")
    empty = old.assessments.quiz_started(quiz)
    clock.advance(7)
    old.assessments.quiz_finished(quiz, empty.id)  # nothing answered: failed, 0
    second = old.assessments.quiz_started(quiz)
    clock.advance(4)
    old.assessments.question_answered(quiz, second.id, "qa", "a")
    old.events.unit_closed(quiz)
    clock.advance(3600)  # an hour later, the attempt resumed
    quiz = old.events.unit_opened(awa, course, "q1")
    assert old.assessments.quiz_started(quiz).id == second.id
    clock.advance(5)
    old.assessments.quiz_finished(quiz, second.id)
    old.events.unit_closed(quiz)

    new, awa_new = moved(tmp_path, old, awa)

    before = old.assessments.quiz_attempts(awa)
    assert before[0].answers == ()
    assert [recorded(a) for a in new.assessments.quiz_attempts(awa_new)] == [
        recorded(a) for a in before
    ]
    # both of the quiz's two attempts are used, here as there
    quiz = new.events.unit_opened(awa_new, course, "q1")
    with pytest.raises(AttemptsExhausted):
        new.assessments.quiz_started(quiz)
