"""Resumable, verified, rate-limited blob downloads from an http(s) repository or a folder.

One `Downloader` per application (it owns the pooled session, the global bandwidth cap, the blob
root and the durable state); `Downloader.run()` fetches one course's missing blobs and blocks
until they are all in the store, the download fails, or `cancel` is set. Call it from a worker
thread; progress arrives through a callback that never touches a UI.

Per blob: `<root>/.partial/<sha256>.part` grows with `Range`/`If-Range`, the sha256 is computed
while writing (on resume the existing part is hashed locally first), and the finished file is
checked, fsynced, renamed to `<root>/sha256/<2 hex>/<64 hex>` and its folder fsynced. The store
above verifies again when it installs; here a blob "is present" when it exists with its size.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

import requests
import urllib3

from sync.conditions import Reachability, TimeWindow
from sync.download_io import (
    MiB,
    ReceiveBuffer,
    backoff,
    blob_path,
    boot_id,
    human_bytes,
    network_reason,
    part_path,
    range_validator,
)
from sync.download_state import (
    DOWNLOAD_SCHEMA,
    BlobSpec,
    BlobState,
    DownloadRecord,
    DownloadState,
    DownloadStore,
    FailureKind,
    PartRecord,
    create_download_tables,
)
from sync.durable import fsync_dir
from sync.http import parse_retry_after
from sync.interprocess import LockBusy, collection_lock_path, held
from sync.ratelimit import RateLimiter
from sync.repository import SHA256_RE, blob_relative, folder_of, is_http, path_for, url_for

__all__ = [
    "DOWNLOAD_SCHEMA",
    "BlobSpec",
    "DownloadOptions",
    "DownloadProgress",
    "DownloadRecord",
    "DownloadResult",
    "DownloadState",
    "DownloadStore",
    "Downloader",
    "FailureKind",
    "Reachability",
    "RetryRecord",
    "TimeWindow",
    "blob_path",
    "create_download_tables",
    "part_path",
]


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
    """What a FAILED download failed on (the player words it; `reason` is for support)."""

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


# --- failures ------------------------------------------------------------------------------------


class _NetworkFailure(Exception):
    """Retryable: connection refused/reset, stall, 5xx, 429..."""

    def __init__(self, reason: str, retry_after: float | None = None, progressed: bool = False):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.progressed = progressed


class _Mismatch(Exception):
    """The bytes are not the blob: discard the part and fetch again (bounded)."""


class _Fatal(Exception):
    """No point retrying (404, 403...): the course download fails, for this kind of reason."""

    def __init__(self, reason: str, kind: FailureKind) -> None:
        super().__init__(reason)
        self.kind = kind


def _write_failed(what: str, path: Path, exc: OSError) -> _Fatal:
    """A local write that failed: a full disk is told apart from a refusing one."""
    return _Fatal(f"{what} {path}: {exc.strerror or exc}", FailureKind.of_os_error(exc))


def _failure_of(exc: BaseException) -> FailureKind:
    """The kind of an unexpected exception: a lock another Cartable kept is BUSY, a disk error is
    one, anything else is not known."""
    if isinstance(exc, LockBusy):
        return FailureKind.BUSY
    return FailureKind.of_os_error(exc) if isinstance(exc, OSError) else FailureKind.OTHER


class _Halted(Exception):
    """Cancelled, the network declared down, a gate closed, or another blob failed."""


# --- the engine ----------------------------------------------------------------------------------


class Downloader:
    """Fetches blobs into a content-addressed store; one per application, thread-safe.

    `session` is the shared, pooled requests session (size its pool for `parallel`).
    `reachability` is fed by the UI (QNetworkInformation) or by tests; `is_unmetered` is called
    from worker threads and must be cheap and thread-safe. `window` and `unmetered_only` and the
    limiter's rate may be changed while downloads run.
    """

    def __init__(
        self,
        blob_root: Path,
        store: DownloadStore,
        session: requests.Session,
        *,
        limiter: RateLimiter | None = None,
        options: DownloadOptions | None = None,
        reachability: Reachability | None = None,
        is_unmetered: Callable[[], bool] | None = None,
        window: TimeWindow | None = None,
        unmetered_only: bool = False,
        now: Callable[[], datetime] = datetime.now,
    ) -> None:
        self.blob_root = Path(blob_root)
        self.store = store
        self.session = session
        self.limiter = limiter or RateLimiter(0)
        self.options = options or DownloadOptions()
        self.reachability = reachability or Reachability(True)
        self.is_unmetered = is_unmetered
        self.window = window
        self.unmetered_only = unmetered_only
        self._now = now
        self._boot_id = boot_id()
        self._blob_locks: dict[str, threading.Lock] = {}
        self._blob_locks_guard = threading.Lock()
        self._runs: set[_Run] = set()
        self._runs_guard = threading.Lock()
        self._shutting_down = False

    # --- public ----------------------------------------------------------------------------------

    def run(
        self,
        download_id: str,
        source: str,
        blobs: Sequence[BlobSpec],
        *,
        cancel: threading.Event | None = None,
        progress: ProgressCallback | None = None,
        meta: dict[str, Any] | None = None,
    ) -> DownloadResult:
        """Fetch every blob of `blobs` missing from the store; blocks until done, failed or
        cancelled (then the state is PAUSED and the parts are kept for a later run)."""
        specs = _unique(blobs)
        self.store.begin(download_id, source, specs, meta)
        self.store.reset_attempts(download_id)
        return self._run(
            download_id, source, specs, cancel or threading.Event(), progress, after_clean_up=True
        )

    def resume(
        self,
        download_id: str,
        *,
        cancel: threading.Event | None = None,
        progress: ProgressCallback | None = None,
    ) -> DownloadResult:
        """Run a download recorded earlier (after a restart: see `DownloadStore.unfinished`)."""
        record = self.store.get(download_id)
        if record is None:
            raise KeyError(f"no download {download_id!r}")
        self.store.reset_attempts(download_id)
        return self._run(
            download_id, record.source, record.specs, cancel or threading.Event(), progress
        )

    def discard(self, download_id: str) -> None:
        """Cancel for good: forget the download and delete the parts no other download needs.
        (Stop its `run` first by setting its cancel event.)"""
        for sha in self.store.forget(download_id):
            part_path(self.blob_root, sha).unlink(missing_ok=True)

    def remaining_bytes(self, blobs: Sequence[BlobSpec]) -> int:
        """Bytes still to fetch for these blobs (what a catalog shows as the size to download)."""
        return remaining_bytes(self.blob_root, blobs)

    # --- one course download ---------------------------------------------------------------------

    def _run(
        self,
        download_id: str,
        source: str,
        specs: list[BlobSpec],
        cancel: threading.Event,
        progress: ProgressCallback | None,
        *,
        after_clean_up: bool = False,
    ) -> DownloadResult:
        """`after_clean_up`: the download was just recorded; first wait out any clean-up of the
        store that began before (see `_wait_for_clean_up`)."""
        run = _Run(self, download_id, source, specs, cancel, progress)
        with self._runs_guard:
            self._runs.add(run)
            if self._shutting_down:
                cancel.set()
        try:
            if after_clean_up:
                try:
                    self._wait_for_clean_up()
                except _Fatal as exc:
                    return run.finish(DownloadState.FAILED, str(exc), exc.kind)
            return self._drive(run)
        except Exception as exc:  # an unexpected bug or a disk error: never leave RUNNING
            reason = f"download failed: {type(exc).__name__}: {exc}"
            kind = _failure_of(exc)
            self.store.set_state(download_id, DownloadState.FAILED, reason, kind)
            run.failure_kind = kind
            run.emit(DownloadState.FAILED, reason, force=True)
            raise
        finally:
            with self._runs_guard:
                self._runs.discard(run)

    def shutdown(self) -> None:
        """Stop every download because the application quits. Unlike a user's pause (setting a
        run's `cancel`), they end QUEUED and so restart by themselves at the next start."""
        with self._runs_guard:
            self._shutting_down = True
            runs = list(self._runs)
        for run in runs:
            run.cancel.set()

    def _stopped_state(self) -> DownloadState:
        return DownloadState.QUEUED if self._shutting_down else DownloadState.PAUSED

    def _wait_for_clean_up(self) -> None:
        """A clean-up of the store (any process) reads what to keep, then deletes the rest, under
        the collection lock. The download is recorded before this: a clean-up that reads after
        it keeps its files; one that read before has ended once the lock is had, so no file
        found present below is deleted afterwards. Raises _Fatal: BUSY when another holder keeps
        the lock `clean_up_wait` s, SPACE or DISK when the lock file cannot be opened."""
        path = collection_lock_path(self.blob_root)
        try:
            self.blob_root.mkdir(parents=True, exist_ok=True)
            with held(path, self.options.clean_up_wait):
                pass
        except LockBusy as exc:
            raise _Fatal(
                f"another Cartable on this computer is cleaning up the course files: {exc}",
                FailureKind.BUSY,
            ) from None
        except OSError as exc:
            raise _write_failed("cannot lock", path, exc) from None

    def _drive(self, run: _Run) -> DownloadResult:
        opts = self.options
        (self.blob_root / ".partial").mkdir(parents=True, exist_ok=True)
        pending = []
        present = []
        try:
            for blob in run.specs:
                if self._present(blob):
                    run.mark_present(blob)
                    present.append(blob.sha256)
                else:
                    pending.append(blob)
                    run.note_part(blob, self._usable_part_bytes(blob))
        except _Fatal as exc:
            return run.finish(DownloadState.FAILED, str(exc), exc.kind)
        self.store.mark_done(run.id, present)
        run.pending = deque(pending)
        shortfall = self._space_shortfall(run)
        if shortfall:
            return run.finish(DownloadState.FAILED, shortfall, FailureKind.SPACE)
        network_round = 0
        while True:
            if run.cancel.is_set():
                return run.finish(self._stopped_state(), None)
            if not run.pending and not run.active:
                return run.finish(DownloadState.COMPLETED, None)
            gate = self._gate()
            if gate is not None:
                if not self._wait_gate(run, gate):
                    return run.finish(self._stopped_state(), None)
                continue
            run.set_state(DownloadState.RUNNING, None)
            run.start_pass(self.reachability.generation)
            workers = [
                threading.Thread(target=self._worker, args=(run,), daemon=True)
                for _ in range(max(1, min(opts.parallel, len(run.pending))))
            ]
            for worker in workers:
                worker.start()
            for worker in workers:
                worker.join()
            if run.fatal is not None:
                return run.finish(DownloadState.FAILED, run.fatal, run.fatal_kind)
            if run.network_down is not None:
                network_round += 1
                run.set_state(DownloadState.WAITING_FOR_NETWORK, run.network_down)
                if not self._wait_for_network(run, network_round):
                    return run.finish(self._stopped_state(), None)
            elif run.progressed:
                network_round = 0

    def _present(self, blob: BlobSpec) -> bool:
        try:
            return blob_path(self.blob_root, blob.sha256).stat().st_size == blob.size
        except OSError:
            return False

    def _space_shortfall(self, run: _Run) -> str | None:
        needed = sum(b.size - run.part_bytes.get(b.sha256, 0) for b in run.pending)
        if not needed:
            return None
        free = shutil.disk_usage(self.blob_root).free
        margin = self.options.free_space_margin
        if needed + margin <= free:
            return None
        return (
            f"not enough free space in {self.blob_root}: the download needs {human_bytes(needed)} "
            f"plus a {human_bytes(margin)} margin, and {human_bytes(free)} are free"
        )

    # --- gates and waiting -----------------------------------------------------------------------

    def _gate(self) -> tuple[DownloadState, str] | None:
        window = self.window
        if window is not None and not window.contains(self._now().time()):
            return DownloadState.WAITING_FOR_WINDOW, f"downloads run between {window}"
        if self.unmetered_only and self.is_unmetered is not None and not self.is_unmetered():
            return (
                DownloadState.WAITING_FOR_UNMETERED,
                "downloads wait for an unmetered connection",
            )
        return None

    def _wait_gate(self, run: _Run, gate: tuple[DownloadState, str]) -> bool:
        """Wait until the gate opens; False when cancelled."""
        run.set_state(*gate)
        while self._gate() is not None:
            if run.cancel.wait(self.options.gate_poll_seconds):
                return False
        return True

    def _wait_for_network(self, run: _Run, network_round: int) -> bool:
        """Wait with backoff, or less if the network comes back; False when cancelled."""
        opts = self.options
        delay = backoff(network_round, opts.network_backoff_base, opts.network_backoff_cap)
        run.log_retry("", f"waiting for the network: {run.network_down}", delay)
        reach = self.reachability
        generation = run.pass_generation  # a return during the failing pass counts too
        deadline = time.monotonic() + delay
        while not run.cancel.is_set():
            came_back = reach.generation != generation
            if reach.online and (came_back or time.monotonic() >= deadline):
                return True
            if came_back:  # back and gone again before we looked: wait for the next return
                generation = reach.generation
            reach.wait_change(generation, 0.1)
        return False

    # --- workers ---------------------------------------------------------------------------------

    def _worker(self, run: _Run) -> None:
        while True:
            blob = run.take()
            if blob is None:
                return
            try:
                with self._lock_blob(blob.sha256):
                    done = self._fetch_blob(run, blob)
            except _Fatal as exc:  # raised while handling another failure (e.g. disk full)
                run.give_back(blob)
                run.set_fatal(str(exc), exc.kind)
                return
            except BaseException as exc:  # never lose a blob or hang the pass on a bug
                run.give_back(blob)
                run.set_fatal(f"blob {blob.sha256}: {type(exc).__name__}: {exc}", _failure_of(exc))
                raise
            if done:
                self.store.mark_done(run.id, [blob.sha256])
                run.blob_done(blob)
            else:
                run.give_back(blob)

    def _lock_blob(self, sha256: str) -> threading.Lock:
        with self._blob_locks_guard:
            return self._blob_locks.setdefault(sha256, threading.Lock())

    def _fetch_blob(self, run: _Run, blob: BlobSpec) -> bool:
        """Fetch one blob with retries; True when it is in the store, False when halted."""
        opts = self.options
        if self._present(blob):  # another download finished it meanwhile
            return True
        part = _Part(self, run, blob)
        try:
            while True:
                if run.halted():
                    return False
                try:
                    part.open()
                    if part.offset < blob.size:
                        if run.is_http:
                            self._attempt_http(run, part)
                        else:
                            self._attempt_folder(run, part)
                    part.finish()
                    run.failures_reset()
                    return True
                except _Mismatch as exc:
                    part.discard()
                    count = self.store.count_mismatch(run.id, blob.sha256)
                    if count >= opts.mismatch_attempts:
                        self.store.set_blob_state(run.id, blob.sha256, BlobState.FAILED)
                        run.set_fatal(
                            f"blob {blob.sha256} from {run.where(blob)}: {exc} ({count} tries)",
                            FailureKind.DAMAGED,
                        )
                        return False
                    run.log_retry(blob.sha256, str(exc), 0.0)
                except _NetworkFailure as exc:
                    part.checkpoint()
                    failures = run.failure(exc.progressed)
                    if failures >= opts.max_failures:
                        run.set_network_down(f"{exc.reason} ({failures} failures in a row)")
                        return False
                    if exc.retry_after is not None:
                        delay = min(exc.retry_after, opts.retry_after_cap)
                    else:
                        delay = backoff(failures, opts.backoff_base, opts.backoff_cap)
                    run.log_retry(blob.sha256, exc.reason, delay)
                    if run.sleep(delay):
                        return False
                except _Fatal as exc:
                    run.set_fatal(str(exc), exc.kind)  # first: a failing checkpoint is not it
                    self.store.set_blob_state(run.id, blob.sha256, BlobState.FAILED)
                    with contextlib.suppress(_Fatal):
                        part.checkpoint()
                    return False
                except _Halted:
                    part.checkpoint()
                    return False
        finally:
            part.close()

    def _attempt_http(self, run: _Run, part: _Part) -> None:
        opts = self.options
        blob = part.blob
        url = url_for(run.source, blob_relative(blob.sha256))
        headers = {"Accept-Encoding": "identity"}
        if part.offset:
            headers["Range"] = f"bytes={part.offset}-"
            if part.validator:
                headers["If-Range"] = part.validator
        try:
            response = self.session.get(
                url,
                headers=headers,
                stream=True,
                timeout=(opts.connect_timeout, opts.read_timeout),
                allow_redirects=True,
            )
        except requests.RequestException as exc:
            raise _NetworkFailure(f"{url}: {network_reason(exc)}") from None
        with response:
            status = response.status_code
            if status == 206 and part.offset:
                self._check_content_range(response, part, url)
                part.validator = part.validator or range_validator(response)
            elif status in (200, 206):
                # A full body (a fresh start, or the validator changed: If-Range sent it all).
                part.restart(range_validator(response))
                length = response.headers.get("Content-Length")
                if (
                    status == 200
                    and length is not None
                    and length.isdigit()
                    and int(length) != blob.size
                ):
                    raise _Mismatch(f"server has {length} bytes, expected {blob.size}")
                if status == 206:
                    self._check_content_range(response, part, url)
            elif status == 416:
                raise _Mismatch(f"server refused range from byte {part.offset} (HTTP 416)")
            elif status in (404, 410):
                raise _Fatal(
                    f"blob {blob.sha256} is missing at {url} (HTTP {status})", FailureKind.MISSING
                )
            elif status in (408, 425, 429) or status >= 500:
                raise _NetworkFailure(
                    f"{url}: HTTP {status}",
                    retry_after=parse_retry_after(response.headers.get("Retry-After")),
                )
            else:
                raise _Fatal(f"{url}: server answered HTTP {status}", FailureKind.SERVER)
            encoding = response.headers.get("Content-Encoding", "identity").lower()
            if encoding not in ("identity", ""):
                raise _Fatal(
                    f"{url}: server sent {encoding}-encoded bytes despite identity",
                    FailureKind.SERVER,
                )
            start_offset = part.offset  # after a restart to byte 0, progress counts from there
            raw: urllib3.HTTPResponse = response.raw
            buffer = ReceiveBuffer(raw, self.options.parallel)
            try:
                self._copy(run, part, raw.read1, limited=True, on_rate=buffer.fit)
            except (
                urllib3.exceptions.HTTPError,
                requests.RequestException,
                OSError,
            ) as exc:
                raise _NetworkFailure(
                    f"{url}: {network_reason(exc)}",
                    progressed=part.offset - start_offset >= opts.progress_reset_bytes,
                ) from None
            if part.offset < blob.size:
                raise _NetworkFailure(
                    f"{url}: connection closed at byte {part.offset} of {blob.size}",
                    progressed=part.offset - start_offset >= opts.progress_reset_bytes,
                )

    def _check_content_range(self, response: requests.Response, part: _Part, url: str) -> None:
        value = response.headers.get("Content-Range", "")
        try:
            unit, _, rest = value.partition(" ")
            span, _, total = rest.partition("/")
            first = int(span.split("-")[0])
            if unit != "bytes":
                raise ValueError
        except ValueError:
            raise _NetworkFailure(f"{url}: unusable Content-Range {value!r}") from None
        if total not in ("*", str(part.blob.size)):
            raise _Mismatch(f"server has {total} bytes, expected {part.blob.size}")
        if first != part.offset:
            raise _NetworkFailure(f"{url}: asked for byte {part.offset}, got {value!r}")

    def _attempt_folder(self, run: _Run, part: _Part) -> None:
        folder = folder_of(run.source)
        assert folder is not None
        path = path_for(folder, blob_relative(part.blob.sha256))
        try:
            handle = path.open("rb")
        except FileNotFoundError:
            if folder.is_dir():
                raise _Fatal(
                    f"blob {part.blob.sha256} is missing from {folder}", FailureKind.MISSING
                ) from None
            raise _NetworkFailure(f"{folder} is not reachable (removed?)") from None
        except OSError as exc:
            raise _NetworkFailure(f"{path}: {exc.strerror or exc}") from None
        with handle:
            try:
                size = os.fstat(handle.fileno()).st_size
                if size != part.blob.size:
                    raise _Mismatch(f"{path} has {size} bytes, expected {part.blob.size}")
                if not part.offset:
                    part.restart(None)
                handle.seek(part.offset)
                self._copy(run, part, handle.read, limited=False)
            except OSError as exc:
                raise _NetworkFailure(f"{path}: {exc.strerror or exc}") from None

    def _copy(
        self,
        run: _Run,
        part: _Part,
        read: Callable[[int], bytes],
        *,
        limited: bool,
        on_rate: Callable[[float], None] | None = None,
    ) -> None:
        """Pump bytes into the part, hashing, rate-limiting (network only: a USB stick is not
        capped) and checkpointing as they come. `on_rate` hears every change of the cap."""
        opts = self.options
        limiter = self.limiter if limited else RateLimiter(0)
        next_check = time.monotonic() + opts.gate_poll_seconds
        rate = -1.0
        while True:
            if run.halted():
                raise _Halted
            if on_rate is not None and limiter.rate != rate:
                rate = limiter.rate
                on_rate(rate)
            data = read(limiter.chunk_size(opts.chunk_size))
            if not data:
                return
            part.write(data)
            run.add_fetched(len(data))
            limiter.consume(len(data), run.cancel)
            now = time.monotonic()
            if now >= part.next_checkpoint:
                part.checkpoint()
            if now >= next_check:
                next_check = now + opts.gate_poll_seconds
                if self._gate() is not None:
                    run.gate_closed = True
                    raise _Halted

    def _usable_part_bytes(self, blob: BlobSpec) -> int:
        """Length of the part a resume may trust (cut back after a reboot), 0 if none."""
        path = part_path(self.blob_root, blob.sha256)
        try:
            have = path.stat().st_size
        except FileNotFoundError:
            return 0
        record = self.store.part(blob.sha256)
        if record is None or record.size != blob.size:
            trusted = 0
        elif record.boot_id is not None and record.boot_id == self._boot_id:
            trusted = have  # a crash, not a reboot: the page cache kept every written byte
        else:
            trusted = min(have, record.done_bytes)
        if trusted > blob.size:
            trusted = 0
        if trusted != have:
            try:
                os.truncate(path, trusted)
            except OSError as exc:
                raise _write_failed("cannot write", path, exc) from None
        return trusted


