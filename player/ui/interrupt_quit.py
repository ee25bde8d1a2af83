"""Ctrl+C (SIGINT) in the running player quits it as its Quit does, then `cartable` exits 130.

Python's default handler raises KeyboardInterrupt wherever Python code runs next: in the
running player, inside whatever Qt callback that is, where the error hook printed its traceback
and the player went on. And a Python handler runs only when Python code runs: the event loop
waiting for events in C never gave it the chance. Here the handler asks the quit, and the
signal's wakeup fd, a socket a QSocketNotifier watches, wakes the event loop so that Python runs
(no timer ticking meanwhile)."""

from __future__ import annotations

import signal
import socket
import threading
from types import FrameType

from PySide6.QtCore import QCoreApplication, QObject, QSocketNotifier, QTimer

# The exit code of a Ctrl+C, as a shell says a process ended by SIGINT (128 + 2).
INTERRUPTED_EXIT = 130


class QuitOnInterrupt(QObject):
    """While installed, a SIGINT quits `app` (its windows closed as a quit closes them, then the
    event loops left, a modal dialog's too) with INTERRUPTED_EXIT; `received` says it came.
    Nothing is installed off the main thread (the signal module's rule) or when SIGINT has no
    Python handler (ignored by whoever started the player: it stays ignored)."""

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.received = False
        self._app = app
        self._installed = threading.current_thread() is threading.main_thread() and callable(
            signal.getsignal(signal.SIGINT)
        )
        if not self._installed:
            return
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)  # the C handler must never block, nor the drain
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous = signal.signal(signal.SIGINT, self._interrupted)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _interrupted(self, _signum: int, _frame: FrameType | None) -> None:
        """Python's handler, run between two steps of Python code: the quit is queued, for the
        event loop to do (an exec() not yet begun, a callback first finished)."""
        self.received = True
        QTimer.singleShot(0, self._quit)

    def _quit(self) -> None:
        self._app.quit()  # the windows closed as any quit closes them (the course, its place)
        # A window that refused to close (work it says to wait for) left the loops running:
        # left all the same, as the interrupt asked.
        self._app.exit(INTERRUPTED_EXIT)

    def _drain(self) -> None:
        """The C handler's byte read: Python runs here, its handler with it."""
        try:
            while self._reader.recv(64):
                pass
        except (BlockingIOError, InterruptedError):
            pass

    def uninstall(self) -> None:
        """The handler and wakeup fd there were before: a Ctrl+C while the player winds down
        raises KeyboardInterrupt again."""
        if not self._installed:
            return
        self._installed = False
        self._notifier.setEnabled(False)
        signal.signal(signal.SIGINT, self._previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._reader.close()
        self._writer.close()
