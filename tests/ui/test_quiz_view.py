"""The practice quiz view on the demo course and on a course built from the shared GIFT fixtures:
every question type answered right, wrong and partly through the real inputs, the grades shown,
the statements queued (verbs, result.response, scores), retries, the seeded order, resume."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from player.course import interactions
from player.course.grading import grade, shuffled
from player.course.interactions import CMI_INTERACTION
from player.course.manifest import Course
from player.library.library import Library
from player.ui.question_widgets import RIGHT
from player.ui.quiz_view import QuizView
from player.ui.unit_view import create_unit_view
from tests.ui.assessment_support import (
    DEMO_QUIZ_KEYS,
    GIFT,
    give,
    install_fixture_course,
    keys_of,
    right_response,
    services_for,
    statements,
    wrong_response,
)
from tests.ui.unit_support import Shell, french, install, open_store

DEMO_QUIZ = "phenomene-quiz"


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Course]:
    return install_fixture_course(tmp_path_factory.mktemp("fixtures"))


OpenQuiz = Callable[..., QuizView]


def opener(qtbot, shell: Shell, views: list[QuizView]) -> OpenQuiz:  # type: ignore[no-untyped-def]
    def make(unit_id: str = DEMO_QUIZ) -> QuizView:
        view = create_unit_view(shell.course.unit(unit_id), shell.course, services_for(shell))  # type: ignore[arg-type]
        assert isinstance(view, QuizView)
        qtbot.addWidget(view)
        view.resize(1000, 650)
        view.show()
        qtbot.waitExposed(view)
        views.append(view)
        return view

    return make


@pytest.fixture
def demo_shell(demo: tuple[Library, Course], tmp_path: Path) -> Shell:
    return Shell(*demo, open_store(tmp_path))


@pytest.fixture
def fixture_shell(fixtures: tuple[Library, Course], tmp_path: Path) -> Shell:
    return Shell(*fixtures, open_store(tmp_path, language="en"))


@pytest.fixture
def open_demo(qtbot, demo_shell: Shell) -> Iterator[OpenQuiz]:  # type: ignore[no-untyped-def]
    views: list[QuizView] = []
    yield opener(qtbot, demo_shell, views)
    for view in views:
        view.close_unit()


@pytest.fixture
def open_fixture(qtbot, fixture_shell: Shell) -> Iterator[OpenQuiz]:  # type: ignore[no-untyped-def]
    views: list[QuizView] = []
    yield opener(qtbot, fixture_shell, views)
    for view in views:
        view.close_unit()


def answer_all(view: QuizView, keys: dict, choose, qtbot) -> list[float]:  # type: ignore[no-untyped-def]
    """Answer and check every question of the attempt in its order; the scores shown."""
    scores = []
    for index in range(len(view.widgets)):
        view.go_to(index)
        widget = view.current
        give(widget, choose(keys[widget.question.id]), qtbot)
        assert view.check(), widget.problem.text()
        assert widget.read_only and widget.result.isVisible()
        scores.append(view.grades[widget.question.id].score)
    return scores


def finish(view: QuizView) -> None:
    view.finish()
    if view.confirmation is not None:
        accept = view.confirmation.buttons()[0]
        accept.click()
    QApplication.processEvents()


# -- the demo quiz ----------------------------------------------------------------------------


def test_demo_quiz_all_right_passes_and_queues_each_answer(  # type: ignore[no-untyped-def]
    qtbot, open_demo: OpenQuiz, demo_shell: Shell
) -> None:
    keys = keys_of(DEMO_QUIZ_KEYS)
    view = open_demo()
    assert view.pages.currentWidget() is view.start_page
    assert view.start_facts.text().startswith("9 questions")
    view.start_button.click()
    assert view.pages.currentWidget() is view.question_page
    assert {w.question.type for w in view.widgets} == {
        "single",
        "multiple",
        "truefalse",
        "short",
        "numeric",
        "matching",
    }
    assert any(w.question.text_after for w in view.widgets), "a missing-word question"
    assert answer_all(view, keys, right_response, qtbot) == [1.0] * 9
    finish(view)
    assert view.pages.currentWidget() is view.results_page
    assert view.attempt is not None and view.attempt.score == 1.0 and view.attempt.passed
    assert "100" in view.results_title.text()
    assert view.retry_button.isVisible(), "practice: unlimited attempts"

    queued = [s for s in statements(demo_shell) if "/unit/phenomene-quiz" in s.object_id]
    answered = [s for s in queued if s.verb == "answered"]
    assert [s.object_id.rsplit("/", 1)[1] for s in answered] == [
        w.question.id for w in view.widgets
    ]
    for stmt, widget in zip(answered, view.widgets, strict=True):
        question = keys[widget.question.id]
        definition = stmt.body["object"]["definition"]
        assert definition["type"] == CMI_INTERACTION
        assert definition["interactionType"] == interactions.INTERACTION_TYPES[question.type]
        assert stmt.result["success"] is True and stmt.result["score"]["scaled"] == 1.0
        expected = interactions.response_string(question, widget.response())
        assert stmt.result["response"] == expected
    verbs = [s.verb for s in queued]
    assert verbs.index("passed") > verbs.index("answered")
    passed = next(s for s in queued if s.verb == "passed")
    assert passed.result["score"]["scaled"] == 1.0 and passed.result["success"] is True
    assert "completed" in verbs
    assert demo_shell.store.unit(demo_shell.course, DEMO_QUIZ).status == "passed"


def test_demo_quiz_all_wrong_fails_with_feedback(  # type: ignore[no-untyped-def]
    qtbot, open_demo: OpenQuiz, demo_shell: Shell
) -> None:
    keys = keys_of(DEMO_QUIZ_KEYS)
    view = open_demo()
    view.start_attempt()
    assert answer_all(view, keys, wrong_response, qtbot) == [0.0] * 9
    for widget in view.widgets:
        assert widget.result.text().startswith("\u2717")
        assert widget.general.isVisibleTo(widget), "every question has general feedback"
    single = next(w for w in view.widgets if w.question.id == "stanford-2011")
    chosen = next(i for i, b in enumerate(single.buttons) if b.isChecked())
    assert single.marks[chosen].isVisibleTo(single)
    assert "Non" in single.marks[chosen].text(), "the chosen answer's own feedback"
    finish(view)
    assert view.attempt is not None and view.attempt.score == 0.0 and not view.attempt.passed
    queued = statements(demo_shell)
    failed = next(s for s in queued if s.verb == "failed")
    assert failed.result["score"]["scaled"] == 0.0 and failed.result["success"] is False
    answered = [s for s in queued if s.verb == "answered"]
    assert all(s.result["success"] is False for s in answered)
    assert all(s.result["score"]["scaled"] == 0.0 for s in answered)
    assert demo_shell.store.unit(demo_shell.course, DEMO_QUIZ).status == "failed"


def test_a_wrong_answer_shows_the_right_one_and_a_right_answer_nothing_more(  # type: ignore[no-untyped-def]
    qtbot, open_demo: OpenQuiz
) -> None:
    keys = keys_of(DEMO_QUIZ_KEYS)
    view = open_demo()
    view.start_attempt()
    answer_all(view, keys, wrong_response, qtbot)
    said = {}
    for widget in view.widgets:
        q = widget.question
        shown = [m.text() for m in widget.marks if m.isVisibleTo(widget)]
        said[q.id] = shown
        if q.type in ("single", "truefalse", "multiple"):
            if q.type == "truefalse":
                right = [0 if q.answer else 1]
            else:
                best = max(c.weight or 0 for c in q.choices)
                right = [
                    i
                    for i, c in enumerate(q.choices)
                    if (c.weight or 0) > 0 and (q.type == "multiple" or c.weight == best)
                ]
            wanted = "Right answer, not chosen" if q.type == "multiple" else "Right answer"
            for index in right:
                assert not widget.buttons[index].isChecked()
                assert widget.marks[index].isVisibleTo(widget), (q.id, index)
                assert wanted in widget.marks[index].text(), (q.id, index)
                assert wanted in widget.buttons[index].accessibleDescription()
        elif q.type == "matching":
            assert len(shown) == len(q.sources)
            assert all("Right match: " in text for text in shown), shown
    assert "Right answer: \u2068CLOM\u2069" in said["sigle-francais"][0]
    assert "Right answer: 196" in said["pays"][0]
    assert "Right answer: between 75 and 85" in said["etats-unis"][0]
    acteurs = next(w for w in view.widgets if w.question.id == "acteurs")
    assert "Right match: \u2068OpenCourseWare\u2069" in " ".join(said["acteurs"])
    assert "Right match:" in acteurs.combos[0].accessibleDescription()
    short = next(w for w in view.widgets if w.question.id == "sigle-francais")
    assert "Right answer: \u2068CLOM\u2069" in short.line.accessibleDescription()  # type: ignore[union-attr]

    finish(view)
    view.start_attempt()  # all right: no answer is pointed at as the right one
    answer_all(view, keys, right_response, qtbot)
    for widget in view.widgets:
        marks = " ".join(m.text() for m in widget.marks if m.isVisibleTo(widget))
        assert "Right answer" not in marks and "Right match" not in marks, widget.question.id


def test_an_exam_question_never_shows_a_right_answer(qtbot) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from player.course.grading import Grade
    from player.ui.question_widgets import QuestionWidget

    for question in keys_of(DEMO_QUIZ_KEYS).values():
        widget = QuestionWidget(dataclasses.replace(question, has_key=False))  # as exams ship
        qtbot.addWidget(widget)
        widget.show_grade(Grade(0.0, False))
        assert all("Right" not in m.text() for m in widget.marks), question.id


def test_texts_follow_the_interface_language(qtbot, qapp, open_demo: OpenQuiz) -> None:  # type: ignore[no-untyped-def]
    view = open_demo()
    assert view.notice_repair.text() == "Repair this course"
    with french(qapp):
        qtbot.waitUntil(lambda: view.notice_repair.text() != "Repair this course", timeout=5000)
        assert view.start_button.text() == "&Commencer le quiz"
    qtbot.waitUntil(lambda: view.notice_repair.text() == "Repair this course", timeout=5000)
    assert view.start_button.text() == "&Start the quiz"


def test_demo_quiz_partial_credit(qtbot, open_demo: OpenQuiz, demo_shell: Shell) -> None:  # type: ignore[no-untyped-def]
    view = open_demo()
    view.start_attempt()
    by_id = {w.question.id: i for i, w in enumerate(view.widgets)}
    match = dict(keys_of(DEMO_QUIZ_KEYS)["acteurs"].pairs)
    partial = {
        "pionniers": frozenset({"a", "b", "c"}),  # 50 + 50 - 50
        "sigle-francais": "  Cours en ligne OUVERTS aux masses ",  # 50 %, case and spaces
        "pays": 200.0,  # within 196 ± 15: half
        "acteurs": (("s1", match["s1"]), ("s2", match["s2"]), ("s3", match["s1"])),  # 2 of 5
    }
    expected = {"pionniers": 0.5, "sigle-francais": 0.5, "pays": 0.5, "acteurs": 0.4}
    for qid, response in partial.items():
        view.go_to(by_id[qid])
        widget = view.current
        give(widget, response, qtbot)
        assert view.check()
        assert view.grades[qid].score == pytest.approx(expected[qid]), qid
        assert widget.result.text().startswith("\u25d1"), "partly right"
    finish(view)  # four answered, five left empty: counted 0 after a confirmation
    total = sum(expected.values()) / 9
    assert view.attempt is not None and view.attempt.score == pytest.approx(total, abs=1e-6)
    answered = {
        s.object_id.rsplit("/", 1)[1]: s for s in statements(demo_shell) if s.verb == "answered"
    }
    assert set(answered) == set(partial)
    for qid, value in expected.items():
        assert answered[qid].result["score"]["scaled"] == pytest.approx(value)
        assert answered[qid].result["success"] is False


def test_check_needs_an_answer_and_a_number_accepts_a_decimal_comma(  # type: ignore[no-untyped-def]
    qtbot, open_demo: OpenQuiz, demo_shell: Shell
) -> None:
    view = open_demo()
    view.start_attempt()
    numeric = next(i for i, w in enumerate(view.widgets) if w.question.id == "pays")
    view.go_to(numeric)
    widget = view.current
    assert not view.check()
    assert widget.problem.isVisible() and not widget.read_only
    assert widget.line is not None
    qtbot.keyClicks(widget.line, "cent")
    assert not view.check()
    assert widget.problem.text() == "Type a number, such as 3.14."
    widget.line.clear()
    qtbot.keyClicks(widget.line, "196,0")  # English: a comma groups thousands, so ask
    assert not view.check()
    assert "such as 3.14" in widget.problem.text() and not widget.read_only
    with french(QApplication.instance()):
        assert widget.input_problem() == ""  # the interface in French: a decimal comma
        assert view.check() and view.grades["pays"].correct
    assert [s.verb for s in statements(demo_shell)].count("answered") == 1


def test_a_percentage_typed_with_its_percent_sign_is_the_number(  # type: ignore[no-untyped-def]
    qtbot, open_demo: OpenQuiz, demo_shell: Shell
) -> None:
    """The audit's "quel pourcentage…" (75..85) answered "80 %" got "Saisissez un nombre"."""
    view = open_demo()
    view.start_attempt()
    view.go_to(next(i for i, w in enumerate(view.widgets) if w.question.id == "etats-unis"))
    widget = view.current
    assert widget.line is not None
    qtbot.keyClicks(widget.line, "80%")
    assert widget.input_problem() == "" and widget.response() == 80.0
    widget.line.clear()
    qtbot.keyClicks(widget.line, "80\u00a0%")  # French typography: a no-break space before %
    with french(QApplication.instance()):
        assert widget.input_problem() == ""
        assert view.check() and view.grades["etats-unis"].correct
    assert widget.answer_text() == "80"
    answered = [s for s in statements(demo_shell) if s.verb == "answered"]
    assert [s.result["response"] for s in answered] == ["80"]


