"""The box of every question whose answer counts (hand in the exam, start it, finish a quiz,
remove a course, delete a profile, quit with an exam running, trust a key, install unsigned…).

QMessageBox presses a button when its mnemonic letter is typed ALONE, no Alt: a bare "s" handed
in the exam ("&Submit"), a bare "f" finished the quiz ("&Finish"; "t" in French, « &Terminer »),
a letter typed for the page behind (the learner still typing an answer when the question came
up) was enough, and none of it can be undone. Here a letter or a digit typed alone does
nothing; Alt+letter still presses its button, Enter and Escape are unchanged, and so are Space
on the focused button and Ctrl+C (copy the text)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QMessageBox

DELIBERATE = (
    Qt.KeyboardModifier.AltModifier
    | Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.MetaModifier
)
"""A key held with one of these is a choice, never a letter typed: left to QMessageBox."""


def typed_alone(event: QKeyEvent) -> bool:
    """A letter or a digit typed without Alt, Ctrl or Meta (Shift is a capital, still typed)."""
    if event.modifiers() & DELIBERATE:
        return False
    key = event.key()
    ascii_key = Qt.Key.Key_0 <= key <= Qt.Key.Key_9 or Qt.Key.Key_A <= key <= Qt.Key.Key_Z
    return ascii_key or event.text().isalnum()


class QuestionBox(QMessageBox):
    """A QMessageBox whose buttons a letter typed alone never presses (see the top)."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if typed_alone(event):
            event.accept()  # taken here: not QMessageBox's "mnemonic without Alt"
            return
        super().keyPressEvent(event)
