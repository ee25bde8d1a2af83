"""The slides unit view with real PDFs (QtPdf) and real narration audio (QtMultimedia), on the
small fixture course (3 pages, 4 s of narration starting pages at 0, 1.5 and 3 s) and the demo."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtWidgets import QApplication, QWidget
from shiboken6 import Shiboken

from player.course.manifest import Course, FileRef, SlidesUnit
from player.library.library import Library
from player.ui.slides_view import SlidesView
from player.ui.unit_view import PlaybackPreferences, create_unit_view
from tests.ui.unit_support import (
    Shell,
    dispose,
    french,
    install_demo,
    install_toy,
    open_store,
    screenshot,
)

LONG = 60_000


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Course]:
    return install_toy(tmp_path_factory.mktemp("toy"))


@pytest.fixture
def shell(toy: tuple[Library, Course], tmp_path: Path) -> Shell:
    library, course = toy
    return Shell(library, course, open_store(tmp_path))


OpenView = Callable[..., SlidesView]


@pytest.fixture
def open_view(qtbot, shell: Shell) -> Iterator[OpenView]:  # type: ignore[no-untyped-def]
    views: list[SlidesView] = []

    def make(unit: SlidesUnit | None = None, **services) -> SlidesView:  # type: ignore[no-untyped-def]
        unit = unit or shell.course.unit("deck")  # type: ignore[assignment]
        view = create_unit_view(unit, shell.course, shell.services(**services))  # type: ignore[arg-type]
        assert isinstance(view, SlidesView)
        view.resize(900, 600)
        view.show()
        qtbot.waitExposed(view)
        views.append(view)
        return view

    yield make
    for view in views:
        dispose(qtbot, view)


def pages_seen(shell: Shell, unit_id: str = "deck") -> set[int]:
    return set(shell.store.unit(shell.course, unit_id).pages_seen)


def narration_loaded(view: SlidesView) -> bool:
    return view.player is not None and view.player.mediaStatus() in (
        QMediaPlayer.MediaStatus.LoadedMedia,
        QMediaPlayer.MediaStatus.BufferedMedia,
    )


def test_narration_leads_and_the_page_follows(qtbot, open_view: OpenView, shell: Shell) -> None:  # type: ignore[no-untyped-def]
    view = open_view()
    assert view.page == 0 and view.page_label.text() == "Slide 1 of 3"
    assert pages_seen(shell) == {1}  # the first page is shown, so seen
    qtbot.waitUntil(lambda: narration_loaded(view), timeout=LONG)
    with qtbot.waitSignal(view.completed, timeout=LONG):
        qtbot.keyClick(view.canvas, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: view.page == 1, timeout=LONG)
        qtbot.waitUntil(lambda: view.page == 2, timeout=LONG)
    assert view.is_completed
    assert pages_seen(shell) == {1, 2, 3}
    assert shell.store.unit(shell.course, "deck").completed
    assert shell.store.verbs().count("experienced") == 3


def test_turning_a_page_moves_the_narration(qtbot, open_view: OpenView) -> None:  # type: ignore[no-untyped-def]
    view = open_view()
    qtbot.waitUntil(lambda: narration_loaded(view), timeout=LONG)
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)
    assert view.page == 1
    qtbot.waitUntil(lambda: abs(view.player.position() - 1500) < 100, timeout=LONG)  # type: ignore[union-attr]
    assert view.narration_bar.value() == 1500
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: abs(view.player.position() - 3000) < 100, timeout=LONG)  # type: ignore[union-attr]
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)  # the last page: stays
    assert view.page == 2 and not view.next_button.isEnabled()
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageUp)
    assert view.page == 1
    qtbot.waitUntil(lambda: abs(view.player.position() - 1500) < 100, timeout=LONG)  # type: ignore[union-attr]
    # Playing from there keeps the page, then moves on with the narration.
    view.toggle_play()
    qtbot.waitUntil(lambda: view.page == 2, timeout=LONG)


def test_narration_position_is_resumed(qtbot, open_view: OpenView, shell: Shell) -> None:  # type: ignore[no-untyped-def]
    view = open_view()
    qtbot.waitUntil(lambda: narration_loaded(view), timeout=LONG)
    view.seek_narration(2.0)
    assert view.page == 1
    view.close_unit()
    assert shell.store.unit(shell.course, "deck").position == pytest.approx(2.0)
    again = open_view()
    assert again.page == 1
    qtbot.waitUntil(lambda: narration_loaded(again), timeout=LONG)
    qtbot.waitUntil(lambda: abs(again.player.position() - 2000) < 100, timeout=LONG)  # type: ignore[union-attr]
    assert again.page == 1


def test_without_narration_pages_seen_complete_the_deck(  # type: ignore[no-untyped-def]
    qtbot, open_view: OpenView, shell: Shell
) -> None:
    deck = dataclasses.replace(shell.course.unit("deck"), narration=None)  # type: ignore[type-var]
    view = open_view(deck)
    assert view.player is None and not view.play_button.isVisible()
    assert pages_seen(shell) == {1}
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)
    assert pages_seen(shell) == {1, 2} and not view.is_completed
    with qtbot.waitSignal(view.completed, timeout=LONG):
        qtbot.keyClick(view.canvas, Qt.Key.Key_Right)
    assert pages_seen(shell) == {1, 2, 3}
    qtbot.keyClick(view.canvas, Qt.Key.Key_Home)
    assert view.page == 0
    qtbot.keyClick(view.canvas, Qt.Key.Key_End)
    view.close_unit()
    again = open_view(deck)
    assert again.page == 2  # resumes at the last page shown


def test_fit_and_zoom(qtbot, open_view: OpenView) -> None:  # type: ignore[no-untyped-def]
    view = open_view()
    room = view.area.viewport().size()
    fitted = view.canvas.size()
    assert fitted.width() <= room.width() and fitted.height() <= room.height()
    assert fitted.width() >= room.width() - 20 or fitted.height() >= room.height() - 20
    assert not view.fit_button.isEnabled()
    for _ in range(3):
        qtbot.keyClick(view.canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.canvas.width() > room.width() or view.canvas.height() > room.height()
    assert (
        view.area.verticalScrollBar().maximum() > 0 or view.area.horizontalScrollBar().maximum() > 0
    )
    assert view.fit_button.isEnabled()
    qtbot.keyClick(view.canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert view.canvas.size() == fitted
    view.resize(600, 400)
    qtbot.waitUntil(lambda: view.canvas.size() != fitted, timeout=LONG)
    qtbot.waitUntil(view.canvas.rendered, timeout=LONG)
    image = view.canvas._image
    assert image is not None
    assert (
        not image.isNull() and image.pixelColor(image.width() // 2, image.height() // 2).isValid()
    )


def test_a_zoomed_page_scrolls_with_the_keys_and_turns_at_its_edge(
    qtbot, open_view: OpenView, shell: Shell
) -> None:  # type: ignore[no-untyped-def]
    unit = shell.course.unit("deck")
    assert isinstance(unit, SlidesUnit)
    view = open_view(dataclasses.replace(unit, narration=None))
    for _ in range(4):
        qtbot.keyClick(view.canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    down, across = view.area.verticalScrollBar(), view.area.horizontalScrollBar()
    assert down.maximum() > 0 and across.maximum() > 0
    qtbot.keyClick(view.canvas, Qt.Key.Key_Down)
    assert down.value() > 0 and view.page == 0
    qtbot.keyClick(view.canvas, Qt.Key.Key_Right)
    assert across.value() > 0 and view.page == 0  # scrolled, not turned
    for _ in range(50):
        if down.value() == down.maximum():
            break
        qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)
        assert view.page == 0
    assert down.value() == down.maximum()
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)  # at the bottom: the next page, its top
    assert view.page == 1 and down.value() == 0
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageUp)  # at the top: the page before, its bottom
    assert view.page == 0 and down.value() == down.maximum()
    qtbot.keyClick(view.canvas, Qt.Key.Key_End)
    while across.value() > 0:
        qtbot.keyClick(view.canvas, Qt.Key.Key_Left)
    assert view.page == 2
    qtbot.keyClick(view.canvas, Qt.Key.Key_Left)  # at the left edge: the page before, its end
    assert view.page == 1 and across.value() == across.maximum() > 0
    qtbot.keyClick(view.canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageUp)  # fitted: keys turn pages as before
    assert view.page == 0


def test_controls_have_names_and_are_reachable_by_tab(qtbot, open_view: OpenView) -> None:  # type: ignore[no-untyped-def]
    view = open_view()
    view.activateWindow()
    view.canvas.setFocus()
    qtbot.waitUntil(lambda: view.canvas.hasFocus(), timeout=LONG)
    view.show_page(1)  # both page buttons enabled
    reached = []
    for _ in range(12):
        widget = QApplication.focusWidget()
        if widget in reached:
            break
        reached.append(widget)
        qtbot.keyClick(widget, Qt.Key.Key_Tab)
    expected = [
        view.canvas,
        view.previous_button,
        view.next_button,
        view.play_button,
        view.narration_bar,
        view.speed,
        view.zoom_out_button,
        view.zoom_in_button,  # "Fit" is disabled while the page fits
    ]
    assert reached[: len(expected)] == expected
    for widget in [*expected, view.fit_button]:
        assert widget.accessibleName()
    assert view.canvas.accessibleName() == view.tr("Slide {page} of {count}").format(
        page=2, count=3
    )
    # The page's text, for screen readers: read once page 1's render leaves PDFium free.
    qtbot.waitUntil(lambda: "2" in view.canvas.accessibleDescription(), timeout=LONG)


def _ink(button: QWidget) -> tuple[int, int]:
    """The width and height of what is drawn dark inside a button (its border left out)."""
    picture = button.grab().toImage()
    dark = [
        (x, y)
        for x in range(4, picture.width() - 4)
        for y in range(4, picture.height() - 4)
        if picture.pixelColor(x, y).lightness() < 110
    ]
    assert dark, button.accessibleName()
    xs, ys = [x for x, _ in dark], [y for _, y in dark]
    return max(xs) - min(xs) + 1, max(ys) - min(ys) + 1


def test_page_buttons_do_not_look_like_play(qtbot, open_view: OpenView) -> None:  # type: ignore[no-untyped-def]
    """Previous and next slide are arrows (← →), wide and flat, and play is a triangle: the style's
    page icons were triangles too, and "Next slide" could not be told from "Play"."""
    view = open_view()
    view.show_page(1)  # both page buttons enabled
    assert view.play_button.accessibleName() == "Play"
    width, height = _ink(view.play_button)
    assert width < 1.3 * height, "play: a triangle"
    for button in (view.previous_button, view.next_button):
        width, height = _ink(button)
        assert width >= 1.5 * height, button.accessibleName()
        assert button.icon().isNull(), button.accessibleName()
    assert (view.previous_button.text(), view.next_button.text()) == ("\u2190", "\u2192")
    assert view.next_button.accessibleName() == "Next slide"


def test_missing_pdf_offers_repair(qtbot, open_view: OpenView, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    view = open_view(blob_path=lambda sha256: tmp_path / "gone" / sha256)
    assert view.has_problem and "missing" in view.problem.message.text()
    with qtbot.waitSignal(view.repair_requested):
        view.problem.repair.click()
    qtbot.keyClick(view, Qt.Key.Key_PageDown)  # nothing to turn, no crash


def test_the_focus_given_to_a_view_with_a_problem_goes_to_repair(
    qtbot, open_view: OpenView, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    view = open_view(blob_path=lambda sha256: tmp_path / "gone" / sha256)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.setFocus()  # what the course view does once the unit is open
    assert QApplication.focusWidget() is view.problem.repair
    with qtbot.waitSignal(view.repair_requested):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)


def test_a_deck_whose_narration_fails_saves_narration_seconds(
    qtbot, open_view: OpenView, shell: Shell, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    unit = shell.course.unit("deck")
    assert isinstance(unit, SlidesUnit) and unit.narration is not None
    audio = unit.narration.audio.sha256
    view = open_view(
        blob_path=lambda sha: tmp_path / "gone" if sha == audio else shell.library.blob_path(sha)
    )
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)
    assert view.page == 1
    view._beat()  # the heartbeat, then the close: both keep seconds, never a page number
    assert shell.store.unit(shell.course, "deck").position == unit.narration.slide_starts[1]
    view.close_unit()
    assert shell.store.unit(shell.course, "deck").position == unit.narration.slide_starts[1]


def test_pdf_that_is_no_pdf_offers_repair(
    qtbot, open_view: OpenView, shell: Shell, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(b"%PDF-1.4\n" + b"\x00 not really a pdf " * 300)
    digest = hashlib.sha256(garbage.read_bytes()).hexdigest()
    unit = shell.course.unit("deck")
    assert isinstance(unit, SlidesUnit)
    broken = dataclasses.replace(
        unit, document=FileRef(digest, garbage.stat().st_size, "application/pdf")
    )
    view = open_view(
        broken,
        blob_path=lambda sha: garbage if sha == digest else shell.library.blob_path(sha),
    )
    assert view.has_problem and "PDF" in view.problem.message.text()


def test_missing_narration_keeps_the_slides(
    qtbot, open_view: OpenView, shell: Shell, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    unit = shell.course.unit("deck")
    assert isinstance(unit, SlidesUnit) and unit.narration is not None
    audio = unit.narration.audio.sha256
    view = open_view(
        blob_path=lambda sha: tmp_path / "gone" if sha == audio else shell.library.blob_path(sha)
    )
    assert not view.has_problem
    assert view.notice_bar.isVisible() and view.notice_repair.isVisible()
    assert "narration" in view.notice.text()
    with qtbot.waitSignal(view.repair_requested):
        view.notice_repair.click()
    assert not view.play_button.isEnabled()
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)
    assert view.page == 1


def test_screenshot_of_the_demo_deck(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    library, course = install_demo(tmp_path / "demo")
    demo = Shell(library, course, open_store(tmp_path / "store"))
    view = create_unit_view(course.unit("phenomene-diaporama"), course, demo.services())  # type: ignore[arg-type]
    assert isinstance(view, SlidesView)
    try:
        view.resize(1100, 700)
        view.show()
        qtbot.waitExposed(view)
        assert view.page_count == 8
        view.show_page(1)
        qtbot.waitUntil(lambda: narration_loaded(view), timeout=LONG)
        assert view.narration_bar.value() == 10130
        qtbot.waitUntil(view.canvas.rendered, timeout=LONG)
        assert screenshot(view, "slides.png").stat().st_size > 10_000
    finally:
        dispose(qtbot, view)


def test_narration_speed_keys_change_and_show_the_shared_speed(
    qtbot, qapp, open_view: OpenView, shell: Shell
) -> None:  # type: ignore[no-untyped-def]
    prefs = PlaybackPreferences(speed=1.5)  # as the video view left it
    view = open_view(playback=prefs)
    qtbot.waitUntil(lambda: narration_loaded(view), timeout=LONG)
    assert view.player is not None and view.player.playbackRate() == 1.5
    assert view.speed.isVisible() and "1.5" in view.speed.currentText()
    qtbot.keyClick(view.canvas, "]")
    assert view.player.playbackRate() == 1.75 and prefs.speed == 1.75
    for _ in range(6):
        qtbot.keyClick(view.canvas, "[")
    assert view.player.playbackRate() == 0.5 and prefs.speed == 0.5
    assert "0.5" in view.speed.currentText()
    assert view.speed.accessibleName() == "Narration speed"
    with french(qapp):
        qtbot.waitUntil(
            lambda: view.speed.accessibleName() == "Vitesse de la narration", timeout=LONG
        )
    unit = shell.course.unit("deck")
    assert isinstance(unit, SlidesUnit)
    silent = open_view(dataclasses.replace(unit, narration=None))
    assert not silent.speed.isVisible()


def test_texts_follow_the_interface_language(qtbot, qapp, open_view: OpenView) -> None:  # type: ignore[no-untyped-def]
    view = open_view()
    assert view.next_button.accessibleName() == "Next slide"
    with french(qapp):
        qtbot.waitUntil(lambda: view.page_label.text() == "Diapositive 1 sur 3", timeout=LONG)
        assert view.canvas.accessibleName() == view.page_label.text()
        # until the lead translates "Next slide" (the French proposed: "Diapositive suivante")
        assert view.next_button.accessibleName() in ("Diapositive suivante", "Next slide")
        # The keys in French too, as Qt names them (review s18: "PageUp", "Left/Right").
        assert view.previous_button.toolTip().endswith("(Page préc)")
        assert view.next_button.toolTip().endswith("(Page suiv)")
        assert "Gauche/Droite" in view.narration_bar.toolTip()
    qtbot.waitUntil(lambda: view.next_button.accessibleName() == "Next slide", timeout=LONG)
    assert view.previous_button.toolTip() == "Previous slide (PgUp)"
    assert view.zoom_out_button.toolTip() == "Zoom out (Ctrl+-)"
    assert view.fit_button.toolTip() == "Fit to window (Ctrl+0)"
    assert view.zoom_in_button.toolTip() == "Zoom in (Ctrl++)"
    assert view.narration_bar.toolTip() == "Narration (Left/Right: 5 s)"


def test_the_counter_and_its_spoken_name_use_one_word(qtbot, open_view: OpenView) -> None:  # type: ignore[no-untyped-def]
    """A deck is made of slides (the unit type is `slides`, Help says "previous or next slide"):
    the counter said "Page 1 of 3" while a screen reader said "Slide 1 of 3"."""
    view = open_view()
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)
    assert view.page_label.text() == "Slide 2 of 3"
    assert view.canvas.accessibleName() == view.page_label.text()
    assert view.previous_button.accessibleName() == "Previous slide"
    assert view.next_button.accessibleName() == "Next slide"
    assert view.next_button.toolTip() == "Next slide (PgDown)"  # as Qt names the key


def test_its_narration_s_audio_output_is_made_in_cpp(open_view: OpenView) -> None:
    """The FFmpeg audio renderer's thread calls the output's `disconnectNotify`; on one made
    from Python (`QAudioOutput(self)`) that call waited for the GIL: a deadlock seen once
    (player/ui/audio_output.py)."""
    view = open_view()
    assert view.player is not None and view.audio is not None
    assert view.player.audioOutput() is view.audio
    assert not Shiboken.createdByPython(view.audio)


def test_space_and_k_on_the_speed_list_play_or_pause_the_narration(
    qtbot, open_view: OpenView
) -> None:  # type: ignore[no-untyped-def]
    """r5 #1: on the closed narration speed list Space opened the list and K picked an item
    (type-to-select), as on the video's lists before 56f0c79: both play or pause, as on the
    page; Alt+Down still opens the list."""
    view = open_view()
    qtbot.waitUntil(lambda: narration_loaded(view), timeout=LONG)
    view.activateWindow()
    view.speed.setFocus()
    qtbot.waitUntil(view.speed.hasFocus, timeout=LONG)
    speed = view.speed.currentIndex()
    qtbot.keyClick(view.speed, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: view.is_playing, timeout=LONG)
    assert not view.speed.view().isVisible()
    qtbot.keyClick(view.speed, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: not view.is_playing, timeout=LONG)
    assert view.speed.currentIndex() == speed and not view.speed.view().isVisible()
    qtbot.keyClick(view.speed, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(view.speed.view().isVisible, timeout=LONG)
    view.speed.hidePopup()
