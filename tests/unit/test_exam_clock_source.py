"""The exam clock's never-going-back clock is chosen per platform so that sleep counts: on
macOS `time.monotonic` (mach_absolute_time) stops while the laptop sleeps, CLOCK_MONOTONIC does
not; on Windows GetTickCount64 counts sleep and hibernation."""

from __future__ import annotations

import ctypes
import sys
import time

import pytest

from player.store import exam_clock

LINUX_BOOTTIME = 7


class FakeClockGettime:
    """time.clock_gettime: a different reading per clock id, the ids asked recorded."""

    def __init__(self) -> None:
        self.asked: list[int] = []

    def __call__(self, clock_id: int) -> float:
        self.asked.append(clock_id)
        return 1000.0 + clock_id


@pytest.fixture
def fake_time(monkeypatch: pytest.MonkeyPatch) -> FakeClockGettime:
    fake = FakeClockGettime()
    monkeypatch.setattr(time, "clock_gettime", fake, raising=False)
    monkeypatch.setattr(time, "monotonic", lambda: 1.0)  # would stop while asleep on macOS
    monkeypatch.setattr(exam_clock, "_source", None, raising=False)
    return fake


def test_linux_counts_suspend_with_boottime(
    monkeypatch: pytest.MonkeyPatch, fake_time: FakeClockGettime
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(time, "CLOCK_BOOTTIME", LINUX_BOOTTIME, raising=False)
    chosen = exam_clock.choose_boot_clock()
    assert chosen.name == "CLOCK_BOOTTIME"
    assert chosen.read() == 1000.0 + LINUX_BOOTTIME
    assert fake_time.asked == [LINUX_BOOTTIME]


def test_macos_reads_clock_monotonic_not_time_monotonic(
    monkeypatch: pytest.MonkeyPatch, fake_time: FakeClockGettime
) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    monkeypatch.delattr(time, "CLOCK_BOOTTIME", raising=False)  # macOS has none
    monkeypatch.setattr(time, "CLOCK_MONOTONIC", 6, raising=False)  # its value on macOS
    assert exam_clock.boot_clock() == 1006.0  # was time.monotonic(): sleep not counted
    assert fake_time.asked == [6]
    assert exam_clock.choose_boot_clock().name == "CLOCK_MONOTONIC"


class FakeKernel32:
    def __init__(self) -> None:
        self.GetTickCount64 = FakeTickCount()


class FakeTickCount:
    restype: object = None
    argtypes: object = None

    def __call__(self) -> int:
        return 86_400_123  # milliseconds since boot, sleep and hibernation included


def test_windows_reads_get_tick_count64(
    monkeypatch: pytest.MonkeyPatch, fake_time: FakeClockGettime
) -> None:
    kernel32 = FakeKernel32()
    loaded: list[str] = []

    def win_dll(name: str) -> FakeKernel32:
        loaded.append(name)
        return kernel32

    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.delattr(time, "CLOCK_BOOTTIME", raising=False)
    monkeypatch.setattr(ctypes, "WinDLL", win_dll, raising=False)
    assert exam_clock.boot_clock() == pytest.approx(86_400.123)
    assert loaded == ["kernel32"]
    assert kernel32.GetTickCount64.restype is ctypes.c_uint64  # not truncated to 32 bits
    assert fake_time.asked == []


def test_other_systems_fall_back(
    monkeypatch: pytest.MonkeyPatch, fake_time: FakeClockGettime
) -> None:
    monkeypatch.setattr(sys, "platform", "freebsd14")
    monkeypatch.setattr(time, "CLOCK_BOOTTIME", 5, raising=False)
    assert exam_clock.choose_boot_clock().name == "CLOCK_BOOTTIME"
    monkeypatch.delattr(time, "CLOCK_BOOTTIME")
    chosen = exam_clock.choose_boot_clock()
    assert (chosen.name, chosen.read()) == ("time.monotonic", 1.0)


def test_the_clock_is_chosen_once(
    monkeypatch: pytest.MonkeyPatch, fake_time: FakeClockGettime
) -> None:
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(time, "CLOCK_BOOTTIME", LINUX_BOOTTIME, raising=False)
    exam_clock.boot_clock()
    monkeypatch.setattr(sys, "platform", "darwin")
    assert exam_clock.boot_clock() == 1000.0 + LINUX_BOOTTIME


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the real Linux clock")
def test_the_real_clock_on_linux() -> None:
    chosen = exam_clock.choose_boot_clock()
    assert chosen.name == "CLOCK_BOOTTIME"
    first = chosen.read()
    assert chosen.read() >= first
