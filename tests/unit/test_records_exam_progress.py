"""An exam unit is passed only by a graded attempt (the grade recorded from the LRS), whatever
the progress table says; and an exam attempt a records file brings in progress keeps the exam's
time limit from its start. Both about a records file the learner may have written by hand,
imported before the course is installed (nothing then tells the import the unit is an exam)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from player.course.manifest import parse_manifest
from player.store import Store
from player.store import statements as st
from tests.unit.test_records_import_grades import installed, records_file
from tests.unit.test_store_helpers import (
    FakeClock,
    course_json,
    make_course,
    open_store,
    study_everything,
)

Json = dict[str, Any]
QUIZ_ATTEMPT = "12345678-1234-4234-8234-123456789abc"
REGISTRATION = "94bf0980-0000-4000-8000-000000000001"


def statement(store: Store, profile_id: str, verb: str, unit_id: str, **extra: Any) -> Json:
    return {
        "id": extra.pop("id", "99999999-2222-4333-8444-555555555555"),
        "actor": store.profiles.get(profile_id).actor.to_json(),
        "verb": {"id": st.VERBS[verb]},
        "object": {"id": st.unit_iri(make_course(), unit_id)},
        "timestamp": extra.pop("timestamp", "2027-01-01T10:00:00.000Z"),
        **extra,
    }


def forged_quiz_pass(store: Store, profile_id: str) -> Json:
    """A `passed` about the exam unit, dressed as a practice quiz's result."""
    return statement(
        store,
        profile_id,
        "passed",
        "e1",
        result={"success": True, "completion": True, "score": {"scaled": 1.0}},
        context={"registration": REGISTRATION, "extensions": {st.EXT_ATTEMPT_ID: QUIZ_ATTEMPT}},
    )


def satisfied_targets(store: Store, profile_id: str) -> list[str]:
    bodies = [json.loads(r.body) for r in store.outbox.iter_rows(profile_id)]
    return [b["object"]["id"] for b in bodies if st.verb_name(b) == "satisfied"]


