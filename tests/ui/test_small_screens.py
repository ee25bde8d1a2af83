"""The old laptops many learners have: 1366x768 at 150 % display scaling is a window of 911x512
logical pixels (at 125 %, 1093x614). Layout sees logical pixels only, so these tests size the
window to them at scale 1; QT_SCALE_FACTOR itself is tested in test_shell_infra."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from player.ui.combo_popup import ChoiceBox
from player.ui.help_dialog import TITLE_BAR
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.slides_controls import NARRATION_LEAST
from player.ui.slides_view import SlidesView
from player.ui.video.controls import VOLUME_LEAST, CompactToolButton
from player.ui.video.placement import PICTURE_LEAST_OVER_TEXT
from player.ui.video.transcript_panel import READABLE_CHARS, READABLE_LINES, TranscriptPanel
from player.ui.video.view import VideoView
from tests.support import ROOT
from tests.ui.conftest import HEIGHT, WIDTH
from tests.ui.unit_support import screenshot

SMALL = (911, 512)  # 1366x768 at 150 %
AT_125 = (1093, 614)  # 1366x768 at 125 %


def _french_video(qtbot, window: MainWindow, services: ShellServices) -> VideoView:  # type: ignore[no-untyped-def]
    return _video_in(qtbot, window, services, "fr")


def _video_in(qtbot, window: MainWindow, services: ShellServices, language: str) -> VideoView:  # type: ignore[no-untyped-def]
    profile = services.profiles.add("Awa", language)
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
    cut = [box.accessibleName() for box in view.controls.findChildren(ChoiceBox) if box.elided()]
    assert not cut, cut  # a choice is never cut: the transcript button's word goes first
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


def _resized(qtbot, window: MainWindow, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    qtbot.wait(1)  # the layouts settle


def _readable(panel: TranscriptPanel) -> int:
    """READABLE_CHARS of the transcript's text: the least width it may get."""
    return READABLE_CHARS * panel.browser.fontMetrics().averageCharWidth()


def _under_the_video(view: VideoView, panel: TranscriptPanel) -> bool:
    return (
        not view.aside_beside
        and panel.y() >= view.stage.geometry().bottom()
        and panel.geometry().bottom() <= view.height()
    )


def _beside_the_video(view: VideoView, panel: TranscriptPanel) -> bool:
    return (
        view.aside_beside
        and panel.x() >= view.stage.geometry().right()
        and panel.geometry().right() <= view.width()
    )


