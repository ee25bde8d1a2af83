"""A quiz or an exam whose every attempt is used (review r7): a practice quiz whose manifest names
no moveOn is done once passed or once its attempts are all finished, as Moodle's "passing grade
or all available attempts completed", and the course completes; a unit the course needs that can
no longer be satisfied (an exam failed on its last attempt, a quiz whose author wrote "Passed")
is said in the course's header and on the dashboard, never "well done".

The GIFT fixture course, built from its course.toml and installed as a learner gets it: module 1
the quiz "Moodle examples" (max_attempts = 2) and "Numbers", module 2 the exam "Tema 5" (one
attempt); its records kept by the player's store through its events, shown by the real widgets.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from player.course.manifest import Course, QuizUnit
from player.library.library import Library
from player.store import statements as st
from player.store.store import Store
from player.ui.dashboard.model import course_overview
from player.ui.dashboard.overview import quiz_line
from player.ui.dashboard.summary import CourseSummary
from player.ui.dashboard.view import DashboardView
from player.wording import isolated
from tests.ui.assessment_support import (
    FIXTURE_TOML,
    GIFT,
    keys_of,
    right_response,
    write_fixture_course,
)
from tests.ui.test_dashboard import Clock, morning
from tests.ui.unit_support import install

WELL_DONE = "Nothing waits for you: well done."
COURSE = isolated("GIFT fixtures")
MOODLE = isolated("Moodle examples")


def cannot(unit_title: str) -> str:
    return (
        f"\u201c{COURSE}\u201d cannot be completed: every attempt of "
        f"\u201c{isolated(unit_title)}\u201d is used. Ask your teacher."
    )


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Course]:
    """The course as written: "Moodle examples" names no moveOn."""
    work = tmp_path_factory.mktemp("fixtures")
    return install(write_fixture_course(work / "src"), work)


@pytest.fixture(scope="module")
def explicit(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Course]:
    """The same course, its author writing moveOn = "Passed" for "Moodle examples"."""
    work = tmp_path_factory.mktemp("explicit")
    source = write_fixture_course(work / "src")
    toml = FIXTURE_TOML.replace("max_attempts = 2\n", 'max_attempts = 2\n  moveOn = "Passed"\n')
    assert toml != FIXTURE_TOML
    (source / "course.toml").write_text(toml, encoding="utf-8")
    return install(source, work)


@pytest.fixture
def records(tmp_path: Path) -> Iterator[tuple[Store, Clock, str]]:
    clock = Clock(morning(1))
    store = Store.open(tmp_path / "records.sqlite3", clock=clock, backup_every=None)
    profile = store.profiles.add("Awa", "en")
    yield store, clock, profile.id
    store.close()


def take_quiz(
    store: Store, clock: Clock, profile_id: str, course: Course, unit_id: str, *, right: bool
) -> None:  # type: ignore[no-untyped-def]
    """An attempt finished: every answer right, or none given (0%)."""
    session = store.events.unit_opened(profile_id, course, unit_id)
    attempt = store.assessments.quiz_started(session)
    clock.now += 60
    if right:
        unit = course.unit(unit_id)
        assert isinstance(unit, QuizUnit)
        gift = {"moodle": "moodle-examples.gift", "numbers": "gift-peg-numerical1.gift"}
        keys = keys_of(GIFT / gift[unit_id])
        for question in unit.questions:
            response = right_response(keys[question.id])
            store.assessments.question_answered(session, attempt.id, question.id, response)
    store.assessments.quiz_finished(session, attempt.id)
    store.events.unit_closed(session)


def sit_exam(
    store: Store, clock: Clock, profile_id: str, course: Course, *, passed: bool | None
) -> None:  # type: ignore[no-untyped-def]
    """The exam's one attempt submitted; graded as `passed` says (None: not graded yet)."""
    session = store.events.unit_opened(profile_id, course, "tema5")
    attempt = store.assessments.exam_started(session)
    clock.now += 60
    store.assessments.exam_submitted(session, attempt.id)
    store.events.unit_closed(session)
    if passed is not None:
        registration = store.assessments.exam_attempts(profile_id)[0].registration
        store.assessments.record_exam_result(
            profile_id, registration, passed, 0.9 if passed else 0.3, course=course
        )


def satisfied_blocks(store: Store, profile_id: str) -> list[str]:
    """The object ids of the cmi5 `satisfied` statements queued: modules and the course."""
    rows = store.conn.execute(
        "SELECT body FROM outbox WHERE profile_id = ? ORDER BY seq", (profile_id,)
    ).fetchall()
    found = [json.loads(body) for (body,) in rows]
    return [s["object"]["id"] for s in found if st.verb_name(s) == "satisfied"]


def dashboard(qtbot, library: Library, store: Store, profile_id: str) -> DashboardView:  # type: ignore[no-untyped-def]
    view = DashboardView(library, store, profile_id, "Awa")
    qtbot.addWidget(view)
    view.refresh()
    return view


