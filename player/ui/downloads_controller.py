"""Course downloads in the GUI: the application's one downloader, driven from the main thread.

Wiring (see player/ui/getting_courses.py, attached by player/app.py once the window is shown):

    controller = DownloadsController(context, tasks)   # after the records store is opened
    controller.start()      # installs what completed before a crash, resumes the unfinished
    ... at quit, before tasks.wait_idle():  controller.stop()   (they resume at next start)
    ... after tasks.wait_idle():            controller.close()

The learner's actions (download, pause, resume, cancel, a newer version superseding an older one)
and what each run's end means are here. The parts: download_queue.py runs one course at a time,
its files several at once, the others waiting in order (`queue`); download_network.py holds the
network's state, fed by QNetworkInformation, and the downloads waiting for it, retried with
backoff and when it comes back (`waits`); download_rows.py turns records and progress into the
rows the views show (`rows`, of download_item.py); catalog_browser.py fetches and browses the
catalogs (`browser`); download_refetch.py is the repair dialog's task. The bandwidth cap, the
daily window and the "only on unmetered connections" switch apply to running downloads as soon as
Settings change them. Progress comes from worker threads through a queued signal; nothing here
blocks the UI.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Collection
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer, Signal

from player.commands.download import PlayerDownloads
from player.context import Context
from player.library.catalogs import Browse, CatalogCourse
from player.library.download_records import CompletedFinished, InstallOutcome
from player.library.download_refusals import DownloadRefused, failure_of
from player.library.downloads import CourseDownloads
from player.library.garbage_collection import GarbageCollection
from player.library.support_report import SupportFacts, refusal_line, support_facts
from player.ui import download_refetch
from player.ui.catalog_browser import CatalogBrowser
from player.ui.download_item import DownloadItem
from player.ui.download_network import NetworkWaits
from player.ui.download_queue import DownloadJob, DownloadQueue
from player.ui.download_rows import DownloadRows
from player.ui.network_source import NetworkSource
from player.ui.tasks import TaskRunner
from sync.download_reports import DownloadProgress, DownloadResult
from sync.download_state import DownloadState, FailureKind

log = logging.getLogger(__name__)

HELD_POLL_MS = 30_000
"""How often an update waiting for an exam in progress to end looks whether it may install:
the exam ends by a submission, or by its clock, in this profile or another."""


class DownloadsController(QObject):
    item_changed = Signal(object)  # DownloadItem
    item_removed = Signal(str)  # download id
    installed = Signal(object)  # InstalledCourse: a course appeared or moved to a new version
    catalog_ready = Signal(object)  # Browse
    catalog_busy = Signal(bool)
    files_kept = Signal(str)  # an install's or a cancel's clean-up was skipped: why (one line)
    network_changed = Signal()  # the system's online state flipped (the update check follows)

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
        self.waits = NetworkWaits(network, self._online_changed, self._retry, self)
        self.reachability = self.waits.reachability
        is_unmetered = self.waits.is_unmetered
        self.downloads = downloads or PlayerDownloads.open(
            context, reachability=self.reachability, is_unmetered=is_unmetered
        )
        if downloads is not None:
            downloads.downloader.reachability = self.reachability
            downloads.downloader.is_unmetered = is_unmetered
        self.rows = DownloadRows(
            self.downloads, self.reachability, self.item_changed.emit, self.item_removed.emit
        )
        self._pending: dict[str, CatalogCourse] = {}  # not recorded yet (preparing, refused)
        self.queue = DownloadQueue(
            self.downloads, tasks, self.rows, self._done, self._crashed, parent=self
        )
        self.browser = CatalogBrowser(self.downloads, tasks, self)
        self.browser.ready.connect(self.catalog_ready)
        self.browser.busy.connect(self.catalog_busy)
        self._superseded: dict[str, list[str]] = {}
        """A new download's id -> the downloads of the same course it replaces: forgotten once
        it is recorded (or refused for good), so the files they fetched that it needs stay."""
        self.queue.progress.connect(self._on_progress)
        self.held_timer = QTimer(self)  # runs while an update waits for an exam (`held`)
        self.held_timer.setInterval(HELD_POLL_MS)
        self.held_timer.timeout.connect(self.install_held)
        self._installing_held = False
        """`install_held`'s install runs: one at a time (two would both commit the update)."""
        self._held_again = False
        """`install_held` was asked while its install ran: it looks again once that ends."""
        self._cancel_after_held: list[str] = []
        """Cancels of held updates asked while `install_held`'s install ran: its `finish` may be
        installing that very record, so the discard waits for it to end (`_held_ended`)."""

    @property
    def courses(self) -> CourseDownloads:
        return self.downloads.courses

    @property
    def items(self) -> dict[str, DownloadItem]:
        """The rows shown, by download id."""
        return self.rows.items

    @property
    def browse(self) -> Browse | None:
        """The catalogs as last fetched and browsed (None before the first fetch)."""
        return self.browser.browse

    def support_facts(self) -> SupportFacts:
        """Help's report: the catalogs as last fetched (or their copies on this disk), the
        trusted keys, and the downloads as the Downloads page shows them, refused ones too
        (a refusal before any file is in no record)."""
        browse = self.browse
        return support_facts(
            self.downloads.catalogs,
            self.context.trust,
            browse.listings if browse is not None else None,
            list(self.items.values()),
        )

    # -- starting and stopping ------------------------------------------------------------------

    def start(self) -> None:
        """Watch the network; install what completed before a crash; resume the unfinished."""
        self.waits.watch()
        for record in self.courses.downloads():
            self.rows.show_record(record)
        self.tasks.run_task(self.courses.finish, self._finished_completed, self._start_failed)

    def _finished_completed(self, finished: CompletedFinished) -> None:
        for course in finished.installed:
            self.installed.emit(course)
        for download_id in list(self.items):
            if self.courses.get(download_id) is None:
                self._drop(download_id)
        for download_id in self.courses.unfinished():
            self.queue.add(DownloadJob(download_id, None, threading.Event()))
        self._show_held(finished.held)

    def _start_failed(self, error: BaseException) -> None:
        log.error("finishing downloads: %s: %s", type(error).__name__, error)
        self._finished_completed(CompletedFinished([]))

    def _show_held(self, held: Collection[str] | None = None) -> None:
        """The downloads left COMPLETED by an install: those `held` for an exam in progress
        (`CourseDownloads.held`; None: as they were) shown waiting for it, the others (kept by
        another process's lock) not; all looked at again every `HELD_POLL_MS` until none is
        left."""
        waiting = False
        for item in self._left_completed():
            record = self.courses.get(item.id)
            if record is None or record.state is not DownloadState.COMPLETED:
                self._refresh(item.id)  # shown before the start's install looked at it
                continue
            waiting = True
            for_exam = item.held if held is None else item.id in held
            if item.held != for_exam or item.preparing:
                self.rows.set(replace(item, held=for_exam, preparing=False))
        if waiting and not self.held_timer.isActive():
            self.held_timer.start()
        elif not waiting:
            self.held_timer.stop()

    def _left_completed(self) -> list[DownloadItem]:
        """The downloads left COMPLETED, not installed, none queued (a copy: `_show_held`
        refreshes rows as it goes)."""
        return [
            item
            for item in self.items.values()
            if item.state is DownloadState.COMPLETED and self.queue.job(item.id) is None
        ]

    def _waiting(self) -> bool:
        """A download left COMPLETED, not installed (`_show_held`)."""
        return bool(self._left_completed())

    def install_held(self) -> None:
        """Install the updates that waited for an exam in progress, if it ended (else they
        wait on). Not while a download runs: it holds the downloads' lock. One install at a
        time: the downloads' lock does not keep apart two of this process's threads, and two
        `finish_completed` at once would both read the COMPLETED record and both commit it (a
        slow install still running at the next tick); asked meanwhile, it looks again after."""
        if self.queue.stopped or self.queue.active is not None:
            return
        if self._installing_held:
            self._held_again = True
            return
        if not self._waiting():
            self.held_timer.stop()
            return
        self._installing_held = True
        self._held_again = False
        self.tasks.run_task(self.courses.finish, self._held_installed, self._held_failed)

    def _held_ended(self) -> bool:
        """`install_held`'s install ended: whether its result still applies (not at quit)."""
        self._installing_held = False
        if self._held_again and not self.queue.stopped:
            QTimer.singleShot(0, self, self.install_held)
        return not self.queue.stopped

    def _cancel_deferred(self) -> None:
        """The cancels asked during `install_held`'s install, of the rows still there (an
        update it installed has left the page)."""
        deferred, self._cancel_after_held = self._cancel_after_held, []
        for download_id in deferred:
            if download_id in self.items:
                self.cancel(download_id)

    def _held_installed(self, finished: CompletedFinished) -> None:
        if not self._held_ended():
            return
        for course in finished.installed:
            self.installed.emit(course)
        for download_id, item in list(self.items.items()):
            if item.state is DownloadState.COMPLETED and self.courses.get(download_id) is None:
                self._drop(download_id)
        self._show_held(finished.held)
        self._cancel_deferred()
        if finished.installed:
            self.browser.rebrowse()

    def _held_failed(self, error: BaseException) -> None:
        if self._held_ended():
            self._cancel_deferred()
        log.error("installing an update that waited: %s: %s", type(error).__name__, error)

    def stop(self) -> None:
        """At quit: running downloads stop and stay QUEUED, to resume at the next start; a
        catalog fetch under way (the Catalog's, the update check's) gives up. An update
        waiting for an exam stays COMPLETED: the next start installs it, or waits on."""
        self.held_timer.stop()
        self.queue.stop()
        self.browser.stop()
        self.downloads.downloader.shutdown()

    def close(self) -> None:
        """After the task runner is idle."""
        self.stop()
        self.downloads.close()

    # -- network --------------------------------------------------------------------------------

    def _online_changed(self) -> None:
        """The system's online state flipped: "No network", or the server's failure."""
        for item in list(self.items.values()):
            if item.state is DownloadState.WAITING_FOR_NETWORK:
                self.rows.set(item)
        self.network_changed.emit()

    def _retry(self, job: DownloadJob) -> None:
        self.queue.add(job)

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
        self.rows.set(
            DownloadItem(
                download_id,
                course.id,
                course.entry.title,
                course.version,
                course.installed_version is not None,
                DownloadState.QUEUED,
                total=course.to_download,  # checked once its turn comes (`DownloadQueue.next`)
            )
        )
        self.queue.add(DownloadJob(download_id, course, threading.Event()))

    def pause(self, download_id: str) -> None:
        job = self.queue.job(download_id)
        if job is not None and job is self.queue.active:
            job.cancel.set()  # the run ends PAUSED and reports
            return
        if job is not None:
            self.queue.waiting.remove(job)
        waiting = self.waits.waiting.pop(download_id, None)
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
            self.rows.set(replace(item, state=paused, preparing=False, reason=None, failure=None))

    def resume(self, download_id: str) -> None:
        """Resume a paused download, try a failed one again, or retry a waiting one now."""
        if self.queue.job(download_id) is not None:
            return
        self.waits.waiting.pop(download_id, None)
        if self.courses.get(download_id) is None:
            course = self._pending.get(download_id)
            if course is not None:  # refused or paused before it began: prepare it again
                self._drop(download_id)
                self.download(course)
            return
        self.courses.store.set_state(download_id, DownloadState.QUEUED, None)
        self._refresh(download_id)
        self.queue.add(DownloadJob(download_id, None, threading.Event()))

    def cancel(self, download_id: str) -> None:
        """Stop and forget: nothing of the download is kept. An update waiting for an exam is
        forgotten once `install_held`'s install under way ends (it may be installing it)."""
        job = self.queue.job(download_id)
        if job is None and self._installing_held:
            item = self.items.get(download_id)
            if item is not None and item.state is DownloadState.COMPLETED:
                if download_id not in self._cancel_after_held:
                    self._cancel_after_held.append(download_id)
                return
        if job is not None and job is self.queue.active:
            job.discard = True
            job.cancel.set()  # the worker discards it once stopped
            return
        self._discard_superseded(download_id, final=True)
        if job is not None:
            self.queue.waiting.remove(job)
        self.waits.waiting.pop(download_id, None)
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
        job = self.queue.job(old_id)
        if job is not None and job is self.queue.active:
            if self.courses.get(old_id) is None:
                self.cancel(old_id)  # its manifest still being read: nothing of it to reuse
                return
            job.superseded = True  # it stops (PAUSED, its files kept), then leaves (`_done`)
            job.cancel.set()
        elif job is not None:
            self.queue.waiting.remove(job)
        self.waits.waiting.pop(old_id, None)
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
        active = self.queue.active
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

    # -- what a run's end means (download_queue.py runs them) -------------------------------------

    def _done(self, job: DownloadJob, outcome: InstallOutcome) -> None:
        """The queue's run of `job` ended (not at quit); the next one starts after this."""
        self._pending.pop(job.id, None)
        if outcome.held:  # an exam in progress in the course: installed after it
            item = self.items.get(job.id)
            if item is not None:
                self.rows.set(
                    replace(item, state=DownloadState.COMPLETED, held=True, preparing=False)
                )
            self._show_held()
        elif outcome.state is DownloadState.COMPLETED and outcome.installed is not None:
            self._drop(job.id)
            self.installed.emit(outcome.installed)
            self._collected(job.collection)
            self.browser.rebrowse()
        elif job.discard:
            self._drop(job.id)
            self._collected(job.collection)
        elif job.superseded:  # stopped for a newer version: off the page, discarded after it
            self._drop(job.id)
        else:
            self._refresh(job.id, outcome.error, outcome.failure)
            self._show_unrecorded_failure(job.id, outcome)
            if outcome.state is DownloadState.WAITING_FOR_NETWORK:
                self.waits.wait(job)
        self._discard_superseded(job.id, final=True)  # it ran: recorded, or installed
        if outcome.state is DownloadState.COMPLETED:
            self.waits.reached()

    def _show_unrecorded_failure(self, download_id: str, outcome: InstallOutcome) -> None:
        """A run FAILED whose records could not say so (their disk full: still RUNNING there)
        is shown failed, as it ended, not as downloading."""
        item = self.items.get(download_id)
        failed = DownloadState.FAILED
        if outcome.state is failed and item is not None and item.state is not failed:
            reason, failure = outcome.error, outcome.failure
            self.rows.set(replace(item, state=failed, reason=reason, failure=failure))

    def _crashed(self, job: DownloadJob, error: BaseException) -> None:
        """`prepare` refused the course (not signed, not trusted, no space...) or a bug."""
        if not isinstance(error, DownloadRefused):
            log.error("download %s: %s: %s", job.id, type(error).__name__, error)
        elif error.retryable:  # the server unreachable: retried, and the page says so
            log.info("%s", refusal_line("download", job.id, error.kind.value, error))
        else:  # for support, in Help's last problems (u3's report had none of them)
            log.warning("%s", refusal_line("download", job.id, error.kind.value, error))
        retryable = isinstance(error, DownloadRefused) and error.retryable
        self._discard_superseded(job.id, final=job.discard or not retryable)
        if job.discard or job.superseded:
            self._drop(job.id)
        elif retryable and job.cancel.is_set():  # paused while it was prepared: not begun
            self._show_paused(job.id)
        elif retryable:
            item = self.items.get(job.id)
            if item is not None:
                self.rows.set(
                    replace(
                        item,
                        state=DownloadState.WAITING_FOR_NETWORK,
                        preparing=False,
                        reason=str(error),
                        failure=failure_of(error),  # the server unreachable, or answering badly
                    )
                )
            self.waits.wait(job)
        else:
            item = self.items.get(job.id)
            if item is not None:
                self.rows.set(
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
                self.browser.rebrowse()

    # -- items ----------------------------------------------------------------------------------

    def _on_progress(self, progress: DownloadProgress) -> None:
        if self.queue.stopped:
            return
        if progress.download_id not in self.items and self._is_superseded(progress.download_id):
            return  # a late report of a download stopped for a newer version: no row again
        self.rows.progressed(progress)

    def _refresh(
        self, download_id: str, reason: str | None = None, failure: FailureKind | None = None
    ) -> None:
        record = self.courses.get(download_id)
        if record is None:
            self._drop(download_id)
        else:
            self.rows.show_record(record, reason, failure)

    def _drop(self, download_id: str) -> None:
        self._pending.pop(download_id, None)
        if self.rows.drop(download_id):
            self.browser.rebrowse()

    def downloading_courses(self) -> set[str]:
        """Course ids with a download recorded or waiting (the catalog shows them as such)."""
        return {i.course_id for i in self.items.values() if i.state is not DownloadState.FAILED}

    # -- catalogs -------------------------------------------------------------------------------

    def refresh_catalog(self, *, background: bool = False, network: bool = True) -> None:
        """Fetch every catalog (or its offline copy) on a worker thread (`CatalogBrowser.refresh`:
        `background` the update check's, `network` False the folder catalogs only)."""
        if not self.queue.stopped:
            self.browser.refresh(background=background, network=network)

    # -- repair ---------------------------------------------------------------------------------

    def refetch(self, course_id: str) -> DownloadResult:
        """The repair dialog's task, on a worker thread (download_refetch.py)."""
        return download_refetch.refetch(self.downloads, course_id)
