"""The dashboard on a learner's real records: three weeks of study recorded through the store's
events with a clock the test moves (time per day, a quiz taken, the exam submitted then graded),
read back by `load_overview`, shown by `DashboardView` and the course view's summary, reached
from the main window with the keyboard."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from player.course.manifest import Course
from player.library.library import Library
from player.store.store import Store
from player.ui.assessment_common import minutes_text, studied_text
from player.ui.dashboard.overview import CHART_DAYS, exam_lines, load_overview, next_steps
from player.ui.dashboard.summary import CourseSummary
from player.ui.dashboard.view import DashboardView
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.wording import isolated
from tests.ui.assessment_support import DEMO_QUIZ_KEYS, keys_of, right_response
from tests.ui.downloads_support import attach

DAY = 24 * 3600
# Titles in a sentence: isolated (player.wording), an Arabic one would turn the line around.
LES_MOOC = isolated("Les MOOC")
QU_EST_CE = "Qu'est-ce qu'un MOOC\u00a0?"


class Clock:
    def __init__(self, start: float) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now


def morning(days_ago: int) -> float:
    return datetime.combine(date.today() - timedelta(days=days_ago), clock_time(9, 0)).timestamp()


def study(store: Store, clock: Clock, profile_id: str, course: Course, unit_id: str, minutes: int):  # type: ignore[no-untyped-def]
    """Open a unit, stay `minutes` (a heartbeat every 4 minutes), close it."""
    session = store.events.unit_opened(profile_id, course, unit_id)
    for _ in range(minutes // 4):
        clock.now += 240
        store.events.heartbeat(session)
    return session


@pytest.fixture
def learner(demo: tuple[Library, Course], tmp_path: Path) -> Iterator[tuple[Store, Clock, str]]:
    _library, course = demo
    clock = Clock(morning(10))
    store = Store.open(tmp_path / "records.sqlite3", clock=clock, backup_every=None)
    profile = store.profiles.add("Awa", "en")
    # ten days ago: the reading, 20 minutes
    session = study(store, clock, profile.id, course, "definition-lecture", 20)
    store.events.reading_completed(session)
    store.events.unit_closed(session)
    # two days ago: the quiz, 8 minutes, one right answer of nine
    clock.now = morning(2)
    session = study(store, clock, profile.id, course, "phenomene-quiz", 8)
    attempt = store.assessments.quiz_started(session)
    store.assessments.question_answered(session, attempt.id, "stanford-2011", "a")
    store.assessments.question_answered(session, attempt.id, "hybride", False)
    store.assessments.quiz_finished(session, attempt.id)
    store.events.unit_closed(session)
    # today: the exam, 12 minutes, submitted
    clock.now = morning(0)
    session = study(store, clock, profile.id, course, "enjeux-examen", 4)
    exam = store.assessments.exam_started(session)
    clock.now += 240
    store.assessments.exam_answer(session, exam.id, "sigle", "a")
    clock.now += 240
    store.assessments.exam_submitted(session, exam.id)
    store.events.unit_closed(session)
    yield store, clock, profile.id
    store.close()


def test_overview_reads_days_quizzes_exams_and_next_steps(  # type: ignore[no-untyped-def]
    demo: tuple[Library, Course], learner
) -> None:
    library, _course = demo
    store, clock, profile_id = learner
    overview = load_overview(library, store, profile_id, now=clock.now)
    assert len(overview.days) == CHART_DAYS and overview.days[-1].day == date.today()
    minutes = {CHART_DAYS - 1 - i: round(d.seconds / 60) for i, d in enumerate(overview.days)}
    assert minutes[10] == 20 and minutes[2] == 8 and minutes[0] == 12
    assert round(overview.week_seconds / 60) == 20 and round(overview.total_seconds / 60) == 40
    (item,) = overview.courses
    assert item.started and item.progress.units_satisfied == 1  # the quiz failed: still to do
    assert [m.units_satisfied for m in item.progress.modules] == [1, 0, 0]
    (quiz,) = item.quizzes
    assert quiz.best == pytest.approx(1 / 9, abs=1e-6) and not quiz.passed
    (exam,) = item.exams
    assert exam.waiting is not None and exam.running is None
    assert [s.unit_id for s in overview.steps] == ["definition-video"]
    assert (
        overview.steps[0].text
        == f"Continue \u201c{LES_MOOC}\u201d: {isolated(QU_EST_CE)} (module 1, video)"
    )


def test_a_running_exam_comes_first_with_its_time_left(  # type: ignore[no-untyped-def]
    demo: tuple[Library, Course], learner
) -> None:
    library, course = demo
    store, clock, profile_id = learner
    store.assessments.record_exam_result(
        profile_id, store.assessments.exam_attempts(profile_id)[0].registration, False, 0.5
    )
    session = store.events.unit_opened(profile_id, course, "enjeux-examen")
    store.assessments.exam_started(session)
    clock.now += 300
    steps = load_overview(library, store, profile_id, now=clock.now).steps
    assert steps[0].urgent and steps[0].unit_id == "enjeux-examen"
    exam = isolated("Examen de certification")
    assert steps[0].text == f"Finish the exam \u201c{exam}\u201d \u2014 15 min left"


def test_an_exam_waiting_for_its_grade_is_not_what_to_do_next(  # type: ignore[no-untyped-def]
    qtbot, demo: tuple[Library, Course], learner
) -> None:
    """Every unit done but the exam, submitted and waiting for its grade: the course's header
    said "To do: Examen de certification" (learner's-eye run u1, fr-81), where there is
    nothing to do. It and the dashboard point at the practice quiz, not passed yet: not done
    (learner's-eye run f1, its moveOn Passed), where the count agrees."""
    library, course = demo
    store, clock, profile_id = learner
    video = store.events.unit_opened(profile_id, course, "definition-video")
    store.events.video_played(video, 0.0)
    clock.now += 11
    store.events.video_paused(video, 10.56)
    store.events.unit_closed(video)
    slides = store.events.unit_opened(profile_id, course, "phenomene-diaporama")
    for page in range(1, 9):
        store.events.slide_viewed(slides, page)
    store.events.unit_closed(slides)
    reading = store.events.unit_opened(profile_id, course, "enjeux-lecture")
    store.events.reading_completed(reading)
    store.events.unit_closed(reading)
    progress = store.progress.course(profile_id, course)
    assert progress.units_satisfied == 4 and progress.next_unit_id == "phenomene-quiz"

    summary = CourseSummary(store, profile_id, course)
    qtbot.addWidget(summary)
    quiz = isolated("Quiz d'entraînement") + " (module 2, quiz)"
    assert summary.text().split("\n")[-1] == f"Still to do: {quiz}"
    steps = load_overview(library, store, profile_id, now=clock.now).steps
    assert [(s.unit_id, s.text) for s in steps] == [
        ("phenomene-quiz", f"Continue \u201c{LES_MOOC}\u201d: {quiz}")
    ]

    # the quiz passed: the exam waiting for its grade is all that is left, nothing to do now
    session = store.events.unit_opened(profile_id, course, "phenomene-quiz")
    attempt = store.assessments.quiz_started(session)
    for qid, question in keys_of(DEMO_QUIZ_KEYS).items():
        store.assessments.question_answered(session, attempt.id, qid, right_response(question))
    store.assessments.quiz_finished(session, attempt.id)
    store.events.unit_closed(session)
    summary.refresh()
    assert "Still to do" not in summary.text() and "Course completed" not in summary.text()
    assert load_overview(library, store, profile_id, now=clock.now).steps == ()

    # graded, failed, an attempt left: the exam is the thing to do again
    exam = store.assessments.exam_attempts(profile_id)[0]
    store.assessments.record_exam_result(profile_id, exam.registration, False, 0.4)
    summary.refresh()
    assert "Still to do: \u2068Examen de certification\u2069" in summary.text()


def test_dashboard_page_shows_it_and_opens_the_next_step(  # type: ignore[no-untyped-def]
    qtbot, demo: tuple[Library, Course], learner
) -> None:
    library, _course = demo
    store, _clock, profile_id = learner
    view = DashboardView(library, store, profile_id, "Awa")
    qtbot.addWidget(view)
    view.resize(1280, 700)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    assert view.heading.text() == f"Progress of {isolated('Awa')}"
    assert [b.text() for b in view.step_buttons] == [
        f"Continue \u201c{LES_MOOC}\u201d: {isolated(QU_EST_CE)} (module 1, video)"
    ]
    assert view.time_summary.text() == "Last 7 days: 20 min \u00b7 last 4 weeks: 40 min"
    assert view.chart.accessibleDescription() == (
        "Today: 12 min. Last 7 days: 20 min. Last 4 weeks: 40 min."
    )
    (card,) = view.cards
    lines = [label.text() for label in card.assessment_lines]
    assert lines[0].startswith(
        "\u2068Quiz d'entraînement\u2069: best 11% (not passed yet), pass mark 80% \u00b7 "
        "attempts: 1"
    )
    assert lines[1:] == [
        "\u2068Examen de certification\u2069, attempt 1: submitted \u2014 waiting for the result"
    ]
    assert [bar.value() for _, bar, _ in card.module_rows] == [500, 0, 0]

    # the chart: taller bars for longer days, nothing on days without study
    chart = view.chart
    assert chart.scale_minutes() == 30
    ten, two, today = (chart.bar_rect(CHART_DAYS - 1 - n) for n in (10, 2, 0))
    assert ten.height() > today.height() > two.height() > 0
    assert chart.bar_rect(CHART_DAYS - 1 - 5).height() == 0
    image = chart.grab().toImage()
    ratio = chart.devicePixelRatioF()
    inside = ten.center()
    pixel = QColor(image.pixel(int(inside.x() * ratio), int(inside.y() * ratio)))
    background = QColor(image.pixel(2, 2))
    assert pixel != background, "the bar is painted"

    # the grade comes back: the dashboard says so once refreshed
    exam = store.assessments.exam_attempts(profile_id)[0]
    store.assessments.record_exam_result(profile_id, exam.registration, True, 0.9)
    view.refresh()
    assert view.cards[0].assessment_lines[-1].text() == (
        "\u2068Examen de certification\u2069, attempt 1: passed (90%)"
    )

    opened: list[tuple[str, str]] = []
    view.open_unit.connect(lambda c, u: opened.append((c, u)))
    view.activateWindow()
    view.focus_start()
    qtbot.waitUntil(view.step_buttons[0].hasFocus)
    qtbot.keyClick(view.step_buttons[0], Qt.Key.Key_Return)
    assert opened == [("les-mooc", "definition-video")]
    qtbot.keyClick(view.step_buttons[0], Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is view.chart, "the chart is reachable (and described)"


def test_main_window_dashboard_by_keyboard_and_the_course_summary(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    profile = services.profiles.add("Awa", "en")
    services.context.settings.last_profile = profile.id
    window.start()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    view = window.dashboard_view
    assert view is not None and window.stack.currentWidget() is view
    assert view.not_started.text() == (
        f"You have not started a course yet. Not started yet: {LES_MOOC}"
    )
    window.open_course("les-mooc", "phenomene-quiz")
    course_view = window.course_view
    assert course_view is not None
    first_line = course_view.summary.text().split("\n")[0]
    assert first_line == "Less than a minute studied"  # seconds so far, or none counted yet
    quiz = course_view.view
    quiz.start_attempt()  # type: ignore[union-attr]
    quiz.finish()  # type: ignore[union-attr]
    quiz.confirmation.buttons()[0].click()  # type: ignore[union-attr]
    assert "\u2068Quiz d'entraînement\u2069: best 0%" in course_view.summary.text()
    assert f"Still to do: {isolated(QU_EST_CE)} (module 1, video)" in course_view.summary.text()
    qtbot.keyClick(course_view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentWidget() is window.dashboard_view
    assert window.course_view is None, "the course was closed (its session recorded)"
    step = window.dashboard_view.step_buttons[0]  # type: ignore[union-attr]
    qtbot.waitUntil(step.hasFocus)
    qtbot.keyClick(step, Qt.Key.Key_Space)
    assert window.course_view is not None
    assert window.course_view.current_unit_id == "definition-video"


def test_a_new_learner_is_pointed_to_the_course_to_begin(  # type: ignore[no-untyped-def]
    qtbot, demo: tuple[Library, Course], tmp_path: Path
) -> None:
    """Nothing started: the dashboard said "Nothing waits for you: well done." with Les MOOC
    installed; it offers to start it, on its first unit, by the keyboard."""
    library, _course = demo
    store = Store.open(tmp_path / "records.sqlite3", backup_every=None)
    profile = store.profiles.add("Moussa", "en")
    view = DashboardView(library, store, profile.id, "Moussa")
    qtbot.addWidget(view)
    view.resize(1280, 700)
    view.show()
    qtbot.waitExposed(view)
    view.refresh()
    assert [b.text() for b in view.step_buttons] == [
        f"Start \u201c{LES_MOOC}\u201d: {isolated(QU_EST_CE)} (module 1, video)"
    ]
    assert not view.no_steps.isVisible() and not view.get_courses_button.isVisible()
    opened: list[tuple[str, str]] = []
    view.open_unit.connect(lambda c, u: opened.append((c, u)))
    view.activateWindow()
    view.focus_start()
    qtbot.waitUntil(view.step_buttons[0].hasFocus)
    qtbot.keyClick(view.step_buttons[0], Qt.Key.Key_Return)
    assert opened == [("les-mooc", "definition-video")]
    store.close()


def test_a_study_time_of_90_seconds_is_said_1_min_rounded_down(  # type: ignore[no-untyped-def]
    qtbot, demo: tuple[Library, Course], tmp_path: Path
) -> None:
    """Time studied is counted down to the minute, as a time left is: rounded, 90 s said "2 min"."""
    library, course = demo
    clock = Clock(morning(0))
    store = Store.open(tmp_path / "records.sqlite3", clock=clock, backup_every=None)
    profile = store.profiles.add("Moussa", "en")
    session = store.events.unit_opened(profile.id, course, "definition-lecture")
    clock.now += 90
    store.events.unit_closed(session)
    view = DashboardView(library, store, profile.id, "Moussa")
    qtbot.addWidget(view)
    view.resize(1280, 700)
    view.show()
    view.refresh()
    assert load_overview(library, store, profile.id, now=clock.now).total_seconds == 90
    assert view.time_summary.text() == "Last 7 days: 1 min \u00b7 last 4 weeks: 1 min"
    assert view.chart.accessibleDescription() == (
        "Today: 1 min. Last 7 days: 1 min. Last 4 weeks: 1 min."
    )
    (card,) = view.cards
    assert card.summary.text().endswith("\u00b7 1 min studied")
    store.close()


def test_a_time_studied_under_a_minute_is_said_one_way_from_the_first_visit(  # type: ignore[no-untyped-def]
    qtbot, demo: tuple[Library, Course], tmp_path: Path
) -> None:
    """The course's header said "0 min studied" on a first visit (the unit open, its time not
    counted before the heartbeat) and "Less than a minute studied" once it was (learner's-eye
    run f4): one wording under a minute, none included, in the header and on the dashboard's
    card. A week without study is still "0 min"."""
    library, course = demo
    clock = Clock(morning(0))
    store = Store.open(tmp_path / "records.sqlite3", clock=clock, backup_every=None)
    profile = store.profiles.add("Moussa", "en")
    session = store.events.unit_opened(profile.id, course, "definition-lecture")
    summary = CourseSummary(store, profile.id, course)
    qtbot.addWidget(summary)
    view = DashboardView(library, store, profile.id, "Moussa")
    qtbot.addWidget(view)
    view.refresh()
    said = [summary.text().split("\n")[0], view.cards[0].summary.text().split(" \u00b7 ")[-1]]
    clock.now += 20
    store.events.heartbeat(session)
    summary.refresh()
    view.refresh()
    said += [summary.text().split("\n")[0], view.cards[0].summary.text().split(" \u00b7 ")[-1]]
    assert said == ["Less than a minute studied", "less than a minute studied"] * 2
    store.close()


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (0.0, "less than a minute"),
        (-3.0, "less than a minute"),  # a clock set back
        (20.0, "less than a minute"),
        (59.9, "less than a minute"),
        (59.9995, "1 min"),  # as minutes_text rounds a stored time's microseconds
        (90.0, "1 min"),
        (3660.0, "1 h 01 min"),
    ],
)
def test_a_time_studied_is_said_in_whole_minutes_and_never_0_min(seconds: float, said: str) -> None:
    assert studied_text(seconds) == said
    assert minutes_text(0) == "0 min", "a time left of nothing"


@pytest.mark.parametrize(
    ("language", "first", "kind"),
    [
        ("en", "Less than a minute studied", "video"),
        ("fr", "Moins d'une minute d'\u00e9tude", "vid\u00e9o"),
    ],
)
def test_the_course_summary_on_the_exam_page_says_what_is_still_to_do(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, language: str, first: str, kind: str
) -> None:
    """The course view's header (dashboard/summary.py) on the exam, half a minute studied: its
    line began "less than a minute studied" lower-case, and "Next: <first unit> (Video)"
    pointed from the exam back at the course's first unit, its type not named as the
    dashboard names it ("module 1, video")."""
    from tests.ui.test_exam_running import StoreClock

    clock = StoreClock()
    clock.drive(services.store)
    profile = services.profiles.add("Awa", language)
    services.context.settings.last_profile = profile.id
    window.start()
    assert window.open_course("les-mooc", "definition-lecture") is not None
    clock.advance(30)
    assert window.open_course("les-mooc", "enjeux-examen") is not None
    summary = window.course_view.summary  # type: ignore[union-attr]
    lines = summary.text().split("\n")
    assert lines[0] == first
    assert lines[-1].endswith(f": {isolated(QU_EST_CE)} (module 1, {kind})")
    assert not lines[-1].startswith(("Next", "Ensuite"))
    still = {"en": "Still to do: ", "fr": "\u00c0 faire\u00a0: "}  # the shipped catalog's
    assert lines[-1].startswith(still[language])


def test_every_started_course_done_offers_the_courses_not_begun(  # type: ignore[no-untyped-def]
    demo: tuple[Library, Course], learner
) -> None:
    """Nothing to continue: a course not begun yet is offered; nothing at all: well done."""
    library, course = demo
    store, clock, profile_id = learner
    (item,) = load_overview(library, store, profile_id, now=clock.now).courses
    done = dataclasses.replace(item, progress=dataclasses.replace(item.progress, next_unit_id=None))
    assert next_steps([done], clock.now) == []
    newcomer = store.profiles.add("Binta", "en")
    fresh = load_overview(library, store, newcomer.id, now=clock.now).courses[0]
    assert not fresh.started
    (step,) = next_steps([done, fresh], clock.now)
    assert (step.course_id, step.unit_id) == (course.id, "definition-video")
    assert step.text.startswith(f"Start \u201c{LES_MOOC}\u201d")


def test_a_learner_without_courses_is_pointed_to_getting_them(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    services.library.uninstall("les-mooc")
    getting, _controller = attach(window, services)
    profile = services.profiles.add("Awa", "en")
    services.context.settings.last_profile = profile.id
    window.start()
    window.activateWindow()
    window.show_dashboard()
    view = window.dashboard_view
    assert isinstance(view, DashboardView)
    assert view.step_buttons == []
    assert view.no_steps.text() == (
        "No course is installed yet: get one from your institution's catalog, "
        "or import it from a USB stick or a file."
    )
    button = view.get_courses_button
    assert button.isVisible() and button.text() == "&Get courses\u2026"
    qtbot.waitUntil(button.hasFocus)
    qtbot.keyClick(button, Qt.Key.Key_Return)
    assert getting.catalog_view is not None
    assert window.stack.currentWidget() is getting.catalog_view


class _FrenchPlurals(QTranslator):
    """The dashboard's count in French plural forms, chosen by the count Qt is given (`n`)."""

    def translate(  # type: ignore[override]
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if context != "CourseCard" or source != "%n of %1 units done \u00b7 %2 studied":
            return None
        return ("%n unité faite sur %1 · %2 d'étude", "%n unités faites sur %1 · %2 d'étude")[
            0 if n <= 1 else 1
        ]


def test_the_course_card_counts_units_in_the_plural_the_language_needs(  # type: ignore[no-untyped-def]
    qtbot, demo: tuple[Library, Course], learner
) -> None:
    library, course = demo
    store, _clock, profile_id = learner
    session = store.events.unit_opened(profile_id, course, "enjeux-lecture")  # a second unit
    store.events.reading_completed(session)
    store.events.unit_closed(session)
    translator = _FrenchPlurals()
    QCoreApplication.installTranslator(translator)
    try:
        view = DashboardView(library, store, profile_id, "Awa")
        qtbot.addWidget(view)
        view.refresh()
        (card,) = view.cards
        done = card.item.progress.units_satisfied
        assert done >= 2
        assert card.summary.text() == f"{done} unités faites sur 6 · 40 min d'étude"
    finally:
        QCoreApplication.removeTranslator(translator)
    view.refresh()
    assert view.cards[0].summary.text() == f"{done} of 6 units done \u00b7 40 min studied"


def test_an_exam_state_in_a_line_is_lowered_as_the_interface_language_lowers_it(  # type: ignore[no-untyped-def]
    qtbot, demo: tuple[Library, Course], learner
) -> None:
    """The dashboard and the course summary lowered "In progress" with Python's str.lower, the
    exam results page with assessment_common.in_line (QLocale's): in Turkish "I" lowers to
    dotless "ı", and the two pages wrote the same state differently (review r12)."""
    library, course = demo
    store, clock, profile_id = learner
    first = store.assessments.exam_attempts(profile_id)[0]
    store.assessments.record_exam_result(profile_id, first.registration, False, 0.5)
    session = store.events.unit_opened(profile_id, course, "enjeux-examen")
    store.assessments.exam_started(session)  # attempt 2: "In progress"
    exam = isolated("Examen de certification")
    previous = QLocale()
    QLocale.setDefault(QLocale("tr_TR"))
    try:
        (item,) = load_overview(library, store, profile_id, now=clock.now).courses
        (summary,) = item.exams
        assert exam_lines(summary)[-1] == f"{exam}, attempt 2: \u0131n progress"
        header = CourseSummary(store, profile_id, course)
        qtbot.addWidget(header)
        assert f"{exam}: \u0131n progress" in header.text()
    finally:
        QLocale.setDefault(previous)
