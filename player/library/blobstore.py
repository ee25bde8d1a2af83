"""The device's content-addressed file store: every course file once, named by its sha256.

Layout `<root>/sha256/<2 hex>/<64 hex>` (the repository layout without the `blobs/` prefix), so a
download engine, a USB copy and an archive import all land files in the same place. A blob only
appears under its name once its bytes are hashed, synced to disk and renamed into place.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from player.course.errors import PackageError
from player.course.manifest import FileRef
from sync.durable import fsync_dir

if TYPE_CHECKING:
    from player.course.package import Source

CHUNK = 1024 * 1024


class BlobStore:
    def __init__(self, root: Path) -> None:
        self.root = root

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
        import tempfile

        incoming = self.root / ".incoming"
        incoming.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=incoming, prefix=ref.sha256[:12])
        try:
            with os.fdopen(fd, "wb") as handle:
                digest = source.hash_blob(ref, handle.write)
                handle.flush()
                os.fsync(handle.fileno())
            if digest != ref.sha256 or os.path.getsize(tmp) != ref.size:
                raise PackageError(
                    f"{source.name}: {ref.blob_path}", "content does not match its sha256"
                )
            self._place(Path(tmp), ref.sha256)
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)

    def _place(self, tmp: Path, sha256: str) -> None:
        final = self.path(sha256)
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(tmp, final)
        fsync_dir(final.parent)

    def verify(self, ref: FileRef) -> bool:
        """Re-hash a stored blob (repair): True when present and intact."""
        import hashlib  # OpenSSL, loaded when a blob is first hashed rather than at start

        path = self.path(ref.sha256)
        digest = hashlib.sha256()
        try:
            with open(path, "rb") as handle:
                while chunk := handle.read(CHUNK):
                    digest.update(chunk)
        except OSError:
            return False
        return digest.hexdigest() == ref.sha256 and path.stat().st_size == ref.size

    def discard(self, sha256: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(sha256).unlink()

    def collect_garbage(self, keep: set[str]) -> int:
        """Remove blobs no installed course names; returns bytes freed."""
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
