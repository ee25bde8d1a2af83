"""The learner records files are readable by their user only (0600), on real files.

Under the usual umask (022) SQLite created the records file, its -wal and -shm, and every backup
0644: readable by the other accounts of a shared laptop. These stat the files after a first
open, a backup, a damaged file set aside and the reopening of a file an older Cartable made.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from player.paths import Paths
from player.store import Store, private_files
from player.store.backups import list_backups

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")

LOGGER = "player.store.private_files"


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask of a desktop session (a test run's may be stricter and hide the fault)."""
    before = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def side(path: Path, suffix: str) -> Path:
    return Path(f"{path}{suffix}")


def modes(folder: Path) -> dict[str, int]:
    """Every file under `folder` and its mode, but the markers (`.lock`...), which hold nothing
    of the learner."""
    return {
        str(p.relative_to(folder)): mode(p)
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.endswith((".lock", ".closed", ".recover"))
    }


def test_sqlite_gives_wal_and_shm_the_mode_of_their_database(tmp_path: Path) -> None:
    """What the store relies on: SQLite's unix VFS makes a database's -wal and -shm with the
    database's own mode, whatever the umask, so a 0600 file keeps its WAL private."""
    for wanted in (0o600, 0o640):
        path = tmp_path / f"{wanted:o}.sqlite3"
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, wanted))
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        assert (mode(path), mode(side(path, "-wal")), mode(side(path, "-shm"))) == (wanted,) * 3
        conn.close()
    made = tmp_path / "made-by-sqlite.sqlite3"
    sqlite3.connect(made).close()
    assert mode(made) == 0o644  # the fault: SQLite creates a database with the umask's mode


def test_a_first_open_makes_the_file_its_wal_shm_and_backup_private(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "d", tmp_path / "c", tmp_path / "k", tmp_path / "l").ensure()
    store = Store.open(paths)  # with its daily backup
    store.profiles.add("Awa")
    assert side(paths.database, "-wal").exists() and side(paths.database, "-shm").exists()
    found = modes(paths.data)
    assert set(found) == {
        "cartable.sqlite3",
        "cartable.sqlite3-wal",
        "cartable.sqlite3-shm",
        f"backups/{list_backups(paths.backups)[0].path.name}",
    }
    assert set(found.values()) == {0o600}, found
    store.close()
    assert modes(paths.data) == {name: 0o600 for name in found if not name.endswith(("wal", "shm"))}


def test_a_backup_is_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "cartable.sqlite3"
    store = Store.open(path, backup_every=None)
    store.profiles.add("Awa")
    taken = store.database.backup("daily")
    assert mode(taken) == 0o600
    assert modes(path.parent / "backups") == {taken.name: 0o600}  # no part, no journal left
    store.close()


def _with_a_backup(path: Path) -> None:
    store = Store.open(path, backup_every=None)
    store.profiles.add("Awa")
    store.database.backup("daily")
    store.close()


def test_a_damaged_file_set_aside_and_the_backup_restored_are_private(tmp_path: Path) -> None:
    path = tmp_path / "data" / "cartable.sqlite3"
    _with_a_backup(path)
    # What damaged it wrote it with the umask's mode, and a WAL beside it.
    path.unlink()
    path.write_text("garbage")
    side(path, "-wal").write_bytes(b"\x37\x7f\x06\x82" + b"\x00" * 100)
    assert mode(path) == 0o644
    store = Store.open(path, backup_every=None)
    report = store.recovery
    assert report is not None and report.restored_from is not None
    assert store.profiles.find("Awa")
    store.profiles.add("Après")
    damaged = report.damaged_file
    assert mode(damaged) == 0o600 and mode(side(damaged, "-wal")) == 0o600
    found = modes(path.parent)
    assert "cartable.sqlite3" in found and "cartable.sqlite3-wal" in found
    assert {name: m for name, m in found.items() if m != 0o600} == {
        "cartable.sqlite3.untold": 0o644  # the report: counts and file names
    }
    store.close()


def test_a_damaged_file_with_no_backup_gives_a_private_new_file(tmp_path: Path) -> None:
    path = tmp_path / "data" / "cartable.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    store = Store.open(path, backup_every=None)
    assert store.recovery is not None and store.recovery.restored_from is None
    store.profiles.add("Awa")
    assert mode(path) == 0o600 and mode(side(path, "-wal")) == 0o600
    assert mode(store.recovery.damaged_file) == 0o600
    store.close()


