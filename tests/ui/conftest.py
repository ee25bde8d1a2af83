"""UI tests: offscreen Qt, a temporary CARTABLE_HOME for every test, and the shell built the way
the app builds it (demo installed on first start, the real records store) but with the
synchronous task runner, so a test sees a background task's result as soon as it returns."""

from __future__ import annotations

import gc
import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before anything loads Qt
os.environ.setdefault("QT_QUICK_BACKEND", "software")
os.environ.pop("QT_SCALE_FACTOR", None)
os.environ["CARTABLE_COLOR_SCHEME"] = os.environ.get("CARTABLE_COLOR_SCHEME", "light")
# The same locale on every developer's machine, before Qt reads it (review r11): an English
# interface writes its dates the system's way when the system speaks English
# (i18n.date_time_text), so LANG=en_GB wrote "28 Nov 2026" where a test reads "Nov 28, 2026".
# Qt reads LANGUAGE for the system's UI languages, LC_ALL before LANG and every LC_*. The tests
# of the system's locale run a process of their own with their own environment.
os.environ["LC_ALL"] = "C.UTF-8"
os.environ.pop("LANGUAGE", None)

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from player.app import build_services
from player.course.manifest import Course
from player.library.library import Library
from player.paths import Paths, user_paths
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.tasks import SyncRunner
from player.ui.theme import Theme
from player.ui.ui_thread_gc import collect_on_ui_thread
from tests.ui.unit_support import Shell, install_demo, open_store

# The exam helpers' asserts say what they compared, as a test's own do (registered before a
# test module imports them).
pytest.register_assert_rewrite("tests.ui.exam_support")

WIDTH, HEIGHT = 1280, 720


@pytest.fixture(autouse=True)
def cartable_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Nothing a UI test does touches the real user folders."""
    home = tmp_path / "home"
    monkeypatch.setenv("CARTABLE_HOME", str(home))
    return home


@pytest.fixture
def paths(cartable_home: Path) -> Paths:
    return user_paths().ensure()


@pytest.fixture(autouse=True)
def ui_thread_gc(qapp: QApplication) -> Iterator[None]:
    """As the app (player/app.py): cycles collected on the UI thread, never in a worker. For
    this test only: the tests outside tests/ui, run in between in a random order, process no
    Qt events, so with automatic collection left off their cycles were never collected."""
    collect_on_ui_thread(qapp)
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(scope="session")
def screen_deaths(qapp: QApplication) -> list[str]:
    """Filled if the application's screen is ever destroyed: only a wrapper's misplaced
    ownership does that (player/ui/screens.py); its wrapper is not held here, or no
    collection could ever clear it and the hazard would hide."""
    deaths: list[str] = []
    qapp.primaryScreen().destroyed.connect(lambda *_: deaths.append("destroyed"))
    return deaths


@pytest.fixture(autouse=True)
def screen_kept(screen_deaths: list[str]) -> Iterator[None]:
    """The test during which the screen was deleted fails (the collection that did it may have
    freed an earlier test's widgets), rather than a later one crashing in freed memory (the
    SIGSEGV of 8cde3e0's and a4197c0's test runs)."""
    yield
    assert screen_deaths == [], "the application's screen was deleted (see player/ui/screens.py)"


@pytest.fixture(scope="session")
def theme(qapp: QApplication) -> Theme:
    return Theme(qapp)


@pytest.fixture
def tasks() -> SyncRunner:
    return SyncRunner()


def open_services(app: QApplication, paths: Paths, tasks: SyncRunner) -> ShellServices:
    return build_services(app, paths, tasks, backup_every=None)


@pytest.fixture
def services(
    qapp: QApplication, paths: Paths, tasks: SyncRunner, theme: Theme
) -> Iterator[ShellServices]:
    built = open_services(qapp, paths, tasks)
    yield built
    built.translations.clear()
    built.store.close()


@pytest.fixture
def window(qtbot, services: ShellServices) -> Iterator[MainWindow]:  # type: ignore[no-untyped-def]
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.resize(WIDTH, HEIGHT)
    win.show()
    yield win
    win.close_course()


# The demo course installed once per test module, and a learner's shell on it: what most unit
# view tests start from (a module defining its own `shell` or `demo` uses that one instead).
@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Course]:
    return install_demo(tmp_path_factory.mktemp("demo"))


@pytest.fixture
def shell(demo: tuple[Library, Course], tmp_path: Path) -> Shell:
    library, course = demo
    return Shell(library, course, open_store(tmp_path))
