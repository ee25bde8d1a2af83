"""sync.outbox on the tables' version 2 (the store's schema): what appending writes, counts from
the partial index and the settled tally, history merged from two indexes, a v1 file upgraded."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from sync import outbox
from sync.outbox import Outbox, OutboxCounts, write_transaction


def _create(conn: sqlite3.Connection, *scripts: str) -> None:
    with write_transaction(conn):
        for script in scripts:
            for sql in outbox.split_sql(script):
                conn.execute(sql)


@pytest.fixture()
def conn(tmp_path: Path) -> sqlite3.Connection:
    connection = outbox.connect(tmp_path / "box.sqlite3")
    _create(connection, outbox.SCHEMA_V1, outbox.SCHEMA_V2)
    return connection


def add(box: Outbox, profile: str, n: int) -> list[str]:
    ids = [str(uuid.uuid4()) for _ in range(n)]
    with write_transaction(box.conn):
        for i, sid in enumerate(ids):
            box.append(profile, sid, f'{{"id":"{sid}"}}'.encode(), 1000.0 + i)
    return ids


def actual_counts(conn: sqlite3.Connection, profile: str) -> OutboxCounts:
    found = dict(
        conn.execute(
            "SELECT state, count(*) FROM outbox WHERE profile_id = ? GROUP BY state", (profile,)
        ).fetchall()
    )
    return OutboxCounts(found.get("queued", 0), found.get("delivered", 0), found.get("poison", 0))


def test_appending_fires_no_trigger_and_touches_no_tally(conn: sqlite3.Connection) -> None:
    triggers = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'outbox'"
    ).fetchall()
    assert triggers and not any("AFTER INSERT" in str(t[0]).upper() for t in triggers)
    add(Outbox(conn), "p", 3)
    assert conn.execute("SELECT count(*) FROM outbox_settled").fetchone()[0] == 0
    assert Outbox(conn).counts("p") == OutboxCounts(queued=3)


def test_counts_follow_every_transition_and_match_the_rows(conn: sqlite3.Connection) -> None:
    box = Outbox(conn)
    ids = add(box, "awa", 6) + add(box, "bruno", 2)
    steps = [
        lambda: box.mark_delivered(ids[:2]),
        lambda: box.mark_poison(ids[2], "refused"),
        lambda: box.mark_retry(ids[3:5], 5.0, "HTTP 503"),
        lambda: box.requeue([ids[2]]),
        lambda: box.mark_poison(ids[3], "refused again"),
        lambda: box.mark_delivered(ids[4:]),
    ]
    for step in steps:
        step()
        for profile in ("awa", "bruno"):
            assert box.counts(profile) == actual_counts(conn, profile)
        assert box.counts().total == 8
    assert box.counts("awa") == OutboxCounts(queued=1, delivered=4, poison=1)
    with write_transaction(conn):
        assert box.delete_profile("awa") == 6
    assert box.counts("awa") == OutboxCounts()
    assert box.counts() == OutboxCounts(delivered=2)


def test_rows_added_already_settled_are_counted(conn: sqlite3.Connection) -> None:
    box = Outbox(conn)
    with write_transaction(conn):
        assert box.append_new("p", str(uuid.uuid4()), b"{}", 1.0, state="delivered")
        assert box.append_new("p", str(uuid.uuid4()), b"{}", 2.0)
        sid = str(uuid.uuid4())
        assert box.append_new("p", sid, b"{}", 3.0, state="poison")
        assert not box.append_new("p", sid, b"{}", 3.0, state="poison")  # already here
    assert box.counts("p") == OutboxCounts(queued=1, delivered=1, poison=1)


def test_history_merges_queued_and_settled_rows_in_creation_order(
    conn: sqlite3.Connection,
) -> None:
    box = Outbox(conn)
    ids = add(box, "p", 12)
    add(box, "other", 3)
    box.mark_delivered(ids[1::3])
    box.mark_poison(ids[5], "no")
    assert [r.id for r in box.rows("p")] == ids
    assert [r.id for r in box.iter_rows("p", chunk=5)] == ids
    assert [r.id for r in box.rows("p", after_seq=box.rows("p")[3].seq, limit=4)] == ids[4:8]
    states = {r.id: r.state for r in box.rows("p")}
    assert states[ids[1]] == "delivered" and states[ids[5]] == "poison"
    assert states[ids[0]] == "queued"


def _plan(conn: sqlite3.Connection, sql: str, *args: object) -> str:
    return " ".join(str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql, args))


def test_every_profile_query_reads_an_index_never_the_history(conn: sqlite3.Connection) -> None:
    rows = _plan(
        conn,
        "SELECT seq FROM outbox WHERE profile_id = ? AND state != 'queued' AND seq > ?"
        " ORDER BY seq LIMIT 10",
        "p",
        0,
    )
    assert "outbox_history" in rows and "SCAN outbox" not in rows
    counts = _plan(conn, "SELECT state, n FROM outbox_tally WHERE profile_id = ?", "p")
    assert "outbox_queued" in counts and "outbox_settled" in counts
    assert "SCAN outbox " not in counts + " "
    for which in ("state = 'queued'", "state != 'queued'"):
        plan = _plan(conn, f"DELETE FROM outbox WHERE profile_id = ? AND {which}", "p")
        assert "USING INDEX" in plan


def test_a_version_1_outbox_is_upgraded_with_its_counts(tmp_path: Path) -> None:
    conn = outbox.connect(tmp_path / "old.sqlite3")
    _create(conn, outbox.SCHEMA_V1)
    box = Outbox(conn)
    ids = add(box, "p", 5) + add(box, "q", 2)
    box.mark_delivered(ids[:2])
    box.mark_poison(ids[2], "no")
    before = {p: box.counts(p) for p in ("p", "q")}
    history = [r.id for r in box.rows("p")]
    _create(conn, outbox.SCHEMA_V2)
    box = Outbox(conn)
    assert {p: box.counts(p) for p in ("p", "q")} == before
    assert [r.id for r in box.rows("p")] == history
    box.mark_delivered(ids[3:])
    assert box.counts("p") == OutboxCounts(delivered=4, poison=1)
    assert box.counts() == OutboxCounts(delivered=6, poison=1)
