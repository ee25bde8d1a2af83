"""The records file: pragmas, migrations, backups, and recovery from every kind of damage."""

from __future__ import annotations

import contextlib
import json
import os
import random
import sqlite3
import threading
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from player.paths import Paths
from player.store import Store, StoreError, integrity, migrations, satisfied_blocks
from player.store import statements as st
from player.store.backups import KEEP_BACKUPS, list_backups
from player.store.integrity import IntegrityCheck
from sync import outbox
from tests.unit.test_store_helpers import FakeClock, make_course, study_everything

DAY = 24 * 3600.0


def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "cartable.sqlite3"


def schema(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return sorted(
        (r[0], " ".join(str(r[1]).split()))
        for r in conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
    )


def test_open_sets_the_pragmas_and_the_latest_schema(tmp_path: Path) -> None:
    store = Store.open(db_path(tmp_path), backup_every=None)
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.database.schema_version == migrations.LATEST
    assert store.database.integrity_check() == []
    assert store.recovery is None
    device = store.database.device_id()
    store.close()
    again = Store.open(db_path(tmp_path), backup_every=None)
    assert again.database.device_id() == device  # made once, kept
    again.close()


def test_open_takes_paths_and_uses_their_database_and_backups(tmp_path: Path) -> None:
    paths = Paths(tmp_path / "d", tmp_path / "c", tmp_path / "k", tmp_path / "l").ensure()
    store = Store.open(paths)
    assert store.path == paths.database and paths.database.exists()
    assert [b.reason for b in list_backups(paths.backups)] == ["daily"]
    store.close()


SATISFIED_ID = "00000000-0000-4000-8000-0000000000ff"


def _seed(conn: sqlite3.Connection, version: int) -> None:
    """Rows valid at `version`, to check a migration keeps them."""
    with outbox.write_transaction(conn):
        if version >= 1:
            conn.execute(
                "INSERT INTO outbox (id, profile_id, body, created_at) VALUES (?, ?, ?, ?)",
                ("00000000-0000-4000-8000-000000000001", "p1", b'{"id":1}', 1.0),
            )
        if version >= 2:
            conn.execute(
                "INSERT INTO profiles (id, name, language, actor_home_page, actor_name,"
                " created_at) VALUES ('p1', 'Awa', 'fr', 'https://h.example', 'p1', 1)"
            )
            conn.execute(
                "INSERT INTO unit_progress (profile_id, course_id, unit_id, completed, updated_at)"
                " VALUES ('p1', 'c', 'u', 1, 1)"
            )
            satisfied = {"id": SATISFIED_ID, "verb": {"id": st.VERBS["satisfied"]}}
            satisfied["object"] = {"id": st.module_iri(make_course(), make_course().modules[0])}
            conn.execute(
                "INSERT INTO outbox (id, profile_id, body, created_at) VALUES (?, 'p1', ?, 2)",
                (SATISFIED_ID, st.freeze(satisfied)),
            )
        if version >= 3:
            conn.execute(
                "INSERT INTO quiz_attempts (id, profile_id, course_id, unit_id, number, seed,"
                " started_at) VALUES ('a1', 'p1', 'c', 'q', 1, 7, 1)"
            )
        if version >= 9:
            conn.execute("INSERT INTO quiz_drafts VALUES ('a1', 'qa', 'Pari', 2)")
        if version >= 11:
            conn.execute("UPDATE profiles SET playback = '{\"text_size\": 2}' WHERE id = 'p1'")
        if version >= 12:
            conn.execute("INSERT INTO satisfied_blocks VALUES ('p1', 'histoire', 'm1')")


@pytest.mark.parametrize("start", range(migrations.LATEST + 1))
def test_migrates_from_every_earlier_version_keeping_data(tmp_path: Path, start: int) -> None:
    path = db_path(tmp_path)
    path.parent.mkdir(parents=True)
    conn = outbox.connect(path)
    migrations.migrate(conn, target=start)
    assert migrations.schema_version(conn) == start
    _seed(conn, start)
    conn.close()
    store = Store.open(path, backup_every=None)
    assert store.database.schema_version == migrations.LATEST
    fresh = Store.open(tmp_path / "fresh" / "cartable.sqlite3", backup_every=None)
    assert schema(store.conn) == schema(fresh.conn)
    fresh.close()
    if start >= 1:
        assert store.outbox.counts("p1").queued == (2 if start >= 2 else 1)
    if start >= 2:
        assert satisfied_blocks.recorded(store.conn, "p1", "histoire") == {"m1"}
        assert store.profiles.find("Awa").id == "p1"
        assert store.profiles.try_pin("p1", "").ok, "no PIN: nothing counted, nothing locked"
        assert store.progress.unit("p1", "c", "u").completed
        assert store.profiles.playback("p1").text_size == (2 if start >= 11 else 0)
    if start >= 3:
        drafts = store.assessments.quiz_drafts("p1", "a1")
        assert {q: d.response for q, d in drafts.items()} == ({"qa": "Pari"} if start >= 9 else {})
        store.conn.execute("INSERT OR REPLACE INTO quiz_drafts VALUES ('a1', 'qb', 'x', 3)")
        store.conn.execute("DELETE FROM quiz_attempts WHERE id = 'a1'")
        gone = store.conn.execute("SELECT count(*) FROM quiz_drafts").fetchone()
        assert gone == (0,), "drafts go with their attempt"
    backups = list_backups(path.parent / "backups")
    if 0 < start < migrations.LATEST:
        assert [b.reason for b in backups] == [f"before-v{migrations.LATEST}"]
        old = sqlite3.connect(backups[0].path)
        assert migrations.schema_version(old) == start  # the backup is the pre-migration file
        old.close()
    else:
        assert backups == []  # nothing to protect (new file) or nothing migrated
    assert store.database.integrity_check() == []
    store.close()


def test_migration_5_keeps_counts_history_and_open_sessions(tmp_path: Path) -> None:
    """Version 4 (outbox tally table and triggers, study time per event) to version 5."""
    path = db_path(tmp_path)
    path.parent.mkdir(parents=True)
    conn = outbox.connect(path)
    migrations.migrate(conn, target=4)
    _seed(conn, 4)
    box = outbox.Outbox(conn)
    ids = [f"00000000-0000-4000-8000-{i:012d}" for i in range(2, 12)]
    with outbox.write_transaction(conn):
        for i, sid in enumerate(ids):
            box.append("p1" if i % 3 else "p2", sid, b'{"id":2}', 2.0 + i)
        conn.execute(
            "INSERT INTO profiles (id, name, language, actor_home_page, actor_name,"
            " created_at) VALUES ('p2', 'Bruno', 'fr', 'https://h.example', 'p2', 1)"
        )
        conn.execute(
            "INSERT INTO sessions (id, profile_id, course_id, unit_id, registration, activity,"
            " context, started_at, last_active_at, active_seconds) VALUES"
            " ('s1', 'p1', 'c', 'u', 'r', '{}', '{}', 1, 61, 60)"
        )
        conn.execute("INSERT INTO study_days VALUES ('p1', '2027-03-10', 60)")
    box.mark_delivered(ids[:5])
    box.mark_poison(ids[6], "refused")
    before = {p: box.counts(p) for p in ("p1", "p2")}
    history = {p: [(r.id, r.state) for r in box.rows(p)] for p in ("p1", "p2")}
    conn.close()
    store = Store.open(path, backup_every=None)
    assert store.database.schema_version == migrations.LATEST
    assert {p: store.outbox.counts(p) for p in ("p1", "p2")} == before
    assert {p: [(r.id, r.state) for r in store.outbox.rows(p)] for p in history} == history
    assert store.outbox.counts().total == 12  # _seed's two and ten here
    days = store.progress.study_time_by_day("p1", 1, date(2027, 3, 10))
    assert [d.seconds for d in days] == [60.0]
    store.outbox.mark_delivered([ids[5]])
    assert store.outbox.counts("p1").delivered == before["p1"].delivered + 1
    assert store.events.open_sessions("p1") == ["s1"]
    store.close()


def test_migration_12_keeps_the_blocks_the_outbox_has_a_satisfied_for(tmp_path: Path) -> None:
    """Whatever the state or spelling of a `satisfied`; not one about a unit, another verb whose
    text says satisfied, a body that is not JSON, or a profile that is gone. Then a block kept
    gets no second `satisfied`, and one not kept gets its own (the course's is kept, though
    only refused by the LRS: it may be sent again)."""
    course = make_course()
    path = db_path(tmp_path)
    path.parent.mkdir(parents=True)
    conn = outbox.connect(path)
    migrations.migrate(conn, target=11)
    _seed(conn, 11)  # p1's `satisfied` of m1, queued
    box = outbox.Outbox(conn)

    def stmt(n: int, verb: str, target: str, name: str = "") -> tuple[str, bytes]:
        sid = f"00000000-0000-4000-8000-{n:012d}"
        body = {"id": sid, "verb": {"id": verb}, "object": {"id": target}}
        if name:
            body["object"]["definition"] = {"name": {"fr": name}}
        return sid, st.freeze(body)

    rows = [
        ("p1", "poison", *stmt(20, st.ADL + "satisfied", st.course_iri(course))),
        ("p1", "delivered", *stmt(21, st.VERBS["satisfied"], st.unit_iri(course, "r1"))),
        ("p1", "queued", *stmt(22, st.VERBS["completed"], st.unit_iri(course, "s1"), "satisfied")),
        ("p1", "queued", "00000000-0000-4000-8000-000000000024", b"satisfied, not JSON"),
        ("p2", "delivered", *stmt(25, st.VERBS["satisfied"], "https://x.example/course/c2")),
        ("gone", "queued", *stmt(26, st.VERBS["satisfied"], st.course_iri(course))),
    ]
    with outbox.write_transaction(conn):
        conn.execute(
            "INSERT INTO profiles (id, name, language, actor_home_page, actor_name,"
            " created_at) VALUES ('p2', 'Bruno', 'fr', 'https://h.example', 'p2', 1)"
        )
        for profile, state, sid, body in rows:
            box.append_new(profile, sid, body, 3.0, state)
    conn.close()
    store = Store.open(path, backup_every=None)
    found = store.conn.execute("SELECT * FROM satisfied_blocks ORDER BY 1, 2, 3").fetchall()
    assert found == [("p1", "histoire", ""), ("p1", "histoire", "m1"), ("p2", "c2", "")]
    assert store.outbox.counts().total == 8  # nothing else changed

    def satisfied_sent() -> list[str]:
        return [
            json.loads(r.body)["object"]["id"]
            for r in store.outbox.rows("p1", limit=100)
            if r.body.startswith(b"{") and st.verb_name(json.loads(r.body)) == "satisfied"
        ]

    before = satisfied_sent()
    for unit_id in ("v1", "r1", "s1"):  # m1 again: none
        session = store.events.unit_opened("p1", course, unit_id)
        if unit_id == "v1":
            store.events.video_played(session, 0.0)
            store.events.video_paused(session, 100.0)
        elif unit_id == "r1":
            store.events.reading_completed(session)
        else:
            for page in (1, 2, 3, 4):
                store.events.slide_viewed(session, page)
        store.events.unit_closed(session)
    assert satisfied_sent() == before
    quiz = store.events.unit_opened("p1", course, "q1")  # m2, satisfied here first: its own
    attempt = store.assessments.quiz_started(quiz)
    store.assessments.question_answered(quiz, attempt.id, "qa", "a")
    store.assessments.question_answered(quiz, attempt.id, "qc", True)  # 2 of 3: passed
    store.assessments.quiz_finished(quiz, attempt.id)
    assert satisfied_sent() == [*before, st.module_iri(course, course.modules[1])]
    store.close()


def test_migration_list_is_append_only_numbered_from_one() -> None:
    assert [m.version for m in migrations.MIGRATIONS] == list(
        range(1, len(migrations.MIGRATIONS) + 1)
    )
    assert migrations.MIGRATIONS[0].sql == tuple(outbox.split_sql(outbox.SCHEMA_V1))


def test_a_file_from_a_newer_cartable_is_refused_untouched(tmp_path: Path) -> None:
    path = db_path(tmp_path)
    Store.open(path, backup_every=None).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="update Cartable"):
        Store.open(path, backup_every=None)
    assert path.read_bytes() == before


