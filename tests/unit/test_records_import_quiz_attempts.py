"""Practice quiz attempts come back from a records file as the recorder wrote them: one finished
with no answer too (only its `failed` names it), each starting when the learner started it, so
the quiz's attempts left on the new laptop are those left on the old one."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from player.store import Store
from player.store import statements as st
from player.store.attempts import AttemptsExhausted, QuizAttempt
from player.store.ids import new_uuid
from tests.unit.test_records_import_grades import installed
from tests.unit.test_store_events import verbs
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


def two_attempts(tmp_path: Path, clock: FakeClock) -> tuple[Store, str, QuizAttempt]:
    """On the old laptop: the quiz's first attempt finished with no answer, the second one
    answered and left open (its `passed`/`failed` not written yet)."""
    old = open_store(tmp_path / "old", clock)
    course = make_course()
    awa = old.profiles.add("Awa", "fr").id
    old.events.course_launched(awa, course)
    quiz = old.events.unit_opened(awa, course, "q1")
    empty = old.assessments.quiz_started(quiz)
    clock.advance(7)
    old.assessments.quiz_finished(quiz, empty.id)
    second = old.assessments.quiz_started(quiz)
    clock.advance(4)
    old.assessments.question_answered(quiz, second.id, "qa", "a")
    return old, awa, second


def test_a_quiz_started_after_a_gap_in_its_numbers_takes_the_next_number(
    tmp_path: Path,
) -> None:
    """A gap: a database whose import lost the empty first attempt (Cartable before 37e6053
    made attempts from answers alone, each keeping its own number). The count of attempts
    (1) + 1 was the number the second attempt holds: UNIQUE constraint failed."""
    clock = FakeClock()
    old, awa, second = two_attempts(tmp_path, clock)
    quiz = old.events.unit_opened(awa, make_course(), "q1")
    old.assessments.quiz_finished(quiz, second.id)
    new, awa_new = moved(tmp_path, old, awa)
    new.conn.execute("DELETE FROM quiz_attempts WHERE number = 1")  # lost by the old import
    assert [a.number for a in new.assessments.quiz_attempts(awa_new)] == [2]

    quiz = new.events.unit_opened(awa_new, make_course(), "q1")
    third = new.assessments.quiz_started(quiz)

    assert third.number == 3
    assert [a.number for a in new.assessments.quiz_attempts(awa_new)] == [2, 3]


def test_an_exam_started_after_a_gap_in_its_numbers_takes_the_next_number(
    tmp_path: Path,
) -> None:
    """Numbers with a gap (an import keeps an attempt's own number when it is free: a file
    naming the exam's second attempt alone): the count + 1 was a number taken."""
    store = open_store(tmp_path / "store", FakeClock())
    course = make_course()
    awa = store.profiles.add("Awa").id
    session = store.events.unit_opened(awa, course, "e1")
    attempt = store.assessments.exam_started(session)
    store.assessments.exam_submitted(session, attempt.id)
    store.conn.execute("UPDATE exam_attempts SET number = 2, state = 'graded', passed = 0")

    started = store.assessments.exam_started(session)

    assert started.number == 3


def test_an_attempt_finished_elsewhere_stays_finished_when_its_course_is_not_installed(
    tmp_path: Path,
) -> None:
    """The command says to install the course, then import the file again: the grades to send
    are not taken before. Their attempts still end as on the old laptop: the second one was
    left open, resumed here with the answers kept and given a second result of its own; the
    first one was missing (no answer made it), and its number was the next one's."""
    clock = FakeClock()
    old, awa, second = two_attempts(tmp_path, clock)
    course = make_course()
    quiz = old.events.unit_opened(awa, course, "q1")
    clock.advance(60)
    old.assessments.quiz_finished(quiz, second.id)
    path = tmp_path / "awa.json"
    old.records.export(awa, path)
    new = open_store(tmp_path / "new", FakeClock(1_900_000_000.0))
    awa_new = new.profiles.add("Awa").id

    report = new.records.import_file(awa_new, path)  # the course is not installed yet

    assert report.grades_unverified == 2
    assert not any(v in ("passed", "failed") for v in verbs(new, awa_new))
    before = [recorded(a) for a in old.assessments.quiz_attempts(awa)]
    assert [recorded(a) for a in new.assessments.quiz_attempts(awa_new)] == before
    quiz = new.events.unit_opened(awa_new, course, "q1")  # installed now
    with pytest.raises(AttemptsExhausted):  # both used, as on the old laptop
        new.assessments.quiz_started(quiz)
    new.events.unit_closed(quiz)

    again = new.records.import_file(awa_new, path, **installed(course))

    assert again.grades_unverified == 0
    assert verbs(new, awa_new).count("failed") + verbs(new, awa_new).count("passed") == 2
    assert [recorded(a) for a in new.assessments.quiz_attempts(awa_new)] == before


def test_an_attempt_s_start_does_not_depend_on_how_its_records_came(tmp_path: Path) -> None:
    """Exported mid-attempt and imported, then exported once finished and imported again: the
    second import brings the result alone (the answers are here), whose duration says when
    the attempt started. Before, the attempt started at its first answer here, and at its
    start when both files came as one."""
    clock = FakeClock()
    old, awa, second = two_attempts(tmp_path, clock)
    course = make_course()
    first = tmp_path / "first.json"
    old.records.export(awa, first)  # mid-attempt
    clock.advance(60)
    quiz = old.events.unit_opened(awa, course, "q1")
    old.assessments.quiz_finished(quiz, second.id)
    final = tmp_path / "final.json"
    old.records.export(awa, final)
    new = open_store(tmp_path / "new", FakeClock(1_900_000_000.0))
    awa_new = new.profiles.add("Awa").id

    new.records.import_file(awa_new, first, **installed(course))
    new.records.import_file(awa_new, final, **installed(course))

    assert [recorded(a) for a in new.assessments.quiz_attempts(awa_new)] == [
        recorded(a) for a in old.assessments.quiz_attempts(awa)
    ]


def test_the_learner_s_own_records_import_after_her_clock_was_set_right(
    tmp_path: Path,
) -> None:
    """A laptop back at 2000-01-01 after its clock battery died, set right (NTP) while a quiz
    was open: the attempt lasted 26 years by the clock. The recorder writes ten years at most
    (77a381e), and the learner's own file imports."""
    clock = FakeClock(946_684_800.0)
    old = open_store(tmp_path / "old", clock)
    course = make_course()
    awa = old.profiles.add("Awa").id
    old.events.course_launched(awa, course)
    quiz = old.events.unit_opened(awa, course, "q1")
    attempt = old.assessments.quiz_started(quiz)
    old.assessments.question_answered(quiz, attempt.id, "qa", "a")
    clock.now = 1_790_000_000.0
    old.assessments.quiz_finished(quiz, attempt.id)
    old.events.unit_closed(quiz)
    path = tmp_path / "awa.json"
    old.records.export(awa, path)
    durations = [
        st.parse_duration(s["result"]["duration"])
        for s in json.loads(path.read_text())["statements"]
        if "duration" in s.get("result", {})
    ]
    assert max(durations) == st.MAX_DURATION
    new = open_store(tmp_path / "new", FakeClock(1_800_000_000.0))
    awa_new = new.profiles.add("Awa").id

    report = new.records.import_file(awa_new, path, **installed(course))

    assert report.added == report.statements  # taken whole
    (imported,) = new.assessments.quiz_attempts(awa_new)
    assert imported.finished_at == old.assessments.quiz_attempt(awa, attempt.id).finished_at
    assert imported.score == old.assessments.quiz_attempt(awa, attempt.id).score


def _uncapped(seconds: float) -> str:
    """`duration_text` before 77a381e, which capped nothing."""
    centis = max(0, round(seconds * 100))
    hours, rest = divmod(centis, 360_000)
    minutes, rest = divmod(rest, 6_000)
    secs = f"{rest // 100}.{rest % 100:02d}".rstrip("0").rstrip(".")
    text = "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "")
    return text + (f"{secs}S" if rest or text == "PT" else "")


def test_an_older_cartable_s_clock_jump_still_imports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review r5 finding 1: a Cartable before 77a381e wrote the 26 years of a clock set right
    as they were; its outbox keeps those bytes, and the export copies them. The learner's own
    file is taken, and the time it adds is at most `MAX_DURATION`."""
    monkeypatch.setattr(st, "duration_text", _uncapped)  # the recorder as it was
    clock = FakeClock(946_684_800.0)  # 2000-01-01: a dead clock battery
    old = open_store(tmp_path / "old", clock)
    course = make_course()
    awa = old.profiles.add("Awa").id
    old.events.course_launched(awa, course)
    quiz = old.events.unit_opened(awa, course, "q1")
    attempt = old.assessments.quiz_started(quiz)
    old.assessments.question_answered(quiz, attempt.id, "qa", "a")
    clock.now = 1_790_000_000.0  # set right while the quiz was open
    old.assessments.quiz_finished(quiz, attempt.id)
    old.events.unit_closed(quiz)
    monkeypatch.undo()  # Cartable updated; the outbox keeps the old bytes
    path = tmp_path / "awa.json"
    old.records.export(awa, path)
    assert "PT234" in path.read_text()  # 234 000 hours and more: 26 years
    new = open_store(tmp_path / "new", FakeClock(1_800_000_000.0))
    awa_new = new.profiles.add("Awa").id

    report = new.records.import_file(awa_new, path, **installed(course))

    assert report.added == report.statements  # taken whole
    (imported,) = new.assessments.quiz_attempts(awa_new)
    assert imported.finished_at == old.assessments.quiz_attempt(awa, attempt.id).finished_at
    studied = new.conn.execute("SELECT sum(seconds) FROM study_days").fetchone()[0] or 0
    assert studied <= st.MAX_DURATION
    spent = new.conn.execute("SELECT max(time_spent) FROM unit_progress").fetchone()[0]
    assert spent <= st.MAX_DURATION


def test_a_duration_an_import_takes_adds_at_most_ten_years(tmp_path: Path) -> None:
    """The check takes up to a hundred years (what an older Cartable could write); what ingest
    counts of one is `MAX_DURATION` at most: a session's time studied, a result's start."""
    clock = FakeClock()
    old = open_store(tmp_path / "old", clock)
    course = make_course()
    awa = old.profiles.add("Awa").id
    old.events.course_launched(awa, course)
    video = old.events.unit_opened(awa, course, "v1")
    clock.advance(30)
    old.events.unit_closed(video)
    quiz = old.events.unit_opened(awa, course, "q1")
    attempt = old.assessments.quiz_started(quiz)
    clock.advance(30)
    old.assessments.quiz_finished(quiz, attempt.id)  # no answer: its result alone makes it
    path = tmp_path / "awa.json"
    old.records.export(awa, path)
    data = json.loads(path.read_text())
    fifty_years = f"PT{50 * 365 * 24}H"
    for stmt in data["statements"]:
        if st.verb_name(stmt) in ("terminated", "failed"):
            stmt["result"]["duration"] = fifty_years
    path.write_text(json.dumps(data))
    new = open_store(tmp_path / "new", FakeClock(clock.now + 60))
    awa_new = new.profiles.add("Awa").id

    report = new.records.import_file(awa_new, path, **installed(course))

    assert report.added == report.statements
    assert new.progress.unit(awa_new, course.id, "v1").time_spent == st.MAX_DURATION
    (imported,) = new.assessments.quiz_attempts(awa_new)
    assert imported.finished_at is not None
    spent = imported.finished_at.timestamp() - imported.started_at.timestamp()
    assert spent == pytest.approx(st.MAX_DURATION)


@pytest.mark.parametrize("delivered", [True, False], ids=["delivered", "to-send"])
def test_a_result_naming_an_attempt_makes_none_for_a_unit_not_a_quiz(
    tmp_path: Path, delivered: bool
) -> None:
    """A quiz's result and answer copied by hand onto the course's video (another attempt id):
    a quiz attempt of the video was made from them, from the result alone too."""
    clock = FakeClock()
    old, awa, _ = two_attempts(tmp_path, clock)
    path = tmp_path / "awa.json"
    old.records.export(awa, path)
    data = json.loads(path.read_text())
    copies = [
        copy.deepcopy(s)
        for s in data["statements"]
        if st.EXT_ATTEMPT_ID in s["context"].get("extensions", {})
        and s["verb"]["id"] in (st.VERBS["failed"], st.VERBS["answered"])
    ]
    assert len(copies) == 2
    for stmt in copies:
        stmt["id"] = new_uuid()
        stmt["object"]["id"] = stmt["object"]["id"].replace("/unit/q1", "/unit/v1")
        stmt["context"]["extensions"][st.EXT_ATTEMPT_ID] = new_uuid()
    data["statements"] += copies
    data["delivered"] = [s["id"] for s in data["statements"]] if delivered else []
    path.write_text(json.dumps(data))
    new = open_store(tmp_path / "new", FakeClock(1_900_000_000.0))
    awa_new = new.profiles.add("Awa").id

    new.records.import_file(awa_new, path, **installed(make_course()))

    assert [(a.unit_id, a.number) for a in new.assessments.quiz_attempts(awa_new)] == [
        ("q1", 1),
        ("q1", 2),
    ]
