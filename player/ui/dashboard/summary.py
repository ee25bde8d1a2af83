"""The dashboard of one course in a few words (`CourseSummary`), for the course view's header."""

from __future__ import annotations

import sqlite3

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QLabel, QWidget

from player.course.manifest import Course
from player.store.database import StoreError
from player.store.store import Store
from player.ui.assessment_common import exam_state_text, in_line, percent, studied_text
from player.ui.dashboard.model import CourseOverview, course_overview
from player.ui.dashboard.overview import blocked_text, unit_place
from player.ui.resume import capitalized
from player.wording import isolated


class CourseSummary(QLabel):
    """The dashboard of one course, in a few words, for the course view's header."""

    def __init__(
        self, store: Store, profile_id: str, course: Course, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.store = store
        self.profile_id = profile_id
        self.course = course
        self.setObjectName("muted")
        self.setTextFormat(Qt.TextFormat.PlainText)  # unit titles, written by the course's author
        self.setWordWrap(True)
        self.overview: CourseOverview | None = None
        self.refresh()

    def refresh(self) -> None:
        try:
            self.overview = course_overview(self.store, self.profile_id, self.course)
        except (StoreError, sqlite3.Error):  # the header never takes the course view down
            self.overview = None
        self._show()

    def _show(self) -> None:
        item = self.overview
        if item is None:
            self.clear()
            return
        parts = [  # first on its line: "less than a minute studied" began lower-case
            capitalized(
                QCoreApplication.translate("Dashboard", "%1 studied").replace(
                    "%1", studied_text(item.progress.time_spent)
                )
            )
        ]
        for score in item.quizzes:
            if score.attempts:
                parts.append(
                    QCoreApplication.translate("Dashboard", "%1: best %2")
                    .replace("%1", isolated(score.unit.title))
                    .replace("%2", percent(score.best or 0.0))
                )
        for exam in item.exams:
            last = exam.attempts[-1] if exam.attempts else None
            if last is not None:
                parts.append(
                    QCoreApplication.translate("Dashboard", "%1: %2")
                    .replace("%1", isolated(exam.unit.title))
                    .replace("%2", in_line(exam_state_text(last)))
                )
        lines = [" \u00b7 ".join(parts)]
        next_unit = item.next_unit_id
        if next_unit and self.course.unit(next_unit) is not None:
            # The first unit not done that can be done, wherever the learner is: "Next"
            # pointed back at the course's first unit from its exam, and "To do: <the exam>"
            # stayed while its grade was awaited. Named as the dashboard names it.
            lines.append(
                QCoreApplication.translate("Dashboard", "Still to do: %1").replace(
                    "%1", unit_place(self.course, next_unit)
                )
            )
        elif item.progress.satisfied:
            lines.append(QCoreApplication.translate("Dashboard", "Course completed."))
        blocked = blocked_text(item)  # a unit with no attempt left: said, not left silent
        if blocked is not None:
            lines.append(blocked)
        self.setText("\n".join(lines))
        self.setAccessibleName(" ".join(lines))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show()
        super().changeEvent(event)
