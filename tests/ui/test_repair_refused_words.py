"""Check files…'s Fetch again, refused by the downloads (`DownloadRefused`), says why in the
learner's words, the Downloads page's: before, it showed the engine's English line, which on a
folder that cannot lock named downloads.lock and CARTABLE_HOME. flock's refusal is simulated as
tests/unit/test_lock_strict_holders.py does: fcntl.flock raising the errno."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from player.branding import Branding
from player.library.download_refusals import DownloadRefused
from player.library.downloads import CourseDownloads
from player.paths import demo_repository
from player.ui.downloads_view import failure_words
from player.ui.main_window import MainWindow
from player.ui.repair import RepairDialog
from player.ui.shell import ShellServices
from player.wording import isolated
from sync.download import Downloader
from sync.download_state import DownloadStore, FailureKind
from sync.http import make_session
from tests.ui.test_repair_from_copy import alter
from tests.ui.test_shell import DEMO, studying
from tests.unit.test_lock_strict_holders import refuse_flock

NO_LOCK_SENTENCE = (
    "the folder where \u2068Cartable\u2069 keeps its files cannot lock them (a network folder), so "
    "two "
    "downloads could damage each other's files. Keep the files of \u2068Cartable\u2069 on a disk "
    "of this "
    "computer."
)


def test_fetch_again_refused_on_a_folder_that_cannot_lock_says_so_in_the_learner_s_words(
    window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    studying(window, services)
    library = services.library
    installed = library.get(DEMO)
    assert installed is not None
    alter(library.blob_path(sorted(installed.course.files())[0]))
    session = make_session("test")
    downloads = DownloadStore.open(tmp_path / "records.sqlite3", create=True)
    courses = CourseDownloads(
        library, Downloader(library.blobs.root, downloads, session), session, tmp_path / "dl"
    )
    repository = str(demo_repository())
    dialog = RepairDialog(
        library, DEMO, services.tasks, window, refetch=lambda c: courses.refetch(c, [repository])
    )
    try:
        dialog.start()
        assert dialog.from_catalog.isVisibleTo(dialog)
        refuse_flock(monkeypatch, errno.EOPNOTSUPP)  # the real downloads' lock refuses

        dialog.from_catalog.click()

        text = dialog.status.text()
        assert text == f"The course could not be repaired: {NO_LOCK_SENTENCE}"
        assert "CARTABLE_HOME" not in text and "downloads.lock" not in text
        assert dialog.from_catalog.isVisibleTo(dialog), "no way left to try again"
    finally:
        monkeypatch.undo()
        downloads.close()


def test_the_words_are_the_downloads_page_s_and_an_unknown_kind_keeps_the_engine_s() -> None:
    """One function for both (DownloadRow's context: the same translations)."""
    assert failure_words("/x/downloads.lock: ...", FailureKind.NO_LOCK) == NO_LOCK_SENTENCE
    assert failure_words("HTTP 404 for /c.json", None) == (
        "a file of the course is missing on the server."
    )
    assert failure_words("something new", FailureKind.OTHER) == "something new"


def test_fetch_again_refused_names_the_branded_player(
    window: MainWindow, services: ShellServices
) -> None:
    """Check files… said "Cartable" in a branded build where the Downloads page says the
    branding's name (review r13 #9): its words are the Downloads page's, its name too."""
    studying(window, services)
    library = services.library
    installed = library.get(DEMO)
    assert installed is not None
    alter(library.blob_path(sorted(installed.course.files())[0]))
    services.context.branding = Branding(product_name="École Vauban")

    def refused(course_id: str) -> None:  # a catalog's copy signed by an earlier demo key
        raise DownloadRefused(f"{course_id}: earlier key", kind=FailureKind.EARLIER_KEY)

    window.refetch_files = refused
    window.repair_course(DEMO)
    dialog = window.repair_dialog
    assert dialog is not None
    try:
        assert dialog.from_catalog.isVisibleTo(dialog)
        dialog.from_catalog.click()
        assert dialog.status.text() == (
            "The course could not be repaired: it is signed with an earlier key of the demo "
            f"course, which {isolated('École Vauban')} no longer accepts, so it cannot be "
            "installed."
        )
    finally:
        dialog.close()
