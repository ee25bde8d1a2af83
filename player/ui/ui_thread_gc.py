"""Python's cyclic garbage collected on the UI thread only.

The collector runs in whichever thread happens to allocate past its threshold: a worker of the
task runner rendering megabytes of Markdown allocates the most, so it collected the cycles the UI
thread had left (a closed view and its CourseLinks, a runner's relay...) and their Qt objects
were destroyed there, while the UI thread used them or their timers: a segmentation fault in a
test, a crash on a learner's computer. So automatic collection is off and a timer of the UI
thread collects with the interpreter's own thresholds, as pyqtgraph's GarbageCollector does.
Memory freed by reference counts (nearly all of it) is freed at once, as before.

While a worker allocates (hundreds of thousands of objects a second), the timer ticks faster:
what a collection goes through grows with what was allocated since the last one, and a
collection of a second's worth held the UI thread 1.4 s.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from shiboken6 import Shiboken

# How often the UI thread looks at the allocation counts (milliseconds) when little is
# allocated, and while much is (each collection then short: the UI does not notice it).
CHECK_MS = 100
BUSY_CHECK_MS = 10
_ATTRIBUTE = "_cartable_ui_thread_collector"


class UiThreadCollector(QObject):
    """Collects what the interpreter would have, on the thread that owns `parent` (the
    application); automatic collection stays off while it lives."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_MS)
        self._timer.timeout.connect(self.check)
        self._timer.start()

    def check(self) -> None:
        """One collection, of the oldest generation past its threshold (as gc's own rule)."""
        first, second, third = gc.get_threshold()
        young, middle, old = gc.get_count()
        self._timer.setInterval(BUSY_CHECK_MS if young > 10 * first else CHECK_MS)
        if young <= first:
            return
        if middle <= second:
            gc.collect(0)
        elif old <= third:
            gc.collect(1)
        else:
            gc.collect(2)


def collect_on_ui_thread(app: QCoreApplication) -> UiThreadCollector:
    """Install the collector for `app` (once; later calls get the same one).

    Kept on the application's Python object rather than found among `app.children()`: that
    list wraps the application's own children (its style among them), and making their Python
    types cost 10 ms of a start (the enums of QStyle) before anything needed them."""
    found = getattr(app, _ATTRIBUTE, None)
    if isinstance(found, UiThreadCollector) and Shiboken.isValid(found):
        return found
    collector = UiThreadCollector(app)
    setattr(app, _ATTRIBUTE, collector)
    return collector
