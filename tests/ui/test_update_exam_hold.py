"""A course's update waits while a timed exam runs in it (n3 #2). Updated under the attempt, the
exam kept running with the new version's questions: a question reworded kept the answer given
to the old wording ("Un est un." answered True became "Un est deux." answered True), a question
gone lost its answer, a new one appeared, the clock running on. Now the Catalog's Update (as the
card's) is refused in one line saying why and when, and a download started before the exam
downloads but installs only once the exam is submitted or its time has run out; other courses
update as before. A real course with a timed exam, installed and updated through the Catalog
from a signed folder catalog; the exam started the learner's way; the store's clock moved by
the test (`StoreClock`)."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from player.authoring.catalog import write_catalog
from player.course.archive_writer import write_archive
from player.course.manifest import parse_manifest
from player.course.package import manifest_path
from player.course.signing import PrivateKey
from player.library.download_lock import DownloadsLock
from player.library.download_refusals import DownloadRefused
from player.ui.downloads_controller import DownloadsController
from player.ui.exam.view import ExamView
from player.ui.getting_courses import GettingCourses
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from sync.download_state import DownloadState, FailureKind
from tests.course_repo import add_course, manifest_json, random_files
from tests.ui.assessment_support import give
from tests.ui.downloads_support import attach, trust
from tests.ui.test_course_removal import Deferred, deferring
from tests.ui.test_exam_running import StoreClock
from tests.ui.test_exam_running import clock as clock  # the fixture
from tests.ui.test_shell import course, studying

COURSE = "maths"
EXAM = "final"
OLD = [("q1", "Un est un."), ("q2", "Deux est trois.")]
NEW = [("q1", "Un est deux."), ("q3", "Trois est trois.")]
REFUSED = (
    "“\u2068Mathématiques\u2069” has an exam in progress, whose clock keeps running: submit it "
    "first (or let its time run out), then update the course."
)
HELD = (
    "Downloaded: installs by itself once the exam in progress in this course is submitted or "
    "its time has run out."
)


def publish(
    repo: Path,
    key: PrivateKey,
    version: str,
    questions: list[tuple[str, str]],
    *,
    timed: bool = True,
) -> None:
    """Maths at `version`: a video, then a 20-minute exam of true-or-false `questions` (not
    `timed`: without a time limit)."""
    files = random_files(1, 2000, 7)
    for data in files:
        sha = hashlib.sha256(data).hexdigest()
        path = repo / "blobs" / "sha256" / sha[:2] / sha
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    document = manifest_json(COURSE, version, files, "Mathématiques", "fr")
    exam = {
        "id": EXAM, "type": "exam", "title": "Examen final", "mastery_score": 0.5,
        "max_attempts": 2, "time_limit": 1200,
        "questions": [
            {"id": qid, "type": "truefalse", "title": qid, "text": text}
            for qid, text in questions
        ],
    }  # fmt: skip
    if not timed:
        del exam["time_limit"]
    document["modules"].append({"id": "m2", "title": "Examen", "units": [exam]})
    data = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode()
    target = repo / manifest_path(COURSE, version)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    target.with_name("course.json.sig").write_bytes(key.sign(data))
    write_catalog(repo, title="Catalogue de test")


def installed(
    window: MainWindow, services: ShellServices, tmp_path: Path, *, timed: bool = True
) -> tuple[GettingCourses, DownloadsController, Path, PrivateKey]:
    """Maths 1.0.0 (with its exam, `timed` or not) and Histoire 1.0.0 installed through the
    Catalog."""
    key = PrivateKey.generate()
    repo = tmp_path / "usb"
    publish(repo, key, "1.0.0", OLD, timed=timed)
    add_course(repo, random_files(1, 1000, 8), key=key, course_id="histoire", title="Histoire")
    trust(services, key)
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    for course_id in (COURSE, "histoire"):
        update(getting, course_id)
        assert version(services, course_id) == "1.0.0"
    return getting, controller, repo, key


def update(getting: GettingCourses, course_id: str) -> None:
    """The Catalog's Download or Update button, on `course_id`'s row."""
    getting.show_catalog()
    view = getting.catalog_view
    assert view is not None
    view._select(course_id)
    assert view.current_course().id == course_id  # type: ignore[union-attr]
    assert view.action.text() in ("&Download", "&Update")
    view.action.click()
    QApplication.processEvents()


def version(services: ShellServices, course_id: str) -> str | None:
    found = services.library.get(course_id)
    return None if found is None else found.version


def exam_started(window: MainWindow, qtbot) -> ExamView:  # type: ignore[no-untyped-def]
    """The exam started the learner's way, its first question answered True."""
    window.open_course(COURSE, EXAM)
    exam = course(window).view
    assert isinstance(exam, ExamView)
    exam.start_button.click()
    box = exam.confirmation
    if isinstance(box, QMessageBox):  # a timed exam asks first: its clock starts
        (start,) = [
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        ]
        start.click()
    QApplication.processEvents()
    assert exam.editable and exam.attempt is not None
    q1 = next(w for w in exam.widgets if w.question.id == "q1")
    exam.go_to(exam.widgets.index(q1))
    give(q1, True, qtbot)
    return exam