def test_files_an_older_cartable_left_0644_are_made_private_at_open_said_once(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "data" / "cartable.sqlite3"
    _with_a_backup(path)
    backup = list_backups(path.parent / "backups")[0].path
    aside = path.with_name(f"{path.name}.damaged-20260101T000000000Z")
    aside.write_bytes(path.read_bytes())
    for old in (path, backup, aside):
        os.chmod(old, 0o644)
    caplog.set_level(logging.INFO, logger=LOGGER)
    store = Store.open(path, backup_every=None)
    store.profiles.add("Awa 2")
    assert (mode(path), mode(backup), mode(aside)) == (0o600, 0o600, 0o600)
    assert mode(side(path, "-wal")) == 0o600 and mode(side(path, "-shm")) == 0o600
    said = [r.getMessage() for r in caplog.records if r.name == LOGGER]
    assert len(said) == 1
    assert "cartable.sqlite3," in said[0] and backup.name in said[0] and aside.name in said[0]
    store.close()
    caplog.clear()
    Store.open(path, backup_every=None).close()
    assert [r for r in caplog.records if r.name == LOGGER] == []


def test_a_user_only_mode_is_kept_as_it_is(tmp_path: Path) -> None:
    """Only the other accounts' bits go: a file the user made read-only stays read-only."""
    path = tmp_path / "records.sqlite3"
    path.write_bytes(b"")
    os.chmod(path, 0o444)
    assert private_files.tighten([path, tmp_path / "absent", tmp_path]) == [path]
    assert mode(path) == 0o400


@pytest.mark.parametrize("chmod", ["refused", "ignored"])
def test_a_file_whose_mode_cannot_change_is_opened_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, chmod: str
) -> None:
    """Another account's file in a folder shared by hand (EPERM), or a FAT stick (EPERM, or
    accepted and changing nothing when mounted `quiet`): opened as before, nothing said."""
    path = tmp_path / "data" / "cartable.sqlite3"
    _with_a_backup(path)
    os.chmod(path, 0o644)

    def no_chmod(target: object, wanted: int) -> None:
        if chmod == "refused":
            raise PermissionError(1, "Operation not permitted", str(target))

    monkeypatch.setattr(private_files, "_fchmod", no_chmod)
    caplog.set_level(logging.INFO, logger=LOGGER)
    store = Store.open(path, backup_every=None)
    assert store.profiles.find("Awa")
    store.profiles.add("Awa 2")
    store.close()
    assert mode(path) == 0o644
    assert [r for r in caplog.records if r.name == LOGGER] == []