def test_the_transcript_goes_under_the_video_on_1366x768_at_150_and_125_percent(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Beside the picture, the transcript asked 14 px more than the window has at 150 % (the
    window grew past the screen's edge) and got 113 px, its heading one syllable a line (165
    px at 125 %). Where a third of the view is too narrow to read it goes under the picture,
    and back beside it when the window grows."""
    view = _french_video(qtbot, window, services)
    panel, button = view.transcript, view.transcript_button
    assert panel is not None and button is not None
    for size in (SMALL, AT_125):
        _resized(qtbot, window, size)
        button.click()
        assert view.transcript_shown
        qtbot.waitUntil(lambda: _under_the_video(view, panel))
        assert window.minimumSizeHint().width() <= size[0], window.minimumSizeHint()
        assert window.minimumSizeHint().height() <= size[1], window.minimumSizeHint()
        assert window.size().toTuple() == size
        assert panel.width() >= _readable(panel), panel.width()
        assert view.stage.geometry().right() <= view.width()
        screenshot(window, f"video-transcript-fr-{size[0]}x{size[1]}.png")
        button.click()
        assert not view.transcript_shown
    button.click()
    _resized(qtbot, window, (WIDTH, HEIGHT))
    qtbot.waitUntil(lambda: _beside_the_video(view, panel))
    _resized(qtbot, window, SMALL)
    qtbot.waitUntil(lambda: _under_the_video(view, panel))
    assert window.size().toTuple() == SMALL


def test_at_1280x720_the_transcript_stays_beside_the_video(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    view = _french_video(qtbot, window, services)
    panel = view.transcript
    assert panel is not None
    _resized(qtbot, window, (WIDTH, HEIGHT))
    view.show_transcript(True)
    qtbot.waitUntil(lambda: _beside_the_video(view, panel))
    assert panel.width() >= _readable(panel), panel.width()
    screenshot(window, f"video-transcript-fr-{WIDTH}x{HEIGHT}.png")


def _cut_controls(view: VideoView) -> list[str]:
    """The video's controls whose words do not show whole: a drop-down list's choice ending in
    "…", the transcript button down to its icon, a button or a label under its size."""
    cut = []
    for widget in view.controls.findChildren(QWidget):
        if not widget.isVisible():
            continue
        name = widget.accessibleName() or type(widget).__name__
        if isinstance(widget, ChoiceBox):
            if widget.elided():
                cut.append(f"{name}: {widget.shown_text()!r}")
        elif isinstance(widget, CompactToolButton):
            if widget.toolButtonStyle() != Qt.ToolButtonStyle.ToolButtonTextBesideIcon:
                cut.append(f"{name}: its icon alone")
        elif (
            isinstance(widget, (QAbstractButton, QLabel))
            and widget.width() < widget.sizeHint().width()
        ):
            cut.append(f"{name}: {widget.width()} px of {widget.sizeHint().width()}")
    return cut


def _whole(view: VideoView) -> Callable[[], None]:
    """For qtbot.waitUntil: every control of `view` shows its words (the layouts settle level
    by level); on timeout, the last assertion names the cut ones."""

    def check() -> None:
        cut = _cut_controls(view)
        assert not cut, cut

    return check


@pytest.mark.parametrize("language", ["en", "fr"])
def test_at_1280x720_with_the_transcript_every_control_shows_its_words(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, language: str
) -> None:
    """With the transcript beside the picture, its third left the controls 631 px of the 744
    they asked (English): the quality read "72…" and the Transcript button lost its word. The
    icon buttons are square now (47 px each before), the volume slider narrows first, and the
    transcript yields width, down to the least it reads well at."""
    view = _video_in(qtbot, window, services, language)
    panel = view.transcript
    assert panel is not None
    _resized(qtbot, window, (WIDTH, HEIGHT))
    _whole(view)()
    view.show_transcript(True)
    qtbot.waitUntil(lambda: _beside_the_video(view, panel))
    qtbot.waitUntil(_whole(view))
    qtbot.wait(20)
    _whole(view)()
    assert view.quality.shown_text() == "720p"
    # The transcript has all the room the words leave: no blank in the row (there was 34 px)
    blank = view.speed.x() - view.progress_label.geometry().right()
    assert blank == view.volume.x() - view.mute_button.geometry().right(), blank
    assert view.volume.width() == VOLUME_LEAST
    assert panel.width() >= _readable(panel), panel.width()
    assert view.controls.geometry().right() <= view.stage.width()
    screenshot(window, f"video-transcript-controls-{language}-{WIDTH}x{HEIGHT}.png")


def test_the_controls_stay_whole_when_the_language_changes_with_the_transcript_open(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """French words are longer ("Sans sous-titres", "Transcription"): the row, the
    subtitles box and the transcript's width follow a change of language made while open."""
    view = _video_in(qtbot, window, services, "en")
    panel = view.transcript
    assert panel is not None and window.session is not None
    _resized(qtbot, window, (WIDTH, HEIGHT))
    view.show_transcript(True)
    view.set_captions("")
    qtbot.waitUntil(lambda: _beside_the_video(view, panel))
    english = view.captions.width()
    window._profile_changed(services.profiles.set_language(window.session.profile_id, "fr"))
    qtbot.waitUntil(lambda: view.captions.currentText() == "Sans sous-titres")
    qtbot.waitUntil(lambda: view.captions.width() > english)
    qtbot.waitUntil(_whole(view))
    assert _beside_the_video(view, panel) and panel.width() >= _readable(panel)


def test_a_larger_text_size_takes_the_transcript_under_the_video_when_too_narrow(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Larger text reads fewer characters a line in the same width: the room it needs grows."""
    view = _french_video(qtbot, window, services)
    panel = view.transcript
    assert panel is not None
    _resized(qtbot, window, (WIDTH, HEIGHT))
    view.show_transcript(True)
    qtbot.waitUntil(lambda: _beside_the_video(view, panel))
    while view.aside_beside:
        before = panel.browser.font().pointSizeF()
        panel.change_text_size(1)
        assert panel.browser.font().pointSizeF() > before, "the largest size still fits beside"
    qtbot.waitUntil(lambda: _under_the_video(view, panel))
    assert panel.width() >= _readable(panel)
    panel.change_text_size(0)
    qtbot.waitUntil(lambda: _beside_the_video(view, panel))


def test_in_full_screen_the_transcript_is_beside_the_picture_and_under_it_after(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    view = _french_video(qtbot, window, services)
    panel = view.transcript
    assert panel is not None
    _resized(qtbot, window, SMALL)
    view.show_transcript(True)
    qtbot.waitUntil(lambda: _under_the_video(view, panel))
    view.set_fullscreen(True)
    qtbot.waitUntil(lambda: view.stage.isFullScreen())
    qtbot.waitUntil(lambda: panel.isVisible() and panel.width() > 0)
    assert panel.window() is view.stage
    assert panel.x() >= view.surface.geometry().right()
    view.set_fullscreen(False)
    qtbot.waitUntil(lambda: _under_the_video(view, panel))
    assert panel.window() is window and panel.isVisible()


AT_150 = """
import json, os, sys
config = os.path.join(sys.argv[1], "screen.json")
with open(config, "w") as f:
    json.dump({{"screens": [{{"name": "laptop", "x": 0, "y": 0, "width": 1366, "height": 768,
               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}}]}}, f)
os.environ["QT_QPA_PLATFORM"] = "offscreen:configfile=" + config
os.environ["QT_SCALE_FACTOR"] = "1.5"
sys.path.insert(0, {root!r})
from PySide6.QtWidgets import QApplication
from player.app import build_services
from player.paths import user_paths
from player.ui.combo_popup import ChoiceBox
from player.ui.help_dialog import TITLE_BAR
from player.ui.main_window import MainWindow
from player.ui.tasks import SyncRunner
from player.ui.theme import Theme
app = QApplication([])
services = build_services(app, user_paths().ensure(), SyncRunner(), backup_every=None)
Theme(app)
window = MainWindow(services)
window.resize(911, 512)
window.show()
window.show_help()
app.processEvents()
room = app.primaryScreen().availableGeometry()
print(room.width(), room.height(), window.help_dialog.width(), window.help_dialog.height())
window.help_dialog.close()
services.store.close()
"""


def test_help_fits_1366x768_at_150_percent(tmp_path: Path) -> None:
    """Help opened 36 lines tall (504 px), its Close button and its title bar past the bottom
    of a 512 px screen; it now leaves the screen room for its frame."""
    env = {**os.environ, "CARTABLE_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-c", AT_150.format(root=str(ROOT)), str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    room_w, room_h, width, height = (int(n) for n in result.stdout.split()[-4:])
    assert (room_w, room_h) == SMALL
    assert width <= room_w and height <= room_h - TITLE_BAR, (width, height)


AT_150_720 = (853, 480)  # 1280x720 at 150 %


def test_the_narration_bar_keeps_a_usable_width_at_1280x720_at_150_percent(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Beside the page buttons, the time, the speed and the zoom buttons the narration bar
    shrank to 15 px, its knob alone. Where it would be narrower than NARRATION_LEAST the
    narration's controls take a row of their own above the others; at 1280x720 they share one."""
    profile = services.profiles.add("Awa", "en")
    services.context.settings.last_profile = profile.id
    window.start()
    window.open_course("les-mooc", "phenomene-diaporama")
    assert window.course_view is not None
    view = window.course_view.view
    assert isinstance(view, SlidesView)
    bar, page_button = view.narration_bar, view.previous_button

    def rows() -> int:
        top = page_button.mapTo(view, QPoint(0, 0)).y()
        return 1 if bar.mapTo(view, bar.rect().center()).y() >= top else 2

    _resized(qtbot, window, AT_150_720)
    assert window.minimumSizeHint().width() <= AT_150_720[0], window.minimumSizeHint()
    assert window.size().toTuple() == AT_150_720
    qtbot.waitUntil(lambda: rows() == 2)
    assert bar.width() >= NARRATION_LEAST, bar.width()
    controls = view.control_bar.findChildren(QWidget)
    cut = [
        w.accessibleName() or type(w).__name__
        for w in controls
        if w.isVisible()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and (
            w.width() < w.minimumSizeHint().width()
            or not view.rect().contains(QRect(w.mapTo(view, QPoint(0, 0)), w.size()))
        )
    ]
    assert not cut, cut
    screenshot(window, f"slides-en-{AT_150_720[0]}x{AT_150_720[1]}.png")
    _resized(qtbot, window, (WIDTH, HEIGHT))
    qtbot.waitUntil(lambda: rows() == 1)
    assert bar.width() >= NARRATION_LEAST, bar.width()


def test_the_transcript_under_the_video_shows_five_lines_at_1280x720_at_150_percent(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Under the picture at 853x480 the transcript's text got 103 px here, a line and a half
    under its heading in the audit's window (status bar and frame), the picture keeping its
    180 px. The picture now shrinks first (to 90 px at least): the
    transcript's text shows READABLE_LINES at the normal size, at every text size, and
    neither the transcript nor a larger text makes the window taller."""
    view = _french_video(qtbot, window, services)
    panel = view.transcript
    assert panel is not None
    browser = panel.browser
    _resized(qtbot, window, AT_150_720)
    alone = view.surface.height()
    view.show_transcript(True)
    qtbot.waitUntil(lambda: _under_the_video(view, panel))
    text = READABLE_LINES * browser.fontMetrics().lineSpacing()
    least = text + 2 * browser.document().documentMargin() + 2 * browser.frameWidth()
    qtbot.waitUntil(lambda: browser.height() >= least)
    assert view.surface.height() >= PICTURE_LEAST_OVER_TEXT
    screenshot(window, f"video-transcript-fr-{AT_150_720[0]}x{AT_150_720[1]}.png")
    for _ in range(8):  # up to the largest text size
        panel.change_text_size(1)
        qtbot.wait(1)
        assert browser.height() >= least
    assert window.size().toTuple() == AT_150_720
    panel.change_text_size(0)
    view.show_transcript(False)
    qtbot.waitUntil(lambda: view.surface.height() == alone)
