"""The main window's menu bar: Profile, Course and Help, their items, keys and texts.

Layout only: the window connects what each item does. The keys are the window's too, so they
work with the menu bar hidden (fullscreen video). The texts were written, and translated, in
`MainWindow` and keep that context; the Course menu's and the sync item's come from
menu_texts, which other sentences quote.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow

from player.ui.menu_texts import course_menu_text, sync_action_text


class MainMenus:
    def __init__(self, window: QMainWindow) -> None:
        bar = window.menuBar()
        self.profile_menu = bar.addMenu("")
        self.course_menu = bar.addMenu("")
        self.help_menu = bar.addMenu("")
        self.switch_action = QAction(window)
        self.quit_action = QAction(window)
        self.quit_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.profile_menu.addAction(self.switch_action)
        self.profiles_action = QAction(window)
        self.profile_menu.addAction(self.profiles_action)
        self.dashboard_action = QAction(window)
        self.dashboard_action.setShortcut(QKeySequence("Ctrl+D"))
        self.profile_menu.addAction(self.dashboard_action)
        window.addAction(self.dashboard_action)
        self.profile_menu.addSeparator()
        self.profile_menu.addAction(self.quit_action)
        self.library_action = QAction(window)
        self.library_action.setShortcut(QKeySequence("Ctrl+L"))
        self.check_action = QAction(window)
        self.course_menu.addAction(self.library_action)
        self.course_menu.addAction(self.check_action)
        self.help_action = QAction(window)
        self.help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        self.sync_action = QAction(window)
        self.sync_action.setEnabled(False)  # until sync runs (MainWindow.attach_sync)
        self.course_menu.addAction(self.sync_action)
        self.help_menu.addAction(self.help_action)
        for action in (self.switch_action, self.library_action, self.help_action):
            window.addAction(action)  # the keys work even with the menu bar hidden (fullscreen)

    def set_studying(self, studying: bool, *, courses: bool) -> None:
        """The items about a learner's courses wait for a profile to be open; Check and repair
        for a course installed too (`courses`: MainWindow.has_courses)."""
        self.library_action.setEnabled(studying)
        self.check_action.setEnabled(courses)
        self.switch_action.setEnabled(studying)
        self.dashboard_action.setEnabled(studying)

    def retranslate(self) -> None:
        self.profile_menu.setTitle(QCoreApplication.translate("MainWindow", "&Profile"))
        self.course_menu.setTitle(course_menu_text())  # the exam's texts name it too
        self.help_menu.setTitle(QCoreApplication.translate("MainWindow", "&Help"))
        self.switch_action.setText(QCoreApplication.translate("MainWindow", "&Switch profile…"))
        self.profiles_action.setText(QCoreApplication.translate("MainWindow", "&Manage profiles…"))
        self.dashboard_action.setText(QCoreApplication.translate("MainWindow", "My &progress"))
        self.quit_action.setText(QCoreApplication.translate("MainWindow", "&Quit"))
        self.library_action.setText(QCoreApplication.translate("MainWindow", "&Library"))
        self.check_action.setText(
            QCoreApplication.translate("MainWindow", "&Check and repair files…")
        )
        self.sync_action.setText(sync_action_text())
        self.help_action.setText(QCoreApplication.translate("MainWindow", "&Help and diagnostics"))
