"""Caption placement from WebVTT cue settings, without a screen: a fake font whose letters are
10 px wide and lines 20 px high."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from player.course.cue_layout import (
    CaptionFont,
    Placement,
    Rect,
    layout_captions,
    place_cue,
    safe_area,
)
from player.course.cues import CueSettings
from player.course.subtitles import parse_subtitles
from player.course.webvtt import parse_webvtt
from tests.support import FIXTURES
from tests.unit.test_subtitles import cue_settings

PICTURE = Rect(0, 0, 1280, 720)
SAFE = safe_area(PICTURE)  # 89.6 .. 1190.4 across, 36 .. 684 down
FONT = CaptionFont(size=40, line_height=20, padding=6)
STEP = 26  # a one-line box: line height + padding
LETTER = 10


def measure(text: str, wrap: float) -> tuple[float, float]:
    """Letters 10 px wide, wrapped anywhere."""
    per_line = max(1, int(wrap // LETTER))
    widths: list[int] = []
    for line in text.split("\n"):
        count = max(1, math.ceil(len(line) / per_line))
        widths += [min(len(line), per_line) * LETTER] * count
    return float(max(widths)), float(len(widths) * FONT.line_height)


def place(text: str, cue: CueSettings, taken: list[Rect] | None = None) -> Placement:
    return place_cue(text, cue, PICTURE, FONT, measure, taken or [])


def vtt(settings_text: str) -> CueSettings:
    """The settings the parser makes of a cue timing line's settings."""
    cue = parse_webvtt(f"WEBVTT\n\n00:01.000 --> 00:02.000 {settings_text}\nx", "t.vtt")[0]
    return cue.settings


def test_a_cue_without_settings_sits_at_the_bottom_centre() -> None:
    placed = place("Hello", CueSettings())
    assert placed.box.bottom == SAFE.bottom
    assert placed.box.width == 5 * LETTER + 2 * FONT.padding
    assert placed.box.x + placed.box.width / 2 == pytest.approx(640)
    assert placed.side == "center"
    assert placed.inner == Rect(placed.box.x + 6, placed.box.y + 3, 50, 20)


def test_line_numbers_count_from_the_top_and_negative_ones_from_the_bottom() -> None:
    assert place("x", vtt("line:0")).box.y == SAFE.y
    assert place("x", vtt("line:1")).box.y == SAFE.y + STEP
    assert place("x", vtt("line:2.6")).box.y == SAFE.y + 3 * STEP  # rounded half up
    assert place("x", vtt("line:-1")).box.bottom == SAFE.bottom
    assert place("x", vtt("line:-2")).box.bottom == SAFE.bottom - STEP


def test_a_line_past_the_edge_comes_back_to_the_last_line_that_fits() -> None:
    assert place("x", vtt("line:500")).box.bottom <= SAFE.bottom
    assert place("x", vtt("line:500")).box.bottom > SAFE.bottom - STEP
    assert place("x", vtt("line:-500")).box.y >= SAFE.y
    assert place("x", vtt("line:-500")).box.y < SAFE.y + STEP


def test_a_bottom_cue_on_two_lines_grows_upwards() -> None:
    placed = place("first\nsecond", CueSettings())
    assert placed.box.height == 2 * FONT.line_height + FONT.padding
    assert SAFE.bottom - STEP <= placed.box.bottom <= SAFE.bottom


def test_line_percentages_use_the_line_alignment() -> None:
    assert place("x", vtt("line:10%")).box.y == 72
    assert place("x", vtt("line:50%,center")).box.y == 360 - STEP / 2
    assert place("x", vtt("line:50%,end")).box.bottom == 360
    assert place("x", vtt("line:0%")).box.y == SAFE.y  # kept in the safe area
    assert place("x", vtt("line:100%")).box.bottom == SAFE.bottom


def test_position_size_and_align_set_the_column() -> None:
    # The spec's example: the box's left edge at 10%, 35% wide, text from its left.
    placed = place("Where did he go?", vtt("position:10%,line-left align:left size:35%"))
    assert placed.box.x == 128 and placed.side == "left"
    assert placed.inner.width <= 0.35 * 1280
    # position alone centres the box there
    placed = place("abc", vtt("position:30%"))
    assert placed.box.x + placed.box.width / 2 == pytest.approx(384)
    # align:right with no position: the right edge, kept in the safe area
    placed = place("abc", vtt("align:right"))
    assert placed.box.right == pytest.approx(SAFE.right) and placed.side == "right"
    placed = place("abc", vtt("align:left"))
    assert placed.box.x == pytest.approx(SAFE.x) and placed.side == "left"


def test_size_wraps_the_text() -> None:
    text = "a" * 60
    wide = place(text, CueSettings())
    narrow = place(text, vtt("size:40%"))
    assert wide.box.height == FONT.line_height + FONT.padding
    assert narrow.box.width <= 0.4 * 1280
    assert narrow.box.height == 2 * FONT.line_height + FONT.padding


