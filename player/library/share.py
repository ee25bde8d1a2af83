"""The installed library seen as a repository, so other laptops of a lab can download its courses
from this one (`cartable share`, served by sync/share_server.py).

The library already keeps what a repository holds: each version's exact manifest bytes and
signature, and every file in the content-addressed blob store. A share is the repository view of
the *current* version of each course: `catalog.json` (written by the same writer as
`cartable-pack catalog`), `courses/<id>/<version>/course.json` and `.sig`, and the blobs those
manifests name. The other side needs nothing new: it adds `http://<this laptop>:8475/` as a
catalog and downloads as from any server, checking the manifest's sha256 against the catalog,
its signature against its own trusted keys, and every file's sha256.

At the root (`/`), for someone who opens the address in a browser, a short page in English and
French says what this is and to add the address as a catalog in Cartable (`INDEX_PATH`).

Only that view is reachable: the resolver looks a request's path up in a table built here
(never joining request text to a folder), so an older version, an install record, a blob no
shared manifest names, or anything of the learners' records is not there to be asked for.
Manifests and signatures are held in memory (1 MiB at most each) so they always agree with the
catalog; blobs are served from the store, and one removed meanwhile (the course was updated or
removed while sharing) is a 404, which the other side's download reports as missing.

Unverified (unsigned) courses are not shared, by default: every Cartable refuses a course that
is not signed by a trusted key when it comes from a catalog, so listing one would only offer a
download that fails; and a share reaches anyone on the network, where an unsigned course is
meant to pass from hand to hand, after a warning (`cartable export`, then `cartable import
--allow-unsigned`). They are listed in `not_shared` with that reason. `include_unverified`
shares them anyway, marked `"signed": false`, for when the other side accepts them.
"""

from __future__ import annotations

import enum
import hashlib
import html
import ipaddress
import socket
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from player.course.catalog_file import CATALOG_FILE, catalog_bytes, catalog_entry
from player.course.errors import PackageError
from player.course.manifest import MAX_MANIFEST_BYTES, load_installed_manifest
from player.course.package import manifest_path
from player.library.library import InstalledCourse, Library
from sync.repository import RepositoryPathError, blob_relative
from sync.share_server import Served, SharedFile, request_path

JSON = "application/json"
HTML = "text/html; charset=utf-8"
INDEX_PATH = ""
"""The root, `/`: the page a browser shows (not a file of the repository)."""


class LeftOutKind(enum.StrEnum):
    """Why a course is left out, for a view to say in its language (`reason` has the details)."""

    UNVERIFIED = "unverified"
    """Not signed by a trusted key: the other laptops would refuse it from a catalog."""
    DAMAGED = "damaged"
    """Some of its files are missing or damaged here."""
    UNREADABLE = "unreadable"
    """Its manifest or signature here cannot be read or is not the installed version's."""


@dataclass(frozen=True)
class NotShared:
    """An installed course left out of the share, and why (one line, for the teacher)."""

    course_id: str
    version: str
    title: str
    reason: str
    kind: LeftOutKind = LeftOutKind.UNREADABLE


@dataclass(frozen=True)
class LibraryShare:
    """What a share serves: built once from the library (`share_library`), then read-only, so
    the server's threads may resolve concurrently."""

    catalog: bytes
    """The `catalog.json` bytes."""
    courses: tuple[InstalledCourse, ...]
    """The courses shared (their current version)."""
    not_shared: tuple[NotShared, ...]
    files: Mapping[str, SharedFile] = field(repr=False)
    """Every reachable path (relative to the root) and what is served there."""

    def resolve(self, path: str) -> SharedFile | None:
        """What is served at `path` (relative to the root, decoded), or None: an exact lookup."""
        return self.files.get(path)


