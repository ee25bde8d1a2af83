"""The certificate exam view on the demo course (12 questions, 20 minutes, 2 attempts, pass mark
70 %) and on the fixture course's exam, with the real records store and a clock the test moves:
start, autosave, resume where the learner was with the stored deadline, review, submit in one
transaction (statements queued, sync asked), the grade coming back, attempts, time running out,
and the whole exam taken with the keyboard alone."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from player.course.grading import shuffled
from player.course.manifest import Course, ExamUnit
from player.course.quiz import Item
from player.library.library import Library
from player.store.attempts import ExamClosed
from player.store.database import open_database
from player.store.events import Recorder
from player.store.profiles import Profiles
from player.store.progress import ProgressQueries
from player.ui.assessment_common import limit_text
from player.ui.exam.view import ExamView
from player.ui.unit_view import create_unit_view
from player.wording import isolated
from tests.ui.assessment_support import (
    DEMO_EXAM_KEYS,
    give,
    install_fixture_course,
    keys_of,
    right_response,
    services_for,
    statements,
    write_fixture_course,
)
from tests.ui.unit_support import Shell, Store, french, install, shipped_french

EXAM = "enjeux-examen"
UC = isolated("Université Cartable")  # the institution, as a sentence names it


class Clock:
    """The store's clock, moved by the test (the timer reads the store's clock)."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Course]:
    return install_fixture_course(tmp_path_factory.mktemp("fixtures"))


@pytest.fixture
def clock() -> Clock:
    return Clock()


def store_with(folder: Path, clock: Clock, language: str = "en") -> Store:
    database = open_database(
        folder / "records.sqlite3", folder / "backups", clock=clock, backup_every=None
    )
    profile = Profiles(database).add("Awa", language)
    return Store(database, Recorder(database), ProgressQueries(database.conn), profile)


@pytest.fixture
def shell(demo: tuple[Library, Course], tmp_path: Path, clock: Clock) -> Shell:
    return Shell(*demo, store_with(tmp_path, clock))


OpenExam = Callable[..., ExamView]


@pytest.fixture
def sync_calls() -> list[str]:
    return []


@pytest.fixture
def open_exam(qtbot, shell: Shell, sync_calls: list[str]) -> Iterator[OpenExam]:  # type: ignore[no-untyped-def]
    views: list[ExamView] = []

    def make(
        unit_id: str = EXAM,
        target: Shell | None = None,
        course_of: Callable[[str], Course | None] | None = None,
    ) -> ExamView:
        where = target or shell
        services = services_for(where, "Université Cartable", lambda: sync_calls.append("sync"))
        if course_of is not None:  # the library's courses, as the main window gives them
            assessments = dataclasses.replace(services.assessments, course_of=course_of)
            services = dataclasses.replace(services, assessments=assessments)
        view = create_unit_view(where.course.unit(unit_id), where.course, services)  # type: ignore[arg-type]
        assert isinstance(view, ExamView)
        qtbot.addWidget(view)
        view.resize(1000, 650)
        view.show()
        qtbot.waitExposed(view)
        views.append(view)
        return view

    yield make
    for view in views:
        view.close_unit()


def yes_button(box: QMessageBox) -> QAbstractButton:
    """The confirmation's "do it" button (Start, Submit), whichever is the default."""
    (button,) = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    return button


def accept(view: ExamView) -> None:
    box = view.confirmation
    assert isinstance(box, QMessageBox) and box.isVisible()
    yes_button(box).click()
    QApplication.processEvents()


def started(open_exam: OpenExam) -> ExamView:
    view = open_exam()
    view.start_button.click()
    accept(view)
    assert view.pages.currentWidget() is view.exam_page
    return view


# -- start ------------------------------------------------------------------------------------


def test_start_page_says_what_the_exam_is_and_who_grades_it(open_exam: OpenExam) -> None:
    view = open_exam()
    assert view.pages.currentWidget() is view.start_page
    facts = view.start_facts.text().split("\n")
    assert facts == [
        "12 questions",
        "Time limit: 20 min",
        "Pass mark: 70%",
        "Attempts left: 2 of 2",
    ]
    assert f"Your answers are sent to {UC} for grading." in view.start_grading.text()
    assert view.start_button.isEnabled()
    view.start_button.click()
    assert view.confirmation is not None and "20 min" in view.confirmation.text()
    view.confirmation.buttons()[1].click()  # go back: nothing started
    QApplication.processEvents()
    assert view.pages.currentWidget() is view.start_page and view.attempts == []


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


