"""The main window (first version: the installed courses)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QListWidget, QMainWindow, QVBoxLayout, QWidget

from player.context import Context


class MainWindow(QMainWindow):
    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle(context.branding.product_name)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(QLabel(self.tr("Installed courses"), central))
        self.courses = QListWidget(central)
        self.courses.setAccessibleName(self.tr("Installed courses"))
        for item in context.library.installed():
            badge = self.tr("verified") if item.verified else self.tr("unverified")
            self.courses.addItem(f"{item.course.title} — {item.version} ({badge})")
        layout.addWidget(self.courses)
        self.setCentralWidget(central)
        self.resize(1024, 640)
