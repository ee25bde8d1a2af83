"""Garbage collection of the blob store: it takes only what nothing on this device needs."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from player.course.archive_writer import write_archive
from player.course.signing import PrivateKey
from player.library.blobstore import BlobStore
from player.library.garbage_collection import GarbageCollection
from player.library.library import Library
from sync.download_state import BlobSpec, DownloadState, DownloadStore
from tests.course_repo import RepoCourse, add_course, random_files
from tests.course_repo import trusting_library as library

posix_links = pytest.mark.skipif(os.name != "posix", reason="symlinks without privileges")


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


def archive(root: Path, key: PrivateKey, course_id: str, seed: int) -> tuple[RepoCourse, Path]:
    repo = root / f"repo-{course_id}"
    course = add_course(repo, random_files(2, 1000, seed), key=key, course_id=course_id)
    path = write_archive(repo, course.course, root / f"{course_id}.cartable")
    return course, path


def stored(lib: Library) -> set[str]:
    return {p.name for p in (lib.blobs.root / "sha256").rglob("*") if p.is_file()}


def install_first_and_second(
    lib: Library, root: Path, key: PrivateKey
) -> tuple[RepoCourse, RepoCourse]:
    """Two courses ("first", "second") installed from archives written under `root`."""
    first, first_archive = archive(root, key, "first", 1)
    second, second_archive = archive(root, key, "second", 2)
    lib.install_archive(first_archive)
    lib.install_archive(second_archive)
    return first, second


def install_two(tmp_path: Path, key: PrivateKey) -> tuple[Library, RepoCourse, RepoCourse]:
    lib = library(tmp_path, key)
    first, second = install_first_and_second(lib, tmp_path, key)
    return lib, first, second


def app_library_at(tmp_path: Path, key: PrivateKey, data: Path) -> Callable[[], Library]:
    """The app's layout (player/context.py): records, blobs and courses in one data folder.
    A maker, not a library: the tests open it again after the disk is unplugged, as a start
    does."""
    trust = library(tmp_path, key).trust

    def app_library() -> Library:
        blobs = BlobStore(data / "blobs")
        return Library(data / "courses", blobs, trust, records=data / "cartable.sqlite3")

    return app_library


def test_a_course_whose_install_record_fails_to_load_keeps_its_files(
    tmp_path: Path, key: PrivateKey
) -> None:
    lib, first, _ = install_two(tmp_path, key)
    (tmp_path / "courses" / "first" / "1.0.0" / "install.json").write_text("{", encoding="utf-8")
    assert [c.id for c in library(tmp_path, key).installed()] == ["second"]
    library(tmp_path, key).uninstall("second")
    assert stored(lib) == set(first.course.files())


def test_an_unreadable_manifest_stops_garbage_collection_until_it_is_removed(
    tmp_path: Path, key: PrivateKey
) -> None:
    lib, first, second = install_two(tmp_path, key)
    (tmp_path / "courses" / "first" / "1.0.0" / "course.json").write_bytes(b"{not json")
    lib = library(tmp_path, key)
    lib.uninstall("second")
    assert stored(lib) == set(first.course.files()) | set(second.course.files())
    lib.uninstall("first")
    assert stored(lib) == set()


def test_a_current_version_without_its_manifest_stops_garbage_collection(
    tmp_path: Path, key: PrivateKey
) -> None:
    lib, first, second = install_two(tmp_path, key)
    (tmp_path / "courses" / "first" / "1.0.0" / "course.json").unlink()
    lib = library(tmp_path, key)
    lib.uninstall("second")
    assert stored(lib) == set(first.course.files()) | set(second.course.files())


def test_a_skipped_collection_says_why_and_a_done_one_what_it_freed(
    tmp_path: Path, key: PrivateKey
) -> None:
    """A learner on a small disk must learn that space was not reclaimed, and why."""
    lib, first, second = install_two(tmp_path, key)
    manifest = tmp_path / "courses" / "first" / "1.0.0" / "course.json"
    manifest.write_bytes(b"{not json")
    lib = library(tmp_path, key)
    lib.uninstall("second")
    skipped = lib.last_collection
    assert skipped is not None and skipped.freed == 0
    assert skipped.skipped is not None and skipped.skipped.startswith(f"{manifest}: ")
    assert "\n" not in skipped.skipped
    lib.uninstall("first")
    done = lib.last_collection
    assert done is not None and done.skipped is None
    assert done.freed == sum(ref.size for ref in first.course.files().values()) + sum(
        ref.size for ref in second.course.files().values()
    )


def test_collection_by_gives_the_clean_up_the_call_ran_and_none_for_a_call_that_ran_none(
    tmp_path: Path, key: PrivateKey
) -> None:
    lib, _, _ = install_two(tmp_path, key)  # the installs ran clean-ups: those are not the call's
    assert lib.last_collection is not None
    assert lib.collection_by(lambda: [c.id for c in lib.installed()]) == (["first", "second"], None)
    removed, collection = lib.collection_by(lambda: lib.uninstall("second"))
    assert removed and collection is lib.last_collection
    assert collection is not None and collection.freed > 0 and collection.skipped is None


def test_two_removals_at_once_each_get_the_figures_of_their_own_clean_up(
    tmp_path: Path, key: PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two removals on two workers (Delete on a second card, or a download's install, while a
    removal runs), both courses gone before either clean-up reads what to keep: the first
    clean-up frees both courses' files, the second none. Each caller reads its own thread's
    figures (review r4: both read whichever clean-up ended last)."""
    lib, first, second = install_two(tmp_path, key)
    sizes = {
        c.course.id: sum(ref.size for ref in c.course.files().values()) for c in (first, second)
    }
    both_removed = threading.Barrier(2, timeout=60)
    both_collected = threading.Barrier(2, timeout=60)
    one_at_a_time = threading.Lock()  # the clean-ups one after the other, as their lock makes
    original = Library.collect_garbage

    def after_both_removals(self: Library, keep: set[str] | None = None) -> GarbageCollection:
        both_removed.wait()
        with one_at_a_time:
            done = original(self, keep)
        both_collected.wait()  # each caller reads its figures once both clean-ups ended
        return done

    monkeypatch.setattr(Library, "collect_garbage", after_both_removals)
    results: dict[str, tuple[bool, GarbageCollection | None]] = {}

    def remove(course_id: str) -> None:
        results[course_id] = lib.collection_by(lambda: lib.uninstall(course_id))

    workers = [threading.Thread(target=remove, args=(c,)) for c in sizes]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    freed = {}
    for course_id, (removed, collection) in results.items():
        assert removed and collection is not None
        freed[course_id] = collection.freed
    assert sorted(freed.values()) == [0, sum(sizes.values())], freed
    assert stored(lib) == set()


