"""A Cartable folder kept on another disk behind a symlink (the data folder, or a folder on its
way such as ~/.local/share), the disk not plugged in. `Paths.ensure` said "…/data: File
exists" (its mkdir), every command alike; the window did not open, a traceback on stderr. Now
one line names the link and where it leads, and nothing is made. Real folders, real links."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from player.paths import HOME_ENV, FolderMissing, Paths, user_paths
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
    assert raised.value.holder and not raised.value.loop
    assert str(raised.value) == (  # not "Your Cartable folder": ~/.local/share holds it
        f"The folder {share}, which holds your Cartable folder, is a link to {target}, which"
        " cannot be found: connect or mount the disk that holds it, then try again. Nothing"
        " was created or changed."
    )
    assert sorted(tmp_path.rglob("*")) == before


def test_a_platform_folder_named_cartable_is_said_as_the_cartable_folder(tmp_path: Path) -> None:
    """The logs' folder is ~/.local/state/Cartable/log: its `Cartable` is the learner's own."""
    state = tmp_path / ".local" / "state" / "Cartable"
    _unplugged(tmp_path, state)
    paths = Paths(tmp_path / "data", tmp_path / "config", tmp_path / "cache", state / "log")
    with pytest.raises(FolderMissing) as raised:
        paths.ensure()
    assert raised.value.link == state and not raised.value.holder
    assert str(raised.value).startswith(f"Your Cartable folder {state} is a link to ")
    assert not (tmp_path / "data").exists()


def test_a_cartable_home_that_is_a_link_to_a_disk_not_there_makes_nothing(
    tmp_path: Path,
) -> None:
    """A portable install: CARTABLE_HOME itself a link to a USB disk's folder, the disk not
    plugged in, its mount point left empty. The link was resolved before ensure() looked at
    it, so a fresh empty installation was made under the mount point, and used (exit 0)."""
    home = tmp_path / "cartable-home"
    target = _unplugged(tmp_path, home)
    target.parent.mkdir(parents=True)  # the mount point, empty
    ran = run_cli("-m", "player", "profiles", "list", env={"CARTABLE_HOME": str(home)})
    assert ran.returncode == 1 and ran.stdout == ""
    assert ran.stderr.splitlines() == [_said(home, target)]
    assert not any(target.parent.iterdir()) and home.is_symlink()


def _loop(link: Path) -> None:
    """`link` leads back to itself, through another link."""
    link.parent.mkdir(parents=True, exist_ok=True)
    other = link.with_name(f"{link.name}-other")
    link.symlink_to(other)
    other.symlink_to(link)


@pytest.mark.parametrize(
    ("where", "which"),
    [
        ("home/data", "Your Cartable folder {link}"),
        ("home", "Your Cartable folder {link}"),
        ("share", "The folder {link}, which holds your Cartable folder,"),
    ],
)
def test_a_folder_that_leads_back_to_itself_is_said_so(
    tmp_path: Path, where: str, which: str
) -> None:
    """A link loop was said as a disk not plugged in ("...is a link to ..., which cannot be
    found: connect or mount the disk"), or, CARTABLE_HOME itself, a traceback ("Symlink
    loop", from its resolve)."""
    link = tmp_path / where
    _loop(link)
    home = link / "Cartable" if where == "share" else tmp_path / "home"
    before = sorted(tmp_path.rglob("*"))
    ran = run_cli("-m", "player", "profiles", "list", env={"CARTABLE_HOME": str(home)})
    assert ran.returncode == 1 and ran.stdout == ""
    assert ran.stderr.splitlines() == [
        f"cartable: {which.format(link=link)} is a link that leads back to itself: correct the"
        " link, then try again. Nothing was created or changed."
    ]
    assert sorted(tmp_path.rglob("*")) == before


def test_a_cartable_home_through_a_link_then_dotdot_is_where_the_system_goes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """CARTABLE_HOME=via/../x with `via` a link to disk/inner: the system goes to disk/x (the
    link's target's parent); os.path.abspath took away `via/..` before the link was followed,
    and the player used ./x, another installation."""
    (tmp_path / "disk" / "inner").mkdir(parents=True)
    (tmp_path / "disk" / "x").mkdir()
    (tmp_path / "via").symlink_to(tmp_path / "disk" / "inner")
    monkeypatch.chdir(tmp_path)
    paths = user_paths({HOME_ENV: "via/../x"})
    assert paths.home == tmp_path / "disk" / "x" == Path("via/../x").resolve()
    assert paths.data == tmp_path / "disk" / "x" / "data"
    paths.ensure()
    assert not (tmp_path / "x").exists() and (tmp_path / "disk" / "x" / "data").is_dir()


def test_a_link_named_cartable_holding_cartable_home_is_said_as_a_holder(tmp_path: Path) -> None:
    """CARTABLE_HOME=…/Cartable/home, its `Cartable` a link to a disk not plugged in: the link
    holds the learner's folder, not it (a platform folder named Cartable is, only without
    CARTABLE_HOME)."""
    link = tmp_path / "Cartable"
    target = _unplugged(tmp_path, link)
    home = link / "home"
    with pytest.raises(FolderMissing) as raised:
        user_paths({HOME_ENV: str(home)}).ensure()
    assert (raised.value.link, raised.value.target) == (link, str(target))
    assert raised.value.holder
    assert str(raised.value).startswith(
        f"The folder {link}, which holds your Cartable folder, is a link to {target}, which"
    )
