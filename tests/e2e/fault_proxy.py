"""A small threaded HTTP proxy between the player and Ralph that injects network faults.

Each POST takes the next fault from a script (`FaultProxy.script`); when the script is empty the
`default` applies. GETs always pass. Faults:

- `pass`: forward to Ralph and relay its answer;
- `drop_before`: read the request, close the connection without forwarding (nothing stored);
- `drop_after`: forward (Ralph stores the batch), then close without answering: the client
  never learns it was delivered and must resend;
- `status:CODE[:RETRY_AFTER]`: answer CODE (500, 429, 401...) without forwarding;
- `stall:SECONDS`: hold the request that long (past the client's read timeout), then drop it;
- `delay:SECONDS`: wait, then forward and answer (a slow link, for kill tests);
- `fake200[:N]`: answer 200 listing the batch's first N ids (none by default) without
  forwarding: a server that lies (nothing stored);
- `cut_over:BYTES`: a body longer than BYTES is cut halfway (half read, the connection closed,
  nothing forwarded), as a link that drops every so many seconds; a shorter one passes.

Every POST the proxy saw is in `log` (fault, statement ids, Ralph's status) for assertions,
every GET's path in `gets`.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

FORWARDED_HEADERS = ("Authorization", "Content-Type", "X-Experience-API-Version", "Accept")


@dataclass(frozen=True)
class Seen:
    method: str
    fault: str
    ids: tuple[str, ...]
    upstream_status: int | None  # Ralph's answer when forwarded
    upstream_ids: tuple[str, ...] = ()


@dataclass
class FaultProxy:
    upstream: str  # Ralph's origin, e.g. http://127.0.0.1:8100
    script: list[str] = field(default_factory=list)
    default: str = "pass"
    log: list[Seen] = field(default_factory=list)
    gets: list[str] = field(default_factory=list)  # the path of each GET, in order
    lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    def start(self) -> FaultProxy:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def do_GET(self) -> None:
                with proxy.lock:
                    proxy.gets.append(self.path)
                self._relay(*proxy.forward("GET", self.path, self.headers, None))

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                fault = proxy.next_fault()
                kind, _, arg = fault.partition(":")
                if kind == "cut_over" and length > int(arg):
                    self.rfile.read(length // 2)
                    proxy.record(Seen("POST", fault, (), None))
                    self._drop()
                    return
                body = self.rfile.read(length)
                try:
                    ids = tuple(s.get("id", "") for s in json.loads(body))
                except (ValueError, AttributeError):
                    ids = ()
                if kind == "fake200":
                    proxy.record(Seen("POST", fault, ids, None))
                    listed = ids[: int(arg or 0)]
                    data = json.dumps(listed).encode()
                    self._relay(200, {"Content-Type": "application/json"}, data)
                elif kind == "drop_before":
                    proxy.record(Seen("POST", fault, ids, None))
                    self._drop()
                elif kind == "drop_after":
                    status, _, data = proxy.forward("POST", self.path, self.headers, body)
                    proxy.record(Seen("POST", fault, ids, status, _listed(data)))
                    self._drop()
                elif kind == "status":
                    code, _, retry_after = arg.partition(":")
                    proxy.record(Seen("POST", fault, ids, None))
                    headers = {"Content-Type": "application/json"}
                    if retry_after:
                        headers["Retry-After"] = retry_after
                    detail = json.dumps({"detail": f"injected {code}"}).encode()
                    self._relay(int(code), headers, detail)
                elif kind == "stall":
                    proxy.record(Seen("POST", fault, ids, None))
                    time.sleep(float(arg))
                    self._drop()
                elif kind == "delay":
                    time.sleep(float(arg))
                    status, headers, data = proxy.forward("POST", self.path, self.headers, body)
                    proxy.record(Seen("POST", fault, ids, status, _listed(data)))
                    with contextlib.suppress(OSError):  # the client may have given up
                        self._relay(status, headers, data)
                else:
                    status, headers, data = proxy.forward("POST", self.path, self.headers, body)
                    proxy.record(Seen("POST", fault, ids, status, _listed(data)))
                    self._relay(status, headers, data)

            def _relay(self, status: int, headers: dict[str, str], data: bytes) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)
                self.close_connection = True

            def _drop(self) -> None:
                self.close_connection = True
                with contextlib.suppress(OSError):
                    self.connection.shutdown(socket.SHUT_RDWR)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    @property
    def url(self) -> str:
        """The xAPI endpoint through the proxy (same path as Ralph's)."""
        assert self.server is not None
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}/xAPI/"

    def next_fault(self) -> str:
        with self.lock:
            return self.script.pop(0) if self.script else self.default

    def record(self, seen: Seen) -> None:
        with self.lock:
            self.log.append(seen)

    def forward(
        self, method: str, path: str, headers: object, body: bytes | None
    ) -> tuple[int, dict[str, str], bytes]:
        parts = urlsplit(self.upstream)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
        try:
            sent = {h: headers.get(h) for h in FORWARDED_HEADERS if headers.get(h)}  # type: ignore[attr-defined]
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            data = response.read()
            keep = {
                k: v
                for k, v in response.getheaders()
                if k.lower() in ("content-type", "retry-after", "x-experience-api-version")
            }
            return response.status, keep, data
        finally:
            conn.close()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


def _listed(data: bytes) -> tuple[str, ...]:
    try:
        value = json.loads(data)
    except ValueError:
        return ()
    return tuple(value) if isinstance(value, list) else ()