def test_backups_are_daily_at_most_and_only_the_last_three_kept(tmp_path: Path) -> None:
    clock = FakeClock()
    path = db_path(tmp_path)
    backups = path.parent / "backups"
    Store.open(path, clock=clock).close()
    Store.open(path, clock=clock).close()  # same day: no second backup
    assert len(list_backups(backups)) == 1
    for _ in range(5):
        clock.advance(DAY + 1)
        Store.open(path, clock=clock).close()
    kept = list_backups(backups)
    assert len(kept) == KEEP_BACKUPS
    assert kept[-1].taken_at.timestamp() == pytest.approx(clock(), abs=0.001)
    for backup in kept:
        conn = sqlite3.connect(f"file:{backup.path}?mode=ro", uri=True)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # standalone
        conn.close()
    assert not list(backups.glob("*.part"))


# -- damage and recovery ----------------------------------------------------------------------


def _learner_with_backup(tmp_path: Path) -> tuple[Path, FakeClock, int, int]:
    """A database with a backup, then more activity after it. Returns the path, the clock, and
    the statement counts at backup time and at the end."""
    clock = FakeClock()
    path = db_path(tmp_path)
    store = Store.open(path, clock=clock, backup_every=None)
    course = make_course()
    profile = store.profiles.add("Awa", "fr")
    study_everything(store, clock, profile.id, course)
    for i in range(4):
        study_everything(store, clock, store.profiles.add(f"Filler {i}").id, course)
    at_backup = store.outbox.counts().total
    store.database.backup("daily")
    clock.advance(3600)
    later = store.events.unit_opened(profile.id, course, "s1")
    for page in (1, 2, 3):
        store.events.slide_viewed(later, page)
    store.events.unit_closed(later)
    total = store.outbox.counts().total
    store.close()
    return path, clock, at_backup, total


