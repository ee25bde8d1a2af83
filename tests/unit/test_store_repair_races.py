"""Repairs of a damaged records file with other processes about: nothing lost, ever.

Two processes opening a damaged file at once repaired it twice: the slower one deleted the
other's restored copy in progress, set aside the file the other had just restored and started on
a new empty database. A command run while the player had the file open (its background check had
flagged it) set the file aside under the player, whose writes then went to a file nothing reads
back. Real files and real processes (`python -c`, `python -m player`); each interleaving is made
with pipes, never with sleeps: a child stops at a named step, prints it, and waits for a line.
"""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from player.paths import Paths, user_paths
from player.store import Store, integrity
from player.store.backups import list_backups, take_backup
from player.store.recovery import (
    RecoveryReport,
    journal_path,
    keep_untold,
    told,
    untold,
    untold_path,
)
from tests import children
from tests.support import run_cli
from tests.unit.test_store_helpers import FakeClock, make_course, study_everything

ROOT = Path(__file__).parents[2]
COURSE = make_course()
#: Statements recorded after the daily backup: what a repair reads back from the damaged file.
AFTER = 5


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path / "home"))
    return user_paths().ensure()


def installation(paths: Paths) -> int:
    """Awa studied and Bea has a profile when the daily backup is taken; Awa opens the course
    AFTER times more. Returns the number of statements in the backup."""
    clock = FakeClock()
    store = Store.open(paths, clock=clock, backup_every=None)
    try:
        awa = store.profiles.add("Awa", "fr")
        study_everything(store, clock, awa.id, COURSE)
        store.profiles.add("Bea", "en")
        store.database.backup("daily")
        in_backup = store.outbox.counts().total
        clock.advance(3600)
        for _ in range(AFTER):
            clock.advance(1)
            store.events.course_launched(awa.id, COURSE)
    finally:
        store.close()
    return in_backup


def garbage(database: Path) -> None:
    size = database.stat().st_size
    database.write_bytes(random.Random(1).randbytes(size))


def flagged(database: Path) -> None:
    """What the background full check leaves on a damaged file; its rows stay readable, so the
    repair reads back what the backup lacks."""
    integrity.flag_for_recovery(database, "row 3 missing from index")


def damaged_files(paths: Paths) -> list[Path]:
    return [
        p
        for p in paths.data.glob("cartable.sqlite3.damaged-*")
        if not p.name.endswith(("-wal", "-shm"))
    ]


def live(paths: Paths) -> tuple[list[str], int]:
    """The live file's profiles and statements, read as another program would."""
    conn = sqlite3.connect(f"file:{paths.database}?mode=ro", uri=True)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM profiles ORDER BY name")]
        return names, int(conn.execute("SELECT count(*) FROM outbox").fetchone()[0])
    finally:
        conn.close()


def child(script: str) -> subprocess.Popen[str]:
    return children.popen(
        [sys.executable, "-c", script],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def said(process: subprocess.Popen[str], line: str) -> None:
    assert process.stdin is not None
    process.stdin.write(line + "\n")
    process.stdin.flush()


# A command's repair, stopped once its copy of the backup is written beside the file (where the
# other process deleted it), until it reads a line.
_REPAIRING = """
import sys
import player.store.recovery as recovery
from player.commands import open_records
from player.paths import user_paths

copy = recovery._copy_backup

def copied(backup, part):
    copy(backup, part)
    print("copied", flush=True)
    sys.stdin.readline()

recovery._copy_backup = copied
store = open_records(user_paths().ensure())
print("opened", store.recovery is not None, flush=True)
store.close()
"""

# `cartable profiles list`, saying on stdout when it first finds a lock of the records taken.
_WAITING = """
import runpy, sys
import player.store.locks as locks

def told_once(take):
    def taken(*args, **kwargs):
        got = take(*args, **kwargs)
        if not got and not told_once.said:
            told_once.said = True
            print("waiting", flush=True)
        return got
    return taken

told_once.said = False
locks._flock = told_once(locks._flock)  # both locks: the in-use and the repair lock
sys.argv = ["cartable", "profiles", "list"]
runpy.run_module("player", run_name="__main__")
"""


def test_two_processes_opening_a_damaged_file_at_once_repair_it_once(paths: Paths) -> None:
    """Before: the second deleted the first's restored copy, the first set aside the file the
    second had restored and started on an empty database ('restored from the backup', no
    profile, no statement), whose daily backup then became the newest."""
    in_backup = installation(paths)
    garbage(paths.database)
    first = child(_REPAIRING)
    second: subprocess.Popen[str] | None = None
    try:
        assert first.stdout is not None
        assert first.stdout.readline() == "copied\n", first.communicate()
        second = child(_WAITING)
        assert second.stdout is not None
        waited = second.stdout.readline()  # or its listing: it did not wait
        said(first, "go")
        out_first, err_first = first.communicate(timeout=120)
        out_second, err_second = second.communicate(timeout=120)
        if waited != "waiting\n":
            out_second = waited + out_second
    finally:
        children.stop(first)
        if second is not None:
            children.stop(second)
    assert first.returncode == 0 and second.returncode == 0, err_first + err_second
    assert out_first == "opened True\n"
    assert [line.split("\t")[0] for line in out_second.splitlines()] == ["Awa", "Bea"]
    assert "records file was damaged" in err_first and err_second == ""
    (damaged,) = damaged_files(paths)
    (report,) = untold(paths.database)
    assert report.damaged_file == damaged and report.restored_from is not None
    assert live(paths) == (["Awa", "Bea"], in_backup)  # all garbage: nothing to read back
    assert not journal_path(paths.database).exists()
    for backup in list_backups(paths.backups):  # no backup of an empty file
        conn = sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True)
        assert conn.execute("SELECT count(*) FROM profiles").fetchone()[0] >= 2
        conn.close()
    assert waited == "waiting\n"  # for the first's repair, and took the file it restored


