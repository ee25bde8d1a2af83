"""The cue model both subtitle parsers return, and the lookup of the cues showing at a time.

Cues keep WebVTT's settings as the spec's parser leaves them (cue_layout places them) and come in
the text track order of HTML, which lets `cue_at` answer in O(log n) on every frame.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Literal

Vertical = Literal["", "rl", "lr"]
LineAlign = Literal["start", "center", "end"]
PositionAlign = Literal["auto", "line-left", "center", "line-right"]
TextAlign = Literal["start", "center", "end", "left", "right"]

#: Hours of a timestamp, in both formats (more digits are a malformed timing, never an
#: integer or float overflow): 999,999 h is far past any video (the manifest caps one at 24 h).
MAX_HOUR_DIGITS = 6


@dataclass(frozen=True, slots=True)
class CueSettings:
    """WebVTT cue settings as the spec's parser leaves them (defaults: no setting given).

    `line` and `position` are None for "auto"; `line` is a percentage when `snap_to_lines` is
    False, else a line number (negative counts from the bottom). `region` is the id of a REGION
    defined in the file, or "" (the spec drops the region of vertical, line-placed or sized cues).
    """

    vertical: Vertical = ""
    line: float | None = None
    snap_to_lines: bool = True
    line_align: LineAlign = "start"
    position: float | None = None
    position_align: PositionAlign = "auto"
    size: float = 100.0
    align: TextAlign = "center"
    region: str = ""


@dataclass(frozen=True, slots=True)
class Cue:
    """One subtitle: shown while start <= t < end (a zero-length cue is never shown).

    `text` is what to display: markup removed, entities decoded, lines joined with "\\n".
    `voice` is the first WebVTT voice (`<v Name>`) of the cue, or "".
    """

    start: float
    end: float
    text: str
    identifier: str = ""
    voice: str = ""
    settings: CueSettings = field(default_factory=CueSettings)


def in_track_order(cues: list[Cue]) -> tuple[Cue, ...]:
    """The text track order of HTML: by start, then longest first, then file order."""
    return tuple(sorted(cues, key=lambda cue: (cue.start, -cue.end)))


def cue_at(cues: Sequence[Cue], seconds: float) -> list[Cue]:
    """The cues showing at `seconds`, in start order. `cues` must be sorted by start (as the
    parsers return them); the index built for a tuple is kept, so calls are O(log n + shown)."""
    index = _index_for(cues)
    last = bisect_right(index.starts, seconds)
    first = bisect_right(index.reach, seconds)  # every cue before `first` ended by `seconds`
    return [cue for cue in cues[first:last] if cue.end > seconds]


@dataclass(frozen=True)
class _CueIndex:
    starts: list[float]
    reach: list[float]  # reach[i]: the latest end among cues[0..i]; never decreases


_INDEX_CACHE: dict[int, tuple[Sequence[Cue], _CueIndex]] = {}
_INDEX_CACHE_SIZE = 8
_INDEX_LOCK = threading.Lock()


def _index_for(cues: Sequence[Cue]) -> _CueIndex:
    with _INDEX_LOCK:
        cached = _INDEX_CACHE.get(id(cues))
    if cached is not None and cached[0] is cues:
        return cached[1]
    starts = [cue.start for cue in cues]
    if any(later < earlier for earlier, later in pairwise(starts)):
        raise ValueError("cue_at needs cues sorted by start time")
    reach: list[float] = []
    latest = float("-inf")
    for cue in cues:
        latest = max(latest, cue.end)
        reach.append(latest)
    index = _CueIndex(starts, reach)
    if isinstance(cues, tuple):  # immutable: the index stays true while the tuple lives
        with _INDEX_LOCK:
            if len(_INDEX_CACHE) >= _INDEX_CACHE_SIZE:
                del _INDEX_CACHE[next(iter(_INDEX_CACHE))]
            _INDEX_CACHE[id(cues)] = (cues, index)
    return index
