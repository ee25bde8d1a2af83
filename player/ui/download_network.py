"""The network as the downloads see it, and the downloads waiting for it. QNetworkInformation,
when a backend loads, feeds the downloader's reachability and its metered state (the "only on
unmetered connections" switch). A download that could not reach its catalog waits here: tried
again after RETRY_FIRST_MS, then twice as long each time up to RETRY_MAX_MS, and at once when
the network comes back.

Apart from the downloads controller (player/ui/downloads_controller.py), which decides that a
download waits and what its row says: this holds the network's state and the waits, and calls
back `changed` when the system's online state flips and `retry` with each job to run again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from player.ui.download_queue import DownloadJob
from player.ui.network_source import NetworkSource, QtNetworkSource
from sync.conditions import Reachability

RETRY_FIRST_MS = 30_000
RETRY_MAX_MS = 300_000


class NetworkWaits(QObject):
    """`reachability` and the metered state for the downloader; the jobs `waiting`, by id."""

    def __init__(
        self,
        network: NetworkSource | None,
        changed: Callable[[], None],
        retry: Callable[[DownloadJob], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.network = network
        self.changed = changed
        self.retry = retry
        self.reachability = Reachability(online=True)
        self._metered = False
        self.waiting: dict[str, DownloadJob] = {}  # could not reach the catalog: retried later
        self._retry_delay = RETRY_FIRST_MS
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self.retry_waiting)

    def watch(self) -> None:
        """Follow the system's network (QNetworkInformation, when a backend loads)."""
        if self.network is None:
            self.network = QtNetworkSource.load()
        if self.network is not None:
            self.network.watch(self._network_changed)
            self._network_changed()

    def is_unmetered(self) -> bool:
        return not self._metered  # read from worker threads: a plain attribute

    def _network_changed(self) -> None:
        if self.network is None:
            return
        was_online = self.reachability.online
        self._metered = self.network.is_metered()
        self.reachability.set_online(self.network.is_online())
        if self.reachability.online != was_online:  # "No network", or the server's failure
            self.changed()
        if self.reachability.online and not was_online:
            self.retry_waiting()

    def retry_waiting(self) -> None:
        """Try again the downloads that could not reach their catalog."""
        waiting, self.waiting = self.waiting, {}
        for job in waiting.values():
            self.retry(DownloadJob(job.id, job.course, threading.Event()))

    def wait(self, job: DownloadJob) -> None:
        self.waiting[job.id] = job
        if not self.retry_timer.isActive():
            self.retry_timer.start(self._retry_delay)
            self._retry_delay = min(RETRY_MAX_MS, self._retry_delay * 2)

    def reached(self) -> None:
        """A download completed: the next wait is short again."""
        self._retry_delay = RETRY_FIRST_MS