def questions(window: MainWindow) -> dict[str, str]:
    """The exam's questions as the learner sees them (the course opened again, at the exam)."""
    window.open_course(COURSE, EXAM)
    exam = course(window).view
    assert isinstance(exam, ExamView) and exam.editable
    return {w.question.id: w.question.text for w in exam.widgets}


def test_the_catalogs_update_is_refused_beside_the_exam_and_other_courses_update(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, clock: StoreClock
) -> None:
    getting, controller, repo, key = installed(window, services, tmp_path)
    exam_started(window, qtbot)
    publish(repo, key, "1.1.0", NEW)
    add_course(
        repo, random_files(2, 1000, 9), key=key, course_id="histoire", title="Histoire",
        version="1.1.0",
    )  # fmt: skip
    update(getting, COURSE)
    box = getting.message_box
    assert isinstance(box, QMessageBox) and box.text() == REFUSED
    box.reject()
    assert controller.items == {} and version(services, COURSE) == "1.0.0"
    assert questions(window) == dict(OLD)
    update(getting, "histoire")  # the exam is not in that course
    assert getting.message_box is None and version(services, "histoire") == "1.1.0"
    clock.advance(1201)  # the exam's time ran out: the update goes
    update(getting, COURSE)
    assert getting.message_box is None and version(services, COURSE) == "1.1.0"


