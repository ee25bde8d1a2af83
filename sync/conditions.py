"""When downloading is allowed: network reachability told from outside, and a daily time window.

Qt's QNetworkInformation lives in the UI; the engines only see these plain objects, which the UI
feeds and tests drive.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import datetime, time, timedelta


class Reachability:
    """Whether the network is up, as last told by `set_online` (thread-safe).

    Every offline -> online transition bumps `generation`, so a waiting engine can tell that the
    network came back even if it went down again before the engine looked.
    """

    def __init__(self, online: bool = True) -> None:
        self._cond = threading.Condition()
        self._online = online
        self._generation = 0

    @property
    def online(self) -> bool:
        return self._online

    @property
    def generation(self) -> int:
        return self._generation

    def set_online(self, online: bool) -> None:
        with self._cond:
            if online and not self._online:
                self._generation += 1
            self._online = online
            self._cond.notify_all()

    def wait_change(self, generation: int, timeout: float) -> bool:
        """Block until the network came back since `generation` (True) or `timeout` passed."""
        with self._cond:
            return self._cond.wait_for(lambda: self._generation != generation, timeout)


_HHMM = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


@dataclass(frozen=True)
class TimeWindow:
    """A daily window, e.g. 22:00-06:00 (crossing midnight). start == end means all day."""

    start: time
    end: time

    @classmethod
    def parse(cls, text: str) -> TimeWindow:
        """`"22:00-06:00"` (also with spaces or an en dash)."""
        parts = re.split(r"\s*[-–]\s*", text.strip())
        if len(parts) != 2:
            raise ValueError(f"time window must look like 22:00-06:00, got {text!r}")
        times = []
        for part in parts:
            match = _HHMM.match(part)
            if not match:
                raise ValueError(f"time window must look like 22:00-06:00, got {text!r}")
            times.append(time(int(match.group(1)), int(match.group(2))))
        return cls(times[0], times[1])

    def contains(self, moment: time) -> bool:
        moment = moment.replace(tzinfo=None)
        if self.start == self.end:
            return True
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def seconds_until_open(self, now: datetime) -> float:
        """0 inside the window, else the seconds until it next opens (local wall clock)."""
        if self.contains(now.time()):
            return 0.0
        opening = now.replace(
            hour=self.start.hour, minute=self.start.minute, second=0, microsecond=0
        )
        if opening <= now:
            opening += timedelta(days=1)
        return (opening - now).total_seconds()

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"
