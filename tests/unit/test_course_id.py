"""A course id names a folder of the library: a text that is not one never reaches a path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from player.course.manifest import COURSE_ID, is_course_id
from player.course.signing import PrivateKey
from tests.course_repo import trusting_library
from tests.support import ROOT


def test_the_pattern_is_the_schemas() -> None:
    schema = json.loads((ROOT / "resources" / "schema" / "course.schema.json").read_text())
    assert COURSE_ID.pattern == schema["$defs"]["courseId"]["pattern"]


@pytest.mark.parametrize("text", ["..", ".", "", "/", "a/b", "../x", "A", "-a", "a" * 65, "a\n"])
def test_what_is_not_a_course_id(text: str) -> None:
    assert not is_course_id(text)


@pytest.mark.parametrize("text", ["les-mooc", "a", "a..b", "x.1_2-3", "a" * 64])
def test_what_is(text: str) -> None:
    assert is_course_id(text)


@pytest.mark.parametrize("text", ["..", ".", "", "/"])
def test_the_library_never_removes_or_reads_a_path(tmp_path: Path, text: str) -> None:
    lib = trusting_library(tmp_path / "lib", PrivateKey.generate())
    lib.dir.mkdir(parents=True)
    (tmp_path / "lib" / "keep").write_text("records")
    with pytest.raises(ValueError, match="not a course id"):
        lib.uninstall(text)
    assert lib.get(text) is None
    assert (tmp_path / "lib" / "keep").read_text() == "records"
