"""Where the video's picture and transcript are. The transcript shows or hides as the learner
chooses (T, its button), the choice kept with the profile for the next video that has one, read
the first time it shows, the keyboard back on the picture when it hides from under it. The
picture with its controls (the stage) goes to a full-screen window of its own and back, the
transcript with it, shown or not. Under the picture, the transcript takes height from it.

Apart from view.py so that the view holds the picture, its controls and their words (the
buttons' texts are the view's, context "VideoView"), and this which of them shows where.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from player.ui.video.surface import PICTURE_LEAST

if TYPE_CHECKING:
    from player.ui.video.view import VideoView

PICTURE_LEAST_OVER_TEXT = 90  # px: the picture's least height with the transcript under it


class TranscriptPlacement(QObject):
    """`view`'s transcript shown or not, and its stage in full screen or not."""

    def __init__(self, view: VideoView) -> None:
        super().__init__(view)
        self.view = view
        self.full_screen = False

    def least_picture_height(self) -> int:
        """Under the picture, the transcript gets its READABLE_LINES and the picture shrinks
        for them, down to PICTURE_LEAST_OVER_TEXT (at 853x480 the picture kept all the height)."""
        view = self.view
        under = view.transcript is not None and not view.aside_beside and not self.full_screen
        return PICTURE_LEAST_OVER_TEXT if under else PICTURE_LEAST.height()

    @property
    def transcript_shown(self) -> bool:
        transcript = self.view.transcript
        return transcript is not None and not transcript.isHidden()

    def show_transcript(self, on: bool, *, remember: bool = True) -> None:
        """Show or hide the transcript by the picture (read the first time it shows); the
        learner's choice is kept with the profile, for the next video that has one."""
        view = self.view
        transcript, button = view.transcript, view.transcript_button
        if transcript is None or button is None:
            return
        if remember:
            view.touch()
            view.prefs.transcript = on
        if on == self.transcript_shown:
            return
        button.blockSignals(True)
        button.setChecked(on)
        button.blockSignals(False)
        transcript.setVisible(on)
        if on:
            transcript.load()
        elif (focus := QApplication.focusWidget()) and transcript.isAncestorOf(focus):
            view.setFocus()  # the keyboard back on the picture (or the problem's button)

    def set_full_screen(self, on: bool) -> None:
        """The stage (picture and controls) becomes a full-screen window of its own, and back.
        The transcript goes with it, beside the picture, shown or not: T and its
        button, in that window, must show and hide something the learner can see."""
        if on == self.full_screen:
            return
        self.full_screen = on
        view = self.view
        shown = self.transcript_shown  # moving a widget hides it
        if on:
            view.stage.enter_full_screen(view.transcript)
        else:
            view.stage.leave_full_screen(view.transcript)
        if view.transcript is not None:
            view.transcript.setVisible(shown)
            QWidget.setTabOrder(view.fullscreen_button, view.transcript.browser)
        view.surface.setFocus()
        view.update_buttons()
