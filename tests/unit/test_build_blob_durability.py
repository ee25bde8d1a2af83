"""A power cut during `cartable-pack build` must not leave a published manifest naming a blob
that is empty or zero-filled: each new blob's bytes and name reach the disk before the manifest
does, and a blob found with the right size but other bytes (left by such a power cut under an
older build, or by a copy cut short) is written again, not kept because its size matched."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from player.authoring import blobs as blobs_module
from player.authoring import build as build_module
from player.authoring.build import build
from player.authoring.cli import main
from player.course.errors import PackageError
from player.course.manifest import FileRef
from tests.support import write_source

Event = tuple[str, Any]


@dataclass(frozen=True)
class Synced:
    """One fsync/fdatasync: of which file, its size then, and whether it was a temporary copy
    (in blobs/.incoming) at that moment."""

    inode: tuple[int, int]
    size: int
    copy: bool


def _record(monkeypatch: pytest.MonkeyPatch, repo: Path) -> list[Event]:
    """Every fsync/fdatasync (a Synced) and every rename (by its target), in order."""
    events: list[Event] = []
    incoming = repo / "blobs" / ".incoming"

    def copies() -> set[tuple[int, int]]:
        found = set()
        with contextlib.suppress(OSError):
            for entry in os.scandir(incoming):
                with contextlib.suppress(OSError):  # another thread's copy, gone meanwhile
                    info = entry.stat(follow_symlinks=False)
                    found.add((info.st_dev, info.st_ino))
        return found

    def syncing(real: Callable[[int], None]) -> Callable[[int], None]:
        def sync(fd: int) -> None:
            found = os.fstat(fd)
            inode = (found.st_dev, found.st_ino)
            events.append(("sync", Synced(inode, found.st_size, inode in copies())))
            real(fd)

        return sync

    monkeypatch.setattr(os, "fsync", syncing(os.fsync))
    if hasattr(os, "fdatasync"):
        monkeypatch.setattr(os, "fdatasync", syncing(os.fdatasync))
    real_replace = os.replace

    def replace(src: Any, dst: Any, **kwargs: Any) -> None:
        real_replace(src, dst, **kwargs)
        events.append(("replace", Path(dst)))

    monkeypatch.setattr(os, "replace", replace)
    return events


def _first_sync(events: list[Event], path: Path) -> tuple[int, Synced]:
    """Where `path` (as it is now: a blob or a folder) was first fsynced, and that sync."""
    found = path.stat()
    inode = (found.st_dev, found.st_ino)
    for index, (kind, what) in enumerate(events):
        if kind == "sync" and what.inode == inode:
            return index, what
    raise AssertionError(f"{path} never synced")


def _synced(events: list[Event], path: Path) -> int:
    return _first_sync(events, path)[0]


def _blobs(repo: Path) -> list[Path]:
    return sorted(p for p in (repo / "blobs" / "sha256").rglob("*") if p.is_file())


@pytest.mark.skipif(os.name == "nt", reason="folders cannot be fsynced on Windows")
def test_each_new_blob_reaches_the_disk_before_the_manifest_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_source(tmp_path / "src")
    repo = tmp_path / "repo"
    events = _record(monkeypatch, repo)
    result = build(source, repo, answers_dir=tmp_path / "answers")
    published = events.index(("replace", result.manifest))
    blobs = _blobs(repo)
    assert len(blobs) == result.blobs_added == 7
    for blob in blobs:
        # Its bytes before its name (a rename survives a power cut its data may not): all of
        # them (a subtitle's text written through a buffer is flushed first), ...
        first, synced = _first_sync(events, blob)
        assert first < events.index(("replace", blob)), blob
        assert synced.size == blob.stat().st_size, blob
        # ... its name before the manifest naming it.
        assert _synced(events, blob.parent) < published, blob.parent
    for folder in (repo / "blobs" / "sha256", repo / "blobs", repo):
        assert _synced(events, folder) < published, folder


def test_a_rebuild_does_not_fsync_the_copies_of_blobs_already_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild finds every blob in place: the temporary copies it made while hashing the
    sources are thrown away unsynced (an fsync each would write the whole course to disk again
    for nothing); only the blobs kept, already on disk (cheap), are synced."""
    source = write_source(tmp_path / "src")
    repo = tmp_path / "repo"
    build(source, repo, answers_dir=tmp_path / "answers")
    events = _record(monkeypatch, repo)
    result = build(source, repo, answers_dir=tmp_path / "answers")
    assert result.blobs_added == 0 and result.warnings == ()
    syncs = [what for kind, what in events if kind == "sync"]
    assert syncs and not [s for s in syncs if s.copy]