def test_a_practice_quiz_failed_to_its_last_attempt_is_done_and_the_course_completes(  # type: ignore[no-untyped-def]
    qtbot, fixtures: tuple[Library, Course], records
) -> None:
    """r7: both attempts of "Moodle examples" failed, everything else done: under "Passed"
    alone the course stayed at 2 of 3 for ever, every screen silent ("well done" on the
    dashboard, "not passed yet" with no attempt left). Its moveOn is the default: done."""
    library, course = fixtures
    store, clock, profile_id = records
    moodle = course.unit("moodle")
    assert isinstance(moodle, QuizUnit) and moodle.max_attempts == 2
    assert moodle.move_on == "Passed" and moodle.move_on_defaulted  # the manifest names none
    sit_exam(store, clock, profile_id, course, passed=True)
    take_quiz(store, clock, profile_id, course, "numbers", right=True)

    take_quiz(store, clock, profile_id, course, "moodle", right=False)  # one attempt left
    progress = store.progress.course(profile_id, course)
    assert progress.units_satisfied == 2 and not progress.satisfied
    summary = CourseSummary(store, profile_id, course)
    qtbot.addWidget(summary)
    assert summary.text().split("\n")[-1] == f"Still to do: {MOODLE} (module 1, quiz)"
    (score,) = (q for q in course_overview(store, profile_id, course).quizzes if q.unit is moodle)
    assert "(not passed yet)" in quiz_line(score)
    m1, m2 = (st.module_iri(course, m) for m in course.modules)
    assert satisfied_blocks(store, profile_id) == [m2]

    take_quiz(store, clock, profile_id, course, "moodle", right=False)  # the last one
    progress = store.progress.course(profile_id, course)
    assert progress.units_satisfied == 3 and progress.satisfied
    summary.refresh()
    assert summary.text().split("\n")[-1] == "Course completed."
    assert "cannot be completed" not in summary.text()
    item = course_overview(store, profile_id, course)
    (score,) = (q for q in item.quizzes if q.unit is moodle)
    assert score.attempts_left == 0 and not score.passed and item.blocked_by is None
    assert "(not passed, no attempt left)" in quiz_line(score)
    # the last attempt's event satisfied module 1 and the course: each sent once to the LRS
    assert satisfied_blocks(store, profile_id) == [m2, m1, st.course_iri(course)]

    view = dashboard(qtbot, library, store, profile_id)
    (card,) = view.cards
    assert card.summary.text().startswith("3 of 3 units done")
    assert [bar.value() for _, bar, _ in card.module_rows] == [1000, 1000]
    assert card.blocked.isHidden()
    assert not view.step_buttons and view.no_steps.text() == WELL_DONE


def test_an_exam_failed_on_its_last_attempt_says_the_course_cannot_be_completed(  # type: ignore[no-untyped-def]
    qtbot, fixtures: tuple[Library, Course], records
) -> None:
    """The exam's one attempt graded failed, everything else done: nothing left to do, and the
    course cannot be completed. The dashboard said "Nothing waits for you: well done." and the
    header nothing; they say why, and whom to ask. Waiting for its grade, nothing is said."""
    library, course = fixtures
    store, clock, profile_id = records
    take_quiz(store, clock, profile_id, course, "numbers", right=True)
    take_quiz(store, clock, profile_id, course, "moodle", right=True)
    sit_exam(store, clock, profile_id, course, passed=None)
    summary = CourseSummary(store, profile_id, course)
    qtbot.addWidget(summary)
    assert "cannot be completed" not in summary.text()  # the grade may still pass it
    view = dashboard(qtbot, library, store, profile_id)
    assert view.cards[0].blocked.isHidden() and view.no_steps.text() == WELL_DONE

    registration = store.assessments.exam_attempts(profile_id)[0].registration
    store.assessments.record_exam_result(profile_id, registration, False, 0.3, course=course)
    progress = store.progress.course(profile_id, course)
    assert progress.units_satisfied == 2 and not progress.satisfied
    assert progress.next_unit_id == "tema5"
    summary.refresh()
    lines = summary.text().split("\n")
    assert lines[-1] == cannot("Tema 5")
    assert "Still to do" not in summary.text() and "Course completed" not in summary.text()
    assert cannot("Tema 5") in summary.accessibleName()

    view.refresh()
    assert not view.step_buttons
    assert view.no_steps.text() == cannot("Tema 5") and WELL_DONE not in view.no_steps.text()
    (card,) = view.cards
    assert not card.blocked.isHidden() and card.blocked.text() == cannot("Tema 5")
    assert card.accessibleName().endswith(cannot("Tema 5"))


def test_a_quiz_whose_author_wrote_passed_blocks_once_its_attempts_are_used(  # type: ignore[no-untyped-def]
    qtbot, explicit: tuple[Library, Course], records
) -> None:
    """An author's moveOn is honoured as written: "Passed" failed to the last attempt keeps
    the course from completing, and that is said rather than left silent."""
    library, course = explicit
    store, clock, profile_id = records
    moodle = course.unit("moodle")
    assert isinstance(moodle, QuizUnit) and not moodle.move_on_defaulted
    sit_exam(store, clock, profile_id, course, passed=True)
    take_quiz(store, clock, profile_id, course, "numbers", right=True)
    take_quiz(store, clock, profile_id, course, "moodle", right=False)
    take_quiz(store, clock, profile_id, course, "moodle", right=False)
    progress = store.progress.course(profile_id, course)
    assert progress.units_satisfied == 2 and not progress.satisfied
    summary = CourseSummary(store, profile_id, course)
    qtbot.addWidget(summary)
    assert summary.text().split("\n")[-1] == cannot("Moodle examples")
    item = course_overview(store, profile_id, course)
    (score,) = (q for q in item.quizzes if q.unit is moodle)
    assert "(not passed, no attempt left)" in quiz_line(score)
    view = dashboard(qtbot, library, store, profile_id)
    assert view.no_steps.text() == cannot("Moodle examples")
    assert view.cards[0].blocked.text() == cannot("Moodle examples")
    assert st.module_iri(course, course.modules[0]) not in satisfied_blocks(store, profile_id)
