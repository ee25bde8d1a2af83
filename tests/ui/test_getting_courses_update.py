"""An update of an installed course, downloaded from the catalog: the learner is told it is an
update, to which version, and that their progress stays."""

from __future__ import annotations

from pathlib import Path

from player.course.signing import PrivateKey
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from tests.course_repo import add_course, random_files
from tests.ui.downloads_support import KB, attach, trust
from tests.ui.test_shell import studying


def test_an_update_is_announced_as_one_not_as_a_new_install(
    qtbot, window: MainWindow, services: ShellServices, tmp_path: Path
) -> None:
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    files = random_files(2, 10 * KB, 3)
    add_course(repo, files, key=key)
    trust(services, key)
    studying(window, services)
    getting, controller = attach(window, services)
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    getting.catalog_view.action.click()  # type: ignore[union-attr]
    assert window.statusBar().currentMessage() == "Installed: Mathématiques (version 1.0.0)."
    add_course(repo, [*files, *random_files(1, 10 * KB, 4)], key=key, version="1.1.0")
    controller.refresh_catalog()
    getting.catalog_view.action.click()  # type: ignore[union-attr]
    installed = services.library.get("maths")
    assert installed is not None and installed.version == "1.1.0"
    assert window.statusBar().currentMessage() == (
        "Updated: Mathématiques, from version 1.0.0 to 1.1.0. Your progress is kept."
    )
