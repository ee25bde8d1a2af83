"""Sanity checks of a course's audio and video files before they are packaged.

An empty file or a copy cut short (a transfer stopped half-way, `head -c`) was packaged without a
word, and learners found it broken offline, where nothing can be fetched again. These are checks of
structure only, cheap enough for every build (no decoding): each format's framing must fill the
file, or at least the file must start the way every file of its format starts. An MP4 may end with
bytes that are not a box, a WebM after its clusters with bytes that are no element (phones,
editors and tools append them, players ignore them): a warning only.

The file's own length is read from its headers where they say it (MP4 and WebM headers, an Ogg's
last page, an MP3's Xing header or its constant bitrate): a `duration` in course.toml that
contradicts it was packaged silently, and the player counts the watched share and the traces
over course.toml's (`duration = 330` for a 10 s video could never be completed). An MP3's is an
estimate (a header a joined file contradicts, a bitrate sampled, not every frame read), so it
grounds warnings, never a refusal.
"""

from __future__ import annotations

import dataclasses
import math
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from player.authoring.mp4 import FRAGMENT_SLACK, mp4_boxes
from player.wording import plural

_OGG_HEADER = 27  # capture pattern "OggS" .. page segment count (RFC 3533 section 6)
_EBML_MAGIC = b"\x1a\x45\xdf\xa3"  # every WebM (Matroska) file starts with its EBML header


@dataclass(frozen=True)
class MediaCheck:
    problem: str | None = None  # why the file is refused
    warning: str | None = None  # what is packaged as it is, though the teacher should know
    duration: float | None = None  # seconds the file lasts, when its headers say it
    estimated: bool = False  # `duration` is an MP3's frame count or bitrate, not counted samples


def check_media(path: Path, media_type: str, declared: float | None = None) -> MediaCheck:
    """Whether the audio or video file at `path` can be what `media_type` says, and how long it
    lasts. A `declared` duration (course.toml's) that differs from the file's by more than
    `duration_slack` is warned of, not refused: the teacher may know better (an edit list, a
    header a tool got wrong). A fragmented MP4 ending before it is warned of in its own words:
    cut between two fragments, or the duration rounded up (300 for 4:59.6), nothing tells which."""
    check = _check(path, media_type, declared)
    if check.problem or check.duration is None or declared is None:
        return check
    if abs(check.duration - declared) <= duration_slack(check.duration):
        return check
    if check.warning and _SHORTER in check.warning:
        return check  # a fragmented MP4 ending early: said already, with its cause
    said = _mismatch(check.duration, declared, video=media_type.startswith("video/"))
    warning = f"{check.warning}; {said}" if check.warning else said
    return dataclasses.replace(check, warning=warning)


def duration_slack(duration: float) -> float:
    """How far course.toml's duration may be from the file's without a word: a rounded figure
    (300 for 4:59.6) or an edit list's trim is no mistake, a duration in minutes (5 for 300) or
    another file's is."""
    return max(1.0, 0.02 * duration)


def _mismatch(duration: float, declared: float, *, video: bool) -> str:
    if video:
        return (
            f"the file lasts {duration:.1f} s, course.toml says {declared:g} s: the player counts "
            "the watched share and the traces over course.toml's: correct `duration`, or remove "
            "it (the build reads it from the file)"
        )
    return (
        f"the file lasts {duration:.1f} s, course.toml says {declared:g} s: the player's "
        "narration bar and the traces count course.toml's: correct `duration`"
    )


