"""Making a rename durable: fsync the folder that holds the new name.

Standard library only, so the records store and the blob store can use it at start without
loading the network stack.
"""

from __future__ import annotations

import os
from pathlib import Path


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
