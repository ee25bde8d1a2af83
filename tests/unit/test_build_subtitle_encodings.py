"""`cartable-pack build` with subtitles as Windows tools save them: UTF-16 or UTF-8 with a
byte-order mark and Windows-1252 (declared in course.toml) are packaged as UTF-8 with the same
cues; what cannot be decoded without guessing stops the build with one line naming file and line.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from player.authoring.build import build
from player.course.cues import Cue
from player.course.errors import CourseError
from player.course.manifest import VideoUnit
from player.course.subtitles import parse_subtitles
from tests.support import FIXTURES, run_cli, write_source

# A French teacher's SubRip, CRLF as Windows writes it.
SRT_FR = (
    "1\r\n00:00:01,000 --> 00:00:03,000\r\nÀ l'école, on apprend à lire.\r\n\r\n"
    "2\r\n00:00:04,000 --> 00:00:06,500\r\nÇa coûte 5 € : c'est l'été !\r\n"
)
JAPANESE_SRT = FIXTURES / "srt" / "pysrt-capability_tester.srt"  # UTF-8 with a BOM, CRLF


def with_encoding(source: Path, language: str, encoding: str) -> None:
    toml = source / "course.toml"
    text = toml.read_text(encoding="utf-8")
    entry = f'language = "{language}",'
    assert entry in text
    toml.write_text(text.replace(entry, f'{entry} encoding = "{encoding}",'), encoding="utf-8")


def built_tracks(source: Path, repo: Path) -> dict[str, bytes]:
    """Build, then the subtitle blobs of the video by language (their size and hash checked)."""
    course = build(source, repo).course
    video = course.unit("video")
    assert isinstance(video, VideoUnit)
    return {t.language: (repo / t.file.blob_path).read_bytes() for t in video.subtitles}


def cues_of(data: bytes, name: str) -> tuple[Cue, ...]:
    return parse_subtitles(data, name, strict=True)


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: codecs.BOM_UTF16_LE + text.encode("utf-16-le"),
        lambda text: codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    ],
    ids=["utf-16-le", "utf-16-be"],
)
def test_utf16_with_a_mark_is_packaged_as_utf8_with_the_same_cues(encode, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = write_source(tmp_path / "src")
    japanese = JAPANESE_SRT.read_bytes().decode("utf-8-sig")
    (source / "m1" / "video.en.srt").write_bytes(encode(japanese))
    (source / "m1" / "video.fr.vtt").unlink()
    (source / "m1" / "video.fr.srt").write_bytes(encode(SRT_FR))
    toml = source / "course.toml"
    toml.write_text(
        toml.read_text(encoding="utf-8").replace("video.fr.vtt", "video.fr.srt"), encoding="utf-8"
    )
    blobs = built_tracks(source, tmp_path / "repo")
    assert blobs["fr"] == SRT_FR.encode("utf-8")  # no mark, CRLF kept
    assert cues_of(blobs["fr"], "blob") == cues_of(SRT_FR.encode("utf-8"), "fr.srt")
    assert blobs["en"] == japanese.encode("utf-8")
    assert cues_of(blobs["en"], "blob") == cues_of(JAPANESE_SRT.read_bytes(), "blob")
    assert len(cues_of(blobs["en"], "blob")) == 37  # as pysrt counts them


def test_utf8_with_or_without_a_mark_is_packaged_byte_for_byte(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    (source / "m1" / "video.en.srt").write_bytes(JAPANESE_SRT.read_bytes())
    fr = (source / "m1" / "video.fr.vtt").read_bytes()
    blobs = built_tracks(source, tmp_path / "repo")
    assert blobs == {"fr": fr, "en": JAPANESE_SRT.read_bytes()}  # a rebuild keeps its hashes


def test_windows_1252_declared_in_course_toml_is_packaged_as_utf8(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    (source / "m1" / "video.en.srt").write_bytes(SRT_FR.encode("cp1252"))
    with_encoding(source, "en", "windows-1252")
    blobs = built_tracks(source, tmp_path / "repo")
    assert blobs["en"] == SRT_FR.encode("utf-8")
    cues = cues_of(blobs["en"], "blob")
    assert cues == cues_of(SRT_FR.encode("utf-8"), "fr.srt")
    assert cues[1].text == "Ça coûte 5 € : c'est l'été !"


def write(relative: str, data: bytes) -> Callable[[Path], None]:
    return lambda source: (source / relative).write_bytes(data)


def both(*changes: Callable[[Path], None]) -> Callable[[Path], None]:
    def change(source: Path) -> None:
        for each in changes:
            each(source)

    return change


@pytest.mark.parametrize(
    "change, message",
    [
        (
            write("m1/video.en.srt", SRT_FR.encode("cp1252")),
            "{src}/m1/video.en.srt: line 3: not UTF-8 text (byte 0xc0): save it as UTF-8, or "
            'name its encoding in course.toml, e.g. encoding = "windows-1252" on its subtitles '
            "entry",
        ),
        (
            write("m1/video.en.srt", SRT_FR.encode("utf-16-le")),
            "{src}/m1/video.en.srt: UTF-16 text without a byte-order mark: save it as UTF-8, or "
            'add encoding = "utf-16-le" to its subtitles entry in course.toml',
        ),
        (
            both(
                write("m1/video.en.srt", SRT_FR.encode("utf-8")),
                lambda source: with_encoding(source, "en", "windows-1252"),
            ),
            "{src}/m1/video.en.srt: line 3: UTF-8 text, but course.toml says encoding = "
            '"windows-1252": remove that option (the file was saved as UTF-8)',
        ),
        (
            lambda source: with_encoding(source, "en", "windows1252x"),
            "{src}/course.toml: modules[0].units[0].subtitles[1].encoding: 'windows1252x' is not "
            "a text encoding (for French or other Western European text saved by Windows tools: "
            '"windows-1252")',
        ),
    ],
    ids=["windows-1252 undeclared", "utf-16 without a mark", "utf-8 declared 1252", "typo"],
)
def test_a_subtitle_that_cannot_be_decoded_without_guessing_stops_the_build(
    tmp_path: Path, change: Callable[[Path], None], message: str
) -> None:
    source = write_source(tmp_path / "src")
    change(source)
    with pytest.raises(CourseError) as caught:
        build(source, tmp_path / "repo")
    assert str(caught.value) == message.format(src=source)
    assert not (tmp_path / "repo").exists()


def test_the_command_line_says_it_in_one_line(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    (source / "m1" / "video.en.srt").write_bytes(SRT_FR.encode("utf-16-be"))
    result = run_cli("-m", "player.authoring.cli", "build", str(source), "-o", str(tmp_path / "r"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "video.en.srt: UTF-16 text without a byte-order mark" in line
    assert 'encoding = "utf-16-be"' in line
