"""sync/share_discovery.py over real UDP sockets on 127.0.0.1 (never broadcast: the sandbox may
not carry it): a share is found with its address, port, name and course count; garbage, another
version, an oversized request get no answer; no responder is an empty list within the time
bound (checked by seek's own clock and the waits it gives its socket, not by the wall clock: a
loaded machine stretches every wait; speed is measured in benchmarks/); the responder goes with
the share; a taken port is one line, and the share serves on."""

from __future__ import annotations

import errno
import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from sync.share_discovery import (
    DISCOVERY_PORT,
    MAX_REPLY_BYTES,
    REQUEST,
    REQUEST_SIZE,
    SEEK_SECONDS,
    Announcement,
    DiscoveryError,
    DiscoveryFault,
    DiscoveryOptions,
    DiscoveryResponder,
    FoundShare,
    broadcast_addresses,
    parse_reply,
    request_version,
    seek,
    system_fault,
)
from sync.share_server import DEFAULT_PORT, SharedFile, ShareServer

SHORT = 0.4
"""A search's time bound in these tests: answers on 127.0.0.1 take a millisecond."""


@pytest.fixture
def responder() -> Iterator[DiscoveryResponder]:
    answering = DiscoveryResponder(Announcement("LAB-PC-01", 12, 8475), host="127.0.0.1", port=0)
    with answering_until_done(answering):
        yield answering


class answering_until_done:
    def __init__(self, responder: DiscoveryResponder) -> None:
        self.responder = responder

    def __enter__(self) -> DiscoveryResponder:
        return self.responder.start()

    def __exit__(self, *exc: object) -> None:
        self.responder.stop()


class Watched:
    """seek's clock (the real one) keeping its readings, and its socket (a real one) keeping
    each wait it is given, with the clock's last reading then. While it watches, every new
    socket is such a socket (the responders' are made before)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.readings: list[float] = []
        self.waits: list[tuple[float, float | None]] = []
        watched = self

        class Socket(socket.socket):
            def settimeout(self, value: float | None) -> None:
                watched.waits.append((watched.readings[-1], value))
                super().settimeout(value)

        monkeypatch.setattr(socket, "socket", Socket)

    def clock(self) -> float:
        now = time.monotonic()
        self.readings.append(now)
        return now

    def listened_for(self, timeout: float) -> None:
        """The search listened until its clock reached `timeout` after it began, not longer:
        each wait on its socket ended by then (or was the least, 0.01 s)."""
        started = self.readings[0]
        deadline = started + timeout
        assert self.readings[-1] >= deadline, "the search ended before its time"
        assert self.waits, "the search never waited for an answer"
        for now, wait in self.waits:
            assert wait is not None, "a wait without a timeout"
            assert now + wait <= deadline + 0.01, f"a wait of {wait:.2f} s {now - started:.2f} s in"


def ask(port: int, data: bytes, timeout: float = SHORT) -> bytes | None:
    """What the responder answers `data` with, or None."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(timeout)
        s.sendto(data, ("127.0.0.1", port))
        try:
            return s.recv(4096)
        except TimeoutError:
            return None


def test_a_share_is_found_with_its_address_port_name_and_courses(
    responder: DiscoveryResponder, monkeypatch: pytest.MonkeyPatch
) -> None:
    watched = Watched(monkeypatch)
    found = seek([("127.0.0.1", responder.port)], timeout=SHORT, clock=watched.clock)
    watched.listened_for(SHORT)
    # Asked once: the search (SHORT, 0.4 s) ends before its resend (RESEND_AFTER_S, 0.5 s).
    assert found == [FoundShare("127.0.0.1", 8475, "LAB-PC-01", 12)]
    assert found[0].url == "http://127.0.0.1:8475/"


def test_two_shares_are_listed_by_name_each_once(responder: DiscoveryResponder) -> None:
    other = DiscoveryResponder(Announcement("aula-2", 1, 9000), host="127.0.0.1", port=0)
    with answering_until_done(other):
        targets = [("127.0.0.1", responder.port), ("127.0.0.1", other.port)] * 2
        found = seek(targets, timeout=SHORT)
    assert [(s.name, s.port, s.courses) for s in found] == [
        ("aula-2", 9000, 1),
        ("LAB-PC-01", 8475, 12),
    ]


