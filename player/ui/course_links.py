"""What a click on a link in a course's text does, in a reading (reading_view.py) and in a
video's transcript (video/transcript_panel.py), so both do the same: a link to a unit of the
course opens it; a web link opens the system browser only once the learner agrees, since it
leaves the device (and needs a connection). Any other link does nothing.

The question's words were written, and translated, in ReadingView: they keep that translation
context (`QCoreApplication.translate("ReadingView", ...)`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtWidgets import QMessageBox, QWidget

from player.ui.question_box import QuestionBox

if TYPE_CHECKING:
    from player.course.manifest import Course
    from player.ui.unit_view import UnitView


def unit_link(course: Course, unit_id: str) -> str | None:
    """The `unit:` link a rendered text gets for `unit_id`, or None (plain text) when `course`
    has no such unit; `CourseLinks.follow` opens it."""
    return f"unit:{unit_id}" if course.unit(unit_id) else None


class CourseLinks:
    """The links of `view`'s text; the question is shown over `parent` (the text's window)."""

    def __init__(self, view: UnitView, parent: QWidget) -> None:
        self.view = view
        self.parent = parent
        self.question: QMessageBox | None = None  # the web link's question while it is open
        self.address = ""  # the web page `question` asks about

    def follow(self, url: QUrl) -> None:
        self.view.touch()
        scheme = url.scheme().lower()
        if scheme == "unit":
            self.view.services.open_unit(url.path())
        elif scheme in ("http", "https"):
            self._ask_to_open(url.toString())

    def _ask_to_open(self, address: str) -> None:
        box = QuestionBox(self.parent)  # a bare "o" opens nothing
        box.setIcon(QMessageBox.Icon.Question)
        # Plain: "&lt;" in an address is no "<" to show; the learner reads what would open.
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setWindowTitle(QCoreApplication.translate("ReadingView", "Open a web page?"))
        box.setText(
            QCoreApplication.translate(
                "ReadingView", "This link leads to a web page outside the course:"
            )
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "ReadingView", "{address}\n\nOpen it in your web browser? It needs a connection."
            ).format(address=address)
        )
        box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        # A method, the address kept here: a closure holding these links, connected to the
        # question (the text's child, never deleted), kept a text of its own alive for ever.
        box.finished.connect(self._answered)
        self.address = address
        self.question = box
        box.open()

    def _answered(self, result: int) -> None:
        self.question = None
        if result == QMessageBox.StandardButton.Open:
            self.view.services.open_url(self.address)
