"""`cartable-pack verify` without --trust trusts no key: it says to name the public key, since
'signed by key ..., which is not trusted' alone sent a teacher looking for where to install it."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.authoring.cli import main
from tests.support import build_toy

HINT = "name the signing key's public file: --trust KEY.pub"


def test_a_repository_verified_without_trust_says_how_to_give_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = build_toy(tmp_path)
    assert main(["verify", str(built.repo)]) == 1
    errors = capsys.readouterr().err.splitlines()
    assert f"cartable-pack: {built.repo}: no --trust given; {HINT}" in errors
    public = built.key_path.with_name("publisher.pub")
    public.write_text(built.public.to_text() + "\n", encoding="utf-8")
    assert main(["verify", str(built.repo), "--trust", str(public)]) == 0
    assert HINT not in capsys.readouterr().err


@pytest.mark.parametrize("what", ["course", "archive"])
def test_a_course_or_archive_verified_without_trust_says_how_to_give_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    built = build_toy(tmp_path)
    path = built.archive if what == "archive" else built.result.manifest.parent
    assert main(["verify", str(path)]) == 1
    (error,) = capsys.readouterr().err.splitlines()
    assert error.endswith(f"which is not trusted; {HINT}")


def test_a_key_given_but_not_the_signer_is_said_as_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    built = build_toy(tmp_path)
    other = tmp_path / "other"
    assert main(["keygen", "-o", str(other)]) == 0
    assert main(["verify", str(built.repo), "--trust", f"{other}.pub"]) == 1
    assert HINT not in capsys.readouterr().err
