"""What the learner reads when a download from a catalog is refused at once, from a real
repository served over HTTP (a learner's run, u3): a course changed after a trusted key signed it
was told to add a key in Settings (the key was trusted already); "Download started" stayed 8 s
beside the refusal; Settings… opened on Catalogs where the row said Trusted keys."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from player.authoring.catalog import write_catalog
from player.course.signing import PrivateKey
from player.library.trust import TrustedKey
from player.ui.catalog_view import CatalogView
from player.ui.download_item import DownloadItem
from player.ui.downloads_controller import DownloadsController
from player.ui.downloads_view import DownloadRow, DownloadsView
from player.ui.getting_courses import GettingCourses
from player.ui.main_window import MainWindow
from player.ui.settings_dialog import SettingsDialog, SettingsTab
from player.ui.shell import ShellServices
from sync.download_state import DownloadState, FailureKind
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.faultserver import FaultServer
from tests.ui.downloads_support import KB, attach, trust
from tests.ui.test_shell import studying

ALTERED_WORDS = (
    "Failed: the course was changed after it was signed, or its signature is damaged, so it "
    "cannot be installed. Tell its publisher, and try again once they have published a "
    "correct copy."
)


def altered_repository(repo: Path, key: PrivateKey) -> Path:
    """A course signed by `key`, then edited by hand (its title) and its catalog written again,
    as a publisher who fixes a typo after signing does: the catalog describes the edited
    manifest, whose signature no longer matches. Returns the manifest."""
    course = add_course(repo, random_files(2, 10 * KB, 11), key=key)
    data = course.manifest.read_bytes()
    edited = data.replace('"Mathématiques"'.encode(), '"Maths (modifié)"'.encode())
    course.manifest.write_bytes(edited)
    write_catalog(repo, title="Catalogue de test")
    return course.manifest


@contextmanager
def served(
    window: MainWindow, services: ShellServices, repo: Path
) -> Iterator[tuple[GettingCourses, DownloadsController]]:
    """The learner studying, with the catalog of `repo` served over HTTP and added: every test
    here reads its refusal from a real repository behind a real server."""
    studying(window, services)
    server = FaultServer(repo).start()
    try:
        getting, controller = attach(window, services)
        controller.downloads.catalogs.add(server.url)
        yield getting, controller
    finally:
        server.stop()


def download_maths(getting: GettingCourses, controller: DownloadsController) -> DownloadItem:
    """Download from the catalog page: the refusal comes at once, so the item is final."""
    getting.show_catalog()
    getting.catalog_view.action.click()  # type: ignore[union-attr]
    return controller.items["maths@1.0.0"]


def maths_row(getting: GettingCourses) -> tuple[DownloadsView, DownloadRow]:
    """The Downloads page, shown, and its row for the course."""
    getting.show_downloads()
    view: DownloadsView = getting.downloads_view  # type: ignore[assignment]
    return view, view.rows["maths@1.0.0"]


def settings_tab_opened(getting: GettingCourses, view: DownloadsView) -> int:
    """Click the Downloads page's Settings…: the tab the dialog opens on (closed again)."""
    view.settings_button.click()
    dialog: SettingsDialog = getting.settings_dialog  # type: ignore[assignment]
    tab = dialog.tabs.currentIndex()
    dialog.close()
    return tab


