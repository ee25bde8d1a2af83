"""Import records… in Manage profiles: a learner without a terminal brings her records file (a
real one, exported from a real store after studying the demo course) to this computer, into a
new profile or her own; the real SQLite store behind, the work on the task runner."""

from __future__ import annotations

import json
import logging
import sqlite3
import stat
import uuid
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTranslator
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
)

from player.player_sync import RESULTS_FILE
from player.store import statements as st
from player.store.ingest import Ingest
from player.store.profiles import Profile
from player.store.records import ImportReport
from player.ui.exam.view import ExamView
from player.ui.form_dialog import FormDialog
from player.ui.main_window import MainWindow
from player.ui.profiles_dialog import ProfilesDialog
from player.ui.records_import import NEW
from player.ui.shell import ShellServices
from tests.ui.test_profiles import dialog_of, fill, seen, studying
from tests.ui.unit_support import SCREENSHOTS, french
from tests.unit.test_records_import_satisfied import satisfied


def learner_rows(conn: sqlite3.Connection, profile_id: str) -> dict[str, list[tuple[Any, ...]]]:
    """What the learner has here, whoever's profile it is under: the statements queued (their
    bytes and state) and the progress of each unit (its time of update aside, an import's; its
    time spent to the hundredth of a second a statement's duration gives)."""
    outbox = conn.execute(
        "SELECT id, body, state FROM outbox WHERE profile_id = ? ORDER BY id", (profile_id,)
    ).fetchall()
    progress = conn.execute(
        "SELECT course_id, unit_id, attempted, completed, success, score, segments, pages_seen,"
        " round(time_spent, 2) FROM unit_progress WHERE profile_id = ? ORDER BY course_id, unit_id",
        (profile_id,),
    ).fetchall()
    return {"outbox": [(i, bytes(b), s) for i, b, s in outbox], "progress": progress}


def everything(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    """The whole records database, to see that nothing changed (SQLite's own tables aside: an
    insert ignored takes a number of the outbox's AUTOINCREMENT all the same)."""
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
        )
    ]
    return [(t, sorted(conn.execute(f"SELECT * FROM {t}").fetchall(), key=repr)) for t in tables]


def binta_s_file(window: MainWindow, services: ShellServices, tmp_path: Path) -> Path:
    """Binta studied the demo course on her old laptop and saved a copy of her records (the
    real export); here, she has no profile yet."""
    awa = window.session.profile if window.session is not None else None
    binta = services.profiles.add("Binta", "fr")
    window.open_profile(binta)
    window.open_course("les-mooc", "definition-lecture")
    window.close_course()
    path = tmp_path / "binta.json"
    services.store.records.export(binta.id, path)
    if awa is not None:
        window.open_profile(awa)
    return path


def choose_file(qtbot, dialog: ProfilesDialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Import records…, the file typed in its dialog, as a learner does."""
    dialog.import_button.click()
    importer = dialog.importer
    assert importer is not None
    files = importer.file_dialog
    assert isinstance(files, QFileDialog) and files.isVisible()
    name = files.findChild(QLineEdit, "fileNameEdit")
    assert name is not None
    name.setText(str(path))
    files.accept()
    QApplication.processEvents()


def target_form(dialog: ProfilesDialog) -> FormDialog:
    form = dialog.form
    assert isinstance(form, FormDialog) and form.isVisible()
    assert form.windowTitle() == "Import records"
    return form


def the_profile(services: ShellServices, name: str) -> Profile:
    [profile] = [p for p in services.profiles.all() if p.name == name]
    return profile


def test_a_file_goes_into_a_new_profile_named_from_it_as_the_command_would(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    conn = services.store.conn
    old = the_profile(services, "Binta")
    had = learner_rows(conn, old.id)
    assert had["outbox"] and had["progress"], "Binta studied: statements queued, progress"
    services.profiles.remove(old.id, force=True)  # a new laptop: she is not here

    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    form = target_form(dialog)
    count = len(json.loads(path.read_text(encoding="utf-8"))["statements"])
    assert seen(form.message.text()) == f"binta.json holds {count} records of Binta."
    target, name = form.inputs
    assert isinstance(target, QComboBox) and target.currentData() == NEW
    assert isinstance(name, QLineEdit) and name.text() == "Binta" and name.isEnabled()
    form.ok.click()
    QApplication.processEvents()

    binta = the_profile(services, "Binta")
    assert binta.language == "fr", "the file's language"
    assert learner_rows(conn, binta.id) == had, "the same statements queued, the same progress"
    assert binta.actor == old.actor, "she goes on as the learner the file names"
    assert seen(dialog.status.text()) == (
        f"{count} records added to Binta. {count} to send to your institution."
    )
    assert dialog.selected() == binta

    # Twice: nothing changes; the profile of that name is offered first.
    before = everything(conn)
    choose_file(qtbot, dialog, path)
    form = target_form(dialog)
    target, name = form.inputs
    assert target.currentData() == binta.id and not name.isEnabled()  # type: ignore[union-attr]
    form.ok.click()
    QApplication.processEvents()
    assert everything(conn) == before
    assert seen(dialog.status.text()) == (
        f"0 records added to Binta. {count} were here already. 0 to send to your institution."
    )


#: The singular forms cartable_en.ts gives the result's sentences (set by hand).
SINGULARS = {
    "%Ln records added to %1.": "%Ln record added to %1.",
    "%Ln were here already.": "%Ln was here already.",
    "%Ln exam grades in the file were not taken: exam grades come only from your institution.": (
        "%Ln exam grade in the file was not taken: exam grades come only from your institution."
    ),
    "%Ln grades in the file were not taken: they name no quiz attempt, so they may be exam"
    " grades, which come only from your institution.": (
        "%Ln grade in the file was not taken: it names no quiz attempt, so it may be an exam"
        " grade, which comes only from your institution."
    ),
    "%Ln records were not taken: they say a module or course is done, which the imported"
    " progress does not show yet; each is recorded once it does: when an exam's grade comes"
    " back, or when you finish it here.": (
        "%Ln record was not taken: it says a module or course is done, which the imported"
        " progress does not show yet; it is recorded once it does: when an exam's grade comes"
        " back, or when you finish it here."
    ),
    "This profile has %n exam attempts waiting for their grade, which the next sync brings.": (
        "This profile has %n exam attempt waiting for its grade, which the next sync brings."
    ),
    "This profile has %n exam attempts waiting for their grade.": (
        "This profile has %n exam attempt waiting for its grade."
    ),
}


class Singulars(QTranslator):
    """A catalog of the SINGULARS: taken only when the count is the sentence's own %n."""

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def,override]
        return SINGULARS.get(source) if context == "RecordsImport" and n == 1 else None


