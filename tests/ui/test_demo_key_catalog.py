"""A server's catalog offering a course the demo key signed (trusted for the demo only): once
its download is refused (KEY_SCOPE), the catalog page says so in the same words and no longer
offers it; it offered it again as installable, since only a folder's signatures are read
ahead and the refusal taught the catalog nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.library.trust import TrustedKey
from player.ui.catalog_view import CatalogView
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from sync.download_state import DownloadState, FailureKind
from tests.course_repo import add_course, random_files
from tests.ui.downloads_support import KB
from tests.ui.test_downloads_refusals_said import download_maths, served
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
