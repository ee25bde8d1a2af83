"""The catalogs an installation browses, and what each offered course means for this device.

Two kinds of sources, each an http(s) URL or a folder (a USB stick, a shared drive): the
institution's, built into the installer (branding; they cannot be removed), and the ones the
learner or the lab admin added (settings). Fetching goes through `sync.catalog` (ETag, the last
good copy kept in the cache folder for offline browsing). Each offered course is then compared
with the library: new, installed, or an update; and its size to download is what is not on this
disk yet. That is exact when its manifest is known here (read ahead for folder catalogs and for
updates of installed courses, kept by sha256 in the cache); otherwise it is the catalog's size.
A version signed by a key this device does not trust is marked as such where that is known
before its download: from a folder catalog's signature, on the disk; from a server's, once a
download found it (its first step, before any file). What a signer means here, and the check
of a catalog's signers when it is added, are player/library/catalog_keys.py's.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import logging
import os
import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

import requests

from player.course.errors import PackageError
from player.course.manifest import Course, parse_manifest, version_key
from player.course.signing import MAX_SIGNATURE_BYTES, signer_of
from player.library.catalog_keys import KeyVerdict, judge_signer
from player.library.library import Library
from sync.catalog import (
    CatalogAddressError,
    fetch_catalog,
    offline_copy_time,
    read_repository_file,
)
from sync.catalog_parse import CatalogEntry, CatalogError, CatalogResult
from sync.download import remaining_bytes
from sync.download_state import BlobSpec, FailureKind
from sync.durable import write_atomic
from sync.repository import RepositoryPathError, folder_of, is_http, repository_base
from sync.server_address import AddressFault, find_address_problem
from sync.share_server import DEFAULT_PORT

Origin = Literal["institution", "user"]
log = logging.getLogger(__name__)
CACHE_FOLDER = "catalogs"  # in the cache folder: the offline copies of the servers' catalogs


class SourceFault(enum.StrEnum):
    """Why a catalog location was refused, besides what the shared address rule refuses in an
    http(s) one (AddressFault), for the player to say in the learner's language."""

    EMPTY = "empty"
    NOT_NETWORK_ADDRESS = "not_network_address"
    """Numbers and dots that are no IPv4 address ("192.168.1", "1.2.3.4.5")."""
    ADDRESS_NUMBER = "address_number"
    """One of an address's four numbers is over 255 ("300.1.1.1")."""
    FOLDER_URL = "folder_url"
    """A file:// URL urlsplit refuses ("file://[oops/")."""
    SCHEME = "scheme"
    """Neither http(s) nor a folder ("ftp://…")."""
    NO_FOLDER = "no_folder"
    UNREADABLE = "unreadable"
    """The system would not say whether the folder exists (a name too long, no permission)."""
    NO_CATALOG = "no_catalog"
    """A folder without a catalog.json."""
    ALREADY_ADDED = "already_added"
    INSTITUTION = "institution"
    """The institution's catalog, which comes with the installation, cannot be removed."""
    NOT_LISTED = "not_listed"
    """Removing a catalog that is not in the list."""
    UNUSABLE = "unusable"
    """Adding a catalog whose source answered with one that cannot be used (not JSON, an
    unsafe manifest path, HTTP 404 or 410): saved, it would list nothing."""


class CatalogSourceError(ValueError):
    """A catalog location that cannot be added or removed; `str()` is one line naming it, in
    English (for the log, the command line and support). `fault`: what is wrong, for the
    player to say in the learner's language: what the shared address rule refused in it
    (sync.server_address), or any other refusal."""

    def __init__(self, message: str, fault: AddressFault | SourceFault) -> None:
        super().__init__(message)
        self.fault = fault


@dataclass(frozen=True)
class CatalogSource:
    location: str
    """An http(s) URL (the repository root) or an absolute folder."""
    origin: Origin

    @property
    def removable(self) -> bool:
        return self.origin == "user"

    @property
    def is_folder(self) -> bool:
        return not is_http(self.location)


_ADDRESS = re.compile(r"(?P<host>[0-9]{1,3}(?:\.[0-9]{1,3}){3})(?::(?P<port>[0-9]{1,5}))?/?")
_ADDRESS_LIKE = re.compile(r"[0-9.:]+/?")


