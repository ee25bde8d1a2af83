"""The dashboard's decisions on a learner's attempts and days (player/ui/dashboard/model.py),
on plain dataclasses: best score, passed, attempts left, the exam running or waiting, a course
started, the week's and the month's study time."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

from player.course.manifest import Course, ExamUnit, Module, QuizUnit
from player.store.attempts import ExamAttempt, ExamState, QuizAttempt
from player.store.progress import CourseProgress, DayTotal, ModuleProgress, UnitProgress
from player.ui.dashboard.model import CourseOverview, ExamSummary, Overview, QuizScore

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
QUIZ = QuizUnit("q1", "Check", "Passed", questions=(), mastery_score=0.8, max_attempts=3)
EXAM = ExamUnit("e1", "Final", "Passed", questions=(), max_attempts=2)


def quiz_attempt(number: int, score: float | None, passed: bool | None) -> QuizAttempt:
    finished = START + timedelta(hours=number) if score is not None else None
    return QuizAttempt(
        f"qa{number}", "p1", "c1", "q1", number, 7, START, finished, score, passed, ()
    )


def exam_attempt(number: int, state: ExamState, passed: bool | None = None) -> ExamAttempt:
    return ExamAttempt(
        f"ea{number}", "p1", "c1", "e1", number, f"r{number}", state, 7, START,
        None, None, None, passed, None, (),
    )  # fmt: skip


def progress(attempted: bool) -> CourseProgress:
    unit = UnitProgress("c1", "q1", attempted=attempted)
    module = ModuleProgress("m1", "One", (unit,), 0, False)
    return CourseProgress("c1", "Course", None, (module,), False, 0.0, None, "q1")


COURSE = Course("c1", "1.0", "Course", "en", (Module("m1", "One", (QUIZ, EXAM)),))


def test_a_quiz_score_is_its_best_and_last_finished_attempt_and_counts_what_is_left() -> None:
    score = QuizScore(QUIZ, (quiz_attempt(1, 0.9, True), quiz_attempt(2, 0.5, False)))
    assert score.best == 0.9
    assert score.last is not None and score.last.number == 2
    assert score.passed  # once passed, passed
    assert score.attempts_left == 1


def test_a_quiz_not_taken_has_no_best_nor_last_and_unlimited_practice_no_count() -> None:
    assert QuizScore(QUIZ, ()).best is None
    assert QuizScore(QUIZ, ()).last is None
    assert not QuizScore(QUIZ, ()).passed
    unlimited = QuizUnit("q2", "Practice", "Completed", questions=())
    assert QuizScore(unlimited, (quiz_attempt(1, 0.2, False),)).attempts_left is None
    used_up = tuple(quiz_attempt(n, 0.1, False) for n in (1, 2, 3, 4))
    assert QuizScore(QUIZ, used_up).attempts_left == 0  # never below zero


def test_an_exam_says_which_attempt_runs_which_waits_for_its_grade_and_whether_passed() -> None:
    running = ExamSummary(EXAM, (exam_attempt(1, "in_progress"),))
    assert running.running is not None and running.waiting is None
    assert running.attempts_left == 1
    waiting = ExamSummary(EXAM, (exam_attempt(1, "submitted"),))
    assert waiting.waiting is not None and waiting.running is None
    assert not waiting.passed
    failed_then_passed = ExamSummary(
        EXAM, (exam_attempt(1, "graded", False), exam_attempt(2, "graded", True))
    )
    assert failed_then_passed.passed
    assert failed_then_passed.attempts_left == 0


def test_a_course_is_started_by_progress_a_quiz_begun_or_an_exam_attempt() -> None:
    untouched = CourseOverview(COURSE, progress(False), (QuizScore(QUIZ, ()),), ())
    assert not untouched.started
    assert CourseOverview(COURSE, progress(True), (), ()).started
    begun = QuizScore(QUIZ, (), in_progress=True)
    assert CourseOverview(COURSE, progress(False), (begun,), ()).started
    exam = ExamSummary(EXAM, (exam_attempt(1, "in_progress"),))
    assert CourseOverview(COURSE, progress(False), (), (exam,)).started


def test_the_week_is_the_last_seven_days_and_the_total_every_day() -> None:
    first = date(2026, 3, 1)
    days = tuple(DayTotal(first + timedelta(days=i), 60.0 * (i + 1)) for i in range(10))
    overview = Overview((), days, ())
    assert overview.week_seconds == 60.0 * sum(range(4, 11))
    assert overview.total_seconds == 60.0 * sum(range(1, 11))
    assert Overview((), (), ()).week_seconds == 0


# -- what to do next ----------------------------------------------------------------------------

PRACTICE = QuizUnit("p1", "Practice", "Passed", questions=(), mastery_score=0.8)
LAST = QuizUnit("q9", "Last check", "Passed", questions=(), mastery_score=0.8)


def steps_course(practice: QuizUnit) -> Course:
    return Course(
        "c1",
        "1.0",
        "Course",
        "en",
        (Module("m1", "One", (practice, EXAM)), Module("m2", "Two", (LAST,))),
    )


def overview_of(  # type: ignore[no-untyped-def]
    exam: tuple[ExamAttempt, ...],
    *,
    last_done: bool,
    practice_passed: bool = False,
    practice: QuizUnit = PRACTICE,
):
    """Practice taken, passed or not (done under its moveOn: by default once passed), the exam
    as `exam` says (satisfied once a graded attempt passed), the last quiz done or not."""
    passed = any(a.state == "graded" and a.passed for a in exam)
    taken = UnitProgress("c1", "p1", True, True, practice_passed)
    final = UnitProgress("c1", "e1", bool(exam), bool(exam), passed or None)
    last = UnitProgress("c1", "q9", last_done, last_done, last_done or None)
    practice_done = taken.satisfied(practice.move_on)
    modules = (
        ModuleProgress(
            "m1", "One", (taken, final), practice_done + passed, practice_done and passed
        ),
        ModuleProgress("m2", "Two", (last,), int(last_done), last_done),
    )
    done = {"p1": practice_done, "e1": passed, "q9": last_done}
    first = next((u for u in ("p1", "e1", "q9") if not done[u]), None)
    progress = CourseProgress("c1", "Course", None, modules, first is None, 0.0, None, first)
    score = QuizScore(
        practice, (quiz_attempt(1, 0.62 if not practice_passed else 0.9, practice_passed),)
    )
    return CourseOverview(steps_course(practice), progress, (score,), (ExamSummary(EXAM, exam),))


def test_next_to_do_skips_an_exam_waiting_for_its_grade() -> None:
    """ "To do: the certification exam" once it was submitted (learner's-eye run u1, fr-81):
    nothing to do there but wait; the next thing the learner can do is said instead."""
    waiting = (exam_attempt(1, "submitted"),)
    after = overview_of(waiting, last_done=False, practice_passed=True)
    assert after.next_unit_id == "q9", "the unit after it"
    assert overview_of(waiting, last_done=True).next_unit_id == "p1", "the practice not passed"
    assert overview_of(waiting, last_done=True, practice_passed=True).next_unit_id is None
    used_up = (exam_attempt(1, "graded", False), exam_attempt(2, "graded", False))
    after = overview_of(used_up, last_done=False, practice_passed=True)
    assert after.next_unit_id == "q9", "the unit after it"
    # No attempt left, no grade awaited: the practice quiz was suggested for ever (review r8).
    done = overview_of(used_up, last_done=True, practice_passed=True)
    assert done.next_unit_id is None, "nothing to do"


def test_still_to_do_is_never_a_unit_done_nor_a_quiz_with_no_attempt_left() -> None:
    """Learner's-eye run f1 #2: a practice quiz failed was counted done (moveOn Completed) and
    named "still to do" while the exam waited. "Still to do" is what is not done: a failed quiz
    (done once passed by default), never one its course says is done by being taken; and a
    quiz failed with no attempt left is no step, as an exam with none left is not."""
    waiting = (exam_attempt(1, "submitted"),)
    failed = overview_of(waiting, last_done=True)
    assert failed.progress.units_satisfied == 1 and failed.next_unit_id == "p1"
    taken = dataclasses.replace(PRACTICE, move_on="Completed")  # the author's choice: taken
    done = overview_of(waiting, last_done=True, practice=taken)
    assert done.progress.units_satisfied == 2 and done.next_unit_id is None
    once = dataclasses.replace(PRACTICE, max_attempts=1)
    used_up = overview_of((), last_done=True, practice=once)
    assert used_up.progress.next_unit_id == "p1" and used_up.next_unit_id == "e1"
    assert overview_of(waiting, last_done=True, practice=once).next_unit_id is None


def test_next_to_do_is_the_exam_while_it_can_be_taken() -> None:
    def after_practice(exam: tuple[ExamAttempt, ...]) -> str | None:
        return overview_of(exam, last_done=True, practice_passed=True).next_unit_id

    assert after_practice(()) == "e1"
    failed_once = (exam_attempt(1, "graded", False),)
    assert after_practice(failed_once) == "e1", "one attempt left"
    running = (exam_attempt(1, "graded", False), exam_attempt(2, "in_progress"))
    assert after_practice(running) == "e1"
    passed = (exam_attempt(1, "graded", True),)
    assert after_practice(passed) is None, "course done"
    assert overview_of(passed, last_done=True).next_unit_id == "p1", "the practice not passed"
    assert not overview_of(passed, last_done=True).progress.satisfied


def test_a_title_holding_a_placeholder_is_not_filled_in_turn() -> None:
    """Final read f15 #2: `blocked_text` filled %1 then %2 by two `.replace`: a course titled
    "Module %2" got the unit's title inside it."""
    from types import SimpleNamespace

    from player.ui.dashboard.overview import blocked_text

    item = SimpleNamespace(
        course=SimpleNamespace(title="Module %2"), blocked_by=SimpleNamespace(title="Check")
    )
    text = blocked_text(item)  # type: ignore[arg-type]
    assert text is not None
    assert text.startswith("\u201c\u2068Module %2\u2069\u201d cannot be completed")
    assert "\u201c\u2068Check\u2069\u201d is used" in text