def _zero_fill_largest(repo: Path) -> tuple[Path, bytes]:
    """The power-cut leftover: the right size, zeros where the bytes were. The bytes it held."""
    blob = max(_blobs(repo), key=lambda p: p.stat().st_size)
    data = blob.read_bytes()
    blob.write_bytes(b"\0" * len(data))
    return blob, data


def test_a_blob_of_the_right_size_holding_other_bytes_is_written_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = write_source(tmp_path / "src")
    repo = tmp_path / "repo"
    answers = ["--answers-dir", str(tmp_path / "answers")]
    assert main(["build", str(source), "-o", str(repo), *answers]) == 0
    blob, data = _zero_fill_largest(repo)
    capsys.readouterr()
    # verify says it, and what to do.
    assert main(["verify", str(repo), "--allow-unsigned"]) == 1
    relative = blob.relative_to(repo).as_posix()
    assert (
        f"cartable-pack: toy 1.0.0: {relative}: content does not match its sha256 "
        "(cartable-pack build writes it again from the course's source)"
    ) in capsys.readouterr().err.splitlines()
    # Building again writes it again (it kept it: its size matched), and says so.
    assert main(["build", str(source), "-o", str(repo), *answers]) == 0
    assert blob.read_bytes() == data
    assert hashlib.sha256(data).hexdigest() == blob.name
    assert (
        f"cartable-pack: warning: {relative} held other bytes than its sha256 (left by a power "
        "cut during an earlier build, or by a copy cut short): written again"
    ) in capsys.readouterr().err.splitlines()
    assert not (repo / "blobs" / ".incoming").exists()
    assert main(["verify", str(repo), "--allow-unsigned"]) == 0


def test_a_failed_build_keeps_the_blob_it_wrote_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failed build removes the blobs it added, not one it put right: that blob was the
    repository's already, and other courses may name it (the manifest's write fails here)."""
    source = write_source(tmp_path / "src")
    repo = tmp_path / "repo"
    build(source, repo, answers_dir=tmp_path / "answers")
    blob, data = _zero_fill_largest(repo)

    def failing(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "write_atomic", failing)
    with pytest.raises(PackageError, match="No space left"):
        build(source, repo, answers_dir=tmp_path / "answers")
    assert blob.read_bytes() == data


def _rebuild(source: Path, repo: Path, tmp_path: Path) -> list[str]:
    """Build `source` into `repo` with cartable-pack; its stderr lines (it must succeed)."""
    err = tmp_path / "stderr"
    with open(err, "w", encoding="utf-8") as out, contextlib.redirect_stderr(out):
        code = main(["build", str(source), "-o", str(repo), "--answers-dir", str(tmp_path / "a")])
    lines = err.read_text(encoding="utf-8").splitlines()
    assert code == 0, lines
    return lines


def _verify(repo: Path) -> int:
    with contextlib.redirect_stderr(None), contextlib.redirect_stdout(None):
        return main(["verify", str(repo), "--allow-unsigned"])


def _empty_reading(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A course whose reading is empty, built: its source, its repository, the empty blob."""
    source = write_source(tmp_path / "src")
    (source / "m2" / "reading.md").write_bytes(b"")
    repo = tmp_path / "repo"
    _rebuild(source, repo, tmp_path)
    empty = repo / FileRef(hashlib.sha256(b"").hexdigest(), 0, "text/markdown").blob_path
    assert empty.is_file()
    return source, repo, empty


def _not_regular(repo: Path, blob: Path) -> str:
    return (
        f"cartable-pack: warning: {blob.relative_to(repo).as_posix()} was not a regular file: "
        "written again"
    )


