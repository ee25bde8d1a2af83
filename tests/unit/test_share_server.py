"""sync/share_server.py on real sockets (127.0.0.1): exactly the HTTP our catalog reader and
downloader speak (ETag, If-None-Match, Range with If-Range, HEAD), nothing else (404, 405), and
the bounds that keep a lab's bad clients from holding it (head size and deadline, write timeout,
connection cap). The head's deadline and the stop are checked by what the server did on its own
clock and sockets, not by the wall clock (a loaded machine stretches every wait)."""

from __future__ import annotations

import contextlib
import http.client
import os
import select
import socket
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sync import share_server
from sync.share_server import (
    RangeNotSatisfiable,
    Served,
    ServerOptions,
    SharedFile,
    ShareServer,
    byte_span,
    local_addresses,
    port_in_use,
    request_path,
)

BLOB = os.urandom(3 * 1024 * 1024 + 17)  # more than one write of the kernel
CATALOG = b'{"format": 1, "courses": []}\n'
SHA = "ab" * 32


class Table:
    """A resolver over a fixed table, remembering what it was asked."""

    def __init__(self, blob: Path) -> None:
        self.files = {
            "catalog.json": SharedFile("cafe", len(CATALOG), "application/json", data=CATALOG),
            f"blobs/sha256/ab/{SHA}": SharedFile(SHA, len(BLOB), path=blob),
        }
        self.asked: list[str] = []

    def __call__(self, path: str) -> SharedFile | None:
        self.asked.append(path)
        return self.files.get(path)


@pytest.fixture
def table(tmp_path: Path) -> Table:
    blob = tmp_path / "blob"
    blob.write_bytes(BLOB)
    (tmp_path / "secret").write_text("never served")
    return Table(blob)


@pytest.fixture
def served() -> list[Served]:
    return []


@pytest.fixture
def server(table: Table, served: list[Served]) -> Iterator[ShareServer]:
    with ShareServer(
        table,
        host="127.0.0.1",
        port=0,
        options=ServerOptions(timeout=0.3, max_connections=16),
        on_served=served.append,
    ) as running:
        yield running


def connect(server: ShareServer) -> http.client.HTTPConnection:
    return http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)


def get(
    server: ShareServer, path: str, method: str = "GET", **headers: str
) -> tuple[http.client.HTTPResponse, bytes]:
    conn = connect(server)
    conn.request(method, path, headers={k.replace("_", "-"): v for k, v in headers.items()})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response, body


BLOB_PATH = f"/blobs/sha256/ab/{SHA}"


def test_a_file_is_sent_whole_with_its_length_strong_etag_and_ranges_offered(
    server: ShareServer,
) -> None:
    response, body = get(server, BLOB_PATH)
    assert response.status == 200 and body == BLOB
    assert response.getheader("Content-Length") == str(len(BLOB))
    assert response.getheader("ETag") == f'"{SHA}"'
    assert response.getheader("Accept-Ranges") == "bytes"
    assert response.getheader("Server") == "Cartable"
    response, body = get(server, "/catalog.json")
    assert (response.status, body, response.getheader("ETag")) == (200, CATALOG, '"cafe"')
    assert response.getheader("Content-Type") == "application/json"


def test_one_connection_carries_several_requests_and_head_sends_no_body(
    server: ShareServer,
) -> None:
    conn = connect(server)
    conn.request("HEAD", BLOB_PATH)
    head = conn.getresponse()
    assert head.status == 200 and head.read() == b""
    assert head.getheader("Content-Length") == str(len(BLOB))
    assert head.getheader("ETag") == f'"{SHA}"'
    conn.request("GET", "/catalog.json")  # same socket: a body after HEAD would be read here
    after = conn.getresponse()
    assert (after.status, after.read()) == (200, CATALOG)
    conn.close()


@pytest.mark.parametrize(
    ("asked", "first", "last"),
    [
        ("bytes=1000-", 1000, len(BLOB) - 1),  # what the downloader sends to resume
        ("bytes=5-9", 5, 9),
        ("bytes=-4", len(BLOB) - 4, len(BLOB) - 1),
        ("bytes=10-999999999", 10, len(BLOB) - 1),
    ],
)
def test_a_range_is_answered_206_with_its_content_range(
    server: ShareServer, asked: str, first: int, last: int
) -> None:
    response, body = get(server, BLOB_PATH, Range=asked)
    assert response.status == 206
    assert response.getheader("Content-Range") == f"bytes {first}-{last}/{len(BLOB)}"
    assert response.getheader("Content-Length") == str(last - first + 1)
    assert body == BLOB[first : last + 1]


