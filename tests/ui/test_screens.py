"""The application's screen outlives every widget that asked about it.

PySide6 parents the QScreen wrapper `QWidget.screen()` returns to that widget; when a garbage
collection then takes the widget (a closed dialog in a reference cycle) and clears the screen's
wrapper first, the wrapper leaves owning the screen and deletes it: the next window hidden read
freed memory (SIGSEGV in QCursor::pos, the crash of two test runs of 2026-11-27). Our widgets
ask `player.ui.screens` instead (tests/unit/test_screen_calls.py keeps it so). Each case runs in
a child process: the hazard, once it goes off, takes the process's screen with it."""

from __future__ import annotations

import json
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


TWO_SCREENS = {
    "synchronousWindowSystemEvents": False,
    "windowFrameMargins": True,
    "screens": [
        {"name": "left", "x": 0, "y": 0, "width": 1366, "height": 768, "dpr": 1},
        {"name": "right", "x": 1366, "y": 0, "width": 3840, "height": 2160, "dpr": 2},
    ],
}

WHERE = textwrap.dedent(
    """
    from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow
    from player.ui.screens import screen_of

    app = QApplication([])
    main = QMainWindow()
    main.setGeometry(1500, 100, 1600, 900)  # on the right screen
    main.setCentralWidget(QLabel("x"))
    main.show()
    app.processEvents()
    dialog = QDialog(main)  # not shown yet, as the help and repair dialogs size themselves
    print(screen_of(main).name(), screen_of(main.centralWidget()).name(), screen_of(dialog).name())
    main.setGeometry(1366 + 3840 - 500, 200, 1600, 900)  # its middle past the right edge
    app.processEvents()
    print(screen_of(main).name(), screen_of(QDialog(main)).name())
    """
)


def test_a_widget_s_screen_is_the_one_qt_says(tmp_path: Path) -> None:
    """On two screens: a window's, its child's, its dialog's not shown yet, and a window whose
    middle is past every screen's edge: all on the window's screen, as QWidget.screen() says
    (the screen under a window's middle said "left" for the last two)."""
    config = tmp_path / "screens.json"
    config.write_text(json.dumps(TWO_SCREENS), encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", WHERE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.split("\n")[:2] == ["right right right", "right right"]
