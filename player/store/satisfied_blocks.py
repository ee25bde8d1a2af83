"""The blocks (modules, the course) a profile has a cmi5 `satisfied` for, whatever its origin.

cmi5 (9.3.9 Satisfied, and the LMS's verb ordering rules) says the LMS SHOULD NOT issue more
than one `satisfied` for the same block or course within a registration, and MUST use the same
object in every one about a block. Cartable has one registration per profile and course
(`enrolments`, taken over from an import), and a block's activity id holds no course version, so
the rule is once per profile, course and block: a `satisfied` this device queued, one an import
queued, or one an import brought as delivered by the old laptop all count. That includes a
course update: a module satisfied under version 1 that version 2 gives a new unit is unsatisfied
again on screen until the learner does it, but the institution already holds its `satisfied` in
this registration and gets no second one; cmi5 has no notion of a course version within a
registration, and the LMS deciding that an update starts over would be a new registration.

The rule decides what the device issues and what an import takes; it withdraws nothing already
queued. A `satisfied` queued here stays queued when an import later brings the same block's as
delivered by the old laptop, and both reach the LRS: outbox rows are frozen and every record is
sent at least once (the outbox has no state for "not sent on purpose"), both laptops satisfied
the block before either knew of the other's, and had this one been online before the import
its `satisfied` would be at the LRS already: what the LRS holds must not hang on when the
network was there. Most often the two are in different registrations anyway (an import takes
over no enrolment the profile already has).

A `satisfied` the LRS refused (poison) still counts: it is the block's one statement, kept and
shown with the server's answer, and sent again as it is when the learner asks (`requeue`, once
the LRS or the account is fixed). A second one queued meanwhile would make two once the first is
sent again, and would carry the same verb and object the LRS refused; and a block is satisfied
again only once a course update has made it unsatisfied, which may never come.

A block is kept here, in the transaction that adds its statement to the outbox, so the event
that satisfies a block reads one small table rather than the outbox's bodies. Migration 12
fills it once from the statements already in the outbox (`fill_from_outbox`).
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from player.store import statements as st

Json = dict[str, Any]

#: cmi5's verb id, and ADL's older spelling of it (an LRS may read either as satisfied).
VERBS = frozenset({st.VERBS["satisfied"], st.ADL + "satisfied"})

#: The block key of the course itself (a module's is its id).
COURSE = ""


def is_satisfied(stmt: Json) -> bool:
    return str((stmt.get("verb") or {}).get("id", "")) in VERBS


def block_of(stmt: Json) -> tuple[str, str] | None:
    """(course id, module id or COURSE) of a `satisfied` about a module or a course; None for
    any other statement (cmi5 satisfies no unit)."""
    if not is_satisfied(stmt):
        return None
    target = stmt.get("object")
    ref = st.parse_activity_iri(str(target.get("id", ""))) if isinstance(target, dict) else None
    if ref is None or ref.unit_id:
        return None
    return ref.course_id, ref.module_id or COURSE


def recorded(conn: sqlite3.Connection, profile_id: str, course_id: str) -> set[str]:
    """The blocks of a course this profile has a `satisfied` for (COURSE for the course)."""
    rows = conn.execute(
        "SELECT block FROM satisfied_blocks WHERE profile_id = ? AND course_id = ?",
        (profile_id, course_id),
    )
    return {str(r[0]) for r in rows}


def record(conn: sqlite3.Connection, profile_id: str, course_id: str, block: str) -> None:
    """Keep a block as satisfied (caller's transaction, with its statement)."""
    conn.execute(
        "INSERT INTO satisfied_blocks (profile_id, course_id, block) VALUES (?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        (profile_id, course_id, block),
    )


def record_statement(conn: sqlite3.Connection, profile_id: str, stmt: Json) -> None:
    """Keep the block of a `satisfied` added to the outbox (import, salvage); others: nothing."""
    block = block_of(stmt)
    if block is not None:
        record(conn, profile_id, *block)


def fill_from_outbox(conn: sqlite3.Connection) -> None:
    """Every block the outbox holds a `satisfied` for, whatever the statement's state (migration
    12, in its transaction). Bodies are streamed from SQLite, and only those holding the word
    are parsed; what is kept is one entry per block, so memory stays bounded however long the
    history. A body that is not JSON (nothing Cartable writes) is no block."""
    word = b"satisfied"
    found: set[tuple[str, str, str]] = set()
    rows = conn.execute(
        "SELECT profile_id, body FROM outbox WHERE instr(CAST(body AS BLOB), ?) > 0", (word,)
    )
    for profile_id, body in rows:
        try:
            stmt = json.loads(body)
        except (ValueError, TypeError):
            continue
        block = block_of(stmt) if isinstance(stmt, dict) else None
        if block is not None:
            found.add((str(profile_id), *block))
    conn.executemany(
        "INSERT INTO satisfied_blocks (profile_id, course_id, block)"
        " SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM profiles WHERE id = ?)"
        " ON CONFLICT DO NOTHING",
        [(p, c, b, p) for p, c, b in sorted(found)],
    )
