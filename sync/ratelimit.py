"""A token bucket shared by every download thread: one global bandwidth cap, settable live.

Consumers take tokens *after* reading (the exact byte count), so the bucket may go into debt; the
reader then waits until the debt is paid back. Over any long interval the rate is exact whatever
the chunk sizes, and many threads share one budget without starving each other.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

#: Longest single sleep: a live rate change or a cancellation is seen within this delay.
MAX_SLICE_SECONDS = 0.25


class RateLimiter:
    """Global token bucket. `rate` is bytes per second; 0 means unlimited.

    `burst` is the bucket size (how far a thread may run ahead after an idle pause); by default
    a tenth of a second of the rate, at least 16 KiB. `clock` and `sleep` are injectable so tests
    check the arithmetic without waiting.
    """

    def __init__(
        self,
        rate: float = 0,
        burst: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], object] | None = None,
    ) -> None:
        self._lock = threading.Lock()
        self._clock = clock
        self._sleep = sleep
        self._fixed_burst = burst
        self._rate = 0.0
        self._burst = 0.0
        self._tokens = 0.0
        self._stamp = clock()
        self.set_rate(rate)

    @property
    def rate(self) -> float:
        return self._rate

    def set_rate(self, bytes_per_second: float) -> None:
        """Change the cap now; waiting threads see it within MAX_SLICE_SECONDS. 0 = no cap."""
        if bytes_per_second < 0:
            raise ValueError(f"bandwidth cap must be >= 0 bytes/s, got {bytes_per_second}")
        with self._lock:
            self._refill()
            self._rate = float(bytes_per_second)
            self._burst = (
                self._fixed_burst
                if self._fixed_burst is not None
                else max(16 * 1024.0, self._rate / 10)
            )
            # A new cap starts with a full bucket but never forgives debt.
            self._tokens = self._tokens if self._tokens < 0 else self._burst

    def chunk_size(self, preferred: int) -> int:
        """How much to read at once: small enough that one read does not exceed the burst."""
        rate = self._rate
        if rate <= 0:
            return preferred
        return max(4096, min(preferred, int(self._burst)))

    def consume(self, nbytes: int, cancel: threading.Event | None = None) -> None:
        """Account for `nbytes` just transferred; block while the bucket is in debt."""
        with self._lock:
            if self._rate <= 0:
                return
            self._refill()
            self._tokens -= nbytes
        self._wait_out_debt(cancel)

    def delay(self) -> float:
        """Seconds until the bucket is out of debt (0 when not in debt or unlimited)."""
        with self._lock:
            if self._rate <= 0:
                return 0.0
            self._refill()
            return max(0.0, -self._tokens / self._rate)

    def _wait_out_debt(self, cancel: threading.Event | None) -> None:
        while True:
            wait = self.delay()
            if wait < 1e-6:  # float residue of the refill arithmetic, not a real debt
                return
            wait = min(wait, MAX_SLICE_SECONDS)
            if self._sleep is not None:
                self._sleep(wait)
            elif cancel is not None:
                if cancel.wait(wait):
                    return
            else:
                time.sleep(wait)

    def _refill(self) -> None:
        now = self._clock()
        elapsed = max(0.0, now - self._stamp)
        self._stamp = now
        if self._rate > 0:
            self._tokens = min(self._burst, self._tokens + elapsed * self._rate)
