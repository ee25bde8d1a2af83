"""The status bar's word on sync: `SyncIndicator` shows the status `SyncController`
(player.ui.sync_controller) gives, and a click opens the Sync panel. Hidden while no profile is
open (the first start, the PIN, the profile chooser): nothing of a learner shows before their
PIN, nor anyone's total, which on a one-learner laptop is theirs. A run's outcome, and the
network going, are said to a screen reader (`announce`) when they change what the learner last
heard: not every periodic run that finds nothing to send, not a retry failing like the last, not
each count a poll finds, nor a learner's status as their profile opens.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QToolButton, QWidget

from player.ui.announce import announce
from player.ui.button import click_on_enter
from player.ui.sync_controller import SyncController
from player.ui.sync_status import StatusKind, SyncStatus, unanswered


class SyncIndicator(QToolButton):
    """The status-bar button: up to date / N waiting / N refused / offline / error / not
    connected to an account; click (or Enter, Space) for the panel. Hidden while no profile
    is open."""

    panel_requested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setAutoRaise(True)
        self.clicked.connect(self.panel_requested)
        controller.status_changed.connect(self._status_changed)
        self.show_status(controller.status())
        self._said = self._outcome(self.status)  # what the learner knows at start: unsaid

    def _status_changed(self, status: SyncStatus) -> None:
        before = self.status
        self.show_status(status)
        if status.profile_id != before.profile_id:  # another learner: nothing heard yet
            self._said = self._outcome(status)
            return
        self._announce(before.kind, status)

    @staticmethod
    def _outcome(status: SyncStatus) -> tuple[StatusKind, bool]:
        """What an announcement is about: records waiting because a send failed (a reason
        beside them) are news to a learner who last heard only that they wait."""
        return status.kind, bool(status.detail)

    def _announce(self, before: StatusKind, status: SyncStatus) -> None:
        """A run's end (sent, failed, still waiting) or the network lost: said once."""
        outcome = self._outcome(status)
        ended = before == "syncing" and status.kind != "syncing"
        cut_off = status.kind in ("offline", "metered")
        if status.profile_id is None or outcome == self._said or not (ended or cut_off):
            return
        self._said = outcome
        text = self.accessibleName()
        if status.detail and status.kind in ("waiting", "error"):
            text += "\n" + status.detail_text()  # why: the tooltip's sentence
        announce(self, text)

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
        if status.profile_id is None:  # the profile page: no one's records, nor everyone's
            self.hide()
        elif self.isHidden() and self.parentWidget() is not None:
            self.show()
        texts: dict[StatusKind, str] = {
            "no_account": (
                self.tr("%Ln records kept on this computer", "", status.waiting)
                if status.waiting
                else self.tr("Not connected to an account")
            ),
            "up_to_date": self.tr("Up to date"),
            "waiting": self.tr("%Ln waiting", "", status.waiting),
            "refused": self.tr("%Ln refused", "", status.refused),
            "offline": self.tr("Offline"),
            "metered": self.tr("Waiting for an unmetered network"),
            "syncing": self.tr("Syncing…"),
            "error": self.tr("Sync error"),
            "unconfirmed": self.tr("Account not checked yet"),
        }
        if status.kind == "unconfirmed" and unanswered(status.detail) == "no_answer":
            # Its check got no answer: the cause, not only what it leaves undone (review r5).
            texts["unconfirmed"] = self.tr("Server not reachable")
        self.setText(texts[status.kind])
        tips = []
        if status.kind != "no_account":  # the text says it: nothing of theirs can be sent
            tips.append(self.tr("Learning records waiting to be sent: %Ln", "", status.waiting))
        if status.refused:
            tips.append(self.tr("Refused by the server: %Ln", "", status.refused))
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
