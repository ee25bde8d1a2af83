"""The video's Transcript button (a tool button, its text beside its icon) leaves as much room
between its icon and its text as the video's push buttons with both do (Replay, Next): its
icon touched "Transcription" (keyboard-only audit, French, 1280x720)."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractButton, QApplication

from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.video.view import VideoView
from tests.ui.test_shell import DEMO, course, studying


def icon_to_text(button: QAbstractButton) -> int:
    """Blank columns between the icon's last drawn column and the text's first, inside the
    button's border and focus ring; blank: the button's own colour (plain, or the accent of
    Next) from top to bottom."""
    image = button.grab().toImage()
    rows = range(6, image.height() - 6)
    middle = image.height() // 2
    background = Counter(image.pixel(x, middle) for x in range(image.width())).most_common(1)
    back = QColor.fromRgb(background[0][0])

    def ink(x: int) -> bool:
        def far(color: QColor) -> bool:
            return (
                abs(color.red() - back.red())
                + abs(color.green() - back.green())
                + abs(color.blue() - back.blue())
                > 150
            )

        return any(far(image.pixelColor(x, y)) for y in rows)

    columns = [x for x in range(6, image.width() - 6) if ink(x)]
    assert columns, "nothing drawn"
    runs: list[list[int]] = []  # the drawn columns, in runs without a blank between them
    for x in columns:
        if runs and runs[-1][-1] == x - 1:
            runs[-1].append(x)
        else:
            runs.append([x])
    assert len(runs) >= 2, f"icon and text both drawn: {runs}"
    return runs[1][0] - runs[0][-1] - 1


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_transcript_button_spaces_its_icon_as_replay_and_next_do(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, lang: str
) -> None:
    studying(window, services, lang=lang)
    window.open_course(DEMO, "definition-video")
    view = course(window).view
    assert isinstance(view, VideoView) and view.transcript_button is not None
    transcript = view.transcript_button
    view.end_panel.offer(with_next=True)
    QApplication.processEvents()
    assert transcript.isVisible() and transcript.text() in ("Transcript", "Transcription")
    replay, following = view.end_panel.replay_button, view.end_panel.next_button
    # their icons are drawn a pixel narrower or wider inside their squares: 4 and 5 here
    spaced = sorted({icon_to_text(replay), icon_to_text(following)})
    assert spaced[-1] - spaced[0] <= 1, spaced
    assert spaced[0] <= icon_to_text(transcript) <= spaced[-1], spaced
