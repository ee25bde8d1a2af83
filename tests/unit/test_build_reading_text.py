"""A reading must be text: one that is not UTF-8, or that decodes as UTF-8 but holds control
characters (UTF-16 saved without a byte-order mark, an archive renamed .md), stops the build with
one line naming the file, the line and the byte or character. Such a file was packaged as it was,
and every learner's player showed its NULs and escapes as a page of garbage."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from player.authoring.build import build
from player.course.errors import SourceError
from tests.support import write_source


def with_reading(tmp_path: Path, data: bytes) -> tuple[Path, Path]:
    """The test course, its reading holding `data`; and the reading's path."""
    source = write_source(tmp_path / "src")
    reading = source / "m2" / "reading.md"
    reading.write_bytes(data)
    return source, reading


def refusal(tmp_path: Path, source: Path) -> str:
    with pytest.raises(SourceError) as caught:
        build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    assert not (tmp_path / "repo").exists(), "a refused build wrote into the repository"
    return str(caught.value)


def tar_of(name: str, text: bytes) -> bytes:
    """A real tar archive holding one file (ASCII headers padded with NULs: valid UTF-8)."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.USTAR_FORMAT) as tar:
        info = tarfile.TarInfo(name)
        info.size = len(text)
        tar.addfile(info, io.BytesIO(text))
    return out.getvalue()


def test_a_reading_saved_as_utf16_without_a_mark_is_refused(tmp_path: Path) -> None:
    data = "# Lecture\n\nUn texte court.\n".encode("utf-16-le")
    data.decode("utf-8")  # what let it through: ASCII and NULs are UTF-8
    source, reading = with_reading(tmp_path, data)
    assert refusal(tmp_path, source) == (
        f"{reading}: line 1: holds a control character (U+0000); a reading must be text"
    )


def test_an_archive_renamed_as_the_reading_is_refused(tmp_path: Path) -> None:
    data = tar_of("lecture.md", b"# Lecture\n\nUn texte court.\n")
    data.decode("utf-8")
    source, reading = with_reading(tmp_path, data)
    assert refusal(tmp_path, source) == (
        f"{reading}: line 1: holds a control character (U+0000); a reading must be text"
    )


def test_terminal_colours_pasted_in_a_reading_are_refused_on_their_line(tmp_path: Path) -> None:
    data = b"# Lecture\n\nLa commande affiche :\n\x1b[31mErreur\x1b[0m\n"
    source, reading = with_reading(tmp_path, data)
    assert refusal(tmp_path, source) == (
        f"{reading}: line 4: holds a control character (U+001B); a reading must be text"
    )


def test_a_latin1_reading_is_refused_naming_line_and_byte(tmp_path: Path) -> None:
    """As a transcript or the branding file is (the reading said only 'not UTF-8 text')."""
    source, reading = with_reading(tmp_path, "# Lecture\n\nÉté à la plage.\n".encode("latin-1"))
    assert refusal(tmp_path, source) == (
        f"{reading}: line 3: not UTF-8 text (byte 0xc9): save it as UTF-8"
    )


def test_tabs_form_feeds_crlf_and_a_byte_order_mark_are_text(tmp_path: Path) -> None:
    data = "\ufeff# Lecture\r\n\r\n\tdu code\r\n\x0c\r\nL'été, 北京 🎬\r\n".encode()
    source, _ = with_reading(tmp_path, data)
    result = build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    text = result.course.unit("reading").text  # type: ignore[union-attr]
    blob = tmp_path / "repo" / "blobs" / "sha256" / text.sha256[:2] / text.sha256
    assert blob.read_bytes() == data
