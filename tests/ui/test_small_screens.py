"""The old laptops many learners have: 1366x768 at 150 % display scaling is a window of 911x512
logical pixels (at 125 %, 1093x614). Layout sees logical pixels only, so these tests size the
window to them at scale 1; QT_SCALE_FACTOR itself is tested in test_shell_infra."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton

from player.ui.help_dialog import TITLE_BAR
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.video.controls import VOLUME_LEAST
from player.ui.video.view import VideoView
from tests.support import ROOT
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
