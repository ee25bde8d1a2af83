"""An answer trickled within the read timeout (which counts between two bytes only) is cut at
its deadline when read whole, a stop reaches the body of a streamed answer read after its
request returned, and neither ever shuts a connection gone back to its pool (sync/http.py,
sync/http_stop.py). Real stdlib servers on 127.0.0.1. "At its deadline" is checked by an
ordering, not by the wall clock: the server still trickles when the client goes away (it sees
the client drop it), and trickles until the test ends; a request that waited for the trickle
fails the guard (tests/guard.py)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

from sync.catalog import CatalogError, fetch_catalog, read_repository_file
from sync.download_state import FailureKind
from sync.http import AnswerTimeout, Timeouts, make_session
from sync.http_stop import WATCHDOG
from sync.lookup import stop_waiting_when
from sync.lrs import BasicAuth, LrsClient, Outcome
from tests.guard import GUARD_S, guarded
from tests.slow_lrs import SlowLrs

#: Far within every read timeout below: only a deadline on the whole answer ends a trickle.
TRICKLE_EVERY = 0.1
HOUR_S = 3600.0
FAST = Timeouts(connect=1.0, read=0.3)  # an answer's grace: 3 read timeouts, 0.9 s


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: connections go back to the pool
    server: Server

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        with self.server.lock:
            self.server.ports.append((self.path, self.client_address[1]))
        if self.path.startswith("/trickle/"):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", "2000")
            self.end_headers()
            self.wfile.flush()
            self.server.trickling.set()
            while not self.server.done.wait(TRICKLE_EVERY):
                try:
                    self.wfile.write(b" ")
                    self.wfile.flush()
                except OSError:  # the client gave up
                    self.server.dropped.set()
                    return
            self.close_connection = True
            return
        if self.path == "/held":
            self.server.held.set()
            self.server.answer.wait(GUARD_S)
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.ports: list[tuple[str, int]] = []  # (path, client port) of each request
        self.done = threading.Event()
        self.held = threading.Event()
        self.answer = threading.Event()  # `/held` answers once set
        self.trickling = threading.Event()  # a trickle's headers went
        self.dropped = threading.Event()  # a client went away from a trickle before its end
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    try:
        yield running
    finally:
        running.done.set()
        running.answer.set()
        running.shutdown()
        running.server_close()


def test_a_trickled_catalog_or_manifest_fails_at_its_deadline_in_one_line(
    tmp_path: Path, server: Server
) -> None:
    source = f"{server.url}trickle/"
    with make_session("test", timeouts=FAST) as session:
        for read in (
            lambda: fetch_catalog(source, tmp_path, session, timeout=(1.0, 0.3)),
            lambda: read_repository_file(
                source, "courses/toy/course.json", session, timeout=(1.0, 0.3)
            ),
        ):
            server.dropped.clear()
            with pytest.raises(CatalogError) as caught:
                guarded(read, "the read")
            # The grace, not the trickle's end: the client went away as the server trickled.
            assert server.dropped.wait(GUARD_S) and not server.done.is_set()
            text = str(caught.value)
            assert text.startswith(f"cannot reach {source}"), text
            assert ": 127.0.0.1 timed out (only " in text, text  # the line an LRS send says
            assert text.endswith(" bytes of the answer within 0.9 s)"), text  # the grace given
            assert "\n" not in text
            assert caught.value.kind is FailureKind.NETWORK  # retried like a timeout


def test_an_answer_read_whole_is_cut_at_its_deadline(server: Server) -> None:
    with make_session("test", timeouts=FAST) as session, pytest.raises(AnswerTimeout) as caught:
        guarded(lambda: session.get(f"{server.url}trickle/statements"), "the request")
    assert server.dropped.wait(GUARD_S) and not server.done.is_set()  # cut as it trickled
    assert isinstance(caught.value, requests.Timeout)
    assert caught.value.reason.startswith("timed out (only ")
    assert caught.value.reason.endswith(" bytes of the answer within 0.9 s)")  # the grace given


def test_an_lrs_trickling_its_headers_is_retried_at_the_deadline() -> None:
    lrs = SlowLrs("trickle")  # a status line, then a header byte every 0.2 s, until released
    try:
        with make_session("test", timeouts=FAST) as session:
            client = LrsClient(lrs.url(), BasicAuth("learner", "secret"), session)
            result = guarded(lambda: client.post_statements([b'{"id": "x"}']), "the post")
        # Its deadline ended it: the client went away while the server still trickled.
        assert lrs.dropped.wait(GUARD_S) and not lrs.release.is_set()
    finally:
        lrs.stop()
    assert result.outcome is Outcome.RETRY
    # One short line (sync/request_failure.py), not the exception's type and request line.
    assert result.answer == "127.0.0.1 timed out (no whole answer within 0.9 s)", result.answer


def test_a_stop_ends_a_trickled_catalog_body_at_once(tmp_path: Path, server: Server) -> None:
    stop = threading.Event()
    source = f"{server.url}trickle/"
    # The stop comes once the body trickles, and the timeouts are an hour: only the stop ends it.
    trickling = server.trickling
    threading.Thread(target=lambda: trickling.wait(GUARD_S) and stop.set(), daemon=True).start()
    with make_session("test", timeouts=Timeouts(connect=HOUR_S, read=HOUR_S)) as session:

        def fetch() -> None:
            with stop_waiting_when(stop.is_set):
                fetch_catalog(source, tmp_path, session, timeout=(HOUR_S, HOUR_S))

        with pytest.raises(CatalogError) as caught:
            guarded(fetch, "the fetch")
    assert server.dropped.wait(GUARD_S) and not server.done.is_set()  # cut as it trickled
    assert str(caught.value) == f"cannot reach {source}catalog.json: stopped"


class WatchdogPasses:
    """A watch that stops nothing and counts the watchdog's looks at it once `since` is set:
    at the third, the whole pass that began after `since` was set is over (each pass looks at
    every watch armed, in no set order), so every watch still armed then has been looked at
    with `since` set, and shut its connections if that is its stop. Sets `over` then."""

    def __init__(self, since: threading.Event) -> None:
        self.since = since
        self.over = threading.Event()
        self._looks = 0

    def __call__(self) -> bool:
        if self.since.is_set():
            self._looks += 1
            if self._looks >= 3:
                self.over.set()
        return False


@pytest.mark.parametrize("how", ["closed", "read to its end", "read by requests"])
def test_a_stop_after_a_finished_request_leaves_its_pooled_connection_usable(
    server: Server, how: str
) -> None:
    stop = threading.Event()
    with make_session("test", timeouts=Timeouts(connect=HOUR_S, read=HOUR_S)) as session:

        def first() -> None:
            with stop_waiting_when(stop.is_set):
                if how == "read by requests":
                    assert session.get(f"{server.url}first").json() == {"ok": True}
                    return
                response = session.get(f"{server.url}first", stream=True)
                if how == "closed":
                    with response:
                        assert response.raw.read() == b'{"ok": true}'
                else:  # released to the pool by urllib3 alone, never closed
                    assert b"".join(response.iter_content(64)) == b'{"ok": true}'

        guarded(first, "the first request")  # on a thread of its own, what it raised raised here
        # `/held` answers once the watchdog has looked at every watch with the stop set: a stop
        # that shut its connection has done so by then.
        passes = WatchdogPasses(stop)
        server.answer = passes.over
        held = server.held
        threading.Thread(target=lambda: held.wait(GUARD_S) and stop.set(), daemon=True).start()
        probe = WATCHDOG.arm(passes)
        try:
            answer = session.get(f"{server.url}held")  # no stop of its own, the same connection
        finally:
            WATCHDOG.disarm(probe)
        assert answer.json() == {"ok": True}
        assert passes.over.is_set(), f"no look of the watchdog with the stop set in {GUARD_S:.0f} s"
    assert stop.is_set()
    [(_, port), (_, again)] = server.ports
    assert again == port  # the first request's connection, from the pool
