"""The notice that the learner's work is not being saved (a full or read-only disk) goes once
saving works again, and only then: it belongs to the kinds of write that failed, so a success
of each takes it down, a write of another kind does not (a heartbeat fits in the records file's
pages where an exam's start, which adds rows, may still not), and a notice of another cause is
never taken down by a write. Real exam and quiz views on the real store; the disk is filled
by SQLite itself (max_page_count, its own SQLITE_FULL) or made read-only (query_only)."""

from __future__ import annotations

import sqlite3

import pytest

from player.ui.unit_view import UnitView
from tests.ui.test_exam_view import (  # noqa: F401  (fixtures)
    Clock,
    OpenExam,
    accept,
    clock,
    open_exam,
    shell,
    sync_calls,
)
from tests.ui.test_quiz_view import OpenQuiz, demo_shell, open_demo  # noqa: F401  (fixtures)
from tests.ui.unit_support import Shell

FULL = "Your work is not being saved: the disk is full."
READ_ONLY = "Your work is not being saved: the disk holding your records became read-only"


def _fill(conn: sqlite3.Connection) -> None:
    """No page left in the records file: a write that adds rows fails with SQLITE_FULL."""
    conn.execute("CREATE TABLE scratch (junk BLOB)")
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    for size in (512, 64, 1):  # smaller and smaller rows, until not even a byte fits
        with pytest.raises(sqlite3.OperationalError, match="full"):
            while True:
                conn.execute(f"INSERT INTO scratch VALUES (zeroblob({size}))")


def _free(conn: sqlite3.Connection) -> None:
    conn.execute("DROP TABLE scratch")
    conn.execute("PRAGMA max_page_count = 1073741823")


def _shown(view: UnitView) -> str:
    return view.notice.text() if view.notice_bar.isVisibleTo(view) else ""


def _active_seconds(conn: sqlite3.Connection) -> float:
    return float(conn.execute("SELECT sum(active_seconds) FROM sessions").fetchone()[0] or 0)


def test_a_full_disk_notice_goes_when_the_exam_start_is_saved_not_at_a_heartbeat(
    open_exam: OpenExam,  # noqa: F811
    shell: Shell,  # noqa: F811
    clock: Clock,  # noqa: F811
) -> None:
    view = open_exam()
    conn = shell.store.database.conn
    _fill(conn)
    view.start_button.click()
    accept(view)  # refused: the start page stays, the notice says why
    assert view.pages.currentWidget() is view.start_page
    assert _shown(view).startswith(FULL)

    before = _active_seconds(conn)
    clock.advance(20)
    view.touch()
    view._beat()  # a heartbeat adds no row: it is saved on the full disk...
    assert _active_seconds(conn) > before
    assert _shown(view).startswith(FULL)  # ...and says nothing of the start, still refused

    _free(conn)
    view.start_button.click()
    accept(view)  # saved: the notice goes (before: it stayed over the running exam)
    assert view.pages.currentWidget() is view.exam_page
    assert _shown(view) == ""


def test_a_read_only_notice_goes_at_the_next_heartbeat_saved_and_is_said_again_after(
    open_exam: OpenExam,  # noqa: F811
    shell: Shell,  # noqa: F811
) -> None:
    view = open_exam()
    conn = shell.store.database.conn
    conn.execute("PRAGMA query_only = ON")  # as a read-only disk
    view.touch()
    view._beat()
    assert _shown(view).startswith(READ_ONLY)
    conn.execute("PRAGMA query_only = OFF")  # the stick is back
    view.touch()
    view._beat()
    assert _shown(view) == ""
    conn.execute("PRAGMA query_only = ON")
    view.touch()
    view._beat()
    assert _shown(view).startswith(READ_ONLY)  # news again: shown (and said) again


def test_a_write_saved_takes_down_no_notice_of_another_cause(
    open_exam: OpenExam,  # noqa: F811
    shell: Shell,  # noqa: F811
) -> None:
    view = open_exam()
    conn = shell.store.database.conn
    conn.execute("PRAGMA query_only = ON")
    view.touch()
    view._beat()
    assert _shown(view).startswith(READ_ONLY)
    other = "A file of this course is damaged (0123456789ab)."
    view.show_notice(other)  # a later problem of another cause, over it
    conn.execute("PRAGMA query_only = OFF")
    view.touch()
    view._beat()
    assert _shown(view) == other
    view.start_button.click()
    accept(view)
    assert view.pages.currentWidget() is view.exam_page
    assert _shown(view) == other


def test_a_quiz_start_refused_keeps_its_notice_until_a_start_is_saved(
    open_demo: OpenQuiz,  # noqa: F811
    demo_shell: Shell,  # noqa: F811
) -> None:
    view = open_demo()
    conn = demo_shell.store.database.conn
    conn.execute("PRAGMA query_only = ON")
    view.start_attempt()
    assert view.attempt is None
    assert _shown(view).startswith(READ_ONLY)
    conn.execute("PRAGMA query_only = OFF")
    view._reload_attempts()  # a read is no write: the start is still not saved
    assert _shown(view).startswith(READ_ONLY)
    view.start_attempt()
    assert view.attempt is not None and not view.attempt.finished
    assert _shown(view) == ""
