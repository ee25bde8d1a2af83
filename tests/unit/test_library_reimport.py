"""Importing again what is installed: the very copy, each file present at its size, leaves every
installed file and folder as it was (no write, no rename: a multi-GB course on a slow disk is not
rewritten), decided without reading the files (a 4 GB course is not re-hashed at each import: a
file altered at its size is for `courses check`); a copy whose installed files were lost or cut
short since, or whose version folder changed, is installed again, good files put back; a newer
version is an update, the learner's progress kept. From an archive or a folder, course by
course."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from player.course.archive_writer import write_archive
from player.course.manifest import FileRef
from player.course.signing import PrivateKey
from player.library.blobstore import BlobStore
from player.library.course_import import ImportChange, imported_over
from player.library.library import InstalledCourse, Library
from sync.interprocess import LockBusy
from tests.course_repo import RepoCourse, add_course, random_files, trusting_library
from tests.unit.test_store_helpers import open_store

KB = 1024

Snapshot = dict[str, tuple[int, int, int, int]]


def snapshot(root: Path) -> Snapshot:
    """Every file and folder under `root`: inode, size, mtime and ctime (ns). A write, a rename,
    a new or removed entry, even a chmod changes one of them."""
    found = {}
    for path in [root, *root.rglob("*")]:
        info = path.lstat()
        found[str(path.relative_to(root))] = (
            info.st_ino,
            info.st_size,
            info.st_mtime_ns,
            info.st_ctime_ns,
        )
    return found


def import_path(library: Library, path: Path) -> list[InstalledCourse]:
    if path.is_dir():
        return library.install_folder(path)
    return library.install_archive(path)


def changes(library: Library, path: Path) -> list[ImportChange]:
    """What importing `path` did to each of its courses, as the import dialog says it."""
    before = library.installed()
    return [one.change for one in imported_over(before, import_path(library, path))]


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


@pytest.fixture(params=["archive", "folder"])
def copy(request: pytest.FixtureRequest, tmp_path: Path, key: PrivateKey) -> Path:
    """A USB stick's course: an archive or a repository folder."""
    repo = tmp_path / "usb"
    course = add_course(repo, random_files(3, 64 * KB, 1), key=key)
    if request.param == "folder":
        return repo
    return write_archive(repo, course.course, tmp_path / "maths-1.0.0.cartable")


def test_the_very_copy_imported_again_leaves_every_installed_file_untouched(
    tmp_path: Path, key: PrivateKey, copy: Path
) -> None:
    library = trusting_library(tmp_path / "home", key)
    assert changes(library, copy) == [ImportChange.NEW]
    installed = library.get("maths")
    assert installed is not None
    before = snapshot(tmp_path / "home")
    again = trusting_library(tmp_path / "home", key)  # another start of the player
    result, collection = again.collection_by(lambda: changes(again, copy))
    assert result == [ImportChange.SAME]
    assert snapshot(tmp_path / "home") == before  # no file written, renamed, added or removed
    assert collection is None  # nothing installed, nothing to clean up
    kept = again.get("maths")
    assert kept is not None and kept.folder == installed.folder
    assert again.damaged_files("maths") == []


def test_an_unsigned_copy_imported_again_is_left_untouched(tmp_path: Path) -> None:
    """Its version folder holds no signature: that is whole too."""
    library = trusting_library(tmp_path / "home", PrivateKey.generate())
    add_course(tmp_path / "usb", random_files(2, 64 * KB, 1), key=None)
    library.install_folder(tmp_path / "usb", allow_unsigned=True)
    before = snapshot(tmp_path / "home")
    again = library.installed()
    installed = library.install_folder(tmp_path / "usb", allow_unsigned=True)
    assert [one.change for one in imported_over(again, installed)] == [ImportChange.SAME]
    assert snapshot(tmp_path / "home") == before


def test_a_file_altered_at_its_size_is_for_the_check_not_the_import(
    tmp_path: Path, key: PrivateKey, copy: Path
) -> None:
    """Telling it would mean reading the whole course at each import (~50 s for 4 GB), so the
    import leaves the course untouched, and `damaged_files` (`cartable courses check`, "Check
    files…") finds the file, which a repair or a removal and import then puts right."""
    library = trusting_library(tmp_path / "home", key)
    import_path(library, copy)
    installed = library.get("maths")
    assert installed is not None
    ref = next(iter(installed.course.files().values()))
    blob = library.blobs.path(ref.sha256)
    data = blob.read_bytes()
    altered = data[:100] + bytes([data[100] ^ 1]) + data[101:]
    blob.write_bytes(altered)
    before = snapshot(tmp_path / "home")
    assert changes(library, copy) == [ImportChange.SAME]
    assert snapshot(tmp_path / "home") == before
    assert blob.read_bytes() == altered
    assert library.damaged_files("maths") == [ref.sha256]


