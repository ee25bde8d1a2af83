"""`cartable-pack`: the authoring commands (player.authoring.cli), given QtPdf to count pages.

A slides unit's `pages` must be its PDF's (player/authoring/pages.py says why). Reading a PDF
takes QtPdf, and Qt is kept out of player.authoring: this entry point lends it as a plain callable.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_app: list[Any] = []  # the QCoreApplication, kept alive while the command runs


def count_pdf_pages(path: Path) -> int:
    """The pages of the PDF at `path`, as the player's QtPdf will see them. No display needed:
    a QCoreApplication is enough (the first call makes one, and loads Qt then, not before)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtPdf import QPdfDocument

    from player.authoring.pages import UnreadablePdf

    if QCoreApplication.instance() is None:
        _app.append(QCoreApplication([]))
    document = QPdfDocument()
    try:
        error = document.load(str(path))
        if error == QPdfDocument.Error.IncorrectPassword:
            raise UnreadablePdf(
                "the PDF is password-protected, and the player has no password to open it: "
                "save it without one"
            )
        if error != QPdfDocument.Error.None_:
            why = error.name.removesuffix("_") if error.name else str(error)
            raise UnreadablePdf(f"cannot be opened as a PDF: damaged or not a PDF ({why})")
        return document.pageCount()
    finally:
        document.close()


def main(argv: Sequence[str] | None = None) -> int:
    try:  # its imports take a moment on a slow laptop: a Ctrl+C then is one line too
        from player.authoring.cli import main as cli_main
    except KeyboardInterrupt:
        print("cartable-pack: interrupted", file=sys.stderr)
        return 130
    from player.closed_pipe import closed_output, flushed

    try:  # a reader of the output that stopped (`| head`): quiet, as `cartable`'s (main there)
        return flushed(cli_main(argv, page_count=count_pdf_pages))
    except BrokenPipeError:
        return closed_output()


if __name__ == "__main__":
    sys.exit(main())
