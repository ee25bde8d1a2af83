"""The keyboard in a question's inputs: arrows that choose in a radio list, keys eaten while
the question is read-only, and Enter for the page's main action. Pure decisions on one key
event; `QuestionWidget.eventFilter` applies them."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QWidget

# Up/Left go to the previous choice, Down/Right to the next.
ARROW_STEPS = {Qt.Key.Key_Up: -1, Qt.Key.Key_Left: -1, Qt.Key.Key_Down: 1, Qt.Key.Key_Right: 1}


def arrow_chooses(buttons: Sequence[QAbstractButton], watched: object, event: QEvent) -> bool:
    """An arrow in a radio list moves to the next choice AND chooses it, as on every desktop
    (Qt only does so from a checked radio: from none chosen, Down moved the focus alone and
    the question stayed "not answered"). At either end the key goes on (to scroll)."""
    if (
        watched not in buttons
        or event.type() != QEvent.Type.KeyPress
        or not isinstance(event, QKeyEvent)
        or event.modifiers()
        not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
    ):
        return False
    step = ARROW_STEPS.get(event.key())  # type: ignore[call-overload]
    if step is None:
        return False
    index = buttons.index(watched) + step  # type: ignore[arg-type]
    if not 0 <= index < len(buttons):
        return False
    button = buttons[index]
    button.setFocus(
        Qt.FocusReason.TabFocusReason if step > 0 else Qt.FocusReason.BacktabFocusReason
    )
    button.setChecked(True)
    return True


def read_only_blocks(
    buttons: Sequence[QAbstractButton],
    combos: Sequence[QComboBox],
    watched: object,
    event: QEvent,
) -> bool:
    """Read-only: what would change a choice is eaten, so the inputs can keep the focus
    (to be read, feedback included) without being disabled; arrows move between choices."""
    kind = event.type()
    if watched not in buttons and watched not in combos:
        return False
    if kind in (
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseButtonRelease,
    ):
        if kind == QEvent.Type.MouseButtonPress and isinstance(watched, QWidget):
            watched.setFocus(Qt.FocusReason.MouseFocusReason)
        return True
    if kind == QEvent.Type.Wheel:
        return True
    if kind != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
        return False
    key = event.key()
    if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Return, Qt.Key.Key_Enter):
        return False
    if watched in buttons:
        step = ARROW_STEPS
        if key in step:
            index = buttons.index(watched) + step[key]  # type: ignore[arg-type]
            if 0 <= index < len(buttons):
                buttons[index].setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        # Only Space and Select tick a box; PageDown, Home... go on to scroll the question.
        return key in (Qt.Key.Key_Space, Qt.Key.Key_Select)
    return True  # a list: nearly every key picks another item


def asks_main_action(watched: object, event: QEvent) -> bool:
    """Enter in an input: the page's main action (a line edit says so itself; an open list
    takes the Enter that picks its item)."""
    return (
        event.type() == QEvent.Type.KeyPress
        and isinstance(event, QKeyEvent)
        and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        and not isinstance(watched, QLineEdit)  # a line edit says so itself
        and not (isinstance(watched, QComboBox) and watched.view().isVisible())
    )
