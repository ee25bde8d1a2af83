"""Downloads and catalogs from a real nginx on 127.0.0.1 (Range, If-Range, ETag as served).

127.0.0.1 is this computer, so the engine's rule (sync.repository.is_local_source) would let its
downloads past the speed limit and the download hours: tests of those give the engine
`is_local=internet`, so nginx stands for the institution's server on the internet."""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

import pytest
import requests

from sync.catalog import CatalogError, fetch_catalog, read_repository_file
from sync.conditions import TimeWindow
from sync.download import Downloader
from sync.download_options import DownloadOptions
from sync.download_reports import DownloadProgress
from sync.download_state import DownloadState
from sync.download_state import DownloadStore as Store
from sync.ratelimit import RateLimiter
from tests.e2e.downloads.repo import (
    FakeClock,
    add_blob,
    make_repository,
    random_bytes,
    store_verifies,
    write_catalog,
)

pytestmark = pytest.mark.e2e


def internet(source: str) -> bool:
    return False


def test_a_course_downloads_from_nginx_each_blob_once(
    tmp_path: Path, nginx_factory, store: Store, session: requests.Session
) -> None:
    repo = tmp_path / "repo"
    blobs = make_repository(repo, [700_000] * 18 + [1, 0])
    nginx = nginx_factory(repo)
    result = Downloader(tmp_path / "store", store, session).run("c@1", nginx.url, blobs)
    assert result.state is DownloadState.COMPLETED, result.error
    assert store_verifies(tmp_path / "store", blobs) == []
    nginx.settle(expected_requests=19)  # the empty blob needs no request
    uris = [r.uri for r in nginx.requests()]
    assert sorted(uris) == sorted(f"/blobs/sha256/{b.sha256[:2]}/{b.sha256}" for b in blobs[:19])
    assert nginx.body_bytes() == sum(b.size for b in blobs)


def test_a_resume_asks_nginx_for_the_rest_with_if_range(
    tmp_path: Path, nginx_factory, store: Store, session: requests.Session
) -> None:
    repo = tmp_path / "repo"
    [blob] = make_repository(repo, [8_000_000])
    nginx = nginx_factory(repo)
    cancel = threading.Event()

    def progress(p: DownloadProgress) -> None:
        if p.done_bytes >= 2_000_000:
            cancel.set()

    engine = Downloader(
        tmp_path / "store",
        store,
        session,
        options=DownloadOptions(chunk_size=64 * 1024),
        is_local=internet,
    )
    engine.limiter.set_rate(20_000_000)  # slow enough to stop in the middle
    first = engine.run("c@1", nginx.url, [blob], cancel=cancel, progress=progress)
    assert first.state is DownloadState.PAUSED
    assert 0 < first.fetched_bytes < blob.size
    engine.limiter.set_rate(0)
    second = engine.resume("c@1")
    assert second.state is DownloadState.COMPLETED
    assert second.reused_bytes >= first.fetched_bytes - 64 * 1024
    assert first.fetched_bytes + second.fetched_bytes <= blob.size + 64 * 1024
    assert store_verifies(tmp_path / "store", [blob]) == []
    nginx.settle(expected_requests=2)
    last = nginx.requests()[-1]
    etag = requests.head(nginx.url + last.uri.lstrip("/"), timeout=10).headers["ETag"]
    assert (last.status, last.range, last.if_range) == (
        206,
        f"bytes={second.reused_bytes}-",
        etag,
    )
    assert last.body_bytes_sent == blob.size - second.reused_bytes


def test_an_update_with_one_changed_blob_fetches_only_that_blob(
    tmp_path: Path, nginx_factory, store: Store, session: requests.Session
) -> None:
    repo = tmp_path / "repo"
    v1 = make_repository(repo, [300_000] * 20)
    changed = add_blob(repo, random_bytes(310_000, seed=99))
    v2 = [*v1[:7], changed, *v1[8:]]
    nginx = nginx_factory(repo)
    engine = Downloader(tmp_path / "store", store, session)
    assert engine.run("c@1.0", nginx.url, v1).state is DownloadState.COMPLETED
    nginx.settle(expected_requests=20)
    before = len(nginx.requests())
    assert engine.remaining_bytes(v2) == 310_000
    update = engine.run("c@1.1", nginx.url, v2)
    assert update.state is DownloadState.COMPLETED
    assert (update.fetched_bytes, update.reused_bytes) == (310_000, 19 * 300_000)
    nginx.settle(expected_requests=before + 1)
    new = nginx.requests()[before:]
    assert [r.uri.rsplit("/", 1)[1] for r in new] == [changed.sha256]
    assert store_verifies(tmp_path / "store", v2) == []


def test_the_cap_meters_every_byte_from_nginx(
    tmp_path: Path, nginx_factory, store: Store, session: requests.Session
) -> None:
    """Without timing: the bucket runs on a fake clock that only moves when a reader sleeps, so
    the time it made readers wait is exactly the bytes it saw over the rate."""
    repo = tmp_path / "repo"
    blobs = make_repository(repo, [1_000_000] * 4)
    nginx = nginx_factory(repo)
    clock = FakeClock()
    limiter = RateLimiter(1_000_000, burst=16_384, clock=clock, sleep=clock.sleep)
    engine = Downloader(tmp_path / "store", store, session, limiter=limiter, is_local=internet)
    result = engine.run("c@1", nginx.url, blobs)
    assert result.state is DownloadState.COMPLETED
    assert clock.slept == pytest.approx((4_000_000 - 16_384) / 1_000_000, rel=1e-3)


