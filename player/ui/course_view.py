"""One course: its outline (modules, units, state icons, progress) on the left, the open unit on
the right, previous/next unit (Alt+Left/Alt+Right), F6 between outline and content.

The content views come from `player.ui.unit_view.create_unit_view` (video, slides, reading,
quiz, exam). Opening a course records `launched`; a content view records its own session
(opened when created, closed by `close_unit`). The course opens at the unit studied last.

Its parts: the outline's tree (course_outline.py) and how it draws a row (outline_delegate.py),
which unit to open (course_units.py), the status bar's notice on leaving a unit
(course_notice.py), the content area's word on a unit that cannot open (unit_error.py). The
words of the outline, the header and the buttons stay here (translation context CourseView).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from player.course.manifest import Course, ExamUnit, Unit
from player.library.library import InstalledCourse
from player.store.database import StoreError
from player.store.progress import CourseProgress, UnitProgress
from player.ui.assessment_common import minutes_text
from player.ui.course_notice import EXAM_CLOCK_MS, say, take_back_notice
from player.ui.course_outline import UNIT_ROLE, CourseOutline
from player.ui.course_units import exam_left, module_start, neighbour
from player.ui.dashboard.summary import CourseSummary
from player.ui.key_names import key_name
from player.ui.layouts import nested
from player.ui.recorder import STORE_FAILURES
from player.ui.resume import capitalized, start_unit, unit_kind
from player.ui.shell import Session
from player.ui.status_icons import ShownStatus, StatusIcons, status_text
from player.ui.tooltips import plain_tooltip
from player.ui.unit_error import UnitError
from player.wording import isolated

log = logging.getLogger(__name__)

# The outline panel's least width, in average characters: the window's least width (the
# panel beside a quiz's buttons) must fit an 800 px screen.
OUTLINE_AT_LEAST = 30


# (unit, parent) -> the content view of that unit; None when the factory has none for it.
ViewFactory = Callable[[Unit, QWidget], QWidget | None]


class CourseView(QWidget):
    back = Signal()
    repair_requested = Signal(str)  # course id
    unit_changed = Signal(str)  # unit id
    progress_changed = Signal()

    def __init__(
        self,
        session: Session,
        installed: InstalledCourse,
        factory: ViewFactory,
        parent: QWidget | None = None,
        product: str = "Cartable",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("courseView")
        self.product = product  # the branding's name, in a unit's error
        self.session = session
        self.installed = installed
        self.course: Course = installed.course
        self.factory = factory
        self.icons = StatusIcons()
        self.view: QWidget | None = None
        self.order = [u.id for _, u in self.course.units()]
        self.progress: CourseProgress = self._read_progress()

        # left: course header and outline
        self.back_button = QPushButton(self)
        self.title = QLabel(self.course.title, self)
        self.title.setObjectName("heading")
        self.title.setWordWrap(True)
        self.publisher = QLabel(self)
        self.publisher.setObjectName("muted")
        # The course's author wrote these: a tag in them is text, never markup or a link.
        for label in (self.title, self.publisher):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.publisher.setWordWrap(True)
        self.course_bar = QProgressBar(self)
        self.course_bar.setRange(0, 1000)
        self.course_bar.setTextVisible(False)
        self.course_label = QLabel(self)
        self.summary = CourseSummary(session.services.store, session.profile_id, self.course, self)
        self.progress_changed.connect(self.summary.refresh)  # the dashboard of this course
        self.outline = CourseOutline(self, self.fontMetrics().averageCharWidth() * 2)
        self.outline_model = self.outline.items  # its rows: states, counts, words set here
        self.repair_button = QPushButton(self)

        left = self.outline_panel = QWidget(self)
        left_layout = QVBoxLayout(left)
        back_row = nested(left_layout, QHBoxLayout())
        back_row.addWidget(self.back_button)
        back_row.addStretch(1)
        left_layout.addWidget(self.title)
        left_layout.addWidget(self.publisher)
        left_layout.addWidget(self.course_bar)
        left_layout.addWidget(self.course_label)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.outline, 1)
        repair_row = nested(left_layout, QHBoxLayout())
        repair_row.addWidget(self.repair_button)
        repair_row.addStretch(1)

        # right: unit header, navigation, content
        self.previous_button = QPushButton(self)
        self.next_button = QPushButton(self)
        self.unit_title = QLabel(self)
        self.unit_title.setObjectName("subheading")
        self.unit_title.setTextFormat(Qt.TextFormat.PlainText)
        self.unit_title.setWordWrap(True)
        self.unit_where = QLabel(self)
        self.unit_where.setObjectName("muted")
        self.content = QStackedWidget(self)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        header = nested(right_layout, QHBoxLayout())
        names = nested(header, QVBoxLayout(), 1)
        names.addWidget(self.unit_title)
        names.addWidget(self.unit_where)
        header.addWidget(self.previous_button)
        header.addWidget(self.next_button)
        right_layout.addWidget(self.content, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        char = self.fontMetrics().averageCharWidth()
        left.setMinimumWidth(char * OUTLINE_AT_LEAST)
        left.setMaximumWidth(char * 70)
        self._left_width = char * 52
        self._sized = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.splitter)

        for button in (
            self.back_button,
            self.repair_button,
            self.previous_button,
            self.next_button,
        ):
            button.setAutoDefault(True)  # Enter presses a focused button, not only Space
        self.setTabOrder(self.back_button, self.outline)
        self.setTabOrder(self.outline, self.repair_button)
        self.setTabOrder(self.repair_button, self.previous_button)
        self.setTabOrder(self.previous_button, self.next_button)
        self.setTabOrder(self.next_button, self.content)

        self.back_button.clicked.connect(self.back)
        self.repair_button.clicked.connect(lambda: self.repair_requested.emit(self.course.id))
        self.previous_button.clicked.connect(self.previous_unit)
        self.next_button.clicked.connect(self.next_unit)
        self.outline.activated.connect(self._outline_activated)
        # A click opens the row's unit too: with a style whose activation wants a double click
        # (Fusion, Windows), one click moved the highlight onto the quiz while the reading
        # stayed shown. The arrow keys still only move the selection; Enter opens.
        self.outline.clicked.connect(self._outline_activated)
        # The unit keys and F6 (between the outline and the unit) work anywhere in the window
        # while the course is shown, from its status bar too.
        for keys, slot in (
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Left), self.previous_unit),
            (QKeySequence(Qt.Modifier.ALT | Qt.Key.Key_Right), self.next_unit),
            (QKeySequence(Qt.Key.Key_F6), self.toggle_focus),
        ):
            shortcut = QShortcut(keys, self, context=Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(slot)

        self.exam_clock = QTimer(self)  # the time left of a running exam, in the outline
        self.exam_clock.setInterval(EXAM_CLOCK_MS)
        self.exam_clock.timeout.connect(self._update_outline)

        self.outline.build(self.course, self.font())
        self.retranslate()
        try:
            session.services.recorder.course_launched(session.profile_id, self.course)
        except StoreError as exc:
            log.error("could not record the course launch: %s", exc)

    # -- progress ---------------------------------------------------------------------------

    def _read_progress(self) -> CourseProgress:
        return self.session.services.progress.course(self.session.profile_id, self.course)

    def unit_progress(self, unit_id: str) -> UnitProgress:
        return self.progress.unit(unit_id) or UnitProgress(self.course.id, unit_id)

    def refresh_progress(self) -> None:
        self.progress = self._read_progress()
        self._update_outline()
        self._update_header()
        self.progress_changed.emit()

    # -- outline ----------------------------------------------------------------------------

    def _update_outline(self) -> None:
        size = self.style().pixelMetric(self.style().PixelMetric.PM_SmallIconSize)
        palette = self.palette()
        running = False  # an exam of the course runs against its clock
        for row, module in enumerate(self.course.modules):
            module_item = self.outline_model.item(row, 0)
            module_progress = self.progress.modules[row]
            counts = self.tr("%1/%2").replace("%1", str(module_progress.units_satisfied))
            counts = counts.replace("%2", str(module_progress.units_total))
            module_item.setText(f"{row + 1}. {isolated(module.title)}")
            self.outline_model.item(row, 1).setText(counts)
            module_item.setData(
                # %n: French agrees with the units done ("1 unité faite", "2 unités faites")
                self.tr("Module %1: %2, %n of %3 units done", "", module_progress.units_satisfied)
                .replace("%1", str(row + 1))
                .replace("%2", module.title)
                .replace("%3", str(module_progress.units_total)),
                Qt.ItemDataRole.AccessibleTextRole,
            )
            for index, unit in enumerate(module.units):
                item = module_item.child(index, 0)
                kind = module_item.child(index, 1)
                status = self.shown_status(unit)
                item.setIcon(self.icons.icon(status, palette, size))
                kind.setText(capitalized(unit_kind(unit.type)))
                state = status_text(status)
                clock = self.exam_time_text(unit) if status == "in_progress" else ""
                running = running or bool(clock)
                if isinstance(unit, ExamUnit) and clock in ("", self.tr("Time is up")):
                    # submitted, or its time ran out
                    take_back_notice(self, self.course.id, unit.id)
                item.setText(f"{isolated(unit.title)}\n{clock}" if clock else unit.title)
                if clock:
                    state = f"{state}, {clock}"
                description = (
                    self.tr("%1, %2: %3").replace("%2", unit_kind(unit.type)).replace("%3", state)
                )
                # read aloud with the bare title; seen (the tooltip) with it isolated
                said = description.replace("%1", unit.title)
                item.setData(said, Qt.ItemDataRole.AccessibleTextRole)
                item.setToolTip(plain_tooltip(description.replace("%1", isolated(unit.title))))
        if running and not self.exam_clock.isActive():
            self.exam_clock.start()
        elif not running:
            self.exam_clock.stop()
        self.outline.fit_kinds()  # the module counts ('9/10' -> '10/10') size the kinds' column

    def exam_time_text(self, unit: Unit) -> str:
        """The time left of the exam's attempt running against its clock, to read in the
        outline ("" for any other unit, an attempt without a time limit, or none running).
        The store's exam clock, the one the exam's own countdown reads."""
        if not isinstance(unit, ExamUnit) or not unit.time_limit:
            return ""
        store = self.session.services.store
        try:
            left = exam_left(store.assessments, self.session.profile_id, self.course.id, unit.id)
        except STORE_FAILURES as exc:
            log.warning("could not read the exam clock of %s: %s", unit.id, exc)
            return ""
        if left is None:
            return ""
        if left <= 0:  # submitted as soon as the exam opens, or Cartable starts again
            return self.tr("Time is up")
        return self.tr("Time left: %1").replace("%1", minutes_text(left))

    def shown_status(self, unit: Unit) -> ShownStatus:
        """The unit's state as the outline draws and names it: an exam with an attempt handed
        in and not graded yet is "submitted", not done (its grade decides, and the counts wait
        for it), nor failed while that grade could still pass it; a pass stands."""
        progress = self.unit_progress(unit.id)
        if isinstance(unit, ExamUnit) and progress.exam.waiting and progress.success is not True:
            return "submitted"
        return progress.status

    def _update_header(self) -> None:
        progress = self.progress
        self.course_bar.setValue(round(progress.completion * 1000))
        # %n: French agrees with the units done ("1 unité faite sur 6", "3 unités faites sur 6")
        text = self.tr("%n of %1 units done", "", progress.units_satisfied).replace(
            "%1", str(progress.units_total)
        )
        self.course_label.setText(text)
        self.course_bar.setAccessibleName(self.tr("Course progress"))
        self.course_bar.setAccessibleDescription(text)

    def _outline_activated(self, index: QModelIndex) -> None:
        """Enter on a unit, or a click, opens it; on a module (the outline does not collapse)
        opens the module's first unit not done, else its first unit."""
        unit_id = index.data(UNIT_ROLE)
        if not unit_id and not index.parent().isValid():
            row = index.row()
            unit_id = module_start(self.course.modules[row], self.progress.modules[row].units)
        if unit_id:
            self.open_unit(unit_id, focus_content=True)

    # -- units ------------------------------------------------------------------------------

    @property
    def current_unit_id(self) -> str | None:
        return getattr(self.view, "unit_id", None) if self.view is not None else None

    def open_start_unit(self) -> None:
        unit_id = start_unit(self.course, self.progress)
        if unit_id:
            self.open_unit(unit_id)

    def open_unit(self, unit_id: str, *, focus_content: bool = True) -> bool:
        unit = self.course.unit(unit_id)
        if unit is None:
            log.warning("course %s has no unit %s", self.course.id, unit_id)
            return False
        if unit_id == self.current_unit_id:
            if focus_content and self.view is not None:
                self.view.setFocus()
            return True
        self.close_unit()
        # back to the exam: its clock is on the page again
        take_back_notice(self, self.course.id, unit_id)
        self.view = self._create_view(unit)
        self.content.addWidget(self.view)
        self.content.setCurrentWidget(self.view)
        completed = getattr(self.view, "completed", None)
        if completed is not None:
            completed.connect(self.refresh_progress)
        repair = getattr(self.view, "repair_requested", None)
        if repair is not None:
            repair.connect(lambda: self.repair_requested.emit(self.course.id))
        item = self.outline.unit_item(unit_id)
        if item is not None:
            self.outline.setCurrentIndex(item.index())
        self._update_unit_header(unit)
        self.refresh_progress()
        if focus_content:
            self.view.setFocus()
        self.unit_changed.emit(unit_id)
        return True

    def _create_view(self, unit: Unit) -> QWidget:
        try:
            view = self.factory(unit, self.content)
        except Exception:  # a content view that cannot start never takes the app down
            log.exception("could not open unit %s of %s", unit.id, self.course.key)
            return UnitError(unit, self.content, unsupported=False, product=self.product)
        if view is None:
            return UnitError(unit, self.content, unsupported=True, product=self.product)
        return view

    def close_unit(self) -> None:
        """Close the open content view (it stops its media and records the close). What the
        view has to say as the learner leaves it (a timed exam still running) is said once,
        in the window's status bar: nothing blocks the way out."""
        view, self.view = self.view, None
        if view is None:
            return
        unit_id = getattr(view, "unit_id", None)
        leaving = getattr(view, "leaving_notice", None)
        try:
            notice = leaving() if callable(leaving) else ""
        except STORE_FAILURES as exc:
            log.warning("could not read what to say on leaving %s: %s", view, exc)
            notice = ""
        # About an exam left running, the notice goes once it ends (`take_back_notice`); about
        # one found ended as the learner left (submitted in another Cartable), it stays.
        about = unit_id if getattr(view, "runs_on", False) else None
        clock = getattr(view, "leaving_clock", None)
        follow = clock() if about and callable(clock) else None  # its minutes, read again
        try:
            view.close_unit()  # type: ignore[attr-defined]
        finally:
            self.content.removeWidget(view)
            view.deleteLater()
        if notice:
            say(self, self.course.id, notice, about, follow)

    def close_course(self) -> None:
        self.close_unit()  # the view is dropped next: nothing to refresh

    def _neighbour(self, step: int) -> str | None:
        return neighbour(self.order, self.current_unit_id, step)

    def next_unit(self) -> None:
        target = self._neighbour(1)
        if target:
            self.open_unit(target)

    def previous_unit(self) -> None:
        target = self._neighbour(-1)
        if target:
            self.open_unit(target)

    def toggle_focus(self) -> None:
        if self.outline.hasFocus() and self.view is not None:
            self.view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        else:
            self.outline.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _update_unit_header(self, unit: Unit) -> None:
        module = self.course.module_of(unit.id)
        module_number = self.course.modules.index(module) + 1 if module else 0
        self.unit_title.setText(unit.title)
        self.unit_where.setText(
            self.tr("Module %1 · %2")
            .replace("%1", str(module_number))
            .replace("%2", capitalized(unit_kind(unit.type)))
        )
        self.previous_button.setEnabled(self._neighbour(-1) is not None)
        self.next_button.setEnabled(self._neighbour(1) is not None)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:  # the outline's width, once the real width is known
            self._sized = True
            total = max(self.splitter.width(), self._left_width * 2)
            left = min(self._left_width, total // 3)
            self.splitter.setSizes([left, total - left])

    # -- text -------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.PaletteChange:
            self._update_outline()
        elif event.type() == QEvent.Type.FontChange:
            self.outline.fit_titles(self.fontMetrics().averageCharWidth())
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.back_button.setText(self.tr("← &Library"))
        self.back_button.setAccessibleName(self.tr("Back to the library"))
        # The keys as the interface's language names them (« Alt+Gauche » in French).
        key, alt = Qt.Key, Qt.Modifier.ALT
        library = key_name(Qt.Modifier.CTRL | key.Key_L)  # the Course menu's Library
        self.back_button.setToolTip(self.tr("Back to the library ({key})").format(key=library))
        publisher = self.course.publisher.name if self.course.publisher else ""
        self.publisher.setText(publisher)
        self.publisher.setVisible(bool(publisher))
        self.outline.setAccessibleName(self.tr("Course outline"))
        self.repair_button.setText(self.tr("Check files…"))
        self.repair_button.setAccessibleName(self.tr("Check and repair the files of this course"))
        self.previous_button.setText(self.tr("← Previous"))
        self.previous_button.setAccessibleName(self.tr("Previous unit"))
        self.previous_button.setToolTip(
            self.tr("Previous unit ({key})").format(key=key_name(alt | key.Key_Left))
        )
        self.next_button.setText(self.tr("Next →"))
        self.next_button.setAccessibleName(self.tr("Next unit"))
        self.next_button.setToolTip(
            self.tr("Next unit ({key})").format(key=key_name(alt | key.Key_Right))
        )
        self.content.setAccessibleName(self.tr("Unit content"))
        self._update_outline()
        self.outline.fit_titles(self.fontMetrics().averageCharWidth())
        self._update_header()
        unit = self.course.unit(self.current_unit_id or "")
        if unit is not None:
            self._update_unit_header(unit)
        else:
            self.previous_button.setEnabled(False)
            self.next_button.setEnabled(bool(self.order))
