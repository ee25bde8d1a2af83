"""Composition root of the GUI: logs, error hook, theme, context, records store, task runner,
translations and the main window, made once here and handed down (no globals).

`build_services` is shared with the UI tests, which pass a synchronous task runner.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from player.context import ensure_demo, open_context
from player.paths import FolderMissing, Paths, user_paths

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from player.ui.getting_courses import GettingCourses
    from player.ui.logging_setup import LogSetup
    from player.ui.main_window import MainWindow
    from player.ui.shell import ShellServices
    from player.ui.sync_controller import SyncController
    from player.ui.tasks import TaskRunner

log = logging.getLogger("cartable")

# Set to quit as soon as the library (or the profile page) has been painted, after printing
# `cartable-painted <time.time()>`: smoke tests and the start-up benchmark.
QUIT_ENV = "CARTABLE_QUIT_AFTER_START"
# How long quitting waits for the background work to stop (a sync run, a download). Each
# stops within a tenth of a second whatever the network does (sync/http_stop.py).
QUIT_WAIT_MS = 2000


def _product_name() -> str:
    """The branding's name for a box shown before the context exists (the start stopped): the
    plain name when the branding cannot be read either (the start would have said so)."""
    from player.branding import product_name_or_plain

    return product_name_or_plain()


def wind_down(
    tasks: TaskRunner, stops: Sequence[Callable[[], None]], closes: Sequence[Callable[[], None]]
) -> bool:
    """At quit: ask the background work to stop, wait QUIT_WAIT_MS at most, then close (each
    close must be safe under work still running: the sync's keeps its connection to its run).
    False when some work did not stop in time: see `run_gui`."""
    for stop in stops:
        stop()
    idle = tasks.wait_idle(QUIT_WAIT_MS)
    if not idle:
        log.warning("quitting: background work did not stop within %d ms", QUIT_WAIT_MS)
    for close in closes:
        close()
    return idle


def quit_stops(getting: GettingCourses, sync: Sequence[SyncController]) -> list[Callable[[], None]]:
    """What the quit stops, in order. A course removal waiting for its lock is finished last:
    its wait runs an event loop (FINISH_WAIT at most), where the sync's timers, not stopped yet,
    started runs after the learner had quit."""
    return [getting.stop, *(controller.stop for controller in sync), getting.finish_removal]


def build_services(
    app: QCoreApplication,
    paths: Paths,
    tasks: TaskRunner,
    logs: LogSetup | None = None,
    *,
    backup_every: float | None = None,
    defer_checks: bool = False,
) -> ShellServices:
    """Context (installing the demo on first start), records store, translations.

    `defer_checks`: the daily backup waits for `check_records` after the first paint instead of
    delaying the start (seconds on a big records file)."""
    from player.store.errors import StoreError
    from player.store.store import Store
    from player.ui.i18n import Translations
    from player.ui.shell import ShellServices

    context = open_context(paths)
    try:
        ensure_demo(context)
    except Exception:  # a broken demo never keeps the learner out of their own courses
        log.exception("could not install the demo course")
    kwargs = {} if backup_every is None else {"backup_every": backup_every}
    store = Store.open(paths, **({"backup_every": None} if defer_checks else kwargs))
    if store.recovery is not None:  # the window says it (run_gui); the log keeps it
        log.warning(
            "%s was damaged and repaired at open: %s", paths.database, store.recovery.summary()
        )
    try:
        report = store.start()
    except StoreError:  # a full disk...: the caller says so and stops, the records closed
        store.close()
        raise
    if report.abandoned:
        log.info("closed %d sessions left open by a crash", len(report.abandoned))
    return ShellServices(context, store, tasks, Translations(app), logs)


def show_window(window: MainWindow, services: ShellServices, painted: Callable[[], None]) -> None:
    """The start once the window is made: placed and shown, its page started, `painted` called
    after the first paint, and every repair of the records not told yet said in a box
    (`records_damage.tell_repairs`, loaded only then: the box costs a start that shows none)."""
    from player.ui.first_paint import FirstPaint

    window.place_on_screen()  # where the learner left it, else maximized on a small screen
    window.show()
    window.start()
    page = window.stack.currentWidget()
    cards = getattr(page, "cards", None)
    FirstPaint(cards.surface if cards is not None and cards.isVisible() else page, painted)
    if services.store.untold_recoveries():
        from player.ui.records_damage import tell_repairs

        tell_repairs(services.store, window)


def run_gui(argv: Sequence[str] = (), interrupted: str = "") -> int:
    """The player's window until it quits; its exit code. `interrupted`: the line a Ctrl+C in
    the running player (then quit as its Quit does, exit 130) is said in, on stderr."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from player.store.database import StoreError
    from player.ui.errors import ErrorReporter
    from player.ui.i18n import Translations, system_language
    from player.ui.interrupt_quit import INTERRUPTED_EXIT, QuitOnInterrupt
    from player.ui.logging_setup import setup_logging
    from player.ui.main_window import MainWindow
    from player.ui.tasks import ThreadPoolRunner
    from player.ui.theme import STYLE_ARGS, Theme
    from player.ui.ui_thread_gc import collect_on_ui_thread

    app = QApplication([sys.argv[0], *STYLE_ARGS, *argv])
    collect_on_ui_thread(app)  # never in a task's worker, where it destroyed Qt objects
    # What the start imported (modules, classes, Qt's enums: some 35,000 objects) lives as long
    # as the process: out of every collection's walk, or the collector's first one, before the
    # library is painted, went through all of it (28 to 49 ms).
    gc.freeze()
    app.setApplicationName("Cartable")
    try:
        paths = user_paths().ensure()
    except FolderMissing as exc:  # the disk holding the data is not plugged in: nothing made
        print(f"cartable: {exc}", file=sys.stderr)  # no log: its folder may be the one missing
        Translations(app).use(system_language())
        from player.ui.records_unavailable import FolderMissingBox

        FolderMissingBox(exc, _product_name()).exec()
        return 1
    logs = setup_logging(paths.logs)
    log.info("starting; data in %s", paths.data)
    window: MainWindow | None = None
    errors = ErrorReporter(
        lambda: window,
        lambda: window.context.branding.product_name if window is not None else _product_name(),
    )
    errors.install()
    tasks = ThreadPoolRunner()
    try:
        services = build_services(app, paths, tasks, logs, defer_checks=True)
    except StoreError as exc:
        log.error("cannot open the records: %s", exc)
        Translations(app).use(system_language())
        from player.ui.records_unavailable import RecordsUnavailableBox

        RecordsUnavailableBox(
            exc, _product_name()
        ).exec()  # a full or read-only disk is said as such
        return 1
    Theme(app, services.context.branding.accent_color, set_style=False)
    app.setApplicationDisplayName(services.context.branding.product_name)
    window = MainWindow(services)
    from player.ui.getting_courses import GettingCourses

    getting = GettingCourses(window, services)  # catalogs, downloads, import/export, drop
    sync: list[SyncController] = []

    def start_sync() -> None:
        """After the library is on screen: sync imports the network stack and starts a run."""
        from player.ui.sync_controller import SyncController

        try:
            controller = SyncController(services.context, services.store, tasks)
            window.attach_sync(controller)
            controller.start()
            sync.append(controller)
        except Exception:  # studying offline never depends on sync being able to start
            log.exception("sync is unavailable")

    quitting = bool(os.environ.get(QUIT_ENV))

    def painted() -> None:
        if quitting:
            print(f"cartable-painted {time.time():.6f}", flush=True)
            app.quit()
        else:
            start_sync()
            check_records()

    def check_records() -> None:
        """The full integrity check and the daily backup, on a worker, off the start."""
        tasks.run_task(
            services.store.full_check,
            lambda result: result.ok or (window and window.show_records_damaged(result)),
            lambda exc: log.warning("records check not run: %s", exc),
        )

    show_window(window, services, painted)
    # From here a Ctrl+C quits: before, it raised KeyboardInterrupt out of the start, said by
    # the caller; later, in a Qt callback, it printed a traceback and the player went on.
    interrupt = QuitOnInterrupt(app)
    if not quitting:
        getting.start_later()  # downloads resume once the window is on screen
    if quitting:
        QTimer.singleShot(10_000, app.quit)  # never hang a smoke test

    code = app.exec()
    interrupt.uninstall()  # a second Ctrl+C while it winds down: the caller's KeyboardInterrupt
    if interrupt.received:
        code = INTERRUPTED_EXIT
        if interrupted:
            print(interrupted, file=sys.stderr, flush=True)
    window.close_course()
    # Running downloads stay queued: they resume at the next start.
    stops = quit_stops(getting, sync)
    closes = [controller.close for controller in sync]
    if not wind_down(tasks, stops, closes):
        # Work that no stop reached (none known: a bug, a disk that hangs) would hold the
        # process at exit (the thread pool waits for it) and must not have the records closed
        # under it. Every write is a SQLite transaction, and the outbox is the truth: leaving
        # now loses at most an answer not yet recorded, whose batch is sent again next start.
        errors.uninstall()
        logs.close()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    getting.close()
    services.store.close()
    errors.uninstall()
    logs.close()
    return code
