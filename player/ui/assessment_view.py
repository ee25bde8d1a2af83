"""What the quiz and exam views share: pages in a readable column, one question shown at a time
from the attempt's order, store calls whose failure becomes the view's notice, and the
"are you sure" box that gives the keyboard back to the view.

Each view keeps what differs: the quiz grades on the spot, the exam saves answers against a
clock and waits for the institution's grade.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QMessageBox,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from player.course.grading import shuffled
from player.course.manifest import Course, ExamUnit, QuizUnit
from player.course.quiz import Question
from player.ui.assessment_common import AssessmentServices
from player.ui.button import Button
from player.ui.question_box import QuestionBox
from player.ui.question_widgets import QuestionWidget
from player.ui.recorder import STORE_FAILURES
from player.ui.unit_view import UnitServices, UnitView

T = TypeVar("T")
# Where a results or review list item keeps the index of its question.
INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
# Typed answers are saved once the learner pauses this long (a choice is saved at once): the
# exam's answers, a quiz's answers not checked yet.
TYPING_PAUSE_MS = 400


class AssessmentView(UnitView):
    def __init__(
        self,
        unit: QuizUnit | ExamUnit,
        course: Course,
        services: UnitServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(unit, course, services, parent)
        self.assessment: AssessmentServices | None = services.assessments
        self.questions: tuple[Question, ...] = ()
        self.widgets: list[QuestionWidget] = []
        self.index = 0
        self.confirmation: QMessageBox | None = None
        self._confirm_yes: QAbstractButton | None = None  # `confirmation`'s button that does it
        self._confirm_then: Callable[[], None] | None = None  # what it does
        self.pages = QStackedWidget(self.content)
        outer = QVBoxLayout(self.content)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.pages)

    @property
    def assessment_unit(self) -> QuizUnit | ExamUnit:
        """`self.unit`, typed as the quiz or exam it is."""
        assert isinstance(self.unit, QuizUnit | ExamUnit)
        return self.unit

    # -- layout ---------------------------------------------------------------------------------

    def _column(self, page: QWidget) -> QVBoxLayout:
        """A readable column in the middle of a page."""
        row = QHBoxLayout(page)
        holder = QWidget(page)
        holder.setMaximumWidth(self.fontMetrics().averageCharWidth() * 110)
        row.addStretch(1)
        row.addWidget(holder, 100)
        row.addStretch(1)
        return QVBoxLayout(holder)

    def _question_list(self, parent: QWidget) -> QListWidget:
        """A results or review list whose long questions and answers wrap at the column's
        width, never behind a horizontal scroll bar. The focus frame has room around the text
        without a delegate of its own: the theme gives every list item a border (transparent
        until it frames the current item) and padding inside it."""
        found = QListWidget(parent)
        found.setWordWrap(True)
        found.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        found.setResizeMode(QListView.ResizeMode.Adjust)  # wrapped again when the width changes
        found.setSpacing(2)
        return found

    def _label(self, parent: QWidget, name: str = "") -> QLabel:
        label = QLabel(parent)
        # Plain: these labels show titles and names others wrote, where a tag is text.
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        if name:
            label.setObjectName(name)
        return label

    def _button(self, parent: QWidget, primary: bool = False) -> Button:
        button = Button(parent)
        button.setAutoDefault(True)
        if primary:
            button.setObjectName("primary")
        return button

    def _question_area(self, parent: QWidget) -> QScrollArea:
        """The scrolled place the question widgets live in (`self.holder_layout`)."""
        self.scroll = QScrollArea(parent)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.holder = QWidget(self.scroll)
        self.holder_layout = QVBoxLayout(self.holder)
        self.holder_layout.setContentsMargins(16, 8, 16, 8)
        self.scroll.setWidget(self.holder)
        return self.scroll

    # -- questions ------------------------------------------------------------------------------

    def _make_question_widgets(self, seed: int) -> None:
        """The attempt's questions in its order (`grading.shuffled` with the seed it stored, so
        the order survives a restart), one hidden widget each; Enter in one calls `_enter`."""
        unit = self.assessment_unit
        self.questions = shuffled(
            unit.questions, seed, unit.shuffle_questions, unit.shuffle_choices
        )
        for widget in self.widgets:
            widget.deleteLater()
        self.widgets = []
        total = len(self.questions)
        for number, question in enumerate(self.questions, 1):
            widget = QuestionWidget(question, self.holder)
            widget.set_number(number, total)
            widget.hide()
            widget.activated.connect(self._enter)
            self.holder_layout.addWidget(widget)
            self.widgets.append(widget)

    @property
    def current(self) -> QuestionWidget:
        return self.widgets[self.index]

    def _show_question(self, index: int) -> None:
        """Only question `index` visible, scrolled to its top."""
        for number, widget in enumerate(self.widgets):
            widget.setVisible(number == index)
        self.index = index
        self.scroll.verticalScrollBar().setValue(0)

    def _focus_question(self) -> None:
        self.setFocusProxy(self.current.first_input())
        self.current.first_input().setFocus(Qt.FocusReason.OtherFocusReason)

    def _enter(self) -> None:
        """Enter pressed in the current question."""
        raise NotImplementedError

    # -- store ----------------------------------------------------------------------------------

    def _store(
        self, call: Callable[[], T], write: str, *, read: bool = False, settle: bool = True
    ) -> T | None:
        """One store call of kind `write` (a read if `read`); a failure becomes the notice above
        the view (nothing half done), which the next call of that kind to go through takes
        down (`_saved`). `settle` False: one of a batch, settled by its caller after the last,
        so that the notice is not taken down and said again within one save."""
        try:
            found = call()
        except STORE_FAILURES as exc:
            self._save_failed(exc, write)
            return None
        if settle:
            self._saved(write, read=read)
        return found

    @property
    def _profile_id(self) -> str:
        return self.services.recorder.profile_id

    def _refresh_progress(self) -> None:
        """Read the unit's progress again after the store changed it (finished, submitted)."""
        recorder = self.recorder
        if recorder is None:
            return
        fresh = self._store(
            lambda: self.services.recorder.read_progress(
                self._profile_id, self.course.id, self.assessment_unit.id
            ),
            "progress read",
            read=True,
        )
        if fresh is not None:
            recorder.progress = fresh

    # -- asking ---------------------------------------------------------------------------------

    def _confirm(
        self,
        title: str,
        text: str,
        yes: str,
        then: Callable[[], None],
        *,
        safe_default: bool = False,
    ) -> None:
        """Ask before something that cannot be undone; `then` runs only on `yes`.

        `safe_default`: Enter (like Escape) goes back, so `yes` takes a deliberate choice (a
        click, Tab to it, or its Alt key): for what cannot be taken back at all, such as
        handing in an exam. Its letter typed alone never says yes (QuestionBox)."""
        box = QuestionBox(QMessageBox.Icon.Question, title, text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)  # the institution's name, as written
        accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        back = box.addButton(self.tr("&Go back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back if safe_default else accept)
        box.setEscapeButton(back)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.confirmation is not None:
            self.confirmation.close()  # answered "go back": one question at a time
        # A method, what it does kept here: a closure holding this view, connected to its child
        # the question, was a view of its own's last reference once the closed question was
        # deleted, which then deleted the view and the question a second time (a crash).
        box.finished.connect(self._confirmed)
        self.confirmation = box
        self._confirm_yes = accept
        self._confirm_then = then
        box.open()

    def _confirmed(self, _result: int) -> None:
        box, yes, then = self.confirmation, self._confirm_yes, self._confirm_then
        self.confirmation = self._confirm_yes = self._confirm_then = None
        self.window().activateWindow()  # the keyboard comes back here, not nowhere
        if box is not None and then is not None and box.clickedButton() is yes:
            then()