@pytest.mark.parametrize(
    ("where", "cap_local", "capped"),
    [
        ("this network", False, False),  # a laptop of the lab sharing: full speed, any hour
        ("this network", True, True),  # `cartable download --cap`: a cap asked for this run
        ("the internet", False, True),
    ],
)
def test_the_cap_and_the_hours_hold_internet_downloads_not_the_local_network(
    tmp_path: Path,
    nginx_factory,
    store: Store,
    session: requests.Session,
    where: str,
    cap_local: bool,
    capped: bool,
) -> None:
    """The same nginx, the same settings (1 MB/s, hours 22:00-06:00 at 14:00, unmetered only on
    a metered connection): seen as this network by the engine's own rule (127.0.0.1 is this
    computer), or as the internet. Only the internet download is held and metered."""
    repo = tmp_path / "repo"
    blobs = make_repository(repo, [250_000] * 4)
    nginx = nginx_factory(repo)
    clock = FakeClock()
    limiter = RateLimiter(1_000_000, burst=16_384, clock=clock, sleep=clock.sleep)
    hours = {"now": datetime(2026, 11, 26, 14, 0)}
    metered = {"yes": True}
    held: list[DownloadState] = []

    def progress(p: DownloadProgress) -> None:
        if p.state in (DownloadState.WAITING_FOR_WINDOW, DownloadState.WAITING_FOR_UNMETERED):
            held.append(p.state)
            hours["now"] = datetime(2026, 11, 26, 22, 30)  # the evening comes...
            metered["yes"] = False  # ...on the school's own connection

    engine = Downloader(
        tmp_path / "store",
        store,
        session,
        limiter=limiter,
        options=DownloadOptions(gate_poll_seconds=0.01),
        window=TimeWindow.parse("22:00-06:00"),
        now=lambda: hours["now"],
        unmetered_only=True,
        is_unmetered=lambda: not metered["yes"],
        cap_local=cap_local,
        **({"is_local": internet} if where == "the internet" else {}),
    )
    result = engine.run("c@1", nginx.url, blobs, progress=progress)
    assert result.state is DownloadState.COMPLETED, result.error
    assert store_verifies(tmp_path / "store", blobs) == []
    if capped:
        assert clock.slept == pytest.approx((1_000_000 - 16_384) / 1_000_000, rel=1e-3)
    else:
        assert clock.slept == 0
    if where == "the internet":
        assert held == [DownloadState.WAITING_FOR_WINDOW]
    else:
        assert held == []  # the hours and the connection are for the internet only


def test_catalog_etag_304_offline_copy_and_broken_catalog(
    tmp_path: Path, nginx_factory, session: requests.Session
) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    course = {
        "id": "les-mooc", "version": "1.0.0", "title": "Les MOOC", "language": "fr",
        "summary": "s", "publisher": "p", "size": 10, "files": 1,
        "manifest": "courses/les-mooc/1.0.0/course.json", "manifest_sha256": "0" * 64,
        "manifest_size": 5,
    }  # fmt: skip
    write_catalog(repo, [course])
    nginx = nginx_factory(repo)
    cache = tmp_path / "cache"
    first = fetch_catalog(nginx.url, cache, session)
    assert not first.stale and not first.not_modified
    assert first.catalog.courses[0].title == "Les MOOC"
    second = fetch_catalog(nginx.url + "catalog.json", cache, session)
    assert second.not_modified and second.catalog == first.catalog
    nginx.settle(expected_requests=2)
    log = nginx.requests()
    assert log[1].status == 304 and log[1].if_none_match.startswith('"')
    write_catalog(repo, [{**course, "title": "Les MOOC, 2e édition"}])
    third = fetch_catalog(nginx.url, cache, session)
    assert not third.not_modified
    assert third.catalog.courses[0].title == "Les MOOC, 2e édition"
    (repo / "catalog.json").write_text('{"format": 1, "courses": [{"id": 3}]}')
    broken = fetch_catalog(nginx.url, cache, session)
    assert broken.stale and broken.stale_reason is not None
    assert "$.courses[0].id: expected a non-empty string" in broken.stale_reason
    assert broken.catalog.courses[0].title == "Les MOOC, 2e édition"  # the last good copy
    nginx.stop()
    offline = fetch_catalog(nginx.url, cache, session)
    assert offline.stale
    line = f"could not connect to 127.0.0.1:{nginx.port} (connection refused)"
    assert offline.stale_reason == f"cannot reach {nginx.url}catalog.json: {line}"
    assert offline.catalog.courses[0].title == "Les MOOC, 2e édition"


def test_repository_files_over_http_with_a_size_cap(
    tmp_path: Path, nginx_factory, session: requests.Session
) -> None:
    repo = tmp_path / "repo"
    manifest = repo / "courses" / "c" / "1.0" / "course.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_bytes(b"{}" * 1000)
    nginx = nginx_factory(repo)
    assert read_repository_file(nginx.url, "courses/c/1.0/course.json", session) == b"{}" * 1000
    with pytest.raises(CatalogError, match="larger than 100 bytes"):
        read_repository_file(nginx.url, "courses/c/1.0/course.json", session, max_size=100)
    with pytest.raises(CatalogError) as caught:
        read_repository_file(nginx.url, "courses/c/1.0/course.json.sig", session)
    assert str(caught.value) == (
        f"{nginx.url}courses/c/1.0/course.json.sig: missing from the repository (HTTP 404)"
    )
