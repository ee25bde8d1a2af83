"""A subtitle file read, checked against the course and parsed: a worker's part (the view
waits for the cues on its task runner), touching no widget."""

from __future__ import annotations

import hashlib
from pathlib import Path

from player.course.cues import Cue
from player.course.manifest import FileRef
from player.course.subtitles import parse_subtitles


class SubtitleFileAltered(Exception):
    """The subtitle file is not the course's any more (missing, changed, unreadable)."""


def read_cues(path: Path, ref: FileRef, label: str) -> tuple[Cue, ...]:
    """Read, check and parse a subtitle file. Raises `SubtitleFileAltered` (the view words
    it) or `SourceError`."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(ref.size + 1)  # the size was checked against the limit
    except OSError as exc:
        raise SubtitleFileAltered(exc.strerror or type(exc).__name__) from None
    if len(data) != ref.size or hashlib.sha256(data).hexdigest() != ref.sha256:
        raise SubtitleFileAltered("the file changed")
    return parse_subtitles(data, label, media_type=ref.media_type)
