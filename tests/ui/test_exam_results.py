"""The certificate exam after submission, on the demo course with the real records store:
attempts left and the next one, attempts a records file brought, and the wait for a grade: one
that cannot be read, no account to send the answers with, an account the server refused."""

from __future__ import annotations

import dataclasses

from player.store.profiles import Profiles
from sync.outbox import Outbox
from tests.ui.exam_support import (
    EXAM,
    UC,
    OpenExam,
    accept,
    clock,
    exam_view_with,
    open_exam,
    shell,
    started,
    sync_calls,
)
from tests.ui.unit_support import Shell, french

# pytest finds a fixture by its name in the test's module, hence these imports; named here, they
# are used in ruff's eyes (else F401 on the import and F811 on every test's parameter).
SHARED_FIXTURES = (clock, open_exam, shell, sync_calls)


# -- attempts ---------------------------------------------------------------------------------


def test_a_failed_attempt_allows_the_next_and_no_more(  # type: ignore[no-untyped-def]
    qtbot, qapp, open_exam: OpenExam, shell: Shell
) -> None:
    view = started(open_exam)
    view.show_review()
    view.ask_submit()
    accept(view)
    assert not view.again_button.isVisible(), "a new attempt waits for the grade"
    # said while waiting: this is not the last chance (English's singular is the .ts's)
    (left,) = [line for line in view.done_attempts.text().split("\n") if "left" in line]
    assert left == view.tr("%n attempts left if this one is not passed.", "", 1)
    assert left.startswith("1 ")
    reopened = open_exam()
    assert reopened.pages.currentWidget() is reopened.done_page
    reopened.start_page.show()
    reopened._update_start()
    assert not reopened.start_button.isEnabled()
    assert reopened.start_state.text() == "Your last attempt is waiting for its result."
    assessments = view.assessment.assessments  # type: ignore[union-attr]
    assessments.record_exam_result(shell.store.profile.id, view.attempt.registration, False, 0.4)  # type: ignore[union-attr]
    view.refresh()
    assert view.done_state.text() == "Not passed (40%)"
    assert view.done_explain.text().split("\n") == [
        "0 of 12 questions answered.",
        f"Your score: 40%. The pass mark is 70%. Graded by {UC}.",
    ]
    assert view.again_button.isVisible()
    view.again_button.click()
    accept(view)
    assert view.attempt is not None and view.attempt.number == 2
    assert view.attempt.registration != reopened.attempts[0].registration
    view.submit()
    assert "left" not in view.done_attempts.text(), "the last attempt: none left, none said"
    assessments.record_exam_result(shell.store.profile.id, view.attempt.registration, False, 0.5)
    view.refresh()
    assert not view.again_button.isVisible()
    assert "Attempt 1: not passed (40%)" in view.done_attempts.text(), "no capital after ':'"
    with french(qapp):  # "Tentative 1 : Non réussi (40 %)" had a capital after the colon
        qtbot.waitUntil(lambda: "Tentative 1" in view.done_attempts.text(), timeout=5000)
        line = view.done_attempts.text().split("\n")[0]
        assert line == "Tentative 1\u00a0: non réussi (40\u00a0%)", line
    qtbot.waitUntil(lambda: "Attempt 1" in view.done_attempts.text(), timeout=5000)
    assert "Attempt 2, submitted " in view.done_attempts.text(), "its state: the heading"
    assert "Attempt 2: " not in view.done_attempts.text()
    last = open_exam()
    last._update_start()
    assert not last.start_button.isEnabled()
    assert last.start_state.text() == "You have used every attempt of this exam."


def test_no_attempts_left_if_not_passed_once_the_exam_is_passed(  # type: ignore[no-untyped-def]
    open_exam: OpenExam, shell: Shell
) -> None:
    """Attempt 1 passed, attempt 2 submitted (brought by a records import): the page said
    "1 attempts left if this one is not passed." while the exam was passed (review r12)."""
    view = started(open_exam)
    view.show_review()
    view.ask_submit()
    accept(view)
    first = view.attempt
    assert first is not None
    assessments = view.assessment.assessments  # type: ignore[union-attr]
    assessments.record_exam_result(shell.store.profile.id, first.registration, True, 0.9)
    shell.store.database.conn.execute(
        "INSERT INTO exam_attempts (id, profile_id, course_id, unit_id, number, registration,"
        " state, seed, started_at, submitted_at, graded_at, passed, score, activity, context)"
        " SELECT 'imported-2', profile_id, course_id, unit_id, 2, 'imported-registration-2',"
        " 'submitted', seed, started_at, submitted_at, NULL, NULL, NULL, activity, context"
        " FROM exam_attempts WHERE id = ?",
        (first.id,),
    )
    shell.store.database.conn.commit()
    again = open_exam()
    assert again.attempt is not None and again.attempt.number == 2
    assert again.attempt.state == "submitted"
    three = dataclasses.replace(again.exam, max_attempts=3)  # one left after these two
    again.exam = again.control.exam = three
    again.show_done(focus=False)
    assert again.control.attempts_left == 1 and again.control.passed() is not None
    assert "left" not in again.done_attempts.text(), again.done_attempts.text()


