"""Opening a course package and verifying all of it before anything is used.

The same checks apply whatever carries the bytes: a repository folder (a web server's copy, a USB
stick) or a `.cartable` archive. Order: locate the manifest, check its exact bytes against the
signature and the trusted keys, parse and validate it, then hash every blob it names. Anything
wrong raises a `PackageError` that names the file and says why.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Callable, Collection, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from player.course.archive import ARCHIVE_SUFFIX, Archive
from player.course.errors import NotSigned, PackageError
from player.course.manifest import MAX_MANIFEST_BYTES, Course, FileRef, parse_manifest, version_key
from player.course.signing import MAX_SIGNATURE_BYTES, PublicKey, parse_signature, verify

CHUNK = 1024 * 1024
_COURSE_PATH = re.compile(r"^courses/([a-z0-9][a-z0-9._-]{0,63})/([0-9][0-9.]{0,40})/course\.json$")


def manifest_path(course_id: str, version: str) -> str:
    return f"courses/{course_id}/{version}/course.json"


class Source(Protocol):
    """Read access to a repository tree, wherever it lives."""

    name: str

    def course_keys(self) -> list[tuple[str, str]]: ...

    def read(self, relative: str, limit: int) -> bytes | None: ...

    def blob_size(self, sha256: str) -> int | None: ...

    def hash_blob(self, ref: FileRef, sink: Callable[[bytes], None] | None = None) -> str: ...


class FolderSource:
    """A repository folder: a web server's document root, a shared drive, a USB stick."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.name = str(root)

    def course_keys(self) -> list[tuple[str, str]]:
        keys = []
        courses = self.root / "courses"
        if not courses.is_dir():
            return []
        for course_dir in sorted(courses.iterdir()):
            if not course_dir.is_dir():
                continue
            for version_dir in sorted(course_dir.iterdir()):
                relative = manifest_path(course_dir.name, version_dir.name)
                if _COURSE_PATH.match(relative) and (self.root / relative).is_file():
                    keys.append((course_dir.name, version_dir.name))
        return keys

    def _regular(self, relative: str, where: str | None = None) -> Path | None:
        """`relative` under the root when it is a regular file, None when it is not there;
        refused as `where` (default `relative`) when it is something else or unreadable."""
        path = self.root / relative
        where = where or relative
        try:
            info = os.lstat(path)
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise PackageError(where, f"cannot read ({exc.strerror})") from None
        if stat.S_ISLNK(info.st_mode):
            raise PackageError(where, "is a symbolic link")
        if not stat.S_ISREG(info.st_mode):
            raise PackageError(where, "is not a regular file")
        return path

    def read(self, relative: str, limit: int) -> bytes | None:
        path = self._regular(relative)
        if path is None:
            return None
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise PackageError(relative, f"over the {limit}-byte limit")
        return data

    def blob_size(self, sha256: str) -> int | None:
        path = self._regular(FileRef(sha256, 0, "").blob_path)
        return None if path is None else path.stat().st_size

    def hash_blob(self, ref: FileRef, sink: Callable[[bytes], None] | None = None) -> str:
        """The blob's sha256 (its bytes to `sink` too); a refusal names the folder, as an
        import's other refusals do (which stick of several is missing the file?)."""
        where = f"{self.name}: {ref.blob_path}"
        path = self._regular(ref.blob_path, where)
        if path is None:
            raise PackageError(where, "missing blob")
        digest = hashlib.sha256()
        buffer = bytearray(CHUNK)
        view = memoryview(buffer)
        with open(path, "rb", buffering=0) as handle:
            while True:
                count = handle.readinto(buffer)
                if not count:
                    break
                digest.update(view[:count])
                if sink:
                    sink(bytes(view[:count]))
        return digest.hexdigest()


