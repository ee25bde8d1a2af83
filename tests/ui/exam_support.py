"""What the certificate exam's tests share (test_exam_view, test_exam_time, test_exam_results,
and the announcements' and save notice's exam cases): the demo's exam opened in a view over the
real records store, with a clock the test moves, and the steps every test takes (start, accept
the question, press a key).

A module using `open_exam` imports `shell`, `clock` and `sync_calls` with it: pytest finds a
fixture by its name in the test's module, so without this `shell` it would hand `open_exam`
conftest's, whose store runs on the wall clock (`open_exam` stops there and says so)."""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QMessageBox

from player.course.manifest import Course
from player.library.library import Library
from player.store.database import open_database
from player.store.events import Recorder
from player.store.profiles import Profiles
from player.store.progress import ProgressQueries
from player.ui.exam.view import ExamView
from player.ui.unit_view import create_unit_view
from player.wording import isolated
from tests.ui.assessment_support import install_fixture_course, services_for
from tests.ui.unit_support import Shell, Store

EXAM = "enjeux-examen"
UC = isolated("Université Cartable")  # the institution, as a sentence names it


class Clock:
    """The store's clock, moved by the test (the timer reads the store's clock)."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Course]:
    return install_fixture_course(tmp_path_factory.mktemp("fixtures"))


@pytest.fixture
def clock() -> Clock:
    return Clock()


def store_with(folder: Path, clock: Clock, language: str = "en") -> Store:
    database = open_database(
        folder / "records.sqlite3", folder / "backups", clock=clock, backup_every=None
    )
    profile = Profiles(database).add("Awa", language)
    return Store(database, Recorder(database), ProgressQueries(database.conn), profile)


@pytest.fixture
def shell(demo: tuple[Library, Course], tmp_path: Path, clock: Clock) -> Shell:
    return Shell(*demo, store_with(tmp_path, clock))


OpenExam = Callable[..., ExamView]


@pytest.fixture
def sync_calls() -> list[str]:
    return []


@pytest.fixture
def open_exam(qtbot, shell: Shell, clock: Clock, sync_calls: list[str]) -> Iterator[OpenExam]:  # type: ignore[no-untyped-def]
    # conftest's `shell` would be handed over silently, its store on the wall clock.
    assert shell.store.database.clock is clock, "import `shell` from exam_support with open_exam"
    views: list[ExamView] = []

    def make(
        unit_id: str = EXAM,
        target: Shell | None = None,
        course_of: Callable[[str], Course | None] | None = None,
    ) -> ExamView:
        where = target or shell
        services = services_for(where, "Université Cartable", lambda: sync_calls.append("sync"))
        if course_of is not None:  # the library's courses, as the main window gives them
            assessments = dataclasses.replace(services.assessments, course_of=course_of)
            services = dataclasses.replace(services, assessments=assessments)
        view = create_unit_view(where.course.unit(unit_id), where.course, services)  # type: ignore[arg-type]
        assert isinstance(view, ExamView)
        qtbot.addWidget(view)
        view.resize(1000, 650)
        view.show()
        qtbot.waitExposed(view)
        views.append(view)
        return view

    yield make
    for view in views:
        view.close_unit()


def yes_button(box: QMessageBox) -> QAbstractButton:
    """The confirmation's "do it" button (Start, Submit), whichever is the default."""
    (button,) = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole]
    return button


def accept(view: ExamView) -> None:
    box = view.confirmation
    assert isinstance(box, QMessageBox) and box.isVisible()
    yes_button(box).click()
    QApplication.processEvents()


def started(open_exam: OpenExam) -> ExamView:
    view = open_exam()
    view.start_button.click()
    accept(view)
    assert view.pages.currentWidget() is view.exam_page
    return view


def key(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:  # type: ignore[no-untyped-def]
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifier)


def exam_view_with(qtbot, shell: Shell, **facts: Callable[[], object]) -> ExamView:  # type: ignore[no-untyped-def]
    """The demo's exam, shown, its assessments answering `facts` (grade_error, has_account,
    account_refused: what sync knows) as the player's AssessmentServices would."""
    from player.store.assessments import Assessments
    from player.ui.assessment_common import AssessmentServices

    assessments = AssessmentServices(
        Assessments(shell.store.events),
        "Université Cartable",
        **facts,  # type: ignore[arg-type]
    )
    services = shell.services(assessments=assessments)
    view = create_unit_view(shell.course.unit(EXAM), shell.course, services)  # type: ignore[arg-type]
    assert isinstance(view, ExamView)
    qtbot.addWidget(view)
    view.show()
    return view