def test_the_start_question_names_the_attempt_by_the_number_it_gets(  # type: ignore[no-untyped-def]
    open_exam: OpenExam, shell: Shell
) -> None:
    """Review r5 finding 3: a records file brought attempt 2 alone (its first was never
    exported), graded failed. The next attempt is number 3, as its page and the results say;
    the question said "Start attempt 2 of 2", which names the attempt already there."""
    from player.store import statements as st
    from player.store.records import Records

    registration = "94bf0980-0000-4000-8000-000000000002"
    stamp = st.timestamp_text(shell.store.database.clock() - 3600)
    context = {"registration": registration, "extensions": {st.EXT_EXAM: True, st.EXT_ATTEMPT: 2}}
    brought = [
        {
            "id": f"99999999-2222-4333-8444-00000000000{i}",
            "actor": shell.store.profile.actor.to_json(),
            "verb": {"id": st.VERBS[verb]},
            "object": {"id": st.unit_iri(shell.course, EXAM)},
            "timestamp": stamp,
            "context": context,
        }
        for i, verb in enumerate(("attempted", "submitted"), 1)
    ]
    records = Records(shell.store.database, Profiles(shell.store.database))
    records.import_statements(shell.store.profile.id, brought)
    view = open_exam()
    assessments = view.assessment.assessments  # type: ignore[union-attr]
    assessments.record_exam_result(shell.store.profile.id, registration, False, 0.4)
    view.refresh()
    view.show_start()
    assert "Attempts left: 1 of 2" in view.start_facts.text().split("\n")
    view.start_button.click()
    assert view.confirmation is not None
    assert view.confirmation.text().startswith("Start attempt 3 now? Attempts left after it: 0."), (
        view.confirmation.text()
    )
    accept(view)
    assert view.attempt is not None and view.attempt.number == 3


# -- grades that cannot be read, no account, a refused account --------------------------------


def test_waiting_for_a_grade_that_cannot_be_read_points_to_the_sync_panel(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell
) -> None:
    error = [""]
    view = exam_view_with(qtbot, shell, grade_error=lambda: error[0])
    view.start_button.click()
    accept(view)
    view.submit_button.click()
    accept(view)
    assert view.done_state.text() == "Submitted \u2014 waiting for the result"
    assert "Sync panel" not in view.done_explain.text()

    error[0] = "HTTP 403: write-only account"  # the last sync could not read the grades
    view.refresh()  # the view's poll while it waits
    assert "Sync panel" in view.done_explain.text()
    assert "Sync panel" in view.done_page.accessibleName()

    assert view.attempt is not None
    view.assessment.assessments.record_exam_result(  # type: ignore[union-attr]
        shell.store.profile.id, view.attempt.registration, True, 0.9
    )
    view.refresh()
    assert view.done_state.text() == "Passed (90%)"
    assert "Sync panel" not in view.done_explain.text()
    view.close_unit()


def test_without_an_account_the_exam_says_the_answers_stay_here_until_one_is_added(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell
) -> None:
    account = [False]
    view = exam_view_with(qtbot, shell, has_account=lambda: account[0])
    start = view.start_grading.text()
    assert f"no account with {UC} yet" in start, start
    where = "Course \u2192 Sync with the institution"  # as the menu bar names them
    assert "stay on this computer" in start and where in start, start
    assert "Your answers are sent to" not in start
    view.start_button.click()
    accept(view)
    view.submit_button.click()
    accept(view)
    done = view.done_explain.text()
    assert done.split("\n")[1] == (
        f"This profile has no account with {UC} yet, so your answers are kept on "
        f"this computer. To send them, add an account with {where}. Once {UC} "
        "has graded them, your result appears here after the next sync."
    )
    assert "Sync panel" not in done and "&" not in done and "\u2026" not in done, done
    assert "as soon as this computer is online" not in done

    account[0] = True  # the learner added the account in the Sync panel
    view.refresh()  # the view's poll while it waits
    done = view.done_explain.text()
    assert f"sent to {UC} as soon as this computer is online" in done, done
    assert "kept on this computer" not in done
    view.close_unit()


