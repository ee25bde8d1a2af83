"""The slides view given decks a course should not hold but may: no page, a password, a page of
20000 pt, an image that takes seconds to decode (tests/ui/hostile_pdfs.py writes them), and
narration whose audio is shorter than the deck's timing. Real QtPdf, real audio."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
import threading
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions
from shiboken6 import Shiboken

from player.course.manifest import Course, FileRef, SlidesUnit
from player.library.library import Library
from player.ui.page_canvas import RENDER_PIXELS_MAX, PageCanvas
from player.ui.resume import clock, continue_text, resume_point, unit_resume_position
from player.ui.slides_view import ZOOM_MAX, SlidesView
from player.ui.unit_view import create_unit_view
from tests.support import FIXTURES, ROOT
from tests.ui import hostile_pdfs
from tests.ui.unit_support import Shell, dispose, events_handled, install_toy, open_store

LONG = 60_000


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Course]:
    return install_toy(tmp_path_factory.mktemp("toy"))


@pytest.fixture
def shell(toy: tuple[Library, Course], tmp_path: Path) -> Shell:
    library, course = toy
    return Shell(library, course, open_store(tmp_path))


OpenDeck = Callable[..., SlidesView]


@pytest.fixture
def open_deck(qtbot, shell: Shell, tmp_path: Path) -> Iterator[OpenDeck]:  # type: ignore[no-untyped-def]
    """Open the toy deck with `pdf` (bytes) as its document, `pages` pages in the manifest."""
    views: list[SlidesView] = []

    def make(pdf: bytes, pages: int, size: tuple[int, int] = (900, 600), **services):  # type: ignore[no-untyped-def]
        path = tmp_path / f"deck-{len(views)}.pdf"
        path.write_bytes(pdf)
        digest = hashlib.sha256(pdf).hexdigest()
        unit = shell.course.unit("deck")
        assert isinstance(unit, SlidesUnit)
        unit = dataclasses.replace(
            unit, document=FileRef(digest, len(pdf), "application/pdf"), pages=pages, narration=None
        )
        services.setdefault(
            "blob_path", lambda sha: path if sha == digest else shell.library.blob_path(sha)
        )
        view = create_unit_view(unit, shell.course, shell.services(**services))
        assert isinstance(view, SlidesView)
        view.resize(*size)
        view.show()
        qtbot.waitExposed(view)
        views.append(view)
        return view

    yield make
    for view in views:
        if Shiboken.isValid(view):  # not disposed of by the test
            dispose(qtbot, view)


def test_a_pdf_without_pages_says_so(qtbot, open_deck: OpenDeck) -> None:  # type: ignore[no-untyped-def]
    """QtPdf loads a PDF whose page tree is empty without an error: the notice said the file was
    'damaged (None_)', the name of the error code that means no error."""
    view = open_deck(hostile_pdfs.deck(0), pages=3)
    assert view.has_problem
    assert view.problem.message.text() == (
        "The slides cannot be shown: the PDF has 0 pages, not 3."
    )
    qtbot.keyClick(view, Qt.Key.Key_PageDown)  # nothing to turn, no crash


def test_a_password_protected_pdf_says_so(qtbot, open_deck: OpenDeck) -> None:  # type: ignore[no-untyped-def]
    """The learner cannot type a password (nor should): the notice said the file was 'damaged
    (IncorrectPassword)', and a repair fetches the same protected file again."""
    view = open_deck(hostile_pdfs.password_protected(), pages=1)
    assert view.has_problem
    assert view.problem.message.text() == (
        "The slides cannot be shown: the PDF file is protected by a password."
    )


def narration_loaded(view: SlidesView) -> bool:
    return view.player is not None and view.player.mediaStatus() in (
        QMediaPlayer.MediaStatus.LoadedMedia,
        QMediaPlayer.MediaStatus.BufferedMedia,
        QMediaPlayer.MediaStatus.EndOfMedia,
    )


OpenNarrated = Callable[[float, tuple[float, ...]], SlidesView]


