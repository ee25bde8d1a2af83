"""A course downloaded while another one runs waits in the queue: its row says it waits for its
turn, not that it is being checked, which on a slow link could read as stuck for an hour."""

from __future__ import annotations

from pathlib import Path

from player.course.signing import PrivateKey
from player.ui.downloads_controller import DownloadsController
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from sync.download_state import DownloadState
from tests.course_repo import add_course, random_files
from tests.ui.downloads_support import KB, trust
from tests.ui.test_downloads_view import (  # noqa: F401 (fixtures)
    downloads_page,
    key,
    paced,
    runner,
    stoppers,
    wait_catalog,
)


def test_a_download_waiting_behind_another_says_it_waits_for_its_turn(
    qtbot,
    window: MainWindow,
    services: ShellServices,
    tmp_path: Path,
    key: PrivateKey,  # noqa: F811
    runner: ThreadPoolRunner,  # noqa: F811
    stoppers: list[DownloadsController],  # noqa: F811
) -> None:
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 150 * KB, 1), key=key)
    add_course(repo, random_files(1, 20 * KB, 2), key=key, course_id="histoire", title="Histoire")
    trust(services, key)
    server = paced(repo, rate=100 * KB)
    try:
        _, controller, view = downloads_page(window, services, runner, stoppers, server.url)
        browse = wait_catalog(qtbot, controller)
        controller.download(browse.find("maths"))
        qtbot.waitUntil(
            lambda: (
                controller.items["maths@1.0.0"].state is DownloadState.RUNNING
                and not controller.items["maths@1.0.0"].preparing
            ),
            timeout=10_000,
        )
        controller.download(browse.find("histoire"))
        assert view.rows["histoire@1.0.0"].state.text() == "Waiting for its turn"
        assert view.rows["maths@1.0.0"].state.text() == "Downloading"
        qtbot.waitUntil(lambda: services.library.get("histoire") is not None, timeout=20_000)
        assert services.library.get("maths") is not None
    finally:
        server.stop()
