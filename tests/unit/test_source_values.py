"""course.toml values the manifest's schema would refuse are named in course.toml's words: the key,
what it may hold and an example, not `(built manifest): $.id: ... does not match '^[a-z0-9]...'`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from player.authoring.build import build
from player.course.errors import CourseError
from tests.support import write_source

TITLE = 'title = "Vidéo"'
DECK = "modules[0].units[1]"


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
    assert "\n" not in message and "$." not in message and "built manifest" not in message
    prefix = f"{source / 'course.toml'}: "
    assert message.startswith(prefix)
    return message.removeprefix(prefix)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        (
            'id = "toy"',
            'id = "Audit Course"',
            "id: 'Audit Course' may hold only lowercase letters, digits, '.', '_' and '-' (at "
            "most 64, starting with a letter or digit), e.g. 'audit-course'",
        ),
        ('id = "toy"', 'id = "Économie Générale"', "e.g. 'economie-generale'"),
        (
            'version = "1.0.0"',
            'version = "1.0.0-beta"',
            "version: '1.0.0-beta' must be one to four numbers separated by dots, each of at "
            "most 6 digits (no letters, no leading zeros), e.g. '1.0.0'; a new version is a "
            "higher one",
        ),
        ('version = "1.0.0"', 'version = "v2.01"', "e.g. '2.1'"),
        # A date as one number: 8 digits, the schema allows 6 ("one to four numbers" said nothing).
        (
            'version = "1.0.0"',
            'version = "20261127"',
            "version: '20261127' must be one to four numbers separated by dots, each of at most 6 "
            "digits (no letters, no leading zeros), e.g. '2026.11.27'; a new version is a higher "
            "one",
        ),
        ('version = "1.0.0"', 'version = "2026-01-05"', "e.g. '2026.1.5'"),
        ('version = "1.0.0"', 'version = "1.1234567"', "e.g. '1.0.0'"),
        (
            'language = "fr"',
            'language = "French"',
            "language: 'French' is not a language code: write its BCP 47 tag, the language in "
            "lowercase letters, e.g. 'fr', 'en' or 'pt-BR'",
        ),
        ('language = "fr"', 'language = "FR"', "e.g. 'fr'"),
        (
            'language = "en", label',
            'language = "English", label',
            "modules[0].units[0].subtitles[1].language: 'English' is not a language code",
        ),
        (
            'language = "en", label',
            "label",
            "modules[0].units[0].subtitles[1].language: is required, e.g. 'fr'",
        ),
        (
            'name = "Tests"',
            'name = "Tests"\nurl = "example.org"',
            "publisher.url: 'example.org' must be a web address starting with https:// or "
            "http://, e.g. 'https://example.org'",
        ),
        (
            'id = "reading"',
            'id = "video"',
            "modules[1].units[0].id: unit id 'video' is already used by modules[0].units[0]: "
            "give each unit its own id",
        ),
        (
            'id = "m2"',
            'id = "m1"',
            "modules[1].id: module id 'm1' is already used by modules[0]: give each module its "
            "own id",
        ),
        (
            TITLE,
            TITLE + "\n  duration = -3",
            "modules[0].units[0].duration: duration -3 must be more than 0 and at most 86400 "
            "seconds",
        ),
        (
            "duration = 4.0",
            "duration = -4.0",
            f"{DECK}.narration.duration: duration -4.0 must be more than 0 and at most 86400 "
            "seconds",
        ),
        (
            TITLE,
            TITLE + "\n  threshold = 1.5",
            "modules[0].units[0].threshold: threshold 1.5 must be more than 0 and at most 1 (the "
            "share of a video to watch, e.g. 0.9)",
        ),
        (
            "width = 1920",
            "width = 0",
            "modules[0].units[0].variants[0].width: width 0 must be at least 1 and at most 16384",
        ),
        ("pages = 3", "pages = 0", f"{DECK}.pages: pages 0 must be at least 1 and at most 5000"),
        (
            "slide_starts = [0, 1.5, 3]",
            "slide_starts = [0, 1.5]",
            f"{DECK}.narration.slide_starts: unit 'deck': slide_starts gives 2 start times for "
            "the 3 pages of deck.pdf: give one per page",
        ),
        (
            "slide_starts = [0, 1.5, 3]",
            "slide_starts = [0, 3, 1.5]",
            f"{DECK}.narration.slide_starts: unit 'deck': slide_starts: the first must be 0 and "
            "each later than the one before",
        ),
        (
            "duration = 4.0",
            "duration = 3.0",
            f"{DECK}.narration.slide_starts: unit 'deck': slide_starts: the last page starts at "
            "3 s, not before the narration's end (duration = 3.0)",
        ),
        (
            'narration = { audio = "narration.ogg", duration = 4.0, ',
            'narration = { audio = "narration.ogg", ',
            f"{DECK}.narration.duration: is required",
        ),
        (
            'gift = "quiz.gift"\n\n',
            'gift = "quiz.gift"\n  mastery_score = 80\n\n',
            "modules[1].units[1].mastery_score: mastery_score 80 must be at least 0 and at most "
            "1 (the share of the points to pass, e.g. 0.8)",
        ),
        (
            "time_limit = 600",
            "time_limit = -600",
            "modules[1].units[2].time_limit: time_limit -600 must be at least 1 and at most "
            "86400 seconds",
        ),
        (
            "max_attempts = 2",
            "max_attempts = 2.5",
            "max_attempts: expected a whole number, not 2.5",
        ),
        (
            "max_attempts = 2",
            "shuffle_choices = 1",
            "modules[1].units[2].shuffle_choices: expected true or false, not 1",
        ),
        (
            'licence = "CC0-1.0"',
            'licence = "CC0-1.0"\nvideo_threshold = 0',
            "video_threshold: video_threshold 0 must be more than 0 and at most 1",
        ),
        (
            'title = "Cours jouet"',
            f'title = "{"x" * 301}"',
            "title: 301 characters long, over the limit of 300: shorten it",
        ),
    ],
)
def test_a_value_the_manifest_refuses_is_named_in_course_toml_words(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert expected in refusal(tmp_path, old, new)


def test_values_at_their_limits_are_built(tmp_path: Path) -> None:
    source = write_source(tmp_path / "src")
    toml = source / "course.toml"
    text = toml.read_text(encoding="utf-8")
    for old, new in (
        ('id = "toy"', 'id = "a.b_c-9"'),
        ('version = "1.0.0"', 'version = "0.999999.0.1"'),
        ('language = "fr"', 'language = "pt-BR"'),
        ('name = "Tests"', 'name = "Tests"\nurl = "http://example.org/cours"'),
        ('licence = "CC0-1.0"', 'licence = "CC0-1.0"\nvideo_threshold = 1'),
        (TITLE, f"{TITLE}\n  threshold = 0.01\n  duration = 86400"),
        ('gift = "quiz.gift"\n\n', 'gift = "quiz.gift"\n  mastery_score = 0\n\n'),
        ("time_limit = 600", "time_limit = 86400"),
    ):
        assert old in text, old
        text = text.replace(old, new, 1)
    toml.write_text(text, encoding="utf-8")
    result = build(source, tmp_path / "repo", answers_dir=tmp_path / "keys")
    assert (result.course.id, result.course.version) == ("a.b_c-9", "0.999999.0.1")