def timed(course: Course, duration: float, slide_starts: tuple[float, ...]) -> Course:
    """The toy course whose deck's narration is declared `duration` s long, pages starting at
    `slide_starts` (its audio stays the toy's 4.1 s)."""
    unit = course.unit("deck")
    assert isinstance(unit, SlidesUnit) and unit.narration is not None
    timing = dataclasses.replace(unit.narration, duration=duration, slide_starts=slide_starts)
    deck = dataclasses.replace(unit, narration=timing)
    modules = tuple(
        dataclasses.replace(m, units=tuple(deck if u.id == "deck" else u for u in m.units))
        for m in course.modules
    )
    return dataclasses.replace(course, modules=modules)


@pytest.fixture
def open_narrated(qtbot, shell: Shell) -> Iterator[OpenNarrated]:  # type: ignore[no-untyped-def]
    """Open the toy deck with its narration timed as `duration` and `slide_starts` (the audio
    is the toy's 4.1 s), once the audio is loaded."""
    views: list[SlidesView] = []

    def make(duration: float, slide_starts: tuple[float, ...]) -> SlidesView:
        course = timed(shell.course, duration, slide_starts)
        view = create_unit_view(course.unit("deck"), course, shell.services())  # type: ignore[arg-type]
        assert isinstance(view, SlidesView)
        views.append(view)
        view.resize(900, 600)
        view.show()
        qtbot.waitExposed(view)
        qtbot.waitUntil(lambda: narration_loaded(view), timeout=LONG)
        return view

    yield make
    for view in views:
        if Shiboken.isValid(view):  # not disposed of by the test
            dispose(qtbot, view)


def test_a_page_whose_narration_starts_after_the_audio_ends_stays_shown(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell, open_narrated: OpenNarrated
) -> None:
    """The manifest times 12 s of narration (pages at 0, 5 and 9 s), the audio lasts 4.1 s.
    Turning to page 2 moved the narration to 5 s, the player stopped at its end (4.1 s) and
    the page followed it back to page 1: the learner could not turn the page."""
    view = open_narrated(12.0, (0.0, 5.0, 9.0))
    player = view.player
    assert player is not None and player.duration() < 5000
    handled: list[int] = []  # the player's reports, once the view took them (its slot is first)
    player.positionChanged.connect(handled.append)
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)
    # The player stopped at the audio's end and said so: the report the page followed back.
    qtbot.waitUntil(lambda: any(ms > 4000 for ms in handled), timeout=LONG)
    events_handled(qtbot)  # and whatever the stop posted
    assert player.playbackState() != QMediaPlayer.PlaybackState.PlayingState  # reports no more
    assert view.page == 1
    qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)
    # The turn's seek (9 s, past the end) leaves a paused player where it was: nothing new is
    # reported, and what the turn posted has been handled.
    events_handled(qtbot)
    assert player.playbackState() != QMediaPlayer.PlaybackState.PlayingState  # reports no more
    assert view.page == 2
    assert set(shell.store.unit(shell.course, "deck").pages_seen) == {1, 2, 3}
    view.close_unit()
    assert shell.store.unit(shell.course, "deck").position == 9.0  # reopens at page 3


def _clock_seconds(text: str) -> tuple[int, int]:
    """'0:03 / 0:04' as (3, 4)."""
    shown, total = (
        sum(int(p) * 60**i for i, p in enumerate(reversed(t.split(":")))) for t in text.split(" / ")
    )
    return shown, total


