"""Unexpected exceptions: logged with their traceback, shown in a readable dialog, and the app
keeps running.

`ErrorReporter.install()` takes over `sys.excepthook` (exceptions in Qt slots and event handlers
arrive there) and `threading.excepthook` (plain threads). Whatever thread an exception comes
from, the dialog is shown on the main thread through a queued signal. While one dialog is open,
later exceptions are logged and counted in it rather than stacking windows.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from player.ui.logging_setup import redact
from player.wording import isolated

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

log = logging.getLogger("cartable.errors")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def summary(exc: BaseException) -> str:
    """One line naming the problem, e.g. `OSError: [Errno 28] No space left on device`."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    name = type(exc).__name__
    return redact(f"{name}: {text}" if text else name)


class ErrorReporter(QObject):
    """Turns uncaught exceptions into a log entry and a dialog."""

    _show = Signal(str, str)  # summary, details

    def __init__(
        self,
        parent_window: Callable[[], QWidget | None] = lambda: None,
        product: Callable[[], str] = lambda: "Cartable",
    ) -> None:
        """`product`: the branding's name, as the box says it (asked when it is shown)."""
        super().__init__()
        self.parent_window = parent_window
        self.product = product
        self.dialog: QMessageBox | None = None
        self.more = 0  # exceptions that arrived while the dialog was open
        self.handled = 0
        self._previous: tuple[object, object] | None = None
        self._show.connect(self._on_show, Qt.ConnectionType.QueuedConnection)

    # -- hooks ------------------------------------------------------------------------------

    def install(self) -> None:
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if self._previous is not None:
            sys.excepthook, threading.excepthook = self._previous  # type: ignore[assignment]
            self._previous = None

    def excepthook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        self.handle(kind, exc, tb)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)

    def handle(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        """Log, then ask the main thread to show it; safe from any thread, never raises."""
        try:
            self.handled += 1
            log.error("unexpected error: %s", summary(exc), exc_info=(kind, exc, tb))
            details = redact("".join(traceback.format_exception(kind, exc, tb)))
            self._show.emit(summary(exc), details)
        except Exception:  # the reporter must never be the second failure
            sys.__excepthook__(kind, exc, tb)

    # -- dialog -----------------------------------------------------------------------------

    @Slot(str, str)
    def _on_show(self, problem: str, details: str) -> None:
        if self.dialog is not None and self.dialog.isVisible():
            self.more += 1
            self.dialog.setInformativeText(self._informative(problem))
            return
        self.more = 0
        from PySide6.QtWidgets import QMessageBox  # its types only when a problem is shown

        box = QMessageBox(self.parent_window())
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(self.tr("Unexpected problem"))
        box.setText(
            self.tr(
                "Something went wrong. %1 keeps running and what you did before is "
                "saved. If it happens again, send the diagnostic report (Help menu) to "
                "your institution."
            ).replace("%1", isolated(self.product()))
        )
        box.setInformativeText(self._informative(problem))
        box.setDetailedText(details)
        copy = box.addButton(self.tr("Copy details"), QMessageBox.ButtonRole.ActionRole)
        copy.clicked.disconnect()  # an action button closes the box by default: keep it open
        copy.clicked.connect(lambda: QGuiApplication.clipboard().setText(details))
        box.addButton(QMessageBox.StandardButton.Close)
        box.setAccessibleName(self.tr("Unexpected problem"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._closed)
        self.dialog = box
        box.open()  # window-modal, never a nested event loop

    def _informative(self, problem: str) -> str:
        if self.more:
            return (
                self.tr("%1 (and %2 more since)")
                .replace("%1", problem)
                .replace("%2", str(self.more))
            )
        return problem

    @Slot()
    def _closed(self) -> None:
        self.dialog = None
        self.more = 0


def report_exception(
    kind: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """Hand an exception caught somewhere (a background task) to whatever hook is installed."""
    sys.excepthook(kind, exc, tb)