def test_a_forged_quiz_pass_about_an_exam_never_passes_it_once_the_course_is_installed(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    store = open_store(tmp_path / "db", clock)
    awa = store.profiles.add("Awa", "fr").id
    path = records_file(tmp_path / "f.json", [forged_quiz_pass(store, awa)])
    store.records.import_file(awa, path)  # the course is not installed: no exam named
    course = make_course()  # installed now

    progress = store.progress.course(awa, course)
    exam = progress.unit("e1")
    assert exam is not None and exam.success is None and exam.status != "passed"
    assert not exam.completed
    assert not progress.modules[2].satisfied and not progress.satisfied
    (summary,) = store.progress.summaries(awa, [course])
    assert summary.unit("e1").status != "passed"  # type: ignore[union-attr]
    assert summary.units_satisfied == 0 and not summary.modules[2].satisfied

    study_everything(store, clock, awa, course)  # every other unit done, the exam submitted
    progress = store.progress.course(awa, course)
    assert progress.unit("e1").status == "completed"  # type: ignore[union-attr]
    assert not progress.satisfied and progress.next_unit_id == "e1"
    targets = satisfied_targets(store, awa)
    assert st.course_iri(course) not in targets
    assert st.module_iri(course, course.modules[2]) not in targets

    (attempt,) = store.assessments.exam_attempts(awa)
    store.assessments.record_exam_result(awa, attempt.registration, True, 0.9, course=course)
    progress = store.progress.course(awa, course)
    assert progress.unit("e1").status == "passed"  # type: ignore[union-attr]
    assert progress.unit("e1").score == 0.9  # type: ignore[union-attr]
    assert progress.satisfied
    targets = satisfied_targets(store, awa)
    assert st.course_iri(course) in targets and st.module_iri(course, course.modules[2]) in targets


def test_a_failed_grade_is_what_the_exam_shows_whatever_the_table_says(tmp_path: Path) -> None:
    clock = FakeClock()
    store = open_store(tmp_path / "db", clock)
    awa = store.profiles.add("Awa", "fr").id
    store.records.import_file(
        awa, records_file(tmp_path / "f.json", [forged_quiz_pass(store, awa)])
    )
    course = make_course()
    study_everything(store, clock, awa, course)
    (attempt,) = store.assessments.exam_attempts(awa)
    store.assessments.record_exam_result(awa, attempt.registration, False, 0.2, course=course)
    progress = store.progress.course(awa, course)
    assert progress.unit("e1").status == "failed"  # type: ignore[union-attr]
    assert not progress.satisfied


def test_quiz_results_from_a_file_still_count(tmp_path: Path) -> None:
    store = open_store(tmp_path / "db", FakeClock())
    awa = store.profiles.add("Awa", "fr").id
    passed = forged_quiz_pass(store, awa)
    passed["object"]["id"] = st.unit_iri(make_course(), "q1")
    path = records_file(tmp_path / "f.json", [passed])
    store.records.import_file(awa, path, **installed(make_course()))
    assert store.progress.course(awa, make_course()).unit("q1").status == "passed"  # type: ignore[union-attr]


# -- an exam attempt a file brings in progress --------------------------------------------------


def attempted(store: Store, profile_id: str, timestamp: str) -> Json:
    """What the old laptop queued when the exam started (its answers are not queued until
    submission): an `attempted` with the attempt's registration and the exam extension."""
    return statement(
        store,
        profile_id,
        "attempted",
        "e1",
        id="99999999-2222-4333-8444-000000000001",
        timestamp=timestamp,
        context={
            "registration": REGISTRATION,
            "extensions": {st.EXT_EXAM: True, st.EXT_ATTEMPT: 1},
        },
    )


def new_laptop(tmp_path: Path, started: float, now: float) -> tuple[Store, str, FakeClock]:
    clock = FakeClock(now)
    store = open_store(tmp_path / "db", clock)
    awa = store.profiles.add("Awa", "fr").id
    stamp = st.timestamp_text(started, started)
    store.records.import_file(
        awa, records_file(tmp_path / "f.json", [attempted(store, awa, stamp)])
    )
    return store, awa, clock


def test_an_imported_attempt_keeps_the_time_limit_from_its_start(tmp_path: Path) -> None:
    start = 1_800_000_000.0
    store, awa, clock = new_laptop(tmp_path, start, start + 120)  # 2 of the 10 minutes used
    course = make_course()
    session = store.events.unit_opened(awa, course, "e1")
    attempt = store.assessments.exam_started(session)  # the attempt in progress, resumed
    assert attempt.deadline is not None
    assert attempt.deadline.timestamp() == start + 600
    left = store.assessments.exam_clock(awa, attempt.id)
    assert left is not None and abs(left - 480) < 1
    clock.advance(481)
    assert [a.id for a in store.submit_expired_exams(awa)] == [attempt.id]


def test_an_imported_attempt_whose_time_is_up_is_submitted_when_the_exam_opens(
    tmp_path: Path,
) -> None:
    start = 1_800_000_000.0
    store, awa, _clock = new_laptop(tmp_path, start, start + 86_400)  # the next day
    course = make_course()
    unit = course.unit("e1")
    store.assessments.limit_imported_attempts(awa, course.id, unit)  # type: ignore[arg-type]
    (attempt,) = store.assessments.exam_attempts(awa)
    assert attempt.deadline is not None and attempt.deadline.timestamp() == start + 600
    (done,) = store.submit_expired_exams(awa)
    assert done.state == "submitted"


def test_a_hand_made_attempt_from_the_future_gets_no_extra_time(tmp_path: Path) -> None:
    now = 1_800_000_000.0
    store, awa, clock = new_laptop(tmp_path, now + 30 * 86_400, now)
    clock.advance(3600)  # the exam opened an hour after the import
    course = make_course()
    session = store.events.unit_opened(awa, course, "e1")
    attempt = store.assessments.exam_started(session)
    assert attempt.deadline is not None and attempt.deadline.timestamp() <= now + 600


def test_an_exam_whose_move_on_is_completed_is_satisfied_by_its_submission(
    tmp_path: Path,
) -> None:
    """Counted by its attempts, an exam still satisfies moveOn Completed when submitted."""
    data = course_json()
    data["modules"][2]["units"][0]["moveOn"] = "Completed"
    course = parse_manifest(json.dumps(data).encode())
    clock = FakeClock()
    store = open_store(tmp_path / "db", clock)
    awa = store.profiles.add("Awa", "fr").id
    study_everything(store, clock, awa, course)
    assert store.progress.course(awa, course).satisfied
    targets = satisfied_targets(store, awa)
    assert targets.count(st.course_iri(course)) == 1
    assert targets.count(st.module_iri(course, course.modules[2])) == 1
