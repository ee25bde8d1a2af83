"""Counts that can pass 999 (learning records kept, waiting, refused) are grouped as the
interface's language writes them: "60,000" in English, "60 000" (a narrow no-break space,
U+202F, as QLocale writes French) in French; "60000" was shown in both."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QLocale, QObject, Signal
from PySide6.QtWidgets import QApplication

from player.library.library import InstalledCourse, Library
from player.ui.repair import CheckResult, RepairDialog
from player.ui.sync_controller import SyncController
from player.ui.sync_indicator import SyncIndicator
from player.ui.sync_panel_layout import SyncPanelLayout
from player.ui.sync_status import SyncStatus
from player.ui.tasks import TaskRunner
from tests.ui.unit_support import french, shipped_french


class Controller(QObject):
    """What the indicator asks of the sync controller: the status, and when it changes."""

    status_changed = Signal(object)

    def __init__(self, status: SyncStatus) -> None:
        super().__init__()
        self.current = status

    def status(self) -> SyncStatus:
        return self.current


def test_the_status_bar_groups_the_records_waiting(qtbot, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    QLocale.setDefault(QLocale("en"))  # as the player's English does (Translations.use)
    status = SyncStatus("waiting", 60_000, 1_234, None, profile_id="amina")
    indicator = SyncIndicator(cast(SyncController, Controller(status)))
    qtbot.addWidget(indicator)
    assert indicator.text() == "60,000 waiting"
    assert "Learning records waiting to be sent: 60,000" in indicator.toolTip()
    assert "Refused by the server: 1,234" in indicator.toolTip()

    with french(qapp):
        indicator.show_status(status)
        assert "60\u202f000" in indicator.text()
        assert "1\u202f234" in indicator.toolTip()
    kept = SyncStatus("no_account", 60_000, 0, None, profile_id="amina")
    indicator.show_status(kept)
    assert indicator.text() == "60,000 records kept on this computer"


class NoCourses:
    """What Check files asks of the library before any check: the course (here none)."""

    def get(self, course_id: str) -> InstalledCourse | None:
        return None


def test_check_files_groups_the_files_intact_in_french(qtbot, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    with french(qapp):
        dialog = RepairDialog(cast(Library, NoCourses()), "big", cast(TaskRunner, None))
        qtbot.addWidget(dialog)
        dialog._checked(CheckResult("big", 12_345, (), ()))
        said = shipped_french("RepairDialog", "All %1 files of this course are intact.")
        assert dialog.status.text() == said.replace("%1", "12\u202f345")


def test_the_sync_panels_table_groups_the_counts_in_french(qtbot, qapp: QApplication) -> None:  # type: ignore[no-untyped-def]
    with french(qapp):
        panel = SyncPanelLayout()
        qtbot.addWidget(panel)
        panel.show_waiting([("Awa", 60_000, 1_234)])
        cells = [panel.waiting.item(0, column).text() for column in range(3)]
        assert cells == ["Awa", "60\u202f000", "1\u202f234"]
