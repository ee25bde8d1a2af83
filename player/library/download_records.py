"""What a course download records and hands back: the meta kept with its state in the device
database (an install's, a repair's), the record as the views and the command show it, and the
outcomes of `CourseDownloads`' runs. Plain data, so views and commands read them without the
manager."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from player.course.manifest import FileRef, version_key
from player.course.package import OpenedCourse
from player.library.library import InstalledCourse
from sync.catalog_parse import CatalogEntry
from sync.download_reports import DownloadProgress, DownloadResult
from sync.download_state import BlobSpec, DownloadRecord, DownloadState, FailureKind

KIND_INSTALL = "install"
KIND_REPAIR = "repair"
REWRITE = "rewrite"
"""A repair's meta: the sha256 of files there but unreadable (a disk error) it fetches anew."""
# The reason of a download recorded RUNNING that nothing runs (see CourseDownloads._shown).
INTERRUPTED = "interrupted: it resumes at the player's next start or with `cartable download`"


@dataclass(frozen=True)
class PreparedDownload:
    """A course whose manifest passed every check, ready for `CourseDownloads.run`."""

    entry: CatalogEntry
    source: str
    opened: OpenedCourse
    blobs: tuple[BlobSpec, ...]
    """Every file of the course (those already here are skipped by the downloader)."""
    to_download: int
    """Bytes still to fetch."""
    previous_version: str | None
    """The installed version this one replaces (an update), if any."""

    @property
    def download_id(self) -> str:
        return self.opened.course.key

    @property
    def meta(self) -> dict[str, Any]:
        course = self.opened.course
        return {
            "kind": KIND_INSTALL,
            "course_id": course.id,
            "version": course.version,
            "title": course.title,
            "manifest": self.entry.manifest,
            "manifest_sha256": self.entry.manifest_sha256,
            "previous_version": self.previous_version,
            "baseline": sum(b.size for b in self.blobs) - self.to_download,
        }


@dataclass(frozen=True)
class CourseDownload:
    """A recorded download as the views and the command show it."""

    id: str
    kind: str
    course_id: str
    version: str
    title: str
    source: str
    state: DownloadState
    reason: str | None
    total_bytes: int
    baseline: int
    """Bytes already on this disk when it was first asked for (shared files, an older version):
    progress is shown over the rest."""
    previous_version: str | None
    failure: FailureKind | None = None
    """What a FAILED download failed on (None: recorded before kinds, see its `reason`), or
    what one WAITING_FOR_NETWORK waits out (NETWORK, SERVER; None: not known)."""

    @property
    def is_update(self) -> bool:
        return self.previous_version is not None


@dataclass(frozen=True)
class InstallOutcome:
    download_id: str
    state: DownloadState
    """COMPLETED (installed), PAUSED, QUEUED (the application quits) or FAILED."""
    installed: InstalledCourse | None
    error: str | None
    result: DownloadResult | None = None
    failure: FailureKind | None = None
    """What a FAILED download or install failed on, or what a download WAITING_FOR_NETWORK
    waits out."""
    held: bool = False
    """COMPLETED, not installed: an update whose course has a timed exam in progress waits
    (`CourseDownloads.held`); `CourseDownloads.finish_completed` installs it once it may."""


@dataclass(frozen=True)
class CompletedFinished:
    """What `CourseDownloads.finish` did with the downloads left COMPLETED."""

    installed: list[InstalledCourse]
    held: frozenset[str] = frozenset()
    """The downloads (ids) it left COMPLETED because an exam in progress holds their course
    (`CourseDownloads.held`): only these wait for the exam. Others may stay COMPLETED for
    another reason (another process held the downloads' lock): not said to wait for one."""


@dataclass(frozen=True)
class Refetched:
    """What `CourseDownloads.fetch_missing` fetched again."""

    files: int
    """Files that were missing (0: nothing was fetched, nothing was asked of the network)."""
    result: DownloadResult


def nothing_to_fetch(download_id: str) -> DownloadResult:
    """The result of a repair that had no file to fetch (nothing asked of the network)."""
    return DownloadResult(download_id, DownloadState.COMPLETED, None, 0, 0, 0)


ProgressCallback = Callable[[DownloadProgress], None]


def blob_specs(refs: Sequence[FileRef]) -> tuple[BlobSpec, ...]:
    """The downloader's description of a course's files."""
    return tuple(BlobSpec(ref.sha256, ref.size) for ref in refs)


def describe(record: DownloadRecord) -> CourseDownload:
    """A record as the views and the command show it (its meta read leniently: an older
    Cartable's record may lack a field)."""
    meta = record.meta
    course_id = str(meta.get("course_id") or record.id.split("@")[0])
    previous = meta.get("previous_version")
    return CourseDownload(
        id=record.id,
        kind=str(meta.get("kind") or KIND_INSTALL),
        course_id=course_id,
        version=str(meta.get("version", "")),
        title=str(meta.get("title") or course_id),
        source=record.source,
        state=record.state,
        reason=record.error,
        total_bytes=record.total_bytes,
        baseline=max(0, min(int(meta.get("baseline") or 0), record.total_bytes)),
        previous_version=str(previous) if previous else None,
        failure=record.failure,
    )


def version_of(meta: dict[str, Any]) -> tuple[int, ...] | None:
    """A recorded download's version, ordered; None when unreadable (left alone)."""
    try:
        return version_key(str(meta.get("version", "")))
    except ValueError:
        return None
