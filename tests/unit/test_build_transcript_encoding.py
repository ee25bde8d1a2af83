"""A video's transcript that is not UTF-8 text stops the build, as a reading or GIFT file does: it
was packaged whatever it held (a Latin-1 text, an MP4), and every learner's player then said
'The transcript is damaged (not UTF-8).'"""

from __future__ import annotations

from pathlib import Path

import pytest

from player.authoring.build import build
from player.course.errors import SourceError
from player.course.manifest import VideoUnit
from tests.support import FIXTURES, write_source

MP4 = FIXTURES / "media" / "moviepy-smpte-2997.mp4"
VIDEO_TITLE = 'title = "Vidéo"'


def with_transcript(tmp_path: Path, data: bytes, name: str = "transcript.md") -> Path:
    """The test course, its video given the transcript `name` holding `data`."""
    source = write_source(tmp_path / "src")
    toml = source / "course.toml"
    text = toml.read_text(encoding="utf-8")
    assert VIDEO_TITLE in text
    toml.write_text(
        text.replace(VIDEO_TITLE, f'{VIDEO_TITLE}\n  transcript = "{name}"', 1), encoding="utf-8"
    )
    (source / "m1" / name).write_bytes(data)
    return source


def refusal(tmp_path: Path, source: Path) -> str:
    with pytest.raises(SourceError) as caught:
        build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    assert not (tmp_path / "repo").exists()
    return str(caught.value)


def test_a_latin1_transcript_is_refused_naming_file_line_and_byte(tmp_path: Path) -> None:
    text = "# Transcription\n\nBienvenue dans ce cours.\nL'été dernier, nous avons filmé.\n"
    source = with_transcript(tmp_path, text.encode("latin-1"))
    assert refusal(tmp_path, source) == (
        f"{source / 'm1' / 'transcript.md'}: line 4: not UTF-8 text (byte 0xe9): save it as UTF-8"
    )


def test_a_media_file_given_as_transcript_is_refused(tmp_path: Path) -> None:
    data = MP4.read_bytes()
    with pytest.raises(UnicodeDecodeError) as decoding:
        data.decode("utf-8")
    bad = decoding.value.start
    source = with_transcript(tmp_path, data, "clip.mp4")
    line = data.count(b"\n", 0, bad) + 1
    assert refusal(tmp_path, source) == (
        f"{source / 'm1' / 'clip.mp4'}: line {line}: not UTF-8 text "
        f"(byte 0x{data[bad]:02x}): save it as UTF-8"
    )


def test_a_transcript_holding_control_characters_is_refused_naming_line_and_character(
    tmp_path: Path,
) -> None:
    """UTF-8 that is not text (NULs of a file saved as UTF-16 without a mark): refused as a
    reading is, instead of shown to every learner as garbage."""
    text = "# Transcription\n\nBienvenue dans ce cours.\n"
    data = text.encode() + "Seconde partie.\n".encode("utf-16-le")
    data.decode("utf-8")  # what let it through
    source = with_transcript(tmp_path, data)
    assert refusal(tmp_path, source) == (
        f"{source / 'm1' / 'transcript.md'}: line 4: holds a control character (U+0000); "
        "a transcript must be text"
    )


def test_a_utf8_transcript_with_or_without_a_bom_is_built_byte_for_byte(tmp_path: Path) -> None:
    """A byte-order mark is accepted, as in a reading (both are decoded as UTF-8)."""
    text = "# Transcription\n\nL'été dernier, 北京, ¿qué? 🎬\n".encode()
    for n, data in enumerate((text, b"\xef\xbb\xbf" + text)):
        source = with_transcript(tmp_path / str(n), data)
        result = build(source, tmp_path / str(n) / "repo", answers_dir=tmp_path / "keys")
        video = result.course.unit("video")
        assert isinstance(video, VideoUnit) and video.transcript is not None
        blob = tmp_path / str(n) / "repo" / "blobs" / "sha256" / video.transcript.sha256[:2]
        assert (blob / video.transcript.sha256).read_bytes() == data
