"""sync.outbox on its own: order, states, counts, per-profile scoping, cheap batches."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from sync import outbox
from sync.outbox import Outbox, OutboxCounts, write_transaction


@pytest.fixture()
def conn(tmp_path: Path) -> sqlite3.Connection:
    connection = outbox.connect(tmp_path / "box.sqlite3")
    outbox.create_tables(connection)
    return connection


def add(box: Outbox, profile: str, n: int, at: float = 1000.0) -> list[str]:
    ids = [str(uuid.uuid4()) for _ in range(n)]
    with write_transaction(box.conn):
        for i, sid in enumerate(ids):
            box.append(profile, sid, f'{{"id":"{sid}","n":{i}}}'.encode(), at + i)
    return ids


def test_connect_sets_the_pragmas_the_design_asks_for(conn: sqlite3.Connection) -> None:
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == outbox.BUSY_TIMEOUT_MS
    assert conn.isolation_level is None


def test_append_needs_the_callers_transaction(conn: sqlite3.Connection) -> None:
    with pytest.raises(RuntimeError):
        Outbox(conn).append("p", str(uuid.uuid4()), b"{}", 1.0)


def test_batches_come_in_creation_order_with_the_exact_bytes(conn: sqlite3.Connection) -> None:
    box = Outbox(conn)
    ids = add(box, "p", 7)
    batch = box.take_batch("p", limit=5, now=2000.0)
    assert [s.id for s in batch] == ids[:5]
    assert [s.seq for s in batch] == sorted(s.seq for s in batch)
    assert batch[0].body == f'{{"id":"{ids[0]}","n":0}}'.encode()
    assert box.take_batch("p", limit=5, now=2000.0) == batch  # taking changes nothing


def test_delivered_statements_leave_the_queue_but_stay_in_history(conn: sqlite3.Connection) -> None:
    box = Outbox(conn)
    ids = add(box, "p", 4)
    assert box.mark_delivered(ids[:3], now=5.0) == 3
    assert [s.id for s in box.take_batch("p", 10, now=2000.0)] == ids[3:]
    history = box.rows("p")
    assert [r.id for r in history] == ids
    assert [r.state for r in history] == ["delivered"] * 3 + ["queued"]
    assert history[0].delivered_at == 5.0
    assert box.counts("p") == OutboxCounts(queued=1, delivered=3, poison=0)


def test_retry_keeps_order_a_waiting_head_blocks_younger_ones(conn: sqlite3.Connection) -> None:
    box = Outbox(conn)
    ids = add(box, "p", 6)
    assert box.mark_retry(ids[:3], next_at=500.0, error="HTTP 503") == 3
    assert box.take_batch("p", 10, now=499.0) == []  # never overtaken by ids[3:]
    assert box.next_due("p") == 500.0
    batch = box.take_batch("p", 10, now=500.0)
    assert [s.id for s in batch] == ids
    assert batch[0].attempts == 1 and batch[0].last_error == "HTTP 503"
    assert batch[3].attempts == 0


def test_a_split_batch_stops_at_the_first_statement_not_due(conn: sqlite3.Connection) -> None:
    box = Outbox(conn)
    ids = add(box, "p", 4)
    box.mark_retry(ids[2:], next_at=900.0, error="timeout")
    assert [s.id for s in box.take_batch("p", 10, now=100.0)] == ids[:2]


def test_poison_is_kept_aside_with_the_servers_answer(conn: sqlite3.Connection) -> None:
    box = Outbox(conn)
    ids = add(box, "p", 3)
    assert box.mark_poison(ids[1], '{"detail": "invalid statement"}')
    assert not box.mark_poison(ids[1], "again")  # only a queued statement turns poison
    assert [s.id for s in box.take_batch("p", 10, now=2000.0)] == [ids[0], ids[2]]
    (poison,) = box.poison_list("p")
    assert poison.id == ids[1] and poison.server_answer == '{"detail": "invalid statement"}'
    assert poison.attempts == 1
    assert box.counts("p").poison == 1
    assert box.requeue([ids[1]]) == 1
    assert [s.id for s in box.take_batch("p", 10, now=2000.0)] == ids
    assert box.counts("p") == OutboxCounts(queued=3)


def test_profiles_are_separate_queues(conn: sqlite3.Connection) -> None:
    box = Outbox(conn)
    mine = add(box, "awa", 2)
    theirs = add(box, "bruno", 3)
    assert [s.id for s in box.take_batch("awa", 10, now=2000.0)] == mine
    assert [s.id for s in box.take_batch("bruno", 10, now=2000.0)] == theirs
    assert box.profiles_waiting() == ["awa", "bruno"]
    box.mark_delivered(mine)
    assert box.profiles_waiting() == ["bruno"]
    assert box.counts("awa") == OutboxCounts(delivered=2)
    assert box.counts() == OutboxCounts(queued=3, delivered=2)
    assert box.poison_list("awa") == []


def test_counts_follow_deletes(conn: sqlite3.Connection) -> None:
    box = Outbox(conn)
    add(box, "awa", 2)
    add(box, "bruno", 1)
    with write_transaction(conn):
        assert box.delete_profile("awa") == 2
    assert box.counts("awa") == OutboxCounts()
    assert box.counts() == OutboxCounts(queued=1)


def test_append_new_skips_an_id_already_there(conn: sqlite3.Connection) -> None:
    box = Outbox(conn)
    (sid,) = add(box, "p", 1)
    with write_transaction(conn):
        assert not box.append_new("p", sid, b'{"other": 1}', 1.0)
        assert box.append_new("p", str(uuid.uuid4()), b"{}", 2.0, state="delivered")
    assert box.rows("p")[0].body != b'{"other": 1}'
    assert box.counts("p") == OutboxCounts(queued=1, delivered=1)


def test_a_duplicate_statement_id_is_refused(conn: sqlite3.Connection) -> None:
    box = Outbox(conn)
    (sid,) = add(box, "p", 1)
    with pytest.raises(sqlite3.IntegrityError), write_transaction(conn):
        box.append("p", sid, b"{}", 1.0)


def test_taking_a_batch_reads_the_partial_index_not_the_history(conn: sqlite3.Connection) -> None:
    plan = conn.execute(
        "EXPLAIN QUERY PLAN SELECT seq, id, profile_id, body, created_at, attempts,"
        " next_attempt_at, last_error FROM outbox WHERE profile_id = ? AND state = 'queued'"
        " ORDER BY seq LIMIT ?",
        ("p", 50),
    ).fetchall()
    details = " ".join(str(row[-1]) for row in plan)
    assert "outbox_queued" in details and "TEMP B-TREE" not in details
    counts_plan = conn.execute(
        "EXPLAIN QUERY PLAN SELECT state, n FROM outbox_tally WHERE profile_id = ?", ("p",)
    ).fetchall()
    assert "outbox_tally" in " ".join(str(r[-1]) for r in counts_plan)


def test_rows_page_through_a_long_history(conn: sqlite3.Connection) -> None:
    box = Outbox(conn)
    ids = add(box, "p", 25)
    assert [r.id for r in box.iter_rows("p", chunk=10)] == ids


def test_split_sql_keeps_triggers_whole() -> None:
    parts = outbox.split_sql(outbox.SCHEMA_V1)
    triggers = [p for p in parts if p.startswith("CREATE TRIGGER")]
    assert len(triggers) == 3 and all(p.rstrip().endswith("END;") for p in triggers)
