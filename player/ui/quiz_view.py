"""The practice quiz unit view: one question at a time, "Check" grades it on the spot.

Pages: a start page (questions, pass mark, attempts, the last result), the questions, and the
results of the attempt. Checking a question records it at once (the store's `question_answered`:
graded, an `answered` statement with its interaction and response, in one transaction) and locks
it; finishing scores the attempt (`quiz_finished`: `passed`/`failed` with `score.scaled`).
A new attempt is offered as long as the course allows one.

The order is the attempt's: `grading.shuffled` with the seed stored in the attempt, so a quiz
left half done comes back after a restart in the same order, with its checked answers and on the
question the learner was at (the unit's resume position, saved on every move).

An answer given and not checked yet is kept too, as the exam keeps its answers: a choice at once,
typed text after a short pause (`TYPING_PAUSE_MS`), and whatever is pending when the learner
moves to another question, finishes, leaves the unit or quits (the store's `save_quiz_draft`:
one small transaction, no statement; checking or finishing drops it). The same attempt reopened
shows it again, unchecked, the caret at the end of a typed answer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from player.course import interactions
from player.course.grading import Grade, GradingError, grade
from player.course.manifest import Course, QuizUnit
from player.store.attempts import QuizAttempt, QuizDraft
from player.ui.announce import announce
from player.ui.assessment_common import percent
from player.ui.assessment_view import INDEX_ROLE, TYPING_PAUSE_MS, AssessmentView
from player.ui.button import Button
from player.ui.i18n import fill
from player.ui.layouts import nested
from player.ui.question_text import plain_text, question_summary
from player.ui.question_widgets import PARTLY, RIGHT, WRONG, QuestionWidget
from player.ui.unit_view import UnitServices
from player.wording import isolated


class QuizView(AssessmentView):
    def __init__(
        self,
        unit: QuizUnit,
        course: Course,
        services: UnitServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(unit, course, services, parent)
        self.quiz = unit
        self.attempt: QuizAttempt | None = None
        self.attempts: list[QuizAttempt] = []
        self.grades: dict[str, Grade] = {}
        self.reviewing = False
        self._unsaved: set[str] = set()  # question ids edited, not checked, since their last save
        self.typing = QTimer(self)
        self.typing.setSingleShot(True)
        self.typing.setInterval(TYPING_PAUSE_MS)
        self.typing.timeout.connect(self.save_drafts)
        self._build_start_page()
        self._build_question_page()
        self._build_results_page()
        self._built()  # texts set now and again on every language change
        self._open()

    # -- pages ----------------------------------------------------------------------------------

    def _build_start_page(self) -> None:
        self.start_page = QWidget(self.pages)
        column = self._column(self.start_page)
        self.start_title = QLabel(self.quiz.title, self.start_page)
        self.start_title.setObjectName("heading")
        self.start_title.setTextFormat(Qt.TextFormat.PlainText)  # the author's title, as written
        self.start_title.setWordWrap(True)
        self.start_facts = QLabel(self.start_page)
        self.start_facts.setWordWrap(True)
        self.start_last = QLabel(self.start_page)
        self.start_last.setWordWrap(True)
        self.start_button = Button(self.start_page)
        self.start_button.setObjectName("primary")
        self.start_button.setAutoDefault(True)
        self.start_button.clicked.connect(self.start_attempt)
        self.start_review = Button(self.start_page)
        self.start_review.setAutoDefault(True)
        self.start_review.clicked.connect(self._show_results)  # methods: see _confirm
        column.addStretch(1)
        column.addWidget(self.start_title)
        column.addWidget(self.start_facts)
        column.addWidget(self.start_last)
        column.addSpacing(12)
        buttons = nested(column, QHBoxLayout())
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.start_review)
        buttons.addStretch(1)
        column.addStretch(2)
        self.pages.addWidget(self.start_page)

    def _build_question_page(self) -> None:
        self.question_page = QWidget(self.pages)
        layout = QVBoxLayout(self.question_page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.attempt_label = QLabel(self.question_page)
        self.attempt_label.setObjectName("muted")
        top = nested(layout, QHBoxLayout())
        top.setContentsMargins(12, 4, 12, 0)
        top.addWidget(self.attempt_label)
        top.addStretch(1)
        layout.addWidget(self._question_area(self.question_page), 1)
        self.check_button = Button(self.question_page)
        self.check_button.setObjectName("primary")
        self.previous_button = Button(self.question_page)
        self.next_button = Button(self.question_page)
        self.finish_button = Button(self.question_page)
        buttons = nested(layout, QHBoxLayout())
        buttons.setContentsMargins(12, 4, 12, 8)
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        for button in (self.previous_button, self.next_button, self.finish_button):
            buttons.addWidget(button)
        for button in (self.check_button, self.previous_button, self.next_button):
            button.setAutoDefault(True)
        self.finish_button.setAutoDefault(True)
        self.check_button.clicked.connect(self.check)
        self.previous_button.clicked.connect(self.go_previous)
        self.next_button.clicked.connect(self.go_next)
        self.finish_button.clicked.connect(self.finish)
        self.pages.addWidget(self.question_page)

    def _build_results_page(self) -> None:
        self.results_page = QWidget(self.pages)
        column = self._column(self.results_page)
        self.results_title = QLabel(self.results_page)
        self.results_title.setObjectName("heading")
        self.results_title.setWordWrap(True)
        self.results_score = QLabel(self.results_page)
        self.results_score.setObjectName("subheading")
        self.results_score.setWordWrap(True)
        self.results_attempts = QLabel(self.results_page)
        self.results_attempts.setWordWrap(True)
        self.results_list = self._question_list(self.results_page)
        self.results_list.itemActivated.connect(self._review_item)
        self.review_button = Button(self.results_page)
        self.review_button.setAutoDefault(True)
        self.review_button.clicked.connect(self._review_first)
        self.retry_button = Button(self.results_page)
        self.retry_button.setObjectName("primary")
        self.retry_button.setAutoDefault(True)
        self.retry_button.clicked.connect(self.start_attempt)
        column.addWidget(self.results_title)
        column.addWidget(self.results_score)
        column.addWidget(self.results_attempts)
        column.addWidget(self.results_list, 1)
        buttons = nested(column, QHBoxLayout())
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.review_button)
        buttons.addStretch(1)
        # Tab enters the view on the first button (its focus proxy), so what follows it in the
        # chain is all Tab can reach: the buttons in their order on screen, then the questions.
        QWidget.setTabOrder(self.retry_button, self.review_button)
        QWidget.setTabOrder(self.review_button, self.results_list)
        self.pages.addWidget(self.results_page)

    # -- store ----------------------------------------------------------------------------------

    def _reload_attempts(self) -> None:
        assert self.assessment is not None
        found = self._store(
            lambda: self.assessment.assessments.quiz_attempts(  # type: ignore[union-attr]
                self._profile_id, self.course.id, self.quiz.id
            ),
            "quiz attempts read",
            read=True,
        )
        self.attempts = found if found is not None else []

    @property
    def attempts_left(self) -> int | None:
        """None: unlimited practice."""
        if self.quiz.max_attempts is None:
            return None
        return max(0, self.quiz.max_attempts - len(self.attempts))

    # -- opening --------------------------------------------------------------------------------

    def _open(self) -> None:
        if self.assessment is None or self.recorder is None:
            self.show_problem(self.tr("Quizzes cannot be taken here: the records are unavailable."))
            return
        self._reload_attempts()
        unfinished = next((a for a in self.attempts if not a.finished), None)
        if unfinished is not None:
            position = int(self.recorder.progress.position)
            self._begin(unfinished, position)
        elif self.attempts:
            self.attempt = self.attempts[-1]
            self._load_questions(self.attempt)
            self.show_results()
        else:
            self._show_start()

    def _show_start(self) -> None:
        self._update_start()
        self.pages.setCurrentWidget(self.start_page)
        self.setFocusProxy(self.start_button)

    def _update_start(self) -> None:
        count = len(self.quiz.questions)
        facts = [
            self.tr("%n questions", "", count),
            self.tr("Pass mark: %1").replace("%1", percent(self.quiz.mastery_score)),
        ]
        left = self.attempts_left
        if left is None:
            facts.append(self.tr("As many attempts as you like"))
        else:
            facts.append(
                self.tr("Attempts left: %1 of %2")
                .replace("%1", str(left))
                .replace("%2", str(self.quiz.max_attempts))
            )
        self.start_facts.setText(" \u00b7 ".join(facts))
        finished = [a for a in self.attempts if a.finished]
        if finished:
            best = max(a.score or 0.0 for a in finished)
            last = finished[-1]
            self.start_last.setText(
                self.tr("Last attempt: %1 (%2). Best: %3.")
                .replace("%1", percent(last.score or 0.0))
                .replace("%2", self.tr("passed") if last.passed else self.tr("not passed"))
                .replace("%3", percent(best))
            )
        self.start_last.setVisible(bool(finished))
        self.start_review.setVisible(bool(finished))
        self.start_button.setText(self.tr("&Try again") if finished else self.tr("&Start the quiz"))
        self.start_button.setEnabled(left is None or left > 0)
        description = f"{self.quiz.title}. {self.start_facts.text()}"
        self.start_page.setAccessibleName(description)

    # -- an attempt -----------------------------------------------------------------------------

    def start_attempt(self) -> None:
        """A new attempt (or the unfinished one), from its first question."""
        assert self.assessment is not None and self.recorder is not None
        session = self.recorder.session
        attempt = self._store(
            lambda: self.assessment.assessments.quiz_started(session),  # type: ignore[union-attr]
            "quiz start",
        )
        if attempt is None:
            return
        self.touch()
        self._reload_attempts()
        self._begin(attempt, 0)

    def _load_questions(self, attempt: QuizAttempt) -> None:
        self.attempt = attempt
        self._make_question_widgets(attempt.seed)
        self.grades = {}
        self.typing.stop()
        self._unsaved.clear()
        self._settled("quiz draft", "quiz answer")  # those of the attempt left, if they failed
        drafts = None if attempt.finished else self._read_drafts(attempt.id)
        for widget in self.widgets:
            widget.changed.connect(self.touch)
            widget.changed.connect(self._widget_changed)
            question = widget.question
            saved = attempt.answer(question.id)
            if saved is None:
                draft = drafts.get(question.id) if drafts else None
                if draft is not None:  # given and not checked before the quiz was left
                    widget.set_draft(draft.response)
                continue
            try:
                response = interactions.parse_response(question, saved.response)
                result = grade(question, response)
            except GradingError:  # an answer the course no longer has: leave it unanswered
                continue
            widget.set_response(response)
            widget.show_grade(result)
            widget.set_read_only(True)
            self.grades[question.id] = result
        if attempt.finished:
            self._lock_answers()

    def _lock_answers(self) -> None:
        """A finished attempt: every question read-only, those left unanswered saying so."""
        for widget in self.widgets:
            widget.set_read_only(True)
            if widget.question.id not in self.grades:
                widget.show_unanswered(counts_as_wrong=True)

    def _begin(self, attempt: QuizAttempt, position: int) -> None:
        self._load_questions(attempt)
        self.reviewing = False
        self.pages.setCurrentWidget(self.question_page)
        self.go_to(min(max(position, 0), len(self.widgets) - 1), save=False)

    def go_previous(self) -> None:
        self.go_to(self.index - 1)

    def go_next(self) -> None:
        self.go_to(self.index + 1)

    def go_to(self, index: int, *, save: bool = True) -> None:
        if not self.widgets or not 0 <= index < len(self.widgets):
            return
        self.save_drafts()
        for button in (self.next_button, self.finish_button):
            button.setAccessibleDescription("")  # the last question's verdict, said there
        self._show_question(index)
        self._update_buttons()
        self._focus_question()
        if save and not self.reviewing:
            self.touch()
            self._record(lambda r: r.heartbeat(float(index)))

    def _update_buttons(self) -> None:
        last = self.index == len(self.widgets) - 1
        checked = self.current.question.id in self.grades
        self.check_button.setVisible(not self.reviewing and not checked)
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(not last)
        self.finish_button.setText(
            self.tr("Back to the &results") if self.reviewing else self.tr("&Finish the quiz")
        )
        assert self.attempt is not None
        checked_count = sum(1 for q in self.questions if q.id in self.grades)
        self.attempt_label.setText(
            self.tr("Attempt %1 \u00b7 %2 of %3 questions checked")
            .replace("%1", str(self.attempt.number))
            .replace("%2", str(checked_count))
            .replace("%3", str(len(self.questions)))
        )
        QWidget.setTabOrder(self.current.last_input(), self.check_button)
        QWidget.setTabOrder(self.check_button, self.previous_button)
        QWidget.setTabOrder(self.previous_button, self.next_button)
        QWidget.setTabOrder(self.next_button, self.finish_button)

    def _enter(self) -> None:
        """Enter in a question: check it, or go on once it is checked."""
        if self.reviewing or self.current.question.id in self.grades:
            if self.index < len(self.widgets) - 1:
                self.go_to(self.index + 1)
            else:
                self.finish_button.setFocus()
        else:
            self.check()

    def check(self) -> bool:
        """Grade and record the current question; False when there is nothing to record."""
        widget = self.current
        question = widget.question
        if question.id in self.grades or self.reviewing:
            return False
        problem = widget.input_problem()
        response = widget.response()
        if not problem and response is None:
            problem = self.tr("Answer the question first.")
        if problem:
            widget.show_problem(problem)
            widget.first_input().setFocus()
            return False
        if not self._check(widget):
            return False
        self._update_buttons()
        target = self.next_button if self.next_button.isEnabled() else self.finish_button
        # The verdict is the description of the button the keyboard lands on, set before the
        # focus moves, so the screen reader says it as it says the button, and again if the
        # learner comes back to it. It is not announced as well: NVDA said it twice. The
        # description is kept over the announcement because the focus moves with the verdict
        # (announcements are for what changes away from it) and every screen reader reads a
        # focused button's description, while Orca before 46 (Debian 12, Ubuntu 22.04) drops
        # announcements. Moving to another question takes it off (`go_to`). With the keyboard
        # on that button already (Alt+K pressed from Next), the focus does not move and nothing
        # would say it: it is announced then, and only then, so it is said once either way.
        verdict = plain_text(widget.result.text() + " " + widget.general.text())
        stays = target.hasFocus()
        target.setAccessibleDescription(verdict)
        target.setFocus()
        if stays:
            announce(target, verdict)
        return True

    def _check(self, widget: QuestionWidget) -> bool:
        assert self.assessment is not None and self.recorder is not None
        assert self.attempt is not None
        response = widget.response()
        if response is None:
            return False
        session, attempt_id = self.recorder.session, self.attempt.id
        graded = self._store(
            lambda: self.assessment.assessments.question_answered(  # type: ignore[union-attr]
                session, attempt_id, widget.question.id, response
            ),
            "quiz answer",
        )
        if graded is None:
            return False
        self.touch()
        self._unsaved.discard(widget.question.id)  # checked: the store dropped its draft
        if not self._unsaved:
            self._settled("quiz draft")  # a draft that failed is no longer wanted
        self.grades[widget.question.id] = graded.grade
        widget.show_grade(graded.grade)
        widget.set_read_only(True)
        return True

    def finish(self) -> None:
        """Score the attempt; unchecked answers are checked first, empty ones count 0.

        Nothing is checked before the learner confirms: "Go back" from the question leaves
        every answer as it was, still to be changed (learner's-eye run f1: the answers picked
        and not checked were graded and locked behind the question, Go back or not)."""
        if self.reviewing:
            self.show_results()
            return
        self.save_drafts()  # kept if the learner goes back from the question below
        pending = len(self._pending())
        empty = sum(1 for q in self.questions if q.id not in self.grades) - pending
        if empty:
            text = self.tr("%n questions are not answered: they count as wrong.", "", empty)
            if pending:
                text += " " + self.tr(
                    "%n answers you have not checked will be checked when you finish.", "", pending
                )
            self._confirm(
                self.tr("Finish the quiz?"),
                text,
                self.tr("&Finish"),
                self._check_and_finish,
                # Ending counts every empty question wrong: Enter (like Escape) goes back to
                # them, as the exam's question does; finishing is a click or Alt+F.
                safe_default=True,
            )
        else:
            self._check_and_finish()

    def _pending(self) -> list[QuestionWidget]:
        """The questions answered and not checked yet."""
        return [
            w
            for w in self.widgets
            if w.question.id not in self.grades
            and not w.input_problem()
            and w.response() is not None  # False and 0 are answers
        ]

    def _check_and_finish(self) -> None:
        """Finishing confirmed: the answers not checked yet are checked, then the attempt ends."""
        for widget in self._pending():
            if not self._check(widget):
                self._update_buttons()  # those checked before it stay checked: said so
                return
        self._finish()
        if not (self.attempt is not None and self.attempt.finished):
            self._update_buttons()  # the attempt could not end: its checked answers said

    def _finish(self) -> None:
        assert self.assessment is not None and self.recorder is not None
        assert self.attempt is not None
        session, attempt_id = self.recorder.session, self.attempt.id
        finished = self._store(
            lambda: self.assessment.assessments.quiz_finished(session, attempt_id),  # type: ignore[union-attr]
            "quiz finish",
        )
        if finished is None:
            return
        self.attempt = finished
        self.typing.stop()
        self._unsaved.clear()  # the store dropped every draft of the attempt
        self._settled("quiz draft", "quiz answer")
        self._lock_answers()
        self._record(lambda r: r.heartbeat(0.0))
        self._refresh_progress()
        self._reload_attempts()
        self.show_results()
        self.completed.emit()  # the outline's icon and the course's progress change

    # -- answers not checked yet ----------------------------------------------------------------

    def _read_drafts(self, attempt_id: str) -> dict[str, QuizDraft] | None:
        assert self.assessment is not None
        return self._store(
            lambda: self.assessment.assessments.quiz_drafts(self._profile_id, attempt_id),  # type: ignore[union-attr]
            "quiz drafts read",
            read=True,
        )

    def _widget_changed(self) -> None:
        """A question's answer edited: found by sender(), as a closure per question held this
        view and kept a view of its own alive."""
        widget = self.sender()
        if isinstance(widget, QuestionWidget):
            self._draft_changed(widget)

    def _draft_changed(self, widget: QuestionWidget) -> None:
        """An answer edited before it is checked: a choice is kept at once, typing after a
        pause (never on every key)."""
        attempt = self.attempt
        qid = widget.question.id
        if attempt is None or attempt.finished or self.reviewing or qid in self.grades:
            return
        self._unsaved.add(qid)
        if widget.line is not None:
            self.typing.start()
        else:
            self.save_drafts()

    def save_drafts(self) -> bool:
        """Keep every answer edited and not checked since its last save; False if one could
        not be (the notice says why, and it is tried again at the next save)."""
        self.typing.stop()
        attempt = self.attempt
        wrote = False
        if self._unsaved and attempt is not None and not attempt.finished:
            for widget in self.widgets:
                qid = widget.question.id
                if qid not in self._unsaved:
                    continue
                if qid not in self.grades:  # else checked: the store dropped its draft
                    if not self._save_draft(attempt.id, widget):
                        return False
                    wrote = True
                self._unsaved.discard(qid)
        # None left, so none that failed: settled once, after the last (one saved before one
        # that fails must not take the notice down, to be said again at every save).
        if wrote:
            self._saved("quiz draft")
        else:
            self._settled("quiz draft")
        return True

    def _save_draft(self, attempt_id: str, widget: QuestionWidget) -> bool:
        assert self.assessment is not None and self.recorder is not None
        session, qid, text = self.recorder.session, widget.question.id, widget.draft()
        saved = self._store(
            lambda: self.assessment.assessments.save_quiz_draft(  # type: ignore[union-attr]
                session, attempt_id, qid, text
            ),
            "quiz draft",
            settle=False,  # by save_drafts, once every draft is saved
        )
        return saved is not None

    # -- results --------------------------------------------------------------------------------

    def _show_results(self) -> None:
        self.show_results()

    def show_results(self, *, focus: bool = True) -> None:
        """The last attempt's score, per question, and what the learner can do next."""
        attempt = self.attempt
        if attempt is None:
            return
        self.reviewing = False
        score = attempt.score or 0.0
        self.results_title.setText(
            self.tr("Attempt %1: %2")
            .replace("%1", str(attempt.number))
            .replace("%2", percent(score))
        )
        if attempt.passed:
            verdict = f"{RIGHT} " + self.tr("Passed: the pass mark is %1.")
        else:
            verdict = f"{WRONG} " + self.tr("Not passed: the pass mark is %1.")
        self.results_score.setText(fill(verdict, percent(self.quiz.mastery_score)))
        left = self.attempts_left
        if left is None:
            self.results_attempts.setText(self.tr("You may try again as often as you like."))
        elif left:
            self.results_attempts.setText(self.tr("Attempts left: %n", "", left))
        else:
            self.results_attempts.setText(self.tr("You have used every attempt of this quiz."))
        self.retry_button.setText(self.tr("&Try again"))
        can_retry = left is None or left > 0
        self.retry_button.setVisible(can_retry)
        self.review_button.setText(self.tr("&Review the answers"))
        self.results_list.clear()
        for number, question in enumerate(self.questions, 1):
            result = self.grades.get(question.id)
            if result is None:
                state = self.tr("not answered")
                symbol = WRONG
            elif result.correct:
                state, symbol = self.tr("right"), RIGHT
            elif result.score > 0:
                state = self.tr("partly right (%1)").replace("%1", percent(result.score))
                symbol = PARTLY
            else:
                state, symbol = self.tr("wrong"), WRONG
            name = question_summary(question)
            item = QListWidgetItem(f"{symbol} {number}. {isolated(name)} \u2014 {state}")
            item.setData(INDEX_ROLE, number - 1)
            self.results_list.addItem(item)
        self.results_list.setAccessibleName(self.tr("Questions of this attempt"))
        self.results_list.setCurrentRow(0)
        self.pages.setCurrentWidget(self.results_page)
        # Trying again first, right after finishing as when the quiz is opened again later (the
        # view not shown yet, so not from isVisible()): a practice quiz gave each answer's
        # feedback as it was checked, and the list above already says which were wrong.
        target = self.retry_button if can_retry else self.review_button
        self.setFocusProxy(target)
        if focus:
            target.setFocus()
        self.results_page.setAccessibleDescription(
            f"{self.results_title.text()}. {self.results_score.text()}"
        )

    def _review_item(self, item: QListWidgetItem) -> None:
        self.review(int(item.data(INDEX_ROLE)))

    def _review_first(self) -> None:
        self.review(0)

    def review(self, index: int) -> None:
        """The attempt's questions, read-only, with their feedback."""
        if not self.widgets:
            return
        self.reviewing = True
        self.pages.setCurrentWidget(self.question_page)
        self.go_to(index, save=False)

    # -- unit view hooks ------------------------------------------------------------------------

    def _media_position(self) -> float | None:
        if self.pages.currentWidget() is self.question_page and not self.reviewing:
            return float(self.index)
        return None

    def _media_stop(self) -> float | None:
        self.save_drafts()  # leaving the unit or quitting: nothing typed is lost
        return self._media_position()

    def retranslate(self) -> None:
        super().retranslate()
        self.check_button.setText(self.tr("Chec&k"))
        self.check_button.setToolTip(self.tr("Check this answer (Enter)"))
        self.previous_button.setText(self.tr("Pre&vious question"))
        self.next_button.setText(self.tr("&Next question"))
        self.previous_button.setAccessibleName(self.tr("Previous question"))
        self.next_button.setAccessibleName(self.tr("Next question"))
        self.start_review.setText(self.tr("See the last &results"))
        self.scroll.setAccessibleName(self.tr("Question"))
        if self.attempt is not None and self.widgets:
            self._update_buttons()
        if self.pages.currentWidget() is self.start_page:
            self._update_start()
        elif self.pages.currentWidget() is self.results_page:
            self.show_results(focus=False)
