"""Files that are either whole or not there: write aside, fsync, rename into place, fsync the
folder. The one way the player and sync write their small files (settings, install records,
credentials, catalogs, watermarks), and, through `open_output`, the files a user names (exports,
keys), which may be a symlink, a pipe or a device rather than a file of ours to replace.

Standard library only, so the records store and the blob store can use it at start without
loading the network stack.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

#: A temporary file older than this was left by a crash; a younger one may be another process's
#: write in flight (the GUI and `cartable sync` write some files both), which must keep it.
STALE_AFTER = 300.0
#: `-o -`: standard output, for the exports a shell may pipe on (`open_output(..., stdout=True)`).
STDOUT = Path("-")


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")


def write_atomic(path: Path, data: bytes | str, *, private: bool = False) -> None:
    """Replace `path` with `data` so that a crash or a power cut leaves the old file or the new
    one, never a mix. The temporary file is in the same folder (a rename never crosses file
    systems) and is removed if anything fails. `private`: readable by the user only (0600);
    otherwise the mode `open()` gives (the umask applied by the system, no global state)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    with _replacing(path, private) as handle:
        handle.write(data)


#: Errors only a write can meet (a full, read-only or over-quota disk, a file over the limit):
#: raised inside a `_replacing` block without a file name, they are the output's. Any other (EIO
#: reading a blob while an archive is written) may be the caller's reading, and is left unnamed.
#: The authoring tools tell a whole disk's errors from one file's with the same set.
WRITE_ERRORS = frozenset(
    {errno.ENOSPC, errno.EFBIG, errno.EROFS, getattr(errno, "EDQUOT", errno.ENOSPC)}
)


@contextlib.contextmanager
def _replacing(path: Path, private: bool) -> Iterator[BinaryIO]:
    """A stream onto a temporary file beside `path` that replaces it once the block ends well,
    and is removed if it does not. A write, a flush or an fsync names no file: `path` is set as
    the error's file ("[Errno 28] No space left on device" said not which disk), for durable's
    own steps always, for the block's errors only when they are a write's (WRITE_ERRORS)."""
    tmp = _temporary(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o600 if private else 0o666)
    handle = os.fdopen(fd, "wb")
    try:
        try:
            yield handle
        except OSError as exc:
            if exc.filename is None and exc.errno in WRITE_ERRORS:
                exc.filename = str(path)
            raise
        try:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
        except OSError as exc:
            if exc.filename is None:
                exc.filename = str(path)
            raise
        os.replace(tmp, path)  # its error names both files
    except BaseException:
        with contextlib.suppress(OSError):  # what failed is said, not a flush of what is dropped
            handle.close()
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
    _remove_stale(path)


def _remove_stale(path: Path) -> None:
    """The temporary files of `path` a crash left (an export's can be gigabytes on a stick)."""
    old = time.time() - STALE_AFTER
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        with contextlib.suppress(OSError):
            if stale.stat().st_mtime < old:
                stale.unlink()


@contextlib.contextmanager
def open_output(path: Path, *, private: bool = False, stdout: bool = False) -> Iterator[BinaryIO]:
    """A binary stream onto a file the user named, whatever it is. A regular file, missing or
    existing, is replaced atomically (a full USB stick keeps the old file, never half a new one),
    and through a symlink the file it points to is, the symlink kept. A device, a FIFO or a socket
    is written in place: a rename would put a regular file in place of `/dev/null` or of the pipe
    a reader waits on. `stdout`: `-` is standard output. `private`: created 0600 from the start.
    A folder is refused (IsADirectoryError) before anything is written."""
    if stdout and path == STDOUT:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    try:
        found = os.stat(path)  # through symlinks; `/dev/stdout` may name a pipe realpath cannot
    except FileNotFoundError:  # dangling symlinks included: the file they name is created
        found = None
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    if found is not None and not stat.S_ISREG(found.st_mode):
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))  # never creates a file
        with os.fdopen(fd, "wb") as stream:
            yield stream
        return
    with _replacing(Path(os.path.realpath(path)), private) as handle:
        yield handle


def fsync_dir(path: Path, *, strict: bool = False) -> None:
    """Flush a folder's entries to disk. Best effort unless `strict`: some file systems (and
    Windows) cannot fsync a folder, and a rename that is already done stays done."""
    if os.name == "nt":  # folders cannot be opened for fsync on Windows
        return
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        if strict:
            raise
        return
    try:
        os.fsync(fd)
    except OSError:
        if strict:
            raise
    finally:
        os.close(fd)
