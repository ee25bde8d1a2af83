"""The video view on files that do not play as the course says: real media cut short or
otherwise altered, played through QtMultimedia's FFmpeg backend (offscreen), real records."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtMultimedia import QMediaPlayer

from player.course.manifest import Course, FileRef, VideoUnit
from player.library.library import Library
from player.ui.unit_view import PlaybackPreferences
from player.ui.video.view import VideoView
from tests.ui.unit_support import Shell, dispose, install_demo, open_store

UNIT = "definition-video"
LONG = 60_000  # ms: generous, the machine may be slow; never a timing assertion


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Course]:
    return install_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def shell(demo: tuple[Library, Course], tmp_path: Path) -> Shell:
    library, course = demo
    return Shell(library, course, open_store(tmp_path / "store"))


OpenWith = Callable[..., VideoView]


@pytest.fixture
def open_with(qtbot, shell: Shell) -> Iterator[OpenWith]:  # type: ignore[no-untyped-def]
    """The demo's video unit playing `data` as its only variant (the course's hash of it)."""
    views: list[VideoView] = []

    def make(data: bytes, folder: Path, **unit_changes: object) -> VideoView:
        path = folder / "video.mp4"
        path.write_bytes(data)
        digest = hashlib.sha256(data).hexdigest()
        unit = shell.course.unit(UNIT)
        assert isinstance(unit, VideoUnit)
        variant = dataclasses.replace(
            unit.variants[0], file=FileRef(digest, len(data), "video/mp4")
        )
        changed = dataclasses.replace(unit, variants=(variant,), **unit_changes)
        library = shell.library
        services = shell.services(
            blob_path=lambda sha: path if sha == digest else library.blob_path(sha),
            playback=PlaybackPreferences(speed=2.0),
        )
        view = VideoView(changed, shell.course, services)
        view.resize(960, 600)
        view.show()
        qtbot.waitExposed(view)
        views.append(view)
        return view

    yield make
    for view in views:
        dispose(qtbot, view)


def demo_video(shell: Shell) -> bytes:
    unit = shell.course.unit(UNIT)
    assert isinstance(unit, VideoUnit)
    return shell.library.blob_path(unit.variants[0].file.sha256).read_bytes()


def play_to_the_end(qtbot, view: VideoView) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: view.player.mediaStatus() == QMediaPlayer.MediaStatus.BufferedMedia, timeout=LONG
    )
    view.play()
    qtbot.waitUntil(
        lambda: view.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia, timeout=LONG
    )
    qtbot.waitUntil(lambda: not view.is_playing, timeout=LONG)


def test_a_file_cut_short_does_not_complete_and_says_so(  # type: ignore[no-untyped-def]
    qtbot, open_with: OpenWith, shell: Shell, tmp_path: Path
) -> None:
    """Its movie header says 10.56 s but its data stops near 4 s: the backend jumps to the
    header's end when the data runs out. That jump was taken for watching the rest: the unit
    completed, with no word. Now the play stops where the picture did, and a notice says why."""
    data = demo_video(shell)
    view = open_with(data[: len(data) // 2], tmp_path)
    play_to_the_end(qtbot, view)
    progress = shell.store.unit(shell.course, UNIT)
    assert not progress.completed and not view.is_completed
    assert progress.segments and progress.segments[-1][1] < 6.0
    assert view.current_time() < 6.0
    assert view.notice_bar.isVisible() and view.notice_repair.isVisible()
    assert "incomplete" in view.notice.text()
    assert not view.has_problem, "what it has stays playable"
