"""Installed courses on this device.

`<data>/courses/<id>/<version>/` holds a version's exact manifest bytes, its signature and
`install.json` (verified or not, by which key, from where, when: a verified course is only
replaced by a copy signed by that key); `<data>/courses/<id>/current` names the folder in use.
Installing copies and verifies every missing blob first, writes the version folder under a
temporary name, renames it, and switches `current` last: a course appears, or moves to a new
version, all at once or not at all. The same version installed again goes into a folder of its
own, `<version>+<random>`, for the same reason: the one in use is removed only once `current`
names the new one, so a crash in between leaves the course as it was, key and all. The check of
what an install may replace and the switch hold a lock per course (`<data>/courses/.locks/`),
shared by every process and thread: two installs of one course never both pass the check.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import shutil
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from player.course.errors import CourseError, NotSigned, PackageError, one_line
from player.course.manifest import (
    VERSION_PATTERN,
    Course,
    is_course_id,
    load_installed_manifest,
    version_key,
)
from player.library.blobstore import BlobStore
from player.library.trust import TrustStore
from sync.durable import STDOUT, open_output, write_atomic
from sync.interprocess import ProcessLock, collection_lock_path, held

if TYPE_CHECKING:
    from player.course.package import OpenedCourse, Source

# Reading the library (every start) needs only the manifests; the package, archive and signature
# code loads when something is installed or exported.

log = logging.getLogger(__name__)

T = TypeVar("T")

INSTALLING = ".installing"
"""Under the courses folder: a note per install under way naming the files it counts on."""

LOCKS = ".locks"
"""Under the courses folder: one lock file per course, held to check and switch an install."""

COURSE_LOCK_WAIT = 60.0
"""How long an install's switch or a removal waits for the course's lock by default. The lock is
held only for a switch or a removal (seconds on a slow disk), so a longer wait means another
Cartable is stuck or busy for good; a person at a terminal is given a shorter one."""

_FOLDER = re.compile(r"^(?P<version>[0-9.]+)(\+[0-9a-f]{16})?$")
"""A version folder's name: the version, then for the same version installed again a random
part (`1.2.0+9f86d081884c7d65`)."""

Progress = Callable[[int, int], None]  # bytes done, bytes total


class OlderVersion(PackageError):
    """An import would put an older version in place of the installed one (`allow_downgrade`)."""


class UnverifiedOverVerified(PackageError):
    """A copy not signed by a trusted key of a course whose installed version is: it never
    replaces that version (anyone can make a course with the same id), whatever its own version
    (newer, the same again, older) and whatever the learner accepted. `title` and
    `installed_version` name what is kept, for the learner's words."""

    def __init__(self, course_id: str, version: str, installed_version: str, title: str) -> None:
        self.course_id = course_id
        self.installed_version = installed_version
        self.title = title
        super().__init__(
            f"{course_id}@{version}",
            f"not signed, and the installed version {installed_version} is signed by a trusted "
            "key: the installed version is kept",
        )


class OtherSigner(PackageError):
    """A copy signed by a trusted key of a course whose installed version another key signed:
    it never replaces that version. Every trusted key may sign a new course, but a course stays
    with the key that signed it (the institution's, or one the learner added for a teacher),
    so a key trusted for one publisher's courses cannot take over another's. `title`,
    `installed_version` and both key ids name what is kept and what was refused."""

    def __init__(
        self,
        opened: OpenedCourse,
        installed_version: str,
        title: str,
        installed_key: str,
        installed_publisher: str,
    ) -> None:
        course = opened.course
        assert opened.signer is not None
        self.course_id = course.id
        self.installed_version = installed_version
        self.title = title
        self.key = opened.signer.key_id
        self.installed_key = installed_key
        publisher = course.publisher.name if course.publisher else ""
        super().__init__(
            course.key,
            f"signed by key {_named(self.key, publisher)}, but the installed version "
            f"{installed_version} is signed by key {_named(installed_key, installed_publisher)}: "
            "only a copy signed by the same key replaces it; the installed version is kept",
        )


