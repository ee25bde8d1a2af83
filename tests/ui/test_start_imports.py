"""What a start loads before the library is painted: only what the first screen needs (the
player benchmark's cold start compares it with a bare PySide6 window)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from player.context import ensure_demo, open_context
from player.paths import user_paths
from player.store import Store
from tests.support import ROOT

# The start as `cartable` runs it, sys.modules taken when the painted line is printed.
AT_PAINT = """
import json, sys

class Stamp:
    def __init__(self, out):
        self.out, self.loaded = out, None

    def write(self, text):
        if text.startswith("cartable-painted") and self.loaded is None:
            self.loaded = sorted(sys.modules)
        return self.out.write(text)

    def flush(self):
        self.out.flush()

stamp = sys.stdout = Stamp(sys.stdout)
from player.app import run_gui
code = run_gui([])
sys.stdout = stamp.out
print(json.dumps(stamp.loaded))
sys.exit(code)
"""

# Each costs milliseconds of every start and shows nothing on the library page.
NOT_BEFORE_PAINT = (
    "player.ui.branding_logo",  # the status bar's badge, only for a branded installation
    "player.ui.course_view",
    "player.ui.catalog_view",
    "jsonschema",
    "requests",
)


def test_the_library_is_painted_without_what_it_does_not_show(cartable_home: Path) -> None:
    paths = user_paths().ensure()
    context = open_context(paths)
    ensure_demo(context)  # a first start installs it: the start measured is a later one
    store = Store.open(paths)
    context.settings.last_profile = store.profiles.add("Awa", "fr").id
    context.save_settings()
    store.close()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CARTABLE_HOME": str(cartable_home),
        "CARTABLE_QUIT_AFTER_START": "1",
    }
    run = subprocess.run(
        [sys.executable, "-c", AT_PAINT],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    loaded = set(json.loads(run.stdout.splitlines()[-1]))
    assert "player.ui.library_view" in loaded  # the library is what was painted
    assert [m for m in NOT_BEFORE_PAINT if m in loaded] == []
