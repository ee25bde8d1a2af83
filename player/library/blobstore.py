"""The device's content-addressed file store: every course file once, named by its sha256.

Layout `<root>/sha256/<2 hex>/<64 hex>` (the repository layout without the `blobs/` prefix), so a
download engine, a USB copy and an archive import all land files in the same place. A blob only
appears under its name once its bytes are hashed, synced to disk and renamed into place.

A copy in flight is `<root>/.incoming/<name>.part`, beside `<name>.lock`, an OS lock its import
holds from before the part exists until after it is gone. A kill leaves both: the next import (or
clean-up) removes a part whose lock is free and that is older than `STALE_AFTER`, so no process
ever deletes another's copy, however slow the stick it reads.
"""

from __future__ import annotations

import contextlib
import enum
import os
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
    state: BlobState
    seen: FileIdentity | None  # the file hashed, from its open handle; None when not opened
    reason: str = ""  # why it could not be read (UNREADABLE)
    error: int | None = None  # its errno (UNREADABLE): EACCES is for the user to fix, not a fetch


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
        system that cannot lock, a live import cannot be told: none goes."""
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
                if path.stat().st_mtime >= old:
                    continue
                lock = ProcessLock(path.with_suffix(".lock"))
                if not lock.acquire_if_free():  # its import is alive, or cannot be told
                    continue
                try:
                    if path.suffix != ".lock":
                        path.unlink()
                        removed += 1
                finally:
                    _drop_lock(lock)
        return removed

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
        one that is not `seen` goes back under its name (a copy placed meanwhile is as good)."""
        path = self.path(sha256)
        incoming = self.root / INCOMING
        incoming.mkdir(parents=True, exist_ok=True)
        name = f"{sha256[:12]}-{os.getpid()}-{os.urandom(8).hex()}"
        lock = ProcessLock(incoming / f"{name}.lock")  # no sweep takes it while it is aside
        if not lock.acquire():  # a fresh name: nobody else holds it
            raise OSError(f"{lock.path}: cannot lock")
        aside = incoming / f"{name}.part"
        try:
            try:
                os.rename(path, aside)
            except FileNotFoundError:
                return None
            found = os.stat(aside)  # as `identity` and the hashing open: links followed
            if FileIdentity(found.st_ino, found.st_size, found.st_mtime_ns) == seen:
                os.unlink(aside)
                return True
            os.replace(aside, path)  # another file: back where it was
            return False
        finally:
            _drop_lock(lock)

    def discard(self, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(sha256).unlink()

    def collect_garbage(self, keep: set[str]) -> int:
        """Remove blobs no installed course names, and copies killed imports left; returns bytes
        freed by the blobs."""
        self.sweep_incoming()
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


def _drop_lock(lock: ProcessLock) -> None:
    """Release a copy's lock and remove its file (best effort: Windows may refuse while another
    process has it open; the next sweep takes it)."""
    lock.release()
    with contextlib.suppress(OSError):
        lock.path.unlink(missing_ok=True)
