"""The certificate exam unit view: start, answer against the clock, review, submit, wait for
the grade. What the learner reads on each page, and the moves between the pages; the attempts
and the store calls on them are `ExamController`'s, the widgets `ExamPages`'.

Nothing here is kept only in memory: the question on screen is the unit's resume position,
saved on every move, and each answer is saved as it is given, so after a crash the view opens on
the same question with the same answers. An attempt a records import brought in progress gets
the exam's time limit from its start as the view opens (`limit_imported_attempts`); a submitted
attempt is shown read-only (the store refuses any change to it).

The logic beside the pages has modules of its own: saving (each answer saved as given, put back
as stored), navigation (where the learner is in the attempt, saved on every move), deadline (the
clock, its warnings, the deadline's submission, an attempt found submitted elsewhere), submission
(handing in: one store transaction, then sync), grade_wait (waiting for the institution's grade)
and leaving (what the status bar says as the learner leaves). They are functions of this view:
its timers, state and connections stay here.

Every text is in the `ExamView` translation context: set here with `tr()`, or composed by the
modules beside it (start_texts, review_list, clock_texts, results_texts, deadline, leaving),
which name that context.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QListWidgetItem, QWidget

from player.course.manifest import Course, ExamUnit
from player.store.attempts import (
    AttemptNotAllowed,
    AttemptsExhausted,
    ExamAttempt,
)
from player.ui.assessment_common import exam_state_text, limit_text
from player.ui.assessment_view import INDEX_ROLE, TYPING_PAUSE_MS
from player.ui.exam import deadline, grade_wait, leaving, navigation, saving, submission
from player.ui.exam.controller import ExamController
from player.ui.exam.grade_wait import GRADE_POLL_MS, WaitFacts, read_facts
from player.ui.exam.pages import ExamPages
from player.ui.exam.results_texts import attempt_lines, attempt_title, results_lines
from player.ui.exam.review_list import review_item, review_summary
from player.ui.exam.start_texts import start_facts, start_grading, start_rules, start_state
from player.ui.i18n import fill
from player.ui.question_widgets import QuestionWidget
from player.ui.recorder import STORE_FAILURES
from player.ui.theme import colors_from_palette
from player.ui.unit_view import UnitServices
from player.wording import isolated

# What the exam page says of the answers: being saved (typed), not saved, all saved, nothing.
SaveState = Literal["saving", "failed", "saved", ""]


class ExamView(ExamPages):
    def __init__(
        self,
        unit: ExamUnit,
        course: Course,
        services: UnitServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(unit, course, services, parent)
        self.exam = unit
        self.control = ExamController(
            unit, course, self.assessment, self.recorder, self._profile_id, self._store
        )
        self._unsaved: set[str] = set()  # question ids edited since their last save
        self._save_state: SaveState = ""  # said again on a language change
        self._warned = 0
        self._time_notice = ""  # the time warning shown, taken down when the attempt ends
        self._wait = WaitFacts()  # what the done page says of a wait for the grade
        self._leaving = False  # an ending found now is said by `leaving_notice`, not announced
        self.start_title.setText(self.exam.title)
        self._connect()

        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self._tick)
        self.typing = QTimer(self)
        self.typing.setSingleShot(True)
        self.typing.setInterval(TYPING_PAUSE_MS)
        self.typing.timeout.connect(self.save_pending)
        self.grade_poll = QTimer(self)
        self.grade_poll.setInterval(GRADE_POLL_MS)
        self.grade_poll.timeout.connect(self.refresh)

        self._built()  # texts set now and again on every language change
        self._open()

    def _connect(self) -> None:
        self.start_button.clicked.connect(self.ask_start)
        self.previous_button.clicked.connect(self.go_previous)  # methods: see _confirm
        self.next_button.clicked.connect(self.go_next)
        self.to_review_button.clicked.connect(self.show_review)
        self.review_list.itemActivated.connect(self._review_item)
        self.back_button.clicked.connect(self._back)
        self.submit_button.clicked.connect(self.ask_submit)
        self.answers_button.clicked.connect(self.show_submitted_answers)
        self.again_button.clicked.connect(self.ask_start)

    # -- the controller's state, as the pages show it -------------------------------------------

    @property
    def attempt(self) -> ExamAttempt | None:
        return self.control.attempt

    @property
    def attempts(self) -> list[ExamAttempt]:
        return self.control.attempts

    @property
    def editable(self) -> bool:
        return self.control.editable

    def _now(self) -> float:
        """The store's clock: the one the attempt's deadline is compared with."""
        assert self.assessment is not None
        return self.assessment.now()

    @property
    def institution(self) -> str:
        name = self.assessment.institution if self.assessment is not None else ""
        return name or self.tr("your institution")

    # -- opening --------------------------------------------------------------------------------

    def _open(self) -> None:
        if self.assessment is None or self.recorder is None:
            self.show_problem(self.tr("Exams cannot be taken here: the records are unavailable."))
            return
        opening = self.control.open()
        if opening == "expired":
            deadline.expire(self, away=True)
        elif opening == "resume":
            assert self.attempt is not None
            navigation.begin(self, self.attempt, int(self.recorder.progress.position))
        elif opening == "results":
            self.show_done()
        else:
            self.show_start()

    # -- start ----------------------------------------------------------------------------------

    def show_start(self) -> None:
        self._update_start()
        self.pages.setCurrentWidget(self.start_page)
        self.setFocusProxy(self.start_button)

    def _update_start(self) -> None:
        facts = [
            self.tr("%n questions", "", len(self.exam.questions)),  # a plural: `tr()`'s alone
            *start_facts(self.exam, self.control.attempts_left),
        ]
        self.start_facts.setText("\n".join(facts))
        self.start_grading.setText(start_grading(self.institution, self.control.has_account()))
        self.start_rules.setText(start_rules(self.exam, self.services.product))
        state = start_state(self.control)
        self.start_state.setText(state)
        self.start_state.setVisible(bool(state))
        self.start_button.setText(
            self.tr("&Start the exam") if not self.attempts else self.tr("&Start a new attempt")
        )
        self.start_button.setEnabled(self.control.can_start())
        self.start_page.setAccessibleName(
            " ".join(
                w.text()
                for w in (self.start_title, self.start_facts, self.start_grading, self.start_state)
            )
        )

    def ask_start(self) -> None:
        # The attempt's number, as its page and results will name it, and the attempts left
        # apart: with a gap in the numbers (an import) "attempt 2 of 2" named the wrong one.
        text = (
            self.tr("Start attempt %1 now? Attempts left after it: %2.")
            .replace("%1", str(self.control.next_number))
            .replace("%2", str(max(0, self.control.attempts_left - 1)))
        )
        if self.exam.time_limit:
            text += " " + fill(
                self.tr("You will have %1; the clock does not stop, even if you close %2."),
                limit_text(self.exam.time_limit),
                isolated(self.services.product),
            )
        # An attempt used and a clock that cannot be stopped: Enter twice (or a key held) on
        # "Start the exam" must not do it, as it must not hand the exam in (ask_submit).
        self._confirm(
            self.tr("Start the exam"), text, self.tr("&Start"), self.start, safe_default=True
        )

    def start(self) -> None:
        try:
            attempt = self.control.start()
        except (AttemptsExhausted, AttemptNotAllowed):  # the start page says why
            self.control.reload()
            self.show_start()
            return
        except STORE_FAILURES as exc:
            self._save_failed(exc, "exam start")
            return
        self._saved("exam start")
        self.touch()
        self.control.reload()
        navigation.begin(self, attempt, 0)

    # -- answering ------------------------------------------------------------------------------

    def go_previous(self) -> None:
        self.go_to(self.index - 1)

    def go_next(self) -> None:
        self.go_to(self.index + 1)

    def go_to(self, index: int, *, save: bool = True) -> None:
        navigation.go_to(self, index, save=save)

    def _label_review_button(self) -> None:
        """Submitted answers are only read: the button lists them, nothing is submitted."""
        self.to_review_button.setText(
            self.tr("&Review and submit\u2026") if self.editable else self.tr("&All your answers")
        )

    def _enter(self) -> None:
        if self.index < len(self.widgets) - 1:
            self.go_to(self.index + 1)
        else:
            self.show_review()

    def _update_where(self) -> None:
        answered = sum(1 for w in self.widgets if w.response() is not None)
        assert self.attempt is not None
        self.where.setText(
            self.tr("Attempt %1 \u00b7 question %2 of %3 \u00b7 %4 answered")
            .replace("%1", str(self.attempt.number))
            .replace("%2", str(self.index + 1))
            .replace("%3", str(len(self.widgets)))
            .replace("%4", str(answered))
        )

    def _widget_changed(self) -> None:
        """A question's answer edited: found by sender(), as a closure per question held this
        view and kept a view of its own alive."""
        widget = self.sender()
        if isinstance(widget, QuestionWidget):
            saving.answer_changed(self, widget)

    def save_pending(self) -> bool:
        """Save every answer edited since its last save; False if one could not be saved."""
        return saving.save_pending(self)

    def _show_save_state(self, state: SaveState) -> None:
        """Say whether the answers are saved ("saving", "failed", "saved"; "" says nothing),
        and keep the state: a language change says it again in the new language."""
        self._save_state = state
        texts = {
            "saving": self.tr("Saving\u2026"),
            "failed": self.tr("Not saved"),
            "saved": self.tr("\u2713 All answers saved"),
        }
        self.saved.setText(texts.get(state, ""))

    # -- the clock ------------------------------------------------------------------------------

    def _tick(self) -> None:
        deadline.tick(self)

    def _time_up(self) -> None:
        deadline.expire(self, away=False)

    # -- review and submit ----------------------------------------------------------------------

    def show_review(self, *, save: bool = True) -> None:
        if saving.closed_by_saving(self):
            return
        self.inner.setCurrentWidget(self.review_page)
        self.review_list.clear()
        answered = 0
        for number, widget in enumerate(self.widgets, 1):
            item, given = review_item(number, widget)
            answered += given
            self.review_list.addItem(item)
        self.review_list.setCurrentRow(0)
        editable = self.editable
        self.review_title.setText(
            self.tr("Review your answers") if editable else self.tr("Your submitted answers")
        )
        summary = review_summary(answered, len(self.widgets), self.institution, editable=editable)
        self.review_summary.setText(summary)
        self.review_list.setAccessibleName(self.tr("Questions and your answers"))
        self.review_list.setAccessibleDescription(summary)
        self.submit_button.setVisible(editable)
        self.back_button.setText(
            self.tr("&Back to the questions") if editable else self.tr("&Back to the results")
        )
        assert self.attempt is not None
        self.where.setText(attempt_title(self.exam, self.attempt))
        self.setFocusProxy(self.review_list)
        self.review_list.setFocus()
        if save and editable:
            self.touch()
            self._record(lambda r: r.heartbeat(float(len(self.widgets))))

    def _back(self) -> None:
        """From the review: to the questions while answering; to the results once submitted
        (the answers are only being read, and the results page is where the learner came from)."""
        if self.editable:
            self.go_to(self.index)
        else:
            self.show_done()

    def _review_item(self, item: QListWidgetItem) -> None:
        self.go_to(int(item.data(INDEX_ROLE)))

    def ask_submit(self) -> None:
        unanswered = submission.unanswered_if_ready(self)
        if unanswered is None:
            return
        text = self.tr("Submit your answers to %1? You cannot change them afterwards.").replace(
            "%1", isolated(self.institution)
        )
        if unanswered:
            text += " " + self.tr("%n questions are not answered.", "", unanswered)
        # Handing in is final and certifying: one Enter too many must not do it.
        self._confirm(
            self.tr("Submit the exam"), text, self.tr("&Submit"), self.submit, safe_default=True
        )

    def submit(self) -> bool:
        """ONE transaction: the attempt is submitted and its statements queued; then sync."""
        return submission.submit(self)

    # -- after submission -----------------------------------------------------------------------

    def show_done(self, *, focus: bool = True) -> None:
        attempt = self.attempt
        if attempt is None:
            self.show_start()
            return
        deadline.end_time_notice(self)
        self.pages.setCurrentWidget(self.done_page)
        self.done_title.setText(attempt_title(self.exam, attempt))
        self.done_state.setText(exam_state_text(attempt))
        colors = colors_from_palette(self.palette())
        color = {True: colors.good, False: colors.bad}.get(attempt.passed, "")  # type: ignore[arg-type]
        self.done_state.setStyleSheet(f"color: {color};" if attempt.state == "graded" else "")
        if attempt.state == "submitted":
            self._wait = read_facts(self.control)
            self.grade_poll.start()
        else:
            self.grade_poll.stop()
        explain = results_lines(
            self.exam,
            attempt,
            self.control.ending,
            self.institution,
            product=self.services.product,
            has_account=self._wait.has_account,
            account_refused=self._wait.account_refused,
            grade_unreadable=self._wait.grade_unreadable,
            delivered=self._wait.delivered,
        )
        self.done_explain.setText("\n".join(explain))  # a line for each fact
        can_again = self.control.can_start()
        lines = attempt_lines(attempt, self.attempts)
        if can_again:  # a plural: `tr()`'s alone
            lines.append(self.tr("Attempts left: %n", "", self.control.attempts_left))
        elif (
            attempt.state == "submitted"
            and self.control.attempts_left
            and self.control.passed() is None
        ):
            # waiting for its grade, the learner may fear this was the last chance (not once
            # another attempt passed: an import can bring one graded after this one)
            lines.append(
                self.tr(
                    "%n attempts left if this one is not passed.",
                    "",
                    self.control.attempts_left,
                )
            )
        self.done_attempts.setText("\n".join(lines))
        self.again_button.setText(self.tr("&Start a new attempt"))
        self.again_button.setVisible(can_again)
        self.answers_button.setText(self.tr("See your &answers"))
        self.answers_button.setVisible(bool(self.questions) or attempt is not None)
        target = self.again_button if can_again else self.answers_button
        self.setFocusProxy(target)
        if focus:
            target.setFocus()
        self.done_page.setAccessibleName(
            f"{self.done_title.text()}. {self.done_state.text()}. {' '.join(explain)}"
        )

    def show_submitted_answers(self) -> None:
        if self.attempt is None:
            return
        saving.load(self, self.attempt)  # as stored: read-only once submitted
        self.pages.setCurrentWidget(self.exam_page)
        self.timer_label.clear()
        self._show_save_state("")
        self.show_review(save=False)

    def refresh(self) -> None:
        """Read the attempt again (sync may have recorded its grade, or failed to read it)."""
        grade_wait.refresh(self)

    # -- unit view hooks ------------------------------------------------------------------------

    def leaving_notice(self) -> str:
        """What to say as the learner leaves this view (another unit, the library): a timed
        attempt keeps running, so its clock is said once ("" when none runs). The answers
        pending are saved first, so that the store has the last word: an attempt that saving
        finds submitted meanwhile (another Cartable on the same records, or its time up) is
        said to be submitted, never to be running."""
        return leaving.leaving_notice(self)

    def leaving_clock(self) -> Callable[[], str | None] | None:
        """What `leaving_notice` says of the attempt left running, read again as its clock runs
        on: the status bar's line follows it as the outline and the library's banner do ("" once
        the attempt no longer runs, None when the records cannot be read). A closure over the
        store's exam clock alone: the view is gone by the time it is read."""
        return leaving.leaving_clock(self)

    @property
    def runs_on(self) -> bool:
        """An attempt is left running against its clock: what `leaving_notice` says of it stops
        applying once it ends, and the course view takes it down then."""
        attempt = self.attempt
        return self.editable and attempt is not None and attempt.deadline is not None

    def _media_position(self) -> float | None:
        if not self.editable or self.pages.currentWidget() is not self.exam_page:
            return None
        if self.inner.currentWidget() is self.review_page:
            return float(len(self.widgets))
        return float(self.index)

    def _media_stop(self) -> float | None:
        self.save_pending()
        if self.editable and self.attempt is not None and self.attempt.deadline is not None:
            self.control.time_left(self.attempt, save=True)  # the time used so far, written down
        self.clock.stop()
        self.grade_poll.stop()
        return self._media_position()

    def retranslate(self) -> None:
        super().retranslate()
        self.previous_button.setText(self.tr("Pre&vious question"))
        self.next_button.setText(self.tr("&Next question"))
        self.previous_button.setAccessibleName(self.tr("Previous question"))
        self.next_button.setAccessibleName(self.tr("Next question"))
        self._label_review_button()
        self.submit_button.setText(self.tr("&Submit the exam\u2026"))
        self.scroll.setAccessibleName(self.tr("Question"))
        self._show_save_state(self._save_state)
        self.timer_label.setToolTip(
            self.tr("The time left of this attempt; it keeps running while %1 is closed.").replace(
                "%1", isolated(self.services.product)
            )
        )
        page = self.pages.currentWidget()
        if page is self.start_page:
            self._update_start()
        elif page is self.done_page:
            self.show_done(focus=False)
        elif self.attempt is not None and self.widgets:
            self._update_where()
            self._tick()
            if self.inner.currentWidget() is self.review_page:
                self.show_review(save=False)
