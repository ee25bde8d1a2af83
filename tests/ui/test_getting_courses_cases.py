"""Getting courses, six cases a learner meets: an import that waited in vain for another
Cartable's clean-up of the course files (said like the download that did), an unsigned course a
folder catalog lists (said before Download, with the import's consent when the branding allows
unsigned courses), an unsigned copy of a course installed signed (refused in words, no consent
asked; nor a copy signed by another trusted key), the empty catalog page's Settings button right
under its message, and a course signed by a key this Cartable does not trust (said before Download
for a folder catalog, from the refused download on for a server's); and the empty library, which
points to the catalog."""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from player.course.archive_writer import write_archive
from player.course.signing import PrivateKey
from player.library.trust import TrustedKey
from player.ui.catalog_view import CatalogView
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from sync import interprocess
from sync.interprocess import ProcessLock, collection_lock_path
from tests.course_repo import RepoCourse, add_course, random_files
from tests.e2e.downloads.faultserver import FaultServer
from tests.ui.downloads_support import KB, attach, trust
from tests.ui.test_learner_walkthrough import studying

# -- 1. an import that waits in vain for the clean-up lock ------------------------------------


def test_an_import_that_waits_in_vain_for_another_cartable_says_so_in_words(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, monkeypatch
) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "usb"
    add_course(repo, random_files(1, 10 * KB, 5), key=key)
    trust(services, key)
    studying(window, services)
    # Another Cartable cleaning up: it holds the lock longer than the import waits (60 s, here
    # a tenth of a second).
    monkeypatch.setattr(
        "player.library.garbage_collection.held", functools.partial(interprocess.held, timeout=0.1)
    )
    other = ProcessLock(collection_lock_path(services.library.blobs.root))
    assert other.acquire()
    try:
        getting, _ = attach(window, services)
        getting.import_paths([repo])
        QApplication.processEvents()
    finally:
        other.release()
    box = getting.message_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == (
        "“\u2068usb\u2069” could not be imported: another \u2068Cartable\u2069 on this computer is "
        "busy "
        "with the course "
        "files (downloading or cleaning up). Try again once it has finished."
    )
    assert ".collect.lock" not in box.text() and "disk" not in box.text()
    assert "still locked by another Cartable after" in box.detailedText(), "for support"
    assert services.library.get("maths") is None


# -- 2. an unsigned course in a folder catalog ----------------------------------------------


def unsigned_catalog(
    window: MainWindow, services: ShellServices, tmp_path: Path, *, allowed: bool
) -> tuple[object, CatalogView]:
    if not allowed:
        branding = dataclasses.replace(services.context.branding, allow_unsigned_archives=False)
        services.context.branding = branding  # type: ignore[misc]
    repo = tmp_path / "usb"
    add_course(repo, random_files(2, 10 * KB, 9), key=None, title="Notes du professeur")
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    view = getting.catalog_view
    assert view is not None and view.current_course() is not None
    return getting, view


