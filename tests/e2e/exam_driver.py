"""The real GUI (player.app.run_gui, offscreen) driven like a learner with the keyboard, for the
exam kill test. Run as a child process with CARTABLE_HOME set:

    python tests/e2e/exam_driver.py start ANSWERS STOP_AT
        first start: create a profile, open the demo exam, start it, answer the first ANSWERS
        questions with the keyboard, move to question STOP_AT, print `READY {json}` and keep
        running (the clock ticking) until the test kills it;
    python tests/e2e/exam_driver.py resume
        a later start: Continue (the library's resume banner) lands on the exam; print
        `RESUMED {json}` with what is on screen, submit through the review page with the
        keyboard, print `SUBMITTED {json}` and quit.

The JSON says what the learner sees: attempt, question index, answers, deadline, clock text.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from player.ui.assessment_common import countdown
from player.ui.exam.view import ExamView
from tests.e2e.driver_support import STEP_MS, Learner, Steps, launch
from tests.ui.assessment_support import DEMO_EXAM_KEYS, keys_of, right_response

EXAM = "enjeux-examen"
KEYS = keys_of(DEMO_EXAM_KEYS)  # the right answers, to type them


def report(tag: str, view: ExamView) -> None:
    attempt = view.attempt
    assert attempt is not None
    state = {
        "attempt": attempt.id,
        "state": attempt.state,
        "index": view.index,
        "question": view.current.question.id if view.widgets else None,
        "answers": {
            w.question.id: w.answer_text() for w in view.widgets if w.response() is not None
        },
        "deadline": attempt.deadline.timestamp() if attempt.deadline else None,
        "clock": view.timer_label.text(),
        # what the label may show: it ticks once a second, so its last tick may be up to a
        # second before this report
        "expected_clock": (
            [
                "Time left: " + countdown((attempt.remaining(view._now()) or 0.0) + late)
                for late in (0.0, 1.0)
            ]
            if attempt.state == "in_progress"
            else [""]
        ),
    }
    print(f"{tag} {json.dumps(state, ensure_ascii=False)}", flush=True)


class ExamLearner(Learner[ExamView]):
    view_type = ExamView

    def press_accept(self, exam: ExamView) -> None:
        """Start or Submit in the confirmation: its default is Go back (Enter would not do it),
        so Tab to it and press it, as a learner does."""
        box = exam.confirmation
        assert box is not None
        accept = next(
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        )
        for _ in range(3):
            if self.focus() is accept:
                break
            self.key(Qt.Key.Key_Tab)
        assert self.focus() is accept
        self.key(Qt.Key.Key_Space)

    def script(self) -> Steps:
        if self.phase == "start":
            yield from self.start_and_open(EXAM)
            exam = self.view
            self.press_accept(exam)  # "Start" in the confirmation
            yield STEP_MS * 3
            answers, stop_at = int(self.args[0]), int(self.args[1])
            for _ in range(answers):
                yield from self.answer_current()
                self.key(Qt.Key.Key_Return)  # Enter: next question
                yield STEP_MS
            exam.go_to(stop_at)
            yield 600  # the last typed answer is saved after a pause
            report("READY", exam)
            while True:  # the clock ticks until the test kills the process
                yield 1000
        else:
            yield from self.continue_from_library()
            exam = self.view
            report("RESUMED", exam)
            self.key(Qt.Key.Key_Tab)
            for _ in range(40):  # Tab to "Review and submit"
                if self.focus() is exam.to_review_button:
                    break
                self.key(Qt.Key.Key_Tab)
            assert self.focus() is exam.to_review_button
            self.key(Qt.Key.Key_Space)
            yield STEP_MS
            for _ in range(3):
                if self.focus() is exam.submit_button:
                    break
                self.key(Qt.Key.Key_Tab)
            assert self.focus() is exam.submit_button
            self.key(Qt.Key.Key_Return)
            yield STEP_MS * 3
            self.press_accept(exam)  # "Submit" in the confirmation
            yield STEP_MS * 3
            report("SUBMITTED", exam)
            self.window.close()

    def answer_current(self) -> Steps:
        widget = self.view.current
        question = widget.question
        response = right_response(KEYS[question.id])
        if question.type in ("single", "truefalse"):
            index = (
                next(i for i, c in enumerate(question.choices) if c.id == response)
                if question.type == "single"
                else (0 if response else 1)
            )
            self.key(Qt.Key.Key_Space)
            for _ in range(index):
                self.key(Qt.Key.Key_Down)
        elif question.type == "multiple":
            for number, choice in enumerate(question.choices):
                if choice.id in response:  # type: ignore[operator]
                    self.key(Qt.Key.Key_Space)
                if number < len(question.choices) - 1:
                    self.key(Qt.Key.Key_Tab)
        elif question.type in ("short", "numeric"):
            text = response if isinstance(response, str) else str(response).replace(".", ",")
            QTest.keyClicks(self.focus(), text.removesuffix(",0"))
        else:
            wanted = dict(response)  # type: ignore[arg-type]
            for number, (source, combo) in enumerate(
                zip(question.sources, widget.combos, strict=True)
            ):
                while combo.currentData() != wanted[source.id]:
                    self.key(Qt.Key.Key_Down)
                if number < len(question.sources) - 1:
                    self.key(Qt.Key.Key_Tab)
        yield STEP_MS


if __name__ == "__main__":
    sys.exit(launch(ExamLearner))
