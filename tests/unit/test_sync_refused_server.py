"""A request that never went (a connection refused, a TLS handshake reset or failed) says
nothing of the batch's size and is the same for every profile on that server: it leaves the
batch size alone and holds the other profiles of the run, as a name not found does
(tests/unit/test_sync_unanswered_server.py). Each profile paid its own connect attempt and
halved the size (5 profiles: 50 -> 1 in one run). A request cut after it went still halves it.
Real PlayerSync, real SQLite, real sockets on 127.0.0.1."""

from __future__ import annotations

import contextlib
import socket
import struct
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import pytest

from player.player_sync import PlayerSync
from sync.credentials import CredentialStore, LrsAccount
from sync.engine import EngineOptions, SyncProgress
from sync.request_failure import is_failure_line
from tests.e2e.sync_support import Learner, append_frozen, extra_statement, make_learner
from tests.unit.test_sync_unanswered_server import reads

PROFILES = 5
OPTIONS = EngineOptions(batch_size=50)

Mode = Literal["reset", "not_tls"]


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


def closed_port() -> int:
    """A port on 127.0.0.1 nobody listens on: bound, then closed."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Rude:
    """A server on 127.0.0.1 that counts the connections it takes and, as `mode` says, reads
    the first bytes sent then resets the connection ("reset": a TLS client's handshake, or an
    HTTP request, is cut), or answers in plain text ("not_tls": a TLS handshake fails)."""

    mode: Mode
    accepted: int = 0
    _sock: socket.socket = field(default_factory=socket.socket)
    _done: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.05)  # to see `_done` between two accepts
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._sock.getsockname()[1])

    def _serve(self) -> None:
        while not self._done.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            self.accepted += 1
            with conn:
                conn.settimeout(5)
                with contextlib.suppress(OSError):
                    conn.recv(65536)  # the client is connected and sending
                    if self.mode == "not_tls":
                        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")
                        continue
                # Close with a reset (RST), not a FIN.
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    def stop(self) -> None:
        self._done.set()
        self._thread.join()
        self._sock.close()


@pytest.fixture
def rude(request: pytest.FixtureRequest) -> Iterator[Rude]:
    server = Rude(request.param)
    yield server
    server.stop()


def _open(learner: Learner, tries: list[str]) -> PlayerSync:
    """PlayerSync on `learner`'s installation; `tries` gets the profile of each request that
    failed (the engine's "retry" progress: one per request sent, none for a profile held)."""

    def progress(step: SyncProgress) -> None:
        if step.kind == "retry":
            tries.append(step.profile_id)

    return PlayerSync.open(learner.context, learner.store, options=OPTIONS, on_progress=progress)


def test_a_refused_connection_is_tried_once_per_run_and_leaves_the_batch_size_alone(
    tmp_path: Path,
) -> None:
    port = closed_port()
    learner, ids = learners(tmp_path, f"http://127.0.0.1:{port}/xAPI/")
    tries: list[str] = []
    sync = _open(learner, tries)
    try:
        report = sync.push(force=True, patience=0)
        pulled = sync.pull(reads(ids))
        sizes = dict(sync.engine._sizes)
    finally:
        sync.close()
        learner.close()
    assert sizes == {}  # nothing went: nothing says the batches are too big (was 50 -> 1)
    assert tries == [report.profiles[0].profile_id]  # one connection attempt, not 5
    refused = f"could not connect to 127.0.0.1:{port} (connection refused)"
    assert [(p.reason, p.waiting, p.detail) for p in report.profiles] == [
        ("retry", 3, refused)
    ] * PROFILES
    assert is_failure_line(refused)  # the GUI words it
    first = report.profiles[0].next_attempt_at
    assert first is not None and all(p.next_attempt_at == first for p in report.profiles)
    assert all(p.error.endswith(f": {refused}") for p in pulled)  # no read tried either


@pytest.mark.parametrize("rude", ["reset", "not_tls"], indirect=True)
def test_a_failed_tls_handshake_is_tried_once_per_run_and_leaves_the_batch_size_alone(
    tmp_path: Path, rude: Rude
) -> None:
    learner, ids = learners(tmp_path, f"https://127.0.0.1:{rude.port}/xAPI/")
    tries: list[str] = []
    sync = _open(learner, tries)
    try:
        report = sync.push(force=True, patience=0)
        sent = rude.accepted
        pulled = sync.pull(reads(ids))
        sizes = dict(sync.engine._sizes)
    finally:
        sync.close()
        learner.close()
    assert sizes == {}
    assert (sent, rude.accepted) == (1, 1)  # was 5 connections, then 5 more to read grades
    assert tries == [report.profiles[0].profile_id]
    first = report.profiles[0].detail
    assert first.startswith(("127.0.0.1 closed", "the secure connection to 127.0.0.1 failed"))
    assert [(p.reason, p.waiting, p.detail) for p in report.profiles] == [
        ("retry", 3, first)
    ] * PROFILES
    assert all(p.error.endswith(f": {first}") for p in pulled)


@pytest.mark.parametrize("rude", ["reset"], indirect=True)
def test_a_request_cut_after_it_went_still_halves_the_batch_size(
    tmp_path: Path, rude: Rude
) -> None:
    """The link may drop long bodies: a shorter batch may go (sync.engine's RETRY)."""
    learner, _ = learners(tmp_path, f"http://127.0.0.1:{rude.port}/xAPI/")
    tries: list[str] = []
    sync = _open(learner, tries)
    try:
        sync.push(force=True, patience=0)
        sizes = {server: link.size for server, link in sync.engine._sizes.items()}
    finally:
        sync.close()
        learner.close()
    assert sizes == {f"http://127.0.0.1:{rude.port}": 1}


@pytest.mark.parametrize("rude", ["reset"], indirect=True)
def test_grade_reads_of_a_server_whose_tls_handshake_fails_are_tried_once(
    tmp_path: Path, rude: Rude
) -> None:
    """Without a send before (nothing queued to send): the first read tells for the others."""
    learner, ids = learners(tmp_path, f"https://127.0.0.1:{rude.port}/xAPI/")
    sync = _open(learner, [])
    try:
        pulled = sync.pull(reads(ids))
    finally:
        sync.close()
        learner.close()
    assert rude.accepted == 1  # was 5
    line = "127.0.0.1 closed the connection without answering"
    assert all(p.error.endswith(f": {line}") for p in pulled)
