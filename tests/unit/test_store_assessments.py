"""Practice quiz attempts and certificate exam attempts."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from player.course.grading import InvalidResponseError
from player.store import Store
from player.store import statements as st
from player.store.assessments import Assessments
from player.store.attempts import (
    AttemptError,
    AttemptNotAllowed,
    AttemptsExhausted,
    ExamClosed,
)
from tests.unit.test_store_helpers import FakeClock, make_course, open_store


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture()
def store(tmp_path: Path, clock: FakeClock) -> Store:
    return open_store(tmp_path, clock)


def verbs(store: Store, profile_id: str) -> list[str]:
    return [st.verb_name(json.loads(r.body)) for r in store.outbox.rows(profile_id)]


# -- quizzes ----------------------------------------------------------------------------------


def test_each_quiz_answer_is_graded_and_queued_at_once(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "q1")
    attempt = store.assessments.quiz_started(session)
    assert attempt.number == 1 and not attempt.finished
    graded = store.assessments.question_answered(session, attempt.id, "qb", frozenset({"a", "c"}))
    assert graded.grade.score == 0.0  # 0.5 - 1 floors at 0
    assert graded.answer.response == "a[,]c"
    assert verbs(store, awa.id)[-1] == "answered"
    again = store.assessments.question_answered(session, attempt.id, "qb", frozenset({"a", "b"}))
    assert again.grade.correct
    stored = store.assessments.quiz_attempt(awa.id, attempt.id)
    assert [(a.question_id, a.score) for a in stored.answers] == [("qb", 1.0)]  # last one wins
    assert verbs(store, awa.id).count("answered") == 2  # both were queued: traces are history


def test_finishing_scores_unanswered_questions_as_zero(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "q1")
    attempt = store.assessments.quiz_started(session)
    store.assessments.question_answered(session, attempt.id, "qa", "a")
    finished = store.assessments.quiz_finished(session, attempt.id)
    assert finished.score == pytest.approx(1 / 3, abs=1e-6)
    assert finished.passed is False and finished.finished
    unit = store.progress.unit(awa.id, course.id, "q1")
    assert unit.completed and unit.success is False and unit.status == "failed"
    assert verbs(store, awa.id)[-2:] == ["failed", "completed"]
    with pytest.raises(AttemptError):
        store.assessments.question_answered(session, attempt.id, "qa", "b")


def test_a_pass_is_kept_after_a_later_failure(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "q1")
    first = store.assessments.quiz_started(session)
    for question, response in (("qa", "a"), ("qb", frozenset({"a", "b"})), ("qc", True)):
        store.assessments.question_answered(session, first.id, question, response)
    assert store.assessments.quiz_finished(session, first.id).passed
    second = store.assessments.quiz_started(session)
    store.assessments.quiz_finished(session, second.id)
    unit = store.progress.unit(awa.id, course.id, "q1")
    assert unit.success is True and unit.score == 1.0
    assert verbs(store, awa.id).count("completed") == 1


def test_quiz_attempts_allowed_are_enforced_and_an_open_one_resumes(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "q1")
    first = store.assessments.quiz_started(session)
    assert store.assessments.quiz_started(session).id == first.id  # resumed, not a new one
    store.assessments.quiz_finished(session, first.id)
    second = store.assessments.quiz_started(session)
    assert second.number == 2 and second.id != first.id
    store.assessments.quiz_finished(session, second.id)
    with pytest.raises(AttemptsExhausted):
        store.assessments.quiz_started(session)
    assert len(store.assessments.quiz_attempts(awa.id, course.id, "q1")) == 2


def test_a_bad_response_records_nothing(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "q1")
    attempt = store.assessments.quiz_started(session)
    before = store.outbox.counts(awa.id)
    with pytest.raises(InvalidResponseError):
        store.assessments.question_answered(session, attempt.id, "qa", "zz")
    with pytest.raises(AttemptError):
        store.assessments.question_answered(session, attempt.id, "nope", "a")
    assert store.outbox.counts(awa.id) == before


# -- exams ------------------------------------------------------------------------------------


def test_an_exam_attempt_has_its_registration_and_a_stored_deadline(
    store: Store, clock: FakeClock
) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = store.assessments.exam_started(session)
    assert attempt.state == "in_progress"
    assert attempt.registration != store.progress.registration(awa.id, course.id)
    assert attempt.deadline is not None
    assert attempt.deadline.timestamp() == pytest.approx(clock() + 600)
    assert attempt.remaining(clock() + 100) == pytest.approx(500)
    assert verbs(store, awa.id)[-1] == "attempted"


def test_exam_answers_autosave_and_survive_a_restart(tmp_path: Path, clock: FakeClock) -> None:
    course = make_course()
    store = open_store(tmp_path, clock)
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = store.assessments.exam_started(session)
    store.assessments.exam_answer(session, attempt.id, "eq1", "b")
    store.assessments.exam_answer(session, attempt.id, "eq2", "1789")
    store.assessments.exam_answer(session, attempt.id, "eq1", "a")  # changed their mind
    queued = store.outbox.counts(awa.id).queued
    store.close()  # power cut
    clock.advance(120)
    store = open_store(tmp_path, clock)
    store.start()
    session = store.events.unit_opened(awa.id, course, "e1")
    resumed = store.assessments.exam_started(session)
    assert resumed.id == attempt.id and resumed.deadline == attempt.deadline
    unit = course.unit("e1")
    assert resumed.responses(unit) == {"eq1": "a", "eq2": "1789"}  # type: ignore[arg-type]
    assert resumed.remaining(clock()) == pytest.approx(480)
    assert store.outbox.counts(awa.id).queued == queued + 3  # abandoned, launched, initialized
    store.assessments.exam_answer(session, attempt.id, "eq2", "")  # cleared
    store.assessments.exam_answer(session, attempt.id, "eq1", "a")
    store.assessments.exam_answer(session, attempt.id, "eq1", None)  # any type: None clears
    assert store.assessments.exam_attempt(awa.id, attempt.id).answers == ()
    store.assessments.exam_answer(session, attempt.id, "eq1", "a")
    assert [a.question_id for a in store.assessments.exam_attempt(awa.id, attempt.id).answers] == [
        "eq1"
    ]


def test_submit_is_one_transaction_queueing_answers_and_submission(
    store: Store, clock: FakeClock
) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = store.assessments.exam_started(session)
    store.assessments.exam_answer(session, attempt.id, "eq1", "a")
    store.assessments.exam_answer(session, attempt.id, "eq2", "1789")
    before = len(store.outbox.rows(awa.id))
    clock.advance(30)
    submitted = store.assessments.exam_submitted(session, attempt.id)
    assert submitted.state == "submitted" and submitted.submitted_at is not None
    new = [json.loads(r.body) for r in store.outbox.rows(awa.id)[before:]]
    assert [st.verb_name(s) for s in new] == ["answered", "answered", "submitted"]
    assert {s["context"]["registration"] for s in new} == {attempt.registration}
    assert store.progress.unit(awa.id, course.id, "e1").completed
    with pytest.raises(ExamClosed):
        store.assessments.exam_answer(session, attempt.id, "eq1", "b")
    with pytest.raises(ExamClosed):
        store.assessments.exam_submitted(session, attempt.id)


def test_a_failure_during_submit_leaves_the_attempt_in_progress_and_queues_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = store.assessments.exam_started(session)
    store.assessments.exam_answer(session, attempt.id, "eq1", "a")
    store.assessments.exam_answer(session, attempt.id, "eq2", "1789")
    before = store.outbox.counts(awa.id)
    real_queue = store.events.queue
    calls = []

    def failing_queue(*args: object) -> None:
        calls.append(args)
        if len(calls) == 2:
            raise OSError("disk full")
        real_queue(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(store.events, "queue", failing_queue)
    with pytest.raises(OSError):
        store.assessments.exam_submitted(session, attempt.id)
    monkeypatch.undo()
    assert store.outbox.counts(awa.id) == before
    assert store.assessments.exam_attempt(awa.id, attempt.id).state == "in_progress"
    assert store.assessments.exam_submitted(session, attempt.id).state == "submitted"


def test_the_database_itself_refuses_to_edit_a_submitted_attempt(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = store.assessments.exam_started(session)
    store.assessments.exam_answer(session, attempt.id, "eq1", "a")
    store.assessments.exam_submitted(session, attempt.id)
    for sql in (
        "UPDATE exam_answers SET response = 'b' WHERE attempt_id = ?",
        "DELETE FROM exam_answers WHERE attempt_id = ?",
        "INSERT INTO exam_answers VALUES (?, 'eq2', 'x', '{}', 0)",
        "UPDATE exam_attempts SET state = 'in_progress' WHERE id = ?",
    ):
        with pytest.raises(sqlite3.IntegrityError), store.database.transaction():
            store.conn.execute(sql, (attempt.id,))
    assert store.assessments.exam_attempt(awa.id, attempt.id).answers[0].response == "a"


def test_answers_after_the_deadline_are_refused_and_expired_attempts_submitted(
    tmp_path: Path, clock: FakeClock
) -> None:
    course = make_course()
    store = open_store(tmp_path, clock)
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = store.assessments.exam_started(session)
    store.assessments.exam_answer(session, attempt.id, "eq1", "a")
    clock.advance(601)
    with pytest.raises(ExamClosed):
        store.assessments.exam_answer(session, attempt.id, "eq2", "1789")
    store.close()
    store = open_store(tmp_path, clock)
    store.start()
    (expired,) = store.submit_expired_exams(awa.id)
    assert expired.id == attempt.id and expired.state == "submitted"
    assert [a.question_id for a in expired.answers] == ["eq1"]
    assert verbs(store, awa.id)[-2:] == ["answered", "submitted"]
    assert store.submit_expired_exams(awa.id) == []


def test_an_attempt_expired_while_closed_is_submitted_at_its_deadline(
    store: Store, clock: FakeClock
) -> None:
    course = make_course()  # e1: 600 s
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = store.assessments.exam_started(session)
    clock.advance(300)
    store.assessments.exam_answer(session, attempt.id, "eq1", "a")
    clock.advance(14 * 3600)  # the lid closed; Cartable opened the next morning
    (expired,) = store.submit_expired_exams(awa.id)
    assert attempt.deadline is not None and expired.submitted_at == attempt.deadline
    submitted = json.loads(store.outbox.rows(awa.id)[-1].body)
    assert st.verb_name(submitted) == "submitted"
    assert st.parse_timestamp(submitted["timestamp"]) == attempt.deadline.timestamp()
    assert submitted["result"]["duration"] == "PT10M"
    assert submitted["result"]["extensions"] == {st.EXT_AUTO_SUBMITTED: True}


def test_a_submit_pressed_after_the_time_ran_out_is_the_deadlines_submission(
    store: Store, clock: FakeClock
) -> None:
    course = make_course()  # e1: 600 s
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = store.assessments.exam_started(session)
    clock.advance(660)  # a minute past the limit: the view had not noticed yet
    done = store.assessments.exam_submitted(session, attempt.id)
    assert attempt.deadline is not None and done.submitted_at == attempt.deadline
    submitted = json.loads(store.outbox.rows(awa.id)[-1].body)
    assert submitted["result"]["duration"] == "PT10M"
    assert submitted["result"]["extensions"] == {st.EXT_AUTO_SUBMITTED: True}


def test_a_learners_submission_is_not_marked_automatic(store: Store, clock: FakeClock) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = store.assessments.exam_started(session)
    clock.advance(90)
    store.assessments.exam_submitted(session, attempt.id)
    submitted = json.loads(store.outbox.rows(awa.id)[-1].body)
    assert submitted["result"] == {"completion": True, "duration": "PT1M30S"}
    assert st.parse_timestamp(submitted["timestamp"]) == clock()


def test_attempts_awaiting_a_grade_name_their_exam_activity(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = store.assessments.exam_started(session)
    assert store.assessments.awaiting_grades(awa.id) == {}
    store.assessments.exam_submitted(session, attempt.id)
    activity = st.unit_activity(course, course.unit("e1"))["id"]  # type: ignore[arg-type]
    assert store.assessments.awaiting_grades(awa.id) == {attempt.registration: activity}


def test_the_exam_clock_ignores_the_wall_clock_moving_while_open(
    store: Store, clock: FakeClock
) -> None:
    never_back = FakeClock(0.0)
    exams = Assessments(store.events, monotonic=never_back)
    course = make_course()  # e1: 600 s
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = exams.exam_started(session)
    assert exams.exam_clock(awa.id, attempt.id) == 600
    clock.advance(-3600)  # the learner sets the clock back an hour
    never_back.advance(100)
    assert exams.exam_clock(awa.id, attempt.id) == 500
    clock.advance(7200)  # NTP puts it right: an hour ahead of where it was
    never_back.advance(100)
    exams.exam_answer(session, attempt.id, "eq1", "a")  # not refused: 400 s are left
    assert exams.exam_clock(awa.id, attempt.id) == 400
    assert exams.expired_exam_attempts(awa.id) == []
    never_back.advance(401)
    with pytest.raises(ExamClosed):
        exams.exam_answer(session, attempt.id, "eq2", "1789")
    (expired,) = exams.submit_expired(awa.id)
    assert expired.state == "submitted"
    submitted = json.loads(store.outbox.rows(awa.id)[-1].body)
    assert submitted["result"]["duration"] == "PT10M"


def test_time_closed_counts_by_the_wall_clock_never_going_back(
    store: Store, clock: FakeClock
) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    first = Assessments(store.events, monotonic=FakeClock(0.0))
    attempt = first.exam_started(session)
    started = clock()
    clock.advance(100)
    first.monotonic = FakeClock(100.0)  # the same run, 100 s later
    assert first.exam_clock(awa.id, attempt.id, save=True) == 500  # Cartable closes
    clock.advance(50)  # closed 50 s
    second = Assessments(store.events, monotonic=FakeClock(7.0))  # a new run, a new count
    assert second.exam_clock(awa.id, attempt.id, save=True) == 450
    clock.advance(-1000)  # set back while closed: no time is given back
    assert Assessments(store.events, monotonic=FakeClock(0.0)).exam_clock(awa.id, attempt.id) == 450
    clock.advance(1000 + 500)  # back on time, and 500 s closed since the last wall time seen
    last = Assessments(store.events, monotonic=FakeClock(0.0))
    assert last.exam_clock(awa.id, attempt.id) == -50
    (expired,) = last.submit_expired(awa.id)
    assert expired.state == "submitted"
    submitted = json.loads(store.outbox.rows(awa.id)[-1].body)
    assert st.parse_timestamp(submitted["timestamp"]) == started + 600, "when the time ran out"


def test_migration_6_keeps_the_clock_of_an_exam_in_progress(tmp_path: Path) -> None:
    from player.store import migrations
    from sync import outbox

    path = tmp_path / "records" / "cartable.sqlite3"
    path.parent.mkdir(parents=True)
    conn = outbox.connect(path)
    migrations.migrate(conn, target=5)
    conn.execute("PRAGMA foreign_keys = OFF")  # the attempt alone, without its profile
    conn.execute(
        "INSERT INTO exam_attempts (id, profile_id, course_id, unit_id, number, registration,"
        " state, seed, started_at, deadline, activity, context) VALUES"
        " ('a', 'p', 'c', 'e1', 1, 'r', 'in_progress', 7, 1000, 1600, '{}', '{}')"
    )
    conn.commit()
    migrations.migrate(conn)
    row = conn.execute("SELECT time_limit, clock_seen_at, deadline FROM exam_attempts").fetchone()
    assert row == (600, 1000, 1600)
    conn.close()


def test_exam_attempts_allowed_are_enforced(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    for _ in range(2):
        attempt = store.assessments.exam_started(session)
        store.assessments.exam_submitted(session, attempt.id)
        with pytest.raises(AttemptNotAllowed, match="waiting for its grade"):
            store.assessments.exam_started(session)
        store.assessments.record_exam_result(awa.id, attempt.registration, False, 0.3)
    with pytest.raises(AttemptsExhausted):
        store.assessments.exam_started(session)


def test_no_new_exam_attempt_once_the_exam_is_passed(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = store.assessments.exam_started(session)
    store.assessments.exam_submitted(session, attempt.id)
    store.assessments.record_exam_result(awa.id, attempt.registration, True, 0.9)
    with pytest.raises(AttemptNotAllowed, match="is passed"):
        store.assessments.exam_started(session)
    assert len(store.assessments.exam_attempts(awa.id)) == 1


def test_the_grade_comes_back_and_satisfies_the_course(store: Store, clock: FakeClock) -> None:
    from tests.unit.test_store_helpers import study_everything

    course = make_course()
    awa = store.profiles.add("Awa")
    study_everything(store, clock, awa.id, course)
    (attempt,) = store.assessments.exam_attempts(awa.id)
    assert attempt.state == "submitted"
    assert not store.progress.course(awa.id, course).satisfied
    grade = {"passed": True, "score": 0.85}
    graded = store.assessments.record_exam_result(
        awa.id, attempt.registration, **grade, course=course, statement=b'{"id":"g"}'
    )
    assert graded is not None and graded.state == "graded" and graded.passed
    assert graded.score == 0.85
    unit = store.progress.unit(awa.id, course.id, "e1")
    assert unit.status == "passed"
    assert store.progress.course(awa.id, course).satisfied
    statements = [json.loads(r.body) for r in store.outbox.rows(awa.id, limit=10_000)]
    satisfied = [s["object"]["id"] for s in statements if st.verb_name(s) == "satisfied"]
    assert satisfied[-2:] == [st.module_iri(course, course.modules[2]), st.course_iri(course)]
    count = store.outbox.counts(awa.id).total
    assert store.assessments.record_exam_result(awa.id, attempt.registration, **grade) == graded
    assert store.outbox.counts(awa.id).total == count  # the same grade twice changes nothing


def test_a_result_for_an_unknown_or_foreign_registration_changes_nothing(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    bruno = store.profiles.add("Bruno")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = store.assessments.exam_started(session)
    assert store.assessments.record_exam_result(awa.id, "not-a-registration", True) is None
    assert store.assessments.record_exam_result(bruno.id, attempt.registration, True) is None
    assert store.assessments.exam_attempt(awa.id, attempt.id).state == "in_progress"


def grade_statement(timestamp: str, stored: str | None = None) -> bytes:
    """A grader's statement as the pull keeps it (only what orders grades matters here)."""
    return json.dumps({"timestamp": timestamp, "stored": stored or timestamp}).encode()


