"""What a screen reader is told without the focus moving (player.ui.announce): a sync's
outcome, a download finished or failed (never its progress), an exam's time warnings, the unit
views' notices (once each), status-bar messages; and a quiz's verdict, said through the focus and
announced only when the focus does not move. PySide6 has no QAccessible update handler, so the
events are seen through `announce.watch`, which is shown the very event sent to the platform."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from player.course.manifest import FileRef, VideoUnit
from player.course.signing import PrivateKey
from player.store import Store
from player.ui import announce
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.sync_controller import SyncController
from player.ui.sync_indicator import SyncIndicator
from player.ui.tasks import ThreadPoolRunner
from player.ui.unit_view import create_unit_view
from player.ui.video.view import VideoView
from player.wording import isolated
from sync.download_state import DownloadState
from sync.engine import ProfileReport, SyncReport
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.faultserver import FaultServer
from tests.support import build_toy
from tests.ui.assessment_support import DEMO_QUIZ_KEYS, give, keys_of, right_response
from tests.ui.downloads_support import (
    KB,
    attach,
    download_while_another_cartable_downloads,
    trust,
)
from tests.ui.exam_support import (  # noqa: F401  (fixtures)
    Clock,
    OpenExam,
    accept,
    clock,
    open_exam,
    shell,
    started,
    sync_calls,
)
from tests.ui.test_branding_shown import open_help
from tests.ui.test_quiz_view import OpenQuiz, demo_shell, open_demo  # noqa: F401  (fixtures)
from tests.ui.test_shell import studying
from tests.ui.test_sync_indicator import (  # noqa: F401  (fixtures)
    NETWORK_WORDS,
    ManualHost,
    ScriptedSync,
    controlled,
    link,
    network_retry,
    queue,
    store,
)
from tests.ui.unit_support import Shell, dispose

POLITE = QAccessible.AnnouncementPoliteness.Polite
ASSERTIVE = QAccessible.AnnouncementPoliteness.Assertive
Said = tuple[str, QAccessible.AnnouncementPoliteness]


@pytest.fixture
def said() -> Iterator[list[Said]]:
    """Every announcement sent while the test runs: its text and politeness."""
    heard: list[Said] = []

    def hear(event: QAccessibleAnnouncementEvent) -> None:
        assert event.type() == QAccessible.Event.Announcement
        heard.append((event.message(), event.politeness()))

    unwatch = announce.watch(hear)
    yield heard
    unwatch()


def test_an_announcement_is_qts_own_event_and_an_empty_one_is_not_sent(
    qapp: object, said: list[Said]
) -> None:
    label = QLabel()
    QAccessible.setActive(True)  # a screen reader listening: the event goes to the platform
    try:
        announce.announce(label, " Saved. ")
        announce.announce(label, "Hurry", assertive=True)
        announce.announce(label, "  ")
    finally:
        QAccessible.setActive(False)
    assert said == [("Saved.", POLITE), ("Hurry", ASSERTIVE)]


# -- sync -------------------------------------------------------------------------------------


def deliver_all(records: Store) -> None:
    """The scripted run's records reached the institution (the engine marks them so)."""
    other = sqlite3.connect(records.path)
    other.execute("UPDATE outbox SET state = 'delivered'")
    other.commit()
    other.close()


def test_a_sync_that_sent_the_records_is_said_once_and_a_run_with_nothing_new_is_not(
    controlled: tuple[SyncController, ScriptedSync, ManualHost],  # noqa: F811
    store: Store,  # noqa: F811
    said: list[Said],
) -> None:
    controller, sync, _ = controlled
    profile = store.profiles.add("Awa").id
    link(sync, profile)
    queue(store, profile, 3)
    controller.use_profile(profile)  # Awa studies
    indicator = SyncIndicator(controller)
    assert indicator.text() == "3 waiting" and said == [], "what was there at start is not news"
    deliver_all(store)
    controller.request(force=True)  # syncing, then up to date
    assert said == [("Sync status: Up to date", POLITE)]
    controller.request(force=False)  # the periodic run: nothing to send, nothing to say
    controller.poll()
    assert len(said) == 1


def test_a_failed_sync_is_said_with_why_once_not_at_every_retry_and_offline_too(
    controlled: tuple[SyncController, ScriptedSync, ManualHost],  # noqa: F811
    store: Store,  # noqa: F811
    said: list[Said],
) -> None:
    controller, sync, _ = controlled
    profile = store.profiles.add("Awa").id
    link(sync, profile)
    queue(store, profile, 3)
    controller.use_profile(profile)  # Awa studies
    indicator = SyncIndicator(controller)
    sync.report = network_retry(profile, 3)
    controller.request(force=True)
    controller.request(force=True)  # the retry fails the same way
    [(text, politeness)] = said
    assert text.startswith("Sync status: 3 waiting\n" + NETWORK_WORDS) and politeness == POLITE
    controller.reachability.set_online(False)
    controller.request(force=False)  # the network is gone: said, without a run
    controller.request(force=False)
    assert indicator.text() == "Offline"
    assert said[1:] == [("Sync status: Offline", POLITE)]


