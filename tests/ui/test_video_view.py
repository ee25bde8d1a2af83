"""The video unit view with real playback (QtMultimedia's FFmpeg backend, offscreen), the real
demo course and a real records store."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import Shiboken

from player.course.manifest import FileRef, VideoUnit
from player.store import segments as seg
from player.store import statements as st
from player.ui.tasks import ThreadPoolRunner
from player.ui.unit_view import PlaybackPreferences, create_unit_view
from player.ui.video.view import VideoView
from tests.ui.unit_support import (
    Shell,
    dispose,
    events_handled,
    french,
    install_toy,
    open_store,
    screenshot,
)

UNIT = "definition-video"
LONG = 60_000  # ms: generous, the machine may be slow; never a timing assertion


OpenView = Callable[..., VideoView]


@pytest.fixture
def open_view(qtbot, shell: Shell) -> Iterator[OpenView]:  # type: ignore[no-untyped-def]
    views: list[VideoView] = []
    runner = ThreadPoolRunner(2)

    def make(unit_id: str = UNIT, unit: VideoUnit | None = None, **services) -> VideoView:  # type: ignore[no-untyped-def]
        unit = unit or shell.course.unit(unit_id)  # type: ignore[assignment]
        # Through the real task runner: subtitles arrive from a worker thread, as in the app.
        view = VideoView(unit, shell.course, shell.services(**services, tasks=runner))  # type: ignore[arg-type]
        view.resize(960, 600)
        view.show()
        qtbot.waitExposed(view)
        views.append(view)
        return view

    yield make
    for view in views:
        dispose(qtbot, view)
    runner.wait_idle(LONG)


def loaded(view: VideoView) -> bool:
    return (
        view.player.mediaStatus()
        in (
            QMediaPlayer.MediaStatus.LoadedMedia,
            QMediaPlayer.MediaStatus.BufferedMedia,
            QMediaPlayer.MediaStatus.BufferingMedia,
        )
        and view.player.playbackState() == QMediaPlayer.PlaybackState.PausedState
    )


def wait_loaded(qtbot, view: VideoView) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: loaded(view), timeout=LONG)


def ended(view: VideoView) -> bool:
    return view.player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia


def test_plays_to_the_end_at_2x_and_completes(qtbot, open_view: OpenView, shell: Shell) -> None:  # type: ignore[no-untyped-def]
    view = open_view()
    wait_loaded(qtbot, view)
    assert not view.is_completed
    view.surface.setFocus()
    for _ in range(4):
        qtbot.keyClick(view.surface, "]")
    assert view.speed_value == 2.0 and view.player.playbackRate() == 2.0
    assert view.player.pitchCompensation(), "speech must keep its pitch when sped up"
    with qtbot.waitSignal(view.completed, timeout=LONG):
        qtbot.keyClick(view.surface, Qt.Key.Key_Space)
    assert view.is_completed
    assert view.progress_label.text() == view.tr("Completed")
    progress = shell.store.unit(shell.course, UNIT)
    assert progress.completed
    assert seg.progress(progress.segments, 10.56) >= 0.9
    verbs = shell.store.verbs()
    assert verbs[:3] == ["launched", "initialized", "played"]
    assert "paused" in verbs and "completed" in verbs
    view.close_unit()
    assert shell.store.verbs()[-1] == "terminated"
    played = next(s for s in shell.store.statements() if st.verb_name(s) == "played")
    context = played["context"]
    assert st.VIDEO_CATEGORY["id"] in [c["id"] for c in context["contextActivities"]["category"]]
    assert context["extensions"][st.VIDEO_SESSION]
    assert context["extensions"][st.VIDEO_LENGTH] == pytest.approx(10.56)
    assert played["result"]["extensions"][st.VIDEO_TIME] == 0
    completed = next(s for s in shell.store.statements() if st.verb_name(s) == "completed")
    assert completed["result"]["extensions"][st.VIDEO_PROGRESS] >= 0.9


def test_skipping_to_the_end_does_not_complete(qtbot, open_view: OpenView, shell: Shell) -> None:  # type: ignore[no-untyped-def]
    view = open_view()
    wait_loaded(qtbot, view)
    view.seek_to(9.0)
    qtbot.keyClick(view.surface, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: ended(view), timeout=LONG)
    qtbot.waitUntil(lambda: not view.is_playing, timeout=LONG)
    assert not view.is_completed
    progress = shell.store.unit(shell.course, UNIT)
    assert not progress.completed
    assert progress.segments and progress.segments[0][0] >= 9.0
    assert seg.progress(progress.segments, 10.56) < 0.2
    # The seek bar shows what was watched: only the last part.
    assert view.seek_bar.watched == progress.segments
    verbs = shell.store.verbs()
    assert "seeked" in verbs and "completed" not in verbs
    seeked = next(s for s in shell.store.statements() if st.verb_name(s) == "seeked")
    assert seeked["result"]["extensions"][st.VIDEO_TIME_TO] == 9.0


def test_a_file_a_little_shorter_than_the_manifest_completes_at_its_end(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    def longer(source: Path) -> None:  # the manifest says 10.3 s, the decoder finds 10.05 s
        toml = source / "course.toml"
        text = toml.read_text(encoding="utf-8")
        text = text.replace('licence = "CC0-1.0"\n', 'licence = "CC0-1.0"\nvideo_threshold = 1.0\n')
        text = text.replace('  title = "Vidéo"\n', '  title = "Vidéo"\n  duration = 10.3\n')
        toml.write_text(text, encoding="utf-8")

    library, course = install_toy(tmp_path / "toy", longer)
    unit = course.unit("video")
    assert isinstance(unit, VideoUnit) and unit.duration == 10.3 and unit.threshold == 1.0
    toy = Shell(library, course, open_store(tmp_path / "store"))
    view = create_unit_view(unit, course, toy.services(playback=PlaybackPreferences(speed=2.0)))
    assert isinstance(view, VideoView)
    try:
        view.show()
        wait_loaded(qtbot, view)
        assert view.player.duration() / 1000 < unit.duration
        with qtbot.waitSignal(view.completed, timeout=LONG):
            view.play()
        progress = toy.store.unit(course, "video")
        assert progress.completed and progress.segments == ((0.0, 10.3),)
        view.close_unit()
        assert toy.store.unit(course, "video").position == 10.3  # the end: it starts over
    finally:
        dispose(qtbot, view)


def test_subtitles_follow_time_and_switch_language(qtbot, open_view: OpenView) -> None:  # type: ignore[no-untyped-def]
    view = open_view()  # services language "fr": French subtitles by default
    wait_loaded(qtbot, view)
    assert view.caption_language == "fr"
    qtbot.waitUntil(lambda: "fr" in view.subtitles.cues, timeout=LONG)  # read by a worker
    assert view.caption_text() == ""  # the first cue starts at 0.4 s
    view.play()
    qtbot.waitUntil(lambda: view.caption_text() == "Qu'est-ce qu'un MOOC\u00a0?", timeout=LONG)
    qtbot.waitUntil(lambda: view.caption_text().startswith("En français"), timeout=LONG)
    view.pause()
    qtbot.waitUntil(lambda: not view.is_playing, timeout=LONG)
    view.seek_to(3.0)
    assert (
        view.caption_text() == "En français, on dit CLOM\u00a0:\ncours en ligne ouverts aux masses."
    )
    view.captions.setCurrentIndex(view.captions.findData("en"))
    assert view.caption_language == "en"
    qtbot.waitUntil(lambda: view.caption_text().startswith("In French"), timeout=LONG)
    qtbot.keyClick(view.surface, Qt.Key.Key_C)
    assert view.caption_language == "" and view.caption_text() == ""
    qtbot.keyClick(view.surface, Qt.Key.Key_C)
    assert view.caption_language == "en" and view.caption_text().startswith("In French")
    assert view.services.playback.subtitles == "en"  # follows the learner to the next video
    assert view.surface.accessibleDescription() == view.caption_text()


def test_srt_subtitles(qtbot, open_view: OpenView, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def english(source: Path) -> None:
        (source / "m1" / "video.en.srt").write_text(
            "1\n00:00:00,500 --> 00:00:07,000\nHello <i>there</i>\n\n"
            "2\n00:00:07,000 --> 00:00:09,000\nSecond &amp; last\n",
            encoding="utf-8",
        )

    library, course = install_toy(tmp_path / "toy", english)
    toy = Shell(library, course, open_store(tmp_path / "store"))
    view = create_unit_view(course.unit("video"), course, toy.services(language="en"))  # type: ignore[arg-type]
    assert isinstance(view, VideoView)
    try:
        view.show()
        wait_loaded(qtbot, view)
        assert view.caption_language == "en"
        view.seek_to(1.0)
        assert view.caption_text() == "Hello there"
        view.seek_to(8.0)
        assert view.caption_text() == "Second & last"
        view.set_captions("fr")
        assert view.caption_text() == "Caption text #2"
    finally:
        dispose(qtbot, view)


def test_resumes_at_the_saved_position(qtbot, open_view: OpenView, shell: Shell) -> None:  # type: ignore[no-untyped-def]
    view = open_view()
    wait_loaded(qtbot, view)
    view.play()
    qtbot.waitUntil(lambda: view.current_time() > 1.0, timeout=LONG)
    view.seek_to(6.0)
    view.pause()
    qtbot.waitUntil(lambda: not view.is_playing, timeout=LONG)
    stopped_at = view.current_time()
    watched = view.recorder.watched() if view.recorder else ()
    view.close_unit()
    assert shell.store.unit(shell.course, UNIT).position == pytest.approx(stopped_at, abs=0.01)

    again = open_view()
    wait_loaded(qtbot, again)
    assert again.current_time() == pytest.approx(stopped_at, abs=0.05)
    qtbot.waitUntil(lambda: abs(again.player.position() / 1000 - stopped_at) < 0.1, timeout=LONG)
    assert again.seek_bar.watched == watched and watched
    assert again.seek_bar.value() == round(stopped_at * 1000)


def test_quality_default_fits_the_screen_and_switching_keeps_the_place(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell
) -> None:
    small = open_view(screen_height=300)
    assert small.variant.label == "360p"
    small.close_unit()
    view = open_view(screen_height=720)
    assert view.variant.label == "720p" and view.quality.currentText() == "720p"
    wait_loaded(qtbot, view)
    view.play()
    qtbot.waitUntil(lambda: view.current_time() > 2.0, timeout=LONG)
    before = len(shell.store.verbs())
    at = view.current_time()
    view.quality.setCurrentIndex(view.quality.findText("360p"))
    assert view.variant.label == "360p"
    qtbot.waitUntil(lambda: view.is_playing and view.current_time() > at, timeout=LONG)
    assert view.player.source().toLocalFile().endswith(view.variant.file.sha256)
    assert len(shell.store.verbs()) == before, "changing quality is not a learner event"


def test_keyboard_shortcuts(qtbot, open_view: OpenView) -> None:  # type: ignore[no-untyped-def]
    view = open_view(playback=PlaybackPreferences(speed=1.0))
    wait_loaded(qtbot, view)
    target = view.surface
    qtbot.keyClick(target, Qt.Key.Key_Right)
    assert view.current_time() == pytest.approx(5.0)
    qtbot.keyClick(target, Qt.Key.Key_L)
    assert view.current_time() == pytest.approx(10.56)  # clamped to the end
    qtbot.keyClick(target, Qt.Key.Key_J)
    assert view.current_time() == pytest.approx(0.56)
    qtbot.keyClick(target, Qt.Key.Key_Left)
    assert view.current_time() == 0.0
    qtbot.keyClick(target, "[")
    assert view.speed_value == 0.75
    qtbot.keyClick(target, "[")
    qtbot.keyClick(target, "[")
    assert view.speed_value == 0.5 and view.player.playbackRate() == 0.5
    qtbot.keyClick(target, Qt.Key.Key_M)
    assert view.audio.isMuted() and view.mute_button.accessibleName() == view.tr("Unmute")
    qtbot.keyClick(target, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view.is_playing, timeout=LONG)
    assert view.play_button.accessibleName() == view.tr("Pause")
    qtbot.keyClick(target, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not view.is_playing, timeout=LONG)
    # Letter shortcuts work even from a focused combo box.
    qtbot.keyClick(view.speed, Qt.Key.Key_C)
    assert view.caption_language == ""
    qtbot.keyClick(target, Qt.Key.Key_F)
    assert view.is_fullscreen and view.stage.isWindow()
    qtbot.waitUntil(lambda: view.stage.isFullScreen(), timeout=LONG)
    qtbot.keyClick(view.surface, Qt.Key.Key_Escape)
    assert not view.is_fullscreen and not view.stage.isWindow()
    assert view.stage.parentWidget() is view.content


def test_space_plays_and_pauses_after_a_subtitles_choice_made_with_the_keyboard(
    qtbot, open_view: OpenView
) -> None:  # type: ignore[no-untyped-def]
    """The subtitles chosen in their list with the keyboard (Alt+Down, Down, Enter), the focus
    stays on the list, and Space plays then pauses, as the README and Help say, instead of
    opening the list again (u3); Alt+Down and F4 still open it."""
    view = open_view()  # French subtitles by default
    wait_loaded(qtbot, view)
    view.activateWindow()
    combo = view.captions
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=LONG)
    popup = combo.view()
    qtbot.keyClick(combo, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(popup.isVisible, timeout=LONG)
    popup.setCurrentIndex(combo.model().index(combo.findData("en"), 0))
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=LONG)
    assert view.caption_language == "en" and QApplication.focusWidget() is combo

    qtbot.keyClick(combo, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view.is_playing, timeout=LONG)
    assert not popup.isVisible() and view.caption_language == "en"
    qtbot.keyClick(combo, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not view.is_playing, timeout=LONG)
    assert not popup.isVisible()
    for opening in (
        (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier),
    ):
        qtbot.keyClick(combo, *opening)
        qtbot.waitUntil(popup.isVisible, timeout=LONG)
        qtbot.keyClick(popup, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: not popup.isVisible(), timeout=LONG)
    assert not view.is_playing and view.caption_language == "en"


def test_leaving_fullscreen_gives_the_keyboard_back_to_the_window(
    qtbot, open_view: OpenView
) -> None:  # type: ignore[no-untyped-def]
    """F then Escape: the window the video went back into is the active one again, with the
    keyboard on the picture (without a window manager nothing was active: keys did nothing)."""
    view = open_view()
    wait_loaded(qtbot, view)
    view.activateWindow()
    view.surface.setFocus()
    qtbot.waitUntil(lambda: view.surface.hasFocus(), timeout=LONG)
    qtbot.keyClick(view.surface, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: view.stage.isFullScreen(), timeout=LONG)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.stage, timeout=LONG)
    qtbot.keyClick(view.surface, Qt.Key.Key_Escape)
    assert not view.is_fullscreen
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view.window(), timeout=LONG)
    assert QApplication.focusWidget() is view.surface


def test_every_control_has_a_name_and_is_reachable_by_tab(qtbot, open_view: OpenView) -> None:  # type: ignore[no-untyped-def]
    view = open_view()
    wait_loaded(qtbot, view)
    view.activateWindow()
    view.surface.setFocus()
    qtbot.waitUntil(lambda: view.surface.hasFocus(), timeout=LONG)
    reached: list[QWidget] = []
    for _ in range(13):
        widget = QApplication.focusWidget()
        assert widget is not None
        if widget in reached:
            break
        reached.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    controls = [
        view.surface,
        view.seek_bar,
        view.play_button,
        view.speed,
        view.mute_button,
        view.volume,
        view.captions,
        view.transcript_button,  # the demo's video has a transcript
        view.quality,
        view.fullscreen_button,
    ]
    assert reached[: len(controls)] == controls
    for control in controls:
        assert control.accessibleName(), f"{type(control).__name__} has no accessible name"


def test_the_seek_bar_says_its_position_in_words(qtbot, open_view: OpenView) -> None:  # type: ignore[no-untyped-def]
    """Its value is milliseconds ("65000"): the description has the time a learner reads."""
    view = open_view()
    wait_loaded(qtbot, view)
    length = view.time_label.text().split(" / ")[1]
    view.seek_to(5)
    qtbot.waitUntil(lambda: view.seek_bar.value() == 5000, timeout=LONG)
    assert view.seek_bar.accessibleDescription() == f"0:05 of {length}"


def test_missing_video_offers_repair(qtbot, open_view: OpenView, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = open_view(blob_path=lambda sha256: tmp_path / "absent" / sha256)
    assert view.has_problem
    assert "missing" in view.problem.message.text()
    assert not view.notice_bar.isVisible()  # the subtitles' own problem is not worth a word
    with qtbot.waitSignal(view.repair_requested):
        view.problem.repair.click()
    qtbot.keyClick(view, Qt.Key.Key_Space)  # no crash, nothing plays
    assert not view.is_playing


def test_altered_video_offers_repair(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell, tmp_path: Path
) -> None:
    unit = shell.course.unit(UNIT)
    real = {v.file.sha256 for v in unit.variants}  # type: ignore[union-attr]
    altered = tmp_path / "altered"

    def blob(sha256: str) -> Path:
        path = shell.library.blob_path(sha256)
        if sha256 not in real:
            return path
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0xFF
        altered.write_bytes(bytes(data))
        return altered

    view = open_view(blob_path=blob)
    assert view.has_problem and "damaged" in view.problem.message.text()


def test_decoder_error_offers_repair(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell, tmp_path: Path
) -> None:
    # A file whose hash is right but which is no video: only the decoder can tell.
    garbage = tmp_path / "garbage"
    garbage.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 400)
    digest = hashlib.sha256(garbage.read_bytes()).hexdigest()
    unit = shell.course.unit(UNIT)
    assert isinstance(unit, VideoUnit)
    variant = dataclasses.replace(
        unit.variants[0], file=FileRef(digest, garbage.stat().st_size, "video/mp4")
    )
    broken = dataclasses.replace(unit, variants=(variant,))
    view = open_view(
        unit=broken,
        blob_path=lambda sha256: garbage if sha256 == digest else shell.library.blob_path(sha256),
    )
    qtbot.waitUntil(lambda: view.has_problem, timeout=LONG)
    assert "cannot be played" in view.problem.message.text()


def test_the_decoders_own_words_are_a_detail_under_the_learners_sentence(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell, tmp_path: Path
) -> None:
    """The sentence read 'The video cannot be played: its file may be damaged (Could not open
    file).': the backend's English inside the learner's words, whatever their language. It is
    on a smaller line of its own now, selectable to be copied for a teacher or a helpdesk."""
    garbage = tmp_path / "garbage"
    garbage.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 400)
    digest = hashlib.sha256(garbage.read_bytes()).hexdigest()
    unit = shell.course.unit(UNIT)
    assert isinstance(unit, VideoUnit)
    variant = dataclasses.replace(
        unit.variants[0], file=FileRef(digest, garbage.stat().st_size, "video/mp4")
    )
    view = open_view(  # no transcript: its sentence is test_video_transcript.py's
        unit=dataclasses.replace(unit, variants=(variant,), transcript=None),
        blob_path=lambda sha256: garbage if sha256 == digest else shell.library.blob_path(sha256),
    )
    qtbot.waitUntil(lambda: view.has_problem, timeout=LONG)
    panel = view.problem
    assert panel.message.text() == "The video cannot be played: its file may be damaged."
    assert panel.details.isVisible()
    detail = panel.details.text().removeprefix("Details: ")
    assert detail and detail != panel.details.text(), "the backend's words, after 'Details:'"
    assert panel.details.font().pointSizeF() < panel.message.font().pointSizeF()
    assert panel.details.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    view.show_problem("A file of this course is missing from this computer (abc).")
    assert not panel.details.isVisible(), "a problem with no detail has no 'Details:' line"


def test_screenshot_with_french_subtitles(qtbot, open_view: OpenView) -> None:  # type: ignore[no-untyped-def]
    view = open_view()
    view.resize(1100, 700)
    wait_loaded(qtbot, view)
    qtbot.waitUntil(lambda: "fr" in view.subtitles.cues, timeout=LONG)
    view.seek_to(3.0)
    view.play()
    qtbot.waitUntil(lambda: view.current_time() > 3.3, timeout=LONG)
    view.pause()
    qtbot.waitUntil(lambda: not view.is_playing, timeout=LONG)
    assert view.caption_text().startswith("En français")
    path = screenshot(view, "video-fr.png")
    assert path.stat().st_size > 10_000


def test_damaged_subtitles_leave_the_video_playable(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell, tmp_path: Path
) -> None:
    unit = shell.course.unit(UNIT)
    assert isinstance(unit, VideoUnit)
    french = next(t.file.sha256 for t in unit.subtitles if t.language == "fr")
    view = open_view(
        blob_path=lambda sha: tmp_path / "gone" if sha == french else shell.library.blob_path(sha)
    )
    assert not view.has_problem
    qtbot.waitUntil(lambda: view.notice_bar.isVisible(), timeout=LONG)  # read by a worker
    assert view.caption_language == ""  # could not be shown
    assert view.notice_repair.isVisible()
    assert "Français" in view.notice.text() and "missing" in view.notice.text()
    view.set_captions("en")
    assert view.caption_language == "en"
    qtbot.waitUntil(lambda: "en" in view.subtitles.cues, timeout=LONG)
    wait_loaded(qtbot, view)
    view.play()
    qtbot.waitUntil(lambda: view.current_time() > 0.5, timeout=LONG)


def test_heartbeat_keeps_the_resume_point_while_playing(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell
) -> None:
    view = open_view()
    wait_loaded(qtbot, view)
    view.play()
    qtbot.waitUntil(lambda: view.current_time() > 1.0, timeout=LONG)
    view._beat()  # what the 30 s timer does: a crash after it resumes about here
    saved = shell.store.unit(shell.course, UNIT)
    assert 1.0 <= saved.position <= view.current_time()
    assert saved.time_spent >= 0
    assert shell.store.verbs() == ["launched", "initialized", "played"]  # no statement


def test_a_video_watched_to_its_end_is_not_offered_at_its_end(shell: Shell) -> None:
    from player.ui.resume import continue_text, resume_point

    store, course = shell.store, shell.course
    unit = course.unit(UNIT)
    assert isinstance(unit, VideoUnit)
    session = store.events.unit_opened(store.profile.id, course, UNIT)
    store.events.video_played(session, 0.0)
    store.events.unit_closed(session, unit.duration - 0.4)  # stopped just before the end
    recorder = shell.services().recorder.open(unit)  # type: ignore[union-attr]
    assert recorder.resume_position() == 0.0  # the video opens at 0:00...
    point = resume_point(course, store.queries.course(store.profile.id, course))
    assert point is not None
    assert (
        continue_text(point) == "Continue: Module 1 \u00b7 \u2068Qu'est-ce qu'un MOOC\u00a0?\u2069"
    )  # ...says so


def test_texts_follow_the_interface_language(qtbot, qapp, open_view: OpenView) -> None:  # type: ignore[no-untyped-def]
    view = open_view()
    assert view.play_button.accessibleName() == "Play"
    assert view.progress_label.text() == "Watched: 0%"  # no space before % in English
    with french(qapp):
        qtbot.waitUntil(lambda: view.play_button.accessibleName() == "Lecture", timeout=LONG)
        assert view.captions.itemText(0) == "Sans sous-titres"
        assert view.progress_label.text().endswith("0\u00a0%")
        assert view.problem.repair.text() != "Repair this course"
        # The keys as Qt names them in French (review s18: "Esc" in every language).
        assert "Gauche/Droite" in view.seek_bar.toolTip()
        view.set_fullscreen(True)
        assert view.fullscreen_button.toolTip().endswith("(Échap)")
        view.set_fullscreen(False)
    qtbot.waitUntil(lambda: view.play_button.accessibleName() == "Play", timeout=LONG)
    assert view.captions.itemText(0) == "Subtitles off"
    assert view.seek_bar.toolTip() == "Position (Left/Right: 5 s, J/L: 10 s)"
    assert view.fullscreen_button.toolTip() == "Full screen (F)"


def test_the_watched_share_grows_while_playing(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell
) -> None:
    """'Watched: 0%' stayed still while the video played, until a pause; it follows the
    picture now, from the play running in memory: the store is written on events only."""
    view = open_view()
    wait_loaded(qtbot, view)
    assert view.progress_label.text() == "Watched: 0%"
    view.play()
    qtbot.waitUntil(lambda: view.is_playing and view.current_time() > 2.5, timeout=LONG)
    qtbot.waitUntil(lambda: view.progress_label.text() != "Watched: 0%", timeout=LONG)
    assert view.is_playing, "said while playing, not at a pause"
    shown = int(view.progress_label.text().removeprefix("Watched: ").removesuffix("%"))
    assert 10 <= shown <= 100 * view.current_time() / 10.56 + 1
    assert shell.store.verbs() == ["launched", "initialized", "played"], "nothing written"
    assert shell.store.unit(shell.course, UNIT).segments == (), "segments saved on events only"
    view.pause()
    qtbot.waitUntil(lambda: not view.is_playing, timeout=LONG)
    saved = seg.progress(shell.store.unit(shell.course, UNIT).segments, 10.56)
    assert view.progress_label.text() == f"Watched: {round(saved * 100)}%"


def test_the_end_offers_replay_and_the_next_unit(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell
) -> None:
    """The video ended on a black frame with nothing offered. Now: Replay, and Next: <title>,
    the keyboard on Next (Enter opens it through the shell), never moving on by itself."""
    view = open_view()
    wait_loaded(qtbot, view)
    panel = view.end_panel
    assert not view.end_offered
    view.activateWindow()
    view.surface.setFocus()
    qtbot.waitUntil(view.surface.hasFocus, timeout=LONG)
    view.seek_to(9.0)
    qtbot.keyClick(view.surface, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view.end_offered, timeout=LONG)
    assert panel.replay_button.text() == "Replay"
    assert panel.next_button.text() == "Next: \u2068Les caract\u00e9ristiques d'un MOOC\u2069"
    qtbot.waitUntil(panel.next_button.hasFocus, timeout=LONG)
    assert view.surface.rect().contains(panel.geometry()), "over the picture"
    assert abs(panel.geometry().center().x() - view.surface.rect().center().x()) <= 1
    # The end's handling is done, down to what it posted and the timers it started for the
    # next second: nothing moved on meanwhile, and no timer of the view is left to do it.
    events_handled(qtbot, timers_within_ms=1000)
    assert shell.opened_units == [], "no moving on by itself"
    # (the heartbeat, which saves progress every 30 s, never opens a unit)
    timers = [t for t in view.findChildren(QTimer) if t is not view._heartbeat]
    assert not any(t.isActive() for t in timers), "nothing left to move on later"
    qtbot.keyClick(panel.next_button, Qt.Key.Key_Return)
    assert shell.opened_units == ["definition-lecture"]

    # Replay: from the start again, the panel gone and the keyboard back on the picture
    qtbot.keyClick(panel.next_button, Qt.Key.Key_Backtab)
    assert panel.replay_button.hasFocus()
    qtbot.keyClick(panel.replay_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.is_playing, timeout=LONG)
    assert not view.end_offered and view.surface.hasFocus()
    assert view.current_time() < 5.0
    replayed = [s for s in shell.store.statements() if st.verb_name(s) == "played"][-1]
    assert replayed["result"]["extensions"][st.VIDEO_TIME] == pytest.approx(0.0, abs=0.5)
    view.pause()
    qtbot.waitUntil(lambda: not view.is_playing, timeout=LONG)


def test_the_last_unit_offers_replay_only(qtbot, open_view: OpenView, shell: Shell) -> None:  # type: ignore[no-untyped-def]
    from player.ui.video.ending import next_unit

    units = [u for _, u in shell.course.units()]
    assert next_unit(shell.course, units[0]) == units[1]
    assert next_unit(shell.course, units[-1]) is None
    view = open_view()
    view.next_unit = None  # as for a course's last unit
    view.ending.offer()
    assert view.end_offered and not view.end_panel.next_button.isVisible()
    assert view.end_panel.default_button() is view.end_panel.replay_button


def _hold(widget: QWidget, key: Qt.Key, repeats: int) -> None:
    """A key held down: one press, then the auto-repeated ones the system sends."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    for index in range(repeats + 1):
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, "", index > 0)
        QApplication.sendEvent(widget, event)
    release = QKeyEvent(QEvent.Type.KeyRelease, key, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, release)