SHARES_TOML = """\
format = 1
id = "shares"
version = "1.0.0"
title = "Shares"
language = "fr"
summary = "A share asked as a fraction, a percentage asked as its figure."
authors = ["Tests"]
licence = "GPL-3.0-or-later"

[publisher]
name = "Fixture University"

[[modules]]
id = "m1"
title = "Shares"
folder = "m1"

  [[modules.units]]
  id = "shares-quiz"
  type = "quiz"
  title = "Shares"
  gift = "shares.gift"
"""
SHARES_GIFT = """\
::part::Quelle part des cours est en ligne ? {#0.8:0.05#Oui : 0,8.}

::pourcentage::Quel pourcentage des cours est en ligne ? {#75..85#Oui : 80 %.}

::facteur::Quelle part des cours est en ligne ? {#0.8#Oui : 0,8.}
"""


@pytest.fixture(scope="module")
def shares(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Course]:
    work = tmp_path_factory.mktemp("shares")
    (work / "src" / "m1").mkdir(parents=True)
    (work / "src" / "course.toml").write_text(SHARES_TOML, encoding="utf-8")
    (work / "src" / "m1" / "shares.gift").write_text(SHARES_GIFT, encoding="utf-8")
    return install(work / "src", work)


def test_a_percentage_answers_a_fraction_key_with_its_fraction(  # type: ignore[no-untyped-def]
    qtbot, qapp, shares: tuple[Library, Course], tmp_path: Path
) -> None:
    """A key of 0.8 (0.75..0.85) answered "80 %" was graded as 80 and marked wrong; the grade,
    the statement's result.response and the review all say 0.8 now, and a key of 75..85 still
    takes "80 %" as 80."""
    shell = Shell(*shares, open_store(tmp_path))
    view = opener(qtbot, shell, [])("shares-quiz")
    try:
        view.start_attempt()
        with french(qapp):
            for question_id, typed in (("part", "80\u00a0%"), ("pourcentage", "80 %")):
                view.go_to(
                    next(i for i, w in enumerate(view.widgets) if w.question.id == question_id)
                )
                widget = view.current
                assert widget.line is not None
                qtbot.keyClicks(widget.line, typed)
                assert widget.input_problem() == ""
                assert view.check()
                assert view.grades[question_id].correct, question_id
                assert view.grades[question_id].feedback == (
                    "Oui : 0,8." if question_id == "part" else "Oui : 80 %.",
                )
                assert widget.result.text().startswith(RIGHT), widget.result.text()
            answers = {w.question.id: w.answer_text() for w in view.widgets}
        assert answers == {"part": "0,8", "pourcentage": "80", "facteur": ""}
        answered = [s.result["response"] for s in statements(shell) if s.verb == "answered"]
        assert answered == ["0.8", "80"]
    finally:
        view.close_unit()


