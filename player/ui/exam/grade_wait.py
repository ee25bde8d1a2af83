"""A submitted attempt waiting for the institution's grade, which sync records
(`record_exam_result`). The page after submission says what happens meanwhile: sent when online,
or kept on this computer (no account at the institution yet, or one its server refused), or
that they reached it (sent, or delivered from the computer a records file came from), and
that the last sync could not read the grades (`AssessmentServices.grade_error`) if so. The view
looks again every GRADE_POLL_MS: a grade recorded, or one of those facts changed (an account
added in the Sync panel), shows the page again.

Apart from view.py because this is the waiting's logic, not the page's layout or words
(results_texts, context "ExamView"). `WaitFacts` is what the page last said; `refresh` takes the
view as an argument and keeps no reference to it (no cycle).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from player.ui.exam.controller import ExamController

if TYPE_CHECKING:
    from player.ui.exam.view import ExamView

# While an attempt waits for its grade, the view looks for it this often (sync records it).
GRADE_POLL_MS = 5_000


@dataclass(frozen=True)
class WaitFacts:
    """What the page after submission says of the wait, as last read."""

    has_account: bool = True  # the answers are sent (not kept: no account)...
    account_refused: bool = False  # ... unless the institution's server refused that account
    grade_unreadable: bool = False  # the last sync could not read the grades
    delivered: bool = False  # the answers reached the institution (sent, or imported so)


def read_facts(control: ExamController) -> WaitFacts:
    has_account = control.has_account()
    account_refused = control.account_refused()
    return WaitFacts(
        has_account=has_account,
        account_refused=account_refused,
        grade_unreadable=control.grade_unreadable(),
        delivered=control.delivered(),
    )


def sending(facts: WaitFacts) -> bool:
    """Sync may deliver the answers before the next poll: not delivered yet, and an account the
    server has not refused. Only then is the outbox read again (its queued rows: some 6 ms per
    thousand, a profile without an account piling up thousands while it studies offline)."""
    return not facts.delivered and facts.has_account and not facts.account_refused


def refresh(view: ExamView) -> None:
    """Read the attempt again (sync may have recorded its grade, or failed to read it)."""
    if view.attempt is None or view.assessment is None:
        return
    control, facts = view.control, view._wait
    waiting = view.pages.currentWidget() is view.done_page and view.attempt.state == "submitted"
    if waiting and (
        control.grade_unreadable() != facts.grade_unreadable
        or control.has_account() != facts.has_account  # one was added in the Sync panel
        or control.account_refused() != facts.account_refused  # refused, or corrected
        or (sending(facts) and control.delivered())  # sync sent the answers
    ):
        view.show_done(focus=False)
    if not control.fetch():
        return
    view._refresh_progress()
    if view.pages.currentWidget() is view.done_page:
        view.show_done(focus=False)
    view.completed.emit()