def test_deadline_is_stored_and_answers_are_saved_as_given(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, shell: Shell, clock: Clock
) -> None:
    keys = keys_of(DEMO_EXAM_KEYS)
    view = started(open_exam)
    attempt = view.attempt
    assert attempt is not None and attempt.state == "in_progress"
    assert attempt.deadline is not None
    assert attempt.deadline.timestamp() == pytest.approx(clock.now + 1200)
    assert view.timer_label.text() == "Time left: 20:00"
    unit = shell.course.unit(EXAM)
    order = shuffled(unit.questions, attempt.seed, False, False)  # type: ignore[union-attr]
    assert [w.question.id for w in view.widgets] == [q.id for q in order]

    first = view.current
    give(first, right_response(keys[first.question.id]), qtbot)  # a choice: saved at once
    saved = view.assessment.assessments.exam_attempt(shell.store.profile.id, attempt.id)  # type: ignore[union-attr]
    assert [a.question_id for a in saved.answers] == [first.question.id]
    assert view.saved.text() == "\u2713 All answers saved"

    view.go_to(4)  # "Citation": typed, saved after a pause
    typed = view.current
    assert typed.question.type == "short"
    give(typed, "Baverez", qtbot)
    assert view.saved.text() == "Saving\u2026"
    qtbot.waitUntil(lambda: view.saved.text() == "\u2713 All answers saved")
    saved = view.assessment.assessments.exam_attempt(shell.store.profile.id, attempt.id)  # type: ignore[union-attr]
    assert saved.answer(typed.question.id).response == "Baverez"  # type: ignore[union-attr]
    clock.advance(61)
    view._tick()
    assert view.timer_label.text() == "Time left: 18:59"
    verbs = [s.verb for s in statements(shell)]
    assert "attempted" in verbs and "answered" not in verbs, "nothing queued before submission"


def test_matching_answers_published_in_the_order_of_the_pairs_are_listed_by_text(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell
) -> None:
    """The demo exam as first published: the Plans question's targets numbered and listed in
    the order of their prompts (t1 goes with s1...), and no shuffle_choices."""
    unit = shell.course.unit(EXAM)
    assert isinstance(unit, ExamUnit)
    plans = next(q for q in unit.questions if q.type == "matching")
    right = dict(keys_of(DEMO_EXAM_KEYS)[plans.id].pairs)
    texts = {t.id: t.text for t in plans.targets}
    leaked = tuple(Item(f"t{n}", texts[right[s.id]]) for n, s in enumerate(plans.sources, 1))
    published = dataclasses.replace(
        unit,
        shuffle_choices=False,
        questions=tuple(
            dataclasses.replace(q, targets=leaked) if q is plans else q for q in unit.questions
        ),
    )
    view = create_unit_view(published, shell.course, services_for(shell, "Université Cartable"))
    assert isinstance(view, ExamView)
    qtbot.addWidget(view)
    view.show()
    view.start_button.click()
    accept(view)
    (widget,) = [w for w in view.widgets if w.question.id == plans.id]
    listed = [[c.itemText(i) for i in range(1, c.count())] for c in widget.combos]
    assert listed == [sorted((t.text for t in leaked), key=str.casefold)] * len(plans.sources)
    assert listed[0] != [t.text for t in leaked]
    view.close_unit()


def test_resume_after_closing_on_the_same_question_with_the_same_answers_and_deadline(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, shell: Shell, clock: Clock
) -> None:
    keys = keys_of(DEMO_EXAM_KEYS)
    view = started(open_exam)
    for index in range(5):
        view.go_to(index)
        give(view.current, right_response(keys[view.current.question.id]), qtbot)
    view.go_to(7)
    answers = {w.question.id: w.response() for w in view.widgets}
    deadline = view.attempt.deadline  # type: ignore[union-attr]
    view.close_unit()
    clock.advance(300)

    again = open_exam()
    assert again.pages.currentWidget() is again.exam_page
    assert again.attempt is not None and again.attempt.deadline == deadline
    assert again.index == 7 and again.current.isVisibleTo(again)
    assert {w.question.id: w.response() for w in again.widgets} == answers
    assert again.timer_label.text() == "Time left: 15:00"
    assert sum(1 for a in answers.values() if a is not None) == 5


