"""A course removed while it is being installed (`cartable courses remove` while the player, or
`cartable import`, installs it): the removal waits for the course's lock, the install that
started first finishes whole, then the removal takes all of it; neither sees the other half
done."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from player.course.signing import PrivateKey
from tests.unit.test_library_replace import archive, stored
from tests.unit.test_library_switch import child, library

# An install of the archive in argv[2] that stops just before it switches `current`, under the
# course's lock, until the file argv[3] appears.
PAUSED_SWITCH = """
go = Path(sys.argv[3])
real_write = m.write_atomic
def write_atomic(path, *args, **kwargs):
    print("paused", flush=True)
    deadline = time.monotonic() + 60
    while not go.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return real_write(path, *args, **kwargs)
m.write_atomic = write_atomic

(item,) = lib.install_archive(Path(sys.argv[2]))
print("installed", item.version, flush=True)
"""


def test_a_removal_waits_for_an_install_under_way_then_removes_it_whole(tmp_path: Path) -> None:
    key = PrivateKey.generate()
    lib = library(tmp_path, key)
    _, first = archive(tmp_path, key, "1.0.0", 1)
    _, update = archive(tmp_path, key, "2.0.0", 2)
    lib.install_archive(first)
    go = tmp_path / "go"
    with child(PAUSED_SWITCH, tmp_path, update, go) as proc:  # `cartable import` of the update
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert line == "paused\n", (line, proc.stderr.read() if proc.stderr else "")

        removed: list[bool] = []
        errors: list[BaseException] = []

        def remove() -> None:  # the player's removal, meanwhile
            try:
                removed.append(library(tmp_path).uninstall("maths"))
            except BaseException as exc:
                errors.append(exc)

        removal = threading.Thread(target=remove)
        removal.start()
        time.sleep(0.5)
        assert removal.is_alive() and removed == [] and errors == [], "the removal did not wait"
        assert (tmp_path / "courses" / "maths" / "current").is_file()

        go.touch()
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        assert out == "installed 2.0.0\n"  # the install finished whole, unharmed by the removal
    removal.join(30)
    assert not removal.is_alive() and errors == [] and removed == [True]

    fresh = library(tmp_path)
    assert fresh.get("maths") is None and fresh.installed() == []
    assert not (tmp_path / "courses" / "maths").exists()
    assert stored(fresh) == set()  # the update's files went with it


def test_two_removals_at_once_remove_the_course_once(tmp_path: Path) -> None:
    """The second removal, waiting while the first held the lock, finds the course gone."""
    key = PrivateKey.generate()
    lib = library(tmp_path, key)
    lib.install_archive(archive(tmp_path, key, "1.0.0", 1)[1])
    results: list[bool] = []
    with lib._course_lock("maths"):  # an install's switch under way
        removals = [
            threading.Thread(target=lambda: results.append(library(tmp_path).uninstall("maths")))
            for _ in range(2)
        ]
        for removal in removals:
            removal.start()
        time.sleep(0.3)
        assert results == [] and (tmp_path / "courses" / "maths" / "current").is_file()
    for removal in removals:
        removal.join(30)
    assert sorted(results) == [False, True]
    assert library(tmp_path).get("maths") is None
