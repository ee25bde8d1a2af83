"""Requests that give up at once when their thread's stop turns true (sync.lookup's
`stop_waiting_when`: a quit, a pause), whatever the server does: sync/http.py uses it.

The name lookup already stops waiting (sync/lookup.py). The connection is made without blocking
and its stop looked at every STOP_POLL s (`connect`). Once connected, a server that never answers
or trickles its answer (the read timeout counts between two bytes: a byte every 20 s holds a
request for ever) is cut off from outside: while a request with a stop is in flight, a watchdog
thread looks at its stop every STOP_POLL s and, once true, shuts down the socket of each
connection the request used, which wakes the thread blocked in recv or send on every platform.
The request then raises RequestStopped, even when an answer had come meanwhile: what was sent is
treated as not sent (the engines send it again; statement ids make that harmless). A TLS
handshake is cut off the same way through a duplicate of its socket (`add_socket`): the socket
being wrapped is detached, and the connection gets the TLS one only once the handshake is done,
so a silent server would otherwise hold a pause for the whole connect timeout. A watch also has a
deadline (sync/http.py's answer deadline, a download's stall rule), past which its connections
are shut down the same way (`expired`). A watch stays armed while a streamed answer is read
after its request returned, and a connection leaves it when it goes back to its pool, so a stop
never shuts a connection serving another request. The watchdog thread lives only while watches
are armed.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import select
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import requests

from sync.lookup import STOP_POLL

log = logging.getLogger(__name__)

Stop = Callable[[], bool]

# connect_ex on a socket that does not block: under way (Windows says WSAEWOULDBLOCK).
_IN_PROGRESS = {
    errno.EINPROGRESS,
    errno.EWOULDBLOCK,
    errno.EALREADY,
    errno.EAGAIN,
    getattr(errno, "WSAEWOULDBLOCK", errno.EWOULDBLOCK),
}


class RequestStopped(requests.ConnectionError):
    """A request given up because its stop turned true (a quit, a pause): no answer counts."""


class ConnectStopped(OSError):
    """The connection was being made when its stop turned true."""


def connect(sock: socket.socket, address: Any, timeout: float | None, stop: Stop) -> None:
    """`sock.connect(address)` within `timeout` s (TimeoutError), giving up as soon as `stop()`
    is true (ConnectStopped); the socket's timeout is `timeout` again once connected."""
    sock.setblocking(False)
    code = sock.connect_ex(address)
    deadline = None if timeout is None else time.monotonic() + timeout
    while code != 0:
        if code not in _IN_PROGRESS:
            raise OSError(code, os.strerror(code))
        if stop():
            raise ConnectStopped(f"connection to {address[0]} stopped")
        wait = STOP_POLL
        if deadline is not None:
            wait = min(wait, deadline - time.monotonic())
            if wait <= 0:
                raise TimeoutError("timed out")
        if _writable(sock, wait):
            code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if code == 0:
                break
            raise OSError(code, os.strerror(code))
    sock.settimeout(timeout)


def _writable(sock: socket.socket, seconds: float) -> bool:
    """Whether the connection is made (or failed) within `seconds`: poll where there is one
    (select cannot take a descriptor past 1023), select on Windows."""
    if hasattr(select, "poll"):
        poller = select.poll()
        poller.register(sock, select.POLLOUT | select.POLLERR | select.POLLHUP)
        return bool(poller.poll(max(0, int(seconds * 1000))))
    _, writable, failed = select.select([], [sock], [sock], seconds)
    return bool(writable or failed)


class Watch:
    """One request's connections, shut down when its stop turns true or its deadline passes.

    It is armed from the request's start until its answer is read or let go: a streamed body
    (a catalog, a download) is read after the request returned, and a stop must reach it too.
    A connection leaves the watch when it goes back to its pool (`Watchdog.release`), before
    another request may take it: a stop or a deadline never shuts a connection serving another
    request."""

    def __init__(self, stop: Stop | None, grace: float | None = None) -> None:
        self.stop = stop
        self.grace = grace
        """Seconds the answer may take from the request's sending to its headers (and, for an
        answer read whole, its body: sync/http.py); None: no deadline."""
        self.deadline: float | None = None
        """time.monotonic() past which the connections are shut down (`expired`)."""
        self.sent_at: float | None = None
        self.given: float | None = None
        """Seconds from the sending to the deadline that expired (`expired`)."""
        self.fired = False
        self.expired = False
        self.returned = False
        self._lock = threading.Lock()
        self._connections: list[Any] = []
        self._handles: list[socket.socket] = []  # duplicates, closed when the handshake ends

    def add(self, connection: Any) -> None:
        with self._lock:
            self._connections.append(connection)
            connection._http_stop_watch = self
            if self.fired:  # stopped meanwhile: this one too, at once
                _shut(connection)

    def sent(self) -> None:
        """A request went out on one of the connections: its answer's time starts now."""
        now = time.monotonic()
        self.sent_at = now
        self.deadline = None if self.grace is None else now + self.grace

    def release(self, connection: Any) -> bool:
        """`connection` goes back to its pool: never shut it from here on. True when the
        request has returned and no connection of it is left (the watch may be disarmed)."""
        with self._lock:
            with contextlib.suppress(ValueError):
                self._connections.remove(connection)
            return self.returned and not self._connections

    def hand_over(self) -> bool:
        """The request returned its answer, whose body is still to be read: the TLS duplicates
        go, the connections stay watched. True when none is left (disarm at once)."""
        self._close_handles()
        with self._lock:
            self.returned = True
            return not self._connections

    def add_socket(self, sock: socket.socket) -> None:
        """A socket about to be wrapped by TLS: a duplicate of it is kept (the original is
        detached by the wrapping) to shut the connection down under the handshake."""
        try:
            handle = sock.dup()
        except OSError:  # out of descriptors: the connect timeout still bounds the handshake
            return
        with self._lock:  # shut and closed under the lock: never a descriptor reused meanwhile
            self._handles.append(handle)
            if self.fired:
                _shut_socket(handle)

    def fire(self, *, expired: bool = False) -> None:
        """Shut every connection down now: under the lock, so that none is shut once released
        to its pool."""
        with self._lock:
            if self.fired:
                return
            self.fired = True
            self.expired = expired
            deadline, sent_at = self.deadline, self.sent_at
            if expired and deadline is not None and sent_at is not None:
                self.given = deadline - sent_at
            for handle in self._handles:
                _shut_socket(handle)
            for connection in self._connections:
                _shut(connection)

    def close(self) -> None:
        """The request is over: let go of the duplicates (their connections stay open)."""
        self._close_handles()

    def _close_handles(self) -> None:
        with self._lock:
            handles, self._handles = self._handles, []
            for handle in handles:
                handle.close()