def test_a_percentage_on_the_wrong_scale_is_graded_as_read(  # type: ignore[no-untyped-def]
    qtbot, qapp, shares: tuple[Library, Course], tmp_path: Path
) -> None:
    """A key of 0.8 answered "0,8 %" was graded as 0.8, right, the factor of 100 excused; it is
    0.008 now, wrong, and the review and result.response show the 0.008 graded."""
    shell = Shell(*shares, open_store(tmp_path))
    view = opener(qtbot, shell, [])("shares-quiz")
    try:
        view.start_attempt()
        with french(qapp):
            view.go_to(next(i for i, w in enumerate(view.widgets) if w.question.id == "facteur"))
            widget = view.current
            assert widget.line is not None
            qtbot.keyClicks(widget.line, "0,8\u00a0%")
            assert widget.input_problem() == "" and widget.response() == 0.008
            assert view.check()
            assert view.grades["facteur"].score == 0.0
            assert not widget.result.text().startswith(RIGHT), widget.result.text()
            assert widget.answer_text() == "0,008"
        answered = [s.result["response"] for s in statements(shell) if s.verb == "answered"]
        assert answered == ["0.008"]
    finally:
        view.close_unit()


def test_a_percentage_to_an_exam_question_asks_for_the_number_alone(qtbot, qapp) -> None:  # type: ignore[no-untyped-def]
    """No key on the device: "80 %" is 80 or 0.8 to the institution's, so the learner is asked;
    80 is the answer meanwhile (saved, as before percentages were read: nothing typed lost)."""
    from player.ui.question_widgets import QuestionWidget

    question = keys_of(DEMO_QUIZ_KEYS)["etats-unis"]
    widget = QuestionWidget(question.without_answers())  # as exams ship
    qtbot.addWidget(widget)
    assert widget.line is not None
    qtbot.keyClicks(widget.line, "80 %")
    assert widget.response() == 80.0
    assert widget.input_problem() == "Type the number alone, without the % sign."
    widget.line.clear()
    qtbot.keyClicks(widget.line, "80")
    assert widget.input_problem() == "" and widget.response() == 80.0