def test_a_held_arrow_key_is_recorded_as_one_seek(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell
) -> None:
    """Right held down repeats some 30 times a second, and each repeat was one `seeked`
    statement and one store transaction. Seeks in a row are one now, from where the first
    started to where the last went, recorded when the keys settle or before the next event."""
    view = open_view()
    wait_loaded(qtbot, view)
    _hold(view.surface, Qt.Key.Key_Right, 30)
    assert view.current_time() == pytest.approx(10.56)
    qtbot.waitUntil(lambda: "seeked" in shell.store.verbs(), timeout=LONG)
    events_handled(qtbot)
    # Nothing more comes: no seek is left to be recorded later, nor a settle timer to do it.
    assert view.playback._seek is None and not view.playback._seek_settle.isActive()
    seeks = [s for s in shell.store.statements() if st.verb_name(s) == "seeked"]
    assert len(seeks) == 1
    assert seeks[0]["result"]["extensions"][st.VIDEO_TIME_FROM] == 0.0
    assert seeks[0]["result"]["extensions"][st.VIDEO_TIME_TO] == 10.56

    _hold(view.surface, Qt.Key.Key_Left, 2)  # 10.56 -> 5.56 -> 0.56 -> 0
    qtbot.keyClick(view.surface, Qt.Key.Key_Space)  # at once: the seek comes first
    qtbot.waitUntil(lambda: view.is_playing, timeout=LONG)
    assert shell.store.verbs()[-2:] == ["seeked", "played"]
    back = [s for s in shell.store.statements() if st.verb_name(s) == "seeked"][-1]
    assert back["result"]["extensions"][st.VIDEO_TIME_FROM] == 10.56
    assert back["result"]["extensions"][st.VIDEO_TIME_TO] == 0.0
    view.pause()
    qtbot.waitUntil(lambda: not view.is_playing, timeout=LONG)


