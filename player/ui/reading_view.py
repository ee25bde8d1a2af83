"""The reading unit view: the course's Markdown as safe HTML in a QTextBrowser.

Nothing leaves the device: `loadResource` serves the course's own images from the blob store
(checked against their hash) and refuses everything else, whatever reaches it. Links to other
units open them; web links open the system browser only after the learner agrees (course_links.py,
as in a video's transcript). The reading is completed when its end has been on screen, or when the
learner marks it done.

The resume point is the document position of the first character on screen (a character, not
pixels, so a narrower window still reopens at the same paragraph); left at its end, a reading
reopens at its top. Where its end is, is measured on the text laid out, never taken from the
scroll bar while QTextEdit lays a long text out in steps: until it is done, the bar's maximum is
its guess from the part laid out so far.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Protocol

from PySide6.QtCore import QByteArray, QEvent, QObject, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QImage,
    QKeyEvent,
    QPalette,
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QAbstractSlider,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from player.course.capped import read_capped
from player.course.manifest import Course, FileRef, ReadingUnit
from player.course.reading import (
    IMAGE_BLOCK,
    MAX_READING_BYTES,
    RenderedReading,
    render_reading,
)
from player.store.playback import text_size_after
from player.ui.course_links import CourseLinks, unit_link
from player.ui.find_bar import FindBar
from player.ui.find_text import Matches, find_all
from player.ui.layouts import nested
from player.ui.rendered_text import TextWords, load_rendered
from player.ui.unit_view import FileProblem, UnitServices, UnitView

# A readable line length: the text column never gets wider than this (pixels).
COLUMN_WIDTH = 820
# Margin around the text, inside the column.
MARGIN = 24
# The end counts as reached this close to it (pixels): the text's last line to the window's
# bottom, a saved place to the scroll bar's maximum.
END_SLACK = 4
# Ctrl++ / Ctrl+- make the text this much larger or smaller, within TEXT_SMALLEST to
# TEXT_LARGEST steps of the normal size (player/store/playback.py: kept with the profile).
TEXT_STEP = 1.15
# One notch of a mouse wheel (QWheelEvent.angleDelta), one text size step with Ctrl.
WHEEL_NOTCH = 120


def text_size_step(event: QKeyEvent) -> int | None:
    """Ctrl++ (or Ctrl+=) 1, Ctrl+- -1, Ctrl+0 0 (the normal size), as they zoom slides;
    None for any other key."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if not modifiers & Qt.KeyboardModifier.ControlModifier:
        return None
    return {
        Qt.Key.Key_Plus: 1,
        Qt.Key.Key_Equal: 1,
        Qt.Key.Key_Minus: -1,
        Qt.Key.Key_0: 0,
    }.get(Qt.Key(event.key()))


