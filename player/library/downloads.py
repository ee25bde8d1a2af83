"""Installing a course from a catalog: its signed manifest, then only the files not on this disk.

    prepared = downloads.prepare(entry, source)    # manifest + signature, checked; free space
    outcome = downloads.run(prepared, cancel=..., progress=...)      # blocks: a worker thread

`prepare` reads the manifest and its signature from the repository, checks the manifest's sha256
against the catalog, and opens it against the trusted keys: an unsigned or untrusted course from
a catalog is refused with the reason. `run` hands every file of the course to the shared
`sync.download.Downloader` (it skips those already in the blob store, resumes `.part` files, and
verifies each blob's sha256 while writing), then `Library.commit` makes the version current: the
course appears, or moves to its new version, only once every file is here. An update is
downloaded beside the version in use, which stays usable until the switch. Learner progress is
keyed by course id and unit id in the records store, so it carries over to the new version.

The download's state is in the device database (sync.download_state) and its manifest and
signature in `<data>/downloads/<course>@<version>/`, so after a crash, a kill or a reboot
`resume` continues from the parts without the network for the manifest. A download that
completed but was not committed yet (killed in between) is committed by `finish_completed`.
`discard` (cancel) keeps nothing: parts, files that no installed course uses, the manifest copy.

Beside this manager: the manifest fetched, checked and kept (download_manifests), the lock that
lets one process download (download_lock), repairs (download_repairs), the records and outcomes
(download_records), refusals and failure kinds (download_refusals), and what a repository's
folder or address tells (download_sources).
"""

from __future__ import annotations

import functools
import logging
import shutil
import threading
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import requests

from player.course.errors import CourseError
from player.course.manifest import version_key
from player.course.package import OpenedCourse
from player.library.download_lock import DownloadsLock
from player.library.download_manifests import DownloadManifests
from player.library.download_records import (
    INTERRUPTED,
    KIND_REPAIR,
    CompletedFinished,
    CourseDownload,
    InstallOutcome,
    PreparedDownload,
    ProgressCallback,
    Refetched,
    blob_specs,
    describe,
    version_of,
)
from player.library.download_refusals import DownloadRefused, failure_of
from player.library.download_repairs import CourseRepairs
from player.library.garbage_collection import GarbageCollection
from player.library.library import InstalledCourse, Library
from sync.catalog_parse import CatalogEntry
from sync.download import Downloader
from sync.download_io import human_bytes
from sync.download_reports import DownloadResult
from sync.download_state import DownloadRecord, DownloadState, FailureKind

log = logging.getLogger(__name__)


