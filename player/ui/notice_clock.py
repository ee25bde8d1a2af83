"""The status bar's line about a timed exam left running ("… 14 min left"), kept at the exam's
time left while it shows. It was said once as the learner left the exam and kept its minutes
until it went, whatever page showed, while the library's banner and the course outline beside
it counted down: it is read again every `EXAM_CLOCK_MS`, as they are, never more often.

A child of the status bar (the line outlives the course view that said it: library, catalog,
downloads), holding nothing of a view: what it reads is a closure over the store.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDeadlineTimer, QObject, QTimer
from PySide6.QtWidgets import QStatusBar

# The line's text for the time left now: "" once the exam no longer runs (submitted, its time
# up), None when it cannot be read now (the line stays as it is).
NoticeReader = Callable[[], str | None]


class NoticeClock(QObject):
    """Reads `read` every `interval_ms` while the bar still shows its line, and shows the new
    text for what is left of the line's `lasts_ms` (a new text does not make it last longer).
    `note` is the bar's property naming what the line is about and that name's text without
    the line: it follows the line, so that taking the line back still finds it. Ends (and is
    deleted) as soon as the bar shows anything else or nothing."""

    def __init__(
        self,
        bar: QStatusBar,
        shown: str,
        read: NoticeReader,
        *,
        lasts_ms: int,
        interval_ms: int,
        note: tuple[str, str],
    ) -> None:
        super().__init__(bar)
        self.bar = bar
        self.shown = shown
        self.read = read
        self.note = note
        self.ends = QDeadlineTimer(lasts_ms)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self.timer.start()
        bar.messageChanged.connect(self._message_changed)

    def _message_changed(self, text: str) -> None:
        if text != self.shown:  # another message, or none (its time ran out, taken back)
            self.stop()

    def stop(self) -> None:
        if self.timer.isActive():
            self.timer.stop()
            self.deleteLater()

    def tick(self) -> None:
        if self.bar.currentMessage() != self.shown or self.ends.hasExpired():
            self.stop()
            return
        text = self.read()
        if text is None or text == self.shown:
            return
        name, about = self.note
        if not text:  # the exam ended: the line no longer says what is true
            self.bar.setProperty(name, "")
            self.bar.clearMessage()
            return
        self.shown = text  # before showing it: the bar says it changed as it shows it
        self.bar.setProperty(name, about + text)
        self.bar.showMessage(text, max(1, self.ends.remainingTime()))
