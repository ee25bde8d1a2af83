"""`cartable catalogs add URL` of a server that serves its catalog but never answers a course's
signature: the add is said before any signature is asked, the check stops at the first that does
not answer (one request, not one per course, each held 10 s + 30 s, up to 90 s: the command
waited silently up to 7 minutes) and says it could not check, exit 0; a Ctrl+C during that read
leaves the catalog added, exit 0, rather than 'cartable: interrupted' (130) over a saved catalog.

A real process, a real HTTP server holding each signature request until its client leaves. What
the test waits on is the server's events and the child's own lines; GUARD_S only fails a hang."""

from __future__ import annotations

import os
import select
import signal
import socket
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

from player.course.signing import PrivateKey
from tests.children import started
from tests.course_repo import add_course, random_files
from tests.guard import GUARD_S
from tests.support import run_cli

REPO = Path(__file__).resolve().parents[2]
NOT_CHECKED = "cartable: could not check which keys sign its courses: "


class HeldSignatures(ThreadingHTTPServer):
    """Serves a repository folder, except its signatures: each such request is held, never
    answered, until its client closes the connection (or `release`). `first` records, for each,
    whether the test had seen the child's 'added' line before the client gave the request up."""

    daemon_threads = True

    def __init__(self, root: Path) -> None:
        self.root = root
        self.signatures: list[str] = []
        self.first: list[str] = []
        self.asked = threading.Event()
        self.added_seen = threading.Event()
        self.release = threading.Event()
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def stop(self) -> None:
        self.release.set()
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: HeldSignatures
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        relative = self.path.split("?", 1)[0].lstrip("/")
        if relative.endswith(".sig"):
            with self.server.lock:
                self.server.signatures.append(relative)
            self.server.asked.set()
            self._hold()
            return
        path = self.server.root / relative
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _hold(self) -> None:
        """Never answer: wait for the client to leave, noting whether the 'added' line came
        first (select's short wait only lets the events be looked at; nothing is timed)."""
        noted = False
        while not self.server.release.is_set():
            if not noted and self.server.added_seen.is_set():
                self.server.first.append("added")
                noted = True
            readable, _, _ = select.select([self.connection], [], [], 0.05)
            if readable and not _still_open(self.connection):
                break
        if not noted:
            self.server.first.append("closed")
        self.close_connection = True


def _still_open(sock: socket.socket) -> bool:
    try:
        return sock.recv(1) != b""
    except OSError:
        return False


def _lines(stream: IO[str], into: list[str], added: threading.Event | None) -> None:
    for line in stream:
        into.append(line.rstrip("\n"))
        if added is not None and line.startswith("added "):
            added.set()


def _repo(tmp_path: Path) -> Path:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    for n, course in enumerate(("algebre", "geo", "histoire")):
        add_course(repo, random_files(1, 1000, n), key=key, course_id=course, title=course)
    return repo


def _add(
    tmp_path: Path, server: HeldSignatures, interrupt: bool
) -> tuple[int, list[str], list[str]]:
    """`cartable catalogs add` of `server` (a SIGINT once a signature is asked, if `interrupt`):
    its exit code, its stdout and stderr lines."""
    env = {**os.environ, "CARTABLE_HOME": str(tmp_path / "home")}
    out: list[str] = []
    err: list[str] = []
    command = [sys.executable, "-m", "player", "catalogs", "add", server.url]
    with started(
        command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as child:
        readers = [
            threading.Thread(target=_lines, args=(child.stdout, out, server.added_seen)),
            threading.Thread(target=_lines, args=(child.stderr, err, None)),
        ]
        for reader in readers:
            reader.start()
        if interrupt:
            assert server.asked.wait(GUARD_S), "no signature was asked"
            assert server.added_seen.wait(GUARD_S), "nothing said the catalog was added"
            child.send_signal(signal.SIGINT)
        try:
            code = child.wait(GUARD_S)
        except subprocess.TimeoutExpired:
            raise AssertionError(
                f"cartable catalogs add still runs after {GUARD_S:.0f} s"
            ) from None
        for reader in readers:
            reader.join(GUARD_S)
    return code, out, err


def test_a_signature_never_answered_stops_the_check_after_the_add_is_said(
    tmp_path: Path,
) -> None:
    server = HeldSignatures(_repo(tmp_path))
    try:
        code, out, err = _add(tmp_path, server, interrupt=False)
    finally:
        server.stop()

    assert code == 0, err
    assert out == [f"added {server.url}: Catalogue de test, 3 courses"]
    assert server.first == ["added"]  # said while the first signature was still asked
    assert len(server.signatures) == 1  # not one more per course
    [line] = err
    assert line.startswith(NOT_CHECKED), line
    assert line.endswith("no answer within 5 s (the signature of algebre); downloads will say it")


def test_ctrl_c_during_the_signatures_leaves_the_catalog_added(tmp_path: Path) -> None:
    server = HeldSignatures(_repo(tmp_path))
    try:
        code, out, err = _add(tmp_path, server, interrupt=True)
    finally:
        server.stop()

    assert code == 0, err
    assert out == [f"added {server.url}: Catalogue de test, 3 courses"]
    assert err == [
        "cartable: interrupted: which keys sign its courses was not checked; downloads will say it"
    ]
    listed = run_cli(
        "-m", "player", "catalogs", "list", env={"CARTABLE_HOME": str(tmp_path / "home")}
    )
    assert listed.returncode == 0, listed.stderr
    assert f"{server.url}\tadded" in listed.stdout.splitlines()
