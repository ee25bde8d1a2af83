"""`cartable-pack build` on a repository whose disk is full or read-only: one line naming the
repository folder, escaped. It named what the build was busy with, meaningless to an author (a
blob's temporary folder, `blobs/.incoming`; on a full disk the SOURCE file being copied), and
printed the path raw: an ESC in a folder's name reached the terminal (review r1). A real tmpfs
(tests/small_disk.py), full or read-only."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.authoring.build import build
from player.authoring.cli import main
from player.course.signing import PrivateKey
from tests.small_disk import set_read_only, small_disk
from tests.support import write_source

#: A repository folder whose name holds an ESC sequence (bold), as shown: escaped.
NAME = "re\x1b[1mpo"
SHOWN = "re\\x1b[1mpo"


@pytest.mark.parametrize("disk", ["full", "read-only"])
def test_a_build_on_a_full_or_read_only_disk_names_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], disk: str
) -> None:
    source = write_source(tmp_path / "src")
    repo = tmp_path / NAME
    with small_disk(repo, "200k"):  # smaller than the course's video
        if disk == "read-only":
            set_read_only(repo)
        assert main(["build", str(source), "-o", str(repo)]) == 1
    why = "No space left on device" if disk == "full" else "Read-only file system"
    assert capsys.readouterr().err == f"cartable-pack: {tmp_path}/{SHOWN}: {why}\n"


def test_sign_on_a_read_only_repository_names_the_repository(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It named the signature's temporary file, `.course.json.sig.<pid>.<hex>.tmp` (review r10)."""
    source = write_source(tmp_path / "src")
    key_path = tmp_path / "keys" / "publisher"
    PrivateKey.generate().write(key_path)
    repo = tmp_path / NAME
    with small_disk(repo):
        manifest = build(source, repo).manifest
        set_read_only(repo)
        assert main(["sign", str(manifest.parent), "--key", str(key_path)]) == 1
    assert capsys.readouterr().err == f"cartable-pack: {tmp_path}/{SHOWN}: Read-only file system\n"
