"""Hostile GIFT files: one `SourceError` line naming the GIFT file and line, in bounded work
(checked by what is parsed, never by the clock: timings live in benchmarks/), and nothing accepted
that the manifest would refuse later under a JSON path the teacher never wrote."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from player.course import gift
from player.course.errors import SourceError
from player.course.gift import (
    MAX_GIFT_BYTES,
    MAX_QUESTIONS,
    MAX_TEXT,
    MAX_TITLE,
    load_gift,
    parse_gift,
)


def counted(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[int]:
    """`owner.name` (the real one) counting its calls, in the list returned ([calls])."""
    calls = [0]
    real = getattr(owner, name)

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counting)
    return calls


def refused(text: str) -> str:
    with pytest.raises(SourceError) as caught:
        parse_gift(text, "quiz.gift")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("quiz.gift: line ")
    assert len(message) < 300, message  # a pasted 5,000-digit number is not repeated whole
    return message


@pytest.mark.parametrize(
    "block",
    [
        "{#9e999999:9e999999}",  # value + tolerance overflows decimal's context: decimal.Overflow
        "{#-9e999999..9e999999}",
        "{#=%50%9e999999:9e999999 =1}",
    ],
)
def test_numbers_overflowing_decimal_are_out_of_range(block: str) -> None:
    assert "out of range" in refused(f"Q\n{block}")


@pytest.mark.parametrize(
    "text, words",
    [
        ("Q {~%" + "9" * 5000 + "%a =b}", "is outside -100%..100%"),
        ("Q {#" + "9" * 5000 + "}", "out of range"),
        ("Q {#1" + "0" * 5000 + "..1}", "minimum above its maximum"),
        ("Q {#1:-" + "1" * 5000 + "}", "tolerance"),
        ("Q {#1x" + "1" * 5000 + "}", "is not a number"),
    ],
)
def test_huge_values_are_cut_in_the_message(text: str, words: str) -> None:
    assert words in refused(text)


def test_more_questions_than_a_quiz_holds_stop_at_the_first_one_too_many(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Same titles made each id a longer search (quadratic): 20,000 took about a minute, to be
    refused by the schema afterwards under the built manifest's JSON path. Checked by the work
    done: no question past the limit is read or given an id."""
    read = counted(monkeypatch, gift._Reader, "question")
    named = counted(monkeypatch, gift, "_unique_id")
    text = "\n\n".join("::Même titre:: Q {T}" for _ in range(20 * MAX_QUESTIONS))
    message = refused(text)
    assert f"line {2 * MAX_QUESTIONS + 1}: more than {MAX_QUESTIONS} questions" in message
    assert (read, named) == ([MAX_QUESTIONS], [MAX_QUESTIONS])
    exactly = parse_gift("\n\n".join("::t:: Q {T}" for _ in range(MAX_QUESTIONS)))
    assert exactly.questions[-1].id == f"t-{MAX_QUESTIONS}"


def test_a_title_longer_than_a_manifest_line_names_the_gift_line() -> None:
    assert parse_gift("::" + "t" * MAX_TITLE + ":: Q {T}").questions[0].title == "t" * MAX_TITLE
    message = refused("// comment\n\n::" + "t" * (MAX_TITLE + 1) + ":: Q {T}")
    assert f"line 3: question title is longer than {MAX_TITLE} characters" in message


@pytest.mark.parametrize(
    "template",
    [
        "Q {=a#FB ~b}",  # choice feedback
        "Q {=a ~b ####FB}",  # general feedback
        "Q {T#FB}",  # true/false feedback if wrong
        "Q {F#x#FB}",  # ... if right
        "Q {=a#FB =b}",  # short answer feedback
        "Q {#1#FB}",  # numeric feedback
        "Q {#=1#FB =2}",
    ],
)
def test_feedback_longer_than_a_manifest_text_names_the_gift_line(template: str) -> None:
    assert parse_gift(template.replace("FB", "f" * MAX_TEXT)).questions
    message = refused("\n" + template.replace("FB", "f" * (MAX_TEXT + 1)))
    assert f"line 2: feedback is longer than {MAX_TEXT} characters" in message


def test_a_matching_pair_longer_than_a_manifest_text_names_the_gift_line() -> None:
    long = "x" * (MAX_TEXT + 1)
    assert "matching pair is longer" in refused(f"Q {{=a -> {long} =b -> c}}")
    assert "matching pair is longer" in refused(f"Q {{={long} -> a =b -> c}}")


def test_a_gift_file_over_the_limit_is_refused_before_it_is_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 4 MB took 8-15 s to parse, for a file no real quiz comes near (the fixtures are under 10 KB).
    question = "::T:: " + "x" * 4000 + " {=a ~b}"
    path = tmp_path / "quiz.gift"
    path.write_text("\n\n".join([question] * 600), encoding="utf-8")
    assert path.stat().st_size > MAX_GIFT_BYTES
    parsed = counted(monkeypatch, gift, "parse_gift")
    with pytest.raises(SourceError) as caught:
        load_gift(path)
    assert parsed == [0]  # refused before parsing, not after seconds of it
    assert str(caught.value) == (
        f"{path}: GIFT file is {path.stat().st_size} bytes, over the limit of {MAX_GIFT_BYTES} "
        "(2 MiB): split it into several quizzes"
    )
    path.write_text("\n\n".join([question] * 500), encoding="utf-8")  # under it: read whole
    assert len(load_gift(path).questions) == 500
    assert parsed == [1]
