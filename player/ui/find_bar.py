"""The find bar of a reading and of slides: Ctrl+F opens it under the page, the word typed is
searched as it is typed, "3 of 12" says where the match shown is, Enter or F3 goes to the next
(Shift: the previous), Escape closes it and gives the keyboard back to the page.

A view only: it says what the learner asks (`query_changed`, `step_requested`, `closed`) and
shows what the view found (`show_count`, `show_status`). The search is the view's (a reading's
text, find_text.py; a PDF's, pdf_search.py). Its field looks as the library's search field."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from player.ui.find_text import MAX_QUERY
from player.ui.key_names import key_name

_STYLE = """
QToolButton:focus { border: 2px solid palette(highlight); border-radius: 3px; }
"""


class FindBar(QWidget):
    """Hidden until `open`. Ctrl+F and F3 / Shift+F3 work wherever the keyboard is in `view`'s
    window while the view shows (as the library's Ctrl+F); the bar's own keys in its field."""

    query_changed = Signal(str)
    step_requested = Signal(int)  # 1: the next match, -1: the previous one
    closed = Signal()

    def __init__(self, view: QWidget, parent: QWidget, *, slides: bool = False) -> None:
        """`view`: the reading's or the slides' view, whose keys these are; `slides`: the
        field says "these slides", not "this reading"."""
        super().__init__(parent)
        self.slides = slides
        self.setStyleSheet(_STYLE)
        self.field = QLineEdit(self)
        self.field.setClearButtonEnabled(True)
        self.field.setMaxLength(MAX_QUERY)  # a page pasted: its beginning searched
        self.field.setMinimumWidth(self.fontMetrics().averageCharWidth() * 30)
        self.field.installEventFilter(self)
        self.status = QLabel(self)
        self.status.setObjectName("muted")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        # Arrows in text, as the slides' page buttons: the style's arrows are play triangles.
        self.previous_button = self._button("\u2191", lambda: self.step_requested.emit(-1))
        self.next_button = self._button("\u2193", lambda: self.step_requested.emit(1))
        self.close_button = self._button("\u00d7", self.close_bar)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.field)
        row.addWidget(self.status)
        row.addWidget(self.previous_button)
        row.addWidget(self.next_button)
        row.addStretch(1)
        row.addWidget(self.close_button)
        self.field.textChanged.connect(self.query_changed)
        # The window's keys, while `view` shows: found by shortcut, not by the field alone.
        context = Qt.ShortcutContext.WindowShortcut
        self.find_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Find), view)
        self.find_shortcut.setContext(context)
        self.find_shortcut.activated.connect(self.open)
        self.next_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.FindNext), view)
        self.next_shortcut.setContext(context)
        self.next_shortcut.activated.connect(lambda: self._again(1))
        self.previous_shortcut = QShortcut(
            QKeySequence(QKeySequence.StandardKey.FindPrevious), view
        )
        self.previous_shortcut.setContext(context)
        self.previous_shortcut.activated.connect(lambda: self._again(-1))
        self.hide()
        self.retranslate()

    def _button(self, text: str, clicked: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(clicked)
        return button

    def retranslate(self) -> None:
        place = self.tr("Find in these slides") if self.slides else self.tr("Find in this reading")
        self.field.setPlaceholderText(place)
        self.field.setAccessibleName(place)
        # The keys as the interface's language writes them (« Échap » in French).
        for button, name, keys in (
            (self.previous_button, self.tr("Previous match"), self.previous_shortcut.key()),
            (self.next_button, self.tr("Next match"), self.next_shortcut.key()),
            (self.close_button, self.tr("Close the find bar"), QKeySequence(Qt.Key.Key_Escape)),
        ):
            key = key_name(keys)
            button.setAccessibleName(name)
            button.setToolTip(self.tr("{action} ({key})").format(action=name, key=key))

    @property
    def query(self) -> str:
        return self.field.text()

    def open(self) -> None:
        """Shown, the keyboard in its field, the word there selected to type another."""
        self.show()
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        if self.isHidden():
            return
        self.hide()
        self.closed.emit()

    def _again(self, step: int) -> None:
        """F3 / Shift+F3: the next or previous match of the word typed; the bar opens for
        one, shown again if closed since."""
        if not self.query.strip():
            self.open()
            return
        self.show()
        self.step_requested.emit(step)

    def show_count(self, position: int, count: int) -> None:
        """ "3 of 12": the match shown and how many there are."""
        text = self.tr("{position} of {count}").format(position=position, count=count)
        self.show_status(text, matches=True)

    def show_status(self, text: str, *, matches: bool = False) -> None:
        """`text` beside the field ("No match", "" for no word); `matches`: some to step to."""
        self.status.setText(text)
        self.status.setAccessibleName(text)
        self.previous_button.setEnabled(matches)
        self.next_button.setEnabled(matches)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape on a button of the bar closes it too (a button leaves Escape to its parent)."""
        if event.key() == Qt.Key.Key_Escape:
            self.close_bar()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The field's Enter (Shift+Enter) and Escape; taken before any window shortcut."""
        if watched is self.field and isinstance(event, QKeyEvent):
            key = event.key()
            ours = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
            if ours and event.type() == QEvent.Type.ShortcutOverride:
                event.accept()
                return True
            if ours and event.type() == QEvent.Type.KeyPress:
                if key == Qt.Key.Key_Escape:
                    self.close_bar()
                elif self.query.strip():
                    shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
                    self.step_requested.emit(-1 if shift else 1)
                return True
        return super().eventFilter(watched, event)
