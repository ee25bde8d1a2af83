"""`cartable sync --once` exit codes: a script must tell a clean sync from one that left
statements waiting or refused (the whole command runs against Ralph in tests/e2e)."""

from __future__ import annotations

import pytest

from player.commands import sync as command
from sync.engine import ProfileReport, Refused, SyncReport


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
    assert "2 refused statement(s) queued again" in capsys.readouterr().out
    assert store.outbox.counts(awa).queued == 2 and store.outbox.counts(ben).poison == 1
    assert command.resend_refused(store, None) == 1
    assert store.outbox.counts().poison == 0
    store.close()