class ArchiveSource:
    """A `.cartable` archive (already checked for hostile entries when opened)."""

    def __init__(self, archive: Archive) -> None:
        self.archive = archive
        self.name = archive.name

    def course_keys(self) -> list[tuple[str, str]]:
        return sorted(
            (m.group(1), m.group(2))
            for m in (_COURSE_PATH.match(n) for n in self.archive.names())
            if m
        )

    def read(self, relative: str, limit: int) -> bytes | None:
        return self.archive.read(relative, limit)

    def blob_size(self, sha256: str) -> int | None:
        return self.archive.size_of(FileRef(sha256, 0, "").blob_path)

    def hash_blob(self, ref: FileRef, sink: Callable[[bytes], None] | None = None) -> str:
        name = ref.blob_path
        size = self.archive.size_of(name)
        if size is None:
            raise PackageError(f"{self.name}: {name}", "missing blob")
        digest = hashlib.sha256()
        done = 0
        while done < size:
            chunk = self.archive.pread(name, min(CHUNK, size - done), done)
            if not chunk:
                raise PackageError(f"{self.name}: {name}", "truncated")
            digest.update(chunk)
            if sink:
                sink(chunk)
            done += len(chunk)
        return digest.hexdigest()


@dataclass(frozen=True)
class OpenedCourse:
    """A manifest whose bytes passed the signature and schema checks (blobs not yet hashed)."""

    course: Course
    manifest_bytes: bytes
    signature_bytes: bytes | None
    signer: PublicKey | None  # None: unsigned (a teacher's archive, after a warning)
    source: str

    @property
    def verified(self) -> bool:
        return self.signer is not None


def open_course(
    source: Source,
    course_id: str,
    version: str,
    trusted: list[PublicKey],
    *,
    allow_unsigned: bool = False,
    scoped: Mapping[str, str] | None = None,
    earlier: Collection[str] = (),
) -> OpenedCourse:
    relative = manifest_path(course_id, version)
    where = f"{source.name}: {relative}" if isinstance(source, ArchiveSource) else relative
    data = source.read(relative, MAX_MANIFEST_BYTES + 1)
    if data is None:
        raise PackageError(where, "missing manifest")
    signature_bytes = source.read(relative + ".sig", MAX_SIGNATURE_BYTES)
    return check_manifest(
        data,
        signature_bytes,
        course_id,
        version,
        trusted,
        allow_unsigned=allow_unsigned,
        where=where,
        source_name=source.name,
        scoped=scoped,
        earlier=earlier,
    )


def check_manifest(
    data: bytes,
    signature_bytes: bytes | None,
    course_id: str,
    version: str,
    trusted: list[PublicKey],
    *,
    allow_unsigned: bool = False,
    where: str = "course.json",
    source_name: str = "",
    scoped: Mapping[str, str] | None = None,
    earlier: Collection[str] = (),
) -> OpenedCourse:
    """A manifest and its signature already read (a catalog's download): signed by a trusted
    key (or allowed unsigned), valid, and the course it says it is. `scoped`, `earlier`:
    `verify`'s."""
    if len(data) > MAX_MANIFEST_BYTES:  # before any work on it, the signature included
        raise PackageError(where, f"manifest is {len(data)} bytes, over the 1 MiB limit")
    if signature_bytes is not None and len(signature_bytes) > MAX_SIGNATURE_BYTES:
        raise PackageError(where + ".sig", f"over the {MAX_SIGNATURE_BYTES}-byte limit")
    signer = None
    if signature_bytes is not None:
        signature = parse_signature(signature_bytes, where + ".sig")
        signer = verify(data, signature, trusted, where + ".sig", scoped, earlier)
    elif not allow_unsigned:
        raise NotSigned(where, "not signed (course.json.sig is missing)")
    course = parse_manifest(data, where)
    if (course.id, course.version) != (course_id, version):
        raise PackageError(
            where,
            f"manifest says {course.id} {course.version} but lies at {course_id}/{version}",
        )
    return OpenedCourse(course, data, signature_bytes, signer, source_name)


