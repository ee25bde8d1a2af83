"""Daily time window (crossing midnight) and the injectable reachability source."""

from __future__ import annotations

import threading
from datetime import datetime, time

import pytest

from sync.conditions import Reachability, TimeWindow


def test_window_crossing_midnight() -> None:
    window = TimeWindow.parse("22:00-06:00")
    assert window.contains(time(22, 0))
    assert window.contains(time(23, 59))
    assert window.contains(time(0, 0))
    assert window.contains(time(5, 59))
    assert not window.contains(time(6, 0))
    assert not window.contains(time(12, 0))
    assert not window.contains(time(21, 59))
    assert str(window) == "22:00-06:00"


def test_window_same_day_and_all_day() -> None:
    day = TimeWindow.parse(" 9:30 – 17:00 ")
    assert day.contains(time(9, 30)) and day.contains(time(16, 59))
    assert not day.contains(time(17, 0)) and not day.contains(time(3, 0))
    assert TimeWindow.parse("00:00-00:00").contains(time(13, 0))


def test_seconds_until_the_window_opens() -> None:
    window = TimeWindow.parse("22:00-06:00")
    assert window.seconds_until_open(datetime(2026, 11, 26, 23, 0)) == 0
    assert window.seconds_until_open(datetime(2026, 11, 26, 21, 0)) == 3600
    assert window.seconds_until_open(datetime(2026, 11, 26, 6, 0)) == 16 * 3600


@pytest.mark.parametrize("text", ["22-06", "25:00-06:00", "22:00", "22:00-06:00-07:00", ""])
def test_bad_window_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match="22:00-06:00"):
        TimeWindow.parse(text)


def test_reachability_counts_returns_of_the_network() -> None:
    reach = Reachability(online=False)
    start = reach.generation
    assert not reach.wait_change(start, 0.01)
    reach.set_online(False)
    assert reach.generation == start
    waiter_saw: list[bool] = []
    thread = threading.Thread(target=lambda: waiter_saw.append(reach.wait_change(start, 30)))
    thread.start()
    reach.set_online(True)
    thread.join()
    assert waiter_saw == [True]
    assert reach.online and reach.generation == start + 1
    reach.set_online(True)  # already online: not a return
    assert reach.generation == start + 1
