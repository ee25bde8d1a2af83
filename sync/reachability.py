"""A cheap reachability probe for when the desktop cannot tell (no QNetworkInformation backend).

It opens a TCP connection to the LRS hosts (no request, no credentials) and answers online as soon
as one connects: each profile may have its own LRS, and one dead or retired server must not make
the whole device look offline while another LRS is reachable, nor delay the first sync by its
timeout. Every host is looked up at once, and every address of every host is tried at once as
soon as its lookup answers (a name whose first address does not answer, an IPv6 address on a
broken route, is online through its second): the lookups get `lookup_timeout` (15 s, a slow
resolver on a satellite link is not "offline"), each connection `timeout` (5 s), so a check ends
within about their sum whatever the number of hosts and addresses. Each lookup and connection
runs on a small daemon thread; a check that asks for a host still being looked up, or an address
still being tried, waits for that attempt instead of starting another, so a hung lookup keeps one
thread however often the probe runs. It feeds the answer into a `sync.conditions.Reachability`,
which the sync and download engines read. While the network is down it probes again with a
growing delay (5 s, 10 s, ... capped), so a laptop that comes back online starts syncing within
that delay; while it is up it stays quiet until someone `suspect`s it (a request that got no
answer). Qt-free: the UI uses QNetworkInformation when it has one and this otherwise.
"""

from __future__ import annotations

import math
import socket
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any, Generic, TypeVar
from urllib.parse import urlsplit

from sync.conditions import Reachability

Target = tuple[str, int]
Connect = Callable[[Target, float], None]
Resolve = Callable[[Target], Sequence[Target]]
#: What a check waits for: ("host", target) while it is looked up, ("connect", address) then.
Key = tuple[str, Target]
T = TypeVar("T")

#: Seconds a check gives a host's name lookup before counting it as failed. Longer than the
#: connect timeout: a resolver that loses a packet retries after its own timeout (glibc 5 s,
#: twice per server; Windows 1, 1, 2, 4 s), and on a satellite or 2G link each try costs a round
#: trip of up to a second or more, so a lookup of 10-12 s is a slow network, not no network. A
#: check still ends within about LOOKUP_TIMEOUT + timeout (20 s), and a lookup still running when
#: a check gives up keeps going: the next check (5 s later) waits for that same one, so even a
#: longer lookup gets its answer used.
LOOKUP_TIMEOUT = 15.0
#: How often a check looks at its `cancel` event.
CANCEL_POLL = 0.1


def target_of(url: str) -> Target | None:
    """(host, port) of an http(s) URL, None when it has none."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def targets_of(urls: Iterable[str]) -> list[Target]:
    """The distinct (host, port) of these URLs, in their order; URLs without one are left out."""
    found: list[Target] = []
    for url in urls:
        target = target_of(url)
        if target is not None and target not in found:
            found.append(target)
    return found


class _Attempt(Generic[T]):
    """A lookup or a connection in flight on its own daemon thread, whose answer every check
    that asks for it meanwhile shares."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._done = False
        self._result: T | None = None
        self._waiting: list[Callable[[T], None]] = []

    def then(self, callback: Callable[[T], None]) -> None:
        """Call `callback` with the answer: when it comes (from the attempt's thread), or now."""
        with self._lock:
            if not self._done:
                self._waiting.append(callback)
                return
            result = self._result
        callback(result)  # type: ignore[arg-type]

    def finish(self, result: T) -> None:
        with self._lock:
            self._done, self._result = True, result
            waiting, self._waiting = self._waiting, []
        for callback in waiting:
            callback(result)


