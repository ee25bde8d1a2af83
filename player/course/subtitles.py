"""Reading a subtitle file: its size bound, its format (WebVTT or SubRip) and the parser for it.

`strict` separates the two users: `cartable-pack build` parses with strict=True so that a teacher
hears about a cue a player would silently drop (bad timing, `-->` in cue text, a block that is
neither a cue nor a NOTE/STYLE/REGION, a cue ending before it starts, bytes that do not decode);
the player parses with strict=False and shows what the spec's parser keeps. A file with no cues,
a missing WebVTT signature and a malformed SubRip timing line are errors in both modes.
"""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Literal

from player.course.capped import read_capped, too_big
from player.course.cues import Cue
from player.course.errors import SourceError
from player.course.srt import parse_srt
from player.course.subtitle_decoding import decode_subtitles
from player.course.webvtt import parse_webvtt

SubtitleFormat = Literal["webvtt", "srt"]

#: A day of dense subtitles is about 3 MB; a bigger file is a mistake or an attack, and parsing
#: it would cost some 15 times its size in memory and seconds of a busy main thread.
MAX_SUBTITLE_BYTES = 8 * 1024 * 1024

# Media types written into the manifest for each extension (and read back to pick a parser).
_FORMAT_BY_MEDIA_TYPE: dict[str, SubtitleFormat] = {
    "text/vtt": "webvtt",
    "application/x-subrip": "srt",
    "application/srt": "srt",
    "text/srt": "srt",
}


def parse_subtitles(
    data: bytes, file: str, *, media_type: str = "", strict: bool = False, encoding: str = ""
) -> tuple[Cue, ...]:
    """Decode (`decode_subtitles`: UTF-8, a byte-order mark's, or course.toml's `encoding`) and
    parse as WebVTT or SubRip.

    The format comes from `media_type` if given, else the extension of `file`, else the content
    (a file starting with "WEBVTT" is WebVTT; blobs in a package have no extension).
    """
    check_subtitle_size(len(data), file)
    text = decode_subtitles(data, file, encoding=encoding, strict=strict)
    fmt = subtitle_format(file, media_type, text)
    if fmt == "webvtt":
        return parse_webvtt(text, file, strict=strict)
    return parse_srt(text, file, strict=strict)


def check_subtitle_size(size: int, file: str) -> None:
    """Refuse a subtitle file of `size` bytes over `MAX_SUBTITLE_BYTES` (the player asks before
    reading it)."""
    if size > MAX_SUBTITLE_BYTES:
        raise SourceError(file, too_big("subtitle file", size, MAX_SUBTITLE_BYTES))


def read_subtitles(path: Path) -> bytes:
    """A subtitle file's bytes, refused over `MAX_SUBTITLE_BYTES` before it is read whole."""
    return read_capped(path, MAX_SUBTITLE_BYTES, str(path), "subtitle file")


def subtitle_format(file: str, media_type: str = "", text: str = "") -> SubtitleFormat:
    """Which parser reads this file: declared media type, then extension, then signature."""
    declared = _FORMAT_BY_MEDIA_TYPE.get(media_type.split(";")[0].strip().lower())
    if declared:
        return declared
    lowered = file.lower()
    if lowered.endswith(".vtt"):
        return "webvtt"
    if lowered.endswith(".srt"):
        return "srt"
    return "webvtt" if text.lstrip("\ufeff").startswith("WEBVTT") else "srt"


def utf8_subtitles(data: bytes, file: str, *, encoding: str = "") -> bytes:
    """The file as a package holds it: UTF-8, so that every player reads it. A UTF-8 file, with
    or without a byte-order mark, is kept byte for byte (a course built before keeps its blobs);
    any other is decoded strictly and written as UTF-8 without a mark, line endings kept."""
    utf8 = decode_subtitles(data, file, encoding=encoding, strict=True).encode("utf-8")
    if data in (utf8, codecs.BOM_UTF8 + utf8):
        return data
    check_subtitle_size(len(utf8), f"{file} (as UTF-8)")
    return utf8
