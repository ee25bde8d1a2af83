"""A blob's `.part` file: how much of it a resume may trust, and how it grows, hashing as it goes,
to become the blob.

`<root>/.partial/<sha256>.part` grows with `Range`/`If-Range`, the sha256 is computed while
writing (on resume the existing part is hashed locally first), and the finished file is checked,
fsynced, renamed to `<root>/sha256/<2 hex>/<64 hex>` and its folder fsynced.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path
from typing import Any, BinaryIO

from sync.download_failures import Mismatch, write_failed
from sync.download_io import MiB, blob_path, part_path
from sync.download_run import Run
from sync.download_state import BlobSpec, DownloadStore, PartRecord
from sync.durable import fsync_dir


class Part:
    """The `.part` file of one blob during one worker's handling of it, with its running hash."""

    def __init__(
        self,
        run: Run,
        blob: BlobSpec,
        *,
        root: Path,
        store: DownloadStore,
        boot_id: str | None,
        checkpoint_seconds: float,
    ) -> None:
        self.run = run
        self.blob = blob
        self.root = root
        self.store = store
        self.boot_id = boot_id
        self.checkpoint_seconds = checkpoint_seconds
        self.path = part_path(root, blob.sha256)
        self.file: BinaryIO | None = None
        self.hasher: Any = None
        self.offset = 0
        self.validator: str | None = None
        self.next_checkpoint = 0.0
        self._durable = -1

    def open(self) -> None:
        """Open the part for appending, hashing what is already there (local bytes only)."""
        if self.file is not None:
            return
        try:
            self.offset = usable_part_bytes(self.root, self.store, self.boot_id, self.blob)
            self.hasher = hashlib.sha256()
            self.file = open(self.path, "ab", buffering=0)  # noqa: SIM115 (closed in close())
            if self.offset:
                with open(self.path, "rb") as existing:
                    while chunk := existing.read(MiB):
                        self.hasher.update(chunk)
        except OSError as exc:
            self.close()
            raise write_failed("cannot write", self.path, exc) from None
        record = self.store.part(self.blob.sha256)
        self.validator = record.validator if record is not None and self.offset else None
        self.next_checkpoint = time.monotonic() + self.checkpoint_seconds

    def restart(self, validator: str | None) -> None:
        """Start over from byte 0 (a 200 answer, or the source changed under the validator)."""
        assert self.file is not None
        if self.offset:
            self.run.forget_part_bytes(self.offset)
        self.file.truncate(0)
        self.file.seek(0)
        self.offset = 0
        self.hasher = hashlib.sha256()
        self.validator = validator
        self._durable = -1
        self.checkpoint()

    def write(self, data: bytes) -> None:
        assert self.file is not None
        if self.offset + len(data) > self.blob.size:
            raise Mismatch(f"more bytes than the expected {self.blob.size}")
        view = memoryview(data)
        try:
            while view:  # an unbuffered write may be short
                written = self.file.write(view)
                if not written:
                    raise OSError("nothing written")
                view = view[written:]
        except OSError as exc:  # a full disk or a removed drive is not a network failure
            raise write_failed("cannot write", self.path, exc) from None
        self.hasher.update(data)
        self.offset += len(data)

    def checkpoint(self) -> None:
        """fsync the part and record its length, so a power cut loses at most one interval."""
        if self.file is None or self.offset == self._durable:
            return
        try:
            os.fsync(self.file.fileno())
        except OSError as exc:
            raise write_failed("cannot write", self.path, exc) from None
        self.store.save_part(
            PartRecord(self.blob.sha256, self.blob.size, self.offset, self.validator, self.boot_id)
        )
        self._durable = self.offset
        self.next_checkpoint = time.monotonic() + self.checkpoint_seconds

    def finish(self) -> None:
        """Check size and hash; fsync, rename into the store, fsync the folder."""
        assert self.file is not None
        if self.offset != self.blob.size:
            raise Mismatch(f"got {self.offset} bytes, expected {self.blob.size}")
        digest = self.hasher.hexdigest()
        if digest != self.blob.sha256:
            raise Mismatch(f"content hash is {digest}")
        self._check_on_disk()
        final = blob_path(self.root, self.blob.sha256)
        try:
            os.fsync(self.file.fileno())
            self.file.close()
            self.file = None
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.path, final)
            fsync_dir(final.parent, strict=True)
        except OSError as exc:
            raise write_failed("cannot store", final, exc) from None
        # The part's row goes with the blob's DONE state, in one transaction (Downloader._worker).

    def _check_on_disk(self) -> None:
        """What is renamed must be what was hashed: the count and the hash are of this handle's
        writes only, and another process appending to the same part (a home whose file system
        cannot lock) or replacing it would store a corrupt blob as verified. Two stats."""
        assert self.file is not None
        try:
            on_disk = os.fstat(self.file.fileno())
            named = os.stat(self.path)
        except FileNotFoundError:
            raise Mismatch(f"{self.path} was removed while it was written") from None
        except OSError as exc:
            raise write_failed("cannot write", self.path, exc) from None
        if (named.st_dev, named.st_ino) != (on_disk.st_dev, on_disk.st_ino):
            raise Mismatch(f"{self.path} was replaced while it was written")
        if on_disk.st_size != self.blob.size:
            raise Mismatch(
                f"{self.path} holds {on_disk.st_size} bytes where {self.blob.size} were written"
            )

    def discard(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)
        self.store.drop_part(self.blob.sha256)
        if self.offset:
            self.run.forget_part_bytes(self.offset)
        self.offset = 0
        self._durable = -1

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


def usable_part_bytes(root: Path, store: DownloadStore, boot_id: str | None, blob: BlobSpec) -> int:
    """Length of the part a resume may trust (cut back after a reboot), 0 if none."""
    path = part_path(root, blob.sha256)
    try:
        have = path.stat().st_size
    except FileNotFoundError:
        return 0
    record = store.part(blob.sha256)
    if record is None or record.size != blob.size:
        trusted = 0
    elif record.boot_id is not None and record.boot_id == boot_id:
        trusted = have  # a crash, not a reboot: the page cache kept every written byte
    else:
        trusted = min(have, record.done_bytes)
    if trusted > blob.size:
        trusted = 0
    if trusted != have:
        try:
            os.truncate(path, trusted)
        except OSError as exc:
            raise write_failed("cannot write", path, exc) from None
    return trusted
