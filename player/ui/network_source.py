"""Where the GUI learns about the network, online or not, metered or not, and when that changes:
the sync controller and the downloads ask a `NetworkSource` (tests pass their own).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol


class NetworkSource(Protocol):
    """Where the controller learns about the network (tests pass their own)."""

    def is_online(self) -> bool: ...

    def is_metered(self) -> bool: ...

    def watch(self, changed: Callable[[], None]) -> None: ...


class QtNetworkSource:
    """QNetworkInformation, when a backend loads (glib, networkmanager, Windows, macOS...)."""

    def __init__(self, info: object) -> None:
        self.info = info

    @classmethod
    def load(cls) -> QtNetworkSource | None:
        from PySide6.QtNetwork import QNetworkInformation

        try:
            loaded = QNetworkInformation.loadDefaultBackend()
        except RuntimeError:
            return None
        info = QNetworkInformation.instance() if loaded else None
        if info is None or not info.supports(QNetworkInformation.Feature.Reachability):
            return None
        return cls(info)

    def is_online(self) -> bool:
        from PySide6.QtNetwork import QNetworkInformation

        value = self.info.reachability()  # type: ignore[attr-defined]
        return value in (
            QNetworkInformation.Reachability.Online,
            QNetworkInformation.Reachability.Site,
            QNetworkInformation.Reachability.Unknown,  # unknown: try, the engine copes
        )

    def is_metered(self) -> bool:
        return bool(self.info.isMetered())  # type: ignore[attr-defined]

    def watch(self, changed: Callable[[], None]) -> None:
        self.info.reachabilityChanged.connect(lambda *_: changed())  # type: ignore[attr-defined]
        self.info.isMeteredChanged.connect(lambda *_: changed())  # type: ignore[attr-defined]
