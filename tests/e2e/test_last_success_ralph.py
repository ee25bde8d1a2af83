""" "Last successful sync" per learner, through `cartable sync` against a real Ralph: Alice's
records all delivered, Bob's refused by the server; Alice's date moves, Bob's does not."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from player.__main__ import main
from player.player_sync import PlayerSync
from sync.credentials import CredentialStore, LrsAccount
from tests.e2e.conftest import RalphServer
from tests.e2e.sync_support import (
    Learner,
    append_frozen,
    extra_statement,
    make_learner,
    study_demo_course,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def alice(tmp_path: Path, ralph: RalphServer) -> Iterator[Learner]:
    made = make_learner(tmp_path / "home", ralph.url, ralph.username, ralph.password)
    yield made
    made.close()


def second_learner(alice: Learner, ralph: RalphServer) -> Learner:
    """Bob, on Alice's computer, with an account of his own on the same LRS."""
    store = alice.store
    bob = store.profiles.add(f"Bob {uuid.uuid4().hex[:8]}")
    home_page = f"https://learners.example.org/{uuid.uuid4()}"
    account = LrsAccount(bob.id, ralph.url, ralph.username, "basic", home_page)
    CredentialStore(alice.context.paths.secrets, keyring_backend=None).set(account, ralph.password)
    bob = store.profiles.link_account(bob.id, home_page, ralph.username)
    return Learner(alice.home, alice.context, store, bob)


def test_one_learners_refused_records_leave_anothers_last_successful_sync_alone(
    alice: Learner, ralph: RalphServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CARTABLE_HOME", str(alice.home))
    bob = second_learner(alice, ralph)
    study_demo_course(alice)
    append_frozen(bob, [extra_statement(bob, n, refused=True) for n in range(3)])  # 422 each

    assert main(["sync", "--once"]) != 0  # Bob's records wait or were refused
    assert alice.store.outbox.counts(alice.profile.id).queued == 0
    assert alice.store.outbox.counts(bob.profile.id).delivered == 0
    sync = PlayerSync.open(alice.context, alice.store)
    try:
        assert sync.last_success(alice.profile.id) is not None  # was: never, for Bob's sake
        assert sync.last_success(bob.profile.id) is None
        assert sync.last_success(None) is None  # not every learner's records went
    finally:
        sync.close()
