"""A sync run never claims a success the server did not give, and a server back up takes every
profile at once (shared-lab run, f5). Against a real Ralph:

1. An account with nothing to send, never taken by the LRS: `cartable sync --once` asks the LRS
   whether it takes it (an empty batch, which needs the credentials a send needs) and records a
   success only when it does. Before, it printed "nothing to send", exited 0 and wrote a date to
   sync-status.json with a wrong password or an address where nothing listens. Once taken, an
   empty run asks nothing more (every byte counts), and moves no date.
2. Three profiles on one LRS, each on its own backoff while the server was down: once it takes
   one profile's batch, the others go in that same run (the learner at the screen waited 2
   minutes while the others went in 2 seconds).
"""

from __future__ import annotations

import json
import socket
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from player.__main__ import main
from player.player_sync import STATUS_FILE, PlayerSync
from sync.credentials import CredentialStore, LrsAccount
from sync.engine import EngineOptions
from sync.http import Timeouts
from sync.outbox import write_transaction
from tests.e2e.conftest import RalphServer
from tests.e2e.fault_proxy import FaultProxy
from tests.e2e.sync_support import Learner, append_frozen, extra_statement, make_learner

pytestmark = pytest.mark.e2e


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _last_success(learner: Learner) -> float | None:
    sync = PlayerSync.open(learner.context, learner.store)
    try:
        return sync.last_success(learner.profile.id)
    finally:
        sync.close()


def _status_file(learner: Learner) -> dict:
    path = learner.context.paths.data / STATUS_FILE
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


@pytest.fixture
def learner_factory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable]:
    made: list[Learner] = []

    def make(endpoint: str, username: str, password: str) -> Learner:
        learner = make_learner(tmp_path / "home", endpoint, username, password)
        monkeypatch.setenv("CARTABLE_HOME", str(learner.home))
        made.append(learner)
        return learner

    yield make
    for learner in made:
        learner.close()


def test_an_empty_run_confirms_a_right_password_once_then_asks_nothing(
    ralph_factory: Callable[[], RalphServer],
    learner_factory: Callable,
    capsys: pytest.CaptureFixture[str],
) -> None:
    server = ralph_factory()
    proxy = FaultProxy(server.url.split("/xAPI/")[0]).start()
    try:
        learner = learner_factory(proxy.url, server.username, server.password)
        assert _last_success(learner) is None

        assert main(["sync", "--once"]) == 0
        assert "nothing to send; the LRS accepted the credentials" in capsys.readouterr().out
        # One request: the empty batch, which Ralph answers 400 once past the credentials.
        assert [(s.ids, s.upstream_status) for s in proxy.log] == [((), 400)]
        first = _last_success(learner)
        assert first is not None
        assert _status_file(learner)["confirmed"] == {
            learner.profile.id: CredentialStore(learner.context.paths.secrets, keyring_backend=None)
            .get(learner.profile.id)
            .saved  # type: ignore[union-attr]
        }

        # Confirmed: an empty run asks the server nothing, and moves no date.
        assert main(["sync", "--once"]) == 0
        assert "nothing to send" in capsys.readouterr().out
        assert len(proxy.log) == 1
        assert _last_success(learner) == first

        # A statement sent moves the date: the server answered.
        append_frozen(learner, [extra_statement(learner, 1)])
        assert main(["sync", "--once"]) == 0
        assert len(proxy.log) == 2 and proxy.log[1].upstream_status == 200
        assert (_last_success(learner) or 0.0) > first
    finally:
        proxy.stop()


def test_a_wrong_password_with_nothing_to_send_is_refused_not_a_success(
    ralph: RalphServer, learner_factory: Callable, capsys: pytest.CaptureFixture[str]
) -> None:
    learner = learner_factory(ralph.url, ralph.username, "not-" + ralph.password)

    code = main(["sync", "--once"])

    out = capsys.readouterr().out
    assert code == 6, out  # was 0, "nothing to send"
    assert "account not confirmed" in out and "HTTP 401" in out
    assert _last_success(learner) is None  # was the run's date
    assert _status_file(learner).get("profiles", {}) == {}

    # Corrected: the next run confirms it.
    CredentialStore(learner.context.paths.secrets, keyring_backend=None).set(
        LrsAccount(learner.profile.id, ralph.url, ralph.username, "basic"), ralph.password
    )
    assert main(["sync", "--once"]) == 0
    assert _last_success(learner) is not None


