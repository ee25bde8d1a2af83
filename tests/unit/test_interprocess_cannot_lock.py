"""The installation's OS locks (sync/interprocess.py) on a file system that cannot lock: NFS
without its lock daemon (ENOLCK), no flock at all (EOPNOTSUPP, ENOSYS), NFS emulating flock on
a handle opened for reading (EBADF). That is no lock held elsewhere: one warning per lock file,
and the work goes on without the lock. A lock held elsewhere is still told apart (real OS locks:
flock is per open file, so another open file in this process conflicts as another process
would), and a probe asking whether a lock's holder is dead answers "alive" when it cannot know.
The file system's refusal is simulated as tests/unit/test_store_locks.py does: fcntl.flock
raising the errno."""

from __future__ import annotations

import errno
import fcntl
import logging
import os
import time
from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.library.blobstore import INCOMING
from player.library.garbage_collection import INSTALLING, needed_blobs
from sync import interprocess
from sync.durable import STALE_AFTER
from sync.engine import SyncEngine
from sync.interprocess import Locking, ProcessLock, held, try_lock
from sync.outbox import Outbox, connect, create_tables
from tests.course_repo import add_course, random_files, trusting_library
from tests.unit.test_blobstore_sweep_aside import dead_pid

CANNOT = [errno.ENOLCK, errno.EOPNOTSUPP, errno.ENOSYS, errno.EBADF]


@pytest.fixture
def cannot_lock(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """flock fails with the parametrized errno; the warnings already given are forgotten, and
    ENOLCK is tried again 0.1 s, not `NOLCK_PATIENCE`."""
    code: int = request.param
    monkeypatch.setattr(interprocess, "_unlockable", set())
    monkeypatch.setattr(interprocess, "_lasting_nolck", set())
    monkeypatch.setattr(interprocess, "NOLCK_PATIENCE", 0.1)

    def refuse(fd: int, operation: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(fcntl, "flock", refuse)
    return code


def _warned(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if "cannot lock" in r.getMessage()]


def test_the_lock_tells_taken_from_busy_shared_or_exclusive(tmp_path: Path) -> None:
    path = tmp_path / "x.lock"
    with open(path, "a+b") as first, open(path, "a+b") as second, open(path, "a+b") as third:
        assert try_lock(first, exclusive=False).state is Locking.TAKEN
        assert try_lock(second, exclusive=False).state is Locking.TAKEN  # shared with first
        busy = try_lock(third, exclusive=True)
        assert busy.state is Locking.BUSY and busy.error is not None
        first.close()
        second.close()
        assert try_lock(third, exclusive=True).state is Locking.TAKEN


@pytest.mark.parametrize("cannot_lock", CANNOT, indirect=True)
def test_a_file_system_that_cannot_lock_is_told_from_a_lock_held_elsewhere(
    tmp_path: Path, cannot_lock: int
) -> None:
    with open(tmp_path / "x.lock", "a+b") as handle:
        for exclusive in (True, False):
            said = try_lock(handle, exclusive=exclusive)
            assert said.state is Locking.UNSUPPORTED
            assert said.error is not None and said.error.errno == cannot_lock


@pytest.mark.parametrize("cannot_lock", CANNOT, indirect=True)
def test_on_a_file_system_that_cannot_lock_sync_runs_and_held_goes_on_warned_once(
    tmp_path: Path, cannot_lock: int, caplog: pytest.LogCaptureFixture
) -> None:
    """Before: `ProcessLock.acquire` was False on any OSError, so every sync said another
    Cartable was syncing, and `held` raised LockBusy after its whole wait (60 s for a download),
    forever, for that user."""
    lock_path = tmp_path / "sync.lock"
    conn = connect(tmp_path / "db.sqlite3")
    create_tables(conn)
    with caplog.at_level(logging.WARNING, logger="sync.interprocess"):
        engine = SyncEngine(Outbox(conn), lambda _p: None, process_lock=ProcessLock(lock_path))
        assert engine.run().status != "busy"
        assert engine.run().status != "busy"  # released, and taken again
        ran = []
        with held(tmp_path / "other.lock", timeout=0):
            ran.append(1)
        with held(tmp_path / "other.lock", timeout=0):
            ran.append(2)
    assert ran == [1, 2]
    warned = _warned(caplog)
    assert len(warned) == 2  # once for each lock file
    assert any("sync.lock:" in w for w in warned) and any("other.lock:" in w for w in warned)


@pytest.mark.parametrize("cannot_lock", CANNOT, indirect=True)
def test_on_a_file_system_that_cannot_lock_an_import_copies_and_keeps_what_it_cannot_judge(
    tmp_path: Path, cannot_lock: int
) -> None:
    """An import goes on (before: each copy raised 'cannot lock'). A copy or an install note
    whose lock cannot be tried may be a live one's: kept, as a lock held elsewhere is; a file
    wrongly kept costs disk space, one wrongly taken costs a download. A copy's name holds its
    process's id: one of a live process is kept, one of a process gone is taken."""
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 1000, 1), key=key)
    library = trusting_library(tmp_path / "data", key)
    incoming = library.blobs.root / INCOMING
    incoming.mkdir(parents=True)
    then = time.time() - 2 * STALE_AFTER
    part = incoming / f"0123456789ab-{os.getppid()}-00112233aabbccdd.part"  # alive
    gone = incoming / f"0123456789ab-{dead_pid()}-00112233aabbccdd.part"
    for path in (part, part.with_suffix(".lock"), gone, gone.with_suffix(".lock")):
        path.write_bytes(b"half a video")
        os.utime(path, (then, then))
    notes = library.dir / INSTALLING
    notes.mkdir(parents=True)
    (notes / "4242-ab.json").write_text('["f00d"]', encoding="utf-8")
    (notes / "4242-ab.lock").touch()

    library.install_folder(repo)

    assert part.exists() and part.with_suffix(".lock").exists()
    assert not gone.exists() and not gone.with_suffix(".lock").exists()
    assert "f00d" in needed_blobs(library.dir, None)
    assert (notes / "4242-ab.json").exists()
