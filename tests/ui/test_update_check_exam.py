"""The library's "Update to version X" (player/ui/update_check.py found it) is not offered beside a
timed exam running in that course, and a card's Update asked all the same (a menu opened before
the exam started, the banner's) is refused in one line, as a removal is: the exam's clock does
not wait, the course would change under the attempt, the update can wait (review r14 #1). The
real demo course, its timed exam started the learner's way; the update found is handed over as
the check hands it (`updates_changed`)."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMessageBox

from player.library.catalogs import CatalogCourse, CourseState
from player.ui.getting_courses import GettingCourses
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from sync.catalog_parse import CatalogEntry
from tests.ui.downloads_support import attach
from tests.ui.test_exam_running import exam_started
from tests.ui.test_shell import DEMO, studying


def demo_update(version: str = "9.9.9") -> CatalogCourse:
    """The demo's newer version as the update check keeps it (course id -> CatalogCourse)."""
    entry = CatalogEntry(
        DEMO, version, "Les MOOC", "fr", "", "Cartable", 10, 1,
        f"courses/{DEMO}/{version}/course.json", "0" * 64, 100,
    )  # fmt: skip
    return CatalogCourse(
        entry, "http://example.org/", "Test", CourseState.UPDATE, "1.0.0", 10, True
    )


def found(getting: GettingCourses, course: CatalogCourse) -> None:
    """What a background check that found `course` does: the library told."""
    assert getting.updates is not None
    getting.updates.updates = {course.id: course}
    getting.updates.updates_changed.emit(getting.updates.updates)


def menu_items(window: MainWindow, course_id: str) -> list[str]:
    library = window.library_view
    assert library is not None
    library._card_menu(course_id, QPoint(0, 0))
    assert library.card_menu is not None
    shown = [a.text() for a in library.card_menu.actions() if a.isVisible()]
    library.card_menu.close()
    return shown


def downloads_asked(getting: GettingCourses) -> list[str]:
    """The download ids GettingCourses hands the controller from now on (none is started)."""
    asked: list[str] = []
    assert getting.controller is not None
    getting.controller.download = lambda course: asked.append(course.download_id)  # type: ignore[method-assign]
    return asked


def test_the_card_menu_offers_no_update_beside_a_running_exam(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    getting, _ = attach(window, services)
    found(getting, demo_update())
    assert "&Update to version 9.9.9" in menu_items(window, DEMO)  # offered before the exam
    exam_started(window)
    window.show_library()
    library = window.library_view
    assert library is not None
    assert library.resume_point is not None and library.resume_point.course_id == DEMO
    assert not library.update_button.isVisibleTo(library)  # the banner's: not beside the exam
    assert "&Update to version 9.9.9" not in menu_items(window, DEMO)


def test_an_update_asked_while_an_exam_runs_is_refused_in_one_line(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """A menu opened before the exam started (in another window of the same profile), or
    the banner: the update is not downloaded, and the learner is told why and when."""
    studying(window, services)
    getting, _ = attach(window, services)
    asked = downloads_asked(getting)
    found(getting, demo_update())
    exam_started(window)
    getting.update_course(DEMO)
    assert asked == []
    box = getting.message_box
    assert isinstance(box, QMessageBox)
    assert box.windowTitle() == "Update course"
    assert box.text() == (
        "“\u2068Les MOOC\u2069” has an exam in progress, whose clock keeps running: submit it "
        "first (or let its time run out), then update the course."
    )
    box.reject()


def test_an_exam_running_in_another_profile_refuses_the_update_and_names_it(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    from tests.ui.test_course_removal import start_exam_elsewhere

    bea = services.profiles.add("Bea", "en")
    start_exam_elsewhere(services, bea.id)
    studying(window, services, "Awa")
    getting, _ = attach(window, services)
    asked = downloads_asked(getting)
    found(getting, demo_update())
    getting.update_course(DEMO)
    assert asked == []
    box = getting.message_box
    assert isinstance(box, QMessageBox)
    assert box.text() == (
        "“\u2068Les MOOC\u2069” has an exam in progress in another profile on this computer "
        "(\u2068Bea\u2069), whose clock keeps running: update the course once it is submitted "
        "or its time has run out."
    )
    box.reject()


def test_with_no_exam_running_the_update_is_downloaded(
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    getting, _ = attach(window, services)
    asked = downloads_asked(getting)
    found(getting, demo_update())
    getting.update_course(DEMO)
    assert asked == [f"{DEMO}@9.9.9"]
    assert getting.message_box is None
