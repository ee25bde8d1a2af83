"""The update check's timing and conditions (player/ui/update_check.py) with fakes: an injectable
wall clock, a fetch that only counts, the conditions as plain flags. No network, no sleep; the
real catalogs behind nginx: tests/ui/test_update_check_nginx.py."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from player.library.catalogs import Browse, CatalogCourse, CourseState
from player.settings import Settings
from player.ui.update_check import POLL_MS, UpdateCheck
from sync.catalog_parse import CatalogEntry

HOUR = 3600.0


@dataclass
class FakeContext:
    settings: Settings = field(default_factory=Settings)
    saved: list[float] = field(default_factory=list)

    def save_settings(self) -> None:
        self.saved.append(self.settings.updates_checked_at)


@dataclass
class World:
    """What UpdateCheck asks of the player: its clock, the profile, the network."""

    now: float = 1_800_000_000.0
    studying: bool = True
    online: bool = True
    unmetered: bool = True
    folders: bool = False  # a catalog is a folder (a USB stick)
    reading: bool = False  # a read under way (the Catalog's, or this check's)
    fetches: int = 0
    networks: list[bool] = field(default_factory=list)  # each read's `network`

    def clock(self) -> float:
        return self.now

    def fetch(self, network: bool) -> None:
        self.fetches += 1
        self.networks.append(network)


def made(world: World, context: FakeContext | None = None) -> tuple[UpdateCheck, FakeContext]:
    context = context or FakeContext()
    check = UpdateCheck(
        context,  # type: ignore[arg-type]
        world.fetch,
        studying=lambda: world.studying,
        online=lambda: world.online,
        unmetered=lambda: world.unmetered,
        folders=lambda: world.folders,
        reading=lambda: world.reading,
        clock=world.clock,
    )
    check.start(first_ms=POLL_MS)  # the tests look themselves (`consider`)
    return check, context


def test_nothing_is_read_before_the_downloads_start() -> None:
    """GettingCourses.attach makes it with the controller; only `start` (after the first paint
    and the downloads' resumes) lets it ask: a profile opened at start waits for that too."""
    world = World()
    check = UpdateCheck(
        FakeContext(),  # type: ignore[arg-type]
        world.fetch,
        studying=lambda: True,
        online=lambda: True,
        unmetered=lambda: True,
        clock=world.clock,
    )
    assert not check.consider()
    check.start(first_ms=POLL_MS)
    assert check.consider() and world.fetches == 1


def test_the_catalogs_are_read_once_then_again_every_six_hours() -> None:
    world = World()
    check, context = made(world)
    assert check.consider() and world.fetches == 1  # never checked: at once
    check.fetched()
    assert context.saved == [world.now]  # remembered across restarts (the settings file)
    world.now += 5 * HOUR + 3500
    assert not check.consider() and world.fetches == 1
    world.now += 100
    assert check.consider() and world.fetches == 2


def test_a_restart_within_six_hours_reads_nothing() -> None:
    world = World()
    context = FakeContext()
    context.settings.updates_checked_at = world.now - 2 * HOUR  # the last run's check
    check, _ = made(world, context)
    assert not check.consider()
    world.now += 4 * HOUR
    assert check.consider() and world.fetches == 1


def test_the_catalogs_read_for_the_catalog_page_count_as_a_check() -> None:
    """`fetched` is the browser's, whoever asked: the learner's Ctrl+K an hour ago is enough."""
    world = World()
    check, _ = made(world)
    check.fetched()
    world.now += HOUR
    assert not check.consider() and world.fetches == 0


def test_a_look_while_a_read_runs_asks_nothing_and_logs_nothing(caplog) -> None:  # type: ignore[no-untyped-def]
    """A first start logged "looking for course updates" twice, 1 ms apart (run f4): two looks
    while the first's read ran, the second dropped by the browser but logged. A read under way,
    this check's or the Catalog's, is the check: its end (`fetched`) says so."""
    caplog.set_level(logging.INFO, logger="player.ui.update_check")
    world = World()
    check, context = made(world)
    assert check.consider() and world.fetches == 1
    world.reading = True
    assert not check.consider() and world.fetches == 1
    assert [r.getMessage() for r in caplog.records] == [
        "looking for course updates in the catalogs"
    ]
    world.reading = False
    check.fetched()
    assert context.saved == [world.now] and not check.consider()


def test_nothing_is_read_while_a_condition_says_no() -> None:
    world = World()
    check, context = made(world)
    settings = context.settings
    world.studying = False  # the chooser: whoever sits down is nobody's session
    assert not check.consider()
    world.studying, world.online = True, False
    assert not check.consider()
    world.online, world.unmetered, settings.unmetered_only = True, False, True
    assert not check.consider()
    settings.unmetered_only, settings.check_updates = False, False
    assert not check.consider()
    assert world.fetches == 0
    settings.check_updates = True
    assert check.consider() and world.fetches == 1  # metered, but downloads may use it
    check.stop()
    world.now += 24 * HOUR
    assert not check.consider() and world.fetches == 1  # quitting


def test_a_folder_catalog_is_read_without_the_network() -> None:
    """An offline lab with a USB stick's catalog is told of its updates: the folders alone are
    read, without the network, offline or on a metered connection downloads must not use
    (review r14 #5)."""
    world = World(online=False, folders=True)
    check, context = made(world)
    assert check.consider() and world.networks == [False]
    check.fetched(True)  # the stick read
    world.now += 6 * HOUR
    world.online, world.unmetered, context.settings.unmetered_only = True, False, True
    assert check.consider() and world.networks == [False, False]
    check.fetched(True)
    world.now += 6 * HOUR
    world.unmetered = True
    assert check.consider() and world.networks == [False, False, True]
    world.folders = False
    world.online = False
    world.now += 6 * HOUR
    assert not check.consider()


def test_a_read_of_offline_copies_while_offline_is_no_check() -> None:
    """A Catalog visit on the bus reads nothing fresh: the check stays due, made once online
    (it held it for six hours: review r14 #4). Online, a server down counts: asked again in
    six hours, not every quarter of an hour."""
    world = World(online=False)
    check, context = made(world)
    check.fetched(False)
    assert context.settings.updates_checked_at == 0.0
    world.online = True
    assert check.consider() and world.fetches == 1
    check.fetched(False)  # the server did not answer
    assert context.settings.updates_checked_at == world.now
    world.now += HOUR
    assert not check.consider()


def test_a_clock_set_back_does_not_hold_the_checks() -> None:
    world = World()
    context = FakeContext()
    context.settings.updates_checked_at = world.now + 400 * 24 * HOUR
    check, _ = made(world, context)
    assert check.consider()


def test_the_poll_timer_looks_again_with_the_clock(qtbot) -> None:  # type: ignore[no-untyped-def]
    world = World()
    check, _ = made(world)
    check.start(first_ms=0)
    qtbot.waitUntil(lambda: world.fetches == 1, timeout=5000)  # the first look
    assert check.timer.isActive() and check.timer.interval() == POLL_MS
    check.fetched()
    check.timer.timeout.emit()
    assert world.fetches == 1
    world.now += 6 * HOUR
    check.timer.timeout.emit()  # the next look, hours later
    assert world.fetches == 2
    check.stop()
    assert not check.timer.isActive()


def offered(version: str, state: CourseState, **refusal: str) -> CatalogCourse:
    entry = CatalogEntry(
        "maths", version, "Maths", "fr", "", "Université", 10, 1,
        f"courses/maths/{version}/course.json", "0" * 64, 100,
    )  # fmt: skip
    return CatalogCourse(entry, "http://example.org/", "Test", state, "1.0.0", 10, True, **refusal)


def test_each_browse_says_the_updates_when_they_change(qtbot) -> None:  # type: ignore[no-untyped-def]
    world = World()
    check, _ = made(world)
    said: list[dict[str, str]] = []
    check.updates_changed.connect(lambda _u: said.append(check.versions()))
    check.browsed(Browse((), (offered("1.0.1", CourseState.UPDATE),)), set())
    check.browsed(Browse((), (offered("1.0.1", CourseState.UPDATE),)), set())
    check.browsed(Browse((), (offered("1.0.1", CourseState.UPDATE, untrusted_key="k"),)), set())
    check.browsed(Browse((), (offered("1.0.1", CourseState.INSTALLED),)), set())
    assert said == [{"maths": "1.0.1"}, {}]
