"""The full records check runs after the first paint; damage found there is told to the learner,
and the next start repairs the file."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from player.store.integrity import IntegrityCheck
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices


def test_a_clean_file_passes_the_background_check(services: ShellServices) -> None:
    result = services.store.full_check(force=True)
    assert result.ran and result.ok


def test_damage_found_after_start_is_shown(qtbot, window: MainWindow) -> None:  # type: ignore[no-untyped-def]
    check = IntegrityCheck(window.services.store.path, True, ("*** in database main *** Page 7",))
    window.show_records_damaged(check)
    # This window's box: one left open by an earlier test is another window's.
    boxes = window.findChildren(QMessageBox)
    assert len(boxes) == 1, boxes
    box = boxes[0]
    qtbot.waitUntil(box.isVisible)
    assert "next time it starts" in box.text() and "Page 7" in box.informativeText()
    box.close()
