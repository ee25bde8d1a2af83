"""Catalogs: what a repository offers, fetched over http(s) with ETag or read from a folder.

The last good copy of every http catalog is kept in a cache folder, so a learner can browse
offline; an unreachable or broken catalog falls back to that copy, marked stale with the reason.
Parsing, and reading a folder's catalog, live in sync.catalog_parse, which needs no `requests`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import requests

from sync.catalog_parse import (
    MAX_CATALOG_BYTES,
    MAX_REPOSITORY_FILE_BYTES,
    Catalog,
    CatalogError,
    CatalogResult,
    parse_catalog,
    read_folder_catalog,
)
from sync.download_state import FailureKind
from sync.durable import write_atomic
from sync.http import Timeouts, read_capped
from sync.http_stop import RequestStopped
from sync.repository import (
    RepositoryPathError,
    folder_of,
    is_http,
    open_regular,
    path_for,
    repository_base,
    safe_relative,
    url_for,
)
from sync.request_failure import failure_line, unworded_line
from sync.server_address import address_problem

DEFAULT_TIMEOUT = (10.0, 30.0)


class CatalogAddressError(CatalogError):
    """An http(s) catalog address no request can be sent to (an unclosed "[", a port past
    65535 or not a number, no host): the address is wrong, not a server's answer."""


def _check_address(source: str, base: str) -> None:
    """Refuse an http(s) repository address by the player's rule for server addresses
    (sync.server_address), before any request: urlsplit's bare ValueError escaped for some,
    and requests' "InvalidURL" read as an unreachable server (a stale copy served) for others."""
    problem = address_problem(base)
    if problem:
        raise CatalogAddressError(f"{source!r} {problem}")


# --- fetching ------------------------------------------------------------------------------------


def fetch_catalog(
    source: str,
    cache_dir: Path,
    session: requests.Session,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
) -> CatalogResult:
    """The catalog of `source` (its root URL or folder, or the catalog.json in it).

    http(s): conditional GET with If-None-Match; a 304 or an unreachable server gives the cached
    copy (the latter marked stale with the reason); a fresh good copy replaces the cache.
    Folder: read directly (a USB stick is its own cache). Raises CatalogError when there is
    neither a usable answer nor a cached copy.
    """
    base = repository_base(source)
    if not is_http(base):
        return read_folder_catalog(base)
    _check_address(source, base)
    url = url_for(base, "catalog.json")
    cache = _CatalogCache(cache_dir, base)
    cached = cache.load()
    headers = {"Accept": "application/json"}
    if cached is not None and cached.etag:
        headers["If-None-Match"] = cached.etag
    try:
        with session.get(url, headers=headers, timeout=timeout, stream=True) as response:
            not_modified = response.status_code == 304 and cached is not None
            if not not_modified and response.status_code != 200:
                raise CatalogError(
                    f"{url}: server answered HTTP {response.status_code}",
                    FailureKind.SERVER,
                    response.status_code,
                )
            data = b"" if not_modified else _read_capped(response, MAX_CATALOG_BYTES, url)
            etag = response.headers.get("ETag")
    except (requests.RequestException, OSError) as exc:  # the network only: nothing local here
        reason = f"cannot reach {url}: {_reason(exc, url, timeout)}"
        return _stale_or_raise(cached, CatalogError(reason, FailureKind.NETWORK))
    except CatalogError as exc:
        return _stale_or_raise(cached, exc)
    if not_modified:
        assert cached is not None
        # The server vouched for the copy: only recording when may fail, and that is local.
        error = cache.write(lambda: cache.touch(cached), cache.meta_path)
        return CatalogResult(cached.catalog, False, None, _now(), True, error)
    try:
        catalog = replace(parse_catalog(data, url), source=base)
    except CatalogError as exc:
        return _stale_or_raise(cached, exc)
    error = cache.write(lambda: cache.store(data, etag), cache.data_path)
    return CatalogResult(catalog, False, None, _now(), cache_error=error)


def offline_copy_time(source: str, cache_dir: Path) -> datetime | None:
    """When the offline copy of the http(s) catalog `source` kept in `cache_dir` was last
    received from (or confirmed by) its server, read from this disk only (a support report
    asks no server). Only the small `.meta.json` is read, the copy only checked to be there:
    parsing every copy took 4.6 s for 500 catalogs of 200 courses when Help opened, on the UI
    thread (r5). None: no copy (never fetched), no readable date, or a folder (no copy)."""
    try:
        base = repository_base(source)
    except RepositoryPathError:
        return None
    if not is_http(base):
        return None
    cache = _CatalogCache(cache_dir, base)
    try:
        if not cache.data_path.is_file():
            return None
        return datetime.fromisoformat(json.loads(cache.meta_path.read_text("utf-8"))["fetched_at"])
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None  # no date, or a damaged one


