"""A catalog fetch and a course's blob download word a request that got no answer as an LRS send
does (sync/request_failure.py), not as urllib3's "HTTPConnectionPool(host=…): Max retries
exceeded …" cut down by matching its words. Real failures: a closed port, a `.invalid` name, a
server that never answers, a server that resets the connection in the middle of a blob. The
download waits for them as NETWORK (the server could not be reached), and for a server that keeps
answering 503 as SERVER, not as "No network"."""

from __future__ import annotations

import socket
import struct
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
import requests

from sync.catalog import CatalogError, fetch_catalog
from sync.download import Downloader
from sync.download_options import DownloadOptions
from sync.download_reports import DownloadProgress, DownloadResult
from sync.download_state import (
    BlobSpec,
    DownloadRecord,
    DownloadState,
    DownloadStore,
    FailureKind,
)
from sync.request_failure import is_failure_line
from tests.e2e.downloads.faultserver import Fault, FaultServer
from tests.e2e.downloads.repo import make_repository
from tests.guard import GUARD_S

# Two failures in a row and the download waits for the network, with the last one's line.
OPTIONS = DownloadOptions(
    connect_timeout=2.0, read_timeout=0.3, max_failures=2, backoff_base=0.01, backoff_cap=0.02
)
# For a server that answers (a reset, a 503): a read timeout the test never reaches, so that a
# loaded machine slow to serve the answer does not turn it into "did not answer within 0.3 s".
ANSWERING = replace(OPTIONS, read_timeout=60.0)
BLOB = 100_000


@pytest.fixture
def store(tmp_path: Path) -> Iterator[DownloadStore]:
    db = DownloadStore.open(tmp_path / "cartable.sqlite3", create=True)
    yield db
    db.close()


@pytest.fixture
def session() -> Iterator[requests.Session]:
    with requests.Session() as http:
        yield http


def closed_port() -> int:
    with socket.socket() as sock:  # bound, then closed: nobody listens on it
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def silent() -> Iterator[int]:
    """A port that takes connections (the kernel's backlog) and never says a word."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(16)
        yield int(sock.getsockname()[1])


@pytest.fixture
def resetting() -> Iterator[int]:
    """A server that sends a blob's headers and some of its bytes, then resets the connection."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                return
            with conn:
                conn.recv(65536)
                head = f"HTTP/1.1 200 OK\r\nContent-Length: {BLOB}\r\n\r\n".encode()
                conn.sendall(head + b"x" * 1000)
                # SO_LINGER 0: the close is a reset, not an orderly end
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield int(server.getsockname()[1])
    stop.set()
    server.close()
    thread.join(5)


def catalog_failure(source: str, tmp_path: Path, session: requests.Session) -> str:
    with pytest.raises(CatalogError) as caught:
        fetch_catalog(source, tmp_path / "cache", session, timeout=(2.0, 0.3))
    assert caught.value.kind is FailureKind.NETWORK
    return str(caught.value)


def blob_failure(
    source: str,
    tmp_path: Path,
    store: DownloadStore,
    session: requests.Session,
    kind: FailureKind = FailureKind.NETWORK,
    blobs: list[BlobSpec] | None = None,
    options: DownloadOptions = OPTIONS,
) -> tuple[BlobSpec, str]:
    """The reason a download of one blob from `source` waits for the network with; it waits
    out `kind`, said so in its progress and its record."""
    [blob] = blobs or make_repository(tmp_path / "repo", [BLOB])
    engine = Downloader(tmp_path / "store", store, session, options=options)
    waiting = threading.Event()
    seen: list[DownloadProgress] = []
    recorded: list[DownloadRecord | None] = []

    def progress(p: DownloadProgress) -> None:
        if p.state is DownloadState.WAITING_FOR_NETWORK and not waiting.is_set():
            seen.append(p)
            recorded.append(store.get("c@1"))  # recorded before it is reported
            waiting.set()

    cancel = threading.Event()
    results: list[DownloadResult] = []
    worker = threading.Thread(
        target=lambda: results.append(
            engine.run("c@1", source, [blob], cancel=cancel, progress=progress)
        ),
        daemon=True,
    )
    worker.start()
    try:
        assert waiting.wait(GUARD_S), "the download does not wait for the network"
    finally:
        cancel.set()
        worker.join(GUARD_S)  # nothing asserted on its end: only not left running
    reason = seen[0].reason
    assert reason is not None and "\n" not in reason
    assert seen[0].failure is kind
    [record] = recorded
    assert record is not None and record.failure is kind
    return blob, reason


