"""Resumable, verified, rate-limited blob downloads from an http(s) repository or a folder.

One `Downloader` per application (it owns the pooled session, the global bandwidth cap, the blob
root and the durable state); `Downloader.run()` fetches one course's missing blobs and blocks
until they are all in the store, the download fails, or `cancel` is set. Call it from a worker
thread; progress arrives through a callback that never touches a UI.

The speed limit, the download hours and "only on unmetered connections" save paid bandwidth, so
they hold only downloads from the internet: a source on this laptop's network or a folder
(`sync.repository.is_local_source`, decided once per run) is fetched at full speed at any hour.

Per blob, a `.part` file grows across attempts and is checked before it is renamed into the store
(sync/download_part.py, sync/download_transfer.py). The store above verifies again when it
installs; here a blob "is present" when it exists with its size.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import requests

from sync.conditions import Reachability, TimeWindow
from sync.download_failures import (
    Fatal,
    Halted,
    Mismatch,
    NetworkFailure,
    failure_of,
    state_not_saved,
    write_failed,
)
from sync.download_io import backoff, blob_path, boot_id, human_bytes, part_path
from sync.download_options import DownloadOptions
from sync.download_part import Part, usable_part_bytes
from sync.download_reports import DownloadResult, ProgressCallback
from sync.download_run import Run
from sync.download_state import BlobSpec, BlobState, DownloadState, DownloadStore, FailureKind
from sync.download_transfer import Transfer
from sync.interprocess import LockBusy, LockWaitCancelled, collection_lock_path, held
from sync.lookup import stop_waiting_when
from sync.ratelimit import RateLimiter
from sync.repository import SHA256_RE, is_local_source

__all__ = ["Downloader", "remaining_bytes"]


class Downloader:
    """Fetches blobs into a content-addressed store; one per application, thread-safe.

    `session` is the shared, pooled requests session (size its pool for `parallel`).
    `reachability` is fed by the UI (QNetworkInformation) or by tests; `is_unmetered` is called
    from worker threads and must be cheap and thread-safe. `window` and `unmetered_only` and the
    limiter's rate may be changed while downloads run.

    `is_local` tells a source that costs no paid bandwidth (default: `is_local_source`): its runs
    are neither capped nor held by the window or the unmetered switch. Tests whose server listens
    on 127.0.0.1 pass `lambda source: False` to test those on it. `cap_local`: the limiter caps
    local network sources too (an explicit cap for one run, `cartable download --cap`); folders
    are never capped.
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
        is_local: Callable[[str], bool] = is_local_source,
        cap_local: bool = False,
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
        self.is_local = is_local
        self.cap_local = cap_local
        self._boot_id = boot_id()
        self._blob_locks: dict[str, threading.Lock] = {}
        self._blob_locks_guard = threading.Lock()
        self._runs: set[Run] = set()
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
        replace: Collection[str] = (),
    ) -> DownloadResult:
        """Fetch every blob of `blobs` missing from the store; blocks until done, failed or
        cancelled (then the state is PAUSED and the parts are kept for a later run). Those of
        `replace` (sha256) are fetched even when present at their size, their verified part
        replacing the stored file (an unreadable one: a new copy goes to new blocks)."""
        specs = _unique(blobs)
        self.store.begin(download_id, source, specs, meta)
        self.store.reset_attempts(download_id)
        return self._run(
            download_id,
            source,
            specs,
            cancel or threading.Event(),
            progress,
            after_clean_up=True,
            replace=frozenset(replace),
        )

    def resume(
        self,
        download_id: str,
        *,
        cancel: threading.Event | None = None,
        progress: ProgressCallback | None = None,
        replace: Collection[str] = (),
    ) -> DownloadResult:
        """Run a download recorded earlier (after a restart: see `DownloadStore.unfinished`);
        `replace` as `run`'s (the caller keeps it: the records hold blobs, not why)."""
        record = self.store.get(download_id)
        if record is None:
            raise KeyError(f"no download {download_id!r}")
        self.store.reset_attempts(download_id)
        # Waits for a clean-up too: a run paused while it waited for one never had the lock.
        return self._run(
            download_id,
            record.source,
            record.specs,
            cancel or threading.Event(),
            progress,
            after_clean_up=True,
            replace=frozenset(replace),
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
        replace: frozenset[str] = frozenset(),
    ) -> DownloadResult:
        """`after_clean_up`: first wait out any clean-up of the store that began before the
        download was recorded (see `_wait_for_clean_up`); a pause meanwhile ends the run."""
        run = Run(
            self.store,
            self.options,
            download_id,
            source,
            specs,
            cancel,
            progress,
            local=self.is_local(source),
            replace=replace,
        )
        with self._runs_guard:
            self._runs.add(run)
            if self._shutting_down:
                cancel.set()
        try:
            if after_clean_up:
                try:
                    if not self._wait_for_clean_up(run.cancel):
                        return run.finish(self._stopped_state(), None)
                except Fatal as exc:
                    return run.finish(DownloadState.FAILED, str(exc), exc.kind)
            return self._drive(run)
        except sqlite3.Error as exc:  # the state's disk is full...: the run stops, said as such
            unsaved = state_not_saved(self.store, exc)
            if run.fatal is not None and run.fatal_kind is not None:  # the first failure says it
                return run.finish_unrecorded(run.fatal, run.fatal_kind)
            return run.finish_unrecorded(str(unsaved), unsaved.kind)
        except Exception as exc:  # an unexpected bug or a disk error: never leave RUNNING
            reason = f"download failed: {type(exc).__name__}: {exc}"
            kind = failure_of(exc)
            self.store.set_state(download_id, DownloadState.FAILED, reason, kind)
            run.failure_kind = kind
            run.emit(DownloadState.FAILED, reason, force=True)
            raise
        finally:
            with self._runs_guard:
                self._runs.discard(run)

    def running(self) -> set[str]:
        """The downloads this process is running now (a RUNNING record not among them, with no
        other process downloading, was left by a run that stopped without recording it)."""
        with self._runs_guard:
            return {run.id for run in self._runs}

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

    def _wait_for_clean_up(self, cancel: threading.Event) -> bool:
        """A clean-up of the store (any process) reads what to keep, then deletes the rest, under
        the collection lock. The download is recorded before this: a clean-up that reads after
        it keeps its files; one that read before has ended once the lock is had, so no file
        found present below is deleted afterwards. False when `cancel` is set meanwhile (the
        lock never had: the run must not count files). Raises Fatal: BUSY when another holder
        keeps the lock `clean_up_wait` s, SPACE or DISK when the lock file cannot be opened."""
        path = collection_lock_path(self.blob_root)
        try:
            self.blob_root.mkdir(parents=True, exist_ok=True)
            with held(path, self.options.clean_up_wait, cancel):
                pass
        except LockWaitCancelled:
            return False
        except LockBusy as exc:
            raise Fatal(
                f"another Cartable on this computer is cleaning up the course files: {exc}",
                FailureKind.BUSY,
            ) from None
        except OSError as exc:
            raise write_failed("cannot lock", path, exc) from None
        return True

    def _drive(self, run: Run) -> DownloadResult:
        opts = self.options
        (self.blob_root / ".partial").mkdir(parents=True, exist_ok=True)
        pending = []
        present = []
        try:
            for blob in run.specs:
                if self._present(blob, run.replace):
                    run.mark_present(blob)
                    present.append(blob.sha256)
                else:
                    pending.append(blob)
                    usable = usable_part_bytes(self.blob_root, self.store, self._boot_id, blob)
                    run.note_part(blob, usable)
        except Fatal as exc:
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
            gate = self._gate(run)
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
            self._join_reporting(run, workers)
            if run.fatal is not None:
                return run.finish(DownloadState.FAILED, run.fatal, run.fatal_kind)
            if run.network_down is not None:
                network_round += 1
                waiting = DownloadState.WAITING_FOR_NETWORK
                run.set_state(waiting, run.network_down, run.network_kind)
                if not self._wait_for_network(run, network_round):
                    return run.finish(self._stopped_state(), None)
            elif run.progressed:
                network_round = 0

    def _join_reporting(self, run: Run, workers: list[threading.Thread]) -> None:
        """Wait for a pass's workers, reporting progress meanwhile: progress otherwise comes only
        with bytes, so a stall or a wait before a retry kept showing the last speed and time
        left; reported while nothing arrives, the speed falls to 0."""
        tick = max(self.options.progress_interval, 0.5)
        for worker in workers:
            worker.join(tick)
            while worker.is_alive():
                run.emit(run.state, run.reason)
                worker.join(tick)

    def _present(self, blob: BlobSpec, replace: frozenset[str] = frozenset()) -> bool:
        if blob.sha256 in replace:  # there but unreadable: fetched all the same
            return False
        try:
            return blob_path(self.blob_root, blob.sha256).stat().st_size == blob.size
        except OSError:
            return False

    def _space_shortfall(self, run: Run) -> str | None:
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

    def _gate(self, run: Run) -> tuple[DownloadState, str] | None:
        """Why `run` must wait now (the download hours, a metered connection), or None. A local
        source never waits: these settings save paid bandwidth, which it does not use."""
        if run.local:
            return None
        window = self.window
        if window is not None and not window.contains(self._now().time()):
            return DownloadState.WAITING_FOR_WINDOW, f"downloads run between {window}"
        if self.unmetered_only and self.is_unmetered is not None and not self.is_unmetered():
            return (
                DownloadState.WAITING_FOR_UNMETERED,
                "downloads wait for an unmetered connection",
            )
        return None

    def _wait_gate(self, run: Run, gate: tuple[DownloadState, str]) -> bool:
        """Wait until the gate opens; False when cancelled."""
        run.set_state(*gate)
        while self._gate(run) is not None:
            if run.cancel.wait(self.options.gate_poll_seconds):
                return False
        return True

    def _wait_for_network(self, run: Run, network_round: int) -> bool:
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

    def _worker(self, run: Run) -> None:
        # A pause, a quit, another blob's failure: a hung name lookup must not hold the run.
        with stop_waiting_when(run.halted):
            self._work(run)

    def _work(self, run: Run) -> None:
        while True:
            blob = run.take()
            if blob is None:
                return
            try:
                with self._lock_blob(blob.sha256):
                    done = self._fetch_blob(run, blob)
                if done:
                    self.store.mark_done(run.id, [blob.sha256])
            except Fatal as exc:  # raised while handling another failure (e.g. disk full)
                run.give_back(blob)
                run.set_fatal(str(exc), exc.kind)
                return
            except sqlite3.Error as exc:  # its state not written (disk full): stop the run
                run.give_back(blob)
                unsaved = state_not_saved(self.store, exc)
                run.set_fatal(str(unsaved), unsaved.kind)
                return
            except BaseException as exc:  # never lose a blob or hang the pass on a bug
                run.give_back(blob)
                run.set_fatal(f"blob {blob.sha256}: {type(exc).__name__}: {exc}", failure_of(exc))
                raise
            if done:
                run.blob_done(blob)
            else:
                run.give_back(blob)

    def _lock_blob(self, sha256: str) -> threading.Lock:
        with self._blob_locks_guard:
            return self._blob_locks.setdefault(sha256, threading.Lock())

    def _fetch_blob(self, run: Run, blob: BlobSpec) -> bool:
        """Fetch one blob with retries; True when it is in the store, False when halted."""
        opts = self.options
        if self._present(blob, run.replace):  # another download finished it meanwhile
            return True
        part = Part(
            run,
            blob,
            root=self.blob_root,
            store=self.store,
            boot_id=self._boot_id,
            checkpoint_seconds=opts.checkpoint_seconds,
        )
        capped = not run.local or (self.cap_local and run.is_http)
        limiter = self.limiter if capped else _UNCAPPED
        transfer = Transfer(self.session, opts, limiter, lambda: self._gate(run))
        try:
            while True:
                if run.halted():
                    return False
                try:
                    part.open()
                    if part.offset < blob.size:
                        if run.is_http:
                            transfer.attempt_http(run, part)
                        else:
                            transfer.attempt_folder(run, part)
                    part.finish()
                    run.failures_reset()
                    return True
                except Mismatch as exc:
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
                except NetworkFailure as exc:
                    part.checkpoint()
                    failures = run.failure(exc.progressed)
                    if failures >= opts.max_failures:
                        reason = f"{exc.reason} ({failures} failures in a row)"
                        run.set_network_down(reason, exc.kind)
                        return False
                    if exc.retry_after is not None:
                        delay = min(exc.retry_after, opts.retry_after_cap)
                    else:
                        delay = backoff(failures, opts.backoff_base, opts.backoff_cap)
                    run.log_retry(blob.sha256, exc.reason, delay)
                    if run.sleep(delay):
                        return False
                except Fatal as exc:
                    run.set_fatal(str(exc), exc.kind)  # first: a failing checkpoint is not it
                    self.store.set_blob_state(run.id, blob.sha256, BlobState.FAILED)
                    with contextlib.suppress(Fatal):
                        part.checkpoint()
                    return False
                except Halted:
                    part.checkpoint()
                    return False
        finally:
            part.close()


_UNCAPPED = RateLimiter(0)


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
