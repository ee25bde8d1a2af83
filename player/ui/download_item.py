"""One course download as the Downloads page, its status-bar indicator and the catalog show it:
the data the downloads controller (player/ui/downloads_controller.py) hands to the views.

Apart from the controller so that a view reads a row without importing the downloader.
"""

from __future__ import annotations

from dataclasses import dataclass

from sync.download_state import DownloadState, FailureKind


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
    held: bool = False
    """COMPLETED, its install waiting for an exam in progress in the course (timed or not) to
    end (its questions would change under the learner): installed by itself after it."""

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
