"""Catalogs: what a repository offers, fetched over http(s) with ETag or read from a folder.

The last good copy of every http catalog is kept in a cache folder, so a learner can browse
offline; an unreachable or broken catalog falls back to that copy, marked stale with the reason.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

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

CATALOG_FORMAT = 1
#: A catalog larger than this is refused (about 20,000 courses): it cannot be a real one.
MAX_CATALOG_BYTES = 16 * 1024 * 1024
#: Manifests and signatures read through `read_repository_file` are capped at this by default
#: (the course format refuses manifests over 1 MiB).
MAX_REPOSITORY_FILE_BYTES = 1024 * 1024
DEFAULT_TIMEOUT = (10.0, 30.0)
#: The most files a course lists and the most bytes it can hold (the course format's 10,000
#: files of at most 1 TiB): a catalog claiming more lies, and its numbers overflowed the float
#: and 64-bit integers that show them.
MAX_COURSE_FILES = 10_000
MAX_COURSE_BYTES = MAX_COURSE_FILES * 2**40

_COURSE_ID_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
_VERSION_RE = re.compile(r"^(0|[1-9][0-9]{0,5})(\.(0|[1-9][0-9]{0,5})){0,3}$")
_SHA256_RE = re.compile(r"^[0-9a-f]{64}$")


class CatalogError(Exception):
    """A catalog or repository file that cannot be used; `str()` is one line naming the source.
    `kind` says what failed when a download stops on it (a missing file, an unreachable or
    unusable server); OTHER lets the words speak."""

    def __init__(self, message: str, kind: FailureKind = FailureKind.OTHER) -> None:
        super().__init__(_one_line(message))
        self.kind = kind


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


# A control or reordering character of a file name or URL must not reach the line raw (a CR
# rewrites a terminal line, ESC starts a sequence): as player.course.errors.one_line does.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _one_line(text: str) -> str:
    return _UNPRINTABLE.sub(lambda m: " " if m.group() == "\n" else repr(m.group())[1:-1], text)


class _DuplicateKey(ValueError):
    """An object of the catalog names a key twice: readers would disagree on its value."""


class _Repeats(dict[str, Any]):
    duplicate = ""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    table = dict(pairs)
    if len(table) != len(pairs):
        raise _DuplicateKey
    return table


def _mark_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    table = dict(pairs)
    if len(table) == len(pairs):
        return table
    marked = _Repeats(table)
    seen: set[str] = set()  # one pass: a hostile object may hold a million keys
    for key, _value in pairs:
        if key in seen:
            marked.duplicate = key
            break
        seen.add(key)
    return marked


def _duplicate_path(text: str) -> tuple[str, str]:
    """The first repeated key of `text` and its JSON path (only once one is known to be there)."""
    stack: list[tuple[Any, str]] = [(json.loads(text, object_pairs_hook=_mark_repeats), "$")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, _Repeats):
            return value.duplicate, f"{path}.{value.duplicate}"
        if isinstance(value, dict):
            stack.extend((item, f"{path}.{key}") for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{i}]") for i, item in reversed(list(enumerate(value))))
    return "", "$"


@dataclass(frozen=True)
class CatalogEntry:
    id: str
    version: str
    title: str
    language: str
    summary: str
    publisher: str
    size: int
    """Sum of the course's distinct blob sizes, in bytes."""
    files: int
    manifest: str
    """Path of course.json relative to the repository root."""
    manifest_sha256: str
    manifest_size: int

    @property
    def signature(self) -> str:
        return self.manifest + ".sig"


@dataclass(frozen=True)
class Catalog:
    source: str
    """The repository root its courses' files come from (pass it to the downloader)."""
    format: int
    title: str | None
    generated: datetime | None
    courses: tuple[CatalogEntry, ...]

    def find(self, course_id: str, version: str | None = None) -> CatalogEntry | None:
        """The entry for `course_id` at `version`, or its highest version when None."""
        matches = [c for c in self.courses if c.id == course_id]
        if version is not None:
            matches = [c for c in matches if c.version == version]
        return max(matches, key=lambda c: _version_key(c.version), default=None)


