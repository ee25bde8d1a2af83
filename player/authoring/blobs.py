"""Blobs into a repository: each course file is copied to `blobs/sha256/<2 hex>/<64 hex>`,
named by the sha256 of the bytes copied, and made durable before the manifest naming it is written.

Apart from `build` because it is the part that touches the disk byte by byte: the copy hashed as
it is made (one read each, threads in parallel: hashlib releases the GIL; on Linux the kernel
copies and the copy is hashed in the page cache), the fdatasyncs and folder fsyncs, and a stored
blob's re-hash before it is kept. `build` only orchestrates: it hands the files to a BlobWriter,
then writes the manifest once `make_durable` returns.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import mmap
import os
import stat
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, BinaryIO

from player.authoring.source import SourceFile
from player.course.manifest import FileRef
from sync.durable import WRITE_ERRORS, fsync_dir

CHUNK = 1024 * 1024


class BlobWriter:
    """Copies files into `<repo>/blobs/sha256/..`, hashing them on the way.

    Each new blob's bytes reach the disk before it takes its name (fdatasync in the copying
    thread, while the others hash), and its folder's entry before the manifest is written
    (`make_durable`): after a power cut a published manifest never names a blob that is empty
    or zero-filled. A blob already there of the right size is hashed before it is kept: one
    left by a power cut during an older build, or by a copy cut short, is written again; kept,
    it is synced too (a copied repository's blobs may still be in memory only; not on Windows:
    a read-only handle cannot be flushed). A link, a FIFO or a device under a blob's name
    (verify and the players refuse them) is written again."""

    def __init__(self, repo: Path) -> None:
        self.repo = repo
        self.added: list[Path] = []
        self.bytes_added = 0
        self.replaced: list[Path] = []  # blobs that were there with other bytes, written again
        self._irregular: set[Path] = set()  # of those, the ones that were not a regular file
        self._tmp = repo / "blobs" / ".incoming"
        self._lock = threading.Lock()
        self._folders: set[Path] = set()  # where blobs were renamed into: fsynced at the end
        self._sizes: set[int] | None = None  # of the blobs there before this build

    def ingest(self, source: SourceFile) -> FileRef:
        self._tmp.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        text = None if source.encoding is None else _utf8_subtitles(source)
        fd, tmp_name = tempfile.mkstemp(dir=self._tmp)
        try:
            with os.fdopen(fd, "wb") as dst:
                if text is not None:
                    digest.update(text)
                    dst.write(text)
                    size = len(text)
                else:
                    with open(source.path, "rb", buffering=0) as src:
                        new = os.fstat(src.fileno()).st_size not in self._store_sizes()
                        size = _copy_hashing(src, dst, digest, write_early=new)
                ref = FileRef(digest.hexdigest(), size, source.media_type)
                final = self.repo / ref.blob_path
                keep = self._holds(final, ref)
                if not keep:  # the copy becomes the blob: its bytes on disk before its name
                    dst.flush()
                    _datasync(dst.fileno())
            with self._lock:
                if keep or final in self.added or final in self.replaced:
                    os.unlink(tmp_name)  # the blob is there (or a same file's copy just went)
                    return ref
                # Other bytes under this name, or a link, a FIFO...: written again (os.replace
                # replaces a link itself, never what it points to).
                other = os.path.lexists(final)
                irregular = other and not stat.S_ISREG(os.lstat(final).st_mode)
                final.parent.mkdir(parents=True, exist_ok=True)
                os.chmod(tmp_name, 0o644)
                try:
                    os.replace(tmp_name, final)
                except OSError as exc:  # a folder under the blob's name: the blob's, not ours
                    raise OSError(exc.errno, exc.strerror, str(final)) from None
                self._folders.add(final.parent)
                if other:
                    self.replaced.append(final)
                    if irregular:
                        self._irregular.add(final)
                else:
                    self.added.append(final)
                    self.bytes_added += size
            return ref
        except BaseException as exc:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            if isinstance(exc, OSError) and exc.filename is None:
                # sendfile, mmap and preadv name no file: the one-line error must say which,
                # the copy (in the repository) for a full or read-only disk, not the source.
                written = exc.errno in WRITE_ERRORS  # only the written side says these
                exc.filename = tmp_name if written else str(source.path)
            raise

    def _store_sizes(self) -> set[int]:
        """The sizes of the blobs already stored: a file of none of them is a new blob for
        sure, whose copy can go to disk as it is made (a rebuild's copies are thrown away)."""
        with self._lock:
            if self._sizes is None:
                self._sizes = set()
                for folder in _entries(self.repo / "blobs" / "sha256"):
                    for entry in _entries(folder.path):
                        # A hint: an entry that cannot be read (a link to itself, a blob removed
                        # meanwhile) fails no build; verify names it.
                        with contextlib.suppress(OSError):
                            if entry.is_file(follow_symlinks=False):
                                self._sizes.add(entry.stat(follow_symlinks=False).st_size)
            return self._sizes

    def _holds(self, final: Path, ref: FileRef) -> bool:
        """Whether the blob `final` is there, a regular file with the bytes `ref` names. Of the
        right size it is hashed: a power cut during a build that did not fsync its blobs (before
        this one did), or a copy of the repository cut short, leaves a blob of the right size
        holding zeros, which a size check kept for good and every learner's download then failed
        on. Only a regular file, links not followed: a link (outside the repository, to
        /dev/zero) is refused by verify and the players, and a FIFO made the open wait for ever.
        Kept, it is synced, and its folder before the manifest: a repository copied, or built
        by an older cartable-pack, may hold it in memory only (a clean file's sync, a device flush,
        costs about 1 ms here)."""
        try:
            info = os.lstat(final)
        except FileNotFoundError:
            return False
        except NotADirectoryError:  # the fault is the folder's, not the blob's: name it
            raise OSError(
                errno.ENOTDIR, "is not a folder", str(self._not_a_folder(final))
            ) from None
        if not stat.S_ISREG(info.st_mode) or info.st_size != ref.size:
            return False
        with self._lock:
            if final in self.added or final in self.replaced:
                return True  # this build wrote it: a course naming one file twice
        try:
            # Not blocking, links not followed: swapped since the lstat, it is refused here.
            fd = os.open(final, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_BINARY", 0))
            with open(fd, "rb", buffering=0) as handle:
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    return False
                if _file_sha256(handle) != ref.sha256:
                    return False
                _datasync_kept(fd)
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # a link put there since the lstat
                return False
            # A read error names no file: it is the stored blob's, not the course file's.
            raise OSError(exc.errno, exc.strerror, str(final)) from None
        with self._lock:
            self._folders.add(final.parent)
        return True

    def _not_a_folder(self, final: Path) -> Path:
        """The first folder on the way to the blob `final` that is something else (a file where
        `blobs/sha256/f1` should be), for the error to name it: the blob's own path named the
        blob, not what to remove."""
        for folder in reversed(final.relative_to(self.repo).parents[:-1]):
            if not (self.repo / folder).is_dir():
                return self.repo / folder
        return final.parent

    def make_durable(self) -> None:
        """fsync the folders blobs were renamed into, and those above them that this build may
        have made: the manifest, written next, must not survive a power cut its blobs' names
        did not. Their bytes were fsynced before each rename."""
        with self._lock:
            folders = sorted(self._folders)
        if not folders:
            return
        store = self.repo / "blobs" / "sha256"
        for folder in [*folders, store, store.parent, self.repo]:
            try:
                fsync_dir(folder, strict=True)  # an EIO here must not publish the manifest
            except OSError as exc:
                if exc.errno not in _NO_FOLDER_SYNC:
                    raise OSError(exc.errno, exc.strerror, str(folder)) from None

    def warnings(self) -> list[str]:
        """One line for each blob found with other bytes than its name hashes, or found not a
        regular file."""
        return [
            f"{path.relative_to(self.repo).as_posix()} was not a regular file: written again"
            if path in self._irregular
            else f"{path.relative_to(self.repo).as_posix()} held other bytes than its sha256 "
            "(left by a power cut during an earlier build, or by a copy cut short): written again"
            for path in self.replaced
        ]

    def undo(self) -> None:
        """Remove the blobs this build added (a failed build leaves the repository as it was;
        a blob written again over other bytes stays: it now holds what its name says)."""
        with self._lock:
            for path in self.added:
                path.unlink(missing_ok=True)
            self.added.clear()
            self.bytes_added = 0

    def finish(self) -> None:
        if self._tmp.is_dir():
            for leftover in self._tmp.iterdir():
                leftover.unlink(missing_ok=True)
            self._tmp.rmdir()


def _datasync(fd: int) -> None:
    """A file's bytes to disk: fdatasync where there is one (not its times: a journal commit
    fewer), fsync elsewhere (macOS, Windows)."""
    sync = getattr(os, "fdatasync", None) or os.fsync
    sync(fd)


def _datasync_kept(fd: int) -> None:
    """Sync a blob kept, opened read-only: Windows cannot sync such a handle (EBADF), and some
    file systems cannot sync at all (EINVAL); any other error (EIO) fails the build."""
    try:
        _datasync(fd)
    except OSError as exc:
        if exc.errno not in _NO_FOLDER_SYNC:
            raise


def _file_sha256(handle: BinaryIO) -> str:
    """The sha256 of a stored blob, read to its end. Not through a map, as the copy is: this
    file is not ours, and one shortened meanwhile (a copy over the repository) or an unreadable
    sector would be a SIGBUS killing the build, where a read gives the bytes there or an error."""
    digest = hashlib.sha256()
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    while count := handle.readinto(buffer):
        digest.update(view[:count])
    return digest.hexdigest()


def _entries(folder: Path | str) -> list[os.DirEntry[str]]:
    """What `folder` holds; nothing when it cannot be read (missing, not a folder, refused)."""
    try:
        with os.scandir(folder) as found:
            return list(found)
    except OSError:
        return []


#: Linux copies file to file in the kernel (sendfile through the page cache, never a reflink:
#: the copy is then in memory to hash, not on disk to read back).
_SENDFILE = sys.platform.startswith("linux")
WINDOW = 8 * CHUNK  # copied, then hashed, at once (a multiple of mmap's offset granularity)
#: What sendfile says when the source's file system cannot splice; nothing is written then.
_NO_SENDFILE = {errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV}
_FADVISE = hasattr(os, "posix_fadvise")
#: Opening a stored blob: never through a link, never waiting (a FIFO opened for reading waits
#: for a writer); Windows has neither flag, and no FIFO to wait on.
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
#: A folder (or a read-only handle) the file system cannot sync: nothing more can be done there.
_NO_FOLDER_SYNC = {errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EBADF}


def _copy_hashing(src: BinaryIO, dst: BinaryIO, digest: Any, *, write_early: bool = False) -> int:
    """Copy `src` to the start of `dst` (opened read-write, as mkstemp does), hashing what `dst`
    holds; the bytes copied. On Linux the kernel copies a window at a time and the window is
    hashed where the copy lies, in the page cache: a copying thread takes the GIL a few times a
    window, not three times a MiB (read, hash, write), each a wait of up to the switch interval
    while the main thread imports the validator and checks the manifest; and the bytes are not
    copied through a buffer (measured on the 500 MB benchmark: see the commit). `write_early`:
    the copy will be kept, and goes to disk window by window (see _sendfile_hashing)."""
    if _SENDFILE:
        try:
            return _sendfile_hashing(src.fileno(), dst.fileno(), digest, write_early)
        except _NoSendfile:
            pass
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    size = 0
    while count := src.readinto(buffer):
        chunk = view[:count]
        digest.update(chunk)
        dst.write(chunk)
        size += count
    return size


class _NoSendfile(Exception):
    """The source's file system cannot copy in the kernel; nothing was written."""


def _sendfile_hashing(src: int, dst: int, digest: Any, write_early: bool = False) -> int:
    """The kernel copies a window, the window is hashed through a read-only map of the copy
    (unmapped before the next: the peak memory stays a window a thread); where the copy cannot
    be mapped, by reading it back (_hash_read_back). `write_early`: each window hashed is handed
    to the disk at once (POSIX_FADV_DONTNEED starts its write-back), so that the fdatasync
    making the blob durable waits for the last window, not the whole file: the 500 MB build
    took 0.97 s instead of 1.16 (0.77 without fsync); a hint, the fdatasync is the guarantee."""
    offset = 0
    buffer: bytearray | None = None  # once the copy would not map: read back through it
    while True:
        window = 0
        while window < WINDOW:
            try:
                sent = os.sendfile(dst, src, offset + window, WINDOW - window)
            except OSError as exc:
                if offset + window == 0 and exc.errno in _NO_SENDFILE:
                    raise _NoSendfile from exc
                raise  # a disk error midway is the build's to report
            if not sent:
                break
            window += sent
        if window:
            if buffer is None:
                try:
                    with mmap.mmap(dst, window, offset=offset, access=mmap.ACCESS_READ) as copied:
                        digest.update(copied)
                except OSError:
                    buffer = bytearray(CHUNK)
            if buffer is not None:
                _hash_read_back(dst, offset, window, buffer, digest)
            if write_early and _FADVISE:
                with contextlib.suppress(OSError):
                    os.posix_fadvise(dst, offset, window, os.POSIX_FADV_DONTNEED)
            offset += window
        if window < WINDOW:
            return offset


def _hash_read_back(dst: int, offset: int, window: int, buffer: bytearray, digest: Any) -> None:
    """Hash `window` bytes of the copy from `offset` by reading them back: a FUSE mount opened
    with direct_io (bindfs, sshfs -o direct_io) refuses mmap (ENODEV) but copies with sendfile.
    The copy reading shorter than was written is a disk error (EIO), never a shorter blob."""
    view = memoryview(buffer)
    end = offset + window
    while offset < end:
        count = os.preadv(dst, [view[: min(len(buffer), end - offset)]], offset)
        if not count:
            raise OSError(errno.EIO, f"{os.strerror(errno.EIO)} (the copy reads shorter)")
        digest.update(view[:count])
        offset += count


def _utf8_subtitles(source: SourceFile) -> bytes:
    """A subtitle file as the package holds it: UTF-8 (the player's parser, the WebVTT spec)."""
    from player.course.subtitles import read_subtitles, utf8_subtitles

    data = read_subtitles(source.path)
    return utf8_subtitles(data, str(source.path), encoding=source.encoding or "")
