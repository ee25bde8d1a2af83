"""The dashboard page of the main window (`DashboardView`) and its course cards: they lay out
and present what `load_overview` read and decided (player.ui.dashboard.overview), and read it
again on `refresh`.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from player.library.library import Library
from player.store.store import Store
from player.ui.assessment_common import minutes_text, percent, studied_text
from player.ui.back_key import BackKey
from player.ui.button import Button
from player.ui.dashboard.chart import StudyChart
from player.ui.dashboard.model import CourseOverview, Overview
from player.ui.dashboard.overview import blocked_text, exam_lines, load_overview, quiz_line
from player.ui.i18n import no_mnemonic
from player.ui.layouts import nested
from player.wording import isolated


def _label(parent: QWidget, text: str = "", name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # course titles, names: a tag in them is text
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _bar(parent: QWidget, value: float, name: str) -> QProgressBar:
    bar = QProgressBar(parent)
    bar.setRange(0, 1000)
    bar.setValue(round(value * 1000))
    bar.setTextVisible(False)
    bar.setAccessibleName(name)
    bar.setAccessibleDescription(percent(value))
    return bar


class CourseCard(QFrame):
    """One course on the dashboard: modules, quizzes, exams."""

    def __init__(self, item: CourseOverview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.item = item
        course, progress = item.course, item.progress
        layout = QVBoxLayout(self)
        self.title = _label(self, course.title, "subheading")
        layout.addWidget(self.title)
        studied = studied_text(progress.time_spent)
        self.summary = _label(
            self,
            # %n: French agrees with the units done ("1 unité faite sur 6", "3 unités faites").
            # self.tr: lupdate gives a %n its plural forms only there.
            self.tr("%n of %1 units done \u00b7 %2 studied", "", progress.units_satisfied)
            .replace("%1", str(progress.units_total))
            .replace("%2", studied),
        )
        layout.addWidget(self.summary)
        layout.addWidget(
            _bar(
                self,
                progress.completion,
                QCoreApplication.translate("Dashboard", "Course progress"),
            )
        )
        grid = nested(layout, QGridLayout())
        grid.setColumnStretch(1, 1)
        self.module_rows: list[tuple[QLabel, QProgressBar, QLabel]] = []
        for row, (module, done) in enumerate(zip(course.modules, progress.modules, strict=True)):
            name = _label(self, f"{row + 1}. {isolated(module.title)}")
            name.setWordWrap(False)
            bar = _bar(self, done.completion, module.title)
            count = _label(
                self,
                QCoreApplication.translate("Dashboard", "%1/%2")
                .replace("%1", str(done.units_satisfied))
                .replace("%2", str(done.units_total)),
                "muted",
            )
            grid.addWidget(name, row, 0)
            grid.addWidget(bar, row, 1)
            grid.addWidget(count, row, 2)
            self.module_rows.append((name, bar, count))
        self.assessment_lines: list[QLabel] = []
        for score in item.quizzes:
            self.assessment_lines.append(_label(self, quiz_line(score)))
        for exam in item.exams:
            for text in exam_lines(exam):
                self.assessment_lines.append(_label(self, text))
        for label in self.assessment_lines:
            layout.addWidget(label)
        blocked = blocked_text(item)
        self.blocked = _label(self, blocked or "")
        self.blocked.setVisible(blocked is not None)
        layout.addWidget(self.blocked)
        self.setAccessibleName(
            " ".join(
                [self.title.text(), self.summary.text()]
                + [x.text() for x in self.assessment_lines]
                + ([self.blocked.text()] if blocked else [])
            )
        )


class DashboardView(QWidget):
    """A page of the main window: the learner's progress over every installed course."""

    open_unit = Signal(str, str)  # course id, unit id
    back = Signal()
    get_courses = Signal()  # no course installed: the learner asks where to get one

    def __init__(
        self,
        library: Library,
        store: Store,
        profile_id: str,
        profile_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardView")
        self.library = library
        self.store = store
        self.profile_id = profile_id
        self.profile_name = profile_name
        self.overview: Overview | None = None

        self.back_button = Button(self)
        self.back_button.setAutoDefault(True)
        self.back_button.clicked.connect(self.back)
        self.back_key = BackKey(self, self.back_button)  # Esc: as Back
        self.heading = _label(self, "", "heading")
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body = QWidget(self.scroll)
        self.scroll.setWidget(self.body)
        row = QHBoxLayout(self.body)
        column_holder = QWidget(self.body)
        column_holder.setMaximumWidth(self.fontMetrics().averageCharWidth() * 130)
        row.addStretch(1)
        row.addWidget(column_holder, 100)
        row.addStretch(1)
        self.column = QVBoxLayout(column_holder)

        self.next_heading = _label(column_holder, "", "subheading")
        self.steps_box = QVBoxLayout()
        self.no_steps = _label(column_holder, "", "muted")
        self.get_courses_button = Button(column_holder)
        self.get_courses_button.setAutoDefault(True)
        self.get_courses_button.clicked.connect(self.get_courses)
        self.get_courses_button.hide()
        self.time_heading = _label(column_holder, "", "subheading")
        self.time_summary = _label(column_holder)
        self.chart = StudyChart(column_holder)
        self.courses_heading = _label(column_holder, "", "subheading")
        self.courses_box = QVBoxLayout()
        self.not_started = _label(column_holder, "", "muted")
        self.column.addWidget(self.next_heading)
        nested(self.column, self.steps_box)
        self.column.addWidget(self.no_steps)
        self.column.addWidget(self.get_courses_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.column.addSpacing(12)
        self.column.addWidget(self.time_heading)
        self.column.addWidget(self.time_summary)
        self.column.addWidget(self.chart)
        self.column.addSpacing(12)
        self.column.addWidget(self.courses_heading)
        nested(self.column, self.courses_box)
        self.column.addWidget(self.not_started)
        self.column.addStretch(1)

        layout = QVBoxLayout(self)
        top = nested(layout, QHBoxLayout())
        top.addWidget(self.back_button)
        top.addSpacing(12)
        top.addWidget(self.heading, 1)
        layout.addWidget(self.scroll, 1)
        self.step_buttons: list[Button] = []
        self.cards: list[CourseCard] = []
        self.retranslate()

    def refresh(self) -> None:
        """Read everything again (after studying, a sync that brought grades...)."""
        now = self.store.assessments.recorder.now()
        self.overview = load_overview(self.library, self.store, self.profile_id, now=now)
        self._show()

    def _clear(self, box: QVBoxLayout) -> None:
        while box.count():
            item = box.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()  # now: it is deleted at the next turn of the event loop
                widget.deleteLater()

    def _show(self) -> None:
        overview = self.overview
        if overview is None:
            return
        self._clear(self.steps_box)
        self.step_buttons = []
        previous: QWidget = self.back_button
        for step in overview.steps:
            button = Button(no_mnemonic(step.text), self.body)
            button.setAutoDefault(True)
            if step.urgent:
                button.setObjectName("primary")
            button.clicked.connect(
                lambda _c=False, s=step: self.open_unit.emit(s.course_id, s.unit_id)
            )
            self.steps_box.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            button.show()  # now, not at the next event loop turn: it may get the focus at once
            QWidget.setTabOrder(previous, button)
            previous = button
            self.step_buttons.append(button)
        if not overview.courses:
            QWidget.setTabOrder(previous, self.get_courses_button)
            previous = self.get_courses_button
        QWidget.setTabOrder(previous, self.chart)
        self.no_steps.setVisible(not overview.steps)
        self.no_steps.setText(self._no_steps_text())
        self.get_courses_button.setVisible(not overview.courses)
        self.time_summary.setText(
            QCoreApplication.translate("Dashboard", "Last 7 days: %1 \u00b7 last 4 weeks: %2")
            .replace("%1", minutes_text(overview.week_seconds))
            .replace("%2", minutes_text(overview.total_seconds))
        )
        self.chart.set_days(overview.days)
        self._clear(self.courses_box)
        self.cards = []
        waiting = []
        for item in overview.courses:
            if not item.started:
                waiting.append(isolated(item.course.title))
                continue
            card = CourseCard(item, self.body)
            self.courses_box.addWidget(card)
            self.cards.append(card)
        started = bool(self.cards)
        self.courses_heading.setVisible(bool(overview.courses))  # else: Get courses above
        text = ""
        if waiting:
            text = QCoreApplication.translate("Dashboard", "Not started yet: %1").replace(
                "%1", ", ".join(waiting)
            )
        if not started and overview.courses:
            text = (
                QCoreApplication.translate("Dashboard", "You have not started a course yet.")
                + " "
                + text
            ).strip()
        self.not_started.setText(text)
        self.not_started.setVisible(bool(text))
        # No focus proxy: Tab entering a view with one lands on the proxy and never reaches
        # what comes before it (Back to the library); `focus_start` says where the keyboard starts.

    def _no_steps_text(self) -> str:
        if self.overview is not None and not self.overview.courses:
            return self.tr(
                "No course is installed yet: get one from your institution's catalog, "
                "or import it from a USB stick or a file."
            )
        courses = self.overview.courses if self.overview is not None else ()
        blocked = [text for text in map(blocked_text, courses) if text is not None]
        if blocked:  # not "well done": a course is stuck short of its end (review r7)
            return "\n".join(blocked)
        return self.tr("Nothing waits for you: well done.")

    def focus_start(self) -> None:
        if self.step_buttons:
            self.step_buttons[0].setFocus()
        elif self.get_courses_button.isVisibleTo(self):
            self.get_courses_button.setFocus()
        else:
            self.back_button.setFocus()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("\u2190 &Library"))
        self.back_button.setAccessibleName(self.tr("Back to the library"))
        self.heading.setText(self.tr("Progress of %1").replace("%1", isolated(self.profile_name)))
        self.next_heading.setText(self.tr("What to do next"))
        self.no_steps.setText(self._no_steps_text())
        self.get_courses_button.setText(self.tr("&Get courses\u2026"))
        self.time_heading.setText(self.tr("Time studied"))
        self.courses_heading.setText(self.tr("Your courses"))
        if self.overview is not None:
            self._show()
