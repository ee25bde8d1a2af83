"""The playback speeds a learner picks from, the same for a video and a deck's narration (one
preference follows them from unit to unit: `PlaybackPreferences.speed`)."""

from __future__ import annotations

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

from player.ui.combo_popup import ChoiceBox

SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 1.75, 2.0)


class SpeedBox(ChoiceBox):
    """The speeds as "1.5×" in the interface's number format; `[` and `]` step through them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        locale = QLocale()
        for speed in SPEEDS:
            self.addItem(locale.toString(speed) + "\u00d7", speed)

    @property
    def value(self) -> float:
        return SPEEDS[self.currentIndex()]

    def select(self, speed: float) -> float:
        """Show the listed speed nearest `speed` (a saved preference); returns it."""
        nearest = min(SPEEDS, key=lambda s: abs(s - speed))
        self.setCurrentIndex(SPEEDS.index(nearest))
        return nearest

    def step(self, steps: int) -> None:
        self.setCurrentIndex(min(max(self.currentIndex() + steps, 0), len(SPEEDS) - 1))