class BlobHashes:
    """What each blob of one source hashes to, computed once for all the courses naming it: a
    repository keeps every version of a course, and most files do not change from one to the
    next, so verifying its versions one by one read the shared blobs once per version.

    Only the hash is kept (a future: it may be under way), never a verdict: each course compares
    it with the sha256 it names, so a damaged shared blob is reported for every course naming it.
    """

    def __init__(self, source: Source) -> None:
        self.source = source
        self._hashes: dict[str, Future[str]] = {}

    def __contains__(self, sha256: str) -> bool:
        return sha256 in self._hashes

    def start(self, pool: ThreadPoolExecutor, ref: FileRef) -> Future[str]:
        """The hash of `ref`'s blob: the one already done or under way, else started in `pool`."""
        future = self._hashes.get(ref.sha256)
        if future is None:
            future = self._hashes[ref.sha256] = pool.submit(self.source.hash_blob, ref)
        return future

    def cancel_pending(self) -> None:
        """Cancel the hashes not yet started (their course was refused); another course naming
        those blobs starts them again."""
        for sha256, future in list(self._hashes.items()):
            if future.cancel():
                del self._hashes[sha256]


def verify_blobs(
    source: Source,
    course: Course,
    *,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    hashes: BlobHashes | None = None,
) -> None:
    """Hash every blob of the course; raise on the first missing, short or altered one.

    Hashing is the bound, and hashlib releases the GIL: one thread per core. `hashes` holds the
    blobs of `source` hashed already or under way (see `verify_course`, `_verify_courses`).
    """
    if hashes is None:
        hashes = BlobHashes(source)
    assert hashes.source is source, "a BlobHashes serves the one source it hashes"
    refs = sorted(course.files().values(), key=lambda r: -r.size)
    for ref in refs:
        size = source.blob_size(ref.sha256)
        if size is None:
            raise PackageError(_blob_where(source, ref), "missing blob")
        if size != ref.size:
            raise PackageError(
                _blob_where(source, ref), f"is {size} bytes, the manifest says {ref.size}"
            )
    with ThreadPoolExecutor(max_workers=workers or _workers()) as pool:
        pending = [(ref, hashes.start(pool, ref)) for ref in refs]
        for ref, future in pending:
            if future.result() != ref.sha256:
                raise PackageError(_blob_where(source, ref), "content does not match its sha256")
            if progress:
                progress(ref.size)


def _workers() -> int:
    return min(4, os.cpu_count() or 1)


_SHA_IN_MANIFEST = re.compile(rb'"sha256"\s*:\s*"([0-9a-f]{64})"')


def verify_course(
    source: Source,
    course_id: str,
    version: str,
    trusted: list[PublicKey],
    *,
    allow_unsigned: bool = False,
    hashes: BlobHashes | None = None,
) -> OpenedCourse:
    """One course of `source`, completely. Verifying several courses of one source each on its
    own (one's problem does not stop the others), pass them one `hashes`: each blob they share
    is read once."""
    keys = [(course_id, version)]
    return _verify_courses(source, keys, trusted, allow_unsigned, None, hashes=hashes)[0]


def _verify_courses(
    source: Source,
    keys: list[tuple[str, str]],
    trusted: list[PublicKey],
    allow_unsigned: bool,
    progress: Callable[[int], None] | None,
    before_blobs: Callable[[list[OpenedCourse]], None] | None = None,
    hashes: BlobHashes | None = None,
) -> list[OpenedCourse]:
    """Open and verify courses, hashing their blobs while the manifests are being checked.

    Checking a manifest (signature, schema) costs about as much as hashing 100 MB; the blobs a
    manifest names are read-only work that cannot do harm, so both run at once. Nothing hashed
    early is trusted until the checked manifest names it with that hash.
    """
    if hashes is None:
        hashes = BlobHashes(source)
    with ThreadPoolExecutor(max_workers=_workers()) as pool:
        try:
            for course_id, version in keys:
                data = source.read(manifest_path(course_id, version), MAX_MANIFEST_BYTES) or b""
                for match in _SHA_IN_MANIFEST.finditer(data):
                    sha256 = match.group(1).decode("ascii")
                    if sha256 not in hashes and source.blob_size(sha256) is not None:
                        hashes.start(pool, FileRef(sha256, 0, ""))
            opened = [
                open_course(source, cid, ver, trusted, allow_unsigned=allow_unsigned)
                for cid, ver in keys
            ]
            if before_blobs:
                before_blobs(opened)
            for item in opened:
                verify_blobs(source, item.course, progress=progress, hashes=hashes)
            return opened
        except BaseException:
            hashes.cancel_pending()
            raise


