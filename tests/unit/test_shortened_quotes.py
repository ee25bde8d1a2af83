"""What a refusal quotes from a file (a pasted number, a subtitle line, a name) is cut to a
readable length with a "…", the same way in every importer (player.course.errors.shorten)."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.course.errors import SourceError, quoted, shorten
from player.course.gift import parse_gift
from player.course.webvtt import parse_webvtt
from tests.unit.test_build_hostile import edit_toml, refused, write


def test_a_long_text_is_cut_to_the_limit_with_an_ellipsis() -> None:
    assert shorten("a" * 60) == "a" * 60
    assert shorten("a" * 61) == "a" * 59 + "…"
    assert quoted("b" * 100, 80) == repr("b" * 79 + "…")


def test_gift_and_webvtt_refusals_quote_59_characters_and_an_ellipsis() -> None:
    with pytest.raises(SourceError) as caught:
        parse_gift("Q {#" + "9" * 5000 + "}", "quiz.gift")
    assert f"numeric answer {'9' * 59 + '…'!r} is out of range" in str(caught.value)
    with pytest.raises(SourceError) as caught:
        parse_gift("Q {~%" + "9" * 5000 + "%a =b}", "quiz.gift")
    assert f"weight {'9' * 59}…% is outside" in str(caught.value)
    with pytest.raises(SourceError) as caught:
        parse_webvtt("X" * 500, "talk.vtt")
    assert str(caught.value).endswith(f"not {'X' * 59 + '…'!r}")


def test_course_toml_refusals_cut_a_key_to_40_and_a_file_name_to_80(tmp_path: Path) -> None:
    key = "k" * 100
    message = refused(
        tmp_path / "a", edit_toml('licence = "CC0-1.0"', f'licence = "CC0-1.0"\n{key} = 1')
    )
    assert f"unknown key {'k' * 39 + '…'!r}" in message
    message = refused(tmp_path / "b", write("m2/reading.md", b"![x](" + b"a" * 5000 + b".png)\n"))
    assert f"{'a' * 79 + '…'!r} is not a usable file name" in message
