"""Check files… offers Fetch again for a file a disk's read error (EIO) stops, since a new copy
written in its place cures a bad sector (`CourseDownloads.refetch` replaces it once verified);
before, it was offered for missing or damaged files only, and such a file could be repaired from
a copy alone. A permission (or a network folder gone) still gets no fetch."""

from __future__ import annotations

import errno

from player.ui.main_window import MainWindow
from player.ui.repair import RepairDialog
from player.ui.shell import ShellServices
from tests.ui.test_repair_from_copy import FailingBlobs
from tests.ui.test_shell import DEMO, studying


def test_check_files_offers_to_fetch_again_a_file_the_disk_cannot_read(
    window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    library = services.library
    installed = library.get(DEMO)
    assert installed is not None
    sha = sorted(installed.course.files())[0]
    library.blobs = FailingBlobs(library.blobs.root, library.blob_path(sha), errno.EIO)
    fetched: list[str] = []

    dialog = RepairDialog(library, DEMO, services.tasks, window, refetch=fetched.append)
    dialog.start()
    lines = dialog.status.text().split("\n")
    assert lines[0] == (
        f"\u2068{library.blob_path(sha)}\u2069 cannot be read: the disk reported a read error."
    )
    assert lines[1].startswith("Nothing was removed. The disk may be failing: fetch these files")
    assert len(lines) == 2
    assert dialog.from_catalog.isVisibleTo(dialog), "no fetch offered for a disk's read error"
    assert dialog.online_note.text().startswith("Fetch these files again from the course's")

    dialog.from_catalog.click()
    assert fetched == [DEMO]


def test_without_a_catalog_or_for_a_permission_no_fetch_is_offered(
    window: MainWindow, services: ShellServices
) -> None:
    studying(window, services)
    library = services.library
    installed = library.get(DEMO)
    assert installed is not None
    sha = sorted(installed.course.files())[0]
    library.blobs = FailingBlobs(library.blobs.root, library.blob_path(sha), errno.EIO)
    dialog = RepairDialog(library, DEMO, services.tasks, window)
    dialog.start()
    assert "Nothing was removed. The disk may be failing: check the files again later, or " in (
        dialog.status.text()
    )
    assert not dialog.from_catalog.isVisibleTo(dialog)

    library.blobs = FailingBlobs(library.blobs.root, library.blob_path(sha), errno.EACCES)
    dialog = RepairDialog(library, DEMO, services.tasks, window, refetch=lambda _: None)
    dialog.start()
    assert not dialog.from_catalog.isVisibleTo(dialog), "a fetch would not fix a permission"
    assert dialog.online_note.text().startswith("Repair from a copy of the course")