def test_review_submit_and_the_grade_coming_back(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, shell: Shell, sync_calls: list[str]
) -> None:
    keys = keys_of(DEMO_EXAM_KEYS)
    view = started(open_exam)
    for index in range(len(view.widgets) - 2):  # two left unanswered
        view.go_to(index)
        give(view.current, right_response(keys[view.current.question.id]), qtbot)
    view.to_review_button.click()
    assert view.inner.currentWidget() is view.review_page
    rows = [view.review_list.item(i).text() for i in range(view.review_list.count())]
    assert len(rows) == 12 and rows[-1].endswith("not answered")
    assert rows[0].startswith(
        f"\u2713 1. {isolated('Sigle')} \u2014 {isolated('Cours en ligne ouverts aux masses')}"
    )
    assert rows[-1].startswith("\u25cb 12. ")
    assert view.review_summary.text().startswith("10 of 12 questions answered.")

    view.submit_button.click()
    box = view.confirmation
    assert box is not None and "You cannot change them afterwards." in box.text()
    assert "2 questions are not answered." in box.text()
    box.buttons()[1].click()  # go back
    QApplication.processEvents()
    assert view.attempt is not None and view.attempt.state == "in_progress"
    assert sync_calls == []

    view.submit_button.click()
    accept(view)
    attempt = view.attempt
    assert attempt is not None and attempt.state == "submitted"
    assert sync_calls == ["sync"], "sync asked to send the attempt at once"
    assert view.pages.currentWidget() is view.done_page
    assert view.done_state.text() == "Submitted \u2014 waiting for the result"
    assert view.done_explain.text().split("\n") == [  # what happened, then what happens next
        "10 of 12 questions answered.",
        f"Your answers are sent to {UC} as soon as this computer is online. Once "
        f"{UC} has graded them, your result appears here after the next sync.",
    ]
    page = view.done_attempts.text()
    assert page.startswith("Attempt 1, submitted "), page  # the state is said once: the heading
    assert "waiting" not in page, page
    assert all(w.read_only for w in view.widgets)

    queued = statements(shell)
    of_attempt = [
        s for s in queued if s.body["context"].get("registration") == attempt.registration
    ]
    verbs = [s.verb for s in of_attempt]
    assert verbs.count("answered") == 10 and verbs[-1] == "submitted"
    answered = [s for s in of_attempt if s.verb == "answered"]
    assert all("response" in s.result and "score" not in s.result for s in answered)
    assert all("correctResponsesPattern" not in s.body["object"]["definition"] for s in answered), (
        "the answer key never leaves (or reaches) the device"
    )
    with pytest.raises(ExamClosed):
        view.assessment.assessments.exam_answer(  # type: ignore[union-attr]
            view.recorder.session,  # type: ignore[union-attr]
            attempt.id,
            "sigle",
            "a",
        )

    # the institution's grade arrives (sync records it); the view shows it
    view.assessment.assessments.record_exam_result(  # type: ignore[union-attr]
        shell.store.profile.id, attempt.registration, True, 0.85
    )
    view.refresh()
    assert view.done_state.text() == "Passed (85%)"
    assert view.done_explain.text().split("\n") == [
        "10 of 12 questions answered.",
        f"Your score: 85%. The pass mark is 70%. Graded by {UC}.",
    ]
    assert view.done_page.accessibleName() == (
        f"{isolated('Examen de certification')} \u2014 attempt 1. Passed (85%). "
        "10 of 12 questions answered. "
        f"Your score: 85%. The pass mark is 70%. Graded by {UC}."
    )
    assert not view.again_button.isVisible()
    assert shell.store.unit(shell.course, EXAM).status == "passed"


def test_enter_twice_on_the_start_button_goes_back_and_starts_nothing(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, shell: Shell
) -> None:
    """Starting uses an attempt and a clock that does not stop: Enter on "Start the exam" asks,
    and Enter again (or a key held) goes back, as Escape does; only a deliberate choice starts."""
    view = open_exam()
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.start_button.hasFocus)
    for which in (Qt.Key.Key_Return, Qt.Key.Key_Escape):
        key(qtbot, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: view.confirmation is not None and view.confirmation.isVisible())
        box = view.confirmation
        assert box is not None
        back = box.defaultButton()
        assert back is not yes_button(box) and back.text() == "&Go back"
        assert box.escapeButton() is back
        qtbot.waitUntil(lambda b=back: QApplication.focusWidget() is b)
        key(qtbot, which)
        qtbot.waitUntil(lambda: view.confirmation is None)
        assert view.attempt is None and view.pages.currentWidget() is view.start_page
        assert view.attempts == [] and not view.runs_on
        used = shell.store.database.conn.execute("SELECT count(*) FROM exam_attempts")
        assert used.fetchone() == (0,), "no attempt used"
        qtbot.waitUntil(view.start_button.hasFocus)


def test_enter_or_escape_on_the_submit_question_goes_back_and_submits_nothing(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, sync_calls: list[str]
) -> None:
    view = started(open_exam)
    view.activateWindow()
    view.to_review_button.click()
    for which in (Qt.Key.Key_Return, Qt.Key.Key_Escape):
        view.submit_button.click()
        box = view.confirmation
        assert box is not None and "12 questions are not answered." in box.text()
        back = box.defaultButton()
        assert back is not yes_button(box) and back.text() == "&Go back"
        assert box.escapeButton() is back
        qtbot.waitUntil(lambda b=back: QApplication.focusWidget() is b)
        key(qtbot, which)
        qtbot.waitUntil(lambda: view.confirmation is None)
        assert view.attempt is not None and view.attempt.state == "in_progress"
        assert view.editable and view.inner.currentWidget() is view.review_page
    assert sync_calls == []
    view.submit_button.click()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.confirmation.defaultButton())  # type: ignore[union-attr]
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # a deliberate choice hands it in
    qtbot.waitUntil(lambda: view.attempt is not None and view.attempt.state == "submitted")
    assert sync_calls == ["sync"]


