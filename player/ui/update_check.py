"""Looking for course updates without the Catalog opened: the catalogs read again in the
background, now and then, and the installed courses they offer a newer version of, for the
library to mark ("Update available") and offer to update.

The read is the Catalog's own (`CatalogBrowser.refresh`, on the task runner: a conditional GET
per server catalog, a 304 when it did not change, and the updates' manifests and signatures),
asked for once the downloads have started (after the first paint), when every condition allows:
the setting "Look for course updates when online" is on, a profile is studying (not the chooser
to whoever sits down), the network is up, "only on unmetered connections" is off or the
connection is unmetered, and the last read, whoever asked for it (the Catalog counts), is
`CHECK_INTERVAL` old (`Settings.updates_checked_at`, across restarts). A folder catalog (a USB
stick, a shared drive) needs no network: without one, or on a metered one that downloads must
not use, the folder catalogs alone are read (an offline lab with a USB catalog is told of its
updates). A read is the update check's (`background`): of a folder catalog, only the updates of
installed courses are read ahead, not its every signature and manifest. A read that read no
catalog fresh while offline (a Catalog visit on the bus: offline copies only) is no check.
The conditions are looked at again when one of them may have changed and every `POLL_MS` (the
wall clock decides, so a laptop asleep for a night checks when it wakes). A quit stops a read
under way with the browser's (`DownloadsController.stop`).

Apart from GettingCourses (player/ui/getting_courses.py), which wires it to the downloads
controller and shows `updates_changed` on the library's cards and banner.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from player.context import Context
from player.library.catalogs import Browse, CatalogCourse
from player.library.course_updates import (
    CHECK_INTERVAL,
    installable_updates,
    seconds_until_due,
    update_versions,
)
from player.ui.settings_save import save_settings

log = logging.getLogger(__name__)

FIRST_CHECK_MS = 5_000
"""After the downloads start (a second after the window shows): their resumes go first."""
POLL_MS = 15 * 60_000
"""How often the conditions and the clock are looked at again (nothing is sent unless due)."""


class UpdateCheck(QObject):
    """`consider` reads the catalogs when due and allowed; `browsed` turns each browse of them
    into the updates to show (`updates_changed`: course id -> CatalogCourse)."""

    updates_changed = Signal(object)  # dict[str, CatalogCourse]

    def __init__(
        self,
        context: Context,
        fetch: Callable[[bool], None],
        *,
        studying: Callable[[], bool],
        online: Callable[[], bool],
        unmetered: Callable[[], bool],
        folders: Callable[[], bool] = lambda: False,
        reading: Callable[[], bool] = lambda: False,
        unsigned_allowed: bool = False,
        clock: Callable[[], float] = time.time,
        interval: float = CHECK_INTERVAL,
        parent: QObject | None = None,
    ) -> None:
        """`fetch(network)` starts the Catalog's read as the update check's (it does nothing
        while one runs; `network` False: the folder catalogs only); the end of any read is told
        with `fetched`, each browse with `browsed`. `folders`: whether a catalog is a folder.
        `reading`: whether a read is under way (its end, `fetched`, is the check).
        `clock`: wall-clock seconds (the last check is remembered across restarts)."""
        super().__init__(parent)
        self.context = context
        self.fetch = fetch
        self.studying = studying
        self.online = online
        self.unmetered = unmetered
        self.folders = folders
        self.reading = reading
        self.unsigned_allowed = unsigned_allowed
        self.clock = clock
        self.interval = interval
        self.updates: dict[str, CatalogCourse] = {}
        self.started = False  # nothing asked before `start` (the downloads' start, after paint)
        self.stopped = False
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self.consider)

    def start(self, first_ms: int = FIRST_CHECK_MS) -> None:
        """Look now and then from `first_ms` on."""
        if self.stopped:
            return
        self.started = True
        self.timer.start()
        QTimer.singleShot(first_ms, self, self.consider)

    def stop(self) -> None:
        """At quit (and with the downloads): no read asked any more."""
        self.stopped = True
        self.timer.stop()

    def allowed(self) -> bool:
        """Whether a read may be sent now (whatever the clock says): of the servers' catalogs
        (`network_allowed`), or of the folder catalogs alone."""
        settings = self.context.settings
        if not self.started or self.stopped or not settings.check_updates:
            return False
        if not self.studying():
            return False
        return self.network_allowed() or self.folders()

    def network_allowed(self) -> bool:
        """Whether the servers' catalogs may be asked now: online, and unmetered when the
        downloads wait for an unmetered connection."""
        if not self.online():
            return False
        return not (self.context.settings.unmetered_only and not self.unmetered())

    def due(self) -> bool:
        last = self.context.settings.updates_checked_at
        return seconds_until_due(last, self.clock(), self.interval) == 0

    def consider(self) -> bool:
        """Read the catalogs if due and allowed, and no read is under way; whether it was
        asked. A read under way (this check's or the Catalog's) is the check: its end says so
        (`fetched`). A first start logged "looking for course updates" twice 1 ms apart (run
        f4): the profile opened said "studying" twice (the library read, then the page shown),
        and the second read asked was dropped, the first running."""
        if self.reading() or not (self.allowed() and self.due()):
            return False
        network = self.network_allowed()
        log.info("looking for course updates in the %s", "catalogs" if network else "folders")
        self.fetch(network)
        return True

    def fetched(self, fresh: bool = True) -> None:
        """A read of the catalogs ended (this check's or the Catalog's): the next is due
        `interval` later, whatever it found (a server down is asked again then, not sooner),
        unless it read no catalog fresh while offline (`fresh` False: offline copies, a stick
        taken out): nothing was checked, the next look may read them."""
        if not fresh and not self.online():
            return
        self.context.settings.updates_checked_at = self.clock()
        save_settings(self.context)

    def versions(self) -> dict[str, str]:
        """Course id -> the version its update brings, as the library shows them."""
        return update_versions(self.updates)

    def browsed(self, browse: Browse, unsigned: set[str]) -> None:
        """A browse of the catalogs (a read, or the library changed): the updates to show."""
        updates = installable_updates(browse, unsigned, self.unsigned_allowed)
        if updates != self.updates:
            self.updates = dict(updates)
            self.updates_changed.emit(updates)
