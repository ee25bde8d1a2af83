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
    the end of one (the update check counts it as a check, whoever asked for it)."""

    ready = Signal(object)  # Browse
    busy = Signal(bool)
    fetched = Signal()

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
        self._stop = threading.Event()

    def refresh(self) -> None:
        """Fetch every catalog (or its offline copy) on a worker thread."""
        if self._busy or self._stop.is_set():
            return
        self._busy = True
        self.busy.emit(True)
        catalogs, session, stop = self.downloads.catalogs, self.downloads.session, self._stop

        def work() -> tuple[Browse, dict[str, Path]]:
            with stop_waiting_when(stop.is_set):  # a quit: each request gives up at once
                listings = catalogs.fetch(session)
                catalogs.read_ahead(listings, session)
            browse = catalogs.browse(listings)
            unsigned = {}
            for course in browse.courses:
                folder = unsigned_folder(course.entry, course.source)
                if folder is not None:
                    unsigned[course.download_id] = folder
            return browse, unsigned

        self.tasks.run_task(work, self._done, self._failed)

    def _done(self, result: tuple[Browse, dict[str, Path]]) -> None:
        browse, self.unsigned = result
        self._busy = False
        self._listings = list(browse.listings)
        self.browse = browse
        self.busy.emit(False)
        self.ready.emit(browse)
        if not self._stop.is_set():  # what a quit cut short read nothing
            self.fetched.emit()

    def stop(self) -> None:
        """At quit: a fetch under way gives up (its requests within a tenth of a second), and
        none starts."""
        self._stop.set()

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        log.error("catalogs: %s", error)
        self.busy.emit(False)

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
