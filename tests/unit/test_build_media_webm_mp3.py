"""A WebM or an MP3 cut short was packaged: only how the file starts was checked. No WebM or MP3
fixture in shared/fixtures and no encoder here: the files are framed in Python as their writers
frame them (FFmpeg's WebM with its sizes, a browser's MediaRecorder WebM with unknown sizes, MP3
frames of MPEG-1 Layer III at 128 kbit/s), which is all the checks read."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.authoring.build import build
from player.authoring.media import check_media
from player.course.errors import CourseError
from tests.support import write_source

UNKNOWN = b"\x01\xff\xff\xff\xff\xff\xff\xff"  # an EBML size of 8 bytes, all ones: "unknown"


def element(element_id: bytes, body: bytes, *, size: bytes | None = None) -> bytes:
    """An EBML element: its ID, its size in 8 bytes (as FFmpeg writes a Segment's), its body."""
    return element_id + (size or (0x01 << 56 | len(body)).to_bytes(8, "big")) + body


EBML = element(b"\x1a\x45\xdf\xa3", element(b"\x42\x82", b"webm"))
INFO = element(b"\x15\x49\xa9\x66", element(b"\x2a\xd7\xb1", (1000000).to_bytes(3, "big")))
BLOCKS = [element(b"\xa3", b"\x81" + bytes(3) + bytes([n]) * 700) for n in range(10)]
CLUSTER_ID, SEGMENT_ID = b"\x1f\x43\xb6\x75", b"\x18\x53\x80\x67"


def webm(*, sizes: bool) -> bytes:
    """FFmpeg's layout (every size known) or a recorder's (Segment and Clusters unknown)."""
    size = None if sizes else UNKNOWN
    clusters = b"".join(
        element(CLUSTER_ID, element(b"\xe7", bytes([n])) + b"".join(BLOCKS[n : n + 5]), size=size)
        for n in (0, 5)
    )
    return EBML + element(SEGMENT_ID, INFO + clusters, size=size)


FRAME = b"\xff\xfb\x90\x00" + bytes(413)  # MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417 bytes
MP3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + FRAME * 40
ID3V1 = b"TAG" + bytes(125)


def check(tmp_path: Path, name: str, data: bytes) -> str | None:
    path = tmp_path / name
    path.write_bytes(data)
    media_type = "video/webm" if name.endswith(".webm") else "audio/mpeg"
    return check_media(path, media_type).problem


@pytest.mark.parametrize("sizes", [True, False], ids=["FFmpeg", "MediaRecorder"])
def test_a_whole_webm_passes(tmp_path: Path, sizes: bool) -> None:
    assert check(tmp_path, "v.webm", webm(sizes=sizes)) is None
    # A recorder's copy cut between two blocks: every element whole, nothing to tell the cut by.
    assert check(tmp_path, "v.webm", webm(sizes=False)[: -len(BLOCKS[9])]) is None


def test_a_webm_cut_short_is_refused(tmp_path: Path) -> None:
    whole = webm(sizes=True)
    size = len(whole) - 100
    assert check(tmp_path, "v.webm", whole[:-100]) == (
        f"cut short: its Segment at byte {len(EBML)} runs past the end of the file ({size} bytes)"
    )
    recorded = webm(sizes=False)
    last_block = len(recorded) - len(BLOCKS[9])
    assert check(tmp_path, "v.webm", recorded[:-100]) == (
        f"cut short: its SimpleBlock at byte {last_block} runs past the end of the file "
        f"({len(recorded) - 100} bytes)"
    )
    assert check(tmp_path, "v.webm", recorded[: last_block + 1]) == (
        f"cut short: the file ends in the header of its element at byte {last_block}"
    )
    assert check(tmp_path, "v.webm", EBML) == (
        "cut short: it has no Segment (the media) after its header"
    )
    assert check(tmp_path, "v.webm", EBML[:10]) == (
        "cut short: the file ends in the header of its element at byte 0"
    )


@pytest.mark.parametrize(
    "what, data",
    [
        ("frames", MP3),
        ("frames and an ID3v1 tag", MP3 + ID3V1),
        (
            "frames, an APEv2 tag and an ID3v1 tag",
            MP3
            + b"APETAGEX"
            + (2000).to_bytes(4, "little")
            + (32).to_bytes(4, "little")
            + bytes(16)
            + ID3V1,
        ),
        ("frames cut where one starts", MP3[: -417 * 3]),
        ("frames, then bytes that are not one", MP3 + b"\n\x00junk"),
    ],
)
def test_a_whole_mp3_passes(tmp_path: Path, what: str, data: bytes) -> None:
    assert check(tmp_path, "n.mp3", data) is None, what


@pytest.mark.parametrize("cut", [1, 200, 413])
def test_an_mp3_cut_in_its_last_frame_is_refused(tmp_path: Path, cut: int) -> None:
    data = MP3[:-cut]
    assert check(tmp_path, "n.mp3", data) == (
        f"cut short: its last MPEG audio frame, at byte {len(MP3) - 417}, runs past the end of "
        f"the file ({len(data)} bytes)"
    )


@pytest.mark.parametrize("left", [1, 3])
def test_an_mp3_cut_in_its_last_frame_header_is_refused(tmp_path: Path, left: int) -> None:
    assert check(tmp_path, "n.mp3", MP3[: len(MP3) - 417 + left]) == (
        "cut short: the file ends in the header of its last MPEG audio frame, at byte "
        f"{len(MP3) - 417}"
    )


@pytest.mark.parametrize(
    "trailer", [bytes(20), b"\x00", b"junk appended by a tool"], ids=["zeros", "one", "text"]
)
@pytest.mark.parametrize("sizes", [True, False], ids=["FFmpeg", "MediaRecorder"])
def test_bytes_after_the_clusters_are_packaged_with_a_warning(
    tmp_path: Path, sizes: bool, trailer: bytes
) -> None:
    """As an MP4's trailer, players ignore them: the recorder's layout was refused, 'damaged: no
    WebM element starts at byte 7238', while FFmpeg's with the same bytes passed."""
    whole = webm(sizes=sizes)
    path = tmp_path / "v.webm"
    path.write_bytes(whole + trailer)
    found = check_media(path, "video/webm")
    assert found.problem is None
    if not sizes:  # FFmpeg's Segment says where the media ends: what follows is not read
        count = f"{len(trailer)} bytes" if len(trailer) > 1 else "1 byte"
        verb = "do" if len(trailer) > 1 else "does"
        assert found.warning == (
            f"its last {count}, from byte {len(whole)}, {verb} not form a WebM element: ignored "
            "by players, packaged as is"
        )


def test_a_webm_damaged_before_its_first_cluster_is_refused(tmp_path: Path) -> None:
    """Bytes that are no element before any whole Cluster: no media to play, not a trailer."""
    damaged = EBML + SEGMENT_ID + UNKNOWN + INFO + bytes(20) + webm(sizes=False)[len(EBML) :]
    assert check(tmp_path, "v.webm", damaged) == (
        f"damaged: no WebM element starts at byte {len(EBML) + 12 + len(INFO)}, where the one "
        "before ends"
    )
    # A cut in a known element after the clusters is still a cut, not a trailer.
    recorded = webm(sizes=False)
    cues = element(b"\x1c\x53\xbb\x6b", bytes(40))
    assert check(tmp_path, "v.webm", recorded + cues[:-10]) == (
        f"cut short: its element 0x1C53BB6B at byte {len(recorded)} runs past the end of the "
        f"file ({len(recorded) + len(cues) - 10} bytes)"
    )


def test_the_build_says_it_in_one_line(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    toml = source / "course.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace('file = "video.mp4"', 'file = "video.webm"')
        .replace('title = "Vidéo"', 'title = "Vidéo"\n  duration = 10.0')
        .replace('audio = "narration.ogg"', 'audio = "narration.mp3"'),
        encoding="utf-8",
    )
    (source / "m1" / "video.webm").write_bytes(webm(sizes=False))
    narration = MP3 + FRAME * 120  # 4.2 s: course.toml's narration lasts 4 s, its last page at 3
    (source / "m1" / "narration.mp3").write_bytes(narration[:-200])
    with pytest.raises(CourseError) as caught:
        build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    assert str(caught.value) == (
        f"{toml}: modules[0].units[1].narration.audio: unit 'deck': narration.mp3: cut short: its "
        f"last MPEG audio frame, at byte {len(narration) - 417}, runs past the end of the file "
        f"({len(narration) - 200} bytes)"
    )
    (source / "m1" / "narration.mp3").write_bytes(narration + ID3V1)
    (source / "m1" / "video.webm").write_bytes(webm(sizes=False) + bytes(20))
    result = build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    assert result.warnings == (
        f"{toml}: modules[0].units[0].variants[0].file: unit 'video': video.webm: its last 20 "
        f"bytes, from byte {len(webm(sizes=False))}, do not form a WebM element: ignored by "
        "players, packaged as is",
    )
