"""A send or a grade read that got no answer is kept and shown as one short line
(sync/request_failure.py), not as urllib3's "HTTPConnectionPool(host=…): Max retries exceeded …
(Caused by NewConnectionError(…))". Real failures: a closed port, a `.invalid` name, a server
that never answers, a TLS server with a self-signed certificate."""

from __future__ import annotations

import socket
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
import urllib3.exceptions

from sync.http import Timeouts, make_session
from sync.lrs import BasicAuth, LrsClient, LrsError, Outcome
from sync.request_failure import failure_line, is_failure_line
from tests.unit.test_lookup import _certificate

STATEMENT = b'{"id":"6c1f0f4e-9b8e-4a43-9d52-3a1b6f0e0a01"}'
AUTH = BasicAuth("awa", "hunter2")


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with make_session("1.0", timeouts=Timeouts(connect=2, read=0.3)) as s:
        yield s


def closed_port() -> int:
    with socket.socket() as sock:  # bound, then closed: nobody listens on it
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def sent_to(endpoint: str, session: requests.Session) -> str:
    """What a POST to `endpoint` that got no answer is kept with."""
    result = LrsClient(endpoint, AUTH, session).post_statements([STATEMENT])
    assert (result.outcome, result.status) == (Outcome.RETRY, None)
    assert "hunter2" not in result.answer and "\n" not in result.answer
    assert is_failure_line(result.answer)
    return result.answer


def test_a_closed_port_is_a_connection_refused(session: requests.Session) -> None:
    port = closed_port()
    endpoint = f"http://127.0.0.1:{port}/xapi/"
    line = f"could not connect to 127.0.0.1:{port} (connection refused)"
    assert sent_to(endpoint, session) == line
    with pytest.raises(LrsError) as caught:  # a grade read says it the same way
        list(LrsClient(endpoint, AUTH, session).get_statements({"mbox": "mailto:a@example.org"}))
    assert caught.value.answer == line


def test_a_name_not_found(session: requests.Session) -> None:
    assert sent_to("https://lrs.cartable.invalid/xapi/", session) == (
        "the server name lrs.cartable.invalid was not found (no network or a wrong address?)"
    )


def test_a_server_that_never_answers_is_said_with_the_read_timeout(
    session: requests.Session,
) -> None:
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                held.append(listener.accept()[0])  # accepted, never answered
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    try:
        line = sent_to(f"http://127.0.0.1:{listener.getsockname()[1]}/xapi/", session)
    finally:
        listener.close()
        for client in held:
            client.close()
    assert line == "127.0.0.1 did not answer within 0.3 s"


def test_a_self_signed_certificate(tmp_path: Path, session: requests.Session) -> None:
    cert_file, key_file = _certificate(tmp_path, "lrs.example.org")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        line = sent_to(f"https://127.0.0.1:{httpd.server_address[1]}/xapi/", session)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert line == (
        "the secure connection to 127.0.0.1 failed: its certificate is self-signed, not from an "
        "authority this computer trusts"
    )


@pytest.mark.parametrize(
    "text",
    [
        "HTTP 502: x did not answer in time",  # a server's answer, whatever it says
        "HTTP 500: could not connect to db:5432 (connection refused)",
        "ConnectionError: HTTPConnectionPool(host='x', port=80)",
    ],
)
def test_a_server_answer_or_a_raw_exception_is_not_a_failure_line(text: str) -> None:
    assert not is_failure_line(text)


def _unusual_errors() -> list[BaseException]:
    cycle_a, cycle_b = ValueError("a"), ValueError("b")
    cycle_a.__cause__, cycle_b.__cause__ = cycle_b, cycle_a
    bare_verify = ssl.SSLCertVerificationError()  # made outside the ssl module: no verify_code
    odd_verify = ssl.SSLCertVerificationError("x")
    odd_verify.verify_code, odd_verify.verify_message = 99, 5  # type: ignore[attr-defined]

    class FailingReason(Exception):
        @property
        def reason(self) -> str:
            raise RuntimeError("no reason")

    return [
        cycle_a,
        Exception(),
        urllib3.exceptions.ProtocolError("x", OSError(5, 7)),  # strerror not a str
        urllib3.exceptions.ProtocolError("x", OSError([], "x")),  # errno not a number
        requests.exceptions.SSLError(bare_verify),
        requests.exceptions.SSLError(odd_verify),
        FailingReason(),
    ]


@pytest.mark.parametrize("url", ["http://h:1/x", "http://[::1/x"])
@pytest.mark.parametrize("error", _unusual_errors(), ids=repr)
def test_an_unusual_exception_or_address_is_worded_without_raising(
    error: BaseException, url: str
) -> None:
    line = failure_line(error, url)
    assert line is None or isinstance(line, str)
