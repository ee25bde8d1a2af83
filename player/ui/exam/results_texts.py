"""What the page after submission says of an attempt, one short sentence per fact: how it ended
when the learner did not submit it, how many questions were answered, the score once graded, and
what happens next while it waits (sent when online, the result back after a sync; or kept here
until the profile has an account, or until its account refused by the server is corrected; or,
the answers delivered already, what brings the result back; or why the last sync could not read
the grades).

Pure texts, no widget: `ExamView` puts them on its page. They were written, and translated, in
`ExamView` and keep that translation context (`QCoreApplication.translate("ExamView", ...)`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from player.course.manifest import ExamUnit
from player.store.attempts import ExamAttempt
from player.ui.assessment_common import exam_state_text, in_line, percent
from player.ui.exam.controller import Ending
from player.ui.i18n import date_time_text, fill
from player.ui.menu_texts import sync_menu_path
from player.wording import isolated


def attempt_title(exam: ExamUnit, attempt: ExamAttempt) -> str:
    return (
        QCoreApplication.translate("ExamView", "%1 \u2014 attempt %2")
        .replace("%1", isolated(exam.title))
        .replace("%2", str(attempt.number))
    )


def ending_text(ending: Ending, product: str) -> str:
    """How the attempt on screen ended, when not by the learner's submit ("" then). `product`:
    the branding's name."""
    if ending == "expired":
        return QCoreApplication.translate(
            "ExamView", "Time is up. The answers saved in time were submitted."
        )
    if ending == "submitted_before":
        return QCoreApplication.translate(
            "ExamView",
            "This attempt was already submitted, from another %1 window or because its "
            "time ran out. The answers saved before then were submitted.",
        ).replace("%1", isolated(product))
    if ending == "expired_away":
        return QCoreApplication.translate(
            "ExamView",
            "Your time ran out while you were away from the exam. The answers saved before "
            "then were submitted.",
        )
    return ""


def results_lines(
    exam: ExamUnit,
    attempt: ExamAttempt,
    ending: Ending,
    institution: str,
    *,
    product: str,
    has_account: bool,
    grade_unreadable: bool,
    account_refused: bool = False,
    delivered: bool = False,
) -> list[str]:
    """The page's explanation, a line each: how it ended (when the learner did not submit it),
    what was answered, then the score once graded, or what happens next while it waits."""
    ended = ending_text(ending, product)
    lines = [ended] if ended else []
    lines.append(
        QCoreApplication.translate("ExamView", "%1 of %2 questions answered.")
        .replace("%1", str(len(attempt.answers)))
        .replace("%2", str(len(exam.questions)))
    )
    if attempt.state == "submitted":
        if delivered:
            lines.append(_delivered(institution, has_account, account_refused))
        else:
            lines.append(_what_next(institution, has_account, account_refused))
        if grade_unreadable:
            lines.append(
                QCoreApplication.translate(
                    "ExamView",
                    "The last sync could not read your results from the institution's server. "
                    "Open the Sync panel to see why.",
                )
            )
    elif attempt.state == "graded":
        lines.append(_grade(exam, attempt, institution))
    return lines


def _what_next(institution: str, has_account: bool, account_refused: bool) -> str:
    """Where the answers go, and when the result comes back (sync brings it). An account the
    server refused is said as such: "sent as soon as this computer is online" was shown to a
    learner online whose password the server refused."""
    if has_account and account_refused:
        text = QCoreApplication.translate(
            "ExamView",
            "%1 refused the user name or password of this profile's account, so your answers "
            "are kept on this computer. To send them, correct the account with %2. Once %1 has "
            "graded them, your result appears here after the next sync.",
        ).replace("%2", sync_menu_path())
    elif has_account:
        text = QCoreApplication.translate(
            "ExamView",
            "Your answers are sent to %1 as soon as this computer is online. Once %1 has "
            "graded them, your result appears here after the next sync.",
        )
    else:
        text = QCoreApplication.translate(
            "ExamView",
            "This profile has no account with %1 yet, so your answers are kept on this "
            "computer. To send them, add an account with %2. Once %1 has graded them, your "
            "result appears here after the next sync.",
        ).replace("%2", sync_menu_path())  # named as the menu bar names it
    return fill(text, isolated(institution))


def _delivered(institution: str, has_account: bool, account_refused: bool) -> str:
    """The answers reached the institution (sent from here, or from the computer a records
    file came from): said so, and what brings the grade back. Such an imported attempt was said
    to be "kept on this computer", to send by adding an account (shared-lab run f6 #3)."""
    if has_account and account_refused:
        text = QCoreApplication.translate(
            "ExamView",
            "Your answers reached %1. Your result comes back once %1 accepts this profile's "
            "account: correct it with %2.",
        ).replace("%2", sync_menu_path())
    elif has_account:
        text = QCoreApplication.translate(
            "ExamView",
            "Your answers reached %1. Once %1 has graded them, your result appears here after "
            "the next sync.",
        )
    else:
        text = QCoreApplication.translate(
            "ExamView",
            "Your answers reached %1. Your result comes back once this profile has an account "
            "with %1: add it with %2.",
        ).replace("%2", sync_menu_path())
    return fill(text, isolated(institution))


def _grade(exam: ExamUnit, attempt: ExamAttempt, institution: str) -> str:
    """The score first: the heading says passed or not, this says by how much."""
    mark = percent(exam.mastery_score)
    if attempt.score is None:
        return fill(
            QCoreApplication.translate("ExamView", "Graded by %1. The pass mark is %2."),
            isolated(institution),
            mark,
        )
    return (
        QCoreApplication.translate("ExamView", "Your score: %1. The pass mark is %2. Graded by %3.")
        .replace("%1", percent(attempt.score))
        .replace("%2", mark)
        .replace("%3", isolated(institution))
    )


def attempt_lines(attempt: ExamAttempt, attempts: list[ExamAttempt]) -> list[str]:
    """Every attempt, a line each; the one on screen without its state (the page's heading
    says it)."""
    return [
        _shown_attempt_line(a)
        if a.number == attempt.number
        else QCoreApplication.translate("ExamView", "Attempt %1: %2")
        .replace("%1", str(a.number))
        .replace("%2", in_line(exam_state_text(a)))  # "Tentative 1 : non réussi (55 %)"
        for a in attempts
    ]


def _shown_attempt_line(attempt: ExamAttempt) -> str:
    """The attempt the page is about: its number and when it was submitted."""
    if attempt.submitted_at is None:
        return QCoreApplication.translate("ExamView", "Attempt %1").replace(
            "%1", str(attempt.number)
        )
    return (
        QCoreApplication.translate("ExamView", "Attempt %1, submitted %2")
        .replace("%1", str(attempt.number))
        .replace("%2", date_time_text(attempt.submitted_at))
    )
