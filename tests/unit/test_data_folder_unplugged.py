"""A Cartable folder kept on another disk behind a symlink (the data folder, or a folder on its
way such as ~/.local/share), the disk not plugged in. `Paths.ensure` said "…/data: File
exists" (its mkdir), every command alike; the window did not open, a traceback on stderr. Now
one line names the link and where it leads, and nothing is made. Real folders, real links."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from player.paths import FolderMissing, Paths
from tests.support import run_cli

pytestmark = pytest.mark.skipif(os.name != "posix", reason="symlinks without privileges")


def _unplugged(tmp_path: Path, link: Path) -> Path:
    """`link` made to a folder on a disk, then the disk taken away: where it led."""
    usb = tmp_path / "media" / "USB"
    (usb / "Cartable").mkdir(parents=True)
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(usb / "Cartable")
    usb.rename(tmp_path / "unplugged")
    return usb / "Cartable"


def _said(link: Path, target: Path) -> str:
    return (
        f"cartable: Your Cartable folder {link} is a link to {target}, which cannot be found: "
        "connect or mount the disk that holds it, then try again. Nothing was created or changed."
    )


@pytest.mark.parametrize(
    "command", [["profiles", "list"], ["records", "stats"], ["courses", "list"]]
)
def test_a_command_with_the_data_folder_unplugged_says_so_and_makes_nothing(
    tmp_path: Path, command: list[str]
) -> None:
    home = tmp_path / "home"
    target = _unplugged(tmp_path, home / "data")
    ran = run_cli("-m", "player", *command, env={"CARTABLE_HOME": str(home)})
    assert ran.returncode == 1 and ran.stdout == ""
    assert ran.stderr.splitlines() == [_said(home / "data", target)]
    assert [p.name for p in home.iterdir()] == ["data"]  # no config, cache or logs either
    assert not target.parent.exists()


def test_a_folder_on_the_way_that_is_a_link_to_a_disk_not_there_is_named(tmp_path: Path) -> None:
    """~/.local/share linked to another disk: platformdirs' data folder is under it."""
    share = tmp_path / ".local" / "share"
    target = _unplugged(tmp_path, share)
    paths = Paths(share / "Cartable", tmp_path / "config", tmp_path / "cache", tmp_path / "logs")
    before = sorted(tmp_path.rglob("*"))
    with pytest.raises(FolderMissing) as raised:
        paths.ensure()
    assert (raised.value.link, raised.value.target) == (share, str(target))
    assert sorted(tmp_path.rglob("*")) == before
