"""Subtitles never cost the UI thread: a file over the parser's limit is refused from its size
before a byte is read, the others are read and parsed by the task runner's workers, and a result
that arrives after the learner chose another language, or closed the video, is dropped."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from player.course.manifest import FileRef, VideoUnit
from player.course.subtitles import MAX_SUBTITLE_BYTES
from player.ui.tasks import ThreadPoolRunner
from player.ui.unit_view import create_unit_view
from player.ui.video import subtitle_file
from player.ui.video.view import VideoView
from tests.ui.unit_support import Shell, dispose

UNIT = "definition-video"
LONG = 60_000


class HeldRunner:
    """A task runner whose jobs run (on the calling thread) only when the test says so."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Callable[[], Any], Callable[[Any], None], Callable[..., None]]] = []

    def run_task(self, fn: Any, on_done: Any, on_error: Any = None) -> None:
        self.jobs.append((fn, on_done, on_error))

    def wait_idle(self, timeout_ms: int = -1) -> bool:
        return True

    def finish(self, index: int) -> None:
        fn, on_done, on_error = self.jobs.pop(index)
        try:
            result = fn()
        except Exception as exc:
            on_error(exc)
        else:
            on_done(result)


def test_a_subtitle_file_over_the_limit_is_refused_before_it_is_read(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell, tmp_path: Path
) -> None:
    unit = shell.course.unit(UNIT)
    assert isinstance(unit, VideoUnit)
    huge = FileRef("ee" * 32, MAX_SUBTITLE_BYTES + 1, "text/vtt")
    tracks = tuple(
        dataclasses.replace(t, file=huge) if t.language == "fr" else t for t in unit.subtitles
    )
    asked: list[str] = []

    def blob_path(sha256: str) -> Path:
        asked.append(sha256)
        return tmp_path / "never-read" if sha256 == huge.sha256 else shell.library.blob_path(sha256)

    view = create_unit_view(
        dataclasses.replace(unit, subtitles=tracks),
        shell.course,
        shell.services(blob_path=blob_path),
    )
    assert isinstance(view, VideoView)
    try:
        assert huge.sha256 not in asked  # not even looked for
        assert view.caption_language == ""
        assert view.notice_bar.isVisibleTo(view) and not view.notice_repair.isVisibleTo(view)
        assert view.notice.text() == (
            f"Subtitles in \u2068Français\u2069 cannot be shown: Français: subtitle file is "
            f"{MAX_SUBTITLE_BYTES + 1} bytes, over the limit of {MAX_SUBTITLE_BYTES} (8 MiB)"
        )
    finally:
        dispose(qtbot, view)


def test_subtitles_are_parsed_by_a_worker(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    threads: list[threading.Thread] = []
    parse = subtitle_file.parse_subtitles

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        return parse(*args, **kwargs)

    monkeypatch.setattr(subtitle_file, "parse_subtitles", spy)
    runner = ThreadPoolRunner(1)
    view = VideoView(shell.course.unit(UNIT), shell.course, shell.services(tasks=runner))  # type: ignore[arg-type]
    try:
        assert view.caption_language == "fr" and "fr" not in view.subtitles.cues  # a worker reads
        qtbot.waitUntil(lambda: "fr" in view.subtitles.cues, timeout=LONG)
        assert threads and threading.main_thread() not in threads
        view.seek_to(3.0)
        assert view.caption_text().startswith("En français")
    finally:
        dispose(qtbot, view)
        runner.wait_idle(LONG)


def test_a_result_for_another_language_or_a_closed_view_is_dropped(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell, tmp_path: Path
) -> None:
    runner = HeldRunner()
    view = VideoView(shell.course.unit(UNIT), shell.course, shell.services(tasks=runner))  # type: ignore[arg-type]
    try:
        assert view.caption_language == "fr" and len(runner.jobs) == 1  # French on its way
        view.set_captions("en")
        assert len(runner.jobs) == 2
        runner.finish(0)  # French arrives after the learner chose English
        assert "fr" not in view.subtitles.cues and view.caption_language == "en"
        view.seek_to(3.0)
        assert view.caption_text() == ""  # English not there yet, and never French
        runner.finish(0)
        assert view.caption_text().startswith("In French")
        view.set_captions("fr")  # asked again: read again
        view.set_captions("fr")  # ...once
        assert len(runner.jobs) == 1
        view.set_captions("")
        runner.finish(0)
        assert view.caption_text() == "" and not view.notice_bar.isVisibleTo(view)
    finally:
        dispose(qtbot, view)

    # A failure that arrives once the learner has moved on says nothing either.
    french = next(t.file.sha256 for t in view.video_unit.subtitles if t.language == "fr")
    gone = tmp_path / "gone"
    runner = HeldRunner()
    services = shell.services(
        blob_path=lambda sha: gone if sha == french else shell.library.blob_path(sha),
        tasks=runner,
    )
    view = VideoView(shell.course.unit(UNIT), shell.course, services)  # type: ignore[arg-type]
    try:
        assert len(runner.jobs) == 1
        view.close_unit()  # the learner left the video
        runner.finish(0)
        assert not view.notice_bar.isVisibleTo(view) and view.caption_language == "fr"
    finally:
        dispose(qtbot, view)