def test_what_a_symlink_under_a_records_name_points_to_is_left_alone(tmp_path: Path) -> None:
    """A backup or a copy set aside that is a symlink: its target is not the records (a web page,
    a group's notes) and keeps its mode."""
    path = tmp_path / "data" / "cartable.sqlite3"
    _with_a_backup(path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    page, notes = elsewhere / "index.html", elsewhere / "group-notes.txt"
    page.write_text("public page")
    notes.write_text("notes")
    os.chmod(page, 0o644)
    os.chmod(notes, 0o664)
    os.symlink(page, path.parent / "backups" / "cartable-20260101T000000000Z-daily.sqlite3")
    os.symlink(notes, side(path, ".damaged-20260101T000000000Z"))
    store = Store.open(path, backup_every=None)
    assert store.profiles.find("Awa")
    store.close()
    assert (mode(page), mode(notes)) == (0o644, 0o664)


def test_a_fifo_under_a_backup_name_does_not_hold_the_open(tmp_path: Path) -> None:
    """Opened to read its mode, a FIFO would wait for a writer: the start would hang."""
    path = tmp_path / "data" / "cartable.sqlite3"
    _with_a_backup(path)
    fifo = path.parent / "backups" / "cartable-20260101T000000000Z-daily.sqlite3"
    os.mkfifo(fifo, 0o644)
    found: list[bool] = []

    def start() -> None:  # the store's connection is this thread's: closed here
        store = Store.open(path, backup_every=None)
        found.append(bool(store.profiles.find("Awa")))
        store.close()

    opening = threading.Thread(target=start)
    opening.start()
    opening.join(timeout=60)
    held = opening.is_alive()
    if held:  # a writer lets the blocked open go, so the thread ends and the test says it
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        opening.join()
    assert not held, "the open waited for a writer on the FIFO"
    assert found == [True] and stat.S_ISFIFO(fifo.stat().st_mode) and mode(fifo) == 0o644


def test_a_records_file_that_is_a_symlink_opens_and_its_target_is_private(tmp_path: Path) -> None:
    """A learner who moved their data and linked the file back: SQLite opens the link's target
    and keeps the -wal and -shm beside the target (given its mode), so the target is made
    private, not skipped as a symlink is under a backup's name, and the link stays a link."""
    moved = tmp_path / "usb" / "records.sqlite3"
    _with_a_backup(moved)
    os.chmod(moved, 0o644)  # an older Cartable's, or copied there with the umask's mode
    path = tmp_path / "data" / "cartable.sqlite3"
    path.parent.mkdir()
    os.symlink(moved, path)
    store = Store.open(path, backup_every=None)
    assert store.profiles.find("Awa")
    store.profiles.add("Awa 2")
    assert path.is_symlink() and not side(path, "-wal").exists()
    assert (mode(moved), mode(side(moved, "-wal")), mode(side(moved, "-shm"))) == (0o600,) * 3
    store.close()


def _journal_mode_changed_elsewhere(path: Path) -> str:
    """Another process asks, without waiting, to leave WAL mode: refused ("database is
    locked") while a connection of this process holds its locks on the file."""
    code = (
        "import sqlite3, sys\n"
        "conn = sqlite3.connect(sys.argv[1], timeout=0)\n"
        "try:\n"
        "    print(conn.execute('PRAGMA journal_mode = DELETE').fetchone()[0])\n"
        "except sqlite3.OperationalError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip()


@pytest.mark.skipif(not private_files._O_PATH, reason="O_PATH (Linux) keeps the locks")
def test_tightening_an_open_records_file_keeps_this_process_s_locks(tmp_path: Path) -> None:
    """Closing any descriptor on a file drops every POSIX lock this process holds on it,
    SQLite's included (sqlite.org/howtocorrupt.html 2.2): a file opened to read its mode let
    another process switch an open WAL database to DELETE mode under its connection. Opened
    as a path only (O_PATH), the file keeps them."""
    path = tmp_path / "data" / "cartable.sqlite3"
    store = Store.open(path, backup_every=None)
    try:
        store.profiles.add("Awa")
        os.chmod(path, 0o644)  # something to change, as an older Cartable left it
        assert _journal_mode_changed_elsewhere(path) == "database is locked"
        changed = private_files.tighten_records(path, path.parent / "backups")
        assert path in changed and mode(path) == 0o600
        assert _journal_mode_changed_elsewhere(path) == "database is locked"
        store.profiles.add("Binta")
        assert store.profiles.find("Binta")
    finally:
        store.close()


def _descriptors_on(paths: list[Path]) -> list[str]:
    """This process's descriptors open on any of `paths` (Linux: /proc/self/fd)."""
    wanted = {os.path.realpath(p) for p in paths}
    found = []
    for fd in os.listdir("/proc/self/fd"):
        with contextlib.suppress(OSError):  # the listing's own descriptor, gone
            target = os.readlink(f"/proc/self/fd/{fd}")
            if target in wanted:
                found.append(target)
    return found


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="reads /proc/self/fd")
def test_the_store_tightens_the_records_files_before_any_connection_opens_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What `tighten` asks of its caller where O_PATH is missing (macOS...): no connection of
    this process has the file open yet, or the close of its descriptor drops their locks.
    Checked at a first open, a reopen and the open of a damaged file restored from a backup."""
    path = tmp_path / "data" / "cartable.sqlite3"
    seen: list[list[str]] = []
    tighten_records = private_files.tighten_records

    def checked(records: Path, backups_dir: Path) -> list[Path]:
        seen.append(_descriptors_on([records, side(records, "-wal"), side(records, "-shm")]))
        return tighten_records(records, backups_dir)

    monkeypatch.setattr(private_files, "tighten_records", checked)
    _with_a_backup(path)  # a first open
    Store.open(path, backup_every=None).close()  # a reopen
    path.write_text("garbage")
    store = Store.open(path, backup_every=None)
    assert store.recovery is not None and store.recovery.restored_from is not None
    assert _descriptors_on([path]), "the check sees the store's own connection"
    store.close()
    assert seen == [[], [], []]


@pytest.mark.skipif(not private_files._O_PATH, reason="O_PATH (Linux) needs no read permission")
def test_a_records_file_its_user_may_not_read_loses_the_others_bits_too(tmp_path: Path) -> None:
    """0066: the others could read and write it, its user could not. Opened to read, it was
    skipped (EACCES); opened as a path, it is tightened."""
    path = tmp_path / "records.sqlite3"
    path.write_bytes(b"")
    os.chmod(path, 0o066)
    assert private_files.tighten([path]) == [path]
    assert mode(path) == 0o000


def test_on_windows_nothing_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(private_files, "_POSIX", False)
    path = tmp_path / "data" / "cartable.sqlite3"
    store = Store.open(path, backup_every=None)
    os.chmod(path, 0o644)
    store.close()
    assert private_files.tighten([path]) == []
    Store.open(path, backup_every=None).close()
    assert mode(path) == 0o644
