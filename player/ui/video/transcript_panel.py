"""A video's transcript beside the picture (under it in a narrow window), for the learner who
cannot hear it, whose computer cannot play it, or who would rather read: its Markdown rendered
and shown as a reading's is (render_reading, the reading's safe browser, text size and links),
read and rendered by the task runner the first time the panel opens. A transcript that cannot be
shown says why in one line in the panel, in the interface's language of the moment; the video
plays on. A file missing or altered gets the views' "Repair this course" under that line
(UnitView.repair_requested: the shell repairs, then reopens the course), in the panel because
the panel goes to full screen with the picture and the view's notice bar does not."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from player.course.manifest import FileRef
from player.course.reading import RenderedReading, render_reading
from player.course.transcript import MAX_TRANSCRIPT_BYTES, read_transcript
from player.store.playback import text_size_after
from player.ui.course_links import CourseLinks, unit_link
from player.ui.layouts import nested
from player.ui.reading_view import ReadingBrowser
from player.ui.rendered_text import TextWords, load_rendered

if TYPE_CHECKING:
    from player.ui.video.view import VideoView

# The panel reads well from this many average characters a line, in its text size: narrower,
# the view puts it under the picture (UnitView.add_aside), not beside it.
READABLE_CHARS = 25
# Lines of its text at the normal size the panel shows at least, under the picture too (the
# picture shrinks); larger text shows fewer, so the window never grows taller for it.
READABLE_LINES = 5


class TranscriptPanel(QWidget):
    """The transcript `ref` of `view`'s unit; `load` starts reading it (once)."""

    def __init__(self, view: VideoView, ref: FileRef, parent: QWidget) -> None:
        super().__init__(parent)
        self.view = view
        self.ref = ref
        self._state = "unread"  # then "reading", "shown" or "failed"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.title = QLabel(self)
        self.title.setContentsMargins(12, 8, 12, 0)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # may name a file of the course
        self.message.setWordWrap(True)
        self.message.setContentsMargins(12, 8, 12, 8)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message)
        self.repair = QPushButton(self)
        self.repair.clicked.connect(self._repair)
        self.repair.hide()
        row = nested(layout, QHBoxLayout())
        row.setContentsMargins(12, 0, 12, 8)
        row.addWidget(self.repair)
        row.addStretch(1)
        self.browser = ReadingBrowser(self, {}, self)  # no images: a transcript has none
        self.browser.set_text_size(view.services.playback.text_size)
        self.links = CourseLinks(view, self)  # as in a reading: web links ask first
        self.browser.anchorClicked.connect(self.links.follow)
        layout.addWidget(self.browser, 1)
        layout.addStretch(0)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Transcript"))
        self.browser.setAccessibleName(
            self.tr("Transcript: {title}").format(title=self.view.unit.title)
        )
        # The views' own words, translated where they are (unit_view.py).
        repair = QCoreApplication.translate("UnitView", "Repair this course")
        self.repair.setText(repair)
        self.repair.setAccessibleName(repair)
        if self._state == "failed":  # its line was said in the language before: found again
            self._state = "unread"
            self.load()

    def minimumSizeHint(self) -> QSize:
        """As wide as READABLE_CHARS of the text in the text size of the moment, and as tall as
        its heading and READABLE_LINES of the text at the normal size, with the browser's
        margins and scroll bar: the least width it is laid out beside the picture, the least
        height under it (at 853x480 it got a line and a half, its heading most of it)."""
        hint = super().minimumSizeHint()
        browser = self.browser
        if browser.isHidden():  # the line saying why it cannot be shown
            return hint
        margins = 2 * browser.document().documentMargin() + 2 * browser.frameWidth()
        chrome = margins + browser.verticalScrollBar().sizeHint().width()
        metrics = browser.fontMetrics()
        text = READABLE_CHARS * metrics.averageCharWidth()
        normal = QFont(browser.font())
        normal.setPointSizeF(browser.normal_size)
        lines = READABLE_LINES * QFontMetrics(normal).lineSpacing()
        height = hint.height() - browser.minimumSizeHint().height() + round(margins + lines)
        return QSize(max(hint.width(), round(text + chrome)), max(hint.height(), height))

    @property
    def text(self) -> str:
        """What the panel shows: the transcript's text, or why it cannot."""
        return self.message.text() if self._state == "failed" else self.browser.toPlainText()

    # -- what the reading browser asks of its view ----------------------------------------------

    def change_text_size(self, step: int) -> None:
        """As in a reading (the same kept size, saved with the profile when the unit closes):
        one step larger or smaller, 0 the normal; the learner is there, for the heartbeat."""
        self.view.touch()
        playback = self.view.services.playback
        playback.text_size = text_size_after(playback.text_size, step)
        self.browser.set_text_size(playback.text_size)
        self.view.place_aside()  # larger text asks more room beside the picture

    def load_image(self, ref: FileRef) -> QImage | None:
        return None  # never asked: the transcript's images all become their alt text

    # -- loading --------------------------------------------------------------------------------

    def load(self) -> None:
        """Read and render the transcript in a worker, the first time only."""
        if self._state != "unread":
            return
        self._state = "reading"
        course = self.view.course
        load_rendered(
            self.view,
            self.ref,
            MAX_TRANSCRIPT_BYTES,
            read=read_transcript,
            render=lambda markdown: render_reading(
                markdown,
                image_url=lambda _name: None,
                unit_link=lambda unit_id: unit_link(course, unit_id),
            ),
            words=self._words(),
            label=f"transcript of {self.view.unit.id}",
            shown=self._show,
            failed=self._failed,
            damaged=self._damaged,
        )

    def _words(self) -> TextWords:
        return TextWords(
            too_large=lambda size, limit: self.tr(
                "This transcript is too large to show ({size}; the limit is {limit})."
            ).format(size=size, limit=limit),
            not_utf8=lambda: self.tr("The transcript is damaged (not UTF-8)."),
            not_text=lambda: self.tr("The transcript is damaged (it holds control characters)."),
            cannot_show=lambda: self.tr("The transcript cannot be shown."),
        )

    def _show(self, rendered: RenderedReading) -> None:
        self._state = "shown"
        self.browser.setHtml(rendered.html)

    def _failed(self, message: str, detail: str) -> None:
        """`detail`, the system's own words (often English), is the line's tooltip."""
        self._state = "failed"
        self.message.setText(message)
        self.message.setToolTip(detail)
        self.message.show()
        self.repair.hide()
        self.browser.hide()

    def _damaged(self, message: str, detail: str) -> None:
        """Missing or altered: what a repair of the course puts back."""
        self._failed(message, detail)
        self.repair.show()

    def _repair(self) -> None:
        """As the views' repair buttons; out of full screen first, where its dialog shows."""
        if self.view.is_fullscreen:
            self.view.set_fullscreen(False)
        self.view.repair_requested.emit()
