"""The status bar's word on sync: `SyncIndicator` shows the status `SyncController`
(player.ui.sync_controller) gives, and a click opens the Sync panel. Hidden before a profile
exists: nothing is recorded before.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QToolButton, QWidget

from player.ui.button import click_on_enter
from player.ui.sync_controller import SyncController
from player.ui.sync_status import StatusKind, SyncStatus


class SyncIndicator(QToolButton):
    """The status-bar button: up to date / N waiting / N refused / offline / error / not
    connected to an account; click (or Enter, Space) for the panel. Hidden until a profile
    exists: nothing is recorded before."""

    panel_requested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setAutoRaise(True)
        self.clicked.connect(self.panel_requested)
        controller.status_changed.connect(self.show_status)
        self.show_status(controller.status())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter opens the panel like a click (Space does already, as on any button)."""
        if not click_on_enter(self, event):
            super().keyPressEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        """The interface language changed: say the status again in it (the controller's
        next one is made in it too)."""
        if event.type() == QEvent.Type.LanguageChange:
            self.show_status(self.status)
        super().changeEvent(event)

    def show_status(self, status: SyncStatus) -> None:
        self.status = status
        if not status.has_profile:  # the first start: "Up to date" would mean nothing yet
            self.hide()
        elif self.isHidden() and self.parentWidget() is not None:
            self.show()
        texts: dict[StatusKind, str] = {
            "no_account": (
                self.tr("%n records kept on this computer", "", status.waiting)
                if status.waiting
                else self.tr("Not connected to an account")
            ),
            "up_to_date": self.tr("Up to date"),
            "waiting": self.tr("%n waiting", "", status.waiting),
            "refused": self.tr("%n refused", "", status.refused),
            "offline": self.tr("Offline"),
            "metered": self.tr("Waiting for an unmetered network"),
            "syncing": self.tr("Syncing…"),
            "error": self.tr("Sync error"),
        }
        self.setText(texts[status.kind])
        tips = []
        if status.kind != "no_account":  # the text says it: nothing of theirs can be sent
            tips.append(self.tr("Learning records waiting to be sent: %n", "", status.waiting))
        if status.refused:
            tips.append(self.tr("Refused by the server: %n", "", status.refused))
        if status.detail:
            tips.append(status.detail_text())
            if answer := status.server_answer_text():
                tips.append(answer)
        if status.kind == "no_account":
            tips.append(self.tr("Click to add the account your institution gave you."))
        else:
            tips.append(self.tr("Click for details and \u201cSync now\u201d."))
        self.setToolTip("\n".join(tips))
        self.setAccessibleName(self.tr("Sync status: %1").replace("%1", texts[status.kind]))
