"""The slides unit view: PDF pages (QtPdf) fitted to the window or zoomed, and the narration.

With narration the audio leads: the page shown is the one whose start time the narration has
passed, and turning a page moves the narration to that page's start. Without narration, every
page shown counts as seen; seeing them all completes the deck (the store decides).

A zoomed page larger than the window scrolls with the arrows and PageUp/PageDown; the page
turns (or the narration moves) only when the key is pressed at that edge of the page.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QKeyEvent, QPalette, QResizeEvent
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScrollBar,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from player.course.manifest import Course, SlidesUnit
from player.ui.audio_output import audio_output
from player.ui.combo_name import name_combo
from player.ui.layouts import nested
from player.ui.page_canvas import PageCanvas
from player.ui.recorder import narration_point
from player.ui.resume import clock
from player.ui.unit_view import FileProblem, UnitServices, UnitView
from player.ui.video.media import stop_later
from player.ui.video.seek_bar import SEEK_SHORT, SeekBar
from player.ui.video.speed import SpeedBox

ZOOM_STEP = 1.25
ZOOM_MIN = 0.5
ZOOM_MAX = 4.0

_CONTROLS_STYLE = """
QToolButton:focus, QComboBox:focus, QSlider:focus {
    border: 2px solid palette(highlight); border-radius: 3px;
}
"""


NARRATION_LEAST = 160  # px: the narration bar's least width beside the other controls


class _ControlBar(QWidget):
    """The controls under the page in one row, or the narration's on a row of their own above
    the others when beside them its bar would be narrower than NARRATION_LEAST: at 853x480
    (1280x720 at 150 %) it shrank to its knob. Decided from the bar's width alone, so the
    window may still narrow and the switch never feeds back on itself."""

    narration_at = 3  # in the row: after the page buttons, before the stretch for when wrapped

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setStyleSheet(_CONTROLS_STYLE)
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(8, 0, 8, 6)
        self.rows.setSpacing(4)
        self.row = QHBoxLayout()
        self.narration = QWidget(self)  # play, position, time, speed
        self.narration_row = QHBoxLayout(self.narration)
        self.narration_row.setContentsMargins(0, 0, 0, 0)
        self.narration_bar: QWidget | None = None
        nested(self.rows, self.row)

    def arrange(self) -> None:
        if self.narration_bar is None or self.narration.isHidden():
            return
        # The row's widgets, the bar's children: `itemAt` would wrap its items (layouts.py).
        shown = [
            w
            for w in self.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
            if w is not self.narration and w.isVisible() and self.row.indexOf(w) >= 0
        ]
        one_row = (
            self.rows.contentsMargins().left()
            + self.rows.contentsMargins().right()
            + sum(w.sizeHint().width() for w in shown)
            + self.row.spacing() * len(shown)
            + self.narration_row.sizeHint().width()
            - self.narration_bar.sizeHint().width()
            + NARRATION_LEAST
        )
        wrapped = self.row.indexOf(self.narration) < 0
        if self.width() >= one_row and wrapped:
            self.rows.removeWidget(self.narration)
            self.row.insertWidget(self.narration_at, self.narration, 1)
        elif self.width() < one_row and not wrapped:
            self.row.removeWidget(self.narration)
            self.rows.insertWidget(0, self.narration)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.arrange()


class _PageArea(QScrollArea):
    """Scrolls a zoomed page; page keys go to the view instead of scrolling."""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        event.ignore()


class SlidesView(UnitView):
    def __init__(
        self,
        unit: SlidesUnit,
        course: Course,
        services: UnitServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(unit, course, services, parent)
        self.slides = unit
        self.narration = unit.narration
        self.page = 0
        self.zoom = 1.0  # 1.0: the whole page fits the window
        self._shown_once = False
        self.document = QPdfDocument(self)
        self.player: QMediaPlayer | None = None
        self.audio: QAudioOutput | None = None
        self._narration_ok = False
        self._narration_at = 0.0  # seconds: what the learner heard up to, our own copy
        self._pending_resume: float | None = None
        # Until the audio has loaded and while the learner has not moved, the stored point is
        # saved unchanged: the audio's length, which decides a point near the end, is unknown.
        self._resume_undecided = False
        self._closing = False
        self._build()
        self._built()
        if not self._open_document():
            return
        start_page = 0
        if self.narration is not None:
            resume = self.recorder.resume_narration() if self.recorder else 0.0
            self._resume_undecided = self.recorder is not None
            start_page = self.narration.page_at(resume)
            self._open_narration(resume)
        elif self.recorder is not None:
            start_page = self.recorder.resume_page()
        self.show_page(start_page, seek=False)

    # -- building ------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.area = _PageArea(self.content)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.area.setBackgroundRole(QPalette.ColorRole.Dark)
        self.area.setWidgetResizable(False)
        self.canvas = PageCanvas(self.document)
        self.area.setWidget(self.canvas)
        self.area.viewport().installEventFilter(self)
        layout.addWidget(self.area, 1)

        self.control_bar = _ControlBar(self.content)
        bar = self.control_bar
        row = bar.row
        icon = QStyle.StandardPixmap
        # Arrows in text, not the style's arrow icons: those are triangles, the play icon's shape.
        self.previous_button = self._button(bar, None)
        self.previous_button.clicked.connect(lambda: self.turn(-1))
        self.page_label = QLabel(bar)
        self.next_button = self._button(bar, None)
        self.next_button.clicked.connect(lambda: self.turn(1))
        row.addWidget(self.previous_button)
        row.addWidget(self.page_label)
        row.addWidget(self.next_button)

        narration = bar.narration
        self.play_button = self._button(narration, icon.SP_MediaPlay)
        self.play_button.clicked.connect(self.toggle_play)
        self.narration_bar = SeekBar(narration)
        self.narration_bar.seek_requested.connect(self.seek_narration)
        bar.narration_bar = self.narration_bar
        self.time_label = QLabel(narration)
        self.speed = SpeedBox(narration)
        self.speed.select(self.services.playback.speed)
        self.speed.currentIndexChanged.connect(self._on_speed)
        self.speed.installEventFilter(self)
        bar.narration_row.addWidget(self.play_button)
        bar.narration_row.addWidget(self.narration_bar, 1)
        bar.narration_row.addWidget(self.time_label)
        bar.narration_row.addWidget(self.speed)
        row.addWidget(narration, 1)
        row.addStretch(0)  # the room the narration leaves when on its own row
        if self.narration is None:
            narration.hide()
        else:
            self.narration_bar.set_length(self.narration.duration)

        self.zoom_out_button = self._button(bar, None)
        self.zoom_out_button.clicked.connect(lambda: self.set_zoom(self.zoom / ZOOM_STEP))
        self.fit_button = self._button(bar, None)
        self.fit_button.clicked.connect(lambda: self.set_zoom(1.0))
        self.zoom_in_button = self._button(bar, None)
        self.zoom_in_button.clicked.connect(lambda: self.set_zoom(self.zoom * ZOOM_STEP))
        for button in (self.zoom_out_button, self.fit_button, self.zoom_in_button):
            row.addWidget(button)
        layout.addWidget(bar)

        order = [self.canvas, self.previous_button, self.next_button]
        if self.narration is not None:
            order += [self.play_button, self.narration_bar, self.speed]
        order += [self.zoom_out_button, self.fit_button, self.zoom_in_button]
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)
        self.setFocusProxy(self.canvas)

    def _button(self, parent: QWidget, icon: QStyle.StandardPixmap | None) -> QToolButton:
        button = QToolButton(parent)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if icon is None:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        else:
            button.setIcon(self.style().standardIcon(icon))
        return button

    def _name(self, button: QToolButton, name: str, key: str, text: str | None = None) -> None:
        button.setText(name if text is None else text)
        button.setAccessibleName(name)
        button.setToolTip(self.tr("{action} ({key})").format(action=name, key=key))

    def retranslate(self) -> None:
        super().retranslate()
        self._name(self.previous_button, self.tr("Previous slide"), "PageUp", "\u2190")
        self._name(self.next_button, self.tr("Next slide"), "PageDown", "\u2192")
        self._name(self.zoom_out_button, self.tr("Zoom out"), "Ctrl+-", "\u2212")
        self._name(self.fit_button, self.tr("Fit to window"), "Ctrl+0", self.tr("Fit"))
        self._name(self.zoom_in_button, self.tr("Zoom in"), "Ctrl++", "+")
        self.narration_bar.setAccessibleName(self.tr("Position in the narration"))
        self.narration_bar.setToolTip(self.tr("Narration (Left/Right: 5 s)"))
        name_combo(self.speed, self.tr("Narration speed"))
        self.speed.setToolTip(self.tr("Narration speed ([ slower, ] faster)"))
        self._update_play_button()
        self._update_labels()
        self.control_bar.arrange()  # the texts' widths changed
        if self._shown_once and not self.has_problem:
            self._render()

    def _open_document(self) -> bool:
        try:
            path = self.file_path(self.slides.document)
        except FileProblem as exc:
            self.show_problem(str(exc))
            return False
        error = self.document.load(str(path))
        if error == QPdfDocument.Error.IncorrectPassword:  # no password to ask the learner for
            self.show_problem(
                self.tr("The slides cannot be shown: the PDF file is protected by a password.")
            )
            return False
        if error != QPdfDocument.Error.None_:
            self.show_problem(
                self.tr("The slides cannot be shown: the PDF file is damaged ({detail}).").format(
                    detail=error.name
                )
            )
            return False
        if self.document.pageCount() < max(1, self.slides.pages):  # an empty one loads fine
            self.show_problem(
                self.tr(
                    "The slides cannot be shown: the PDF has {found} pages, not {expected}."
                ).format(found=self.document.pageCount(), expected=self.slides.pages)
            )
            return False
        self.canvas.read_sizes(self.slides.pages)
        return True

    def _open_narration(self, resume: float) -> None:
        assert self.narration is not None
        try:
            path = self.file_path(self.narration.audio)
        except FileProblem as exc:
            self._narration_failed(str(exc))
            return
        self.player = QMediaPlayer(self)
        self.audio = audio_output(self)  # made in C++: see audio_output.py
        self.player.setAudioOutput(self.audio)
        self.player.setPitchCompensation(True)
        prefs = self.services.playback
        self.player.setPlaybackRate(self.speed.value)
        self.audio.setVolume(prefs.volume)
        self.audio.setMuted(prefs.muted)
        self.player.positionChanged.connect(self._on_player_position)
        self.player.durationChanged.connect(self._on_duration)
        self.player.playbackStateChanged.connect(self._on_state)
        self.player.errorOccurred.connect(self._on_error)
        self._pending_resume = resume
        self.player.mediaStatusChanged.connect(self._on_status)
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self._narration_ok = True
        self._on_narration(resume)

    def _on_status(self, status: QMediaPlayer.MediaStatus) -> None:
        if status == QMediaPlayer.MediaStatus.LoadedMedia and self._pending_resume is not None:
            resume, self._pending_resume = self._pending_resume, None
            self._resume_undecided = False
            if resume > 0 and self.player is not None:
                self.player.setPosition(round(resume * 1000))
            self._on_narration(resume)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia and self.player is not None:
            self._on_error(QMediaPlayer.Error.FormatError, self.player.errorString())

    def _on_error(self, error: QMediaPlayer.Error, detail: str) -> None:
        if error != QMediaPlayer.Error.NoError:
            self._narration_failed(
                self.tr("its audio file may be damaged ({detail}).").format(detail=detail)
            )

    def _narration_failed(self, reason: str) -> None:
        self._narration_ok = False
        if self.player is not None:
            stop_later(self.player)  # not player.stop(): see video/media.py
        self.play_button.setEnabled(False)
        self.narration_bar.setEnabled(False)
        self.speed.setEnabled(False)
        self.show_notice(
            self.tr(
                "The narration cannot be played: {reason} The slides can still be read."
            ).format(reason=reason),
            repair=True,
        )

    # -- pages ---------------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return self.slides.pages

    def _fit_scale(self) -> float:
        """Pixels per point for the whole page in the window, however large the page (its
        render is bounded by page_canvas.RENDER_PIXELS_MAX, not by a least scale); above 0 in a
        window too small for it, where the page is a pixel (`PageCanvas.page_size`)."""
        points = self.canvas.point_size(self.page)
        if points.isEmpty():
            return 1.0
        room = self.area.viewport().size()
        across = (room.width() - 8) / points.width()
        return max(1e-9, min(across, (room.height() - 8) / points.height()))

    def show_page(self, page: int, *, seek: bool = True) -> None:
        """Show `page` (0-based). A turn by the learner moves the narration to its start."""
        if self.has_problem:
            return
        page = min(max(page, 0), self.page_count - 1)
        changed = page != self.page or not self._shown_once
        self.page = page
        self._shown_once = True
        self._render()
        if changed:  # a zoomed page is read from its top
            self.area.verticalScrollBar().setValue(0)
        narration_time: float | None = None
        if self.narration is not None:
            if seek:  # the learner's turn: the stored point gives way to this page's start
                self._resume_undecided = False
                start = self.narration.slide_starts[page]
                if self.player is not None and self._narration_ok:
                    self._move_narration(start)
                    self._on_narration(start, follow=False)
            narration_time = self._position()
        if changed:
            self._record(lambda r: r.slide_shown(page, narration_time))
        self._update_labels()

    def turn(self, step: int) -> None:
        self.touch()
        self.show_page(self.page + step)

    def _render(self) -> None:
        self.canvas.show_page(self.page, self._fit_scale() * self.zoom)
        self.canvas.setAccessibleName(
            self.tr("Slide {page} of {count}").format(page=self.page + 1, count=self.page_count)
        )

    def set_zoom(self, zoom: float) -> None:
        self.zoom = min(max(zoom, ZOOM_MIN), ZOOM_MAX)
        if not self.has_problem:
            self._render()
        self._update_labels()

    def _update_labels(self) -> None:
        self.page_label.setText(
            self.tr("Slide {page} of {count}").format(page=self.page + 1, count=self.page_count)
        )
        self.previous_button.setEnabled(self.page > 0)
        self.next_button.setEnabled(self.page < self.page_count - 1)
        self.fit_button.setEnabled(self.zoom != 1.0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The page area changed size: fit the page again. `[` `]` win over the speed box's
        type-to-select, Space and K (play or pause the narration) over its opening and its
        type-to-select, as over the video's lists (r5: Space opened the closed speed list)."""
        if (
            isinstance(watched, SpeedBox)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and (event.text() in ("[", "]") or event.key() in (Qt.Key.Key_Space, Qt.Key.Key_K))
            and self.handle_key(event)
        ):
            return True
        if (
            watched is self.area.viewport()
            and event.type() == QEvent.Type.Resize
            and self._shown_once
            and not self.has_problem
        ):
            self._render()
        return super().eventFilter(watched, event)

    # -- narration -----------------------------------------------------------------------------

    @property
    def is_playing(self) -> bool:
        return (
            self.player is not None
            and self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState
        )

    def _narration_time(self) -> float:
        return self._narration_at

    def _on_player_position(self, ms: int) -> None:
        # Until the resume point is applied, the player reports 0: not where the learner is.
        if self._pending_resume is None and not self._closing and self._narration_ok:
            if self._stopped_short_of_page(ms):
                return
            self._on_narration(ms / 1000)

    def _stopped_short_of_page(self, ms: int) -> bool:
        """Audio shorter than the manifest's timing: a page starting after the audio's end
        was turned to, and the player stopped at that end. The page must not follow it back."""
        assert self.narration is not None and self.player is not None
        length = self.player.duration()
        return 0 < length <= ms + 50 and self.narration.slide_starts[self.page] * 1000 > ms

    def toggle_play(self) -> None:
        if self.player is None or not self._narration_ok:
            return
        self.touch()
        if self.is_playing:
            self.player.pause()
        else:
            self.player.play()

    def seek_narration(self, seconds: float) -> None:
        if self.player is None or not self._narration_ok or self.narration is None:
            return
        self.touch()
        target = min(max(seconds, 0.0), self._narration_length())
        self._move_narration(target)
        self._on_narration(target)

    def _move_narration(self, seconds: float) -> None:
        if self._pending_resume is not None:  # not loaded yet: go there once it is
            self._pending_resume = seconds
            self._resume_undecided = False
        elif self.player is not None:
            self.player.setPosition(round(seconds * 1000))

    def _narration_length(self) -> float:
        """The manifest's duration, or the audio's once the player knows it if longer: audio
        running past the declared duration is heard to its end, so the bar and clock reach it."""
        assert self.narration is not None
        audio = 0.0
        if self.player is not None and self._narration_ok:
            audio = self.player.duration() / 1000
        return max(self.narration.duration, audio)

    def _on_duration(self, _ms: int) -> None:
        if not self._closing and self._narration_ok:
            self._show_time()

    def _show_time(self) -> None:
        """The bar and the clock; the time shown never passes the total shown."""
        total = self._narration_length()
        if self.narration_bar.maximum() != round(total * 1000):
            self.narration_bar.set_length(total)
        shown = min(self._narration_at, total)
        self.narration_bar.set_time(shown)
        self.time_label.setText(f"{clock(shown)} / {clock(total)}")

    def _on_narration(self, seconds: float, *, follow: bool = True) -> None:
        assert self.narration is not None
        self._narration_at = seconds
        self._show_time()
        if follow and self._shown_once:
            page = self.narration.page_at(seconds)
            if page != self.page:
                self.show_page(page, seek=False)

    def _on_speed(self, _index: int) -> None:
        """The speed is the learner's, shared with the videos (the same steps, `[` and `]`)."""
        self.services.playback.speed = self.speed.value
        if self.player is not None and self._narration_ok:
            self.player.setPlaybackRate(self.speed.value)

    def _on_state(self, _state: QMediaPlayer.PlaybackState) -> None:
        self._update_play_button()

    def _update_play_button(self) -> None:
        playing = self.is_playing
        text = self.tr("Pause") if playing else self.tr("Play")
        pixmap = QStyle.StandardPixmap
        icon = pixmap.SP_MediaPause if playing else pixmap.SP_MediaPlay
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setText(text)
        self.play_button.setAccessibleName(text)
        self.play_button.setToolTip(self.tr("{action} (Space)").format(action=text))

    # -- keys ----------------------------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        if self.has_problem:
            return False
        text = event.text()
        if text in ("[", "]"):  # by text: AltGr makes them on some layouts
            if self.narration is None or not self._narration_ok:
                return False
            self.touch()
            self.speed.step(-1 if text == "[" else 1)
            return True
        key = Qt.Key
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            zoom = {
                key.Key_Plus: lambda: self.set_zoom(self.zoom * ZOOM_STEP),
                key.Key_Equal: lambda: self.set_zoom(self.zoom * ZOOM_STEP),
                key.Key_Minus: lambda: self.set_zoom(self.zoom / ZOOM_STEP),
                key.Key_0: lambda: self.set_zoom(1.0),
            }.get(key(event.key()))
            if zoom is not None:
                zoom()
                return True
            return False
        if modifiers not in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ShiftModifier):
            return False
        narrated = self.narration is not None and self._narration_ok
        if self._scroll_key(key(event.key()), narrated):
            self.touch()
            return True
        actions = {
            key.Key_PageDown: lambda: self.turn(1),
            key.Key_PageUp: lambda: self._turn_from_edge(-1),
            key.Key_Home: lambda: self.show_page(0),
            key.Key_End: lambda: self.show_page(self.page_count - 1),
            key.Key_Plus: lambda: self.set_zoom(self.zoom * ZOOM_STEP),
            key.Key_Minus: lambda: self.set_zoom(self.zoom / ZOOM_STEP),
        }
        if narrated:
            actions[key.Key_Space] = self.toggle_play
            actions[key.Key_K] = self.toggle_play
            now = self._narration_time()
            actions[key.Key_Left] = lambda: self.seek_narration(now - SEEK_SHORT)
            actions[key.Key_Right] = lambda: self.seek_narration(now + SEEK_SHORT)
        else:
            actions[key.Key_Space] = lambda: self.turn(1)
            actions[key.Key_Left] = lambda: self._turn_from_edge(-1, horizontal=True)
            actions[key.Key_Right] = lambda: self._turn_from_edge(1, horizontal=True)
        action = actions.get(key(event.key()))
        if action is None:
            return False
        self.touch()
        action()
        return True

    def _scroll_key(self, pressed: Qt.Key, narrated: bool) -> bool:
        """A page larger than the window (zoomed) scrolls with the arrows and PageUp/PageDown
        (Space too, when it turns pages); only a key pressed at that edge does what it does on
        a page that fits: turn the page (or move the narration), so no part is skipped."""
        key = Qt.Key
        down, across = self.area.verticalScrollBar(), self.area.horizontalScrollBar()
        line = max(down.singleStep(), down.pageStep() // 8)
        steps: dict[Qt.Key, tuple[QScrollBar, int]] = {
            key.Key_Down: (down, line),
            key.Key_Up: (down, -line),
            key.Key_PageDown: (down, down.pageStep()),
            key.Key_PageUp: (down, -down.pageStep()),
            key.Key_Right: (across, max(across.singleStep(), across.pageStep() // 8)),
            key.Key_Left: (across, -max(across.singleStep(), across.pageStep() // 8)),
        }
        if not narrated:
            steps[key.Key_Space] = steps[key.Key_PageDown]
        found = steps.get(pressed)
        if found is None or self.has_problem:
            return False
        bar, step = found
        target = min(max(bar.value() + step, bar.minimum()), bar.maximum())
        if target == bar.value():
            return pressed in (key.Key_Down, key.Key_Up) and bar.maximum() > 0
        bar.setValue(target)
        return True

    def _turn_from_edge(self, step: int, *, horizontal: bool = False) -> None:
        """Turn from a zoomed page's edge: going back shows the page before from its end
        (bottom; right edge too with `horizontal`), going on shows the next from its start."""
        before = self.page
        self.turn(step)
        if self.page == before:
            return
        bars = [self.area.verticalScrollBar()]
        if horizontal:
            bars.append(self.area.horizontalScrollBar())
        for bar in bars:
            bar.setValue(bar.maximum() if step < 0 else bar.minimum())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    # -- UnitView hooks ------------------------------------------------------------------------

    def _position(self) -> float:
        """The resume point to save. A narrated deck's is narration seconds, where it will
        open (`narration_point`: 0 near the audio's end, the start of a page turned to): the
        page's start when the audio cannot be played. Until the audio has loaded and the
        learner has not moved, the point stored stays. Else the 1-based page."""
        if self.narration is not None:
            if self._resume_undecided and self.recorder is not None:
                return self.recorder.left_at
            if self._narration_ok:
                return narration_point(
                    self.narration, self._narration_time(), self.page, self._narration_length()
                )
            return self.narration.slide_starts[self.page]
        return float(self.page + 1)  # the store keeps a deck's page 1-based

    def _media_stop(self) -> float | None:
        position = self._position()
        self._closing = True
        if self._closed:
            self.canvas.release()
        if self.player is not None:
            stop_later(self.player)  # not player.stop(): see video/media.py
        return position

    def _media_position(self) -> float | None:
        return self._position()

    def _media_playing(self) -> bool:
        return self.is_playing
