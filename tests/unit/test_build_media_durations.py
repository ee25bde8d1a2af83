"""course.toml's durations against the files' own: `duration = 330` for a 10 s MP4, or 500 for a
4 s narration, was packaged without a word, and the player counted the watched share and the
traces over 330 s (the video could never be completed). Now a warning names both, a slide that
would start after the narration's end is refused, and slide_starts that look like minutes:seconds
are warned of. The lengths come from headers only: the MP4's moov, a WebM's Info, an Ogg's last
page, an MP3's first frame (its Xing header, or its bitrate when constant); an MP3's is an
estimate, which only warns."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from player.authoring.build import build
from player.authoring.media import check_media
from player.course.errors import CourseError
from player.course.manifest import VideoUnit
from tests.support import FIXTURES, write_source
from tests.unit.test_build_media import OGG, OGG_LAST_PAGE, ogg_crc
from tests.unit.test_build_media_webm_mp3 import (
    EBML,
    FRAME,
    ID3V1,
    INFO,
    MP3,
    SEGMENT_ID,
    UNKNOWN,
    element,
    webm,
)

VIDEO = "modules[0].units[0].variants[0].file: unit 'video': "
NARRATION = "modules[0].units[1].narration.audio: unit 'deck': narration.ogg: "
STARTS = "modules[0].units[1].narration.slide_starts: unit 'deck': "
VIDEO_HINT = (
    "the player counts the watched share and the traces over course.toml's: correct `duration`, "
    "or remove it (the build reads it from the file)"
)
NARRATION_HINT = "the player's narration bar and the traces count course.toml's: correct `duration`"


def source_with(tmp_path: Path, video: str = "", narration: str = "") -> Path:
    """The toy course, with `video` added to the video unit's keys and the narration's
    `duration = 4.0, slide_starts = [0, 1.5, 3]` replaced by `narration` when given."""
    source = write_source(tmp_path / "src")
    toml = source / "course.toml"
    text = toml.read_text(encoding="utf-8")
    if video:
        text = text.replace('title = "Vidéo"', f'title = "Vidéo"\n  {video}')
    if narration:
        text = text.replace("duration = 4.0, slide_starts = [0, 1.5, 3]", narration)
    toml.write_text(text, encoding="utf-8")
    return source


def built(source: Path, tmp_path: Path) -> tuple[str, ...]:
    """The build's warnings, each without the course.toml path that starts it."""
    result = build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    prefix = f"{source / 'course.toml'}: "
    assert all(line.startswith(prefix) for line in result.warnings)
    return tuple(line.removeprefix(prefix) for line in result.warnings)


@pytest.mark.parametrize(
    "declared, warned",
    [
        ("330", "the file lasts 10.0 s, course.toml says 330 s"),
        ("5", "the file lasts 10.0 s, course.toml says 5 s"),
        ("12", "the file lasts 10.0 s, course.toml says 12 s"),  # 1.95 s off: over 1 s
        ("10.5", None),  # rounded up: within a second
        ("9.1", None),
    ],
)
def test_an_mp4_whose_duration_differs_from_course_toml_is_warned_of(
    tmp_path: Path, declared: str, warned: str | None
) -> None:
    source = source_with(tmp_path, video=f"duration = {declared}")
    expected = () if warned is None else (f"{VIDEO}video.mp4: {warned}: {VIDEO_HINT}",)
    assert built(source, tmp_path) == expected


def test_a_narration_whose_duration_differs_from_its_ogg_is_warned_of(tmp_path: Path) -> None:
    """The fixture's last page ends at granule 182080, at 44.1 kHz: 4.13 s."""
    source = source_with(tmp_path, narration="duration = 500, slide_starts = [0, 1.5, 3]")
    assert built(source, tmp_path) == (
        f"{NARRATION}the file lasts 4.1 s, course.toml says 500 s: {NARRATION_HINT}",
    )


def test_a_slide_starting_after_the_narration_ends_is_refused(tmp_path: Path) -> None:
    """Before course.toml's end (500 s), after the audio's (4.13 s): a page that never shows."""
    source = source_with(tmp_path, narration="duration = 500, slide_starts = [0, 1.5, 300]")
    with pytest.raises(CourseError) as caught:
        build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    assert str(caught.value) == (
        f"{source / 'course.toml'}: {STARTS}slide_starts: the last page starts at 300 s, after "
        "narration.ogg ends (4.1 s): it would never show; give the starts in seconds of this "
        "recording"
    )
    assert not (tmp_path / "repo").exists()
    # Before the audio's end, even by a little: built.
    source = source_with(tmp_path, narration="duration = 4.1, slide_starts = [0, 1.5, 4.05]")
    assert built(source, tmp_path) == ()


