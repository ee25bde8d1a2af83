"""The old laptops many learners have: 1366x768 at 150 % display scaling is a window of 911x512
logical pixels (at 125 %, 1093x614). Layout sees logical pixels only, so these tests size the
window to them at scale 1; QT_SCALE_FACTOR itself is tested in test_shell_infra."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.video.controls import VOLUME_LEAST
from player.ui.video.view import VideoView
from tests.ui.conftest import HEIGHT, WIDTH

SMALL = (911, 512)  # 1366x768 at 150 %


def _french_video(qtbot, window: MainWindow, services: ShellServices) -> VideoView:  # type: ignore[no-untyped-def]
    profile = services.profiles.add("Awa", "fr")
    services.context.settings.last_profile = profile.id
    window.start()
    window.open_course("les-mooc", "definition-video")
    assert window.course_view is not None
    view = window.course_view.view
    assert isinstance(view, VideoView)
    qtbot.wait(20)  # the page's layouts settle
    return view


def test_the_video_page_fits_1366x768_at_150_percent_in_french(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """The video's control row asked 740 px, so the course page 942: at 150 % the window grew
    past the screen's right edge, fullscreen and quality cut off. The volume slider narrows and
    the transcript button keeps only its icon when the row is tight."""
    view = _french_video(qtbot, window, services)
    assert window.minimumSizeHint().width() <= SMALL[0], window.minimumSizeHint()
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: window.size().toTuple() == SMALL)
    qtbot.wait(1)
    cut = [
        b.accessibleName() or b.text()
        for b in view.findChildren(QAbstractButton)
        if b.isVisible() and b.width() < b.minimumSizeHint().width()
    ]
    assert not cut, cut
    controls = view.controls
    assert controls.geometry().right() <= view.width()
    button = view.transcript_button
    assert button is not None
    assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
    assert button.accessibleName() == "Transcription" and button.toolTip()


def test_the_transcript_button_shows_its_word_when_there_is_room(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    view = _french_video(qtbot, window, services)
    window.resize(WIDTH, HEIGHT)
    button = view.transcript_button
    assert button is not None
    qtbot.waitUntil(lambda: button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    assert button.width() >= button.sizeHint().width()
    assert view.volume.width() > VOLUME_LEAST