def test_an_unsigned_course_in_a_folder_catalog_is_marked_before_any_download(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    getting, view = unsigned_catalog(window, services, tmp_path, allowed=True)
    index = view.table.currentIndex().siblingAtColumn(4)
    assert index.data() == "Unsigned"
    assert "not signed" in view.details_state.text()
    assert view.action.text().replace("&", "") == "Install as unverified…"
    assert view.action.isEnabled()
    view.action.click()
    QApplication.processEvents()
    box = getting.message_box  # type: ignore[attr-defined]
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "is not signed" in box.text() and "Unverified" in box.text()
    assert not getting.controller.items, "no download that can only fail"  # type: ignore[attr-defined]
    [install] = [b for b in box.buttons() if "unverified" in b.text()]
    install.click()
    QApplication.processEvents()
    installed = services.library.get("maths")
    assert installed is not None and not installed.verified
    assert view.current_course().state.value == "installed"  # type: ignore[union-attr]


def test_the_consent_refused_installs_nothing(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    getting, view = unsigned_catalog(window, services, tmp_path, allowed=True)
    view.action.click()
    box = getting.message_box  # type: ignore[attr-defined]
    box.button(QMessageBox.StandardButton.Cancel).click()
    QApplication.processEvents()
    assert services.library.get("maths") is None
    assert not getting.controller.items  # type: ignore[attr-defined]


def test_an_unsigned_course_cannot_be_downloaded_where_the_branding_refuses_them(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    getting, view = unsigned_catalog(window, services, tmp_path, allowed=False)
    assert view.table.currentIndex().siblingAtColumn(4).data() == "Unsigned"
    assert not view.action.isEnabled()
    assert view.details_state.text() == NOT_SIGNED
    assert view.action.toolTip() == view.action.accessibleDescription() == NOT_SIGNED, "why grey"
    view.table.setFocus()
    view._act()  # Enter on the row
    assert not getting.controller.items  # type: ignore[attr-defined]


NOT_SIGNED = (
    "Not signed: \u2068Cartable\u2069 accepts only signed courses. Ask your institution for a "
    "signed copy."
)


@pytest.mark.parametrize("allowed", [True, False], ids=["unsigned-allowed", "unsigned-refused"])
def test_an_unsigned_update_of_an_unverified_course_says_it_is_not_signed(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, allowed: bool
) -> None:
    """An unverified course installed, a USB stick's catalog listing an unsigned 2.0.0: "Update
    available" was said before "unsigned", so the update's sentence came without the warning,
    or (unsigned refused) a greyed Update button with no reason. Said as the table says it."""
    add_course(tmp_path / "v1", random_files(2, 10 * KB, 3), key=None)
    (installed,) = services.library.install_folder(tmp_path / "v1", allow_unsigned=True)
    assert not installed.verified
    if not allowed:
        branding = dataclasses.replace(services.context.branding, allow_unsigned_archives=False)
        services.context.branding = branding  # type: ignore[misc]
    add_course(tmp_path / "usb", random_files(2, 10 * KB, 9), key=None, version="2.0.0")
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(tmp_path / "usb"))
    getting.show_catalog()
    view = getting.catalog_view
    assert view is not None
    course = view.current_course()
    assert course is not None and course.state.value == "update"
    assert view.table.currentIndex().siblingAtColumn(4).data() == "Unsigned"
    if allowed:
        assert view.details_state.text().startswith("This course is not signed: nobody can ")
        assert view.action.text().replace("&", "") == "Install as unverified…"
        assert view.action.isEnabled() and view.action.toolTip() == ""
    else:
        assert view.details_state.text() == NOT_SIGNED
        assert not view.action.isEnabled()
        assert view.action.toolTip() == view.action.accessibleDescription() == NOT_SIGNED


# -- 3. an unsigned copy of a course installed signed -----------------------------------------


def signed_installed(services: ShellServices, tmp_path: Path) -> RepoCourse:
    """Mathématiques 1.0.0 installed from the institution, signed by a key this player trusts."""
    key = PrivateKey.generate()
    trust(services, key)
    signed = add_course(tmp_path / "institution", random_files(2, 10 * KB, 3), key=key)
    (installed,) = services.library.install_folder(tmp_path / "institution")
    assert installed.verified
    return signed


def assert_kept(services: ShellServices, signed: RepoCourse) -> None:
    installed = services.library.get("maths")
    assert installed is not None and installed.verified and installed.course == signed.course
    assert services.library.damaged_files("maths") == []


@pytest.mark.parametrize("version", ["2.0.0", "1.0.0"], ids=["newer", "same"])
@pytest.mark.parametrize("form", ["archive", "folder"])
def test_an_unsigned_copy_of_a_signed_course_is_refused_in_words_without_asking(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, form: str, version: str
) -> None:
    signed = signed_installed(services, tmp_path)
    repo = tmp_path / "usb"
    copy = add_course(
        repo, random_files(2, 10 * KB, 9), key=None, version=version, title="Notes du professeur"
    )
    path = repo
    if form == "archive":
        path = write_archive(repo, copy.course, tmp_path / f"maths-{version}.cartable")
    studying(window, services)
    getting, _ = attach(window, services)
    getting.import_paths([path])
    QApplication.processEvents()
    box = getting.message_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert not [b for b in box.buttons() if "unverified" in b.text()], "no consent to ask"
    assert (box.windowTitle(), box.icon()) == ("Import", QMessageBox.Icon.Warning)
    assert box.text() == (
        "The installed version of “\u2068Mathématiques\u2069” is signed by its publisher; "
        f"“\u2068{path.name}\u2069” "
        "is not signed, so \u2068Cartable\u2069 will not replace it."
    )
    assert box.detailedText() == (
        f"maths@{version}: not signed, and the installed version 1.0.0 is signed by a trusted "
        "key: the installed version is kept"
    ), "for support"
    assert_kept(services, signed)


@pytest.mark.parametrize("form", ["archive", "folder"])
def test_a_copy_signed_by_another_trusted_key_is_refused_in_words(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path, form: str
) -> None:
    """A key the learner added (a teacher's) does not take over the institution's course."""
    signed = signed_installed(services, tmp_path)
    other = PrivateKey.generate()
    trust(services, other)
    repo = tmp_path / "usb"
    copy = add_course(repo, random_files(2, 10 * KB, 9), key=other, version="2.0.0")
    path = repo
    if form == "archive":
        path = write_archive(repo, copy.course, tmp_path / "maths-2.0.0.cartable")
    studying(window, services)
    getting, _ = attach(window, services)
    getting.import_paths([path])
    QApplication.processEvents()
    box = getting.message_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    # Another publisher's, not "ask your institution for its new installer" (review r16 #3).
    assert box.text() == (
        "The installed version of “\u2068Mathématiques\u2069” is signed by its publisher; "
        f"“\u2068{path.name}\u2069” is signed by a different publisher, so \u2068Cartable\u2069 "
        "will not replace it. To install it, remove the course first."
    )
    assert f"signed by key {other.public.key_id}" in box.detailedText(), "for support"
    assert_kept(services, signed)


def test_the_catalog_does_not_offer_an_unsigned_copy_of_a_signed_course(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """A USB stick's catalog listing an unsigned newer version: its action is disabled, with the
    reason beside it and as its tooltip, instead of "Install as unverified…"."""
    signed = signed_installed(services, tmp_path)
    repo = tmp_path / "usb"
    add_course(
        repo, random_files(2, 10 * KB, 9), key=None, version="2.0.0", title="Notes du professeur"
    )
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    view = getting.catalog_view
    assert view is not None
    course = view.current_course()
    assert course is not None and (course.id, course.state.value) == ("maths", "update")
    reason = (
        "The installed version of “\u2068Mathématiques\u2069” is signed by its publisher; "
        "this copy is not "
        "signed, so \u2068Cartable\u2069 will not replace it."
    )
    assert view.table.currentIndex().siblingAtColumn(4).data() == "Unsigned"
    assert view.details_state.text() == reason
    assert not view.action.isEnabled()
    assert view.action.toolTip() == reason
    assert view.action.text() == "&Update", "what it would be, not an offer to install unverified"
    view.table.setFocus()
    view._act()  # Enter on the row
    QApplication.processEvents()
    assert getting.message_box is None, "no consent asked"
    assert not controller.items
    assert_kept(services, signed)
    # A page shown before the signed course came (another Cartable installed it meanwhile):
    # checked again where it is done, and said as an import says it.
    getting._download(course)
    QApplication.processEvents()
    box = getting.message_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == (
        "The installed version of “\u2068Mathématiques\u2069” is signed by its publisher; "
        "“\u2068Notes du "
        "professeur\u2069” is not signed, so \u2068Cartable\u2069 will not replace it."
    )
    assert not [b for b in box.buttons() if "unverified" in b.text()]
    box.close()
    assert_kept(services, signed)
    # Removed on purpose, the signed course no longer stands in the copy's way.
    services.library.uninstall("maths")
    controller.browser.rebrowse()
    assert view.action.isEnabled() and view.action.toolTip() == ""
    assert view.action.text().replace("&", "") == "Install as unverified…"


# -- 4. the empty catalog page ---------------------------------------------------------------


@pytest.mark.parametrize("size", [(1024, 600), (1280, 720)])
def test_the_settings_button_sits_right_under_the_no_catalog_message(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, size: tuple[int, int]
) -> None:
    window.resize(*size)
    studying(window, services)
    getting, _ = attach(window, services)
    getting.show_catalog()
    view = getting.catalog_view
    assert view is not None
    QApplication.processEvents()
    message, button = view.empty, view.settings_button
    assert message.isVisible() and button.isVisible()
    assert message.text().startswith("No catalog yet.")
    text_height = message.heightForWidth(message.width())
    top = message.mapTo(view, message.rect().topLeft()).y()
    if message.alignment() & message.alignment().AlignVCenter:
        text_bottom = top + (message.height() + text_height) // 2
    else:
        text_bottom = top + text_height
    gap = button.mapTo(view, button.rect().topLeft()).y() - text_bottom
    line = message.fontMetrics().lineSpacing()
    assert 0 <= gap <= 3 * line, (gap, line)
    # and the pair is not pushed to the bottom of the page
    assert button.mapTo(view, button.rect().bottomLeft()).y() < view.height() * 3 // 4


# -- 5. a course signed by a key this Cartable does not trust ---------------------------------


def untrusted_reason(key: PrivateKey) -> str:
    return (
        "This version is signed by a publisher \u2068Cartable\u2069 does not trust (key "
        f"{key.public.key_id}), "
        "so it cannot be installed. If your institution gave you its key file, add it in "
        "Settings (Trusted keys)."
    )


OTHER_KEY_WORDS = (
    "This version is signed with another key than the installed version, so "
    "\u2068Cartable\u2069 will not replace it, and adding a key in Settings would not change "
    "that. Ask your institution for its new installer; or remove the course first (everyone's "
    "learning records and progress in it are kept), then install it from here."
)
# A key trusted here signed it: another publisher's, the installer cannot help (review r16 #3).
OTHER_PUBLISHER_WORDS = (
    "The installed version is signed by its publisher; this version is signed by a different "
    "publisher, so \u2068Cartable\u2069 will not replace it. To install it, remove the course "
    "first."
)


def test_a_folder_catalog_does_not_offer_an_update_signed_by_a_key_not_trusted(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """A USB stick's newer version signed by a new key, not trusted here, of a course installed
    under another key: read from its signature on the stick, before any download, it is "Not
    updatable" with the reason beside it, instead of "Update available" and a download that can
    only fail. Not "Not trusted, add its key in Settings": once added, the key still does not
    replace the installed version (Library.other_signer), and the page said so only then
    (review u2, a new signing key). Trusting it changes nothing the page says."""
    signed = signed_installed(services, tmp_path)
    stranger = PrivateKey.generate()
    repo = tmp_path / "usb"
    add_course(repo, random_files(2, 10 * KB, 9), key=stranger, version="2.0.0")
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    view = getting.catalog_view
    assert view is not None
    course = view.current_course()
    assert course is not None and (course.id, course.state.value) == ("maths", "update")
    assert view.table.currentIndex().siblingAtColumn(4).data() == (
        "Not updatable: signed with another key"
    )
    assert view.details_state.text() == OTHER_KEY_WORDS
    assert not view.action.isVisible() and not view.action.isEnabled()
    view.table.setFocus()
    view._act()  # Enter on the row
    QApplication.processEvents()
    assert not controller.items, "no download that can only fail"
    assert_kept(services, signed)
    # The key trusted in Settings all the same: still not the installed one's; a key trusted
    # here is said as another publisher's (review r16 #3).
    getting.show_settings()
    dialog = getting.settings_dialog
    assert dialog is not None
    trust(services, stranger)
    dialog.trust_changed.emit()
    state = view.table.currentIndex().siblingAtColumn(4).data()
    assert state == "Not updatable: signed with another key"
    assert not view.action.isVisible() and not view.action.isEnabled()
    assert view.details_state.text() == OTHER_PUBLISHER_WORDS
    dialog.close()


def test_a_server_update_signed_by_a_new_key_says_a_key_added_would_not_help(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """The institution signed 1.0.2 with a new key its learners' installers do not hold yet:
    the page said "not trusted, add its key in Settings", advice that led only to a second
    refusal ("different publisher, remove the course"). Said as signed by another key than the
    installed version, the page and a refused download's row say to ask for the new installer
    or to remove the course first (review u2)."""
    signed = signed_installed(services, tmp_path)
    new_key = PrivateKey.generate()
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 9), key=new_key, version="2.0.0")
    server = FaultServer(repo).start()
    try:
        studying(window, services)
        getting, controller = attach(window, services)
        controller.downloads.catalogs.add(server.url)
        getting.show_catalog()
        view = getting.catalog_view
        assert view is not None
        course = view.current_course()
        assert course is not None and (course.id, course.state.value) == ("maths", "update")
        controller.download(course)  # synchronous runner: prepared and refused now
        QApplication.processEvents()
        [item] = controller.items.values()
        assert item.state.value == "failed" and item.failure is not None
        assert item.failure.value == "untrusted-signer"
        assert item.reason is not None and "which this computer does not trust" in item.reason
        assert not [e for e in server.log if e.path.startswith("blobs/")], "no file fetched"
        assert view.table.currentIndex().siblingAtColumn(4).data() == (
            "Not updatable: signed with another key"
        )
        assert view.details_state.text() == OTHER_KEY_WORDS
        assert not view.action.isVisible() and not view.action.isEnabled()
        getting.show_downloads()
        assert getting.downloads_view is not None
        text = getting.downloads_view.rows["maths@2.0.0"].state.text()
        assert "signed with another key than the installed one" in text
        assert "Ask your institution for its new installer" in text
        assert "add it in Settings" not in text
    finally:
        server.stop()
    assert_kept(services, signed)


def test_a_server_course_signed_by_a_key_not_trusted_is_marked_once_its_download_is_refused(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """A server's signatures are not fetched to browse (one request per course on a paid link):
    the download's first step reads it, refuses before any file, and from then on the catalog
    says why and offers the course no more."""
    stranger = PrivateKey.generate()
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 9), key=stranger)
    server = FaultServer(repo).start()
    try:
        studying(window, services)
        getting, controller = attach(window, services)
        controller.downloads.catalogs.add(server.url)
        getting.show_catalog()
        view = getting.catalog_view
        assert view is not None
        assert view.table.currentIndex().siblingAtColumn(4).data() == "Not installed"
        assert not [e for e in server.log if e.path.endswith(".sig")], "not read to browse"
        assert view.action.isEnabled()
        view.action.click()  # synchronous runner: prepared and refused now
        QApplication.processEvents()
        [item] = controller.items.values()
        assert item.state.value == "failed" and item.failure is not None
        assert item.failure.value == "trust"
        assert not [e for e in server.log if e.path.startswith("blobs/")], "no file fetched"
        reason = untrusted_reason(stranger)
        assert view.table.currentIndex().siblingAtColumn(4).data() == "Not trusted"
        assert view.details_state.text() == reason
        assert not view.action.isEnabled() and view.action.toolTip() == reason
        getting.show_catalog()  # a visit fetches the catalog again: still known
        assert not view.action.isEnabled() and view.details_state.text() == reason
    finally:
        server.stop()
    assert services.library.get("maths") is None


def test_a_folder_catalog_does_not_offer_a_course_signed_by_the_demo_key(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """The demo key signs the demo only: a USB stick's course it signed was offered for
    download (since 7000ea6 it is not "untrusted", which disabled Download), though the download
    can only be refused. Said like the refused download's row; adding the key changes nothing.
    Review r8 #2."""
    demo = PrivateKey.generate()
    demo_entry = TrustedKey(demo.public, "demo", only_course="les-mooc")
    services.library.trust.built_in.append(demo_entry)
    repo = tmp_path / "usb"
    add_course(repo, random_files(2, 10 * KB, 9), key=demo)
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    view = getting.catalog_view
    assert view is not None
    course = view.current_course()
    assert course is not None and course.id == "maths"
    reason = (
        "This version is signed with a key \u2068Cartable\u2069 accepts only for another course, "
        "so it cannot be installed. Tell its publisher."
    )
    state = view.table.currentIndex().siblingAtColumn(4).data()
    assert state == "Not installable: key for another course"
    assert view.details_state.text() == reason
    assert not view.action.isEnabled()
    assert view.action.toolTip() == reason and view.action.accessibleDescription() == reason
    view.table.setFocus()
    view._act()  # Enter on the row
    QApplication.processEvents()
    assert not controller.items, "no download that can only be refused"
    assert course.scoped_key == demo.public.key_id and course.untrusted_key is None
    trust(services, demo)  # what "add its key" would have done: the limited entry wins
    getting.show_catalog()
    assert not view.action.isEnabled() and view.details_state.text() == reason
    assert services.library.get("maths") is None


# -- 6. the empty library ---------------------------------------------------------------------


def test_the_empty_library_points_to_the_catalog_and_to_importing(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices
) -> None:
    """With no course installed, the library says where courses come from: the catalog, by its
    menu item and key (it only said "Import a course from a USB stick or a file", even with
    catalogs set up), and importing; the key it names opens the catalog."""
    services.library.uninstall("les-mooc")
    getting, _ = attach(window, services)
    studying(window, services)
    view = window.library_view
    assert view is not None and view.empty.isVisibleTo(view)
    assert view.empty.text() == (
        "No course is installed yet. Get one from the course catalog (Course \u2192 Course "
        "catalog, Ctrl+K), or import one from a USB stick or a file (Course \u2192 Import a "
        "course file)."
    )
    assert getting.catalog_action.shortcut().toString() == "Ctrl+K"
    qtbot.keyClick(view, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert getting.catalog_view is not None
    assert window.stack.currentWidget() is getting.catalog_view


# -- 7. a stick with a damaged course among good ones -----------------------------------------


def test_an_import_says_which_courses_went_in_and_which_not_one_line_each(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "usb"
    add_course(repo, random_files(1, 10 * KB, 1), key=key, course_id="algebre", title="Algèbre")
    damaged = add_course(
        repo, random_files(1, 10 * KB, 2), key=key, course_id="bio", title="<b>Biologie</b>"
    )
    victim = repo / next(iter(damaged.course.files().values())).blob_path
    victim.write_bytes(b"x" + victim.read_bytes()[1:])
    trust(services, key)
    studying(window, services)
    getting, _ = attach(window, services)
    getting.import_paths([repo])
    qtbot.waitUntil(lambda: getting.message_box is not None)
    box = getting.message_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert box.text() == (
        "Imported from “\u2068usb\u2069”: \u2068Algèbre\u2069.\n"
        "Not imported: “\u2068<b>Biologie</b>\u2069”: a file of it is damaged or missing. Ask "
        "the person who "
        "gave it to you for a new copy."
    )
    details = box.detailedText().splitlines()
    assert details[0] == "algebre 1.0.0: installed"
    assert details[1].startswith(f"bio 1.0.0: not installed: {repo}: blobs/sha256/")
    assert len(details) == 2
    assert services.library.get("algebre") is not None and services.library.get("bio") is None
