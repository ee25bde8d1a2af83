"""Sharing this computer's courses with the other computers of the network, from the player
(Course → Share courses on this network…): what `cartable share` does, for a teacher who does not
use a terminal (docs/downloads.md, "Sharing courses on a local network").

Nothing is served until the teacher presses Start sharing, and the share ends with this window:
closing it, or quitting Cartable, stops the server (no hidden server keeps a laptop open to the
network).

`ShareDialog` is the view: the address to give, what is shared and what is not (and why), the
activity, and what to do when nothing connects. Its parts: `ShareController`
(player/ui/share_controller.py) holds the logic, building, serving, stopping the share and counting
what it sent; share_courses.py fills and sizes the two lists of courses (its words keep this
dialog's translation context, "ShareDialog").
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from player.library.share import LibraryShare
from player.ui.announce import announce
from player.ui.button import Button
from player.ui.i18n import fill
from player.ui.layouts import nested
from player.ui.library_view import format_size
from player.ui.menu_texts import plain, translated_menu_path
from player.ui.share_controller import ShareActivity, ShareController, ShareFailure, ShareStarted
from player.ui.share_courses import COURSE_MENU, fit_rows, show_courses
from player.ui.tooltips import plain_tooltip
from player.wording import isolated


class ShareDialog(QDialog):
    """The teacher's view of the share: start, the address to give, what goes, what happens."""

    def __init__(
        self, controller: ShareController, parent: QWidget | None = None, product: str = "Cartable"
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.product = product  # the branding's name, as the dialog's words say it
        self.preview: LibraryShare | None = None
        self.outcome: ShareStarted | None = None
        self.activity = ShareActivity()
        self.error: ShareFailure | None = None
        metrics = self.fontMetrics()
        self.setMinimumWidth(metrics.averageCharWidth() * 96)
        self.resize(metrics.averageCharWidth() * 118, metrics.lineSpacing() * 20)

        self.heading = QLabel(self)
        self.heading.setObjectName("heading")
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.start_button = Button(self)
        self.start_button.setObjectName("primary")
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        # What to give the other computers: shown while sharing.
        self.address_box = QFrame(self)
        self.address_box.setObjectName("banner")
        self.address_title = QLabel(self.address_box)
        self.address_title.setObjectName("subheading")
        self.address = QLabel(self.address_box)
        font = self.address.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        self.address.setFont(font)
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        self.address.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.address.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.copy_button = Button(self.address_box)
        self.how = QLabel(self.address_box)
        self.how.setWordWrap(True)
        self.several = QLabel(self.address_box)
        self.several.setWordWrap(True)
        box_layout = QVBoxLayout(self.address_box)
        box_layout.addWidget(self.address_title)
        address_row = nested(box_layout, QHBoxLayout())
        address_row.addWidget(self.address, 1)
        address_row.addWidget(self.copy_button, 0, Qt.AlignmentFlag.AlignTop)
        box_layout.addWidget(self.several)
        box_layout.addWidget(self.how)

        self.warning = QLabel(self)  # no network address, another port
        self.warning.setWordWrap(True)
        self.warning.setObjectName("subheading")
        self.activity_label = QLabel(self)
        self.activity_label.setWordWrap(True)
        self.firewall = QLabel(self)
        self.firewall.setWordWrap(True)
        self.firewall.setObjectName("muted")
        self.firewall.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.shared_title = QLabel(self)
        self.shared_title.setObjectName("subheading")
        self.shared_list = QListWidget(self)
        self.left_out_title = QLabel(self)
        self.left_out_title.setObjectName("subheading")
        self.left_out_list = QListWidget(self)
        self.left_out_list.setWordWrap(True)

        self.close_button = Button(self)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        top = nested(layout, QHBoxLayout())
        top.addWidget(self.start_button)
        top.addWidget(self.status, 1)
        layout.addWidget(self.address_box)
        layout.addWidget(self.warning)
        layout.addWidget(self.activity_label)
        layout.addWidget(self.firewall)
        layout.addWidget(self.shared_title)
        layout.addWidget(self.shared_list)
        layout.addWidget(self.left_out_title)
        layout.addWidget(self.left_out_list)
        layout.addStretch(1)
        bottom = nested(layout, QHBoxLayout())
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)

        self.start_button.clicked.connect(self._start_or_stop)
        self.copy_button.clicked.connect(self.copy_address)
        self.close_button.clicked.connect(self.close)
        controller.looked.connect(self._looked)
        controller.started.connect(self._started)
        controller.stopped.connect(self._stopped)
        controller.failed.connect(self._failed)
        controller.activity.connect(self._activity)
        self.retranslate()
        controller.look()

    # -- acting ---------------------------------------------------------------------------------

    def _start_or_stop(self) -> None:
        if self.controller.sharing:
            self.controller.stop()
        else:
            self.error = None
            self.outcome = None
            self.activity = ShareActivity()
            self.controller.start()
            self.update_view()

    def copy_address(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if self.outcome is not None and self.outcome.urls and clipboard is not None:
            clipboard.setText("\n".join(self.outcome.urls))
            self.update_view()
            copied = self.tr("Address copied.")
            self.status.setText(self.status.text() + " " + copied)
            announce(self.status, copied)  # the focus stays on the button

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()  # the lists have their width now

    def closeEvent(self, event: QCloseEvent) -> None:
        self.controller.stop()  # sharing ends with this window
        super().closeEvent(event)

    def done(self, result: int) -> None:  # Escape, and close() of a visible dialog
        self.controller.stop()
        super().done(result)

    # -- what the controller says ---------------------------------------------------------------

    def _looked(self, share: LibraryShare) -> None:
        self.preview = share
        self.update_view()

    def _started(self, outcome: ShareStarted) -> None:
        self.outcome = outcome
        self.preview = outcome.share
        self.update_view()
        if outcome.server is not None and outcome.urls:
            self.address.setFocus()

    def _stopped(self) -> None:
        self.outcome = None
        self.update_view()
        # The address had the focus, and went: Start is what comes next, not the list below.
        self.start_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _failed(self, failure: ShareFailure) -> None:
        self.error = failure
        self.update_view()

    def _activity(self, activity: ShareActivity) -> None:
        self.activity = activity
        self._show_activity()
        if self._show_firewall_hint(self._serving()):
            self._fit()

    def _serving(self) -> bool:
        outcome = self.outcome
        return outcome is not None and outcome.server is not None and self.controller.sharing

    def _show_firewall_hint(self, serving: bool) -> bool:
        """What to do when nothing connects, while sharing until another computer has read the
        list (it reached this one: no firewall in the way, u3 found the hint still there); whether
        it changed. This computer reading its own share, by 127.0.0.1 or by the address it shows,
        crosses no firewall: the hint stays (review r5 #3)."""
        shown = serving and not self.activity.read_elsewhere
        changed = shown != self.firewall.isVisibleTo(self)
        self.firewall.setVisible(shown)
        return changed

    # -- showing --------------------------------------------------------------------------------

    def update_view(self) -> None:
        controller = self.controller
        outcome = self.outcome
        serving = self._serving()
        self.start_button.setText(
            self.tr("&Stop sharing") if serving else self.tr("&Start sharing")
        )
        self.start_button.setEnabled(not controller.starting)
        # Enter starts; once sharing, a stray Enter (on the address) stops nothing.
        self.start_button.setDefault(not serving)
        # The system's English words only in the tooltip and description, for whoever helps.
        detail = self.error.detail if self.error is not None and not controller.starting else ""
        self.status.setToolTip(plain_tooltip(detail))
        self.status.setAccessibleDescription(detail)
        if controller.starting:
            self.status.setText(self.tr("Starting…"))
        elif self.error is not None and self.error.refused:
            self.status.setText(
                self.tr(
                    "Sharing could not start: this computer does not allow %1 to receive "
                    "connections (a security setting). Ask whoever looks after this computer."
                ).replace("%1", isolated(self.product))
            )
        elif self.error is not None:
            self.status.setText(
                self.tr(
                    "Sharing could not start on this computer now. Try again; if it still "
                    "fails, restart the computer."
                )
            )
        elif serving:
            assert outcome is not None
            count = len(outcome.share.courses)
            self.status.setText(self.tr("Sharing %n courses on this network.", "", count))
        elif outcome is not None:  # started with nothing to share
            if outcome.share.not_shared:
                text = self.tr("Nothing to share: no installed course can be shared (see below).")
            else:
                text = self.tr("Nothing to share: no course is installed on this computer.")
            self.status.setText(text)
        else:
            self.status.setText(self.tr("Not sharing: nothing is sent until you start."))

        # No address to give (no network): no box with a dash and a Copy that copies nothing;
        # the warning says what to do.
        self.address_box.setVisible(serving and bool(outcome and outcome.urls))
        # After a stop, what the share sent stays (a teacher wants to know), until the next start.
        self.activity_label.setVisible(serving or self.activity.computers > 0)
        self._show_firewall_hint(serving)
        warnings = []
        if serving:
            assert outcome is not None
            urls = outcome.urls
            self.address.setText("\n".join(urls))
            self.several.setVisible(len(urls) > 1)
            if not urls:
                warnings.append(
                    self.tr(
                        "This computer is on no network, so no other computer can reach it: "
                        "connect it to the Wi-Fi or a cable, then stop and start sharing again."
                    )
                )
            if outcome.fell_back and urls:  # it speaks of the address: none without a network
                warnings.append(
                    self.tr(
                        "Port %1 is used by another program, so the courses are shared on port "
                        "%2: give the whole address above, with its port."
                    )
                    .replace("%1", str(outcome.asked_port))
                    .replace("%2", str(outcome.port))
                )
            if outcome.server is not None and outcome.server.discovery_error and urls:
                warnings.append(
                    self.tr(
                        "The other computers cannot find this one with “Find computers sharing "
                        "courses nearby” (UDP port %1 is in use, or refused): give them the "
                        "address above."
                    ).replace("%1", str(controller.discovery_port))
                )
            self.firewall.setText(
                self.tr(
                    "Nothing reaches this computer? Its firewall may refuse the other computers: "
                    "allow TCP port %1 (on Ubuntu: sudo ufw allow %1/tcp). Guest Wi-Fi networks "
                    "often keep computers apart: use the lab's own network."
                ).replace("%1", str(outcome.port))
            )
        self._show_activity()
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        show_courses(self)
        self._fit()

    def _fit(self) -> None:
        """As tall as what is shown now (the address, a warning, the lists), at this width."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()  # the lists get their width: a wrapped reason's height depends on it
        for courses in (self.shared_list, self.left_out_list):
            fit_rows(courses, self.fontMetrics().height())
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        needed = max(needed, layout.totalMinimumSize().height())
        if needed != self.height():
            self.resize(self.width(), needed)

    def _show_activity(self) -> None:
        activity = self.activity
        computers, more = activity.computers, activity.more_computers
        if activity.files:
            text = (
                self.tr("%Ln files sent (%1)", "", activity.files).replace(
                    "%1", format_size(activity.bytes_sent)
                )
                + " "
                + (
                    self.tr("to %n+ computers.", "", computers)  # past the count's cap
                    if more
                    else self.tr("to %n computers.", "", computers)
                )
            )
        elif more:
            text = self.tr(
                "%n+ computers read the list of courses; no file sent yet.", "", computers
            )
        elif computers:
            text = self.tr(
                "%n computers read the list of courses; no file sent yet.", "", computers
            )
        else:
            text = self.tr("No computer has connected yet.")
        if not self.controller.sharing:  # the totals of the share just stopped
            text = self.tr("Last sharing: %1").replace("%1", text)
        self.activity_label.setText(text)

    # -- language -------------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Share courses on this network"))
        self.heading.setText(self.tr("Share courses on this network"))
        self.intro.setText(
            self.tr(
                "The other computers of this network (the lab's Wi-Fi or cables) can download "
                "the courses installed here, without internet. Sharing lasts while this window "
                "is open: closing it, or quitting %1, stops it."
            ).replace("%1", isolated(self.product))
        )
        self.address_title.setText(self.tr("Address of this computer"))
        self.address.setAccessibleName(self.tr("Address of this computer"))
        self.copy_button.setText(self.tr("&Copy the address"))
        settings = translated_menu_path(
            COURSE_MENU, ("GettingCourses", "Se&ttings…"), ("SettingsDialog", "&Catalogs")
        )
        catalog = translated_menu_path(COURSE_MENU, ("GettingCourses", "Course c&atalog…"))
        how = self.tr(
            "On the other computers: add this address as a catalog (%1: type it, then %2), "
            "then download the courses from %3 (Ctrl+K)."
        )
        add = plain(QCoreApplication.translate("CatalogsTab", "&Add"))
        self.how.setText(fill(how, settings, add, catalog))
        self.several.setText(
            self.tr(
                "This computer is on several networks: give the address of the network the other "
                "computers are on."
            )
        )
        self.shared_list.setAccessibleName(self.tr("Courses to share"))
        self.left_out_list.setAccessibleName(self.tr("Courses not shared"))
        self.close_button.setText(self.tr("Close"))
        self.update_view()
