"""The demo course's removal question says which folder to import to get it back (learner's-eye
run u4): that path is to be copied into Import from a folder, by mouse or keyboard, and a long
one wraps only after a slash, never mid-name."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

import player.ui.course_removal as course_removal
from player.ui.getting_courses import GettingCourses
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from tests.ui.test_course_removal import DEMO, choose_card, question
from tests.ui.test_shell import studying

LONG = 10_000
SELECTABLE = (
    Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
)


def demo_question(window: MainWindow, services: ShellServices) -> tuple[QMessageBox, QLabel]:
    studying(window, services)
    getting = GettingCourses(window, services)
    choose_card(window, DEMO)
    getting.remove_action.trigger()
    box = question(getting)
    label = box.findChild(QLabel, "qt_msgbox_informativelabel")
    assert isinstance(label, QLabel) and "demo course" in label.text()
    return box, label


def laid_out(label: QLabel) -> list[str]:
    """The label's lines at its width, as its word wrap breaks them (paragraph by paragraph)."""
    width = label.contentsRect().width()
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    lines: list[str] = []
    for paragraph in label.text().split("\n"):
        layout = QTextLayout(paragraph, label.font())
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(width)
            lines.append(paragraph[line.textStart() : line.textStart() + line.textLength()])
        layout.endLayout()
    return lines


def test_the_demo_folder_in_the_question_is_copied_from_the_keyboard(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    box, label = demo_question(window, services)
    folder = str(course_removal.demo_repository())
    assert label.textInteractionFlags() & SELECTABLE == SELECTABLE, "by mouse and keyboard"
    box.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is box, timeout=LONG)
    cancel = box.button(QMessageBox.StandardButton.Cancel)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is cancel, timeout=LONG)  # Enter keeps it
    for _ in range(len(box.buttons()) + 1):  # round the box's Tab stops
        if label.hasFocus():
            break
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert label.hasFocus(), "a Tab stop: the text is reached from the keyboard"
    QApplication.clipboard().clear()
    qtbot.keyClick(label, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert folder in QApplication.clipboard().text()
    assert "\u200b" not in label.text(), "nothing invisible pasted into the folder dialog"
    box.reject()


def test_a_long_demo_folder_wraps_only_after_a_slash(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = "/home/an-admin/portable-apps/cartable-2024-lab-edition/resources/demo/repository"
    monkeypatch.setattr(course_removal, "demo_repository", lambda: Path(folder))
    box, label = demo_question(window, services)
    qtbot.waitUntil(lambda: label.width() > 0, timeout=LONG)
    lines = laid_out(label)
    ends = [line.rstrip() for line in lines]
    assert any(folder in "".join(lines[i : i + 3]) for i in range(len(lines))), lines
    width = label.contentsRect().width()
    metrics = label.fontMetrics()
    assert all(metrics.horizontalAdvance(line.rstrip()) <= width for line in lines), lines
    cut = [end for end in ends if end and not end[-1].isspace() and folder.find(end[-12:]) >= 0]
    assert all(end.endswith("/") for end in cut), f"the folder broken mid-name: {lines}"
    box.reject()
