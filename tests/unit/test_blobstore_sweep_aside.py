"""The sweep of `.incoming` (BlobStore.sweep_incoming) after bc22fe1: a set-aside copy goes back
under its name on a file system that cannot lock (judged by its process, named in it), is
hashed outside the store's clean-up lock, is not read again at every sweep when it cannot be
read and another file holds its name, and a copy set aside by the previous naming
(`<sha12>-<pid>-<hex>.part`) is put back rather than deleted unread. flock's refusal is
simulated as tests/unit/test_lock_strict_holders.py does: fcntl.flock raising the errno."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.library import blobstore
from player.library.blobstore import INCOMING, RETRY_UNREADABLE, TRIED, BlobStore
from player.library.library import Library
from sync import interprocess
from sync.durable import STALE_AFTER
from sync.interprocess import ProcessLock, collection_lock_path
from tests.course_repo import add_course, random_files, trusting_library
from tests.unit.test_library_remove_damaged import KB, alter
from tests.unit.test_lock_strict_holders import CANNOT, refuse_flock


@pytest.fixture(autouse=True)
def forget(monkeypatch: pytest.MonkeyPatch) -> None:
    """Warnings and lasting ENOLCKs already seen are forgotten; ENOLCK tried again 0.1 s."""
    monkeypatch.setattr(interprocess, "_unlockable", set())
    monkeypatch.setattr(interprocess, "_lasting_nolck", set())
    monkeypatch.setattr(interprocess, "NOLCK_PATIENCE", 0.1)


def installed(tmp_path: Path, count: int = 2) -> tuple[Library, list[str]]:
    """A library with one course of `count` files of 64 KB; their sha256."""
    key = PrivateKey.generate()
    library = trusting_library(tmp_path / "home", key)
    course = add_course(tmp_path / "usb", random_files(count, 64 * KB, 7), key=key).course
    library.install_folder(tmp_path / "usb")
    return library, list(course.files())


def dead_pid() -> int:
    """The id of a process that has ended (reaped)."""
    child = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                           capture_output=True, text=True)  # fmt: skip
    return int(child.stdout)


def set_aside(library: Library, sha256: str, pid: int) -> Path:
    """The blob renamed aside as `remove_if_same` does, by process `pid`, its lock file left
    (a check killed, or its put-back refused): the blob's own old time kept."""
    incoming = library.blobs.root / INCOMING
    incoming.mkdir(exist_ok=True)
    name = f"{sha256}.{pid}-{os.urandom(8).hex()}"
    (incoming / f"{name}.lock").touch()
    aside = incoming / f"{name}.aside"
    os.rename(library.blob_path(sha256), aside)
    return aside


@pytest.mark.parametrize("code", CANNOT)
def test_where_the_file_system_cannot_lock_a_set_aside_copy_of_a_process_gone_goes_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """Before: the sweep took it only when the lock was really taken, never on such a folder,
    and `cartable courses check` said 'the next check puts it back' for ever. A live other
    process's copy is its own (kept); this process's, no thread holding it, goes back."""
    library, files = installed(tmp_path, 3)
    gone, alive, own = files
    good = {sha: library.blob_path(sha).read_bytes() for sha in files}
    asides = {
        gone: set_aside(library, gone, dead_pid()),
        alive: set_aside(library, alive, os.getppid()),
        own: set_aside(library, own, os.getpid()),
    }
    refuse_flock(monkeypatch, code)

    checked = library.remove_damaged("maths")

    assert library.blob_path(gone).read_bytes() == good[gone], "not put back"
    assert library.blob_path(own).read_bytes() == good[own], "not put back"
    assert not asides[gone].exists() and not asides[own].exists()
    assert asides[alive].read_bytes() == good[alive], "a live process's copy was taken"
    assert checked.missing == (alive,)


