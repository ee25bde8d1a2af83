"""The status bar's downloads button: a failure is not hidden behind another course's progress."""

from __future__ import annotations

from player.ui.download_item import DownloadItem
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
    assert indicator.text() == "2 downloads failed"  # was "A download failed", of two rows
    assert indicator.accessibleName() == indicator.text()


def test_a_course_server_down_on_a_working_network_is_not_said_to_wait_for_the_network(
    qtbot,
) -> None:  # type: ignore[no-untyped-def]
    """As the row (b73bc47): the server's failure while online, "No network" only when offline or
    when what it waits out is not known."""
    indicator = DownloadsIndicator()
    qtbot.addWidget(indicator)
    waiting = DownloadState.WAITING_FOR_NETWORK
    indicator.show_item(item("maths", waiting, failure=FailureKind.NETWORK))
    assert indicator.text() == "Downloads wait for the server"
    assert indicator.accessibleName() == indicator.text()
    indicator.show_item(item("geo", waiting, failure=FailureKind.SERVER))
    assert indicator.text() == "Downloads wait for the server"
    indicator.show_item(item("geo", waiting, failure=FailureKind.SERVER, offline=True))
    assert indicator.text() == "Downloads wait for the network"
    indicator.show_item(item("geo", waiting, failure=None))
    assert indicator.text() == "Downloads wait for the network"
