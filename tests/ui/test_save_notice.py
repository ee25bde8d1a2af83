"""The notice that the learner's work is not being saved (a full or read-only disk) goes once
saving works again, and only then: it belongs to the kinds of write that failed, so a success
of each takes it down, a write of another kind does not (a heartbeat fits in the records file's
pages where an exam's start, which adds rows, may still not), and a notice of another cause is
never taken down by a write. A kind with nothing left pending is settled too (a draft dropped
as its answer is checked), a read-only disk is writable again at any write saved, and a save
of several items decides once, after the last, so the notice is said once. Real exam and quiz
views on the real store; the disk is filled by SQLite itself (max_page_count, its own
SQLITE_FULL) or made read-only (query_only)."""

from __future__ import annotations

import itertools
import sqlite3

import pytest

from player.ui.unit_view import UnitView
from tests.ui.exam_support import (  # noqa: F401  (fixtures)
    Clock,
    OpenExam,
    accept,
    clock,
    open_exam,
    shell,
    started,
    sync_calls,
)
from tests.ui.test_announcements import Said, said  # noqa: F401  (fixtures)
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


def _fill_drafts(conn: sqlite3.Connection, attempt_id: str) -> None:
    """And the drafts' own pages (after `_fill`), whose spare room holds a new draft on a file
    that may not grow."""
    for size in (512, 64, 1):
        with pytest.raises(sqlite3.OperationalError, match="full"):
            for n in itertools.count():
                conn.execute(
                    "INSERT INTO quiz_drafts VALUES (?, ?, ?, 0)",
                    (attempt_id, f"junk-{size}-{n}", "x" * size),
                )


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


def test_a_draft_refused_then_dropped_as_its_answer_is_checked_takes_its_notice_down(
    qtbot,  # type: ignore[no-untyped-def]
    open_demo: OpenQuiz,  # noqa: F811
    demo_shell: Shell,  # noqa: F811
) -> None:
    """A draft refused on a full disk is never tried again once its answer is checked (the
    store drops the draft): before, its notice stayed up for the life of the view, everything
    saved."""
    view = open_demo()
    view.start_attempt()
    conn = demo_shell.store.database.conn
    view.go_to(next(i for i, w in enumerate(view.widgets) if w.question.type == "short"))
    line = view.current.line
    assert line is not None and view.attempt is not None
    _fill(conn)
    _fill_drafts(conn, view.attempt.id)
    line.insert("Les MOOC, " * 50)  # the longest answer the line takes
    assert not view.save_drafts()
    assert _shown(view).startswith(FULL)
    _free(conn)
    assert view.check()  # the answer saved and graded: its draft is no longer wanted
    view.touch()
    view._beat()
    assert view.save_drafts()
    assert _shown(view) == ""


def test_a_quiz_start_refused_by_a_read_only_disk_goes_at_a_write_saved_not_retried(
    open_demo: OpenQuiz,  # noqa: F811
    demo_shell: Shell,  # noqa: F811
) -> None:
    """A read-only disk is writable again once any write goes through: the start the
    learner did not try again no longer keeps up a notice that is not true."""
    view = open_demo()
    conn = demo_shell.store.database.conn
    conn.execute("PRAGMA query_only = ON")
    view.start_attempt()
    assert view.attempt is None and _shown(view).startswith(READ_ONLY)
    conn.execute("PRAGMA query_only = OFF")
    view.touch()
    view._beat()  # a heartbeat saved
    assert _shown(view) == ""


def test_an_answer_saved_before_one_refused_does_not_have_the_notice_said_again(
    qtbot,  # type: ignore[no-untyped-def]
    open_exam: OpenExam,  # noqa: F811
    shell: Shell,  # noqa: F811
    said: list[Said],  # noqa: F811
) -> None:
    """An earlier answer saved in place took the notice down, the later one refused put it
    up again: a screen reader was interrupted by it at every save while the disk was full."""
    view = started(open_exam)
    numeric = [i for i, w in enumerate(view.widgets) if w.question.type == "numeric"]
    first, later = numeric[0], numeric[1]
    view.go_to(first)
    assert view.current.line is not None
    qtbot.keyClicks(view.current.line, "40")
    assert view.save_pending()  # saved: its row is there, to be rewritten in place
    conn = shell.store.database.conn
    _fill(conn)
    view.go_to(later)
    assert view.widgets[later].line is not None
    qtbot.keyClicks(view.widgets[later].line, "42")
    for typed in ("1", "2", "3"):
        line = view.widgets[first].line
        assert line is not None
        line.selectAll()
        qtbot.keyClicks(line, "4" + typed)  # the same size: saved in place
        assert not view.save_pending()  # the later answer is still refused
        assert _shown(view).startswith(FULL)
    full = [text for text, _ in said if text.startswith(FULL)]
    assert full == [view.notice.text()], "said once"
    _free(conn)
    assert view.save_pending()
    assert _shown(view) == ""


def test_a_draft_saved_before_one_refused_does_not_have_the_notice_said_again(
    qtbot,  # type: ignore[no-untyped-def]
    open_demo: OpenQuiz,  # noqa: F811
    demo_shell: Shell,  # noqa: F811
    said: list[Said],  # noqa: F811
) -> None:
    """The quiz's drafts as the exam's answers: one saved in place before one refused took the
    notice down, and the refused one said it again, at every save."""
    view = open_demo()
    view.start_attempt()
    assert view.attempt is not None
    first, later = [i for i, w in enumerate(view.widgets) if w.line is not None][:2]
    view.go_to(first)
    line = view.widgets[first].line
    assert line is not None
    qtbot.keyClicks(line, "40")
    assert view.save_drafts()  # its row is there, to be rewritten in place
    conn = demo_shell.store.database.conn
    _fill(conn)
    _fill_drafts(conn, view.attempt.id)
    view.widgets[later].line.insert("Les MOOC, " * 50)  # type: ignore[union-attr]
    for typed in ("1", "2", "3"):
        line.selectAll()
        qtbot.keyClicks(line, "4" + typed)  # the same size: saved in place
        assert not view.save_drafts()  # the later draft is still refused
        assert _shown(view).startswith(FULL)
    full = [text for text, _ in said if text.startswith(FULL)]
    assert full == [view.notice.text()], "said once"
    _free(conn)
    assert view.save_drafts()
    assert _shown(view) == ""