def test_a_command_leaves_a_file_the_running_player_flagged_to_the_players_next_start(
    paths: Paths,
) -> None:
    """The player's background check flags the file ('You can keep studying') and a scheduled
    command opens it meanwhile. Before: the command set it aside and restored the backup under
    the player, whose next 20 statements and new profile went to the file set aside, and the
    report said 'Nothing recorded after the backup was lost'."""
    in_backup = installation(paths)
    player = Store.open(paths, backup_every=None)
    try:
        awa = player.profiles.find("Awa")
        assert awa is not None
        integrity.flag_for_recovery(paths.database, "row 3 missing from index")
        done = run_cli("-m", "player", "profiles", "list")
        assert (done.returncode, done.stderr) == (0, "")
        assert [line.split("\t")[0] for line in done.stdout.splitlines()] == ["Awa", "Bea"]
        assert damaged_files(paths) == []
        assert integrity.flagged_problem(paths.database) is not None  # for a start alone
        for _ in range(20):
            player.events.course_launched(awa.id, COURSE)
        player.profiles.add("Late", "fr")
        recorded = player.outbox.counts().total
    finally:
        player.close()
    assert recorded == in_backup + AFTER + 20
    store = Store.open(paths, backup_every=None)  # the next start, alone: repaired
    try:
        # No daily backup of a file known damaged: AFTER and the player's 20 are read back.
        assert store.recovery is not None
        assert store.recovery.salvaged_statements == AFTER + 20
        assert store.recovery.lost_statements == 0
        assert [p.name for p in store.profiles.all()] == ["Awa", "Bea", "Late"]
        assert store.outbox.counts().total == recorded
    finally:
        store.close()


def test_a_command_never_repairs_a_file_another_cartable_has_open(paths: Paths) -> None:
    """Unusable at open and open elsewhere: the command stops with one line, nothing moved;
    once the other has closed it, the next command repairs it."""
    installation(paths)
    holder = Store.open(paths, backup_every=None)
    try:
        garbage(paths.database)
        before = paths.database.read_bytes()
        done = run_cli("-m", "player", "profiles", "list")
        assert done.returncode == 1 and "Traceback" not in done.stderr
        assert done.stderr == (
            f"cartable: {paths.database} is held by another program (another Cartable, a backup"
            " or sync tool): close it, then try again. Nothing was lost.\n"
        )
        assert damaged_files(paths) == [] and paths.database.read_bytes() == before
    finally:
        holder.close()
    done = run_cli("-m", "player", "profiles", "list")
    assert done.returncode == 0 and "records file was damaged" in done.stderr
    assert len(damaged_files(paths)) == 1


# A repair killed between its read-back's commit and keeping its report.
_KILLED_AFTER_READ_BACK = """
import os
import player.store.store as store_module
from player.paths import user_paths
from player.store import Store

store_module._keep_untold = lambda path, report: os._exit(3)
Store.open(user_paths().ensure(), backup_every=None)
"""


def test_a_repair_taken_up_again_counts_what_was_read_back_before(paths: Paths) -> None:
    """Before: the next open read back again, found every statement already there and its report
    ('0 read back', 'Nothing recorded after the backup was lost') replaced the first's."""
    in_backup = installation(paths)
    flagged(paths.database)
    killed = child(_KILLED_AFTER_READ_BACK)
    _, err = killed.communicate(timeout=120)
    assert killed.returncode == 3, err
    assert journal_path(paths.database).exists() and untold(paths.database) == []
    assert live(paths)[1] == in_backup + AFTER  # read back, committed
    store = Store.open(paths, backup_every=None)
    try:
        assert store.recovery is not None
        assert store.recovery.salvaged_statements == AFTER
        assert store.outbox.counts().total == in_backup + AFTER  # each once
    finally:
        store.close()
    (kept,) = untold(paths.database)
    assert (kept.salvaged_statements, kept.lost_statements) == (AFTER, 0)
    assert f"{AFTER} learning records were read back" in kept.summary()


