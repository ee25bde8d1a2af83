"""The learner's dashboard: what to do next, time studied per day, and per course the completion
of each module, the quiz scores and the exam attempts with their state.

`load_overview` reads it all from the store's queries (progress, study days, attempts: no SQL
here) into frozen dataclasses; `DashboardView` (a page of the main window) and `CourseSummary`
(the compact version in the course view's header) only present them. The chart is painted
(`StudyChart`): no chart module to ship, and it follows the palette.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from player.course.manifest import Course, ExamUnit, QuizUnit
from player.library.library import Library
from player.store.attempts import ExamAttempt, QuizAttempt
from player.store.database import StoreError
from player.store.progress import CourseProgress, DayTotal
from player.store.store import Store
from player.ui.assessment_common import exam_state_text, minutes_text, percent
from player.ui.button import Button
from player.ui.resume import capitalized, unit_kind
from player.ui.theme import colors_from_palette

#: The chart covers this many days, today included.
CHART_DAYS = 28


@dataclass(frozen=True)
class QuizScore:
    unit: QuizUnit
    attempts: tuple[QuizAttempt, ...]  # finished ones, oldest first
    in_progress: bool = False  # an attempt started and not finished

    @property
    def best(self) -> float | None:
        return max((a.score or 0.0 for a in self.attempts), default=None)

    @property
    def last(self) -> QuizAttempt | None:
        return self.attempts[-1] if self.attempts else None

    @property
    def passed(self) -> bool:
        return any(a.passed for a in self.attempts)

    @property
    def attempts_left(self) -> int | None:
        if self.unit.max_attempts is None:
            return None
        return max(0, self.unit.max_attempts - len(self.attempts))


@dataclass(frozen=True)
class ExamSummary:
    unit: ExamUnit
    attempts: tuple[ExamAttempt, ...]

    @property
    def running(self) -> ExamAttempt | None:
        return next((a for a in self.attempts if a.state == "in_progress"), None)

    @property
    def waiting(self) -> ExamAttempt | None:
        return next((a for a in self.attempts if a.state == "submitted"), None)

    @property
    def passed(self) -> bool:
        return any(a.state == "graded" and a.passed for a in self.attempts)

    @property
    def attempts_left(self) -> int:
        return max(0, self.unit.max_attempts - len(self.attempts))


@dataclass(frozen=True)
class CourseOverview:
    course: Course
    progress: CourseProgress
    quizzes: tuple[QuizScore, ...]
    exams: tuple[ExamSummary, ...]

    @property
    def started(self) -> bool:
        return (
            self.progress.started
            or any(q.attempts or q.in_progress for q in self.quizzes)
            or any(e.attempts for e in self.exams)
        )


@dataclass(frozen=True)
class NextStep:
    """One thing to do, most urgent first: `open` it to go there."""

    course_id: str
    unit_id: str
    text: str
    urgent: bool = False


@dataclass(frozen=True)
class Overview:
    courses: tuple[CourseOverview, ...]  # started ones first, most recent first
    days: tuple[DayTotal, ...]
    steps: tuple[NextStep, ...]

    @property
    def week_seconds(self) -> float:
        return sum(d.seconds for d in self.days[-7:])

    @property
    def total_seconds(self) -> float:
        return sum(d.seconds for d in self.days)


def course_overview(store: Store, profile_id: str, course: Course) -> CourseOverview:
    progress = store.progress.course(profile_id, course)
    return _overview(
        course,
        progress,
        store.assessments.quiz_attempts(profile_id, course.id),
        store.assessments.exam_attempts(profile_id, course.id),
    )


def _overview(
    course: Course,
    progress: CourseProgress,
    quiz_attempts: Sequence[QuizAttempt],
    exam_attempts: Sequence[ExamAttempt],
) -> CourseOverview:
    quizzes = []
    exams = []
    for _, unit in course.units():
        if isinstance(unit, QuizUnit):
            mine = [a for a in quiz_attempts if a.unit_id == unit.id]
            done = tuple(a for a in mine if a.finished)
            quizzes.append(QuizScore(unit, done, any(not a.finished for a in mine)))
        elif isinstance(unit, ExamUnit):
            exams.append(ExamSummary(unit, tuple(a for a in exam_attempts if a.unit_id == unit.id)))
    return CourseOverview(course, progress, tuple(quizzes), tuple(exams))


def load_overview(
    library: Library,
    store: Store,
    profile_id: str,
    *,
    now: float,
    today: date | None = None,
) -> Overview:
    """Everything the dashboard shows for one learner (a few queries; main thread)."""
    courses = [item.course for item in library.installed()]
    progresses = store.progress.summaries(profile_id, courses)
    quiz_attempts = store.assessments.quiz_attempts(profile_id)
    exam_attempts = store.assessments.exam_attempts(profile_id)
    overviews = [
        _overview(
            course,
            progress,
            [a for a in quiz_attempts if a.course_id == course.id],
            [a for a in exam_attempts if a.course_id == course.id],
        )
        for course, progress in zip(courses, progresses, strict=True)
    ]
    order = {cid: i for i, cid in enumerate(store.progress.enrolled_courses(profile_id))}
    overviews.sort(
        key=lambda o: (not o.started, order.get(o.course.id, len(order)), o.course.title)
    )
    days = store.progress.study_time_by_day(profile_id, CHART_DAYS, today)
    return Overview(tuple(overviews), tuple(days), tuple(next_steps(overviews, now)))


def _where(course: Course, unit_id: str) -> str:
    module = course.module_of(unit_id)
    unit = course.unit(unit_id)
    number = course.modules.index(module) + 1 if module else 0
    kind = unit_kind(unit.type) if unit else ""
    title = unit.title if unit else unit_id
    return (
        QCoreApplication.translate("Dashboard", "%1 (module %2, %3)")
        .replace("%1", title)
        .replace("%2", str(number))
        .replace("%3", kind)
    )


#: When nothing is under way, the dashboard offers to start at most this many courses.
START_OFFERS = 3


def next_steps(overviews: Sequence[CourseOverview], now: float) -> list[NextStep]:
    """Running exams first (their clock runs), then where each started course goes on; when
    nothing waits (a new learner, or every started course done), the first unit of courses not
    started yet: "nothing waits for you" is said only when nothing is left to begin either."""
    urgent: list[NextStep] = []
    steps: list[NextStep] = []
    for item in overviews:
        course = item.course
        for exam in item.exams:
            running = exam.running
            if running is not None:
                left = running.remaining(now)
                text = QCoreApplication.translate(
                    "Dashboard", "Finish the exam \u201c%1\u201d"
                ).replace("%1", exam.unit.title)
                if left is not None:
                    text += " \u2014 " + QCoreApplication.translate("Dashboard", "%1 left").replace(
                        "%1", minutes_text(left)
                    )
                urgent.append(NextStep(course.id, exam.unit.id, text, urgent=True))
        if not item.started:
            continue
        unit_id = item.progress.next_unit_id
        if unit_id is None:
            continue
        if any(e.waiting is not None and e.unit.id == unit_id for e in item.exams):
            continue  # nothing to do but wait for the grade
        if any(e.running is not None and e.unit.id == unit_id for e in item.exams):
            continue
        steps.append(
            NextStep(
                course.id,
                unit_id,
                QCoreApplication.translate("Dashboard", "Continue \u201c%1\u201d: %2")
                .replace("%1", course.title)
                .replace("%2", _where(course, unit_id)),
            )
        )
    if not urgent and not steps:
        steps = _start_steps(overviews)
    return urgent + steps


def _start_steps(overviews: Sequence[CourseOverview]) -> list[NextStep]:
    """Where each course not started yet begins (in the dashboard's order of courses)."""
    steps: list[NextStep] = []
    for item in overviews:
        if item.started or len(steps) >= START_OFFERS:
            continue
        course = item.course
        unit_id = item.progress.next_unit_id or next((u.id for _, u in course.units()), None)
        if unit_id is None:
            continue
        steps.append(
            NextStep(
                course.id,
                unit_id,
                QCoreApplication.translate("Dashboard", "Start \u201c%1\u201d: %2")
                .replace("%1", course.title)
                .replace("%2", _where(course, unit_id)),
            )
        )
    return steps


def quiz_line(score: QuizScore) -> str:
    title = score.unit.title
    if not score.attempts and score.in_progress:
        return QCoreApplication.translate("Dashboard", "%1: in progress").replace("%1", title)
    if not score.attempts:
        return QCoreApplication.translate("Dashboard", "%1: not taken yet").replace("%1", title)
    best = score.best or 0.0
    state = (
        QCoreApplication.translate("Dashboard", "passed")
        if score.passed
        else QCoreApplication.translate("Dashboard", "not passed yet")
    )
    line = (
        QCoreApplication.translate("Dashboard", "%1: best %2 (%3), pass mark %4")
        .replace("%1", title)
        .replace("%2", percent(best))
        .replace("%3", state)
        .replace("%4", percent(score.unit.mastery_score))
    )
    count = QCoreApplication.translate("Dashboard", "attempts: %1").replace(
        "%1", str(len(score.attempts))
    )
    return f"{line} \u00b7 {count}"


def exam_lines(summary: ExamSummary) -> list[str]:
    title = summary.unit.title
    if not summary.attempts:
        return [
            QCoreApplication.translate("Dashboard", "%1: not taken yet (%2 attempts allowed)")
            .replace("%1", title)
            .replace("%2", str(summary.unit.max_attempts))
        ]
    return [
        QCoreApplication.translate("Dashboard", "%1, attempt %2: %3")
        .replace("%1", title)
        .replace("%2", str(a.number))
        .replace("%3", _lower_first(exam_state_text(a)))
        for a in summary.attempts
    ]


def _lower_first(text: str) -> str:
    """A state said on its own ("In progress") said inside a line ("attempt 1: in progress")."""
    return text[:1].lower() + text[1:]


# -- the chart --------------------------------------------------------------------------------


class StudyChart(QWidget):
    """Minutes studied per day as bars, today on the right; painted with the palette."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: tuple[DayTotal, ...] = ()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 30, line * 9)

    def minimumSizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 12, line * 9)

    def set_days(self, days: Sequence[DayTotal]) -> None:
        self.days = tuple(days)
        self._describe()
        self.update()

    def scale_minutes(self) -> int:
        """The top of the scale: the longest day rounded up to 15 minutes (30 at least)."""
        longest = max((d.seconds for d in self.days), default=0.0) / 60
        return max(30, int(-(-longest // 15) * 15))

    def _describe(self) -> None:
        total = sum(d.seconds for d in self.days)
        week = sum(d.seconds for d in self.days[-7:])
        today = self.days[-1].seconds if self.days else 0.0
        self.setAccessibleName(
            QCoreApplication.translate("Dashboard", "Time studied per day, last 4 weeks")
        )
        self.setAccessibleDescription(
            QCoreApplication.translate("Dashboard", "Today: %1. Last 7 days: %2. Last 4 weeks: %3.")
            .replace("%1", minutes_text(today))
            .replace("%2", minutes_text(week))
            .replace("%3", minutes_text(total))
        )
        self.setToolTip(self.accessibleDescription())

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def _area(self) -> QRectF:
        """Where the bars stand: right of the scale's labels, above the dates."""
        metrics = self.fontMetrics()
        line = metrics.height()
        left = metrics.horizontalAdvance(minutes_text(self.scale_minutes() * 60)) + line // 2
        return QRectF(left, line / 2, self.width() - left - line / 2, self.height() - line * 2.2)

    def bar_rect(self, index: int) -> QRectF:
        """The bar of day `index` (empty for a day without study)."""
        area = self._area()
        slot = area.width() / max(1, len(self.days))
        width = max(2.0, slot * 0.7)
        x = area.left() + index * slot + (slot - width) / 2
        seconds = self.days[index].seconds
        height = min(1.0, seconds / 60 / self.scale_minutes()) * area.height()
        if seconds > 0:
            height = max(height, 2.0)
        return QRectF(x, area.bottom() - height, width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        colors = colors_from_palette(self.palette())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        line = metrics.height()
        area = self._area()
        left = area.left()
        muted = QColor(colors.muted)
        painter.setPen(QPen(muted, 1))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.setPen(QPen(QColor(colors.border), 1, Qt.PenStyle.DashLine))
        painter.drawLine(area.topLeft(), area.topRight())
        painter.setPen(muted)
        right = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        top_label = minutes_text(self.scale_minutes() * 60)
        painter.drawText(QRectF(0, area.top() - line / 2, left - line / 4, line), right, top_label)
        painter.drawText(QRectF(0, area.bottom() - line / 2, left - line / 4, line), right, "0")
        accent = QColor(colors.accent)
        lighter = QColor(accent)
        lighter.setAlphaF(0.55)
        locale = QLocale()
        last = len(self.days) - 1
        for index, day in enumerate(self.days):
            rect = self.bar_rect(index)
            if day.seconds > 0:
                painter.fillRect(rect, accent if index == last else lighter)
            if index % 7 == last % 7:  # a date under today and every week before
                text = locale.toString(day.day, "d MMM")
                width = metrics.horizontalAdvance(text) + 4
                start = min(max(rect.center().x() - width / 2, 0.0), self.width() - width)
                painter.setPen(muted)
                painter.drawText(
                    QRectF(start, area.bottom() + line * 0.2, width, line),
                    int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                    text,
                )
        if not any(d.seconds for d in self.days):
            painter.setPen(muted)
            painter.drawText(
                area,
                int(Qt.AlignmentFlag.AlignCenter),
                QCoreApplication.translate("Dashboard", "No study time yet"),
            )
        if self.hasFocus():
            painter.setPen(QPen(QColor(colors.accent), 2))
            painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        painter.end()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._describe()
        super().changeEvent(event)


# -- the page ---------------------------------------------------------------------------------


def _label(parent: QWidget, text: str = "", name: str = "") -> QLabel:
    label = QLabel(text, parent)
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
        studied = minutes_text(progress.time_spent)
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
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.module_rows: list[tuple[QLabel, QProgressBar, QLabel]] = []
        for row, (module, done) in enumerate(zip(course.modules, progress.modules, strict=True)):
            name = _label(self, f"{row + 1}. {module.title}")
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
        layout.addLayout(grid)
        self.assessment_lines: list[QLabel] = []
        for score in item.quizzes:
            self.assessment_lines.append(_label(self, quiz_line(score)))
        for exam in item.exams:
            for text in exam_lines(exam):
                self.assessment_lines.append(_label(self, text))
        for label in self.assessment_lines:
            layout.addWidget(label)
        self.setAccessibleName(
            " ".join(
                [self.title.text(), self.summary.text()] + [x.text() for x in self.assessment_lines]
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
        self.heading = _label(self, "", "heading")
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addSpacing(12)
        top.addWidget(self.heading, 1)

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
        self.column.addLayout(self.steps_box)
        self.column.addWidget(self.no_steps)
        self.column.addWidget(self.get_courses_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.column.addSpacing(12)
        self.column.addWidget(self.time_heading)
        self.column.addWidget(self.time_summary)
        self.column.addWidget(self.chart)
        self.column.addSpacing(12)
        self.column.addWidget(self.courses_heading)
        self.column.addLayout(self.courses_box)
        self.column.addWidget(self.not_started)
        self.column.addStretch(1)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
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
            button = Button(step.text, self.body)
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
                waiting.append(item.course.title)
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
        self.heading.setText(self.tr("Progress of %1").replace("%1", self.profile_name))
        self.next_heading.setText(self.tr("What to do next"))
        self.no_steps.setText(self._no_steps_text())
        self.get_courses_button.setText(self.tr("&Get courses\u2026"))
        self.time_heading.setText(self.tr("Time studied"))
        self.courses_heading.setText(self.tr("Your courses"))
        if self.overview is not None:
            self._show()


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
        parts = [
            QCoreApplication.translate("Dashboard", "%1 studied").replace(
                "%1", minutes_text(item.progress.time_spent)
            )
        ]
        for score in item.quizzes:
            if score.attempts:
                parts.append(
                    QCoreApplication.translate("Dashboard", "%1: best %2")
                    .replace("%1", score.unit.title)
                    .replace("%2", percent(score.best or 0.0))
                )
        for exam in item.exams:
            last = exam.attempts[-1] if exam.attempts else None
            if last is not None:
                parts.append(
                    QCoreApplication.translate("Dashboard", "%1: %2")
                    .replace("%1", exam.unit.title)
                    .replace("%2", _lower_first(exam_state_text(last)))
                )
        lines = [" \u00b7 ".join(parts)]
        next_unit = item.progress.next_unit_id
        if next_unit and self.course.unit(next_unit) is not None:
            unit = self.course.unit(next_unit)
            assert unit is not None
            lines.append(
                QCoreApplication.translate("Dashboard", "Next: %1").replace(
                    "%1", f"{unit.title} ({capitalized(unit_kind(unit.type))})"
                )
            )
        elif item.progress.satisfied:
            lines.append(QCoreApplication.translate("Dashboard", "Course completed."))
        self.setText("\n".join(lines))
        self.setAccessibleName(" ".join(lines))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show()
        super().changeEvent(event)
