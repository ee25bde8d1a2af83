"""What the keyboard drivers of the real GUI (quiz_driver.py, exam_driver.py) share: the step
loop, the keys, the learner's way in (a first start as Awa up to the unit's Start button, or a
later start through the library's Continue) and the launch. Each driver subclasses `Learner`
with its own `script()` and calls `launch()`; it runs as a child process of its kill test, so
a failed step prints FAILED and ends the process at once rather than leaving the test to time
out.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterator
from typing import Generic, TypeVar

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from player import app as player_app
from player.ui import main_window

STEP_MS = 30
COURSE = "les-mooc"

ViewT = TypeVar("ViewT", bound=QWidget)
Steps = Iterator[int]  # each step yields how long (ms) the event loop runs before the next


class Learner(Generic[ViewT]):
    """Keyboard steps, one per event-loop turn, as a person would type them."""

    view_type: type[ViewT]  # the unit's view, as the subclass drives it

    def __init__(self, window: main_window.MainWindow, phase: str, args: list[str]) -> None:
        self.window = window
        self.phase = phase
        self.args = args
        self.steps = iter(self.script())

    def script(self) -> Steps:
        raise NotImplementedError

    def key(
        self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
    ) -> None:
        QTest.keyClick(QApplication.focusWidget() or self.window, key, modifier)

    def focus(self) -> QWidget | None:
        return QApplication.focusWidget()

    @property
    def view(self) -> ViewT:
        course = self.window.course_view
        name = self.view_type.__name__
        assert course is not None and isinstance(course.view, self.view_type), f"not on {name}"
        return course.view

    def run(self) -> None:
        try:
            wait = next(self.steps)
        except StopIteration:
            return
        except BaseException:  # the test reads this and fails at once, not at its timeout
            traceback.print_exc()
            print("FAILED", flush=True)
            sys.stderr.flush()
            os._exit(3)
        QTimer.singleShot(wait if isinstance(wait, int) else STEP_MS, self.run)

    def start_and_open(self, unit_id: str) -> Steps:
        """A first start: the profile Awa, the unit opened, its Start button pressed."""
        window = self.window
        window.activateWindow()
        yield STEP_MS
        page = window.profile_page
        assert page is not None, "a first start asks who is studying"
        QTest.keyClicks(page.name, "Awa")
        self.key(Qt.Key.Key_Return)
        yield STEP_MS
        window.open_course(COURSE, unit_id)
        yield STEP_MS
        view = self.view
        view.setFocus()
        yield STEP_MS
        assert self.focus() is view.start_button  # type: ignore[attr-defined]
        self.key(Qt.Key.Key_Return)
        yield STEP_MS * 3

    def continue_from_library(self) -> Steps:
        """A later start: Continue, where the keyboard starts, back to the unit left."""
        window = self.window
        window.activateWindow()
        yield STEP_MS
        library = window.library_view
        assert library is not None and window.stack.currentWidget() is library
        assert self.focus() is library.continue_button, "Continue is where the keys start"
        self.key(Qt.Key.Key_Space)
        yield STEP_MS * 3


def launch(learner: type[Learner]) -> int:  # type: ignore[type-arg]
    """The real GUI with `learner` driving it from the main window's start (argv: phase, args)."""
    phase, args = sys.argv[1], sys.argv[2:]
    original = main_window.MainWindow.start

    def start(window: main_window.MainWindow) -> None:
        original(window)
        driver = learner(window, phase, args)
        window._learner = driver  # type: ignore[attr-defined]
        QTimer.singleShot(200, driver.run)

    main_window.MainWindow.start = start  # type: ignore[method-assign]
    return player_app.run_gui([])
