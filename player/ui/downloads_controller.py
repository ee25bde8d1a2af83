"""Course downloads in the GUI: the application's one downloader, driven from the main thread.

Wiring (see player/ui/getting_courses.py, attached by player/app.py once the window is shown):

    controller = DownloadsController(context, tasks)   # after the records store is opened
    controller.start()      # installs what completed before a crash, resumes the unfinished
    ... at quit, before tasks.wait_idle():  controller.stop()   (they resume at next start)
    ... after tasks.wait_idle():            controller.close()

One course downloads at a time (its files several at once), through the shell's task runner; the
others wait in order. QNetworkInformation, when a backend loads, feeds the downloader's
reachability (a download waiting for the network restarts by itself, with backoff, when it comes
back) and its metered state (the "only on unmetered connections" switch). The bandwidth cap, the
daily window and that switch apply to running downloads as soon as Settings change them.
Progress comes from worker threads through a queued signal; nothing here blocks the UI.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from player.commands.download import PlayerDownloads
from player.context import Context
from player.library.catalogs import Browse, CatalogCourse, CatalogListing
from player.library.download_records import CourseDownload, InstallOutcome
from player.library.download_refusals import DownloadRefused, failure_of
from player.library.download_sources import repository_of, unsigned_folder
from player.library.downloads import CourseDownloads
from player.library.garbage_collection import GarbageCollection
from player.library.library import InstalledCourse
from player.ui.network_source import NetworkSource, QtNetworkSource
from player.ui.tasks import TaskRunner
from sync.conditions import Reachability
from sync.download_reports import DownloadProgress, DownloadResult
from sync.download_state import DownloadState, FailureKind
from sync.lookup import stop_waiting_when

log = logging.getLogger(__name__)

# A download that could not reach its catalog is tried again after this, then twice as long
# each time up to RETRY_MAX_MS, and at once when the network comes back.
RETRY_FIRST_MS = 30_000
RETRY_MAX_MS = 300_000


@dataclass(frozen=True)
class DownloadItem:
    """One course download as the Downloads view shows it."""

    id: str
    course_id: str
    title: str
    version: str
    is_update: bool
    state: DownloadState
    preparing: bool = False
    """Reading and checking the manifest (before any file is fetched)."""
    reason: str | None = None
    failure: FailureKind | None = None
    """What a FAILED download failed on, from the engine; None for one recorded before kinds
    (the view reads its `reason` then). For one WAITING_FOR_NETWORK, what it waits out: the
    server could not be reached (NETWORK) or answered badly (SERVER); None: not known."""
    offline: bool = False
    """The system says this computer has no network: whatever failed, that is what a download
    waiting for the network waits for."""
    done: int = 0
    """Bytes fetched so far, not counting what was already on this computer."""
    total: int = 0
    """Bytes to fetch in all (the course's size minus what was already here)."""
    speed: float = 0.0
    seconds_left: float | None = None

    @property
    def fraction(self) -> float:
        return 1.0 if self.total <= 0 else min(1.0, self.done / self.total)

    @property
    def waits_for_server(self) -> bool:
        """WAITING_FOR_NETWORK on a network the system says is up, for a server that could not
        be reached or answered badly: said as such, not as "no network" (row and status bar)."""
        return (
            self.state is DownloadState.WAITING_FOR_NETWORK
            and not self.offline
            and self.failure in (FailureKind.NETWORK, FailureKind.SERVER)
        )


@dataclass
class _Job:
    id: str
    course: CatalogCourse | None  # a new download: prepare it first
    cancel: threading.Event
    discard: bool = False  # cancelled while running: forget it once stopped
    superseded: bool = False  # a newer version asked for while running: stopped, kept for now
    collection: GarbageCollection | None = None  # the clean-up its install or discard ran


class DownloadsController(QObject):
    item_changed = Signal(object)  # DownloadItem
    item_removed = Signal(str)  # download id
    installed = Signal(object)  # InstalledCourse: a course appeared or moved to a new version
    catalog_ready = Signal(object)  # Browse
    catalog_busy = Signal(bool)
    files_kept = Signal(str)  # an install's or a cancel's clean-up was skipped: why (one line)
    _progress = Signal(object)  # DownloadProgress, from worker threads

    def __init__(
        self,
        context: Context,
        tasks: TaskRunner,
        *,
        downloads: PlayerDownloads | None = None,
        network: NetworkSource | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.tasks = tasks
        self.reachability = Reachability(online=True)
        self._metered = False
        self.downloads = downloads or PlayerDownloads.open(
            context, reachability=self.reachability, is_unmetered=self._is_unmetered
        )
        if downloads is not None:
            downloads.downloader.reachability = self.reachability
            downloads.downloader.is_unmetered = self._is_unmetered
        self.network = network
        self.items: dict[str, DownloadItem] = {}
        self._pending: dict[str, CatalogCourse] = {}  # not recorded yet (preparing, refused)
        self._baselines: dict[str, int] = {}
        self._queue: list[_Job] = []
        self._active: _Job | None = None
        self._stopped = False
        self._listings: list[CatalogListing] = []
        self.browse: Browse | None = None
        self.unsigned: dict[str, Path] = {}
        """Download ids of the courses a folder catalog lists unsigned, and their folder."""
        self._catalog_busy = False
        self._waiting: dict[str, _Job] = {}  # could not reach the catalog: retried later
        self._superseded: dict[str, list[str]] = {}
        """A new download's id -> the downloads of the same course it replaces: forgotten once
        it is recorded (or refused for good), so the files they fetched that it needs stay."""
        self._retry_delay = RETRY_FIRST_MS
        self.retry_timer = QTimer(self)
        self.retry_timer.setSingleShot(True)
        self.retry_timer.timeout.connect(self._retry_waiting)
        self._progress.connect(self._on_progress)

    @property
    def courses(self) -> CourseDownloads:
        return self.downloads.courses

    # -- starting and stopping ------------------------------------------------------------------

    def start(self) -> None:
        """Watch the network; install what completed before a crash; resume the unfinished."""
        if self.network is None:
            self.network = QtNetworkSource.load()
        if self.network is not None:
            self.network.watch(self._network_changed)
            self._network_changed()
        for record in self.courses.downloads():
            self._show_record(record)
        self.tasks.run_task(
            self.courses.finish_completed, self._finished_completed, self._start_failed
        )

    def _finished_completed(self, installed: list[InstalledCourse]) -> None:
        for course in installed:
            self.installed.emit(course)
        for download_id in list(self.items):
            if self.courses.get(download_id) is None:
                self._drop(download_id)
        for download_id in self.courses.unfinished():
            self._enqueue(_Job(download_id, None, threading.Event()))

    def _start_failed(self, error: BaseException) -> None:
        log.error("finishing downloads: %s: %s", type(error).__name__, error)
        self._finished_completed([])

    def stop(self) -> None:
        """At quit: running downloads stop and stay QUEUED, to resume at the next start."""
        self._stopped = True
        self._queue.clear()
        self.downloads.downloader.shutdown()

    def close(self) -> None:
        """After the task runner is idle."""
        self.stop()
        self.downloads.close()

    # -- network --------------------------------------------------------------------------------

    def _is_unmetered(self) -> bool:
        return not self._metered  # read from worker threads: a plain attribute

    def _network_changed(self) -> None:
        if self.network is None:
            return
        was_online = self.reachability.online
        self._metered = self.network.is_metered()
        self.reachability.set_online(self.network.is_online())
        if self.reachability.online != was_online:  # "No network", or the server's failure
            for item in list(self.items.values()):
                if item.state is DownloadState.WAITING_FOR_NETWORK:
                    self._set(item)
        if self.reachability.online and not was_online:
            self._retry_waiting()

    def _retry_waiting(self) -> None:
        """Try again the downloads that could not reach their catalog."""
        waiting, self._waiting = self._waiting, {}
        for job in waiting.values():
            self._enqueue(_Job(job.id, job.course, threading.Event()))

    def _wait_for_network(self, job: _Job) -> None:
        self._waiting[job.id] = job
        if not self.retry_timer.isActive():
            self.retry_timer.start(self._retry_delay)
            self._retry_delay = min(RETRY_MAX_MS, self._retry_delay * 2)

    def apply_settings(self) -> None:
        """The cap, the window and the unmetered switch, for running downloads too."""
        self.downloads.apply_settings()

    # -- the learner's actions ------------------------------------------------------------------

    def download(self, course: CatalogCourse) -> None:
        """Download (or update) a course offered by a catalog."""
        download_id = course.download_id
        if download_id in self.items and self.items[download_id].state is not DownloadState.FAILED:
            return
        for item in list(self.items.values()):  # an older version's download: superseded
            if item.course_id == course.id and item.id != download_id:
                self._supersede(item.id, download_id)
        self._pending[download_id] = course
        self._set(
            DownloadItem(
                download_id,
                course.id,
                course.entry.title,
                course.version,
                course.installed_version is not None,
                DownloadState.QUEUED,
                total=course.to_download,  # checked once its turn comes (`_next`)
            )
        )
        self._enqueue(_Job(download_id, course, threading.Event()))

    def pause(self, download_id: str) -> None:
        job = self._job(download_id)
        if job is not None and job is self._active:
            job.cancel.set()  # the run ends PAUSED and reports
            return
        if job is not None:
            self._queue.remove(job)
        waiting = self._waiting.pop(download_id, None)
        if job is None and waiting is None:
            return
        if self.courses.get(download_id) is None:  # not begun: nothing recorded to pause
            self._show_paused(download_id)
            return
        self.courses.store.set_state(download_id, DownloadState.PAUSED, None)
        self._refresh(download_id)

    def _show_paused(self, download_id: str) -> None:
        """A download paused before it began (nothing recorded): its row only."""
        item = self.items.get(download_id)
        if item is not None:
            paused = DownloadState.PAUSED
            self._set(replace(item, state=paused, preparing=False, reason=None, failure=None))

    def resume(self, download_id: str) -> None:
        """Resume a paused download, try a failed one again, or retry a waiting one now."""
        if self._job(download_id) is not None:
            return
        self._waiting.pop(download_id, None)
        if self.courses.get(download_id) is None:
            course = self._pending.get(download_id)
            if course is not None:  # refused or paused before it began: prepare it again
                self._drop(download_id)
                self.download(course)
            return
        self.courses.store.set_state(download_id, DownloadState.QUEUED, None)
        self._refresh(download_id)
        self._enqueue(_Job(download_id, None, threading.Event()))

    def cancel(self, download_id: str) -> None:
        """Stop and forget: nothing of the download is kept."""
        job = self._job(download_id)
        if job is not None and job is self._active:
            job.discard = True
            job.cancel.set()  # the worker discards it once stopped
            return
        self._discard_superseded(download_id, final=True)
        if job is not None:
            self._queue.remove(job)
        self._waiting.pop(download_id, None)
        recorded = self.courses.get(download_id) is not None
        self._drop(download_id)
        if recorded:
            self.tasks.run_task(lambda: self.courses.discard(download_id), self._collected)

    def _supersede(self, old_id: str, new_id: str) -> None:
        """`old_id` leaves the page now; it is discarded once `new_id` is recorded, because a
        discard before would delete the files they share, to be fetched again. What `old_id`
        itself replaced waits for `new_id` too: else, `old_id` never recorded, it stayed in the
        store and came back as a row at the next start."""
        older = self._superseded.pop(old_id, [])
        if older:
            self._superseded.setdefault(new_id, []).extend(older)
        job = self._job(old_id)
        if job is not None and job is self._active:
            if self.courses.get(old_id) is None:
                self.cancel(old_id)  # its manifest still being read: nothing of it to reuse
                return
            job.superseded = True  # it stops (PAUSED, its files kept), then leaves (`_done`)
            job.cancel.set()
        elif job is not None:
            self._queue.remove(job)
        self._waiting.pop(old_id, None)
        self._drop(old_id)
        if self.courses.get(old_id) is not None:
            self._superseded.setdefault(new_id, []).append(old_id)

    def _discard_superseded(self, new_id: str, *, final: bool = False) -> None:
        """Forget what `new_id` replaces, once it is recorded (its files are then kept by the
        clean-up) or `final`ly refused or cancelled."""
        if new_id not in self._superseded:
            return
        if not final and self.courses.get(new_id) is None:
            return  # not begun yet (waiting for the network): later
        old = self._superseded.pop(new_id)
        active = self._active
        if active is not None and active.id in old:  # still stopping: its worker discards it
            old.remove(active.id)
            active.discard = True
        if not old:
            return
        courses = self.courses

        def discard() -> GarbageCollection | None:
            collection = None
            for download_id in old:
                collection = courses.discard(download_id)
            return collection

        self.tasks.run_task(discard, self._collected)

    def _is_superseded(self, download_id: str) -> bool:
        return any(download_id in old for old in self._superseded.values())

    def _collected(self, collection: GarbageCollection | None) -> None:
        """After the learner's cancel or install: say when its clean-up freed no space."""
        if collection is not None and collection.skipped:
            self.files_kept.emit(collection.skipped)

    def _job(self, download_id: str) -> _Job | None:
        if self._active is not None and self._active.id == download_id:
            return self._active
        return next((j for j in self._queue if j.id == download_id), None)

    # -- running one course at a time -----------------------------------------------------------

    def _enqueue(self, job: _Job) -> None:
        if self._stopped or self._job(job.id) is not None:
            return
        self._queue.append(job)
        self._next()

    def _next(self) -> None:
        if self._active is not None or not self._queue or self._stopped:
            return
        job = self._queue.pop(0)
        self._active = job
        item = self.items.get(job.id)
        if job.course is not None and item is not None:  # a new download: its manifest first
            self._set(replace(item, preparing=True))
        self.tasks.run_task(
            lambda: self._work(job),
            lambda outcome: self._done(job, outcome),
            lambda error: self._crashed(job, error),
        )

    def _work(self, job: _Job) -> InstallOutcome:
        """On a worker thread."""
        courses = self.courses

        def install() -> InstallOutcome:
            if job.course is not None:
                prepared = courses.prepare(job.course.entry, job.course.source)
                return courses.run(prepared, cancel=job.cancel, progress=self._from_worker)
            return courses.resume(job.id, cancel=job.cancel, progress=self._from_worker)

        # A pause or a quit need not wait for a hung name server while the course is prepared.
        with stop_waiting_when(lambda: job.cancel.is_set() or self._stopped):
            outcome, collection = courses.library.collection_by(install)
        if job.discard and outcome.state is not DownloadState.COMPLETED:
            job.collection = courses.discard(job.id)
        elif collection is not None:  # the install cleaned up
            job.collection = collection
        return outcome

    def _from_worker(self, progress: DownloadProgress) -> None:
        self._progress.emit(progress)  # queued to the main thread

    def _done(self, job: _Job, outcome: InstallOutcome) -> None:
        self._active = None
        if self._stopped:
            return  # quitting: the database may be closed already
        self._pending.pop(job.id, None)
        if outcome.state is DownloadState.COMPLETED and outcome.installed is not None:
            self._drop(job.id)
            self.installed.emit(outcome.installed)
            self._collected(job.collection)
            self._rebrowse()
        elif job.discard:
            self._drop(job.id)
            self._collected(job.collection)
        elif job.superseded:  # stopped for a newer version: off the page, discarded after it
            self._drop(job.id)
        else:
            self._refresh(job.id, outcome.error, outcome.failure)
            self._show_unrecorded_failure(job.id, outcome)
            if outcome.state is DownloadState.WAITING_FOR_NETWORK:
                self._wait_for_network(job)
        self._discard_superseded(job.id, final=True)  # it ran: recorded, or installed
        if outcome.state is DownloadState.COMPLETED:
            self._retry_delay = RETRY_FIRST_MS
        self._next()

    def _show_unrecorded_failure(self, download_id: str, outcome: InstallOutcome) -> None:
        """A run FAILED whose records could not say so (their disk full: still RUNNING there)
        is shown failed, as it ended, not as downloading."""
        item = self.items.get(download_id)
        failed = DownloadState.FAILED
        if outcome.state is failed and item is not None and item.state is not failed:
            reason, failure = outcome.error, outcome.failure
            self._set(replace(item, state=failed, reason=reason, failure=failure))

    def _crashed(self, job: _Job, error: BaseException) -> None:
        """`prepare` refused the course (not signed, not trusted, no space...) or a bug."""
        self._active = None
        if self._stopped:
            return
        if not isinstance(error, DownloadRefused):
            log.error("download %s: %s: %s", job.id, type(error).__name__, error)
        retryable = isinstance(error, DownloadRefused) and error.retryable
        self._discard_superseded(job.id, final=job.discard or not retryable)
        if job.discard or job.superseded:
            self._drop(job.id)
        elif retryable and job.cancel.is_set():  # paused while it was prepared: not begun
            self._show_paused(job.id)
        elif retryable:
            item = self.items.get(job.id)
            if item is not None:
                self._set(
                    replace(
                        item,
                        state=DownloadState.WAITING_FOR_NETWORK,
                        preparing=False,
                        reason=str(error),
                        failure=failure_of(error),  # the server unreachable, or answering badly
                    )
                )
            self._wait_for_network(job)
        else:
            item = self.items.get(job.id)
            if item is not None:
                self._set(
                    replace(
                        item,
                        state=DownloadState.FAILED,
                        preparing=False,
                        reason=str(error),
                        failure=failure_of(error),
                    )
                )
            if isinstance(error, DownloadRefused) and error.signer and job.course is not None:
                # A key not trusted here: the catalog says so too, and offers it no more.
                self.downloads.catalogs.learn_signer(job.course, error.signer)
                self._rebrowse()
        self._next()

    # -- items ----------------------------------------------------------------------------------

    def _on_progress(self, progress: DownloadProgress) -> None:
        if self._stopped:
            return
        item = self.items.get(progress.download_id)
        if item is None:
            if self._is_superseded(progress.download_id):
                return  # a late report of a download stopped for a newer version: no row again
            record = self.courses.get(progress.download_id)
            if record is None:
                return
            item = self._item_of(record)
        baseline = self._baseline(progress.download_id)
        total = max(0, progress.total_bytes - baseline)
        self._set(
            replace(
                item,
                state=progress.state,
                preparing=False,
                reason=progress.reason,
                failure=progress.failure,
                done=min(total, max(0, progress.done_bytes - baseline)),
                total=total,
                speed=progress.bytes_per_second,
                seconds_left=progress.seconds_left,
            )
        )

    def _baseline(self, download_id: str) -> int:
        if download_id not in self._baselines:
            record = self.courses.get(download_id)
            if record is None:
                return 0
            self._baselines[download_id] = record.baseline
        return self._baselines[download_id]

    def _show_record(
        self,
        record: CourseDownload,
        reason: str | None = None,
        failure: FailureKind | None = None,
    ) -> None:
        item = self._item_of(record)
        if reason and not item.reason:
            item = replace(item, reason=reason)
        if failure is not None and item.failure is None and item.state.has_failure:
            item = replace(item, failure=failure)
        self._set(item)

    def _item_of(self, record: CourseDownload) -> DownloadItem:
        stored = self.courses.store.get(record.id)
        specs = stored.specs if stored is not None else []
        remaining = self.downloads.downloader.remaining_bytes(specs)
        self._baselines[record.id] = record.baseline
        total = max(0, record.total_bytes - record.baseline)
        return DownloadItem(
            record.id,
            record.course_id,
            record.title,
            record.version,
            record.is_update,
            record.state,
            reason=record.reason,
            failure=record.failure,
            done=max(0, total - remaining),
            total=total,
        )

    def _refresh(
        self, download_id: str, reason: str | None = None, failure: FailureKind | None = None
    ) -> None:
        record = self.courses.get(download_id)
        if record is None:
            self._drop(download_id)
        else:
            self._show_record(record, reason, failure)

    def _set(self, item: DownloadItem) -> None:
        item = replace(item, offline=not self.reachability.online)
        self.items[item.id] = item
        self.item_changed.emit(item)

    def _drop(self, download_id: str) -> None:
        self._pending.pop(download_id, None)
        self._baselines.pop(download_id, None)
        if self.items.pop(download_id, None) is not None:
            self.item_removed.emit(download_id)
            self._rebrowse()

    def downloading_courses(self) -> set[str]:
        """Course ids with a download recorded or waiting (the catalog shows them as such)."""
        return {i.course_id for i in self.items.values() if i.state is not DownloadState.FAILED}

    # -- catalogs -------------------------------------------------------------------------------

    def refresh_catalog(self) -> None:
        """Fetch every catalog (or its offline copy) on a worker thread."""
        if self._catalog_busy or self._stopped:
            return
        self._catalog_busy = True
        self.catalog_busy.emit(True)
        catalogs, session = self.downloads.catalogs, self.downloads.session

        def work() -> tuple[Browse, dict[str, Path]]:
            listings = catalogs.fetch(session)
            catalogs.read_ahead(listings, session)
            browse = catalogs.browse(listings)
            unsigned = {}
            for course in browse.courses:
                folder = unsigned_folder(course.entry, course.source)
                if folder is not None:
                    unsigned[course.download_id] = folder
            return browse, unsigned

        self.tasks.run_task(work, self._catalog_done, self._catalog_failed)

    def _catalog_done(self, result: tuple[Browse, dict[str, Path]]) -> None:
        browse, self.unsigned = result
        self._catalog_busy = False
        self._listings = list(browse.listings)
        self.browse = browse
        self.catalog_busy.emit(False)
        self.catalog_ready.emit(browse)

    def _catalog_failed(self, error: BaseException) -> None:
        self._catalog_busy = False
        log.error("catalogs: %s", error)
        self.catalog_busy.emit(False)

    def _rebrowse(self) -> None:
        """The library changed: states and sizes again, from the catalogs already fetched."""
        if self.browse is None:
            return
        self.browse = self.downloads.catalogs.browse(self._listings)
        self.catalog_ready.emit(self.browse)

    def is_unsigned(self, course: CatalogCourse) -> bool:
        """Whether a folder catalog lists `course` without a signature: no download (a catalog's
        courses must be signed), only an install as unverified, after the learner's consent."""
        return course.download_id in self.unsigned

    def install_unsigned(
        self, course: CatalogCourse, folder: Path
    ) -> tuple[list[InstalledCourse], GarbageCollection | None]:
        """On a worker thread, once the learner accepted it: install `course` from `folder`
        (`unsigned`, read on the UI thread) as unverified, as importing that folder would (this
        course only); the clean-up it ran, if any. Raises what an import raises."""
        from player.course.package import FolderSource

        library = self.courses.library
        source = FolderSource(folder)
        opened = library.open(source, course.id, course.version, allow_unsigned=True)
        installed, collection = library.collection_by(
            lambda: library.install(source, opened, origin=str(folder))
        )
        return [installed], collection

    # -- repair ---------------------------------------------------------------------------------

    def refetch(self, course_id: str) -> DownloadResult:
        """Fetch an installed course's damaged files again (a worker thread: the repair dialog's
        task). Raises DownloadRefused with the reason when no catalog can provide them."""
        downloads = self.downloads
        listings = downloads.catalogs.fetch(downloads.session)
        sources = [
            listing.result.catalog.source
            for listing in listings
            if listing.result is not None and any(e.id == course_id for e in listing.entries)
        ]
        installed = downloads.context.library.get(course_id)
        origin = repository_of(installed.source) if installed is not None else None
        if origin:
            sources.insert(0, origin)
        result = downloads.courses.refetch(course_id, sources)
        if result.state is not DownloadState.COMPLETED:
            raise DownloadRefused(
                result.error or f"the files could not be fetched ({result.state})",
                kind=result.failure or FailureKind.OTHER,
            )
        return result