def test_if_range_applies_the_range_only_to_the_same_etag(server: ShareServer) -> None:
    same, body = get(server, BLOB_PATH, Range="bytes=1000-", If_Range=f'"{SHA}"')
    assert same.status == 206 and body == BLOB[1000:]
    for other in ('"another"', f'W/"{SHA}"', "Wed, 21 Oct 2015 07:28:00 GMT"):
        changed, body = get(server, BLOB_PATH, Range="bytes=1000-", If_Range=other)
        assert changed.status == 200 and body == BLOB, other  # the whole file, from byte 0
        assert changed.getheader("Content-Range") is None


def test_a_range_past_the_end_is_416_and_one_not_understood_is_ignored(
    server: ShareServer,
) -> None:
    response, _ = get(server, BLOB_PATH, Range=f"bytes={len(BLOB)}-")
    assert response.status == 416
    assert response.getheader("Content-Range") == f"bytes */{len(BLOB)}"
    assert get(server, BLOB_PATH, Range="bytes=-0")[0].status == 416
    # If-Range does not match: the range is not applied at all, so it cannot be unsatisfiable.
    whole, body = get(server, BLOB_PATH, Range=f"bytes={len(BLOB)}-", If_Range='"old"')
    assert whole.status == 200 and body == BLOB
    for ignored in ("bytes=0-1,5-6", "items=0-1", "bytes=9-3", "bytes=x-", "bytes=5"):
        response, body = get(server, BLOB_PATH, Range=ignored)
        assert response.status == 200 and body == BLOB, ignored


def test_if_none_match_answers_304_without_a_body(server: ShareServer) -> None:
    for header in ('"cafe"', 'W/"cafe"', '"x", "cafe"', "*"):
        response, body = get(server, "/catalog.json", If_None_Match=header)
        assert (response.status, body) == (304, b""), header
        assert response.getheader("ETag") == '"cafe"'
    response, body = get(server, "/catalog.json", If_None_Match='"stale"')
    assert (response.status, body) == (200, CATALOG)


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "OPTIONS", "PATCH", "BREW"])
def test_other_methods_are_405_and_the_connection_closes(server: ShareServer, method: str) -> None:
    conn = connect(server)
    conn.request(method, "/catalog.json", body=b"x" * 100)
    response = conn.getresponse()
    assert response.status == 405
    assert response.getheader("Allow") == "GET, HEAD"
    assert response.getheader("Connection") == "close"
    response.read()
    conn.close()


def test_only_what_the_resolver_holds_is_served_and_paths_are_decoded_once(
    server: ShareServer, table: Table
) -> None:
    for path in (
        "/",
        "/secret",
        "/../secret",
        "/%2e%2e/secret",
        "/%252e%252e/secret",
        "/blobs/sha256/ab/../../../secret",
        "/catalog.json/",
        "/%ff",
    ):
        response, body = get(server, path)
        assert response.status == 404 and b"never" not in body, path
    assert "../secret" in table.asked and "%2e%2e/secret" in table.asked
    assert "%ff" not in table.asked  # not UTF-8: never reaches the resolver
    # A query is not part of the path; the absolute form names the same path.
    assert get(server, "/catalog.json?fresh=1")[1] == CATALOG
    assert get(server, f"http://127.0.0.1:{server.port}/catalog.json")[1] == CATALOG


def test_a_file_gone_or_changed_on_disk_is_not_found(server: ShareServer, table: Table) -> None:
    blob = table.files[f"blobs/sha256/ab/{SHA}"].path
    assert blob is not None
    blob.write_bytes(BLOB[:-1])  # damaged: not the size the manifest names
    assert get(server, BLOB_PATH)[0].status == 404
    blob.unlink()
    assert get(server, BLOB_PATH)[0].status == 404


def test_every_answer_is_reported(server: ShareServer, served: list[Served]) -> None:
    get(server, BLOB_PATH, Range="bytes=10-", If_Range=f'"{SHA}"')
    get(server, "/nothing")
    deadline = time.monotonic() + 60  # a guard against a report never made, not a measure
    while len(served) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    first, second = sorted(served, key=lambda s: s.path)  # each reports when it ends
    assert (first.method, first.path, first.status) == ("GET", BLOB_PATH, 206)
    assert (first.range, first.if_range, first.body_bytes) == (
        "bytes=10-",
        f'"{SHA}"',
        len(BLOB) - 10,
    )
    assert (second.path, second.status, second.client) == ("/nothing", 404, "127.0.0.1")


