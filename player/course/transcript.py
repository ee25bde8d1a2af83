"""A video's transcript: the words of the video as a text file of their own, packaged for the
learner who cannot or would rather not listen. Nothing parses it; its size is still bounded, as
every course text is (player/course/capped.py)."""

from __future__ import annotations

from pathlib import Path

from player.course.capped import read_capped

MAX_TRANSCRIPT_BYTES = 1024 * 1024
"""A transcript over this is refused before it is read whole. Speech runs at about 150 words a
minute, some 60 KB of text an hour (about as much in a script of 3-byte characters, which says
more per character): 1 MiB is over 15 hours of talk, far more than one video holds. The
reading's limit too: a transcript is text to read as a reading is, and as big a one still opens
at once."""


def read_transcript(path: Path, name: str | None = None) -> bytes:
    """A transcript's bytes, refused (`SourceError`) over MAX_TRANSCRIPT_BYTES; `name` is how
    errors call it."""
    advice = "a transcript holds the words of its video, about 60 KB an hour"
    return read_capped(path, MAX_TRANSCRIPT_BYTES, name or str(path), "transcript", advice)
