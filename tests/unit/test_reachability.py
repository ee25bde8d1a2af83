"""The TCP reachability probe, against a real listening socket on loopback."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from sync.conditions import Reachability
from sync.reachability import ReachabilityProbe, Target, target_of, targets_of


@pytest.fixture
def listening() -> Iterator[Target]:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield server.getsockname()


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
