"""THE task runner: every piece of background work in the GUI goes through `run_task`.

A worker thread of a QThreadPool runs `fn`; its result (or exception) comes back to the main
thread through a queued signal, where `on_done` / `on_error` run and may touch widgets. `fn` never
touches a widget, and the worker never drops the last reference to `fn` or a callback (_Parcel).
The composition root makes one runner and hands it to the views (no global); tests hand them a
`SyncRunner`, which runs everything at once on the calling thread.
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


class _Parcel:
    """A task's function and callbacks, then its outcome, carried to the worker and back in one
    box that only the main thread empties. Closures often hold a view: were their last
    reference dropped on the worker (the worker's hold on the task, the callback not called),
    a Qt object their Python wrapper owns would be destroyed off its thread, a crash, as when a
    worker collected the main thread's cycles (ui_thread_gc.py). The worker holds the box
    alone: whichever thread drops it last, its contents were let go on the main thread."""

    __slots__ = ("callback", "done", "failed", "fn", "outcome")

    def __init__(self, fn: Callable[[], Any], done: Done, failed: Failed) -> None:
        self.fn: Callable[[], Any] | None = fn
        self.done: Done | None = done
        self.failed: Failed | None = failed
        self.callback: Callable[[Any], None] | None = None  # done or failed, once it ran
        self.outcome: Any = None

    def run(self) -> None:
        """On the worker: `fn`, and which callback gets what came of it."""
        assert self.fn is not None
        try:
            self.outcome, self.callback = self.fn(), self.done
        except BaseException as exc:  # handed to on_error on the main thread, never lost
            self.outcome, self.callback = exc, self.failed

    def empty(self) -> tuple[Callable[[Any], None], Any]:
        """On the main thread: the callback and its argument, the box left empty."""
        callback, outcome = self.callback, self.outcome
        self.fn = self.done = self.failed = self.callback = self.outcome = None
        assert callback is not None
        return callback, outcome


class _Relay(QObject):
    """Lives on the main thread; a signal emitted from a worker is delivered here, queued."""

    finished = Signal(object)  # a _Parcel

    def __init__(self) -> None:
        super().__init__()
        self.finished.connect(self._deliver)

    @Slot(object)
    def _deliver(self, parcel: _Parcel) -> None:
        callback, argument = parcel.empty()
        callback(argument)


class _Job(QRunnable):
    """Deleted by the pool on the worker: it holds the parcel, never what is in it."""

    def __init__(self, parcel: _Parcel, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self.parcel, self.relay = parcel, relay

    def run(self) -> None:
        self.parcel.run()
        self.relay.finished.emit(self.parcel)


class ThreadPoolRunner:
    """The production runner: a bounded pool, results on the main thread."""

    def __init__(self, max_threads: int = 4) -> None:
        self.pool = QThreadPool()
        self.pool.setMaxThreadCount(max_threads)
        self.relay = _Relay()  # created on the main thread, so its slot runs there

    def run_task(
        self, fn: Callable[[], T], on_done: Callable[[T], None], on_error: Failed | None = None
    ) -> None:
        self.pool.start(_Job(_Parcel(fn, on_done, on_error or _report), self.relay))

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