def test_garbage_another_version_and_an_oversized_request_get_no_answer(
    responder: DiscoveryResponder,
) -> None:
    assert ask(responder.port, REQUEST) is not None
    unanswered = [
        b"",
        b"hello",
        REQUEST[:-1],  # short by one byte
        REQUEST + b"\0",  # long by one
        REQUEST * 20,  # oversized
        REQUEST.replace(b"DISCOVER 1", b"DISCOVER 2"),  # a version this one does not speak
        REQUEST.replace(b"DISCOVER 1", b"DISCOVER x"),
        REQUEST.replace(b"1\n", b"1 "),  # no end of line
        REQUEST[:-1] + b"x",  # padding that is not padding
        bytes(REQUEST_SIZE),
    ]
    for data in unanswered:
        assert ask(responder.port, data, timeout=0.15) is None, data
    assert ask(responder.port, REQUEST) is not None  # still answering


def test_the_answer_is_never_larger_than_the_request() -> None:
    assert len(REQUEST) == REQUEST_SIZE and request_version(REQUEST) == 1
    for name in ("", "LAB-PC-01", "x" * 500, "é" * 300, '"\\' * 100, "\u0000\n" * 50):
        data = Announcement(name, 4_294_967_295, 65535).encode()
        assert len(data) <= MAX_REPLY_BYTES <= REQUEST_SIZE
        share = parse_reply(data, "10.0.0.5")
        assert share is not None and share.courses == 4_294_967_295
        assert share.name.isprintable() and len(share.name) <= 63


def test_garbage_answers_are_ignored() -> None:
    good = {"cartable": 1, "port": 8475, "courses": 2, "name": "PC"}
    assert parse_reply(json.dumps(good).encode(), "10.0.0.5") == FoundShare(
        "10.0.0.5", 8475, "PC", 2
    )
    bad = [
        b"",
        b"\xff\xfe",
        b"[1, 2]",
        b"not json",
        json.dumps({**good, "cartable": 2}).encode(),
        json.dumps({**good, "port": 0}).encode(),
        json.dumps({**good, "port": 70000}).encode(),
        json.dumps({**good, "port": "8475"}).encode(),
        json.dumps({**good, "port": True}).encode(),
        json.dumps({**good, "courses": -1}).encode(),
        json.dumps({**good, "name": 5}).encode(),
        json.dumps({**good, "name": "x" * 200}).encode(),  # oversized
    ]
    for data in bad:
        assert parse_reply(data, "10.0.0.5") is None, data
    assert parse_reply(json.dumps(good).encode(), "not an address") is None
    # A nameless share is named by its address.
    assert parse_reply(json.dumps({**good, "name": " \n"}).encode(), "10.0.0.5").name == "10.0.0.5"  # type: ignore[union-attr]


