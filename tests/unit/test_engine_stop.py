"""A stop (the application quits) ends a request under way at once, whatever the server does:
it never answers, it trickles its answer, it never accepts the connection (sync/http_stop.py,
through sync.lookup's `stop_waiting_when`); and the engine records nothing of a request so ended
nor of one that failed once cancelled, and sends nothing more (a split's halves included).
Real stdlib servers, the real outbox."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from sync.engine import SyncEngine
from sync.http import Timeouts, make_session
from sync.http_stop import RequestStopped
from sync.lookup import stop_waiting_when
from sync.lrs import BasicAuth, LrsClient, Outcome, PostResult
from sync.outbox import Outbox
from tests.guard import GUARD_S, guarded
from tests.slow_lrs import Mode, SlowLrs
from tests.unit.engine_support import FakeClock, FakeLrs, engine, open_outbox, queue, statement
from tests.unit.test_lookup import _certificate

SLOW = Timeouts(connect=3600.0, read=3600.0)
"""Timeouts no test reaches: a request the servers hold (until the test ends) then ends by the
stop alone."""


def set_when(event: threading.Event, stop: threading.Event) -> threading.Event:
    """`stop`, set as soon as `event` is (the server holds the request from then on)."""
    threading.Thread(target=lambda: event.wait(GUARD_S) and stop.set(), daemon=True).start()
    return stop


class PolledStop:
    """A stop that turns true once it has been looked at `after` times: the request was then
    waiting, and looking at its stop as it waits."""

    def __init__(self, after: int) -> None:
        self.after = after
        self.looks = 0
        self._lock = threading.Lock()

    def __call__(self) -> bool:
        with self._lock:
            self.looks += 1
            return self.looks > self.after


@pytest.fixture
def unaccepting() -> Iterator[str]:
    """A listener whose accept queue is full: a new connection hangs in its handshake."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    queued = socket.create_connection(("127.0.0.1", port), timeout=1)
    try:
        yield f"http://127.0.0.1:{port}/xAPI/"
    finally:
        queued.close()
        listener.close()


@pytest.mark.parametrize("mode", ["stall", "trickle"])
def test_a_stop_ends_a_request_the_server_holds_at_once(mode: Mode) -> None:
    lrs = SlowLrs(mode)
    session = make_session("test", timeouts=SLOW)
    try:
        stop = set_when(lrs.arrived, threading.Event())

        def post() -> None:
            with stop_waiting_when(stop.is_set), pytest.raises(RequestStopped, match="stopped"):
                session.post(f"{lrs.url()}statements", data=b"[]")

        guarded(post)
        assert not lrs.release.is_set()  # ended while the server still held it
    finally:
        session.close()
        lrs.stop()


def test_a_stop_ends_a_request_over_tls_the_server_holds_at_once(tmp_path: Path) -> None:
    """HTTPS, as an institution's LRS is: the TLS socket is shut down under the reading thread."""
    cert_file, key_file = _certificate(tmp_path, "localhost")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    lrs = SlowLrs("trickle", tls=context)
    session = make_session("test", timeouts=SLOW)
    try:
        stop = set_when(lrs.arrived, threading.Event())

        def post() -> None:
            with stop_waiting_when(stop.is_set), pytest.raises(RequestStopped):
                url = f"{lrs.url('localhost')}statements"
                session.post(url, data=b"[]", verify=str(cert_file))

        guarded(post)
        assert not lrs.release.is_set()  # ended while the server still held it
    finally:
        session.close()
        lrs.stop()


def test_a_stop_ends_a_connection_the_server_does_not_accept(unaccepting: str) -> None:
    session = make_session("test", timeouts=SLOW)
    stop = PolledStop(after=3)  # true while the connection waits, never accepted

    def get() -> None:
        with stop_waiting_when(stop), pytest.raises(RequestStopped):
            session.get(unaccepting)

    try:
        guarded(get)
    finally:
        session.close()
    assert stop.looks > stop.after


