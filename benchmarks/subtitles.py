"""`subtitles`: lenient SubRip paragraphs joining one cue (a hostile file's shape), parsed at
two sizes in the same run. Goal: 8 times the paragraphs take at most 3 times 8 times as long
(linear, with room for noise; a join per paragraph is quadratic: about 64 times).

The test (tests/unit/test_subtitles_hostile.py) counts the text built instead of timing it."""

from __future__ import annotations

from collections.abc import Iterator

from benchmarks.common import Figure, median_time
from player.course.subtitles import parse_subtitles

SMALL = 40_000
LARGE = 8 * SMALL


def _srt(paragraphs: int) -> bytes:
    return b"1\n00:00:01,000 --> 00:00:02,000\nhi\n\n" + b"more\n\n" * paragraphs


def run() -> Iterator[Figure]:
    small, large = _srt(SMALL), _srt(LARGE)
    small_s = median_time(lambda: parse_subtitles(small, "a.srt"), repeat=3)
    large_s = median_time(lambda: parse_subtitles(large, "a.srt"), repeat=3)
    yield Figure(
        "subtitles",
        f"srt_{LARGE}_paragraphs_vs_8x_{SMALL}",
        large_s,
        "s",
        reference=8 * small_s,
        op="<=",
        goal=3.0,
    )
