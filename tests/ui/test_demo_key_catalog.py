"""A server's catalog offering a course the demo key signed (trusted for the demo only): once
its download is refused (KEY_SCOPE), the catalog page says so in the same words and no longer
offers it; it offered it again as installable, since only a folder's signatures are read
ahead and the refusal taught the catalog nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.library.trust import TrustedKey
from player.ui.catalog_model import STATE
from player.ui.catalog_view import CatalogView
from player.ui.downloads_view import DownloadsView
from player.ui.main_window import MainWindow
from player.ui.screens import screen_of
from player.ui.settings_dialog import SettingsTab
from player.ui.shell import ShellServices
from sync.download_state import DownloadState, FailureKind
from tests.course_repo import add_course, random_files
from tests.ui.downloads_support import KB
from tests.ui.test_downloads_refusals_said import download_maths, served, settings_tab_opened
from tests.ui.test_settings_catalog_read import add, saved, settings
from tests.ui.test_settings_keys import keys_tab


def test_a_server_s_course_refused_for_the_demo_key_is_no_longer_offered(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    demo = PrivateKey.generate()
    services.context.trust.built_in.append(TrustedKey(demo.public, "demo", only_course="les-mooc"))
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 13), key=demo)
    with served(window, services, repo) as (getting, controller):
        item = download_maths(getting, controller)
        assert item.state is DownloadState.FAILED and item.failure is FailureKind.KEY_SCOPE
        catalog: CatalogView = getting.catalog_view  # type: ignore[assignment]
        qtbot.waitUntil(lambda: not catalog.action.isEnabled(), timeout=10_000)
        course = controller.browse.find("maths")  # type: ignore[union-attr]
        assert course is not None and course.scoped_key == demo.public.key_id
        assert course.untrusted_key is None, "no key to add"
        assert catalog.details_state.text() == (
            "This version is signed with a key \u2068Cartable\u2069 accepts only for another "
            "course, so it cannot be installed. Tell its publisher."
        )


def catalog_state(catalog: CatalogView, course_id: str) -> str:
    """The catalog page's State column for `course_id`."""
    row = next(i for i, c in enumerate(catalog.model.courses) if c.id == course_id)
    return str(catalog.model.index(row, STATE).data())


def test_the_demo_an_earlier_demo_key_signed_on_a_server_is_said_earlier_everywhere(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """A server offering les-mooc signed by an earlier demo key (a lab's copy of an old demo):
    the download is refused as EARLIER_KEY; the Downloads row, its Settings… and the catalog
    page, once it learnt the signer, say so in the same words, never as a key to add. The
    words had no GUI test (review r1 #5)."""
    old = PrivateKey.generate()
    services.context.trust.earlier.append(TrustedKey(old.public, "demo", "les-mooc"))
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 10 * KB, 21), key=old, course_id="les-mooc", version="9.0.0")
    with served(window, services, repo) as (getting, controller):
        getting.show_catalog()
        catalog: CatalogView = getting.catalog_view  # type: ignore[assignment]
        # An update of the installed demo has its signature read ahead (a24ca60): the page
        # knows the earlier key before any click, and offers no Download.
        qtbot.waitUntil(lambda: not catalog.action.isEnabled(), timeout=10_000)
        assert catalog_state(catalog, "les-mooc") == "Not installable: earlier demo key"
        offered = controller.browse.find("les-mooc")  # type: ignore[union-attr]
        assert offered is not None
        controller.download(offered)  # as a download asked before the read ahead ended
        item = controller.items["les-mooc@9.0.0"]
        assert item.state is DownloadState.FAILED and item.failure is FailureKind.EARLIER_KEY
        qtbot.waitUntil(lambda: not catalog.action.isEnabled(), timeout=10_000)
        course = controller.browse.find("les-mooc")  # type: ignore[union-attr]
        assert course is not None and course.earlier_key == old.public.key_id
        assert course.scoped_key is None and course.untrusted_key is None, "no key to add"
        assert catalog_state(catalog, "les-mooc") == "Not installable: earlier demo key"
        assert catalog.details_state.text() == (
            "This version is signed with an earlier key of the demo course, which "
            "\u2068Cartable\u2069 no longer accepts, so it cannot be installed."
        )
        getting.show_downloads()
        view: DownloadsView = getting.downloads_view  # type: ignore[assignment]
        row = view.rows["les-mooc@9.0.0"]
        assert row.state.text() == (
            "Failed: it is signed with an earlier key of the demo course, which "
            "\u2068Cartable\u2069 no longer accepts, so it cannot be installed."
        )
        assert row.state.toolTip().endswith(  # for support
            f"refused: signed by key {old.public.key_id}, an earlier key of the course "
            "les-mooc, which this computer no longer accepts"
        )
        assert settings_tab_opened(getting, view) == SettingsTab.DOWNLOADS, "not Trusted keys"


