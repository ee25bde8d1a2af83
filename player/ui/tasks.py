"""THE task runner: every piece of background work in the GUI goes through `run_task`.

A worker thread of a QThreadPool runs `fn`; its result (or exception) comes back to the main
thread through a queued signal, where `on_done` / `on_error` run and may touch widgets. `fn` never
touches a widget. The composition root makes one runner and hands it to the views (no global);
tests hand them a `SyncRunner`, which runs everything at once on the calling thread.
Engines that can be cancelled take a `threading.Event` of their own; the runner does not kill
threads.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class TaskRunner(Protocol):
    def run_task(
        self, fn: Callable[[], T], on_done: Callable[[T], None], on_error: Failed | None = None
    ) -> None: ...

    def wait_idle(self, timeout_ms: int = -1) -> bool: ...


def _report(exc: BaseException) -> None:
    """Default `on_error`: an unexpected failure goes where every unexpected exception goes."""
    from player.ui import errors

    errors.report_exception(type(exc), exc, exc.__traceback__)


class _Relay(QObject):
    """Lives on the main thread; a signal emitted from a worker is delivered here, queued."""

    finished = Signal(object, object)  # callback, argument

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(object, object)
    def _deliver(self, callback: Callable[[Any], None], argument: Any) -> None:
        callback(argument)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], done: Done, failed: Failed, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.fn, self.done, self.failed, self.relay = fn, done, failed, relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # handed to on_error on the main thread, never lost
            self.relay.finished.emit(self.failed, exc)
        else:
            self.relay.finished.emit(self.done, result)


class ThreadPoolRunner:
    """The production runner: a bounded pool, results on the main thread."""

    def __init__(self, max_threads: int = 4) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(max_threads)
        self.relay = _Relay()  # created on the main thread, so its slot runs there

    def run_task(
        self, fn: Callable[[], T], on_done: Callable[[T], None], on_error: Failed | None = None
    ) -> None:
        self.pool.start(_Job(fn, on_done, on_error or _report, self.relay))

    def wait_idle(self, timeout_ms: int = -1) -> bool:
        """Block until the workers are done (shutdown); queued results arrive on the next loop."""
        return self.pool.waitForDone(timeout_ms)


class SyncRunner:
    """For tests: runs the task and its callback at once, on the calling thread."""

    def __init__(self) -> None:
        self.ran = 0

    def run_task(
        self, fn: Callable[[], T], on_done: Callable[[T], None], on_error: Failed | None = None
    ) -> None:
        self.ran += 1
        try:
            result = fn()
        except BaseException as exc:
            (on_error or _report)(exc)
            return
        on_done(result)

    def wait_idle(self, timeout_ms: int = -1) -> bool:
        return True
