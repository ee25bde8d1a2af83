"""The TCP reachability probe, against a real listening socket on loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from sync.conditions import Reachability
from sync.reachability import ReachabilityProbe, Target, target_of, targets_of, tcp_connect
from tests.guard import GUARD_S, guarded

HOUR_S = 3600.0
"""A probe timeout the tests never reach: a dead host's connection then ends only when the
kernel gives up its SYNs (about 2 minutes) or its listener closes at the end of the test."""


@pytest.fixture
def listening() -> Iterator[Target]:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()


@contextmanager
def blackhole() -> Iterator[Target]:
    """A host that never answers: a listening socket whose backlog is full (one connection
    never accepted), so the kernel drops the SYNs of the next ones until they time out."""
    with socket.socket() as server, socket.socket() as filler:
        server.bind(("127.0.0.1", 0))
        server.listen(0)
        filler.connect(server.getsockname())
        yield server.getsockname()


@pytest.fixture
def blackholed() -> Iterator[Target]:
    with blackhole() as target:
        yield target


class Recorded:
    """The real `tcp_connect`, noting when each connection to an address starts and ends
    (monotonic), so a test can tell which were in flight together without a wall-clock bound."""

    def __init__(self) -> None:
        self.lock = threading.Condition()
        self.starts: list[tuple[Target, float]] = []
        self.ends: list[tuple[Target, float]] = []

    def __call__(self, target: Target, timeout: float) -> None:
        with self.lock:
            self.starts.append((target, time.monotonic()))
        try:
            tcp_connect(target, timeout)
        finally:
            with self.lock:
                self.ends.append((target, time.monotonic()))
                self.lock.notify_all()

    def settle(self) -> None:
        """Wait for every connection to end (a check may answer just before its own does)."""
        with self.lock:
            assert self.lock.wait_for(lambda: len(self.ends) == len(self.starts), timeout=60)

    def ended(self, target: Target) -> list[float]:
        with self.lock:
            return [when for address, when in self.ends if address == target]

    def started(self, target: Target) -> list[float]:
        with self.lock:
            return [when for address, when in self.starts if address == target]


def closed_port() -> Target:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()


def test_target_of_urls() -> None:
    assert target_of("https://lrs.example.org/xAPI/") == ("lrs.example.org", 443)
    assert target_of("http://127.0.0.1:8100/xAPI/") == ("127.0.0.1", 8100)
    assert target_of("http://h:99999/") is None
    assert target_of("file:///x") is None


def test_check_follows_the_server(listening: Target) -> None:
    reach = Reachability(online=False)
    probe = ReachabilityProbe(reach, lambda: [listening], timeout=2)
    assert probe.check() and reach.online
    probe.targets = lambda: [closed_port()]
    assert not probe.check() and not reach.online


def test_online_when_any_lrs_host_answers(listening: Target) -> None:
    reach = Reachability(online=False)
    probe = ReachabilityProbe(reach, lambda: [closed_port(), listening], timeout=2)
    assert probe.check() and reach.online  # a dead first LRS does not hide a working one
    probe.targets = lambda: [closed_port(), closed_port()]
    assert not probe.check() and not reach.online


def test_targets_of_every_account_once() -> None:
    urls = [
        "https://old.example.org/xAPI/",
        "https://lrs.example.org/xAPI/",
        "https://lrs.example.org/other/",
        "file:///x",
    ]
    assert targets_of(urls) == [("old.example.org", 443), ("lrs.example.org", 443)]


def test_no_target_counts_as_online() -> None:
    reach = Reachability(online=False)
    assert ReachabilityProbe(reach, lambda: []).check() and reach.online


def test_offline_delays_grow_and_are_capped() -> None:
    probe = ReachabilityProbe(Reachability(), lambda: [], base_delay=5, max_delay=30)
    next_delay = probe.delays()
    assert [next_delay() for _ in range(6)] == [5, 10, 20, 30, 30, 30]


def test_run_notices_the_network_coming_back(listening: Target) -> None:
    reach = Reachability(online=True)
    up = threading.Event()
    calls: list[Target] = []

    def connect(target: Target, timeout: float) -> None:
        calls.append(target)
        if not up.is_set():
            raise ConnectionRefusedError("down")
        socket.create_connection(target, timeout=timeout).close()

    probe = ReachabilityProbe(
        reach, lambda: [listening], connect=connect, base_delay=0.01, max_delay=0.02
    )
    generation = reach.generation
    cancel = threading.Event()
    worker = threading.Thread(target=probe.run, args=(cancel,))
    worker.start()
    try:
        while len(calls) < 3:  # probing while down
            threading.Event().wait(0.01)
        assert not reach.online
        up.set()
        assert reach.wait_change(generation, timeout=30)
        assert reach.online
        probe.suspect()  # a request failed: probed again at once
        seen = len(calls)
        while len(calls) == seen:
            threading.Event().wait(0.01)
    finally:
        cancel.set()
        worker.join(timeout=30)
    assert not worker.is_alive()


def test_dead_hosts_do_not_delay_one_that_answers() -> None:
    """The answer comes while every dead host still hangs: measured against the dead hosts' own
    ends, not a wall-clock bound that a loaded machine (11 threads to start) can overrun."""
    dead = [(f"dead{n}.test", 443) for n in range(10)]
    alive = ("lrs.test", 443)
    release = threading.Event()
    ended: list[Target] = []

    def connect(target: Target, timeout: float) -> None:
        if target == alive:
            return
        release.wait(timeout)
        ended.append(target)
        raise TimeoutError("timed out")

    reach = Reachability(online=False)
    probe = ReachabilityProbe(reach, lambda: [*dead, alive], connect=connect, timeout=5.0)
    try:
        assert probe.check() and reach.online
        assert ended == []  # no dead host had given up: not after 10 (or 1) x 5 s of them
    finally:
        release.set()


def test_many_dead_hosts_cost_one_timeout() -> None:
    """All ten dead hosts are tried together (each waits until all ten are in), so the check
    costs one timeout, not ten: checked by what ran at once, not a wall-clock bound."""
    dead = [(f"dead{n}.test", 443) for n in range(10)]
    lock = threading.Lock()
    entered: list[Target] = []
    all_in = threading.Event()
    gave_up: list[Target] = []

    def connect(target: Target, timeout: float) -> None:
        with lock:
            entered.append(target)
            if len(entered) == len(dead):
                all_in.set()
        if not all_in.wait(timeout):
            gave_up.append(target)  # tried one after the other: each waits its timeout
        raise TimeoutError("timed out")

    reach = Reachability(online=True)
    probe = ReachabilityProbe(reach, lambda: dead, connect=connect, timeout=5.0)
    assert not probe.check() and not reach.online
    assert all_in.is_set() and gave_up == []  # all ten in flight at once, none waited alone


def test_a_connect_that_hangs_past_its_timeout_is_not_waited_for() -> None:
    """A connect (a fake, which looks the name up itself) that hangs: the probe answers at its
    timeout whatever happens."""
    release = threading.Event()
    ended: list[Target] = []

    def hanging(target: Target, timeout: float) -> None:
        release.wait(30)
        ended.append(target)
        raise OSError("gave up")

    probe = ReachabilityProbe(Reachability(), lambda: [("slow.test", 443)], connect=hanging)
    probe.timeout = 0.3
    try:
        assert not probe.check()
        assert ended == []  # answered while the connect still hangs: not waited for
    finally:
        release.set()


def test_real_blackholed_hosts_do_not_delay_a_listening_one(
    blackholed: Target, listening: Target
) -> None:
    """Real sockets; which connections were in flight when is recorded, so neither claim
    depends on how fast a loaded machine starts threads."""
    reach = Reachability(online=False)
    probe = ReachabilityProbe(reach, lambda: [blackholed, blackholed, listening], timeout=HOUR_S)
    probe.connect = connects = Recorded()
    assert guarded(probe.check, "the probe") and reach.online
    # Answered while the dead host's connection still hangs: an ordering, not a measure.
    assert connects.ended(blackholed) == []
    with blackhole() as one, blackhole() as two:  # not `blackholed`: its connection still hangs
        probe.timeout = 2.0
        probe.targets = lambda: [one, closed_port(), two]
        connects = probe.connect = Recorded()
        assert not probe.check() and not reach.online
        connects.settle()
        # One timeout for them all, not one after the other: each dead host's connection
        # started before the other's gave up.
        assert max(connects.started(one)) < min(connects.ended(two))
        assert max(connects.started(two)) < min(connects.ended(one))


# -- name lookups and hosts with several addresses ---------------------------------------------


@pytest.fixture
def lookups(monkeypatch: pytest.MonkeyPatch) -> dict[str, Callable[[], list[Target]]]:
    """`socket.getaddrinfo` answering the names put in this dict (their function may sleep or
    hang), the real one for anything else (the numeric addresses the probe connects to)."""
    names: dict[str, Callable[[], list[Target]]] = {}
    real = socket.getaddrinfo

    def fake(host: str, port: object, *args: object, **kwargs: object) -> list[object]:
        if host in names:
            return [
                (socket.AF_INET, socket.SOCK_STREAM, 6, "", address) for address in names[host]()
            ]
        return real(host, port, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", fake)
    return names


def test_a_host_whose_first_address_is_dead_is_online(
    lookups: dict[str, Callable[[], list[Target]]], blackholed: Target, listening: Target
) -> None:
    """A name whose first address never answers (IPv6 on a broken route) and whose second does:
    online, at once, not after the first address's timeout."""
    lookups["dual.test"] = lambda: [blackholed, listening]
    reach = Reachability(online=False)
    probe = ReachabilityProbe(reach, lambda: [("dual.test", 443)], timeout=HOUR_S)
    probe.connect = connects = Recorded()
    assert guarded(probe.check, "the probe") and reach.online
    # Answered while the first address's connection still hangs.
    assert connects.ended(blackholed) == []