def test_a_review_line_of_several_answers_does_not_double_their_punctuation(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam
) -> None:
    view = started(open_exam)
    index = next(
        i for i, w in enumerate(view.widgets) if w.question.title == "Caract\u00e9ristiques"
    )
    view.go_to(index)
    widget = view.current
    chosen = frozenset(
        c.id for c in widget.question.choices if c.text.startswith(("Les cours", "Le r\u00f4le"))
    )
    give(widget, chosen, qtbot)
    view.show_review()
    row = view.review_list.item(index).text()
    shown = [c.text for c in widget.question.choices if c.id in chosen]  # the exam's shuffle
    assert sorted(shown) == [
        "Le r\u00f4le du professeur se transforme.",
        "Les cours sont organis\u00e9s en modules.",
    ]
    expected = isolated("Caract\u00e9ristiques") + " \u2014 " + isolated(" ".join(shown))
    assert row.endswith(expected), row
    assert ".;" not in row
    from player.ui.answer_words import joined

    assert joined(["Économique \u2192 un marché", "Social \u2192 le savoir"]) == (
        "Économique \u2192 un marché; Social \u2192 le savoir"
    )
    assert joined(["(déjà autonome.)", "Gratuit ?", "fin"]) == "(déjà autonome.) Gratuit ? fin"


def test_a_failed_attempt_allows_the_next_and_no_more(  # type: ignore[no-untyped-def]
    qtbot, qapp, open_exam: OpenExam, shell: Shell
) -> None:
    view = started(open_exam)
    view.show_review()
    view.ask_submit()
    accept(view)
    assert not view.again_button.isVisible(), "a new attempt waits for the grade"
    # said while waiting: this is not the last chance (English's singular is the .ts's)
    (left,) = [line for line in view.done_attempts.text().split("\n") if "left" in line]
    assert left == view.tr("%n attempts left if this one is not passed.", "", 1)
    assert left.startswith("1 ")
    reopened = open_exam()
    assert reopened.pages.currentWidget() is reopened.done_page
    reopened.start_page.show()
    reopened._update_start()
    assert not reopened.start_button.isEnabled()
    assert reopened.start_state.text() == "Your last attempt is waiting for its result."
    assessments = view.assessment.assessments  # type: ignore[union-attr]
    assessments.record_exam_result(shell.store.profile.id, view.attempt.registration, False, 0.4)  # type: ignore[union-attr]
    view.refresh()
    assert view.done_state.text() == "Not passed (40%)"
    assert view.done_explain.text().split("\n") == [
        "0 of 12 questions answered.",
        f"Your score: 40%. The pass mark is 70%. Graded by {UC}.",
    ]
    assert view.again_button.isVisible()
    view.again_button.click()
    accept(view)
    assert view.attempt is not None and view.attempt.number == 2
    assert view.attempt.registration != reopened.attempts[0].registration
    view.submit()
    assert "left" not in view.done_attempts.text(), "the last attempt: none left, none said"
    assessments.record_exam_result(shell.store.profile.id, view.attempt.registration, False, 0.5)
    view.refresh()
    assert not view.again_button.isVisible()
    assert "Attempt 1: not passed (40%)" in view.done_attempts.text(), "no capital after ':'"
    with french(qapp):  # "Tentative 1 : Non réussi (40 %)" had a capital after the colon
        qtbot.waitUntil(lambda: "Tentative 1" in view.done_attempts.text(), timeout=5000)
        line = view.done_attempts.text().split("\n")[0]
        assert line == "Tentative 1\u00a0: non réussi (40\u00a0%)", line
    qtbot.waitUntil(lambda: "Attempt 1" in view.done_attempts.text(), timeout=5000)
    assert "Attempt 2, submitted " in view.done_attempts.text(), "its state: the heading"
    assert "Attempt 2: " not in view.done_attempts.text()
    last = open_exam()
    last._update_start()
    assert not last.start_button.isEnabled()
    assert last.start_state.text() == "You have used every attempt of this exam."


def test_no_attempts_left_if_not_passed_once_the_exam_is_passed(  # type: ignore[no-untyped-def]
    open_exam: OpenExam, shell: Shell
) -> None:
    """Attempt 1 passed, attempt 2 submitted (brought by a records import): the page said
    "1 attempts left if this one is not passed." while the exam was passed (review r12)."""
    view = started(open_exam)
    view.show_review()
    view.ask_submit()
    accept(view)
    first = view.attempt
    assert first is not None
    assessments = view.assessment.assessments  # type: ignore[union-attr]
    assessments.record_exam_result(shell.store.profile.id, first.registration, True, 0.9)
    shell.store.database.conn.execute(
        "INSERT INTO exam_attempts (id, profile_id, course_id, unit_id, number, registration,"
        " state, seed, started_at, submitted_at, graded_at, passed, score, activity, context)"
        " SELECT 'imported-2', profile_id, course_id, unit_id, 2, 'imported-registration-2',"
        " 'submitted', seed, started_at, submitted_at, NULL, NULL, NULL, activity, context"
        " FROM exam_attempts WHERE id = ?",
        (first.id,),
    )
    shell.store.database.conn.commit()
    again = open_exam()
    assert again.attempt is not None and again.attempt.number == 2
    assert again.attempt.state == "submitted"
    three = dataclasses.replace(again.exam, max_attempts=3)  # one left after these two
    again.exam = again.control.exam = three
    again.show_done(focus=False)
    assert again.control.attempts_left == 1 and again.control.passed() is not None
    assert "left" not in again.done_attempts.text(), again.done_attempts.text()