def test_a_missing_quality_falls_back_to_another_with_a_notice(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell, tmp_path: Path
) -> None:
    """The 720p file gone: the whole video was replaced by the problem page, though the 360p
    file was there. It plays in 360p now, and a notice says why (with Repair). Picking 720p
    while 360p plays had the same end: the playing video went away; now it plays on."""
    unit = shell.course.unit(UNIT)
    assert isinstance(unit, VideoUnit)
    gone = next(v.file.sha256 for v in unit.variants if v.label == "720p")

    def blob(sha256: str) -> Path:
        return tmp_path / "gone" if sha256 == gone else shell.library.blob_path(sha256)

    view = open_view(screen_height=720, blob_path=blob)
    assert not view.has_problem
    assert view.variant.label == "360p" and view.quality.currentText() == "360p"
    assert view.notice_bar.isVisible() and view.notice_repair.isVisible()
    assert "missing" in view.notice.text() and "360p" in view.notice.text()
    wait_loaded(qtbot, view)
    assert view.player.source().toLocalFile().endswith(view.variant.file.sha256)

    view.play()
    qtbot.waitUntil(lambda: view.current_time() > 1.0, timeout=LONG)
    view.quality.setCurrentIndex(view.quality.findText("720p"))
    assert not view.has_problem and view.is_playing
    assert view.variant.label == "360p" and view.quality.currentText() == "360p"
    at = view.current_time()
    qtbot.waitUntil(lambda: view.current_time() > at + 0.5, timeout=LONG)
    view.pause()
    qtbot.waitUntil(lambda: not view.is_playing, timeout=LONG)


