"""Read an MP4's duration from its `mvhd` box, so teachers need not type it in course.toml."""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from player.wording import plural

_CONTAINERS = {b"moov"}
_MAX_DEPTH = 8  # moov holds mvhd directly; a deeper nest is not a movie (and would recurse)


def mp4_duration(path: Path) -> float | None:
    """Seconds, or None when the file has no readable movie header."""
    with open(path, "rb") as handle:
        size_total = path.stat().st_size
        return _scan(handle, 0, size_total)


def _scan(handle: BinaryIO, start: int, end: int, depth: int = 0) -> float | None:
    if depth > _MAX_DEPTH:
        return None
    offset = start
    while offset + 8 <= end:
        handle.seek(offset)
        header = handle.read(8)
        if len(header) < 8:
            return None
        size, kind = struct.unpack(">I4s", header)
        header_len = 8
        if size == 1:
            large = handle.read(8)
            if len(large) < 8:
                return None
            size = struct.unpack(">Q", large)[0]
            header_len = 16
        elif size == 0:
            size = end - offset
        if size < header_len:
            return None
        if kind in _CONTAINERS:
            found = _scan(handle, offset + header_len, offset + size, depth + 1)
            if found is not None:
                return found
        elif kind == b"mvhd":
            body = handle.read(min(size - header_len, 32))
            return _mvhd_duration(body)
        offset += size
    return None


def _mvhd_duration(body: bytes) -> float | None:
    if not body:
        return None
    version = body[0]
    if version == 1 and len(body) >= 32:
        timescale, duration = struct.unpack(">IQ", body[20:32])
    elif version == 0 and len(body) >= 20:
        timescale, duration = struct.unpack(">II", body[12:20])
    else:
        return None
    if not timescale:
        return None
    return duration / timescale


@dataclass(frozen=True)
class Mp4Boxes:
    """What the check of an MP4's top-level boxes found."""

    problem: str | None = None  # why the file cannot be packaged, or None
    # Bytes after the last box that are not a box (a Samsung phone's trailer, an editor's zero
    # padding): players ignore them, so they are packaged as they are, with a warning.
    ignored: int = 0
    ignored_from: int = 0


def mp4_boxes(path: Path) -> Mp4Boxes:
    """Check that the file's top-level boxes are whole and hold a `moov` and an `mdat`. A copy cut
    short (`head -c`, a download stopped half-way) ends inside a box, or before its media data,
    yet its `moov` may still be read whole, duration and all: the player would stop there, or
    play nothing. Bytes after the last box that do not start a box are not a cut (every box
    starts with a size and four printable characters): phones and editors append them, and
    FFmpeg plays such files."""
    size_total = path.stat().st_size
    found: set[bytes] = set()
    offset = 0
    with open(path, "rb") as handle:
        while offset < size_total:
            handle.seek(offset)
            header = handle.read(16)
            size, kind = struct.unpack(">I4s", header[:8]) if len(header) >= 8 else (0, b"")
            header_len = 16 if size == 1 else 8
            if size == 1 and len(header) >= 16:
                size = struct.unpack(">Q", header[8:16])[0]
            elif size == 0:  # "to the end of the file": the last box may say so
                size = size_total - offset
            if len(header) < header_len or not _is_box_type(kind) or size < header_len:
                if offset == 0:
                    return Mp4Boxes("not an MP4: it does not start with a box")
                return _whole(found, Mp4Boxes(ignored=size_total - offset, ignored_from=offset))
            if offset + size > size_total:
                return Mp4Boxes(
                    f"cut short or not an MP4: its box {kind.decode('ascii')!r} at byte {offset} "
                    f"runs past the end of the file ({plural(size_total, 'byte')})"
                )
            found.add(kind)
            offset += size
    return _whole(found, Mp4Boxes())


def _whole(found: set[bytes], boxes: Mp4Boxes) -> Mp4Boxes:
    """`boxes`, unless a box every playable MP4 holds is missing: a copy cut before its media data
    (at a box's end, or in the first bytes of the mdat's header) has whole boxes only."""
    if b"moov" not in found:
        return Mp4Boxes("not a playable MP4: it has no 'moov' box (the movie's header)")
    if b"mdat" not in found:
        return Mp4Boxes("cut short or not an MP4: it has no 'mdat' box (the movie's data)")
    return boxes


def _is_box_type(kind: bytes) -> bool:
    """Box types are four printable ASCII characters ('moov', 'mdat', 'free'...)."""
    return len(kind) == 4 and all(0x20 <= byte <= 0x7E for byte in kind)