class _Part:
    """The `.part` file of one blob during one worker's handling of it, with its running hash."""

    def __init__(self, downloader: Downloader, run: _Run, blob: BlobSpec) -> None:
        self.d = downloader
        self.run = run
        self.blob = blob
        self.path = part_path(downloader.blob_root, blob.sha256)
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
            self.offset = self.d._usable_part_bytes(self.blob)
            self.hasher = hashlib.sha256()
            self.file = open(self.path, "ab", buffering=0)  # noqa: SIM115 (closed in close())
            if self.offset:
                with open(self.path, "rb") as existing:
                    while chunk := existing.read(MiB):
                        self.hasher.update(chunk)
        except OSError as exc:
            self.close()
            raise _write_failed("cannot write", self.path, exc) from None
        record = self.d.store.part(self.blob.sha256)
        self.validator = record.validator if record is not None and self.offset else None
        self.next_checkpoint = time.monotonic() + self.d.options.checkpoint_seconds

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
            raise _Mismatch(f"more bytes than the expected {self.blob.size}")
        view = memoryview(data)
        try:
            while view:  # an unbuffered write may be short
                written = self.file.write(view)
                if not written:
                    raise OSError("nothing written")
                view = view[written:]
        except OSError as exc:  # a full disk or a removed drive is not a network failure
            raise _write_failed("cannot write", self.path, exc) from None
        self.hasher.update(data)
        self.offset += len(data)

    def checkpoint(self) -> None:
        """fsync the part and record its length, so a power cut loses at most one interval."""
        if self.file is None or self.offset == self._durable:
            return
        try:
            os.fsync(self.file.fileno())
        except OSError as exc:
            raise _write_failed("cannot write", self.path, exc) from None
        self.d.store.save_part(
            PartRecord(
                self.blob.sha256, self.blob.size, self.offset, self.validator, self.d._boot_id
            )
        )
        self._durable = self.offset
        self.next_checkpoint = time.monotonic() + self.d.options.checkpoint_seconds

    def finish(self) -> None:
        """Check size and hash; fsync, rename into the store, fsync the folder."""
        assert self.file is not None
        if self.offset != self.blob.size:
            raise _Mismatch(f"got {self.offset} bytes, expected {self.blob.size}")
        digest = self.hasher.hexdigest()
        if digest != self.blob.sha256:
            raise _Mismatch(f"content hash is {digest}")
        final = blob_path(self.d.blob_root, self.blob.sha256)
        try:
            os.fsync(self.file.fileno())
            self.file.close()
            self.file = None
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.path, final)
            fsync_dir(final.parent, strict=True)
        except OSError as exc:
            raise _write_failed("cannot store", final, exc) from None
        # The part's row goes with the blob's DONE state, in one transaction (see _worker).

    def discard(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)
        self.d.store.drop_part(self.blob.sha256)
        if self.offset:
            self.run.forget_part_bytes(self.offset)
        self.offset = 0
        self._durable = -1

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


