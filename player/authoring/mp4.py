"""Read an MP4's duration from its `mvhd` box, so teachers need not type it in course.toml."""

from __future__ import annotations

import dataclasses
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from player.wording import plural

_CONTAINERS = {b"moov"}
_MAX_DEPTH = 8  # moov holds mvhd directly; a deeper nest is not a movie (and would recurse)


def mp4_duration(path: Path) -> float | None:
    """Seconds, or None when the file has no readable movie header. A fragmented MP4's header
    says only what its moov holds (nothing, as `ffmpeg -movflags empty_moov` writes it): its
    fragments say the rest."""
    with open(path, "rb") as handle:
        size_total = path.stat().st_size
        duration = _scan(handle, 0, size_total)
        if duration is None:
            return None
        fragments = _fragments(handle, size_total)
        return duration if fragments is None else max(duration, fragments.end)


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
    fragments: Mp4Fragments | None = None  # a fragmented MP4's timing
    # Seconds the movie lasts, as mp4_duration says (its mvhd, or its fragments' end if later),
    # when its header says it: read here, in the moov found, so the file is walked once.
    duration: float | None = None


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
    last = (b"", 0)  # the type of the last whole box, and where it starts
    moov = (0, 0)  # where the first moov's body starts and ends
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
                ignored = Mp4Boxes(ignored=size_total - offset, ignored_from=offset)
                whole = _whole(found, ignored)
                return _timed(
                    handle, moov, _checked_fragments(handle, size_total, found, last, whole)
                )
            if offset + size > size_total:
                return Mp4Boxes(
                    f"cut short or not an MP4: its box {kind.decode('ascii')!r} at byte {offset} "
                    f"runs past the end of the file ({plural(size_total, 'byte')})"
                )
            if kind == b"moov" and kind not in found:
                moov = (offset + header_len, offset + size)
            found.add(kind)
            last, offset = (kind, offset), offset + size
        whole = _whole(found, Mp4Boxes())
        return _timed(handle, moov, _checked_fragments(handle, size_total, found, last, whole))


def _timed(handle: BinaryIO, moov: tuple[int, int], boxes: Mp4Boxes) -> Mp4Boxes:
    """`boxes` with the movie's duration, held against course.toml's (a plain MP4's mvhd was
    read only when course.toml had none)."""
    if boxes.problem is not None:
        return boxes
    duration = _scan(handle, *moov, depth=1)
    if duration is not None and boxes.fragments is not None:
        duration = max(duration, boxes.fragments.end)
    return dataclasses.replace(boxes, duration=duration)


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


# A fragmented MP4 (ffmpeg -movflags frag_keyframe, OBS, browsers' recorders) is a moov whose
# mvex says more is to come, then moof and mdat pairs. Cut between two fragments, every box is
# whole, and FFmpeg plays it to the cut without a word (QMediaPlayer: EndOfMedia at 4880 ms of the
# fixture's 10.048 s): only the time its fragments reach tells, against what the file announces
# (mehd: refused) or the course does (a warning: a duration rounded up looks the same). A quarter
# of a second: more than an edit list trims (AAC priming, the delay of B-frames: 20 to 100 ms),
# less than a fragment (one per keyframe, 0.5 to 10 s apart; the fixture's last lasts 0.44 s).
FRAGMENT_SLACK = 0.25
_MAX_MOOF = 1 << 20  # a moof describes its samples in 16 bytes each at most: 65,000 of them


@dataclass(frozen=True)
class Mp4Fragments:
    """The time a fragmented MP4's fragments reach, and what its mvex announced."""

    end: float  # seconds the longest track lasts: its moov's samples, then its fragments
    announced: float | None  # mehd's fragment_duration, when the writer knew it (> 0)


def mp4_fragments(path: Path) -> Mp4Fragments | None:
    """None for an MP4 that is not fragmented, or whose fragments cannot be timed."""
    with open(path, "rb") as handle:
        return _fragments(handle, path.stat().st_size)