def test_the_new_profile_s_name_is_greyed_unless_a_new_profile_is_chosen(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """With "Add them to: Amélie", "Name of the new profile" was still white and black: it
    looked as editable as ever (shared-lab run f6 #4). Disabled, its label too, and filled with
    the window's colour (the theme's: the base's white was every field's, disabled or not)."""
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    amelie = services.profiles.add("Amélie", "fr")
    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    form = target_form(dialog)
    target, name = form.inputs
    assert isinstance(target, QComboBox) and isinstance(name, QLineEdit)
    [label] = [w for w in form.findChildren(QLabel) if w.buddy() is name]

    def ground() -> QColor:
        """The field's fill, right of its text, as painted."""
        image = name.grab().toImage()
        return image.pixelColor(image.width() - 8, image.height() // 2)

    assert target.currentData() == NEW and name.isEnabled() and label.isEnabled()
    editable = ground()
    target.setCurrentIndex(target.findData(amelie.id))
    assert not name.isEnabled() and not label.isEnabled()
    greyed = ground()
    assert greyed != editable, "painted as editable"
    assert greyed == name.palette().color(QPalette.ColorRole.Window)
    target.setCurrentIndex(target.findData(NEW))
    assert name.isEnabled() and label.isEnabled() and ground() == editable
    qtbot.keyClicks(name, " B.")
    assert name.text() == "Binta B."


def test_each_count_of_the_result_takes_its_plural(  # type: ignore[no-untyped-def]
    qtbot, qapp, window: MainWindow, services: ShellServices
) -> None:
    """'1 records added to Awa': the added count was a %1, never a plural's %n."""
    studying(window, services)
    importer = dialog_of(window).importer
    assert importer is not None
    singulars = Singulars()
    qapp.installTranslator(singulars)
    try:

        def said(added: int, skipped: int, queued: int) -> str:
            report = ImportReport(added + skipped, added, skipped, queued, 0, False)
            return seen(importer.result("Awa", report))

        assert said(1, 1, 1) == (
            "1 record added to Awa. 1 was here already. 1 to send to your institution."
        )
        assert said(3, 2, 0) == (
            "3 records added to Awa. 2 were here already. 0 to send to your institution."
        )
        assert said(0, 0, 0) == "0 records added to Awa. 0 to send to your institution."
        dotted = seen(importer.result("Awa D.", ImportReport(2, 1, 1, 0, 0, False)))
        assert (
            dotted == "1 record added to Awa D. 1 was here already. 0 to send to your institution."
        )
    finally:
        qapp.removeTranslator(singulars)


def test_what_was_left_out_is_said_each_count_its_own_plural(  # type: ignore[no-untyped-def]
    qtbot, qapp, window: MainWindow, services: ShellServices
) -> None:
    """Review r5 finding 6: a grade naming no quiz attempt (Cartable writes none: another
    tool's, or one written by hand) was counted and said as an exam grade; it is said apart,
    as what it may be. The attempts waiting are the profile's, not the file's: said so."""
    studying(window, services)
    importer = dialog_of(window).importer
    assert importer is not None
    singulars = Singulars()
    qapp.installTranslator(singulars)
    try:
        one = ImportReport(
            3,
            0,
            0,
            0,
            0,
            False,
            grades_left_out=1,
            grades_unattached=1,
            satisfied_unearned=1,
            awaiting_grade=1,
        )
        assert seen(importer.result("Awa", one)) == (
            "0 records added to Awa. 0 to send to your institution. 1 exam grade in the file"
            " was not taken: exam grades come only from your institution. 1 grade in the file"
            " was not taken: it names no quiz attempt, so it may be an exam grade, which comes"
            " only from your institution. 1 record was not taken: it says a module or course is"
            " done, which the imported progress does not show yet; it is recorded once it does:"
            " when an exam's grade comes back, or when you finish it here. This profile has 1"
            " exam attempt waiting for its grade, which the next sync brings."
        )
        assert seen(importer.result("Awa", one, reread=False)).endswith(
            " This profile has 1 exam attempt waiting for its grade."
        )
    finally:
        qapp.removeTranslator(singulars)
    two = ImportReport(2, 0, 0, 0, 0, False, grades_left_out=0, grades_unattached=2)
    assert seen(importer.result("Awa", two)) == (
        "0 records added to Awa. 0 to send to your institution. 2 grades in the file were not"
        " taken: they name no quiz attempt, so they may be exam grades, which come only from"
        " your institution."
    )


def binta_graded_twice(window: MainWindow, services: ShellServices, tmp_path: Path) -> Path:
    """Binta took the demo's exam twice on her old laptop, failed then passed, each grade read
    back from the LRS as the grader's statement (sync keeps it as it came); she saved a copy of
    her records (the real export: the two grades in its `results`). Here, she has no profile."""
    awa = window.session.profile if window.session is not None else None
    binta = services.profiles.add("Binta", "fr")
    window.open_profile(binta)
    window.open_course("les-mooc", "definition-lecture")
    course = window.course_view.course  # type: ignore[union-attr]
    window.close_course()
    store = services.store
    for passed in (False, True):
        session = services.recorder.unit_opened(binta.id, course, "enjeux-examen")
        attempt = store.assessments.exam_started(session)
        store.assessments.exam_submitted(session, attempt.id)
        services.recorder.unit_closed(session)
        grade = {
            "id": str(uuid.uuid4()),
            "actor": binta.actor.to_json(),
            "verb": {"id": st.VERBS["passed" if passed else "failed"]},
            "object": {"id": st.unit_iri(course, "enjeux-examen")},
            "result": {"success": passed, "score": {"scaled": 0.9 if passed else 0.4}},
            "context": {"registration": attempt.registration},
            "timestamp": "2027-02-01T10:00:00.000Z",
            "stored": "2027-02-01T10:00:01.000Z",
        }
        store.assessments.record_exam_result(
            binta.id,
            attempt.registration,
            passed,
            0.9 if passed else 0.4,
            course=course,
            statement=json.dumps(grade).encode(),
        )
    path = tmp_path / "binta.json"
    store.records.export(binta.id, path)
    assert len(json.loads(path.read_text(encoding="utf-8"))["results"]) == 2
    if awa is not None:
        window.open_profile(awa)
    services.profiles.remove(binta.id, force=True)
    return path


def test_the_exam_grades_left_out_are_said_with_why(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """The command said '2 exam grades in the file not taken: exam grades come only from the
    institution' and '2 exam attempts await a grade, which the next sync brings from the LRS';
    the player said only what was added: the learner saw her records imported, her exam not
    passed, and nothing telling her why."""
    studying(window, services)
    path = binta_graded_twice(window, services, tmp_path)
    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    target_form(dialog).ok.click()  # a new profile, Binta
    QApplication.processEvents()
    count = len(json.loads(path.read_text(encoding="utf-8"))["statements"])
    assert seen(dialog.status.text()) == (
        f"{count} records added to Binta. {count} to send to your institution."
        " 2 exam grades in the file were not taken: exam grades come only from your"
        " institution. This profile has 2 exam attempts waiting for their grade, which the next"
        " sync brings."
    )


def test_the_satisfied_left_out_are_said_with_why(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """A module or course said done by the file that the progress imported does not show is
    left out, as the command says; the player said nothing of them. Each count its plural."""
    studying(window, services)
    importer = dialog_of(window).importer
    assert importer is not None
    report = ImportReport(5, 2, 0, 2, 1, False, satisfied_unearned=3)
    assert seen(importer.result("Awa", report)) == (
        "2 records added to Awa. 2 to send to your institution. 3 records were not taken:"
        " they say a module or course is done, which the imported progress does not show; it"
        " is recorded when you finish it here."
    )


def binta_passed_on_her_old_laptop(
    window: MainWindow, services: ShellServices, tmp_path: Path
) -> tuple[Path, Any]:
    """Binta read the last module's text and passed its exam on her old laptop: the grade came
    back from the LRS, the module was satisfied there, and she saved a copy of her records
    before the next sync sent anything (its `satisfied` still to send). Here, she has no
    profile. Returns the file and the course."""
    awa = window.session.profile if window.session is not None else None
    binta = services.profiles.add("Binta", "fr")
    window.open_profile(binta)
    window.open_course("les-mooc", "enjeux-lecture")
    course = window.course_view.course  # type: ignore[union-attr]
    window.close_course()
    store = services.store
    reading = store.events.unit_opened(binta.id, course, "enjeux-lecture")
    store.events.reading_completed(reading)
    store.events.unit_closed(reading)
    exam = store.events.unit_opened(binta.id, course, "enjeux-examen")
    attempt = store.assessments.exam_started(exam)
    store.assessments.exam_submitted(exam, attempt.id)
    store.events.unit_closed(exam)
    store.assessments.record_exam_result(binta.id, attempt.registration, True, 0.9, course=course)
    assert [a for _, a, s in satisfied(store, binta.id)] == [
        st.module_iri(course, course.modules[-1])
    ], "the module is satisfied there, still to send"
    path = tmp_path / "binta.json"
    store.records.export(binta.id, path)
    if awa is not None:
        window.open_profile(awa)
    services.profiles.remove(binta.id, force=True)
    return path, course


def test_an_exam_attempt_delivered_on_the_old_laptop_is_said_to_have_reached_it(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """Shared-lab run f6 #3: Binta handed in her exam on her old laptop, whose sync delivered
    it, then saved a copy of her records. Imported on a new laptop, the exam page said "your
    answers are sent as soon as this computer is online" (with no account: "kept on this
    computer, to send them add an account"), and the import's message promised the grade from
    "the next sync" to a profile with no account. The records keep the outbox states: the page
    says her answers reached the institution; without an account, the message says what
    brings the grade back."""
    studying(window, services)
    awa = window.session.profile  # type: ignore[union-attr]
    binta = services.profiles.add("Binta", "fr")
    window.open_profile(binta)
    window.open_course("les-mooc", "enjeux-lecture")
    course = window.course_view.course  # type: ignore[union-attr]
    window.close_course()
    store = services.store
    exam = store.events.unit_opened(binta.id, course, "enjeux-examen")
    attempt = store.assessments.exam_started(exam)
    store.assessments.exam_submitted(exam, attempt.id)
    store.events.unit_closed(exam)
    sent = [row.id for row in store.outbox.rows(binta.id) if row.state == "queued"]
    store.outbox.mark_delivered(sent)  # her old laptop's sync: the LRS has them all
    path = tmp_path / "binta.json"
    store.records.export(binta.id, path)
    window.open_profile(awa)
    services.profiles.remove(binta.id, force=True)

    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    target_form(dialog).ok.click()  # a new profile, Binta
    QApplication.processEvents()
    said = seen(dialog.status.text())
    assert said == (  # no sync controller here: an account not known to be missing
        "9 records added to Binta. 0 to send to your institution. This profile has 1 exam"
        " attempt waiting for its grade, which the next sync brings."
    ), said
    new = the_profile(services, "Binta")
    report = ImportReport(0, 0, 0, 0, 0, False, awaiting_grade=2)
    assert seen(dialog.importer.result("Binta", report, has_account=False)).endswith(  # type: ignore[union-attr]
        " This profile has 2 exam attempts waiting for their grade, which comes back once the"
        " profile has an account with your institution: add it with Course \u2192 Sync with the"
        " institution."
    )
    dialog.close()

    window.open_profile(services.profiles.set_language(new.id, "en"))  # the words as written
    opened = window.open_course("les-mooc", "enjeux-examen")
    assert opened is not None and isinstance(opened.view, ExamView)
    done = seen(opened.view.done_explain.text())
    assert "Your answers reached your institution." in done, done
    assert "as soon as this computer is online" not in done
    window.close_course()


def test_a_module_done_by_a_grade_to_come_is_not_said_to_be_done_again(  # type: ignore[no-untyped-def]
    qtbot, qapp, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """Review r5: the learner's own old laptop, her exam passed there, its module's
    `satisfied` not sent yet. The grade is never imported, so the progress imported does not
    satisfy the module and its `satisfied` is left out; the summary said 'it is recorded when
    you finish it here', telling her to redo the module. The grade comes back at the next sync
    and the device then sends the `satisfied` by itself: nothing to do again, said so."""
    studying(window, services)
    path, course = binta_passed_on_her_old_laptop(window, services, tmp_path)
    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    singulars = Singulars()  # cartable_en.ts's singulars: "1 record was", not "1 records were"
    qapp.installTranslator(singulars)
    try:
        target_form(dialog).ok.click()  # a new profile, Binta
        QApplication.processEvents()
    finally:
        qapp.removeTranslator(singulars)
    binta = the_profile(services, "Binta")
    count = len(json.loads(path.read_text(encoding="utf-8"))["statements"])
    assert seen(dialog.status.text()) == (
        f"{count - 1} records added to Binta. {count - 1} to send to your institution."
        " 1 record was not taken: it says a module or course is done, which the imported"
        " progress does not show yet; it is recorded once it does: when an exam's grade"
        " comes back, or when you finish it here. This profile has 1 exam attempt waiting"
        " for its grade, which the next sync brings."
    )
    assert satisfied(services.store, binta.id) == []
    # The next sync brings the grade (sync.results records it so): the module is satisfied,
    # its `satisfied` queued, with nothing studied here.
    (waiting,) = services.store.assessments.exam_attempts(binta.id)
    services.store.assessments.record_exam_result(
        binta.id, waiting.registration, True, 0.9, course=course
    )
    assert [(a, s) for _, a, s in satisfied(services.store, binta.id)] == [
        (st.module_iri(course, course.modules[-1]), "queued")
    ]


def test_a_name_already_taken_is_said_and_another_typed(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)  # Binta is here already
    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    form = target_form(dialog)
    target = form.inputs[0]
    assert isinstance(target, QComboBox)
    target.setCurrentIndex(target.findData(NEW))
    before = everything(services.store.conn)
    form.ok.click()
    assert form.isVisible() and seen(form.error.text()) == (
        "A profile named Binta already exists: type another name, or add the records to Binta."
    )
    assert QApplication.focusWidget() is form.inputs[1]
    assert everything(services.store.conn) == before
    fill(qtbot, dialog, NEW, "Binta D.")  # a profile made for the file: not asked whose it is
    # Her statements are here already (under Binta): a new profile would be made empty ("0
    # records added to Binta D."); none is made, and where her records are is said.
    said = "Nothing was imported: the records of binta.json are already on this computer, in"
    said += " Binta's profile."
    assert seen(dialog.status.text()) == said
    box = dialog.importer.message  # type: ignore[union-attr]
    assert isinstance(box, QMessageBox) and seen(box.text()) == said
    assert "Binta D." not in [p.name for p in services.profiles.all()]
    assert everything(services.store.conn) == before


def test_a_name_taken_meanwhile_by_another_program_is_asked_again(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """`cartable profiles add Binta` between the form's check and the import: it was said as a
    full disk ("the records on this computer could not be changed")."""
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    importer = dialog.importer
    assert importer is not None
    run = importer._run

    def another_program_adds_binta(*args: Any, **kwargs: Any) -> None:
        services.profiles.add("Binta")
        run(*args, **kwargs)

    importer._run = another_program_adds_binta  # type: ignore[method-assign]
    target_form(dialog).ok.click()  # a new profile, Binta
    QApplication.processEvents()
    importer._run = run  # type: ignore[method-assign]
    form = target_form(dialog)
    assert seen(form.error.text()) == (
        "A profile named Binta already exists: type another name, or add the records to Binta."
    )
    assert form.values() == [NEW, "Binta"] and QApplication.focusWidget() is form.inputs[1]
    assert importer.message is None and not importer.busy
    assert services.store.outbox.counts(the_profile(services, "Binta").id).total == 0
    fill(qtbot, dialog, NEW, "Binta D.")
    assert seen(dialog.status.text()).startswith("4 records added to Binta D.")


def test_a_profile_with_a_pin_asks_it_before_its_records_are_added(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    moussa = services.profiles.add("Moussa", "en", "4242")
    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    fill(qtbot, dialog, moussa.id)
    pin = dialog.form
    assert isinstance(pin, FormDialog) and pin.isVisible()
    assert seen(pin.windowTitle()) == "Import records into Moussa"
    assert services.store.outbox.counts(moussa.id).total == 0, "nothing before the PIN"
    fill(qtbot, dialog, "1111")
    assert pin.isVisible() and pin.error.text() == "Wrong PIN. Try again."
    assert services.store.outbox.counts(moussa.id).total == 0
    fill(qtbot, dialog, "4242")
    # Binta's file: Moussa, without records, would take her identity (her linked account) too.
    box = dialog.importer.message  # type: ignore[union-attr]
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert seen(box.text()) == (
        "This file holds the records of Binta, not of Moussa. Are they Moussa's all the same,"
        " from another computer where Moussa had another name?"
    )
    assert services.store.outbox.counts(moussa.id).total == 0, "nothing before the answer"
    [yes] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.YesRole]
    yes.click()
    QApplication.processEvents()
    assert services.store.outbox.counts(moussa.id).queued > 0
    said = seen(dialog.status.text())
    assert " records added to Moussa. " in said and "here already" not in said


def test_another_learner_s_file_asks_naming_both_and_no_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    awa = studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    window.open_course("les-mooc", "definition-lecture")  # Awa has records of her own
    window.close_course()
    conn = services.store.conn
    before = everything(conn)
    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    fill(qtbot, dialog, awa.id)
    box = dialog.importer.message  # type: ignore[union-attr]
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert seen(box.text()) == (
        "This file holds the records of Binta, not of Awa, who has records of their own here."
        " Are they Awa's all the same, from another computer where Awa had another name?"
    )
    assert box.defaultButton().text() == "&No"
    box.defaultButton().click()
    QApplication.processEvents()
    assert everything(conn) == before
    assert dialog.status.text() == "Nothing was imported."

    choose_file(qtbot, dialog, path)
    fill(qtbot, dialog, awa.id)
    box = dialog.importer.message  # type: ignore[union-attr]
    assert isinstance(box, QMessageBox)
    [yes] = [b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.YesRole]
    assert seen(yes.text()) == "&Yes, add them to Awa"
    yes.click()
    QApplication.processEvents()
    said = seen(dialog.status.text())
    assert " records added to Awa. " in said and "here already" not in said
    assert services.profiles.get(awa.id).actor == awa.actor, "Awa keeps her own identity"


def test_another_learner_s_file_for_a_profile_without_records_asks_too(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """Taken, Binta's file gave Moussa her identity: his statements were sent as hers."""
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    moussa = services.profiles.add("Moussa", "en")
    conn = services.store.conn
    before = everything(conn)
    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    fill(qtbot, dialog, moussa.id)
    box = dialog.importer.message  # type: ignore[union-attr]
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert seen(box.text()).startswith("This file holds the records of Binta, not of Moussa. ")
    box.defaultButton().click()  # No
    QApplication.processEvents()
    assert everything(conn) == before
    assert services.profiles.get(moussa.id).actor == moussa.actor
    assert dialog.status.text() == "Nothing was imported."


def test_another_learner_s_name_is_said_as_plain_text_escaped(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """The file's learner is the file's to write: an ESC, a newline, a right-to-left override
    or markup in it was put as it was in the question ("records of Binta" then a line break,
    the rest of the sentence reversed)."""
    awa = studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    window.open_course("les-mooc", "definition-lecture")  # Awa has records of her own
    window.close_course()
    document = json.loads(path.read_text())
    document["profile"]["name"] = "Bin\x1b[2J\nta <b>Eve</b>\u202e"
    path.write_text(json.dumps(document))
    before = everything(services.store.conn)
    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    fill(qtbot, dialog, awa.id)
    box = dialog.importer.message  # type: ignore[union-attr]
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert seen(box.text()) == (
        "This file holds the records of Bin\\x1b[2J\\x0ata <b>Eve</b>\\u202e, not of Awa, who"
        " has records of their own here. Are they Awa's all the same, from another computer"
        " where Awa had another name?"
    )
    box.defaultButton().click()  # No
    QApplication.processEvents()
    assert everything(services.store.conn) == before


def test_a_broken_file_is_said_in_one_line_and_changes_nothing(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    short = tmp_path / "short.json"
    short.write_bytes(path.read_bytes()[: path.stat().st_size // 2])  # a copy stopped early
    conn = services.store.conn
    before = everything(conn)
    dialog = dialog_of(window)
    choose_file(qtbot, dialog, short)
    assert dialog.form is None, "nothing asked of a file that cannot be imported"
    said = dialog.status.text()
    # In words of the learner's language, the file by its name; the English line in the tooltip.
    assert seen(said) == (
        "Nothing was imported: short.json is cut short (a copy stopped early?). Copy it again"
        " from where it was saved."
    )
    english = dialog.status.toolTip()
    assert english.startswith(f"{short}: line ") and "the file is cut short" in english
    assert "\n" not in english and dialog.status.accessibleDescription() == english
    box = dialog.importer.message  # type: ignore[union-attr]
    assert isinstance(box, QMessageBox) and box.text() == said
    assert box.detailedText() == english
    box.close()
    assert everything(conn) == before
    assert dialog.import_button.isEnabled() and dialog.delete_button.isEnabled()
    choose_file(qtbot, dialog, path)  # the next line says no more of it
    assert dialog.status.toolTip() == "" and dialog.status.accessibleDescription() == ""


@pytest.mark.parametrize(
    "fault",
    [KeyError("a key our code forgot"), sqlite3.IntegrityError("CHECK constraint failed")],
    ids=["KeyError", "IntegrityError"],
)
def test_a_fault_of_ours_is_said_as_ours_and_logged_with_its_traceback(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch, caplog, fault
) -> None:
    """A KeyError of ours inside the import was said of the learner's file: "some records in
    binta.json are not as Cartable writes them (was the file changed after it was saved?)", and
    a guard trigger's IntegrityError (a bug) as a full disk. Neither is the file's nor the
    disk's: said as ours, the way to the report given, nothing changed."""
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    before = everything(services.store.conn)

    def forgot(self: Ingest, *args: object, **kwargs: object) -> None:
        raise fault

    monkeypatch.setattr(Ingest, "add", forgot)
    caplog.set_level(logging.WARNING, logger="player.ui.records_import")
    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    target_form(dialog).ok.click()  # into a new profile: made in the import's transaction
    QApplication.processEvents()
    said = seen(dialog.status.text())
    assert said == (
        "Nothing was imported: Cartable met a problem it did not expect. It is noted in the"
        " diagnostic report (Help \u2192 Help and diagnostics, F1): please copy it and send it"
        " to your institution."
    )
    box = dialog.importer.message  # type: ignore[union-attr]
    assert isinstance(box, QMessageBox) and seen(box.text()) == said
    assert box.detailedText() == f"{type(fault).__name__}: {fault}"
    [record] = caplog.records
    assert record.levelno == logging.ERROR and record.exc_info is not None
    assert record.exc_info[1] is fault
    assert everything(services.store.conn) == before
    assert [p.name for p in services.profiles.all()] == ["Awa"]


def test_a_file_name_with_a_newline_is_said_escaped(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch
) -> None:
    """A file named 'suivi<newline>de Binta.json' broke the status line and the question in
    two: its name is said as the command says it, the newline escaped."""
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    named = path.rename(tmp_path / "suivi\nde Binta.json")
    dialog = dialog_of(window)
    importer = dialog.importer
    assert importer is not None
    reading = []
    monkeypatch.setattr(importer.place.tasks, "run_task", lambda *a: reading.append(a))
    importer.read(named)
    assert seen(dialog.status.text()) == "Reading suivi\\x0ade Binta.json…"
    monkeypatch.undo()
    importer._set_busy(False)
    importer.read(named)
    form = target_form(dialog)
    assert seen(form.message.text()) == (
        "suivi\\x0ade Binta.json holds 4 records of Binta."
        " 4 of them are already on this computer, in Binta's profile."  # hers, saved here
    )
    form.reject()
    empty = tmp_path / "vide\n.json"
    empty.write_bytes(b"")
    importer.read(empty)
    assert seen(dialog.status.text()) == (
        "Nothing was imported: vide\\x0a.json is empty. Copy it again from where it was saved."
    )


def test_the_grades_re_read_not_set_is_said_without_the_disk_s_english(  # type: ignore[no-untyped-def]
    qtbot, qapp, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """'...could not be set to read the exam grades again (Is a directory): ...': the disk's
    English reason (strerror) sat inside the learner's sentence, French or not."""
    studying(window, services)
    binta = services.profiles.add("Binta", "fr")
    course = services.library.get("les-mooc")
    assert course is not None
    exam = services.store.events.unit_opened(binta.id, course.course, "enjeux-examen")
    attempt = services.store.assessments.exam_started(exam)
    services.store.assessments.exam_submitted(exam, attempt.id)  # waits for its grade
    services.store.events.unit_closed(exam)
    path = tmp_path / "binta.json"
    services.store.records.export(binta.id, path)
    services.profiles.remove(binta.id, force=True)  # a new laptop: she is not here
    (services.context.paths.data / RESULTS_FILE).mkdir()  # where the re-read is written
    dialog = dialog_of(window)
    choose_file(qtbot, dialog, path)
    singulars = Singulars()  # cartable_en.ts's singulars: "1 exam attempt waiting for its"
    qapp.installTranslator(singulars)
    try:
        target_form(dialog).ok.click()
        QApplication.processEvents()
    finally:
        qapp.removeTranslator(singulars)
    said = seen(dialog.status.text())
    assert " records added to Binta. " in said, "the import stands"
    # The next sync was not set to bring the grade: not promised (review r5 finding 5).
    assert said.endswith(" This profile has 1 exam attempt waiting for its grade."), said
    box = dialog.importer.message  # type: ignore[union-attr]
    assert isinstance(box, QMessageBox)
    assert box.text() == (
        "The records are imported, but the next sync could not be set to read the exam grades"
        " again: import the same file again to retry."
    )
    assert box.detailedText() == "Is a directory", "the disk's reason, for whoever helps"
    box.close()


#: The French a catalog would give two of RecordsImport's failures (proposed).
FRENCH = {
    "Nothing was imported: %1 is a folder. Choose the records file in it.": (
        "Rien n'a été importé\u00a0: %1 est un dossier. Choisissez le fichier de suivi"
        " qu'il contient."
    ),
    "Nothing was imported: %1 was saved by a version of %2 that this one cannot"
    " read. Update %2 on this computer, then import it again.": (
        "Rien n'a été importé\u00a0: %1 a été enregistré par une version de %2 que"
        " celle-ci ne sait pas lire. Mettez %2 à jour sur cet ordinateur, puis"
        " importez-le de nouveau."
    ),
}


class French(QTranslator):
    """A catalog of the FRENCH words, in RecordsImport's context."""

    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def,override]
        return FRENCH.get(source) if context == "RecordsImport" else None


def test_why_a_file_is_refused_is_said_in_the_learner_s_language(  # type: ignore[no-untyped-def]
    qtbot, qapp, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """'Le suivi n'a pas été importé : /media/cle/court.json: line 1: ends before its JSON
    does: …': the reason was the command's English line, the whole path in it."""
    studying(window, services)
    newer = tmp_path / "suivi-awa.json"
    newer.write_text(json.dumps({"format": "cartable-records", "version": 2, "statements": []}))
    dialog = dialog_of(window)
    importer = dialog.importer
    assert importer is not None
    french = French()
    qapp.installTranslator(french)
    try:
        for path, words in (
            (tmp_path, f"Rien n'a été importé\u00a0: {tmp_path.name} est un dossier."),
            (newer, "Rien n'a été importé\u00a0: suivi-awa.json a été enregistré par une"),
        ):
            importer.read(path)
            QApplication.processEvents()
            assert seen(dialog.status.text()).startswith(words)
            assert dialog.status.toolTip().startswith(f"{path}: ")  # the English line
            box = importer.message
            assert isinstance(box, QMessageBox)
            box.close()
    finally:
        qapp.removeTranslator(french)


def test_import_is_reached_with_the_keyboard(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    dialog = dialog_of(window)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.list)
    focus = []
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus.append(QApplication.focusWidget())
    assert dialog.import_button in focus
    alt_r = (Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Import &records
    qtbot.keyClick(QApplication.focusWidget(), *alt_r)
    importer = dialog.importer
    assert importer is not None
    qtbot.waitUntil(lambda: importer.file_dialog is not None)  # the button's click is animated
    files = importer.file_dialog
    assert isinstance(files, QFileDialog)
    qtbot.waitUntil(files.isVisible)
    name = files.findChild(QLineEdit, "fileNameEdit")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is name)
    qtbot.keyClicks(name, str(path))
    qtbot.keyClick(name, Qt.Key.Key_Return)
    form = target_form(dialog)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is form.inputs[0])
    qtbot.keyClick(form.inputs[0], Qt.Key.Key_Return)
    QApplication.processEvents()
    assert the_profile(services, "Binta")


def test_a_copy_of_the_records_is_readable_by_its_owner_alone(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """Personal data: a shared laptop's other accounts read the 0644 the umask gave."""
    awa = studying(window, services)
    dialog = dialog_of(window)
    path = tmp_path / "awa.json"
    path.write_text("{}")  # a copy made before, readable by all
    path.chmod(0o644)
    dialog.removal.export(awa, path)  # the tests' SyncRunner: written on return
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_screenshots_of_the_import(  # type: ignore[no-untyped-def]
    qtbot, qapp, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """The step that asks where the records go, over Manage profiles, at 1280x720."""
    studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    folder = SCREENSHOTS  # never the README's: it shows no dialog
    folder.mkdir(parents=True, exist_ok=True)
    for language in ("en", "fr"):
        dialog = dialog_of(window)
        if language == "fr":
            with french(qapp):
                shoot(qtbot, window, dialog, path, folder / f"records-import-{language}.png")
        else:
            shoot(qtbot, window, dialog, path, folder / f"records-import-{language}.png")
        dialog.close()


def shoot(qtbot, window: MainWindow, dialog: ProfilesDialog, path: Path, to: Path) -> None:  # type: ignore[no-untyped-def]
    choose_file(qtbot, dialog, path)
    form = dialog.form
    assert isinstance(form, FormDialog)
    form.fit()
    QApplication.processEvents()
    image = window.grab().toImage()
    painter = QPainter(image)
    under = dialog.grab()
    corner = QPoint((image.width() - under.width()) // 2, (image.height() - under.height()) // 2)
    painter.drawPixmap(corner, under)
    over = form.grab()
    painter.drawPixmap(
        QPoint((image.width() - over.width()) // 2, (image.height() - over.height()) // 2), over
    )
    painter.end()
    assert image.save(str(to))
    form.reject()


def test_the_import_runs_on_a_worker_thread_of_the_task_runner(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """The player's runner, not the tests' synchronous one: the file is read and imported on a
    worker, on a connection of its own (the store's is the UI thread's); the dialog waits."""
    from player.ui.records_import import ImportPlace
    from player.ui.tasks import ThreadPoolRunner

    awa = studying(window, services)
    path = binta_s_file(window, services, tmp_path)
    services.profiles.remove(the_profile(services, "Binta").id, force=True)
    runner = ThreadPoolRunner(1)
    place = ImportPlace(runner, services.library, services.context.paths.data)
    dialog = ProfilesDialog(services.store, awa.id, "en", window, tasks=runner, importing=place)
    qtbot.addWidget(dialog)
    dialog.show()
    importer = dialog.importer
    assert importer is not None
    importer.read(path)
    assert importer.busy and not dialog.import_button.isEnabled()
    qtbot.waitUntil(lambda: isinstance(dialog.form, FormDialog), timeout=30_000)
    assert not importer.busy and dialog.import_button.isEnabled()
    dialog.form.ok.click()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: "records added to Binta" in seen(dialog.status.text()), timeout=30_000)
    binta = the_profile(services, "Binta")
    assert services.store.outbox.counts(binta.id).queued > 0
    assert runner.wait_idle(30_000)
