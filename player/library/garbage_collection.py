"""Garbage collection of the blob store: removing the files no installed course and no recorded
download needs, without ever taking one still needed.

What to keep is read, and the rest deleted, under the lock a download takes to record its files
(any process, any thread). An install names the files it counts on in a note under
`<courses>/.installing/` beside a lock file it holds, from before its first copy until its
version folder names them, so a clean-up run by another process in between keeps them; the note
of an install whose process died (the OS frees its lock) is dropped. When what is needed cannot
be known for sure nothing is removed: a file wrongly kept costs disk space, one wrongly taken
costs a download. So on a file system that cannot lock, where a download could record a file
between the read and the delete, the clean-up removes nothing (`collecting(strict=True)`).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from player.course.errors import PackageError
from player.course.manifest import load_installed_manifest
from player.library.blobstore import BlobStore
from player.paths import broken_link
from sync.interprocess import CannotLock, ProcessLock, collection_lock_path, held

INSTALLING = ".installing"
"""Under the courses folder: a note per install under way naming the files it counts on."""


class NeedsUnknown(Exception):
    """What the blob store must keep cannot be known for sure (one line: why)."""


@dataclass(frozen=True)
class GarbageCollection:
    """What a clean-up of the blob store did: a learner on a small disk needs to know when
    space was not reclaimed, and why (the file to fix or remove)."""

    freed: int
    """Bytes removed."""
    skipped: str | None = None
    """Why nothing was removed (one line), None when the collection ran."""


def collect(
    courses_dir: Path, blobs: BlobStore, records: Path | None, keep: set[str] | None
) -> GarbageCollection:
    """Remove blobs no installed course and no recorded download needs, except `keep`; skipped
    (0 bytes freed, with the reason) when what they need cannot be read. The copies left in
    `.incoming` are swept first, without the lock: that hashes set-aside files (a minute for a
    video on an old disk), which every import and download would otherwise wait out, and each
    copy's own lock keeps it from a live import or check."""
    # The blob store or the courses in a folder linked to a disk not plugged in: said as that
    # link, not as the lock's mkdir fails there ("File exists" for the data folder's link).
    for folder in (blobs.root, courses_dir):
        unreachable = _unreachable(folder)
        if unreachable is not None:
            return GarbageCollection(0, unreachable)
    blobs.sweep_incoming()
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(collecting(blobs.root, strict=True))
            needed = needed_blobs(courses_dir, records)
        except CannotLock as exc:  # a download could record a file between read and delete
            return GarbageCollection(0, f"{exc}: nothing removed")
        except (NeedsUnknown, OSError) as exc:  # OSError: no lock (read-only, held long)
            return GarbageCollection(0, (str(exc) or type(exc).__name__).splitlines()[0])
        return GarbageCollection(blobs.collect_garbage(needed | (keep or set())))


@contextlib.contextmanager
def collecting(blobs_root: Path, *, strict: bool = False) -> Iterator[None]:
    """Read what to keep and delete the rest under the lock a download takes to record its
    files (any process, any thread): none recorded in between counts on a deleted file.
    `strict` for whoever deletes: on a file system that cannot lock, CannotLock rather than
    going on (a download's wait and an install's note go on: the deleting side refuses)."""
    blobs_root.mkdir(parents=True, exist_ok=True)
    with held(collection_lock_path(blobs_root), strict=strict):
        yield


def needed_blobs(courses_dir: Path, records: Path | None) -> set[str]:
    """What no garbage collection may take; raises NeedsUnknown when that cannot be known
    for sure. Call under the collection lock (`collecting`)."""
    return _download_blobs(records) | _used_blobs(courses_dir) | _installing_blobs(courses_dir)


