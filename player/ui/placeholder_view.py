"""Quiz and exam units until the quizzes issue lands: say so plainly, record nothing.

It has the unit views' interface (`unit_id`, `completed`, `close_unit`) so the course view treats
every unit alike. Nothing is recorded: opening a quiz the learner cannot take is not an attempt.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from player.course.manifest import ExamUnit, QuizUnit


class PlaceholderView(QWidget):
    completed = Signal()

    def __init__(self, unit: QuizUnit | ExamUnit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = unit
        self.unit_id = unit.id
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.title = QLabel(self)
        self.title.setObjectName("subheading")
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = QLabel(self)
        self.details.setObjectName("muted")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.message)
        layout.addWidget(self.details)
        layout.addStretch(2)
        self.retranslate()

    def close_unit(self) -> None:
        """Nothing to stop or record."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.title.setText(self.unit.title)
        self.message.setText(self.tr("Quizzes arrive in a later version of Cartable."))
        count = len(self.unit.questions)
        if isinstance(self.unit, ExamUnit):
            text = self.tr(
                "This certificate exam has %1 questions. It will be available here after an "
                "update; nothing is recorded until then."
            )
        else:
            text = self.tr(
                "This practice quiz has %1 questions. It will be available here after an "
                "update; nothing is recorded until then."
            )
        self.details.setText(text.replace("%1", str(count)))
        summary = f"{self.unit.title}. {self.message.text()} {self.details.text()}"
        self.setAccessibleName(self.unit.title)
        self.setAccessibleDescription(summary)
