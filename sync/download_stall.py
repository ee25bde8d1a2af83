"""The stalled-transfer rule of a download: too few bytes while waiting on the server.

The read timeout counts between two bytes only, so a server that trickles a byte within it
holds a download for ever (a byte every 29 s). The rule: fewer than `minimum` bytes in `window`
seconds of waiting on the server is a stall, failing the attempt like a silent server (it
resumes with a Range, so nothing is lost). Only the time spent in a read counts: a download held
back by the speed limit sleeps between reads, and that is not the server's doing, so no limit,
however low, looks like a stall. A read under way is cut off by the watchdog (sync/http_stop.py)
once the window's time is spent: a single read may otherwise block a long time (a TLS record,
a chunk-size line trickled a byte at a time).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from sync.http_stop import Watch


class Stalled(Exception):
    """Too few bytes came while waiting on the server; `str()` says how few in how long."""


class StallRule:
    """Reads through `read`, counting bytes and the time spent waiting on each read."""

    def __init__(self, window: float, minimum: int, watch: Watch | None) -> None:
        self.window = window
        self.minimum = minimum
        self._watch = watch
        self._left = window
        self._bytes = 0

    def read(self, read: Callable[[int], bytes], size: int) -> bytes:
        watch = self._watch
        began = time.monotonic()
        if watch is not None:
            watch.deadline = began + self._left
        try:
            data = read(size)
        except Exception as exc:
            if watch is not None and watch.expired:
                raise self._stalled() from exc
            raise
        finally:
            if watch is not None:
                watch.deadline = None
        self._left -= time.monotonic() - began
        self._bytes += len(data)
        if watch is not None and watch.expired:  # cut off: what is left may look like an end
            raise self._stalled()
        if self._bytes >= self.minimum:  # this window is good: the next one starts
            self._left = self.window
            self._bytes = 0
        elif self._left <= 0:
            raise self._stalled()
        return data

    def _stalled(self) -> Stalled:
        if self._bytes == 0:  # a silence, said as the read timeout says it: the window is the
            return Stalled("timed out (no data)")  # read timeout, so either may fire first
        return Stalled(f"stalled (only {self._bytes} bytes in {self.window:g} s)")
