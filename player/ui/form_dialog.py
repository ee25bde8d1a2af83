"""A small question window with a few fields (`FormDialog`): names, PINs, a choice in a list.
What is typed is checked when the learner accepts; what is wrong is said in the window and the
cursor goes back to the field at fault (`Problem`), the window staying open. The profiles dialog
asks every one of its questions with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from player.ui.combo_popup import ChoiceBox
from player.ui.i18n import title_part
from player.ui.layouts import nested
from player.ui.screens import available_geometry

NAME_FIELD_CHARS = 30  # a name field shows this many average characters, more when wider
MESSAGE_CHARS = 70  # a long message wraps at about this many average characters, not fewer
# Lines' height beside a title bar's text: the window's icon and buttons, the gaps between.
# Openbox (Clearlooks, at 1280x720) kept 113 px of a form's width for them, 14 px lines: at 6
# the title read « Supprimer A… e — Cartable » and « Importer un suivi d'ap…entissage ».
TITLE_BAR_CONTROLS = 9
TITLE_SEPARATOR = " \u2014 "  # between a title and the product's name Qt adds (X11, Wayland)


def title_bar_width(widget: QWidget, title: str) -> int:
    """About what a title bar needs to show `title` whole: the window manager draws it bold (at
    the application's font, as a rule), after it the product's name Qt adds
    (QPlatformWindow::formatWindowTitle), beside it the window's icon and buttons. Narrower,
    « Importer un suivi d'apprentissage — Cartable » read « Importer un suivi … tissage »."""
    display = QGuiApplication.applicationDisplayName()
    if display and not title.endswith(display):
        title = f"{title}{TITLE_SEPARATOR}{display}" if title else display
    font = QFont(widget.font())
    font.setBold(True)
    metrics = QFontMetrics(font)
    return metrics.horizontalAdvance(title) + TITLE_BAR_CONTROLS * metrics.height()


@dataclass(frozen=True)
class Field:
    label: str
    secret: bool = False  # a PIN: hidden, digits only
    value: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (shown, data): a combo box instead


@dataclass(frozen=True)
class Problem:
    """What is wrong in a form, and the field (its index) the cursor goes back to."""

    text: str
    field: int = 0


def _mnemonic_free(label: str) -> str:
    """A label as read: "&PIN of A&&B:" -> "PIN of A&B"."""
    return re.sub(r"&(.)", r"\1", label).rstrip(":\u00a0 ")


class FormDialog(QDialog):
    """A question with a few fields; `check(values)` says what is wrong ("" accepts), as text
    (the cursor goes to the first field) or as a `Problem` naming the field."""

    def __init__(
        self,
        parent: QWidget,
        title: str,
        message: str,
        fields: list[Field],
        accept_text: str,
        check: Callable[[list[str]], str | Problem],
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title_part(title))  # "Delete %1": a name's "[*]" kept
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.check: Callable[[list[str]], str | Problem] | None = check
        layout = QVBoxLayout(self)
        # Plain text: the message and labels quote profiles' names, where a tag is text.
        self.message = QLabel(message, self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        form = nested(layout, QFormLayout())
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.inputs: list[QLineEdit | QComboBox] = []
        for field in fields:
            widget: QLineEdit | QComboBox
            if field.choices:
                widget = ChoiceBox(self)  # its list as wide as its longest choice
                for shown, data in field.choices:
                    widget.addItem(shown, data)
                widget.setCurrentIndex(max(0, widget.findData(field.value)))
            else:
                widget = QLineEdit(field.value, self)
                if field.secret:
                    widget.setEchoMode(QLineEdit.EchoMode.Password)
                    widget.setMaxLength(4)
                    widget.setValidator(
                        QRegularExpressionValidator(QRegularExpression("[0-9]{0,4}"), widget)
                    )
                else:
                    # a name takes any length: one too long is refused with why, never cut
                    # short; room for a long one to be read, and more with the window
                    widget.setMinimumWidth(
                        widget.fontMetrics().averageCharWidth() * NAME_FIELD_CHARS
                    )
            label = QLabel(field.label, self)
            label.setTextFormat(Qt.TextFormat.PlainText)  # its "&" still marks the Alt key
            label.setBuddy(widget)
            widget.setAccessibleName(_mnemonic_free(field.label))
            form.addRow(label, widget)
            self.inputs.append(widget)
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        self.ok = self.buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        # As wide as its title, and a long message wrapped at MESSAGE_CHARS (at the title's
        # width alone, the delete question took six short lines), the message as wide as the
        # window (it wraps): within the screen.
        margins = layout.contentsMargins()
        metrics = self.message.fontMetrics()
        lines = min(metrics.horizontalAdvance(message), metrics.averageCharWidth() * MESSAGE_CHARS)
        wide = max(title_bar_width(self, title) - margins.left() - margins.right(), lines)
        room = available_geometry(parent)
        if room is not None:
            wide = min(wide, room.width() * 9 // 10)
        self.message.setMinimumWidth(max(0, wide))
        if self.inputs:
            self.inputs[0].setFocus()

    def values(self) -> list[str]:
        return [str(w.currentData()) if isinstance(w, QComboBox) else w.text() for w in self.inputs]

    def accept(self) -> None:
        if self.check is None:  # closed already
            return
        problem = self.check(self.values())
        if isinstance(problem, str):
            problem = Problem(problem)
        if problem.text:
            self.error.setText(problem.text)
            self.error.show()
            self.error.setAccessibleName(problem.text)
            for widget in self.inputs:
                if (
                    isinstance(widget, QLineEdit)
                    and widget.echoMode() == QLineEdit.EchoMode.Password
                ):
                    widget.clear()
            if self.inputs:
                self.inputs[min(problem.field, len(self.inputs) - 1)].setFocus()
            self.fit()
            return
        super().accept()

    def done(self, result: int) -> None:
        """Closed: `check` let go now. It holds the parent (its closures do): dropped only
        with this form's deletion, it was a parent of its own's last reference, which then
        deleted the parent and this form a second time (a crash)."""
        self.check = None
        super().done(result)

    def fit(self) -> None:
        """Tall enough for every line at the present width (a message that appears wraps its
        lines and the intro's; without this they were clipped and the buttons cut), within the
        screen. Only ever grows: a learner's own resize is kept."""
        layout = self.layout()
        layout.activate()
        width = max(self.width(), layout.minimumSize().width())
        needed = (
            layout.totalHeightForWidth(width)
            if layout.hasHeightForWidth()
            else layout.totalMinimumSize().height()
        )
        height = max(self.height(), needed)
        room = available_geometry(self)
        if room is not None:
            width = min(width, room.width())
            height = min(height, room.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(width, height)