def served_from(source: str, server_address: str, port: int, served: list[Served]) -> Served:
    """What the server reports of a GET of the list from `source` to `server_address`."""
    conn = http.client.HTTPConnection(server_address, port, timeout=10, source_address=(source, 0))
    conn.request("GET", "/catalog.json")
    assert conn.getresponse().read() == CATALOG
    conn.close()
    deadline = time.monotonic() + 60  # a guard against a report never made, not a measure
    while not any(s.path == "/catalog.json" for s in served) and time.monotonic() < deadline:
        time.sleep(0.01)
    [answer] = [s for s in served if s.path == "/catalog.json"]
    served.clear()
    return answer


def test_a_request_is_from_this_computer_when_both_ends_have_the_same_address(
    table: Table,
) -> None:
    """r3: the share knew this computer by loopback and the addresses it printed; the teacher
    trying it through another of its addresses (a VPN's, a container bridge's) was another
    computer. A connection from this computer to itself has the same address at both ends,
    whichever was typed: `Served.local`. Another computer's comes from an address of its own,
    as this one's address does when it reaches the share by 127.0.0.1 (a test has no second
    computer)."""
    served: list[Served] = []
    with ShareServer(table, host="0.0.0.0", port=0, on_served=served.append) as running:
        loopback = served_from("127.0.0.1", "127.0.0.1", running.port, served)
        assert (loopback.client, loopback.local) == ("127.0.0.1", True)
        for address in local_addresses():  # none on a computer on no network
            by_its_address = served_from(address, address, running.port, served)
            assert (by_its_address.client, by_its_address.local) == (address, True)
            elsewhere = served_from(address, "127.0.0.1", running.port, served)
            assert (elsewhere.client, elsewhere.local) == (address, False)


# --- bounds --------------------------------------------------------------------------------------


def raw(server: ShareServer) -> socket.socket:
    # 60 s: only a guard against a server that never ends the connection, not a measure.
    return socket.create_connection(("127.0.0.1", server.port), timeout=60)


def read_until_closed(sock: socket.socket) -> None:
    """Read and drop what the server sends on `sock` until it closes it."""
    with contextlib.suppress(ConnectionResetError):
        while sock.recv(65536):
            pass


class Watched:
    """The server's clock (the real one) keeping each thread's readings, and every socket made
    while it watches (a real one) keeping what is done with it, in order (`events`): each wait
    it is given, with the clock's last reading on that thread then ("wait", reading, seconds);
    what each read returned or raised ("read", bytes or the exception's name); each shutdown
    ("shutdown", how). `accepted`: the connections the server accepted."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.readings: dict[int, list[float]] = defaultdict(list)
        self.accepted: list[Any] = []
        watched = self

        class Socket(socket.socket):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self.events: list[tuple[Any, ...]] = []

            def accept(self) -> tuple[socket.socket, Any]:
                connection, address = super().accept()
                watched.accepted.append(connection)
                return connection, address

            def settimeout(self, value: float | None) -> None:
                readings = watched.readings.get(threading.get_ident())
                self.events.append(("wait", readings[-1] if readings else None, value))
                super().settimeout(value)

            def recv(self, size: int, flags: int = 0) -> bytes:
                try:
                    data = super().recv(size, flags)
                except OSError as exc:
                    self.events.append(("read", type(exc).__name__))
                    raise
                self.events.append(("read", data))
                return data

            def shutdown(self, how: int) -> None:
                self.events.append(("shutdown", how))
                super().shutdown(how)

        monkeypatch.setattr(socket, "socket", Socket)
        monkeypatch.setattr(share_server, "time", self)  # the module's time.monotonic()

    def monotonic(self) -> float:
        now = time.monotonic()
        self.readings[threading.get_ident()].append(now)
        return now


def until_shutdown(connection: Any) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """A watched connection's events before its first shutdown, and from it on (none)."""
    events: list[tuple[Any, ...]] = connection.events
    first = next((i for i, event in enumerate(events) if event[0] == "shutdown"), len(events))
    return events[:first], events[first:]