def _check(path: Path, media_type: str, declared: float | None) -> MediaCheck:
    size = path.stat().st_size
    if size == 0:
        return MediaCheck("is empty (0 bytes): copy the whole file again")
    if media_type in ("video/mp4", "audio/mp4"):
        boxes = mp4_boxes(path)
        if boxes.problem is not None:
            return MediaCheck(boxes.problem)
        warnings = []
        if boxes.ignored:
            warnings.append(_trailer(boxes.ignored, boxes.ignored_from, "an MP4 box"))
        fragments = boxes.fragments
        if fragments and declared is not None and fragments.end < declared - FRAGMENT_SLACK:
            warnings.append(_shorter(fragments.end, declared))
        return MediaCheck(warning="; ".join(warnings) or None, duration=boxes.duration)
    if media_type == "audio/ogg":
        return _ogg_check(path, size)
    with open(path, "rb") as handle:
        head = handle.read(4)
        if media_type == "video/webm":
            if head != _EBML_MAGIC:
                return MediaCheck("not a WebM file: it does not start with an EBML header")
            check = _webm_check(handle, size)
            if check.problem is None:
                check = dataclasses.replace(check, duration=_webm_duration(handle, size))
            return check
        if media_type == "audio/mpeg":
            if not (head[:3] == b"ID3" or _mpeg_sync(head)):
                return MediaCheck(
                    "not an MP3 file: it starts with neither an ID3 tag nor an MPEG audio frame"
                )
            return _mp3_check(handle, size)
    return MediaCheck()


def _trailer(ignored: int, start: int, unit: str) -> str:
    verb = "does" if ignored == 1 else "do"  # 'its last 1 byte ... does not'
    return (
        f"its last {plural(ignored, 'byte')}, from byte {start}, {verb} not form {unit}: "
        "ignored by players, packaged as is"
    )


def _shorter(end: float, declared: float) -> str:
    """A fragmented MP4 cut between two fragments and a duration rounded up in course.toml look
    the same: only the teacher can tell, so both are said and the build goes on. Said from a
    quarter of a second (FRAGMENT_SLACK), where a plain MP4's mismatch waits for duration_slack."""
    return (
        f"the file ends at {end:g} s, course.toml says {declared:g} s: {_SHORTER}, copy the "
        "whole file again; if the duration was rounded up, nothing to do (packaged as is)"
    )


_SHORTER = "if the copy was cut short between two fragments"


# WebM (Matroska) is a tree of EBML elements, each an ID and a size (RFC 8794): the Segment after
# the EBML header holds everything. FFmpeg writes its size once done; a recorder (a browser's
# MediaRecorder, OBS) writes it, and each Cluster's, as "unknown" (all ones), so their elements
# are walked instead: one read of 12 bytes per Cluster, or per block in an unknown-size Cluster.
_SEGMENT, _CLUSTER = 0x18538067, 0x1F43B675
_BLOCKS = (0xA3, 0xA0)  # SimpleBlock, BlockGroup
_EBML_NAMES = {_SEGMENT: "Segment", _CLUSTER: "Cluster", 0xA3: "SimpleBlock", 0xA0: "BlockGroup"}
# The elements a Segment and its Clusters hold (Matroska's specification): one of them running
# past the end is a cut; another ID there, after a Cluster, is bytes that were never WebM.
_WEBM_KNOWN = {
    *_EBML_NAMES,
    *(0x114D9B74, 0x1549A966, 0x1654AE6B, 0x1C53BB6B, 0x1254C367, 0x1043A770, 0x1941A469),
    *(0xE7, 0xA7, 0xAB, 0x5854, 0xAF, 0xEC, 0xBF),  # Cluster's, then Void and CRC-32
}


def _ebml_element(handle: BinaryIO, offset: int) -> tuple[int, int, int | None] | None:
    """(ID, header length, size or None when unknown) of the element at `offset` (its header
    may run past the end of the file), or None when none starts there."""
    handle.seek(offset)
    head = handle.read(12)
    if not head or not head[0]:
        return None
    id_len = 9 - head[0].bit_length()
    if id_len > 4:
        return None
    if len(head) < id_len + 1:
        return 0, id_len + 1, 0  # the file ends in its header
    size_len = 9 - head[id_len].bit_length()
    if size_len > 8:
        return None
    if len(head) < id_len + size_len:
        return 0, id_len + size_len, 0  # the file ends in its header
    element = int.from_bytes(head[:id_len], "big")
    raw = head[id_len : id_len + size_len]
    size = int.from_bytes(raw, "big") & ((1 << (7 * size_len)) - 1)
    unknown = size == (1 << (7 * size_len)) - 1
    return element, id_len + size_len, None if unknown else size


