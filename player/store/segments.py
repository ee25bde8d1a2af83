"""Watched parts of a video as merged intervals, in the ADL video profile's `played-segments` form.

Times are rounded to milliseconds before they are stored, so what the store keeps and what its
statements carry (`0[.]5.5[,]7[.]12`) are the same numbers: progress rebuilt from statements
equals the stored progress exactly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

Segment = tuple[float, float]
Segments = tuple[Segment, ...]

#: Segments this close are one: the player reports positions a frame or a tick apart.
JOIN_GAP = 0.001


def clamp_time(value: float, length: float) -> float:
    """A player time as the store keeps it: finite, within [0, length], to the millisecond."""
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"video time must be a finite number of seconds, not {value!r}")
    return round(min(max(value, 0.0), max(float(length), 0.0)), 3)


def merge(segments: Iterable[Segment], length: float) -> Segments:
    """Clamp to [0, length], drop empty ones, sort and join overlapping or touching ones."""
    cleaned = sorted(
        (clamp_time(start, length), clamp_time(end, length))
        for start, end in segments
        if math.isfinite(start) and math.isfinite(end)
    )
    merged: list[list[float]] = []
    for start, end in cleaned:
        if end <= start:
            continue
        if merged and start <= merged[-1][1] + JOIN_GAP:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


def add(segments: Segments, start: float, end: float, length: float) -> Segments:
    return merge((*segments, (start, end)), length)


def covered(segments: Iterable[Segment]) -> float:
    return sum(end - start for start, end in segments)


def progress(segments: Segments, length: float) -> float:
    """Share of the video watched, floored to 3 decimals so it never claims more than seen."""
    if length <= 0:
        return 0.0
    return min(1.0, math.floor(covered(segments) / length * 1000 + 1e-9) / 1000)


def _number(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text or "0"


def format_played_segments(segments: Segments) -> str:
    """`0[.]5.5[,]7[.]12` (video profile): start[.]end pairs joined by [,]."""
    return "[,]".join(f"{_number(s)}[.]{_number(e)}" for s, e in segments)


def parse_played_segments(text: str) -> Segments:
    """The inverse of `format_played_segments`; malformed pairs raise ValueError."""
    if not text:
        return ()
    found: list[Segment] = []
    for pair in text.split("[,]"):
        start, sep, end = pair.partition("[.]")
        if not sep:
            raise ValueError(f"played-segments: {pair!r} is not start[.]end")
        found.append((float(start), float(end)))
    return tuple(found)


def to_json(segments: Segments) -> list[list[float]]:
    return [[s, e] for s, e in segments]


def from_json(data: Iterable[Iterable[float]]) -> Segments:
    return tuple((float(s), float(e)) for s, e in data)