def read_repository_file(
    source: str,
    relative_path: str,
    session: requests.Session,
    max_size: int = MAX_REPOSITORY_FILE_BYTES,
    timeout: tuple[float, float] = DEFAULT_TIMEOUT,
) -> bytes:
    """Bytes of one small repository file (a manifest, a signature), refused past `max_size`."""
    base = repository_base(source)
    try:
        relative = safe_relative(relative_path)
    except RepositoryPathError as exc:
        raise CatalogError(f"{base}: {exc}", FailureKind.SERVER) from None
    if not is_http(base):
        folder = folder_of(base)
        assert folder is not None
        path = path_for(folder, relative)
        try:
            with open_regular(path) as handle:
                data = handle.read(max_size + 1)
        except FileNotFoundError:
            raise CatalogError(
                f"{path}: missing from the repository", FailureKind.MISSING
            ) from None
        except OSError as exc:
            raise CatalogError(f"{path}: cannot read ({exc.strerror or exc})") from None
        if len(data) > max_size:
            raise CatalogError(f"{path}: larger than {max_size} bytes", FailureKind.SERVER)
        return data
    _check_address(source, base)
    url = url_for(base, relative)
    try:
        with session.get(url, timeout=timeout, stream=True) as response:
            if response.status_code in (404, 410):
                raise CatalogError(
                    f"{url}: missing from the repository (HTTP {response.status_code})",
                    FailureKind.MISSING,
                    response.status_code,
                )
            if response.status_code != 200:
                raise CatalogError(
                    f"{url}: server answered HTTP {response.status_code}",
                    FailureKind.SERVER,
                    response.status_code,
                )
            return _read_capped(response, max_size, url)
    except (requests.RequestException, OSError) as exc:
        reason = _reason(exc, url, timeout)
        raise CatalogError(f"cannot reach {url}: {reason}", FailureKind.NETWORK) from None


def _read_capped(response: requests.Response, limit: int, url: str) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise CatalogError(f"{url}: larger than {limit} bytes", FailureKind.SERVER)
    data = read_capped(response, limit)  # within the answer's deadline (sync/http.py)
    if data is None:
        raise CatalogError(f"{url}: larger than {limit} bytes", FailureKind.SERVER)
    return data


def _stale_or_raise(cached: _Cached | None, failure: CatalogError) -> CatalogResult:
    """The cached copy marked stale with the reason, or the failure (with its kind) if none."""
    if cached is None:
        raise failure
    return CatalogResult(
        cached.catalog,
        True,
        str(failure),
        cached.fetched_at,
        stale_kind=failure.kind,
        stale_status=failure.status,
    )


def _reason(exc: BaseException, url: str, timeout: tuple[float, float]) -> str:
    """Why `url` got no answer, in the line an LRS send says it with (sync.request_failure):
    a requests failure's str() is urllib3's nested repr."""
    if isinstance(exc, RequestStopped):  # a quit or a pause, not the server
        return "stopped"
    try:
        timeouts: Timeouts | None = Timeouts(*timeout)
    except (TypeError, ValueError):
        timeouts = None
    line = failure_line(exc, url, timeouts)
    if line is not None:
        return line
    return unworded_line(exc)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class _Cached:
    catalog: Catalog
    etag: str | None
    fetched_at: datetime


class _CatalogCache:
    """`<cache_dir>/<hash of source>.json` (the exact bytes) + `.meta.json` (ETag, time)."""

    def __init__(self, cache_dir: Path, source: str) -> None:
        self.dir = cache_dir
        self.source = source
        key = hashlib.sha256(source.encode("utf-8")).hexdigest()[:24]
        self.data_path = cache_dir / f"catalog-{key}.json"
        self.meta_path = cache_dir / f"catalog-{key}.meta.json"

    def load(self) -> _Cached | None:
        try:
            data = self.data_path.read_bytes()
            meta = json.loads(self.meta_path.read_text("utf-8"))
            catalog = parse_catalog(data, self.source)
            fetched_at = datetime.fromisoformat(meta["fetched_at"])
            etag = meta.get("etag")
        except (OSError, ValueError, KeyError, TypeError, RecursionError, CatalogError):
            return None  # no cache, or a damaged one: behave as if never fetched
        return _Cached(catalog, etag if isinstance(etag, str) else None, fetched_at)

    @staticmethod
    def write(action: Callable[[], None], path: Path) -> str | None:
        """Run a write of the offline copy to `path`; None, or the one-line reason it failed,
        naming that file. The old copy stays whole (write_atomic)."""
        try:
            action()
        except OSError as exc:
            return f"{path}: cannot update the offline copy ({exc.strerror or exc})"
        return None

    def store(self, data: bytes, etag: str | None) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        write_atomic(self.data_path, data)
        self._write_meta(etag, _now())

    def touch(self, cached: _Cached) -> None:
        self._write_meta(cached.etag, _now())

    def _write_meta(self, etag: str | None, when: datetime) -> None:
        meta = {"source": self.source, "etag": etag, "fetched_at": when.isoformat()}
        write_atomic(self.meta_path, json.dumps(meta))
