"""The catalogs as the catalog page shows them: every catalog (or its offline copy) fetched on a
worker of the task runner, browsed again from what was fetched when the library changes (states
and sizes follow an install without a fetch), and the courses a folder catalog lists unsigned,
which are not downloaded but installed as unverified once the learner accepts. A quit stops a
fetch under way (`stop`): a server that does not answer never holds it.

Apart from the downloads controller (player/ui/downloads_controller.py), which holds this as its
`browser` and offers its catalog's courses for download: this fetches and browses, nothing more.
No words: the catalog page words what it shows.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from player.commands.download import PlayerDownloads
from player.library.catalogs import Browse, CatalogCourse, CatalogListing
from player.library.download_sources import unsigned_folder
from player.library.garbage_collection import GarbageCollection
from player.library.library import InstalledCourse
from player.ui.tasks import TaskRunner
from sync.lookup import stop_waiting_when

log = logging.getLogger(__name__)


class CatalogBrowser(QObject):
    """The latest `browse` of the catalogs; `ready` says each new one, `busy` a fetch, `fetched`
    the end of one (the update check counts it as a check, whoever asked for it), with whether
    a catalog was read fresh (not only offline copies and failures: offline, nothing was)."""

    ready = Signal(object)  # Browse
    busy = Signal(bool)
    fetched = Signal(bool)

    def __init__(
        self, downloads: PlayerDownloads, tasks: TaskRunner, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.downloads = downloads
        self.tasks = tasks
        self._listings: list[CatalogListing] = []
        self.browse: Browse | None = None
        self.unsigned: dict[str, Path] = {}
        """Download ids of the courses a folder catalog lists unsigned, and their folder."""
        self._busy = False
        self._background = False  # the fetch under way is the update check's
        self._again = False  # the Catalog asked for its own while the update check's ran
        self._stop = threading.Event()

    def reading(self) -> bool:
        """Whether a fetch is under way (the Catalog's or the update check's)."""
        return self._busy

    def refresh(self, *, background: bool = False, network: bool = True) -> None:
        """Fetch every catalog (or its offline copy) on a worker thread. `background`: the
        update check's, which reads ahead the updates of installed courses only (a folder
        catalog's every signature and manifest is for the Catalog's page); the Catalog's asked
        meanwhile follows it. `network` False: the folder catalogs only (a USB stick needs no
        network), the servers' kept as last read."""
        if self._stop.is_set():
            return
        if self._busy:
            self._again = self._again or (self._background and not background)
            return
        self._busy, self._background = True, background
        self.busy.emit(True)
        catalogs, session, stop = self.downloads.catalogs, self.downloads.session, self._stop
        kept = {listing.source: listing for listing in self._listings}

        def work() -> tuple[Browse, dict[str, Path], bool]:
            sources = catalogs.sources()
            asked = sources if network else [s for s in sources if s.is_folder]
            with stop_waiting_when(stop.is_set):  # a quit: each request gives up at once
                read = catalogs.fetch(session, asked)
                catalogs.read_ahead(read, session, background=background)
            fresh = any(r.result is not None and not r.result.stale for r in read)
            by_source = {listing.source: listing for listing in read}
            listings = [by_source.get(s) or kept.get(s) for s in sources]
            browse = catalogs.browse([listing for listing in listings if listing is not None])
            unsigned = {}
            for course in browse.courses:
                folder = unsigned_folder(course.entry, course.source)
                if folder is not None:
                    unsigned[course.download_id] = folder
            return browse, unsigned, fresh

        self.tasks.run_task(work, self._done, self._failed)

    def _done(self, result: tuple[Browse, dict[str, Path], bool]) -> None:
        browse, self.unsigned, fresh = result
        self._busy = False
        self._listings = list(browse.listings)
        self.browse = browse
        self.busy.emit(False)
        self.ready.emit(browse)
        if not self._stop.is_set():  # what a quit cut short read nothing
            self.fetched.emit(fresh)
        self._refresh_again()

    def _refresh_again(self) -> None:
        if self._again:
            self._again = False
            self.refresh()

    def stop(self) -> None:
        """At quit: a fetch under way gives up (its requests within a tenth of a second), and
        none starts."""
        self._stop.set()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        log.error("catalogs: %s", error)
        self.busy.emit(False)
        self._refresh_again()

    def rebrowse(self) -> None:
        """The library changed: states and sizes again, from the catalogs already fetched."""
        if self.browse is None:
            return
        self.browse = self.downloads.catalogs.browse(self._listings)
        self.ready.emit(self.browse)

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

        library = self.downloads.courses.library
        source = FolderSource(folder)
        opened = library.open(source, course.id, course.version, allow_unsigned=True)
        installed, collection = library.collection_by(
            lambda: library.install(source, opened, origin=str(folder))
        )
        return [installed], collection