def test_a_removal_frees_none_of_the_files_a_recorded_paused_download_names(
    tmp_path: Path, key: PrivateKey
) -> None:
    """An update of the course downloading, paused (its files recorded, some maybe already
    here): what removing the course would free leaves them out, as its clean-up keeps them."""
    lib, first, second = install_two(tmp_path, key)
    records = tmp_path / "cartable.sqlite3"
    lib = Library(lib.dir, lib.blobs, lib.trust, records=records)
    files = second.course.files()
    assert lib.removal_frees("second") == sum(ref.size for ref in files.values())
    store = DownloadStore.open(records, create=True)
    store.begin(
        "second@1.1.0", "https://example.org/", [BlobSpec(s, r.size) for s, r in files.items()]
    )
    store.set_state("second@1.1.0", DownloadState.PAUSED)
    store.close()
    assert lib.removal_frees("second") == 0
    removed, collection = lib.collection_by(lambda: lib.uninstall("second"))
    assert removed and collection is not None and collection.freed == 0
    assert stored(lib) == set(first.course.files()) | set(files)


def removal_with_records_at(tmp_path: Path, key: PrivateKey, records: Path) -> str | None:
    """Both courses installed, then the second removed by a library reading `records` (behind
    whatever link the test made): what that removal's clean-up said, checking it kept all."""
    lib, first, second = install_two(tmp_path, key)
    lib = Library(lib.dir, lib.blobs, lib.trust, records=records)
    lib.uninstall("second")
    assert stored(lib) == set(first.course.files()) | set(second.course.files())
    assert lib.last_collection is not None and lib.last_collection.freed == 0
    return lib.last_collection.skipped


