"""Empty or cut-short audio and video are refused by `cartable-pack build`, in one line naming
the unit and the file: they were packaged, signed and found broken by learners offline. Bytes a
phone or an editor appends after an MP4's last box are not a cut: packaged, with a warning."""

from __future__ import annotations

import re
import struct
from pathlib import Path

import pytest

from player.authoring.build import build
from player.authoring.cli import main
from player.authoring.media import check_media
from player.course.errors import CourseError
from player.course.manifest import SlidesUnit, VideoUnit
from player.wording import plural
from tests.support import FIXTURES, write_source
from tests.unit.test_build_media_webm_mp3 import webm

MP4 = (FIXTURES / "media" / "moviepy-smpte-2997.mp4").read_bytes()
OGG = (FIXTURES / "media" / "mutagen-multipage-setup.ogg").read_bytes()
OGG_LAST_PAGE = 72753  # where the fixture's last page (end of stream) starts
OGG_END_OF_STREAM = 0x04  # the header type flag of a stream's last page (RFC 3533 section 6)
VIDEO = "course.toml: modules[0].units[0].variants[0].file: unit 'video': video.mp4: "
NARRATION = "course.toml: modules[0].units[1].narration.audio: unit 'deck': narration.ogg: "
# The fixture's top-level boxes: ftyp (0), moov (32), free (9006, 8 bytes), mdat (9014 to the end).
MOOV, FREE, MDAT = 32, 9006, 9014


def moov_last() -> bytes:
    """The fixture in a phone's own layout: ftyp, the media data, then the moov (FFmpeg's
    faststart moves it first), its chunk offsets (stco) moved with the media data: it plays."""
    moov, shift = bytearray(MP4[MOOV:FREE]), MDAT - MOOV
    at = moov.find(b"stco")  # the box's type, then its version and flags, a count, the offsets
    while at != -1:
        (count,) = struct.unpack_from(">I", moov, at + 8)
        for entry in range(at + 12, at + 12 + 4 * count, 4):
            struct.pack_into(">I", moov, entry, struct.unpack_from(">I", moov, entry)[0] - shift)
        at = moov.find(b"stco", at + 4)
    return MP4[:MOOV] + MP4[MDAT:] + bytes(moov)


PHONE = moov_last()


