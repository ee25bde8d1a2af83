"""A name server that never answers (a captive portal, a dead upstream DNS) during a download:
`getaddrinfo` blocks 20-40 s and a connect timeout does not cover it (sync/lookup.py)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
import requests

from sync.download import Downloader
from sync.download_io import part_path
from sync.download_options import DownloadOptions
from sync.download_reports import DownloadProgress, DownloadResult
from sync.download_state import BlobState, DownloadState, DownloadStore
from sync.lookup import LOOKUPS
from tests.e2e.downloads.repo import make_repository, store_verifies
from tests.guard import GUARD_S
from tests.hung_dns import HUNG, HungDns, hung_dns  # noqa: F401 (a fixture)

pytestmark = pytest.mark.e2e


def start(engine: Downloader, source: str, blobs, **kw) -> tuple[threading.Thread, list]:
    results: list[DownloadResult] = []
    worker = threading.Thread(
        target=lambda: results.append(engine.run("c@1", source, blobs, **kw)), daemon=True
    )
    worker.start()
    return worker, results


@pytest.mark.parametrize("how", ["pause", "quit"])
def test_a_pause_or_quit_during_a_hung_lookup_ends_the_run_at_once_and_nothing_is_written_later(
    tmp_path: Path,
    nginx_factory,
    store: DownloadStore,
    session: requests.Session,
    hung_dns: HungDns,  # noqa: F811
    how: str,
) -> None:
    repo = tmp_path / "repo"
    blobs = make_repository(repo, [200_000, 300_000, 400_000])
    server = nginx_factory(repo)
    # A connect timeout the test never reaches: a run waiting for it instead of the stop fails
    # by the 60 s guard below.
    options = DownloadOptions(parallel=3, connect_timeout=3600.0)
    engine = Downloader(tmp_path / "store", store, session, options=options)
    cancel = threading.Event()
    worker, results = start(engine, f"http://{HUNG}:{server.port}/", blobs, cancel=cancel)
    assert hung_dns.entered.wait(GUARD_S)
    if how == "pause":
        cancel.set()
    else:
        engine.shutdown()
    # Ended by the stop, while the name server still hangs: the 60 s guard, far from the
    # 'never' cases (the hung lookup, until settled; the hour's connect timeout), not a measure.
    worker.join(GUARD_S)
    assert results, "the run still waits for the name server"
    assert LOOKUPS.running() == 1 and not hung_dns.release.is_set()
    [result] = results
    expected = DownloadState.PAUSED if how == "pause" else DownloadState.QUEUED
    assert (result.state, result.error, result.retries) == (expected, None, ())
    assert hung_dns.calls == 1  # three workers, one lookup of the one name
    # The name server answers at last: the abandoned lookup ends, and nothing else happens.
    hung_dns.settle()  # waits until the lookup's thread has ended
    # A negative check: no thread of the ended run writes anything in the next 0.3 s (not a
    # wait for something to happen; a late writer a loaded machine delays may slip past it).
    time.sleep(0.3)
    record = store.get("c@1")
    assert record is not None and record.state is expected
    assert {b.state for b in record.blobs} == {BlobState.PENDING}
    assert server.requests() == []
    parts = [part_path(tmp_path / "store", b.sha256) for b in blobs]
    assert {p.stat().st_size for p in parts if p.exists()} <= {0}  # opened before, empty
    assert {r.done_bytes for b in blobs if (r := store.part(b.sha256)) is not None} <= {0}
    # And the download resumes once the name answers (the next start's engine after a quit).
    later = Downloader(tmp_path / "store", store, session, options=options).resume("c@1")
    assert later.state is DownloadState.COMPLETED, later.error
    assert store_verifies(tmp_path / "store", blobs) == []


def test_a_hung_lookup_fails_as_a_worded_retry_within_the_connect_timeout_on_one_thread(
    tmp_path: Path,
    nginx_factory,
    store: DownloadStore,
    session: requests.Session,
    hung_dns: HungDns,  # noqa: F811
) -> None:
    repo = tmp_path / "repo"
    blobs = make_repository(repo, [200_000, 300_000])
    server = nginx_factory(repo)
    options = DownloadOptions(
        parallel=2, connect_timeout=0.3, max_failures=4, backoff_base=0.01, backoff_cap=0.05
    )
    engine = Downloader(tmp_path / "store", store, session, options=options)
    waiting = threading.Event()
    seen: list[DownloadProgress] = []

    def progress(p: DownloadProgress) -> None:
        seen.append(p)
        if p.state is DownloadState.WAITING_FOR_NETWORK:
            waiting.set()

    cancel = threading.Event()
    worker, results = start(
        engine, f"http://{HUNG}:{server.port}/", blobs, cancel=cancel, progress=progress
    )
    # Four tries of 0.3 s each and short backoffs, while the name server never answers: the
    # 60 s guard, far from the 'never' case (the name server hangs until the test ends). That
    # each try gave up by the connect timeout is in the reason's words ("within 0.3 s", "4
    # failures in a row").
    assert waiting.wait(GUARD_S), "the download still waits for the name server"
    assert LOOKUPS.running() == 1 and hung_dns.calls == 1  # retries joined the hung lookup
    reason = seen[-1].reason
    assert reason is not None
    assert reason.startswith(f"http://{HUNG}:{server.port}/blobs/"), reason
    assert reason.endswith(
        f": name lookup timed out: no answer for {HUNG} within 0.3 s (4 failures in a row)"
    ), reason
    record = store.get("c@1")
    assert record is not None and record.state is DownloadState.WAITING_FOR_NETWORK
    assert record.state.resumes_by_itself
    cancel.set()
    worker.join(GUARD_S)
    assert [r.state for r in results] == [DownloadState.PAUSED]
    assert server.requests() == []