def share_address(value: str) -> str | None:
    """The catalog URL of a bare network address, as a teacher writes a share's on the board
    (`192.168.1.12`, `192.168.1.12:8475`): `http://192.168.1.12:8475/`, the port of `cartable
    share` when none is given. None when `value` is not written that way. Raises
    CatalogSourceError for numbers that are no address (`192.168.1`, `300.1.1.1`, a port past
    65535) unless a folder has that name; a well-formed address wins over a folder of the same
    name (`./192.168.1.12` names the folder)."""
    match = _ADDRESS.fullmatch(value)
    if match is None:
        if _ADDRESS_LIKE.fullmatch(value) and not Path(value).exists():
            raise CatalogSourceError(
                f"{value}: not a network address (four numbers from 0 to 255, such as "
                f"192.168.1.12, maybe followed by :{DEFAULT_PORT})",
                SourceFault.NOT_NETWORK_ADDRESS,
            )
        return None
    numbers = [int(part) for part in match["host"].split(".")]  # 010 is ten, as written
    if max(numbers) > 255:
        raise CatalogSourceError(
            f"{value}: not a network address (each of its four numbers goes from 0 to 255)",
            SourceFault.ADDRESS_NUMBER,
        )
    host = ".".join(map(str, numbers))
    port = int(match["port"]) if match["port"] else DEFAULT_PORT
    if not 1 <= port <= 65535:
        raise CatalogSourceError(
            f"{value}: the port after “:” goes from 1 to 65535", AddressFault.PORT
        )
    return f"http://{host}:{port}/"


def normalize_location(text: str) -> str:
    """The canonical form of a catalog location the user typed; raises CatalogSourceError.

    http(s): a repository root or its catalog.json (kept as a root URL ending with "/").
    A bare IPv4 address, with or without a port: a computer of the network sharing its courses
    (`share_address`). Anything else is a folder (a path or a file:// URL) that must hold a
    catalog.json now.
    """
    value = text.strip()
    if not value:
        raise CatalogSourceError("a catalog needs a URL or a folder", SourceFault.EMPTY)
    shared = share_address(value)
    if shared is not None:
        return shared
    if is_http(value):
        problem = find_address_problem(value)  # the rule fetch_catalog holds it to, said now
        if problem is not None and problem.fault is AddressFault.NO_HOST:
            raise CatalogSourceError(f"{value}: not a complete URL (no host)", problem.fault)
        if problem is not None:
            raise CatalogSourceError(f"{value!r} {problem.line}", problem.fault)
        base = repository_base(value)
        return base if base.endswith("/") else base + "/"
    try:
        folder = folder_of(value)
    except RepositoryPathError as exc:
        raise CatalogSourceError(str(exc), _folder_url_fault(value)) from None
    assert folder is not None
    try:
        folder = folder.expanduser()
    except RuntimeError:  # "~someone", and no such user here
        raise CatalogSourceError(
            f"{value}: no such folder (no such user)", SourceFault.NO_FOLDER
        ) from None
    if folder.name == "catalog.json":
        folder = folder.parent
    try:
        folder = folder.resolve()
        is_folder = folder.is_dir()
        has_catalog = is_folder and (folder / "catalog.json").is_file()
    except (OSError, ValueError) as exc:  # a name too long, a NUL, no permission
        raise CatalogSourceError(
            f"{value}: cannot be read as a folder ({exc})", SourceFault.UNREADABLE
        ) from None
    if not is_folder:
        raise CatalogSourceError(f"{folder}: no such folder", SourceFault.NO_FOLDER)
    if not has_catalog:
        raise CatalogSourceError(
            f"{folder}: no catalog.json in this folder", SourceFault.NO_CATALOG
        )
    return str(folder)


def _folder_url_fault(value: str) -> SourceFault:
    """What folder_of refused in `value`: a URL urlsplit cannot read, or another scheme."""
    try:
        urlsplit(value)
    except ValueError:
        return SourceFault.FOLDER_URL
    return SourceFault.SCHEME


def _same(a: str, b: str) -> bool:
    if is_http(a) or is_http(b):
        return a.rstrip("/") == b.rstrip("/")
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


class CourseState(enum.StrEnum):
    AVAILABLE = "available"
    """Not on this device."""
    INSTALLED = "installed"
    """This version (or a newer one) is installed."""
    UPDATE = "update"
    """An older version is installed."""


