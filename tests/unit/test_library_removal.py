"""A course removed while it is being installed (`cartable courses remove` while the player, or
`cartable import`, installs it): the removal waits for the course's lock, the install that
started first finishes whole, then the removal takes all of it; neither sees the other half
done."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import player.library.library as library_module
from player.course.signing import PrivateKey
from sync.interprocess import LockBusy
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


class Locking:
    """The threads asking for a course's lock and not holding it yet (course_lock wrapped), so
    that a test waits until a removal waits for the lock rather than a fixed time."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seen = threading.Condition()
        self.waiting: set[int] = set()
        real = library_module.course_lock

        @contextlib.contextmanager
        def course_lock(*args: object) -> Iterator[None]:
            me = threading.get_ident()
            with self.seen:
                self.waiting.add(me)
                self.seen.notify_all()
            try:
                with real(*args):  # type: ignore[arg-type]
                    self._discard(me)
                    yield
            finally:
                self._discard(me)

        monkeypatch.setattr(library_module, "course_lock", course_lock)

    def _discard(self, me: int) -> None:
        with self.seen:
            self.waiting.discard(me)
            self.seen.notify_all()

    def until(self, done: Callable[[set[int]], bool]) -> None:
        """Wait (60 s guard) until `done(waiting threads)`."""
        with self.seen:
            ready = self.seen.wait_for(lambda: done(self.waiting), timeout=60)
            assert ready, "after 60 s, not waiting for the course's lock and not ended"


def test_a_removal_waits_for_an_install_under_way_then_removes_it_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
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

        locking = Locking(monkeypatch)
        removal = threading.Thread(target=remove)
        removal.start()
        # Until it waits for the course's lock, or has ended (a removal that did not wait).
        locking.until(lambda waiting: removal.ident in waiting or not removal.is_alive())
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


def test_two_removals_at_once_remove_the_course_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second removal, waiting while the first held the lock, finds the course gone."""
    key = PrivateKey.generate()
    lib = library(tmp_path, key)
    lib.install_archive(archive(tmp_path, key, "1.0.0", 1)[1])
    results: list[bool] = []
    locking = Locking(monkeypatch)
    with lib._course_lock("maths"):  # an install's switch under way
        removals = [
            threading.Thread(target=lambda: results.append(library(tmp_path).uninstall("maths")))
            for _ in range(2)
        ]
        for removal in removals:
            removal.start()
        # Until both wait for the lock, or one has ended (a removal that did not wait).
        locking.until(
            lambda waiting: (
                {r.ident for r in removals} <= waiting or not all(r.is_alive() for r in removals)
            )
        )
        assert results == [] and (tmp_path / "courses" / "maths" / "current").is_file()
    for removal in removals:
        removal.join(30)
    assert sorted(results) == [False, True]
    assert library(tmp_path).get("maths") is None


def test_a_lock_held_for_a_removal_refuses_others_and_goes_with_the_removal_on_another_thread(
    tmp_path: Path,
) -> None:
    """The player takes the course's lock (`hold`) before it closes the course, then removes it
    on another worker: meanwhile no one else takes the lock; the removal releases it."""
    key = PrivateKey.generate()
    lib = library(tmp_path, key)
    lib.install_archive(archive(tmp_path, key, "1.0.0", 1)[1])
    with lib._course_lock("maths"), pytest.raises(LockBusy):  # an install's switch under way
        lib.hold("maths", wait=0.05)
    held = lib.hold("maths", wait=0.05)
    with pytest.raises(LockBusy):
        library(tmp_path).uninstall("maths", wait=0.05)
    assert lib.get("maths") is not None
    results: list[bool] = []
    worker = threading.Thread(target=lambda: results.append(lib.uninstall("maths", held=held)))
    worker.start()
    worker.join(60)
    assert results == [True] and library(tmp_path).get("maths") is None
    with lib.hold("maths", wait=0.05) as again:  # released: taken again at once
        assert library(tmp_path).uninstall("maths", held=again) is False
    with pytest.raises(ValueError):
        lib.hold("..")