def test_the_buttons_follow_a_style_replaced_while_the_view_is_open(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, qapp: QApplication
) -> None:
    """The view kept the QStyle it was made with; QApplication.setStyle deletes the one it
    replaces (KDE's platform theme does it when the user picks another widget style), and the
    next icon asked of it crashed the process (a segfault in _update_buttons, met at a test's
    teardown in a full run after another test had set the theme's style)."""
    from PySide6.QtWidgets import QStyleFactory

    view = open_view()
    wait_loaded(qtbot, view)
    before = qapp.style()
    qapp.setStyle(QStyleFactory.create("Fusion"))  # the one before is deleted
    assert qapp.style() is not before
    view.play_button.click()  # icons asked of the style of the moment
    qtbot.waitUntil(lambda: view.play_button.text() == "Pause", timeout=LONG)
    view.mute_button.click()
    assert view.mute_button.text() == "Unmute"
    assert not view.play_button.icon().isNull()


def test_a_closed_view_is_not_translated_again(qtbot, open_view: OpenView) -> None:  # type: ignore[no-untyped-def]
    """A language change reaching a view closed and waiting for deleteLater (its media torn
    down) set its texts again: a full run died of a segmentation fault in _update_buttons at a
    test's teardown, from a closed course's view."""
    from PySide6.QtCore import QEvent

    view = open_view()
    wait_loaded(qtbot, view)
    view.close_unit()
    view.play_button.setText("untouched")
    QApplication.sendEvent(view, QEvent(QEvent.Type.LanguageChange))
    assert view.play_button.text() == "untouched"


def test_its_audio_output_is_made_in_cpp(open_view: OpenView) -> None:
    """The FFmpeg audio renderer's thread calls the output's `disconnectNotify`; on one made
    from Python (`QAudioOutput(self)`) that call waited for the GIL: a deadlock seen once
    (player/ui/audio_output.py)."""
    view = open_view()
    assert view.player.audioOutput() is view.audio
    assert not Shiboken.createdByPython(view.audio)