@dataclass(frozen=True)
class CatalogCourse:
    """One offered course as this device sees it (its newest version across the catalogs)."""

    entry: CatalogEntry
    source: str
    """The repository root its files come from."""
    catalog: str
    """The catalog's title, or its location."""
    state: CourseState
    installed_version: str | None
    to_download: int
    """Bytes not on this disk yet (blobs absent, minus the parts of paused downloads)."""
    size_known: bool
    """False when the manifest is not known here: `to_download` is the catalog's full size."""
    signed_installed: str | None = None
    """The title of the installed version when a trusted key signed it (`Library.signed_install`):
    a copy not signed by a trusted key never replaces it. None: none installed, or unverified."""
    untrusted_key: str | None = None
    """The key id this version's signature names when no key trusted here may sign the course:
    its download can only be refused. Known before any download for a folder catalog (the
    signature is on the disk), for a server's once a download was refused for it
    (`Catalogs.learn_signer`). None: trusted, unsigned, installed, or not known yet."""
    scoped_key: str | None = None
    """The key id this version's signature names when that key is trusted here for another
    course only (the demo key, `TrustStore.scoped_elsewhere`): its download can only be refused,
    and trusting the key again changes nothing. Known as `untrusted_key` is."""
    earlier_key: str | None = None
    """The key id this version's signature names when that key is an earlier key (the demo's
    before a rebuild, `TrustStore.earlier_ids`), whatever course it signs: accepted for no
    course, its download can only be refused (`FailureKind.EARLIER_KEY`). Known as
    `untrusted_key` is."""
    other_signer: str | None = None
    """The key id that signed the verified installed version when this version's signer may not
    replace it (`Library.other_signer`), be it trusted here or not (then `untrusted_key` names
    it too, and trusting it would not help): its update can only be refused. Known when the
    signer is (a folder catalog's, or learnt). None: it may, or not known."""

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def version(self) -> str:
        return self.entry.version

    @property
    def download_id(self) -> str:
        return f"{self.entry.id}@{self.entry.version}"

    @property
    def refused(self) -> bool:
        """Its download can only be refused for who signed it (a stranger's key, a key for
        another course, an earlier demo key, another publisher than the installed version's)."""
        return bool(self.untrusted_key or self.scoped_key or self.earlier_key or self.other_signer)


@dataclass(frozen=True)
class CatalogListing:
    """What one source gave: its catalog (maybe the offline copy), or why there is none."""

    source: CatalogSource
    result: CatalogResult | None
    error: str | None = None
    error_kind: FailureKind | None = None
    """What `error` failed on (`CatalogError.kind`), for the page to word it in the learner's
    language; None when it was not the catalog's (a location refused, a fault of ours)."""
    error_status: int | None = None
    """The HTTP status behind `error` (`CatalogError.status`), None when it was none."""

    @property
    def entries(self) -> tuple[CatalogEntry, ...]:
        return self.result.catalog.courses if self.result else ()

    @property
    def title(self) -> str:
        if self.result and self.result.catalog.title:
            return self.result.catalog.title
        return self.source.location


@dataclass(frozen=True)
class Browse:
    listings: tuple[CatalogListing, ...]
    courses: tuple[CatalogCourse, ...]

    def find(self, course_id: str) -> CatalogCourse | None:
        return next((c for c in self.courses if c.id == course_id), None)

    def languages(self) -> list[str]:
        return sorted({c.entry.language for c in self.courses})


NO_CATALOG_STATUSES = (404, 410)
"""The HTTP answers that say a server holds no catalog there: refused when it is added. Any
other status (5xx, 403, 408, 429...) may be its server's or a proxy's for now."""

UNLISTED_KEPT = 30 * 24 * 3600.0
"""A cached manifest no catalog lists any more (an old version, a withdrawn course) is removed
once this old (seconds): the cache keeps what the catalogs offer, and a month of the rest."""


