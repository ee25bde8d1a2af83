"""A video's transcript, shown beside the picture: a Transcript button and T when the unit has
one, its Markdown rendered as a reading's is by a worker, the choice kept with the profile, a
file that cannot be shown said in one line in the panel (with the views' repair when it is
missing or altered, in the interface's language), the text size kept as a reading's, and the
words still there when the video cannot play. The demo course's first video has one
(intro-transcription.md)."""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication, QMessageBox

from player.course.manifest import FileRef, VideoUnit
from player.course.reading import render_reading
from player.course.transcript import MAX_TRANSCRIPT_BYTES
from player.ui.library_cards import format_size
from player.ui.tasks import SyncRunner, ThreadPoolRunner
from player.ui.unit_view import IDLE_AFTER, PlaybackPreferences
from player.ui.video.view import VideoView
from tests.ui.unit_support import Shell, dispose, french, screenshot

UNIT = "definition-video"
LONG = 60_000
HEADING = "Qu'est-ce qu'un MOOC ? — transcription"
PARAGRAPH = "En français, on dit CLOM : cours en ligne ouverts aux masses."


@pytest.fixture
def unit(shell: Shell) -> VideoUnit:
    found = shell.course.unit(UNIT)
    assert isinstance(found, VideoUnit) and found.transcript is not None
    return found


OpenView = Callable[..., VideoView]


@pytest.fixture
def open_view(qtbot, shell: Shell, unit: VideoUnit) -> Iterator[OpenView]:  # type: ignore[no-untyped-def]
    views: list[VideoView] = []
    runner = ThreadPoolRunner(2)

    def make(video: VideoUnit | None = None, size=(960, 600), **services: Any) -> VideoView:  # type: ignore[no-untyped-def]
        services.setdefault("tasks", runner)
        view = VideoView(video or unit, shell.course, shell.services(**services))
        view.resize(*size)
        view.show()
        qtbot.waitExposed(view)
        views.append(view)
        return view

    yield make
    for view in views:
        dispose(qtbot, view)
    runner.wait_idle(LONG)


def with_transcript(
    unit: VideoUnit, data: bytes, folder: Path, size: int | None = None
) -> tuple[VideoUnit, Callable[[str], Path], FileRef]:
    """`unit` whose transcript is `data` (its manifest size `size`), and a blob_path finding it."""
    digest = hashlib.sha256(data).hexdigest()
    (folder / digest).write_bytes(data)
    ref = FileRef(digest, len(data) if size is None else size, "text/markdown")
    return dataclasses.replace(unit, transcript=ref), lambda sha: folder / sha, ref


def blobs(shell: Shell, folder: Path) -> Callable[[str], Path]:
    return lambda sha: (folder / sha) if (folder / sha).exists() else shell.library.blob_path(sha)


def test_a_video_without_a_transcript_has_no_button(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, unit: VideoUnit
) -> None:
    view = open_view(dataclasses.replace(unit, transcript=None))
    assert view.transcript_button is None and view.transcript is None
    qtbot.keyClick(view.surface, Qt.Key.Key_T)  # nothing to show, nothing breaks
    assert not view.transcript_shown


def test_the_button_and_t_show_the_transcript_rendered(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView
) -> None:
    """The transcript was packaged and never shown: no button, no key, no panel."""
    prefs = PlaybackPreferences()
    view = open_view(playback=prefs)
    button, panel = view.transcript_button, view.transcript
    assert button is not None and panel is not None
    assert button.isVisible() and button.accessibleName() == "Transcript"
    assert "(T)" in button.toolTip()
    assert not panel.isVisible() and not prefs.transcript
    button.click()
    assert panel.isVisible() and button.isChecked() and prefs.transcript
    qtbot.waitUntil(lambda: PARAGRAPH in panel.text, timeout=LONG)
    text = panel.text
    assert text.startswith(HEADING)  # rendered: no "#", no "**"
    assert "**" not in text and "#" not in text
    html = panel.browser.toHtml()
    assert "font-weight:700" in html or "font-weight:600" in html  # the heading, the bold
    qtbot.keyClick(view.surface, Qt.Key.Key_T)
    assert not panel.isVisible() and not button.isChecked() and not prefs.transcript
    qtbot.keyClick(view.speed, Qt.Key.Key_T)  # over a focused list too, as C and F
    assert panel.isVisible() and button.isChecked() and prefs.transcript
    assert PARAGRAPH in panel.text


