"""The switch to an installed version: a crash at any moment of it, the same version installed
again included, leaves the course whole with the key that signed it; two installs of one course
at once (the player and `cartable import`, two threads) never both pass the check of what they
replace, nor spoil each other's files."""

from __future__ import annotations

import contextlib
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import player.library.course_switch as course_switch
import player.library.library as library_module
from player.course.package import FolderSource
from player.course.signing import PrivateKey
from player.library.blobstore import BlobStore
from player.library.library import Library
from player.library.replacement_rules import OtherSigner
from player.library.trust import TrustStore
from tests.children import started
from tests.unit.test_library_replace import archive, folder, stored

ROOT = Path(__file__).resolve().parents[2]


def library(root: Path, *keys: PrivateKey) -> Library:
    """A library under `root` trusting `keys` as keys the learner added (no branding key: two
    of those may take each other's courses), as every process of this installation reads it."""
    trust = TrustStore(root / "trust", [])
    for key in keys:
        trust.add(key.public)
    return Library(root / "courses", BlobStore(root / "blobs"), trust)


CHILD_SETUP = """
import os, shutil, sys, time
from pathlib import Path
import player.library.course_switch as m
from player.library.blobstore import BlobStore
from player.library.library import Library
from player.library.replacement_rules import OtherSigner
from player.library.trust import TrustStore

root = Path(sys.argv[1])
lib = Library(root / "courses", BlobStore(root / "blobs"), TrustStore(root / "trust", []))
"""


