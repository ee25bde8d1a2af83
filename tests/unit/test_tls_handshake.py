"""A TLS handshake the server never finishes (it accepts the connection and says nothing, or
trickles its ServerHello a byte at a time) ends within the connect timeout as a connect timeout,
and at once when its thread's stop turns true (sync/http.py, sync/http_stop.py). Real sockets
on 127.0.0.1: a plain stdlib listener that never speaks TLS."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Literal

import pytest
import requests

from sync.catalog import CatalogError, fetch_catalog
from sync.download_state import FailureKind
from sync.http import Timeouts, make_session
from sync.http_stop import RequestStopped
from sync.lookup import stop_waiting_when
from sync.lrs import BasicAuth, LrsClient, Outcome
from tests.guard import GUARD_S
from tests.unit.test_lookup import _certificate

Mode = Literal["silent", "trickle"]
#: A TLS record header announcing a 16 KB handshake record: the client waits for all of it.
RECORD_HEADER = bytes([0x16, 0x03, 0x03, 0x3F, 0xFF])
#: Far below every timeout below: a per-byte timeout would never end the handshake.
TRICKLE_EVERY = 0.05
#: A timeout the tests never reach: what ends a request is then what the test says.
HOUR_S = 3600.0


class HoldingServer:
    """Accepts connections, reads the ClientHello and holds them: says nothing (`silent`), or
    answers one byte every TRICKLE_EVERY s (`trickle`), until closed, or GUARD_S after it
    started (`guarded` then tells): a guard against a handshake that never ends, which the
    client then sees end in a reset, never in a timeout nor a stop."""

    def __init__(self, mode: Mode) -> None:
        self.mode = mode
        self.done = threading.Event()
        self.accepted = threading.Event()
        self.hello = threading.Event()  # the ClientHello came (and a trickle's first byte went)
        self.guarded = False
        self._guard = threading.Timer(GUARD_S, self._expire)
        self._guard.daemon = True
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._clients: list[socket.socket] = []
        self.port = self._listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()
        self._guard.start()

    def _expire(self) -> None:
        self.guarded = True
        self.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:  # closed: the test is over
                return
            self._clients.append(client)
            self.accepted.set()
            threading.Thread(target=self._hold, args=(client,), daemon=True).start()

    def _hold(self, client: socket.socket) -> None:
        try:
            client.recv(64 * 1024)  # the ClientHello
            if self.mode == "silent":
                self.hello.set()
                return
            client.sendall(RECORD_HEADER)
            self.hello.set()
            while not self.done.wait(TRICKLE_EVERY):
                client.sendall(b"\0")
        except OSError:  # the client gave up
            pass

    def close(self) -> None:
        self._guard.cancel()
        self.done.set()
        self._listener.close()
        for client in self._clients:
            client.close()


@pytest.fixture(params=["silent", "trickle"])
def holding(request: pytest.FixtureRequest) -> Iterator[HoldingServer]:
    server = HoldingServer(request.param)
    try:
        yield server
    finally:
        server.close()


def test_a_handshake_never_finished_is_a_connect_timeout_within_it(holding: HoldingServer) -> None:
    # The handshake as a whole (a trickle never lets each byte's wait end), and the connect
    # timeout, not the read's (an hour): the client gives up while the server still holds it.
    timeouts = Timeouts(connect=0.5, read=HOUR_S)
    with (
        make_session("test", timeouts=timeouts) as session,
        pytest.raises(requests.ConnectTimeout) as caught,
    ):
        session.get(f"https://127.0.0.1:{holding.port}/")
    assert holding.accepted.is_set() and not holding.guarded
    assert holding.hello.is_set()
    assert "TLS handshake with 127.0.0.1 timed out. (connect timeout=0.5)" in str(caught.value)
    assert "read timeout" not in str(caught.value)


def test_a_stop_ends_a_handshake_at_once(holding: HoldingServer) -> None:
    # The stop comes once the handshake is under way, and the timeouts are an hour: the request
    # ends by the stop alone, while the server still holds the handshake.
    stop = threading.Event()
    hello = holding.hello
    threading.Thread(target=lambda: hello.wait(GUARD_S) and stop.set(), daemon=True).start()
    session = make_session("test", timeouts=Timeouts(connect=HOUR_S, read=HOUR_S))
    with session, stop_waiting_when(stop.is_set), pytest.raises(RequestStopped, match="stopped"):
        session.get(f"https://127.0.0.1:{holding.port}/")
    assert stop.is_set() and not holding.guarded


def test_a_catalog_and_the_lrs_word_a_handshake_timeout_in_one_line(
    tmp_path: Path, holding: HoldingServer
) -> None:
    source = f"https://127.0.0.1:{holding.port}/"
    with make_session("test", timeouts=Timeouts(connect=0.3, read=5.0)) as session:
        with pytest.raises(CatalogError) as caught:
            fetch_catalog(source, tmp_path, session, timeout=(0.3, 5.0))
        line = "127.0.0.1 did not answer within 0.3 s"  # the connect timeout's, as the LRS says
        assert str(caught.value) == f"cannot reach {source}catalog.json: {line}"
        assert caught.value.kind is FailureKind.NETWORK
        client = LrsClient(f"{source}xAPI/", BasicAuth("learner", "secret"), session)
        result = client.post_statements([b'{"id": "x"}'])
    assert result.outcome is Outcome.RETRY
    assert result.answer == "127.0.0.1 did not answer within 0.3 s"  # the connect timeout's


class _Redirecting(BaseHTTPRequestHandler):
    """`/go` redirects to `server.target`; `/held` answers once `server.answer` is set
    (keep-alive)."""

    protocol_version = "HTTP/1.1"
    server: _TlsServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/hold":  # the redirect's target: answers only at the end of the test
            self.server.holding.set()
            self.server.done.wait(GUARD_S)
            self.close_connection = True
            return
        if self.path == "/go":
            self.send_response(302)
            self.send_header("Location", self.server.target)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.server.held.set()
        self.server.answer.wait(GUARD_S)
        body = b'{"ok": true}'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _TlsServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, context: ssl.SSLContext | None) -> None:
        super().__init__(("127.0.0.1", 0), _Redirecting)
        if context is not None:
            self.socket = context.wrap_socket(self.socket, server_side=True)
        self.target = ""
        self.done = threading.Event()
        self.held = threading.Event()
        self.holding = threading.Event()
        self.answer = threading.Event()
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.done.set()
        self.answer.set()
        self.shutdown()
        self.server_close()


def test_a_stop_after_a_redirect_leaves_the_first_tls_connection_to_its_next_request(
    tmp_path: Path,
) -> None:
    """The TLS connection of a redirect's first hop goes back to the pool while the request
    goes on: a stop of that request must not shut it under another request (through the
    duplicate kept to cut its handshake short). That other request is answered only once the
    stop has ended the first one, so a stop that shut its connection has done so by then."""
    cert_file, key_file = _certificate(tmp_path, "localhost")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    tls, plain = _TlsServer(context), _TlsServer(None)
    tls.target = f"http://127.0.0.1:{plain.server_address[1]}/hold"
    base = f"https://localhost:{tls.server_address[1]}"
    stop = threading.Event()
    failures: list[BaseException] = []
    try:
        with make_session("test", timeouts=Timeouts(connect=HOUR_S, read=HOUR_S)) as session:

            def redirected() -> None:
                with stop_waiting_when(stop.is_set):
                    try:
                        session.get(f"{base}/go", verify=str(cert_file))
                    except requests.RequestException as exc:
                        failures.append(exc)
                    finally:
                        tls.answer.set()  # the stop has shut what it shuts

            first = threading.Thread(target=redirected, daemon=True)
            first.start()
            assert plain.holding.wait(GUARD_S)  # the first hop's connection is back in the pool
            held = tls.held
            threading.Thread(target=lambda: held.wait(GUARD_S) and stop.set(), daemon=True).start()
            answer = session.get(f"{base}/held", verify=str(cert_file))  # that connection
            assert answer.json() == {"ok": True}
            first.join(GUARD_S)  # a guard against a stop that never ends the first request
            assert not first.is_alive(), f"the first request still waits after {GUARD_S:.0f} s"
    finally:
        tls.close()
        plain.close()
    assert stop.is_set()
    assert len(failures) == 1 and isinstance(failures[0], RequestStopped), failures