def test_a_search_ignores_garbage_and_finds_the_share_that_answers(
    responder: DiscoveryResponder,
) -> None:
    """Something else answering on the port with junk (and a foreign JSON) is left out."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as noisy:
        noisy.bind(("127.0.0.1", 0))
        noisy.settimeout(SHORT)

        def answer_junk() -> None:
            for _ in range(2):  # both requests
                try:
                    _data, sender = noisy.recvfrom(4096)
                except TimeoutError:
                    return
                noisy.sendto(b"\x00garbage", sender)
                noisy.sendto(b'{"cartable": 1, "port": "x"}', sender)
                noisy.sendto(b"{" * 2000, sender)

        junk = threading.Thread(target=answer_junk)
        junk.start()
        found = seek(
            [("127.0.0.1", noisy.getsockname()[1]), ("127.0.0.1", responder.port)], timeout=SHORT
        )
        junk.join()
    assert [s.name for s in found] == ["LAB-PC-01"]


def test_no_responder_is_an_empty_list_within_the_time_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nobody answers there
    watched = Watched(monkeypatch)
    assert seek([("127.0.0.1", port)], timeout=SHORT, clock=watched.clock) == []
    watched.listened_for(SHORT)
    assert SEEK_SECONDS <= 2


def test_a_sender_is_answered_a_few_times_then_at_a_bounded_rate() -> None:
    now = [100.0]
    responder = DiscoveryResponder(
        Announcement("PC", 1, 8475), host="127.0.0.1", port=0, clock=lambda: now[0]
    )
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            sender = ("127.0.0.1", s.getsockname()[1])
            answered = [responder.answer(REQUEST, sender) for _ in range(20)]
            assert answered == [True] * 8 + [False] * 12
            now[0] += 1.0  # two more a second
            assert [responder.answer(REQUEST, sender) for _ in range(3)] == [True, True, False]
            assert responder.answer(REQUEST, ("127.0.0.2", 9)) is True  # another sender
    finally:
        responder.stop()


def test_a_taken_port_is_one_line_and_the_responder_port_is_the_shares() -> None:
    assert DISCOVERY_PORT == DEFAULT_PORT
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        with pytest.raises(DiscoveryError) as raised:
            DiscoveryResponder(Announcement("PC", 1, 8475), host="127.0.0.1", port=port)
    assert str(raised.value) == (
        f"UDP port {port} is in use (another program, or another Cartable sharing)"
    )
    assert raised.value.fault is DiscoveryFault.PORT_IN_USE
    with pytest.raises(DiscoveryError, match=r"^cannot listen on UDP port 1: ") as raised:
        DiscoveryResponder(Announcement("PC", 1, 8475), host="192.0.2.1", port=1)
    assert raised.value.fault is DiscoveryFault.NO_NETWORK  # not an address of this computer


def test_the_share_answers_while_it_serves_and_stops_with_it() -> None:
    table = {"catalog.json": SharedFile("e1", 2, data=b"{}")}
    server = ShareServer(
        table.get, host="127.0.0.1", port=0, discovery=DiscoveryOptions("LAB-PC-01", 3, port=0)
    )
    assert server.discovery is not None and server.discovery_error is None
    udp = server.discovery.port
    assert seek([("127.0.0.1", udp)], timeout=SHORT) == []  # not before it serves
    server.start()
    try:
        found = seek([("127.0.0.1", udp)], timeout=SHORT)
        assert found == [FoundShare("127.0.0.1", server.port, "LAB-PC-01", 3)]
    finally:
        server.stop()
    assert seek([("127.0.0.1", udp)], timeout=SHORT) == []
    # Its port is free again: another share can answer there.
    again = DiscoveryResponder(Announcement("PC", 1, 1), host="127.0.0.1", port=udp)
    again.stop()


def test_a_share_whose_discovery_port_is_taken_serves_all_the_same() -> None:
    table = {"catalog.json": SharedFile("e1", 2, data=b"{}")}
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
        taken.bind(("127.0.0.1", 0))
        port = taken.getsockname()[1]
        with ShareServer(
            table.get, host="127.0.0.1", port=0, discovery=DiscoveryOptions("PC", 1, port=port)
        ) as server:
            assert server.discovery is None
            assert server.discovery_error == (
                f"UDP port {port} is in use (another program, or another Cartable sharing)"
            )
            with socket.create_connection(("127.0.0.1", server.port), timeout=2) as http:
                http.sendall(b"GET /catalog.json HTTP/1.1\r\nHost: x\r\n\r\n")
                assert http.recv(100).startswith(b"HTTP/1.1 200")


def test_a_search_with_nowhere_to_send_is_one_line() -> None:
    with pytest.raises(DiscoveryError, match=r"^cannot search the network: ") as raised:
        seek([], timeout=SHORT)
    assert raised.value.fault is DiscoveryFault.NO_NETWORK


def test_a_search_the_system_refuses_says_its_kind() -> None:
    """The player words the failure by its kind (Settings, "Find computers sharing courses
    nearby"): the system's English words are only the line's."""
    with pytest.raises(
        DiscoveryError, match=r"^cannot search the network: Invalid argument$"
    ) as raised:
        seek([("127.0.0.1", 0)], timeout=SHORT)  # EINVAL: no port 0 to send to
    assert raised.value.fault is DiscoveryFault.UNAVAILABLE
    kinds = {
        errno.ENETUNREACH: DiscoveryFault.NO_NETWORK,
        errno.ENETDOWN: DiscoveryFault.NO_NETWORK,
        errno.EHOSTUNREACH: DiscoveryFault.NO_NETWORK,
        errno.EADDRNOTAVAIL: DiscoveryFault.NO_NETWORK,
        errno.EACCES: DiscoveryFault.REFUSED,
        errno.EPERM: DiscoveryFault.REFUSED,
        errno.EMFILE: DiscoveryFault.UNAVAILABLE,
        errno.EINVAL: DiscoveryFault.UNAVAILABLE,
    }
    for number, kind in kinds.items():
        assert system_fault(OSError(number, "words")) is kind, errno.errorcode[number]
    assert system_fault(OSError("no errno")) is DiscoveryFault.UNAVAILABLE
    assert broadcast_addresses()[0] == "255.255.255.255"