def _reopen(path: Path, clock: FakeClock) -> Store:
    clock.advance(60)
    return Store.open(path, clock=clock, backup_every=None)


def _check_recovered(store: Store, path: Path, at_backup: int) -> None:
    report = store.recovery
    assert report is not None
    assert report.damaged_file.exists() and report.damaged_file.name.startswith(
        "cartable.sqlite3.damaged-"
    )
    assert report.restored_from is not None and report.backup_taken_at is not None
    assert store.database.integrity_check() == []
    assert store.profiles.find("Awa")
    assert store.outbox.counts().total >= at_backup
    assert "damaged" in report.summary() and "backup" in report.summary()
    # the store works on: a new profile, a new event
    course = make_course()
    profile = store.profiles.add("Après")
    store.events.course_launched(profile.id, course)


def test_a_truncated_file_is_set_aside_and_the_backup_restored(tmp_path: Path) -> None:
    path, clock, at_backup, total = _learner_with_backup(tmp_path)
    size = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.truncate(size // 2)
    store = _reopen(path, clock)
    _check_recovered(store, path, at_backup)
    report = store.recovery
    assert report is not None
    assert report.damaged_file.stat().st_size == size // 2  # kept as it was found
    # what the backup lacked was read back where the damaged file still had it, or counted
    assert report.salvaged_statements + (report.lost_statements or 0) >= total - at_backup or (
        report.lost_statements is None
    )
    store.close()


def test_bytes_overwritten_in_the_middle_are_caught_and_recovered(tmp_path: Path) -> None:
    path, clock, at_backup, total = _learner_with_backup(tmp_path)
    size = path.stat().st_size
    garbage = random.Random(7).randbytes(16 * 4096)
    with open(path, "r+b") as handle:
        handle.seek((size // 2) // 4096 * 4096)
        handle.write(garbage)
    store = _reopen(path, clock)
    _check_recovered(store, path, at_backup)
    report = store.recovery
    assert report is not None and report.problem
    # statements after the backup were in the untouched end of the file: read back, or counted
    assert report.salvaged_statements + (report.lost_statements or 0) >= total - at_backup
    assert store.outbox.counts().total == at_backup + report.salvaged_statements + 1
    store.close()


def test_a_text_file_in_its_place_is_recovered_from_the_backup(tmp_path: Path) -> None:
    path, clock, at_backup, _ = _learner_with_backup(tmp_path)
    path.write_text("this is not a database\n" * 100)
    store = _reopen(path, clock)
    _check_recovered(store, path, at_backup)
    report = store.recovery
    assert report is not None
    assert report.problem == "the file is not an SQLite database"
    assert report.salvaged_statements == 0 and report.lost_statements is None
    assert "unknown" in report.summary()
    assert store.outbox.counts().total == at_backup + 1
    store.close()


def test_an_emptied_file_is_damage_when_backups_exist(tmp_path: Path) -> None:
    path, clock, at_backup, _ = _learner_with_backup(tmp_path)
    path.write_bytes(b"")
    store = _reopen(path, clock)
    _check_recovered(store, path, at_backup)
    store.close()


def test_a_damaged_newest_backup_is_skipped_for_an_older_good_one(tmp_path: Path) -> None:
    path, clock, at_backup, _ = _learner_with_backup(tmp_path)
    store = Store.open(path, clock=clock, backup_every=None)
    clock.advance(10)
    newest = store.database.backup("daily")
    store.close()
    newest.write_bytes(newest.read_bytes()[:8192])
    path.write_text("garbage")
    store = _reopen(path, clock)
    report = store.recovery
    assert report is not None
    assert report.rejected_backups == (newest,)
    assert report.restored_from is not None and report.restored_from != newest
    assert store.outbox.counts().total == at_backup
    store.close()


def _not_a_cartable_database(backup: Path) -> None:
    backup.unlink()
    with contextlib.closing(sqlite3.connect(backup)) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(lambda b: b.write_bytes(b""), id="empty"),
        pytest.param(lambda b: b.write_bytes(b.read_bytes()[:10]), id="cut in its header"),
        pytest.param(lambda b: b.write_bytes(b.read_bytes()[:99]), id="header not whole"),
        pytest.param(_not_a_cartable_database, id="schema version 0"),
    ],
)
def test_a_newest_backup_with_no_records_in_it_is_skipped_for_an_older_good_one(
    tmp_path: Path, spoil: Callable[[Path], None]
) -> None:
    """An empty file passed every check (SQLite takes it for an empty database): restored, the
    records started empty and the older good backup was never used."""
    path, clock, at_backup, _ = _learner_with_backup(tmp_path)
    store = Store.open(path, clock=clock, backup_every=None)
    clock.advance(10)
    newest = store.database.backup("daily")
    store.close()
    spoil(newest)
    path.write_text("garbage")
    store = _reopen(path, clock)
    report = store.recovery
    assert report is not None
    assert report.rejected_backups == (newest,)
    assert report.restored_from is not None and report.restored_from != newest
    assert store.outbox.counts().total == at_backup
    store.close()


def test_without_any_backup_the_records_start_empty_and_the_file_is_kept(tmp_path: Path) -> None:
    path = db_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    store = Store.open(path, backup_every=None)
    report = store.recovery
    assert report is not None and report.restored_from is None
    assert report.damaged_file.read_bytes().startswith(b"SQLite format 3")
    assert "No usable backup" in report.summary()
    assert store.profiles.all() == []
    store.profiles.add("Awa")
    assert store.database.integrity_check() == []
    store.close()


def test_a_stale_wal_of_the_damaged_file_goes_aside_with_it(tmp_path: Path) -> None:
    path, clock, at_backup, _ = _learner_with_backup(tmp_path)
    wal = Path(str(path) + "-wal")
    wal.write_bytes(b"\x37\x7f\x06\x82" + b"\x00" * 100)
    path.write_text("garbage")
    store = _reopen(path, clock)
    report = store.recovery
    assert report is not None
    assert Path(str(report.damaged_file) + "-wal").exists()
    assert not wal.exists() or wal.stat().st_size != 104  # never replayed onto the restored copy
    assert store.outbox.counts().total == at_backup
    store.close()


def test_a_failure_while_reading_back_never_stops_the_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from player.store.records import Records

    path, clock, at_backup, _ = _learner_with_backup(tmp_path)
    path.write_text("garbage")

    def broken(self: Records, damaged: Path, chunk: int = 500, **_: object) -> None:
        raise RuntimeError("unexpected")

    monkeypatch.setattr(Records, "salvage", broken)
    store = _reopen(path, clock)
    report = store.recovery
    assert report is not None and report.restored_from is not None
    assert "Nothing could be read back" in report.summary()
    assert store.outbox.counts().total == at_backup
    store.close()


# -- the full check off the start's critical path ---------------------------------------------


def _full_checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Spy on the real `PRAGMA quick_check` runs of the live file."""
    calls: list[str] = []
    real = integrity.problems

    def spy(conn: sqlite3.Connection, pragma: str = "quick_check") -> list[str]:
        calls.append(pragma)
        return real(conn, pragma)

    monkeypatch.setattr(integrity, "problems", spy)
    return calls


def test_after_a_clean_close_the_open_skips_the_full_check_after_a_crash_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = db_path(tmp_path)
    store = Store.open(path, backup_every=None)
    store.profiles.add("Awa")
    store.close()
    assert integrity.marker_path(path).exists()
    calls = _full_checks(monkeypatch)
    store = Store.open(path, backup_every=None)
    assert calls == [] and store.recovery is None
    assert not integrity.marker_path(path).exists()  # used up: a crash now leaves none
    store.profiles.add("Bruno")
    store.conn.close()  # the process dies: no clean close
    store = Store.open(path, backup_every=None)
    assert calls == ["quick_check"] and store.recovery is None
    assert [p.name for p in store.profiles.all()] == ["Awa", "Bruno"]
    store.close()
    with sqlite3.connect(path) as other:  # another program writes while Cartable is closed
        other.execute("UPDATE profiles SET language = 'fr'")
    other.close()
    Store.open(path, backup_every=None).close()
    assert calls == ["quick_check", "quick_check"]


def test_a_cut_file_is_caught_by_its_header_without_the_full_check(tmp_path: Path) -> None:
    path = _learner_with_backup(tmp_path)[0]
    header = path.read_bytes()[:100]
    size = path.stat().st_size
    assert integrity.header_problem(path, size, header) is None
    assert "truncated" in str(integrity.header_problem(path, size - 4096, header))
    assert "whole number of pages" in str(integrity.header_problem(path, size - 100, header))
    assert "not an SQLite" in str(integrity.header_problem(path, size, b"PK\x03\x04" + header))


def _silently_damage(path: Path) -> None:
    """Garbage over a leaf of the outbox's history, the file's size, inode and modification
    time kept: what the clean-close marker cannot see (a disk going bad)."""
    with sqlite3.connect(path) as conn:
        leaves = [
            r[0]
            for r in conn.execute(
                "SELECT pageno FROM dbstat WHERE name = 'outbox' AND pagetype = 'leaf'"
                " ORDER BY pageno"
            )
        ]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    assert len(leaves) > 4
    page = leaves[len(leaves) // 2]
    before = path.stat()
    with open(path, "r+b") as handle:
        handle.seek((page - 1) * page_size)
        handle.write(random.Random(3).randbytes(page_size))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_damage_found_after_the_first_paint_is_repaired_at_the_next_start(
    tmp_path: Path,
) -> None:
    path, clock, at_backup, _ = _learner_with_backup(tmp_path)
    _silently_damage(path)
    store = _reopen(path, clock)
    assert store.recovery is None  # the cheap checks pass: the first paint is not delayed
    assert store.full_check() == IntegrityCheck(path, ran=False)  # checked less than a day ago
    clock.advance(DAY)
    found: list[IntegrityCheck] = []
    worker = threading.Thread(target=lambda: found.append(store.full_check()))
    worker.start()  # from the task runner: its own connection
    profile = store.profiles.find("Awa")
    launched = store.events.course_launched(profile.id, make_course())
    worker.join()
    (check,) = found
    assert check.ran and not check.ok and check.recovery_pending
    assert "damaged" in check.summary() and integrity.recover_flag_path(path).exists()
    after = store.outbox.rows(profile.id, limit=10_000)[-1].id  # recorded after the check
    clock.advance(60)
    store.events.course_launched(profile.id, make_course())
    store.close()
    store = _reopen(path, clock)
    _check_recovered(store, path, at_backup)
    report = store.recovery
    assert report is not None and report.problem.startswith("integrity check")
    assert not integrity.recover_flag_path(path).exists()
    assert store.outbox.contains(after)  # nothing recorded meanwhile was lost
    assert launched == store.progress.registration(profile.id, make_course().id)
    store.close()


def test_a_daily_backup_that_fails_its_check_recovers_the_file(tmp_path: Path) -> None:
    path, clock, at_backup, _ = _learner_with_backup(tmp_path)
    _silently_damage(path)
    clock.advance(DAY)
    store = Store.open(path, clock=clock)  # the daily backup is due: its copy is checked
    _check_recovered(store, path, at_backup)
    report = store.recovery
    assert report is not None and "backup failed its check" in report.problem
    store.close()


def test_the_daily_backup_can_be_taken_after_the_first_paint_as_the_check(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    path = db_path(tmp_path)
    store = Store.open(path, clock=clock, backup_every=None)  # nothing copied before the paint
    study_everything(store, clock, store.profiles.add("Awa").id, make_course())
    assert list_backups(path.parent / "backups") == []
    found: list[IntegrityCheck] = []
    worker = threading.Thread(target=lambda: found.append(store.full_check()))
    worker.start()
    store.events.course_launched(store.profiles.find("Awa").id, make_course())
    worker.join()
    (check,) = found
    assert check.ran and check.ok and check.backup is not None
    assert [b.path for b in list_backups(path.parent / "backups")] == [check.backup]
    assert store.full_check() == IntegrityCheck(path, ran=False)  # a day before the next
    clock.advance(DAY)
    assert store.full_check().backup is not None
    assert store.full_check(force=True, backup_every=None).ran
    store.close()