@pytest.mark.skipif(os.name == "nt", reason="links need a privilege on Windows")
@pytest.mark.parametrize("target", ["outside", "/dev/zero"])
def test_a_blob_that_is_a_link_is_written_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    """A link where a blob should be (to the same bytes outside the repository, which a server
    does not serve; to /dev/zero, of size 0 like the empty blob) was kept, and verify refused
    it. It is replaced by the blob itself; what it pointed to is left alone."""
    source, repo, empty = _empty_reading(tmp_path)
    if target == "outside":
        blob = max(_blobs(repo), key=lambda p: p.stat().st_size)
        outside = tmp_path / "outside.bin"
        shutil.copyfile(blob, outside)
        data = outside.read_bytes()
    else:
        blob, outside, data = empty, Path(target), b""
    blob.unlink()
    blob.symlink_to(outside)
    assert _verify(repo) == 1
    assert _not_regular(repo, blob) in _rebuild(source, repo, tmp_path)
    assert not blob.is_symlink() and blob.read_bytes() == data
    if target == "outside":
        assert outside.read_bytes() == data
    assert _verify(repo) == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_where_a_blob_should_be_is_written_again_without_waiting(tmp_path: Path) -> None:
    """A FIFO under a blob's name (of size 0, the empty blob's) made the rebuild open it and
    wait for a writer, for ever."""
    source, repo, empty = _empty_reading(tmp_path)
    empty.unlink()
    os.mkfifo(empty)
    lines: list[str] = []
    rebuild = threading.Thread(
        target=lambda: lines.extend(_rebuild(source, repo, tmp_path / "again")), daemon=True
    )
    (tmp_path / "again").mkdir()
    rebuild.start()
    rebuild.join(60)
    if rebuild.is_alive():  # waiting on the FIFO: a writer lets it go on before the test fails
        with contextlib.suppress(OSError):
            os.close(os.open(empty, os.O_WRONLY | os.O_NONBLOCK))
        rebuild.join(60)
        pytest.fail("the build waited for a writer on the FIFO")
    assert _not_regular(repo, empty) in lines
    assert stat.S_ISREG(os.lstat(empty).st_mode) and empty.read_bytes() == b""
    assert _verify(repo) == 0


