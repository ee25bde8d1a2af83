"""The inputs of one question, built for its kind (radio buttons, check boxes, a line edit,
one combo box per matching prompt), with a mark under each for its grade, and the typed
`grading.Response` they hold. No words of its own: `QuestionWidget` sets every text (its class
is the `tr()` context) and wires the signals."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QWidget,
)

from player.course.grading import Response
from player.course.quiz import Question
from player.ui.answer_words import decimal_mark, number_text
from player.ui.combo_popup import ChoiceBox
from player.ui.question_text import parse_answer

# What the choices hold: which buttons are checked, which item each combo box shows.
InputState = tuple[list[bool], list[int]]


class AnswerLine(QLineEdit):
    """A line edit at least as wide as its hint: Qt sizes one for 17 "x", and the numeric hint
    ("Un nombre, par exemple 3,14") was cut to "Un nombre, par e…". Measured when laid out, with
    the font and style then in force (the theme's padding and border, the reader's text size),
    not when the hint is set; and with the focused border, the theme's widest, as the hint shows
    while the learner is in the empty line."""

    # Pixels Qt keeps on each side of a line edit's text (QLineEditPrivate::horizontalMargin).
    TEXT_SIDE = 2

    def minimumSizeHint(self) -> QSize:
        least = super().minimumSizeHint()
        if not self.placeholderText():
            return least
        margins = self.textMargins()
        text = self.fontMetrics().horizontalAdvance(self.placeholderText())
        contents = QSize(text + margins.left() + margins.right() + 2 * self.TEXT_SIDE, 0)
        option = QStyleOptionFrame()
        self.initStyleOption(option)
        option.state |= QStyle.StateFlag.State_HasFocus  # the theme's focus border is wider
        style = self.style()
        width = style.sizeFromContents(QStyle.ContentsType.CT_LineEdit, option, contents, self)
        return QSize(min(self.maximumWidth(), max(least.width(), width.width())), least.height())

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.minimumSizeHint().width()), hint.height())


class MatchBox(ChoiceBox):
    """A matching prompt's box: as wide as its longest choice when the row has room (its size
    hint), and narrower when not, down to a few words (its current text then cut with "…"),
    rather than pushing the page wider than the window."""

    LEAST_CHARACTERS = 12

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        option = QStyleOptionComboBox()
        self.initStyleOption(option)
        text = QSize(self.fontMetrics().averageCharWidth() * self.LEAST_CHARACTERS, 0)
        least = self.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, self)
        return QSize(min(hint.width(), least.width()), hint.height())


class QuestionInputs:
    """`box` gets the inputs; `group` (radio buttons) belongs to `owner`. `rich` and `plain`
    turn course text into what a label and a list item show; `width` caps a typed answer's line."""

    def __init__(
        self,
        question: Question,
        box: QWidget,
        owner: QObject,
        *,
        rich: Callable[[str], str],
        plain: Callable[[str], str],
        width: int,
    ) -> None:
        self.question = question
        self.box = box
        self.group: QButtonGroup | None = None
        self.buttons: list[QAbstractButton] = []
        self.marks: list[QLabel] = []  # per choice or per matching prompt: ✓/✗ and feedback
        self.line: QLineEdit | None = None
        self.combos: list[QComboBox] = []
        self.source_labels: list[QLabel] = []
        self.whole_choices: list[QLabel] = []  # per matching prompt, on read-only pages
        self.read_only = False
        q = question
        layout = QGridLayout(box)
        layout.setContentsMargins(12, 0, 0, 0)
        layout.setColumnStretch(2, 1)
        if q.type in ("single", "truefalse"):
            self.group = QButtonGroup(owner)
            self.group.setExclusive(True)
            count = len(q.choices) if q.type == "single" else 2
            for index in range(count):
                button = QRadioButton(box)
                self.group.addButton(button, index)
                self._add_choice_row(layout, index, button)
        elif q.type == "multiple":
            for index, _choice in enumerate(q.choices):
                self._add_choice_row(layout, index, QCheckBox(box))
        elif q.type in ("short", "numeric"):
            self.line = AnswerLine(box)
            self.line.setMaxLength(500)
            self.line.setMaximumWidth(width)
            layout.addWidget(self.line, 0, 0, 1, 2)
            mark = QLabel(box)
            mark.setWordWrap(True)
            mark.hide()
            self.marks.append(mark)
            layout.addWidget(mark, 1, 0, 1, 3)
        elif q.type == "matching":
            for index, source in enumerate(q.sources):
                # Rich text always (a plain prompt is escaped: "AT&amp;T"), and no buddy: a
                # buddy's label reads "&" as an Alt key, so "AT&T" showed "ATamp;T".
                label = QLabel(rich(source.text), box)
                label.setTextFormat(Qt.TextFormat.RichText)
                label.setWordWrap(True)
                combo = MatchBox(box)  # its list as wide as its longest choice
                combo.addItem("", None)
                for target in q.targets:
                    combo.addItem(plain(target.text), target.id)
                combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
                # What a read-only page shows of a choice the box cuts: the learner cannot
                # open the list there to read it.
                whole = QLabel(box)
                whole.setObjectName("wholeChoice")
                whole.setTextFormat(Qt.TextFormat.PlainText)
                whole.setWordWrap(True)
                whole.hide()
                combo.elision_changed.connect(lambda _cut, i=index: self._show_whole(i))
                combo.currentTextChanged.connect(lambda _t, i=index: self._show_whole(i))
                mark = QLabel(box)
                mark.setWordWrap(True)
                mark.hide()
                layout.addWidget(label, index * 3, 0)
                # the row's free width, no more than its longest choice needs
                layout.addWidget(combo, index * 3, 1, 1, 2, Qt.AlignmentFlag.AlignLeft)
                layout.addWidget(whole, index * 3 + 1, 1, 1, 2)
                layout.addWidget(mark, index * 3 + 2, 1, 1, 2)
                self.source_labels.append(label)
                self.combos.append(combo)
                self.whole_choices.append(whole)
                self.marks.append(mark)

    def _show_whole(self, index: int) -> None:
        """A matching box's choice, when the box cuts it: whole in its tooltip, and on a
        read-only page in a wrapped line under the box too."""
        combo, whole = self.combos[index], self.whole_choices[index]
        cut = isinstance(combo, ChoiceBox) and combo.elided() and combo.currentIndex() > 0
        combo.setToolTip(combo.currentText() if cut else "")
        whole.setText(combo.currentText())
        whole.setVisible(cut and self.read_only)

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        for index in range(len(self.whole_choices)):
            self._show_whole(index)

    def _add_choice_row(self, layout: QGridLayout, index: int, button: QAbstractButton) -> None:
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        mark = QLabel(self.box)
        mark.setWordWrap(True)
        mark.setTextFormat(Qt.TextFormat.RichText)
        mark.setContentsMargins(24, 0, 0, 4)
        mark.hide()
        layout.addWidget(button, index * 2, 0, 1, 3)
        layout.addWidget(mark, index * 2 + 1, 0, 1, 3)
        self.buttons.append(button)
        self.marks.append(mark)

    def set_placeholder(self, text: str) -> None:
        """The line's hint, shown whole (AnswerLine sizes the line from it)."""
        if self.line is None:
            return
        self.line.setPlaceholderText(text)
        self.line.updateGeometry()

    def focusable(self) -> list[QWidget]:
        widgets: list[QWidget] = [*self.buttons, *self.combos]
        if self.line is not None:
            widgets.append(self.line)
        return widgets

    # -- what they hold -------------------------------------------------------------------------

    def state(self) -> InputState:
        return [b.isChecked() for b in self.buttons], [c.currentIndex() for c in self.combos]

    def restore(self, state: InputState) -> None:
        checks, indexes = state
        if self.group is not None:
            self.group.setExclusive(False)
        for button, checked in zip(self.buttons, checks, strict=True):
            button.setChecked(checked)
        if self.group is not None:
            self.group.setExclusive(True)
        for combo, index in zip(self.combos, indexes, strict=True):
            combo.setCurrentIndex(index)

    def response(self) -> Response | None:
        """What is answered now, typed for grading; None when nothing is (or cannot be read)."""
        q = self.question
        if q.type == "single":
            assert self.group is not None
            index = self.group.checkedId()
            return q.choices[index].id if index >= 0 else None
        if q.type == "truefalse":
            assert self.group is not None
            index = self.group.checkedId()
            return None if index < 0 else index == 0
        if q.type == "multiple":
            chosen = frozenset(
                c.id for c, b in zip(q.choices, self.buttons, strict=True) if b.isChecked()
            )
            return chosen or None
        if q.type == "short":
            assert self.line is not None
            text = " ".join(self.line.text().split())
            return text or None
        if q.type == "numeric":
            assert self.line is not None
            return parse_answer(q, self.line.text(), decimal_mark())
        pairs = tuple(
            (source.id, combo.currentData())
            for source, combo in zip(q.sources, self.combos, strict=True)
            if combo.currentData() is not None
        )
        return pairs or None

    def show(self, response: Response | None) -> None:
        """Put `response` in the inputs (None empties them); signals are the caller's care."""
        q = self.question
        if q.type in ("single", "truefalse"):
            assert self.group is not None
            if q.type == "single":
                index = next((i for i, c in enumerate(q.choices) if c.id == response), -1)
            else:
                index = -1 if response is None else (0 if response else 1)
            if index >= 0:
                self.buttons[index].setChecked(True)
            else:
                self.group.setExclusive(False)
                for button in self.buttons:
                    button.setChecked(False)
                self.group.setExclusive(True)
        elif q.type == "multiple":
            chosen = response if isinstance(response, frozenset) else frozenset()
            for choice, box in zip(q.choices, self.buttons, strict=True):
                box.setChecked(choice.id in chosen)
        elif q.type == "short":
            assert self.line is not None
            self.line.setText(response if isinstance(response, str) else "")
        elif q.type == "numeric":
            assert self.line is not None
            self.line.setText("" if not isinstance(response, float) else number_text(response))
        else:
            chosen_pairs = dict(response) if isinstance(response, tuple) else {}
            for source, combo in zip(q.sources, self.combos, strict=True):
                index = combo.findData(chosen_pairs.get(source.id))
                combo.setCurrentIndex(max(0, index))
