"""A file name with a CR, a NUL, an ESC or a bidirectional override reaches a one-line error
escaped, never raw: it cannot rewrite the terminal line, cut or split a log line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from player.authoring.build import build
from player.course.errors import PackageError, SourceError, one_line
from player.course.manifest import parse_manifest
from sync.catalog_parse import CatalogError, parse_catalog
from tests.support import write_source

RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
HOSTILE = "cours\r\x1b[2Kok\x00\u202egnp.\x85json"


def test_one_line_escapes_every_control_character() -> None:
    assert one_line("a\rb\x00c\x1b[1m\td\u202ee\u2028f\x7fg\x9b") == (
        "a\\rb\\x00c\\x1b[1m\\td\\u202ee\\u2028f\\x7fg\\x9b"
    )
    assert one_line("two\nlines") == "two lines"  # as before: a newline reads on as a space
    assert one_line("Vidéo « ok » — 動画") == "Vidéo « ok » — 動画"  # printable text untouched


@pytest.mark.parametrize("error", [PackageError, SourceError])
def test_course_errors_escape_the_file_name_and_the_reason(error: type[PackageError]) -> None:
    message = str(error(HOSTILE, "bad\rvalue"))
    assert not RAW.search(message) and "\n" not in message
    assert message.startswith("cours\\r\\x1b[2Kok\\x00\\u202egnp.\\x85json: ")
    assert message.endswith("bad\\rvalue")


def test_manifest_error_names_a_hostile_file_escaped() -> None:
    with pytest.raises(PackageError) as caught:
        parse_manifest(b"{", HOSTILE)
    assert not RAW.search(str(caught.value))


def test_catalog_error_names_a_hostile_source_escaped() -> None:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(b"[", "/media/usb/cat\ralog\x1b[2K.json")
    message = str(caught.value)
    assert not RAW.search(message) and message.startswith("/media/usb/cat\\ralog\\x1b[2K.json: ")


def test_build_error_names_a_hostile_source_file_escaped(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src\rx")
    (source / "course.toml").write_text("format = [", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        build(source, tmp_path / "repo")
    message = str(caught.value)
    assert "src\\rx" in message and not RAW.search(message)
