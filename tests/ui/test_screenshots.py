"""Screenshots of the whole window at 1280x720 for the README: the library, a video with
subtitles, the narrated slides and a reading, in French and in English.

They go to tests/.cache/screenshots/ (git-ignored), so a test run leaves the tracked files alone;
with CARTABLE_UPDATE_SCREENSHOTS=1 they replace the README's, in docs/screenshots/.

Each is taken after driving the app with the keyboard, as a learner would, so the pictures show
what a learner sees: the focus ring, the progress made, the resume banner.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.slides_view import SlidesView
from tests.support import ROOT
from tests.ui.conftest import HEIGHT, WIDTH
from tests.ui.unit_support import SCREENSHOTS

README_SHOTS = ROOT / "docs" / "screenshots"
LONG = 20_000
CAPTIONS = {"fr": "En français", "en": "In French"}


def shots_folder(environ: Mapping[str, str] = os.environ) -> Path:
    """The README's folder only when asked: a clean clone's test run must not modify it."""
    if environ.get("CARTABLE_UPDATE_SCREENSHOTS") == "1":
        return README_SHOTS
    return SCREENSHOTS


def save(window: MainWindow, name: str) -> Path:
    QApplication.processEvents()
    folder = shots_folder()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    image = window.grab().toImage()
    assert image.save(str(path)), path
    return path


def colourful(path: Path) -> bool:
    """Not a blank or single-colour picture."""
    image = QImage(str(path))
    seen = {
        image.pixel(x, y) for x in range(0, image.width(), 37) for y in range(0, image.height(), 23)
    }
    return len(seen) > 8


def key(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget()
    assert target is not None, "the keyboard always has somewhere to go"
    qtbot.keyClick(target, key, modifier)


def test_screenshots_go_to_the_readme_only_when_asked() -> None:
    assert shots_folder({}) == SCREENSHOTS
    assert shots_folder({"CARTABLE_UPDATE_SCREENSHOTS": "0"}) == SCREENSHOTS
    assert not SCREENSHOTS.is_relative_to(README_SHOTS.parent)
    assert shots_folder({"CARTABLE_UPDATE_SCREENSHOTS": "1"}) == README_SHOTS


@pytest.mark.parametrize("language", ["fr", "en"])
def test_screenshots(qtbot, window: MainWindow, services: ShellServices, language: str) -> None:  # type: ignore[no-untyped-def]
    assert (window.width(), window.height()) == (WIDTH, HEIGHT)
    profile = services.profiles.add("Awa", language)
    services.context.settings.last_profile = profile.id
    window.start()
    window.activateWindow()
    library = window.library_view
    assert library is not None
    library.cards.setFocus()
    key(qtbot, Qt.Key.Key_Return)
    course = window.course_view
    assert course is not None

    video = course.view
    assert video is not None and course.current_unit_id == "definition-video"
    qtbot.waitUntil(lambda: video.player.duration() > 0, timeout=LONG)  # type: ignore[attr-defined]
    video.seek_to(3.0)  # type: ignore[attr-defined]
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: video.current_time() > 3.3, timeout=LONG)  # type: ignore[attr-defined]
    key(qtbot, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not video.is_playing, timeout=LONG)  # type: ignore[attr-defined]
    assert video.caption_text().startswith(CAPTIONS[language])  # type: ignore[attr-defined]
    shots = [save(window, f"video-{language}.png")]

    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert course.current_unit_id == "definition-lecture"
    shots.append(save(window, f"reading-{language}.png"))

    key(qtbot, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert course.current_unit_id == "phenomene-diaporama"
    key(qtbot, Qt.Key.Key_PageDown)
    slides = course.view
    assert isinstance(slides, SlidesView)
    qtbot.waitUntil(slides.canvas.rendered, timeout=LONG)  # by Qt's thread, then painted
    shots.append(save(window, f"slides-{language}.png"))

    key(qtbot, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is library
    assert library.banner.isVisibleTo(library)
    shots.append(save(window, f"library-{language}.png"))

    for path in shots:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (WIDTH, HEIGHT), path
        assert colourful(path), path