def test_a_closed_port(tmp_path: Path, store: DownloadStore, session: requests.Session) -> None:
    port = closed_port()
    source = f"http://127.0.0.1:{port}/repo/"
    line = f"could not connect to 127.0.0.1:{port} (connection refused)"
    assert catalog_failure(source, tmp_path, session) == (
        f"cannot reach {source}catalog.json: {line}"
    )
    blob, reason = blob_failure(source, tmp_path, store, session)
    blob_url = f"{source}blobs/sha256/{blob.sha256[:2]}/{blob.sha256}"
    assert reason == f"{blob_url}: {line} (2 failures in a row)"
    assert is_failure_line(line)  # the GUI's test for a request that got no answer


def test_a_name_not_found(tmp_path: Path, store: DownloadStore, session: requests.Session) -> None:
    source = "http://repo.cartable.invalid/"
    line = "the server name repo.cartable.invalid was not found (no network or a wrong address?)"
    assert catalog_failure(source, tmp_path, session) == (
        f"cannot reach {source}catalog.json: {line}"
    )
    blob, reason = blob_failure(source, tmp_path, store, session)
    blob_url = f"{source}blobs/sha256/{blob.sha256[:2]}/{blob.sha256}"
    assert reason == f"{blob_url}: {line} (2 failures in a row)"
    assert is_failure_line(line)  # the GUI's test for a request that got no answer


def test_a_server_that_never_answers(
    tmp_path: Path, store: DownloadStore, session: requests.Session, silent: int
) -> None:
    source = f"http://127.0.0.1:{silent}/"
    line = "127.0.0.1 did not answer within 0.3 s"  # the read timeout: the connection was made
    assert catalog_failure(source, tmp_path, session) == (
        f"cannot reach {source}catalog.json: {line}"
    )
    blob, reason = blob_failure(source, tmp_path, store, session)
    blob_url = f"{source}blobs/sha256/{blob.sha256[:2]}/{blob.sha256}"
    assert reason == f"{blob_url}: {line} (2 failures in a row)"
    assert is_failure_line(line)  # the GUI's test for a request that got no answer


def test_a_connection_reset_in_the_middle_of_a_blob(
    tmp_path: Path, store: DownloadStore, session: requests.Session, resetting: int
) -> None:
    source = f"http://127.0.0.1:{resetting}/"
    blob, reason = blob_failure(source, tmp_path, store, session, options=ANSWERING)
    blob_url = f"{source}blobs/sha256/{blob.sha256[:2]}/{blob.sha256}"
    line = "the connection to 127.0.0.1 broke (connection reset)"
    assert reason == f"{blob_url}: {line} (2 failures in a row)"
    assert is_failure_line(line)  # the GUI's test for a request that got no answer


def test_a_server_that_keeps_answering_503(
    tmp_path: Path, store: DownloadStore, session: requests.Session
) -> None:
    """It answers: the network is fine, the server is not (said as such, not "No network")."""
    blobs = make_repository(tmp_path / "repo", [BLOB])
    server = FaultServer(tmp_path / "repo", retry_after=0).start()
    try:
        server.inject(blobs[0].sha256, *[Fault.UNAVAILABLE] * 10)
        blob, reason = blob_failure(
            server.url, tmp_path, store, session, FailureKind.SERVER, blobs, ANSWERING
        )
    finally:
        server.stop()
    blob_url = f"{server.url}blobs/sha256/{blob.sha256[:2]}/{blob.sha256}"
    assert reason == f"{blob_url}: HTTP 503 (2 failures in a row)"


def test_a_waiting_download_keeps_what_it_waits_out_on_disk(store: DownloadStore) -> None:
    """Read back after a restart: the row says the server's failure before the resume runs."""
    blob = BlobSpec("a" * 64, 10)
    store.begin("c@1", "https://c.example/", [blob])
    store.set_state("c@1", DownloadState.WAITING_FOR_NETWORK, "HTTP 503", FailureKind.SERVER)
    record = store.get("c@1")
    assert record is not None and record.failure is FailureKind.SERVER
    store.set_state("c@1", DownloadState.RUNNING, None, FailureKind.SERVER)
    record = store.get("c@1")
    assert record is not None and record.failure is None
