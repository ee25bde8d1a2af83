"""Fetch again (Check files…) cures a file a disk's read error (EIO) stops at its right size: a
bad sector is left behind when the file is written again, to new blocks. Before, refetch fetched
only the files absent or not at their size (`blobs.missing`), so such a file could never be
fetched again. The new copy is fetched into a part and replaces the file once verified; a fetch
that fails leaves the unreadable file where it was, never discarded first. Real HTTP fetches
from the test catalog server, real blob store and records."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.library.blobstore import BlobState, BlobStore
from sync.download_state import DownloadState
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.faultserver import Fault, FaultServer
from tests.unit.test_library_downloads import KB, Device, install, make_device


class ReadErrorBlobs(BlobStore):
    """The blob store, where reading a file `fail`ed gives EIO, as a bad sector does: by its
    inode, so a new copy put in its place (os.replace) reads."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.failing: set[int] = set()

    def fail(self, sha256: str) -> None:
        self.failing.add(self.path(sha256).stat().st_ino)

    def _open_to_check(self, path: Path) -> int:
        with_inode = os.stat(path).st_ino
        if with_inode in self.failing:
            raise OSError(errno.EIO, os.strerror(errno.EIO), str(path))
        return super()._open_to_check(path)


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[FaultServer, Device, PrivateKey]]:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    repo.mkdir()
    server = FaultServer(repo).start()
    device = make_device(tmp_path / "device", [key], institution=(server.url,))
    try:
        yield server, device, key
    finally:
        server.stop()
        device.store.close()
        device.downloads.store.close()


def test_a_file_a_disk_error_stops_is_fetched_again_and_replaced_once_verified(
    served: tuple[FaultServer, Device, PrivateKey],
) -> None:
    server, device, key = served
    course = add_course(Path(server.root), random_files(3, 50 * KB, 21), key=key).course
    failing = ReadErrorBlobs(device.library.blobs.root)
    device.library.blobs = failing
    install(device)
    bad = next(iter(course.files()))
    failing.fail(bad)
    before = os.stat(failing.path(bad))
    assert failing.check(course.files()[bad]).error == errno.EIO
    asked = len(server.requests_for(bad))  # by the install

    result = device.downloads.refetch("maths", [server.url])
    assert result.state is DownloadState.COMPLETED, result.error
    assert result.fetched_bytes == 50 * KB
    assert [r.status for r in server.requests_for(bad)[asked:]] == [200]
    assert os.stat(failing.path(bad)).st_ino != before.st_ino, "the unreadable file stayed"
    assert failing.check(course.files()[bad]).state is BlobState.INTACT


def test_a_failed_fetch_leaves_the_unreadable_file_where_it_was(
    served: tuple[FaultServer, Device, PrivateKey],
) -> None:
    server, device, key = served
    course = add_course(Path(server.root), random_files(2, 50 * KB, 22), key=key).course
    failing = ReadErrorBlobs(device.library.blobs.root)
    device.library.blobs = failing
    install(device)
    bad = next(iter(course.files()))
    failing.fail(bad)
    before = os.stat(failing.path(bad))
    server.inject(bad, *[Fault.NOT_FOUND] * 20)
    asked = len(server.requests_for(bad))  # by the install

    result = device.downloads.refetch("maths", [server.url])
    assert result.state is DownloadState.FAILED
    assert server.requests_for(bad)[asked:], "it was not fetched"
    after = os.stat(failing.path(bad))
    assert (after.st_ino, after.st_size) == (before.st_ino, before.st_size), "discarded first"
    assert failing.check(course.files()[bad]).error == errno.EIO