def share_library(
    library: Library, *, title: str | None = None, include_unverified: bool = False
) -> LibraryShare:
    """The repository view of the current version of every installed course that can be shared;
    `title` names the catalog on the other laptops (this computer's name, say)."""
    files: dict[str, SharedFile] = {}
    entries = []
    shared: list[InstalledCourse] = []
    left_out: list[NotShared] = []
    for item in library.installed():
        if not item.verified and not include_unverified:
            left_out.append(_not_shared(item, _UNVERIFIED, LeftOutKind.UNVERIFIED))
            continue
        try:
            course_files, entry = _course_files(library, item)
        except _LeftOut as exc:
            left_out.append(_not_shared(item, str(exc), exc.kind))
            continue
        files.update(course_files)
        entries.append(entry)
        shared.append(item)
    catalog = catalog_bytes(entries, title)
    files[CATALOG_FILE] = _in_memory(catalog)
    files[INDEX_PATH] = _in_memory(index_page(shared, title), HTML)
    return LibraryShare(catalog, tuple(shared), tuple(left_out), MappingProxyType(files))


_UNVERIFIED = (
    "unverified (not signed by a trusted publisher): other laptops refuse such a course from a "
    "catalog; give it as a file instead (cartable export)"
)


def computer_name() -> str:
    """The catalog's title on the other laptops: this computer's name, in no language."""
    return socket.gethostname().split(".")[0] or "Cartable"


class _LeftOut(Exception):
    """A course that cannot be shared as it is on this disk (one line: why)."""

    def __init__(self, reason: str, kind: LeftOutKind = LeftOutKind.UNREADABLE) -> None:
        super().__init__(reason)
        self.kind = kind


def _course_files(
    library: Library, item: InstalledCourse
) -> tuple[dict[str, SharedFile], dict[str, Any]]:
    """The paths one course adds to the share, and its catalog entry; raises _LeftOut."""
    manifest_file = item.folder / "course.json"
    signature_file = item.folder / "course.json.sig"
    try:
        with manifest_file.open("rb") as handle:
            manifest = handle.read(MAX_MANIFEST_BYTES + 1)
        signature = signature_file.read_bytes() if signature_file.is_file() else None
        # These bytes, not the course loaded earlier: the catalog must describe what is served.
        course = load_installed_manifest(manifest, str(manifest_file))
    except OSError as exc:
        raise _LeftOut(f"cannot read {exc.filename}: {exc.strerror or exc}") from None
    except PackageError as exc:
        raise _LeftOut(str(exc).splitlines()[0]) from None
    if (course.id, course.version) != (item.id, item.version):
        raise _LeftOut(f"{manifest_file} is not {item.id} {item.version}")
    if item.verified and signature is None:
        raise _LeftOut(f"{signature_file} is missing")
    relative = manifest_path(course.id, course.version)
    found = {relative: _in_memory(manifest)}
    if signature is not None:
        found[relative + ".sig"] = _in_memory(signature)
    missing = 0
    for sha256, ref in course.files().items():
        try:
            path = blob_relative(sha256)
        except RepositoryPathError as exc:
            raise _LeftOut(str(exc)) from None
        if not library.blobs.has(ref):
            missing += 1
            continue
        found[path] = SharedFile(sha256, ref.size, path=library.blob_path(sha256))
    if missing:
        raise _LeftOut(
            f"{missing} of its files are missing or damaged here "
            f"(cartable courses check {course.id})",
            LeftOutKind.DAMAGED,
        )
    return found, catalog_entry(course, manifest, signed=signature is not None)


