"""Where captions go on the picture: WebVTT's "apply WebVTT cue settings", in pixels, without Qt.

The surface measures text with its font and passes `measure` in; the rest is arithmetic, so the
placement of every cue setting is tested without a screen. Units are those of `picture` (scene
pixels in the player).

What we keep of the spec: `position`/`size`/`align` give the cue box across the picture (with the
computed position and position alignment, start/end following the text's first strong
character); `line` as a line number snaps to lines counted from the top (0, 1, ...) or the bottom
(-1 is the last line), as a percentage places the box with its `line_align`; a cue moves by whole
lines (or, for percentages, to the nearest free place) so it does not cover a caption drawn before
it.

Where we depart from it, for a learner to read every caption:
- boxes stay inside a safe area (the picture less SAFE_X each side and SAFE_Y above and below);
  a cue that fits nowhere is drawn over another rather than dropped as the spec would;
- a cue box is never narrower than MIN_WIDTH_SHARE of the picture or MIN_WIDTH_EM font sizes
  (`size:0%` would otherwise give one letter a line);
- the background hugs the text (browsers paint it behind each line) and the text is drawn
  horizontally: vertical cues (`vertical:rl|lr`) are placed as if they had no settings, since we
  draw no vertical text; regions are ignored, a region's cue is placed by its own settings;
- cues with no settings share one box, in start order, as the player always showed them (and as
  SubRip players show overlapping cues), placed first as the spec places the first of them.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from player.course.cues import CueSettings

#: Share of the picture's width kept clear on each side, and of its height above and below.
SAFE_X = 0.07
SAFE_Y = 0.05
#: The narrowest cue box: a share of the picture's width, or this many font sizes if more.
MIN_WIDTH_SHARE = 0.3
MIN_WIDTH_EM = 12.0

Side = Literal["left", "center", "right"]
#: (text, width to wrap it to) -> (width, height) of the wrapped text.
Measure = Callable[[str, float], tuple[float, float]]


@dataclass(frozen=True, slots=True)
class Rect:
    """An axis-aligned rectangle: x, y of its top-left corner, then its size."""

    x: float
    y: float
    width: float
    height: float

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    def overlaps(self, other: Rect) -> bool:
        """True if they share some area (touching edges is not overlapping)."""
        return (
            self.x < other.right
            and other.x < self.right
            and self.y < other.bottom
            and other.y < self.bottom
        )

    def contains(self, other: Rect) -> bool:
        eps = 1e-6
        return (
            other.x >= self.x - eps
            and other.y >= self.y - eps
            and other.right <= self.right + eps
            and other.bottom <= self.bottom + eps
        )


@dataclass(frozen=True, slots=True)
class CaptionFont:
    """What placement needs of the caption font, in pixels."""

    size: float  # the em
    line_height: float  # one line of text
    padding: float  # inside the box: left and right, and half of it above and below


@dataclass(frozen=True, slots=True)
class Placement:
    """One caption box: `box` is its background, `inner` where the lines of `text` are drawn,
    aligned to `side` and wrapped to `inner.width`."""

    text: str
    box: Rect
    inner: Rect
    side: Side


def safe_area(picture: Rect) -> Rect:
    """The part of the picture captions are kept in."""
    dx, dy = picture.width * SAFE_X, picture.height * SAFE_Y
    return Rect(picture.x + dx, picture.y + dy, picture.width - 2 * dx, picture.height - 2 * dy)


def effective_settings(settings: CueSettings) -> CueSettings:
    """The settings we honour: none for vertical cues, and never a region."""
    if settings.vertical:
        return CueSettings()
    return replace(settings, region="") if settings.region else settings


def layout_captions(
    cues: Sequence[tuple[str, CueSettings]], picture: Rect, font: CaptionFont, measure: Measure
) -> list[Placement]:
    """Boxes for the cues showing now, given in start order; empty texts get none."""
    default = CueSettings()
    entries: list[tuple[str, CueSettings]] = []
    plain: list[str] = []
    for text, settings in cues:
        if not text:
            continue
        settings = effective_settings(settings)
        if settings == default:
            if not plain:
                entries.append(("", default))  # the shared box takes the first one's turn
            plain.append(text)
        else:
            entries.append((text, settings))
    placed: list[Placement] = []
    for text, settings in entries:
        text = text or "\n".join(plain)
        placed.append(place_cue(text, settings, picture, font, measure, [p.box for p in placed]))
    return placed


def place_cue(
    text: str,
    settings: CueSettings,
    picture: Rect,
    font: CaptionFont,
    measure: Measure,
    taken: Sequence[Rect] = (),
) -> Placement:
    """The box of one cue, not overlapping `taken` if it can, always inside the safe area
    (unless it is taller than it: then it starts at the safe area's top)."""
    settings = effective_settings(settings)
    safe = safe_area(picture)
    rtl = _right_to_left(text)
    left, right = _cue_columns(settings, picture, safe, font, rtl)
    pad = font.padding
    wrap = max(1.0, right - left - 2 * pad)
    text_width, text_height = measure(text, wrap)
    width = min(text_width + 2 * pad, safe.width)
    height = text_height + pad
    side = _side(settings.align, rtl)
    if side == "left":
        x = left
    elif side == "right":
        x = right - width
    else:
        x = left + (right - left - width) / 2
    x = _clamp(x, safe.x, safe.right - width)
    if settings.snap_to_lines:
        y = _snap_to_lines(settings.line, x, width, height, safe, font, taken)
    else:
        y = _by_percentage(settings, x, width, height, picture, safe, taken)
    box = Rect(x, y, width, height)
    inner = Rect(x + pad, y + pad / 2, max(0.0, width - 2 * pad), text_height)
    return Placement(text, box, inner, side)


def _cue_columns(
    settings: CueSettings, picture: Rect, safe: Rect, font: CaptionFont, rtl: bool
) -> tuple[float, float]:
    """Left and right of the cue box: the spec's position, position alignment and size, then
    kept in the safe area and widened to the narrowest readable box around its anchor."""
    position = settings.position
    if position is None:
        position = {"left": 0.0, "right": 100.0}.get(settings.align, 50.0)
    anchor = settings.position_align
    if anchor == "auto":
        anchor = {
            "left": "line-left",
            "right": "line-right",
            "start": "line-right" if rtl else "line-left",
            "end": "line-left" if rtl else "line-right",
        }.get(settings.align, "center")
    if anchor == "line-left":
        maximum = 100 - position
    elif anchor == "line-right":
        maximum = position
    else:
        maximum = 2 * min(position, 100 - position)
    size = min(settings.size, maximum)
    at = picture.x + picture.width * position / 100
    width = picture.width * size / 100
    if anchor == "line-left":
        left = at
    elif anchor == "line-right":
        left = at - width
    else:
        left = at - width / 2
    if anchor == "center":  # trimmed evenly, so the text stays centred where the author put it
        half = min(width / 2, at - safe.x, safe.right - at)
        left, right = at - half, at + half
    else:
        right = min(left + width, safe.right)
        left = max(left, safe.x)
    narrowest = min(safe.width, max(picture.width * MIN_WIDTH_SHARE, font.size * MIN_WIDTH_EM))
    if right - left < narrowest:
        anchor_x = _clamp(at, safe.x, safe.right)
        if anchor == "line-left":
            left = anchor_x
        elif anchor == "line-right":
            left = anchor_x - narrowest
        else:
            left = anchor_x - narrowest / 2
        left = _clamp(left, safe.x, safe.right - narrowest)
        right = left + narrowest
    return left, right


def _snap_to_lines(
    line: float | None,
    x: float,
    width: float,
    height: float,
    safe: Rect,
    font: CaptionFont,
    taken: Sequence[Rect],
) -> float:
    """The spec's line stepping in the safe area: start on line `line` (from the bottom if
    negative; auto is -1), step away from that edge past other captions, turn back once.

    A box counted from the bottom ends on its line, so a two-line caption with the default
    line sits on the bottom edge instead of one padding above it."""
    step = max(1.0, font.line_height + font.padding)  # the height of a one-line box
    number = -1 if line is None else math.floor(line + 0.5)
    lines = math.ceil(safe.height / step) + 2  # any line further out ends in the same place
    number = max(-lines, min(lines, number))
    if number < 0:  # the box's last line on that line (the spec steps the first line there)
        specified, step = safe.bottom + (number + 1) * step - height, -step
    else:
        specified = safe.y + number * step
    y, switched = specified, False
    while True:
        box = Rect(x, y, width, height)
        if safe.contains(box) and not any(box.overlaps(other) for other in taken):
            return y
        if (step < 0 and y < safe.y) or (step > 0 and box.bottom > safe.bottom):
            if switched:  # nowhere free: the spec hides the cue, we overlap instead
                return _clamp(specified, safe.y, safe.bottom - height)
            y, step, switched = specified, -step, True
            continue
        y += step


def _by_percentage(
    settings: CueSettings,
    x: float,
    width: float,
    height: float,
    picture: Rect,
    safe: Rect,
    taken: Sequence[Rect],
) -> float:
    """A percentage line with its line alignment, then the nearest free place in the safe area
    (the highest one on a tie)."""
    at = picture.y + picture.height * (settings.line if settings.line is not None else 100) / 100
    if settings.line_align == "center":
        at -= height / 2
    elif settings.line_align == "end":
        at -= height
    wanted = _clamp(at, safe.y, safe.bottom - height)
    candidates = [wanted]
    for other in taken:
        candidates += [other.y - height, other.bottom]
    free = [
        y
        for y in candidates
        if safe.contains(Rect(x, y, width, height))
        and not any(Rect(x, y, width, height).overlaps(other) for other in taken)
    ]
    if not free:
        return wanted
    return min(free, key=lambda y: (abs(y - wanted), y))


def _side(align: str, rtl: bool) -> Side:
    if align == "start":
        return "right" if rtl else "left"
    if align == "end":
        return "left" if rtl else "right"
    if align in ("left", "right"):
        return align  # type: ignore[return-value]
    return "center"


def _right_to_left(text: str) -> bool:
    """The base direction of the text: that of its first strong character (left-to-right if
    none), as the Unicode bidirectional algorithm finds a paragraph's."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return False
        if kind in ("R", "AL"):
            return True
    return False


def _clamp(value: float, low: float, high: float) -> float:
    """`value` within [low, high]; `low` wins if the range is empty (the box is too big)."""
    return max(low, min(value, high))
