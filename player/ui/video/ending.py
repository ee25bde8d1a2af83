"""The end of the video: once the file has played to its end, the picture offers Replay and
Next: <the next unit> (end_panel.py), the keyboard on the offer if it was on the video; it never
moves on by itself. Next opens the unit through the shell, as the course view's Next
(Alt+Right) does; playing or seeking before the end withdraws the offer.

Apart from view.py so that the view holds the picture, its controls and their words (the
buttons' texts are the view's, context "VideoView"), and this when the offer shows and what its
buttons do.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from player.course.manifest import Course, Unit

if TYPE_CHECKING:
    from player.ui.video.view import VideoView


def next_unit(course: Course, unit: Unit) -> Unit | None:
    """The unit after `unit` in the course's order (the course view's Next, Alt+Right)."""
    units = [u for _, u in course.units()]
    ids = [u.id for u in units]
    index = ids.index(unit.id) + 1 if unit.id in ids else len(units)
    return units[index] if index < len(units) else None


class Ending(QObject):
    """`view`'s end panel: when it shows, and its buttons' actions."""

    def __init__(self, view: VideoView) -> None:
        super().__init__(view)
        self.view = view
        self.panel = view.end_panel
        self.panel.replay_button.clicked.connect(self.replay)
        self.panel.next_button.clicked.connect(self.open_next)

    @property
    def offered(self) -> bool:
        return self.panel.isVisible()

    def offer(self) -> None:
        """The file played to its end: Replay, and Next: <title> (the keyboard on it if it was
        on the video); never moves on by itself."""
        focus = QApplication.focusWidget()
        self.panel.offer(with_next=self.view.next_unit is not None)
        if focus is None or self.view.stage.isAncestorOf(focus):
            self.panel.default_button().setFocus()

    def withdraw(self) -> None:
        if not self.panel.isVisible():
            return
        had_focus = self.panel.isAncestorOf(QApplication.focusWidget())
        self.panel.hide()
        if had_focus:
            self.view.surface.setFocus()

    def replay(self) -> None:
        """From the start again (a seek to 0:00, then play, as the learner would do)."""
        self.view.touch()
        self.withdraw()
        self.view.seek_to(0)
        self.view.play()

    def open_next(self) -> None:
        """The next unit of the course, as the shell's Next (Alt+Right) opens it."""
        view = self.view
        if view.next_unit is not None:
            view.touch()
            view.services.open_unit(view.next_unit.id)
