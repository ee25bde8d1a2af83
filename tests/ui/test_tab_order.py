"""Tab goes through each main view in the order it is shown: top to bottom, and left to right
within a row. A learner who sees the page (or half sees it, magnified) and moves with the
keyboard expects the next control to be the one after, not one back up the page.

The check is on pairs of the Tab chain: a control met later must not lie wholly above one met
earlier, nor wholly left of it on the same row. Columns side by side (the course outline beside
the unit) are not a disorder: only whole-above and same-row-left count.

The check checks itself (a swapped pair is reported), and each view's chain must be at least as
long as the controls it shows today (`AT_LEAST`): a walk that stopped early, or a page that lost
its controls, would otherwise find nothing out of order and pass."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QGridLayout, QPushButton, QSplitter, QWidget

from player.course.signing import PrivateKey
from player.store import Store
from player.ui.downloads_view import DownloadsView
from player.ui.exam.view import ExamView
from player.ui.main_window import MainWindow
from player.ui.quiz_view import QuizView
from player.ui.shell import ShellServices
from player.ui.sync_controller import SyncController
from player.ui.sync_panel import SyncPanel
from sync.download_state import DownloadState
from tests.ui.downloads_support import attach, trust, two_language_repo
from tests.ui.test_accessible_names import called
from tests.ui.test_downloads_view import item
from tests.ui.test_learner_walkthrough import DEMO, studying
from tests.ui.test_sync_panel import controller, queue, scripted, store  # noqa: F401  (fixtures)
from tests.ui.test_tab_reach import indicator, tabbable

#: The controls each view's Tab chain holds at least (the window's part of it: course bar,
#: outline, the unit's controls...), as counted when the check was written.
AT_LEAST = {
    "library": 2,
    "definition-video": 13,
    "definition-lecture": 7,
    "phenomene-diaporama": 12,
    "quiz start": 6,
    "quiz question": 9,
    "exam start": 5,
    "exam question": 13,
    "exam review": 7,
    "exam submitted": 5,
    "dashboard": 3,
    "profile page": 6,
    "catalog": 6,
    "downloads": 3,
    "settings, tab 0": 7,
    "settings, tab 1": 6,
    "settings, tab 2": 4,
    "profiles": 8,
    "help": 3,
    "share": 3,
    "sync panel": 8,
}


def on_screen(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def pane(widget: QWidget, splitter: QSplitter) -> QWidget:
    while widget.parentWidget() is not splitter:
        widget = widget.parentWidget()
    return widget


def splitter_between(a: QWidget, b: QWidget) -> QSplitter | None:
    """The side-by-side splitter holding `a` and `b` in different panes, if any."""
    holder = a.parentWidget()
    while holder is not None:
        if isinstance(holder, QSplitter) and holder.isAncestorOf(b):
            if holder.orientation() == Qt.Orientation.Horizontal and pane(a, holder) is not pane(
                b, holder
            ):
                return holder
            return None
        if holder.isAncestorOf(b):
            return None
        holder = holder.parentWidget()
    return None


def shown_before(later: QWidget, earlier: QWidget) -> bool:
    """`later` lies wholly above `earlier`, or wholly left of it on the same row; across the
    panes of a side-by-side splitter, `later` is in a pane left of `earlier`'s."""
    splitter = splitter_between(later, earlier)
    if splitter is not None:
        return pane(later, splitter).x() < pane(earlier, splitter).x()
    b, a = on_screen(later), on_screen(earlier)
    if b.bottom() < a.top():
        return True
    same_row = abs(b.center().y() - a.center().y()) <= min(a.height(), b.height()) // 2
    return same_row and b.right() < a.left()


def described(widget: QWidget) -> str:
    return f"{type(widget).__name__} {called(widget)}"


