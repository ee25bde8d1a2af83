"""A blob store where some files cannot be read, as with a wrong owner or `chmod 000`."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from player.library.blobstore import BlobStore


def as_root() -> bool:
    return getattr(os, "geteuid", lambda: -1)() == 0


class DeniedBlobs(BlobStore):
    """The blob store, where `deny(sha256)` makes a file unreadable: `chmod 000` for real, as a
    learner meets it; root reads whatever the mode (CI runs the tests as root), so for root the
    check's open of that file fails with EACCES instead, as the kernel's would. Denied is the
    file, by its inode, as a mode is: a copy put in its place (os.replace) reads."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.denied: set[int] = set()

    def deny(self, sha256: str) -> None:
        path = self.path(sha256)
        path.chmod(0)
        self.denied.add(path.stat().st_ino)

    def _open_to_check(self, path: Path) -> int:
        if as_root() and _inode(path) in self.denied:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(path))
        return super()._open_to_check(path)


def _inode(path: Path) -> int | None:
    try:
        return path.stat().st_ino
    except OSError:
        return None
