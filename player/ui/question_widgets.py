"""One question on screen, for practice quizzes and exams alike: its text and the inputs for
every type the GIFT importer produces, reading and restoring a typed `grading.Response` (and,
in a practice quiz, a draft: what the inputs hold before the answer is checked, as text), and
(practice only) the grade shown beside what was answered.

Keyboard: radio buttons form one group (arrow keys move and choose), check boxes toggle with
Space, a matching question has one combo box per prompt (arrow keys choose), texts and numbers
are line edits; Enter anywhere in the question asks for the page's main action (`activated`).
Every input has an accessible name that says which question and which choice it is.

Every text is set here, `QuestionWidget` being the `tr()` context; the inputs per kind and the
response they hold are `question_inputs`', the key decisions `question_keys`', numbers and
lists of answers in words `answer_words`'.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from player.course import interactions
from player.course.grading import Grade, GradingError, Response
from player.course.quiz import Question
from player.ui.answer_words import decimal_mark, joined, number_text
from player.ui.assessment_common import percent
from player.ui.combo_name import name_combo
from player.ui.i18n import no_mnemonic
from player.ui.question_inputs import QuestionInputs
from player.ui.question_keys import arrow_chooses, asks_main_action, read_only_blocks
from player.ui.question_text import (
    NumberProblem,
    after_mark,
    plain_text,
    question_html,
    read_answer,
    text_html,
)
from player.ui.theme import colors_from_palette
from player.wording import isolated

RIGHT = "\u2713"  # ✓
WRONG = "\u2717"  # ✗
PARTLY = "\u25d1"  # ◑
UNANSWERED = "\u25cb"  # ○


class QuestionWidget(QFrame):
    """A question and its inputs. `changed` fires on every edit the learner makes."""

    changed = Signal()
    activated = Signal()  # Enter in the question: the page's main action

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName("question")
        self._read_only = False
        self._frozen: tuple[list[bool], list[int]] = ([], [])
        self._grade: Grade | None = None
        # Reviewed and left unanswered: "" (not said), "wrong" (a quiz: it counts as wrong),
        # "open" (an exam: the institution grades it)
        self._unanswered = ""
        self._loading = False
        # (number, total): "Question 3 of 12", said again on a language change
        self._position: tuple[int, int] | None = None
        self.number = QLabel(self)
        self.number.setObjectName("muted")
        self.title = QLabel(self)
        self.title.setObjectName("subheading")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a GIFT ::title:: is no markup
        self.title.setWordWrap(True)
        self.title.setVisible(bool(question.title))
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.text.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.text.setFont(font)
        self.hint = QLabel(self)
        self.hint.setObjectName("muted")
        self.hint.setWordWrap(True)
        self.inputs = QWidget(self)
        self.problem = QLabel(self)
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.result = QLabel(self)
        self.result.setObjectName("subheading")
        self.result.setWordWrap(True)
        self.result.hide()
        self.feedback = QLabel(self)
        self.feedback.setWordWrap(True)
        self.feedback.setTextFormat(Qt.TextFormat.RichText)
        self.feedback.hide()
        self.general = QLabel(self)
        self.general.setObjectName("generalFeedback")
        self.general.setWordWrap(True)
        self.general.setTextFormat(Qt.TextFormat.RichText)
        self.general.setFrameShape(QFrame.Shape.StyledPanel)
        self.general.setMargin(8)
        self.general.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.number)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addWidget(self.hint)
        layout.addSpacing(8)
        layout.addWidget(self.inputs)
        layout.addWidget(self.problem)
        layout.addSpacing(8)
        layout.addWidget(self.result)
        layout.addWidget(self.feedback)
        layout.addWidget(self.general)
        layout.addStretch(1)
        self._build_inputs()
        for widget in self._focusable():
            widget.installEventFilter(self)
        self.retranslate()

    # -- building -------------------------------------------------------------------------------

    def _rich(self, text: str) -> str:
        return text_html(text, self.question.format, self.tr("image"))

    def _plain(self, text: str) -> str:
        return plain_text(self._rich(text))

    def _build_inputs(self) -> None:
        inputs = QuestionInputs(
            self.question,
            self.inputs,
            self,
            rich=self._rich,
            plain=self._plain,
            width=self.fontMetrics().averageCharWidth() * 60,
        )
        self._inputs = inputs
        self.group = inputs.group
        self.buttons = inputs.buttons
        self.marks = inputs.marks  # per choice or per matching prompt: ✓/✗ and feedback
        self.line = inputs.line
        self.combos = inputs.combos
        self.source_labels = inputs.source_labels
        if self.group is not None:
            self.group.idToggled.connect(self._toggled)
            self.group.buttonToggled.connect(lambda _b, _on: self._keep_read_only())
        elif self.question.type == "multiple":
            for box in self.buttons:
                box.toggled.connect(lambda _on: self._edited())
                box.toggled.connect(lambda _on: self._keep_read_only())
        if self.line is not None:
            self.line.textEdited.connect(lambda _t: self._edited())
            self.line.returnPressed.connect(self.activated)
        for combo in self.combos:
            combo.currentIndexChanged.connect(lambda _i: self._edited())
            combo.currentIndexChanged.connect(lambda _i: self._keep_read_only())
            combo.currentIndexChanged.connect(lambda _i: self._describe())

    def _focusable(self) -> list[QWidget]:
        return self._inputs.focusable()

    def first_input(self) -> QWidget:
        """Where the keyboard goes when the question is shown: the chosen radio, else the first."""
        if self.group is not None and self.group.checkedButton() is not None:
            return self.group.checkedButton()
        focusable = self._focusable()
        return focusable[0] if focusable else self

    def last_input(self) -> QWidget:
        focusable = self._focusable()
        return focusable[-1] if focusable else self

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if self._read_only and read_only_blocks(self.buttons, self.combos, watched, event):
            return True
        if (
            not self._read_only
            and self.group is not None
            and arrow_chooses(self.buttons, watched, event)
        ):
            return True
        if asks_main_action(watched, event):
            self.activated.emit()
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]

    def _keep_read_only(self) -> None:
        """A change that got through anyway (an accessibility action): put the answer back."""
        if self._read_only and not self._loading:
            self._loading = True
            try:
                self._restore(self._frozen)
            finally:
                self._loading = False

    def _state(self) -> tuple[list[bool], list[int]]:
        return self._inputs.state()

    def _restore(self, state: tuple[list[bool], list[int]]) -> None:
        self._inputs.restore(state)

    # -- the response ---------------------------------------------------------------------------

    def _toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._edited()

    def _edited(self) -> None:
        if self._loading or self._read_only:
            return
        self.problem.hide()
        if self.question.text_after:
            self._show_text()
        self.changed.emit()

    def response(self) -> Response | None:
        """What is answered now, typed for grading; None when nothing is (or cannot be read)."""
        return self._inputs.response()

    def input_problem(self) -> str:
        """Why what is typed cannot be an answer ("" when it can, or when nothing is typed)."""
        typed = self.line.text().strip() if self.line is not None else ""
        if self.question.type != "numeric" or not typed:
            return ""
        try:
            read_answer(self.question, typed, decimal_mark())
        except NumberProblem as problem:
            # each translation says its language's convention (French: 3,14 and 1 500)
            if problem.kind == "decimal_mark":
                return self.tr(
                    "Write decimals with a point, such as 3.14; a comma separates thousands "
                    "(1,500)."
                )
            if problem.kind == "percent":  # an exam's: is "80 %" 80 or 0.8 to its key?
                return self.tr("Type the number alone, without the % sign.")
            return self.tr("Type a number, such as 3.14.")
        return ""

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))
        if self.line is not None:
            self.line.setAccessibleDescription(text)

    def set_response(self, response: Response | None) -> None:
        """Put a saved answer back on screen (no `changed`)."""
        self._loading = True
        try:
            self._inputs.show(response)
        finally:
            self._loading = False
        if self._read_only:
            self._frozen = self._state()
        self._show_text()

    def draft(self) -> str:
        """What the inputs hold, to keep until the answer is checked ("" when nothing): a short
        or numerical answer exactly as typed (a number half written too), else the xAPI response
        string of the choice."""
        if self.line is not None:
            return self.line.text() if self.line.text().strip() else ""
        response = self.response()
        return "" if response is None else interactions.response_string(self.question, response)

    def set_draft(self, text: str) -> None:
        """Put a kept draft back on screen (no `changed`), the caret at the end of a typed one;
        a choice the question no longer has is left out."""
        if self.line is not None:
            self._loading = True
            try:
                self.line.setText(text)
            finally:
                self._loading = False
            self._show_text()
            return
        try:
            response = interactions.parse_response(self.question, text)
        except GradingError:
            return
        self.set_response(response)

    def answer_text(self) -> str:
        """The current answer in words, for the review page ("" when none)."""
        q = self.question
        response = self.response()
        if response is None:
            return ""
        if q.type == "single":
            return next(self._plain(c.text) for c in q.choices if c.id == response)
        if q.type == "truefalse":
            return self.tr("True") if response else self.tr("False")
        if q.type == "multiple":
            assert isinstance(response, frozenset)
            return joined(self._plain(c.text) for c in q.choices if c.id in response)
        if q.type == "short":
            return str(response)
        if q.type == "numeric":
            assert isinstance(response, float)
            return number_text(response)  # what is submitted, not what was typed ("1,822" -> 1822)
        assert isinstance(response, tuple)
        targets = {t.id: self._plain(t.text) for t in q.targets}
        sources = {s.id: self._plain(s.text) for s in q.sources}
        return joined(f"{sources[s]} \u2192 {targets[t]}" for s, t in response)

    # -- state ----------------------------------------------------------------------------------

    def set_read_only(self, read_only: bool) -> None:
        """Answers stay visible and focusable (to be read), but cannot change: inputs stay
        enabled (a disabled one is skipped by Tab and by screen readers) and changes are eaten."""
        self._read_only = read_only
        self._frozen = self._state()
        for widget in (*self.buttons, *self.combos):
            widget.setProperty("readOnly", read_only)
        if self.line is not None:
            self.line.setReadOnly(read_only)
        self._inputs.set_read_only(read_only)

    @property
    def read_only(self) -> bool:
        return self._read_only

    def set_number(self, number: int, total: int) -> None:
        self._position = (number, total)
        self._show_number()
        self._describe()

    def _show_number(self) -> None:
        if self._position is None:
            return
        number, total = self._position
        self.number.setText(
            self.tr("Question %1 of %2").replace("%1", str(number)).replace("%2", str(total))
        )

    def show_grade(self, grade: Grade | None) -> None:
        """Practice quizzes: right/partly/wrong, the feedback of each answer, general feedback."""
        self._grade = grade
        self._unanswered = ""
        colors = colors_from_palette(self.palette())
        for mark in self.marks:
            mark.hide()
        if grade is None:
            for widget in (self.result, self.feedback, self.general):
                widget.hide()
            self._describe()
            return
        if grade.correct:
            verdict, color = f"{RIGHT} " + self.tr("Right"), colors.good
        elif grade.score > 0:
            verdict = f"{PARTLY} " + self.tr("Partly right: %1").replace("%1", percent(grade.score))
            color = colors.warn
        else:
            verdict, color = f"{WRONG} " + self.tr("Wrong"), colors.bad
        self.result.setText(verdict)
        self.result.setStyleSheet(f"color: {color};")
        self.result.show()
        self._mark_answers(colors.good, colors.bad)
        shown_per_answer = self.question.type in ("single", "multiple", "matching") or (
            self.question.type == "truefalse" and self._inputs.response() is not None
        )  # a true/false feedback goes under the answer given (_mark_answers), not twice
        texts = [] if shown_per_answer else [self._rich(f) for f in grade.feedback]
        self.feedback.setText("<br>".join(texts))
        self.feedback.setVisible(bool(texts))
        general = grade.general_feedback
        self.general.setText(self._rich(general) if general else "")
        self.general.setVisible(bool(general))
        self._describe()

    def show_unanswered(self, *, counts_as_wrong: bool) -> None:
        """Reviewing a question the learner left unanswered: said where a verdict is shown
        (a quiz's counts as wrong; an exam's waits for the institution like the others)."""
        self._grade = None
        self._unanswered = "wrong" if counts_as_wrong else "open"
        colors = colors_from_palette(self.palette())
        for widget in (*self.marks, self.feedback, self.general):
            widget.hide()
        if counts_as_wrong:
            symbol, color = WRONG, colors.bad
        else:
            symbol, color = UNANSWERED, colors.muted
        self.result.setText(f"{symbol} " + self.tr("Not answered"))
        self.result.setStyleSheet(f"color: {color};")
        self.result.show()
        self._describe()

    def _mark_answers(self, good: str, bad: str) -> None:
        """Each answer given marked right or wrong; when the question is not fully right, the
        right answer too (a practice quiz ships its key; an exam's is never on the device)."""
        q = self.question
        reveal = self._grade is not None and not self._grade.correct and q.has_key
        right_mark = f'<span style="color:{good}">{RIGHT}</span> '
        if q.type in ("single", "multiple"):
            best = max((c.weight or 0.0 for c in q.choices), default=0.0)
            for choice, button, mark in zip(q.choices, self.buttons, self.marks, strict=True):
                weight = choice.weight or 0.0
                if not button.isChecked():
                    # single: the best choice; multiple: every choice that earns marks
                    missed = weight > 0 and (q.type == "multiple" or weight == best)
                    if reveal and missed:
                        mark.setText(
                            right_mark
                            + (
                                self.tr("Right answer")
                                if q.type == "single"
                                else self.tr("Right answer, not chosen")
                            )
                        )
                        mark.show()
                    continue
                right = weight > 0
                symbol, color = (RIGHT, good) if right else (WRONG, bad)
                text = f'<span style="color:{color}">{symbol}</span>'
                if choice.feedback:
                    text = after_mark(text, self._rich(choice.feedback))
                mark.setText(text)
                mark.show()
        elif q.type == "matching":
            key = dict(q.pairs)
            targets = {t.id: self._plain(t.text) for t in q.targets}
            for source, combo, mark in zip(q.sources, self.combos, self.marks, strict=True):
                chosen = combo.currentData()
                right = key.get(source.id)
                if chosen is not None and right == chosen:
                    mark.setText(f"{RIGHT} " + self.tr("Right"))
                    mark.setStyleSheet(f"color: {good};")
                    mark.show()
                    continue
                text = f"{WRONG} " + (
                    self.tr("Not matched") if chosen is None else self.tr("Wrong")
                )
                if reveal and right in targets:  # in its own colour: what to remember
                    found = self.tr("Right match: %1").replace("%1", isolated(targets[right]))
                    text = (
                        f'<span style="color:{bad}">{html.escape(text)}</span> \u00b7 '
                        f'<span style="color:{good}">{RIGHT} {html.escape(found)}</span>'
                    )
                mark.setText(text)
                mark.setStyleSheet(f"color: {bad};")
                mark.show()
        elif q.type == "truefalse" and self._grade is not None:
            index = self.group.checkedId() if self.group is not None else -1
            if index >= 0:
                right = self._grade.correct
                symbol, color = (RIGHT, good) if right else (WRONG, bad)
                feedback = q.feedback_right if right else q.feedback_wrong
                text = f'<span style="color:{color}">{symbol}</span>'
                if feedback:
                    text = after_mark(text, self._rich(feedback))
                self.marks[index].setText(text)
                self.marks[index].show()
                self.feedback.hide()
                if reveal and q.answer is not None:
                    other = self.marks[0 if q.answer else 1]
                    other.setText(right_mark + self.tr("Right answer"))
                    other.show()
        elif q.type in ("short", "numeric") and reveal:
            answer = self._right_text()
            if answer:
                mark = self.marks[0]
                mark.setTextFormat(Qt.TextFormat.RichText)
                if q.type == "short":  # the course's words; a number's are the interface's
                    answer = isolated(answer)
                right = self.tr("Right answer: %1").replace("%1", answer)
                mark.setText(right_mark + html.escape(right))
                mark.show()

    def _right_text(self) -> str:
        """A short or numerical question's best answer in words ("" when it has none)."""
        q = self.question
        if q.type == "short" and q.text_answers:
            best = max(q.text_answers, key=lambda a: a.weight)  # the first of the best
            return self._plain(best.text) if best.weight > 0 else ""
        if q.type == "numeric" and q.numeric_answers:
            top = max(q.numeric_answers, key=lambda a: a.weight)
            if top.weight <= 0:
                return ""
            if top.min == top.max:
                return number_text(top.min)
            return (
                self.tr("between %1 and %2")
                .replace("%1", number_text(top.min))
                .replace("%2", number_text(top.max))
            )
        return ""

    # -- text -----------------------------------------------------------------------------------

    def _blank_html(self) -> str:
        """The blank of a missing-word question, showing the chosen word once there is one."""
        q = self.question
        chosen = ""
        if q.type == "single" and self.group is not None and self.group.checkedId() >= 0:
            chosen = self._plain(q.choices[self.group.checkedId()].text)
        elif self.line is not None:
            chosen = self.line.text().strip()
        if chosen:
            return f"<u><b>&nbsp;{html.escape(chosen)}&nbsp;</b></u>"
        return "<u>" + "&nbsp;" * 14 + "</u>"

    def _show_text(self) -> None:
        self.text.setText(question_html(self.question, self._blank_html(), self.tr("image")))
        self._describe()

    def _describe(self) -> None:
        """Accessible names: the question's words, with "(blank)" where the blank is."""
        q = self.question
        words = plain_text(question_html(q, " " + self.tr("(blank)") + " ", self.tr("image")))
        self.text.setAccessibleName(words)
        self.setAccessibleName(f"{self.number.text()}. {words}")
        if q.type == "single":
            for choice, button in zip(q.choices, self.buttons, strict=True):
                button.setAccessibleName(self._plain(choice.text))
        # the verdict, also said on the input the keyboard lands on when nothing was answered
        # (isHidden, not isVisible: a question is described while it is off screen too)
        verdict = "" if self.result.isHidden() else plain_text(self.result.text())
        self.setAccessibleDescription(verdict)
        unanswered = verdict if self._unanswered else ""
        for index, button in enumerate(self.buttons):
            mark = self.marks[index]
            described = plain_text(mark.text()) if not mark.isHidden() else unanswered
            button.setAccessibleDescription(described)
        if self.line is not None:
            self.line.setAccessibleName(
                self.tr("Answer to question: %1").replace("%1", words[:200])
            )
            if self.problem.isHidden():
                mark = self.marks[0]  # the right answer, once shown
                self.line.setAccessibleDescription(
                    " ".join(t for t in (verdict, plain_text(mark.text())) if t)
                    if not mark.isHidden()
                    else unanswered
                )
        matches = self.marks[: len(self.combos)]  # a matching question: one mark per prompt
        for source, combo, mark in zip(q.sources, self.combos, matches, strict=True):
            name_combo(combo, self.tr("Match for: %1").replace("%1", self._plain(source.text)))
            # the choice is not repeated here: the box's accessible Value holds its whole
            # currentText even when the box draws it cut with "…"
            verdict_here = plain_text(mark.text()) if not mark.isHidden() else unanswered
            combo.setAccessibleDescription(verdict_here)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._show_verdict()
        super().changeEvent(event)

    def retranslate(self) -> None:
        q = self.question
        self.title.setText(q.title)
        if q.type == "single":
            for choice, button in zip(q.choices, self.buttons, strict=True):
                button.setText(no_mnemonic(self._plain(choice.text)))
        elif q.type == "truefalse":
            self.buttons[0].setText(self.tr("True"))
            self.buttons[1].setText(self.tr("False"))
        elif q.type == "multiple":
            for choice, box in zip(q.choices, self.buttons, strict=True):
                box.setText(no_mnemonic(self._plain(choice.text)))
        elif q.type == "numeric":
            self._inputs.set_placeholder(self.tr("A number, such as 3.14"))
        elif q.type == "short":
            self._inputs.set_placeholder(self.tr("Your answer"))
        for combo in self.combos:
            combo.setItemText(0, self.tr("Choose\u2026"))
        hint = {
            "multiple": self.tr("Several answers may be right."),
            "matching": self.tr("Choose a match for each item."),
        }.get(q.type, "")
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
        self._show_number()
        self._show_verdict()
        self._show_text()

    def _show_verdict(self) -> None:
        """The verdict again (a language or colour change)."""
        if self._grade is not None:
            self.show_grade(self._grade)
        elif self._unanswered:
            self.show_unanswered(counts_as_wrong=self._unanswered == "wrong")