class _Run:
    """Shared state of one course download across its worker threads."""

    def __init__(
        self,
        downloader: Downloader,
        download_id: str,
        source: str,
        specs: list[BlobSpec],
        cancel: threading.Event,
        progress: ProgressCallback | None,
    ) -> None:
        self.d = downloader
        self.id = download_id
        self.source = source
        self.is_http = is_http(source)
        self.specs = specs
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

    def set_network_down(self, reason: str) -> None:
        with self.lock:
            if self.network_down is None:
                self.network_down = reason
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
        self.d.store.set_state(self.id, state, reason, failure)
        self.emit(state, reason, force=True)

    def finish(
        self, state: DownloadState, reason: str | None, failure: FailureKind | None = None
    ) -> DownloadResult:
        self.set_state(state, reason, failure)
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
            if not force and now - self._last_emit < self.d.options.progress_interval:
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
                self.failure_kind if state is DownloadState.FAILED else None,
            )
        self.callback(snapshot)


# --- helpers -------------------------------------------------------------------------------------


def remaining_bytes(blob_root: Path, blobs: Sequence[BlobSpec]) -> int:
    """Bytes still to fetch into `blob_root`: neither stored nor already in a part file."""
    total = 0
    for blob in _unique(blobs):
        try:
            if blob_path(blob_root, blob.sha256).stat().st_size == blob.size:
                continue
        except OSError:
            pass
        try:
            have = part_path(blob_root, blob.sha256).stat().st_size
        except OSError:
            have = 0
        total += blob.size - min(have, blob.size)
    return total


def _unique(blobs: Sequence[BlobSpec]) -> list[BlobSpec]:
    """The blobs once each, checked before anything is recorded (a bad spec stored as a
    download would fail again at every resume)."""
    seen: dict[str, BlobSpec] = {}
    for blob in blobs:
        if not SHA256_RE.match(blob.sha256) or blob.size < 0:
            raise ValueError(f"bad blob spec {blob!r}")
        known = seen.get(blob.sha256)
        if known is not None and known.size != blob.size:
            raise ValueError(f"blob {blob.sha256} listed with sizes {known.size} and {blob.size}")
        seen[blob.sha256] = blob
    return list(seen.values())
