"""The exam's pages, laid out and nothing more: the start page, the exam page (the questions one
at a time, then the review list, under a bar with the clock) and the page after submission.

No text and no behaviour here: `ExamView` sets every text (its `tr()` context is its own class
name, which the translations are filed under), connects the buttons and moves between the pages.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from player.course.manifest import Course, ExamUnit
from player.ui.assessment_view import AssessmentView
from player.ui.layouts import nested
from player.ui.unit_view import UnitServices


class ExamPages(AssessmentView):
    def __init__(
        self,
        unit: ExamUnit,
        course: Course,
        services: UnitServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(unit, course, services, parent)
        self._build_start_page()
        self._build_exam_page()
        self._build_done_page()

    def _build_start_page(self) -> None:
        self.start_page = QWidget(self.pages)
        column = self._column(self.start_page)
        self.start_title = self._label(self.start_page, "heading")
        self.start_facts = self._label(self.start_page)
        self.start_grading = self._label(self.start_page)
        self.start_rules = self._label(self.start_page, "muted")
        self.start_state = self._label(self.start_page, "subheading")
        self.start_button = self._button(self.start_page, primary=True)
        column.addStretch(1)
        for widget in (self.start_title, self.start_facts, self.start_grading, self.start_rules):
            column.addWidget(widget)
        column.addWidget(self.start_state)
        column.addSpacing(12)
        row = nested(column, QHBoxLayout())
        row.addWidget(self.start_button)
        row.addStretch(1)
        column.addStretch(2)
        self.pages.addWidget(self.start_page)

    def _build_exam_page(self) -> None:
        self.exam_page = QWidget(self.pages)
        layout = QVBoxLayout(self.exam_page)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = nested(layout, QHBoxLayout())
        bar.setContentsMargins(12, 4, 12, 0)
        self.where = self._label(self.exam_page, "muted")
        self.saved = QLabel(self.exam_page)
        self.saved.setObjectName("muted")
        self.timer_label = QLabel(self.exam_page)
        self.timer_label.setObjectName("subheading")
        bar.addWidget(self.where, 1)
        bar.addWidget(self.saved)
        bar.addSpacing(16)
        bar.addWidget(self.timer_label)
        self.inner = QStackedWidget(self.exam_page)
        layout.addWidget(self.inner, 1)

        # questions
        self.question_page = QWidget(self.inner)
        q_layout = QVBoxLayout(self.question_page)
        q_layout.setContentsMargins(0, 0, 0, 0)
        q_layout.addWidget(self._question_area(self.question_page), 1)
        self.previous_button = self._button(self.question_page)
        self.next_button = self._button(self.question_page)
        self.to_review_button = self._button(self.question_page, primary=True)
        buttons = nested(q_layout, QHBoxLayout())
        buttons.setContentsMargins(12, 4, 12, 8)
        buttons.addWidget(self.previous_button)
        buttons.addWidget(self.next_button)
        buttons.addStretch(1)
        buttons.addWidget(self.to_review_button)
        self.inner.addWidget(self.question_page)

        # review
        self.review_page = QWidget(self.inner)
        column = self._column(self.review_page)
        self.review_title = self._label(self.review_page, "heading")
        self.review_summary = self._label(self.review_page)
        self.review_list = self._question_list(self.review_page)
        self.back_button = self._button(self.review_page)
        self.submit_button = self._button(self.review_page, primary=True)
        column.addWidget(self.review_title)
        column.addWidget(self.review_summary)
        column.addWidget(self.review_list, 1)
        row = nested(column, QHBoxLayout())
        row.addWidget(self.back_button)
        row.addStretch(1)
        row.addWidget(self.submit_button)
        self.inner.addWidget(self.review_page)
        self.pages.addWidget(self.exam_page)

    def _build_done_page(self) -> None:
        self.done_page = QWidget(self.pages)
        column = self._column(self.done_page)
        self.done_title = self._label(self.done_page, "heading")
        self.done_state = self._label(self.done_page, "heading")
        self.done_explain = self._label(self.done_page)
        self.done_attempts = self._label(self.done_page, "muted")
        self.answers_button = self._button(self.done_page)
        self.again_button = self._button(self.done_page, primary=True)
        column.addStretch(1)
        for widget in (self.done_title, self.done_state, self.done_explain, self.done_attempts):
            column.addWidget(widget)
        column.addSpacing(12)
        row = nested(column, QHBoxLayout())
        row.addWidget(self.again_button)
        row.addWidget(self.answers_button)
        # Tab enters the page on a new attempt when there is one (the focus proxy), so what
        # follows it in the chain is all Tab can reach: the buttons in their order on screen.
        QWidget.setTabOrder(self.again_button, self.answers_button)
        row.addStretch(1)
        column.addStretch(2)
        self.pages.addWidget(self.done_page)