def test_seeded_order_is_the_attempts_and_comes_back_after_a_restart(  # type: ignore[no-untyped-def]
    qtbot, open_demo: OpenQuiz, demo_shell: Shell
) -> None:
    keys = keys_of(DEMO_QUIZ_KEYS)
    view = open_demo()
    view.start_attempt()
    attempt = view.attempt
    assert attempt is not None
    unit = demo_shell.course.unit(DEMO_QUIZ)
    order = shuffled(unit.questions, attempt.seed, False, True)  # type: ignore[union-attr]
    assert [w.question for w in view.widgets] == list(order)
    for index in (0, 1, 2):
        view.go_to(index)
        give(view.current, right_response(keys[view.current.question.id]), qtbot)
        assert view.check()
    view.go_to(4)
    shown = [[b.text() for b in w.buttons] for w in view.widgets]
    view.close_unit()  # the app closes (or a crash: the position is saved on every move)

    again = open_demo()
    assert again.pages.currentWidget() is again.question_page, "the unfinished attempt resumes"
    assert again.attempt is not None and again.attempt.id == attempt.id
    assert again.index == 4
    assert [[b.text() for b in w.buttons] for w in again.widgets] == shown
    for widget in again.widgets[:3]:
        assert widget.read_only and widget.result.text().startswith("\u2713")
        assert widget.response() == right_response(keys[widget.question.id]) or (
            widget.question.type in ("short", "numeric")
        )
    assert not again.widgets[3].read_only


def test_long_questions_wrap_in_the_results_without_a_horizontal_scroll_bar(  # type: ignore[no-untyped-def]
    qtbot, open_fixture: OpenQuiz
) -> None:
    view = open_fixture("moodle")
    view.resize(900, 650)  # the quiz beside the course outline in a 1280x720 window
    view.start_attempt()
    finish(view)
    listing = view.results_list
    QApplication.processEvents()
    assert not listing.horizontalScrollBar().isVisible()
    assert listing.horizontalScrollBar().maximum() == 0
    long = listing.item(7)
    assert long.text().startswith("\u2717 8. \u2068The American holiday of Thanksgiving")
    assert "Thursday of November.\u2069 \u2014 not answered" in long.text()  # whole, not cut at 80
    short = listing.visualItemRect(listing.item(0))
    wrapped = listing.visualItemRect(long)
    assert wrapped.height() > short.height() and wrapped.right() <= listing.viewport().width()


def test_the_results_put_the_keyboard_on_try_again_after_finishing_and_when_reopened(  # type: ignore[no-untyped-def]
    qtbot, open_fixture: OpenQuiz
) -> None:
    view = open_fixture("moodle")  # two attempts
    view.start_attempt()
    finish(view)
    assert view.focusProxy() is view.retry_button
    assert QApplication.focusWidget() is view.retry_button
    view.close_unit()
    reopened = open_fixture("moodle")
    assert reopened.pages.currentWidget() is reopened.results_page
    assert reopened.focusProxy() is reopened.retry_button, "as right after finishing"
    reopened.retry_button.click()
    finish(reopened)  # every attempt used: reviewing is what is left, both times
    assert reopened.focusProxy() is reopened.review_button
    reopened.close_unit()
    last = open_fixture("moodle")
    assert last.focusProxy() is last.review_button


def test_attempts_are_limited_as_the_course_says(  # type: ignore[no-untyped-def]
    qtbot, open_fixture: OpenQuiz, fixture_shell: Shell
) -> None:
    view = open_fixture("moodle")
    assert "Attempts left: 2 of 2" in view.start_facts.text()
    for number in (1, 2):
        view.start_button.click() if number == 1 else view.retry_button.click()
        assert view.attempt is not None and view.attempt.number == number
        finish(view)
        assert view.pages.currentWidget() is view.results_page
    assert not view.retry_button.isVisible()
    assert view.results_attempts.text() == "You have used every attempt of this quiz."
    reopened = open_fixture("moodle")
    assert reopened.pages.currentWidget() is reopened.results_page
    assert not reopened.retry_button.isVisible()
    reopened.review(0)
    assert all(w.read_only for w in reopened.widgets)
    assert [s.verb for s in statements(fixture_shell)].count("failed") == 2


