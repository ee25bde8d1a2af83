"""One course downloads at a time (its files several at once), on a worker of the shell's task
runner; the others wait in order. A run prepares a new download (reads and checks its manifest)
or resumes a recorded one, installs it once complete, and stops at a pause, a cancel or a quit
without waiting for a hung name server. Its progress reaches the GUI thread through a queued
signal.

Apart from the downloads controller (player/ui/downloads_controller.py), which decides what a
run's end means (its row, a retry, an install said): this only queues and runs, and hands each
end to the controller's `done` or `crashed`, then starts the next.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, Signal

from player.commands.download import PlayerDownloads
from player.library.catalogs import CatalogCourse
from player.library.download_records import InstallOutcome
from player.library.garbage_collection import GarbageCollection
from player.ui.download_rows import DownloadRows
from player.ui.tasks import TaskRunner
from sync.download_reports import DownloadProgress
from sync.download_state import DownloadState
from sync.lookup import stop_waiting_when


@dataclass
class DownloadJob:
    """One download as the queue runs it (the controller sets its flags while it runs)."""

    id: str
    course: CatalogCourse | None  # a new download: prepare it first
    cancel: threading.Event
    discard: bool = False  # cancelled while running: forget it once stopped
    superseded: bool = False  # a newer version asked for while running: stopped, kept for now
    collection: GarbageCollection | None = None  # the clean-up its install or discard ran


class DownloadQueue(QObject):
    """The jobs waiting in order and the `active` one; none starts once `stopped`."""

    progress = Signal(object)  # DownloadProgress, from worker threads

    def __init__(
        self,
        downloads: PlayerDownloads,
        tasks: TaskRunner,
        rows: DownloadRows,
        done: Callable[[DownloadJob, InstallOutcome], None],
        crashed: Callable[[DownloadJob, BaseException], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.downloads = downloads
        self.tasks = tasks
        self.rows = rows
        self.done = done
        self.crashed = crashed
        self.waiting: list[DownloadJob] = []
        self.active: DownloadJob | None = None
        self.stopped = False

    def job(self, download_id: str) -> DownloadJob | None:
        if self.active is not None and self.active.id == download_id:
            return self.active
        return next((j for j in self.waiting if j.id == download_id), None)

    def add(self, job: DownloadJob) -> None:
        if self.stopped or self.job(job.id) is not None:
            return
        self.waiting.append(job)
        self.next()

    def stop(self) -> None:
        """At quit: nothing more starts (the running one is stopped by the downloader)."""
        self.stopped = True
        self.waiting.clear()

    def next(self) -> None:
        if self.active is not None or not self.waiting or self.stopped:
            return
        job = self.waiting.pop(0)
        self.active = job
        item = self.rows.items.get(job.id)
        if job.course is not None and item is not None:  # a new download: its manifest first
            self.rows.set(replace(item, preparing=True))
        self.tasks.run_task(
            lambda: self._work(job),
            lambda outcome: self._done(job, outcome),
            lambda error: self._crashed(job, error),
        )

    def _work(self, job: DownloadJob) -> InstallOutcome:
        """On a worker thread."""
        courses = self.downloads.courses

        def install() -> InstallOutcome:
            if job.course is not None:
                prepared = courses.prepare(job.course.entry, job.course.source)
                return courses.run(prepared, cancel=job.cancel, progress=self.from_worker)
            return courses.resume(job.id, cancel=job.cancel, progress=self.from_worker)

        # A pause or a quit need not wait for a hung name server while the course is prepared.
        with stop_waiting_when(lambda: job.cancel.is_set() or self.stopped):
            outcome, collection = courses.library.collection_by(install)
        if job.discard and outcome.state is not DownloadState.COMPLETED:
            job.collection = courses.discard(job.id)
        elif collection is not None:  # the install cleaned up
            job.collection = collection
        return outcome

    def from_worker(self, progress: DownloadProgress) -> None:
        self.progress.emit(progress)  # queued to the main thread

    def _done(self, job: DownloadJob, outcome: InstallOutcome) -> None:
        self.active = None
        if self.stopped:
            return  # quitting: the database may be closed already
        self.done(job, outcome)
        self.next()

    def _crashed(self, job: DownloadJob, error: BaseException) -> None:
        """`prepare` refused the course (not signed, not trusted, no space...) or a bug."""
        self.active = None
        if self.stopped:
            return
        self.crashed(job, error)
        self.next()