def refusal(tmp_path: Path, name: str, data: bytes) -> str:
    source = write_source(tmp_path / "src")
    (source / "m1" / name).write_bytes(data)
    with pytest.raises(CourseError) as caught:
        build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    assert not (tmp_path / "repo").exists(), "a refused build left a repository"
    assert not (tmp_path / "keys").exists(), "a refused build left an answer key"
    message = str(caught.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    "name, data, words",
    [
        # `head -c 1000 welcome.mp4`: its moov was read whole before, duration 10.048 and all.
        (
            "video.mp4",
            MP4[:1000],
            VIDEO + "cut short or not an MP4: its box 'moov' at byte 32 runs past the end of "
            "the file (1000 bytes)",
        ),
        (
            "video.mp4",
            MP4[:-1],
            VIDEO + "cut short or not an MP4: its box 'mdat' at byte 9014 runs past the end of "
            "the file (515224 bytes)",
        ),
        # Cut before the media data: every box left is whole, yet the mdat is gone (at a box's
        # end, or in the mdat's header, whose first bytes are not a box and would pass as
        # trailing bytes).
        *(
            ("video.mp4", MP4[:end], VIDEO + "cut short or not an MP4: it has no 'mdat' box")
            for end in (9006, 9010, 9014)
        ),
        # Bytes after the last box that start like one (a size, four printable characters) are
        # taken for a box cut short.
        (
            "video.mp4",
            MP4 + struct.pack(">I4s", 100, b"udta") + bytes(10),
            VIDEO + f"cut short or not an MP4: its box 'udta' at byte {len(MP4)} runs past the "
            f"end of the file ({len(MP4) + 18} bytes)",
        ),
        # A phone's layout (the moov after the media data) cut in its moov.
        (
            "video.mp4",
            PHONE[:-100],
            VIDEO
            + f"cut short or not an MP4: its box 'moov' at byte {MOOV + len(MP4) - MDAT} runs "
            "past the end of the file",
        ),
        ("video.mp4", OGG, VIDEO + "not an MP4: it does not start with a box"),
        ("video.mp4", b"", VIDEO + "is empty (0 bytes): copy the whole file again"),
        ("video.mp4", MP4[:32], VIDEO + "not a playable MP4: it has no 'moov' box"),
        ("narration.ogg", b"", NARRATION + "is empty (0 bytes): copy the whole file again"),
        (
            "narration.ogg",
            OGG[:1000],
            NARRATION + "cut short: its page at byte 58 runs past the end of the file (1000 bytes)",
        ),
        # Cut where a page starts: every page is whole, but the last one's packet goes on.
        (
            "narration.ogg",
            OGG[:OGG_LAST_PAGE],
            NARRATION + "cut short: its last page ends inside a packet that no page finishes",
        ),
        (
            "narration.ogg",
            OGG[: OGG_LAST_PAGE + 10],
            NARRATION
            + f"cut short: the file ends in the header of its page at byte {OGG_LAST_PAGE}",
        ),
        ("narration.ogg", MP4, NARRATION + "not an Ogg file: it does not start with 'OggS'"),
    ],
)
def test_cut_short_or_empty_media_is_refused(
    tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    assert words in refusal(tmp_path, name, data)


def ogg_crc(page: bytes) -> int:
    """An Ogg page's checksum (RFC 3533 section 6): CRC-32, polynomial 0x04c11db7, most
    significant bit first, initial value 0, over the page with its checksum field zeroed."""
    page = page[:22] + b"\0\0\0\0" + page[26:]
    crc = 0
    for byte in page:
        crc ^= byte << 24
        for _ in range(8):
            crc = (crc << 1) ^ 0x04C11DB7 if crc & 0x80000000 else crc << 1
        crc &= 0xFFFFFFFF
    return crc


def without_end_of_stream(ogg: bytes, last_page: int) -> bytes:
    """`ogg` as Android's MediaRecorder, Telegram or MuseScore write it: the last page does not
    say it ends the stream, its checksum made again so that the page stays valid."""
    page = bytearray(ogg[last_page:])
    page[5] &= ~OGG_END_OF_STREAM
    page[22:26] = ogg_crc(bytes(page)).to_bytes(4, "little")
    return ogg[:last_page] + bytes(page)


def test_an_ogg_whose_last_page_does_not_end_the_stream_is_built(tmp_path: Path) -> None:
    """Refused as cut short before, although FFmpeg (the player's backend) plays it."""
    last = OGG[OGG_LAST_PAGE:]
    assert ogg_crc(last) == int.from_bytes(last[22:26], "little"), "ogg_crc is not Ogg's CRC"
    assert last[5] & OGG_END_OF_STREAM
    ogg = without_end_of_stream(OGG, OGG_LAST_PAGE)
    assert len(ogg) == len(OGG) and not ogg[OGG_LAST_PAGE + 5] & OGG_END_OF_STREAM
    source = write_source(tmp_path / "src")
    (source / "m1" / "narration.ogg").write_bytes(ogg)
    result = build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    deck = result.course.unit("deck")
    assert isinstance(deck, SlidesUnit) and deck.narration is not None
    blob = (tmp_path / "repo" / deck.narration.audio.blob_path).read_bytes()
    assert blob == ogg


def test_a_webm_or_mp3_that_is_not_one_is_refused(tmp_path: Path) -> None:
    """No WebM or MP3 fixture: what is checked is how every such file starts."""
    source = write_source(tmp_path / "src")
    toml = source / "course.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace('file = "video.mp4"', 'file = "video.webm"')
        .replace('title = "Vidéo"', 'title = "Vidéo"\n  duration = 10.0')
        .replace('audio = "narration.ogg"', 'audio = "narration.mp3"'),
        encoding="utf-8",
    )
    (source / "m1" / "video.webm").write_bytes(MP4)
    (source / "m1" / "narration.mp3").write_bytes(OGG)
    with pytest.raises(
        CourseError, match=re.escape("video.webm: not a WebM file: it does not start with")
    ):
        build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    (source / "m1" / "video.webm").write_bytes(webm(sizes=True))
    with pytest.raises(CourseError, match=re.escape("unit 'deck': narration.mp3: not an MP3 file")):
        build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")


def test_the_command_says_it_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_source(tmp_path / "src")
    (source / "m1" / "video.mp4").write_bytes(MP4[:1000])
    code = main(["build", str(source), "-o", str(tmp_path / "repo")])
    assert code == 1
    assert capsys.readouterr().err == (
        f"cartable-pack: {source / 'course.toml'}: modules[0].units[0].variants[0].file: unit "
        "'video': video.mp4: cut short or not an MP4: its box 'moov' at byte 32 runs past the "
        "end of the file (1000 bytes)\n"
    )


def box(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(body), kind) + body


@pytest.mark.parametrize(
    "layout, data",
    [
        # The last box's size is 0: "to the end of the file" (ISO/IEC 14496-12 section 4.2).
        ("mdat of size 0", MP4[:MDAT] + struct.pack(">I", 0) + MP4[MDAT + 4 :]),
        # The 64-bit size FFmpeg writes for an mdat over 4 GB, in place of the 8-byte free box it
        # reserves for it: the media data stays where the moov says it is.
        (
            "mdat of 64-bit size",
            MP4[:FREE]
            + struct.pack(">I4sQ", 1, b"mdat", 16 + len(MP4) - MDAT - 8)
            + MP4[MDAT + 8 :],
        ),
        # The layout of a fragmented MP4 (the checks read the top-level boxes, not their
        # contents): moov, then moof and mdat pairs, then the fragments' index.
        (
            "fragmented",
            MP4[:FREE]
            + box(b"moof", box(b"mfhd", bytes(8)))
            + box(b"mdat", b"a" * 1000)
            + box(b"moof", box(b"mfhd", bytes(8)))
            + box(b"mdat", b"b" * 1000)
            + box(b"mfra", box(b"mfro", bytes(8))),
        ),
    ],
)
def test_whole_mp4_layouts_are_built(tmp_path: Path, layout: str, data: bytes) -> None:
    source = write_source(tmp_path / "src")
    (source / "m1" / "video.mp4").write_bytes(data)
    result = build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    video = result.course.unit("video")
    assert isinstance(video, VideoUnit), layout
    assert video.duration == 10.048  # read from the moov, wherever it is
    assert (tmp_path / "repo" / video.variants[0].file.blob_path).read_bytes() == data
    assert result.warnings == ()