# -- a course built from the shared GIFT fixtures ---------------------------------------------


def test_every_moodle_example_right_then_wrong(  # type: ignore[no-untyped-def]
    qtbot, open_fixture: OpenQuiz, fixture_shell: Shell
) -> None:
    keys = keys_of(GIFT / "moodle-examples.gift")
    view = open_fixture("moodle")
    view.start_attempt()
    assert len(view.widgets) == 43
    assert answer_all(view, keys, right_response, qtbot) == [1.0] * 43
    finish(view)
    assert view.attempt is not None and view.attempt.score == 1.0
    view.retry_button.click()
    scores = answer_all(view, keys, wrong_response, qtbot)
    for widget, score in zip(view.widgets, scores, strict=True):
        expected = grade(keys[widget.question.id], wrong_response(keys[widget.question.id]))
        assert score == expected.score, widget.question.id
    assert max(scores) < 1.0
    finish(view)
    answered = [s for s in statements(fixture_shell) if s.verb == "answered"]
    assert len(answered) == 86
    numeric = [
        s for s in answered if s.body["object"]["definition"]["interactionType"] == "numeric"
    ]
    assert numeric and all(s.result.get("response") for s in numeric)


def test_finishing_checks_an_answer_of_false_or_zero(  # type: ignore[no-untyped-def]
    qtbot, open_fixture: OpenQuiz
) -> None:
    view = open_fixture("moodle")
    view.start_attempt()
    false = next(w for w in view.widgets if w.question.id == "q3")  # {FALSE}
    give(false, False, qtbot)
    assert false.response() is False
    finish(view)
    assert view.attempt is not None and view.attempt.answer("q3") is not None
    assert view.grades["q3"].correct
    numbers = open_fixture("numbers")
    numbers.start_attempt()
    zero = next(w for w in numbers.widgets if w.question.id == "q8")  # {#-5..5}
    give(zero, 0.0, qtbot)
    finish(numbers)
    assert numbers.attempt is not None and numbers.attempt.answer("q8") is not None
    assert numbers.grades["q8"].correct


def test_markdown_and_html_questions_are_shown_safely(  # type: ignore[no-untyped-def]
    qtbot, open_fixture: OpenQuiz
) -> None:
    view = open_fixture("moodle")
    view.start_attempt()
    markdown = next(w for w in view.widgets if w.question.id == "q25")
    assert "<strong>Grant's tomb</strong>" in markdown.text.text()
    numbers = open_fixture("numbers")
    numbers.start_attempt()
    grasp = next(w for w in numbers.widgets if w.question.format == "html")
    assert "Combien de principes GRASP" in grasp.text.text()
    assert grasp.line is not None
    qtbot.keyClicks(grasp.line, "23")
    numbers.go_to(numbers.widgets.index(grasp))
    assert numbers.check()
    assert "href" not in grasp.feedback.text() and "23 Patterns GoF" in grasp.feedback.text()


def test_numeric_fixtures_with_shuffled_questions(  # type: ignore[no-untyped-def]
    qtbot, open_fixture: OpenQuiz
) -> None:
    keys = keys_of(GIFT / "gift-peg-numerical1.gift")
    view = open_fixture("numbers")
    view.start_attempt()
    assert view.attempt is not None
    unit = view.quiz
    assert [w.question.id for w in view.widgets] == [
        q.id for q in shuffled(unit.questions, view.attempt.seed, True, True)
    ]
    assert answer_all(view, keys, right_response, qtbot) == [1.0] * 10
    finish(view)
    assert view.attempt.score == 1.0


# -- keyboard only ----------------------------------------------------------------------------