def test_narration_longer_than_the_declared_duration_is_shown_to_its_end(  # type: ignore[no-untyped-def]
    qtbot, open_narrated: OpenNarrated
) -> None:
    """The manifest says 2 s of narration (pages at 0, 0.5 and 1.5 s), the audio lasts 4.1 s.
    The bar and the clock's total stayed at 2 s: the clock read '0:04 / 0:02' at the end, and
    a seek stopped at 2 s, so the last 2 s could not be reached. The total is the audio's once
    the player knows it, the clock never passes it, and the pages still follow their times."""
    view = open_narrated(2.0, (0.0, 0.5, 1.5))
    player = view.player
    assert player is not None and player.duration() > 4000
    assert view.narration_bar.maximum() == player.duration()
    assert view.time_label.text() == "0:00 / 0:04"
    view.seek_narration(3.0)  # past the declared end
    qtbot.waitUntil(lambda: abs(player.position() - 3000) < 100, timeout=LONG)
    assert view.page == 2 and view.narration_bar.value() == 3000
    assert view.time_label.text() == "0:03 / 0:04"
    view.seek_narration(0.6)  # the page keyed to 0.5 s
    assert view.page == 1
    shown: list[str] = []  # the clock after each of the player's reports (the view's slot is first)

    def note(*_: object) -> None:
        shown.append(view.time_label.text())

    player.positionChanged.connect(note)
    player.mediaStatusChanged.connect(note)
    view.toggle_play()
    qtbot.waitUntil(
        lambda: player.mediaStatus() == QMediaPlayer.MediaStatus.EndOfMedia, timeout=LONG
    )
    events_handled(qtbot)  # the reports posted with the end
    shown.append(view.time_label.text())
    assert all(at <= total == 4 for at, total in map(_clock_seconds, shown)), shown
    assert shown[-1] == "0:04 / 0:04"
    assert view.page == 2
    assert view.narration_bar.value() <= view.narration_bar.maximum()


@pytest.mark.parametrize(
    ("stopped", "opens_at", "page"),
    [
        pytest.param(3.0, 3.0, 2, id="left past the declared end: resumes there"),
        pytest.param(1.5, 1.5, 2, id="left near the declared end, far from the audio's"),
        pytest.param(3.9, 0.0, 0, id="left in the audio's last second: from the start"),
    ],
)
def test_narration_longer_than_the_declared_duration_resumes_where_it_was_left(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell, open_narrated: OpenNarrated, stopped: float, opens_at: float, page: int
) -> None:
    """The manifest says 2 s of narration, the audio lasts 4.1 s. The resume point was checked
    against the 2 s: a learner who stopped at 3 s, or at 1.5 s (within 2 s's last second),
    reopened at the start. It is decided once the audio's length is known; near its real end
    the narration still opens at the start."""
    view = open_narrated(2.0, (0.0, 0.5, 1.5))
    view.seek_narration(stopped)
    qtbot.waitUntil(lambda: abs(view.player.position() - stopped * 1000) < 100, timeout=LONG)  # type: ignore[union-attr]
    dispose(qtbot, view)
    assert shell.store.unit(shell.course, "deck").position == pytest.approx(opens_at)
    again = open_narrated(2.0, (0.0, 0.5, 1.5))
    player = again.player
    assert player is not None
    qtbot.waitUntil(lambda: abs(player.position() - opens_at * 1000) < 100, timeout=LONG)
    events_handled(qtbot)  # the player's reports of where it went (made on loading, or posted)
    assert again.page == page
    assert _clock_seconds(again.time_label.text()) == (int(opens_at), 4)
    again.close_unit()
    assert shell.store.unit(shell.course, "deck").position == pytest.approx(opens_at)


@pytest.mark.parametrize(
    ("stopped", "opens_at"),
    [
        pytest.param(3.0, 3.0, id="left past the declared end"),
        pytest.param(1.5, 1.5, id="left near the declared end, far from the audio's"),
        pytest.param(3.9, 0.0, id="left in the audio's last second"),
    ],
)
def test_the_continue_banner_says_where_a_narration_longer_than_declared_reopens(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell, open_narrated: OpenNarrated, stopped: float, opens_at: float
) -> None:
    """The manifest says 2 s of narration, the audio lasts 4.1 s. The view reopened at 3 s (or
    1.5 s) but the Continue banner and the outline's time checked the stored point against the
    declared 2 s and said the deck opens at the start. The view saves the point it will open at
    (it knows the audio's length); the banner shows it as saved, without probing the audio."""
    view = open_narrated(2.0, (0.0, 0.5, 1.5))
    view.seek_narration(stopped)
    qtbot.waitUntil(lambda: abs(view.player.position() - stopped * 1000) < 100, timeout=LONG)  # type: ignore[union-attr]
    dispose(qtbot, view)
    course = timed(shell.course, 2.0, (0.0, 0.5, 1.5))
    store = shell.store
    point = resume_point(course, store.queries.course(store.profile.id, course))
    assert point is not None and point.unit_id == "deck"
    where = continue_text(dataclasses.replace(point, position=0.0))
    assert continue_text(point) == (f"{where} at {clock(opens_at)}" if opens_at else where)
    deck = course.unit("deck")
    assert deck is not None
    assert unit_resume_position(deck, store.unit(course, "deck")) == (opens_at or None)
    again = open_narrated(2.0, (0.0, 0.5, 1.5))  # and the view opens there
    player = again.player
    assert player is not None
    qtbot.waitUntil(lambda: abs(player.position() - opens_at * 1000) < 100, timeout=LONG)


