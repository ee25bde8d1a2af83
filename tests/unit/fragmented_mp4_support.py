"""The MP4 fixture rewritten as a fragmented MP4, in the layout `ffmpeg -movflags
frag_keyframe+empty_moov` writes (and OBS's and browsers' recorders, less the index): a moov whose
tracks hold no sample and say no duration, an mvex, then one moof and mdat pair per keyframe of the
video, then (FFmpeg's trailer) an mfra. No ffmpeg here: the samples are moved, not encoded again,
so the file plays as the fixture does (QMediaPlayer offscreen: to EndOfMedia at about 10 s)."""

from __future__ import annotations

import struct
from dataclasses import dataclass

_CONTAINERS = {b"moov", b"trak", b"mdia", b"minf", b"stbl", b"mvex"}


def box(kind: bytes, *parts: bytes) -> bytes:
    body = b"".join(parts)
    return struct.pack(">I4s", 8 + len(body), kind) + body


def full_box(kind: bytes, version: int, flags: int, *parts: bytes) -> bytes:
    return box(kind, struct.pack(">I", version << 24 | flags), *parts)


def children(data: bytes) -> list[tuple[bytes, bytes]]:
    """The boxes of `data`, each (type, body)."""
    out, at = [], 0
    while at + 8 <= len(data):
        size, kind = struct.unpack_from(">I4s", data, at)
        out.append((kind, data[at + 8 : at + size]))
        at += size
    return out


def child(data: bytes, *path: bytes) -> bytes:
    for kind in path:
        data = next(body for found, body in children(data) if found == kind)
    return data


@dataclass(frozen=True)
class Sample:
    offset: int
    size: int
    decode: int  # decode time, in the track's timescale
    duration: int
    composition: int  # composition offset
    sync: bool


def _table(body: bytes, width: int) -> list[tuple[int, ...]]:
    (count,) = struct.unpack_from(">I", body, 4)
    return [struct.unpack_from(">" + "I" * width, body, 8 + 4 * width * i) for i in range(count)]


def samples(stbl: bytes) -> list[Sample]:
    """Every sample of a track, from its sample table."""
    sizes_body = child(stbl, b"stsz")
    fixed, count = struct.unpack_from(">II", sizes_body, 4)
    sizes = [fixed] * count if fixed else list(struct.unpack_from(f">{count}I", sizes_body, 12))
    durations = [d for n, d in _table(child(stbl, b"stts"), 2) for _ in range(n)]
    kinds = {kind for kind, _ in children(stbl)}
    offsets_ct = [0] * count
    if b"ctts" in kinds:
        offsets_ct = [c for n, c in _table(child(stbl, b"ctts"), 2) for _ in range(n)]
    syncs = {n - 1 for (n,) in _table(child(stbl, b"stss"), 1)} if b"stss" in kinds else None
    chunks = [c for (c,) in _table(child(stbl, b"stco"), 1)]
    runs = _table(child(stbl, b"stsc"), 3)
    out, index, decode = [], 0, 0
    for number, chunk_offset in enumerate(chunks, start=1):
        per_chunk = next(n for first, n, _ in reversed(runs) if first <= number)
        at = chunk_offset
        for _ in range(per_chunk):
            out.append(
                Sample(
                    at,
                    sizes[index],
                    decode,
                    durations[index],
                    offsets_ct[index],
                    syncs is None or index in syncs,
                )
            )
            at += sizes[index]
            decode += durations[index]
            index += 1
    return out


def _empty_stbl(stbl: bytes) -> bytes:
    empty = {
        b"stts": full_box(b"stts", 0, 0, bytes(4)),
        b"stsc": full_box(b"stsc", 0, 0, bytes(4)),
        b"stsz": full_box(b"stsz", 0, 0, bytes(8)),
        b"stco": full_box(b"stco", 0, 0, bytes(4)),
    }
    kept = [box(b"stsd", child(stbl, b"stsd"))]
    return box(b"stbl", *kept, *empty.values())


def _zero_duration(kind: bytes, body: bytes) -> bytes:
    """mvhd, tkhd, mdhd (version 0) with a duration of 0, as an empty moov says it."""
    at = {b"mvhd": 16, b"tkhd": 20, b"mdhd": 16}[kind]
    return box(kind, body[:at] + bytes(4) + body[at + 4 :])