class CourseDownloads:
    """Course installs and repairs through the application's one `Downloader`.

    Thread-safe like the downloader: `prepare`, `run`, `resume` and `refetch` block (worker
    threads); the rest is quick. The library's garbage collection spares the files of every
    recorded download: it reads them from the same records database.
    """

    def __init__(
        self,
        library: Library,
        downloader: Downloader,
        session: requests.Session,
        folder: Path,
    ) -> None:
        self.library = library
        self.downloader = downloader
        self.store = downloader.store
        self.lock = DownloadsLock(folder / "downloads.lock")
        self.manifests = DownloadManifests(library, session, folder)
        # A function over the parts it needs, not the bound `_forget`: CourseDownloads holding
        # its repairs holding itself was a cycle only the collector freed.
        forget = functools.partial(_forget_download, downloader, self.manifests)
        self.repairs = CourseRepairs(library, downloader, self.lock, forget)
        self.held: Callable[[str], bool] = _never
        """Whether an update of this course must wait to be installed, its files all here: an
        exam attempt in progress in it (timed or not), whose questions the new version would
        replace under the learner (the player's answer; asked on worker threads). Such a
        download stays COMPLETED until `finish_completed` finds it may go."""

    @property
    def session(self) -> requests.Session:
        """The session the manifests are fetched with: read-only, the manifests hold it."""
        return self.manifests.session

    @property
    def folder(self) -> Path:
        """Where the lock and the kept manifests are: read-only, the manifests hold it."""
        return self.manifests.root

    # -- preparing ------------------------------------------------------------------------------

    def prepare(self, entry: CatalogEntry, source: str) -> PreparedDownload:
        """Fetch and check the manifest and its signature, then the free space; raises
        DownloadRefused."""
        opened = self.manifests.fetch(entry, source)
        return self._prepared(entry, source, opened)

    def _prepared(self, entry: CatalogEntry, source: str, opened: OpenedCourse) -> PreparedDownload:
        course = opened.course
        blobs = blob_specs(list(course.files().values()))
        to_download = self.downloader.remaining_bytes(blobs)
        margin = self.downloader.options.free_space_margin
        root = self.downloader.blob_root
        root.mkdir(parents=True, exist_ok=True)
        free = shutil.disk_usage(root).free
        if to_download and to_download + margin > free:
            raise DownloadRefused(
                f"{course.title}: not enough free space in {root}: the course needs "
                f"{human_bytes(to_download)} plus a {human_bytes(margin)} margin, and "
                f"{human_bytes(free)} are free",
                kind=FailureKind.SPACE,
            )
        installed = self.library.get(course.id)
        previous = None
        if installed is not None and version_key(installed.version) < version_key(course.version):
            previous = installed.version
        return PreparedDownload(entry, source, opened, blobs, to_download, previous)

    # -- running --------------------------------------------------------------------------------

    def run(
        self,
        prepared: PreparedDownload,
        *,
        cancel: threading.Event | None = None,
        progress: ProgressCallback | None = None,
    ) -> InstallOutcome:
        """Download what is missing, then install; blocks until installed, paused or failed.
        Raises DownloadRefused when another process of this installation is downloading."""
        with self.lock.held():
            return self._run(prepared, cancel, progress)

    def _run(
        self,
        prepared: PreparedDownload,
        cancel: threading.Event | None,
        progress: ProgressCallback | None,
    ) -> InstallOutcome:
        self.manifests.save(prepared.download_id, prepared.opened)
        try:
            result = self.downloader.run(
                prepared.download_id,
                prepared.source,
                prepared.blobs,
                cancel=cancel,
                progress=progress,
                meta=prepared.meta,
            )
        except Exception as exc:  # the downloader recorded FAILED with the reason
            log.exception("download of %s", prepared.download_id)
            return self._crashed(prepared.download_id, exc)
        return self._after(result, prepared.opened, prepared.source)

    def resume(
        self,
        download_id: str,
        *,
        cancel: threading.Event | None = None,
        progress: ProgressCallback | None = None,
    ) -> InstallOutcome:
        """Continue a recorded download (after a restart, a pause or a failure)."""
        with self.lock.held():
            return self._resume(download_id, cancel, progress)

    def _resume(
        self,
        download_id: str,
        cancel: threading.Event | None,
        progress: ProgressCallback | None,
    ) -> InstallOutcome:
        record = self.store.get(download_id)
        if record is None:
            raise KeyError(f"no download {download_id!r}")
        if record.meta.get("kind") == KIND_REPAIR:
            return self.repairs.resume(record, cancel, progress)
        try:
            opened = self.manifests.stored(record)
        except DownloadRefused as exc:
            # The manifest copy is gone and its catalog cannot be reached: wait for the network
            # (what failed, NETWORK or SERVER, is kept: the learner is told which).
            state = DownloadState.WAITING_FOR_NETWORK if exc.retryable else DownloadState.FAILED
            failure = exc.kind
            self.store.set_state(download_id, state, str(exc), failure)
            return InstallOutcome(download_id, state, None, str(exc), failure=failure)
        try:
            result = self.downloader.resume(download_id, cancel=cancel, progress=progress)
        except Exception as exc:
            log.exception("download of %s", download_id)
            return self._crashed(download_id, exc)
        return self._after(result, opened, record.source)

    def _crashed(self, download_id: str, exc: Exception) -> InstallOutcome:
        """The downloader raised (a bug or a disk error) after recording FAILED with the kind."""
        record = self.store.get(download_id)
        failure = record.failure if record is not None and record.failure else failure_of(exc)
        return InstallOutcome(download_id, DownloadState.FAILED, None, str(exc), failure=failure)

    def _after(self, result: DownloadResult, opened: OpenedCourse, source: str) -> InstallOutcome:
        download_id = result.download_id
        if result.state is not DownloadState.COMPLETED:
            return InstallOutcome(
                download_id, result.state, None, result.error, result, result.failure
            )
        if self._held(opened):
            log.info("download %s: installed once the exam in progress ends", download_id)
            return InstallOutcome(
                download_id, DownloadState.COMPLETED, None, None, result, held=True
            )
        try:
            installed = self.library.commit(opened, origin=source)
        except (CourseError, OSError) as exc:
            reason = f"{opened.course.title}: could not install: {exc}"
            failure = failure_of(exc)
            self.store.set_state(download_id, DownloadState.FAILED, reason, failure)
            return InstallOutcome(download_id, DownloadState.FAILED, None, reason, result, failure)
        self._forget(download_id)
        return InstallOutcome(download_id, DownloadState.COMPLETED, installed, None, result)

    def _held(self, opened: OpenedCourse) -> bool:
        """An update (not a first install) that must wait (`held`)."""
        installed = self.library.get(opened.course.id)
        if installed is None or installed.version == opened.course.version:
            return False
        return self.held(opened.course.id)

    def finish_completed(self) -> list[InstalledCourse]:
        """`finish`'s courses installed."""
        return self.finish().installed

    def finish(self) -> CompletedFinished:
        """Install the downloads that completed just before a crash, or wait (`held`) until
        they may, saying which wait for an exam; forget the ones installed
        already, and those a newer version replaced (`_forget_superseded`). Call at start,
        before resuming the others (nothing is done while another process of this installation
        is downloading)."""
        try:
            with self.lock.held():
                return self._finish_completed()
        except DownloadRefused:
            return CompletedFinished([])

    def _finish_completed(self) -> CompletedFinished:
        done = []
        held: set[str] = set()
        if self._forget_superseded():
            self.library.collect_garbage()  # the store's files only they needed
        for record in self.store.all():
            if record.meta.get("kind") == KIND_REPAIR:
                if record.state is DownloadState.COMPLETED:
                    self._forget(record.id)
                continue
            course_id = str(record.meta.get("course_id", ""))
            version = str(record.meta.get("version", ""))
            installed = self.library.get(course_id) if course_id else None
            if installed is not None and installed.version == version:
                self._forget(record.id)  # committed, then killed before forgetting
                continue
            if record.state is not DownloadState.COMPLETED:
                continue
            try:
                opened = self.manifests.stored(record)
                if self.library.blobs.missing(opened.course.files().values()):
                    self.store.set_state(record.id, DownloadState.QUEUED, None)
                    continue  # a file went missing meanwhile: let the resume fetch it
                if self._held(opened):
                    held.add(record.id)
                    continue  # an exam in progress in the course: installed after it
                done.append(self.library.commit(opened, origin=record.source))
            except (DownloadRefused, CourseError, OSError) as exc:
                self.store.set_state(record.id, DownloadState.FAILED, str(exc), failure_of(exc))
                continue
            self._forget(record.id)
        return CompletedFinished(done, frozenset(held))

    def _forget_superseded(self) -> int:
        """Forget the downloads of a course older than its installed version or than another of
        its recorded downloads (the player quit before a newer one replacing them had run): they
        would come back as rows, and their part files stay on a small disk for ever, since no
        install would take them. Parts the newer download shares stay (it needs them)."""
        newest: dict[str, tuple[int, ...]] = {}
        installs = []
        for record in self.store.all():
            if record.meta.get("kind") == KIND_REPAIR:
                continue
            key = version_of(record.meta)
            if key is None:
                continue
            course_id = str(record.meta.get("course_id", ""))
            installs.append((record.id, course_id, key))
            newest[course_id] = max(newest.get(course_id, key), key)
        forgotten = 0
        for download_id, course_id, key in installs:
            installed = self.library.get(course_id) if course_id else None
            ahead = version_of({"version": installed.version}) if installed is not None else None
            if key < newest[course_id] or (ahead is not None and key < ahead):
                log.info("download %s: superseded by a newer version, forgotten", download_id)
                self._forget(download_id)
                forgotten += 1
        return forgotten

    # -- cancelling and listing -----------------------------------------------------------------

    def discard(self, download_id: str) -> GarbageCollection:
        """Cancel for good (stop its run first): nothing of it is kept, unless the clean-up of
        its files was skipped (the result says why: the learner is told no space was freed)."""
        self._forget(download_id)
        return self.library.collect_garbage()

    def _forget(self, download_id: str) -> None:
        _forget_download(self.downloader, self.manifests, download_id)

    def downloads(self) -> list[CourseDownload]:
        records = self.store.all()
        running = self._runs_now(records)  # one look at the lock for all of them
        return [self._shown(r, running) for r in records]

    def get(self, download_id: str) -> CourseDownload | None:
        record = self.store.get(download_id)
        return None if record is None else self._shown(record, self._runs_now([record]))

    def _runs_now(self, records: Sequence[DownloadRecord]) -> set[str] | None:
        """The downloads running now, when that can be known (`DownloadsLock.running`). Asked
        only when a record says RUNNING: a run that stopped without recording how (its FAILED
        refused by a full disk, a kill) leaves RUNNING behind, and no one runs it."""
        if not any(r.state is DownloadState.RUNNING for r in records):
            return None
        return self.lock.running(self.downloader.running)

    def _shown(self, record: DownloadRecord, running: set[str] | None) -> CourseDownload:
        """A record as shown: RUNNING with nothing running it is what it is, stopped; shown
        QUEUED, the state a quit leaves and from which the next start resumes (as it does)."""
        shown = describe(record)
        stopped = running is not None and record.id not in running
        if record.state is DownloadState.RUNNING and stopped:
            return replace(shown, state=DownloadState.QUEUED, reason=INTERRUPTED)
        return shown

    def unfinished(self) -> list[str]:
        """Downloads to restart at start (not paused by the user, not failed)."""
        return [r.id for r in self.store.unfinished()]

    # -- repair ---------------------------------------------------------------------------------

    def refetch(
        self,
        course_id: str,
        sources: Sequence[str],
        *,
        cancel: threading.Event | None = None,
        progress: ProgressCallback | None = None,
    ) -> DownloadResult:
        """`CourseRepairs.refetch`: the damaged or missing files of an installed course."""
        return self.repairs.refetch(course_id, sources, cancel=cancel, progress=progress)

    def fetch_missing(
        self,
        course_id: str,
        sources: Sequence[str],
        *,
        cancel: threading.Event | None = None,
        progress: ProgressCallback | None = None,
    ) -> Refetched:
        """`CourseRepairs.fetch_missing`: the files absent from this disk, found by one stat."""
        return self.repairs.fetch_missing(course_id, sources, cancel=cancel, progress=progress)


def _never(_course_id: str) -> bool:
    return False


def _forget_download(
    downloader: Downloader, manifests: DownloadManifests, download_id: str
) -> None:
    """Drop a download's record and parts, and the manifest kept for it."""
    downloader.discard(download_id)
    shutil.rmtree(manifests.folder(download_id), ignore_errors=True)
