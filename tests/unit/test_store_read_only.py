"""The records file opened read-only by a `file:` URI made from its path (player/store/
read_only.py), in a folder whose name holds a URI's characters: a home folder "Cartable #2" cut
`f"file:{path}?mode=ro"` at the '#' (review r3 #1), SQLite opened "Cartable " read and write,
made it empty, and the exam hold's read failed, so an update installed under a running exam;
the full check read the wrong file too. And an exam hold whose read fails holds, for a while."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path, PureWindowsPath

import pytest

from player.store import Store
from player.store.exam_holds import UNREADABLE_HOLD, exam_in_progress
from player.store.read_only import read_only_uri
from tests.unit.test_store_helpers import FakeClock

NAMES = ["plain", "Cartable #2", "100%41", "a?b", "x?mode=rw#y"]


def records(path: Path) -> sqlite3.Connection:
    """A records file of one timed attempt in progress in maths, its deadline at 2000."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(
        "CREATE TABLE exam_attempts (course_id TEXT, state TEXT, deadline REAL, profile_id TEXT)"
    )
    conn.execute("INSERT INTO exam_attempts VALUES ('maths', 'in_progress', 2000.0, 'p1')")
    conn.commit()
    return conn


@pytest.mark.parametrize("name", NAMES)
def test_the_exam_hold_reads_the_records_in_a_folder_of_any_name(tmp_path: Path, name: str) -> None:
    folder = tmp_path / name
    folder.mkdir()
    conn = records(folder / "records.db")
    try:
        held = exam_in_progress(folder / "records.db", lambda: 1000.0)
        assert held("maths") and not held("histoire")
        assert not exam_in_progress(folder / "records.db", lambda: 2001.0)("maths")
    finally:
        conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no stray file made


@pytest.mark.parametrize("name", NAMES)
def test_the_full_check_and_the_daily_backup_read_the_records_in_a_folder_of_any_name(
    tmp_path: Path, name: str
) -> None:
    path = tmp_path / name / "data" / "cartable.sqlite3"
    store = Store.open(path, clock=FakeClock(), backup_every=None)
    try:
        store.profiles.add("Awa")
        check = store.full_check(force=True)
        assert check.ran and check.ok, check.summary()
        backup = store.full_check(force=True, backup_every=0.0)  # the backup's copy, checked
        assert backup.ok and backup.backup is not None and backup.backup.exists()
    finally:
        store.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    assert sorted(p.name for p in (tmp_path / name).iterdir()) == ["data"]


def test_an_unreadable_records_file_holds_the_update_for_a_while_then_lets_it_go(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An install under a running exam cannot be undone, a wait can: a read failing holds,
    logged once; a read working again decides; failing for UNREADABLE_HOLD, the update goes."""
    path = tmp_path / "records.db"
    path.write_bytes(b"not a database at all, " * 100)
    now = [1000.0]
    held = exam_in_progress(path, lambda: now[0])
    with caplog.at_level(logging.WARNING, logger="player.store.exam_holds"):
        assert held("maths")
        now[0] += 60
        assert held("maths")
    assert len(caplog.records) == 1 and "its update waits" in caplog.text
    path.unlink()
    records(path).close()  # readable again: the attempt in progress holds
    assert held("maths")
    path.unlink()
    path.write_bytes(b"broken again " * 100)
    now[0] += 60
    assert held("maths")
    now[0] += UNREADABLE_HOLD - 1
    assert held("maths")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="player.store.exam_holds"):
        now[0] += 1
        assert not held("maths")
    assert "updated" in caplog.text


def test_a_windows_network_path_gets_an_empty_authority_sqlite_reads() -> None:
    """`Path.as_uri` writes \\\\server\\share\\… as file://server/share/…, which SQLite refuses
    ("invalid uri authority") unless built to allow it; the old f-string passed such a path."""
    uri = read_only_uri(PureWindowsPath(r"\\server\share\Cartable #2\records.db"))
    assert uri == "file:////server/share/Cartable%20%232/records.db?mode=ro"
    assert read_only_uri(PureWindowsPath(r"C:\Users\a b\records.db")).startswith("file:///C:/")


def test_a_uri_with_an_empty_authority_opens_the_file(tmp_path: Path) -> None:
    """What the network path's URI becomes on this system: SQLite reads file:////… as a path."""
    records(tmp_path / "records.db").close()
    uri = read_only_uri(tmp_path / "records.db").replace("file:///", "file:////", 1)
    with sqlite3.connect(uri, uri=True) as conn:
        assert conn.execute("SELECT course_id FROM exam_attempts").fetchone() == ("maths",)