@pytest.mark.parametrize("damage", ["missing", "truncated"])
def test_an_installed_copy_whose_files_were_damaged_is_installed_again(
    tmp_path: Path, key: PrivateKey, copy: Path, damage: str
) -> None:
    """A video deleted or cut short since the install (its size tells, with no read of any
    file): importing the same copy again puts the good file back."""
    library = trusting_library(tmp_path / "home", key)
    import_path(library, copy)
    installed = library.get("maths")
    assert installed is not None
    ref = next(iter(installed.course.files().values()))
    blob = library.blobs.path(ref.sha256)
    data = blob.read_bytes()
    if damage == "missing":
        blob.unlink()
    else:
        blob.write_bytes(data[:-1])
    assert library.damaged_files("maths") == [ref.sha256]
    assert changes(library, copy) == [ImportChange.REPLACED]  # "Imported", not "nothing changed"
    assert library.damaged_files("maths") == []
    assert blob.read_bytes() == data
    again = library.get("maths")
    assert again is not None and again.folder != installed.folder
    assert imported_over([installed], [again])[0].repaired  # `cartable import` says "repaired"
    left = sorted(p.name for p in (tmp_path / "home" / "courses" / "maths").iterdir())
    assert left == sorted(["current", again.folder.name])  # the damaged install's folder gone


def test_an_installed_copy_whose_version_folder_was_altered_is_installed_again(
    tmp_path: Path, key: PrivateKey, copy: Path
) -> None:
    """The installed manifest is what the player reads: not the copy's bytes, not trusted."""
    library = trusting_library(tmp_path / "home", key)
    import_path(library, copy)
    installed = library.get("maths")
    assert installed is not None
    (installed.folder / "course.json.sig").unlink()
    assert changes(library, copy) == [ImportChange.REPLACED]
    again = library.get("maths")
    assert again is not None and again.folder != installed.folder
    assert (again.folder / "course.json.sig").is_file() and again.verified


@pytest.mark.parametrize("foreign", ["file", "folder"])
def test_something_foreign_in_the_version_folder_has_the_copy_installed_again(
    tmp_path: Path, key: PrivateKey, copy: Path, foreign: str
) -> None:
    """Only what an install writes is whole: anything else there, the folder is written
    again."""
    library = trusting_library(tmp_path / "home", key)
    import_path(library, copy)
    installed = library.get("maths")
    assert installed is not None
    stray = installed.folder / "notes"
    if foreign == "file":
        stray.write_bytes(b"x")
    else:
        stray.mkdir()
    assert changes(library, copy) == [ImportChange.REPLACED]
    again = library.get("maths")
    assert again is not None and again.folder != installed.folder and not stray.exists()
    names = sorted(p.name for p in again.folder.iterdir())
    assert names == ["course.json", "course.json.sig", "install.json"]


def test_a_newer_version_is_an_update_and_the_learners_progress_is_kept(
    tmp_path: Path, key: PrivateKey
) -> None:
    library = trusting_library(tmp_path / "home", key)
    store = open_store(tmp_path)
    files = random_files(2, 64 * KB, 1)
    first = add_course(tmp_path / "usb", files, key=key)
    import_path(library, tmp_path / "usb")
    awa = store.profiles.add("Awa")
    session = store.events.unit_opened(awa.id, first.course, "u1")
    store.events.video_played(session, 0.0)
    store.events.video_paused(session, 30.0)
    store.events.unit_closed(session)
    watched = store.progress.unit(awa.id, "maths", "u1")
    assert watched.segments and watched.position == 30.0
    newer = add_course(
        tmp_path / "usb", [*files, *random_files(1, 64 * KB, 2)], key=key, version="1.1.0"
    )
    assert changes(library, tmp_path / "usb") == [ImportChange.UPDATED]
    installed = library.get("maths")
    assert installed is not None and installed.version == "1.1.0"
    assert library.damaged_files("maths") == []
    assert store.progress.unit(awa.id, "maths", "u1") == watched
    assert store.progress.course(awa.id, newer.course).units_total == 3
    store.close()


