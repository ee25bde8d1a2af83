"""The logic of sharing this computer's courses with the other computers of the network from the
player (Course → Share courses on this network…; the window is player/ui/share_dialog.py): what
`cartable share` does, for a teacher who does not use a terminal.

`ShareController` builds the share and binds the server on a worker of the task runner (reading
every manifest and looking for every file takes a moment on a big library), stops it, and counts
what the server sent. Each start takes the share afresh (player/library/share.py), so a course
installed meanwhile is in it. The server answers from its own threads; they only add to a tally
under a lock, and the first request after a report pokes the controller through a queued signal;
the tally reaches the view at most four times a second, on the GUI thread.

Apart from the window, which holds the layout and the words: this has no words of its own (what a
failure or the activity is called is the window's, context "ShareDialog").
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from PySide6.QtCore import QObject, QTimer, Signal

from player.library.library import Library
from player.library.share import (
    MAX_COMPUTERS,
    Computers,
    LibraryShare,
    computer_name,
    file_sent,
    list_read,
    served_elsewhere,
    share_library,
    uses_the_share,
)
from player.ui.tasks import TaskRunner
from sync.share_discovery import DISCOVERY_PORT, DiscoveryFault, DiscoveryOptions, system_fault
from sync.share_server import DEFAULT_PORT, Served, ShareServer, local_addresses

log = logging.getLogger(__name__)

ACTIVITY_INTERVAL_MS = 250
"""The activity line changes at most this often, however fast the server answers."""


@dataclass(frozen=True)
class ShareActivity:
    """What the share has sent to the other computers since it started; what this computer got
    from it (the teacher trying the address) is none of it (`served_elsewhere`)."""

    files: int = 0
    """Course files and manifests answered whole or in part (a resumed file counts again)."""
    bytes_sent: int = 0
    computers: int = 0
    """Addresses that read the list of courses or got a course file (`uses_the_share`: not a
    browser's favicon nor a port scan), up to MAX_COMPUTERS."""
    more_computers: bool = False
    """More came than `computers` counts: "1000+"."""
    clients: tuple[str, ...] = ()
    """Other computers' addresses that read the list of courses (catalog.json answered 200,
    or 304: unchanged since that computer last read it), first reader first, up to
    MAX_READERS; never this computer's (`served_elsewhere`)."""

    @property
    def read_elsewhere(self) -> bool:
        """Another computer read the list: it crossed this one's firewall (this computer
        checking on itself crosses none, and is not among the `clients`)."""
        return bool(self.clients)


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
    def hosts(self) -> tuple[str, ...]:
        """This computer's addresses, as the other computers type them (`urls`)."""
        return tuple(host for url in self.urls if (host := urlsplit(url).hostname))

    @property
    def fell_back(self) -> bool:
        """The port asked for was taken: another one was chosen."""
        return self.server is not None and self.asked_port not in (0, self.server.port)


# The list's readers kept (ShareActivity.clients: other computers only, `_Tally.add` leaves
# this one out): the firewall hint needs one; a host spraying addresses (an IPv6 /64 has
# plenty) would grow them without end.
MAX_READERS = MAX_COMPUTERS


class _Tally:
    """What the server sent to the other computers, added from its threads; `take` reads it on
    the GUI thread. `own`: this computer's addresses, set before the server starts."""

    def __init__(self, poke: Callable[[], None], own: tuple[str, ...] = ()) -> None:
        self._poke = poke
        self.own = own
        self._lock = threading.Lock()
        self._files = 0
        self._bytes = 0
        self._computers = Computers()
        self._readers = Computers(MAX_READERS)
        self._poked = False

    def add(self, served: Served) -> None:
        if not served_elsewhere(served, self.own):  # this computer trying its own share
            return
        with self._lock:
            if file_sent(served):
                self._files += 1
            self._bytes += served.body_bytes
            if uses_the_share(served):
                self._computers.add(served.client)
            # The list read (304: unchanged since that computer last read it): what the
            # firewall hint waits for (ShareActivity.read_elsewhere).
            if list_read(served):
                self._readers.add(served.client)
            poke, self._poked = not self._poked, True
        if poke:
            self._poke()

    def take(self) -> ShareActivity:
        with self._lock:
            self._poked = False
            computers = self._computers
            return ShareActivity(
                self._files,
                self._bytes,
                len(computers),
                computers.more,
                self._readers.addresses(),
            )


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
            started = ShareStarted(share, server, urls, port)
            tally.own = started.hosts  # before the first request is answered
            with self._lock:
                current = generation == self._generation
                if current:
                    server.start()
                    self._server = server
            if not current:  # stopped while starting (the window closed, Cartable quits)
                server.stop()
                return None
            return started

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
