"""An import and a clean-up of the blob store at once (`cartable import` while the player removes
a course, or a download finishing in another thread): the clean-up never takes a file the import
copied or counts on, from its first copy until its version is current; an import whose process
was killed pins nothing for ever."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest

import player.library.course_switch as course_switch
from player.course.manifest import FileRef
from player.course.package import Source
from player.course.signing import PrivateKey
from player.library.blobstore import BlobStore
from tests import children
from tests.course_repo import trusting_library as library
from tests.unit.test_library_garbage import archive, stored

ROOT = Path(__file__).parents[2]


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


def test_a_clean_up_during_an_import_keeps_the_files_it_copied(
    tmp_path: Path, key: PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    importer = library(tmp_path, key)  # `cartable import`
    player = library(tmp_path, key)  # the player, removing another course meanwhile
    _, path = archive(tmp_path, key, "first", 1)
    first_copied, go_on = threading.Event(), threading.Event()
    original = BlobStore.add_from
    copied: list[str] = []

    def slow_add(self: BlobStore, source: Source, ref: FileRef) -> None:  # a slow USB stick
        original(self, source, ref)
        copied.append(ref.sha256)
        if len(copied) == 1:
            first_copied.set()
            go_on.wait(10)

    monkeypatch.setattr(BlobStore, "add_from", slow_add)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            importer.install_archive(path)
        except BaseException as exc:
            errors.append(exc)

    worker = threading.Thread(target=run)
    worker.start()
    try:
        assert first_copied.wait(10)
        result = player.collect_garbage()
        assert result.skipped is None
        assert copied[0] in stored(player)
    finally:
        go_on.set()
        worker.join(10)
    assert not errors, errors
    installed = importer.get("first")
    assert installed is not None
    assert importer.blobs.missing(installed.course.files().values()) == []


def test_a_clean_up_between_the_commits_check_and_its_rename_keeps_the_files(
    tmp_path: Path, key: PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    importer = library(tmp_path, key)
    player = library(tmp_path, key)
    _, path = archive(tmp_path, key, "first", 1)
    real_fsync = course_switch._fsync_tree
    collections = []

    def fsync_then_another_process_cleans_up(folder: Path) -> None:  # checked, not yet renamed
        real_fsync(folder)
        collections.append(player.collect_garbage())

    monkeypatch.setattr(course_switch, "_fsync_tree", fsync_then_another_process_cleans_up)
    [installed] = importer.install_archive(path)
    assert collections and collections[0].skipped is None
    assert importer.blobs.missing(installed.course.files().values()) == []


def test_a_failed_import_still_takes_back_the_files_it_copied(
    tmp_path: Path, key: PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    lib = library(tmp_path, key)
    _, path = archive(tmp_path, key, "first", 1)
    original = BlobStore.add_from
    copied: list[str] = []

    def fail_second(self: BlobStore, source: Source, ref: FileRef) -> None:
        if copied:
            raise OSError(5, "Input/output error")
        original(self, source, ref)
        copied.append(ref.sha256)

    monkeypatch.setattr(BlobStore, "add_from", fail_second)
    with pytest.raises(OSError):
        lib.install_archive(path)
    assert copied and stored(lib) == set()
    assert list((lib.dir / ".installing").iterdir()) == []


_IMPORTER = """
import sys, time
from pathlib import Path
from player.course.signing import PrivateKey
from player.library.blobstore import BlobStore
from tests.course_repo import trusting_library

root, archive, key = Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3])
original = BlobStore.add_from

def stuck(self, source, ref):  # one file copied, then the process hangs until killed
    original(self, source, ref)
    print(ref.sha256, flush=True)
    time.sleep(120)

BlobStore.add_from = stuck
trusting_library(root, PrivateKey.from_file(key)).install_archive(archive)
"""


def test_an_import_in_another_process_pins_its_files_until_it_is_killed(
    tmp_path: Path, key: PrivateKey
) -> None:
    player = library(tmp_path, key)
    _, path = archive(tmp_path, key, "first", 1)
    key_file = tmp_path / "key.pem"
    key.write(key_file)
    with children.started(
        [sys.executable, "-c", _IMPORTER, str(tmp_path), str(path), str(key_file)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        grace=0,  # killed at the end of the block
    ) as importer:
        assert importer.stdout is not None
        first = importer.stdout.readline().strip()
        assert first, "the import copied nothing"
        assert player.collect_garbage().skipped is None
        assert stored(player) == {first}  # alive: its file is kept
    # Killed and reaped: an OS lock dies with its process, so this clean-up finds its lock free.
    collection = player.collect_garbage()
    assert collection.skipped is None and collection.freed > 0
    assert stored(player) == set()  # killed: nothing of it is kept
    assert list((player.dir / ".installing").iterdir()) == []  # and its note is gone