def test_a_stored_blob_shortened_while_it_is_hashed_is_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A blob another program shortens while it is hashed (a copy over the repository) gave a
    ValueError traceback mapped a window at a time (a SIGBUS within a window): read to its end
    instead, it is a blob holding other bytes, written again."""
    data = os.urandom(blobs_module.WINDOW + blobs_module.CHUNK)
    ref = FileRef(hashlib.sha256(data).hexdigest(), len(data), "video/mp4")
    writer = blobs_module.BlobWriter(tmp_path / "repo")
    blob = writer.repo / ref.blob_path
    blob.parent.mkdir(parents=True)
    blob.write_bytes(data)
    real = hashlib.sha256

    class Shortening:
        """A sha256 that cuts the blob short once it has hashed some of it."""

        def __init__(self) -> None:
            self.digest = real()

        def update(self, data: Any) -> None:
            self.digest.update(data)
            os.truncate(blob, 1024)

        def hexdigest(self) -> str:
            return self.digest.hexdigest()

    monkeypatch.setattr(blobs_module, "hashlib", SimpleNamespace(sha256=Shortening))
    assert not writer._holds(blob, ref)


def test_a_stored_blob_that_cannot_be_read_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A read error on a blob already stored (EIO names no file) was reported as the error of
    the course file being copied."""
    source = write_source(tmp_path / "src")
    repo = tmp_path / "repo"
    _rebuild(source, repo, tmp_path)

    def failing(*_args: Any) -> str:
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(blobs_module, "_file_sha256", failing)
    capsys.readouterr()
    assert main(["build", str(source), "-o", str(repo), "--answers-dir", str(tmp_path)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    blob = next(p for p in _blobs(repo) if line == f"cartable-pack: {p}: {os.strerror(errno.EIO)}")
    assert blob.parent.parent == repo / "blobs" / "sha256"


@pytest.mark.skipif(os.name == "nt", reason="folders cannot be fsynced on Windows")
def test_a_folder_where_a_blob_should_be_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The build fails naming the blob, not its temporary copy (which is removed)."""
    source = write_source(tmp_path / "src")
    repo = tmp_path / "repo"
    _rebuild(source, repo, tmp_path)
    blob = max(_blobs(repo), key=lambda p: p.stat().st_size)
    blob.unlink()
    blob.mkdir()
    capsys.readouterr()
    assert main(["build", str(source), "-o", str(repo), "--answers-dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"cartable-pack: {blob}: {os.strerror(errno.EISDIR)}"
    ]
    assert not (repo / "blobs" / ".incoming").exists()


@pytest.mark.skipif(os.name == "nt", reason="Windows says no such path, not ENOTDIR")
def test_a_file_where_a_blob_s_folder_should_be_is_named_and_verify_says_to_remove_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review r7 of a30c4ed, A1: the build failed with '<blob>: Not a directory', naming the
    blob, not the file at fault; verify said 'cannot read (Not a directory) (cartable-pack
    build writes it again...)', which a build does not: it stops on that file."""
    source = write_source(tmp_path / "src")
    repo = tmp_path / "repo"
    _rebuild(source, repo, tmp_path)
    blob = max(_blobs(repo), key=lambda p: p.stat().st_size)
    folder = blob.parent
    shutil.rmtree(folder)
    folder.write_bytes(b"x")
    capsys.readouterr()
    assert main(["build", str(source), "-o", str(repo), "--answers-dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err.splitlines() == [f"cartable-pack: {folder}: is not a folder"]
    assert not (repo / "blobs" / ".incoming").exists()
    assert main(["verify", str(repo), "--allow-unsigned"]) == 1
    assert (
        f"cartable-pack: toy 1.0.0: {folder.relative_to(repo).as_posix()}: is not a folder,"
        " where blobs should be (remove it: cartable-pack build then writes the blobs again"
        " from the course's source)"
    ) in capsys.readouterr().err.splitlines()
    folder.unlink()  # as verify says
    _rebuild(source, repo, tmp_path)
    assert _verify(repo) == 0


def test_blobs_found_in_place_reach_the_disk_before_a_manifest_names_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A repository copied (cp -r, rsync: nothing fsynced) or built by an older cartable-pack
    holds blobs that may be in memory only: a new version naming them syncs them, and their
    folders, before its manifest is published."""
    build(write_source(tmp_path / "src1"), tmp_path / "orig", answers_dir=tmp_path / "a1")
    repo = tmp_path / "copy"
    shutil.copytree(tmp_path / "orig", repo)
    events = _record(monkeypatch, repo)
    source = write_source(tmp_path / "src2", version="1.1.0")
    result = build(source, repo, answers_dir=tmp_path / "a2")
    assert result.blobs_added == 0
    published = events.index(("replace", result.manifest))
    refs = result.course.files().values()
    assert len(refs) == 7
    for ref in refs:
        blob = repo / ref.blob_path
        assert _synced(events, blob) < published, blob
        assert _synced(events, blob.parent) < published, blob.parent
    for folder in (repo / "blobs" / "sha256", repo / "blobs", repo):
        assert _synced(events, folder) < published, folder


def test_a_store_entry_that_cannot_be_read_fails_no_build(tmp_path: Path) -> None:
    """The sizes of the stored blobs are a hint (which copies go to disk early): a link to
    itself in the store (ELOOP) failed the build."""
    repo = tmp_path / "repo"
    (repo / "blobs" / "sha256" / "ab").mkdir(parents=True)
    os.symlink("loop", repo / "blobs" / "sha256" / "ab" / "loop")
    (repo / "blobs" / "sha256" / "cd").symlink_to("nowhere")
    _rebuild(write_source(tmp_path / "src"), repo, tmp_path)
    assert _verify(repo) == 0


def _failing_folder_sync(monkeypatch: pytest.MonkeyPatch, repo: Path, code: int) -> None:
    """fsync of a folder under repo/blobs fails with `code`."""
    real = os.fsync

    def fsync(fd: int) -> None:
        found = os.fstat(fd)
        folders = {
            (p.stat().st_dev, p.stat().st_ino)
            for p in (repo / "blobs").rglob("*")
            if p.is_dir() and not p.is_symlink()
        }
        if stat.S_ISDIR(found.st_mode) and (found.st_dev, found.st_ino) in folders:
            raise OSError(code, os.strerror(code))
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


@pytest.mark.skipif(os.name == "nt", reason="folders cannot be fsynced on Windows")
def test_a_blob_folder_that_fails_its_fsync_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An EIO syncing a blob folder was swallowed and the manifest published naming blobs whose
    names may not survive a power cut."""
    source = write_source(tmp_path / "src")
    repo = tmp_path / "repo"
    _failing_folder_sync(monkeypatch, repo, errno.EIO)
    assert main(["build", str(source), "-o", str(repo), "--answers-dir", str(tmp_path)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"cartable-pack: {repo / 'blobs' / 'sha256'}")
    assert line.endswith(f": {os.strerror(errno.EIO)}")
    assert not repo.exists()  # made by this build: removed with what it held


@pytest.mark.skipif(os.name == "nt", reason="folders cannot be fsynced on Windows")
def test_a_file_system_that_cannot_sync_a_folder_still_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some file systems refuse a folder's fsync (EINVAL): nothing can be done there."""
    source = write_source(tmp_path / "src")
    repo = tmp_path / "repo"
    _failing_folder_sync(monkeypatch, repo, errno.EINVAL)
    assert build(source, repo, answers_dir=tmp_path / "a").blobs_added == 7
