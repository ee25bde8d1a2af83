"""A learner's media choices, kept with their profile: speed, volume, subtitles, text size, a
video's transcript shown or not.

They follow the learner from unit to unit and from one start to the next (the records file,
`Profiles.playback`), never to another learner. Read back, each value is checked on its own: a
hand-edited or damaged one falls back to its default, the others are kept, nothing raises.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, fields
from typing import Any

#: The speeds a learner can pick span this range (player.ui.video.speed.SPEEDS).
SLOWEST, FASTEST = 0.5, 2.0
#: A reading's text size, in steps larger (+) or smaller (-) than the normal size.
TEXT_SMALLEST, TEXT_LARGEST = -3, 8
#: A subtitle language: a BCP 47 tag ("fr", "pt-BR"), as course manifests give them.
_LANGUAGE = re.compile(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8}){0,4}$")


@dataclass
class PlaybackPreferences:
    """`subtitles`: None picks the learner's language when the video has it, "" is off, else a
    language code. `text_size` is kept so that the next reading opens at the size just chosen."""

    speed: float = 1.0
    volume: float = 1.0
    muted: bool = False
    subtitles: str | None = None
    text_size: int = 0  # readings: steps larger (+) or smaller (-) than the normal size
    transcript: bool = False  # a video's transcript shown beside it, when it has one


def text_size_after(size: int, step: int) -> int:
    """The text size one `step` from `size` (0: back to the normal size), kept in range."""
    return min(max(size + step if step else 0, TEXT_SMALLEST), TEXT_LARGEST)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value) if math.isfinite(value) else None


def _speed(value: Any) -> float | None:
    number = _number(value)
    return number if number is not None and SLOWEST <= number <= FASTEST else None


def _volume(value: Any) -> float | None:
    number = _number(value)
    return number if number is not None and 0.0 <= number <= 1.0 else None


def _flag(value: Any) -> bool | None:
    return value if isinstance(value, bool) else None


def _subtitles(value: Any) -> str | None:
    if isinstance(value, str) and (value == "" or _LANGUAGE.match(value)):
        return value
    return None  # also what a stored null means: the learner's language


def _text_size(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if TEXT_SMALLEST <= value <= TEXT_LARGEST else None


_CHECKS = {
    "speed": _speed,
    "volume": _volume,
    "muted": _flag,
    "subtitles": _subtitles,
    "text_size": _text_size,
    "transcript": _flag,
}


def to_json(preferences: PlaybackPreferences) -> str:
    return json.dumps(asdict(preferences), sort_keys=True)


def from_json(text: str | None) -> PlaybackPreferences:
    """The preferences stored as `text`; a value missing, of the wrong type or out of range
    (or the whole text unreadable) is its default."""
    try:
        raw = json.loads(text) if isinstance(text, str) else {}
    except ValueError:
        raw = {}
    if not isinstance(raw, dict):
        raw = {}
    values: dict[str, Any] = {}
    for name in (f.name for f in fields(PlaybackPreferences)):
        checked = _CHECKS[name](raw.get(name))
        if checked is not None:
            values[name] = checked
    return PlaybackPreferences(**values)