def _checked_fragments(
    handle: BinaryIO, size_total: int, found: set[bytes], last: tuple[bytes, int], boxes: Mp4Boxes
) -> Mp4Boxes:
    """`boxes` with the timing of its fragments, unless they say it was cut. A fragment is a moof
    (where its samples are, how long they last) then an mdat: a copy cut right after a moof has
    no media data for it; one cut after an mdat, fragments the mvex's mehd announced."""
    if boxes.problem is not None or b"moof" not in found:
        return boxes
    if last[0] == b"moof":
        return Mp4Boxes(
            f"cut short: its last fragment (its box 'moof' at byte {last[1]}) has no media data "
            "after it (an 'mdat' box)"
        )
    fragments = _fragments(handle, size_total)
    if fragments and fragments.announced and fragments.end < fragments.announced - FRAGMENT_SLACK:
        return Mp4Boxes(
            f"cut short: its fragments end at {fragments.end:g} s, before the "
            f"{fragments.announced:g} s its header announces (box 'mehd')"
        )
    return dataclasses.replace(boxes, fragments=fragments)


def _children(handle: BinaryIO, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, body start, body end) of each whole box between `start` and `end`."""
    offset = start
    while offset + 8 <= end:
        handle.seek(offset)
        header = handle.read(16)
        if len(header) < 8:
            return
        size, kind = struct.unpack(">I4s", header[:8])
        header_len = 8
        if size == 1 and len(header) == 16:
            size, header_len = struct.unpack(">Q", header[8:])[0], 16
        elif size == 0:
            size = end - offset
        if size < header_len or offset + size > end:
            return
        yield kind, offset + header_len, offset + size
        offset += size


def _read(handle: BinaryIO, start: int, end: int, limit: int = 64) -> bytes:
    handle.seek(start)
    return handle.read(min(end - start, limit))


def _fragments(handle: BinaryIO, size_total: int) -> Mp4Fragments | None:
    """Time the fragments from their headers: each traf's tfdt (the decode time its samples
    start at) and trun (their durations, or the tfhd's or trex's default), in its track's
    timescale (mdhd). Reads the moov's small boxes and each moof, never the media data."""
    tracks: dict[int, tuple[int, int]] = {}  # track_ID: (timescale, duration in the moov)
    defaults: dict[int, int] = {}  # track_ID: trex default_sample_duration
    movie_scale, mehd, fragmented = 0, 0, False
    moofs: list[tuple[int, int]] = []
    traks: list[tuple[int, int]] = []
    for kind, start, end in _children(handle, 0, size_total):
        if kind == b"moof" and end - start <= _MAX_MOOF:
            moofs.append((start, end))
        if kind != b"moov":
            continue
        for inner, istart, iend in _children(handle, start, end):
            body = _read(handle, istart, iend)
            if inner == b"mvhd" and len(body) >= 24:
                movie_scale = struct.unpack(">I", body[20:24] if body[0] == 1 else body[12:16])[0]
            elif inner == b"trak":
                traks.append((istart, iend))
            elif inner == b"mvex":
                fragmented = True
                for kind_x, xstart, xend in _children(handle, istart, iend):
                    body = _read(handle, xstart, xend)
                    if kind_x == b"mehd" and len(body) >= 12 and body[0] == 1:
                        (mehd,) = struct.unpack(">Q", body[4:12])
                    elif kind_x == b"mehd" and len(body) >= 8:
                        (mehd,) = struct.unpack(">I", body[4:8])
                    elif kind_x == b"trex" and len(body) >= 20:
                        track_id, _, duration = struct.unpack(">III", body[4:16])
                        defaults[track_id] = duration
    if not fragmented:
        return None
    for start, end in traks:
        track = _track(handle, start, end)
        if track:
            tracks[track[0]] = track[1:]
    if not tracks:
        return None
    # A traf without a tfdt (older writers) follows the one before, the first the moov's samples.
    # A recording cut from a live or DASH stream starts its fragments at the stream's time (tfdt
    # 3600 s into it): a track lasts from its first fragment's start, after the moov's samples.
    ends = {track_id: moov_duration for track_id, (_, moov_duration) in tracks.items()}
    firsts: dict[int, int] = {}  # track_ID: where its first fragment starts
    for start, end in moofs:
        handle.seek(start)
        _time_moof(handle.read(end - start), ends, firsts, defaults)
    seconds = [
        max(0, ends[t] - firsts.get(t, moov) + moov) / scale
        for t, (scale, moov) in tracks.items()
        if scale
    ]
    announced = mehd / movie_scale if mehd and movie_scale else None  # in the movie's timescale
    return Mp4Fragments(max(seconds, default=0.0), announced)


