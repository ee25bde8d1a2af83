"""The device's content-addressed file store: every course file once, named by its sha256.

Layout `<root>/sha256/<2 hex>/<64 hex>` (the repository layout without the `blobs/` prefix), so a
download engine, a USB copy and an archive import all land files in the same place. A blob only
appears under its name once its bytes are hashed, synced to disk and renamed into place.

A copy in flight is `<root>/.incoming/<name>.part`, beside `<name>.lock`, an OS lock its import
holds from before the part exists until after it is gone. A kill leaves both: the next import (or
clean-up) removes a part whose lock is free and that is older than `STALE_AFTER`, so no process
ever deletes another's copy, however slow the stick it reads.

A file a check set aside to compare it before removing it (`remove_if_same`) is
`<root>/.incoming/<sha256>.<pid>-<hex>.aside`, beside its `.lock`. One left there (a kill, or a
put-back Windows refused while a player held it open) is never deleted unread: the sweep hashes
it, puts it back under its name when its bytes are the ones the name says (or when it cannot be
read and the name is free), and removes only one whose bytes differ (the damaged file its check
was removing) or that an intact file under its name makes useless. One it cannot read while
another file is under its name is kept, and read again a day later (`TRIED`). The previous
versions set such a file aside as `<sha256[:12]>-<pid>-<hex>.part`, as an import's copy is
named: those are hashed before they go, and go back when their bytes are a blob's.

Every name here holds its process's id: on a file system that cannot lock, a copy is taken by
the sweep once that process is gone (`ProcessLock.acquire_if_free`).

The sweep runs before the store's clean-up takes its lock, never under it: hashing a set-aside
video of 2 GB on an old disk takes a minute, during which every import and download waits.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import os
import re
import stat
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from player.course.errors import PackageError
from player.course.manifest import FileRef
from sync.durable import STALE_AFTER, fsync_dir
from sync.interprocess import ProcessLock

if TYPE_CHECKING:
    from player.course.package import Source

CHUNK = 1024 * 1024


INCOMING = ".incoming"
"""Under the store: copies in flight, each a `.part` beside the `.lock` its import holds."""

ASIDE = ".aside"
"""A blob a check renamed aside to compare it (`BlobStore.remove_if_same`), named by its sha256."""

TRIED = ".tried"
"""Beside a set-aside file the sweep could not read while another file is under its name: its
time is that try's, and the file is not read again for `RETRY_UNREADABLE` s."""

RETRY_UNREADABLE = 24 * 3600.0

_SHA256 = re.compile(r"[0-9a-f]{64}")
_OWNED = re.compile(r"(?:[0-9a-f]{64}\.|[0-9a-f]{12}-)(\d+)-[0-9a-f]+")
"""The stem of a copy's files (`.aside`, `.part`, `.lock`, `.tried`): the process's id."""
_OLD_ASIDE = re.compile(r"([0-9a-f]{12})-\d+-[0-9a-f]+")
"""The stem of an import's copy, and of a file set aside by the versions before `.aside`."""


class SetAside(OSError):
    """A good copy, placed while a check was removing the damaged file, could not be put back
    under its name (a player holding it open on Windows, a disk error): it waits at `path`, and
    the next import, clean-up or check puts it back (`BlobStore.sweep_incoming`)."""

    def __init__(self, path: Path, cause: OSError) -> None:
        super().__init__(cause.errno, cause.strerror or str(cause), str(path))
        self.path = path


READ_ERRORS = (errno.EIO,)
"""A disk's read error (a bad sector): unlike a permission or a network folder gone, it is cured
by writing the file again, to new blocks, so a fetch may replace such a file once its new copy
is verified (`CourseDownloads.refetch`)."""


class BlobState(enum.Enum):
    INTACT = "intact"
    MISMATCHED = "mismatched"  # read whole: not the bytes its name says
    MISSING = "missing"
    UNREADABLE = "unreadable"  # open or read failed: its content is unknown


