"""What a killed import leaves in the blob store's `.incoming` folder goes at the next import,
never a copy another live import is writing."""

from __future__ import annotations

import os
import time
from pathlib import Path

from player.course.signing import PrivateKey
from player.library.blobstore import INCOMING
from sync.durable import STALE_AFTER
from sync.interprocess import ProcessLock
from tests.course_repo import add_course, random_files, trusting_library


def _planted(folder: Path, name: str, age: float) -> Path:
    path = folder / name
    path.write_bytes(b"half a video")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_an_import_removes_the_stale_copies_a_kill_left_and_no_live_one(tmp_path: Path) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 1000, 1), key=key)
    library = trusting_library(tmp_path / "data", key)
    incoming = library.blobs.root / INCOMING
    incoming.mkdir(parents=True)
    old = 2 * STALE_AFTER
    killed = _planted(incoming, "0123456789ab-4242-00112233aabbccdd.part", old)
    _planted(incoming, "0123456789ab-4242-00112233aabbccdd.lock", old)
    legacy = _planted(incoming, "0123456789abk2j_x9q1", old)  # mkstemp's name, before locks
    young = _planted(incoming, "fedcba987654-4343-0011223344556677.part", 10)
    held = _planted(incoming, "aaaaaaaaaaaa-4444-8899aabbccddeeff.part", old)
    other_import = ProcessLock(held.with_suffix(".lock"))  # another import copying from a slow
    assert other_import.acquire()  # stick: its part is old, its lock taken
    try:
        library.install_folder(repo)
        left = sorted(p.name for p in incoming.iterdir())
    finally:
        other_import.release()
    assert not killed.exists() and not legacy.exists()
    assert left == sorted([young.name, held.name, held.with_suffix(".lock").name])