def _blob_where(source: Source, ref: FileRef) -> str:
    if isinstance(source, ArchiveSource):
        return f"{source.name}: {ref.blob_path}"
    return ref.blob_path


def latest_versions(keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
    best: dict[str, str] = {}
    for course_id, version in keys:
        if course_id not in best or version_key(version) > version_key(best[course_id]):
            best[course_id] = version
    return sorted(best.items())


@dataclass(frozen=True)
class VerifiedPackage:
    """Every course found at a path, each fully verified."""

    path: Path
    courses: tuple[OpenedCourse, ...]


def check_archive_accounting(archive: Archive, courses: list[OpenedCourse]) -> None:
    """An archive holds exactly its courses: no stray blob or file rides along unverified."""
    expected = {"catalog.json"}
    for opened in courses:
        relative = manifest_path(opened.course.id, opened.course.version)
        expected.add(relative)
        if opened.signature_bytes is not None:
            expected.add(relative + ".sig")
        expected.update(ref.blob_path for ref in opened.course.files().values())
    for name in archive.names():
        if name not in expected:
            raise PackageError(archive.name, f"entry {name!r} is not accounted for by a manifest")


def iter_course_dirs(path: Path) -> Iterator[tuple[Path, str, str]]:
    """Treat `path` as `courses/<id>/<version>` inside a repository, if it is one."""
    if (path / "course.json").is_file() and path.parent.parent.name == "courses":
        yield path.parent.parent.parent, path.parent.name, path.name


def _not_verifiable(path: Path) -> str:
    """Why `path`, neither a file nor a folder, cannot be verified: a FIFO or a device was said
    as "no such file or folder" (review s17 #4)."""
    if os.path.exists(path):  # through symlinks
        return "not a regular file (a pipe or a device): give a repository, a course or an archive"
    if os.path.lexists(path):
        return "a link to nothing: no such file or folder"
    return "no such file or folder"


def verify_path(
    path: Path,
    trusted: list[PublicKey],
    *,
    allow_unsigned: bool = False,
    progress: Callable[[int], None] | None = None,
) -> VerifiedPackage:
    """Verify a repository, one course folder of a repository, or an archive, completely."""
    if path.is_file() or path.suffix == ARCHIVE_SUFFIX:
        with Archive(path) as archive:
            source = ArchiveSource(archive)
            keys = source.course_keys()
            if not keys:
                raise PackageError(archive.name, "holds no course (no courses/<id>/<version>/)")
            opened = _verify_courses(
                source,
                keys,
                trusted,
                allow_unsigned,
                progress,
                before_blobs=lambda found: check_archive_accounting(archive, found),
            )
            return VerifiedPackage(path, tuple(opened))
    if not path.is_dir():
        raise PackageError(str(path), _not_verifiable(path))
    single = list(iter_course_dirs(path))
    if single:
        root, cid, ver = single[0]
        keys = [(cid, ver)]
    else:
        root = path
        keys = FolderSource(root).course_keys()
        if not keys:
            raise PackageError(
                str(path), "not a repository (no courses/<id>/<version>/course.json)"
            )
    opened = _verify_courses(FolderSource(root), keys, trusted, allow_unsigned, progress)
    return VerifiedPackage(path, tuple(opened))
