"""A small read-only HTTP server: a laptop that has the courses serves them to the rest of a
school lab with no internet (design principle 4: a peer on the LAN is one more source of the same
bytes).

Why a server of our own, when the design leaves serving to existing servers: the teacher's laptop
has no nginx, and the other Cartables already read any http(s) repository (sync/catalog.py,
sync/download.py). So this speaks exactly what they send and nothing more: GET and HEAD,
`If-None-Match` (the catalog answers 304 when unchanged), one `Range` with `If-Range` on the
strong ETag (an interrupted download resumes), `Accept-Ranges`, `Content-Length` always.

What it serves is decided by a resolver (`Resolver`: a request's decoded path relative to the
root -> `SharedFile` or None), which looks the path up in a table; this module never joins
request text to a folder, and never imports the player (sync never does): the player passes its
resolver (player/library/share.py).

A lab's Wi-Fi carries hostile or broken clients too, so every connection is bounded: its request
head must arrive whole (at most `MAX_HEAD_BYTES`) within `timeout` seconds, every later read or
write waits at most `timeout` (a stalled client is dropped, its thread freed), at most
`max_connections` are served at once (beyond, a 503 with `Retry-After`, which the downloader
honours), and files are streamed with sendfile, never read whole into memory.
"""

from __future__ import annotations

import contextlib
import http.client
import io
import ipaddress
import logging
import os
import re
import socket
import struct
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote, urlsplit

from sync.share_discovery import (
    Announcement,
    DiscoveryError,
    DiscoveryOptions,
    DiscoveryResponder,
)
from sync.share_port import DEFAULT_PORT, port_in_use, wake_host

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 20.0
DEFAULT_MAX_CONNECTIONS = 64
"""About 20 laptops downloading 3 files at once each; more wait their turn (503, Retry-After)."""
MAX_HEAD_BYTES = 16 * 1024
"""A Cartable's request head is about 300 bytes; nginx's default buffers are of this order."""
_RETRY_AFTER_S = 2
_REFUSE_READ_S = 0.1
_LINGER_S = 0.1
# struct linger: two ints, two unsigned shorts on Windows
_NO_LINGER = struct.pack("HH" if os.name == "nt" else "ii", 1, 0)

_HEAD_END = re.compile(rb"\r?\n\r?\n")
_NUMBER = re.compile(r"^[0-9]{1,18}$")


@dataclass(frozen=True)
class SharedFile:
    """One file the server may send: bytes held in memory (small: a catalog, a manifest) or a
    file on disk of a known size (a blob), never both."""

    etag: str
    """Its strong validator, without quotes (a sha256): the same bytes always have the same."""
    size: int
    media_type: str = "application/octet-stream"
    data: bytes | None = None
    path: Path | None = None

    def __post_init__(self) -> None:
        if (self.data is None) == (self.path is None):
            raise ValueError("a shared file is either bytes or a path")
        if self.data is not None and len(self.data) != self.size:
            raise ValueError("a shared file's size must be its bytes' length")
        if not self.etag or '"' in self.etag or not self.etag.isprintable():
            raise ValueError(f"unusable ETag {self.etag!r}")


Resolver = Callable[[str], SharedFile | None]
"""A decoded request path relative to the root (`catalog.json`, `blobs/sha256/ab/ab…`) to what
is served there, or None (404). Called from the server's threads: it must be thread-safe."""


@dataclass(frozen=True)
class ServerOptions:
    timeout: float = DEFAULT_TIMEOUT
    """Seconds a client may take to send its request head, and to accept each write."""
    max_connections: int = DEFAULT_MAX_CONNECTIONS

    def __post_init__(self) -> None:
        if self.timeout <= 0 or self.max_connections < 1:
            raise ValueError(f"unusable server options {self!r}")


@dataclass(frozen=True)
class Served:
    """One answered request (for a log, a test, or a view of who is downloading)."""

    client: str
    method: str
    path: str
    status: int
    range: str | None
    if_range: str | None
    body_bytes: int
    local: bool = False
    """From this computer: the client's address is the server's own end of the connection
    (the teacher trying the share through any of this computer's addresses, a VPN's or a
    container bridge's included, not only the ones printed)."""