def test_a_damaged_file_deleted_before_its_read_back_is_said_unreadable(paths: Paths) -> None:
    """The learner may delete the file set aside to make room before the read-back (the journal
    allows it). Before: sqlite3.connect failing in `_open_damaged` raised UnboundLocalError."""
    installation(paths)
    store = Store.open(paths, backup_every=None)
    try:
        report = store.records.salvage(paths.data / "cartable.sqlite3.damaged-gone", after_seq=0)
    finally:
        store.close()
    assert (report.statements, report.lost) == (0, None)


def _report(paths: Paths, name: str) -> RecoveryReport:
    return RecoveryReport(
        problem="file is not a database",
        damaged_file=paths.data / name,
        restored_from=None,
        backup_taken_at=None,
    )


@pytest.mark.parametrize("writer", ["keep", "told"])
def test_an_unreadable_report_file_is_set_aside_never_overwritten(
    paths: Paths, writer: str
) -> None:
    """Before: taken as empty and overwritten, with whatever reports it still held."""
    kept = untold_path(paths.database)
    kept.write_bytes(b'[{"problem": "file is not a database", "damaged_file": "cartable.sq')
    report = _report(paths, "cartable.sqlite3.damaged-1")
    if writer == "keep":
        keep_untold(paths.database, report)
        assert untold(paths.database) == [report]
    else:
        told(paths.database, report)
        assert not kept.exists()
    (aside,) = paths.data.glob("cartable.sqlite3.untold.unreadable-*")
    assert aside.read_bytes().endswith(b'"damaged_file": "cartable.sq')


# A daily backup stopped once its copy is made, before it is flushed and renamed in place.
_BACKING_UP = """
import sqlite3, sys
from pathlib import Path
import player.store.backups as backups

copy = backups._copy_checked

def copied(conn, part):
    problems = copy(conn, part)
    print("copied", flush=True)
    sys.stdin.readline()
    return problems

backups._copy_checked = copied
database, folder, now = Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3])
conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, isolation_level=None)
print(backups.take_backup(conn, folder, "daily", now), flush=True)
"""


