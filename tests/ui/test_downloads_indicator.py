"""The status bar's downloads button: a failure is not hidden behind another course's progress."""

from __future__ import annotations

from player.ui.downloads_controller import DownloadItem
from player.ui.downloads_indicator import DownloadsIndicator
from sync.download_state import DownloadState, FailureKind


def item(course_id: str, state: DownloadState, **kw) -> DownloadItem:  # type: ignore[no-untyped-def]
    return DownloadItem(f"{course_id}@1.0.0", course_id, course_id, "1.0.0", False, state, **kw)


def test_a_failed_download_stays_in_sight_while_another_runs(qtbot) -> None:  # type: ignore[no-untyped-def]
    indicator = DownloadsIndicator()
    qtbot.addWidget(indicator)
    indicator.show_item(item("maths", DownloadState.RUNNING, done=40, total=100))
    assert indicator.text() == "Downloading 40%"
    indicator.show_item(item("geo", DownloadState.FAILED, failure=FailureKind.SPACE))
    assert indicator.text() == "Downloading 40% · 1 failed"
    assert indicator.accessibleName() == indicator.text()
    indicator.show_item(item("histoire", DownloadState.FAILED, failure=FailureKind.DAMAGED))
    assert indicator.text() == "Downloading 40% · 2 failed"
    indicator.remove_item("maths@1.0.0")
    assert indicator.text() == "A download failed"
