"""`cartable trust list` and the files of the keys folder it cannot read as a key (bad bytes,
not allowed, a folder, the folder itself not listed): each listed with why, in one line, where
they were hidden, leaving an admin to wonder why a key added trusts nothing."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from player.__main__ import main
from player.context import open_context
from player.course import signing
from player.course.signing import PrivateKey
from tests.unreadable import as_root


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The keys folder of a fresh home, one key added by `trust add`."""
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    key = PrivateKey.generate().public
    (tmp_path / "k.pub").write_text(key.to_text() + "\n")
    assert main(["trust", "add", str(tmp_path / "k.pub")]) == 0
    return open_context().trust.folder


WARNING = "cartable: warning: "
NOT_READ = ": not read, trusts nothing: "


def listed(capsys: pytest.CaptureFixture[str]) -> tuple[list[str], list[str]]:
    """`trust list`'s lines, exit 0: the keys (stdout) and the files not read (stderr)."""
    capsys.readouterr()
    assert main(["trust", "list"]) == 0
    out, err = capsys.readouterr()
    return out.splitlines(), err.splitlines()


def not_read(lines: list[str]) -> dict[str, str]:
    """The files `lines` (stderr) say were not read, and why."""
    assert all(line.startswith(WARNING) for line in lines), lines
    return dict(line.removeprefix(WARNING).rsplit(NOT_READ, 1) for line in lines)


def deny(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """`denied` not allowed to be opened: `chmod 000` for real, and for root (whom no mode
    stops; CI runs as root) the open refused as the kernel would refuse another user's."""
    denied.chmod(0)
    if not as_root():
        return
    opened = signing.os.open

    def open_file(path: os.PathLike[str] | str, flags: int, *args: int) -> int:
        if Path(path) == denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return opened(path, flags, *args)

    monkeypatch.setattr(signing.os, "open", open_file)


def test_keys_it_cannot_read_are_listed_with_why(
    keys: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before, none = listed(capsys)
    assert none == []
    (keys / "latin1.pub").write_bytes(b"cartable-ed25519 \xe9t\xe9\n")
    (keys / "garbled.pub").write_text("cartable-ed25519 not-base64!\n")
    (keys / "folder.pub").mkdir()
    (keys / "locked.pub").write_text(PrivateKey.generate().public.to_text() + "\n")
    (keys / "escape\x1b[2J.pub").write_bytes(b"\xff")
    with open(os.fsencode(keys) + b"/cl\xe9.pub", "wb") as latin1_name:  # a stick's name
        latin1_name.write(b"garbage\n")
    deny(monkeypatch, keys / "locked.pub")
    lines, warnings = listed(capsys)
    assert lines == before  # the trusted keys alone: `trust list | cut -f1` gets key ids
    assert len(warnings) == 6, warnings
    said = not_read(warnings)
    assert said[str(keys / "latin1.pub")] == "public key file is not text"
    assert said[str(keys / "locked.pub")] == "cannot read public key (Permission denied)"
    assert said[str(keys / "folder.pub")] == "cannot read public key (Is a directory)"
    assert str(keys / "garbled.pub") in said
    assert said[str(keys / "escape\\x1b[2J.pub")] == "public key file is not text"  # escaped
    # Its name's byte, which no output encodes, escaped: the listing failed ('a name or secret
    # given is not UTF-8 text', exit 1).
    assert said[f"{keys}/cl\\xe9.pub"].startswith("not a Cartable public key")


def test_a_keys_folder_it_cannot_list_is_said(
    keys: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    listdir = os.listdir

    def denied(path: os.PathLike[str] | str = ".") -> list[str]:
        if Path(path) == keys:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return listdir(path)

    monkeypatch.setattr(os, "listdir", denied)
    _, warnings = listed(capsys)
    assert not_read(warnings) == {str(keys): "cannot list the folder (Permission denied)"}
