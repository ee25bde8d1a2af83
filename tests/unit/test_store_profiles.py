"""Profiles: names, PINs, accounts, removal, and no profile ever reading another's records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from player.store import Store
from player.store import statements as st
from player.store.attempts import AttemptError
from player.store.profiles import ProfileError, UndeliveredRecords
from player.store.sessions import SessionClosed
from tests.unit.test_store_helpers import FakeClock, make_course, open_store, study_everything


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture()
def store(tmp_path: Path, clock: FakeClock) -> Store:
    return open_store(tmp_path, clock)


def test_names_are_unique_ignoring_case_and_spaces(store: Store) -> None:
    awa = store.profiles.add("  Awa   Diallo ", "fr")
    assert awa.name == "Awa Diallo" and awa.language == "fr"
    assert store.profiles.find("awa diallo").id == awa.id
    assert store.profiles.find(awa.id).id == awa.id
    with pytest.raises(ProfileError, match="already exists"):
        store.profiles.add("AWA DIALLO")
    for bad in ("", "   ", "x" * 81):
        with pytest.raises(ProfileError):
            store.profiles.add(bad)
    bruno = store.profiles.add("Bruno")
    with pytest.raises(ProfileError):
        store.profiles.rename(bruno.id, "awa diallo")
    assert store.profiles.rename(bruno.id, "Bruno M.").name == "Bruno M."
    assert store.profiles.set_language(bruno.id, "fr").language == "fr"
    assert [p.name for p in store.profiles.all()] == ["Awa Diallo", "Bruno M."]
    with pytest.raises(ProfileError):
        store.profiles.find("Chloé")


def test_pins_are_salted_hashes_checked_in_constant_time(store: Store) -> None:
    awa = store.profiles.add("Awa", pin="1234")
    bruno = store.profiles.add("Bruno", pin="1234")
    chloe = store.profiles.add("Chloé")
    hashes = dict(store.conn.execute("SELECT name, pin_hash FROM profiles").fetchall())
    assert hashes["Awa"] != hashes["Bruno"]  # salted
    assert "1234" not in hashes["Awa"] and hashes["Awa"].startswith("scrypt$")
    assert hashes["Chloé"] is None
    assert awa.has_pin and not chloe.has_pin
    assert store.profiles.check_pin(awa.id, "1234")
    assert not store.profiles.check_pin(awa.id, "1235")
    assert store.profiles.check_pin(chloe.id, "")  # no PIN, nothing to check
    for bad in ("123", "12345", "12a4", "", " 1234"):
        with pytest.raises(ProfileError):
            store.profiles.set_pin(bruno.id, bad)
    assert store.profiles.set_pin(bruno.id, "9876").has_pin
    assert store.profiles.check_pin(bruno.id, "9876") and not store.profiles.check_pin(
        bruno.id, "1234"
    )
    assert not store.profiles.set_pin(bruno.id, None).has_pin


def test_a_linked_account_names_new_statements_queued_ones_keep_theirs(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    store.events.course_launched(awa.id, course)
    linked = store.profiles.link_account(awa.id, "https://lms.univ.example.org", "awa.diallo")
    assert linked.account_linked
    store.events.course_launched(awa.id, course)
    first, second = (json.loads(r.body)["actor"] for r in store.outbox.rows(awa.id))
    assert first["account"]["homePage"].startswith(st.DEVICE_HOME_PAGE)
    assert second["account"] == {"homePage": "https://lms.univ.example.org", "name": "awa.diallo"}
    with pytest.raises(ProfileError):
        store.profiles.link_account(awa.id, "ftp://x", "a")
    device = store.profiles.unlink_account(awa.id)
    assert not device.account_linked and device.actor.name == awa.id


def test_removal_is_refused_while_records_wait_unless_forced(
    store: Store, clock: FakeClock
) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    bruno = store.profiles.add("Bruno")
    study_everything(store, clock, awa.id, course)
    study_everything(store, clock, bruno.id, course)
    bruno_rows = len(store.outbox.rows(bruno.id, limit=10_000))
    with pytest.raises(UndeliveredRecords) as refused:
        store.profiles.remove(awa.id)
    assert refused.value.waiting == store.outbox.counts(awa.id).queued
    store.outbox.mark_delivered(r.id for r in store.outbox.rows(awa.id, limit=10_000))
    store.profiles.remove(awa.id)  # everything delivered: allowed
    for table in ("unit_progress", "sessions", "enrolments", "quiz_attempts", "exam_attempts"):
        assert store.conn.execute(
            f"SELECT count(*) FROM {table} WHERE profile_id = ?", (awa.id,)
        ).fetchone() == (0,)
    assert store.outbox.counts(awa.id).total == 0
    assert len(store.outbox.rows(bruno.id, limit=10_000)) == bruno_rows
    store.profiles.remove(bruno.id, force=True)
    assert store.profiles.all() == []


def test_no_profile_reads_or_touches_anothers_records(store: Store, clock: FakeClock) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    bruno = store.profiles.add("Bruno")
    study_everything(store, clock, awa.id, course)
    session = store.events.unit_opened(awa.id, course, "q1")
    quiz = store.assessments.quiz_attempts(awa.id)[0]
    exam = store.assessments.exam_attempts(awa.id)[0]

    progress = store.progress.course(bruno.id, course)
    assert not progress.started and progress.registration is None
    assert all(not p.started for p in store.progress.summaries(bruno.id, [course]))
    assert store.progress.unit(bruno.id, course.id, "v1").segments == ()
    assert store.progress.enrolled_courses(bruno.id) == []
    assert sum(d.seconds for d in store.progress.study_time_by_day(bruno.id, 3650)) == 0
    assert store.assessments.quiz_attempts(bruno.id) == []
    assert store.assessments.exam_attempts(bruno.id) == []
    assert store.assessments.expired_exam_attempts(bruno.id) == []
    assert store.outbox.rows(bruno.id) == [] and store.outbox.counts(bruno.id).total == 0
    assert store.outbox.take_batch(bruno.id, 50, now=clock() + 1) == []
    assert store.events.open_sessions(bruno.id) == []

    with pytest.raises(AttemptError):
        store.assessments.quiz_attempt(bruno.id, quiz.id)
    with pytest.raises(AttemptError):
        store.assessments.exam_attempt(bruno.id, exam.id)
    stolen = type(session)(
        session.id, bruno.id, course, session.module, session.unit, session.registration, 0.0
    )
    with pytest.raises(SessionClosed):
        store.events.heartbeat(stolen)
    bruno_session = store.events.unit_opened(bruno.id, course, "q1")
    with pytest.raises(AttemptError):
        store.assessments.question_answered(bruno_session, quiz.id, "qa", "a")
    assert store.assessments.record_exam_result(bruno.id, exam.registration, True) is None

    exported = store.records.stats()
    by_name = {p.name: p.counts for p in exported.profiles}
    assert by_name["Bruno"].total == len(store.outbox.rows(bruno.id))
    assert store.progress.registration(bruno.id, course.id) != store.progress.registration(
        awa.id, course.id
    )
