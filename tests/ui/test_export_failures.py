"""Exporting a course for a friend onto a USB stick that is full or will not be written: the
learner reads what is wrong in their words, the system's in the details, and no half archive."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from player.ui.getting_courses import GettingCourses
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from tests.small_disk import fill, set_read_only, small_disk
from tests.support import build_toy
from tests.ui.downloads_support import trust
from tests.ui.test_shell import studying


def exporting(window: MainWindow, services: ShellServices, tmp_path: Path) -> GettingCourses:
    studying(window, services)
    getting = GettingCourses(window, services)
    toy = build_toy(tmp_path / "toy")
    trust(services, toy.key)
    getting.import_paths([toy.archive])
    return getting


def told(getting: GettingCourses) -> QMessageBox:
    box = getting.message_box
    assert isinstance(box, QMessageBox)
    return box


def test_a_full_usb_stick_is_said_so_and_no_half_archive_is_left(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    getting = exporting(window, services, tmp_path)
    with small_disk(tmp_path / "usb", "64k") as usb:
        fill(usb)
        getting.export_to("toy", usb / "toy-1.0.0.cartable")
        box = told(getting)
        assert "full" in box.text() and "toy-1.0.0.cartable" in box.text()
        assert "Errno" not in box.text()
        assert "No space left on device" in box.detailedText()
        assert sorted(p.name for p in usb.iterdir()) == ["filler"]


def test_a_read_only_usb_stick_is_said_so(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    getting = exporting(window, services, tmp_path)
    with small_disk(tmp_path / "usb", "8m") as usb:
        set_read_only(usb)
        getting.export_to("toy", usb / "toy-1.0.0.cartable")
        box = told(getting)
        assert "cannot be written" in box.text() and "Errno" not in box.text()
        assert "Read-only file system" in box.detailedText()
        set_read_only(usb, False)
        assert list(usb.iterdir()) == []


def test_a_folder_gone_since_it_was_chosen_is_said_so_and_not_made_again(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """The dialog offers only folders that exist; a USB stick removed before the export began
    had its folder created again on this computer's disk, and the archive written there."""
    getting = exporting(window, services, tmp_path)
    stick = tmp_path / "media" / "STICK"
    getting.export_to("toy", stick / "toy-1.0.0.cartable")
    box = told(getting)
    assert box.text() == (
        "“\u2068toy-1.0.0.cartable\u2069” was not written: the folder chosen for it is no "
        "longer there "
        "(was the USB stick removed?). Nothing was written; choose another place."
    )
    assert str(stick) in box.detailedText()
    assert not (tmp_path / "media").exists()