def test_a_graded_attempt_is_read_again_for_a_regrade_until_its_window_ends(
    store: Store, clock: FakeClock
) -> None:
    """An attempt graded stays among those whose grade the LRS may change, from its grade on
    (a regrade restarts it), and only then: an old grade costs no request."""
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = store.assessments.exam_started(session)
    assert store.assessments.grades_to_read(awa.id, 0.0) == {}  # in progress: nothing to read
    store.assessments.exam_submitted(session, attempt.id)
    activity = st.unit_activity(course, course.unit("e1"))["id"]  # type: ignore[arg-type]
    wanted = {attempt.registration: activity}
    assert store.assessments.grades_to_read(awa.id, clock() + 1e9) == wanted  # waiting
    clock.advance(60)
    graded_at = clock()
    store.assessments.record_exam_result(awa.id, attempt.registration, True, 0.85)
    assert store.assessments.grades_to_read(awa.id, graded_at - 1) == wanted
    assert store.assessments.grades_to_read(awa.id, graded_at) == {}
    clock.advance(60)  # regraded: read again from this grade on
    store.assessments.record_exam_result(awa.id, attempt.registration, False, 0.3)
    assert store.assessments.grades_to_read(awa.id, graded_at) == wanted


def test_a_grade_older_than_the_one_recorded_changes_nothing(store: Store) -> None:
    """A pull may bring an earlier grade after a later one (stored out of order, the other
    agent's read): the latest decision stays, whenever the learner synced."""
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "e1")
    attempt = store.assessments.exam_started(session)
    store.assessments.exam_submitted(session, attempt.id)
    reg = attempt.registration
    record = store.assessments.record_exam_result
    second = grade_statement("2026-03-02T10:00:00.000Z")
    record(awa.id, reg, True, 0.9, statement=second)
    graded = record(awa.id, reg, False, 0.3, statement=grade_statement("2026-03-01T10:00:00.000Z"))
    assert graded is not None and (graded.passed, graded.score) == (True, 0.9)
    # At the same timestamp, the one the LRS stored last is the correction.
    same = grade_statement("2026-03-02T10:00:00.000Z", "2026-03-02T10:05:00.000Z")
    graded = record(awa.id, reg, False, 0.4, statement=same)
    assert graded is not None and (graded.passed, graded.score) == (False, 0.4)
    assert store.progress.course(awa.id, course).unit("e1").status == "failed"  # type: ignore[union-attr]
    graded = record(awa.id, reg, True, 0.95, statement=grade_statement("2026-03-03T09:00:00Z"))
    assert graded is not None and (graded.passed, graded.score) == (True, 0.95)
    assert store.progress.course(awa.id, course).unit("e1").status == "passed"  # type: ignore[union-attr]
