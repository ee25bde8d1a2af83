"""Finding a word in a PDF's text layer (QtPdf), a few pages at a time on the UI thread, never
while a page renders: QtPdf lets one thread into PDFium at a time, so reading a page's text
during a render would hold the window until the render ends (seconds, for a page holding a large
image; page_canvas.py). Each page's text is read once (about a millisecond a page) and kept:
typing more of the word searches again in what was read.

Not QPdfSearchModel: it searches one page each 100 ms on its own timer (40 pages: 4 s before
the count is known), reads PDFium on the UI thread whatever renders, and matches accents
exactly ("eleve" did not find "élève" in the demo deck). Matching is find_text.py's, the same
as a reading's; a match's outline on the page is PDFium's (QPdfDocument.getSelectionAtIndex)."""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QRectF, QTimer, Signal
from PySide6.QtPdf import QPdfDocument

from player.ui.find_text import Matches, find_in, searchable

# Pages are searched for this long at a time (seconds), then the window handles its events.
SLICE = 0.008
# While a page renders, the search waits this long before looking again (milliseconds).
RENDER_WAIT_MS = 20


class PdfSearch(QObject):
    """The matches of one word in a document, found page after page from a given page round
    to the one before it. `changed` is emitted as pages are searched and when all are."""

    changed = Signal()

    def __init__(
        self, document: QPdfDocument, pages: int, busy: Callable[[], bool], parent: QObject
    ) -> None:
        """`pages`: how many to search; `busy`: whether PDFium is in use (a render)."""
        super().__init__(parent)
        self.document = document
        self.pages = pages
        self.busy = busy
        self.query = ""
        self.matches = Matches([])  # (page, start, end), start and end in the page's text
        self.has_text = False  # some page searched so far has text
        self._texts: dict[int, str] = {}  # each page's, `searchable`
        self._todo: list[int] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._search_some)

    @property
    def done(self) -> bool:
        return not self._todo

    def start(self, query: str, from_page: int) -> None:
        """Search `query` from `from_page` on; an empty query searches nothing."""
        self.query = query
        self.matches = Matches([])
        self.has_text = False
        self._todo = []
        if query.strip():
            self._todo = [*range(from_page, self.pages), *range(0, from_page)]
            self._search_some()
        else:
            self._timer.stop()
        self.changed.emit()

    def stop(self) -> None:
        self._todo = []
        self._timer.stop()

    def _search_some(self) -> None:
        if not self._todo:
            return
        if self.busy():
            self._timer.start(RENDER_WAIT_MS)
            return
        end = time.monotonic() + SLICE
        found: list[tuple[int, ...]] = []
        while self._todo:  # one page at least
            page = self._todo.pop(0)
            text = self._texts.get(page)
            if text is None:
                text = self.document.getAllText(page).text()
                text = self._texts[page] = searchable(text)
            self.has_text = self.has_text or bool(text.strip())
            found += [(page, start, stop) for start, stop in find_in(text, self.query)]
            if time.monotonic() >= end:
                break
        self.matches.add(found)
        if self._todo:
            self._timer.start(0)
        self.changed.emit()

    def outline(self, match: tuple[int, ...]) -> list[QRectF] | None:
        """Where `match` is on its page, a rectangle a line (in points); None while PDFium is
        busy. PDFium gives a rectangle a character: those of a line are joined."""
        if self.busy():
            return None
        page, start, stop = match
        selection = self.document.getSelectionAtIndex(page, start, stop - start)
        return lines([polygon.boundingRect() for polygon in selection.bounds()])


def lines(rects: list[QRectF]) -> list[QRectF]:
    """`rects` (in reading order) joined where they share most of their height: one a line."""
    joined: list[QRectF] = []
    for rect in rects:
        last = joined[-1] if joined else None
        if last is not None:
            shared = min(last.bottom(), rect.bottom()) - max(last.top(), rect.top())
            if shared > 0.5 * min(last.height(), rect.height()):
                joined[-1] = last.united(rect)
                continue
        joined.append(QRectF(rect))
    return joined