@pytest.mark.parametrize("audio", ["still loading", "missing"])
def test_a_deck_closed_before_its_narration_loads_keeps_where_it_was_left(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell, tmp_path: Path, audio: str
) -> None:
    """Left at 3 s of the 4.1 s audio declared 2 s. Reopened, the deck shows page 1 until the
    audio's length is known (3 s is past the declared end), and that page saved its time, 0 s,
    over the stored 3 s at once and again at the close: closed before the audio loaded (or with
    its file missing), the learner's point was lost. It stays until the learner moves."""
    course = timed(shell.course, 2.0, (0.0, 0.5, 1.5))
    deck = course.unit("deck")
    assert isinstance(deck, SlidesUnit) and deck.narration is not None
    store = shell.store
    session = store.events.unit_opened(store.profile.id, course, "deck")
    store.events.slide_viewed(session, 3)
    store.events.unit_closed(session, 3.0)
    services: dict[str, object] = {}
    if audio == "missing":
        sha = deck.narration.audio.sha256
        services["blob_path"] = lambda wanted: (
            tmp_path / "gone" if wanted == sha else shell.library.blob_path(wanted)
        )
    view = create_unit_view(deck, course, shell.services(**services))
    assert isinstance(view, SlidesView)
    if audio == "missing":
        assert view.player is None
    else:
        assert view._pending_resume is not None  # the audio has not loaded yet
    assert store.unit(course, "deck").position == 3.0
    dispose(qtbot, view)
    assert store.unit(course, "deck").position == 3.0


def _on_white(image: QImage) -> QImage:
    white = QImage(image.size(), QImage.Format.Format_ARGB32)
    white.fill(QColor(255, 255, 255))
    painter = QPainter(white)
    painter.drawImage(0, 0, image)
    painter.end()
    return white


