"""`cartable sync --once` exit codes: a script must tell a clean sync from one that left
statements waiting or refused (the whole command runs against Ralph in tests/e2e)."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from player.commands import sync as command
from player.player_sync import Pulled, succeeded
from sync.engine import ProfileReport, Refused, SyncReport
from sync.outbox import OutboxCounts


def once_with(monkeypatch: pytest.MonkeyPatch, *profiles: ProfileReport) -> int:
    report = SyncReport("done", 0.0, 0.0, profiles)
    monkeypatch.setattr(command, "_run", lambda *args, **kwargs: report)
    return command._once(None, None, None, 0.0, force=True)  # type: ignore[arg-type]


def test_once_exits_0_when_everything_was_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    assert once_with(monkeypatch, ProfileReport("p", 3, (), 0, 0, None)) == 0


def test_once_exits_4_when_the_lrs_refused_statements(monkeypatch: pytest.MonkeyPatch) -> None:
    refused = Refused("p", "s-1", 400, "version not supported")
    assert once_with(monkeypatch, ProfileReport("p", 2, (refused,), 0, 1, None)) == 4
    assert command.EXIT_REFUSED == 4


def test_once_exits_3_when_statements_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    refused = Refused("p", "s-1", 400, "version not supported")
    waiting = ProfileReport("p", 0, (refused,), 5, 1, "retry", "HTTP 503")
    assert once_with(monkeypatch, waiting) == command.EXIT_WAITING


def test_once_exits_6_when_an_account_was_refused_whatever_else_waits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A refused password is no "try later" (3): waiting never fixes it, a person must."""
    refused = Refused("b", "s-1", 400, "version not supported")
    account = ProfileReport("a", 0, (), 4, 0, "auth", "HTTP 401: Invalid authentication")
    other = ProfileReport("b", 0, (refused,), 5, 1, "retry", "HTTP 503")
    assert once_with(monkeypatch, account) == command.EXIT_ACCOUNT_REFUSED == 6
    assert once_with(monkeypatch, account, other) == command.EXIT_ACCOUNT_REFUSED


class FakeSync:
    """What `_run` needs of PlayerSync: one scripted push and pull."""

    def __init__(self, report: SyncReport, pulled: list[Pulled]) -> None:
        self.report, self.pulled = report, pulled
        self.outbox = SimpleNamespace(poison_list=lambda profile_id: [])
        self.successes: list[float] = []

    def push(self, *args: object, **kwargs: object) -> SyncReport:
        return self.report

    def pull_requests(self, *args: object) -> list[object]:
        return []

    def pull(self, requests: object) -> list[Pulled]:
        return self.pulled

    def apply(self, store: object, pulled: object) -> list[object]:
        return []

    def note_success(
        self, store: object, report: SyncReport, profile_ids: object = None
    ) -> tuple[str, ...]:
        """PlayerSync's rule (`succeeded`) for profile "p", which has an account."""
        if not succeeded(report, "p", OutboxCounts()):
            return ()
        self.successes.append(report.finished_at)
        return ("p",)


@pytest.mark.parametrize(
    ("profile", "status", "pulled"),
    [
        (ProfileReport("p", 2, (Refused("p", "s-1", 413, "too large"),), 0, 1, None), "done", []),
        (ProfileReport("p", 0, (), 2, 0, "unexpected", "HTTP 400"), "stopped", []),
    ],
)
def test_last_success_does_not_move_on_a_run_with_refusals_a_stop_or_an_error(
    profile: ProfileReport, status: str, pulled: list[Pulled]
) -> None:
    store = SimpleNamespace(profiles=SimpleNamespace(all=lambda: []))
    fake = FakeSync(SyncReport(status, 0.0, 5.0, (profile,)), pulled)  # type: ignore[arg-type]
    command._run(fake, store, None, 0.0, force=True)  # type: ignore[arg-type]
    assert fake.successes == []
    fake.report, fake.pulled = (  # grades unreadable (a write-only account): records went
        SyncReport("done", 0.0, 9.0, (ProfileReport("p", 2, (), 0, 0, None),)),
        [Pulled("p", None, "HTTP 403")],
    )
    command._run(fake, store, None, 0.0, force=True)  # type: ignore[arg-type]
    assert fake.successes == [9.0]


def test_the_report_counts_in_words_one_statement_two_statements() -> None:
    out = io.StringIO()
    report = SyncReport(
        "done",
        0.0,
        1.0,
        (ProfileReport("a", 1, (), 0, 0, None), ProfileReport("b", 2, (), 0, 0, None)),
    )
    command.print_report(report, {"a": "Awa", "b": "Ben"}, {}, [], out)
    assert out.getvalue().splitlines() == ["Awa: sent 1 statement", "Ben: sent 2 statements"]


def test_resend_refused_queues_again_only_the_profile_asked(
    tmp_path: object, capsys: pytest.CaptureFixture[str]
) -> None:
    from pathlib import Path

    from player.store import Store
    from sync.outbox import write_transaction

    store = Store.open(Path(str(tmp_path)) / "cartable.sqlite3", backup_every=None)
    awa, ben = store.profiles.add("Awa").id, store.profiles.add("Ben").id
    with write_transaction(store.conn):
        for n, profile in enumerate((awa, awa, ben)):
            store.outbox.append(profile, f"s-{n}", b"{}", float(n))
    for n in range(3):
        store.outbox.mark_poison(f"s-{n}", "HTTP 413")
    assert command.resend_refused(store, [awa]) == 2
    assert "2 refused statements queued again" in capsys.readouterr().out
    assert store.outbox.counts(awa).queued == 2 and store.outbox.counts(ben).poison == 1
    assert command.resend_refused(store, None) == 1
    assert "1 refused statement queued again" in capsys.readouterr().out
    assert store.outbox.counts().poison == 0
    store.close()


