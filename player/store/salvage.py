"""Reading back, from a damaged records file set aside by a recovery (recovery.py), the
statements the restored backup lacks, and folding them in as an import would (ingest.py).

The damaged file is read in chunks of `seq`, and row by row where a chunk fails, so that one
bad page loses only the rows on it; what could not be read is counted, never guessed.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from player.store import statements as st
from player.store.database import Database
from player.store.ingest import Ingest
from player.store.profiles import Profiles, name_key
from player.store.read_only import connect_read_only
from sync.outbox import OutboxState

Json = dict[str, Any]


@dataclass(frozen=True)
class SalvageReport:
    statements: int
    lost: int | None
    profiles_recreated: int = 0


def salvage(
    database: Database,
    profiles: Profiles,
    ingest: Ingest,
    damaged: Path,
    chunk: int = 500,
    *,
    after_seq: int | None = None,
) -> SalvageReport:
    """Read back, from a damaged database set aside, the statements this one lacks: those
    above `after_seq` (the restored backup's highest; by default this file's highest, which
    is the same until the learner records anything after the restore)."""
    try:
        source = _open_damaged(damaged)
    except sqlite3.Error:
        return SalvageReport(0, None)
    try:
        return _salvage_from(database, profiles, ingest, source, chunk, after_seq)
    finally:
        source.close()


def _salvage_from(
    database: Database,
    profiles: Profiles,
    ingest: Ingest,
    source: sqlite3.Connection,
    chunk: int,
    after_seq: int | None,
) -> SalvageReport:
    start = after_seq
    if start is None:
        start = int(database.conn.execute("SELECT coalesce(max(seq), 0) FROM outbox").fetchone()[0])
    try:
        last = source.execute("SELECT max(seq) FROM outbox").fetchone()[0]
    except sqlite3.Error:
        return SalvageReport(0, None)
    if last is None or last <= start:
        return SalvageReport(0, 0)
    recreated = _salvage_profiles(database, profiles, source)
    rows: list[tuple] = []
    lost = 0
    sql = "SELECT seq, id, profile_id, state, body FROM outbox WHERE seq "
    for low in range(start + 1, last + 1, chunk):
        high = min(low + chunk - 1, last)
        try:
            rows.extend(source.execute(sql + "BETWEEN ? AND ?", (low, high)).fetchall())
            continue
        except sqlite3.Error:
            pass
        for seq in range(low, high + 1):
            try:
                rows.extend(source.execute(sql + "= ?", (seq,)).fetchall())
            except sqlite3.Error:
                lost += 1
    known = {p.id for p in profiles.all()}
    by_profile: dict[str, list[tuple[Json, OutboxState]]] = defaultdict(list)
    for _, _, profile_id, state, body in sorted(rows):
        try:
            stmt = st.thaw(bytes(body))
        except (ValueError, TypeError):
            lost += 1
            continue
        if profile_id in known:
            by_profile[profile_id].append((stmt, state))
        else:
            lost += 1
    # Every statement read is in the records once added; one already there was read back by
    # a repair a crash or another process interrupted (its count was never kept): counted too,
    # or that repair's report would say none was read back.
    now = database.clock()
    with database.transaction():
        for profile_id, items in by_profile.items():
            ingest.add(profile_id, items, now)
    salvaged = sum(len(items) for items in by_profile.values())
    return SalvageReport(salvaged, lost, recreated)


def _salvage_profiles(database: Database, profiles: Profiles, source: sqlite3.Connection) -> int:
    """Profiles made after the backup: without them their statements have no owner. One whose
    name looks like another's (`name_key`, as add and rename compare them) is recreated
    "(recovered DATE)", numbered when that too looks like one: never two alike in the lists."""
    try:
        rows = source.execute(
            "SELECT id, name, language, pin_hash, actor_home_page, actor_name, account_linked,"
            " created_at FROM profiles"
        ).fetchall()
    except sqlite3.Error:
        return 0
    known = {p.id for p in profiles.all()}
    keys = {name_key(p.name) for p in profiles.all()}
    added = 0
    with database.transaction():
        for row in rows:
            if row[0] in known:
                continue
            name = str(row[1])
            if name_key(name) in keys:
                recovered = f"{name} (recovered {datetime.now().date().isoformat()}"
                name, number = f"{recovered})", 1
                while name_key(name) in keys:
                    number += 1
                    name = f"{recovered}, {number})"
            database.conn.execute(
                "INSERT INTO profiles (id, name, language, pin_hash, actor_home_page,"
                " actor_name, account_linked, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (row[0], name, *row[2:]),
            )
            keys.add(name_key(name))
            added += 1
    return added


def _open_damaged(path: Path) -> sqlite3.Connection:
    """Read-only; with its WAL when SQLite accepts it, else the main file alone (immutable).
    Raises sqlite3.Error when it cannot be opened at all (deleted to make room, say)."""
    conn = connect_read_only(path)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.Error:
        conn.close()
    conn = connect_read_only(path, immutable=True)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.Error:
        conn.close()
        raise
    return conn
