"""Values of the wrong TOML type, as a teacher writes them, are named in course.toml's words with
the fix: a duration as a clock, a version without quotes, authors as one name, one bracket too few
on [[modules.units]] (these were 'expected non-empty text', '$.authors: ... is not of type' and
'a module needs at least one [[modules.units]]' under a unit)."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.authoring.build import build
from player.course.errors import CourseError
from tests.support import write_source


def refusal(tmp_path: Path, old: str, new: str) -> str:
    source = write_source(tmp_path / "src")
    toml = source / "course.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text, old
    toml.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CourseError) as caught:
        build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    assert not (tmp_path / "repo").exists()
    message = str(caught.value)
    assert "$." not in message and "built manifest" not in message
    return message.removeprefix(f"{toml}: ")


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            'title = "Vidéo"',
            'title = "Vidéo"\n  duration = "5:30"',
            "modules[0].units[0].duration: expected seconds as a number, not '5:30': write 330",
        ),
        (
            "duration = 4.0",
            'duration = "1:02:03,5"',
            "modules[0].units[1].narration.duration: expected seconds as a number, not "
            "'1:02:03,5': write 3723.5",
        ),
        (
            'version = "1.0.0"',
            "version = 1.0",
            'version: expected text in quotes, not 1.0: version = "1.0"',
        ),
        (
            'authors = ["Tests"]',
            'authors = "Tests"',
            "authors: expected a list of names, e.g. [\"Ada Lovelace\"], not 'Tests'",
        ),
        (  # a module of one unit (with more, TOML itself refuses the second)
            "max_attempts = 2\n",
            'max_attempts = 2\n\n[[modules]]\nid = "m3"\ntitle = "M3"\nfolder = "m2"\n\n'
            '  [modules.units]\n  id = "quiz2"\n  type = "quiz"\n  title = "Q"\n'
            '  gift = "quiz.gift"\n',
            "modules[2].units: written [modules.units], a single table: write [[modules.units]] "
            "(two brackets) above each unit",
        ),
    ],
)
def test_a_value_of_the_wrong_type_is_said_with_its_fix(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert refusal(tmp_path, old, new) == expected


def test_a_duration_that_is_no_clock_is_said_as_before(tmp_path: Path) -> None:
    said = refusal(tmp_path, "duration = 4.0", 'duration = "quatre"')
    assert said.endswith("expected seconds as a number, not 'quatre'")
