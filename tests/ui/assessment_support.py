"""Shared by the quiz, exam and dashboard tests: a course made of the shared GIFT fixtures,
the views opened on a real records store, answers given through the real input widgets, and
the answer keys read from the GIFT sources (an exam package has none)."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication

from player.course.gift import load_gift
from player.course.grading import Response
from player.course.manifest import Course
from player.course.quiz import Question
from player.library.library import Library
from player.store.assessments import Assessments
from player.store.statements import verb_name
from player.ui.assessment_common import AssessmentServices
from player.ui.question_widgets import QuestionWidget
from tests.support import FIXTURES
from tests.ui.unit_support import DEMO_SOURCE, Shell, install

GIFT = FIXTURES / "gift"

FIXTURE_TOML = """\
format = 1
id = "gift-fixtures"
version = "1.0.0"
title = "GIFT fixtures"
language = "en"
summary = "Quizzes made of the shared GIFT fixtures."
authors = ["Tests"]
licence = "GPL-3.0-or-later"

[publisher]
name = "Fixture University"

[[modules]]
id = "m1"
title = "Quizzes"
folder = "m1"

  [[modules.units]]
  id = "moodle"
  type = "quiz"
  title = "Moodle examples"
  gift = "moodle-examples.gift"
  mastery_score = 0.5
  max_attempts = 2

  [[modules.units]]
  id = "numbers"
  type = "quiz"
  title = "Numbers"
  gift = "gift-peg-numerical1.gift"
  shuffle_questions = true
  shuffle_choices = true

[[modules]]
id = "m2"
title = "Exam"
folder = "m2"

  [[modules.units]]
  id = "tema5"
  type = "exam"
  title = "Tema 5"
  gift = "pygiftparser-imr-tema5.gift"
  time_limit = 600
  shuffle_questions = true
  shuffle_choices = true
"""


def write_fixture_course(folder: Path) -> Path:
    (folder / "m1").mkdir(parents=True, exist_ok=True)
    (folder / "m2").mkdir(parents=True, exist_ok=True)
    shutil.copy(GIFT / "moodle-examples.gift", folder / "m1")
    shutil.copy(GIFT / "gift-peg-numerical1.gift", folder / "m1")
    shutil.copy(GIFT / "pygiftparser-imr-tema5.gift", folder / "m2")
    (folder / "course.toml").write_text(FIXTURE_TOML, encoding="utf-8")
    return folder


def install_fixture_course(work: Path) -> tuple[Library, Course]:
    return install(write_fixture_course(work / "src"), work)


def keys_of(gift: Path) -> dict[str, Question]:
    """The questions with their keys, as the GIFT source has them (ids as the build makes)."""
    return {q.id: q for q in load_gift(gift).questions}


DEMO_QUIZ_KEYS = DEMO_SOURCE / "02-un-phenomene" / "quiz.gift"
DEMO_EXAM_KEYS = DEMO_SOURCE / "03-enjeux-et-certification" / "examen.gift"


def services_for(shell: Shell, institution: str = "Fixture University", submitted=None):  # type: ignore[no-untyped-def]
    assessments = AssessmentServices(
        Assessments(shell.store.events),
        institution,
        submitted or (lambda: None),
    )
    return shell.services(assessments=assessments)


# -- answers ----------------------------------------------------------------------------------


def right_response(question: Question) -> Response:
    """A response earning the full mark (the key must be there)."""
    q = question
    if q.type == "single":
        return next(c.id for c in q.choices if (c.weight or 0) >= 1)
    if q.type == "multiple":
        return frozenset(c.id for c in q.choices if (c.weight or 0) > 0)
    if q.type == "truefalse":
        return bool(q.answer)
    if q.type == "short":
        return max(q.text_answers, key=lambda a: a.weight).text
    if q.type == "numeric":
        best = max(q.numeric_answers, key=lambda a: a.weight)
        return (best.min + best.max) / 2
    return tuple(q.pairs)


def wrong_response(question: Question) -> Response:
    q = question
    if q.type == "single":
        return next(c.id for c in q.choices if (c.weight or 0) <= 0)
    if q.type == "multiple":
        return frozenset(c.id for c in q.choices if (c.weight or 0) <= 0)
    if q.type == "truefalse":
        return not q.answer
    if q.type == "short":
        return "certainly not this"
    if q.type == "numeric":
        return max(a.max for a in q.numeric_answers) * 10 + 12345
    key = dict(q.pairs)
    targets = [t.id for t in q.targets]
    return tuple((s.id, next(t for t in targets if t != key.get(s.id))) for s in q.sources)


def click(button: QAbstractButton) -> None:
    button.click()
    QApplication.processEvents()


def give(widget: QuestionWidget, response: Response, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Answer through the inputs a learner uses: buttons clicked, text typed, items chosen."""
    q = widget.question
    if q.type == "single":
        index = next(i for i, c in enumerate(q.choices) if c.id == response)
        click(widget.buttons[index])
    elif q.type == "truefalse":
        click(widget.buttons[0 if response else 1])
    elif q.type == "multiple":
        assert isinstance(response, frozenset)
        for choice, box in zip(q.choices, widget.buttons, strict=True):
            if box.isChecked() != (choice.id in response):
                click(box)
    elif q.type in ("short", "numeric"):
        assert widget.line is not None
        widget.line.selectAll()
        qtbot.keyClick(widget.line, Qt.Key.Key_Backspace)
        text = response if isinstance(response, str) else _typed_number(float(response))  # type: ignore[arg-type]
        qtbot.keyClicks(widget.line, text)
    else:
        assert isinstance(response, tuple)
        chosen = dict(response)
        for source, combo in zip(q.sources, widget.combos, strict=True):
            combo.setCurrentIndex(max(0, combo.findData(chosen.get(source.id))))
    QApplication.processEvents()


def _typed_number(value: float) -> str:
    """As the interface language writes it: a decimal comma in French, a point in English."""
    from player.ui.answer_words import decimal_mark

    text = str(int(value)) if value.is_integer() else repr(value)
    return text.replace(".", decimal_mark())


# -- statements -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Statement:
    verb: str
    object_id: str
    body: dict

    @property
    def result(self) -> dict:
        return self.body.get("result") or {}


def statements(shell: Shell) -> list[Statement]:
    rows = shell.store.database.conn.execute(
        "SELECT body FROM outbox WHERE profile_id = ? ORDER BY seq", (shell.store.profile.id,)
    ).fetchall()
    out = []
    for (body,) in rows:
        stmt = json.loads(body)
        out.append(Statement(verb_name(stmt), stmt["object"]["id"], stmt))
    return out
