"""Repairing an installed course: fetching again, from a repository that offers it, the files
of it that are damaged, missing, or unreadable (a disk error), through the application's one
`Downloader` under the downloads' lock. A repair is a recorded download (kind KIND_REPAIR) like
an install, so a quit or a crash resumes it from its parts."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from player.course.manifest import FileRef
from player.library.download_lock import DownloadsLock
from player.library.download_records import (
    KIND_REPAIR,
    REWRITE,
    InstallOutcome,
    ProgressCallback,
    Refetched,
    blob_specs,
    nothing_to_fetch,
)
from player.library.download_refusals import DownloadRefused
from player.library.library import InstalledCourse, Library
from sync.download import Downloader
from sync.download_reports import DownloadResult
from sync.download_state import BlobState as FetchState
from sync.download_state import DownloadRecord, DownloadState


class CourseRepairs:
    """The repairs of `CourseDownloads` (which resumes a recorded repair through `resume`).
    `forget` drops a finished repair's record and parts, as for an install."""

    def __init__(
        self,
        library: Library,
        downloader: Downloader,
        lock: DownloadsLock,
        forget: Callable[[str], None],
    ) -> None:
        self.library = library
        self.downloader = downloader
        self.store = downloader.store
        self.lock = lock
        self._forget = forget

    def refetch(
        self,
        course_id: str,
        sources: Sequence[str],
        *,
        cancel: threading.Event | None = None,
        progress: ProgressCallback | None = None,
    ) -> DownloadResult:
        """Fetch the damaged or missing files of an installed course again (every file re-hashed),
        from the first of `sources` (repository roots) that has them. Raises DownloadRefused when
        there is none.

        The altered files go as `cartable courses check` removes them (`remove_damaged`: only
        the file hashed). A file that could not be read stays: its bytes are unknown, and were it
        discarded first a failed fetch lost it. One a permission stops is not fetched (the user
        corrects it, at no download; Check files… names it, with the reason); one a disk's read
        error stops (a bad sector) is, and its new copy replaces it once verified: written
        again, it goes to new blocks."""
        with self.lock.held():
            _candidates(self._installed(course_id), sources)  # none: nothing removed
            checked = self.library.remove_damaged(course_id)
            installed = self._installed(course_id)  # read again: the check takes minutes
            files = installed.course.files()
            missing = self.library.blobs.missing(files.values())
            absent = {ref.sha256 for ref in missing}
            rewrite = [files[s] for s in checked.rewritable if s in files and s not in absent]
            return self._fetch_again(installed, missing, sources, cancel, progress, rewrite)

    def fetch_missing(
        self,
        course_id: str,
        sources: Sequence[str],
        *,
        cancel: threading.Event | None = None,
        progress: ProgressCallback | None = None,
    ) -> Refetched:
        """`refetch` of the files absent from this disk or not at their size only: one stat each,
        as a re-import of the same copy checks, since `cartable download` of an installed version
        must not read every byte (`cartable courses check` hashes, and removes what it finds
        damaged). Nothing missing: returns at once, without the downloads' lock, so a player
        downloading meanwhile does not stop the command saying the course is installed."""
        installed = self._installed(course_id)
        if not self.library.blobs.missing(installed.course.files().values()):
            return Refetched(0, nothing_to_fetch(f"repair:{installed.course.key}"))
        with self.lock.held():
            installed = self._installed(course_id)  # read again: it may have changed meanwhile
            missing = self.library.blobs.missing(installed.course.files().values())
            result = self._fetch_again(installed, missing, sources, cancel, progress)
            return Refetched(len(missing), result)

    def _installed(self, course_id: str) -> InstalledCourse:
        installed = self.library.get(course_id)
        if installed is None:
            raise DownloadRefused(f"{course_id}: not installed")
        return installed

    def _fetch_again(
        self,
        installed: InstalledCourse,
        refs: Sequence[FileRef],
        sources: Sequence[str],
        cancel: threading.Event | None,
        progress: ProgressCallback | None,
        rewrite: Sequence[FileRef] = (),
    ) -> DownloadResult:
        """Fetch `refs`, files of `installed`, from the first of `sources` that has them (they go
        from the store first: the downloader skips a file present at its size), and `rewrite`,
        files there that a disk error left unreadable, each replaced once its copy verifies
        (kept in the record's meta, `REWRITE`, for a resume)."""
        download_id = f"repair:{installed.course.key}"
        if not refs and not rewrite:
            return nothing_to_fetch(download_id)
        candidates = _candidates(installed, sources)
        for ref in refs:
            self.library.blobs.discard(ref.sha256)
        specs = blob_specs([*refs, *rewrite])
        meta: dict[str, Any] = {
            "kind": KIND_REPAIR,
            "course_id": installed.id,
            "version": installed.version,
            "title": installed.course.title,
        }
        if rewrite:
            meta[REWRITE] = [ref.sha256 for ref in rewrite]
        result: DownloadResult | None = None
        for source in candidates:
            replace = self._still_to_rewrite(download_id, meta) if result else meta.get(REWRITE)
            result = self.downloader.run(
                download_id,
                source,
                specs,
                cancel=cancel,
                progress=progress,
                meta=meta,
                replace=replace or (),
            )
            if result.state is DownloadState.COMPLETED:
                self._forget(download_id)
                return result
            if result.state is not DownloadState.FAILED:
                return result  # paused or quitting: resumed later from the same parts
        assert result is not None
        return result

    def resume(
        self,
        record: DownloadRecord,
        cancel: threading.Event | None,
        progress: ProgressCallback | None,
    ) -> InstallOutcome:
        """Continue a recorded repair (after a restart, a pause or a failure); forgotten once
        complete. Its unreadable files are rewritten only if no run of it stored them yet."""
        replace = self._still_to_rewrite(record.id, record.meta)
        result = self.downloader.resume(
            record.id, cancel=cancel, progress=progress, replace=replace
        )
        if result.state is DownloadState.COMPLETED:
            self._forget(record.id)
        return InstallOutcome(record.id, result.state, None, result.error, result, result.failure)

    def _still_to_rewrite(self, download_id: str, meta: dict[str, Any]) -> set[str]:
        """The unreadable files a repair rewrites (`REWRITE`) that no run of it stored yet: one
        stored is readable again, fetched once."""
        record = self.store.get(download_id)
        done = {b.sha256 for b in record.blobs if b.state is FetchState.DONE} if record else set()
        return {str(sha) for sha in meta.get(REWRITE) or ()} - done


def _candidates(installed: InstalledCourse, sources: Sequence[str]) -> list[str]:
    """The repositories to fetch `installed`'s files from, each once; DownloadRefused if none."""
    candidates = [s for s in dict.fromkeys(sources) if s]
    if not candidates:
        raise DownloadRefused(
            f"{installed.course.title}: no catalog offers this course to fetch its files from"
        )
    return candidates