def test_the_sweep_hashes_set_aside_files_without_the_clean_up_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Before: collect() held the clean-up lock while the sweep hashed each set-aside file and
    the file under its name (a minute for a 2 GB video on an old disk), and another Cartable's
    import (60 s wait) failed LockBusy, its download BUSY. The copy still goes back."""
    library, files = installed(tmp_path)
    good = library.blob_path(files[0]).read_bytes()
    set_aside(library, files[0], dead_pid())
    real_hash = blobstore._sha256_of
    lock_free_while_hashing: list[bool] = []

    def hash_and_look(path: Path) -> str | None:
        probe = ProcessLock(collection_lock_path(library.blobs.root))
        lock_free_while_hashing.append(probe.acquire())  # a thread holding it counts too
        probe.release()
        return real_hash(path)

    monkeypatch.setattr(blobstore, "_sha256_of", hash_and_look)
    result = library.collect_garbage()

    assert result.skipped is None
    assert lock_free_while_hashing and all(lock_free_while_hashing), lock_free_while_hashing
    assert library.blob_path(files[0]).read_bytes() == good


@pytest.mark.parametrize("code", CANNOT[:1])
def test_where_the_file_system_cannot_lock_the_clean_up_still_puts_a_set_aside_copy_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    """The clean-up removes nothing there (its lock is strict), yet its sweep, before that
    lock, puts the copy of a process gone back: before, it never swept there at all."""
    library, files = installed(tmp_path)
    good = library.blob_path(files[0]).read_bytes()
    set_aside(library, files[0], dead_pid())
    refuse_flock(monkeypatch, code)

    result = library.collect_garbage()

    assert result.skipped is not None and "cannot lock" in result.skipped
    assert library.blob_path(files[0]).read_bytes() == good


def unreadable_aside(library: Library, sha256: str) -> Path:
    """A set-aside file the sweep cannot read (a FIFO: root reads any mode), of a process
    gone, while a file is under its name."""
    incoming = library.blobs.root / INCOMING
    incoming.mkdir(exist_ok=True)
    aside = incoming / f"{sha256}.{dead_pid()}-{os.urandom(8).hex()}.aside"
    os.mkfifo(aside)
    return aside


def counting_reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every file the sweep hashes, in order."""
    real_hash = blobstore._sha256_of
    read: list[Path] = []

    def hash_counted(path: Path) -> str | None:
        read.append(path)
        return real_hash(path)

    monkeypatch.setattr(blobstore, "_sha256_of", hash_counted)
    return read


def test_an_unreadable_set_aside_copy_goes_when_the_file_under_its_name_is_intact(
    tmp_path: Path,
) -> None:
    """Before: its link back refused (FileExistsError, swallowed), it stayed for ever and was
    read at every sweep; an intact copy under its name makes it useless."""
    library, files = installed(tmp_path)
    aside = unreadable_aside(library, files[0])
    good = library.blob_path(files[0]).read_bytes()

    BlobStore(library.blobs.root).sweep_incoming()

    assert not os.path.lexists(aside)
    assert library.blob_path(files[0]).read_bytes() == good
    assert list((library.blobs.root / INCOMING).iterdir()) == []


