"""The certificate exam view on the demo course (12 questions, 20 minutes, 2 attempts, pass mark
70 %) and on the fixture course's exam, with the real records store and a clock the test moves:
the start page, autosave, resume where the learner was with the stored deadline, review, submit
in one transaction (statements queued, sync asked), the grade coming back, numbers as typed, and
the whole exam taken with the keyboard alone. Time running out: test_exam_time.py; attempts, and
waiting for a grade: test_exam_results.py; their fixtures: exam_support.py."""

from __future__ import annotations

import dataclasses
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
from player.ui.exam.view import ExamView
from player.ui.unit_view import create_unit_view
from player.wording import isolated
from tests.ui.assessment_support import (
    DEMO_EXAM_KEYS,
    give,
    keys_of,
    right_response,
    services_for,
    statements,
)
from tests.ui.exam_support import (
    EXAM,
    UC,
    Clock,
    OpenExam,
    accept,
    clock,
    fixtures,
    key,
    open_exam,
    shell,
    started,
    store_with,
    sync_calls,
    yes_button,
)
from tests.ui.unit_support import Shell, french, shipped_french

# pytest finds a fixture by its name in the test's module, hence these imports; named here, they
# are used in ruff's eyes (else F401 on the import and F811 on every test's parameter).
SHARED_FIXTURES = (clock, fixtures, open_exam, shell, sync_calls)


# -- start, answers, review, submit -----------------------------------------------------------


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


def held_down(box: QMessageBox) -> list[str]:
    """The question's buttons a key pressed: held down at once (QAbstractButton.animateClick),
    clicked a moment later."""
    return [b.text() for b in box.buttons() if b.isDown()]


def test_a_letter_typed_alone_neither_starts_nor_submits_the_exam(  # type: ignore[no-untyped-def]
    qtbot, qapp, open_exam: OpenExam, shell: Shell, sync_calls: list[str]
) -> None:
    """QMessageBox pressed "&Start" / "&Submit" for a bare "s" (no Alt): a letter still being
    typed used an attempt and started a clock that does not stop, or handed the exam in (review
    r8). A letter or a digit alone does nothing, in French too (« &Remettre »: "r"); Alt+S
    still starts and submits."""
    view = open_exam()
    view.activateWindow()

    def asked(button: QAbstractButton) -> QMessageBox:
        button.click()
        box = view.confirmation
        assert box is not None
        qtbot.waitUntil(lambda: QApplication.focusWidget() is box.defaultButton())
        return box

    def typed_alone(box: QMessageBox, *letters: Qt.Key) -> None:
        for letter in letters:
            key(qtbot, letter)
            key(qtbot, letter, Qt.KeyboardModifier.ShiftModifier)
            assert box.isVisible() and held_down(box) == [], letter
        key(qtbot, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: view.confirmation is None)

    typed_alone(asked(view.start_button), Qt.Key.Key_S, Qt.Key.Key_G, Qt.Key.Key_1)
    assert view.attempt is None and view.attempts == [] and not view.runs_on
    used = shell.store.database.conn.execute("SELECT count(*) FROM exam_attempts")
    assert used.fetchone() == (0,), "no attempt used"
    asked(view.start_button)
    key(qtbot, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # a deliberate choice starts
    qtbot.waitUntil(lambda: view.pages.currentWidget() is view.exam_page)
    view.to_review_button.click()
    typed_alone(asked(view.submit_button), Qt.Key.Key_S, Qt.Key.Key_G)
    with french(qapp):
        box = asked(view.submit_button)
        assert yes_button(box).text() == "&Remettre"
        typed_alone(box, Qt.Key.Key_R)
    assert view.attempt is not None and view.attempt.state == "in_progress"
    assert sync_calls == []
    asked(view.submit_button)
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


# -- keyboard and numbers ---------------------------------------------------------------------


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
    for pressed in (Qt.Key.Key_Space, away, Qt.Key.Key_Space, back):
        qtbot.keyClick(QApplication.focusWidget(), pressed)
    qtbot.keyClick(QApplication.focusWidget(), away)
    assert QApplication.focusWidget() in widget.buttons and QApplication.focusWidget() is not first
    qtbot.mouseClick(QApplication.focusWidget(), Qt.MouseButton.LeftButton)
    widget.buttons[-1].click()  # as an accessibility action would
    assert widget.response() == chosen, "a submitted answer cannot change"
    assert all(b.isEnabled() for b in widget.buttons)
    for pressed, eaten in ((Qt.Key.Key_Space, True), (Qt.Key.Key_PageDown, False)):
        press = QKeyEvent(QEvent.Type.KeyPress, pressed, Qt.KeyboardModifier.NoModifier)
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
