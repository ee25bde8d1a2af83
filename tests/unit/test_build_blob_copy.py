"""How `cartable-pack build` copies a course's files into the repository's blobs: each blob is
named by the sha256 of the bytes it holds, whichever way the copy went (the kernel's, or a
buffer's where the file system cannot), and a failed copy leaves no blob behind."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from player.authoring import blobs as blobs_module
from player.authoring.blobs import WINDOW, BlobWriter
from player.authoring.cli import main
from player.authoring.source import SourceFile
from tests.support import write_source

MIB = 1024 * 1024
SIZES = [0, 1, 4095, WINDOW - 1, WINDOW, WINDOW + 1, 2 * WINDOW + 12345]


def _source(tmp_path: Path, size: int, name: str = "part.mp4") -> SourceFile:
    path = tmp_path / "src" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    # Distinct bytes per window: a window hashed twice or skipped changes the digest.
    path.write_bytes(b"".join(i.to_bytes(8, "big") * 512 for i in range(size // 4096 + 1))[:size])
    return SourceFile(path, "video/mp4")


def _ingest_all(repo: Path, sources: list[SourceFile]) -> None:
    writer = BlobWriter(repo)
    for source in sources:
        data = source.path.read_bytes()
        ref = writer.ingest(source)
        assert ref.sha256 == hashlib.sha256(data).hexdigest()
        assert ref.size == len(data)
        assert (repo / ref.blob_path).read_bytes() == data
    writer.finish()
    assert not (repo / "blobs" / ".incoming").exists()


def test_each_blob_holds_the_bytes_its_name_hashes(tmp_path: Path) -> None:
    sources = [_source(tmp_path, size, f"f{size}.mp4") for size in SIZES]
    _ingest_all(tmp_path / "repo", sources)


def _refusing(error: int) -> Callable[..., int]:
    def sendfile(*_args: Any) -> int:
        raise OSError(error, os.strerror(error))

    return sendfile


@pytest.mark.parametrize("error", [errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EXDEV])
def test_a_file_system_the_kernel_cannot_copy_from_is_copied_through_a_buffer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: int
) -> None:
    monkeypatch.setattr(blobs_module.os, "sendfile", _refusing(error), raising=False)
    sources = [_source(tmp_path, size, f"f{size}.mp4") for size in SIZES]
    _ingest_all(tmp_path / "repo", sources)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's copy: Linux")
def test_a_copy_failing_midway_leaves_no_blob(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.sendfile
    sent = []

    def failing(out: int, in_: int, offset: int, count: int) -> int:
        if sent:  # the disk fails after the first window went through
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        sent.append(count)
        return real(out, in_, offset, count)

    monkeypatch.setattr(blobs_module.os, "sendfile", failing)
    source = _source(tmp_path, 3 * WINDOW)
    writer = BlobWriter(tmp_path / "repo")
    with pytest.raises(OSError) as raised:
        writer.ingest(source)
    assert raised.value.errno == errno.EIO  # not taken for a file system without sendfile
    writer.finish()
    assert [p for p in (tmp_path / "repo").rglob("*") if p.is_file()] == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's copy: Linux")
def test_the_copy_does_not_come_back_to_python_for_every_mib(tmp_path: Path) -> None:
    """Each return from C to Python is a GIL acquisition. The build copies in threads while its
    main thread imports the manifest's validator and checks the manifest, pure Python that
    holds the GIL for up to sys.getswitchinterval() (5 ms) each time a copying thread asks for
    it: a read, a hash and a write per MiB (3 per MiB) held the 500 MB benchmark's copy back."""

    def calls_into_c(size: int) -> int:
        source = _source(tmp_path, size, f"f{size}.mp4")
        writer = BlobWriter(tmp_path / "repo")
        calls: list[Any] = []

        def profile(_frame: Any, event: str, _arg: Any) -> None:
            if event == "c_call":
                calls.append(_arg)

        sys.setprofile(profile)
        try:
            writer.ingest(source)
        finally:
            sys.setprofile(None)
        return len(calls)

    more = calls_into_c(32 * MIB) - calls_into_c(1)
    assert more < 32  # fewer than one a MiB (was 3 a MiB: a read, a hash, a write)


