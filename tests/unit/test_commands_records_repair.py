"""A damaged records file found by a headless command: every command that opens the records says
the repair on stderr (what was set aside and where, the backup restored and from when, what may
be lost), writes it to cartable.log, does its job with the restored records and exits with its
own code; the report stays kept for the player (`<file>.untold`) whichever command came first.

Before: `cartable download` and `cartable catalogs courses` said nothing, nothing reached the
log, and the report was gone once any command had opened the records. Real installations in a
temporary CARTABLE_HOME, damaged three ways, and the real `python -m player`."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from player.logfile import LOG_FILE
from player.paths import Paths, user_paths
from player.store import Store
from player.store.backups import list_backups
from player.store.recovery import journal_path, untold, untold_path
from tests.support import run_cli
from tests.unit.test_store_helpers import FakeClock, make_course, study_everything

DAMAGE = ["truncated", "garbage", "header"]


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    return user_paths().ensure()


def installation(paths: Paths) -> Path:
    """Awa studied the whole course and Bea has a profile when the daily backup is taken; Cy
    arrives an hour later. Returns the backup."""
    clock = FakeClock()
    store = Store.open(paths, clock=clock, backup_every=None)
    try:
        awa = store.profiles.add("Awa", "fr")
        study_everything(store, clock, awa.id, make_course())
        store.profiles.add("Bea", "en")
        backup = store.database.backup("daily")
        clock.advance(3600)
        store.profiles.add("Cy", "en")
    finally:
        store.close()
    return backup


def damage(database: Path, how: str) -> None:
    """The records file cut in half, all garbage, or its header overwritten."""
    data = database.read_bytes()
    noise = random.Random(how).randbytes(len(data))
    if how == "truncated":
        database.write_bytes(data[: len(data) // 2])
    elif how == "garbage":
        database.write_bytes(noise)
    else:
        database.write_bytes(noise[:100] + data[100:])


def cartable(*args: str) -> tuple[int, str, str]:
    done = run_cli("-m", "player", *args)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode, done.stdout, done.stderr


def repair_said(stderr: str, paths: Paths, backup: Path) -> str:
    """The repair's lines on stderr, checked for what they must say; returned."""
    said = [line for line in stderr.splitlines() if "records file was damaged" in line]
    assert len(said) == 1, stderr
    (damaged,) = [
        p
        for p in paths.data.glob("cartable.sqlite3.damaged-*")
        if not p.name.endswith(("-wal", "-shm"))
    ]
    (taken_at,) = [b.taken_at for b in list_backups(paths.backups) if b.path == backup]
    taken = taken_at.strftime("%Y-%m-%d %H:%M UTC")
    line = said[0]
    assert line.startswith("cartable: The learner records file was damaged (")
    assert f"It was set aside as {damaged} and nothing was deleted." in line
    assert f"restored from the backup taken on {taken}." in line
    assert f"The backup used is {backup}." in line
    assert "missing from the restored copy" in line
    return line


@pytest.mark.parametrize("how", DAMAGE)
def test_download_says_the_repair_and_does_its_job(paths: Paths, how: str) -> None:
    """`download` (and `catalogs courses`, through the same opening) said nothing at all."""
    backup = installation(paths)
    damage(paths.database, how)
    code, out, err = cartable("download", "--list")
    assert (code, out) == (0, "no download in progress\n")
    line = repair_said(err, paths, backup)
    log = (paths.logs / LOG_FILE).read_text(encoding="utf-8")
    assert f"WARNING cartable.records: {paths.database} was damaged and repaired at open: " in log
    assert line.removeprefix("cartable: ") in log
    (report,) = untold(paths.database)
    assert report.damaged_file.exists() and report.restored_from == backup
    assert not journal_path(paths.database).exists()  # the repair itself is over


@pytest.mark.parametrize(
    ("command", "code", "out"),
    [
        (("profiles", "list"), 0, "Awa\tfr"),
        (("records", "stats"), 0, "statements:"),
        (("account", "show", "Awa"), 0, "Awa: no LRS account"),
        (("sync", "--once"), 1, ""),  # no profile linked to an account: its own exit code
    ],
)
def test_every_command_that_opens_the_records_says_it_once_and_keeps_it_for_the_player(
    paths: Paths, command: tuple[str, ...], code: int, out: str
) -> None:
    backup = installation(paths)
    damage(paths.database, "garbage")
    done, stdout, stderr = cartable(*command)
    assert done == code, stderr
    assert out in stdout
    repair_said(stderr, paths, backup)
    assert "records file was damaged" in (paths.logs / LOG_FILE).read_text(encoding="utf-8")
    # Another command: the records are the restored ones, the repair is not said again, and
    # its report is still kept for the player.
    done, stdout, stderr = cartable("profiles", "list")
    assert (done, stderr) == (0, "")
    assert [line.split("\t")[0] for line in stdout.splitlines()] == ["Awa", "Bea"]
    assert len(untold(paths.database)) == 1


def test_a_report_that_cannot_be_kept_keeps_the_repair_open_until_it_can(paths: Paths) -> None:
    """A disk refusing the report's file: the repair's journal stays, the store still gives the
    report to the player, and the next open (with the file writable) keeps it, once."""
    installation(paths)
    damage(paths.database, "header")
    untold_path(paths.database).mkdir()  # not writable as a file
    store = Store.open(paths, backup_every=None)
    try:
        assert store.recovery is not None
        assert store.untold_recoveries() == [store.recovery]
        assert journal_path(paths.database).exists()
    finally:
        store.close()
    untold_path(paths.database).rmdir()
    store = Store.open(paths, backup_every=None)
    try:
        assert store.recovery is not None  # the repair taken up again, its read-back redone
        (kept,) = untold(paths.database)
        assert kept.damaged_file == store.recovery.damaged_file
        assert store.untold_recoveries() == [kept]
        assert not journal_path(paths.database).exists()
        store.recovery_told(kept)
        assert store.untold_recoveries() == [] and not untold_path(paths.database).exists()
    finally:
        store.close()


def test_a_kept_report_says_what_the_repair_said(paths: Paths) -> None:
    """What the read-back found (counts, notes) survives the file, not only the journal's part."""
    installation(paths)
    damage(paths.database, "truncated")
    store = Store.open(paths, backup_every=None)
    try:
        assert untold(paths.database) == [store.recovery]
    finally:
        store.close()
    conn = sqlite3.connect(paths.database)
    try:
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    finally:
        conn.close()