@contextlib.contextmanager
def installing(courses_dir: Path, blobs_root: Path, files: Iterable[str]) -> Iterator[None]:
    """Name `files` (an install's) to every clean-up (any process, any thread) for the block: a
    list in `<courses>/.installing/`, beside a lock file this install holds. Written under
    the collection lock, so a clean-up either reads it or has ended before the block; the
    lock is held only that long, never during the copy. An install that ended, or whose
    process died (the OS frees its lock), is no longer counted (see `_installing_blobs`)."""
    folder = courses_dir / INSTALLING
    name = f"{os.getpid()}-{os.urandom(16).hex()}"  # uuid costs 3 ms at start
    listing = folder / f"{name}.json"
    lock = ProcessLock(folder / f"{name}.lock")
    with collecting(blobs_root):
        folder.mkdir(parents=True, exist_ok=True)
        if not lock.acquire():  # a fresh name: nobody else holds it
            raise OSError(f"{lock.path}: cannot lock")
        try:
            listing.write_text(json.dumps(sorted(files)), encoding="utf-8")
        except BaseException:
            _drop_note(listing, lock)
            raise
    try:
        yield
    finally:
        _drop_note(listing, lock)


def _installing_blobs(courses_dir: Path) -> set[str]:
    """Files of every install under way; the notes of ended ones (their lock is free: the
    process was killed) are removed, none on a file system that cannot lock (a live install
    cannot be told there). Raises NeedsUnknown when a live one cannot be read. Call under the
    collection lock."""
    needed: set[str] = set()
    folder = courses_dir / INSTALLING
    if not folder.is_dir():
        return needed
    for path in folder.glob("*.lock"):
        listing = path.with_suffix(".json")
        lock = ProcessLock(path)
        if lock.acquire_if_free():  # ended: nobody counts on its files any more
            _drop_note(listing, lock)
            continue
        try:
            names = json.loads(listing.read_text(encoding="utf-8"))
        except FileNotFoundError:
            continue  # ending (its version current, or failed): nothing to keep
        except (OSError, ValueError) as exc:
            raise NeedsUnknown(f"{listing}: cannot read ({exc})".splitlines()[0]) from None
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise NeedsUnknown(f"{listing}: not a list of files")
        needed.update(names)
    return needed


def _drop_note(listing: Path, lock: ProcessLock) -> None:
    """Remove an install's note: its list first, then its lock file (held until the list is
    gone, so a clean-up never takes a list whose lock is free for one still in use)."""
    try:
        listing.unlink(missing_ok=True)
    finally:
        lock.release()
        with contextlib.suppress(OSError):
            lock.path.unlink(missing_ok=True)


def _used_blobs(courses_dir: Path) -> set[str]:
    """Files named by the manifest of every version folder on disk, not by the installed
    courses, which skip a course that fails to load (a damaged install record): its files stay
    for a repair. Raises NeedsUnknown when a current version's manifest cannot be read: its
    files are unknown, so nothing is collected until that course is imported again or removed."""
    used: set[str] = set()
    for course_dir in _course_dirs(courses_dir):
        used |= _course_blobs(course_dir)
    return used


def _course_dirs(courses_dir: Path) -> list[Path]:
    """Each course's folder (not the install notes' nor a staging one). Raises NeedsUnknown
    when the courses folder, or a course's, is a link to a disk not plugged in or a loop: read
    as no course, every file no download records went (review r6). Unknown, not unneeded."""
    unreachable = _unreachable(courses_dir)
    if unreachable is not None:
        raise NeedsUnknown(unreachable)
    if not courses_dir.is_dir():
        return []  # nothing installed yet
    found: list[Path] = []
    for folder in courses_dir.iterdir():
        if folder.name.startswith("."):
            continue
        unreachable = _unreachable(folder) if folder.is_symlink() else None
        if unreachable is not None:
            raise NeedsUnknown(unreachable)
        if folder.is_dir():
            found.append(folder)
    return found


