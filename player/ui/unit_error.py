"""Shown in a course's content area in place of a unit that cannot be opened (`UnitError`).

Its words keep their translation context UnitError: the class and its name are unchanged.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from player.course.manifest import Unit
from player.ui.i18n import fill
from player.ui.menu_texts import diagnostics_place
from player.wording import isolated


class UnitError(QWidget):
    """Shown in the content area when a view could not even be created: a bug (logged, with
    its traceback) or a kind of unit this version cannot show. The learner reads what to do,
    never the exception's own English words."""

    completed = Signal()

    def __init__(
        self, unit: Unit, parent: QWidget | None, *, unsupported: bool, product: str
    ) -> None:
        super().__init__(parent)
        self.unit_id = unit.id
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if unsupported:
            text = fill(
                self.tr(
                    "%1 cannot be opened: this version of %2 does not know this kind of "
                    "unit. A newer version may show it."
                ),
                isolated(unit.title),
                isolated(product),
            )
        else:
            where, keys = diagnostics_place()
            text = fill(
                self.tr(
                    "%1 cannot be opened: %4 met a problem it did not expect. It is noted "
                    "in the diagnostic report (%2, %3): please copy it and send it to your "
                    "institution."
                ),
                isolated(unit.title),
                where,
                keys,
                isolated(product),
            )
        label = QLabel(text, self)
        label.setTextFormat(Qt.TextFormat.PlainText)  # a unit title is no markup
        label.setWordWrap(True)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label = label
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        self.setAccessibleName(label.text())

    def close_unit(self) -> None:
        pass
