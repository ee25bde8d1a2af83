"""`Library.remove_damaged` (`cartable courses check`, the repair from a copy): only a file whose
bytes differ from its name goes. A file that could not be read (a flaky USB disk or network home:
EIO, ESTALE; a wrong owner; an antivirus holding it) stays, listed with the reason: removed, a
passing read error cost a multi-GB download. A file a repair put in place while the check was
hashing stays too: each removal is decided under the course's lock, the file stat'ed again."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from player.course.manifest import FileRef
from player.course.signing import PrivateKey
from player.library.blobstore import BlobCheck, BlobStore, FileIdentity
from player.library.course_switch import course_lock
from player.library.library import Library
from player.library.trust import TrustedKey, TrustStore
from tests.course_repo import add_course, random_files, trusting_library

KB = 1024


def alter(path: Path) -> bytes:
    """Flip a byte (the size stays, only a read tells); the bytes it had."""
    data = path.read_bytes()
    path.write_bytes(bytes([data[0] ^ 1]) + data[1:])
    return data


def read_error(path: Path) -> None:
    """Make `path` a file whose reads fail with the kernel's EIO, as on a failing disk (the tests
    run as root, whom no permission stops): a link to /proc/self/mem, whose first page (address
    0) is never mapped."""
    path.unlink()
    path.symlink_to("/proc/self/mem")


def wrong_owner(path: Path) -> None:
    """A file whose opening fails with EACCES, as with a wrong owner (root too): a sysfs file
    that is write-only."""
    path.unlink()
    path.symlink_to("/sys/bus/cpu/drivers_probe")


def directory(path: Path) -> None:
    path.unlink()
    path.mkdir()


def fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


LINUX_ONLY = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc or /sys")
NO_FIFO = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFO on this system")


@pytest.mark.parametrize(
    "unreadable, reason",
    [
        pytest.param(read_error, "Input/output error", marks=LINUX_ONLY, id="EIO"),
        pytest.param(wrong_owner, "Permission denied", marks=LINUX_ONLY, id="EACCES"),
        pytest.param(directory, "Is a directory", id="directory"),
        pytest.param(fifo, "not a regular file", marks=NO_FIFO, id="FIFO"),
    ],
)
def test_only_an_altered_file_is_removed_one_that_cannot_be_read_stays(
    tmp_path: Path, unreadable: Callable[[Path], None], reason: str
) -> None:
    """Four files: one intact, one altered at its size, one deleted, one unreadable. Before, the
    three were 'damaged' alike and the unreadable one deleted (the directory: the check failed
    on it, after removing the altered one)."""
    key = PrivateKey.generate()
    library = trusting_library(tmp_path / "home", key)
    course = add_course(tmp_path / "usb", random_files(4, 64 * KB, 1), key=key).course
    library.install_folder(tmp_path / "usb")
    intact, altered, deleted, unread = course.files()
    alter(library.blob_path(altered))
    library.blob_path(deleted).unlink()
    unreadable(library.blob_path(unread))

    checked = library.remove_damaged("maths")
    assert (checked.files, checked.removed, checked.missing) == (4, (altered,), (deleted,))
    assert checked.unreadable == ((unread, reason),) and checked.kept == ()
    assert not checked.intact
    assert not os.path.lexists(library.blob_path(altered))
    assert os.path.lexists(library.blob_path(unread)), "a file that could not be read was removed"
    assert library.blobs.verify(course.files()[intact])


class RepairedWhileHashed(BlobStore):
    """The blob store, where `during_check(ref)` runs right after one file is hashed: another
    Cartable's repair or import, under the course's lock, as it may while a large course is
    hashed (minutes)."""

    def __init__(self, root: Path, victim: str, during_check: Callable[[FileRef], None]) -> None:
        super().__init__(root)
        self.victim = victim
        self.during_check = during_check

    def check(self, ref: FileRef) -> BlobCheck:
        checked = super().check(ref)
        if ref.sha256 == self.victim:
            self.during_check(ref)
        return checked


@pytest.mark.parametrize("meanwhile", ["replaced", "removed"])
def test_a_good_copy_put_in_place_while_the_check_hashed_stays(
    tmp_path: Path, meanwhile: str
) -> None:
    """The check found a file altered, then removed whatever was at its name by then: a good
    copy a repair had put in place (os.replace) meanwhile. It now removes only the file it
    hashed, still there unchanged under the course's lock; one removed meanwhile is missing."""
    key = PrivateKey.generate()
    home = tmp_path / "home"
    course = add_course(tmp_path / "usb", random_files(3, 64 * KB, 2), key=key).course
    victim = list(course.files())[1]
    trust = TrustStore(home / "trust", [TrustedKey(key.public, "branding")])

    def repair(ref: FileRef) -> None:
        blob = library.blob_path(ref.sha256)
        with course_lock(library.dir, "maths", 10.0):  # not held by the check while it hashes
            if meanwhile == "removed":
                blob.unlink()
                return
            part = blob.with_name("good.part")
            part.write_bytes(good)
            os.replace(part, blob)

    library = Library(home / "courses", RepairedWhileHashed(home / "blobs", victim, repair), trust)
    library.install_folder(tmp_path / "usb")
    good = alter(library.blob_path(victim))

    checked = library.remove_damaged("maths")
    assert checked.removed == ()
    if meanwhile == "replaced":
        assert checked.kept == ((victim, "replaced while it was checked"),)
        assert library.blob_path(victim).read_bytes() == good, "the good copy was removed"
    else:
        assert checked.missing == (victim,) and checked.kept == ()
    assert checked.unreadable == ()


