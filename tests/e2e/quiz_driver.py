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
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

from player.ui.quiz_view import QuizView
from tests.e2e.driver_support import STEP_MS, Learner, Steps, launch

QUIZ = "phenomene-quiz"
NUMBER = ("pays", "196")  # typed, then the learner moves to another question
SHORT = ("sigle-francais", "Formation en ligne")  # typed, then a pause: the power goes


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


class QuizLearner(Learner[QuizView]):
    view_type = QuizView

    def type_in(self, question_id: str, text: str) -> Steps:
        quiz = self.view
        quiz.go_to(next(i for i, w in enumerate(quiz.widgets) if w.question.id == question_id))
        yield STEP_MS
        assert self.focus() is quiz.current.line, "the keyboard in the field"
        QTest.keyClicks(self.focus(), text)
        yield STEP_MS

    def script(self) -> Steps:
        if self.phase == "start":
            yield from self.start_and_open(QUIZ)
            yield from self.type_in(*NUMBER)
            yield from self.type_in(*SHORT)
            yield 600  # the typing pause, and a little more
            report("READY", self.view)
            while True:  # nothing checked, until the test kills the process
                yield 1000
        else:
            yield from self.continue_from_library()
            report("RESUMED", self.view)
            self.window.close()


if __name__ == "__main__":
    sys.exit(launch(QuizLearner))
