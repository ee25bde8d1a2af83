"""The video view's keyboard shortcuts, as media players have them: Space/K play and pause,
Left/Right and J/L seek, Home/End, [ and ] for speed, Up/Down volume, M mute, C subtitles,
T the transcript, F and Esc fullscreen, Enter what the end of the file offers. The letters win
over a focused combo box's type-to-select, and Space over its opening (ListKeys): after a choice
in the speed, subtitles or quality list the focus stays there (a screen reader keeps its place,
Tab goes on from it), and Space still plays and pauses as the README and Help say; Alt+Down and
F4 open the list, as in every combo box."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from player.ui.video.seek_bar import SEEK_SHORT

if TYPE_CHECKING:
    from player.ui.video.view import VideoView

SEEK_LONG = 10.0

# Keys that win over a focused combo box's type-to-select, and Space over its popup: a closed
# list only (an open one has the keys).
_OVER_A_LIST = (
    Qt.Key.Key_Space,
    Qt.Key.Key_J,
    Qt.Key.Key_L,
    Qt.Key.Key_K,
    Qt.Key.Key_C,
    Qt.Key.Key_T,
    Qt.Key.Key_F,
)
_TEXT_OVER_A_LIST = ("[", "]", "m", "M")


def wins_over_a_list(event: QKeyEvent) -> bool:
    """A letter shortcut, taken from a focused combo box (which would pick an item with it), or
    Space (which would open its list: Alt+Down and F4 still do)."""
    return event.key() in _OVER_A_LIST or event.text() in _TEXT_OVER_A_LIST


class ListKeys(QObject):
    """Installed on `view`'s combo boxes: letter shortcuts win over their type-to-select, Space
    over their opening."""

    def __init__(self, view: VideoView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and wins_over_a_list(event)
            and self.view.handle_key(event)
        ):
            return True
        return super().eventFilter(watched, event)


def handle_key(view: VideoView, event: QKeyEvent) -> bool:
    """The view's shortcuts; False leaves the key to others (the shell's Alt+Left...). A video
    that cannot play keeps T: its transcript is what is left to the learner."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    plain = modifiers in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier)
    if plain and event.key() == Qt.Key.Key_T and view.transcript is not None:
        view.touch()
        view.show_transcript(not view.transcript_shown)
        return True
    if view.has_problem:
        return False
    text = event.text()
    if text in ("[", "]"):
        view.change_speed(-1 if text == "[" else 1)
        return True
    if not plain:
        return False
    key = Qt.Key
    actions: dict[Qt.Key, Callable[[], object]] = {
        key.Key_Space: view.toggle_play,
        key.Key_K: view.toggle_play,
        key.Key_Left: lambda: view.seek_by(-SEEK_SHORT),
        key.Key_Right: lambda: view.seek_by(SEEK_SHORT),
        key.Key_J: lambda: view.seek_by(-SEEK_LONG),
        key.Key_L: lambda: view.seek_by(SEEK_LONG),
        key.Key_Home: lambda: view.seek_to(0),
        key.Key_End: lambda: view.seek_to(view.seek_bar.maximum() / 1000),
        key.Key_C: view.toggle_captions,
        key.Key_F: lambda: view.set_fullscreen(not view.is_fullscreen),
        key.Key_M: view.toggle_mute,
        key.Key_Up: lambda: view.volume.setValue(view.volume.value() + 10),
        key.Key_Down: lambda: view.volume.setValue(view.volume.value() - 10),
    }
    if event.key() == key.Key_Escape and view.is_fullscreen:
        view.set_fullscreen(False)
        return True
    if event.key() in (key.Key_Return, key.Key_Enter) and view.end_offered:
        view.end_panel.default_button().click()  # Next (or Replay): what the end offers
        return True
    action = actions.get(key(event.key()))
    if action is None:
        return False
    view.touch()
    action()
    return True