def ogg_lasting(samples: int) -> bytes:
    """The fixture with its last page's granule position moved (its checksum made again): what
    an Ogg Vorbis of `samples` at 44.1 kHz ends with."""
    page = bytearray(OGG[OGG_LAST_PAGE:])
    page[6:14] = samples.to_bytes(8, "little")
    page[22:26] = ogg_crc(bytes(page)).to_bytes(4, "little")
    return OGG[:OGG_LAST_PAGE] + bytes(page)


@pytest.mark.parametrize(
    "starts, warned",
    [
        (
            "[0, 1.30, 3.15]",
            "slide_starts are seconds: 1.30 is 1.3 s; for 1 min 30 s write 90 (every page starts "
            "in the first 3.15 s of the narration's 312.0 s)",
        ),
        (
            "[0, 0.45, 2]",
            "slide_starts are seconds: 0.45 is 0.45 s; for 0 min 45 s write 45 (every page starts "
            "in the first 2 s of the narration's 312.0 s)",
        ),
        ("[0, 90, 195]", None),  # seconds
        ("[0, 1.75, 3.15]", None),  # .75 is no count of seconds
        ("[0, 1.305, 3.15]", None),  # three decimals: not minutes:seconds
        ("[0, 1, 3]", None),  # no fraction to tell by
        ("[0, 10.30, 35.15]", None),  # the last page past a tenth of the narration (31.2 s)
    ],
)
def test_slide_starts_that_look_like_minutes_are_warned_of(
    tmp_path: Path, starts: str, warned: str | None
) -> None:
    source = source_with(tmp_path, narration=f"duration = 312, slide_starts = {starts}")
    (source / "m1" / "narration.ogg").write_bytes(ogg_lasting(312 * 44100))
    assert built(source, tmp_path) == (() if warned is None else (f"{STARTS}{warned}",))


def test_slide_starts_of_a_short_narration_are_seconds(tmp_path: Path) -> None:
    """The toy course's [0, 1.5, 3] of a 4.13 s narration: no warning."""
    assert built(source_with(tmp_path), tmp_path) == ()


