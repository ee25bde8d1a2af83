"""A cheap reachability probe for when the desktop cannot tell (no QNetworkInformation backend).

It opens a TCP connection to every LRS host at once (no request, no credentials), each on a small
daemon thread, and answers as soon as one connects: each profile may have its own LRS, and one dead
or retired server must not make the whole device look offline while another LRS is reachable, nor
delay the first sync by its timeout. Whatever the number of hosts, and even when a name lookup
hangs past the socket timeout, a check takes at most about one `timeout`; a thread still trying
then ends by itself. It feeds the answer into
a `sync.conditions.Reachability`, which the sync and download engines read. While the network is
down it probes again with a growing delay (5 s, 10 s, ... capped), so a laptop that comes back
online starts syncing within that delay; while it is up it stays quiet until someone `suspect`s
it (a request that got no answer). Qt-free: the UI uses QNetworkInformation when it has one and
this otherwise.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import urlsplit

from sync.conditions import Reachability

Target = tuple[str, int]
Connect = Callable[[Target, float], None]


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


class _Race:
    """The outcome of connections tried at once: the first success wins."""

    def __init__(self, runners: int) -> None:
        self._left = runners
        self._answered = False
        self._changed = threading.Condition()

    def finished(self, answered: bool) -> None:
        with self._changed:
            self._left -= 1
            self._answered = self._answered or answered
            self._changed.notify_all()

    def wait(self, timeout: float) -> bool:
        with self._changed:
            self._changed.wait_for(lambda: self._answered or self._left <= 0, timeout)
            return self._answered


def tcp_connect(target: Target, timeout: float) -> None:
    """Open and close a TCP connection; raises OSError when the host cannot be reached."""
    with socket.create_connection(target, timeout=timeout):
        pass


class ReachabilityProbe:
    """Keeps `reachability` up to date by probing `targets()` (the LRS hosts; none: nothing to
    ask, the device counts as online)."""

    def __init__(
        self,
        reachability: Reachability,
        targets: Callable[[], Sequence[Target]],
        *,
        connect: Connect = tcp_connect,
        timeout: float = 5.0,
        base_delay: float = 5.0,
        max_delay: float = 300.0,
    ) -> None:
        self.reachability = reachability
        self.targets = targets
        self.connect = connect
        self.timeout = timeout
        self.base_delay = base_delay
        self.max_delay = max_delay
        self._suspect = threading.Event()

    def check(self) -> bool:
        """Probe once now and record the answer: online when any target answers, or none is
        given."""
        where = list(self.targets())
        online = not where or self._any_answers(where)
        self.reachability.set_online(online)
        return online

    def _any_answers(self, where: Sequence[Target]) -> bool:
        """Connect to all at once: True at the first that answers, False once all failed or
        `timeout` passed (the threads left behind are daemons and time out on their own)."""
        race = _Race(len(where))
        for host, port in where:
            threading.Thread(
                target=self._run_in, args=(race, (host, port)), name="reachability", daemon=True
            ).start()
        return race.wait(self.timeout)

    def _run_in(self, race: _Race, target: Target) -> None:
        race.finished(self._answers(target))

    def _answers(self, target: Target) -> bool:
        try:
            self.connect(target, self.timeout)
        except Exception:  # OSError, or a fake's: either way that host did not answer
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
            if self.check():
                # Up: stay quiet until a request fails or we are stopped.
                while not cancel.is_set() and not self._suspect.wait(0.5):
                    pass
                self._suspect.clear()
                continue
            next_delay = self.delays()
            while not cancel.is_set():
                if cancel.wait(next_delay()) or self.check():
                    break