def test_a_slow_lookup_is_not_cut_by_the_connect_timeout(
    lookups: dict[str, Callable[[], list[Target]]], listening: Target
) -> None:
    """On a satellite link a name lookup may take longer than a TCP connect timeout."""

    def slow() -> list[Target]:
        time.sleep(1.5)  # the slowness itself, not a wait for anything: past the connect timeout
        return [listening]

    lookups["slow.test"] = slow
    reach = Reachability(online=False)
    # 1 s: the loopback connect made after the lookup needs it, even on a loaded machine.
    probe = ReachabilityProbe(reach, lambda: [("slow.test", 443)], timeout=1.0)
    assert probe.check() and reach.online


def test_a_hung_lookup_is_bounded_and_not_started_again(
    lookups: dict[str, Callable[[], list[Target]]], listening: Target
) -> None:
    """A lookup that hangs: each check gives up after the lookup timeout, and the next checks
    wait for that same lookup instead of piling up a thread each; when it answers at last, the
    check waiting then gets its answer."""
    release = threading.Event()
    calls: list[float] = []
    answered: list[float] = []

    def hung() -> list[Target]:
        calls.append(time.monotonic())
        release.wait(30)
        answered.append(time.monotonic())
        return [listening]

    lookups["hung.test"] = hung
    reach = Reachability(online=True)
    probe = ReachabilityProbe(reach, lambda: [("hung.test", 443)], timeout=0.2)
    probe.lookup_timeout = 0.2
    try:
        for _ in range(5):
            assert not probe.check() and not reach.online
            assert answered == []  # gave up at the lookup timeout, while the lookup still hangs
        assert len(calls) == 1 and probe.threads() == 1
        # The same lookup, answering during this check: given all the time it needs (the 60 s
        # guard), so that a loaded machine running the timer late does not fail it.
        probe.lookup_timeout = HOUR_S
        threading.Timer(0.1, release.set).start()
        assert guarded(probe.check, "the check") and reach.online
        assert len(calls) == 1
    finally:
        release.set()