def test_start_and_end_with_an_auto_position_split_the_picture_for_a_dialogue() -> None:
    """vttjs-spec-example.vtt: 'align:end size:50%' then 'align:start size:50%' at once."""
    cues = parse_subtitles(
        (FIXTURES / "vtt" / "valid" / "vttjs-spec-example.vtt").read_bytes(), "example.vtt"
    )
    showing = [cue for cue in cues if cue.start <= 31.0 < cue.end]
    assert [cue.settings.align for cue in showing] == ["end", "start"]
    roger, neil = layout_captions(
        [(cue.text, cue.settings) for cue in showing], PICTURE, FONT, measure
    )
    assert roger.side == "right" and roger.box.right == pytest.approx(640)
    assert neil.side == "left" and neil.box.x == pytest.approx(640)
    assert roger.box.bottom == neil.box.bottom == SAFE.bottom  # side by side, not stacked


def test_right_to_left_text_starts_on_the_right() -> None:
    placed = place("مرحبا بكم", vtt("align:start size:50%"))
    # position auto (50%), position alignment line-right for right-to-left text
    assert placed.side == "right" and placed.box.right == pytest.approx(640)


def test_captions_do_not_cover_each_other() -> None:
    a, b = layout_captions(
        [("top one", vtt("line:0")), ("top two", vtt("line:0"))], PICTURE, FONT, measure
    )
    assert a.box.y == SAFE.y and b.box.y == SAFE.y + STEP
    plain, raised = layout_captions(
        [("said", CueSettings()), ("moved", vtt("align:left"))], PICTURE, FONT, measure
    )
    assert plain.box.bottom == SAFE.bottom
    assert not raised.box.overlaps(plain.box)
    a, b = layout_captions(
        [("mid", vtt("line:50%")), ("mid too", vtt("line:50%"))], PICTURE, FONT, measure
    )
    assert a.box.y == 360 and not b.box.overlaps(a.box)
    assert abs(b.box.y - 360) == STEP  # the nearest free place


def test_cues_without_settings_share_one_box_in_start_order() -> None:
    placed = layout_captions(
        [("one", CueSettings()), ("top", vtt("line:0")), ("two", CueSettings())],
        PICTURE,
        FONT,
        measure,
    )
    assert [p.text for p in placed] == ["one\ntwo", "top"]
    assert placed[0].box.bottom == SAFE.bottom and placed[1].box.y == SAFE.y


def test_vertical_cues_and_regions_are_placed_as_plain_cues() -> None:
    assert place("x", vtt("vertical:rl line:0")) == place("x", CueSettings())
    placed = layout_captions(
        [("a", CueSettings()), ("b", vtt("vertical:lr align:left"))], PICTURE, FONT, measure
    )
    assert [p.text for p in placed] == ["a\nb"]
    assert place("x", CueSettings(region="fred", align="left")) == place("x", vtt("align:left"))


def test_zero_size_still_leaves_room_to_read() -> None:
    """wpt-settings-multiple.vtt has 'size:0% position:100%'."""
    cues = parse_subtitles(
        (FIXTURES / "vtt" / "valid" / "wpt-settings-multiple.vtt").read_bytes(), "multiple.vtt"
    )
    tiny = next(cue for cue in cues if cue.settings.size == 0)
    placed = place("a few words here", replace_vertical(tiny.settings))
    assert placed.box.height == FONT.line_height + FONT.padding  # one line, not one per letter
    assert SAFE.contains(placed.box)


def replace_vertical(cue: CueSettings) -> CueSettings:
    from dataclasses import replace

    return replace(cue, vertical="")


def test_malformed_settings_place_the_cue_as_a_plain_one() -> None:
    junk = vtt("line:1.,end position:101% size:50 align:middle vertical:xx line:--1")
    assert place("x", junk) == place("x", CueSettings())


@pytest.mark.parametrize(
    "file", sorted((FIXTURES / "vtt" / "valid").glob("*.vtt")) + sorted(FIXTURES.glob("srt/*"))
)
@pytest.mark.parametrize("size", [(1280, 720), (640, 360), (320, 180)])
def test_fixture_captions_stay_in_the_picture(file: Path, size: tuple[int, int]) -> None:
    picture = Rect(0, 0, *size)
    font = CaptionFont(size=max(14, size[1] * 0.055), line_height=size[1] * 0.07, padding=5)
    cues = parse_subtitles(file.read_bytes(), file.name)
    for at in sorted({cue.start for cue in cues}):
        showing = [(c.text, c.settings) for c in cues if c.start <= at < c.end]
        for placed in layout_captions(showing, picture, font, measure):
            assert_readable(placed, picture)


@given(
    many=st.lists(
        st.tuples(st.text(min_size=1, max_size=80), cue_settings()), min_size=1, max_size=4
    ),
    width=st.integers(320, 1920),
    height=st.integers(180, 1080),
)
@settings(max_examples=300, deadline=None)
def test_captions_never_leave_the_picture(
    many: list[tuple[str, CueSettings]], width: int, height: int
) -> None:
    picture = Rect(0, 0, width, height)
    font = CaptionFont(size=max(14, height * 0.055), line_height=height * 0.07, padding=5)
    for placed in layout_captions(many, picture, font, measure):
        assert_readable(placed, picture)


def assert_readable(placed: Placement, picture: Rect) -> None:
    """Inside the safe area; a caption taller than it starts at its top."""
    safe, box = safe_area(picture), placed.box
    assert safe.x - 1e-6 <= box.x and box.right <= safe.right + 1e-6, placed
    if box.height <= safe.height:
        assert safe.contains(box), placed
    else:
        assert box.y == pytest.approx(safe.y), placed