# -- time -------------------------------------------------------------------------------------


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
        "This attempt was already submitted, from another Cartable window or because its time "
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


# -- the fixture course's exam ----------------------------------------------------------------


def test_fixture_exam_every_answer_saved_and_submitted(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, fixtures: tuple[Library, Course], tmp_path: Path, clock: Clock
) -> None:
    other = Shell(*fixtures, store_with(tmp_path / "fixture", clock))
    view = open_exam("tema5", other)
    view.start_button.click()
    accept(view)
    html = [w for w in view.widgets if w.question.format == "html"]
    assert html and all("<img" not in w.text.text() and "[image]" in w.text.text() for w in html)
    for index, widget in enumerate(view.widgets):
        view.go_to(index)
        q = widget.question
        if q.type == "single":
            give(widget, q.choices[-1].id, qtbot)
        elif q.type == "truefalse":
            give(widget, True, qtbot)
        else:
            give(widget, "cable", qtbot)
    view.save_pending()
    assert view.attempt is not None and len(view.attempt.answers) == 40
    assert view.submit()
    assert [s.verb for s in statements(other)].count("answered") == 40


# -- keyboard ---------------------------------------------------------------------------------


def key(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def test_the_demo_exam_with_the_keyboard_alone(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, shell: Shell, sync_calls: list[str]
) -> None:
    from tests.ui.test_quiz_view import keyboard_answer

    keys = keys_of(DEMO_EXAM_KEYS)
    view = open_exam()
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.start_button.hasFocus)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.confirmation is not None and view.confirmation.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.confirmation.defaultButton())  # type: ignore[union-attr]
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # "&Start": Enter goes back
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.exam_page)  # an animated click
    for number in range(len(view.widgets)):
        widget = view.current
        assert view.index == number
        qtbot.waitUntil(lambda w=widget: QApplication.focusWidget() is w.first_input())
        keyboard_answer(qtbot, widget, right_response(keys[widget.question.id]))
        key(qtbot, Qt.Key.Key_Return)  # Enter: the next question, then the review
    assert view.inner.currentWidget() is view.review_page
    assert view.review_summary.text().startswith("12 of 12 questions answered.")
    assert QApplication.focusWidget() is view.review_list
    key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)  # a row opens its question
    assert view.inner.currentWidget() is view.question_page and view.index == 1
    seen = []
    while QApplication.focusWidget() is not view.to_review_button and len(seen) < 20:
        key(qtbot, Qt.Key.Key_Tab)  # through the choices, Previous, Next, to "Review"
        seen.append(QApplication.focusWidget())
    assert seen[-3:] == [view.previous_button, view.next_button, view.to_review_button]
    key(qtbot, Qt.Key.Key_Space)
    assert view.inner.currentWidget() is view.review_page
    key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.submit_button
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.confirmation is not None and view.confirmation.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.confirmation.defaultButton())  # type: ignore[union-attr]
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # "&Submit": Enter goes back
    qtbot.waitUntil(lambda: view.attempt is not None and view.attempt.state == "submitted")
    assert len(view.attempt.answers) == 12 and sync_calls == ["sync"]
    assert view.done_state.text() == "Submitted \u2014 waiting for the result"


def test_a_number_erased_is_cleared_from_the_saved_answers(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam, shell: Shell
) -> None:
    view = started(open_exam)
    assert view.attempt is not None
    index = next(i for i, w in enumerate(view.widgets) if w.question.id == "marche")
    view.go_to(index)
    give(view.current, 200, qtbot)
    assert view.save_pending()
    mine = view.assessment.assessments  # type: ignore[union-attr]
    attempt = mine.exam_attempt(shell.store.profile.id, view.attempt.id)
    assert attempt.answer("marche").response == "200"  # type: ignore[union-attr]
    line = view.current.line
    assert line is not None
    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)  # the learner takes the number back
    assert view.save_pending()
    attempt = mine.exam_attempt(shell.store.profile.id, view.attempt.id)
    assert attempt.answer("marche") is None, "an erased number is not submitted"
    assert view.saved.text() == "\u2713 All answers saved"


def test_a_saved_number_comes_back_as_the_learners_language_writes_it(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam
) -> None:
    from PySide6.QtCore import QLocale

    view = started(open_exam)
    index = next(i for i, w in enumerate(view.widgets) if w.question.id == "marche")
    view.go_to(index)
    give(view.current, 199.5, qtbot)  # typed "199,5"
    view.close_unit()
    before = QLocale()
    QLocale.setDefault(QLocale("fr"))
    try:
        again = open_exam()
        widget = again.widgets[index]
        assert widget.line is not None and widget.line.text() == "199,5"
        assert widget.response() == 199.5
    finally:
        QLocale.setDefault(before)