def test_two_processes_taking_the_daily_backup_in_the_same_millisecond_both_keep_it(
    paths: Paths,
) -> None:
    """Same moment, same name: each removed the other's copy while it was being made ('disk I/O
    error' in a quarter of concurrent runs)."""
    installation(paths)
    folder = paths.data / "other-backups"
    now = 1_800_000_000.0
    other = children.popen(
        [sys.executable, "-c", _BACKING_UP, str(paths.database), str(folder), str(now)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None
        assert other.stdout.readline() == "copied\n", other.communicate()
        conn = sqlite3.connect(f"file:{paths.database}?mode=ro", uri=True, isolation_level=None)
        try:
            mine = take_backup(conn, folder, "daily", now)
        finally:
            conn.close()
        said(other, "go")
        out, err = other.communicate(timeout=120)
    finally:
        children.stop(other)
    assert other.returncode == 0, err
    assert out.strip() == str(mine)
    (backup,) = list_backups(folder)
    assert backup.path == mine
    assert [p.name for p in folder.iterdir()] == [mine.name]  # no part file left
    conn = sqlite3.connect(f"file:{mine}?mode=ro", uri=True)
    assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    conn.close()


def damage_index(database: Path, index: str) -> None:
    """Overwrite the cells of `index`'s root page: the cheap checks at open still read the
    file, `PRAGMA quick_check` finds it damaged."""
    conn = sqlite3.connect(database)
    try:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        (root,) = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = ?", (index,)
        ).fetchone()
    finally:
        conn.close()
    data = bytearray(database.read_bytes())
    start = (root - 1) * page_size
    data[start + 200 : start + page_size - 8] = random.Random(2).randbytes(page_size - 208)
    database.write_bytes(bytes(data))


def test_a_file_quick_check_finds_damaged_while_open_elsewhere_is_flagged_and_checked_again(
    paths: Paths,
) -> None:
    """After a crash (no clean close) the open's quick_check finds damage, and another Cartable
    has the file open: it is used as it is. Before: no flag and checked 'now', so the check
    after the first paint was skipped and the clean close vouched for the file: the learner
    wrote into a damaged file until the next day's check."""
    in_backup = installation(paths)
    holder = Store.open(paths, backup_every=None)
    try:
        damage_index(paths.database, "sessions_unit")
        integrity.marker_path(paths.database).unlink(missing_ok=True)  # as after a crash
        store = Store.open(paths, backup_every=None)
        try:
            assert store.recovery is None and damaged_files(paths) == []
            assert integrity.flagged_problem(paths.database) is not None  # for an open alone
            check = store.full_check(backup_every=None)  # after the first paint
            assert check.ran and not check.ok
        finally:
            store.close()
    finally:
        holder.close()
    store = Store.open(paths, backup_every=None)  # alone: repaired
    try:
        assert store.recovery is not None
        assert [p.name for p in store.profiles.all()] == ["Awa", "Bea"]
        assert store.outbox.counts().total == in_backup + AFTER  # AFTER read back
    finally:
        store.close()
    assert len(damaged_files(paths)) == 1


# `cartable profiles list`, stopped in its first check of the file (holding it shared, as every
# open does) until it reads a line.
_CHECKING = """
import runpy, sys
import player.store.database as database

problem = database._Opening._problem

def paused(self, **kwargs):
    found = problem(self, **kwargs)
    if not paused.done:
        paused.done = True
        print("checking", flush=True)
        sys.stdin.readline()
    return found

paused.done = False
database._Opening._problem = paused
sys.argv = ["cartable", "profiles", "list"]
runpy.run_module("player", run_name="__main__")
"""

# `cartable profiles list`, saying on stdout when its repair first finds the file open elsewhere.
_FINDS_IT_OPEN = """
import runpy, sys
import player.store.locks as locks

flock = locks._flock

def said_once(handle, exclusive):
    got = flock(handle, exclusive)
    if not got and exclusive and handle.name.endswith(".sqlite3.lock") and not said_once.said:
        said_once.said = True
        print("open elsewhere", flush=True)
    return got

said_once.said = False
locks._flock = said_once
sys.argv = ["cartable", "profiles", "list"]
runpy.run_module("player", run_name="__main__")
"""


def test_a_repair_waits_for_an_open_still_checking_the_file(paths: Paths) -> None:
    """Another open still in its first check holds the file shared; once it finds the damage it
    lets go and waits for the repair. Before: the repair took it for a Cartable with the file
    open and stopped ('held by another program'), a GUI start with the records-unavailable box."""
    in_backup = installation(paths)
    garbage(paths.database)
    checking = child(_CHECKING)
    repairing: subprocess.Popen[str] | None = None
    try:
        assert checking.stdout is not None
        assert checking.stdout.readline() == "checking\n", checking.communicate()
        repairing = child(_FINDS_IT_OPEN)
        assert repairing.stdout is not None
        found_open = repairing.stdout.readline()
        said(checking, "go")
        out_repairing, err_repairing = repairing.communicate(timeout=120)
        out_checking, err_checking = checking.communicate(timeout=120)
    finally:
        children.stop(checking)
        if repairing is not None:
            children.stop(repairing)
    assert found_open == "open elsewhere\n", out_repairing + err_repairing
    assert repairing.returncode == 0, err_repairing
    assert checking.returncode == 0, err_checking
    assert "records file was damaged" in err_repairing and err_checking == ""
    for out in (out_repairing, out_checking):
        assert [line.split("\t")[0] for line in out.splitlines()] == ["Awa", "Bea"]
    assert len(damaged_files(paths)) == 1 and len(untold(paths.database)) == 1
    assert live(paths) == (["Awa", "Bea"], in_backup)


# `cartable profiles list`, stopped once its check found the file damaged, before it takes the
# repair lock, until it reads a line.
_FOUND_DAMAGE = """
import runpy, sys
import player.store.database as database

take = database.repairing

def paused(*args, **kwargs):
    print("damaged", flush=True)
    sys.stdin.readline()
    return take(*args, **kwargs)

database.repairing = paused
sys.argv = ["cartable", "profiles", "list"]
runpy.run_module("player", run_name="__main__")
"""


def test_a_file_repaired_by_another_process_meanwhile_is_not_repaired_again(
    paths: Paths,
) -> None:
    """The check under the repair lock: a file another process repaired after this open's own
    check found it damaged is opened as it is, not set aside again with its restored records."""
    in_backup = installation(paths)
    garbage(paths.database)
    late = child(_FOUND_DAMAGE)
    try:
        assert late.stdout is not None
        assert late.stdout.readline() == "damaged\n", late.communicate()
        first = run_cli("-m", "player", "profiles", "list")
        assert first.returncode == 0 and "records file was damaged" in first.stderr
        said(late, "go")
        out, err = late.communicate(timeout=120)
    finally:
        children.stop(late)
    assert (late.returncode, err) == (0, "")
    assert [line.split("\t")[0] for line in out.splitlines()] == ["Awa", "Bea"]
    assert len(damaged_files(paths)) == 1 and len(untold(paths.database)) == 1
    assert live(paths) == (["Awa", "Bea"], in_backup)