@posix_links
def test_records_in_a_folder_linked_to_an_unplugged_disk_keep_every_file(
    tmp_path: Path, key: PrivateKey
) -> None:
    """The data folder moved to a USB disk and linked back, the disk not plugged in: only a
    records file that was a link itself was checked, so `data/cartable.sqlite3` read as "no
    records yet" and the clean-up deleted what paused downloads had fetched. Now the folder's
    link is found on the way, as paths.broken_link finds it for the installation's folders."""
    usb = tmp_path / "media" / "USB"
    data = tmp_path / "data"
    data.symlink_to(usb / "data")
    said = removal_with_records_at(tmp_path, key, data / "cartable.sqlite3")
    assert said == f"{data}: a link to {usb / 'data'}, which cannot be found"


@posix_links
def test_records_behind_a_link_that_leads_back_to_itself_are_said_as_a_loop(
    tmp_path: Path, key: PrivateKey
) -> None:
    """A loop was said as a link to itself "which cannot be found" (connect the disk): it is
    said as paths.FolderMissing says one, a link that leads back to itself."""
    records, other = tmp_path / "cartable.sqlite3", tmp_path / "other.sqlite3"
    records.symlink_to(other)
    other.symlink_to(records)
    said = removal_with_records_at(tmp_path, key, records)
    assert said == f"{records}: a link that leads back to itself"


@posix_links
def test_a_data_folder_linked_to_an_unplugged_disk_is_said_as_that_link(
    tmp_path: Path, key: PrivateKey
) -> None:
    """The app's layout (player/context.py): records, blobs and courses in one data folder,
    moved to a USB disk and linked back, the disk then unplugged. Nothing was removed, but the
    clean-up said the lock's mkdir failure ("[Errno 17] File exists: '<data>'"): it names the
    link, as for the records file's."""
    usb = tmp_path / "media" / "USB"
    (usb / "data").mkdir(parents=True)
    data = tmp_path / "data"
    data.symlink_to(usb / "data")
    app_library = app_library_at(tmp_path, key, data)
    first, second = install_first_and_second(app_library(), tmp_path, key)
    usb.rename(tmp_path / "unplugged")
    said = app_library().collect_garbage()
    assert said == GarbageCollection(0, f"{data}: a link to {usb / 'data'}, which cannot be found")
    kept = {p.name for p in (tmp_path / "unplugged" / "data" / "blobs").rglob("*") if p.is_file()}
    assert kept >= set(first.course.files()) | set(second.course.files())