# -- downloads and status-bar messages ----------------------------------------------------------


def test_a_download_says_it_started_and_finished_and_none_of_its_progress(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, said: list[Said]
) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    add_course(repo, random_files(6, 150 * KB, 7), key=key)
    trust(services, key)
    studying(window, services)
    server = FaultServer(repo, 0, retry_after=1, rate=1500 * KB).start()  # about a second
    runner = ThreadPoolRunner()
    getting, controller = attach(window, services, runner)
    try:
        controller.downloads.catalogs.add(server.url)
        controller.refresh_catalog()
        qtbot.waitUntil(lambda: controller.browse is not None, timeout=10_000)
        ticks: list[int] = []
        controller.item_changed.connect(
            lambda item: ticks.append(item.done) if item.state is DownloadState.RUNNING else None
        )
        getting._download(controller.browse.find("maths"))  # type: ignore[union-attr]
        qtbot.waitUntil(lambda: services.library.get("maths") is not None, timeout=20_000)
        qtbot.waitUntil(lambda: len(said) == 2, timeout=5000)
    finally:
        controller.stop()
        runner.wait_idle(10_000)
        server.stop()
    assert len(set(ticks)) > 2, "the download went through progress ticks"
    installed = services.library.get("maths")
    assert installed is not None
    assert said == [
        ("Download started: see Downloads (Ctrl+J).", POLITE),
        (f"Installed: {isolated(installed.course.title)} (version {installed.version}).", POLITE),
    ]


def test_a_download_that_fails_is_said_once(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, said: list[Said]
) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 43), key=key)
    trust(services, key)
    studying(window, services)
    getting, controller = attach(window, services)
    item = download_while_another_cartable_downloads(getting, controller, repo)
    assert item.state is DownloadState.FAILED
    assert said[1:] == [(f"Download failed: {item.title}", POLITE)]
    getting.indicator.show_item(item)  # shown again (a language change, a refresh): not news
    assert len(said) == 2


def test_an_import_says_what_it_does_and_what_it_did(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, said: list[Said]
) -> None:
    studying(window, services)
    getting, _ = attach(window, services)
    toy = build_toy(tmp_path / "toy")
    trust(services, toy.key)
    getting.import_paths([toy.archive])
    assert said == [
        (f"Importing {isolated(toy.archive.name)}…", POLITE),
        (f"Imported: {isolated('Cours jouet')}.", POLITE),
    ]


def test_a_refused_account_and_a_copied_report_are_said(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    controlled: tuple[SyncController, ScriptedSync, ManualHost],  # noqa: F811
    said: list[Said],
) -> None:
    profile = studying(window, services)
    controller, _, _ = controlled
    window.attach_sync(controller)
    controller.credentials_needed.emit(profile.id)  # the institution refused its account
    dialog = open_help(qtbot, window)
    dialog.copy_report()  # the focus stays on Copy: the line beside it is said
    assert said == [
        ("Your institution refused your account: open Sync to correct it.", POLITE),
        ("Copied to the clipboard.", POLITE),
    ]


# -- exams and quizzes --------------------------------------------------------------------------


def test_each_exam_time_warning_is_said_once_at_once(
    open_exam: OpenExam,  # noqa: F811
    clock: Clock,  # noqa: F811
    said: list[Said],
) -> None:
    view = started(open_exam)  # 20 minutes
    view._tick()
    assert said == []
    clock.advance(20 * 60 - 299)
    for _ in range(3):
        view._tick()
        clock.advance(1)
    assert said == [("Less than 5 min left: check your answers and submit.", ASSERTIVE)]
    clock.advance(240)
    view._tick()
    view._tick()
    assert said[1:] == [
        (
            "Less than a minute left: submit now, or your answers are submitted as they are "
            "when the time is up.",
            ASSERTIVE,
        )
    ]


TIME_UP = "Time is up. The answers saved in time were submitted."