def document_edge(event: QKeyEvent) -> QAbstractSlider.SliderAction | None:
    """Ctrl+Home to the start, Ctrl+End to the end, as in any reader (a read-only QTextBrowser
    moves so on Home and End alone); None for any other key."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if modifiers != Qt.KeyboardModifier.ControlModifier:
        return None
    return {
        Qt.Key.Key_Home: QAbstractSlider.SliderAction.SliderToMinimum,
        Qt.Key.Key_End: QAbstractSlider.SliderAction.SliderToMaximum,
    }.get(Qt.Key(event.key()))


# Text lines get 140 % line height; a block holding an image must not (the height is
# proportional: a 250 px picture would get 100 px of blank below it). Said by the style sheet,
# not by setting the blocks' formats once shown: while QTextEdit lays a text out in steps, an edit
# above the part done makes Qt (6.11) go from there to the end moving the blocks not laid out yet
# instead of laying them out, then take the layout as done: every one stayed blank (0 lines,
# 0 px high, not selectable), the next picture drawn where they were (a reading opened at +2
# lost 3 items of a list and a heading). Nor is the text marked changed after: a resize gives
# the document its images at the new width (_fit_images) and a text size is a font, each making
# QTextEdit lay the whole text out again from its start, in steps; r6 found no block left unlaid
# after either, even right after the text was shown.
_STYLE = f"""
h1 {{ font-size: x-large; }} h2 {{ font-size: large; }} h3 {{ font-size: medium; }}
p, li {{ line-height: 140%; }}
.{IMAGE_BLOCK} {{ line-height: 100%; }}
code, pre {{ font-family: monospace; }}
"""


def _image_url(reading: ReadingUnit, name: str) -> str | None:
    ref = reading.image(name)  # a table made once per unit (ReadingUnit._images_by_name)
    return f"blob:{ref.sha256}" if ref is not None else None


class BrowserHost(Protocol):
    """What a ReadingBrowser asks of the view it shows text for: a reading, or a video's
    transcript (player/ui/video/transcript_panel.py), rendered and shown the same way."""

    def change_text_size(self, step: int) -> None: ...

    def load_image(self, ref: FileRef) -> QImage | None: ...


class ReadingBrowser(QTextBrowser):
    """A QTextBrowser that can load nothing but the images it is given."""

    def __init__(self, view: BrowserHost, images: dict[str, FileRef], parent: QWidget) -> None:
        super().__init__(parent)
        self.view = view
        self.images = images  # sha256 -> file, the reading's own images
        self.refused: list[str] = []  # every URL asked for and not served (tests, diagnostics)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.document().setDefaultStyleSheet(_STYLE)
        self.document().setDocumentMargin(MARGIN)
        self._steps = 0
        self._wheel = 0  # wheel turned with Ctrl, short of a notch (touchpads send small bits)
        self.normal_size = self._normal_size()
        self.set_text_size(0)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

    def _normal_size(self) -> float:
        """Long text: a size to read, not to scan; from the font around the text, which
        follows the application's (its own has the size set)."""
        around = self.parentWidget()
        return (around.font() if around is not None else self.font()).pointSizeF() * 1.2

    def set_text_size(self, steps: int) -> None:
        self._steps = steps
        font = self.font()
        font.setPointSizeF(self.normal_size * TEXT_STEP**steps)
        self.setFont(font)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = text_size_step(event)
        if step is not None:
            self.view.change_text_size(step)
            return
        super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        """Ctrl+wheel takes the same steps as Ctrl++ and Ctrl+- (QTextEdit's own zoom would
        change the size unseen by the view, and not kept)."""
        if not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._wheel = 0
            super().wheelEvent(event)
            return
        event.accept()
        self._wheel += event.angleDelta().y()
        steps = int(self._wheel / WHEEL_NOTCH)
        self._wheel -= steps * WHEEL_NOTCH
        for _ in range(abs(steps)):
            self.view.change_text_size(1 if steps > 0 else -1)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        url = QUrl(url)
        if kind == QTextDocument.ResourceType.ImageResource and url.scheme() == "blob":
            ref = self.images.get(url.path())
            if ref is not None:
                return self.view.load_image(ref)
        self.refused.append(url.toString())
        return None


