"""A file course.toml names and the build cannot find is said with what was wrong: a path written
from course.toml's folder rather than the module's, a name in the wrong case, a folder."""

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
    return str(caught.value).removeprefix(f"{toml}: ")


def test_a_path_from_the_course_folder_says_where_it_was_looked_for(tmp_path: Path) -> None:
    said = refusal(tmp_path, 'gift = "quiz.gift"', 'gift = "m2/quiz.gift"')
    assert said.endswith(
        ".gift: names a missing file: m2/quiz.gift (looked for m2/m2/quiz.gift: names are "
        "relative to the folder m2)"
    )


def test_a_name_in_the_wrong_case_names_the_file_there(tmp_path: Path) -> None:
    said = refusal(tmp_path, '"video.mp4"', '"Video.MP4"')
    assert said.endswith(
        "names a missing file: Video.MP4 (looked in m1/); did you mean 'video.mp4'? (names are "
        "case-sensitive)"
    )


def test_a_folder_named_as_a_file_is_said_so(tmp_path: Path) -> None:
    said = refusal(tmp_path, 'text = "reading.md"', 'text = "images"')
    assert said.endswith(".text: images: names a folder, not a file")


def test_a_plain_typo_says_the_folder_looked_in(tmp_path: Path) -> None:
    """docs/course-source.md promises where it looked: 'names a missing file: welcome.mp4'
    left the teacher to guess which folder (u2)."""
    said = refusal(tmp_path, '"video.mp4"', '"vidoe.mp4"')
    assert said.endswith("names a missing file: vidoe.mp4 (looked in m1/)")


def test_a_missing_image_of_a_reading_says_the_folder_looked_in(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src", reading="# Lecture\n\n![carte](images/map.png)\n")
    with pytest.raises(CourseError) as caught:
        build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    assert str(caught.value).endswith("names a missing file: images/map.png (looked in m2/images/)")


def test_a_missing_cover_says_the_course_folder(tmp_path: Path) -> None:
    said = refusal(tmp_path, "title = ", 'cover = "cover.png"\ntitle = ')
    assert said == "cover: names a missing file: cover.png (looked in the course folder)"
