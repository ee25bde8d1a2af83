"""`cartable-pack build --key NEW` into a repository whose earlier versions of the course another
key signed: a one-line warning (exit 0) that installed copies take the new version only once
their installer holds the new key. It printed only "signed by key ...", and the institution
learnt it from its learners' refused updates (review u2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.authoring.cli import main
from player.course.signing import PrivateKey
from tests.support import build_toy, write_source

STEPS = 'packaging/README.md, "Changing the signing key"'
# Only this warning's lines are compared: the toy course's media may have warnings of their own.


def test_a_build_with_a_new_key_warns_of_the_versions_signed_by_the_old_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = build_toy(tmp_path, "1.0.0")
    build_toy(tmp_path, "1.0.1")  # the same key: no warning then
    new_path = tmp_path / "keys" / "new"
    new = PrivateKey.generate()
    new.write(new_path)
    source = write_source(tmp_path / "src-1.0.2", "1.0.2")
    capsys.readouterr()

    assert main(["build", str(source), "-o", str(old.repo), "--key", str(new_path)]) == 0

    out, err = capsys.readouterr()
    assert f"  signed by key {new.public.key_id}" in out.splitlines()
    course = old.result.course.id
    assert [line for line in err.splitlines() if STEPS in line] == [
        f"cartable-pack: warning: {old.repo} holds {course} 1.0.1 signed by key "
        f"{old.public.key_id}; installed copies take 1.0.2 (signed by key {new.public.key_id}) "
        f"only once their installer holds that key ({STEPS})"
    ]


def test_a_build_with_the_key_of_the_earlier_versions_says_nothing_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    old = build_toy(tmp_path, "1.0.0")
    source = write_source(tmp_path / "src-1.1.0", "1.1.0")
    capsys.readouterr()
    assert main(["build", str(source), "-o", str(old.repo), "--key", str(old.key_path)]) == 0
    assert STEPS not in capsys.readouterr().err


def test_the_builds_after_a_key_change_warn_no_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only the newest other version counts: 1.0.0 signed by the old key made every later
    build with the new one warn of it for ever (review r16 #1)."""
    old = build_toy(tmp_path, "1.0.0")
    new_path = tmp_path / "keys" / "new"
    PrivateKey.generate().write(new_path)
    for version in ("1.0.1", "1.0.2"):
        source = write_source(tmp_path / f"src-{version}", version)
        capsys.readouterr()
        assert main(["build", str(source), "-o", str(old.repo), "--key", str(new_path)]) == 0

    assert STEPS not in capsys.readouterr().err


def test_signing_a_version_with_a_new_key_warns_of_the_newest_other_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`sign --key NEW` changes the key as a build does; it said nothing (review r16 #2)."""
    old = build_toy(tmp_path, "1.0.0")
    build_toy(tmp_path, "1.0.1")
    new_path = tmp_path / "keys" / "new"
    new = PrivateKey.generate()
    new.write(new_path)
    course = old.result.course.id
    folder = old.repo / "courses" / course / "1.0.1"
    capsys.readouterr()

    assert main(["sign", str(folder), "--key", str(new_path)]) == 0

    assert [line for line in capsys.readouterr().err.splitlines() if STEPS in line] == [
        f"cartable-pack: warning: {old.repo.resolve()} holds {course} 1.0.0 signed by key "
        f"{old.public.key_id}; installed copies take 1.0.1 (signed by key {new.public.key_id}) "
        f"only once their installer holds that key ({STEPS})"
    ]
