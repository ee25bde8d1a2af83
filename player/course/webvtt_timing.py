"""The spec's "collect WebVTT cue timings and settings": a timing line to start, end and settings.

Timestamps are bounded by MAX_HOUR_DIGITS; an unknown or invalid setting is skipped, not the cue.
The spec's ASCII whitespace lives here too, shared with the block and cue text parsers.
"""

from __future__ import annotations

import re

from player.course.cues import MAX_HOUR_DIGITS, CueSettings
from player.course.errors import quoted

ASCII_WHITESPACE = " \t\n\f\r"
ASCII_WHITESPACE_RUN = re.compile(r"[ \t\n\f\r]+")
_PERCENTAGE = re.compile(r"(\d+(?:\.\d+)?)%")
TIMING_HINT = "[HH:]MM:SS.mmm --> [HH:]MM:SS.mmm"


def parse_timing_and_settings(
    line: str, regions: set[str]
) -> tuple[float, float, CueSettings] | str:
    """Start, end and settings of a cue timing line, or the reason it is not one."""
    position = _skip_ws(line, 0)
    collected = _collect_timestamp(line, position)
    if collected is None:
        return f"malformed cue start time in {quoted(line)} (expected {TIMING_HINT})"
    start, position = collected
    position = _skip_ws(line, position)
    if line[position : position + 3] != "-->":
        return f"malformed cue timing {quoted(line)} (expected {TIMING_HINT})"
    position = _skip_ws(line, position + 3)
    collected = _collect_timestamp(line, position)
    if collected is None:
        return f"malformed cue end time in {quoted(line)} (expected {TIMING_HINT})"
    end, position = collected
    return start, end, _parse_settings(line[position:], regions)


def _skip_ws(text: str, position: int) -> int:
    while position < len(text) and text[position] in ASCII_WHITESPACE:
        position += 1
    return position


def _digits(text: str, position: int) -> int:
    end = position
    while end < len(text) and "0" <= text[end] <= "9":
        end += 1
    return end


def _collect_timestamp(text: str, position: int) -> tuple[float, int] | None:
    """The spec's "collect a WebVTT timestamp": [H+:]MM:SS.mmm, minutes and seconds <= 59."""
    end = _digits(text, position)
    if end == position:
        return None
    first = text[position:end]
    if end - position > MAX_HOUR_DIGITS:
        return None  # hours beyond any video; int() of thousands of digits would even raise
    hours_first = len(first) != 2 or int(first) > 59
    if end >= len(text) or text[end] != ":":
        return None
    position = end + 1
    end = _digits(text, position)
    if end - position != 2:
        return None
    second = text[position:end]
    if hours_first or (end < len(text) and text[end] == ":"):
        if end >= len(text) or text[end] != ":":
            return None
        position = end + 1
        end = _digits(text, position)
        if end - position != 2:
            return None
        hours, minutes, seconds = int(first), int(second), int(text[position:end])
    else:
        hours, minutes, seconds = 0, int(first), int(second)
    if end >= len(text) or text[end] != ".":
        return None
    position = end + 1
    end = _digits(text, position)
    if end - position != 3:
        return None
    if minutes > 59 or seconds > 59:
        return None
    millis = ((hours * 60 + minutes) * 60 + seconds) * 1000 + int(text[position:end])
    return millis / 1000, end


def _parse_settings(text: str, regions: set[str]) -> CueSettings:
    """The spec's cue settings parser: unknown or invalid settings are skipped one by one."""
    values: dict[str, object] = {}
    region = ""
    for setting in ASCII_WHITESPACE_RUN.split(text):
        name, colon, value = setting.partition(":")
        if not colon or not name or not value:
            continue
        if name == "region":
            region = value if value in regions else ""
        elif name == "vertical":
            if value in ("rl", "lr"):
                values["vertical"] = value
        elif name == "line":
            _parse_line_setting(value, values)
        elif name == "position":
            column, comma, column_align = value.partition(",")
            number = _percentage(column)
            if number is None:
                continue
            if comma:
                if column_align not in ("line-left", "center", "line-right"):
                    continue
                values["position_align"] = column_align
            values["position"] = number
        elif name == "size":
            number = _percentage(value)
            if number is not None:
                values["size"] = number
        elif name == "align" and value in ("start", "center", "end", "left", "right"):
            values["align"] = value
    if region and (
        values.get("vertical") or values.get("line") is not None or values.get("size", 100) != 100
    ):
        region = ""
    return CueSettings(region=region, **values)  # type: ignore[arg-type]


def _parse_line_setting(value: str, values: dict[str, object]) -> None:
    position, comma, align = value.partition(",")
    if not any("0" <= c <= "9" for c in position):
        return
    if position.endswith("%"):
        number = _percentage(position)
        if number is None:
            return
    else:
        if any(c not in "-.0123456789" for c in position) or "-" in position[1:]:
            return
        dot = position.find(".")
        if dot != -1 and (
            position.count(".") > 1
            or dot in (0, len(position) - 1)
            or not position[dot - 1].isdigit()
            or not position[dot + 1].isdigit()
        ):
            return
        number = float(position)
    if comma:
        if align not in ("start", "center", "end"):
            return
        values["line_align"] = align
    values["line"] = number
    values["snap_to_lines"] = not position.endswith("%")


def _percentage(text: str) -> float | None:
    match = _PERCENTAGE.fullmatch(text)
    if not match:
        return None
    number = float(match.group(1))
    return number if number <= 100 else None
