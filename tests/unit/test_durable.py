"""sync.durable.write_atomic: the old file or the new one, never a mix, nothing left behind."""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
import time
from pathlib import Path

import pytest

from sync import durable


def test_writes_bytes_and_text_and_replaces_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    durable.write_atomic(path, b"old")
    durable.write_atomic(path, "nouveau réglage")
    assert path.read_text(encoding="utf-8") == "nouveau réglage"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX modes")
def test_private_files_are_the_users_only_and_others_follow_the_umask(tmp_path: Path) -> None:
    durable.write_atomic(tmp_path / "secret", b"s3cret", private=True)
    assert stat.S_IMODE((tmp_path / "secret").stat().st_mode) == 0o600
    umask = os.umask(0o022)
    try:
        durable.write_atomic(tmp_path / "public", b"x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "public").stat().st_mode) == 0o644


def test_temporaries_a_crash_left_are_removed_by_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "accounts.json"
    crashed = tmp_path / ".accounts.json.4242.deadbeef.tmp"
    crashed.write_bytes(b"half")
    long_ago = time.time() - durable.STALE_AFTER - 60
    os.utime(crashed, (long_ago, long_ago))
    (tmp_path / ".other.json.4242.deadbeef.tmp").write_bytes(b"not ours")
    durable.write_atomic(path, b"{}")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".other.json.4242.deadbeef.tmp",
        "accounts.json",
    ]


def test_another_process_writing_the_same_file_keeps_its_temporary(tmp_path: Path) -> None:
    """The GUI and `cartable sync` both write some files: a fresh temporary may be the other's
    write in flight, which would fail at its rename if this one removed it."""
    path = tmp_path / "sync-status.json"
    in_flight = tmp_path / ".sync-status.json.4242.deadbeef.tmp"
    in_flight.write_bytes(b'{"last_success": 1}')
    durable.write_atomic(path, b"{}")
    assert in_flight.exists()
    os.replace(in_flight, path)  # the other process's rename, after ours
    assert path.read_bytes() == b'{"last_success": 1}'


def test_a_failed_write_keeps_the_old_file_and_removes_its_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "current"
    durable.write_atomic(path, b"1.0.0")

    def no_room(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(durable.os, "fsync", no_room)
    with pytest.raises(OSError, match="No space"):
        durable.write_atomic(path, b"2.0.0")
    assert path.read_bytes() == b"1.0.0"
    assert [p.name for p in tmp_path.iterdir()] == ["current"]


@pytest.mark.skipif(sys.platform != "linux", reason="a full disk made by RLIMIT_FSIZE")
def test_a_write_that_finds_the_disk_full_names_the_file(tmp_path: Path) -> None:
    """A write or a flush names no file: 'cartable: [Errno 28] No space left on device' said
    nothing of which disk was full (review r1). The error now carries the file replaced."""
    from tests.unit.test_user_outputs import run

    path = tmp_path / "settings.json"
    code = (
        "from pathlib import Path; from sync.durable import write_atomic\n"
        "from player.commands import os_failure\n"
        "try:\n"
        f"    write_atomic(Path({str(path)!r}), b'x' * 4096)\n"
        "except OSError as exc:\n"
        "    print(os_failure(exc, 'Cartable'))\n"
    )
    done = run("-c", code, cwd=tmp_path, room=100)
    assert done.stdout.decode() == f"{path}: File too large\n", done.stderr
    assert list(tmp_path.iterdir()) == []


class _BadSector(io.FileIO):
    """A file whose read fails as read(2) says it: EIO, no file name."""

    def read(self, size: int = -1, /) -> bytes:
        raise OSError(errno.EIO, "Input/output error")


def test_a_read_that_fails_inside_the_block_is_not_blamed_on_the_output(tmp_path: Path) -> None:
    """EIO reading a blob while an archive was written was said as the archive's
    ('course.cartable: Input/output error'): the failed disk was the other one (review r10)."""
    blob, archive = tmp_path / "blob", tmp_path / "stick" / "course.cartable"
    blob.write_bytes(b"x" * 10)
    archive.parent.mkdir()
    with (
        pytest.raises(OSError) as caught,
        durable.open_output(archive) as out,
        _BadSector(blob, "rb") as source,
    ):
        out.write(source.read())
    assert (caught.value.errno, caught.value.filename) == (errno.EIO, None)
    assert list(archive.parent.iterdir()) == []


@pytest.mark.parametrize("number", [errno.ENOSPC, errno.EFBIG, errno.EROFS])
def test_a_write_error_inside_the_block_names_the_output(tmp_path: Path, number: int) -> None:
    """Only a write meets these: the output's, whichever call inside the block raised it."""
    archive = tmp_path / "course.cartable"
    with pytest.raises(OSError) as caught, durable.open_output(archive):
        raise OSError(number, os.strerror(number))
    assert caught.value.filename == str(archive)
    assert list(tmp_path.iterdir()) == []