def test_a_client_that_sends_nothing_is_dropped_after_the_timeout(
    table: Table, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A client that connects and says nothing is dropped by the server's head deadline: its
    one wait for the head is the timeout (from its own clock's reading), that read ends on the
    timeout (not on the client), and the server then ends the connection. Checked by what the
    server did, not by the wall clock (a loaded machine stretches every wait)."""
    watched = Watched(monkeypatch)
    options = ServerOptions(timeout=0.3)
    with ShareServer(table, host="127.0.0.1", port=0, options=options) as server:
        with raw(server) as sock:
            read_until_closed(sock)  # the server closed it: the client sent nothing
        [connection] = watched.accepted  # before the stop's own connection
        [handler] = [t for t in watched.readings if t != threading.get_ident()]
        readings = watched.readings[handler]
    before, after = until_shutdown(connection)
    waits = [event for event in before if event[0] == "wait" and event[1] is not None]
    assert waits, "the server never waited for the head"
    for _, now, wait in waits:  # each wait ends by the deadline, and none is endless
        assert wait is not None and wait > 0 and now + wait <= readings[0] + options.timeout + 1e-6
    assert [event for event in before if event[0] == "read"] == [("read", "TimeoutError")]
    assert after[0] == ("shutdown", socket.SHUT_WR)  # the server ended it (a lingering close)


def test_a_head_trickled_a_byte_at_a_time_is_cut_at_the_same_deadline(
    table: Table, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The deadline holds for the head as a whole: a byte now and then, each well within the
    timeout, does not stretch it. Checked by what the server did, on its own clock (each wait
    it gave its socket ended by the deadline it set; it ended the head for that deadline, not
    for the client), and by the client cut while it still trickled; not by the wall clock."""
    watched = Watched(monkeypatch)
    options = ServerOptions(timeout=0.3)
    with ShareServer(table, host="127.0.0.1", port=0, options=options) as server:
        with raw(server) as sock:
            # A byte every 0.02 s at least: over 10 s for the whole, far from the 0.3 s deadline.
            head = b"GET /catalog.json HTTP/1.1\r\nX-Slow: " + b"a" * 500
            sent = 0
            with contextlib.suppress(OSError):  # cut while sending
                for sent in range(1, len(head) + 1):
                    sock.sendall(head[sent - 1 : sent])
                    if select.select([sock], [], [], 0.02)[0]:  # the server's end, or a pause
                        break
            read_until_closed(sock)
        assert sent < len(head), "the trickled head was never cut"
        [connection] = watched.accepted  # before the stop's own connection
        [handler] = [t for t in watched.readings if t != threading.get_ident()]
        readings = watched.readings[handler]
    deadline = readings[0] + options.timeout  # _read_head's first reading
    before, after = until_shutdown(connection)
    waits = [
        (event[1], event[2]) for event in before if event[0] == "wait" and event[1] is not None
    ]
    assert waits, "the server never waited for the head"
    for now, wait in waits:
        assert wait is not None and now + wait <= deadline + 1e-6, (now - readings[0], wait)
    last_read = [event for event in before if event[0] == "read"][-1]
    assert last_read == ("read", "TimeoutError") or readings[-1] >= deadline, before[-3:]
    assert after[0] == ("shutdown", socket.SHUT_WR)  # the server ended it (a lingering close)


def test_a_client_that_stops_reading_is_dropped_and_its_place_freed(
    tmp_path: Path, table: Table
) -> None:
    big = tmp_path / "big"
    big.write_bytes(os.urandom(24 * 1024 * 1024))  # past every socket buffer on the way
    table.files["big"] = SharedFile("b" * 64, big.stat().st_size, path=big)
    options = ServerOptions(timeout=0.3, max_connections=1)
    with ShareServer(table, host="127.0.0.1", port=0, options=options) as server:
        stalled = socket.socket()
        stalled.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        stalled.connect(("127.0.0.1", server.port))
        stalled.sendall(b"GET /big HTTP/1.1\r\nHost: x\r\n\r\n")
        # Never read: the server's write waits, then gives up; the one place is free again.
        deadline = time.monotonic() + 60  # a guard against a place never freed, not a measure
        while True:
            response, body = get(server, "/catalog.json")
            if response.status == 200 or time.monotonic() > deadline:
                break
            assert response.status == 503
            time.sleep(0.2)
        assert (response.status, body) == (200, CATALOG)
        stalled.close()


def test_past_the_connection_cap_a_client_is_asked_to_come_back(
    table: Table,
) -> None:
    options = ServerOptions(timeout=10, max_connections=2)
    with ShareServer(table, host="127.0.0.1", port=0, options=options) as server:
        held = [raw(server), raw(server)]
        # No wait needed: the server accepts in arrival order on one thread and takes a place
        # as it accepts, so both places are taken before this third connection is looked at.
        response, _ = get(server, "/catalog.json")
        assert response.status == 503 and response.getheader("Retry-After") == "2"
        for sock in held:
            sock.close()  # the server sees the end at once, and frees the places
        deadline = time.monotonic() + 60  # a guard against places never freed, not a measure
        while (status := get(server, "/catalog.json")[0].status) == 503:
            assert time.monotonic() < deadline
            time.sleep(0.05)
        assert status == 200


def test_a_request_head_past_the_limit_is_refused(server: ShareServer) -> None:
    response, _ = get(server, "/catalog.json", X_Big="a" * 20000)
    assert response.status == 431


def test_stop_ends_open_connections_and_frees_the_port(
    table: Table, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stop cuts a connection idle in its 30 s timeout, and its thread is over when stop
    returns (stop waits 5 s at most for it). Checked by how the server saw the connection end,
    not by the wall clock: its wait for the next head ended on the cut, not on the timeout."""
    watched = Watched(monkeypatch)
    options = ServerOptions(timeout=30)
    server = ShareServer(table, host="127.0.0.1", port=0, options=options).start()
    idle = connect(server)
    idle.request("GET", "/catalog.json")
    assert idle.getresponse().read() == CATALOG  # kept alive, idle, for 30 s
    [connection] = watched.accepted
    server.stop()
    _, after = until_shutdown(connection)
    # Cut by the stop; the wait for a next request (under way or about to be) ended on it, no
    # TimeoutError; its thread closed the socket: over.
    assert after[:1] == [("shutdown", socket.SHUT_RDWR)]
    assert [event for event in after if event[0] == "read"][:1] == [("read", b"")]
    assert connection.fileno() == -1
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=1)
    idle.close()


def test_a_port_in_use_falls_back_to_a_free_one_unless_the_port_was_asked(table: Table) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with ShareServer(table, host="127.0.0.1", port=port) as server:
            assert server.port not in (port, 0)
            assert get(server, "/catalog.json")[1] == CATALOG
        with pytest.raises(OSError) as refused:
            ShareServer(table, host="127.0.0.1", port=port, fallback_port=False)
        assert port_in_use(refused.value)


# --- pieces --------------------------------------------------------------------------------------


def test_request_paths_are_decoded_once_and_only_from_the_root() -> None:
    assert request_path("/catalog.json?x=1#y") == "catalog.json"
    assert request_path("/%2e%2e/a") == "../a"
    assert request_path("/%252e") == "%2e"
    assert request_path("http://h:1/courses/a/1/course.json") == "courses/a/1/course.json"
    assert request_path("*") is None and request_path("catalog.json") is None
    assert request_path("/%c3%28") is None


def test_byte_spans() -> None:
    assert byte_span("bytes=0-", 10) == (0, 9)
    assert byte_span(" bytes = 2 - 4 ", 10) == (2, 4)
    assert byte_span("bytes=-20", 10) == (0, 9)
    assert byte_span("bytes=9-3", 10) is None
    for past in ("bytes=10-", "bytes=20-25"):
        with pytest.raises(RangeNotSatisfiable):
            byte_span(past, 10)
    assert byte_span("bytes=" + "9" * 40 + "-", 10) is None  # not a number we read


def test_local_addresses_are_ipv4_and_never_loopback() -> None:
    for address in local_addresses():
        assert socket.inet_aton(address) and not address.startswith("127.")
    served = ShareServer(lambda path: None, host="127.0.0.1", port=0)
    try:
        assert served.urls() == [f"http://127.0.0.1:{served.port}/"]
        assert served.urls(["192.168.1.12"]) == [f"http://192.168.1.12:{served.port}/"]
    finally:
        served.stop()


def test_a_second_start_is_refused_so_stop_never_waits_for_ever(table: Table) -> None:
    """Two serving loops on one server: stop() ended one and waited for ever on the other (a
    test that started a share twice hung CI)."""
    with ShareServer(table, host="127.0.0.1", port=0) as server:
        with pytest.raises(RuntimeError, match="already serving"):
            server.start()
        response, body = get(server, "/catalog.json")
        assert response.status == 200 and body == CATALOG
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", server.port), timeout=1)