def test_a_stick_of_several_courses_applies_the_rule_to_each(
    tmp_path: Path, key: PrivateKey
) -> None:
    """One course as installed (untouched), one newer (updated), one whose installed file was
    cut short (installed again): one import of the stick."""
    library = trusting_library(tmp_path / "home", key)
    stick = tmp_path / "usb"
    courses: dict[str, RepoCourse] = {
        name: add_course(stick, random_files(2, 64 * KB, seed), key=key, course_id=name)
        for seed, name in enumerate(["art", "bio", "chem"], start=1)
    }
    import_path(library, stick)
    art, bio, chem = (library.get(name) for name in ["art", "bio", "chem"])
    assert art is not None and bio is not None and chem is not None
    art_files = snapshot(art.folder) | {
        sha: snapshot(library.blobs.path(sha))["."] for sha in art.course.files()
    }
    add_course(stick, random_files(2, 64 * KB, 9), key=key, course_id="bio", version="2.0.0")
    blob = library.blobs.path(next(iter(chem.course.files())))
    data = blob.read_bytes()
    blob.write_bytes(data[:-1])
    assert changes(library, stick) == [
        ImportChange.SAME,
        ImportChange.UPDATED,
        ImportChange.REPLACED,
    ]
    art_after = library.get("art")
    assert art_after is not None and art_after.folder == art.folder
    assert art_files == snapshot(art.folder) | {
        sha: snapshot(library.blobs.path(sha))["."] for sha in art.course.files()
    }
    assert blob.read_bytes() == data
    assert [library.damaged_files(name) for name in courses] == [[], [], []]


def test_a_crashs_leftover_beside_the_installed_copy_goes_with_the_import(
    tmp_path: Path, key: PrivateKey, copy: Path
) -> None:
    """A version folder a killed install left beside the one in use: the same copy imported
    again goes through the switch, which removes it, as any install of the course does."""
    library = trusting_library(tmp_path / "home", key)
    import_path(library, copy)
    installed = library.get("maths")
    assert installed is not None
    leftover = installed.folder.with_name("1.0.0+0123456789abcdef")
    leftover.mkdir()
    (leftover / "course.json").write_bytes(b"{")
    import_path(library, copy)
    again = library.get("maths")
    assert again is not None and again.course == installed.course
    left = sorted(p.name for p in (tmp_path / "home" / "courses" / "maths").iterdir())
    assert left == sorted(["current", again.folder.name])


@pytest.mark.parametrize("stray", ["notes.txt", ".current.0123456789abcdef.tmp"])
def test_a_stray_file_beside_the_version_folder_goes_with_the_next_import(
    tmp_path: Path, key: PrivateKey, copy: Path, stray: str
) -> None:
    """A plain file in `courses/<id>/` (a killed write of `current` leaves one): the switch
    removed only folders, so it stayed and every import of the very copy installed it again.
    The first import removes it; the next leaves the course untouched."""
    library = trusting_library(tmp_path / "home", key)
    import_path(library, copy)
    course_dir = tmp_path / "home" / "courses" / "maths"
    (course_dir / stray).write_bytes(b"x")
    assert changes(library, copy) == [ImportChange.REPLACED]
    again = library.get("maths")
    assert again is not None
    assert sorted(p.name for p in course_dir.iterdir()) == sorted(["current", again.folder.name])
    assert changes(library, copy) == [ImportChange.SAME]


def test_another_copy_installed_meanwhile_under_the_same_folder_name_is_never_untouched(
    tmp_path: Path, key: PrivateKey, copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another Cartable removing the course and installing another copy of its version (Y)
    while this import of the installed copy (X) counted X's files: the new install took the
    freed folder name `1.0.0`, the check under the lock compared names only, and the import
    returned X "untouched" while Y was installed. The whole decision is now taken under the
    course's lock, so the other Cartable waits for it (here: is refused at once) and what the
    import says is what is installed."""
    library = trusting_library(tmp_path / "home", key)
    import_path(library, copy)
    x = library.get("maths")
    assert x is not None and x.folder.name == "1.0.0"
    other_stick = tmp_path / "other"
    y = add_course(other_stick, random_files(2, 64 * KB, 7), key=key).course  # maths 1.0.0
    assert y.key == x.course.key and y != x.course
    other = trusting_library(tmp_path / "home", key)  # another process, as far as disk goes
    counting = BlobStore.missing
    interloper: list[str] = []

    def missing_while_another_cartable_reinstalls(
        self: BlobStore, refs: Iterable[FileRef]
    ) -> list[FileRef]:
        found = counting(self, refs)  # X's files all there, counted
        if not interloper:  # the import's first count: the other Cartable steps in
            interloper.append("started")
            try:
                other.uninstall("maths", wait=0)
            except LockBusy:
                interloper.append("refused: the course's lock is held")
            else:
                other.install_folder(other_stick)
                interloper.append("reinstalled")
        return found

    monkeypatch.setattr(BlobStore, "missing", missing_while_another_cartable_reinstalls)
    before = library.installed()
    [result] = import_path(library, copy)
    on_disk = trusting_library(tmp_path / "home", key).get("maths")  # read afresh
    assert on_disk is not None
    assert (result.course, result.folder) == (on_disk.course, on_disk.folder)
    assert interloper == ["started", "refused: the course's lock is held"]
    assert imported_over(before, [result])[0].change is ImportChange.SAME
    assert on_disk.course == x.course
