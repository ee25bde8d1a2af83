"""One downloading process per installation (the player, or `cartable download`): two would
write the same part files. `DownloadsLock.held` is held while any download of this process runs;
`DownloadsLock.running` is the look another process (`cartable download --list`, the player's
downloads page) takes to know whether a download recorded RUNNING still runs."""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from player.library.download_refusals import DownloadRefused
from sync.download_state import FailureKind
from sync.interprocess import CannotLock, ProcessLock

log = logging.getLogger(__name__)

# How long a start tries again for the downloads' lock before saying another Cartable downloads:
# another process's look at the lock (CourseDownloads._runs_now: `cartable download --list`, the
# player's downloads page) holds it for an instant, which must not fail a real start.
START_PATIENCE = 0.2
START_RETRY = 0.01


class DownloadsLock:
    """The downloads' lock of one installation (`path`), shared by this process's threads: the
    process holds the file lock while any of them downloads. Thread-safe."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._holders = 0
        # strict: two processes appending to one part store a corrupt blob (see interprocess)
        self._process_lock = ProcessLock(path, strict=True)

    @contextlib.contextmanager
    def held(self) -> Iterator[None]:
        """Held while any download of this process runs; refused (DownloadRefused) on a file
        system that cannot lock, where another process could not be kept out. Busy, tried again
        for START_PATIENCE s: another process's look holds it for an instant."""
        deadline: float | None = None
        while not self._hold():
            now = time.monotonic()
            if deadline is None:
                deadline = now + START_PATIENCE
                log.debug("%s: held elsewhere, trying again", self._process_lock.path)
            elif now >= deadline:
                raise DownloadRefused(
                    "another Cartable on this computer is downloading courses (the player or "
                    "`cartable download`): wait for it to finish, or quit it",
                    kind=FailureKind.BUSY,
                )
            time.sleep(START_RETRY)  # without self._lock: this process's looks go on meanwhile
        try:
            yield
        finally:
            with self._lock:
                self._holders -= 1
                if self._holders == 0:
                    self._process_lock.release()

    def _hold(self) -> bool:
        """One try: counted as a holder when this process holds the downloads' lock already or
        takes it now; False while another process (or its look) holds it."""
        with self._lock:
            try:
                taken = self._holders > 0 or self._process_lock.acquire()
            except CannotLock as exc:
                raise DownloadRefused(
                    f"{exc}, so two Cartables downloading at once could not be kept apart: "
                    "keep Cartable's files (CARTABLE_HOME) on a disk of this computer",
                    kind=FailureKind.NO_LOCK,
                ) from None
            if taken:
                self._holders += 1
            return taken

    def running(self, own: Callable[[], set[str]]) -> set[str] | None:
        """The downloads running now, when that can be known: `own()` (this process's running
        downloads) while this process holds the lock; an empty set when no process does; None when
        another process holds it, or its file system cannot lock, so its records are taken as
        they are."""
        with self._lock:  # this process's own downloads cannot begin while it looks
            if self._holders:
                return own()
            probe = ProcessLock(self._process_lock.path)
            try:
                free = probe.acquire_if_free()  # held for no longer than the look
            except OSError:  # the lock file cannot be opened (a full disk...): not known
                return None
            probe.release()
            return set() if free else None
