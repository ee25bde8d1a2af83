"""Sharing this computer's courses with the other computers of the network, from the player
(Course → Share courses on this network…): what `cartable share` does, for a teacher who does not
use a terminal (docs/downloads.md, "Sharing courses on a local network").

Nothing is served until the teacher presses Start sharing, and the share ends with this window:
closing it, or quitting Cartable, stops the server (no hidden server keeps a laptop open to the
network). Each start takes the share afresh (player/library/share.py), so a course installed
meanwhile is in it.

`ShareController` holds the logic: it builds the share and binds the server on a worker of the task
runner (reading every manifest and looking for every file takes a moment on a big library), stops
it, and counts what the server sent. The server answers from its own threads; they only add to a
tally under a lock, and the first request after a report pokes the controller through a queued
signal; the tally reaches the view at most four times a second, on the GUI thread.
`ShareDialog` is the view: the address to give, what is shared and what is not (and why), the
activity, and what to do when nothing connects.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from player.course.catalog_file import CATALOG_FILE
from player.library.library import Library
from player.library.share import (
    INDEX_PATH,
    LeftOutKind,
    LibraryShare,
    computer_name,
    share_library,
)
from player.ui.announce import announce
from player.ui.button import Button
from player.ui.i18n import fill
from player.ui.layouts import nested
from player.ui.library_view import format_size
from player.ui.menu_texts import plain, translated_menu_path
from player.ui.tasks import TaskRunner
from player.ui.tooltips import plain_tooltip
from player.wording import isolated
from sync.share_discovery import DISCOVERY_PORT, DiscoveryFault, DiscoveryOptions, system_fault
from sync.share_server import (
    DEFAULT_PORT,
    Served,
    ShareServer,
    local_addresses,
    request_path,
)

log = logging.getLogger(__name__)

ACTIVITY_INTERVAL_MS = 250
"""The activity line changes at most this often, however fast the server answers."""
LIST_ROWS = 6
"""Rows a list of courses shows before it scrolls."""


@dataclass(frozen=True)
class ShareActivity:
    """What the share has sent since it started."""

    files: int = 0
    """Course files and manifests answered whole or in part (a resumed file counts again)."""
    bytes_sent: int = 0
    computers: int = 0
    """Addresses that asked anything, the catalog included."""


@dataclass(frozen=True)
class ShareFailure:
    """Why a start failed: what the teacher reads is chosen by `refused`; `detail`, the
    system's English words, is for whoever helps (the status line's tooltip)."""

    detail: str
    refused: bool = False
    """The system would not let the share listen (permission denied: a security policy)."""


def listen_refused(error: BaseException) -> bool:
    """Listening was forbidden (EACCES, EPERM; Windows' WSAEACCES), not impossible: the
    system's refusal as the nearby search reads it (sync.share_discovery.system_fault)."""
    return isinstance(error, OSError) and system_fault(error) is DiscoveryFault.REFUSED


class _ListenFailed(Exception):
    """The server could not listen: `cause`, the system's error (not the library's)."""

    def __init__(self, cause: OSError) -> None:
        super().__init__(str(cause))
        self.cause = cause


@dataclass(frozen=True)
class ShareStarted:
    """A start's outcome: the share, and the server when there was anything to serve."""

    share: LibraryShare
    server: ShareServer | None
    urls: tuple[str, ...] = ()
    """What the other computers type: one per address of this computer (none: no network)."""
    asked_port: int = DEFAULT_PORT

    @property
    def port(self) -> int:
        return self.server.port if self.server is not None else self.asked_port

    @property
    def fell_back(self) -> bool:
        """The port asked for was taken: another one was chosen."""
        return self.server is not None and self.asked_port not in (0, self.server.port)


class _Tally:
    """What the server sent, added from its threads; `take` reads it on the GUI thread."""

    def __init__(self, poke: Callable[[], None]) -> None:
        self._poke = poke
        self._lock = threading.Lock()
        self._files = 0
        self._bytes = 0
        self._clients: set[str] = set()
        self._poked = False

    def add(self, served: Served) -> None:
        with self._lock:
            course_file = request_path(served.path) not in (CATALOG_FILE, INDEX_PATH)
            if served.method == "GET" and served.status in (200, 206) and course_file:
                self._files += 1
            self._bytes += served.body_bytes
            self._clients.add(served.client)
            poke, self._poked = not self._poked, True
        if poke:
            self._poke()

    def take(self) -> ShareActivity:
        with self._lock:
            self._poked = False
            return ShareActivity(self._files, self._bytes, len(self._clients))


class ShareController(QObject):
    """Starts and stops the share of `library`; one server at most, never left running."""

    looked = Signal(object)  # LibraryShare: what a start would share now (no server)
    started = Signal(object)  # ShareStarted
    stopped = Signal()
    failed = Signal(object)  # ShareFailure: why the share could not start
    activity = Signal(object)  # ShareActivity
    _poked = Signal()  # from the server's threads: something was sent

    def __init__(
        self,
        library: Library,
        tasks: TaskRunner,
        *,
        port: int = DEFAULT_PORT,
        host: str = "0.0.0.0",
        addresses: Callable[[], Sequence[str]] = local_addresses,
        title: str | None = None,
        discovery_port: int = DISCOVERY_PORT,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.discovery_port = discovery_port
        """UDP: where the share answers the other computers' search (sync/share_discovery.py)."""
        self.library = library
        self.tasks = tasks
        self.port = port
        self.host = host
        self.addresses = addresses
        self.title = title
        self._lock = threading.Lock()
        self._generation = 0  # a start or a stop makes earlier starts stale
        self._server: ShareServer | None = None
        self.starting = False
        self._tally = _Tally(self._poked.emit)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(ACTIVITY_INTERVAL_MS)
        self._timer.timeout.connect(self._report)
        self._poked.connect(self._schedule_report)

    @property
    def sharing(self) -> bool:
        with self._lock:
            return self._server is not None

    def look(self) -> None:
        """What would be shared, before anything is (the list the dialog opens on)."""
        library, title = self.library, self.title
        self.tasks.run_task(
            lambda: share_library(library, title=title or computer_name()),
            self.looked.emit,
            lambda error: log.warning("cannot list the courses to share: %s", error),
        )

    def start(self) -> None:
        """Build the share from the library as it is now and serve it (on a worker)."""
        if self.starting or self.sharing:
            return
        with self._lock:
            self._generation += 1
            generation = self._generation
        self.starting = True
        self._tally = _Tally(self._poked.emit)
        tally = self._tally
        library, title, host, port = self.library, self.title, self.host, self.port
        addresses, discovery_port = self.addresses, self.discovery_port

        def work() -> ShareStarted | None:
            name = title or computer_name()
            share = share_library(library, title=name)
            if not share.courses:
                return ShareStarted(share, None, asked_port=port)
            discovery = DiscoveryOptions(name, len(share.courses), discovery_port)
            try:
                server = ShareServer(
                    share.resolve, host=host, port=port, on_served=tally.add, discovery=discovery
                )
            except OSError as exc:
                raise _ListenFailed(exc) from exc
            try:
                urls = tuple(server.urls(list(addresses())))
            except BaseException:
                server.stop()  # bound, not started: the port is freed
                raise
            with self._lock:
                current = generation == self._generation
                if current:
                    server.start()
                    self._server = server
            if not current:  # stopped while starting (the window closed, Cartable quits)
                server.stop()
                return None
            return ShareStarted(share, server, urls, port)

        self.tasks.run_task(
            work,
            lambda outcome: self._started(generation, outcome),
            lambda error: self._failed(generation, error),
        )

    def _current(self, generation: int) -> bool:
        """No stop nor later start since the start `generation`."""
        with self._lock:
            current = generation == self._generation
        if current:
            self.starting = False
        return current

    def _started(self, generation: int, outcome: ShareStarted | None) -> None:
        if outcome is None or not self._current(generation):
            return
        if outcome.server is not None:
            log.info("sharing %d courses on port %d", len(outcome.share.courses), outcome.port)
        self.started.emit(outcome)

    def _failed(self, generation: int, error: BaseException) -> None:
        if not self._current(generation):
            return
        log.warning("cannot share: %s: %s", type(error).__name__, error)
        listening = isinstance(error, _ListenFailed)
        cause = error.cause if isinstance(error, _ListenFailed) else error
        if isinstance(cause, OSError):
            detail = cause.strerror or str(cause)
        else:
            detail = str(cause) or type(cause).__name__
        self.failed.emit(ShareFailure(detail, refused=listening and listen_refused(cause)))

    def stop(self) -> None:
        """Stop serving now (connections in progress are cut; the other side resumes later)."""
        with self._lock:
            self._generation += 1
            server, self._server = self._server, None
        self.starting = False
        self._timer.stop()
        if server is None:
            return
        server.stop(wait=2.0)
        log.info("stopped sharing")
        # The last answers, a report still pending included: the view keeps these totals.
        self.activity.emit(self._tally.take())
        self.stopped.emit()

    def _schedule_report(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    def _report(self) -> None:
        if self.sharing:
            self.activity.emit(self._tally.take())


# Where the texts below point, as (translation context, text) of the item the learner sees.
COURSE_MENU = ("MainWindow", "&Course")
EXPORT = (COURSE_MENU, ("GettingCourses", "&Export course\u2026"))
CHECK = (COURSE_MENU, ("MainWindow", "&Check and repair files\u2026"))


class ShareDialog(QDialog):
    """The teacher's view of the share: start, the address to give, what goes, what happens."""

    def __init__(self, controller: ShareController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
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

    # -- showing --------------------------------------------------------------------------------

    def update_view(self) -> None:
        controller = self.controller
        outcome = self.outcome
        serving = outcome is not None and outcome.server is not None and controller.sharing
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
                    "Sharing could not start: this computer does not allow Cartable to receive "
                    "connections (a security setting). Ask whoever looks after this computer."
                )
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
        self.firewall.setVisible(serving)
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
        self._show_courses()
        self._fit()

    def _fit(self) -> None:
        """As tall as what is shown now (the address, a warning, the lists), at this width."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()  # the lists get their width: a wrapped reason's height depends on it
        for courses in (self.shared_list, self.left_out_list):
            width = courses.viewport().width() - 8
            metrics = courses.fontMetrics()
            for i in range(courses.count()):  # a long reason wraps: each row as tall as its text
                item = courses.item(i)
                text = metrics.boundingRect(
                    QRect(0, 0, max(width, 100), 10_000), Qt.TextFlag.TextWordWrap, item.text()
                )
                item.setSizeHint(QSize(width, text.height() + 6))
            courses.doItemsLayout()
            rows = sum(courses.sizeHintForRow(i) for i in range(min(courses.count(), LIST_ROWS)))
            courses.setFixedHeight(
                max(rows, self.fontMetrics().height()) + 2 * courses.frameWidth() + 4
            )
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        needed = max(needed, layout.totalMinimumSize().height())
        if needed != self.height():
            self.resize(self.width(), needed)

    def _show_activity(self) -> None:
        activity = self.activity
        if activity.files:
            text = (
                self.tr("%n files sent (%1)", "", activity.files).replace(
                    "%1", format_size(activity.bytes_sent)
                )
                + " "
                + self.tr("to %n computers.", "", activity.computers)
            )
        elif activity.computers:
            text = self.tr(
                "%n computers read the list of courses; no file sent yet.", "", activity.computers
            )
        else:
            text = self.tr("No computer has connected yet.")
        if not self.controller.sharing:  # the totals of the share just stopped
            text = self.tr("Last sharing: %1").replace("%1", text)
        self.activity_label.setText(text)

    def _show_courses(self) -> None:
        share = self.preview
        self.shared_list.clear()
        self.left_out_list.clear()
        if share is None:
            self.shared_title.setText(self.tr("Courses to share"))
            QListWidgetItem(self.tr("Looking at the installed courses…"), self.shared_list)
            self.left_out_list.setVisible(False)
            self.left_out_title.setVisible(False)
            return
        serving = self.outcome is not None and self.outcome.server is not None
        title = self.tr("Courses shared (%1)") if serving else self.tr("Courses to share (%1)")
        self.shared_title.setText(title.replace("%1", str(len(share.courses))))
        for course in share.courses:
            text = fill(self.tr("%1 — version %2"), isolated(course.course.title), course.version)
            QListWidgetItem(text, self.shared_list)
        if not share.courses:
            QListWidgetItem(self.tr("None"), self.shared_list)
        self.left_out_title.setText(
            self.tr("Not shared (%1)").replace("%1", str(len(share.not_shared)))
        )
        for left in share.not_shared:
            template = self.tr("%1 — version %2: %3")
            text = fill(template, isolated(left.title), left.version, self._why(left.kind))
            item = QListWidgetItem(text, self.left_out_list)
            item.setToolTip(plain_tooltip(left.reason))  # the exact words, for whoever helps
        self.left_out_list.setVisible(bool(share.not_shared))
        self.left_out_title.setVisible(bool(share.not_shared))

    def _why(self, kind: LeftOutKind) -> str:
        if kind is LeftOutKind.UNVERIFIED:
            return self.tr(
                "not signed by a publisher the other computers trust, so they would refuse it; "
                "give it as a file instead (%1)."
            ).replace("%1", translated_menu_path(*EXPORT))
        if kind is LeftOutKind.DAMAGED:
            return self.tr(
                "some of its files are missing or damaged on this computer; repair it first (%1)."
            ).replace("%1", translated_menu_path(*CHECK))
        return self.tr(
            "its files on this computer cannot be read; check and repair it first (%1)."
        ).replace("%1", translated_menu_path(*CHECK))

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
                "is open: closing it, or quitting Cartable, stops it."
            )
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
