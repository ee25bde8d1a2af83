"""A power cut during `cartable-pack build` must not leave a published manifest naming a blob
that is empty or zero-filled: each new blob's bytes and name reach the disk before the manifest
does, and a blob found with the right size but other bytes (left by such a power cut under an
older build, or by a copy cut short) is written again, not kept because its size matched."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from player.authoring import build as build_module
from player.authoring.build import build
from player.authoring.cli import main
from player.course.errors import PackageError
from tests.support import write_source

Event = tuple[str, Any]


def _record(monkeypatch: pytest.MonkeyPatch) -> list[Event]:
    """Every fsync/fdatasync (by the file's inode) and every rename (by its target), in order."""
    events: list[Event] = []

    def syncing(real: Callable[[int], None]) -> Callable[[int], None]:
        def sync(fd: int) -> None:
            found = os.fstat(fd)
            events.append(("sync", (found.st_dev, found.st_ino)))
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


def _synced(events: list[Event], path: Path) -> int:
    """Where `path` (as it is now: a blob or a folder) was first fsynced."""
    found = path.stat()
    return events.index(("sync", (found.st_dev, found.st_ino)))


def _blobs(repo: Path) -> list[Path]:
    return sorted(p for p in (repo / "blobs" / "sha256").rglob("*") if p.is_file())


@pytest.mark.skipif(os.name == "nt", reason="folders cannot be fsynced on Windows")
def test_each_new_blob_reaches_the_disk_before_the_manifest_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = write_source(tmp_path / "src")
    events = _record(monkeypatch)
    repo = tmp_path / "repo"
    result = build(source, repo, answers_dir=tmp_path / "answers")
    published = events.index(("replace", result.manifest))
    blobs = _blobs(repo)
    assert len(blobs) == result.blobs_added == 7
    for blob in blobs:
        # Its bytes before its name (a rename survives a power cut its data may not), ...
        assert _synced(events, blob) < events.index(("replace", blob)), blob
        # ... its name before the manifest naming it.
        assert _synced(events, blob.parent) < published, blob.parent
    for folder in (repo / "blobs" / "sha256", repo / "blobs", repo):
        assert _synced(events, folder) < published, folder


def test_a_rebuild_does_not_fsync_the_copies_of_blobs_already_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild finds every blob in place: its copies are thrown away unwritten (an fsync each
    would write the whole course to disk again for nothing)."""
    source = write_source(tmp_path / "src")
    repo = tmp_path / "repo"
    build(source, repo, answers_dir=tmp_path / "answers")
    events = _record(monkeypatch)
    result = build(source, repo, answers_dir=tmp_path / "answers")
    assert result.blobs_added == 0 and result.warnings == ()
    synced = {what for kind, what in events if kind == "sync"}
    files = [p.stat() for p in _blobs(repo)] + [result.manifest.stat()]
    assert synced & {(f.st_dev, f.st_ino) for f in files} == {
        (result.manifest.stat().st_dev, result.manifest.stat().st_ino)
    }


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
