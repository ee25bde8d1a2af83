"""What the learner reads when a download from a catalog is refused at once, from a real
repository served over HTTP (a learner's run, u3): a course changed after a trusted key signed it
was told to add a key in Settings (the key was trusted already); "Download started" stayed 8 s
beside the refusal; Settings… opened on Catalogs where the row said Trusted keys."""

from __future__ import annotations

from pathlib import Path

from player.authoring.catalog import write_catalog
from player.course.signing import PrivateKey
from player.library.trust import TrustedKey
from player.ui.catalog_view import CatalogView
from player.ui.downloads_view import DownloadsView
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


def test_a_course_changed_after_a_trusted_key_signed_it_is_not_said_untrusted(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    manifest = altered_repository(repo, key)
    trust(services, key)
    studying(window, services)
    server = FaultServer(repo).start()
    try:
        getting, controller = attach(window, services)
        controller.downloads.catalogs.add(server.url)
        getting.show_catalog()
        catalog: CatalogView = getting.catalog_view  # type: ignore[assignment]
        catalog.action.click()
        item = controller.items["maths@1.0.0"]
        assert item.state is DownloadState.FAILED and item.failure is FailureKind.ALTERED
        # The refusal replaces "Download started", shown a moment before.
        assert window.statusBar().currentMessage() == (
            "Download failed: \u2068Maths (modifié)\u2069. See Downloads (Ctrl+J)."
        )
        # The catalog does not call its publisher unknown: the key is trusted.
        course = controller.browse.find("maths")  # type: ignore[union-attr]
        assert course is not None and course.untrusted_key is None
        assert "trust" not in catalog.details_state.text()
        getting.show_downloads()
        view: DownloadsView = getting.downloads_view  # type: ignore[assignment]
        row = view.rows["maths@1.0.0"]
        assert row.state.text() == ALTERED_WORDS
        assert "does not match the manifest's bytes" in row.state.toolTip()  # for support
        # Try again stays: it reads the course again, and the publisher may fix it (here
        # by signing the edited manifest).
        assert row.toggle.isEnabled() and row.toggle.text() == "&Try again"
        manifest.with_name("course.json.sig").write_bytes(key.sign(manifest.read_bytes()))
        row.toggle.click()
        installed = services.library.get("maths")
        assert installed is not None and installed.course.title == "Maths (modifié)"
    finally:
        server.stop()


def test_settings_opens_on_trusted_keys_while_a_row_says_to_add_a_key(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 12), key=PrivateKey.generate())  # a stranger's
    studying(window, services)
    server = FaultServer(repo).start()
    try:
        getting, controller = attach(window, services)
        controller.downloads.catalogs.add(server.url)
        getting.show_downloads()
        view: DownloadsView = getting.downloads_view  # type: ignore[assignment]
        view.settings_button.click()  # nothing refused: the conditions the page shows
        dialog: SettingsDialog = getting.settings_dialog  # type: ignore[assignment]
        assert dialog.tabs.currentIndex() == SettingsTab.DOWNLOADS
        dialog.close()
        getting.show_catalog()
        getting.catalog_view.action.click()  # type: ignore[union-attr]
        assert controller.items["maths@1.0.0"].failure is FailureKind.TRUST
        getting.show_downloads()
        assert "add it in Settings (Trusted keys)" in view.rows["maths@1.0.0"].state.text()
        view.settings_button.click()
        dialog = getting.settings_dialog  # type: ignore[assignment]
        assert dialog.tabs.currentIndex() == SettingsTab.TRUSTED_KEYS
        dialog.tabs.setCurrentIndex(SettingsTab.CATALOGS)
        view.settings_button.click()  # still open: brought to the front, on Trusted keys
        assert getting.settings_dialog is dialog
        assert dialog.tabs.currentIndex() == SettingsTab.TRUSTED_KEYS
        dialog.close()
    finally:
        server.stop()


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
    studying(window, services)
    server = FaultServer(repo).start()
    try:
        getting, controller = attach(window, services)
        controller.downloads.catalogs.add(server.url)
        getting.show_catalog()
        catalog: CatalogView = getting.catalog_view  # type: ignore[assignment]
        catalog.action.click()
        item = controller.items["maths@1.0.0"]
        assert item.state is DownloadState.FAILED and item.failure is FailureKind.KEY_SCOPE
        course = controller.browse.find("maths")  # type: ignore[union-attr]
        assert course is not None and course.untrusted_key is None
        assert "Trusted keys" not in catalog.details_state.text()
        getting.show_downloads()
        view: DownloadsView = getting.downloads_view  # type: ignore[assignment]
        row = view.rows["maths@1.0.0"]
        assert row.state.text() == (
            "Failed: it is signed with a key this player accepts only for another course, so it "
            "cannot be installed. Tell its publisher."
        )
        assert "accepts only for the course les-mooc" in row.state.toolTip()  # for support
        view.settings_button.click()
        dialog: SettingsDialog = getting.settings_dialog  # type: ignore[assignment]
        assert dialog.tabs.currentIndex() == SettingsTab.DOWNLOADS
        dialog.close()
    finally:
        server.stop()


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
    studying(window, services)
    server = FaultServer(repo).start()
    try:
        getting, controller = attach(window, services)
        controller.downloads.catalogs.add(server.url)
        getting.show_catalog()
        getting.catalog_view.action.click()  # type: ignore[union-attr]
        item = controller.items["maths@1.0.0"]
        assert item.state is DownloadState.FAILED and item.failure is FailureKind.UNSIGNED
        getting.show_downloads()
        view: DownloadsView = getting.downloads_view  # type: ignore[assignment]
        row = view.rows["maths@1.0.0"]
        assert row.state.text() == (
            "Failed: this course is not signed, so it cannot be installed here. Ask your "
            "institution for a signed copy."
        )
        assert "the course is not signed (no " in row.state.toolTip()  # for support
        view.settings_button.click()
        dialog: SettingsDialog = getting.settings_dialog  # type: ignore[assignment]
        assert dialog.tabs.currentIndex() == SettingsTab.DOWNLOADS
        dialog.close()
    finally:
        server.stop()
