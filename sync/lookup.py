"""Host name lookups with a deadline, for every HTTP request Cartable sends (sync/http.py).

The system resolver has no timeout: behind a captive portal or a dead upstream DNS server,
`getaddrinfo` blocks 20-40 s, and a request's connect timeout only starts after it. So a lookup
runs on a small daemon thread, and the request waits for it up to its connect timeout, or until
its thread's `stop` (see `stop_waiting_when`) says the work was paused or the application quits.
A lookup still running when a request gives up keeps its thread, and any request for the same
name meanwhile waits for that one instead of starting another: retries with backoff keep one
thread per hung name, like the reachability probe (sync/reachability.py). An abandoned lookup
only hands its answer to whoever still waits; nothing else hears of it.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

AddrInfo = tuple[Any, ...]  # (family, type, proto, canonname, sockaddr), as getaddrinfo gives
Key = tuple[str, int, int]  # host, port, family

#: How often a waiting request looks at its `stop`.
STOP_POLL = 0.05
#: The deadline when the caller gives none (urllib3 passes no timeout: the socket default).
DEFAULT_LOOKUP_TIMEOUT = 15.0
#: Starts the reason of a lookup that ran out of time (the engines' wording looks for it).
TIMED_OUT = "name lookup timed out"


class LookupTimedOut(OSError):
    """The resolver gave no answer in time (a hung or unreachable DNS server)."""


class LookupStopped(OSError):
    """The request was stopped (a pause, a quit) while its name was looked up."""


class _Lookup:
    """One getaddrinfo call in flight, whose answer every request that waits for it shares."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.answer: list[AddrInfo] = []
        self.error: OSError | None = None


class Lookups:
    """The lookups running, by (host, port, family): one thread per name however many requests
    ask for it; an answer is not kept once given (the system and its cache own that)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[Key, _Lookup] = {}

    def resolve(
        self, host: str, port: int, family: int = socket.AF_UNSPEC, timeout: float | None = None
    ) -> list[AddrInfo]:
        """getaddrinfo's answer for a stream socket to (host, port). Raises socket.gaierror
        (unknown name, no DNS), LookupTimedOut after `timeout` s, LookupStopped when this
        thread's `stop` turns true meanwhile. A numeric address needs no thread."""
        if _is_numeric(host):
            return socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)
        wait = DEFAULT_LOOKUP_TIMEOUT if timeout is None else timeout
        lookup = self._start((host, port, family))
        stop = getattr(_local, "stop", None)
        deadline = time.monotonic() + wait
        while not lookup.done.is_set():
            if stop is not None and stop():
                raise LookupStopped(f"name lookup of {host} stopped")
            left = deadline - time.monotonic()
            if left <= 0:
                raise LookupTimedOut(f"{TIMED_OUT}: no answer for {host} within {wait:g} s")
            lookup.done.wait(min(left, STOP_POLL) if stop is not None else left)
        if lookup.error is not None:
            raise lookup.error
        return list(lookup.answer)

    def running(self) -> int:
        """How many lookups are in flight (each on its own thread)."""
        with self._lock:
            return len(self._running)

    def _start(self, key: Key) -> _Lookup:
        with self._lock:
            lookup = self._running.get(key)
            if lookup is not None:
                return lookup
            lookup = self._running[key] = _Lookup()
        try:
            threading.Thread(
                target=self._run, args=(key, lookup), name="lookup", daemon=True
            ).start()
        except BaseException:
            with self._lock:
                del self._running[key]
            raise
        return lookup

    def _run(self, key: Key, lookup: _Lookup) -> None:
        host, port, family = key
        try:
            lookup.answer = socket.getaddrinfo(host, port, family, socket.SOCK_STREAM)
        except OSError as exc:
            lookup.error = exc
        except Exception as exc:  # UnicodeError for a bad name: a failed lookup all the same
            lookup.error = socket.gaierror(f"{host}: {exc}")
        finally:
            with self._lock:
                del self._running[key]
            lookup.done.set()


def timed_out_lookup(exc: BaseException) -> LookupTimedOut | None:
    """The LookupTimedOut behind a request's failure (requests and urllib3 wrap it twice), so
    the reason shown says the name server did not answer, not a vague timeout."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, LookupTimedOut):
            return current
        reason = getattr(current, "reason", None)
        inner = [a for a in current.args if isinstance(a, BaseException)]
        todo += [current.__cause__, current.__context__, *inner]
        if isinstance(reason, BaseException):
            todo.append(reason)
    return None


def _is_numeric(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


#: The process's lookups: every session shares them, so a hung name holds one thread in all.
LOOKUPS = Lookups()

_local = threading.local()


def current_stop() -> Callable[[], bool] | None:
    """This thread's stop (`stop_waiting_when`), if any: sync/http.py's requests honour it
    while connecting and reading too (sync/http_stop.py)."""
    return getattr(_local, "stop", None)


@contextlib.contextmanager
def stop_waiting_when(stop: Callable[[], bool]) -> Iterator[None]:
    """Lookups made by this thread meanwhile give up (LookupStopped) as soon as `stop()` is
    true (polled every STOP_POLL s): a pause or a quit need not wait for a hung resolver. The
    requests of sync/http.py's sessions give up too, connecting or reading."""
    previous = getattr(_local, "stop", None)
    _local.stop = stop
    try:
        yield
    finally:
        _local.stop = previous