def test_submitting_with_a_number_that_cannot_be_read_goes_to_it(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam
) -> None:
    view = started(open_exam)
    index = next(i for i, w in enumerate(view.widgets) if w.question.type == "numeric")
    view.go_to(index)
    widget = view.current
    assert widget.line is not None
    qtbot.keyClicks(widget.line, "40 dollars")
    view.to_review_button.click()
    row = view.review_list.item(index).text()
    assert row.startswith(f"\u26a0 {index + 1}. ") and row.endswith(widget.input_problem())
    assert "not answered" not in row
    view.go_to(0)
    view.to_review_button.click()
    view.submit_button.click()
    assert view.confirmation is None, "nothing is submitted while an answer cannot be read"
    assert view.inner.currentWidget() is view.question_page and view.index == index
    assert widget.problem.isVisible() and widget.problem.text() == widget.input_problem()
    assert QApplication.focusWidget() is widget.line


def test_a_number_that_cannot_be_read_is_said_not_saved_once_typing_pauses(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam
) -> None:
    """A number typed as "40 dollars" is not saved (the store gets nothing), yet the line
    beside the clock kept saying "Saving…" for good after the typing pause (review u2)."""
    view = started(open_exam)
    index = next(i for i, w in enumerate(view.widgets) if w.question.type == "numeric")
    view.go_to(index)
    widget = view.current
    assert widget.line is not None
    qtbot.keyClicks(widget.line, "40 dollars")
    assert view.saved.text() == "Saving\u2026"
    qtbot.waitUntil(lambda: not view.typing.isActive(), timeout=10000)  # the pause's save ran
    assert view.saved.text() == "Not saved"
    widget.line.clear()
    qtbot.keyClicks(widget.line, "40")
    assert view.save_pending()
    assert view.saved.text() == "\u2713 All answers saved"


def test_submitted_answers_are_read_by_keyboard_and_lead_back_to_the_results(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam
) -> None:
    keys = keys_of(DEMO_EXAM_KEYS)
    view = started(open_exam)
    index = next(i for i, w in enumerate(view.widgets) if w.question.type == "single")
    view.go_to(index)
    give(view.current, right_response(keys[view.current.question.id]), qtbot)
    view.to_review_button.click()
    view.submit_button.click()
    accept(view)
    assert view.pages.currentWidget() is view.done_page
    view.answers_button.click()
    assert view.inner.currentWidget() is view.review_page
    assert not view.submit_button.isVisible()
    view.review_list.setCurrentRow(index)
    qtbot.keyClick(view.review_list, Qt.Key.Key_Return)
    widget = view.current
    assert view.inner.currentWidget() is view.question_page and widget.read_only
    assert view.to_review_button.text() == "&All your answers"
    chosen = widget.response()
    first = widget.first_input()
    assert first.isEnabled() and QApplication.focusWidget() is first
    # the exam shuffles its answers: the one chosen may be listed last, with nothing below
    away, back = (Qt.Key.Key_Up, Qt.Key.Key_Down)[:: 1 if first is widget.buttons[-1] else -1]
    for key in (Qt.Key.Key_Space, away, Qt.Key.Key_Space, back):
        qtbot.keyClick(QApplication.focusWidget(), key)
    qtbot.keyClick(QApplication.focusWidget(), away)
    assert QApplication.focusWidget() in widget.buttons and QApplication.focusWidget() is not first
    qtbot.mouseClick(QApplication.focusWidget(), Qt.MouseButton.LeftButton)
    widget.buttons[-1].click()  # as an accessibility action would
    assert widget.response() == chosen, "a submitted answer cannot change"
    assert all(b.isEnabled() for b in widget.buttons)
    for key, eaten in ((Qt.Key.Key_Space, True), (Qt.Key.Key_PageDown, False)):
        press = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier)
        assert widget.eventFilter(first, press) is eaten  # PageDown scrolls the question
    view.to_review_button.click()
    assert view.inner.currentWidget() is view.review_page
    assert view.back_button.text() == "&Back to the results"
    view.back_button.click()
    assert view.pages.currentWidget() is view.done_page


