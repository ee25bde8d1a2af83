"""Tooltips that show others' words as written (a course or catalog title, a profile's name).

Qt takes a tooltip that looks like HTML for HTML, so '<b>x</b> & <a href=…>' in a title would
be drawn bold with a link; QLabels have PlainText for that, tooltips have no such switch."""

from __future__ import annotations

from PySide6.QtGui import Qt


def plain_tooltip(text: str) -> str:
    """`text` as a tooltip shows it character for character (unchanged when Qt would)."""
    if not Qt.mightBeRichText(text):
        return text
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
