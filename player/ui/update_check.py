"""Looking for course updates without the Catalog opened: the catalogs read again in the
background, now and then, and the installed courses they offer a newer version of, for the
library to mark ("Update available") and offer to update.

The read is the Catalog's own (`CatalogBrowser.refresh`, on the task runner: a conditional GET
per server catalog, a 304 when it did not change, and the updates' manifests and signatures),
asked for once the downloads have started (after the first paint), when every condition allows:
the setting "Look for course updates when online" is on, a profile is studying (not the chooser
to whoever sits down), the network is up, "only on unmetered connections" is off or the
connection is unmetered, and the last read, whoever asked for it (the Catalog counts), is
`CHECK_INTERVAL` old (`Settings.updates_checked_at`, across restarts). The conditions are looked
at again when one of them may have changed and every `POLL_MS` (the wall clock decides, so a
laptop asleep for a night checks when it wakes). A quit stops a read under way with the
browser's (`DownloadsController.stop`).

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
        fetch: Callable[[], None],
        *,
        studying: Callable[[], bool],
        online: Callable[[], bool],
        unmetered: Callable[[], bool],
        unsigned_allowed: bool = False,
        clock: Callable[[], float] = time.time,
        interval: float = CHECK_INTERVAL,
        parent: QObject | None = None,
    ) -> None:
        """`fetch` starts the Catalog's read (it does nothing while one runs); the end of any
        read is told with `fetched`, each browse with `browsed`. `clock`: wall-clock seconds
        (the last check is remembered across restarts)."""
        super().__init__(parent)
        self.context = context
        self.fetch = fetch
        self.studying = studying
        self.online = online
        self.unmetered = unmetered
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
        """Whether a read may be sent now (whatever the clock says)."""
        settings = self.context.settings
        if not self.started or self.stopped or not settings.check_updates:
            return False
        if not self.studying():
            return False
        if not self.online():
            return False
        return not (settings.unmetered_only and not self.unmetered())

    def due(self) -> bool:
        last = self.context.settings.updates_checked_at
        return seconds_until_due(last, self.clock(), self.interval) == 0

    def consider(self) -> bool:
        """Read the catalogs if due and allowed; whether it was asked."""
        if not (self.allowed() and self.due()):
            return False
        log.info("looking for course updates in the catalogs")
        self.fetch()
        return True

    def fetched(self) -> None:
        """A read of the catalogs ended (this check's or the Catalog's): the next is due
        `interval` later, whatever it found (a server down is asked again then, not sooner)."""
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
