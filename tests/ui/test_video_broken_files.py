"""The video view on files that do not play as the course says: real media cut short or
otherwise altered, played through QtMultimedia's FFmpeg backend (offscreen), real records."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtMultimedia import QMediaPlayer

from player.course.manifest import Course, FileRef, VideoUnit
from player.library.library import Library
from player.ui import announce
from player.ui.unit_view import PlaybackPreferences
from player.ui.video.view import VideoView
from tests.ui.unit_support import Shell, dispose, install_toy, open_store

UNIT = "definition-video"
LONG = 60_000  # ms: generous, the machine may be slow; never a timing assertion


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


def wait_loaded(qtbot, view: VideoView) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(
        lambda: view.player.mediaStatus() == QMediaPlayer.MediaStatus.BufferedMedia, timeout=LONG
    )


def play_to_the_end(qtbot, view: VideoView) -> None:  # type: ignore[no-untyped-def]
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
    wait_loaded(qtbot, view)
    play_to_the_end(qtbot, view)
    progress = shell.store.unit(shell.course, UNIT)
    assert not progress.completed and not view.is_completed
    assert progress.segments and progress.segments[-1][1] < 6.0
    assert view.current_time() < 6.0
    assert view.notice_bar.isVisible() and view.notice_repair.isVisible()
    assert "incomplete" in view.notice.text()
    assert not view.has_problem, "what it has stays playable"


def open_toy(qtbot, tmp_path: Path, duration: float) -> tuple[Shell, VideoView]:  # type: ignore[no-untyped-def]
    """The toy course (a 10.05 s file) built saying the video lasts `duration` seconds."""

    def says(source: Path) -> None:
        toml = source / "course.toml"
        text = toml.read_text(encoding="utf-8")
        text = text.replace('  title = "Vidéo"\n', f'  title = "Vidéo"\n  duration = {duration}\n')
        toml.write_text(text, encoding="utf-8")

    library, course = install_toy(tmp_path / "toy", says)
    unit = course.unit("video")
    assert isinstance(unit, VideoUnit) and unit.duration == duration
    toy = Shell(library, course, open_store(tmp_path / "store"))
    view = VideoView(unit, course, toy.services(playback=PlaybackPreferences(speed=2.0)))
    view.resize(960, 600)
    view.show()
    wait_loaded(qtbot, view)
    return toy, view


def test_a_course_saying_ten_minutes_for_a_ten_second_file(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The course says 600 s, the file lasts 10.05 s. Playing its last 2 s took the play to
    the course's end: 99 % watched, completed. The file's own length counts now, and the
    records keep the course's time (all of the file is all of the course's 600 s)."""
    toy, view = open_toy(qtbot, tmp_path, 600.0)
    try:
        file_length = view.player.duration() / 1000
        assert 9.5 < file_length < 10.5
        assert view.seek_bar.maximum() == view.player.duration()
        view.seek_to(8.0)
        play_to_the_end(qtbot, view)
        progress = toy.store.unit(toy.course, "video")
        assert not progress.completed and not view.is_completed
        ((start, end),) = progress.segments
        assert start == pytest.approx(8.0 * 600 / file_length, abs=0.01) and end == 600.0

        with qtbot.waitSignal(view.completed, timeout=LONG):
            view.ending.replay()
        assert toy.store.unit(toy.course, "video").segments == ((0.0, 600.0),)
    finally:
        dispose(qtbot, view)


def test_a_course_saying_two_seconds_for_a_ten_second_file(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The course says 2 s, the file lasts 10.05 s: its first two seconds completed the unit,
    and a learner who left at 4 s came back at 0:00 (the saved 2 s was "the end")."""
    toy, view = open_toy(qtbot, tmp_path, 2.0)
    try:
        view.play()
        qtbot.waitUntil(lambda: view.current_time() > 4.0, timeout=LONG)
        view.pause()
        qtbot.waitUntil(lambda: not view.is_playing, timeout=LONG)
        stopped = view.current_time()
        assert not toy.store.unit(toy.course, "video").completed and not view.is_completed
        view.close_unit()
        saved = toy.store.unit(toy.course, "video").position
        assert saved == pytest.approx(stopped * 2.0 / (view.player.duration() / 1000), abs=0.01)
    finally:
        dispose(qtbot, view)
    unit = toy.course.unit("video")
    assert isinstance(unit, VideoUnit)
    again = VideoView(unit, toy.course, toy.services())
    try:
        again.show()
        qtbot.waitUntil(lambda: abs(again.player.position() / 1000 - stopped) < 0.1, timeout=LONG)
    finally:
        dispose(qtbot, again)


SOUND_ONLY = Path("/work/shared/fixtures/media/mutagen-multipage-setup.ogg")  # 4.13 s Vorbis


def test_a_file_of_sound_only_says_it_has_no_picture_once(  # type: ignore[no-untyped-def]
    qtbot, open_with: OpenWith, tmp_path: Path
) -> None:
    """It played on a black picture with no word. Now a notice says so, said to the screen
    reader once (politely), and the sound plays."""
    said: list[tuple[str, bool]] = []
    polite = QAccessible.AnnouncementPoliteness.Polite
    unwatch = announce.watch(lambda e: said.append((e.message(), e.politeness() == polite)))
    try:
        view = open_with(SOUND_ONLY.read_bytes(), tmp_path, transcript=None)
        qtbot.waitUntil(view.notice_bar.isVisible, timeout=LONG)
        message = "This video has no picture: only its sound plays."
        assert view.notice.text() == message
        assert not view.notice_repair.isVisible(), "nothing to repair"
        assert not view.has_problem
        view.play()
        qtbot.waitUntil(lambda: view.current_time() > 1.0, timeout=LONG)
        view.say_if_no_picture()  # as a reload of the file (another quality) would
        assert said.count((message, True)) == 1
    finally:
        unwatch()


def test_a_file_of_sound_only_points_to_its_transcript(  # type: ignore[no-untyped-def]
    qtbot, open_with: OpenWith, tmp_path: Path
) -> None:
    """No picture to watch: the notice says where the words are, when the video has them."""
    view = open_with(SOUND_ONLY.read_bytes(), tmp_path)
    qtbot.waitUntil(view.notice_bar.isVisible, timeout=LONG)
    assert view.notice.text() == (
        "This video has no picture: only its sound plays. Its transcript can be read beside it (T)."
    )


def test_a_video_with_a_picture_has_no_such_notice(  # type: ignore[no-untyped-def]
    qtbot, open_with: OpenWith, shell: Shell, tmp_path: Path
) -> None:
    view = open_with(demo_video(shell), tmp_path)
    wait_loaded(qtbot, view)
    assert not view.notice_bar.isVisible()