def _course_blobs(course_dir: Path) -> set[str]:
    """Files named by the manifest of each version folder of one course (`_used_blobs`)."""
    used: set[str] = set()
    pointer = course_dir / "current"
    try:
        current = pointer.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        current = None  # removed, or never finished installing
    except OSError as exc:
        raise NeedsUnknown(f"{pointer}: cannot read ({exc.strerror or exc})") from None
    if current is not None and not (course_dir / current / "course.json").is_file():
        raise NeedsUnknown(f"{course_dir / current}: the course's manifest is missing")
    for folder in course_dir.iterdir():
        manifest = folder / "course.json"
        if folder.name.startswith(".") or not manifest.is_file():  # staging, leftovers
            continue
        try:
            data = manifest.read_bytes()
            used.update(load_installed_manifest(data, str(manifest)).files())
        except OSError as exc:
            raise NeedsUnknown(f"{manifest}: cannot read ({exc.strerror or exc})") from None
        except PackageError as exc:
            raise NeedsUnknown(str(exc).splitlines()[0]) from None
    return used


def freed_by_removal(
    courses_dir: Path, blobs: BlobStore, records: Path | None, course_id: str
) -> int | None:
    """The bytes removing `course_id` would free, for the question asked before: its files that
    no other course's version folder and no recorded download needs. Read without the clean-up's
    lock (a download or an install may start meanwhile): what the clean-up then frees is said
    after. None when it cannot be known: a manifest or the download records that cannot be
    read, which makes the clean-up itself remove nothing."""
    own_dir = courses_dir / course_id
    try:
        own = _course_blobs(own_dir) if own_dir.is_dir() else set()
        others = _download_blobs(records)
        for course_dir in _course_dirs(courses_dir):
            if course_dir != own_dir:
                others |= _course_blobs(course_dir)
    except (NeedsUnknown, OSError):
        return None
    freed = 0
    for sha256 in own - others:
        with contextlib.suppress(OSError):  # gone already, or unreadable: not counted
            freed += blobs.path(sha256).stat().st_size
    return freed


def _unreachable(path: Path) -> str | None:
    """Why `path` (the records file, the blob store) cannot be reached, naming the link (itself
    or a folder on its way) and where it leads; None when no link is in the way. The check is
    the one the installation's folders get (paths.broken_link), so both say a loop as a loop."""
    broken = broken_link(path)
    if broken is None:
        return None
    if broken.loop:
        return f"{broken.link}: a link that leads back to itself"
    return f"{broken.link}: a link to {os.path.realpath(broken.link)}, which cannot be found"


def _download_blobs(records: Path | None) -> set[str]:
    """Files of every recorded download, finished or not (a paused download's finished files
    would otherwise be fetched again), read from the download engine's own table in the
    records database; raises NeedsUnknown when that table cannot be read."""
    from sync.download_state import DownloadStore  # installs and removals only

    if records is None:
        return set()
    # A link whose disk is not plugged in, the records file's or a folder's on its way: the
    # downloads it records are unknown, not none; read as none, the finished files of paused
    # downloads went.
    unreachable = _unreachable(records)
    if unreachable is not None:
        raise NeedsUnknown(unreachable)
    try:
        os.lstat(records)
        is_file = records.is_file()  # never FileNotFoundError: is_file() says False for it
    except FileNotFoundError:
        return set()  # no database yet: nothing was ever downloaded
    except OSError as exc:  # EIO, ENOTDIR..., of the entry or a link's target: one, unread
        raise NeedsUnknown(f"{records}: cannot read ({exc.strerror or exc})") from None
    if not is_file:
        raise NeedsUnknown(f"{records}: not a file")
    try:
        downloads = DownloadStore.open(records)
        try:
            return downloads.recorded_blobs()
        finally:
            downloads.close()
    except sqlite3.Error as exc:
        if "no such table" in str(exc):
            return set()  # not migrated yet: no download recorded
        raise NeedsUnknown(f"{records}: cannot read the recorded downloads ({exc})") from None
