"""Learner events: sessions, time studied, crashes, moveOn completion, course updates."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from player.course.manifest import Module
from player.store import Store
from player.store import statements as st
from player.store.progress import UnitProgress, fold
from player.store.sessions import SessionClosed, UnknownUnit
from player.store.unit_event import IDLE_CAP
from sync import outbox
from tests.unit.test_store_helpers import FakeClock, make_course, open_store


@pytest.fixture()
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture()
def store(tmp_path: Path, clock: FakeClock) -> Store:
    return open_store(tmp_path, clock)


def verbs(store: Store, profile_id: str) -> list[str]:
    return [st.verb_name(json.loads(r.body)) for r in store.outbox.rows(profile_id)]


def test_a_unit_session_is_launched_initialized_and_terminated(
    store: Store, clock: FakeClock
) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "r1")
    assert store.events.open_sessions(awa.id) == [session.id]
    clock.advance(42)
    store.events.heartbeat(session)
    store.events.unit_closed(session)
    assert verbs(store, awa.id) == ["launched", "initialized", "terminated"]
    terminated = json.loads(store.outbox.rows(awa.id)[-1].body)
    assert terminated["result"]["duration"] == "PT42S"
    assert store.events.open_sessions(awa.id) == []
    with pytest.raises(SessionClosed):
        store.events.heartbeat(session)


def test_an_unknown_unit_cannot_be_opened(store: Store) -> None:
    awa = store.profiles.add("Awa")
    with pytest.raises(UnknownUnit):
        store.events.unit_opened(awa.id, make_course(), "nope")


def test_time_between_events_is_counted_but_an_idle_gap_is_capped(
    store: Store, clock: FakeClock
) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "r1")
    clock.advance(30)
    store.events.heartbeat(session)
    clock.advance(8 * 3600)  # left open overnight
    after = store.events.heartbeat(session)
    assert after.time_spent == 30 + IDLE_CAP
    today = datetime.fromtimestamp(clock()).date()
    days = store.progress.study_time_by_day(awa.id, 2, today)
    assert sum(d.seconds for d in days) == 30 + IDLE_CAP
    assert [d.day for d in days] == [today - timedelta(days=1), today]


def test_study_time_is_split_at_local_midnight(store: Store, clock: FakeClock) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    midnight = datetime.combine(date(2027, 3, 10), datetime.min.time()).timestamp()
    clock.now = midnight - 100
    session = store.events.unit_opened(awa.id, course, "r1")
    clock.now = midnight + 150
    store.events.heartbeat(session)
    days = store.progress.study_time_by_day(awa.id, 3, date(2027, 3, 11))
    assert [(d.day.isoformat(), d.seconds) for d in days] == [
        ("2027-03-09", 100.0),
        ("2027-03-10", 150.0),
        ("2027-03-11", 0.0),
    ]


def _day_totals(store: Store) -> dict[str, float]:
    return dict(store.conn.execute("SELECT day, sum(seconds) FROM study_days GROUP BY day"))


def test_a_session_keeps_its_days_time_until_the_day_or_the_session_ends(
    store: Store, clock: FakeClock
) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    evening = datetime.combine(date(2027, 3, 10), datetime.min.time()).timestamp() + 20 * 3600
    clock.now = evening
    session = store.events.unit_opened(awa.id, course, "r1")
    for _ in range(3):
        clock.advance(40)
        store.events.heartbeat(session)
    assert _day_totals(store) == {}  # each event wrote the session row only...
    days = store.progress.study_time_by_day(awa.id, 2, date(2027, 3, 10))
    assert [d.seconds for d in days] == [0.0, 120.0]  # ...and the day's time is counted
    clock.now = evening + 14 * 3600  # the next morning: the gap is capped, all on 11 March
    store.events.heartbeat(session)
    assert _day_totals(store) == {"2027-03-10": 120.0}  # the evening joined its day
    clock.advance(30)
    store.events.unit_closed(session)
    assert _day_totals(store) == {"2027-03-10": 120.0, "2027-03-11": IDLE_CAP + 30}
    days = store.progress.study_time_by_day(awa.id, 2, date(2027, 3, 11))
    assert [d.seconds for d in days] == [120.0, IDLE_CAP + 30]


def test_the_time_of_a_crashed_session_joins_its_day_when_abandoned(
    tmp_path: Path, clock: FakeClock
) -> None:
    course = make_course()
    store = open_store(tmp_path, clock)
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "r1")
    clock.advance(50)
    store.events.heartbeat(session)
    store.close()  # killed
    store = open_store(tmp_path, clock)
    today = datetime.fromtimestamp(clock()).date()
    assert store.progress.study_time_by_day(awa.id, 1, today)[0].seconds == 50
    store.start()
    assert _day_totals(store) == {today.isoformat(): 50.0}
    assert store.progress.study_time_by_day(awa.id, 1, today)[0].seconds == 50  # not twice
    row = store.conn.execute(
        "SELECT study_day, study_seconds FROM sessions WHERE id = ?", (session.id,)
    ).fetchone()
    assert row == (None, 0.0)


def test_sessions_left_open_by_a_crash_are_abandoned_at_next_start(
    tmp_path: Path, clock: FakeClock
) -> None:
    course = make_course()
    store = open_store(tmp_path, clock)
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "v1")
    clock.advance(5)
    store.events.video_played(session, 0.0)
    clock.advance(20)
    store.events.heartbeat(session, 20.0)
    last_activity = clock()
    store.close()  # the process dies here: no unit_closed
    clock.advance(3 * 3600)
    store = open_store(tmp_path, clock)
    report = store.start()
    (abandoned,) = report.abandoned
    assert abandoned.session_id == session.id and abandoned.active_seconds == 25
    stmt = json.loads(store.outbox.rows(awa.id)[-1].body)
    assert st.verb_name(stmt) == "abandoned"
    assert stmt["result"]["duration"] == "PT25S"
    assert st.parse_timestamp(stmt["timestamp"]) == last_activity  # when it really stopped
    assert stmt["context"]["extensions"][st.CMI5_SESSION] == session.id
    assert st.CMI5_CATEGORY["id"] in {
        c["id"] for c in stmt["context"]["contextActivities"]["category"]
    }
    assert store.progress.unit(awa.id, course.id, "v1").playing_from is None
    assert store.start().abandoned == ()  # once only
    assert store.events.open_sessions(awa.id) == []


def test_a_play_cut_by_a_crash_keeps_what_was_watched_until_the_last_heartbeat(
    tmp_path: Path, clock: FakeClock
) -> None:
    course = make_course()
    store = open_store(tmp_path, clock)
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "v1")
    store.events.video_played(session, 0.0)
    clock.advance(8)
    store.events.heartbeat(session, 8.04)
    last_activity = clock()
    store.close()  # power cut while playing: no pause, no unit_closed
    clock.advance(600)
    store = open_store(tmp_path, clock)
    store.start()
    rows = [json.loads(r.body) for r in store.outbox.rows(awa.id)]
    assert [st.verb_name(s) for s in rows][-3:] == ["played", "paused", "abandoned"]
    paused = rows[-2]
    assert st.parse_timestamp(paused["timestamp"]) == last_activity
    assert paused["result"]["extensions"][st.VIDEO_TIME] == 8.04
    assert paused["result"]["extensions"][st.VIDEO_SEGMENTS] == "0[.]8.04"
    context = paused["context"]
    assert context["extensions"][st.VIDEO_LENGTH] == course.unit("v1").duration  # type: ignore[union-attr]
    assert context["extensions"][st.VIDEO_SESSION] == session.id
    assert st.VIDEO_CATEGORY["id"] in {c["id"] for c in context["contextActivities"]["category"]}
    stored = store.progress.unit(awa.id, course.id, "v1")
    assert stored.segments == ((0.0, 8.04),) and stored.playing_from is None
    assert fold(rows)[(course.id, "v1")] == stored.state  # statements and progress agree


def test_video_completion_is_queued_once_when_the_threshold_is_crossed(
    store: Store, clock: FakeClock
) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "v1")
    store.events.video_played(session, 0.0)
    assert not store.events.video_paused(session, 89.9).completed
    store.events.video_played(session, 89.9)
    assert store.events.video_paused(session, 90.0).completed
    store.events.video_played(session, 0.0)
    store.events.video_paused(session, 100.0)
    assert verbs(store, awa.id).count("completed") == 1
    assert store.progress.unit(awa.id, course.id, "v1").segments == ((0.0, 100.0),)


def test_a_deck_is_completed_when_every_page_was_seen(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "s1")
    for page in (1, 3, 3, 2):
        assert not store.events.slide_viewed(session, page).completed
    with pytest.raises(ValueError):
        store.events.slide_viewed(session, 5)
    after = store.events.slide_viewed(session, 4)
    assert after.completed and after.pages_seen == frozenset({1, 2, 3, 4})
    assert after.position == 4.0
    assert verbs(store, awa.id).count("experienced") == 5
    assert after.fraction(course.unit("s1")) == 1.0  # type: ignore[arg-type]


def test_reading_completed_twice_is_one_completion(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "r1")
    store.events.reading_completed(session)
    store.events.reading_completed(session)
    assert verbs(store, awa.id).count("completed") == 1


def test_module_and_course_completion_follow_moveon_and_are_not_stored(
    store: Store, clock: FakeClock
) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    progress = store.progress.course(awa.id, course)
    assert progress.completion == 0.0 and progress.next_unit_id == "v1" and not progress.started
    session = store.events.unit_opened(awa.id, course, "r1")
    store.events.reading_completed(session)
    progress = store.progress.course(awa.id, course)
    assert progress.modules[0].units_satisfied == 1 and not progress.modules[0].satisfied
    assert progress.next_unit_id == "v1"
    assert progress.unit("r1") is not None and progress.unit("r1").status == "completed"  # type: ignore[union-attr]
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master")}
    assert not {t for t in tables if "module" in t or "course_progress" in t}


def test_unit_satisfaction_follows_each_moveon_rule() -> None:
    done = UnitProgress("c", "u", attempted=True, completed=True)
    passed = UnitProgress("c", "u", attempted=True, success=True)
    both = UnitProgress("c", "u", attempted=True, completed=True, success=True)
    failed = UnitProgress("c", "u", attempted=True, completed=True, success=False)
    table = {
        "Completed": (True, False, True, True),
        "Passed": (False, True, True, False),
        "CompletedAndPassed": (False, False, True, False),
        "CompletedOrPassed": (True, True, True, True),
        "NotApplicable": (True, True, True, True),
    }
    for rule, expected in table.items():
        got = tuple(p.satisfied(rule) for p in (done, passed, both, failed))  # type: ignore[arg-type]
        assert got == expected, rule
    assert [p.status for p in (done, passed, both, failed)] == [
        "completed",
        "passed",
        "passed",
        "failed",
    ]
    assert UnitProgress("c", "u").status == "not_attempted"


def test_progress_survives_a_course_update_units_matched_by_id(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "r1")
    store.events.reading_completed(session)
    first = course.modules[0]
    added = dataclasses.replace(course.unit("r1"), id="r2", title="Nouvelle lecture")  # type: ignore[type-var]
    updated = dataclasses.replace(
        course,
        version="1.1.0",
        modules=(
            Module("m1", first.title, (first.units[1], added)),  # v1 removed, r2 added
            *course.modules[1:],
        ),
    )
    progress = store.progress.course(awa.id, updated)
    module = progress.modules[0]
    assert [u.unit_id for u in module.units] == ["r1", "r2"]
    assert module.units[0].completed and not module.units[1].attempted
    assert module.units_satisfied == 1 and progress.next_unit_id == "r2"


def test_a_notapplicable_unit_counts_as_done(store: Store) -> None:
    base = make_course()
    reading = dataclasses.replace(base.unit("r1"), move_on="NotApplicable")  # type: ignore[type-var]
    module = dataclasses.replace(base.modules[0], units=(base.modules[0].units[0], reading))
    course = dataclasses.replace(base, modules=(module, *base.modules[1:]))
    awa = store.profiles.add("Awa")
    assert store.progress.course(awa.id, course).modules[0].units_satisfied == 1


def test_satisfied_is_queued_the_moment_a_module_is_done(store: Store) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    video = store.events.unit_opened(awa.id, course, "v1")
    store.events.video_played(video, 0.0)
    store.events.video_paused(video, 100.0)
    assert "satisfied" not in verbs(store, awa.id)
    reading = store.events.unit_opened(awa.id, course, "r1")
    store.events.reading_completed(reading)
    statements = [json.loads(r.body) for r in store.outbox.rows(awa.id)]
    satisfied = [s for s in statements if st.verb_name(s) == "satisfied"]
    assert [s["object"]["id"] for s in satisfied] == [st.module_iri(course, course.modules[0])]
    assert st.verb_name(statements[-2]) == "completed"  # same transaction, right after


def test_a_module_satisfied_before_a_course_update_is_not_satisfied_again(
    store: Store,
) -> None:
    """Version 1.1 adds a unit to module m1, satisfied under 1.0: done, the module is satisfied
    again on screen, but cmi5 wants one `satisfied` per block in a registration (the course
    keeps its registration and its module's activity id across versions): none is sent again.
    A module first satisfied under 1.1 gets its own."""
    course = make_course()
    awa = store.profiles.add("Awa")
    for unit_id in ("v1", "r1"):
        session = store.events.unit_opened(awa.id, course, unit_id)
        if unit_id == "v1":
            store.events.video_played(session, 0.0)
            store.events.video_paused(session, 100.0)
        else:
            store.events.reading_completed(session)
        store.events.unit_closed(session)
    first = course.modules[0]
    added = dataclasses.replace(course.unit("r1"), id="r2", title="Nouvelle lecture")  # type: ignore[type-var]
    updated = dataclasses.replace(
        course,
        version="1.1.0",
        modules=(Module("m1", first.title, (*first.units, added)), *course.modules[1:]),
    )
    assert not store.progress.course(awa.id, updated).modules[0].satisfied
    reading = store.events.unit_opened(awa.id, updated, "r2")
    store.events.reading_completed(reading)
    store.events.unit_closed(reading)
    assert store.progress.course(awa.id, updated).modules[0].satisfied
    deck = store.events.unit_opened(awa.id, updated, "s1")
    for page in (1, 2, 3, 4):
        store.events.slide_viewed(deck, page)
    store.events.unit_closed(deck)
    quiz = store.events.unit_opened(awa.id, updated, "q1")
    attempt = store.assessments.quiz_started(quiz)
    store.assessments.question_answered(quiz, attempt.id, "qa", "a")
    store.assessments.question_answered(quiz, attempt.id, "qb", frozenset({"a", "b"}))
    store.assessments.quiz_finished(quiz, attempt.id)
    statements = [json.loads(r.body) for r in store.outbox.rows(awa.id)]
    satisfied = [s["object"]["id"] for s in statements if st.verb_name(s) == "satisfied"]
    assert satisfied == [st.module_iri(course, first), st.module_iri(course, course.modules[1])]


def test_summaries_of_many_courses(store: Store) -> None:
    courses = [make_course(course_id=f"c{i}") for i in range(3)]
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, courses[1], "r1")
    store.events.reading_completed(session)
    found = store.progress.summaries(awa.id, courses)
    assert [p.course_id for p in found] == ["c0", "c1", "c2"]
    assert [p.units_satisfied for p in found] == [0, 1, 0]
    assert found[1].registration == store.progress.registration(awa.id, "c1")
    assert store.progress.enrolled_courses(awa.id) == ["c1"]


def test_stored_progress_is_the_fold_of_the_statements(store: Store, clock: FakeClock) -> None:
    from tests.unit.test_store_helpers import study_everything

    course = make_course()
    awa = store.profiles.add("Awa")
    study_everything(store, clock, awa.id, course)
    rebuilt = fold(json.loads(r.body) for r in store.outbox.rows(awa.id, limit=10_000))
    for _, unit in course.units():
        stored = store.progress.unit(awa.id, course.id, unit.id)
        assert rebuilt[(course.id, unit.id)] == stored.state, unit.id


def test_a_full_disk_saves_nothing_of_the_event_and_says_so(store: Store) -> None:
    from player.store.database import WriteFailed

    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "s1")
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages + 2}")  # the disk is nearly full
    failure = None
    for i in range(2000):
        counts = store.outbox.counts(awa.id)
        unit = store.progress.unit(awa.id, course.id, "s1")
        try:
            store.events.slide_viewed(session, i % 4 + 1)
        except WriteFailed as exc:
            failure = exc
            break
    assert failure is not None and "could not be saved" in str(failure)
    assert store.outbox.counts(awa.id) == counts  # the failed event queued nothing...
    assert store.progress.unit(awa.id, course.id, "s1") == unit  # ...and changed nothing
    store.conn.execute("PRAGMA max_page_count = 1073741823")  # space again
    after = store.events.slide_viewed(session, 2)
    assert after.position == 2.0
    assert store.outbox.counts(awa.id).queued == counts.queued + 1


# -- an event starts from what the session's last event wrote, unless the file changed --------


def test_an_event_sees_a_change_made_by_another_connection(store: Store, clock: FakeClock) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "v1")
    store.events.heartbeat(session, 10.0)
    store.events.heartbeat(session, 12.0)
    other = outbox.connect(store.path)  # the command line, say
    with outbox.write_transaction(other):
        other.execute(
            "UPDATE unit_progress SET time_spent = 1000, completed = 1 WHERE profile_id = ?",
            (awa.id,),
        )
    clock.advance(5)
    after = store.events.heartbeat(session)
    assert after.completed and after.time_spent == 1005 and after.position == 12.0
    with outbox.write_transaction(other):
        other.execute("UPDATE sessions SET ended_at = 1 WHERE id = ?", (session.id,))
    other.close()
    with pytest.raises(SessionClosed):
        store.events.heartbeat(session)


def test_an_event_sees_a_change_made_on_its_own_connection(store: Store, clock: FakeClock) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "r1")
    store.events.heartbeat(session, 3.0)
    with store.database.transaction():
        store.conn.execute("UPDATE unit_progress SET position = 7 WHERE profile_id = ?", (awa.id,))
    clock.advance(1)
    assert store.events.heartbeat(session).position == 7.0
    store.profiles.link_account(awa.id, "https://lms.example.org", "awa")
    after = store.events.reading_completed(session)
    assert after.completed
    last = json.loads(store.outbox.rows(awa.id)[-1].body)
    assert last["actor"]["account"] == {"homePage": "https://lms.example.org", "name": "awa"}


def test_two_sessions_of_one_unit_add_up(store: Store, clock: FakeClock) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    first = store.events.unit_opened(awa.id, course, "s1")
    second = store.events.unit_opened(awa.id, course, "s1")
    for page, session in ((1, first), (2, second), (3, first), (4, second)):
        clock.advance(10)
        store.events.slide_viewed(session, page)
    stored = store.progress.unit(awa.id, course.id, "s1")
    assert stored.completed and stored.pages_seen == {1, 2, 3, 4}
    assert stored.time_spent == 10 + 20 + 20 + 20  # each session counts from its last event
    clock.advance(10)
    assert store.events.heartbeat(first).time_spent == 70 + 20


def test_an_event_after_a_failed_one_starts_from_the_file(store: Store, clock: FakeClock) -> None:
    course = make_course()
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, course, "s1")
    store.events.slide_viewed(session, 1)
    with pytest.raises(RuntimeError), store.events.event(session) as ev:
        ev.position = 99.0
        ev.finish()
        raise RuntimeError("the caller failed after finish: rolled back")
    clock.advance(1)
    after = store.events.heartbeat(session)
    assert after.position == 1.0 and after.time_spent == 1
    assert after == store.progress.unit(awa.id, course.id, "s1")
