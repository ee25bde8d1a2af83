"""The certificate exam's clock, on the demo course with the real records store and a clock
the test moves: the time limit as said, the time running out while answering, while Cartable
was closed, with the submit question open or in another window, an attempt a records file
brought in progress, the computer's clock changed, and the warnings near the end."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from player.store.profiles import Profiles
from player.ui.assessment_common import limit_text
from player.ui.exam.view import ExamView
from player.ui.unit_view import create_unit_view
from tests.ui.assessment_support import (
    DEMO_EXAM_KEYS,
    give,
    keys_of,
    right_response,
    services_for,
    statements,
    write_fixture_course,
)
from tests.ui.exam_support import (
    EXAM,
    Clock,
    OpenExam,
    accept,
    clock,
    open_exam,
    shell,
    started,
    sync_calls,
)
from tests.ui.unit_support import Shell, install

# pytest finds a fixture by its name in the test's module, hence these imports; named here, they
# are used in ruff's eyes (else F401 on the import and F811 on every test's parameter).
SHARED_FIXTURES = (clock, open_exam, shell, sync_calls)


# -- the limit said ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (1200, "20 min"),
        (60, "1 min"),
        (90, "1 min 30 s"),  # "1 min" rounded down
        (65, "1 min 05 s"),
        (45, "45 s"),  # "less than a minute"
        (1, "1 s"),
        (3600, "1 h 00 min"),
        (5430, "1 h 30 min 30 s"),
        (86400, "24 h 00 min"),
    ],
)
def test_a_time_limit_is_said_to_the_second(seconds: int, said: str) -> None:
    assert limit_text(seconds) == said


def test_the_start_page_and_question_state_a_limit_of_90_seconds_exactly(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell
) -> None:
    """Through minutes_text, rounded down, a 90 s limit was promised as "1 min"."""
    unit = dataclasses.replace(shell.course.unit(EXAM), time_limit=90)
    view = create_unit_view(unit, shell.course, services_for(shell, "Université Cartable"))  # type: ignore[arg-type]
    assert isinstance(view, ExamView)
    qtbot.addWidget(view)
    view.show()
    assert "Time limit: 1 min 30 s" in view.start_facts.text().split("\n")
    view.start_button.click()
    assert view.confirmation is not None
    assert "You will have 1 min 30 s; the clock" in view.confirmation.text()
    view.confirmation.buttons()[1].click()  # go back: nothing started
    view.close_unit()


# -- time up ----------------------------------------------------------------------------------


def test_time_up_while_answering_submits_what_was_saved(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, shell: Shell, clock: Clock, sync_calls: list[str]
) -> None:
    keys = keys_of(DEMO_EXAM_KEYS)
    view = started(open_exam)
    give(view.current, right_response(keys[view.current.question.id]), qtbot)
    clock.advance(1199)
    view._tick()
    assert view.timer_label.text() == "Time left: 0:01"
    assert view.notice_bar.isVisible(), "warned before the end"
    view.go_to(4)
    give(view.current, "Baverez", qtbot)  # typed in the last second: saved before the end
    clock.advance(0.5)
    view._tick()
    clock.advance(1)
    view._tick()
    assert view.pages.currentWidget() is view.done_page
    assert view.attempt is not None and view.attempt.state == "submitted"
    assert len(view.attempt.answers) == 2
    assert view.done_explain.text().split("\n")[:2] == [
        "Time is up. The answers saved in time were submitted.",
        "2 of 12 questions answered.",
    ]
    assert sync_calls == ["sync"]
    assert [s.verb for s in statements(shell)].count("answered") == 2


def test_a_percentage_typed_when_the_time_runs_out_is_submitted_as_its_figure(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, shell: Shell, clock: Clock
) -> None:
    """An exam question answered "32 %" (no key here: 32 or 0.32?) asks for the number alone,
    and was never saved meanwhile: the time up submitted it unanswered. It is saved as 32, as
    before percentages were read, still asked about, and submitting waits for the fix."""
    view = started(open_exam)
    assert view.attempt is not None
    index = next(i for i, w in enumerate(view.widgets) if w.question.id == "marche")
    view.go_to(index)
    widget = view.current
    assert widget.line is not None
    qtbot.keyClicks(widget.line, "32 %")
    view.typing.timeout.emit()  # the pause after typing
    hint = "Type the number alone, without the % sign."
    assert widget.problem.isVisible() and widget.problem.text() == hint
    mine = view.assessment.assessments  # type: ignore[union-attr]
    saved = mine.exam_attempt(shell.store.profile.id, view.attempt.id).answer("marche")
    assert saved is not None and saved.response == "32"
    assert view.saved.text() == "\u2713 All answers saved"
    view.to_review_button.click()
    assert view.review_list.item(index).text().endswith(hint), "still asked about"
    view.submit_button.click()
    assert view.confirmation is None, "submitted once the learner chose"
    assert view.inner.currentWidget() is view.question_page and view.index == index

    clock.advance(1201)  # the learner did not: the time runs out
    view._tick()
    assert view.pages.currentWidget() is view.done_page
    assert view.attempt is not None and view.attempt.state == "submitted"
    assert [(a.question_id, a.response) for a in view.attempt.answers] == [("marche", "32")]
    assert view.done_explain.text().split("\n")[1] == "1 of 12 questions answered."
    answered = [s for s in statements(shell) if s.verb == "answered"]
    assert [s.result["response"] for s in answered] == ["32"]


def test_time_up_while_cartable_was_closed(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, shell: Shell, clock: Clock
) -> None:
    keys = keys_of(DEMO_EXAM_KEYS)
    view = started(open_exam)
    give(view.current, right_response(keys[view.current.question.id]), qtbot)
    view.close_unit()
    clock.advance(3600)
    again = open_exam()
    assert again.pages.currentWidget() is again.done_page
    assert again.attempt is not None and again.attempt.state == "submitted"
    assert "ran out while you were away from the exam" in again.done_explain.text()
    assert [s.verb for s in statements(shell)][-1] == "submitted"


def test_time_up_submits_another_courses_expired_attempt_with_its_satisfied(  # type: ignore[no-untyped-def]
    open_exam: OpenExam, shell: Shell, clock: Clock, tmp_path: Path
) -> None:
    """The time up in one course's exam submits every expired attempt of the learner: one of
    another course, whose exam (moveOn Completed) is alone in its module, gets its module's
    cmi5 `satisfied` too, the view reading that course from the library (`course_of`)."""
    from player.store import statements as st

    source = write_fixture_course(tmp_path / "other" / "src")
    toml = source / "course.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace(
            'type = "exam"', 'type = "exam"\n  moveOn = "Completed"'
        ),
        encoding="utf-8",
    )
    other = Shell(*install(source, tmp_path / "other"), shell.store)
    installed = {shell.course.id: shell.course, other.course.id: other.course}
    module = other.course.modules[1]
    assert [u.id for u in module.units] == ["tema5"]

    first = open_exam("tema5", target=other, course_of=installed.get)
    first.start_button.click()  # 10 minutes, left for the demo course's exam
    accept(first)
    first.close_unit()
    view = started(lambda: open_exam(course_of=installed.get))  # 20 minutes
    clock.advance(1201)  # both ran out, the other one first
    view._tick()
    assert view.pages.currentWidget() is view.done_page
    attempts = shell.store.database.conn.execute(
        "SELECT course_id, state FROM exam_attempts ORDER BY course_id"
    ).fetchall()
    assert sorted(attempts) == sorted(
        [(shell.course.id, "submitted"), (other.course.id, "submitted")]
    )
    satisfied = [s.object_id for s in statements(shell) if s.verb == "satisfied"]
    assert st.module_iri(other.course, module) in satisfied


@pytest.mark.parametrize("move", ["next question", "review"])
def test_time_up_found_by_a_move_leaves_the_keyboard_on_the_results(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, clock: Clock, move: str
) -> None:
    """A number typed, the time up before it was saved, then Next or Review: saving it found
    the time up and showed the results, and the move went on to focus a question or the review
    list hidden behind them (the keyboard and the screen reader lost)."""
    view = started(open_exam)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    index = next(i for i, w in enumerate(view.widgets[:-1]) if w.question.type == "numeric")
    view.go_to(index)
    assert view.current.line is not None
    qtbot.keyClicks(view.current.line, "40")  # saved after a pause: not yet
    clock.advance(1201)
    (view.next_button if move == "next question" else view.to_review_button).click()
    assert view.pages.currentWidget() is view.done_page
    assert view.done_explain.text().startswith("Time is up")
    assert QApplication.focusWidget() is view.answers_button, "as after a submit"
    assert view.answers_button.isVisible()


def test_time_up_while_the_submit_question_is_open_closes_it(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, clock: Clock, sync_calls: list[str]
) -> None:
    """'Submit your answers?' stayed open over the results once the time was up, the keyboard
    in a question that no longer applied."""
    view = started(open_exam)
    view.activateWindow()
    view.to_review_button.click()
    view.submit_button.click()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.confirmation.defaultButton())  # type: ignore[union-attr]
    clock.advance(1201)
    view._tick()
    assert view.confirmation is None
    assert view.pages.currentWidget() is view.done_page
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.answers_button)
    assert sync_calls == ["sync"]


def test_an_attempt_submitted_in_another_window_is_said_so_not_time_up(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, clock: Clock
) -> None:
    """The same exam open twice (two windows of the same profile): submitted in one, the other
    said 'Time is up' at its next answer, and again when the deadline's submission was made by
    the other window."""
    keys = keys_of(DEMO_EXAM_KEYS)
    view = started(open_exam)
    other = open_exam()
    assert other.attempt is not None and other.attempt.id == view.attempt.id  # type: ignore[union-attr]
    other.to_review_button.click()
    other.submit_button.click()
    accept(other)
    assert other.attempt is not None and other.attempt.state == "submitted"
    give(view.current, right_response(keys[view.current.question.id]), qtbot)  # refused
    assert view.pages.currentWidget() is view.done_page
    assert view.attempt is not None and view.attempt.state == "submitted"
    assert view.done_explain.text().startswith(
        "This attempt was already submitted, from another \u2068Cartable\u2069 window or because "
        "its time "
        "ran out. The answers saved before then were submitted.\n"
    )
    assert "Time is up" not in view.done_explain.text()

    # the next attempt (the first one failed): its deadline's submission made elsewhere first
    view.assessment.assessments.record_exam_result(  # type: ignore[union-attr]
        view._profile_id, view.attempt.registration, False, 0.2
    )
    view.refresh()
    view.again_button.click()
    accept(view)
    assert view.attempt is not None and view.attempt.number == 2 and view.editable
    clock.advance(1201)
    other.close_unit()
    elsewhere = open_exam()  # as the other window does: it submits the expired attempt
    assert "ran out while you were away" in elsewhere.done_explain.text()
    view._tick()
    assert view.pages.currentWidget() is view.done_page
    assert view.done_explain.text().startswith("This attempt was already submitted")


def test_leaving_as_the_time_runs_out_says_time_is_up_not_running(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, clock: Clock
) -> None:
    """An answer typed in the last second, then the learner leaves: saving it finds the time
    up, and the notice said on leaving says so (it said nothing before; the results' page,
    going away, was announced instead)."""
    view = started(open_exam)
    index = next(i for i, w in enumerate(view.widgets) if w.question.type == "numeric")
    view.go_to(index)
    assert view.current.line is not None
    qtbot.keyClicks(view.current.line, "40")  # saved after a pause: not yet
    clock.advance(1201)
    assert view.leaving_notice() == "Time is up. The answers saved in time were submitted."
    assert view.attempt is not None and view.attempt.state == "submitted"
    assert not view.runs_on


# -- the clock --------------------------------------------------------------------------------


def test_the_timer_does_not_follow_the_computers_clock(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell, clock: Clock
) -> None:
    from player.store.assessments import Assessments
    from player.ui.assessment_common import AssessmentServices

    never_back = Clock()
    exams = Assessments(shell.store.events, monotonic=never_back)
    services = shell.services(assessments=AssessmentServices(exams, "Université Cartable"))
    view = create_unit_view(shell.course.unit(EXAM), shell.course, services)  # type: ignore[arg-type]
    assert isinstance(view, ExamView)
    qtbot.addWidget(view)
    view.show()
    view.start_button.click()
    accept(view)
    clock.advance(-3600)  # set back an hour: no time given
    never_back.advance(60)
    view._tick()
    assert view.timer_label.text() == "Time left: 19:00"
    clock.advance(2 * 3600)  # then an hour ahead: no time taken
    never_back.advance(60)
    view._tick()
    assert view.editable and view.timer_label.text() == "Time left: 18:00"
    view.close_unit()
    assert view.attempt is not None
    reopened = Assessments(shell.store.events, monotonic=Clock())  # the next run
    assert reopened.exam_clock(shell.store.profile.id, view.attempt.id) == 18 * 60


def test_an_attempt_a_records_file_brought_in_progress_is_timed_from_its_start(  # type: ignore[no-untyped-def]
    open_exam: OpenExam, shell: Shell, clock: Clock
) -> None:
    """The old laptop's `attempted` (its answers are queued only at submission): on the new
    laptop the exam's 20 minutes count from that start; a day later the time is up."""
    from player.store import statements as st
    from player.store.records import Records

    started_at = clock.now - 86_400
    attempted = {
        "id": "99999999-2222-4333-8444-000000000001",
        "actor": shell.store.profile.actor.to_json(),
        "verb": {"id": st.VERBS["attempted"]},
        "object": {"id": st.unit_iri(shell.course, EXAM)},
        "timestamp": st.timestamp_text(started_at, started_at),
        "context": {
            "registration": "94bf0980-0000-4000-8000-000000000001",
            "extensions": {st.EXT_EXAM: True, st.EXT_ATTEMPT: 1},
        },
    }
    records = Records(shell.store.database, Profiles(shell.store.database))
    records.import_statements(shell.store.profile.id, [attempted])
    view = open_exam()
    assert view.pages.currentWidget() is view.done_page, "never taken untimed"
    assert view.attempt is not None and view.attempt.state == "submitted"
    assert "ran out while you were away from the exam" in view.done_explain.text()


def test_the_time_warnings_grow_near_the_end_and_go_once_it_is_over(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, clock: Clock
) -> None:
    """'Check your answers and submit' stayed on the results page after the time ran out, and
    nothing changed in the last minute (at 0:10 the notice still said 'less than 5 min')."""
    view = started(open_exam)
    clock.advance(1200 - 250)
    view._tick()
    assert view.notice_bar.isVisible()
    assert view.notice.text() == "Less than 5 min left: check your answers and submit."
    clock.advance(200)
    view._tick()
    assert view.notice.text().startswith("Less than a minute left: submit now")
    clock.advance(60)
    view._tick()
    assert view.pages.currentWidget() is view.done_page
    assert not view.notice_bar.isVisible(), "the attempt is over: nothing left to check"
