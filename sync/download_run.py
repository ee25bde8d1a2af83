"""The shared state of one course download: the queue its worker threads take blobs from, the
byte counts its progress reports, and why its workers stopped (the engine decides from that)."""

from __future__ import annotations

import threading
import time
from collections import deque

from sync.download_options import DownloadOptions
from sync.download_reports import DownloadProgress, DownloadResult, ProgressCallback, RetryRecord
from sync.download_state import BlobSpec, DownloadState, DownloadStore, FailureKind
from sync.repository import blob_relative, is_http, url_for


class Run:
    """Shared state of one course download across its worker threads."""

    def __init__(
        self,
        store: DownloadStore,
        options: DownloadOptions,
        download_id: str,
        source: str,
        specs: list[BlobSpec],
        cancel: threading.Event,
        progress: ProgressCallback | None,
        *,
        local: bool = False,
        replace: frozenset[str] = frozenset(),
    ) -> None:
        self.store = store
        self.options = options
        self.id = download_id
        self.source = source
        self.is_http = is_http(source)
        self.local = local
        """A folder or a computer of this network (`sync.repository.is_local_source`): not
        capped, never held by the download hours or a metered connection."""
        self.specs = specs
        self.replace = replace
        """Blobs fetched even when present at their size (a disk error left them unreadable):
        each verified part replaces the stored file, which is never removed first."""
        self.cancel = cancel
        self.callback = progress
        self.total = sum(b.size for b in specs)
        self.pending: deque[BlobSpec] = deque()
        self.active: dict[str, BlobSpec] = {}
        self.part_bytes: dict[str, int] = {}
        self.lock = threading.Lock()
        self.done_bytes = 0  # present blobs + part bytes
        self.blobs_done = 0
        self.fetched = 0
        self.reused = 0
        self.retries: list[RetryRecord] = []
        self.state = DownloadState.QUEUED
        self.reason: str | None = None
        self.fatal: str | None = None
        self.fatal_kind = FailureKind.OTHER
        self.failure_kind: FailureKind | None = None
        self.network_down: str | None = None
        self.network_kind: FailureKind | None = None
        """What `network_down` is (NetworkFailure.kind): the waiting state records it."""
        self.gate_closed = False
        self.progressed = False
        self.pass_generation = 0
        self._failures = 0
        self._halt = threading.Event()
        self._last_emit = 0.0
        self._samples: deque[tuple[float, int]] = deque()

    def where(self, blob: BlobSpec) -> str:
        if self.is_http:
            return url_for(self.source, blob_relative(blob.sha256))
        return self.source

    # bookkeeping

    def mark_present(self, blob: BlobSpec) -> None:
        self.done_bytes += blob.size
        self.reused += blob.size
        self.blobs_done += 1

    def note_part(self, blob: BlobSpec, nbytes: int) -> None:
        self.part_bytes[blob.sha256] = nbytes
        self.done_bytes += nbytes
        self.reused += nbytes

    def forget_part_bytes(self, nbytes: int) -> None:
        with self.lock:
            self.done_bytes -= nbytes

    def add_fetched(self, nbytes: int) -> None:
        with self.lock:
            self.fetched += nbytes
            self.done_bytes += nbytes
        self.emit(self.state, self.reason)

    def take(self) -> BlobSpec | None:
        with self.lock:
            if self.halted() or not self.pending:
                return None
            blob = self.pending.popleft()
            self.active[blob.sha256] = blob
        self.emit(self.state, self.reason, force=True)
        return blob

    def give_back(self, blob: BlobSpec) -> None:
        with self.lock:
            self.active.pop(blob.sha256, None)
            self.pending.appendleft(blob)

    def blob_done(self, blob: BlobSpec) -> None:
        with self.lock:
            self.active.pop(blob.sha256, None)
            self.blobs_done += 1
            self.progressed = True
        self.emit(self.state, self.reason, force=True)

    # failures and halting

    def start_pass(self, generation: int) -> None:
        self.pass_generation = generation
        self._halt.clear()
        self.network_down = None
        self.network_kind = None
        self.gate_closed = False
        self.progressed = False
        self._failures = 0

    def halted(self) -> bool:
        return self._halt.is_set() or self.cancel.is_set() or self.gate_closed

    def failure(self, progressed: bool) -> int:
        with self.lock:
            if progressed:
                self._failures = 0
                self.progressed = True
            self._failures += 1
            return self._failures

    def failures_reset(self) -> None:
        with self.lock:
            self._failures = 0

    def set_network_down(self, reason: str, kind: FailureKind | None) -> None:
        with self.lock:
            if self.network_down is None:
                self.network_down = reason
                self.network_kind = kind
        self._halt.set()

    def set_fatal(self, reason: str, kind: FailureKind) -> None:
        with self.lock:
            if self.fatal is None:
                self.fatal = reason
                self.fatal_kind = kind
        self._halt.set()

    def sleep(self, seconds: float) -> bool:
        """Wait, returning True early if the run was halted meanwhile."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if self.halted():
                return True
            self._halt.wait(min(left, 0.1))
        return self.halted()

    def log_retry(self, sha256: str, reason: str, delay: float) -> None:
        with self.lock:
            self.retries.append(RetryRecord(sha256, reason, delay))

    # state and progress

    def set_state(
        self, state: DownloadState, reason: str | None, failure: FailureKind | None = None
    ) -> None:
        self.state = state
        self.reason = reason
        self.failure_kind = failure
        self.store.set_state(self.id, state, reason, failure)
        self.emit(state, reason, force=True)

    def finish(
        self, state: DownloadState, reason: str | None, failure: FailureKind | None = None
    ) -> DownloadResult:
        self.set_state(state, reason, failure)
        return self.result(state, reason, failure)

    def finish_unrecorded(self, reason: str, failure: FailureKind) -> DownloadResult:
        """FAILED, when the state itself could not be written (its disk is full): said to the
        caller and shown, while the database keeps the last state it could write, from which
        the next run resumes."""
        self.state = DownloadState.FAILED
        self.reason = reason
        self.failure_kind = failure
        self.emit(DownloadState.FAILED, reason, force=True)
        return self.result(DownloadState.FAILED, reason, failure)

    def result(
        self, state: DownloadState, reason: str | None, failure: FailureKind | None
    ) -> DownloadResult:
        return DownloadResult(
            self.id,
            state,
            reason,
            self.total,
            self.fetched,
            self.reused,
            tuple(self.retries),
            failure,
        )

    def emit(self, state: DownloadState, reason: str | None, force: bool = False) -> None:
        if self.callback is None:
            return
        now = time.monotonic()
        with self.lock:
            if not force and now - self._last_emit < self.options.progress_interval:
                return
            self._last_emit = now
            self._samples.append((now, self.fetched))
            while len(self._samples) > 2 and now - self._samples[0][0] > 3.0:
                self._samples.popleft()
            first_t, first_b = self._samples[0]
            speed = (self.fetched - first_b) / (now - first_t) if now > first_t else 0.0
            snapshot = DownloadProgress(
                self.id,
                state,
                self.done_bytes,
                self.total,
                speed,
                tuple(self.active),
                self.blobs_done,
                len(self.specs),
                reason,
                self.failure_kind if state.has_failure else None,
            )
        self.callback(snapshot)