def test_records_whose_entry_cannot_be_read_keep_the_files_of_a_paused_download(
    tmp_path: Path, key: PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A disk that answers EIO for the records file's entry (a bad sector in its folder): read
    as "no records yet" (os.path.lexists is False for every error), the files a paused download
    counts on went with the course removed. Only a records file not found means none."""
    lib, first, second = install_two(tmp_path, key)
    records = tmp_path / "cartable.sqlite3"
    store = DownloadStore.open(records, create=True)
    store.begin(
        "second@1.0.0",
        "https://example.org/",
        [BlobSpec(s, r.size) for s, r in second.course.files().items()],
    )
    store.set_state("second@1.0.0", DownloadState.PAUSED)
    store.close()
    real_lstat = os.lstat

    def lstat(path: str | os.PathLike[str], *args: Any, **kwargs: Any) -> os.stat_result:
        if os.fspath(path) == os.fspath(records):
            raise OSError(errno.EIO, "Input/output error", os.fspath(records))
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", lstat)
    lib = Library(lib.dir, lib.blobs, lib.trust, records=records)
    lib.uninstall("second")
    assert stored(lib) == set(first.course.files()) | set(second.course.files())
    assert lib.last_collection == GarbageCollection(
        0, f"{records}: cannot read (Input/output error)"
    )


def app_library_with_two(
    tmp_path: Path, key: PrivateKey, linked: str | None
) -> tuple[Callable[[], Library], set[str], Path]:
    """The app's layout (player/context.py) with two courses installed; `linked` ("courses",
    "course") is the courses folder, or the first course's folder, moved to a USB disk and
    linked back. Returns the library's maker, both courses' files and the disk."""
    data, usb = tmp_path / "data", tmp_path / "media" / "USB"
    data.mkdir()
    usb.mkdir(parents=True)
    if linked == "courses":
        (usb / "courses").mkdir()
        (data / "courses").symlink_to(usb / "courses")
    app_library = app_library_at(tmp_path, key, data)
    lib = app_library()
    first, second = install_first_and_second(lib, tmp_path, key)
    if linked == "course":
        (data / "courses" / "first").rename(usb / "first")
        (data / "courses" / "first").symlink_to(usb / "first")
        assert app_library().get("first") is not None  # read through its link
    files = set(first.course.files()) | set(second.course.files())
    assert stored(lib) == files
    return app_library, files, usb


@posix_links
@pytest.mark.parametrize("linked", ["courses", "course"])
def test_courses_behind_a_link_to_an_unplugged_disk_keep_every_file(
    tmp_path: Path, key: PrivateKey, linked: str
) -> None:
    """The courses folder, or one course's folder, on a USB disk linked back, the disk then
    unplugged (review r6): the courses read as none, so the clean-up (a download discarded,
    another course removed, the start's) deleted every file no download records. Their files
    are unknown, not unneeded: nothing is removed, and the note names the link."""
    app_library, files, usb = app_library_with_two(tmp_path, key, linked)
    link = tmp_path / "data" / "courses"
    if linked == "course":
        link = link / "first"
    usb.rename(tmp_path / "unplugged")
    lib = app_library()
    said = lib.collect_garbage()
    assert stored(lib) == files
    target = usb / ("courses" if linked == "courses" else "first")
    assert said == GarbageCollection(0, f"{link}: a link to {target}, which cannot be found")
    assert lib.removal_frees("second") is None  # the question asked before a removal


@posix_links
def test_a_courses_folder_link_that_leads_back_to_itself_keeps_every_file(
    tmp_path: Path, key: PrivateKey
) -> None:
    """A courses folder replaced by a link to itself read as no courses: every file went."""
    app_library, files, _ = app_library_with_two(tmp_path, key, None)
    courses = tmp_path / "data" / "courses"
    courses.rename(tmp_path / "courses-real")
    courses.symlink_to(courses)
    lib = app_library()
    said = lib.collect_garbage()
    assert stored(lib) == files
    assert said == GarbageCollection(0, f"{courses}: a link that leads back to itself")


@posix_links
def test_a_records_link_whose_target_cannot_be_read_is_said_as_the_records_file(
    tmp_path: Path, key: PrivateKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The records file a link to a disk that answers EIO for its target (review r6): nothing
    was removed, but the note was the raw "[Errno 5] Input/output error: '<records>'"."""
    target = tmp_path / "disk" / "cartable.sqlite3"
    target.parent.mkdir()
    DownloadStore.open(target, create=True).close()
    records = tmp_path / "cartable.sqlite3"
    records.symlink_to(target)
    real_stat = os.stat

    def stat(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
        if os.fspath(path) == os.fspath(records) and kwargs.get("follow_symlinks", True):
            raise OSError(errno.EIO, "Input/output error", os.fspath(records))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", stat)
    said = removal_with_records_at(tmp_path, key, records)
    assert said == f"{records}: cannot read (Input/output error)"