def _webm_check(handle: BinaryIO, size: int) -> MediaCheck:
    """The EBML header and the Segment must fit the file; in a Segment of unknown size, each
    element, and each of an unknown-size Cluster's, too: a copy cut short ends inside one. Bytes
    after a whole Cluster that start no element, or one we do not know that runs past the end,
    are a trailer (a recorder's padding, a tool's tag), which players ignore, as an MP4's."""
    offset, in_segment, clustered = 0, False, False
    while offset < size:
        element = _ebml_element(handle, offset)
        if element is None and clustered:
            return MediaCheck(warning=_trailer(size - offset, offset, "a WebM element"))
        if element is None:
            return MediaCheck(
                f"damaged: no WebM element starts at byte {offset}, where the one before ends"
            )
        kind, header, length = element
        if offset + header > size:
            return MediaCheck(
                f"cut short: the file ends in the header of its element at byte {offset}"
            )
        name = _EBML_NAMES.get(kind, f"element 0x{kind:X}")
        if length is None:
            if kind in (_SEGMENT, _CLUSTER):  # its elements follow, to the end of the file
                in_segment = in_segment or kind == _SEGMENT
                offset += header
                continue
            return MediaCheck()  # only a Segment or a Cluster may be of unknown size: not checked
        if offset + header + length > size:
            if clustered and kind not in _WEBM_KNOWN:
                return MediaCheck(warning=_trailer(size - offset, offset, "a WebM element"))
            return MediaCheck(
                f"cut short: its {name} at byte {offset} runs past the end of the file "
                f"({plural(size, 'byte')})"
            )
        if kind == _SEGMENT:
            return MediaCheck()  # its size is known and it fits: the file is whole
        clustered = clustered or kind in (_CLUSTER, *_BLOCKS)  # a whole Cluster, or block of one
        offset += header + length
    if not in_segment:
        return MediaCheck("cut short: it has no Segment (the media) after its header")
    return MediaCheck()


# Segment > Info > Duration, a float in units of its TimecodeScale (nanoseconds; 1 ms unless said).
_INFO, _TIMECODE_SCALE, _DURATION = 0x1549A966, 0x2AD7B1, 0x4489
_MAX_WALK = 64  # elements looked at before the Info (SeekHead, Void...) or inside it


def _webm_duration(handle: BinaryIO, size: int) -> float | None:
    """Seconds, from the Segment's Info, which precedes its Clusters: FFmpeg writes a Duration
    once done, a recorder (a browser's MediaRecorder) none, and then nothing says it cheaply."""
    ebml = _ebml_element(handle, 0)
    if ebml is None or ebml[2] is None:
        return None
    offset = ebml[1] + ebml[2]
    segment = _ebml_element(handle, offset)
    if segment is None or segment[0] != _SEGMENT:
        return None
    offset += segment[1]
    end = size if segment[2] is None else min(size, offset + segment[2])
    for _ in range(_MAX_WALK):
        element = _ebml_element(handle, offset)
        if offset >= end or element is None or element[2] is None or element[0] == _CLUSTER:
            return None
        kind, header, length = element
        if kind == _INFO:
            return _info_duration(handle, offset + header, min(end, offset + header + length))
        offset += header + length
    return None


def _info_duration(handle: BinaryIO, start: int, end: int) -> float | None:
    scale, duration, offset = 1_000_000, None, start
    for _ in range(_MAX_WALK):
        element = _ebml_element(handle, offset)
        if offset >= end or element is None or element[2] is None:
            break
        kind, header, length = element
        if offset + header + length > end:
            break
        if kind in (_TIMECODE_SCALE, _DURATION) and 0 < length <= 8:
            handle.seek(offset + header)
            raw = handle.read(length)
            if kind == _TIMECODE_SCALE:
                scale = int.from_bytes(raw, "big")
            elif length in (4, 8):
                duration = struct.unpack(">f" if length == 4 else ">d", raw)[0]
        offset += header + length
    if duration is None or not math.isfinite(duration) or duration <= 0 or scale <= 0:
        return None
    return duration * scale / 1e9


