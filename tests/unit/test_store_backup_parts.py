"""The half-made copies a backup leaves when its process is killed midway
(`<backup>.<pid>-<thread>.part`, each the size of the records file): the next open removes them,
as it removes the `.closed`/`.recover` parts beside the file (test_store_side_parts.py), never
another live Cartable's copy in the making. A real child process SIGKILLed during its backup."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from player.paths import Paths, user_paths
from player.store import Store, integrity
from player.store.backups import list_backups
from tests.unit.test_store_repair_races import installation
from tests.unit.test_store_side_parts import _dead_pid

ROOT = Path(__file__).resolve().parents[2]

#: Takes a backup of the records file and stops, to be killed, once the copy is made and
#: checked, before it is put in place (the copy at its full size).
BACKING_UP = """
import sys
from pathlib import Path
from player.store import Store, integrity

check = integrity.problems

def checked_then_wait(conn, kind):
    found = check(conn, kind)
    print("copied", flush=True)
    sys.stdin.read()
    return found

integrity.problems = checked_then_wait
store = Store.open(Path(sys.argv[1]), backup_every=None)
store.database.backup("daily")
"""


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    return user_paths().ensure()


def _parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".part" in p.name)


def test_an_open_removes_the_copy_a_backup_killed_midway_left(paths: Paths) -> None:
    installation(paths)
    backups = list_backups(paths.backups)
    with subprocess.Popen(
        [sys.executable, "-c", BACKING_UP, str(paths.database)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None and child.stdout.readline() == "copied\n"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait() == -signal.SIGKILL
    [part] = _parts(paths.backups)
    assert part.startswith("cartable-") and f".{child.pid}-" in part
    left = paths.backups / part
    assert left.stat().st_size == paths.database.stat().st_size

    Store.open(paths, backup_every=None).close()

    assert _parts(paths.backups) == []  # before: the copy, the size of the records, kept
    assert list_backups(paths.backups) == backups  # the finished ones untouched


def test_an_open_keeps_a_live_cartables_copy_and_its_own(paths: Paths) -> None:
    Store.open(paths, backup_every=None).close()
    folder = paths.backups
    folder.mkdir(exist_ok=True)
    backup = "cartable-20261126T121009415Z-daily.sqlite3"
    dead, mine = _dead_pid(), f"{os.getpid()}-{threading.get_ident()}"
    with subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=-1) as live:
        left = {
            f"{backup}.part": True,  # an older version's (no process in its name), an hour old
            "cartable-20261126T121009417Z-daily.sqlite3.part": False,  # a minute old: may be live
            f"{backup}.{dead}-1.part": True,
            f"{backup}.{dead}-1.part-journal": True,  # killed while copying
            f"cartable-20261126T121009416Z-before-v3.sqlite3.{dead}-9.part-wal": True,
            f"{backup}.{live.pid}-1.part": False,  # another Cartable's, making it now
            f"{backup}.{live.pid}-1.part-journal": False,
            f"{backup}.{mine}.part": False,  # this process's own
            "notes.part": False,  # not a backup's
        }
        old = paths.database.stat().st_mtime - 60
        for name in left:
            (folder / name).write_bytes(b"\0" * 4096)
            os.utime(folder / name, (old, old))
        an_hour_ago = old - integrity.UNNAMED_PART_AGE
        os.utime(folder / f"{backup}.part", (an_hour_ago, an_hour_ago))
        later = folder / f"{backup}.{dead}-2.part"
        later.write_bytes(b"\0" * 4096)
        os.utime(later, (old + 3600, old + 3600))  # newer than the open: not touched

        Store.open(paths, backup_every=None).close()

        kept = [name for name, swept in left.items() if not swept] + [later.name]
        assert _parts(folder) == sorted(kept)  # before: every one of them
        assert live.stdin is not None
        live.stdin.close()
