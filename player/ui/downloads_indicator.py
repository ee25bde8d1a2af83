"""The status bar's downloads button: downloading N%, paused, waiting, failed; a click opens the
Downloads page (player/ui/getting_courses.py wires it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QToolButton, QWidget

from player.ui.key_names import key_name

if TYPE_CHECKING:
    from player.ui.download_item import DownloadItem


class DownloadsIndicator(QToolButton):
    """The status-bar button: downloading N%, paused, waiting, failed; click for Downloads."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoRaise(True)
        self.items: dict[str, DownloadItem] = {}
        self.hide()

    def show_item(self, item: DownloadItem) -> None:
        from sync.download_state import DownloadState

        before = self.items.get(item.id)
        self.items[item.id] = item
        self.update_text()
        failed = DownloadState.FAILED
        if before is not None and before.state is not failed and item.state is failed:
            # Said once, as it happens (a failure recorded before this start is not news); its
            # progress is never said, and a completed one is by the "Installed" message.
            from player.ui.announce import announce  # QAccessible: not at start

            announce(self, self.tr("Download failed: %1").replace("%1", item.title))

    def remove_item(self, download_id: str) -> None:
        self.items.pop(download_id, None)
        self.update_text()

    def update_text(self) -> None:
        items = list(self.items.values())
        self.setVisible(bool(items))
        if not items:
            return  # at start: nothing to show, and the network stack stays unloaded
        from sync.download_state import DownloadState

        states = {i.state for i in items}
        if DownloadState.RUNNING in states:
            done = sum(i.done for i in items if i.state is DownloadState.RUNNING)
            total = sum(i.total for i in items if i.state is DownloadState.RUNNING)
            percent = 100 if total <= 0 else int(done * 100 / total)
            failed = sum(1 for i in items if i.state is DownloadState.FAILED)
            if failed:  # not hidden until the other downloads end: it may need the learner
                text = self.tr("Downloading %1% · %n failed", "", failed)
            else:
                text = self.tr("Downloading %1%")
            text = text.replace("%1", str(percent))
        elif DownloadState.WAITING_FOR_NETWORK in states:
            waiting = [i for i in items if i.state is DownloadState.WAITING_FOR_NETWORK]
            if all(i.waits_for_server for i in waiting):  # the network works: not its fault
                text = self.tr("Downloads wait for the server")
            else:
                text = self.tr("Downloads wait for the network")
        elif states & {DownloadState.WAITING_FOR_WINDOW, DownloadState.WAITING_FOR_UNMETERED}:
            text = self.tr("Downloads wait (see Settings)")
        elif DownloadState.FAILED in states:
            failed = sum(1 for i in items if i.state is DownloadState.FAILED)
            text = self.tr("%n downloads failed", "", failed)  # "A download" said of two
        elif states == {DownloadState.PAUSED}:
            text = self.tr("Downloads paused")
        elif all(i.held for i in items):  # downloaded, not a download: it waits (review r3 #7)
            if len(items) == 1:
                text = self.tr("An update waits for an exam")
            else:
                text = self.tr("Updates wait for an exam")
        else:
            text = self.tr("%n downloads", "", sum(1 for i in items if not i.held))
        self.setText(text)
        keys = key_name(Qt.Modifier.CTRL | Qt.Key.Key_J)  # the Downloads action's, as written
        self.setToolTip(self.tr("Open Downloads ({key})").format(key=keys))
        self.setAccessibleName(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.update_text()
        super().changeEvent(event)
