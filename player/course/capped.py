"""Reading a course file at most so many bytes, or refusing it: one rule and one message for the
GIFT files, readings, subtitles and transcripts a build (or the player) would otherwise read
whole, however big, before noticing."""

from __future__ import annotations

import os
from pathlib import Path

from player.course.errors import SourceError


def too_big(what: str, size: int, limit: int, advice: str = "") -> str:
    """The one-line reason for a file of `size` bytes over `limit` (whole MiB)."""
    reason = f"{what} is {size} bytes, over the limit of {limit} ({limit // (1024 * 1024)} MiB)"
    return f"{reason}: {advice}" if advice else reason


def read_capped(path: Path, limit: int, file: str, what: str, advice: str = "") -> bytes:
    """The file's bytes, or `SourceError` (naming `file`) when it holds more than `limit`: one
    over it is refused unread, and never more than `limit` + 1 bytes are read."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = b"" if size > limit else handle.read(limit + 1)  # a file still growing is cut
        if size > limit or len(data) > limit:
            raise SourceError(file, too_big(what, max(size, len(data)), limit, advice))
    return data
