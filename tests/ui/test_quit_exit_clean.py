"""Quitting the player as `cartable` runs it, by the File menu's Quit or by closing its window:
the process ends with 0 and no traceback, and the records are closed cleanly first (the marker
that spares the next start a full check is left). A window dropped by Python with GettingCourses
attached died in the collection that freed it (tests/ui/test_question_closures.py); the
player's own window is held by run_gui until the end, and a collection after it changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from player.context import ensure_demo, open_context
from player.paths import user_paths
from player.store import Store
from player.store.integrity import marker_path
from tests.support import ROOT

# The player, told to quit (menu) or close its window (close) once it has painted, then a
# collection, as the interpreter's own at exit: prints whether the clean-close marker is there.
QUIT = """
import gc, sys
import player.app as app_module
from player.paths import user_paths
from player.store.integrity import marker_path

how = sys.argv[1]
show_window = app_module.show_window

def show_then_quit(window, services, painted):
    def painted_then_quit():
        painted()
        window.menus.quit_action.trigger() if how == "menu" else window.close()

    show_window(window, services, painted_then_quit)

app_module.show_window = show_then_quit
code = app_module.run_gui([])
print("marker", marker_path(user_paths().database).exists(), flush=True)
gc.collect()
sys.exit(code)
"""


@pytest.mark.parametrize("how", ["menu", "close"])
def test_a_quit_exits_with_0_and_the_records_closed_cleanly(how: str, cartable_home: Path) -> None:
    paths = user_paths().ensure()
    context = open_context(paths)
    ensure_demo(context)
    store = Store.open(paths)
    profile = store.profiles.add("Awa", "fr")  # the library is shown, not the profile page
    context.settings.last_profile = profile.id
    context.save_settings()
    store.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CARTABLE_HOME": str(cartable_home)}
    env.pop("CARTABLE_QUIT_AFTER_START", None)
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", QUIT, how],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "marker True"), done.stderr[-3000:]
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert marker_path(paths.database).exists()
