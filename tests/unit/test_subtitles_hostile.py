"""Hostile subtitle files: each is one `SourceError` line, in bounded time and memory (checked by
the work done where it can be; timings live in benchmarks/)."""

from __future__ import annotations

from typing import Any

import pytest

from player.course import srt, subtitles
from player.course.cues import Cue
from player.course.errors import SourceError
from player.course.subtitles import MAX_SUBTITLE_BYTES, parse_subtitles


def _one_line_error(data: bytes, file: str, *, strict: bool) -> str:
    with pytest.raises(SourceError) as caught:
        parse_subtitles(data, file, strict=strict)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(file + ":")
    return message


@pytest.mark.parametrize("digits", [400, 5000])  # float overflow; int() digit limit
@pytest.mark.parametrize("strict", [True, False])
def test_hours_with_hundreds_of_digits_are_a_malformed_timing(digits: int, strict: bool) -> None:
    hours = "9" * digits
    vtt = f"WEBVTT\n\n{hours}:00:00.000 --> 00:00:01.000\nhi\n".encode()
    srt = f"1\n{hours}:00:00,000 --> 00:00:01,000\nhi\n".encode()
    message = _one_line_error(vtt, "a.vtt", strict=strict)
    assert ("line 3" in message and "malformed" in message) if strict else "no cues" in message
    assert "line 2: malformed timing line" in _one_line_error(srt, "a.srt", strict=strict)


def test_six_digit_hours_still_parse() -> None:
    [cue] = parse_subtitles(b"WEBVTT\n\n999999:00:00.000 --> 999999:00:01.000\nhi\n", "a.vtt")
    assert cue.start == 999999 * 3600.0


def spy_on(monkeypatch: pytest.MonkeyPatch, name: str, called: list[str]) -> None:
    """subtitles.`name` (the real one) noting each call in `called`."""
    real = getattr(subtitles, name)

    def spy(*args: Any, **kwargs: Any) -> Any:
        called.append(name)
        return real(*args, **kwargs)

    monkeypatch.setattr(subtitles, name, spy)


def test_a_file_over_the_size_limit_is_refused_before_parsing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Refused before it is decoded or parsed (seconds of work and 15 times its size in memory),
    checked by what is called, not by the clock."""
    called: list[str] = []
    for name in ("decode_subtitles", "parse_webvtt", "parse_srt"):
        spy_on(monkeypatch, name, called)
    cue = b"00:00.000 --> 00:01.000\nx\n\n"
    data = b"WEBVTT\n\n" + cue * (MAX_SUBTITLE_BYTES // len(cue) + 1)
    message = _one_line_error(data, "big.vtt", strict=False)
    assert "over the limit" in message and "MiB" in message
    assert called == []
    assert len(parse_subtitles(b"WEBVTT\n\n" + cue, "small.vtt")) == 1  # the spies see one
    assert called == ["decode_subtitles", "parse_webvtt"]


def test_srt_paragraphs_joining_a_cue_take_linear_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lenient SubRip joins a paragraph after a blank line to the cue before it; joining one by
    one copied the growing text each time: 640,000 paragraphs (3.8 MB) took minutes. Checked by
    the work done, not by the clock: the cue text built along the way (every Cue made, with
    its text) stays within twice the text of the cue returned, where a join per paragraph
    builds about paragraphs / 2 times it. Its time: `python -m benchmarks subtitles`."""
    built: list[int] = []

    def counting_cue(start: float, end: float, text: str, *rest: Any) -> Cue:
        built.append(len(text))
        return Cue(start, end, text, *rest)

    monkeypatch.setattr(srt, "Cue", counting_cue)
    paragraphs = 2_000
    data = b"1\n00:00:01,000 --> 00:00:02,000\nhi\n\n" + b"more\n\n" * paragraphs
    [cue] = parse_subtitles(data, "a.srt")
    assert cue.text == "hi" + "\nmore" * paragraphs
    assert sum(built) <= 2 * len(cue.text), (sum(built), len(cue.text))


def test_srt_paragraphs_join_the_cue_before_them_in_order() -> None:
    data = (
        b"1\n00:00:01,000 --> 00:00:02,000\na\n\nb\n\n"
        b"2\n00:00:03,000 --> 00:00:04,000\n<i>c</i>\n\nd\n\n<b></b>\n\ne\n"
    )
    first, second = parse_subtitles(data, "a.srt")
    assert first.text == "a\nb"
    assert second.text == "c\nd\ne"  # an empty paragraph adds no line


@pytest.mark.parametrize("strict", [True, False])
def test_a_very_long_character_reference_in_a_cue_is_a_replacement_character(strict: bool) -> None:
    """html.unescape raised ValueError on "&#" and 4,400 nines (int()'s digit limit): the whole
    file failed with a bare ValueError, no SourceError; it is U+FFFD, as any past U+10FFFF."""
    nines = "&#" + "9" * 4400 + ";"
    vtt = f"WEBVTT\n\n00:00.000 --> 00:01.000\n<v Ann{nines}>a {nines}b &#{'0' * 4400}65;\n"
    [cue] = parse_subtitles(vtt.encode(), "a.vtt", strict=strict)
    assert (cue.text, cue.voice) == ("a \ufffdb A", "Ann\ufffd")
