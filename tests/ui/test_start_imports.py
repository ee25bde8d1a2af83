"""What a start loads before the library is painted: only what the first screen needs (the
player benchmark's cold start compares it with a bare PySide6 window)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from player.context import ensure_demo, open_context
from player.paths import user_paths
from player.store import Store
from tests.support import ROOT

# The start as `cartable` runs it; sys.modules, the sources `linecache` holds (files read
# for tracebacks and `inspect`), the Qt types made so far (PySide6 makes a class, and its
# enums, when first named) and our dataclasses whose docstring `dataclasses` wrote (it does
# when a class has none, through inspect.signature) taken when the painted line is printed.
AT_PAINT = """
import dataclasses, gc, json, linecache, sys

class Stamp:
    def __init__(self, out):
        self.out, self.loaded = out, None

    def write(self, text):
        if text.startswith("cartable-painted") and self.loaded is None:
            qt = [
                f"{name.split('.')[-1]}.{kind}"
                for name in ("PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets")
                if name in sys.modules
                for kind in vars(sys.modules[name])
            ]
            collector = {
                "enabled": gc.isenabled(),
                "frozen": gc.get_freeze_count(),
                "early": len(early),
            }
            undocumented = sorted(
                f"{module.__name__}.{name}"
                for module in list(sys.modules.values())
                if module.__name__.split(".")[0] in ("player", "sync")
                for name, kind in list(vars(module).items())
                if isinstance(kind, type)
                and dataclasses.is_dataclass(kind)
                and kind.__module__ == module.__name__
                and (kind.__doc__ or "").startswith(f"{kind.__name__}(")
            )
            self.loaded = (
                sorted(sys.modules), sorted(linecache.cache), sorted(qt), collector, undocumented
            )
        return self.out.write(text)

    def flush(self):
        self.out.flush()

stamp = sys.stdout = Stamp(sys.stdout)
from player.__main__ import main

early = []  # collections before the application exists: the imports' objects walked


def count(phase, info):
    widgets = sys.modules.get("PySide6.QtWidgets")
    if phase == "start" and (widgets is None or widgets.QApplication.instance() is None):
        early.append(info["generation"])


gc.callbacks.append(count)
code = main([])
sys.stdout = stamp.out
print(json.dumps(stamp.loaded))
sys.exit(code)
"""

# Each costs milliseconds of every start and shows nothing on the library page.
NOT_BEFORE_PAINT = (
    "player.ui.branding_logo",  # the status bar's badge, only for a branded installation
    "player.ui.course_view",
    "player.ui.catalog_view",
    "player.logo_content",  # the build's check of the branding logo (XML parsing)
    "player.ui.announce",  # screen reader announcements: QAccessible's types, 2 ms
    "player.ui.import_controller",  # the import's and export's file dialogs and messages
    "player.ui.export_controller",
    "player.library.course_import",  # what installing needs, not reading the library
    "player.library.garbage_collection",
    "sync.server_address",  # a branding file's addresses are checked with it, the only use at start
    "player.course.text_problems",  # a branding file that is no UTF-8 is said with it
    "jsonschema",
    "requests",
)

# Qt types the first screen does not show: PySide6 makes each (and its enums) when first named.
QT_TYPES_NOT_BEFORE_PAINT = (
    "QtWidgets.QMessageBox",
    "QtWidgets.QFileDialog",
    "QtGui.QAccessible",
    "QtWidgets.QCommonStyle",  # what `app.children()` made (10 ms: QStyle's enums)
    "QtGui.QSessionManager",
)


def start_until_painted(
    home: Path,
) -> tuple[set[str], list[str], set[str], dict[str, Any], list[str]]:
    """A later start (the demo installed, a profile without PIN): the modules loaded, the
    source files `linecache` holds, the Qt types made, the cyclic collector's state and the
    dataclasses without a docstring of their own when the library is painted."""
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
        "CARTABLE_HOME": str(home),
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
    modules, sources, qt_types, collector, undocumented = json.loads(run.stdout.splitlines()[-1])
    assert "player.ui.library_view" in modules  # the library is what was painted
    assert "QtWidgets.QMainWindow" in qt_types  # the types made are seen
    return set(modules), sources, set(qt_types), collector, undocumented


def test_the_library_is_painted_without_what_it_does_not_show(cartable_home: Path) -> None:
    modules, _, qt_types, _, _ = start_until_painted(cartable_home)
    assert [m for m in NOT_BEFORE_PAINT if m in modules] == []
    assert [t for t in QT_TYPES_NOT_BEFORE_PAINT if t in qt_types] == []


def test_the_start_s_objects_are_out_of_the_collector_s_walks(cartable_home: Path) -> None:
    """Automatic collection is off from the window's start (the UI thread's collector runs it
    later), and what the start made before the application existed is frozen: collections
    during the start walked some 35,000 objects that live as long as the process."""
    _, _, _, collector, _ = start_until_painted(cartable_home)
    assert collector["early"] == 0  # before: about 50, as player.app and Qt were imported
    assert collector["enabled"] is False
    assert collector["frozen"] > 10_000


def test_the_start_reads_no_module_source(cartable_home: Path) -> None:
    """PySide6's import hook looks for "PySide6" in each newly named module's source: read as
    bytes (player/ui/pyside_import_hook.py), not with inspect.getsource, which read some 70
    files twice and kept their lines in linecache."""
    _, sources, _, _, _ = start_until_painted(cartable_home)
    assert [s for s in sources if "player" in Path(s).parts] == []


def test_the_start_s_dataclasses_have_their_own_docstring(cartable_home: Path) -> None:
    """A dataclass without a docstring gets one from `dataclasses`, which builds it with
    inspect.signature and formats it: 42 classes loaded before the first paint cost the start
    8 ms of CPU on the benchmark's machine for a text nobody reads."""
    _, _, _, _, undocumented = start_until_painted(cartable_home)
    assert undocumented == []


def test_the_bytes_check_answers_as_pysides_own(monkeypatch: pytest.MonkeyPatch) -> None:
    import json as json_module
    import linecache

    import player.ui.library_view
    import player.ui.shell
    from player.ui import pyside_import_hook

    feature = sys.modules["shibokensupport.feature"]
    monkeypatch.setattr(feature, "_mod_uses_pyside", feature._mod_uses_pyside)
    original = feature._mod_uses_pyside
    assert pyside_import_hook.check_sources_from_bytes()
    assert pyside_import_hook.check_sources_from_bytes()  # once: not wrapped twice
    fast = feature._mod_uses_pyside
    assert fast is not original and getattr(fast, pyside_import_hook.MARK)
    samples = (json_module, sys, player.ui.library_view, player.ui.shell, pyside_import_hook)
    assert [fast(m) for m in samples] == [original(m) for m in samples]
    assert [fast(m) for m in samples] == [False, False, True, False, True]
    linecache.clearcache()
    fast(player.ui.library_view)
    assert linecache.cache == {}
