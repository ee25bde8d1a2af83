"""The application's screen outlives every widget that asked about it.

PySide6 parents the QScreen wrapper `QWidget.screen()` returns to that widget; when a garbage
collection then takes the widget (a closed dialog in a reference cycle) and clears the screen's
wrapper first, the wrapper leaves owning the screen and deletes it: the next window hidden read
freed memory (SIGSEGV in QCursor::pos, the crash of two test runs of 2026-11-27). Our widgets
ask `player.ui.screens` instead (tests/unit/test_screen_calls.py keeps it so). Each case runs in
a child process: the hazard, once it goes off, takes the process's screen with it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import gc, sys
    from PySide6.QtWidgets import QApplication, QWidget
    from player.ui.screens import available_geometry, screen_of
    from player.ui.window_pages import Pages

    app = QApplication([])
    gone = []
    screen = app.primaryScreen()
    screen.destroyed.connect(lambda *_: gone.append(True))
    del screen  # held by nothing of ours: only a widget's parenting keeps its wrapper
    keeper = QWidget()
    keeper.screen()  # the wrapper made early, as by any widget before; parented to this one

    def qt(widget):
        return widget.screen()  # the hazard itself

    def pages(widget):
        return Pages(widget).minimumSizeHint()

    ASK = {
        "qt": qt,
        "screen_of": screen_of,
        "available_geometry": available_geometry,
        "pages": pages,
    }
    widget = QWidget()
    widget.cycle = widget  # only the collector frees it
    ASK[sys.argv[1]](widget)
    widget.hide()
    del widget
    gc.collect()
    print("deleted" if gone else "kept", flush=True)
    """
)


def run(case: str) -> str:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", SCRIPT, case],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


def test_a_widget_asked_for_its_screen_takes_the_screen_along_when_collected() -> None:
    """The hazard, shown, so that the cases below prove something: if a PySide6 release no
    longer deletes the screen here, player/ui/screens.py and its scan may go."""
    assert run("qt") == "deleted"


@pytest.mark.parametrize("case", ["screen_of", "available_geometry", "pages"])
def test_our_widgets_leave_the_screen_alone_when_collected(case: str) -> None:
    assert run(case) == "kept"
