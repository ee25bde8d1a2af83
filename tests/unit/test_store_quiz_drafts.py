"""Practice quiz answers given and not checked yet (`quiz_drafts`, migration 9): kept in the
records file across a restart, never a statement, dropped when the question is checked or the
attempt finished, with the profile, and left out of a records file."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from player.store import Store
from player.store.attempts import AttemptError
from tests.unit.test_records_import_grades import installed
from tests.unit.test_store_helpers import FakeClock, make_course, open_store


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock()


def draft_rows(store: Store) -> list[tuple[str, str, str]]:
    return store.conn.execute(
        "SELECT attempt_id, question_id, response FROM quiz_drafts ORDER BY question_id"
    ).fetchall()


def test_a_draft_survives_a_restart_and_is_no_event(tmp_path: Path, clock: FakeClock) -> None:
    course = make_course()
    store = open_store(tmp_path, clock)
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "q1")
    attempt = store.assessments.quiz_started(session)
    queued = store.outbox.counts(awa.id)
    unit = store.progress.unit(awa.id, course.id, "q1")
    sessions = store.conn.execute("SELECT * FROM sessions").fetchall()

    assert store.assessments.save_quiz_draft(session, attempt.id, "qa", "b")
    clock.advance(5)
    assert store.assessments.save_quiz_draft(session, attempt.id, "qa", "a")  # the last wins
    assert store.assessments.save_quiz_draft(session, attempt.id, "qb", "a[,]c")
    assert store.assessments.save_quiz_draft(session, attempt.id, "qc", "true")
    assert store.assessments.save_quiz_draft(session, attempt.id, "qc", "  ")  # erased: gone

    assert store.outbox.counts(awa.id) == queued, "a draft is not a statement"
    assert store.progress.unit(awa.id, course.id, "q1") == unit, "nor progress"
    assert store.conn.execute("SELECT * FROM sessions").fetchall() == sessions, "nor activity"
    store.close()  # the power goes

    again = open_store(tmp_path, clock)
    drafts = again.assessments.quiz_drafts(awa.id, attempt.id)
    assert {q: d.response for q, d in drafts.items()} == {"qa": "a", "qb": "a[,]c"}
    assert drafts["qa"].saved_at == datetime.fromtimestamp(clock.now, UTC)
    assert again.assessments.quiz_attempt(awa.id, attempt.id).answers == ()
    assert again.assessments.quiz_drafts("someone-else", attempt.id) == {}
    again.close()


def test_checking_a_question_drops_its_draft_and_a_checked_one_takes_none(
    tmp_path: Path, clock: FakeClock
) -> None:
    course = make_course()
    store = open_store(tmp_path, clock)
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "q1")
    attempt = store.assessments.quiz_started(session)
    store.assessments.save_quiz_draft(session, attempt.id, "qa", "b")
    store.assessments.save_quiz_draft(session, attempt.id, "qb", "a")
    store.assessments.question_answered(session, attempt.id, "qa", "a")
    assert set(store.assessments.quiz_drafts(awa.id, attempt.id)) == {"qb"}
    # a draft saved late (the typing pause after the check) never comes back over the answer
    assert not store.assessments.save_quiz_draft(session, attempt.id, "qa", "b")
    assert set(store.assessments.quiz_drafts(awa.id, attempt.id)) == {"qb"}
    store.close()


def test_finishing_drops_every_draft_and_then_takes_none(tmp_path: Path, clock: FakeClock) -> None:
    course = make_course()
    store = open_store(tmp_path, clock)
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "q1")
    attempt = store.assessments.quiz_started(session)
    store.assessments.save_quiz_draft(session, attempt.id, "qb", "a")
    store.assessments.save_quiz_draft(session, attempt.id, "qc", "false")
    finished = store.assessments.quiz_finished(session, attempt.id)
    assert finished.score == 0.0, "a draft is not an answer: it scores nothing"
    assert draft_rows(store) == []
    with pytest.raises(AttemptError):
        store.assessments.save_quiz_draft(session, attempt.id, "qb", "a")
    second = store.assessments.quiz_started(session)
    assert store.assessments.quiz_drafts(awa.id, second.id) == {}, "a new attempt starts blank"
    store.close()


def test_a_draft_goes_only_to_the_profiles_open_attempt_of_this_quiz(
    tmp_path: Path, clock: FakeClock
) -> None:
    course = make_course()
    store = open_store(tmp_path, clock)
    awa = store.profiles.add("Awa")
    bruno = store.profiles.add("Bruno")
    session = store.events.unit_opened(awa.id, course, "q1")
    attempt = store.assessments.quiz_started(session)
    theirs = store.events.unit_opened(bruno.id, course, "q1")
    with pytest.raises(AttemptError):
        store.assessments.save_quiz_draft(theirs, attempt.id, "qa", "a")  # not Bruno's
    with pytest.raises(AttemptError):
        store.assessments.save_quiz_draft(session, attempt.id, "nope", "a")
    with pytest.raises(AttemptError):
        store.assessments.save_quiz_draft(session, "no-such-attempt", "qa", "a")
    exam = store.events.unit_opened(awa.id, course, "e1")
    with pytest.raises(AttemptError):
        store.assessments.save_quiz_draft(exam, attempt.id, "qa", "a")
    assert draft_rows(store) == []
    store.close()


def test_removing_a_profile_removes_its_drafts_only(tmp_path: Path, clock: FakeClock) -> None:
    course = make_course()
    store = open_store(tmp_path, clock)
    awa = store.profiles.add("Awa")
    bruno = store.profiles.add("Bruno")
    mine = store.events.unit_opened(awa.id, course, "q1")
    theirs = store.events.unit_opened(bruno.id, course, "q1")
    a = store.assessments.quiz_started(mine)
    b = store.assessments.quiz_started(theirs)
    store.assessments.save_quiz_draft(mine, a.id, "qa", "a")
    store.assessments.save_quiz_draft(theirs, b.id, "qa", "b")
    store.profiles.remove(awa.id, force=True)
    assert draft_rows(store) == [(b.id, "qa", "b")]
    assert store.database.integrity_check() == []
    store.close()


def test_a_records_file_leaves_drafts_out_and_its_answers_drop_them(
    tmp_path: Path, clock: FakeClock
) -> None:
    """The learner moves between two laptops: the drafts of one stay on it; an answer (or the
    result) of the same attempt imported from the other drops the draft, as checking would."""
    course = make_course()
    first = open_store(tmp_path / "first", clock)
    awa = first.profiles.add("Awa")
    session = first.events.unit_opened(awa.id, course, "q1")
    attempt = first.assessments.quiz_started(session)
    first.assessments.question_answered(session, attempt.id, "qa", "a")
    first.assessments.save_quiz_draft(session, attempt.id, "qb", "kept-on-this-laptop")
    early = tmp_path / "early.json"
    report = first.records.export(awa.id, early)
    text = early.read_text()
    assert "kept-on-this-laptop" not in text and "draft" not in text
    assert report.statements == first.outbox.counts(awa.id).total

    second = open_store(tmp_path / "second", clock)
    other = second.profiles.add("Awa")
    second.records.import_file(other.id, early, **installed(course))
    there = second.events.unit_opened(other.id, course, "q1")
    resumed = second.assessments.quiz_started(there)
    assert resumed.id == attempt.id, "the attempt continues on the second laptop"
    assert second.assessments.quiz_drafts(other.id, attempt.id) == {}, "no draft travelled"
    second.assessments.save_quiz_draft(there, attempt.id, "qb", "a")
    second.assessments.save_quiz_draft(there, attempt.id, "qc", "true")

    clock.advance(60)  # back on the first laptop: qb checked, the attempt finished
    first.assessments.question_answered(session, attempt.id, "qb", frozenset({"a", "b"}))
    first.assessments.quiz_finished(session, attempt.id)
    late = tmp_path / "late.json"
    first.records.export(awa.id, late)
    assert json.loads(late.read_text())["statements"]

    second.records.import_file(other.id, late, **installed(course))
    assert second.assessments.quiz_attempt(other.id, attempt.id).finished
    assert draft_rows(second) == [], "the imported answer and result dropped both drafts"
    first.close()
    second.close()