def test_without_an_account_no_sync_is_blamed_for_the_missing_result(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell
) -> None:
    """A profile without an account never syncs: a grade error its sync status still holds
    (an account since removed) put "The last sync could not read your results..." under the
    sentence saying its answers stay here until an account is added."""
    account = [False]
    view = exam_view_with(
        qtbot,
        shell,
        grade_error=lambda: "HTTP 403: write-only account",
        has_account=lambda: account[0],
    )
    view.start_button.click()
    accept(view)
    view.submit_button.click()
    accept(view)
    lines = view.done_explain.text().split("\n")
    assert len(lines) == 2, lines
    assert lines[1].startswith(f"This profile has no account with {UC} yet")
    assert "Sync panel" not in view.done_page.accessibleName()

    account[0] = True  # added in the Sync panel; its first sync could not read the grades
    view.refresh()
    done = view.done_explain.text()
    assert done.split("\n")[-1] == (
        "The last sync could not read your results from the institution's server. Open the "
        "Sync panel to see why."
    ), done
    view.close_unit()


def test_a_refused_account_is_said_while_waiting_and_taken_back_once_corrected(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell
) -> None:
    """The third fact of the wait (with no account and grades unreadable): the institution's
    server refused the account, so nothing is sent; the poll shows it, and its correction."""
    refused = [False]
    view = exam_view_with(qtbot, shell, account_refused=lambda: refused[0])
    view.start_button.click()
    accept(view)
    view.submit_button.click()
    accept(view)
    assert "as soon as this computer is online" in view.done_explain.text()

    refused[0] = True  # the next sync was refused the user name or password
    view.refresh()  # the view's poll while it waits
    done = view.done_explain.text()
    assert f"{UC} refused the user name or password" in done, done
    assert "as soon as this computer is online" not in done
    assert "refused the user name" in view.done_page.accessibleName()

    refused[0] = False  # corrected in the Sync panel
    view.refresh()
    assert "as soon as this computer is online" in view.done_explain.text()
    view.close_unit()


def test_answers_that_reached_the_institution_are_said_to_have_reached_it(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell
) -> None:
    """An attempt whose statements are delivered (sent by sync, or imported from the laptop that
    sent them, records.py keeping their outbox state) said "your answers are kept on this
    computer. To send them, add an account" without an account (shared-lab run f6 #3): it says
    they reached the institution, and what brings the result back."""
    account = [True]
    view = exam_view_with(qtbot, shell, has_account=lambda: account[0])
    view.start_button.click()
    accept(view)
    view.submit_button.click()
    accept(view)
    assert "as soon as this computer is online" in view.done_explain.text()

    outbox = Outbox(shell.store.database.conn)
    ids = [row.id for row in outbox.rows(shell.store.profile.id) if row.state == "queued"]
    assert outbox.mark_delivered(ids) == len(ids) > 0  # as the LRS took them
    view.refresh()  # the view's poll while it waits
    done = view.done_explain.text()
    assert done.split("\n")[1] == (
        f"Your answers reached {UC}. Once {UC} has graded them, your result appears here after "
        "the next sync."
    ), done
    assert f"Your answers reached {UC}" in view.done_page.accessibleName()
    view.close_unit()

    account[0] = False  # a new laptop's profile: the records imported, no account yet
    again = exam_view_with(qtbot, shell, has_account=lambda: account[0])
    where = "Course \u2192 Sync with the institution"
    done = again.done_explain.text()
    assert done.split("\n")[1] == (
        f"Your answers reached {UC}. Your result comes back once this profile has an account "
        f"with {UC}: add it with {where}."
    ), done
    assert "kept on this computer" not in done and "To send them" not in done
    again.close_unit()


def test_an_attempt_with_a_statement_still_to_send_is_not_said_delivered(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell
) -> None:
    """All of the attempt's statements, not the first ones sync sent: one waiting (the
    `submitted` of a batch cut short) keeps "sent as soon as this computer is online"."""
    view = exam_view_with(qtbot, shell)
    view.start_button.click()
    accept(view)
    view.submit_button.click()
    accept(view)
    outbox = Outbox(shell.store.database.conn)
    queued = [row.id for row in outbox.rows(shell.store.profile.id) if row.state == "queued"]
    outbox.mark_delivered(queued[:-1])
    view.refresh()
    assert "as soon as this computer is online" in view.done_explain.text()
    outbox.mark_delivered(queued[-1:])
    view.refresh()
    assert f"Your answers reached {UC}." in view.done_explain.text()
    view.close_unit()