def test_a_refused_account_is_not_asked_again_until_it_is_saved_again(
    ralph: RalphServer, learner_factory: Callable, capsys: pytest.CaptureFixture[str]
) -> None:
    """Review r5 #5: each run sent the refused password again (96 a day from the player; an
    LDAP behind the LRS locks the account, and on http:// it goes in clear each time)."""
    proxy = FaultProxy(ralph.url.split("/xAPI/")[0]).start()
    try:
        learner = learner_factory(proxy.url, ralph.username, "not-" + ralph.password)
        assert main(["sync", "--once"]) == 6
        assert [(s.ids, s.upstream_status) for s in proxy.log] == [((), 401)]
        first = capsys.readouterr().out

        for _ in range(2):  # refused still, said as before, the server asked nothing
            assert main(["sync", "--once"]) == 6
            assert capsys.readouterr().out == first
            assert len(proxy.log) == 1
        assert _last_success(learner) is None

        # Saved again (corrected): asked at the next run.
        CredentialStore(learner.context.paths.secrets, keyring_backend=None).set(
            LrsAccount(learner.profile.id, proxy.url, ralph.username, "basic"), ralph.password
        )
        assert main(["sync", "--once"]) == 0
        assert [s.upstream_status for s in proxy.log] == [401, 400]
        assert _last_success(learner) is not None
    finally:
        proxy.stop()


def test_an_address_where_nothing_listens_is_unreachable_not_a_success(
    ralph: RalphServer, learner_factory: Callable, capsys: pytest.CaptureFixture[str]
) -> None:
    endpoint = f"http://127.0.0.1:{_closed_port()}/xAPI/"
    learner = learner_factory(endpoint, ralph.username, ralph.password)

    code = main(["sync", "--once"])

    out = capsys.readouterr().out
    assert code == 3, out  # was 0: nothing waits, but nothing was confirmed either
    assert "account not confirmed: the LRS did not answer" in out
    assert _last_success(learner) is None


def test_a_password_saved_again_is_checked_again(
    ralph: RalphServer, learner_factory: Callable, capsys: pytest.CaptureFixture[str]
) -> None:
    learner = learner_factory(ralph.url, ralph.username, ralph.password)
    assert main(["sync", "--once"]) == 0
    first = _last_success(learner)
    assert first is not None

    CredentialStore(learner.context.paths.secrets, keyring_backend=None).set(
        LrsAccount(learner.profile.id, ralph.url, ralph.username, "basic"), "mistyped"
    )
    capsys.readouterr()
    assert main(["sync", "--once"]) == 6
    assert "HTTP 401" in capsys.readouterr().out
    assert _last_success(learner) == first  # the date the server last answered


def test_three_profiles_on_backoff_all_go_in_the_run_where_the_server_takes_one(
    ralph_factory: Callable[[], RalphServer], tmp_path: Path
) -> None:
    server = ralph_factory()
    proxy = FaultProxy(server.url.split("/xAPI/")[0], default="status:503").start()
    learner = make_learner(tmp_path / "home", proxy.url, server.username, server.password)
    store = learner.store
    credentials = CredentialStore(learner.context.paths.secrets, keyring_backend=None)
    profiles = [learner.profile.id]
    for name in ("Bob", "Chloé"):
        other = store.profiles.add(f"{name} {uuid.uuid4().hex[:8]}")
        home_page = f"https://learners.example.org/{uuid.uuid4()}"
        account = LrsAccount(other.id, proxy.url, server.username, "basic", home_page)
        credentials.set(account, server.password)
        store.profiles.link_account(other.id, home_page, server.username)
        profiles.append(other.id)
    for n, profile_id in enumerate(profiles):
        who = Learner(learner.home, learner.context, store, store.profiles.get(profile_id))
        append_frozen(who, [extra_statement(who, 10 * n + k) for k in range(3)])
    options = EngineOptions(backoff_base=5.0, backoff_cap=900.0)
    sync = PlayerSync.open(
        learner.context, store, options=options, timeouts=Timeouts(connect=5.0, read=5.0)
    )
    try:
        down = sync.push()
        assert down.delivered == 0 and down.waiting == 9
        # Each profile's own backoff as the outage left it: the first due now, the others in
        # 2 and 15 minutes.
        at = time.time()
        with write_transaction(store.conn):
            for profile_id, due in zip(profiles, (at - 1.0, at + 120.0, at + 900.0), strict=True):
                store.conn.execute(
                    "UPDATE outbox SET next_attempt_at = ? WHERE profile_id = ?"
                    " AND state = 'queued'",
                    (due, profile_id),
                )
        proxy.default = "pass"  # the server is back

        up = sync.push()  # not forced: the network never went (QNetworkInformation Online)

        assert {p.profile_id: p.delivered for p in up.profiles} == dict.fromkeys(profiles, 3)
        assert up.waiting == 0 and up.status == "done"
        for profile_id in profiles:
            assert store.outbox.counts(profile_id).queued == 0
    finally:
        sync.close()
        proxy.stop()
        learner.close()