def test_the_choice_is_kept_for_the_next_video(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView
) -> None:
    """The learner's profile keeps it (PlaybackPreferences.transcript, saved with the others):
    the next video opens with its transcript shown, the words read at once."""
    view = open_view(playback=PlaybackPreferences(transcript=True))
    assert view.transcript is not None and view.transcript_shown
    assert view.transcript_button is not None and view.transcript_button.isChecked()
    qtbot.waitUntil(lambda: PARAGRAPH in view.transcript.text, timeout=LONG)  # type: ignore[union-attr]


def test_tab_goes_from_the_controls_into_the_open_transcript(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView
) -> None:
    view = open_view(playback=PlaybackPreferences(transcript=True))
    assert view.transcript is not None
    browser = view.transcript.browser
    assert browser.accessibleName() == "Transcript: Qu'est-ce qu'un MOOC\u00a0?"
    view.activateWindow()
    view.fullscreen_button.setFocus()
    qtbot.waitUntil(view.fullscreen_button.hasFocus, timeout=LONG)
    qtbot.keyClick(view.fullscreen_button, Qt.Key.Key_Tab)
    assert browser.hasFocus()
    qtbot.keyClick(browser, Qt.Key.Key_T)  # hidden from where the keyboard is: it goes back
    assert not view.transcript_shown and not browser.hasFocus()


def test_the_panel_takes_a_third_of_the_width_and_the_text_size_of_readings(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView
) -> None:
    view = open_view(size=(1280, 720), playback=PlaybackPreferences(transcript=True, text_size=3))
    panel = view.transcript
    assert panel is not None
    qtbot.waitUntil(lambda: PARAGRAPH in panel.text, timeout=LONG)
    assert panel.width() <= 1280 // 3 + 2, panel.width()
    assert view.stage.width() >= 1280 * 0.6, view.stage.width()
    assert view.fullscreen_button.isVisible()
    assert view.fullscreen_button.geometry().right() <= view.controls.width()
    normal = panel.browser.normal_size
    assert panel.browser.font().pointSizeF() == pytest.approx(normal * 1.15**3)


def test_a_missing_transcript_says_so_in_the_panel(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell, unit: VideoUnit, tmp_path: Path
) -> None:
    assert unit.transcript is not None
    gone = unit.transcript.sha256

    def blob_path(sha: str) -> Path:
        return tmp_path / "absent" if sha == gone else shell.library.blob_path(sha)

    view = open_view(blob_path=blob_path)
    qtbot.keyClick(view.surface, Qt.Key.Key_T)
    assert view.transcript is not None and view.transcript_shown
    assert view.transcript.text == (
        f"A file of this course is missing from this computer ({gone[:12]})."
    )
    assert not view.has_problem  # the video plays on
    view.play()
    qtbot.waitUntil(lambda: view.is_playing, timeout=LONG)


def missing(shell: Shell, unit: VideoUnit, folder: Path) -> Callable[[str], Path]:
    """A blob_path that finds every file of the course but `unit`'s transcript."""
    assert unit.transcript is not None
    gone = unit.transcript.sha256
    return lambda sha: folder / "absent" if sha == gone else shell.library.blob_path(sha)