def index_page(courses: Sequence[InstalledCourse], title: str | None = None) -> bytes:
    """The page at the root, for a browser: what this address is, in English and in French
    (whoever opens it may read either; no Qt here, so both are written out)."""
    count = len(courses)
    english = "1 course" if count == 1 else f"{count} courses"
    french = f"{count} cours"
    name = f" ({html.escape(title)})" if title else ""
    items = "".join(
        f"<li>{html.escape(c.course.title)} ({html.escape(c.version)})</li>" for c in courses
    )
    listing = f"<ul>{items}</ul>\n" if items else ""
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Cartable course share</title></head>
<body>
<section lang="en">
<h1>Cartable course share{name}</h1>
<p>This computer shares {english} with the other computers of this network.
It works: there is nothing to see here in a browser.</p>
<p>To download the courses, add this address as a catalog in Cartable
(Course &rarr; Settings&hellip; &rarr; Catalogs), then download them from
Course &rarr; Course catalog&hellip; (Ctrl+K).</p>
</section>
<section lang="fr">
<h1>Partage de cours Cartable{name}</h1>
<p>Cet ordinateur partage {french} avec les autres ordinateurs de ce r&eacute;seau.
Il fonctionne&nbsp;: il n&rsquo;y a rien &agrave; voir ici dans un navigateur.</p>
<p>Pour t&eacute;l&eacute;charger les cours, ajoutez cette adresse comme catalogue dans Cartable
(Cours &rarr; R&eacute;glages&hellip; &rarr; Catalogues), puis t&eacute;l&eacute;chargez-les depuis
Cours &rarr; Catalogue de cours&hellip; (Ctrl+K).</p>
</section>
{listing}</body></html>
"""
    return page.encode("utf-8")


MAX_COMPUTERS = 1000
"""The computers a share counts, at most: a host spraying addresses (an IPv6 /64 has plenty)
would grow the set without end; past it, the count says "1000+"."""


def list_read(served: Served) -> bool:
    """The list of courses read: a GET of catalog.json answered 200, or 304 (unchanged since
    that computer last read it)."""
    return (
        served.method == "GET"
        and served.status in (200, 304)
        and request_path(served.path) == CATALOG_FILE
    )


def file_sent(served: Served) -> bool:
    """A course file or manifest answered, whole or in part: not the list, nor the page at the
    root, nor a refusal (a browser's favicon is a 404)."""
    path = request_path(served.path)
    return (
        served.method == "GET"
        and served.status in (200, 206)
        and path is not None
        and path not in (CATALOG_FILE, INDEX_PATH)
    )


def uses_the_share(served: Served) -> bool:
    """What makes a computer count: it read the list, or got a course file. Any other request
    (a browser's page and favicon, a port scan, a HEAD) says nothing of a Cartable using it."""
    return list_read(served) or file_sent(served)


class Computers:
    """Addresses counted once each, first first, at most `cap` (`more`: another came past it).
    Not locked: the share's tally and `cartable share`'s log hold their own lock."""

    def __init__(self, cap: int = MAX_COMPUTERS) -> None:
        self.cap = cap
        self._seen: dict[str, None] = {}  # `in` at once, not a scan of a list
        self.more = False

    def add(self, client: str) -> bool:
        """Whether `client` is newly counted."""
        if client in self._seen:
            return False
        if len(self._seen) >= self.cap:
            self.more = True
            return False
        self._seen[client] = None
        return True

    def __len__(self) -> int:
        return len(self._seen)

    def addresses(self) -> tuple[str, ...]:
        return tuple(self._seen)


def served_elsewhere(served: Served, own: Collection[str]) -> bool:
    """`served` went to another computer: not to this one, by loopback, by one of its `own`
    addresses (those printed), nor by any other of its addresses (`Served.local`: a VPN's, a
    container bridge's). What this computer gets from its own share is no computer's, nor a
    file sent ("1 file sent (35.2 MB) to 0 computers", r3)."""
    return not served.local and another_computer(served.client, own)


def another_computer(client: str, own: Collection[str]) -> bool:
    """`client`, an address the server saw, is neither loopback (an IPv4 one mapped into IPv6,
    ::ffff:127.0.0.1, included) nor one of this computer's `own` addresses."""
    address = _address(client)
    if address is None:  # not an address: as it is
        return client not in own
    return not address.is_loopback and all(_address(host) != address for host in own)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """`text` as an address (an IPv4 one mapped into IPv6 unwrapped, a URL's brackets and an
    IPv6 zone left out); None for a name."""
    try:
        address = ipaddress.ip_address(text.strip("[]").split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _in_memory(data: bytes, media_type: str = JSON) -> SharedFile:
    return SharedFile(hashlib.sha256(data).hexdigest(), len(data), media_type, data=data)


def _not_shared(item: InstalledCourse, reason: str, kind: LeftOutKind) -> NotShared:
    return NotShared(item.id, item.version, item.course.title, reason, kind)
