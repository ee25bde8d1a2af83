"""`cartable sync` prints what a server said (a captive portal's page, a 400's message): on one
line of the terminal, its ESC and other control characters escaped as `\\x1b`. They reached it
raw: a page over several lines, an OSC sequence retitling the terminal, a `\\x1b[2J` clearing
it. A real HTTP server on 127.0.0.1 answers so; the command runs in a child process, the grade
read through the real `_run` and PlayerSync."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from player.commands import sync as command
from player.player_sync import PlayerSync
from tests.e2e.sync_support import append_frozen, extra_statement, make_learner
from tests.unit.test_sync_command_accounts import cartable_sync
from tests.unit.test_sync_unanswered_server import reads

#: A captive portal's page: several lines, an OSC sequence that retitles the terminal.
PORTAL = b"<html>\n<body>\nCaptive portal\n\x1b]0;owned\x07</body></html>"
#: An LRS's 400 message: a newline, an OSC sequence, a clear-screen.
REFUSAL = b'{"message": "bad statement\nfix it \x1b]0;owned\x07 \x1b[2J"}'
#: The mark of the statement the "refuse" server refuses (extra_statement's refused actor).
REFUSED_MARK = b"school.test"


class _Handler(BaseHTTPRequestHandler):
    server: Hostile

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if self.server.mode == "portal":
            self._send(200, "text/html", PORTAL)
        elif REFUSED_MARK in body or self.command == "GET":
            self._send(400, "application/json", REFUSAL)
        elif self.command == "POST":  # the others are taken: their ids
            self._send(200, "application/json", json.dumps([s["id"] for s in json.loads(body)]))
        else:
            self._send(204, "text/plain", b"")

    def _send(self, status: int, kind: str, body: bytes | str) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


class Hostile(ThreadingHTTPServer):
    """A server on 127.0.0.1 as `mode` says. "portal": a captive portal's page for every
    request; "refuse": an LRS taking every statement but the one with REFUSED_MARK, refused with
    REFUSAL (and every read too)."""

    daemon_threads = True

    def __init__(self, mode: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.mode = mode
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/xapi/"

    def stop(self) -> None:
        self.shutdown()
        self._thread.join()
        self.server_close()


@pytest.fixture
def hostile(request: pytest.FixtureRequest) -> Iterator[Hostile]:
    server = Hostile(request.param)
    yield server
    server.stop()


def _raw(text: str) -> list[str]:
    """The control characters in `text` but its newlines: none may reach the terminal."""
    return [c for c in text if (ord(c) < 32 and c != "\n") or ord(c) == 127]


@pytest.mark.parametrize("hostile", ["portal"], indirect=True)
def test_a_captive_portals_page_is_one_escaped_line(tmp_path: Path, hostile: Hostile) -> None:
    learner = make_learner(tmp_path, hostile.endpoint, "u", "p")
    append_frozen(learner, [extra_statement(learner, n) for n in range(2)])
    name = learner.profile.name
    learner.close()
    done = cartable_sync(tmp_path, "--once", "--wait", "0")
    assert done.returncode == command.EXIT_WAITING, done.stdout + done.stderr
    assert _raw(done.stdout + done.stderr) == []
    assert done.stdout.splitlines() == [
        f"{name}: sent 0 statements",
        f"{name}: 2 waiting: the LRS gave an unexpected answer (HTTP 200: <html> <body> Captive "
        "portal \\x1b]0;owned\\x07</body></html>)",
    ]


@pytest.mark.parametrize("hostile", ["refuse"], indirect=True)
def test_a_refused_statements_message_is_one_escaped_line(tmp_path: Path, hostile: Hostile) -> None:
    learner = make_learner(tmp_path, hostile.endpoint, "u", "p")
    append_frozen(learner, [extra_statement(learner, 0), extra_statement(learner, 1, refused=True)])
    learner.close()
    done = cartable_sync(tmp_path, "--once", "--wait", "0")
    assert done.returncode == command.EXIT_REFUSED, done.stdout + done.stderr
    assert _raw(done.stdout + done.stderr) == []
    [refused] = [line for line in done.stdout.splitlines() if ": refused " in line]
    assert refused.endswith(
        'HTTP 400: {"message": "bad statement fix it \\x1b]0;owned\\x07 \\x1b[2J"}'
    )


@pytest.mark.parametrize("hostile", ["portal", "refuse"], indirect=True)
def test_a_grade_read_answered_by_a_page_is_one_escaped_line(
    tmp_path: Path, hostile: Hostile, capsys: pytest.CaptureFixture[str]
) -> None:
    learner = make_learner(tmp_path, hostile.endpoint, "u", "p")
    sync = PlayerSync.open(learner.context, learner.store)
    exam = reads([learner.profile.id])
    try:  # one exam awaiting its grade, as the store would list it
        sync.pull_requests = lambda store, profile_ids=None: exam  # type: ignore[method-assign]
        command._run(sync, learner.store, None, 0.0, force=True, once=True)
    finally:
        sync.close()
        learner.close()
    out = capsys.readouterr().out
    assert _raw(out) == []
    [line] = [line for line in out.splitlines() if "results not read" in line]
    assert "\\x1b]0;owned\\x07" in line
