"""Every network fault the engine must survive, from the fault-injecting server."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest
import requests

from sync.conditions import Reachability
from sync.download import Downloader
from sync.download_io import blob_path, part_path
from sync.download_options import DownloadOptions
from sync.download_reports import DownloadProgress
from sync.download_state import DownloadState, DownloadStore
from sync.ratelimit import RateLimiter
from tests.e2e.downloads.faultserver import Fault, FaultServer
from tests.e2e.downloads.nginx import free_port
from tests.e2e.downloads.repo import make_repository, store_verifies

pytestmark = pytest.mark.e2e

FAST = DownloadOptions(read_timeout=1.0, backoff_base=0.01, backoff_cap=0.05)
SIZE = 1_000_000


class LimiterClock:
    """A RateLimiter's clock moved by its own sleeps alone (each slept for real too): the waits
    it asks for are then its arithmetic whatever the load, and the download still lives them."""

    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)
        self.slept.append(seconds)
        self.now += seconds


def engine(tmp_path: Path, store: DownloadStore, session: requests.Session, **kw) -> Downloader:
    return Downloader(tmp_path / "store", store, session, options=kw.pop("options", FAST), **kw)


def one_blob(tmp_path: Path, fault_factory, *faults: Fault, retry_after: int = 1):
    repo = tmp_path / "repo"
    [blob] = make_repository(repo, [SIZE])
    server: FaultServer = fault_factory(repo, retry_after=retry_after)
    server.inject(blob.sha256, *faults)
    return blob, server


def test_reset_mid_body_resumes_with_a_range(
    tmp_path: Path, fault_factory, store: DownloadStore, session: requests.Session
) -> None:
    blob, server = one_blob(tmp_path, fault_factory, Fault.RESET)
    result = engine(tmp_path, store, session).run("c@1", server.url, [blob])
    assert result.state is DownloadState.COMPLETED, result.error
    assert store_verifies(tmp_path / "store", [blob]) == []
    first, second = server.requests_for(blob.sha256)
    assert first.fault is Fault.RESET and second.status == 206
    kept = int(second.range.removeprefix("bytes=").rstrip("-"))
    assert 0 < kept <= first.body_bytes
    assert second.if_range is not None
    assert result.fetched_bytes == SIZE  # nothing fetched twice
    assert "connection reset" in result.retries[0].reason


def test_a_stall_times_out_and_resumes(
    tmp_path: Path, fault_factory, store: DownloadStore, session: requests.Session
) -> None:
    blob, server = one_blob(tmp_path, fault_factory, Fault.STALL)
    result = engine(tmp_path, store, session).run("c@1", server.url, [blob])
    assert result.state is DownloadState.COMPLETED, result.error
    assert store_verifies(tmp_path / "store", [blob]) == []
    assert "timed out (no data)" in result.retries[0].reason
    assert server.requests_for(blob.sha256)[-1].status == 206


def test_while_a_stall_holds_the_bytes_the_speed_falls_to_nothing(
    tmp_path: Path, fault_factory, store: DownloadStore, session: requests.Session
) -> None:
    """No byte for seconds (a 2G link gone silent) must not go on showing the last speed and
    "less than a minute left": progress is reported while the workers wait, not only when bytes
    arrive, so the speed over the last seconds reaches 0 before the read timeout fires."""
    blob, server = one_blob(tmp_path, fault_factory, Fault.STALL)
    seen: list[DownloadProgress] = []
    options = replace(FAST, read_timeout=4.5)
    result = engine(tmp_path, store, session, options=options).run(
        "c@1", server.url, [blob], progress=seen.append
    )
    assert result.state is DownloadState.COMPLETED, result.error
    stalled = [p for p in seen if 0 < p.done_bytes < SIZE and p.state is DownloadState.RUNNING]
    assert any(p.bytes_per_second > 0 for p in stalled)  # the first half came at a speed
    assert any(p.bytes_per_second == 0 and p.seconds_left is None for p in stalled)


def test_a_trickle_counts_as_a_stall_and_resumes(
    tmp_path: Path, fault_factory, store: DownloadStore, session: requests.Session
) -> None:
    """A byte every 0.1 s, within any read timeout: fewer than stall_bytes in the stall window
    (FAST's 1 s read timeout) fails the attempt, which resumes with a Range. The client left
    the trickle (the server saw it gone before its TRICKLE_FOR s): checked by the server, not
    by the clock, as a loaded machine stretches every wait."""
    blob, server = one_blob(tmp_path, fault_factory, Fault.TRICKLE)
    result = engine(tmp_path, store, session).run("c@1", server.url, [blob])
    assert server.trickle_ends(blob.sha256) == ["client gone"]  # not the trickle's end
    assert result.state is DownloadState.COMPLETED, result.error
    assert store_verifies(tmp_path / "store", [blob]) == []
    [retry] = result.retries
    assert "stalled (only " in retry.reason and " bytes in 1 s)" in retry.reason, retry.reason
    first, second = server.requests_for(blob.sha256)
    assert first.fault is Fault.TRICKLE and second.status == 206
    assert result.fetched_bytes < SIZE + 100  # the trickled bytes kept, nothing fetched twice


def test_headers_trickled_time_out_in_words_and_resume(
    tmp_path: Path, fault_factory, store: DownloadStore, session: requests.Session
) -> None:
    """Headers a byte every 0.1 s: the answer's deadline (3 read timeouts, sync/http.py) ends
    the attempt, worded as what it is, not as a silence. The client left the trickle (the
    server saw it gone before its TRICKLE_FOR s), checked by the server, not by the clock."""
    blob, server = one_blob(tmp_path, fault_factory, Fault.TRICKLE_HEADERS)
    result = engine(tmp_path, store, session).run("c@1", server.url, [blob])
    assert server.trickle_ends(blob.sha256) == ["client gone"]  # not the trickle's end
    assert result.state is DownloadState.COMPLETED, result.error
    assert store_verifies(tmp_path / "store", [blob]) == []
    [retry] = result.retries
    line = "127.0.0.1 timed out (no whole answer within 3.0 s)"  # as an LRS send says it
    assert retry.reason.endswith(f": {line}"), retry.reason
    first, second = server.requests_for(blob.sha256)
    assert first.fault is Fault.TRICKLE_HEADERS and second.status == 200


def test_the_slowest_speed_limit_is_no_stall(
    tmp_path: Path, fault_factory, store: DownloadStore, session: requests.Session
) -> None:
    """1 KB/s, the lowest limit the settings take (player's KB is 1000 bytes), with a stall
    window of 0.5 s (1024 bytes in it would take 2 KB/s): the reads wait on the limit for
    seconds, not on the server, so the download is never taken for stalled. 4 KiB reads (the
    least the limiter reads), the bucket's 16 KiB burst, then 4 s and 1 s of waits with bytes
    still to come."""
    repo = tmp_path / "repo"
    [blob] = make_repository(repo, [16_384 + 4_096 + 1_000])
    server: FaultServer = fault_factory(repo)
    options = replace(FAST, read_timeout=0.5, chunk_size=4096, parallel=1)
    clock = LimiterClock()
    downloader = Downloader(
        tmp_path / "store",
        store,
        session,
        limiter=RateLimiter(1000, clock=clock, sleep=clock.sleep),
        options=options,
        is_local=lambda source: False,  # capped as the internet is
    )
    result = downloader.run("c@1", server.url, [blob])
    # The limit held it back, ten stall windows long (5.1 s): the limiter's waits are its
    # arithmetic (what went past the burst at 1000 bytes/s), lived for real by the download,
    # not a measure of the wall clock.
    assert sum(clock.slept) == pytest.approx((blob.size - 16_384) / 1000)
    assert result.state is DownloadState.COMPLETED, result.error
    assert result.retries == ()
    assert len(server.requests_for(blob.sha256)) == 1


def test_200_to_a_range_request_restarts_the_blob(
    tmp_path: Path, fault_factory, store: DownloadStore, session: requests.Session
) -> None:
    blob, server = one_blob(tmp_path, fault_factory, Fault.RESET, Fault.IGNORE_RANGE)
    result = engine(tmp_path, store, session).run("c@1", server.url, [blob])
    assert result.state is DownloadState.COMPLETED, result.error
    assert store_verifies(tmp_path / "store", [blob]) == []
    _reset, ignored = server.requests_for(blob.sha256)
    assert ignored.range is not None and ignored.status == 200
    assert ignored.body_bytes == SIZE
    kept = int(ignored.range.removeprefix("bytes=").rstrip("-"))
    assert result.fetched_bytes == kept + SIZE


def test_a_changed_etag_between_two_parts_restarts_the_blob(
    tmp_path: Path, fault_factory, store: DownloadStore, session: requests.Session
) -> None:
    blob, server = one_blob(tmp_path, fault_factory, Fault.CHANGE_ETAG)
    result = engine(tmp_path, store, session).run("c@1", server.url, [blob])
    assert result.state is DownloadState.COMPLETED, result.error
    assert store_verifies(tmp_path / "store", [blob]) == []
    first, second = server.requests_for(blob.sha256)
    assert first.fault is Fault.CHANGE_ETAG
    assert second.range is not None and second.if_range is not None
    assert second.if_range.endswith('-v0"')  # the part's validator, now outdated...
    assert second.status == 200 and second.body_bytes == SIZE  # ...so the whole blob again


def test_wrong_bytes_are_refetched(
    tmp_path: Path, fault_factory, store: DownloadStore, session: requests.Session
) -> None:
    blob, server = one_blob(tmp_path, fault_factory, Fault.CORRUPT)
    result = engine(tmp_path, store, session).run("c@1", server.url, [blob])
    assert result.state is DownloadState.COMPLETED, result.error
    assert store_verifies(tmp_path / "store", [blob]) == []
    assert result.retries[0].reason.startswith("content hash is ")
    assert [r.status for r in server.requests_for(blob.sha256)] == [200, 200]


def test_wrong_bytes_every_time_fail_the_download_naming_the_blob(
    tmp_path: Path, fault_factory, store: DownloadStore, session: requests.Session
) -> None:
    blob, server = one_blob(tmp_path, fault_factory, *[Fault.CORRUPT] * 3)
    result = engine(tmp_path, store, session).run("c@1", server.url, [blob])
    assert result.state is DownloadState.FAILED
    url = f"{server.url}blobs/sha256/{blob.sha256[:2]}/{blob.sha256}"
    assert result.error is not None
    assert result.error.startswith(f"blob {blob.sha256} from {url}: content hash is ")
    assert result.error.endswith("(3 tries)")
    assert len(server.requests_for(blob.sha256)) == 3
    assert not blob_path(tmp_path / "store", blob.sha256).exists()
    assert not part_path(tmp_path / "store", blob.sha256).exists()


def test_404_for_one_blob_fails_the_download_with_its_name(
    tmp_path: Path, fault_factory, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "repo"
    blobs = make_repository(repo, [10_000] * 5)
    server: FaultServer = fault_factory(repo)
    server.inject(blobs[2].sha256, Fault.NOT_FOUND)
    result = engine(tmp_path, store, session).run("c@1", server.url, blobs)
    assert result.state is DownloadState.FAILED
    url = f"{server.url}blobs/sha256/{blobs[2].sha256[:2]}/{blobs[2].sha256}"
    assert result.error == f"blob {blobs[2].sha256} is missing at {url} (HTTP 404)"
    record = store.get("c@1")
    assert record is not None and record.state is DownloadState.FAILED
    assert len(server.requests_for(blobs[2].sha256)) == 1  # a 404 is not retried


def test_503_retry_after_is_honoured(
    tmp_path: Path, fault_factory, store: DownloadStore, session: requests.Session
) -> None:
    blob, server = one_blob(tmp_path, fault_factory, Fault.UNAVAILABLE, retry_after=1)
    result = engine(tmp_path, store, session).run("c@1", server.url, [blob])
    assert result.state is DownloadState.COMPLETED, result.error
    [retry] = result.retries
    assert retry.delay == 1.0 and retry.reason.endswith("HTTP 503")
    busy, served = server.requests_for(blob.sha256)
    assert busy.status == 503 and served.status == 200
    assert served.at - busy.at >= 1.0  # a lower bound: it cannot flake


def test_waiting_for_network_restarts_when_the_network_comes_back(
    tmp_path: Path, fault_factory, store: DownloadStore, session: requests.Session
) -> None:
    repo = tmp_path / "repo"
    blobs = make_repository(repo, [50_000] * 3)
    port = free_port()  # nothing listens yet: the connection is refused
    reach = Reachability(online=True)
    states: list[DownloadState] = []

    def progress(p: DownloadProgress) -> None:
        states.append(p.state)
        if p.state is DownloadState.WAITING_FOR_NETWORK and len(states) < 1000:
            assert p.reason is not None and "connection refused" in p.reason
            record = store.get("c@1")
            assert record is not None and record.state is DownloadState.WAITING_FOR_NETWORK
            fault_factory(repo, port=port)  # the link comes back...
            reach.set_online(False)
            reach.set_online(True)  # ...and the OS says so

    # A one-hour wait: only the reachability signal can restart it within the test.
    options = DownloadOptions(
        backoff_base=0.01, backoff_cap=0.02, max_failures=3, network_backoff_base=3600
    )
    slow_network = Downloader(
        tmp_path / "store", store, session, options=options, reachability=reach
    )
    result = slow_network.run("c@1", f"http://127.0.0.1:{port}/", blobs, progress=progress)
    assert result.state is DownloadState.COMPLETED, result.error
    assert states.count(DownloadState.WAITING_FOR_NETWORK) == 1
    assert store_verifies(tmp_path / "store", blobs) == []