def test_a_connection_not_accepted_still_times_out_and_no_stop_changes_nothing(
    unaccepting: str,
) -> None:
    """The polled connect keeps its timeout; a stop never set and a request with no stop at
    all behave as before (a server that answers is read whole)."""
    session = make_session("test", timeouts=Timeouts(connect=0.3, read=3600.0))
    lrs = SlowLrs("answer")
    never = PolledStop(after=10**9)
    try:

        def get() -> None:
            with stop_waiting_when(never), pytest.raises(requests.ConnectTimeout) as caught:
                session.get(unaccepting)
            # Its own 0.3 s, not the read's hour, nor never (the guard).
            assert "connect timeout=0.3" in str(caught.value)

        guarded(get)
        assert never.looks > 0  # the stop was looked at all along, and changed nothing
        body = b'[{"id": "a"}]'
        with stop_waiting_when(lambda: False):
            assert session.post(f"{lrs.url()}statements", data=body).json() == ["a"]
        assert session.post(f"{lrs.url()}statements", data=body).json() == ["a"]
    finally:
        session.close()
        lrs.stop()


def rows(outbox: Outbox, profile: str) -> list[tuple[str, int]]:
    return [(r.state, r.attempts) for r in outbox.iter_rows(profile)]


@pytest.mark.parametrize("mode", ["stall", "trickle"])
def test_a_cancel_during_a_hung_post_ends_the_run_and_writes_nothing(
    tmp_path: Path, mode: Mode
) -> None:
    lrs = SlowLrs(mode)
    outbox = open_outbox(tmp_path)
    queue(outbox, "p1", [statement(n) for n in range(3)])
    session = make_session("test", timeouts=SLOW)
    client = LrsClient(lrs.url(), BasicAuth("learner", "secret"), session)
    sync = SyncEngine(outbox, lambda profile: client)
    try:
        cancel = set_when(lrs.arrived, threading.Event())
        report = guarded(lambda: sync.run(cancel=cancel, force=True))
        assert not lrs.release.is_set()  # ended while the server still held the POST
        assert report.status == "cancelled"
        assert rows(outbox, "p1") == [("queued", 0)] * 3  # no attempt, no backoff, no error
        assert outbox.take_batch("p1", 3, 0.0)[0].last_error is None
    finally:
        session.close()
        lrs.stop()


class CancelOnFirstRefusal(FakeLrs):
    """Refuses the first batch as a whole (one bad statement), and the quit comes then."""

    def __init__(self, cancel: threading.Event) -> None:
        super().__init__()
        self.cancel = cancel

    def post_statements(self, bodies: list[bytes]) -> PostResult:  # type: ignore[override]
        result = super().post_statements(bodies)
        if result.outcome is Outcome.REFUSED:
            self.cancel.set()
        return result


def test_a_cancel_between_two_halves_of_a_refused_batch_sends_no_more(tmp_path: Path) -> None:
    outbox = open_outbox(tmp_path)
    queue(outbox, "p1", [statement(0, bad=True), *[statement(n) for n in range(1, 4)]])
    cancel = threading.Event()
    lrs = CancelOnFirstRefusal(cancel)
    report = engine(outbox, lrs, FakeClock()).run(cancel=cancel, force=True)
    assert report.status == "cancelled"
    assert len(lrs.requests) == 1
    assert rows(outbox, "p1") == [("queued", 0)] * 4  # nothing set aside, nothing marked


def test_a_post_that_failed_once_cancelled_is_not_counted_as_an_attempt(tmp_path: Path) -> None:
    """Whatever ended it (here the stop came while the server dropped the connection)."""
    outbox = open_outbox(tmp_path)
    queue(outbox, "p1", [statement(n) for n in range(2)])
    cancel = threading.Event()

    class Dropped(FakeLrs):
        def post_statements(self, bodies: list[bytes]) -> PostResult:  # type: ignore[override]
            self.requests.append([])
            cancel.set()
            return PostResult(Outcome.RETRY, None, answer="ConnectionError: reset")

    lrs = Dropped()
    report = engine(outbox, lrs, FakeClock()).run(cancel=cancel, force=True)
    assert report.status == "cancelled"
    assert rows(outbox, "p1") == [("queued", 0)] * 2
