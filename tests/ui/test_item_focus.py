"""The item under the keyboard is shown in every list and table that has the focus, selected or
not: Tab into a list makes its first item current without selecting it, and the theme's
`outline: none` on a focused view (kept for buttons) had taken away the frame Qt draws around
that item, so the keyboard was on a line nothing marked. A focused table is ringed like a list."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget

from player.course.signing import PrivateKey
from player.library.blobstore import BlobStore
from player.library.catalogs import Catalogs
from player.library.library import Library
from player.library.trust import TrustStore
from player.ui.main_window import MainWindow
from player.ui.settings_dialog import SettingsDialog
from player.ui.shell import ShellServices
from player.ui.sync_controller import SyncController
from player.ui.sync_panel import SyncPanel
from player.ui.tasks import SyncRunner
from tests.course_repo import add_course, random_files
from tests.ui.test_share_dialog import share_window
from tests.ui.test_sync_indicator import ScriptedSync
from tests.ui.test_sync_panel import queue


def marked(view: QAbstractItemView, index: QModelIndex) -> int:
    """How many pixels of the item at `index` are painted in the focused highlight colour."""
    image = view.viewport().grab().toImage()
    rect = view.visualRect(index)
    colour = view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    return sum(
        image.pixelColor(x, y) == colour
        for x in range(rect.left(), rect.right() + 1)
        for y in range(rect.top(), rect.bottom() + 1)
    )


@contextmanager
def settings(which: str, qtbot, window: MainWindow, services: ShellServices, tmp_path: Path):  # type: ignore[no-untyped-def]
    root = tmp_path / "laptop"
    library = Library(root / "courses", BlobStore(root / "blobs"), TrustStore(root / "keys", []))
    catalogs = Catalogs(library, root / "cache", (), [])
    catalogs.add("https://courses.example.org/")
    catalogs.add("https://other.example.org/")
    services.context.trust.add(PrivateKey.generate().public)  # beside the demo course's
    dialog = SettingsDialog(services.context, catalogs, window)
    page = dialog.catalog_page
    qtbot.addWidget(dialog)
    dialog.show()
    if which == "keys":
        dialog.tabs.setCurrentWidget(dialog.key_page)
    try:
        yield page.catalog_list if which == "catalogs" else dialog.key_page.key_list
    finally:
        dialog.close()


@contextmanager
def share(which: str, qtbot, window: MainWindow, services: ShellServices, tmp_path: Path):  # type: ignore[no-untyped-def]
    for title in ("Notes", "Drafts"):  # unsigned: left out of the share
        folder = tmp_path / title
        add_course(folder, random_files(1, 1000, 2), key=None, title=title, course_id=title.lower())
        services.library.install_folder(folder, allow_unsigned=True)
    _getting, dialog = share_window(qtbot, window, services)
    try:
        yield dialog.shared_list if which == "shared" else dialog.left_out_list
    finally:
        dialog.close()


@contextmanager
def sync(which: str, qtbot, window: MainWindow, services: ShellServices, tmp_path: Path):  # type: ignore[no-untyped-def]
    store = services.store
    awa = store.profiles.add("Awa").id
    queue(store, awa, 3)
    queue(store, store.profiles.add("Binta").id, 2, start=10)
    store.outbox.mark_poison("s-0", "HTTP 400: refused")
    store.outbox.mark_poison("s-1", "HTTP 400: refused again")
    controller = SyncController(services.context, store, SyncRunner(), sync=ScriptedSync(store))  # type: ignore[arg-type]
    panel = SyncPanel(controller)
    qtbot.addWidget(panel)
    try:
        panel.open_for(None if which == "waiting" else awa)
        yield panel.waiting if which == "waiting" else panel.refused
    finally:
        panel.close()
        controller.stop()


# Each opens its view in its window as the app does, filled with at least one item.
Opener = Callable[..., AbstractContextManager[QAbstractItemView]]
VIEWS: dict[str, Opener] = {
    "settings: catalogs": lambda *a: settings("catalogs", *a),
    "settings: trusted keys": lambda *a: settings("keys", *a),
    "share: courses shared": lambda *a: share("shared", *a),
    "share: courses not shared": lambda *a: share("left out", *a),
    "sync: records waiting": lambda *a: sync("waiting", *a),
    "sync: records refused": lambda *a: sync("refused", *a),
}


@pytest.mark.parametrize("name", list(VIEWS))
def test_the_item_under_the_keyboard_is_marked_though_not_selected(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, name: str
) -> None:
    with VIEWS[name](qtbot, window, services, tmp_path) as view:
        shows_the_current_item(qtbot, view)


def shows_the_current_item(qtbot, view: QAbstractItemView) -> None:  # type: ignore[no-untyped-def]
    top: QWidget = view.window()
    top.activateWindow()
    qtbot.waitUntil(top.isActiveWindow)
    model = view.model()
    assert view.isVisible() and model.rowCount() >= 1
    view.setFocus(Qt.FocusReason.TabFocusReason)  # as Tab does: the first item becomes current
    QApplication.processEvents()
    first = model.index(0, 0)
    assert view.hasFocus() and view.currentIndex() == first
    frame = view.grab().toImage()
    accent = view.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Highlight)
    assert frame.pixelColor(frame.width() // 2, frame.height() - 1) == accent, "the view is ringed"
    assert not view.selectionModel().hasSelection(), "current, not selected"
    assert marked(view, first) > 100, "the item under the keyboard is shown"
    if model.rowCount() > 1:
        second = model.index(1, 0)
        assert marked(view, second) == 0
        qtbot.keyClick(view, Qt.Key.Key_Down)
        assert view.currentIndex().row() == 1
        assert marked(view, second) > 100 and marked(view, first) == 0, "the mark follows"
