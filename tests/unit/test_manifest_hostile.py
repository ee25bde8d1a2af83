"""Hostile manifests and signature files: one `PackageError` line naming the JSON path, never a
traceback, and nothing accepted that a JSON reader, SQLite or the quiz view would choke on."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from player.course.errors import PackageError, SignatureError
from player.course.manifest import non_finite_path, parse_manifest
from player.course.signing import PublicKey, parse_signature

REF = {"sha256": "ab" * 32, "size": 10, "media_type": "video/mp4"}
MANIFEST: dict[str, Any] = {
    "format": 1,
    "id": "maths",
    "version": "1.0",
    "title": "Maths",
    "language": "fr",
    "modules": [
        {
            "id": "m1",
            "title": "Module",
            "units": [
                {
                    "id": "v",
                    "type": "video",
                    "title": "Vidéo",
                    "duration": 60.0,
                    "variants": [{"label": "360p", "width": 640, "height": 360, "file": REF}],
                },
                {
                    "id": "quiz",
                    "type": "quiz",
                    "title": "Quiz",
                    "questions": [{"id": "q1", "type": "truefalse", "text": "Q", "answer": True}],
                },
            ],
        }
    ],
}


def changed(change: Callable[[dict[str, Any]], object]) -> bytes:
    manifest = copy.deepcopy(MANIFEST)
    change(manifest)
    return json.dumps(manifest).encode()


def refused(data: bytes) -> str:
    with pytest.raises(PackageError) as caught:
        parse_manifest(data)
    message = str(caught.value)
    assert "\n" not in message and message.startswith("course.json: ")
    return message


def video(m: dict[str, Any]) -> dict[str, Any]:
    unit: dict[str, Any] = m["modules"][0]["units"][0]
    return unit


def question(m: dict[str, Any]) -> dict[str, Any]:
    item: dict[str, Any] = m["modules"][0]["units"][1]["questions"][0]
    return item


def test_the_base_manifest_is_valid() -> None:
    assert parse_manifest(changed(lambda m: None)).title == "Maths"


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_not_json(constant: str) -> None:
    # Python's json reads them and the schema's minimum/maximum let NaN through: a NaN duration
    # or threshold made a video impossible to complete.
    data = changed(lambda m: video(m).__setitem__("duration", 1.5)).replace(
        b"1.5", constant.encode()
    )
    assert f"not JSON: {constant} is not a JSON number" in refused(data)


def test_a_number_of_thousands_of_digits_is_a_clear_error() -> None:
    data = changed(lambda m: None).replace(b'"size": 10', b'"size": ' + b"9" * 5000)
    assert "not JSON: a number has too many digits" in refused(data)


def test_a_lone_surrogate_is_refused_with_its_path() -> None:
    # An escaped lone surrogate decodes to text no encoder accepts: SQLite and print() raised
    # UnicodeEncodeError long after the course was installed.
    message = refused(changed(lambda m: video(m).__setitem__("title", "a\ud800b")))
    assert "$.modules[0].units[0].title: text holds a lone UTF-16 surrogate" in message
    pair = changed(lambda m: video(m).__setitem__("title", "\U0001f600"))  # \ud83d\ude00 escaped
    assert b"\\ud83d\\ude00" in pair
    assert parse_manifest(pair).unit("v").title == "\U0001f600"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "field, value, words",
    [
        ("id", [1], "id: a question id is"),  # was TypeError: unhashable type
        ("id", {}, "id: a question id is"),
        ("id", "../x y", "id: a question id is"),
        ("text", 5, "text: expected text, not int"),
        ("text", None, "text: expected text, not NoneType"),
        ("text", "t" * 20_001, "text: 20001 characters, over the limit of 20000"),
        ("title", "t" * 301, "title: 301 characters, over the limit of 300"),
        ("text_after", [], "text_after: expected text, not list"),
        ("format", "evil", "format: unknown text format 'evil'"),
    ],
)
def test_question_fields_the_schema_leaves_open_are_checked(
    field: str, value: object, words: str
) -> None:
    message = refused(changed(lambda m: question(m).__setitem__(field, value)))
    assert f"$.modules[0].units[1].questions[0].{words}" in message


def test_non_finite_path_names_the_first_nan() -> None:
    assert non_finite_path({"a": [1.0, {"b": float("nan")}]}) == "$.a[1].b"
    assert non_finite_path({"a": [1.0, 2, "x"]}) is None


@pytest.mark.parametrize("value", ["é" * 88, "AAAA\u00e9AAA"])
def test_signature_or_key_outside_ascii_is_not_base64(value: str) -> None:
    # base64 raises a plain ValueError (not binascii.Error) for non-ASCII text.
    document = {"algorithm": "ed25519", "key_id": "0" * 16, "signature": value}
    with pytest.raises(SignatureError, match="signature is not valid base64"):
        parse_signature(json.dumps(document).encode(), "course.json.sig")
    with pytest.raises(SignatureError, match="public key is not valid base64"):
        PublicKey.from_text(f"cartable-ed25519 {value}", "branding.toml")


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda m: m.__setitem__("id", "maths\n"), "$.id"),
        (lambda m: m.__setitem__("version", "1.0\n"), "$.version"),
        (lambda m: m.__setitem__("language", "fr\n"), "$.language"),
        (lambda m: video(m).__setitem__("id", "v\n"), "$.modules[0].units[0].id"),
        (
            lambda m: video(m)["variants"][0]["file"].__setitem__("sha256", "ab" * 32 + "\n"),
            "$.modules[0].units[0].variants[0].file.sha256",
        ),
    ],
)
def test_a_trailing_line_break_does_not_match_an_anchored_pattern(
    change: Callable[[dict[str, Any]], object], where: str
) -> None:
    # Python's `$` also matches before a final "\n" (JSON Schema's, ECMA 262's, does not): a
    # course id "maths\n" passed and named a folder of the library and of a repository.
    message = refused(changed(change))
    assert f"course.json: {where}: " in message and "does not match" in message


def test_one_file_listed_with_two_sizes_is_refused() -> None:
    # The course kept the first size: the unit naming the second showed its file as damaged for
    # ever, and Check and repair (which checks the first) found nothing to repair.
    def second_variant(m: dict[str, Any]) -> None:
        other = dict(REF, size=999_999)
        video(m)["variants"].append({"label": "720p", "width": 1280, "height": 720, "file": other})

    message = refused(changed(second_variant))
    assert message == (
        "course.json: $.modules[0].units[0].variants[1].file.size: file "
        f"{'ab' * 32} is listed with 999999 bytes here and 10 bytes before"
    )