def _unmappable(*_args: Any, **_kwargs: Any) -> Any:
    raise OSError(errno.ENODEV, os.strerror(errno.ENODEV))


@pytest.mark.parametrize("size", [0, 1, WINDOW - 1, WINDOW, 2 * WINDOW + 5])
def test_a_copy_that_cannot_be_mapped_is_hashed_by_reading_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: int
) -> None:
    """A FUSE mount opened with direct_io (bindfs, sshfs -o direct_io) copies with sendfile but
    refuses to map a file: mmap raises ENODEV, and the build stopped there."""
    monkeypatch.setattr(blobs_module.mmap, "mmap", _unmappable)
    _ingest_all(tmp_path / "repo", [_source(tmp_path, size)])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's copy: Linux")
def test_a_copy_reading_back_shorter_than_written_is_a_disk_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Never a blob named by the hash of fewer bytes than it was said to hold."""
    monkeypatch.setattr(blobs_module.mmap, "mmap", _unmappable)
    monkeypatch.setattr(blobs_module.os, "preadv", lambda *_args: 0)
    source = _source(tmp_path, WINDOW + 1)
    writer = BlobWriter(tmp_path / "repo")
    with pytest.raises(OSError) as raised:
        writer.ingest(source)
    assert raised.value.errno == errno.EIO
    assert raised.value.filename == str(source.path)
    writer.finish()
    assert [p for p in (tmp_path / "repo").rglob("*") if p.is_file()] == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the kernel's copy: Linux")
def test_a_disk_error_names_the_file_being_copied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """sendfile's OSError names no file: the build's one line said `cartable-pack: : ...`."""
    source = write_source(tmp_path / "src")
    video = source / "m1" / "video.mp4"
    real = os.sendfile

    def failing(out: int, in_: int, offset: int, count: int) -> int:
        if os.path.samestat(os.fstat(in_), video.stat()):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        return real(out, in_, offset, count)

    monkeypatch.setattr(blobs_module.os, "sendfile", failing)
    repo = tmp_path / "repo"
    assert main(["build", str(source), "-o", str(repo)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line == f"cartable-pack: {video}: {os.strerror(errno.EIO)}"
    assert not repo.exists()


def _fuse_unmount(mountpoint: Path) -> None:
    tool = shutil.which("fusermount3") or shutil.which("fusermount")
    command = [tool, "-u"] if tool else ["umount"]
    subprocess.run([*command, str(mountpoint)], check=True, capture_output=True)


def test_a_course_builds_on_a_fuse_mount_opened_with_direct_io(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The real case: `bindfs -o direct_io` (as sshfs -o direct_io) lets sendfile copy but
    refuses mmap (ENODEV); the build stopped with `cartable-pack: : No such device`."""
    if shutil.which("bindfs") is None or not os.path.exists("/dev/fuse"):
        pytest.skip("bindfs or FUSE (/dev/fuse) is not available")
    backing, mountpoint = tmp_path / "backing", tmp_path / "mnt"
    backing.mkdir()
    mountpoint.mkdir()
    mounted = subprocess.run(
        ["bindfs", "-o", "direct_io", str(backing), str(mountpoint)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"FUSE is not available here: bindfs said {mounted.stderr.strip()!r}")
    try:
        assert os.path.ismount(mountpoint)
        source = write_source(mountpoint / "src")
        repo = mountpoint / "repo"
        assert main(["build", str(source), "-o", str(repo)]) == 0, capsys.readouterr().err
        blobs = [p for p in (repo / "blobs").rglob("*") if p.is_file()]
        assert len(blobs) >= 7  # every file of the course (the video, the deck...)
        for blob in blobs:
            assert hashlib.sha256(blob.read_bytes()).hexdigest() == blob.name
    finally:
        _fuse_unmount(mountpoint)
