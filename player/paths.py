"""Every location the player reads or writes, in one place.

`CARTABLE_HOME=DIR` puts every file the player writes under DIR (tests, portable installs on a USB
stick); otherwise platformdirs gives the usual per-user folders. Read-only resources come from the
source tree, or from the PyInstaller bundle when frozen.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "Cartable"
HOME_ENV = "CARTABLE_HOME"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def resources_dir() -> Path:
    """The read-only resources: schema, translations, icons, the demo course."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


class FolderMissing(OSError):
    """A folder of the installation, or one on its way, is a link whose target cannot be found:
    the disk holding it is not plugged in or not mounted. One line naming the link and where it
    leads; nothing is made (the mkdir below said "File exists", and made under an empty mount
    point, new empty folders would be hidden by the disk once mounted again)."""

    def __init__(self, link: Path, target: str) -> None:
        super().__init__(
            f"Your Cartable folder {link} is a link to {target}, which cannot be found: connect "
            "or mount the disk that holds it, then try again. Nothing was created or changed."
        )
        self.link = link
        self.target = target


def dangling_link(folder: Path) -> Path | None:
    """The link whose target cannot be found at `folder` or on its way, if any: the nearest
    part of it that is there at all is that link."""
    for part in (folder, *folder.parents):
        if os.path.lexists(part):
            return part if part.is_symlink() and not part.exists() else None
    return None


@dataclass(frozen=True)
class Paths:
    """Writable locations of one installation."""

    data: Path
    config: Path
    cache: Path
    logs: Path

    @property
    def database(self) -> Path:
        return self.data / "cartable.sqlite3"

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def blobs(self) -> Path:
        return self.data / "blobs"

    @property
    def courses(self) -> Path:
        return self.data / "courses"

    @property
    def thumbnails(self) -> Path:
        """Course covers at card size (made again when missing)."""
        return self.cache / "covers"

    @property
    def settings_file(self) -> Path:
        return self.config / "settings.json"

    @property
    def secrets(self) -> Path:
        return self.config / "secrets"

    def ensure(self) -> Paths:
        """Make the folders; raises `FolderMissing`, making none, when one leads through a link
        whose disk is not there."""
        folders = (self.data, self.config, self.cache, self.logs)
        for folder in folders:
            link = dangling_link(folder)
            if link is not None:
                raise FolderMissing(link, os.path.realpath(link))
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
        return self


def user_paths(env: dict[str, str] | None = None) -> Paths:
    environ = os.environ if env is None else env
    home = environ.get(HOME_ENV)
    if home:
        root = Path(home).expanduser().resolve()
        return Paths(root / "data", root / "config", root / "cache", root / "logs")
    import platformdirs  # 9 ms at start, only where the platform decides

    return Paths(
        Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def demo_repository() -> Path:
    """The built, signed demo repository shipped with the player."""
    return resources_dir() / "demo" / "repository"