@contextlib.contextmanager
def child(code: str, *args: object) -> Iterator[subprocess.Popen[str]]:
    """`code` run in a process of its own, killed if it still runs when the block ends."""
    with started(
        [sys.executable, "-c", CHILD_SETUP + textwrap.dedent(code), *map(str, args)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        yield proc


# The moments of a switch, in whatever order it takes them: just after a version folder is
# removed, just before one is renamed in, just before `current` is rewritten.
PAUSE_AT = """
moment = sys.argv[3]

def pause():
    print("paused", flush=True)
    time.sleep(120)

if moment == "removed":
    real_rmtree = shutil.rmtree
    def rmtree(path, *args, **kwargs):
        real_rmtree(path, *args, **kwargs)
        if not Path(path).name.startswith("."):  # a version folder, not a staging one
            pause()
    shutil.rmtree = rmtree  # the old version folder, removed after the switch
elif moment == "rename":
    real_replace = os.replace
    def replace(src, dst):
        if Path(src).is_dir():  # the version folder, not a blob or `current`
            pause()
        return real_replace(src, dst)
    m.os.replace = replace
else:
    real_write = m.write_atomic
    def write_atomic(path, *args, **kwargs):
        pause()
        return real_write(path, *args, **kwargs)
    m.write_atomic = write_atomic

lib.install_archive(Path(sys.argv[2]))
print("not paused", flush=True)
"""


@pytest.mark.parametrize("moment", ["removed", "rename", "pointer"])
def test_a_reinstall_killed_in_the_switch_leaves_the_course_whole_with_its_key(
    tmp_path: Path, moment: str
) -> None:
    key, other = PrivateKey.generate(), PrivateKey.generate()
    lib = library(tmp_path, key, other)
    course, path = archive(tmp_path, key, "1.0.0", 1)
    lib.install_archive(path)
    lib.blobs.discard(next(iter(course.course.files())))  # lost: the same copy switches again
    with child(PAUSE_AT, tmp_path, path, moment) as proc:  # the same copy again: a repair
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line == "paused\n", (line, proc.stderr.read() if proc.stderr else "")
        proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL, err

    fresh = library(tmp_path)  # the next start
    installed = fresh.get("maths")
    assert installed is not None, sorted(p.name for p in (tmp_path / "courses/maths").iterdir())
    assert installed.course == course.course and installed.verified
    assert installed.signer == key.public.key_id
    assert fresh.damaged_files("maths") == []
    assert fresh.collect_garbage().skipped is None
    assert stored(fresh) == set(course.course.files())
    _, intruder = archive(tmp_path, other, "2.0.0", 2)
    with pytest.raises(OtherSigner):  # still bound to its key
        fresh.install_archive(intruder)
    (again,) = fresh.install_archive(path)  # and installed again, the crash's leftovers go
    assert again.signer == key.public.key_id and fresh.get("maths") == again
    names = sorted(p.name for p in (tmp_path / "courses" / "maths").iterdir())
    assert names == [again.folder.name, "current"]


RACE = """
me, other = sys.argv[3], sys.argv[4]  # where each marks how far it got

def meet(at):
    Path(me + at).touch()

import sync.interprocess as ipc

committing = False
real_commit = Library.commit
def commit(self, *args, **kwargs):
    global committing
    committing = True
    meet("-commit")
    return real_commit(self, *args, **kwargs)
Library.commit = commit

real_acquire = ipc.ProcessLock.acquire
def acquire(self):
    got = real_acquire(self)
    if committing and not got and self.path.name == "maths.lock":
        meet("-waiting")  # the commit's course lock is taken: it waits for the other install
    return got
ipc.ProcessLock.acquire = acquire

real_fsync = m._fsync_tree
def fsync_tree(folder):
    # Under the course's lock: wait for the other install to be this far too (the lock did
    # not keep it out), or to wait for the lock, as it should. 30 s: a guard against neither
    # ever happening, not a measure.
    meet("-staged")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(
        Path(other + at).exists() for at in ("-staged", "-waiting")
    ):
        time.sleep(0.01)
    return real_fsync(folder)
m._fsync_tree = fsync_tree

try:
    (item,) = lib.install_archive(Path(sys.argv[2]))
except OtherSigner as exc:
    print("refused:", exc)
    sys.exit(3)
print("installed", item.signer)
"""


def test_two_processes_installing_a_course_signed_by_two_keys_one_wins(tmp_path: Path) -> None:
    first, second = PrivateKey.generate(), PrivateKey.generate()
    library(tmp_path, first, second)
    copies = {
        first.public.key_id: archive(tmp_path, first, "1.0.0", 1),
        second.public.key_id: archive(tmp_path, second, "1.0.0", 2),
    }
    paths = list(copies.values())
    a, b = tmp_path / "a", tmp_path / "b"
    with (
        child(RACE, tmp_path, paths[0][1], a, b) as one,
        child(RACE, tmp_path, paths[1][1], b, a) as other,
    ):
        procs = [one, other]
        outs = [p.communicate(timeout=120) for p in procs]
    codes = sorted(p.returncode for p in procs)
    assert codes == [0, 3], outs
    (won,) = [out for out, _ in outs if out.startswith("installed")]
    (lost,) = [out for out, _ in outs if out.startswith("refused")]
    winner = won.split()[1]
    assert "only a copy signed by the same key replaces it" in lost, lost
    fresh = library(tmp_path)
    installed = fresh.get("maths")
    assert installed is not None and installed.signer == winner
    assert installed.course == copies[winner][0].course
    assert fresh.damaged_files("maths") == []
    assert stored(fresh) == set(copies[winner][0].course.files())  # the loser's copies went
    names = sorted(p.name for p in (tmp_path / "courses" / "maths").iterdir())
    assert names == [installed.folder.name, "current"]


def test_two_threads_installing_the_same_version_keep_each_others_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A download finishing in the player while it imports the same version from a stick."""
    key = PrivateKey.generate()
    course, path = archive(tmp_path, key, "1.0.0", 1)
    libraries = [library(tmp_path, key), library(tmp_path, key)]
    # Both staged at once, unless one must wait its turn: a staged install goes on once the
    # other is staged too or waits for the course's lock, not after a fixed time (a loaded
    # machine starting the other thread late would let a broken install pass alone).
    seen = threading.Condition()
    staged: set[int] = set()
    locking: set[int] = set()
    real_fsync, real_lock = course_switch._fsync_tree, library_module.course_lock

    @contextlib.contextmanager
    def course_lock(*args: object) -> Iterator[None]:
        me = threading.get_ident()
        with seen:
            locking.add(me)
            seen.notify_all()
        try:
            with real_lock(*args):  # type: ignore[arg-type]
                with seen:
                    locking.discard(me)
                yield
        finally:
            with seen:
                locking.discard(me)

    def fsync_tree(folder: Path) -> None:
        me = threading.get_ident()
        with seen:
            staged.add(me)
            seen.notify_all()
            assert seen.wait_for(lambda: bool((staged | locking) - {me}), timeout=60)
        real_fsync(folder)

    monkeypatch.setattr(course_switch, "_fsync_tree", fsync_tree)
    monkeypatch.setattr(library_module, "course_lock", course_lock)
    errors: list[BaseException] = []

    def run(lib: Library) -> None:
        try:
            lib.install_archive(path)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(lib,)) for lib in libraries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    fresh = library(tmp_path)
    installed = fresh.get("maths")
    assert installed is not None and installed.course == course.course
    assert installed.signer == key.public.key_id
    assert {p.name for p in installed.folder.iterdir()} == {
        "course.json",
        "course.json.sig",
        "install.json",
    }
    assert fresh.damaged_files("maths") == []
    names = sorted(p.name for p in (tmp_path / "courses" / "maths").iterdir())
    assert names == [installed.folder.name, "current"]


def test_a_reinstalled_course_whose_install_record_is_torn_stays_with_its_key(
    tmp_path: Path,
) -> None:
    """Installed again, the course is in a folder named by its version and a random part: its
    kept signature there still says which key verified it."""
    key, other = PrivateKey.generate(), PrivateKey.generate()
    lib = library(tmp_path, key, other)
    signed, path = archive(tmp_path, key, "1.0.0", 1)
    lib.install_archive(path)
    lib.blobs.discard(next(iter(signed.course.files())))  # lost: the same copy switches again
    (again,) = lib.install_archive(path)
    assert again.folder.name.startswith("1.0.0+")
    (again.folder / "install.json").write_text("{", encoding="utf-8")
    lib = library(tmp_path)  # a later start
    assert lib.get("maths") is None
    assert lib.signed_install("maths") == ("1.0.0", "maths")
    assert lib.installed_key("maths") == key.public.key_id
    with pytest.raises(OtherSigner):
        lib.install_archive(archive(tmp_path, other, "2.0.0", 2)[1])
    assert stored(lib) == set(signed.course.files())


def test_the_check_under_the_lock_reads_what_another_process_installed(tmp_path: Path) -> None:
    """The player read the course when it was not signed; `cartable import` then installed it
    signed, twice (the same folder name as the player read): the player's copy signed by
    another key is refused, not checked against what it read before."""
    key, other = PrivateKey.generate(), PrivateKey.generate()
    player, importer = library(tmp_path, key, other), library(tmp_path, key, other)
    _, unsigned = archive(tmp_path, None, "1.0.0", 1)
    player.install_archive(unsigned, allow_unsigned=True)
    seen = player.get("maths")
    assert seen is not None and not seen.verified
    signed, path = archive(tmp_path, key, "1.0.0", 2)
    importer.install_archive(path)
    importer.blobs.discard(next(iter(signed.course.files())))  # the same copy switches again
    (item,) = importer.install_archive(path)
    assert item.folder == seen.folder  # the name is free again: the player's cache has it
    source = FolderSource(folder(tmp_path, other, "1.0.0", 3)[1])
    opened = player.open(source, "maths", "1.0.0", allow_unsigned=False)
    with pytest.raises(OtherSigner):
        player.install(source, opened)
    installed = library(tmp_path).get("maths")
    assert installed is not None and installed.signer == key.public.key_id


@pytest.mark.parametrize("installed_before", [False, True], ids=["new", "update"])
def test_a_switch_the_disk_refuses_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, installed_before: bool
) -> None:
    """A full disk while the new version folder is written: the install fails whole, with no
    staging folder left (nor, for a course never installed, an empty course folder), and an
    installed version stays in use."""
    key = PrivateKey.generate()
    lib = library(tmp_path, key)
    courses = tmp_path / "courses"
    if installed_before:
        lib.install_archive(archive(tmp_path, key, "1.0.0", 1)[1])
    before = sorted(p.name for p in (courses / "maths").iterdir()) if installed_before else None

    def full_disk(folder: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(course_switch, "_fsync_tree", full_disk)
    with pytest.raises(OSError):
        lib.install_archive(archive(tmp_path, key, "2.0.0", 2)[1])
    if installed_before:
        assert sorted(p.name for p in (courses / "maths").iterdir()) == before
        installed = library(tmp_path, key).get("maths")
        assert installed is not None and installed.version == "1.0.0"
    else:
        assert not (courses / "maths").exists()
        assert library(tmp_path, key).get("maths") is None
