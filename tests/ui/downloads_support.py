"""Getting-courses UI tests: the main window with GettingCourses attached to a real downloads
controller, a signed catalog in a folder (or behind a paced local HTTP server), a fake network."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from player.course.signing import PrivateKey
from player.ui.download_item import DownloadItem
from player.ui.downloads_controller import DownloadsController
from player.ui.getting_courses import GettingCourses
from player.ui.main_window import MainWindow
from player.ui.shell import ShellServices
from player.ui.tasks import TaskRunner
from sync.download_options import DownloadOptions
from sync.interprocess import ProcessLock
from tests.course_repo import RepoCourse, add_course, random_files

KB = 1000


@dataclass
class FakeNetwork:
    """What QNetworkInformation would say; tests switch it."""

    online: bool = True
    metered: bool = False
    listeners: list[Callable[[], None]] = field(default_factory=list)

    def is_online(self) -> bool:
        return self.online

    def is_metered(self) -> bool:
        return self.metered

    def watch(self, changed: Callable[[], None]) -> None:
        self.listeners.append(changed)

    def set(self, *, online: bool | None = None, metered: bool | None = None) -> None:
        if online is not None:
            self.online = online
        if metered is not None:
            self.metered = metered
        for listener in self.listeners:
            listener()


def trust(services: ShellServices, key: PrivateKey) -> None:
    services.context.trust.add(key.public)


def attach(
    window: MainWindow,
    services: ShellServices,
    tasks: TaskRunner | None = None,
    network: FakeNetwork | None = None,
    options: DownloadOptions | None = None,
) -> tuple[GettingCourses, DownloadsController]:
    """GettingCourses on the window, with a started controller on `tasks` (default: the
    services' synchronous runner)."""
    from player.commands.download import PlayerDownloads

    getting = GettingCourses(window, services)
    controller = DownloadsController(
        services.context,
        tasks or services.tasks,
        network=network or FakeNetwork(),
        downloads=PlayerDownloads.open(
            services.context,
            options=options
            or DownloadOptions(backoff_base=0.05, network_backoff_base=0.2, parallel=2),
        ),
        parent=getting,
    )
    getting.attach(controller)
    controller.start()
    return getting, controller


def download_while_another_cartable_downloads(
    getting: GettingCourses, controller: DownloadsController, repo: Path
) -> DownloadItem:
    """Download the only course of the catalog at `repo` while another process (`cartable
    download`) holds the downloads lock: the item, refused."""
    controller.downloads.catalogs.add(str(repo))
    getting.show_catalog()
    other = ProcessLock(controller.courses.folder / "downloads.lock")
    assert other.acquire()
    try:
        getting.catalog_view.action.click()  # type: ignore[union-attr]
    finally:
        other.release()
    [item] = controller.items.values()
    return item


def two_language_repo(repo: Path, key: PrivateKey) -> dict[str, RepoCourse]:
    return {
        "maths": add_course(repo, random_files(4, 50 * KB, 1), key=key),
        "history": add_course(
            repo,
            random_files(2, 30 * KB, 2),
            key=key,
            course_id="history",
            title="World history",
            language="en",
        ),
        "physique": add_course(
            repo,
            random_files(3, 20 * KB, 3),
            key=key,
            course_id="physique",
            title="Physique des ondes",
        ),
    }
