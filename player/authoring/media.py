"""Sanity checks of a course's audio and video files before they are packaged.

An empty file or a copy cut short (a transfer stopped half-way, `head -c`) was packaged without a
word, and learners found it broken offline, where nothing can be fetched again. These are checks of
structure only, cheap enough for every build (no decoding): each format's framing must fill the
file, or at least the file must start the way every file of its format starts. An MP4 may end with
bytes that are not a box (phones and editors append them, players ignore them): a warning only.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from player.authoring.mp4 import FRAGMENT_SLACK, mp4_boxes
from player.wording import plural

_OGG_HEADER = 27  # capture pattern "OggS" .. page segment count (RFC 3533 section 6)
_EBML_MAGIC = b"\x1a\x45\xdf\xa3"  # every WebM (Matroska) file starts with its EBML header


@dataclass(frozen=True)
class MediaCheck:
    problem: str | None = None  # why the file is refused
    warning: str | None = None  # what is packaged as it is, though the teacher should know


def check_media(path: Path, media_type: str, declared: float | None = None) -> MediaCheck:
    """Whether the audio or video file at `path` can be what `media_type` says, and last as
    long as the `declared` seconds of course.toml (a fragmented MP4 cut between two fragments
    says nothing else of its cut)."""
    size = path.stat().st_size
    if size == 0:
        return MediaCheck("is empty (0 bytes): copy the whole file again")
    if media_type in ("video/mp4", "audio/mp4"):
        boxes = mp4_boxes(path)
        if boxes.problem is None and declared is not None:
            fragments = boxes.fragments
            if fragments is not None and fragments.end < declared - FRAGMENT_SLACK:
                return MediaCheck(
                    f"cut short: its fragments end at {fragments.end:g} s, before the unit's "
                    f"duration ({declared:g} s)"
                )
        if boxes.problem is None and boxes.ignored:
            verb = "does" if boxes.ignored == 1 else "do"  # 'its last 1 byte ... does not'
            return MediaCheck(
                warning=f"its last {plural(boxes.ignored, 'byte')}, from byte "
                f"{boxes.ignored_from}, {verb} not form an MP4 box: ignored by players, "
                "packaged as is"
            )
        return MediaCheck(boxes.problem)
    if media_type == "audio/ogg":
        return MediaCheck(_ogg_problem(path, size))
    with open(path, "rb") as handle:
        head = handle.read(4)
    if media_type == "video/webm" and head != _EBML_MAGIC:
        return MediaCheck("not a WebM file: it does not start with an EBML header")
    if media_type == "audio/mpeg" and not (head[:3] == b"ID3" or _mpeg_sync(head)):
        return MediaCheck(
            "not an MP3 file: it starts with neither an ID3 tag nor an MPEG audio frame"
        )
    return MediaCheck()


def _mpeg_sync(head: bytes) -> bool:
    return len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0


def _ogg_problem(path: Path, size: int) -> str | None:
    """Ogg is a chain of pages, each giving its own length: they must tile the file. The last page
    need not end the stream (RFC 3533 asks it to, but Android's MediaRecorder, Telegram's voice
    notes and MuseScore never say so, and FFmpeg, the player's, plays them); it must finish its
    last packet, as no page follows to carry the rest. One read of 27 to 282 bytes per page of 4
    to 8 KB."""
    offset = 0
    table = b""
    with open(path, "rb") as handle:
        while offset < size:
            handle.seek(offset)
            header = handle.read(_OGG_HEADER)
            if len(header) < _OGG_HEADER and header[:4] == b"OggS"[: len(header)]:
                return f"cut short: the file ends in the header of its page at byte {offset}"
            if header[:4] != b"OggS":
                if offset == 0:
                    return "not an Ogg file: it does not start with 'OggS'"
                return f"damaged: no Ogg page starts at byte {offset}, where the one before ends"
            segments = header[26]
            table = handle.read(segments)
            length = _OGG_HEADER + segments + sum(table)
            if len(table) < segments or offset + length > size:
                return (
                    f"cut short: its page at byte {offset} runs past the end of the file "
                    f"({plural(size, 'byte')})"
                )
            offset += length
    # A lacing value of 255 says the packet goes on in the next page: a cut between two pages.
    if table[-1:] == b"\xff":
        return "cut short: its last page ends inside a packet that no page finishes"
    return None
