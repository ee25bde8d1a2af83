"""A download refused for its signature says, on its Downloads row, what the learner can do (the
institution's key file, Settings), as the catalog's details and the import already said: the row
said only "not signed by a publisher this player trusts"."""

from __future__ import annotations

from player.ui.download_item import DownloadItem
from player.ui.downloads_view import DownloadRow, DownloadsView
from sync.download_state import DownloadState, FailureKind


def test_a_download_refused_for_its_key_says_how_to_trust_it(qtbot) -> None:  # type: ignore[no-untyped-def]
    view = DownloadsView()
    qtbot.addWidget(view)
    reason = "Maths (maths 1.1.0): refused: signed by key 0123456789abcdef, which is not trusted"
    view.show_item(
        DownloadItem(
            "maths@1.1.0",
            "maths",
            "Maths",
            "1.1.0",
            True,
            DownloadState.FAILED,
            done=0,
            total=10,
            reason=reason,
            failure=FailureKind.TRUST,
        )
    )
    row: DownloadRow = view.rows["maths@1.1.0"]
    assert row.state.text() == (
        "Failed: the course is not signed by a publisher this computer trusts. If your institution "
        "gave you its key file, add it in Settings (Trusted keys), then download the course again."
    )
    assert row.state.toolTip() == reason  # the key's id kept for whoever helps them
