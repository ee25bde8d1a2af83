"""An exam whose moveOn is Completed is satisfied by its submission, also when the time ran
out (the exam view, Cartable closed, an imported attempt once timed): `submit_expired`, given
the courses, queues cmi5 `satisfied` for the module and course it completes, once."""

from __future__ import annotations

import json
from pathlib import Path

from player.course.manifest import Course, parse_manifest
from player.store import Store
from player.store import statements as st
from tests.unit.test_records_exam_progress import new_laptop, satisfied_targets
from tests.unit.test_store_helpers import FakeClock, course_json, open_store


def exam_only_course() -> Course:
    """One module holding the exam alone, moveOn Completed: its submission completes the
    module and the course."""
    data = course_json()
    data["modules"] = [data["modules"][2]]
    data["modules"][0]["units"][0]["moveOn"] = "Completed"
    return parse_manifest(json.dumps(data).encode())


def assert_satisfied_once(store: Store, profile_id: str, course: Course) -> None:
    assert store.progress.course(profile_id, course).satisfied
    targets = satisfied_targets(store, profile_id)
    assert sorted(targets) == sorted(
        [st.module_iri(course, course.modules[0]), st.course_iri(course)]
    )


def test_an_expired_attempt_of_a_completed_exam_queues_satisfied_once(tmp_path: Path) -> None:
    course = exam_only_course()
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    awa = store.profiles.add("Awa", "fr").id
    store.events.course_launched(awa, course)
    exam = store.events.unit_opened(awa, course, "e1")
    attempt = store.assessments.exam_started(exam)
    store.assessments.exam_answer(exam, attempt.id, "eq1", "a")
    clock.advance(601)  # Cartable was closed as the time ran out
    courses = {course.id: course}.get
    (done,) = store.submit_expired_exams(awa, courses=courses)
    assert done.state == "submitted"
    assert_satisfied_once(store, awa, course)
    # nothing later queues it again: another launch, the exam reopened, its grade
    assert store.submit_expired_exams(awa, courses=courses) == []
    store.events.course_launched(awa, course)
    again = store.events.unit_opened(awa, course, "e1")
    store.events.unit_closed(again)
    store.assessments.record_exam_result(awa, attempt.registration, True, 0.9, course=course)
    assert_satisfied_once(store, awa, course)


def test_the_exam_views_course_is_enough(tmp_path: Path) -> None:
    """The exam view gives its own course (time up while answering)."""
    course = exam_only_course()
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    awa = store.profiles.add("Awa", "fr").id
    exam = store.events.unit_opened(awa, course, "e1")
    store.assessments.exam_started(exam)
    clock.advance(601)
    (done,) = store.assessments.submit_expired(
        awa, courses=lambda course_id: course if course_id == course.id else None
    )
    assert done.state == "submitted"
    assert_satisfied_once(store, awa, course)


def test_an_imported_attempt_timed_out_queues_satisfied(tmp_path: Path) -> None:
    start = 1_800_000_000.0
    store, awa, _clock = new_laptop(tmp_path, start, start + 86_400)  # the next day
    course = exam_only_course()
    unit = course.unit("e1")
    store.assessments.limit_imported_attempts(awa, course.id, unit)  # type: ignore[arg-type]
    (done,) = store.assessments.submit_expired(awa, courses={course.id: course}.get)
    assert done.state == "submitted"
    assert_satisfied_once(store, awa, course)


def test_without_the_course_the_attempt_is_still_submitted(tmp_path: Path) -> None:
    course = exam_only_course()
    clock = FakeClock()
    store = open_store(tmp_path, clock)
    awa = store.profiles.add("Awa", "fr").id
    exam = store.events.unit_opened(awa, course, "e1")
    store.assessments.exam_started(exam)
    clock.advance(601)
    (done,) = store.submit_expired_exams(awa)
    assert done.state == "submitted"
