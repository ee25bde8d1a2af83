"""A course's server down while this computer's network is fine: the Downloads row says the
server could not be reached, or answered badly, as the catalog says it, not "No network" (which
sent learners to check a network that worked); a network the system says is gone is still "No
network"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.ui.downloads_controller import DownloadsController
from player.ui.downloads_view import DownloadsView
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from sync.download_options import DownloadOptions
from sync.download_state import DownloadState, FailureKind
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.faultserver import Fault, FaultServer
from tests.ui.downloads_support import KB, FakeNetwork, attach, trust
from tests.ui.test_shell import studying

UNREACHABLE = "Waiting to try again: the server could not be reached."
ANSWERS_BADLY = (
    "Waiting to try again: the server answered in a way \u2068Cartable\u2069 cannot use."
)
NO_NETWORK = "No network: the download continues by itself when it is back."
# Two failures in a row, then a long wait: the row is read while it waits.
OPTIONS = DownloadOptions(
    parallel=1, backoff_base=0.01, backoff_cap=0.02, max_failures=2, connect_timeout=2,
    network_backoff_base=120, network_backoff_cap=120, retry_after_cap=0.05,
)  # fmt: skip


@pytest.fixture
def runner() -> Iterator[ThreadPoolRunner]:
    threads = ThreadPoolRunner()
    yield threads
    threads.wait_idle(20_000)


@pytest.fixture
def stoppers() -> Iterator[list[DownloadsController]]:
    """Controllers to stop before the records store closes."""
    made: list[DownloadsController] = []
    yield made
    for controller in made:
        controller.stop()


def offered(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    services: ShellServices,
    runner: ThreadPoolRunner,
    stoppers: list[DownloadsController],
    tmp_path: Path,
    network: FakeNetwork,
) -> tuple[DownloadsController, FaultServer, DownloadsView]:
    """A course on a server whose catalog was read, and the Downloads page shown."""
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    add_course(repo, random_files(2, 20 * KB, 11), key=key)
    trust(services, key)
    server = FaultServer(repo, retry_after=0).start()
    studying(window, services)
    getting, controller = attach(window, services, runner, network, OPTIONS)
    stoppers.append(controller)
    controller.downloads.catalogs.add(server.url)
    controller.refresh_catalog()
    qtbot.waitUntil(
        lambda: controller.browse is not None and bool(controller.browse.courses), timeout=10_000
    )
    getting.show_downloads()
    assert getting.downloads_view is not None
    return controller, server, getting.downloads_view


def row_text(view: DownloadsView) -> str:
    return view.rows["maths@1.0.0"].state.text()


def test_a_server_refusing_connections_is_said_as_the_server_not_the_network(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    services: ShellServices,
    runner: ThreadPoolRunner,
    stoppers: list[DownloadsController],
    tmp_path: Path,
) -> None:
    network = FakeNetwork()
    controller, server, view = offered(qtbot, window, services, runner, stoppers, tmp_path, network)
    course = controller.browse.find("maths")  # type: ignore[union-attr]
    server.stop()  # the server is down; the network is not
    controller.downloads.session.close()  # its idle connection went with it
    controller.download(course)
    qtbot.waitUntil(
        lambda: controller.items["maths@1.0.0"].state is DownloadState.WAITING_FOR_NETWORK,
        timeout=20_000,
    )
    item = controller.items["maths@1.0.0"]
    assert item.failure is FailureKind.NETWORK
    assert row_text(view) == UNREACHABLE
    assert "connection refused" in item.reason  # type: ignore[operator]
    network.set(online=False)  # the system says the network is gone too: that first
    assert row_text(view) == NO_NETWORK
    network.set(online=True)
    qtbot.waitUntil(lambda: row_text(view) == UNREACHABLE, timeout=20_000)


def test_a_server_answering_503_to_the_files_is_said_as_answering_badly(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    services: ShellServices,
    runner: ThreadPoolRunner,
    stoppers: list[DownloadsController],
    tmp_path: Path,
) -> None:
    network = FakeNetwork()
    controller, server, view = offered(qtbot, window, services, runner, stoppers, tmp_path, network)
    try:
        course = controller.browse.find("maths")  # type: ignore[union-attr]
        for blob in (tmp_path / "repo" / "blobs").rglob("*"):
            if blob.is_file():
                server.inject(blob.name, *[Fault.UNAVAILABLE] * 20)
        controller.download(course)
        qtbot.waitUntil(
            lambda: controller.items["maths@1.0.0"].state is DownloadState.WAITING_FOR_NETWORK,
            timeout=20_000,
        )
        assert controller.items["maths@1.0.0"].failure is FailureKind.SERVER
        assert row_text(view) == ANSWERS_BADLY
        record = controller.courses.get("maths@1.0.0")
        assert record is not None and record.failure is FailureKind.SERVER  # after a restart too
    finally:
        controller.stop()
        server.stop()