def test_a_number_typed_with_thousands_is_reviewed_as_submitted(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam
) -> None:
    view = started(open_exam)  # the interface in English
    assert view.attempt is not None
    index = next(i for i, w in enumerate(view.widgets) if w.question.id == "marche")
    view.go_to(index)
    widget = view.current
    assert widget.line is not None
    qtbot.keyClicks(widget.line, "2,000")
    assert view.save_pending()
    mine = view.assessment.assessments  # type: ignore[union-attr]
    saved = mine.exam_attempt(view._profile_id, view.attempt.id).answer("marche")
    assert saved is not None and saved.response == "2000"
    view.show_review()
    assert view.review_list.item(index).text().endswith(f"\u2014 {isolated('2000')}")
    view.go_to(index)
    widget.line.clear()
    qtbot.keyClicks(widget.line, "1,5")  # a decimal comma? English asks, never guesses
    assert not view.save_pending()
    assert widget.problem.isVisible() and "point" in widget.problem.text()
    assert mine.exam_attempt(view._profile_id, view.attempt.id).answer("marche").response == "2000"  # type: ignore[union-attr]


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


def test_a_submitted_question_left_unanswered_says_so(  # type: ignore[no-untyped-def]
    qtbot, open_exam: OpenExam
) -> None:
    """The review list says "not answered"; the question itself, read after submitting, says it
    too (shown and on the input the keyboard lands on), not an empty set of choices."""
    keys = keys_of(DEMO_EXAM_KEYS)
    view = started(open_exam)
    give(view.current, right_response(keys[view.current.question.id]), qtbot)
    assert not view.current.result.isVisible(), "while answering, no verdict"
    view.go_to(1)
    assert not view.current.result.isVisible(), "an unanswered question may still be answered"
    view.to_review_button.click()
    view.submit_button.click()
    accept(view)
    view.answers_button.click()
    view.review_list.setCurrentRow(1)
    qtbot.keyClick(view.review_list, Qt.Key.Key_Return)
    widget = view.current
    assert widget.read_only and widget.response() is None
    assert widget.result.isVisible() and widget.result.text() == "\u25cb Not answered"
    assert "Not answered" in widget.accessibleDescription()
    assert "Not answered" in widget.first_input().accessibleDescription()
    view.go_to(0)
    assert not view.current.result.isVisible(), "an answer waits for the institution's grade"


# -- grades that cannot be read, attempts brought by a records file ----------------------------


def exam_view_with(qtbot, shell: Shell, **facts: Callable[[], object]) -> ExamView:  # type: ignore[no-untyped-def]
    """The demo's exam, shown, its assessments answering `facts` (grade_error, has_account,
    account_refused: what sync knows) as the player's AssessmentServices would."""
    from player.store.assessments import Assessments
    from player.ui.assessment_common import AssessmentServices

    assessments = AssessmentServices(
        Assessments(shell.store.events),
        "Université Cartable",
        **facts,  # type: ignore[arg-type]
    )
    services = shell.services(assessments=assessments)
    view = create_unit_view(shell.course.unit(EXAM), shell.course, services)  # type: ignore[arg-type]
    assert isinstance(view, ExamView)
    qtbot.addWidget(view)
    view.show()
    return view


def test_waiting_for_a_grade_that_cannot_be_read_points_to_the_sync_panel(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell
) -> None:
    error = [""]
    view = exam_view_with(qtbot, shell, grade_error=lambda: error[0])
    view.start_button.click()
    accept(view)
    view.submit_button.click()
    accept(view)
    assert view.done_state.text() == "Submitted \u2014 waiting for the result"
    assert "Sync panel" not in view.done_explain.text()

    error[0] = "HTTP 403: write-only account"  # the last sync could not read the grades
    view.refresh()  # the view's poll while it waits
    assert "Sync panel" in view.done_explain.text()
    assert "Sync panel" in view.done_page.accessibleName()

    assert view.attempt is not None
    view.assessment.assessments.record_exam_result(  # type: ignore[union-attr]
        shell.store.profile.id, view.attempt.registration, True, 0.9
    )
    view.refresh()
    assert view.done_state.text() == "Passed (90%)"
    assert "Sync panel" not in view.done_explain.text()
    view.close_unit()


def test_without_an_account_the_exam_says_the_answers_stay_here_until_one_is_added(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell
) -> None:
    account = [False]
    view = exam_view_with(qtbot, shell, has_account=lambda: account[0])
    start = view.start_grading.text()
    assert f"no account with {UC} yet" in start, start
    where = "Course \u2192 Sync with the institution"  # as the menu bar names them
    assert "stay on this computer" in start and where in start, start
    assert "Your answers are sent to" not in start
    view.start_button.click()
    accept(view)
    view.submit_button.click()
    accept(view)
    done = view.done_explain.text()
    assert done.split("\n")[1] == (
        f"This profile has no account with {UC} yet, so your answers are kept on "
        f"this computer. To send them, add an account with {where}. Once {UC} "
        "has graded them, your result appears here after the next sync."
    )
    assert "Sync panel" not in done and "&" not in done and "\u2026" not in done, done
    assert "as soon as this computer is online" not in done

    account[0] = True  # the learner added the account in the Sync panel
    view.refresh()  # the view's poll while it waits
    done = view.done_explain.text()
    assert f"sent to {UC} as soon as this computer is online" in done, done
    assert "kept on this computer" not in done
    view.close_unit()


