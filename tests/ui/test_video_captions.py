"""Captions drawn through the real widgets (offscreen): WebVTT cue settings move them on the
picture, and they stay on it whatever the window size."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from player.course.cue_layout import Rect, safe_area
from player.course.cues import Cue, CueSettings
from player.ui.tasks import ThreadPoolRunner
from player.ui.video.surface import VideoSurface
from player.ui.video.view import VideoView
from tests.ui.test_video_view import wait_loaded
from tests.ui.unit_support import Shell, dispose, install_toy, open_store

TOP_AND_BOTTOM = (
    "WEBVTT\n\n"
    "00:00.000 --> 00:09.000 line:0\n"
    "Speaker: Awa Diop\n\n"
    "00:00.000 --> 00:09.000\n"
    "Words at the bottom, as usual\n"
)


def changed_rows(before: QImage, after: QImage) -> list[int]:
    """Rows where the two grabs differ: where the captions were drawn."""
    assert before.size() == after.size()
    a = before.convertToFormat(QImage.Format.Format_RGB32)
    b = after.convertToFormat(QImage.Format.Format_RGB32)
    rows = []
    for y in range(a.height()):
        if any(a.pixel(x, y) != b.pixel(x, y) for x in range(0, a.width(), 2)):
            rows.append(y)
    return rows


def caption_rows(surface: VideoSurface, cues: list[Cue]) -> list[int]:
    surface.caption.set_cues([])
    blank = surface.grab().toImage()
    surface.caption.set_cues(cues)
    return changed_rows(blank, surface.grab().toImage())


def test_a_top_cue_is_drawn_at_the_top_of_the_playing_video(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def top_cue(source: Path) -> None:
        (source / "m1" / "video.fr.vtt").write_text(TOP_AND_BOTTOM, encoding="utf-8")

    library, course = install_toy(tmp_path / "toy", top_cue)
    toy = Shell(library, course, open_store(tmp_path / "store"))
    runner = ThreadPoolRunner(1)
    view = VideoView(course.unit("video"), course, toy.services(language="fr", tasks=runner))  # type: ignore[arg-type]
    try:
        view.resize(1280, 720)
        view.show()
        qtbot.waitExposed(view)
        wait_loaded(qtbot, view)
        qtbot.waitUntil(lambda: "fr" in view.subtitles.cues, timeout=60_000)  # read by a worker
        view.seek_to(1.0)
        assert view.caption_text() == "Speaker: Awa Diop\nWords at the bottom, as usual"
        with_captions = view.surface.grab().toImage()
        view.set_captions("")
        without = view.surface.grab().toImage()
        height = without.height()
        rows = changed_rows(without, with_captions)
        assert rows
        top = [y for y in rows if y < height * 0.25]
        bottom = [y for y in rows if y > height * 0.75]
        assert top and bottom  # the line:0 cue at the top, the other at the bottom
        assert len(top) + len(bottom) == len(rows)  # nothing in the middle of the picture
        assert min(top) > 0 and max(bottom) < height - 1  # inside the picture, with a margin
    finally:
        dispose(qtbot, view)
        runner.wait_idle(60_000)


def test_captions_stay_inside_a_small_picture(qtbot) -> None:  # type: ignore[no-untyped-def]
    surface = VideoSurface()
    qtbot.addWidget(surface)
    surface.resize(320, 180)
    surface.show()
    qtbot.waitExposed(surface)
    text = "A long caption that has to wrap on several lines in a very small window"
    cues = [
        Cue(0, 5, text, settings=CueSettings(line=-1)),
        Cue(0, 5, "top left", settings=CueSettings(line=0, position=0, align="left", size=5)),
        Cue(0, 5, "far right", settings=CueSettings(line=95, snap_to_lines=False, position=100)),
    ]
    rows = caption_rows(surface, cues)
    assert rows and min(rows) > 0 and max(rows) < 179
    placements = surface.caption.placements()
    assert len(placements) == 3
    for placed in placements:
        assert Rect(0, 0, 320, 180).contains(placed.box), placed


def test_a_caption_taller_than_a_small_picture_gets_smaller_text(qtbot) -> None:  # type: ignore[no-untyped-def]
    surface = VideoSurface()
    qtbot.addWidget(surface)
    surface.resize(320, 180)
    surface.show()
    qtbot.waitExposed(surface)
    text = "\n".join(f"line {n}" for n in range(10))
    surface.caption.set_cues([Cue(0, 5, text)])
    (placed,) = surface.caption.placements()
    assert safe_area(Rect(0, 0, 320, 180)).contains(placed.box), placed
    assert placed.box.height > 100  # still ten lines, not cut short
