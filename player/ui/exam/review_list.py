"""The review page's list: a row per question with its mark (answered, cannot be saved as
typed, not answered), its summary and the answer given, and the summary above the list.

Texts only and the rows that carry them: `ExamView` fills its list with them. They were written,
and translated, in `ExamView` and keep that translation context
(`QCoreApplication.translate("ExamView", ...)`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QListWidgetItem

from player.ui.assessment_view import INDEX_ROLE
from player.ui.question_text import question_summary
from player.ui.question_widgets import QuestionWidget
from player.wording import isolated


def review_item(number: int, widget: QuestionWidget) -> tuple[QListWidgetItem, bool]:
    """Question `number`'s row (its index in INDEX_ROLE), and whether it is answered; a row
    without an answer is in italics."""
    problem = widget.input_problem()  # typed, but cannot be saved as it is
    answer = "" if problem else widget.answer_text()
    name = question_summary(widget.question)
    shown = problem or QCoreApplication.translate("ExamView", "not answered")
    shown = isolated(answer) if answer else shown  # the learner's words: their own direction
    mark = "\u2713" if answer else "\u26a0" if problem else "\u25cb"  # ✓ ⚠ ○
    item = QListWidgetItem(f"{mark} {number}. {isolated(name)} \u2014 {shown}")
    item.setData(INDEX_ROLE, number - 1)
    if not answer:
        font = item.font()
        font.setItalic(True)
        item.setFont(font)
    return item, bool(answer)


def review_summary(answered: int, total: int, institution: str, *, editable: bool) -> str:
    summary = (
        QCoreApplication.translate("ExamView", "%1 of %2 questions answered.")
        .replace("%1", str(answered))
        .replace("%2", str(total))
    )
    if editable:
        summary += " " + QCoreApplication.translate(
            "ExamView", "Choose a question to change its answer, or submit the exam to %1."
        ).replace("%1", isolated(institution))
    return summary