def _shut(connection: Any) -> None:
    sock = getattr(connection, "sock", None)
    if sock is None:
        return
    _shut_socket(sock)


def _shut_socket(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # closed meanwhile, or never connected
        # socket.socket's own shutdown: an SSLSocket's would drop its SSL object under the
        # reading thread.
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


class Watchdog:
    """The requests in flight (and answers still being read), and the one thread that looks at
    their stops and deadlines."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watches: set[Watch] = set()
        self._thread: threading.Thread | None = None
        self._local = threading.local()

    def arm(self, stop: Stop | None, grace: float | None = None) -> Watch:
        """A watch looked at from now until `disarm`."""
        watch = Watch(stop, grace)
        with self._lock:
            self._watches.add(watch)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="http-stop", daemon=True)
                self._thread.start()
        return watch

    def disarm(self, watch: Watch) -> None:
        """Never look at `watch` again (again is harmless)."""
        with self._lock:
            self._watches.discard(watch)
        watch.close()

    @contextlib.contextmanager
    def using(self, watch: Watch) -> Iterator[Watch]:
        """Connections this thread sends a request on meanwhile (`add_connection`) join
        `watch`."""
        previous = getattr(self._local, "watch", None)
        self._local.watch = watch
        try:
            yield watch
        finally:
            self._local.watch = previous

    @contextlib.contextmanager
    def watching(self, stop: Stop) -> Iterator[Watch]:
        """Connections used by this thread meanwhile are shut down as soon as `stop()` is true;
        the watch ends with the block."""
        watch = self.arm(stop)
        try:
            with self.using(watch):
                yield watch
        finally:
            self.disarm(watch)

    def add_connection(self, connection: Any) -> None:
        """A connection this thread is about to send a request on (new or kept alive)."""
        watch = getattr(self._local, "watch", None)
        if watch is not None:
            watch.add(connection)

    def sent(self, connection: Any) -> None:
        """`connection` sent its request: the deadline of its answer starts."""
        watch = getattr(connection, "_http_stop_watch", None)
        if watch is not None:
            watch.sent()

    def release(self, connection: Any) -> None:
        """`connection` goes back to its pool (it may serve another request next): it leaves
        its watch, and a watch whose request returned and has no connection left is done."""
        watch = connection.__dict__.pop("_http_stop_watch", None)
        if watch is not None and watch.release(connection):
            self.disarm(watch)

    def add_socket(self, sock: socket.socket) -> None:
        """A socket this thread connected and is about to do a TLS handshake on."""
        watch = getattr(self._local, "watch", None)
        if watch is not None:
            watch.add_socket(sock)

    def handshake_over(self) -> None:
        """This thread's TLS handshake ended: its duplicate goes, as the connection may go back
        to its pool (a redirect's first hop) while the request goes on, and serve another
        request; from here the watch reaches the connection itself (`add_connection`)."""
        watch = getattr(self._local, "watch", None)
        if watch is not None:
            watch.close()

    def _run(self) -> None:
        while True:
            with self._lock:
                watches = [w for w in self._watches if not w.fired]
                if not self._watches:
                    self._thread = None
                    return
            for watch in watches:
                try:
                    stopped = watch.stop is not None and watch.stop()
                except Exception:  # a broken stop must not leave the others unwatched
                    log.exception("a request's stop failed")
                    stopped = False
                if stopped:
                    watch.fire()
                    continue
                deadline = watch.deadline
                if deadline is not None and time.monotonic() >= deadline:
                    watch.fire(expired=True)
            time.sleep(STOP_POLL)


#: The process's watchdog: every session's requests share its thread.
WATCHDOG = Watchdog()