def test_a_page_zoomed_to_the_max_renders_only_what_the_window_shows(  # type: ignore[no-untyped-def]
    qtbot, open_deck: OpenDeck
) -> None:
    """At 4 times in a 1600 x 1000 window the whole page was rendered at 5360 x 3788 (81 MB;
    on a 4K screen, 400 MB, each zoom step and resize), on the UI thread. Now the part in the
    window and a margin, and what is painted is that part of the page."""
    view = open_deck(
        (FIXTURES / "pdf" / "pdfjs-basicapi.pdf").read_bytes(), pages=3, size=(1600, 1000)
    )
    for _ in range(8):
        qtbot.keyClick(view.canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert view.zoom == ZOOM_MAX
    qtbot.waitUntil(view.canvas.rendered, timeout=LONG)
    room = view.area.viewport().size()
    page = view.canvas.size()
    assert page.height() > 3 * room.height()  # zoomed far past the window
    for down in (0.0, 1.0):  # the top left corner, then the bottom right: both with text
        for bar in (view.area.verticalScrollBar(), view.area.horizontalScrollBar()):
            bar.setValue(round(bar.maximum() * down))
        qtbot.waitUntil(view.canvas.rendered, timeout=LONG)
        shown = view.area.viewport().grab().toImage()
        image = view.canvas._image
        assert image is not None
        assert image.width() <= 1.5 * room.width() + 2 and image.height() <= 1.5 * room.height() + 2
        # what the window shows is that part of the page, as a whole render of it would show
        whole = _on_white(view.document.render(view.page, page))
        at = -view.canvas.pos()
        differ = total = ink = 0
        for x in range(10, room.width() - 10, 7):
            for y in range(10, room.height() - 10, 7):
                total += 1
                differ += shown.pixel(x, y) != whole.pixel(at.x() + x, at.y() + y)
                ink += shown.pixel(x, y) != 0xFFFFFFFF
        assert ink > 0 and differ < total * 0.05, (down, ink, differ, total)


def test_a_giant_page_fits_the_window_at_fit(qtbot, open_deck: OpenDeck) -> None:  # type: ignore[no-untyped-def]
    """Fit had a least scale of 0.05 pixel per point: a page of 200000 pt (its MediaBox) was
    10000 pixels at Fit, scrolled in a 900 x 600 window. Fit fits it; zooming still works from
    there, and what is rendered stays bounded (RENDER_PIXELS_MAX)."""
    giant = hostile_pdfs.Page(200_000, 100_000, b"0 g 0 0 100000 50000 re f")
    view = open_deck(hostile_pdfs.pdf([giant]), pages=1)
    qtbot.waitUntil(view.canvas.rendered, timeout=LONG)
    room, fitted = view.area.viewport().size(), view.canvas.size()
    assert fitted.width() <= room.width() and fitted.height() <= room.height(), (fitted, room)
    assert fitted.width() >= room.width() - 20
    assert view.area.horizontalScrollBar().maximum() == 0
    assert view.area.verticalScrollBar().maximum() == 0
    assert view.canvas._image is not None
    image = _on_white(view.canvas._image)
    assert image.width() == fitted.width()  # the whole page, rendered
    ink = image.pixelColor(image.width() // 4, image.height() * 3 // 4)  # the black quarter
    assert ink.lightness() < 64 and image.pixelColor(image.width() * 3 // 4, 2).lightness() > 192
    view.set_zoom(ZOOM_MAX)
    qtbot.waitUntil(view.canvas.rendered, timeout=LONG)
    assert view.canvas.width() > 3 * fitted.width()  # 4 times the fit (less the scroll bar)
    assert view.area.horizontalScrollBar().maximum() > 0


def test_a_giant_page_in_a_huge_window_renders_at_most_the_pixel_budget(  # type: ignore[no-untyped-def]
    qtbot, open_deck: OpenDeck
) -> None:
    """A page of 200000 pt (its MediaBox), zoomed 4 times (24000 pixels) in a window of 7000 x
    6000 (a window across screens): what was rendered was the window and a quarter of it below
    and right, 8732 x 7443 pixels, 260 MB, and more with a larger window. Now at most
    RENDER_PIXELS_MAX: without the margin, then coarser, the same part of the page stretched
    to the window."""
    side = 200_000
    # Black squares in the top left corner (1 pt: 0.12 pixel), where the window shows it.
    squares = b"0 g 2000 190000 6000 6000 re f 12000 184000 8000 12000 re f 300 182500 900 700 re f"
    giant = hostile_pdfs.Page(side, side, squares)
    view = open_deck(hostile_pdfs.pdf([giant]), pages=1, size=(7000, 6000))
    view.set_zoom(ZOOM_MAX)
    qtbot.waitUntil(view.canvas.rendered, timeout=LONG)
    assert view.canvas.width() > 3 * view.area.viewport().width()
    room = view.area.viewport().size()
    assert room.width() * room.height() > RENDER_PIXELS_MAX  # the window alone is over it
    image = view.canvas._image
    assert image is not None and not image.isNull()
    assert image.width() * image.height() <= RENDER_PIXELS_MAX, image.size()
    region = view.canvas._image_region
    assert abs(image.width() / image.height() - region.width() / region.height()) < 0.01
    # The top left corner shows that part of the page, as a render of just it shows it.
    corner = QRect(0, 0, 1200, 900)
    shown = view.area.viewport().grab(corner).toImage()
    options = QPdfDocumentRenderOptions()
    options.setScaledSize(view.canvas.size())
    options.setScaledClipRect(corner.translated(-view.canvas.pos()))
    whole = _on_white(view.document.render(view.page, corner.size(), options))
    differ = total = ink = 0
    for x in range(5, corner.width() - 5, 7):
        for y in range(5, corner.height() - 5, 7):
            total += 1
            differ += (
                abs(QColor(shown.pixel(x, y)).lightness() - QColor(whole.pixel(x, y)).lightness())
                > 64
            )
            ink += QColor(shown.pixel(x, y)).lightness() < 128
    assert ink > total * 0.05 and differ < total * 0.05, (ink, differ, total)


def test_a_page_that_takes_seconds_to_render_leaves_the_window_responsive(  # type: ignore[no-untyped-def]
    qtbot, open_deck: OpenDeck, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 400 KB page whose image decodes to 432 MB takes over a second to render: on the UI
    thread, at each paint of a new size, the window froze that long (7.8 s for a 20000 pixel
    image). Qt's own thread renders it; closing the deck while it runs is safe and quick.
    Checked by what runs where, not by the clock (a loaded machine stretches every stall): the
    UI thread renders nothing itself, never calls into QtPdf while a render is under way (PDFium
    lets one thread in: it would wait for the render), and goes on with its events meanwhile."""
    canvases: list[PageCanvas] = []
    on_ui: list[str] = []  # the QtPdf calls the UI thread made: its own renders
    while_busy: list[str] = []  # and any while a render was under way

    def rendering() -> bool:
        return any(Shiboken.isValid(c) and c._busy is not None for c in canvases)

    def watch(name: str) -> None:
        real = getattr(QPdfDocument, name)

        def watched(self: QPdfDocument, *args: object) -> object:
            if threading.current_thread() is threading.main_thread():
                if name == "render":
                    on_ui.append(name)
                if rendering():
                    while_busy.append(name)
            return real(self, *args)

        monkeypatch.setattr(QPdfDocument, name, watched)

    for name in ("render", "getAllText", "pagePointSize", "pageCount", "pageLabel"):
        watch(name)
    ticks_while_rendering = [0]

    def tick() -> None:
        ticks_while_rendering[0] += rendering()

    ticker = QTimer()
    ticker.timeout.connect(tick)
    ticker.start(10)
    bomb = hostile_pdfs.image_bomb(12000)
    try:
        view = open_deck(bomb, pages=1)
        canvases.append(view.canvas)
        view.resize(1000, 700)  # a new size wanted while the first is on its way
        qtbot.waitUntil(view.canvas.rendered, timeout=LONG)
        assert view.canvas._image is not None and not view.canvas._image.isNull()
        assert (on_ui, while_busy) == ([], [])
        assert ticks_while_rendering[0] > 0  # the UI thread went on while Qt's thread rendered
        closed = open_deck(bomb, pages=1)
        canvases.append(closed.canvas)
        qtbot.waitUntil(lambda: closed.canvas._busy is not None, timeout=LONG)
        renderer = closed.canvas.renderer
        assert closed.canvas._busy  # rendering when the learner leaves
        dispose(qtbot, closed)
        assert Shiboken.isValid(renderer)  # left to end its render: deleting it would wait
        qtbot.waitUntil(lambda: not Shiboken.isValid(renderer), timeout=LONG)  # then deleted
        assert (on_ui, while_busy) == ([], [])
    finally:
        ticker.stop()


def test_an_audio_file_that_is_no_audio_says_so_in_sentences(  # type: ignore[no-untyped-def]
    qtbot, shell: Shell, tmp_path: Path
) -> None:
    """The notice ran two sentences together: '...may be damaged (Could not open file) The
    slides can still be read.' The slides still turn, the speed keys do nothing."""
    bad = tmp_path / "narration.ogg"
    bad.write_bytes(b"OggS" + b"\x00not audio" * 500)
    digest = hashlib.sha256(bad.read_bytes()).hexdigest()
    unit = shell.course.unit("deck")
    assert isinstance(unit, SlidesUnit) and unit.narration is not None
    narration = dataclasses.replace(
        unit.narration, audio=FileRef(digest, bad.stat().st_size, "audio/ogg")
    )
    view = create_unit_view(
        dataclasses.replace(unit, narration=narration),
        shell.course,
        shell.services(
            blob_path=lambda sha: bad if sha == digest else shell.library.blob_path(sha)
        ),
    )
    assert isinstance(view, SlidesView)
    try:
        view.resize(900, 600)
        view.show()
        qtbot.waitExposed(view)
        qtbot.waitUntil(view.notice_bar.isVisible, timeout=LONG)
        notice = view.notice.text()
        assert notice.startswith("The narration cannot be played: its audio file may be damaged (")
        assert notice.endswith("). The slides can still be read.")
        assert not view.play_button.isEnabled()
        qtbot.keyClick(view.canvas, Qt.Key.Key_PageDown)
        assert view.page == 1
    finally:
        dispose(qtbot, view)


def slow_deck(pages: int, side: int) -> bytes:
    """`pages` pages, each 'Slide n' over a side x side image that takes a while to decode."""
    packer, row = zlib.compressobj(9), bytes(side * 3)
    data = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    content = b"q 842 0 0 595 0 0 cm /Im1 Do Q BT /F1 48 Tf 100 300 Td (Slide %d) Tj ET"
    return hostile_pdfs.pdf(
        [hostile_pdfs.Page(content=content % n, images=("Im1",)) for n in range(1, pages + 1)],
        images={"Im1": (side, side, data)},
    )


def test_a_deck_left_mid_render_twenty_times_in_a_row_leaves_nothing_behind(  # type: ignore[no-untyped-def]
    qtbot, open_deck: OpenDeck
) -> None:
    """Opened, turned and left quickly, over and over (a learner skimming the outline): each deck
    left while a page renders keeps its renderer and document until that render ends, its
    result for a page no longer shown is dropped, and then all of them are deleted. The deck
    open last reopens where they were left and shows its own page, rendered, with its text."""
    slow = slow_deck(3, 6000)
    fixture = (FIXTURES / "pdf" / "pdfjs-three_pages_with_number.pdf").read_bytes()
    renderers = []
    left_rendering = 0
    for round_ in range(20):
        view = open_deck(slow if round_ % 2 == 0 else fixture, pages=3)
        qtbot.keyClick(view, Qt.Key.Key_PageDown)  # turned while the first page renders
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
        renderers.append(view.canvas.renderer)
        left_rendering += view.canvas._busy is not None
        dispose(qtbot, view)
    assert left_rendering >= 5
    last = open_deck(slow, pages=3)
    assert last.page == 2  # where every one was left: each close was recorded
    qtbot.keyClick(last, Qt.Key.Key_PageUp)
    qtbot.waitUntil(last.canvas.rendered, timeout=LONG)
    assert last.page == 1 and last.canvas._image_key is not None
    assert last.canvas._image_key[0] == 1
    assert last.canvas.accessibleDescription().strip() == "Slide 2"
    qtbot.waitUntil(lambda: not any(Shiboken.isValid(r) for r in renderers), timeout=LONG)


# The app quit while a page renders: the deck closed first (the window's close), or still open
# (torn down with the application at exit).
QUIT_MID_RENDER = """
import dataclasses, hashlib, sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from player.course.manifest import FileRef
from player.ui.unit_view import create_unit_view
from tests.ui import hostile_pdfs
from tests.ui.unit_support import Shell, install_toy, open_store

app = QApplication([])
work, close_first = Path(sys.argv[1]), sys.argv[2] == "close"
library, course = install_toy(work / "toy")
shell = Shell(library, course, open_store(work / "store"))
pdf = hostile_pdfs.image_bomb(12000)
path = work / "deck.pdf"
path.write_bytes(pdf)
ref = FileRef(hashlib.sha256(pdf).hexdigest(), len(pdf), "application/pdf")
unit = dataclasses.replace(course.unit("deck"), document=ref, pages=1, narration=None)
view = create_unit_view(unit, course, shell.services(blob_path=lambda sha: path))
view.resize(900, 600)
view.show()

def quit_while_rendering():
    if not view.canvas._busy:
        QTimer.singleShot(10, quit_while_rendering)
        return
    print("rendering", flush=True)
    if close_first:
        view.close_unit()
        view.deleteLater()
    app.quit()

QTimer.singleShot(0, quit_while_rendering)
sys.exit(app.exec())
"""


@pytest.mark.parametrize("close_first", [True, False], ids=["deck closed", "deck open"])
def test_quitting_while_a_page_renders_exits_cleanly(tmp_path: Path, close_first: bool) -> None:
    run = subprocess.run(
        [sys.executable, "-c", QUIT_MID_RENDER, str(tmp_path), "close" if close_first else "open"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "rendering" in run.stdout
    assert "QThread: Destroyed while thread" not in run.stderr
