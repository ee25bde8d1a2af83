"""The real GUI (player.app.run_gui, offscreen) driven like a learner with the keyboard, for the
quiz kill test. Run as a child process with CARTABLE_HOME set:

    python tests/e2e/quiz_driver.py start
        first start: create a profile, open the demo practice quiz, start it, type a number in
        one question and move on (moving keeps it), type a short answer in another and pause;
        print `READY {json}` and keep running, nothing checked, until the test kills it;
    python tests/e2e/quiz_driver.py resume
        a later start: Continue (the library's resume banner) lands on the quiz; print
        `RESUMED {json}` with what is on screen, and quit.

The JSON says what the learner sees: attempt, question, the typed fields, where the keyboard is.
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from player import app as player_app
from player.ui import main_window
from player.ui.quiz_view import QuizView

QUIZ = "phenomene-quiz"
NUMBER = ("pays", "196")  # typed, then the learner moves to another question
SHORT = ("sigle-francais", "Formation en ligne")  # typed, then a pause: the power goes
STEP_MS = 30


def report(tag: str, view: QuizView) -> None:
    attempt = view.attempt
    assert attempt is not None
    focus = QApplication.focusWidget()
    state = {
        "attempt": attempt.id,
        "finished": attempt.finished,
        "question": view.current.question.id,
        "typed": {w.question.id: w.line.text() for w in view.widgets if w.line is not None},
        "checked": sorted(view.grades),
        "focus_in_field": focus is view.current.line,
        "caret": focus.cursorPosition() if isinstance(focus, QLineEdit) else None,
    }
    print(f"{tag} {json.dumps(state, ensure_ascii=False)}", flush=True)


class Learner:
    """Keyboard steps, one per event-loop turn, as a person would type them."""

    def __init__(self, window: main_window.MainWindow, phase: str) -> None:
        self.window = window
        self.phase = phase
        self.steps = iter(self.script())

    def key(self, key: Qt.Key) -> None:
        QTest.keyClick(QApplication.focusWidget() or self.window, key)

    @property
    def quiz(self) -> QuizView:
        course = self.window.course_view
        assert course is not None and isinstance(course.view, QuizView), "not on the quiz"
        return course.view

    def run(self) -> None:
        try:
            wait = next(self.steps)
        except StopIteration:
            return
        except BaseException:  # the test reads this and fails at once, not at its timeout
            traceback.print_exc()
            print("FAILED", flush=True)
            sys.stderr.flush()
            os._exit(3)
        QTimer.singleShot(wait, self.run)

    def type_in(self, question_id: str, text: str):  # type: ignore[no-untyped-def]
        quiz = self.quiz
        quiz.go_to(next(i for i, w in enumerate(quiz.widgets) if w.question.id == question_id))
        yield STEP_MS
        assert QApplication.focusWidget() is quiz.current.line, "the keyboard in the field"
        QTest.keyClicks(QApplication.focusWidget(), text)
        yield STEP_MS

    def script(self):  # type: ignore[no-untyped-def]
        window = self.window
        window.activateWindow()
        yield STEP_MS
        if self.phase == "start":
            page = window.profile_page
            assert page is not None, "a first start asks who is studying"
            QTest.keyClicks(page.name, "Awa")
            self.key(Qt.Key.Key_Return)
            yield STEP_MS
            window.open_course("les-mooc", QUIZ)
            yield STEP_MS
            quiz = self.quiz
            quiz.setFocus()
            yield STEP_MS
            assert QApplication.focusWidget() is quiz.start_button
            self.key(Qt.Key.Key_Return)
            yield STEP_MS * 3
            yield from self.type_in(*NUMBER)
            yield from self.type_in(*SHORT)
            yield 600  # the typing pause, and a little more
            report("READY", quiz)
            while True:  # nothing checked, until the test kills the process
                yield 1000
        else:
            library = window.library_view
            assert library is not None and window.stack.currentWidget() is library
            assert QApplication.focusWidget() is library.continue_button
            self.key(Qt.Key.Key_Space)
            yield STEP_MS * 3
            report("RESUMED", self.quiz)
            window.close()


def main() -> int:
    phase = sys.argv[1]
    original = main_window.MainWindow.start

    def start(window: main_window.MainWindow) -> None:
        original(window)
        learner = Learner(window, phase)
        window._learner = learner  # type: ignore[attr-defined]
        QTimer.singleShot(200, learner.run)

    main_window.MainWindow.start = start  # type: ignore[method-assign]
    return player_app.run_gui([])


if __name__ == "__main__":
    sys.exit(main())