@pytest.mark.parametrize("fault", ["missing", "altered"])
def test_a_missing_or_altered_transcript_offers_to_repair_the_course(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell, unit: VideoUnit, tmp_path: Path, fault: str
) -> None:
    """The panel said the file was missing and nothing more: the way out every other view
    gives (Repair this course) was out of reach. Its button asks the shell, as theirs do."""
    if fault == "missing":
        blob_path, name = missing(shell, unit, tmp_path), unit.transcript.sha256[:12]  # type: ignore[union-attr]
        line = f"A file of this course is missing from this computer ({name})."
    else:
        good = b"# Transcription\n\nLes mots de la video.\n"
        video, _, ref = with_transcript(unit, good, tmp_path)
        (tmp_path / ref.sha256).write_bytes(good.replace(b"mots", b"MOTS"))  # same size
        unit, blob_path = video, blobs(shell, tmp_path)
        line = f"A file of this course is damaged ({ref.sha256[:12]})."
    view = open_view(unit, blob_path=blob_path)
    panel = view.transcript
    assert panel is not None
    view.show_transcript(True)
    qtbot.waitUntil(lambda: panel.message.isVisible(), timeout=LONG)
    assert panel.text == line
    assert panel.repair.isVisible() and panel.repair.text() == "Repair this course"
    assert panel.repair.accessibleName() == "Repair this course"
    assert not view.has_problem  # the video plays on
    view.activateWindow()
    view.fullscreen_button.setFocus()
    qtbot.waitUntil(view.fullscreen_button.hasFocus, timeout=LONG)
    qtbot.keyClick(view.fullscreen_button, Qt.Key.Key_Tab)
    assert panel.repair.hasFocus()  # where the text would be: the keyboard reaches it
    with qtbot.waitSignal(view.repair_requested, timeout=LONG):
        qtbot.keyClick(panel.repair, Qt.Key.Key_Space)


def test_repair_from_full_screen_leaves_it_for_the_repair_dialog(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell, unit: VideoUnit, tmp_path: Path
) -> None:
    """The panel goes to full screen with the picture; the shell's repair dialog opens over
    the main window, which the full-screen window would hide."""
    view = open_view(blob_path=missing(shell, unit, tmp_path))
    panel = view.transcript
    assert panel is not None
    view.activateWindow()
    view.surface.setFocus()
    qtbot.keyClick(view.surface, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: view.stage.isFullScreen(), timeout=LONG)
    qtbot.keyClick(view.surface, Qt.Key.Key_T)
    qtbot.waitUntil(lambda: panel.repair.isVisible(), timeout=LONG)
    assert panel.window() is view.stage
    with qtbot.waitSignal(view.repair_requested, timeout=LONG):
        panel.repair.click()
    assert not view.is_fullscreen and panel.window() is view.window()


def test_in_french_the_transcript_problem_and_its_repair_are_said_in_french(  # type: ignore[no-untyped-def]
    qtbot, qapp, open_view: OpenView, shell: Shell, unit: VideoUnit, tmp_path: Path
) -> None:
    """The panel's line was set once, in the language of that moment: switched to French
    afterwards, the panel still said it in English."""
    assert unit.transcript is not None
    name = unit.transcript.sha256[:12]
    view = open_view(blob_path=missing(shell, unit, tmp_path), tasks=SyncRunner())
    panel = view.transcript
    assert panel is not None
    view.show_transcript(True)
    assert panel.text == f"A file of this course is missing from this computer ({name})."
    with french(qapp):
        qtbot.waitUntil(lambda: panel.title.text() == "Transcription", timeout=LONG)
        assert panel.text == f"Un fichier de ce cours manque sur cet ordinateur ({name})."
        assert panel.repair.isVisible() and panel.repair.text() == "Réparer ce cours"
        opened = open_view(blob_path=missing(shell, unit, tmp_path), tasks=SyncRunner())
        assert opened.transcript is not None
        opened.show_transcript(True)
        assert opened.transcript.text == panel.text
        assert opened.transcript.repair.accessibleName() == "Réparer ce cours"
        big = MAX_TRANSCRIPT_BYTES + 1
        video, _, _ = with_transcript(unit, b"# Jamais lu\n", tmp_path, size=big)
        refused = open_view(video, blob_path=blobs(shell, tmp_path))
        refused.show_transcript(True)
        assert refused.transcript is not None
        assert refused.transcript.text.startswith("Cette transcription est trop volumineuse")
    qtbot.waitUntil(lambda: panel.title.text() == "Transcript", timeout=LONG)
    assert panel.text == f"A file of this course is missing from this computer ({name})."


