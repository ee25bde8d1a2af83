"""Files that are either whole or not there: write aside, fsync, rename into place, fsync the
folder. The one way the player and sync write their small files (settings, install records,
credentials, catalogs, watermarks).

Standard library only, so the records store and the blob store can use it at start without
loading the network stack.
"""

from __future__ import annotations

import contextlib
import glob
import os
import time
from pathlib import Path

#: A temporary file older than this was left by a crash; a younger one may be another process's
#: write in flight (the GUI and `cartable sync` write some files both), which must keep it.
STALE_AFTER = 300.0


def write_atomic(path: Path, data: bytes | str, *, private: bool = False) -> None:
    """Replace `path` with `data` so that a crash or a power cut leaves the old file or the new
    one, never a mix. The temporary file is in the same folder (a rename never crosses file
    systems) and is removed if anything fails. `private`: readable by the user only (0600);
    otherwise the mode `open()` gives (the umask applied by the system, no global state)."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o600 if private else 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)
    old = time.time() - STALE_AFTER
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):  # left by a crash
        with contextlib.suppress(OSError):
            if stale.stat().st_mtime < old:
                stale.unlink()


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