# MP3: MPEG audio frames, each a 4-byte header giving its length, after an optional ID3v2 tag,
# before an optional APEv2 and ID3v1 tag. The last frames are found by reading the file's last
# 8 KB: a chain of frames from there must end where the tags, or the file, begin.
_MP3_TAIL = 8192
_BITRATES = {  # kbit/s by (MPEG-1, layer), index 1 to 14
    (True, 1): (32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448),
    (True, 2): (32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384),
    (True, 3): (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    (False, 1): (32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256),
    (False, 2): (8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def _mpeg_header(header: bytes) -> tuple[int, int, int, int] | None:
    """(version, layer, kbit/s, samples per second) of the MPEG audio frame this 4-byte header
    starts, or None if it is not one (or of free format, whose length no header says)."""
    if len(header) < 4 or not _mpeg_sync(header):
        return None
    version, layer = header[1] >> 3 & 3, 4 - (header[1] >> 1 & 3)
    rate_index, bitrate_index = header[2] >> 2 & 3, header[2] >> 4
    if version == 1 or layer == 4 or rate_index == 3 or bitrate_index in (0, 15):
        return None
    mpeg1 = version == 3
    bitrate = _BITRATES[(mpeg1, 1 if layer == 1 else 2 if not mpeg1 or layer == 2 else 3)]
    return version, layer, bitrate[bitrate_index - 1], _RATES[version][rate_index]


def _mpeg_frame_length(header: bytes) -> int:
    """The length of the MPEG audio frame this 4-byte header starts, or 0 if it is not one."""
    parsed = _mpeg_header(header)
    if parsed is None:
        return 0
    version, layer, kbits, rate = parsed
    padding = header[2] >> 1 & 1
    if layer == 1:
        return (12000 * kbits // rate + padding) * 4
    per = 144 if version == 3 or layer == 2 else 72
    return per * 1000 * kbits // rate + padding


def _mp3_check(handle: BinaryIO, size: int) -> MediaCheck:
    end = size
    handle.seek(max(0, end - 128))
    if handle.read(3) == b"TAG" and end >= 128:
        end -= 128  # ID3v1
    handle.seek(max(0, end - 32))
    footer = handle.read(32)
    if footer[:8] == b"APETAGEX" and len(footer) == 32:
        tag, flags = struct.unpack("<II", footer[12:20])
        end -= tag + (32 if flags & 0x80000000 else 0)
    problem, kinds = _mp3_tail(handle, size, end)
    if problem is not None:
        return MediaCheck(problem)
    duration = _mp3_duration(handle, end, kinds)
    return MediaCheck(duration=duration, estimated=duration is not None)


_Kind = tuple[int, int, int, int]  # an MPEG audio frame's (version, layer, kbit/s, rate)


def _mp3_tail(handle: BinaryIO, size: int, end: int) -> tuple[str | None, set[_Kind] | None]:
    """Why the last frames say the file was cut, or None; and the kinds of the frames of the
    chain that ends where the audio does, when one does."""
    start = max(0, end - _MP3_TAIL)
    handle.seek(start)
    tail = handle.read(end - start)
    for first in range(len(tail) - 3):
        at, frames = first, 0
        while at + 4 <= len(tail) and (length := _mpeg_frame_length(tail[at : at + 4])):
            if at + length > len(tail) and frames >= 3:
                return (
                    f"cut short: its last MPEG audio frame, at byte {start + at}, runs past the "
                    f"end of the file ({plural(size, 'byte')})"
                ), None
            at, frames = at + length, frames + 1
        if frames >= 3 and at == len(tail):
            return None, _chain_kinds(tail, first)  # a chain that ends where the audio does
        if frames >= 3 and len(tail) - at < 4 and tail[at : at + 1] == b"\xff":
            return (
                "cut short: the file ends in the header of its last MPEG audio frame, at byte "
                f"{start + at}"
            ), None
    return None, None  # no chain found (free format, trailing bytes): not checked


def _mp3_duration(handle: BinaryIO, end: int, tail: set[_Kind] | None) -> float | None:
    """Seconds, from the first frame: the frame count of its Xing (or Info) or VBRI header,
    which LAME, FFmpeg and Fraunhofer's encoders write, when the audio's bytes are the ones that
    header counts (two files joined with `cat` play both, their first header counts the first:
    FFmpeg's test, within a sixteenth); else the audio's bytes at its bitrate, if the frames of
    the tail chain and of windows spread over the file all have it (a constant bitrate: a VBR
    file whose first and last frames share one was taken for it). A variable bitrate without a
    header to trust is not timed: only reading every frame would."""
    handle.seek(0)
    head = handle.read(10)
    start = 0
    if head[:3] == b"ID3" and len(head) == 10:
        start = 10 + sum((byte & 0x7F) << (7 * (3 - i)) for i, byte in enumerate(head[6:10]))
        start += 10 if head[5] & 0x10 else 0  # a footer
    handle.seek(start)
    frame = handle.read(64)
    parsed = _mpeg_header(frame[:4])
    if parsed is None or end <= start:
        return None
    version, layer, kbits, rate = parsed
    samples = 384 if layer == 1 else 1152 if layer == 2 or version == 3 else 576
    mono = frame[3] >> 6 == 3
    side = (17 if mono else 32) if version == 3 else (9 if mono else 17)
    xing = 4 + side
    count = stream = 0
    if layer == 3 and frame[xing : xing + 4] in (b"Xing", b"Info"):
        flags = int.from_bytes(frame[xing + 4 : xing + 8], "big")
        fields = xing + 8
        if flags & 1:
            count = int.from_bytes(frame[fields : fields + 4], "big")
            fields += 4
        if flags & 2:
            stream = int.from_bytes(frame[fields : fields + 4], "big")
    elif frame[36:40] == b"VBRI":
        stream = int.from_bytes(frame[46:50], "big")
        count = int.from_bytes(frame[50:54], "big")
    audio = end - start
    counted = (abs(held - stream) <= min(held, stream) / 16 for held in (audio, end))
    if count and stream and any(counted):  # LAME counts an ID3v2 tag it wrote, others do not
        return count * samples / rate
    if tail != {parsed} or not _constant_bitrate(handle, start, end, parsed):
        return None
    return audio * 8 / (kbits * 1000)


_MP3_WINDOWS = 16  # places the bitrate is looked at, from the first frame on, for a constant one
_MP3_WINDOW = 8192  # bytes read at each: 3 frames of the longest (1728 bytes) and the way to one


def _constant_bitrate(handle: BinaryIO, start: int, end: int, kind: _Kind) -> bool:
    """Whether the frames met at _MP3_WINDOWS places spread from `start` to `end` are all of
    `kind`: a VBR file's bitrate changes with the sound, and one read as constant was timed
    from its first frame's (20 frames at 320 kbit/s, 400 at 64, 20 at 320: 3.1 s for 11.5)."""
    for n in range(_MP3_WINDOWS):
        at = start + (end - start) * n // _MP3_WINDOWS
        handle.seek(at)
        window = handle.read(min(_MP3_WINDOW, end - at))
        kinds = _window_kinds(window)
        if kinds is None and len(window) == _MP3_WINDOW:
            return False  # 8 KB that are no frames: a tag or damage inside, not timed
        if kinds is not None and kinds != {kind}:
            return False
    return True


def _window_kinds(window: bytes) -> set[_Kind] | None:
    """The kinds of the frames of the first chain of 3 whole frames in `window`, or None when
    none is in it."""
    first = window.find(b"\xff")
    while first != -1 and first + 4 <= len(window):
        at = first
        for _ in range(3):
            length = _mpeg_frame_length(window[at : at + 4])
            if not length or at + length > len(window):
                break
            at += length
        else:
            return _chain_kinds(window, first, 3)
        first = window.find(b"\xff", first + 1)
    return None


def _chain_kinds(data: bytes, at: int, frames: int | None = None) -> set[_Kind]:
    """The kinds of the whole frames chained from `at`: `frames` of them, or all."""
    kinds: set[_Kind] = set()
    walked = 0
    while frames is None or walked < frames:
        header = data[at : at + 4]
        parsed, length = _mpeg_header(header), _mpeg_frame_length(header)
        if parsed is None or at + length > len(data):
            break
        kinds.add(parsed)
        at, walked = at + length, walked + 1
    return kinds


def _mpeg_sync(head: bytes) -> bool:
    return len(head) >= 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0


def _ogg_check(path: Path, size: int) -> MediaCheck:
    """Ogg is a chain of pages, each giving its own length: they must tile the file. The last page
    need not end the stream (RFC 3533 asks it to, but Android's MediaRecorder, Telegram's voice
    notes and MuseScore never say so, and FFmpeg, the player's, plays them); it must finish its
    last packet, as no page follows to carry the rest. One read of 27 to 282 bytes per page of 4
    to 8 KB. The last page's granule position is where the audio ends, in samples (Vorbis: at
    the rate its first packet says; Opus: at 48 kHz, after its pre-skip). Files joined (`cat`,
    chained streams) play one after the other: each starts with a beginning-of-stream page, its
    own serial number or the same (a file joined to itself), and their lengths add up; streams
    multiplexed (pages of two serials between them) are not timed."""
    offset, table, serial = 0, b"", b""
    links: list[_OggLink] = []
    with open(path, "rb") as handle:
        while offset < size:
            handle.seek(offset)
            header = handle.read(_OGG_HEADER)
            if len(header) < _OGG_HEADER and header[:4] == b"OggS"[: len(header)]:
                return MediaCheck(
                    f"cut short: the file ends in the header of its page at byte {offset}"
                )
            if header[:4] != b"OggS":
                if offset == 0:
                    return MediaCheck("not an Ogg file: it does not start with 'OggS'")
                return MediaCheck(
                    f"damaged: no Ogg page starts at byte {offset}, where the one before ends"
                )
            segments = header[26]
            table = handle.read(segments)
            length = _OGG_HEADER + segments + sum(table)
            if len(table) < segments or offset + length > size:
                return MediaCheck(
                    f"cut short: its page at byte {offset} runs past the end of the file "
                    f"({plural(size, 'byte')})"
                )
            if offset == 0 or header[5] & _OGG_FIRST_PAGE:
                serial = header[14:18]
                links.append(_OggLink(*_ogg_codec(handle.read(min(sum(table), 20)))))
            elif header[14:18] != serial:
                links[-1].rate = 0  # streams multiplexed: where each ends is not cheap to tell
            elif header[6:14] != b"\xff" * 8:  # -1: no packet ends in this page
                links[-1].granule = int.from_bytes(header[6:14], "little", signed=True)
            offset += length
    # A lacing value of 255 says the packet goes on in the next page: a cut between two pages.
    if table[-1:] == b"\xff":
        return MediaCheck("cut short: its last page ends inside a packet that no page finishes")
    if all(link.rate and link.granule > link.pre_skip for link in links):
        return MediaCheck(duration=sum((n.granule - n.pre_skip) / n.rate for n in links))
    return MediaCheck()


_OGG_FIRST_PAGE = 0x02  # the header type flag of a stream's first page (RFC 3533 section 6)


@dataclass
class _OggLink:
    """One stream of a chain: samples per second of its granule positions, samples skipped at
    its start, and its last page's granule position."""

    rate: int
    pre_skip: int
    granule: int = -1


def _ogg_codec(first: bytes) -> tuple[int, int]:
    """(samples per second of the granule positions, samples to skip at the start) from a
    stream's first packet, or (0, 0) for a codec not timed here (FLAC, Speex...)."""
    if first[:7] == b"\x01vorbis" and len(first) >= 16:
        return int.from_bytes(first[12:16], "little"), 0
    if first[:8] == b"OpusHead" and len(first) >= 12:
        return 48000, int.from_bytes(first[10:12], "little")
    return 0, 0