class ShareServer:
    """Serves a resolver's files over HTTP/1.1 until `stop`. Binds when made, so a port in use
    is known at once: `port` is taken when free, else (with `fallback_port`) any free port.
    `on_served` hears every answer, from the server's threads (it must be quick and
    thread-safe). With `discovery`, the share also answers the search of the other computers
    (sync/share_discovery.py) while it serves; when that cannot be (its UDP port taken, say),
    `discovery_error` says why in one line and the share serves all the same."""

    def __init__(
        self,
        resolver: Resolver,
        *,
        host: str = "0.0.0.0",
        port: int = DEFAULT_PORT,
        fallback_port: bool = True,
        options: ServerOptions | None = None,
        on_served: Callable[[Served], None] | None = None,
        discovery: DiscoveryOptions | None = None,
    ) -> None:
        self.options = options or ServerOptions()
        try:
            self._server = _Server((host, port), resolver, self.options, on_served)
        except OSError as exc:
            if not (fallback_port and port != 0 and port_in_use(exc)):
                raise
            log.info("port %d is in use: sharing on a free port", port)
            self._server = _Server((host, 0), resolver, self.options, on_served)
        self.host = host
        self._thread: threading.Thread | None = None
        self.discovery: DiscoveryResponder | None = None
        self.discovery_error: str | None = None
        if discovery is not None:
            announcement = Announcement(discovery.name, discovery.courses, self.port)
            try:
                self.discovery = DiscoveryResponder(announcement, host=host, port=discovery.port)
            except DiscoveryError as exc:
                log.info("share: other computers cannot find it by searching: %s", exc)
                self.discovery_error = str(exc)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def urls(self, addresses: Sequence[str] | None = None) -> list[str]:
        """What another laptop types: one repository root per address of this computer (the
        bound one, or `local_addresses()` when bound to every interface)."""
        if addresses is None:
            addresses = local_addresses() if self.host in ("", "0.0.0.0") else [self.host]
        return [f"http://{address}:{self.port}/" for address in addresses]

    def start(self) -> ShareServer:
        # One serving thread only: with two, stop() ends one and waits for ever on the other
        # (socketserver's shutdown clears its request when the first loop leaves).
        if self._thread is not None:
            raise RuntimeError("the share is already serving")
        thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.5}, name="share"
        )
        thread.daemon = True
        thread.start()
        self._thread = thread
        if self.discovery is not None:
            self.discovery.start()
        return self

    def stop(self, wait: float = 5.0) -> None:
        """Stop answering the search, stop accepting, end the connections being served, close
        the sockets."""
        if self.discovery is not None:  # first: no one is sent to a share that is going
            self.discovery.stop()
            self.discovery = None
        if self._thread is not None:
            stopping = threading.Thread(target=self._server.shutdown, name="share-stop")
            stopping.start()
            self._wake()
            stopping.join()
            self._thread.join()
            self._thread = None
        self._server.end_connections(wait)
        self._server.server_close()

    def _wake(self) -> None:
        """Connect once, so the accepting loop sees the stop now rather than at its next poll."""
        with contextlib.suppress(OSError):
            socket.create_connection((wake_host(self.host), self.port), timeout=0.5).close()

    def __enter__(self) -> ShareServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def local_addresses() -> list[str]:
    """This computer's IPv4 addresses other laptops can reach, most likely first; none when it is
    on no network. No extra dependency: a UDP socket "connected" toward an address (nothing is
    sent) takes the source address the system would route from, tried toward the default route
    and the three private ranges and the link-local one (a lab's router, or two laptops on a
    cable with no DHCP); then the host name's addresses. Loopback ones are left out."""
    found: list[str] = []
    probes = ("192.0.2.1", "10.255.255.254", "172.31.255.254", "192.168.255.254", "169.254.1.1")
    for probe in probes:
        with contextlib.suppress(OSError), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect((probe, 9))
            _add_address(found, s.getsockname()[0])
    with contextlib.suppress(OSError, UnicodeError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            _add_address(found, str(info[4][0]))
    return found


def _add_address(found: list[str], text: str) -> None:
    try:
        address = ipaddress.IPv4Address(text)
    except ValueError:
        return
    if address.is_loopback or address.is_unspecified or address.is_multicast:
        return
    if text not in found:
        found.append(text)


def request_path(target: str) -> str | None:
    """The decoded path, relative to the root, of a request target (origin form `/a/b?q`, or
    absolute form `http://host/a/b`); None for anything else (`*`, a relative or undecodable
    one). Decoded once: `%2e%2e` becomes `..`, which no resolver table holds."""
    if target.startswith(("http://", "https://")):
        target = urlsplit(target).path or "/"
    if not target.startswith("/"):
        return None
    path = target.split("?", 1)[0].split("#", 1)[0]
    try:
        return unquote(path[1:], errors="strict")
    except UnicodeDecodeError:
        return None


def byte_span(header: str, size: int) -> tuple[int, int] | None:
    """The one range (first, last inclusive) a `Range` header asks of `size` bytes; None when it
    is to be ignored (not bytes, several ranges, malformed: the whole file is sent, as RFC 9110
    allows). Raises RangeNotSatisfiable when it starts past the end."""
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first_text, dash, last_text = spec.strip().partition("-")
    first_text, last_text = first_text.strip(), last_text.strip()
    if not dash:
        return None
    if not first_text:  # the last N bytes
        if not _NUMBER.match(last_text):
            return None
        suffix = int(last_text)
        if suffix == 0 or size == 0:
            raise RangeNotSatisfiable
        return max(0, size - suffix), size - 1
    if not _NUMBER.match(first_text) or (last_text and not _NUMBER.match(last_text)):
        return None
    first = int(first_text)
    if last_text and int(last_text) < first:
        return None  # malformed (RFC 9110 §14.1.1): ignored
    if first >= size:
        raise RangeNotSatisfiable
    last = min(int(last_text), size - 1) if last_text else size - 1
    return first, last


def etag_matches(header: str, etag: str) -> bool:
    """`If-None-Match` holds `etag` (quoted) or `*`; weak comparison, as RFC 9110 asks there."""
    for candidate in header.split(","):
        tag = candidate.strip()
        if tag == "*" or tag.removeprefix("W/") == etag:
            return True
    return False


class RangeNotSatisfiable(ValueError):
    """A range that starts at or past the end of the file (416)."""


class _HeadTooLarge(Exception):
    """A request head longer than MAX_HEAD_BYTES (431)."""


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # `end_connections` cuts and waits for them instead
    # Not on Windows: there SO_REUSEADDR lets a second server take a port in use.
    allow_reuse_address = os.name == "posix"
    request_queue_size = 64

    def __init__(
        self,
        address: tuple[str, int],
        resolver: Resolver,
        options: ServerOptions,
        on_served: Callable[[Served], None] | None,
    ) -> None:
        self.resolver = resolver
        self.options = options
        self.on_served = on_served
        self._active: set[socket.socket] = set()
        self._slots = threading.BoundedSemaphore(options.max_connections)
        self._guard = threading.Condition()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            self._refuse(request)
            return
        with self._guard:
            self._active.add(request)
        try:
            super().process_request(request, client_address)
        except BaseException:  # no thread for it (the system's limit): free its slot
            self._release(request)
            self.shutdown_request(request)
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._release(request)

    def _release(self, request: socket.socket) -> None:
        with self._guard:
            self._active.discard(request)
            self._slots.release()
            self._guard.notify_all()

    def _refuse(self, request: socket.socket) -> None:
        """Over the cap: a short 503 asking to come back, sent from the accepting thread (no
        thread for it). The request is read first, briefly: closing a socket with unread bytes
        resets the connection, and the answer with it."""
        try:
            request.settimeout(_REFUSE_READ_S)
            with contextlib.suppress(OSError):
                request.recv(MAX_HEAD_BYTES)
            request.sendall(
                b"HTTP/1.1 503 Service Unavailable\r\n"
                + f"Retry-After: {_RETRY_AFTER_S}\r\n".encode()
                + b"Content-Length: 0\r\nConnection: close\r\n\r\n"
            )
        except OSError:
            pass
        finally:
            self.shutdown_request(request)

    def end_connections(self, wait: float) -> None:
        """Cut every connection being served and wait (up to `wait` s) for their threads. Cut,
        not ended: their close resets the connection (no linger), so what is still queued for
        a client is dropped rather than sent after the share stopped; the client's download
        resumes from its part, with Range, when a share is back."""
        with self._guard:
            for request in list(self._active):
                with contextlib.suppress(OSError):
                    request.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, _NO_LINGER)
                with contextlib.suppress(OSError):
                    request.shutdown(socket.SHUT_RDWR)
            deadline = time.monotonic() + wait
            while self._active and (left := deadline - time.monotonic()) > 0:
                self._guard.wait(left)

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("share: connection from %s ended on an error", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def version_string(self) -> str:
        return "Cartable"  # not the Python version: nobody on the network needs to know it

    def setup(self) -> None:
        self.timeout = self.server.options.timeout
        super().setup()
        self._pending = b""
        self._local = _from_this_computer(self.connection, str(self.client_address[0]))

    def finish(self) -> None:
        """A lingering close, as web servers do: the answer is ended (FIN), then what the client
        still sends is read for a moment, because closing a socket with unread bytes resets
        the connection and the client may lose the answer (a 405 to a POST, a 431)."""
        try:
            super().finish()
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(_LINGER_S)
            for _ in range(8):
                if not self.connection.recv(8192):
                    break
        except OSError:
            pass

    # -- reading a request ------------------------------------------------------------------------

    def handle_one_request(self) -> None:
        self.close_connection = True
        self.headers = http.client.HTTPMessage()  # none yet: not the previous request's
        try:
            head = self._read_head()
        except _HeadTooLarge:
            self.command, self.path, self.request_version = "", "", "HTTP/1.1"
            self.requestline = ""
            with contextlib.suppress(OSError):
                self._answer(431, "request head too large")
            return
        except OSError:  # a timeout included: a stalled client is dropped
            return
        if head is None:
            return
        line, _, rest = head.partition(b"\n")
        self.raw_requestline = line + b"\n"
        real = self.rfile
        self.rfile = io.BytesIO(rest)  # parse_request reads the header lines from rfile
        try:
            parsed = self.parse_request()  # sets close_connection from the version and headers
        finally:
            self.rfile = real
        if not parsed:
            return
        if self.request_version == "HTTP/0.9":
            self.close_connection = True
            return
        try:
            self.connection.settimeout(self.server.options.timeout)
            if self.command not in ("GET", "HEAD"):
                self.close_connection = True  # a body it may carry is never read
                self._answer(405, "only GET and HEAD", {"Allow": "GET, HEAD"})
                return
            if self.headers.get("Transfer-Encoding") or self.headers.get(
                "Content-Length", "0"
            ).strip() not in ("", "0"):
                self.close_connection = True  # a GET with a body: never read, so no next request
            self._serve()
        except OSError:  # the client went away or stopped reading
            self.close_connection = True

    def _read_head(self) -> bytes | None:
        """The request line and headers, whole within the timeout; None at a clean end of the
        connection. The socket is read directly (no buffered file), so the deadline holds for
        the head as a whole: a client trickling a byte at a time is cut at the same time."""
        deadline = time.monotonic() + self.server.options.timeout
        buffer = self._pending.lstrip(b"\r\n")
        while True:
            end = _HEAD_END.search(buffer)
            if end is not None and end.end() > MAX_HEAD_BYTES:
                raise _HeadTooLarge
            if end is not None:
                self._pending = buffer[end.end() :]
                return buffer[: end.end()]
            if len(buffer) > MAX_HEAD_BYTES:
                raise _HeadTooLarge
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("request head not received in time")
            self.connection.settimeout(left)
            chunk = self.connection.recv(8192)
            if not chunk:
                if buffer:
                    log.debug("share: connection closed in the middle of a request head")
                return None
            buffer = (buffer + chunk).lstrip(b"\r\n")

    # -- answering --------------------------------------------------------------------------------

    def _serve(self) -> None:
        relative = request_path(self.path)
        shared = self.server.resolver(relative) if relative is not None else None
        handle: BinaryIO | None = None
        if shared is not None and shared.path is not None:
            handle = _open_exact(shared.path, shared.size)
        if shared is None or (shared.path is not None and handle is None):
            self._answer(404, "not found")
            return
        with handle or contextlib.nullcontext():
            self._send(shared, handle)

    def _send(self, shared: SharedFile, handle: BinaryIO | None) -> None:
        etag = f'"{shared.etag}"'
        validators = {
            "ETag": etag,
            "Accept-Ranges": "bytes",
            "Cache-Control": "no-cache",  # always asked again: an ETag makes that one 304
        }
        match = self.headers.get("If-None-Match")
        if match is not None and etag_matches(match, etag):
            self._head(304, validators)
            self._served(304, 0)
            return
        span: tuple[int, int] | None = None
        asked = self.headers.get("Range")
        if_range = self.headers.get("If-Range")
        if asked is not None and (if_range is None or if_range.strip() == etag):
            try:
                span = byte_span(asked, shared.size)
            except RangeNotSatisfiable:
                self._answer(
                    416, "range not satisfiable", {"Content-Range": f"bytes */{shared.size}"}
                )
                return
        first, last = span if span is not None else (0, shared.size - 1)
        length = last - first + 1
        headers = {**validators, "Content-Type": shared.media_type, "Content-Length": str(length)}
        headers["X-Content-Type-Options"] = "nosniff"
        if span is not None:
            headers["Content-Range"] = f"bytes {first}-{last}/{shared.size}"
        status = 206 if span is not None else 200
        self._head(status, headers)
        sent = 0
        if self.command == "GET" and length > 0:
            if shared.data is not None:
                self.wfile.write(shared.data[first : last + 1])
                sent = length
            else:
                assert handle is not None
                sent = self.connection.sendfile(handle, first, length)
                if sent < length:  # the file shrank under us: the client sees a short body
                    self.close_connection = True
        self._served(status, sent)

    def _head(self, status: int, headers: dict[str, str]) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()

    def _answer(self, status: int, text: str, extra: dict[str, str] | None = None) -> None:
        """A short plain-text answer (an error, a refusal)."""
        body = (text + "\n").encode()
        headers = {
            **(extra or {}),
            "Content-Type": "text/plain; charset=utf-8",
            "Content-Length": str(len(body)),
        }
        self._head(status, headers)
        if self.command != "HEAD":
            self.wfile.write(body)
        self._served(status, 0)

    def _served(self, status: int, body_bytes: int) -> None:
        callback = self.server.on_served
        if callback is None:
            return
        headers = getattr(self, "headers", None)
        callback(
            Served(
                client=str(self.client_address[0]),
                method=self.command or "",
                path=self.path or "",
                status=status,
                range=headers.get("Range") if headers is not None else None,
                if_range=headers.get("If-Range") if headers is not None else None,
                body_bytes=body_bytes,
                local=self._local,
            )
        )

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("share: %s %s", self.address_string(), format % args)


def _from_this_computer(connection: socket.socket, client: str) -> bool:
    """A connection from this computer to itself has the same address at both ends, whichever
    of its addresses was typed; another computer's comes from an address of its own."""
    try:
        return str(connection.getsockname()[0]) == client
    except OSError:  # the connection already gone: judged by its address alone
        return False


def _open_exact(path: Path, size: int) -> BinaryIO | None:
    """The file opened for reading if it is still there with its size (a course removed or
    repaired meanwhile is not served half), else None."""
    try:
        handle = open(path, "rb")  # noqa: SIM115 (closed by the caller)
    except OSError:
        return None
    try:
        if os.fstat(handle.fileno()).st_size == size:
            return handle
    except OSError:
        pass
    handle.close()
    return None
