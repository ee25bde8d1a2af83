"""The main window's side of sync: its indicator in the status bar, the Sync panel, and the
refused account said to the learner it is about, all following the profile in use.

The controller (player.ui.sync_controller) runs on its own; `MainWindow.attach_sync` makes a
`WindowSync` once it does. Moved out of `MainWindow`: the texts keep the "MainWindow"
translation context they were written and translated in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMainWindow

if TYPE_CHECKING:  # loaded when sync runs: the library comes on screen sooner
    from player.ui.sync_controller import SyncController
    from player.ui.sync_indicator import SyncIndicator
    from player.ui.sync_panel import SyncPanel
    from sync.engine import SyncReport

log = logging.getLogger(__name__)


def account_refused(sync: SyncController | None, profile_id: str) -> bool:
    """Whether the institution's server refused this profile's user name or password. Asked
    by an exam page as it is drawn again (a language change, even at close): records that
    cannot be read make it "not known", never an error in a paint."""
    from player.ui.recorder import STORE_FAILURES

    if sync is None:
        return False
    try:
        return sync.account_refused(profile_id)
    except STORE_FAILURES as exc:
        log.warning("could not read the sync status of a profile: %s", exc)
        return False


class WindowSync(QObject):
    """A QObject, the window's child: the signals of the controller and of the indicator come
    to its methods, never to closures over the window."""

    def __init__(
        self,
        window: QMainWindow,
        controller: SyncController,
        profile_in_use: Callable[[], str | None],
    ) -> None:
        from player.ui.sync_indicator import SyncIndicator

        super().__init__(window)  # the panel's parent, the status bar's owner
        self.controller = controller
        self._profile_in_use = profile_in_use
        self.panel: SyncPanel | None = None
        # The profile whose refused account was said: every run refuses it again until the
        # learner corrects it, and the screen reader is told once.
        self._refusal_said: str | None = None
        self.follow()
        bar = window.statusBar()
        self.indicator: SyncIndicator = SyncIndicator(controller, bar)
        bar.addPermanentWidget(self.indicator)
        self.indicator.panel_requested.connect(self.show_panel)
        controller.credentials_needed.connect(self.credentials_needed)
        controller.report_ready.connect(self._reported)

    def _window(self) -> QMainWindow:
        window = self.parent()
        assert isinstance(window, QMainWindow)
        return window

    def show_panel(self) -> None:
        self._refusal_said = None  # the learner goes to correct it: a new refusal is news
        if self.panel is None:
            from player.ui.sync_panel import SyncPanel

            self.panel = SyncPanel(self.controller, self._window())
        self.panel.open_for(self._profile_in_use())

    def follow(self) -> None:
        """The status bar and the Sync panel show the profile in use's records at once: after
        a switch they kept the previous learner's until the next one recorded something."""
        profile_id = self._profile_in_use()
        panel = self.panel
        if panel is not None and panel.isVisible() and panel.profile_id != profile_id:
            panel.close()  # another learner's records and account form
        before = self.controller.current_profile()
        self.controller.use_profile(profile_id)
        if (
            profile_id is not None
            and profile_id != before
            and account_refused(self.controller, profile_id)
        ):
            # Refused by the run at start, under the profile chooser: said to this learner
            # once their profile is open, never to whoever sits at the chooser.
            self.credentials_needed(profile_id)

    def credentials_needed(self, profile_id: str) -> None:
        if profile_id != self._profile_in_use():  # not on the PIN screen after a switch
            return
        text = QCoreApplication.translate(
            "MainWindow", "Your institution refused your account: open Sync to correct it."
        )
        bar = self._window().statusBar()
        if profile_id == self._refusal_said:
            bar.showMessage(text)  # shown again, not said again
            return
        self._refusal_said = profile_id
        from player.ui.announce import show_message

        show_message(bar, text)

    def _reported(self, report: SyncReport) -> None:
        """A run that took the refused profile's records (or found nothing of it to refuse):
        a later refusal is news again."""
        said = self._refusal_said
        if any(p.profile_id == said and p.reason != "auth" for p in report.profiles):
            self._refusal_said = None
