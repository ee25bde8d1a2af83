"""The durable queue of xAPI statements between the learner's records and the LRS.

The store appends a statement's frozen JSON bytes inside its own transaction (the event and its
trace commit together); the sync engine, on its own connection in a worker thread, takes batches
in creation order and marks what the LRS answered. Rows are never edited once queued and never
deleted when delivered: they are the learner's history, so delivered rows are kept out of the
partial index that batches are taken from.

This module owns the outbox tables' SQL (`SCHEMA_V1` to `SCHEMA_V5`), but not the database: the
store's migrations run it, because sync may not import the store. It imports nothing from
`player`. Every query here works on versions 1 and 2 (the schema tests still build them), but
those naming `delivered_to` (version 3), `sync_server_wait` (version 4) or
`sync_brought_forward` (version 5), which only the engine and the grade reads make.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

OutboxState = Literal["queued", "delivered", "poison"]

#: How long a connection waits for another writer before giving up (ms). Transactions here last
#: milliseconds; a long wait means something is wrong, not that we should fail fast.
BUSY_TIMEOUT_MS = 30_000

#: Version 1 of the outbox tables, run by the store's migration list. Never edit: a change is a
#: new `SCHEMA_V2` that the store's migrations append.
SCHEMA_V1 = """
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    profile_id TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'delivered', 'poison')),
    body BLOB NOT NULL,
    created_at REAL NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at REAL NOT NULL DEFAULT 0,
    last_error TEXT,
    server_answer TEXT,
    delivered_at REAL
);
CREATE INDEX outbox_queued ON outbox (profile_id, seq) WHERE state = 'queued';
CREATE INDEX outbox_poison ON outbox (profile_id, seq) WHERE state = 'poison';
CREATE INDEX outbox_profile ON outbox (profile_id, seq);
CREATE TABLE outbox_tally (
    profile_id TEXT NOT NULL,
    state TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (profile_id, state)
) WITHOUT ROWID;
CREATE TRIGGER outbox_tally_insert AFTER INSERT ON outbox BEGIN
    INSERT INTO outbox_tally (profile_id, state, n) VALUES (NEW.profile_id, NEW.state, 1)
        ON CONFLICT (profile_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER outbox_tally_update AFTER UPDATE OF state ON outbox
WHEN OLD.state IS NOT NEW.state BEGIN
    UPDATE outbox_tally SET n = n - 1 WHERE profile_id = OLD.profile_id AND state = OLD.state;
    INSERT INTO outbox_tally (profile_id, state, n) VALUES (NEW.profile_id, NEW.state, 1)
        ON CONFLICT (profile_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER outbox_tally_delete AFTER DELETE ON outbox BEGIN
    UPDATE outbox_tally SET n = n - 1 WHERE profile_id = OLD.profile_id AND state = OLD.state;
END;
"""

#: Version 2: appending a statement (one per learner event, on the UI thread, synchronous=FULL)
#: writes the table and two index leaves (`id`, `outbox_queued`), nothing else:
#: - no trigger fires on INSERT (a trigger costs more than the insert itself, even one whose WHEN
#:   is false): the tally keeps settled rows only (`outbox_settled`), moved by the engine's
#:   UPDATEs and by deletes; queued rows are counted from their partial index. `outbox_tally` is
#:   now a view with the old table's columns, so readers of either version ask the same thing.
#:   A row inserted already settled (import, salvage) is counted by `Outbox.append_new`: insert
#:   rows only through `Outbox`.
#: - the per-profile history index holds settled rows only (`outbox_history`): a row enters it
#:   when it is delivered or refused, in the engine's transaction, not the learner's.
#: `seq` keeps AUTOINCREMENT: salvage (player/store/salvage.py) reads a damaged file's rows above
#: the restored backup's highest seq, which holds only if a seq is never handed out twice.
SCHEMA_V2 = """
DROP TRIGGER outbox_tally_insert;
DROP TRIGGER outbox_tally_update;
DROP TRIGGER outbox_tally_delete;
DROP INDEX outbox_profile;
CREATE INDEX outbox_history ON outbox (profile_id, seq) WHERE state != 'queued';
CREATE TABLE outbox_settled (
    profile_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('delivered', 'poison')),
    n INTEGER NOT NULL,
    PRIMARY KEY (profile_id, state)
) WITHOUT ROWID;
INSERT INTO outbox_settled (profile_id, state, n)
    SELECT profile_id, state, count(*) FROM outbox WHERE state != 'queued'
    GROUP BY profile_id, state;
DROP TABLE outbox_tally;
CREATE VIEW outbox_tally (profile_id, state, n) AS
    SELECT profile_id, 'queued', count(*) FROM outbox WHERE state = 'queued' GROUP BY profile_id
    UNION ALL
    SELECT profile_id, state, n FROM outbox_settled;
CREATE TRIGGER outbox_settled_update AFTER UPDATE OF state ON outbox
WHEN OLD.state IS NOT NEW.state BEGIN
    UPDATE outbox_settled SET n = n - 1 WHERE profile_id = OLD.profile_id AND state = OLD.state;
    INSERT INTO outbox_settled (profile_id, state, n)
        SELECT NEW.profile_id, NEW.state, 1 WHERE NEW.state != 'queued'
        ON CONFLICT (profile_id, state) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER outbox_settled_delete AFTER DELETE ON outbox WHEN OLD.state != 'queued' BEGIN
    UPDATE outbox_settled SET n = n - 1 WHERE profile_id = OLD.profile_id AND state = OLD.state;
END;
"""

#: Version 3: the server a statement was delivered to (`delivered_to`, the engine's `target`:
#: endpoint and account), so that the engine's probe sends a statement again only to the server
#: that holds it, never to the LRS of an account the learner linked since (which would store it).
#: Rows delivered before, imported or salvaged have none: they are never a probe.
SCHEMA_V3 = """
ALTER TABLE outbox ADD COLUMN delivered_to TEXT;
"""

#: Version 4: how long a server asked us to wait (`Retry-After` of a 429 or 503), per server
#: (`sync.lrs.server_of`: scheme, host and port), so that every profile on it, the grade reads
#: and the next process (`cartable sync --once` from cron, the player started again) wait too:
#: kept in memory only, a new process POSTed a whole batch 2 minutes into a Retry-After: 3600.
SCHEMA_V4 = """
CREATE TABLE sync_server_wait (
    server TEXT PRIMARY KEY,
    not_before REAL NOT NULL
) WITHOUT ROWID;
"""

#: Version 5: the profiles whose backoff another profile's delivery ended on an endpoint
#: (`Outbox.bring_forward`), until they have gone once on their own backoff or delivered: a
#: server that takes one profile's batches and fails another's (a sick backend, a proxy failing
#: big bodies) made the other post at every run instead of on its backoff, 60 times an hour
#: instead of 11 (review r5 #3). Kept in the database: `cartable sync --once` from cron is a new
#: process at each run.
SCHEMA_V5 = """
CREATE TABLE sync_brought_forward (
    profile_id TEXT NOT NULL,
    endpoint TEXT NOT NULL,
    PRIMARY KEY (profile_id, endpoint)
) WITHOUT ROWID;
"""


@dataclass(frozen=True)
class QueuedStatement:
    """One statement to send: `body` is the exact JSON to POST (inside a JSON array)."""

    seq: int
    id: str
    profile_id: str
    body: bytes
    created_at: float
    attempts: int
    next_attempt_at: float
    last_error: str | None


@dataclass(frozen=True)
class PoisonStatement:
    """A statement the LRS refused on its own, kept with the server's answer to show the user."""

    seq: int
    id: str
    profile_id: str
    body: bytes
    created_at: float
    attempts: int
    server_answer: str
    last_error: str | None


@dataclass(frozen=True)
class StatementRow:
    """Any outbox row, whatever its state (export, history, tests)."""

    seq: int
    id: str
    profile_id: str
    state: OutboxState
    body: bytes
    created_at: float
    attempts: int
    delivered_at: float | None


@dataclass(frozen=True)
class OutboxCounts:
    """How many statements are queued, delivered and set aside."""

    queued: int = 0
    delivered: int = 0
    poison: int = 0

    @property
    def total(self) -> int:
        return self.queued + self.delivered + self.poison


def connect(path: Path | str, *, check_same_thread: bool = True) -> sqlite3.Connection:
    """A connection with the pragmas every user of the records database needs.

    Autocommit at the driver level (`isolation_level=None`): transactions are explicit
    `BEGIN IMMEDIATE ... COMMIT`, so a writer takes the lock up front and waits on
    `busy_timeout` instead of failing with `database is locked` when upgrading a read.
    """
    conn = sqlite3.connect(
        str(path),
        isolation_level=None,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=check_same_thread,
    )
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL").fetchone()
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        conn.close()
        raise
    return conn


@contextmanager
def write_transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """`BEGIN IMMEDIATE ... COMMIT`, rolled back on any exception."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class Outbox:
    """The outbox over one connection.

    `append`/`append_new` run inside the caller's transaction (the store's). Everything the
    engine calls (`take_batch`, `mark_*`) is its own short transaction on the engine's
    connection, safe to use from a worker thread while the store writes on another.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # -- appending (store side, inside its transaction) --------------------------------------

    def append(self, profile_id: str, statement_id: str, body: bytes, created_at: float) -> int:
        """Queue a statement; a duplicate id is an error (ids are made on the device)."""
        if not self.conn.in_transaction:
            raise RuntimeError("Outbox.append must run inside the caller's transaction")
        cursor = self.conn.execute(
            "INSERT INTO outbox (id, profile_id, body, created_at) VALUES (?, ?, ?, ?)",
            (statement_id, profile_id, body, created_at),
        )
        return int(cursor.lastrowid or 0)

    def append_new(
        self,
        profile_id: str,
        statement_id: str,
        body: bytes,
        created_at: float,
        state: OutboxState = "queued",
        delivered_at: float | None = None,
    ) -> bool:
        """Queue a statement unless its id is already here (import, salvage): True if added."""
        if not self.conn.in_transaction:
            raise RuntimeError("Outbox.append_new must run inside the caller's transaction")
        cursor = self.conn.execute(
            "INSERT INTO outbox (id, profile_id, body, created_at, state, delivered_at)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
            (statement_id, profile_id, body, created_at, state, delivered_at),
        )
        added = cursor.rowcount == 1
        if added and state != "queued":  # no INSERT trigger since version 2: counted here
            self.conn.execute(
                "INSERT INTO outbox_settled (profile_id, state, n) VALUES (?, ?, 1)"
                " ON CONFLICT (profile_id, state) DO UPDATE SET n = n + 1",
                (profile_id, state),
            )
        return added

    def contains(self, statement_id: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM outbox WHERE id = ?", (statement_id,)).fetchone()
        return row is not None

    # -- the engine's side --------------------------------------------------------------------

    def profiles_waiting(self) -> list[str]:
        """Profiles with queued statements (due or not), in a stable order."""
        rows = self.conn.execute(
            "SELECT DISTINCT profile_id FROM outbox WHERE state = 'queued' ORDER BY profile_id"
        ).fetchall()
        return [r[0] for r in rows]

    def take_batch(
        self, profile_id: str, limit: int = 50, now: float | None = None
    ) -> list[QueuedStatement]:
        """The oldest queued statements of a profile, in creation order, that are due.

        Order is kept: the batch stops at the first statement whose retry time is still in the
        future, so a batch waiting for its backoff is never overtaken by younger statements.
        Taking does not change anything; the engine marks what happened afterwards.
        """
        if limit < 1:
            raise ValueError("limit must be at least 1")
        now = time.time() if now is None else now
        rows = self.conn.execute(
            "SELECT seq, id, profile_id, body, created_at, attempts, next_attempt_at, last_error"
            " FROM outbox WHERE profile_id = ? AND state = 'queued' ORDER BY seq LIMIT ?",
            (profile_id, limit),
        ).fetchall()
        batch: list[QueuedStatement] = []
        for row in rows:
            if row[6] > now:
                break
            batch.append(QueuedStatement(row[0], row[1], row[2], bytes(row[3]), *row[4:]))
        return batch

    def next_due(self, profile_id: str) -> float | None:
        """When the head of a profile's queue may be sent (None: nothing queued)."""
        row = self.conn.execute(
            "SELECT next_attempt_at FROM outbox WHERE profile_id = ? AND state = 'queued'"
            " ORDER BY seq LIMIT 1",
            (profile_id,),
        ).fetchone()
        return None if row is None else float(row[0])

    def mark_delivered(
        self, ids: Iterable[str], now: float | None = None, to: str | None = None
    ) -> int:
        """The LRS holds these (200/204, or a duplicate it already had). Returns rows changed.
        `to`: the server that took them (the engine's `Poster.target`; version 3)."""
        now = time.time() if now is None else now
        sql = "UPDATE outbox SET state = 'delivered', delivered_at = ?, last_error = NULL"
        if to is None:
            params: list[tuple[object, ...]] = [(now, i) for i in ids]
        else:
            sql += ", delivered_to = ?"
            params = [(now, to, i) for i in ids]
        with write_transaction(self.conn):
            cursor = self.conn.executemany(sql + " WHERE id = ? AND state != 'delivered'", params)
        return cursor.rowcount

    def mark_retry(self, ids: Iterable[str], next_at: float, error: str) -> int:
        """Not delivered this time (network, 408, 429, 5xx): try again at `next_at`."""
        params = [(next_at, error, i) for i in ids]
        with write_transaction(self.conn):
            cursor = self.conn.executemany(
                "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, last_error = ?"
                " WHERE id = ? AND state = 'queued'",
                params,
            )
        return cursor.rowcount

    def bring_forward(self, profile_id: str, now: float, endpoint: str) -> int:
        """The profile's queued statements waiting for their backoff are due at `now` (their
        server, `endpoint`, just took another profile's batch); how many were waiting. Their
        attempts stay counted: a failure next grows the backoff on from where it was. Once a
        recovery: the profile is marked (`brought_forward`) until `went_on_its_own`, and not
        brought forward again while marked (version 5)."""
        with write_transaction(self.conn):
            if self.brought_forward(profile_id, endpoint):
                return 0
            cursor = self.conn.execute(
                "UPDATE outbox SET next_attempt_at = ? WHERE profile_id = ? AND state = 'queued'"
                " AND next_attempt_at > ?",
                (now, profile_id, now),
            )
            if cursor.rowcount:
                self.conn.execute(
                    "INSERT OR IGNORE INTO sync_brought_forward (profile_id, endpoint)"
                    " VALUES (?, ?)",
                    (profile_id, endpoint),
                )
        return cursor.rowcount

    def brought_forward(self, profile_id: str, endpoint: str) -> bool:
        """Whether `bring_forward` ended the profile's backoff on `endpoint` and it has not gone
        on its own since (`went_on_its_own`)."""
        row = self.conn.execute(
            "SELECT 1 FROM sync_brought_forward WHERE profile_id = ? AND endpoint = ?",
            (profile_id, endpoint),
        ).fetchone()
        return row is not None

    def went_on_its_own(self, profile_id: str, endpoint: str) -> None:
        """The profile posted to `endpoint` on its own backoff, or had a batch delivered there:
        another profile's delivery may bring it forward again."""
        if not self.brought_forward(profile_id, endpoint):
            return  # nothing to write: most batches
        with write_transaction(self.conn):
            self.conn.execute(
                "DELETE FROM sync_brought_forward WHERE profile_id = ? AND endpoint = ?",
                (profile_id, endpoint),
            )

    def mark_poison(self, statement_id: str, server_answer: str) -> bool:
        """Refused on its own: kept aside with the server's answer, never sent again by itself."""
        with write_transaction(self.conn):
            cursor = self.conn.execute(
                "UPDATE outbox SET state = 'poison', attempts = attempts + 1, server_answer = ?"
                " WHERE id = ? AND state = 'queued'",
                (server_answer, statement_id),
            )
        return cursor.rowcount == 1

    def requeue(self, ids: Iterable[str]) -> int:
        """Put refused statements back in the queue (the user asked, or the LRS was fixed)."""
        params = [(i,) for i in ids]
        with write_transaction(self.conn):
            cursor = self.conn.executemany(
                "UPDATE outbox SET state = 'queued', next_attempt_at = 0 WHERE id = ?"
                " AND state = 'poison'",
                params,
            )
        return cursor.rowcount

    def counts(self, profile_id: str | None = None) -> OutboxCounts:
        """Statements per state without a scan of the history: settled ones from a tally kept
        by triggers, queued ones from their partial index (version 2's `outbox_tally` view)."""
        if profile_id is None:
            rows = self.conn.execute(
                "SELECT state, sum(n) FROM outbox_tally GROUP BY state"
            ).fetchall()
        else:
            rows = self.conn.execute(
                "SELECT state, n FROM outbox_tally WHERE profile_id = ?", (profile_id,)
            ).fetchall()
        found = {state: int(n) for state, n in rows}
        return OutboxCounts(
            found.get("queued", 0), found.get("delivered", 0), found.get("poison", 0)
        )

    def latest_delivered(self, profile_id: str, to: str) -> StatementRow | None:
        """The profile's most recent statement delivered to server `to` (the engine's probe),
        through the history index: read backwards, past refused rows and rows delivered
        elsewhere (the whole history only after an account change, and only for a probe)."""
        row = self.conn.execute(
            "SELECT seq, id, profile_id, state, body, created_at, attempts, delivered_at"
            " FROM outbox WHERE profile_id = ? AND state != 'queued' AND state = 'delivered'"
            " AND delivered_to = ? ORDER BY seq DESC LIMIT 1",
            (profile_id, to),
        ).fetchone()
        return None if row is None else StatementRow(*row[:4], bytes(row[4]), *row[5:])

    def server_wait(self, server: str) -> float:
        """Until when `server` asked us to wait (epoch seconds; 0: it did not)."""
        row = self.conn.execute(
            "SELECT not_before FROM sync_server_wait WHERE server = ?", (server,)
        ).fetchone()
        return 0.0 if row is None else float(row[0])

    def set_server_wait(self, server: str, not_before: float) -> None:
        """The server's latest word replaces an earlier one; 0 forgets it."""
        with write_transaction(self.conn):
            if not_before > 0:
                self.conn.execute(
                    "INSERT INTO sync_server_wait (server, not_before) VALUES (?, ?)"
                    " ON CONFLICT (server) DO UPDATE SET not_before = excluded.not_before",
                    (server, not_before),
                )
            else:
                self.conn.execute("DELETE FROM sync_server_wait WHERE server = ?", (server,))

    def poison_list(self, profile_id: str) -> list[PoisonStatement]:
        rows = self.conn.execute(
            "SELECT seq, id, profile_id, body, created_at, attempts, server_answer, last_error"
            " FROM outbox WHERE profile_id = ? AND state = 'poison' ORDER BY seq",
            (profile_id,),
        ).fetchall()
        return [
            PoisonStatement(r[0], r[1], r[2], bytes(r[3]), r[4], r[5], r[6] or "", r[7])
            for r in rows
        ]

    def poison_mark(self, profile_id: str) -> tuple[int, int]:
        """How many refused statements the profile has and the highest seq among them: changes
        whenever the refused list does (marked, sent again), read from its index alone."""
        row = self.conn.execute(
            "SELECT count(*), coalesce(max(seq), 0) FROM outbox"
            " WHERE profile_id = ? AND state = 'poison'",
            (profile_id,),
        ).fetchone()
        return int(row[0]), int(row[1])

    # -- history ------------------------------------------------------------------------------

    def rows(self, profile_id: str, after_seq: int = 0, limit: int = 1000) -> list[StatementRow]:
        """A profile's statements in creation order, whatever their state (export, replay).

        Queued and settled rows live in two partial indexes: each is read in order and the two
        are merged, so the history is never scanned."""
        columns = "seq, id, profile_id, state, body, created_at, attempts, delivered_at"
        fetched = self.conn.execute(
            f"SELECT * FROM (SELECT {columns} FROM outbox WHERE profile_id = ?"
            " AND state = 'queued' AND seq > ? ORDER BY seq LIMIT ?)"
            f" UNION ALL SELECT * FROM (SELECT {columns} FROM outbox WHERE profile_id = ?"
            " AND state != 'queued' AND seq > ? ORDER BY seq LIMIT ?)"
            " ORDER BY seq LIMIT ?",
            (profile_id, after_seq, limit, profile_id, after_seq, limit, limit),
        ).fetchall()
        return [StatementRow(r[0], r[1], r[2], r[3], bytes(r[4]), *r[5:]) for r in fetched]

    def iter_rows(self, profile_id: str, chunk: int = 1000) -> Iterator[StatementRow]:
        after = 0
        while True:
            page = self.rows(profile_id, after, chunk)
            yield from page
            if len(page) < chunk:
                return
            after = page[-1].seq

    def delete_profile(self, profile_id: str) -> int:
        """Forget a profile's statements (its profile is being removed); caller's transaction."""
        if not self.conn.in_transaction:
            raise RuntimeError("Outbox.delete_profile must run inside the caller's transaction")
        deleted = 0
        for which in ("state = 'queued'", "state != 'queued'"):  # each through its index
            cursor = self.conn.execute(
                f"DELETE FROM outbox WHERE profile_id = ? AND {which}", (profile_id,)
            )
            deleted += cursor.rowcount
        return deleted


def create_tables(conn: sqlite3.Connection) -> None:
    """The outbox tables as they are now, every version in order, in one transaction (tests and
    tools; the player's database gets them from the store's migrations)."""
    with write_transaction(conn):
        for script in (SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5):
            for sql in split_sql(script):
                conn.execute(sql)


def split_sql(script: str) -> Sequence[str]:
    """Split a schema script into statements (triggers included) to run inside a transaction,
    which `executescript` would commit first."""
    statements: list[str] = []
    current = ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
