"""The Downloads page's Cancel question against what may happen while it is open: the page
dropped once it is answered (a page made on its own, as an audit script or a test makes it),
its download finishing, failing or leaving the page, another download leaving.

The page answered through a closure holding the page: the question (its child) kept the page's
Python side alive, so deleting the closed question let go of the page's last reference and
deleted the page, which deleted the question a second time: the process died (SIGSEGV, "shared
QObject was deleted directly"). That one runs in a child process, as it kills the interpreter.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from player.course.signing import PrivateKey
from player.ui.download_item import DownloadItem
from player.ui.downloads_controller import DownloadsController
from player.ui.downloads_view import DownloadRow, DownloadsView
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from sync.download_state import DownloadState
from tests.course_repo import add_course, random_files
from tests.ui.downloads_support import KB, trust
from tests.ui.test_downloads_view import downloads_page, paced, wait_catalog

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def key() -> PrivateKey:
    return PrivateKey.generate()


@pytest.fixture
def runner() -> Iterator[ThreadPoolRunner]:
    threads = ThreadPoolRunner()
    yield threads
    threads.wait_idle(20_000)


@pytest.fixture
def stoppers() -> Iterator[list[DownloadsController]]:
    """Controllers to stop before the records store closes."""
    made: list[DownloadsController] = []
    yield made
    for controller in made:
        controller.stop()


# A page made on its own in a function, its question closed by argv[1], the page dropped at
# the function's end, then what Qt deletes later deleted: "survived" is printed after.
STANDALONE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox
    from player.ui.download_item import DownloadItem
    from player.ui.downloads_view import DownloadRow, DownloadsView
    from sync.download_state import DownloadState

    app = QApplication([])

    def ask_and_close(how):
        view = DownloadsView()
        view.show()
        view.show_item(
            DownloadItem("c1@1.0", "c1", "C1", "1.0", False, DownloadState.RUNNING, 1, 10)
        )
        view.rows["c1@1.0"].cancel.click()
        box = view.confirm_box
        if how == "escape":
            QTest.keyClick(box, Qt.Key.Key_Escape)
        elif how == "reject":
            box.reject()
        elif how == "no":
            box.button(QMessageBox.StandardButton.No).click()
        elif how == "yes":
            box.button(QMessageBox.StandardButton.Yes).click()
        assert view.confirm_box is None if how != "open" else view.confirm_box is box

    ask_and_close(sys.argv[1])
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    print("survived", flush=True)
    """
)


@pytest.mark.parametrize("how", ["escape", "reject", "no", "yes", "open"])
def test_a_page_of_its_own_dropped_after_its_cancel_question_does_not_kill_the_process(
    how: str,
) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", STANDALONE, how],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "survived"), done.stderr[-3000:]
    assert "deleted directly" not in done.stderr


def test_a_row_of_its_own_is_freed_once_dropped() -> None:
    """Its Cancel button answered through a closure holding the row: the row was never freed."""
    row = DownloadRow(item("maths"))
    freed = weakref.ref(row)
    del row
    gc.collect()
    assert freed() is None


def item(name: str, state: DownloadState = DownloadState.RUNNING) -> DownloadItem:
    return DownloadItem(f"{name}@1.0", name, name.title(), "1.0", False, state, done=1, total=10)


@pytest.fixture
def page(qtbot) -> Iterator[tuple[DownloadsView, list[str]]]:  # type: ignore[no-untyped-def]
    """The page inside a parent, as in the window, with two downloads; what it asked to cancel."""
    holder = QWidget()
    qtbot.addWidget(holder)
    view = DownloadsView(holder)
    holder.show()
    view.show_item(item("maths"))
    view.show_item(item("french"))
    cancelled: list[str] = []
    view.cancel_requested.connect(cancelled.append)
    yield view, cancelled  # the holder kept until the test ends


def ask(view: DownloadsView, download_id: str) -> QMessageBox:
    view.rows[download_id].cancel.click()
    box = view.confirm_box
    assert box is not None and box.isVisible()
    return box


def gone(box: QMessageBox) -> bool:
    return not isValid(box) or not box.isVisible()


