"""Telling a screen reader (Orca, NVDA) about something that changed away from the keyboard's
focus: a sync's outcome, a download finished or failed, a status-bar message, the exam's time
warnings. Text that only appears on screen is never read: the learner would miss it.

Qt 6.8+ sends a `QAccessibleAnnouncementEvent` to AT-SPI (its Announcement signal) and UI
Automation (a notification), with no live-region label to keep. Polite waits for the screen
reader to finish what it says; assertive interrupts it (the exam's clock only). Nothing is
announced for a progress tick: callers announce a start or an outcome, never each step.

Qt gives Python no way to see the events it hands the platform (no update handler in
PySide6), so every event sent is shown to the `watch`ers first: the tests' seam.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QStatusBar

Watcher = Callable[[QAccessibleAnnouncementEvent], None]
_watchers: list[Watcher] = []


def announce(source: QObject, text: str, *, assertive: bool = False) -> None:
    """Have the screen reader say `text` (plain text, in the interface's language) about
    `source`, the widget it concerns. An empty text says nothing."""
    text = text.strip()
    if not text:
        return
    event = QAccessibleAnnouncementEvent(source, text)
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if assertive else politeness.Polite)
    for watcher in tuple(_watchers):
        watcher(event)
    QAccessible.updateAccessibility(event)  # returns at once when no screen reader listens


def show_message(bar: QStatusBar, text: str, timeout_ms: int = 0) -> None:
    """A status-bar message, said too: the status bar never takes the focus."""
    bar.showMessage(text, timeout_ms)
    announce(bar, text)


def watch(watcher: Watcher) -> Callable[[], None]:
    """Show every announcement event to `watcher` before it is sent; returns the unwatch."""
    _watchers.append(watcher)
    return lambda: _watchers.remove(watcher)
