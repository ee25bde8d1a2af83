"""Composition root of the GUI: paths, context, the Qt application and the main window."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from player.context import ensure_demo, open_context


def run_gui(argv: Sequence[str] = ()) -> int:
    from PySide6.QtWidgets import QApplication

    from player.ui.main_window import MainWindow

    app = QApplication([sys.argv[0], *argv])
    app.setApplicationName("Cartable")
    context = open_context()
    ensure_demo(context)
    window = MainWindow(context)
    window.show()
    if os.environ.get("CARTABLE_QUIT_AFTER_START"):
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, app.quit)
    return app.exec()
