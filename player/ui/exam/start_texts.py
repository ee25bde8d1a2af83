"""What the exam's start page says before an attempt: the exam's facts (questions, time limit,
pass mark, attempts left), who grades it and where the answers go, the rules of the clock and of
saving, and why no new attempt may start when none may.

Pure texts, no widget: `ExamView` puts them on its page. They were written, and translated, in
`ExamView` and keep that translation context (`QCoreApplication.translate("ExamView", ...)`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from player.course.manifest import ExamUnit
from player.ui.assessment_common import limit_text, percent
from player.ui.exam.controller import ExamController
from player.ui.i18n import fill
from player.ui.menu_texts import sync_menu_path
from player.wording import isolated


def start_facts(exam: ExamUnit, attempts_left: int) -> list[str]:
    """After the number of questions, which `ExamView` says (a plural: `tr()`'s alone)."""
    limit = (
        QCoreApplication.translate("ExamView", "Time limit: %1").replace(
            "%1", limit_text(exam.time_limit)
        )
        if exam.time_limit
        else QCoreApplication.translate("ExamView", "No time limit")
    )
    return [
        limit,
        QCoreApplication.translate("ExamView", "Pass mark: %1").replace(
            "%1", percent(exam.mastery_score)
        ),
        QCoreApplication.translate("ExamView", "Attempts left: %1 of %2")
        .replace("%1", str(attempts_left))
        .replace("%2", str(exam.max_attempts)),
    ]


def start_grading(institution: str, has_account: bool) -> str:
    text = (
        QCoreApplication.translate(
            "ExamView",
            "Your answers are sent to %1 for grading. Your result appears here once %1 "
            "has graded them.",
        )
        if has_account
        else QCoreApplication.translate(
            "ExamView",
            "This profile has no account with %1 yet: your answers will stay on "
            "this computer until you add one with %2. Your result appears "
            "here once %1 has graded them.",
        ).replace("%2", sync_menu_path())  # named as the menu bar names it
    )
    return fill(text, isolated(institution))  # "dès qu'Orange les aura corrigées"


def start_rules(exam: ExamUnit, product: str) -> str:
    rules = [
        QCoreApplication.translate(
            "ExamView", "Each answer is saved as you give it; you may change it until you submit."
        ),
        QCoreApplication.translate(
            "ExamView", "If the computer stops, you continue where you were."
        ),
    ]
    if exam.time_limit:
        rules.append(
            QCoreApplication.translate(
                "ExamView",
                "The clock starts when you start and does not stop, even if you close "
                "%1. When the time is up, the answers saved are submitted.",
            ).replace("%1", isolated(product))
        )
    return " ".join(rules)


def start_state(control: ExamController) -> str:
    """Why no new attempt may start ("" when one may)."""
    if control.waiting() is not None:
        return QCoreApplication.translate(
            "ExamView", "Your last attempt is waiting for its result."
        )
    if control.passed() is not None:
        return QCoreApplication.translate("ExamView", "You passed this exam.")
    if not control.attempts_left:
        return QCoreApplication.translate("ExamView", "You have used every attempt of this exam.")
    return ""
