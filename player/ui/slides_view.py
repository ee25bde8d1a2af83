"""The slides unit view: PDF pages (QtPdf) fitted to the window or zoomed, and the narration.

With narration the audio leads: the page shown is the one whose start time the narration has
passed, and turning a page moves the narration to that page's start. Without narration, every
page shown counts as seen; seeing them all completes the deck (the store decides).

A zoomed page larger than the window scrolls with the arrows and PageUp/PageDown; the page
turns (or the narration moves) only when the key is pressed at that edge of the page.

The narration's player and how the page follows it: slides_narration.py (NarratedDeckView, this
view's base class); the control bar's layout and the page's scroll area: slides_controls.py.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QEvent, QKeyCombination, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QFrame, QLabel, QScrollBar, QStyle, QToolButton, QVBoxLayout, QWidget

from player.course.manifest import Course, SlidesUnit
from player.ui.combo_name import name_combo
from player.ui.find_bar import FindBar
from player.ui.key_names import key_name
from player.ui.page_canvas import PageCanvas
from player.ui.pdf_search import RENDER_WAIT_MS, PdfSearch
from player.ui.recorder import narration_point
from player.ui.slides_controls import ControlBar, PageArea
from player.ui.slides_narration import NarratedDeckView
from player.ui.unit_view import FileProblem, UnitServices
from player.ui.video.seek_bar import SEEK_SHORT, SeekBar
from player.ui.video.speed import SpeedBox

ZOOM_STEP = 1.25
ZOOM_MIN = 0.5
ZOOM_MAX = 4.0


class SlidesView(NarratedDeckView):
    def __init__(
        self,
        unit: SlidesUnit,
        course: Course,
        services: UnitServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(unit, course, services, parent)
        self.slides = unit
        self.page = 0
        self.zoom = 1.0  # 1.0: the whole page fits the window
        self._shown_once = False
        self.document = QPdfDocument(self)
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
        self.area = PageArea(self.content)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.area.setBackgroundRole(QPalette.ColorRole.Dark)
        self.area.setWidgetResizable(False)
        self.canvas = PageCanvas(self.document)
        self.area.setWidget(self.canvas)
        self.area.viewport().installEventFilter(self)
        layout.addWidget(self.area, 1)

        self.find_bar = FindBar(self, self.content, slides=True)
        self.search = PdfSearch(self.document, self.slides.pages, lambda: self.canvas.busy, self)
        self.find_bar.query_changed.connect(self._find)
        self.find_bar.step_requested.connect(self._find_step)
        self.find_bar.closed.connect(self._find_closed)
        self.search.changed.connect(self._found)
        layout.addWidget(self.find_bar)

        self.control_bar = ControlBar(self.content)
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

        bar_order = [self.find_bar.field, self.find_bar.previous_button, self.find_bar.next_button]
        order = [self.canvas, *bar_order, self.find_bar.close_button]
        order += [self.previous_button, self.next_button]
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

    def _name(
        self,
        button: QToolButton,
        name: str,
        keys: Qt.Key | QKeyCombination,
        text: str | None = None,
    ) -> None:
        button.setText(name if text is None else text)
        button.setAccessibleName(name)
        button.setToolTip(self.tr("{action} ({key})").format(action=name, key=key_name(keys)))

    def retranslate(self) -> None:
        super().retranslate()
        # The keys of handle_key, as the interface's language names them (« Page préc »).
        key, ctrl = Qt.Key, Qt.Modifier.CTRL
        self._name(self.previous_button, self.tr("Previous slide"), key.Key_PageUp, "\u2190")
        self._name(self.next_button, self.tr("Next slide"), key.Key_PageDown, "\u2192")
        self._name(self.zoom_out_button, self.tr("Zoom out"), ctrl | key.Key_Minus, "\u2212")
        self._name(self.fit_button, self.tr("Fit to window"), ctrl | key.Key_0, self.tr("Fit"))
        self._name(self.zoom_in_button, self.tr("Zoom in"), ctrl | key.Key_Plus, "+")
        self.narration_bar.setAccessibleName(self.tr("Position in the narration"))
        self.narration_bar.setToolTip(
            self.tr("Narration ({left}/{right}: 5 s)").format(
                left=key_name(key.Key_Left), right=key_name(key.Key_Right)
            )
        )
        name_combo(self.speed, self.tr("Narration speed"))
        self.speed.setToolTip(self.tr("Narration speed ([ slower, ] faster)"))
        self.find_bar.retranslate()
        self._found()
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

    # -- find ----------------------------------------------------------------------------------

    def _find(self, query: str) -> None:
        """The word typed changed: search it from the page shown on."""
        self.touch()
        self.canvas.set_mark(None)
        if not self.has_problem:
            self.search.start(query, self.page)

    def _found(self) -> None:
        """More pages searched: the first match from the page shown is gone to, once; the
        count says how many so far."""
        matches = self.search.matches
        if matches.current is None and len(matches) and self.find_bar.isVisible():
            matches.current = matches.first_from((self.page,))
            self._go_to_match()
        bar = self.find_bar
        if not bar.query.strip():
            bar.show_status("")
        elif len(matches):
            bar.show_count(matches.position, len(matches))
        elif not self.search.done:
            bar.show_status(self.tr("Searching…"))
        elif not self.search.has_text:
            bar.show_status(self.tr("This document has no searchable text"))
        else:
            bar.show_status(self.tr("No match"))

    def _find_step(self, step: int) -> None:
        self.touch()
        if self.search.matches.step(step) is not None:
            self._go_to_match()
            self._found()

    def _go_to_match(self) -> None:
        """Turn to the match's page (as the learner would: a narration follows), mark it."""
        match = self.search.matches.current
        if match is None or self.has_problem:
            return
        if match[0] != self.page:
            self.show_page(match[0])
        self._mark_match()

    def _mark_match(self) -> None:
        """Outline the match shown once PDFium is free (a render of the page holds it), and
        scroll a zoomed page to it."""
        match = self.search.matches.current
        if match is None or self._closed or self.find_bar.isHidden():
            return
        outline = self.search.outline(match)
        if outline is None:
            QTimer.singleShot(RENDER_WAIT_MS, self._mark_match)
            return
        self.canvas.set_mark((match[0], outline))
        rect = self.canvas.mark_rect()
        if not rect.isEmpty():
            center = rect.center()
            self.area.ensureVisible(center.x(), center.y(), rect.width() // 2 + 40, 40)

    def _find_closed(self) -> None:
        self.canvas.set_mark(None)
        self.canvas.setFocus(Qt.FocusReason.OtherFocusReason)

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
        self.search.stop()
        self._close_narration()
        if self._closed:
            self.canvas.release()
        return position

    def _media_position(self) -> float | None:
        return self._position()

    def _media_playing(self) -> bool:
        return self.is_playing
