"""A small threaded HTTP server serving a repository folder, with faults injected per blob.

It speaks enough HTTP/1.1 for the download engine (keep-alive, Range `bytes=N-`, If-Range on
ETag) and, for a blob with faults queued, breaks the next responses in the asked ways. It counts
the body bytes it writes and logs every request, so tests assert what was fetched again.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import socket
import struct
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

#: Far within any read timeout of the tests: only a rule on bytes per time ends a trickle.
TRICKLE_EVERY = 0.1
#: How long a trickle lasts unless the client leaves: far past the tests' stall windows and
#: answer deadlines (1-3 s), so a trickle ended by the client shows that its rule fired.
TRICKLE_FOR = 10.0


class Fault(enum.Enum):
    RESET = "reset"  # half the body, then a TCP reset
    STALL = "stall"  # half the body, then silence (the client's read timeout must fire)
    TRICKLE = "trickle"  # half the body, then a byte every TRICKLE_EVERY s for TRICKLE_FOR, reset
    TRICKLE_HEADERS = "trickle_headers"  # a status line, then a header byte likewise, reset
    IGNORE_RANGE = "ignore_range"  # 200 with the whole body to a Range request
    CHANGE_ETAG = "change_etag"  # half the body then a reset; the blob's ETag changes after
    CORRUPT = "corrupt"  # the right length, one byte flipped
    NOT_FOUND = "not_found"  # 404
    UNAVAILABLE = "unavailable"  # 503 with Retry-After


@dataclass(frozen=True)
class Logged:
    path: str
    status: int
    range: str | None
    if_range: str | None
    fault: Fault | None
    body_bytes: int
    at: float


class FaultServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(
        self, root: Path, port: int = 0, retry_after: int = 1, rate: float | None = None
    ) -> None:
        """`rate`: bytes per second per connection, paced in small writes like a slow link
        (then the client's buffers stay empty and `body_bytes` is what crossed the link)."""
        self.root = root
        self.retry_after = retry_after
        self.rate = rate
        self.faults: dict[str, deque[Fault]] = {}
        self.statuses: dict[str, int] = {}  # path → the status every request of it gets
        self.etag_version: dict[str, int] = {}
        self.log: list[Logged] = []
        self.trickled: list[tuple[str, str]] = []  # (path, how its trickle ended), in order
        self.lock = threading.Lock()
        self.released = threading.Event()  # ends stalls at shutdown
        super().__init__(("127.0.0.1", port), _Handler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def start(self) -> FaultServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.released.set()
        self.shutdown()
        self.server_close()

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that went away (killed, timed out) is expected here, not an error."""

    def inject(self, sha256: str, *faults: Fault) -> None:
        """Queue faults for the next requests of this blob (one fault per request)."""
        with self.lock:
            self.faults.setdefault(sha256, deque()).extend(faults)

    def answer(self, relative: str, status: int) -> None:
        """Answer every request of `relative` (e.g. "catalog.json") with `status` and a short
        body, as a proxy or a server in maintenance does; 200 serves the file again."""
        with self.lock:
            if status == 200:
                self.statuses.pop(relative, None)
            else:
                self.statuses[relative] = status

    def body_bytes(self) -> int:
        with self.lock:
            return sum(entry.body_bytes for entry in self.log)

    def requests_for(self, sha256: str) -> list[Logged]:
        with self.lock:
            return [entry for entry in self.log if entry.path.endswith(sha256)]

    def trickle_ends(self, sha256: str, timeout: float = TRICKLE_FOR + 5) -> list[str]:
        """How this blob's trickles ended ("client gone", "time up", "released"), waiting
        up to `timeout` s for one to have ended."""
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                ends = [how for path, how in self.trickled if path.endswith(sha256)]
            if ends or time.monotonic() > deadline:
                return ends
            time.sleep(0.01)

    def _next_fault(self, sha256: str) -> Fault | None:
        with self.lock:
            queue = self.faults.get(sha256)
            return queue.popleft() if queue else None

    def _record(self, entry: Logged) -> None:
        with self.lock:
            self.log.append(entry)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: FaultServer

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        relative = self.path.split("?")[0].lstrip("/")
        path = self.server.root / relative
        sha = relative.rsplit("/", 1)[-1]
        with self.server.lock:
            answer = self.server.statuses.get(relative)
        if answer is not None:
            self._simple(answer, b"not now", relative, None)
            return
        fault = self._fault_for(relative, sha)
        range_header = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if fault is Fault.NOT_FOUND or not path.is_file() or ".." in relative:
            self._simple(404, b"not found", relative, fault)
            return
        if fault is Fault.TRICKLE_HEADERS:
            self.server._record(
                Logged(relative, 200, range_header, if_range, fault, 0, time.time())
            )
            self.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
            self._trickle(relative, b"x" * 1000)
            self._reset()
            return
        if fault is Fault.UNAVAILABLE:
            self._simple(
                503, b"busy", relative, fault, {"Retry-After": str(self.server.retry_after)}
            )
            return
        data = path.read_bytes()
        with self.server.lock:
            version = self.server.etag_version.get(relative, 0)
        etag = f'"{hashlib.sha256(data).hexdigest()[:16]}-v{version}"'
        start = 0
        if range_header and fault is not Fault.IGNORE_RANGE and if_range in (None, etag):
            start = int(range_header.removeprefix("bytes=").split("-")[0])
        body = data[start:]
        if fault is Fault.CORRUPT:
            body = bytes([body[0] ^ 0xFF]) + body[1:]
        status = 206 if start else 200
        self.send_response(status)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("ETag", etag)
        self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
        self.end_headers()
        if fault in (Fault.RESET, Fault.STALL, Fault.TRICKLE, Fault.CHANGE_ETAG):
            half = body[: len(body) // 2]
            self.wfile.write(half)
            self.wfile.flush()
            time.sleep(0.3)  # let the client read what was sent: a reset discards unread data
            self.server._record(
                Logged(relative, status, range_header, if_range, fault, len(half), time.time())
            )
            if fault is Fault.STALL:
                self.server.released.wait(60)
            if fault is Fault.TRICKLE:
                self._trickle(relative, body[len(half) :])
            if fault is Fault.CHANGE_ETAG:
                with self.server.lock:
                    self.server.etag_version[relative] = version + 1
            self._reset()
            return
        sent = 0
        view = memoryview(body)
        rate = self.server.rate
        step = 16 * 1024 if rate else 256 * 1024
        began = time.monotonic()
        try:
            while sent < len(body):
                if rate:
                    ahead = began + sent / rate - time.monotonic()
                    if ahead > 0:
                        time.sleep(ahead)
                chunk = view[sent : sent + step]
                self.wfile.write(chunk)
                sent += len(chunk)
        except OSError:
            pass
        self.server._record(
            Logged(relative, status, range_header, if_range, fault, sent, time.time())
        )

    def _trickle(self, relative: str, rest: bytes) -> None:
        """A byte of `rest` every TRICKLE_EVERY s for TRICKLE_FOR s, or until the client goes
        away (or the server stops); how it ended is logged in `trickled`."""
        until = time.monotonic() + TRICKLE_FOR
        how = "all sent"
        for index in range(len(rest)):
            if self.server.released.wait(TRICKLE_EVERY):
                how = "released"
                break
            if time.monotonic() > until:
                how = "time up"
                break
            try:
                self.wfile.write(rest[index : index + 1])
                self.wfile.flush()
            except OSError:
                how = "client gone"
                break
        with self.server.lock:
            self.server.trickled.append((relative, how))

    def _fault_for(self, relative: str, sha: str) -> Fault | None:
        if not relative.startswith("blobs/"):
            return None
        return self.server._next_fault(sha)

    def _simple(
        self,
        status: int,
        body: bytes,
        relative: str,
        fault: Fault | None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.server._record(
            Logged(
                relative,
                status,
                self.headers.get("Range"),
                self.headers.get("If-Range"),
                fault,
                0,
                time.time(),
            )
        )

    def _reset(self) -> None:
        """Close with RST (SO_LINGER 0), as a dropped link looks to the client."""
        sock: socket.socket = self.connection
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        with contextlib.suppress(OSError):
            sock.close()
