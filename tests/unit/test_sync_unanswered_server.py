"""A server that gives no answer, whoever asks, is asked once per run, not once per profile on it:
a grade read that hangs until its timeout (as a send that hangs already did: 10 profiles cost 10
timeouts, one after the other), and a server name that is not found (each profile looked it up
again, and each failure halved the batch size of the server's link, though no byte was sent).
Real PlayerSync, real SQLite, real HTTP: a stdlib server that never answers (tests/slow_lrs.py)
and a name under .invalid (RFC 2606: never resolves), looked up by the system's resolver."""

from __future__ import annotations

import socket
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from player.player_sync import PlayerSync, PullRequest
from sync.credentials import CredentialStore, LrsAccount
from sync.engine import EngineOptions
from sync.http import Timeouts
from sync.request_failure import is_failure_line
from tests.e2e.sync_support import Learner, append_frozen, extra_statement, make_learner
from tests.slow_lrs import SlowLrs

PROFILES = 4
INVALID = "lrs.cartable-test.invalid"


def learners(home: Path, endpoint: str) -> tuple[Learner, list[str]]:
    """An installation with PROFILES profiles on `endpoint`, three statements queued each."""
    learner = make_learner(home, endpoint, "u0", "p")
    ids = [learner.profile.id]
    append_frozen(learner, [extra_statement(learner, n) for n in range(3)])
    credentials = CredentialStore(learner.context.paths.secrets, keyring_backend=None)
    for n in range(1, PROFILES):
        profile = learner.store.profiles.add(f"Learner {n}")
        home_page = f"https://learners.example.org/{uuid.uuid4()}"
        credentials.set(LrsAccount(profile.id, endpoint, f"u{n}", "basic", home_page), "p")
        learner.profile = learner.store.profiles.link_account(profile.id, home_page, f"u{n}")
        append_frozen(learner, [extra_statement(learner, k) for k in range(3)])
        ids.append(profile.id)
    return learner, ids


def reads(ids: list[str]) -> list[PullRequest]:
    """One exam awaiting its grade per profile."""
    agent = {"account": {"homePage": "https://learners.example.org", "name": "x"}}
    exam = "https://courses.example.org/exam"
    return [PullRequest(p, (agent,), {str(uuid.uuid4()): exam}, None) for p in ids]


@pytest.fixture
def stalling() -> Iterator[SlowLrs]:
    lrs = SlowLrs("stall")
    yield lrs
    lrs.stop()


def test_a_grade_read_that_hangs_is_not_asked_again_for_the_other_profiles(
    tmp_path: Path, stalling: SlowLrs
) -> None:
    learner, ids = learners(tmp_path, stalling.url())
    sync = PlayerSync.open(learner.context, learner.store, timeouts=Timeouts(connect=2, read=0.3))
    try:
        pulled = sync.pull(reads(ids))
    finally:
        sync.close()
        learner.close()
    assert [line.split(" ", 1)[0] for line, _ in stalling.requests] == ["GET"]  # not 4
    first, *others = [p.error for p in pulled]
    assert "127.0.0.1 did not answer within 0.3 s" in first
    server = f"http://127.0.0.1:{stalling.port}"
    for error in others:
        assert error.endswith(f": not asked: {server} did not answer another profile's request")
        assert is_failure_line(error.split(": no answer (retry): ", 1)[1])  # the GUI words it


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names looked up, each by the system's own resolver."""
    asked: list[str] = []
    real = socket.getaddrinfo

    def counting(host: Any, *args: Any, **kwargs: Any) -> Any:
        asked.append(host)
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", counting)
    return asked


def test_a_server_name_not_found_is_looked_up_once_per_run(
    tmp_path: Path, lookups: list[str]
) -> None:
    learner, ids = learners(tmp_path, f"https://{INVALID}/xAPI/")
    options = EngineOptions(batch_size=50)
    sync = PlayerSync.open(learner.context, learner.store, options=options)
    try:
        report = sync.push(force=True, patience=0)
        pulled = sync.pull(reads(ids))
        assert sync.engine._sizes == {}  # no byte went: nothing says the link is too slow
    finally:
        sync.close()
        learner.close()
    assert lookups == [INVALID]  # not one per profile, sends and grade reads
    not_found = f"the server name {INVALID} was not found (no network or a wrong address?)"
    assert [(p.reason, p.waiting, p.detail) for p in report.profiles] == [
        ("retry", 3, not_found)
    ] * PROFILES
    assert all(p.error.endswith(f": {not_found}") for p in pulled)


def test_the_profile_whose_own_send_hung_is_told_its_own_timeout_not_another_profiles(
    tmp_path: Path, stalling: SlowLrs
) -> None:
    """A one-learner laptop: its send timed out, so its grade read is not made this run, and
    it says so in its own words. Before: 'not asked: <server> did not answer another profile's
    request', though there is no other profile."""
    learner = make_learner(tmp_path, stalling.url(), "u0", "p")
    append_frozen(learner, [extra_statement(learner, n) for n in range(3)])
    sync = PlayerSync.open(learner.context, learner.store, timeouts=Timeouts(connect=2, read=0.3))
    try:
        report = sync.push(force=True)
        [pulled] = sync.pull(reads([learner.profile.id]))
    finally:
        sync.close()
        learner.close()
    assert report.profiles[0].reason == "retry"
    assert [line.split(" ", 1)[0] for line, _ in stalling.requests] == ["POST"]  # no GET
    assert "127.0.0.1 did not answer within 0.3 s" in pulled.error
    assert "another profile" not in pulled.error
