"""Catalogs read without the network: catalog.json's bytes parsed and checked, and a
repository folder's catalog read as a player reads it.

Apart from sync.catalog, which fetches over http(s): its `requests` and urllib3 cost 0.1-0.3 s of
startup, and `cartable-pack verify` reads a repository's catalog with the player's own reader
on every run.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sync.download_state import FailureKind
from sync.repository import RepositoryPathError, folder_of, open_regular, safe_relative

CATALOG_FORMAT = 1
#: A catalog larger than this is refused (about 20,000 courses): it cannot be a real one.
MAX_CATALOG_BYTES = 16 * 1024 * 1024
#: The largest manifest an entry may announce, and the default cap of the manifests and
#: signatures sync.catalog.read_repository_file reads (the course format refuses manifests over
#: 1 MiB).
MAX_REPOSITORY_FILE_BYTES = 1024 * 1024
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
    unusable server); OTHER lets the words speak. `status`: the HTTP status the server answered
    with, when that is what failed, for a caller's rule to read rather than the words."""

    def __init__(
        self, message: str, kind: FailureKind = FailureKind.OTHER, status: int | None = None
    ) -> None:
        super().__init__(_one_line(message))
        self.kind = kind
        self.status = status


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
    stale_status: int | None = None
    """The HTTP status behind `stale_reason` (`CatalogError.status`), None when it was none."""


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
