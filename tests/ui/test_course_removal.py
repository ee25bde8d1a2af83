"""Removing a course from the player (Course → Remove this course…, a library card's menu, the
Delete key), for a learner or a lab admin whose disk is full: asked first with Cancel the
default, the course open closed first, a course another Cartable installs or one being
downloaded refused, and everyone's records kept. Real courses installed in a real library: the
demo (installed at start) and the toy course imported from its archive."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QMessageBox

import player.ui.course_removal as course_removal
from player.app import wind_down
from player.context import ensure_demo, open_context
from player.library.course_switch import LOCKS
from player.paths import demo_repository
from player.settings import load_settings
from player.ui.download_item import DownloadItem
from player.ui.getting_courses import GettingCourses
from player.ui.library_cards import CARD_ROLE, CourseCard, format_size
from player.ui.library_view import LibraryView
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from sync.download_state import DownloadState
from sync.interprocess import ProcessLock
from tests.support import build_toy
from tests.ui.downloads_support import attach, trust
from tests.ui.test_exam_running import EXAM, StoreClock, exam_started
from tests.ui.test_mnemonics import clashes, key_of
from tests.ui.test_shell import statements, studying, verbs_about

DEMO = "les-mooc"


def with_toy(
    window: MainWindow, services: ShellServices, tmp_path: Path
) -> tuple[GettingCourses, set[str]]:
    """The learner's library with the toy course imported from its archive; its files."""
    studying(window, services)
    getting = GettingCourses(window, services)
    toy = build_toy(tmp_path / "toy")
    trust(services, toy.key)
    getting.import_paths([toy.archive])
    installed = services.library.get("toy")
    assert installed is not None
    return getting, set(installed.course.files())


def library(window: MainWindow) -> LibraryView:
    assert window.library_view is not None
    return window.library_view


def choose_card(window: MainWindow, course_id: str) -> None:
    cards = library(window).cards
    model = cards.model()
    (row,) = [
        r for r in range(model.rowCount()) if model.index(r, 0).data(CARD_ROLE).id == course_id
    ]
    cards.setCurrentIndex(model.index(row, 0))
    cards.setFocus()


def question(getting: GettingCourses) -> QMessageBox:
    box = getting.removals.question
    assert isinstance(box, QMessageBox) and box.isVisible()
    return box


def answer_remove(box: QMessageBox) -> None:
    (remove,) = [b for b in box.buttons() if box.buttonRole(b) == box.ButtonRole.DestructiveRole]
    remove.click()
    QApplication.processEvents()


def stored(services: ShellServices, files: set[str]) -> set[str]:
    return {sha for sha in files if services.library.blob_path(sha).is_file()}


def told(getting: GettingCourses) -> str:
    box = getting.message_box
    assert isinstance(box, QMessageBox)
    return box.text()