@dataclass(frozen=True)
class FileIdentity:
    """A file as stat saw it: another file put in its place (os.replace) or written into since
    has another inode, size or time."""

    inode: int
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class BlobCheck:
    """What checking a stored file found: its state, the file seen and why."""

    state: BlobState
    seen: FileIdentity | None  # the file hashed, from its open handle; None when not opened
    reason: str = ""  # why it could not be read (UNREADABLE)
    error: int | None = None  # its errno (UNREADABLE): EACCES is for the user to fix, not a fetch

    @property
    def rewritable(self) -> bool:
        """Unreadable for a disk's read error, which a new copy written in its place cures."""
        return self.state is BlobState.UNREADABLE and self.error in READ_ERRORS


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self._swept = False

    def path(self, sha256: str) -> Path:
        return self.root / "sha256" / sha256[:2] / sha256

    def has(self, ref: FileRef) -> bool:
        try:
            return self.path(ref.sha256).stat().st_size == ref.size
        except OSError:
            return False

    def missing(self, refs: Iterable[FileRef]) -> list[FileRef]:
        return [ref for ref in refs if not self.has(ref)]

    def add_from(self, source: Source, ref: FileRef) -> None:
        """Copy one blob from a package source, hashing on the way; nothing lands if it differs."""
        incoming = self.root / INCOMING
        incoming.mkdir(parents=True, exist_ok=True)
        if not self._swept:
            self.sweep_incoming()
        name = f"{ref.sha256[:12]}-{os.getpid()}-{os.urandom(8).hex()}"
        lock = ProcessLock(incoming / f"{name}.lock")
        if not lock.acquire():  # a fresh name: nobody else holds it
            raise OSError(f"{lock.path}: cannot lock")
        tmp = incoming / f"{name}.part"
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
            fd = os.open(tmp, flags, 0o600)
            with os.fdopen(fd, "wb") as handle:
                digest = source.hash_blob(ref, handle.write)
                handle.flush()
                os.fsync(handle.fileno())
            if digest != ref.sha256 or os.path.getsize(tmp) != ref.size:
                raise PackageError(
                    f"{source.name}: {ref.blob_path}", "content does not match its sha256"
                )
            self._place(tmp, ref.sha256)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            _drop_lock(lock)

    def sweep_incoming(self) -> int:
        """Remove the copies killed imports left in `.incoming`; how many. Only a file older than
        `STALE_AFTER` whose lock is free goes: a live import holds its lock (this process's
        too), and a young file may be one whose import has only just locked it. On a file
        system that cannot lock, only one whose process is gone goes. Each is hashed first: one
        set aside by a previous version goes back under its name (`_restore_old`).

        A file set aside by a check (`ASIDE`) whose lock is free, whatever its age (its check
        took the lock before renaming it there), is put back or removed by its content
        (`_restore`): it may be the only good copy of a file several courses use.

        Hashing takes long: call it outside the store's clean-up lock (`collect` does)."""
        self._swept = True
        folder = self.root / INCOMING
        old = time.time() - STALE_AFTER
        removed = 0
        try:
            found = sorted(folder.iterdir(), key=lambda p: p.suffix == ".lock")  # parts first
        except OSError:
            return 0  # none yet, or unreadable: the next import or clean-up tries again
        for path in found:
            with contextlib.suppress(OSError):  # gone meanwhile, or Windows holding it open
                aside = path.suffix == ASIDE
                if aside and self._tried_lately(path):
                    continue
                if not aside and path.stat().st_mtime >= old:
                    continue
                lock = ProcessLock(path.with_suffix(".lock"))
                if not lock.acquire_if_free(_owner(path)):  # alive, or cannot be told
                    continue
                try:
                    if aside:
                        self._sweep_aside(path)
                    elif path.suffix == TRIED:
                        if not os.path.lexists(path.with_suffix(ASIDE)):  # its file is gone
                            path.unlink()
                    elif path.suffix != ".lock" and not self._restore_old(path):
                        path.unlink()
                        removed += 1
                finally:
                    _drop_lock(lock)
        return removed

    def _tried_lately(self, aside: Path) -> bool:
        """A set-aside file the sweep could not read less than `RETRY_UNREADABLE` s ago (a
        clock set back: read again), whose name another file still holds (a name freed since,
        by a check removing the damaged file, takes it back at once)."""
        try:
            since = time.time() - aside.with_suffix(TRIED).stat().st_mtime
        except OSError:
            return False
        return 0 <= since < RETRY_UNREADABLE and os.path.lexists(
            self.path(aside.name.split(".", 1)[0])
        )

    def _sweep_aside(self, aside: Path) -> None:
        """`_restore`, remembering a try that could not decide (`TRIED`)."""
        tried = aside.with_suffix(TRIED)
        if self._restore(aside):
            tried.touch()  # now: an existing one's time too
        else:
            tried.unlink(missing_ok=True)

    def _restore(self, aside: Path) -> bool:
        """Put a file a check set aside back under its name when its bytes are that name's
        (hashing it proves it: the name is its sha256) and the file there now is not intact;
        remove it when an intact copy is in place (not read then) or its bytes differ (the
        damaged file its check was removing). One that cannot be read goes back only where no
        file is (a link: never over a copy placed meanwhile), else stays: True then (the
        sweep reads it again a day later), False when it is gone or not ours."""
        sha256 = aside.name.split(".", 1)[0]
        if not _SHA256.fullmatch(sha256):
            return False  # not ours to judge
        final = self.path(sha256)
        if _sha256_of(final) == sha256:  # an intact copy in place: this one is not needed
            aside.unlink()
            return False
        content = _sha256_of(aside)
        if content is None:  # unreadable: its bytes are unknown
            final.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(aside, final)
            except FileExistsError:  # a file not intact is in place: both kept
                return True
            aside.unlink()
        elif content != sha256:
            aside.unlink()
        else:
            self._place(aside, sha256)
        return False

    def _restore_old(self, part: Path) -> bool:
        """A copy named as an import's, whose process is gone: put back under its name when it
        is a file set aside by a previous version (its bytes a blob's whose sha256 begins with
        the 12 digits of its name) and no intact file is there; True then. False: it may go
        (an import's copy cut short, bytes that are no blob's, or an intact copy in place)."""
        match = _OLD_ASIDE.fullmatch(part.stem)
        if match is None or part.suffix != ".part":
            return False
        content = _sha256_of(part)
        if content is None or not content.startswith(match.group(1)):
            return False
        if _sha256_of(self.path(content)) == content:
            return False
        self._place(part, content)
        return True

    def _place(self, tmp: Path, sha256: str) -> None:
        final = self.path(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, final)
        fsync_dir(final.parent)

    def verify(self, ref: FileRef) -> bool:
        """Re-hash a stored blob (repair): True when present and intact."""
        return self.check(ref).state is BlobState.INTACT

    def check(self, ref: FileRef) -> BlobCheck:
        """Re-hash a stored blob, telling a file whose bytes differ from one that could not be
        read: a read error (a flaky USB disk, a network home, a wrong owner, an antivirus
        holding it) says nothing about its content, and must not cost a download."""
        import hashlib  # OpenSSL, loaded when a blob is first hashed rather than at start

        digest = hashlib.sha256()
        try:
            fd = self._open_to_check(self.path(ref.sha256))
            with os.fdopen(fd, "rb") as handle:
                found = os.fstat(fd)
                seen = FileIdentity(found.st_ino, found.st_size, found.st_mtime_ns)
                if not stat.S_ISREG(found.st_mode):
                    return BlobCheck(BlobState.UNREADABLE, seen, "not a regular file")
                size = 0
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
        except FileNotFoundError:
            return BlobCheck(BlobState.MISSING, None)
        except OSError as exc:
            return BlobCheck(BlobState.UNREADABLE, None, exc.strerror or str(exc), exc.errno)
        if size != ref.size or digest.hexdigest() != ref.sha256:
            return BlobCheck(BlobState.MISMATCHED, seen)
        return BlobCheck(BlobState.INTACT, seen)

    def _open_to_check(self, path: Path) -> int:
        """The descriptor `check` reads. O_NONBLOCK: a FIFO in the store is opened without
        waiting for a writer (forever)."""
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
        return os.open(path, flags)

    def identity(self, sha256: str) -> FileIdentity | None:
        """The blob's `FileIdentity` now; None when it is gone. Raises other OSErrors."""
        try:
            found = os.stat(self.path(sha256))
        except FileNotFoundError:
            return None
        return FileIdentity(found.st_ino, found.st_size, found.st_mtime_ns)

    def remove_if_same(self, sha256: str, seen: FileIdentity) -> bool | None:
        """Remove the blob only when it is still the file `seen` (hashed earlier): True when
        removed, False when another file is there (left in place), None when none is.

        Comparing a stat with `seen` and then unlinking leaves a window in which an import or a
        download may put a good copy in place (os.replace), which the unlink would take: so the
        file at the name is first renamed aside, atomically, and the file renamed is compared;
        one that is not `seen` goes back under its name (a copy placed meanwhile is as good).
        Raises SetAside when that put-back fails (the file waits for the next sweep, which
        hashes it), other OSErrors with the file back in place."""
        path = self.path(sha256)
        incoming = self.root / INCOMING
        incoming.mkdir(parents=True, exist_ok=True)
        name = f"{sha256}.{os.getpid()}-{os.urandom(8).hex()}"
        lock = ProcessLock(incoming / f"{name}.lock")  # no sweep takes it while it is aside
        if not lock.acquire():  # a fresh name: nobody else holds it
            raise OSError(f"{lock.path}: cannot lock")
        aside = incoming / f"{name}{ASIDE}"
        try:
            try:
                os.rename(path, aside)
            except FileNotFoundError:
                return None
            try:
                found = os.stat(aside)  # as `identity` and the hashing open: links followed
                if FileIdentity(found.st_ino, found.st_size, found.st_mtime_ns) == seen:
                    os.unlink(aside)
                    return True
                failure = None
            except OSError as exc:  # kept: back in place, and the reason said
                failure = exc
            self._put_back(aside, path)
            if failure is not None:
                raise failure
            return False
        finally:
            _drop_lock(lock)

    def _put_back(self, aside: Path, path: Path) -> None:
        """Rename a file set aside back under its name; SetAside when it cannot be. Its time is
        touched then, so a sweep of a version that removes old files unread leaves it a while."""
        try:
            os.replace(aside, path)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.utime(aside)
            raise SetAside(aside, exc) from exc

    def discard(self, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(sha256).unlink()

    def collect_garbage(self, keep: set[str]) -> int:
        """Remove blobs no installed course names; returns bytes freed. The copies killed
        imports left are `sweep_incoming`'s, run before the clean-up's lock is taken."""
        freed = 0
        base = self.root / "sha256"
        if not base.is_dir():
            return 0
        for folder in base.iterdir():
            if not folder.is_dir():
                continue
            for blob in folder.iterdir():
                if blob.name not in keep:
                    freed += blob.stat().st_size
                    blob.unlink()
        return freed


def _sha256_of(path: Path) -> str | None:
    """The sha256 of a regular file's bytes; None when it cannot be read, is not there or is
    not a regular file (a FIFO is not waited on: O_NONBLOCK, as `BlobStore.check`)."""
    import hashlib  # OpenSSL, loaded when a blob is first hashed rather than at start

    digest = hashlib.sha256()
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        with os.fdopen(os.open(path, flags), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                return None
            while chunk := handle.read(CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _owner(path: Path) -> int | None:
    """The process id a copy's file is named after; None for a name that holds none."""
    match = _OWNED.fullmatch(path.stem)
    return int(match.group(1)) if match else None


def _drop_lock(lock: ProcessLock) -> None:
    """Release a copy's lock and remove its file (best effort: Windows may refuse while another
    process has it open; the next sweep takes it)."""
    lock.release()
    with contextlib.suppress(OSError):
        lock.path.unlink(missing_ok=True)