def _track(handle: BinaryIO, start: int, end: int) -> tuple[int, int, int] | None:
    """(track_ID, timescale, duration) from a trak's tkhd and mdhd."""
    track_id = timescale = duration = None
    for kind, bstart, bend in _children(handle, start, end):
        if kind == b"tkhd":
            body = _read(handle, bstart, bend)
            at = 20 if body[:1] == b"\x01" else 12
            if len(body) >= at + 4:
                track_id = struct.unpack(">I", body[at : at + 4])[0]
        elif kind == b"mdia":
            for inner, mstart, mend in _children(handle, bstart, bend):
                if inner == b"mdhd":
                    body = _read(handle, mstart, mend)
                    if body[:1] == b"\x01" and len(body) >= 32:
                        timescale, duration = struct.unpack(">IQ", body[20:32])
                    elif len(body) >= 20:
                        timescale, duration = struct.unpack(">II", body[12:20])
    if track_id is None or timescale is None or duration is None:
        return None
    return track_id, timescale, duration


def _time_moof(
    moof: bytes, ends: dict[int, int], firsts: dict[int, int], defaults: dict[int, int]
) -> None:
    """Move each track's end (in `ends`) to where this fragment's samples end, and note where
    its first fragment starts (in `firsts`)."""
    for kind, start, end in _boxes_in(moof, 0, len(moof)):
        if kind != b"traf":
            continue
        track_id, default, base, total = None, None, None, 0
        for inner, istart, iend in _boxes_in(moof, start, end):
            body = moof[istart:iend]
            if inner == b"tfhd" and len(body) >= 8:
                flags = int.from_bytes(body[1:4], "big")
                track_id = struct.unpack(">I", body[4:8])[0]
                at = 8 + (8 if flags & 0x01 else 0) + (4 if flags & 0x02 else 0)
                if flags & 0x08 and len(body) >= at + 4:
                    default = struct.unpack(">I", body[at : at + 4])[0]
            elif inner == b"tfdt" and len(body) >= 8:
                wide = body[0] == 1 and len(body) >= 12
                base = (
                    struct.unpack(">Q", body[4:12])[0]
                    if wide
                    else struct.unpack(">I", body[4:8])[0]
                )
            elif inner == b"trun" and track_id is not None:
                total += _trun_duration(
                    body, default if default is not None else defaults.get(track_id, 0)
                )
        if track_id in ends:
            begins = ends[track_id] if base is None else base
            firsts.setdefault(track_id, begins)
            ends[track_id] = begins + total


def _trun_duration(body: bytes, default: int) -> int:
    """The sum of a trun's sample durations (ISO/IEC 14496-12 section 8.8.8)."""
    if len(body) < 8:
        return 0
    flags = int.from_bytes(body[1:4], "big")
    (count,) = struct.unpack(">I", body[4:8])
    if not flags & 0x100:
        return count * default
    at = 8 + (4 if flags & 0x001 else 0) + (4 if flags & 0x004 else 0)
    entry = 4 * bin(flags & 0xF00).count("1")
    count = min(count, (len(body) - at) // entry)
    return sum(struct.unpack_from(">I", body, at + i * entry)[0] for i in range(count))


def _boxes_in(data: bytes, start: int, end: int) -> Iterator[tuple[bytes, int, int]]:
    """(type, body start, body end) of each whole box of `data` between `start` and `end`."""
    offset = start
    while offset + 8 <= end:
        size, kind = struct.unpack_from(">I4s", data, offset)
        if size < 8 or offset + size > end:
            return
        yield kind, offset + 8, offset + size
        offset += size