def key(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def test_the_demo_quiz_with_the_keyboard_alone(  # type: ignore[no-untyped-def]
    qtbot, open_demo: OpenQuiz, demo_shell: Shell
) -> None:
    keys = keys_of(DEMO_QUIZ_KEYS)
    view = open_demo()
    view.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.start_button.hasFocus)
    key(qtbot, Qt.Key.Key_Return)
    assert view.pages.currentWidget() is view.question_page
    for number in range(len(view.widgets)):
        widget = view.current
        assert view.index == number
        assert QApplication.focusWidget() is widget.first_input(), "focus on the first input"
        keyboard_answer(qtbot, widget, right_response(keys[widget.question.id]))
        key(qtbot, Qt.Key.Key_Return)  # Enter checks the question
        assert widget.read_only, (widget.question.id, widget.problem.text())
        assert view.grades[widget.question.id].correct, widget.question.id
        if number < len(view.widgets) - 1:
            assert QApplication.focusWidget() is view.next_button
            key(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is view.finish_button
    key(qtbot, Qt.Key.Key_Space)
    assert view.pages.currentWidget() is view.results_page
    assert view.attempt is not None and view.attempt.passed


def test_enter_or_escape_on_finish_with_questions_unanswered_goes_back(  # type: ignore[no-untyped-def]
    qtbot, open_demo: OpenQuiz, demo_shell: Shell
) -> None:
    """Finish with 8 of 9 questions unanswered asks first (they count as wrong): Enter ended
    the attempt there (learner's-eye run u1, en-07, fr-50) while the exam's question goes back.
    Enter and Escape go back; Alt+F finishes."""
    keys = keys_of(DEMO_QUIZ_KEYS)
    view = open_demo()
    view.activateWindow()
    view.start_attempt()
    give(view.current, right_response(keys[view.current.question.id]), qtbot)
    assert view.check()
    for which in (Qt.Key.Key_Return, Qt.Key.Key_Escape):
        view.finish_button.click()
        box = view.confirmation
        assert box is not None and "8 questions are not answered" in box.text()
        back = box.defaultButton()
        assert back.text() == "&Go back" and box.escapeButton() is back
        qtbot.waitUntil(lambda b=back: QApplication.focusWidget() is b)
        key(qtbot, which)
        qtbot.waitUntil(lambda: view.confirmation is None)
        assert view.attempt is not None and not view.attempt.finished, which
        assert view.pages.currentWidget() is view.question_page
    view.finish_button.click()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view.confirmation.defaultButton())  # type: ignore[union-attr]
    key(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # a deliberate choice finishes
    qtbot.waitUntil(lambda: view.attempt is not None and view.attempt.finished)
    assert view.pages.currentWidget() is view.results_page


def test_going_back_from_finish_leaves_an_answer_not_checked_as_it_was(  # type: ignore[no-untyped-def]
    qtbot, open_demo: OpenQuiz, demo_shell: Shell
) -> None:
    """Learner's-eye run f1 #1: question 1 checked, a choice picked in another and not checked,
    Alt+F, then Enter ("Go back"). That answer was graded before the question opened (its
    verdict and the right answer behind it) and locked after Go back, while the header still
    said "1 of 9 questions checked" and Check was still shown. Nothing is graded until Finish
    is confirmed; the question says the answer will be checked; Go back changes nothing."""
    keys = keys_of(DEMO_QUIZ_KEYS)
    view = open_demo()
    view.activateWindow()
    view.start_attempt()
    give(view.current, right_response(keys[view.current.question.id]), qtbot)
    assert view.check()
    picked = next(i for i, w in enumerate(view.widgets) if i and w.question.type == "single")
    view.go_to(picked)
    widget = view.current
    first, second = widget.buttons[0], widget.buttons[1]
    qtbot.waitUntil(first.hasFocus)
    key(qtbot, Qt.Key.Key_Down)  # picked, not checked
    assert widget.response() == widget.question.choices[1].id
    key(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: view.confirmation is not None)  # a mnemonic clicks a moment later
    box = view.confirmation
    assert box is not None
    qid = widget.question.id
    assert qid not in view.grades, "graded before Finish was confirmed"
    assert not widget.read_only and not widget.result.isVisible()
    assert view.attempt is not None and view.attempt.answer(qid) is None, "nothing recorded"
    assert "7 questions are not answered" in box.text(), box.text()
    assert "checked when you finish" in box.text(), box.text()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box.defaultButton())
    key(qtbot, Qt.Key.Key_Return)  # Go back
    qtbot.waitUntil(lambda: view.confirmation is None)
    assert view.pages.currentWidget() is view.question_page
    assert qid not in view.grades and not widget.read_only and not widget.result.isVisible()
    assert "1 of 9 questions checked" in view.attempt_label.text()
    assert view.check_button.isVisible()
    second.setFocus()
    qtbot.waitUntil(second.hasFocus)
    key(qtbot, Qt.Key.Key_Up)  # still changeable
    assert first.isChecked() and widget.response() == widget.question.choices[0].id
    key(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)  # and Check checks it
    qtbot.waitUntil(lambda: qid in view.grades)
    assert widget.read_only
    assert "2 of 9 questions checked" in view.attempt_label.text()
    # confirmed, the answers not checked yet are checked, then the attempt ends
    last = next(
        i for i, w in enumerate(view.widgets) if w.question.id not in view.grades and w.buttons
    )
    view.go_to(last)
    give(view.current, right_response(keys[view.current.question.id]), qtbot)
    finish(view)
    assert view.attempt is not None and view.attempt.finished
    assert view.current.question.id in view.grades and view.grades[view.current.question.id].correct
    assert view.attempt.answer(view.current.question.id) is not None


def test_a_letter_typed_alone_on_the_finish_question_finishes_nothing(  # type: ignore[no-untyped-def]
    qtbot, qapp, open_demo: OpenQuiz, demo_shell: Shell
) -> None:
    """QMessageBox pressed "&Finish" for a bare "f" (no Alt), « &Terminer » for a bare "t" in
    French (review r8): a letter the learner was still typing ended the attempt, every empty
    question counted wrong. A letter alone does nothing; Alt+F still finishes."""
    view = open_demo()
    view.activateWindow()
    view.start_attempt()

    def asked() -> QAbstractButton:
        view.finish_button.click()
        box = view.confirmation
        assert box is not None
        qtbot.waitUntil(lambda: QApplication.focusWidget() is box.defaultButton())
        return box.defaultButton()

    for letter in (Qt.Key.Key_F, Qt.Key.Key_G, Qt.Key.Key_1):  # its letter, Go back's, a digit
        back = asked()
        key(qtbot, letter)
        key(qtbot, letter, Qt.KeyboardModifier.ShiftModifier)
        assert nothing_pressed(view), letter
        assert QApplication.focusWidget() is back
        key(qtbot, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: view.confirmation is None)
        assert view.attempt is not None and not view.attempt.finished, letter
    with french(qapp):
        asked()
        assert yes_text(view) == "&Terminer"
        key(qtbot, Qt.Key.Key_T)
        assert nothing_pressed(view)
        key(qtbot, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: view.confirmation is None)
        assert view.attempt is not None and not view.attempt.finished
    asked()
    key(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)  # a deliberate choice finishes
    qtbot.waitUntil(lambda: view.attempt is not None and view.attempt.finished)
    assert view.pages.currentWidget() is view.results_page


