"""`cartable-pack sign` refuses a key inside the repository it signs in, as `build` does (the
repository is published as it is), and `build` and `sign` warn, in one line, of a private key
other users of the computer can read, using it all the same."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from player.authoring.cli import main
from player.course.signing import PrivateKey
from tests.support import BuiltCourse, build_toy, write_source

posix_only = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX's")


@pytest.fixture
def built(tmp_path: Path) -> BuiltCourse:
    return build_toy(tmp_path)


def course_dir(built: BuiltCourse) -> Path:
    return built.result.manifest.parent


def test_sign_refuses_a_key_inside_the_repository(
    built: BuiltCourse, capsys: pytest.CaptureFixture[str]
) -> None:
    key_path = built.repo / "keys" / "univ"
    key_path.parent.mkdir()
    shutil.copy(built.key_path, key_path)
    signature = built.result.manifest.with_name("course.json.sig")
    before = signature.read_bytes()
    assert main(["sign", str(course_dir(built)), "--key", str(key_path)]) == 1
    (error,) = capsys.readouterr().err.splitlines()
    assert error == (
        f"cartable-pack: {key_path}: the private key is inside the repository {built.repo}, "
        "which is published as it is: move the key out of it (keep it secret, off the web server)"
    )
    assert signature.read_bytes() == before  # nothing written


def test_sign_with_a_key_outside_the_repository_signs(
    built: BuiltCourse, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = built.result.manifest
    assert main(["sign", str(manifest), "--key", str(built.key_path)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"signed {manifest} with key ") and err == ""


@posix_only
@pytest.mark.parametrize("mode", [0o644, 0o640], ids=["0644", "0640"])
def test_sign_warns_of_a_key_others_can_read_and_signs(
    built: BuiltCourse, capsys: pytest.CaptureFixture[str], mode: int
) -> None:
    built.key_path.chmod(mode)
    assert main(["sign", str(course_dir(built)), "--key", str(built.key_path)]) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        f"cartable-pack: warning: {built.key_path}: the private key is readable by other users "
        f"of this computer (mode 0{mode:o}); make it yours alone: chmod 600 {built.key_path}"
    ]
    assert out.startswith("signed ")


@posix_only
def test_build_warns_of_a_world_readable_key_and_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_source(tmp_path / "src")
    key_path = tmp_path / "keys" / "univ"
    key_path.parent.mkdir()
    key_path.write_bytes(PrivateKey.generate().pem())
    key_path.chmod(0o644)
    repo = tmp_path / "repo"
    assert main(["build", str(source), "-o", str(repo), "--key", str(key_path)]) == 0
    out, err = capsys.readouterr()
    warnings = [line for line in err.splitlines() if "readable by other users" in line]
    assert warnings == [
        f"cartable-pack: warning: {key_path}: the private key is readable by other users of "
        f"this computer (mode 0644); make it yours alone: chmod 600 {key_path}"
    ]
    assert "signed by key" in out and (repo / "catalog.json").is_file()


@posix_only
def test_keygen_keys_and_public_keys_are_no_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_source(tmp_path / "src")
    key_path = tmp_path / "keys" / "univ"
    assert main(["keygen", "-o", str(key_path)]) == 0
    repo = tmp_path / "repo"
    assert main(["build", str(source), "-o", str(repo), "--key", str(key_path)]) == 0
    assert "readable by other users" not in capsys.readouterr().err
    public = Path(f"{key_path}.pub")
    assert public.stat().st_mode & 0o044  # a public key's usual mode: refused as no private key
    assert main(["build", str(source), "-o", str(repo), "--key", str(public)]) == 1
    assert "readable by other users" not in capsys.readouterr().err
