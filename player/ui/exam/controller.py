"""The learner's attempts at one exam and every store call made on them, with no widget: the
exam view shows what this holds and asks it to change it.

Nothing is kept only in memory. `attempts` is read again from the store after every change, and
the time left is the store's exam clock (`exam_clock`), so a restart, or the computer's clock set
back or forward, changes nothing. A store failure in `reload`, `limit_imported`, `expire` or
`fetch` becomes the view's notice (the `store` runner it gives); `start`, `answer` and `submit`
raise, because the view answers each refusal differently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, Protocol, TypeVar

from player.course.grading import Response
from player.course.manifest import Course, ExamUnit
from player.store.attempts import ExamAttempt
from player.ui.assessment_common import AssessmentServices
from player.ui.recorder import STORE_FAILURES, UnitRecorder

T = TypeVar("T")
# How the attempt on screen ended in this view: submitted here; by its deadline, seen here or
# as the view opened; or found submitted already (another window, or its deadline's submission
# made elsewhere), when the store refused an answer or the deadline came.
Ending = Literal["", "submitted", "expired", "expired_away", "submitted_before"]
# What the view opens on: a new attempt's start; the attempt in progress, to resume or, its
# deadline passed while the view was closed, to submit; or the last attempt's results.
Opening = Literal["start", "resume", "expired", "results"]


class StoreRunner(Protocol):
    """`AssessmentView._store`: one store call of a kind (a read if `read`), its failure
    shown above the view until a call of that kind goes through."""

    def __call__(self, call: Callable[[], T], write: str, /, *, read: bool = ...) -> T | None: ...


class ExamController:
    def __init__(
        self,
        exam: ExamUnit,
        course: Course,
        assessment: AssessmentServices | None,
        recorder: UnitRecorder | None,
        profile_id: str,
        store: StoreRunner,
    ) -> None:
        self.exam = exam
        self.course = course
        self.assessment = assessment
        self.recorder = recorder
        self.profile_id = profile_id
        self.store = store
        self.attempt: ExamAttempt | None = None  # the one on screen
        self.attempts: list[ExamAttempt] = []
        self.ending: Ending = ""  # how the attempt on screen ended in this view, if it did

    # -- reading --------------------------------------------------------------------------------

    def reload(self) -> None:
        assert self.assessment is not None
        found = self.store(
            lambda: self.assessment.assessments.exam_attempts(  # type: ignore[union-attr]
                self.profile_id, self.course.id, self.exam.id
            ),
            "exam attempts read",
            read=True,
        )
        self.attempts = found if found is not None else []

    @property
    def attempts_left(self) -> int:
        return max(0, self.exam.max_attempts - len(self.attempts))

    @property
    def next_number(self) -> int:
        """The number a new attempt gets: after the last, as the store numbers it (an import
        may leave a gap, so it can be more than the count + 1; the limit counts attempts)."""
        return max((a.number for a in self.attempts), default=0) + 1

    @property
    def editable(self) -> bool:
        return self.attempt is not None and self.attempt.state == "in_progress" and not self.ending

    def in_progress(self) -> ExamAttempt | None:
        return next((a for a in self.attempts if a.state == "in_progress"), None)

    def waiting(self) -> ExamAttempt | None:
        """An attempt submitted and not graded yet: a new one waits for its grade."""
        return next((a for a in self.attempts if a.state == "submitted"), None)

    def passed(self) -> ExamAttempt | None:
        return next((a for a in self.attempts if a.state == "graded" and a.passed), None)

    def can_start(self) -> bool:
        """Not while an attempt waits for its grade, nor once one passed."""
        return self.attempts_left > 0 and self.waiting() is None and self.passed() is None

    def time_left(self, attempt: ExamAttempt, *, save: bool = False) -> float | None:
        """Seconds left by the store's exam clock, which a wall clock set back or forward does
        not move; None without a time limit."""
        assert self.assessment is not None
        try:
            left = self.assessment.assessments.exam_clock(self.profile_id, attempt.id, save=save)
        except STORE_FAILURES:  # the stored deadline then, by the wall clock
            return attempt.remaining(self.assessment.now())
        return None if left is None else max(0.0, left)

    def grade_unreadable(self) -> bool:
        """The last sync could not read this profile's grades (a write-only account...). Never
        without an account: such a profile does not sync, and an error its sync status still
        holds (an account since removed) is not what keeps its result away."""
        return (
            self.assessment is not None
            and bool(self.assessment.grade_error())
            and self.has_account()  # read from disk: only when there is an error to hide
        )

    def has_account(self) -> bool:
        """This profile has an account at the institution: its answers can be sent."""
        return self.assessment is None or self.assessment.has_account()

    def account_refused(self) -> bool:
        """The institution's server refused this profile's account: nothing is sent."""
        return self.assessment is not None and self.assessment.account_refused()

    def delivered(self) -> bool:
        """The attempt on screen reached the institution (`AttemptRecords.exam_delivered`);
        False when the records cannot be read (said as before: kept here, or sent when online)."""
        if self.assessment is None or self.attempt is None:
            return False
        attempt = self.attempt
        found = self.store(
            lambda: self.assessment.assessments.exam_delivered(attempt),  # type: ignore[union-attr]
            "exam attempt read",
            read=True,
        )
        return bool(found)

    def fetch(self) -> bool:
        """Read the attempt on screen again: True when sync recorded a new grade for it."""
        assert self.assessment is not None and self.attempt is not None
        attempt_id = self.attempt.id
        fresh = self.store(
            lambda: self.assessment.assessments.exam_attempt(self.profile_id, attempt_id),  # type: ignore[union-attr]
            "exam attempt read",
            read=True,
        )
        if fresh is None or (fresh.state, fresh.passed, fresh.score) == (
            self.attempt.state,
            self.attempt.passed,
            self.attempt.score,
        ):
            return False
        self.attempt = fresh
        self.reload()
        return True

    def open(self) -> Opening:
        """Read the attempts as the view opens, and take the one it shows (`attempt`)."""
        self.limit_imported()
        self.reload()
        current = self.in_progress()
        if current is not None:
            self.attempt = current
            left = self.time_left(current)
            return "expired" if left is not None and left <= 0 else "resume"
        if self.attempts:
            self.attempt = self.attempts[-1]
            return "results"
        return "start"

    # -- changing -------------------------------------------------------------------------------

    def limit_imported(self) -> None:
        """An attempt a records file brought gets the exam's time limit from its start."""
        assert self.assessment is not None
        self.store(
            lambda: self.assessment.assessments.limit_imported_attempts(  # type: ignore[union-attr]
                self.profile_id, self.course.id, self.exam
            ),
            "exam time limit",
        )

    def start(self) -> ExamAttempt:
        """A new attempt: its registration and deadline are stored before the first question."""
        assert self.assessment is not None and self.recorder is not None
        return self.assessment.assessments.exam_started(self.recorder.session)

    def answer(self, question_id: str, response: Response | None) -> None:
        """Save one answer of the attempt on screen; None clears a saved one."""
        assert self.assessment is not None and self.recorder is not None
        assert self.attempt is not None
        self.attempt = self.assessment.assessments.exam_answer(
            self.recorder.session, self.attempt.id, question_id, response
        )

    def submit(self) -> None:
        """ONE transaction: the attempt is submitted and its statements queued."""
        assert self.assessment is not None and self.recorder is not None
        assert self.attempt is not None
        session, attempt_id = self.recorder.session, self.attempt.id
        self.attempt = self.assessment.assessments.exam_submitted(session, attempt_id)
        self.ending = "submitted"

    def course_of(self, course_id: str) -> Course | None:
        """Every expired attempt of the learner is submitted here, of any installed course:
        each needs its own course to queue the `satisfied` its submission earns."""
        if course_id == self.course.id:
            return self.course
        assert self.assessment is not None
        return self.assessment.course_of(course_id)

    def expire(self, *, away: bool) -> list[ExamAttempt] | None:
        """The deadline passed, or the store refused the attempt on screen as closed: what was
        saved in time is submitted. Returns the attempts submitted here (of any course), None
        when the store failed. The attempt on screen, submitted already and not by this call,
        ends as `submitted_before`: the view must not say its time is up."""
        assert self.assessment is not None
        shown = self.attempt.id if self.attempt is not None else None
        done = self.store(
            lambda: self.assessment.assessments.submit_expired(  # type: ignore[union-attr]
                self.profile_id, self.course_of
            ),
            "exam expiry",
        )
        if done is None:
            return None
        self.reload()
        mine = next((a for a in done if a.id == shown), None)
        self.ending = "expired_away" if away else "expired"
        if mine is not None:
            self.attempt = mine
        elif shown is not None:
            self.attempt = next((a for a in self.attempts if a.id == shown), None)
            if self.attempt is not None and self.attempt.state != "in_progress":
                self.ending = "submitted_before"
        if self.attempt is None and self.attempts:
            self.attempt = self.attempts[-1]
        return done
