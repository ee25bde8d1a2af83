"""The global token bucket, on an injected clock: the cap is enforced byte for byte, live."""

from __future__ import annotations

import pytest

from sync.ratelimit import RateLimiter


class FakeClock:
    """Time that moves only when someone sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.slept = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        assert seconds > 0
        self.now += seconds
        self.slept += seconds


def limiter(rate: float, burst: float = 10_000) -> tuple[RateLimiter, FakeClock]:
    clock = FakeClock()
    return RateLimiter(rate, burst=burst, clock=clock, sleep=clock.sleep), clock


def test_cap_is_enforced_over_many_chunks() -> None:
    bucket, clock = limiter(1_000_000)
    for _ in range(300):
        bucket.consume(100_000)
    # 30 MB at 1 MB/s: 30 s, less the initial 10 KB burst.
    assert clock.slept == pytest.approx(29.99, abs=1e-6)


def test_unlimited_never_waits() -> None:
    bucket, clock = limiter(0)
    for _ in range(100):
        bucket.consume(10_000_000)
    assert clock.slept == 0
    assert bucket.chunk_size(1 << 20) == 1 << 20


def test_idle_time_refills_only_up_to_the_burst() -> None:
    bucket, clock = limiter(1000, burst=500)
    bucket.consume(500)
    assert clock.slept == 0
    clock.now += 3600  # an hour idle earns one burst, not an hour of bytes
    bucket.consume(2500)
    assert clock.slept == pytest.approx(2.0)


def test_rate_changes_live_and_zero_lifts_the_cap() -> None:
    bucket, clock = limiter(1000, burst=1)
    bucket.consume(1001)
    assert clock.slept == pytest.approx(1.0)
    bucket.set_rate(4000)
    bucket.consume(4000)
    assert clock.slept == pytest.approx(1.0 + 1.0, abs=1e-3)
    bucket.set_rate(0)
    bucket.consume(10**9)
    assert clock.slept == pytest.approx(2.0, abs=1e-3)
    assert bucket.rate == 0


def test_a_waiting_thread_sees_a_new_rate_and_keeps_its_debt() -> None:
    clock = FakeClock()
    bucket: RateLimiter

    def sleep(seconds: float) -> None:
        if clock.slept == 0:
            bucket.set_rate(10_000)  # the user raises the cap while a thread waits
        clock.sleep(seconds)

    bucket = RateLimiter(1000, burst=1, clock=clock, sleep=sleep)
    bucket.consume(10_001)  # 10 s owed at 1000 B/s
    # The cap rose before any time passed: the 10,000 bytes owed take 1 s at 10,000 B/s (not
    # the 10 s of the old rate, and not 0: the debt is kept).
    assert clock.slept == pytest.approx(1.0, abs=1e-6)


def test_two_consumers_share_one_budget() -> None:
    bucket, clock = limiter(1000, burst=1)
    for _ in range(10):
        bucket.consume(100)  # one thread
        bucket.consume(100)  # another
    assert clock.slept == pytest.approx(2.0, abs=1e-2)


def test_chunk_size_follows_the_burst() -> None:
    bucket, _ = limiter(1_000_000, burst=50_000)
    assert bucket.chunk_size(1 << 20) == 50_000
    slow = RateLimiter(100)  # default burst: at least 16 KiB
    assert slow.chunk_size(1 << 20) == 16 * 1024


def test_negative_rate_is_refused() -> None:
    with pytest.raises(ValueError, match=">= 0"):
        RateLimiter(-1)
