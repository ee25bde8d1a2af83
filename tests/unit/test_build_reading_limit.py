"""A reading over MAX_READING_BYTES stops the build: the player renders a reading whole, and 4 MB
of Markdown held its window 1.8 s. A long reading is about 100 KB of text (images are files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.authoring.build import build
from player.course.errors import CourseError
from player.course.reading import MAX_READING_BYTES
from tests.support import write_source


def test_a_reading_over_the_limit_is_refused_naming_file_and_limit(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    (source / "m2" / "reading.md").write_bytes(b"# Lecture\n\n" + b"a" * MAX_READING_BYTES)
    with pytest.raises(CourseError) as caught:
        build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    message = str(caught.value)
    assert "\n" not in message
    assert "reading.md" in message and str(MAX_READING_BYTES) in message, message
    assert f"{MAX_READING_BYTES + 11} bytes" in message, message
    assert not (tmp_path / "repo").exists()


def test_a_reading_at_the_limit_is_built(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    text = (source / "m2" / "reading.md").read_bytes()
    (source / "m2" / "reading.md").write_bytes(text + b" " * (MAX_READING_BYTES - len(text)))
    result = build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    reading = result.course.unit("reading")
    assert reading.text.size == MAX_READING_BYTES  # type: ignore[union-attr]