@pytest.mark.parametrize("found_by", ["the clock", "saving an answer"])
def test_time_up_in_the_exam_is_said_at_once_once(  # type: ignore[no-untyped-def]
    qtbot,
    open_exam: OpenExam,  # noqa: F811
    clock: Clock,  # noqa: F811
    said: list[Said],
    found_by: str,
) -> None:
    """The time up under the learner moved the focus to the results' button, and the why was
    only in the results page's name, which no screen reader reads for a focused button."""
    view = started(open_exam)
    clock.advance(20 * 60 - 30)
    view._tick()  # the last minute's warning
    del said[:]
    clock.advance(31)
    if found_by == "the clock":
        view._tick()
    else:
        index = next(i for i, w in enumerate(view.widgets) if w.question.type == "numeric")
        view.go_to(index)
        assert view.current.line is not None
        qtbot.keyClicks(view.current.line, "40")
        view.save_pending()  # refused: the attempt closed by its deadline
    assert view.pages.currentWidget() is view.done_page
    assert said == [(TIME_UP, ASSERTIVE)]
    view._tick()
    view.refresh()
    view.show_done()
    assert said == [(TIME_UP, ASSERTIVE)], "said once"


def test_an_attempt_submitted_in_another_window_is_said_so_at_once(  # type: ignore[no-untyped-def]
    qtbot,
    open_exam: OpenExam,  # noqa: F811
    said: list[Said],
) -> None:
    view = started(open_exam)
    index = next(i for i, w in enumerate(view.widgets) if w.question.type == "numeric")
    view.go_to(index)
    other = open_exam()
    other.to_review_button.click()
    other.submit_button.click()
    accept(other)
    del said[:]
    assert view.current.line is not None
    qtbot.keyClicks(view.current.line, "40")
    view.save_pending()  # refused: submitted in the other window
    assert view.pages.currentWidget() is view.done_page
    assert said == [
        (
            "This attempt was already submitted, from another \u2068Cartable\u2069 window or "
            "because its "
            "time ran out. The answers saved before then were submitted.",
            ASSERTIVE,
        )
    ]


def test_an_exam_opened_after_its_time_ran_out_is_not_announced(
    open_exam: OpenExam,  # noqa: F811
    clock: Clock,  # noqa: F811
    said: list[Said],
) -> None:
    """Opened by the learner, the results are what they went to: the page says why."""
    started(open_exam).close_unit()
    clock.advance(3600)
    del said[:]
    again = open_exam()
    assert again.control.ending == "expired_away"
    assert said == []


# -- the unit views' notices -----------------------------------------------------------------


def test_a_progress_not_saved_is_said_at_once_and_once_until_it_changes_or_goes(
    open_exam: OpenExam,  # noqa: F811
    shell: Shell,  # noqa: F811
    said: list[Said],
) -> None:
    view = open_exam()
    assert said == []
    shell.store.database.conn.execute("PRAGMA query_only = ON")  # as a read-only disk
    view.start_button.click()
    accept(view)  # refused: the start page stays, the notice says why
    [(text, politeness)] = said
    assert text == view.notice.text() and politeness == ASSERTIVE
    assert text.startswith("Your work is not being saved: the disk holding your records became")
    view._beat()  # every heartbeat fails the same way: shown again, not said again
    view.start_button.click()
    accept(view)
    assert len(said) == 1
    view.hide_notice(text)  # taken down: the next failure is news
    view._beat()
    assert said[1:] == [(text, ASSERTIVE)]


def test_a_subtitle_notice_is_said_politely_once(  # type: ignore[no-untyped-def]
    qtbot,
    shell: Shell,  # noqa: F811
    tmp_path: Path,
    said: list[Said],
) -> None:
    unit = shell.course.unit("definition-video")
    assert isinstance(unit, VideoUnit)
    damaged = FileRef("ee" * 32, 100, "text/vtt")  # not on this computer
    tracks = tuple(
        dataclasses.replace(t, file=damaged) if t.language == "fr" else t for t in unit.subtitles
    )
    view = create_unit_view(
        dataclasses.replace(unit, subtitles=tracks), shell.course, shell.services()
    )
    assert isinstance(view, VideoView)
    try:
        [(text, politeness)] = said
        assert text == view.notice.text() and politeness == POLITE
        assert text.startswith("Subtitles in \u2068Français\u2069 cannot be shown: ")
        view.set_captions("fr")  # chosen again: the same notice, not said again
        assert view.notice_bar.isVisibleTo(view) and len(said) == 1
    finally:
        dispose(qtbot, view)


class FocusReading(QObject):
    """The description a screen reader reads as the focus enters the watched widget."""

    def __init__(self) -> None:
        super().__init__()
        self.described: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(watched, QWidget):
            self.described.append(watched.accessibleDescription())
        return False