def _named(key_id: str, publisher: str) -> str:
    return f"{key_id} ({publisher})" if publisher else key_id


@dataclass(frozen=True)
class Refusal:
    """One course of an import that was not installed, and why (`error`: a CourseError or an
    OSError, LockBusy included)."""

    course_id: str
    version: str
    title: str
    error: BaseException

    @property
    def line(self) -> str:
        """`maths 1.2.0: not installed: <why>`, one line."""
        return one_line(f"{self.course_id} {self.version}: not installed: {self.error}")


class CoursesRefused(PackageError):
    """Courses of an import of several (an archive, a folder) that were refused each on its own
    once the checks of the whole import had passed: a damaged or missing file, a disk that could
    not store it, another Cartable holding its lock. Each of `installed` went in whole, each of
    `refused` not at all; `lines()` says so one line per course."""

    def __init__(
        self, source: str, installed: list[InstalledCourse], refused: list[Refusal]
    ) -> None:
        self.installed = installed
        self.refused = refused
        super().__init__(source, "; ".join(self.lines()))

    def lines(self) -> list[str]:
        done = [f"{item.id} {item.version}: installed" for item in self.installed]
        return done + [refusal.line for refusal in self.refused]


def _install_record(meta: object) -> tuple[bool, str | None, str, float]:
    """`install.json`'s verified, signer, source and installed_at. ValueError or TypeError when
    it is JSON of another shape: damaged like a torn file, so the course's kept signature, not a
    signer of the wrong type, says which key verified it (`installed_key`)."""
    if not isinstance(meta, dict) or not isinstance(meta.get("signer"), str | None):
        raise ValueError("not an install record")
    return (
        bool(meta.get("verified")),
        meta.get("signer"),
        str(meta.get("source", "")),
        float(meta.get("installed_at", 0)),
    )


class _NeedsUnknown(Exception):
    """What the blob store must keep cannot be known for sure (one line: why)."""


@dataclass(frozen=True)
class GarbageCollection:
    """What a clean-up of the blob store did: a learner on a small disk needs to know when
    space was not reclaimed, and why (the file to fix or remove)."""

    freed: int
    """Bytes removed."""
    skipped: str | None = None
    """Why nothing was removed (one line), None when the collection ran."""


@dataclass(frozen=True)
class InstalledCourse:
    course: Course
    verified: bool  # signed by a trusted key when installed
    signer: str | None  # key id
    source: str  # where it came from (catalog URL, archive name, folder)
    installed_at: float
    folder: Path

    @property
    def id(self) -> str:
        return self.course.id

    @property
    def version(self) -> str:
        return self.course.version