def ogg_page(serial: int, sequence: int, granule: int, packet: bytes, flags: int = 0) -> bytes:
    lacing = bytes([255] * (len(packet) // 255) + [len(packet) % 255])
    header = b"OggS\0" + bytes([flags]) + struct.pack("<qIII", granule, serial, sequence, 0)
    page = header + bytes([len(lacing)]) + lacing + packet
    return page[:22] + ogg_crc(page).to_bytes(4, "little") + page[26:]


def opus(granule: int, pre_skip: int = 312) -> bytes:
    """An Ogg Opus stream as libopus frames it: OpusHead (its pre-skip, the input rate), OpusTags,
    then audio pages whose granule positions count 48 kHz samples, pre-skip included."""
    head = b"OpusHead\x01\x02" + struct.pack("<HIhB", pre_skip, 44100, 0, 0)
    pages = [ogg_page(7, 0, 0, head, 0x02), ogg_page(7, 1, 0, b"OpusTags" + bytes(8))]
    step = granule // 3
    for n, at in enumerate((step, 2 * step, granule), start=2):
        pages.append(ogg_page(7, n, at, bytes([0xFC]) + bytes(200), 0x04 if at == granule else 0))
    return b"".join(pages)


def duration(tmp_path: Path, name: str, data: bytes, media_type: str) -> float | None:
    path = tmp_path / name
    path.write_bytes(data)
    check = check_media(path, media_type)
    assert check.problem is None
    return check.duration


def test_an_opus_lasts_its_last_granule_less_its_pre_skip(tmp_path: Path) -> None:
    assert duration(tmp_path, "n.opus", opus(312 + 48000 * 4), "audio/ogg") == 4.0
    assert duration(tmp_path, "n.opus", opus(48000 * 60, pre_skip=0), "audio/ogg") == 60.0
    # Two streams one after the other (a chained Ogg) play one after the other: 4 s + 4 s.
    chained = opus(312 + 48000 * 4) + opus(312 + 48000 * 4).replace(b"\x07\0\0\0", b"\x08\0\0\0")
    assert duration(tmp_path, "n.opus", chained, "audio/ogg") == 8.0
    # Two streams at once (a page of the first after the second's first page): not timed.
    mixed = opus(312 + 48000 * 4)
    second = ogg_page(8, 0, 0, b"OpusHead\x01\x02" + struct.pack("<HIhB", 0, 48000, 0, 0), 0x02)
    mixed = mixed[:47] + second + mixed[47:]  # after the first stream's OpusHead page (47 bytes)
    assert duration(tmp_path, "n.opus", mixed, "audio/ogg") is None


def test_an_ogg_joined_to_itself_lasts_twice_as_long(tmp_path: Path) -> None:
    """`cat a.ogg a.ogg` (or two files of one recorder, one serial number): FFmpeg plays both.
    The second's beginning-of-stream page was read as a page of the first, its last granule
    taken as the file's end: 4.13 s for 8.26 s."""
    assert duration(tmp_path, "n.ogg", OGG + OGG, "audio/ogg") == pytest.approx(2 * 182080 / 44100)
    # And a slide at 6 s of it is no page after the end.
    source = source_with(tmp_path, narration="duration = 8.2, slide_starts = [0, 1.5, 6]")
    (source / "m1" / "narration.ogg").write_bytes(OGG + OGG)
    assert built(source, tmp_path) == ()


def mp3_frame(kbits: int) -> bytes:
    """A silent MPEG-1 Layer III frame at 44.1 kHz, unpadded: 144 x kbits / 44.1 bytes."""
    index = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320).index(kbits) + 1
    return bytes((0xFF, 0xFB, index << 4, 0)) + bytes(144 * kbits * 1000 // 44100 - 4)


def xing(frames: int, stream: int) -> bytes:
    """LAME's first frame: a frame of silence holding the Xing header after its side information
    (32 bytes for MPEG-1 stereo): the frame count (flag 1), then the stream's bytes (flag 2),
    this frame included."""
    body = bytes(32) + b"Xing" + struct.pack(">III", 3, frames, stream)
    return FRAME[:4] + body + bytes(len(FRAME) - 4 - len(body))


def lame(frames: int) -> bytes:
    """A LAME MP3 of `frames` frames at 128 kbit/s after its Xing frame."""
    return xing(frames, (frames + 1) * len(FRAME)) + FRAME * frames


# A VBR MP3 without a Xing header: loud at both ends, 400 quiet frames between (11.49 s).
VBR = mp3_frame(320) * 20 + mp3_frame(64) * 400 + mp3_frame(320) * 20


def test_an_mp3_lasts_its_frames(tmp_path: Path) -> None:
    # Constant bitrate: the audio's bytes at 128 kbit/s (ID3v1 tag left out): 160 x 417 bytes.
    cbr = MP3 + FRAME * 120 + ID3V1
    assert duration(tmp_path, "n.mp3", cbr, "audio/mpeg") == pytest.approx(160 * 417 * 8 / 128000)
    # LAME's Xing header, its byte count the file's: its frame count x 1152 samples at 44.1 kHz.
    vbr = xing(440, len(FRAME) + len(VBR)) + VBR
    assert duration(tmp_path, "n.mp3", vbr, "audio/mpeg") == pytest.approx(440 * 1152 / 44100)
    tagged = b"ID3\x03\x00\x00\x00\x00\x10\x00" + bytes(2048) + vbr  # an ID3v2 tag of 2 KB
    assert duration(tmp_path, "n.mp3", tagged, "audio/mpeg") == pytest.approx(440 * 1152 / 44100)
    # A variable bitrate with no such header (the last frames at 160 kbit/s): not timed.
    vbr = MP3 + (b"\xff\xfb\xa0\x00" + bytes(518)) * 4
    assert duration(tmp_path, "n.mp3", vbr, "audio/mpeg") is None


@pytest.mark.parametrize(
    "data",
    [
        VBR,  # read as 320 kbit/s throughout: 3.1 s
        mp3_frame(32) * 20 + mp3_frame(128) * 400 + mp3_frame(32) * 20,  # as 32 kbit/s: 42.7 s
        xing(100, 101 * len(FRAME)) + VBR,  # its Xing header counts 42 KB, the file holds 167
    ],
    ids=["loud-ends", "quiet-ends", "xing-of-another"],
)
def test_a_vbr_mp3_whose_first_and_last_frames_agree_is_not_timed(
    tmp_path: Path, data: bytes
) -> None:
    """Its first and last frames share a bitrate, its middle has another: it was taken for a
    constant bitrate and timed from the first frame's."""
    assert duration(tmp_path, "n.mp3", data, "audio/mpeg") is None


def test_two_mp3s_joined_last_as_long_as_both(tmp_path: Path) -> None:
    """`cat part1.mp3 part2.mp3`, as teachers join a narration's parts: FFmpeg plays both
    (5.22 s), the first one's Xing header counts its own 100 frames (2.61 s). That header is not
    the file's: timed by its constant bitrate, Xing frames included."""
    joined = lame(100) + lame(100)
    assert duration(tmp_path, "n.mp3", joined, "audio/mpeg") == pytest.approx(
        202 * 1152 / 44100, abs=0.06
    )


def mp3_source(tmp_path: Path, data: bytes, narration: str) -> Path:
    source = source_with(tmp_path, narration=narration)
    toml = source / "course.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("narration.ogg", "narration.mp3"),
        encoding="utf-8",
    )
    (source / "m1" / "narration.mp3").write_bytes(data)
    return source


@pytest.mark.parametrize(
    "data",
    [VBR, lame(100) + lame(100)],
    ids=["vbr", "joined"],
)
def test_a_slide_before_a_long_mp3s_end_is_built(tmp_path: Path, data: bytes) -> None:
    """A page at 5 s of 11.49 s and 5.22 s MP3s was refused: 'the last page starts at 5 s,
    after narration.mp3 ends (3.1 s)', and '(2.6 s)'."""
    source = mp3_source(tmp_path, data, "duration = 5.2, slide_starts = [0, 1.5, 5]")
    assert built(source, tmp_path) == ()


def test_a_slide_after_an_mp3s_estimated_end_is_warned_of(tmp_path: Path) -> None:
    """A constant bitrate or a Xing header says how long an MP3 lasts as far as they are true:
    a page after that end is the teacher's to check, not refused."""
    source = mp3_source(tmp_path, lame(160), "duration = 5.2, slide_starts = [0, 1.5, 5]")
    assert built(source, tmp_path) == (
        f"{NARRATION.replace('.ogg', '.mp3')}the file lasts 4.2 s, course.toml says 5.2 s: "
        f"{NARRATION_HINT}",
        f"{STARTS}slide_starts: the last page starts at 5 s, after narration.mp3 seems to end "
        "(4.2 s, estimated from its MP3 headers): if it does, that page never shows; give the "
        "starts in seconds of this recording",
    )


def test_a_narration_mp3_whose_duration_differs_is_warned_of(tmp_path: Path) -> None:
    narration = "duration = 500, slide_starts = [0, 1.5, 3]"
    source = mp3_source(tmp_path, xing(160, 160 * len(FRAME)) + FRAME * 159, narration)
    assert built(source, tmp_path) == (
        f"{NARRATION.replace('.ogg', '.mp3')}the file lasts 4.2 s, course.toml says 500 s: "
        f"{NARRATION_HINT}",
    )


def webm_lasting(seconds: float, *, sizes: bool, scale: int = 1_000_000) -> bytes:
    """The test WebM with a Duration in its Info, in units of its TimecodeScale (nanoseconds),
    as FFmpeg writes it once done."""
    info = element(
        b"\x15\x49\xa9\x66",
        element(b"\x2a\xd7\xb1", scale.to_bytes(4, "big"))
        + element(b"\x44\x89", struct.pack(">d", seconds * 1e9 / scale)),
    )
    clusters = webm(sizes=sizes)[len(EBML) + 12 + len(INFO) :]
    return EBML + element(SEGMENT_ID, info + clusters, size=None if sizes else UNKNOWN)


@pytest.mark.parametrize("sizes", [True, False], ids=["FFmpeg", "MediaRecorder"])
def test_a_webm_lasts_its_info_duration(tmp_path: Path, sizes: bool) -> None:
    assert duration(tmp_path, "v.webm", webm_lasting(10, sizes=sizes), "video/webm") == 10.0
    data = webm_lasting(90, sizes=sizes, scale=100_000)
    assert duration(tmp_path, "v.webm", data, "video/webm") == pytest.approx(90)
    # No Duration (a recorder never writes one): nothing said.
    assert duration(tmp_path, "v.webm", webm(sizes=sizes), "video/webm") is None


def webm_source(tmp_path: Path, data: bytes, video: str = "") -> Path:
    source = source_with(tmp_path, video=video)
    toml = source / "course.toml"
    text = toml.read_text(encoding="utf-8").replace('file = "video.mp4"', 'file = "video.webm"')
    toml.write_text(text, encoding="utf-8")
    (source / "m1" / "video.webm").write_bytes(data)
    return source


def test_a_webm_whose_duration_differs_is_warned_of(tmp_path: Path) -> None:
    source = webm_source(tmp_path, webm_lasting(10, sizes=True), "duration = 330")
    assert built(source, tmp_path) == (
        f"{VIDEO}video.webm: the file lasts 10.0 s, course.toml says 330 s: {VIDEO_HINT}",
    )


def test_a_webm_without_duration_in_course_toml_takes_its_own(tmp_path: Path) -> None:
    """It was refused 'required (cannot read it from the file)' even when its header says it."""
    source = webm_source(tmp_path, webm_lasting(12.5, sizes=True))
    result = build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    video = result.course.unit("video")
    assert isinstance(video, VideoUnit) and video.duration == 12.5
    # A recorder's WebM says none: still required.
    source = webm_source(tmp_path / "again", webm(sizes=False))
    with pytest.raises(CourseError, match=r"units\[0\]\.duration: required \(cannot read it"):
        build(source, tmp_path / "repo2", answers_dir=tmp_path / "keys2")


def test_mutated_media_raise_nothing(tmp_path: Path) -> None:
    """The new readers (an Ogg's first packet and last page, an MP3's first frame, a WebM's
    Info) meet damaged bytes as the structure checks do: a problem or a length, no exception."""
    import random

    rng = random.Random(21)
    cases = [
        ("a.ogg", "audio/ogg", OGG[:4700] + OGG[OGG_LAST_PAGE:]),
        ("a.opus", "audio/ogg", opus(48000 * 4)),
        ("a.mp3", "audio/mpeg", xing(2000, 21 * len(FRAME)) + FRAME * 20),
        ("b.mp3", "audio/mpeg", lame(20) + lame(20)),
        ("c.ogg", "audio/ogg", OGG[:4700] + OGG[OGG_LAST_PAGE:] + OGG[:4700] + OGG[OGG_LAST_PAGE:]),
        ("a.webm", "video/webm", webm_lasting(10, sizes=True)),
        ("b.webm", "video/webm", webm_lasting(10, sizes=False)),
    ]
    for name, media_type, data in cases:
        path = tmp_path / name
        for _ in range(300):
            mutated = bytearray(data[: rng.randrange(1, len(data) + 1)])
            for _ in range(rng.randrange(1, 6)):
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
            path.write_bytes(bytes(mutated))
            check_media(path, media_type, 4.0)


def test_subtitles_running_past_the_video_are_warned_of(tmp_path: Path) -> None:
    """The sample subtitles whole, cues to 64.3 s on the 10 s video: packaged without a word,
    and all but two never show (u2: cues to 35.5 s on a 10 s video, a subtitle file for another
    video). A cue starting within the duration's slack of the end is no mistake."""
    source = source_with(tmp_path)
    whole = FIXTURES / "vtt" / "valid" / "webvtt-py-sample.vtt"
    (source / "m1" / "video.fr.vtt").write_bytes(whole.read_bytes())
    assert built(source, tmp_path) == (
        "modules[0].units[0].subtitles[0].file: unit 'video': video.fr.vtt: its cues run to "
        "64.3 s, the video lasts 10.0 s: 14 of 16 start after its end and never show; is it the "
        "subtitle file of another video? (packaged as is)",
    )
    # its first two cues, the second starting at 7 s and ending at 11.89 s: nothing to say
    assert built(source_with(tmp_path / "trimmed"), tmp_path / "trimmed") == ()
    # course.toml's duration over the file's: its own warning, not this one besides
    source = source_with(tmp_path / "declared", video="duration = 330")
    (source / "m1" / "video.fr.vtt").write_bytes(whole.read_bytes())
    [warned] = built(source, tmp_path / "declared")
    assert "course.toml says 330 s" in warned
