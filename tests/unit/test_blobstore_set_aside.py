"""A file `BlobStore.remove_if_same` renamed aside is never lost: a put-back that fails (Windows
refusing while a player holds the file open: EACCES) is said with where the file waits, and a
check killed after its rename leaves a file the next sweep judges by its content. Before, the
file waited in `.incoming` as `<sha12>-<pid>-<hex>.part` with the blob's old time and its lock
free, and the next import's sweep deleted it at once: the good copy of a file several courses
share was gone, and `cartable courses check` said 'damaged but left in place'."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from player.course.signing import PrivateKey
from player.library.blobstore import INCOMING, BlobStore
from player.library.library import Library
from player.library.trust import TrustedKey, TrustStore
from sync.durable import STALE_AFTER
from tests import children
from tests.course_repo import add_course, random_files, trusting_library
from tests.unit.test_library_remove_damaged import KB, ReplacedAfterTheStat, alter

ROOT = Path(__file__).resolve().parents[2]


def test_a_good_copy_whose_put_back_fails_is_said_set_aside_and_the_next_check_puts_it_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A good copy put in place between the removal's stat and its rename is renamed aside,
    found another file, and its put-back refused (EACCES): it is reported set aside, where it
    waits, not 'damaged, left in place'; the next check puts it back under its name."""
    key = PrivateKey.generate()
    home = tmp_path / "home"
    course = add_course(tmp_path / "usb", random_files(3, 64 * KB, 5), key=key).course
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
    incoming = store.root / INCOMING
    real_replace = os.replace
    refused: list[Path] = []

    def replace(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        if Path(src).parent == incoming and not refused:  # the put-back, once
            refused.append(Path(src))
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(src))
        real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", replace)
    checked = library.remove_damaged("maths")
    assert refused, "no put-back was tried"
    assert checked.kept == () and checked.removed == () and not checked.intact
    assert checked.set_aside == ((victim, refused[0], os.strerror(errno.EACCES)),)
    assert not os.path.lexists(library.blob_path(victim))
    assert refused[0].read_bytes() == good

    store.after_stat = lambda _: None
    again = library.remove_damaged("maths")
    assert library.blob_path(victim).read_bytes() == good, "the good copy was lost"
    assert again.intact
    assert list(incoming.iterdir()) == []


CHECK_KILLED_AFTER_THE_RENAME = """
import os, sys
from pathlib import Path
from player.library.blobstore import BlobStore, FileIdentity

real_rename = os.rename

def rename(src, dst):
    real_rename(src, dst)
    print(dst, flush=True)
    sys.stdin.read()  # killed here, the file aside and its lock held

os.rename = rename
BlobStore(Path(sys.argv[1])).remove_if_same(sys.argv[2], FileIdentity(0, 0, 0))
"""


@pytest.mark.parametrize("content", ["good", "damaged"])
def test_a_check_killed_after_its_rename_aside_loses_no_good_file(
    tmp_path: Path, content: str
) -> None:
    """The check's process killed between the rename aside and the unlink or put-back: the
    file waits in `.incoming`, its time the blob's (old), its lock free. The next import's sweep
    puts a good one back under its name and removes a damaged one; before, it deleted both."""
    key = PrivateKey.generate()
    library = trusting_library(tmp_path / "home", key)
    course = add_course(tmp_path / "usb", random_files(2, 64 * KB, 6), key=key).course
    library.install_folder(tmp_path / "usb")
    victim = next(iter(course.files()))
    blob = library.blob_path(victim)
    good = blob.read_bytes()
    if content == "damaged":
        alter(blob)
    then = time.time() - 2 * STALE_AFTER  # installed long ago: the rename keeps that time
    os.utime(blob, (then, then))
    root = library.blobs.root

    with children.started(
        [sys.executable, "-c", CHECK_KILLED_AFTER_THE_RENAME, root, victim],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None
        aside = Path(child.stdout.readline().strip())
        child.kill()
        child.wait()
    assert aside.parent == root / INCOMING and aside.exists()
    assert not os.path.lexists(blob)

    BlobStore(root).sweep_incoming()  # what the next import (add_from) or clean-up runs first
    if content == "good":
        assert blob.read_bytes() == good, "the good copy set aside was deleted"
    else:
        assert not os.path.lexists(blob), "the damaged file came back"
    assert list((root / INCOMING).iterdir()) == []