def test_the_question_goes_when_its_download_finishes_and_nothing_is_cancelled(page) -> None:  # type: ignore[no-untyped-def]
    view, cancelled = page
    box = ask(view, "maths@1.0")
    view.remove_item("maths@1.0")  # installed, or replaced by a newer version's download
    assert view.confirm_box is None and gone(box)
    assert cancelled == []


def test_the_question_goes_when_its_download_is_installing(page) -> None:  # type: ignore[no-untyped-def]
    view, cancelled = page
    box = ask(view, "maths@1.0")
    view.show_item(item("maths", DownloadState.COMPLETED))  # Cancel is disabled from now on
    assert view.confirm_box is None and gone(box)
    assert cancelled == [] and not view.rows["maths@1.0"].cancel.isEnabled()


def test_a_download_failing_under_its_question_is_still_the_one_cancelled(page) -> None:  # type: ignore[no-untyped-def]
    view, cancelled = page
    box = ask(view, "maths@1.0")
    view.show_item(item("maths", DownloadState.FAILED))  # a failed one can still be cancelled
    assert view.confirm_box is box and box.isVisible()
    box.button(QMessageBox.StandardButton.Yes).click()
    assert cancelled == ["maths@1.0"] and view.confirm_box is None


def test_another_download_leaving_keeps_the_question_on_its_own(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    view, cancelled = page
    box = ask(view, "french@1.0")
    view.remove_item("maths@1.0")
    assert view.confirm_box is box and box.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert cancelled == [] and view.confirm_box is None
    box = ask(view, "french@1.0")
    box.button(QMessageBox.StandardButton.Yes).click()
    assert cancelled == ["french@1.0"]


def test_a_second_question_closes_the_first_and_yes_cancels_its_own_download(page) -> None:  # type: ignore[no-untyped-def]
    view, cancelled = page
    first = ask(view, "maths@1.0")
    view.ask_cancel("french@1.0")  # by code: the window-modal first one blocks the clicks
    second = view.confirm_box
    assert second is not None and second is not first and gone(first)
    second.button(QMessageBox.StandardButton.Yes).click()
    assert cancelled == ["french@1.0"]


def test_the_page_left_under_its_question_cancels_the_download_asked_about(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    runner: ThreadPoolRunner,
    stoppers: list[DownloadsController],
    tmp_path: Path,
    key: PrivateKey,
) -> None:
    """Another page shown by code while the question is open (the keyboard and the mouse cannot:
    the question is window-modal): the answer still applies to its own download."""
    repo = tmp_path / "repo"
    add_course(repo, random_files(6, 150 * KB, 1), key=key)
    trust(services, key)
    server = paced(repo, rate=100 * KB)
    try:
        getting, controller, view = downloads_page(window, services, runner, stoppers, server.url)
        controller.download(wait_catalog(qtbot, controller).find("maths"))
        qtbot.waitUntil(lambda: "maths@1.0.0" in view.rows, timeout=5000)
        box = ask(view, "maths@1.0.0")
        window.show_library()
        assert not view.isVisible() and box.isVisible()
        box.button(QMessageBox.StandardButton.Yes).click()
        qtbot.waitUntil(lambda: not controller.items, timeout=10_000)
        assert services.library.get("maths") is None and getting.downloads_view is view
    finally:
        server.stop()


def test_a_download_finishing_under_its_question_is_installed(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    runner: ThreadPoolRunner,
    stoppers: list[DownloadsController],
    tmp_path: Path,
    key: PrivateKey,
) -> None:
    """The real order: the learner presses Cancel, the last bytes arrive before the answer."""
    repo = tmp_path / "repo"
    add_course(repo, random_files(4, 100 * KB, 1), key=key)
    trust(services, key)
    server = paced(repo, rate=400 * KB)
    try:
        _getting, controller, view = downloads_page(window, services, runner, stoppers, server.url)
        controller.download(wait_catalog(qtbot, controller).find("maths"))
        qtbot.waitUntil(lambda: "maths@1.0.0" in view.rows, timeout=5000)
        box = ask(view, "maths@1.0.0")
        qtbot.waitUntil(lambda: "maths@1.0.0" not in controller.items, timeout=20_000)
        assert view.confirm_box is None and gone(box)
        assert services.library.get("maths") is not None
    finally:
        server.stop()
