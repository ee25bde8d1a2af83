"""course.toml: a key the build does not read is refused, one line naming it, its TOML path and
the key probably meant (a typo like `subtitlesx` used to drop the subtitles without a word)."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.authoring.build import build
from player.authoring.source import read_source
from player.course.errors import CourseError
from tests.support import write_source
from tests.unit.test_build_hostile import edit_toml


@pytest.mark.parametrize(
    "old, new, where, words",
    [
        ("subtitles = [", "subtitlesx = [", "modules[0].units[0].subtitlesx", "'subtitles'"),
        ('licence = "CC0-1.0"', 'license = "CC0-1.0"', "license", "'licence'"),
        ('name = "Tests"', 'name = "Tests"\nurll = "https://x.org"', "publisher.urll", "'url'"),
        ('folder = "m1"', 'folder = "m1"\nsumary = "..."', "modules[0].sumary", "'summary'"),
        ('type = "video"', 'type = "video"\nmove_on = "Passed"', "modules[0].units[0].move_on",
         "'moveOn'"),
        ('width = 1920,', 'widht = 1920,', "modules[0].units[0].variants[0].widht", "'width'"),
        ('language = "en"', 'lang = "en"', "modules[0].units[0].subtitles[1].lang",
         "'language'"),
        ("duration = 4.0,", "durattion = 4.0,", "modules[0].units[1].narration.durattion",
         "'duration'"),
        ("pages = 3", "page = 3", "modules[0].units[1].page", "'pages'"),
        ('text = "reading.md"', 'txt = "reading.md"', "modules[1].units[0].txt", "'text'"),
        ('gift = "quiz.gift"', 'gift = "quiz.gift"\nmastery = 0.5', "modules[1].units[1].mastery",
         "'mastery_score'"),
        ("time_limit = 600", "timelimit = 600", "modules[1].units[2].timelimit", "'time_limit'"),
    ],
)  # fmt: skip
def test_a_misspelt_key_is_refused_with_the_likely_one(
    tmp_path: Path, old: str, new: str, where: str, words: str
) -> None:
    source = write_source(tmp_path / "src")
    edit_toml(old, new)(source)
    with pytest.raises(CourseError) as caught:
        build(source, tmp_path / "repo", answers_dir=tmp_path / "answers")
    message = str(caught.value)
    assert "\n" not in message
    assert f"course.toml: {where}: unknown key " in message, message
    assert message.endswith(f"did you mean {words}?"), message
    assert not (tmp_path / "repo").exists()


def test_a_key_of_another_unit_type_is_refused(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    edit_toml('gift = "quiz.gift"', 'gift = "quiz.gift"\ntime_limit = 60')(source)  # a quiz
    with pytest.raises(CourseError) as caught:
        read_source(source)
    assert str(caught.value).endswith(
        "course.toml: modules[1].units[1].time_limit: unknown key 'time_limit' in a quiz unit"
    )


def test_an_unknown_key_with_nothing_close_names_no_guess(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    edit_toml('licence = "CC0-1.0"', 'licence = "CC0-1.0"\nzzz = 1')(source)
    with pytest.raises(CourseError) as caught:
        read_source(source)
    assert str(caught.value).endswith("course.toml: zzz: unknown key 'zzz' in the course")


def test_a_long_hostile_key_is_cut(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    key = "k" * 100_000
    edit_toml('licence = "CC0-1.0"', f'licence = "CC0-1.0"\n"{key}\\r" = 1')(source)
    with pytest.raises(CourseError) as caught:
        read_source(source)
    message = str(caught.value)
    assert len(message) < 400 and "\r" not in message and "unknown key" in message