@pytest.mark.parametrize("which", ["current", "earlier"])
def test_settings_refuses_the_demo_key_and_an_earlier_one_in_one_line(  # type: ignore[no-untyped-def]
    qtbot, services: ShellServices, tmp_path: Path, which: str
) -> None:
    """An earlier demo key went on to "Trust this key?", and its file then trusted nothing
    (`TrustStore.trusted` ignores it); the demo key was "already trusted", as if for every
    course. Either is refused at once, as `cartable trust add` refuses it, nothing asked."""
    key = PrivateKey.generate()
    entry = TrustedKey(key.public, "demo", only_course="les-mooc")
    trust = services.context.trust
    (trust.built_in if which == "current" else trust.earlier).append(entry)
    chosen = tmp_path / "demo.pub"
    chosen.write_text(key.public.to_text() + "\n", encoding="utf-8")
    tab = keys_tab(qtbot, services, chosen)
    tab.key_add.click()
    assert tab.confirm_box is None, "not asked"
    said = {
        "current": "This is the key of the demo course, which this computer accepts only for "
        "that course: not added.",
        "earlier": "This is an earlier key of the demo course, which this computer no longer "
        "accepts: not added.",
    }
    assert tab.key_error.text() == said[which]
    assert not (trust.folder / f"{key.public.key_id}.pub").exists()


def test_settings_says_which_keys_of_a_catalog_added_sign_courses_refused_here(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """A USB stick whose courses a stranger's key, the demo key and an earlier demo key sign:
    Settings → Catalogs said "Added." alone, though every download from it was refused
    (`cartable catalogs add` warned of each key). One line per key now, read on the task
    runner after the add, in the Downloads rows' meaning (review r1 #2)."""
    stranger, demo, old = PrivateKey.generate(), PrivateKey.generate(), PrivateKey.generate()
    trust = services.context.trust
    trust.built_in.append(TrustedKey(demo.public, "demo", only_course="les-mooc"))
    trust.earlier.append(TrustedKey(old.public, "demo", "les-mooc"))
    usb = tmp_path / "usb"
    for seed, (key, course_id) in enumerate(
        [
            (stranger, "physique"),
            (stranger, "chimie"),
            (demo, "maths"),
            (demo, "histoire"),
            (old, "les-mooc"),
            (old, "geographie"),
        ]
    ):
        add_course(usb, random_files(1, 4 * KB, seed), key=key, course_id=course_id)
    dialog = settings(window, services)
    page = dialog.catalog_page
    add(qtbot, dialog, str(usb))
    qtbot.waitUntil(lambda: "\n" in page.catalog_error.text(), timeout=10_000)
    assert page.catalog_error.text().splitlines() == [  # the catalog lists them by id
        "Added. The catalog page shows its courses.",
        f"Key {stranger.public.key_id}, which \u2068Cartable\u2069 does not trust, signs 2 "
        "courses of this catalog (\u2068chimie, physique\u2069): their downloads will be "
        "refused. If your institution gave you its key file, add it in the Trusted keys tab.",
        f"Key {old.public.key_id}, an earlier key of the demo course, which \u2068Cartable\u2069 "
        "no longer accepts, signs 2 courses of this catalog (\u2068geographie, "
        "les-mooc\u2069): they cannot be installed.",
        f"Key {demo.public.key_id}, which \u2068Cartable\u2069 accepts only for another course, "
        "signs 2 courses of this catalog (\u2068histoire, maths\u2069): they cannot be "
        "installed. Tell its publisher.",
    ]
    assert saved() == [str(usb)], "added all the same"
    dialog.close()


def test_a_catalog_of_many_keys_says_three_and_counts_the_others(  # type: ignore[no-untyped-def]
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    """A folder whose 40 courses each had its own key: a line per key made Settings 1051 px
    high, its Close button off an 800 px screen (review r9 #3). Three keys are said, the others
    counted; the first ten are in the line's tooltip and accessible description, then "…": all
    40 drew a tooltip taller than the screen (review r13 #8)."""
    usb = tmp_path / "usb"
    keys = [PrivateKey.generate() for _ in range(40)]
    for n, key in enumerate(keys):
        add_course(usb, random_files(1, 200, n), key=key, course_id=f"c{n:02d}")
    dialog = settings(window, services)
    page = dialog.catalog_page
    add(qtbot, dialog, str(usb))  # the services' runner: checked before add() returns
    lines = page.catalog_error.text().splitlines()
    assert len(lines) == 5 and lines[0] == "Added. The catalog page shows its courses."
    assert all(line.startswith("Key ") for line in lines[1:4])
    assert lines[4] == "…and 37 other keys sign courses refused here."
    every = page.catalog_error.toolTip().splitlines()
    assert len(every) == 11 and every[10] == "…"
    assert {line.split(",")[0] for line in every[:10]} <= {
        f"Key {key.public.key_id}" for key in keys
    }
    assert lines[1:4] == every[:3]
    assert page.catalog_error.accessibleDescription().splitlines() == every
    dialog.adjustSize()
    shown_on = screen_of(dialog)
    assert shown_on is not None
    screen = shown_on.availableGeometry()
    assert dialog.minimumSizeHint().height() <= screen.height(), "Close stays on the screen"
    dialog.close()