def test_without_an_account_no_sync_is_blamed_for_the_missing_result(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell
) -> None:
    """A profile without an account never syncs: a grade error its sync status still holds
    (an account since removed) put "The last sync could not read your results..." under the
    sentence saying its answers stay here until an account is added."""
    account = [False]
    view = exam_view_with(
        qtbot,
        shell,
        grade_error=lambda: "HTTP 403: write-only account",
        has_account=lambda: account[0],
    )
    view.start_button.click()
    accept(view)
    view.submit_button.click()
    accept(view)
    lines = view.done_explain.text().split("\n")
    assert len(lines) == 2, lines
    assert lines[1].startswith(f"This profile has no account with {UC} yet")
    assert "Sync panel" not in view.done_page.accessibleName()

    account[0] = True  # added in the Sync panel; its first sync could not read the grades
    view.refresh()
    done = view.done_explain.text()
    assert done.split("\n")[-1] == (
        "The last sync could not read your results from the institution's server. Open the "
        "Sync panel to see why."
    ), done
    view.close_unit()


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


def test_the_start_question_names_the_attempt_by_the_number_it_gets(  # type: ignore[no-untyped-def]
    open_exam: OpenExam, shell: Shell
) -> None:
    """Review r5 finding 3: a records file brought attempt 2 alone (its first was never
    exported), graded failed. The next attempt is number 3, as its page and the results say;
    the question said "Start attempt 2 of 2", which names the attempt already there."""
    from player.store import statements as st
    from player.store.records import Records

    registration = "94bf0980-0000-4000-8000-000000000002"
    stamp = st.timestamp_text(shell.store.database.clock() - 3600)
    context = {"registration": registration, "extensions": {st.EXT_EXAM: True, st.EXT_ATTEMPT: 2}}
    brought = [
        {
            "id": f"99999999-2222-4333-8444-00000000000{i}",
            "actor": shell.store.profile.actor.to_json(),
            "verb": {"id": st.VERBS[verb]},
            "object": {"id": st.unit_iri(shell.course, EXAM)},
            "timestamp": stamp,
            "context": context,
        }
        for i, verb in enumerate(("attempted", "submitted"), 1)
    ]
    records = Records(shell.store.database, Profiles(shell.store.database))
    records.import_statements(shell.store.profile.id, brought)
    view = open_exam()
    assessments = view.assessment.assessments  # type: ignore[union-attr]
    assessments.record_exam_result(shell.store.profile.id, registration, False, 0.4)
    view.refresh()
    view.show_start()
    assert "Attempts left: 1 of 2" in view.start_facts.text().split("\n")
    view.start_button.click()
    assert view.confirmation is not None
    assert view.confirmation.text().startswith("Start attempt 3 now? Attempts left after it: 0."), (
        view.confirmation.text()
    )
    accept(view)
    assert view.attempt is not None and view.attempt.number == 3


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


def test_whether_the_answers_are_saved_is_said_again_in_a_new_language(  # type: ignore[no-untyped-def]
    qtbot, qapp, open_exam: OpenExam
) -> None:
    """The line beside the clock was set as each answer was saved: switched to English during
    an exam, the learner still read "✓ Réponses enregistrées" until the next answer."""
    keys = keys_of(DEMO_EXAM_KEYS)
    view = started(open_exam)
    first = view.current
    give(first, right_response(keys[first.question.id]), qtbot)
    assert view.saved.text() == "\u2713 All answers saved"
    with french(qapp):
        expected = shipped_french("ExamView", "\u2713 All answers saved")
        qtbot.waitUntil(lambda: view.saved.text() == expected, timeout=5000)
        view.go_to(4)  # "Citation": typed, said to be saving until a pause
        give(view.current, "Baverez", qtbot)
        saving = shipped_french("ExamView", "Saving\u2026")
        assert view.saved.text() == saving
    qtbot.waitUntil(lambda: view.saved.text() in ("Saving\u2026", "\u2713 All answers saved"))
    qtbot.waitUntil(lambda: view.saved.text() == "\u2713 All answers saved")


def test_a_refused_account_is_said_while_waiting_and_taken_back_once_corrected(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell
) -> None:
    """The third fact of the wait (with no account and grades unreadable): the institution's
    server refused the account, so nothing is sent; the poll shows it, and its correction."""
    refused = [False]
    view = exam_view_with(qtbot, shell, account_refused=lambda: refused[0])
    view.start_button.click()
    accept(view)
    view.submit_button.click()
    accept(view)
    assert "as soon as this computer is online" in view.done_explain.text()

    refused[0] = True  # the next sync was refused the user name or password
    view.refresh()  # the view's poll while it waits
    done = view.done_explain.text()
    assert f"{UC} refused the user name or password" in done, done
    assert "as soon as this computer is online" not in done
    assert "refused the user name" in view.done_page.accessibleName()

    refused[0] = False  # corrected in the Sync panel
    view.refresh()
    assert "as soon as this computer is online" in view.done_explain.text()
    view.close_unit()