def test_once_failing_unexpectedly_prints_one_line_logs_the_traceback_and_exits_5(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from player.__main__ import main
    from player.player_sync import PlayerSync

    def broken(*args: object, **kwargs: object) -> PlayerSync:
        raise sqlite3.DatabaseError("database disk image is malformed (password=hunter2)")

    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path))
    monkeypatch.setattr(PlayerSync, "open", broken)
    assert main(["sync", "--once"]) == command.EXIT_FAILED == 5
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err and len(err.strip().splitlines()) == 1
    assert "sync failed: DatabaseError: database disk image is malformed" in err
    assert "hunter2" not in err and "cartable.log" in err
    logged = (tmp_path / "logs" / "cartable.log").read_text("utf-8")
    assert "Traceback" in logged and "DatabaseError" in logged and "hunter2" not in logged


def full_log(logs: Path) -> None:
    """`cartable.log` that opens but cannot be written (a full disk): a link to /dev/full."""
    if not Path("/dev/full").exists():
        pytest.skip("needs /dev/full")
    logs.mkdir(parents=True, exist_ok=True)
    (logs / "cartable.log").symlink_to("/dev/full")


def test_once_failing_with_a_log_file_that_cannot_be_written_prints_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A disk full under the log: not logging's "--- Logging error ---" and its traceback on the
    terminal, the one line saying the log could not be written."""
    from player.__main__ import main
    from player.player_sync import PlayerSync

    def broken(*args: object, **kwargs: object) -> PlayerSync:
        raise sqlite3.DatabaseError("database disk image is malformed")

    full_log(tmp_path / "logs")
    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path))
    monkeypatch.setattr(PlayerSync, "open", broken)
    assert main(["sync", "--once"]) == command.EXIT_FAILED
    out, err = capsys.readouterr()
    assert "Logging error" not in out + err and "Traceback" not in out + err
    assert err.strip().splitlines() == [
        "cartable: sync failed: DatabaseError: database disk image is malformed "
        f"(the log file in {tmp_path / 'logs'} could not be written)"
    ]


LOOP = """
import sys
from player.commands import sync as command
from player.__main__ import main

calls = []


def run(*args, **kwargs):
    calls.append(1)
    if len(calls) <= 2:
        raise RuntimeError("the LRS said no (password=hunter2)\\nsecond line")
    raise KeyboardInterrupt


command._run = run
sys.exit(main(["sync", "--interval", "0.05"]))
"""


@pytest.mark.parametrize("writable", [True, False], ids=["log", "disk-full"])
def test_the_loop_prints_one_line_per_failed_step_and_logs_the_traceback(
    tmp_path: Path, writable: bool
) -> None:
    """`cartable sync` without --once: a step that raises is one line on the terminal, its
    traceback (redacted) in cartable.log, as the player writes it."""
    import os
    import subprocess
    import sys

    from tests.e2e.sync_support import make_learner
    from tests.slow_lrs import SlowLrs

    logs = tmp_path / "logs"
    if not writable:
        full_log(logs)
    lrs = SlowLrs("answer")  # a profile to sync, its LRS online
    make_learner(tmp_path, lrs.url(), "awa", "secret").close()
    repo = Path(__file__).resolve().parents[2]
    try:
        run = subprocess.run(
            [sys.executable, "-c", LOOP],
            cwd=repo,
            env={**os.environ, "CARTABLE_HOME": str(tmp_path), "PYTHONPATH": str(repo)},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        lrs.stop()
    assert run.returncode == 130, run.stderr
    lines = run.stderr.strip().splitlines()
    assert "Traceback" not in run.stderr and "Logging error" not in run.stderr
    assert "hunter2" not in run.stderr
    where = (
        f"(details in {logs / 'cartable.log'})"
        if writable
        else f"(the log file in {logs} could not be written)"
    )
    failed = (
        "cartable: sync step failed; trying again in 60 s: "  # the engine's words
        f"RuntimeError: the LRS said no (password=***) {where}"
    )
    assert lines == [failed, failed, "cartable: interrupted"]
    if writable:
        logged = (logs / "cartable.log").read_text("utf-8")
        assert logged.count("Traceback") == 2 and "RuntimeError: the LRS said no" in logged
        assert "hunter2" not in logged and "second line" in logged


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--wait", "nan", "--wait must be a number of seconds >= 0"),
        ("--wait", "inf", "--wait must be a number of seconds >= 0"),
        ("--wait", "-1", "--wait must be a number of seconds >= 0"),
        ("--interval", "nan", "--interval must be a positive number of seconds"),
        ("--interval", "inf", "--interval must be a positive number of seconds"),
    ],
)
def test_a_wait_or_interval_that_is_no_number_of_seconds_is_refused(
    option: str,
    value: str,
    words: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--wait nan` passed `< 0`, and a deadline of nan is never reached: `sync --once` never
    returned (review r1); `--interval nan` slept nan seconds between runs."""
    from player.__main__ import main

    monkeypatch.setenv("CARTABLE_HOME", str(tmp_path))
    assert main(["sync", "--once", option, value]) == 1
    assert capsys.readouterr().err == f"cartable: {words}\n"