@dataclass(frozen=True)
class CatalogResult:
    catalog: Catalog
    stale: bool
    """True when the catalog is the cached copy because the source could not give a fresh one."""
    stale_reason: str | None
    fetched_at: datetime
    """When these bytes were last received from (or confirmed by) the source."""
    not_modified: bool = False
    """The server answered 304: the cached copy is current."""
    cache_error: str | None = None
    """The catalog is good but its offline copy could not be updated (a full or read-only
    disk): one line naming the local file. Only the offline copy ages; say it, as a warning."""
    stale_kind: FailureKind | None = None
    """What `stale_reason` failed on (the `CatalogError.kind`), for a page to say why the copy
    is shown in the learner's language; None when the catalog is not stale."""


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(p) for p in version.split("."))


# --- parsing -------------------------------------------------------------------------------------


def parse_catalog(data: bytes, source: str) -> Catalog:
    """Parse and check catalog.json bytes; raises CatalogError naming the JSON path."""
    if len(data) > MAX_CATALOG_BYTES:
        raise CatalogError(f"{source}: catalog is larger than {MAX_CATALOG_BYTES} bytes")
    try:
        doc = json.loads(data.decode("utf-8"), object_pairs_hook=_unique_keys)
    except UnicodeDecodeError as exc:
        raise CatalogError(f"{source}: catalog is not UTF-8 ({exc.reason})") from None
    except _DuplicateKey:  # Python keeps the last value, other readers the first
        key, where = _duplicate_path(data.decode("utf-8"))
        raise CatalogError(
            f"{source}: {where}: duplicate key {key!r}: one JSON object names it twice, "
            "so readers may disagree"
        ) from None
    except json.JSONDecodeError as exc:
        raise CatalogError(
            f"{source}: catalog is not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:  # json recurses once per level: hostile nesting overflows it
        raise CatalogError(f"{source}: catalog is not JSON (nested too deeply)") from None
    except ValueError:  # int() of a number over 4300 digits
        raise CatalogError(
            f"{source}: catalog is not JSON (a number has too many digits)"
        ) from None
    if not isinstance(doc, dict):
        raise CatalogError(f"{source}: $: expected an object, got {_kind(doc)}")
    fmt = doc.get("format")
    if type(fmt) is not int:
        raise CatalogError(f"{source}: $.format: expected an integer, got {_kind(fmt)}")
    if fmt != CATALOG_FORMAT:
        raise CatalogError(
            f"{source}: $.format: unsupported catalog format {fmt} (this player reads "
            f"{CATALOG_FORMAT})"
        )
    title = _optional_str(doc, "title", "$", source)
    generated_text = _optional_str(doc, "generated", "$", source)
    generated = None
    if generated_text is not None:
        try:
            generated = datetime.fromisoformat(generated_text.replace("Z", "+00:00"))
        except ValueError:
            raise CatalogError(
                f"{source}: $.generated: not an ISO 8601 date-time: {generated_text!r}"
            ) from None
    courses = doc.get("courses")
    if not isinstance(courses, list):
        raise CatalogError(f"{source}: $.courses: expected an array, got {_kind(courses)}")
    entries = []
    seen: set[tuple[str, str]] = set()
    for index, item in enumerate(courses):
        entry = _parse_entry(item, f"$.courses[{index}]", source)
        key = (entry.id, entry.version)
        if key in seen:
            raise CatalogError(
                f"{source}: $.courses[{index}]: course {entry.id} {entry.version} is listed twice"
            )
        seen.add(key)
        entries.append(entry)
    return Catalog(source, fmt, title, generated, tuple(entries))


def _parse_entry(item: Any, where: str, source: str) -> CatalogEntry:
    if not isinstance(item, dict):
        raise CatalogError(f"{source}: {where}: expected an object, got {_kind(item)}")
    course_id = _required_str(item, "id", where, source)
    if not _COURSE_ID_RE.fullmatch(course_id):  # match: `$` passes a final "\n"
        raise CatalogError(f"{source}: {where}.id: not a valid course id: {course_id!r}")
    version = _required_str(item, "version", where, source)
    if not _VERSION_RE.fullmatch(version):
        raise CatalogError(f"{source}: {where}.version: not a valid version: {version!r}")
    manifest = _required_str(item, "manifest", where, source)
    try:
        safe_relative(manifest)
    except RepositoryPathError as exc:
        raise CatalogError(f"{source}: {where}.manifest: {exc}") from None
    manifest_sha256 = _required_str(item, "manifest_sha256", where, source)
    if not _SHA256_RE.fullmatch(manifest_sha256):
        raise CatalogError(
            f"{source}: {where}.manifest_sha256: not a lowercase hex sha256: {manifest_sha256!r}"
        )
    return CatalogEntry(
        id=course_id,
        version=version,
        title=_required_str(item, "title", where, source),
        language=_required_str(item, "language", where, source),
        summary=_optional_str(item, "summary", where, source) or "",
        publisher=_optional_str(item, "publisher", where, source) or "",
        size=_count(item, "size", where, source, MAX_COURSE_BYTES),
        files=_count(item, "files", where, source, MAX_COURSE_FILES),
        manifest=manifest,
        manifest_sha256=manifest_sha256,
        manifest_size=_count(item, "manifest_size", where, source, MAX_REPOSITORY_FILE_BYTES),
    )


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}.get(
        type(value), type(value).__name__
    )