def test_many_dead_hosts_with_several_addresses_cost_one_timeout(
    lookups: dict[str, Callable[[], list[Target]]], blackholed: Target
) -> None:
    dead = [(f"dead{n}.test", 443) for n in range(8)]
    for host, _ in dead:
        lookups[host] = lambda: [blackholed, closed_port(), blackholed]
    reach = Reachability(online=True)
    probe = ReachabilityProbe(reach, lambda: dead, timeout=2.0)
    probe.connect = connects = Recorded()
    assert not probe.check() and not reach.online
    connects.settle()
    # One connect timeout for them all: every connection (each host's closed port too) started
    # before the dead address gave up, none after it, as hosts tried in turn would.
    assert max(when for _, when in connects.starts) < min(connects.ended(blackholed))


def test_real_lookup_of_localhost(listening: Target) -> None:
    """The real resolver: `localhost` (::1 first on many systems, where nothing listens here)
    reaches the server listening on 127.0.0.1."""
    reach = Reachability(online=False)
    probe = ReachabilityProbe(reach, lambda: [("localhost", listening[1])], timeout=2.0)
    assert probe.check() and reach.online
    probe.targets = lambda: [("localhost", closed_port()[1])]
    assert not probe.check() and not reach.online


def test_run_stops_during_a_hung_lookup(
    lookups: dict[str, Callable[[], list[Target]]],
) -> None:
    release = threading.Event()
    entered = threading.Event()

    def hung() -> list[Target]:
        entered.set()
        release.wait()  # until the test ends: only the stop can end the run
        return []

    lookups["hung.test"] = hung
    # Lookup and connect timeouts the test never reaches: a run that waits for them instead of
    # the stop fails by the 60 s guard, not by a short bound a loaded machine may pass.
    probe = ReachabilityProbe(
        Reachability(), lambda: [("hung.test", 443)], timeout=HOUR_S, lookup_timeout=HOUR_S
    )
    cancel = threading.Event()
    worker = threading.Thread(target=probe.run, args=(cancel,), daemon=True)
    worker.start()
    try:
        assert entered.wait(GUARD_S)
        cancel.set()
        worker.join(GUARD_S)
        assert not worker.is_alive(), f"the run still waits {GUARD_S:.0f} s after its stop"
    finally:
        release.set()
        worker.join(GUARD_S)
