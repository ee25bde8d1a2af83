"""course.toml as Windows editors save it: a UTF-8 byte-order mark is skipped, a file saved as
Windows-1252 is named with its line and the fix, and the file itself may be given for its folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.authoring.build import build
from player.authoring.source import read_source
from player.course.errors import CourseError
from tests.support import write_source


def test_a_byte_order_mark_and_crlf_lines_are_read(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    toml = source / "course.toml"
    toml.write_bytes(b"\xef\xbb\xbf" + toml.read_bytes().replace(b"\n", b"\r\n"))
    result = build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    assert result.course.id == "toy"


def test_windows_1252_names_its_line_and_the_fix(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    toml = source / "course.toml"
    text = toml.read_text(encoding="utf-8")
    assert "é" in text
    toml.write_bytes(text.encode("cp1252"))
    line = text[: text.index("é")].count("\n") + 1
    with pytest.raises(CourseError) as caught:
        read_source(source)
    assert str(caught.value) == (
        f"{toml}: line {line}: not UTF-8 text (byte 0xe9): save it as UTF-8"
    )


def test_the_course_toml_file_is_taken_for_its_folder(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    assert read_source(source / "course.toml").root == source
    result = build(source / "course.toml", tmp_path / "repo", answers_dir=tmp_path / "keys")
    assert result.course.id == "toy"
