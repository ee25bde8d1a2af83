"""An answer read whole into memory (an LRS's) is capped as decoded: a server sending a few KB of
gzip that inflate to more than WHOLE_ANSWER_MAX_BYTES is a retried failure in one line, not
gigabytes in the learner's memory (sync/http.py). A real stdlib server on 127.0.0.1."""

from __future__ import annotations

import gzip
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sync.http import WHOLE_ANSWER_MAX_BYTES, make_session
from sync.lrs import BasicAuth, LrsClient, LrsError, Outcome

#: Inflates to one byte over the cap; a few KB on the wire.
BOMB = gzip.compress(b"[" + b" " * (WHOLE_ANSWER_MAX_BYTES - 1) + b"]", compresslevel=9)
ACK = gzip.compress(b'["' + str(uuid.uuid4()).encode() + b'"]')


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _answer(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self._answer(BOMB if "bomb" in self.path else ACK)

    def do_GET(self) -> None:
        self._answer(BOMB)


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


def statement() -> bytes:
    return b'{"id": "%s"}' % str(uuid.uuid4()).encode()


def test_an_lrs_answer_inflating_past_the_cap_is_retried_in_one_line(server: str) -> None:
    assert len(BOMB) < 100_000  # what crosses the network: the cap is on what it becomes
    with make_session("test") as session:
        bombing = LrsClient(server + "bomb/", BasicAuth("u", "p"), session)
        result = bombing.post_statements([statement()])
        assert result.outcome is Outcome.RETRY
        assert "the answer is larger than 16 MB" in result.answer
        assert "\n" not in result.answer

        with pytest.raises(LrsError) as raised:
            bombing.about()
        assert raised.value.outcome is Outcome.RETRY
        assert "the answer is larger than 16 MB" in str(raised.value)

        # a small compressed answer on the same session is read as before
        fine = LrsClient(server, BasicAuth("u", "p"), session)
        assert fine.post_statements([statement()]).outcome is Outcome.DELIVERED