def test_a_download_under_way_when_the_exam_starts_installs_after_it(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    clock: StoreClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    getting, controller, repo, key = installed(window, services, tmp_path)
    publish(repo, key, "1.1.0", NEW)
    getting.show_catalog()  # read: 1.1.0 offered
    runner = deferring(services, monkeypatch)
    update(getting, COURSE)  # no exam yet: the download starts (its run waits for `run`)
    assert list(controller.items) == [f"{COURSE}@1.1.0"]
    window.show_library()
    exam_started(window, qtbot)
    runner.run()  # every file here
    assert version(services, COURSE) == "1.0.0"
    [item] = controller.items.values()
    assert item.held
    getting.show_downloads()
    view = getting.downloads_view
    assert view is not None
    row = view.rows[item.id]
    assert row.state.text() == HELD and row.cancel.isEnabled() and not row.toggle.isEnabled()
    assert controller.held_timer.isActive()
    assert questions(window) == dict(OLD)
    controller.held_timer.timeout.emit()  # looked at again: the exam still runs
    runner.run()
    assert version(services, COURSE) == "1.0.0" and item.id in controller.items

    controller.stop()  # a restart (the same records): the start's install waits too
    getting, controller = attach(window, services)
    runner.run()
    assert version(services, COURSE) == "1.0.0"
    assert [i.held for i in controller.items.values()] == [True]
    assert controller.held_timer.isActive()

    clock.advance(1201)  # its time ran out
    controller.held_timer.timeout.emit()
    runner.run()
    assert version(services, COURSE) == "1.1.0"
    assert controller.items == {} and not controller.held_timer.isActive()
    assert window.statusBar().currentMessage().startswith("Updated: ")


def held_update(
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    qtbot,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[GettingCourses, DownloadsController, Deferred, ExamView]:
    """Maths 1.1.0 downloaded while the exam started: held, the tasks deferred."""
    getting, controller, repo, key = installed(window, services, tmp_path)
    publish(repo, key, "1.1.0", NEW)
    getting.show_catalog()
    runner = deferring(services, monkeypatch)
    update(getting, COURSE)
    window.show_library()
    exam = exam_started(window, qtbot)
    runner.run()
    assert [i.held for i in controller.items.values()] == [True]
    return getting, controller, runner, exam


def test_one_install_of_a_held_update_at_a_time(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    clock: StoreClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Review r3 #2: the 30 s tick's install runs on the thread pool; a slow one (a big
    library, a slow disk) still running at the next tick started a second `finish_completed`,
    and both committed the update (the downloads' lock does not keep a process's threads apart)."""
    _getting, controller, runner, _exam = held_update(
        window, services, tmp_path, qtbot, monkeypatch
    )
    library = controller.courses.library
    commits: list[str] = []
    real_commit = library.commit

    def counted(opened, **kwargs):  # type: ignore[no-untyped-def]
        commits.append(opened.course.version)
        return real_commit(opened, **kwargs)

    monkeypatch.setattr(library, "commit", counted)
    clock.advance(1201)  # its time ran out
    controller.held_timer.timeout.emit()  # a tick: its install under way (not run yet)
    controller.held_timer.timeout.emit()  # the next tick, the first still running
    installs = [
        t for t in runner.tasks if getattr(t[0], "__name__", "") in ("finish", "finish_completed")
    ]
    assert len(installs) == 1
    runner.run()
    QApplication.processEvents()  # the look again asked meanwhile: nothing left to install
    runner.run()
    assert commits == ["1.1.0"] and version(services, COURSE) == "1.1.0"
    assert controller.items == {} and not controller.held_timer.isActive()


def names(runner: Deferred) -> list[str]:
    return [getattr(t[0], "__name__", "") for t in runner.tasks]


@pytest.mark.parametrize("ran_out", [False, True])
def test_a_cancel_during_the_held_update_s_install_waits_for_it(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    clock: StoreClock,
    monkeypatch: pytest.MonkeyPatch,
    ran_out: bool,
) -> None:
    """Final read f15 #1: Cancel stays enabled on a held row; pressed while the tick's install
    ran on the pool, its discard (forget the record, collect the files) ran beside the
    `finish` installing that very record. Now it waits for the install's end: then the row,
    if still there (the exam runs on), is cancelled; an update installed is left alone."""
    _getting, controller, runner, _exam = held_update(
        window, services, tmp_path, qtbot, monkeypatch
    )
    [download_id] = controller.items
    if ran_out:
        clock.advance(1201)
    controller.held_timer.timeout.emit()  # the tick's install under way (not run yet)
    controller.cancel(download_id)
    assert names(runner) == ["finish"]  # no discard beside it
    runner.run()
    if ran_out:
        assert version(services, COURSE) == "1.1.0"
    else:
        assert version(services, COURSE) == "1.0.0"
    assert controller.items == {} and controller.courses.get(download_id) is None
    controller.held_timer.timeout.emit()  # nothing waits any more
    assert runner.tasks == [] and not controller.held_timer.isActive()


UNTIMED_REFUSED = (
    "“\u2068Mathématiques\u2069” has an exam in progress: submit it first, then update the course."
)


def test_an_exam_without_a_time_limit_in_progress_holds_the_update_too(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    clock: StoreClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Review r3 #3: an attempt in progress of an exam without a time limit got the same
    defect (the reworded q1 kept the old answer, q2's gone): its update is refused and held as
    a timed one's, until it is submitted; the refusal says nothing of a clock."""
    getting, controller, repo, key = installed(window, services, tmp_path, timed=False)
    publish(repo, key, "1.1.0", NEW, timed=False)
    getting.show_catalog()
    runner = deferring(services, monkeypatch)
    update(getting, COURSE)  # started before the exam: downloads, then waits
    window.show_library()
    exam = exam_started(window, qtbot)
    assert exam.attempt is not None and exam.attempt.deadline is None
    runner.run()
    assert version(services, COURSE) == "1.0.0"
    assert [i.held for i in controller.items.values()] == [True]
    clock.advance(24 * 3600)  # no time limit: a day later, still in progress
    controller.held_timer.timeout.emit()
    runner.run()
    assert version(services, COURSE) == "1.0.0" and questions(window) == dict(OLD)

    controller.cancel(f"{COURSE}@1.1.0")  # the Catalog's Update now: refused in one line
    runner.run()
    assert controller.items == {}
    update(getting, COURSE)
    box = getting.message_box
    assert isinstance(box, QMessageBox) and box.text() == UNTIMED_REFUSED
    box.reject()
    assert controller.items == {} and version(services, COURSE) == "1.0.0"

    window.open_course(COURSE, EXAM)
    exam = course(window).view
    assert isinstance(exam, ExamView) and exam.submit()  # submitted: the update may go
    update(getting, COURSE)
    runner.run()
    assert getting.message_box is None and version(services, COURSE) == "1.1.0"


IMPORT_REFUSED = (
    "“\u2068maths-1.1.0.cartable\u2069” was not imported: an exam of “\u2068Mathématiques\u2069” "
    "is in progress, whose questions it would change. Import it again once the exam is "
    "submitted."
)


@pytest.mark.parametrize("timed", [True, False])
def test_an_import_of_a_newer_version_is_refused_beside_the_exam(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    clock: StoreClock,
    timed: bool,
) -> None:
    """Review r3 #4: File → Import (a .cartable archive, a USB stick's folder) replaced the
    course under the running exam as the Catalog's Update did. Refused now, as one course of
    the folder (Histoire, the same copy, goes in) or as the archive's only one; imported once
    the exam is submitted."""
    getting, _controller, repo, key = installed(window, services, tmp_path, timed=timed)
    exam_started(window, qtbot)
    publish(repo, key, "1.1.0", NEW, timed=timed)
    document = (repo / manifest_path(COURSE, "1.1.0")).read_bytes()
    archive = write_archive(repo, parse_manifest(document), tmp_path / "maths-1.1.0.cartable")
    window.show_library()
    getting.import_paths([archive])
    QApplication.processEvents()
    box = getting.message_box
    assert isinstance(box, QMessageBox) and box.text() == IMPORT_REFUSED
    box.reject()
    assert version(services, COURSE) == "1.0.0"
    getting.import_paths([repo])  # the folder: Maths refused, Histoire (the same) goes in
    QApplication.processEvents()
    box = getting.message_box
    assert isinstance(box, QMessageBox)
    assert "Not imported: “\u2068Mathématiques\u2069”: an exam of it is in progress" in box.text()
    box.reject()
    assert version(services, COURSE) == "1.0.0" and questions(window) == dict(OLD)

    window.open_course(COURSE, EXAM)
    exam = course(window).view
    assert isinstance(exam, ExamView) and exam.submit()
    getting.import_paths([archive])
    QApplication.processEvents()
    assert version(services, COURSE) == "1.1.0"


def test_an_update_kept_by_another_process_s_lock_is_not_said_to_wait_for_an_exam(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    clock: StoreClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Review r3 #5: at start, `cartable download` held the downloads' lock, so the start's
    install did nothing (DownloadRefused caught); every COMPLETED row was then said to wait
    for an exam in progress that no longer ran. Only the downloads `finish` held for an exam
    are; the other is looked at again, and installs once the lock is free."""
    _getting, controller, runner, _exam = held_update(
        window, services, tmp_path, qtbot, monkeypatch
    )
    controller.stop()
    clock.advance(1201)  # the exam is over: nothing holds the update now

    @contextlib.contextmanager
    def busy(_self: DownloadsLock) -> Iterator[None]:
        raise DownloadRefused("another Cartable is downloading", kind=FailureKind.BUSY)
        yield

    with monkeypatch.context() as patched:
        patched.setattr(DownloadsLock, "held", busy)
        getting, controller = attach(window, services)
        runner.run()
        [item] = controller.items.values()
        assert item.state is DownloadState.COMPLETED and not item.held
        getting.show_downloads()
        view = getting.downloads_view
        assert view is not None and view.rows[item.id].state.text() != HELD
        assert controller.held_timer.isActive()  # looked at again
    controller.held_timer.timeout.emit()  # the lock free: installed
    runner.run()
    assert version(services, COURSE) == "1.1.0" and controller.items == {}


HELD_REFUSED = (
    "The update of “\u2068Mathématiques\u2069” is downloaded: it installs by itself once the exam "
    "in progress is submitted or its time has run out."
)


def test_a_held_update_installs_at_once_when_the_exam_is_submitted(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    clock: StoreClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Review r3 #6: the exam submitted, the update waited for the next 30 s look; the Update
    pressed meanwhile said "Download started" and did nothing. Now Update while the exam runs
    says the update is downloaded and installs by itself; the submission installs it."""
    getting, controller, runner, _exam = held_update(window, services, tmp_path, qtbot, monkeypatch)
    assert getting.updates is not None and COURSE in getting.updates.updates
    getting.update_course(COURSE)  # the card's Update, the exam running
    box = getting.message_box
    assert isinstance(box, QMessageBox) and box.text() == HELD_REFUSED
    box.reject()
    runner.run()
    assert version(services, COURSE) == "1.0.0"
    window.open_course(COURSE, EXAM)
    exam = course(window).view
    assert isinstance(exam, ExamView) and exam.submit()
    runner.run()  # no tick of the timer: the submission asked
    assert version(services, COURSE) == "1.1.0" and controller.items == {}


def test_update_on_a_held_update_after_the_exam_installs_it_now(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    clock: StoreClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The exam's time ran out away from it (no view to say so): the card's Update installs the
    update downloaded already, rather than "Download started" and nothing until the next look."""
    getting, controller, runner, _exam = held_update(window, services, tmp_path, qtbot, monkeypatch)
    window.show_library()
    clock.advance(1201)
    assert getting.updates is not None and COURSE in getting.updates.updates
    getting.update_course(COURSE)  # the card's Update
    assert getting.message_box is None
    runner.run()
    assert version(services, COURSE) == "1.1.0" and controller.items == {}
    assert window.statusBar().currentMessage().startswith("Updated: ")


def test_the_status_bar_says_the_update_waits_for_an_exam(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    clock: StoreClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Review r3 #7: a held update was counted "1 downloads" in the status bar: nothing is
    downloading; it waits."""
    getting, _controller, _runner, _exam = held_update(
        window, services, tmp_path, qtbot, monkeypatch
    )
    assert getting.indicator.isVisible() or not window.isVisible()
    assert getting.indicator.text() == "An update waits for an exam"
    assert getting.indicator.accessibleName() == "An update waits for an exam"