def test_the_course_menu_asks_first_then_removes_the_course_and_frees_its_files(
    window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    getting, files = with_toy(window, services, tmp_path)
    size = sum(services.library.blob_path(sha).stat().st_size for sha in files)
    profile = window.session.profile  # type: ignore[union-attr]
    window.open_course("toy", "reading")
    window.show_library()
    kept = statements(services, profile)
    assert any("/toy" in s["object"]["id"] for s in kept)
    choose_card(window, "toy")
    assert getting.remove_action in window.course_menu.actions()
    assert getting.remove_action.isEnabled()
    getting.remove_action.trigger()
    box = question(getting)
    assert box.text() == "Remove “\u2068Cours jouet\u2069” from this computer?"
    said = box.informativeText()
    assert "every profile on this computer" in said
    assert f"This frees {format_size(size)} of disk space." in said
    assert "learning records and progress in it are kept" in said
    assert "course catalog or a course file" in said
    assert "demo" not in said
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    answer_remove(box)

    assert services.library.get("toy") is None
    assert stored(services, files) == set(), "its files went with it"
    assert [c.id for c in library(window).model.cards] == [DEMO]
    assert services.library.get(DEMO) is not None, "the other course stays"
    message = window.statusBar().currentMessage()
    assert message == f"Removed: \u2068Cours jouet\u2069. {format_size(size)} of disk space freed."
    assert statements(services, profile) == kept, "the learner's records are kept"

    getting.import_paths([tmp_path / "toy" / "repo" / "toy-1.0.0.cartable"])
    assert services.library.get("toy") is not None
    point = library(window).resume_point
    assert point is not None and point.course_id == "toy", "its progress comes back with it"


def test_cancel_keeps_everything(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    getting, files = with_toy(window, services, tmp_path)
    choose_card(window, "toy")
    getting.remove_action.trigger()
    box = question(getting)
    qtbot.keyClick(box, Qt.Key.Key_Return)  # the default: Cancel
    QApplication.processEvents()
    assert getting.removals.question is None, "closed"
    assert services.library.get("toy") is not None
    assert stored(services, files) == files
    assert "toy" in [c.id for c in library(window).model.cards]


def test_a_letter_typed_alone_removes_nothing(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """QMessageBox pressed "&Remove" for a bare "r" (review r8): a letter alone does nothing
    (player/ui/question_box.py), Alt+R still removes."""
    getting, _files = with_toy(window, services, tmp_path)
    choose_card(window, "toy")
    getting.remove_action.trigger()
    box = question(getting)
    box.activateWindow()  # its Alt keys are shortcuts: of the active window
    qtbot.waitUntil(box.isActiveWindow)
    (remove,) = [b for b in box.buttons() if box.buttonRole(b) == box.ButtonRole.DestructiveRole]
    qtbot.keyClick(box, Qt.Key.Key_R)
    assert not remove.isDown(), "a mnemonic press holds its button down, then clicks it"
    assert question(getting) is box
    qtbot.keyClick(box, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: services.library.get("toy") is None)


def test_the_course_open_is_closed_first_and_the_demo_is_not_installed_again(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """Removed from the Course menu while one of its videos plays: the unit's session ends
    (terminated, recorded), the window goes back to the library; the demo stays removed at the
    next start, and the question says how to get it back."""
    profile = studying(window, services)
    getting = GettingCourses(window, services)
    view = window.open_course(DEMO, "definition-video")
    assert view is not None and view.view is not None
    player = view.view.player  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: player.duration() > 0, timeout=10_000)
    getting.remove_action.trigger()
    box = question(getting)
    assert "demo course" in box.informativeText()
    assert (
        f"import the folder \u2068{demo_repository()}\u2069 (Course → Import from a folder)."
    ) in box.informativeText()
    answer_remove(box)

    assert window.course_view is None
    assert window.stack.currentWidget() is library(window)
    assert verbs_about(services, profile, "/unit/definition-video")[-1] == "terminated"
    assert not player.isPlaying()
    assert services.library.get(DEMO) is None
    assert library(window).model.cards == []
    assert services.context.settings.demo_removed
    assert load_settings(services.context.paths.settings_file).demo_removed, "saved"


def test_a_course_another_cartable_is_installing_is_refused_and_nothing_removed(
    window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    getting, files = with_toy(window, services, tmp_path)
    monkeypatch.setattr(course_removal, "REMOVE_WAIT", 0.2)
    lock = ProcessLock(services.library.dir / LOCKS / "toy.lock")  # as another process's
    assert lock.acquire()
    try:
        choose_card(window, "toy")
        getting.remove_action.trigger()
        answer_remove(question(getting))
        assert told(getting) == (
            "“\u2068Cours jouet\u2069” was not removed: another \u2068Cartable\u2069 on this "
            "computer is "
            "installing or updating it. Try again once it has finished."
        )
    finally:
        lock.release()
    assert services.library.get("toy") is not None
    assert stored(services, files) == files
    assert "toy" in [c.id for c in library(window).model.cards]


def test_a_course_being_downloaded_is_refused_before_anything_is_asked(
    window: MainWindow, services: ShellServices
) -> None:
    """Its download would install it again: cancel it first."""
    studying(window, services)
    getting, controller = attach(window, services)
    item = DownloadItem("d1", DEMO, "Les MOOC", "9.0.0", True, DownloadState.PAUSED, total=10)
    controller.rows.items[item.id] = item  # an update recorded, paused
    choose_card(window, DEMO)
    getting.remove_action.trigger()
    assert getting.removals.question is None
    assert told(getting) == (
        "“\u2068Les MOOC\u2069” is being downloaded: cancel its download in Downloads (Ctrl+J) "
        "first, then remove it."
    )
    assert services.library.get(DEMO) is not None


def test_a_card_menu_from_the_keyboard_or_the_mouse_and_the_delete_key_ask_about_that_card(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    getting, _files = with_toy(window, services, tmp_path)
    view = library(window)
    choose_card(window, "toy")
    qtbot.keyClick(view.cards, Qt.Key.Key_F10, Qt.KeyboardModifier.ShiftModifier)
    menu = view.card_menu
    assert menu is not None and menu.isVisible()
    texts = [a.text() for a in menu.actions() if a.isVisible()]  # Update: none offered
    assert texts == ["&Open", "Re&move this course…"]
    assert clashes({key_of(t): [t] for t in texts}) == {}
    menu.close()
    qtbot.keyClick(view.cards, Qt.Key.Key_Menu)
    assert menu.isVisible()
    view.remove_action.trigger()
    menu.close()
    box = question(getting)
    assert "Cours jouet" in box.text()
    box.reject()
    QApplication.processEvents()

    choose_card(window, DEMO)
    qtbot.keyClick(view.cards, Qt.Key.Key_Delete)
    box = question(getting)
    assert "Les MOOC" in box.text()
    box.reject()
    QApplication.processEvents()

    model = view.cards.model()
    toy_row = [r for r in range(model.rowCount()) if model.index(r, 0).data(CARD_ROLE).id == "toy"]
    at = view.cards.visualRect(model.index(toy_row[0], 0)).center()
    click = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, at, view.cards.viewport().mapToGlobal(at)
    )
    QApplication.sendEvent(view.cards.viewport(), click)
    assert view.current_course_id() == "toy", "the card right-clicked is the one chosen"
    assert menu.isVisible()
    view.open_action.trigger()
    menu.close()
    assert window.course_view is not None and window.course_view.course.id == "toy"


def test_the_item_waits_for_a_learner_and_names_a_course(
    window: MainWindow, services: ShellServices
) -> None:
    getting = GettingCourses(window, services)
    window.start()  # Who is studying: nobody yet
    assert not getting.remove_action.isEnabled()
    studying(window, services)
    assert getting.remove_action.isEnabled()
    window.show_dashboard()
    getting.remove_action.trigger()  # a page with no course on it
    assert getting.removals.question is None
    assert told(getting) == "Choose a course in the library first."


def test_what_a_removal_frees_leaves_out_the_files_other_courses_share(
    window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """Files are shared between courses: alone, all of the toy course's files are freed; once
    another course (a copy of its manifest under another folder) names them, none is."""
    getting, files = with_toy(window, services, tmp_path)
    library_ = services.library
    size = sum(library_.blob_path(sha).stat().st_size for sha in files)
    assert library_.removal_frees("toy") == size
    assert library_.removal_frees("../x") is None
    twin = library_.dir / "twin"
    twin.mkdir()
    toy_folder = library_.dir / "toy" / "1.0.0"
    (twin / "1.0.0").mkdir()
    manifest = (toy_folder / "course.json").read_bytes()
    (twin / "1.0.0" / "course.json").write_bytes(manifest)
    (twin / "current").write_text("1.0.0", encoding="utf-8")
    assert library_.removal_frees("toy") == 0
    toy = library_.get("toy")
    assert toy is not None
    box_text = getting.removals.question_text(toy, 0)
    assert "This frees no disk space: other courses or downloads use the same files." in box_text


# -- review r4 ---------------------------------------------------------------------------------


class Deferred:
    """The task runner's tasks kept until `run()`: a removal or an export still under way
    while the test acts (the synchronous runner ends each at once)."""

    def __init__(self) -> None:
        self.tasks: list[tuple[Callable[[], Any], Callable[[Any], None], Any]] = []

    def run_task(
        self, fn: Callable[[], Any], on_done: Callable[[Any], None], on_error: Any = None
    ) -> None:
        self.tasks.append((fn, on_done, on_error))

    def run(self) -> None:
        while self.tasks:
            fn, on_done, on_error = self.tasks.pop(0)
            try:
                result = fn()
            except BaseException as exc:
                on_error(exc)
            else:
                on_done(result)


def deferring(services: ShellServices, monkeypatch: pytest.MonkeyPatch) -> Deferred:
    """From now on, the services' tasks wait for `run()`."""
    runner = Deferred()
    monkeypatch.setattr(services.tasks, "run_task", runner.run_task)
    return runner


@pytest.fixture
def clock(services: ShellServices) -> StoreClock:
    """The exam clock moved by the test alone (test_exam_running)."""
    made = StoreClock()
    made.drive(services.store)
    return made


EXAM_REFUSED = (
    "“\u2068Les MOOC\u2069” has an exam in progress, whose clock keeps running: submit it first "
    "(or let its time run out), then remove the course."
)


def test_a_course_with_a_timed_exam_running_is_refused_and_the_attempt_stays_reachable(
    window: MainWindow, services: ShellServices, clock: StoreClock
) -> None:
    """Removed, the course would leave the attempt open, out of reach, its clock running on
    (review r4: the exam closed, the course gone, the attempt submitted at a later start)."""
    profile = studying(window, services)
    getting = GettingCourses(window, services)
    exam = exam_started(window)
    getting.remove_action.trigger()
    assert getting.removals.question is None, "refused before anything is asked"
    assert told(getting) == EXAM_REFUSED
    assert services.library.get(DEMO) is not None
    assert window.course_view is not None and window.course_view.view is exam and exam.runs_on
    (attempt,) = services.store.assessments.exam_attempts(profile.id)
    assert attempt.state == "in_progress"


def start_exam_elsewhere(services: ShellServices, profile_id: str) -> None:
    """A timed attempt started by another Cartable on this computer (the same records)."""
    demo = services.library.get(DEMO)
    assert demo is not None
    session = services.store.events.unit_opened(profile_id, demo.course, EXAM)
    services.store.assessments.exam_started(session)


def test_an_exam_started_while_the_question_was_open_refuses_the_removal(
    window: MainWindow, services: ShellServices, clock: StoreClock
) -> None:
    profile = studying(window, services)
    getting = GettingCourses(window, services)
    choose_card(window, DEMO)
    getting.remove_action.trigger()
    box = question(getting)
    start_exam_elsewhere(services, profile.id)  # in another Cartable of the same profile
    answer_remove(box)
    assert told(getting) == EXAM_REFUSED
    assert services.library.get(DEMO) is not None
    assert not load_settings(services.context.paths.settings_file).demo_removed


def test_a_timed_exam_in_another_profile_refuses_the_removal_and_names_that_profile(
    window: MainWindow, services: ShellServices, clock: StoreClock
) -> None:
    bea = services.profiles.add("Bea", "en")
    start_exam_elsewhere(services, bea.id)
    studying(window, services, "Awa")
    getting = GettingCourses(window, services)
    choose_card(window, DEMO)
    getting.remove_action.trigger()
    assert getting.removals.question is None
    assert told(getting) == (
        "“\u2068Les MOOC\u2069” has an exam in progress in another profile on this computer "
        "(\u2068Bea\u2069), whose clock keeps running: remove the course once it is submitted "
        "or its time has run out."
    )
    assert services.library.get(DEMO) is not None
    getting.message_box.reject()  # type: ignore[union-attr]
    QApplication.processEvents()
    clock.advance(3 * 3600)  # its time ran out: submitted at Bea's next start, course or not
    getting.remove_action.trigger()
    assert "Les MOOC" in question(getting).text()


def test_quitting_right_after_removing_the_demo_does_not_bring_it_back(
    window: MainWindow, services: ShellServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The production runner: the removal's result comes back through the event loop, which
    a quit ends first (review r4: demo_removed was saved there, never; the next start
    installed the demo again)."""
    studying(window, services)
    getting = GettingCourses(window, services)
    pool = ThreadPoolRunner()
    monkeypatch.setattr(services.tasks, "run_task", pool.run_task)
    choose_card(window, DEMO)
    getting.remove_action.trigger()
    assert pool.wait_idle(60_000)  # what it frees, read on a worker
    QApplication.processEvents()
    answer_remove(question(getting))
    assert wind_down(pool, [], [])  # Ctrl+Q: app.exec() returned, run_gui winds down
    assert services.library.get(DEMO) is None
    assert load_settings(services.context.paths.settings_file).demo_removed, "saved"
    next_start = open_context(services.context.paths)
    assert ensure_demo(next_start) is None
    assert next_start.library.get(DEMO) is None


def test_a_refused_removal_leaves_the_learner_in_the_course_and_the_demo_updated_again(
    window: MainWindow, services: ShellServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another Cartable installs the demo: the lock is tried before the course is closed
    (review r4: the learner was sent back to the library for nothing)."""
    studying(window, services)
    getting = GettingCourses(window, services)
    monkeypatch.setattr(course_removal, "REMOVE_WAIT", 0.2)
    view = window.open_course(DEMO, "definition-lecture")
    assert view is not None
    lock = ProcessLock(services.library.dir / LOCKS / f"{DEMO}.lock")  # as another process's
    assert lock.acquire()
    try:
        getting.remove_action.trigger()
        answer_remove(question(getting))
        assert told(getting).startswith(
            "“\u2068Les MOOC\u2069” was not removed: another \u2068Cartable\u2069"
        )
    finally:
        lock.release()
    assert window.course_view is view and window.stack.currentWidget() is view
    assert view.current_unit_id == "definition-lecture"
    assert services.library.get(DEMO) is not None
    assert not services.context.settings.demo_removed
    assert not load_settings(services.context.paths.settings_file).demo_removed
    assert getting.removals.removing is None


def test_one_removal_at_a_time(
    window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Delete on a second card while a removal runs: refused (review r4: both ran, and their
    clean-ups' figures crossed)."""
    getting, files = with_toy(window, services, tmp_path)
    deferred = deferring(services, monkeypatch)
    choose_card(window, "toy")
    getting.remove_action.trigger()
    deferred.run()  # what it frees
    answer_remove(question(getting))
    assert services.library.get("toy") is not None, "its removal still runs"
    choose_card(window, DEMO)
    getting.remove_action.trigger()
    assert getting.removals.question is None and deferred.tasks != []
    assert told(getting) == (
        "Another course is being removed: wait until “\u2068Cours jouet\u2069” is removed, then "
        "try again."
    )
    getting.message_box.reject()  # type: ignore[union-attr]
    QApplication.processEvents()
    deferred.run()
    assert services.library.get("toy") is None and stored(services, files) == set()
    getting.remove_action.trigger()
    deferred.run()
    assert "Les MOOC" in question(getting).text()


def test_a_failure_before_the_uninstall_runs_leaves_neither_the_lock_nor_the_removal_held(
    window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review r8 #3: anything raising between taking the course's lock and handing it to the
    uninstall (here: closing the course open) left `removing` set, every later removal refused,
    and the lock held until garbage collection (an import of the course waited, then failed)."""
    getting, files = with_toy(window, services, tmp_path)
    window.open_course("toy", "reading")

    def broken() -> None:
        raise RuntimeError("closing the course failed")

    with monkeypatch.context() as patched:
        patched.setattr(window, "show_library", broken)
        installed = services.library.get("toy")
        assert installed is not None
        with pytest.raises(RuntimeError, match="closing the course failed"):
            getting.removals.remove(installed)
    assert getting.removals.removing is None
    lock = ProcessLock(services.library.dir / LOCKS / "toy.lock")  # as another process's
    free = lock.acquire()
    if free:
        lock.release()
    assert free, "the course's lock is still held"
    getting.remove_action.trigger()
    answer_remove(question(getting))
    assert services.library.get("toy") is None and stored(services, files) == set()


def test_a_course_being_exported_is_refused(
    window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its files are being read into the archive: removed, the export would fail half-way."""
    getting, _files = with_toy(window, services, tmp_path)
    deferred = deferring(services, monkeypatch)
    target = tmp_path / "out.cartable"
    getting.export_to("toy", target)
    choose_card(window, "toy")
    getting.remove_action.trigger()
    assert getting.removals.question is None and deferred.tasks != []
    assert told(getting) == (
        "“\u2068Cours jouet\u2069” is being exported: wait until its export has finished, then "
        "remove it."
    )
    getting.message_box.reject()  # type: ignore[union-attr]
    QApplication.processEvents()
    deferred.run()
    assert target.is_file()
    getting.remove_action.trigger()
    deferred.run()
    assert "Cours jouet" in question(getting).text()


def test_an_export_asked_while_the_course_is_being_removed_is_refused(
    window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review r8 #4: Course → Export… on the card still shown while its removal runs was queued
    after it and failed half-way (or wrote nothing) once the files had gone."""
    getting, _files = with_toy(window, services, tmp_path)
    deferred = deferring(services, monkeypatch)
    choose_card(window, "toy")
    getting.remove_action.trigger()
    deferred.run()  # what it frees
    answer_remove(question(getting))
    assert getting.removals.removing is not None and len(deferred.tasks) == 1
    target = tmp_path / "out.cartable"
    getting.export_to("toy", target)
    assert len(deferred.tasks) == 1, "no export queued"
    assert told(getting) == "“\u2068Cours jouet\u2069” is being removed: it cannot be exported."
    getting.message_box.reject()  # type: ignore[union-attr]
    QApplication.processEvents()
    choose_card(window, "toy")
    getting.choose_export()  # asks no file name either
    assert told(getting).endswith("is being removed: it cannot be exported.")
    getting.message_box.reject()  # type: ignore[union-attr]
    QApplication.processEvents()
    deferred.run()
    assert services.library.get("toy") is None and not target.exists()


def test_the_menu_key_on_x11_a_keyboard_context_menu_event_shows_the_menu_over_the_current_card(
    window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """On X11 (xcb) the Menu key reaches the cards only as a keyboard context menu event, never
    a key press (review r4, under Xvfb with xdotool): the menu shows over the current card
    (the second here), never the card under the point the event carries (the first), once."""
    getting, _files = with_toy(window, services, tmp_path)
    view = library(window)
    window.resize(1000, 700)
    window.show()
    model = view.cards.model()
    first, second = (model.index(r, 0) for r in range(2))
    chosen: CourseCard = second.data(CARD_ROLE)
    choose_card(window, chosen.id)
    asked: list[str] = []
    view.cards.menu_requested.connect(lambda course_id, _at: asked.append(course_id))
    elsewhere = view.cards.visualRect(first).center()
    key = QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard,
        elsewhere,
        view.cards.viewport().mapToGlobal(elsewhere),
    )
    QApplication.sendEvent(view.cards, key)
    menu = view.card_menu
    assert menu is not None and menu.isVisible()
    assert asked == [chosen.id]
    assert view.current_course_id() == chosen.id
    card = view.cards.visualRect(second)
    on_screen = QRect(view.cards.viewport().mapToGlobal(card.topLeft()), card.size())
    assert on_screen.contains(menu.pos()), (on_screen, menu.pos())
    view.remove_action.trigger()
    menu.close()
    assert chosen.title in question(getting).text()
