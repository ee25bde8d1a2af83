"""Read an MP4's duration from its `mvhd` box, so teachers need not type it in course.toml."""

from __future__ import annotations

import struct
from pathlib import Path
from typing import BinaryIO

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
