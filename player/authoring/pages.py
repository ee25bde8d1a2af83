"""A slides unit's page count, checked against its PDF.

The player shows `pages` pages and completes the deck at the last: a wrong count ships a deck cut
short, or one that can never be completed. Reading a PDF needs QtPdf, and Qt stays out of
player.authoring (pyproject's import contracts): the cartable-pack entry point passes the counter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

PageCounter = Callable[[Path], int]
"""The number of pages of a PDF; raises UnreadablePdf when it cannot be opened."""


class UnreadablePdf(Exception):
    """A PDF the counter cannot open; the message says why (damaged, password-protected)."""
