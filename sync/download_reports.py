"""What a download tells its caller: progress while it runs, a result when it ends. Plain frozen
values, so a worker thread can hand them to a UI thread as they are."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sync.download_state import DownloadState, FailureKind


@dataclass(frozen=True)
class RetryRecord:
    sha256: str
    reason: str
    delay: float


@dataclass(frozen=True)
class DownloadProgress:
    download_id: str
    state: DownloadState
    done_bytes: int
    """Bytes of the course on disk: blobs present plus the parts."""
    total_bytes: int
    bytes_per_second: float
    """Over the last few seconds."""
    current: tuple[str, ...]
    """sha256 of the blobs being fetched now."""
    blobs_done: int
    blobs_total: int
    reason: str | None = None
    """What a waiting or failed download waits for / failed on."""
    failure: FailureKind | None = None
    """What a FAILED download failed on, or what one WAITING_FOR_NETWORK waits out (NETWORK,
    SERVER); the player words it, `reason` is for support."""

    @property
    def fraction(self) -> float:
        return 1.0 if self.total_bytes == 0 else self.done_bytes / self.total_bytes

    @property
    def seconds_left(self) -> float | None:
        if self.bytes_per_second <= 0:
            return None
        return (self.total_bytes - self.done_bytes) / self.bytes_per_second


@dataclass(frozen=True)
class DownloadResult:
    download_id: str
    state: DownloadState
    """COMPLETED, FAILED, PAUSED (its cancel was set) or QUEUED (`Downloader.shutdown`)."""
    error: str | None
    total_bytes: int
    fetched_bytes: int
    """Bytes received from the source during this run, including any discarded."""
    reused_bytes: int
    """Bytes that were already on disk when the run started (blobs present, resumed parts)."""
    retries: tuple[RetryRecord, ...] = ()
    failure: FailureKind | None = None
    """What a FAILED download failed on."""


ProgressCallback = Callable[[DownloadProgress], None]