def test_a_text_size_change_in_the_transcript_counts_as_studying(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell
) -> None:
    """As in a reading: the learner reading the transcript of a paused video and making its
    text larger is studying; the heartbeat counted them away (the size change was no input)."""
    view = open_view(playback=PlaybackPreferences(transcript=True), tasks=SyncRunner())
    panel = view.transcript
    assert panel is not None and PARAGRAPH in panel.text
    conn = shell.store.database.conn

    def last_active() -> float:
        return conn.execute("SELECT MAX(last_active_at) FROM sessions").fetchone()[0]

    view._last_input -= IDLE_AFTER + 1  # what two idle minutes leave
    before = last_active()
    qtbot.wait(20)
    view._beat()
    assert last_active() == before  # away: no heartbeat
    panel.browser.setFocus()
    qtbot.keyClick(panel.browser, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    view._beat()
    assert last_active() > before


def test_a_transcript_over_the_limit_is_refused_unread(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell, unit: VideoUnit, tmp_path: Path
) -> None:
    huge = MAX_TRANSCRIPT_BYTES + 1
    video, _, ref = with_transcript(unit, b"# Never read\n", tmp_path, size=huge)
    asked: list[str] = []

    def blob_path(sha: str) -> Path:
        asked.append(sha)
        return blobs(shell, tmp_path)(sha)

    view = open_view(video, blob_path=blob_path)
    assert view.transcript is not None
    view.transcript_button.click()  # type: ignore[union-attr]
    assert ref.sha256 not in asked
    size, limit = format_size(huge), format_size(MAX_TRANSCRIPT_BYTES)
    assert view.transcript.text == (
        f"This transcript is too large to show ({size}; the limit is {limit})."
    )
    assert not view.transcript.repair.isVisible()  # a repair brings the same file back


def test_a_transcript_not_in_utf8_says_so(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell, unit: VideoUnit, tmp_path: Path
) -> None:
    video, _, _ = with_transcript(unit, "# Transcription\n\nÉté.\n".encode("latin-1"), tmp_path)
    view = open_view(video, blob_path=blobs(shell, tmp_path))
    view.show_transcript(True)
    assert view.transcript is not None
    qtbot.waitUntil(lambda: view.transcript.message.isVisible(), timeout=LONG)  # type: ignore[union-attr]
    assert view.transcript.text == "The transcript is damaged (not UTF-8)."
    assert not view.transcript.repair.isVisible()  # its hash is the manifest's: as built


def test_a_transcript_holding_control_characters_says_so(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell, unit: VideoUnit, tmp_path: Path
) -> None:
    """UTF-8 holding control characters (from a package built before the build refused them)
    was rendered as garbage instead of the line saying so."""
    data = b"# Transcription\n\nLes mots\x07 de la video.\n"
    video, _, _ = with_transcript(unit, data, tmp_path)
    view = open_view(video, blob_path=blobs(shell, tmp_path))
    view.show_transcript(True)
    panel = view.transcript
    assert panel is not None
    qtbot.waitUntil(lambda: panel.message.isVisible(), timeout=LONG)
    assert panel.text == "The transcript is damaged (it holds control characters)."
    assert not panel.browser.isVisible() and "Transcription" not in panel.browser.toPlainText()
    assert not panel.repair.isVisible()  # its hash is the manifest's: as built


def test_a_transcript_the_system_cannot_read_says_so_in_the_learner_s_words(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line ended with the system's English ("...: Permission denied"): a sentence of its
    own now, the system's words its tooltip. (The tests run as root: no file refuses root, so
    the read is made to fail.)"""

    def refused(*args: object) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("player.ui.video.transcript_panel.read_transcript", refused)
    view = open_view()
    view.show_transcript(True)
    panel = view.transcript
    assert panel is not None
    qtbot.waitUntil(lambda: panel.message.isVisible(), timeout=LONG)
    assert panel.text == "The transcript cannot be shown."
    assert panel.message.toolTip() == "Permission denied"


def test_a_transcript_is_rendered_off_the_ui_thread(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell, unit: VideoUnit, tmp_path: Path, monkeypatch
) -> None:
    """The largest transcript a course may hold (MAX_TRANSCRIPT_BYTES of Markdown: seconds of
    pure Python) is rendered by a worker while the UI thread goes on with its events (checked
    by thread, not by the clock: a loaded machine stretches every stall)."""
    threads: list[threading.Thread] = []
    ui_went_on: list[bool] = []
    ticked = threading.Event()
    ticker = QTimer()
    ticker.timeout.connect(ticked.set)

    def spy(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread())
        ticked.clear()
        rendered = render_reading(*args, **kwargs)
        ui_went_on.append(ticked.wait(10))  # else the UI thread waits for this render
        return rendered

    monkeypatch.setattr("player.ui.video.transcript_panel.render_reading", spy)
    line = "**Orateur** — Du texte dit, avec un mot *appuyé* et un [lien](#definition-lecture).\n\n"
    text = "# Longue transcription\n\n" + line * ((MAX_TRANSCRIPT_BYTES - 30) // len(line.encode()))
    video, _, _ = with_transcript(unit, text.encode(), tmp_path)
    runner = ThreadPoolRunner(1)
    try:
        view = open_view(video, blob_path=blobs(shell, tmp_path), tasks=runner)
        ticker.start(10)
        view.show_transcript(True)
        assert view.transcript is not None and view.transcript.text == ""  # not yet: a worker's
        qtbot.waitUntil(lambda: "Longue transcription" in view.transcript.text, timeout=LONG)  # type: ignore[union-attr]
        assert len(threads) == 1 and threads != [threading.main_thread()]
        assert ui_went_on == [True]
    finally:
        ticker.stop()
        runner.wait_idle(LONG)


def test_a_video_that_cannot_play_leaves_its_transcript_to_read(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell, unit: VideoUnit, tmp_path: Path
) -> None:
    """The old laptop's decoder fails: the problem page said the video cannot be played and
    nothing else, the words of the video there but out of reach."""
    garbage = tmp_path / "garbage"
    garbage.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(range(256)) * 400)
    digest = hashlib.sha256(garbage.read_bytes()).hexdigest()
    variant = dataclasses.replace(
        unit.variants[0], file=FileRef(digest, garbage.stat().st_size, "video/mp4")
    )
    prefs = PlaybackPreferences()
    view = open_view(
        dataclasses.replace(unit, variants=(variant,)),
        blob_path=lambda sha: garbage if sha == digest else shell.library.blob_path(sha),
        playback=prefs,
    )
    qtbot.waitUntil(lambda: view.has_problem, timeout=LONG)
    assert view.problem.message.text() == (
        "The video cannot be played: its file may be damaged. You can still read its transcript."
    )
    panel = view.transcript
    assert panel is not None and panel.isVisible()
    qtbot.waitUntil(lambda: PARAGRAPH in panel.text, timeout=LONG)
    assert not prefs.transcript  # opened for this video, not the learner's choice
    qtbot.keyClick(view.problem.repair, Qt.Key.Key_T)  # T still hides it
    assert not panel.isVisible()
    assert view.player.playbackState() != QMediaPlayer.PlaybackState.PlayingState


def questions() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


def test_a_web_link_asks_before_opening_the_browser_as_in_a_reading(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell
) -> None:
    """A web link in a transcript did nothing when clicked: the reading's question before
    opening the browser was its view's alone. Asked the same; a unit link still opens it."""
    view = open_view(playback=PlaybackPreferences(transcript=True))
    panel = view.transcript
    assert panel is not None
    panel.browser.anchorClicked.emit(QUrl("https://example.org/mooc"))
    shown = questions()
    assert len(shown) == 1 and shown[0].windowTitle() == "Open a web page?"
    assert "example.org/mooc" in shown[0].informativeText()
    shown[0].button(QMessageBox.StandardButton.Cancel).click()
    assert shell.opened_urls == [] and questions() == []
    panel.browser.anchorClicked.emit(QUrl("https://example.org/mooc"))
    questions()[0].button(QMessageBox.StandardButton.Open).click()
    assert shell.opened_urls == ["https://example.org/mooc"]
    panel.browser.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert questions() == [] and shell.opened_urls == ["https://example.org/mooc"]
    panel.browser.anchorClicked.emit(QUrl("unit:video"))
    assert shell.opened_units == ["video"] and questions() == []


def test_in_full_screen_the_transcript_shows_beside_the_picture(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView
) -> None:
    """T in full screen showed or hid the panel in the main window, under the full-screen one:
    the learner saw nothing happen. It goes with the picture, a third of the screen, and back."""
    prefs = PlaybackPreferences()
    view = open_view(playback=prefs)
    panel, button = view.transcript, view.transcript_button
    assert panel is not None and button is not None
    view.activateWindow()
    view.surface.setFocus()
    qtbot.keyClick(view.surface, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: view.stage.isFullScreen(), timeout=LONG)
    qtbot.keyClick(view.surface, Qt.Key.Key_T)
    assert panel.isVisible() and panel.window() is view.stage and prefs.transcript
    qtbot.waitUntil(lambda: PARAGRAPH in panel.text, timeout=LONG)
    qtbot.waitUntil(lambda: panel.width() > 0 and view.surface.width() > 0, timeout=LONG)
    assert panel.x() >= view.surface.geometry().right()  # beside the picture, not over it
    assert panel.width() <= view.stage.width() // 3 + 2, (panel.width(), view.stage.width())
    view.fullscreen_button.setFocus()
    qtbot.keyClick(view.fullscreen_button, Qt.Key.Key_Tab)
    assert panel.browser.hasFocus()  # the keyboard reaches it there too
    qtbot.keyClick(panel.browser, Qt.Key.Key_T)
    assert not panel.isVisible() and not button.isChecked() and not prefs.transcript
    qtbot.keyClick(view.surface, Qt.Key.Key_T)
    assert panel.isVisible() and button.isChecked()
    qtbot.keyClick(view.surface, Qt.Key.Key_Escape)  # back in the window, still shown
    assert not view.is_fullscreen and panel.window() is view.window() and panel.isVisible()
    assert panel.x() >= view.stage.geometry().right()
    qtbot.keyClick(view.surface, Qt.Key.Key_F)  # shown, it goes to full screen with the picture
    qtbot.waitUntil(lambda: view.stage.isFullScreen(), timeout=LONG)
    assert panel.isVisible() and panel.window() is view.stage
    view.close_unit()  # leaves full screen: the panel back where it was
    assert panel.window() is view.window() and not panel.isWindow()


def test_screenshot_of_the_transcript_beside_the_video(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView
) -> None:
    view = open_view(size=(1280, 720), playback=PlaybackPreferences(transcript=True))
    assert view.transcript is not None
    qtbot.waitUntil(lambda: PARAGRAPH in view.transcript.text, timeout=LONG)  # type: ignore[union-attr]
    qtbot.waitUntil(
        lambda: (
            view.player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia
            or view.player.mediaStatus() == QMediaPlayer.MediaStatus.BufferedMedia
        ),
        timeout=LONG,
    )
    qtbot.wait(500)
    path = screenshot(view, "video-transcript-1280x720.png")
    assert path.stat().st_size > 0


def test_the_full_screen_window_shows_the_unit_title_as_written(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, unit: VideoUnit
) -> None:
    """The full-screen window's title is the unit's: Qt read "[*]" there as its unsaved-changes
    marker and dropped it, and a control character showed raw (review r11), as the main
    window's did (review r8)."""
    view = open_view(dataclasses.replace(unit, title="Vidéo [*]\x1bB"))
    view.activateWindow()
    view.surface.setFocus()
    qtbot.keyClick(view.surface, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: view.stage.isFullScreen(), timeout=LONG)
    handle = view.stage.windowHandle()
    assert handle is not None
    assert handle.title() == "Vidéo [*] B"
    qtbot.keyClick(view.surface, Qt.Key.Key_F)
    qtbot.waitUntil(lambda: not view.is_fullscreen, timeout=LONG)
