"""A video's transcript: the words of the video as a text file of their own, packaged for the
learner who cannot or would rather not listen, and shown as Markdown. Its size is bounded, as
every course text is (player/course/capped.py), and the build takes UTF-8 text only: the player
decodes nothing else."""

from __future__ import annotations

from pathlib import Path

from player.course.capped import read_capped
from player.course.text_problems import decode_text

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


def read_transcript_text(path: Path, name: str | None = None) -> str:
    """A transcript's text, for the build: one that is not UTF-8 (a Latin-1 file, a video named by
    mistake) would fail on every learner's computer, and one holding control characters (a
    binary or UTF-16 file that decodes) is not text to show, so either is refused (`SourceError`)
    naming the line and the first bad byte or character, as branding and subtitle files are. A
    byte-order mark is kept, as a reading's is: UTF-8 decodes it."""
    file = name or str(path)
    return decode_text(read_transcript(path, file), file, "a transcript")
