"""A video's transcript over MAX_TRANSCRIPT_BYTES stops the build, as an oversized reading,
subtitle or GIFT file does: it was packaged whatever its size (a 5 GB `.md` went in as it was)."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.authoring.build import build
from player.course.errors import CourseError
from player.course.manifest import VideoUnit
from player.course.transcript import MAX_TRANSCRIPT_BYTES
from tests.support import write_source

VIDEO_TITLE = 'title = "Vidéo"'


def with_transcript(tmp_path: Path, data: bytes) -> Path:
    """The test course, its video given `transcript.md` holding `data`."""
    source = write_source(tmp_path / "src")
    toml = source / "course.toml"
    text = toml.read_text(encoding="utf-8")
    assert VIDEO_TITLE in text
    toml.write_text(
        text.replace(VIDEO_TITLE, f'{VIDEO_TITLE}\n  transcript = "transcript.md"', 1),
        encoding="utf-8",
    )
    (source / "m1" / "transcript.md").write_bytes(data)
    return source


def test_a_transcript_over_the_limit_is_refused_naming_file_and_limit(tmp_path: Path) -> None:
    source = with_transcript(
        tmp_path, b"# Transcription\n\n" + b"mot " * (MAX_TRANSCRIPT_BYTES // 4)
    )
    size = (source / "m1" / "transcript.md").stat().st_size
    assert size > MAX_TRANSCRIPT_BYTES
    with pytest.raises(CourseError) as caught:
        build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    assert str(caught.value) == (
        f"{source / 'm1' / 'transcript.md'}: transcript is {size} bytes, over the limit of "
        f"{MAX_TRANSCRIPT_BYTES} (1 MiB): a transcript holds the words of its video, about "
        "60 KB an hour"
    )
    assert not (tmp_path / "repo").exists()


def test_a_transcript_at_the_limit_is_built(tmp_path: Path) -> None:
    source = with_transcript(tmp_path, b"mot " * (MAX_TRANSCRIPT_BYTES // 4))
    result = build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    video = result.course.unit("video")
    assert isinstance(video, VideoUnit) and video.transcript is not None
    assert video.transcript.size == MAX_TRANSCRIPT_BYTES