class ManifestCache:
    """Manifests fetched from catalogs, named by their sha256 (so never stale). Bounded by what
    the catalogs list (`prune`): every update of every course would otherwise stay for ever."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, sha256: str) -> Path:
        return self.folder / f"{sha256}.json"

    def get(self, sha256: str) -> bytes | None:
        try:
            data = self.path(sha256).read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == sha256 else None

    def put(self, data: bytes) -> str:
        sha256 = hashlib.sha256(data).hexdigest()
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self.path(sha256), data)
        return sha256

    def fetch(self, entry: CatalogEntry, source: str, session: requests.Session) -> bytes:
        """The entry's manifest bytes, from the cache or the repository, checked against the
        catalog's sha256 and size; raises CatalogError."""
        cached = self.get(entry.manifest_sha256)
        if cached is not None:
            return cached
        data = read_repository_file(source, entry.manifest, session)
        check_manifest_bytes(entry, data, source)
        self.put(data)
        return data

    def prune(self, listed: set[str], older_than: float = UNLISTED_KEPT) -> int:
        """Remove the manifests whose sha256 is not in `listed` and that were written over
        `older_than` seconds ago; how many."""
        cutoff = time.time() - older_than
        removed = 0
        try:
            found = list(self.folder.glob("*.json"))
        except OSError:
            return 0
        for path in found:
            if path.stem in listed:
                continue
            try:
                if path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed += 1
            except OSError:  # gone meanwhile, or not ours to remove: the next visit tries again
                continue
        return removed


def check_manifest_bytes(entry: CatalogEntry, data: bytes, source: str) -> None:
    """The manifest is the one the catalog describes (a catalog and its files can go stale or
    be tampered with apart; the signature is checked separately)."""
    digest = hashlib.sha256(data).hexdigest()
    if digest != entry.manifest_sha256:
        raise CatalogError(
            f"{source}: {entry.manifest}: its sha256 is {digest}, the catalog says "
            f"{entry.manifest_sha256} (the catalog or the course changed: refresh the catalog)"
        )


