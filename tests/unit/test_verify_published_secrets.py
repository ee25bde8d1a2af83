"""`cartable-pack verify REPO` refuses a repository holding what must never be published (it is
served as it is): a private signing key under any name, an exam answer key, a course's source,
a GIFT file, a `.env`. One line per file naming it and why; a clean repository passes as before."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from player.authoring.cli import main
from player.course.signing import PrivateKey
from tests.support import BuiltCourse, build_toy


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuiltCourse:
    return build_toy(tmp_path_factory.mktemp("toy"))


def verify(repo: Path, built: BuiltCourse, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["verify", str(repo), "--trust", f"{built.key_path}.pub"])
    return code, capsys.readouterr().err


def test_a_clean_repository_still_verifies(
    built: BuiltCourse, capsys: pytest.CaptureFixture[str]
) -> None:
    assert verify(built.repo, built, capsys) == (0, "")


def test_each_secret_is_one_line_naming_the_file_and_why(
    built: BuiltCourse, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(built.repo, repo)
    (repo / "keys").mkdir()
    (repo / "keys" / "univ-2025").write_bytes(PrivateKey.generate().pem())  # keygen's, any name
    (repo / "keys" / "univ-2025.pub").write_text("cartable-ed25519 x\n")  # public: fine
    shutil.copy(built.source / "course.toml", repo / "course.toml")
    (repo / "exam.GIFT").write_text("::Q1:: 2+2? {=4 ~5}\n")
    (repo / "toy-1.0.0.answers.json").write_text("{}")
    (repo / ".env").write_text("LRS_PASSWORD=secret\n")
    stray = repo / "blobs" / "sha256" / "ab" / "key.pem"  # among blobs, not named by a hash
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(PrivateKey.generate().pem())

    code, err = verify(repo, built, capsys)

    assert code == 1
    lines = err.splitlines()
    expected = {
        repo / "keys" / "univ-2025": "a private signing key: anyone can sign courses as you; "
        "remove it and make a new key",
        stray: "a private signing key",
        repo / "course.toml": "a course's source (course.toml)",
        repo / "exam.GIFT": "a GIFT quiz file, with its answers",
        repo / "toy-1.0.0.answers.json": "an exam answer key",
        repo / ".env": "a file of passwords or secrets",
    }
    for path, why in expected.items():
        assert [line for line in lines if line.startswith(f"cartable-pack: {path}: {why}")], path
    assert not [line for line in lines if "univ-2025.pub" in line]
    assert lines[-1] == f"cartable-pack: {repo}: 6 problems found"