def samsung_trailer() -> bytes:
    """What Samsung phones append after a video's last box, as exiftool reads it (Samsung.pm,
    "Samsung trailer"): data blocks (two zero bytes, a type, the length of a name, the name, the
    value), the SEFH directory (each block's type, distance back from SEFH and length), the
    directory's length, then 'SEFT', the file's last four bytes."""
    name = b"Image_UTC_Data"
    block = struct.pack("<HHI", 0, 0x0A01, len(name)) + name + b"1764243000000"
    directory = b"SEFH" + struct.pack("<II", 107, 1)
    directory += struct.pack("<HHII", 0, 0x0A01, len(block), len(block))
    return block + directory + struct.pack("<I", len(directory)) + b"SEFT"


@pytest.mark.parametrize(
    "what, data, trailing",
    [
        ("Samsung trailer", MP4 + samsung_trailer(), samsung_trailer()),
        ("phone layout, Samsung trailer", PHONE + samsung_trailer(), samsung_trailer()),
        *((f"{n} zeros", MP4 + bytes(n), bytes(n)) for n in (1, 7, 8, 16, 4096)),  # padding
        ("3 stray bytes", MP4 + b"\xff\n\x00", b"\xff\n\x00"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_bytes_after_the_last_box_are_packaged_with_a_warning(
    tmp_path: Path, what: str, data: bytes, trailing: bytes
) -> None:
    """A teacher's phone video was refused for the trailer the phone appends (FFmpeg plays it),
    as were files an editor padded with zeros."""
    assert data.endswith(trailing)
    source = write_source(tmp_path / "src")
    (source / "m1" / "video.mp4").write_bytes(data)
    result = build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    video = result.course.unit("video")
    assert isinstance(video, VideoUnit), what
    assert video.duration == 10.048
    # Packaged as they are: the file's hash covers the ignored bytes too.
    assert (tmp_path / "repo" / video.variants[0].file.blob_path).read_bytes() == data
    assert result.warnings == (
        f"{source / 'course.toml'}: modules[0].units[0].variants[0].file: unit 'video': "
        f"video.mp4: its last {plural(len(trailing), 'byte')}, from byte "
        f"{len(data) - len(trailing)}, {'does' if len(trailing) == 1 else 'do'} "
        "not form an MP4 box: ignored by players, packaged as is",
    )


@pytest.mark.parametrize(
    "count, said",
    [
        (1, "its last 1 byte, from byte {at}, does not"),
        (2, "its last 2 bytes, from byte {at}, do not"),
    ],
)
def test_the_trailing_bytes_warning_agrees_with_its_count(
    tmp_path: Path, count: int, said: str
) -> None:
    """It read 'its last 1 byte, from byte N, are not an MP4 box'."""
    video = tmp_path / "video.mp4"
    video.write_bytes(MP4 + bytes(count))
    assert check_media(video, "video/mp4").warning == (
        f"{said.format(at=len(MP4))} form an MP4 box: ignored by players, packaged as is"
    )


def test_the_command_warns_in_one_line_per_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Named by two variants, the file is warned about once."""
    source = write_source(tmp_path / "src")
    (source / "m1" / "video.mp4").write_bytes(PHONE + samsung_trailer())
    toml = source / "course.toml"
    variant = '{ file = "video.mp4", label = "1080p", width = 1920, height = 1080 }'
    text = toml.read_text(encoding="utf-8")
    assert text.count(variant) == 1
    other = '{ file = "video.mp4", label = "720p", width = 1280, height = 720 }'
    toml.write_text(text.replace(variant, f"{variant}, {other}"), encoding="utf-8")
    assert main(["build", str(source), "-o", str(tmp_path / "repo")]) == 0
    out, err = capsys.readouterr()
    assert err == (
        f"cartable-pack: warning: {source / 'course.toml'}: modules[0].units[0].variants[0].file: "
        f"unit 'video': video.mp4: its last {len(samsung_trailer())} bytes, from byte "
        f"{len(PHONE)}, do not form an MP4 box: ignored by players, packaged as is\n"
    )
    assert out.startswith("built toy 1.0.0: ")


def test_whole_media_are_built(tmp_path: Path) -> None:
    result = build(write_source(tmp_path / "src"), tmp_path / "repo", answers_dir=tmp_path / "k")
    assert result.course.unit("video") is not None and result.course.unit("deck") is not None
    assert result.warnings == ()