class ReplacedAfterTheStat(BlobStore):
    """The blob store, where `after_stat(sha256)` runs right after the removal's stat of the
    victim says it is still the file hashed: an import or a download of another course using the
    same file (neither holds this course's lock) putting a good copy in place then."""

    def __init__(self, root: Path, victim: str, after_stat: Callable[[str], None]) -> None:
        super().__init__(root)
        self.victim = victim
        self.after_stat = after_stat

    def identity(self, sha256: str) -> FileIdentity | None:
        found = super().identity(sha256)
        if sha256 == self.victim:
            self.after_stat(sha256)
        return found


def test_a_good_copy_put_in_place_between_the_stat_and_the_removal_stays(tmp_path: Path) -> None:
    """The removal stat'ed the file, found it the one hashed, then unlinked whatever was at its
    name: a good copy put in place (os.replace) in between was deleted. The file is now renamed
    aside first and compared: another file goes back, and only the one hashed is removed."""
    key = PrivateKey.generate()
    home = tmp_path / "home"
    course = add_course(tmp_path / "usb", random_files(3, 64 * KB, 3), key=key).course
    victim = list(course.files())[1]
    trust = TrustStore(home / "trust", [TrustedKey(key.public, "branding")])

    def put_good_copy(sha256: str) -> None:
        blob = library.blob_path(sha256)
        part = blob.with_name("good.part")
        part.write_bytes(good)
        os.replace(part, blob)

    store = ReplacedAfterTheStat(home / "blobs", victim, put_good_copy)
    library = Library(home / "courses", store, trust)
    library.install_folder(tmp_path / "usb")
    good = alter(library.blob_path(victim))

    checked = library.remove_damaged("maths")
    assert library.blob_path(victim).read_bytes() == good, "the good copy was removed"
    assert checked.removed == () and checked.kept == ((victim, "replaced while it was checked"),)
    assert list((home / "blobs" / ".incoming").iterdir()) == []


def test_the_file_hashed_and_unchanged_is_removed_through_the_rename_aside(tmp_path: Path) -> None:
    """The rename aside removes the altered file itself, and leaves nothing in `.incoming`."""
    key = PrivateKey.generate()
    library = trusting_library(tmp_path / "home", key)
    course = add_course(tmp_path / "usb", random_files(2, 64 * KB, 4), key=key).course
    library.install_folder(tmp_path / "usb")
    victim = next(iter(course.files()))
    alter(library.blob_path(victim))

    checked = library.remove_damaged("maths")
    assert checked.removed == (victim,) and checked.kept == ()
    assert not os.path.lexists(library.blob_path(victim))
    assert list((library.blobs.root / ".incoming").iterdir()) == []
