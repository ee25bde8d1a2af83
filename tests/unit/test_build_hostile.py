"""`cartable-pack build` on hostile sources: one error naming the file and the TOML or JSON path,
never a traceback, and a failed build leaves the repository as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from player.authoring.build import build
from player.authoring.mp4 import mp4_duration
from player.course.errors import CourseError
from tests.support import write_source


def edit_toml(old: str, new: str) -> Callable[[Path], None]:
    def change(source: Path) -> None:
        toml = source / "course.toml"
        text = toml.read_text(encoding="utf-8")
        assert old in text, old
        toml.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def write(relative: str, data: bytes) -> Callable[[Path], None]:
    return lambda source: (source / relative).write_bytes(data)


def refused(tmp_path: Path, change: Callable[[Path], None], repo: Path | None = None) -> str:
    source = write_source(tmp_path / "src")
    change(source)
    repo = repo or tmp_path / "repo"
    with pytest.raises(CourseError) as caught:
        build(source, repo, answers_dir=tmp_path / "answers")
    message = str(caught.value)
    assert "\n" not in message
    return message


VIDEO_TITLE = 'title = "Vidéo"'


@pytest.mark.parametrize(
    "change, words",
    [
        # Rules parse_manifest checked after the blobs were copied (they stayed behind), now
        # said in course.toml's words before.
        (
            edit_toml('id = "deck"', 'id = "video"'),
            "course.toml: modules[0].units[1].id: unit id 'video' is already used by "
            "modules[0].units[0]: give each unit its own id",
        ),
        (
            edit_toml('id = "m2"', 'id = "m1"'),
            "course.toml: modules[1].id: module id 'm1' is already used by modules[0]",
        ),
        (
            edit_toml("slide_starts = [0, 1.5, 3]", "slide_starts = [0, 1.5]"),
            "course.toml: modules[0].units[1].narration.slide_starts: unit 'deck': slide_starts "
            "gives 2 start times for the 3 pages of deck.pdf: give one per page",
        ),
        # TOML has nan and inf, JSON has not: json.dumps wrote a bare NaN into course.json.
        (
            edit_toml(VIDEO_TITLE, VIDEO_TITLE + "\n  duration = nan"),
            "course.toml: modules[0].units[0].duration: expected seconds as a number, not nan",
        ),
        (
            edit_toml(VIDEO_TITLE, VIDEO_TITLE + "\n  threshold = nan"),
            "course.toml: modules[0].units[0].threshold: expected a number, not nan",
        ),
        (
            edit_toml("slide_starts = [0, 1.5, 3]", "slide_starts = [0, nan, 3]"),
            "narration.slide_starts: unit 'deck': slide_starts: expected a list of seconds",
        ),
        (
            edit_toml('licence = "CC0-1.0"', 'licence = "CC0-1.0"\nvideo_threshold = inf'),
            "course.toml: video_threshold: expected a number, not inf",
        ),
    ],
)
def test_a_manifest_refused_after_copying_leaves_no_repository(
    tmp_path: Path, change: Callable[[Path], None], words: str
) -> None:
    assert words in refused(tmp_path, change)
    assert not (tmp_path / "repo").exists(), "a failed build wrote into the repository"


def test_republishing_with_other_content_removes_the_blobs_it_copied(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    build(write_source(tmp_path / "first"), repo, answers_dir=tmp_path / "answers")
    before = sorted(p for p in repo.rglob("*") if p.is_file())
    message = refused(tmp_path, write("m2/reading.md", b"# Autre\n\nTexte chang\xc3\xa9.\n"), repo)
    assert "raise the version" in message
    assert sorted(p for p in repo.rglob("*") if p.is_file()) == before


@pytest.mark.parametrize("value", ['"abc"', "[1]", "true", "{ s = 1 }"])
def test_a_duration_that_is_not_a_number_names_the_toml_path(tmp_path: Path, value: str) -> None:
    # float("abc") raised ValueError, float([1]) TypeError; float(True) made a 1-second video.
    message = refused(tmp_path, edit_toml(VIDEO_TITLE, f"{VIDEO_TITLE}\n  duration = {value}"))
    assert "course.toml: modules[0].units[0].duration: expected seconds as a number" in message


@pytest.mark.parametrize(
    "image, words",
    [
        ("a%00b.png", "embedded null byte"),  # the renderer unquotes %00: ValueError from resolve
        ("a" * 5000 + ".png", "File name too long"),  # OSError ENAMETOOLONG from is_file
    ],
)
def test_an_unusable_image_name_in_a_reading_is_a_clear_error(
    tmp_path: Path, image: str, words: str
) -> None:
    message = refused(tmp_path, write("m2/reading.md", f"![x]({image})\n".encode()))
    assert "is not a usable file name" in message and words in message


def test_deeply_nested_toml_is_a_clear_error(tmp_path: Path) -> None:
    nested = b"x = " + b"[" * 5000 + b"]" * 5000 + b"\n"
    message = refused(tmp_path, write("course.toml", nested))
    assert "course.toml: not valid TOML: nested too deeply" in message


def test_an_mp4_of_nested_movie_boxes_has_no_duration(tmp_path: Path) -> None:
    # Each moov box holds the next: the scan recursed once per box (RecursionError).
    depth = 3000
    boxes = b"".join(((depth - i) * 8).to_bytes(4, "big") + b"moov" for i in range(depth))
    path = tmp_path / "nested.mp4"
    path.write_bytes(boxes)
    assert mp4_duration(path) is None
    # With an mdat beside them, as every movie has, they pass the build's check of structure.
    message = refused(tmp_path, write("m1/video.mp4", boxes + b"\x00\x00\x00\x08mdat"))
    assert "modules[0].units[0].duration: required (cannot read it from the file)" in message


@pytest.mark.parametrize(
    "old, new, where",
    [
        ('id = "toy"', 'id = "toy\\n"', "course.toml: id: 'toy\\n' may hold only lowercase"),
        ('version = "1.0.0"', 'version = "1.0.0\\n"', "course.toml: version: '1.0.0\\n' must be"),
        ('id = "video"', 'id = "video\\n"', "course.toml: modules[0].units[0].id: 'video\\n': ids"),
    ],
)
def test_an_id_or_version_ending_in_a_line_break_is_refused(
    tmp_path: Path, old: str, new: str, where: str
) -> None:
    # A pattern's `$` matched before the final "\n": the build wrote courses/toy\n/ and signed it.
    message = refused(tmp_path, edit_toml(old, new))
    assert where in message
    assert not (tmp_path / "repo").exists()


def test_a_subtitle_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    # It was read whole, then refused: a 64 MiB file took 64 MiB of memory to say so.
    import tracemalloc

    from player.course.subtitles import MAX_SUBTITLE_BYTES

    size = 64 * 1024 * 1024

    def huge(source: Path) -> None:
        with open(source / "m1" / "video.fr.vtt", "r+b") as handle:
            handle.truncate(size)  # sparse: no disk used

    tracemalloc.start()
    try:
        message = refused(tmp_path, huge)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert message == (
        f"{tmp_path / 'src' / 'm1' / 'video.fr.vtt'}: subtitle file is {size} bytes, over the "
        f"limit of {MAX_SUBTITLE_BYTES} (8 MiB)"
    )
    assert peak < size // 4, peak
