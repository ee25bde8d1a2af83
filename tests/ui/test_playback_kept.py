"""A learner's media choices (a reading's text size, a video's speed) are kept with their profile:
after a restart of the application they are still theirs, and never another learner's."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from player.paths import Paths
from player.store.profiles import Profile
from player.ui.main_window import MainWindow
from player.ui.reading_view import ReadingView
from player.ui.shell import ShellServices
from player.ui.tasks import SyncRunner
from player.ui.video.speed import SPEEDS
from player.ui.video.view import VideoView
from tests.ui.conftest import HEIGHT, WIDTH, open_services

LONG = 30_000


def _reading(qtbot, window: MainWindow, profile: Profile) -> ReadingView:  # type: ignore[no-untyped-def]
    window.open_profile(profile)
    course = window.open_course("les-mooc", "definition-lecture")
    assert course is not None
    view = course.view
    assert isinstance(view, ReadingView)
    return view


def _restart(qtbot, qapp, paths: Paths, tasks: SyncRunner) -> tuple[ShellServices, MainWindow]:  # type: ignore[no-untyped-def]
    services = open_services(qapp, paths, tasks)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(WIDTH, HEIGHT)
    window.show()
    window.start()
    return services, window


def test_text_size_and_speed_are_kept_per_profile_after_a_restart(  # type: ignore[no-untyped-def]
    qtbot, qapp, paths: Paths, tasks: SyncRunner, window: MainWindow, services: ShellServices
) -> None:
    awa = services.profiles.add("Awa", "en")
    bruno = services.profiles.add("Bruno", "en")
    services.context.settings.last_profile = awa.id
    window.start()
    reading = _reading(qtbot, window, awa)
    normal = reading.browser.font().pointSizeF()
    window.activateWindow()
    reading.done_button.setFocus()
    qtbot.waitUntil(reading.done_button.hasFocus, timeout=LONG)
    for _ in range(2):
        qtbot.keyClick(reading.done_button, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    larger = reading.browser.font().pointSizeF()
    assert larger > normal
    course = window.course_view
    assert course is not None and course.open_unit("definition-video")
    video = course.view
    assert isinstance(video, VideoView)
    video.speed.setCurrentIndex(SPEEDS.index(1.25))
    window.close()  # quitting closes the unit: the choices are saved with Awa's profile

    again, second = _restart(qtbot, qapp, paths, tasks)
    try:
        assert second.session is not None and second.session.profile.id == awa.id
        course = second.open_course("les-mooc", "definition-video")
        assert course is not None and isinstance(course.view, VideoView)
        assert course.view.speed_value == 1.25
        assert course.open_unit("definition-lecture")
        assert isinstance(course.view, ReadingView)
        assert course.view.browser.font().pointSizeF() == pytest.approx(larger)

        # Bruno never chose anything: Awa's choices are not his.
        assert _reading(qtbot, second, bruno).browser.font().pointSizeF() == pytest.approx(normal)
        assert second.playback is not None and second.playback.speed == 1.0

        # A damaged value (edited by hand) falls back to the normal size; nothing breaks.
        again.store.conn.execute(
            'UPDATE profiles SET playback = \'{"text_size": "huge", "speed": 1.25}\' WHERE id = ?',
            (awa.id,),
        )
        assert _reading(qtbot, second, awa).browser.font().pointSizeF() == pytest.approx(normal)
        assert second.playback is not None and second.playback.speed == 1.25
        second.close()
    finally:
        again.translations.clear()
        again.store.close()


def test_the_transcript_text_size_is_kept_after_a_restart_as_a_reading_s(  # type: ignore[no-untyped-def]
    qtbot, qapp, paths: Paths, tasks: SyncRunner, window: MainWindow, services: ShellServices
) -> None:
    """A video's transcript is sized as a reading is (Ctrl++), the same size kept: chosen in
    the transcript, it is the learner's after a restart, in the transcript and in readings."""
    awa = services.profiles.add("Awa", "en")
    services.context.settings.last_profile = awa.id
    window.start()
    window.open_profile(awa)
    course = window.open_course("les-mooc", "definition-video")
    assert course is not None and isinstance(course.view, VideoView)
    video = course.view
    video.show_transcript(True)
    panel = video.transcript
    assert panel is not None
    qtbot.waitUntil(lambda: "CLOM" in panel.text, timeout=LONG)
    normal = panel.browser.font().pointSizeF()
    for _ in range(2):
        qtbot.keyClick(panel.browser, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    larger = panel.browser.font().pointSizeF()
    assert larger == pytest.approx(normal * 1.15**2)
    window.close()  # quitting closes the unit: the size is saved with Awa's profile

    again, second = _restart(qtbot, qapp, paths, tasks)
    try:
        course = second.open_course("les-mooc", "definition-video")
        assert course is not None and isinstance(course.view, VideoView)
        reopened = course.view.transcript
        assert reopened is not None and course.view.transcript_shown
        assert reopened.browser.font().pointSizeF() == pytest.approx(larger)
        assert course.open_unit("definition-lecture")
        assert isinstance(course.view, ReadingView)
        assert course.view.browser.font().pointSizeF() == pytest.approx(larger)
        second.close()
    finally:
        again.translations.clear()
        again.store.close()