class Catalogs:
    """The configured sources and what they offer; network calls take the session given."""

    def __init__(
        self,
        library: Library,
        cache_dir: Path,
        institution: Sequence[str],
        user: list[str],
    ) -> None:
        """`user` is the settings' list, changed in place by add/remove (the caller saves)."""
        self.library = library
        self.cache_dir = cache_dir
        self.institution = tuple(institution)
        self.user = user
        self.manifests = ManifestCache(cache_dir / "manifests")
        self.signers: dict[tuple[str, str], str] = {}
        """(repository root, manifest sha256) → the key id its signature names, where known
        (`read_ahead`, `learn_signer`); for this run only."""
        self._signers_read: set[tuple[str, str]] = set()
        """The server updates whose signature `read_ahead` read (or found missing) this run."""

    # -- sources ----------------------------------------------------------------------------------

    def sources(self) -> list[CatalogSource]:
        found: list[CatalogSource] = []
        for origin, locations in (("institution", self.institution), ("user", self.user)):
            for location in locations:
                if not any(_same(location, s.location) for s in found):
                    found.append(CatalogSource(location, origin))  # type: ignore[arg-type]
        return found

    def candidate(self, text: str) -> CatalogSource:
        """The catalog `text` names, not added yet; raises CatalogSourceError."""
        location = normalize_location(text)
        for source in self.sources():
            if _same(source.location, location):
                raise CatalogSourceError(
                    f"{location}: already in the catalogs", SourceFault.ALREADY_ADDED
                )
        return CatalogSource(location, "user")

    def add(self, text: str) -> CatalogSource:
        """Add the catalog `text` names, as it is (`try_candidate` first asks its source)."""
        source = self.candidate(text)
        self.user.append(source.location)
        return source

    def offline_copy_time(self, source: CatalogSource) -> datetime | None:
        """When the copy of `source`'s catalog kept for offline browsing was received from its
        server (this disk only); None: no copy, or a folder."""
        return offline_copy_time(source.location, self.cache_dir / CACHE_FOLDER)

    def try_candidate(self, source: CatalogSource, session: requests.Session) -> CatalogListing:
        """Fetch a catalog before it is added (network: a worker thread). No answer at all (no
        network, refused, a name not found, a timeout) or an HTTP error other than 404 and 410
        (a proxy whose server is in maintenance, 429, an intranet answering 403 off campus)
        lets it be added unread, so a catalog can be added offline or while its server is
        down; a source that answered with a catalog no player can use (not JSON, a bad entry,
        an unsafe path, 404 or 410: none there) raises CatalogSourceError(UNUSABLE), for
        nothing to be saved."""
        [listing] = self.fetch(session, [source])
        reason = listing.error
        if listing.result is not None and listing.result.stale:  # an offline copy of before
            reason = listing.result.stale_reason
            kind, status = listing.result.stale_kind, listing.result.stale_status
        else:
            kind, status = listing.error_kind, listing.error_status
        if reason is None or kind is FailureKind.NETWORK:
            return listing
        if status is not None and status not in NO_CATALOG_STATUSES:
            return listing
        raise CatalogSourceError(f"{reason}; not added", SourceFault.UNUSABLE)

    def remove(self, text: str) -> CatalogSource:
        value = text.strip()
        candidates = [value]
        if is_http(value) or share_address(value) is not None:
            # as written only: one added before its address was checked is still removed
            with contextlib.suppress(CatalogSourceError):
                candidates.append(normalize_location(value))
        else:
            candidates.append(str(Path(value).expanduser().resolve()))
        for source in self.sources():
            if any(_same(source.location, c) for c in candidates):
                if not source.removable:
                    raise CatalogSourceError(
                        f"{source.location}: comes with this installation (the institution's "
                        "catalog); it cannot be removed",
                        SourceFault.INSTITUTION,
                    )
                self.user[:] = [u for u in self.user if not _same(u, source.location)]
                return source
        raise CatalogSourceError(f"{value}: not in the catalogs", SourceFault.NOT_LISTED)

    # -- fetching (network: a worker thread) ------------------------------------------------------

    def fetch(
        self, session: requests.Session, sources: Iterable[CatalogSource] | None = None
    ) -> list[CatalogListing]:
        """Every source's catalog: fresh, or the offline copy (stale), or the reason for none.
        Whatever goes wrong with one source is that source's reason: the others still list."""
        listings = []
        for source in self.sources() if sources is None else sources:
            try:
                result = fetch_catalog(source.location, self.cache_dir / CACHE_FOLDER, session)
            except CatalogAddressError as exc:  # the location's fault: no server was asked
                listings.append(CatalogListing(source, None, str(exc)))
            except CatalogError as exc:
                listings.append(CatalogListing(source, None, str(exc), exc.kind, exc.status))
            except RepositoryPathError as exc:
                listings.append(CatalogListing(source, None, f"{source.location}: {exc}"))
            except Exception as exc:  # a fault of ours or of a library: still that source's only
                log.exception("catalog %s", source.location)
                reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                listings.append(CatalogListing(source, None, f"{source.location}: {reason}"))
            else:
                listings.append(CatalogListing(source, result))
        return listings

    def read_ahead(
        self,
        listings: Sequence[CatalogListing],
        session: requests.Session,
        *,
        background: bool = False,
    ) -> None:
        """Fetch the manifests that make sizes exact where it is cheap or matters: every course of
        a folder catalog, and updates of installed courses (their delta is what a learner on a
        paid link wants to know). Failures are ignored: the catalog's size is shown instead.
        `background`: the update check's read, with no page to show sizes on: the updates of
        installed courses only, of a folder catalog too (its every signature and manifest,
        24 files for 12 courses, spun up a sleeping USB disk every 6 hours).

        A folder catalog's signatures are read too, for who signed each course (a small file on
        this disk). A server's are not, but for updates of installed courses, once a run: the
        library says "Update available" without the Catalog opened (player/ui/update_check.py),
        and must not for one its download would refuse (a stranger's key, another publisher).
        Every course's would cost one more request each on each visit, on a paid link, for what
        a download's first step reads anyway before fetching any file."""
        for listing in listings:
            if listing.result is None or listing.result.stale:
                continue
            for entry in listing.entries:
                installed = self.library.get(entry.id)
                update = installed is not None and version_key(installed.version) < version_key(
                    entry.version
                )
                if not (update or (listing.source.is_folder and not background)):
                    continue
                if listing.source.is_folder:
                    self.read_signer(entry, listing.result.catalog.source, session)
                else:
                    self._read_update_signer(entry, listing.result.catalog.source, session)
                try:
                    self.manifests.fetch(entry, listing.result.catalog.source, session)
                except CatalogError:
                    continue
        self._prune_manifests(listings)

    def _prune_manifests(self, listings: Sequence[CatalogListing]) -> None:
        """Bound the manifest cache by what the catalogs list, only when every configured
        catalog answered (fresh or its offline copy): what one that did not answer lists is
        not known, so nothing is removed then."""
        if any(listing.result is None for listing in listings):
            return
        listed = [listing.source.location for listing in listings]
        if not all(any(_same(s.location, seen) for seen in listed) for s in self.sources()):
            return  # some catalogs only (`cartable catalogs courses URL`)
        self.manifests.prune({e.manifest_sha256 for listing in listings for e in listing.entries})

    def read_signer(self, entry: CatalogEntry, source: str, session: requests.Session) -> bool:
        """Whether the repository answered (a signature, or none there): False when the network
        or its server failed, to be read again another time."""
        key = (source, entry.manifest_sha256)
        try:
            data = read_repository_file(source, entry.signature, session, MAX_SIGNATURE_BYTES)
        except CatalogError as exc:  # unsigned (said apart), or unreadable: not known
            self.signers.pop(key, None)
            return exc.kind is FailureKind.MISSING
        signer = signer_of(data)
        if signer is None:
            self.signers.pop(key, None)
        else:
            self.signers[key] = signer
        return True

    def _read_update_signer(
        self, entry: CatalogEntry, source: str, session: requests.Session
    ) -> None:
        """Who signed a server's update of an installed course: one small request a run."""
        key = (source, entry.manifest_sha256)
        if key in self._signers_read or key in self.signers:  # read, or learnt at a download
            return
        if self.read_signer(entry, source, session):
            self._signers_read.add(key)

    def learn_signer(self, course: CatalogCourse, key_id: str) -> None:
        """A download of `course` was refused for its signature by `key_id` (not trusted here,
        trusted for another course only, an earlier key, or not the key of the installed
        version): the catalog says so from now on (until that changes), not only that
        download."""
        self.signers[(course.source, course.entry.manifest_sha256)] = key_id

    # -- what it means here -----------------------------------------------------------------------

    def browse(self, listings: Sequence[CatalogListing]) -> Browse:
        """The offered courses, newest version of each across the catalogs (the first listed
        catalog wins a tie), with their state and size to download on this device."""
        best: dict[str, tuple[CatalogEntry, CatalogListing]] = {}
        for listing in listings:
            for entry in listing.entries:
                known = best.get(entry.id)
                if known is None or version_key(entry.version) > version_key(known[0].version):
                    best[entry.id] = (entry, listing)
        courses = [self.describe(entry, listing) for entry, listing in best.values()]
        courses.sort(key=lambda c: (c.entry.title.casefold(), c.id))
        return Browse(tuple(listings), tuple(courses))

    def describe(self, entry: CatalogEntry, listing: CatalogListing) -> CatalogCourse:
        assert listing.result is not None
        installed = self.library.get(entry.id)
        signed = self.library.signed_install(entry.id)
        if installed is None:
            state = CourseState.AVAILABLE
        elif version_key(installed.version) >= version_key(entry.version):
            state = CourseState.INSTALLED
        else:
            state = CourseState.UPDATE
        if state is CourseState.INSTALLED:  # nothing to fetch: its manifest need not be read
            to_download, exact = 0, True
        elif (course := self.known_manifest(entry)) is not None:
            to_download, exact = self.bytes_to_download(course), True
        else:
            to_download, exact = entry.size, False
        source = listing.result.catalog.source
        signer = self.signers.get((source, entry.manifest_sha256))
        verdict = KeyVerdict()
        if signer is not None and state is not CourseState.INSTALLED:
            verdict = judge_signer(self.library, entry.id, signer)
        return CatalogCourse(
            entry=entry,
            source=source,
            catalog=listing.title,
            state=state,
            installed_version=installed.version if installed else None,
            to_download=to_download,
            size_known=exact,
            signed_installed=signed[1] if signed else None,
            untrusted_key=verdict.untrusted_key,
            scoped_key=verdict.scoped_key,
            earlier_key=verdict.earlier_key,
            other_signer=verdict.other_signer,
        )

    def known_manifest(self, entry: CatalogEntry) -> Course | None:
        data = self.manifests.get(entry.manifest_sha256)
        if data is None:
            return None
        try:
            return parse_manifest(data, entry.manifest)
        except PackageError:
            return None

    def bytes_to_download(self, course: Course) -> int:
        specs = [BlobSpec(ref.sha256, ref.size) for ref in course.files().values()]
        return remaining_bytes(self.library.blobs.root, specs)
