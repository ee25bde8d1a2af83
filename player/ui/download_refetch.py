"""Check and repair files: an installed course's damaged files fetched again, from where it came
from and from every catalog that lists it (the repair dialog's task, on a worker thread; the
dialog is player/ui/repair.py, which reaches this through `DownloadsController.refetch`).

Apart from the downloads controller because it runs no download of the queue and shows no row:
one blocking call with the application's downloader.
"""

from __future__ import annotations

from player.commands.download import PlayerDownloads
from player.library.download_refusals import DownloadRefused
from player.library.download_sources import repository_of
from sync.download_reports import DownloadResult
from sync.download_state import DownloadState, FailureKind


def refetch(downloads: PlayerDownloads, course_id: str) -> DownloadResult:
    """Fetch an installed course's damaged files again (a worker thread: the repair dialog's
    task). Raises DownloadRefused with the reason when no catalog can provide them."""
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