def test_a_course_changed_after_a_trusted_key_signed_it_is_not_said_untrusted(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    manifest = altered_repository(repo, key)
    trust(services, key)
    with served(window, services, repo) as (getting, controller):
        item = download_maths(getting, controller)
        assert item.state is DownloadState.FAILED and item.failure is FailureKind.ALTERED
        # The refusal replaces "Download started", shown a moment before.
        assert window.statusBar().currentMessage() == (
            "Download failed: \u2068Maths (modifié)\u2069. See Downloads (Ctrl+J)."
        )
        # The catalog does not call its publisher unknown: the key is trusted.
        course = controller.browse.find("maths")  # type: ignore[union-attr]
        assert course is not None and course.untrusted_key is None
        catalog: CatalogView = getting.catalog_view  # type: ignore[assignment]
        assert "trust" not in catalog.details_state.text()
        _view, row = maths_row(getting)
        assert row.state.text() == ALTERED_WORDS
        assert "does not match the manifest's bytes" in row.state.toolTip()  # for support
        # Try again stays: it reads the course again, and the publisher may fix it (here
        # by signing the edited manifest).
        assert row.toggle.isEnabled() and row.toggle.text() == "&Try again"
        manifest.with_name("course.json.sig").write_bytes(key.sign(manifest.read_bytes()))
        row.toggle.click()
        installed = services.library.get("maths")
        assert installed is not None and installed.course.title == "Maths (modifié)"


def test_settings_opens_on_trusted_keys_while_a_row_says_to_add_a_key(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 12), key=PrivateKey.generate())  # a stranger's
    with served(window, services, repo) as (getting, controller):
        getting.show_downloads()
        view: DownloadsView = getting.downloads_view  # type: ignore[assignment]
        # Nothing refused: the conditions the page shows.
        assert settings_tab_opened(getting, view) == SettingsTab.DOWNLOADS
        assert download_maths(getting, controller).failure is FailureKind.TRUST
        getting.show_downloads()
        assert "add it in Settings (Trusted keys)" in view.rows["maths@1.0.0"].state.text()
        view.settings_button.click()
        dialog: SettingsDialog = getting.settings_dialog  # type: ignore[assignment]
        assert dialog.tabs.currentIndex() == SettingsTab.TRUSTED_KEYS
        dialog.tabs.setCurrentIndex(SettingsTab.CATALOGS)
        view.settings_button.click()  # still open: brought to the front, on Trusted keys
        assert getting.settings_dialog is dialog
        assert dialog.tabs.currentIndex() == SettingsTab.TRUSTED_KEYS
        dialog.close()


def test_a_course_signed_by_the_demo_key_is_not_said_to_need_a_key(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """The demo key may sign the demo only (defence in depth should it leak): a course it signs
    was told to add a key in Settings, whose Trusted keys listed it already, and adding it said
    "already trusted" (review r7 #2). The row says only its publisher can help; Settings… does
    not open on Trusted keys for it, and the catalog learns no key to add."""
    demo = PrivateKey.generate()
    services.context.trust.built_in.append(TrustedKey(demo.public, "demo", only_course="les-mooc"))
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 11), key=demo)
    with served(window, services, repo) as (getting, controller):
        item = download_maths(getting, controller)
        assert item.state is DownloadState.FAILED and item.failure is FailureKind.KEY_SCOPE
        course = controller.browse.find("maths")  # type: ignore[union-attr]
        assert course is not None and course.untrusted_key is None
        catalog: CatalogView = getting.catalog_view  # type: ignore[assignment]
        assert "Trusted keys" not in catalog.details_state.text()
        view, row = maths_row(getting)
        assert row.state.text() == (
            "Failed: it is signed with a key this computer accepts only for another course, so it "
            "cannot be installed. Tell its publisher."
        )
        assert "accepts only for the course les-mooc" in row.state.toolTip()  # for support
        assert settings_tab_opened(getting, view) == SettingsTab.DOWNLOADS


def test_an_unsigned_course_of_a_server_catalog_asks_for_a_signed_copy_not_a_key(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """A server's catalog listing a course without course.json.sig: the row said to add its
    key file, and Settings… opened on Trusted keys, where no key helps (review r7 #5). A
    server's courses must be signed whatever the branding allows (an unsigned course installs
    as unverified only from a folder catalog or a file): so said."""
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 13), key=None)
    assert services.context.branding.allow_unsigned_archives, "even where files may be unsigned"
    with served(window, services, repo) as (getting, controller):
        item = download_maths(getting, controller)
        assert item.state is DownloadState.FAILED and item.failure is FailureKind.UNSIGNED
        view, row = maths_row(getting)
        assert row.state.text() == (
            "Failed: this course is not signed, so it cannot be installed here. Ask your "
            "institution for a signed copy."
        )
        assert "the course is not signed (no " in row.state.toolTip()  # for support
        assert settings_tab_opened(getting, view) == SettingsTab.DOWNLOADS
