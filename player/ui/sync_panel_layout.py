"""The Sync panel laid out and nothing more: the state lines, the Waiting and Refused tables with
their buttons, the account form, and the "Sync now" / "Close" row, everything but that row in a
scroll area; sized to its content and the screen.

No text and no behaviour here: `SyncPanel` (player.ui.sync_panel) sets every text (its `tr()`
context is its own class name, which the translations are filed under) and connects the buttons.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QLocale, QMargins, QObject, QPoint, QRect, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from player.ui.button import Button, click_on_enter
from player.ui.layouts import nested
from player.ui.screens import available_geometry
from player.ui.tooltips import plain_tooltip

TITLE_BAR = 40  # room left on the screen for the window's frame
MIN_HEIGHT = 300  # the state, a few lines of the form and the buttons, on any screen
SCROLL_CONTEXT = 50  # px kept in sight around a focused field, as QScrollArea's default


class ListButton(Button):
    """A button acting on a list: never the dialog's default (Enter elsewhere in the panel must
    not press it, nor may it be drawn as the default while the list is empty), but Enter on it
    presses it, as Space does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoDefault(False)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not click_on_enter(self, event):
            super().keyPressEvent(event)


class SyncPanelLayout(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(640)
        # never so short that only a line of the form shows between the title and the buttons
        self.setMinimumHeight(MIN_HEIGHT)

        self.last_sync = QLabel(self)
        self.state = QLabel(self)
        # The server's answers and profiles' names in these two: a tag in them is text.
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Grades the last sync could not read, one line per profile (hidden when none).
        self.grades = QLabel(self)
        self.grades.setTextFormat(Qt.TextFormat.PlainText)
        self.grades.setWordWrap(True)
        self.grades.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.grades.hide()

        self.waiting = QTableWidget(0, 3, self)
        self.waiting.verticalHeader().setVisible(False)
        self.waiting.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.waiting.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.waiting.setWordWrap(False)  # a long name is elided (its tooltip has it whole)
        # As tall as its rows (see _fit_waiting), as wide as the dialog: never a scroll bar.
        self.waiting.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.waiting.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.refused = QTableWidget(0, 3, self)
        self.refused.verticalHeader().setVisible(False)
        self.refused.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.refused.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.refused.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        for table in (self.waiting, self.refused):
            # Tab leaves the table (arrows go from cell to cell): with Tab going round its
            # cells, a keyboard learner was held in it for good.
            table.setTabKeyNavigation(False)
        # Made in the order they stand (Send again, then Copy): Tab follows creation order.
        self.resend_button = ListButton(self)
        self.resend_button.setEnabled(False)  # until refused statements are listed
        self.copy_button = ListButton(self)
        self.copy_button.setEnabled(False)

        self.endpoint = QLineEdit(self)
        self.endpoint.setPlaceholderText("https://lrs.example.org/xAPI/")
        self.user = QLineEdit(self)
        self.secret = QLineEdit(self)
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.account_note = QLabel(self)
        self.account_note.setWordWrap(True)
        self.save_button = QPushButton(self)
        self.save_button.setDefault(True)  # Enter in the account's fields saves it
        self.account_box = QGroupBox(self)
        self.endpoint_label = QLabel(self.account_box)
        self.user_label = QLabel(self.account_box)
        self.secret_label = QLabel(self.account_box)
        for label, field in (
            (self.endpoint_label, self.endpoint),
            (self.user_label, self.user),
            (self.secret_label, self.secret),
        ):
            label.setBuddy(field)
        form = QFormLayout(self.account_box)
        form.addRow(self.endpoint_label, self.endpoint)
        form.addRow(self.user_label, self.user)
        form.addRow(self.secret_label, self.secret)
        form.addRow(self.account_note)
        form.addRow(self.save_button)

        self.sync_button = QPushButton(self)
        # Not the standard Close button: Qt names it "Close", with no Alt key, and names it
        # again itself on a change of language.
        self.close_button = QPushButton(self)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)

        self.waiting_title = QLabel(self)
        self.refused_title = QLabel(self)
        # Everything but the bottom row scrolls: each line keeps its height (a wrapped note all
        # its lines at the panel's real width, a field its theme's height) on any screen. Sized
        # by the dialog's own minimum, the notes were counted for another width and the fields
        # squeezed, cut through their text at 640x437; sized to fit, it was taller than 720 px.
        self.content = QWidget(self)
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.last_sync)
        layout.addWidget(self.state)
        layout.addWidget(self.grades)
        layout.addWidget(self.waiting_title)
        layout.addWidget(self.waiting)
        layout.addWidget(self.refused_title)
        layout.addWidget(self.refused)
        copy_row = nested(layout, QHBoxLayout())
        copy_row.addStretch(1)
        copy_row.addWidget(self.resend_button)
        copy_row.addWidget(self.copy_button)
        layout.addWidget(self.account_box)
        layout.addStretch(1)  # the room a line left behind stays below the form, not between lines
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields only
        self.scroll.setWidget(self.content)
        # Always in sight: "Sync now" and "Close".
        outer = QVBoxLayout(self)
        outer.addWidget(self.scroll, 1)
        bottom = nested(outer, QHBoxLayout())
        bottom.addWidget(self.sync_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        self._bottom = bottom
        self._sized = False  # sized to its content and the screen on its first show
        self._fitted = 0  # the content's height the panel's height was last made for
        self._growing = False  # a `_grow` is queued
        self.content.installEventFilter(self)  # its layout asks again: lines came or went
        # Whatever gets the focus (Tab, the first empty field) is scrolled into sight.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._follow_focus)

    def _follow_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not self.content.isAncestorOf(new):
            return
        fields = (self.endpoint, self.user, self.secret)
        if new in fields:
            # The theme draws a focused field's border thicker, its hint 2 px taller than the
            # one the form was laid out with: its text was cut. Every field takes that height
            # once, so the form does not move as Tab goes through it.
            tallest = new.sizeHint().height()
            for field in fields:
                if field.minimumHeight() < tallest:
                    field.setMinimumHeight(tallest)
        self._show_whole(new)

    def _show_whole(self, widget: QWidget) -> None:
        """`widget` whole in the scroll area's sight: left where it is when it already is, else
        scrolled with Qt's 50 px of context when there is room, its top first when it cannot all
        show. Not `ensureWidgetVisible`: for a line edit it looks at the text cursor only (10x15
        px inside the field), so in the smallest panel (a 238 px viewport) it left the password
        field's bottom 3 px out of sight."""
        top = widget.mapTo(self.content, QPoint(0, 0)).y()
        bottom = top + widget.height()
        seen = self.scroll.viewport().height()
        bar = self.scroll.verticalScrollBar()
        value = bar.value()
        if value <= top and bottom <= value + seen:
            return
        margin = min(SCROLL_CONTEXT, max(0, (seen - widget.height()) // 2))
        if bottom + margin > value + seen:
            value = bottom + margin - seen
        if top - margin < value:
            value = top - margin
        bar.setValue(value)  # the bar keeps it within its range

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            for field in (self.endpoint, self.user, self.secret):
                field.setMinimumHeight(0)  # see _follow_focus: the new style's hints
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized:
            self._sized = True
            self._fit_screen()
        else:
            self._grow()  # what came while it was hidden (the window keeps its panel)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The content's layout asks again (a note, a state line, the grades' line, the refused
        list came): the panel grows with it, once the layout has settled."""
        if (
            watched is self.content
            and event.type() == QEvent.Type.LayoutRequest
            and self._sized
            and self.isVisible()
            and not self._growing
        ):
            self._growing = True
            QTimer.singleShot(0, self, self._grow)
        return super().eventFilter(watched, event)

    def _content_height(self, width: int) -> int:
        """The content's height at the panel's `width`, its wrapped lines whole."""
        margins = self.layout().contentsMargins()
        inner = width - margins.left() - margins.right()
        content = self.content.layout()
        need = content.totalHeightForWidth(inner) if content.hasHeightForWidth() else -1
        return max(need, self.content.sizeHint().height())

    def _fit_screen(self) -> None:
        """As tall as its content, so nothing scrolls when the screen has room, but never
        taller than the screen's free area, its title bar too (1280x720, 1024x600)."""
        outer = self.layout()
        outer.activate()
        width = max(self.width(), self.minimumWidth())
        need = self._content_height(width)
        self._fitted = need
        margins = outer.contentsMargins()
        height = margins.top() + need + outer.spacing() + self._bottom.sizeHint().height()
        height += margins.bottom()
        room = available_geometry(self)
        if room is not None:
            width = min(width, room.width())
            height = min(height, room.height() - TITLE_BAR)
        height = max(height, self.minimumSizeHint().height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
        if room is not None:
            self._place(room)

    def _grow(self) -> None:
        """Taller by what the content gained since the panel was last fitted, never past the
        screen's free area: it kept its first size, so after an account was saved and a sync
        had run, the new lines pushed "Save account" out of sight (1280x720, half the screen
        free). It never shrinks by itself: a size the learner chose stays, growing by the new
        lines only. Measured from the tallest content it was made for: a line that goes and comes
        back (the grades' line, sync after sync) made it grow again each time it came."""
        self._growing = False
        if not self.isVisible():
            return
        self.layout().activate()
        need = self._content_height(self.width())
        gained, self._fitted = need - self._fitted, max(self._fitted, need)
        room = available_geometry(self)
        if gained <= 0 or room is None:
            return
        height = min(self.height() + gained, room.height() - TITLE_BAR)
        if height > self.height():
            self.resize(self.width(), height)
            self._place(room, centred=False)

    def _place(self, room: QRect, *, centred: bool = True) -> None:
        """Centred on its window again at its new size, inside the screen's free area: Qt
        centred it at its first size, and it grew down past the bottom of the screen (640x643
        at y=91 on a 1280x720 screen without a window manager: "Sync now" and "Close" cut).
        Not `centred`: left where it is, only moved back inside the free area."""
        frame = self.frameGeometry()  # the title bar too, under a window manager
        frame.setSize(self.size().grownBy(self._frame_margins()))
        parent = self.parentWidget()
        if parent is not None and centred:
            frame.moveCenter(parent.window().frameGeometry().center())
        left = max(room.left(), min(frame.left(), room.right() + 1 - frame.width()))
        top = max(room.top(), min(frame.top(), room.bottom() + 1 - frame.height()))
        self.move(left, top)  # a window's position is its frame's

    def _frame_margins(self) -> QMargins:
        frame, inner = self.frameGeometry(), self.geometry()
        return QMargins(
            inner.left() - frame.left(),
            inner.top() - frame.top(),
            frame.right() - inner.right(),
            frame.bottom() - inner.bottom(),
        )

    # -- the lists ----------------------------------------------------------------------------

    def show_waiting(self, rows: list[tuple[str, int, int]]) -> None:
        """(name, waiting, refused) per row, the name whole in its tooltip (it may be elided)."""
        self.waiting.setRowCount(len(rows))
        locale = QLocale()  # 60,000 / 60 000: grouped as the interface's language does
        for index, (name, queued, poison) in enumerate(rows):
            counts = (locale.toString(queued), locale.toString(poison))
            for column, text in enumerate((name, *counts)):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setToolTip(plain_tooltip(name))  # a long name is elided
                self.waiting.setItem(index, column, item)
        self._fit_waiting()

    def _fit_waiting(self) -> None:
        """The waiting table as tall as its rows (one or two): its second row was cut off at
        1280x720, under a scroll bar, when the dialog had little room."""
        table = self.waiting
        rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
        rows = rows or table.verticalHeader().defaultSectionSize()  # an empty list keeps a line
        header = table.horizontalHeader().sizeHint().height()
        table.setFixedHeight(header + rows + 2 * table.frameWidth())

    def show_refused(self, rows: Sequence[tuple[str, Sequence[tuple[str, str]]]]) -> None:
        """(statement id, its three cells: profile, activity, reason, each as (text,
        tooltip)) per row; the id is kept for Copy and Send again. Its buttons act only on a
        list. None: the list, its title and buttons hide (the waiting table's Refused column
        says 0), because empty it took half a 480 px screen and pushed the account form out
        of sight."""
        self.refused.setRowCount(len(rows))
        for index, (statement_id, cells) in enumerate(rows):
            for column, (text, tip) in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(plain_tooltip(tip or text))  # a name, an answer: as written
                item.setData(Qt.ItemDataRole.UserRole, statement_id)
                self.refused.setItem(index, column, item)
        self.copy_button.setEnabled(bool(rows))
        self.resend_button.setEnabled(bool(rows))
        for widget in (self.refused_title, self.refused, self.resend_button, self.copy_button):
            widget.setVisible(bool(rows))

    def scroll_to_top(self, focused: QWidget | None) -> None:
        """The panel's first lines in sight (the state, and why it matters), and `focused`
        too, scrolled to no further than it needs."""
        self.content.layout().activate()
        self.scroll.verticalScrollBar().setValue(0)
        if focused is not None and self.content.isAncestorOf(focused):
            self._show_whole(focused)

    def chosen_refused(self) -> list[str]:
        """Statement ids of the selected rows, or of every row when none is selected."""
        rows = {i.row() for i in self.refused.selectedIndexes()} or set(
            range(self.refused.rowCount())
        )
        return [
            str(self.refused.item(row, 1).data(Qt.ItemDataRole.UserRole)) for row in sorted(rows)
        ]
