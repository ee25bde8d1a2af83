"""A download whose name server hangs while the course is prepared (its manifest and signature
fetched, before any file): Pause shows Paused and Quit leaves at once, not when the resolver
gives up (sync/lookup.py). The engine's own workers are tested in
tests/e2e/downloads/test_hung_lookup.py."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from player.course.signing import PrivateKey
from player.ui.downloads_controller import DownloadsController
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.tasks import ThreadPoolRunner
from sync.download_options import DownloadOptions
from sync.download_state import DownloadState
from sync.lookup import LOOKUPS
from tests.course_repo import add_course, random_files
from tests.e2e.downloads.faultserver import FaultServer
from tests.guard import GUARD_S
from tests.hung_dns import HUNG, HungDns, hung_dns  # noqa: F401 (a fixture)
from tests.ui.downloads_support import KB, attach, trust
from tests.ui.test_shell import studying
from tests.ui.unit_support import events_handled

GUARD_MS = int(GUARD_S * 1000)


@pytest.fixture
def runner() -> Iterator[ThreadPoolRunner]:
    threads = ThreadPoolRunner()
    yield threads
    threads.wait_idle(20_000)


def preparing(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    services: ShellServices,
    runner: ThreadPoolRunner,
    tmp_path: Path,
    dns: HungDns,
) -> tuple[DownloadsController, FaultServer]:
    """A catalog read while its name answered, then a download started once it hangs."""
    key = PrivateKey.generate()
    repo = tmp_path / "repo"
    add_course(repo, random_files(4, 50 * KB, 1), key=key)
    trust(services, key)
    server = FaultServer(repo, 0, retry_after=1).start()
    studying(window, services)
    # A connect timeout the tests never reach: a pause or quit waiting for it (or for the hung
    # name server) instead of the stop fails by the 60 s guards below.
    options = DownloadOptions(parallel=2, connect_timeout=3600.0)
    _, controller = attach(window, services, runner, options=options)
    dns.release.set()
    controller.downloads.catalogs.add(f"http://{HUNG}:{server.port}/")
    controller.refresh_catalog()
    qtbot.waitUntil(
        lambda: controller.browse is not None and bool(controller.browse.courses), timeout=GUARD_MS
    )
    dns.release.clear()  # the name server hangs from now on
    controller.downloads.session.close()  # and the catalog's idle connection is gone
    calls = dns.calls
    controller.download(controller.browse.find("maths"))
    qtbot.waitUntil(lambda: dns.calls > calls, timeout=GUARD_MS)
    assert controller.items["maths@1.0.0"].preparing
    return controller, server


def test_a_pause_while_the_course_is_prepared_shows_paused_at_once(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    services: ShellServices,
    runner: ThreadPoolRunner,
    tmp_path: Path,
    hung_dns: HungDns,  # noqa: F811
) -> None:
    controller, server = preparing(qtbot, window, services, runner, tmp_path, hung_dns)
    try:
        controller.pause("maths@1.0.0")
        # Paused by the pause, while the name server hangs: the 60 s guard, not a measure.
        qtbot.waitUntil(
            lambda: controller.items["maths@1.0.0"].state is DownloadState.PAUSED,
            timeout=GUARD_MS,
        )
        item = controller.items["maths@1.0.0"]
        assert (item.preparing, item.reason, item.failure) == (False, None, None)
        assert controller.queue.active is None
        hung_dns.settle()  # the name answers at last: nothing changes by itself
        # The answer ends the preparation's task, whose outcome comes to this thread queued:
        # once the workers are idle and what they posted handled, the answer did all it does.
        qtbot.waitUntil(lambda: runner.wait_idle(0), timeout=GUARD_MS)
        events_handled(qtbot)
        assert not controller.waits.retry_timer.isActive()  # nor a retry left to resume it later
        assert controller.items["maths@1.0.0"].state is DownloadState.PAUSED
        assert controller.courses.get("maths@1.0.0") is None  # nothing was recorded
        controller.resume("maths@1.0.0")  # and Resume prepares it again
        qtbot.waitUntil(lambda: services.library.get("maths") is not None, timeout=GUARD_MS)
    finally:
        controller.stop()
        server.stop()


def test_quit_while_the_course_is_prepared_leaves_at_once(
    qtbot,  # type: ignore[no-untyped-def]
    window: MainWindow,
    services: ShellServices,
    runner: ThreadPoolRunner,
    tmp_path: Path,
    hung_dns: HungDns,  # noqa: F811
) -> None:
    controller, server = preparing(qtbot, window, services, runner, tmp_path, hung_dns)
    try:
        controller.stop()
        # Over by the stop, while the name server still hangs: the 60 s guard, far from the
        # 'never' cases (the hung lookup, until settled; the hour's connect timeout), not a
        # measure of 'at once', which a loaded machine stretches (timings live in benchmarks/).
        assert runner.wait_idle(GUARD_MS), "quitting waits for the name server"
        assert not hung_dns.release.is_set()
        assert LOOKUPS.running() == 1  # the lookup goes on alone, and writes nothing
    finally:
        server.stop()