def nothing_pressed(view) -> bool:  # type: ignore[no-untyped-def]
    """The question still open and none of its buttons down: a mnemonic press holds its button
    down at once (QAbstractButton.animateClick), and clicks it a moment later."""
    box = view.confirmation
    return box is not None and box.isVisible() and not any(b.isDown() for b in box.buttons())


def yes_text(view) -> str:  # type: ignore[no-untyped-def]
    """The text of the open question's button that says yes (not its default, Go back)."""
    box = view.confirmation
    assert box is not None
    return next(b.text() for b in box.buttons() if b is not box.defaultButton())


def keyboard_answer(qtbot, widget, response) -> None:  # type: ignore[no-untyped-def]
    """Arrow keys in a radio group, Tab and Space over check boxes, typing, combo arrows."""
    q = widget.question
    focus = QApplication.focusWidget
    if q.type in ("single", "truefalse"):
        target = (
            next(i for i, c in enumerate(q.choices) if c.id == response)
            if q.type == "single"
            else (0 if response else 1)
        )
        assert focus() is widget.buttons[0]
        key(qtbot, Qt.Key.Key_Space)
        for _ in range(target):
            key(qtbot, Qt.Key.Key_Down)
        assert widget.buttons[target].isChecked() and focus() is widget.buttons[target]
    elif q.type == "multiple":
        for index, choice in enumerate(q.choices):
            assert focus() is widget.buttons[index]
            if choice.id in response:
                key(qtbot, Qt.Key.Key_Space)
            if index < len(q.choices) - 1:
                key(qtbot, Qt.Key.Key_Tab)
        assert widget.response() == response
        for _ in range(len(q.choices) - 1):
            key(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    elif q.type in ("short", "numeric"):
        text = response if isinstance(response, str) else str(response).replace(".", ",")
        qtbot.keyClicks(focus(), text.removesuffix(",0"))
    else:
        wanted = dict(response)
        for index, (source, combo) in enumerate(zip(q.sources, widget.combos, strict=True)):
            assert focus() is combo
            while combo.currentData() != wanted[source.id]:
                key(qtbot, Qt.Key.Key_Down)
            if index < len(q.sources) - 1:
                key(qtbot, Qt.Key.Key_Tab)
        for _ in range(len(q.sources) - 1):
            key(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)


def test_accessible_names_say_the_question_and_the_choice(  # type: ignore[no-untyped-def]
    open_demo: OpenQuiz,
) -> None:
    view = open_demo()
    view.start_attempt()
    for widget in view.widgets:
        assert widget.accessibleName().startswith(f"Question {view.widgets.index(widget) + 1} of 9")
        for button in widget.buttons:
            assert button.accessibleName() or button.text()
        for combo in widget.combos:
            assert combo.accessibleName().startswith("Match for: ")
        if widget.line is not None:
            assert widget.line.accessibleName().startswith("Answer to question: ")
    blank = next(w for w in view.widgets if w.question.text_after)
    assert "(blank)" in blank.text.accessibleName()
    assert view.check_button.text() == "Chec&k" and view.next_button.text().startswith("&")


def test_reviewing_an_unanswered_question_says_it_was_not_answered(  # type: ignore[no-untyped-def]
    qtbot, open_demo: OpenQuiz
) -> None:
    """A reviewed question says what became of it, an unanswered one too: "Not answered" is
    shown where the other verdicts are, and said on the input the keyboard lands on."""
    keys = keys_of(DEMO_QUIZ_KEYS)
    view = open_demo()
    view.start_attempt()
    answered = view.current
    give(answered, right_response(keys[answered.question.id]), qtbot)
    assert view.check()
    finish(view)
    assert view.pages.currentWidget() is view.results_page
    view.review(1)
    widget = view.current
    assert widget.question.id not in view.grades
    assert widget.result.isVisible(), "a verdict, as an answered question has"
    assert widget.result.text() == "\u2717 Not answered"
    assert "Not answered" in widget.accessibleDescription()
    assert "Not answered" in widget.first_input().accessibleDescription()
    view.review(0)
    assert view.current.result.text() == "\u2713 Right"
    assert "Not answered" not in view.current.first_input().accessibleDescription()

    reopened = open_demo()  # the finished attempt read again from the store
    reopened.review(1)
    assert reopened.current.result.isVisible()
    assert reopened.current.result.text() == "\u2717 Not answered"


def test_the_not_answered_verdict_stays_through_a_language_change(  # type: ignore[no-untyped-def]
    qapp, open_demo: OpenQuiz
) -> None:
    view = open_demo()
    view.start_attempt()
    finish(view)
    view.review(0)
    with french(qapp):
        assert view.current.result.isVisible()
        assert view.current.result.text().startswith("\u2717 ")
    assert view.current.result.text() == "\u2717 Not answered"


# -- answers not checked yet ------------------------------------------------------------------


def drafts_of(view: QuizView) -> dict[str, str]:
    """What the records file keeps of the attempt's answers not checked yet."""
    assert view.assessment is not None and view.attempt is not None
    kept = view.assessment.assessments.quiz_drafts(view._profile_id, view.attempt.id)
    return {qid: draft.response for qid, draft in kept.items()}


def index_of(view: QuizView, question_id: str) -> int:
    return next(i for i, w in enumerate(view.widgets) if w.question.id == question_id)


def test_answers_not_checked_come_back_after_quitting(  # type: ignore[no-untyped-def]
    qtbot, open_demo: OpenQuiz, demo_shell: Shell
) -> None:
    """The tester's case: a short answer and a number typed, a choice made, none checked, then
    Ctrl+Q (which closes the unit) and a restart: the same attempt shows them again, unchecked,
    the keyboard in the number field with the caret after what was typed."""
    view = open_demo()
    view.start_attempt()
    attempt = view.attempt
    assert attempt is not None
    view.go_to(index_of(view, "hybride"))
    give(view.current, True, qtbot)  # a choice is kept at once
    assert drafts_of(view) == {"hybride": "true"}
    view.go_to(index_of(view, "sigle-francais"))
    short = view.current
    assert short.line is not None
    qtbot.keyClicks(short.line, "Formation en ligne ouverte")
    view.go_to(index_of(view, "pays"))  # moving on keeps what was typed at once
    assert drafts_of(view)["sigle-francais"] == "Formation en ligne ouverte"
    number = view.current
    assert number.line is not None
    qtbot.keyClicks(number.line, "196,5")  # not even a number in English yet: kept as typed
    view.close_unit()  # Ctrl+Q closes the open unit before the window goes, at once
    assert [s.verb for s in statements(demo_shell)].count("answered") == 0, "no statement"

    again = open_demo()
    assert again.attempt is not None and again.attempt.id == attempt.id
    assert again.pages.currentWidget() is again.question_page
    assert again.index == index_of(again, "pays"), "on the question the learner was at"
    shown = {w.question.id: w for w in again.widgets}
    assert shown["sigle-francais"].line.text() == "Formation en ligne ouverte"  # type: ignore[union-attr]
    assert shown["hybride"].response() is True
    line = shown["pays"].line
    assert line is not None and line.text() == "196,5"
    assert not again.grades and not any(w.read_only for w in again.widgets), "nothing checked"
    assert again.check_button.isVisibleTo(again)
    again.activateWindow()
    again.setFocus()  # as the shell does once the unit is open
    qtbot.waitUntil(line.hasFocus)
    assert line.cursorPosition() == len("196,5")

    again.go_to(index_of(again, "hybride"))
    assert again.check() and again.grades["hybride"].correct
    assert set(drafts_of(again)) == {"sigle-francais", "pays"}, "checked: no longer a draft"
    assert [s.verb for s in statements(demo_shell)].count("answered") == 1


def test_typing_is_kept_after_a_pause_not_on_every_key(  # type: ignore[no-untyped-def]
    qtbot, open_demo: OpenQuiz, demo_shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A power cut while the learner thinks loses nothing typed: the answer is written once
    the typing pauses, in one small write for the whole word, and a later view finds it."""
    view = open_demo()
    view.start_attempt()
    assert view.assessment is not None
    store = view.assessment.assessments
    writes: list[str] = []
    save = store.save_quiz_draft

    def counted(session, attempt_id, question_id, text):  # type: ignore[no-untyped-def]
        writes.append(text)
        return save(session, attempt_id, question_id, text)

    monkeypatch.setattr(store, "save_quiz_draft", counted)
    view.go_to(index_of(view, "sigle-francais"))
    line = view.current.line
    assert line is not None
    qtbot.keyClicks(line, "Formation")
    assert writes == [] and drafts_of(view) == {}, "not on every key"
    qtbot.waitUntil(lambda: drafts_of(view) == {"sigle-francais": "Formation"}, timeout=3000)
    assert writes == ["Formation"]
    assert statements(demo_shell) == [s for s in statements(demo_shell) if s.verb != "answered"]

    crashed = open_demo()  # another run reading the same file, the first never closed
    assert crashed.attempt is not None and crashed.attempt.id == view.attempt.id  # type: ignore[union-attr]
    assert crashed.widgets[index_of(crashed, "sigle-francais")].line.text() == "Formation"  # type: ignore[union-attr]

    line.selectAll()
    qtbot.keyClick(line, Qt.Key.Key_Backspace)  # erased: nothing is kept any more
    view.save_drafts()
    assert drafts_of(view) == {}


def test_finishing_drops_the_answers_not_checked(  # type: ignore[no-untyped-def]
    qtbot, open_demo: OpenQuiz
) -> None:
    view = open_demo()
    view.start_attempt()
    view.go_to(index_of(view, "pays"))
    assert view.current.line is not None
    qtbot.keyClicks(view.current.line, "cent")  # cannot be checked: counts as not answered
    view.go_to(0)
    assert drafts_of(view) == {"pays": "cent"}
    finish(view)
    assert view.attempt is not None and view.attempt.finished
    assert drafts_of(view) == {}
    again = open_demo()
    assert again.pages.currentWidget() is again.results_page
    assert again.widgets[index_of(again, "pays")].line.text() == ""  # type: ignore[union-attr]


def test_an_arrow_in_a_radio_list_chooses_even_from_none_chosen(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Qt's radios choose on an arrow only from a chosen one: from none, Down moved the focus
    alone and the exam's review said "not answered". Quiz and exam (no key shipped) alike."""
    import dataclasses

    from player.ui.question_widgets import QuestionWidget

    single = next(q for q in keys_of(DEMO_QUIZ_KEYS).values() if q.type == "single")
    for question in (single, dataclasses.replace(single, has_key=False)):
        widget = QuestionWidget(question)
        qtbot.addWidget(widget)
        widget.show()
        widget.activateWindow()
        first, second = widget.buttons[0], widget.buttons[1]
        first.setFocus()
        qtbot.waitUntil(first.hasFocus)
        assert widget.response() is None
        qtbot.keyClick(first, Qt.Key.Key_Down)
        assert second.hasFocus() and second.isChecked() and not first.isChecked()
        assert widget.response() == question.choices[1].id
        qtbot.keyClick(second, Qt.Key.Key_Up)
        assert first.hasFocus() and first.isChecked()
        assert widget.response() == question.choices[0].id
        qtbot.keyClick(first, Qt.Key.Key_Up)  # the first: nothing before it, still chosen
        assert first.isChecked() and widget.response() == question.choices[0].id