def _required_str(obj: dict[str, Any], key: str, where: str, source: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        got = "nothing" if key not in obj else _kind(value)
        raise CatalogError(f"{source}: {where}.{key}: expected a non-empty string, got {got}")
    return value


def _optional_str(obj: dict[str, Any], key: str, where: str, source: str) -> str | None:
    value = obj.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise CatalogError(f"{source}: {where}.{key}: expected a string, got {_kind(value)}")
    return value


def _count(obj: dict[str, Any], key: str, where: str, source: str, limit: int) -> int:
    value = obj.get(key)
    if type(value) is not int or value < 0:
        got = "nothing" if key not in obj else repr(value)
        raise CatalogError(f"{source}: {where}.{key}: expected a non-negative integer, got {got}")
    if value > limit:
        text = str(value) if value < 10**40 else f"{str(value)[:37]}…"  # up to 4300 digits
        raise CatalogError(
            f"{source}: {where}.{key}: expected a non-negative integer up to {limit}, got {text}"
        )
    return value


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
                    f"{url}: server answered HTTP {response.status_code}", FailureKind.SERVER
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
                )
            if response.status_code != 200:
                raise CatalogError(
                    f"{url}: server answered HTTP {response.status_code}", FailureKind.SERVER
                )
            return _read_capped(response, max_size, url)
    except (requests.RequestException, OSError) as exc:
        reason = _reason(exc, url, timeout)
        raise CatalogError(f"cannot reach {url}: {reason}", FailureKind.NETWORK) from None


def read_folder_catalog(base: str) -> CatalogResult:
    """The catalog of a repository folder, read as a player reads it (`cartable-pack verify`
    checks a repository with it); raises CatalogError naming the file."""
    folder = folder_of(base)
    assert folder is not None
    path = folder / "catalog.json"
    try:
        with open_regular(path) as handle:
            data = handle.read(MAX_CATALOG_BYTES + 1)
        stamp = datetime.fromtimestamp(path.stat().st_mtime, UTC)
    except FileNotFoundError:
        raise CatalogError(f"{path}: no catalog.json in this folder") from None
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return CatalogResult(replace(parse_catalog(data, str(path)), source=base), False, None, stamp)


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
        cached.catalog, True, str(failure), cached.fetched_at, stale_kind=failure.kind
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