class ReadingView(UnitView):
    def __init__(
        self,
        unit: ReadingUnit,
        course: Course,
        services: UnitServices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(unit, course, services, parent)
        self.reading = unit
        self._images: dict[str, QImage] = {}  # sha256 -> the image as stored
        self._fitted_to = 0
        self._loaded = False  # the text is shown (it is rendered by a task)
        self._text_failed = False  # the problem page says why the text is not shown
        # Where to reopen (a document position), until it has been scrolled to.
        self._resume_at: int | None = None
        if self.recorder is not None and self.recorder.progress.position >= 1:
            self._resume_at = int(self.recorder.progress.position)
        self.links = CourseLinks(self, self)
        images = {ref.sha256: ref for _, ref in unit.images}
        layout = QVBoxLayout(self.content)
        layout.setContentsMargins(0, 0, 0, 0)
        row = nested(layout, QHBoxLayout(), 1)
        self.browser = ReadingBrowser(self, images, self.content)
        self.browser.setMaximumWidth(COLUMN_WIDTH)
        self.browser.set_text_size(services.playback.text_size)
        row.addStretch(1)
        row.addWidget(self.browser, 100)
        row.addStretch(1)
        self.find_bar = FindBar(self, self.content)
        layout.addWidget(self.find_bar)
        self.find_bar.query_changed.connect(self._find)
        self.find_bar.step_requested.connect(self._find_step)
        self.find_bar.closed.connect(self._find_closed)
        self._matches = Matches([])
        self._plain: str | None = None  # the text shown, as find_text reads it
        self._wide: list[int] = []  # where in it a character takes two places in the document
        buttons = nested(layout, QHBoxLayout())
        buttons.setContentsMargins(8, 4, 8, 8)
        buttons.addStretch(1)
        self.done_button = QPushButton(self.content)
        self.done_button.clicked.connect(self.mark_done)
        buttons.addWidget(self.done_button)
        self.setFocusProxy(self.browser)
        bar = self.find_bar
        QWidget.setTabOrder(self.browser, bar.field)
        QWidget.setTabOrder(bar.field, bar.previous_button)
        QWidget.setTabOrder(bar.previous_button, bar.next_button)
        QWidget.setTabOrder(bar.next_button, bar.close_button)
        QWidget.setTabOrder(bar.close_button, self.done_button)

        self.browser.viewport().installEventFilter(self)
        self.browser.anchorClicked.connect(self.links.follow)
        bar = self.browser.verticalScrollBar()
        bar.valueChanged.connect(self._on_scroll)
        bar.rangeChanged.connect(lambda _low, _high: self._range_changed())
        self._built()
        self._load()

    @property
    def resume_pending(self) -> bool:
        """The saved place is still to be gone back to (or the top kept, left at its end): a test
        waits for this, not for a time."""
        return self._resume_at is not None

    @property
    def link_question(self) -> QMessageBox | None:
        """A web link's question while it is open (course_links.py)."""
        return self.links.question

    def retranslate(self) -> None:
        super().retranslate()
        self.browser.setAccessibleName(self.tr("Reading: {title}").format(title=self.reading.title))
        self._update_done_button()
        self.find_bar.retranslate()
        if self.find_bar.isHidden():  # closed: its count said again, nothing marked or scrolled
            self._show_count()
        else:
            self._show_match()
        if self._text_failed:  # its line was said in the language before: found again
            self._text_failed = False
            self._load()

    # -- content -------------------------------------------------------------------------------

    def _load(self) -> None:
        # The render runs in a worker: it is handed plain data, never the view (a Qt object).
        course, reading = self.course, self.reading
        load_rendered(
            self,
            self.reading.text,
            MAX_READING_BYTES,
            read=lambda path, name: read_capped(path, MAX_READING_BYTES, name, "its text"),
            render=lambda markdown: render_reading(
                markdown,
                image_url=lambda name: _image_url(reading, name),
                unit_link=lambda unit_id: unit_link(course, unit_id),
            ),
            words=self._words(),
            label=f"reading {self.reading.id}",
            shown=self._show,
            failed=self._not_shown,
        )

    def _not_shown(self, message: str, detail: str) -> None:
        """Said on the problem page, else the view would wait on its empty page for ever."""
        self._text_failed = True
        self.show_problem(message, detail)

    def _words(self) -> TextWords:
        return TextWords(
            too_large=lambda size, limit: self.tr(
                "This reading is too large to show ({size}; the limit is {limit})."
            ).format(size=size, limit=limit),
            # over the limit, when its size was checked: altered
            grown=lambda name: self.tr("A file of this course is damaged ({name}).").format(
                name=name
            ),
            not_utf8=lambda: self.tr("The text of this reading is damaged (not UTF-8)."),
            not_text=lambda: self.tr(
                "The text of this reading is damaged (it holds control characters)."
            ),
            cannot_show=lambda: self.tr("This reading cannot be shown."),
        )

    def _show(self, rendered: RenderedReading) -> None:
        if self._closed or self.has_problem:
            return
        self.browser.setHtml(rendered.html)  # never edited after: see _STYLE
        self._loaded = True
        if self.find_bar.query.strip():  # typed while the text was on its way
            self._find(self.find_bar.query)
        if self.isVisible():  # else showEvent does it
            QTimer.singleShot(0, self._resume)  # once laid out, as after showEvent
            self._check_end_later()

    def load_image(self, ref: FileRef) -> QImage | None:
        """One of the reading's images, from the blob store (hash-checked), fitted."""
        original = self._images.get(ref.sha256)
        if original is None:
            try:
                data = self.read_file(ref)
            except FileProblem as exc:
                self.show_notice(
                    self.tr("An image of this reading cannot be shown: {reason}").format(
                        reason=str(exc)
                    ),
                    repair=True,
                )
                return None
            original = QImage.fromData(QByteArray(data))
            if original.isNull():
                self.show_notice(
                    self.tr("An image of this reading cannot be shown: its file is damaged."),
                    repair=True,
                )
                return None
            self._images[ref.sha256] = original
        return self._fitted(original)

    def _room(self) -> int:
        """Pixels available for an image across the text column."""
        return max(64, min(COLUMN_WIDTH, self.browser.viewport().width()) - 2 * MARGIN - 8)

    def _fitted(self, image: QImage) -> QImage:
        room = self._room()
        if image.width() <= room:
            return image
        return image.scaledToWidth(room, Qt.TransformationMode.SmoothTransformation)

    def _fit_images(self) -> None:
        """The column changed width: give the document its images at the new size. Called on
        the viewport's resize, before QTextEdit's own, which lays the text out again at the new
        width (in steps) and reads these images then. So nothing is marked changed here: the
        whole text marked was laid out at once, at the old width, before that (a 1 MiB reading
        with pictures held the window 0.35 to 0.9 s per resize, review r6), and a part marked
        while the text is laid out in steps would leave the blocks past the part done unlaid
        (see _STYLE)."""
        room = self._room()
        if room == self._fitted_to or not self._images:
            return
        self._fitted_to = room
        document = self.browser.document()
        for sha256, original in self._images.items():
            document.addResource(
                QTextDocument.ResourceType.ImageResource,
                QUrl(f"blob:{sha256}"),
                self._fitted(original),
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.browser.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_images()
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """The text size keys and Ctrl+Home/End wherever the focus is in the view (the done
        button...): a key its widget does not use comes here."""
        step = text_size_step(event)
        if step is not None:
            self.change_text_size(step)
            return
        edge = document_edge(event)
        if edge is not None:
            self.browser.verticalScrollBar().triggerAction(edge)
            return
        super().keyPressEvent(event)

    def change_text_size(self, step: int) -> None:
        """One step larger or smaller (0: the normal size); the top line stays on screen."""
        self.touch()
        playback = self.services.playback
        playback.text_size = text_size_after(playback.text_size, step)
        top = self._top_position()
        self.browser.set_text_size(playback.text_size)
        if top:
            self._resume_at = int(top)
            self._resume()

    # -- find ----------------------------------------------------------------------------------

    def _find(self, query: str) -> None:
        """The word typed changed: its matches, the first from the top line on screen shown."""
        self.touch()
        if self._plain is None and self._loaded:
            self._plain = self.browser.document().toPlainText()
            wide = re.finditer("[\U00010000-\U0010ffff]", self._plain)
            self._wide = [match.start() for match in wide]
        found = find_all(self._plain, query) if self._plain is not None else []
        self._matches = Matches(list(found))
        top = self.browser.cursorForPosition(QPoint(MARGIN, 0)).position()
        self._matches.current = self._matches.first_from((self._text_index(top),))
        self._show_match()

    def _find_step(self, step: int) -> None:
        self.touch()
        self._matches.step(step)
        self._show_match()

    def _show_match(self) -> None:
        """Select and highlight the match shown, scrolled to a third of the way down; the
        count in the bar."""
        match = self._matches.current
        if match is None:  # no match (or no word): the last one's mark and selection go too
            self.browser.setExtraSelections([])
            cursor = self.browser.textCursor()
            if cursor.hasSelection():
                cursor.clearSelection()
                self.browser.setTextCursor(cursor)
            self._show_count()
            return
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(self._document_position(match[0]))
        cursor.setPosition(self._document_position(match[1]), QTextCursor.MoveMode.KeepAnchor)
        self.browser.setTextCursor(cursor)
        mark = QTextEdit.ExtraSelection()
        mark.cursor = cursor  # type: ignore[attr-defined]
        palette = self.browser.palette()
        mark.format.setBackground(palette.color(QPalette.ColorRole.Highlight))  # type: ignore[attr-defined]
        mark.format.setForeground(palette.color(QPalette.ColorRole.HighlightedText))  # type: ignore[attr-defined]
        self.browser.setExtraSelections([mark])
        rect = self.browser.cursorRect(cursor)
        height = self.browser.viewport().height()
        if rect.top() < 0 or rect.bottom() > height:
            bar = self.browser.verticalScrollBar()
            bar.setValue(bar.value() + rect.top() - height // 3)
        self._show_count()

    def _show_count(self) -> None:
        """The bar's "3 of 12", or "No match"."""
        if self._matches.current is not None:
            self.find_bar.show_count(self._matches.position, len(self._matches))
        else:
            searched = self.find_bar.query.strip() != ""
            self.find_bar.show_status(self.tr("No match") if searched else "")

    def _document_position(self, index: int) -> int:
        """A place in the plain text, in the document: a character past U+FFFF takes two."""
        return index + bisect.bisect_left(self._wide, index)

    def _text_index(self, position: int) -> int:
        """A place in the document, in the plain text."""
        index = position
        while index > 0 and self._document_position(index) > position:
            index -= 1
        return index

    def _find_closed(self) -> None:
        """The bar closed: no mark; the keyboard back on the text, at the match."""
        self.browser.setExtraSelections([])
        cursor = self.browser.textCursor()
        cursor.clearSelection()
        self.browser.setTextCursor(cursor)
        self.browser.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- completion ----------------------------------------------------------------------------

    def _on_scroll(self, _value: int) -> None:
        self.touch()
        self._check_end()

    def _check_end_later(self) -> None:
        QTimer.singleShot(0, self._check_end)

    def _range_changed(self) -> None:
        self._check_end_later()
        if self._resume_at is not None:  # the scroll may have waited for a longer bar
            QTimer.singleShot(0, self._resume)

    def _check_end(self) -> None:
        if self.has_problem or self.is_completed or not self.isVisible() or not self._loaded:
            return
        if self._end_on_screen():
            self._complete()

    def _end_on_screen(self) -> bool:
        """Whether the text's last line is on screen, found in the text: while QTextEdit lays a
        long text out in steps, the scroll bar's maximum is a guess from the part done, too
        short (its end counted as the reading's, completed pages before the real one) or too
        long (the real end on screen, not counted). The text is laid out down to the window's
        bottom only, as painting it does (a hit test, its answer unused: at the window's bottom
        row it can name a cell of a table ending the text, above the empty block Qt keeps after
        it); the last block is measured only once laid out, its place then real, not guessed.
        The point asked for stays above the bottom margin as far as the bar knows it: a point in
        that margin makes QTextDocumentLayout walk every block (1 MiB: 7 ms, not 12 us)."""
        document = self.browser.document()
        layout = document.documentLayout()
        bar = self.browser.verticalScrollBar()
        height = self.browser.viewport().height()
        bottom = bar.value() + height
        y = min(bottom, bar.maximum() + height - MARGIN) - 1
        layout.hitTest(QPointF(MARGIN, y), Qt.HitTestAccuracy.FuzzyHit)
        last = document.lastBlock()
        if last.layout().lineCount() == 0:
            return False  # the layout has not reached it: the window ends above it
        return layout.blockBoundingRect(last).bottom() <= bottom + END_SLACK

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        QTimer.singleShot(0, self._resume)
        self._check_end_later()  # a reading that fits the window is read to its end

    # -- resume point --------------------------------------------------------------------------

    def _resume(self) -> None:
        """Scroll to the saved place once the text is laid out at the window's width.

        Until QTextEdit has laid the whole text out (in steps, on timers), its scroll bar's
        maximum is extrapolated from the part done: a reading whose start is taller than the rest
        (a title, a picture, short lines) gets a bar far too long, and one left at its end was
        scrolled 'back' to its end. So the end is found in the text (_left_at_end), and the scroll
        waits for a bar that reaches past the place (again on its next range change), else the
        value would be cut to the guess, or count as the end and complete the reading."""
        at = self._resume_at
        if at is None or self.has_problem or not self.isVisible() or not self._loaded:
            return
        document = self.browser.document()
        block = document.findBlock(min(at, max(0, document.characterCount() - 1)))
        if not block.isValid():
            self._resume_at = None
            return
        top = document.documentLayout().blockBoundingRect(block).top()
        line = block.layout().lineForTextPosition(at - block.position())
        if line.isValid():
            top += line.y()
        if self._left_at_end(block, at, top):  # read again from the top
            self._resume_at = None
            return
        bar = self.browser.verticalScrollBar()
        if round(top) < bar.maximum() - END_SLACK:
            self._resume_at = None
            bar.setValue(round(top))

    def _left_at_end(self, block: QTextBlock, at: int, top: float) -> bool:
        """Whether `at` (in `block`, its line at `top`) is at or past the first character on
        screen with the text scrolled to its end, as _top_position saves it: characters, since
        the line of that character may begin up to a line above the end's top, more than
        END_SLACK. The text is laid out only as far as needed: text two windows below the place
        tells it is not the end, and laying out a whole long reading at once stops the window
        for a while (1 MiB: 0.5 to 0.9 s, measured on a loaded machine)."""
        layout = self.browser.document().documentLayout()
        height = self.browser.viewport().height()
        far = top + 2 * height + END_SLACK
        while block.isValid():
            if layout.blockBoundingRect(block).bottom() > far:
                return False
            block = block.next()
        end = round(layout.documentSize().height()) - height  # laid out to its end by now
        first = layout.hitTest(QPointF(MARGIN, end - END_SLACK), Qt.HitTestAccuracy.FuzzyHit)
        return at >= first

    def _top_position(self) -> float | None:
        if self.has_problem:
            return None
        if self._resume_at is not None:  # left before it was scrolled to: keep it
            return float(self._resume_at)
        if self.browser.verticalScrollBar().value() == 0:
            return 0.0
        return float(self.browser.cursorForPosition(QPoint(MARGIN, 0)).position())

    def _media_position(self) -> float | None:
        return self._top_position()

    def _media_stop(self) -> float | None:
        return self._top_position()

    def mark_done(self) -> None:
        self.touch()
        self._complete()

    def _complete(self) -> None:
        if not self.is_completed:
            self._record(lambda r: r.reading_completed())
        self._update_done_button()

    def _update_done_button(self) -> None:
        done = self.is_completed
        text = self.tr("Done") if done else self.tr("Mark as done")
        self.done_button.setText(text)
        self.done_button.setAccessibleName(
            self.tr("This reading is done") if done else self.tr("Mark this reading as done")
        )
        self.done_button.setEnabled(not done)
