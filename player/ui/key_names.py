"""A key's name as the interface's language writes it, for a tooltip's "(key)": Qt translates
its key names with its own catalog (« Échap », « Maj+F3 », « Page préc » in French) and writes
them as the system does (⌘ on macOS). Asked again on each retranslate."""

from __future__ import annotations

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeySequence


def key_name(keys: QKeySequence | QKeySequence.StandardKey | QKeyCombination | Qt.Key) -> str:
    """`keys` in the interface's language: Qt.Key.Key_Escape, "Échap" in French."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