def walk(qtbot, start: QWidget, limit: int = 120) -> list[QWidget]:  # type: ignore[no-untyped-def]
    """The widgets Tab visits from `start` until it comes back to it, each once in a row: a
    text browser keeps the focus while Tab goes through its links (Help's text), so the walk
    ends only once Tab has left `start`."""
    start.setFocus()
    seen: list[QWidget] = []
    for _ in range(limit):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is not None
        if focus is start:
            if seen:
                return seen
        elif not seen or seen[-1] is not focus:
            seen.append(focus)
    if not seen:
        return seen  # Tab never left `start`: a chain of one
    raise AssertionError(f"Tab never came back: {[described(w) for w in seen]}")


def out_of_order(qtbot, window: MainWindow, where: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Each pair of the page's Tab chain (entered from the status bar) met against the eye."""
    QApplication.processEvents()
    status = indicator(window)
    return pairs_out_of_order(walk(qtbot, status), where)


def in_order(qtbot, root: QWidget, where: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The same for a dialog or a page, Tab walked round from its first control shown."""
    QApplication.processEvents()
    root.activateWindow()
    start = tabbable(root)[0]
    chain = [start, *walk(qtbot, start)]
    # Round and round: read from the control shown first (the top row's leftmost).
    first = min(chain, key=lambda w: (on_screen(w).top(), on_screen(w).left()))
    at = chain.index(first)
    return pairs_out_of_order(chain[at:] + chain[:at], where)


def pairs_out_of_order(chain: list[QWidget], where: str) -> list[str]:
    """The pairs against the eye; first, a chain shorter than the view's `AT_LEAST`."""
    if len(chain) < AT_LEAST.get(where, 2):
        return [
            f"{where}: Tab went through {len(chain)} controls, at least "
            f"{AT_LEAST.get(where, 2)} expected: {[described(w) for w in chain]}"
        ]
    return [
        f"{where}: {described(a)} then {described(b)}"
        for i, a in enumerate(chain)
        for b in chain[i + 1 :]
        if shown_before(b, a)
    ]


class Grid(QWidget):
    """A on the top row's left, B right of it, C below: what the self-check walks."""

    def __init__(self) -> None:
        super().__init__()
        layout = QGridLayout(self)
        self.a, self.b, self.c = (QPushButton(name, self) for name in "ABC")
        for button, (row, column) in zip(
            (self.a, self.b, self.c), ((0, 0), (0, 1), (1, 0)), strict=True
        ):
            button.setObjectName(button.text())
            layout.addWidget(button, row, column)


def test_the_check_reports_a_swapped_pair_and_a_short_chain(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Without this, a check that never looks (an empty chain, a comparison turned round) would
    pass every view."""
    grid = Grid()
    qtbot.addWidget(grid)
    grid.resize(300, 200)
    grid.show()
    qtbot.waitExposed(grid)
    assert in_order(qtbot, grid, "grid") == []
    QWidget.setTabOrder(grid.a, grid.c)  # A, C, B: B is above C, yet comes after it
    QWidget.setTabOrder(grid.c, grid.b)
    assert in_order(qtbot, grid, "grid") == ["grid: QPushButton C then QPushButton B"]
    # B before A: A is left of B on the same row (Tab round three controls from the top left
    # can only be A, B, C or A, C, B: this order is met as a chain, not walked).
    found = pairs_out_of_order([grid.b, grid.a, grid.c], "grid")
    assert found == ["grid: QPushButton B then QPushButton A"]
    grid.b.hide()
    grid.c.hide()
    (short,) = in_order(qtbot, grid, "grid")
    assert "Tab went through 1 controls, at least 2 expected" in short


def test_tab_follows_the_library_the_dashboard_and_each_unit_as_shown(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    found = out_of_order(qtbot, window, "library")
    for unit in ("definition-video", "definition-lecture", "phenomene-diaporama"):
        window.open_course(DEMO, unit)
        found += out_of_order(qtbot, window, unit)
    course = window.open_course(DEMO, "phenomene-quiz")
    assert course is not None and isinstance(course.view, QuizView)
    quiz = course.view
    found += out_of_order(qtbot, window, "quiz start")
    quiz.start_attempt()
    found += out_of_order(qtbot, window, "quiz question")
    course = window.open_course(DEMO, "enjeux-examen")
    assert course is not None and isinstance(course.view, ExamView)
    exam = course.view
    found += out_of_order(qtbot, window, "exam start")
    exam.start()
    exam.go_to(1)
    found += out_of_order(qtbot, window, "exam question")
    exam.show_review()
    found += out_of_order(qtbot, window, "exam review")
    exam.submit()
    found += out_of_order(qtbot, window, "exam submitted")
    window.show_dashboard()
    found += out_of_order(qtbot, window, "dashboard")
    assert not found, "\n".join(found)


def test_tab_follows_the_profile_page_the_catalog_and_the_downloads_as_shown(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    services.profiles.add("Binta", "en")  # the page lists a profile and offers a new one
    window.start()
    found = in_order(qtbot, window.stack.currentWidget(), "profile page")
    key = PrivateKey.generate()
    two_language_repo(tmp_path / "repo", key)
    trust(services, key)
    studying(window, services)
    getting, downloads = attach(window, services)
    downloads.downloads.catalogs.add(str(tmp_path / "repo"))
    getting.show_catalog()
    found += out_of_order(qtbot, window, "catalog")
    getting.show_downloads()
    found += out_of_order(qtbot, window, "downloads")
    assert not found, "\n".join(found)


def test_tab_follows_each_dialog_as_shown(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    getting, downloads = attach(window, services)
    key = PrivateKey.generate()
    two_language_repo(tmp_path / "repo", key)
    downloads.downloads.catalogs.add(str(tmp_path / "repo"))
    trust(services, key)
    getting.show_settings()
    assert getting.settings_dialog is not None
    for listed in (
        getting.settings_dialog.catalog_page.catalog_list,
        getting.settings_dialog.key_page.key_list,
    ):
        listed.setCurrentRow(0)  # Remove is on
    tabs = getting.settings_dialog.tabs
    found = []
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        found += in_order(qtbot, getting.settings_dialog, f"settings, tab {index}")
    getting.settings_dialog.close()
    window.show_profiles_dialog()
    assert window.profiles_dialog is not None
    found += in_order(qtbot, window.profiles_dialog, "profiles")
    window.profiles_dialog.close()
    window.show_help()
    assert window.help_dialog is not None
    found += in_order(qtbot, window.help_dialog, "help")
    window.help_dialog.close()
    getting.show_share()
    assert getting.share_dialog is not None
    found += in_order(qtbot, getting.share_dialog, "share")
    getting.share_dialog.close()
    assert not found, "\n".join(found)


@pytest.fixture
def panel(qtbot, controller: SyncController) -> Iterator[SyncPanel]:  # type: ignore[no-untyped-def]  # noqa: F811
    made = SyncPanel(controller)
    qtbot.addWidget(made)
    yield made
    made.close()


def test_tab_follows_the_sync_panel_as_shown(qtbot, panel: SyncPanel, store: Store) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    amina = store.profiles.add("Amina").id
    queue(store, amina, 3)
    store.outbox.mark_poison("s-0", "HTTP 400: invalid")  # the Refused list shows only then
    panel.open_for(amina)
    panel.show()
    found = in_order(qtbot, panel, "sync panel")
    assert not found, "\n".join(found)


def test_the_downloads_list_takes_no_tab_stop_of_its_own(qtbot) -> None:  # type: ignore[no-untyped-def]
    """The list's scroll area took a Tab stop and showed no focus: a Tab went nowhere (u4). Its
    rows' buttons are the stops (a row's focus scrolls the list to it), then the page's."""
    view = DownloadsView()
    qtbot.addWidget(view)
    view.show_item(item(1_200_000, 3_400_000, DownloadState.PAUSED))
    view.resize(800, 600)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=10_000)
    row = view.rows["maths@1.1.0"]
    chain = [view.back, *walk(qtbot, view.back)]
    assert view.scroll.isVisible()
    assert row.toggle in chain and row.cancel in chain, [described(w) for w in chain]
    assert view.scroll not in chain, [described(w) for w in chain]