def _rebuild(kind: bytes, body: bytes) -> bytes:
    if kind in (b"mvhd", b"tkhd", b"mdhd"):
        return _zero_duration(kind, body)
    if kind == b"edts":
        return b""
    if kind == b"stbl":
        return _empty_stbl(body)
    if kind in _CONTAINERS:
        return box(kind, *(_rebuild(k, b) for k, b in children(body)))
    return box(kind, body)


@dataclass(frozen=True)
class Fragmented:
    data: bytes
    moofs: tuple[int, ...]  # where each fragment starts
    mfra: int  # where the index starts (the end of the last fragment)
    starts: tuple[float, ...]  # seconds: where each fragment's video starts


def fragmented(
    mp4: bytes, *, mehd: bool = False, mfra: bool = True, offset: float = 0.0
) -> Fragmented:
    """`mp4` cut in one fragment per keyframe of its first (video) track. With `mehd`, the mvex
    says the whole duration (as an encoder that knows it in advance may). `offset` seconds are
    added to every fragment's decode time (tfdt), as in a recording cut from a live stream."""
    moov = child(mp4[: _top_end(mp4, b"moov")], b"moov")
    traks = [body for kind, body in children(moov) if kind == b"trak"]
    tracks = []
    for trak in traks:
        track_id = struct.unpack_from(">I", child(trak, b"tkhd"), 12)[0]
        timescale = struct.unpack_from(">I", child(trak, b"mdia", b"mdhd"), 12)[0]
        tracks.append((track_id, timescale, samples(child(trak, b"mdia", b"minf", b"stbl"))))
    _, video_scale, video = tracks[0]
    cuts = [*(s.decode / video_scale for s in video if s.sync), float("inf")][1:]
    (movie_duration,) = struct.unpack_from(">I", child(moov, b"mvhd"), 16)
    mvex = [full_box(b"mehd", 0, 0, struct.pack(">I", movie_duration))] if mehd else []
    for track_id, _, _ in tracks:
        mvex.append(full_box(b"trex", 0, 0, struct.pack(">IIIII", track_id, 1, 0, 0, 0)))
    header = mp4[: _top_end(mp4, b"ftyp")]
    header += box(b"moov", *(_rebuild(k, b) for k, b in children(moov)), box(b"mvex", *mvex))
    out, moofs, starts, start = bytearray(header), [], [], 0.0
    shifts = [round(offset * scale) for _, scale, _ in tracks]
    for number, end in enumerate(cuts, start=1):
        parts = [
            (track_id, [s for s in found if start <= s.decode / scale < end])
            for track_id, scale, found in tracks
        ]
        moofs.append(len(out))
        starts.append(start)
        out += _fragment(mp4, number, parts, shifts)
        start = end
    index = len(out)
    if mfra:
        out += box(b"mfra", full_box(b"mfro", 0, 0, struct.pack(">I", 16)))
    return Fragmented(bytes(out), tuple(moofs), index, tuple(starts))


def _fragment(
    mp4: bytes, number: int, parts: list[tuple[int, list[Sample]]], shifts: list[int]
) -> bytes:
    def moof(data_offsets: list[int]) -> bytes:
        trafs = []
        for (track_id, found), data_offset, shift in zip(parts, data_offsets, shifts, strict=True):
            entries = b"".join(
                struct.pack(">IIII", s.duration, s.size, 0 if s.sync else 0x10000, s.composition)
                for s in found
            )
            trafs.append(
                box(
                    b"traf",
                    full_box(b"tfhd", 0, 0x020000, struct.pack(">I", track_id)),
                    full_box(
                        b"tfdt", 1, 0, struct.pack(">Q", shift + (found[0].decode if found else 0))
                    ),
                    full_box(
                        b"trun", 0, 0xF01, struct.pack(">Ii", len(found), data_offset), entries
                    ),
                )
            )
        return box(b"moof", full_box(b"mfhd", 0, 0, struct.pack(">I", number)), *trafs)

    payloads = [b"".join(mp4[s.offset : s.offset + s.size] for s in found) for _, found in parts]
    size = len(moof([0] * len(parts)))
    offsets, at = [], size + 8
    for payload in payloads:
        offsets.append(at)
        at += len(payload)
    return moof(offsets) + box(b"mdat", *payloads)


def _top_end(mp4: bytes, kind: bytes) -> int:
    at = 0
    while True:
        size, found = struct.unpack_from(">I4s", mp4, at)
        if found == kind:
            return at + size
        at += size
