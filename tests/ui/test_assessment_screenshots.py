"""Screenshots of the whole window at 1280x720, in French and in English: a practice quiz
question with its feedback, the exam's review page, and the dashboard. Each is reached with the
keyboard, as a learner would, on the demo course with the real store. Saved where
test_screenshots.save puts them (docs/screenshots/ only with CARTABLE_UPDATE_SCREENSHOTS=1)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from datetime import time as clock_time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from player.store import progress as pg
from player.ui.exam.view import ExamView
from player.ui.main_window import MainWindow
from player.ui.quiz_view import QuizView
from player.ui.shell import ShellServices
from player.wording import isolated
from tests.ui.conftest import HEIGHT, WIDTH
from tests.ui.test_screenshots import colourful, key, save

#: Minutes studied on the days before today (the dashboard's chart).
STUDY = {1: 25, 2: 40, 4: 15, 5: 30, 8: 55, 9: 20, 12: 35, 15: 10, 16: 45, 19: 25, 22: 30}
HEADINGS = {
    "fr": ("Correct", "Vérifiez vos réponses", f"Progression\u00a0: {isolated('Awa')}"),
    "en": ("Right", "Review your answers", f"Progress of {isolated('Awa')}"),
}


def past_study(services: ShellServices, profile_id: str) -> None:
    """Days of study before today, through the store's own study-time function."""
    with services.store.database.transaction():
        for days_ago, minutes in STUDY.items():
            day = date.today() - timedelta(days=days_ago)
            start = datetime.combine(day, clock_time(17, 0)).timestamp()
            pg.add_study_time(services.store.conn, profile_id, start, start + minutes * 60)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_assessment_screenshots(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, language: str
) -> None:
    right, review, progress = HEADINGS[language]
    profile = services.profiles.add("Awa", language)
    services.context.settings.last_profile = profile.id
    past_study(services, profile.id)
    window.start()
    window.activateWindow()
    window.open_course("les-mooc", "phenomene-quiz")
    course = window.course_view
    assert course is not None
    quiz = course.view
    assert isinstance(quiz, QuizView)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is quiz.start_button)
    key(qtbot, Qt.Key.Key_Return)  # Start the quiz

    # the "pioneers" question: two right choices of four, answered with one right, one wrong
    target = next(i for i, w in enumerate(quiz.widgets) if w.question.id == "pionniers")
    for _ in range(target):
        quiz.go_to(quiz.index + 1)
    widget = quiz.current
    for index, choice in enumerate(widget.question.choices):
        qtbot.waitUntil(lambda i=index: QApplication.focusWidget() is widget.buttons[i])
        if choice.id in ("a", "b", "c"):  # Coursera, edX (right), FutureLearn (wrong): half
            key(qtbot, Qt.Key.Key_Space)
        if index < len(widget.question.choices) - 1:
            key(qtbot, Qt.Key.Key_Tab)
    key(qtbot, Qt.Key.Key_Return)  # Check
    assert widget.read_only and widget.general.isVisible()
    assert quiz.grades["pionniers"].score == 0.5 and not widget.result.text().endswith(right)
    shots = [save(window, f"quiz-feedback-{language}.png")]

    # the exam: started, three answers, the review page
    course.open_unit("enjeux-examen")
    exam = course.view
    assert isinstance(exam, ExamView)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is exam.start_button)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: exam.confirmation is not None and exam.confirmation.isVisible())
    qtbot.waitUntil(lambda: QApplication.focusWidget() is exam.confirmation.defaultButton())  # type: ignore[union-attr]
    start = Qt.Key.Key_S if language == "en" else Qt.Key.Key_C  # "&Start", "&Commencer"
    key(qtbot, start, Qt.KeyboardModifier.AltModifier)  # Enter goes back
    qtbot.waitUntil(lambda: exam.pages.currentWidget() is exam.exam_page)  # an animated click
    for _ in range(3):
        qtbot.waitUntil(lambda: QApplication.focusWidget() is exam.current.first_input())
        key(qtbot, Qt.Key.Key_Space)  # the first choice
        key(qtbot, Qt.Key.Key_Return)  # next question
    exam.show_review()
    assert exam.review_title.text() == review
    shots.append(save(window, f"exam-review-{language}.png"))

    # the dashboard
    key(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    dashboard = window.dashboard_view
    assert dashboard is not None and window.stack.currentWidget() is dashboard
    assert dashboard.heading.text() == progress  # type: ignore[attr-defined]
    shots.append(save(window, f"dashboard-{language}.png"))

    for path in shots:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (WIDTH, HEIGHT), path
        assert colourful(path), path