def test_a_quiz_verdict_is_the_focused_buttons_description_said_once(  # type: ignore[no-untyped-def]
    qtbot,
    open_demo: OpenQuiz,  # noqa: F811
    said: list[Said],
) -> None:
    """The verdict was announced and also the description of the button the focus lands on:
    NVDA said it twice. The description is kept (Orca before 46 drops announcements), set
    before the focus moves, and taken off at the next question, where it no longer applies."""
    view = open_demo()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.start_attempt()
    widget = view.current
    give(widget, right_response(keys_of(DEMO_QUIZ_KEYS)[widget.question.id]), qtbot)
    focus = FocusReading()
    view.next_button.installEventFilter(focus)
    assert view.check()
    assert said == [], "said through the focus alone"
    assert QApplication.focusWidget() is view.next_button
    verdict = view.next_button.accessibleDescription()
    assert verdict.startswith(widget.result.text()) and focus.described == [verdict]
    view.next_button.click()
    assert view.next_button.accessibleDescription() == ""
    assert view.finish_button.accessibleDescription() == ""


def test_a_quiz_verdict_checked_from_the_next_button_is_announced_once(  # type: ignore[no-untyped-def]
    qtbot,
    open_demo: OpenQuiz,  # noqa: F811
    said: list[Said],
) -> None:
    """Alt+K pressed with the keyboard on Next already: the focus did not move, so nothing said
    the verdict (it is said through the focus). It is announced then, once."""
    view = open_demo()
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.start_attempt()
    widget = view.current
    give(widget, right_response(keys_of(DEMO_QUIZ_KEYS)[widget.question.id]), qtbot)
    view.next_button.setFocus()
    qtbot.waitUntil(view.next_button.hasFocus)
    focus = FocusReading()
    view.next_button.installEventFilter(focus)
    qtbot.keyClick(view.next_button, Qt.Key.Key_K, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: widget.question.id in view.grades)  # the mnemonic clicks later
    QApplication.processEvents()
    assert view.next_button.hasFocus() and focus.described == []
    verdict = view.next_button.accessibleDescription()
    assert verdict.startswith(widget.result.text())
    assert said == [(verdict, POLITE)]
    view.check()  # checked already: nothing more to say
    assert said == [(verdict, POLITE)]


def test_a_refused_account_is_said_once_until_a_run_is_no_longer_refused(  # type: ignore[no-untyped-def]
    qtbot,
    window: MainWindow,
    services: ShellServices,
    controlled: tuple[SyncController, ScriptedSync, ManualHost],  # noqa: F811
    said: list[Said],
) -> None:
    """The institution refuses the account at every run (every 15 minutes, each submission):
    the status bar's line was said each time, in the middle of whatever the learner read. It is
    said again once a run was not refused, or the learner opened Sync to correct it."""
    profile = studying(window, services)
    controller, sync, _ = controlled
    window.attach_sync(controller)
    refused = "Your institution refused your account: open Sync to correct it."
    auth = ProfileReport(profile.id, 0, (), 3, 0, "auth", "HTTP 401")
    sync.report = SyncReport("waiting", 0.0, 0.0, (auth,))
    for _ in range(3):
        controller.request(force=True)
        assert window.statusBar().currentMessage() == refused  # shown each time
    assert [text for text, _ in said].count(refused) == 1
    taken = ProfileReport(profile.id, 3, (), 0, 0, None)
    sync.report = SyncReport("done", 0.0, 0.0, (taken,))  # corrected: accepted
    controller.request(force=True)
    sync.report = SyncReport("waiting", 0.0, 0.0, (auth,))  # refused again later: news
    controller.request(force=True)
    assert [text for text, _ in said].count(refused) == 2
    window.show_sync_panel()  # to type the account again, which is refused too: news
    assert window.sync_panel is not None
    window.sync_panel.close()
    controller.request(force=True)
    assert [text for text, _ in said].count(refused) == 3


def test_a_full_disk_is_said_in_words_and_once(
    open_exam: OpenExam,  # noqa: F811
    shell: Shell,  # noqa: F811
    said: list[Said],
) -> None:
    """SQLite's own SQLITE_FULL (the file may not grow: its spare pages taken by a scratch
    table), not its English line ("database or disk is full"), is what the learner reads."""
    view = open_exam()
    conn = shell.store.database.conn
    conn.execute("CREATE TABLE scratch (junk BLOB)")
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        while True:
            conn.execute("INSERT INTO scratch VALUES (zeroblob(512))")
    del said[:]
    view.start_button.click()
    accept(view)  # refused: the start page stays, the notice says why
    [(text, politeness)] = said
    assert politeness == ASSERTIVE and text == view.notice.text()
    assert text.startswith("Your work is not being saved: the disk is full."), text
    assert "database or disk is full" not in text
    view._beat()  # every heartbeat fails the same way: said once
    view.start_button.click()
    accept(view)
    assert len(said) == 1 and view.notice_bar.isVisibleTo(view)
    conn.execute("DROP TABLE scratch")  # space again: the start is saved
    conn.execute("PRAGMA max_page_count = 1073741823")
    view.start_button.click()
    accept(view)
    assert view.pages.currentWidget() is not view.start_page