def test_an_unreadable_set_aside_copy_beside_a_damaged_file_is_read_again_a_day_later_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Neither can be judged: both stay, and the next sweeps (every import, clean-up and check)
    do not read them again until a day has passed; before, each read both."""
    library, files = installed(tmp_path)
    alter(library.blob_path(files[0]))
    aside = unreadable_aside(library, files[0])
    read = counting_reads(monkeypatch)

    BlobStore(library.blobs.root).sweep_incoming()
    assert aside in read and os.path.lexists(aside), "its first try"
    tried = aside.with_suffix(TRIED)
    assert tried.exists()

    read.clear()
    BlobStore(library.blobs.root).sweep_incoming()  # the next import's, or clean-up's
    library.collect_garbage()
    assert aside not in read and os.path.lexists(aside)

    then = time.time() - RETRY_UNREADABLE - 60
    os.utime(tried, (then, then))
    BlobStore(library.blobs.root).sweep_incoming()
    assert aside in read, "not read again after a day"
    assert os.path.lexists(aside) and time.time() - tried.stat().st_mtime < 60

    # A check removes the damaged file: its name is free, the next sweep links it back at once.
    assert library.remove_damaged("maths").removed == (files[0],)
    BlobStore(library.blobs.root).sweep_incoming()
    assert not os.path.lexists(aside) and os.path.lexists(library.blob_path(files[0]))
    assert list((library.blobs.root / INCOMING).iterdir()) == []


def old_style_part(library: Library, data: bytes, sha256: str) -> Path:
    """A file set aside by the versions before `.aside` (1caf115 until bc22fe1), named as an
    import's copy: `<sha12>-<pid>-<hex>.part`, of a process gone, with the blob's old time."""
    incoming = library.blobs.root / INCOMING
    incoming.mkdir(exist_ok=True)
    part = incoming / f"{sha256[:12]}-{dead_pid()}-{os.urandom(8).hex()}.part"
    part.write_bytes(data)
    then = time.time() - 2 * STALE_AFTER
    os.utime(part, (then, then))
    return part


@pytest.mark.parametrize("under_its_name", ["nothing", "damaged", "intact"])
def test_a_copy_set_aside_by_the_previous_naming_is_put_back_not_deleted_unread(
    tmp_path: Path, under_its_name: str
) -> None:
    """Before: deleted by age, unread: the good copy of a file courses share was gone."""
    library, files = installed(tmp_path)
    blob = library.blob_path(files[0])
    good = blob.read_bytes()
    if under_its_name == "nothing":
        blob.unlink()
    elif under_its_name == "damaged":
        alter(blob)
    part = old_style_part(library, good, files[0])

    BlobStore(library.blobs.root).sweep_incoming()

    assert blob.read_bytes() == good
    assert not part.exists()
    assert list((library.blobs.root / INCOMING).iterdir()) == []


@pytest.mark.parametrize("content", ["cut short", "other bytes"])
def test_an_import_copy_cut_short_or_not_its_blob_is_still_removed(
    tmp_path: Path, content: str
) -> None:
    """What a killed import left (its bytes not a blob's whose name begins so) still goes."""
    library, files = installed(tmp_path)
    blob = library.blob_path(files[0])
    good = blob.read_bytes()
    blob.unlink()
    data = good[: len(good) // 2] if content == "cut short" else b"x" + good[1:]
    part = old_style_part(library, data, files[0])

    assert BlobStore(library.blobs.root).sweep_incoming() == 1

    assert not part.exists() and not os.path.lexists(blob)


def test_an_unreadable_old_style_copy_is_removed_as_before(tmp_path: Path) -> None:
    """Its bytes cannot say which blob it is: removed by age, as an import's copy always was
    (a later fetch of the missing file is the cost)."""
    library, files = installed(tmp_path)
    incoming = library.blobs.root / INCOMING
    incoming.mkdir(exist_ok=True)
    part = incoming / f"{files[0][:12]}-{dead_pid()}-{os.urandom(8).hex()}.part"
    os.mkfifo(part)
    then = time.time() - 2 * STALE_AFTER
    os.utime(part, (then, then))
    assert BlobStore(library.blobs.root).sweep_incoming() == 1
    assert not os.path.lexists(part)


def test_a_live_import_s_copy_is_never_read_nor_taken(tmp_path: Path) -> None:
    """Its lock held (this process's, by another ProcessLock): not hashed, not removed."""
    library, files = installed(tmp_path)
    good = library.blob_path(files[0]).read_bytes()
    library.blob_path(files[0]).unlink()
    part = old_style_part(library, good, files[0])
    lock = ProcessLock(part.with_suffix(".lock"))
    assert lock.acquire()
    try:
        assert BlobStore(library.blobs.root).sweep_incoming() == 0
        assert part.read_bytes() == good and not os.path.lexists(library.blob_path(files[0]))
    finally:
        lock.release()


def test_the_pid_in_a_copy_s_name_is_read_for_every_kind_of_name() -> None:
    sha = "ab" * 32
    assert blobstore._owner(Path(f"{sha}.123-00ff.aside")) == 123
    assert blobstore._owner(Path(f"{sha}.123-00ff.lock")) == 123
    assert blobstore._owner(Path(f"{sha}.123-00ff{TRIED}")) == 123
    assert blobstore._owner(Path(f"{sha[:12]}-456-00ff.part")) == 456
    assert blobstore._owner(Path(f"{sha[:12]}-456-00ff.lock")) == 456
    assert blobstore._owner(Path("notes.part")) is None