class _InFlight:
    """The attempts running, by key: one thread per host looking up and per address
    connecting, however often checks come (a hung lookup is joined, not started again).

    Not sync/lookup.py's `Lookups`, though both keep one thread per hung name: `resolve` there
    blocks its caller until the answer, its deadline or its thread's stop, which suits one
    request; a check here starts every lookup and every connection at once and waits for the
    first success on its own thread (`_Race`), so it needs attempts that call back. Connections
    are shared the same way, which `Lookups` does not do, so this class would stay for them
    anyway; and `resolve` may be a fake (the hosts by name, with a fake `connect`)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running: dict[Key, _Attempt[Any]] = {}

    def start(self, key: Key, work: Callable[[], T]) -> _Attempt[T]:
        with self._lock:
            attempt = self._running.get(key)
            if attempt is not None:
                return attempt
            attempt = self._running[key] = _Attempt()
        try:
            threading.Thread(
                target=self._run, args=(key, attempt, work), name="reachability", daemon=True
            ).start()
        except BaseException:
            with self._lock:
                del self._running[key]
            raise
        return attempt

    def _run(self, key: Key, attempt: _Attempt[T], work: Callable[[], T]) -> None:
        try:
            result = work()
        finally:
            with self._lock:
                del self._running[key]
        attempt.finish(result)

    def __len__(self) -> int:
        with self._lock:
            return len(self._running)


class _Race:
    """One check: the lookups and connections it waits for, each until its own deadline; the
    first connection that succeeds wins."""

    def __init__(self, cancel: threading.Event | None) -> None:
        self._cancel = cancel
        self._pending: dict[Key, float] = {}  # what is awaited -> until when (monotonic)
        self._answered = False
        self._closed = False
        self._changed = threading.Condition()

    def expect(self, key: Key, deadline: float) -> None:
        with self._changed:
            self._pending[key] = deadline

    def replace(self, key: Key, keys: Sequence[Key], deadline: float) -> list[Key]:
        """`key` (a lookup) answered `keys` (its addresses): await those until `deadline`
        instead; the ones not awaited already are returned, to be started. Nothing when the
        lookup came after its deadline or the check is over."""
        with self._changed:
            if self._closed or self._answered or self._pending.pop(key, None) is None:
                return []
            fresh = [k for k in dict.fromkeys(keys) if k not in self._pending]
            for k in fresh:
                self._pending[k] = deadline
            self._changed.notify_all()
            return fresh

    def finished(self, key: Key, answered: bool) -> None:
        with self._changed:
            if self._closed:
                return
            self._pending.pop(key, None)
            self._answered = self._answered or answered
            self._changed.notify_all()

    def wait(self) -> bool:
        """True at the first success; False once everything failed or passed its deadline."""
        with self._changed:
            while not self._answered:
                now = time.monotonic()
                for key in [k for k, deadline in self._pending.items() if deadline <= now]:
                    del self._pending[key]
                if not self._pending or (self._cancel is not None and self._cancel.is_set()):
                    break
                pause = min(self._pending.values()) - now
                if self._cancel is not None:
                    pause = min(pause, CANCEL_POLL)
                self._changed.wait(pause)
            self._closed = True
            return self._answered


def addresses_of(target: Target) -> list[Target]:
    """The numeric (address, port) a name resolves to, in the resolver's order (often IPv6
    first); raises OSError when the lookup fails."""
    host, port = target
    found: list[Target] = []
    for family, _, _, _, sockaddr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        if family in (socket.AF_INET, socket.AF_INET6):
            address = (str(sockaddr[0]), int(sockaddr[1]))
            if address not in found:
                found.append(address)
    return found


def _lookup(resolve: Resolve, target: Target) -> list[Target]:
    try:
        return list(resolve(target))
    except Exception:  # OSError (unknown name, no DNS), or a fake's: no address
        return []


def tcp_connect(target: Target, timeout: float) -> None:
    """Open and close a TCP connection; raises OSError when the host cannot be reached."""
    with socket.create_connection(target, timeout=timeout):
        pass


class ReachabilityProbe:
    """Keeps `reachability` up to date by probing `targets()` (the LRS hosts; none: nothing to
    ask, the device counts as online).

    `resolve` turns a host into the addresses to connect to; by default `addresses_of` (the
    system resolver) with the real `connect`, and nothing (each host given as is) with another
    `connect`, a fake that knows the hosts by name."""

    def __init__(
        self,
        reachability: Reachability,
        targets: Callable[[], Sequence[Target]],
        *,
        connect: Connect = tcp_connect,
        resolve: Resolve | None = None,
        timeout: float = 5.0,
        lookup_timeout: float = LOOKUP_TIMEOUT,
        base_delay: float = 5.0,
        max_delay: float = 300.0,
    ) -> None:
        self.reachability = reachability
        self.targets = targets
        self.connect = connect
        self.resolve = (
            resolve if resolve is not None or connect is not tcp_connect else addresses_of
        )
        self.timeout = timeout
        self.lookup_timeout = lookup_timeout
        self.base_delay = base_delay
        self.max_delay = max_delay
        self._suspect = threading.Event()
        self._in_flight = _InFlight()

    def check(self, cancel: threading.Event | None = None) -> bool:
        """Probe once now and record the answer: online when any address of any target
        answers, or none is given. `cancel` set meanwhile: stop waiting, record nothing."""
        where = list(self.targets())
        online = not where or self._any_answers(where, cancel)
        if cancel is not None and cancel.is_set():
            return online
        self.reachability.set_online(online)
        return online

    def threads(self) -> int:
        """How many lookups and connections are running (each on its own thread)."""
        return len(self._in_flight)

    def _any_answers(self, where: Sequence[Target], cancel: threading.Event | None) -> bool:
        """Look every host up at once, each for up to `lookup_timeout`, and connect to each of
        its addresses as soon as it has them, each for up to `timeout`: True at the first that
        answers, False once all failed or ran out of time (at most about lookup_timeout +
        timeout, whatever the number of hosts and addresses)."""
        race = _Race(cancel)
        resolve = self.resolve
        if resolve is None:  # the hosts as they are
            for target in where:
                race.expect(("host", target), math.inf)
            for target in where:
                self._resolved(race, target, [target])
            return race.wait()
        lookups_end = time.monotonic() + self.lookup_timeout
        for target in where:
            race.expect(("host", target), lookups_end)
        for target in where:
            attempt = self._in_flight.start(("lookup", target), partial(_lookup, resolve, target))
            attempt.then(partial(self._resolved, race, target))
        return race.wait()

    def _resolved(self, race: _Race, target: Target, addresses: Sequence[Target]) -> None:
        connects_end = time.monotonic() + self.timeout
        keys = [("connect", address) for address in addresses]
        for key in race.replace(("host", target), keys, connects_end):
            address = key[1]
            attempt = self._in_flight.start(key, partial(self._answers, address))
            attempt.then(partial(race.finished, key))

    def _answers(self, target: Target) -> bool:
        try:
            self.connect(target, self.timeout)
        except Exception:  # OSError, or a fake's: either way that address did not answer
            return False
        return True

    def suspect(self) -> None:
        """A request got no answer: probe now (from any thread)."""
        self._suspect.set()

    def delays(self) -> Callable[[], float]:
        """Successive waits while offline: base, 2x base, ... up to max_delay."""
        state = {"next": self.base_delay}

        def next_delay() -> float:
            delay = state["next"]
            state["next"] = min(self.max_delay, delay * 2)
            return delay

        return next_delay

    def run(self, cancel: threading.Event) -> None:
        """Probe until `cancel` is set (a worker thread's loop)."""
        while not cancel.is_set():
            if self.check(cancel):
                # Up: stay quiet until a request fails or we are stopped.
                while not cancel.is_set() and not self._suspect.wait(0.5):
                    pass
                self._suspect.clear()
                continue
            next_delay = self.delays()
            while not cancel.is_set():
                if cancel.wait(next_delay()) or self.check(cancel):
                    break
