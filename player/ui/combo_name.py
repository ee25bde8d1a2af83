"""Names a drop-down list for screen readers on every platform.

On Linux (AT-SPI) Qt reports a QComboBox's current value as its name and ignores its
accessibleName ("on Linux we use relations for this", QAccessibleComboBox::text): Orca said "1×"
for the playback speed. What names it there is a QLabel whose buddy it is, which Qt hands on as
the combo's labelled-by relation, hidden or not. Windows and macOS read the accessibleName."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

_LABEL = "comboName"  # objectName of the hidden label, one per combo


def name_combo(combo: QComboBox, name: str) -> None:
    """Give `combo` the name `name` (plain text; again on a language change updates it): its
    accessibleName and a hidden buddy label beside it, made the first time."""
    parent = combo.parentWidget()
    if parent is None:
        raise ValueError("name_combo: the combo box needs a parent to hold its label")
    label = next(
        (
            child
            for child in parent.findChildren(
                QLabel, _LABEL, Qt.FindChildOption.FindDirectChildrenOnly
            )
            if child.buddy() is combo
        ),
        None,
    )
    if label is None:
        label = QLabel(parent)
        label.setObjectName(_LABEL)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setBuddy(combo)
        label.hide()
    label.setText(name.replace("&", "&&"))  # a buddy's "&" would be an Alt key, not a letter
    label.setAccessibleName(name)
    combo.setAccessibleName(name)
