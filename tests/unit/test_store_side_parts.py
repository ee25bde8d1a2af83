"""The small files beside the records (`<file>.closed`, the clean close's marker, and
`<file>.recover`, the flag a damaged file gets) are written through part files: a full disk
leaves none of them behind, and an open removes those a killed process or an older version
left, never another live Cartable's (each part is named after its process and thread, as the
backups' are).

On a real tmpfs filled up where `mount` is allowed (CI runs as root); elsewhere the kernel's
ENOSPC is raised at the same write boundary (the part created, its bytes refused), and the
same outcome is asserted."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from player.store import Store, integrity
from tests.small_disk import fill


def _parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@contextmanager
def _full_disk(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """`folder` holding a records file, then full: a 4 MB tmpfs filled where `mount` is
    allowed, else every write to a part file beside it refused with ENOSPC."""
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
        capture_output=True,
        check=False,
    )
    try:
        path = folder / "cartable.sqlite3"
        Store.open(path, backup_every=None).close()
        integrity.take_clean_close(path)  # as an open does: its page is not there to reuse
        if mounted.returncode == 0:
            fill(folder)
        else:
            _refuse_part_writes(folder, monkeypatch)
        yield folder
    finally:
        if mounted.returncode == 0 and subprocess.run(["umount", str(folder)]).returncode:
            subprocess.run(["umount", "-l", str(folder)], check=False)


def _refuse_part_writes(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As a full disk does: a part file is created, its bytes are refused (at the write, or at
    the fsync where the file system allocates late)."""
    no_space = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    write_text, fsync = Path.write_text, os.fsync

    def refused_write_text(self: Path, *args: object, **kwargs: object) -> int:
        if self.parent == folder and self.name.endswith(".part"):
            self.touch()
            raise no_space
        return write_text(self, *args, **kwargs)  # type: ignore[arg-type]

    def refused_fsync(fd: int) -> None:
        name = os.readlink(f"/proc/self/fd/{fd}")
        if Path(name).parent == folder and name.endswith(".part"):
            raise no_space
        fsync(fd)

    monkeypatch.setattr(Path, "write_text", refused_write_text)
    monkeypatch.setattr(integrity.os, "fsync", refused_fsync)


def test_a_full_disk_leaves_no_part_of_the_clean_close_or_the_recovery_flag(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with _full_disk(tmp_path / "disk", monkeypatch) as disk:
        path = disk / "cartable.sqlite3"
        assert not integrity.leave_clean_close(path, 0.0)
        with pytest.raises(OSError) as raised:
            integrity.flag_for_recovery(path, "page 3 is never used")
        assert raised.value.errno == errno.ENOSPC
        assert _parts(disk) == []  # before: cartable.sqlite3.closed.part and .recover.part
        assert not integrity.marker_path(path).exists()
        assert not integrity.recover_flag_path(path).exists()


def _dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, check=True
    )
    return int(done.stdout)


def test_an_open_removes_the_parts_a_dead_process_left_and_keeps_a_live_ones(
    tmp_path: Path,
) -> None:
    path = tmp_path / "cartable.sqlite3"
    Store.open(path, backup_every=None).close()
    dead, mine = _dead_pid(), f"{os.getpid()}-{threading.get_ident()}"
    with subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=-1) as live:
        left = {
            # An older version's (no process in its name), an hour old; a minute old, it may be
            # an older Cartable's running beside this one during an update, about to rename it.
            "cartable.sqlite3.closed.part": True,
            "cartable.sqlite3.recover.part": False,
            f"cartable.sqlite3.closed.{dead}-1.part": True,
            f"cartable.sqlite3.recover.{dead}-7.part": True,
            f"cartable.sqlite3.closed.{live.pid}-1.part": False,  # another Cartable's, live
            f"cartable.sqlite3.recover.{mine}.part": False,  # this process's own
            "other.sqlite3.closed.part": False,  # another file's
        }
        old = path.stat().st_mtime - 60
        for name in left:
            (tmp_path / name).write_text("{}", encoding="utf-8")
            os.utime(tmp_path / name, (old, old))
        an_hour_ago = old - integrity.UNNAMED_PART_AGE
        os.utime(tmp_path / "cartable.sqlite3.closed.part", (an_hour_ago, an_hour_ago))
        later = tmp_path / f"cartable.sqlite3.recover.{dead}-2.part"
        later.write_text("{}", encoding="utf-8")
        os.utime(later, (old + 3600, old + 3600))  # newer than the open: not touched

        Store.open(path, backup_every=None).close()

        kept = [name for name, swept in left.items() if not swept] + [later.name]
        assert _parts(tmp_path) == sorted(kept)  # before: every one of them
        assert live.stdin is not None
        live.stdin.close()
