"""Ctrl+C in the running player (`python -m player` started from a terminal), after its first
paint: it quits as its Quit does (the records closed cleanly, the clean-close marker left),
says "cartable: interrupted" and exits 130. A KeyboardInterrupt raised inside a Qt callback was
printed as a traceback by the error hook and the player went on; with the event loop waiting in
C, Python's handler did not even run. A real SIGINT to a real process, the real records."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from player.context import ensure_demo, open_context
from player.paths import user_paths
from player.store import Store
from player.store.integrity import marker_path
from tests.children import started
from tests.support import ROOT

#: The player as `python -m player` runs it, `cartable-painted` printed once the library is
#: painted (its start after the paint done: the sync started, the records check asked). With
#: "callback", the SIGINT comes from inside that start (the sync's module loading, in the paint's
#: Qt callback), as r4's probe sent it; with "idle", the test sends it once the line is read.
CHILD = """
import os, runpy, signal, sys
import player.app as app_module

how = sys.argv[1]
show_window = app_module.show_window


class Interrupter:
    def find_spec(self, name, path=None, target=None):
        if name == "player.ui.sync_controller":
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None


def show_then_say(window, services, painted):
    def painted_then_say():
        if how == "callback":
            sys.meta_path.insert(0, Interrupter())
        try:
            painted()
        finally:
            print("cartable-painted", flush=True)

    show_window(window, services, painted_then_say)


app_module.show_window = show_then_say
sys.argv = ["player"]
runpy.run_module("player", run_name="__main__", alter_sys=True)
"""


@pytest.mark.parametrize("how", ["idle", "callback"])
def test_ctrl_c_after_the_first_paint_quits_cleanly_with_130(how: str, cartable_home: Path) -> None:
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
    command = [sys.executable, "-X", "faulthandler", "-c", CHILD, how]
    with started(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    ) as child:
        assert child.stdout is not None
        # 60 s: a guard against a start that never paints, not a measure.
        if not select.select([child.stdout], [], [], 60)[0]:
            pytest.fail("the player never said it painted")
        assert child.stdout.readline() == "cartable-painted\n"
        if how == "idle":
            child.send_signal(signal.SIGINT)
        try:  # 60 s: a guard against a player that goes on (it did), not a measure
            _, err = child.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            pytest.fail("the player still ran 60 s after the Ctrl+C")
    assert (child.returncode, err) == (130, "cartable: interrupted\n"), err[-3000:]
    assert marker_path(paths.database).exists()  # closed cleanly: the next start checks nothing
    with contextlib.closing(sqlite3.connect(paths.database)) as records:
        assert records.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
