"""The download engine's tunables: one frozen value, so its worker threads read them without a lock
(tests shorten the delays and timeouts)."""

from __future__ import annotations

from dataclasses import dataclass

from sync.download_io import MiB


@dataclass(frozen=True)
class DownloadOptions:
    parallel: int = 3
    """Blobs fetched at once (threads sharing the session's connection pool)."""
    mismatch_attempts: int = 3
    """A blob whose bytes do not match its hash is fetched this many times in all, then the
    course download fails naming it."""
    max_failures: int = 5
    """Network failures in a row (without progress) before the download waits for the network."""
    backoff_base: float = 1.0
    backoff_cap: float = 60.0
    network_backoff_base: float = 5.0
    network_backoff_cap: float = 300.0
    """Longest wait between two tries while waiting for the network (it may come back sooner
    through `Reachability`)."""
    retry_after_cap: float = 3600.0
    connect_timeout: float = 15.0
    read_timeout: float = 30.0
    """A stall this long (no byte received) counts as a network failure."""
    stall_bytes: int = 1024
    """Fewer bytes than this in `read_timeout` seconds spent waiting on the server count as a
    stall too (sync/download_stall.py): a byte trickled within each read timeout would hold a
    download for ever. Time held back by the speed limit is not counted, so even the lowest
    limit (1 KB/s shared by every download) never looks like a stall."""
    chunk_size: int = MiB
    checkpoint_seconds: float = 2.0
    """How often a growing part is fsynced and its length recorded (bounds what a power cut
    loses; a killed process loses nothing that reached the part file)."""
    free_space_margin: int = 100 * MiB
    progress_interval: float = 0.2
    progress_reset_bytes: int = 256 * 1024
    """An attempt that received at least this much resets the failure count."""
    gate_poll_seconds: float = 1.0
    clean_up_wait: float = 60.0
    """How long a new download waits for a clean-up of the store (any Cartable process) to end
    before failing as BUSY."""
