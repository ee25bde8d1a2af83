"""Every location the player reads or writes, in one place.

`CARTABLE_HOME=DIR` puts every file the player writes under DIR (tests, portable installs on a USB
stick); otherwise platformdirs gives the usual per-user folders. Read-only resources come from the
source tree, or from the PyInstaller bundle when frozen.
"""

from __future__ import annotations

import errno
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
    """A folder of the installation, or one on its way, is a link whose target cannot be found
    (the disk holding it is not plugged in or not mounted) or that leads back to itself (`loop`).
    One line naming the link; nothing is made (the mkdir below said "File exists", and made under
    an empty mount point, new empty folders would be hidden by the disk once mounted again).
    `holder`: the link is a folder holding the Cartable folder (`~/.local/share`), not it."""

    def __init__(
        self, link: Path, target: str, *, loop: bool = False, holder: bool = False
    ) -> None:
        which = (
            f"The folder {link}, which holds your Cartable folder,"
            if holder
            else f"Your Cartable folder {link}"
        )
        super().__init__(
            f"{which} is a link that leads back to itself: correct the link, then try again."
            " Nothing was created or changed."
            if loop
            else f"{which} is a link to {target}, which cannot be found: connect or mount the"
            " disk that holds it, then try again. Nothing was created or changed."
        )
        self.link = link
        self.target = target
        self.loop = loop
        self.holder = holder


@dataclass(frozen=True)
class BrokenLink:
    """A link whose target cannot be reached: not there (`loop` False), or leading back to
    itself."""

    link: Path
    loop: bool


def broken_link(folder: Path) -> BrokenLink | None:
    """The link whose target cannot be reached at `folder` or on its way, if any: the nearest
    part of it that is there at all is that link. Only a target not found (the disk not
    plugged in) or a loop: any other error (no permission) is the mkdir's to say."""
    for part in (folder, *folder.parents):
        if os.path.lexists(part):
            if not part.is_symlink():
                return None
            try:
                os.stat(part)
            except FileNotFoundError:
                return BrokenLink(part, loop=False)
            except OSError as exc:
                return BrokenLink(part, loop=True) if exc.errno == errno.ELOOP else None
            return None
    return None


@dataclass(frozen=True)
class Paths:
    """Writable locations of one installation."""

    data: Path
    config: Path
    cache: Path
    logs: Path
    #: The folder CARTABLE_HOME names, which holds the four (None: the platform's folders).
    home: Path | None = None

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
        whose disk is not there, or that leads back to itself."""
        folders = (self.data, self.config, self.cache, self.logs)
        for folder in folders:
            broken = broken_link(folder)
            if broken is not None:
                link = broken.link
                # Cartable's own folder, or one holding it (~/.local/share): the platform's
                # folders are named Cartable, or are under one (~/.local/state/Cartable/log);
                # CARTABLE_HOME's are under it, whatever the name of a folder holding it.
                own = link in (*folders, self.home) or (self.home is None and link.name == APP_NAME)
                raise FolderMissing(link, os.path.realpath(link), loop=broken.loop, holder=not own)
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
        return self


def user_paths(env: dict[str, str] | None = None) -> Paths:
    environ = os.environ if env is None else env
    home = environ.get(HOME_ENV)
    if home:
        given = Path(home).expanduser().absolute()  # not abspath: "link/.." is the link's parent
        # A link whose target cannot be reached (a portable install's USB disk not plugged in)
        # stays as given, for ensure() to name it: resolved, its target was made, a fresh
        # installation under the empty mount point, hidden by the disk once mounted again.
        root = given if broken_link(given) is not None else given.resolve()
        return Paths(root / "data", root / "config", root / "cache", root / "logs", root)
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
