"""Installed courses on this device.

`<data>/courses/<id>/<version>/` holds a version's exact manifest bytes, its signature and
`install.json` (verified or not, by which key, from where, when: a verified course is only
replaced by a copy signed by that key); `<data>/courses/<id>/current` names the folder in use.
Installing copies and verifies every missing blob first, then switches to the new version all at
once or not at all, under a lock per course (player/library/course_switch.py); the very copy
installed, found whole without reading its files, is left untouched. What a copy may replace is
player/library/replacement_rules.py; an import of several courses, each on its own,
player/library/course_import.py; the clean-up of the blob store,
player/library/garbage_collection.py.
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from player.course.errors import NotSigned, PackageError, UntrustedKey
from player.course.manifest import (
    VERSION_PATTERN,
    Course,
    is_course_id,
    load_installed_manifest,
)
from player.library.blobstore import BlobState, BlobStore, FileIdentity, SetAside
from player.library.course_switch import course_lock, pointer, switch
from player.library.replacement_rules import ReplacementRules
from player.library.trust import TrustStore
from sync.durable import STDOUT, open_output

if TYPE_CHECKING:
    from player.course.package import OpenedCourse, Source
    from player.library.garbage_collection import GarbageCollection

# Reading the library (every start) needs only the manifests; the package, archive and signature
# code, an import's and the blob store's clean-up load when something is installed or exported.

log = logging.getLogger(__name__)

T = TypeVar("T")

COURSE_LOCK_WAIT = 60.0
"""How long an install's switch or a removal waits for the course's lock by default. The lock is
held only for a switch or a removal (seconds on a slow disk), so a longer wait means another
Cartable is stuck or busy for good; a person at a terminal is given a shorter one."""

Progress = Callable[[int, int], None]  # bytes done, bytes total


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


class NoSuchFolder(FileNotFoundError):
    """The folder an export was to write into is not there (`filename` names it)."""


@dataclass(frozen=True)
class InstalledCourse:
    """A course installed here: its manifest, its signer and where it came from."""

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


def _version_files(opened: OpenedCourse) -> set[str]:
    """The names an install of `opened` writes in its version folder (`course_switch.switch`)."""
    signed = opened.signature_bytes is not None
    return {"course.json", "install.json", *(["course.json.sig"] if signed else [])}


def _same_copy(installed: InstalledCourse, opened: OpenedCourse) -> bool:
    """Whether `opened` is the very copy installed: the same manifest and signature bytes (its
    version folder's, read again: a damaged one is no match), verified by the same key."""
    folder = installed.folder
    try:
        manifest = (folder / "course.json").read_bytes()
        try:
            signature: bytes | None = (folder / "course.json.sig").read_bytes()
        except FileNotFoundError:
            signature = None
    except OSError:
        return False
    signer = opened.signer.key_id if opened.signer else None
    return (manifest, signature, installed.verified, installed.signer) == (
        opened.manifest_bytes,
        opened.signature_bytes,
        opened.verified,
        signer,
    )


def _clear_beside(course_dir: Path, name: str) -> None:
    """Remove all but version folder `name` and `current` from `course_dir` (under its lock):
    older versions, a crash's leftovers (a staging folder, a `current` half written), a stray
    file. Anything left there would have every later import of this very copy install it
    again (`Library._kept_whole`), and remove nothing."""
    for child in course_dir.iterdir():
        if child.name in (name, "current"):
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                child.unlink()


@dataclass(frozen=True)
class FilesChecked:
    """What `Library.remove_damaged` found, each file by its sha256."""

    files: int
    removed: tuple[str, ...]  # altered: removed from the store
    missing: tuple[str, ...]  # not in the store (before the check, or gone during it)
    unreadable: tuple[tuple[str, str], ...]  # (sha256, why): could not be read, left in place
    kept: tuple[tuple[str, str], ...]  # (sha256, why): altered but not removed
    # (sha256, where, why): a good copy placed during the check that could not be put back under
    # its name; it waits at `where`, and the next import, clean-up or check puts it back
    set_aside: tuple[tuple[str, Path, str], ...] = ()
    # Of `unreadable`, those a disk's read error (EIO) stopped: a fetch may write them anew
    rewritable: tuple[str, ...] = ()

    @property
    def intact(self) -> bool:
        return not (self.removed or self.missing or self.unreadable or self.kept or self.set_aside)


class Library(ReplacementRules):
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
        self._collections = threading.local()  # `last_collection`, one per thread

    @property
    def last_collection(self) -> GarbageCollection | None:
        """The latest garbage collection this thread ran (an install, an update or a removal
        runs one): per thread, so a removal never reads the figures of a download's install or
        another removal running at the same time on another worker."""
        last: GarbageCollection | None = getattr(self._collections, "last", None)
        return last

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
        name = pointer(course_dir)
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

        try:
            return open_course(
                source,
                course_id,
                version,
                self.trust.public_keys(course_id),
                allow_unsigned=allow_unsigned,
                scoped=self.trust.scoped_elsewhere(course_id),
                earlier=self.trust.earlier_ids(),
            )
        except UntrustedKey as error:  # "add the key" only where adding it would help
            self.refuse_untrusted_update(error, course_id, version)
            raise

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

        try:
            return check_manifest(
                manifest,
                signature,
                course_id,
                version,
                self.trust.public_keys(course_id),
                where=manifest_path(course_id, version),
                source_name=source,
                scoped=self.trust.scoped_elsewhere(course_id),
                earlier=self.trust.earlier_ids(),
            )
        except UntrustedKey as error:  # "add the key" only where adding it would help
            self.refuse_untrusted_update(error, course_id, version)
            raise

    def install(
        self,
        source: Source,
        opened: OpenedCourse,
        *,
        origin: str = "",
        progress: Progress | None = None,
        allow_downgrade: bool = False,
    ) -> InstalledCourse:
        """Copy what is missing, verify it, then switch to this version atomically. The very
        copy installed, whole (`_kept_whole`), is left as it is (the installed course returned,
        as read under its lock): an import of it again writes nothing and reads no course
        file."""
        from player.library.garbage_collection import (
            NeedsUnknown,
            collecting,
            installing,
            needed_blobs,
        )

        self.check_replaces(opened, allow_downgrade=allow_downgrade)
        course = opened.course
        if self.get(course.id) is not None:  # else nothing to keep: no lock taken for it
            kept = self._kept_whole(opened)
            if kept is not None:
                return kept
        added: list[str] = []
        try:
            # Named to every clean-up from before the files present are counted until the
            # version folder names them (commit), so no clean-up in between takes one.
            with installing(self.dir, self.blobs.root, course.files()):
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
                with (
                    contextlib.suppress(NeedsUnknown, OSError),  # CannotLock too: all kept
                    collecting(self.blobs.root, strict=True),
                ):
                    needed = needed_blobs(self.dir, self.records)
                    for sha256 in added:
                        if sha256 not in needed:
                            self.blobs.discard(sha256)
            raise

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
            name = switch(course_dir, opened, origin)
            _clear_beside(course_dir, name)
            item = self._load(course.id, name)
        self.collect_garbage()
        assert item is not None
        return item

    def _kept_whole(self, opened: OpenedCourse) -> InstalledCourse | None:
        """The installed course when an install of `opened` may be skipped: the very copy (a
        stick imported twice), each of its files in the store at its size, its version folder
        holding only what an install writes and its course folder nothing else. Decided from
        sizes and names, never the files' bytes (a 4 GB course would be read whole for each
        import): a file altered at its size is for `damaged_files` (`cartable courses check`,
        "Check files…") to find, and `remove_damaged` then has the next import copy it
        again. Anything else found goes through a whole install: what is lost copied again,
        the version folder rewritten, a crash's leftovers removed.

        All of it is read under the course's lock, the install read from disk again (a few KB
        and one stat per file): another process may remove the course and install another
        copy of this version meanwhile, into a folder of the same name, which names alone do
        not tell from this one."""
        course_id = opened.course.id
        course_dir = self.dir / course_id
        with self._course_lock(course_id):
            self._cache = {k: v for k, v in self._cache.items() if k[0] != course_id}
            installed = self.get(course_id)
            if installed is None:
                return None
            try:
                names = sorted(child.name for child in course_dir.iterdir())
                inside = {child.name for child in installed.folder.iterdir()}
            except OSError:
                return None
            whole = (
                names == sorted([installed.folder.name, "current"])
                and inside == _version_files(opened)
                and _same_copy(installed, opened)
                and not self.blobs.missing(opened.course.files().values())
            )
            return installed if whole else None

    def _course_lock(
        self, course_id: str, wait: float | None = None
    ) -> contextlib.AbstractContextManager[None]:
        """The course's lock (`course_lock`), waited for `wait` s, else `lock_wait`."""
        return course_lock(self.dir, course_id, self.lock_wait if wait is None else wait)

    def install_archive(
        self,
        path: Path,
        *,
        allow_unsigned: bool = False,
        allow_downgrade: bool = False,
        progress: Progress | None = None,
        hold: Callable[[OpenedCourse], None] | None = None,
    ) -> list[InstalledCourse]:
        """Every course of a `.cartable` archive (the newest version of each), or none when one
        may not replace what is installed; then each on its own (`course_import.install_each`,
        `hold` asked before each)."""
        from player.course.archive import Archive
        from player.course.package import ArchiveSource, check_archive_accounting, latest_versions
        from player.library.course_import import install_each

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
            return install_each(
                partial(
                    self.install,
                    source,
                    origin=path.name,
                    progress=progress,
                    allow_downgrade=allow_downgrade,
                ),
                chosen,
                source.name,
                hold,
            )

    def install_folder(
        self,
        root: Path,
        *,
        allow_unsigned: bool = False,
        allow_downgrade: bool = False,
        progress: Progress | None = None,
        hold: Callable[[OpenedCourse], None] | None = None,
    ) -> list[InstalledCourse]:
        """Every course of a repository folder (a USB stick, a shared drive), or none when one
        may not replace what is installed; then each on its own (`course_import.install_each`,
        `hold` asked before each)."""
        from player.course.package import FolderSource, latest_versions
        from player.library.course_import import install_each

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
        return install_each(
            partial(
                self.install,
                source,
                origin=str(root),
                progress=progress,
                allow_downgrade=allow_downgrade,
            ),
            opened,
            source.name,
            hold,
        )

    def uninstall(
        self,
        course_id: str,
        *,
        wait: float | None = None,
        held: contextlib.ExitStack | None = None,
    ) -> bool:
        """Remove a course, under its lock: an install of it under way (another process or
        thread) finishes whole first, then goes; it never switches into a half-removed folder.
        Raises LockBusy (an OSError) when that lock stays taken `wait` seconds (`lock_wait`
        when None; nothing is removed then), ValueError for a text that is not a course id
        (`..` named the data folder, and removed it). `held`: the lock `hold` took, released
        here (any thread may)."""
        if not is_course_id(course_id):
            raise ValueError(f"{course_id!r}: not a course id")
        course_dir = self.dir / course_id
        if held is None and not course_dir.is_dir():
            return False
        with held if held is not None else self._course_lock(course_id, wait):
            if not course_dir.is_dir():  # removed while this waited
                return False
            with contextlib.suppress(FileNotFoundError):
                (course_dir / "current").unlink()
            shutil.rmtree(course_dir, ignore_errors=True)
            self._cache = {k: v for k, v in self._cache.items() if k[0] != course_id}
        self.collect_garbage()
        return True

    def hold(self, course_id: str, wait: float | None = None) -> contextlib.ExitStack:
        """The course's lock, taken now for an `uninstall(held=)` to come: the player takes it
        before it closes the course, so a removal refused (LockBusy: another Cartable installs
        it) leaves the learner where they were. Released when `uninstall` ends, or by closing
        what this returns."""
        if not is_course_id(course_id):
            raise ValueError(f"{course_id!r}: not a course id")
        stack = contextlib.ExitStack()
        stack.enter_context(self._course_lock(course_id, wait))
        return stack

    def removal_frees(self, course_id: str) -> int | None:
        """About how many bytes `uninstall(course_id)` would free: its files that no other
        course and no recorded download needs (files are shared between courses); None when
        that cannot be known. Reads every course's manifests: on a worker thread."""
        from player.library.garbage_collection import freed_by_removal

        if not is_course_id(course_id):
            return None
        return freed_by_removal(self.dir, self.blobs, self.records, course_id)

    def collect_garbage(self, keep: set[str] | None = None) -> GarbageCollection:
        """Remove blobs no installed course and no recorded download needs, except `keep`.
        Skipped (0 bytes freed, with the reason) when what they need cannot be read: a file
        wrongly kept costs disk space, one wrongly taken costs a download. The result is also
        kept in `last_collection`, for whoever must tell the user."""
        from player.library.garbage_collection import collect

        result = collect(self.dir, self.blobs, self.records, keep)
        if result.skipped:
            log.info("garbage collection skipped: %s", result.skipped)
        self._collections.last = result
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
        device is written in place and `-` is standard output (sync.durable.open_output), in a
        folder that exists (NoSuchFolder naming it otherwise, nothing written)."""
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

        # A folder that is not there is a mistyped or unplugged USB stick: creating it would
        # write the archive on this computer's disk under the stick's name.
        if destination != STDOUT and not destination.parent.exists():
            raise NoSuchFolder(errno.ENOENT, "no such folder", str(destination.parent))
        with open_output(destination, stdout=True) as out:  # a pipe, a device: written in place
            pack_archive(item.course, out, locate)
        return destination

    def damaged_files(self, course_id: str) -> list[str]:
        """Re-hash every file of an installed course; the sha256 of those missing or altered."""
        item = self.get(course_id)
        if item is None:
            return []
        return [sha for sha, ref in item.course.files().items() if not self.blobs.verify(ref)]

    def remove_damaged(self, course_id: str) -> FilesChecked:
        """Re-hash every file of an installed course and remove from the store those whose bytes
        are not what their name says (the content is damaged: the next import of a copy, or a
        fetch from a catalog, puts it back; an import checks sizes only, `_kept_whole`, so a
        file altered at its size stayed through every import). A file that could not be read is
        left where it is: the error may pass, and the file be whole.

        Hashing a large course takes minutes, without the course's lock; an install or a repair
        may meanwhile put a good copy in place (os.replace). So each removal is decided under
        that lock, only when the file is still the one hashed (same inode, size and time), and
        the file compared is the one removed (`BlobStore.remove_if_same`): blobs are shared
        between courses, so an import or a download of another course may place one meanwhile.
        A good copy set aside by an earlier check and not put back (a kill, a put-back refused)
        goes back first (`BlobStore.sweep_incoming`). Raises LockBusy (an OSError) when the lock
        stays taken."""
        item = self.get(course_id)
        if item is None:
            return FilesChecked(0, (), (), (), ())
        self.blobs.sweep_incoming()
        mismatched: dict[str, FileIdentity] = {}
        missing: list[str] = []
        unreadable: list[tuple[str, str]] = []
        rewritable: list[str] = []
        for sha256, ref in item.course.files().items():
            checked = self.blobs.check(ref)
            if checked.state is BlobState.MISMATCHED and checked.seen is not None:
                mismatched[sha256] = checked.seen
            elif checked.state is BlobState.MISSING:
                missing.append(sha256)
            elif checked.state is BlobState.UNREADABLE:
                unreadable.append((sha256, checked.reason))
                if checked.rewritable:
                    rewritable.append(sha256)
        removed: list[str] = []
        kept: list[tuple[str, str]] = []
        set_aside: list[tuple[str, Path, str]] = []
        if mismatched:
            with self._course_lock(course_id):
                for sha256, seen in mismatched.items():
                    try:
                        now = self.blobs.identity(sha256)
                        if now is None:
                            missing.append(sha256)  # removed meanwhile: nothing to remove
                        elif now != seen:
                            kept.append((sha256, "replaced while it was checked"))
                        else:
                            gone = self.blobs.remove_if_same(sha256, seen)
                            if gone is None:
                                missing.append(sha256)
                            elif gone:
                                removed.append(sha256)
                            else:
                                kept.append((sha256, "replaced while it was checked"))
                    except FileNotFoundError:
                        missing.append(sha256)
                    except SetAside as exc:  # not damaged, not in place: said where it waits
                        set_aside.append((sha256, exc.path, exc.strerror or str(exc)))
                    except OSError as exc:  # a read-only disk: it stays, and an import skips it
                        kept.append((sha256, exc.strerror or str(exc)))
        return FilesChecked(
            len(item.course.files()),
            tuple(removed),
            tuple(missing),
            tuple(unreadable),
            tuple(kept),
            tuple(set_aside),
            tuple(rewritable),
        )