class Library:
    lock_wait: float = COURSE_LOCK_WAIT
    """How long an install's switch or a removal waits for a course's lock, unless told."""

    def __init__(
        self,
        courses_dir: Path,
        blobs: BlobStore,
        trust: TrustStore,
        *,
        records: Path | None = None,
    ) -> None:
        """`records` is the records database: the download engine's tables there name the files
        of every recorded download, which garbage collection spares whoever runs it (an import
        or a removal builds no download engine)."""
        self.dir = courses_dir
        self.blobs = blobs
        self.trust = trust
        self.records = records
        self._cache: dict[tuple[str, str], InstalledCourse] = {}
        self.last_collection: GarbageCollection | None = None
        """The latest garbage collection (an install, an update or a removal runs one)."""

    # Reading

    def installed(self) -> list[InstalledCourse]:
        found = []
        if not self.dir.is_dir():
            return []
        for course_dir in sorted(self.dir.iterdir()):
            current = self._current_folder(course_dir)
            if current is None:
                continue
            item = self._load(course_dir.name, current)
            if item is not None:
                found.append(item)
        return found

    def get(self, course_id: str) -> InstalledCourse | None:
        if not is_course_id(course_id):  # `..` would name a folder above the courses
            return None
        name = self._current_folder(self.dir / course_id)
        return None if name is None else self._load(course_id, name)

    def _current_folder(self, course_dir: Path) -> str | None:
        name = _pointer(course_dir)
        return name if name and (course_dir / name / "course.json").is_file() else None

    def _load(self, course_id: str, name: str) -> InstalledCourse | None:
        """The install in folder `name` of `course_id` (cached: a new install gets a new key)."""
        key = (course_id, name)
        if key in self._cache:
            return self._cache[key]
        folder = self.dir / course_id / name
        try:
            data = (folder / "course.json").read_bytes()
            meta = json.loads((folder / "install.json").read_text(encoding="utf-8"))
            course = load_installed_manifest(data, str(folder / "course.json"))
            item = InstalledCourse(course, *_install_record(meta), folder)
        except (OSError, ValueError, TypeError, RecursionError, PackageError):
            return None  # shown by `repair`; a damaged course never takes the library down
        self._cache[key] = item
        return item

    def blob_path(self, sha256: str) -> Path:
        return self.blobs.path(sha256)

    def size_on_disk(self, course: Course) -> int:
        """An installed course holds every one of its files (install checks it; `damaged_files`
        finds what went missing since), so no file is looked at: the library paints fifty cards
        without fifty directory walks."""
        return course.size

    # Installing

    def open(
        self, source: Source, course_id: str, version: str, *, allow_unsigned: bool
    ) -> OpenedCourse:
        from player.course.package import open_course

        return open_course(
            source,
            course_id,
            version,
            self.trust.public_keys(course_id),
            allow_unsigned=allow_unsigned,
        )

    def _open_to_install(
        self, source: Source, course_id: str, version: str, *, allow_unsigned: bool
    ) -> OpenedCourse:
        """`open` for an import: a copy without a signature of a course installed verified is
        refused as such, not as unsigned, which the learner's consent would lift (only for
        this refusal to come after it)."""
        try:
            return self.open(source, course_id, version, allow_unsigned=allow_unsigned)
        except NotSigned:
            self.refuse_unverified(course_id, version)
            raise

    def check_manifest(
        self, manifest: bytes, signature: bytes | None, course_id: str, version: str, source: str
    ) -> OpenedCourse:
        """A manifest fetched on its own (a catalog's download), checked as `open` checks one;
        signed by a key trusted for this course, always."""
        from player.course.package import check_manifest, manifest_path

        return check_manifest(
            manifest,
            signature,
            course_id,
            version,
            self.trust.public_keys(course_id),
            where=manifest_path(course_id, version),
            source_name=source,
        )

    def signed_install(self, course_id: str) -> tuple[str, str] | None:
        """The version and title of the installed version of `course_id` when a trusted key
        signed it: only a copy signed by a trusted key may replace it (anyone can make a course
        with the same id). Its install record says so; when that record cannot be read (the
        course is then missing from the library until repaired), its signature file does (an
        install keeps one only when verified), and the title is the course id."""
        installed = self.get(course_id)
        if installed is not None:
            return (installed.version, installed.course.title) if installed.verified else None
        course_dir = self.dir / course_id
        name = _pointer(course_dir) or ""
        version = _version_of(name)
        if version is not None and (course_dir / name / "course.json.sig").is_file():
            return version, course_id
        return None

    def refuse_unverified(self, course_id: str, version: str) -> None:
        """Raise UnverifiedOverVerified when an unverified copy of `course_id` (at `version`)
        would replace a verified installed version."""
        kept = self.signed_install(course_id)
        if kept is not None:
            raise UnverifiedOverVerified(course_id, version, *kept)

    def installed_key(self, course_id: str) -> str | None:
        """The key id that verified the installed version of `course_id`: its install record's,
        or the one its kept signature names (an install keeps one only when verified). None:
        not installed verified, or the key is not known (an install record without it: then any
        trusted key may replace it, once, and the new record names that key)."""
        installed = self.get(course_id)
        if installed is not None:
            if not installed.verified:
                return None
            if installed.signer:
                return installed.signer
            folder = installed.folder
        else:
            if self.signed_install(course_id) is None:
                return None
            folder = self.dir / course_id / (_pointer(self.dir / course_id) or "")
        from player.course.signing import MAX_SIGNATURE_BYTES, signer_of

        try:
            with open(folder / "course.json.sig", "rb") as handle:
                return signer_of(handle.read(MAX_SIGNATURE_BYTES + 1))
        except OSError:
            return None

    def other_signer(self, course_id: str, key_id: str) -> str | None:
        """The key that signed the verified installed version of `course_id` when a copy signed
        by `key_id` (a trusted key) may not replace it; None when it may. The one rule of
        `refuse_other_signer`, also read by a catalog that knows an update's signer before any
        download."""
        if self.signed_install(course_id) is None:
            return None
        key = self.installed_key(course_id)
        if key is None or key == key_id:
            return None
        if {key, key_id} <= self._branding_keys():
            return None  # the institution's new key: its installer vouches for both
        return key

    def refuse_other_signer(self, opened: OpenedCourse) -> None:
        """Raise OtherSigner when `opened` (signed by a trusted key) would replace a verified
        installed version that another key signed."""
        course = opened.course
        if opened.signer is None:
            return
        key = self.other_signer(course.id, opened.signer.key_id)
        if key is None:
            return
        kept = self.signed_install(course.id)  # other_signer found one: read again only here
        assert kept is not None
        installed = self.get(course.id)
        publisher = installed.course.publisher if installed is not None else None
        raise OtherSigner(opened, *kept, key, publisher.name if publisher else "")

    def _branding_keys(self) -> set[str]:
        """The keys built into the institution's installer: an institution that changes its
        signing key ships the old and the new one, and its courses go from one to the other."""
        return {k.key_id for k in self.trust.trusted() if k.origin == "branding"}

    def check_replaces(self, opened: OpenedCourse, *, allow_downgrade: bool = False) -> None:
        """Refuse what an install would lose unasked: a verified course, which only a copy
        signed by the same key replaces (`refuse_unverified`, `refuse_other_signer`), and a
        newer installed version (its files go with it) unless a downgrade is asked."""
        course = opened.course
        if not opened.verified:
            self.refuse_unverified(course.id, course.version)
        else:
            self.refuse_other_signer(opened)
        installed = self.get(course.id)
        if installed is None:
            return
        if not allow_downgrade and version_key(course.version) < version_key(installed.version):
            raise OlderVersion(course.key, f"older than the installed version {installed.version}")

    def install(
        self,
        source: Source,
        opened: OpenedCourse,
        *,
        origin: str = "",
        progress: Progress | None = None,
        allow_downgrade: bool = False,
    ) -> InstalledCourse:
        """Copy what is missing, verify it, then switch to this version atomically."""
        self.check_replaces(opened, allow_downgrade=allow_downgrade)
        course = opened.course
        added: list[str] = []
        try:
            # Named to every clean-up from before the files present are counted until the
            # version folder names them (commit), so no clean-up in between takes one.
            with self._installing(course):
                missing = self.blobs.missing(course.files().values())
                total = sum(ref.size for ref in missing)
                done = 0
                for ref in missing:
                    self.blobs.add_from(source, ref)
                    added.append(ref.sha256)
                    done += ref.size
                    if progress:
                        progress(done, total)
                return self.commit(
                    opened, origin=origin or source.name, allow_downgrade=allow_downgrade
                )
        except BaseException:
            # Leave nothing half-installed: drop what this attempt added and nobody needs.
            # Unknown or locked: all kept, a later collection takes the unneeded.
            if added:
                with contextlib.suppress(_NeedsUnknown, OSError), self._collecting():
                    needed = self._needed_blobs()
                    for sha256 in added:
                        if sha256 not in needed:
                            self.blobs.discard(sha256)
            raise

    @contextlib.contextmanager
    def _installing(self, course: Course) -> Iterator[None]:
        """Name `course`'s files to every clean-up (any process, any thread) for the block: a
        list in `<courses>/.installing/`, beside a lock file this install holds. Written under
        the collection lock, so a clean-up either reads it or has ended before the block; the
        lock is held only that long, never during the copy. An install that ended, or whose
        process died (the OS frees its lock), is no longer counted (see `_installing_blobs`)."""
        folder = self.dir / INSTALLING
        name = f"{os.getpid()}-{os.urandom(16).hex()}"  # uuid costs 3 ms at start
        listing = folder / f"{name}.json"
        lock = ProcessLock(folder / f"{name}.lock")
        with self._collecting():
            folder.mkdir(parents=True, exist_ok=True)
            if not lock.acquire():  # a fresh name: nobody else holds it
                raise OSError(f"{lock.path}: cannot lock")
            try:
                listing.write_text(json.dumps(sorted(course.files())), encoding="utf-8")
            except BaseException:
                _drop_note(listing, lock)
                raise
        try:
            yield
        finally:
            _drop_note(listing, lock)

    def _installing_blobs(self) -> set[str]:
        """Files of every install under way; the notes of ended ones (their lock is free: the
        process was killed) are removed. Raises _NeedsUnknown when a live one cannot be read.
        Call under the collection lock."""
        needed: set[str] = set()
        folder = self.dir / INSTALLING
        if not folder.is_dir():
            return needed
        for path in folder.glob("*.lock"):
            listing = path.with_suffix(".json")
            lock = ProcessLock(path)
            if lock.acquire():  # ended: nobody counts on its files any more
                _drop_note(listing, lock)
                continue
            try:
                names = json.loads(listing.read_text(encoding="utf-8"))
            except FileNotFoundError:
                continue  # ending (its version current, or failed): nothing to keep
            except (OSError, ValueError) as exc:
                raise _NeedsUnknown(f"{listing}: cannot read ({exc})".splitlines()[0]) from None
            if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
                raise _NeedsUnknown(f"{listing}: not a list of files")
            needed.update(names)
        return needed

    def commit(
        self, opened: OpenedCourse, *, origin: str, allow_downgrade: bool = False
    ) -> InstalledCourse:
        """Record a version whose blobs are all in the store, and make it current. The check of
        what it replaces is made again under the course's lock, with the switch: another process
        or thread may have installed this course since (raises LockBusy, an OSError, when that
        lock stays taken a minute)."""
        course = opened.course
        course_dir = self.dir / course.id
        with self._course_lock(course.id):
            # What another Library (another process) installed is read from disk, not the cache.
            self._cache = {k: v for k, v in self._cache.items() if k[0] != course.id}
            self.check_replaces(opened, allow_downgrade=allow_downgrade)
            absent = self.blobs.missing(course.files().values())
            if absent:
                raise PackageError(
                    course.key, f"{len(absent)} files are still missing; not installed"
                )
            name = self._switch(course_dir, opened, origin)
            for child in course_dir.iterdir():  # older versions, leftovers of a crash
                if child.is_dir() and child.name != name:
                    shutil.rmtree(child, ignore_errors=True)
            item = self._load(course.id, name)
        self.collect_garbage()
        assert item is not None
        return item

    def _course_lock(
        self, course_id: str, wait: float | None = None
    ) -> contextlib.AbstractContextManager[None]:
        """The lock of one course that an install's check and switch, and a removal, hold: every
        process and thread (`held`; LockBusy, an OSError, when it stays taken `wait` s, else
        `lock_wait`)."""
        timeout = self.lock_wait if wait is None else wait
        return held(self.dir / LOCKS / f"{course_id}.lock", timeout=timeout)

    def _switch(self, course_dir: Path, opened: OpenedCourse, origin: str) -> str:
        """Write `opened` into a new version folder and make it current; its name. The folder in
        use is never touched: a crash leaves `current` naming it, or naming the new one whole.
        Call under the course's lock."""
        course = opened.course
        course_dir.mkdir(parents=True, exist_ok=True)
        name = course.version
        if (course_dir / name).exists():  # installed again (or a crash's leftover)
            name = f"{course.version}+{os.urandom(8).hex()}"
        staging = course_dir / f".{name}.{os.getpid()}-{os.urandom(8).hex()}.tmp"
        staging.mkdir()
        (staging / "course.json").write_bytes(opened.manifest_bytes)
        if opened.signature_bytes is not None:
            (staging / "course.json.sig").write_bytes(opened.signature_bytes)
        meta = {
            "verified": opened.verified,
            "signer": opened.signer.key_id if opened.signer else None,
            "source": origin,
            "installed_at": time.time(),
        }
        (staging / "install.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")
        _fsync_tree(staging)
        os.replace(staging, course_dir / name)  # a fresh name: nothing is replaced
        write_atomic(course_dir / "current", name)  # also makes the rename durable
        return name

    def install_archive(
        self,
        path: Path,
        *,
        allow_unsigned: bool = False,
        allow_downgrade: bool = False,
        progress: Progress | None = None,
    ) -> list[InstalledCourse]:
        """Every course of a `.cartable` archive (the newest version of each), or none when one
        may not replace what is installed; then each on its own (`_install_each`)."""
        from player.course.archive import Archive
        from player.course.package import ArchiveSource, check_archive_accounting, latest_versions

        with Archive(path) as archive:
            source = ArchiveSource(archive)
            keys = source.course_keys()
            if not keys:
                raise PackageError(archive.name, "holds no course")
            opened = {
                (c, v): self._open_to_install(source, c, v, allow_unsigned=allow_unsigned)
                for c, v in keys
            }
            check_archive_accounting(archive, list(opened.values()))
            chosen = [opened[key] for key in latest_versions(keys)]
            for one in chosen:
                self.check_replaces(one, allow_downgrade=allow_downgrade)
            return self._install_each(
                source, chosen, origin=path.name, progress=progress, allow_downgrade=allow_downgrade
            )

    def install_folder(
        self,
        root: Path,
        *,
        allow_unsigned: bool = False,
        allow_downgrade: bool = False,
        progress: Progress | None = None,
    ) -> list[InstalledCourse]:
        """Every course of a repository folder (a USB stick, a shared drive), or none when one
        may not replace what is installed; then each on its own (`_install_each`)."""
        from player.course.package import FolderSource, latest_versions

        source = FolderSource(root)
        # A folder a person copied may hold anything: a name that is no version is not a course.
        keys = latest_versions([k for k in source.course_keys() if VERSION_PATTERN.match(k[1])])
        if not keys:
            raise PackageError(
                str(root), "not a repository (no courses/<id>/<version>/course.json)"
            )
        opened = [
            self._open_to_install(source, c, v, allow_unsigned=allow_unsigned) for c, v in keys
        ]
        for one in opened:
            self.check_replaces(one, allow_downgrade=allow_downgrade)
        return self._install_each(
            source, opened, origin=str(root), progress=progress, allow_downgrade=allow_downgrade
        )

    def _install_each(
        self,
        source: Source,
        chosen: list[OpenedCourse],
        *,
        origin: str,
        progress: Progress | None,
        allow_downgrade: bool,
    ) -> list[InstalledCourse]:
        """Install the courses of one import each on its own: one whose file is damaged or that
        cannot be stored is refused whole (its copied files dropped) and the others still go
        in, so a stick of ten courses with one damaged file gives nine. Raises a single
        course's own error; CoursesRefused naming each course's outcome when one of several
        was refused."""
        installed: list[InstalledCourse] = []
        refused: list[Refusal] = []
        for one in chosen:
            course = one.course
            try:
                installed.append(
                    self.install(
                        source,
                        one,
                        origin=origin,
                        progress=progress,
                        allow_downgrade=allow_downgrade,
                    )
                )
            except (CourseError, OSError) as exc:
                if len(chosen) == 1:
                    raise
                refused.append(Refusal(course.id, course.version, course.title, exc))
        if refused:
            raise CoursesRefused(source.name, installed, refused)
        return installed

    def uninstall(self, course_id: str, *, wait: float | None = None) -> bool:
        """Remove a course, under its lock: an install of it under way (another process or
        thread) finishes whole first, then goes; it never switches into a half-removed folder.
        Raises LockBusy (an OSError) when that lock stays taken `wait` seconds (`lock_wait`
        when None; nothing is removed then), ValueError for a text that is not a course id
        (`..` named the data folder, and removed it)."""
        if not is_course_id(course_id):
            raise ValueError(f"{course_id!r}: not a course id")
        course_dir = self.dir / course_id
        if not course_dir.is_dir():
            return False
        with self._course_lock(course_id, wait):
            if not course_dir.is_dir():  # removed while this waited
                return False
            with contextlib.suppress(FileNotFoundError):
                (course_dir / "current").unlink()
            shutil.rmtree(course_dir, ignore_errors=True)
            self._cache = {k: v for k, v in self._cache.items() if k[0] != course_id}
        self.collect_garbage()
        return True

    def _used_blobs(self) -> set[str]:
        """Files named by the manifest of every version folder on disk, not by `installed()`,
        which skips a course that fails to load (a damaged install record): its files stay for a
        repair. Raises _NeedsUnknown when a current version's manifest cannot be read: its files
        are unknown, so nothing is collected until that course is imported again or removed."""
        used: set[str] = set()
        if not self.dir.is_dir():
            return used
        for course_dir in self.dir.iterdir():
            if not course_dir.is_dir() or course_dir.name.startswith("."):
                continue
            pointer = course_dir / "current"
            try:
                current = pointer.read_text(encoding="utf-8").strip()
            except FileNotFoundError:
                current = None  # removed, or never finished installing
            except OSError as exc:
                raise _NeedsUnknown(f"{pointer}: cannot read ({exc.strerror or exc})") from None
            if current is not None and not (course_dir / current / "course.json").is_file():
                raise _NeedsUnknown(f"{course_dir / current}: the course's manifest is missing")
            for folder in course_dir.iterdir():
                manifest = folder / "course.json"
                if folder.name.startswith(".") or not manifest.is_file():  # staging, leftovers
                    continue
                try:
                    data = manifest.read_bytes()
                    used.update(load_installed_manifest(data, str(manifest)).files())
                except OSError as exc:
                    raise _NeedsUnknown(
                        f"{manifest}: cannot read ({exc.strerror or exc})"
                    ) from None
                except PackageError as exc:
                    raise _NeedsUnknown(str(exc).splitlines()[0]) from None
        return used

    def _download_blobs(self) -> set[str]:
        """Files of every recorded download, finished or not (a paused download's finished files
        would otherwise be fetched again), read from the download engine's own table; raises
        _NeedsUnknown when that table cannot be read."""
        from sync.download_state import DownloadStore  # installs and removals only

        if self.records is None or not self.records.is_file():
            return set()  # no database yet: nothing was ever downloaded
        try:
            downloads = DownloadStore.open(self.records)
            try:
                return downloads.recorded_blobs()
            finally:
                downloads.close()
        except sqlite3.Error as exc:
            if "no such table" in str(exc):
                return set()  # not migrated yet: no download recorded
            raise _NeedsUnknown(
                f"{self.records}: cannot read the recorded downloads ({exc})"
            ) from None

    def _needed_blobs(self) -> set[str]:
        """What no garbage collection may take; raises _NeedsUnknown when that cannot be known
        for sure."""
        return self._download_blobs() | self._used_blobs() | self._installing_blobs()

    @contextlib.contextmanager
    def _collecting(self) -> Iterator[None]:
        """Read what to keep and delete the rest under the lock a download takes to record its
        files (any process, any thread): none recorded in between counts on a deleted file."""
        self.blobs.root.mkdir(parents=True, exist_ok=True)
        with held(collection_lock_path(self.blobs.root)):
            yield

    def collect_garbage(self, keep: set[str] | None = None) -> GarbageCollection:
        """Remove blobs no installed course and no recorded download needs, except `keep`.
        Skipped (0 bytes freed, with the reason) when what they need cannot be read: a file
        wrongly kept costs disk space, one wrongly taken costs a download. The result is also
        kept in `last_collection`, for whoever must tell the user."""
        with contextlib.ExitStack() as stack:
            try:
                stack.enter_context(self._collecting())
                needed = self._needed_blobs()
            except (_NeedsUnknown, OSError) as exc:  # OSError: no lock (read-only, held long)
                result = GarbageCollection(0, (str(exc) or type(exc).__name__).splitlines()[0])
            else:
                result = GarbageCollection(self.blobs.collect_garbage(needed | (keep or set())))
        if result.skipped:
            log.info("garbage collection skipped: %s", result.skipped)
        self.last_collection = result
        return result

    def collection_by(self, call: Callable[[], T]) -> tuple[T, GarbageCollection | None]:
        """`call()`'s result and the clean-up it ran (an install, an update or a removal runs
        one), None when it ran none: a caller says so when that clean-up freed no space."""
        before = self.last_collection
        result = call()
        after = self.last_collection
        return result, (after if after is not before else None)

    # Exporting and repairing

    def export(self, course_id: str, destination: Path) -> Path:
        """Write the course's archive to `destination`: a file the user named, so a pipe or a
        device is written in place and `-` is standard output (sync.durable.open_output)."""
        item = self.get(course_id)
        if item is None:
            raise PackageError(course_id, "not installed")
        from player.course.archive_writer import pack_archive
        from player.course.package import manifest_path

        manifest = manifest_path(item.id, item.version)

        def locate(name: str) -> Path:  # the manifest and its signature, then the blobs
            if name.startswith(manifest):
                return item.folder / name.rsplit("/", 1)[-1]
            return self.blobs.path(name.rsplit("/", 1)[-1])

        if destination != STDOUT:
            destination.parent.mkdir(parents=True, exist_ok=True)
        with open_output(destination, stdout=True) as out:  # a pipe, a device: written in place
            pack_archive(item.course, out, locate)
        return destination

    def damaged_files(self, course_id: str) -> list[str]:
        """Re-hash every file of an installed course; the sha256 of those missing or altered."""
        item = self.get(course_id)
        if item is None:
            return []
        return [sha for sha, ref in item.course.files().items() if not self.blobs.verify(ref)]


def _drop_note(listing: Path, lock: ProcessLock) -> None:
    """Remove an install's note: its list first, then its lock file (held until the list is
    gone, so a clean-up never takes a list whose lock is free for one still in use)."""
    try:
        listing.unlink(missing_ok=True)
    finally:
        lock.release()
        with contextlib.suppress(OSError):
            lock.path.unlink(missing_ok=True)


def _pointer(course_dir: Path) -> str | None:
    """The folder name `current` holds, None when it cannot be read."""
    try:
        return (course_dir / "current").read_text(encoding="utf-8").strip()
    except OSError:
        return None


def _version_of(name: str) -> str | None:
    """The version a version folder's name holds, None when it is no such name."""
    match = _FOLDER.match(name)
    if match is None or not VERSION_PATTERN.match(match["version"]):
        return None
    return match["version"]


def _fsync_tree(folder: Path) -> None:
    for child in folder.iterdir():
        with open(child, "rb") as handle:
            os.fsync(handle.fileno())
