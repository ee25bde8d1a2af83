"""A course download on a disk that fills up while it runs (a shared laptop's disk filling with
videos): the blobs and the download's state (in the records file) share the disk, so both the
part files and the state's SQLite writes meet a full disk. The run ends FAILED (SPACE) with one
line, no worker thread dies on the error, nothing half-fetched is taken for a blob, and a resume
once space is back completes it.

On a real tmpfs where `mount` is allowed (CI runs as root); elsewhere SQLite's "database or disk
is full" is raised at the state's write boundary once the disk "fills", and the same outcome is
asserted."""

from __future__ import annotations

import sqlite3
import subprocess
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import requests

from sync.download import Downloader
from sync.download_io import blob_path, part_path
from sync.download_options import DownloadOptions
from sync.download_reports import DownloadProgress
from sync.download_state import (
    BlobSpec,
    DownloadState,
    DownloadStore,
    FailureKind,
    create_download_tables,
)
from tests.e2e.downloads.repo import make_repository, store_verifies
from tests.small_disk import fill

OPTIONS = DownloadOptions(
    backoff_base=0.01,
    backoff_cap=0.05,
    free_space_margin=0,
    parallel=2,
    chunk_size=64 * 1024,
    progress_interval=0.0,
    checkpoint_seconds=0.0,
)


class _InjectedFull(sqlite3.Connection):
    """Where no tmpfs can be mounted: every write SQLite is asked for once `full` is set fails
    as SQLite fails it on a full disk ("database or disk is full")."""

    full = False

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:  # type: ignore[override]
        if self.full and sql.lstrip().split(None, 1)[0].upper() in _WRITES:
            raise sqlite3.OperationalError("database or disk is full")
        return super().execute(sql, *args)


_WRITES = {"INSERT", "UPDATE", "DELETE", "REPLACE"}


class _Disk:
    """The folder the records file and the blobs share, and how it fills up."""

    def __init__(self, folder: Path, mounted: bool) -> None:
        self.folder = folder
        self.mounted = mounted
        self.store: DownloadStore | None = None

    def open_store(self) -> DownloadStore:
        path = self.folder / "cartable.sqlite3"
        if self.mounted:
            self.store = DownloadStore.open(path, create=True)
        else:
            connection = sqlite3.connect(path, check_same_thread=False, factory=_InjectedFull)
            create_download_tables(connection)
            self.store = DownloadStore(connection)
        return self.store

    def fill(self) -> Callable[[], None]:
        """Fill the disk; returns what frees the space again."""
        if self.mounted:
            return fill(self.folder).unlink
        connection = self.store._db  # type: ignore[union-attr]
        connection.full = True
        return lambda: setattr(connection, "full", False)


@contextmanager
def _disk(folder: Path) -> Iterator[_Disk]:
    """A 4 MB tmpfs on `folder` where `mount` is allowed, else the injected full disk."""
    folder.mkdir(parents=True)
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    disk = _Disk(folder, mounted.returncode == 0)
    try:
        yield disk
    finally:
        if disk.store is not None:
            disk.store.close()
        if disk.mounted and subprocess.run(["umount", str(folder)], check=False).returncode:
            subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_disk_filling_up_during_a_download_fails_it_in_one_line_and_a_resume_completes(
    tmp_path: Path,
) -> None:
    repo = tmp_path / "usb"
    blobs = make_repository(repo, [400_000, 300_000, 300_000, 200_000])
    died: list[BaseException | None] = []
    hook = threading.excepthook
    threading.excepthook = lambda args: died.append(args.exc_value)
    try:
        with _disk(tmp_path / "disk") as disk, requests.Session() as session:
            root = disk.folder / "blobs"
            engine = Downloader(root, disk.open_store(), session, options=OPTIONS)
            undo: list[Callable[[], None]] = []

            def fill_up(progress: DownloadProgress) -> None:
                if progress.done_bytes > 0 and not undo:  # the first bytes are in: it fills
                    undo.append(disk.fill())

            result = engine.run("c@1", repo.as_uri(), blobs, progress=fill_up)
            assert undo, "the download never started"
            assert died == []  # before: each worker died on "database or disk is full"
            assert (result.state, result.failure) == (DownloadState.FAILED, FailureKind.SPACE)
            assert result.error is not None and "\n" not in result.error
            assert "No space left on device" in result.error, result.error
            _no_blob_is_half(root, blobs)

            undo[0]()  # space again
            again = engine.resume("c@1")
            assert again.state is DownloadState.COMPLETED, again.error
            assert store_verifies(root, blobs) == []
            assert not any((root / ".partial").iterdir())  # the parts' space is given back
    finally:
        threading.excepthook = hook


def _no_blob_is_half(root: Path, blobs: list[BlobSpec]) -> None:
    """Every file under its final name is whole (its size and hash): a partial one is a part."""
    for blob in blobs:
        final = blob_path(root, blob.sha256)
        if final.exists():
            assert store_verifies(root, [blob]) == [], final
        part = part_path(root, blob.sha256)
        assert not part.exists() or part.stat().st_size <= blob.size
