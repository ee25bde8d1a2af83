"""`cartable sync --once` against an LRS nobody listens on: the process exits, so it must not
say "will retry at" (nothing will), and why the statements wait is one short line, the one the
outbox keeps too. The real command in a child process (tests/unit/test_sync_command_accounts)."""

from __future__ import annotations

import io
import socket
import sqlite3
from pathlib import Path

from player.commands import sync as command
from sync.engine import ProfileReport, SyncReport
from tests.e2e.sync_support import append_frozen, extra_statement, make_learner
from tests.unit.test_sync_command_accounts import cartable_sync


def test_once_says_the_statements_are_kept_and_when_the_next_try_is_due(tmp_path: Path) -> None:
    with socket.socket() as sock:  # bound, then closed: nobody listens on it
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    learner = make_learner(tmp_path, f"http://127.0.0.1:{port}/xapi/", "awa", "hunter2")
    append_frozen(learner, [extra_statement(learner, n) for n in range(2)])
    database, name = learner.context.paths.database, learner.profile.name
    learner.close()
    done = cartable_sync(tmp_path, "--once", "--wait", "0")
    assert done.returncode == command.EXIT_WAITING, done.stdout + done.stderr
    with sqlite3.connect(database) as conn:
        [(due, last_error)] = conn.execute(
            "SELECT MIN(next_attempt_at), last_error FROM outbox WHERE state = 'queued'"
        ).fetchall()
    refused = f"could not connect to 127.0.0.1:{port} (connection refused)"
    assert last_error == refused
    assert done.stdout.splitlines() == [
        f"{name}: sent 0 statements",
        f"{name}: 2 waiting: kept; the next try is due at {command._when(due)} (run `cartable "
        f"sync` again, or without --once to keep trying) ({refused})",
    ]
    assert "hunter2" not in done.stdout + done.stderr


def test_the_loop_says_it_will_retry() -> None:
    waiting = ProfileReport("a", 0, (), 2, 0, "retry", "x did not answer within 30 s", 0.0)
    out = io.StringIO()
    command.print_report(SyncReport("done", 0.0, 1.0, (waiting,)), {"a": "Awa"}, {}, [], out)
    assert out.getvalue().splitlines()[1] == (
        f"Awa: 2 waiting: will retry at {command._when(0.0)} (x did not answer within 30 s)"
    )
